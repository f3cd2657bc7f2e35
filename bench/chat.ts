/**
 * The chat's delivery figure (issue 16): "500 concurrent chats, each sending a message every 10 s,
 * on one process: delivery p95 < 100 ms beside the baseline".
 *
 * Against the running app (bench/target.ts, its real clock), over HTTP only, as the web apps do:
 *
 *  1. a supervisor opens the chat around the clock and lets a worker hold 8 chats (chatsPerWorker)
 *     (PUT /api/chats/settings; put back as it was at the end), an administrator creates the
 *     workers needed (bench-chat-01…, POST /api/admin/users; kept if they exist) and each signs in;
 *  2. each worker opens its live stream (GET /api/events), then `chats` residents start a chat
 *     (POST /api/public/chats) and open theirs (GET /api/public/chats/:id/events, x-chat-token);
 *     the workers accept them, `maxPerWorker` each (POST /api/contacts/:id/chat/accept);
 *  3. worker → resident: each chat's worker sends a message every `intervalMs`, the chats staggered
 *     evenly (500 chats every 10 s: 50 a second) with POST /api/contacts/:id/chat/messages; delivery
 *     is the time from sending the POST to the resident's stream giving `event: message` with that
 *     message (matched by its clientId, since the stream may be quicker than the acknowledgement);
 *  4. resident → worker: the same with POST /api/public/chats/:id/messages, until the holding
 *     worker's /api/events gives `event: chat` (ChatChange, kind message) with that seq;
 *  5. the streams close and the residents leave (POST /api/public/chats/:id/leave). The target
 *     deletes the anonymous contacts the run created when it stops.
 *
 * Every phase runs a warm-up second first (not counted), then `seconds`; messages sent in the
 * window and not delivered within `drainMs` after it count as errors, as do failed requests and
 * streams that ended. node:http agents with enough sockets: one per stream, and a keep-alive pool
 * for the requests.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DEMO_PASSWORD } from '../src/server/features/organisation/public.js';
import type { ChatChange, ChatMessage, ChatMessageAck, ChatSettings, ChatStarted } from '../src/server/features/chat/chat.schemas.js';

export interface ChatBenchOptions {
  chats: number;
  /** each chat sends one message this often */
  intervalMs: number;
  /** measured seconds per direction (after a warm-up second) */
  seconds: number;
  directions: { workerToResident: boolean; residentToWorker: boolean };
  /** progress lines */
  log: (line: string) => void;
}

/** One direction's raw figures; the caller turns them into percentiles beside its baseline. */
export interface DeliveryResult {
  /** delivery times (ms), sorted */
  latencies: number[];
  /** the POSTs' own times to their acknowledgement (ms), sorted: the sender's wait, beside the delivery */
  acks: number[];
  sent: number; delivered: number; errors: number; seconds: number; problems: string[];
  /** the load process's own event-loop delay in the phase (ms): high values would make the figures the load generator's */
  loadLoopDelay: { p99: number; max: number };
}

export interface ChatBenchResult { workerToResident: DeliveryResult | null; residentToWorker: DeliveryResult | null; setup: string }

/**
 * Chats a worker holds (set as the county's maxPerWorker, 1…10): as many as keep the worker under
 * 48 messages a minute, inside the server's 60 (WORKER_MESSAGE_LIMIT). At a message every 10 s:
 * 8 (10 would be exactly 60, which a long run would meet); 500 chats: 63 workers.
 */
const chatsPerWorker = (intervalMs: number) => Math.max(1, Math.min(10, Math.floor((48 * intervalMs) / 60_000)));
const WARMUP_MS = 1000;
const DRAIN_MS = 5000;
/** The event-loop delay histogram's timer: its samples include this period, taken off again */
const LOOP_RESOLUTION_MS = 5;
const lag = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

// ------------------------------------------------------------------------------------------------
// HTTP: a keep-alive pool for requests, one socket per event stream

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

