import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { AdminAction, DB, WebhookDeliveryState } from '../../platform/schema.js';
import { AppError, type FieldErrorCode } from '../../platform/errors.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { adminWrite } from '../administration/public.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds } from '../../../domain/events.js';
import type { webhookCreateSchema, webhookUpdateSchema } from './integration.schemas.js';
import { eventsFor, type OutboxRow } from './events.service.js';
import { tokenHashOf } from './events.queries.js';
import { sign } from './signature.js';
import { guardedPost, literalHostRefusal } from './outbound-http.js';
import {
  deliveriesOf, deliveryOf, subscriptionOf, subscriptionView, type DeliveryView, type SubscriptionRow, type WebhookView,
} from './webhooks.queries.js';

type Actor = Pick<SessionUser, 'userId' | 'displayName' | 'countyId'>;
type Db = Kysely<DB> | Transaction<DB>;

/*
 * Webhook subscriptions as the county's administrator keeps them (issue 19, ADR 0017), and the
 * dispatcher's pass that delivers their events. A subscription holds no personal data; its secret
 * is shown once (created, rotated) and never written to the history or a log.
 */

// the field code of a refused address
const INVALID_URL: FieldErrorCode = 'invalid_url';
const MAX_URL_LENGTH = 2000;

const notFound = () => new AppError(404, 'not_found', 'No such webhook subscription in this county.');
const invalidUrl = (why: string) => new AppError(400, 'validation_failed', why, [{ field: 'body.url', code: INVALID_URL, message: why }]);
const basisRequired = () => {
  const why = 'A subscription that receives personal data needs the legal basis that allows it.';
  return new AppError(400, 'validation_failed', why, [{ field: 'body.legalBasis', code: 'required', message: why }]);
};
const nameInUse = (name: string) => {
  const why = `The name "${name}" is already used by another subscription of this county.`;
  return new AppError(409, 'conflict', why, [{ field: 'body.name', code: 'code_in_use', message: why }]);
};
// Opastin always generates the secret: a given one could be another county's (the pull token is
// unique across counties), and telling that it is in use would let a guess be tested
const secretGiven = () => {
  const why = 'Opastin generates the secret; leave it out.';
  return new AppError(400, 'validation_failed', why, [{ field: 'body.secret', code: 'invalid', message: why }]);
};

/**
 * Why a push address is refused (null: acceptable): it must parse, be https (http only on a closed
 * test network, WEBHOOK_ALLOW_HTTP=on), carry no user name or password (a secret in the address
 * would show wherever the address does), no fragment (never sent, so surely a mistake), and not be
 * a literal link-local, metadata or reserved address (the delivery refuses those, and loopback, on
 * the address it connects to).
 */
export function urlProblem(url: string, allowHttp: boolean): string | null {
  if (url.length > MAX_URL_LENGTH) return `The address may be at most ${MAX_URL_LENGTH} characters.`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'Not a valid address: give a full address starting with https://.';
  }
  if (u.protocol !== 'https:' && !(allowHttp && u.protocol === 'http:')) {
    return allowHttp ? 'The address must start with https:// or http://.' : 'The address must start with https:// (events are sent encrypted).';
  }
  if (!u.hostname) return 'The address has no host.';
  if (u.username || u.password) return 'The address must not contain a user name or password: the signature authenticates Opastin.';
  if (url.includes('#')) return 'The address must not contain a fragment (#…).';
  // the delivery checks the address it connects to (outbound-http.ts), loopback too (but on a closed
  // test network); a literal link-local, metadata or reserved one is refused here already
  const literal = literalHostRefusal(u, true);
  if (literal) return `Opastin does not send webhooks to this address (${literal.why}): give the receiving system's address.`;
  return null;
}

/** The address as the history shows it: without its query, which may hold the receiver's token. */
function historyUrl(url: string | null): string | null {
  if (url === null) return null;
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid)';
  }
}

