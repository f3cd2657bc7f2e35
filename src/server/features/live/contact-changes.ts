/**
 * Live updates (issue 14, ADR 0013): every insert or update of `contact` is announced by the
 * database on the channel `opastin_contact` (the trigger of migration 0013), so that every app
 * process hears every change, whichever process made it. One listener per process fans the
 * changes out in-process, keyed by county, to the open event streams (`GET /api/events`).
 *
 * - PostgreSQL server: a dedicated connection (not one of the pool's) LISTENs. After any error or
 *   end it reconnects with backoff, and after reconnecting announces a `bulk` change to every
 *   county with open streams: clients refetch, so nothing is lost during the gap. A database
 *   fault never ends the process.
 * - Embedded database: the PGlite instance's own listen().
 *
 * The payload holds no personal data: ids, status, line, acute, user ids.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db.js';
import type { ContactChange } from '../contacts/contacts.schemas.js';
import { loadCountyCodes } from '../contacts/public.js';

export const CONTACT_CHANNEL = 'opastin_contact';
/** The listener's connection names itself, so operators (and the tests) can find it in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = 'opastin-live';

/** The trigger's payload (migration 0013): one row's change, or a county's many rows at once. */
interface Notification {
  county: string;
  op: 'insert' | 'update' | 'bulk';
  id?: string;
  status?: ContactChange['status'];
  line?: string | null;
  acute?: boolean | null;
  assigned?: string | null;
  by?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES = new Set(['new', 'in_progress', 'waiting', 'closed']);

function parseNotification(payload: string): Notification | null {
  try {
    const v = JSON.parse(payload) as Partial<Notification>;
    if (typeof v.county !== 'string' || !UUID.test(v.county)) return null;
    if (v.op === 'bulk') return { county: v.county, op: 'bulk' };
    if ((v.op !== 'insert' && v.op !== 'update') || typeof v.id !== 'string' || !UUID.test(v.id)) return null;
    return {
      county: v.county, op: v.op, id: v.id,
      status: typeof v.status === 'string' && STATUSES.has(v.status) ? v.status : null,
      line: typeof v.line === 'string' && UUID.test(v.line) ? v.line : null,
      acute: typeof v.acute === 'boolean' ? v.acute : null,
      assigned: typeof v.assigned === 'string' && UUID.test(v.assigned) ? v.assigned : null,
      by: typeof v.by === 'string' && UUID.test(v.by) ? v.by : null,
    };
  } catch {
    return null;
  }
}

export const bulkChange = (): ContactChange => ({ id: null, op: 'bulk', status: null, line: null, acute: null, assignedUserId: null, createdByUserId: null });

export interface ListenerStatus { kind: 'embedded' | 'postgresql' | 'stopped'; connected: boolean; reconnects: number }

interface ChannelHandler { onPayload: (payload: string) => void; onReconnected: () => void }

/** Each database's listener in this process: the app's (see listenerOf). */
const processListeners = new WeakMap<Database, ContactChanges>();

/**
 * The process's listening connection to this database, for code created beside the app rather
 * than inside it (the integration dispatcher of main.ts hears opastin_outbox on it). Undefined in
 * a process without the app.
 */
export function listenerOf(database: Database): ContactChanges | undefined {
  return processListeners.get(database);
}

/** The process's one listener and its in-process fan-out. */
export class ContactChanges {
  private readonly emitter = new EventEmitter();
  private stopListening: (() => Promise<void>) | null = null;
  private pgListener: PgListener | null = null;
  /** other channels heard on the same connection (the chat's, issue 16; the outbox's, issue 19), with their handlers and reconnection hooks */
  private readonly others = new Map<string, Set<ChannelHandler>>();
  /** the embedded database's unlisten functions, while started */
  private embeddedStops: (() => Promise<void>)[] = [];
  /** changes are mapped (line id → code) one at a time, so that every stream sees them in order */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly database: Database, private readonly log: FastifyBaseLogger) {
    this.emitter.setMaxListeners(0);
    processListeners.set(database, this);
  }

