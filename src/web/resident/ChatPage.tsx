import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { TOPIC_CODES, type EmergencyContact } from '../../domain/front-door';
import { AcuteAlert, siteEmergencyContacts, useAcuteWords } from '../lib/AcuteBox';
import { ErrorSummary, RadioGroup, SelectField, summaryEntries, TextField } from '../lib/fields';
import { fieldErrorText, formatDate, localeOf, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { PUBLIC_PATHS } from './paths';
import { hoursText, useChatStatus } from './HomePage';
import { Honeypot } from './Receipt';
import { usePageTitle, useSite } from './site';
import { FeedbackForm } from './FeedbackForm';
import {
  browserDeps, CHAT_MESSAGE_MAX, ChatClient, startChat, type ChatDeps, type ChatSnapshot, type ShownMessage, type StartRefusal,
} from './chat-client';
import type { ChatAvailability, ChatMessage, ServiceCard } from '../../server/features/chat/chat.schemas';
import './chat.css';

/** sessionStorage: the resident answered "someone is in danger" when starting this tab's chat (the alert says why it shows). */
const DANGER_KEY = 'opastin.chat.danger';

/**
 * The resident's chat (issue 16): its hours; when closed, the contact form and the callback
 * request instead. Before starting, the contact form's guiding questions; anonymous. Then the
 * place in the queue, the conversation and, at its end, the feedback form. The transport (outbox,
 * order, reconnect, reload) is chat-client.ts.
 */
export function ChatPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const deps = useMemo(browserDeps, []);
  // a reload in the same tab resumes its chat
  const [client, setClient] = useState<ChatClient | null>(() => ChatClient.resume(deps, lang));
  const [justStarted, setJustStarted] = useState(false);
  usePageTitle(t('chat.title'));
  useEffect(() => { client?.setLang(lang); }, [client, lang]);

  if (client) {
    return (
      <>
        <h1 tabIndex={-1}>{t('chat.title')}</h1>
        <Conversation
          client={client} deps={deps} focusOnStart={justStarted}
          onNew={() => {
            client.forget();
            try { deps.storage?.removeItem(DANGER_KEY); } catch { /* nothing kept */ }
            setJustStarted(false);
            setClient(null);
          }}
        />
      </>
    );
  }
  return (
    <>
      <h1 tabIndex={-1}>{t('chat.title')}</h1>
      <StartChat deps={deps} onStarted={(c) => { setJustStarted(true); setClient(c); }} />
    </>
  );
}

/** The chat's hours, and when closed: when it opens next and what to do instead. */
function Hours({ status }: { status: ChatAvailability }) {
  const { t } = useTranslation();
  const days = t('resident.weekdays', { returnObjects: true }) as string[];
  return (
    <p data-qa="chat-hours">
      {status.weekly.length > 0 && t('chat.hours', { hours: hoursText(status.weekly, days) })}{' '}
      {t('chat.holidays')}
    </p>
  );
}

function ClosedNotice({ status, refused = false }: { status: ChatAvailability | undefined; refused?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <section aria-labelledby="chat-closed-title" data-qa="chat-closed">
      <h2 id="chat-closed-title">{t('chat.closedTitle')}</h2>
      {status?.nextOpening && (
        <p data-qa="chat-next-opening">{t('chat.opensNext', { date: formatDate(status.nextOpening.date, lang), time: status.nextOpening.opens })}</p>
      )}
      <p>{refused ? t('chat.closedRefused') : t('chat.closedOffer')}</p>
      <ul className="actions-list">
        <li><a {...linkProps(PUBLIC_PATHS.contact)} className="action-link" data-qa="chat-closed-contact">{t('resident.nav.contact')}</a><p>{t('resident.contactText')}</p></li>
        <li><a {...linkProps(PUBLIC_PATHS.callback)} className="action-link" data-qa="chat-closed-callback">{t('resident.nav.callback')}</a><p>{t('resident.callbackText')}</p></li>
      </ul>
    </section>
  );
}

function QueueNow({ status }: { status: ChatAvailability }) {
  const { t } = useTranslation();
  return (
    <p data-qa="chat-queue-now">
      {status.waiting > 0 ? t('chat.queueNow', { count: status.waiting }) : t('chat.queueEmpty')}
      {status.estimatedWaitMinutes !== null && status.waiting > 0 && <> {t('chat.waitNow', { minutes: status.estimatedWaitMinutes })}</>}
    </p>
  );
}

