import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, rollBackTo } from '../../test/support.js';
import { migrateToLatest } from '../../platform/migrate.js';
import type { Database } from '../../platform/db.js';

/**
 * Migration 0010 brings data stored under the old rules under the new ones without loss: a
 * notification without its pending matter gets one (its deadline kept), and what the old 30-day
 * job left behind on erased records (reasons, consent targets, timeline notes) is erased.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase({ demo: false });
});
afterAll(async () => { await database.close(); });

describe('migration 0010_records', () => {
  it('backfills the initiation of notifications and erases the free text the old job left on erased contacts', async () => {
    // a database as it was before 0010: roll the schema back to 0009 and fill it under the old rules
    const db = await rollBackTo(database, '0010');

    const county = (await sql<{ id: string }>`insert into county (code, name_fi, name_sv, name_en) values ('x', 'X', 'X', 'X') returning id`.execute(db)).rows[0]!.id;
    const contact = async (values: Record<string, unknown>) => (await db.insertInto('contact').values({
      county_id: county, channel: 'e_notification', anonymous: false, received_at: new Date('2026-11-23T08:00:00Z'), received_on: '2026-11-23', respond_by: '2026-11-24', ...values,
    }).returning('id').executeTakeFirstOrThrow()).id as string;
    const child = await contact({ reference: 'A1', notification_kind: 'child_welfare', legal_deadline: '2026-12-02', legal_basis: 'lsl_26', urgency: 'urgent', note: 'Lapsi ei uskalla kotiin.', person_name: 'Lauri Lapsi' });
    const adult = await contact({ reference: 'A2', notification_kind: 'social_welfare', urgency: 'non_urgent', note: 'Tarvitsee apua.', person_name: 'Aino Aikuinen', person_hetu: '010140-123C', person_birth_date: '1940-01-01' });
    // erased by the old 30-day job: the notification's data is gone, its free text was left behind
    const erased = await contact({
      reference: 'A3', notification_kind: 'social_welfare', urgency: 'non_urgent', status: 'closed', outcome: 'advice_given', main_reason: 'other',
      closed_at: new Date('2026-01-01T00:00:00Z'), led_to_client_relationship: false, personal_data_erased_at: new Date('2026-02-01T00:00:00Z'),
    });
    await db.insertInto('consent').values({ contact_id: erased, given_by: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Zqx lääkäri', given_at: new Date('2026-01-01T00:00:00Z') }).execute();
    await db.insertInto('contact_event').values({ contact_id: erased, at: new Date('2026-01-01T00:00:00Z'), kind: 'waiting', details: JSON.stringify({ reason: 'client_to_call_back', note: 'Zqx soittaa' }) }).execute();
    const user = (await sql<{ id: string }>`insert into app_user (county_id, username, display_name, active) values (${county}, 'uu', 'U', false) returning id`.execute(db)).rows[0]!.id;
    await db.insertInto('referral').values({
      county_id: county, contact_id: erased, kind: 'message_to_service', external_name: 'Kela', summary: null, urgency: 'non_urgent', legal_ground: 'shl_35', legal_ground_reason: 'Zqx peruste',
      status: 'cancelled', cancelled_at: new Date('2026-01-01T00:00:00Z'), cancel_reason: 'Zqx perui', accept_by: '2026-01-02', contact_by: '2026-01-05', sent_at: new Date('2025-12-31T00:00:00Z'),
      sent_by_user_id: user, personal_data_erased_at: new Date('2026-02-01T00:00:00Z'),
    }).execute();

    await migrateToLatest(db);

    const initiations = await db.selectFrom('initiation').select(['contact_id', 'source', 'initiated_on', 'concerns', 'receiving_unit_id', 'urgent', 'legal_deadline', 'legal_basis', 'age_at_initiation', 'personal_data_erased_at']).orderBy('initiated_on').execute();
    const byContact = Object.fromEntries(initiations.map((i) => [i.contact_id, { ...i, initiated_on: String(i.initiated_on instanceof Date ? i.initiated_on.toISOString().slice(0, 10) : i.initiated_on) }]));
    expect(initiations).toHaveLength(3);
    expect(byContact[child]).toMatchObject({ source: 'lsl_25_notification', initiated_on: '2026-11-23', concerns: 'Lapsi ei uskalla kotiin.', receiving_unit_id: null, urgent: true, legal_deadline: '2026-12-02', legal_basis: 'lsl_26', personal_data_erased_at: null });
    // 86 years old on the day: SHL 36 § priority client, 7 working days from the received day
    expect(byContact[adult]).toMatchObject({ source: 'shl_35_notification', concerns: 'Tarvitsee apua.', urgent: false, age_at_initiation: 86, legal_deadline: '2026-12-02', legal_basis: 'shl_36', personal_data_erased_at: null });
    expect(byContact[erased]).toMatchObject({ source: 'shl_35_notification', concerns: '–', personal_data_erased_at: new Date('2026-02-01T00:00:00Z') });

    expect(await db.selectFrom('referral').select(['cancel_reason', 'legal_ground_reason']).where('contact_id', '=', erased).executeTakeFirstOrThrow()).toEqual({ cancel_reason: null, legal_ground_reason: null });
    expect(await db.selectFrom('consent').select(['target', 'personal_data_erased_at']).where('contact_id', '=', erased).executeTakeFirstOrThrow()).toEqual({ target: '–', personal_data_erased_at: new Date('2026-02-01T00:00:00Z') });
    expect((await db.selectFrom('contact_event').select('details').where('contact_id', '=', erased).executeTakeFirstOrThrow()).details).toEqual({ reason: 'client_to_call_back' });
    // the live notifications kept everything
    expect(await db.selectFrom('contact').select(['person_name', 'note']).where('id', '=', child).executeTakeFirstOrThrow()).toEqual({ person_name: 'Lauri Lapsi', note: 'Lapsi ei uskalla kotiin.' });
  });
});
