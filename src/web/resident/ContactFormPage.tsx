import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_WINDOWS, TEXT_MAX, TOPIC_CODES, TOPICS, topicForReason, type Topic } from '../../domain/front-door';
import { findPersonalData, normalisePhone } from '../../domain/personal-data';
import { Checkbox, ErrorSummary, RadioGroup, summaryEntries, TextField } from '../lib/fields';
import { api } from '../lib/api';
import { formatDate, type Lang } from '../lib/i18n';
import { navigate } from '../lib/router';
import { PUBLIC_PATHS } from './paths';
import { AcuteAlert, siteEmergencyContacts, useAcuteWords } from '../lib/AcuteBox';
import { AcuteReceipt, HandedOver, Honeypot, Receipt } from './Receipt';
import { useLines, usePageTitle, useSite, useSubmit } from './site';
import type { TriageResult } from '../../server/features/catalogue/catalogue.schemas';

/** The danger question comes first (issue 11): the answer is authoritative, and "yes" needs no urgency step. */
const STEPS = ['safety', 'about', 'topic', 'urgency', 'identity', 'review'] as const;
type Step = (typeof STEPS)[number];

interface Answers {
  danger: '' | 'yes' | 'no';
  about: '' | 'self' | 'close_one' | 'professional';
  topic: '' | Topic;
  text: string;
  urgency: '' | 'today' | 'normal';
  identity: '' | 'identified' | 'anonymous';
  name: string;
  phone: string;
  email: string;
  /** issue 19: a receipt and where the matter went, by these channels (none unless the resident chose) */
  messages: ('email' | 'sms')[];
  callbackWindow: (typeof CALLBACK_WINDOWS)[number];
  consent: boolean;
  website: string;
}

/** Which step asks for a field: a server's field error sends the resident back to it. */
const STEP_OF: Record<string, Step> = {
  dangerNow: 'safety', contactor: 'about', topic: 'topic', text: 'topic', urgent: 'urgency', anonymous: 'identity', name: 'identity', phone: 'identity', email: 'identity',
  callbackWindow: 'identity', consent: 'identity', messages: 'identity',
};
/** Each field's control (the error summary links to it) and the name the summary gives it, in the form's order. */
const fieldsOf = (t: (k: string) => string): Record<string, { id: string; label: string }> => ({
  dangerNow: { id: 'danger-yes', label: t('polish.summary.danger') },
  contactor: { id: 'about-self', label: t('polish.summary.about') },
  topic: { id: `topic-${TOPIC_CODES[0]}`, label: t('polish.summary.topic') },
  text: { id: 'text', label: t('polish.summary.text') },
  urgent: { id: 'urgency-today', label: t('polish.summary.urgency') },
  anonymous: { id: 'identity-identified', label: t('polish.summary.identity') },
  name: { id: 'name', label: t('form.name') },
  phone: { id: 'phone', label: t('form.phone') },
  email: { id: 'email', label: t('contactForm.email') },
  callbackWindow: { id: 'window-any', label: t('polish.summary.window') },
  consent: { id: 'consent', label: t('polish.summary.consent') },
  messages: { id: 'messages-email', label: t('contactForm.review.messages') },
});

/** The same shape of address the server accepts (an e-mail with a dot in its domain); the server has the last word. */
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Send me a receipt and tell me where my matter went: by e-mail / by text message" (issue 19):
 * off unless the resident ticks a box; the note says what a message holds and who may see it.
 */
function MessageChoice({ value, onChange, error }: { value: Answers['messages']; onChange: (v: Answers['messages']) => void; error?: string }) {
  const { t } = useTranslation();
  const toggle = (channel: 'email' | 'sms') => (on: boolean) => onChange(on ? [...value.filter((c) => c !== channel), channel] : value.filter((c) => c !== channel));
  return (
    <fieldset className="field checkboxes" aria-describedby={['messages-hint', error ? 'messages-error' : ''].filter(Boolean).join(' ')} data-qa="messages">
      <legend>{t('contactForm.messagesLegend')} {t('form.optional')}</legend>
      <span id="messages-hint" className="hint">{t('contactForm.messagesHint')}</span>
      {(['email', 'sms'] as const).map((c) => (
        <label key={c} htmlFor={`messages-${c}`}>
          <input type="checkbox" id={`messages-${c}`} checked={value.includes(c)} onChange={(e) => toggle(c)(e.target.checked)} data-qa={`messages-${c}`}
            aria-invalid={error ? true : undefined} /> {t(c === 'email' ? 'contactForm.messagesEmail' : 'contactForm.messagesSms')}
        </label>
      ))}
      {error && <span id="messages-error" className="error" data-qa="messages-error">{error}</span>}
    </fieldset>
  );
}

