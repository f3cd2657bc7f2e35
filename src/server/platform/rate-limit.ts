import { createHmac } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.js';
import { AppError } from './errors.js';

export interface RateLimit {
  /** what is counted, e.g. "public.address" */
  scope: string;
  /** at most this many hits… */
  max: number;
  /** …per window of this many seconds */
  windowSeconds: number;
}

/**
 * Counts a hit against a fixed-window limit in the database, so every instance of the server
 * shares the count. The key (an address, a phone number) is stored only as an HMAC under the
 * installation's secret. Over the limit: 429 with `Retry-After` (seconds to the window's end).
 * Inside a transaction the hit is undone with it: only committed submissions count.
 */
export async function hit(db: Kysely<DB> | Transaction<DB>, limit: RateLimit, key: string, secret: string, now: Date): Promise<void> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const keyHash = createHmac('sha256', secret).update(`${limit.scope}\u0000${key}`).digest('base64url');
  const row = await db.insertInto('rate_limit_counter')
    .values({ scope: limit.scope, key_hash: keyHash, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['scope', 'key_hash', 'window_start']).doUpdateSet({ hits: sql`rate_limit_counter.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (row.hits > limit.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw new AppError(429, 'rate_limited', `At most ${limit.max} in ${limit.windowSeconds / 60} minutes (${limit.scope}).`, [], { 'retry-after': String(retryAfter) });
  }
}

/** Drops counters of windows that ended long ago (a daily job). */
export async function pruneRateLimits(db: Kysely<DB>, now: Date, keepSeconds = 2 * 86_400): Promise<{ deleted: number }> {
  const r = await db.deleteFrom('rate_limit_counter').where('window_start', '<', new Date(now.getTime() - keepSeconds * 1000)).executeTakeFirst();
  return { deleted: Number(r.numDeletedRows) };
}
