/**
 * The worker's chat without a browser (issue 16), kept apart so it is unit-tested in Node: what
 * the stream's chat events are, how a transcript grows (ordered by seq, nothing twice), the
 * messages still on their way (the outbox: resent with the same clientId until acknowledged),
 * the typing signal's pace, the composer's keys and limits, and what is unread.
 */
import type { ChatChange, ChatMessage, MyChats, WorkerChat } from '../../server/features/chat/chat.schemas';

export const CHAT_MAX = 2000;
/** The typing signal is sent at most this often while the worker types. */
export const TYPING_EVERY_MS = 3000;
/** The resident's typing shows this long after their last signal (as the resident's page clears the worker's). */
export const TYPING_SHOWN_MS = 6000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseObject(data: string): Record<string, unknown> | null {
  let v: unknown;
  try { v = JSON.parse(data); } catch { return null; }
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** The data of an `event: chat` of `/api/events`, or null when it is not one (ignored, never thrown). */
export function parseChatChange(data: string): ChatChange | null {
  const o = parseObject(data);
  if (!o) return null;
  if (typeof o.contactId !== 'string' || !UUID.test(o.contactId)) return null;
  if (o.kind !== 'message' && o.kind !== 'state') return null;
  const seq = typeof o.seq === 'number' && Number.isInteger(o.seq) && o.seq >= 0 ? o.seq : 0;
  return { contactId: o.contactId, chatId: typeof o.chatId === 'string' ? o.chatId : '', kind: o.kind, seq };
}

/** The data of an `event: chat-typing` of `/api/events`: the resident is (not) typing. */
export function parseChatTyping(data: string): { contactId: string; typing: boolean } | null {
  const o = parseObject(data);
  if (!o || typeof o.contactId !== 'string' || !UUID.test(o.contactId) || typeof o.typing !== 'boolean') return null;
  return { contactId: o.contactId, typing: o.typing };
}

/** The transcript with `incoming` added: one message per seq (the later copy wins), ordered by seq. */
export function mergeMessages(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return existing as ChatMessage[];
  const bySeq = new Map<number, ChatMessage>();
  for (const m of existing) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The chat after a fetch: the whole chat (no `after`) replaces it, a `?after=` answer adds its
 * messages and takes its state. An answer older than what is shown (its lastSeq below ours, a slow
 * request overtaken by a newer one) adds its messages but leaves the state.
 */
export function applyChat(current: WorkerChat | undefined, answer: WorkerChat, after: number | null): WorkerChat {
  if (!current || after === null || current.chatId !== answer.chatId) return { ...answer, messages: mergeMessages([], answer.messages) };
  const messages = mergeMessages(current.messages, answer.messages);
  const lastSeq = Math.max(current.lastSeq, answer.lastSeq, messages.at(-1)?.seq ?? 0);
  if (answer.lastSeq < current.lastSeq) return { ...current, messages, lastSeq };
  return { ...answer, messages, lastSeq };
}

/** The resident's messages in `next` that `previous` did not have (to announce them), in order. */
export function newResidentMessages(previous: readonly ChatMessage[] | undefined, next: readonly ChatMessage[]): ChatMessage[] {
  if (!previous) return [];
  const seen = new Set(previous.map((m) => m.seq));
  return next.filter((m) => m.sender === 'resident' && !seen.has(m.seq));
}

/** What the worker sends: text, a saved reply or a service card (exactly one), under its own clientId. */
export type OutgoingBody = { clientId: string } & ({ text: string } | { savedReplyId: string } | { serviceId: string });

/** A message on its way: shown below the transcript until the transcript holds its clientId. */
export interface Pending {
  clientId: string;
  body: OutgoingBody;
  /** What the worker sees for it: the text, or the saved reply's or service's name. */
  label: string;
  state: 'sending' | 'retrying' | 'failed';
  attempts: number;
  error?: string;
  /** The seq the server acknowledged it with. */
  seq?: number;
}

/** The pending messages the transcript does not hold yet (an acknowledged one leaves once it is shown: its clientId, or its seq). */
export function prunePending(pending: readonly Pending[], messages: readonly ChatMessage[]): Pending[] {
  const delivered = new Set(messages.map((m) => m.clientId).filter((id): id is string => !!id));
  const seqs = new Set(messages.map((m) => m.seq));
  const left = pending.filter((p) => !delivered.has(p.clientId) && !(p.seq !== undefined && seqs.has(p.seq)));
  return left.length === pending.length ? (pending as Pending[]) : left;
}

/**
 * Whether a failed send is tried again by itself, with the same clientId (the server answers a
 * resend with the first seq, nothing twice): a network error, an overloaded or failing server, a
 * rate limit. A 4xx that says what is wrong (too long, the chat ended, held by another) is not.
 */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500;
}

/** The wait before the next automatic try (1 s, 2 s, 4 s, 8 s), or null after `max` tries: then the worker resends by hand. */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number | null, max = 4): number | null {
  if (attempts >= max) return null;
  const base = 1000 * 2 ** Math.max(0, attempts - 1);
  return Math.min(30_000, Math.max(base, (retryAfterSeconds ?? 0) * 1000));
}

