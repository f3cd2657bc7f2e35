import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { addDays, helsinkiDate, type LocalDate } from '../../../domain/local-date.js';
import { phoneStatistics } from './reachability.queries.js';
import { filterSql, type StatisticsFilters } from './statistics.filters.js';
import { DIMENSIONS, monthRange, sameTimeLastYear, type Breakdown, type Dimension, type MonthlyStatistics, type PeriodRange, type ReferralStatistics } from './statistics.domain.js';
import { contactFigures, type ContactFigures } from './statistics.rollup.js';

/** The column each scalar breakdown groups by; reasons and triggers are arrays and are unnested apart. */
const SCALAR: Partial<Record<Dimension, string>> = {
  channel: 'channel', line: 'line', region: 'region', municipality: 'municipality', contactor: 'contactor',
  serviceArea: 'service_area', urgency: 'urgency', mainReason: 'main_reason', outcome: 'outcome',
};
const ARRAY: Partial<Record<Dimension, string>> = { additionalReason: 'additional_reasons', trigger: 'triggers' };

/** No one could be reached: closed by the system, never by a worker (a missed call from a hidden number). See promiseStatus. */
const NOT_APPLICABLE = sql`(status = 'closed' and closed_by_user_id is null)`;

/** Monthly statistics of one county: the month as a period (see periodStatistics). */
export async function monthlyStatistics(db: Kysely<DB>, countyId: string, month: string, now: Date, filters: StatisticsFilters = {}): Promise<MonthlyStatistics> {
  const m = monthRange(month);
  return periodStatistics(db, countyId, { label: m.month, from: m.from, to: m.to }, now, filters);
}

/**
 * The statistics of one county for a period (domain § 8; issue 15: a month, quarter, year or any
 * range), every contact counted, anonymous ones included, with the same dates a year earlier
 * beside each figure, optionally of one region, line or municipality. Reads no personal data.
 * The contacts' figures come from the rollups (migration 0016), refreshed before they are read.
 */
export async function periodStatistics(db: Kysely<DB>, countyId: string, current: PeriodRange, now: Date, filters: StatisticsFilters = {}): Promise<MonthlyStatistics> {
  const previous = sameTimeLastYear(current);
  const today = helsinkiDate(now);
  // contacts from the rollups (statistics.rollup.ts); referrals and calls from their own tables
  const [contacts, referrals, phone] = await Promise.all([
    contactFigures(db, countyId, current, previous, filters, today),
    referralStatistics(db, countyId, current, previous, today, filters),
    phoneStatistics(db, countyId, current, previous, filters),
  ]);
  return {
    month: current.label, previousYearMonth: previous.label,
    period: { from: current.from, to: addDays(current.to, -1), previousFrom: previous.from, previousTo: addDays(previous.to, -1) },
    filters: { region: filters.region ?? null, line: filters.line ?? null, municipality: filters.municipality ?? null },
    ...contacts,
    phone,
    referrals,
  };
}

