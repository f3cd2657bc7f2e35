/**
 * Sealed black-box tests of issue 15's reachability, promise-by-channel-and-line and staffing
 * (API only, through `app.inject`). Calls are made with the phone system's webhook at chosen clock
 * times; the demo county's lines open weekdays 9–11 and 13–15 Helsinki time. Each group uses its
 * own month: February 2026 (with February 2025 for the comparison), March 2026, October 2025,
 * August 2026. Expected staffing figures are computed by the textbook Erlang C summation below
 * (not the module under test) and cross-checked with hard-coded values from a 40-digit computation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import type { MonthlyStatistics, PhoneFigures, Staffing, StaffingSettings, StaffingSlot } from './statistics.schemas.js';

const TOKEN = 'sealed15-cti-token-0123456789abcdef';
/** Reads happen "now": after every call of the file. */
const QUERY_TIME = '2026-11-23T10:00:00+02:00';

let t: TestApp;
let defaultsAtStart: { status: number; body: unknown };

type Session = Awaited<ReturnType<typeof login>>;
const sessions = new Map<string, { at: number; s: Session }>();

/** A session valid at the current test clock (logged in afresh when the clock has moved). */
async function sessionFor(username: string): Promise<Session> {
  const now = t.clock.now.getTime();
  const cached = sessions.get(username);
  if (cached && Math.abs(cached.at - now) < 10 * 60_000) return cached.s;
  const s = await login(t.app, username);
  sessions.set(username, { at: now, s });
  return s;
}

const setClock = (iso: string | Date) => { t.clock.now = typeof iso === 'string' ? new Date(iso) : iso; };
const plus = (iso: string, seconds: number) => new Date(new Date(iso).getTime() + seconds * 1000);

async function get<T = unknown>(url: string, username: string | null = 'esihenkilo'): Promise<{ status: number; body: T; raw: string }> {
  setClock(QUERY_TIME);
  const headers = username ? (await sessionFor(username)).headers : {};
  const res = await t.app.inject({ url, headers });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as T, raw: res.body };
}

async function putSettings(payload: unknown, username: string | null = 'esihenkilo') {
  setClock(QUERY_TIME);
  const headers = username ? (await sessionFor(username)).headers : {};
  const res = await t.app.inject({ method: 'PUT', url: '/api/statistics/staffing-settings', payload: payload as object, headers });
  return { status: res.statusCode, body: res.json() as StaffingSettings & { errors?: { field: string }[]; code?: string }, raw: res.body };
}

async function postAs(iso: string, url: string, payload: unknown, username = 'ohjaaja') {
  setClock(iso);
  const s = await sessionFor(username);
  const res = await t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
}

