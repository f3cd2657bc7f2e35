import { sql, type Kysely, type Transaction } from 'kysely';
import type { AdminAction, AdminObjectType, DB } from '../../platform/schema.js';
import { AppError, type FieldError, type FieldErrorCode } from '../../platform/errors.js';
import { announceChange, recordChange, type AdminActor, lockCountyAdministration } from './history.js';
import type { AdminUnit } from './administration.schemas.js';
import type { MessageLang } from '../../../domain/messages.js';

type Db = Kysely<DB> | Transaction<DB>;
type Labels = { fi: string; sv: string; en: string };

/**
 * The county's organisation as its administrator keeps it (issue 18): regions and the
 * municipalities in them, municipalities, receiving units. Every write is one transaction with its
 * history row; after commit every process forgets its cached reference data (announceChange).
 * Another county's object does not exist here (404).
 */

type AdminFieldCode = FieldErrorCode;

export function fieldError(field: string, code: AdminFieldCode, message: string): FieldError {
  return { field, message, code };
}
export const badField = (field: string, code: AdminFieldCode, message: string) =>
  new AppError(400, 'validation_failed', message, [fieldError(field, code, message)]);
export const codeInUse = (what: string, code: string) =>
  new AppError(409, 'conflict', `The ${what} code "${code}" is already in use.`, [fieldError('body.code', 'code_in_use', `The ${what} code "${code}" is already in use.`)]);
const notFound = (what: string) => new AppError(404, 'not_found', `No such ${what} in this county.`);

/** One history entry of a write: what changed, as an administrator sees it. */
export interface Change { objectType: AdminObjectType; objectKey: string; action: AdminAction; before?: unknown; after?: unknown }

/**
 * Runs an administrative write in one transaction: `work` makes the change and says what it changed
 * (nothing: no history row, no announcement). After commit, every cache is told at once.
 */
export async function adminWrite<T>(db: Kysely<DB>, actor: AdminActor, work: (trx: Transaction<DB>) => Promise<{ value: T; changes: Change[] }>): Promise<T> {
  const { value, changes } = await db.transaction().execute(async (trx) => {
    await lockCountyAdministration(trx, actor.countyId);
    const r = await work(trx);
    for (const c of r.changes) await recordChange(trx, actor, actor.countyId, c);
    return r;
  });
  if (changes.length) await announceChange(db, { county: actor.countyId });
  return value;
}

/** The fields of `after` whose value differs from `before` (deep, by JSON): before and after of an update. */
export function diff<T extends object>(before: T, after: Partial<T>): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (after[key] === undefined) continue;
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    b[key] = before[key];
    a[key] = after[key];
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}

/** Whether a unique constraint refused the write (two administrators adding the same code at once). */
const isUniqueViolation = (err: unknown) => (err as { code?: unknown })?.code === '23505';

// ——— reads ———

async function regionsOf(db: Db, countyId: string, code?: string) {
  let q = db.selectFrom('region').select(['id', 'code', 'name_fi', 'name_sv', 'name_en']).where('county_id', '=', countyId);
  if (code) q = q.where('code', '=', code);
  const regions = await q.orderBy('name_fi').orderBy('code').execute();
  const members = regions.length === 0 ? [] : await db.selectFrom('region_municipality as rm').innerJoin('municipality as m', 'm.id', 'rm.municipality_id')
    .select(['rm.region_id', 'm.code']).where('rm.region_id', 'in', regions.map((r) => r.id)).orderBy('m.code').execute();
  return regions.map((r) => ({
    id: r.id,
    code: r.code,
    name: { fi: r.name_fi, sv: r.name_sv, en: r.name_en },
    municipalities: members.filter((m) => m.region_id === r.id).map((m) => m.code),
  }));
}

async function municipalitiesOf(db: Db, countyId: string, code?: string) {
  let q = db.selectFrom('municipality as m')
    .leftJoin('region_municipality as rm', 'rm.municipality_id', 'm.id')
    .leftJoin('region as r', 'r.id', 'rm.region_id')
    .select(['m.id', 'm.code', 'm.name_fi', 'm.name_sv', 'r.code as region'])
    .where('m.county_id', '=', countyId);
  if (code) q = q.where('m.code', '=', code);
  const rows = await q.orderBy('m.name_fi').orderBy('m.code').execute();
  // a municipality belongs to one region; should old data hold two, the first (by code) is shown
  const seen = new Map<string, { id: string; code: string; name: { fi: string; sv: string }; region: string | null }>();
  for (const m of rows) {
    const prev = seen.get(m.code);
    if (!prev || (m.region !== null && (prev.region === null || m.region < prev.region))) seen.set(m.code, { id: m.id, code: m.code, name: { fi: m.name_fi, sv: m.name_sv }, region: m.region });
  }
  return [...seen.values()];
}

