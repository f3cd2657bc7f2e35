import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { formatDate, formatDateTime, type Lang } from '../lib/i18n';
import { linkProps, navigate } from '../lib/router';
import { useReferenceData } from './reference-data';
import { useContactAction, type CallbackAttemptResult, type ContactUpdate, type ContactView, type Ok, type ReachedResult } from './contact-actions';
import { MessageChannelsFields, messageChannelProblems, type MessageChannel } from './PersonFields';
import { Notice, SelectField, TextField } from '../lib/fields';
import type { Me } from './session';
import type { Colleagues } from '../../server/features/contacts/contacts.schemas';
import { CloseForm } from './CloseForm';
import { ClassifyForm } from './ClassifyForm';
import { ConsentSection } from './ConsentSection';
import { InitiationSection } from './InitiationSection';
import { CatalogueSection } from './CatalogueSection';
import { ReferralSection } from './ReferralSection';
import { ConsultationSection } from './ConsultationSection';
import { AcuteBanner, AcuteMarkForm } from './AcuteSection';
import { ResidentWords, TriageReasons, useCallbackWindowText } from './ResidentWords';
import { EarlierContacts } from './EarlierContacts';
import { useSafetyPoll } from './live';
import { ChatPanel } from './ChatPanel';
import { MyChats } from './chat/MyChats';
import { useChat } from './chat/use-chat';
import { GuidanceSection, PERSON_PATH } from './guidance';
import './contact.css';

const WAIT_REASONS = ['consultation', 'callback_attempt', 'client_to_call_back'] as const;
const ATTEMPT_RESULTS = ['reached', 'no_answer', 'busy', 'wrong_number', 'voicemail'] as const;
const QUEUE_PATH = '/tyo/';

/**
 * Keyboard shortcuts of the contact view (WCAG 2.1.4: with modifiers, so no single key fires one):
 * Alt+Shift and a letter, which neither Chromium, Firefox nor NVDA/JAWS use. Listed on the page.
 */
export const SHORTCUTS = {
  claim: { code: 'KeyC', keys: 'Alt+Shift+C' },
  close: { code: 'KeyS', keys: 'Alt+Shift+S' },
  note: { code: 'KeyN', keys: 'Alt+Shift+N' },
  queue: { code: 'KeyQ', keys: 'Alt+Shift+Q' },
} as const;

function TransferForm({ contact, me }: { contact: ContactView; me: Me }) {
  const { t } = useTranslation();
  const colleagues = useQuery({ queryKey: ['colleagues'], queryFn: () => api<Colleagues>('/api/colleagues'), staleTime: 60_000 });
  const transfer = useContactAction<{ toUserId: string; note: string }, Ok>(contact.id, '/transfer');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  return (
    <form className="actions" onSubmit={(e) => { e.preventDefault(); transfer.run({ toUserId: to, note }); }} aria-labelledby="transfer-title" data-qa="transfer-form" noValidate>
      <Heading variant="h3" id="transfer-title" className="visually-hidden">{t('contact.transferTitle')}</Heading>
      <SelectField id="transfer-to" label={t('contact.transferTo')} value={to} onChange={setTo} empty=""
        options={(colleagues.data?.items ?? []).filter((c) => c.id !== me.id).map((c) => ({ value: c.id, label: c.name }))} error={transfer.errors.toUserId} />
      <TextField id="transfer-note" label={t('contact.transferNote')} value={note} onChange={setNote} maxLength={1000} error={transfer.errors.note} />
      <Button type="submit" variant="secondary" disabled={transfer.busy || !to} data-qa="transfer-submit">{t('contact.transfer')}</Button>
      {transfer.errors.form && <Notice kind="error">{transfer.errors.form}</Notice>}
    </form>
  );
}

const REACHED_BY = ['reply_sent', 'phone', 'met'] as const;

