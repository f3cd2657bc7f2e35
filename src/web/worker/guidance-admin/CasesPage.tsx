import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { z } from 'zod';
import { api, problemMessage } from '../../lib/api';
import { formatDate, type Lang } from '../../lib/i18n';
import { linkProps, useSearch } from '../../lib/router';
import { Notice } from '../../lib/fields';
import type { caseListSchema, GuidanceOverview } from '../../../server/features/guidance/guidance.schemas';
import { LevelBadge } from './LevelBadge';
import { ensureGuidanceAdminMessages } from './messages';
import './guidance-admin.css';

export const CASES_PATH = '/tyo/ohjausasiakkaat';
const PAGE_SIZE = 25;
const ATTENTIONS = ['overdue', 'no_next_step', 'silent', 'meeting'] as const;
type Attention = (typeof ATTENTIONS)[number];
type Cases = z.infer<typeof caseListSchema>;
export interface CaseFilters { level?: 2 | 3; attention?: Attention; status: 'open' | 'closed'; offset: number }

/** The list's filters from the page's address (`?level=3&attention=overdue&status=open&offset=25`), so a link and a reload keep them. */
export function readCaseFilters(search: string): CaseFilters {
  const q = new URLSearchParams(search);
  const level = q.get('level');
  const attention = q.get('attention');
  const offset = Number(q.get('offset'));
  return {
    ...(level === '2' || level === '3' ? { level: Number(level) as 2 | 3 } : {}),
    ...((ATTENTIONS as readonly string[]).includes(attention ?? '') ? { attention: attention as Attention } : {}),
    status: q.get('status') === 'closed' ? 'closed' : 'open',
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

/** The page's address for these filters; the language choice (`?lang=sv`) stays. */
export function caseFiltersAddress(f: CaseFilters, search = window.location.search): string {
  const q = new URLSearchParams();
  const lang = new URLSearchParams(search).get('lang');
  if (lang) q.set('lang', lang);
  if (f.level) q.set('level', String(f.level));
  if (f.attention) q.set('attention', f.attention);
  if (f.status !== 'open') q.set('status', f.status);
  if (f.offset > 0) q.set('offset', String(f.offset));
  const text = q.toString();
  return text ? `${CASES_PATH}?${text}` : CASES_PATH;
}

/** Shows other filters in place: the address changes (a reload or a shared link keeps them), the page does not jump to its top. */
function showFilters(f: CaseFilters, opts: { push?: boolean; focusList?: boolean } = {}): void {
  const to = caseFiltersAddress(f);
  if (opts.push) window.history.pushState(null, '', to);
  else window.history.replaceState(window.history.state, '', to);
  window.dispatchEvent(new Event('opastin:navigate'));
  if (opts.focusList) document.getElementById('all-cases-title')?.focus();
}

function casesQuery(f: Partial<CaseFilters> & { mine?: boolean }): string {
  const q = new URLSearchParams({ status: f.status ?? 'open', limit: String(PAGE_SIZE), offset: String(f.offset ?? 0) });
  if (f.mine) q.set('mine', 'true');
  if (f.level) q.set('level', String(f.level));
  if (f.attention) q.set('attention', f.attention);
  return q.toString();
}

function useCases(f: Partial<CaseFilters> & { mine?: boolean }) {
  const query = casesQuery(f);
  return useQuery({ queryKey: ['guidance', 'cases', query], queryFn: () => api<Cases>(`/api/guidance/cases?${query}`), placeholderData: keepPreviousData });
}

/** Previous and next page of a list with `total` (the queue's words). */
function Pager({ page, size, onOffset, qa, label }: { label: string; page: { total: number; offset: number; items: readonly unknown[] }; size: number; onOffset: (offset: number) => void; qa: string }) {
  const { t } = useTranslation();
  const hasPrevious = page.offset > 0;
  const hasNext = page.offset + page.items.length < page.total;
  if (!hasPrevious && !hasNext) return null;
  return (
    <nav className="pager" aria-label={t('guidanceAdmin.cases.paging', { list: label })} data-qa={qa}>
      <Button variant="secondary" disabled={!hasPrevious} onClick={() => onOffset(Math.max(0, page.offset - size))} data-qa={`${qa}-previous`}>{t('queueDay.previousPage', { n: size })}</Button>
      <Button variant="secondary" disabled={!hasNext} onClick={() => onOffset(page.offset + size)} data-qa={`${qa}-next`}>{t('queueDay.nextPage', { n: size })}</Button>
    </nav>
  );
}

/** "12 ohjausasiakasta, näytetään 1–12". */
function CasesSummary({ page, qa }: { page: Cases; qa: string }) {
  const { t } = useTranslation();
  const from = page.items.length ? page.offset + 1 : 0;
  const to = page.offset + page.items.length;
  return <p className="list-summary" data-qa={qa}>{t(page.totalCapped ? 'guidanceAdmin.cases.totalCapped' : 'guidanceAdmin.cases.total', { count: page.total, from, to })}</p>;
}

/** One table of cases: level, reference (a link to the case), responsible worker, next follow-up, overdue follow-ups, silence; for closed ones the outcome. */
function CasesTable({ page, caption, qa }: { page: Cases; caption: string; qa: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const closed = page.items.some((c) => c.status === 'closed');
  return (
    <div className="cases-scroll" role="region" aria-label={caption} tabIndex={0} data-qa={`${qa}-region`}>
      <table className="data" data-qa={qa}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('guidanceAdmin.cases.cols.level')}</th>
            <th scope="col">{t('guidanceAdmin.cases.cols.reference')}</th>
            <th scope="col">{t('guidanceAdmin.cases.cols.responsible')}</th>
            <th scope="col">{t('guidanceAdmin.cases.cols.opened')}</th>
            <th scope="col">{t('guidanceAdmin.cases.cols.nextFollowUp')}</th>
            <th scope="col" className="num">{t('guidanceAdmin.cases.cols.overdue')}</th>
            <th scope="col">{t('guidanceAdmin.cases.cols.silent')}</th>
            {closed && <th scope="col">{t('guidanceAdmin.cases.cols.outcome')}</th>}
          </tr>
        </thead>
        <tbody>
          {page.items.map((c) => (
            <tr key={c.id} data-qa={`case-row-${c.reference}`}>
              <td><LevelBadge level={c.level} qa="case-level" /></td>
              <th scope="row"><a {...linkProps(`/tyo/ohjaus/${c.id}`)} className="reference" data-qa="case-open">{c.reference}</a></th>
              <td data-qa="case-responsible">{c.responsible?.name ?? t('guidanceAdmin.cases.noResponsible')}</td>
              <td className="nowrap">{formatDate(c.openedAt, lang, { weekday: false, year: true })}</td>
              <td data-qa="case-next">
                {c.nextFollowUp
                  ? <span className="nowrap">{formatDate(c.nextFollowUp, lang)}</span>
                  : c.status === 'open' ? <span className="case-attention">{t('guidanceAdmin.cases.noNextStep')}</span> : '–'}
              </td>
              <td className="num" data-qa="case-overdue">
                {c.overdueFollowUps > 0 ? <span className="case-attention">{t('guidanceAdmin.cases.overdueCount', { count: c.overdueFollowUps })}</span> : '0'}
              </td>
              <td data-qa="case-silent">{c.silent ? <span className="case-attention">{t('guidanceAdmin.cases.silentYes')}</span> : t('guidanceAdmin.cases.silentNo')}</td>
              {closed && <td data-qa="case-outcome">{c.outcome ? t(`guidanceAdmin.cases.outcomes.${c.outcome}`) : '–'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Omat ohjausasiakkaat": the open cases the worker is responsible for. */
function MyCases() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const mine = useCases({ mine: true, offset });
  const data = mine.data;
  return (
    <section className="panel" aria-labelledby="my-cases-title" data-qa="my-cases">
      <Heading variant="h2" id="my-cases-title">{t('guidanceAdmin.cases.mineTitle')}</Heading>
      {mine.isError && <Notice kind="error" qa="my-cases-failed">{problemMessage(mine.error, t('guidanceAdmin.cases.failed'))}</Notice>}
      {data && data.total === 0 && <p data-qa="my-cases-none">{t('guidanceAdmin.cases.mineNone')}</p>}
      {data && data.items.length > 0 && (
        <>
          <CasesSummary page={data} qa="my-cases-total" />
          <CasesTable page={data} caption={t('guidanceAdmin.cases.mineTitle')} qa="my-cases-table" />
          <Pager page={data} size={PAGE_SIZE} onOffset={setOffset} qa="my-cases-pager" label={t('guidanceAdmin.cases.mineTitle')} />
        </>
      )}
    </section>
  );
}

/** The supervisor's counts of open cases that need attention, each a link that shows those cases below. */
function Overview({ filters }: { filters: CaseFilters }) {
  const { t } = useTranslation();
  const overview = useQuery({ queryKey: ['guidance', 'overview'], queryFn: () => api<GuidanceOverview>('/api/guidance/overview') });
  const o = overview.data;
  const toAttention = (attention: Attention): CaseFilters => ({ status: 'open', offset: 0, ...(filters.level ? { level: filters.level } : {}), attention });
  const counts: { attention: Attention; n: number; key: string }[] = o ? [
    { attention: 'overdue', n: o.overdueFollowUps, key: 'overdue' },
    { attention: 'no_next_step', n: o.noNextStep, key: 'noNextStep' },
    { attention: 'silent', n: o.silent, key: 'silent' },
    { attention: 'meeting', n: o.meetingsProposed, key: 'meeting' },
  ] : [];
  return (
    <section className="panel" aria-labelledby="cases-overview-title" data-qa="cases-overview">
      <Heading variant="h2" id="cases-overview-title">{t('guidanceAdmin.overview.title')}</Heading>
      {overview.isError && <Notice kind="error" qa="cases-overview-failed">{problemMessage(overview.error, t('guidanceAdmin.cases.failed'))}</Notice>}
      {o && (
        <>
          <p data-qa="cases-overview-open">{t('guidanceAdmin.overview.open', { level2: o.open.level2, level3: o.open.level3 })}</p>
          <p className="hint">{t('guidanceAdmin.overview.hint')}</p>
          <ul className="guidance-overview">
            {counts.map((c) => (
              <li key={c.attention}>
                <a href={caseFiltersAddress(toAttention(c.attention))}
                  onClick={(e) => { if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; e.preventDefault(); showFilters(toAttention(c.attention), { push: true, focusList: true }); }}
                  aria-current={filters.attention === c.attention && filters.status === 'open' ? 'true' : undefined} data-qa={`cases-overview-${c.attention}`}>
                  <strong data-qa={`cases-overview-${c.attention}-count`}>{c.n}</strong> {t(`guidanceAdmin.overview.counts.${c.key}`, { count: c.n })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** All cases, by level, by what needs attention, open or closed; a page at a time. */
function AllCases({ filters }: { filters: CaseFilters }) {
  const { t } = useTranslation();
  const all = useCases(filters);
  const data = all.data;
  const change = (next: Partial<CaseFilters>) => showFilters({ ...filters, offset: 0, ...next });
  const select = (id: string, label: string, value: string, onChange: (v: string) => void, options: { value: string; label: string }[], empty?: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-qa={id}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </div>
  );
  const title = filters.status === 'closed' ? t('guidanceAdmin.cases.closedTitle') : t('guidanceAdmin.cases.allTitle');
  return (
    <section className="panel" aria-labelledby="all-cases-title" data-qa="all-cases">
      <Heading variant="h2" id="all-cases-title" tabIndex={-1}>{title}</Heading>
      <div className="form-grid cases-filters" role="group" aria-label={t('guidanceAdmin.cases.filters')}>
        {select('cases-status', t('guidanceAdmin.cases.status'), filters.status, (v) => change({ status: v === 'closed' ? 'closed' : 'open' }),
          [{ value: 'open', label: t('guidanceAdmin.cases.statuses.open') }, { value: 'closed', label: t('guidanceAdmin.cases.statuses.closed') }])}
        {select('cases-level', t('guidanceAdmin.cases.level'), filters.level ? String(filters.level) : '', (v) => change({ level: v === '2' || v === '3' ? (Number(v) as 2 | 3) : undefined }),
          [{ value: '2', label: t('guidanceAdmin.level.names.2') }, { value: '3', label: t('guidanceAdmin.level.names.3') }], t('guidanceAdmin.cases.allLevels'))}
        {select('cases-attention', t('guidanceAdmin.cases.attention'), filters.attention ?? '', (v) => change({ attention: (ATTENTIONS as readonly string[]).includes(v) ? (v as Attention) : undefined }),
          ATTENTIONS.map((a) => ({ value: a, label: t(`guidanceAdmin.cases.attentions.${a}`) })), t('guidanceAdmin.cases.anyAttention'))}
      </div>
      {all.isError && <Notice kind="error" qa="all-cases-failed">{problemMessage(all.error, t('guidanceAdmin.cases.failed'))}</Notice>}
      {data && data.total === 0 && <p data-qa="all-cases-none">{t('guidanceAdmin.cases.none')}</p>}
      {data && data.items.length > 0 && (
        <>
          <CasesSummary page={data} qa="all-cases-total" />
          <CasesTable page={data} caption={title} qa="all-cases-table" />
          <Pager page={data} size={PAGE_SIZE} onOffset={(offset) => showFilters({ ...filters, offset })} qa="all-cases-pager" label={title} />
        </>
      )}
    </section>
  );
}

/**
 * The guidance cases (issue 17): the worker's own open cases, and every case filtered by level,
 * by what needs attention (overdue follow-ups, nothing booked, the person not reached, a meeting
 * proposed) and open or closed. A supervisor also sees the counts of what needs attention, each a
 * link to those cases. The filters live in the address, so a supervisor's link is shareable.
 */
export function CasesPage({ supervisor }: { supervisor: boolean }) {
  const { t, i18n } = useTranslation();
  ensureGuidanceAdminMessages(i18n);
  const search = useSearch();
  const filters = readCaseFilters(search);
  return (
    <section aria-labelledby="cases-title" data-qa="cases-page">
      <Heading variant="h1" id="cases-title">{t('guidanceAdmin.cases.title')}</Heading>
      <p className="hint">{t('guidanceAdmin.cases.intro')}</p>
      <MyCases />
      {supervisor && <Overview filters={filters} />}
      <AllCases filters={filters} />
    </section>
  );
}
