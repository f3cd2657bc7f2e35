import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, rollBackTo } from '../../test/support.js';
import { migrateToLatest } from '../../platform/migrate.js';
import { verifyAccessLog } from '../../platform/access-log.js';
import type { Database } from '../../platform/db.js';

/**
 * Migration 0012 brings existing data under the new rules without loss: every referral gets its
 * snapshot (from the contact's current data: the best available; an erased one an erased
 * snapshot), and the access log written before it still verifies under the new hash function.
 */
let database: Database;
beforeAll(async () => { database = await createTestDatabase({ demo: false }); });
afterAll(async () => { await database.close(); });

describe('migration 0012_access', () => {
  it('gives every existing referral a snapshot and keeps the old access log verifiable', async () => {
    const db = await rollBackTo(database, '0012');

    const county = (await sql<{ id: string }>`insert into county (code, name_fi, name_sv, name_en) values ('x', 'X', 'X', 'X') returning id`.execute(db)).rows[0]!.id;
    const user = (await sql<{ id: string }>`insert into app_user (county_id, username, display_name, active) values (${county}, 'uu', 'U', false) returning id`.execute(db)).rows[0]!.id;
    const contact = async (values: Record<string, unknown>) => (await db.insertInto('contact').values({
      county_id: county, channel: 'phone', anonymous: false, received_at: new Date('2026-11-23T08:00:00Z'), received_on: '2026-11-23', respond_by: '2026-11-24', urgency: 'non_urgent', ...values,
    }).returning('id').executeTakeFirstOrThrow()).id as string;
    const live = await contact({ reference: 'B1', person_name: 'Aino Aikuinen', person_hetu: '010140-123C', person_birth_date: '1940-01-01', person_phone: '+358401234567', language: 'fi' });
    const gone = await contact({
      reference: 'B2', status: 'closed', outcome: 'advice_given', main_reason: 'other', closed_at: new Date('2026-01-01T00:00:00Z'), led_to_client_relationship: false,
      personal_data_erased_at: new Date('2026-02-01T00:00:00Z'), language: 'sv',
    });
    const referral = async (contactId: string, erasedAt: Date | null) => (await db.insertInto('referral').values({
      county_id: county, contact_id: contactId, kind: 'message_to_service', external_name: 'Kela', summary: erasedAt ? null : 'Asia', urgency: 'non_urgent',
      legal_ground: 'shl_35', legal_ground_reason: erasedAt ? null : 'Peruste', status: 'requested', accept_by: '2026-11-24', contact_by: '2026-11-25',
      sent_at: new Date('2026-11-23T09:00:00Z'), sent_by_user_id: user, personal_data_erased_at: erasedAt,
    }).returning('id').executeTakeFirstOrThrow()).id as string;
    const r1 = await referral(live, null);
    const r2 = await referral(gone, new Date('2026-02-01T00:00:00Z'));
    // the access log as it was: rows hashed without a person key
    for (const id of [live, gone]) {
      await sql`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose) values (${county}, ${user}, 'uu', 'contact', ${id}, 'read', 'client_guidance')`.execute(db);
    }
    const oldHashes = (await sql<{ seq: number; hash: string }>`select seq, hash from access_log order by seq`.execute(db)).rows;

    await migrateToLatest(db);

    const snaps = await db.selectFrom('referral_snapshot').selectAll().orderBy('person_name').execute();
    expect(snaps).toHaveLength(2);
    expect(snaps.find((s) => s.referral_id === r1)).toMatchObject({
      person_name: 'Aino Aikuinen', person_hetu: '010140-123C', person_birth_date: '1940-01-01', person_phone: '+358401234567', language: 'fi', source: 'migration', erased_at: null,
    });
    expect(snaps.find((s) => s.referral_id === r2)).toMatchObject({ person_name: null, person_hetu: null, language: 'sv', source: 'migration', erased_at: new Date('2026-02-01T00:00:00Z') });
    // old rows are unchanged and still verify; new rows join the same chain with a person key
    expect((await sql<{ seq: number; hash: string }>`select seq, hash from access_log order by seq`.execute(db)).rows).toEqual(oldHashes);
    await sql`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, person_key) values (${county}, ${user}, 'uu', 'contact', ${live}, 'read', 'client_guidance', ${'a'.repeat(64)})`.execute(db);
    expect(await verifyAccessLog(database.db)).toMatchObject({ ok: true, rows: 3, problems: [] });
  });
});
