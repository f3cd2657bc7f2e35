import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { linkProps } from '../lib/router';
import { PUBLIC_PATHS } from './paths';
import { FeedbackForm } from './FeedbackForm';
import { FEEDBACK_TOKEN_KEY } from './Receipt';
import { usePageTitle } from './site';

/**
 * The token: from the address's fragment (`#t=…`, a link opened in a new tab; the browser never
 * sends a fragment to the server), else from sessionStorage (the receipt's link followed in the
 * app, or this page reloaded). Kept in sessionStorage so a reload still finds it.
 */
function readToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('t');
  try {
    if (fromHash) window.sessionStorage.setItem(FEEDBACK_TOKEN_KEY, fromHash);
    return fromHash || window.sessionStorage.getItem(FEEDBACK_TOKEN_KEY);
  } catch {
    return fromHash;
  }
}

/** "Kerro, miten onnistuimme": the feedback form reached from the contact form's receipt. */
export function FeedbackPage() {
  const { t } = useTranslation();
  usePageTitle(t('feedback.title'));
  const [token] = useState(readToken);
  // the token leaves the address bar (and the history list) once read
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  }, []);
  const done = () => { try { window.sessionStorage.removeItem(FEEDBACK_TOKEN_KEY); } catch { /* nothing kept */ } };
  return (
    <>
      <h1 tabIndex={-1}>{t('feedback.title')}</h1>
      {token
        ? <FeedbackForm token={token} heading={null} onDone={done} />
        : <p className="notice error" data-qa="feedback-no-token">{t('feedback.noToken')}</p>}
      <p><a {...linkProps(PUBLIC_PATHS.home)}>{t('form.backHome')}</a></p>
    </>
  );
}
