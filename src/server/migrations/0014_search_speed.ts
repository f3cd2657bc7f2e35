import { sql, type Kysely } from 'kysely';

/**
 * Issue 14, the bench at 1 M contacts: a search for a common word or surname read every matching
 * row (20 000 for "häätö") to order them newest first. Three trigram indexes (the person's name,
 * the caller's name, the note and message) become ONE index over the contact's searchable text
 * with the day it was received as its first column (btree_gin), so a search can ask for the
 * newest matches first (`received_on >= …` inside the same index scan) and read only those; an
 * insert updates one GIN index instead of three.
 *
 * The expression and the predicate are CONTACT_SEARCH_DOCUMENT and CONTACT_SEARCH_PREDICATE in
 * features/contacts/queue.queries.ts, text for text: the planner uses the index only for the same
 * expression. Names are only on identified contacts whose data are not erased (the constraints of
 * 0005/0010/0013), so a match in the names needs no further condition.
 *
 * The caller's phone index gets the day received, like the person's identity code and phone
 * indexes, so a person's earlier contacts are read newest first up to the view's limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists btree_gin;
    drop index if exists contact_person_name_trgm_idx;
    drop index if exists contact_caller_name_trgm_idx;
    drop index if exists contact_text_trgm_idx;
    create index contact_search_idx on contact using gin (
      received_on,
      lower(coalesce(person_name, '') || ' ' || coalesce(caller_name, '') || ' ' || coalesce(note, '') || ' ' || coalesce(resident_message, '')) gin_trgm_ops
    ) where person_name is not null or caller_name is not null or note is not null or resident_message is not null;
    drop index if exists contact_caller_phone_idx;
    create index contact_caller_phone_idx on contact(county_id, caller_phone, received_at) where caller_phone is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists contact_search_idx;
    drop index if exists contact_caller_phone_idx;
    create index contact_caller_phone_idx on contact(county_id, caller_phone) where caller_phone is not null;
    create index contact_person_name_trgm_idx on contact using gin (lower(person_name) gin_trgm_ops) where person_name is not null;
    create index contact_caller_name_trgm_idx on contact using gin (lower(caller_name) gin_trgm_ops) where caller_name is not null;
    create index contact_text_trgm_idx on contact using gin (lower(coalesce(note, '') || ' ' || coalesce(resident_message, '')) gin_trgm_ops)
      where note is not null or resident_message is not null;
  `.execute(db);
}