async function unitsOf(db: Db, countyId: string, code?: string): Promise<AdminUnit[]> {
  let q = db.selectFrom('receiving_unit as u')
    .select(['u.id', 'u.code', 'u.service_area', 'u.name_fi', 'u.name_sv', 'u.name_en', 'u.phone', 'u.email', 'u.address', 'u.client_contact_days', 'u.in_opastin', 'u.language', 'u.active'])
    .select((eb) => eb.selectFrom('user_unit as uu').innerJoin('app_user as au', 'au.id', 'uu.user_id')
      .select(sql<number>`count(*)::int`.as('n')).whereRef('uu.receiving_unit_id', '=', 'u.id').where('au.active', '=', true).as('members'))
    .where('u.county_id', '=', countyId);
  if (code) q = q.where('u.code', '=', code);
  const rows = await q.orderBy('u.name_fi').orderBy('u.code').execute();
  return rows.map((u) => ({
    id: u.id, code: u.code, serviceArea: u.service_area, name: { fi: u.name_fi, sv: u.name_sv, en: u.name_en },
    phone: u.phone, email: u.email, address: u.address, clientContactDays: u.client_contact_days, inOpastin: u.in_opastin, language: u.language, active: u.active,
    members: Number(u.members ?? 0),
  }));
}

const regionView = (r: Awaited<ReturnType<typeof regionsOf>>[number]) => ({ code: r.code, name: r.name, municipalities: r.municipalities });
const municipalityView = (m: Awaited<ReturnType<typeof municipalitiesOf>>[number]) => ({ code: m.code, name: m.name, region: m.region });

export async function organisationOf(db: Db, countyId: string) {
  const [regions, municipalities, units] = await Promise.all([regionsOf(db, countyId), municipalitiesOf(db, countyId), unitsOf(db, countyId)]);
  return { regions: regions.map(regionView), municipalities: municipalities.map(municipalityView), units };
}

// ——— regions and municipalities ———

/** Municipality ids of the county by code; an unknown code is a 400 naming its place in the list. */
async function municipalityIds(db: Db, countyId: string, codes: string[], field: string): Promise<Map<string, string>> {
  const rows = codes.length === 0 ? [] : await db.selectFrom('municipality').select(['id', 'code']).where('county_id', '=', countyId).where('code', 'in', [...new Set(codes)]).execute();
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const i = codes.findIndex((c) => !ids.has(c));
  if (i >= 0) throw badField(`${field}.${i}`, 'unknown_code', `No municipality ${codes[i]} in this county.`);
  return ids;
}

/**
 * Makes `codes` the region's municipalities: a municipality belongs to one region, so those listed
 * leave any other region of the county, and those of the region no longer listed are left without
 * one. Returns a history entry per municipality whose region changed.
 */
async function setRegionMunicipalities(trx: Transaction<DB>, countyId: string, region: { id: string; code: string }, codes: string[], field: string): Promise<Change[]> {
  const ids = await municipalityIds(trx, countyId, codes, field);
  const current = await municipalitiesOf(trx, countyId);
  const changes: Change[] = [];
  const countyRegionIds = trx.selectFrom('region').select('id').where('county_id', '=', countyId);
  for (const m of current) {
    const inWanted = ids.has(m.code);
    const target = inWanted ? region.code : m.region === region.code ? null : m.region;
    if (target === m.region) continue;
    await trx.deleteFrom('region_municipality').where('municipality_id', '=', m.id).where('region_id', 'in', countyRegionIds).execute();
    if (target !== null) await trx.insertInto('region_municipality').values({ region_id: region.id, municipality_id: m.id }).execute();
    changes.push({ objectType: 'municipality', objectKey: m.code, action: 'update', before: { region: m.region }, after: { region: target } });
  }
  return changes;
}

