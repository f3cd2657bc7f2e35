import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { consultationInputSchema } from '../../server/features/referrals/referrals.schemas';
import { useContactAction, type ContactView } from './contact-actions';
import { useReferenceData } from './reference-data';
import { useAction } from './use-action';
import { formatDateTime, type Lang } from '../lib/i18n';
import { Checkbox, Notice, SelectField, TextField } from '../lib/fields';

const CONSULTEES = ['health_nurse', 'social_worker_on_duty', 'multiprofessional_team', 'kela_authority_line', 'other'] as const;

/**
 * The answer to a consultation: given by the consulted unit in its inbox, or recorded by the asker
 * who got it by phone (who then also says who answered).
 */
export function ConsultationAnswerForm({ consultationId, refresh, byAsker }: { consultationId: string; refresh: unknown[][]; byAsker: boolean }) {
  const { t } = useTranslation();
  const answer = useAction<{ answer: string; answeredByName: string | null }>(`/api/consultations/${consultationId}/answer`, refresh);
  const [text, setText] = useState('');
  const [by, setBy] = useState('');
  return (
    <form className={byAsker ? 'inline-form' : undefined} onSubmit={(e) => { e.preventDefault(); answer.run({ answer: text, answeredByName: by || null }); }}
      data-qa={byAsker ? 'consultation-record-answer' : 'consultation-answer-form'} noValidate>
      <TextField id={`${byAsker ? 'answer' : 'consultation-answer'}-${consultationId}`} label={t('consultation.answer')} value={text} onChange={setText} multiline rows={byAsker ? 2 : 3} maxLength={4000} error={answer.errors.answer} />
      {byAsker && <TextField id={`answer-by-${consultationId}`} label={t('consultation.answeredBy')} value={by} onChange={setBy} maxLength={200} />}
      {answer.errors.form && <Notice kind="error">{answer.errors.form}</Notice>}
      <Button type="submit" variant="secondary" disabled={answer.busy || !text.trim()} data-qa={byAsker ? 'consultation-answer-submit' : 'consultation-answer'}>
        {t(byAsker ? 'consultation.recordAnswer' : 'consultation.sendAnswer')}
      </Button>
    </form>
  );
}

/**
 * Consultation before answering (domain § 5): a nurse, the social worker on duty, a team. Anonymous
 * unless the person consented to consultation; the contact waits and its promise keeps counting.
 */
export function ConsultationSection({ contact, canAct }: { contact: ContactView; canAct: boolean }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const ask = useContactAction<z.input<typeof consultationInputSchema>>(contact.id, '/consultations');
  const consents = contact.consents.filter((c) => !c.withdrawnAt && c.purpose === 'consultation');
  const [form, setForm] = useState({ consultee: 'social_worker_on_duty', unit: '', anonymous: true, question: '' });
  const set = <K extends keyof typeof form>(k: K) => (v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const anonymous = contact.anonymous || form.anonymous;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await ask.runAsync({ consultee: form.consultee as z.input<typeof consultationInputSchema>['consultee'], unit: form.unit || null, anonymous, question: form.question, consentId: anonymous ? null : consents.at(-1)?.id ?? null })
      .then(() => setForm((f) => ({ ...f, question: '' })), () => undefined);
  };
  const when = (iso: string) => formatDateTime(iso, i18n.language as Lang);

  return (
    <section className="panel" aria-labelledby="consultations-title" data-qa="consultations">
      <Heading variant="h2" id="consultations-title" className="visually-hidden">{t('consultation.title')}</Heading>
      <ul className="compact-list">
        {contact.consultations.map((q) => (
          <li key={q.id} data-qa="consultation">
            <strong>{t(`consultation.consultees.${q.consultee}`)}</strong>{q.unit ? ` (${ref.unitLabel(q.unit)})` : ''} · {when(q.askedAt)}
            {q.anonymous && <> · {t('consultation.anonymous')}</>}
            <br />{q.question}
            {q.status === 'answered' && <><br /><span data-qa="consultation-answer">→ {q.answer}</span> {q.answeredBy ? `(${q.answeredBy})` : ''}</>}
            {q.status === 'open' && <> · <em>{t('consultation.waiting')}</em></>}
            {q.status === 'open' && canAct && <ConsultationAnswerForm consultationId={q.id} refresh={[['contact', contact.id], ['queue']]} byAsker />}
          </li>
        ))}
      </ul>
      {canAct && (
        <form onSubmit={(e) => void submit(e)} data-qa="consultation-form" noValidate>
          <div className="form-grid">
            <SelectField id="consultation-consultee" label={t('consultation.consultee')} value={form.consultee} onChange={set('consultee')}
              options={CONSULTEES.map((c) => ({ value: c, label: t(`consultation.consultees.${c}`) }))} />
            <SelectField id="consultation-unit" label={t('consultation.unit')} value={form.unit} onChange={set('unit')} empty={t('consultation.noUnit')}
              options={ref.units.map((u) => ({ value: u.code, label: u.name[ref.lang] }))} error={ask.errors.unit} />
          </div>
          {!contact.anonymous && (
            <Checkbox id="consultation-anonymous" label={consents.length ? t('consultation.askAnonymously') : t('consultation.anonymousNoConsent')} checked={anonymous}
              onChange={(v) => set('anonymous')(consents.length ? v : true)} error={ask.errors.consentId} />
          )}
          <TextField id="consultation-question" label={t('consultation.question')} hint={anonymous ? t('consultation.anonymousHint') : undefined}
            value={form.question} onChange={set('question')} multiline rows={3} maxLength={2000} error={ask.errors.question} />
          {ask.errors.form && <Notice kind="error" qa="consultation-error">{ask.errors.form}</Notice>}
          <Button type="submit" variant="secondary" disabled={ask.busy || !form.question.trim()} data-qa="consultation-submit">{t('consultation.ask')}</Button>
        </form>
      )}
    </section>
  );
}
