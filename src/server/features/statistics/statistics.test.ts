import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
let supervisor: Awaited<ReturnType<typeof login>>;

const post = (url: string, payload: unknown, s = worker) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const at = async <T>(iso: string, work: () => Promise<T>): Promise<T> => {
  const before = t.clock.now;
  t.clock.now = new Date(iso);
  try { return await work(); } finally { t.clock.now = before; }
};
const create = async (receivedAt: string, body: Record<string, unknown>) => {
  const res = await at(receivedAt, () => post('/api/contacts', { anonymous: true, contactor: 'self', ...body, receivedAt }));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-30T12:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
  supervisor = await login(t.app, 'esihenkilo');

  // November 2026. Kept: claimed the day it came in (Monday 2.11.).
  const kept = await create('2026-11-02T09:15:00+02:00', { channel: 'phone', phoneLine: 'working_age', mainReason: 'income', additionalReasons: ['housing'], municipality: '743' });
  await at('2026-11-02T10:00:00+02:00', () => post(`/api/contacts/${kept}/claim`, undefined));
  await at('2026-11-02T10:05:00+02:00', () => post(`/api/contacts/${kept}/close`, { outcome: 'advice_given', ledToClientRelationship: false }));
  // Missed: promised for Wednesday 4.11., first taken up on Thursday 5.11.
  const late = await create('2026-11-03T14:00:00+02:00', { channel: 'web_form', mainReason: 'housing' });
  await at('2026-11-05T08:30:00+02:00', () => post(`/api/contacts/${late}/claim`, undefined));
  // Quick log at 01:30 Helsinki on Tuesday 10.11. (23:30 UTC on Monday): kept, led to a client relationship.
  await at('2026-11-09T23:30:00Z', () => post('/api/contacts', { channel: 'walk_in', contactor: 'close_one', anonymous: true, mainReason: 'income', close: { outcome: 'message_to_service', ledToClientRelationship: true, handlingSeconds: 600 } }));
  // Pending: arrived today, promised for tomorrow, nobody has taken it up yet.
  await create('2026-11-30T11:00:00+02:00', { channel: 'secure_email', urgency: 'non_urgent' });
  // Missed, never taken up: arrived on 20.11., promised for 23.11.
  await create('2026-11-20T09:00:00+02:00', { channel: 'post' });
  // Three contacts of one person in 30 days: the third raises trigger 3.
  for (const day of ['2026-11-11', '2026-11-18', '2026-11-25']) {
    await create(`${day}T12:00:00+02:00`, { channel: 'phone', anonymous: false, person: { name: 'Toistuva', phone: '040 555 6666' }, mainReason: 'mental_health' });
  }
  // September 2026: the promise judged by reaching the person (issue 12).
  // A: a web form claimed the day it came in (Mon 14.9., promised Tue 15.9.) but the reply was sent on Thu 17.9.: missed.
  const a = await create('2026-09-14T10:00:00+02:00', { channel: 'web_form' });
  await at('2026-09-14T11:00:00+02:00', () => post(`/api/contacts/${a}/claim`, undefined));
  expect((await at('2026-09-17T09:00:00+02:00', () => post(`/api/contacts/${a}/reached`, { how: 'reply_sent' }))).json()).toMatchObject({ reachedHow: 'reply_sent', recorded: true });
  // B: a callback task (Thu 10.9., promised Fri 11.9.): no answer on Thursday, reached on Friday by a callback: kept.
  const b = await create('2026-09-10T10:00:00+02:00', { channel: 'callback', callerNumber: '040 123 4567' });
  await at('2026-09-10T11:00:00+02:00', () => post(`/api/contacts/${b}/callback-attempts`, { result: 'no_answer' }));
  await at('2026-09-11T15:00:00+02:00', () => post(`/api/contacts/${b}/callback-attempts`, { result: 'reached' }));
  // C: a web form claimed and closed on its day without any reply: missed once its day passed.
  const c = await create('2026-09-01T10:00:00+02:00', { channel: 'web_form' });
  await at('2026-09-01T11:00:00+02:00', () => post(`/api/contacts/${c}/claim`, undefined));
  await at('2026-09-01T11:10:00+02:00', () => post(`/api/contacts/${c}/close`, { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'other' }));
  // D: a reply sent the day it came in: kept; recording it again changes nothing (idempotent).
  const d = await create('2026-09-02T10:00:00+02:00', { channel: 'secure_email' });
  await at('2026-09-02T12:00:00+02:00', () => post(`/api/contacts/${d}/reached`, { how: 'reply_sent' }));
  const again = await at('2026-09-07T12:00:00+02:00', () => post(`/api/contacts/${d}/reached`, { how: 'phone' }));
  expect(again.json()).toEqual({ reachedAt: '2026-09-02T10:00:00.000Z', reachedHow: 'reply_sent', recorded: false });
  // E: three failed callbacks close it as not_reached: missed.
  const e = await create('2026-09-03T10:00:00+02:00', { channel: 'callback', callerNumber: '040 765 4321', callbackAttemptsAllowed: 3 });
  for (const hour of ['11', '13', '15']) await at(`2026-09-03T${hour}:00:00+02:00`, () => post(`/api/contacts/${e}/callback-attempts`, { result: 'no_answer' }));

  // November 2025, for the comparison, and October 2026, which must not count.
  await create('2025-11-12T10:00:00+02:00', { channel: 'phone' });
  await create('2025-11-30T23:30:00+02:00', { channel: 'phone' });
  await create('2026-10-31T23:59:00+02:00', { channel: 'phone' });
}, 120_000);
afterAll(async () => { await t.close(); });

