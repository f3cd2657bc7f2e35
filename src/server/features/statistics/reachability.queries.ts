/**
 * Reachability of the phone lines and the staffing suggestion (issue 15, parts 1 and 3), from the
 * phone system's events (`phone_call`, written by the CTI webhook) and the callback tasks
 * (contacts on the `callback` channel). No personal data is read: times, states and line codes.
 *
 * A call that arrived while its line was closed (`hangup_cause = 'line_closed'`, set by the
 * webhook) is not offered: it counts in `outsideHours`. An offered call is answered when a worker
 * took it, abandoned when it ended unanswered; one still ringing is neither yet.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';
import { addDays, daysBetween, helsinkiDate, isoWeekday, type LocalDate } from '../../../domain/local-date.js';
import { agentsNeeded, serviceLevel, trafficErlangs } from '../../../domain/erlang-c.js';
import type { PeriodRange } from './statistics.domain.js';
import { filterSql, resolveStatisticsFilters, type StatisticsFilters } from './statistics.filters.js';
import { histogramPercentile, type RollupRow } from './statistics.rollup.js';
import type { PhoneFigures, PhoneStatistics, Staffing, StaffingSettings, StaffingSlot } from './statistics.schemas.js';

/** The handling time assumed when the period has no answered call to measure and none is given. */
export const DEFAULT_HANDLING_SECONDS = 300;
/** The longest period the staffing view measures. */
export const STAFFING_MAX_DAYS = 366;

const helsinkiStart = (date: string) => sql`(${date}::date::timestamp at time zone 'Europe/Helsinki')`;

interface FiguresRow {
  offered: number; answered: number; abandoned: number; outside_hours: number; within: number;
  mean_wait: number | null; p90_wait: number | null; mean_abandon: number | null;
}
interface CallbackRow { created: number; done: number; mean_hours: number | null; p90_hours: number | null }

