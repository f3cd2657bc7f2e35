import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { DIMENSIONS, monthRange, sameMonthLastYear, type Breakdown, type Dimension, type MonthlyStatistics } from './statistics.domain.js';

/** The column (or unnested array) each breakdown groups by. */
const DIMENSION_SQL: Record<Dimension, string> = {
  channel: 'channel',
  line: 'line',
  region: 'region',
  municipality: 'municipality',
  contactor: 'contactor',
  serviceArea: 'service_area',
  urgency: 'urgency',
  mainReason: 'main_reason',
  additionalReason: 'unnest(additional_reasons)',
  outcome: 'outcome',
  trigger: 'unnest(triggers)',
};

/**
 * Monthly statistics of one county (domain § 8), every contact counted, anonymous ones included,
 * with the same month of the previous year beside each figure. Reads no personal data.
 */
export async function monthlyStatistics(db: Kysely<DB>, countyId: string, month: string, now: Date): Promise<MonthlyStatistics> {
  const current = monthRange(month);
  const previous = monthRange(sameMonthLastYear(month));
  const today = helsinkiDate(now);
  const scope = sql`
    select c.*, l.code as line, r.code as region, m.code as municipality, c.received_on >= ${current.from}::date as cur
    from contact c
    left join phone_line l on l.id = c.phone_line_id
    left join region r on r.id = c.region_id
    left join municipality m on m.id = c.municipality_id
    where c.county_id = ${countyId}
      and ((c.received_on >= ${current.from}::date and c.received_on < ${current.to}::date)
        or (c.received_on >= ${previous.from}::date and c.received_on < ${previous.to}::date))`;

  const breakdownSql = sql.join(DIMENSIONS.map((d) => sql`
    select ${d}::text as dimension, ${sql.raw(DIMENSION_SQL[d])}::text as code,
           (count(*) filter (where cur))::int as count, (count(*) filter (where not cur))::int as previous_year
    from scope group by 2`), sql` union all `);

  const [totals, breakdowns, weekdays, hours] = await Promise.all([
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
    sql<{ dimension: Dimension; code: string | null; count: number; previous_year: number }>`
      with scope as (${scope}) ${breakdownSql} order by 1, 3 desc, 2`.execute(db),
    sql<{ weekday: number; count: number }>`
      with scope as (${scope})
      select extract(isodow from received_at at time zone 'Europe/Helsinki')::int as weekday, count(*)::int as count
      from scope where cur group by 1 order by 1`.execute(db),
    sql<{ hour: number; count: number }>`
      with scope as (${scope})
      select extract(hour from received_at at time zone 'Europe/Helsinki')::int as hour, count(*)::int as count
      from scope where cur group by 1 order by 1`.execute(db),
  ]);

  const t = totals.rows[0]!;
  const byDimension = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as Breakdown[]])) as Record<Dimension, Breakdown[]>;
  for (const b of breakdowns.rows) byDimension[b.dimension].push({ code: b.code, count: b.count, previousYear: b.previous_year });
  return {
    month, previousYearMonth: previous.month,
    total: t.total, totalPreviousYear: t.total_previous_year, anonymous: t.anonymous, ledToClientRelationship: t.led, stillOpen: t.still_open,
    medianHandlingSeconds: t.median_handling,
    promise: { kept: t.kept, missed: t.missed, pending: t.pending, notApplicable: t.not_applicable },
    repeatContacts: t.repeat_contacts,
    breakdowns: byDimension,
    byWeekday: weekdays.rows,
    byHour: hours.rows,
  };
}
