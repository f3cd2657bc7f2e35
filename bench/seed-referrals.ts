/**
 * Referrals for the benchmark: `total` of them on the newest seeded contacts (one each), spread
 * over the county's receiving units and kinds. The newest `open` are still in the loop (requested,
 * accepted, client contacted; some past their days); the rest closed as most are: completed, a
 * twentieth returned and a twentieth cancelled. Forwarded on a legal ground, so no consent rows
 * are needed. Plain SQL in one statement on either engine.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/server/platform/schema.js';

const KINDS = ['message_to_service', 'referral_for_assessment', 'to_own_worker', 'direct_booking'];

export async function seedReferrals(db: Kysely<DB>, opts: { total: number; open: number; every?: number }): Promise<{ seconds: number; seeded: number }> {
  const every = opts.every ?? 1;
  const existing = Number((await db.selectFrom('referral').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  if (existing >= opts.total) return { seconds: 0, seeded: existing };
  const started = Date.now();
  const units = await db.selectFrom('receiving_unit').select('id').orderBy('code').execute();
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'ohjaaja').executeTakeFirstOrThrow();
  const handler = await db.selectFrom('app_user').select('id').where('username', '=', 'yksikko').executeTakeFirstOrThrow();
  // seeded history, not events: no outbox rows (migration 0022)
  await db.transaction().execute(async (trx) => { await sql`set local opastin.outbox = 'off'`.execute(trx); await sql`
    with c as (
      select id, county_id, received_at, (received_at at time zone 'Europe/Helsinki')::date as day, row_number() over (order by received_at desc) as i
      from contact where reference like 'BENCH-%' and substr(reference, 7)::int % ${every}::int = 0 order by received_at desc limit ${opts.total}::int
    ), s as (
      select c.*, (${sql`${KINDS}::text[]`})[1 + (i % 4)::int] as kind,
             case when i <= ${opts.open}::int then (array['requested', 'accepted', 'client_contacted'])[1 + (i % 3)::int]
                  when i % 20 = 0 then 'returned' when i % 20 = 1 then 'cancelled' else 'completed' end as status
      from c
    )
    insert into referral (county_id, contact_id, kind, assessment, receiving_unit_id, summary, needs, urgency, legal_ground, legal_ground_reason,
      booked_at, status, accept_by, contact_by, sent_at, sent_by_user_id, handler_user_id, accepted_at, client_contacted_at, completed_at,
      returned_at, return_reason, cancelled_at, cancel_reason, outcome, escalation_level, legal_deadline, legal_basis)
    select county_id, id, kind, case when kind = 'referral_for_assessment' then 'pta' end, (${sql`${units.map((u) => u.id)}::uuid[]`})[1 + (i % ${units.length}::int)::int],
      'Bench referral', array['income'], case when i % 10 = 0 then 'urgent' else 'non_urgent' end, 'shl_35', 'bench',
      case when kind = 'direct_booking' then received_at + interval '3 days' end, status, day + 1, day + 4, received_at + interval '15 minutes', ${user.id}::uuid,
      case when status not in ('requested', 'returned', 'cancelled') then ${handler.id}::uuid end,
      case when status in ('accepted', 'client_contacted', 'completed') or kind = 'direct_booking' then received_at + interval '1 day' end,
      case when status in ('client_contacted', 'completed') then received_at + interval '2 days' end,
      case when status = 'completed' then received_at + interval '5 days' end,
      case when status = 'returned' then received_at + interval '1 day' end, case when status = 'returned' then 'bench' end,
      case when status = 'cancelled' then received_at + interval '1 day' end, case when status = 'cancelled' then 'bench' end,
      case when status = 'completed' then 'got_help' when status = 'returned' then 'returned_wrong_service' end, 0,
      -- a third of the service needs assessments run the SHL 36 § clock (seven working days: about nine calendar days)
      case when kind = 'referral_for_assessment' and i % 3 = 0 then day + 9 end, case when kind = 'referral_for_assessment' and i % 3 = 0 then 'shl_36' end
    from s`.execute(trx); });
  await sql`analyze referral`.execute(db);
  return { seconds: (Date.now() - started) / 1000, seeded: opts.total };
}