class Client {
  /** requests: 50 a second at a few ms each needs a handful; setup runs 10 at once */
  readonly requests = new http.Agent({ keepAlive: true, maxSockets: 256 });
  /** one socket per stream for its lifetime: every resident's and every worker's */
  readonly streams: http.Agent;
  constructor(readonly base: string, streams: number) {
    this.streams = new http.Agent({ keepAlive: false, maxSockets: streams + 50 });
  }

  call(method: string, path: string, opts: { headers?: Record<string, string>; json?: unknown } = {}): Promise<Reply> {
    const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, {
        method, agent: this.requests,
        headers: { ...opts.headers, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** A JSON call that must answer with one of `ok`; anything else stops the bench with the problem. */
  async json<T>(method: string, path: string, opts: { headers?: Record<string, string>; json?: unknown; ok?: number[] } = {}): Promise<{ status: number; body: T }> {
    const r = await this.call(method, path, opts);
    if (!(opts.ok ?? [200, 201, 204]).includes(r.status)) throw new Error(`${method} ${path}: ${r.status} ${r.body.slice(0, 300)}`);
    return { status: r.status, body: (r.body ? JSON.parse(r.body) : undefined) as T };
  }
}

interface SseEvent { event: string; id: string | null; data: string }

/** A server-sent event stream read as it arrives. `ready` settles when the response's headers come (200) or fail. */
class Stream {
  readonly ready: Promise<void>;
  private req: http.ClientRequest | null = null;
  private closing = false;
  /** the stream ended or failed while the bench still wanted it */
  dropped: string | null = null;

  constructor(client: Client, path: string, headers: Record<string, string>, onEvent: (e: SseEvent, at: number) => void) {
    this.ready = new Promise<void>((resolve, reject) => {
      const req = http.get(`${client.base}${path}`, { agent: client.streams, headers: { accept: 'text/event-stream', ...headers } }, (res) => {
        if (res.statusCode !== 200) {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => { text += c; });
          res.on('end', () => reject(new Error(`GET ${path}: ${res.statusCode} ${text.slice(0, 300)}`)));
          return;
        }
        resolve();
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          buffer += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let event = 'message';
            let id: string | null = null;
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (!line || line.startsWith(':')) continue;
              const colon = line.indexOf(':');
              const field = colon < 0 ? line : line.slice(0, colon);
              const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
              if (field === 'event') event = value;
              else if (field === 'data') data.push(value);
              else if (field === 'id') id = value;
            }
            if (data.length) onEvent({ event, id, data: data.join('\n') }, at);
          }
        });
        res.on('end', () => { if (!this.closing) this.dropped ??= `${path} ended`; });
        res.on('error', (err) => { if (!this.closing) this.dropped ??= `${path}: ${err.message}`; });
      });
      req.on('error', (err) => {
        if (!this.closing) this.dropped ??= `${path}: ${err.message}`;
        reject(err);
      });
      this.req = req;
    });
    this.ready.catch(() => undefined); // the caller awaits it; an unawaited failure must not crash the process
  }

  close(): void {
    this.closing = true;
    this.req?.destroy();
  }
}

// ------------------------------------------------------------------------------------------------

interface Staff { username: string; headers: Record<string, string> }