/** Referrals sent in the month (Helsinki dates), and what became of them; no personal data. */
async function referralStatistics(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, today: string, filters: StatisticsFilters): Promise<ReferralStatistics> {
  const scope = sql`
    select f.kind, f.status, f.outcome, f.accept_by, f.contact_by, f.accepted_at, f.contact_id, coalesce(u.code, 'external') as target,
           (f.sent_at at time zone 'Europe/Helsinki')::date >= ${current.from}::date as cur
    from referral f left join receiving_unit u on u.id = f.receiving_unit_id
    ${filters.regionId || filters.lineId || filters.municipalityId ? sql`join contact c on c.id = f.contact_id and ${filterSql(filters)}` : sql``}
    where f.county_id = ${countyId}
      and ((f.sent_at >= (${current.from}::date::timestamp at time zone 'Europe/Helsinki') and f.sent_at < (${current.to}::date::timestamp at time zone 'Europe/Helsinki'))
        or (f.sent_at >= (${previous.from}::date::timestamp at time zone 'Europe/Helsinki') and f.sent_at < (${previous.to}::date::timestamp at time zone 'Europe/Helsinki')))`;
  const [totals, groups] = await Promise.all([
    sql<{ sent: number; sent_previous_year: number; returned: number; contacts_returned: number; completed: number; cancelled: number; still_open: number; overdue: number; accepted: number; accepted_on_time: number }>`
      with scope as (${scope})
      select (count(*) filter (where cur))::int as sent, (count(*) filter (where not cur))::int as sent_previous_year,
             (count(*) filter (where cur and status = 'returned'))::int as returned,
             (count(distinct contact_id) filter (where cur and status = 'returned'))::int as contacts_returned,
             (count(*) filter (where cur and status = 'completed'))::int as completed,
             (count(*) filter (where cur and status = 'cancelled'))::int as cancelled,
             (count(*) filter (where cur and status in ('requested', 'accepted', 'client_contacted')))::int as still_open,
             (count(*) filter (where cur and ((status = 'requested' and accept_by < ${today}::date) or (status = 'accepted' and contact_by < ${today}::date))))::int as overdue,
             (count(*) filter (where cur and accepted_at is not null))::int as accepted,
             (count(*) filter (where cur and accepted_at is not null and (accepted_at at time zone 'Europe/Helsinki')::date <= accept_by))::int as accepted_on_time
      from scope`.execute(db),
    sql<{ dimension: 'kind' | 'target' | 'outcome'; code: string | null; count: number; previous_year: number }>`
      with scope as (${scope})
      select 'kind' as dimension, kind as code, (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year from scope group by kind
      union all select 'target', target, (count(*) filter (where cur))::int, (count(*) filter (where not cur))::int from scope group by target
      union all select 'outcome', outcome, (count(*) filter (where cur))::int, (count(*) filter (where not cur))::int from scope where outcome is not null group by outcome
      order by 1, 3 desc, 2`.execute(db),
  ]);
  const t = totals.rows[0]!;
  const pick = (d: 'kind' | 'target' | 'outcome') => groups.rows.filter((g) => g.dimension === d).map((g) => ({ code: g.code, count: g.count, previousYear: g.previous_year }));
  return {
    sent: t.sent, sentPreviousYear: t.sent_previous_year, returned: t.returned, contactsReturned: t.contacts_returned, completed: t.completed, cancelled: t.cancelled,
    stillOpen: t.still_open, overdue: t.overdue, accepted: t.accepted, acceptedOnTime: t.accepted_on_time,
    byKind: pick('kind'), byTarget: pick('target'), byOutcome: pick('outcome'),
  };
}

/**
 * The contacts' figures counted from the contacts themselves: the statistics of one region, line
 * or municipality (the whole county's come from the rollups, statistics.rollup.ts; the tests hold
 * the two equal). The same rules as stat_contact_refresh of migration 0016.
 */
