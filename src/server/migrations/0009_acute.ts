import { sql, type Kysely } from 'kysely';

/**
 * Acute contacts and the social emergency service (issue 11).
 *
 * A contact is acute when the resident said someone is in danger now (`danger_now`), when the
 * detector found acute words in the text (its category, with the words that triggered it), or
 * when a worker marked it (`worker`). Acute open contacts come first in the queue: the queue's
 * index leads with `acute`.
 *
 * The social emergency service (sosiaalipäivystys, SHL 29 a §, LsL 26 §) is configured per county:
 * its phone number, its hours (no rows: around the clock), and the receiving unit whose Opastin
 * inbox it reads. An acute or urgent contact, or a child welfare notification, that arrives while
 * the guidance unit is closed is handed to it (`emergency_handoff`), and the resident is told so.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contact
      add column acute boolean not null default false,
      add column acute_reasons text[] not null default '{}',
      add column acute_trigger_words text[] not null default '{}',
      add column acute_flagged_at timestamptz,
      add constraint contact_acute_has_reason check (acute = (cardinality(acute_reasons) > 0)),
      add constraint contact_acute_flagged_at check (acute = (acute_flagged_at is not null)),
      add constraint contact_acute_reason_codes check (acute_reasons <@ array['danger_now', 'worker', 'suicide', 'violence_now', 'child_danger',
        'no_shelter_tonight', 'medical_emergency', 'left_without_care', 'fall_cannot_get_up']::text[]),
      add constraint contact_acute_trigger_words_bounded check (cardinality(acute_trigger_words) <= 20);

    -- the queue: acute open contacts above everything, then the promise, urgency and arrival
    drop index contact_open_queue_idx;
    create index contact_open_queue_idx on contact(county_id, acute desc, respond_by, urgency_rank, received_at) where status <> 'closed';

    alter table county
      add column social_emergency_phone text check (social_emergency_phone ~ '^[0-9 +]{3,20}$'),
      add column social_emergency_unit_id uuid references receiving_unit(id);
    create index county_social_emergency_unit_id_idx on county(social_emergency_unit_id) where social_emergency_unit_id is not null;

    -- The social emergency service's weekly hours; a county without rows has it open around the clock.
    create table social_emergency_slot (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id) on delete cascade,
      weekday integer not null check (weekday between 1 and 7),
      opens time not null,
      closes time not null check (closes > opens),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index social_emergency_slot_county_id_idx on social_emergency_slot(county_id);

    -- An out-of-hours hand-off of an acute or urgent contact to the social emergency service.
    create table emergency_handoff (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      contact_id uuid not null unique references contact(id) on delete cascade,
      reason text not null check (reason in ('acute', 'urgent', 'child_welfare')),
      routed_at timestamptz not null,
      unit_id uuid references receiving_unit(id),
      acknowledged_at timestamptz,
      acknowledged_by_user_id uuid references app_user(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((acknowledged_at is null) = (acknowledged_by_user_id is null))
    );
    -- contact_id: indexed by its unique constraint
    create index emergency_handoff_county_id_idx on emergency_handoff(county_id, routed_at) where acknowledged_at is null;
    create index emergency_handoff_county_all_idx on emergency_handoff(county_id);
    create index emergency_handoff_unit_id_idx on emergency_handoff(unit_id) where unit_id is not null;
    create index emergency_handoff_acknowledged_by_user_id_idx on emergency_handoff(acknowledged_by_user_id) where acknowledged_by_user_id is not null;
  `.execute(db);
  for (const table of ['social_emergency_slot', 'emergency_handoff']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