  /**
   * Hears another channel on the process's one listening connection, before or after start (a
   * channel added late is listened to at once). Several handlers may hear one channel. Returns the
   * handler's removal.
   */
  addChannel(channel: string, onPayload: (payload: string) => void, onReconnected: () => void): () => void {
    // the name goes into a LISTEN statement as is
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    let handlers = this.others.get(channel);
    const added = !handlers;
    if (!handlers) { handlers = new Set(); this.others.set(channel, handlers); }
    const handler = { onPayload, onReconnected };
    handlers.add(handler);
    if (added) this.listenLate(channel);
    return () => { handlers.delete(handler); };
  }

  async start(): Promise<void> {
    if (this.stopListening || this.pgListener) return;
    if (this.database.listen) {
      const stops = [await this.database.listen(CONTACT_CHANNEL, (payload) => this.receive(payload))];
      for (const channel of this.others.keys()) stops.push(await this.database.listen(channel, this.hear(channel)));
      this.embeddedStops = stops;
      this.stopListening = async () => { for (const stop of stops.splice(0)) await stop(); };
    } else if (this.database.url) {
      const handlers = new Map<string, (payload: string) => void>([[CONTACT_CHANNEL, (payload) => this.receive(payload)]]);
      for (const channel of this.others.keys()) handlers.set(channel, this.hear(channel));
      this.pgListener = new PgListener(this.database, handlers, () => {
        this.bulkEverywhere();
        for (const set of this.others.values()) for (const h of set) h.onReconnected();
      }, this.log);
      this.pgListener.start();
    }
  }

  /** Calls every handler of a channel; one handler's failure does not keep the others from hearing. */
  private hear(channel: string): (payload: string) => void {
    return (payload) => {
      for (const h of this.others.get(channel) ?? []) {
        try { h.onPayload(payload); } catch (err) { this.log.error({ err, channel }, 'a listener of a channel failed'); }
      }
    };
  }

  /** A channel added after start: listened to on the running connection. */
  private listenLate(channel: string): void {
    if (this.stopListening && this.database.listen) {
      const stops = this.embeddedStops;
      void this.database.listen(channel, this.hear(channel)).then(async (stop) => {
        // stopped meanwhile: unlisten at once
        if (this.embeddedStops !== stops || !this.stopListening) await stop(); else stops.push(stop);
      }, (err: unknown) => this.log.error({ err, channel }, 'could not listen to a channel'));
    } else if (this.pgListener) {
      this.pgListener.addChannel(channel, this.hear(channel));
    }
  }

  async stop(): Promise<void> {
    const stop = this.stopListening;
    this.stopListening = null;
    this.embeddedStops = [];
    await stop?.().catch(() => undefined);
    await this.pgListener?.stop();
    this.pgListener = null;
    this.emitter.removeAllListeners();
  }

  status(): ListenerStatus {
    if (this.stopListening) return { kind: 'embedded', connected: true, reconnects: 0 };
    if (this.pgListener) return { kind: 'postgresql', connected: this.pgListener.connected, reconnects: this.pgListener.reconnects };
    return { kind: 'stopped', connected: false, reconnects: 0 };
  }

  /** Subscribes to a county's changes; returns the unsubscribe. */
  subscribe(countyId: string, listener: (change: ContactChange) => void): () => void {
    this.emitter.on(countyId, listener);
    return () => { this.emitter.off(countyId, listener); };
  }

  /** The connection was lost and is back: every open stream refetches (what changed meanwhile was not heard). */
  bulkEverywhere(): void {
    for (const county of this.emitter.eventNames()) if (typeof county === 'string') this.emitter.emit(county, bulkChange());
  }

  /** Open streams of a county (for the tests and metrics). */
  listeners(countyId: string): number {
    return this.emitter.listenerCount(countyId);
  }

