/**
 * The chat's live transport (issue 16), beside the contacts' (ADR 0013): the database announces
 * every stored message and every change of a chat's state on `opastin_chat` (migration 0019); the
 * app announces typing there too. The process's one listening connection hears it
 * (ContactChanges.addChannel), so a message stored through any process reaches the streams of
 * every process. Streams then read what is new from the table, never from the payload: the payload
 * is ids and numbers (no words travel through NOTIFY, which every listening session could see).
 * After the listener reconnects, every stream gets a `resync` and reads again: nothing is lost.
 */
import { EventEmitter } from 'node:events';
import { sql } from 'kysely';
import type { Database } from '../../platform/db.js';
import type { ContactChanges } from './contact-changes.js';

export const CHAT_CHANNEL = 'opastin_chat';
/** Typing shows this long after the last signal (the client signals at most every 3 s while typing). */
export const TYPING_MS = 6_000;

export interface ChatNotice {
  chat: string;
  county: string;
  contact: string;
  kind: 'message' | 'state' | 'typing' | 'resync';
  seq: number;
  by?: 'resident' | 'worker';
  typing?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parse(payload: string): ChatNotice | null {
  try {
    const v = JSON.parse(payload) as Partial<ChatNotice>;
    if (![v.chat, v.county, v.contact].every((x) => typeof x === 'string' && UUID.test(x))) return null;
    if (v.kind !== 'message' && v.kind !== 'state' && v.kind !== 'typing') return null;
    const n: ChatNotice = { chat: v.chat!, county: v.county!, contact: v.contact!, kind: v.kind, seq: typeof v.seq === 'number' ? v.seq : 0 };
    if (v.kind === 'typing') {
      if (v.by !== 'resident' && v.by !== 'worker') return null;
      n.by = v.by;
      n.typing = v.typing === true;
    }
    return n;
  } catch {
    return null;
  }
}

export class ChatChanges {
  private readonly emitter = new EventEmitter();
  /** chat id → until when each side is typing (ms since epoch) */
  private readonly typingUntil = new Map<string, { resident: number; worker: number }>();

  constructor(private readonly database: Database, changes: ContactChanges) {
    this.emitter.setMaxListeners(0);
    changes.addChannel(CHAT_CHANNEL, (payload) => this.receive(payload), () => this.resyncEverywhere());
  }

  subscribeChat(chatId: string, listener: (n: ChatNotice) => void): () => void {
    const key = `chat:${chatId}`;
    this.emitter.on(key, listener);
    return () => { this.emitter.off(key, listener); };
  }

  subscribeCounty(countyId: string, listener: (n: ChatNotice) => void): () => void {
    const key = `county:${countyId}`;
    this.emitter.on(key, listener);
    return () => { this.emitter.off(key, listener); };
  }

  /** Streams of a chat open in this process (tests, metrics). */
  listeners(chatId: string): number {
    return this.emitter.listenerCount(`chat:${chatId}`);
  }

  isTyping(chatId: string, by: 'resident' | 'worker', now = Date.now()): boolean {
    const t = this.typingUntil.get(chatId);
    return t !== undefined && t[by] > now;
  }

  /** Announces typing to every process (NOTIFY through the pool: one statement, nothing stored). */
  async announceTyping(n: { chat: string; county: string; contact: string; by: 'resident' | 'worker'; typing: boolean }): Promise<void> {
    const payload = JSON.stringify({ ...n, kind: 'typing', seq: 0 });
    await sql`select pg_notify(${CHAT_CHANNEL}, ${payload})`.execute(this.database.db);
  }

  private receive(payload: string): void {
    const n = parse(payload);
    if (!n) return;
    if (n.kind === 'typing') {
      const t = this.typingUntil.get(n.chat) ?? { resident: 0, worker: 0 };
      t[n.by!] = n.typing ? Date.now() + TYPING_MS : 0;
      if (t.resident === 0 && t.worker === 0) this.typingUntil.delete(n.chat); else this.typingUntil.set(n.chat, t);
    } else if (n.kind === 'message' && this.typingUntil.has(n.chat)) {
      // a message ends its sender's typing; which side sent it is read from the table, so clear both
      this.typingUntil.delete(n.chat);
    }
    this.emitter.emit(`chat:${n.chat}`, n);
    this.emitter.emit(`county:${n.county}`, n);
    if (this.typingUntil.size > 10_000) this.prune();
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, t] of this.typingUntil) if (t.resident < now && t.worker < now) this.typingUntil.delete(id);
  }

  private resyncEverywhere(): void {
    for (const key of this.emitter.eventNames()) {
      if (typeof key !== 'string') continue;
      const [kind, id] = key.split(':') as [string, string];
      const notice: ChatNotice = kind === 'chat'
        ? { chat: id, county: '', contact: '', kind: 'resync', seq: 0 }
        : { chat: '', county: id, contact: '', kind: 'resync', seq: 0 };
      this.emitter.emit(key, notice);
    }
  }
}
