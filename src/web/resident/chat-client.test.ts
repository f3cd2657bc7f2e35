/**
 * The resident's chat transport without a browser (issue 16): an in-memory server speaking the
 * contract (chat.schemas.ts), a scripted EventSource, and fake timers. Nothing is lost: a message
 * is resent with the same clientId until acknowledged and stored once; messages are merged by seq
 * and gaps fetched; a reload resumes the same chat and its outbox.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, ChatStarted } from '../../server/features/chat/chat.schemas';
import { CHAT_MESSAGE_MAX as SERVER_MAX } from '../../server/features/chat/chat.schemas';
import {
  backoffDelay, CHAT_MESSAGE_MAX, CHAT_STORAGE_KEY, ChatClient, retryAfterMs, startChat, storedChat,
  type ChatDeps, type EventSourceLike, type StorageLike,
} from './chat-client';

const CHAT = '00000000-0000-4000-8000-0000000000c1';
const TOKEN = 'tok-123456789';
const CONTACTS = [{ kind: 'emergency' as const, phone: '112', openNow: true }, { kind: 'crisis_line' as const, phone: '0600000112', openNow: true }];

interface Req { method: string; url: string; headers: Record<string, string>; body: unknown }

/** The server's side of the contract, in memory. */
class FakeServer {
  messages: ChatMessage[] = [];
  status: 'waiting' | 'active' | 'ended' = 'waiting';
  endedReason: 'closed' | 'resident_left' | 'timeout' | 'callback' | null = null;
  feedbackToken: string | null = null;
  acute = false;
  position: number | null = 3;
  eta: number | null = 6;
  /** Every request fails as a network error while true. */
  down = false;
  /** A message POST is stored but its answer is lost (the resident never hears the ack). */
  loseNextAck = false;
  /** The next message POSTs answer 429 with this Retry-After. */
  rateLimited = 0;
  retryAfter = '5';
  acuteWords = /kuolla/;
  requests: Req[] = [];

  add(m: Partial<ChatMessage>): ChatMessage {
    const msg: ChatMessage = { seq: this.messages.length + 1, sender: 'worker', kind: 'text', text: null, card: null, event: null, workerName: 'Anna', clientId: null, at: '2026-11-25T08:00:00Z', ...m };
    this.messages.push(msg);
    return msg;
  }

  /** The most messages one fetch returns (the server pages a long chat). */
  pageSize = 1000;

  chat(after: number) {
    return {
      id: CHAT, reference: 'ABC-123', status: this.status, endedReason: this.endedReason, acute: this.acute, emergencyContacts: this.acute ? CONTACTS : [],
      position: this.position, estimatedWaitMinutes: this.eta, workerName: 'Anna', workerTyping: false,
      messages: this.messages.filter((m) => m.seq > after).slice(0, this.pageSize), lastSeq: this.messages.length, feedbackToken: this.feedbackToken,
    };
  }

  fetch: ChatDeps['fetch'] = async (url, init) => {
    const body = init.body ? JSON.parse(init.body) as unknown : undefined;
    this.requests.push({ method: init.method, url, headers: init.headers, body });
    if (this.down) throw new TypeError('Failed to fetch');
    const json = (status: number, b: unknown, headers: Record<string, string> = {}) => ({ status, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null }, json: async () => b });
    const u = new URL(url, 'http://x');
    if (init.method === 'POST' && u.pathname === '/api/public/chats') {
      const b = body as { dangerNow?: boolean };
      if (b.dangerNow && this.status === 'ended') return json(409, { status: 409, code: 'chat_closed', title: 'Closed', emergencyContacts: CONTACTS });
      return json(201, { id: CHAT, token: TOKEN, reference: 'ABC-123', status: 'waiting', acute: Boolean(b.dangerNow), emergencyContacts: b.dangerNow ? CONTACTS : [], position: 3, estimatedWaitMinutes: 6 });
    }
    if (init.headers['x-chat-token'] !== TOKEN) return json(404, { status: 404, code: 'not_found', title: 'Not found' });
    if (init.method === 'GET' && u.pathname === `/api/public/chats/${CHAT}`) return json(200, this.chat(Number(u.searchParams.get('after') ?? 0)));
    if (init.method === 'POST' && u.pathname.endsWith('/messages')) {
      const { clientId, text } = body as { clientId: string; text: string };
      if (this.status === 'ended') return json(409, { status: 409, code: 'chat_ended', title: 'Ended' });
      if (this.rateLimited > 0) { this.rateLimited--; return json(429, { status: 429, code: 'rate_limited', title: 'Slow down' }, { 'retry-after': this.retryAfter }); }
      if (text.length > CHAT_MESSAGE_MAX) return json(400, { status: 400, code: 'validation', title: 'Invalid', errors: [{ field: 'body.text', message: 'too long' }] });
      const existing = this.messages.find((m) => m.clientId === clientId);
      const madeAcute = !this.acute && this.acuteWords.test(text);
      if (madeAcute) this.acute = true;
      const msg = existing ?? this.add({ sender: 'resident', text, clientId, workerName: null });
      if (this.loseNextAck) { this.loseNextAck = false; throw new TypeError('connection reset'); }
      return json(existing ? 200 : 201, { seq: msg.seq, at: msg.at, acute: this.acute, emergencyContacts: madeAcute ? CONTACTS : [] });
    }
    if (init.method === 'POST' && u.pathname.endsWith('/typing')) return json(204, null);
    if (init.method === 'POST' && u.pathname.endsWith('/leave')) { this.status = 'ended'; this.endedReason = 'resident_left'; this.feedbackToken = 'fb-token-123'; return json(204, null); }
    return json(404, { status: 404, code: 'not_found', title: 'Not found' });
  };

  posts(suffix: string) { return this.requests.filter((r) => r.method === 'POST' && r.url.endsWith(suffix)); }
  gets() { return this.requests.filter((r) => r.method === 'GET'); }
}

