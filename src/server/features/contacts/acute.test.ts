/**
 * Acute contacts on the worker's side (issue 11, part 5): first in the queue with their reasons and
 * trigger words, marked and unmarked by workers with who and why, the alert list every guidance
 * worker's app polls, and the supervisor's live view of unclaimed acute contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { createContact, type ContactInput } from './contacts.service.js';

let t: TestApp;
let countyId: string;
type Session = Awaited<ReturnType<typeof login>>;
let worker: Session;
let supervisor: Session;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') }); // Monday: non-urgent promise Tuesday 24.11.
  countyId = (await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
  worker = await login(t.app, 'ohjaaja');
  supervisor = await login(t.app, 'esihenkilo');
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s: Session = worker) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const get = (url: string, s: Session = worker) => t.app.inject({ url, headers: s.headers });
const queueIds = async () => ((await get('/api/contacts')).json().items as { id: string }[]).map((i) => i.id);
const alerts = async (query = '') => {
  const res = await get(`/api/contacts/acute${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; reference: string; reasons: string[]; line: string | null; receivedAt: string; waitedSeconds: number }[]; serverTime: string };
};
/** As the resident's form does it: the answer and the detector's category, with the words. */
const fromForm = (input: Partial<ContactInput> & Pick<ContactInput, 'acute'>) =>
  createContact(t.database.db, { system: 'public_form', countyId }, { channel: 'web_form', anonymous: true, ...input }, t.clock.now);