async function cti(at: Date | string, payload: object) {
  setClock(at);
  const res = await t.app.inject({ method: 'POST', url: '/api/cti/events', payload, headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { contactId: string; status: string; callback: boolean };
}

let callSeq = 0;
interface CallSpec {
  line: string;
  /** ISO time with offset, the moment the call arrives */
  at: string;
  /** caller's number; null or undefined: hidden */
  from?: string | null;
  /** answered this many seconds after arrival */
  answerAfter?: number;
  /** talk time after the answer, then hang-up (omitted: the answered call is not hung up) */
  talk?: number;
  /** hung up unanswered this many seconds after arrival */
  abandonAfter?: number;
  /** the line is expected to be closed at `at` */
  closed?: boolean;
}

/** Plays one call through the webhook; returns the contact it made. */
async function call(spec: CallSpec): Promise<{ contactId: string; callback: boolean }> {
  const callId = `sealed15-${++callSeq}`;
  const started = await cti(spec.at, { event: 'newCall', callId, from: spec.from ?? 'anonymous', to: spec.line });
  if (spec.closed) {
    // fixture sanity: a call to a closed line becomes a callback task at once when the number shows
    expect(started.callback, `${spec.at} should be outside the line's hours`).toBe(Boolean(spec.from));
    return started;
  }
  expect(started.callback, `${spec.at} should be inside the line's hours`).toBe(false);
  if (spec.answerAfter !== undefined) {
    await cti(plus(spec.at, spec.answerAfter), { event: 'answer', callId, user: 'ohjaaja' });
    if (spec.talk !== undefined) await cti(plus(spec.at, spec.answerAfter + spec.talk), { event: 'hangup', callId, cause: 'normalClearing' });
    return started;
  }
  if (spec.abandonAfter !== undefined) {
    const ended = await cti(plus(spec.at, spec.abandonAfter), { event: 'hangup', callId, cause: 'cancel' });
    expect(ended.callback).toBe(Boolean(spec.from));
    return { contactId: started.contactId, callback: ended.callback };
  }
  return started;
}

const monthly = async (month: string) => {
  const res = await get<MonthlyStatistics>(`/api/statistics/monthly?month=${month}`);
  expect(res.status, res.raw).toBe(200);
  return res.body;
};
const lineOf = (p: MonthlyStatistics['phone'], code: string | null) => {
  const row = p.byLine.find((l) => l.line === code);
  expect(row, `byLine ${code}`).toBeDefined();
  return row!;
};
/** Rows of a by-hour/by-day list that carry any call (an implementation may list empty rows). */
const nonEmpty = <R extends { offered: number; answered: number; abandoned: number }>(rows: R[]) => rows.filter((r) => r.offered + r.answered + r.abandoned > 0);

/** The counting figures of a PhoneFigures, exactly. */
function expectCounts(f: PhoneFigures, want: { offered: number; answered: number; abandoned: number; outsideHours: number; answeredWithinServiceLevel: number }) {
  expect({ offered: f.offered, answered: f.answered, abandoned: f.abandoned, outsideHours: f.outsideHours, answeredWithinServiceLevel: f.answeredWithinServiceLevel }).toEqual(want);
}

/* ---------------- independent Erlang C (textbook summation, log space) ---------------- */
function refErlangC(n: number, a: number): number {
  if (a === 0) return 0;
  if (n <= a) return 1;
  const logs: number[] = [];
  let logFact = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logFact += Math.log(k);
    logs.push(k * Math.log(a) - logFact);
  }
  const top = logs[n]! + Math.log(n / (n - a));
  const max = Math.max(top, ...logs.slice(0, n));
  let sum = 0;
  for (let k = 0; k < n; k++) sum += Math.exp(logs[k]! - max);
  return Math.exp(top - max) / (sum + Math.exp(top - max));
}
function refServiceLevel(n: number, callsPerHour: number, h: number, t: number): number {
  const a = (callsPerHour * h) / 3600;
  if (a === 0) return 1;
  if (n <= a) return 0;
  return 1 - refErlangC(n, a) * Math.exp((-(n - a) * t) / h);
}
function refNeeded(callsPerHour: number, h: number, share: number, t: number): number {
  if (callsPerHour === 0) return 0;
  let n = Math.floor((callsPerHour * h) / 3600) + 1;
  while (refServiceLevel(n, callsPerHour, h, t) < share) n++;
  return n;
}

beforeAll(async () => {
  t = await createTestApp({ config: { ctiToken: TOKEN }, now: new Date(QUERY_TIME) });
  // the settings before anything in this file changed them
  defaultsAtStart = await get('/api/statistics/staffing-settings');
}, 120_000);
afterAll(async () => { await t.close(); });

/* ============================================================================================ */
describe('reachability of a month: February 2026 beside February 2025', () => {
  beforeAll(async () => {
    // Monday 2.2.2026 (UTC+2)
    await call({ line: 'working_age', at: '2026-02-02T09:10:00+02:00', from: '040 100 0001', answerAfter: 20, talk: 300 });
    await call({ line: 'working_age', at: '2026-02-02T09:30:00+02:00', from: '040 100 0002', answerAfter: 90, talk: 120 });
    await call({ line: 'working_age', at: '2026-02-02T09:40:00+02:00', from: '040 100 0003', abandonAfter: 30 }); // missed: callback
    await call({ line: 'older_people', at: '2026-02-02T10:05:00+02:00', from: '040 100 0004', answerAfter: 45, talk: 200 });
    await call({ line: 'working_age', at: '2026-02-02T12:00:00+02:00', from: '040 100 0005', closed: true }); // lunch: callback
    // Tuesday 3.2.2026
    await call({ line: 'older_people', at: '2026-02-03T13:20:00+02:00', from: null, abandonAfter: 50 }); // hidden: no callback
    await call({ line: 'working_age', at: '2026-02-03T14:00:00+02:00', from: '040 100 0007', answerAfter: 10, talk: 60 });
    await call({ line: 'working_age', at: '2026-02-03T16:30:00+02:00', from: null, closed: true });
    // Saturday 7.2.2026: closed all day
    await call({ line: 'working_age', at: '2026-02-07T10:00:00+02:00', from: null, closed: true });
    // Friday 30.1.2026: January, not counted in February
    await call({ line: 'working_age', at: '2026-01-30T14:50:00+02:00', from: '040 100 0013', answerAfter: 10, talk: 100 });
    // Monday 3.2.2025: the year-earlier month
    await call({ line: 'working_age', at: '2025-02-03T09:15:00+02:00', from: '040 100 0011', answerAfter: 40, talk: 100 });
    await call({ line: 'working_age', at: '2025-02-03T09:20:00+02:00', from: '040 100 0012', abandonAfter: 15 });
  }, 120_000);

  it('counts offered, answered, abandoned and after-hours calls with the rates and waits', async () => {
    const s = await monthly('2026-02');
    const p = s.phone;
    expect(p.serviceLevelSeconds).toBe(60);
    expect(p.serviceLevelTarget).toBeCloseTo(0.8, 6);
    // offered: the six calls while the lines were open; three arrived while closed
    expectCounts(p, { offered: 6, answered: 4, abandoned: 2, outsideHours: 3, answeredWithinServiceLevel: 3 });
    expect(p.answerRate).toBeCloseTo(4 / 6, 2);
    expect(p.serviceLevel).toBeCloseTo(3 / 6, 2); // waits 20, 45, 10 within 60 s; 90 s not
    expect(p.meanWaitSeconds).toBeCloseTo((20 + 90 + 45 + 10) / 4, 0);
    expect(p.p90WaitSeconds).not.toBeNull();
    expect(p.p90WaitSeconds!).toBeGreaterThanOrEqual(45);
    expect(p.p90WaitSeconds!).toBeLessThanOrEqual(90);
    expect(p.meanAbandonSeconds).toBeCloseTo((30 + 50) / 2, 0);
    // missed call 09:40 and the lunch-time call had numbers; hidden numbers make no task; nobody reached yet
    expect(p.callbacks.created).toBe(2);
    expect(p.callbacks.done).toBe(0);
    expect(p.callbacks.meanHoursToCallback).toBeNull();
    expect(p.callbacks.p90HoursToCallback).toBeNull();
  });

  it('breaks the month down by line', async () => {
    const p = (await monthly('2026-02')).phone;
    const wa = lineOf(p, 'working_age');
    expectCounts(wa, { offered: 4, answered: 3, abandoned: 1, outsideHours: 3, answeredWithinServiceLevel: 2 });
    expect(wa.answerRate).toBeCloseTo(0.75, 2);
    expect(wa.serviceLevel).toBeCloseTo(0.5, 2);
    expect(wa.meanWaitSeconds).toBeCloseTo((20 + 90 + 10) / 3, 0);
    expect(wa.meanAbandonSeconds).toBeCloseTo(30, 0);
    expect(wa.callbacks.created).toBe(2);
    const op = lineOf(p, 'older_people');
    expectCounts(op, { offered: 2, answered: 1, abandoned: 1, outsideHours: 0, answeredWithinServiceLevel: 1 });
    expect(op.answerRate).toBeCloseTo(0.5, 2);
    expect(op.serviceLevel).toBeCloseTo(0.5, 2);
    expect(op.meanWaitSeconds).toBeCloseTo(45, 0);
    expect(op.meanAbandonSeconds).toBeCloseTo(50, 0);
    expect(op.callbacks.created).toBe(0);
    // lines without calls, if listed, are empty; the lines' rows add up to the whole
    for (const row of p.byLine.filter((l) => l.line !== 'working_age' && l.line !== 'older_people')) {
      expect(row.offered + row.outsideHours, `line ${row.line}`).toBe(0);
    }
    const sum = (k: 'offered' | 'answered' | 'abandoned' | 'outsideHours') => p.byLine.reduce((n, l) => n + l[k], 0);
    expect([sum('offered'), sum('answered'), sum('abandoned'), sum('outsideHours')]).toEqual([p.offered, p.answered, p.abandoned, p.outsideHours]);
  });

  it('counts offered calls by Helsinki hour and day, after-hours calls left out', async () => {
    const p = (await monthly('2026-02')).phone;
    const byHour = nonEmpty(p.byHour).sort((a, b) => a.hour - b.hour);
    expect(byHour).toEqual([
      { hour: 9, offered: 3, answered: 2, abandoned: 1 }, // 07:10–07:40 UTC
      { hour: 10, offered: 1, answered: 1, abandoned: 0 },
      { hour: 13, offered: 1, answered: 0, abandoned: 1 },
      { hour: 14, offered: 1, answered: 1, abandoned: 0 },
    ]);
    const byDay = nonEmpty(p.byDay).sort((a, b) => a.date.localeCompare(b.date));
    expect(byDay).toEqual([
      { date: '2026-02-02', offered: 4, answered: 3, abandoned: 1 },
      { date: '2026-02-03', offered: 2, answered: 1, abandoned: 1 },
    ]);
  });

  it('gives the same figures for February 2025 as previousYear', async () => {
    const prev = (await monthly('2026-02')).phone.previousYear;
    expectCounts(prev, { offered: 2, answered: 1, abandoned: 1, outsideHours: 0, answeredWithinServiceLevel: 1 });
    expect(prev.answerRate).toBeCloseTo(0.5, 2);
    expect(prev.serviceLevel).toBeCloseTo(0.5, 2);
    expect(prev.meanWaitSeconds).toBeCloseTo(40, 0);
    expect(prev.meanAbandonSeconds).toBeCloseTo(15, 0);
    expect(prev.callbacks.created).toBe(1);
    // and February 2025's own report agrees
    const own = (await monthly('2025-02')).phone;
    expectCounts(own, { offered: 2, answered: 1, abandoned: 1, outsideHours: 0, answeredWithinServiceLevel: 1 });
  });

  it('follows the county\'s service level setting', async () => {
    const put = await putSettings({ serviceLevelSeconds: 30, serviceLevelTarget: 0.9, items: [] });
    expect(put.status, put.raw).toBe(200);
    try {
      const p = (await monthly('2026-02')).phone;
      expect(p.serviceLevelSeconds).toBe(30);
      expect(p.serviceLevelTarget).toBeCloseTo(0.9, 6);
      expect(p.answeredWithinServiceLevel).toBe(2); // 20 s and 10 s; 45 s and 90 s are over
      expect(p.serviceLevel).toBeCloseTo(2 / 6, 2);
      expect(lineOf(p, 'working_age').answeredWithinServiceLevel).toBe(2);
      expect(lineOf(p, 'older_people').answeredWithinServiceLevel).toBe(0);
      expect(lineOf(p, 'older_people').serviceLevel).toBe(0);
      expect(p.previousYear.answeredWithinServiceLevel).toBe(0); // 40 s
      expect(p.previousYear.serviceLevel).toBe(0);
    } finally {
      expect((await putSettings({ serviceLevelSeconds: 60, serviceLevelTarget: 0.8, items: [] })).status).toBe(200);
    }
    expect((await monthly('2026-02')).phone.answeredWithinServiceLevel).toBe(3);
  });

  it('keeps the month\'s contacts: every call made a contact', async () => {
    const s = await monthly('2026-02');
    expect(s.total).toBe(9);
    expect(s.breakdowns.line).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'working_age', count: 7 }),
      expect.objectContaining({ code: 'older_people', count: 2 }),
    ]));
  });
});

