/**
 * The contacts' figures from the rollups (issue 15, part 6; migration 0016): a period and the same
 * dates a year earlier are summed from `stat_contact_day`, whose days are rewritten from the
 * contacts whenever they change (`stat_dirty_day`, refreshed before every read and by a job each
 * minute). The pending/missed split of the promise is decided here, by today's date.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { LocalDate } from '../../../domain/local-date.js';
import { byCodeNoneLast, byCountThenCode, DIMENSIONS, type Breakdown, type Dimension, type MonthlyStatistics, type PeriodRange } from './statistics.domain.js';
import type { StatisticsFilters } from './statistics.filters.js';
import { contactFiguresRaw } from './statistics.queries.js';

/** Serialises refreshes: two processes rewriting the same day would collide on its unique rows. */
const REFRESH_LOCK = 7037030015;

/**
 * Rewrites the rollup rows of the days marked dirty: the contacts' and calls' (stat_contact_day,
 * migrations 0016, 0018) and the referrals' (stat_referral_day, 0018), in one transaction under an
 * advisory lock. Of one county or all; of the given periods only (a report reads these: last
 * month's figures need not wait for today's calls), or every day (the job). Returns how many days
 * it rewrote.
 */
export async function refreshStatistics(db: Kysely<DB>, countyId?: string, periods?: PeriodRange[]): Promise<number> {
  const which = sql.join([
    sql`true`,
    ...(countyId ? [sql`county_id = ${countyId}::uuid`] : []),
    ...(periods ? [sql`(${sql.join(periods.map((p) => sql`(day >= ${p.from}::date and day < ${p.to}::date)`), sql` or `)})`] : []),
  ], sql` and `);
  // the common case on a read: nothing changed since the job ran; no transaction, no lock
  const anyDirty = async (table: 'stat_dirty_day' | 'stat_referral_dirty_day') =>
    (await sql`select 1 from ${sql.table(table)} where ${which} limit 1`.execute(db)).rows.length > 0;
  const [contacts, referrals] = await Promise.all([anyDirty('stat_dirty_day'), anyDirty('stat_referral_dirty_day')]);
  if (!contacts && !referrals) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`.execute(trx);
    let days = 0;
    for (const [dirtyTable, refresh] of [['stat_dirty_day', 'stat_contact_refresh'], ['stat_referral_dirty_day', 'stat_referral_refresh']] as const) {
      const dirty = await sql<{ county_id: string; days: string[] }>`
        with taken as (delete from ${sql.table(dirtyTable)} where ${which} returning county_id, day)
        select county_id, array_agg(day::text order by day) as days from taken group by county_id`.execute(trx);
      for (const row of dirty.rows) {
        await sql`select ${sql.raw(refresh)}(${row.county_id}::uuid, ${row.days}::date[])`.execute(trx);
        days += row.days.length;
      }
    }
    return days;
  });
}

/** A (dimension, code)'s count in a period and a year earlier. */
export interface RollupRow { dimension: string; code: string | null; cur: number; prev: number }

/**
 * A period's rollup rows summed, beside the same dates a year earlier: a range scan of the key
 * index for each, the two on two connections at once, merged here.
 */
export async function sumRollup(db: Kysely<DB>, table: 'stat_contact_day' | 'stat_referral_day', countyId: string, current: PeriodRange, previous: PeriodRange): Promise<RollupRow[]> {
  const sum = (p: PeriodRange) => sql<{ dimension: string; code: string | null; n: number }>`
    select dimension, code, sum(count)::int as n from ${sql.table(table)}
    where county_id = ${countyId}::uuid and day >= ${p.from}::date and day < ${p.to}::date
    group by dimension, code`.execute(db);
  const [cur, prev] = await Promise.all([sum(current), sum(previous)]);
  const rows = new Map<string, RollupRow>();
  // the code may be null, and a dimension never holds the separator
  const key = (r: { dimension: string; code: string | null }) => `${r.dimension}\u0000${r.code ?? '\u0001'}`;
  for (const r of cur.rows) rows.set(key(r), { dimension: r.dimension, code: r.code, cur: r.n, prev: 0 });
  for (const r of prev.rows) {
    const row = rows.get(key(r));
    if (row) row.prev = r.n;
    else rows.set(key(r), { dimension: r.dimension, code: r.code, cur: 0, prev: r.n });
  }
  return [...rows.values()];
}

export type ContactFigures = Pick<MonthlyStatistics, 'total' | 'totalPreviousYear' | 'anonymous' | 'ledToClientRelationship' | 'stillOpen' | 'medianHandlingSeconds'
  | 'promise' | 'promiseBy' | 'repeatContacts' | 'breakdowns' | 'byWeekday' | 'byHour' | 'weekdayHour'>;
type PromiseCounts = MonthlyStatistics['promise'];

/** The heat map's cells in one order whatever counted them: by channel (none last), weekday, hour. */
export function sortWeekdayHour(cells: ContactFigures['weekdayHour']): void {
  cells.sort((a, b) => byCodeNoneLast(a.channel, b.channel) || a.weekday - b.weekday || a.hour - b.hour);
}

/** PostgreSQL's float-to-integer cast: to the nearest, halves to the even one. */
const rint = (x: number) => {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
};

/**
 * percentile_cont(q) of a histogram (value, how many): PostgreSQL's continuous percentile, the
 * values at the two ranks around (n − 1)·q interpolated. Null for an empty histogram.
 */
export function histogramPercentile(histogram: { value: number; count: number }[], q: number): number | null {
  const n = histogram.reduce((sum, h) => sum + h.count, 0);
  if (n === 0) return null;
  const sorted = [...histogram].sort((a, b) => a.value - b.value);
  const at = (index: number) => {
    let seen = 0;
    for (const h of sorted) { seen += h.count; if (index < seen) return h.value; }
    return sorted[sorted.length - 1]!.value;
  };
  const pos = (n - 1) * q;
  const lo = at(Math.floor(pos));
  const hi = at(Math.ceil(pos));
  return lo + (hi - lo) * (pos - Math.floor(pos));
}

/** The median of a histogram of whole seconds, as percentile_cont(0.5) then ::int computes it. */
function median(histogram: { value: number; count: number }[]): number | null {
  const m = histogramPercentile(histogram, 0.5);
  return m === null ? null : rint(m);
}

/** Adds a promise part ('kept', 'late', 'na' or 'u:<promised day>') to the counts, as of `today`. */
function addPromise(counts: PromiseCounts, part: string, n: number, today: LocalDate): void {
  if (part === 'kept') counts.kept += n;
  else if (part === 'late') counts.missed += n;
  else if (part === 'na') counts.notApplicable += n;
  else if (part.slice(2) < today) counts.missed += n;
  else counts.pending += n;
}
const noPromises = (): PromiseCounts => ({ kept: 0, missed: 0, pending: 0, notApplicable: 0 });

/**
 * The contacts' figures of a period beside the same dates a year earlier: the whole county's from
 * the rollups, one region's, line's or municipality's counted from the contacts.
 */
export async function contactFigures(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, filters: StatisticsFilters, today: LocalDate, read?: RollupRow[]): Promise<ContactFigures> {
  if (filters.regionId || filters.lineId || filters.municipalityId) return contactFiguresRaw(db, countyId, current, previous, filters, today);
  return rolledUpFigures(db, countyId, current, previous, today, read);
}

/** The whole county's contact figures from the rollups (dirty days rewritten first). */
export async function rolledUpFigures(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, today: LocalDate, read?: RollupRow[]): Promise<ContactFigures> {
  if (!read) await refreshStatistics(db, countyId, [current, previous]);
  const sums = { rows: read ?? await sumRollup(db, 'stat_contact_day', countyId, current, previous) };

  const one = (dimension: string) => sums.rows.find((r) => r.dimension === dimension);
  const breakdowns = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as Breakdown[]])) as Record<Dimension, Breakdown[]>;
  const promise = noPromises();
  const byChannel = new Map<string, PromiseCounts>();
  const byLine = new Map<string, PromiseCounts>();
  const handling: { value: number; count: number }[] = [];
  const byHour: ContactFigures['byHour'] = [];
  const byWeekday: ContactFigures['byWeekday'] = [];
  const weekdayHour: ContactFigures['weekdayHour'] = [];
  for (const r of sums.rows) {
    if ((DIMENSIONS as readonly string[]).includes(r.dimension)) {
      breakdowns[r.dimension as Dimension].push({ code: r.code, count: r.cur, previousYear: r.prev });
    } else if (r.dimension === 'hour') {
      if (r.cur || r.prev) byHour.push({ hour: Number(r.code), count: r.cur, previousYear: r.prev });
    } else if (r.dimension === 'weekday') {
      if (r.cur || r.prev) byWeekday.push({ weekday: Number(r.code), count: r.cur, previousYear: r.prev });
    } else if (r.dimension === 'channel_weekday_hour') {
      if (!r.cur && !r.prev) continue;
      const [channel, weekday, hour] = r.code!.split('|') as [string, string, string];
      weekdayHour.push({ channel: channel === '' ? null : channel, weekday: Number(weekday), hour: Number(hour), count: r.cur, previousYear: r.prev });
    } else if (r.dimension === 'handling') {
      if (r.cur) handling.push({ value: Number(r.code), count: r.cur });
    } else if (r.dimension === 'promise') {
      addPromise(promise, r.code!, r.cur, today);
    } else if (r.dimension === 'promise_channel' || r.dimension === 'promise_line') {
      if (!r.cur) continue;
      const bar = r.code!.indexOf('|');
      const key = r.code!.slice(0, bar);
      const map = r.dimension === 'promise_channel' ? byChannel : byLine;
      if (!map.has(key)) map.set(key, noPromises());
      addPromise(map.get(key)!, r.code!.slice(bar + 1), r.cur, today);
    }
  }
  // the order the statistics always had: the most first, then by code
  for (const d of DIMENSIONS) {
    breakdowns[d] = breakdowns[d].filter((b) => b.count || b.previousYear)
      .sort(byCountThenCode);
  }
  byHour.sort((a, b) => a.hour - b.hour);
  byWeekday.sort((a, b) => a.weekday - b.weekday);
  sortWeekdayHour(weekdayHour);
  const promiseRows = (map: Map<string, PromiseCounts>) => [...map]
    .map(([code, counts]) => ({ code: code === '' ? null : code, ...counts }))
    .sort((a, b) => byCodeNoneLast(a.code, b.code));

  return {
    total: one('total')?.cur ?? 0, totalPreviousYear: one('total')?.prev ?? 0,
    anonymous: one('anonymous')?.cur ?? 0, ledToClientRelationship: one('led')?.cur ?? 0, stillOpen: one('open')?.cur ?? 0,
    repeatContacts: one('repeat')?.cur ?? 0, medianHandlingSeconds: median(handling),
    promise, promiseBy: { channel: promiseRows(byChannel), line: promiseRows(byLine) },
    breakdowns, byWeekday, byHour, weekdayHour,
  };
}
