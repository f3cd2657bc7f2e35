import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { addDays, helsinkiDate, type LocalDate } from '../../../domain/local-date.js';
import { phoneStatistics } from './reachability.queries.js';
import { chatFigures } from '../chat/public.js';
import { guidanceFigures } from '../guidance/public.js';
import { feedbackFigures } from '../feedback/public.js';
import { filterSql, REFERRAL_FILTER_COLUMNS, type StatisticsFilters } from './statistics.filters.js';
import { byCodeNoneLast, byCountThenCode, DIMENSIONS, monthRange, sameTimeLastYear, type Breakdown, type Dimension, type MonthlyStatistics, type PeriodRange, type ReferralStatistics, type StatutoryStatistics } from './statistics.domain.js';
import { contactFigures, refreshStatistics, sortWeekdayHour, sumRollup, type ContactFigures } from './statistics.rollup.js';

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
  // the whole county's: the rollups refreshed once, the contacts' and calls' rows of the period read once
  const filtered = Boolean(filters.regionId || filters.lineId || filters.municipalityId);
  if (!filtered) await refreshStatistics(db, countyId, [current, previous]);
  const [read, { referrals, statutory }] = await Promise.all([
    filtered ? undefined : sumRollup(db, 'stat_contact_day', countyId, current, previous),
    referralStatistics(db, countyId, current, previous, today, filters),
  ]);
  const [contacts, phone, chat, feedback, guidance] = await Promise.all([
    contactFigures(db, countyId, current, previous, filters, today, read),
    phoneStatistics(db, countyId, current, previous, filters, read),
    chatFigures(db, countyId, current, previous),
    feedbackFigures(db, countyId, current, previous),
    guidanceFigures(db, countyId, current, previous, now),
  ]);
  return {
    month: current.label, previousYearMonth: previous.label,
    period: { from: current.from, to: addDays(current.to, -1), previousFrom: previous.from, previousTo: addDays(previous.to, -1) },
    filters: { region: filters.region ?? null, line: filters.line ?? null, municipality: filters.municipality ?? null },
    ...contacts,
    statutory,
    phone,
    referrals,
    chat,
    feedback,
    guidance,
  };
}

/** A statutory clock's state (StatutoryStatistics): the client reached by the deadline or not, still running, or cancelled. */
const CLOCK = (today: string) => sql<string>`case
    when reached_on is not null then case when reached_on <= legal_deadline then 'met' else 'missed' end
    when status = 'cancelled' then 'cancelled'
    when legal_deadline < ${today}::date then 'missed'
    else 'pending' end`;
type ClockCounts = { started: number; met: number; missed: number; pending: number; cancelled: number };
const noClocks = (): ClockCounts => ({ started: 0, met: 0, missed: 0, pending: 0, cancelled: 0 });

/**
 * Referrals sent in the period (Helsinki dates) and what became of them, and the statutory clocks
 * they started; no personal data. A clock stops when the receiving unit reached the client
 * (`client_contacted_at`; a referral completed without that step stops at `completed_at`).
 */
async function referralStatistics(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, today: string, filters: StatisticsFilters): Promise<{ referrals: ReferralStatistics; statutory: StatutoryStatistics }> {
  if (filters.regionId || filters.lineId || filters.municipalityId) return referralStatisticsRaw(db, countyId, current, previous, today, filters);
  // periodStatistics has refreshed the rollups of these periods
  return referralStatisticsRolledUp(db, countyId, current, previous, today, { refreshed: true });
}

/**
 * The whole county's referral figures from the rollup (stat_referral_day, migration 0018), by the
 * rules of the count below; the tests hold the two equal. Overdue and pending are decided here, by
 * `today`. Only the contacts whose referral came back are counted from the referrals (distinct
 * contacts do not add up over days).
 */
