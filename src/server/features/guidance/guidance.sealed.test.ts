/**
 * Issue 17, guidance levels 2–3: a sealed black-box test set.
 *
 * Written from the contract only (guidance.schemas.ts, the routes table of the brief, the issue,
 * domain.md §3, §7, §10, §14 and the default batteries in src/domain/guidance-batteries.ts), without
 * reading the implementation (guidance.service.ts, guidance.routes.ts, guidance.statistics.ts,
 * src/domain/guidance.ts, migration 0020). Everything goes through app.inject on a real database with
 * the demo county; the database is read directly only for the access log.
 *
 * Independence: one app for the file, but every test makes its own people (a new identity code and
 * phone number each), its own contacts and cases, and reads figures that others also move (the
 * supervisor's overview, the statistics) as before/after differences inside the test. The one test
 * that reads the queue as a whole builds its own database. A test that moves the clock puts it back.
 *
 * Assumptions are marked "ASSUMPTION" where the contract leaves a choice open.
 *
 * First run against the finished server: 45 of 48 as written passed. Corrected since, where the test
 * asked more than the contract says: `outreachAttempts` is now "at least the logged attempt" (the
 * server also counts a follow-up done), and `unknown_user` is accepted as either the problem's or the
 * field's code. Two failed as findings against the first draft of the contract, which the lead had
 * already changed when the set was run (the brief's table was edited after this set's writer read it):
 * a plan without goals answers body.goals `required` (draft: `too_small`; the API has no such field
 * code), and an unknown responsible worker answers validation_failed with body.userId `unknown_code`
 * (draft: `unknown_user`). Those two assertions now follow the final contract; no implementation was
 * changed for this set. Sealed first-run result: 46 of 48 against the final contract (45 as written).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { resolveCountyId } from '../organisation/public.js';
import { createUser } from '../users/public.js';
import type { ContactView, QueueResponse } from '../contacts/contacts.schemas.js';
import type { Battery, ContactGuidance, FollowUp, GuidanceCase, GuidanceFigures, GuidanceOverview, PersonPage, CaseListItem } from './guidance.schemas.js';

type Session = Awaited<ReturnType<typeof login>>;
type Res = LightMyRequestResponse;
type ContactWithLevel = ContactView & { guidanceLevel: 1 | 2 | 3; guidanceCaseId: string | null };
interface LevelResult { level: 1 | 2 | 3; caseId: string; joined: boolean }
interface Problem { code?: string; errors?: { field: string; code?: string; message?: string }[] }

const MONDAY_10 = new Date('2026-11-23T10:00:00+02:00'); // the default test clock, a Monday
const TODAY = '2026-11-23';
const COUNTY = 'etela_pohjanmaa';
const WORKER_PASSWORD = 'sinetti-ohjaus-2026-salasana';
const CONSENT = { givenBy: 'client', method: 'verbal' } as const;

let t: TestApp;

// ---- sessions: one per user and clock moment (moving the clock days ahead expires the earlier ones) ----

const passwords = new Map<string, string>();
const sessionCache = new Map<string, Session>();
async function as(username: string): Promise<Session> {
  const key = `${username}@${t.clock.now.toISOString()}`;
  let s = sessionCache.get(key);
  if (!s) {
    s = await login(t.app, username, passwords.get(username));
    sessionCache.set(key, s);
  }
  return s;
}
const userIds = new Map<string, string>();
async function idOf(username: string): Promise<string> {
  let id = userIds.get(username);
  if (!id) {
    const res = await t.app.inject({ url: '/api/auth/me', headers: (await as(username)).headers });
    expect(res.statusCode, res.body).toBe(200);
    id = res.json<{ id: string }>().id;
    userIds.set(username, id);
  }
  return id;
}
let workerN = 0;
/** A guidance worker of its own, so that "mine" lists hold only what the test made. */
async function newWorker(first = 'Kaisa'): Promise<string> {
  workerN += 1;
  const username = `sinetti_ohjaus_${workerN}`;
  const { id } = await createUser(t.database.db, { countyId: await resolveCountyId(t.database.db, COUNTY), username, displayName: `${first} Sinetti${workerN}`, password: WORKER_PASSWORD, roles: ['guidance_worker'] });
  passwords.set(username, WORKER_PASSWORD);
  userIds.set(username, id);
  return username;
}

/** Runs `work` at another moment of the clock, then puts it back. */
async function at<T>(iso: string, work: () => Promise<T>): Promise<T> {
  const before = t.clock.now;
  t.clock.now = new Date(iso);
  try { return await work(); } finally { t.clock.now = before; }
}

// ---- requests ----

const get = async (url: string, user = 'ohjaaja') => t.app.inject({ method: 'GET', url, headers: (await as(user)).headers });
const send = async (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: unknown, user = 'ohjaaja') =>
  t.app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as object }), headers: (await as(user)).headers });
const post = (url: string, payload: unknown, user = 'ohjaaja') => send('POST', url, payload, user);
const put = (url: string, payload: unknown, user = 'ohjaaja') => send('PUT', url, payload, user);

const problem = (res: Res) => res.json<Problem>();
const fields = (res: Res) => (problem(res).errors ?? []).map((e) => `${e.field}:${e.code}`);
function expectStatus(res: Res, status: number) { expect(res.statusCode, `${res.statusCode} ${res.body.slice(0, 600)}`).toBe(status); }
function expectProblem(res: Res, status: number, code: string) {
  expectStatus(res, status);
  expect(problem(res).code, res.body.slice(0, 600)).toBe(code);
}
function expectFieldError(res: Res, field: string, code?: string) {
  expectStatus(res, 400);
  const errs = problem(res).errors ?? [];
  expect(errs.some((e) => e.field === field && (code === undefined || e.code === code)), `wanted ${field}:${code ?? '*'} in ${JSON.stringify(errs)}`).toBe(true);
}

// ---- people and contacts ----

let personN = 0;
interface Person { name: string; hetu?: string; phone: string }
/** A new identified person: a unique identity code and phone number. */
function newPerson(name = 'Jusa-Petteri Sinetti', opts: { hetu?: boolean } = {}): Person {
  personN += 1;
  const birth = new Date(Date.UTC(1985, 0, 1) + personN * 86_400_000 * 3).toISOString().slice(0, 10);
  const phone = `050 ${String(3_100_000 + personN * 13)}`;
  return opts.hetu === false ? { name: `${name} ${personN}`, phone } : { name: `${name} ${personN}`, hetu: formatHetu(birth, 100 + (personN % 800)), phone };
}
async function newContact(person: Person | null, extra: Record<string, unknown> = {}): Promise<{ id: string; reference: string }> {
  const body = person
    ? { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'mental_health', person, ...extra }
    : { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income', ...extra };
  const res = await post('/api/contacts', body);
  expectStatus(res, 201);
  return res.json<{ id: string; reference: string }>();
}
const contactView = async (id: string) => {
  const res = await get(`/api/contacts/${id}`);
  expectStatus(res, 200);
  return res.json<ContactWithLevel>();
};
const guidanceOf = async (contactId: string) => {
  const res = await get(`/api/contacts/${contactId}/guidance`);
  expectStatus(res, 200);
  return res.json<ContactGuidance>();
};
const raise = (contactId: string, body: Record<string, unknown>, user = 'ohjaaja') => post(`/api/contacts/${contactId}/level`, body, user);
async function raised(contactId: string, body: Record<string, unknown>, user = 'ohjaaja'): Promise<LevelResult> {
  const res = await raise(contactId, body, user);
  expectStatus(res, 200);
  return res.json<LevelResult>();
}
/** A new person's contact raised to `level` with consent given in the request. */
async function openCase(level: 2 | 3 = 2, extra: Record<string, unknown> = {}, person = newPerson()) {
  const contact = await newContact(person);
  const r = await raised(contact.id, { level, consent: CONSENT, reason: 'Toistuvia epämääräisiä yhteydenottoja', ...extra });
  return { contactId: contact.id, reference: contact.reference, caseId: r.caseId, person };
}
const caseOf = async (caseId: string, user = 'ohjaaja') => {
  const res = await get(`/api/guidance/cases/${caseId}`, user);
  expectStatus(res, 200);
  return res.json<GuidanceCase>();
};
async function currentBattery(code: string): Promise<Battery> {
  const res = await get('/api/guidance/batteries');
  expectStatus(res, 200);
  const b = res.json<{ items: Battery[] }>().items.find((x) => x.code === code && x.current);
  expect(b, `battery ${code}`).toBeDefined();
  return b!;
}
const assess = async (caseId: string, code: string, answers: Record<string, unknown>) =>
  post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: (await currentBattery(code)).id, answers });
