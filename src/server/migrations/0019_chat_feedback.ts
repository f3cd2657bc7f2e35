import { sql, type Kysely } from 'kysely';

/**
 * Issue 16: the chat and client feedback.
 *
 * - county: the chat's settings (chats a worker holds at once, minutes after which a chat whose
 *   resident has vanished closes itself, and whether feedback is asked) and chat_opening_slot, its
 *   weekly hours (public holidays closed, as a line's: domain/opening-hours.ts).
 * - chat: one per chat contact (channel `chat`), the resident's side of it. The resident holds a
 *   random token; only its HMAC is stored. `next_seq` numbers the messages: taken under the row's
 *   lock in the same transaction as the message, so a chat's messages are ordered and gapless.
 * - chat_message: the transcript, belonging to the contact. `client_id` makes a resent message
 *   (after a lost acknowledgement) the same message. Erased by the database (triggers below): an
 *   anonymous chat's words when its contact closes, an identified one's with the contact's personal
 *   data (the retention job); deleted with the chat. System lines (joined, transferred) hold no words.
 * - saved_reply: a county's saved replies, per language.
 * - feedback_invite: a closed contact's one-time right to give feedback; the token is derived from
 *   the contact (HMAC) and only its hash is stored. Deleted with the contact.
 * - feedback: what residents thought of us: a score (1–5) and free text, with the channel, line
 *   and day only. No link to the contact, the invite or any person (nothing to join on): the text
 *   is never shown beside identifying data.
 * - NOTIFY opastin_chat: `{chat, county, contact, kind, seq}` after every message and change of a
 *   chat's state; typing is announced by the app the same way. Ids and numbers only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table county
      add column chat_max_per_worker smallint not null default 3 check (chat_max_per_worker between 1 and 10),
      add column chat_idle_minutes smallint not null default 10 check (chat_idle_minutes between 2 and 120),
      add column feedback_enabled boolean not null default true;

    create table chat_opening_slot (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      weekday smallint not null check (weekday between 1 and 7),
      opens time not null,
      closes time not null check (closes > opens),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index chat_opening_slot_county_idx on chat_opening_slot(county_id, weekday);
    create trigger chat_opening_slot_updated_at before update on chat_opening_slot for each row execute function set_updated_at();

    create table chat (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      contact_id uuid not null unique references contact(id) on delete cascade,
      token_hash text not null unique,
      status text not null default 'waiting' check (status in ('waiting', 'active', 'ended')),
      ended_reason text check (ended_reason in ('closed', 'resident_left', 'timeout', 'callback')),
      answered_at timestamptz,
      ended_at timestamptz,
      resident_seen_at timestamptz not null,
      next_seq integer not null default 0,
      -- the order chats arrived in, for the queue's ties (two chats started in the same instant)
      arrival bigint generated always as identity,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'ended') = (ended_at is not null and ended_reason is not null))
    );
    -- contact_id: indexed by its unique constraint
    create index chat_county_status_idx on chat(county_id, status, created_at);
    create index chat_created_idx on chat(county_id, created_at) include (status, answered_at, ended_reason);
    create trigger chat_updated_at before update on chat for each row execute function set_updated_at();

    create table chat_message (
      id uuid primary key default gen_random_uuid(),
      chat_id uuid not null references chat(id) on delete cascade,
      seq integer not null,
      sender text not null check (sender in ('resident', 'worker', 'system')),
      user_id uuid references app_user(id),
      client_id uuid,
      kind text not null default 'text' check (kind in ('text', 'service_card', 'event')),
      body text,
      card jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (chat_id, seq),
      unique (chat_id, sender, client_id)
    );
    -- chat_id: indexed by unique (chat_id, seq)
    create index chat_message_user_idx on chat_message(user_id) where user_id is not null;
    create trigger chat_message_updated_at before update on chat_message for each row execute function set_updated_at();

    create table saved_reply (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      lang text not null check (lang in ('fi', 'sv', 'en')),
      title text not null check (length(title) between 1 and 100),
      body text not null check (length(body) between 1 and 2000),
      sort_order integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index saved_reply_county_idx on saved_reply(county_id, lang, sort_order);
    create trigger saved_reply_updated_at before update on saved_reply for each row execute function set_updated_at();

    create table feedback_invite (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      contact_id uuid not null unique references contact(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    -- contact_id: indexed by its unique constraint
    create index feedback_invite_county_idx on feedback_invite(county_id);
    create trigger feedback_invite_updated_at before update on feedback_invite for each row execute function set_updated_at();

    create table feedback (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      channel text not null,
      phone_line_id uuid references phone_line(id),
      given_on date not null,
      lang text not null check (lang in ('fi', 'sv', 'en')),
      score smallint not null check (score between 1 and 5),
      text text check (length(text) <= 2000),
      -- a day, not a moment: the time of giving feedback must not tie it to a contact's closing
      created_at timestamptz not null default date_trunc('day', now()),
      updated_at timestamptz not null default date_trunc('day', now())
    );
    create index feedback_county_day_idx on feedback(county_id, given_on);
    create index feedback_line_idx on feedback(phone_line_id) where phone_line_id is not null;

    -- the transcript is the resident's words: erased with the contact's personal data, whatever erased it
    create function chat_erase_transcript() returns trigger language plpgsql as $$
    begin
      delete from chat_message m using chat c
        where c.contact_id = new.id and m.chat_id = c.id and m.sender <> 'system';
      update chat_message m set body = null, card = null from chat c
        where c.contact_id = new.id and m.chat_id = c.id and (m.body is not null or m.card is not null);
      return null;
    end $$;
    create trigger contact_erase_chat after update of personal_data_erased_at on contact
      for each row when (new.personal_data_erased_at is not null and old.personal_data_erased_at is null)
      execute function chat_erase_transcript();

    -- a contact that closes ends its chat (whichever route closed it): the resident is told. An
    -- anonymous chat keeps nothing of what was said once it is closed: its statistics only.
    create function chat_end_on_close() returns trigger language plpgsql as $$
    begin
      update chat set status = 'ended', ended_reason = 'closed', ended_at = coalesce(new.closed_at, now())
        where contact_id = new.id and status <> 'ended';
      if new.anonymous then
        delete from chat_message m using chat c where c.contact_id = new.id and m.chat_id = c.id and m.sender <> 'system';
      end if;
      return null;
    end $$;
    create trigger contact_close_chat after update of status on contact
      for each row when (new.status = 'closed' and old.status <> 'closed' and new.channel = 'chat')
      execute function chat_end_on_close();

    -- a chat contact handed to another worker (transfer, a supervisor's take-over): the resident is told
    create function chat_note_transfer() returns trigger language plpgsql as $$
    declare
      c record;
      s integer;
    begin
      select id, status into c from chat where contact_id = new.id and status <> 'ended' for update;
      if not found then return null; end if;
      update chat set next_seq = next_seq + 1,
          status = 'active', answered_at = coalesce(answered_at, now())
        where id = c.id returning next_seq into s;
      insert into chat_message (chat_id, seq, sender, user_id, kind, body) values (c.id, s, 'system', new.assigned_user_id, 'event', 'transferred');
      return null;
    end $$;
    create trigger contact_transfer_chat after update of assigned_user_id on contact
      for each row when (new.channel = 'chat' and old.assigned_user_id is not null and new.assigned_user_id is not null
                         and old.assigned_user_id <> new.assigned_user_id and new.status <> 'closed')
      execute function chat_note_transfer();

    create function chat_notify() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'chat' then
        perform pg_notify('opastin_chat', json_build_object('chat', new.id, 'county', new.county_id, 'contact', new.contact_id, 'kind', 'state', 'seq', new.next_seq)::text);
      else
        perform pg_notify('opastin_chat', json_build_object('chat', c.id, 'county', c.county_id, 'contact', c.contact_id, 'kind', 'message', 'seq', new.seq)::text)
          from chat c where c.id = new.chat_id;
      end if;
      return null;
    end $$;
    create trigger chat_notify_state after insert or update of status, answered_at on chat for each row execute function chat_notify();
    create trigger chat_message_notify after insert on chat_message for each row execute function chat_notify();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger if exists contact_close_chat on contact;
    drop trigger if exists contact_transfer_chat on contact;
    drop function if exists chat_note_transfer();
    drop trigger if exists contact_erase_chat on contact;
    drop table if exists feedback;
    drop table if exists feedback_invite;
    drop table if exists saved_reply;
    drop table if exists chat_message;
    drop table if exists chat;
    drop table if exists chat_opening_slot;
    drop function if exists chat_notify();
    drop function if exists chat_end_on_close();
    drop function if exists chat_erase_transcript();
    alter table county drop column if exists chat_max_per_worker, drop column if exists chat_idle_minutes, drop column if exists feedback_enabled;
  `.execute(db);
}
