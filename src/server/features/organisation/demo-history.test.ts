import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { loadConfig } from '../../platform/config.js';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { isOpenAt } from '../../../domain/opening-hours.js';
import { runRetention } from '../records/public.js';
import { resolveCountyId } from './public.js';
import { DEMO_REFERENCE_PREFIX, DEMO_TEXT, loadDemoHistory, planDemoHistory, readDemoCountyContext, type DemoHistoryResult } from './demo-history.js';

/** Monday 30 November 2026, noon in Helsinki: the history runs from 1 November 2024 to Sunday 29 November 2026. */
const NOW = new Date('2026-11-30T12:00:00+02:00');
const SEED = 15;

let t: TestApp;
let db: Kysely<DB>;
let countyId: string;
let contactsBefore: number;
let loaded: DemoHistoryResult;

const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]!.n);
/** Contacts, calls and referrals per month and channel: what "the same data" means for the determinism check. */
const perMonthAndChannel = async (on: Kysely<DB>) => (await sql<{ month: string; channel: string; contacts: number; calls: number; referrals: number }>`
  select to_char(c.received_on, 'YYYY-MM') as month, c.channel, count(*)::int as contacts,
         sum((select count(*) from phone_call p where p.contact_id = c.id))::int as calls,
         sum((select count(*) from referral r where r.contact_id = c.id))::int as referrals
  from contact c group by 1, 2 order by 1, 2`.execute(on)).rows;

beforeAll(async () => {
  t = await createTestApp({ now: NOW });
  db = t.database.db;
  countyId = await resolveCountyId(db);
  contactsBefore = await count(sql`select count(*)::int as n from contact`);
  loaded = await loadDemoHistory(db, countyId, { now: NOW, seed: SEED });
}, 240_000);
afterAll(async () => { await t?.close(); });

describe('demo history: loading', () => {
  it('is not in test databases: createTestApp gives the demo county without history', () => {
    expect(contactsBefore).toBe(0);
  });

  it('loads two years of contacts, calls, callbacks and referrals, once', async () => {
    expect(loaded).toMatchObject({ loaded: true, from: '2024-11-01', to: '2026-11-29' });
    expect(loaded.contacts).toBeGreaterThan(24 * 1_300);
    expect(loaded.contacts).toBeLessThan(25 * 3_000);
    expect(await count(sql`select count(*)::int as n from contact`)).toBe(loaded.contacts);
    expect(await count(sql`select count(*)::int as n from phone_call`)).toBe(loaded.phoneCalls);
    expect(await count(sql`select count(*)::int as n from referral`)).toBe(loaded.referrals);
    expect(await count(sql`select count(*)::int as n from callback_attempt`)).toBe(loaded.callbackAttempts);
    // nothing happens after now; the queue stays empty for the newcomer to work in
    expect(await count(sql`select count(*)::int as n from contact where received_at >= ${NOW} or closed_at >= ${NOW} or reached_at >= ${NOW}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from contact where status <> 'closed'`)).toBe(0);
    // a second load finds the history there and writes nothing
    const again = await loadDemoHistory(db, countyId, { now: NOW, seed: SEED });
    expect(again.loaded).toBe(false);
    expect(await count(sql`select count(*)::int as n from contact`)).toBe(loaded.contacts);
    console.warn(`demo history on ${t.database.kind === 'embedded' ? 'PGlite' : 'PostgreSQL'}: ${loaded.contacts} contacts, ${loaded.phoneCalls} calls, `
      + `${loaded.referrals} referrals in ${loaded.seconds} s ${JSON.stringify(loaded.timings)}`);
  });

  it('is deterministic: the same seed gives the same rows, counted per month and channel as loaded; another seed other rows', async () => {
    const ctx = await readDemoCountyContext(db, countyId);
    const a = planDemoHistory(ctx, { now: NOW, seed: SEED });
    const b = planDemoHistory(ctx, { now: NOW, seed: SEED });
    const other = planDemoHistory(ctx, { now: NOW, seed: SEED + 1 });
    const counts = (plan: typeof a) => {
      const calls = new Map(plan.calls.map((c) => [c.contactId, 1]));
      const referrals = new Map<string, number>();
      for (const r of plan.referrals) referrals.set(r.contactId, (referrals.get(r.contactId) ?? 0) + 1);
      const rows = new Map<string, { month: string; channel: string; contacts: number; calls: number; referrals: number }>();
      for (const c of plan.contacts) {
        const key = `${c.receivedOn.slice(0, 7)}|${c.channel}`;
        const row = rows.get(key) ?? { month: c.receivedOn.slice(0, 7), channel: c.channel, contacts: 0, calls: 0, referrals: 0 };
        row.contacts += 1; row.calls += calls.get(c.id) ?? 0; row.referrals += referrals.get(c.id) ?? 0;
        rows.set(key, row);
      }
      return [...rows.values()].sort((x, y) => x.month.localeCompare(y.month) || x.channel.localeCompare(y.channel));
    };
    expect(counts(b)).toEqual(counts(a));
    expect(b.contacts.map((c) => `${c.id} ${c.receivedAt} ${c.outcome}`)).toEqual(a.contacts.map((c) => `${c.id} ${c.receivedAt} ${c.outcome}`));
    expect(b.referrals.map((r) => `${r.id} ${r.status} ${r.acceptedAt}`)).toEqual(a.referrals.map((r) => `${r.id} ${r.status} ${r.acceptedAt}`));
    // what was loaded is that plan, row for row in these counts
    expect(await perMonthAndChannel(db)).toEqual(counts(a));
    expect(other.contacts.length).not.toBe(a.contacts.length);
    expect(counts(other)).not.toEqual(counts(a));
  });

  it('is on by default and DEMO_HISTORY=off turns it off', () => {
    expect(loadConfig({}).demoHistory).toBe(true);
    expect(loadConfig({ DEMO_HISTORY: 'off' }).demoHistory).toBe(false);
    expect(() => loadConfig({ DEMO_HISTORY: 'no' })).toThrow(/DEMO_HISTORY/);
  });
});