describe('monthly statistics', () => {
  it('counts every contact of the month beside the same month a year earlier', async () => {
    const res = await t.app.inject({ url: '/api/statistics/monthly?month=2026-11', headers: supervisor.headers });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ month: '2026-11', previousYearMonth: '2025-11', total: 8, totalPreviousYear: 2, anonymous: 5, ledToClientRelationship: 1, repeatContacts: 1 });
    // kept: the phone call and the walk-in registered while talking, and the three repeat calls (reached when registered);
    // missed: the web form claimed late (never reached) and the letter never taken up; pending: today's e-mail
    expect(s.promise).toEqual({ kept: 5, missed: 2, pending: 1, notApplicable: 0 });
    expect(s.breakdowns.channel).toEqual(expect.arrayContaining([{ code: 'phone', count: 4, previousYear: 2 }, { code: 'web_form', count: 1, previousYear: 0 }]));
    expect(s.breakdowns.line).toEqual(expect.arrayContaining([{ code: 'working_age', count: 1, previousYear: 0 }]));
    expect(s.breakdowns.region).toEqual(expect.arrayContaining([{ code: 'seinajoki_isokyro', count: 1, previousYear: 0 }]));
    expect(s.breakdowns.additionalReason).toEqual([{ code: 'housing', count: 1, previousYear: 0 }]);
    expect(s.breakdowns.mainReason).toEqual(expect.arrayContaining([{ code: 'mental_health', count: 3, previousYear: 0 }, { code: 'income', count: 2, previousYear: 0 }]));
    expect(s.breakdowns.outcome).toEqual(expect.arrayContaining([{ code: 'advice_given', count: 1, previousYear: 0 }, { code: 'message_to_service', count: 1, previousYear: 0 }]));
    expect(s.breakdowns.contactor).toEqual(expect.arrayContaining([{ code: 'close_one', count: 1, previousYear: 0 }]));
    // weekday and hour in Helsinki: the 23:30 UTC quick log counts on Tuesday at 01
    expect(s.byHour).toEqual(expect.arrayContaining([{ hour: 1, count: 1, previousYear: 0 }]));
    // a year earlier: Wed 12.11.2025 at 10 and Sun 30.11.2025 at 23:30, both by phone
    expect(s.byHour.find((h: { hour: number }) => h.hour === 10).previousYear).toBe(1);
    expect(s.byWeekday.find((w: { weekday: number }) => w.weekday === 7).previousYear).toBe(1);
    type Cell = { channel: string | null; weekday: number; hour: number; count: number; previousYear: number };
    expect(s.weekdayHour.find((c: Cell) => c.channel === 'phone' && c.weekday === 7 && c.hour === 23)).toEqual({ channel: 'phone', weekday: 7, hour: 23, count: 0, previousYear: 1 });
    expect(s.weekdayHour.find((c: Cell) => c.channel === 'phone' && c.weekday === 3 && c.hour === 10)?.previousYear).toBe(1);
    // the heat map adds up to the period's contacts and to the channels'
    expect(s.weekdayHour.reduce((sum: number, c: Cell) => sum + c.count, 0)).toBe(8);
    expect(s.weekdayHour.filter((c: Cell) => c.channel === 'phone').reduce((sum: number, c: Cell) => sum + c.count, 0)).toBe(4);
    expect(s.byWeekday.find((w: { weekday: number }) => w.weekday === 2).count).toBe(2); // 3.11. and 10.11.
    expect(s.medianHandlingSeconds).toBe(450); // 300 s and 600 s
  });

  it('judges the promise by reaching the person: claimed on time but reached late is missed; a callback that reached on time is kept', async () => {
    const s = (await t.app.inject({ url: '/api/statistics/monthly?month=2026-09', headers: supervisor.headers })).json();
    expect(s.total).toBe(5);
    // kept: B (callback reached Fri 11.9.), D (reply the same day); missed: A (claimed on time, reached late), C (closed, never reached), E (not_reached)
    expect(s.promise).toEqual({ kept: 2, missed: 3, pending: 0, notApplicable: 0 });
  });

  it('keeps the promise figures honest about pending contacts', async () => {
    const s = (await t.app.inject({ url: '/api/statistics/monthly?month=2026-11', headers: supervisor.headers })).json();
    const p = s.promise as { kept: number; missed: number; pending: number; notApplicable: number };
    expect(p.kept + p.missed + p.pending + p.notApplicable).toBe(s.total);
  });

  it('gives Excel a CSV in the asked language', async () => {
    const res = await t.app.inject({ url: '/api/statistics/monthly.csv?month=2026-11', headers: { ...supervisor.headers, 'accept-language': 'sv' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toContain('opastin-tilastot-2026-11.csv');
    expect(res.body.charCodeAt(0)).toBe(0xfeff);
    expect(res.body).toContain('total;;Kontakter totalt;8;2');
    expect(res.body).toMatch(/mainReason;mental_health;[^;]+;3;0/);
    const fi = await t.app.inject({ url: '/api/statistics/monthly.csv?month=2026-11&lang=fi', headers: supervisor.headers });
    expect(fi.body).toContain('Yhteydenotot yhteensä;8;2');
  });

  it('is for supervisors, and refuses a malformed month', async () => {
    expect((await t.app.inject({ url: '/api/statistics/monthly', headers: worker.headers })).statusCode).toBe(403);
    const bad = await t.app.inject({ url: '/api/statistics/monthly?month=2026-13', headers: supervisor.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.month');
    const current = (await t.app.inject({ url: '/api/statistics/monthly', headers: supervisor.headers })).json();
    expect(current.month).toBe('2026-11');
  });
});
