import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';
import { weeklyProblems, sortSlots } from '../../../domain/admin-hours.js';
import { setSiteSettings } from '../front-door/public.js';
import { setSocialEmergencyHours, socialEmergencyOf } from '../emergency/public.js';
import { hoursError } from './hours-error.js';
import { receivingUnitByCode } from '../organisation/public.js';
import type { AdminActor } from './history.js';
import type { AdminSettings } from './administration.schemas.js';
import { adminWrite, badField, diff } from './organisation.service.js';

type Db = Kysely<DB> | Transaction<DB>;
type Labels = { fi: string; sv: string; en: string };
type Slot = { weekday: number; opens: string; closes: string };

/**
 * The county's site and policy settings (issue 18): what the public site shows, the social emergency
 * service, the chat, feedback, retention and the service level. One history object, "site", whose
 * before and after name the changed settings as the PATCH does.
 */

/** The settings as PATCH /api/admin/settings names them: the history's before and after. */
interface FlatSettings {
  crisisPhone: string | null; feedbackEmail: string | null; statementDate: string | null; statementUrl: string | null;
  socialEmergencyPhone: string | null; socialEmergencyUnit: string | null; socialEmergencyWeekly: Slot[];
  chatMaxPerWorker: number; chatIdleMinutes: number; feedbackEnabled: boolean; adviceRetentionDays: number | null;
  serviceLevelSeconds: number; serviceLevelTarget: number;
}
export type SettingsPatch = Partial<FlatSettings>;

const isoDate = (d: string | Date | null): string | null => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));

async function linksOf(db: Db, countyId: string, id?: string) {
  let q = db.selectFrom('self_service_link').select(['id', 'url', 'label_fi', 'label_sv', 'label_en', 'sort_order']).where('county_id', '=', countyId);
  if (id) q = q.where('id', '=', id);
  const rows = await q.orderBy('sort_order').orderBy('label_fi').orderBy('id').execute();
  return rows.map((l) => ({ id: l.id, url: l.url, label: { fi: l.label_fi, sv: l.label_sv, en: l.label_en }, sortOrder: l.sort_order }));
}

async function read(db: Db, countyId: string) {
  const [county, service] = await Promise.all([
    db.selectFrom('county as c').leftJoin('receiving_unit as u', 'u.id', 'c.social_emergency_unit_id')
      .select(['c.code', 'c.name_fi', 'c.name_sv', 'c.name_en', 'c.crisis_phone', 'c.accessibility_feedback_email', 'c.accessibility_statement_date', 'c.accessibility_statement_url',
        'c.social_emergency_phone', 'u.code as unit_code', 'c.chat_max_per_worker', 'c.chat_idle_minutes', 'c.feedback_enabled', 'c.advice_retention_days',
        'c.service_level_seconds', 'c.service_level_target'])
      .where('c.id', '=', countyId).executeTakeFirstOrThrow(),
    socialEmergencyOf(db, countyId),
  ]);
  const flat: FlatSettings = {
    crisisPhone: county.crisis_phone,
    feedbackEmail: county.accessibility_feedback_email,
    statementDate: isoDate(county.accessibility_statement_date as string | Date | null),
    statementUrl: county.accessibility_statement_url,
    socialEmergencyPhone: county.social_emergency_phone,
    socialEmergencyUnit: county.unit_code ?? null,
    socialEmergencyWeekly: service.slots,
    chatMaxPerWorker: county.chat_max_per_worker,
    chatIdleMinutes: county.chat_idle_minutes,
    feedbackEnabled: county.feedback_enabled,
    adviceRetentionDays: county.advice_retention_days,
    serviceLevelSeconds: county.service_level_seconds,
    serviceLevelTarget: Number(county.service_level_target),
  };
  return { county: { code: county.code, name: { fi: county.name_fi, sv: county.name_sv, en: county.name_en } }, flat };
}

