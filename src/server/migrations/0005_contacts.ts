import { sql, type Kysely } from 'kysely';

/**
 * Contacts (yhteydenotto), their timeline, consents, initiations of social welfare matters,
 * callback attempts, phone calls from the CTI, and stored results of idempotent requests.
 *
 * Anonymity is enforced here, not only in forms: an anonymous contact cannot hold a name, phone,
 * identity code, address, e-mail, callback window or free text with an identity code or phone
 * number in it; its caller number (from the phone system) must be gone once it is closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table contact (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      reference text not null,
      channel text not null,
      phone_line_id uuid references phone_line(id),
      service_area text,
      region_id uuid references region(id),
      municipality_id uuid references municipality(id),
      contactor text not null default 'unknown',
      anonymous boolean not null,
      main_reason text,
      additional_reasons text[] not null default '{}',
      note text check (length(note) <= 2000),
      urgency text not null default 'non_urgent',
      -- the queue's second sort key, stored so one index gives the queue's whole order
      urgency_rank smallint generated always as (case urgency when 'emergency' then 0 when 'urgent' then 1 else 2 end) stored,
      received_at timestamptz not null,
      received_on date not null,
      respond_by date not null,
      status text not null default 'new' check (status in ('new', 'in_progress', 'waiting', 'closed')),
      waiting_reason text check (waiting_reason in ('consultation', 'callback_attempt', 'client_to_call_back')),
      assigned_user_id uuid references app_user(id),
      outcome text,
      closed_at timestamptz,
      closed_by_user_id uuid references app_user(id),
      handling_seconds integer check (handling_seconds >= 0),
      led_to_client_relationship boolean,
      triggers text[] not null default '{}',
      -- contacts of the same person in the 30 days up to this one, counted when the person became
      -- known: the statistic must survive the erasure of the identity code and phone it was counted by
      repeat_contacts_30d integer not null default 0 check (repeat_contacts_30d >= 0),
      -- when a worker first took the matter up (claim, callback attempt, answered call or closing):
      -- whether the promise was kept is respond_by against this date in Helsinki
      first_response_at timestamptz,
      callback_attempts_allowed integer not null default 3 check (callback_attempts_allowed between 1 and 10),
      -- personal data: identified contacts only, erased by the retention job
      person_name text check (length(person_name) <= 200),
      person_phone text check (person_phone ~ '^\\+[0-9]{6,15}$'),
      person_hetu text check (person_hetu ~ '^[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]$'),
      person_birth_date date,
      person_address text check (length(person_address) <= 300),
      person_email text check (length(person_email) <= 200),
      callback_window text check (length(callback_window) <= 100),
      caller_number text check (caller_number ~ '^\\+?[0-9]{3,20}$'),
      personal_data_erased_at timestamptz,
      created_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, reference),
      constraint contact_anonymous_holds_no_personal_data check (not anonymous or (
        person_name is null and person_phone is null and person_hetu is null and person_birth_date is null
        and person_address is null and person_email is null and callback_window is null
        and (note is null or (note !~* '[0-9]{6}\\s?[-+a-fu-y]\\s?[0-9]{3}[0-9a-y]'
                              and note !~ '(\\+358|(^|[^0-9])0)[ -]?[0-9]{1,3}([ -]?[0-9]){5,}'
                              and note !~* '[^[:space:]@]+@[^[:space:]@]+\\.[a-z]{2,}'))
      )),
      constraint contact_anonymous_caller_number_gone_when_closed check (not (anonymous and status = 'closed' and caller_number is not null)),
      constraint contact_closed_has_statistics check (status <> 'closed' or (
        outcome is not null and main_reason is not null and closed_at is not null and led_to_client_relationship is not null
      )),
      constraint contact_waiting_has_reason check ((status = 'waiting') = (waiting_reason is not null))
    );
    -- county_id: indexed by unique (county_id, reference)
    -- foreign keys that are often empty: partial indexes serve the lookups and cost no write for a null
    create index contact_phone_line_id_idx on contact(phone_line_id) where phone_line_id is not null;
    create index contact_region_id_idx on contact(region_id) where region_id is not null;
    create index contact_municipality_id_idx on contact(municipality_id) where municipality_id is not null;
    create index contact_assigned_user_id_idx on contact(assigned_user_id) where assigned_user_id is not null;
    create index contact_closed_by_user_id_idx on contact(closed_by_user_id) where closed_by_user_id is not null;
    create index contact_created_by_user_id_idx on contact(created_by_user_id) where created_by_user_id is not null;
    -- the queue: open contacts in the queue's order (promise, urgency, arrival)
    create index contact_open_queue_idx on contact(county_id, respond_by, urgency_rank, received_at) where status <> 'closed';
    -- statistics by month: business dates in Helsinki
    create index contact_received_on_idx on contact(county_id, received_on);
    -- the queue filtered to closed contacts: the most recently closed first
    create index contact_closed_idx on contact(county_id, closed_at desc) where status = 'closed';
    create index contact_person_phone_idx on contact(county_id, person_phone, received_at) where person_phone is not null;
    create index contact_person_hetu_idx on contact(county_id, person_hetu, received_at) where person_hetu is not null;
    create index contact_retention_idx on contact(closed_at) where status = 'closed' and not anonymous and personal_data_erased_at is null;

    create table contact_event (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contact(id) on delete cascade,
      at timestamptz not null,
      actor_user_id uuid references app_user(id),
      kind text not null,
      details jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index contact_event_contact_id_idx on contact_event(contact_id, at);
    create index contact_event_actor_user_id_idx on contact_event(actor_user_id) where actor_user_id is not null;

    create table consent (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contact(id) on delete cascade,
      given_by text not null check (given_by in ('client', 'guardian', 'legal_representative')),
      method text not null check (method in ('verbal', 'written', 'electronic')),
      purpose text not null check (purpose in ('forward_to_unit', 'consultation', 'kela', 'other_actor', 'recording')),
      target text not null check (length(target) between 1 and 200),
      given_at timestamptz not null,
      recorded_by_user_id uuid references app_user(id),
      withdrawn_at timestamptz,
      withdrawn_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index consent_contact_id_idx on consent(contact_id);
    create index consent_recorded_by_user_id_idx on consent(recorded_by_user_id);
    create index consent_withdrawn_by_user_id_idx on consent(withdrawn_by_user_id);

    create table initiation (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contact(id) on delete cascade,
      initiated_on date not null,
      concerns text not null check (length(concerns) between 1 and 1000),
      receiving_unit_id uuid not null references receiving_unit(id),
      urgent boolean not null,
      highest_care_allowance boolean not null default false,
      age_at_initiation integer,
      legal_deadline date,
      recorded_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index initiation_contact_id_idx on initiation(contact_id);
    create index initiation_receiving_unit_id_idx on initiation(receiving_unit_id);
    create index initiation_recorded_by_user_id_idx on initiation(recorded_by_user_id);

    create table callback_attempt (
      id uuid primary key default gen_random_uuid(),
      contact_id uuid not null references contact(id) on delete cascade,
      at timestamptz not null,
      result text not null check (result in ('reached', 'no_answer', 'busy', 'wrong_number', 'voicemail')),
      user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index callback_attempt_contact_id_idx on callback_attempt(contact_id);
    create index callback_attempt_user_id_idx on callback_attempt(user_id);

    create table phone_call (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      call_id text not null,
      contact_id uuid not null references contact(id) on delete cascade,
      state text not null check (state in ('ringing', 'answered', 'ended')),
      answered_by text,
      started_at timestamptz not null,
      answered_at timestamptz,
      ended_at timestamptz,
      hangup_cause text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, call_id)
    );
    -- county_id: indexed by unique (county_id, call_id)
    create index phone_call_contact_id_idx on phone_call(contact_id);

    -- A retried request with the same Idempotency-Key gets the stored answer, not a second effect.
    create table idempotent_request (
      id uuid primary key default gen_random_uuid(),
      scope text not null,
      key text not null check (length(key) between 1 and 200),
      request_hash text not null,
      status_code integer not null,
      response jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (scope, key)
    );
    create index idempotent_request_created_at_idx on idempotent_request(created_at);
  `.execute(db);
  for (const table of ['contact', 'contact_event', 'consent', 'initiation', 'callback_attempt', 'phone_call', 'idempotent_request']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
