import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError, problemMessage } from '../../lib/api';
import type { ChatMessageAck, MyChats, WorkerChat } from '../../../server/features/chat/chat.schemas';
import { LIVE_QUERY_KEYS, onChatChange, onChatTyping, onLiveOpen, useLiveOpen, useSafetyPoll } from '../live';
import {
  applyChat, isRetryable, markSeen, prunePending, retryDelayMs, TYPING_SHOWN_MS, type OutgoingBody, type Pending,
} from '../chat-panel-logic';

export const chatKey = (contactId: string) => ['chat', contactId] as const;
/** While the event stream is down the open chat asks for what is new this often. */
const CHAT_POLL_MS = 5000;

/** The worker's chats now (`GET /api/chats/mine`), shared by the list, the tab title and the accept's limit text. */
export function useMyChats(enabled = true) {
  const poll = useSafetyPoll(15_000);
  return useQuery({
    queryKey: LIVE_QUERY_KEYS.myChats,
    queryFn: () => api<MyChats>('/api/chats/mine'),
    enabled,
    refetchInterval: poll,
    retry: false,
  });
}

// --- what the worker has seen of each chat: the server's time of the last resident message shown (shared by the tabs) ---
const SEEN_KEY = 'opastin.chat.seen';
let seen: Record<string, string> = readSeen();
const seenListeners = new Set<() => void>();
function readSeen(): Record<string, string> {
  try {
    const v: unknown = JSON.parse(window.localStorage.getItem(SEEN_KEY) ?? '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch { return {}; }
}
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== SEEN_KEY) return;
    seen = readSeen();
    for (const l of seenListeners) l();
  });
}

/** The worker has seen `contactId`'s resident messages up to `at` (a server timestamp). */
export function markChatSeen(contactId: string, at: string | null): void {
  if (!at) return;
  const next = markSeen(seen, contactId, at);
  if (next === seen) return;
  seen = next;
  try { window.localStorage.setItem(SEEN_KEY, JSON.stringify(seen)); } catch { /* private mode: this tab only */ }
  for (const l of seenListeners) l();
}

export function useChatSeen(): Readonly<Record<string, string>> {
  return useSyncExternalStore((l) => { seenListeners.add(l); return () => { seenListeners.delete(l); }; }, () => seen, () => seen);
}

/**
 * One contact's chat for the worker (issue 16): the transcript (`GET /api/contacts/:id/chat`, then
 * `?after=lastSeq` on each `event: chat` of this contact, on the stream's reopening, and every 5 s
 * while the stream is down), the resident's typing (`event: chat-typing`), and the outbox: what the
 * worker sends stays on screen until the transcript holds it, and a send that failed on the way
 * (network, 5xx, 429) is sent again with the same clientId (the server stores it once).
 */
