import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, rollBackTo } from '../../test/support.js';
import { migrateToLatest } from '../../platform/migrate.js';
import type { Database } from '../../platform/db.js';

/**
 * Migration 0011 brings existing data under the new rules without loss: the reach is backfilled
 * from what the record shows (a callback that reached, an answered call, a call or walk-in a
 * worker registered while talking), every stored initiation deadline gets its basis, and the
 * stored dates themselves are left as they were shown.
 */
let database: Database;
beforeAll(async () => { database = await createTestDatabase({ demo: false }); });
afterAll(async () => { await database.close(); });

describe('migration 0011_clocks', () => {
  it('backfills reached_at / reached_how and the initiation\'s legal basis, and keeps every stored date', async () => {
    const db = await rollBackTo(database, '0011');

    const county = (await sql<{ id: string }>`insert into county (code, name_fi, name_sv, name_en) values ('x', 'X', 'X', 'X') returning id`.execute(db)).rows[0]!.id;
    const user = (await sql<{ id: string }>`insert into app_user (county_id, username, display_name, active) values (${county}, 'uu', 'U', false) returning id`.execute(db)).rows[0]!.id;
    const unit = (await sql<{ id: string }>`insert into receiving_unit (county_id, code, service_area, name_fi, name_sv, name_en) values (${county}, 'u', 'older_people', 'U', 'U', 'U') returning id`.execute(db)).rows[0]!.id;
    const received = new Date('2026-11-23T08:00:00Z');
    let n = 0;
    const contact = async (values: Record<string, unknown>) => (await db.insertInto('contact').values({
      county_id: county, reference: `M${++n}`, channel: 'phone', anonymous: true, received_at: received, received_on: '2026-11-23', respond_by: '2026-11-24', urgency: 'non_urgent', ...values,
    }).returning('id').executeTakeFirstOrThrow()).id as string;
    const workerCall = await contact({ created_by_user_id: user });
    const walkIn = await contact({ channel: 'walk_in', created_by_user_id: user, first_response_at: received });
    const callback = await contact({ channel: 'callback', created_by_user_id: user, first_response_at: new Date('2026-11-23T09:00:00Z') });
    await db.insertInto('callback_attempt').values([
      { contact_id: callback, at: new Date('2026-11-23T09:00:00Z'), result: 'no_answer', user_id: user },
      { contact_id: callback, at: new Date('2026-11-25T09:00:00Z'), result: 'reached', user_id: user },
    ]).execute();
    const cti = await contact({}); // the phone system's: no creating user, answered later
    await db.insertInto('phone_call').values({ county_id: county, call_id: 'c1', contact_id: cti, state: 'ended', started_at: received, answered_at: new Date('2026-11-23T08:00:30Z') }).execute();
    const missedCti = await contact({ channel: 'callback' });
    await db.insertInto('phone_call').values({ county_id: county, call_id: 'c2', contact_id: missedCti, state: 'ended', started_at: received }).execute();
    // claimed, never reached: a claim is not a reach
    const form = await contact({ channel: 'web_form', created_by_user_id: user, first_response_at: new Date('2026-11-23T09:00:00Z'), status: 'in_progress', assigned_user_id: user });
    const person = await contact({ anonymous: false, person_name: 'Aino Aikuinen', created_by_user_id: user });
    await db.insertInto('initiation').values({ contact_id: person, initiated_on: '2026-11-26', concerns: 'Asia', receiving_unit_id: unit, urgent: false, legal_deadline: '2026-12-07', recorded_by_user_id: user }).execute();
    await db.insertInto('initiation').values({ contact_id: person, initiated_on: '2026-11-26', concerns: 'Ei määräpäivää', receiving_unit_id: unit, urgent: false, legal_deadline: null, recorded_by_user_id: user }).execute();
    const child = await contact({ anonymous: false, channel: 'e_notification', person_name: 'Leo Lapsi', notification_kind: 'child_welfare', legal_deadline: '2026-12-02', legal_basis: 'lsl_26', urgency: 'urgent' });
    await db.insertInto('initiation').values({ contact_id: child, initiated_on: '2026-11-23', concerns: 'Ilmoitus', receiving_unit_id: null, urgent: true, legal_deadline: '2026-12-02', source: 'lsl_25_notification' }).execute();
    await db.insertInto('notifier').values({ contact_id: child, name: 'K', organisation: 'Koulu', phone: '+35860001234', subject_consent: 'not_asked', no_consent_reason: 'Ei tavoitettu' }).execute();

    await migrateToLatest(db);

    const reached = Object.fromEntries((await db.selectFrom('contact').select(['id', 'reached_at', 'reached_how', 'respond_by']).execute()).map((c) => [c.id, c]));
    expect(reached[workerCall]).toMatchObject({ reached_at: received, reached_how: 'call_answered', respond_by: '2026-11-24' });
    expect(reached[walkIn]).toMatchObject({ reached_at: received, reached_how: 'met' });
    expect(reached[callback]).toMatchObject({ reached_at: new Date('2026-11-25T09:00:00Z'), reached_how: 'callback' });
    expect(reached[cti]).toMatchObject({ reached_at: new Date('2026-11-23T08:00:30Z'), reached_how: 'call_answered' });
    expect(reached[missedCti]).toMatchObject({ reached_at: null, reached_how: null });
    expect(reached[form]).toMatchObject({ reached_at: null, reached_how: null });
    expect(reached[child]).toMatchObject({ reached_at: null, respond_by: '2026-11-24' }); // stored dates are not rewritten

    const initiations = await db.selectFrom('initiation').select(['contact_id', 'legal_deadline', 'legal_basis', 'concerns']).orderBy('concerns').execute();
    expect(initiations).toEqual([
      { contact_id: person, legal_deadline: '2026-12-07', legal_basis: 'shl_36', concerns: 'Asia' }, // kept as shown (from the contact it would be 2.12.)
      { contact_id: person, legal_deadline: null, legal_basis: null, concerns: 'Ei määräpäivää' },
      { contact_id: child, legal_deadline: '2026-12-02', legal_basis: 'lsl_26', concerns: 'Ilmoitus' },
    ]);
    // what the notifier answered before stays on record
    expect(await db.selectFrom('notifier').select(['subject_consent', 'no_consent_reason']).where('contact_id', '=', child).executeTakeFirstOrThrow()).toEqual({ subject_consent: 'not_asked', no_consent_reason: 'Ei tavoitettu' });
    // and a deadline without a basis is refused from now on
    await expect(db.insertInto('initiation').values({ contact_id: person, initiated_on: '2026-11-26', concerns: 'X', receiving_unit_id: unit, urgent: false, legal_deadline: '2026-12-07' }).execute()).rejects.toThrow();
  });
});
