import type { Kysely } from 'kysely';
import type { CodeSet, DB } from '../../platform/schema.js';
import { DEFAULT_CODES } from '../../../domain/codes.js';
import { DEFAULT_BATTERIES } from '../../../domain/guidance-batteries.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { DEMO_CHAT, DEMO_COUNTY, DEMO_SELF_SERVICE_LINKS, DEMO_LINES, DEMO_MUNICIPALITIES, DEMO_PASSWORD, DEMO_REGIONS, DEMO_UNITS, DEMO_USERS } from './demo-county.js';

/**
 * Inserts the default code sets for a county; existing codes are left as the county edited them.
 * Also the first assessment's default question batteries (issue 17; version 1 of each, only when
 * the county has none: from then on the county makes its own versions).
 */
export async function seedDefaultCodes(db: Kysely<DB>, countyId: string): Promise<void> {
  const hasBattery = await db.selectFrom('question_battery').select('id').where('county_id', '=', countyId).limit(1).executeTakeFirst();
  if (!hasBattery) {
    await db.insertInto('question_battery').values(DEFAULT_BATTERIES.map((b) => ({
      county_id: countyId, code: b.code, version: 1, area: b.area, title: JSON.stringify(b.title), questions: JSON.stringify(b.questions),
    }))).execute();
  }
  const rows = Object.entries(DEFAULT_CODES).flatMap(([codeSet, codes]) =>
    Object.entries(codes).map(([code, l], i) => ({ county_id: countyId, code_set: codeSet as CodeSet, code, label_fi: l.fi, label_sv: l.sv, label_en: l.en, sort_order: i })),
  );
  await db.insertInto('code').values(rows).onConflict((oc) => oc.columns(['county_id', 'code_set', 'code']).doNothing()).execute();
}

/** Loads the demo county in one transaction. Returns false when it is already there. */
export async function loadDemoCounty(db: Kysely<DB>): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('county').select('id').where('code', '=', DEMO_COUNTY.code).executeTakeFirst();
    if (existing) return false;
    const county = await trx.insertInto('county')
      .values({
        code: DEMO_COUNTY.code, name_fi: DEMO_COUNTY.name.fi, name_sv: DEMO_COUNTY.name.sv, name_en: DEMO_COUNTY.name.en,
        crisis_phone: DEMO_COUNTY.crisisPhone, accessibility_feedback_email: DEMO_COUNTY.accessibilityFeedbackEmail, accessibility_statement_date: DEMO_COUNTY.accessibilityStatementDate,
      })
      .returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('self_service_link')
      .values(DEMO_SELF_SERVICE_LINKS.map((l, i) => ({ county_id: county.id, url: l.url, label_fi: l.fi, label_sv: l.sv, label_en: l.en, sort_order: i }))).execute();
    await seedDefaultCodes(trx, county.id);
    // the chat (issue 16): its hours and a few saved replies in each language
    await trx.insertInto('chat_opening_slot').values(DEMO_CHAT.slots.map((sl) => ({ county_id: county.id, ...sl }))).execute();
    await trx.insertInto('saved_reply').values(DEMO_CHAT.savedReplies.map((r, i) => ({ county_id: county.id, ...r, sort_order: i }))).execute();

    const municipalities = await trx.insertInto('municipality')
      .values(DEMO_MUNICIPALITIES.map((m) => ({ county_id: county.id, code: m.code, name_fi: m.fi, name_sv: m.sv })))
      .returning(['id', 'code']).execute();
    const municipalityId = new Map(municipalities.map((m) => [m.code, m.id]));

    const regionId = new Map<string, string>();
    for (const r of DEMO_REGIONS) {
      const region = await trx.insertInto('region').values({ county_id: county.id, code: r.code, name_fi: r.fi, name_sv: r.sv, name_en: r.en }).returning('id').executeTakeFirstOrThrow();
      regionId.set(r.code, region.id);
      await trx.insertInto('region_municipality').values(r.municipalities.map((code) => ({ region_id: region.id, municipality_id: municipalityId.get(code)! }))).execute();
    }

    for (const line of DEMO_LINES) {
      const row = await trx.insertInto('phone_line').values({
        county_id: county.id, code: line.code, region_id: line.region ? regionId.get(line.region)! : null, service_area: line.serviceArea,
        menu_number: line.menuNumber, authority_only: line.authorityOnly, phone_number: line.phone, name_fi: line.name.fi, name_sv: line.name.sv, name_en: line.name.en,
      }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('opening_slot').values(line.slots.map((s) => ({ phone_line_id: row.id, ...s }))).execute();
    }

    const units = await trx.insertInto('receiving_unit')
      .values(DEMO_UNITS.map((u) => ({ county_id: county.id, code: u.code, service_area: u.serviceArea, name_fi: u.fi, name_sv: u.sv, name_en: u.en })))
      .returning(['id', 'code']).execute();
    const unitId = new Map(units.map((u) => [u.code, u.id]));
    await trx.updateTable('county').set({ social_emergency_phone: DEMO_COUNTY.socialEmergencyPhone, social_emergency_unit_id: unitId.get(DEMO_COUNTY.socialEmergencyUnit)! }).where('id', '=', county.id).execute();

    for (const u of DEMO_USERS) {
      const user = await trx.insertInto('app_user').values({ county_id: county.id, username: u.username, display_name: u.displayName, password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('user_role').values(u.roles.map((role) => ({ user_id: user.id, role }))).execute();
      if (u.units?.length) await trx.insertInto('user_unit').values(u.units.map((code) => ({ user_id: user.id, receiving_unit_id: unitId.get(code)! }))).execute();
    }
    return true;
  });
}

export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  return (await db.selectFrom('county').select('id').limit(1).execute()).length === 0;
}
