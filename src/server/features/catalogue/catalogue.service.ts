import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import type { ProviderType } from '../../../domain/catalogue.js';
import { differences } from './ptv.import.js';
import { normalisePhone } from '../../../domain/personal-data.js';
import { refreshCatalogueWords } from './catalogue.queries.js';
import { loadCountyCodes } from '../contacts/public.js';

type L = { fi?: string | null; sv?: string | null; en?: string | null };

export interface LocalServiceInput {
  name: L; summary?: L; description?: L;
  organisation: { name: string; providerType: ProviderType };
  nationwide?: boolean; municipalities?: string[]; serviceAreas?: string[]; reasons?: string[]; targetGroups?: string[]; languages?: string[];
  phone?: string | null; url?: string | null; reviewIntervalDays?: number;
}

export interface ServicePatch {
  name?: L; summary?: L; description?: L; nationwide?: boolean; municipalities?: string[];
  serviceAreas?: string[]; reasons?: string[]; reviewIntervalDays?: number; ownerUserId?: string | null; active?: boolean;
}

const text = (l: L | undefined, prefix: 'name' | 'summary' | 'description') => (l ? {
  ...(l.fi !== undefined ? { [`${prefix}_fi`]: l.fi?.trim() || null } : {}),
  ...(l.sv !== undefined ? { [`${prefix}_sv`]: l.sv?.trim() || null } : {}),
  ...(l.en !== undefined ? { [`${prefix}_en`]: l.en?.trim() || null } : {}),
} : {});

async function checkCodes(db: Kysely<DB> | Transaction<DB>, countyId: string, p: { serviceAreas?: string[]; reasons?: string[] }): Promise<void> {
  const errors: FieldError[] = [];
  const { codes } = await loadCountyCodes(db, countyId);
  const has = (set: string, c: string) => codes.get(set)?.has(c) ?? false;
  p.serviceAreas?.forEach((a, i) => { if (!has('service_area', a)) errors.push({ field: `body.serviceAreas.${i}`, message: `Unknown service area "${a}".`, code: 'unknown_code' }); });
  p.reasons?.forEach((r, i) => { if (!has('reason', r)) errors.push({ field: `body.reasons.${i}`, message: `Unknown reason "${r}".`, code: 'unknown_code' }); });
  if (errors.length) throw new AppError(400, 'unknown_code', undefined, errors);
}

