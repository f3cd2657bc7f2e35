import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import type { Lang } from '../../lib/i18n';
import { formatPeriod, statisticsFormat } from '../statistics-format';
import type { MonthlyStatistics } from '../../../server/features/statistics/statistics.schemas';
import { ensureGuidanceAdminMessages } from './messages';
import './guidance-admin.css';

/** What the figures need of the period's statistics: its label, the year-earlier label, and `guidance`. */
export type GuidanceFiguresSource = Pick<MonthlyStatistics, 'month' | 'previousYearMonth' | 'guidance'>;

/**
 * The period's guidance figures (issue 17) as one table, as ChatFigures shows the chats: contacts
 * by level beside the same dates a year earlier, cases opened at levels 2 and 3, follow-ups (due,
 * done on time, done late, missed, not yet due), people anchored in a service, multi-professional
 * meetings held and outreach attempts. Cells carry data-qa `guidance-figures-<row>-period` and
 * `-previous`. The whole county's, whatever the statistics' filters (the server counts them so).
 */
export function GuidanceFigures({ m }: { m: GuidanceFiguresSource }) {
  const { t, i18n } = useTranslation();
  ensureGuidanceAdminMessages(i18n);
  const g = m.guidance;
  const lang = i18n.language as Lang;
  const f = statisticsFormat(lang);
  const period = formatPeriod(m.month, lang);
  const previous = formatPeriod(m.previousYearMonth, lang);
  const row = (key: string, label: string, value: number, before?: number) => ({ key, label, value: f.int(value), previous: before === undefined ? '–' : f.int(before) });
  const groups: { key: string; title: string; rows: ReturnType<typeof row>[] }[] = [
    { key: 'contacts', title: t('guidanceAdmin.figures.groups.contacts'), rows: [
      row('level-1', t('guidanceAdmin.figures.rows.level1'), g.contactsByLevel.level1, g.previousYear.level1),
      row('level-2', t('guidanceAdmin.figures.rows.level2'), g.contactsByLevel.level2, g.previousYear.level2),
      row('level-3', t('guidanceAdmin.figures.rows.level3'), g.contactsByLevel.level3, g.previousYear.level3),
    ] },
    { key: 'cases', title: t('guidanceAdmin.figures.groups.cases'), rows: [
      row('opened-2', t('guidanceAdmin.figures.rows.opened2'), g.casesOpened.level2),
      row('opened-3', t('guidanceAdmin.figures.rows.opened3'), g.casesOpened.level3),
      row('anchored', t('guidanceAdmin.figures.rows.anchored'), g.anchored),
      row('meetings', t('guidanceAdmin.figures.rows.meetings'), g.meetingsHeld),
      row('outreach', t('guidanceAdmin.figures.rows.outreach'), g.outreachAttempts),
    ] },
    { key: 'follow-ups', title: t('guidanceAdmin.figures.groups.followUps'), rows: [
      row('due', t('guidanceAdmin.figures.rows.due'), g.followUps.due),
      row('on-time', t('guidanceAdmin.figures.rows.onTime'), g.followUps.onTime),
      row('late', t('guidanceAdmin.figures.rows.late'), g.followUps.late),
      row('missed', t('guidanceAdmin.figures.rows.missed'), g.followUps.missed),
      row('pending', t('guidanceAdmin.figures.rows.pending'), g.followUps.pending),
    ] },
  ];
  return (
    <section className="panel" aria-labelledby="guidance-figures-title" data-qa="guidance-figures">
      <Heading variant="h3" id="guidance-figures-title">{t('guidanceAdmin.figures.title')}</Heading>
      <p className="hint">{t('guidanceAdmin.figures.hint')}</p>
      <table className="data" data-qa="guidance-figures-table">
        <caption className="visually-hidden">{t('guidanceAdmin.figures.caption', { period })}</caption>
        <thead>
          <tr><th scope="col">{t('guidanceAdmin.figures.measure')}</th><th scope="col" className="num">{period}</th><th scope="col" className="num">{previous}</th></tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.key} data-qa={`guidance-figures-${group.key}`}>
            <tr><th scope="rowgroup" colSpan={3}>{group.title}</th></tr>
            {group.rows.map((r) => (
              <tr key={r.key} data-qa={`guidance-figures-${r.key}`}>
                <th scope="row">{r.label}</th>
                <td className="num" data-qa={`guidance-figures-${r.key}-period`}>{r.value}</td>
                <td className="num" data-qa={`guidance-figures-${r.key}-previous`}>{r.previous}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}
