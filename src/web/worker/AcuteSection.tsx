import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'suomifi-ui-components';
import { formatDateTime, type Lang } from '../lib/i18n';
import { Notice, TextField } from '../lib/fields';
import { useContactAction, type ContactView } from './contact-actions';
import { useAcuteText } from './acute';
import { ResidentWords } from './ResidentWords';
import type { Me } from './session';

/**
 * At the top of an acute contact: why it is acute, the words that triggered the detector and the
 * resident's own words as sent (`residentMessage`, never the worker's note), in red with an icon and a heading (not the colour alone). Its handler or a
 * supervisor can remove the mark with the reason, after assessing the situation.
 */
export function AcuteBanner({ contact: c, me }: { contact: ContactView; me: Me }) {
  const { t, i18n } = useTranslation();
  const text = useAcuteText();
  const unmark = useContactAction<{ acute: false; reason: string }>(c.id, '/acute');
  const [reason, setReason] = useState('');
  const canUnmark = c.status !== 'closed' && (c.assignedTo?.id === me.id || me.roles.includes('supervisor'));
  if (!c.acute) return null;
  return (
    <section className="acute-banner" aria-labelledby="acute-banner-title" data-qa="acute-banner">
      <h2 id="acute-banner-title"><span aria-hidden="true">⚠ </span>{t('queue.acute.bannerTitle')}</h2>
      <p>{t('queue.acute.bannerHint')}</p>
      <dl>
        <dt>{t('queue.acute.reasonsLabel')}</dt>
        <dd data-qa="acute-banner-reasons">{text.reasons(c.acuteReasons)}</dd>
        {c.acuteTriggerWords.length > 0 && <><dt>{t('queue.acute.triggerWords')}</dt><dd data-qa="acute-banner-words">{text.words(c.acuteTriggerWords)}</dd></>}
        {c.acuteFlaggedAt && <><dt>{t('queue.acute.flaggedAt')}</dt><dd>{formatDateTime(c.acuteFlaggedAt, i18n.language as Lang)}</dd></>}
        <dt>{t('queue.acute.ownWords')}</dt>
        <dd>{c.residentMessage
          ? <ResidentWords message={c.residentMessage} language={c.language} sentAt={c.receivedAt} qa="acute-banner-note" title={false} />
          : t('queue.acute.noOwnWords')}</dd>
      </dl>
      {canUnmark && (
        <details>
          <summary data-qa="acute-unmark-open">{t('queue.acute.unmark')}</summary>
          <form className="actions" onSubmit={(e) => { e.preventDefault(); unmark.run({ acute: false, reason }); }} noValidate data-qa="acute-unmark-form">
            <TextField id="acute-unmark-reason" label={t('queue.acute.unmarkReason')} hint={t('queue.acute.unmarkHint')} value={reason} onChange={setReason} maxLength={1000} error={unmark.errors.reason} />
            <Button type="submit" variant="secondary" disabled={unmark.busy || !reason.trim()} data-qa="acute-unmark">{t('queue.acute.unmark')}</Button>
          </form>
          {unmark.errors.form && <Notice kind="error">{unmark.errors.form}</Notice>}
        </details>
      )}
    </section>
  );
}

/** Any guidance worker can mark an open contact acute: it goes to the top of every queue and alerts everyone. */
export function AcuteMarkForm({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation();
  const mark = useContactAction<{ acute: true; reason: string | null }>(c.id, '/acute');
  const [reason, setReason] = useState('');
  if (c.acute || c.status === 'closed') return null;
  return (
    <details data-qa="acute-mark-details">
      <summary>{t('queue.acute.mark')}</summary>
      <form className="actions" onSubmit={(e) => { e.preventDefault(); mark.run({ acute: true, reason: reason.trim() || null }); }} noValidate data-qa="acute-mark-form">
        <TextField id="acute-mark-reason" label={t('queue.acute.markReason')} value={reason} onChange={setReason} maxLength={1000} error={mark.errors.reason} />
        <Button type="submit" disabled={mark.busy} data-qa="acute-mark">{t('queue.acute.mark')}</Button>
      </form>
      {mark.errors.form && <Notice kind="error">{mark.errors.form}</Notice>}
    </details>
  );
}
