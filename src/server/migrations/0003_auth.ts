import { sql, type Kysely } from 'kysely';

/** Staff accounts, roles, unit bindings, database-stored sessions, login attempts for throttling. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table app_user (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      username text not null unique check (username = lower(username) and length(username) between 2 and 100),
      display_name text not null,
      email text,
      password_hash text,
      oidc_issuer text,
      oidc_subject text,
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (oidc_issuer, oidc_subject),
      check (password_hash is not null or oidc_subject is not null or not active)
    );
    create index app_user_county_id_idx on app_user(county_id);

    create table user_role (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      role text not null check (role in ('guidance_worker', 'unit_worker', 'supervisor', 'catalogue_editor', 'admin')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (user_id, role)
    );
    create index user_role_user_id_idx on user_role(user_id);

    create table user_unit (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      receiving_unit_id uuid not null references receiving_unit(id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (user_id, receiving_unit_id)
    );
    create index user_unit_user_id_idx on user_unit(user_id);
    create index user_unit_receiving_unit_id_idx on user_unit(receiving_unit_id);

    -- Only a hash of the session token is stored: a copy of the table cannot be used to log in.
    create table user_session (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references app_user(id) on delete cascade,
      token_hash text not null unique,
      csrf_token text not null,
      auth_method text not null check (auth_method in ('password', 'oidc')),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index user_session_user_id_idx on user_session(user_id);

    create table login_attempt (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      ip text not null,
      succeeded boolean not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index login_attempt_username_created_at_idx on login_attempt(username, created_at);
    create index login_attempt_ip_created_at_idx on login_attempt(ip, created_at);
  `.execute(db);
  for (const table of ['app_user', 'user_role', 'user_unit', 'user_session', 'login_attempt']) {
    await sql`create trigger ${sql.raw(`${table}_updated_at`)} before update on ${sql.table(table)} for each row execute function set_updated_at()`.execute(db);
  }
}