/** An EventSource the test drives. */
class FakeEventSource implements EventSourceLike {
  static all: FakeEventSource[] = [];
  readyState = 0;
  closed = false;
  private listeners = new Map<string, ((e: { data?: unknown }) => void)[]>();
  constructor(readonly url: string) { FakeEventSource.all.push(this); }
  addEventListener(type: string, l: (e: { data?: unknown }) => void) { this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]); }
  close() { this.readyState = 2; this.closed = true; }
  fire(type: string, data?: unknown) { for (const l of this.listeners.get(type) ?? []) l({ data: data === undefined ? undefined : JSON.stringify(data) }); }
  open() { this.readyState = 1; this.fire('open'); }
  /** A dropped connection: `closed` true as after an HTTP error (the browser gives up), else the browser retries itself. */
  drop(closed: boolean) { this.readyState = closed ? 2 : 0; this.fire('error'); }
  static last() { return FakeEventSource.all.at(-1)!; }
}

class MemoryStorage implements StorageLike {
  map = new Map<string, string>();
  getItem(k: string) { return this.map.get(k) ?? null; }
  setItem(k: string, v: string) { this.map.set(k, v); }
  removeItem(k: string) { this.map.delete(k); }
}

let server: FakeServer;
let storage: MemoryStorage;
let ids = 0;
const deps = (): ChatDeps => ({
  fetch: server.fetch,
  EventSource: FakeEventSource,
  storage,
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
  uuid: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  random: () => 0,
});
/** Lets every pending promise settle (setImmediate is not faked). */
const settle = async () => { for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r)); };
const started = (over: Partial<ChatStarted> = {}): ChatStarted => ({ id: CHAT, token: TOKEN, reference: 'ABC-123', status: 'waiting', acute: false, emergencyContacts: [], position: 3, estimatedWaitMinutes: 6, ...over });
const texts = (c: ChatClient) => c.getSnapshot().messages.map((m) => `${m.seq ?? '-'}:${m.sender}:${m.text ?? m.card?.name ?? m.event}:${m.delivery ?? ''}`);

async function openClient(over: Partial<ChatStarted> = {}): Promise<ChatClient> {
  const client = ChatClient.fromStarted(deps(), started(over), 'fi');
  client.connect();
  FakeEventSource.last().open();
  await settle();
  return client;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-11-25T10:00:00+02:00'));
  server = new FakeServer();
  storage = new MemoryStorage();
  FakeEventSource.all = [];
  ids = 0;
});
afterEach(() => { vi.useRealTimers(); });

