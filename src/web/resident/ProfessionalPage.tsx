import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseHetu } from '../../domain/hetu';
import { normalisePhone } from '../../domain/personal-data';
import { ErrorSummary, RadioGroup, TextField } from '../lib/fields';
import { formatDate, type Lang } from '../lib/i18n';
import { AcuteAlert, siteEmergencyContacts, useAcuteWords } from '../lib/AcuteBox';
import { AcuteReceipt, HandedOver, Honeypot, Receipt, SendButton } from './Receipt';
import { usePageTitle, summaryOf, useSite, useSubmit } from './site';
import { TEXT_MAX } from '../../domain/front-door';

type Kind = '' | 'social_welfare' | 'child_welfare';
const EMPTY = {
  kind: '' as Kind, contactor: '', name: '', organisation: '', role: '', phone: '', email: '',
  subjectName: '', hetu: '', address: '', subjectPhone: '', subjectConsent: '', noConsentReason: '', text: '', urgency: '', website: '',
};
type Fields = typeof EMPTY;
/** the API's field paths → this form's field ids and the names the error summary gives them, in the form's order */
const fieldsOf = (t: (k: string) => string): Record<string, { id: string; label: string }> => ({
  kind: { id: 'kind-social_welfare', label: t('polish.summary.kind') },
  contactor: { id: 'contactor-authority', label: t('polish.summary.contactor') },
  'notifier.name': { id: 'name', label: t('professionalForm.notifierName') },
  'notifier.organisation': { id: 'organisation', label: t('professionalForm.organisation') },
  'notifier.role': { id: 'role', label: t('professionalForm.role') },
  'notifier.phone': { id: 'phone', label: t('form.phone') },
  'notifier.email': { id: 'email', label: t('professionalForm.email') },
  'subject.name': { id: 'subjectName', label: `${t('professionalForm.subjectName')} (${t('professionalForm.subjectLegend')})` },
  'subject.hetu': { id: 'hetu', label: t('professionalForm.hetu') },
  'subject.address': { id: 'address', label: t('professionalForm.address') },
  'subject.phone': { id: 'subjectPhone', label: `${t('form.phone')} (${t('professionalForm.subjectLegend')})` },
  subjectConsent: { id: 'subjectConsent-given', label: t('polish.summary.subjectConsent') },
  'notifier.noConsentReason': { id: 'noConsentReason', label: t('professionalForm.noConsentReason') },
  noConsentReason: { id: 'noConsentReason', label: t('professionalForm.noConsentReason') },
  text: { id: 'text', label: t('professionalForm.text') },
  urgency: { id: 'urgency-urgent', label: t('polish.summary.urgency') },
});

const asksConsent = (kind: Kind) => kind !== 'child_welfare';

function check(f: Fields, t: (k: string) => string): Record<string, string> {
  const e: Record<string, string> = {};
  const choose = t('fieldErrors.invalid_choice');
  const required = t('fieldErrors.required');
  if (!f.kind) e.kind = choose;
  if (!f.contactor) e.contactor = choose;
  if (!f.name.trim()) e['notifier.name'] = required;
  if (!f.organisation.trim()) e['notifier.organisation'] = required;
  if (f.phone.trim() && !normalisePhone(f.phone)) e['notifier.phone'] = t('fieldErrors.invalid_phone');
  if (!f.phone.trim() && !f.email.trim()) e['notifier.phone'] = required;
  if (f.email.trim() && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(f.email.trim())) e['notifier.email'] = t('fieldErrors.invalid_format');
  if (!f.subjectName.trim()) e['subject.name'] = required;
  if (f.hetu.trim() && !parseHetu(f.hetu).valid) e['subject.hetu'] = t('fieldErrors.invalid_hetu');
  if (f.subjectPhone.trim() && !normalisePhone(f.subjectPhone)) e['subject.phone'] = t('fieldErrors.invalid_phone');
  // a child welfare notification (LsL 25 §) is not a consent question: the duty to notify does not depend on it
  if (asksConsent(f.kind) && !f.subjectConsent) e.subjectConsent = choose;
  if (asksConsent(f.kind) && f.subjectConsent && f.subjectConsent !== 'given' && !f.noConsentReason.trim()) e['notifier.noConsentReason'] = required;
  if (!f.text.trim()) e.text = required;
  if (!f.urgency) e.urgency = choose;
  return e;
}

/**
 * A professional's notification (SHL 35 §) or a child welfare notification (LsL 25 §). One page:
 * professionals fill in forms all day and want to see the whole of it; urgency is asked, never assumed.
 */
