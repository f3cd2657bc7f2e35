/**
 * The chat's API (issue 16), training side: the flow a resident and a worker go through, the
 * transcript's order and resends, the recording rules and the idle job. The sealed set is
 * chat.sealed.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { closeIdleChats } from './public.js';
import { runRetention } from '../records/public.js';

let t: TestApp;
let worker: Record<string, string>;
let supervisor: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-25T10:00:00+02:00') });
  worker = (await login(t.app, 'ohjaaja')).headers;
  supervisor = (await login(t.app, 'esihenkilo')).headers;
});
afterAll(async () => { await t.close(); });

async function start(body: Record<string, unknown> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/chats', payload: { lang: 'fi', topic: 'money', ...body } });
  expect(res.statusCode, res.body).toBe(201);
  const chat = res.json<{ id: string; token: string; reference: string; position: number; acute: boolean }>();
  const contact = await t.database.db.selectFrom('chat').select('contact_id').where('id', '=', chat.id).executeTakeFirstOrThrow();
  return { ...chat, contactId: contact.contact_id, headers: { 'x-chat-token': chat.token } };
}
const say = (c: { id: string; headers: Record<string, string> }, text: string, clientId = randomUUID()) =>
  t.app.inject({ method: 'POST', url: `/api/public/chats/${c.id}/messages`, headers: c.headers, payload: { clientId, text } });

describe('the chat', () => {
  it('goes from the queue to a worker and back, in order, with nothing twice', async () => {
    const c = await start({ text: 'Miten haen toimeentulotukea?' });
    const state = (await t.app.inject({ method: 'GET', url: `/api/public/chats/${c.id}`, headers: c.headers })).json();
    expect(state.status).toBe('waiting');
    expect(state.messages.map((m: { seq: number; text: string }) => [m.seq, m.text])).toEqual([[1, 'Miten haen toimeentulotukea?']]);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/chat/accept`, headers: worker });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const id = randomUUID();
    const first = await say(c, 'Hei', id);
    const again = await say(c, 'Hei', id);
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().seq).toBe(first.json().seq);
    const w = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/chat/messages`, headers: worker, payload: { clientId: randomUUID(), text: 'Hei, autan mielelläni.' } });
    expect(w.statusCode, w.body).toBe(201);
    const view = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c.contactId}/chat`, headers: worker })).json();
    expect(view.messages.map((m: { seq: number; sender: string; event: string | null }) => [m.seq, m.sender, m.event]))
      .toEqual([[1, 'resident', null], [2, 'system', 'joined'], [3, 'resident', null], [4, 'worker', null]]);
    const resident = (await t.app.inject({ method: 'GET', url: `/api/public/chats/${c.id}?after=2`, headers: c.headers })).json();
    expect(resident.workerName).toBe('Olli');
    expect(resident.messages.map((m: { seq: number }) => m.seq)).toEqual([3, 4]);
    // closing the contact ends the chat; the anonymous chat's words are gone, feedback is offered
    const closed = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/close`, headers: worker, payload: { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'income', contactor: 'self' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: `/api/public/chats/${c.id}`, headers: c.headers })).json();
    expect(after.status).toBe('ended');
    expect(after.endedReason).toBe('closed');
    expect(after.feedbackToken).toEqual(expect.any(String));
    const words = await t.database.db.selectFrom('chat_message').select(['sender', 'body']).where('chat_id', '=', c.id).execute();
    expect(words.filter((m) => m.sender !== 'system')).toEqual([]);
    const fb = await t.app.inject({ method: 'POST', url: '/api/public/feedback', payload: { token: after.feedbackToken, score: 4, text: 'Nopea apu', lang: 'fi' } });
    expect(fb.statusCode, fb.body).toBe(201);
    const stats = (await t.app.inject({ method: 'GET', url: '/api/statistics/monthly?month=2026-11', headers: supervisor })).json();
    expect(stats.chat.started).toBeGreaterThanOrEqual(1);
    expect(stats.chat.answered).toBeGreaterThanOrEqual(1);
    expect(stats.feedback.byChannel).toEqual([{ channel: 'chat', count: 1, meanScore: 4 }]);
  });

  it('ends a chat whose resident vanished, and counts it', async () => {
    const c = await start();
    t.clock.now = new Date('2026-11-25T10:11:00+02:00');
    try {
      expect(await closeIdleChats(t.database.db, t.clock.now)).toBeGreaterThanOrEqual(1);
      const row = await t.database.db.selectFrom('chat as h').innerJoin('contact as c', 'c.id', 'h.contact_id').select(['h.status', 'h.ended_reason', 'c.status as cs', 'c.outcome']).where('h.id', '=', c.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'ended', ended_reason: 'timeout', cs: 'closed', outcome: 'not_reached' });
      expect((await say(c, 'Oletko siellä?')).statusCode).toBe(409);
    } finally {
      t.clock.now = new Date('2026-11-25T10:00:00+02:00');
    }
  });
});

describe('the resident\'s stream', () => {
  /** Reads a text/event-stream until `until` says enough; returns the events read. */
  async function readEvents(url: string, headers: Record<string, string>, until: (events: { event: string; id?: string; data: string }[]) => boolean) {
    const ac = new AbortController();
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const events: { event: string; id?: string; data: string }[] = [];
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let i;
      while ((i = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const e: { event: string; id?: string; data: string } = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('id: ')) e.id = line.slice(4);
          else if (line.startsWith('data: ')) e.data = line.slice(6);
        }
        if (block.startsWith(':') || block.startsWith('retry')) continue;
        events.push(e);
      }
    }
    ac.abort();
    return events;
  }

  it('delivers messages as they are stored and resumes after Last-Event-ID', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const c = await start({ text: 'yksi' });
    await say(c, 'kaksi');
    const url = `${base}/api/public/chats/${c.id}/events`;
    const first = readEvents(url, c.headers, (ev) => ev.filter((e) => e.event === 'message').length >= 3);
    // the third arrives while the stream is open
    await new Promise((r) => setTimeout(r, 200));
    await say(c, 'kolme');
    const got = await first;
    expect(got.filter((e) => e.event === 'message').map((e) => [e.id, JSON.parse(e.data).text])).toEqual([['1', 'yksi'], ['2', 'kaksi'], ['3', 'kolme']]);
    expect(got.some((e) => e.event === 'state' && JSON.parse(e.data).position >= 1)).toBe(true);
    await say(c, 'neljä');
    const resumed = await readEvents(url, { ...c.headers, 'last-event-id': '2' }, (ev) => ev.filter((e) => e.event === 'message').length >= 2);
    expect(resumed.filter((e) => e.event === 'message').map((e) => JSON.parse(e.data).seq)).toEqual([3, 4]);
  });
});