/* ============================================================================================ */
describe('callbacks and time to callback: March 2026', () => {
  beforeAll(async () => {
    // Monday 2.3.2026 (UTC+2). A missed call: no answer at 10:20, reached at 11:20 (2 h after the call).
    const missed = await call({ line: 'working_age', at: '2026-03-02T09:20:00+02:00', from: '040 200 0001', abandonAfter: 40 });
    expect(missed.callback).toBe(true);
    await postAs('2026-03-02T10:20:00+02:00', `/api/contacts/${missed.contactId}/callback-attempts`, { result: 'no_answer' });
    await postAs('2026-03-02T11:20:00+02:00', `/api/contacts/${missed.contactId}/callback-attempts`, { result: 'reached' });
    // A lunch-time call: reached by phone at 16:30 (4 h).
    const lunch = await call({ line: 'working_age', at: '2026-03-02T12:30:00+02:00', from: '040 200 0002', closed: true });
    await postAs('2026-03-02T16:30:00+02:00', `/api/contacts/${lunch.contactId}/reached`, { how: 'phone' });
    // Tuesday 3.3.: a missed call never called back; a hidden number (no task); an answered call.
    await call({ line: 'older_people', at: '2026-03-03T10:00:00+02:00', from: '040 200 0003', abandonAfter: 20 });
    await call({ line: 'older_people', at: '2026-03-03T10:30:00+02:00', from: null, abandonAfter: 10 });
    await call({ line: 'working_age', at: '2026-03-03T13:10:00+02:00', from: '040 200 0005', answerAfter: 5, talk: 100 });
    // Sunday 1.3. 01:30 Helsinki (28.2. 23:30 UTC), hidden number: March's after-hours call, not February's.
    await call({ line: 'working_age', at: '2026-02-28T23:30:00Z', from: null, closed: true });
  }, 120_000);

  it('counts callback tasks created and done, with the hours from the call to reaching the person', async () => {
    const p = (await monthly('2026-03')).phone;
    expectCounts(p, { offered: 4, answered: 1, abandoned: 3, outsideHours: 2, answeredWithinServiceLevel: 1 });
    expect(p.callbacks.created).toBe(3);
    expect(p.callbacks.done).toBe(2);
    expect(p.callbacks.meanHoursToCallback).toBeCloseTo((2 + 4) / 2, 1);
    expect(p.callbacks.p90HoursToCallback).not.toBeNull();
    expect(p.callbacks.p90HoursToCallback!).toBeGreaterThanOrEqual(2 - 0.05);
    expect(p.callbacks.p90HoursToCallback!).toBeLessThanOrEqual(4 + 0.05);
  });

  it('splits the callbacks by line', async () => {
    const p = (await monthly('2026-03')).phone;
    const wa = lineOf(p, 'working_age');
    expect(wa.callbacks.created).toBe(2);
    expect(wa.callbacks.done).toBe(2);
    expect(wa.callbacks.meanHoursToCallback).toBeCloseTo(3, 1);
    const op = lineOf(p, 'older_people');
    expect(op.callbacks.created).toBe(1);
    expect(op.callbacks.done).toBe(0);
    expect(op.callbacks.meanHoursToCallback).toBeNull();
  });

  it('does not move March\'s after-hours call into February (months are Helsinki months)', async () => {
    expect((await monthly('2026-02')).phone.outsideHours).toBe(3);
  });

  it('a month without calls: zeros and nulls, not NaN', async () => {
    const prev = (await monthly('2026-03')).phone.previousYear; // March 2025: no calls
    expectCounts(prev, { offered: 0, answered: 0, abandoned: 0, outsideHours: 0, answeredWithinServiceLevel: 0 });
    expect(prev.answerRate).toBeNull();
    expect(prev.serviceLevel).toBeNull();
    expect(prev.meanWaitSeconds).toBeNull();
    expect(prev.p90WaitSeconds).toBeNull();
    expect(prev.meanAbandonSeconds).toBeNull();
    expect(prev.callbacks).toEqual({ created: 0, done: 0, meanHoursToCallback: null, p90HoursToCallback: null });
    const empty = (await monthly('2024-07')).phone;
    expectCounts(empty, { offered: 0, answered: 0, abandoned: 0, outsideHours: 0, answeredWithinServiceLevel: 0 });
    expect(empty.answerRate).toBeNull();
    expect(nonEmpty(empty.byHour)).toEqual([]);
    expect(nonEmpty(empty.byDay)).toEqual([]);
    for (const row of empty.byLine) expect(row.offered + row.outsideHours).toBe(0);
  });
});

