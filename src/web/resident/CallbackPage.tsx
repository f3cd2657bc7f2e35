import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_WINDOWS } from '../../domain/front-door';
import { normalisePhone } from '../../domain/personal-data';
import { ErrorSummary, RadioGroup, TextField } from '../lib/fields';
import { formatDate, type Lang } from '../lib/i18n';
import { AcuteAlert, siteEmergencyContacts } from '../lib/AcuteBox';
import { AcuteReceipt, HandedOver, Honeypot, Receipt, SendButton } from './Receipt';
import { useLines, usePageTitle, useSite, summaryOf, useSubmit } from './site';

/** "Call me back": a short form on one screen. Only lines residents may call are offered. */
export function CallbackPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const lines = useLines();
  const send = useSubmit<object>('/api/public/callback-requests');
  const site = useSite();
  const [f, setF] = useState({ danger: '', line: '', phone: '', name: '', callbackWindow: 'any', sms: false, website: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  usePageTitle(send.receipt ? (send.receipt.acute ? t('acute.receiptTitle') : t('callbackForm.receiptTitle')) : t('callbackForm.title'));
  const set = <K extends keyof typeof f>(k: K) => (v: (typeof f)[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const options = (lines.data?.items ?? []).map((l) => ({ value: l.code, label: l.name[lang] }));
  const chosen = lines.data?.items.find((l) => l.code === f.line) ?? null;

  if (send.receipt?.acute) {
    return (
      <>
        <h1 tabIndex={-1}>{t('callbackForm.title')}</h1>
        <AcuteReceipt receipt={send.receipt} />
      </>
    );
  }
  if (send.receipt) {
    return (
      <>
        <h1 tabIndex={-1}>{t('callbackForm.title')}</h1>
        <Receipt title={t('callbackForm.receiptTitle')} reference={send.receipt.reference} line={chosen}>
          <p data-qa="receipt-promise" className="promise-date">{t('callbackForm.receiptPromise', { date: formatDate(send.receipt.respondBy, lang) })}</p>
          <HandedOver receipt={send.receipt} />
        </Receipt>
      </>
    );
  }

  const submit = () => {
    const e: Record<string, string> = {};
    if (!f.danger) e.dangerNow = t('fieldErrors.invalid_choice');
    if (!f.line) e.line = t('fieldErrors.invalid_choice');
    if (!f.phone.trim()) e.phone = t('fieldErrors.required');
    else if (!normalisePhone(f.phone)) e.phone = t('fieldErrors.invalid_phone');
    setErrors(e);
    if (Object.keys(e).length === 0) void send.submit({ lang, dangerNow: f.danger === 'yes', line: f.line, phone: f.phone, name: f.name.trim() || null, callbackWindow: f.callbackWindow, messages: f.sms ? ['sms'] : [], consent: true, website: f.website });
  };
  const all = { ...send.fields, ...errors };
  const ids = {
    dangerNow: { id: 'danger-yes', label: t('polish.summary.danger') }, line: { id: `line-${options[0]?.value ?? ''}`, label: t('polish.summary.line') },
    phone: { id: 'phone', label: t('form.phone') }, name: { id: 'name', label: t('form.name') }, callbackWindow: { id: 'window-any', label: t('polish.summary.window') },
    messages: { id: 'messages-sms', label: t('callbackForm.smsConfirm') },
  };
  return (
    <>
      <h1 tabIndex={-1}>{t('callbackForm.title')}</h1>
      <p>{t('callbackForm.intro')}</p>
      <ErrorSummary title={t('form.errorSummary')} errors={summaryOf(all, ids, send.message)} />
      <form noValidate onSubmit={(e) => { e.preventDefault(); submit(); }} data-qa="callback-form">
        <RadioGroup id="danger" legend={t('acute.question')} value={f.danger} onChange={set('danger')}
          options={[{ value: 'yes', label: t('acute.answers.yes') }, { value: 'no', label: t('acute.answers.no') }]} error={all.dangerNow} />
        <p className="hint" data-qa="danger-hint">{t('acute.questionHint')}</p>
        <AcuteAlert show={f.danger === 'yes'} because="answer" contacts={siteEmergencyContacts(site.data)} />
        <RadioGroup id="line" legend={t('callbackForm.lineLegend')} value={f.line} onChange={set('line')} options={options} error={all.line} />
        <TextField id="phone" label={t('form.phone')} hint={t('form.phoneHint')} value={f.phone} onChange={set('phone')} type="tel" inputMode="tel" autoComplete="tel" maxLength={40} required error={all.phone} />
        <TextField id="name" label={`${t('form.name')} ${t('form.optional')}`} value={f.name} onChange={set('name')} autoComplete="name" maxLength={200} error={all.name} />
        <RadioGroup id="window" legend={t('form.windowLegend')} value={f.callbackWindow} onChange={set('callbackWindow')} options={CALLBACK_WINDOWS.map((w) => ({ value: w, label: t(`form.windows.${w}`) }))} />
        {/* issue 19: a confirming text message only when asked for; others may see the phone's screen */}
        <div className="field checkbox">
          <label htmlFor="messages-sms">
            <input type="checkbox" id="messages-sms" checked={f.sms} onChange={(e) => set('sms')(e.target.checked)} data-qa="messages-sms"
              aria-describedby={['messages-sms-note', all.messages ? 'messages-sms-error' : ''].filter(Boolean).join(' ')} aria-invalid={all.messages ? true : undefined} /> {t('callbackForm.smsConfirm')}
          </label>
          <span id="messages-sms-note" className="hint" data-qa="messages-sms-note">{t('callbackForm.smsNote')}</span>
          {all.messages && <span id="messages-sms-error" className="error" data-qa="messages-sms-error">{all.messages}</span>}
        </div>
        <p className="hint" data-qa="callback-privacy">{site.data?.adviceRetentionDays ? t('callbackForm.privacyDays', { days: site.data.adviceRetentionDays }) : t('callbackForm.privacy')}</p>
        <Honeypot value={f.website} onChange={set('website')} />
        <SendButton sending={send.sending} />
      </form>
    </>
  );
}
