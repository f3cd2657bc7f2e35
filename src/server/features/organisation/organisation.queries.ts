import { sql, type Kysely } from 'kysely';
import type { CodeSet, DB } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';

/** Public routes serve one county: the one named by `county`, or the installation's first. */
export async function resolveCountyId(db: Kysely<DB>, code?: string): Promise<string> {
  let q = db.selectFrom('county').select('id').orderBy('code').limit(1);
  if (code) q = q.where('code', '=', code);
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found', code ? `No county with the code ${code}.` : 'No county has been set up yet: create one with npm run admin -- county add <code> --name <name>.');
  return row.id;
}

export async function phoneLinesWithHours(db: Kysely<DB>, countyId: string, includeAuthorityLines: boolean) {
  let q = db
    .selectFrom('phone_line as l')
    .leftJoin('region as r', 'r.id', 'l.region_id')
    .select(['l.id', 'l.code', 'l.menu_number', 'l.service_area', 'l.authority_only', 'l.phone_number', 'l.name_fi', 'l.name_sv', 'l.name_en', 'r.code as region_code', 'r.name_fi as region_fi', 'r.name_sv as region_sv', 'r.name_en as region_en'])
    .where('l.county_id', '=', countyId)
    .where('l.active', '=', true)
    .orderBy(sql`r.code nulls first`)
    .orderBy('l.menu_number', 'asc')
    .orderBy('l.code', 'asc');
  if (!includeAuthorityLines) q = q.where('l.authority_only', '=', false);
  const lines = await q.execute();
  const ids = lines.map((l) => l.id);
  const [slots, exceptions] = ids.length === 0 ? [[], []] : await Promise.all([
    db.selectFrom('opening_slot').select(['phone_line_id', 'weekday', 'opens', 'closes']).where('phone_line_id', 'in', ids).orderBy('weekday').orderBy('opens').execute(),
    db.selectFrom('opening_exception').select(['phone_line_id', 'day', 'opens', 'closes', 'note']).where('phone_line_id', 'in', ids).execute(),
  ]);
  return lines.map((l) => ({
    ...l,
    slots: slots.filter((s) => s.phone_line_id === l.id),
    exceptions: exceptions.filter((e) => e.phone_line_id === l.id),
  }));
}

export async function codesOf(db: Kysely<DB>, countyId: string, codeSet?: CodeSet) {
  let q = db.selectFrom('code').select(['code_set', 'code', 'label_fi', 'label_sv', 'label_en', 'active', 'sort_order']).where('county_id', '=', countyId).orderBy('code_set').orderBy('sort_order');
  if (codeSet) q = q.where('code_set', '=', codeSet);
  return q.execute();
}