const historyView = (s: Pick<SubscriptionRow, 'name' | 'url' | 'event_types' | 'personal_data' | 'legal_basis' | 'active'>) => ({
  name: s.name, url: historyUrl(s.url), eventTypes: s.event_types, personalData: s.personal_data, legalBasis: s.legal_basis, active: s.active,
});

const newSecret = () => randomBytes(32).toString('base64url');

const uniqueViolation = (err: unknown): string | null =>
  (err as { code?: unknown })?.code === '23505' ? String((err as { constraint?: unknown }).constraint ?? '') : null;

interface Change { action: AdminAction; objectKey: string; before?: unknown; after?: unknown }

/**
 * One write with its history row, through the administration's adminWrite (the county's administrative
 * lock, the history row in the same transaction, every process told after commit).
 */
function webhookWrite<T>(db: Kysely<DB>, actor: Actor, work: (trx: Transaction<DB>) => Promise<{ value: T; change: Change | null }>): Promise<T> {
  return adminWrite(db, actor, async (trx) => {
    const r = await work(trx);
    return { value: r.value, changes: r.change ? [{ objectType: 'webhook' as const, ...r.change }] : [] };
  });
}

async function assertNameFree(db: Db, countyId: string, name: string, exceptId: string | null): Promise<void> {
  let q = db.selectFrom('webhook_subscription').select('id').where('county_id', '=', countyId).where('name', '=', name);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw nameInUse(name);
}

const rethrowNameInUse = (name: string) => (err: unknown): never => {
  if (uniqueViolation(err) === 'webhook_subscription_county_id_name_key') throw nameInUse(name);
  throw err;
};

type CreateInput = z.output<typeof webhookCreateSchema>;
type UpdateInput = z.output<typeof webhookUpdateSchema>;

export interface WebhookSaved { subscription: WebhookView; secret: string | null }

/**
 * A new subscription. It starts at the outbox's newest event: it gets the events committed after
 * it was created (GET /api/events serves the older ones still kept).
 */
export async function createWebhook(db: Kysely<DB>, actor: Actor, input: CreateInput, opts: { allowHttp: boolean; now: Date }): Promise<WebhookSaved> {
  const url = input.url ? input.url : null;
  if (url !== null) { const why = urlProblem(url, opts.allowHttp); if (why) throw invalidUrl(why); }
  const legalBasis = input.legalBasis ?? null;
  if (input.personalData && !legalBasis) throw basisRequired();
  if (input.secret !== undefined) throw secretGiven();
  const secret = newSecret();
  const eventTypes = [...new Set(input.eventTypes)];
  return webhookWrite(db, actor, async (trx) => {
    await assertNameFree(trx, actor.countyId, input.name, null);
    const row = await trx.insertInto('webhook_subscription').values({
      county_id: actor.countyId, name: input.name, url, event_types: eventTypes, secret, token_hash: tokenHashOf(secret),
      personal_data: input.personalData, legal_basis: legalBasis, active: true,
      after_seq: sql<string>`(select coalesce(max(seq), 0) from outbox_event)`,
      created_by_user_id: actor.userId, created_at: opts.now, updated_at: opts.now,
    }).returning(['id', 'county_id', 'name', 'url', 'event_types', 'secret', 'personal_data', 'legal_basis', 'active', 'created_at'])
      .executeTakeFirstOrThrow().catch(rethrowNameInUse(input.name));
    return { value: { subscription: await subscriptionView(trx, row), secret }, change: { action: 'create', objectKey: row.name, after: historyView(row) } };
  });
}

