import { sql, type Kysely } from 'kysely';

/**
 * What the statistics of issue 15 (parts 2, 4 and 6) need from the tables they count; the
 * rollups themselves change in 0018 (the heat map per channel, the calls, the referrals).
 *
 * The referrals' statistics (their statutory clocks and onward referrals per channel and line) count
 * the referrals of the period through referral_county_sent_idx. So that the whole county's figures
 * need not visit a million-row contact table for two codes, a referral records the channel and the
 * phone line, region and municipality of the contact it was sent from, as they were when it was
 * sent: `contact_channel`, `contact_phone_line_id`, `contact_region_id`, `contact_municipality_id`,
 * filled by a trigger on insert whoever inserts (the service, the demo history, the bench) and
 * backfilled from the contacts here. The referrals of a region, line or municipality are those
 * sent from its contacts.
 *
 * The contacts of one region, line or municipality in a period (the statistics' filters) were
 * found by intersecting two bitmaps, the whole line's (a fifth of all contacts) with the period's;
 * the three foreign-key indexes gain the received day, (phone_line_id, received_on) etc., and keep
 * their names and their use for the foreign keys.
 *
 * Reachability read each call's contact for its line: a call records the line it came in on,
 * `phone_call.phone_line_id` (set by the CTI event's line; a trigger fills it from the contact when
 * an insert leaves it out; backfilled here). The callback tasks of a period are found by a partial
 * index of the callback contacts (a tenth of all), not by reading every contact of the period.
 *
 * A period's calls and referrals (read by the rollups' refresh and by the statistics of one
 * region, line or municipality: some 60 000 calls and 50 000 referrals in a month beside a year
 * earlier at national volumes) come by their period indexes, which carry the columns counted
 * (INCLUDE) for an index-only scan; these two tables are vacuumed sooner than the default (a fifth
 * of the table inserted), so the visibility map keeps up with the month.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table referral
      add column contact_channel text,
      add column contact_phone_line_id uuid references phone_line(id),
      add column contact_region_id uuid references region(id),
      add column contact_municipality_id uuid references municipality(id);
    create index referral_contact_phone_line_id_idx on referral(contact_phone_line_id) where contact_phone_line_id is not null;
    create index referral_contact_region_id_idx on referral(contact_region_id) where contact_region_id is not null;
    create index referral_contact_municipality_id_idx on referral(contact_municipality_id) where contact_municipality_id is not null;
    create function referral_contact_codes() returns trigger language plpgsql as $$
    begin
      select c.channel, c.phone_line_id, c.region_id, c.municipality_id
        into new.contact_channel, new.contact_phone_line_id, new.contact_region_id, new.contact_municipality_id
        from contact c where c.id = new.contact_id;
      return new;
    end $$;
    create trigger referral_contact_codes before insert on referral for each row execute function referral_contact_codes();
    update referral f set contact_channel = c.channel, contact_phone_line_id = c.phone_line_id, contact_region_id = c.region_id, contact_municipality_id = c.municipality_id
      from contact c where c.id = f.contact_id;
    drop index referral_county_sent_idx;
    create index referral_county_sent_idx on referral(county_id, sent_at) include (kind, status, outcome, accept_by, contact_by, accepted_at, client_contacted_at,
      completed_at, receiving_unit_id, contact_id, legal_deadline, legal_basis, contact_channel, contact_phone_line_id, contact_region_id, contact_municipality_id);
    alter table referral set (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02);
    analyze referral;

    alter table phone_call add column phone_line_id uuid references phone_line(id);
    create function phone_call_line() returns trigger language plpgsql as $$
    begin
      if new.phone_line_id is null then
        select c.phone_line_id into new.phone_line_id from contact c where c.id = new.contact_id;
      end if;
      return new;
    end $$;
    create trigger phone_call_line before insert on phone_call for each row execute function phone_call_line();
    update phone_call p set phone_line_id = c.phone_line_id from contact c where c.id = p.contact_id and c.phone_line_id is not null;
    create index phone_call_line_started_idx on phone_call(phone_line_id, started_at) where phone_line_id is not null;
    drop index phone_call_started_idx;
    create index phone_call_started_idx on phone_call(county_id, started_at) include (answered_at, ended_at, hangup_cause, phone_line_id);
    alter table phone_call set (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_vacuum_scale_factor = 0.02);
    analyze phone_call;
    create index contact_callback_idx on contact(county_id, received_on) where channel = 'callback';

    drop index contact_phone_line_id_idx;
    create index contact_phone_line_id_idx on contact(phone_line_id, received_on) where phone_line_id is not null;
    drop index contact_region_id_idx;
    create index contact_region_id_idx on contact(region_id, received_on) where region_id is not null;
    drop index contact_municipality_id_idx;
    create index contact_municipality_id_idx on contact(municipality_id, received_on) where municipality_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index referral_county_sent_idx;
    create index referral_county_sent_idx on referral(county_id, sent_at);
    alter table referral reset (autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_scale_factor);
    drop index phone_call_started_idx;
    create index phone_call_started_idx on phone_call(county_id, started_at);
    alter table phone_call reset (autovacuum_vacuum_insert_scale_factor, autovacuum_vacuum_scale_factor);
    drop index contact_phone_line_id_idx;
    create index contact_phone_line_id_idx on contact(phone_line_id) where phone_line_id is not null;
    drop index contact_region_id_idx;
    create index contact_region_id_idx on contact(region_id) where region_id is not null;
    drop index contact_municipality_id_idx;
    create index contact_municipality_id_idx on contact(municipality_id) where municipality_id is not null;
    drop index if exists contact_callback_idx;
    drop trigger if exists phone_call_line on phone_call;
    drop function if exists phone_call_line();
    alter table phone_call drop column if exists phone_line_id;
    drop trigger if exists referral_contact_codes on referral;
    drop function if exists referral_contact_codes();
    alter table referral drop column if exists contact_channel, drop column if exists contact_phone_line_id,
      drop column if exists contact_region_id, drop column if exists contact_municipality_id;
  `.execute(db);
}
