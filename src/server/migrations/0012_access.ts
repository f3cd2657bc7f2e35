import { sql, type Kysely } from 'kysely';

/**
 * Issue 12, parts 5 and 6: access that ends with the hand-off, and an access log people can use.
 *
 * - referral_snapshot: what was shared with the receiving unit when the referral was sent (the
 *   person's details as they were then). The unit reads the snapshot, never the live contact.
 *   Existing referrals get a snapshot from the contact's current data: the best available record
 *   of what was shared (the sending-time values were never stored).
 * - access_log.person_key: a keyed hash (HMAC-SHA-256, the key outside the database) of the
 *   identity code of the person a row concerns, so "who has seen this person" finds reads under
 *   any subject, also after the contact's personal data are erased. The row hash covers it for
 *   new rows; concat_ws skips a null, so the hash of every older row (no key) is unchanged.
 * - access_log_actor_subject_idx: the "already logged in this viewing session?" look-up.
 * - access_log_checkpoint: signed anchors of the chain (Ed25519, the key outside the database),
 *   append-only like the log itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table access_log add column person_key text check (person_key ~ '^[0-9a-f]{64}$');
    create index access_log_person_key_idx on access_log(person_key, seq) where person_key is not null;
    create index access_log_actor_subject_idx on access_log(actor_user_id, subject_type, subject_id, created_at desc) where actor_user_id is not null;

    create or replace function access_log_row_hash(prev_hash text, r access_log) returns text
    language sql immutable as $$
      select encode(sha256(convert_to(concat_ws(E'\\x1f',
        prev_hash, r.seq::text, r.id::text, coalesce(r.county_id::text, ''), coalesce(r.actor_user_id::text, ''),
        r.actor_label, r.subject_type, r.subject_id, r.action, r.purpose, coalesce(r.details::text, ''),
        to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        r.person_key
      ), 'UTF8')), 'hex')
    $$;

    create table access_log_checkpoint (
      id uuid primary key default gen_random_uuid(),
      scope text not null default 'global' check (scope = 'global'),
      seq bigint not null check (seq >= 0),
      hash text not null,
      row_count bigint not null check (row_count >= 0),
      signed_at timestamptz not null,
      payload text not null,
      signature text not null,
      public_key text not null,
      created_at timestamptz not null default now()
    );
    create index access_log_checkpoint_seq_idx on access_log_checkpoint(seq desc);

    create function access_log_checkpoint_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'access_log_checkpoint is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end $$;
    create trigger access_log_checkpoint_no_update before update or delete on access_log_checkpoint
      for each row execute function access_log_checkpoint_refuse_change();
    create trigger access_log_checkpoint_no_truncate before truncate on access_log_checkpoint
      for each statement execute function access_log_checkpoint_refuse_change();

    create table referral_snapshot (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null unique references referral(id) on delete cascade,
      person_name text,
      person_phone text,
      person_hetu text,
      person_birth_date date,
      person_address text,
      person_email text,
      callback_window text,
      language text,
      -- 'sent': taken when the referral was sent; 'migration': from the contact's data when 0012 ran
      source text not null check (source in ('sent', 'migration')),
      taken_at timestamptz not null,
      erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint referral_snapshot_erased_is_empty check (erased_at is null or (person_name is null and person_phone is null and person_hetu is null
        and person_birth_date is null and person_address is null and person_email is null and callback_window is null))
    );
    create index referral_snapshot_person_hetu_idx on referral_snapshot(person_hetu) where person_hetu is not null;

    insert into referral_snapshot (referral_id, person_name, person_phone, person_hetu, person_birth_date, person_address, person_email, callback_window, language, source, taken_at)
    select r.id, c.person_name, c.person_phone, c.person_hetu, c.person_birth_date, c.person_address, c.person_email, c.callback_window, c.language, 'migration', now()
    from referral r join contact c on c.id = r.contact_id
    where r.personal_data_erased_at is null and c.personal_data_erased_at is null;

    insert into referral_snapshot (referral_id, language, source, taken_at, erased_at)
    select r.id, c.language, 'migration', now(), coalesce(r.personal_data_erased_at, c.personal_data_erased_at)
    from referral r join contact c on c.id = r.contact_id
    where r.personal_data_erased_at is not null or c.personal_data_erased_at is not null;
  `.execute(db);
}