export async function settingsOf(db: Db, countyId: string, installationAdviceRetentionDays: number): Promise<AdminSettings> {
  const [{ county, flat: s }, links] = await Promise.all([read(db, countyId), linksOf(db, countyId)]);
  return {
    county,
    crisisPhone: s.crisisPhone,
    feedbackEmail: s.feedbackEmail,
    statementDate: s.statementDate,
    statementUrl: s.statementUrl,
    links,
    socialEmergency: { phone: s.socialEmergencyPhone, unit: s.socialEmergencyUnit, weekly: s.socialEmergencyWeekly },
    chat: { maxPerWorker: s.chatMaxPerWorker, idleMinutes: s.chatIdleMinutes },
    feedbackEnabled: s.feedbackEnabled,
    adviceRetentionDays: s.adviceRetentionDays,
    installationAdviceRetentionDays,
    serviceLevel: { seconds: s.serviceLevelSeconds, target: s.serviceLevelTarget },
  };
}

/** Hours an administrator enters: each slot closes after it opens, no two of a weekday overlap. */
function checkWeekly(slots: Slot[], field: string): void {
  const problems = weeklyProblems(slots);
  if (problems.length) throw hoursError(problems, field);
}


export async function patchSettings(db: Kysely<DB>, actor: AdminActor, input: SettingsPatch, installationAdviceRetentionDays: number): Promise<AdminSettings> {
  const countyId = actor.countyId;
  if (input.socialEmergencyWeekly) checkWeekly(input.socialEmergencyWeekly, 'body.socialEmergencyWeekly');
  if (input.serviceLevelTarget !== undefined) {
    // the column keeps three decimals (numeric(4, 3)): the history says what is stored
    input = { ...input, serviceLevelTarget: Math.round(input.serviceLevelTarget * 1000) / 1000 };
    if (input.serviceLevelTarget! <= 0 || input.serviceLevelTarget! >= 1) throw badField('body.serviceLevelTarget', 'invalid', 'The target is a share between 0.001 and 0.999.');
  }
  return adminWrite(db, actor, async (trx) => {
    // one administrator's change at a time: the before of the history is what the change replaced
    await trx.selectFrom('county').select('id').where('id', '=', countyId).forUpdate().execute();
    const { flat: before } = await read(trx, countyId);
    const wanted: SettingsPatch = { ...input };
    if (input.socialEmergencyWeekly) wanted.socialEmergencyWeekly = sortSlots(input.socialEmergencyWeekly).map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));
    const d = diff(before, wanted);
    if (!d) return { value: await settingsOf(trx, countyId, installationAdviceRetentionDays), changes: [] };
    const a = d.after;
    if (a.socialEmergencyUnit) {
      const unit = await receivingUnitByCode(trx, countyId, a.socialEmergencyUnit);
      if (!unit?.active) throw badField('body.socialEmergencyUnit', 'unknown_code', `No active receiving unit ${a.socialEmergencyUnit} in this county.`);
      // the hand-offs land in the unit's Opastin inbox: a unit reached outside Opastin has none
      if (!unit.in_opastin) throw badField('body.socialEmergencyUnit', 'invalid_choice', `The unit ${a.socialEmergencyUnit} is reached outside Opastin: the social emergency service's hand-offs need an inbox here.`);
    }
    const site = {
      crisisPhone: a.crisisPhone, feedbackEmail: a.feedbackEmail, statementDate: a.statementDate,
      socialEmergencyPhone: a.socialEmergencyPhone, socialEmergencyUnit: a.socialEmergencyUnit,
    };
    if (Object.values(site).some((v) => v !== undefined)) await setSiteSettings(trx, countyId, site);
    const columns = {
      ...(a.statementUrl !== undefined ? { accessibility_statement_url: a.statementUrl } : {}),
      ...(a.chatMaxPerWorker !== undefined ? { chat_max_per_worker: a.chatMaxPerWorker } : {}),
      ...(a.chatIdleMinutes !== undefined ? { chat_idle_minutes: a.chatIdleMinutes } : {}),
      ...(a.feedbackEnabled !== undefined ? { feedback_enabled: a.feedbackEnabled } : {}),
      ...(a.adviceRetentionDays !== undefined ? { advice_retention_days: a.adviceRetentionDays } : {}),
      ...(a.serviceLevelSeconds !== undefined ? { service_level_seconds: a.serviceLevelSeconds } : {}),
      ...(a.serviceLevelTarget !== undefined ? { service_level_target: a.serviceLevelTarget } : {}),
    };
    if (Object.keys(columns).length) await trx.updateTable('county').set(columns).where('id', '=', countyId).execute();
    if (a.socialEmergencyWeekly) await setSocialEmergencyHours(trx, countyId, a.socialEmergencyWeekly);
    return {
      value: await settingsOf(trx, countyId, installationAdviceRetentionDays),
      changes: [{ objectType: 'settings', objectKey: 'site', action: 'update', before: d.before, after: d.after }],
    };
  });
}