async function followUp(caseId: string, dueOn: string, extra: Record<string, unknown> = {}, user = 'ohjaaja'): Promise<string> {
  const res = await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn, purpose: 'Soitetaan ja kysytään, miten on mennyt', ...extra }, user);
  expectStatus(res, 201);
  return res.json<{ id: string }>().id;
}
async function caseList(query: string, user = 'esihenkilo'): Promise<CaseListItem[]> {
  const res = await get(`/api/guidance/cases?${query}&limit=200`, user);
  expectStatus(res, 200);
  return res.json<{ items: CaseListItem[] }>().items;
}
async function overview(): Promise<GuidanceOverview> {
  const res = await get('/api/guidance/overview', 'esihenkilo');
  expectStatus(res, 200);
  return res.json<GuidanceOverview>();
}
const daysBefore = (days: number) => new Date(MONDAY_10.getTime() - days * 86_400_000).toISOString();
const aBattery = (code: string, questions: unknown[]) => ({
  code, area: 'general', title: { fi: 'Sinettikysely', sv: 'Förseglad enkät', en: 'Sealed survey' }, questions,
});
const q = (key: string, kind: string, extra: Record<string, unknown> = {}) => ({ key, kind, label: { fi: `Kysymys ${key}`, sv: `Fråga ${key}`, en: `Question ${key}` }, ...extra });

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY_10 });
});
afterAll(async () => { await t.close(); });

