import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { CheckboxGroup, ErrorSummary, Notice, RadioGroup, SelectField, summaryEntries, TextField } from '../lib/fields';
import { formatDate, type Lang } from '../lib/i18n';
import { useReferenceData } from './reference-data';
import { useAction } from './use-action';
import { ED_SOCIAL_NEEDS_MAX } from '../../domain/referral';

const empty = () => ({
  name: '', hetu: '', phone: '', socialNeeds: '', reasons: [] as string[], urgency: 'urgent', existingClient: 'no', ownWorker: '',
  patientConsent: '', noConsentReason: '', department: localStorage.getItem('opastin.ed.department') ?? '', deskPhone: localStorage.getItem('opastin.ed.phone') ?? '',
});

/**
 * The emergency department's form (seed 004): a health professional refers a patient with social
 * needs to the social care professional in one go; it lands in the guidance queue as an SHL 35 § contact.
 */
export function EdReferralPage() {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const send = useAction<Record<string, unknown>>('/api/ed/referrals', [['queue']]);
  const [f, setF] = useState(empty);
  const [receipt, setReceipt] = useState<{ reference: string; respondBy: string } | null>(null);
  const set = <K extends keyof ReturnType<typeof empty>>(k: K) => (v: ReturnType<typeof empty>[K]) => setF((x) => ({ ...x, [k]: v }));
  // the consent is asked, never assumed: nothing is chosen until the professional chooses
  const check = (): Record<string, string> => {
    const e: Record<string, string> = {};
    if (!f.name.trim()) e['patient.name'] = t('fieldErrors.required');
    if (!f.socialNeeds.trim()) e.socialNeeds = t('fieldErrors.required');
    if (!f.patientConsent) e.patientConsent = t('fieldErrors.invalid_choice');
    if (!f.department.trim()) e.department = t('fieldErrors.required');
    if (!f.deskPhone.trim()) e.phone = t('fieldErrors.required');
    return e;
  };
  const [local, setLocal] = useState<Record<string, string>>({});
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = check();
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    localStorage.setItem('opastin.ed.department', f.department);
    localStorage.setItem('opastin.ed.phone', f.deskPhone);
    const body = {
      patient: { name: f.name, hetu: f.hetu || null, phone: f.phone || null }, socialNeeds: f.socialNeeds, reasons: f.reasons, urgency: f.urgency,
      existingClient: f.existingClient === 'yes', ownWorker: f.existingClient === 'yes' ? f.ownWorker || null : null,
      patientConsent: f.patientConsent, noConsentReason: f.patientConsent === 'given' ? null : f.noConsentReason || null, department: f.department, phone: f.deskPhone,
    };
    await send.runAsync(body).then((r) => { setReceipt(r as { reference: string; respondBy: string }); setF(empty()); }, () => undefined);
  };
  const { form: formError, ...serverFields } = send.errors;
  const err: Record<string, string | undefined> = { ...serverFields, ...local };
  // the summary names each field and leads to it (the API's field paths → this form's controls)
  const fields: Record<string, { id: string; label: string }> = {
    'patient.name': { id: 'ed-name', label: t('contact.name') }, 'patient.hetu': { id: 'ed-hetu', label: t('contact.hetu') }, 'person.hetu': { id: 'ed-hetu', label: t('contact.hetu') },
    'patient.phone': { id: 'ed-phone', label: t('contact.phone') }, 'person.phone': { id: 'ed-phone', label: t('contact.phone') },
    socialNeeds: { id: 'ed-needs', label: t('ed.socialNeeds') }, reasons: { id: 'ed-reasons', label: t('referral.needs') }, urgency: { id: 'ed-urgency', label: t('contact.urgency') },
    ownWorker: { id: 'ed-own-worker', label: t('ed.ownWorker') }, patientConsent: { id: 'ed-consent-given', label: t('polish.summary.patientConsent') },
    noConsentReason: { id: 'ed-no-consent', label: t('ed.noConsentReason') }, 'notifier.noConsentReason': { id: 'ed-no-consent', label: t('ed.noConsentReason') },
    department: { id: 'ed-department', label: t('ed.department') }, phone: { id: 'ed-desk-phone', label: t('ed.deskPhone') }, 'notifier.phone': { id: 'ed-desk-phone', label: t('ed.deskPhone') },
  };

  return (
    <section aria-labelledby="ed-title">
      <Heading variant="h1" id="ed-title">{t('ed.title')}</Heading>
      <p>{t('ed.intro')}</p>
      {receipt && <Notice kind="success" qa="ed-receipt">{t('ed.receipt', { reference: receipt.reference, date: formatDate(receipt.respondBy, i18n.language as Lang) })}</Notice>}
      <ErrorSummary title={t('form.errorSummary')} errors={summaryEntries(err, fields, 'ed-name')} qa="ed-error-summary" />
      <form onSubmit={(e) => void submit(e)} data-qa="ed-form" noValidate>
        <fieldset><legend>{t('ed.patient')}</legend>
          <div className="form-grid">
            <TextField id="ed-name" label={t('contact.name')} value={f.name} onChange={set('name')} maxLength={200} error={err['patient.name']} required />
            <TextField id="ed-hetu" label={t('contact.hetu')} value={f.hetu} onChange={set('hetu')} maxLength={20} error={err['patient.hetu'] ?? err['person.hetu']} />
            <TextField id="ed-phone" label={t('contact.phone')} type="tel" value={f.phone} onChange={set('phone')} maxLength={40} error={err['patient.phone'] ?? err['person.phone']} />
          </div>
        </fieldset>
        <TextField id="ed-needs" label={t('ed.socialNeeds')} hint={t('ed.socialNeedsHint')} value={f.socialNeeds} onChange={set('socialNeeds')} multiline rows={4} maxLength={ED_SOCIAL_NEEDS_MAX} error={err.socialNeeds} required />
        <details className="needs"><summary>{t('referral.needs')}: {f.reasons.map((n) => ref.label('reason', n)).join(', ') || '–'}</summary>
          <CheckboxGroup id="ed-reasons" legend={t('referral.needs')} options={ref.options('reason')} values={f.reasons} onChange={set('reasons')} />
        </details>
        <SelectField id="ed-urgency" label={t('contact.urgency')} value={f.urgency} onChange={set('urgency')} options={ref.options('urgency').filter((o) => o.value !== 'emergency')} />
        <RadioGroup id="ed-existing" legend={t('ed.existingClient')} value={f.existingClient} onChange={set('existingClient')}
          options={[{ value: 'no', label: t('ed.no') }, { value: 'yes', label: t('ed.yes') }]} />
        {f.existingClient === 'yes' && <TextField id="ed-own-worker" label={t('ed.ownWorker')} value={f.ownWorker} onChange={set('ownWorker')} maxLength={200} />}
        <RadioGroup id="ed-consent" legend={t('ed.consent')} value={f.patientConsent} onChange={set('patientConsent')}
          options={(['given', 'not_given', 'not_asked'] as const).map((c) => ({ value: c, label: t(`contact.subjectConsents.${c}`) }))} error={err.patientConsent} />
        {f.patientConsent !== '' && f.patientConsent !== 'given' && <TextField id="ed-no-consent" label={t('ed.noConsentReason')} value={f.noConsentReason} onChange={set('noConsentReason')} maxLength={1000} error={err['notifier.noConsentReason'] ?? err.noConsentReason} />}
        <fieldset><legend>{t('ed.referrer')}</legend>
          <div className="form-grid">
            <TextField id="ed-department" label={t('ed.department')} value={f.department} onChange={set('department')} maxLength={200} error={err.department} required />
            <TextField id="ed-desk-phone" label={t('ed.deskPhone')} type="tel" value={f.deskPhone} onChange={set('deskPhone')} maxLength={40} error={err.phone ?? err['notifier.phone']} required />
          </div>
        </fieldset>
        {formError && <Notice kind="error" qa="ed-error">{formError}</Notice>}
        <Button type="submit" disabled={send.busy} data-qa="ed-submit">{t('ed.send')}</Button>
      </form>
    </section>
  );
}
