import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import type { referralCreatedSchema, referralInputSchema } from '../../server/features/referrals/referrals.schemas';
import { useContactAction, type ContactReferral, type ContactView } from './contact-actions';
import { firstLine, useCallbackWindowText } from './ResidentWords';
import { useReferenceData } from './reference-data';
import { formatDate, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { Checkbox, CheckboxGroup, Notice, RadioGroup, SelectField, TextField } from '../lib/fields';

const KINDS = ['message_to_service', 'referral_for_assessment', 'to_own_worker', 'direct_booking'] as const;
const GROUNDS = ['shl_35', 'child_welfare'] as const;
/** One contract: what the server takes and answers (referrals.schemas.ts). */
type ReferralBody = z.input<typeof referralInputSchema>;
type ReferralCreated = z.infer<typeof referralCreatedSchema>;

export const referralPath = (id: string) => `/tyo/lahetteet/${id}`;

interface Form {
  externalServiceId: string;
  kind: string; assessment: string; target: 'unit' | 'external'; unit: string; external: string; summary: string; needs: string[]; urgency: string;
  preferredTime: string; highestCareAllowance: boolean; basis: '' | 'consent' | 'legal'; consentId: string; legalGround: string; legalGroundReason: string; bookedAt: string; bookedPlace: string;
  shareResidentMessage: boolean;
}

/**
 * "Saattaen vaihtaen": the contact's referrals and where each stands (the loop closes here), and the
 * form to refer, gated on a consent in force or a legal ground with its reason.
 */
export function ReferralSection({ contact, canAct, preset }: { contact: ContactView; canAct: boolean; preset?: { name: string; serviceId: string; at: number } | null }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const windowText = useCallbackWindowText();
  const lang = i18n.language as Lang;
  const send = useContactAction<ReferralBody, ReferralCreated>(contact.id, '/referrals');
  const forwardConsents = contact.consents.filter((c) => !c.withdrawnAt && ['forward_to_unit', 'kela', 'other_actor'].includes(c.purpose));
  const initial = (): Form => ({
    externalServiceId: '', kind: 'message_to_service', assessment: 'pta', target: 'unit', unit: '', external: '', summary: '', needs: contact.mainReason ? [contact.mainReason] : [],
    urgency: contact.urgency === 'emergency' ? 'urgent' : contact.urgency, preferredTime: windowText(contact.person?.callbackWindow), highestCareAllowance: false,
    basis: '', consentId: '', legalGround: '', legalGroundReason: '', bookedAt: '', bookedPlace: '', shareResidentMessage: false,
  });
  const [form, setForm] = useState<Form>(initial);
  // a service chosen in the catalogue panel: refer to it as an outside actor
  useEffect(() => {
    if (!preset) return;
    setForm((f) => ({ ...f, target: 'external', external: preset.name.slice(0, 200), externalServiceId: preset.serviceId }));
    // after the field has rendered: the worker continues from it
    const timer = window.setTimeout(() => document.getElementById('referral-external')?.focus(), 0);
    return () => window.clearTimeout(timer);
  }, [preset]);
  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  // issue 14: nothing is pre-selected: the worker chooses consent or a legal ground themself
  const basis = form.basis;
  const consentId = basis === 'consent' ? (form.consentId || forwardConsents.at(-1)?.id || '') : '';
  const [basisMissing, setBasisMissing] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!basis) {
      setBasisMissing(true);
      document.getElementById(`referral-basis-${forwardConsents.length ? 'consent' : 'legal'}`)?.focus();
      return;
    }
    setBasisMissing(false);
    const body: ReferralBody = {
      kind: form.kind as ReferralBody['kind'], assessment: form.kind === 'referral_for_assessment' ? form.assessment as 'pta' | 'hta' : null,
      unit: form.target === 'unit' ? form.unit || null : null, external: form.target === 'external' ? { name: form.external, serviceId: form.externalServiceId || null } : null,
      summary: form.summary, needs: form.needs, urgency: form.urgency as ReferralBody['urgency'], preferredTime: form.preferredTime || null,
      highestCareAllowance: form.kind === 'referral_for_assessment' && form.assessment === 'pta' && form.highestCareAllowance,
      consentId: consentId || null, legalGround: basis === 'legal' ? (form.legalGround || null) as ReferralBody['legalGround'] : null,
      legalGroundReason: basis === 'legal' ? form.legalGroundReason || null : null,
      bookedAt: form.kind === 'direct_booking' && form.bookedAt ? new Date(form.bookedAt).toISOString() : null, bookedPlace: form.kind === 'direct_booking' ? form.bookedPlace || null : null,
      // the worker decides each time; nothing to share without the resident's own words
      shareResidentMessage: !!contact.residentMessage && form.shareResidentMessage,
    };
    await send.runAsync(body).then(() => setForm(initial()), () => undefined);
  };
  const target = (r: ContactReferral) => (r.unit ? ref.unitLabel(r.unit) : r.external ?? '');

  return (
    <section className="panel" aria-labelledby="referrals-title" data-qa="referrals">
      <Heading variant="h2" id="referrals-title" className="visually-hidden">{t('referral.title')}</Heading>
      {contact.referralReturns > 0 && <p className="badge trigger" data-qa="referral-returns">{t('referral.returnsBadge', { n: contact.referralReturns })}</p>}
      {contact.referrals.length === 0 && <p>{t('referral.none')}</p>}
      <ul className="compact-list">
        {contact.referrals.map((r) => (
          <li key={r.id} data-qa="referral">
            <a {...linkProps(referralPath(r.id))} data-qa="referral-open">{t(`referral.kinds.${r.kind}`)} → {target(r)}</a>
            {' · '}<strong data-qa="referral-status">{t(`referral.statuses.${r.status}`)}</strong>
            {r.outcome && r.status === 'completed' && <> · {ref.label('referral_outcome', r.outcome)}</>}
            {r.returnReason && <> · {r.returnReason}</>}
            {(r.status === 'requested' || r.status === 'accepted') && (
              <> · {t(r.status === 'requested' ? 'referral.acceptBy' : 'referral.contactBy', { date: formatDate(r.status === 'requested' ? r.acceptBy : r.contactBy, lang) })}
                {r.legalDeadline && r.legalBasis && <span data-qa="referral-legal-deadline"> · {t(`contact.legalClock.${r.legalBasis}`, { date: formatDate(r.legalDeadline, lang) })}</span>}</>
            )}
            {r.overdue && <> <span className="badge overdue" data-qa="referral-overdue">{t('referral.overdue')}</span></>}
          </li>
        ))}
      </ul>
      {canAct && !contact.anonymous && (
        <form onSubmit={(e) => void submit(e)} data-qa="referral-form" noValidate>
          <Heading variant="h3">{t('referral.newTitle')}</Heading>
          <div className="form-grid">
            <SelectField id="referral-kind" label={t('referral.kind')} value={form.kind} onChange={set('kind')} options={KINDS.map((k) => ({ value: k, label: t(`referral.kinds.${k}`) }))} />
            {form.kind === 'referral_for_assessment' && (
              <SelectField id="referral-assessment" label={t('referral.assessment')} value={form.assessment} onChange={set('assessment')}
                options={(['pta', 'hta'] as const).map((a) => ({ value: a, label: t(`referral.assessments.${a}`) }))} error={send.errors.assessment} />
            )}
            <SelectField id="referral-urgency" label={t('contact.urgency')} value={form.urgency} onChange={set('urgency')} options={ref.options('urgency')} />
          </div>
          {form.kind === 'referral_for_assessment' && form.assessment === 'pta' && (
            <Checkbox id="referral-highest-care-allowance" label={t('referral.highestCareAllowance')} checked={form.highestCareAllowance} onChange={set('highestCareAllowance')} />
          )}
          <RadioGroup id="referral-target" legend={t('referral.target')} value={form.target} onChange={(v) => set('target')(v as Form['target'])}
            options={[{ value: 'unit', label: t('referral.toUnit') }, { value: 'external', label: t('referral.toExternal') }]} />
          {form.target === 'unit'
            ? <SelectField id="referral-unit" label={t('referral.unit')} value={form.unit} onChange={set('unit')} empty="" error={send.errors.unit}
              options={ref.units.map((u) => ({ value: u.code, label: u.name[lang] }))} />
            : <TextField id="referral-external" label={t('referral.external')} hint={t('referral.externalHint')} value={form.external} onChange={(v) => setForm((f) => ({ ...f, external: v, externalServiceId: '' }))} maxLength={200} error={send.errors['external.name']} />}
          <TextField id="referral-summary" label={t('referral.summary')} hint={t('referral.summaryHint')} value={form.summary} onChange={set('summary')} multiline rows={4} maxLength={2000} error={send.errors.summary} />
          <details className="needs">
            <summary>{t('referral.needs')}: {form.needs.map((n) => ref.label('reason', n)).join(', ') || '–'}</summary>
            <CheckboxGroup id="referral-needs" legend={t('referral.needs')} options={ref.options('reason')} values={form.needs} onChange={set('needs')} error={send.errors.needs} />
          </details>
          {form.kind === 'direct_booking' && (
            <div className="form-grid">
              <TextField id="referral-booked-at" type="datetime-local" label={t('referral.bookedAt')} value={form.bookedAt} onChange={set('bookedAt')} error={send.errors.bookedAt} />
              <TextField id="referral-booked-place" label={t('referral.bookedPlace')} value={form.bookedPlace} onChange={set('bookedPlace')} maxLength={200} />
            </div>
          )}
          <TextField id="referral-preferred-time" label={t('referral.preferredTime')} value={form.preferredTime} onChange={set('preferredTime')} maxLength={200} />
          <RadioGroup id="referral-basis" legend={t('referral.basis')} value={basis} onChange={(v) => set('basis')(v as Form['basis'])}
            options={[{ value: 'consent', label: t('referral.basisConsent') }, { value: 'legal', label: t('referral.basisLegal') }]}
            error={send.errors.consentId ?? (basisMissing && !basis ? t('contactDay.basisRequired') : undefined)} />
          {basis === 'consent' && (forwardConsents.length
            ? <SelectField id="referral-consent" label={t('referral.consent')} value={consentId} onChange={set('consentId')}
              options={forwardConsents.map((c) => ({ value: c.id, label: `${t(`contact.purposeNames.${c.purpose}`)}: ${c.target}` }))} />
            : <Notice qa="referral-no-consent">{t('referral.noConsent')}</Notice>)}
          {basis === 'legal' && (
            <div className="form-grid">
              <SelectField id="referral-legal-ground" label={t('referral.legalGround')} value={form.legalGround} onChange={set('legalGround')} empty=""
                options={GROUNDS.map((g) => ({ value: g, label: t(`referral.grounds.${g}`) }))} error={send.errors.legalGround} />
              <TextField id="referral-legal-reason" label={t('referral.legalGroundReason')} value={form.legalGroundReason} onChange={set('legalGroundReason')} maxLength={1000} error={send.errors.legalGroundReason} />
            </div>
          )}
          {contact.residentMessage && (
            <div className="share-resident-message">
              <Checkbox id="referral-share-message" label={t('contactDay.shareResidentMessage')} checked={form.shareResidentMessage} onChange={set('shareResidentMessage')}
                error={send.errors.shareResidentMessage} />
              <p className="hint" id="referral-share-message-preview">
                {t('contactDay.shareResidentMessageHint')} <q lang={contact.language ?? undefined} data-qa="referral-share-message-preview">{firstLine(contact.residentMessage)}</q>
              </p>
            </div>
          )}
          {send.errors.form && <Notice kind="error" qa="referral-error">{send.errors.form}</Notice>}
          <Button type="submit" disabled={send.busy} data-qa="referral-submit">{t('referral.send')}</Button>
        </form>
      )}
    </section>
  );
}
