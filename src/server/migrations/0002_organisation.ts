import { sql, type Kysely } from 'kysely';

/** Counties (tenants), municipalities, regions, code sets, phone lines with hours, receiving units. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table county (
      id uuid primary key default gen_random_uuid(),
      code text not null unique check (code ~ '^[a-z0-9_]+$'),
      name_fi text not null,
      name_sv text not null,
      name_en text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table municipality (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      code text not null check (code ~ '^[0-9]{3}$'),
      name_fi text not null,
      name_sv text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, code)
    );
    create index municipality_county_id_idx on municipality(county_id);

    create table region (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      code text not null check (code ~ '^[a-z0-9_]+$'),
      name_fi text not null,
      name_sv text not null,
      name_en text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, code)
    );
    create index region_county_id_idx on region(county_id);

    create table region_municipality (
      id uuid primary key default gen_random_uuid(),
      region_id uuid not null references region(id) on delete cascade,
      municipality_id uuid not null references municipality(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (region_id, municipality_id)
    );
    create index region_municipality_region_id_idx on region_municipality(region_id);
    create index region_municipality_municipality_id_idx on region_municipality(municipality_id);

    -- The vocabularies of codes.md as data: a county can add or rename codes without a release.
    create table code (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      code_set text not null check (code_set in
        ('service_area', 'channel', 'contactor', 'urgency', 'reason', 'outcome', 'referral_outcome')),
      code text not null check (code ~ '^[a-z0-9_]+$'),
      label_fi text not null,
      label_sv text not null,
      label_en text not null,
      sort_order integer not null default 0,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, code_set, code)
    );
    create index code_county_id_idx on code(county_id);

    create table receiving_unit (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      code text not null check (code ~ '^[a-z0-9_]+$'),
      service_area text not null,
      name_fi text not null,
      name_sv text not null,
      name_en text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, code)
    );
    create index receiving_unit_county_id_idx on receiving_unit(county_id);

    create table phone_line (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      code text not null check (code ~ '^[a-z0-9_]+$'),
      region_id uuid references region(id),
      service_area text,
      menu_number integer check (menu_number between 0 and 9),
      authority_only boolean not null default false,
      phone_number text not null,
      name_fi text not null,
      name_sv text not null,
      name_en text not null,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (county_id, code)
    );
    create index phone_line_county_id_idx on phone_line(county_id);
    create index phone_line_region_id_idx on phone_line(region_id);

    -- Weekly opening hours: ISO weekday 1 = Monday; several slots a day (e.g. 9–11 and 13–15).
    create table opening_slot (
      id uuid primary key default gen_random_uuid(),
      phone_line_id uuid not null references phone_line(id) on delete cascade,
      weekday integer not null check (weekday between 1 and 7),
      opens time not null,
      closes time not null check (closes > opens),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index opening_slot_phone_line_id_idx on opening_slot(phone_line_id);

    -- A day that differs from the weekly hours: closed, or open at other hours. Public holidays
    -- close every line without rows here; an exception can open a line on one.
    create table opening_exception (
      id uuid primary key default gen_random_uuid(),
      phone_line_id uuid not null references phone_line(id) on delete cascade,
      day date not null,
      opens time,
      closes time,
      note text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((opens is null and closes is null) or (opens is not null and closes is not null and closes > opens)),
      unique (phone_line_id, day, opens)
    );
    create index opening_exception_phone_line_id_idx on opening_exception(phone_line_id);
  `.execute(db);
  for (const table of ['county', 'municipality', 'region', 'region_municipality', 'code', 'receiving_unit', 'phone_line', 'opening_slot', 'opening_exception']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