describe('the recording rules', () => {
  it('a chat turned into a callback is identified: its transcript is kept with the contact, then erased with its personal data', async () => {
    const c = await start({ text: 'Voisitteko soittaa minulle?' });
    expect((await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/chat/accept`, headers: worker })).statusCode).toBe(200);
    await say(c, 'Numeroni on 040 123 4567');
    const cb = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/chat/callback`, headers: worker, payload: { phone: '040 123 4567', callbackWindow: 'aamupäivä' } });
    expect(cb.statusCode, cb.body).toBe(200);
    const contact = await t.database.db.selectFrom('contact').select(['anonymous', 'person_phone', 'status', 'waiting_reason']).where('id', '=', c.contactId).executeTakeFirstOrThrow();
    expect(contact).toEqual({ anonymous: false, person_phone: '+358401234567', status: 'waiting', waiting_reason: 'callback_attempt' });
    const chat = (await t.app.inject({ method: 'GET', url: `/api/public/chats/${c.id}`, headers: c.headers })).json();
    expect([chat.status, chat.endedReason]).toEqual(['ended', 'callback']);
    // the worker's read of an identified chat is access-logged
    await t.app.inject({ method: 'GET', url: `/api/contacts/${c.contactId}/chat`, headers: worker });
    const logged = await t.database.db.selectFrom('access_log').select('purpose').where('subject_id', '=', c.contactId).where('purpose', '=', 'chat').execute();
    expect(logged.length).toBe(1);
    // the worker calls, gives advice and closes: the identified transcript stays until retention erases the personal data
    await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/claim`, headers: worker });
    await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/callback-attempts`, headers: worker, payload: { result: 'reached' } });
    const closed = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/close`, headers: worker, payload: { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'income', contactor: 'self' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const words = () => t.database.db.selectFrom('chat_message').select('body').where('chat_id', '=', c.id).where('sender', '<>', 'system').execute();
    expect((await words()).map((m) => m.body)).toContain('Numeroni on 040 123 4567');
    await runRetention(t.database.db, new Date(t.clock.now.getTime() + 86_400_000), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(await words()).toEqual([]);
  });
});
