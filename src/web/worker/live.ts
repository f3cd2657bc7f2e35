import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ContactChange } from '../../server/features/contacts/contacts.schemas';
import type { ChatChange } from '../../server/features/chat/chat.schemas';
import { parseContactChange } from './queue-logic';
import { parseChatChange, parseChatTyping } from './chat-panel-logic';

/**
 * Live updates (issue 14): ONE EventSource per tab on `GET /api/events` (server-sent events fed
 * by PostgreSQL LISTEN/NOTIFY). A `contact` event invalidates the react-query queries that show
 * contacts, so they refetch at once instead of polling:
 *
 * - `['queue']` (every page and filter of the queue),
 * - `['acute-alerts']` (the acute alerts of ADR 0009, every line),
 * - `['contact', id]` for the changed contact (every `['contact', …]` on a bulk change).
 *
 * The browser reconnects by itself after a network error (the server sends `retry: 5000`); when
 * it gives up (an HTTP error: 401, 429, 503) this module reconnects with a backoff of 5 s doubling
 * to 60 s. `event: end` (the session ended) closes the stream and makes the app ask who is signed in. Whenever the stream (re)opens, the same queries are invalidated: changes made while it
 * was down are not lost. While the stream is not open, pages keep a slow safety poll
 * (`useSafetyPoll`), and the acute alerts their own fast poll.
 *
 * Chats (issue 16): `event: chat` (a message or a change of a chat of the county) and
 * `event: chat-typing` (the resident is typing) are passed on to `onChatChange` / `onChatTyping`
 * (the open chat panel fetches what is new after its last seq), and a chat event refreshes the
 * worker's own chats (`['my-chats']`). `onLiveOpen` tells the panel the stream (re)opened, so it
 * fetches what it may have missed.
 */
export const EVENTS_PATH = '/api/events';
export const SAFETY_POLL_MS = 60_000;
export const LIVE_QUERY_KEYS = {
  queue: ['queue'] as const,
  acuteAlerts: ['acute-alerts'] as const,
  supervisorOverview: ['supervisor-overview'] as const,
  myChats: ['my-chats'] as const,
  contact: (id?: string) => (id ? (['contact', id] as const) : (['contact'] as const)),
};

type LiveState = 'connecting' | 'open' | 'down';
let state: LiveState = 'down';
let source: EventSource | null = null;
let users = 0;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryDelay = 5000;
const stateListeners = new Set<() => void>();
const changeListeners = new Set<(change: ContactChange) => void>();
const openListeners = new Set<() => void>();
const endListeners = new Set<() => void>();
const chatListeners = new Set<(change: ChatChange) => void>();
const typingListeners = new Set<(typing: { contactId: string; typing: boolean }) => void>();

function setState(next: LiveState): void {
  if (state === next) return;
  state = next;
  for (const l of stateListeners) l();
}

function connect(): void {
  if (typeof EventSource === 'undefined') return; // no stream: the pages keep polling
  const es = new EventSource(EVENTS_PATH);
  source = es;
  setState('connecting');
  es.addEventListener('open', () => {
    if (source !== es) return;
    retryDelay = 5000;
    setState('open');
    for (const l of openListeners) l();
  });
  es.addEventListener('contact', (e) => {
    if (source !== es) return;
    const change = parseContactChange((e as MessageEvent<string>).data);
    if (change) for (const l of changeListeners) l(change);
  });
  es.addEventListener('chat', (e) => {
    if (source !== es) return;
    const change = parseChatChange((e as MessageEvent<string>).data);
    if (change) for (const l of chatListeners) l(change);
  });
  es.addEventListener('chat-typing', (e) => {
    if (source !== es) return;
    const typing = parseChatTyping((e as MessageEvent<string>).data);
    if (typing) for (const l of typingListeners) l(typing);
  });
  es.addEventListener('error', () => {
    if (source !== es) return;
    setState('down');
    if (es.readyState !== EventSource.CLOSED) return; // the browser is reconnecting by itself
    giveUp(es, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60_000);
  });
  // the session ended (`event: end`): no reconnecting now; the app asks who is signed in (a login page follows)
  es.addEventListener('end', () => {
    if (source !== es) return;
    setState('down');
    giveUp(es, 60_000);
    for (const l of endListeners) l();
  });
}

function giveUp(es: EventSource, retryAfterMs: number): void {
  es.close();
  source = null;
  retryTimer = setTimeout(() => { retryTimer = null; if (users > 0) connect(); }, retryAfterMs);
}