const walkIn = { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income', note: 'Kysyi toimeentulotuesta.' };
const ids: Record<'urgent' | 'overdue' | 'resident' | 'marked' | 'olderLine', string> = { urgent: '', overdue: '', resident: '', marked: '', olderLine: '' };

describe('acute contacts in the queue and the contact view', () => {
  it('puts acute contacts above overdue and urgent ones, with the reasons and the trigger words', async () => {
    ids.urgent = (await post('/api/contacts', { ...walkIn, urgency: 'urgent' })).json().id; // due today
    ids.overdue = (await post('/api/contacts', { ...walkIn, receivedAt: '2026-11-18T10:00:00+02:00' })).json().id; // due 19.11.: overdue
    ids.resident = (await fromForm({
      note: 'En jaksa enää, haluan kuolla tänä yönä.', receivedAt: new Date('2026-11-23T09:50:00+02:00'),
      acute: { reasons: ['danger_now', 'suicide'], triggerWords: ['haluan kuolla', 'tänä yönä'] },
    })).id;
    const marked = await post('/api/contacts', { ...walkIn, note: 'Pelkää puolisoaan, joka on uhannut tappaa.', acute: true, receivedAt: '2026-11-23T09:55:00+02:00' });
    expect(marked.statusCode, marked.body).toBe(201);
    ids.marked = marked.json().id;

    // acute first (their own order: promise, urgency, arrival), then the overdue one, then today's
    expect(await queueIds()).toEqual([ids.resident, ids.marked, ids.overdue, ids.urgent]);
    const items = (await get('/api/contacts')).json().items as { id: string; acute: boolean; acuteReasons: string[]; acuteTriggerWords: string[] }[];
    expect(items.map((i) => [i.acute, i.acuteReasons, i.acuteTriggerWords])).toEqual([
      [true, ['danger_now', 'suicide'], ['haluan kuolla', 'tänä yönä']],
      [true, ['worker'], []],
      [false, [], []],
      [false, [], []],
    ]);
    // the order holds with the queue's filters too
    expect(((await get('/api/contacts?status=new&limit=2')).json().items as { id: string }[]).map((i) => i.id)).toEqual([ids.resident, ids.marked]);
  });

  it('shows the reasons, the trigger words and when it was flagged in the contact view, beside the resident\'s own words', async () => {
    const view = (await get(`/api/contacts/${ids.resident}`)).json();
    expect(view).toMatchObject({
      acute: true, acuteReasons: ['danger_now', 'suicide'], acuteTriggerWords: ['haluan kuolla', 'tänä yönä'],
      acuteFlaggedAt: '2026-11-23T07:50:00.000Z', note: 'En jaksa enää, haluan kuolla tänä yönä.',
    });
    const plain = (await get(`/api/contacts/${ids.urgent}`)).json();
    expect(plain).toMatchObject({ acute: false, acuteReasons: [], acuteTriggerWords: [], acuteFlaggedAt: null });
  });
});

describe('the alert list every guidance worker polls', () => {
  it('lists unclaimed open acute contacts oldest first with how long each has waited, and no personal data', async () => {
    const list = await alerts();
    expect(list.serverTime).toBe('2026-11-23T08:00:00.000Z');
    expect(list.items.map((i) => [i.id, i.reasons, i.line, i.receivedAt, i.waitedSeconds])).toEqual([
      [ids.resident, ['danger_now', 'suicide'], null, '2026-11-23T07:50:00.000Z', 600],
      [ids.marked, ['worker'], null, '2026-11-23T07:55:00.000Z', 300],
    ]);
    expect(Object.keys(list.items[0]!).sort()).toEqual(['id', 'line', 'reasons', 'receivedAt', 'reference', 'waitedSeconds']);
    t.clock.now = new Date('2026-11-23T10:00:42+02:00');
    expect((await alerts()).items.map((i) => i.waitedSeconds)).toEqual([642, 342]);
  });

  it('drops a contact once a worker takes it, and brings it back when it is released', async () => {
    expect((await post(`/api/contacts/${ids.marked}/claim`, {})).statusCode).toBe(200);
    expect((await alerts()).items.map((i) => i.id)).toEqual([ids.resident]);
    // a claimed acute contact still leads the queue
    expect((await queueIds()).slice(0, 2)).toEqual([ids.resident, ids.marked]);
    expect((await post(`/api/contacts/${ids.marked}/release`, {})).statusCode).toBe(200);
    expect((await alerts()).items.map((i) => i.id)).toEqual([ids.resident, ids.marked]);
  });

  it('gives a worker of one line that line\'s acute contacts and those of no line', async () => {
    ids.olderLine = (await fromForm({ phoneLine: 'older_people', receivedAt: new Date('2026-11-23T09:58:00+02:00'), acute: { reasons: ['left_without_care'], triggerWords: ['ei ole syönyt'] } })).id;
    expect((await alerts('?line=older_people')).items.map((i) => [i.id, i.line])).toEqual([[ids.resident, null], [ids.marked, null], [ids.olderLine, 'older_people']]);
    expect((await alerts('?line=working_age')).items.map((i) => i.id)).toEqual([ids.resident, ids.marked]);
    expect((await alerts()).items.map((i) => i.id)).toEqual([ids.resident, ids.marked, ids.olderLine]);
    const unknown = await get('/api/contacts/acute?line=nope');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'unknown_code', errors: [{ field: 'querystring.line' }] });
  });

  it('does not list closed acute contacts', async () => {
    const closed = await fromForm({ receivedAt: new Date('2026-11-23T09:00:00+02:00'), acute: { reasons: ['danger_now'], triggerWords: [] }, close: { outcome: 'advice_given', ledToClientRelationship: false }, mainReason: 'other', contactor: 'self' });
    expect(closed.status).toBe('closed');
    expect((await alerts()).items.map((i) => i.id)).not.toContain(closed.id);
    expect(await queueIds()).not.toContain(closed.id);
  });
});

