import { sql, type Kysely } from 'kysely';

/**
 * The referrals' statistics from a rollup (issue 15, part 6), as the contacts' are (0016): at
 * national volumes a month beside the same month a year earlier holds some 50 000 referrals, and
 * counting them at each read took longer than the whole report may.
 *
 * - stat_referral_day: for each county and Helsinki day referrals were sent, one row per
 *   (dimension, code): ('sent', null), ('status', 'returned'), ('kind', …), ('target', unit code or
 *   'external'), ('outcome', …), ('channel', …) and ('channel_target', 'phone|adult_social_work')
 *   by the contact's channel when sent ('' none); ('due', '2026-11-04') for a referral waiting to
 *   be accepted or to reach the client by that day (overdue is decided when read, by the day);
 *   ('accepted', 'on_time' | 'late'); and the statutory clocks: ('clock', state),
 *   ('clock_basis', 'shl_36|state'), ('clock_channel', 'phone|state'), ('clock_line', 'l1|state')
 *   where state is 'met', 'missed', 'cancelled' or 'u:<deadline>' (pending or missed by the day read).
 * - stat_referral_dirty_day: the days whose referrals changed; a statement-level trigger on
 *   referral marks the sent day (old and new) of every row inserted, updated or deleted;
 *   stat_referral_refresh(county, days) rewrites them. refreshStatistics does both rollups.
 *
 * The contacts' rollup (stat_contact_day) gains the heat map per channel, ('channel_weekday_hour',
 * 'phone|1|9': channel, ISO weekday, Helsinki hour of arrival; '' no channel), and the calls, read
 * in the same range scans: per call
 * ('call', 'line|hour|kind') with kind o (outside the line's hours), a (answered), x (abandoned),
 * r (ringing); ('call_day', '2026-11-03|a'); the waits of the answered as ('call_wait',
 * 'line|seconds') and of the abandoned as ('call_abandon', 'line|seconds'), in whole seconds, so
 * the mean, the 90th percentile and the service level at any number of seconds come from these
 * histograms; and the callback tasks ('callback', 'line'), ('callback_done', 'line|seconds to
 * reach'). A statement-level trigger on phone_call marks the Helsinki day each call arrived.
 *
 * No personal data: codes and counts only. The migration rolls up every existing day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table stat_referral_day (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      day date not null,
      dimension text not null,
      code text,
      count integer not null check (count > 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- county_id: indexed by stat_referral_day_key_idx; a period is read by this index alone
    create unique index stat_referral_day_key_idx on stat_referral_day (county_id, day, dimension, code) include (count) nulls not distinct;
    create trigger stat_referral_day_updated_at before update on stat_referral_day for each row execute function set_updated_at();

    create table stat_referral_dirty_day (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      day date not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, day)
    );
    -- county_id: indexed by unique (county_id, day)
    create trigger stat_referral_dirty_day_updated_at before update on stat_referral_dirty_day for each row execute function set_updated_at();

    create function stat_referral_mark_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into stat_referral_dirty_day (county_id, day)
          select distinct county_id, (sent_at at time zone 'Europe/Helsinki')::date from new_rows on conflict do nothing;
      elsif tg_op = 'UPDATE' then
        insert into stat_referral_dirty_day (county_id, day)
          select county_id, (sent_at at time zone 'Europe/Helsinki')::date from new_rows
          union select county_id, (sent_at at time zone 'Europe/Helsinki')::date from old_rows
          on conflict do nothing;
      else
        insert into stat_referral_dirty_day (county_id, day)
          select distinct county_id, (sent_at at time zone 'Europe/Helsinki')::date from old_rows on conflict do nothing;
      end if;
      return null;
    end $$;
    create trigger referral_stat_dirty_insert after insert on referral referencing new table as new_rows for each statement execute function stat_referral_mark_dirty();
    create trigger referral_stat_dirty_update after update on referral referencing old table as old_rows new table as new_rows for each statement execute function stat_referral_mark_dirty();
    create trigger referral_stat_dirty_delete after delete on referral referencing old table as old_rows for each statement execute function stat_referral_mark_dirty();

    -- The rules of statistics.queries.ts referralStatistics (the filtered count), day by day.
    create function stat_referral_refresh(p_county uuid, p_days date[]) returns void language sql as $$
      delete from stat_referral_day where county_id = p_county and day = any(p_days);
      insert into stat_referral_day (county_id, day, dimension, code, count)
      with src as (
        select d.day, f.kind, f.status, f.outcome, coalesce(u.code, 'external') as target, coalesce(f.contact_channel, '') as channel,
               coalesce(l.code, '') as line, f.legal_basis,
               case f.status when 'requested' then f.accept_by when 'accepted' then f.contact_by end as due,
               case when f.accepted_at is not null then
                 case when (f.accepted_at at time zone 'Europe/Helsinki')::date <= f.accept_by then 'on_time' else 'late' end end as accepted,
               case when f.legal_deadline is null then null
                    when coalesce(f.client_contacted_at, f.completed_at) is not null then
                      case when (coalesce(f.client_contacted_at, f.completed_at) at time zone 'Europe/Helsinki')::date <= f.legal_deadline then 'met' else 'missed' end
                    when f.status = 'cancelled' then 'cancelled'
                    else 'u:' || f.legal_deadline::text end as clock
        from unnest(p_days) as d(day)
        join referral f on f.county_id = p_county
          and f.sent_at >= (d.day::timestamp at time zone 'Europe/Helsinki') and f.sent_at < ((d.day + 1)::timestamp at time zone 'Europe/Helsinki')
        left join receiving_unit u on u.id = f.receiving_unit_id
        left join phone_line l on l.id = f.contact_phone_line_id
      ),
      facts as (
        select s.day, x.dimension, x.code
        from src s cross join lateral (values
          ('sent', null::text), ('status', s.status), ('kind', s.kind), ('target', s.target),
          (case when s.outcome is not null then 'outcome' end, s.outcome),
          ('channel', s.channel), ('channel_target', s.channel || '|' || s.target),
          (case when s.due is not null then 'due' end, s.due::text),
          (case when s.accepted is not null then 'accepted' end, s.accepted),
          (case when s.clock is not null then 'clock' end, s.clock),
          (case when s.clock is not null then 'clock_basis' end, s.legal_basis || '|' || s.clock),
          (case when s.clock is not null then 'clock_channel' end, s.channel || '|' || s.clock),
          (case when s.clock is not null then 'clock_line' end, s.line || '|' || s.clock)
        ) as x(dimension, code)
        where x.dimension is not null
      )
      select p_county, day, dimension, code, count(*)::int from facts group by day, dimension, code;
    $$;

    select stat_referral_refresh(county_id, array_agg(distinct (sent_at at time zone 'Europe/Helsinki')::date)) from referral group by county_id;
    analyze stat_referral_day;

    create function stat_call_mark_dirty() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into stat_dirty_day (county_id, day)
          select distinct county_id, (started_at at time zone 'Europe/Helsinki')::date from new_rows on conflict do nothing;
      elsif tg_op = 'UPDATE' then
        insert into stat_dirty_day (county_id, day)
          select county_id, (started_at at time zone 'Europe/Helsinki')::date from new_rows
          union select county_id, (started_at at time zone 'Europe/Helsinki')::date from old_rows
          on conflict do nothing;
      else
        insert into stat_dirty_day (county_id, day)
          select distinct county_id, (started_at at time zone 'Europe/Helsinki')::date from old_rows on conflict do nothing;
      end if;
      return null;
    end $$;
    create trigger phone_call_stat_dirty_insert after insert on phone_call referencing new table as new_rows for each statement execute function stat_call_mark_dirty();
    create trigger phone_call_stat_dirty_update after update on phone_call referencing old table as old_rows new table as new_rows for each statement execute function stat_call_mark_dirty();
    create trigger phone_call_stat_dirty_delete after delete on phone_call referencing old table as old_rows for each statement execute function stat_call_mark_dirty();

    -- (0018: + the heat map's cells, the calls of the day and the callback tasks) Rewrites a county's days: contacts by the
    -- day received, calls by the Helsinki day they arrived (their waits in whole seconds).
    create or replace function stat_contact_refresh(p_county uuid, p_days date[]) returns void language sql as $$
      delete from stat_contact_day where county_id = p_county and day = any(p_days);
      insert into stat_contact_day (county_id, day, dimension, code, count)
      with src as (
        select c.received_on as day, c.channel, c.contactor, c.service_area, c.urgency,
               c.main_reason, c.outcome, c.additional_reasons, c.triggers, c.anonymous, c.led_to_client_relationship, c.status,
               c.repeat_contacts_30d, c.handling_seconds,
               case when c.channel = 'callback' and c.reached_at is not null then round(extract(epoch from c.reached_at - c.received_at))::bigint end as to_callback,
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
      -- a call: o (outside the line's hours), a (answered), x (abandoned: ended unanswered), r (still ringing)
      calls as (
        select d.day, coalesce(l.code, '') as line, extract(hour from p.started_at at time zone 'Europe/Helsinki')::int as hour,
               case when coalesce(p.hangup_cause, '') = 'line_closed' then 'o' when p.answered_at is not null then 'a'
                    when p.ended_at is not null then 'x' else 'r' end as kind,
               round(extract(epoch from p.answered_at - p.started_at))::bigint as wait,
               round(extract(epoch from p.ended_at - p.started_at))::bigint as lasted
        from unnest(p_days) as d(day)
        join phone_call p on p.county_id = p_county
          and p.started_at >= (d.day::timestamp at time zone 'Europe/Helsinki') and p.started_at < ((d.day + 1)::timestamp at time zone 'Europe/Helsinki')
        left join phone_line l on l.id = p.phone_line_id
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
          ('promise_line', coalesce(s.line, '') || '|' || s.promise),
          ('channel_weekday_hour', coalesce(s.channel, '') || '|' || extract(isodow from s.day)::int::text || '|' || s.hour::text),
          (case when s.channel = 'callback' then 'callback' end, coalesce(s.line, '')),
          (case when s.to_callback is not null then 'callback_done' end, coalesce(s.line, '') || '|' || s.to_callback::text)
        ) as f(dimension, code)
        where f.dimension is not null
        union all select s.day, 'additionalReason', x.code from src s, unnest(s.additional_reasons) as x(code)
        union all select s.day, 'trigger', x.code from src s, unnest(s.triggers) as x(code)
        union all select k.day, f.dimension, f.code
        from calls k cross join lateral (values
          ('call', k.line || '|' || k.hour::text || '|' || k.kind),
          ('call_day', k.day::text || '|' || k.kind),
          (case when k.kind = 'a' then 'call_wait' end, k.line || '|' || k.wait::text),
          (case when k.kind = 'x' then 'call_abandon' end, k.line || '|' || k.lasted::text)
        ) as f(dimension, code)
        where f.dimension is not null
      )
      select p_county, day, dimension, code, count(*)::int from facts group by day, dimension, code;
    $$;
    -- every day with contacts or calls, rewritten by the new function
    select stat_contact_refresh(county_id, array_agg(distinct day)) from (
      select county_id, received_on as day from contact
      union select county_id, (started_at at time zone 'Europe/Helsinki')::date from phone_call) x group by county_id;
    analyze stat_contact_day;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger if exists phone_call_stat_dirty_insert on phone_call;
    drop trigger if exists phone_call_stat_dirty_update on phone_call;
    drop trigger if exists phone_call_stat_dirty_delete on phone_call;
    drop function if exists stat_call_mark_dirty();
    delete from stat_contact_day where dimension in ('channel_weekday_hour', 'call', 'call_day', 'call_wait', 'call_abandon', 'callback', 'callback_done');
    drop trigger if exists referral_stat_dirty_insert on referral;
    drop trigger if exists referral_stat_dirty_update on referral;
    drop trigger if exists referral_stat_dirty_delete on referral;
    drop function if exists stat_referral_mark_dirty();
    drop function if exists stat_referral_refresh(uuid, date[]);
    drop table if exists stat_referral_dirty_day;
    drop table if exists stat_referral_day;
  `.execute(db);
}
