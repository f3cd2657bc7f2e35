/**
 * The resident's chat transport (issue 16): nothing the resident writes or the worker answers is
 * lost on a flaky phone connection. Browser-free apart from what it is given (`ChatDeps`), so the
 * rules are unit-tested without a browser (chat-client.test.ts).
 *
 * - **Outbox.** Every message gets its own `clientId` (a uuid) and waits in the outbox until the
 *   server acknowledges it (201, or 200 for a resend it already stored). After a network error, a
 *   5xx or a reconnect it is sent again with the SAME clientId, so it is stored once; 429 waits the
 *   server's Retry-After. Messages go one at a time, in the order written.
 * - **Ordered, deduplicated messages.** The server numbers every message of the chat (`seq`). The
 *   client keeps them by seq (a second copy replaces nothing but a local placeholder) and knows the
 *   seq up to which it has everything (`synced`); a message after a gap, and every (re)connect of
 *   the stream, fetches `GET /api/public/chats/:id?after=<synced>`.
 * - **Stream.** `EventSource` on `/api/public/chats/:id/events` (the HttpOnly cookie authenticates
 *   it; the browser resends Last-Event-ID itself when it reconnects). When the browser gives up
 *   (an HTTP error), a new one is opened with `?after=<synced>`, after a growing pause.
 * - **Reload.** The chat's id, token and outbox live in sessionStorage: a reload in the same tab
 *   resumes the same chat and resends what was not acknowledged. The token goes as `x-chat-token`,
 *   never in an address.
 */
import type {
  ChatMessage, ChatMessageAck, ChatStart, ChatStarted, ResidentChat, ResidentChatState, ServiceCard,
} from '../../server/features/chat/chat.schemas';
import type { EmergencyContact } from '../../domain/front-door';

/** The server's limit (chat.schemas.ts CHAT_MESSAGE_MAX; a unit test keeps the two equal): the zod schema stays out of the bundle. */
export const CHAT_MESSAGE_MAX = 2000;
export const CHAT_API = '/api/public/chats';
export const CHAT_STORAGE_KEY = 'opastin.chat';
/** "Typing" is sent at most this often while the resident types. */
export const TYPING_INTERVAL_MS = 3000;
/** The worker's "typing" fades this long after their last signal, if the server says nothing more. */
export const TYPING_FADE_MS = 6000;
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;
/** Without EventSource (a very old browser): the chat is fetched this often instead. */
export const POLL_MS = 4000;

export type ChatStatus = ResidentChat['status'];
export type EndedReason = NonNullable<ResidentChat['endedReason']>;
/** The stream: connecting the first time, open, down and being retried, or closed for good (the chat ended). */
export type Connection = 'connecting' | 'open' | 'reconnecting' | 'closed';
/** A message of the resident's own: on its way, stored by the server, being retried after a failure, or refused for good. */
export type Delivery = 'sending' | 'sent' | 'retrying' | 'failed';

/** One line of the conversation as shown: a stored message, or one of the resident's still in the outbox (seq null). */
export interface ShownMessage {
  key: string;
  seq: number | null;
  sender: ChatMessage['sender'];
  kind: ChatMessage['kind'];
  text: string | null;
  card: ServiceCard | null;
  event: ChatMessage['event'];
  workerName: string | null;
  at: string | null;
  /** The resident's own messages only. */
  delivery: Delivery | null;
}

export interface ChatSnapshot {
  id: string;
  reference: string;
  status: ChatStatus;
  endedReason: EndedReason | null;
  acute: boolean;
  emergencyContacts: EmergencyContact[];
  position: number | null;
  estimatedWaitMinutes: number | null;
  workerName: string | null;
  workerTyping: boolean;
  feedbackToken: string | null;
  connection: Connection;
  messages: ShownMessage[];
  /** The chat no longer exists for this resident (erased, or the token is not valid): start afresh. */
  gone: boolean;
  /** Messages were refused because the chat had ended. */
  undelivered: boolean;
  /** The chat's state is known (a chat just started, or the first fetch after a reload answered). */
  loaded: boolean;
}