/** Triage runs once the resident has written this much and paused this long. */
const TRIAGE_MIN_CHARS = 20;
const TRIAGE_PAUSE_MS = 800;

/** The checks of each step: the same rules the server applies, in the resident's language. */
function problems(step: Step, a: Answers, t: (k: string) => string): Record<string, string> {
  const e: Record<string, string> = {};
  if (step === 'safety' && !a.danger) e.dangerNow = t('fieldErrors.invalid_choice');
  if (step === 'about' && !a.about) e.contactor = t('fieldErrors.invalid_choice');
  if (step === 'topic') {
    if (!a.topic) e.topic = t('fieldErrors.invalid_choice');
    if (!a.text.trim()) e.text = t('fieldErrors.required');
    else if (a.text.length > TEXT_MAX) e.text = t('fieldErrors.too_long');
  }
  if (step === 'urgency' && !a.urgency) e.urgent = t('fieldErrors.invalid_choice');
  if (step === 'identity') {
    if (!a.identity) e.anonymous = t('fieldErrors.invalid_choice');
    if (a.identity === 'anonymous' && findPersonalData(a.text).length > 0) e.anonymous = t('contactForm.anonymousPersonalData');
    if (a.identity === 'identified') {
      if (!a.phone.trim()) e.phone = t('fieldErrors.required');
      else if (!normalisePhone(a.phone)) e.phone = t('fieldErrors.invalid_phone');
      if (!a.consent) e.consent = t('fieldErrors.consent_required');
      // a message needs somewhere to go: the error is at the field to fill in
      if (a.email.trim() && !EMAIL_RE.test(a.email.trim())) e.email = t('fieldErrors.invalid_email');
      else if (a.messages.includes('email') && !a.email.trim()) e.email = t('fieldErrors.email_required');
      if (a.messages.includes('sms') && !a.phone.trim()) e.phone = t('fieldErrors.phone_required');
    }
  }
  return e;
}

/**
 * The guided contact form ("Apua-nappi", seed 003): one question a screen, so it works on a small
 * phone and with a screen reader; every step is a history entry, so the browser's back button
 * goes back a step; the answers are checked step by step with the server's own rules.
 */
