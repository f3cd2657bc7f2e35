/**
 * The statistics' rollups (issue 15, part 6; migration 0016): kept up to date as contacts come in
 * and change, they equal a recount from scratch; a read never shows a stale figure.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { refreshStatistics, rolledUpFigures } from './statistics.rollup.js';
import { contactFiguresRaw } from './statistics.queries.js';
import { periodRange, sameTimeLastYear } from './statistics.domain.js';
import type { MonthlyStatistics } from './statistics.schemas.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
let supervisor: Awaited<ReturnType<typeof login>>;
let countyId: string;

const post = (url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }), headers: worker.headers });
const monthly = async (month: string) => {
  const res = await t.app.inject({ url: `/api/statistics/monthly?month=${month}`, headers: supervisor.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MonthlyStatistics>();
};
/** Every rollup row, as comparable text, in a stable order. */
const rollup = async () => (await sql<{ r: string }>`
  select concat_ws('/', county_id, day, dimension, code, count) as r
  from stat_contact_day order by 1`.execute(t.database.db)).rows.map((x) => x.r);
/** The rollup written again from nothing: every day of every contact. */
const recount = async () => {
  await sql`delete from stat_contact_day`.execute(t.database.db);
  await sql`select stat_contact_refresh(county_id, array_agg(distinct received_on)) from contact group by county_id`.execute(t.database.db);
};