// =====================================================================================
describe('levels', () => {
  it('a new contact is at level 1 with no case, on the contact view and in its guidance', async () => {
    const c = await newContact(newPerson());
    const view = await contactView(c.id);
    expect(view.guidanceLevel).toBe(1);
    expect(view.guidanceCaseId).toBeNull();
    const g = await guidanceOf(c.id);
    expect(g).toMatchObject({ level: 1, caseId: null, identified: true, recordingConsent: false, personOpenCase: null });
    const anon = await guidanceOf((await newContact(null)).id);
    expect(anon).toMatchObject({ level: 1, caseId: null, identified: false });
  });

  it('raising 1→2 with consent opens a case; the contact view, its guidance and the case agree', async () => {
    const c = await newContact(newPerson());
    const res = await raise(c.id, { level: 2, consent: CONSENT, reason: 'Kolmas yhteydenotto' });
    expectStatus(res, 200);
    const r = res.json<LevelResult>();
    expect(r).toMatchObject({ level: 2, joined: false });
    expect(r.caseId).toMatch(/^[0-9a-f-]{36}$/);
    const view = await contactView(c.id);
    expect(view.guidanceLevel).toBe(2);
    expect(view.guidanceCaseId).toBe(r.caseId);
    // ASSUMPTION: the consent given in the request is kept as the contact's recording consent
    expect(await guidanceOf(c.id)).toMatchObject({ level: 2, caseId: r.caseId, recordingConsent: true });
    const gc = await caseOf(r.caseId);
    expect(gc).toMatchObject({ id: r.caseId, level: 2, status: 'open', contactId: c.id, reference: c.reference, closedAt: null, outcome: null });
    expect(gc.contacts.map((x) => x.id)).toEqual([c.id]);
    expect(gc.levels).toHaveLength(1);
    expect(gc.levels[0]).toMatchObject({ from: 1, to: 2, reason: 'Kolmas yhteydenotto' });
  });

  it('a recording consent already on the contact is enough: no consent needed in the request', async () => {
    const c = await newContact(newPerson());
    const consent = await post(`/api/contacts/${c.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'recording', target: 'Asiakasohjaus' });
    expectStatus(consent, 200);
    expect((await guidanceOf(c.id)).recordingConsent).toBe(true);
    const r = await raised(c.id, { level: 2 });
    expect(r).toMatchObject({ level: 2, joined: false });
  });

  it('the queue shows each contact\'s guidanceLevel (own database)', async () => {
    const own = await createTestApp({ now: MONDAY_10 });
    try {
      const s = await login(own.app, 'ohjaaja');
      const mk = async (name: string) => {
        const res = await own.app.inject({ method: 'POST', url: '/api/contacts', headers: s.headers, payload: { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'mental_health', person: newPerson(name) } });
        expectStatus(res, 201);
        return res.json<{ id: string }>().id;
      };
      const plain = await mk('Tavallinen');
      const guided = await mk('Ohjattava');
      const lv = await own.app.inject({ method: 'POST', url: `/api/contacts/${guided}/level`, headers: s.headers, payload: { level: 2, consent: CONSENT } });
      expectStatus(lv, 200);
      const queue = await own.app.inject({ url: '/api/contacts', headers: s.headers });
      expectStatus(queue, 200);
      const items = queue.json<QueueResponse>().items as (QueueResponse['items'][number] & { guidanceLevel?: number })[];
      expect(items.find((i) => i.id === guided)?.guidanceLevel).toBe(2);
      expect(items.find((i) => i.id === plain)?.guidanceLevel).toBe(1);
    } finally { await own.close(); }
  });

  it('an anonymous contact cannot be raised: 409 not_identified, and nothing is stored', async () => {
    const c = await newContact(null);
    const res = await raise(c.id, { level: 2, consent: CONSENT });
    expectProblem(res, 409, 'not_identified');
    expect(await guidanceOf(c.id)).toMatchObject({ level: 1, caseId: null });
    const view = await contactView(c.id);
    expect(view.guidanceLevel).toBe(1);
    expect(view.guidanceCaseId).toBeNull();
    expect(view.consents).toEqual([]);
    expectProblem(await raise(c.id, { level: 3, consent: CONSENT }), 409, 'not_identified');
  });

  it('without a live recording consent: 409 consent_required, and nothing is stored', async () => {
    const c = await newContact(newPerson());
    // a consent for something else does not count
    expectStatus(await post(`/api/contacts/${c.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' }), 200);
    expectProblem(await raise(c.id, { level: 2 }), 409, 'consent_required');
    expect(await guidanceOf(c.id)).toMatchObject({ level: 1, caseId: null, recordingConsent: false });
    expect((await contactView(c.id)).guidanceLevel).toBe(1);
    // a withdrawn recording consent is not live either
    const rec = await post(`/api/contacts/${c.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'recording', target: 'Asiakasohjaus' });
    expectStatus(rec, 200);
    expectStatus(await post(`/api/contacts/${c.id}/consents/${rec.json<{ id: string }>().id}/withdraw`, undefined), 200);
    expect((await guidanceOf(c.id)).recordingConsent).toBe(false);
    expectProblem(await raise(c.id, { level: 2 }), 409, 'consent_required');
    expect(await guidanceOf(c.id)).toMatchObject({ level: 1, caseId: null });
  });

  it('raising to the level the contact already has: 409 level_unchanged, history unchanged', async () => {
    const { contactId, caseId } = await openCase(2);
    expectProblem(await raise(contactId, { level: 2, consent: CONSENT }), 409, 'level_unchanged');
    expectProblem(await post(`/api/guidance/cases/${caseId}/level`, { level: 2 }), 409, 'level_unchanged');
    const gc = await caseOf(caseId);
    expect(gc.level).toBe(2);
    expect(gc.levels).toHaveLength(1);
  });

  it('a second contact of the same person (identity code) joins the open case', async () => {
    const first = await openCase(2);
    const second = await newContact(first.person);
    const g = await guidanceOf(second.id);
    expect(g.caseId).toBeNull();
    expect(g.personOpenCase).toMatchObject({ id: first.caseId, level: 2 });
    const r = await raised(second.id, { level: 2, consent: CONSENT });
    expect(r).toEqual({ level: 2, caseId: first.caseId, joined: true });
    const gc = await caseOf(first.caseId);
    expect(gc.contacts.map((c) => c.id).sort()).toEqual([first.contactId, second.id].sort());
    expect((await contactView(second.id)).guidanceCaseId).toBe(first.caseId);
    expect((await contactView(second.id)).guidanceLevel).toBe(2);
  });

  it('without an identity code, the same phone number joins the open case', async () => {
    const person = newPerson('Puhelin Ainoa', { hetu: false });
    const first = await openCase(2, {}, person);
    const second = await newContact({ name: person.name, phone: person.phone });
    const r = await raised(second.id, { level: 2, consent: CONSENT });
    expect(r).toEqual({ level: 2, caseId: first.caseId, joined: true });
    // another person's contact does not join
    const other = await newContact(newPerson('Joku Muu', { hetu: false }));
    const o = await raised(other.id, { level: 2, consent: CONSENT });
    expect(o.joined).toBe(false);
    expect(o.caseId).not.toBe(first.caseId);
  });

  it('level 3 names a responsible worker: the caller by default, and it is recorded in the history', async () => {
    const { caseId } = await openCase(3);
    const gc = await caseOf(caseId);
    expect(gc.level).toBe(3);
    expect(gc.responsible?.id).toBe(await idOf('ohjaaja'));
    expect(gc.intensiveSince).not.toBeNull();
    expect(gc.levels).toHaveLength(1);
    expect(gc.levels[0]).toMatchObject({ from: 1, to: 3 });
  });

  it('a case goes 2→3 with a named responsible worker, recorded in the history; the responsible worker changes (unknown user: 400 unknown_code)', async () => {
    const { caseId, contactId } = await openCase(2);
    const eeva = await idOf('esihenkilo');
    const res = await post(`/api/guidance/cases/${caseId}/level`, { level: 3, reason: 'Monta palvelua, tarvitaan vastuuhenkilö', responsibleUserId: eeva });
    expectStatus(res, 200);
    expect(res.json<LevelResult>()).toMatchObject({ level: 3, caseId });
    const gc = await caseOf(caseId);
    expect(gc).toMatchObject({ level: 3, responsible: { id: eeva } });
    expect(gc.intensiveSince).not.toBeNull();
    expect(gc.levels.map((l) => [l.from, l.to])).toEqual([[1, 2], [2, 3]]);
    expect(gc.levels[1]!.reason).toBe('Monta palvelua, tarvitaan vastuuhenkilö');
    expect((await contactView(contactId)).guidanceLevel).toBe(3);
    expectProblem(await post(`/api/guidance/cases/${caseId}/level`, { level: 3 }), 409, 'level_unchanged');
    // the responsible worker changes; an unknown user is refused
    const olli = await idOf('ohjaaja');
    const ok = await put(`/api/guidance/cases/${caseId}/responsible`, { userId: olli });
    expectStatus(ok, 200);
    expect(ok.json()).toEqual({ ok: true });
    expect((await caseOf(caseId)).responsible?.id).toBe(olli);
    const bad = await put(`/api/guidance/cases/${caseId}/responsible`, { userId: randomUUID() });
    // an unknown worker: validation_failed naming body.userId (unknown_code)
    expectStatus(bad, 400);
    expect(problem(bad).errors?.some((e) => e.field === 'body.userId'), bad.body).toBe(true);
    expect([problem(bad).code, ...(problem(bad).errors ?? []).filter((e) => e.field === 'body.userId').map((e) => e.code)], bad.body).toEqual(['validation_failed', 'unknown_code']);
    expect((await caseOf(caseId)).responsible?.id).toBe(olli);
  });

  it('refuses level 1 or 4 and a malformed consent with 400 naming the field; nothing is stored', async () => {
    const c = await newContact(newPerson());
    for (const level of [1, 4, '2']) {
      const res = await raise(c.id, { level, consent: CONSENT });
      expectFieldError(res, 'body.level');
    }
    const consent = await raise(c.id, { level: 2, consent: { givenBy: 'neighbour', method: 'telepathy' } });
    expectStatus(consent, 400);
    expect(fields(consent).some((f) => f.startsWith('body.consent'))).toBe(true);
    expect(await guidanceOf(c.id)).toMatchObject({ level: 1, caseId: null });
  });
});

// =====================================================================================
describe('the proposal of a level', () => {
  it('the person\'s third contact within two months proposes level 2 with repeated_contacts', async () => {
    const p = newPerson('Toistuva Soittaja');
    await newContact(p, { receivedAt: daysBefore(55) });
    await newContact(p, { receivedAt: daysBefore(20) });
    const third = await newContact(p);
    const g = await guidanceOf(third.id);
    expect(g.signals.contactsInWindow).toBe(3);
    expect(g.signals.triggers).toContain('repeated_contacts');
    expect(g.signals.proposedLevel).toBe(2);
    expect(g.level).toBe(1);
  });

  it('two contacts do not propose anything', async () => {
    const p = newPerson('Kaksi Kertaa');
    await newContact(p, { receivedAt: daysBefore(10) });
    const second = await newContact(p);
    const g = await guidanceOf(second.id);
    expect(g.signals.contactsInWindow).toBe(2);
    expect(g.signals.triggers).not.toContain('repeated_contacts');
    expect(g.signals.proposedLevel).toBeNull();
  });

  it('a contact 70 days earlier is outside the two months and does not count', async () => {
    const p = newPerson('Kauan Sitten');
    await newContact(p, { receivedAt: daysBefore(70) });
    await newContact(p, { receivedAt: daysBefore(15) });
    const third = await newContact(p);
    const g = await guidanceOf(third.id);
    expect(g.signals.contactsInWindow).toBe(2);
    expect(g.signals.triggers).not.toContain('repeated_contacts');
    expect(g.signals.proposedLevel).toBeNull();
  });

  it('a marked trigger proposes level 2; three triggers propose level 3', async () => {
    const c = await newContact(newPerson());
    const one = await send('PATCH', `/api/contacts/${c.id}`, { triggers: ['unclear_problem'] });
    expectStatus(one, 200);
    const g1 = await guidanceOf(c.id);
    expect(g1.signals.triggers).toContain('unclear_problem');
    expect(g1.signals.proposedLevel).toBe(2);
    const three = await send('PATCH', `/api/contacts/${c.id}`, { triggers: ['unclear_problem', 'concern_not_enough', 'missed_appointments'] });
    expectStatus(three, 200);
    const g3 = await guidanceOf(c.id);
    expect(g3.signals.triggers).toEqual(expect.arrayContaining(['unclear_problem', 'concern_not_enough', 'missed_appointments']));
    expect(g3.signals.proposedLevel).toBe(3);
  });

  it('at level 2, one trigger proposes neither level 3 nor a meeting; two propose both', async () => {
    const c = await newContact(newPerson());
    expectStatus(await send('PATCH', `/api/contacts/${c.id}`, { triggers: ['unclear_problem'] }), 200);
    const { caseId } = await raised(c.id, { level: 2, consent: CONSENT });
    const one = await caseOf(caseId);
    expect(one.signals.proposedLevel).toBeNull();
    expect(one.signals.proposeMeeting).toBe(false);
    expectStatus(await send('PATCH', `/api/contacts/${c.id}`, { triggers: ['unclear_problem', 'addiction_suspected'] }), 200);
    const two = await caseOf(caseId);
    expect(two.signals.triggers).toEqual(expect.arrayContaining(['unclear_problem', 'addiction_suspected']));
    expect(two.signals.proposedLevel).toBe(3);
    expect(two.signals.proposeMeeting).toBe(true);
  });
});

// =====================================================================================
describe('assessments', () => {
  it('the county has the default batteries at version 1: first_assessment (mood, interest required), family, working_age', async () => {
    const res = await get('/api/guidance/batteries');
    expectStatus(res, 200);
    const items = res.json<{ items: Battery[]; total: number }>().items;
    for (const code of ['first_assessment', 'family', 'working_age']) {
      const b = items.find((x) => x.code === code);
      expect(b, code).toMatchObject({ version: 1, current: true });
    }
    const first = await currentBattery('first_assessment');
    expect(first.area).toBe('general');
    const one = await get(`/api/guidance/batteries/${first.id}`);
    expectStatus(one, 200);
    const questions = one.json<Battery>().questions;
    expect(questions.filter((x) => x.required).map((x) => x.key).sort()).toEqual(['interest', 'mood']);
    expect(questions.map((x) => x.key)).toEqual(expect.arrayContaining(['alone', 'substances', 'help_not_enough', 'services_in_use', 'own_words']));
  });

  it('stores the answers structured, returns them on the case, and flags low mood and isolation', async () => {
    const { caseId } = await openCase(2);
    const answers = { mood: 2, interest: 3, alone: true, housing: 'own_or_rented', services_in_use: ['kela', 'health_centre'], own_words: 'Haluaisin, että joku soittaisi välillä.' };
    const res = await assess(caseId, 'first_assessment', answers);
    expectStatus(res, 201);
    const created = res.json<{ id: string; flags: { code: string; question: string; trigger: string | null }[] }>();
    const codes = created.flags.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['low_mood', 'isolation']));
    expect(codes).not.toContain('housing_at_risk');
    expect(codes).not.toContain('substance_concern');
    expect(created.flags.find((f) => f.code === 'isolation')).toMatchObject({ question: 'alone', trigger: null });
    const gc = await caseOf(caseId);
    expect(gc.assessments).toHaveLength(1);
    const a = gc.assessments[0]!;
    expect(a.id).toBe(created.id);
    expect(a.battery).toMatchObject({ code: 'first_assessment', version: 1 });
    expect(a.answers).toEqual(answers);
    expect(a.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['low_mood', 'isolation']));
  });

  it('answers with a trigger raise it on the case: substances → addiction_suspected, help not enough → concern_not_enough', async () => {
    const { caseId } = await openCase(2);
    const res = await assess(caseId, 'first_assessment', { mood: 0, interest: 1, substances: true, help_not_enough: true });
    expectStatus(res, 201);
    const flags = res.json<{ flags: { code: string; trigger: string | null }[] }>().flags;
    expect(flags).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'substance_concern', trigger: 'addiction_suspected' }),
      expect.objectContaining({ code: 'help_not_enough', trigger: 'concern_not_enough' }),
    ]));
    expect(flags.map((f) => f.code)).not.toContain('low_mood');
    const gc = await caseOf(caseId);
    expect(gc.signals.triggers).toEqual(expect.arrayContaining(['addiction_suspected', 'concern_not_enough']));
    // level 2 with two triggers: level 3 and a meeting are proposed
    expect(gc.signals.proposedLevel).toBe(3);
    expect(gc.signals.proposeMeeting).toBe(true);
  });

  it('an unknown question is 400 unknown_question on body.answers.<key>; nothing is stored', async () => {
    const { caseId } = await openCase(2);
    const res = await assess(caseId, 'first_assessment', { mood: 1, interest: 1, favourite_colour: 'blue' });
    expectFieldError(res, 'body.answers.favourite_colour', 'unknown_question');
    expect((await caseOf(caseId)).assessments).toEqual([]);
  });

  it('a wrong answer type is 400 invalid_answer on each such key; nothing is stored', async () => {
    const { caseId } = await openCase(2);
    const res = await assess(caseId, 'first_assessment', { mood: 'often', interest: 9, alone: 'yes', housing: 'castle', services_in_use: ['spaceship'] });
    expectStatus(res, 400);
    const f = fields(res);
    for (const key of ['mood', 'interest', 'alone', 'housing', 'services_in_use']) expect(f, key).toContain(`body.answers.${key}:invalid_answer`);
    expect((await caseOf(caseId)).assessments).toEqual([]);
  });

  it('a missing required answer is 400 required on body.answers.<key> (first_assessment and family); nothing is stored', async () => {
    const { caseId } = await openCase(2);
    const res = await assess(caseId, 'first_assessment', { mood: 1, alone: false });
    expectFieldError(res, 'body.answers.interest', 'required');
    expect(fields(res).some((x) => x.startsWith('body.answers.mood'))).toBe(false);
    const fam = await assess(caseId, 'family', { child_worry: true });
    expectFieldError(fam, 'body.answers.children', 'required');
    expect((await caseOf(caseId)).assessments).toEqual([]);
    const ok = await assess(caseId, 'family', { children: 'school', child_worry: true });
    expectStatus(ok, 201);
    expect(ok.json<{ flags: { code: string }[] }>().flags.map((x) => x.code)).toContain('child_concern');
  });

  it('a new battery version does not change answers given under the old one; the old one is superseded', async () => {
    const code = `sinetti_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const v1 = await post('/api/guidance/batteries', aBattery(code, [q('sleep', 'yes_no', { required: true }), q('note', 'text')]), 'esihenkilo');
    expectStatus(v1, 201);
    const b1 = v1.json<Battery>();
    expect(b1).toMatchObject({ code, version: 1, current: true, answered: 0 });
    const { caseId } = await openCase(2);
    const a1 = await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: b1.id, answers: { sleep: true, note: 'Nukkuu huonosti' } });
    expectStatus(a1, 201);

    const v2 = await post('/api/guidance/batteries', aBattery(code, [q('sleep_hours', 'scale', { required: true, scale: { min: 0, max: 10 } })]), 'esihenkilo');
    expectStatus(v2, 201);
    const b2 = v2.json<Battery>();
    expect(b2).toMatchObject({ code, version: 2, current: true });
    expect(b2.id).not.toBe(b1.id);

    const gc = await caseOf(caseId);
    expect(gc.assessments).toHaveLength(1);
    expect(gc.assessments[0]!.battery).toMatchObject({ id: b1.id, version: 1 });
    expect(gc.assessments[0]!.battery.questions.map((x) => x.key)).toEqual(['sleep', 'note']);
    expect(gc.assessments[0]!.answers).toEqual({ sleep: true, note: 'Nukkuu huonosti' });

    expectProblem(await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: b1.id, answers: { sleep: false } }), 409, 'battery_superseded');
    expect((await caseOf(caseId)).assessments).toHaveLength(1);
    expectStatus(await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: b2.id, answers: { sleep_hours: 5 } }), 201);

    const current = (await get('/api/guidance/batteries')).json<{ items: Battery[] }>().items.filter((x) => x.code === code);
    expect(current.map((x) => x.version)).toEqual([2]);
    const all = (await get('/api/guidance/batteries?all=true')).json<{ items: Battery[] }>().items.filter((x) => x.code === code);
    expect(all.map((x) => [x.version, x.current, x.answered]).sort()).toEqual([[1, false, 1], [2, true, 1]]);
    const old = await get(`/api/guidance/batteries/${b1.id}`);
    expectStatus(old, 200);
    expect(old.json<Battery>()).toMatchObject({ version: 1, current: false });
  });

  it('refuses an invalid battery with 400 naming body.questions.N.*; nothing is created', async () => {
    const code = `sinetti_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const badKey = await post('/api/guidance/batteries', aBattery(code, [q('ok_key', 'yes_no'), q('Bad Key!', 'yes_no')]), 'esihenkilo');
    expectFieldError(badKey, 'body.questions.1.key');
    const badKind = await post('/api/guidance/batteries', aBattery(code, [q('mood', 'essay')]), 'esihenkilo');
    expectFieldError(badKind, 'body.questions.0.kind');
    const noLabel = await post('/api/guidance/batteries', aBattery(code, [{ key: 'mood', kind: 'yes_no', label: { fi: 'Vain suomeksi' } }]), 'esihenkilo');
    expectStatus(noLabel, 400);
    expect(fields(noLabel).some((f) => f.startsWith('body.questions.0.label'))).toBe(true);
    const empty = await post('/api/guidance/batteries', aBattery(code, []), 'esihenkilo');
    expectFieldError(empty, 'body.questions');
    const all = (await get('/api/guidance/batteries?all=true')).json<{ items: Battery[] }>().items;
    expect(all.filter((x) => x.code === code)).toEqual([]);
  });

  it('ASSUMPTION: a battery with duplicate keys or a choice without options is refused with 400 on body.questions.N.*', async () => {
    const code = `sinetti_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const dup = await post('/api/guidance/batteries', aBattery(code, [q('same', 'yes_no'), q('same', 'text')]), 'esihenkilo');
    expectStatus(dup, 400);
    expect(fields(dup).some((f) => f.startsWith('body.questions.1')), JSON.stringify(fields(dup))).toBe(true);
    const noOptions = await post('/api/guidance/batteries', aBattery(code, [q('pick', 'choice')]), 'esihenkilo');
    expectStatus(noOptions, 400);
    expect(fields(noOptions).some((f) => f.startsWith('body.questions.0')), JSON.stringify(fields(noOptions))).toBe(true);
    const all = (await get('/api/guidance/batteries?all=true')).json<{ items: Battery[] }>().items;
    expect(all.filter((x) => x.code === code)).toEqual([]);
  });

  it('only a supervisor or an administrator may create a battery version', async () => {
    const code = `sinetti_${randomUUID().slice(0, 8).replace(/-/g, '')}`;
    const body = aBattery(code, [q('sleep', 'yes_no')]);
    expectStatus(await post('/api/guidance/batteries', body, 'ohjaaja'), 403);
    expectStatus(await post('/api/guidance/batteries', body, 'yksikko'), 403);
    expect((await get('/api/guidance/batteries?all=true')).json<{ items: Battery[] }>().items.filter((x) => x.code === code)).toEqual([]);
    const byAdmin = await post('/api/guidance/batteries', body, 'admin');
    expectStatus(byAdmin, 201);
    expect(byAdmin.json<Battery>()).toMatchObject({ code, version: 1 });
  });
});