/** What the client needs of an EventSource. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (e: { data?: unknown; lastEventId?: string }) => void): void;
  close(): void;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ChatDeps {
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body?: string; credentials: 'same-origin' }) => Promise<{ status: number; headers: { get(name: string): string | null }; json(): Promise<unknown> }>;
  /** null: no EventSource in this browser; the chat is polled. */
  EventSource: (new (url: string) => EventSourceLike) | null;
  storage: StorageLike | null;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
  uuid: () => string;
  /** 0…1, for the jitter of the backoff (a reconnect storm spreads out). */
  random: () => number;
}

/** The browser's own. */
export function browserDeps(): ChatDeps {
  let storage: StorageLike | null = null;
  try { storage = window.sessionStorage; } catch { storage = null; } // blocked storage: the chat still works, without resuming after a reload
  return {
    fetch: (url, init) => window.fetch(url, init),
    EventSource: typeof window.EventSource === 'function' ? window.EventSource : null,
    storage,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (h) => window.clearTimeout(h as number),
    now: () => Date.now(),
    uuid: () => crypto.randomUUID(),
    random: () => Math.random(),
  };
}

/** The pause before retry number `attempt` (0, 1, 2…): 1 s doubling to 30 s, plus up to a quarter more at random. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt), RETRY_MAX_MS);
  return Math.round(base * (1 + 0.25 * random()));
}

/** Retry-After in milliseconds: seconds or an HTTP date; null when missing or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

interface Stored { id: string; token: string; reference: string; outbox: { clientId: string; text: string }[] }

/** The chat this tab was in, from sessionStorage (or null). */
export function storedChat(storage: StorageLike | null): Stored | null {
  try {
    const raw = storage?.getItem(CHAT_STORAGE_KEY);
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<Stored>;
    if (typeof v.id !== 'string' || typeof v.token !== 'string') return null;
    const outbox = Array.isArray(v.outbox) ? v.outbox.filter((o) => typeof o?.clientId === 'string' && typeof o.text === 'string') : [];
    return { id: v.id, token: v.token, reference: typeof v.reference === 'string' ? v.reference : '', outbox };
  } catch {
    return null;
  }
}

export function forgetStoredChat(storage: StorageLike | null): void {
  try { storage?.removeItem(CHAT_STORAGE_KEY); } catch { /* nothing to forget */ }
}

/** A refused start: the problem's code, and what comes with it. */
export interface StartRefusal {
  status: number;
  code: string;
  title: string;
  /** 409 chat_closed when the answers say danger, and whenever the server gives them: show them at once. */
  emergencyContacts: EmergencyContact[];
  fields: Record<string, { message: string; code?: string }>;
  retryAfterMs: number | null;
}

interface Response { status: number; body: unknown; retryAfter: string | null }

async function request(deps: ChatDeps, method: string, url: string, opts: { token?: string; lang?: string; body?: unknown; idempotencyKey?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers['x-chat-token'] = opts.token;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  if (opts.lang) headers['accept-language'] = opts.lang;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await deps.fetch(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), credentials: 'same-origin' });
    const body = res.status === 204 ? null : await res.json().catch(() => null);
    return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
  } catch {
    return { status: 0, body: null, retryAfter: null };
  }
}

