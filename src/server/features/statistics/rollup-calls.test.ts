/**
 * The calls' and callbacks' rollup (migration 0018) gives the same reachability as counting the
 * calls themselves: waits with fractions of a second (counted in whole seconds by both), lines,
 * hours, days, abandoned and after-hours calls, callbacks reached or not, a year earlier, and a call
 * answered after the figures were read. Training tests (written with the code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { periodRange, sameTimeLastYear } from './statistics.domain.js';
import { phoneStatistics, phoneStatisticsRaw } from './reachability.queries.js';
import { refreshStatistics, sumRollup } from './statistics.rollup.js';

const TOKEN = 'rollup-calls-cti-token-0123456789abcdef';
let t: TestApp;
let countyId: string;

async function cti(at: Date, payload: object) {
  t.clock.now = at;
  const res = await t.app.inject({ method: 'POST', url: '/api/cti/events', payload, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { contactId: string; callback: boolean };
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number) {
  let s = seed;
  return () => { s = (s * 1103515245 + 12345) % 2 ** 31; return s / 2 ** 31; };
}

let seq = 0;
/** Some calls each weekday morning of a month: answered after 0–180.9 s, abandoned, or to a closed line at lunch. */
async function month(year: number, monthIndex: number, r: () => number) {
  const lines = ['working_age', 'older_people'];
  const ids: string[] = [];
  for (let day = 1; day <= 28; day += 2) {
    const date = new Date(Date.UTC(year, monthIndex, day));
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    for (let i = 0; i < 4; i++) {
      const callId = `rc-${++seq}`;
      // 07:10–11:40 UTC: 9–13 or 10–14 in Helsinki, inside the lines' hours
      const at = new Date(date.getTime() + (7 * 3600 + 600 + i * 4000 + Math.floor(r() * 900)) * 1000 + Math.floor(r() * 1000));
      const from = r() < 0.8 ? `040 200 ${String(seq).padStart(4, '0')}` : 'anonymous';
      const started = await cti(at, { event: 'newCall', callId, from, to: lines[i % 2] });
      const roll = r();
      if (roll < 0.7) {
        const waited = r() * 180.9;
        await cti(new Date(at.getTime() + waited * 1000), { event: 'answer', callId, user: 'ohjaaja' });
        await cti(new Date(at.getTime() + (waited + 60 + r() * 600) * 1000), { event: 'hangup', callId, cause: 'normalClearing' });
      } else if (roll < 0.95) {
        const ended = await cti(new Date(at.getTime() + (2 + r() * 120.5) * 1000), { event: 'hangup', callId, cause: 'cancel' });
        if (ended.callback) ids.push(started.contactId);
      }
      // else: still ringing (the phone system never told the end)
    }
  }
  return ids;
}

beforeAll(async () => {
  t = await createTestApp({ config: { ctiToken: TOKEN }, now: new Date('2025-11-01T08:00:00Z') });
  countyId = (await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
  const r = random(15);
  const before = await month(2025, 10, r);
  const now = await month(2026, 10, r);
  // half the callback tasks reached, after 1–30 hours
  for (const [i, id] of [...before, ...now].entries()) {
    if (i % 2) continue;
    const contact = await t.database.db.selectFrom('contact').select('received_at').where('id', '=', id).executeTakeFirstOrThrow();
    t.clock.now = new Date(contact.received_at.getTime() + (3600 + i * 3517.3) * 1000);
    const worker = await login(t.app, 'ohjaaja');
    const res = await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/callback-attempts`, payload: { result: 'reached' }, headers: worker.headers });
    expect(res.statusCode, res.body).toBe(200);
  }
}, 180_000);
afterAll(async () => { await t.close(); });

async function both(from: string, to: string) {
  const current = periodRange(from, to);
  const previous = sameTimeLastYear(current);
  await refreshStatistics(t.database.db, countyId);
  const read = await sumRollup(t.database.db, 'stat_contact_day', countyId, current, previous);
  return {
    rolled: await phoneStatistics(t.database.db, countyId, current, previous, {}, read),
    counted: await phoneStatisticsRaw(t.database.db, countyId, current, previous, {}),
  };
}

describe('the calls\' rollup', () => {
  it('equals counting the calls, for a month, a quarter and a range', async () => {
    for (const [from, to] of [['2026-11-01', '2026-11-30'], ['2026-10-01', '2026-12-31'], ['2026-11-04', '2026-11-17']] as const) {
      const { rolled, counted } = await both(from, to);
      expect(counted.offered, 'the fixture has calls').toBeGreaterThan(10);
      expect(counted.callbacks.done, 'and callbacks reached').toBeGreaterThan(0);
      expect(counted.previousYear.offered).toBeGreaterThan(10);
      expect(rolled, `${from}–${to}`).toEqual(counted);
    }
  });

  it('counts a call answered after the figures were read, at once', async () => {
    const before = (await both('2026-11-01', '2026-11-30')).rolled;
    const callId = 'rc-late';
    await cti(new Date('2026-11-24T08:00:00Z'), { event: 'newCall', callId, from: '040 200 9999', to: 'working_age' });
    await cti(new Date('2026-11-24T08:00:42.600Z'), { event: 'answer', callId, user: 'ohjaaja' });
    const { rolled, counted } = await both('2026-11-01', '2026-11-30');
    expect(rolled).toEqual(counted);
    expect(rolled.offered).toBe(before.offered + 1);
    expect(rolled.answered).toBe(before.answered + 1);
  });
});
