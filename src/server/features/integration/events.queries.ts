import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { OutboxRow } from './events.service.js';

/** The pull token is the subscription's secret; the database keeps only its SHA-256 (hex). */
export const tokenHashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export interface TokenSubscription { id: string; countyId: string; countyCode: string; eventTypes: string[]; personalData: boolean; active: boolean }

export async function subscriptionByToken(db: Kysely<DB>, token: string): Promise<TokenSubscription | null> {
  const row = await db.selectFrom('webhook_subscription as s').innerJoin('county as k', 'k.id', 's.county_id')
    .select(['s.id', 's.county_id', 'k.code', 's.event_types', 's.personal_data', 's.active', 's.legal_basis'])
    .where('s.token_hash', '=', tokenHashOf(token)).executeTakeFirst();
  if (!row) return null;
  // personal data only with its legal basis (a CHECK says so too)
  return { id: row.id, countyId: row.county_id, countyCode: row.code, eventTypes: row.event_types, personalData: row.personal_data && row.legal_basis !== null, active: row.active };
}

export async function countyCodeOf(db: Kysely<DB>, countyId: string): Promise<string> {
  return (await db.selectFrom('county').select('code').where('id', '=', countyId).executeTakeFirstOrThrow()).code;
}

/**
 * A page of the county's committed events after the cursor, oldest first. An event whose
 * transaction has not committed has no seq yet and is not seen; seq order is commit order
 * (migration 0022), so a page never skips an event a later page would find below its cursor.
 */
export async function eventsAfter(db: Kysely<DB> | Transaction<DB>, q: { countyId: string; after: string; limit: number; types: readonly string[] }): Promise<{ rows: OutboxRow[]; more: boolean }> {
  if (!q.types.length) return { rows: [], more: false };
  const rows = await db.selectFrom('outbox_event')
    .select(['id', 'seq', 'county_id', 'type', 'subject', 'time', 'data'])
    .where('county_id', '=', q.countyId).where('seq', 'is not', null).where('seq', '>', q.after)
    .where('type', 'in', [...q.types])
    .orderBy('seq').limit(q.limit + 1).execute();
  const more = rows.length > q.limit;
  return { rows: rows.slice(0, q.limit).map((r) => ({ ...r, seq: String(r.seq) })), more };
}

/**
 * Where a county's feed stands, read BEFORE its page (events at or below `head` have committed, so the
 * later page query sees every one of them): `head`, the highest seq committed in the county ('0': none);
 * `horizon`, the highest seq the retention rule has deleted in it (migration 0023; '0': none).
 */
export async function feedBounds(db: Kysely<DB> | Transaction<DB>, countyId: string): Promise<{ head: string; horizon: string }> {
  // one round trip: both in one statement
  const row = await db.selectNoFrom((eb) => [
    eb.selectFrom('outbox_event').select((e) => e.fn.max('seq').as('seq')).where('county_id', '=', countyId).where('seq', 'is not', null).as('head'),
    eb.selectFrom('outbox_horizon').select('pruned_seq').where('county_id', '=', countyId).as('horizon'),
  ]).executeTakeFirstOrThrow();
  return { head: row.head == null ? '0' : String(row.head), horizon: row.horizon == null ? '0' : String(row.horizon) };
}
