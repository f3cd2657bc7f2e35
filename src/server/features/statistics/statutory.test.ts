/**
 * The statutory clocks in the statistics (issue 15, part 2; domain § 9): referrals that started a
 * legal time limit, counted by the day they were sent, met when the receiving unit reached the
 * client by the deadline; per legal basis, channel and line; and the referrals per channel with
 * their targets (the emergency department's onward referrals). Through the API on a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { periodRange, sameTimeLastYear } from './statistics.domain.js';
import { referralStatisticsRaw, referralStatisticsRolledUp } from './statistics.queries.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, unit: Session, supervisor: Session;

async function at<T>(iso: string, f: () => Promise<T>): Promise<T> {
  t.clock.now = new Date(iso);
  [guide, unit, supervisor] = await Promise.all(['ohjaaja', 'yksikko', 'esihenkilo'].map((u) => login(t.app, u))) as [Session, Session, Session];
  return f();
}
const post = (url: string, payload: unknown, s: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });

/** A contact of an identified person with consent to forward, and one referral from it; returns the referral's id. */
async function referral(channel: string, extra: Record<string, unknown>): Promise<string> {
  const c = await post('/api/contacts', {
    channel, contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    person: { name: 'Testi Henkilö', hetu: formatHetu('1980-05-05', 211), phone: '040 111 2233' },
  }, guide);
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const consent = await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' }, guide);
  expect(consent.statusCode, consent.body).toBe(200);
  const r = await post(`/api/contacts/${id}/referrals`, {
    kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: consent.json().id,
    summary: 'Toimeentulo ja työllistyminen: palvelutarpeen arviointi.', needs: ['income'], urgency: 'non_urgent', ...extra,
  }, guide);
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const act = (id: string, action: 'accept' | 'contact' | 'cancel', s: Session) => t.app.inject({
  method: 'POST', url: `/api/referrals/${id}/${action}`, headers: s.headers, ...(action === 'cancel' ? { payload: { reason: 'Asiakas perui.' } } : {}),
});

const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2025-11-05T10:00:00+02:00') });
  // a year earlier: a care needs assessment (TL 51 §, three working days), the client reached the next day: met
  ids.before = await at('2025-11-05T10:00:00+02:00', () => referral('phone', { assessment: 'hta' }));
  await at('2025-11-06T09:00:00+02:00', async () => {
    expect((await act(ids.before!, 'accept', unit)).statusCode).toBe(200);
    expect((await act(ids.before!, 'contact', unit)).statusCode).toBe(200);
  });

  // Mon 2.11.2026: four referrals from phone contacts
  await at('2026-11-02T10:00:00+02:00', async () => {
    // met: SHL 36 § (highest care allowance: 7 working days, by 11.11.), reached Thu 5.11.
    ids.met = await referral('phone', { highestCareAllowance: true });
    // missed: TL 51 § (by Thu 5.11.), reached Mon 9.11.
    ids.late = await referral('phone', { assessment: 'hta' });
    // missed: SHL 36 § by 11.11., accepted but never reached
    ids.never = await referral('phone', { highestCareAllowance: true });
    // cancelled before anyone reached the client
    ids.cancelled = await referral('phone', { highestCareAllowance: true });
    // no statutory clock: a message to the service
    ids.plain = await referral('phone', { kind: 'message_to_service', assessment: null });
  });
  await at('2026-11-03T09:00:00+02:00', async () => {
    for (const id of [ids.met!, ids.late!, ids.never!]) expect((await act(id, 'accept', unit)).statusCode).toBe(200);
    expect((await act(ids.cancelled!, 'cancel', guide)).statusCode).toBe(200);
  });
  await at('2026-11-05T14:00:00+02:00', async () => { expect((await act(ids.met!, 'contact', unit)).statusCode).toBe(200); });
  await at('2026-11-09T14:00:00+02:00', async () => { expect((await act(ids.late!, 'contact', unit)).statusCode).toBe(200); });
  // Thu 19.11.: a walk-in, SHL 36 § by Mon 30.11.: still running on the 20th
  ids.pending = await at('2026-11-19T10:00:00+02:00', () => referral('walk_in', { highestCareAllowance: true }));
}, 120_000);
afterAll(async () => { await t.close(); });