/** Changes a subscription; rotateSecret gives a new secret (returned once), and the old one stops at once. */
export async function updateWebhook(db: Kysely<DB>, actor: Actor, id: string, input: UpdateInput, opts: { allowHttp: boolean; now: Date }): Promise<WebhookSaved> {
  if (input.url) { const why = urlProblem(input.url, opts.allowHttp); if (why) throw invalidUrl(why); }
  return webhookWrite(db, actor, async (trx) => {
    const old = await subscriptionOf(trx, actor.countyId, id, { forUpdate: true });
    if (!old) throw notFound();
    const next = {
      name: input.name ?? old.name,
      url: input.url === undefined ? old.url : input.url || null,
      event_types: input.eventTypes ? [...new Set(input.eventTypes)] : old.event_types,
      personal_data: input.personalData ?? old.personal_data,
      legal_basis: input.legalBasis === undefined ? old.legal_basis : input.legalBasis,
      active: input.active ?? old.active,
    };
    if (next.personal_data && !next.legal_basis) throw basisRequired();
    if (next.name !== old.name) await assertNameFree(trx, actor.countyId, next.name, old.id);
    const before = historyView(old);
    const after = historyView(next);
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    // the real address may differ where the history's (without its query) does not
    const urlChanged = next.url !== old.url;
    if (urlChanged && !changed.includes('url')) changed.push('url');
    const secret = input.rotateSecret ? newSecret() : null;
    if (!changed.length && !secret) return { value: { subscription: await subscriptionView(trx, old), secret: null }, change: null };

    // a pull-only subscription given an address pushes from now on: what came before, its system has pulled
    const startsPushing = old.url === null && next.url !== null;
    const row = await trx.updateTable('webhook_subscription').set({
      ...next, updated_at: opts.now, ...(secret ? { secret, token_hash: tokenHashOf(secret) } : {}),
      ...(startsPushing ? { after_seq: sql<string>`(select coalesce(max(seq), 0) from outbox_event)` } : {}),
    }).where('id', '=', old.id)
      .returning(['id', 'county_id', 'name', 'url', 'event_types', 'secret', 'personal_data', 'legal_basis', 'active', 'created_at'])
      .executeTakeFirstOrThrow().catch(rethrowNameInUse(next.name));
    // a push subscription made pull-only: its system pulls the events, and what waited to be pushed
    // would wait for ever (and keep its events from the retention rule)
    if (old.url !== null && next.url === null) {
      await trx.deleteFrom('webhook_delivery').where('subscription_id', '=', old.id).where('state', '=', 'pending').execute();
    }
    const pick = (v: typeof after) => Object.fromEntries(changed.map((k) => [k, v[k]]));
    const action: AdminAction = changed.length === 1 && changed[0] === 'active' && !secret ? (next.active ? 'activate' : 'deactivate') : 'update';
    return {
      value: { subscription: await subscriptionView(trx, row), secret },
      // never the secret itself: that it changed
      change: { action, objectKey: row.name, before: pick(before), after: { ...pick(after), ...(secret ? { secretRotated: true } : {}) } },
    };
  });
}

/** Deletes a subscription and its deliveries. */
export async function deleteWebhook(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  await webhookWrite(db, actor, async (trx) => {
    const old = await subscriptionOf(trx, actor.countyId, id, { forUpdate: true });
    if (!old) throw notFound();
    await trx.deleteFrom('webhook_subscription').where('id', '=', old.id).execute();
    return { value: undefined, change: { action: 'delete', objectKey: old.name, before: historyView(old) } };
  });
}

export async function webhookDeliveries(db: Kysely<DB>, countyId: string, id: string, q: { state?: WebhookDeliveryState; limit: number }): Promise<DeliveryView[]> {
  if (!(await subscriptionOf(db, countyId, id))) throw notFound();
  return deliveriesOf(db, id, q);
}

/**
 * One delivery again. A dead or delivered one starts over (pending, attempts 0, due now); a pending
 * one is only made due now (its lease, if a dispatcher is sending it, stands: it is not sent twice at once).
 */