const round = (n: number | null, digits = 1) => (n === null || n === undefined ? null : Math.round(Number(n) * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

function figures(f: FiguresRow | undefined, c: CallbackRow | undefined): PhoneFigures {
  const offered = f?.offered ?? 0;
  return {
    offered, answered: f?.answered ?? 0, abandoned: f?.abandoned ?? 0, outsideHours: f?.outside_hours ?? 0,
    answerRate: share(f?.answered ?? 0, offered), answeredWithinServiceLevel: f?.within ?? 0, serviceLevel: share(f?.within ?? 0, offered),
    meanWaitSeconds: round(f?.mean_wait ?? null), p90WaitSeconds: round(f?.p90_wait ?? null), meanAbandonSeconds: round(f?.mean_abandon ?? null),
    callbacks: { created: c?.created ?? 0, done: c?.done ?? 0, meanHoursToCallback: round(c?.mean_hours ?? null, 2), p90HoursToCallback: round(c?.p90_hours ?? null, 2) },
  };
}

/** The county's service level: answered within `seconds`, the share `target` aimed at. */
async function serviceLevelOf(db: Kysely<DB>, countyId: string): Promise<{ seconds: number; target: number }> {
  const county = await db.selectFrom('county').select(['service_level_seconds', 'service_level_target']).where('id', '=', countyId).executeTakeFirstOrThrow();
  return { seconds: county.service_level_seconds, target: Number(county.service_level_target) };
}

/** The county's service level and roster. */
export async function staffingSettings(db: Kysely<DB>, countyId: string): Promise<StaffingSettings> {
  const [sl, roster] = await Promise.all([
    serviceLevelOf(db, countyId),
    db.selectFrom('staffing_roster').select(['weekday', 'hour', 'workers']).where('county_id', '=', countyId).orderBy('weekday').orderBy('hour').execute(),
  ]);
  return { serviceLevelSeconds: sl.seconds, serviceLevelTarget: sl.target, items: roster, total: roster.length };
}

/** Saves the service level and replaces the roster, in one transaction. */
export async function saveStaffingSettings(db: Kysely<DB>, countyId: string, input: Omit<StaffingSettings, 'total'>): Promise<StaffingSettings> {
  await db.transaction().execute(async (trx) => {
    // the column keeps three decimals: round here, so what is returned is what was stored
    const target = Math.round(input.serviceLevelTarget * 1000) / 1000;
    await trx.updateTable('county').set({ service_level_seconds: input.serviceLevelSeconds, service_level_target: target }).where('id', '=', countyId).execute();
    await trx.deleteFrom('staffing_roster').where('county_id', '=', countyId).execute();
    if (input.items.length) {
      await trx.insertInto('staffing_roster').values(input.items.map((s) => ({ county_id: countyId, weekday: s.weekday, hour: s.hour, workers: s.workers }))).execute();
    }
  });
  return staffingSettings(db, countyId);
}

/** A call's line filter: the line it came in on. */
const CALL_COLUMNS = { region: 'c.region_id', line: 'p.phone_line_id', municipality: 'c.municipality_id' };

/**
 * The phone section of a period's statistics, beside the same dates a year earlier: the whole
 * county's from the rollup (`read`: its rows of the period, statistics.rollup.ts sumRollup), one
 * region's, line's or municipality's counted from the calls. The tests hold the two equal.
 */
export async function phoneStatistics(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, filters: StatisticsFilters = {}, read?: RollupRow[]): Promise<PhoneStatistics> {
  if (filters.regionId || filters.lineId || filters.municipalityId || !read) return phoneStatisticsRaw(db, countyId, current, previous, filters);
  const sl = await serviceLevelOf(db, countyId);
  return phoneFromRollup(read, sl.seconds, sl.target);
}

/** The phone figures from the rollup's call and callback rows (migration 0018), by the rules of the count below. */
export function phoneFromRollup(read: RollupRow[], slSeconds: number, slTarget: number): PhoneStatistics {
  type Acc = { calls: Record<'o' | 'a' | 'x' | 'r', number>; waits: Hist; abandons: Hist; created: number; toCallback: Hist };
  type Hist = { value: number; count: number }[];
  const acc = (): Acc => ({ calls: { o: 0, a: 0, x: 0, r: 0 }, waits: [], abandons: [], created: 0, toCallback: [] });
  // per period (cur, prev) and per line ('' no line), plus the whole
  const whole = { cur: acc(), prev: acc() };
  const lines = new Map<string, { cur: Acc; prev: Acc }>();
  const lineAcc = (line: string) => { if (!lines.has(line)) lines.set(line, { cur: acc(), prev: acc() }); return lines.get(line)!; };
  const hours = new Map<number, Record<'o' | 'a' | 'x' | 'r', number>>();
  const days = new Map<string, Record<'o' | 'a' | 'x' | 'r', number>>();
  const split = (code: string) => code.split('|');
  for (const r of read) {
    const parts = r.code === null ? [] : split(r.code);
    const into = (f: (a: Acc, n: number) => void, line: string) => {
      for (const [key, n] of [['cur', r.cur], ['prev', r.prev]] as const) {
        if (!n) continue;
        f(whole[key], n);
        f(lineAcc(line)[key], n);
      }
    };
    switch (r.dimension) {
      case 'call': {
        const [line, hour, kind] = parts as [string, string, 'o' | 'a' | 'x' | 'r'];
        into((a, n) => { a.calls[kind] += n; }, line);
        if (r.cur) {
          const h = hours.get(Number(hour)) ?? { o: 0, a: 0, x: 0, r: 0 };
          h[kind] += r.cur;
          hours.set(Number(hour), h);
        }
        break;
      }
      case 'call_day': {
        const [day, kind] = parts as [string, 'o' | 'a' | 'x' | 'r'];
        if (r.cur) {
          const d = days.get(day) ?? { o: 0, a: 0, x: 0, r: 0 };
          d[kind] += r.cur;
          days.set(day, d);
        }
        break;
      }
      case 'call_wait': into((a, n) => { a.waits.push({ value: Number(parts[1]), count: n }); }, parts[0]!); break;
      case 'call_abandon': into((a, n) => { a.abandons.push({ value: Number(parts[1]), count: n }); }, parts[0]!); break;
      case 'callback': into((a, n) => { a.created += n; }, parts[0]!); break;
      case 'callback_done': into((a, n) => { a.toCallback.push({ value: Number(parts[1]), count: n }); }, parts[0]!); break;
      default: break;
    }
  }
  const mean = (h: Hist) => { const n = h.reduce((s, x) => s + x.count, 0); return n ? h.reduce((s, x) => s + x.value * x.count, 0) / n : null; };
  const hoursOf = (v: number | null) => (v === null ? null : v / 3600);
  const figuresOf = (a: Acc) => figures(
    {
      offered: a.calls.a + a.calls.x + a.calls.r, answered: a.calls.a, abandoned: a.calls.x, outside_hours: a.calls.o,
      within: a.waits.filter((w) => w.value <= slSeconds).reduce((s, w) => s + w.count, 0),
      mean_wait: mean(a.waits), p90_wait: histogramPercentile(a.waits, 0.9), mean_abandon: mean(a.abandons),
    },
    { created: a.created, done: a.toCallback.reduce((s, x) => s + x.count, 0), mean_hours: hoursOf(mean(a.toCallback)), p90_hours: hoursOf(histogramPercentile(a.toCallback, 0.9)) },
  );
  const byLine = [...lines].map(([line, l]) => ({ line: line === '' ? null : line, ...figuresOf(l.cur), previousYear: figuresOf(l.prev) }))
    .sort((a, b) => b.offered - a.offered || b.callbacks.created - a.callbacks.created || b.previousYear.offered - a.previousYear.offered || String(a.line).localeCompare(String(b.line)));
  const offered = (k: Record<'o' | 'a' | 'x' | 'r', number>) => k.a + k.x + k.r;
  return {
    ...figuresOf(whole.cur), serviceLevelSeconds: slSeconds, serviceLevelTarget: slTarget, previousYear: figuresOf(whole.prev), byLine,
    byHour: [...hours].filter(([, k]) => offered(k) > 0).map(([hour, k]) => ({ hour, offered: offered(k), answered: k.a, abandoned: k.x })).sort((a, b) => a.hour - b.hour),
    byDay: [...days].filter(([, k]) => offered(k) > 0).map(([date, k]) => ({ date, offered: offered(k), answered: k.a, abandoned: k.x })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** The phone section counted from the calls and the callback contacts themselves. */
export async function phoneStatisticsRaw(db: Kysely<DB>, countyId: string, current: PeriodRange, previous: PeriodRange, filters: StatisticsFilters = {}): Promise<PhoneStatistics> {
  const { seconds: slSeconds, target: slTarget } = await serviceLevelOf(db, countyId);
  // each period a range scan of phone_call_started_idx, index-only (its INCLUDE columns, migration 0017)
  const range = (p: PeriodRange, cur: boolean) => sql`
    select started_at, answered_at, ended_at, hangup_cause, phone_line_id, contact_id, ${sql.lit(cur)} as cur from phone_call
    where county_id = ${countyId} and started_at >= ${helsinkiStart(p.from)} and started_at < ${helsinkiStart(p.to)}`;
  // the time zone and the intervals computed once per call (materialized), the Helsinki hour and day of the period's calls only
  const calls = sql`
    select l.code as line, p.cur,
           coalesce(p.hangup_cause, '') = 'line_closed' as outside,
           p.answered_at is not null as answered, p.answered_at is null and p.ended_at is not null as abandoned,
           -- in whole seconds, as the rollup keeps them (migration 0018)
           round(extract(epoch from p.answered_at - p.started_at)) as wait, round(extract(epoch from p.ended_at - p.started_at)) as lasted,
           case when p.cur then p.started_at at time zone 'Europe/Helsinki' end as local
    from (${range(current, true)} union all ${range(previous, false)}) p
    -- the line the call came in on (migration 0017); the contact only for a region or municipality
    ${filters.regionId || filters.municipalityId ? sql`join contact c on c.id = p.contact_id and ${filterSql({ ...filters, lineId: undefined })}` : sql``}
    left join phone_line l on l.id = p.phone_line_id
    where ${filterSql({ lineId: filters.lineId }, CALL_COLUMNS)}`;
  const counts = sql`(count(*) filter (where not outside))::int as offered,
             (count(*) filter (where not outside and answered))::int as answered,
             (count(*) filter (where not outside and abandoned))::int as abandoned,
             (count(*) filter (where outside))::int as outside_hours`;
  // one statement over the calls: the whole (g 7) and per line (3) with the waits; the period's per
  // hour (5) and per day (6), counts only (hashed, no sort); g as grouping(line, hour, day) would set it
  const callQuery = sql<FiguresRow & { g: number; line: string | null; hour: number | null; day: string | null; cur: boolean }>`
      with calls as materialized (${calls})
      select (case when grouping(line) = 1 then 7 else 3 end) as g, line, null::int as hour, null::text as day, cur, ${counts},
             (count(*) filter (where not outside and answered and wait <= ${slSeconds}))::int as within,
             (avg(wait) filter (where not outside and answered))::float8 as mean_wait,
             (percentile_cont(0.9) within group (order by wait) filter (where not outside and answered))::float8 as p90_wait,
             (avg(lasted) filter (where not outside and abandoned))::float8 as mean_abandon
      from calls group by grouping sets ((cur), (cur, line))
      union all
      select 5, null, extract(hour from local)::int, null, cur, ${counts}, 0, null, null, null from calls where cur group by cur, extract(hour from local)::int
      union all
      select 6, null, null, local::date::text, cur, ${counts}, 0, null, null, null from calls where cur group by cur, local::date`;
  const [callRows, callbackRows] = await Promise.all([
    // the percentile's sort of a national month (some 60 000 calls) in memory, not on disk
    db.transaction().execute(async (trx) => {
      await sql`set local work_mem = '32MB'`.execute(trx);
      return callQuery.execute(trx);
    }),
    sql<CallbackRow & { g: number; line: string | null; cur: boolean }>`
      with callbacks as (
        select l.code as line, c.received_on >= ${current.from}::date as cur, c.reached_at is not null as done,
               round(extract(epoch from c.reached_at - c.received_at)) / 3600 as hours
        from contact c left join phone_line l on l.id = c.phone_line_id
        -- by the Helsinki day received (contact_received_on_idx), the same periods as the calls'
        -- contact_callback_idx (migration 0017): the callback tasks only
        where c.county_id = ${countyId} and c.channel = 'callback' and ${filterSql(filters)}
          and ((c.received_on >= ${current.from}::date and c.received_on < ${current.to}::date)
            or (c.received_on >= ${previous.from}::date and c.received_on < ${previous.to}::date)))
      select grouping(line) as g, line, cur, count(*)::int as created, (count(*) filter (where done))::int as done,
             (avg(hours) filter (where done))::float8 as mean_hours,
             (percentile_cont(0.9) within group (order by hours) filter (where done))::float8 as p90_hours
      from callbacks group by grouping sets ((cur), (cur, line))`.execute(db),
  ]);
  const WHOLE = { calls: 7, callbacks: 1 };
  const PER_LINE = { calls: 3, callbacks: 0 };
  const whole = (rows: { g: number; cur: boolean }[], cur: boolean, g: number) => rows.find((r) => Number(r.g) === g && r.cur === cur);
  const current_ = figures(whole(callRows.rows, true, WHOLE.calls) as FiguresRow | undefined, whole(callbackRows.rows, true, WHOLE.callbacks) as CallbackRow | undefined);
  const previous_ = figures(whole(callRows.rows, false, WHOLE.calls) as FiguresRow | undefined, whole(callbackRows.rows, false, WHOLE.callbacks) as CallbackRow | undefined);
  // every line with calls or callbacks in the period or a year earlier, busiest first
  const lines = new Map<string | null, true>();
  for (const r of callRows.rows) if (Number(r.g) === PER_LINE.calls) lines.set(r.line, true);
  for (const r of callbackRows.rows) if (Number(r.g) === PER_LINE.callbacks) lines.set(r.line, true);
  const ofLine = (line: string | null, cur: boolean) => figures(
    callRows.rows.find((r) => Number(r.g) === PER_LINE.calls && r.cur === cur && r.line === line),
    callbackRows.rows.find((r) => Number(r.g) === PER_LINE.callbacks && r.cur === cur && r.line === line));
  const busy = (g: number) => callRows.rows.filter((r) => Number(r.g) === g && r.cur && r.offered > 0);
  const byLine = [...lines.keys()].map((line) => ({ line, ...ofLine(line, true), previousYear: ofLine(line, false) }))
    .sort((a, b) => b.offered - a.offered || b.callbacks.created - a.callbacks.created || b.previousYear.offered - a.previousYear.offered || String(a.line).localeCompare(String(b.line)));
  return {
    ...current_, serviceLevelSeconds: slSeconds, serviceLevelTarget: slTarget, previousYear: previous_, byLine,
    byHour: busy(5).map((r) => ({ hour: Number(r.hour), offered: r.offered, answered: r.answered, abandoned: r.abandoned })).sort((a, b) => a.hour - b.hour),
    byDay: busy(6).map((r) => ({ date: r.day!, offered: r.offered, answered: r.answered, abandoned: r.abandoned })).sort((a, b) => a.date.localeCompare(b.date)),
  };
}

export interface StaffingQuery { from?: string; to?: string; line?: string; targetShare?: number; targetSeconds?: number; handlingSeconds?: number }

/**
 * Workers needed per weekday and hour (Erlang C) from the period's offered calls and measured
 * handling time, beside the roster. The arrival rate of a slot is its offered calls over the
 * period divided by how many of that weekday the period holds; the handling time is the period's
 * mean talk time (answer to hang-up) over all slots, since one hour's few calls give a noisy mean.
 */
export async function staffing(db: Kysely<DB>, countyId: string, q: StaffingQuery, now: Date): Promise<Staffing> {
  const to = (q.to ?? addDays(helsinkiDate(now), -1)) as LocalDate;
  const from = (q.from ?? addDays(to, -55)) as LocalDate;
  if (from > to) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.from', message: 'The period starts after it ends.', code: 'invalid' }]);
  const length = daysBetween(from, to) + 1;
  if (length > STAFFING_MAX_DAYS) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.from', message: `The period is at most ${STAFFING_MAX_DAYS} days.`, code: 'invalid' }]);
  const lineId = (await resolveStatisticsFilters(db, countyId, { line: q.line })).lineId ?? null;
  const settings = await staffingSettings(db, countyId);
  const targetShare = q.targetShare ?? settings.serviceLevelTarget;
  const targetSeconds = q.targetSeconds ?? settings.serviceLevelSeconds;

  const [slots, measured] = await Promise.all([
    sql<{ weekday: number; hour: number; offered: number }>`
      select extract(isodow from p.started_at at time zone 'Europe/Helsinki')::int as weekday,
             extract(hour from p.started_at at time zone 'Europe/Helsinki')::int as hour, count(*)::int as offered
      from phone_call p
      where p.county_id = ${countyId} and p.started_at >= ${helsinkiStart(from)} and p.started_at < ${helsinkiStart(addDays(to, 1))}
        and coalesce(p.hangup_cause, '') <> 'line_closed' ${lineId ? sql`and p.phone_line_id = ${lineId}` : sql``}
      group by 1, 2`.execute(db),
    sql<{ seconds: number | null }>`
      select avg(extract(epoch from p.ended_at - p.answered_at))::float8 as seconds
      from phone_call p
      where p.county_id = ${countyId} and p.started_at >= ${helsinkiStart(from)} and p.started_at < ${helsinkiStart(addDays(to, 1))}
        and p.answered_at is not null and p.ended_at is not null ${lineId ? sql`and p.phone_line_id = ${lineId}` : sql``}`.execute(db),
  ]);
  const measuredHandlingSeconds = round(measured.rows[0]?.seconds ?? null);
  const handlingSeconds = q.handlingSeconds ?? (measuredHandlingSeconds && measuredHandlingSeconds > 0 ? measuredHandlingSeconds : DEFAULT_HANDLING_SECONDS);

  // how many of each ISO weekday the period holds
  const days = new Map<number, number>();
  for (let d = from, i = 0; i < length; d = addDays(d, 1), i++) days.set(isoWeekday(d), (days.get(isoWeekday(d)) ?? 0) + 1);
  const key = (weekday: number, hour: number) => weekday * 24 + hour;
  const offered = new Map(slots.rows.map((r) => [key(r.weekday, r.hour), r.offered]));
  const roster = new Map(settings.items.map((r) => [key(r.weekday, r.hour), r.workers]));
  const keys = [...new Set([...offered.keys(), ...roster.keys()])].sort((a, b) => a - b);

  const items: StaffingSlot[] = keys.map((k) => {
    const weekday = Math.floor(k / 24);
    const hour = k % 24;
    const n = offered.get(k) ?? 0;
    const dayCount = days.get(weekday) ?? 0;
    const callsPerHour = dayCount > 0 ? n / dayCount : 0;
    const planned = roster.get(k) ?? null;
    let needed: number;
    try {
      needed = agentsNeeded(callsPerHour, handlingSeconds, targetShare, targetSeconds);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // more than a thousand workers in one hour: an assumed handling time or target no roster meets
      throw new AppError(400, 'validation_failed', undefined, [{
        field: q.handlingSeconds !== undefined ? 'querystring.handlingSeconds' : 'querystring.targetShare', code: 'invalid',
        message: `No roster can carry this load: more than 1 000 workers would be needed on weekday ${weekday} at ${hour}.`,
      }]);
    }
    const withCalls = callsPerHour > 0;
    return {
      weekday, hour, days: dayCount, offered: n, callsPerHour: Math.round(callsPerHour * 1000) / 1000,
      trafficErlangs: Math.round(trafficErlangs(callsPerHour, handlingSeconds) * 1000) / 1000,
      needed, serviceLevelAtNeeded: withCalls ? Math.round(serviceLevel(needed, callsPerHour, handlingSeconds, targetSeconds) * 10_000) / 10_000 : null,
      roster: planned,
      serviceLevelWithRoster: withCalls && planned !== null ? Math.round(serviceLevel(planned, callsPerHour, handlingSeconds, targetSeconds) * 10_000) / 10_000 : null,
      enough: planned === null ? null : planned >= needed,
    };
  });
  return {
    from, to, line: q.line ?? null, targetShare, targetSeconds, handlingSeconds, measuredHandlingSeconds, items, total: items.length,
  };
}