interface Answers { danger: '' | 'yes' | 'no'; about: '' | 'self' | 'close_one'; topic: string; municipality: string; text: string; website: string }

/** Before starting: the contact form's guiding questions on one screen, and a first message if the resident wants. */
function StartChat({ deps, onStarted }: { deps: ChatDeps; onStarted: (client: ChatClient) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const status = useChatStatus();
  const site = useSite();
  const [a, setA] = useState<Answers>({ danger: '', about: '', topic: '', municipality: '', text: '', website: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [starting, setStarting] = useState(false);
  const [refusal, setRefusal] = useState<StartRefusal | null>(null);
  // one key per start, kept across retries until one gets an answer: a retry never starts a second chat
  const startKey = useRef(deps.uuid());
  const acuteWords = useAcuteWords(a.text, lang);
  const set = <K extends keyof Answers>(k: K) => (v: Answers[K]) => setA((prev) => ({ ...prev, [k]: v }));

  const refusedContacts = refusal?.emergencyContacts ?? [];
  const danger = a.danger === 'yes';
  const contacts: EmergencyContact[] = refusedContacts.length > 0 ? refusedContacts : siteEmergencyContacts(site.data);
  const closedRefusal = refusal?.code === 'chat_closed';
  const fields = {
    dangerNow: { id: 'danger-yes', label: t('polish.summary.danger') },
    contactor: { id: 'about-self', label: t('polish.summary.about') },
    topic: { id: 'chat-topic', label: t('chat.topicLabel') },
    text: { id: 'chat-first', label: t('chat.firstLabel') },
  };
  const refusalMessage = !refusal || closedRefusal || Object.keys(refusal.fields).length > 0 ? null
    : refusal.status === 0 ? t('chat.startNetwork')
    : refusal.status === 429 ? t('chat.tooMany')
    : t('chat.startFailed');
  const summary = [...summaryEntries(errors, fields, 'chat-start'), ...(refusalMessage ? [{ id: 'chat-start', text: refusalMessage }] : [])];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (starting) return;
    const found: Record<string, string> = {};
    if (!a.danger) found.dangerNow = t('fieldErrors.invalid_choice');
    if (!a.about) found.contactor = t('fieldErrors.invalid_choice');
    if (a.text.length > CHAT_MESSAGE_MAX) found.text = t('fieldErrors.too_long');
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length) return;
    setStarting(true);
    const result = await startChat(deps, {
      lang, dangerNow: danger, contactor: a.about || 'self', topic: (a.topic || undefined) as (typeof TOPIC_CODES)[number] | undefined, municipality: a.municipality || null,
      text: a.text.trim() || undefined, website: a.website,
    }, lang, startKey.current);
    setStarting(false);
    if (!('refused' in result) || result.refused.status !== 0) startKey.current = deps.uuid();
    if ('started' in result) {
      try { if (danger) deps.storage?.setItem(DANGER_KEY, '1'); else deps.storage?.removeItem(DANGER_KEY); } catch { /* the alert then says "words" */ }
      onStarted(ChatClient.fromStarted(deps, result.started, lang));
      return;
    }
    setRefusal(result.refused);
    const byField: Record<string, string> = {};
    for (const [k, v] of Object.entries(result.refused.fields)) byField[k] = (v.code && fieldErrorText(v.code)) || v.message;
    setErrors(byField);
    if (result.refused.code === 'chat_closed') void status.refetch();
  };

  const alert = <AcuteAlert show={danger || acuteWords || refusedContacts.length > 0} because={danger || refusedContacts.length > 0 ? 'answer' : 'words'} contacts={contacts} />;

  if (status.isPending) return <><p>{t('chat.intro')}</p><p>{t('common.loading')}</p></>;
  if (!status.data || !status.data.open || closedRefusal) {
    return (
      <>
        <p>{t('chat.intro')}</p>
        {status.isError && <p role="alert">{t('common.error')}</p>}
        {status.data && <Hours status={status.data} />}
        {alert}
        <ClosedNotice status={status.data} refused={closedRefusal} />
      </>
    );
  }
  return (
    <>
      <p>{t('chat.intro')}</p>
      <Hours status={status.data} />
      <p className="open-now" data-qa="chat-open">{t('chat.openNow')}</p>
      <QueueNow status={status.data} />
      <h2>{t('chat.startTitle')}</h2>
      <p className="notice" data-qa="chat-anonymous">{t('chat.anonymous')}</p>
      <ErrorSummary title={t('form.errorSummary')} errors={summary} />
      <form noValidate onSubmit={(e) => void submit(e)} data-qa="chat-start-form">
        <RadioGroup id="danger" legend={t('acute.question')} value={a.danger} onChange={(v) => set('danger')(v as Answers['danger'])}
          options={[{ value: 'yes', label: t('acute.answers.yes') }, { value: 'no', label: t('acute.answers.no') }]} error={errors.dangerNow} />
        <p className="hint" data-qa="danger-hint">{t('acute.questionHint')}</p>
        {alert}
        <RadioGroup id="about" legend={t('chat.aboutLegend')} value={a.about} onChange={(v) => set('about')(v as Answers['about'])}
          options={(['self', 'close_one'] as const).map((k) => ({ value: k, label: t(`contactForm.about.${k}`) }))} error={errors.contactor} />
        <SelectField id="chat-topic" label={`${t('chat.topicLabel')} ${t('form.optional')}`} value={a.topic} onChange={set('topic')} empty={t('chat.topicEmpty')}
          options={TOPIC_CODES.map((k) => ({ value: k, label: t(`contactForm.topics.${k}`) }))} error={errors.topic} />
        <SelectField id="chat-municipality" label={`${t('chat.municipalityLabel')} ${t('form.optional')}`} value={a.municipality} onChange={set('municipality')} empty={t('chat.municipalityEmpty')}
          options={(site.data?.municipalities ?? []).map((m) => ({ value: m.code, label: lang === 'sv' ? m.name.sv : m.name.fi }))} />
        <TextField id="chat-first" label={`${t('chat.firstLabel')} ${t('form.optional')}`} multiline rows={4} maxLength={CHAT_MESSAGE_MAX} value={a.text} onChange={set('text')}
          hint={`${t('chat.firstHint')} ${t('form.charsLeft', { n: Math.max(0, CHAT_MESSAGE_MAX - a.text.length) })}`} error={errors.text} />
        <Honeypot value={a.website} onChange={set('website')} />
        <div className="form-buttons">
          <button type="submit" id="chat-start" className="button" disabled={starting} data-qa="chat-start">{starting ? t('chat.starting') : t('chat.start')}</button>
        </div>
      </form>
    </>
  );
}

const timeOf = (at: string | null, lang: Lang) => {
  if (!at) return null;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : d.toLocaleTimeString(localeOf(lang), { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' });
};

/** Only web addresses become links: a card's url never runs script. */
const safeUrl = (url: string | null) => (url && /^https?:\/\//i.test(url) ? url : null);
const telHref = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

function ServiceCardView({ card }: { card: ServiceCard }) {
  const { t } = useTranslation();
  const url = safeUrl(card.url);
  return (
    <div className="service-card" data-qa="chat-service-card">
      <p className="service-card-kind">{t('chat.card')}</p>
      <h3>{card.name}</h3>
      {card.summary && <p>{card.summary}</p>}
      <ul>
        {card.phone && <li>{t('chat.cardPhone')}: <a href={telHref(card.phone)} data-qa="chat-card-phone">{card.phone}</a></li>}
        {url && <li>{t('chat.cardWeb')}: <a href={url} rel="noopener noreferrer" target="_blank" data-qa="chat-card-url">{card.url}</a></li>}
        {card.email && <li>{t('chat.cardEmail')}: <a href={`mailto:${card.email}`}>{card.email}</a></li>}
        {card.address && <li>{t('chat.cardAddress')}: {card.address}</li>}
      </ul>
    </div>
  );
}

/** A system line's words: a worker joined, the chat was passed on, ended… */
function eventText(m: Pick<ShownMessage, 'event' | 'workerName'>, t: TFunction): string {
  if (!m.event) return '';
  if (m.event === 'joined' || m.event === 'transferred') return m.workerName ? t(`chat.events.${m.event}`, { name: m.workerName }) : t(`chat.events.${m.event}Anon`);
  return t(`chat.events.${m.event}`);
}

function MessageItem({ m, showSent }: { m: ShownMessage; showSent: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (m.kind === 'event' || m.sender === 'system') {
    return <li className="chat-msg from-system" data-qa="chat-message-system"><p className="chat-event">{eventText(m, t) || m.text}</p></li>;
  }
  const who = m.sender === 'resident' ? t('chat.you') : (m.workerName ?? t('chat.worker'));
  const time = timeOf(m.at, lang);
  const delivery = m.delivery && (m.delivery !== 'sent' || showSent) ? m.delivery : null;
  return (
    <li className={`chat-msg from-${m.sender}`} data-qa={`chat-message-${m.sender}`}>
      <p className="chat-meta"><strong>{who}</strong>{time && <> <span className="chat-time">{time}</span></>}</p>
      {m.kind === 'service_card' && m.card
        ? <ServiceCardView card={m.card} />
        : <p className="chat-text">{m.text ?? <em>{t('chat.erased')}</em>}</p>}
      {delivery && <p className={`chat-delivery ${delivery}`} data-qa="chat-delivery" data-state={delivery}>{t(`chat.delivery.${delivery}`)}</p>}
    </li>
  );
}

/** What the live region says about a new message: who, and its words (a card's name), nothing else. */
function announcementOf(m: ChatMessage, t: TFunction): string {
  if (m.kind === 'event' || m.sender === 'system') return eventText(m, t) || (m.text ?? '');
  const who = m.workerName ?? t('chat.worker');
  if (m.kind === 'service_card' && m.card) return t('chat.announceCard', { who, name: m.card.name });
  return t('chat.announce', { who, text: m.text ?? t('chat.erased') });
}

function queueText(s: ChatSnapshot, t: TFunction): string {
  if (s.position === null) return t('chat.queueWaiting');
  return s.estimatedWaitMinutes !== null ? t('chat.queuePlaceWait', { position: s.position, minutes: s.estimatedWaitMinutes }) : t('chat.queuePlace', { position: s.position });
}

/** The conversation: the queue, the messages, the composer, leaving, and the end with feedback. */
function Conversation({ client, deps, focusOnStart, onNew }: { client: ChatClient; deps: ChatDeps; focusOnStart: boolean; onNew: () => void }) {
  const { t } = useTranslation();
  const s = useSyncExternalStore(client.subscribe, client.getSnapshot);
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const endHeading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const dangerAnswered = useMemo(() => { try { return deps.storage?.getItem(DANGER_KEY) === '1'; } catch { return false; } }, [deps]);

  useEffect(() => { client.connect(); return () => client.dispose(); }, [client]);
  useEffect(() => {
    const online = () => client.nudge();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [client]);
  useEffect(() => client.onIncoming((m) => setAnnouncement(announcementOf(m, t))), [client, t]);
  // the chat started: the keyboard and the screen reader continue at the conversation
  useEffect(() => { if (focusOnStart) heading.current?.focus(); }, [focusOnStart]);
  // the chat ends while the resident is here: the end (why, feedback) takes the focus
  const wasOpen = useRef(s.status !== 'ended');
  useEffect(() => {
    if (s.status === 'ended' && wasOpen.current) endHeading.current?.focus();
    wasOpen.current = s.status !== 'ended';
  }, [s.status]);
  // a new line while writing: keep the composer (and the newest line above it) in view
  const count = s.messages.length;
  useEffect(() => {
    if (document.activeElement === input.current) input.current?.scrollIntoView({ block: 'nearest' });
  }, [count]);

  if (s.gone) {
    return (
      <section aria-labelledby="chat-gone-title" data-qa="chat-gone">
        <h2 id="chat-gone-title" tabIndex={-1}>{t('chat.conversationTitle')}</h2>
        <p className="notice">{t('chat.gone')}</p>
        <div className="form-buttons"><button type="button" className="button" onClick={onNew} data-qa="chat-new">{t('chat.newChat')}</button></div>
      </section>
    );
  }

  const ended = s.status === 'ended';
  const lastOwn = [...s.messages].reverse().find((m) => m.sender === 'resident' && m.delivery === 'sent')?.key;
  return (
    <>
      <AcuteAlert show={s.acute && s.emergencyContacts.length > 0} because={dangerAnswered ? 'answer' : 'words'} contacts={s.emergencyContacts} headingLevel={2} />
      <section aria-labelledby="chat-title" className="chat" data-qa="chat">
        <h2 id="chat-title" tabIndex={-1} ref={heading} data-qa="chat-title">{t('chat.conversationTitle')}</h2>
        <p className="hint">{t('form.reference')}: <span className="reference" data-qa="chat-reference">{s.reference}</span></p>
        <p role="status" data-qa="chat-connection" className={`chat-connection ${s.connection}`}>
          {s.connection === 'connecting' || s.connection === 'reconnecting' ? t(`chat.connection.${s.connection}`) : ''}
        </p>
        {!ended && s.status === 'waiting' && s.loaded && (
          <div className="queue-place">
            <p data-qa="chat-queue-place"><strong>{queueText(s, t)}</strong></p>
            <p className="hint">{t('chat.queueHint')}</p>
          </div>
        )}
        {!ended && s.status === 'active' && s.workerName && <p data-qa="chat-worker">{t('chat.withWorker', { name: s.workerName })}</p>}
        <ol className="chat-log" aria-label={t('chat.logLabel')} data-qa="chat-log">
          {s.messages.map((m) => <MessageItem key={m.key} m={m} showSent={m.key === lastOwn} />)}
        </ol>
        {s.messages.length === 0 && s.loaded && <p className="hint">{t('chat.noMessages')}</p>}
        <p className="chat-typing" data-qa="chat-typing">{s.workerTyping && !ended ? t('chat.typing', { name: s.workerName ?? t('chat.worker') }) : ''}</p>
        {/* only the newest message, with who sent it: not the whole log */}
        <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-qa="chat-announcer">{announcement}</div>
        {!ended && <Composer client={client} inputRef={input} />}
        {!ended && <Leave client={client} />}
      </section>
      {ended && (
        <section aria-labelledby="chat-ended-title" className="chat-ended" data-qa="chat-ended">
          <h2 id="chat-ended-title" tabIndex={-1} ref={endHeading}>{t('chat.endedTitle')}</h2>
          <p data-qa="chat-ended-reason">{t(`chat.endedReasons.${s.endedReason ?? 'unknown'}`)}</p>
          {s.undelivered && <p className="notice error" data-qa="chat-undelivered">{t('chat.undelivered')}</p>}
          {s.feedbackToken && <FeedbackForm token={s.feedbackToken} heading="h3" />}
          <div className="form-buttons"><button type="button" className="button secondary" onClick={onNew} data-qa="chat-new">{t('chat.newChat')}</button></div>
        </section>
      )}
    </>
  );
}

/** The composer: Enter sends, Shift+Enter is a new line; a counter of the characters left. */
function Composer({ client, inputRef }: { client: ChatClient; inputRef: React.RefObject<HTMLTextAreaElement | null> }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const send = () => {
    if (client.send(text)) setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    }
  };
  return (
    <form className="chat-composer" noValidate onSubmit={(e) => { e.preventDefault(); send(); }} data-qa="chat-composer">
      <div className="field">
        <label htmlFor="chat-input">{t('chat.messageLabel')}</label>
        <textarea
          id="chat-input" ref={inputRef} rows={3} maxLength={CHAT_MESSAGE_MAX} value={text} data-qa="chat-input"
          aria-describedby="chat-input-hint chat-input-count"
          onChange={(e) => { setText(e.target.value); if (e.target.value.trim()) client.typing(); }}
          onKeyDown={onKeyDown}
        />
        <span id="chat-input-hint" className="hint">{t('chat.messageHint')}</span>
        <span id="chat-input-count" className="hint" data-qa="chat-input-count">{t('form.charsLeft', { n: Math.max(0, CHAT_MESSAGE_MAX - text.length) })}</span>
      </div>
      <div className="form-buttons">
        <button type="submit" className="button" data-qa="chat-send">{t('chat.send')}</button>
      </div>
    </form>
  );
}

/** Leaving asks first; "continue" is where the focus lands, so a stray Enter does not end the chat. */
function Leave({ client }: { client: ChatClient }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const open = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
    else if (asked.current) open.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const leave = async () => {
    setLeaving(true);
    setFailed(false);
    const ok = await client.leave();
    setLeaving(false);
    if (!ok) setFailed(true);
  };
  if (!confirming) {
    return (
      <div className="chat-leave">
        <button type="button" ref={open} className="button secondary" onClick={() => setConfirming(true)} data-qa="chat-leave">{t('chat.leave')}</button>
      </div>
    );
  }
  return (
    <div className="chat-leave notice" role="group" aria-labelledby="chat-leave-question" data-qa="chat-leave-confirm">
      <p id="chat-leave-question">{t('chat.leaveConfirm')}</p>
      {failed && <p className="error" role="alert" data-qa="chat-leave-failed">{t('chat.leaveFailed')}</p>}
      <div className="form-buttons">
        <button type="button" ref={cancel} className="button" onClick={() => setConfirming(false)} data-qa="chat-leave-no">{t('chat.leaveNo')}</button>
        <button type="button" className="button secondary" disabled={leaving} onClick={() => void leave()} data-qa="chat-leave-yes">{t('chat.leaveYes')}</button>
      </div>
    </div>
  );
}
