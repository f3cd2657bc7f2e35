import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB, Role } from '../schema.js';

export const SESSION_COOKIE = 'opastin_session';

export interface SessionUser {
  sessionId: string;
  userId: string;
  countyId: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
  csrfToken: string;
}

export interface SessionPolicy {
  secret: string;
  idleMinutes: number;
  absoluteHours: number;
}

export function tokenHash(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

export async function createSession(
  db: Kysely<DB>,
  policy: SessionPolicy,
  userId: string,
  method: 'password' | 'oidc',
  now: Date,
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + policy.absoluteHours * 3_600_000);
  await db
    .insertInto('user_session')
    .values({ user_id: userId, token_hash: tokenHash(policy.secret, token), csrf_token: csrfToken, auth_method: method, last_seen_at: now, expires_at: expiresAt })
    .execute();
  return { token, csrfToken, expiresAt };
}

interface CachedSession { user: SessionUser; expiresAt: number; lastSeenAt: number; cachedAt: number }

const TOUCH_EVERY_MS = 60_000;

/**
 * Resolved sessions of this process, for `ttlMs` (SESSION_CACHE_SECONDS): every staff request
 * would otherwise cost a database round trip before its own work. Idle and absolute expiry are
 * still checked on every request; logging out, or out everywhere, through this process forgets the
 * sessions at once. What another process (or the database directly) revokes is honoured here
 * within `ttlMs`. A ttl of 0 turns the cache off.
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();

  constructor(private readonly ttlMs: number, private readonly maxEntries = 10_000) {}

  get(hash: string, policy: SessionPolicy, now: Date): SessionUser | undefined {
    const e = this.entries.get(hash);
    if (!e) return undefined;
    const t = now.getTime();
    const fresh = t - e.cachedAt < this.ttlMs && t >= e.cachedAt && t < e.expiresAt
      && t - e.lastSeenAt < policy.idleMinutes * 60_000 && t - e.lastSeenAt <= TOUCH_EVERY_MS;
    if (!fresh) this.entries.delete(hash);
    return fresh ? e.user : undefined;
  }

  put(hash: string, entry: CachedSession): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(hash, entry);
  }

  forgetSession(sessionId: string): void {
    for (const [hash, e] of this.entries) if (e.user.sessionId === sessionId) this.entries.delete(hash);
  }

  forgetUser(userId: string): void {
    for (const [hash, e] of this.entries) if (e.user.userId === userId) this.entries.delete(hash);
  }
}

/** Looks a session up; idle and absolute expiry are both enforced. Touches last_seen_at at most once a minute. */
export async function resolveSession(db: Kysely<DB>, policy: SessionPolicy, token: string, now: Date, cache?: SessionCache): Promise<SessionUser | null> {
  const hash = tokenHash(policy.secret, token);
  const cached = cache?.get(hash, policy, now);
  if (cached) return cached;
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  // One round trip: the session, its user, roles and units (this runs on every staff request).
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId', 's.last_seen_at', 's.expires_at', 's.csrf_token', 'u.id as userId', 'u.county_id', 'u.username', 'u.display_name',
      sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_role r where r.user_id = u.id), '{}')`.as('roles'),
      sql<string[]>`coalesce((select array_agg(uu.receiving_unit_id) from user_unit uu where uu.user_id = u.id), '{}')`.as('unit_ids'),
    ])
    .where('s.token_hash', '=', hash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.last_seen_at', '>', idleLimit)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  let lastSeenAt = row.last_seen_at.getTime();
  if (now.getTime() - lastSeenAt > TOUCH_EVERY_MS) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', row.sessionId).execute();
    lastSeenAt = now.getTime();
  }
  const user: SessionUser = {
    sessionId: row.sessionId,
    userId: row.userId,
    countyId: row.county_id,
    username: row.username,
    displayName: row.display_name,
    roles: parsePgArray(row.roles) as Role[],
    unitIds: parsePgArray(row.unit_ids),
    csrfToken: row.csrf_token,
  };
  cache?.put(hash, { user, expiresAt: row.expires_at.getTime(), lastSeenAt, cachedAt: now.getTime() });
  return user;
}

export async function revokeSession(db: Kysely<DB>, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('user_session').set({ revoked_at: now }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

export async function revokeAllSessions(db: Kysely<DB>, userId: string, now: Date): Promise<number> {
  const result = await db.updateTable('user_session').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** node-postgres parses arrays of known types; arrays of uuid or text from a subquery may arrive as '{a,b}'. */
function parsePgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}
