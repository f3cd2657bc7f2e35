import { formatDate, formatMonth, localeOf, type Lang } from '../lib/i18n';

/**
 * Numbers of the supervisor's statistics in the page's language (never the browser's), "–" for a
 * figure that does not exist (nothing offered, no answered call): 1 234 / 75 % / 45 s / 1 min 5 s /
 * 2,5 t in Finnish, 1,234 / 75% / 45 sec / 2.5 hr in English.
 */
export function statisticsFormat(lang: Lang) {
  const locale = localeOf(lang);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const second = new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 });
  const minute = new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 0 });
  const hour = new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'short', maximumFractionDigits: 1 });
  const none = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
  return {
    int: (v: number | null | undefined) => (none(v) ? '–' : integer.format(v)),
    dec: (v: number | null | undefined) => (none(v) ? '–' : decimal.format(v)),
    pct: (share: number | null | undefined) => (none(share) ? '–' : percent.format(share)),
    /** A wait: "45 s" under two minutes, else "3 min 5 s". */
    seconds: (v: number | null | undefined) => {
      if (none(v)) return '–';
      const s = Math.round(v);
      if (s < 120) return second.format(s);
      return s % 60 === 0 ? minute.format(s / 60) : `${minute.format(Math.floor(s / 60))} ${second.format(s % 60)}`;
    },
    hours: (v: number | null | undefined) => (none(v) ? '–' : hour.format(v)),
    /** A percentage typed by a person ("80", "80,5") as a share (0.8), NaN when it is not a number. */
    parseShare: (text: string) => parseNumber(text) / 100,
    /** A share (0.8) as a person types it: "80" / "80,5". */
    shareText: (share: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(share * 100),
  };
}

/** A number a person typed, with a decimal comma or point; NaN when it is anything else. */
export function parseNumber(text: string): number {
  const t = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** A whole number a person typed ("4", " 12 "), or NaN. Empty is NaN too: the caller decides what empty means. */
export function parseWhole(text: string): number {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** The weekday's name (ISO 1 Monday … 7 Sunday) in the page's language, capitalised for a column heading. */
export function weekdayName(weekday: number, lang: Lang): string {
  // 2026-11-23 is a Monday
  const name = new Intl.DateTimeFormat(localeOf(lang), { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 22 + weekday, 12)));
  return name.charAt(0).toLocaleUpperCase(localeOf(lang)) + name.slice(1);
}

/** A day as a person types it in the page's language: "29.9.2026" (fi, sv), "29/09/2026" (en). */
export function dayInputText(isoDate: string, lang: Lang): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d, 12)));
}

/** A typed day, day first ("29.9.2026", "29/09/2026", "29-9-2026") or ISO ("2026-09-29"), as ISO; null when it is no real day. */
export function parseDayInput(text: string): string | null {
  const t = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]].map(Number) : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]].map(Number) : [];
  if (!y || !m || !d) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A statistics period's label as the server writes it ("2026-11", "2026-Q3", "2026",
 * "2026-07-01–2026-09-15") in the page's language: "marraskuu 2026", "3. vuosineljännes 2026",
 * "2026", "1.7.2026–15.9.2026"; never the code-like label itself.
 */
export function formatPeriod(label: string, lang: Lang): string {
  if (/^\d{4}-\d{2}$/.test(label)) return formatMonth(label, lang);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return quarterName(Number(quarter[1]), Number(quarter[2]), lang);
  const range = /^(\d{4}-\d{2}-\d{2})–(\d{4}-\d{2}-\d{2})$/.exec(label);
  if (range) return `${formatDate(range[1]!, lang, { year: true, weekday: false })}–${formatDate(range[2]!, lang, { year: true, weekday: false })}`;
  return label;
}

/** "3. vuosineljännes 2026" / "3:e kvartalet 2026" / "Q3 2026"; without a year, the quarter alone. */
export function quarterName(year: number | null, quarter: number, lang: Lang): string {
  const y = year === null ? '' : ` ${year}`;
  if (lang === 'sv') return `${quarter}:${quarter <= 2 ? 'a' : 'e'} kvartalet${y}`;
  if (lang === 'en') return `Q${quarter}${y}`;
  return `${quarter}. vuosineljännes${y}`;
}

/** The statistics' period as the supervisor picks it: a month, a quarter, a year or any range of days. */
export type StatsPeriod =
  | { kind: 'month'; month: string }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }
  | { kind: 'range'; from: string; to: string };
export type StatsPeriodKind = StatsPeriod['kind'];
/** The filters by code; '' is all. */
export interface StatsFilters { region: string; line: string; municipality: string }
export interface StatsChoice { period: StatsPeriod; filters: StatsFilters }

