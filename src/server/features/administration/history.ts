import { sql, type Kysely, type Transaction } from 'kysely';
import type { AdminAction, AdminObjectType, DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { TtlCache } from '../../platform/ttl-cache.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Who made an administrative change: a signed-in user, or the command line. */
export type AdminActor = Pick<SessionUser, 'userId' | 'displayName' | 'countyId'> | { system: string; countyId: string };

/**
 * Records one administrative change (issue 18) in the same transaction as the change: who, when,
 * what object, before and after. `admin_change` is insert-only (a trigger refuses updates and
 * deletes). Values that are secrets (password hashes) never reach it: callers pass what an
 * administrator sees.
 */
export async function recordChange(
  trx: Db, actor: AdminActor, countyId: string,
  change: { objectType: AdminObjectType; objectKey: string; action: AdminAction; before?: unknown; after?: unknown },
): Promise<void> {
  const user = 'userId' in actor ? actor : null;
  await trx.insertInto('admin_change').values({
    county_id: countyId,
    actor_user_id: user?.userId ?? null,
    actor_name: user ? user.displayName : `system:${'system' in actor ? actor.system : 'unknown'}`,
    object_type: change.objectType,
    object_key: change.objectKey,
    action: change.action,
    before: change.before === undefined || change.before === null ? null : JSON.stringify(change.before),
    after: change.after === undefined || change.after === null ? null : JSON.stringify(change.after),
  }).execute();
}

/**
 * One administrative write at a time per county: the checks a change makes (a service area still
 * active, a menu position free, a municipality in one region) hold until it commits. Changes are
 * rare; waiting a few milliseconds for another administrator's costs nothing.
 */
export async function lockCountyAdministration(trx: Db, countyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('opastin_admin'), hashtext(${countyId}))`.execute(trx);
}

/** Lines, codes, units, settings: what every process of the installation must re-read at once. */
export const ADMIN_CHANNEL = 'opastin_admin';

/**
 * After an administrative change has committed: this process forgets its cached reference data
 * (lines and hours, code sets, the public site) at once, and a NOTIFY tells the other processes
 * behind the load balancer to do the same (and to forget a changed user's cached sessions).
 */
export async function announceChange(db: Kysely<DB>, payload: { county: string; user?: string }): Promise<void> {
  TtlCache.clearAll();
  await sql`select pg_notify(${ADMIN_CHANNEL}, ${JSON.stringify(payload)})`.execute(db);
}