const clocks = (started: number, met: number, missed: number, pending: number, cancelled: number) => ({ started, met, missed, pending, cancelled });

describe('the statutory clocks in the statistics', () => {
  it('counts each clock met, missed, pending or cancelled, overall and beside a year earlier, per basis, channel and line', async () => {
    const res = await at('2026-11-20T12:00:00+02:00', () => t.app.inject({ url: '/api/statistics/monthly?month=2026-11', headers: supervisor.headers }));
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json().statutory;
    expect(s).toMatchObject(clocks(5, 1, 2, 1, 1));
    expect(s.previousYear).toEqual(clocks(1, 1, 0, 0, 0));
    expect(s.byBasis).toEqual([{ basis: 'shl_36', ...clocks(4, 1, 1, 1, 1) }, { basis: 'thl_51', ...clocks(1, 0, 1, 0, 0) }]);
    expect(s.byChannel).toEqual([{ code: 'phone', ...clocks(4, 1, 2, 0, 1) }, { code: 'walk_in', ...clocks(1, 0, 0, 1, 0) }]);
    expect(s.byLine).toEqual([{ code: null, ...clocks(5, 1, 2, 1, 1) }]);
  });

  it('turns a pending clock into a missed one once its day has passed, without anything else changing', async () => {
    const s = (await at('2026-12-01T08:00:00+02:00', () => t.app.inject({ url: '/api/statistics/monthly?month=2026-11', headers: supervisor.headers }))).json().statutory;
    expect(s).toMatchObject(clocks(5, 1, 3, 0, 1));
  });

  it('gives the referrals per channel with where they went, beside a year earlier', async () => {
    const r = (await at('2026-11-20T12:00:00+02:00', () => t.app.inject({ url: '/api/statistics/monthly?month=2026-11', headers: supervisor.headers }))).json().referrals;
    expect(r.byChannel).toEqual([
      { code: 'phone', count: 5, previousYear: 1, byTarget: [{ code: 'adult_social_work', count: 5, previousYear: 1 }] },
      { code: 'walk_in', count: 1, previousYear: 0, byTarget: [{ code: 'adult_social_work', count: 1, previousYear: 0 }] },
    ]);
  });

  it('counts the clocks of one line only when the statistics are filtered by it', async () => {
    const s = (await at('2026-11-20T12:00:00+02:00', () => t.app.inject({ url: '/api/statistics/monthly?month=2026-11&line=working_age', headers: supervisor.headers }))).json();
    expect(s.statutory).toMatchObject(clocks(0, 0, 0, 0, 0));
    expect(s.referrals.byChannel).toEqual([]);
  });

  it('gives the same referral figures from the rollup as counted from the referrals, as the days pass', async () => {
    const countyId = (await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
    for (const [from, to] of [['2026-11-01', '2026-11-30'], ['2026-10-01', '2026-12-31'], ['2026-11-03', '2026-11-19']] as const) {
      const current = periodRange(from, to);
      const previous = sameTimeLastYear(current);
      for (const today of ['2026-11-04', '2026-11-20', '2026-12-01']) {
        const rolled = await referralStatisticsRolledUp(t.database.db, countyId, current, previous, today);
        expect(rolled, `${from}–${to} on ${today}`).toEqual(await referralStatisticsRaw(t.database.db, countyId, current, previous, today, {}));
      }
    }
    // and a change shows at once: the pending referral reached today is met, in both
    await at('2026-11-23T10:00:00+02:00', async () => {
      expect((await act(ids.pending!, 'accept', unit)).statusCode).toBe(200);
      expect((await act(ids.pending!, 'contact', unit)).statusCode).toBe(200);
    });
    const current = periodRange('2026-11-01', '2026-11-30');
    const rolled = await referralStatisticsRolledUp(t.database.db, countyId, current, sameTimeLastYear(current), '2026-11-23');
    expect(rolled.statutory).toMatchObject(clocks(5, 2, 2, 0, 1));
    expect(rolled).toEqual(await referralStatisticsRaw(t.database.db, countyId, current, sameTimeLastYear(current), '2026-11-23', {}));
  });
});
