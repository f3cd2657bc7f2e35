import { sql, type Kysely } from 'kysely';
import type { CodeSet, DB } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';
import { TtlCache } from '../../platform/ttl-cache.js';

/**
 * Every public request asks which county it serves; counties are set up once. The answer is kept
 * for a minute per database (a refused lookup is not kept, so a county added later is found).
 */
const countyIds = new WeakMap<Kysely<DB>, TtlCache<string>>();

/** Public routes serve one county: the one named by `county`, or the installation's first. */
export function resolveCountyId(db: Kysely<DB>, code?: string): Promise<string> {
  const cache = countyIds.get(db) ?? countyIds.set(db, new TtlCache<string>(60_000)).get(db)!;
  return cache.get(code ?? '', async () => {
    let q = db.selectFrom('county').select('id').orderBy('code').limit(1);
    if (code) q = q.where('code', '=', code);
    const row = await q.executeTakeFirst();
    if (!row) throw new AppError(404, 'not_found', code ? `No county with the code ${code}.` : 'No county has been set up yet: create one with npm run admin -- county add <code> --name <name>.');
    return row.id;
  });
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

/** A receiving unit of the county by its code, active or not (the caller says what an inactive one means). */
export function receivingUnitByCode(db: Kysely<DB>, countyId: string, code: string) {
  return db.selectFrom('receiving_unit').select(['id', 'code', 'active', 'client_contact_days', 'in_opastin']).where('county_id', '=', countyId).where('code', '=', code).executeTakeFirst();
}

export type LabelKind = CodeSet | 'line' | 'region' | 'municipality';
export type Lang3 = 'fi' | 'sv' | 'en';

/** Labels of every code, line, region and municipality of a county, for reports in the reader's language. */
export async function countyLabels(db: Kysely<DB>, countyId: string): Promise<(kind: LabelKind, code: string, lang: Lang3) => string | undefined> {
  const [codes, lines, regions, municipalities] = await Promise.all([
    codesOf(db, countyId),
    db.selectFrom('phone_line').select(['code', 'name_fi', 'name_sv', 'name_en']).where('county_id', '=', countyId).execute(),
    db.selectFrom('region').select(['code', 'name_fi', 'name_sv', 'name_en']).where('county_id', '=', countyId).execute(),
    db.selectFrom('municipality').select(['code', 'name_fi', 'name_sv', 'name_fi as name_en']).where('county_id', '=', countyId).execute(),
  ]);
  const map = new Map<string, { fi: string; sv: string; en: string }>();
  for (const c of codes) map.set(`${c.code_set}:${c.code}`, { fi: c.label_fi, sv: c.label_sv, en: c.label_en });
  for (const [kind, rows] of [['line', lines], ['region', regions], ['municipality', municipalities]] as const) {
    for (const r of rows) map.set(`${kind}:${r.code}`, { fi: r.name_fi, sv: r.name_sv, en: r.name_en });
  }
  return (kind, code, lang) => map.get(`${kind}:${code}`)?.[lang];
}
