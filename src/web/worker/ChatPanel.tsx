import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Button, Heading } from 'suomifi-ui-components';
import { api, ApiError, problemMessage } from '../lib/api';
import { localeOf, type Lang } from '../lib/i18n';
import { Notice, SelectField, TextField } from '../lib/fields';
import type { ChatAccepted, ChatMessage, SavedReplies, ServiceCard, WorkerChat, chatCallbackSchema } from '../../server/features/chat/chat.schemas';
import type { Me } from './session';
import { useContactAction, type ContactView, type Ok } from './contact-actions';
import { LIVE_QUERY_KEYS } from './live';
import {
  CHAT_MAX, chatLimitNumbers, composerState, isSendKey, lastResidentAt, newResidentMessages, typingSignal, type Pending, type TypingState,
} from './chat-panel-logic';
import { ensureChatMessages } from './chat/messages';
import { chatKey, markChatSeen, useMyChats, type ChatHandle } from './chat/use-chat';
import './chat/chat.css';

type CallbackBody = z.input<typeof chatCallbackSchema>;
const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

function useClock() {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(localeOf(i18n.language as Lang), { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Helsinki' });
  return (iso: string) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? '' : format.format(d); };
}

/** A catalogue service sent into the chat, as the resident sees it: name, summary and how to reach it. */
function ServiceCardView({ card }: { card: ServiceCard }) {
  const { t } = useTranslation();
  return (
    <article className="chat-card" aria-label={`${t('staffChat.panel.card.title')}: ${card.name}`} data-qa="chat-card">
      <p className="chat-card-kind">{t('staffChat.panel.card.title')}</p>
      <p className="chat-card-name" data-qa="chat-card-name">{card.name}</p>
      {card.summary && <p className="chat-card-summary">{card.summary}</p>}
      <dl className="chat-card-facts">
        {card.phone && <div><dt>{t('staffChat.panel.card.phone')}</dt><dd><a href={`tel:${card.phone}`}>{card.phone}</a></dd></div>}
        {card.email && <div><dt>{t('staffChat.panel.card.email')}</dt><dd><a href={`mailto:${card.email}`}>{card.email}</a></dd></div>}
        {card.url && <div><dt>{t('staffChat.panel.card.web')}</dt><dd><a href={card.url} target="_blank" rel="noopener noreferrer">{card.url}</a></dd></div>}
        {card.address && <div><dt>{t('staffChat.panel.card.address')}</dt><dd>{card.address}</dd></div>}
      </dl>
    </article>
  );
}

function MessageItem({ m, residentLang, mine }: { m: ChatMessage; residentLang: string; mine: boolean }) {
  const { t } = useTranslation();
  const clock = useClock();
  if (m.kind === 'event') {
    const name = m.workerName;
    const text = m.event === 'joined' ? (name ? t('staffChat.panel.events.joined', { name }) : t('staffChat.panel.events.joinedNoName'))
      : m.event === 'transferred' ? (name ? t('staffChat.panel.events.transferred', { name }) : t('staffChat.panel.events.transferredNoName'))
        : m.event ? t(`staffChat.panel.events.${m.event}`) : (m.text ?? '');
    return (
      <li className="chat-message from-system" data-qa="chat-message-system">
        <p className="chat-event"><time dateTime={m.at}>{clock(m.at)}</time> {text}</p>
      </li>
    );
  }
  const who = m.sender === 'resident' ? t('staffChat.panel.resident')
    : m.sender === 'worker' ? (mine ? t('staffChat.panel.you') : m.workerName ? t('staffChat.panel.workerNamed', { name: m.workerName }) : t('staffChat.panel.worker'))
      : t('staffChat.panel.system');
  return (
    <li className={`chat-message from-${m.sender}`} data-qa={`chat-message-${m.sender}`}>
      <p className="chat-meta"><span className="chat-who">{who}</span> <time dateTime={m.at}>{clock(m.at)}</time></p>
      {m.kind === 'service_card' && m.card
        ? <ServiceCardView card={m.card} />
        : m.text === null
          ? <p className="chat-text erased">{t('staffChat.panel.erased')}</p>
          : <p className="chat-text" lang={m.sender === 'resident' ? residentLang : undefined} data-qa="chat-message-text">{m.text}</p>}
    </li>
  );
}

function PendingItem({ p, onResend, onDiscard }: { p: Pending; onResend: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  return (
    <li className={`chat-message from-worker pending ${p.state}`} data-qa="chat-pending" data-state={p.state}>
      <p className="chat-meta"><span className="chat-who">{t('staffChat.panel.you')}</span> <span data-qa="chat-pending-state">{t(`staffChat.panel.${p.state}`)}</span></p>
      <p className="chat-text">{p.label}</p>
      {p.state === 'failed' && (
        <p className="chat-pending-actions">
          {p.error && <span className="error">{p.error} </span>}
          <button type="button" className="link" onClick={onResend} data-qa="chat-resend">{t('staffChat.panel.resend')}</button>{' '}
          <button type="button" className="link" onClick={onDiscard} data-qa="chat-discard">{t('staffChat.panel.discard')}</button>
        </p>
      )}
    </li>
  );
}

/** The saved replies in the resident's language: one picked from a list (its text shown) and sent as it is. */
function SavedReplyPicker({ lang, onSend }: { lang: 'fi' | 'sv' | 'en'; onSend: (id: string, title: string) => void }) {
  const { t } = useTranslation();
  const replies = useQuery({ queryKey: ['saved-replies', lang], queryFn: () => api<SavedReplies>(`/api/chats/saved-replies?lang=${lang}`), staleTime: 60_000 });
  const items = replies.data?.items ?? [];
  const [picked, setPicked] = useState('');
  const chosen = items.find((r) => r.id === picked) ?? items[0];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen) onSend(chosen.id, chosen.title);
  };
  return (
    <form className="chat-tool chat-saved-replies" onSubmit={submit} aria-labelledby="chat-saved-replies-title" data-qa="chat-saved-replies" noValidate>
      <h3 id="chat-saved-replies-title" className="chat-tool-title">{t('staffChat.panel.savedReplies')}</h3>
      {replies.isSuccess && items.length === 0 && <p className="hint" data-qa="chat-saved-replies-none">{t('staffChat.panel.savedReplyNone')}</p>}
      {items.length > 0 && chosen && (
        <>
          <div className="actions">
            <SelectField id="chat-saved-reply" label={t('staffChat.panel.savedReply', { lang: t(`common.languages.${lang}`) })} value={chosen.id} onChange={setPicked}
              options={items.map((r) => ({ value: r.id, label: r.title }))} />
            <Button type="submit" variant="secondary" data-qa="chat-saved-reply-send">{t('staffChat.panel.sendSavedReply')}</Button>
          </div>
          <blockquote className="chat-saved-reply-preview" lang={lang} data-qa="chat-saved-reply-preview">{chosen.body}</blockquote>
        </>
      )}
    </form>
  );
}

