import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, rollBackTo } from '../../test/support.js';
import { migrateToLatest } from '../../platform/migrate.js';
import type { Database } from '../../platform/db.js';

/**
 * Migration 0017 brings existing data along: the rollup gains the heat map's cells for the days
 * already rolled up, referrals sent before it record their contact's channel, line, region and
 * municipality, and calls the line they came in on; new rows get them from the triggers.
 */
let database: Database;
beforeAll(async () => { database = await createTestDatabase({ demo: false }); });
afterAll(async () => { await database.close(); });

describe('migrations 0017_statistics_sources and 0018_rollup_calls_referrals', () => {
  it('backfills the heat map, the referrals\' contact codes and the calls\' lines, and fills them on insert afterwards', async () => {
    const db = await rollBackTo(database, '0017');
    const county = (await sql<{ id: string }>`insert into county (code, name_fi, name_sv, name_en) values ('x', 'X', 'X', 'X') returning id`.execute(db)).rows[0]!.id;
    const user = (await sql<{ id: string }>`insert into app_user (county_id, username, display_name, active) values (${county}, 'uu', 'U', false) returning id`.execute(db)).rows[0]!.id;
    const region = (await sql<{ id: string }>`insert into region (county_id, code, name_fi, name_sv, name_en) values (${county}, 'r1', 'R', 'R', 'R') returning id`.execute(db)).rows[0]!.id;
    const municipality = (await sql<{ id: string }>`insert into municipality (county_id, code, name_fi, name_sv) values (${county}, '743', 'S', 'S') returning id`.execute(db)).rows[0]!.id;
    const line = (await sql<{ id: string }>`insert into phone_line (county_id, code, name_fi, name_sv, name_en, phone_number, service_area) values (${county}, 'l1', 'L', 'L', 'L', '+358600000001', 'working_age') returning id`.execute(db)).rows[0]!.id;
    const contact = async (reference: string, at: string) => (await db.insertInto('contact').values({
      county_id: county, reference, channel: 'phone', anonymous: true, received_at: new Date(at), received_on: at.slice(0, 10), respond_by: '2026-11-24', urgency: 'non_urgent',
      phone_line_id: line, region_id: region, municipality_id: municipality,
    }).returning('id').executeTakeFirstOrThrow()).id as string;
    const referral = (contactId: string) => db.insertInto('referral').values({
      county_id: county, contact_id: contactId, kind: 'message_to_service', external_name: 'Kela', summary: 'Asia', urgency: 'non_urgent',
      legal_ground: 'shl_35', legal_ground_reason: 'Peruste', status: 'requested', accept_by: '2026-11-24', contact_by: '2026-11-25',
      sent_at: new Date('2026-11-23T09:00:00Z'), sent_by_user_id: user,
    }).returning('id').executeTakeFirstOrThrow();
    const call = (contactId: string, callId: string) => db.insertInto('phone_call').values({
      county_id: county, call_id: callId, contact_id: contactId, state: 'ended', started_at: new Date('2026-11-23T07:59:00Z'), ended_at: new Date('2026-11-23T08:00:00Z'),
    }).execute();
    // Monday 23.11.2026 at 10 in Helsinki
    const before = await contact('B1', '2026-11-23T08:00:00Z');
    await referral(before);
    await call(before, 'c1');
    await sql`select stat_contact_refresh(${county}::uuid, array['2026-11-23']::date[])`.execute(db);
    expect((await sql`select 1 from stat_contact_day where dimension = 'channel_weekday_hour'`.execute(db)).rows).toHaveLength(0);

    await migrateToLatest(db);

    const cells = await sql<{ code: string; count: number }>`select code, count from stat_contact_day where county_id = ${county} and dimension = 'channel_weekday_hour'`.execute(db);
    expect(cells.rows).toEqual([{ code: 'phone|1|10', count: 1 }]);
    const codes = { contact_channel: 'phone', contact_phone_line_id: line, contact_region_id: region, contact_municipality_id: municipality };
    expect(await db.selectFrom('referral').select(['contact_channel', 'contact_phone_line_id', 'contact_region_id', 'contact_municipality_id']).execute()).toEqual([codes]);
    expect(await db.selectFrom('phone_call').select(['call_id', 'phone_line_id']).execute()).toEqual([{ call_id: 'c1', phone_line_id: line }]);
    // 0018: the referral and the call rolled up for their day
    expect((await sql`select dimension, code, count from stat_referral_day where county_id = ${county} and dimension in ('sent', 'channel', 'target') order by dimension`.execute(db)).rows)
      .toEqual([{ dimension: 'channel', code: 'phone', count: 1 }, { dimension: 'sent', code: null, count: 1 }, { dimension: 'target', code: 'external', count: 1 }]);
    expect((await sql`select dimension, code, count from stat_contact_day where county_id = ${county} and dimension in ('call', 'call_day', 'call_abandon') order by dimension`.execute(db)).rows)
      .toEqual([{ dimension: 'call', code: 'l1|9|x', count: 1 }, { dimension: 'call_abandon', code: 'l1|60', count: 1 }, { dimension: 'call_day', code: '2026-11-23|x', count: 1 }]);

    // after: the triggers fill them on insert, whoever inserts
    const after = await contact('B2', '2026-11-24T08:00:00Z');
    const r = await referral(after);
    await call(after, 'c2');
    expect(await db.selectFrom('referral').select(['contact_channel', 'contact_phone_line_id', 'contact_region_id', 'contact_municipality_id']).where('id', '=', r.id).execute()).toEqual([codes]);
    expect(await db.selectFrom('phone_call').select('phone_line_id').where('call_id', '=', 'c2').executeTakeFirst()).toEqual({ phone_line_id: line });
  });
});
