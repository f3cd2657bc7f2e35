import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import type { PersonPage as Person } from '../../../server/features/guidance/guidance.schemas';
import { ApiError } from '../../lib/api';
import { Notice } from '../../lib/fields';
import { formatDate, formatDateTime, type Lang } from '../../lib/i18n';
import { linkProps } from '../../lib/router';
import { useReferenceData } from '../reference-data';
import { referralPath } from '../ReferralSection';
import { problemCode, usePersonPage } from './use-guidance';
import { CASE_PATH, CONTACT_PATH } from './paths';
import './guidance.css';

export { PERSON_PATH } from './paths';

/**
 * One identified person across contacts (issue 17): their contacts, guidance cases, open
 * follow-ups and referrals with where each stands, on one page. Every read is access-logged by the
 * server; a referral's outcome is not shown when the person withdrew the consent to forward.
 */
export function PersonPage({ contactId }: { contactId: string }) {
  const { t } = useTranslation();
  const query = usePersonPage(contactId);
  const back = <p className="contact-back"><a {...linkProps(CONTACT_PATH(contactId))} data-qa="person-back">← {t('guidance.person.back')}</a></p>;
  if (!query.data) {
    if (!query.isError) return <p>{t('common.loading')}</p>;
    const err = query.error;
    const text = problemCode(err) === 'not_identified' ? t('guidance.person.notIdentified')
      : err instanceof ApiError && err.problem.status === 403 ? t('guidance.person.forbidden')
        : err instanceof ApiError && err.problem.status === 404 ? t('guidance.person.notFound') : t('guidance.person.loadFailed');
    return <section aria-labelledby="person-title" data-qa="person-page">{back}<Heading variant="h1" id="person-title">{t('guidance.person.titleUnknown')}</Heading><Notice kind="error" qa="person-error">{text}</Notice></section>;
  }
  return <PersonView p={query.data} back={back} />;
}

