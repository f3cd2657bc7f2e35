/**
 * The integration figures (issue 19, ADR 0017): BENCH_ONLY=integration npm run bench.
 *
 * The app runs in a process of its own (this file, forked with --integration-target; bench/target.ts
 * has no dispatcher and refuses http:// addresses): buildApp as target.ts builds it, with
 * WEBHOOK_ALLOW_HTTP=on (config.webhookAllowHttp) and the integration dispatcher beside it as
 * main.ts creates it (createDispatcher: woken by NOTIFY opastin_outbox at each commit, and a minute's
 * tick standing in for the job queue). Its database is a fresh one of its own on the bench's server
 * (DATABASE_URL, else BENCH_DATABASE_URL's server; PGlite without either), created and dropped: the
 * figures write identified contacts, consents and subscriptions that a kept database should not
 * collect, and need nothing seeded. The receivers run in the bench's (load) process, over HTTP only:
 * an administrator creates the subscriptions (POST /api/admin/webhooks, every event type), a worker
 * registers contacts.
 *
 *  1. create contact while a subscriber is down: POST /api/contacts (run.ts's create figure's anonymous
 *     walk-in: one event, contact.registered) at 50/s with the bench's own load generator (autocannon,
 *     as the baseline), with no subscription, then with one (every event type) whose address is a
 *     local port that accepts the connection and never answers (the dispatcher, already waiting on it
 *     when the figure starts, waits its 10 s limit on it pass after pass), then with no subscription
 *     again (the subscription deleted): the order's own effect shows.
 *  2. webhook delivery: `contacts` identified contacts registered as fast as the server answers
 *     (`connections` lanes), every 4th with a consent given and withdrawn (three events of one subject
 *     in three transactions: contact.registered, consent.given, consent.withdrawn), to a healthy
 *     node:http receiver that checks each signature on the raw body with verifySignature
 *     (signature.ts) and answers 204. Latency: the event's `time` (its transaction's start, a few ms
 *     before the commit) to the receiver's clock (one machine, one clock); events a second: all of
 *     them over the time from the first POST to the last receipt. The dispatcher runs as in
 *     production (each commit's NOTIFY, the minute's tick) for up to 150 s after the last
 *     registration; what is still pending then is delivered by passes the bench drives (runOnce, the
 *     real clock), said in the note, so that a loss shows and the next figure starts clean. Each
 *     event must arrive once (by id), in `sequence` order per subject, none missing.
 *  3. receiver down for a while: the receiver answers 500 for `outageSeconds` of wall time while
 *     contacts are registered (three events each, `outageRate` requests a second), then recovers.
 *     Every subject's first event fails once and waits its retry (30 s: retryDelaySeconds), the later
 *     ones wait behind it. With `clock: 'test'` (default), from recovery the bench has the app's
 *     process run the dispatcher's runOnce with its clock moved past the retries' due time (over
 *     IPC; now + 35 s for a 20 s outage, inside the signature's 300 s tolerance), again and again
 *     until the receiver has everything: the figure is the dispatcher draining a due backlog, not the
 *     backoff. With `clock: 'real'` it waits for the real clock (the backoff, then NOTIFY-less: the
 *     minute's tick). Latency: recovery to the receipt of each backlog event.
 */
import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { retryDelaySeconds, EVENT_TYPES } from '../src/domain/events.js';
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_SECONDS, verifySignature } from '../src/server/features/integration/signature.js';
import { DEMO_PASSWORD } from '../src/server/features/organisation/public.js';
import type { IntegrationDispatcher } from '../src/server/features/integration/public.js';

/** What a paced load gives (run.ts measures it with autocannon, as it measures the baseline). */
export interface LoadFigures { rps: number; p50: number; p95: number; p99: number; errors: number }

