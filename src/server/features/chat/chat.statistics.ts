import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { ChatFigures } from '../feedback/public.js';

/** from inclusive, to exclusive (the statistics' PeriodRange) */
interface Range { from: string; to: string }

/**
 * The chats that arrived in a period (Helsinki days of the contact's arrival) and what became of
 * them (issue 16): answered, left waiting, timed out, turned into a callback; the wait from start
 * to a worker taking it. A count over the chat table (one row per chat, indexed by county and time).
 */
export async function chatFigures(db: Kysely<DB> | Transaction<DB>, countyId: string, period: Range, previous: Range): Promise<ChatFigures> {
  const figures = (r: Range) => sql<{
    started: number; answered: number; left_waiting: number; timed_out: number; callbacks: number; acute: number;
    mean: number | null; median: number | null; p90: number | null;
  }>`
    select count(*)::int as started, count(h.answered_at)::int as answered,
      count(*) filter (where h.ended_reason = 'resident_left' and h.answered_at is null)::int as left_waiting,
      count(*) filter (where h.ended_reason = 'timeout')::int as timed_out,
      count(*) filter (where h.ended_reason = 'callback')::int as callbacks,
      count(*) filter (where c.acute)::int as acute,
      avg(extract(epoch from h.answered_at - h.created_at))::float8 as mean,
      percentile_cont(0.5) within group (order by extract(epoch from h.answered_at - h.created_at)) filter (where h.answered_at is not null) as median,
      percentile_cont(0.9) within group (order by extract(epoch from h.answered_at - h.created_at)) filter (where h.answered_at is not null) as p90
    from chat h join contact c on c.id = h.contact_id
    where h.county_id = ${countyId} and c.received_on >= ${r.from}::date and c.received_on < ${r.to}::date`.execute(db);
  const [now, before] = await Promise.all([figures(period), figures(previous)]);
  const n = now.rows[0]!;
  const p = before.rows[0]!;
  const sec = (v: number | null) => (v === null ? null : Math.round(Number(v)));
  return {
    started: Number(n.started), answered: Number(n.answered), leftWaiting: Number(n.left_waiting), timedOut: Number(n.timed_out),
    callbacks: Number(n.callbacks), acute: Number(n.acute),
    waitSeconds: { mean: sec(n.mean), median: sec(n.median), p90: sec(n.p90) },
    previousYear: { started: Number(p.started), answered: Number(p.answered) },
  };
}
