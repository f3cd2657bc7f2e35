import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, fieldErrors } from '../lib/api';
import { ErrorSummary, RadioGroup, TextField } from '../lib/fields';
import { fieldErrorText } from '../lib/i18n';
import { Honeypot } from './Receipt';
import type { FeedbackInput } from '../../server/features/feedback/feedback.schemas';

/** The server's limit (feedback.schemas.ts FEEDBACK_TEXT_MAX): the zod schema stays out of the bundle. */
export const FEEDBACK_TEXT_MAX = 2000;
const SCORES = ['1', '2', '3', '4', '5'] as const;

/** Where a feedback form ends: sent, or a token that cannot take an answer (each says why). */
type Outcome = 'sent' | 'not_found' | 'expired' | 'already_given';

/**
 * The short anonymous feedback form (issue 16): a score 1–5 as radio buttons with words, and
 * optional free text without names or numbers. Used at the end of a chat and on the feedback page
 * the contact form's receipt leads to. The token is posted in the body only.
 */
export function FeedbackForm({ token, heading = 'h3', onDone }: { token: string; heading?: 'h2' | 'h3' | null; onDone?: (outcome: Outcome) => void }) {
  const { t, i18n } = useTranslation();
  const [score, setScore] = useState('');
  const [text, setText] = useState('');
  const [website, setWebsite] = useState('');
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const result = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (outcome) result.current?.focus(); }, [outcome]);
  const H = heading;

  const submit = async () => {
    if (sending) return;
    const e: Record<string, string> = {};
    if (!score) e.score = t('feedback.scoreRequired');
    if (text.length > FEEDBACK_TEXT_MAX) e.text = t('fieldErrors.too_long');
    setErrors(e);
    setMessage(null);
    if (Object.keys(e).length) return;
    setSending(true);
    const body: FeedbackInput = { token, lang: i18n.language as FeedbackInput['lang'], score: Number(score), text: text.trim() || null, website };
    try {
      await api<{ ok: true }>('/api/public/feedback', { method: 'POST', body, lang: i18n.language });
      finish('sent');
    } catch (err) {
      const p = err instanceof ApiError ? err.problem : null;
      if (p?.status === 404) finish('not_found');
      else if (p?.status === 410) finish('expired');
      else if (p?.status === 409) finish('already_given');
      else if (p?.status === 400 && p.errors?.length) setErrors(fieldErrors(err, fieldErrorText));
      else setMessage(t('feedback.failed'));
    } finally {
      setSending(false);
    }
  };
  const finish = (o: Outcome) => { setOutcome(o); onDone?.(o); };

  if (outcome) {
    const text = { sent: t('feedback.thanks'), not_found: t('feedback.notFound'), expired: t('feedback.expired'), already_given: t('feedback.alreadyGiven') }[outcome];
    return (
      <div className="feedback">
        {H && <H>{t('feedback.title')}</H>}
        <p className={`notice ${outcome === 'sent' || outcome === 'already_given' ? 'success' : 'error'}`} tabIndex={-1} ref={result} data-qa={`feedback-${outcome}`}>{text}</p>
      </div>
    );
  }
  const summary = [
    ...(errors.score ? [{ id: 'feedback-score-1', label: t('feedback.scoreLegend'), text: errors.score }] : []),
    ...(errors.text ? [{ id: 'feedback-text', label: t('feedback.textLabel'), text: errors.text }] : []),
    ...(message ? [{ id: 'feedback-send', text: message }] : []),
  ];
  return (
    <section className="feedback" aria-labelledby={H ? 'feedback-title' : undefined} data-qa="feedback">
      {H && <H id="feedback-title">{t('feedback.title')}</H>}
      <p>{t('feedback.intro')}</p>
      <ErrorSummary title={t('form.errorSummary')} errors={summary} qa="feedback-errors" />
      <form noValidate onSubmit={(e) => { e.preventDefault(); void submit(); }} data-qa="feedback-form">
        <RadioGroup id="feedback-score" legend={t('feedback.scoreLegend')} value={score} onChange={setScore}
          options={SCORES.map((s) => ({ value: s, label: t(`feedback.scores.${s}`) }))} error={errors.score} />
        <TextField id="feedback-text" label={t('feedback.textLabel')} multiline rows={4} maxLength={FEEDBACK_TEXT_MAX} value={text} onChange={setText}
          hint={`${t('feedback.textHint')} ${t('form.charsLeft', { n: Math.max(0, FEEDBACK_TEXT_MAX - text.length) })}`} error={errors.text} />
        <Honeypot value={website} onChange={setWebsite} />
        <div className="form-buttons">
          <button type="submit" id="feedback-send" className="button" disabled={sending} data-qa="feedback-send">{sending ? t('feedback.sending') : t('feedback.send')}</button>
        </div>
      </form>
    </section>
  );
}