describe('demo history: shaped like the seeds', () => {
  it('has the phone dominant, callbacks, forms, notifications, walk-ins and the emergency department', async () => {
    const shares = Object.fromEntries((await sql<{ channel: string; share: number }>`
      select channel, (count(*)::float8 / sum(count(*)) over ()) as share from contact group by channel`.execute(db)).rows.map((r) => [r.channel, Number(r.share)]));
    expect(shares.phone).toBeGreaterThan(0.4);
    expect(shares.phone).toBeLessThan(0.65);
    expect(shares.callback).toBeGreaterThan(0.06);
    expect(shares.callback).toBeLessThan(0.2);
    for (const channel of ['web_form', 'e_notification', 'walk_in', 'emergency_department', 'authority_line', 'secure_email', 'post']) {
      expect(shares[channel], channel).toBeGreaterThan(0.005);
      expect(shares[channel], channel).toBeLessThan(0.2);
    }
  });

  it('has seasons: a quiet July, a busy October and January, and growth on the year before', async () => {
    const months = Object.fromEntries((await sql<{ month: string; n: number }>`
      select to_char(received_on, 'YYYY-MM') as month, count(*)::int as n from contact group by 1`.execute(db)).rows.map((r) => [r.month, r.n]));
    for (const year of [2025, 2026]) {
      expect(months[`${year}-07`]!).toBeLessThan(months[`${year}-10`]! * 0.8);
      expect(months[`${year}-07`]!).toBeLessThan(months[`${year}-01`]! * 0.8);
    }
    for (const [month, n] of Object.entries(months)) {
      if (month === '2026-11') continue; // to the 29th
      expect(n, month).toBeGreaterThan(1_200);
      expect(n, month).toBeLessThan(3_000);
    }
    expect(months['2026-10']!).toBeGreaterThan(months['2025-10']!);
  });

  it('has calls only while their line is open; calls at other times are outside hours and become callbacks', async () => {
    const lines = await db.selectFrom('phone_line').select('id').execute();
    const slots = await db.selectFrom('opening_slot').select(['phone_line_id', 'weekday', 'opens', 'closes']).execute();
    const hoursOf = new Map(lines.map((l) => [l.id, slots.filter((s) => s.phone_line_id === l.id)]));
    const calls = await sql<{ started_at: Date; line: string; outside: boolean; answered: boolean; channel: string }>`
      select p.started_at, c.phone_line_id as line, p.hangup_cause = 'line_closed' as outside, p.answered_at is not null as answered, c.channel
      from phone_call p join contact c on c.id = p.contact_id`.execute(db);
    expect(calls.rows.length).toBe(loaded.phoneCalls);
    const wrong = calls.rows.filter((c) => isOpenAt(new Date(c.started_at), hoursOf.get(c.line)!, []) === c.outside);
    expect(wrong.slice(0, 3)).toEqual([]);
    const outside = calls.rows.filter((c) => c.outside);
    expect(outside.length).toBeGreaterThan(calls.rows.length * 0.03);
    expect(outside.filter((c) => c.answered)).toEqual([]);
    expect(outside.filter((c) => c.channel !== 'callback').length).toBeLessThan(outside.length * 0.2); // hidden numbers only
    // an answered call is a phone contact reached when answered; a callback task is reached by a callback or closed unreached
    expect(await count(sql`select count(*)::int as n from contact c join phone_call p on p.contact_id = c.id
      where p.answered_at is not null and (c.channel <> 'phone' or c.reached_at <> p.answered_at or c.reached_how <> 'call_answered')`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from contact where channel = 'callback'
      and not ((reached_how = 'callback' and exists (select 1 from callback_attempt a where a.contact_id = contact.id and a.result = 'reached' and a.at = contact.reached_at))
        or (outcome = 'not_reached' and reached_at is null))`)).toBe(0);
  });

  it('answers phones on weekdays only, forms and the emergency department around the clock', async () => {
    const byDay = (await sql<{ channel: string; weekend: number; night: number }>`
      select channel, count(*) filter (where extract(isodow from received_at at time zone 'Europe/Helsinki') >= 6)::int as weekend,
             count(*) filter (where extract(hour from received_at at time zone 'Europe/Helsinki') not between 7 and 17)::int as night
      from contact where channel in ('phone', 'web_form', 'emergency_department', 'walk_in') group by 1`.execute(db)).rows;
    const of = (channel: string) => byDay.find((r) => r.channel === channel)!;
    expect(of('walk_in')).toMatchObject({ weekend: 0, night: 0 });
    expect(of('web_form').weekend).toBeGreaterThan(0);
    expect(of('web_form').night).toBeGreaterThan(0);
    expect(of('emergency_department').night).toBeGreaterThan(0);
    expect(await count(sql`select count(*)::int as n from phone_call where hangup_cause <> 'line_closed'
      and extract(isodow from started_at at time zone 'Europe/Helsinki') >= 6`)).toBe(0);
  });

  it('keeps the promise mostly but not always, and refers onward with realistic statuses', async () => {
    const p = (await sql<{ kept: number; late: number; unreached: number; total: number }>`
      select count(*) filter (where (reached_at at time zone 'Europe/Helsinki')::date <= respond_by)::int as kept,
             count(*) filter (where (reached_at at time zone 'Europe/Helsinki')::date > respond_by)::int as late,
             count(*) filter (where reached_at is null)::int as unreached, count(*)::int as total from contact`.execute(db)).rows[0]!;
    expect(p.kept / p.total).toBeGreaterThan(0.85);
    expect(p.kept / p.total).toBeLessThan(0.99);
    expect(p.late).toBeGreaterThan(0);
    expect(p.unreached).toBeGreaterThan(0);
    const statuses = Object.fromEntries((await sql<{ status: string; n: number }>`select status, count(*)::int as n from referral group by 1`.execute(db)).rows.map((r) => [r.status, r.n]));
    expect(statuses.completed! / loaded.referrals).toBeGreaterThan(0.8);
    expect(statuses.returned).toBeGreaterThan(0);
    expect(statuses.cancelled).toBeGreaterThan(0);
    const accepted = (await sql<{ on_time: number; late: number }>`
      select count(*) filter (where (accepted_at at time zone 'Europe/Helsinki')::date <= accept_by)::int as on_time,
             count(*) filter (where (accepted_at at time zone 'Europe/Helsinki')::date > accept_by)::int as late from referral where accepted_at is not null`.execute(db)).rows[0]!;
    expect(accepted.late).toBeGreaterThan(0);
    expect(accepted.on_time / (accepted.on_time + accepted.late)).toBeGreaterThan(0.8);
    // reasons and service areas follow each other, several of each
    expect(await count(sql`select count(distinct main_reason)::int as n from contact`)).toBeGreaterThan(12);
    expect(await count(sql`select count(distinct service_area)::int as n from contact`)).toBe(6);
    expect(await count(sql`select count(*)::int as n from contact where service_area = 'older_people' and main_reason = 'child_concern'`)).toBe(0);
  });
});

describe('demo history: anonymous and labelled', () => {
  it('holds no personal data and no free text that could be about a person', async () => {
    expect(await count(sql`select count(*)::int as n from contact where reference not like ${`${DEMO_REFERENCE_PREFIX}%`}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from contact where person_name is not null or person_phone is not null or person_hetu is not null
      or person_birth_date is not null or person_address is not null or person_email is not null or callback_window is not null or caller_number is not null
      or caller_name is not null or caller_phone is not null or caller_organisation is not null or caller_relationship is not null
      or note is not null or resident_message is not null or cardinality(acute_trigger_words) > 0`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from notifier`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from consultation`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from referral_snapshot where person_name is not null or person_phone is not null or person_hetu is not null
      or person_birth_date is not null or person_address is not null or person_email is not null or callback_window is not null or resident_message is not null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from referral where coalesce(summary, ${DEMO_TEXT}) <> ${DEMO_TEXT}
      or coalesce(return_reason, ${DEMO_TEXT}) <> ${DEMO_TEXT} or coalesce(cancel_reason, ${DEMO_TEXT}) <> ${DEMO_TEXT}
      or coalesce(legal_ground_reason, ${DEMO_TEXT}) <> ${DEMO_TEXT} or preferred_time is not null or booked_place is not null or outcome_note is not null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from initiation where concerns not in (${DEMO_TEXT}, 'Lastensuojeluilmoitus', 'Ilmoitus sosiaalihuollon tarpeesta')`)).toBe(0);
    const targets = (await sql<{ target: string }>`select distinct target from consent order by 1`.execute(db)).rows.map((r) => r.target);
    const names = (await sql<{ name: string }>`select name_fi as name from receiving_unit`.execute(db)).rows.map((r) => r.name);
    for (const target of targets) expect([...names, 'Kela', 'TE-palvelut', 'Ohjaamo', 'Seurakunnan diakoniatyö', 'Talous- ja velkaneuvonta', 'Järjestön ruoka-apu', '–']).toContain(target);
    expect(await count(sql`select count(*)::int as n from contact_event where details->>'source' <> 'demo' or details - 'source' - 'channel' <> '{}'::jsonb`)).toBe(0);
    // the phone system's answering worker is a username, the caller never anyone
    expect((await sql<{ answered_by: string | null }>`select distinct answered_by from phone_call order by 1`.execute(db)).rows.map((r) => r.answered_by))
      .toEqual(expect.arrayContaining(['ohjaaja', null]));
  });

  it('is consistent with the records rules: statutory records live, everything else the retention job would have erased already erased', async () => {
    // every notification has its matter made pending, and no erased contact holds a live initiation record
    expect(await count(sql`select count(*)::int as n from contact c where notification_kind is not null
      and not exists (select 1 from initiation i where i.contact_id = c.id and i.source <> 'worker')`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from contact c where personal_data_erased_at is not null
      and exists (select 1 from initiation i where i.contact_id = c.id and i.personal_data_erased_at is null)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from referral r where not exists (select 1 from referral_snapshot s where s.referral_id = r.id)`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from referral r join contact c on c.id = r.contact_id where c.anonymous`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from contact where anonymous and personal_data_erased_at is not null`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from contact where not anonymous and personal_data_erased_at is not null`)).toBeGreaterThan(loaded.contacts * 0.2);
    // the hourly retention job, run now, finds nothing of the demo's past to erase
    const report = await runRetention(db, NOW, { adviceRetentionDays: 0 }, { dryRun: false });
    expect(Object.entries(report.counts).filter(([type, n]) => n > 0 && !['staff_session', 'login_attempt', 'idempotency_record', 'rate_limit_counter', 'finished_job'].includes(type))).toEqual([]);
    // an update checks every CHECK constraint again, row by row, and fires the update triggers over the whole history
    await sql`update contact set updated_at = updated_at where reference like ${`${DEMO_REFERENCE_PREFIX}%`}`.execute(db);
  });
});

