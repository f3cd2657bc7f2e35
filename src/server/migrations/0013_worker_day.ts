import { sql, type Kysely } from 'kysely';

/**
 * Issue 14: the guidance worker's day.
 *
 * - contact.resident_message: the resident's own words as sent through a public form, never
 *   edited (a trigger refuses any change but its erasure to null). Personal data of an identified
 *   contact: erased with the person's data. Existing public-form contacts (language set) get it
 *   from their note: the best record there is of what was sent (the note was prefilled with it).
 * - contact.caller_*: who called when it was not the person concerned (contactor is the relation:
 *   close_one, professional, authority, organisation…). Personal data: none on an anonymous
 *   contact, none when the person called themselves, erased with the person's data.
 * - search: trigram indexes on the names and on the note and message text, and the caller's phone.
 * - contact_change: every insert or update of contact is announced with NOTIFY on the channel
 *   `opastin_contact` (statement-level: one notification per statement, the ids when a few rows
 *   changed, the counties when many), so every app process can push it to its open queues (SSE).
 *   The payload holds no personal data. A new timeline event (a referral accepted by the unit, a
 *   consultation answered) is announced the same way as a change of its contact.
 * - worker_preference: a worker's saved queue filters and notification choices.
 * - referral_snapshot.resident_message: the resident's words, when the worker shared them with the unit.
 * - access_log.action 'search': every identified contact a search returns is logged (the query is not).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contact
      add column resident_message text check (length(resident_message) <= 5000),
      add column caller_name text check (length(caller_name) <= 200),
      add column caller_phone text check (caller_phone ~ '^\\+[0-9]{6,15}$'),
      add column caller_organisation text check (length(caller_organisation) <= 200),
      add column caller_relationship text check (length(caller_relationship) <= 100);

    update contact set resident_message = left(note, 5000)
    where language is not null and note is not null and personal_data_erased_at is null;

    alter table contact
      add constraint contact_anonymous_holds_no_caller check (not anonymous or (
        caller_name is null and caller_phone is null and caller_organisation is null and caller_relationship is null
        and (resident_message is null or (resident_message !~* '[0-9]{6}\\s?[-+a-fu-y]\\s?[0-9]{3}[0-9a-y]'
                              and resident_message !~ '(\\+358|(^|[^0-9])0)[ -]?[0-9]{1,3}([ -]?[0-9]){5,}'
                              and resident_message !~* '[^[:space:]@]+@[^[:space:]@]+\\.[a-z]{2,}'))
      )),
      add constraint contact_self_has_no_caller check (contactor <> 'self' or (
        caller_name is null and caller_phone is null and caller_organisation is null and caller_relationship is null
      ));

    -- the resident's words and the caller are personal data: erased with the person's (records-retention.md)
    alter table contact drop constraint contact_erased_holds_no_personal_data;
    alter table contact add constraint contact_erased_holds_no_personal_data check (personal_data_erased_at is null or (
      person_name is null and person_phone is null and person_hetu is null and person_birth_date is null and person_address is null
      and person_email is null and callback_window is null and caller_number is null and note is null and cardinality(acute_trigger_words) = 0
      and resident_message is null and caller_name is null and caller_phone is null and caller_organisation is null and caller_relationship is null));

    create function contact_resident_message_as_sent() returns trigger language plpgsql as $$
    begin
      if new.resident_message is not null and new.resident_message is distinct from old.resident_message then
        raise exception 'the resident''s message is kept as sent: it can only be erased' using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger contact_resident_message_as_sent before update of resident_message on contact
      for each row execute function contact_resident_message_as_sent();

    create index contact_person_name_trgm_idx on contact using gin (lower(person_name) gin_trgm_ops) where person_name is not null;
    create index contact_caller_name_trgm_idx on contact using gin (lower(caller_name) gin_trgm_ops) where caller_name is not null;
    create index contact_text_trgm_idx on contact using gin (lower(coalesce(note, '') || ' ' || coalesce(resident_message, '')) gin_trgm_ops)
      where note is not null or resident_message is not null;
    create index contact_caller_phone_idx on contact(county_id, caller_phone) where caller_phone is not null;
    create index contact_caller_number_idx on contact(county_id, caller_number) where caller_number is not null;

    -- one announcement for both triggers: one notification a contact when a statement changed up
    -- to 20, else one 'bulk' a county
    create function contact_announce(ids uuid[], op text) returns void language plpgsql as $$
    declare
      payload text;
    begin
      if coalesce(array_length(ids, 1), 0) <= 20 then
        for payload in
          select json_build_object('county', c.county_id, 'id', c.id, 'op', op, 'status', c.status, 'line', c.phone_line_id,
            'acute', c.acute, 'assigned', c.assigned_user_id, 'by', c.created_by_user_id)::text
          from contact c where c.id = any(ids)
        loop
          perform pg_notify('opastin_contact', payload);
        end loop;
      else
        for payload in select json_build_object('county', c.county_id, 'op', 'bulk')::text from contact c where c.id = any(ids) group by c.county_id
        loop
          perform pg_notify('opastin_contact', payload);
        end loop;
      end if;
    end $$;

    create function contact_change_notify() returns trigger language plpgsql as $$
    begin
      perform contact_announce(array(select id from changed), lower(tg_op));
      return null;
    end $$;
    create trigger contact_change_insert after insert on contact referencing new table as changed
      for each statement execute function contact_change_notify();
    create trigger contact_change_update after update on contact referencing new table as changed
      for each statement execute function contact_change_notify();

    -- a step taken elsewhere in the contact's matter (a referral accepted, a consultation answered)
    -- writes its timeline: announced as a change of the contact, so its open views refresh; a
    -- contact whose row this transaction wrote itself is already announced by contact_change
    create function contact_event_notify() returns trigger language plpgsql as $$
    begin
      perform contact_announce(array(
        select c.id from contact c where c.id in (select contact_id from changed)
          and c.xmin::text <> (pg_current_xact_id()::text::numeric % 4294967296)::text
      ), 'update');
      return null;
    end $$;
    create trigger contact_event_change after insert on contact_event referencing new table as changed
      for each statement execute function contact_event_notify();

    create table worker_preference (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null unique references app_user(id) on delete cascade,
      settings jsonb not null default '{}' check (jsonb_typeof(settings) = 'object' and length(settings::text) <= 20000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    -- a search that returns an identified contact is logged as what it is: a deliberate look-up (H1)
    alter table access_log drop constraint access_log_action_check;
    alter table access_log add constraint access_log_action_check check (action in ('read', 'create', 'update', 'delete', 'export', 'print', 'search'));

    alter table referral_snapshot add column resident_message text check (length(resident_message) <= 5000);
    alter table referral_snapshot drop constraint referral_snapshot_erased_is_empty;
    alter table referral_snapshot add constraint referral_snapshot_erased_is_empty check (erased_at is null or (person_name is null and person_phone is null and person_hetu is null
        and person_birth_date is null and person_address is null and person_email is null and callback_window is null and resident_message is null));
  `.execute(db);
}
