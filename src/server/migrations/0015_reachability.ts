import { sql, type Kysely } from 'kysely';

/**
 * Issue 15 (the supervisor's month), reachability and staffing:
 *
 * - county.service_level_seconds / service_level_target: the county's service level, "answered
 *   within N seconds" and the share of calls it aims to answer so (default 60 s, 80 %). The
 *   reachability figures and the staffing suggestion use them.
 * - staffing_roster: the workers the supervisor plans on the phones for each weekday (ISO 1–7)
 *   and hour (0–23, Helsinki), county-wide; the staffing view sets it beside what Erlang C says is
 *   needed. No personal data.
 * - phone_call_started_idx: the month's calls by the time they arrived.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table county
      add column service_level_seconds integer not null default 60 check (service_level_seconds between 5 and 3600),
      add column service_level_target numeric(4, 3) not null default 0.8 check (service_level_target > 0 and service_level_target < 1);

    create table staffing_roster (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      weekday smallint not null check (weekday between 1 and 7),
      hour smallint not null check (hour between 0 and 23),
      workers smallint not null check (workers between 0 and 500),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, weekday, hour)
    );
    -- county_id: indexed by unique (county_id, weekday, hour)
    create trigger staffing_roster_updated_at before update on staffing_roster for each row execute function set_updated_at();

    create index phone_call_started_idx on phone_call(county_id, started_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists phone_call_started_idx;
    drop table if exists staffing_roster;
    alter table county drop column if exists service_level_seconds, drop column if exists service_level_target;
  `.execute(db);
}
