import { useTranslation } from 'react-i18next';
import { formatDate, type Lang } from '../lib/i18n';
import { usePageTitle, useSite } from './site';

/** The accessibility statement that Act 306/2019 requires, with its feedback channel. */
export function AccessibilityPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const site = useSite();
  usePageTitle(t('accessibility.title'));
  const date = site.data?.accessibility.statementDate;
  const email = site.data?.accessibility.feedbackEmail;
  return (
    <>
      <h1 tabIndex={-1}>{t('accessibility.title')}</h1>
      <p>{t('accessibility.intro', { date: date ? formatDate(date, lang, { year: true, weekday: false }) : '–' })}</p>
      <h2>{t('accessibility.statusTitle')}</h2>
      <p>{t('accessibility.statusText')}</p>
      <h2>{t('accessibility.limitsTitle')}</h2>
      <p>{t('accessibility.limitsText')}</p>
      <h2>{t('accessibility.feedbackTitle')}</h2>
      <p>{t('accessibility.feedbackText')}</p>
      {email && <p>{t('accessibility.feedbackEmail')} <a href={`mailto:${email}`} data-qa="accessibility-feedback">{email}</a></p>}
      <h2>{t('accessibility.enforcementTitle')}</h2>
      <p>{t('accessibility.enforcementText')}</p>
      <p><a href="https://www.saavutettavuusvaatimukset.fi/" rel="noopener">{t('accessibility.enforcementLink')}</a></p>
    </>
  );
}
