import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, WebhookDeliveryState } from '../../platform/schema.js';
import type { z } from 'zod';
import type { deliverySchema, webhookSchema } from './integration.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;
export type WebhookView = z.infer<typeof webhookSchema>;
export type DeliveryView = z.infer<typeof deliverySchema>;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

export interface SubscriptionRow {
  id: string; county_id: string; name: string; url: string | null; event_types: string[]; secret: string;
  personal_data: boolean; legal_basis: string | null; active: boolean; created_at: Date;
}

/** A subscription of the county (null: none, or another county's). */
export async function subscriptionOf(db: Db, countyId: string, id: string, opts: { forUpdate?: boolean } = {}): Promise<SubscriptionRow | null> {
  let q = db.selectFrom('webhook_subscription')
    .select(['id', 'county_id', 'name', 'url', 'event_types', 'secret', 'personal_data', 'legal_basis', 'active', 'created_at'])
    .where('id', '=', id).where('county_id', '=', countyId);
  if (opts.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) ?? null;
}

/**
 * Delivery state per subscription: counts, the last delivery, the oldest event still waiting, and
 * the latest failure among the undelivered (a failure that was followed by delivery is history).
 */
async function countsOf(db: Db, ids: string[]): Promise<Map<string, WebhookView['deliveries']>> {
  const out = new Map<string, WebhookView['deliveries']>();
  if (!ids.length) return out;
  const rows = await db.selectFrom('webhook_subscription as s')
    .select('s.id')
    .select((eb) => [
      eb.selectFrom('webhook_delivery as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.subscription_id', '=', 's.id').where('d.state', '=', 'pending').as('pending'),
      eb.selectFrom('webhook_delivery as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.subscription_id', '=', 's.id').where('d.state', '=', 'delivered').as('delivered'),
      eb.selectFrom('webhook_delivery as d').select(sql<number>`count(*)::int`.as('n')).whereRef('d.subscription_id', '=', 's.id').where('d.state', '=', 'dead').as('dead'),
      eb.selectFrom('webhook_delivery as d').select(sql<Date | null>`max(d.delivered_at)`.as('t')).whereRef('d.subscription_id', '=', 's.id').where('d.state', '=', 'delivered').as('last_delivered_at'),
      eb.selectFrom('webhook_delivery as d').innerJoin('outbox_event as e', 'e.id', 'd.event_id').select(sql<Date | null>`min(e.time)`.as('t'))
        .whereRef('d.subscription_id', '=', 's.id').where('d.state', '=', 'pending').as('oldest_pending_at'),
      eb.selectFrom('webhook_delivery as d').select('d.last_error').whereRef('d.subscription_id', '=', 's.id').where('d.state', '<>', 'delivered')
        .where('d.last_error', 'is not', null).orderBy('d.updated_at', 'desc').orderBy('d.seq', 'desc').limit(1).as('last_error'),
    ])
    .where('s.id', 'in', ids).execute();
  for (const r of rows) {
    out.set(r.id, {
      pending: Number(r.pending ?? 0), delivered: Number(r.delivered ?? 0), dead: Number(r.dead ?? 0),
      lastDeliveredAt: iso(r.last_delivered_at ?? null), oldestPendingAt: iso(r.oldest_pending_at ?? null), lastError: r.last_error ?? null,
    });
  }
  return out;
}

const noDeliveries: WebhookView['deliveries'] = { pending: 0, delivered: 0, dead: 0, lastDeliveredAt: null, oldestPendingAt: null, lastError: null };

function toView(s: SubscriptionRow, counts: WebhookView['deliveries'] | undefined): WebhookView {
  return {
    id: s.id, name: s.name, url: s.url, eventTypes: s.event_types, personalData: s.personal_data, legalBasis: s.legal_basis, active: s.active,
    createdAt: new Date(s.created_at).toISOString(), deliveries: counts ?? noDeliveries,
  };
}

export async function subscriptionsOf(db: Db, countyId: string): Promise<WebhookView[]> {
  const rows = await db.selectFrom('webhook_subscription')
    .select(['id', 'county_id', 'name', 'url', 'event_types', 'secret', 'personal_data', 'legal_basis', 'active', 'created_at'])
    .where('county_id', '=', countyId).orderBy('name').orderBy('id').execute();
  const counts = await countsOf(db, rows.map((r) => r.id));
  return rows.map((r) => toView(r, counts.get(r.id)));
}

export async function subscriptionView(db: Db, row: SubscriptionRow): Promise<WebhookView> {
  return toView(row, (await countsOf(db, [row.id])).get(row.id));
}

function toDelivery(r: {
  id: string; event_id: string; type: string; subject: string; seq: string; state: WebhookDeliveryState; attempts: number; next_attempt_at: Date;
  last_status: number | null; last_error: string | null; delivered_at: Date | null; dead_at: Date | null; created_at: Date;
}): DeliveryView {
  return {
    id: r.id, eventId: r.event_id, type: r.type, subject: r.subject, sequence: String(r.seq), state: r.state, attempts: r.attempts,
    nextAttemptAt: r.state === 'pending' ? iso(r.next_attempt_at) : null, lastStatus: r.last_status, lastError: r.last_error,
    deliveredAt: iso(r.delivered_at), deadAt: iso(r.dead_at), createdAt: iso(r.created_at)!,
  };
}

const deliveryColumns = [
  'd.id', 'd.event_id', 'e.type', 'd.subject', 'd.seq', 'd.state', 'd.attempts', 'd.next_attempt_at', 'd.last_status', 'd.last_error',
  'd.delivered_at', 'd.dead_at', 'd.created_at',
] as const;

/** A subscription's deliveries, newest event first. */
export async function deliveriesOf(db: Db, subscriptionId: string, q: { state?: WebhookDeliveryState; limit: number }): Promise<DeliveryView[]> {
  let query = db.selectFrom('webhook_delivery as d').innerJoin('outbox_event as e', 'e.id', 'd.event_id').select(deliveryColumns)
    .where('d.subscription_id', '=', subscriptionId);
  if (q.state) query = query.where('d.state', '=', q.state);
  return (await query.orderBy('d.seq', 'desc').limit(q.limit).execute()).map(toDelivery);
}

export async function deliveryOf(db: Db, subscriptionId: string, deliveryId: string): Promise<DeliveryView | null> {
  const r = await db.selectFrom('webhook_delivery as d').innerJoin('outbox_event as e', 'e.id', 'd.event_id').select(deliveryColumns)
    .where('d.subscription_id', '=', subscriptionId).where('d.id', '=', deliveryId).executeTakeFirst();
  return r ? toDelivery(r) : null;
}
