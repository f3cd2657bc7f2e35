import { sql, type Kysely } from 'kysely';

/**
 * The service catalogue (palvelutarjotin, domain § 11): organisations, services and their
 * channels with service hours, aligned with PTV (each imported object keeps its PTV id) and
 * mappable to HSDS 3.0. Each service links to our service areas and reason codes (suggested on
 * import, editable), has an owner and a review interval, and keeps a history of every change.
 * Full-text search vectors per language are stored generated columns (Finnish, Swedish and
 * English stemming); the words of names and keywords form a dictionary for typos and compounds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table catalogue_organisation (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      ptv_id uuid,
      provider_type text not null check (provider_type in
        ('wellbeing_county', 'municipality', 'state', 'kela', 'employment_services', 'ngo', 'parish', 'private', 'other')),
      business_code text,
      name_fi text, name_sv text, name_en text,
      description_fi text, description_sv text, description_en text,
      municipality_code text check (municipality_code ~ '^[0-9]{3}$'),
      web_url text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (coalesce(name_fi, name_sv, name_en) is not null),
      unique (county_id, ptv_id)
    );
    -- county_id: indexed by unique (county_id, ptv_id)

    create table service (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      ptv_id uuid,
      source text not null check (source in ('ptv', 'local')),
      organisation_id uuid references catalogue_organisation(id),
      kind text not null default 'service' check (kind in ('service', 'permit_or_obligation', 'professional_qualification')),
      name_fi text, name_sv text, name_en text,
      summary_fi text, summary_sv text, summary_en text,
      description_fi text, description_sv text, description_en text,
      -- ontology terms and keywords, for search
      keywords_fi text, keywords_sv text, keywords_en text,
      service_classes text[] not null default '{}',
      target_groups text[] not null default '{}',
      ontology_uris text[] not null default '{}',
      -- municipality codes where the service is offered; nationwide when true
      nationwide boolean not null default false,
      municipalities text[] not null default '{}',
      languages text[] not null default '{}',
      charge_type text check (charge_type in ('free', 'chargeable', 'other')),
      -- our codes: which service areas and reasons the service answers
      service_areas text[] not null default '{}',
      reasons text[] not null default '{}',
      mapping_edited boolean not null default false,
      owner_user_id uuid references app_user(id),
      review_interval_days integer not null default 365 check (review_interval_days between 7 and 1095),
      reviewed_at timestamptz not null default now(),
      ptv_modified timestamptz,
      active boolean not null default true,
      search_fi tsvector generated always as (
        setweight(to_tsvector('finnish', coalesce(name_fi, '')), 'A') || setweight(to_tsvector('finnish', coalesce(keywords_fi, '')), 'B')
        || setweight(to_tsvector('finnish', coalesce(summary_fi, '')), 'B') || setweight(to_tsvector('finnish', coalesce(description_fi, '')), 'C')) stored,
      search_sv tsvector generated always as (
        setweight(to_tsvector('swedish', coalesce(name_sv, '')), 'A') || setweight(to_tsvector('swedish', coalesce(keywords_sv, '')), 'B')
        || setweight(to_tsvector('swedish', coalesce(summary_sv, '')), 'B') || setweight(to_tsvector('swedish', coalesce(description_sv, '')), 'C')) stored,
      search_en tsvector generated always as (
        setweight(to_tsvector('english', coalesce(name_en, '')), 'A') || setweight(to_tsvector('english', coalesce(keywords_en, '')), 'B')
        || setweight(to_tsvector('english', coalesce(summary_en, '')), 'B') || setweight(to_tsvector('english', coalesce(description_en, '')), 'C')) stored,
      -- every name and keyword in one lower-case string: the source of the county's dictionary (catalogue_word)
      search_names text generated always as (lower(coalesce(name_fi, '') || ' ' || coalesce(name_sv, '') || ' ' || coalesce(name_en, '') || ' '
        || coalesce(keywords_fi, '') || ' ' || coalesce(keywords_sv, '') || ' ' || coalesce(keywords_en, ''))) stored,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (coalesce(name_fi, name_sv, name_en) is not null),
      check ((source = 'ptv') = (ptv_id is not null)),
      unique (county_id, ptv_id)
    );
    -- county_id: indexed by unique (county_id, ptv_id)
    create index service_organisation_id_idx on service(organisation_id) where organisation_id is not null;
    create index service_owner_user_id_idx on service(owner_user_id) where owner_user_id is not null;
    create index service_search_fi_idx on service using gin (search_fi);
    create index service_search_sv_idx on service using gin (search_sv);
    create index service_search_en_idx on service using gin (search_en);
    create index service_municipalities_idx on service using gin (municipalities);
    create index service_service_areas_idx on service using gin (service_areas);
    create index service_reasons_idx on service using gin (reasons);
    create index service_target_groups_idx on service using gin (target_groups);
    create index service_review_idx on service(county_id, reviewed_at) where active;

    create table service_channel (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      ptv_id uuid,
      organisation_id uuid references catalogue_organisation(id),
      kind text not null check (kind in ('phone', 'electronic', 'web_page', 'printable_form', 'service_location')),
      name_fi text, name_sv text, name_en text,
      description_fi text, description_sv text, description_en text,
      phones jsonb not null default '[]',
      emails text[] not null default '{}',
      urls jsonb not null default '[]',
      street_fi text, street_sv text, street_number text, postal_code text, post_office_fi text, post_office_sv text,
      municipality_code text check (municipality_code ~ '^[0-9]{3}$'),
      languages text[] not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (coalesce(name_fi, name_sv, name_en) is not null),
      unique (county_id, ptv_id)
    );
    -- county_id: indexed by unique (county_id, ptv_id)
    create index service_channel_organisation_id_idx on service_channel(organisation_id) where organisation_id is not null;

    -- Weekly hours (weekday 1 = Monday; closes_next_day for hours over midnight) and exceptional days.
    create table service_channel_hour (
      id uuid primary key default gen_random_uuid(),
      channel_id uuid not null references service_channel(id) on delete cascade,
      kind text not null check (kind in ('weekly', 'exception')),
      weekday integer check (weekday between 1 and 7),
      opens time,
      closes time,
      closes_next_day boolean not null default false,
      valid_from date,
      valid_to date,
      closed boolean not null default false,
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (kind <> 'weekly' or (weekday is not null and (closed or (opens is not null and closes is not null)))),
      check (kind <> 'exception' or valid_from is not null)
    );
    create index service_channel_hour_channel_id_idx on service_channel_hour(channel_id);

    create table service_service_channel (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references service(id) on delete cascade,
      channel_id uuid not null references service_channel(id) on delete cascade,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (service_id, channel_id)
    );
    -- service_id: indexed by the unique constraint
    create index service_service_channel_channel_id_idx on service_service_channel(channel_id);

    -- The words of the county's service names and keywords: a small dictionary in which a typo or
    -- the second half of a compound is looked up (in memory, by trigrams) before a second search
    create table catalogue_word (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      word text not null check (length(word) between 3 and 100),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, word)
    );
    -- county_id: indexed by unique (county_id, word)

    -- Every change of a service: who or what (import, editor), when, and the fields before and after.
    create table service_revision (
      id uuid primary key default gen_random_uuid(),
      service_id uuid not null references service(id) on delete cascade,
      at timestamptz not null,
      actor_user_id uuid references app_user(id),
      source text not null check (source in ('ptv_import', 'editor', 'review')),
      changes jsonb not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index service_revision_service_id_idx on service_revision(service_id, at);
    create index service_revision_actor_user_id_idx on service_revision(actor_user_id) where actor_user_id is not null;
  `.execute(db);
  for (const table of ['catalogue_organisation', 'service', 'service_channel', 'service_channel_hour', 'service_service_channel', 'catalogue_word', 'service_revision']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
