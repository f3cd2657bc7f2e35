/** The worker's chat without a browser (issue 16): events, the transcript, the outbox, typing, keys, unread. */
import { describe, expect, it } from 'vitest';
import type { ChatMessage, MyChats, WorkerChat } from '../../server/features/chat/chat.schemas';
import {
  applyChat, chatLimitNumbers, composerState, isRetryable, isSendKey, lastResidentAt, markSeen, mergeMessages, newResidentMessages, parseChatChange, parseChatTyping,
  parseClock, prunePending, retryDelayMs, typingSignal, unreadChats, type Pending,
} from './chat-panel-logic';

const CONTACT = '00000000-0000-4000-8000-0000000000aa';
const OTHER = '00000000-0000-4000-8000-0000000000bb';
const CHAT = '00000000-0000-4000-8000-0000000000cc';
const CLIENT = '00000000-0000-4000-8000-0000000000dd';

const msg = (seq: number, m: Partial<ChatMessage> = {}): ChatMessage => ({
  seq, sender: 'resident', kind: 'text', text: `viesti ${seq}`, card: null, event: null, workerName: null, clientId: null, at: `2026-11-25T08:0${seq % 10}:00.000Z`, ...m,
});
const chat = (c: Partial<WorkerChat> = {}): WorkerChat => ({
  chatId: CHAT, contactId: CONTACT, status: 'active', endedReason: null, residentTyping: false, residentOnline: true, residentLang: 'fi', answeredAt: null, messages: [], lastSeq: 0, ...c,
});

describe('the stream\'s chat events', () => {
  it('are read from their JSON, and anything else is ignored, not thrown', () => {
    expect(parseChatChange(JSON.stringify({ contactId: CONTACT, chatId: CHAT, kind: 'message', seq: 3 }))).toEqual({ contactId: CONTACT, chatId: CHAT, kind: 'message', seq: 3 });
    expect(parseChatChange(JSON.stringify({ contactId: CONTACT, chatId: CHAT, kind: 'state' }))).toEqual({ contactId: CONTACT, chatId: CHAT, kind: 'state', seq: 0 });
    expect(parseChatChange('not json')).toBeNull();
    expect(parseChatChange('[]')).toBeNull();
    expect(parseChatChange(JSON.stringify({ contactId: 'x', kind: 'message' }))).toBeNull();
    expect(parseChatChange(JSON.stringify({ contactId: CONTACT, kind: 'deleted' }))).toBeNull();
    expect(parseChatTyping(JSON.stringify({ contactId: CONTACT, typing: true }))).toEqual({ contactId: CONTACT, typing: true });
    expect(parseChatTyping(JSON.stringify({ contactId: CONTACT, typing: 'yes' }))).toBeNull();
    expect(parseChatTyping('null')).toBeNull();
  });
});

