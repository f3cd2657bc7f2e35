import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { formatDate, formatDateTime, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { Notice, SelectField, TextField } from '../lib/fields';
import { useReferenceData } from './reference-data';
import { useAction } from './use-action';
import { abilities, type Me } from './session';
import { ResidentWords, useCallbackWindowText } from './ResidentWords';
import { useAcuteText } from './acute';
import { TRIGGERS, type TriggerCode } from '../../domain/codes';
import type { z } from 'zod';
import type { referralStepResultSchema, referralViewSchema } from '../../server/features/referrals/referrals.schemas';
import './contact.css';

/** One contract (issue 14): the referral as the server declares it (referrals.schemas.ts), not a copy. */
export type ReferralView = z.infer<typeof referralViewSchema>;
type StepResult = z.infer<typeof referralStepResultSchema>;

/**
 * One referral as the receiving unit sees it: who, why, by when, on what basis; and the steps of
 * the loop. Opening it reads the person's data (access-logged by the server).
 */
export function ReferralPage({ id, me }: { id: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const windowText = useCallbackWindowText();
  const acuteText = useAcuteText();
  const lang = i18n.language as Lang;
  const view = useQuery({ queryKey: ['referral', id], queryFn: () => api<ReferralView>(`/api/referrals/${id}`), refetchInterval: 10_000 });
  const keys = [['referral', id], ['inbox'], ['referral-overdue']];
  const accept = useAction<void, StepResult>(`/api/referrals/${id}/accept`, keys);
  const contacted = useAction<void, StepResult>(`/api/referrals/${id}/contact`, keys);
  const complete = useAction<{ outcome: string; note: string | null }, StepResult>(`/api/referrals/${id}/complete`, keys);
  const giveBack = useAction<{ reason: string }, StepResult>(`/api/referrals/${id}/return`, keys);
  const cancel = useAction<{ reason: string }, StepResult>(`/api/referrals/${id}/cancel`, keys);
  const [outcome, setOutcome] = useState('got_help');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');

  if (!view.data) return <p>{view.isError ? t('common.error') : t('common.loading')}</p>;
  const r = view.data;
  const { guidance } = abilities(me);
  // the receiving unit answers for its referrals; for an outside actor the guidance unit records what it reported
  // a unit reached outside Opastin (issue 18) has no inbox here: the guidance unit records its answers too
  const answers = r.unit && r.unit.inOpastin ? me.roles.includes('unit_worker') : guidance;
  const when = (iso: string) => formatDateTime(iso, lang);
  const p = r.person;
  const error = [accept, contacted, complete, giveBack, cancel].map((a) => a.errors.form).find(Boolean);
  const outcomes = ref.options('referral_outcome').filter((o) => o.value !== 'returned_wrong_service');

  return (
    <section aria-labelledby="referral-title" data-qa="referral-view">
      <p>
        {guidance ? <a {...linkProps(`/tyo/yhteydenotot/${r.contactId}`)}>← {t('referral.backToContact')}</a> : <a {...linkProps('/tyo/lahetteet')}>← {t('referral.backToInbox')}</a>}
      </p>
      <Heading variant="h1" id="referral-title">{t(`referral.kinds.${r.kind}`)}{r.assessment ? ` (${t(`referral.assessments.${r.assessment}`)})` : ''} · {r.contactReference}</Heading>
      {r.overdue && <p className="badge overdue" data-qa="referral-overdue">{t('referral.overdue')}</p>}
      {/* issue 14: the resident's own words and the triage, when the guidance worker shared them */}
      {r.residentMessage && (
        <section className="shared-words" aria-labelledby="referral-words-title" data-qa="referral-resident-words">
          <h2 id="referral-words-title" className="resident-words-title">{t('contactDay.sharedWords')}</h2>
          <ResidentWords message={r.residentMessage} language={r.person?.language ?? null} qa="referral-resident-message" title={false} />
          <p className="hint">{t('contactDay.sharedWordsMeta')}</p>
          {(r.acuteReasons.length > 0 || r.triggers.length > 0) && (
            <dl className="facts inline-facts" data-qa="referral-triage">
              {r.acuteReasons.length > 0 && <div><dt>{t('contactDay.triageAcute')}</dt><dd data-qa="referral-triage-acute">{acuteText.reasons(r.acuteReasons)}
                {r.acuteTriggerWords.length > 0 && <> · {t('queue.acute.triggerWords')}: {acuteText.words(r.acuteTriggerWords)}</>}</dd></div>}
              {r.triggers.length > 0 && <div><dt>{t('contactDay.triageTriggers')}</dt><dd data-qa="referral-triage-triggers">
                {r.triggers.map((code) => (code in TRIGGERS ? TRIGGERS[code as TriggerCode][ref.lang] : code)).join(', ')}</dd></div>}
            </dl>
          )}
        </section>
      )}
      <dl className="form-grid facts">
        <div><dt>{t('referral.statusLabel')}</dt><dd data-qa="referral-status">{t(`referral.statuses.${r.status}`)}</dd></div>
        <div><dt>{t('referral.target')}</dt><dd>{r.unit ? r.unit.name[lang] : r.external?.name}{r.unit && !r.unit.inOpastin && (r.unit.phone || r.unit.email) && <> ({[r.unit.phone, r.unit.email].filter(Boolean).join(', ')})</>}</dd></div>
        <div><dt>{t('contact.urgency')}</dt><dd>{ref.label('urgency', r.urgency)}</dd></div>
        <div><dt>{t('referral.acceptByLabel')}</dt><dd data-qa="referral-accept-by">{formatDate(r.acceptBy, lang)}</dd></div>
        <div><dt>{t('referral.contactByLabel')}</dt><dd data-qa="referral-contact-by">{formatDate(r.contactBy, lang)}{r.legalBasis ? ` · ${t(`referral.legalBases.${r.legalBasis}`)}` : ''}</dd></div>
        <div><dt>{t('referral.sent')}</dt><dd>{when(r.sentAt)} · {r.sentBy}</dd></div>
        {r.handler && <div><dt>{t('referral.handler')}</dt><dd data-qa="referral-handler">{r.handler}</dd></div>}
        <div><dt>{t('referral.needs')}</dt><dd>{r.needs.map((n) => ref.label('reason', n)).join(', ')}</dd></div>
        <div><dt>{t('referral.basis')}</dt><dd data-qa="referral-basis">
          {r.consent ? `${t('referral.basisConsent')}: ${t(`contact.givenByNames.${r.consent.givenBy}`)}, ${t(`contact.methodNames.${r.consent.method}`).toLowerCase()}, ${when(r.consent.givenAt)}${r.consent.withdrawnAt ? ` · ${t('contact.withdrawn', { date: when(r.consent.withdrawnAt) })}` : ''}`
            : `${t(`referral.grounds.${r.legalGround}`)}: ${r.legalGroundReason ?? ''}`}
        </dd></div>
        {r.bookedAt && <div><dt>{t('referral.bookedAt')}</dt><dd>{when(r.bookedAt)}{r.bookedPlace ? `, ${r.bookedPlace}` : ''}</dd></div>}
        {r.outcome && <div><dt>{t('referral.outcome')}</dt><dd data-qa="referral-outcome">{ref.label('referral_outcome', r.outcome)}{r.outcomeNote ? `: ${r.outcomeNote}` : ''}</dd></div>}
        {r.returnReason && <div><dt>{t('referral.returnReason')}</dt><dd>{r.returnReason}</dd></div>}
        {r.cancelReason && <div><dt>{t('referral.cancelReason')}</dt><dd>{r.cancelReason}</dd></div>}
      </dl>

      <section className="panel" aria-labelledby="referral-person-title">
        <Heading variant="h2" id="referral-person-title">{t('referral.person')}</Heading>
        {p && <p className="hint" data-qa="referral-snapshot-note">{t('referral.snapshotNote')}</p>}
        {p ? (
          <dl className="form-grid facts" data-qa="referral-person">
            <div><dt>{t('contact.name')}</dt><dd>{p.name ?? '–'}</dd></div>
            <div><dt>{t('contact.hetu')}</dt><dd>{p.hetu ?? '–'}</dd></div>
            <div><dt>{t('contact.phone')}</dt><dd>{p.phone ? <a href={`tel:${p.phone}`}>{p.phone}</a> : '–'}</dd></div>
            {p.address && <div><dt>{t('contact.address')}</dt><dd>{p.address}</dd></div>}
            {r.preferredTime && <div><dt>{t('referral.preferredTime')}</dt><dd data-qa="referral-preferred-time">{windowText(r.preferredTime)}</dd></div>}
            {p.language && <div><dt>{t('contact.language')}</dt><dd>{t(`common.languages.${p.language}`)}</dd></div>}
          </dl>
        ) : <Notice qa="referral-person-unavailable">{t(`referral.personUnavailable.${r.personalDataUnavailableReason ?? 'erased'}`)}</Notice>}
        {r.summary && <p className="summary" data-qa="referral-summary">{r.summary}</p>}
      </section>

      <div className="actions">
        {answers && r.status === 'requested' && <Button onClick={() => accept.run()} disabled={accept.busy} data-qa="referral-accept">{t('referral.accept')}</Button>}
        {answers && r.status === 'accepted' && <Button onClick={() => contacted.run()} disabled={contacted.busy} data-qa="referral-contacted">{t('referral.clientContacted')}</Button>}
      </div>
      {answers && (r.status === 'accepted' || r.status === 'client_contacted') && (
        <form className="actions" onSubmit={(e) => { e.preventDefault(); complete.run({ outcome, note: note || null }); }} data-qa="referral-complete-form" noValidate>
          <SelectField id="referral-outcome" label={t('referral.outcome')} value={outcome} onChange={setOutcome} options={outcomes} error={complete.errors.outcome} />
          <TextField id="referral-outcome-note" label={t('referral.outcomeNote')} value={note} onChange={setNote} maxLength={1000} />
          <Button type="submit" disabled={complete.busy} data-qa="referral-complete">{t('referral.complete')}</Button>
        </form>
      )}
      {((answers && (r.status === 'requested' || r.status === 'accepted')) || (guidance && ['requested', 'accepted', 'client_contacted'].includes(r.status))) && (
        <form className="actions" onSubmit={(e) => e.preventDefault()} noValidate>
          <TextField id="referral-reason" label={t('referral.reason')} value={reason} onChange={setReason} maxLength={1000} error={giveBack.errors.reason ?? cancel.errors.reason} />
          {answers && r.unit && (r.status === 'requested' || r.status === 'accepted') && (
            <Button variant="secondary" onClick={() => giveBack.run({ reason })} disabled={giveBack.busy || !reason.trim()} data-qa="referral-return">{t('referral.return')}</Button>
          )}
          {guidance && <Button variant="secondary" onClick={() => cancel.run({ reason })} disabled={cancel.busy || !reason.trim()} data-qa="referral-cancel">{t('referral.cancel')}</Button>}
        </form>
      )}
      {error && <Notice kind="error" qa="referral-error">{error}</Notice>}

      <section className="panel" aria-labelledby="referral-history-title">
        <Heading variant="h2" id="referral-history-title">{t('referral.history')}</Heading>
        <ol data-qa="referral-history">
          {r.history.map((e) => (
            <li key={e.id} data-qa={`referral-event-${e.kind}`}>
              {when(e.at)} – {t(`queue.kinds.${e.kind}`, { defaultValue: e.kind })}{e.actor ? ` (${e.actor})` : ''}
              {typeof e.details.note === 'string' ? `: ${e.details.note}` : ''}
              {typeof e.details.referralOutcome === 'string' ? ` · ${ref.label('referral_outcome', e.details.referralOutcome)}` : ''}
            </li>
          ))}
        </ol>
        <p><a href={`/api/referrals/${r.id}/fhir`} download={`referral-${r.id}.fhir.json`} data-qa="referral-fhir">{t('referral.fhir')}</a></p>
      </section>
    </section>
  );
}