const problemCode = (body: unknown): string => (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string' ? (body as { code: string }).code : '');

/**
 * Starts a chat: `{ started }` (201), or `{ refused }` with the problem (409 chat_closed, 429
 * rate_limited, 400 with field errors, status 0 for a network error). Give the same
 * `idempotencyKey` when retrying one start (a network error, a double click): the same chat comes back.
 */
export async function startChat(deps: ChatDeps, body: Partial<ChatStart>, lang: string, idempotencyKey?: string): Promise<{ started: ChatStarted } | { refused: StartRefusal }> {
  const res = await request(deps, 'POST', CHAT_API, { body, lang, idempotencyKey });
  if (res.status === 201 || res.status === 200) return { started: res.body as ChatStarted };
  const p = (res.body ?? {}) as { code?: string; title?: string; emergencyContacts?: EmergencyContact[]; errors?: { field: string; message: string; code?: string }[] };
  const fields: StartRefusal['fields'] = {};
  for (const e of p.errors ?? []) fields[e.field.replace(/^(body|querystring|params|headers)\.?/, '')] ??= { message: e.message, code: e.code };
  return {
    refused: {
      status: res.status, code: p.code ?? (res.status === 0 ? 'network' : 'internal'), title: p.title ?? '',
      emergencyContacts: Array.isArray(p.emergencyContacts) ? p.emergencyContacts : [],
      fields, retryAfterMs: retryAfterMs(res.retryAfter, deps.now()),
    },
  };
}

interface OutboxItem { clientId: string; text: string; delivery: 'sending' | 'retrying' | 'failed' }

/**
 * One chat, from the resident's side. `connect()` opens it, `dispose()` lets it go (the page
 * left); `subscribe`/`getSnapshot` fit React's useSyncExternalStore.
 */
export class ChatClient {
  private readonly server = new Map<number, { msg: ChatMessage; local: boolean }>();
  /** Every message up to this seq is here (as the server stored it). */
  private synced = 0;
  private outbox: OutboxItem[] = [];
  private state: Omit<ChatSnapshot, 'messages' | 'connection' | 'gone' | 'undelivered' | 'loaded' | 'id' | 'reference'>;
  private connection: Connection = 'connecting';
  private gone = false;
  private undelivered = false;
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly incomingListeners = new Set<(m: ChatMessage) => void>();
  /** Messages that arrive before the history is loaded are history, not news: they are not announced. */
  private historyLoaded: boolean;
  private es: EventSourceLike | null = null;
  private reconnectTimer: unknown = null;
  private reconnectAttempt = 0;
  private pollTimer: unknown = null;
  private syncing: Promise<void> | null = null;
  private syncAgain = false;
  private inflight = false;
  private sendTimer: unknown = null;
  /** A 429's Retry-After: no sending before this moment, whatever else happens. */
  private sendNotBefore = 0;
  private sendAttempt = 0;
  private lastTypingAt = Number.NEGATIVE_INFINITY;
  private typingFadeTimer: unknown = null;
  private started = false;
  private disposed = false;

  readonly id: string;
  readonly reference: string;
  private readonly token: string;

  constructor(private readonly deps: ChatDeps, session: { id: string; token: string; reference: string; outbox?: { clientId: string; text: string }[] }, private lang: string, initial?: Partial<ChatStarted>) {
    this.id = session.id;
    this.token = session.token;
    this.reference = session.reference;
    this.outbox = (session.outbox ?? []).map((o) => ({ ...o, delivery: 'sending' as const }));
    this.historyLoaded = initial !== undefined; // a chat just started has no history to load
    this.state = {
      status: initial?.status ?? 'waiting', endedReason: null, acute: initial?.acute ?? false, emergencyContacts: initial?.emergencyContacts ?? [],
      position: initial?.position ?? null, estimatedWaitMinutes: initial?.estimatedWaitMinutes ?? null, workerName: null, workerTyping: false, feedbackToken: null,
    };
    this.snapshot = this.build();
    this.persist();
  }

  /** A chat just started: remembered in sessionStorage at once. */
  static fromStarted(deps: ChatDeps, started: ChatStarted, lang: string): ChatClient {
    return new ChatClient(deps, { id: started.id, token: started.token, reference: started.reference }, lang, started);
  }

  /** The chat this tab was in before a reload, or null. */
  static resume(deps: ChatDeps, lang: string): ChatClient | null {
    const s = storedChat(deps.storage);
    return s ? new ChatClient(deps, s, lang) : null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  };

  getSnapshot = (): ChatSnapshot => this.snapshot;

  /** Each new message from the worker or the system, once, as it arrives (not the history): for the live region. */
  onIncoming(listener: (m: ChatMessage) => void): () => void {
    this.incomingListeners.add(listener);
    return () => { this.incomingListeners.delete(listener); };
  }

  setLang(lang: string): void { this.lang = lang; }

  /** Opens the chat: the stream (or polling), and the outbox is sent. Again after `dispose()` (React's strict mode mounts twice). */
  connect(): void {
    if (this.started) return;
    this.started = true;
    this.disposed = false;
    this.emit();
    if (this.gone) return;
    if (this.state.status === 'ended') { void this.sync(); return; }
    // after a reload the history comes first, so the stream starts after it (not with all of it again)
    if (!this.deps.EventSource) this.poll();
    else if (this.historyLoaded) this.openStream();
    else this.reopen();
    void this.pump();
  }

  /** Lets the chat go (the page was left): no stream, no timers. Nothing is forgotten: `connect()` goes on where it was. */
  dispose(): void {
    this.disposed = true;
    this.started = false;
    this.closeStream();
    for (const t of [this.reconnectTimer, this.pollTimer, this.sendTimer, this.typingFadeTimer]) if (t !== null) this.deps.clearTimeout(t);
    this.reconnectTimer = this.pollTimer = this.sendTimer = this.typingFadeTimer = null;
  }

  /** Forgets the chat in this tab (a new chat, or feedback given): a reload no longer resumes it. */
  forget(): void {
    forgetStoredChat(this.deps.storage);
  }

  /**
   * Queues a message and sends it (the outbox keeps it until the server has it). Returns its
   * clientId, or null for an empty or too long text or an ended chat.
   */
  send(text: string): string | null {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > CHAT_MESSAGE_MAX || this.state.status === 'ended' || this.gone) return null;
    const clientId = this.deps.uuid();
    this.outbox.push({ clientId, text: trimmed, delivery: 'sending' });
    this.persist();
    this.emit();
    // the resident stopped typing: say so now (if "typing" was said), and the next keystroke says it again
    if (this.lastTypingAt !== Number.NEGATIVE_INFINITY) void request(this.deps, 'POST', `${CHAT_API}/${this.id}/typing`, { token: this.token, body: { typing: false } });
    this.lastTypingAt = Number.NEGATIVE_INFINITY;
    void this.pump();
    return clientId;
  }

  /** The resident is typing: tells the worker at most every TYPING_INTERVAL_MS. */
  typing(): void {
    if (this.state.status === 'ended' || this.gone || this.disposed) return;
    const now = this.deps.now();
    if (now - this.lastTypingAt < TYPING_INTERVAL_MS) return;
    this.lastTypingAt = now;
    void request(this.deps, 'POST', `${CHAT_API}/${this.id}/typing`, { token: this.token, body: { typing: true } });
  }

  /** The resident leaves (after confirming). True when the server has ended the chat. */
  async leave(): Promise<boolean> {
    const res = await request(this.deps, 'POST', `${CHAT_API}/${this.id}/leave`, { token: this.token, lang: this.lang });
    if (res.status === 204 || res.status === 200 || (res.status === 409 && problemCode(res.body) === 'chat_ended')) {
      if (this.state.status !== 'ended') this.state = { ...this.state, status: 'ended', endedReason: this.state.endedReason ?? 'resident_left', workerTyping: false };
      this.ended();
      await this.sync();
      return true;
    }
    if (res.status === 404 || res.status === 401 || res.status === 403) { this.markGone(); return true; }
    return false;
  }

  /** The network is back (the browser's `online`), or the resident asks: retry now what waits for a pause. */
  nudge(): void {
    if (this.disposed || this.state.status === 'ended' || this.gone) return;
    if (this.sendTimer !== null && this.deps.now() >= this.sendNotBefore) {
      this.deps.clearTimeout(this.sendTimer);
      this.sendTimer = null;
      void this.pump();
    }
    if (this.reconnectTimer !== null) {
      this.deps.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.reopen();
    }
  }

  // --- the stream -------------------------------------------------------------------------

  private openStream(): void {
    if (this.disposed || this.state.status === 'ended' || this.gone || !this.deps.EventSource) return;
    const es = new this.deps.EventSource(`${CHAT_API}/${this.id}/events?after=${this.synced}`);
    this.es = es;
    const mine = (fn: (data: unknown) => void) => (e: { data?: unknown }) => {
      if (this.es !== es || this.disposed) return;
      let data: unknown = null;
      try { data = typeof e.data === 'string' ? JSON.parse(e.data) : null; } catch { return; }
      fn(data);
    };
    es.addEventListener('open', () => {
      if (this.es !== es || this.disposed) return;
      this.reconnectAttempt = 0;
      this.setConnection('open');
      // whatever happened while the stream was down: fetched, and the outbox tried again at once
      void this.sync();
      this.nudge();
    });
    es.addEventListener('message', mine((data) => {
      if (!isMessage(data)) return;
      this.receive([data]);
      if (data.seq > this.synced) void this.sync(); // a gap below it
      this.emit();
    }));
    es.addEventListener('state', mine((data) => {
      if (!data || typeof data !== 'object') return;
      this.applyState(data as Partial<ResidentChatState>);
      this.emit();
    }));
    es.addEventListener('typing', mine((data) => {
      this.setWorkerTyping(Boolean((data as { typing?: unknown } | null)?.typing));
      this.emit();
    }));
    es.addEventListener('end', mine((data) => {
      const reason = (data as { reason?: unknown } | null)?.reason;
      this.closeStream();
      if (reason === 'not_found') { this.markGone(); return; }
      // the last word comes with the chat itself: why it ended, the feedback token, the last messages
      void this.sync().then(() => {
        if (this.state.status !== 'ended' && !this.gone && !this.disposed) this.scheduleReconnect();
      });
    }));
    es.addEventListener('error', () => {
      if (this.es !== es || this.disposed) return;
      if (this.state.status === 'ended') { this.closeStream(); return; }
      this.setConnection('reconnecting');
      if (es.readyState !== 2) return; // CONNECTING: the browser retries by itself, with Last-Event-ID
      this.closeStream();
      this.scheduleReconnect();
    });
  }

  private closeStream(): void {
    this.es?.close();
    this.es = null;
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer !== null) return;
    this.setConnection('reconnecting');
    const delay = backoffDelay(this.reconnectAttempt++, this.deps.random);
    this.reconnectTimer = this.deps.setTimeout(() => { this.reconnectTimer = null; this.reopen(); }, delay);
  }

  /** A new stream (after the browser gave up): the chat is fetched first, so `after` is as far as we know. */
  private reopen(): void {
    if (this.disposed || this.state.status === 'ended' || this.gone) return;
    void this.sync().then(() => {
      if (this.es || this.reconnectTimer !== null) return;
      if (this.state.status === 'ended' || this.gone || this.disposed) return;
      this.openStream();
    });
  }

  private poll(): void {
    if (this.disposed || this.state.status === 'ended' || this.gone) return;
    void this.sync().then(() => {
      if (this.disposed || this.state.status === 'ended' || this.gone) return;
      this.pollTimer = this.deps.setTimeout(() => { this.pollTimer = null; this.poll(); }, POLL_MS);
    });
  }

  /** GET the chat after `synced`: fills gaps, brings the state. One at a time; a call meanwhile runs it once more after. */
  private sync(): Promise<void> {
    if (this.syncing) { this.syncAgain = true; return this.syncing; }
    this.syncing = (async () => {
      do {
        this.syncAgain = false;
        const res = await request(this.deps, 'GET', `${CHAT_API}/${this.id}?after=${this.synced}`, { token: this.token, lang: this.lang });
        if (this.disposed) return;
        if (res.status === 404 || res.status === 401 || res.status === 403) { this.markGone(); return; }
        if (res.status !== 200 || !res.body) {
          // no answer: the stream's own retry (or the next reconnect) fetches again
          if (!this.es && this.deps.EventSource && this.state.status !== 'ended') this.scheduleReconnect();
          return;
        }
        const chat = res.body as ResidentChat;
        const messages = chat.messages ?? [];
        this.receive(messages);
        const lastGot = messages.at(-1)?.seq ?? null;
        if (lastGot !== null && typeof chat.lastSeq === 'number' && lastGot < chat.lastSeq) {
          // one page of a long chat: everything up to its last message is here; the next page follows
          if (lastGot > this.synced) this.synced = lastGot;
          this.syncAgain = true;
        } else if (typeof chat.lastSeq === 'number' && chat.lastSeq > this.synced) {
          this.synced = chat.lastSeq;
        }
        this.advance();
        this.historyLoaded = true;
        this.applyState(chat, true);
        this.emit();
      } while (this.syncAgain && !this.disposed);
    })().finally(() => { this.syncing = null; });
    return this.syncing;
  }

  /** Stored messages, merged by seq: a second copy of a stored one changes nothing; one of the resident's own leaves the outbox. */
  private receive(messages: ChatMessage[]): void {
    for (const m of messages) {
      if (!isMessage(m)) continue;
      const had = this.server.get(m.seq);
      if (had && !had.local) continue;
      this.server.set(m.seq, { msg: m, local: false });
      if (m.clientId) this.outbox = this.outbox.filter((o) => o.clientId !== m.clientId);
      if (m.sender === 'worker') this.setWorkerTyping(false);
      if (!had && this.historyLoaded && m.sender !== 'resident') for (const l of this.incomingListeners) l(m);
    }
    this.advance();
    this.persist();
  }

  private advance(): void {
    for (let next = this.server.get(this.synced + 1); next && !next.local; next = this.server.get(this.synced + 1)) this.synced++;
  }

  /** The chat's state (from the stream or a fetch). A chat seen ending on the stream is fetched once more: its last messages and the feedback token. */
  private applyState(s: Partial<ResidentChatState>, fetched = false): void {
    const wasEnded = this.state.status === 'ended';
    const contacts = Array.isArray(s.emergencyContacts) && s.emergencyContacts.length > 0 ? s.emergencyContacts : this.state.emergencyContacts;
    this.state = {
      status: wasEnded ? 'ended' : (s.status ?? this.state.status),
      endedReason: s.endedReason ?? this.state.endedReason,
      acute: this.state.acute || Boolean(s.acute),
      emergencyContacts: contacts,
      position: s.position !== undefined ? s.position : this.state.position,
      estimatedWaitMinutes: s.estimatedWaitMinutes !== undefined ? s.estimatedWaitMinutes : this.state.estimatedWaitMinutes,
      workerName: s.workerName !== undefined ? s.workerName : this.state.workerName,
      workerTyping: s.workerTyping !== undefined ? s.workerTyping : this.state.workerTyping,
      feedbackToken: s.feedbackToken ?? this.state.feedbackToken,
    };
    if (s.workerTyping !== undefined) this.setWorkerTyping(s.workerTyping);
    if (this.state.status === 'ended' && !wasEnded) {
      this.ended();
      if (!fetched) void this.sync();
    }
  }

  private setWorkerTyping(typing: boolean): void {
    if (this.typingFadeTimer !== null) { this.deps.clearTimeout(this.typingFadeTimer); this.typingFadeTimer = null; }
    this.state = { ...this.state, workerTyping: typing };
    if (typing) {
      this.typingFadeTimer = this.deps.setTimeout(() => {
        this.typingFadeTimer = null;
        this.state = { ...this.state, workerTyping: false };
        this.emit();
      }, TYPING_FADE_MS);
    }
  }

  /** The chat ended: no stream, no retries; what was still waiting was not delivered. */
  private ended(): void {
    this.closeStream();
    if (this.reconnectTimer !== null) { this.deps.clearTimeout(this.reconnectTimer); this.reconnectTimer = null; }
    if (this.sendTimer !== null) { this.deps.clearTimeout(this.sendTimer); this.sendTimer = null; }
    if (this.typingFadeTimer !== null) { this.deps.clearTimeout(this.typingFadeTimer); this.typingFadeTimer = null; }
    this.state = { ...this.state, workerTyping: false, position: null, estimatedWaitMinutes: null };
    if (this.outbox.some((o) => o.delivery !== 'failed')) this.undelivered = true;
    this.outbox = this.outbox.map((o) => ({ ...o, delivery: 'failed' }));
    this.connection = 'closed';
    this.persist();
  }

  private markGone(): void {
    this.gone = true;
    this.ended();
    forgetStoredChat(this.deps.storage);
    this.emit();
  }

  private setConnection(c: Connection): void {
    if (this.connection === c || this.connection === 'closed') return;
    this.connection = c;
    this.emit();
  }

  // --- the outbox -------------------------------------------------------------------------

  /** Sends the outbox's first waiting message; on success the next one. One request at a time keeps the resident's order. */
  private async pump(): Promise<void> {
    if (this.inflight || this.disposed || this.sendTimer !== null || this.gone || this.state.status === 'ended') return;
    const item = this.outbox.find((o) => o.delivery !== 'failed');
    if (!item) return;
    const wait = this.sendNotBefore - this.deps.now();
    if (wait > 0) { // a 429's Retry-After still runs
      this.sendTimer = this.deps.setTimeout(() => { this.sendTimer = null; void this.pump(); }, wait);
      return;
    }
    this.inflight = true;
    const res = await request(this.deps, 'POST', `${CHAT_API}/${this.id}/messages`, { token: this.token, lang: this.lang, body: { clientId: item.clientId, text: item.text } });
    this.inflight = false;
    if (this.disposed) return;
    if (res.status === 201 || res.status === 200) {
      this.sendAttempt = 0;
      this.acknowledged(item, res.body as ChatMessageAck);
      void this.pump();
      return;
    }
    if (res.status === 404 || res.status === 401 || res.status === 403) { this.markGone(); return; }
    if (res.status === 409) {
      // chat_ended (or any other conflict): the chat is over; what it was is fetched
      this.undelivered = true;
      this.outbox = this.outbox.map((o) => ({ ...o, delivery: 'failed' }));
      this.persist();
      this.emit();
      void this.sync();
      return;
    }
    if (res.status === 0 || res.status === 408 || res.status === 429 || res.status >= 500) {
      item.delivery = 'retrying';
      const wait = res.status === 429 ? (retryAfterMs(res.retryAfter, this.deps.now()) ?? backoffDelay(this.sendAttempt, this.deps.random)) : backoffDelay(this.sendAttempt, this.deps.random);
      this.sendAttempt++;
      this.sendNotBefore = res.status === 429 ? this.deps.now() + wait : 0;
      this.emit();
      this.sendTimer = this.deps.setTimeout(() => { this.sendTimer = null; void this.pump(); }, wait);
      return;
    }
    // 400 (too long, or not valid) and the like: this one cannot be sent as it is; the rest can
    item.delivery = 'failed';
    this.persist();
    this.emit();
    void this.pump();
  }

  private acknowledged(item: OutboxItem, ack: ChatMessageAck): void {
    this.outbox = this.outbox.filter((o) => o.clientId !== item.clientId);
    if (ack && typeof ack.seq === 'number' && !this.server.has(ack.seq)) {
      // shown in its place at once; the stream's copy replaces it
      this.server.set(ack.seq, {
        local: true,
        msg: { seq: ack.seq, sender: 'resident', kind: 'text', text: item.text, card: null, event: null, workerName: null, clientId: item.clientId, at: ack.at },
      });
    }
    if (ack?.acute) {
      this.state = { ...this.state, acute: true, emergencyContacts: ack.emergencyContacts?.length ? ack.emergencyContacts : this.state.emergencyContacts };
    }
    this.persist();
    this.emit();
  }

  // --- the snapshot -----------------------------------------------------------------------

  private persist(): void {
    if (this.gone) return;
    const stored: Stored = { id: this.id, token: this.token, reference: this.reference, outbox: this.outbox.filter((o) => o.delivery !== 'failed').map(({ clientId, text }) => ({ clientId, text })) };
    try { this.deps.storage?.setItem(CHAT_STORAGE_KEY, JSON.stringify(stored)); } catch { /* full or blocked: the chat goes on, without resuming after a reload */ }
  }

  private build(): ChatSnapshot {
    const stored = [...this.server.values()].sort((a, b) => a.msg.seq - b.msg.seq).map(({ msg }): ShownMessage => ({
      key: msg.clientId ?? `seq-${msg.seq}`, seq: msg.seq, sender: msg.sender, kind: msg.kind, text: msg.text, card: msg.card, event: msg.event,
      workerName: msg.workerName, at: msg.at, delivery: msg.sender === 'resident' ? 'sent' : null,
    }));
    const waiting = this.outbox.map((o): ShownMessage => ({
      key: o.clientId, seq: null, sender: 'resident', kind: 'text', text: o.text, card: null, event: null, workerName: null, at: null, delivery: o.delivery,
    }));
    return {
      id: this.id, reference: this.reference, ...this.state, connection: this.connection, messages: [...stored, ...waiting],
      gone: this.gone, undelivered: this.undelivered, loaded: this.historyLoaded,
    };
  }

  private emit(): void {
    if (this.disposed) return;
    this.snapshot = this.build();
    for (const l of this.listeners) l();
  }
}

function isMessage(v: unknown): v is ChatMessage {
  return !!v && typeof v === 'object' && typeof (v as ChatMessage).seq === 'number' && (v as ChatMessage).seq >= 1 && typeof (v as ChatMessage).sender === 'string';
}
