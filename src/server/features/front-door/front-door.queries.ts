import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';

export async function publicSite(db: Kysely<DB>, countyId: string) {
  const [county, links] = await Promise.all([
    db.selectFrom('county').select(['code', 'name_fi', 'name_sv', 'name_en', 'crisis_phone', 'accessibility_feedback_email', 'accessibility_statement_date'])
      .where('id', '=', countyId).executeTakeFirstOrThrow(),
    db.selectFrom('self_service_link').select(['url', 'label_fi', 'label_sv', 'label_en']).where('county_id', '=', countyId).orderBy('sort_order').orderBy('label_fi').execute(),
  ]);
  return {
    county: { code: county.code, name: { fi: county.name_fi, sv: county.name_sv, en: county.name_en } },
    crisisPhone: county.crisis_phone,
    accessibility: { feedbackEmail: county.accessibility_feedback_email, statementDate: county.accessibility_statement_date },
    selfServiceLinks: links.map((l) => ({ url: l.url, label: { fi: l.label_fi, sv: l.label_sv, en: l.label_en } })),
  };
}
