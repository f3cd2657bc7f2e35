/**
 * An anonymous contact provably holds no personal data: these go straight at the database,
 * around the API, and every way in must be refused by the CHECK constraints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase } from '../../test/support.js';
import type { Database } from '../../platform/db.js';

let database: Database;
let countyId: string;
beforeAll(async () => {
  database = await createTestDatabase();
  countyId = (await database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await database.close(); });

let n = 0;
const base = () => ({
  county_id: countyId, reference: `T${n++}`, channel: 'phone', anonymous: true,
  received_at: new Date('2026-11-23T08:00:00Z'), received_on: '2026-11-23', respond_by: '2026-11-24',
});

describe('the database refuses personal data on anonymous contacts', () => {
  it.each([
    ['a name', { person_name: 'Maija Meikäläinen' }],
    ['a phone number', { person_phone: '+358401234567' }],
    ['an identity code', { person_hetu: '131052-308T' }],
    ['a birth date', { person_birth_date: '1952-10-13' }],
    ['an address', { person_address: 'Koulukatu 1, Seinäjoki' }],
    ['an e-mail address', { person_email: 'maija@example.fi' }],
    ['a callback window', { callback_window: 'ma klo 9–11' }],
    ['an identity code in the note', { note: 'hetu on 131052-308T' }],
    ['an identity code in lower case in the note', { note: 'hetu 010516b903x' }],
    ['a phone number in the note', { note: 'soittakaa 040 123 4567' }],
    ['an international number in the note', { note: 'numero +358 40 1234567' }],
    ['an e-mail in the note', { note: 'maija.m@example.fi' }],
  ])('on insert: %s', async (_label, extra) => {
    await expect(database.db.insertInto('contact').values({ ...base(), ...extra }).execute()).rejects.toThrow(/contact_anonymous_holds_no_personal_data/);
  });

  it('on update: adding personal data to an anonymous contact, or making an identified one anonymous', async () => {
    const { id } = await database.db.insertInto('contact').values({ ...base(), note: 'Kysyi Kelan asumistuesta.' }).returning('id').executeTakeFirstOrThrow();
    await expect(database.db.updateTable('contact').set({ person_name: 'Maija' }).where('id', '=', id).execute()).rejects.toThrow(/contact_anonymous_holds_no_personal_data/);
    await expect(database.db.updateTable('contact').set({ note: 'puh 0401234567' }).where('id', '=', id).execute()).rejects.toThrow(/contact_anonymous_holds_no_personal_data/);
    const identified = await database.db.insertInto('contact').values({ ...base(), anonymous: false, person_name: 'Maija' }).returning('id').executeTakeFirstOrThrow();
    await expect(database.db.updateTable('contact').set({ anonymous: true }).where('id', '=', identified.id).execute()).rejects.toThrow(/contact_anonymous_holds_no_personal_data/);
  });

  it('through raw SQL too', async () => {
    await expect(sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by, person_name)
      values (${countyId}, 'RAW1', 'phone', true, now(), current_date, current_date, 'Maija')`.execute(database.db)).rejects.toThrow(/contact_anonymous_holds_no_personal_data/);
  });

  it('lets a caller number stay only while the anonymous call is open', async () => {
    const { id } = await database.db.insertInto('contact').values({ ...base(), caller_number: '+358401234567' }).returning('id').executeTakeFirstOrThrow();
    await expect(database.db.updateTable('contact').set({ status: 'closed', outcome: 'advice_given', main_reason: 'other', closed_at: new Date(), led_to_client_relationship: false }).where('id', '=', id).execute())
      .rejects.toThrow(/contact_anonymous_caller_number_gone_when_closed/);
    await database.db.updateTable('contact').set({ status: 'closed', outcome: 'advice_given', main_reason: 'other', closed_at: new Date(), led_to_client_relationship: false, caller_number: null }).where('id', '=', id).execute();
  });

  it('accepts plain guidance text and identified contacts with personal data', async () => {
    await database.db.insertInto('contact').values({ ...base(), note: 'Vuokra 650 €, tulot 1 200 €/kk. Ohjattiin Kelaan klo 10.15.' }).execute();
    await database.db.insertInto('contact').values({ ...base(), anonymous: false, person_name: 'Maija', person_phone: '+358401234567', person_hetu: '131052-308T', note: 'puh 040 123 4567' }).execute();
  });

  it('refuses closing without the statistics, even directly', async () => {
    const { id } = await database.db.insertInto('contact').values(base()).returning('id').executeTakeFirstOrThrow();
    await expect(database.db.updateTable('contact').set({ status: 'closed', closed_at: new Date() }).where('id', '=', id).execute()).rejects.toThrow(/contact_closed_has_statistics/);
  });
});