// =====================================================================================
describe('the plan', () => {
  it('a plan without goals is 400 required on body.goals; nothing is stored', async () => {
    const { caseId } = await openCase(3);
    const res = await put(`/api/guidance/cases/${caseId}/plan`, { goals: [], steps: [{ text: 'Soitto Kelaan', owner: 'worker' }], agreedWithPerson: true });
    expectFieldError(res, 'body.goals', 'required');
    expect((await caseOf(caseId)).plan).toBeNull();
  });

  it('each saved plan is a new version; the case shows the newest', async () => {
    const { caseId } = await openCase(3);
    const v1 = await put(`/api/guidance/cases/${caseId}/plan`, {
      goals: [{ text: 'Haluan päästä taas töihin' }], steps: [{ text: 'Yhteys työllisyyspalveluihin', owner: 'worker', service: 'Työllisyyspalvelut', dueOn: '2026-11-30' }], agreedWithPerson: true,
    });
    expectStatus(v1, 200);
    expect(v1.json()).toEqual({ version: 1 });
    const v2 = await put(`/api/guidance/cases/${caseId}/plan`, {
      goals: [{ text: 'Haluan päästä taas töihin', status: 'open' }, { text: 'Laskut kuntoon' }],
      steps: [{ text: 'Kuntouttava työtoiminta alkaa', owner: 'network', service: 'Kuntouttava työtoiminta', done: false }], agreedWithPerson: true,
    });
    expectStatus(v2, 200);
    expect(v2.json()).toEqual({ version: 2 });
    const plan = (await caseOf(caseId)).plan;
    expect(plan).toMatchObject({ version: 2, agreedWithPerson: true });
    expect(plan!.goals).toEqual([{ text: 'Haluan päästä taas töihin', status: 'open' }, { text: 'Laskut kuntoon', status: 'open' }]);
    expect(plan!.steps).toEqual([{ text: 'Kuntouttava työtoiminta alkaa', owner: 'network', service: 'Kuntouttava työtoiminta', dueOn: null, done: false }]);
  });
});

