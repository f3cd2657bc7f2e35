import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import type { GuidanceCase } from '../../../server/features/guidance/guidance.schemas';
import { ApiError } from '../../lib/api';
import { formatDate, formatDateTime, type Lang } from '../../lib/i18n';
import { Notice } from '../../lib/fields';
import { linkProps } from '../../lib/router';
import { useReferenceData } from '../reference-data';
import { useGuidanceCase } from './use-guidance';
import { LevelProposal, TriggerList, useTriggerReason } from './Triggers';
import { AssessmentStep } from './AssessmentStep';
import { PlanStep } from './PlanStep';
import { FollowUpStep } from './FollowUpStep';
import { MeetingsSection } from './MeetingsSection';
import { CloseStep } from './CloseStep';
import { CaseLevelForms } from './CaseLevelForms';
import { CONTACT_PATH, PERSON_PATH } from './paths';
import './guidance.css';

export { CASE_PATH } from './paths';

/**
 * One guidance case (asiakasohjaus, issue 17): who, at which level, who answers for it, and PAKU's
 * five steps as sections: map the situation (assessments under a versioned battery), goals and the
 * plan, referrals (on the case's contacts), follow-ups and outreach ("ei luovuteta"), and closing
 * with an outcome. Level 3 adds the responsible worker and multi-professional meetings. Opening it
 * reads personal data: the server logs the read.
 */