export const STATS_FILTERS = ['region', 'line', 'municipality'] as const;
/** The longest period the server answers for (PERIOD_MAX_DAYS of the contract: two years). */
export const STATS_MAX_DAYS = 731;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const realDay = (s: string | null): s is string => !!s && ISO_DAY.test(s) && parseDayInput(s) === s;

/** The period's first and last day, inclusive (ISO). */
export function periodDays(p: StatsPeriod): { from: string; to: string } {
  const lastOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (p.kind) {
    case 'month': {
      const [y, m] = p.month.split('-').map(Number) as [number, number];
      return { from: `${p.month}-01`, to: lastOfMonth(y, m) };
    }
    case 'quarter': return { from: `${p.year}-${pad(p.quarter * 3 - 2)}-01`, to: lastOfMonth(p.year, p.quarter * 3) };
    case 'year': return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
    case 'range': return { from: p.from, to: p.to };
  }
}

/** Days from `from` to `to`, both counted. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The period and filters of the address's query (`?month=2026-11`, `?quarter=2026-Q3`,
 * `?year=2026` or `?from=2026-07-01&to=2026-09-15`, with `region`, `line`, `municipality`), so a
 * reload or a shared link shows the same figures; anything unreadable falls back to `thisMonth`.
 */
export function parseStatsQuery(search: string, thisMonth: string): StatsChoice {
  const q = new URLSearchParams(search);
  const filters: StatsFilters = { region: q.get('region') ?? '', line: q.get('line') ?? '', municipality: q.get('municipality') ?? '' };
  const month = q.get('month');
  const quarter = /^(\d{4})-Q([1-4])$/.exec(q.get('quarter') ?? '');
  const year = /^\d{4}$/.exec(q.get('year') ?? '');
  const from = q.get('from');
  const to = q.get('to');
  let period: StatsPeriod = { kind: 'month', month: thisMonth };
  if (month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month)) period = { kind: 'month', month };
  else if (quarter) period = { kind: 'quarter', year: Number(quarter[1]), quarter: Number(quarter[2]) };
  else if (year) period = { kind: 'year', year: Number(year[0]) };
  else if (realDay(from) && realDay(to) && from <= to) period = { kind: 'range', from, to };
  return { period, filters };
}

/** The query of a choice: its period, then the filters chosen (none: left out). */
export function statsQuery(c: StatsChoice): URLSearchParams {
  const q = new URLSearchParams();
  const p = c.period;
  if (p.kind === 'month') q.set('month', p.month);
  else if (p.kind === 'quarter') q.set('quarter', `${p.year}-Q${p.quarter}`);
  else if (p.kind === 'year') q.set('year', String(p.year));
  else { q.set('from', p.from); q.set('to', p.to); }
  for (const f of STATS_FILTERS) if (c.filters[f]) q.set(f, c.filters[f]);
  return q;
}

/** The page's address with the choice in its query; other parameters (the language) kept. */
export function statsAddress(c: StatsChoice, location: { pathname: string; search: string }): string {
  const q = new URLSearchParams(location.search);
  for (const key of ['month', 'quarter', 'year', 'from', 'to', ...STATS_FILTERS]) q.delete(key);
  for (const [k, v] of statsQuery(c)) q.set(k, v);
  const s = q.toString();
  return s ? `${location.pathname}?${s}` : location.pathname;
}

/**
 * The API's address for a choice: a month asks `/api/statistics/monthly?month=`, any other period
 * `/api/statistics/period?from=&to=`; `format` csv or xlsx is the download in `lang`.
 */
export function statsApiPath(c: StatsChoice, format: 'json' | 'csv' | 'xlsx' = 'json', lang?: Lang): string {
  const q = new URLSearchParams();
  const p = c.period;
  if (p.kind === 'month') q.set('month', p.month);
  else { const d = periodDays(p); q.set('from', d.from); q.set('to', d.to); }
  for (const f of STATS_FILTERS) if (c.filters[f]) q.set(f, c.filters[f]);
  if (format !== 'json' && lang) q.set('lang', lang);
  const base = p.kind === 'month' ? '/api/statistics/monthly' : '/api/statistics/period';
  return `${base}${format === 'json' ? '' : `.${format}`}?${q.toString()}`;
}

/** The weekday's short name (ISO 1 Monday … 7 Sunday) for a chart's axis: "ma", "må", "Mon". */
export function weekdayShort(weekday: number, lang: Lang): string {
  return new Intl.DateTimeFormat(localeOf(lang), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 22 + weekday, 12))).replace(/\.$/, '');
}

/** The month `by` months after `month` ("2026-01", -1 → "2025-12"). */
export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The share of statutory clocks kept: met ÷ (met + missed); null (written "–") when none has run out yet. */
export function metShare(c: { met: number; missed: number }): number | null {
  const decided = c.met + c.missed;
  return decided > 0 ? c.met / decided : null;
}
