import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from './errors.js';

export interface RateLimit {
  /** what is counted, e.g. "public.address" */
  scope: string;
  /** at most this many hits… */
  max: number;
  /** …per window of this many seconds */
  windowSeconds: number;
  /** the problem's code over the limit (default rate_limited: the public forms' wording) */
  code?: ErrorCode;
}

/**
 * Counts a hit against a fixed-window limit in the database, so every instance of the server
 * shares the count. The key (an address, a phone number) is stored only as an HMAC under the
 * installation's secret. Over the limit: 429 with `Retry-After` (seconds to the window's end).
 * Inside a transaction the hit is undone with it: only committed submissions count.
 */
export async function hit(db: Kysely<DB> | Transaction<DB>, limit: RateLimit, key: string, secret: string, now: Date): Promise<void> {
  const { windowMs, windowStart, keyHash } = windowOf(limit, key, secret, now);
  const row = await db.insertInto('rate_limit_counter')
    .values({ scope: limit.scope, key_hash: keyHash, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['scope', 'key_hash', 'window_start']).doUpdateSet({ hits: sql`rate_limit_counter.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (row.hits > limit.max) throw overLimit(limit, windowStart, windowMs, now);
}

/**
 * Refuses (429) when the limit is already used up in this window, without counting a hit: for
 * limits on failures only (wrong CTI tokens), counted with `hit` when a failure happens.
 */
export async function refuseIfSpent(db: Kysely<DB> | Transaction<DB>, limit: RateLimit, key: string, secret: string, now: Date): Promise<void> {
  const { windowMs, windowStart, keyHash } = windowOf(limit, key, secret, now);
  const row = await db.selectFrom('rate_limit_counter').select('hits')
    .where('scope', '=', limit.scope).where('key_hash', '=', keyHash).where('window_start', '=', windowStart).executeTakeFirst();
  if (row && row.hits >= limit.max) throw overLimit(limit, windowStart, windowMs, now);
}

function windowOf(limit: RateLimit, key: string, secret: string, now: Date) {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const keyHash = createHmac('sha256', secret).update(`${limit.scope}\u0000${key}`).digest('base64url');
  return { windowMs, windowStart, keyHash };
}

function overLimit(limit: RateLimit, windowStart: Date, windowMs: number, now: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  const per = limit.windowSeconds === 60 ? 'a minute' : `${limit.windowSeconds / 60} minutes`;
  return new AppError(429, limit.code ?? 'rate_limited', `At most ${limit.max} in ${per} (${limit.scope}); try again in ${retryAfter} seconds.`, [], { 'retry-after': String(retryAfter) });
}

/**
 * A route's preHandler limiting requests per signed-in user (when a staff session came with the
 * request) or else per client address (the address Fastify resolved under TRUST_PROXY), e.g. for
 * triage and catalogue search: `preHandler: perMinute(app, 'search', () => config.searchLimitPerMinute)`.
 */
export function perMinute(app: { deps: { database: { db: Kysely<DB> }; config: { sessionSecret: string }; clock: () => Date } }, scope: string, max: () => number) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const { database, config, clock } = app.deps;
    const key = req.user ? `user:${req.user.userId}` : `ip:${req.ip}`;
    await hit(database.db, { scope, max: max(), windowSeconds: 60, code: 'too_many_requests' }, key, config.sessionSecret, clock());
  };
}

/** Drops counters of windows that ended long ago (a daily job). */
export async function pruneRateLimits(db: Kysely<DB>, now: Date, keepSeconds = 2 * 86_400): Promise<{ deleted: number }> {
  const r = await db.deleteFrom('rate_limit_counter').where('window_start', '<', new Date(now.getTime() - keepSeconds * 1000)).executeTakeFirst();
  return { deleted: Number(r.numDeletedRows) };
}