describe('the limits', () => {
  it('are the server\'s own', () => {
    expect(CHAT_MESSAGE_MAX).toBe(SERVER_MAX);
  });
  it('back off from 1 s doubling to 30 s, with at most a quarter more at random', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, () => 0))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(backoffDelay(0, () => 1)).toBe(1250);
  });
  it('read Retry-After as seconds or a date', () => {
    const now = Date.parse('2026-11-25T08:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Wed, 25 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('starting', () => {
  it('gives the started chat, or the refusal with its emergency contacts', async () => {
    const ok = await startChat(deps(), { lang: 'fi', dangerNow: true, contactor: 'self' }, 'fi');
    expect('started' in ok && ok.started.acute).toBe(true);
    expect('started' in ok && ok.started.emergencyContacts[0]!.phone).toBe('112');
    server.status = 'ended'; // the fake's way to say "closed now"
    const refused = await startChat(deps(), { lang: 'fi', dangerNow: true }, 'fi');
    expect('refused' in refused && refused.refused).toMatchObject({ status: 409, code: 'chat_closed', emergencyContacts: CONTACTS });
    server.down = true;
    const offline = await startChat(deps(), { lang: 'fi' }, 'fi');
    expect('refused' in offline && offline.refused).toMatchObject({ status: 0, code: 'network' });
  });

  it('remembers the chat\'s id and token in sessionStorage, never in an address', async () => {
    await openClient();
    expect(storedChat(storage)).toEqual({ id: CHAT, token: TOKEN, reference: 'ABC-123', outbox: [] });
    for (const r of server.requests) expect(r.url).not.toContain(TOKEN);
    for (const es of FakeEventSource.all) expect(es.url).not.toContain(TOKEN);
    expect(server.gets()[0]!.headers['x-chat-token']).toBe(TOKEN);
  });
});

describe('sending', () => {
  it('shows a message as sending, then sent in its place by seq', async () => {
    const client = await openClient();
    server.add({ text: 'Hei' });
    client.send('  Moi  ');
    expect(texts(client)).toEqual(['-:resident:Moi:sending']);
    await settle();
    expect(texts(client)).toEqual(['2:resident:Moi:sent']);
    expect(server.posts('/messages')[0]!.body).toEqual({ clientId: '00000000-0000-4000-8000-000000000001', text: 'Moi' });
    // the stream's copy replaces the placeholder; the worker's earlier message comes with the gap fetch
    FakeEventSource.last().fire('message', server.messages[1]);
    await settle();
    expect(texts(client)).toEqual(['1:worker:Hei:', '2:resident:Moi:sent']);
  });

  it('resends after a network error with the same clientId, and it is stored once', async () => {
    const client = await openClient();
    server.down = true;
    client.send('Tarvitsen apua');
    await settle();
    expect(texts(client)).toEqual(['-:resident:Tarvitsen apua:retrying']);
    await vi.advanceTimersByTimeAsync(1000); // still down: the pause doubles
    expect(server.posts('/messages')).toHaveLength(2);
    server.down = false;
    await vi.advanceTimersByTimeAsync(1999);
    expect(server.posts('/messages')).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    const ids = new Set(server.posts('/messages').map((r) => (r.body as { clientId: string }).clientId));
    expect(ids.size).toBe(1);
    expect(server.messages.filter((m) => m.sender === 'resident')).toHaveLength(1);
    expect(texts(client)).toEqual(['1:resident:Tarvitsen apua:sent']);
  });

  it('a lost acknowledgement: the resend gets the first seq (200), nothing twice', async () => {
    const client = await openClient();
    server.loseNextAck = true;
    client.send('Eka');
    await settle();
    expect(server.messages).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(server.messages).toHaveLength(1);
    expect(texts(client)).toEqual(['1:resident:Eka:sent']);
  });

  it('keeps the order the resident wrote in: one request at a time', async () => {
    const client = await openClient();
    server.down = true;
    client.send('yksi');
    client.send('kaksi');
    client.send('kolme');
    await settle();
    server.down = false;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(server.messages.map((m) => m.text)).toEqual(['yksi', 'kaksi', 'kolme']);
    expect(texts(client)).toEqual(['1:resident:yksi:sent', '2:resident:kaksi:sent', '3:resident:kolme:sent']);
  });

  it('waits Retry-After on 429, even when the stream reconnects meanwhile', async () => {
    const client = await openClient();
    server.rateLimited = 1;
    server.retryAfter = '5';
    client.send('Nopea');
    await settle();
    expect(texts(client)).toEqual(['-:resident:Nopea:retrying']);
    FakeEventSource.last().drop(false);
    FakeEventSource.last().open(); // a reconnect nudges the outbox, but not before Retry-After
    await vi.advanceTimersByTimeAsync(4999);
    expect(server.posts('/messages')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.posts('/messages')).toHaveLength(2);
    expect(texts(client)).toEqual(['1:resident:Nopea:sent']);
  });

  it('keeps to Retry-After across leaving the page and coming back', async () => {
    const client = await openClient();
    server.rateLimited = 1;
    server.retryAfter = '10';
    client.send('Odota');
    await settle();
    client.dispose();
    await vi.advanceTimersByTimeAsync(3000);
    client.connect();
    FakeEventSource.last().open();
    await vi.advanceTimersByTimeAsync(6999);
    expect(server.posts('/messages')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await settle();
    expect(texts(client)).toEqual(['1:resident:Odota:sent']);
  });

  it('sends again at once when the stream reopens after a network error', async () => {
    const client = await openClient();
    server.down = true;
    client.send('Katkos');
    await settle();
    server.down = false;
    FakeEventSource.last().drop(false);
    FakeEventSource.last().open();
    await settle();
    expect(texts(client)).toEqual(['1:resident:Katkos:sent']);
  });

  it('shows 112 and the crisis line when the acknowledgement says the chat became acute', async () => {
    const client = await openClient();
    expect(client.getSnapshot().acute).toBe(false);
    client.send('En jaksa, haluan kuolla');
    await settle();
    expect(client.getSnapshot()).toMatchObject({ acute: true, emergencyContacts: CONTACTS });
  });

  it('refuses an empty or too long text before sending; a 400 fails that message and the next still goes', async () => {
    const client = await openClient();
    expect(client.send('   ')).toBeNull();
    expect(client.send('x'.repeat(CHAT_MESSAGE_MAX + 1))).toBeNull();
    server.acuteWords = /$^/;
    // the server's own refusal (as if its limit were lower)
    const original = server.fetch;
    let first = true;
    server.fetch = async (url, init) => {
      if (first && url.endsWith('/messages')) { first = false; return { status: 400, headers: { get: () => null }, json: async () => ({ status: 400, code: 'validation', title: 'Invalid' }) }; }
      return original(url, init);
    };
    const c2 = ChatClient.fromStarted({ ...deps(), fetch: (u, i) => server.fetch(u, i) }, started(), 'fi');
    c2.connect();
    FakeEventSource.last().open();
    c2.send('hylätty');
    c2.send('menee');
    await settle();
    expect(texts(c2)).toEqual(['1:resident:menee:sent', '-:resident:hylätty:failed']);
    client.dispose();
    c2.dispose();
  });

  it('marks what waits as not delivered when the chat has ended (409 chat_ended)', async () => {
    const client = await openClient();
    server.status = 'ended';
    server.endedReason = 'closed';
    client.send('Liian myöhään');
    await settle();
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endedReason: 'closed', undelivered: true, connection: 'closed' });
    expect(texts(client)).toEqual(['-:resident:Liian myöhään:failed']);
  });
});