function PersonView({ p, back }: { p: Person; back: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const day = (iso: string) => formatDate(iso, lang, { weekday: false, year: true });
  return (
    <section aria-labelledby="person-title" data-qa="person-page" className="person-page">
      {back}
      <Heading variant="h1" id="person-title">{p.person.name ?? t('guidance.person.titleUnknown')}</Heading>
      <p className="hint">{t('guidance.person.logged')}</p>
      <dl className="form-grid facts">
        {p.person.birthDate && <div><dt>{t('guidance.person.birthDate')}</dt><dd data-qa="person-birth-date">{day(p.person.birthDate)}</dd></div>}
        {p.person.hetu && <div><dt>{t('guidance.person.hetu')}</dt><dd data-qa="person-hetu">{p.person.hetu}</dd></div>}
        {p.person.phone && <div><dt>{t('guidance.person.phone')}</dt><dd data-qa="person-phone">{p.person.phone}</dd></div>}
        <div><dt>{t('guidance.person.matchedBy')}</dt><dd data-qa="person-matched-by">{t(`guidance.person.matchedByNames.${p.matchedBy}`)}</dd></div>
      </dl>

      <section aria-labelledby="person-cases-title" data-qa="person-cases">
        <Heading variant="h2" id="person-cases-title">{t('guidance.person.cases', { n: p.cases.length })}</Heading>
        {p.cases.length === 0 ? <p>{t('guidance.person.casesNone')}</p> : (
          <div className="table-scroll">
            <table className="data">
              <caption className="visually-hidden">{t('guidance.person.cases', { n: p.cases.length })}</caption>
              <thead><tr>
                <th scope="col">{t('guidance.person.colCase')}</th><th scope="col">{t('guidance.levelTerm')}</th><th scope="col">{t('guidance.case.statusTerm')}</th>
                <th scope="col">{t('guidance.responsible')}</th><th scope="col">{t('guidance.case.nextFollowUp')}</th><th scope="col">{t('guidance.case.anchored')}</th>
              </tr></thead>
              <tbody>
                {p.cases.map((c) => (
                  <tr key={c.id} data-qa="person-case">
                    <td><a {...linkProps(CASE_PATH(c.id))} data-qa="person-case-open">{t('guidance.person.caseOpened', { date: day(c.openedAt) })}</a></td>
                    <td>{c.level}</td>
                    <td data-qa="person-case-status">{c.status === 'closed' && c.outcome ? t(`guidance.close.outcomes.${c.outcome}`) : t(`guidance.case.statuses.${c.status}`)}</td>
                    <td>{c.responsible?.name ?? '–'}</td>
                    <td>{c.nextFollowUp ? day(c.nextFollowUp) : '–'}</td>
                    <td>{c.anchoredOn ? `${c.anchoredService ?? ''} (${day(c.anchoredOn)})` : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="person-follow-ups-title" data-qa="person-follow-ups">
        <Heading variant="h2" id="person-follow-ups-title">{t('guidance.person.followUps', { n: p.openFollowUps.length })}</Heading>
        {p.openFollowUps.length === 0 ? <p>{t('guidance.person.followUpsNone')}</p> : (
          <ul className="compact-list">
            {p.openFollowUps.map((f) => (
              <li key={f.id} data-qa="person-follow-up">
                <a {...linkProps(CASE_PATH(f.caseId))}>{formatDate(f.dueOn, lang)}</a> · {t(`guidance.followUps.kinds.${f.kind}`)}
                {f.purpose ? ` · ${f.purpose}` : ''}{f.assignedTo ? ` · ${f.assignedTo.name}` : ''}
                {f.overdue && <> <span className="badge overdue">{t('guidance.followUps.overdue')}</span></>}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="person-referrals-title" data-qa="person-referrals">
        <Heading variant="h2" id="person-referrals-title">{t('guidance.person.referrals', { n: p.referrals.length })}</Heading>
        {p.hidden.referralOutcomes > 0 && <Notice qa="person-hidden-outcomes">{t('guidance.person.hiddenOutcomes', { count: p.hidden.referralOutcomes })}</Notice>}
        {p.referrals.length === 0 ? <p>{t('guidance.person.referralsNone')}</p> : (
          <div className="table-scroll">
            <table className="data">
              <caption className="visually-hidden">{t('guidance.person.referrals', { n: p.referrals.length })}</caption>
              <thead><tr>
                <th scope="col">{t('guidance.person.colSent')}</th><th scope="col">{t('guidance.person.colReferral')}</th><th scope="col">{t('guidance.person.colContact')}</th>
                <th scope="col">{t('guidance.case.statusTerm')}</th><th scope="col">{t('guidance.person.colOutcome')}</th>
              </tr></thead>
              <tbody>
                {p.referrals.map((r) => (
                  <tr key={r.id} data-qa="person-referral">
                    <td>{day(r.sentAt)}</td>
                    <td><a {...linkProps(referralPath(r.id))}>{t(`referral.kinds.${r.kind}`, { defaultValue: r.kind })} → {r.unit ? ref.unitLabel(r.unit) : (r.external ?? '–')}</a></td>
                    <td><a {...linkProps(CONTACT_PATH(r.contactId))}>{r.reference}</a></td>
                    <td data-qa="person-referral-status">
                      {t(`referral.statuses.${r.status}`, { defaultValue: r.status })}
                      {r.overdue && <> <span className="badge overdue">{t('referral.overdue')}</span></>}
                    </td>
                    <td data-qa="person-referral-outcome">{r.outcomeHidden ? <em>{t('guidance.person.outcomeHidden')}</em> : r.outcome ? ref.label('referral_outcome', r.outcome) : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="person-contacts-title" data-qa="person-contacts">
        <Heading variant="h2" id="person-contacts-title">{t('guidance.person.contacts', { n: p.contacts.length })}</Heading>
        <div className="table-scroll">
          <table className="data">
            <caption className="visually-hidden">{t('guidance.person.contacts', { n: p.contacts.length })}</caption>
            <thead><tr>
              <th scope="col">{t('guidance.person.colContact')}</th><th scope="col">{t('guidance.person.colReceived')}</th><th scope="col">{t('contact.channel')}</th>
              <th scope="col">{t('contact.mainReason')}</th><th scope="col">{t('guidance.levelTerm')}</th><th scope="col">{t('guidance.case.statusTerm')}</th>
            </tr></thead>
            <tbody>
              {p.contacts.map((x) => (
                <tr key={x.id} data-qa="person-contact">
                  <td><a {...linkProps(CONTACT_PATH(x.id))} data-qa="person-contact-open">{x.reference}</a></td>
                  <td>{formatDateTime(x.receivedAt, lang)}</td>
                  <td>{ref.label('channel', x.channel)}</td>
                  <td>{x.notificationKind ? t(`contact.notificationKinds.${x.notificationKind}`) : ref.label('reason', x.mainReason)}</td>
                  <td data-qa="person-contact-level">{x.level}</td>
                  <td>{x.status === 'closed' && x.outcome ? ref.label('outcome', x.outcome) : t(`queue.statusNames.${x.status}`, { defaultValue: x.status })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
