/**
 * The supervisor's charts (issue 15, part 4): the period beside the same period a year earlier by
 * channel, reason and outcome; when contacts and calls arrived; reachability per line; the
 * emergency department's channel and the referrals onward. Every bar chart is a ChartFigure:
 * title, legend, a summary for screen readers and its figures as a table behind a button; the
 * weekday × hour heat maps are tables themselves (HeatMap). Labels come from the page's code
 * labelling (useReferenceData), never the codes.
 */
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { formatDate, monthNames, type Lang } from '../../lib/i18n';
import { useReferenceData } from '../reference-data';
import { formatPeriod, statisticsFormat, weekdayName, weekdayShort } from '../statistics-format';
import type { MonthlyStatistics, StatisticsBreakdownRow } from '../../../server/features/statistics/statistics.schemas';
import { ChartFigure } from './ChartFigure';
import { HeatMap } from './HeatMap';
import type { BarsModel, ChartRow, ChartSeries } from './chart-model';

type Stats = MonthlyStatistics;
const ED = 'emergency_department';

/** The two series of every comparison: the period (solid blue) and a year earlier (hatched vermillion), named by their periods. */
function useComparison(m: Stats): ChartSeries[] {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return [{ name: formatPeriod(m.month, lang), look: 'solid' }, { name: formatPeriod(m.previousYearMonth, lang), look: 'hatched' }];
}

const breakdownRows = (rows: StatisticsBreakdownRow[], label: (code: string | null) => string): ChartRow[] =>
  rows.map((r) => ({ key: r.code ?? 'none', label: label(r.code), values: [r.count, r.previousYear] }));

/** (a) and (c): contacts by channel and by main reason, and where guidance ended, beside a year earlier. */
export function ContactCharts({ m }: { m: Stats }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const f = statisticsFormat(i18n.language as Lang);
  const series = useComparison(m);
  const notRecorded = t('supervisor.charts.notRecorded');
  const model = (rows: StatisticsBreakdownRow[], set: string): BarsModel => ({
    rows: breakdownRows(rows, (c) => (c ? ref.label(set, c) : notRecorded)), series, orientation: 'horizontal', format: (v) => f.int(v),
  });
  return (
    <section className="panel" aria-labelledby="charts-contacts-title" data-qa="charts-contacts">
      <Heading variant="h3" id="charts-contacts-title">{t('supervisor.charts.contactsTitle')}</Heading>
      <div className="chart-grid">
        <ChartFigure qa="chart-channel" title={t('supervisor.byChannel')} categoryHeader={t('supervisor.channel')} model={model(m.breakdowns.channel, 'channel')} />
        <ChartFigure qa="chart-reason" title={t('supervisor.byReason')} categoryHeader={t('supervisor.charts.reason')} model={model(m.breakdowns.mainReason, 'reason')} />
        <ChartFigure qa="chart-outcome" title={t('supervisor.byOutcome')} categoryHeader={t('supervisor.charts.outcome')} model={model(m.breakdowns.outcome, 'outcome')} />
      </div>
    </section>
  );
}

/** Days of the period: each day when the period is two months at most, else each month (a year has too many days to draw). */
function callsByTime(m: Stats, lang: Lang) {
  const long = m.phone.byDay.length > 0 && Date.parse(m.period.to) - Date.parse(m.period.from) > 62 * 86_400_000;
  if (!long) {
    // every day of the period, the days without calls as zeros, so the axis is the period's
    const calls = new Map(m.phone.byDay.map((d) => [d.date, d]));
    const rows = [];
    for (let day = m.period.from; day <= m.period.to; day = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
      const d = calls.get(day);
      rows.push({ key: day, label: formatDate(day, lang, { weekday: false }), tick: String(Number(day.slice(8, 10))), values: [d?.answered ?? 0, d?.abandoned ?? 0] });
    }
    return { byMonth: false, rows };
  }
  const names = monthNames(lang);
  const months = new Map<string, [number, number]>();
  for (const d of m.phone.byDay) {
    const key = d.date.slice(0, 7);
    const [a, b] = months.get(key) ?? [0, 0];
    months.set(key, [a + d.answered, b + d.abandoned]);
  }
  return {
    byMonth: true,
    rows: [...months].map(([key, values]) => ({ key, label: `${names[Number(key.slice(5, 7)) - 1]} ${key.slice(0, 4)}`, tick: key.slice(5, 7), values })),
  };
}