describe('receiving', () => {
  it('merges by seq: duplicates dropped, order kept, a gap fetched with after=<last in order>', async () => {
    const client = await openClient();
    const es = FakeEventSource.last();
    const [m1, m2, m3] = [server.add({ text: 'yksi' }), server.add({ text: 'kaksi' }), server.add({ text: 'kolme' })];
    es.fire('message', m1);
    es.fire('message', m1);
    await settle();
    expect(texts(client)).toEqual(['1:worker:yksi:']);
    const before = server.gets().length;
    es.fire('message', m3); // 2 is missing
    await settle();
    expect(server.gets().slice(before).map((r) => new URL(r.url, 'http://x').searchParams.get('after'))).toEqual(['1']);
    expect(texts(client)).toEqual(['1:worker:yksi:', '2:worker:kaksi:', '3:worker:kolme:']);
    es.fire('message', m2); // the late copy changes nothing
    await settle();
    expect(texts(client)).toHaveLength(3);
  });

  it('fetches what it missed after every reconnect; a new stream starts after the last seq', async () => {
    const client = await openClient();
    const es = FakeEventSource.last();
    es.fire('message', server.add({ text: 'ennen' }));
    es.drop(true); // the browser gave up
    expect(client.getSnapshot().connection).toBe('reconnecting');
    server.add({ text: 'katkon aikana' });
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(FakeEventSource.all).toHaveLength(2);
    expect(FakeEventSource.last().url).toBe(`/api/public/chats/${CHAT}/events?after=2`);
    expect(texts(client)).toEqual(['1:worker:ennen:', '2:worker:katkon aikana:']);
    FakeEventSource.last().open();
    await settle();
    expect(client.getSnapshot().connection).toBe('open');
    expect(server.gets().at(-1)!.url).toBe(`/api/public/chats/${CHAT}?after=2`);
  });

  it('keeps trying with a growing pause while the server cannot be reached', async () => {
    await openClient();
    server.down = true;
    FakeEventSource.last().drop(true);
    await vi.advanceTimersByTimeAsync(1000); // the fetch fails: no new stream yet
    await settle();
    expect(FakeEventSource.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(FakeEventSource.all).toHaveLength(1);
    server.down = false;
    await vi.advanceTimersByTimeAsync(4000);
    await settle();
    expect(FakeEventSource.all).toHaveLength(2);
  });

  it('announces each new message of the worker once, not the history nor the resident\'s own', async () => {
    server.add({ text: 'vanha' });
    storage.setItem(CHAT_STORAGE_KEY, JSON.stringify({ id: CHAT, token: TOKEN, reference: 'ABC-123', outbox: [] }));
    const client = ChatClient.resume(deps(), 'fi')!;
    const heard: string[] = [];
    client.onIncoming((m) => heard.push(m.text ?? m.event ?? ''));
    client.connect();
    await settle();
    expect(FakeEventSource.last().url).toBe(`/api/public/chats/${CHAT}/events?after=1`); // the history came first
    FakeEventSource.last().fire('message', server.messages[0]); // a copy of it on the stream
    FakeEventSource.last().open();
    await settle();
    const es = FakeEventSource.last();
    es.fire('message', server.add({ sender: 'system', kind: 'event', event: 'joined' }));
    es.fire('message', server.add({ text: 'uusi' }));
    es.fire('message', server.messages.at(-1));
    es.fire('message', server.add({ sender: 'resident', text: 'oma', workerName: null }));
    await settle();
    expect(heard).toEqual(['joined', 'uusi']);
  });

  it('fetches a long chat page by page after a reload', async () => {
    for (let i = 1; i <= 7; i++) server.add({ text: `viesti ${i}` });
    server.pageSize = 3;
    storage.setItem(CHAT_STORAGE_KEY, JSON.stringify({ id: CHAT, token: TOKEN, reference: 'ABC-123', outbox: [] }));
    const client = ChatClient.resume(deps(), 'fi')!;
    client.connect();
    await settle();
    expect(texts(client)).toHaveLength(7);
    expect(server.gets().map((r) => new URL(r.url, 'http://x').searchParams.get('after'))).toEqual(['0', '3', '6']);
    expect(FakeEventSource.last().url).toBe(`/api/public/chats/${CHAT}/events?after=7`);
  });

  it('follows the queue place, the worker and their typing from the stream', async () => {
    const client = await openClient();
    expect(client.getSnapshot()).toMatchObject({ status: 'waiting', position: 3, estimatedWaitMinutes: 6 });
    const es = FakeEventSource.last();
    es.fire('state', { status: 'waiting', position: 1, estimatedWaitMinutes: 2, workerName: null, acute: false, endedReason: null, feedbackToken: null, workerTyping: false, emergencyContacts: [] });
    expect(client.getSnapshot()).toMatchObject({ position: 1, estimatedWaitMinutes: 2 });
    es.fire('state', { status: 'active', position: null, estimatedWaitMinutes: null, workerName: 'Anna', acute: false, endedReason: null, feedbackToken: null, workerTyping: false, emergencyContacts: [] });
    es.fire('typing', { typing: true });
    expect(client.getSnapshot()).toMatchObject({ status: 'active', workerName: 'Anna', workerTyping: true });
    await vi.advanceTimersByTimeAsync(6000); // no new signal: it fades
    expect(client.getSnapshot().workerTyping).toBe(false);
    es.fire('typing', { typing: true });
    es.fire('message', server.add({ text: 'Hei!' })); // the message ends the typing
    expect(client.getSnapshot().workerTyping).toBe(false);
  });

  it('at the end: why, the feedback token, no more stream or retries', async () => {
    const client = await openClient();
    server.status = 'ended';
    server.endedReason = 'closed';
    server.feedbackToken = 'fb-token-123';
    server.add({ sender: 'system', kind: 'event', event: 'ended', workerName: null });
    FakeEventSource.last().fire('end', { reason: 'ended' });
    await settle();
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endedReason: 'closed', feedbackToken: 'fb-token-123', connection: 'closed' });
    expect(texts(client)).toEqual(['1:system:ended:']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.all).toHaveLength(1);
    expect(client.send('vielä')).toBeNull();
  });

  it('forgets a chat the server no longer knows', async () => {
    const client = await openClient();
    FakeEventSource.last().fire('end', { reason: 'not_found' });
    await settle();
    expect(client.getSnapshot().gone).toBe(true);
    expect(storage.getItem(CHAT_STORAGE_KEY)).toBeNull();
  });
});

