import { sql, type Kysely } from 'kysely';

/**
 * Integration and messaging (issue 19, ADR 0017).
 *
 * - outbox_event: the transactional outbox. Triggers on contact, initiation, referral and consent
 *   write one row per domain event in the same transaction as the change, so no code path can
 *   change those records without its event. `data` holds no personal data: ids, the contact's
 *   reference, codes, dates (domain/events.ts documents each type). `seq` is given at commit by a
 *   deferred constraint trigger under a transaction-level advisory lock, so seq order is commit
 *   order: a reader that has seen seq N never later finds a committed event below N (the pull
 *   cursor and the webhook fan-out rely on it). Until commit seq is null.
 * - webhook_subscription / webhook_delivery: a county administrator's subscriptions (URL or
 *   pull-only, event types, the signing secret, the legal basis that lets personal data out) and
 *   one delivery row per subscription and event: pending → delivered, or dead after the retries.
 * - outbox_consumer: the messaging consumer's cursor over the outbox.
 * - outbound_message: e-mails and text messages, queued from events; the recipient's address is
 *   kept only until the message is sent or given up (a CHECK says so); the body is never stored.
 * - message_template: a county's own wording of a message (defaults in domain/messages.ts).
 * - contact.message_channels: the resident's consent to receive messages about their matter
 *   ('email', 'sms'); none on an anonymous contact; emptied with the personal data.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox_event (
      id uuid primary key default gen_random_uuid(),
      seq bigint unique,
      county_id uuid not null references county(id),
      type text not null check (type ~ '^fi\\.opastin\\.[a-z_]+\\.[a-z_]+\\.v[0-9]+$'),
      subject text not null check (subject ~ '^[a-z_]+/[0-9a-f-]{36}$'),
      time timestamptz not null default now(),
      data jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index outbox_event_county_seq_idx on outbox_event(county_id, seq);
    create index outbox_event_time_idx on outbox_event(time);
    create sequence outbox_event_seq;

    -- at commit: the next number, under a lock held until the commit ends, so numbers follow commits
    create function outbox_event_number() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(hashtext('opastin_outbox_seq'));
      update outbox_event set seq = nextval('outbox_event_seq') where id = new.id and seq is null;
      perform pg_notify('opastin_outbox', '');
      return null;
    end $$;
    create constraint trigger outbox_event_number after insert on outbox_event
      deferrable initially deferred for each row execute function outbox_event_number();

    -- A bulk load of synthetic or historical rows (the demo's two years of history, the bench's seed)
    -- says "set local opastin.outbox = 'off'" in its own transaction: those rows are not events that
    -- happened now, and no subscriber should get them. Nothing else sets it.
    create function opastin_emit(p_county uuid, p_type text, p_subject text, p_data jsonb) returns void language plpgsql as $$
    begin
      if current_setting('opastin.outbox', true) = 'off' then return; end if;
      insert into outbox_event (county_id, type, subject, data) values (p_county, p_type, p_subject, jsonb_strip_nulls(p_data));
    end $$;

    -- contact registered (every channel), and a professional's notification received
    create function contact_emit_event() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform opastin_emit(new.county_id, 'fi.opastin.contact.registered.v1', 'contact/' || new.id, jsonb_build_object(
          'contactId', new.id, 'reference', new.reference, 'channel', new.channel, 'contactor', new.contactor,
          'serviceArea', new.service_area, 'mainReason', new.main_reason, 'urgency', new.urgency, 'anonymous', new.anonymous,
          'acute', new.acute, 'notificationKind', new.notification_kind, 'receivedAt', new.received_at, 'respondBy', new.respond_by,
          'phoneLine', (select code from phone_line where id = new.phone_line_id),
          'region', (select code from region where id = new.region_id),
          'municipality', (select code from municipality where id = new.municipality_id)));
        if new.notification_kind is not null then
          perform opastin_emit(new.county_id, 'fi.opastin.notification.received.v1', 'contact/' || new.id, jsonb_build_object(
            'contactId', new.id, 'reference', new.reference, 'notificationKind', new.notification_kind,
            'legalDeadline', new.legal_deadline, 'legalBasis', new.legal_basis, 'receivedAt', new.received_at, 'urgency', new.urgency));
        end if;
      elsif new.personal_data_erased_at is not null and old.personal_data_erased_at is null then
        perform opastin_emit(new.county_id, 'fi.opastin.contact.personal_data_erased.v1', 'contact/' || new.id, jsonb_build_object(
          'contactId', new.id, 'reference', new.reference, 'erasedAt', new.personal_data_erased_at));
      end if;
      return null;
    end $$;
    create trigger contact_emit_event after insert or update of personal_data_erased_at on contact
      for each row execute function contact_emit_event();

    create function initiation_emit_event() returns trigger language plpgsql as $$
    declare c record;
    begin
      select county_id, reference into c from contact where id = new.contact_id;
      perform opastin_emit(c.county_id, 'fi.opastin.initiation.recorded.v1', 'contact/' || new.contact_id, jsonb_build_object(
        'initiationId', new.id, 'contactId', new.contact_id, 'reference', c.reference, 'initiatedOn', new.initiated_on,
        'unit', (select code from receiving_unit where id = new.receiving_unit_id), 'source', new.source, 'urgent', new.urgent,
        'legalDeadline', new.legal_deadline, 'legalBasis', new.legal_basis));
      return null;
    end $$;
    create trigger initiation_emit_event after insert on initiation
      for each row execute function initiation_emit_event();

    -- referral sent, then each status it reaches, and each escalation (a deadline passed)
    create function referral_emit_event() returns trigger language plpgsql as $$
    declare
      v_type text;
      v_ref text;
    begin
      if tg_op = 'INSERT' then
        v_type := 'sent';
      elsif new.status is distinct from old.status then
        v_type := new.status;
      elsif new.escalation_level > old.escalation_level then
        v_type := 'escalated';
      else
        return null;
      end if;
      select reference into v_ref from contact where id = new.contact_id;
      perform opastin_emit(new.county_id, 'fi.opastin.referral.' || v_type || '.v1', 'referral/' || new.id, jsonb_build_object(
        'referralId', new.id, 'contactId', new.contact_id, 'reference', v_ref, 'kind', new.kind,
        'unit', (select code from receiving_unit where id = new.receiving_unit_id), 'externalService', new.external_name,
        'urgency', new.urgency, 'status', new.status, 'acceptBy', new.accept_by, 'contactBy', new.contact_by,
        'legalDeadline', new.legal_deadline, 'legalBasis', new.legal_basis, 'outcome', new.outcome,
        'escalationLevel', new.escalation_level, 'sentAt', new.sent_at));
      return null;
    end $$;
    create trigger referral_emit_event after insert or update of status, escalation_level on referral
      for each row execute function referral_emit_event();

    create function consent_emit_event() returns trigger language plpgsql as $$
    declare c record;
    begin
      if tg_op = 'UPDATE' and not (new.withdrawn_at is not null and old.withdrawn_at is null) then
        return null;
      end if;
      select county_id, reference into c from contact where id = new.contact_id;
      perform opastin_emit(c.county_id, case when tg_op = 'INSERT' then 'fi.opastin.consent.given.v1' else 'fi.opastin.consent.withdrawn.v1' end,
        'contact/' || new.contact_id, jsonb_build_object(
        'consentId', new.id, 'contactId', new.contact_id, 'reference', c.reference, 'purpose', new.purpose,
        'givenBy', new.given_by, 'method', new.method, 'givenAt', new.given_at, 'withdrawnAt', new.withdrawn_at));
      return null;
    end $$;
    create trigger consent_emit_event after insert or update of withdrawn_at on consent
      for each row execute function consent_emit_event();

    create table webhook_subscription (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      name text not null check (length(name) between 1 and 200),
      -- null: a pull-only subscription (GET /api/events with its token)
      url text check (length(url) <= 2000),
      event_types text[] not null check (cardinality(event_types) between 1 and 50),
      -- the HMAC key of the signatures, and (as its SHA-256) the pull token
      secret text not null check (length(secret) >= 32),
      token_hash text not null unique,
      personal_data boolean not null default false,
      legal_basis text check (length(legal_basis) between 1 and 500),
      active boolean not null default true,
      -- the fan-out's cursor: events after this seq become deliveries
      after_seq bigint not null default 0,
      created_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, name),
      constraint webhook_personal_data_needs_basis check (not personal_data or legal_basis is not null)
    );
    create index webhook_subscription_created_by_user_id_idx on webhook_subscription(created_by_user_id) where created_by_user_id is not null;

    create table webhook_delivery (
      id uuid primary key default gen_random_uuid(),
      subscription_id uuid not null references webhook_subscription(id) on delete cascade,
      event_id uuid not null references outbox_event(id) on delete cascade,
      seq bigint not null,
      subject text not null,
      state text not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      last_status integer,
      last_error text check (length(last_error) <= 500),
      delivered_at timestamptz,
      dead_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (subscription_id, event_id)
    );
    create index webhook_delivery_event_id_idx on webhook_delivery(event_id);
    create index webhook_delivery_due_idx on webhook_delivery(subscription_id, seq) where state = 'pending';
    create index webhook_delivery_state_idx on webhook_delivery(subscription_id, state, seq);

    create table outbox_consumer (
      id uuid primary key default gen_random_uuid(),
      name text not null unique check (name ~ '^[a-z_]+$'),
      after_seq bigint not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    insert into outbox_consumer (name) values ('messages');

    create table outbound_message (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      event_id uuid,
      channel text not null check (channel in ('email', 'sms')),
      template text not null check (template ~ '^[a-z_]+$'),
      lang text not null check (lang in ('fi', 'sv', 'en')),
      recipient_kind text not null check (recipient_kind in ('unit', 'supervisor', 'resident')),
      recipient_id uuid not null,
      -- the e-mail address or phone number: only while the message waits to be sent
      address text,
      params jsonb not null default '{}',
      reference text,
      state text not null default 'pending' check (state in ('pending', 'sent', 'dead', 'skipped')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      last_error text check (length(last_error) <= 500),
      provider_id text check (length(provider_id) <= 200),
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint outbound_message_address_only_while_pending check (state = 'pending' or (address is null and params = '{}'::jsonb)),
      unique (event_id, template, channel, recipient_kind, recipient_id)
    );
    create index outbound_message_county_created_idx on outbound_message(county_id, created_at desc);
    create index outbound_message_due_idx on outbound_message(next_attempt_at) where state = 'pending';

    create table message_template (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      template text not null check (template ~ '^[a-z_]+$'),
      channel text not null check (channel in ('email', 'sms')),
      lang text not null check (lang in ('fi', 'sv', 'en')),
      subject text check (length(subject) between 1 and 200),
      body text not null check (length(body) between 1 and 2000),
      updated_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, template, channel, lang)
    );
    create index message_template_updated_by_user_id_idx on message_template(updated_by_user_id) where updated_by_user_id is not null;

    alter table contact add column message_channels text[] not null default '{}'
      check (message_channels <@ array['email', 'sms']::text[]);
    alter table contact add constraint contact_anonymous_gets_no_messages check (not anonymous or cardinality(message_channels) = 0);
    alter table contact add constraint contact_erased_gets_no_messages check (personal_data_erased_at is null or cardinality(message_channels) = 0);
    -- the consent goes with the personal data, whichever code erases it
    create function contact_erase_message_channels() returns trigger language plpgsql as $$
    begin
      if new.personal_data_erased_at is not null then new.message_channels := '{}'; end if;
      return new;
    end $$;
    create trigger contact_erase_message_channels before insert or update of personal_data_erased_at on contact
      for each row execute function contact_erase_message_channels();

    alter table admin_change drop constraint admin_change_object_type_check;
    alter table admin_change add constraint admin_change_object_type_check check (object_type in
      ('line', 'code', 'region', 'municipality', 'unit', 'user', 'settings', 'link', 'county', 'webhook', 'message_template'));
  `.execute(db);
}
