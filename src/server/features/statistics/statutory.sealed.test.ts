/**
 * Sealed black-box tests of issue 15's statutory clocks, the weekday × hour heat map per channel,
 * the weekday and hour beside a year earlier and the referrals per channel (API only, through
 * `app.inject`; written from the contract without reading the statistics' implementation).
 *
 * A small county history is built through the API at fixed clock times: October 2026 beside
 * October 2025, a returned referral in September 2026, the edges of the month in Helsinki time
 * (1.10.2026 00:15 is 30.9. in UTC; 1.11.2026 00:10 is 31.10. in UTC) and the end of summer time
 * (Sunday 25.10.2026: 03:30 happens twice, both Helsinki hour 3). Each statutory deadline below is
 * computed by hand from the day of the first contact (working days: no weekends; October and early
 * November 2026 hold no public holiday on a weekday) and checked against the referral as created.
 *
 * "Today" for the reads is Wednesday 4.11.2026 10:00 Helsinki unless a test says otherwise.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import type { MonthlyStatistics } from './statistics.schemas.js';

const TODAY = '2026-11-04T10:00:00+02:00';

let t: TestApp;
type Session = Awaited<ReturnType<typeof login>>;
const sessions = new Map<string, { at: number; s: Session }>();

async function sessionFor(username: string): Promise<Session> {
  const now = t.clock.now.getTime();
  const cached = sessions.get(username);
  if (cached && Math.abs(cached.at - now) < 10 * 60_000) return cached.s;
  const s = await login(t.app, username);
  sessions.set(username, { at: now, s });
  return s;
}
const setClock = (iso: string) => { t.clock.now = new Date(iso); };

async function postAs(at: string, url: string, payload: unknown, username = 'ohjaaja') {
  setClock(at);
  const s = await sessionFor(username);
  const res = await t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }), headers: s.headers });
  expect(res.statusCode, `${at} ${username} POST ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
}
async function getAs(at: string, url: string, username: string | null = 'esihenkilo') {
  setClock(at);
  const headers = username ? (await sessionFor(username)).headers : {};
  const res = await t.app.inject({ url, headers });
  return res;
}

/* ---------------- building the history ---------------- */