export async function replayDelivery(db: Kysely<DB>, actor: Actor, id: string, deliveryId: string, now: Date): Promise<DeliveryView> {
  return webhookWrite(db, actor, async (trx) => {
    const sub = await subscriptionOf(trx, actor.countyId, id, { forUpdate: true });
    if (!sub) throw notFound();
    const d = await trx.selectFrom('webhook_delivery').select(['id', 'state', 'seq']).where('id', '=', deliveryId).where('subscription_id', '=', sub.id).forUpdate().executeTakeFirst();
    if (!d) throw new AppError(404, 'not_found', 'No such delivery of this subscription.');
    if (d.state === 'pending') {
      await trx.updateTable('webhook_delivery').set({ next_attempt_at: now, updated_at: now }).where('id', '=', d.id).execute();
    } else {
      await trx.updateTable('webhook_delivery').set({ state: 'pending', attempts: 0, next_attempt_at: now, dead_at: null, lease_until: null, updated_at: now })
        .where('id', '=', d.id).execute();
    }
    return {
      value: (await deliveryOf(trx, sub.id, d.id))!,
      change: { action: 'update', objectKey: sub.name, after: { replayed: 1, sequence: String(d.seq), wasState: d.state } },
    };
  });
}

/** Every dead delivery of the subscription again. */
export async function replayDead(db: Kysely<DB>, actor: Actor, id: string, now: Date): Promise<{ replayed: number }> {
  return webhookWrite(db, actor, async (trx) => {
    const sub = await subscriptionOf(trx, actor.countyId, id, { forUpdate: true });
    if (!sub) throw notFound();
    const rows = await trx.updateTable('webhook_delivery')
      .set({ state: 'pending', attempts: 0, next_attempt_at: now, dead_at: null, lease_until: null, updated_at: now })
      .where('subscription_id', '=', sub.id).where('state', '=', 'dead').returning('id').execute();
    return { value: { replayed: rows.length }, change: rows.length ? { action: 'update', objectKey: sub.name, after: { replayed: rows.length } } : null };
  });
}

// ——— the dispatcher's pass ———

export interface WebhookDispatchResult {
  fannedOut: number; delivered: number; failed: number; dead: number;
  /** subscriptions that failed at least once in this pass (ids only: an address may hold a token) */
  failing: string[];
  /** the pass stopped at its bound (tries or time) with work left: the dispatcher runs another at once */
  more?: boolean;
}

export interface DispatchOptions {
  /** a closed test network (WEBHOOK_ALLOW_HTTP=on): http:// addresses, and loopback ones */
  allowHttp: boolean;
  fetch?: typeof fetch;
  /** a request's time limit (default 10 s) */
  timeoutMs?: number;
  /** deliveries tried in one pass at most (default 500) */
  maxDeliveries?: number;
  /** no new request after this long into the pass (default 60 s): a pass ends, and its signatures stay fresh */
  budgetMs?: number;
  /** aborted: no new request (the process is shutting down); those under way finish */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_DELIVERIES = 500;
const DEFAULT_BUDGET_MS = 60_000;
/** deliveries a subscription's loop leases at a time */
const ROUND_SIZE = 100;
/** subscriptions delivered to at once in a pass (each one's own loop) */
const MAX_PARALLEL_SUBSCRIPTIONS = 32;
/** events fanned out per subscription and pass: a subscription far behind catches up over a few passes */
const FAN_OUT_CHUNK = 5_000;
/** beyond the longest a leased delivery can take, before another dispatcher may take it over */
const LEASE_MARGIN_MS = 30_000;
const USER_AGENT = 'Opastin-Webhooks/1';

/**
 * Fan-out: each active push subscription gets a delivery for every event of its county and types
 * committed after its cursor, and the cursor moves past every event seen (of any type or county).
 * The subscription row is locked (SKIP LOCKED) so two dispatchers never fan out the same one at
 * once. Seq order is commit order (migration 0022), so `seq > after_seq` never misses an event.
 */
async function fanOut(db: Kysely<DB>, now: Date): Promise<number> {
  const newest = await db.selectFrom('outbox_event').select(sql<string | null>`max(seq)`.as('hi')).executeTakeFirstOrThrow();
  if (newest.hi === null) return 0;
  const subs = await db.selectFrom('webhook_subscription').select('id')
    .where('active', '=', true).where('url', 'is not', null).where('after_seq', '<', newest.hi).orderBy('id').execute();
  let n = 0;
  for (const { id } of subs) {
    n += await db.transaction().execute(async (trx) => {
      const sub = await trx.selectFrom('webhook_subscription').select(['id', 'county_id', 'event_types', 'after_seq'])
        .where('id', '=', id).where('active', '=', true).where('url', 'is not', null).forUpdate().skipLocked().executeTakeFirst();
      if (!sub) return 0;
      const chunk = await trx.selectFrom(
        trx.selectFrom('outbox_event').select('seq').where('seq', '>', sub.after_seq).orderBy('seq').limit(FAN_OUT_CHUNK).as('x'),
      ).select(sql<string | null>`max(x.seq)`.as('hi')).executeTakeFirstOrThrow();
      if (chunk.hi === null) return 0;
      const inserted = await trx.insertInto('webhook_delivery').columns(['subscription_id', 'event_id', 'seq', 'subject', 'next_attempt_at', 'created_at', 'updated_at'])
        .expression(trx.selectFrom('outbox_event as e')
          .select((eb) => [eb.val(sub.id).as('subscription_id'), 'e.id', sql<string>`e.seq`.as('seq'), 'e.subject', eb.val(now).as('next_attempt_at'), eb.val(now).as('created_at'), eb.val(now).as('updated_at')])
          .where('e.seq', '>', sub.after_seq).where('e.seq', '<=', chunk.hi).where('e.county_id', '=', sub.county_id)
          .where('e.type', '=', sql<string>`any(${sub.event_types}::text[])`))
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .executeTakeFirst();
      await trx.updateTable('webhook_subscription').set({ after_seq: chunk.hi }).where('id', '=', sub.id).execute();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n);
    });
  }
  return n;
}