// =====================================================================================
describe('follow-ups', () => {
  it('a date in the past is 400 date_in_past on body.dueOn, one far ahead date_too_far; nothing is stored', async () => {
    const { caseId } = await openCase(2);
    const past = await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-22', purpose: 'Soitto' });
    expectFieldError(past, 'body.dueOn', 'date_in_past');
    // ASSUMPTION: five years ahead is beyond any follow-up horizon
    const far = await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2031-11-24', purpose: 'Soitto' });
    expectFieldError(far, 'body.dueOn', 'date_too_far');
    const gc = await caseOf(caseId);
    expect(gc.followUps).toEqual([]);
    expect(gc.nextFollowUp).toBeNull();
  });

  it('today is accepted; it is in the assignee\'s list of today and nobody else\'s', async () => {
    const worker = await newWorker('Tuula');
    const other = await newWorker('Taisto');
    const { caseId } = await openCase(2);
    const id = await followUp(caseId, TODAY, { assignedUserId: await idOf(worker) });
    const mine = await get('/api/guidance/follow-ups?mine=true&due=today', worker);
    expectStatus(mine, 200);
    const list = mine.json<{ items: FollowUp[]; total: number; today: string }>();
    expect(list.today).toBe(TODAY);
    expect(list.items.map((x) => x.id)).toEqual([id]);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ caseId, kind: 'follow_up', dueOn: TODAY, overdue: false, doneAt: null, assignedTo: { id: await idOf(worker) } });
    const theirs = await get('/api/guidance/follow-ups?mine=true&due=today', other);
    expectStatus(theirs, 200);
    expect(theirs.json<{ items: FollowUp[] }>().items).toEqual([]);
    expect((await get('/api/guidance/follow-ups?mine=true&due=upcoming', worker)).json<{ items: FollowUp[] }>().items).toEqual([]);
    expect((await caseOf(caseId)).nextFollowUp).toBe(TODAY);
  });

  it('done on time counts as on time; it leaves the list; done twice is 409 follow_up_done', async () => {
    const worker = await newWorker('Outi');
    const { caseId } = await openCase(2);
    const id = await followUp(caseId, TODAY, { assignedUserId: await idOf(worker) });
    const done = await post(`/api/guidance/follow-ups/${id}/done`, { result: 'reached', note: 'Kuulumiset hyvät, kävi Kelassa.' }, worker);
    expectStatus(done, 200);
    expect(done.json()).toEqual({ id, nextOutreach: null });
    const fu = (await caseOf(caseId)).followUps.find((x) => x.id === id);
    expect(fu).toMatchObject({ result: 'reached', doneOnTime: true, note: 'Kuulumiset hyvät, kävi Kelassa.' });
    expect(fu!.doneAt).not.toBeNull();
    expect((await get('/api/guidance/follow-ups?mine=true&due=all', worker)).json<{ items: FollowUp[] }>().items).toEqual([]);
    expectProblem(await post(`/api/guidance/follow-ups/${id}/done`, { result: 'reached' }, worker), 409, 'follow_up_done');
    expectProblem(await post(`/api/guidance/follow-ups/${id}/done`, { result: 'not_reached' }, worker), 409, 'follow_up_done');
  });

  it('not reached on a Friday books the next outreach on Tuesday for the responsible worker', async () => {
    const worker = await newWorker('Veikko');
    const { caseId } = await openCase(3, { responsibleUserId: await idOf(worker) });
    const id = await followUp(caseId, '2026-11-27');
    const done = await at('2026-11-27T10:00:00+02:00', () => post(`/api/guidance/follow-ups/${id}/done`, { result: 'not_reached' }, worker));
    expectStatus(done, 200);
    const body = done.json<{ id: string; nextOutreach: { id: string; dueOn: string } | null }>();
    expect(body.id).toBe(id);
    expect(body.nextOutreach?.dueOn).toBe('2026-12-01');
    const outreach = (await caseOf(caseId)).followUps.find((x) => x.id === body.nextOutreach!.id);
    expect(outreach).toMatchObject({ kind: 'outreach', dueOn: '2026-12-01', assignedTo: { id: await idOf(worker) }, doneAt: null });
    expect((await caseOf(caseId)).followUps.find((x) => x.id === id)).toMatchObject({ result: 'not_reached' });
    // the case has gone silent
    expect((await at('2026-11-27T10:05:00+02:00', () => caseList('attention=silent'))).map((x) => x.id)).toContain(caseId);
  });

  it('not reached on 23 December skips Christmas Eve, Christmas and the weekend: outreach on 29 December', async () => {
    const { caseId } = await openCase(3);
    const id = await followUp(caseId, '2026-12-23');
    const done = await at('2026-12-23T10:00:00+02:00', () => post(`/api/guidance/follow-ups/${id}/done`, { result: 'not_reached' }));
    expectStatus(done, 200);
    expect(done.json<{ nextOutreach: { dueOn: string } | null }>().nextOutreach?.dueOn).toBe('2026-12-29');
  });

  it('two follow-ups not reached raise missed_appointments', async () => {
    const { caseId } = await openCase(3);
    const a = await followUp(caseId, TODAY);
    const b = await followUp(caseId, TODAY, { purpose: 'Toinen yritys' });
    expect((await caseOf(caseId)).signals.triggers).not.toContain('missed_appointments');
    expectStatus(await post(`/api/guidance/follow-ups/${a}/done`, { result: 'not_reached' }), 200);
    expectStatus(await post(`/api/guidance/follow-ups/${b}/done`, { result: 'not_reached' }), 200);
    const gc = await caseOf(caseId);
    expect(gc.signals.triggers).toContain('missed_appointments');
    expect(gc.signals.proposeMeeting).toBe(true);
  });
});