describe('a worker marks a contact acute and unmarks it', () => {
  const events = async (id: string) => ((await get(`/api/contacts/${id}`)).json().timeline as { kind: string; actor: string | null; details: Record<string, unknown> }[])
    .filter((e) => e.kind.startsWith('acute_'));

  it('marks an ordinary contact acute: it moves to the top and alerts, with who and why on the timeline', async () => {
    const res = await post(`/api/contacts/${ids.urgent}/acute`, { acute: true, reason: 'Soittaja kertoi lapsen olevan yksin kotona.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ acute: true, acuteReasons: ['worker'] });
    // acute ones by their promise: the urgent one is due today, before the others' tomorrow
    expect(await queueIds()).toEqual([ids.urgent, ids.resident, ids.marked, ids.olderLine, ids.overdue]);
    expect((await alerts()).items.find((i) => i.id === ids.urgent)).toMatchObject({ reasons: ['worker'], waitedSeconds: 42 });
    expect(await events(ids.urgent)).toEqual([expect.objectContaining({ kind: 'acute_marked', actor: 'Olli Ohjaaja', details: { note: 'Soittaja kertoi lapsen olevan yksin kotona.' } })]);
    expect((await get(`/api/contacts/${ids.urgent}`)).json().acuteFlaggedAt).toBe('2026-11-23T08:00:42.000Z');
    // marking again changes nothing
    expect((await post(`/api/contacts/${ids.urgent}/acute`, { acute: true })).json()).toEqual({ acute: true, acuteReasons: ['worker'] });
    expect(await events(ids.urgent)).toHaveLength(1);
  });

  it('adds the worker\'s reason to the resident\'s and keeps when it was first flagged', async () => {
    const res = await post(`/api/contacts/${ids.resident}/acute`, { acute: true }, supervisor);
    expect(res.json()).toEqual({ acute: true, acuteReasons: ['danger_now', 'suicide', 'worker'] });
    expect((await get(`/api/contacts/${ids.resident}`)).json()).toMatchObject({ acuteFlaggedAt: '2026-11-23T07:50:00.000Z', acuteTriggerWords: ['haluan kuolla', 'tänä yönä'] });
  });

  it('unmarks only with a reason, by whoever handles the contact or a supervisor', async () => {
    const noReason = await post(`/api/contacts/${ids.urgent}/acute`, { acute: false });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ field: 'body.reason' })]);
    const blank = await post(`/api/contacts/${ids.urgent}/acute`, { acute: false, reason: '   ' });
    expect(blank.statusCode).toBe(400);
    // not taken by anyone: whoever unmarks must have assessed it
    const notMine = await post(`/api/contacts/${ids.urgent}/acute`, { acute: false, reason: 'Ei hätää.' });
    expect(notMine.statusCode).toBe(409);
    expect(notMine.json().code).toBe('not_assignee');
    expect((await post(`/api/contacts/${ids.urgent}/claim`, {})).statusCode).toBe(200);
    const res = await post(`/api/contacts/${ids.urgent}/acute`, { acute: false, reason: 'Lapsi oli isovanhempien luona, tarkistettu.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ acute: false, acuteReasons: [] });
    expect(await events(ids.urgent)).toEqual([
      expect.objectContaining({ kind: 'acute_marked' }),
      expect.objectContaining({ kind: 'acute_unmarked', actor: 'Olli Ohjaaja', details: { note: 'Lapsi oli isovanhempien luona, tarkistettu.', acuteReasons: ['worker'], acuteTriggerWords: [] } }),
    ]);
    expect((await get(`/api/contacts/${ids.urgent}`)).json()).toMatchObject({ acute: false, acuteReasons: [], acuteFlaggedAt: null });
    expect(await queueIds()).toEqual([ids.resident, ids.marked, ids.olderLine, ids.overdue, ids.urgent]);
  });

  it('lets a supervisor clear the resident\'s and the detector\'s reasons, keeping them on the timeline', async () => {
    const res = await post(`/api/contacts/${ids.resident}/acute`, { acute: false, reason: 'Soitettu takaisin: turvassa, kriisikeskus sovittu.' }, supervisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(await events(ids.resident)).toEqual([
      expect.objectContaining({ kind: 'acute_marked', actor: 'Eeva Esihenkilö' }),
      expect.objectContaining({
        kind: 'acute_unmarked', actor: 'Eeva Esihenkilö',
        details: { note: 'Soitettu takaisin: turvassa, kriisikeskus sovittu.', acuteReasons: ['danger_now', 'suicide', 'worker'], acuteTriggerWords: ['haluan kuolla', 'tänä yönä'] },
      }),
    ]);
    expect((await get(`/api/contacts/${ids.resident}`)).json()).toMatchObject({ acute: false, acuteReasons: [], acuteTriggerWords: [] });
    expect((await alerts()).items.map((i) => i.id)).toEqual([ids.marked, ids.olderLine]);
  });

  it('refuses a closed contact and an unknown one', async () => {
    const close = await post(`/api/contacts/${ids.overdue}/close`, { outcome: 'advice_given', ledToClientRelationship: false });
    expect(close.statusCode, close.body).toBe(200);
    const res = await post(`/api/contacts/${ids.overdue}/acute`, { acute: true, reason: 'Myöhään huomattu.' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'invalid_transition' });
    expect(res.json().detail ?? res.json().title).toMatch(/closed/);
    expect((await get(`/api/contacts/${ids.overdue}`)).json().acute).toBe(false);
    expect((await post('/api/contacts/00000000-0000-4000-8000-000000000000/acute', { acute: true })).statusCode).toBe(404);
  });
});

describe('behind a load balancer', () => {
  it('answers the poll the same from another app instance on the same database: the state is the list, not an event', async () => {
    const second = await createTestApp({ database: t.database, now: t.clock.now });
    try {
      const elsewhere = await login(second.app, 'ohjaaja');
      const res = await second.app.inject({ url: '/api/contacts/acute', headers: elsewhere.headers });
      expect(res.json().items.map((i: { id: string }) => i.id)).toEqual((await alerts()).items.map((i) => i.id));
      // marked through this instance, seen at once through the other
      const fresh = (await post('/api/contacts', { ...walkIn, acute: true })).json().id as string;
      const again = await second.app.inject({ url: '/api/contacts/acute', headers: elsewhere.headers });
      expect(again.json().items.map((i: { id: string }) => i.id)).toContain(fresh);
      expect((await post(`/api/contacts/${fresh}/claim`, {})).statusCode).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('the supervisor\'s live view', () => {
  it('shows unclaimed acute contacts oldest first with how long each has waited', async () => {
    t.clock.now = new Date('2026-11-23T10:05:00+02:00');
    const res = await get('/api/supervisor/overview', supervisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().acuteUnclaimed.map((i: { id: string; reasons: string[]; line: string | null; waitedSeconds: number }) => [i.id, i.reasons, i.line, i.waitedSeconds])).toEqual([
      [ids.marked, ['worker'], null, 600],
      [ids.olderLine, ['left_without_care'], 'older_people', 420],
    ]);
  });
});

describe('who may', () => {
  it('lets guidance workers and supervisors poll and mark; no one else; the live view is the supervisor\'s', async () => {
    for (const username of ['yksikko', 'paivystys', 'toimittaja', 'admin']) {
      const s = await login(t.app, username);
      expect((await get('/api/contacts/acute', s)).statusCode, username).toBe(403);
      expect((await post(`/api/contacts/${ids.marked}/acute`, { acute: true }, s)).statusCode, username).toBe(403);
      expect((await get('/api/supervisor/overview', s)).statusCode, username).toBe(403);
    }
    expect((await get('/api/supervisor/overview', worker)).statusCode).toBe(403);
    expect((await get('/api/contacts/acute', supervisor)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/contacts/acute' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `/api/contacts/${ids.marked}/acute`, payload: { acute: true } })).statusCode).toBe(401);
    // a mutation without the CSRF token is refused
    expect((await t.app.inject({ method: 'POST', url: `/api/contacts/${ids.marked}/acute`, payload: { acute: true }, headers: { cookie: worker.cookie } })).statusCode).toBe(403);
  });
});