interface Leased { id: string; subscription_id: string; event_id: string; seq: string; attempts: number }

/**
 * Leases one subscription's due deliveries: pending, due, not leased, and the first pending one of
 * their subject (a later event of a referral waits while an earlier one is pending, even one waiting
 * for its retry; dead ones do not block). One statement, so the lease commits at once and no
 * transaction stays open while a request is out.
 */
async function lease(db: Kysely<DB>, subscriptionId: string, now: Date, leaseUntil: Date, limit: number): Promise<Leased[]> {
  const r = await sql<Leased>`
    with due as (
      select d.id from webhook_delivery d
      join webhook_subscription s on s.id = d.subscription_id
      where d.subscription_id = ${subscriptionId} and d.state = 'pending' and d.next_attempt_at <= ${now}
        and (d.lease_until is null or d.lease_until <= ${now}) and s.active and s.url is not null
        and not exists (select 1 from webhook_delivery p where p.subscription_id = d.subscription_id and p.state = 'pending' and p.subject = d.subject and p.seq < d.seq)
      order by d.seq
      limit ${limit}
      for update of d skip locked
    )
    , leased as (
      update webhook_delivery w set lease_until = ${leaseUntil}, updated_at = ${now} from due where w.id = due.id
      returning w.id, w.subscription_id, w.event_id, w.seq, w.attempts
    )
    select id, subscription_id, event_id, seq::text as seq, attempts from leased order by leased.seq`.execute(db);
  return r.rows;
}

/** The push subscriptions with a delivery due now (a leased one may be another dispatcher's, or one left behind). */
async function dueSubscriptions(db: Kysely<DB>, now: Date): Promise<string[]> {
  const rows = await db.selectFrom('webhook_delivery as d').innerJoin('webhook_subscription as s', 's.id', 'd.subscription_id')
    .select('d.subscription_id').distinct()
    .where('d.state', '=', 'pending').where('d.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', now)]))
    .where('s.active', '=', true).where('s.url', 'is not', null)
    .orderBy('d.subscription_id').execute();
  return rows.map((r) => r.subscription_id);
}

async function release(db: Kysely<DB>, ids: string[], leaseUntil: Date): Promise<void> {
  if (!ids.length) return;
  await db.updateTable('webhook_delivery').set({ lease_until: null }).where('id', 'in', ids).where('lease_until', '=', leaseUntil).where('state', '=', 'pending').execute();
}