export function ContactFormPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [step, setStep] = useState<Step>('safety');
  const [a, setA] = useState<Answers>({ danger: '', about: '', topic: '', text: '', urgency: '', identity: '', name: '', phone: '', email: '', messages: [], callbackWindow: 'any', consent: false, website: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  // what the words point to (POST /api/public/triage): the topic is offered, never chosen for the resident
  const [suggested, setSuggested] = useState<{ topic: Topic | null } | null>(null);
  const triageRun = useRef(0);
  const triaged = useRef<string | null>(null); // the language and text the answer on screen is for
  const runTriage = (text: string) => {
    const asked = `${lang}:${text}`;
    if (asked === triaged.current) return Promise.resolve(); // "next" after the pause: already asked
    const run = ++triageRun.current;
    // best effort: the form never waits for it or fails because of it
    return api<TriageResult>('/api/public/triage', { method: 'POST', body: { text, lang } })
      .then((r) => {
        if (run !== triageRun.current) return; // an older answer than the text on screen
        triaged.current = asked;
        setSuggested({ topic: topicForReason(r.reasons[0]?.code) });
      }).catch(() => undefined);
  };
  const send = useSubmit<object>('/api/public/contact-requests');
  const lines = useLines();
  const site = useSite();
  const stepHeading = useRef<HTMLHeadingElement>(null);
  // the words that point to danger, as the resident types (the same detector the server runs)
  const acuteWords = useAcuteWords(a.text, lang);
  const danger = a.danger === 'yes';
  const contacts = siteEmergencyContacts(site.data);
  const steps: readonly Step[] = danger ? STEPS.filter((s) => s !== 'urgency') : STEPS;
  const index = Math.max(0, steps.indexOf(step));
  usePageTitle(send.receipt ? (send.receipt.acute ? t('acute.receiptTitle') : t('contactForm.receiptTitle')) : `${t('contactForm.title')}: ${t(`contactForm.steps.${step}`)} (${t('form.step', { n: index + 1, total: steps.length })})`);

  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const s = (e.state as { step?: Step } | null)?.step;
      setStep(s && STEPS.includes(s) ? s : 'safety');
      setErrors({});
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  // while the resident writes: after a pause, what the words suggest
  useEffect(() => {
    if (step !== 'topic' || a.text.trim().length < TRIAGE_MIN_CHARS) return;
    const timer = window.setTimeout(() => void runTriage(a.text), TRIAGE_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [a.text, step]);
  const first = useRef(true);
  // the field an error summary's link leads to on another step; else a new step starts at its heading
  const focusAfterStep = useRef<string | null>(null);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    const field = focusAfterStep.current ? document.getElementById(focusAfterStep.current) : null;
    focusAfterStep.current = null;
    (field ?? stepHeading.current)?.focus();
  }, [step]);

  const set = <K extends keyof Answers>(k: K) => (v: Answers[K]) => setA((prev) => ({ ...prev, [k]: v }));
  const go = (s: Step) => {
    window.history.pushState({ step: s }, '', window.location.href);
    setStep(s);
    setErrors({});
  };
  const next = () => {
    const e = problems(step, a, t);
    setErrors(e);
    if (Object.keys(e).length) return;
    if (step === 'about' && a.about === 'professional') { navigate(PUBLIC_PATHS.professional); return; }
    if (step === 'topic') void runTriage(a.text);
    go(steps[index + 1]!);
  };
  const submit = () => {
    const identified = a.identity === 'identified';
    void send.submit({
      lang, anonymous: !identified, contactor: a.about, topic: a.topic || undefined, text: a.text, dangerNow: danger, urgent: danger || a.urgency === 'today',
      ...(identified ? { name: a.name.trim() || null, phone: a.phone, email: a.email.trim() || null, messages: a.messages, callbackWindow: a.callbackWindow, consent: a.consent } : {}),
      website: a.website,
    });
  };

  // the line to call if it cannot wait: the topic's service area, else the first county-wide line
  const topicArea = a.topic ? TOPICS[a.topic].serviceArea : null;
  const line = lines.data?.items.find((l) => !l.region && l.serviceArea === topicArea) ?? lines.data?.items.find((l) => !l.region) ?? null;

  if (send.receipt?.acute) {
    return (
      <>
        <h1 tabIndex={-1}>{t('contactForm.title')}</h1>
        <AcuteReceipt receipt={send.receipt} />
      </>
    );
  }
  if (send.receipt) {
    const services = send.receipt.services;
    return (
      <>
        <h1 tabIndex={-1}>{t('contactForm.title')}</h1>
        <Receipt title={t('contactForm.receiptTitle')} reference={send.receipt.reference} line={line} feedbackToken={send.receipt.acute ? null : send.receipt.feedbackToken}>
          <p data-qa="receipt-promise" className="promise-date">
            {a.identity === 'identified'
              ? t('contactForm.receiptPromise', { date: formatDate(send.receipt.respondBy, lang) })
              : t('contactForm.receiptAnonymous', { date: formatDate(send.receipt.respondBy, lang) })}
          </p>
          <HandedOver receipt={send.receipt} />
          {services.length > 0 && (
            <>
              <h3>{t('contactForm.servicesTitle')}</h3>
              <ul data-qa="receipt-services" className="services">
                {services.map((s) => (
                  <li key={s.id}>
                    {s.url ? <a href={s.url} rel="noopener">{s.name}</a> : <strong>{s.name}</strong>}
                    {s.phone && <> · <a href={`tel:${s.phone.replace(/\s/g, '')}`}>{s.phone}</a></>}
                    {s.summary && <><br /><span className="hint">{s.summary}</span></>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {a.identity === 'anonymous' && (site.data?.selfServiceLinks.length ?? 0) > 0 && (
            <>
              <h3>{t('resident.selfServiceTitle')}</h3>
              <ul data-qa="receipt-self-service">
                {site.data!.selfServiceLinks.map((l) => <li key={l.url}><a href={l.url} rel="noopener">{l.label[lang]}</a></li>)}
              </ul>
            </>
          )}
        </Receipt>
      </>
    );
  }

  const fields = fieldsOf(t);
  const serverErrors = summaryEntries(send.fields, fields, 'text').map((e) => {
    const field = Object.keys(fields).find((k) => fields[k]!.id === e.id);
    const s = field ? STEP_OF[field] : undefined;
    return { ...e, onClick: () => { if (s) { focusAfterStep.current = e.id; go(s); } } };
  });
  const shownErrors = step === 'review'
    ? [...serverErrors, ...(send.message ? [{ id: 'send', text: send.message }] : [])]
    : summaryEntries(errors, fields);
  const option = (group: string, keys: readonly string[]) => keys.map((k) => ({ value: k, label: t(`${group}.${k}`) }));
  const answerOf = (v: string, group: string) => (v ? t(`${group}.${v}`) : '–');

  return (
    <>
      <h1 tabIndex={-1}>{t('contactForm.title')}</h1>
      {step === 'safety' && <p>{t('contactForm.intro')}</p>}
      <p className="step-progress" data-qa="step-progress">{t('form.step', { n: index + 1, total: steps.length })}</p>
      <h2 tabIndex={-1} ref={stepHeading} className="step-title" data-qa="step-title">{t(`contactForm.steps.${step}`)}</h2>
      <ErrorSummary title={t('form.errorSummary')} errors={shownErrors} />
      <form noValidate onSubmit={(e) => { e.preventDefault(); if (step === 'review') submit(); else next(); }} data-qa={`step-${step}`}>
        {step === 'safety' && (
          <>
            <RadioGroup id="danger" legend={t('acute.question')} value={a.danger} onChange={(v) => set('danger')(v as Answers['danger'])}
              options={option('acute.answers', ['yes', 'no'])} error={errors.dangerNow} />
            <p className="hint" data-qa="danger-hint">{t('acute.questionHint')}</p>
            <AcuteAlert show={danger} because="answer" contacts={contacts} />
          </>
        )}
        {step !== 'safety' && step !== 'topic' && <AcuteAlert show={danger || acuteWords} because={danger ? 'answer' : 'words'} contacts={contacts} live={false} />}
        {step === 'about' && (
          <>
            <RadioGroup id="about" legend={t('contactForm.aboutLegend')} value={a.about} onChange={(v) => set('about')(v as Answers['about'])}
              options={option('contactForm.about', ['self', 'close_one', 'professional'])} error={errors.contactor} />
            {a.about === 'professional' && <p className="notice">{t('contactForm.professionalNotice')}</p>}
          </>
        )}
        {step === 'topic' && (
          <>
            <RadioGroup id="topic" legend={t('contactForm.topicLegend')} value={a.topic} onChange={(v) => set('topic')(v as Topic)}
              options={option('contactForm.topics', TOPIC_CODES)} error={errors.topic} />
            <TextField id="text" label={t('contactForm.textLabel')} hint={`${t('contactForm.textHint')} ${t('form.charsLeft', { n: Math.max(0, TEXT_MAX - a.text.length) })}`}
              value={a.text} onChange={set('text')} multiline rows={6} maxLength={TEXT_MAX} error={errors.text} />
            {/* announced once when the words first point to danger; the resident's own "yes" shows it without a second announcement */}
            <AcuteAlert show={acuteWords} because="words" contacts={contacts} />
            {danger && !acuteWords && <AcuteAlert show because="answer" contacts={contacts} live={false} />}
            <div aria-live="polite" data-qa="triage-suggestion-region">
              {suggested?.topic && suggested.topic !== a.topic && (
                <p className="notice" data-qa="triage-suggestion">
                  {t('contactForm.suggestedTopic', { topic: t(`contactForm.topics.${suggested.topic}`) })}{' '}
                  <button type="button" className="link" onClick={() => set('topic')(suggested.topic!)} data-qa="triage-choose-topic">{t('contactForm.chooseSuggested')}</button>
                </p>
              )}
            </div>
          </>
        )}
        {step === 'urgency' && (
          <>
            <RadioGroup id="urgency" legend={t('contactForm.urgencyLegend')} value={a.urgency} onChange={(v) => set('urgency')(v as Answers['urgency'])}
              options={option('contactForm.urgency', ['today', 'normal'])} error={errors.urgent} />
            {a.urgency === 'today' && <p className="notice">{t('contactForm.todayText')}</p>}
          </>
        )}
        {step === 'identity' && (
          <>
            <RadioGroup id="identity" legend={t('contactForm.identityLegend')} value={a.identity} onChange={(v) => set('identity')(v as Answers['identity'])}
              options={option('contactForm.identity', ['identified', 'anonymous'])} error={errors.anonymous} />
            {a.identity === 'anonymous' && <p className="notice" data-qa="anonymous-notice">{t('contactForm.anonymousText')}</p>}
            {a.identity === 'identified' && (
              <>
                <TextField id="name" label={`${t('form.name')} ${t('form.optional')}`} value={a.name} onChange={set('name')} autoComplete="name" maxLength={200} error={errors.name} />
                <TextField id="phone" label={t('form.phone')} hint={t('form.phoneHint')} value={a.phone} onChange={set('phone')} type="tel" inputMode="tel" autoComplete="tel" maxLength={40} required error={errors.phone} />
                <TextField id="email" label={`${t('contactForm.email')} ${t('form.optional')}`} hint={t('contactForm.emailHint')} value={a.email} onChange={set('email')} type="email" inputMode="email" autoComplete="email" maxLength={200} error={errors.email} />
                <RadioGroup id="window" legend={t('form.windowLegend')} value={a.callbackWindow} onChange={(v) => set('callbackWindow')(v as Answers['callbackWindow'])}
                  options={option('form.windows', CALLBACK_WINDOWS)} />
                <Checkbox id="consent" label={site.data?.adviceRetentionDays ? t('form.consentDays', { days: site.data.adviceRetentionDays }) : t('form.consent')} checked={a.consent} onChange={set('consent')} error={errors.consent} />
                <MessageChoice value={a.messages} onChange={set('messages')} error={errors.messages} />
              </>
            )}
          </>
        )}
        {step === 'review' && (
          <>
            <dl className="review" data-qa="review">
              {([
                ['safety', t('contactForm.review.danger'), answerOf(a.danger, 'acute.answers')],
                ['about', t('contactForm.review.about'), answerOf(a.about, 'contactForm.about')],
                ['topic', t('contactForm.review.topic'), answerOf(a.topic, 'contactForm.topics')],
                ['topic', t('contactForm.review.text'), a.text],
                ...(danger ? [] : [['urgency', t('contactForm.review.urgency'), answerOf(a.urgency, 'contactForm.urgency')]]),
                ['identity', t('contactForm.review.identity'), answerOf(a.identity, 'contactForm.identity')],
                ...(a.identity === 'identified' ? [
                  ['identity', t('contactForm.review.name'), a.name || '–'],
                  ['identity', t('contactForm.review.phone'), a.phone],
                  ['identity', t('contactForm.review.email'), a.email.trim() || '–'],
                  ['identity', t('contactForm.review.messages'), a.messages.length ? a.messages.map((m) => t(m === 'email' ? 'contactForm.messagesEmail' : 'contactForm.messagesSms')).join(', ') : t('contactForm.messagesNone')],
                  ['identity', t('contactForm.review.window'), t(`form.windows.${a.callbackWindow}`)],
                ] : []),
              ] as [Step, string, string][]).map(([s, label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>
                    <span className="answer">{value}</span>{' '}
                    <button type="button" className="link" onClick={() => go(s)} aria-label={`${t('form.change')}: ${label}`}>{t('form.change')}</button>
                  </dd>
                </div>
              ))}
            </dl>
            <Honeypot value={a.website} onChange={set('website')} />
          </>
        )}
        <div className="form-buttons">
          {index > 0 && <button type="button" className="button secondary" onClick={() => window.history.back()}>{t('form.back')}</button>}
          {step === 'review'
            ? <button type="submit" className="button" disabled={send.sending} aria-disabled={send.sending} data-qa="send">{send.sending ? t('form.sending') : t('form.send')}</button>
            : <button type="submit" className="button" data-qa="next">{t('form.next')}</button>}
        </div>
      </form>
    </>
  );
}