export function useChat(contactId: string, enabled: boolean) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const key = chatKey(contactId);
  const live = useLiveOpen();
  const query = useQuery({
    queryKey: key,
    queryFn: async () => applyChat(undefined, await api<WorkerChat>(`/api/contacts/${contactId}/chat`), null),
    enabled,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: 2,
  });
  const chat = query.data;

  // --- what is new: one request at a time, once more if asked meanwhile ---
  const busy = useRef(false);
  const again = useRef(false);
  const fetchNew = useCallback(async () => {
    if (!enabled) return;
    if (busy.current) { again.current = true; return; }
    busy.current = true;
    try {
      do {
        again.current = false;
        const current = client.getQueryData<WorkerChat>(key);
        if (!current) { await client.invalidateQueries({ queryKey: key }); break; }
        const after = current.lastSeq;
        const answer = await api<WorkerChat>(`/api/contacts/${contactId}/chat?after=${after}`);
        client.setQueryData<WorkerChat>(key, (c) => applyChat(c, answer, after));
      } while (again.current);
    } catch {
      // the next event, the stream's reopening or the poll asks again
    } finally {
      busy.current = false;
    }
  }, [client, contactId, enabled]);

  // the resident typing: shown until their signal stops, or 6 s without a new one
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const setTyping = (typing: boolean) => client.setQueryData<WorkerChat>(key, (c) => (c && c.residentTyping !== typing ? { ...c, residentTyping: typing } : c));
    const offChat = onChatChange((c) => { if (c.contactId === contactId) void fetchNew(); });
    const offOpen = onLiveOpen(() => void fetchNew());
    const offTyping = onChatTyping((e) => {
      if (e.contactId !== contactId) return;
      if (typingTimer.current) clearTimeout(typingTimer.current);
      setTyping(e.typing);
      if (e.typing) typingTimer.current = setTimeout(() => setTyping(false), TYPING_SHOWN_MS);
    });
    return () => { offChat(); offOpen(); offTyping(); if (typingTimer.current) clearTimeout(typingTimer.current); };
  }, [client, contactId, enabled, fetchNew]);

  const ended = chat?.status === 'ended';
  useEffect(() => {
    if (!enabled || live || ended) return;
    const timer = setInterval(() => void fetchNew(), CHAT_POLL_MS);
    return () => clearInterval(timer);
  }, [enabled, live, ended, fetchNew]);

  // a change of the chat's state changes the contact (claimed, ended): the page, the queue and the worker's chats follow
  const status = chat?.status;
  const previousStatus = useRef(status);
  useEffect(() => {
    if (previousStatus.current !== undefined && status !== previousStatus.current) {
      void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.contact(contactId) });
      void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.queue });
      void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.myChats });
    }
    previousStatus.current = status;
  }, [client, contactId, status]);

  // --- the outbox ---
  const [pending, setPending] = useState<Pending[]>([]);
  const stopped = useRef(new Set<string>()); // discarded, or the page left: no more tries
  const alive = useRef(true);
  useEffect(() => { alive.current = true; return () => { alive.current = false; }; }, []);
  const messages = chat?.messages;
  useEffect(() => { if (messages) setPending((p) => prunePending(p, messages)); }, [messages]);
  const update = (clientId: string, change: Partial<Pending>) => setPending((list) => list.map((p) => (p.clientId === clientId ? { ...p, ...change } : p)));

  /** Sends `p` until the server acknowledges it (true) or refuses it, or the tries run out (false). */
  const attempt = useCallback(async (p: Pending): Promise<boolean> => {
    let attempts = p.attempts;
    for (;;) {
      attempts++;
      update(p.clientId, { state: attempts > 1 ? 'retrying' : 'sending', attempts, error: undefined });
      try {
        const ack = await api<ChatMessageAck>(`/api/contacts/${contactId}/chat/messages`, { method: 'POST', body: p.body, lang: i18n.language });
        update(p.clientId, { seq: ack.seq });
        void fetchNew();
        return true;
      } catch (err) {
        const status = err instanceof ApiError ? err.problem.status : 0;
        const retryAfter = err instanceof ApiError ? Number((err.problem as { retryAfter?: unknown }).retryAfter) || null : null;
        const delay = isRetryable(status) ? retryDelayMs(attempts, retryAfter) : null;
        if (delay === null) {
          update(p.clientId, { state: 'failed', attempts, error: problemMessage(err, t('staffChat.panel.failed')) });
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (!alive.current || stopped.current.has(p.clientId)) return false;
      }
    }
  }, [contactId, fetchNew, i18n.language, t]);

  /** Sends a message (text, saved reply or service card) under its new clientId: true once the server acknowledged it. */
  const send = useCallback((body: OutgoingBody, label: string) => {
    const p: Pending = { clientId: body.clientId, body, label, state: 'sending', attempts: 0 };
    setPending((list) => [...list, p]);
    return attempt(p);
  }, [attempt]);

  /** Sends a failed message again by hand, with its own clientId (the server stores it once). */
  const resend = useCallback((clientId: string) => {
    const p = pending.find((x) => x.clientId === clientId);
    if (p && p.state === 'failed') void attempt({ ...p, attempts: 0 });
  }, [attempt, pending]);

  const discard = useCallback((clientId: string) => {
    stopped.current.add(clientId);
    setPending((list) => list.filter((p) => p.clientId !== clientId));
  }, []);

  /** Tells the resident the worker is (not) typing; a failure is of no consequence. */
  const typing = useCallback((on: boolean) => {
    void api(`/api/contacts/${contactId}/chat/typing`, { method: 'POST', body: { typing: on } }).catch(() => undefined);
  }, [contactId]);

  return { query, chat, pending, send, resend, discard, typing, fetchNew };
}

export type ChatHandle = ReturnType<typeof useChat>;
