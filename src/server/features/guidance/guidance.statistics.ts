import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import type { GuidanceFigures } from './guidance.schemas.js';

/** from inclusive, to exclusive (the statistics' PeriodRange) */
interface Range { from: string; to: string }

/**
 * The guidance figures of a period (issue 17): the contacts by level (Helsinki day received),
 * the cases opened by the level they reached, the follow-ups due in the period and whether they
 * were done by their day (one cancelled by the case closing before its day was never due) (the Helsinki day of done_at), the people anchored in a service, the
 * meetings held and the outreach attempts. Counts over the rows (a county's cases are thousands
 * a year, not millions); the contacts by level read the contact table's county/day index.
 */
export async function guidanceFigures(db: Kysely<DB> | Transaction<DB>, countyId: string, period: Range, previous: Range, now: Date): Promise<GuidanceFigures> {
  const today = helsinkiDate(now);
  const byLevel = (r: Range) => sql<{ l1: number; l2: number; l3: number }>`
    select count(*) filter (where guidance_level = 1)::int as l1, count(*) filter (where guidance_level = 2)::int as l2, count(*) filter (where guidance_level = 3)::int as l3
    from contact where county_id = ${countyId}::uuid and received_on >= ${r.from}::date and received_on < ${r.to}::date`.execute(db);
  const [now_, before, other] = await Promise.all([byLevel(period), byLevel(previous), sql<{
    opened2: number; opened3: number; due: number; on_time: number; late: number; missed: number; pending: number; anchored: number; meetings: number; outreach: number;
  }>`
    select
      (select count(*) from guidance_case g where g.county_id = ${countyId}::uuid and g.level = 2 and (g.opened_at at time zone 'Europe/Helsinki')::date >= ${period.from}::date and (g.opened_at at time zone 'Europe/Helsinki')::date < ${period.to}::date)::int as opened2,
      (select count(*) from guidance_case g where g.county_id = ${countyId}::uuid and g.level = 3 and (g.opened_at at time zone 'Europe/Helsinki')::date >= ${period.from}::date and (g.opened_at at time zone 'Europe/Helsinki')::date < ${period.to}::date)::int as opened3,
      f.due, f.on_time, f.late, f.missed, f.pending,
      (select count(*) from guidance_case g where g.county_id = ${countyId}::uuid and g.anchored_on >= ${period.from}::date and g.anchored_on < ${period.to}::date)::int as anchored,
      (select count(*) from guidance_meeting m join guidance_case g on g.id = m.case_id where g.county_id = ${countyId}::uuid and m.status = 'held' and m.held_on >= ${period.from}::date and m.held_on < ${period.to}::date)::int as meetings,
      (select count(*) from outreach_attempt o join guidance_case g on g.id = o.case_id where g.county_id = ${countyId}::uuid and (o.at at time zone 'Europe/Helsinki')::date >= ${period.from}::date and (o.at at time zone 'Europe/Helsinki')::date < ${period.to}::date)::int as outreach
    from (
      select count(*)::int as due,
        count(*) filter (where done_at is not null and (done_at at time zone 'Europe/Helsinki')::date <= due_on)::int as on_time,
        count(*) filter (where done_at is not null and (done_at at time zone 'Europe/Helsinki')::date > due_on)::int as late,
        count(*) filter (where done_at is null and (cancelled_at is not null or due_on < ${today}::date))::int as missed,
        count(*) filter (where done_at is null and cancelled_at is null and due_on >= ${today}::date)::int as pending
      from follow_up where county_id = ${countyId}::uuid and due_on >= ${period.from}::date and due_on < ${period.to}::date
        -- cancelled before its day (the case closed first): never due; cancelled after it: it was missed
        and (cancelled_at is null or (cancelled_at at time zone 'Europe/Helsinki')::date > due_on)
    ) f`.execute(db)]);
  const n = now_.rows[0]!;
  const p = before.rows[0]!;
  const o = other.rows[0]!;
  return {
    contactsByLevel: { level1: Number(n.l1), level2: Number(n.l2), level3: Number(n.l3) },
    previousYear: { level1: Number(p.l1), level2: Number(p.l2), level3: Number(p.l3) },
    casesOpened: { level2: Number(o.opened2), level3: Number(o.opened3) },
    followUps: { due: Number(o.due), onTime: Number(o.on_time), late: Number(o.late), missed: Number(o.missed), pending: Number(o.pending) },
    anchored: Number(o.anchored), meetingsHeld: Number(o.meetings), outreachAttempts: Number(o.outreach),
  };
}