export interface IntegrationBenchOptions {
  figures: { create: boolean; delivery: boolean; outage: boolean };
  /** measured seconds of each create figure (after run.ts's warm-up second) */
  createSeconds: number;
  /** contacts for the delivery figure (every 4th with three events of its subject, the others one) */
  contacts: number;
  /** lanes registering the delivery figure's contacts */
  connections: number;
  /** seconds the receiver answers 500 */
  outageSeconds: number;
  /** requests a second while the receiver is down (three per contact) */
  outageRate: number;
  /** 'test': at recovery, passes with a clock moved past the retries' due time; 'real': wait for them */
  clock: 'test' | 'real';
  /** POST /api/contacts with these headers and body at the create figures' paced rate for `seconds`, warm-up included */
  measureCreate: (base: string, headers: Record<string, string>, body: () => string, seconds: number) => Promise<LoadFigures>;
  log: (line: string) => void;
}

/** A delivery figure's raw values; run.ts makes the row (percentiles, the ratio to its baseline). */
export interface DeliveryFigures {
  /** ms, sorted */
  latencies: number[];
  /** events delivered a second */
  perSecond: number;
  /** missing, out of order, badly signed, failed registrations */
  errors: number;
}

export interface IntegrationBenchResult {
  createNoSubscription: LoadFigures | null;
  createSubscriberHanging: LoadFigures | null;
  /** the first again, after the subscription is deleted: the order's effect (a table grown, caches warmer) shows */
  createNoSubscriptionAgain: LoadFigures | null;
  delivery: DeliveryFigures | null;
  outage: DeliveryFigures | null;
  notes: string[];
}

