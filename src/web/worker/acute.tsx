import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { acuteAlertSchema, acuteReasonSchema } from '../../server/features/contacts/contacts.schemas';
import './acute.css';

/** The API's contract (issue 11): why a contact is acute, and one unclaimed acute contact of the alert list. */
export type AcuteReason = z.infer<typeof acuteReasonSchema>;
export type AcuteAlert = z.infer<typeof acuteAlertSchema>;
export interface AcuteFields { acute: boolean; acuteReasons: AcuteReason[]; acuteTriggerWords: string[] }

/** The reasons in words, in the reader's language: "suicide or self-harm; the resident answered that someone is in danger now". */
export function useAcuteText() {
  const { t } = useTranslation();
  return {
    reasons: (reasons: AcuteReason[]) => reasons.map((r) => t(`queue.acute.reasons.${r}`, { defaultValue: r })).join('; '),
    words: (words: string[]) => words.map((w) => `”${w}”`).join(', '),
    minutes: (seconds: number) => t('queue.acute.minutes', { n: Math.floor(seconds / 60) }),
  };
}

/**
 * The mark of an acute contact: an icon and the word, not the colour alone (WCAG 1.4.1), with the
 * reasons and the words that triggered the detector.
 */
export function AcuteMark({ reasons, triggerWords, qa }: { reasons: AcuteReason[]; triggerWords: string[]; qa: string }) {
  const { t } = useTranslation();
  const text = useAcuteText();
  return (
    <span className="acute-mark" data-qa={qa}>
      <span className="badge acute"><span aria-hidden="true">⚠ </span>{t('queue.acute.badge')}</span>{' '}
      <span data-qa={`${qa}-reasons`}>{text.reasons(reasons)}</span>
      {triggerWords.length > 0 && <> · {t('queue.acute.triggerWords')}: <span data-qa={`${qa}-words`}>{text.words(triggerWords)}</span></>}
    </span>
  );
}
