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
import type { MonthlyStatistics, StatisticsBreakdownRow } from '../../server/features/statistics/statistics.schemas';


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
        </div>
      )}
    </section>
  );
}
