import { useState, type FormEvent } from 'react';
import { LIVE_QUERY_KEYS, useSafetyPoll } from './live';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import { api, fieldErrors, problemMessage } from '../lib/api';
import { ErrorSummary, Notice, RadioGroup, SelectField, summaryEntries, TextField } from '../lib/fields';
import { helsinkiDate } from '../../domain/local-date';
import { useReferenceData } from './reference-data';
import { formatDate, monthNames, type Lang } from '../lib/i18n';
import { linkProps } from '../lib/router';
import { useAcuteText, type AcuteAlert } from './acute';
import type { SupervisorOverview } from '../../server/features/contacts/contacts.schemas';
import type { OverdueReferrals } from '../../server/features/referrals/referrals.schemas';
import type { MonthlyStatistics, PhoneFigures } from '../../server/features/statistics/statistics.schemas';
import {
  dayInputText, daysInclusive, formatPeriod, parseDayInput, parseStatsQuery, periodDays, quarterName, shiftMonth, statisticsFormat, statsAddress, statsApiPath,
  STATS_MAX_DAYS, type StatsChoice, type StatsFilters, type StatsPeriod, type StatsPeriodKind,
} from './statistics-format';
import { ensureStatisticsMessages } from './charts/messages';
import { ContactCharts, EmergencyCharts, ReachabilityCharts, TimingCharts } from './charts/StatisticsCharts';
import { StatutoryClocks } from './charts/StatutoryClocks';
import { STAFFING_PATH } from './StaffingPage';
import { ChatFigures } from './chat/ChatFigures';
import { GuidanceFigures } from './guidance-admin';
import { FeedbackComments } from './chat/FeedbackComments';
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
        <tr><th scope="col">{t('supervisor.reach.measure')}</th><th scope="col" className="num">{formatPeriod(month, lang)}</th><th scope="col" className="num">{formatPeriod(previousYearMonth, lang)}</th></tr>
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


/**
 * Reachability (issue 15): calls offered, answered and abandoned, the answer rate, the service
 * level, waits and callbacks, for all lines and each line, beside the same period a year earlier
 * (each line's own year-earlier figures come with it: `byLine[].previousYear`), with the answer
 * rate and service level per line drawn.
 */
