import { sql, type Kysely } from 'kysely';

/**
 * The closed loop (domain §§ 5–7, 12): referrals from a contact to a receiving unit or an outside
 * actor, their reminders, consultations, and the emergency department's staff role.
 *
 * The consent gate is a constraint, not only a form rule: a referral holds a consent of its own
 * contact or a legal ground with its reason. An anonymous consultation's question is checked for
 * identity codes, phone numbers and e-mail addresses by the same patterns as an anonymous contact.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table user_role drop constraint user_role_role_check;
    alter table user_role add constraint user_role_role_check
      check (role in ('guidance_worker', 'unit_worker', 'supervisor', 'catalogue_editor', 'admin', 'ed_professional'));

    alter table access_log drop constraint access_log_subject_type_check;
    alter table access_log add constraint access_log_subject_type_check
      check (subject_type in ('person', 'contact', 'user', 'referral', 'consultation'));

    -- a contact whose referral came back is counted, so ping-pong between services shows
    alter table contact add column referral_returns integer not null default 0 check (referral_returns >= 0);

    create table referral (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      contact_id uuid not null references contact(id) on delete cascade,
      kind text not null check (kind in ('message_to_service', 'referral_for_assessment', 'to_own_worker', 'direct_booking')),
      assessment text check (assessment in ('pta', 'hta')),
      receiving_unit_id uuid references receiving_unit(id),
      -- an outside actor (Kela, employment services, NGO, parish): by name, and its catalogue service when known
      external_name text check (length(external_name) between 1 and 200),
      external_service_id uuid references service(id),
      -- the worker's words and the preferred time are personal data: erased with the contact's
      summary text check (length(summary) between 1 and 2000),
      preferred_time text check (length(preferred_time) <= 200),
      needs text[] not null default '{}',
      urgency text not null check (urgency in ('emergency', 'urgent', 'non_urgent')),
      consent_id uuid references consent(id),
      legal_ground text check (legal_ground in ('shl_35', 'child_welfare')),
      legal_ground_reason text check (length(legal_ground_reason) between 1 and 1000),
      booked_at timestamptz,
      booked_place text check (length(booked_place) <= 200),
      status text not null check (status in ('requested', 'accepted', 'returned', 'client_contacted', 'completed', 'cancelled')),
      accept_by date not null,
      contact_by date not null check (contact_by >= accept_by),
      legal_deadline date,
      legal_basis text check (legal_basis in ('shl_36', 'lsl_26', 'thl_51')),
      sent_at timestamptz not null,
      sent_by_user_id uuid not null references app_user(id),
      handler_user_id uuid references app_user(id),
      accepted_at timestamptz,
      client_contacted_at timestamptz,
      completed_at timestamptz,
      returned_at timestamptz,
      return_reason text check (length(return_reason) between 1 and 1000),
      cancelled_at timestamptz,
      cancel_reason text check (length(cancel_reason) between 1 and 1000),
      outcome text,
      outcome_note text check (length(outcome_note) <= 1000),
      -- 0 none, 1 not accepted by accept_by, 2 accepted but the client not contacted by contact_by
      escalation_level smallint not null default 0 check (escalation_level between 0 and 2),
      escalated_at timestamptz,
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint referral_one_target check ((receiving_unit_id is null) <> (external_name is null)),
      constraint referral_consent_or_legal_ground check (consent_id is not null or (legal_ground is not null and legal_ground_reason is not null)),
      constraint referral_summary_until_erased check (summary is not null or personal_data_erased_at is not null),
      constraint referral_assessment_kind check ((kind = 'referral_for_assessment') = (assessment is not null)),
      constraint referral_booking_has_time check (kind <> 'direct_booking' or booked_at is not null),
      constraint referral_returned_has_reason check (status <> 'returned' or (return_reason is not null and returned_at is not null)),
      constraint referral_cancelled_has_reason check (status <> 'cancelled' or (cancel_reason is not null and cancelled_at is not null)),
      constraint referral_completed_has_outcome check (status <> 'completed' or (outcome is not null and completed_at is not null)),
      constraint referral_accepted_has_handler check (status not in ('accepted', 'client_contacted', 'completed') or accepted_at is not null)
    );
    create index referral_contact_id_idx on referral(contact_id);
    create index referral_county_sent_idx on referral(county_id, sent_at);
    create index referral_receiving_unit_id_idx on referral(receiving_unit_id, sent_at desc) where receiving_unit_id is not null;
    create index referral_external_service_id_idx on referral(external_service_id) where external_service_id is not null;
    create index referral_consent_id_idx on referral(consent_id) where consent_id is not null;
    create index referral_sent_by_user_id_idx on referral(sent_by_user_id);
    create index referral_handler_user_id_idx on referral(handler_user_id) where handler_user_id is not null;
    -- a unit's inbox: its open referrals by their next deadline
    create index referral_inbox_idx on referral(receiving_unit_id, accept_by) where status in ('requested', 'accepted', 'client_contacted');
    -- the supervisor's overdue view and the escalation job
    create index referral_not_accepted_idx on referral(county_id, accept_by) where status = 'requested';
    create index referral_not_contacted_idx on referral(county_id, contact_by) where status = 'accepted';

    -- A reminder the escalation job sent: the unit sees it in its inbox until the referral moves on.
    create table referral_reminder (
      id uuid primary key default gen_random_uuid(),
      referral_id uuid not null references referral(id) on delete cascade,
      level smallint not null check (level between 1 and 2),
      due date not null,
      receiving_unit_id uuid references receiving_unit(id),
      sent_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (referral_id, level)
    );
    create index referral_reminder_receiving_unit_id_idx on referral_reminder(receiving_unit_id) where receiving_unit_id is not null;

    create table consultation (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      contact_id uuid not null references contact(id) on delete cascade,
      consultee text not null check (consultee in ('health_nurse', 'social_worker_on_duty', 'multiprofessional_team', 'kela_authority_line', 'other')),
      -- the unit whose workers answer in Opastin; none when the answer comes by phone and the asker records it
      receiving_unit_id uuid references receiving_unit(id),
      anonymous boolean not null,
      question text check (length(question) between 1 and 2000),
      consent_id uuid references consent(id),
      status text not null default 'open' check (status in ('open', 'answered', 'cancelled')),
      answer text check (length(answer) between 1 and 4000),
      answered_by_user_id uuid references app_user(id),
      answered_by_name text check (length(answered_by_name) <= 200),
      answered_at timestamptz,
      asked_by_user_id uuid not null references app_user(id),
      asked_at timestamptz not null,
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint consultation_named_needs_consent check (anonymous or consent_id is not null),
      constraint consultation_question_until_erased check (question is not null or personal_data_erased_at is not null),
      constraint consultation_answered check (status <> 'answered' or ((answer is not null or personal_data_erased_at is not null) and answered_at is not null)),
      constraint consultation_anonymous_holds_no_personal_data check (not anonymous or question is null or (
        question !~* '[0-9]{6}\\s?[-+a-fu-y]\\s?[0-9]{3}[0-9a-y]'
        and question !~ '(\\+358|(^|[^0-9])0)[ -]?[0-9]{1,3}([ -]?[0-9]){5,}'
        and question !~* '[^[:space:]@]+@[^[:space:]@]+\\.[a-z]{2,}'))
    );
    create index consultation_contact_id_idx on consultation(contact_id);
    create index consultation_county_id_idx on consultation(county_id, asked_at);
    create index consultation_receiving_unit_id_idx on consultation(receiving_unit_id, asked_at) where receiving_unit_id is not null;
    create index consultation_open_idx on consultation(receiving_unit_id, asked_at) where status = 'open';
    create index consultation_consent_id_idx on consultation(consent_id) where consent_id is not null;
    create index consultation_answered_by_user_id_idx on consultation(answered_by_user_id) where answered_by_user_id is not null;
    create index consultation_asked_by_user_id_idx on consultation(asked_by_user_id);
  `.execute(db);
  for (const table of ['referral', 'referral_reminder', 'consultation']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