describe('the transcript', () => {
  it('is ordered by seq with each message once, whatever order and repeats the answers bring', () => {
    const merged = mergeMessages([msg(1), msg(3)], [msg(4), msg(2), msg(3, { text: 'uudempi' })]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(merged[2]!.text).toBe('uudempi');
    const same = [msg(1)];
    expect(mergeMessages(same, [])).toBe(same);
  });

  it('grows with `?after=` answers and takes their state; a whole answer replaces it', () => {
    const first = applyChat(undefined, chat({ messages: [msg(2), msg(1)], lastSeq: 2 }), null);
    expect(first.messages.map((m) => m.seq)).toEqual([1, 2]);
    const next = applyChat(first, chat({ messages: [msg(3)], lastSeq: 3, residentTyping: true }), 2);
    expect(next.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(next.residentTyping).toBe(true);
    expect(next.lastSeq).toBe(3);
    // a slow answer overtaken by a newer one: its messages count, its state does not
    const late = applyChat(next, chat({ messages: [msg(2)], lastSeq: 2, status: 'waiting' }), 1);
    expect(late.status).toBe('active');
    expect(late.lastSeq).toBe(3);
    expect(late.messages).toHaveLength(3);
    const whole = applyChat(next, chat({ messages: [msg(1)], lastSeq: 1, status: 'ended' }), null);
    expect(whole.messages).toHaveLength(1);
    expect(whole.status).toBe('ended');
  });

  it('names the resident\'s new messages to announce, none on the first load', () => {
    expect(newResidentMessages(undefined, [msg(1)])).toEqual([]);
    const worker = msg(2, { sender: 'worker' });
    expect(newResidentMessages([msg(1)], [msg(1), worker, msg(3)]).map((m) => m.seq)).toEqual([3]);
    expect(lastResidentAt([msg(1), msg(3), worker])).toBe(msg(3).at);
    expect(lastResidentAt([worker])).toBeNull();
  });
});

describe('the outbox', () => {
  const pending = (clientId: string): Pending => ({ clientId, body: { clientId, text: 'hei' }, label: 'hei', state: 'sending', attempts: 1 });

  it('keeps a message until the transcript holds its clientId', () => {
    const list = [pending(CLIENT), pending(OTHER)];
    expect(prunePending(list, [msg(1)])).toBe(list);
    expect(prunePending(list, [msg(1), msg(2, { sender: 'worker', clientId: CLIENT })]).map((p) => p.clientId)).toEqual([OTHER]);
    // acknowledged with its seq: gone once that seq is shown, even were its clientId not given back
    expect(prunePending([{ ...pending(OTHER), seq: 5 }], [msg(5, { sender: 'worker' })])).toEqual([]);
  });

  it('tries again by itself after a network error, an overloaded server or a rate limit, not after a refusal', () => {
    for (const s of [0, 408, 429, 500, 503]) expect(isRetryable(s)).toBe(true);
    for (const s of [400, 403, 404, 409, 410]) expect(isRetryable(s)).toBe(false);
    expect([1, 2, 3].map((a) => retryDelayMs(a))).toEqual([1000, 2000, 4000]);
    expect(retryDelayMs(4)).toBeNull();
    expect(retryDelayMs(1, 10)).toBe(10_000); // Retry-After wins when longer
  });
});

describe('the composer', () => {
  it('counts characters and sends 1–2000 of them, not whitespace alone', () => {
    expect(composerState('')).toEqual({ length: 0, tooLong: false, canSend: false });
    expect(composerState('   ')).toMatchObject({ canSend: false });
    expect(composerState('hei')).toEqual({ length: 3, tooLong: false, canSend: true });
    expect(composerState('x'.repeat(2000))).toMatchObject({ tooLong: false, canSend: true });
    expect(composerState('x'.repeat(2001))).toMatchObject({ tooLong: true, canSend: false });
    expect(composerState('😀').length).toBe(1);
  });

  it('sends on Enter, and Shift+Enter makes a new line', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: false })).toBe(true);
    expect(isSendKey({ key: 'Enter', shiftKey: true })).toBe(false);
    expect(isSendKey({ key: 'Enter', shiftKey: false, isComposing: true })).toBe(false);
    expect(isSendKey({ key: 'Enter', shiftKey: false, altKey: true })).toBe(false);
    expect(isSendKey({ key: 'a', shiftKey: false })).toBe(false);
  });

  it('signals typing at most every 3 s, and its end once', () => {
    let state = { lastSentAt: null as number | null, typing: false };
    const step = (now: number, hasText: boolean) => { const r = typingSignal(state, now, hasText); state = r.state; return r.send; };
    expect(step(0, false)).toBeNull();
    expect(step(1000, true)).toBe(true);
    expect(step(2000, true)).toBeNull();
    expect(step(3999, true)).toBeNull();
    expect(step(4000, true)).toBe(true);
    expect(step(4500, false)).toBe(false);
    expect(step(4600, false)).toBeNull();
    expect(step(4700, true)).toBe(true);
  });
});

describe('unread chats', () => {
  const item = (contactId: string, lastResidentAt: string | null, status: 'active' | 'ended' = 'active'): MyChats['items'][number] => ({
    contactId, reference: 'R', status, acute: false, lastSeq: 3, lastResidentAt, residentOnline: true,
  });

  it('are those whose resident wrote after what the worker saw, never the one open in front of them', () => {
    const items = [item(CONTACT, '2026-11-25T08:05:00.000Z'), item(OTHER, '2026-11-25T08:01:00.000Z'), item(CHAT, null)];
    expect([...unreadChats(items, {})]).toEqual([CONTACT, OTHER]);
    const seen = markSeen({}, OTHER, '2026-11-25T08:01:00.000Z');
    expect([...unreadChats(items, seen)]).toEqual([CONTACT]);
    expect([...unreadChats(items, seen, CONTACT)]).toEqual([]);
    expect([...unreadChats([item(CONTACT, '2026-11-25T08:05:00.000Z', 'ended')], {})]).toEqual([]);
  });

  it('marks a chat seen only forwards, keeping a bounded number of chats', () => {
    const seen = markSeen({}, CONTACT, '2026-11-25T08:05:00.000Z');
    expect(markSeen(seen, CONTACT, '2026-11-25T08:01:00.000Z')).toBe(seen);
    expect(markSeen(seen, CONTACT, '2026-11-25T08:06:00.000Z')[CONTACT]).toBe('2026-11-25T08:06:00.000Z');
    let many: Record<string, string> = {};
    for (let i = 0; i < 5; i++) many = markSeen(many, `c${i}`, '2026-11-25T08:00:00.000Z', 3);
    expect(Object.keys(many)).toEqual(['c2', 'c3', 'c4']);
  });
});

describe('small readings', () => {
  it('reads the chat limit from the problem, else from the worker\'s chats', () => {
    expect(chatLimitNumbers({ activeChats: 3, maxPerWorker: 3 })).toEqual({ n: 3, max: 3 });
    expect(chatLimitNumbers({}, { total: 2, maxPerWorker: 2 })).toEqual({ n: 2, max: 2 });
    expect(chatLimitNumbers({})).toEqual({ n: null, max: null });
  });

  it('reads a typed time as HH:MM', () => {
    expect(parseClock('8')).toBe('08:00');
    expect(parseClock('8.30')).toBe('08:30');
    expect(parseClock(' 16:00 ')).toBe('16:00');
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('8:7')).toBeNull();
    expect(parseClock('')).toBeNull();
  });
});