interface ContactSpec { channel: string; phoneLine?: string; person?: { name: string; hetu?: string; phone?: string }; mainReason?: string }
/** A contact received at `at` (the clock is set there too); returns its id. */
async function contact(at: string, spec: ContactSpec): Promise<string> {
  const body = {
    channel: spec.channel, ...(spec.phoneLine ? { phoneLine: spec.phoneLine } : {}), contactor: spec.person ? 'self' : 'unknown',
    anonymous: !spec.person, mainReason: spec.mainReason ?? 'service_system_info', receivedAt: new Date(at).toISOString(),
    ...(spec.person ? { person: spec.person } : {}),
  };
  const c = await postAs(at, '/api/contacts', body);
  return c.id as string;
}
async function consent(at: string, contactId: string, purpose = 'forward_to_unit', target = 'Vastaanottava yksikkö'): Promise<string> {
  return (await postAs(at, `/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose, target })).id as string;
}
interface Created { id: string; legalDeadline: string | null; legalBasis: string | null }
async function refer(at: string, contactId: string, payload: Record<string, unknown>): Promise<Created> {
  const r = await postAs(at, `/api/contacts/${contactId}/referrals`, { shareResidentMessage: false, summary: 'Arvio tarvitaan.', needs: ['ageing_home_care'], ...payload });
  return { id: r.id as string, legalDeadline: r.legalDeadline as string | null, legalBasis: r.legalBasis as string | null };
}
const assess = (assessment: 'pta' | 'hta', unit: string, consentId: string, extra: Record<string, unknown> = {}) =>
  ({ kind: 'referral_for_assessment', assessment, unit, consentId, ...extra });
const childWelfare = (unit = 'child_welfare') =>
  ({ kind: 'message_to_service', unit, legalGround: 'child_welfare', legalGroundReason: 'Huoli lapsen turvallisuudesta.', needs: ['child_concern'] });
const accept = (at: string, id: string, user = 'yksikko') => postAs(at, `/api/referrals/${id}/accept`, undefined, user);
const reach = (at: string, id: string, user = 'yksikko') => postAs(at, `/api/referrals/${id}/contact`, undefined, user);
const complete = (at: string, id: string, user = 'yksikko') => postAs(at, `/api/referrals/${id}/complete`, { outcome: 'got_help' }, user);
const cancel = (at: string, id: string) => postAs(at, `/api/referrals/${id}/cancel`, { reason: 'Asiakas perui.' });

/** The emergency department refers a patient; returns the contact it made and its consent. */
async function edContact(at: string, patient: { name: string; hetu?: string; phone?: string }): Promise<{ id: string; consentId: string }> {
  const created = await postAs(at, '/api/ed/referrals', {
    patient, socialNeeds: 'Asuu yksin, ei pärjää kotiutuessa.', reasons: ['ageing_home_care'], existingClient: false,
    patientConsent: 'given', department: 'Seinäjoen keskussairaalan yhteispäivystys', phone: '06 415 4111',
  }, 'paivystys');
  const s = await sessionFor('ohjaaja');
  const queue = (await t.app.inject({ url: '/api/contacts?channel=emergency_department&limit=200', headers: s.headers })).json();
  const item = queue.items.find((i: { reference: string }) => i.reference === created.reference);
  expect(item, `the ED contact ${String(created.reference)} in the queue`).toBeDefined();
  const view = (await t.app.inject({ url: `/api/contacts/${item.id}`, headers: s.headers })).json();
  expect(view.consents?.[0]?.id, 'the ED contact carries the patient\'s consent').toBeDefined();
  return { id: item.id as string, consentId: view.consents[0].id as string };
}

let serial = 100;
const person = (name: string, born: string) => ({ name, hetu: formatHetu(born, ++serial), phone: `040 700 ${String(serial).padStart(4, '0')}` });

const R: Record<string, Created> = {};

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2025-10-01T08:00:00+03:00') });

  /* ---------- October 2025: the year-earlier month ---------- */
  await contact('2025-10-05T03:30:00+03:00', { channel: 'chat' }); // Sun h3
  const p1 = await contact('2025-10-06T10:00:00+03:00', { channel: 'phone', phoneLine: 'older_people', person: person('Aili Aikaisempi', '1940-03-03'), mainReason: 'ageing_home_care' }); // Mon h10
  R.P1 = await refer('2025-10-06T10:10:00+03:00', p1, assess('pta', 'adult_social_work', await consent('2025-10-06T10:05:00+03:00', p1))); // 75+: due 15.10.2025
  await accept('2025-10-07T09:00:00+03:00', R.P1.id);
  await reach('2025-10-08T11:00:00+03:00', R.P1.id); // met
  const p2 = await contact('2025-10-08T14:30:00+03:00', { channel: 'chat', person: person('Paavo Pitkä', '1980-04-04') }); // Wed h14
  R.P2 = await refer('2025-10-08T14:40:00+03:00', p2, assess('hta', 'health_centre', await consent('2025-10-08T14:35:00+03:00', p2))); // due 13.10.2025, never reached: missed
  const p3 = await contact('2025-10-09T09:00:00+03:00', { channel: 'phone', phoneLine: 'families', person: { name: 'Pirjo Perhe', phone: '040 333 0001' }, mainReason: 'child_concern' }); // Thu h9
  R.P3 = await refer('2025-10-09T09:10:00+03:00', p3, childWelfare()); // due 20.10.2025
  await cancel('2025-10-09T11:00:00+03:00', R.P3.id); // cancelled
  const p4 = await edContact('2025-10-10T11:00:00+03:00', { name: 'Pentti Päivystyksessä', phone: '050 111 0001' }); // Fri h11, emergency_department
  R.P4 = await refer('2025-10-10T11:10:00+03:00', p4.id, { kind: 'message_to_service', unit: 'adult_social_work', consentId: p4.consentId }); // no statutory clock
  await contact('2025-10-27T00:30:00+02:00', { channel: 'web_form' }); // Mon h0 (Sunday 22:30 in UTC)
  await contact('2025-11-01T00:30:00+02:00', { channel: 'web_form' }); // Sat h0, November (31.10. in UTC)

  /* ---------- September 2026: a returned referral ---------- */
  const s1 = await contact('2026-09-14T10:00:00+03:00', { channel: 'phone', phoneLine: 'older_people', person: person('Saima Syyskuu', '1938-05-05'), mainReason: 'ageing_home_care' });
  R.S1 = await refer('2026-09-14T10:10:00+03:00', s1, assess('pta', 'adult_social_work', await consent('2026-09-14T10:05:00+03:00', s1))); // due 23.9.2026
  await postAs('2026-09-15T09:00:00+03:00', `/api/referrals/${R.S1.id}/return`, { reason: 'Kuuluu ikäihmisten palveluille.' }, 'yksikko');
  await contact('2026-09-30T23:30:00+03:00', { channel: 'web_form' }); // Wed h23, September (20:30 UTC)

  /* ---------- October 2026 ---------- */
  const c0 = await contact('2026-10-01T00:15:00+03:00', { channel: 'web_form', person: person('Olga Ovela', '1985-06-06') }); // Thu h0 (30.9. 21:15 UTC)
  R.R0 = await refer('2026-10-01T00:30:00+03:00', c0, assess('hta', 'adult_social_work', await consent('2026-10-01T00:20:00+03:00', c0))); // sent 1.10. Helsinki (30.9. UTC); due 6.10.
  await contact('2026-10-02T09:05:00+03:00', { channel: 'phone', phoneLine: 'working_age' }); // Fri h9, anonymous
  const c1 = await contact('2026-10-05T10:15:00+03:00', { channel: 'phone', phoneLine: 'older_people', person: person('Elli Esimerkki', '1942-07-07'), mainReason: 'ageing_home_care' }); // Mon h10
  R.R1 = await refer('2026-10-05T10:20:00+03:00', c1, assess('pta', 'adult_social_work', await consent('2026-10-05T10:18:00+03:00', c1))); // 75+: due 14.10.
  await accept('2026-10-06T09:00:00+03:00', R.R0.id);
  await reach('2026-10-06T10:00:00+03:00', R.R0.id); // on the deadline day: met
  await accept('2026-10-06T10:30:00+03:00', R.R1.id);
  const c2 = await contact('2026-10-06T20:30:00+03:00', { channel: 'web_form', person: person('Hilkka Hoitotuki', '1990-08-08') }); // Tue h20
  const c2consent = await consent('2026-10-06T20:35:00+03:00', c2);
  R.R2 = await refer('2026-10-07T09:00:00+03:00', c2, assess('pta', 'adult_social_work', c2consent, { highestCareAllowance: true })); // counted from 6.10.: due 15.10.
  await accept('2026-10-07T10:00:00+03:00', R.R2.id);
  const c3 = await contact('2026-10-12T14:00:00+03:00', { channel: 'chat', person: person('Chat Asiakas', '1975-09-09') }); // Mon h14
  R.R3 = await refer('2026-10-12T14:10:00+03:00', c3, assess('hta', 'adult_social_work', await consent('2026-10-12T14:05:00+03:00', c3))); // due 15.10.
  await accept('2026-10-13T09:00:00+03:00', R.R3.id);
  const c13 = await contact('2026-10-13T13:00:00+03:00', { channel: 'phone', phoneLine: 'working_age', person: person('Jaska Jokunen', '1996-03-14'), mainReason: 'income' }); // Tue h13
  R.R13 = await refer('2026-10-13T13:10:00+03:00', c13, { kind: 'message_to_service', unit: 'adult_social_work', consentId: await consent('2026-10-13T13:05:00+03:00', c13), needs: ['income'] }); // no clock
  R.R14 = await refer('2026-10-13T13:15:00+03:00', c13, { kind: 'message_to_service', external: { name: 'Kela, toimeentulotuki' }, consentId: await consent('2026-10-13T13:12:00+03:00', c13, 'kela', 'Kela'), needs: ['income'] }); // external, no clock
  await complete('2026-10-14T10:00:00+03:00', R.R3.id); // completed without a client-contact step, before the deadline: met
  await reach('2026-10-14T15:00:00+03:00', R.R1.id); // on the deadline day: met
  const ed1 = await edContact('2026-10-14T22:00:00+03:00', { name: 'Eino Ensiapu', phone: '050 111 0002' }); // Wed h22, emergency_department
  R.R15 = await refer('2026-10-14T22:10:00+03:00', ed1.id, assess('hta', 'adult_social_work', ed1.consentId)); // due 19.10.
  await accept('2026-10-15T09:00:00+03:00', R.R15.id);
  await reach('2026-10-15T10:00:00+03:00', R.R15.id); // met
  const c4 = await contact('2026-10-15T11:00:00+03:00', { channel: 'walk_in', person: person('Kalle Kävijä', '1970-10-10') }); // Thu h11
  R.R4 = await refer('2026-10-15T11:10:00+03:00', c4, assess('hta', 'adult_social_work', await consent('2026-10-15T11:05:00+03:00', c4))); // due 20.10.
  await reach('2026-10-16T09:00:00+03:00', R.R2.id); // a day after its deadline: missed
  await accept('2026-10-16T10:00:00+03:00', R.R4.id);
  const c5 = await contact('2026-10-19T09:30:00+03:00', { channel: 'phone', phoneLine: 'working_age', person: person('Veikko Viiva', '1966-11-11') }); // Mon h9
  R.R5 = await refer('2026-10-19T09:40:00+03:00', c5, assess('hta', 'adult_social_work', await consent('2026-10-19T09:35:00+03:00', c5))); // due 22.10.
  const c5b = await contact('2026-10-19T09:45:00+03:00', { channel: 'phone', phoneLine: 'working_age', person: person('Vilma Viiva', '1967-12-12') }); // Mon h9
  R.R5b = await refer('2026-10-19T09:50:00+03:00', c5b, assess('hta', 'adult_social_work', await consent('2026-10-19T09:47:00+03:00', c5b))); // due 22.10.
  await accept('2026-10-20T09:00:00+03:00', R.R5.id);
  await accept('2026-10-20T09:05:00+03:00', R.R5b.id, 'yksikko2');
  const c6 = await contact('2026-10-20T10:00:00+03:00', { channel: 'phone', phoneLine: 'families', person: { name: 'Pekka Perhe', phone: '040 333 0002' }, mainReason: 'child_concern' }); // Tue h10
  R.R6 = await refer('2026-10-20T10:10:00+03:00', c6, childWelfare()); // LsL 26 §: due 29.10., never reached: missed
  const c7 = await contact('2026-10-21T08:00:00+03:00', { channel: 'e_notification', person: { name: 'Lauri Lapsi', phone: '040 333 0003' }, mainReason: 'child_concern' }); // Wed h8
  R.R7 = await refer('2026-10-21T08:30:00+03:00', c7, childWelfare()); // due 30.10.
  await complete('2026-10-21T12:00:00+03:00', R.R4.id); // completed without contact after the deadline: missed
  await cancel('2026-10-22T10:00:00+03:00', R.R7.id); // cancelled
  await reach('2026-10-22T23:30:00+03:00', R.R5.id); // the deadline day, 20:30 UTC: met
  await reach('2026-10-23T01:30:00+03:00', R.R5b.id, 'yksikko2'); // 22.10. 22:30 in UTC but 23.10. in Helsinki: missed
  await contact('2026-10-25T03:30:00+03:00', { channel: 'chat' }); // Sun h3, summer time (00:30 UTC)
  await contact('2026-10-25T03:30:00+02:00', { channel: 'chat' }); // Sun h3 again, winter time (01:30 UTC)
  await contact('2026-10-25T12:00:00+02:00', { channel: 'web_form' }); // Sun h12
  const c9 = await contact('2026-10-28T10:00:00+02:00', { channel: 'phone', phoneLine: 'older_people', person: person('Martta Marraskuu', '1945-01-15'), mainReason: 'ageing_home_care' }); // Wed h10
  R.R11 = await refer('2026-10-28T10:05:00+02:00', c9, assess('pta', 'adult_social_work', await consent('2026-10-28T10:02:00+02:00', c9))); // 75+: due 6.11.
  await complete('2026-10-28T12:00:00+02:00', R.R5.id); // after the client was reached: still met
  await accept('2026-10-29T09:00:00+02:00', R.R11.id);
  const c10 = await contact('2026-10-29T16:30:00+02:00', { channel: 'chat', person: person('Toivo Torstai', '1988-02-16') }); // Thu h16
  R.R10 = await refer('2026-10-29T16:40:00+02:00', c10, assess('hta', 'health_centre', await consent('2026-10-29T16:35:00+02:00', c10))); // due 3.11.: yesterday
  const c11 = await contact('2026-10-30T15:00:00+02:00', { channel: 'phone', phoneLine: 'older_people', person: person('Fanni Perjantai', '1960-03-17') }); // Fri h15
  R.R9 = await refer('2026-10-30T15:05:00+02:00', c11, assess('hta', 'older_people_services', await consent('2026-10-30T15:02:00+02:00', c11))); // due 4.11.: today
  const c12 = await contact('2026-10-31T23:50:00+02:00', { channel: 'web_form', person: person('Lyyli Lauantai', '1944-04-18') }); // Sat h23
  const c12consent = await consent('2026-10-31T23:55:00+02:00', c12);
  /* ---------- November 2026 ---------- */
  await contact('2026-11-01T00:10:00+02:00', { channel: 'web_form' }); // Sun h0 (31.10. 22:10 UTC)
  R.R12 = await refer('2026-11-01T00:30:00+02:00', c12, assess('pta', 'adult_social_work', c12consent)); // sent 1.11. (31.10. 22:30 UTC); due 10.11.
  setClock(TODAY);
}, 600_000);
afterAll(async () => { await t?.close(); });

/* ---------------- reading ---------------- */

async function stats(query: string, at = TODAY): Promise<MonthlyStatistics> {
  const url = query.startsWith('month=') ? `/api/statistics/monthly?${query}` : `/api/statistics/period?${query}`;
  const res = await getAs(at, url);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json() as MonthlyStatistics;
}
type Counts = { started: number; met: number; missed: number; pending: number; cancelled: number };
const counts = (c: Counts): Counts => ({ started: c.started, met: c.met, missed: c.missed, pending: c.pending, cancelled: c.cancelled });
const C = (started: number, met: number, missed: number, pending: number, cancelled: number): Counts => ({ started, met, missed, pending, cancelled });
const ZERO = C(0, 0, 0, 0, 0);
const basisRows = (s: MonthlyStatistics) => s.statutory.byBasis.map((b) => ({ basis: b.basis, ...counts(b) }));
const codeRows = (rows: (Counts & { code: string | null })[]) => rows.map((b) => ({ code: b.code, ...counts(b) }));
type Cell = { channel: string | null; weekday: number; hour: number; count: number; previousYear: number };
const cellKey = (c: Cell) => `${c.channel ?? '~'}|${String(c.weekday)}|${String(c.hour).padStart(2, '0')}`;
const sortCells = (cells: Cell[]) => cells.map((c) => ({ channel: c.channel, weekday: c.weekday, hour: c.hour, count: c.count, previousYear: c.previousYear })).sort((a, b) => cellKey(a).localeCompare(cellKey(b)));
const cell = (channel: string, weekday: number, hour: number, count: number, previousYear: number): Cell => ({ channel, weekday, hour, count, previousYear });
type RefChannel = MonthlyStatistics['referrals']['byChannel'][number];
/** Referrals per channel as rows with anything in them, each with its targets that have anything, sorted by code. */
const refChannels = (rows: RefChannel[]) => rows
  .filter((r) => r.count + r.previousYear > 0)
  .map((r) => ({ code: r.code, count: r.count, previousYear: r.previousYear, byTarget: r.byTarget.filter((x) => x.count + x.previousYear > 0).map((x) => ({ code: x.code, count: x.count, previousYear: x.previousYear })).sort((a, b) => String(a.code).localeCompare(String(b.code))) }))
  .sort((a, b) => String(a.code).localeCompare(String(b.code)));

/* ============================================================================================ */
describe('the history as built', () => {
  it('each referral carries the statutory deadline counted by hand from the first contact (fixture check)', () => {
    const got = Object.fromEntries(Object.entries(R).map(([k, v]) => [k, [v.legalDeadline, v.legalBasis]]));
    expect(got).toEqual({
      P1: ['2025-10-15', 'shl_36'], P2: ['2025-10-13', 'thl_51'], P3: ['2025-10-20', 'lsl_26'], P4: [null, null],
      S1: ['2026-09-23', 'shl_36'],
      R0: ['2026-10-06', 'thl_51'], R1: ['2026-10-14', 'shl_36'], R2: ['2026-10-15', 'shl_36'], R3: ['2026-10-15', 'thl_51'],
      R13: [null, null], R14: [null, null], R15: ['2026-10-19', 'thl_51'], R4: ['2026-10-20', 'thl_51'],
      R5: ['2026-10-22', 'thl_51'], R5b: ['2026-10-22', 'thl_51'], R6: ['2026-10-29', 'lsl_26'], R7: ['2026-10-30', 'lsl_26'],
      R11: ['2026-11-06', 'shl_36'], R10: ['2026-11-03', 'thl_51'], R9: ['2026-11-04', 'thl_51'], R12: ['2026-11-10', 'shl_36'],
    });
  });
});

describe('statutory clocks of October 2026, read on Wednesday 4.11.2026', () => {
  it('counts the clocks started in the month: met, missed, pending, cancelled; and October 2025 beside them', async () => {
    const s = await stats('month=2026-10');
    // met: R0, R1 (on the day), R3 (completed without contact), R5 (23:30 on the day), R15
    // missed: R2 (a day late), R4 (completed late), R5b (01:30 the next day), R6 (never reached), R10 (due yesterday)
    // pending: R9 (due today), R11 (due 6.11.); cancelled: R7. R12 was sent on 1.11. Helsinki time; R13 and R14 have no clock
    expect(counts(s.statutory)).toEqual(C(13, 5, 5, 2, 1));
    // P1 met, P2 missed (never reached), P3 cancelled; P4 has no clock
    expect(counts(s.statutory.previousYear)).toEqual(C(3, 1, 1, 0, 1));
  });

  it('breaks the clocks down by legal basis, sorted by basis', async () => {
    const s = await stats('month=2026-10');
    expect(basisRows(s)).toEqual([
      { basis: 'lsl_26', ...C(2, 0, 1, 0, 1) },
      { basis: 'shl_36', ...C(3, 1, 1, 1, 0) },
      { basis: 'thl_51', ...C(8, 4, 3, 1, 0) },
    ]);
  });

  it('breaks them down by the channel of the contact the referral came from', async () => {
    const s = await stats('month=2026-10');
    expect(codeRows(s.statutory.byChannel)).toEqual([
      { code: 'chat', ...C(2, 1, 1, 0, 0) },
      { code: 'e_notification', ...C(1, 0, 0, 0, 1) },
      { code: 'emergency_department', ...C(1, 1, 0, 0, 0) },
      { code: 'phone', ...C(6, 2, 2, 2, 0) },
      { code: 'walk_in', ...C(1, 0, 1, 0, 0) },
      { code: 'web_form', ...C(2, 1, 1, 0, 0) },
    ]);
  });

  it('breaks them down by the phone line of the contact, no line last', async () => {
    const s = await stats('month=2026-10');
    expect(codeRows(s.statutory.byLine)).toEqual([
      { code: 'families', ...C(1, 0, 1, 0, 0) },
      { code: 'older_people', ...C(3, 1, 0, 2, 0) },
      { code: 'working_age', ...C(2, 1, 1, 0, 0) },
      { code: null, ...C(7, 3, 3, 0, 1) },
    ]);
  });

  it('stops a clock on the Helsinki day the client was reached: 23:30 on the deadline day is met, 01:30 the next day (still the deadline day in UTC) is missed', async () => {
    const s = await stats('from=2026-10-19&to=2026-10-19');
    expect(counts(s.statutory)).toEqual(C(2, 1, 1, 0, 0));
    expect(codeRows(s.statutory.byLine)).toEqual([{ code: 'working_age', ...C(2, 1, 1, 0, 0) }]);
    expect(counts(s.statutory.previousYear)).toEqual(ZERO);
    expect(s.total).toBe(2);
  });

  it('stops a clock completed without a client-contact step at its completion: before the deadline met, after it missed', async () => {
    // 12.–15.10.: R3 (chat, completed 14.10., due 15.10.), R15 (ED, reached 15.10., due 19.10.), R4 (walk-in, completed 21.10., due 20.10.)
    const s = await stats('from=2026-10-12&to=2026-10-15');
    expect(counts(s.statutory)).toEqual(C(3, 2, 1, 0, 0));
    expect(basisRows(s)).toEqual([{ basis: 'thl_51', ...C(3, 2, 1, 0, 0) }]);
    expect(codeRows(s.statutory.byChannel)).toEqual([
      { code: 'chat', ...C(1, 1, 0, 0, 0) },
      { code: 'emergency_department', ...C(1, 1, 0, 0, 0) },
      { code: 'walk_in', ...C(1, 0, 1, 0, 0) },
    ]);
    expect(codeRows(s.statutory.byLine)).toEqual([{ code: null, ...C(3, 2, 1, 0, 0) }]);
    // R13 and R14 were sent in these days too, without a clock
    expect(s.referrals.sent).toBe(5);
  });

  it('counts a referral by the Helsinki day it was sent: 1.10. 00:30 is October, 1.11. 00:30 is November (both the previous day in UTC)', async () => {
    expect(counts((await stats('from=2026-10-01&to=2026-10-01')).statutory)).toEqual(C(1, 1, 0, 0, 0));
    expect(counts((await stats('from=2026-09-30&to=2026-09-30')).statutory)).toEqual(ZERO);
    expect(counts((await stats('from=2026-10-31&to=2026-10-31')).statutory)).toEqual(ZERO);
    const nov = await stats('month=2026-11');
    expect(counts(nov.statutory)).toEqual(C(1, 0, 0, 1, 0)); // R12, due 10.11.
    expect(counts(nov.statutory.previousYear)).toEqual(ZERO);
    expect(basisRows(nov)).toEqual([{ basis: 'shl_36', ...C(1, 0, 0, 1, 0) }]);
    expect(codeRows(nov.statutory.byChannel)).toEqual([{ code: 'web_form', ...C(1, 0, 0, 1, 0) }]);
    expect(codeRows(nov.statutory.byLine)).toEqual([{ code: null, ...C(1, 0, 0, 1, 0) }]);
  });

  it('counts a returned referral\'s clock as still running: not stopped, not cancelled, its deadline passed (missed)', async () => {
    const s = await stats('month=2026-09');
    expect(s.referrals.sent).toBe(1);
    expect(s.referrals.returned).toBe(1);
    expect(counts(s.statutory)).toEqual(C(1, 0, 1, 0, 0));
    expect(basisRows(s)).toEqual([{ basis: 'shl_36', ...C(1, 0, 1, 0, 0) }]);
  });

  it('sums a period of two months: October and November beside the same a year earlier', async () => {
    const s = await stats('from=2026-10-01&to=2026-11-30');
    expect(counts(s.statutory)).toEqual(C(14, 5, 5, 3, 1));
    expect(counts(s.statutory.previousYear)).toEqual(C(3, 1, 1, 0, 1));
    expect(basisRows(s)).toEqual([
      { basis: 'lsl_26', ...C(2, 0, 1, 0, 1) },
      { basis: 'shl_36', ...C(4, 1, 1, 2, 0) },
      { basis: 'thl_51', ...C(8, 4, 3, 1, 0) },
    ]);
    expect([s.total, s.totalPreviousYear]).toEqual([20, 7]);
    expect([s.referrals.sent, s.referrals.sentPreviousYear]).toEqual([16, 4]);
  });
});

describe('the heat map per channel, the weekday and the hour of October 2026 beside October 2025', () => {
  const OCTOBER_CELLS = [
    cell('chat', 1, 14, 1, 0), cell('chat', 3, 14, 0, 1), cell('chat', 4, 16, 1, 0), cell('chat', 7, 3, 2, 1),
    cell('e_notification', 3, 8, 1, 0),
    cell('emergency_department', 3, 22, 1, 0), cell('emergency_department', 5, 11, 0, 1),
    cell('phone', 1, 9, 2, 0), cell('phone', 1, 10, 1, 1), cell('phone', 2, 10, 1, 0), cell('phone', 2, 13, 1, 0),
    cell('phone', 3, 10, 1, 0), cell('phone', 4, 9, 0, 1), cell('phone', 5, 9, 1, 0), cell('phone', 5, 15, 1, 0),
    cell('walk_in', 4, 11, 1, 0),
    cell('web_form', 1, 0, 0, 1), cell('web_form', 2, 20, 1, 0), cell('web_form', 4, 0, 1, 0), cell('web_form', 6, 23, 1, 0), cell('web_form', 7, 12, 1, 0),
  ];

  it('counts contacts per channel, ISO weekday and Helsinki hour of arrival, cells with contacts in either year only', async () => {
    const s = await stats('month=2026-10');
    expect([s.total, s.totalPreviousYear]).toEqual([19, 6]);
    expect(sortCells(s.weekdayHour)).toEqual(sortCells(OCTOBER_CELLS));
  });

  it('adds up: the cells to the total and the year-earlier total, each channel\'s cells to the channel breakdown', async () => {
    const s = await stats('month=2026-10');
    expect(s.weekdayHour.reduce((n, c) => n + c.count, 0)).toBe(s.total);
    expect(s.weekdayHour.reduce((n, c) => n + c.previousYear, 0)).toBe(s.totalPreviousYear);
    const channels = (s.breakdowns as Record<string, { code: string | null; count: number; previousYear: number }[] | undefined>).channel;
    expect(channels, 'breakdowns.channel').toBeDefined();
    const fromCells = new Map<string | null, [number, number]>();
    for (const c of s.weekdayHour) {
      const [n, p] = fromCells.get(c.channel) ?? [0, 0];
      fromCells.set(c.channel, [n + c.count, p + c.previousYear]);
    }
    const fromBreakdown = new Map(channels!.filter((b) => b.count + b.previousYear > 0).map((b) => [b.code, [b.count, b.previousYear] as [number, number]]));
    expect(Object.fromEntries(fromCells)).toEqual(Object.fromEntries(fromBreakdown));
    expect(Object.fromEntries(fromBreakdown)).toEqual({
      phone: [8, 2], web_form: [4, 1], chat: [4, 2], walk_in: [1, 0], e_notification: [1, 0], emergency_department: [1, 1],
    });
  });

  it('counts by weekday and hour with the year earlier beside them', async () => {
    const s = await stats('month=2026-10');
    expect([...s.byWeekday].sort((a, b) => a.weekday - b.weekday)).toEqual([
      { weekday: 1, count: 4, previousYear: 2 }, { weekday: 2, count: 3, previousYear: 0 }, { weekday: 3, count: 3, previousYear: 1 },
      { weekday: 4, count: 3, previousYear: 1 }, { weekday: 5, count: 2, previousYear: 1 }, { weekday: 6, count: 1, previousYear: 0 },
      { weekday: 7, count: 3, previousYear: 1 },
    ]);
    expect([...s.byHour].sort((a, b) => a.hour - b.hour)).toEqual([
      { hour: 0, count: 1, previousYear: 1 }, { hour: 3, count: 2, previousYear: 1 }, { hour: 8, count: 1, previousYear: 0 },
      { hour: 9, count: 3, previousYear: 1 }, { hour: 10, count: 3, previousYear: 1 }, { hour: 11, count: 1, previousYear: 1 },
      { hour: 12, count: 1, previousYear: 0 }, { hour: 13, count: 1, previousYear: 0 }, { hour: 14, count: 1, previousYear: 1 },
      { hour: 15, count: 1, previousYear: 0 }, { hour: 16, count: 1, previousYear: 0 }, { hour: 20, count: 1, previousYear: 0 },
      { hour: 22, count: 1, previousYear: 0 }, { hour: 23, count: 1, previousYear: 0 },
    ]);
  });

  it('puts both 03:30s of the night summer time ends (25.10.2026) in hour 3', async () => {
    const s = await stats('from=2026-10-25&to=2026-10-25');
    expect(s.total).toBe(3);
    expect(sortCells(s.weekdayHour)).toEqual(sortCells([cell('chat', 7, 3, 2, 0), cell('web_form', 7, 12, 1, 0)]));
    expect([...s.byHour].sort((a, b) => a.hour - b.hour)).toEqual([{ hour: 3, count: 2, previousYear: 0 }, { hour: 12, count: 1, previousYear: 0 }]);
    expect(s.byWeekday).toEqual([{ weekday: 7, count: 3, previousYear: 0 }]);
  });

  it('places contacts around midnight by the Helsinki day and hour, not UTC', async () => {
    const sep30 = await stats('from=2026-09-30&to=2026-09-30'); // 23:30 Helsinki, Wednesday
    expect(sep30.total).toBe(1);
    expect(sortCells(sep30.weekdayHour)).toEqual([cell('web_form', 3, 23, 1, 0)]);
    const oct1 = await stats('from=2026-10-01&to=2026-10-01'); // 00:15 Helsinki, Thursday (Wednesday 21:15 UTC)
    expect(oct1.total).toBe(1);
    expect(sortCells(oct1.weekdayHour)).toEqual([cell('web_form', 4, 0, 1, 0)]);
    const nov = await stats('month=2026-11'); // 1.11.2026 00:10 Sunday; a year earlier 1.11.2025 00:30 Saturday
    expect([nov.total, nov.totalPreviousYear]).toEqual([1, 1]);
    expect(sortCells(nov.weekdayHour)).toEqual(sortCells([cell('web_form', 7, 0, 1, 0), cell('web_form', 6, 0, 0, 1)]));
  });
});

describe('referrals per channel of October 2026', () => {
  it('counts the referrals sent per channel of their contact, with where they went, beside October 2025', async () => {
    const s = await stats('month=2026-10');
    expect([s.referrals.sent, s.referrals.sentPreviousYear]).toEqual([15, 4]);
    expect(refChannels(s.referrals.byChannel)).toEqual([
      { code: 'chat', count: 2, previousYear: 1, byTarget: [{ code: 'adult_social_work', count: 1, previousYear: 0 }, { code: 'health_centre', count: 1, previousYear: 1 }] },
      { code: 'e_notification', count: 1, previousYear: 0, byTarget: [{ code: 'child_welfare', count: 1, previousYear: 0 }] },
      { code: 'emergency_department', count: 1, previousYear: 1, byTarget: [{ code: 'adult_social_work', count: 1, previousYear: 1 }] },
      {
        code: 'phone', count: 8, previousYear: 2, byTarget: [
          { code: 'adult_social_work', count: 5, previousYear: 1 }, { code: 'child_welfare', count: 1, previousYear: 1 },
          { code: 'external', count: 1, previousYear: 0 }, { code: 'older_people_services', count: 1, previousYear: 0 },
        ],
      },
      { code: 'walk_in', count: 1, previousYear: 0, byTarget: [{ code: 'adult_social_work', count: 1, previousYear: 0 }] },
      { code: 'web_form', count: 2, previousYear: 0, byTarget: [{ code: 'adult_social_work', count: 2, previousYear: 0 }] },
    ]);
    // most first
    expect(s.referrals.byChannel[0]!.code).toBe('phone');
    const order = s.referrals.byChannel.map((r) => r.count);
    expect(order).toEqual([...order].sort((a, b) => b - a));
  });
});

describe('filters', () => {
  it('with line=older_people counts only the contacts and referrals of that line, in both years', async () => {
    const s = await stats('month=2026-10&line=older_people');
    expect(s.filters.line).toBe('older_people');
    expect([s.total, s.totalPreviousYear]).toEqual([3, 1]);
    expect(counts(s.statutory)).toEqual(C(3, 1, 0, 2, 0)); // R1 met, R9 and R11 pending
    expect(counts(s.statutory.previousYear)).toEqual(C(1, 1, 0, 0, 0)); // P1
    expect(basisRows(s)).toEqual([{ basis: 'shl_36', ...C(2, 1, 0, 1, 0) }, { basis: 'thl_51', ...C(1, 0, 0, 1, 0) }]);
    expect(codeRows(s.statutory.byChannel)).toEqual([{ code: 'phone', ...C(3, 1, 0, 2, 0) }]);
    expect(codeRows(s.statutory.byLine)).toEqual([{ code: 'older_people', ...C(3, 1, 0, 2, 0) }]);
    expect(sortCells(s.weekdayHour)).toEqual(sortCells([cell('phone', 1, 10, 1, 1), cell('phone', 3, 10, 1, 0), cell('phone', 5, 15, 1, 0)]));
    expect([s.referrals.sent, s.referrals.sentPreviousYear]).toEqual([3, 1]);
    expect(refChannels(s.referrals.byChannel)).toEqual([
      { code: 'phone', count: 3, previousYear: 1, byTarget: [{ code: 'adult_social_work', count: 2, previousYear: 1 }, { code: 'older_people_services', count: 1, previousYear: 0 }] },
    ]);
  });

  it('a filter that excludes everything (line=disability) leaves nothing: zeros and empty lists', async () => {
    const s = await stats('month=2026-10&line=disability');
    expect([s.total, s.totalPreviousYear]).toEqual([0, 0]);
    expect(counts(s.statutory)).toEqual(ZERO);
    expect(counts(s.statutory.previousYear)).toEqual(ZERO);
    expect([s.statutory.byBasis, s.statutory.byChannel, s.statutory.byLine]).toEqual([[], [], []]);
    expect(s.weekdayHour).toEqual([]);
    expect(s.byWeekday.filter((r) => r.count + r.previousYear > 0)).toEqual([]);
    expect(s.byHour.filter((r) => r.count + r.previousYear > 0)).toEqual([]);
    expect([s.referrals.sent, s.referrals.sentPreviousYear]).toEqual([0, 0]);
    expect(refChannels(s.referrals.byChannel)).toEqual([]);
  });
});

describe('the CSV and the XLSX', () => {
  it('the CSV has the statutory rows: dimension;code;label;period;previous', async () => {
    const res = await getAs(TODAY, '/api/statistics/monthly.csv?month=2026-10&lang=fi');
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.split(/\r?\n/);
    const row = (code: string) => lines.filter((l) => l.startsWith(`statutory;${code};`));
    for (const [code, period, previous] of [['started', 13, 3], ['met', 5, 1], ['missed', 5, 1], ['pending', 2, 0], ['cancelled', 1, 1]] as const) {
      const rows = row(code);
      expect(rows, `statutory;${code}`).toHaveLength(1);
      const fields = rows[0]!.split(';');
      expect(fields, rows[0]).toHaveLength(5);
      expect(fields[2]!.length, `a label for ${code}`).toBeGreaterThan(0);
      expect([fields[3], fields[4]], rows[0]).toEqual([String(period), String(previous)]);
    }
  });

  it('the XLSX has a statutory sheet with the same figures: the whole and a year earlier, per basis, channel and line', async () => {
    const res = await getAs(TODAY, '/api/statistics/monthly.xlsx?month=2026-10&lang=fi');
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rowsOf = (ws: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      ws.eachRow((r) => { out.push((r.values as unknown[]).slice(1)); });
      return out;
    };
    const sheets = wb.worksheets.map((ws) => ({ name: ws.name, rows: rowsOf(ws) }));
    // the layout is not part of the contract: the sheet is the one that names the three legal bases
    const sheet = sheets.find((x) => ['shl_36', 'lsl_26', 'thl_51'].every((b) => x.rows.some((r) => r.includes(b))));
    expect(sheet, `a sheet naming the legal bases among ${sheets.map((x) => x.name).join(', ')}`).toBeDefined();
    // every row with figures: its text cells and its five counts (started, met, missed, pending, cancelled)
    const data = sheet!.rows
      .filter((r) => r.filter((v) => typeof v === 'number').length >= 5)
      .map((r) => ({ text: r.filter((v): v is string => typeof v === 'string'), counts: r.filter((v): v is number => typeof v === 'number').slice(-5) }));
    const expected: [string | null, number[]][] = [
      ['2026-10', [13, 5, 5, 2, 1]], ['2025-10', [3, 1, 1, 0, 1]],
      ['lsl_26', [2, 0, 1, 0, 1]], ['shl_36', [3, 1, 1, 1, 0]], ['thl_51', [8, 4, 3, 1, 0]],
      ['chat', [2, 1, 1, 0, 0]], ['e_notification', [1, 0, 0, 0, 1]], ['emergency_department', [1, 1, 0, 0, 0]],
      ['phone', [6, 2, 2, 2, 0]], ['walk_in', [1, 0, 1, 0, 0]], ['web_form', [2, 1, 1, 0, 0]],
      ['families', [1, 0, 1, 0, 0]], ['older_people', [3, 1, 0, 2, 0]], ['working_age', [2, 1, 1, 0, 0]],
      [null, [7, 3, 3, 0, 1]], // the line "none"
    ];
    expect(data.map((d) => d.counts), sheet!.name).toEqual(expected.map(([, c]) => c));
    expected.forEach(([key], i) => { if (key) expect(data[i]!.text, `row ${i} of ${sheet!.name}`).toContain(key); });
  });
});

describe('access', () => {
  it('is for supervisors: a guidance worker, a unit worker and the emergency department get 403, no session 401', async () => {
    const urls = ['/api/statistics/monthly?month=2026-10', '/api/statistics/period?from=2026-10-01&to=2026-10-31', '/api/statistics/monthly.csv?month=2026-10&lang=fi'];
    for (const url of urls) {
      for (const user of ['ohjaaja', 'yksikko', 'paivystys']) {
        expect((await getAs(TODAY, url, user)).statusCode, `${user} ${url}`).toBe(403);
      }
      expect((await getAs(TODAY, url, null)).statusCode, `no session ${url}`).toBe(401);
      expect((await getAs(TODAY, url)).statusCode, `esihenkilo ${url}`).toBe(200);
    }
  });
});

/* The clock only moves forward from here. */
describe('reading later: "today" is the Helsinki day of the read', () => {
  it('late on 4.11. (21:30 UTC) the clock due today is still pending', async () => {
    const s = await stats('month=2026-10', '2026-11-04T23:30:00+02:00');
    expect(counts(s.statutory)).toEqual(C(13, 5, 5, 2, 1));
  });

  it('at 00:30 on 5.11. (still 4.11. in UTC) the clock due 4.11. has become missed; the year earlier is unchanged', async () => {
    const s = await stats('month=2026-10', '2026-11-05T00:30:00+02:00');
    expect(counts(s.statutory)).toEqual(C(13, 5, 6, 1, 1));
    expect(counts(s.statutory.previousYear)).toEqual(C(3, 1, 1, 0, 1));
    expect(basisRows(s)).toEqual([
      { basis: 'lsl_26', ...C(2, 0, 1, 0, 1) },
      { basis: 'shl_36', ...C(3, 1, 1, 1, 0) },
      { basis: 'thl_51', ...C(8, 4, 4, 0, 0) },
    ]);
    expect(codeRows(s.statutory.byLine).find((r) => r.code === 'older_people')).toEqual({ code: 'older_people', ...C(3, 1, 1, 1, 0) });
  });

  it('on Monday 9.11. the SHL 36 § clock due Friday 6.11. is missed too; November\'s clock due 10.11. is still pending', async () => {
    const s = await stats('month=2026-10', '2026-11-09T10:00:00+02:00');
    expect(counts(s.statutory)).toEqual(C(13, 5, 7, 0, 1));
    expect(basisRows(s).find((b) => b.basis === 'shl_36')).toEqual({ basis: 'shl_36', ...C(3, 1, 2, 0, 0) });
    expect(codeRows(s.statutory.byChannel).find((r) => r.code === 'phone')).toEqual({ code: 'phone', ...C(6, 2, 4, 0, 0) });
    expect(counts((await stats('month=2026-11', '2026-11-09T10:00:00+02:00')).statutory)).toEqual(C(1, 0, 0, 1, 0));
  });

  it('November\'s clock is pending at 23:59 on its deadline day and missed one minute past midnight Helsinki (22:01 UTC the same day)', async () => {
    expect(counts((await stats('month=2026-11', '2026-11-10T23:59:00+02:00')).statutory)).toEqual(C(1, 0, 0, 1, 0));
    expect(counts((await stats('month=2026-11', '2026-11-11T00:01:00+02:00')).statutory)).toEqual(C(1, 0, 1, 0, 0));
  });
});