function Reachability({ m }: { m: MonthlyStatistics }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const f = statisticsFormat(i18n.language as Lang);
  const p = m.phone;
  const rows = useFigureRows(p.serviceLevelSeconds);
  const lineName = (code: string | null) => (code ? ref.lineLabel(code) : t('supervisor.reach.noLine'));
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
      <ReachabilityCharts m={m} />
      <div className="columns">
        <FigureTable qa="reach-all" title={t('supervisor.reach.allLines')} rows={rows} month={m.month} previousYearMonth={m.previousYearMonth} current={p} previous={p.previousYear} />
        {p.byLine.map((l) => (
          <FigureTable key={l.line ?? '-'} qa={`reach-line-${l.line ?? 'none'}`} title={lineName(l.line)} rows={rows} month={m.month} previousYearMonth={m.previousYearMonth}
            current={l} previous={l.previousYear} />
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
function MonthPicker({ value, onChange, years }: { value: string; onChange: (v: string) => void; years: string[] }) {
  const { t, i18n } = useTranslation();
  const names = monthNames(i18n.language as Lang);
  const [year, month] = value.split('-') as [string, string];
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

/** A quarter as two selects, the quarter by name and the year. */
function QuarterPicker({ year, quarter, onChange, years }: { year: number; quarter: number; onChange: (year: number, quarter: number) => void; years: string[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const names = monthNames(lang);
  return (
    <fieldset className="field month-picker" data-qa="stats-quarter">
      <legend>{t('supervisor.period.quarterLegend')}</legend>
      <div className="month-picker-controls">
        <div className="field">
          <label htmlFor="stats-quarter-quarter">{t('supervisor.period.quarter')}</label>
          <select id="stats-quarter-quarter" value={String(quarter)} onChange={(e) => onChange(year, Number(e.target.value))} data-qa="stats-quarter-quarter">
            {[1, 2, 3, 4].map((q) => <option key={q} value={String(q)}>{`${quarterName(null, q, lang)} (${names[q * 3 - 3]}–${names[q * 3 - 1]})`}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="stats-quarter-year">{t('polish.year')}</label>
          <select id="stats-quarter-year" value={String(year)} onChange={(e) => onChange(Number(e.target.value), quarter)} data-qa="stats-quarter-year">
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
      </div>
    </fieldset>
  );
}

/**
 * Any range of days, typed as the page's language writes a day ("1.7.2026", "01/07/2026"), shown
 * when the button is pressed; a day that is no day, a range that ends before it starts or one
 * longer than two years is named in an error summary, and so is the server's 400.
 */
function RangePicker({ from, to, onChange, serverErrors }: { from: string; to: string; onChange: (from: string, to: string) => void; serverErrors: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const d = draft ?? { from: dayInputText(from, lang), to: dayInputText(to, lang) };
  const hint = t('supervisor.period.dateHint', { example: dayInputText('2026-07-01', lang) });
  const fields = { from: { id: 'stats-from', label: t('supervisor.period.from') }, to: { id: 'stats-to', label: t('supervisor.period.to') } };
  const errors: Record<string, string> = { ...serverErrors, ...local };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const a = parseDayInput(d.from);
    const b = parseDayInput(d.to);
    const problems: Record<string, string> = {};
    if (!a) problems.from = t('supervisor.period.errors.date');
    if (!b) problems.to = t('supervisor.period.errors.date');
    if (a && b && b < a) problems.to = t('supervisor.period.errors.order');
    else if (a && b && daysInclusive(a, b) > STATS_MAX_DAYS) problems.to = t('supervisor.period.errors.long');
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !a || !b) return;
    setDraft(null);
    onChange(a, b);
  };
  return (
    <form className="stats-range" onSubmit={submit} noValidate data-qa="stats-range">
      <ErrorSummary title={t('supervisor.period.errorsTitle')} errors={summaryEntries(errors, fields)} qa="stats-range-errors" />
      <fieldset className="field month-picker">
        <legend>{t('supervisor.period.rangeLegend')}</legend>
        <div className="month-picker-controls">
          <TextField id="stats-from" label={fields.from.label} hint={hint} value={d.from} error={errors.from} onChange={(v) => setDraft({ ...d, from: v })} />
          <TextField id="stats-to" label={fields.to.label} hint={hint} value={d.to} error={errors.to} onChange={(v) => setDraft({ ...d, to: v })} />
          <div className="field stats-range-show"><Button type="submit" data-qa="stats-range-show">{t('supervisor.period.show')}</Button></div>
        </div>
      </fieldset>
    </form>
  );
}

/** The period of another kind nearest to the one shown: the quarter or year that holds the month, the same days as a range. */
function periodOfKind(kind: StatsPeriodKind, p: StatsPeriod): StatsPeriod {
  const days = periodDays(p);
  const year = Number(days.from.slice(0, 4));
  const month = Number(days.from.slice(5, 7));
  switch (kind) {
    case 'month': return { kind, month: days.from.slice(0, 7) };
    case 'quarter': return { kind, year, quarter: Math.ceil(month / 3) };
    case 'year': return { kind, year };
    case 'range': return { kind, ...days };
  }
}

/**
 * What the statistics count (issue 15, part 5): a month, a quarter, a year or any range of days,
 * and the contacts of one region, line or municipality, by name; "this month" and "last month"
 * in one press (the month of `today`, the server's day when known). The choice is kept in the
 * address's query (replaced, not pushed: the back button leaves the page), so a reload or a link
 * shows the same figures.
 */
function StatsChooser({ choice, onChange, years, serverErrors, today }: {
  choice: StatsChoice; onChange: (c: StatsChoice) => void; years: string[]; serverErrors: Record<string, string>; today: string;
}) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const p = choice.period;
  const setPeriod = (period: StatsPeriod) => onChange({ ...choice, period });
  const setFilter = (key: keyof StatsFilters) => (value: string) => {
    const filters = { ...choice.filters, [key]: value };
    // a municipality outside the region chosen is let go
    if (key === 'region' && value && filters.municipality && ref.municipalities.find((m) => m.code === filters.municipality)?.region !== value) filters.municipality = '';
    onChange({ ...choice, filters });
  };
  const regionName = (r: (typeof ref.regions)[number]) => r.name[ref.lang];
  const municipalities = ref.municipalityOptions.filter((o) => !choice.filters.region || ref.municipalities.find((m) => m.code === o.value)?.region === choice.filters.region);
  const filterError = (key: string) => (serverErrors[key] ? t('supervisor.filters.unknown') : undefined);
  return (
    <div className="stats-chooser" data-qa="stats-chooser">
      <div className="stats-shortcuts" role="group" aria-label={t('supervisor.period.shortcuts')} data-qa="stats-shortcuts">
        <button type="button" className="stats-shortcut" onClick={() => setPeriod({ kind: 'month', month: today.slice(0, 7) })} data-qa="stats-this-month">
          {t('supervisor.period.thisMonth')}
        </button>
        <button type="button" className="stats-shortcut" onClick={() => setPeriod({ kind: 'month', month: shiftMonth(today.slice(0, 7), -1) })} data-qa="stats-last-month">
          {t('supervisor.period.lastMonth')}
        </button>
      </div>
      <RadioGroup id="stats-kind" legend={t('supervisor.period.legend')} value={p.kind}
        options={(['month', 'quarter', 'year', 'range'] as const).map((k) => ({ value: k, label: t(`supervisor.period.kinds.${k}`) }))}
        onChange={(k) => setPeriod(periodOfKind(k as StatsPeriodKind, p))} />
      {p.kind === 'month' && <MonthPicker value={p.month} onChange={(month) => setPeriod({ kind: 'month', month })} years={years} />}
      {p.kind === 'quarter' && <QuarterPicker year={p.year} quarter={p.quarter} onChange={(year, quarter) => setPeriod({ kind: 'quarter', year, quarter })} years={years} />}
      {p.kind === 'year' && (
        <SelectField id="stats-year" label={t('polish.year')} value={String(p.year)} onChange={(y) => setPeriod({ kind: 'year', year: Number(y) })} options={years.map((y) => ({ value: y, label: y }))} />
      )}
      {p.kind === 'range' && <RangePicker from={p.from} to={p.to} onChange={(from, to) => setPeriod({ kind: 'range', from, to })} serverErrors={Object.fromEntries(Object.entries(serverErrors).filter(([k]) => k === 'from' || k === 'to'))} />}
      <fieldset className="field month-picker" data-qa="stats-filters">
        <legend>{t('supervisor.filters.legend')}</legend>
        <div className="month-picker-controls">
          <SelectField id="stats-region" label={t('supervisor.filters.region')} value={choice.filters.region} onChange={setFilter('region')} empty={t('supervisor.filters.allRegions')}
            options={ref.regions.map((r) => ({ value: r.code, label: regionName(r) }))} error={filterError('region')} />
          <SelectField id="stats-line" label={t('supervisor.filters.line')} value={choice.filters.line} onChange={setFilter('line')} empty={t('supervisor.filters.allLines')}
            options={ref.lineOptions} error={filterError('line')} />
          <SelectField id="stats-municipality" label={t('supervisor.filters.municipality')} value={choice.filters.municipality} onChange={setFilter('municipality')} empty={t('supervisor.filters.allMunicipalities')}
            options={municipalities} error={filterError('municipality')} />
        </div>
      </fieldset>
    </div>
  );
}

/** What the figures below count, in words: the period beside the same dates a year earlier, and the filters by name. */
function StatsShown({ m }: { m: MonthlyStatistics }) {
  const { t } = useTranslation();
  const ref = useReferenceData();
  const filters = [
    m.filters.region && `${t('supervisor.filters.region')}: ${ref.regions.find((r) => r.code === m.filters.region)?.name[ref.lang] ?? m.filters.region}`,
    m.filters.line && `${t('supervisor.filters.line')}: ${ref.lineLabel(m.filters.line)}`,
    m.filters.municipality && `${t('supervisor.filters.municipality')}: ${ref.municipalityLabel(m.filters.municipality)}`,
  ].filter(Boolean);
  return (
    <p className="stats-shown" role="status" data-qa="stats-shown">
      {t('supervisor.period.shown', { period: formatPeriod(m.month, ref.lang), previous: formatPeriod(m.previousYearMonth, ref.lang) })}
      {' · '}{filters.length > 0 ? filters.join(' · ') : t('supervisor.filters.none')}
    </p>
  );
}

/** The supervisor's live view (promises due, overdue, callbacks, who handles what) and the month's statistics. */
export function SupervisorPage() {
  const { t, i18n } = useTranslation();
  ensureStatisticsMessages(i18n);
  const ref = useReferenceData();
  // refreshed by the event stream on every contact change (live.ts); polled only while it is down
  const overviewPoll = useSafetyPoll(5000);
  const overview = useQuery({ queryKey: LIVE_QUERY_KEYS.supervisorOverview, queryFn: () => api<SupervisorOverview>('/api/supervisor/overview'), refetchInterval: overviewPoll });
  const [thisMonth] = useState(() => helsinkiDate(new Date()).slice(0, 7));
  const [choice, setChoiceState] = useState<StatsChoice>(() => parseStatsQuery(window.location.search, thisMonth));
  const setChoice = (c: StatsChoice) => {
    setChoiceState(c);
    window.history.replaceState(window.history.state, '', statsAddress(c, window.location));
  };
  const statsPath = statsApiPath(choice);
  const statsDays = periodDays(choice.period);
  const monthly = useQuery({ queryKey: ['statistics', statsPath], queryFn: () => api<MonthlyStatistics>(statsPath, { lang: ref.lang }), retry: false });
  const o = overview.data;
  const m = monthly.data;
  const statsErrors = fieldErrors(monthly.error);
  const thisYear = Number(thisMonth.slice(0, 4));
  const lastYear = Math.max(thisYear, Number(o?.today.slice(0, 4) ?? 0));
  const firstYear = Math.min(thisYear, Number(o?.today.slice(0, 4) ?? 9999)) - 5;
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, i) => String(lastYear - i));

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
      <div className="actions stats-actions">
        <StatsChooser choice={choice} onChange={setChoice} years={years} serverErrors={statsErrors} today={o?.today ?? helsinkiDate(new Date())} />
        <ul className="stats-downloads" aria-label={t('supervisor.downloads')}>
          <li><a href={statsApiPath(choice, 'csv', ref.lang)} download data-qa="stats-csv">{t('supervisor.downloadCsv')}</a></li>
          <li><a href={statsApiPath(choice, 'xlsx', ref.lang)} download data-qa="stats-xlsx">{t('supervisor.downloadXlsx')}</a></li>
        </ul>
      </div>
      {monthly.isError && Object.keys(statsErrors).length === 0 && <Notice kind="error" qa="stats-failed">{problemMessage(monthly.error, t('supervisor.statsFailed'))}</Notice>}
      {m && <StatsShown m={m} />}
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
          <ContactCharts m={m} />
          <Reachability m={m} />
          <TimingCharts m={m} />
          <EmergencyCharts m={m} />
          <PromiseBy m={m} />
          <StatutoryClocks m={m} />
          <ChatFigures m={m} />
          <GuidanceFigures m={m} />
        </div>
      )}
      {m && <FeedbackComments key={`${statsDays.from}-${statsDays.to}`} from={statsDays.from} to={statsDays.to} />}
    </section>
  );
}