export async function referralStatisticsRolledUp(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, today: string, opts: { refreshed?: boolean } = {}): Promise<{ referrals: ReferralStatistics; statutory: StatutoryStatistics }> {
  if (!opts.refreshed) await refreshStatistics(db, countyId, [current, previous]);
  const [sums, returned] = await Promise.all([
    sumRollup(db, 'stat_referral_day', countyId, current, previous),
    sql<{ n: number }>`
      select count(distinct contact_id)::int as n from referral
      where county_id = ${countyId} and status = 'returned'
        and sent_at >= (${current.from}::date::timestamp at time zone 'Europe/Helsinki') and sent_at < (${current.to}::date::timestamp at time zone 'Europe/Helsinki')`.execute(db),
  ]);
  const of = (dimension: string) => sums.filter((r) => r.dimension === dimension && (r.cur || r.prev));
  const cur = (dimension: string, code: string | null = null) => sums.find((r) => r.dimension === dimension && r.code === code)?.cur ?? 0;
  const breakdown = (dimension: string, none: string | null = null) => of(dimension)
    .map((r) => ({ code: r.code === none ? null : r.code, count: r.cur, previousYear: r.prev })).sort(byCountThenCode);
  const channelTargets = of('channel_target').map((r) => {
    const bar = r.code!.lastIndexOf('|');
    return { channel: r.code!.slice(0, bar) || null, code: r.code!.slice(bar + 1), count: r.cur, previousYear: r.prev };
  });
  const byChannel = breakdown('channel', '').map((c) => ({
    ...c, byTarget: channelTargets.filter((x) => x.channel === c.code).map(({ code, count, previousYear }) => ({ code, count, previousYear })).sort(byCountThenCode),
  }));

  const clockOf = (state: string) => (state.startsWith('u:') ? (state.slice(2) < today ? 'missed' : 'pending') : state) as keyof ClockCounts;
  const add = (to: ClockCounts, state: string, n: number) => { if (n) { to.started += n; to[clockOf(state)] += n; } };
  const all = noClocks();
  const previousYear = noClocks();
  for (const r of of('clock')) { add(all, r.code!, r.cur); add(previousYear, r.code!, r.prev); }
  const per = (dimension: string) => {
    const map = new Map<string | null, ClockCounts>();
    for (const r of of(dimension)) {
      if (!r.cur) continue;
      const bar = r.code!.indexOf('|');
      const key = r.code!.slice(0, bar) || null;
      if (!map.has(key)) map.set(key, noClocks());
      add(map.get(key)!, r.code!.slice(bar + 1), r.cur);
    }
    return [...map].sort(([a], [b]) => byCodeNoneLast(a, b));
  };
  const status = (s: string) => cur('status', s);
  return {
    referrals: {
      sent: cur('sent'), sentPreviousYear: sums.find((r) => r.dimension === 'sent')?.prev ?? 0,
      returned: status('returned'), contactsReturned: returned.rows[0]?.n ?? 0, completed: status('completed'), cancelled: status('cancelled'),
      stillOpen: status('requested') + status('accepted') + status('client_contacted'),
      overdue: of('due').filter((r) => r.code! < today).reduce((sum, r) => sum + r.cur, 0),
      accepted: cur('accepted', 'on_time') + cur('accepted', 'late'), acceptedOnTime: cur('accepted', 'on_time'),
      byKind: breakdown('kind'), byTarget: breakdown('target'), byOutcome: breakdown('outcome'), byChannel,
    },
    statutory: {
      ...all, previousYear,
      byBasis: per('clock_basis').map(([basis, counts]) => ({ basis: basis as StatutoryStatistics['byBasis'][number]['basis'], ...counts })),
      byChannel: per('clock_channel').map(([code, counts]) => ({ code, ...counts })),
      byLine: per('clock_line').map(([code, counts]) => ({ code, ...counts })),
    },
  };
}

/**
 * Referrals sent in the period counted from the referrals themselves: one region's, line's or
 * municipality's (the whole county's come from the rollup; the tests hold the two equal).
 */
