import { sql, type Kysely } from 'kysely';

/**
 * Issue 15, part 6: the statistics from rollups, so that a month beside the same month a year
 * earlier answers quickly at ten million contacts.
 *
 * - stat_contact_day: for each county and day a contact was received (Helsinki), the counts the
 *   statistics add up: one row per (dimension, code), e.g. ('total', null), ('channel', 'phone'),
 *   ('hour', '9'), ('handling', '300'), ('promise', 'kept') or ('promise', 'u:2026-11-04') for a
 *   contact not reached with its promised day (pending or missed is decided when read, by that
 *   day), ('promise_channel', 'phone|kept'). The whole county only: a period of one region, line
 *   or municipality is counted from the contacts (a fifth of them or fewer). No personal data.
 * - stat_dirty_day: the days whose contacts changed since their rollup rows were written. A
 *   statement-level trigger on contact marks them (insert, update — both the old and the new day —
 *   and delete); stat_contact_refresh(county, days) rewrites the days' rows from the contacts.
 *   The app refreshes the dirty days before it reads (so the figures are never stale) and a job
 *   does so every minute (so a reader seldom waits).
 *
 * The migration writes the rollup of every existing day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stat_contact_day (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      day date not null,
      dimension text not null,
      code text,
      count integer not null check (count > 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- county_id: indexed by stat_contact_day_key_idx; a period is read by this index alone
    create unique index stat_contact_day_key_idx on stat_contact_day (county_id, day, dimension, code) include (count) nulls not distinct;
    create trigger stat_contact_day_updated_at before update on stat_contact_day for each row execute function set_updated_at();

    create table stat_dirty_day (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      day date not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, day)
    );
    -- county_id: indexed by unique (county_id, day)
    create trigger stat_dirty_day_updated_at before update on stat_dirty_day for each row execute function set_updated_at();

    create function stat_mark_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into stat_dirty_day (county_id, day) select distinct county_id, received_on from new_rows on conflict do nothing;
      elsif tg_op = 'UPDATE' then
        insert into stat_dirty_day (county_id, day)
          select county_id, received_on from new_rows union select county_id, received_on from old_rows
          on conflict do nothing;
      else
        insert into stat_dirty_day (county_id, day) select distinct county_id, received_on from old_rows on conflict do nothing;
      end if;
      return null;
    end $$;
    create trigger contact_stat_dirty_insert after insert on contact referencing new table as new_rows for each statement execute function stat_mark_dirty();
    create trigger contact_stat_dirty_update after update on contact referencing old table as old_rows new table as new_rows for each statement execute function stat_mark_dirty();
    create trigger contact_stat_dirty_delete after delete on contact referencing old table as old_rows for each statement execute function stat_mark_dirty();

    -- Rewrites the rollup rows of a county's days from its contacts. The promise's parts are the
    -- rule of statistics.domain.ts promiseStatus without the day it is read: kept or late when
    -- reached, n/a when the system closed it with no one to reach, else u:<promised day>.
    create function stat_contact_refresh(p_county uuid, p_days date[]) returns void language sql as $$
      delete from stat_contact_day where county_id = p_county and day = any(p_days);
      insert into stat_contact_day (county_id, day, dimension, code, count)
      with src as (
        select c.received_on as day, c.channel, c.contactor, c.service_area, c.urgency,
               c.main_reason, c.outcome, c.additional_reasons, c.triggers, c.anonymous, c.led_to_client_relationship, c.status,
               c.repeat_contacts_30d, c.handling_seconds,
               extract(hour from c.received_at at time zone 'Europe/Helsinki')::int as hour,
               l.code as line, r.code as region, m.code as municipality,
               case
                 when c.reached_at is not null then
                   case when (c.reached_at at time zone 'Europe/Helsinki')::date <= c.respond_by then 'kept' else 'late' end
                 when c.status = 'closed' and c.closed_by_user_id is null then 'na'
                 else 'u:' || c.respond_by::text
               end as promise
        from contact c
        left join phone_line l on l.id = c.phone_line_id
        left join region r on r.id = c.region_id
        left join municipality m on m.id = c.municipality_id
        where c.county_id = p_county and c.received_on = any(p_days)
      ),
      facts as (
        select s.day, f.dimension, f.code
        from src s cross join lateral (values
          ('total', null::text),
          (case when s.anonymous then 'anonymous' end, null),
          (case when s.led_to_client_relationship then 'led' end, null),
          (case when s.status <> 'closed' then 'open' end, null),
          (case when s.repeat_contacts_30d >= 3 then 'repeat' end, null),
          ('channel', s.channel), ('line', s.line), ('region', s.region), ('municipality', s.municipality),
          ('contactor', s.contactor), ('serviceArea', s.service_area), ('urgency', s.urgency), ('mainReason', s.main_reason),
          ('outcome', s.outcome), ('hour', s.hour::text), ('weekday', extract(isodow from s.day)::int::text),
          (case when s.handling_seconds is not null then 'handling' end, s.handling_seconds::text),
          ('promise', s.promise),
          ('promise_channel', coalesce(s.channel, '') || '|' || s.promise),
          ('promise_line', coalesce(s.line, '') || '|' || s.promise)
        ) as f(dimension, code)
        where f.dimension is not null
        union all select s.day, 'additionalReason', x.code from src s, unnest(s.additional_reasons) as x(code)
        union all select s.day, 'trigger', x.code from src s, unnest(s.triggers) as x(code)
      )
      select p_county, day, dimension, code, count(*)::int from facts group by day, dimension, code;
    $$;

    select stat_contact_refresh(county_id, array_agg(distinct received_on)) from contact group by county_id;
    analyze stat_contact_day;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger if exists contact_stat_dirty_insert on contact;
    drop trigger if exists contact_stat_dirty_update on contact;
    drop trigger if exists contact_stat_dirty_delete on contact;
    drop function if exists stat_mark_dirty();
    drop function if exists stat_contact_refresh(uuid, date[]);
    drop table if exists stat_dirty_day;
    drop table if exists stat_contact_day;
  `.execute(db);
}
