import { sql, type Kysely } from 'kysely';

/**
 * The resident's front door: what the public site shows for a county (the crisis line, the
 * accessibility feedback address, self-service links), professionals' notifications (SHL 35 §,
 * LsL 25 §) with the notifier's details, the legal clock a notification starts, and the counters
 * of the public forms' rate limits (keys are HMACs: no address or phone number is stored).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table county
      add column crisis_phone text check (crisis_phone ~ '^[0-9 +]{3,20}$'),
      add column accessibility_feedback_email text check (accessibility_feedback_email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      add column accessibility_statement_date date;

    create table self_service_link (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      url text not null check (url ~ '^https://'),
      label_fi text not null check (length(label_fi) between 1 and 120),
      label_sv text not null check (length(label_sv) between 1 and 120),
      label_en text not null check (length(label_en) between 1 and 120),
      sort_order integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index self_service_link_county_id_idx on self_service_link(county_id, sort_order);

    alter table contact
      add column notification_kind text check (notification_kind in ('social_welfare', 'child_welfare')),
      -- a statutory deadline the contact itself starts (LsL 26 §: decide on an investigation within
      -- 7 working days of a child welfare notification)
      add column legal_deadline date,
      add column legal_basis text check (legal_basis in ('lsl_26')),
      -- the language the resident wrote in: the worker answers in it
      add column language text check (language in ('fi', 'sv', 'en')),
      add constraint contact_legal_deadline_has_basis check ((legal_deadline is null) = (legal_basis is null)),
      add constraint contact_notification_is_identified check (notification_kind is null or not anonymous);

    -- Who notified (a professional): personal data, erased with the contact's by the retention job.
    create table notifier (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null unique references contact(id) on delete cascade,
      name text not null check (length(name) between 1 and 200),
      organisation text not null check (length(organisation) between 1 and 200),
      role text check (length(role) <= 200),
      phone text check (phone ~ '^\\+[0-9]{6,15}$'),
      email text check (length(email) <= 200),
      -- does the person know, and agree, that social services are contacted?
      subject_consent text not null check (subject_consent in ('given', 'not_given', 'not_asked')),
      no_consent_reason text check (length(no_consent_reason) <= 1000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (subject_consent = 'given' or no_consent_reason is not null),
      check (phone is not null or email is not null)
    );
    -- contact_id: indexed by its unique constraint

    -- Fixed-window counters of the public forms: one row per scope, key and window.
    create table rate_limit_counter (
      id uuid primary key default gen_random_uuid(),
      scope text not null,
      key_hash text not null,
      window_start timestamptz not null,
      hits integer not null default 1 check (hits >= 1),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (scope, key_hash, window_start)
    );
    create index rate_limit_counter_window_start_idx on rate_limit_counter(window_start);
  `.execute(db);
  for (const table of ['self_service_link', 'notifier', 'rate_limit_counter']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
