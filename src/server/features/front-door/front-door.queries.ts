import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { receivingUnitByCode } from '../organisation/public.js';

export async function publicSite(db: Kysely<DB>, countyId: string) {
  const [county, links, municipalities] = await Promise.all([
    db.selectFrom('county').select(['code', 'name_fi', 'name_sv', 'name_en', 'crisis_phone', 'accessibility_feedback_email', 'accessibility_statement_date', 'accessibility_statement_url', 'advice_retention_days'])
      .where('id', '=', countyId).executeTakeFirstOrThrow(),
    db.selectFrom('self_service_link').select(['url', 'label_fi', 'label_sv', 'label_en']).where('county_id', '=', countyId).orderBy('sort_order').orderBy('label_fi').execute(),
    db.selectFrom('municipality').select(['code', 'name_fi', 'name_sv']).where('county_id', '=', countyId).orderBy('name_fi').execute(),
  ]);
  return {
    county: { code: county.code, name: { fi: county.name_fi, sv: county.name_sv, en: county.name_en } },
    crisisPhone: county.crisis_phone,
    accessibility: { feedbackEmail: county.accessibility_feedback_email, statementDate: county.accessibility_statement_date, statementUrl: county.accessibility_statement_url },
    selfServiceLinks: links.map((l) => ({ url: l.url, label: { fi: l.label_fi, sv: l.label_sv, en: l.label_en } })),
    municipalities: municipalities.map((m) => ({ code: m.code, name: { fi: m.name_fi, sv: m.name_sv } })),
    /** the county's own choice (issue 18), null: the installation's */
    countyAdviceRetentionDays: county.advice_retention_days,
  };
}

export interface SiteSettings {
  crisisPhone?: string | null; feedbackEmail?: string | null; statementDate?: string | null;
  socialEmergencyPhone?: string | null;
  /** the receiving unit whose workers read the social emergency service's hand-offs, by its code */
  socialEmergencyUnit?: string | null;
}

const PHONE = /^[0-9 +]{3,20}$/;

/** County IT sets what the public site shows and the social emergency service (npm run admin -- site set …). */
export async function setSiteSettings(db: Kysely<DB>, countyId: string, s: SiteSettings): Promise<void> {
  if (s.crisisPhone !== undefined && s.crisisPhone !== null && !PHONE.test(s.crisisPhone)) throw new Error('The crisis phone is digits and spaces, e.g. "06 123 4567".');
  if (s.socialEmergencyPhone !== undefined && s.socialEmergencyPhone !== null && !PHONE.test(s.socialEmergencyPhone)) throw new Error('The social emergency phone is digits and spaces, e.g. "06 123 4567".');
  if (s.feedbackEmail !== undefined && s.feedbackEmail !== null && !/^[^@\s]+@[^@\s]+$/.test(s.feedbackEmail)) throw new Error('The feedback address must be an e-mail address.');
  if (s.statementDate !== undefined && s.statementDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(s.statementDate)) throw new Error('The statement date is YYYY-MM-DD.');
  let unitId: string | null | undefined;
  if (s.socialEmergencyUnit !== undefined && s.socialEmergencyUnit !== null) {
    const unit = await receivingUnitByCode(db, countyId, s.socialEmergencyUnit);
    if (!unit || !unit.active) throw new Error(`No active receiving unit "${s.socialEmergencyUnit}" in this county (its workers read the hand-offs).`);
    unitId = unit.id;
  } else if (s.socialEmergencyUnit === null) unitId = null;
  await db.updateTable('county').set({
    ...(s.crisisPhone !== undefined ? { crisis_phone: s.crisisPhone } : {}),
    ...(s.socialEmergencyPhone !== undefined ? { social_emergency_phone: s.socialEmergencyPhone } : {}),
    ...(unitId !== undefined ? { social_emergency_unit_id: unitId } : {}),
    ...(s.feedbackEmail !== undefined ? { accessibility_feedback_email: s.feedbackEmail } : {}),
    ...(s.statementDate !== undefined ? { accessibility_statement_date: s.statementDate } : {}),
  }).where('id', '=', countyId).execute();
}

export async function addSelfServiceLink(db: Kysely<DB>, countyId: string, l: { url: string; fi: string; sv?: string; en?: string }): Promise<void> {
  if (!/^https:\/\/\S+$/.test(l.url)) throw new Error('A self-service link must be an https:// address.');
  const last = await db.selectFrom('self_service_link').select((eb) => eb.fn.max('sort_order').as('max')).where('county_id', '=', countyId).executeTakeFirst();
  await db.insertInto('self_service_link').values({
    county_id: countyId, url: l.url, label_fi: l.fi, label_sv: l.sv ?? l.fi, label_en: l.en ?? l.fi, sort_order: Number(last?.max ?? -1) + 1,
  }).execute();
}

export async function removeSelfServiceLink(db: Kysely<DB>, countyId: string, url: string): Promise<number> {
  const r = await db.deleteFrom('self_service_link').where('county_id', '=', countyId).where('url', '=', url).executeTakeFirst();
  return Number(r.numDeletedRows);
}