describe('demo history: the supervisor\'s month', () => {
  it('gives last month and the same month a year earlier non-zero figures, phone section included', async () => {
    const supervisor = await login(t.app, 'esihenkilo');
    const res = await t.app.inject({ url: '/api/statistics/monthly?month=2026-10', headers: supervisor.headers });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ month: '2026-10', previousYearMonth: '2025-10' });
    const october = (year: number) => count(sql`select count(*)::int as n from contact where received_on >= ${`${year}-10-01`}::date and received_on < ${`${year}-11-01`}::date`);
    expect(s.total).toBe(await october(2026));
    expect(s.totalPreviousYear).toBe(await october(2025));
    expect(s.totalPreviousYear).toBeGreaterThan(1_000);
    expect(s.promise.kept).toBeGreaterThan(0);
    expect(s.promise.missed).toBeGreaterThan(0);
    for (const d of ['channel', 'line', 'region', 'mainReason', 'serviceArea', 'urgency', 'outcome']) {
      expect((s.breakdowns[d] as { count: number; previousYear: number }[]).filter((b) => b.count > 0 && b.previousYear > 0).length, d).toBeGreaterThan(2);
    }
    expect(s.byWeekday.length).toBe(7);
    expect(s.phone.offered).toBeGreaterThan(500);
    expect(s.phone.answered).toBeGreaterThan(0);
    expect(s.phone.abandoned).toBeGreaterThan(0);
    expect(s.phone.outsideHours).toBeGreaterThan(0);
    expect(s.phone.answerRate).toBeGreaterThan(0.75);
    expect(s.phone.answerRate).toBeLessThan(0.98);
    expect(s.phone.callbacks.created).toBeGreaterThan(0);
    expect(s.phone.callbacks.done).toBeGreaterThan(0);
    expect(s.phone.previousYear.offered).toBeGreaterThan(500);
    expect(s.phone.previousYear.answerRate).toBeGreaterThan(0.75);
    expect(s.phone.byLine.length).toBeGreaterThan(4);
    expect(s.referrals.sent).toBeGreaterThan(0);
    expect(s.referrals.sentPreviousYear).toBeGreaterThan(0);
  });
});