describe('typing and leaving', () => {
  it('says "typing" at most every 3 s, and "not typing" on sending', async () => {
    const client = await openClient();
    client.typing();
    client.typing();
    await vi.advanceTimersByTimeAsync(2999);
    client.typing();
    expect(server.posts('/typing').map((r) => r.body)).toEqual([{ typing: true }]);
    await vi.advanceTimersByTimeAsync(1);
    client.typing();
    expect(server.posts('/typing')).toHaveLength(2);
    client.send('valmis');
    client.typing(); // the next keystroke after sending says it again
    await settle();
    expect(server.posts('/typing').map((r) => r.body)).toEqual([{ typing: true }, { typing: true }, { typing: false }, { typing: true }]);
  });

  it('leaves: the chat ends as "you left", with the feedback token', async () => {
    const client = await openClient();
    expect(await client.leave()).toBe(true);
    expect(client.getSnapshot()).toMatchObject({ status: 'ended', endedReason: 'resident_left', feedbackToken: 'fb-token-123', connection: 'closed' });
    expect(FakeEventSource.last().closed).toBe(true);
  });

  it('a leave that does not get through says so', async () => {
    const client = await openClient();
    server.down = true;
    expect(await client.leave()).toBe(false);
    expect(client.getSnapshot().status).toBe('waiting');
  });
});