  private receive(payload: string): void {
    const n = parseNotification(payload);
    if (!n) return;
    if (this.emitter.listenerCount(n.county) === 0) return;
    this.queue = this.queue.then(async () => {
      let line: string | null = null;
      if (n.line) {
        try {
          line = (await loadCountyCodes(this.database.db, n.county)).lineCodeById.get(n.line) ?? null;
        } catch {
          line = null; // the database is away: the change still goes out, without its line
        }
      }
      const change: ContactChange = n.op === 'bulk' ? bulkChange() : {
        id: n.id ?? null, op: n.op, status: n.status ?? null, line, acute: n.acute ?? null, assignedUserId: n.assigned ?? null, createdByUserId: n.by ?? null,
      };
      this.emitter.emit(n.county, change);
    }).catch((err: unknown) => this.log.error({ err }, 'live update could not be delivered'));
  }
}

const PING_MS = 30_000;
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 10_000;

/**
 * A dedicated LISTEN connection to a PostgreSQL server that keeps itself alive: reconnects with
 * exponential backoff (250 ms … 10 s, with jitter) after an error, an end or a failed ping, and
 * calls `onReconnected` after every reconnection. Never throws.
 */
class PgListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private attempt = 0;
  private everConnected = false;
  private timer: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;
  connected = false;
  reconnects = 0;

  constructor(
    private readonly database: Database,
    private readonly handlers: Map<string, (payload: string) => void>,
    private readonly onReconnected: () => void,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    void this.connect();
  }

  /** Listens to one more channel: now when connected, else at the next connection (which listens to every handler's channel). */
  addChannel(channel: string, handler: (payload: string) => void): void {
    this.handlers.set(channel, handler);
    const client = this.client;
    if (client && this.connected) client.query(`listen ${channel}`).catch(() => this.lost(client, 'listen'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.ping) clearInterval(this.ping);
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) await endQuietly(client);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const t = this.database.timeouts;
    const client = new pg.Client({
      connectionString: this.database.url,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      keepAliveInitialDelayMillis: t?.keepAliveMs ?? 10_000,
      connectionTimeoutMillis: t?.connectMs ?? 5_000,
      // a server that stops answering (a partition) fails the ping instead of hanging it
      query_timeout: (t?.connectMs ?? 5_000) * 2,
    });
    this.client = client;
    client.on('error', () => this.lost(client, 'error'));
    client.on('end', () => this.lost(client, 'end'));
    // an empty payload is a signal too (the outbox's NOTIFY carries none)
    client.on('notification', (m) => { this.handlers.get(m.channel)?.(m.payload ?? ''); });
    try {
      await client.connect();
      for (const channel of this.handlers.keys()) await client.query(`listen ${channel}`);
    } catch {
      this.lost(client, 'connect');
      return;
    }
    if (this.stopped || this.client !== client) { await endQuietly(client); return; }
    this.connected = true;
    this.attempt = 0;
    this.ping = setInterval(() => { client.query('select 1').catch(() => this.lost(client, 'ping')); }, PING_MS);
    this.ping.unref();
    if (this.everConnected) {
      this.reconnects++;
      this.log.info('live updates: listening again; open streams refetch');
      this.onReconnected();
    }
    this.everConnected = true;
  }

  private lost(client: pg.Client, why: string): void {
    if (this.client !== client) return;
    this.client = null;
    this.connected = false;
    if (this.ping) { clearInterval(this.ping); this.ping = null; }
    void endQuietly(client);
    if (this.stopped) return;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt) * (0.75 + Math.random() / 2);
    this.attempt = Math.min(this.attempt + 1, 10);
    if (this.everConnected || this.attempt === 1) this.log.warn({ why, retryInMs: Math.round(delay) }, 'live updates: the listening connection was lost; reconnecting');
    this.timer = setTimeout(() => { this.timer = null; void this.connect(); }, delay);
    this.timer.unref();
  }
}

async function endQuietly(client: pg.Client): Promise<void> {
  client.removeAllListeners('notification');
  // a listener of 'error' stays: a late socket error must never become an uncaught exception
  client.on('error', () => undefined);
  await Promise.race([client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
