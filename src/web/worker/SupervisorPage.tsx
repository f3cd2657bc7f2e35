import { useState } from 'react';
import { LIVE_QUERY_KEYS, useSafetyPoll } from './live';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { api } from '../lib/api';
import { helsinkiDate } from '../../domain/local-date';
import { useReferenceData } from './reference-data';
import { formatDate, formatMonth, monthNames, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { useAcuteText, type AcuteAlert } from './acute';
import type { SupervisorOverview } from '../../server/features/contacts/contacts.schemas';
import type { OverdueReferrals } from '../../server/features/referrals/referrals.schemas';
import type { MonthlyStatistics, PhoneFigures, StatisticsBreakdownRow } from '../../server/features/statistics/statistics.schemas';
import { statisticsFormat } from './statistics-format';
import { STAFFING_PATH } from './StaffingPage';
import './statistics.css';


/** Unclaimed acute contacts, oldest first, with how long each has waited: who needs someone now. */
function AcuteUnclaimed({ items }: { items: AcuteAlert[] }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const text = useAcuteText();
  return (
    <section className="panel" aria-labelledby="acute-unclaimed-title" data-qa="acute-unclaimed">
      <Heading variant="h2" id="acute-unclaimed-title"><span aria-hidden="true">⚠ </span>{t('supervisor.acuteTitle')}</Heading>
      {items.length === 0
        ? <p data-qa="acute-unclaimed-none">{t('supervisor.acuteNone')}</p>
        : (
          <table className="data">
            <thead><tr><th scope="col">{t('queue.colReference')}</th><th scope="col">{t('supervisor.acuteReason')}</th><th scope="col">{t('contact.line')}</th><th scope="col" className="num">{t('supervisor.acuteWaited')}</th></tr></thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-qa={`acute-unclaimed-${a.reference}`}>
                  <th scope="row"><a {...linkProps(`/tyo/yhteydenotot/${a.id}`)}>{a.reference}</a></th>
                  <td><span className="badge acute"><span aria-hidden="true">⚠ </span>{t('queue.acute.badge')}</span> {text.reasons(a.reasons)}</td>
                  <td>{a.line ? ref.lineLabel(a.line) : t('supervisor.noLine')}</td>
                  <td className="num" data-qa="acute-unclaimed-waited">{text.minutes(a.waitedSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
    </section>
  );
}

/** Referrals past their day: nothing in the loop expires silently. */
function OverdueReferrals() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const overdue = useQuery({ queryKey: ['referral-overdue'], queryFn: () => api<OverdueReferrals>('/api/supervisor/referrals/overdue'), refetchInterval: 30_000 });
  const o = overdue.data;
  return (
    <section className="panel" aria-labelledby="overdue-referrals-title" data-qa="overdue-referrals">
      <Heading variant="h2" id="overdue-referrals-title">{t('supervisor.overdueReferrals')}</Heading>
      {o && <p>{t('supervisor.overdueCounts', { notAccepted: o.notAccepted, notContacted: o.notContacted })}</p>}
      {o && o.items.length > 0 && (
        <table className="data">
          <thead><tr><th scope="col">{t('queue.colReference')}</th><th scope="col">{t('referral.target')}</th><th scope="col">{t('supervisor.overdueWhat')}</th><th scope="col">{t('supervisor.overdueDue')}</th><th scope="col">{t('referral.handler')}</th></tr></thead>
          <tbody>
            {o.items.map((r) => (
              <tr key={r.id} data-qa={`overdue-row-${r.contactReference}`}>
                <th scope="row"><a {...linkProps(`/tyo/lahetteet/${r.id}`)}>{r.contactReference}</a></th>
                <td>{r.unit ? ref.unitLabel(r.unit) : r.external}</td>
                <td>{t(`supervisor.overdueKinds.${r.overdueKind}`)}{r.reminded ? ` · ${t('inbox.reminded')}` : ''}</td>
                <td>{formatDate(r.due, ref.lang)}</td>
                <td>{r.handler ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function BreakdownTable({ caption, rows, label, previousYearMonth, month }: { caption: string; rows: StatisticsBreakdownRow[]; label: (c: string | null) => string; month: string; previousYearMonth: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <table className="data">
      <caption><strong>{caption}</strong></caption>
      <thead><tr><th scope="col">{t('supervisor.code')}</th><th scope="col" className="num">{formatMonth(month, lang)}</th><th scope="col" className="num">{formatMonth(previousYearMonth, lang)}</th></tr></thead>
      <tbody>
        {rows.map((r) => <tr key={r.code ?? '-'}><th scope="row">{label(r.code)}</th><td className="num">{r.count}</td><td className="num">{r.previousYear}</td></tr>)}
      </tbody>
    </table>
  );
}

type FigureRow = { key: string; label: string; value: (f: PhoneFigures) => string };

/** The rows of a reachability table: what the phone system's events say about one line (or all), as the page's language writes numbers. */
function useFigureRows(serviceLevelSeconds: number): FigureRow[] {
  const { t, i18n } = useTranslation();
  const f = statisticsFormat(i18n.language as Lang);
  return [
    { key: 'offered', label: t('supervisor.reach.offered'), value: (x) => f.int(x.offered) },
    { key: 'answered', label: t('supervisor.reach.answered'), value: (x) => f.int(x.answered) },
    { key: 'abandoned', label: t('supervisor.reach.abandoned'), value: (x) => f.int(x.abandoned) },
    { key: 'answer-rate', label: t('supervisor.reach.answerRate'), value: (x) => f.pct(x.answerRate) },
    { key: 'service-level', label: t('supervisor.reach.serviceLevel', { seconds: serviceLevelSeconds }), value: (x) => (x.serviceLevel === null ? '–' : `${f.pct(x.serviceLevel)} (${f.int(x.answeredWithinServiceLevel)})`) },
    { key: 'mean-wait', label: t('supervisor.reach.meanWait'), value: (x) => f.seconds(x.meanWaitSeconds) },
    { key: 'p90-wait', label: t('supervisor.reach.p90Wait'), value: (x) => f.seconds(x.p90WaitSeconds) },
    { key: 'mean-abandon', label: t('supervisor.reach.meanAbandon'), value: (x) => f.seconds(x.meanAbandonSeconds) },
    { key: 'outside-hours', label: t('supervisor.reach.outsideHours'), value: (x) => f.int(x.outsideHours) },
    { key: 'callbacks-created', label: t('supervisor.reach.callbacksCreated'), value: (x) => f.int(x.callbacks.created) },
    { key: 'callbacks-done', label: t('supervisor.reach.callbacksDone'), value: (x) => f.int(x.callbacks.done) },
    { key: 'hours-to-callback', label: t('supervisor.reach.meanHoursToCallback'), value: (x) => f.hours(x.callbacks.meanHoursToCallback) },
    { key: 'p90-hours-to-callback', label: t('supervisor.reach.p90HoursToCallback'), value: (x) => f.hours(x.callbacks.p90HoursToCallback) },
  ];
}

/** One line's (or all lines') reachability: a row per figure, the month beside the same month a year earlier. */
function FigureTable({ qa, title, rows, month, previousYearMonth, current, previous }: {
  qa: string; title: string; rows: FigureRow[]; month: string; previousYearMonth: string; current: PhoneFigures; previous: PhoneFigures | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <table className="data reach" data-qa={qa}>
      <caption><strong>{title}</strong></caption>
      <thead>
        <tr><th scope="col">{t('supervisor.reach.measure')}</th><th scope="col" className="num">{formatMonth(month, lang)}</th><th scope="col" className="num">{formatMonth(previousYearMonth, lang)}</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-qa={`${qa}-${r.key}`}>
            <th scope="row">{r.label}</th>
            <td className="num" data-qa={`${qa}-${r.key}-month`}>{r.value(current)}</td>
            <td className="num" data-qa={`${qa}-${r.key}-previous`}>{previous ? r.value(previous) : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A year earlier's figures of a line: zeros when the line had no calls then (the figure is zero, not unknown). */
const NO_CALLS: PhoneFigures = {
  offered: 0, answered: 0, abandoned: 0, outsideHours: 0, answerRate: null, answeredWithinServiceLevel: 0, serviceLevel: null,
  meanWaitSeconds: null, p90WaitSeconds: null, meanAbandonSeconds: null, callbacks: { created: 0, done: 0, meanHoursToCallback: null, p90HoursToCallback: null },
};

/**
 * Reachability (issue 15): calls offered, answered and abandoned, the answer rate, the service
 * level, waits and callbacks, for all lines and each line, beside the same month a year earlier.
 * The month's response carries the year-earlier figures of all lines; a line's come from that
 * month's own statistics (`previous`), fetched alongside.
 */
function Reachability({ m, previous }: { m: MonthlyStatistics; previous: MonthlyStatistics | undefined }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const f = statisticsFormat(i18n.language as Lang);
  const p = m.phone;
  const rows = useFigureRows(p.serviceLevelSeconds);
  const lineName = (code: string | null) => (code ? ref.lineLabel(code) : t('supervisor.reach.noLine'));
  const previousOf = (code: string | null): PhoneFigures | undefined =>
    previous ? (previous.phone.byLine.find((l) => l.line === code) ?? NO_CALLS) : undefined;
  return (
    <section className="panel" aria-labelledby="reach-title" data-qa="reachability">
      <Heading variant="h3" id="reach-title">{t('supervisor.reach.title')}</Heading>
      <p className="hint">{t('supervisor.reach.intro', { seconds: p.serviceLevelSeconds, target: f.pct(p.serviceLevelTarget) })}</p>
      <div className="stats">
        <div data-qa="reach-answer-rate"><strong>{f.pct(p.answerRate)}</strong>{t('supervisor.reach.answerRateBox')} ({t('supervisor.previousYear')}: {f.pct(p.previousYear.answerRate)})</div>
        <div data-qa="reach-service-level">
          <strong>{f.pct(p.serviceLevel)}</strong>
          {t('supervisor.reach.serviceLevelBox', { seconds: p.serviceLevelSeconds, target: f.pct(p.serviceLevelTarget) })} ({t('supervisor.previousYear')}: {f.pct(p.previousYear.serviceLevel)})
          {p.serviceLevel !== null && (
            <span className="target-verdict">
              {p.serviceLevel >= p.serviceLevelTarget
                ? <><span aria-hidden="true">✓ </span>{t('supervisor.reach.targetMet')}</>
                : <><span aria-hidden="true">✗ </span>{t('supervisor.reach.targetMissed')}</>}
            </span>
          )}
        </div>
        <div><strong>{f.int(p.offered)}</strong>{t('supervisor.reach.offeredBox')} ({t('supervisor.previousYear')}: {f.int(p.previousYear.offered)})</div>
        <div><strong>{f.int(p.callbacks.done)} / {f.int(p.callbacks.created)}</strong>{t('supervisor.reach.callbacksBox')}</div>
      </div>
      <p><a {...linkProps(STAFFING_PATH)} data-qa="reach-staffing-link">{t('supervisor.reach.staffingLink')}</a></p>
      <div className="columns">
        <FigureTable qa="reach-all" title={t('supervisor.reach.allLines')} rows={rows} month={m.month} previousYearMonth={m.previousYearMonth} current={p} previous={p.previousYear} />
        {p.byLine.map((l) => (
          <FigureTable key={l.line ?? '-'} qa={`reach-line-${l.line ?? 'none'}`} title={lineName(l.line)} rows={rows} month={m.month} previousYearMonth={m.previousYearMonth}
            current={l} previous={previousOf(l.line)} />
        ))}
      </div>
    </section>
  );
}

/** The service promise (kept, missed, pending, not applicable) per channel and per phone line, counted from reaching the person. */
function PromiseBy({ m }: { m: MonthlyStatistics }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const f = statisticsFormat(i18n.language as Lang);
  const cols = ['kept', 'missed', 'pending', 'notApplicable'] as const;
  const table = (qa: string, caption: string, head: string, rows: MonthlyStatistics['promiseBy']['channel'], label: (c: string | null) => string) => (
    <table className="data" data-qa={qa}>
      <caption><strong>{caption}</strong></caption>
      <thead><tr><th scope="col">{head}</th>{cols.map((c) => <th key={c} scope="col" className="num">{t(`supervisor.promiseCols.${c}`)}</th>)}</tr></thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={cols.length + 1}>{t('supervisor.promiseNone')}</td></tr>}
        {rows.map((r) => (
          <tr key={r.code ?? '-'} data-qa={`${qa}-${r.code ?? 'none'}`}>
            <th scope="row">{label(r.code)}</th>
            {cols.map((c) => <td key={c} className="num" data-qa={`${qa}-${r.code ?? 'none'}-${c}`}>{f.int(r[c])}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <section className="panel" aria-labelledby="promise-by-title" data-qa="promise-by">
      <Heading variant="h3" id="promise-by-title">{t('supervisor.promiseByTitle')}</Heading>
      <p className="hint">{t('supervisor.promiseHint')}</p>
      <div className="columns">
        {table('promise-by-channel', t('supervisor.promiseByChannel'), t('supervisor.channel'), m.promiseBy.channel, (c) => (c ? ref.label('channel', c) : t('supervisor.noChannel')))}
        {table('promise-by-line', t('supervisor.promiseByLine'), t('contact.line'), m.promiseBy.line, (c) => (c ? ref.lineLabel(c) : t('supervisor.noLine')))}
      </div>
    </section>
  );
}

/**
 * The statistics month as two selects, month by name and year, in the page's language (an
 * `<input type=month>` would speak the browser's language, whatever the page's).
 */
function MonthPicker({ value, onChange, firstYear, lastYear }: { value: string; onChange: (v: string) => void; firstYear: number; lastYear: number }) {
  const { t, i18n } = useTranslation();
  const names = monthNames(i18n.language as Lang);
  const [year, month] = value.split('-') as [string, string];
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => String(lastYear - i));
  return (
    <fieldset className="field month-picker" data-qa="stats-month">
      <legend>{t('polish.statsPeriod')}</legend>
      <div className="month-picker-controls">
        <div className="field">
          <label htmlFor="stats-month-month">{t('polish.month')}</label>
          <select id="stats-month-month" value={month} onChange={(e) => onChange(`${year}-${e.target.value}`)} data-qa="stats-month-month">
            {names.map((name, i) => <option key={name} value={String(i + 1).padStart(2, '0')}>{name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-month-year">{t('polish.year')}</label>
          <select id="stats-month-year" value={year} onChange={(e) => onChange(`${e.target.value}-${month}`)} data-qa="stats-month-year">
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

/** The supervisor's live view (promises due, overdue, callbacks, who handles what) and the month's statistics. */
export function SupervisorPage() {
  const { t } = useTranslation();
  const ref = useReferenceData();
  // refreshed by the event stream on every contact change (live.ts); polled only while it is down
  const overviewPoll = useSafetyPoll(5000);
  const overview = useQuery({ queryKey: LIVE_QUERY_KEYS.supervisorOverview, queryFn: () => api<SupervisorOverview>('/api/supervisor/overview'), refetchInterval: overviewPoll });
  const [thisMonth] = useState(() => helsinkiDate(new Date()).slice(0, 7));
  const [month, setMonth] = useState(thisMonth);
  const validMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const monthly = useQuery({ queryKey: ['statistics', month], queryFn: () => api<MonthlyStatistics>(`/api/statistics/monthly?month=${month}`), enabled: validMonth });
  const o = overview.data;
  const m = monthly.data;
  // each line's figures a year earlier: that month's own statistics (the month's response has the all-lines comparison only)
  const earlier = m?.previousYearMonth;
  const previous = useQuery({
    queryKey: ['statistics', earlier], queryFn: () => api<MonthlyStatistics>(`/api/statistics/monthly?month=${earlier}`),
    enabled: !!earlier && (m?.phone.byLine.length ?? 0) > 0, staleTime: 600_000,
  });

  return (
    <section aria-labelledby="supervisor-title">
      <Heading variant="h1" id="supervisor-title">{t('supervisor.title')}</Heading>
      <p className="hint">{t('supervisor.live')}</p>
      {o && <AcuteUnclaimed items={o.acuteUnclaimed} />}
      {o && (
        <>
          <div className="stats" data-qa="overview">
            <div><strong data-qa="overview-open">{o.open}</strong>{t('supervisor.open')}</div>
            <div><strong data-qa="overview-due-today">{o.dueToday}</strong>{t('supervisor.dueToday')}</div>
            <div><strong data-qa="overview-overdue">{o.overdue}</strong>{t('supervisor.overdue')}<br /><small data-qa="overview-overdue-claimed">{t('supervisor.overdueClaimed', { n: o.overdueClaimed })}</small></div>
            <div><strong data-qa="overview-callbacks">{o.callbacksWaiting}</strong>{t('supervisor.callbacks')}</div>
          </div>
          <div className="columns">
            <table className="data" data-qa="overview-by-line">
              <caption><strong>{t('supervisor.byLine')}</strong></caption>
              <thead><tr><th scope="col">{t('contact.line')}</th><th scope="col">{t('supervisor.status')}</th><th scope="col" className="num">{t('supervisor.count')}</th></tr></thead>
              <tbody>
                {o.byLine.map((r) => (
                  <tr key={`${r.line}-${r.status}`}><th scope="row">{r.line ? ref.lineLabel(r.line) : t('supervisor.noLine')}</th><td>{t(`queue.statusNames.${r.status}`)}</td><td className="num">{r.count}</td></tr>
                ))}
              </tbody>
            </table>
            {o.byWorker.length === 0
              ? <p>{t('supervisor.nobody')}</p>
              : (
                <table className="data" data-qa="overview-by-worker">
                  <caption><strong>{t('supervisor.byWorker')}</strong></caption>
                  <thead><tr><th scope="col">{t('supervisor.worker')}</th><th scope="col" className="num">{t('supervisor.inProgress')}</th><th scope="col" className="num">{t('supervisor.waiting')}</th></tr></thead>
                  <tbody>{o.byWorker.map((w) => <tr key={w.id}><th scope="row">{w.name}</th><td className="num">{w.inProgress}</td><td className="num">{w.waiting}</td></tr>)}</tbody>
                </table>
              )}
          </div>
        </>
      )}

      <OverdueReferrals />

      <Heading variant="h2" id="stats-title">{t('supervisor.statsTitle')}</Heading>
      <div className="actions">
        <MonthPicker value={month} onChange={setMonth} firstYear={Math.min(Number(thisMonth.slice(0, 4)), Number(o?.today.slice(0, 4) ?? 9999)) - 5}
          lastYear={Math.max(Number(thisMonth.slice(0, 4)), Number(o?.today.slice(0, 4) ?? 0))} />
        {validMonth && <p><a href={`/api/statistics/monthly.csv?month=${month}&lang=${ref.lang}`} download data-qa="stats-csv">{t('supervisor.downloadCsv')}</a></p>}
      </div>
      {m && (
        <div data-qa="monthly">
          <div className="stats">
            <div><strong data-qa="stats-total">{m.total}</strong>{t('supervisor.total')} ({t('supervisor.previousYear')}: {m.totalPreviousYear})</div>
            <div><strong>{m.promise.kept}</strong>{t('supervisor.promiseKept')}</div>
            <div><strong>{m.promise.missed}</strong>{t('supervisor.promiseMissed')}</div>
            <div><strong>{m.promise.pending}</strong>{t('supervisor.promisePending')}</div>
            <div><strong>{m.anonymous}</strong>{t('supervisor.anonymous')}</div>
            <div><strong>{m.ledToClientRelationship}</strong>{t('supervisor.ledToClient')}</div>
            <div><strong>{m.repeatContacts}</strong>{t('supervisor.repeatContacts')}</div>
            <div><strong>{m.medianHandlingSeconds === null ? '–' : t('supervisor.minutesShort', { n: Math.round(m.medianHandlingSeconds / 60) })}</strong>{t('supervisor.medianHandling')}</div>
            <div><strong data-qa="stats-referrals">{m.referrals.sent}</strong>{t('supervisor.referralsSent')} ({t('supervisor.previousYear')}: {m.referrals.sentPreviousYear})</div>
            <div><strong data-qa="stats-referrals-returned">{m.referrals.returned}</strong>{t('supervisor.referralsReturned')}</div>
            <div><strong>{m.referrals.acceptedOnTime} / {m.referrals.accepted}</strong>{t('supervisor.referralsOnTime')}</div>
          </div>
          <div className="columns">
            <BreakdownTable caption={t('supervisor.byChannel')} rows={m.breakdowns.channel} label={(c) => ref.label('channel', c)} month={m.month} previousYearMonth={m.previousYearMonth} />
            <BreakdownTable caption={t('supervisor.byReason')} rows={m.breakdowns.mainReason} label={(c) => ref.label('reason', c)} month={m.month} previousYearMonth={m.previousYearMonth} />
            <BreakdownTable caption={t('supervisor.byOutcome')} rows={m.breakdowns.outcome} label={(c) => ref.label('outcome', c)} month={m.month} previousYearMonth={m.previousYearMonth} />
          </div>
          <Reachability m={m} previous={previous.data} />
          <PromiseBy m={m} />
        </div>
      )}
    </section>
  );
}
