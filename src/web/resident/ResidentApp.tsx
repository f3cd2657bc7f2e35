import { useTranslation } from 'react-i18next';
import { linkProps, usePath } from '../lib/router';
import { PUBLIC_PATHS } from './paths';
import { ResidentLayout } from './ResidentLayout';
import { HomePage } from './HomePage';
import { ContactFormPage } from './ContactFormPage';
import { CallbackPage } from './CallbackPage';
import { ProfessionalPage } from './ProfessionalPage';
import { AccessibilityPage } from './AccessibilityPage';
import { ChatPage } from './ChatPage';
import { FeedbackPage } from './FeedbackPage';

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <h1 tabIndex={-1}>{t('resident.nav.home')}</h1>
      <p data-qa="not-found"><a {...linkProps(PUBLIC_PATHS.home)}>{t('resident.notFound')}</a></p>
    </>
  );
}

/** The public site: no login, three languages, every page with the acute box. */
export function ResidentApp() {
  const path = usePath();
  const page = path === PUBLIC_PATHS.home ? <HomePage />
    : path === PUBLIC_PATHS.contact ? <ContactFormPage />
    : path === PUBLIC_PATHS.callback ? <CallbackPage />
    : path === PUBLIC_PATHS.professional ? <ProfessionalPage />
    : path === PUBLIC_PATHS.accessibility ? <AccessibilityPage />
    : path === PUBLIC_PATHS.chat ? <ChatPage />
    : path === PUBLIC_PATHS.feedback ? <FeedbackPage />
    : <NotFound />;
  // a new key per path: leaving a form and coming back starts it afresh
  return <ResidentLayout path={path}><div key={path}>{page}</div></ResidentLayout>;
}