// =====================================================================================
describe('the supervisor', () => {
  it('sees an overdue follow-up in the overview and in cases?attention=overdue', async () => {
    const tuesday = '2026-11-24T10:00:00+02:00';
    const before = await at(tuesday, () => overview());
    const { caseId } = await openCase(2);
    const id = await followUp(caseId, TODAY);
    const after = await at(tuesday, () => overview());
    expect(after.overdueFollowUps).toBe(before.overdueFollowUps + 1);
    const listed = await at(tuesday, () => caseList('attention=overdue'));
    expect(listed.find((x) => x.id === caseId)).toMatchObject({ overdueFollowUps: 1, nextFollowUp: TODAY });
    const overdue = await at(tuesday, async () => (await get('/api/guidance/follow-ups?due=overdue&limit=200', 'esihenkilo')).json<{ items: FollowUp[] }>().items);
    expect(overdue.find((x) => x.id === id)).toMatchObject({ overdue: true, dueOn: TODAY });
    // on its own day it is not overdue
    expect((await caseList('attention=overdue')).map((x) => x.id)).not.toContain(caseId);
  });

  it('no_next_step lists an open case with nothing booked, until something is', async () => {
    const { caseId } = await openCase(2);
    const o1 = await overview();
    expect((await caseList('attention=no_next_step')).find((x) => x.id === caseId)).toMatchObject({ nextFollowUp: null, status: 'open' });
    await followUp(caseId, '2026-11-26');
    expect((await caseList('attention=no_next_step')).map((x) => x.id)).not.toContain(caseId);
    expect((await overview()).noNextStep).toBe(o1.noNextStep - 1);
  });

  it('a guidance worker gets 403 on the overview; a unit worker cannot list cases', async () => {
    expectStatus(await get('/api/guidance/overview', 'ohjaaja'), 403);
    expectStatus(await get('/api/guidance/overview', 'yksikko'), 403);
    expectStatus(await get('/api/guidance/cases', 'yksikko'), 403);
    expectStatus(await get('/api/guidance/overview', 'esihenkilo'), 200);
  });
});

// =====================================================================================
describe('level 3: meetings, outreach, anchoring and closing', () => {
  it('a trigger at level 3 proposes a meeting; it is recorded with participants and decisions, once; a cancelled one cannot be recorded', async () => {
    const c = await newContact(newPerson('Jaska Sinetti'));
    expectStatus(await send('PATCH', `/api/contacts/${c.id}`, { triggers: ['unclear_problem'] }), 200);
    const { caseId } = await raised(c.id, { level: 3, consent: CONSENT });
    const proposed = await caseOf(caseId);
    expect(proposed.signals.proposeMeeting).toBe(true);
    expect((await caseList('attention=meeting')).map((x) => x.id)).toContain(caseId);

    const participants = [{ name: 'Tero Työ', organisation: 'Työllisyyspalvelut', role: 'työvalmentaja' }];
    const m = await post(`/api/guidance/cases/${caseId}/meetings`, { reasons: ['unclear_problem'], plannedOn: '2026-11-30', participants });
    expectStatus(m, 201);
    const meetingId = m.json<{ id: string }>().id;
    const planned = await caseOf(caseId);
    expect(planned.meetings).toHaveLength(1);
    expect(planned.meetings[0]).toMatchObject({ id: meetingId, status: 'proposed', reasons: ['unclear_problem'], plannedOn: '2026-11-30' });
    expect(planned.signals.proposeMeeting).toBe(false);

    const held = [...participants, { name: 'Jaska', organisation: 'Asiakas' }, { name: 'Olli Ohjaaja', organisation: 'Asiakasohjaus', role: 'vastuutyöntekijä' }];
    const rec = await at('2026-11-30T13:00:00+02:00', () => post(`/api/guidance/meetings/${meetingId}/record`, { heldOn: '2026-11-30', participants: held, decisions: 'Työkyvyn arvio terveysasemalla; kuntouttava työtoiminta alkaa tammikuussa.' }));
    expectStatus(rec, 200);
    expect(rec.json()).toEqual({ ok: true });
    const after = await caseOf(caseId);
    expect(after.meetings[0]).toMatchObject({ status: 'held', heldOn: '2026-11-30', decisions: 'Työkyvyn arvio terveysasemalla; kuntouttava työtoiminta alkaa tammikuussa.' });
    expect(after.meetings[0]!.participants).toEqual([
      { name: 'Tero Työ', organisation: 'Työllisyyspalvelut', role: 'työvalmentaja' },
      { name: 'Jaska', organisation: 'Asiakas', role: null },
      { name: 'Olli Ohjaaja', organisation: 'Asiakasohjaus', role: 'vastuutyöntekijä' },
    ]);
    expect(after.signals.proposeMeeting).toBe(false);
    expectProblem(await post(`/api/guidance/meetings/${meetingId}/record`, { heldOn: TODAY, participants: held, decisions: 'Uudelleen' }), 409, 'meeting_not_open');
    expectProblem(await post(`/api/guidance/meetings/${meetingId}/cancel`, undefined), 409, 'meeting_not_open');
    // a record without participants is 400; a cancelled meeting cannot be recorded
    const m2 = await post(`/api/guidance/cases/${caseId}/meetings`, { reasons: ['repeated_contacts'], participants: [] });
    expectStatus(m2, 201);
    const id2 = m2.json<{ id: string }>().id;
    expectFieldError(await post(`/api/guidance/meetings/${id2}/record`, { heldOn: TODAY, participants: [], decisions: 'x' }), 'body.participants');
    expectStatus(await post(`/api/guidance/meetings/${id2}/cancel`, undefined), 200);
    expect((await caseOf(caseId)).meetings.find((x) => x.id === id2)).toMatchObject({ status: 'cancelled' });
    expectProblem(await post(`/api/guidance/meetings/${id2}/record`, { heldOn: TODAY, participants: [{ name: 'A', organisation: 'B' }], decisions: 'x' }), 409, 'meeting_not_open');
  });

  it('closing as not reached needs three outreach attempts since the person was last reached: 409 outreach_incomplete before, 200 after', async () => {
    const { caseId } = await openCase(3);
    // reaching the person starts the count again
    expectStatus(await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'no_answer' }), 201);
    const reached = await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'reached' });
    expectStatus(reached, 201);
    expect(reached.json<{ attemptsSinceReached: number }>().attemptsSinceReached).toBe(0);
    expectProblem(await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached' }), 409, 'outreach_incomplete');
    const counts: number[] = [];
    for (const method of ['phone', 'letter']) {
      const r = await post(`/api/guidance/cases/${caseId}/outreach`, { method, result: 'no_answer' });
      expectStatus(r, 201);
      counts.push(r.json<{ attemptsSinceReached: number }>().attemptsSinceReached);
    }
    expect(counts).toEqual([1, 2]);
    expectProblem(await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached' }), 409, 'outreach_incomplete');
    expect((await caseOf(caseId)).status).toBe('open');
    const third = await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'home_visit', result: 'no_answer', note: 'Ei avannut ovea' });
    expectStatus(third, 201);
    expect(third.json<{ attemptsSinceReached: number }>().attemptsSinceReached).toBe(3);
    const gc = await caseOf(caseId);
    expect(gc.attemptsSinceReached).toBe(3);
    expect(gc.outreach.map((o) => `${o.method}:${o.result}`).sort()).toEqual(['home_visit:no_answer', 'letter:no_answer', 'phone:no_answer', 'phone:no_answer', 'phone:reached']);
    const close = await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached', note: 'Kolme yritystä' });
    expectStatus(close, 200);
    expect(await caseOf(caseId)).toMatchObject({ status: 'closed', outcome: 'not_reached' });
  });

  it('anchored before /anchored is 409 not_anchored; after anchoring it closes, and a closed case refuses more work', async () => {
    const { caseId } = await openCase(3);
    expectProblem(await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'anchored' }), 409, 'not_anchored');
    expect((await caseOf(caseId)).status).toBe('open');
    const anchored = await post(`/api/guidance/cases/${caseId}/anchored`, { service: 'Kuntouttava työtoiminta', startedOn: TODAY });
    expectStatus(anchored, 200);
    expect(anchored.json()).toEqual({ ok: true });
    expect(await caseOf(caseId)).toMatchObject({ anchoredOn: TODAY, anchoredService: 'Kuntouttava työtoiminta', status: 'open' });
    const close = await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'anchored', note: 'Ankkuroitunut palveluun' });
    expectStatus(close, 200);
    const gc = await caseOf(caseId);
    expect(gc).toMatchObject({ status: 'closed', outcome: 'anchored', closeNote: 'Ankkuroitunut palveluun' });
    expect(gc.closedAt).not.toBeNull();
    expectProblem(await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-30', purpose: 'Vielä yksi soitto' }), 409, 'case_closed');
    expectProblem(await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'no_answer' }), 409, 'case_closed');
    expectProblem(await post(`/api/guidance/cases/${caseId}/meetings`, { reasons: ['unclear_problem'] }), 409, 'case_closed');
    expectProblem(await post(`/api/guidance/cases/${caseId}/anchored`, { service: 'Muu', startedOn: TODAY }), 409, 'case_closed');
    expectProblem(await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'no_longer_needed' }), 409, 'case_closed');
    expectProblem(await post(`/api/guidance/cases/${caseId}/level`, { level: 2 }), 409, 'case_closed');
    expect((await caseOf(caseId)).followUps).toEqual([]);
  });
});