/** A small deterministic generator, so the run is the same every time. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-20T12:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
  supervisor = await login(t.app, 'esihenkilo');
  countyId = (await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t.close(); });

describe('the rollups', () => {
  it('equal a recount from scratch after contacts come in, are claimed, reached, closed, moved and erased', async () => {
    const random = prng(15);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const channels = ['phone', 'web_form', 'walk_in', 'secure_email', 'callback'] as const;
    const reasons = ['income', 'housing', 'mental_health', 'substance_use', 'other'] as const;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const day = 1 + Math.floor(random() * 19);
      const at = `2026-11-${String(day).padStart(2, '0')}T${String(8 + Math.floor(random() * 9)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00+02:00`;
      const channel = pick(channels);
      const identified = random() < 0.3;
      t.clock.now = new Date(at);
      const res = await post('/api/contacts', {
        channel, contactor: pick(['self', 'close_one', 'professional'] as const), anonymous: !identified, mainReason: pick(reasons),
        additionalReasons: random() < 0.3 ? [pick(reasons)] : [], municipality: pick(['743', '301', '232'] as const), receivedAt: at,
        ...(channel === 'phone' || channel === 'callback' ? { phoneLine: pick(['working_age', 'older_people'] as const) } : {}),
        ...(channel === 'callback' ? { callerNumber: '040 123 4567' } : {}),
        ...(identified ? { person: { name: 'Testi Henkilö', phone: `040 ${String(1_000_000 + i)}` } } : {}),
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<{ id: string }>().id);
    }
    // what happens to them over the following days
    for (const id of ids) {
      t.clock.now = new Date(t.clock.now.getTime() + 30 * 60_000);
      const r = random();
      if (r < 0.5) expect((await post(`/api/contacts/${id}/claim`)).statusCode).toBe(200);
      if (r < 0.3) await post(`/api/contacts/${id}/reached`, { how: 'phone' });
      if (random() < 0.35) { // closed whether reached or not: a closing without a reach is a missed promise
        const close = await post(`/api/contacts/${id}/close`, { outcome: pick(['advice_given', 'message_to_service', 'not_reached'] as const), ledToClientRelationship: random() < 0.3, handlingSeconds: 60 * (1 + Math.floor(random() * 20)) });
        expect([200, 409, 422]).toContain(close.statusCode);
      }
    }
    // a contact moved to another day (a correction in SQL): both days change
    await sql`update contact set received_on = '2026-10-30', received_at = '2026-10-30T10:00:00+02:00' where id = ${ids[0]}`.execute(t.database.db);
    // a contact's person data erased (retention): the counts do not change, the rollup stays equal
    await sql`update contact set person_name = null, person_phone = null, personal_data_erased_at = now() where id = ${ids[1]} and not anonymous`.execute(t.database.db);

    await refreshStatistics(t.database.db);
    const incremental = await rollup();
    expect(incremental.length).toBeGreaterThan(100);
    await recount();
    expect(await rollup()).toEqual(incremental);
  });

  it('give the same figures as counting the contacts themselves, for a month, a quarter and a range', async () => {
    const sorted = (f: Awaited<ReturnType<typeof rolledUpFigures>>) => ({
      ...f,
      breakdowns: Object.fromEntries(Object.entries(f.breakdowns).map(([d, rows]) => [d, [...rows].sort((a, b) => String(a.code).localeCompare(String(b.code)))])),
      promiseBy: { channel: [...f.promiseBy.channel].sort((a, b) => String(a.code).localeCompare(String(b.code))), line: [...f.promiseBy.line].sort((a, b) => String(a.code).localeCompare(String(b.code))) },
    });
    for (const [from, to] of [['2026-11-01', '2026-11-30'], ['2026-10-01', '2026-12-31'], ['2026-11-05', '2026-11-12']] as const) {
      const current = periodRange(from, to);
      const previous = sameTimeLastYear(current);
      const rolled = await rolledUpFigures(t.database.db, countyId, current, previous, '2026-11-10');
      expect(rolled.total).toBeGreaterThan(0);
      expect(sorted(rolled)).toEqual(sorted(await contactFiguresRaw(t.database.db, countyId, current, previous, {}, '2026-11-10')));
    }
  });

  it('shows a new contact at once: the days it changed are rewritten before the figures are read', async () => {
    const before = await monthly('2026-11');
    t.clock.now = new Date('2026-11-20T10:00:00+02:00');
    const res = await post('/api/contacts', { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'housing', receivedAt: '2026-11-20T10:00:00+02:00' });
    expect(res.statusCode).toBe(201);
    const after = await monthly('2026-11');
    expect(after.total).toBe(before.total + 1);
    expect(after.breakdowns.channel.find((b) => b.code === 'walk_in')?.count).toBe((before.breakdowns.channel.find((b) => b.code === 'walk_in')?.count ?? 0) + 1);
    expect(await sql<{ n: number }>`select count(*)::int as n from stat_dirty_day`.execute(t.database.db).then((r) => r.rows[0]!.n)).toBe(0);
  });

  it('rewrites only the days of the period read; the job takes the rest', async () => {
    t.clock.now = new Date('2026-11-20T11:00:00+02:00');
    expect((await post('/api/contacts', { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'housing', receivedAt: '2026-11-19T10:00:00+02:00' })).statusCode).toBe(201);
    const dirty = async () => (await sql<{ day: string }>`select day::text as day from stat_dirty_day order by day`.execute(t.database.db)).rows.map((r) => r.day);
    expect(await dirty()).toEqual(['2026-11-19']);
    // October (and October 2025) read: November's day waits
    await monthly('2026-10');
    expect(await dirty()).toEqual(['2026-11-19']);
    expect(await refreshStatistics(t.database.db)).toBe(1);
    expect(await dirty()).toEqual([]);
  });

  it('counts a contact moved to another month in that month, and not in its old one', async () => {
    const [october, november] = [await monthly('2026-10'), await monthly('2026-11')];
    const moved = (await t.database.db.selectFrom('contact').select('id').where('county_id', '=', countyId).where('received_on', '=', '2026-11-20').limit(1).executeTakeFirstOrThrow()).id;
    await sql`update contact set received_on = '2026-10-15', received_at = '2026-10-15T10:00:00+03:00' where id = ${moved}`.execute(t.database.db);
    expect((await monthly('2026-10')).total).toBe(october.total + 1);
    expect((await monthly('2026-11')).total).toBe(november.total - 1);
  });

  it('decides pending or missed by the day it is read, not the day the rollup was written', async () => {
    t.clock.now = new Date('2026-11-20T12:00:00+02:00');
    const res = await post('/api/contacts', { channel: 'web_form', contactor: 'self', anonymous: true, mainReason: 'income', receivedAt: '2026-11-20T12:00:00+02:00' });
    const respondBy = (await t.database.db.selectFrom('contact').select('respond_by').where('id', '=', res.json<{ id: string }>().id).executeTakeFirstOrThrow()).respond_by;
    const now = await monthly('2026-11');
    // the clock moves past the promised day without anyone writing: the same rollup rows, read later
    t.clock.now = new Date(`${respondBy}T12:00:00+02:00`);
    t.clock.now = new Date(t.clock.now.getTime() + 86_400_000);
    supervisor = await login(t.app, 'esihenkilo'); // the earlier session ended with the day
    const later = await monthly('2026-11');
    expect(now.promise.pending).toBeGreaterThan(0);
    expect(later.promise.pending).toBeLessThan(now.promise.pending);
    expect(later.promise.missed).toBeGreaterThan(now.promise.missed);
    expect(await sql<{ n: number }>`select count(*)::int as n from stat_dirty_day`.execute(t.database.db).then((r) => r.rows[0]!.n)).toBe(0);
    expect(later.promise.missed + later.promise.pending).toBe(now.promise.missed + now.promise.pending);
  });
});
