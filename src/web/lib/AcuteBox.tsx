import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './i18n';
import { EMERGENCY_NUMBER, emergencyContactList, type EmergencyContact } from '../../domain/front-door';
import './acute-alert.css';

/** The national numbers; the county's social and crisis emergency line comes from its settings. */
export const NATIONAL_NUMBERS = { emergency: EMERGENCY_NUMBER, medical: '116117' } as const;

const tel = (phone: string) => `tel:${phone.replace(/[^0-9+]/g, '')}`;

/** Shown on every public page (domain § 6): acute situations are not for guidance. */
export function AcuteBox({ crisisPhone, socialEmergencyPhone = null, headingLevel = 2 }: { crisisPhone: string | null; socialEmergencyPhone?: string | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const item = (key: 'emergency' | 'medical' | 'crisis' | 'socialEmergency', number: string | null) => (
    <li>
      <strong>{t(`acute.${key}`)}</strong>
      {number && <>{' '}<a href={tel(number)} data-qa={`acute-${key}`}>{number}</a></>}
      {' – '}
      {t(`acute.${key}Text`)}
    </li>
  );
  return (
    <aside aria-labelledby="acute-title" data-qa="acute-box" className="acute-box">
      <H id="acute-title">{t('acute.title')}</H>
      <ul>
        {item('emergency', NATIONAL_NUMBERS.emergency)}
        {item('medical', NATIONAL_NUMBERS.medical)}
        {item('crisis', crisisPhone)}
        {socialEmergencyPhone && socialEmergencyPhone !== crisisPhone && item('socialEmergency', socialEmergencyPhone)}
      </ul>
    </aside>
  );
}

/** The emergency contacts of the site's settings, for the alert shown before anything is sent: the same list the receipt gives. */
export function siteEmergencyContacts(site: { crisisPhone: string | null; socialEmergency?: { phone: string | null; openNow: boolean } } | undefined): EmergencyContact[] {
  return emergencyContactList({ crisisPhone: site?.crisisPhone ?? null, socialEmergencyPhone: site?.socialEmergency?.phone ?? null, socialEmergencyOpenNow: site?.socialEmergency?.openNow ?? false });
}

const LABEL = { emergency: 'emergency', crisis_line: 'crisis', social_emergency: 'socialEmergency' } as const;

/** The numbers to call, 112 first, each a tel: link with what it is for; a closed one says so after its number. */
export function EmergencyCallList({ contacts, qa = 'emergency-contacts' }: { contacts: EmergencyContact[]; qa?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="emergency-contacts" data-qa={qa}>
      {contacts.map((c) => (
        <li key={c.kind} data-qa={`call-${c.kind}`}>
          <strong>{t(`acute.${LABEL[c.kind]}`)}</strong>{' '}
          <a href={tel(c.phone)} className="call-number" data-qa={`call-${c.kind}-tel`}>{c.phone}</a>
          {' – '}{t(`acute.${LABEL[c.kind]}Text`)}
          {c.kind === 'social_emergency' && !c.openNow && <> ({t('acute.closedNow')})</>}
        </li>
      ))}
    </ul>
  );
}

/**
 * The emergency box shown while a resident writes or answers: "call now", 112 and the crisis line
 * first. `live`: the box is inside an always-present role=alert region, so a screen reader
 * announces it once when it appears (not on every keystroke: its content changes only when the
 * reason does); on later steps the same box is shown without announcing it again.
 */
export function AcuteAlert({ show, because, contacts, live = true, headingLevel = 3 }: {
  show: boolean; because: 'words' | 'answer'; contacts: EmergencyContact[]; live?: boolean; headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const box = show && (
    <div className="notice error acute-alert" data-qa="acute-alert">
      <H>{t('acute.alertTitle')}</H>
      <p>{because === 'answer' ? t('acute.alertAnswered') : t('acute.alertDetected')}</p>
      <EmergencyCallList contacts={contacts} qa="acute-alert-contacts" />
      <p>{t('acute.alertContinue')}</p>
    </div>
  );
  return live ? <div role="alert" data-qa="acute-alert-region">{box}</div> : <div>{box}</div>;
}

type Triage = typeof import('../../domain/triage/triage').triage;
let loading: Promise<Triage> | null = null;
/** The detector is loaded on first use in a chunk of its own: the front page does not carry it. */
const loadTriage = () => (loading ??= import('../../domain/triage/triage').then((m) => m.triage));

/** Words that point to danger in a text the resident types: the same detector the server runs, in the browser, a moment after typing stops. */
export function useAcuteWords(text: string, lang: Lang, pauseMs = 300): boolean {
  const [acute, setAcute] = useState(false);
  // fetched as the form opens, so the first words are checked without waiting for it
  useEffect(() => { void loadTriage().catch(() => { loading = null; }); }, []);
  useEffect(() => {
    if (!text.trim()) { setAcute(false); return; }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void loadTriage().then((triage) => { if (!cancelled) setAcute(triage(text, lang).acute); }).catch(() => undefined);
    }, pauseMs);
    return () => { cancelled = true; window.clearTimeout(timer); };
  }, [text, lang, pauseMs]);
  return acute;
}