// =====================================================================================
describe('the person page', () => {
  it('lists the person\'s contacts, cases, open follow-ups and referrals, and logs every read', async () => {
    const p = newPerson('Jusa-Petteri Sivu');
    const earlier = await newContact(p, { receivedAt: daysBefore(21) });
    const { contactId, caseId } = await (async () => {
      const c = await newContact(p);
      const r = await raised(c.id, { level: 2, consent: CONSENT });
      return { contactId: c.id, caseId: r.caseId };
    })();
    const fu = await followUp(caseId, '2026-11-30');
    const consent = await post(`/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
    expectStatus(consent, 200);
    const ref = await post(`/api/contacts/${contactId}/referrals`, {
      kind: 'referral_for_assessment', assessment: 'pta', unit: 'adult_social_work', consentId: consent.json<{ id: string }>().id, shareResidentMessage: false,
      summary: 'Mieliala matala, yksinäisyys: palvelutarpeen arviointi.', needs: ['mental_health'], urgency: 'non_urgent',
    });
    expectStatus(ref, 201);
    const referralId = ref.json<{ id: string }>().id;
    const stranger = await newContact(newPerson('Vieras'));

    const logged = async () => Number((await sql<{ n: string }>`select count(*) as n from access_log where purpose = 'person_page'`.execute(t.database.db)).rows[0]!.n);
    const n0 = await logged();
    const res = await get(`/api/contacts/${contactId}/person`);
    expectStatus(res, 200);
    const page = res.json<PersonPage>();
    expect(page.matchedBy).toBe('hetu');
    expect(page.person).toMatchObject({ name: p.name, hetu: p.hetu });
    const contacts = new Map(page.contacts.map((c) => [c.id, c.level]));
    expect(contacts.get(earlier.id)).toBe(1);
    expect(contacts.get(contactId)).toBe(2);
    expect(contacts.has(stranger.id)).toBe(false);
    expect(page.cases.map((c) => c.id)).toEqual([caseId]);
    expect(page.openFollowUps.map((f) => f.id)).toEqual([fu]);
    expect(page.referrals.find((r) => r.id === referralId)).toMatchObject({ contactId, status: 'requested' });
    expect(await logged()).toBe(n0 + 1);
    const row = (await sql<{ actor: string | null; action: string }>`select actor_user_id::text as actor, action from access_log where purpose = 'person_page' order by seq desc limit 1`.execute(t.database.db)).rows[0]!;
    expect(row).toEqual({ actor: await idOf('ohjaaja'), action: 'read' });

    // from the earlier contact, by another worker: the same person, logged again
    const other = await get(`/api/contacts/${earlier.id}/person`, 'esihenkilo');
    expectStatus(other, 200);
    expect(other.json<PersonPage>().contacts.map((c) => c.id)).toEqual(expect.arrayContaining([earlier.id, contactId]));
    expect(await logged()).toBe(n0 + 2);
    // and the first worker reading it again later (past any viewing session) is logged again
    const later = await at('2026-11-23T11:00:00+02:00', () => get(`/api/contacts/${contactId}/person`));
    expectStatus(later, 200);
    expect(await logged()).toBe(n0 + 3);
  });

  it('a unit worker gets 403; an anonymous contact is 404 not_identified; nothing is logged', async () => {
    const c = await newContact(newPerson());
    const logged = async () => Number((await sql<{ n: string }>`select count(*) as n from access_log where purpose = 'person_page'`.execute(t.database.db)).rows[0]!.n);
    const n0 = await logged();
    expectStatus(await get(`/api/contacts/${c.id}/person`, 'yksikko'), 403);
    expectStatus(await get(`/api/contacts/${c.id}/person`, 'admin'), 403);
    const anon = await newContact(null);
    expectProblem(await get(`/api/contacts/${anon.id}/person`), 404, 'not_identified');
    expect(await logged()).toBe(n0);
  });
});

// =====================================================================================
describe('statistics', () => {
  it('the monthly figures count contacts by level, follow-ups on time, people anchored and meetings held', async () => {
    const read = async () => {
      const res = await get('/api/statistics/monthly?month=2026-11', 'esihenkilo');
      expectStatus(res, 200);
      const g = res.json<{ guidance?: GuidanceFigures }>().guidance;
      expect(g).toBeDefined();
      return g!;
    };
    const before = await read();
    await newContact(newPerson('Taso Yksi'));
    await openCase(2);
    const { caseId } = await openCase(3);
    const fu = await followUp(caseId, TODAY);
    expectStatus(await post(`/api/guidance/follow-ups/${fu}/done`, { result: 'reached' }), 200);
    const m = await post(`/api/guidance/cases/${caseId}/meetings`, { reasons: ['unclear_problem'], participants: [] });
    expectStatus(m, 201);
    expectStatus(await post(`/api/guidance/meetings/${m.json<{ id: string }>().id}/record`, { heldOn: TODAY, participants: [{ name: 'Tero Työ', organisation: 'Työllisyyspalvelut' }], decisions: 'Työkokeilu' }), 200);
    expectStatus(await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'reached' }), 201);
    expectStatus(await post(`/api/guidance/cases/${caseId}/anchored`, { service: 'Kuntouttava työtoiminta', startedOn: TODAY }), 200);
    const after = await read();
    expect(after.contactsByLevel).toEqual({ level1: before.contactsByLevel.level1 + 1, level2: before.contactsByLevel.level2 + 1, level3: before.contactsByLevel.level3 + 1 });
    expect(after.followUps.onTime).toBe(before.followUps.onTime + 1);
    expect(after.followUps.due).toBe(before.followUps.due + 1);
    expect(after.anchored).toBe(before.anchored + 1);
    expect(after.meetingsHeld).toBe(before.meetingsHeld + 1);
    // (the contract does not say whether a follow-up done also counts as an outreach attempt: at least the logged one)
    expect(after.outreachAttempts).toBeGreaterThanOrEqual(before.outreachAttempts + 1);
    expect(after.casesOpened).toEqual({ level2: before.casesOpened.level2 + 1, level3: before.casesOpened.level3 + 1 });
  });
});

// =====================================================================================
describe('bad input is a clear 4xx, never a 500', () => {
  it('wrong types in the body and the query are 400 naming the field; nothing is stored', async () => {
    const { caseId, contactId } = await openCase(3);
    expectFieldError(await raise(contactId, { level: 'three' }), 'body.level');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: 20261130, purpose: 'Soitto' }), 'body.dueOn');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-02-30', purpose: 'Soitto' }), 'body.dueOn');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-30', purpose: ['Soitto'] }), 'body.purpose');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'carrier_pigeon', result: 'no_answer' }), 'body.method');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'vanished' }), 'body.outcome');
    expectFieldError(await put(`/api/guidance/cases/${caseId}/plan`, { goals: 'töihin', agreedWithPerson: 'yes' }), 'body.goals');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: 42, answers: [] }), 'body.batteryId');
    expectFieldError(await post(`/api/guidance/cases/${caseId}/meetings`, { reasons: [] }), 'body.reasons');
    const gc = await caseOf(caseId);
    expect(gc.followUps).toEqual([]);
    expect(gc.outreach).toEqual([]);
    expect(gc.plan).toBeNull();
    expect(gc.meetings).toEqual([]);
    expect(gc.status).toBe('open');
    // and in the query string
    expectFieldError(await get('/api/guidance/cases?attention=everything', 'esihenkilo'), 'querystring.attention');
    expectFieldError(await get('/api/guidance/cases?level=9', 'esihenkilo'), 'querystring.level');
    expectFieldError(await get('/api/guidance/cases?limit=lots', 'esihenkilo'), 'querystring.limit');
    expectFieldError(await get('/api/guidance/follow-ups?due=yesterday'), 'querystring.due');
    expectFieldError(await get('/api/guidance/follow-ups?offset=-1'), 'querystring.offset');
  });

  it('huge strings and NUL bytes are refused with 400, and nothing is stored', async () => {
    const { caseId, contactId } = await openCase(3);
    const huge = 'x'.repeat(100_000);
    expectFieldError(await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-30', purpose: huge }), 'body.purpose');
    expectStatus(await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-30', purpose: 'Soitto\u0000' }), 400);
    expectStatus(await put(`/api/guidance/cases/${caseId}/plan`, { goals: [{ text: 'Töihin\u0000' }], steps: [], agreedWithPerson: true }), 400);
    expectStatus(await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: (await currentBattery('first_assessment')).id, answers: { mood: 1, interest: 1, own_words: 'Apua\u0000' } }), 400);
    expectStatus(await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'no_longer_needed', note: huge }), 400);
    expectStatus(await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'no_answer', note: 'soitto\u0000' }), 400);
    const c2 = await newContact(newPerson());
    expectFieldError(await raise(c2.id, { level: 2, consent: CONSENT, reason: huge }), 'body.reason');
    expectStatus(await raise(c2.id, { level: 2, consent: CONSENT, reason: 'syy\u0000' }), 400);
    expect(await guidanceOf(c2.id)).toMatchObject({ level: 1, caseId: null });
    const gc = await caseOf(caseId);
    expect(gc).toMatchObject({ status: 'open', plan: null, followUps: [], assessments: [], outreach: [] });
    expect((await contactView(contactId)).guidanceLevel).toBe(3);
    const badJson = await t.app.inject({ method: 'POST', url: `/api/guidance/cases/${caseId}/follow-ups`, headers: { ...(await as('ohjaaja')).headers, 'content-type': 'application/json' }, payload: '{"dueOn": "2026-11-30", "purpose": ' });
    expectStatus(badJson, 400);
  });

  it('unknown ids are 404 (also an unknown battery); no CSRF token 403, no session 401', async () => {
    const id = randomUUID();
    expectStatus(await get(`/api/guidance/cases/${id}`), 404);
    expectStatus(await get(`/api/contacts/${id}/guidance`), 404);
    expectStatus(await get(`/api/contacts/${id}/person`), 404);
    expectStatus(await get(`/api/guidance/batteries/${id}`), 404);
    expectStatus(await raise(id, { level: 2, consent: CONSENT }), 404);
    expectStatus(await post(`/api/guidance/cases/${id}/level`, { level: 3 }), 404);
    expectStatus(await post(`/api/guidance/cases/${id}/follow-ups`, { dueOn: '2026-11-30', purpose: 'Soitto' }), 404);
    expectStatus(await post(`/api/guidance/follow-ups/${id}/done`, { result: 'reached' }), 404);
    expectStatus(await post(`/api/guidance/cases/${id}/outreach`, { method: 'phone', result: 'no_answer' }), 404);
    expectStatus(await post(`/api/guidance/meetings/${id}/record`, { heldOn: TODAY, participants: [{ name: 'A', organisation: 'B' }], decisions: 'x' }), 404);
    expectStatus(await post(`/api/guidance/meetings/${id}/cancel`, undefined), 404);
    expectStatus(await put(`/api/guidance/cases/${id}/plan`, { goals: [{ text: 'x' }], steps: [], agreedWithPerson: true }), 404);
    expectStatus(await post(`/api/guidance/cases/${id}/close`, { outcome: 'no_longer_needed' }), 404);
    // an unknown battery on a real case: 404, nothing stored
    const { caseId } = await openCase(2);
    expectStatus(await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: randomUUID(), answers: { mood: 1, interest: 1 } }), 404);
    expect((await caseOf(caseId)).assessments).toEqual([]);
    // without the CSRF token or a session
    const s = await as('ohjaaja');
    expectStatus(await t.app.inject({ method: 'POST', url: `/api/guidance/cases/${caseId}/follow-ups`, headers: { cookie: s.cookie }, payload: { dueOn: '2026-11-30', purpose: 'Soitto' } }), 403);
    expectStatus(await t.app.inject({ url: `/api/guidance/cases/${caseId}` }), 401);
    expect((await caseOf(caseId)).followUps).toEqual([]);
  });

  it('malformed ids are 400, never 404 or 500', async () => {
    for (const bad of ['not-a-uuid', '123', '%00', `${randomUUID()}x`]) {
      expectStatus(await get(`/api/guidance/cases/${bad}`), 400);
      expectStatus(await get(`/api/contacts/${bad}/guidance`), 400);
      expectStatus(await get(`/api/contacts/${bad}/person`), 400);
      expectStatus(await get(`/api/guidance/batteries/${bad}`), 400);
      expectStatus(await post(`/api/guidance/follow-ups/${bad}/done`, { result: 'reached' }), 400);
      expectStatus(await raise(bad, { level: 2, consent: CONSENT }), 400);
    }
  });
});