/** ok, or a failure; `stop`: the subscriber is down, hanging or asks for a pause (429, 503), so it is left for the pass */
type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; stop: boolean };

/** The failure as the administrator sees it: a status or an error code, never a body or an address. */
function networkError(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  const code = e?.cause?.code ?? e?.code ?? e?.cause?.name ?? e?.name;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,60}$/.test(code) ? code : 'network_error';
}

/**
 * One delivery's POST: through the SSRF guard of outbound-http.ts (never to link-local, metadata or
 * reserved addresses; loopback only on a closed test network), or through `fetchImpl` when a test
 * gives one.
 */
async function post(fetchImpl: typeof fetch | undefined, url: string, body: string, signature: string, opts: { timeoutMs: number; allowLoopback: boolean }): Promise<Outcome> {
  const headers = { 'content-type': 'application/cloudevents+json; charset=utf-8', 'opastin-signature': signature, 'user-agent': USER_AGENT };
  try {
    let status: number;
    if (fetchImpl) {
      const res = await fetchImpl(url, { method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs), headers });
      // the body is never read (nor stored): only the status counts
      await res.body?.cancel().catch(() => undefined);
      status = res.status;
    } else {
      status = (await guardedPost(url, body, headers, opts)).status;
    }
    if (status >= 200 && status < 300) return { ok: true, status };
    const error = status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}`;
    // too many requests, or unavailable: more requests now would only add to its load
    return { ok: false, status, error, stop: status === 429 || status === 503 };
  } catch (err) {
    return { ok: false, status: null, error: networkError(err), stop: true };
  }
}

/**
 * One pass of the webhook dispatcher (issue 19): fans new outbox events out to the active
 * subscriptions, then delivers due deliveries in order per subscription and subject. Called by the
 * job queue every minute, when an event is committed (NOTIFY opastin_outbox), and by tests with
 * their own clock. Never throws on a subscriber's failure (a database error does throw).
 *
 * Each subscription has its own loop in the pass, the loops side by side: lease its due deliveries
 * (a short statement), POST them in seq order outside any transaction, lease again. So a slow
 * subscriber slows only itself. A subscriber that cannot be reached, does not answer in time, or
 * answers 429 or 503 is left for this pass: its other leased deliveries are released untried. A
 * pass ends after `maxDeliveries` tries or `budgetMs`, whichever first, or when `signal` aborts.
 */
export async function dispatchWebhooks(db: Kysely<DB>, now: Date, opts: DispatchOptions): Promise<WebhookDispatchResult> {
  const fetchImpl = opts.fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxDeliveries = opts.maxDeliveries ?? DEFAULT_MAX_DELIVERIES;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  const started = performance.now();
  // `now` is the pass's time (the rows' due times; a test's clock); leases and signatures also count
  // the time the pass has run, so that they hold however long it takes
  const elapsed = () => performance.now() - started;
  const over = () => elapsed() >= budgetMs || opts.signal?.aborted === true;
  const wallNow = () => new Date(now.getTime() + elapsed());
  const result: WebhookDispatchResult = { fannedOut: await fanOut(db, now), delivered: 0, failed: 0, dead: 0, failing: [] };
  const failing = new Set<string>();
  // deliveries leased and not released, over every loop: at most maxDeliveries
  let taken = 0;

  async function deliverTo(subId: string): Promise<void> {
    while (taken < maxDeliveries && !over()) {
      const leaseUntil = new Date(wallNow().getTime() + budgetMs + timeoutMs + LEASE_MARGIN_MS);
      // reserved before the statement, so that the loops side by side never take more than the pass may
      const want = Math.min(ROUND_SIZE, maxDeliveries - taken);
      taken += want;
      const batch = await lease(db, subId, now, leaseUntil, want);
      taken -= want - batch.length;
      if (!batch.length) return;
      const events = await loadEvents(db, batch, now);
      const target = events.subs.get(subId);
      const giveBack = async (rest: Leased[]) => {
        await release(db, rest.map((x) => x.id), leaseUntil);
        taken -= rest.length;
      };
      for (let i = 0; i < batch.length; i++) {
        const d = batch[i]!;
        if (over()) return giveBack(batch.slice(i));
        const event = events.bodies.get(`${subId}:${d.event_id}`);
        // deleted meanwhile (the subscription, or the event by the retention rule): its delivery went with it
        if (!target || event === undefined) continue;
        const why = target.url ? urlProblem(target.url, opts.allowHttp) : 'no address';
        const outcome: Outcome = why
          ? { ok: false, status: null, error: 'address_refused', stop: true }
          : await post(fetchImpl, target.url!, event, sign(target.secret, Math.floor(wallNow().getTime() / 1000), event), { timeoutMs, allowLoopback: opts.allowHttp });
        if (outcome.ok) {
          await db.updateTable('webhook_delivery').set((eb) => ({
            state: 'delivered', delivered_at: now, attempts: eb('attempts', '+', 1), last_status: outcome.status, lease_until: null, updated_at: now,
          })).where('id', '=', d.id).where('lease_until', '=', leaseUntil).where('state', '=', 'pending').execute();
          result.delivered++;
          continue;
        }
        const attempts = d.attempts + 1;
        const dead = attempts >= MAX_DELIVERY_ATTEMPTS;
        await db.updateTable('webhook_delivery').set({
          attempts, last_status: outcome.status, last_error: outcome.error.slice(0, 500), lease_until: null, updated_at: now,
          ...(dead ? { state: 'dead', dead_at: now } : { next_attempt_at: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000) }),
        }).where('id', '=', d.id).where('lease_until', '=', leaseUntil).where('state', '=', 'pending').execute();
        result.failed++;
        if (dead) result.dead++;
        failing.add(subId);
        // down, hanging or asking for a pause: the rest waits for the next pass untried
        if (outcome.stop) return giveBack(batch.slice(i + 1));
      }
    }
  }

  // the loops side by side, at most MAX_PARALLEL_SUBSCRIPTIONS at once
  const queue = await dueSubscriptions(db, now);
  await Promise.all(Array.from({ length: Math.min(MAX_PARALLEL_SUBSCRIPTIONS, queue.length) }, async () => {
    for (let subId = queue.shift(); subId !== undefined; subId = queue.shift()) await deliverTo(subId);
  }));
  result.failing = [...failing];
  result.more = !opts.signal?.aborted && (result.delivered + result.failed >= maxDeliveries || elapsed() >= budgetMs);
  return result;
}

/** The leased deliveries' subscriptions and their CloudEvents' bodies (data.person added for those allowed it). */
async function loadEvents(db: Kysely<DB>, batch: Leased[], now: Date): Promise<{
  subs: Map<string, { url: string | null; secret: string }>; bodies: Map<string, string>;
}> {
  const subIds = [...new Set(batch.map((d) => d.subscription_id))];
  const subs = await db.selectFrom('webhook_subscription as s').innerJoin('county as k', 'k.id', 's.county_id')
    .select(['s.id', 's.url', 's.secret', 's.personal_data', 's.legal_basis', 'k.code']).where('s.id', 'in', subIds).execute();
  const rows = await db.selectFrom('outbox_event').select(['id', 'seq', 'county_id', 'type', 'subject', 'time', 'data'])
    .where('id', 'in', [...new Set(batch.map((d) => d.event_id))]).execute();
  const byId = new Map<string, OutboxRow>(rows.map((r) => [r.id, { ...r, seq: String(r.seq) }]));
  const bodies = new Map<string, string>();
  for (const s of subs) {
    const mine = batch.filter((d) => d.subscription_id === s.id).map((d) => byId.get(d.event_id)).filter((r): r is OutboxRow => r !== undefined);
    const events = await eventsFor(db, mine, s.code, { id: s.id, personalData: s.personal_data && s.legal_basis !== null }, now);
    for (const e of events) bodies.set(`${s.id}:${e.id}`, JSON.stringify(e));
  }
  return { subs: new Map(subs.map((s) => [s.id, { url: s.url, secret: s.secret }])), bodies };
}
