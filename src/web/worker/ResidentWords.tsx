import { useTranslation } from 'react-i18next';
import { TRIGGERS, type TriggerCode } from '../../domain/codes';
import { formatDateTime, type Lang } from '../lib/i18n';
import { useReferenceData } from './reference-data';
import type { ContactView } from './contact-actions';
import './contact.css';

const LANGS = ['fi', 'sv', 'en'] as const;
const isLang = (l: string | null | undefined): l is Lang => (LANGS as readonly string[]).includes(l ?? '');

/**
 * The resident's own words as they sent them (issue 14): read-only, set apart from the worker's
 * text, marked with the language they were written in (`lang`, so a screen reader reads them in
 * it). `qa` names the quote for tests: the acute banner shows the same words with its own name.
 */
export function ResidentWords({ message, language, sentAt, qa = 'resident-message', title = true }: {
  message: string; language: string | null; sentAt?: string; qa?: string; title?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = isLang(language) ? language : undefined;
  const meta = sentAt
    ? t('contactDay.residentWordsMeta', { language: lang ? t(`contactDay.writtenIn.${lang}`) : '–', when: formatDateTime(sentAt, i18n.language as Lang) })
    : null;
  return (
    <figure className="resident-words" data-qa="resident-words">
      {title && <figcaption className="resident-words-title">{t('contactDay.residentWords')}</figcaption>}
      <blockquote lang={lang} data-qa={qa}>{message}</blockquote>
      {meta && <p className="hint" data-qa="resident-words-meta">{meta}</p>}
    </figure>
  );
}

/** The first line of the resident's words, at most `max` characters (for a checkbox's label, a list). */
export function firstLine(message: string, max = 140): string {
  const line = message.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Why the contact stands where it does: urgency, triggers, repeat contacts (the acute reasons and
 * trigger words are in the acute banner above, when acute).
 */
export function TriageReasons({ contact: c }: { contact: ContactView }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const triggers = c.triggers.map((code) => (code in TRIGGERS ? TRIGGERS[code as TriggerCode][ref.lang] : code));
  return (
    <section className="triage-reasons" aria-labelledby="triage-title" data-qa="triage-reasons">
      <h2 id="triage-title" className="triage-title">{t('contactDay.triage')}</h2>
      <dl className="facts inline-facts">
        <div><dt>{t('contactDay.triageUrgency')}</dt><dd data-qa="triage-urgency">{ref.label('urgency', c.urgency)}</dd></div>
        {triggers.length > 0 && <div><dt>{t('contactDay.triageTriggers')}</dt><dd data-qa="triage-triggers">{triggers.join(', ')}</dd></div>}
        {c.repeatContacts30d > 0 && (
          <div><dt>{t('contactDay.triageRepeat')}</dt><dd data-qa="triage-repeat">
            {c.repeatTrigger ? <span className="badge trigger">{t('contactDay.triageRepeatValue', { n: c.repeatContacts30d })}</span> : c.repeatContacts30d}
          </dd></div>
        )}
      </dl>
    </section>
  );
}

/** A callback time in words: the public forms store a code (`any`, `morning`, `afternoon`); a worker's free text stays as written. */
export function useCallbackWindowText() {
  const { t, i18n } = useTranslation();
  return (value: string | null | undefined): string => {
    if (!value) return '';
    return i18n.exists(`contactDay.windows.${value}`) ? t(`contactDay.windows.${value}`) : value;
  };
}
