import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { DIMENSIONS, monthRange, sameMonthLastYear, type Breakdown, type Dimension, type MonthlyStatistics } from './statistics.domain.js';

/** The column each scalar breakdown groups by; reasons and triggers are arrays and are unnested apart. */
const SCALAR: Partial<Record<Dimension, string>> = {
  channel: 'channel', line: 'line', region: 'region', municipality: 'municipality', contactor: 'contactor',
  serviceArea: 'service_area', urgency: 'urgency', mainReason: 'main_reason', outcome: 'outcome',
};
const ARRAY: Partial<Record<Dimension, string>> = { additionalReason: 'additional_reasons', trigger: 'triggers' };

/**
 * Monthly statistics of one county (domain § 8), every contact counted, anonymous ones included,
 * with the same month of the previous year beside each figure. Reads no personal data.
 */
export async function monthlyStatistics(db: Kysely<DB>, countyId: string, month: string, now: Date): Promise<MonthlyStatistics> {
  const current = monthRange(month);
  const previous = monthRange(sameMonthLastYear(month));
  const today = helsinkiDate(now);
  const scope = sql`
    select c.channel, c.contactor, c.service_area, c.urgency, c.main_reason, c.additional_reasons, c.outcome, c.triggers, c.anonymous,
           c.led_to_client_relationship, c.status, c.handling_seconds, c.first_response_at, c.respond_by, c.repeat_contacts_30d, c.received_at,
           l.code as line, r.code as region, m.code as municipality, c.received_on >= ${current.from}::date as cur
    from contact c
    left join phone_line l on l.id = c.phone_line_id
    left join region r on r.id = c.region_id
    left join municipality m on m.id = c.municipality_id
    where c.county_id = ${countyId}
      and ((c.received_on >= ${current.from}::date and c.received_on < ${current.to}::date)
        or (c.received_on >= ${previous.from}::date and c.received_on < ${previous.to}::date))`;

  // One pass for every scalar breakdown, weekday and hour (grouping sets), one for the two arrays.
  const scalar = Object.entries(SCALAR) as [Dimension, string][];
  const groupingSets = sql.join([...scalar.map(([, col]) => sql`(${sql.ref(col)})`), sql`(weekday)`, sql`(hour)`]);
  const arrays = sql.join((Object.entries(ARRAY) as [Dimension, string][]).map(([d, col]) => sql`
    select ${d}::text as dimension, x.code, (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year
    from scope, unnest(${sql.ref(col)}) as x(code) group by x.code`), sql` union all `);

  const [totals, grouped, unnested] = await Promise.all([
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
             (count(*) filter (where cur and first_response_at is not null
                and (first_response_at at time zone 'Europe/Helsinki')::date <= respond_by))::int as kept,
             (count(*) filter (where cur and ((first_response_at is not null and (first_response_at at time zone 'Europe/Helsinki')::date > respond_by)
                or (first_response_at is null and status <> 'closed' and respond_by < ${today}::date))))::int as missed,
             (count(*) filter (where cur and first_response_at is null and status <> 'closed' and respond_by >= ${today}::date))::int as pending,
             (count(*) filter (where cur and first_response_at is null and status = 'closed'))::int as not_applicable,
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
  ]);

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
    month, previousYearMonth: previous.month,
    total: t.total, totalPreviousYear: t.total_previous_year, anonymous: t.anonymous, ledToClientRelationship: t.led, stillOpen: t.still_open,
    medianHandlingSeconds: t.median_handling,
    promise: { kept: t.kept, missed: t.missed, pending: t.pending, notApplicable: t.not_applicable },
    repeatContacts: t.repeat_contacts,
    breakdowns: byDimension,
    byWeekday,
    byHour,
  };
}