export async function contactFiguresRaw(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, filters: StatisticsFilters, today: LocalDate): Promise<ContactFigures> {
  const scope = sql`
    select c.channel, c.contactor, c.service_area, c.urgency, c.main_reason, c.additional_reasons, c.outcome, c.triggers, c.anonymous,
           c.led_to_client_relationship, c.status, c.handling_seconds, c.respond_by, c.closed_by_user_id,
           (c.reached_at at time zone 'Europe/Helsinki')::date as reached_on, c.repeat_contacts_30d, c.received_at,
           l.code as line, r.code as region, m.code as municipality, c.received_on >= ${current.from}::date as cur
    from contact c
    left join phone_line l on l.id = c.phone_line_id
    left join region r on r.id = c.region_id
    left join municipality m on m.id = c.municipality_id
    where c.county_id = ${countyId} and ${filterSql(filters)}
      and ((c.received_on >= ${current.from}::date and c.received_on < ${current.to}::date)
        or (c.received_on >= ${previous.from}::date and c.received_on < ${previous.to}::date))`;

  // One pass for every scalar breakdown, weekday and hour (grouping sets), one for the two arrays.
  const scalar = Object.entries(SCALAR) as [Dimension, string][];
  const groupingSets = sql.join([...scalar.map(([, col]) => sql`(${sql.ref(col)})`), sql`(weekday)`, sql`(hour)`]);
  const arrays = sql.join((Object.entries(ARRAY) as [Dimension, string][]).map(([d, col]) => sql`
    select ${d}::text as dimension, x.code, (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year
    from scope, unnest(${sql.ref(col)}) as x(code) group by x.code`), sql` union all `);

  const [totals, grouped, unnested, promiseGroups] = await Promise.all([
    sql<{
      total: number; total_previous_year: number; anonymous: number; led: number; still_open: number; median_handling: number | null;
      kept: number; missed: number; pending: number; not_applicable: number; repeat_contacts: number;
    }>`
      with scope as (${scope})
      select (count(*) filter (where cur))::int as total,
             (count(*) filter (where not cur))::int as total_previous_year,
             (count(*) filter (where cur and anonymous))::int as anonymous,
             (count(*) filter (where cur and led_to_client_relationship))::int as led,
             (count(*) filter (where cur and status <> 'closed'))::int as still_open,
             (percentile_cont(0.5) within group (order by handling_seconds) filter (where cur))::int as median_handling,
             -- the promise (statistics.domain.ts promiseStatus): kept when the person was REACHED by respond_by
             (count(*) filter (where cur and reached_on <= respond_by))::int as kept,
             (count(*) filter (where cur and (reached_on > respond_by
                or (reached_on is null and not ${NOT_APPLICABLE} and respond_by < ${today}::date))))::int as missed,
             (count(*) filter (where cur and reached_on is null and not ${NOT_APPLICABLE} and respond_by >= ${today}::date))::int as pending,
             (count(*) filter (where cur and reached_on is null and ${NOT_APPLICABLE}))::int as not_applicable,
             (count(*) filter (where cur and repeat_contacts_30d >= 3))::int as repeat_contacts
      from scope`.execute(db),
    sql<Record<string, string | number | null> & { set: number; count: number; previous_year: number }>`
      with scope as (${scope})
      select grouping(${sql.join([...scalar.map(([, col]) => sql.ref(col)), sql.ref('weekday'), sql.ref('hour')])}) as set,
             ${sql.join([...scalar.map(([, col]) => sql.ref(col)), sql.ref('weekday'), sql.ref('hour')])},
             (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year
      from (select *, extract(isodow from received_at at time zone 'Europe/Helsinki')::int as weekday,
                      extract(hour from received_at at time zone 'Europe/Helsinki')::int as hour from scope) s
      group by grouping sets (${groupingSets})
      order by count desc`.execute(db),
    sql<{ dimension: Dimension; code: string; count: number; previous_year: number }>`
      with scope as (${scope}) ${arrays} order by 1, 3 desc, 2`.execute(db),
    // the promise per channel and per line (issue 15), counted as the totals are
    sql<{ g: number; channel: string | null; line: string | null; kept: number; missed: number; pending: number; not_applicable: number }>`
      with scope as (${scope})
      select grouping(channel, line) as g, channel, line,
             (count(*) filter (where reached_on <= respond_by))::int as kept,
             (count(*) filter (where reached_on > respond_by or (reached_on is null and not ${NOT_APPLICABLE} and respond_by < ${today}::date)))::int as missed,
             (count(*) filter (where reached_on is null and not ${NOT_APPLICABLE} and respond_by >= ${today}::date))::int as pending,
             (count(*) filter (where reached_on is null and ${NOT_APPLICABLE}))::int as not_applicable
      from scope where cur group by grouping sets ((channel), (line)) order by 1, 2, 3`.execute(db),
  ]);
  // grouping(channel, line): 1 = grouped by channel (line rolled up), 2 = grouped by line
  const promiseRow = (r: (typeof promiseGroups.rows)[number], code: string | null) => ({ code, kept: r.kept, missed: r.missed, pending: r.pending, notApplicable: r.not_applicable });
  const promiseBy = {
    channel: promiseGroups.rows.filter((r) => Number(r.g) === 1).map((r) => promiseRow(r, r.channel)),
    line: promiseGroups.rows.filter((r) => Number(r.g) === 2).map((r) => promiseRow(r, r.line)),
  };

  // grouping() sets a bit for every column NOT in the row's set; the set's own column is the one bit clear.
  const columns = [...scalar.map(([d, col]) => ({ d, col })), { d: 'weekday', col: 'weekday' }, { d: 'hour', col: 'hour' }];
  const byDimension = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as Breakdown[]])) as Record<Dimension, Breakdown[]>;
  const byWeekday: { weekday: number; count: number }[] = [];
  const byHour: { hour: number; count: number }[] = [];
  for (const row of grouped.rows) {
    const index = columns.findIndex((_, i) => (row.set & (1 << (columns.length - 1 - i))) === 0);
    const { d, col } = columns[index]!;
    const code = row[col] as string | number | null;
    if (d === 'weekday') { if (row.count) byWeekday.push({ weekday: Number(code), count: row.count }); continue; }
    if (d === 'hour') { if (row.count) byHour.push({ hour: Number(code), count: row.count }); continue; }
    byDimension[d as Dimension].push({ code: code === null ? null : String(code), count: row.count, previousYear: row.previous_year });
  }
  for (const b of unnested.rows) byDimension[b.dimension].push({ code: b.code, count: b.count, previousYear: b.previous_year });
  byWeekday.sort((a, b) => a.weekday - b.weekday);
  byHour.sort((a, b) => a.hour - b.hour);

  const t = totals.rows[0]!;
  return {
    total: t.total, totalPreviousYear: t.total_previous_year, anonymous: t.anonymous, ledToClientRelationship: t.led, stillOpen: t.still_open,
    medianHandlingSeconds: t.median_handling,
    promise: { kept: t.kept, missed: t.missed, pending: t.pending, notApplicable: t.not_applicable },
    promiseBy,
    repeatContacts: t.repeat_contacts,
    breakdowns: byDimension,
    byWeekday,
    byHour,
  };
}
