import { sql, type Kysely } from 'kysely';

/**
 * The access log (Act 703/2023 § 11): who read or changed whose data, when, and why.
 * Append-only and tamper-evident: each row carries the hash of the previous row, computed by the
 * database under a lock so concurrent writers form one chain; UPDATE, DELETE and TRUNCATE are
 * refused by triggers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table access_log (
      id uuid primary key default gen_random_uuid(),
      seq bigint not null unique,
      county_id uuid references county(id),
      actor_user_id uuid references app_user(id),
      actor_label text not null,
      subject_type text not null check (subject_type in ('person', 'contact', 'user')),
      subject_id text not null,
      action text not null check (action in ('read', 'create', 'update', 'delete', 'export', 'print')),
      purpose text not null,
      details jsonb,
      created_at timestamptz not null default now(),
      prev_hash text not null,
      hash text not null
    );
    create index access_log_county_id_idx on access_log(county_id);
    create index access_log_actor_user_id_idx on access_log(actor_user_id);
    create index access_log_subject_idx on access_log(subject_type, subject_id, created_at);

    create function access_log_row_hash(prev_hash text, r access_log) returns text
    language sql immutable as $$
      select encode(sha256(convert_to(concat_ws(E'\\x1f',
        prev_hash, r.seq::text, r.id::text, coalesce(r.county_id::text, ''), coalesce(r.actor_user_id::text, ''),
        r.actor_label, r.subject_type, r.subject_id, r.action, r.purpose, coalesce(r.details::text, ''),
        to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')
      ), 'UTF8')), 'hex')
    $$;

    create function access_log_chain() returns trigger language plpgsql as $$
    declare
      last_row access_log;
    begin
      perform pg_advisory_xact_lock(7037030011);
      select * into last_row from access_log order by seq desc limit 1;
      new.seq := coalesce(last_row.seq, 0) + 1;
      new.prev_hash := coalesce(last_row.hash, 'genesis');
      new.hash := access_log_row_hash(new.prev_hash, new);
      return new;
    end $$;

    create trigger access_log_chain before insert on access_log
      for each row execute function access_log_chain();

    create function access_log_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'access_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end $$;

    create trigger access_log_no_update before update or delete on access_log
      for each row execute function access_log_refuse_change();
    create trigger access_log_no_truncate before truncate on access_log
      for each statement execute function access_log_refuse_change();
  `.execute(db);
}