export async function referralStatisticsRaw(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, today: string, filters: StatisticsFilters): Promise<{ referrals: ReferralStatistics; statutory: StatutoryStatistics }> {
  // the contact's channel, line, region and municipality as the referral recorded them when sent
  // (migration 0017); each period a range scan of referral_county_sent_idx, index-only (its INCLUDE columns)
  const range = (p: PeriodRange, cur: boolean) => sql`
    select f.kind, f.status, f.outcome, f.accept_by, f.contact_by, f.accepted_at, f.contact_id, f.receiving_unit_id, f.legal_deadline, f.legal_basis,
           f.contact_channel, f.contact_phone_line_id, f.client_contacted_at, f.completed_at, ${sql.lit(cur)} as cur
    from referral f
    where f.county_id = ${countyId} and ${filterSql(filters, REFERRAL_FILTER_COLUMNS)}
      and f.sent_at >= (${p.from}::date::timestamp at time zone 'Europe/Helsinki') and f.sent_at < (${p.to}::date::timestamp at time zone 'Europe/Helsinki')`;
  const scope = sql`
    select f.kind, f.status, f.outcome, f.accept_by, f.contact_by, f.accepted_at, f.contact_id, coalesce(u.code, 'external') as target,
           f.legal_deadline, f.legal_basis, f.contact_channel as channel, l.code as line, f.cur,
           case when f.legal_deadline is not null then (coalesce(f.client_contacted_at, f.completed_at) at time zone 'Europe/Helsinki')::date end as reached_on
    from (${range(current, true)} union all ${range(previous, false)}) f
    left join receiving_unit u on u.id = f.receiving_unit_id
    left join phone_line l on l.id = f.contact_phone_line_id`;
  // one statement, the scope read once: the totals as one row, the breakdowns, and the clocks by grouping sets
  const result = await sql<{
    part: 'totals' | 'group' | 'clock'; dimension: string | null; code: string | null; channel: string | null; basis: string | null; line: string | null;
    g: number | null; cur: boolean | null; clock: string | null; count: number; previous_year: number; totals: Record<string, number> | null;
  }>`
    with scope as materialized (${scope})
    select 'totals' as part, null as dimension, null as code, null as channel, null as basis, null as line, null::int as g, null::boolean as cur, null as clock,
           0 as count, 0 as previous_year, json_build_object(
             'sent', count(*) filter (where cur), 'sent_previous_year', count(*) filter (where not cur),
             'returned', count(*) filter (where cur and status = 'returned'),
             'contacts_returned', count(distinct contact_id) filter (where cur and status = 'returned'),
             'completed', count(*) filter (where cur and status = 'completed'),
             'cancelled', count(*) filter (where cur and status = 'cancelled'),
             'still_open', count(*) filter (where cur and status in ('requested', 'accepted', 'client_contacted')),
             'overdue', count(*) filter (where cur and ((status = 'requested' and accept_by < ${today}::date) or (status = 'accepted' and contact_by < ${today}::date))),
             'accepted', count(*) filter (where cur and accepted_at is not null),
             'accepted_on_time', count(*) filter (where cur and accepted_at is not null and (accepted_at at time zone 'Europe/Helsinki')::date <= accept_by)) as totals
    from scope
    union all
    select 'group', case grouping(kind, target, outcome, channel) when 7 then 'kind' when 11 then 'target' when 13 then 'outcome' when 14 then 'channel' else 'channel_target' end,
           case grouping(kind, target, outcome, channel) when 7 then kind when 11 then target when 13 then outcome when 14 then channel else target end,
           channel, null, null, null, null, null,
           (count(*) filter (where cur))::int, (count(*) filter (where not cur))::int, null
    from scope group by grouping sets ((kind), (target), (outcome), (channel), (channel, target))
    having grouping(outcome) = 1 or outcome is not null
    union all
    select 'clock', null, null, channel, legal_basis, line, grouping(legal_basis, channel, line), cur, clock, count(*)::int, 0, null
    from (select *, ${CLOCK(today)} as clock from scope where legal_deadline is not null) s
    group by grouping sets ((cur, clock), (cur, clock, legal_basis), (cur, clock, channel), (cur, clock, line))`.execute(db);
  const totalsRow = result.rows.find((r) => r.part === 'totals')!.totals!;
  const t = {
    sent: Number(totalsRow.sent), sent_previous_year: Number(totalsRow.sent_previous_year), returned: Number(totalsRow.returned), contacts_returned: Number(totalsRow.contacts_returned),
    completed: Number(totalsRow.completed), cancelled: Number(totalsRow.cancelled), still_open: Number(totalsRow.still_open), overdue: Number(totalsRow.overdue),
    accepted: Number(totalsRow.accepted), accepted_on_time: Number(totalsRow.accepted_on_time),
  };
  // most first, then by code, as the breakdowns always came
  const groupRows = result.rows.filter((r) => r.part === 'group').sort(byCountThenCode);
  const groups = { rows: groupRows };
  const clocks = { rows: result.rows.filter((r) => r.part === 'clock') as { g: number; basis: string | null; channel: string | null; line: string | null; cur: boolean; clock: string; count: number }[] };
  const pick = (d: 'kind' | 'target' | 'outcome') => groups.rows.filter((g) => g.dimension === d).map((g) => ({ code: g.code, count: g.count, previousYear: g.previous_year }));
  const byChannel = groups.rows.filter((g) => g.dimension === 'channel').map((g) => ({
    code: g.code, count: g.count, previousYear: g.previous_year,
    byTarget: groups.rows.filter((x) => x.dimension === 'channel_target' && x.channel === g.channel).map((x) => ({ code: x.code, count: x.count, previousYear: x.previous_year })),
  }));

  // grouping(legal_basis, channel, line): 3 bits, a bit set for each column NOT grouped by
  const all = noClocks();
  const previousYear = noClocks();
  const per = { basis: new Map<string | null, ClockCounts>(), channel: new Map<string | null, ClockCounts>(), line: new Map<string | null, ClockCounts>() };
  const add = (to: ClockCounts, clock: string, n: number) => { to.started += n; to[clock as keyof ClockCounts] += n; };
  for (const r of clocks.rows) {
    const g = Number(r.g);
    if (g === 0b111) { add(r.cur ? all : previousYear, r.clock, r.count); continue; }
    if (!r.cur) continue;
    const [map, key] = g === 0b011 ? [per.basis, r.basis] : g === 0b101 ? [per.channel, r.channel] : [per.line, r.line];
    if (!map.has(key)) map.set(key, noClocks());
    add(map.get(key)!, r.clock, r.count);
  }
  const rows = <K extends string>(map: Map<string | null, ClockCounts>, key: K) => [...map]
    .sort(([a], [b]) => byCodeNoneLast(a, b))
    .map(([code, counts]) => ({ [key]: code, ...counts }) as Record<K, string | null> & ClockCounts);
  return {
    referrals: {
      sent: t.sent, sentPreviousYear: t.sent_previous_year, returned: t.returned, contactsReturned: t.contacts_returned, completed: t.completed, cancelled: t.cancelled,
      stillOpen: t.still_open, overdue: t.overdue, accepted: t.accepted, acceptedOnTime: t.accepted_on_time,
      byKind: pick('kind'), byTarget: pick('target'), byOutcome: pick('outcome'), byChannel,
    },
    statutory: {
      ...all, previousYear,
      byBasis: rows(per.basis, 'basis') as StatutoryStatistics['byBasis'],
      byChannel: rows(per.channel, 'code'), byLine: rows(per.line, 'code'),
    },
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
  const groupingSets = sql.join([...scalar.map(([, col]) => sql`(${sql.ref(col)})`), sql`(weekday)`, sql`(hour)`, sql`(channel, weekday, hour)`]);
  const arrays = sql.join((Object.entries(ARRAY) as [Dimension, string][]).map(([d, col]) => sql`
    select ${d}::text as dimension, x.code, (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year
    from scope, unnest(${sql.ref(col)}) as x(code) group by x.code`), sql` union all `);

  // One statement, the period's contacts read once (materialized) for the four parts, each as JSON.
  type Totals = {
      total: number; total_previous_year: number; anonymous: number; led: number; still_open: number; median_handling: number | null;
      kept: number; missed: number; pending: number; not_applicable: number; repeat_contacts: number;
    };
  type Grouped = Record<string, string | number | null> & { set: number; count: number; previous_year: number };
  type Unnested = { dimension: Dimension; code: string; count: number; previous_year: number };
  type PromiseGroup = { g: number; channel: string | null; line: string | null; kept: number; missed: number; pending: number; not_applicable: number };
  const one = await sql<{ totals: Totals; grouped: Grouped[] | null; unnested: Unnested[] | null; promise: PromiseGroup[] | null }>`
    with scope as materialized (${scope})
    select (select row_to_json(x) from (select (count(*) filter (where cur))::int as total,
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
      from scope) x) as totals,
           (select json_agg(x) from (select grouping(${sql.join([...scalar.map(([, col]) => sql.ref(col)), sql.ref('weekday'), sql.ref('hour')])}) as set,
             ${sql.join([...scalar.map(([, col]) => sql.ref(col)), sql.ref('weekday'), sql.ref('hour')])},
             (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year
      from (select *, extract(isodow from received_at at time zone 'Europe/Helsinki')::int as weekday,
                      extract(hour from received_at at time zone 'Europe/Helsinki')::int as hour from scope) s
      group by grouping sets (${groupingSets})
      order by count desc) x) as grouped,
           (select json_agg(x) from (${arrays} order by 1, 3 desc, 2) x) as unnested,
           (select json_agg(x) from (select grouping(channel, line) as g, channel, line,
             (count(*) filter (where reached_on <= respond_by))::int as kept,
             (count(*) filter (where reached_on > respond_by or (reached_on is null and not ${NOT_APPLICABLE} and respond_by < ${today}::date)))::int as missed,
             (count(*) filter (where reached_on is null and not ${NOT_APPLICABLE} and respond_by >= ${today}::date))::int as pending,
             (count(*) filter (where reached_on is null and ${NOT_APPLICABLE}))::int as not_applicable
      from scope where cur group by grouping sets ((channel), (line)) order by 1, 2, 3) x) as promise`.execute(db);
  const r0 = one.rows[0]!;
  const totals = { rows: [r0.totals] };
  const grouped = { rows: r0.grouped ?? [] };
  const unnested = { rows: r0.unnested ?? [] };
  const promiseGroups = { rows: r0.promise ?? [] };
  // grouping(channel, line): 1 = grouped by channel (line rolled up), 2 = grouped by line
  const promiseRow = (r: (typeof promiseGroups.rows)[number], code: string | null) => ({ code, kept: r.kept, missed: r.missed, pending: r.pending, notApplicable: r.not_applicable });
  const promiseBy = {
    channel: promiseGroups.rows.filter((r) => Number(r.g) === 1).map((r) => promiseRow(r, r.channel)),
    line: promiseGroups.rows.filter((r) => Number(r.g) === 2).map((r) => promiseRow(r, r.line)),
  };

  // grouping() sets a bit for every column NOT in the row's set; the set's own column is the one bit clear.
  const columns = [...scalar.map(([d, col]) => ({ d, col })), { d: 'weekday', col: 'weekday' }, { d: 'hour', col: 'hour' }];
  const byDimension = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as Breakdown[]])) as Record<Dimension, Breakdown[]>;
  const byWeekday: ContactFigures['byWeekday'] = [];
  const byHour: ContactFigures['byHour'] = [];
  const weekdayHour: ContactFigures['weekdayHour'] = [];
  const bit = (col: string) => 1 << (columns.length - 1 - columns.findIndex((c) => c.col === col));
  const cellSet = bit('channel') | bit('weekday') | bit('hour');
  for (const row of grouped.rows) {
    if ((Number(row.set) & cellSet) === 0) {
      weekdayHour.push({ channel: row.channel as string | null, weekday: Number(row.weekday), hour: Number(row.hour), count: row.count, previousYear: row.previous_year });
      continue;
    }
    const index = columns.findIndex((_, i) => (row.set & (1 << (columns.length - 1 - i))) === 0);
    const { d, col } = columns[index]!;
    const code = row[col] as string | number | null;
    if (d === 'weekday') { byWeekday.push({ weekday: Number(code), count: row.count, previousYear: row.previous_year }); continue; }
    if (d === 'hour') { byHour.push({ hour: Number(code), count: row.count, previousYear: row.previous_year }); continue; }
    byDimension[d as Dimension].push({ code: code === null ? null : String(code), count: row.count, previousYear: row.previous_year });
  }
  for (const b of unnested.rows) byDimension[b.dimension].push({ code: b.code, count: b.count, previousYear: b.previous_year });
  // the order the rollups give (statistics.rollup.ts): the most first, then by code
  for (const d of DIMENSIONS) byDimension[d].sort(byCountThenCode);
  byWeekday.sort((a, b) => a.weekday - b.weekday);
  byHour.sort((a, b) => a.hour - b.hour);
  sortWeekdayHour(weekdayHour);

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
    weekdayHour,
  };
}