export function ProfessionalPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const send = useSubmit<object>('/api/public/professional-notifications');
  const [f, setF] = useState<Fields>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const site = useSite();
  const acuteWords = useAcuteWords(f.text, lang);
  usePageTitle(send.receipt ? (send.receipt.acute ? t('acute.receiptTitle') : t('professionalForm.receiptTitle')) : t('professionalForm.title'));
  const set = (k: keyof Fields) => (v: string) => setF((prev) => ({ ...prev, [k]: v }));
  const opt = (group: string, keys: string[]) => keys.map((k) => ({ value: k, label: t(`${group}.${k}`) }));

  if (send.receipt?.acute) {
    return (
      <>
        <h1 tabIndex={-1}>{t('professionalForm.title')}</h1>
        <AcuteReceipt receipt={send.receipt} />
      </>
    );
  }
  if (send.receipt) {
    return (
      <>
        <h1 tabIndex={-1}>{t('professionalForm.title')}</h1>
        <Receipt title={t('professionalForm.receiptTitle')} reference={send.receipt.reference}>
          <p data-qa="receipt-promise" className="promise-date">{t('professionalForm.receiptPromise', { date: formatDate(send.receipt.respondBy, lang) })}</p>
          {f.kind === 'child_welfare' && <p>{t('professionalForm.receiptChildWelfare')}</p>}
          <HandedOver receipt={send.receipt} />
        </Receipt>
      </>
    );
  }

  const submit = () => {
    const e = check(f, t);
    setErrors(e);
    if (Object.keys(e).length) return;
    void send.submit({
      lang, kind: f.kind, contactor: f.contactor,
      notifier: { name: f.name, organisation: f.organisation, role: f.role || null, phone: f.phone || null, email: f.email || null },
      subject: { name: f.subjectName, hetu: f.hetu || null, address: f.address || null, phone: f.subjectPhone || null },
      ...(asksConsent(f.kind) ? { subjectConsent: f.subjectConsent, noConsentReason: f.subjectConsent === 'given' ? null : f.noConsentReason } : {}),
      text: f.text, urgency: f.urgency, website: f.website,
    });
  };
  const all = { ...send.fields, ...errors };
  const err = (k: string) => all[k];
  return (
    <>
      <h1 tabIndex={-1}>{t('professionalForm.title')}</h1>
      <p>{t('professionalForm.intro')}</p>
      <ErrorSummary title={t('form.errorSummary')} errors={summaryOf(all, fieldsOf(t), send.message)} />
      <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }} data-qa="professional-form">
        <RadioGroup id="kind" legend={t('professionalForm.kindLegend')} value={f.kind} onChange={set('kind')} options={opt('professionalForm.kinds', ['social_welfare', 'child_welfare'])} error={err('kind')} />
        {f.kind === 'child_welfare' && <p className="notice" data-qa="child-welfare-note">{t('professionalForm.childWelfareNote')}</p>}
        <RadioGroup id="contactor" legend={t('professionalForm.contactorLegend')} value={f.contactor} onChange={set('contactor')} options={opt('professionalForm.contactors', ['authority', 'professional', 'organisation'])} error={err('contactor')} />
        <fieldset className="group">
          <legend>{t('professionalForm.notifierLegend')}</legend>
          <TextField id="name" label={t('professionalForm.notifierName')} value={f.name} onChange={set('name')} autoComplete="name" maxLength={200} required error={err('notifier.name')} />
          <TextField id="organisation" label={t('professionalForm.organisation')} value={f.organisation} onChange={set('organisation')} autoComplete="organization" maxLength={200} required error={err('notifier.organisation')} />
          <TextField id="role" label={`${t('professionalForm.role')} ${t('form.optional')}`} value={f.role} onChange={set('role')} autoComplete="organization-title" maxLength={200} error={err('notifier.role')} />
          <TextField id="phone" label={t('form.phone')} hint={t('professionalForm.reachHint')} value={f.phone} onChange={set('phone')} type="tel" inputMode="tel" autoComplete="tel" maxLength={40} error={err('notifier.phone')} />
          <TextField id="email" label={t('professionalForm.email')} value={f.email} onChange={set('email')} type="email" inputMode="email" autoComplete="email" maxLength={200} error={err('notifier.email')} />
        </fieldset>
        <fieldset className="group">
          <legend>{t('professionalForm.subjectLegend')}</legend>
          <TextField id="subjectName" label={t('professionalForm.subjectName')} value={f.subjectName} onChange={set('subjectName')} maxLength={200} required error={err('subject.name')} />
          <TextField id="hetu" label={`${t('professionalForm.hetu')} ${t('form.optional')}`} value={f.hetu} onChange={set('hetu')} maxLength={20} error={err('subject.hetu')} />
          <TextField id="address" label={`${t('professionalForm.address')} ${t('form.optional')}`} value={f.address} onChange={set('address')} maxLength={300} error={err('subject.address')} />
          <TextField id="subjectPhone" label={`${t('form.phone')} ${t('form.optional')}`} value={f.subjectPhone} onChange={set('subjectPhone')} type="tel" inputMode="tel" maxLength={40} error={err('subject.phone')} />
        </fieldset>
        {asksConsent(f.kind) && <RadioGroup id="subjectConsent" legend={t('professionalForm.consentLegend')} value={f.subjectConsent} onChange={set('subjectConsent')} options={opt('professionalForm.consents', ['given', 'not_given', 'not_asked'])} error={err('subjectConsent')} />}
        {asksConsent(f.kind) && f.subjectConsent && f.subjectConsent !== 'given' && (
          <TextField id="noConsentReason" label={t('professionalForm.noConsentReason')} value={f.noConsentReason} onChange={set('noConsentReason')} multiline maxLength={1000} required error={err('notifier.noConsentReason') ?? err('noConsentReason')} />
        )}
        <TextField id="text" label={t('professionalForm.text')} hint={t('professionalForm.textHint')} value={f.text} onChange={set('text')} multiline rows={6} maxLength={TEXT_MAX} required error={err('text')} />
        <AcuteAlert show={acuteWords} because="words" contacts={siteEmergencyContacts(site.data)} />
        <RadioGroup id="urgency" legend={t('professionalForm.urgencyLegend')} value={f.urgency} onChange={set('urgency')} options={opt('professionalForm.urgencies', ['urgent', 'non_urgent'])} error={err('urgency')} />
        <Honeypot value={f.website} onChange={set('website')} />
        <SendButton sending={send.sending} />
      </form>
    </>
  );
}