export const CREATE_RATE = 50;
/** the create figure's body (run.ts's "create contact"): anonymous, so one event, contact.registered */
const anonymousContact = () => JSON.stringify({ channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income', phoneLine: 'working_age' });
/** the receiver-down figure: every contact with its consent given and withdrawn (three events) */
const EVENTS_PER_CONTACT = 3;
/** the delivery figure: every 4th contact with its consent given and withdrawn (1.5 events a contact) */
const CONSENT_EVERY = 4;
/** the delivery figure waits this long after the last registration for the dispatcher as it runs (NOTIFY, the minute's tick) */
const DELIVERY_WAIT_MS = 150_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const secondsSince = (t0: number) => (performance.now() - t0) / 1000;

// ------------------------------------------------------------------------------------------------
// HTTP to the app

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

class Client {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  constructor(readonly base: string) {}

  call(method: string, path: string, headers: Record<string, string>, json?: unknown): Promise<Reply> {
    const body = json === undefined ? undefined : JSON.stringify(json);
    return new Promise<Reply>((resolve, reject) => {
      const req = http.request(`${this.base}${path}`, {
        method, agent: this.agent,
        headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) },
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

  async json<T>(method: string, path: string, headers: Record<string, string>, json: unknown, ok: number[]): Promise<T> {
    const r = await this.call(method, path, headers, json);
    if (!ok.includes(r.status)) throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/g, ':id')}: ${r.status} ${r.body.slice(0, 300)}`);
    return (r.body ? JSON.parse(r.body) : undefined) as T;
  }

  async signIn(username: string): Promise<Record<string, string>> {
    const r = await this.call('POST', '/api/auth/login', {}, { username, password: DEMO_PASSWORD });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body.slice(0, 300)}`);
    const cookie = (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!).join('; ');
    return { cookie, 'x-csrf-token': (JSON.parse(r.body) as { csrfToken: string }).csrfToken };
  }
}

interface Subscription { id: string; secret: string }
interface DeliveryCounts { pending: number; delivered: number; dead: number; lastError: string | null }

async function subscribe(client: Client, admin: Record<string, string>, name: string, url: string): Promise<Subscription> {
  const r = await client.json<{ subscription: { id: string }; secret: string }>('POST', '/api/admin/webhooks', admin, { name, url, eventTypes: [...EVENT_TYPES] }, [201]);
  return { id: r.subscription.id, secret: r.secret };
}

async function countsOf(client: Client, admin: Record<string, string>, id: string): Promise<DeliveryCounts | null> {
  const r = await client.json<{ subscriptions: { id: string; deliveries: DeliveryCounts }[] }>('GET', '/api/admin/webhooks', admin, undefined, [200]);
  return r.subscriptions.find((s) => s.id === id)?.deliveries ?? null;
}

// ------------------------------------------------------------------------------------------------
// the subscribers

/** Accepts connections and never answers (nor reads): a subscriber that hangs. */
async function startHanging(): Promise<{ url: string; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/opastin-events`,
    accepted: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Receipt { id: string; subject: string; sequence: bigint; type: string; time: number; at: number }

/** A subscriber as docs/integration.md has it: the raw body's signature checked, 204; or 500 while `down`. */
class Receiver {
  down = false;
  secret = '';
  readonly receipts: Receipt[] = [];
  private readonly ids = new Set<string>();
  duplicates = 0;
  badSignatures = 0;
  /** requests answered 500 while down */
  refused = 0;
  private server: http.Server | null = null;

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const at = Date.now();
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = req.headers[SIGNATURE_HEADER];
        if (!verifySignature(this.secret, Array.isArray(header) ? header[0] : header, raw, Math.floor(at / 1000))) {
          this.badSignatures++;
          res.writeHead(401).end();
          return;
        }
        if (this.down) {
          this.refused++;
          res.writeHead(500).end();
          return;
        }
        const e = JSON.parse(raw) as { id: string; subject: string; sequence: string; type: string; time: string };
        if (this.ids.has(e.id)) this.duplicates++;
        else {
          this.ids.add(e.id);
          this.receipts.push({ id: e.id, subject: e.subject, sequence: BigInt(e.sequence), type: e.type, time: Date.parse(e.time), at });
        }
        res.writeHead(204).end();
      });
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}/opastin-events`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

// ------------------------------------------------------------------------------------------------
// contacts with three events each

interface Registered { subject: string; events: number; problem: string | null }

/**
 * An identified contact (contact.registered) and, `withConsent`, a consent (consent.given) and its
 * withdrawal (consent.withdrawn): three transactions of one subject, whose order the receiver checks.
 */
async function register(client: Client, worker: Record<string, string>, n: number, withConsent: boolean, took: number[]): Promise<Registered> {
  let subject = '';
  let events = 0;
  const timed = async <T>(p: () => Promise<T>): Promise<T> => { const t0 = performance.now(); const r = await p(); took.push(performance.now() - t0); return r; };
  try {
    const c = await timed(() => client.json<{ id: string }>('POST', '/api/contacts', worker, {
      channel: 'walk_in', contactor: 'self', anonymous: false, person: { name: `Verkko Koukku ${n}` }, mainReason: 'income', phoneLine: 'working_age',
    }, [201]));
    subject = `contact/${c.id}`;
    events = 1;
    if (!withConsent) return { subject, events, problem: null };
    const consent = await timed(() => client.json<{ id: string }>('POST', `/api/contacts/${c.id}/consents`, worker, {
      givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'aikuissosiaalityö',
    }, [200]));
    events = 2;
    await timed(() => client.json('POST', `/api/contacts/${c.id}/consents/${consent.id}/withdraw`, worker, undefined, [200]));
    events = 3;
    return { subject, events, problem: null };
  } catch (err) {
    return { subject, events, problem: err instanceof Error ? err.message : String(err) };
  }
}

/** What the receiver got of these subjects: each once, in sequence order per subject, none missing. */
function check(receiver: Receiver, registered: Registered[]): { mine: Receipt[]; expected: number; missing: number; outOfOrder: number } {
  const expectedOf = new Map(registered.filter((r) => r.subject).map((r) => [r.subject, r.events]));
  const mine = receiver.receipts.filter((r) => expectedOf.has(r.subject));
  const last = new Map<string, bigint>();
  const got = new Map<string, number>();
  let outOfOrder = 0;
  for (const r of mine) {
    const before = last.get(r.subject);
    if (before !== undefined && r.sequence <= before) outOfOrder++;
    last.set(r.subject, r.sequence);
    got.set(r.subject, (got.get(r.subject) ?? 0) + 1);
  }
  let expected = 0;
  let missing = 0;
  for (const [subject, n] of expectedOf) {
    expected += n;
    missing += Math.max(0, n - (got.get(subject) ?? 0));
  }
  return { mine, expected, missing, outOfOrder };
}

/** Waits until the receiver has `expected` events of these subjects, or `quietMs` pass with nothing new, or `maxMs`. */
async function awaitAll(receiver: Receiver, registered: Registered[], expected: number, opts: { quietMs: number; maxMs: number; each?: () => Promise<void> }): Promise<void> {
  const until = performance.now() + opts.maxMs;
  let seen = -1;
  let lastProgress = performance.now();
  for (;;) {
    const n = check(receiver, registered).mine.length;
    if (n >= expected || performance.now() > until) return;
    if (n !== seen) { seen = n; lastProgress = performance.now(); } else if (performance.now() - lastProgress > opts.quietMs) return;
    if (opts.each) await opts.each(); else await sleep(50);
  }
}

const ms = (v: number) => v.toFixed(1);
function pct(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
const countsNote = (c: DeliveryCounts | null) => (c ? `deliveries ${c.delivered} delivered, ${c.pending} pending, ${c.dead} dead${c.lastError ? ` (last error ${c.lastError})` : ''}` : 'deliveries: the subscription was not listed');

// ------------------------------------------------------------------------------------------------

export async function benchIntegration(opts: IntegrationBenchOptions): Promise<IntegrationBenchResult> {
  const result: IntegrationBenchResult = { createNoSubscription: null, createSubscriberHanging: null, createNoSubscriptionAgain: null, delivery: null, outage: null, notes: [] };
  const target = await startIntegrationTarget();
  const client = new Client(target.appUrl);
  const receiver = new Receiver();
  try {
    const worker = await client.signIn('ohjaaja');
    const admin = await client.signIn('admin');
    opts.log(`(the app with its dispatcher on a ${target.kind} database of its own) `);

    // 1. a worker's registration with no subscription, then with a subscriber that hangs
    if (opts.figures.create) {
      opts.log('create, no subscription… ');
      result.createNoSubscription = await opts.measureCreate(target.appUrl, worker, anonymousContact, opts.createSeconds);
      const hanging = await startHanging();
      try {
        const sub = await subscribe(client, admin, 'bench: hanging subscriber', hanging.url);
        // the dispatcher is already waiting on the subscriber when the figure starts
        for (let i = 0; i < 3; i++) await client.json('POST', '/api/contacts', worker, JSON.parse(anonymousContact()), [201]);
        const waitUntil = performance.now() + 5000;
        while (hanging.accepted() === 0 && performance.now() < waitUntil) await sleep(20);
        opts.log('create, subscriber hanging… ');
        const acceptedBefore = hanging.accepted();
        result.createSubscriberHanging = await opts.measureCreate(target.appUrl, worker, anonymousContact, opts.createSeconds);
        const counts = await countsOf(client, admin, sub.id);
        const acceptedDuring = hanging.accepted() - acceptedBefore;
        await client.json('DELETE', `/api/admin/webhooks/${sub.id}`, admin, undefined, [204]);
        await hanging.close();
        opts.log('create, no subscription again… ');
        result.createNoSubscriptionAgain = await opts.measureCreate(target.appUrl, worker, anonymousContact, opts.createSeconds);
        const b = result.createSubscriberHanging;
        const ratio = (a: LoadFigures) => `p50 ${(b.p50 / Math.max(a.p50, 0.1)).toFixed(2)}, p95 ${(b.p95 / Math.max(a.p95, 0.1)).toFixed(2)}, p99 ${(b.p99 / Math.max(a.p99, 0.1)).toFixed(2)}`;
        result.notes.push(`integration: create with the subscriber hanging ÷ with no subscription before: ${ratio(result.createNoSubscription)}; ÷ after: ${ratio(result.createNoSubscriptionAgain)}; `
          + `the hanging subscriber accepted ${acceptedDuring} connections in the figure's ${opts.createSeconds + 1} s (the dispatcher waits its 10 s limit on each, pass after pass); ${countsNote(counts)} when it was deleted`);
      } finally {
        await hanging.close();
      }
    }

    if (opts.figures.delivery || opts.figures.outage) {
      const url = await receiver.start();
      const sub = await subscribe(client, admin, 'bench: receiver', url);
      receiver.secret = sub.secret;

      // 2. delivery to a healthy receiver while contacts are registered as fast as the server answers
      if (opts.figures.delivery) {
        opts.log(`delivery: ${opts.contacts} contacts… `);
        const took: number[] = [];
        const registered: Registered[] = new Array<Registered>(opts.contacts);
        const startedWall = Date.now();
        const started = performance.now();
        let next = 0;
        await Promise.all(Array.from({ length: opts.connections }, async () => {
          while (next < opts.contacts) { const i = next++; registered[i] = await register(client, worker, i, i % CONSENT_EVERY === 0, took); }
        }));
        const registerSeconds = secondsSince(started);
        const registeredAt = Date.now();
        const expected = registered.reduce((s, r) => s + r.events, 0);
        const duringRegistration = check(receiver, registered).mine.length;
        // the dispatcher as it runs in production: woken by each commit, and the minute's tick
        await awaitAll(receiver, registered, expected, { quietMs: DELIVERY_WAIT_MS, maxMs: DELIVERY_WAIT_MS });
        const byDeadline = check(receiver, registered).mine;
        // what is still pending then is delivered by passes driven from here (runOnce, the real clock), so that the
        // figure can say whether anything was lost and the next figure starts with nothing waiting; counted as late
        let forcedPasses = 0;
        if (byDeadline.length < expected) {
          await awaitAll(receiver, registered, expected, { quietMs: 30_000, maxMs: 300_000, each: async () => { forcedPasses++; await target.runOnce(0); } });
        }
        const c = check(receiver, registered);
        const lastAt = c.mine.reduce((m, r) => Math.max(m, r.at), 0);
        const lastByDeadline = byDeadline.reduce((m, r) => Math.max(m, r.at), 0);
        const latencies = c.mine.map((r) => r.at - r.time).sort((x, y) => x - y);
        const failed = registered.filter((r) => r.problem);
        took.sort((x, y) => x - y);
        result.delivery = {
          latencies, perSecond: c.mine.length / Math.max(0.001, (lastAt - startedWall) / 1000),
          errors: c.missing + c.outOfOrder + receiver.badSignatures + failed.length,
        };
        const consents = registered.filter((r) => r.events > 1).length;
        result.notes.push(`integration: webhook delivery: ${opts.contacts} contacts (${consents} of them with a consent given and withdrawn: ${expected} events, ${took.length} requests) `
          + `registered in ${registerSeconds.toFixed(1)} s by ${opts.connections} lanes (${(took.length / registerSeconds).toFixed(0)} req/s; their POSTs p50 ${ms(pct(took, 50))}, p95 ${ms(pct(took, 95))} ms); `
          + `${duringRegistration} events received while registering (${(duringRegistration / registerSeconds).toFixed(0)}/s), ${byDeadline.length} by ${DELIVERY_WAIT_MS / 1000} s after the last registration `
          + `(the last of them ${((lastByDeadline - registeredAt) / 1000).toFixed(1)} s after it)`
          + (forcedPasses ? `; the other ${c.mine.length - byDeadline.length} were still pending and came with ${forcedPasses} passes driven from the bench (their latencies, in the row, are lower bounds)` : '')
          + `; latency from the event's time (its transaction's start) to receipt; req/s: events delivered a second from the first POST to the last receipt; `
          + `${c.mine.length} of ${c.expected} received: missing ${c.missing}, duplicates ${receiver.duplicates}, out of sequence order within a subject ${c.outOfOrder}, bad signatures ${receiver.badSignatures}`
          + (failed.length ? `; ${failed.length} registrations failed: ${failed[0]!.problem}` : ''));
      }

      // 3. the receiver answers 500 for a while, contacts registered meanwhile, then recovers
      if (opts.figures.outage) {
        opts.log(`receiver down ${opts.outageSeconds} s… `);
        const refusedBefore = receiver.refused;
        const took: number[] = [];
        const registered: Registered[] = [];
        const chains: Promise<void>[] = [];
        receiver.down = true;
        const downAt = performance.now();
        // one contact's three requests every 3/rate s: `outageRate` requests a second
        const step = (1000 * EVENTS_PER_CONTACT) / opts.outageRate;
        for (let n = 0; ; n++) {
          const due = downAt + n * step;
          if (due >= downAt + opts.outageSeconds * 1000) break;
          const wait = due - performance.now();
          if (wait > 1) await sleep(wait);
          chains.push(register(client, worker, 1_000_000 + n, true, took).then((r) => { registered.push(r); }));
        }
        const wait = downAt + opts.outageSeconds * 1000 - performance.now();
        if (wait > 0) await sleep(wait);
        receiver.down = false;
        const recoveredAt = Date.now();
        await Promise.all(chains);
        const refused = receiver.refused - refusedBefore;
        const expected = registered.reduce((s, r) => s + r.events, 0);

        // the retries: due 30 s (retryDelaySeconds(1)) after each failure; a longer outage gives more failures per delivery
        let attempts = 1;
        for (let since = retryDelaySeconds(1); since < opts.outageSeconds; since += retryDelaySeconds(attempts)) attempts++;
        const aheadMs = (retryDelaySeconds(attempts) + 5) * 1000;
        let passes = 0;
        if (opts.clock === 'test') {
          if (aheadMs / 1000 >= SIGNATURE_TOLERANCE_SECONDS) result.notes.push(`integration: the outage is too long for the test clock: ${aheadMs / 1000} s ahead is outside the signature's tolerance`);
          await awaitAll(receiver, registered, expected, {
            quietMs: 30_000, maxMs: 300_000,
            each: async () => { passes++; await target.runOnce(aheadMs); },
          });
        } else {
          await awaitAll(receiver, registered, expected, { quietMs: 150_000, maxMs: 600_000 });
        }
        const c = check(receiver, registered);
        const lastAt = c.mine.reduce((m, r) => Math.max(m, r.at), recoveredAt);
        const backlogSeconds = (lastAt - recoveredAt) / 1000;
        const latencies = c.mine.map((r) => Math.max(0, r.at - recoveredAt)).sort((x, y) => x - y);
        const failed = registered.filter((r) => r.problem);
        took.sort((x, y) => x - y);
        const counts = await countsOf(client, admin, sub.id);
        result.outage = {
          latencies, perSecond: c.mine.length / Math.max(0.001, backlogSeconds),
          errors: c.missing + c.outOfOrder + receiver.badSignatures + failed.length,
        };
        const how = opts.clock === 'test'
          ? `the dispatcher's runOnce driven from recovery with its clock ${aheadMs / 1000} s ahead (past every retry's due time), ${passes} calls`
          : 'the real clock: the retries\' backoff, then the dispatcher\'s minute tick';
        result.notes.push(`integration: receiver down: ${registered.length} contacts (${took.length} requests, ${opts.outageRate}/s; their POSTs p50 ${ms(pct(took, 50))}, p95 ${ms(pct(took, 95))} ms) `
          + `registered in the ${opts.outageSeconds} s the receiver answered 500 (${refused} requests refused); after recovery, ${how}: `
          + `${c.mine.length} of ${c.expected} events delivered, the last ${backlogSeconds.toFixed(1)} s after recovery; `
          + `latency from recovery to receipt; req/s: backlog events delivered a second; missing ${c.missing}, duplicates ${receiver.duplicates}, out of sequence order within a subject ${c.outOfOrder}, `
          + `bad signatures ${receiver.badSignatures}; the subscription's ${countsNote(counts)}` + (failed.length ? `; ${failed.length} registrations failed: ${failed[0]!.problem}` : ''));
      }
    }
    return result;
  } finally {
    await receiver.close();
    client.agent.destroy();
    await target.stop();
  }
}

// ------------------------------------------------------------------------------------------------
// the app's process

interface IntegrationTarget { appUrl: string; kind: string; runOnce: (aheadMs: number) => Promise<void>; stop: () => Promise<void> }

/** The database server for the app's own database: DATABASE_URL, else BENCH_DATABASE_URL's server (its maintenance database). */
function serverEnv(): Record<string, string> {
  if (process.env.DATABASE_URL || !process.env.BENCH_DATABASE_URL) return {};
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = '/postgres';
  return { DATABASE_URL: url.href };
}

async function startIntegrationTarget(): Promise<IntegrationTarget> {
  const child: ChildProcess = fork(import.meta.filename, ['--integration-target'], {
    execArgv: ['--import', 'tsx'], stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env: { ...process.env, ...serverEnv() },
  });
  const ready = await new Promise<{ appUrl: string; kind: string }>((resolve, reject) => {
    child.on('message', (m: { ready?: { appUrl: string; kind: string } }) => { if (m.ready) resolve(m.ready); });
    child.on('exit', (code) => reject(new Error(`the integration target exited with ${code}`)));
  });
  let seq = 0;
  const waiting = new Map<number, () => void>();
  child.on('message', (m: { ran?: number }) => {
    if (m.ran === undefined) return;
    waiting.get(m.ran)?.();
    waiting.delete(m.ran);
  });
  return {
    ...ready,
    runOnce: (aheadMs) => new Promise<void>((resolve) => { const id = ++seq; waiting.set(id, resolve); child.send({ runOnce: { id, aheadMs } }); }),
    stop: () => new Promise<void>((resolve) => { child.removeAllListeners('exit'); child.on('exit', () => resolve()); child.send({ stop: true }); }),
  };
}

/** The forked process: the app on a fresh database, with WEBHOOK_ALLOW_HTTP=on and the dispatcher (main.ts's wiring). */
async function serve(): Promise<void> {
  const { buildApp } = await import('../src/server/app.js');
  const { testConfig } = await import('../src/server/platform/config.js');
  const { createTestDatabase } = await import('../src/server/test/support.js');
  const { createDispatcher } = await import('../src/server/features/integration/public.js');
  const database = await createTestDatabase();
  const config = testConfig({
    logLevel: 'silent', webhookAllowHttp: true,
    publicLimits: { perAddressPerHour: 1_000_000, perPhonePerDay: 1_000_000 }, searchLimitPerMinute: 1_000_000_000,
  });
  const app = await buildApp({ config, database, clock: () => new Date() }, { web: false, logger: false });
  // after buildApp: the dispatcher hears opastin_outbox on the app's listening connection
  const dispatcher: IntegrationDispatcher = createDispatcher(database, config, app.log);
  // the job queue's minute (main.ts: integration-dispatch, '* * * * *')
  const tick = setInterval(() => { void dispatcher.runOnce(new Date()); }, 60_000);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send!({ ready: { appUrl: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, kind: database.kind } });

  process.on('message', (message: { stop?: boolean; runOnce?: { id: number; aheadMs: number } }) => {
    if (message.runOnce) {
      const { id, aheadMs } = message.runOnce;
      void dispatcher.runOnce(new Date(Date.now() + aheadMs)).finally(() => process.send!({ ran: id }));
    }
    if (message.stop) {
      void (async () => {
        clearInterval(tick);
        await dispatcher.stop();
        await app.close();
        await database.close();
        process.exit(0);
      })();
    }
  });
}

if (process.argv.includes('--integration-target')) {
  serve().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