/* ============================================================================================ */
describe('the promise per channel and per line: October 2025', () => {
  beforeAll(async () => {
    // Monday 6.10.2025 (UTC+3)
    await call({ line: 'working_age', at: '2025-10-06T09:05:00+03:00', from: '040 300 0001', answerAfter: 15, talk: 200 }); // kept (answered)
    await call({ line: 'older_people', at: '2025-10-06T09:10:00+03:00', from: '040 300 0002', answerAfter: 30, talk: 200 }); // kept
    await call({ line: 'working_age', at: '2025-10-06T09:20:00+03:00', from: '040 300 0003', abandonAfter: 25 }); // callback never made: missed
    await call({ line: 'older_people', at: '2025-10-06T09:30:00+03:00', from: null, abandonAfter: 5 }); // hidden: closes as not reached
    const lunch = await call({ line: 'working_age', at: '2025-10-06T12:00:00+03:00', from: '040 300 0004', closed: true });
    // reached the next working day: kept (22 h after the call)
    await postAs('2025-10-07T10:00:00+03:00', `/api/contacts/${lunch.contactId}/callback-attempts`, { result: 'reached' });
    // two web forms: one answered the same day (kept), one never (missed)
    const w1 = await postAs('2025-10-06T10:00:00+03:00', '/api/contacts', { channel: 'web_form', anonymous: true, contactor: 'self', receivedAt: '2025-10-06T10:00:00+03:00' });
    await postAs('2025-10-06T14:00:00+03:00', `/api/contacts/${String(w1.id)}/reached`, { how: 'reply_sent' });
    await postAs('2025-10-06T10:30:00+03:00', '/api/contacts', { channel: 'web_form', anonymous: true, contactor: 'self', receivedAt: '2025-10-06T10:30:00+03:00' });
  }, 120_000);

  type Counts = { kept: number; missed: number; pending: number; notApplicable: number };
  const sum = (rows: Counts[]): Counts => rows.reduce((a, r) => ({ kept: a.kept + r.kept, missed: a.missed + r.missed, pending: a.pending + r.pending, notApplicable: a.notApplicable + r.notApplicable }), { kept: 0, missed: 0, pending: 0, notApplicable: 0 });
  const row = (rows: (Counts & { code: string | null })[], code: string | null) => {
    const r = rows.find((x) => x.code === code);
    expect(r, `promiseBy row ${code}`).toBeDefined();
    return r!;
  };

  it('the per-channel and per-line counts add up to the month\'s promise', async () => {
    const s = await monthly('2025-10');
    expect(s.total).toBe(7);
    expect(s.promise.kept).toBe(4);
    expect(s.promise.pending).toBe(0);
    expect(s.promise.kept + s.promise.missed + s.promise.pending + s.promise.notApplicable).toBe(s.total);
    expect(sum(s.promiseBy.channel)).toEqual(s.promise);
    expect(sum(s.promiseBy.line)).toEqual(s.promise);
  });

  it('counts kept and missed per channel and line, from reaching the person', async () => {
    const s = await monthly('2025-10');
    // answered calls stay phone contacts; the missed and the after-hours call became callback tasks
    expect(row(s.promiseBy.channel, 'phone')).toMatchObject({ kept: 2, pending: 0 });
    expect(row(s.promiseBy.channel, 'callback')).toMatchObject({ kept: 1, missed: 1, pending: 0, notApplicable: 0 });
    expect(row(s.promiseBy.channel, 'web_form')).toMatchObject({ kept: 1, missed: 1, pending: 0, notApplicable: 0 });
    expect(row(s.promiseBy.line, 'working_age')).toMatchObject({ kept: 2, missed: 1, pending: 0, notApplicable: 0 });
    const op = row(s.promiseBy.line, 'older_people');
    expect(op.kept).toBe(1);
    expect(op.kept + op.missed + op.pending + op.notApplicable).toBe(2); // and the hidden-number call
    expect(row(s.promiseBy.line, null)).toMatchObject({ kept: 1, missed: 1, pending: 0, notApplicable: 0 });
  });

  it('reports the month\'s phone figures and the next-day callback', async () => {
    const p = (await monthly('2025-10')).phone;
    expectCounts(p, { offered: 4, answered: 2, abandoned: 2, outsideHours: 1, answeredWithinServiceLevel: 2 });
    expect(p.callbacks.created).toBe(2);
    expect(p.callbacks.done).toBe(1);
    expect(p.callbacks.meanHoursToCallback).toBeCloseTo(22, 1);
  });
});