/** The chat turned into a callback task: the resident's number (and name, a good time); the chat ends. */
function CallbackForm({ contactId, onDone }: { contactId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useContactAction<CallbackBody, Ok>(contactId, '/chat/callback');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [callbackWindow, setCallbackWindow] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!phone.trim()) { setMissing(t('staffChat.panel.callback.phoneRequired')); document.getElementById('chat-callback-phone')?.focus(); return; }
    setMissing(undefined);
    try {
      await action.runAsync({ phone: phone.trim(), name: name.trim() || null, callbackWindow: callbackWindow.trim() || null });
      onDone();
    } catch { /* the form shows the error */ }
  };
  const optional = ` ${t('staffChat.panel.callback.optional')}`;
  return (
    <details className="chat-tool" data-qa="chat-callback">
      <summary data-qa="chat-callback-toggle">{t('staffChat.panel.callback.title')}</summary>
      <form onSubmit={(e) => void submit(e)} noValidate data-qa="chat-callback-form">
        <p className="hint">{t('staffChat.panel.callback.hint')}</p>
        <div className="form-grid">
          <TextField id="chat-callback-phone" label={t('staffChat.panel.callback.phone')} value={phone} onChange={setPhone} type="tel" inputMode="tel" maxLength={40} required
            error={missing ?? action.errors.phone} />
          <TextField id="chat-callback-name" label={`${t('staffChat.panel.callback.name')}${optional}`} value={name} onChange={setName} maxLength={200} error={action.errors.name} />
          <TextField id="chat-callback-window" label={`${t('staffChat.panel.callback.window')}${optional}`} value={callbackWindow} onChange={setCallbackWindow} maxLength={100} error={action.errors.callbackWindow} />
        </div>
        {action.errors.form && <Notice kind="error" qa="chat-callback-error">{action.errors.form}</Notice>}
        <Button type="submit" variant="secondary" disabled={action.busy} data-qa="chat-callback-submit">{t('staffChat.panel.callback.submit')}</Button>
      </form>
    </details>
  );
}

