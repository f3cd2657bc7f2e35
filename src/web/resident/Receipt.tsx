import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { linkProps, navigate } from '../lib/router';
import { PUBLIC_PATHS } from './paths';
import { telHref, type Line, type Receipt as ReceiptData } from './site';
import { OpenStatus } from './HomePage';
import { EmergencyCallList } from '../lib/AcuteBox';

/** sessionStorage: the feedback token on its way from a receipt to the feedback page (never in the address's path or query). */
export const FEEDBACK_TOKEN_KEY = 'opastin.feedbackToken';


/** After a submission: the reference to quote, what happens by when, and the line to call if it cannot wait. */
export function Receipt({ title, reference, children, line, feedbackToken = null }: { title: string; reference: string; children: ReactNode; line?: Line | null; feedbackToken?: string | null }) {
  const { t, i18n } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  const token = feedbackToken;
  return (
    <>
      <section className="receipt" data-qa="receipt" aria-labelledby="receipt-title">
        <h2 id="receipt-title" tabIndex={-1} ref={heading}>{title}</h2>
        <p>{t('form.reference')}: <strong className="reference" data-qa="receipt-reference">{reference}</strong></p>
        <p className="hint">{t('form.referenceHint')}</p>
        {children}
        {line && (
          <p>
            {t('form.callIfUrgent')} <a href={telHref(line.phoneNumber)} data-qa="receipt-tel">{line.phoneNumber}</a>
            {' '}({line.name[i18n.language as 'fi' | 'sv' | 'en']}) <OpenStatus line={line} />
          </p>
        )}
        {token && <FeedbackInvite token={token} />}
        <p><a {...linkProps(PUBLIC_PATHS.home)}>{t('form.backHome')}</a></p>
      </section>
    </>
  );
}

/** The feedback page's address for a token: the token in the fragment, which the browser never sends to the server (nor to its logs). */
export function feedbackHref(token: string): string {
  const lang = new URLSearchParams(window.location.search).get('lang');
  return `${PUBLIC_PATHS.feedback}${lang ? `?lang=${encodeURIComponent(lang)}` : ''}#t=${encodeURIComponent(token)}`;
}

/** "Kerro, miten onnistuimme": a link to the feedback page; followed in the app, the token goes by sessionStorage and the address stays clean. */
export function FeedbackInvite({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="feedback-invite-title" className="feedback-invite" data-qa="receipt-feedback">
      <h3 id="feedback-invite-title">{t('feedback.title')}</h3>
      <p>
        {t('feedback.receiptText')}{' '}
        <a
          href={feedbackHref(token)} data-qa="receipt-feedback-link"
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
            e.preventDefault();
            try { window.sessionStorage.setItem(FEEDBACK_TOKEN_KEY, token); } catch { window.location.assign(feedbackHref(token)); return; }
            navigate(PUBLIC_PATHS.feedback);
          }}
        >{t('feedback.receiptLink')}</a>
      </p>
    </section>
  );
}

/**
 * The acute receipt: "call now" and the numbers first (112, the crisis line, the social emergency
 * service with whether it is on duty), then the reference. No promised reply date, no line's
 * "closed now", no catalogue services: nothing that suggests waiting.
 */
export function AcuteReceipt({ receipt }: { receipt: ReceiptData }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { heading.current?.focus(); }, []);
  return (
    <section className="receipt acute-receipt acute-alert" data-qa="receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title" tabIndex={-1} ref={heading} data-qa="acute-receipt-title">{t('acute.receiptTitle')}</h2>
      <p data-qa="acute-receipt-lead">{t('acute.receiptLead')}</p>
      <EmergencyCallList contacts={receipt.emergencyContacts} qa="receipt-emergency-contacts" />
      <HandedOver receipt={receipt} />
      <p>{t('acute.receiptSent')}</p>
      <p>{t('form.reference')}: <strong className="reference" data-qa="receipt-reference">{receipt.reference}</strong></p>
      <p><a {...linkProps(PUBLIC_PATHS.home)}>{t('form.backHome')}</a></p>
    </section>
  );
}

/** Out of guidance hours an urgent matter went to the social emergency service at once: say so, with its number. */
export function HandedOver({ receipt }: { receipt: ReceiptData }) {
  const { t } = useTranslation();
  if (!receipt.handedToSocialEmergency) return null;
  return (
    <p className="notice" data-qa="receipt-handed-over">
      {receipt.socialEmergencyPhone
        ? <>{t('acute.handedOver')} <a href={telHref(receipt.socialEmergencyPhone)} data-qa="receipt-social-emergency-tel">{receipt.socialEmergencyPhone}</a></>
        : t('acute.handedOverNoPhone')}
    </p>
  );
}

/** The honeypot: out of sight and out of the tab order; a person never fills it, a naive bot does. */
export function Honeypot({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="visually-hidden" aria-hidden="true">
      <label htmlFor="website">{t('form.honeypot')}</label>
      <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** The form's send button: says it is sending, and ignores clicks meanwhile (the key makes a second send harmless anyway). */
export function SendButton({ sending }: { sending: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="form-buttons">
      <button type="submit" className="button" disabled={sending} data-qa="send">{sending ? t('form.sending') : t('form.send')}</button>
    </div>
  );
}