/** The person was reached another way than a logged call or callback: the service promise is judged by this (issue 12). */
function ReachedForm({ contact }: { contact: ContactView }) {
  const { t } = useTranslation();
  const mark = useContactAction<{ how: 'reply_sent' | 'phone' | 'met' }, ReachedResult>(contact.id, '/reached');
  const [how, setHow] = useState<(typeof REACHED_BY)[number]>('reply_sent');
  return (
    <form className="actions" onSubmit={(e) => { e.preventDefault(); mark.run({ how }); }} data-qa="reached-form" noValidate>
      <SelectField id="reached-how" label={t('contact.markReachedHow')} value={how} onChange={(v) => setHow(v as (typeof REACHED_BY)[number])}
        options={REACHED_BY.map((h) => ({ value: h, label: t(`contact.reachedHow.${h}`) }))} error={mark.errors.how} />
      <Button type="submit" variant="secondary" disabled={mark.busy} data-qa="mark-reached">{t('contact.markReached')}</Button>
      {mark.errors.form && <Notice kind="error">{mark.errors.form}</Notice>}
    </form>
  );
}

/** The person's consent to messages as words: "sähköpostilla, tekstiviestillä", or that there is none. */
function useChannelsText() {
  const { t } = useTranslation();
  return (channels: readonly string[]) => (channels.length
    ? channels.map((c) => t(c === 'email' ? 'contact.messageChannelEmail' : 'contact.messageChannelSms')).join(', ')
    : t('contact.messageChannelsNone'));
}

/**
 * The person's consent to a receipt and a notice of where the matter went (issue 19), changed as
 * the person asks; the e-mail address it needs can be given here. [] withdraws it.
 */
function MessageConsentForm({ contact }: { contact: ContactView }) {
  const { t } = useTranslation();
  const save = useContactAction<ContactUpdate, Ok>(contact.id, '', 'PATCH');
  const saved = contact.person?.email ?? '';
  const [channels, setChannels] = useState<MessageChannel[]>(contact.messageChannels);
  const [email, setEmail] = useState(saved);
  const [local, setLocal] = useState<{ email?: string; phone?: string }>({});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems = messageChannelProblems(channels, { email, phone: contact.person?.phone }, t);
    setLocal(problems);
    if (Object.keys(problems).length) return;
    const p = contact.person;
    // a new address goes with the person's other details unchanged (the update replaces the person as a whole)
    const person = email.trim() !== saved && p
      ? { person: { name: p.name, phone: p.phone, hetu: p.hetu, address: p.address, callbackWindow: p.callbackWindow, email: email.trim() || null } }
      : {};
    save.run({ messageChannels: channels, ...person });
  };
  const channelError = local.phone ?? save.errors.messageChannels ?? save.errors['person.phone'];
  return (
    <form onSubmit={submit} aria-labelledby="message-consent-title" data-qa="message-consent-form" noValidate>
      <Heading variant="h3" id="message-consent-title" className="visually-hidden">{t('contact.messageChannels')}</Heading>
      <TextField id="message-consent-email" label={t('contact.email')} type="email" inputMode="email" value={email} onChange={setEmail} maxLength={200}
        error={local.email ?? save.errors['person.email'] ?? save.errors.email} />
      <MessageChannelsFields idPrefix="message-consent" value={channels} onChange={setChannels} error={channelError} />
      {save.errors.form && <Notice kind="error" qa="message-consent-error">{save.errors.form}</Notice>}
      {save.succeeded && !save.errors.form && <Notice kind="success" qa="message-consent-saved">{t('contact.messageChannelsSaved')}</Notice>}
      <Button type="submit" variant="secondary" disabled={save.busy} data-qa="message-consent-save">{t('contact.messageChannelsSave')}</Button>
    </form>
  );
}

/**
 * One section of the contact view as a disclosure: open when it matters for this contact
 * (`relevant`), until the worker opens or closes it themself.
 */
function Section({ id, title, relevant, opened, setOpened, keys, children }: {
  id: string; title: string; relevant: boolean; opened: Record<string, boolean>; setOpened: (id: string, open: boolean) => void; keys?: string; children: ReactNode;
}) {
  const open = opened[id] ?? relevant;
  return (
    <details className="contact-section" id={`section-${id}`} open={open} data-qa={`section-${id}`}
      onToggle={(e) => { if (e.currentTarget.open !== open) setOpened(id, e.currentTarget.open); }}>
      <summary aria-keyshortcuts={keys} data-qa={`section-${id}-toggle`}>{title}</summary>
      <div className="contact-section-body">{children}</div>
    </details>
  );
}