/** The composer's text as it would be sent, and whether it can be. */
export function composerState(text: string): { length: number; tooLong: boolean; canSend: boolean } {
  const length = [...text].length;
  const trimmed = text.trim();
  return { length, tooLong: length > CHAT_MAX, canSend: trimmed.length > 0 && length <= CHAT_MAX };
}

/** Enter sends; Shift+Enter (or Enter while an input method composes a word) is a new line. */
export function isSendKey(e: { key: string; shiftKey: boolean; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; isComposing?: boolean }): boolean {
  return e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.metaKey && !e.isComposing;
}

/**
 * The typing signal: `true` when the worker types and none was sent in the last 3 s; `false` once,
 * when the text is emptied or sent after a `true`. Returns the signal to send (or null) and the
 * state to keep.
 */
export interface TypingState { lastSentAt: number | null; typing: boolean }
export function typingSignal(state: TypingState, now: number, hasText: boolean): { send: boolean | null; state: TypingState } {
  if (!hasText) return state.typing ? { send: false, state: { lastSentAt: null, typing: false } } : { send: null, state };
  if (state.lastSentAt !== null && now - state.lastSentAt < TYPING_EVERY_MS) return { send: null, state };
  return { send: true, state: { lastSentAt: now, typing: true } };
}

/** The time the resident's last message was stored (server clock), or null. */
export function lastResidentAt(messages: readonly ChatMessage[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]!.sender === 'resident') return messages[i]!.at;
  return null;
}

/**
 * Which of the worker's chats have a resident's message the worker has not seen: its last
 * resident message is later than the one the worker last saw (both the server's timestamps, so the
 * browser's clock does not matter). `current` (the chat open in front of the worker) is never unread.
 */
export function unreadChats(items: MyChats['items'], seen: Readonly<Record<string, string>>, current?: string | null): Set<string> {
  const out = new Set<string>();
  for (const i of items) {
    if (i.contactId === current || i.status === 'ended' || !i.lastResidentAt) continue;
    const s = seen[i.contactId];
    if (!s || Date.parse(i.lastResidentAt) > Date.parse(s)) out.add(i.contactId);
  }
  return out;
}

/** The seen-map with `contactId` seen up to `at`, or the same map when that is not later (keep at most `keep` chats). */
export function markSeen(seen: Readonly<Record<string, string>>, contactId: string, at: string, keep = 100): Record<string, string> {
  const before = seen[contactId];
  if (before && Date.parse(before) >= Date.parse(at)) return seen as Record<string, string>;
  const { [contactId]: _, ...rest } = seen;
  const entries = Object.entries(rest);
  return Object.fromEntries([...entries.slice(Math.max(0, entries.length - keep + 1)), [contactId, at]]);
}

/** The numbers of a 409 `chat_limit`: from the problem when it carries them, else from the worker's chats. */
export function chatLimitNumbers(problem: Record<string, unknown>, mine?: Pick<MyChats, 'total' | 'maxPerWorker'> | null): { n: number | null; max: number | null } {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    n: num(problem.activeChats) ?? num(problem.active) ?? (mine ? mine.total : null),
    max: num(problem.maxPerWorker) ?? num(problem.max) ?? (mine ? mine.maxPerWorker : null),
  };
}

/** HH:MM of a 24-hour clock, as the chat's hours are written. */
export const CLOCK_RE = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** A typed time ("8", "8.30", "08:30", "8:30") as HH:MM, or null. */
export function parseClock(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