export function CasePage({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useGuidanceCase(id);
  if (!query.data) {
    if (!query.isError) return <p>{t('common.loading')}</p>;
    const missing = query.error instanceof ApiError && query.error.problem.status === 404;
    return <Notice kind="error" qa="case-error">{t(missing ? 'guidance.case.notFound' : 'guidance.case.loadFailed')}</Notice>;
  }
  return <CaseView c={query.data} />;
}

function CaseView({ c }: { c: GuidanceCase }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ref = useReferenceData();
  const reason = useTriggerReason();
  const open = c.status === 'open';
  const s = c.signals;
  const personName = c.person ? [c.person.name, c.person.birthDate && t('guidance.case.born', { date: formatDate(c.person.birthDate, lang, { year: true, weekday: false }) })].filter(Boolean).join(', ') : null;

  return (
    <section aria-labelledby="case-title" data-qa="case-page" data-level={c.level} data-status={c.status} className="case-page">
      <p className="contact-back"><a {...linkProps(CONTACT_PATH(c.contactId))} data-qa="case-back">← {t('guidance.case.back', { reference: c.reference })}</a></p>
      <Heading variant="h1" id="case-title">{t('guidance.case.title')} <span className="reference" data-qa="case-reference">{c.reference}</span></Heading>

      <dl className="form-grid facts case-facts">
        <div><dt>{t('guidance.levelTerm')}</dt><dd data-qa="case-level">{c.level} – {t(`guidance.levelNames.${c.level}`)}</dd></div>
        <div><dt>{t('guidance.case.statusTerm')}</dt><dd data-qa="case-status">{t(`guidance.case.statuses.${c.status}`)}</dd></div>
        <div><dt>{t('guidance.case.personTerm')}</dt><dd data-qa="case-person">{personName ?? t('guidance.case.personErased')}</dd></div>
        <div><dt>{t('guidance.responsible')}</dt><dd data-qa="case-responsible">{c.responsible?.name ?? t('guidance.case.noResponsible')}</dd></div>
        <div><dt>{t('guidance.case.opened')}</dt><dd data-qa="case-opened">{formatDateTime(c.openedAt, lang)}{c.openedBy ? `, ${c.openedBy}` : ''}</dd></div>
        {c.intensiveSince && <div><dt>{t('guidance.case.intensiveSince')}</dt><dd>{formatDateTime(c.intensiveSince, lang)}</dd></div>}
        {open && (
          <div><dt>{t('guidance.case.nextFollowUp')}</dt><dd data-qa="case-next-follow-up">
            {c.nextFollowUp ? formatDate(c.nextFollowUp, lang) : <span className="badge overdue">{t('guidance.case.nothingBooked')}</span>}
          </dd></div>
        )}
        {c.anchoredOn && <div><dt>{t('guidance.case.anchored')}</dt><dd data-qa="case-anchored">{t('guidance.case.anchoredText', { service: c.anchoredService ?? '', date: formatDate(c.anchoredOn, lang, { weekday: false, year: true }) })}</dd></div>}
        {c.closedAt && (
          <div><dt>{t('guidance.case.closedTerm')}</dt><dd data-qa="case-outcome">
            {formatDate(c.closedAt, lang, { weekday: false, year: true })}: {c.outcome ? t(`guidance.close.outcomes.${c.outcome}`) : ''}{c.closeNote ? ` – ${c.closeNote}` : ''}
          </dd></div>
        )}
      </dl>
      <p><a {...linkProps(PERSON_PATH(c.contactId))} data-qa="case-person-link">{t('guidance.personLink')}</a></p>

      {open && s.proposedLevel && <LevelProposal level={s.proposedLevel} triggers={s.triggers} contactsInWindow={s.contactsInWindow} qa="case-proposal" />}
      {open && s.proposeMeeting && (
        <p className="guidance-proposal" role="status" data-qa="case-meeting-proposal">
          {t('guidance.meetings.proposal', { reasons: s.triggers.map((x) => reason(x, s.contactsInWindow)).join(', ') })}
        </p>
      )}
      <TriggerList triggers={s.triggers} qa="case-triggers" />
      {open && <CaseLevelForms c={c} />}

      {/* PAKU's five steps, each its own section; at level 3 the multi-professional meeting belongs to the planning */}
      <div className="case-steps">
        <section aria-labelledby="step-assessment" className="case-step" data-qa="case-step-assessment">
          <Heading variant="h2" id="step-assessment">{t('guidance.steps.assessment')}</Heading>
          <AssessmentStep c={c} />
        </section>
        <section aria-labelledby="step-plan" className="case-step" data-qa="case-step-plan">
          <Heading variant="h2" id="step-plan">{t(c.level === 3 ? 'guidance.steps.plan3' : 'guidance.steps.plan')}</Heading>
          <PlanStep c={c} />
        </section>
        {(c.level === 3 || c.meetings.length > 0) && (
          <section aria-labelledby="case-meetings-title" className="case-step" data-qa="case-meetings">
            <Heading variant="h2" id="case-meetings-title">{t('guidance.meetings.title')}</Heading>
            <MeetingsSection c={c} />
          </section>
        )}
        <section aria-labelledby="step-referrals" className="case-step" data-qa="case-step-referrals">
          <Heading variant="h2" id="step-referrals">{t('guidance.steps.referrals')}</Heading>
          <p className="hint">{t('guidance.referrals.hint')}</p>
          <ul className="compact-list" data-qa="case-contacts">
            {c.contacts.map((x) => (
              <li key={x.id} data-qa="case-contact">
                <a {...linkProps(CONTACT_PATH(x.id))} data-qa="case-contact-open">{x.reference}</a>
                {' · '}{formatDateTime(x.receivedAt, lang)} · {ref.label('channel', x.channel)}
                {x.mainReason && <> · {ref.label('reason', x.mainReason)}</>}
                {' · '}{t(`queue.statusNames.${x.status}`, { defaultValue: x.status })}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="step-follow-ups" className="case-step" data-qa="case-step-follow-ups">
          <Heading variant="h2" id="step-follow-ups">{t('guidance.steps.followUps')}</Heading>
          <FollowUpStep c={c} />
        </section>
        <section aria-labelledby="step-close" className="case-step" data-qa="case-step-close">
          <Heading variant="h2" id="step-close">{t('guidance.steps.close')}</Heading>
          <CloseStep c={c} />
        </section>
      </div>

      {c.levels.length > 0 && (
        <details className="case-levels" data-qa="case-level-history">
          <summary>{t('guidance.case.levelHistory', { n: c.levels.length })}</summary>
          <ul className="compact-list">
            {c.levels.map((l, i) => (
              <li key={`${l.at}-${i}`}>
                {formatDateTime(l.at, lang)}: {l.from} → {l.to}{l.by ? ` (${l.by})` : ''}{l.reason ? ` – ${l.reason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