/**
 * The chat of a contact whose channel is `chat` (issue 16), in the contact view: a waiting chat is
 * taken with "Ota chat" (the contact view's claim shortcut, Alt+Shift+C); the transcript in order with the resident's typing and
 * presence, service cards as cards; new resident messages are announced through a polite live
 * region. The worker who holds an active chat writes (Enter sends, Shift+Enter is a new line, at
 * most 2000 characters), sends saved replies in the resident's language, and can turn the chat into
 * a callback. Transfer and close are the contact view's own; an ended chat says so.
 */
export function ChatPanel({ contact, me, handle, acceptShortcut }: {
  contact: ContactView; me: Me; handle: ChatHandle; acceptShortcut: { code: string; keys: string };
}) {
  const { t, i18n } = useTranslation();
  ensureChatMessages(i18n);
  const client = useQueryClient();
  const myChats = useMyChats();
  const { chat, query, pending } = handle;
  const mine = contact.assignedTo?.id === me.id;
  const status = chat?.status;
  const canAccept = status === 'waiting' && (!contact.assignedTo || mine);
  const canWrite = status === 'active' && mine;
  const residentLang = chat?.residentLang ?? contact.language ?? 'fi';

  // --- taking the chat ---
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const focusComposer = useRef(false);
  const accept = useMutation({
    mutationFn: () => api<ChatAccepted>(`/api/contacts/${contact.id}/chat/accept`, { method: 'POST', body: {}, lang: i18n.language }),
    onSuccess: async () => {
      setAcceptError(null);
      focusComposer.current = true;
      await Promise.all([
        client.invalidateQueries({ queryKey: chatKey(contact.id) }),
        client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.contact(contact.id) }),
        client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.queue }),
        client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.myChats }),
      ]);
    },
    onError: (err) => {
      const code = err instanceof ApiError ? err.problem.code : '';
      if (code === 'chat_limit') {
        const { n, max } = chatLimitNumbers(err instanceof ApiError ? (err.problem as unknown as Record<string, unknown>) : {}, myChats.data);
        setAcceptError(n !== null && max !== null ? t('staffChat.panel.limit', { n, max }) : t('staffChat.panel.limitUnknown'));
        void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.myChats });
      } else if (code === 'already_claimed' || code === 'claimed_by_other') {
        setAcceptError(t('staffChat.panel.alreadyClaimed'));
        void client.invalidateQueries({ queryKey: chatKey(contact.id) });
        void client.invalidateQueries({ queryKey: LIVE_QUERY_KEYS.contact(contact.id) });
      } else {
        setAcceptError(problemMessage(err, t('staffChat.panel.acceptFailed')));
      }
    },
  });
  useEffect(() => {
    if (!canAccept) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey || e.code !== acceptShortcut.code) return;
      e.preventDefault();
      if (!accept.isPending) accept.mutate();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canAccept, accept, acceptShortcut.code]);

  // --- the composer ---
  const [text, setText] = useState('');
  const composer = useRef<HTMLTextAreaElement>(null);
  const typingState = useRef<TypingState>({ lastSentAt: null, typing: false });
  const sentIds = useRef(new Set<string>());
  const cs = composerState(text);
  useEffect(() => {
    if (canWrite && focusComposer.current) { focusComposer.current = false; composer.current?.focus(); }
  }, [canWrite]);
  const signal = (hasText: boolean) => {
    const r = typingSignal(typingState.current, Date.now(), hasText);
    typingState.current = r.state;
    if (r.send !== null) handle.typing(r.send);
  };
  const onText = (v: string) => { setText(v); signal(v.trim() !== ''); };
  const sendText = () => {
    if (!cs.canSend) return;
    const clientId = crypto.randomUUID();
    sentIds.current.add(clientId);
    void handle.send({ clientId, text: text.trim() }, text.trim());
    setText('');
    signal(false);
  };
  const onComposerKey = (e: ReactKeyboardEvent<HTMLTextAreaElement>) => {
    if (!isSendKey({ key: e.key, shiftKey: e.shiftKey, altKey: e.altKey, ctrlKey: e.ctrlKey, metaKey: e.metaKey, isComposing: e.nativeEvent.isComposing })) return;
    e.preventDefault();
    sendText();
  };
  const sendSavedReply = (savedReplyId: string, title: string) => {
    const clientId = crypto.randomUUID();
    sentIds.current.add(clientId);
    void handle.send({ clientId, savedReplyId }, t('staffChat.panel.pendingSavedReply', { title }));
  };

  // --- the transcript: announcements, what is seen, scrolling ---
  const messages = chat?.messages;
  const previous = useRef<ChatMessage[] | undefined>(undefined);
  const previousStatus = useRef<WorkerChat['status'] | undefined>(undefined);
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (!messages) return;
    const fresh = newResidentMessages(previous.current, messages);
    previous.current = messages;
    if (fresh.length) setAnnouncement(fresh.map((m) => t('staffChat.panel.newMessage', { text: m.text ?? t('staffChat.panel.erased') })).join(' '));
  }, [messages, t]);
  useEffect(() => {
    if (status === 'ended' && previousStatus.current && previousStatus.current !== 'ended') {
      setAnnouncement(t('staffChat.panel.announceEnded', { reason: chat?.endedReason ? t(`staffChat.panel.endedReasons.${chat.endedReason}`) : '' }).trim());
    }
    previousStatus.current = status;
  }, [status, chat?.endedReason, t]);
  useEffect(() => {
    if (!messages || !mine) return;
    const mark = () => { if (document.visibilityState === 'visible') markChatSeen(contact.id, lastResidentAt(messages)); };
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [messages, mine, contact.id]);
  const transcript = useRef<HTMLDivElement>(null);
  const nearBottom = useRef(true);
  const count = (messages?.length ?? 0) + pending.length;
  useEffect(() => {
    const el = transcript.current;
    if (el && nearBottom.current) el.scrollTop = el.scrollHeight;
  }, [count]);

  const myName = firstName(me.displayName);
  const isMine = (m: ChatMessage) => m.sender === 'worker' && ((m.clientId !== null && sentIds.current.has(m.clientId)) || (mine && m.workerName === myName));

  if (!chat) {
    return (
      <section className="panel chat-panel" aria-labelledby="chat-title" data-qa="chat-panel">
        <Heading variant="h2" id="chat-title">{t('staffChat.panel.title')}</Heading>
        <p>{query.isError ? t('staffChat.panel.loadFailed') : t('staffChat.panel.loading')}</p>
      </section>
    );
  }

  return (
    <section className="panel chat-panel" aria-labelledby="chat-title" data-qa="chat-panel" data-status={chat.status}>
      <div className="chat-head">
        <Heading variant="h2" id="chat-title">{t('staffChat.panel.title')}</Heading>
        <p className="chat-presence" data-qa="chat-presence">
          {chat.status !== 'ended' && (
            <><span className={chat.residentOnline ? 'chat-presence-dot online' : 'chat-presence-dot'} aria-hidden="true" />
              <span data-qa="chat-online">{t(chat.residentOnline ? 'staffChat.panel.online' : 'staffChat.panel.offline')}</span>{' · '}</>
          )}
          <span>{t('staffChat.panel.language', { lang: t(`common.languages.${residentLang}`) })}</span>
        </p>
      </div>

      {chat.status === 'waiting' && (
        <div className="actions chat-accept">
          <p className="chat-waiting" data-qa="chat-waiting">{t('staffChat.panel.waiting')}</p>
          {canAccept && (
            <Button onClick={() => accept.mutate()} disabled={accept.isPending} aria-keyshortcuts={acceptShortcut.keys} data-qa="chat-accept">{t('staffChat.panel.accept')}</Button>
          )}
        </div>
      )}
      {acceptError && <Notice kind="error" qa="chat-accept-error">{acceptError}</Notice>}
      {chat.status === 'active' && !mine && <Notice qa="chat-held-by-other">{t('staffChat.panel.heldByOther')}</Notice>}

      <div className="chat-transcript" ref={transcript} role="region" aria-label={t('staffChat.panel.transcript')} tabIndex={0} data-qa="chat-transcript"
        onScroll={(e) => { const el = e.currentTarget; nearBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48; }}>
        {chat.messages.length === 0 && pending.length === 0 && <p className="hint">{t('staffChat.panel.empty')}</p>}
        <ol className="chat-messages">
          {chat.messages.map((m) => <MessageItem key={m.seq} m={m} residentLang={residentLang} mine={isMine(m)} />)}
          {pending.map((p) => <PendingItem key={p.clientId} p={p} onResend={() => handle.resend(p.clientId)} onDiscard={() => handle.discard(p.clientId)} />)}
        </ol>
      </div>
      <p className="chat-typing" data-qa="chat-typing">{chat.status !== 'ended' && chat.residentTyping ? t('staffChat.panel.typing') : ''}</p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true" data-qa="chat-announcement">{announcement}</p>

      {chat.status === 'ended' && (
        <div className="notice" data-qa="chat-ended">
          <strong>{t('staffChat.panel.endedTitle')}</strong>{' '}
          {chat.endedReason && <span data-qa="chat-ended-reason">{t(`staffChat.panel.endedReasons.${chat.endedReason}`)}</span>}{' '}
          {contact.status !== 'closed' && <span>{t('staffChat.panel.endedHint')}</span>}
        </div>
      )}

      {canWrite && (
        <>
          <form className="chat-composer" onSubmit={(e) => { e.preventDefault(); sendText(); }} noValidate data-qa="chat-composer">
            <div className="field">
              <label htmlFor="chat-composer-text">{t('staffChat.panel.composer')}</label>
              <textarea id="chat-composer-text" ref={composer} rows={3} value={text} onChange={(e) => onText(e.target.value)} onKeyDown={onComposerKey}
                aria-describedby={`chat-composer-hint chat-composer-counter${cs.tooLong ? ' chat-composer-error' : ''}`} aria-invalid={cs.tooLong ? true : undefined}
                data-qa="chat-composer-text" />
              <span id="chat-composer-hint" className="hint">{t('staffChat.panel.composerHint')}</span>
              <span id="chat-composer-counter" className={cs.tooLong ? 'hint chat-counter over' : 'hint chat-counter'} data-qa="chat-composer-counter">
                {t('staffChat.panel.counter', { n: cs.length, max: CHAT_MAX })}
              </span>
              {cs.tooLong && <span id="chat-composer-error" className="error" data-qa="chat-composer-error">{t('staffChat.panel.tooLong', { max: CHAT_MAX })}</span>}
            </div>
            <Button type="submit" disabled={!cs.canSend} data-qa="chat-send">{t('staffChat.panel.send')}</Button>
          </form>
          <SavedReplyPicker lang={residentLang} onSend={sendSavedReply} />
          <CallbackForm contactId={contact.id} onDone={() => void handle.fetchNew()} />
        </>
      )}
    </section>
  );
}