/**
 * (b) When contacts and calls arrived: the weekday × hour heat map, per channel or all, the
 * period's or a year earlier's (HeatMap); contacts by weekday and by hour, its margins for all
 * channels, beside the same dates a year earlier; and the phone's calls by hour and by day,
 * answered and not answered.
 */
export function TimingCharts({ m }: { m: Stats }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const f = statisticsFormat(lang);
  const series = useComparison(m);
  const calls: ChartSeries[] = [{ name: t('supervisor.charts.answered'), look: 'solid' }, { name: t('supervisor.charts.abandoned'), look: 'hatched' }];
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((w) => {
    const x = m.byWeekday.find((r) => r.weekday === w);
    return { key: String(w), label: weekdayName(w, lang), values: [x?.count ?? 0, x?.previousYear ?? 0] };
  });
  const hours = Array.from({ length: 24 }, (_, h) => {
    const x = m.byHour.find((r) => r.hour === h);
    return { key: String(h), label: t('supervisor.charts.hourRow', { from: h, to: h + 1 }), values: [x?.count ?? 0, x?.previousYear ?? 0] };
  });
  const callHours = Array.from({ length: 24 }, (_, h) => {
    const x = m.phone.byHour.find((r) => r.hour === h);
    return { key: String(h), label: t('supervisor.charts.hourRow', { from: h, to: h + 1 }), values: [x?.answered ?? 0, x?.abandoned ?? 0] };
  });
  const days = callsByTime(m, lang);
  const int = (v: number) => f.int(v);
  const hourTick = (r: ChartRow) => r.key;
  return (
    <section className="panel" aria-labelledby="charts-timing-title" data-qa="charts-timing">
      <Heading variant="h3" id="charts-timing-title">{t('supervisor.charts.timingTitle')}</Heading>
      <HeatMap m={m} qa="heat" title={t('supervisor.charts.heatTitle')} />
      <div className="chart-grid">
        <ChartFigure qa="chart-weekday" title={t('supervisor.charts.byWeekday')} categoryHeader={t('supervisor.charts.weekday')}
          model={{ rows: weekdays, series, orientation: 'vertical', format: int, tickLabel: (r) => weekdayShort(Number(r.key), lang) }} />
        <ChartFigure qa="chart-hour" title={t('supervisor.charts.byHour')} categoryHeader={t('supervisor.charts.hour')} hint={t('supervisor.charts.hourHint')}
          model={{ rows: hours, series, orientation: 'vertical', format: int, valueLabels: false, tickLabel: hourTick }} />
        <ChartFigure qa="chart-calls-hour" title={t('supervisor.charts.callsByHour')} categoryHeader={t('supervisor.charts.hour')} hint={t('supervisor.charts.hourHint')}
          model={{ rows: callHours, series: calls, orientation: 'vertical', stacked: true, format: int, tickLabel: hourTick }} />
        <ChartFigure qa="chart-calls-day" title={days.byMonth ? t('supervisor.charts.callsByMonth') : t('supervisor.charts.callsByDay')}
          categoryHeader={days.byMonth ? t('supervisor.month') : t('supervisor.charts.day')}
          model={{ rows: days.rows, series: calls, orientation: 'vertical', stacked: true, format: int, tickLabel: (r) => days.rows.find((d) => d.key === r.key)?.tick ?? r.key }} />
      </div>
    </section>
  );
}