export function ContactPage({ id, me }: { id: string; me: Me }) {
  // a new contact (an earlier contact's link) starts from its own relevance, not the last one's choices
  return <ContactPageView key={id} id={id} me={me} />;
}

function ContactPageView({ id, me }: { id: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const windowText = useCallbackWindowText();
  const channelsText = useChannelsText();
  // Live: a colleague's claim or a CTI hang-up shows without reload.
  // the event stream refreshes the view when the contact changes (live.ts); a slow poll only while it is down
  const safetyPoll = useSafetyPoll();
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => api<ContactView>(`/api/contacts/${id}`), refetchInterval: safetyPoll });
  const claim = useContactAction<void, Ok>(id, '/claim');
  const release = useContactAction<void, Ok>(id, '/release');
  const wait = useContactAction<{ reason: (typeof WAIT_REASONS)[number] }, Ok>(id, '/wait');
  const attempt = useContactAction<{ result: (typeof ATTEMPT_RESULTS)[number] }, CallbackAttemptResult>(id, '/callback-attempts');
  const reopen = useContactAction<{ reason: string }, Ok>(id, '/reopen');
  const takeOver = useContactAction<{ reason: string | null }>(id, '/take-over');
  const [takeOverReason, setTakeOverReason] = useState('');
  const [waitReason, setWaitReason] = useState<(typeof WAIT_REASONS)[number]>('consultation');
  const [reopenReason, setReopenReason] = useState('');
  const [referTo, setReferTo] = useState<{ name: string; serviceId: string; at: number } | null>(null);
  const [opened, setOpenedState] = useState<Record<string, boolean>>({});
  const [focusTo, setFocusTo] = useState<string | null>(null);
  const setOpened = (section: string, open: boolean) => setOpenedState((o) => ({ ...o, [section]: open }));
  const c = contact.data;
  const mine = c?.assignedTo?.id === me.id;
  // a chat (issue 16) is taken with the chat panel's "Ota chat" while it waits or runs; its transcript, typing and outbox
  const isChat = c?.channel === 'chat';
  const chat = useChat(id, isChat);
  const chatOpen = isChat && chat.chat?.status !== 'ended';
  // claimed means claimed (issue 13): only the holder changes a held contact; a supervisor takes it over first
  const canAct = !!c && c.status !== 'closed' && (mine || !c.assignedTo);
  const canClaim = !!c && !chatOpen && (c.status === 'new' || (c.status === 'waiting' && (mine || !c.assignedTo)));

  // focus a field once its section has opened (a shortcut, the catalogue's "refer here")
  // (retried briefly: on a busy machine the section's content may not be shown yet at the first try)
  useEffect(() => {
    if (!focusTo) return;
    let tries = 0;
    let timer = 0;
    const attempt = () => {
      const el = document.getElementById(focusTo);
      el?.focus();
      if ((el && document.activeElement === el) || ++tries >= 40) { setFocusTo(null); return; }
      timer = window.setTimeout(attempt, 25);
    };
    timer = window.setTimeout(attempt, 0);
    return () => window.clearTimeout(timer);
  }, [focusTo, opened]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return;
      const go = (section: string, field: string) => {
        setOpened(section, true);
        (document.getElementById(`section-${section}`) as HTMLDetailsElement | null)?.setAttribute('open', '');
        setFocusTo(field);
      };
      if (e.code === SHORTCUTS.claim.code && canClaim) claim.run();
      else if (e.code === SHORTCUTS.close.code && canAct) go('close', 'close-outcome');
      else if (e.code === SHORTCUTS.note.code && canAct) go('details', 'classify-note');
      else if (e.code === SHORTCUTS.queue.code) navigate(QUEUE_PATH);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [canAct, canClaim, claim]);

  if (!c) return <p>{contact.isError ? t('common.error') : t('common.loading')}</p>;
  const supervisor = me.roles.includes('supervisor');
  const heldByOther = c.status !== 'closed' && c.assignedTo !== null && !mine;
  const isCallback = c.channel === 'callback' || c.waitingReason === 'callback_attempt';
  const failed = c.callbackAttempts.filter((a) => a.result !== 'reached').length;
  const when = (iso: string) => formatDateTime(iso, i18n.language as Lang);
  const actionError = [claim, release, wait, attempt, reopen, takeOver].map((a) => a.errors.form).find(Boolean);
  // a callback window from the public forms is a code (morning, afternoon, any): in words
  const person = c.person ? [c.person.name, c.person.phone, c.person.hetu, c.person.address, c.person.email, windowText(c.person.callbackWindow)].filter(Boolean).join(', ') : null;
  const callerName = c.caller ? [c.caller.name, c.caller.relationship && `(${c.caller.relationship})`].filter(Boolean).join(' ') : '';
  const caller = c.caller ? [callerName, c.caller.organisation, c.caller.phone].filter(Boolean).join(', ') : null;
  const n = c.notifier;
  const forwardConsent = c.consents.some((x) => !x.withdrawnAt && ['forward_to_unit', 'kela', 'other_actor'].includes(x.purpose));
  const catalogueText = [c.residentMessage, c.note !== c.residentMessage ? c.note : null].filter(Boolean).join('\n') || null;
  const section = { opened, setOpened };
  // a service card from the catalogue: only into an active chat the worker holds
  const chatWritable = isChat && mine && chat.chat?.status === 'active';
  const sendCard = async (service: { serviceId: string; name: string }) => chat.send({ clientId: crypto.randomUUID(), serviceId: service.serviceId }, t('staffChat.panel.pendingCard', { name: service.name }));

  return (
    <section aria-labelledby="contact-title" data-qa="contact-view" className="contact-view">
      <p className="contact-back"><a {...linkProps(QUEUE_PATH)} aria-keyshortcuts={SHORTCUTS.queue.keys}>← {t('queue.back')}</a></p>
      <Heading variant="h1" id="contact-title">{t('queue.reference')} <span data-qa="contact-reference">{c.reference}</span></Heading>
      {isChat && <MyChats />}

      {/* what matters first (issue 14): the resident's own words and why the contact stands where it does */}
      <AcuteBanner contact={c} me={me} />
      {!c.acute && c.residentMessage && <ResidentWords message={c.residentMessage} language={c.language} sentAt={c.receivedAt} />}
      <TriageReasons contact={c} />
      {c.personalDataErasedAt && <Notice>{t('contact.personErased')}</Notice>}

      <dl className="form-grid facts">
        <div><dt>{t('queue.colStatus')}</dt><dd data-qa="contact-status">{t(`queue.statusNames.${c.status}`)}{c.waitingReason ? ` (${t(`queue.waitingNames.${c.waitingReason}`)})` : ''}</dd></div>
        <div><dt>{t('queue.respondBy')}</dt><dd data-qa="contact-respond-by">{formatDate(c.respondBy, ref.lang)} {c.overdue && <span className="badge overdue">{t('queue.overdue')}</span>}</dd></div>
        <div><dt>{t('queue.assignedTo')}</dt><dd data-qa="contact-assignee">{c.assignedTo?.name ?? '–'}</dd></div>
        <div><dt>{t('contact.receivedAt')}</dt><dd>{when(c.receivedAt)}</dd></div>
        <div><dt>{t('contact.channel')}</dt><dd data-qa="contact-channel">{ref.label('channel', c.channel)}</dd></div>
        <div><dt>{t('contact.line')}</dt><dd>{ref.lineLabel(c.line)}</dd></div>
        <div><dt>{t('contact.mainReason')}</dt><dd>{ref.label('reason', c.mainReason)}</dd></div>
        <div><dt>{t('contact.contactor')}</dt><dd data-qa="contact-contactor">{ref.label('contactor', c.contactor)}</dd></div>
        {caller && <div><dt>{t('contactDay.caller')}</dt><dd data-qa="contact-caller">{caller}</dd></div>}
        <div><dt>{caller ? t('contactDay.personConcerned') : t('queue.person')}</dt><dd data-qa="contact-person">{c.anonymous ? t('queue.anonymous') : (person || '–')}</dd></div>
        {/* one person across contacts (issue 17): identified by identity code or phone */}
        {!c.anonymous && !c.personalDataErasedAt && (c.person?.hetu || c.person?.phone) && (
          <div><dt>{t('guidance.personLinkTerm')}</dt><dd><a {...linkProps(PERSON_PATH(c.id))} data-qa="person-page-link">{t('guidance.personLink')}</a></dd></div>
        )}
        {!c.anonymous && <div><dt>{t('contact.messageChannels')}</dt><dd data-qa="contact-message-channels">{channelsText(c.messageChannels)}</dd></div>}
        {c.language && <div><dt>{t('contact.language')}</dt><dd data-qa="contact-language" lang={c.language}>{t(`common.languages.${c.language}`)}</dd></div>}
        {c.notificationKind && <div><dt>{t('contact.notification')}</dt><dd data-qa="contact-notification">{t(`contact.notificationKinds.${c.notificationKind}`)}</dd></div>}
        {c.urgencyAssessmentDue && <div><dt>{t('contact.statutoryDeadline')}</dt><dd><span className="badge overdue" data-qa="contact-urgency-assessment-due">{t('contact.urgencyAssessmentDue')}</span></dd></div>}
        {c.legalDeadline && c.legalBasis && (
          <div><dt>{t('contact.statutoryDeadline')}</dt><dd data-qa="contact-legal-deadline">
            {t(`contact.legalClock.${c.legalBasis}`, { date: formatDate(c.legalDeadline, ref.lang) })} ({t('contact.legalClockFrom', { date: formatDate(c.receivedOn, ref.lang) })})
          </dd></div>
        )}
        <div><dt>{t('contact.reached')}</dt><dd data-qa="contact-reached">
          {c.reachedAt && c.reachedHow ? `${when(c.reachedAt)} · ${t(`contact.reachedHow.${c.reachedHow}`)}` : t('contact.notReached')}
        </dd></div>
        {n && (
          <div><dt>{t('contact.notifier')}</dt><dd data-qa="contact-notifier">
            {[n.name, n.role, n.organisation].filter(Boolean).join(', ')}
            {n.phone && <> · <a href={`tel:${n.phone}`}>{n.phone}</a></>}
            {n.email && <> · <a href={`mailto:${n.email}`}>{n.email}</a></>}
          </dd></div>
        )}
        {n && n.subjectConsent && (
          <div><dt>{t('contact.subjectConsent')}</dt><dd data-qa="contact-subject-consent">
            {t(`contact.subjectConsents.${n.subjectConsent}`)}{n.noConsentReason ? `: ${n.noConsentReason}` : ''}
          </dd></div>
        )}
        {c.callerNumber && <div><dt>{t('contact.callerNumber')}</dt><dd><a href={`tel:${c.callerNumber}`} data-qa="caller-number">{c.callerNumber}</a></dd></div>}
      </dl>

      <div className="actions">
        {canClaim && (
          <Button onClick={() => claim.run()} disabled={claim.busy} data-qa="claim" aria-keyshortcuts={SHORTCUTS.claim.keys}>{t('queue.claim')}</Button>
        )}
        {(c.status === 'in_progress' || c.status === 'waiting') && mine && (
          <Button variant="secondary" onClick={() => release.run()} disabled={release.busy} data-qa="release">{t('queue.release')}</Button>
        )}
      </div>
      {heldByOther && <Notice qa="contact-held-by">{t('contact.claimedBy', { name: c.assignedTo?.name ?? '' })}</Notice>}
      {heldByOther && supervisor && (
        <form className="actions" onSubmit={(e) => { e.preventDefault(); takeOver.run({ reason: takeOverReason.trim() || null }); }} data-qa="take-over-form" noValidate>
          <TextField id="take-over-reason" label={t('contact.takeOverReason')} value={takeOverReason} onChange={setTakeOverReason} maxLength={1000} />
          <Button type="submit" variant="secondary" disabled={takeOver.busy} data-qa="take-over">{t('contact.takeOver')}</Button>
        </form>
      )}
      {actionError && <Notice kind="error" qa="contact-error">{actionError}</Notice>}
      {isChat && <ChatPanel contact={c} me={me} handle={chat} acceptShortcut={SHORTCUTS.claim} />}

      {isCallback && c.status !== 'closed' && canAct && (
        <fieldset className="actions panel" data-qa="callback-attempts">
          <legend>{t('contact.callbackTitle')} · {t('contact.attemptsLeft', { failed, allowed: c.callbackAttemptsAllowed })}</legend>
          {ATTEMPT_RESULTS.map((r) => (
            <Button key={r} variant="secondary" onClick={() => attempt.run({ result: r })} disabled={attempt.busy} data-qa={`attempt-${r}`}>{t(`queue.attemptResults.${r}`)}</Button>
          ))}
        </fieldset>
      )}

      {/* the guidance level (issue 17): what the triggers propose, and raising it to 2 or 3 */}
      <GuidanceSection contactId={c.id} />

      <div className="columns contact-columns">
        <div>
          {canAct && (
            <Section id="close" title={t('contactDay.sections.close')} relevant={mine} keys={SHORTCUTS.close.keys} {...section}>
              <CloseForm contact={c} />
            </Section>
          )}
          {c.status === 'closed' && (
            <Section id="closed" title={t('contactDay.sections.closed')} relevant {...section}>
              <dl className="form-grid facts">
                <div><dt>{t('contact.outcome')}</dt><dd data-qa="contact-outcome">{ref.label('outcome', c.outcome)}</dd></div>
                {c.closedAt && <div><dt>{t('queue.statusNames.closed')}</dt><dd>{when(c.closedAt)}</dd></div>}
                {c.ledToClientRelationship !== null && <div><dt>{t('contact.ledToClient')}</dt><dd>{t(c.ledToClientRelationship ? 'queue.yes' : 'queue.no')}</dd></div>}
                {c.handlingSeconds !== null && <div><dt>{t('contact.handling')}</dt><dd>{t('supervisor.minutesShort', { n: Math.round(c.handlingSeconds / 60) })}</dd></div>}
              </dl>
              <form className="actions" onSubmit={(e) => { e.preventDefault(); reopen.run({ reason: reopenReason }); }} data-qa="reopen-form" noValidate>
                <TextField id="reopen-reason" label={t('queue.reopenReason')} value={reopenReason} onChange={setReopenReason} maxLength={1000} error={reopen.errors.reason} />
                <Button type="submit" variant="secondary" disabled={reopen.busy || !reopenReason.trim()} data-qa="reopen">{t('queue.reopen')}</Button>
              </form>
            </Section>
          )}
          <AcuteMarkForm contact={c} />
          {(canAct || (heldByOther && supervisor) || !c.reachedAt) && c.status !== 'closed' && (
            <Section id="more" title={t('contactDay.sections.more')} relevant={false} {...section}>
              {c.status === 'in_progress' && mine && (
                <div className="actions">
                  <SelectField id="wait-reason" label={t('queue.waitReason')} value={waitReason} onChange={(v) => setWaitReason(v as (typeof WAIT_REASONS)[number])}
                    options={WAIT_REASONS.map((w) => ({ value: w, label: t(`queue.waitingNames.${w}`) }))} />
                  <Button variant="secondary" onClick={() => wait.run({ reason: waitReason })} disabled={wait.busy} data-qa="wait">{t('queue.wait')}</Button>
                </div>
              )}
              {!c.reachedAt && <ReachedForm contact={c} />}
              {(canAct || (heldByOther && supervisor)) && <TransferForm contact={c} me={me} />}
            </Section>
          )}
          {canAct && (
            <Section id="details" title={t('contactDay.sections.details')} relevant={false} keys={SHORTCUTS.note.keys} {...section}>
              <ClassifyForm key={`classify-${c.anonymous}-${c.personalDataErasedAt}`} contact={c} />
            </Section>
          )}
          {!c.anonymous && (
            <Section id="earlier" title={t('contactDay.sections.earlier', { n: c.earlierContacts.length })} relevant={c.earlierContacts.length > 0} {...section}>
              <EarlierContacts items={c.earlierContacts} />
            </Section>
          )}
        </div>
        <div>
          <Section id="catalogue" title={t('contactDay.sections.catalogue')} relevant={canAct} {...section}>
            <CatalogueSection note={catalogueText} municipality={c.municipality}
              onRefer={canAct && !c.anonymous ? (to) => { setReferTo({ ...to, at: Date.now() }); setOpened('referrals', true); } : undefined}
              onSendToChat={chatWritable ? sendCard : undefined} />
          </Section>
          {!c.anonymous && (
            <Section id="consents" title={t('contactDay.sections.consents', { n: c.consents.length })} relevant={c.consents.length > 0 || (canAct && mine)} {...section}>
              <ConsentSection contact={c} canAct={canAct} />
            </Section>
          )}
          {!c.anonymous && !c.personalDataErasedAt && canAct && (
            <Section id="messages" title={t('contact.messageChannels')} relevant={false} {...section}>
              <MessageConsentForm contact={c} />
            </Section>
          )}
          {(!c.anonymous || c.referrals.length > 0) && (
            <Section id="referrals" title={t('contactDay.sections.referrals', { n: c.referrals.length })} relevant={c.referrals.length > 0 || (canAct && forwardConsent)} {...section}>
              <ReferralSection contact={c} canAct={canAct} preset={referTo} />
            </Section>
          )}
          <Section id="consultations" title={t('contactDay.sections.consultations', { n: c.consultations.length })} relevant={c.consultations.some((q) => q.status === 'open')} {...section}>
            <ConsultationSection contact={c} canAct={canAct} />
          </Section>
          {!c.anonymous && (
            <Section id="initiations" title={t('contactDay.sections.initiations', { n: c.initiations.length })} relevant={c.initiations.length > 0} {...section}>
              <InitiationSection contact={c} canAct={canAct} />
            </Section>
          )}
          <Section id="timeline" title={t('contactDay.sections.timeline', { n: c.timeline.length })} relevant {...section}>
            <ol data-qa="timeline" aria-label={t('queue.timeline')}>
              {c.timeline.map((e) => (
                <li key={e.id} data-qa={`event-${e.kind}`}>
                  {when(e.at)} – {t(`queue.kinds.${e.kind}`, { defaultValue: e.kind })}
                  {e.actor ? ` (${e.actor})` : ''}
                  {typeof e.details.note === 'string' && e.details.note ? `: ${e.details.note}` : ''}
                  {typeof e.details.toName === 'string' ? ` → ${e.details.toName}` : ''}
                  {typeof e.details.target === 'string' ? ` → ${ref.unitLabel(e.details.target)}` : ''}
                  {typeof e.details.referralOutcome === 'string' ? ` · ${ref.label('referral_outcome', e.details.referralOutcome)}` : ''}
                  {typeof e.details.reason === 'string' ? ` · ${t(`queue.waitingNames.${e.details.reason}`, { defaultValue: e.details.reason })}` : ''}
                  {typeof e.details.result === 'string' ? ` · ${t(`queue.attemptResults.${e.details.result}`, { defaultValue: e.details.result })}` : ''}
                  {typeof e.details.outcome === 'string' ? ` · ${ref.label('outcome', e.details.outcome)}` : ''}
                  {Array.isArray(e.details.channels) ? ` · ${channelsText(e.details.channels.map(String))}` : ''}
                </li>
              ))}
            </ol>
          </Section>
        </div>
      </div>

      <details className="contact-shortcuts" data-qa="shortcuts">
        <summary>{t('contactDay.shortcuts.title')}</summary>
        <p className="hint">{t('contactDay.shortcuts.hint')}</p>
        <dl>
          {(Object.keys(SHORTCUTS) as (keyof typeof SHORTCUTS)[]).map((k) => (
            <div key={k}><dt><kbd>{SHORTCUTS[k].keys}</kbd></dt><dd>{t(`contactDay.shortcuts.${k}`)}</dd></div>
          ))}
        </dl>
      </details>
    </section>
  );
}