describe('a reload', () => {
  it('resumes the same chat: its history, and the outbox resent with the same clientIds', async () => {
    const client = await openClient();
    server.down = true;
    client.send('ennen latausta');
    await settle();
    const clientId = (server.posts('/messages')[0]!.body as { clientId: string }).clientId;
    client.dispose();
    expect(storedChat(storage)!.outbox).toEqual([{ clientId, text: 'ennen latausta' }]);

    // the page reloads; the server had stored the message after all
    server.down = false;
    server.add({ sender: 'resident', text: 'ennen latausta', clientId, workerName: null });
    server.add({ text: 'Vastaus' });
    FakeEventSource.all = [];
    const again = ChatClient.resume(deps(), 'fi')!;
    expect(again.id).toBe(CHAT);
    again.connect();
    await settle();
    FakeEventSource.last().open();
    await settle();
    expect(texts(again)).toEqual(['1:resident:ennen latausta:sent', '2:worker:Vastaus:']);
    expect(server.messages).toHaveLength(2);
    expect(storedChat(storage)!.outbox).toEqual([]);
  });

  it('resumed without a connection: keeps trying, then opens the stream after the history', async () => {
    server.add({ text: 'vanha' });
    storage.setItem(CHAT_STORAGE_KEY, JSON.stringify({ id: CHAT, token: TOKEN, reference: 'ABC-123', outbox: [] }));
    server.down = true;
    const client = ChatClient.resume(deps(), 'fi')!;
    client.connect();
    await settle();
    expect(client.getSnapshot()).toMatchObject({ connection: 'reconnecting', loaded: false });
    expect(FakeEventSource.all).toHaveLength(0);
    server.down = false;
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(client.getSnapshot().loaded).toBe(true);
    expect(texts(client)).toEqual(['1:worker:vanha:']);
    expect(FakeEventSource.last().url).toBe(`/api/public/chats/${CHAT}/events?after=1`);
  });

  it('goes on after React\'s strict mode lets go and connects again', async () => {
    const client = await openClient();
    client.dispose();
    client.connect();
    FakeEventSource.last().open();
    server.add({ text: 'taas' });
    FakeEventSource.last().fire('message', server.messages[0]);
    await settle();
    expect(texts(client)).toEqual(['1:worker:taas:']);
  });

  it('without sessionStorage the chat still works', async () => {
    const client = ChatClient.fromStarted({ ...deps(), storage: null }, started(), 'fi');
    client.connect();
    FakeEventSource.last().open();
    client.send('ilman tallennusta');
    await settle();
    expect(texts(client)).toEqual(['1:resident:ilman tallennusta:sent']);
  });
});
