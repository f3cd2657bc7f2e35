import { sql, type Kysely } from 'kysely';

/**
 * The outbox's horizon (issue 19, follow-up): the highest `seq` of each county that has been deleted
 * from `outbox_event` (the retention rule's 30 days). A system that polls `GET /api/events` with a
 * cursor below it may have missed events that are gone: it gets 410 `cursor_expired` instead of a
 * page that silently skips them. A statement trigger on the delete keeps it, so no path (the
 * retention job, a manual delete) can remove events without moving the horizon; a county's row goes
 * with the county.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox_horizon (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null unique references county(id) on delete cascade,
      pruned_seq bigint not null check (pruned_seq > 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create function outbox_horizon_advance() returns trigger language plpgsql as $$
    begin
      -- a county being deleted takes its events with it: no horizon for it (the exists)
      insert into outbox_horizon (county_id, pruned_seq)
        select o.county_id, max(o.seq) from gone o
        where o.seq is not null and exists (select 1 from county c where c.id = o.county_id)
        group by o.county_id
      on conflict (county_id) do update
        set pruned_seq = greatest(outbox_horizon.pruned_seq, excluded.pruned_seq), updated_at = now();
      return null;
    end $$;
    create trigger outbox_horizon_advance after delete on outbox_event
      referencing old table as gone for each statement execute function outbox_horizon_advance();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger outbox_horizon_advance on outbox_event;
    drop function outbox_horizon_advance();
    drop table outbox_horizon;
  `.execute(db);
}