/* ============================================================================================ */
describe('staffing settings: the service level and the roster', () => {
  const sortSlots = (items: StaffingSettings['items']) => [...items].sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
  const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);
  const base = { serviceLevelSeconds: 60, serviceLevelTarget: 0.8 };

  it('starts from 60 s and 80 % with an empty roster', () => {
    expect(defaultsAtStart.status).toBe(200);
    expect(defaultsAtStart.body).toEqual({ serviceLevelSeconds: 60, serviceLevelTarget: 0.8, items: [], total: 0 });
  });

  it('PUT replaces the whole roster and returns the saved settings', async () => {
    const first = await putSettings({ serviceLevelSeconds: 45, serviceLevelTarget: 0.85, items: [{ weekday: 1, hour: 10, workers: 3 }, { weekday: 1, hour: 9, workers: 4 }, { weekday: 5, hour: 14, workers: 0 }] });
    expect(first.status, first.raw).toBe(200);
    expect(first.body.serviceLevelSeconds).toBe(45);
    expect(first.body.serviceLevelTarget).toBeCloseTo(0.85, 6);
    expect(first.body.total).toBe(3);
    expect(sortSlots(first.body.items)).toEqual([{ weekday: 1, hour: 9, workers: 4 }, { weekday: 1, hour: 10, workers: 3 }, { weekday: 5, hour: 14, workers: 0 }]);
    const read = await get<StaffingSettings>('/api/statistics/staffing-settings');
    expect(read.status).toBe(200);
    expect({ ...read.body, items: sortSlots(read.body.items) }).toEqual({ ...first.body, items: sortSlots(first.body.items) });

    const second = await putSettings({ ...base, items: [{ weekday: 2, hour: 13, workers: 2 }] });
    expect(second.status, second.raw).toBe(200);
    const after = await get<StaffingSettings>('/api/statistics/staffing-settings');
    expect(after.body).toEqual({ serviceLevelSeconds: 60, serviceLevelTarget: 0.8, items: [{ weekday: 2, hour: 13, workers: 2 }], total: 1 });

    expect((await putSettings({ ...base, items: [] })).status).toBe(200);
    expect((await get<StaffingSettings>('/api/statistics/staffing-settings')).body).toEqual({ ...base, items: [], total: 0 });
  });

  it('refuses bad input with 400 naming the field, and keeps what was saved', async () => {
    expect((await putSettings({ ...base, items: [{ weekday: 3, hour: 9, workers: 2 }] })).status).toBe(200);
    const cases: [unknown, RegExp][] = [
      [{ ...base, items: [{ weekday: 1, hour: 9, workers: 2 }, { weekday: 1, hour: 9, workers: 3 }] }, /^body\.items/],
      [{ ...base, items: [{ weekday: 8, hour: 9, workers: 2 }] }, /^body\.items\.0\.weekday$/],
      [{ ...base, items: [{ weekday: 0, hour: 9, workers: 2 }] }, /^body\.items\.0\.weekday$/],
      [{ ...base, items: [{ weekday: 1, hour: 24, workers: 2 }] }, /^body\.items\.0\.hour$/],
      [{ ...base, items: [{ weekday: 1, hour: 9, workers: -1 }] }, /^body\.items\.0\.workers$/],
      [{ ...base, items: [{ weekday: 1, hour: 9, workers: 1.5 }] }, /^body\.items\.0\.workers$/],
      [{ serviceLevelSeconds: 60, serviceLevelTarget: 1, items: [] }, /^body\.serviceLevelTarget$/],
      [{ serviceLevelSeconds: 60, serviceLevelTarget: 0, items: [] }, /^body\.serviceLevelTarget$/],
      [{ serviceLevelSeconds: 2, serviceLevelTarget: 0.8, items: [] }, /^body\.serviceLevelSeconds$/],
      [{ serviceLevelSeconds: 60, serviceLevelTarget: 0.8 }, /^body\.items$/],
    ];
    for (const [payload, field] of cases) {
      const res = await putSettings(payload);
      expect(res.status, `${JSON.stringify(payload)} → ${res.raw}`).toBe(400);
      expect(fieldsOf(res.body).some((f) => field.test(f)), `${JSON.stringify(payload)} → ${JSON.stringify(fieldsOf(res.body))}`).toBe(true);
    }
    expect((await get<StaffingSettings>('/api/statistics/staffing-settings')).body).toEqual({ ...base, items: [{ weekday: 3, hour: 9, workers: 2 }], total: 1 });
    expect((await putSettings({ ...base, items: [] })).status).toBe(200);
  });

  it('is for supervisors: a guidance worker gets 403, no session 401', async () => {
    const worker = await putSettings({ ...base, items: [{ weekday: 1, hour: 9, workers: 9 }] }, 'ohjaaja');
    expect(worker.status).toBe(403);
    expect((await putSettings({ ...base, items: [] }, null)).status).toBe(401);
    expect((await get('/api/statistics/staffing-settings', null)).status).toBe(401);
    expect((await get<StaffingSettings>('/api/statistics/staffing-settings')).body.items).toEqual([]);
  });
});