export async function createRegion(db: Kysely<DB>, actor: AdminActor, input: { code: string; name: Labels; municipalities: string[] }) {
  const countyId = actor.countyId;
  try {
    return await adminWrite(db, actor, async (trx) => {
      const taken = await trx.selectFrom('region').select('id').where('county_id', '=', countyId).where('code', '=', input.code).executeTakeFirst();
      if (taken) throw codeInUse('region', input.code);
      const row = await trx.insertInto('region').values({ county_id: countyId, code: input.code, name_fi: input.name.fi, name_sv: input.name.sv, name_en: input.name.en })
        .returning('id').executeTakeFirstOrThrow();
      const moves = await setRegionMunicipalities(trx, countyId, { id: row.id, code: input.code }, input.municipalities, 'body.municipalities');
      const [region] = await regionsOf(trx, countyId, input.code);
      const value = regionView(region!);
      return { value, changes: [{ objectType: 'region', objectKey: input.code, action: 'create', after: value }, ...moves] };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeInUse('region', input.code);
    throw err;
  }
}

export async function patchRegion(db: Kysely<DB>, actor: AdminActor, code: string, input: { name?: Labels; municipalities?: string[] }) {
  const countyId = actor.countyId;
  return adminWrite(db, actor, async (trx) => {
    const row = await trx.selectFrom('region').select('id').where('county_id', '=', countyId).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw notFound('region');
    const [before] = await regionsOf(trx, countyId, code);
    const wanted = input.municipalities === undefined ? undefined : [...new Set(input.municipalities)].sort();
    const d = diff(regionView(before!), { name: input.name, municipalities: wanted });
    if (!d) return { value: regionView(before!), changes: [] };
    if (d.after.name) await trx.updateTable('region').set({ name_fi: input.name!.fi, name_sv: input.name!.sv, name_en: input.name!.en }).where('id', '=', row.id).execute();
    const moves = d.after.municipalities ? await setRegionMunicipalities(trx, countyId, { id: row.id, code }, input.municipalities!, 'body.municipalities') : [];
    const [after] = await regionsOf(trx, countyId, code);
    const value = regionView(after!);
    return { value, changes: [{ objectType: 'region', objectKey: code, action: 'update', before: d.before, after: diff(regionView(before!), value)?.after ?? d.after }, ...moves] };
  });
}

async function regionIdOf(db: Db, countyId: string, code: string, field: string): Promise<string> {
  const r = await db.selectFrom('region').select('id').where('county_id', '=', countyId).where('code', '=', code).executeTakeFirst();
  if (!r) throw badField(field, 'unknown_code', `No region ${code} in this county.`);
  return r.id;
}

async function moveMunicipality(trx: Transaction<DB>, countyId: string, municipalityId: string, regionId: string | null) {
  await trx.deleteFrom('region_municipality').where('municipality_id', '=', municipalityId)
    .where('region_id', 'in', trx.selectFrom('region').select('id').where('county_id', '=', countyId)).execute();
  if (regionId) await trx.insertInto('region_municipality').values({ region_id: regionId, municipality_id: municipalityId }).execute();
}

export async function createMunicipality(db: Kysely<DB>, actor: AdminActor, input: { code: string; name: { fi: string; sv: string }; region: string | null }) {
  const countyId = actor.countyId;
  try {
    return await adminWrite(db, actor, async (trx) => {
      const taken = await trx.selectFrom('municipality').select('id').where('county_id', '=', countyId).where('code', '=', input.code).executeTakeFirst();
      if (taken) throw codeInUse('municipality', input.code);
      const regionId = input.region === null ? null : await regionIdOf(trx, countyId, input.region, 'body.region');
      const row = await trx.insertInto('municipality').values({ county_id: countyId, code: input.code, name_fi: input.name.fi, name_sv: input.name.sv }).returning('id').executeTakeFirstOrThrow();
      await moveMunicipality(trx, countyId, row.id, regionId);
      const value = { code: input.code, name: { fi: input.name.fi, sv: input.name.sv }, region: input.region };
      return { value, changes: [{ objectType: 'municipality', objectKey: input.code, action: 'create', after: value }] };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeInUse('municipality', input.code);
    throw err;
  }
}

export async function patchMunicipality(db: Kysely<DB>, actor: AdminActor, code: string, input: { name?: { fi: string; sv: string }; region?: string | null }) {
  const countyId = actor.countyId;
  return adminWrite(db, actor, async (trx) => {
    const row = await trx.selectFrom('municipality').select('id').where('county_id', '=', countyId).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw notFound('municipality');
    const [current] = await municipalitiesOf(trx, countyId, code);
    const before = municipalityView(current!);
    const d = diff(before, { name: input.name, region: input.region });
    if (!d) return { value: before, changes: [] };
    if (d.after.name) await trx.updateTable('municipality').set({ name_fi: input.name!.fi, name_sv: input.name!.sv }).where('id', '=', row.id).execute();
    if (d.after.region !== undefined) await moveMunicipality(trx, countyId, row.id, d.after.region === null ? null : await regionIdOf(trx, countyId, d.after.region, 'body.region'));
    const value = { ...before, ...d.after };
    return { value, changes: [{ objectType: 'municipality', objectKey: code, action: 'update', ...d }] };
  });
}

// ——— receiving units ———

/** A unit serves one active service area of the county (the code set `service_area`). */
async function checkServiceArea(db: Db, countyId: string, code: string): Promise<void> {
  const row = await db.selectFrom('code').select('id').where('county_id', '=', countyId).where('code_set', '=', 'service_area').where('code', '=', code).where('active', '=', true).executeTakeFirst();
  if (!row) throw badField('body.serviceArea', 'unknown_code', `No active service area ${code} in this county.`);
}

/** What the history keeps of a unit: what an administrator sees, without the member count (not the unit's own data). */
const unitRecord = ({ id: _id, members: _members, ...u }: AdminUnit) => u;

export interface UnitInput {
  serviceArea: string; name: Labels; phone: string | null; email: string | null; address: string | null; clientContactDays: number | null; inOpastin: boolean;
  language: MessageLang;
}

export async function createUnit(db: Kysely<DB>, actor: AdminActor, input: UnitInput & { code: string }): Promise<AdminUnit> {
  const countyId = actor.countyId;
  try {
    return await adminWrite(db, actor, async (trx) => {
      const taken = await trx.selectFrom('receiving_unit').select('id').where('county_id', '=', countyId).where('code', '=', input.code).executeTakeFirst();
      if (taken) throw codeInUse('unit', input.code);
      await checkServiceArea(trx, countyId, input.serviceArea);
      await trx.insertInto('receiving_unit').values({
        county_id: countyId, code: input.code, service_area: input.serviceArea, name_fi: input.name.fi, name_sv: input.name.sv, name_en: input.name.en,
        phone: input.phone, email: input.email, address: input.address, client_contact_days: input.clientContactDays, in_opastin: input.inOpastin, language: input.language,
      }).execute();
      const [unit] = await unitsOf(trx, countyId, input.code);
      return { value: unit!, changes: [{ objectType: 'unit', objectKey: input.code, action: 'create', after: unitRecord(unit!) }] };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeInUse('unit', input.code);
    throw err;
  }
}

export async function patchUnit(db: Kysely<DB>, actor: AdminActor, code: string, input: Partial<UnitInput> & { active?: boolean }): Promise<AdminUnit> {
  const countyId = actor.countyId;
  return adminWrite(db, actor, async (trx) => {
    const row = await trx.selectFrom('receiving_unit').select('id').where('county_id', '=', countyId).where('code', '=', code).forUpdate().executeTakeFirst();
    if (!row) throw notFound('unit');
    const [current] = await unitsOf(trx, countyId, code);
    const d = diff(unitRecord(current!), input);
    if (!d) return { value: current!, changes: [] };
    const a = d.after;
    if (a.serviceArea !== undefined) await checkServiceArea(trx, countyId, a.serviceArea);
    // a unit coming back into use serves an active service area (it may have been retired meanwhile)
    else if (a.active === true) await checkServiceArea(trx, countyId, current!.serviceArea);
    if (a.active === false || a.inOpastin === false) {
      // the social emergency service's hand-offs must land in an active unit's inbox
      const county = await trx.selectFrom('county').select('social_emergency_unit_id').where('id', '=', countyId).forUpdate().executeTakeFirstOrThrow();
      if (county.social_emergency_unit_id === row.id) {
        const message = 'This unit receives the social emergency service\'s hand-offs: choose another unit in the settings first.';
        throw new AppError(409, 'conflict', message, [fieldError(a.active === false ? 'body.active' : 'body.inOpastin', 'unit_in_use', message)]);
      }
    }
    await trx.updateTable('receiving_unit').set({
      ...(a.serviceArea !== undefined ? { service_area: a.serviceArea } : {}),
      ...(a.name !== undefined ? { name_fi: a.name.fi, name_sv: a.name.sv, name_en: a.name.en } : {}),
      ...(a.phone !== undefined ? { phone: a.phone } : {}),
      ...(a.email !== undefined ? { email: a.email } : {}),
      ...(a.address !== undefined ? { address: a.address } : {}),
      ...(a.clientContactDays !== undefined ? { client_contact_days: a.clientContactDays } : {}),
      ...(a.inOpastin !== undefined ? { in_opastin: a.inOpastin } : {}),
      ...(a.language !== undefined ? { language: a.language } : {}),
      ...(a.active !== undefined ? { active: a.active } : {}),
    }).where('id', '=', row.id).execute();
    const [unit] = await unitsOf(trx, countyId, code);
    const action: AdminAction = a.active === false ? 'deactivate' : a.active === true ? 'activate' : 'update';
    return { value: unit!, changes: [{ objectType: 'unit', objectKey: code, action, ...d }] };
  });
}