/** A service PTV does not have (an NGO's, a parish's, a peer group): owned by the editor who adds it. */
export async function createLocalService(db: Kysely<DB>, user: SessionUser, input: LocalServiceInput, now: Date): Promise<{ id: string }> {
  const errors: FieldError[] = [];
  if (!input.name.fi?.trim() && !input.name.sv?.trim() && !input.name.en?.trim()) errors.push({ field: 'body.name', message: 'Give the service a name in at least one language.', code: 'required' });
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.phone && !phone) errors.push({ field: 'body.phone', message: 'Not a phone number.', code: 'invalid_phone' });
  // shown as a link to workers and residents: a web address, never javascript: or data:
  if (input.url && !/^https?:\/\//i.test(input.url)) errors.push({ field: 'body.url', message: 'Give an http:// or https:// address.', code: 'invalid_format' });
  if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);
  const id = await tx(db, async (trx) => {
    await checkCodes(trx, user.countyId, input);
    const org = await trx.selectFrom('catalogue_organisation').select('id').where('county_id', '=', user.countyId).where('ptv_id', 'is', null)
      .where('name_fi', '=', input.organisation.name.trim()).executeTakeFirst()
      ?? await trx.insertInto('catalogue_organisation').values({ county_id: user.countyId, provider_type: input.organisation.providerType, name_fi: input.organisation.name.trim() }).returning('id').executeTakeFirstOrThrow();
    const values = {
      county_id: user.countyId, source: 'local' as const, organisation_id: org.id,
      ...text(input.name, 'name'), ...text(input.summary, 'summary'), ...text(input.description, 'description'),
      nationwide: input.nationwide ?? false, municipalities: input.municipalities ?? [], service_areas: input.serviceAreas ?? [], reasons: input.reasons ?? [],
      target_groups: input.targetGroups ?? [], languages: input.languages ?? ['fi'], mapping_edited: true, owner_user_id: user.userId,
      review_interval_days: input.reviewIntervalDays ?? 180, reviewed_at: now,
    };
    const s = await trx.insertInto('service').values(values).returning('id').executeTakeFirstOrThrow();
    if (input.phone || input.url) {
      const channel = await trx.insertInto('service_channel').values({
        county_id: user.countyId, organisation_id: org.id, kind: input.url && !input.phone ? 'web_page' : 'phone', ...text(input.name, 'name'),
        phones: JSON.stringify(phone ? [{ number: phone, info: null, charge: null, lang: null }] : []), urls: JSON.stringify(input.url ? [{ url: input.url, label: null, lang: null }] : []),
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('service_service_channel').values({ service_id: s.id, channel_id: channel.id }).execute();
    }
    await trx.insertInto('service_revision').values({ service_id: s.id, at: now, actor_user_id: user.userId, source: 'editor', changes: JSON.stringify(differences(undefined, values)) }).execute();
    return s.id;
  });
  await refreshCatalogueWords(db, user.countyId, id);
  return { id };
}

/**
 * An editor's change, kept in the history field by field. A PTV service's texts belong to PTV (the
 * next import would overwrite them): there, only the mapping to our codes, the area, the review
 * interval, the owner and whether it is shown can be changed. A changed mapping is kept over imports.
 */
export async function updateService(db: Kysely<DB>, user: SessionUser, id: string, patch: ServicePatch, now: Date): Promise<{ changed: string[] }> {
  const changed = await tx(db, async (trx) => {
    const existing = await trx.selectFrom('service').selectAll().where('id', '=', id).where('county_id', '=', user.countyId).forUpdate().executeTakeFirst();
    if (!existing) throw new AppError(404, 'not_found');
    if (existing.source === 'ptv' && (patch.name || patch.summary || patch.description)) {
      throw new AppError(409, 'invalid_transition', 'The texts of a PTV service are edited in PTV (palvelutietovaranto.suomi.fi); the next import brings them here.');
    }
    await checkCodes(trx, user.countyId, patch);
    if (patch.ownerUserId) {
      const owner = await trx.selectFrom('app_user').select('id').where('id', '=', patch.ownerUserId).where('county_id', '=', user.countyId).executeTakeFirst();
      if (!owner) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.ownerUserId', message: 'No such user in the county.', code: 'unknown_code' }]);
    }
    const values = {
      ...text(patch.name, 'name'), ...text(patch.summary, 'summary'), ...text(patch.description, 'description'),
      ...(patch.nationwide !== undefined ? { nationwide: patch.nationwide } : {}),
      ...(patch.municipalities ? { municipalities: patch.municipalities } : {}),
      ...(patch.serviceAreas ? { service_areas: patch.serviceAreas } : {}),
      ...(patch.reasons ? { reasons: patch.reasons } : {}),
      ...(patch.reviewIntervalDays !== undefined ? { review_interval_days: patch.reviewIntervalDays } : {}),
      ...(patch.ownerUserId !== undefined ? { owner_user_id: patch.ownerUserId } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    };
    // mirrors the check constraint: a service keeps a name in at least one language
    const named = (lang: 'fi' | 'sv' | 'en') => (`name_${lang}` in values ? (values as Record<string, unknown>)[`name_${lang}`] : existing[`name_${lang}`]);
    if (patch.name && !named('fi') && !named('sv') && !named('en')) {
      throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.name', message: 'A service keeps a name in at least one language.', code: 'required' }]);
    }
    const changes = differences(existing as unknown as Record<string, unknown>, values);
    if (Object.keys(changes).length === 0) return [];
    const mappingEdited = 'service_areas' in changes || 'reasons' in changes;
    await trx.updateTable('service').set({ ...values, ...(mappingEdited ? { mapping_edited: true } : {}) }).where('id', '=', id).execute();
    await trx.insertInto('service_revision').values({ service_id: id, at: now, actor_user_id: user.userId, source: 'editor', changes: JSON.stringify(changes) }).execute();
    return Object.keys(changes);
  });
  if (changed.some((c) => c.startsWith('name_'))) await refreshCatalogueWords(db, user.countyId, id);
  return { changed };
}

/** "Still current": the entry was checked; its review clock starts again. */
export async function markReviewed(db: Kysely<DB>, user: SessionUser, id: string, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const r = await trx.updateTable('service').set({ reviewed_at: now }).where('id', '=', id).where('county_id', '=', user.countyId).returning('reviewed_at').executeTakeFirst();
    if (!r) throw new AppError(404, 'not_found');
    await trx.insertInto('service_revision').values({ service_id: id, at: now, actor_user_id: user.userId, source: 'review', changes: JSON.stringify({ reviewed_at: { from: null, to: now.toISOString() } }) }).execute();
  });
}

export async function serviceHistory(db: Kysely<DB>, countyId: string, id: string) {
  const s = await db.selectFrom('service').select('id').where('id', '=', id).where('county_id', '=', countyId).executeTakeFirst();
  if (!s) throw new AppError(404, 'not_found');
  const rows = await db.selectFrom('service_revision as r').leftJoin('app_user as u', 'u.id', 'r.actor_user_id')
    .select(['r.id', 'r.at', 'r.source', 'r.changes', 'u.display_name']).where('r.service_id', '=', id).orderBy('r.at', 'desc').orderBy('r.created_at', 'desc').execute();
  return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), source: r.source, actor: r.display_name, changes: r.changes }));
}

/** Entries past their review date ("ajan hermolla"): an owner's own, or all of the county's for the supervisor; the oldest first. */
export async function staleServices(db: Kysely<DB>, countyId: string, opts: { ownerUserId?: string }, now: Date) {
  let q = db.selectFrom('service as s').leftJoin('app_user as u', 'u.id', 's.owner_user_id')
    .select(['s.id', 's.ptv_id', 's.source', 's.name_fi', 's.name_sv', 's.name_en', 's.reviewed_at', 's.review_interval_days', 'u.display_name as owner'])
    .where('s.county_id', '=', countyId).where('s.active', '=', true)
    .where(sql<boolean>`s.reviewed_at + make_interval(days => s.review_interval_days) < ${now}`);
  if (opts.ownerUserId) q = q.where('s.owner_user_id', '=', opts.ownerUserId);
  const rows = await q.orderBy('s.reviewed_at').limit(500).execute();
  return rows.map((r) => {
    const due = new Date(new Date(r.reviewed_at).getTime() + r.review_interval_days * 86_400_000);
    return {
      id: r.id, ptvId: r.ptv_id, source: r.source, name: r.name_fi ?? r.name_sv ?? r.name_en ?? '', owner: r.owner,
      reviewedAt: new Date(r.reviewed_at).toISOString(), reviewDue: due.toISOString().slice(0, 10), daysOverdue: Math.floor((now.getTime() - due.getTime()) / 86_400_000),
    };
  });
}