// ——— the public site's self-service links ———

/** The table keeps a label to 120 characters (migration 0006); the contract allows 200. */
const LINK_LABEL_MAX = 120;
function checkLabel(label: Labels | undefined): void {
  if (!label) return;
  for (const lang of ['fi', 'sv', 'en'] as const) {
    if (label[lang].length > LINK_LABEL_MAX) throw badField(`body.label.${lang}`, 'too_long', `A link's label is at most ${LINK_LABEL_MAX} characters.`);
  }
}

const linkRecord = ({ id: _id, ...l }: Awaited<ReturnType<typeof linksOf>>[number]) => l;
const notFound = () => new AppError(404, 'not_found', 'No such link in this county.');

export async function createLink(db: Kysely<DB>, actor: AdminActor, input: { url: string; label: Labels; sortOrder?: number }) {
  checkLabel(input.label);
  const countyId = actor.countyId;
  return adminWrite(db, actor, async (trx) => {
    let sortOrder = input.sortOrder;
    if (sortOrder === undefined) {
      const last = await trx.selectFrom('self_service_link').select((eb) => eb.fn.max('sort_order').as('max')).where('county_id', '=', countyId).executeTakeFirst();
      sortOrder = Math.min(1000, Number(last?.max ?? -1) + 1);
    }
    const row = await trx.insertInto('self_service_link').values({
      county_id: countyId, url: input.url, label_fi: input.label.fi, label_sv: input.label.sv, label_en: input.label.en, sort_order: sortOrder,
    }).returning('id').executeTakeFirstOrThrow();
    const [link] = await linksOf(trx, countyId, row.id);
    return { value: link!, changes: [{ objectType: 'link', objectKey: row.id, action: 'create', after: linkRecord(link!) }] };
  });
}

export async function patchLink(db: Kysely<DB>, actor: AdminActor, id: string, input: { url?: string; label?: Labels; sortOrder?: number }) {
  checkLabel(input.label);
  const countyId = actor.countyId;
  return adminWrite(db, actor, async (trx) => {
    const row = await trx.selectFrom('self_service_link').select('id').where('county_id', '=', countyId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound();
    const [before] = await linksOf(trx, countyId, id);
    const d = diff(linkRecord(before!), input);
    if (!d) return { value: before!, changes: [] };
    const a = d.after;
    await trx.updateTable('self_service_link').set({
      ...(a.url !== undefined ? { url: a.url } : {}),
      ...(a.label !== undefined ? { label_fi: a.label.fi, label_sv: a.label.sv, label_en: a.label.en } : {}),
      ...(a.sortOrder !== undefined ? { sort_order: a.sortOrder } : {}),
    }).where('id', '=', id).execute();
    const [link] = await linksOf(trx, countyId, id);
    return { value: link!, changes: [{ objectType: 'link', objectKey: id, action: 'update', ...d }] };
  });
}

export async function deleteLink(db: Kysely<DB>, actor: AdminActor, id: string): Promise<void> {
  const countyId = actor.countyId;
  await adminWrite(db, actor, async (trx) => {
    const [before] = await linksOf(trx, countyId, id);
    if (!before) throw notFound();
    await trx.deleteFrom('self_service_link').where('id', '=', id).where('county_id', '=', countyId).execute();
    return { value: undefined, changes: [{ objectType: 'link', objectKey: id, action: 'delete', before: linkRecord(before) }] };
  });
}