async function signIn(client: Client, username: string): Promise<Staff> {
  const r = await client.call('POST', '/api/auth/login', { json: { username, password: DEMO_PASSWORD } });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body.slice(0, 300)}`);
  const setCookie = r.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]!).join('; ');
  const { csrfToken } = JSON.parse(r.body) as { csrfToken: string };
  return { username, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/** Runs `fn` over `items`, at most `n` at once, in order of start. */
async function pool<T, R>(items: readonly T[], n: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  }));
  return out;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const WHOLE_WEEK: ChatSettings['weekly'] = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '00:00', closes: '23:59' }));

interface Chat { id: string; token: string; reference: string; contactId: string; worker: number; resident: Stream | null }

/**
 * Paced sends: the n-th send (n = 0, 1, 2…) goes at start + n × interval / chats to chat n mod chats,
 * so every chat sends once per interval and the chats are evenly staggered. Sends scheduled inside
 * [start + warm-up, start + warm-up + seconds) are counted.
 */
async function paced(chats: number, intervalMs: number, seconds: number, send: (chat: number, counted: boolean, n: number) => void): Promise<void> {
  const step = intervalMs / chats;
  const start = performance.now();
  const countFrom = start + WARMUP_MS;
  const stop = countFrom + seconds * 1000;
  for (let n = 0; ; n++) {
    const due = start + n * step;
    if (due >= stop) break;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    send(n % chats, due >= countFrom, n);
  }
}

export async function benchChat(base: string, opts: ChatBenchOptions): Promise<ChatBenchResult> {
  const perWorker = chatsPerWorker(opts.intervalMs);
  const workersNeeded = Math.ceil(opts.chats / perWorker);
  const client = new Client(base, opts.chats + workersNeeded);
  const streams: Stream[] = [];
  const setupStarted = performance.now();

  // 1. the settings, the workers
  const supervisor = await signIn(client, 'esihenkilo');
  const admin = await signIn(client, 'admin');
  const { body: original } = await client.json<ChatSettings>('GET', '/api/chats/settings', { headers: supervisor.headers });
  await client.json('PUT', '/api/chats/settings', { headers: supervisor.headers, json: { ...original, maxPerWorker: perWorker, weekly: WHOLE_WEEK } });
  const chats: Chat[] = [];
  try {
    const usernames = Array.from({ length: workersNeeded }, (_, i) => `bench-chat-${String(i + 1).padStart(2, '0')}`);
    await pool(usernames, 4, async (username, i) => {
      await client.json('POST', '/api/admin/users', {
        headers: admin.headers, ok: [201, 409],
        json: { username, displayName: `Bench ${i + 1} Chat`, password: DEMO_PASSWORD, roles: ['guidance_worker'] },
      });
    });
    const workers = await pool(usernames, 4, (u) => signIn(client, u));

    // 2. the workers' live streams: which contact a chat is (ChatChange), and later the resident's messages
    const contactOfChat = new Map<string, string>();
    /** `${contactId}:${seq}` → when the holding worker's stream told of that message */
    const toldWorker: Map<string, number>[] = workers.map(() => new Map());
    const waitingForWorker: Map<string, (at: number) => void>[] = workers.map(() => new Map());
    let recordingWorkerSide = false;
    for (const [w, worker] of workers.entries()) {
      const s = new Stream(client, '/api/events', { cookie: worker.headers.cookie! }, (e, at) => {
        if (e.event !== 'chat') return;
        const change = JSON.parse(e.data) as ChatChange;
        contactOfChat.set(change.chatId, change.contactId);
        if (change.kind !== 'message') return;
        const key = `${change.contactId}:${change.seq}`;
        const waiter = waitingForWorker[w]!.get(key);
        if (waiter) { waitingForWorker[w]!.delete(key); waiter(at); } else if (recordingWorkerSide) toldWorker[w]!.set(key, at);
      });
      streams.push(s);
    }
    await Promise.all(streams.map((s) => s.ready));

    // residents start their chats
    const startedAt = performance.now();
    const started = await pool(Array.from({ length: opts.chats }, (_, i) => i), 10, async () =>
      (await client.json<ChatStarted>('POST', '/api/public/chats', { json: { lang: 'fi', topic: 'money', dangerNow: false, contactor: 'self' }, ok: [201] })).body);
    const startSeconds = (performance.now() - startedAt) / 1000;
    opts.log(`${opts.chats} chats started in ${startSeconds.toFixed(1)} s (${(opts.chats / startSeconds).toFixed(0)}/s); `);

    // the contact of each chat: from the workers' streams, else the queue's search by reference
    const waitUntil = performance.now() + 10_000;
    while (started.some((s) => !contactOfChat.has(s.id)) && performance.now() < waitUntil) await sleep(100);
    for (const [i, s] of started.entries()) {
      let contactId = contactOfChat.get(s.id) ?? ([...contactOfChat.values()].includes(s.id) ? s.id : undefined);
      if (!contactId) {
        const found = await client.json<{ items: { id: string; reference: string }[] }>('GET', `/api/contacts?q=${encodeURIComponent(s.reference)}&limit=5`, { headers: workers[0]!.headers });
        contactId = found.body.items.find((c) => c.reference === s.reference)?.id;
        if (!contactId) throw new Error(`the contact of chat ${s.reference} was found neither on the workers' streams nor by its reference`);
      }
      chats.push({ id: s.id, token: s.token, reference: s.reference, contactId, worker: Math.floor(i / perWorker), resident: null });
    }

    // residents' streams: worker messages by clientId
    const waitingForResident = new Map<string, (at: number) => void>();
    let lastStateAt = performance.now();
    await pool(chats, 20, async (chat) => {
      const s = new Stream(client, `/api/public/chats/${chat.id}/events`, { 'x-chat-token': chat.token }, (e, at) => {
        if (e.event === 'state') lastStateAt = at;
        if (e.event !== 'message') return;
        const m = JSON.parse(e.data) as ChatMessage;
        if (m.sender !== 'worker' || !m.clientId) return;
        const waiter = waitingForResident.get(m.clientId);
        if (waiter) { waitingForResident.delete(m.clientId); waiter(at); }
      });
      chat.resident = s;
      streams.push(s);
      await s.ready;
    });

    // workers accept their chats
    const acceptedAt = performance.now();
    await pool(chats, 10, (chat) => client.json('POST', `/api/contacts/${chat.contactId}/chat/accept`, { headers: workers[chat.worker]!.headers, json: {} }));
    const acceptSeconds = (performance.now() - acceptedAt) / 1000;
    opts.log(`accepted by ${workersNeeded} workers in ${acceptSeconds.toFixed(1)} s`);
    // every accept changes a chat's state, which the residents' streams answer with their state (their
    // place in the queue, debounced): measure once that has settled (no state event for a second)
    const settleFrom = performance.now();
    const settleUntil = settleFrom + 60_000;
    while (performance.now() - lastStateAt < 1000 && performance.now() < settleUntil) await sleep(100);
    const settleSeconds = (performance.now() - settleFrom) / 1000;
    opts.log(`, settled in ${settleSeconds.toFixed(1)} s. `);
    const setup = `${opts.chats} chats started in ${startSeconds.toFixed(1)} s, accepted by ${workersNeeded} workers in ${acceptSeconds.toFixed(1)} s, `
      + `the residents' streams quiet ${settleSeconds.toFixed(1)} s later; ${opts.chats + workersNeeded} event streams; setup ${((performance.now() - setupStarted) / 1000).toFixed(0)} s`;

    const dropped = () => streams.map((s) => s.dropped).filter((d): d is string => d !== null);

    /** Runs one direction: `post` sends chat c's n-th message and resolves when it is acknowledged (or throws). */
    const direction = async (
      label: string,
      send: (chat: Chat, n: number, delivered: (at: number) => void) => Promise<void>,
    ): Promise<DeliveryResult> => {
      opts.log(`${label}… `);
      const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      loop.enable();
      const latencies: number[] = [];
      const acks: number[] = [];
      const problems = new Map<string, number>();
      const problem = (p: string) => problems.set(p, (problems.get(p) ?? 0) + 1);
      let sent = 0;
      let failed = 0;
      const outstanding = new Set<number>();
      const droppedBefore = dropped().length;
      await paced(opts.chats, opts.intervalMs, opts.seconds, (c, counted, n) => {
        if (counted) { sent++; outstanding.add(n); }
        const t0 = performance.now();
        send(chats[c]!, n, (at) => {
          if (!counted) return;
          outstanding.delete(n);
          latencies.push(at - t0);
        }).then(() => { if (counted) acks.push(performance.now() - t0); }, (err: unknown) => {
          if (!counted) return;
          outstanding.delete(n);
          failed++;
          problem(err instanceof Error ? err.message.replace(/[0-9a-f-]{36}/g, ':id').slice(0, 160) : String(err));
        });
      });
      const drainUntil = performance.now() + DRAIN_MS;
      while (outstanding.size && performance.now() < drainUntil) await sleep(20);
      const lost = outstanding.size;
      if (lost) problem(`${lost} not delivered within ${DRAIN_MS / 1000} s`);
      const streamDrops = dropped().slice(droppedBefore);
      for (const d of streamDrops) problem(`stream dropped: ${d.replace(/[0-9a-f-]{36}/g, ':id')}`);
      loop.disable();
      latencies.sort((a, b) => a - b);
      acks.sort((a, b) => a - b);
      return {
        latencies, acks, loadLoopDelay: { p99: lag(loop.percentile(99)), max: lag(loop.max) }, sent, delivered: latencies.length, errors: failed + lost + streamDrops.length, seconds: opts.seconds,
        problems: [...problems].map(([p, k]) => (k > 1 ? `${k} × ${p}` : p)),
      };
    };

    let workerToResident: DeliveryResult | null = null;
    if (opts.directions.workerToResident) {
      workerToResident = await direction('worker → resident', async (chat, n, delivered) => {
        const clientId = randomUUID();
        waitingForResident.set(clientId, delivered);
        const r = await client.call('POST', `/api/contacts/${chat.contactId}/chat/messages`, {
          headers: workers[chat.worker]!.headers, json: { clientId, text: `Tässä tietoa palvelusta, jota kysyit. Viesti ${n + 1}.` },
        });
        if (r.status !== 201) { waitingForResident.delete(clientId); throw new Error(`POST worker message: ${r.status} ${r.body.slice(0, 120)}`); }
      });
      waitingForResident.clear();
    }

    let residentToWorker: DeliveryResult | null = null;
    if (opts.directions.residentToWorker) {
      recordingWorkerSide = true;
      residentToWorker = await direction('resident → worker', async (chat, n, delivered) => {
        const r = await client.call('POST', `/api/public/chats/${chat.id}/messages`, {
          headers: { 'x-chat-token': chat.token }, json: { clientId: randomUUID(), text: `Kiitos, kysyisin vielä yhtä asiaa. Viesti ${n + 1}.` },
        });
        if (r.status !== 201) throw new Error(`POST resident message: ${r.status} ${r.body.slice(0, 120)}`);
        const { seq } = JSON.parse(r.body) as ChatMessageAck;
        const key = `${chat.contactId}:${seq}`;
        // the worker's stream may have told of it before the acknowledgement came
        const told = toldWorker[chat.worker]!.get(key);
        if (told !== undefined) { toldWorker[chat.worker]!.delete(key); delivered(told); } else waitingForWorker[chat.worker]!.set(key, delivered);
      });
      recordingWorkerSide = false;
    }

    return { workerToResident, residentToWorker, setup };
  } finally {
    // 5. streams first (so the leaving does not flood them), then the residents leave, then the settings as they were
    for (const s of streams) s.close();
    await pool(chats, 10, (chat) => client.call('POST', `/api/public/chats/${chat.id}/leave`, { headers: { 'x-chat-token': chat.token } })).catch(() => undefined);
    await client.json('PUT', '/api/chats/settings', { headers: supervisor.headers, json: original }).catch(() => undefined);
    client.requests.destroy();
    client.streams.destroy();
  }
}