/** Opens the tab's stream for one more user; the returned function lets go (the last one closes it). */
function acquire(): () => void {
  users++;
  if (users === 1 && !source && !retryTimer) connect();
  return () => {
    users--;
    if (users > 0) return;
    if (retryTimer) { clearTimeout(retryTimer); retryTimer = null; }
    source?.close();
    source = null;
    retryDelay = 5000;
    setState('down');
  };
}

/** Calls `listener` with every contact change this tab's stream receives; returns the unsubscribe. */
export function onContactChange(listener: (change: ContactChange) => void): () => void {
  changeListeners.add(listener);
  return () => { changeListeners.delete(listener); };
}

/** Calls `listener` with every chat event (`event: chat`) this tab's stream receives; returns the unsubscribe. */
export function onChatChange(listener: (change: ChatChange) => void): () => void {
  chatListeners.add(listener);
  return () => { chatListeners.delete(listener); };
}

/** Calls `listener` whenever a resident starts or stops typing (`event: chat-typing`); returns the unsubscribe. */
export function onChatTyping(listener: (typing: { contactId: string; typing: boolean }) => void): () => void {
  typingListeners.add(listener);
  return () => { typingListeners.delete(listener); };
}

/** Calls `listener` whenever the stream (re)opens: what changed while it was down is to be fetched. */
export function onLiveOpen(listener: () => void): () => void {
  openListeners.add(listener);
  return () => { openListeners.delete(listener); };
}

const subscribeState = (l: () => void) => { stateListeners.add(l); return () => { stateListeners.delete(l); }; };

/** True while the tab's event stream is open. */
export function useLiveOpen(): boolean {
  return useSyncExternalStore(subscribeState, () => state === 'open', () => false);
}

/** A `refetchInterval` for a query kept fresh by the stream: none while it is open, `ms` while it is not. */
export function useSafetyPoll(ms = SAFETY_POLL_MS): number | false {
  return useLiveOpen() ? false : ms;
}

function invalidator(client: QueryClient) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let all = false;
  let contacts = false;
  let chats = false;
  const ids = new Set<string>();
  const flush = () => {
    timer = null;
    if (all || contacts) {
      void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.queue });
      void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.acuteAlerts });
      void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.supervisorOverview });
    }
    if (all || chats) void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.myChats });
    contacts = false;
    chats = false;
    if (all) void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.contact() });
    else for (const id of ids) void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.contact(id) });
    all = false;
    ids.clear();
  };
  return {
    /** Coalesces a burst of changes (a bulk update, a busy minute) into one refetch of each query. */
    add(change: ContactChange | 'all') {
      if (change === 'all' || change.id === null) all = true;
      else ids.add(change.id);
      contacts = true;
      // a contact's change may move a chat to or from this worker (accept, transfer, close)
      chats = true;
      timer ??= setTimeout(flush, 100);
    },
    /**
     * A chat changed: the worker's own chats are refetched when it is one of them, or when a chat's
     * state changed (one more waiting, one ended); a message of a colleague's chat changes nothing
     * here (the open panel fetches its own chat itself).
     */
    chat(change: ChatChange) {
      const mine = client.getQueryData<{ items: { contactId: string }[] }>(LIVE_QUERY_KEYS.myChats);
      if (change.kind !== 'state' && mine && !mine.items.some((i) => i.contactId === change.contactId)) return;
      chats = true;
      timer ??= setTimeout(flush, 100);
    },
    cancel() { if (timer) clearTimeout(timer); },
  };
}

/**
 * Mount ONCE in the staff app (WorkerApp) for a signed-in guidance worker or supervisor: opens the
 * tab's stream and invalidates the queries above on every change, and all of them when the stream
 * (re)opens. Pages need do nothing but drop their fast polling (see `useSafetyPoll`).
 */
export function useLiveInvalidation(enabled: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const inv = invalidator(client);
    const release = acquire();
    const offChange = onContactChange((c) => inv.add(c));
    const offChat = onChatChange((c) => inv.chat(c));
    const onOpen = () => inv.add('all');
    const onEnd = () => { void client.invalidateQueries({ queryKey: ['me'] }); };
    openListeners.add(onOpen);
    endListeners.add(onEnd);
    return () => { offChange(); offChat(); openListeners.delete(onOpen); endListeners.delete(onEnd); inv.cancel(); release(); };
  }, [client, enabled]);
}
