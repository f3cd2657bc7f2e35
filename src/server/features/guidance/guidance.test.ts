/**
 * Guidance levels 2–3 (issue 17), training side: the lead's own tests of the flows, written with
 * the implementation. The sealed set, written from the contract only, is guidance.sealed.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { runRetention } from '../records/public.js';

let t: TestApp;
type H = Record<string, string>;
let worker: H;
let supervisor: H;
let unit: H;
let admin: H;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  worker = (await login(t.app, 'ohjaaja')).headers;
  supervisor = (await login(t.app, 'esihenkilo')).headers;
  unit = (await login(t.app, 'yksikko')).headers;
  admin = (await login(t.app, 'admin')).headers;
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, headers: H = worker) => t.app.inject({ method: 'POST', url, payload: payload as object, headers });
const put = (url: string, payload: unknown, headers: H = worker) => t.app.inject({ method: 'PUT', url, payload: payload as object, headers });
const get = (url: string, headers: H = worker) => t.app.inject({ url, headers });
let serial = 100;
const person = (name: string) => ({ name, hetu: formatHetu('1998-05-02', serial++) });

async function contact(p: { name: string; hetu: string } | null, extra: Record<string, unknown> = {}) {
  const r = await post('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: p === null, mainReason: 'service_system_info', serviceArea: 'working_age', ...(p ? { person: p } : {}), ...extra,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}
const consent = { givenBy: 'client', method: 'verbal' };
const day = (d: string) => new Date(`${d}T10:00:00+02:00`).toISOString();

describe('levels', () => {
  it('Jusa-Petteri: the third contact in two months proposes level 2; raising opens a case; the next contact joins it', async () => {
    const jp = person('Jusa-Petteri Virtanen');
    await contact(jp, { receivedAt: day('2026-09-30') });
    const second = await contact(jp, { receivedAt: day('2026-10-20') });
    expect((await get(`/api/contacts/${second}/guidance`)).json().signals).toMatchObject({ proposedLevel: null, contactsInWindow: 2 });
    const third = await contact(jp);
    const g = (await get(`/api/contacts/${third}/guidance`)).json();
    expect(g).toMatchObject({ level: 1, caseId: null, identified: true, recordingConsent: false, signals: { triggers: ['repeated_contacts'], proposedLevel: 2, contactsInWindow: 3 } });
    // the person must know: no consent, no case
    const refused = await post(`/api/contacts/${third}/level`, { level: 2 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('consent_required');
    expect((await get(`/api/contacts/${third}`)).json().guidanceLevel).toBe(1);
    const raised = await post(`/api/contacts/${third}/level`, { level: 2, reason: 'Kolmas epämääräinen yhteydenotto', consent });
    expect(raised.statusCode, raised.body).toBe(200);
    expect(raised.json()).toMatchObject({ level: 2, joined: false });
    const view = (await get(`/api/contacts/${third}`)).json();
    expect([view.guidanceLevel, view.guidanceCaseId]).toEqual([2, raised.json().caseId]);
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toContain('level_changed');
    const queue = (await get('/api/contacts?limit=200')).json();
    expect(queue.items.find((i: { id: string }) => i.id === third).guidanceLevel).toBe(2);
    const again = await post(`/api/contacts/${third}/level`, { level: 2 });
    expect(again.json().code).toBe('level_unchanged');
    // a fourth contact of the same person joins the open case
    const fourth = await contact(jp);
    expect((await get(`/api/contacts/${fourth}/guidance`)).json().personOpenCase.id).toBe(raised.json().caseId);
    const joined = await post(`/api/contacts/${fourth}/level`, { level: 2, consent });
    expect(joined.json()).toMatchObject({ level: 2, caseId: raised.json().caseId, joined: true });
    const c = (await get(`/api/guidance/cases/${raised.json().caseId}`)).json();
    expect(c.contacts.map((x: { id: string }) => x.id)).toEqual([third, fourth]);
    expect(c.levels).toEqual([expect.objectContaining({ from: 1, to: 2, reason: 'Kolmas epämääräinen yhteydenotto' }), expect.objectContaining({ from: 1, to: 2 })]);
  });

  it('an anonymous contact stays at level 1: 409, nothing stored; the database refuses it too', async () => {
    const id = await contact(null);
    const r = await post(`/api/contacts/${id}/level`, { level: 2, consent });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('not_identified');
    expect((await get(`/api/contacts/${id}`)).json().guidanceLevel).toBe(1);
    expect(await t.database.db.selectFrom('guidance_case').select('id').where('contact_id', '=', id).execute()).toEqual([]);
    await expect(t.database.db.updateTable('contact').set({ guidance_level: 2 }).where('id', '=', id).execute()).rejects.toThrow(/contact_anonymous_level_one/);
    await expect(t.database.db.insertInto('guidance_case').values({ county_id: (await t.database.db.selectFrom('contact').select('county_id').where('id', '=', id).executeTakeFirstOrThrow()).county_id, contact_id: id, level: 2, opened_at: new Date() }).execute()).rejects.toThrow(/identified person/);
  });

  it('only guidance workers and supervisors see guidance; unit workers get 403', async () => {
    const id = await contact(person('Rooli Testi'));
    expect((await get(`/api/contacts/${id}/guidance`, unit)).statusCode).toBe(403);
    expect((await get(`/api/contacts/${id}/person`, unit)).statusCode).toBe(403);
    expect((await get('/api/guidance/overview', worker)).statusCode).toBe(403);
    expect((await get('/api/guidance/overview', supervisor)).statusCode).toBe(200);
  });
});

describe('the five steps', () => {
  async function level2(name: string) {
    const id = await contact(person(name));
    const r = await post(`/api/contacts/${id}/level`, { level: 2, consent });
    expect(r.statusCode, r.body).toBe(200);
    return { contactId: id, caseId: r.json().caseId as string };
  }
  const battery = async (code: string) => (await get('/api/guidance/batteries')).json().items.find((b: { code: string }) => b.code === code);

  it('the first assessment stores answers under its battery and surfaces low mood and isolation', async () => {
    const { caseId } = await level2('Arvio Ensimmäinen');
    const b = await battery('first_assessment');
    expect(b).toMatchObject({ version: 1, area: 'general', current: true });
    const bad = await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: b.id, answers: { mood: 9, nosuch: true } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]).sort()).toEqual([
      ['body.answers.interest', 'required'], ['body.answers.mood', 'invalid_answer'], ['body.answers.nosuch', 'unknown_question'],
    ]);
    const r = await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: b.id, answers: { mood: 3, interest: 2, alone: true, substances: false, services_in_use: ['none'], own_words: 'Haluaisin että joku kysyisi miten menee.' } });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().flags.map((f: { code: string }) => f.code)).toEqual(['low_mood', 'isolation']);
    const c = (await get(`/api/guidance/cases/${caseId}`)).json();
    expect(c.assessments[0].answers).toEqual({ mood: 3, interest: 2, alone: true, substances: false, services_in_use: ['none'], own_words: 'Haluaisin että joku kysyisi miten menee.' });
  });

  it('a new battery version does not change answers given under the old one', async () => {
    const { caseId } = await level2('Versio Vanha');
    const fam = await battery('family');
    expect((await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: fam.id, answers: { children: 'school', child_worry: true } })).statusCode).toBe(201);
    const questions = [...fam.questions, { key: 'housework', kind: 'yes_no', label: { fi: 'Kotityöt', sv: 'Hushållsarbete', en: 'Housework' }, required: false }];
    questions[0] = { ...questions[0], label: { fi: 'UUSI', sv: 'NY', en: 'NEW' } };
    expect((await post('/api/guidance/batteries', { code: 'family', area: 'family', title: fam.title, questions }, worker)).statusCode).toBe(403);
    const v2 = await post('/api/guidance/batteries', { code: 'family', area: 'family', title: fam.title, questions }, admin);
    expect(v2.statusCode, v2.body).toBe(201);
    expect(v2.json()).toMatchObject({ code: 'family', version: 2, current: true });
    const c = (await get(`/api/guidance/cases/${caseId}`)).json();
    expect(c.assessments[0].battery).toMatchObject({ id: fam.id, version: 1 });
    expect(c.assessments[0].battery.questions[0].label.fi).toBe(fam.questions[0].label.fi);
    expect(c.assessments[0].answers).toEqual({ children: 'school', child_worry: true });
    const stale = await post(`/api/guidance/cases/${caseId}/assessments`, { batteryId: fam.id, answers: { children: 'none' } });
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'battery_superseded']);
    const all = (await get('/api/guidance/batteries?all=true')).json().items.filter((b: { code: string }) => b.code === 'family');
    expect(all.map((b: { version: number; current: boolean; answered: number }) => [b.version, b.current, b.answered])).toEqual([[2, true, 0], [1, false, 1]]);
    // the database refuses changing a published version
    await expect(t.database.db.updateTable('question_battery').set({ questions: '[]' }).where('id', '=', fam.id).execute()).rejects.toThrow(/make a new version/);
    const broken = await post('/api/guidance/batteries', { code: 'x', area: 'general', title: fam.title, questions: [{ key: 'a', kind: 'choice', label: fam.title, required: false, options: [] }] }, admin);
    expect([broken.statusCode, broken.json().errors[0].field]).toEqual([400, 'body.questions.0.options']);
  });

  it('goals in the person\'s words; a plan without goals is refused and nothing stored', async () => {
    const { caseId } = await level2('Suunnitelma Ilman');
    const none = await put(`/api/guidance/cases/${caseId}/plan`, { goals: [], steps: [{ text: 'x', owner: 'worker' }], agreedWithPerson: true });
    expect([none.statusCode, none.json().errors[0].field]).toEqual([400, 'body.goals']);
    expect((await get(`/api/guidance/cases/${caseId}`)).json().plan).toBeNull();
    expect((await put(`/api/guidance/cases/${caseId}/plan`, { goals: [{ text: 'Haluan päästä taas ihmisten pariin' }], agreedWithPerson: true })).json()).toEqual({ version: 1 });
    expect((await put(`/api/guidance/cases/${caseId}/plan`, { goals: [{ text: 'Haluan päästä taas ihmisten pariin', status: 'achieved' }], agreedWithPerson: true })).json()).toEqual({ version: 2 });
    expect((await get(`/api/guidance/cases/${caseId}`)).json().plan.goals).toEqual([{ text: 'Haluan päästä taas ihmisten pariin', status: 'achieved' }]);
  });

  it('follow-ups: not in the past; a task for the worker; not reached books the next outreach; overdue shows to the supervisor', async () => {
    const { caseId } = await level2('Seuranta Henkilö');
    const past = await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-20', purpose: 'Soitto' });
    expect([past.statusCode, past.json().errors[0]]).toEqual([400, expect.objectContaining({ field: 'body.dueOn', code: 'date_in_past' })]);
    const f = await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-27', purpose: 'Soitan ja kysyn miten menee' });
    expect(f.statusCode, f.body).toBe(201);
    const mine = (await get('/api/guidance/follow-ups?mine=true&due=all')).json();
    expect(mine.items.find((x: { id: string }) => x.id === f.json().id)).toMatchObject({ dueOn: '2026-11-27', overdue: false, kind: 'follow_up', assignedTo: { name: 'Olli Ohjaaja' } });
    // Friday 27.11.: overdue by Monday 30.11. for the supervisor
    t.clock.now = new Date('2026-11-30T09:00:00+02:00');
    const [w0, s0] = [worker, supervisor];
    worker = (await login(t.app, 'ohjaaja')).headers;
    supervisor = (await login(t.app, 'esihenkilo')).headers;
    try {
      const overRes = await get('/api/guidance/cases?attention=overdue', supervisor);
      expect(overRes.statusCode, overRes.body).toBe(200);
      const over = overRes.json();
      expect(over.items.map((x: { id: string }) => x.id)).toContain(caseId);
      expect((await get('/api/guidance/overview', supervisor)).json().overdueFollowUps).toBeGreaterThanOrEqual(1);
      const done = await post(`/api/guidance/follow-ups/${f.json().id}/done`, { result: 'not_reached', note: 'Ei vastannut' });
      expect(done.json()).toMatchObject({ nextOutreach: { dueOn: '2026-12-02' } });
      expect((await post(`/api/guidance/follow-ups/${f.json().id}/done`, { result: 'reached' })).json().code).toBe('follow_up_done');
      expect((await get(`/api/guidance/cases?attention=silent`, supervisor)).json().items.map((x: { id: string }) => x.id)).toContain(caseId);
    } finally { t.clock.now = new Date('2026-11-23T10:00:00+02:00'); [worker, supervisor] = [w0, s0]; }
  });
});

describe('level 3: Jaska', () => {
  it('a responsible worker, a plan, a meeting with employment services, outreach, anchored in rehabilitative work', async () => {
    const id = await contact(person('Jaska Jokunen'));
    expect((await t.app.inject({ method: 'PATCH', url: `/api/contacts/${id}`, payload: { triggers: ['unclear_problem', 'missed_appointments'] }, headers: worker })).statusCode).toBe(200);
    const colleagues = (await get('/api/colleagues')).json().items as { id: string; name: string }[];
    const eeva = colleagues.find((c) => c.name.startsWith('Eeva'))!;
    const r = await post(`/api/contacts/${id}/level`, { level: 3, responsibleUserId: eeva.id, consent });
    expect(r.statusCode, r.body).toBe(200);
    const caseId = r.json().caseId as string;
    let c = (await get(`/api/guidance/cases/${caseId}`)).json();
    expect(c).toMatchObject({ level: 3, responsible: { id: eeva.id }, signals: { proposeMeeting: true } });
    expect(c.signals.triggers).toEqual(['unclear_problem', 'missed_appointments']);
    expect((await get('/api/guidance/cases?attention=meeting', supervisor)).json().items.map((x: { id: string }) => x.id)).toContain(caseId);
    expect((await put(`/api/guidance/cases/${caseId}/plan`, {
      goals: [{ text: 'Saada rahat riittämään' }, { text: 'Päästä kuntouttavaan työtoimintaan' }],
      steps: [{ text: 'Terveys- ja työkykyarvio', service: 'Terveysasema', owner: 'network' }, { text: 'Kuntouttava työtoiminta alkaa', service: 'Kuntouttava työtoiminta', owner: 'client', dueOn: '2027-01-15' }],
      agreedWithPerson: true,
    })).statusCode).toBe(200);
    const m = await post(`/api/guidance/cases/${caseId}/meetings`, { reasons: ['unclear_problem', 'missed_appointments'], plannedOn: '2026-11-26', participants: [{ name: 'Teija TE', organisation: 'Työllisyyspalvelut' }] });
    expect(m.statusCode, m.body).toBe(201);
    expect((await get(`/api/guidance/cases/${caseId}`)).json().signals.proposeMeeting).toBe(false);
    const future = await post(`/api/guidance/meetings/${m.json().id}/record`, { heldOn: '2026-11-26', participants: [{ name: 'Teija TE', organisation: 'Työllisyyspalvelut' }], decisions: 'x' });
    expect(future.statusCode).toBe(400);
    t.clock.now = new Date('2026-11-26T15:00:00+02:00');
    const [w0, s0] = [worker, supervisor];
    worker = (await login(t.app, 'ohjaaja')).headers;
    supervisor = (await login(t.app, 'esihenkilo')).headers;
    try {
      expect((await post(`/api/guidance/meetings/${m.json().id}/record`, {
        heldOn: '2026-11-26', participants: [{ name: 'Teija TE', organisation: 'Työllisyyspalvelut', role: 'työkykykoordinaattori' }, { name: 'Eeva Esihenkilö', organisation: 'Asiakasohjaus' }],
        decisions: 'Monialainen työllistymissuunnitelma; kuntouttava työtoiminta tammikuussa.',
      })).statusCode).toBe(200);
      expect((await post(`/api/guidance/meetings/${m.json().id}/cancel`, {})).json().code).toBe('meeting_not_open');
      // he goes silent: closing as not reached needs three attempts
      expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached' })).json().code).toBe('outreach_incomplete');
      for (const method of ['phone', 'letter']) expect((await post(`/api/guidance/cases/${caseId}/outreach`, { method, result: 'no_answer' })).statusCode).toBe(201);
      expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached' })).json().code).toBe('outreach_incomplete');
      const reached = await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'home_visit', result: 'reached', note: 'Kotikäynti, Jaska kotona' });
      expect(reached.json().attemptsSinceReached).toBe(0);
      expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'anchored' })).json().code).toBe('not_anchored');
      expect((await post(`/api/guidance/cases/${caseId}/anchored`, { service: 'Kuntouttava työtoiminta', startedOn: '2026-11-26' })).statusCode).toBe(200);
      expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'anchored' })).statusCode).toBe(200);
      expect((await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-12-01', purpose: 'x' })).json().code).toBe('case_closed');
      c = (await get(`/api/guidance/cases/${caseId}`)).json();
      expect(c).toMatchObject({ status: 'closed', outcome: 'anchored', anchoredService: 'Kuntouttava työtoiminta' });
      expect(c.meetings[0]).toMatchObject({ status: 'held', participants: [expect.objectContaining({ organisation: 'Työllisyyspalvelut' }), expect.anything()] });
      const s = (await get('/api/statistics/monthly?month=2026-11', supervisor)).json().guidance;
      expect(s.anchored).toBeGreaterThanOrEqual(1);
      expect(s.meetingsHeld).toBeGreaterThanOrEqual(1);
      expect(s.contactsByLevel.level3).toBeGreaterThanOrEqual(1);
    } finally { t.clock.now = new Date('2026-11-23T10:00:00+02:00'); [worker, supervisor] = [w0, s0]; }
  });
});

describe('one person across contacts', () => {
  it('lists the person\'s contacts and cases, is logged on every read, and hides a referral outcome without live consent', async () => {
    const p = person('Henkilö Sivu');
    const a = await contact(p);
    const b = await contact(p);
    await contact(null);
    const before = Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll().as('n')).where('purpose', '=', 'person_page').where('subject_id', '=', b).executeTakeFirstOrThrow()).n);
    const page = await get(`/api/contacts/${b}/person`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().contacts.map((x: { id: string }) => x.id).sort()).toEqual([a, b].sort());
    expect(page.json().matchedBy).toBe('hetu');
    await get(`/api/contacts/${b}/person`);
    const after = Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll().as('n')).where('purpose', '=', 'person_page').where('subject_id', '=', b).executeTakeFirstOrThrow()).n);
    expect(after - before).toBe(2);
    const anon = await contact(null);
    expect((await get(`/api/contacts/${anon}/person`)).statusCode).toBe(404);
  });
});

describe('records', () => {
  it('a contact of a guidance case is a client document: the retention job keeps it while the case is open and the database refuses erasing it', async () => {
    const id = await contact(person('Säilytys Testi'));
    const r = await post(`/api/contacts/${id}/level`, { level: 2, consent });
    const caseId = r.json().caseId as string;
    expect((await post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: true, mainReason: 'income', contactor: 'self' })).statusCode).toBe(200);
    const report = await runRetention(t.database.db, new Date('2027-01-01T03:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(report.counts.client_guidance).toBe(0);
    const row = await t.database.db.selectFrom('contact').select(['person_hetu', 'personal_data_erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.personal_data_erased_at).toBeNull();
    await expect(t.database.db.updateTable('contact').set({ personal_data_erased_at: new Date() }).where('id', '=', id).execute()).rejects.toThrow(/guidance case/);
    // closed: kept for the service task's period (working age: 10 years), then erased with the case
    await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'reached', note: 'Puhelu' });
    await post(`/api/guidance/cases/${caseId}/anchored`, { service: 'Aikuissosiaalityö', startedOn: '2026-11-23' });
    expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'anchored', note: 'Asiakkuus aikuissosiaalityössä' })).statusCode).toBe(200);
    await runRetention(t.database.db, new Date('2030-01-01T03:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect((await t.database.db.selectFrom('contact').select('personal_data_erased_at').where('id', '=', id).executeTakeFirstOrThrow()).personal_data_erased_at).toBeNull();
    const report2 = await runRetention(t.database.db, new Date('2036-12-01T03:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(report2.counts.client_guidance).toBeGreaterThanOrEqual(1);
    const g = await t.database.db.selectFrom('guidance_case').select(['anchored_service', 'close_note', 'personal_data_erased_at', 'outcome', 'anchored_on']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(g).toMatchObject({ anchored_service: null, close_note: null, outcome: 'anchored', anchored_on: '2026-11-23' });
    expect(g.personal_data_erased_at).not.toBeNull();
    const o = await t.database.db.selectFrom('outreach_attempt').select(['note', 'result']).where('case_id', '=', caseId).execute();
    expect(o).toEqual([{ note: null, result: 'reached' }]);
    expect((await t.database.db.selectFrom('contact').select('person_hetu').where('id', '=', id).executeTakeFirstOrThrow()).person_hetu).toBeNull();
  });
});

describe('the demo county', () => {
  it('npm start shows Jusa-Petteri at level 2 with a follow-up today and Jaska at level 3 with a meeting proposed', async () => {
    const { loadDemoGuidance } = await import('./public.js');
    const { resolveCountyId } = await import('../organisation/public.js');
    await loadDemoGuidance(t.database.db, await resolveCountyId(t.database.db), t.clock.now);
    const cases = (await get('/api/guidance/cases?limit=200', supervisor)).json().items as { id: string; level: number; nextFollowUp: string | null }[];
    const views = await Promise.all(cases.map(async (c) => (await get(`/api/guidance/cases/${c.id}`)).json()));
    const jp = views.find((v) => v.person?.name === 'Jusa-Petteri Demo');
    const jaska = views.find((v) => v.person?.name === 'Jaska Demo');
    expect(jp).toMatchObject({ level: 2, nextFollowUp: '2026-11-23', plan: { goals: [expect.anything(), expect.anything()] } });
    expect(jp.assessments[0].flags.map((f: { code: string }) => f.code)).toEqual(['low_mood', 'isolation', 'daily_life', 'out_of_work']);
    expect(jaska).toMatchObject({ level: 3, meetings: [expect.objectContaining({ status: 'proposed' })] });
    expect(jaska.plan.steps.map((s: { text: string }) => s.text)).toContain('Kuntouttava työtoiminta alkaa');
  });
});

describe('each role on each route', () => {
  it('only guidance workers and supervisors reach cases and people; batteries are edited by supervisors and administrators', async () => {
    const id = await contact(person('Rooli Matriisi'));
    const caseId = (await post(`/api/contacts/${id}/level`, { level: 2, consent })).json().caseId as string;
    const battery = (await get('/api/guidance/batteries')).json().items[0];
    const reads = [`/api/contacts/${id}/guidance`, `/api/contacts/${id}/person`, '/api/guidance/cases', `/api/guidance/cases/${caseId}`, '/api/guidance/follow-ups'];
    const writes: [string, string, unknown][] = [
      ['POST', `/api/contacts/${id}/level`, { level: 3 }], ['POST', `/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-30', purpose: 'x' }],
      ['PUT', `/api/guidance/cases/${caseId}/plan`, { goals: [{ text: 'x' }], agreedWithPerson: true }], ['POST', `/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'no_answer' }],
      ['POST', `/api/guidance/cases/${caseId}/close`, { outcome: 'declined' }],
    ];
    const others = { yksikko: unit, admin, toimittaja: (await login(t.app, 'toimittaja')).headers, paivystys: (await login(t.app, 'paivystys')).headers };
    for (const [who, h] of Object.entries(others)) {
      for (const url of reads) expect((await get(url, h)).statusCode, `${who} GET ${url}`).toBe(403);
      for (const [method, url, payload] of writes) expect((await t.app.inject({ method: method as 'POST', url, payload: payload as object, headers: h })).statusCode, `${who} ${method} ${url}`).toBe(403);
      expect((await get('/api/guidance/overview', h)).statusCode, `${who} overview`).toBe(403);
      const create = await post('/api/guidance/batteries', { code: `r_${who}`, area: 'general', title: battery.title, questions: battery.questions }, h);
      expect(create.statusCode, `${who} battery`).toBe(who === 'admin' ? 201 : 403);
    }
    // nothing changed by the refused writes
    const c = (await get(`/api/guidance/cases/${caseId}`)).json();
    expect([c.level, c.status, c.followUps.length, c.plan, c.outreach.length]).toEqual([2, 'open', 0, null, 0]);
  });
});

describe('review mends', () => {
  it('a contact joining at a higher level raises every contact of the case; a contact of a closed case can open a new case', async () => {
    const p = person('Nousu Kaikki');
    const a = await contact(p);
    const caseId = (await post(`/api/contacts/${a}/level`, { level: 2, consent })).json().caseId as string;
    const b = await contact(p);
    const up = await post(`/api/contacts/${b}/level`, { level: 3, consent });
    expect(up.json()).toMatchObject({ level: 3, caseId, joined: true });
    expect([(await get(`/api/contacts/${a}`)).json().guidanceLevel, (await get(`/api/contacts/${b}`)).json().guidanceLevel]).toEqual([3, 3]);
    expect((await get(`/api/guidance/cases/${caseId}`)).json().levels.map((l: { from: number; to: number }) => [l.from, l.to]).sort()).toEqual([[1, 2], [1, 3], [2, 3]]);
    expect((await post(`/api/contacts/${a}/level`, { level: 2 })).json().code).toBe('level_unchanged');
    for (let i = 0; i < 3; i++) await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'phone', result: 'no_answer' });
    expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached' })).statusCode).toBe(200);
    const again = await post(`/api/contacts/${a}/level`, { level: 2 });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().caseId).not.toBe(caseId);
  });

  it('closing a case cancels its open follow-ups (kept, not listed); one already overdue counts as missed', async () => {
    const id = await contact(person('Peruttu Seuranta'));
    const caseId = (await post(`/api/contacts/${id}/level`, { level: 2, consent })).json().caseId as string;
    const f1 = (await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-23', purpose: 'tänään' })).json().id;
    const f2 = (await post(`/api/guidance/cases/${caseId}/follow-ups`, { dueOn: '2026-11-25', purpose: 'myöhemmin' })).json().id;
    t.clock.now = new Date('2026-11-24T10:00:00+02:00');
    const [w0, s0] = [worker, supervisor];
    worker = (await login(t.app, 'ohjaaja')).headers;
    supervisor = (await login(t.app, 'esihenkilo')).headers;
    try {
      const before = (await get('/api/statistics/monthly?month=2026-11', supervisor)).json().guidance.followUps;
      await post(`/api/guidance/cases/${caseId}/anchored`, { service: 'Aikuissosiaalityö', startedOn: '2026-11-24' });
      expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'anchored' })).statusCode).toBe(200);
      const rows = await t.database.db.selectFrom('follow_up').select(['id', 'cancelled_at']).where('case_id', '=', caseId).orderBy('due_on').execute();
      expect(rows.map((r) => [r.id, r.cancelled_at !== null])).toEqual([[f1, true], [f2, true]]);
      const mine = (await get('/api/guidance/follow-ups?mine=true&due=all')).json().items.map((x: { id: string }) => x.id);
      expect(mine).not.toContain(f1);
      const after = (await get('/api/statistics/monthly?month=2026-11', supervisor)).json().guidance.followUps;
      // f1 (23.11., overdue when cancelled on 24.11.) stays missed; f2 (25.11., pending) was never due
      expect([after.due - before.due, after.missed - before.missed, after.pending - before.pending]).toEqual([-1, 0, -1]);
      expect((await post(`/api/guidance/follow-ups/${f2}/done`, { result: 'reached' })).json().code).toBe('follow_up_done');
    } finally { t.clock.now = new Date('2026-11-23T10:00:00+02:00'); [worker, supervisor] = [w0, s0]; }
  });

  it('without an identity code, a shared phone is not one person: the names must agree', async () => {
    const phone = '040 555 0101';
    const mother = await contact({ name: 'Äiti Puhelin', phone } as unknown as { name: string; hetu: string });
    const caseId = (await post(`/api/contacts/${mother}/level`, { level: 2, consent })).json().caseId as string;
    const son = await contact({ name: 'Poika Puhelin', phone } as unknown as { name: string; hetu: string });
    expect((await get(`/api/contacts/${son}/guidance`)).json().personOpenCase).toBeNull();
    const r = await post(`/api/contacts/${son}/level`, { level: 2, consent });
    expect(r.json().caseId).not.toBe(caseId);
    const again = await contact({ name: 'äiti puhelin', phone } as unknown as { name: string; hetu: string });
    expect((await get(`/api/contacts/${again}/guidance`)).json().personOpenCase?.id).toBe(caseId);
    expect((await get(`/api/contacts/${son}/person`)).json().contacts.map((x: { id: string }) => x.id)).toEqual([son]);
  });

  it('every contact of a case keeps the longest service task: a families contact holds the working-age one', async () => {
    const p = person('Kaksi Tehtävää');
    const work = await contact(p, { serviceArea: 'working_age' });
    const caseId = (await post(`/api/contacts/${work}/level`, { level: 2, consent })).json().caseId as string;
    const fam = await contact(p, { serviceArea: 'families' });
    await post(`/api/contacts/${fam}/level`, { level: 2, consent });
    for (const id of [work, fam]) expect((await post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: true, mainReason: 'income', contactor: 'self' })).statusCode).toBe(200);
    for (let i = 0; i < 3; i++) await post(`/api/guidance/cases/${caseId}/outreach`, { method: 'letter', result: 'no_answer' });
    expect((await post(`/api/guidance/cases/${caseId}/close`, { outcome: 'not_reached' })).statusCode).toBe(200);
    const erased = async () => (await t.database.db.selectFrom('contact').select(['id', 'personal_data_erased_at']).where('id', 'in', [work, fam]).execute()).map((r) => r.personal_data_erased_at !== null);
    await runRetention(t.database.db, new Date('2037-06-01T03:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    await runRetention(t.database.db, new Date('2037-06-02T03:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(await erased()).toEqual([false, false]);
    await runRetention(t.database.db, new Date('2057-06-01T03:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(await erased()).toEqual([true, true]);
  });

  it('two workers raising two contacts of one person at once make one case, not two', async () => {
    const p = person('Samaan Aikaan');
    const [a, b] = [await contact(p), await contact(p)];
    const [ra, rb] = await Promise.all([post(`/api/contacts/${a}/level`, { level: 2, consent }), post(`/api/contacts/${b}/level`, { level: 2, consent }, supervisor)]);
    expect([ra.statusCode, rb.statusCode]).toEqual([200, 200]);
    expect(ra.json().caseId).toBe(rb.json().caseId);
    expect([ra.json().joined, rb.json().joined].sort()).toEqual([false, true]);
  });
});
