import { sql, type Kysely } from 'kysely';

/**
 * County administration in the staff app (issue 18).
 * - user_role: a `platform_admin` creates counties and their first administrators; `admin` is the
 *   county's own administrator and sees only its county.
 * - receiving_unit: its contact details, the working days it has to reach a referred client (null:
 *   the product's default, domain/referral.ts) and whether it works in Opastin's inbox or is
 *   reached outside it.
 * - county: the advice contacts' retention where the law leaves the county a choice (null: the
 *   installation's ADVICE_RETENTION_DAYS), the accessibility statement's address.
 * - admin_change: every administrative change with who, when, before and after; insert-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table user_role drop constraint user_role_role_check;
    alter table user_role add constraint user_role_role_check
      check (role in ('guidance_worker', 'unit_worker', 'supervisor', 'catalogue_editor', 'admin', 'ed_professional', 'platform_admin'));

    alter table receiving_unit
      add column phone text check (phone ~ '^[0-9 +]{3,20}$'),
      add column email text check (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
      add column address text check (length(address) between 1 and 300),
      add column client_contact_days smallint check (client_contact_days between 0 and 30),
      add column in_opastin boolean not null default true;

    alter table county
      add column advice_retention_days smallint check (advice_retention_days between 0 and 30),
      add column accessibility_statement_url text check (accessibility_statement_url ~ '^https://');

    create table admin_change (
      id uuid primary key default gen_random_uuid(),
      county_id uuid not null references county(id),
      actor_user_id uuid references app_user(id),
      actor_name text not null,
      object_type text not null check (object_type in
        ('line', 'code', 'region', 'municipality', 'unit', 'user', 'settings', 'link', 'county')),
      object_key text not null check (length(object_key) between 1 and 200),
      action text not null check (action in ('create', 'update', 'retire', 'restore', 'delete', 'deactivate', 'activate')),
      before jsonb,
      after jsonb,
      at timestamptz not null default now(),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index admin_change_county_object_idx on admin_change(county_id, object_type, object_key, at desc);
    create index admin_change_county_at_idx on admin_change(county_id, at desc);
    create index admin_change_actor_user_id_idx on admin_change(actor_user_id) where actor_user_id is not null;

    -- the history is evidence: rows are added, never changed or removed
    create function admin_change_insert_only() returns trigger language plpgsql as $$
    begin
      raise exception 'admin_change is insert-only' using errcode = '55000';
    end $$;
    create trigger admin_change_no_update before update or delete on admin_change
      for each row execute function admin_change_insert_only();
  `.execute(db);
}