/* ============================================================================================ */
describe('staffing: workers needed per weekday and hour (Erlang C) beside the roster, August 2026', () => {
  const WA_TALK = [200, 280]; // alternate: the working-age line's answered calls average 240 s
  const ROSTER = [{ weekday: 1, hour: 9, workers: 1 }, { weekday: 1, hour: 10, workers: 1 }, { weekday: 3, hour: 9, workers: 2 }];

  beforeAll(async () => {
    let answered = 0;
    const talk = () => WA_TALK[answered++ % 2]!;
    // Four Mondays 3.–24.8.2026 (UTC+3): five calls in the 9 o'clock hour, two in the 10 o'clock hour
    for (const day of ['03', '10', '17', '24']) {
      for (const minute of ['00', '10', '20', '30', '40']) {
        const at = `2026-08-${day}T09:${minute}:00+03:00`;
        if (day === '24' && minute === '40') await call({ line: 'working_age', at, from: '040 400 0000', abandonAfter: 30 }); // offered, not answered
        else await call({ line: 'working_age', at, from: '040 400 0000', answerAfter: 10, talk: talk() });
      }
      for (const minute of ['15', '45']) await call({ line: 'working_age', at: `2026-08-${day}T10:${minute}:00+03:00`, from: '040 400 0000', answerAfter: 10, talk: talk() });
    }
    // Tuesday 4.8. 13:30: one call
    await call({ line: 'working_age', at: '2026-08-04T13:30:00+03:00', from: '040 400 0000', answerAfter: 10, talk: talk() });
    expect(answered).toBe(28);
    // the older people's line: one Monday 9 o'clock call, 240 s
    await call({ line: 'older_people', at: '2026-08-03T09:05:00+03:00', from: '040 400 0001', answerAfter: 10, talk: 240 });
    // after hours: not counted
    await call({ line: 'working_age', at: '2026-08-03T12:00:00+03:00', from: '040 400 0002', closed: true });
    await call({ line: 'working_age', at: '2026-08-10T16:30:00+03:00', from: '040 400 0003', closed: true });
    // outside the period 3.–30.8.: long calls that would show in the measured handling time
    await call({ line: 'working_age', at: '2026-07-27T09:30:00+03:00', from: '040 400 0004', answerAfter: 10, talk: 900 });
    await call({ line: 'working_age', at: '2026-08-31T09:30:00+03:00', from: '040 400 0005', answerAfter: 10, talk: 900 });
    expect((await putSettings({ serviceLevelSeconds: 60, serviceLevelTarget: 0.8, items: ROSTER })).status).toBe(200);
  }, 180_000);

  const staffing = async (query: string, username = 'esihenkilo') => get<Staffing>(`/api/statistics/staffing?${query}`, username);
  const slot = (s: Staffing, weekday: number, hour: number) => s.items.find((i) => i.weekday === weekday && i.hour === hour);
  /** The slot's figures checked against the independent Erlang C. */
  function expectSlot(s: Staffing, weekday: number, hour: number, want: { days: number; offered: number; roster: number | null; needed: number }) {
    const got = slot(s, weekday, hour);
    expect(got, `slot ${weekday} ${hour}`).toBeDefined();
    const g = got as StaffingSlot;
    const callsPerHour = want.offered / want.days;
    const h = s.handlingSeconds;
    expect({ days: g.days, offered: g.offered, roster: g.roster }).toEqual({ days: want.days, offered: want.offered, roster: want.roster });
    // figures may be rounded for reading (e.g. 0.133 E): two decimals are asked
    expect(g.callsPerHour).toBeCloseTo(callsPerHour, 2);
    expect(g.trafficErlangs).toBeCloseTo((callsPerHour * h) / 3600, 2);
    expect(g.needed).toBe(want.needed);
    expect(g.needed).toBe(refNeeded(callsPerHour, h, s.targetShare, s.targetSeconds));
    if (want.offered === 0) {
      expect(g.serviceLevelAtNeeded).toBeNull();
      expect(g.serviceLevelWithRoster).toBeNull();
    } else {
      expect(g.serviceLevelAtNeeded!).toBeCloseTo(refServiceLevel(g.needed, callsPerHour, h, s.targetSeconds), 2);
      if (want.roster === null) expect(g.serviceLevelWithRoster).toBeNull();
      else expect(g.serviceLevelWithRoster!).toBeCloseTo(refServiceLevel(want.roster, callsPerHour, h, s.targetSeconds), 2);
    }
    expect(g.enough).toBe(want.roster === null ? (want.offered === 0 ? g.enough : null) : want.roster >= want.needed);
    return g;
  }

  it('measures the arrival rate and the talk time over the period and sizes each hour', async () => {
    const res = await staffing('from=2026-08-03&to=2026-08-30');
    expect(res.status, res.raw).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({ from: '2026-08-03', to: '2026-08-30', line: null, targetShare: 0.8, targetSeconds: 60 });
    // 29 answered calls: 14 × 200 s + 14 × 280 s + 240 s; the wait (10 s) and the July and 31.8. calls not included
    expect(s.measuredHandlingSeconds).toBeCloseTo(240, 1);
    expect(s.handlingSeconds).toBeCloseTo(240, 1);
    // Monday 9: 21 calls over four Mondays (the abandoned one counts) = 5.25 an hour, 0.35 E: 2 needed (96.5 %), the roster's 1 gives 70.2 %
    const mon9 = expectSlot(s, 1, 9, { days: 4, offered: 21, roster: 1, needed: 2 });
    expect(mon9.serviceLevelAtNeeded!).toBeCloseTo(0.965492, 2);
    expect(mon9.serviceLevelWithRoster!).toBeCloseTo(0.702494, 2);
    expect(mon9.enough).toBe(false);
    // Monday 10: 8 calls = 2 an hour, 0.133 E: 1 needed (89.3 %), enough
    const mon10 = expectSlot(s, 1, 10, { days: 4, offered: 8, roster: 1, needed: 1 });
    expect(mon10.serviceLevelAtNeeded!).toBeCloseTo(0.89264, 2);
    expect(mon10.enough).toBe(true);
    // Tuesday 13: one call = 0.25 an hour: 1 needed, nobody planned
    const tue13 = expectSlot(s, 2, 13, { days: 4, offered: 1, roster: null, needed: 1 });
    expect(tue13.enough).toBeNull();
    // Wednesday 9: planned but no calls
    const wed9 = expectSlot(s, 3, 9, { days: 4, offered: 0, roster: 2, needed: 0 });
    expect(wed9.callsPerHour).toBe(0);
    expect(wed9.enough).toBe(true);
    // after-hours calls are not offered anywhere
    for (const [weekday, hour] of [[1, 12], [1, 16]] as const) expect(slot(s, weekday, hour)?.offered ?? 0).toBe(0);
    // every hour with calls or a roster, Monday 0:00 first
    const keys = s.items.filter((i) => i.offered > 0 || i.roster !== null).map((i) => `${i.weekday}:${i.hour}`);
    expect(keys).toEqual(['1:9', '1:10', '2:13', '3:9']);
    const order = s.items.map((i) => i.weekday * 24 + i.hour);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(s.total).toBe(s.items.length);
  });

  it('reads the roster as saved: two on Monday at 9 are enough', async () => {
    expect((await putSettings({ serviceLevelSeconds: 60, serviceLevelTarget: 0.8, items: [...ROSTER.filter((r) => !(r.weekday === 1 && r.hour === 9)), { weekday: 1, hour: 9, workers: 2 }] })).status).toBe(200);
    try {
      const s = (await staffing('from=2026-08-03&to=2026-08-30')).body;
      const mon9 = expectSlot(s, 1, 9, { days: 4, offered: 21, roster: 2, needed: 2 });
      expect(mon9.enough).toBe(true);
      expect(mon9.serviceLevelWithRoster!).toBeCloseTo(0.965492, 2);
    } finally {
      expect((await putSettings({ serviceLevelSeconds: 60, serviceLevelTarget: 0.8, items: ROSTER })).status).toBe(200);
    }
  });

  it('takes the target, the handling time and a line from the query; counts the days of each weekday', async () => {
    // 3.–31.8.: five Mondays, four Tuesdays; the working-age line only; 720 s, 90 % within 20 s
    const res = await staffing('from=2026-08-03&to=2026-08-31&line=working_age&targetShare=0.9&targetSeconds=20&handlingSeconds=720');
    expect(res.status, res.raw).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({ from: '2026-08-03', to: '2026-08-31', line: 'working_age', targetShare: 0.9, targetSeconds: 20, handlingSeconds: 720 });
    // Monday 9: 20 + the 31.8. call = 21 over 5 Mondays = 4.2 an hour, 0.84 E: 3 needed
    const mon9 = expectSlot(s, 1, 9, { days: 5, offered: 21, roster: 1, needed: 3 });
    expect(mon9.trafficErlangs).toBeCloseTo(0.84, 2);
    expect(mon9.serviceLevelAtNeeded!).toBeCloseTo(0.944545, 2);
    expect(mon9.serviceLevelWithRoster!).toBeCloseTo(0.163725, 2);
    // Monday 10: 8 over 5 = 1.6 an hour, 0.32 E: 2 needed, 1 on the roster is not enough
    const mon10 = expectSlot(s, 1, 10, { days: 5, offered: 8, roster: 1, needed: 2 });
    expect(mon10.enough).toBe(false);
    expectSlot(s, 2, 13, { days: 4, offered: 1, roster: null, needed: 1 });
    // the older people's line alone
    const op = (await staffing('from=2026-08-03&to=2026-08-30&line=older_people&handlingSeconds=240')).body;
    expect(op.line).toBe('older_people');
    expectSlot(op, 1, 9, { days: 4, offered: 1, roster: 1, needed: 1 });
    expect(slot(op, 2, 13)?.offered ?? 0).toBe(0);
    expect(slot(op, 1, 10)?.offered ?? 0).toBe(0);
  });

  it('defaults to the period ending yesterday (Helsinki)', async () => {
    // get() reads at QUERY_TIME: Monday 23.11.2026 10:00 Helsinki → yesterday is 22.11.
    const s = (await staffing('')).body;
    expect(s.to).toBe('2026-11-22');
    expect(['2026-09-27', '2026-09-28']).toContain(s.from); // 8 weeks before `to`
    expect(s.targetShare).toBe(0.8);
    expect(s.targetSeconds).toBe(60);
  });

  it('is for supervisors; bad input is 400', async () => {
    expect((await staffing('from=2026-08-03&to=2026-08-30')).status).toBe(200);
    expect((await staffing('from=2026-08-03&to=2026-08-30', 'ohjaaja')).status).toBe(403);
    expect((await get('/api/statistics/staffing?from=2026-08-03&to=2026-08-30', null)).status).toBe(401);
    const bad: [string, RegExp | null][] = [
      ['from=2026-08-30&to=2026-08-03', null],
      ['from=2026-13-01&to=2026-08-30', /^querystring\.from$/],
      ['from=yesterday', /^querystring\.from$/],
      ['from=2026-08-03&to=2026-08-30&targetShare=1.5', /^querystring\.targetShare$/],
      ['from=2026-08-03&to=2026-08-30&targetShare=0', /^querystring\.targetShare$/],
      ['from=2026-08-03&to=2026-08-30&targetSeconds=0', /^querystring\.targetSeconds$/],
      ['from=2026-08-03&to=2026-08-30&handlingSeconds=0', /^querystring\.handlingSeconds$/],
    ];
    for (const [query, field] of bad) {
      const res = await staffing(query);
      expect(res.status, `${query} → ${res.raw}`).toBe(400);
      if (field) {
        const fields = ((res.body as unknown as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
        expect(fields.some((f) => field.test(f)), `${query} → ${JSON.stringify(fields)}`).toBe(true);
      }
    }
  });
});
