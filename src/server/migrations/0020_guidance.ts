import { sql, type Kysely } from 'kysely';

/**
 * Issue 17: guidance levels 2 and 3.
 *
 * - contact.guidance_level (1, 2, 3) and contact.guidance_case_id: every contact has a level; an
 *   anonymous contact stays at level 1 (CHECK: levels 2–3 are a client relationship, which needs a
 *   person). Level changes are timeline events (`level_changed`).
 * - question_battery: the first assessment's question batteries, per county, code and version.
 *   Versions are insert-only: a trigger refuses UPDATE, and an answered version cannot be deleted
 *   (the foreign key), so answers always read under the questions they were given under.
 * - guidance_case: a client guidance process (level 2 or 3) of the identified person of its first
 *   contact (a trigger refuses an anonymous or erased one); a named responsible worker; anchored
 *   in a service; closed with an outcome. At most one open case per first contact.
 * - guidance_assessment (answers as jsonb under a battery version, the flags they raised),
 *   guidance_plan (versions: goals in the person's words and agreed steps), follow_up (a task on a
 *   day for a worker; `outreach` when booked because the person was not reached), outreach_attempt
 *   and guidance_meeting (the multi-professional meeting: participants and decisions).
 * - Records: a case is a client document of its service task (domain/retention.ts
 *   `client_guidance`). The trigger contact_statutory_record_kept now also refuses erasing a
 *   contact whose case still holds its data; the retention job erases the case first. Erased
 *   rows keep codes, dates and counts, no words (CHECKs below).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table question_battery (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      code text not null check (code ~ '^[a-z][a-z0-9_]{0,39}$'),
      version integer not null check (version >= 1),
      area text not null,
      title jsonb not null,
      questions jsonb not null check (jsonb_typeof(questions) = 'array'),
      created_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, code, version)
    );
    create index question_battery_created_by_user_id_idx on question_battery(created_by_user_id);
    create function question_battery_insert_only() returns trigger language plpgsql as $$
    begin
      raise exception 'question_battery % version % is published: make a new version instead of changing it', old.code, old.version
        using errcode = 'check_violation';
    end $$;
    create trigger question_battery_insert_only before update on question_battery for each row execute function question_battery_insert_only();

    create table guidance_case (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      contact_id uuid not null references contact(id),
      level smallint not null check (level between 2 and 3),
      status text not null default 'open' check (status in ('open', 'closed')),
      responsible_user_id uuid references app_user(id),
      opened_by_user_id uuid references app_user(id),
      opened_at timestamptz not null,
      intensive_since timestamptz,
      anchored_on date,
      anchored_service text,
      closed_at timestamptz,
      outcome text check (outcome in ('anchored', 'no_longer_needed', 'declined', 'moved_away', 'not_reached')),
      close_note text,
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint guidance_case_closed check ((status = 'closed') = (closed_at is not null and outcome is not null)),
      constraint guidance_case_level3_responsible check (level = 2 or responsible_user_id is not null),
      constraint guidance_case_erased_holds_no_text check (personal_data_erased_at is null or (anchored_service is null and close_note is null))
    );
    create index guidance_case_contact_id_idx on guidance_case(contact_id);
    create unique index guidance_case_one_open_per_contact on guidance_case(contact_id) where status = 'open';
    create index guidance_case_county_open_idx on guidance_case(county_id, status, level);
    create index guidance_case_responsible_user_id_idx on guidance_case(responsible_user_id);
    create index guidance_case_opened_by_user_id_idx on guidance_case(opened_by_user_id);
    create index guidance_case_anchored_idx on guidance_case(county_id, anchored_on);
    create trigger guidance_case_updated_at before update on guidance_case for each row execute function set_updated_at();
    create function guidance_case_identified() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from contact c where c.id = new.contact_id and (c.anonymous or c.personal_data_erased_at is not null)) then
        raise exception 'guidance case on contact %: levels 2 and 3 need an identified person (the contact is anonymous or erased)', new.contact_id
          using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger guidance_case_identified before insert on guidance_case for each row execute function guidance_case_identified();

    alter table contact
      add column guidance_level smallint not null default 1 check (guidance_level between 1 and 3),
      add column guidance_case_id uuid references guidance_case(id),
      add constraint contact_anonymous_level_one check (not anonymous or guidance_level = 1);
    create index contact_guidance_case_id_idx on contact(guidance_case_id);

    create table guidance_assessment (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references guidance_case(id),
      contact_id uuid references contact(id),
      battery_id uuid not null references question_battery(id),
      answers jsonb not null,
      flags jsonb not null default '[]'::jsonb,
      created_by_user_id uuid references app_user(id),
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint guidance_assessment_erased_holds_no_answers check (personal_data_erased_at is null or answers = '{}'::jsonb)
    );
    create index guidance_assessment_case_id_idx on guidance_assessment(case_id);
    create index guidance_assessment_contact_id_idx on guidance_assessment(contact_id);
    create index guidance_assessment_battery_id_idx on guidance_assessment(battery_id);
    create index guidance_assessment_created_by_user_id_idx on guidance_assessment(created_by_user_id);
    create trigger guidance_assessment_updated_at before update on guidance_assessment for each row execute function set_updated_at();

    create table guidance_plan (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references guidance_case(id),
      version integer not null check (version >= 1),
      goals jsonb not null,
      steps jsonb not null default '[]'::jsonb,
      agreed_with_person boolean not null,
      created_by_user_id uuid references app_user(id),
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (case_id, version),
      constraint guidance_plan_has_goals check (personal_data_erased_at is not null or jsonb_array_length(goals) >= 1),
      constraint guidance_plan_erased_holds_no_text check (personal_data_erased_at is null or (goals = '[]'::jsonb and steps = '[]'::jsonb))
    );
    create index guidance_plan_created_by_user_id_idx on guidance_plan(created_by_user_id);
    create trigger guidance_plan_updated_at before update on guidance_plan for each row execute function set_updated_at();

    create table follow_up (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      case_id uuid not null references guidance_case(id),
      kind text not null default 'follow_up' check (kind in ('follow_up', 'outreach')),
      due_on date not null,
      purpose text,
      assigned_user_id uuid references app_user(id),
      created_by_user_id uuid references app_user(id),
      done_at timestamptz,
      done_by_user_id uuid references app_user(id),
      result text check (result in ('reached', 'not_reached')),
      note text,
      cancelled_at timestamptz,
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint follow_up_done check ((done_at is null) = (result is null)),
      constraint follow_up_done_or_cancelled check (done_at is null or cancelled_at is null),
      constraint follow_up_erased_holds_no_text check (personal_data_erased_at is null or (purpose is null and note is null))
    );
    create index follow_up_case_id_idx on follow_up(case_id);
    create index follow_up_open_idx on follow_up(county_id, due_on) where done_at is null and cancelled_at is null;
    create index follow_up_due_idx on follow_up(county_id, due_on);
    create index follow_up_assigned_user_id_idx on follow_up(assigned_user_id);
    create index follow_up_created_by_user_id_idx on follow_up(created_by_user_id);
    create index follow_up_done_by_user_id_idx on follow_up(done_by_user_id);
    create trigger follow_up_updated_at before update on follow_up for each row execute function set_updated_at();

    create table outreach_attempt (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references guidance_case(id),
      at timestamptz not null,
      method text not null check (method in ('phone', 'letter', 'home_visit', 'via_network', 'secure_email')),
      result text not null check (result in ('reached', 'no_answer', 'message_left', 'declined')),
      note text,
      by_user_id uuid references app_user(id),
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint outreach_attempt_erased_holds_no_text check (personal_data_erased_at is null or note is null)
    );
    create index outreach_attempt_case_id_idx on outreach_attempt(case_id, at);
    create index outreach_attempt_by_user_id_idx on outreach_attempt(by_user_id);
    create trigger outreach_attempt_updated_at before update on outreach_attempt for each row execute function set_updated_at();

    create table guidance_meeting (
      id uuid primary key default gen_random_uuid(),
      case_id uuid not null references guidance_case(id),
      status text not null default 'proposed' check (status in ('proposed', 'held', 'cancelled')),
      reasons text[] not null,
      planned_on date,
      held_on date,
      participants jsonb not null default '[]'::jsonb,
      decisions text,
      proposed_by_user_id uuid references app_user(id),
      recorded_by_user_id uuid references app_user(id),
      personal_data_erased_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint guidance_meeting_held check (status <> 'held' or (held_on is not null and (decisions is not null or personal_data_erased_at is not null))),
      constraint guidance_meeting_erased_holds_no_text check (personal_data_erased_at is null or (decisions is null and participants = '[]'::jsonb))
    );
    create index guidance_meeting_case_id_idx on guidance_meeting(case_id);
    create index guidance_meeting_proposed_by_user_id_idx on guidance_meeting(proposed_by_user_id);
    create index guidance_meeting_recorded_by_user_id_idx on guidance_meeting(recorded_by_user_id);
    create index guidance_meeting_held_idx on guidance_meeting(held_on) where status = 'held';
    create trigger guidance_meeting_updated_at before update on guidance_meeting for each row execute function set_updated_at();

    -- a contact that belongs to a guidance case is a client document: its personal data stay until
    -- the case's own data have been erased (the retention job erases the case first)
    create or replace function contact_statutory_record_kept() returns trigger language plpgsql as $$
    begin
      if new.personal_data_erased_at is not null and old.personal_data_erased_at is null then
        if exists (select 1 from initiation i where i.contact_id = new.id and i.personal_data_erased_at is null) then
          raise exception 'contact % holds a matter made pending (a statutory record): its initiation record must reach its own retention period first', new.id
            using errcode = 'check_violation';
        end if;
        if exists (select 1 from guidance_case g where (g.contact_id = new.id or g.id = new.guidance_case_id) and g.personal_data_erased_at is null) then
          raise exception 'contact % belongs to a guidance case (a client document): the case must reach its own retention period first', new.id
            using errcode = 'check_violation';
        end if;
      end if;
      return new;
    end $$;
  `.execute(db);
}
