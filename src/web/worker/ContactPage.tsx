import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { formatDate, formatDateTime, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { useReferenceData } from './reference-data';
import { useContactAction, type ContactView } from './contact-actions';
import { Notice, SelectField, TextField } from '../lib/fields';
import type { Me } from './session';
import { CloseForm } from './CloseForm';
import { ClassifyForm } from './ClassifyForm';
import { ConsentSection } from './ConsentSection';
import { InitiationSection } from './InitiationSection';
import { CatalogueSection } from './CatalogueSection';
import { ReferralSection } from './ReferralSection';
import { ConsultationSection } from './ConsultationSection';
import { AcuteBanner, AcuteMarkForm } from './AcuteSection';

const WAIT_REASONS = ['consultation', 'callback_attempt', 'client_to_call_back'] as const;
const ATTEMPT_RESULTS = ['reached', 'no_answer', 'busy', 'wrong_number', 'voicemail'] as const;

function TransferForm({ contact, me }: { contact: ContactView; me: Me }) {
  const { t } = useTranslation();
  const colleagues = useQuery({ queryKey: ['colleagues'], queryFn: () => api<{ items: { id: string; name: string }[] }>('/api/colleagues'), staleTime: 60_000 });
  const transfer = useContactAction<{ toUserId: string; note: string }>(contact.id, '/transfer');
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
  const mark = useContactAction<{ how: string }>(contact.id, '/reached');
  const [how, setHow] = useState<string>('reply_sent');
  return (
    <form className="actions" onSubmit={(e) => { e.preventDefault(); mark.run({ how }); }} data-qa="reached-form" noValidate>
      <SelectField id="reached-how" label={t('contact.markReachedHow')} value={how} onChange={setHow}
        options={REACHED_BY.map((h) => ({ value: h, label: t(`contact.reachedHow.${h}`) }))} error={mark.errors.how} />
      <Button type="submit" variant="secondary" disabled={mark.busy} data-qa="mark-reached">{t('contact.markReached')}</Button>
      {mark.errors.form && <Notice kind="error">{mark.errors.form}</Notice>}
    </form>
  );
}

export function ContactPage({ id, me }: { id: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  // Live: a colleague's claim or a CTI hang-up shows without reload.
  const contact = useQuery({ queryKey: ['contact', id], queryFn: () => api<ContactView>(`/api/contacts/${id}`), refetchInterval: 5000 });
  const claim = useContactAction(id, '/claim');
  const release = useContactAction(id, '/release');
  const wait = useContactAction<{ reason: string }>(id, '/wait');
  const attempt = useContactAction<{ result: string }>(id, '/callback-attempts');
  const reopen = useContactAction<{ reason: string }>(id, '/reopen');
  const takeOver = useContactAction<{ reason: string | null }>(id, '/take-over');
  const [takeOverReason, setTakeOverReason] = useState('');
  const [waitReason, setWaitReason] = useState<string>('consultation');
  const [reopenReason, setReopenReason] = useState('');
  const [referTo, setReferTo] = useState<{ name: string; serviceId: string; at: number } | null>(null);

  if (!contact.data) return <p>{contact.isError ? t('common.error') : t('common.loading')}</p>;
  const c = contact.data;
  const mine = c.assignedTo?.id === me.id;
  const supervisor = me.roles.includes('supervisor');
  // claimed means claimed (issue 13): only the holder changes a held contact; a supervisor takes it over first
  const canAct = c.status !== 'closed' && (mine || !c.assignedTo);
  const heldByOther = c.status !== 'closed' && c.assignedTo !== null && !mine;
  const isCallback = c.channel === 'callback' || c.waitingReason === 'callback_attempt';
  const failed = c.callbackAttempts.filter((a) => a.result !== 'reached').length;
  const when = (iso: string) => formatDateTime(iso, i18n.language as Lang);
  const actionError = [claim, release, wait, attempt, reopen, takeOver].map((a) => a.errors.form).find(Boolean);
  // a callback window from the public forms is a code (morning, afternoon, any)
  const callWindow = c.person?.callbackWindow && i18n.exists(`form.windows.${c.person.callbackWindow}`) ? t(`form.windows.${c.person.callbackWindow}`) : c.person?.callbackWindow;
  const person = c.person ? [c.person.name, c.person.phone, c.person.hetu, c.person.address, callWindow].filter(Boolean).join(', ') : null;
  const n = c.notifier;

  return (
    <section aria-labelledby="contact-title" data-qa="contact-view">
      <p><a {...linkProps('/tyo/')}>← {t('queue.back')}</a></p>
      <Heading variant="h1" id="contact-title">{t('queue.reference')} <span data-qa="contact-reference">{c.reference}</span></Heading>
      <AcuteBanner contact={c} me={me} />
      {c.repeatTrigger && <p className="badge trigger" data-qa="repeat-trigger">{t('queue.repeatTrigger', { n: c.repeatContacts30d })}</p>}
      {c.personalDataErasedAt && <Notice>{t('contact.personErased')}</Notice>}
      <dl className="form-grid facts">
        <div><dt>{t('queue.colStatus')}</dt><dd data-qa="contact-status">{t(`queue.statusNames.${c.status}`)}{c.waitingReason ? ` (${t(`queue.waitingNames.${c.waitingReason}`)})` : ''}</dd></div>
        <div><dt>{t('queue.respondBy')}</dt><dd data-qa="contact-respond-by">{formatDate(c.respondBy, ref.lang)} {c.overdue && <span className="badge overdue">{t('queue.overdue')}</span>}</dd></div>
        <div><dt>{t('contact.receivedAt')}</dt><dd>{when(c.receivedAt)}</dd></div>
        <div><dt>{t('contact.channel')}</dt><dd data-qa="contact-channel">{ref.label('channel', c.channel)}</dd></div>
        <div><dt>{t('contact.line')}</dt><dd>{ref.lineLabel(c.line)}</dd></div>
        <div><dt>{t('contact.urgency')}</dt><dd>{ref.label('urgency', c.urgency)}</dd></div>
        <div><dt>{t('queue.assignedTo')}</dt><dd data-qa="contact-assignee">{c.assignedTo?.name ?? '–'}</dd></div>
        <div><dt>{t('contact.mainReason')}</dt><dd>{ref.label('reason', c.mainReason)}</dd></div>
        <div><dt>{t('contact.contactor')}</dt><dd>{ref.label('contactor', c.contactor)}</dd></div>
        <div><dt>{t('queue.person')}</dt><dd data-qa="contact-person">{c.anonymous ? t('queue.anonymous') : (person || '–')}</dd></div>
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
        {c.status === 'closed' && <div><dt>{t('contact.outcome')}</dt><dd data-qa="contact-outcome">{ref.label('outcome', c.outcome)}</dd></div>}
        {c.handlingSeconds !== null && <div><dt>{t('contact.handling')}</dt><dd>{t('supervisor.minutesShort', { n: Math.round(c.handlingSeconds / 60) })}</dd></div>}
      </dl>

      <div className="actions">
        {(c.status === 'new' || (c.status === 'waiting' && (mine || !c.assignedTo))) && (
          <Button onClick={() => claim.run()} disabled={claim.busy} data-qa="claim">{t('queue.claim')}</Button>
        )}
        {(c.status === 'in_progress' || c.status === 'waiting') && mine && (
          <Button variant="secondary" onClick={() => release.run()} disabled={release.busy} data-qa="release">{t('queue.release')}</Button>
        )}
        {c.status === 'in_progress' && mine && (
          <>
            <SelectField id="wait-reason" label={t('queue.waitReason')} value={waitReason} onChange={setWaitReason}
              options={WAIT_REASONS.map((w) => ({ value: w, label: t(`queue.waitingNames.${w}`) }))} />
            <Button variant="secondary" onClick={() => wait.run({ reason: waitReason })} disabled={wait.busy} data-qa="wait">{t('queue.wait')}</Button>
          </>
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
      {!c.reachedAt && <ReachedForm contact={c} />}
      <AcuteMarkForm contact={c} />
      {(canAct || (heldByOther && supervisor)) && <TransferForm contact={c} me={me} />}

      {isCallback && c.status !== 'closed' && canAct && (
        <fieldset className="actions panel" data-qa="callback-attempts">
          <legend>{t('contact.callbackTitle')} · {t('contact.attemptsLeft', { failed, allowed: c.callbackAttemptsAllowed })}</legend>
          {ATTEMPT_RESULTS.map((r) => (
            <Button key={r} variant="secondary" onClick={() => attempt.run({ result: r })} disabled={attempt.busy} data-qa={`attempt-${r}`}>{t(`queue.attemptResults.${r}`)}</Button>
          ))}
        </fieldset>
      )}

      <div className="columns">
        <div>
          {canAct && <ClassifyForm key={`classify-${c.anonymous}-${c.personalDataErasedAt}`} contact={c} />}
          {canAct && <CloseForm contact={c} />}
          {c.status === 'closed' && (
            <form className="actions" onSubmit={(e) => { e.preventDefault(); reopen.run({ reason: reopenReason }); }} data-qa="reopen-form" noValidate>
              <TextField id="reopen-reason" label={t('queue.reopenReason')} value={reopenReason} onChange={setReopenReason} maxLength={1000} error={reopen.errors.reason} />
              <Button type="submit" variant="secondary" disabled={reopen.busy || !reopenReason.trim()} data-qa="reopen">{t('queue.reopen')}</Button>
            </form>
          )}
        </div>
        <div>
          <CatalogueSection note={c.note} municipality={c.municipality} onRefer={canAct && !c.anonymous ? (to) => setReferTo({ ...to, at: Date.now() }) : undefined} />
          {!c.anonymous && <ConsentSection contact={c} canAct={canAct} />}
          {(!c.anonymous || c.referrals.length > 0) && <ReferralSection contact={c} canAct={canAct} preset={referTo} />}
          <ConsultationSection contact={c} canAct={canAct} />
          {!c.anonymous && <InitiationSection contact={c} canAct={canAct} />}
          <section className="panel" aria-labelledby="timeline-title">
            <Heading variant="h2" id="timeline-title">{t('queue.timeline')}</Heading>
            <ol data-qa="timeline">
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
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}