/** (d) Reachability per line: the answer rate and the service level beside a year earlier, the target drawn across. */
export function ReachabilityCharts({ m }: { m: Stats }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const f = statisticsFormat(i18n.language as Lang);
  const series = useComparison(m);
  const p = m.phone;
  const lineName = (code: string | null) => (code ? ref.lineLabel(code) : t('supervisor.reach.noLine'));
  const lines = [
    { key: 'all', label: t('supervisor.reach.allLines'), now: p as typeof p | (typeof p.byLine)[number], before: p.previousYear },
    ...p.byLine.map((l) => ({ key: l.line ?? 'none', label: lineName(l.line), now: l, before: l.previousYear })),
  ];
  const share = (v: number) => f.pct(v);
  const tableShare = (v: number | null) => f.pct(v);
  return (
    <div className="chart-grid" data-qa="charts-reach">
      <ChartFigure qa="chart-answer-rate" title={t('supervisor.charts.answerRateByLine')} categoryHeader={t('contact.line')} tableFormat={tableShare}
        model={{ rows: lines.map((l) => ({ key: l.key, label: l.label, values: [l.now.answerRate, l.before.answerRate] })), series, orientation: 'horizontal', format: share, max: 1 }} />
      <ChartFigure qa="chart-service-level" title={t('supervisor.charts.serviceLevelByLine', { seconds: p.serviceLevelSeconds })} categoryHeader={t('contact.line')} tableFormat={tableShare}
        hint={t('supervisor.charts.targetHint', { target: f.pct(p.serviceLevelTarget) })}
        model={{
          rows: lines.map((l) => ({ key: l.key, label: l.label, values: [l.now.serviceLevel, l.before.serviceLevel] })), series, orientation: 'horizontal', format: share, max: 1,
          reference: { value: p.serviceLevelTarget, label: t('supervisor.charts.target', { target: f.pct(p.serviceLevelTarget) }) },
        }} />
    </div>
  );
}

/**
 * (e) The emergency department's channel: its contacts beside a year earlier, when they arrived
 * (its own weekday × hour heat map), and its referrals onward by receiving unit beside a year
 * earlier (`referrals.byChannel`); then where all referrals went and what became of them, every
 * channel's. A county
 * with no contacts from the department in either period is told so in a sentence, not shown
 * empty charts.
 */
export function EmergencyCharts({ m }: { m: Stats }) {
  const { t, i18n } = useTranslation();
  const ref = useReferenceData();
  const f = statisticsFormat(i18n.language as Lang);
  const series = useComparison(m);
  const ed = m.breakdowns.channel.find((r) => r.code === ED) ?? { code: ED, count: 0, previousYear: 0 };
  const edReferrals = m.referrals.byChannel.find((c) => c.code === ED);
  const hasEd = ed.count > 0 || ed.previousYear > 0 || m.weekdayHour.some((c) => c.channel === ED)
    || (edReferrals !== undefined && (edReferrals.count > 0 || edReferrals.previousYear > 0));
  const int = (v: number) => f.int(v);
  const target = (c: string | null) => (c && c !== 'external' ? ref.unitLabel(c) : t('supervisor.charts.external'));
  return (
    <section className="panel" aria-labelledby="charts-ed-title" data-qa="charts-ed">
      <Heading variant="h3" id="charts-ed-title">{t('supervisor.charts.edTitle')}</Heading>
      {hasEd
        ? (
          <>
            <div className="chart-grid">
              <ChartFigure qa="chart-ed" title={t('supervisor.charts.edContacts')} categoryHeader={t('supervisor.channel')}
                model={{ rows: [{ key: ED, label: ref.label('channel', ED), values: [ed.count, ed.previousYear] }], series, orientation: 'horizontal', format: int }} />
              <ChartFigure qa="chart-ed-referral-target" title={t('supervisor.charts.edReferralsByTarget')} categoryHeader={t('referral.target')}
                model={{ rows: breakdownRows(edReferrals?.byTarget ?? [], target), series, orientation: 'horizontal', format: int }} />
            </div>
            <HeatMap m={m} qa="heat-ed" title={t('supervisor.charts.edHeatTitle')} channel={ED} />
          </>
        )
        : <p data-qa="charts-ed-none">{t('supervisor.charts.edNone')}</p>}
      <div className="chart-grid">
        <ChartFigure qa="chart-referral-target" title={t('supervisor.charts.referralsByTarget')} categoryHeader={t('referral.target')} hint={t('supervisor.charts.referralsHint')}
          model={{ rows: breakdownRows(m.referrals.byTarget, target), series, orientation: 'horizontal', format: int }} />
        <ChartFigure qa="chart-referral-outcome" title={t('supervisor.charts.referralsByOutcome')} categoryHeader={t('supervisor.charts.outcome')} hint={t('supervisor.charts.referralsHint')}
          model={{ rows: breakdownRows(m.referrals.byOutcome, (c) => (c ? ref.label('referral_outcome', c) : t('supervisor.charts.notRecorded'))), series, orientation: 'horizontal', format: int }} />
      </div>
    </section>
  );
}
