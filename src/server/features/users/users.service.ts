import { sql, type Kysely, type Transaction } from 'kysely';
import { ROLES, type DB, type Role } from '../../platform/schema.js';
import { AppError, type FieldError, type FieldErrorCode } from '../../platform/errors.js';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.js';
import { revokeAllSessions, type SessionUser } from '../../platform/auth/sessions.js';
import { logAccess } from '../../platform/access-log.js';
import { recordChange } from '../administration/public.js';
import type { AdminUser, AdminUserListItem } from '../administration/administration.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Who changes a staff account: a signed-in administrator, or the command line (or a test, a seed). */
export type UserAdminActor = SessionUser | { system: string; countyId: string };

export interface NewUser {
  countyId: string;
  username: string;
  displayName: string;
  email?: string | null;
  password?: string | null;
  roles: Role[];
  unitCodes?: string[];
}

export interface UserPatch {
  displayName?: string;
  email?: string | null;
  password?: string;
  roles?: Role[];
  units?: string[];
  active?: boolean;
}

/** What an administrator sees of an account and the history keeps: never a password hash. */
export interface UserSnapshot {
  username: string; displayName: string; email: string | null; active: boolean; roles: Role[]; units: string[];
}

export function adminFieldError(field: string, message: string, code: FieldErrorCode): FieldError {
  return { field, message, code };
}

const byRole = (a: Role, b: Role) => ROLES.indexOf(a) - ROLES.indexOf(b);
const unique = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** A password's problem as a 400 naming the field, or nothing. */
export function checkPassword(password: string, field = 'body.password'): void {
  const problem = passwordProblem(password);
  if (problem) throw new AppError(400, 'validation_failed', undefined, [adminFieldError(field, `The password ${problem}.`, 'invalid')]);
}

/** 409 when the username is taken (anywhere in the installation: usernames are unique across counties). */
export async function assertUsernameFree(trx: Db, username: string, field = 'body.username'): Promise<void> {
  if (await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) {
    throw new AppError(409, 'conflict', `The username ${username} is taken.`, [adminFieldError(field, `The username ${username} is taken.`, 'code_in_use')]);
  }
}

/**
 * A unique violation of a simultaneous twin request (both passed the check before either
 * committed) as the same 409 the check gives, naming the field; other errors pass through.
 */
export function uniqueViolationAsConflict(err: unknown, fields: Record<string, string>): unknown {
  const e = err as { code?: string; constraint?: string };
  const field = e?.code === '23505' && e.constraint ? fields[e.constraint] : undefined;
  return field ? new AppError(409, 'conflict', undefined, [adminFieldError(field, 'Already in use.', 'code_in_use')]) : err;
}

/** Roles this caller may give: an administrator the county's roles, never platform_admin (400 invalid_role). */
function checkRoles(roles: readonly Role[], grantable: readonly Role[], alreadyHeld: readonly Role[] = []): void {
  const refused = roles.filter((r) => !grantable.includes(r) && !alreadyHeld.includes(r));
  if (refused.length) {
    throw new AppError(400, 'validation_failed', undefined, [adminFieldError('body.roles', `These roles cannot be given here: ${refused.join(', ')}.`, 'invalid_role')]);
  }
}

/**
 * Receiving unit codes → ids: active units of the county, or units the user already belongs to
 * (a unit closed later does not block other edits of its members). 400 `unknown_code` otherwise.
 */
async function resolveUnits(trx: Db, countyId: string, codes: readonly string[], heldUnitIds: readonly string[] = []): Promise<{ id: string; code: string }[]> {
  if (!codes.length) return [];
  const rows = await trx.selectFrom('receiving_unit').select(['id', 'code', 'active'])
    .where('county_id', '=', countyId).where('code', 'in', [...codes]).execute();
  const usable = rows.filter((u) => u.active || heldUnitIds.includes(u.id));
  const unknown = codes.filter((c) => !usable.some((u) => u.code === c));
  if (unknown.length) {
    throw new AppError(400, 'validation_failed', undefined, [adminFieldError('body.units', `No active receiving unit: ${unknown.join(', ')}.`, 'unknown_code')]);
  }
  return codes.map((c) => usable.find((u) => u.code === c)!);
}

function requireUnitForUnitWorker(roles: readonly Role[], units: readonly unknown[]): void {
  if (roles.includes('unit_worker') && units.length === 0) {
    throw new AppError(400, 'validation_failed', undefined, [adminFieldError('body.units', 'A unit worker must be bound to at least one receiving unit.', 'required')]);
  }
}

const accessActor = (actor: UserAdminActor) => ('userId' in actor ? actor : { system: actor.system, countyId: actor.countyId });

/**
 * Creates a staff account inside the caller's transaction, with its history row and access-log
 * row. The caller hashed the password (slow: outside the transaction) and checked it.
 */
export async function insertUser(
  trx: Transaction<DB>, input: NewUser, passwordHash: string | null,
  opts: { actor: UserAdminActor; grantable: readonly Role[]; at?: Date; usernameField?: string; accessCountyId?: string },
): Promise<{ id: string }> {
  const username = input.username.trim().toLowerCase();
  const roles = unique(input.roles).sort(byRole);
  const codes = unique(input.unitCodes ?? []);
  checkRoles(roles, opts.grantable);
  requireUnitForUnitWorker(roles, codes);
  await assertUsernameFree(trx, username, opts.usernameField);
  const units = await resolveUnits(trx, input.countyId, codes);
  const user = await trx.insertInto('app_user').values({
    county_id: input.countyId, username, display_name: input.displayName, email: input.email ?? null, password_hash: passwordHash,
    // without a password the account signs in by SSO only: inactive until an administrator activates it
    active: passwordHash !== null,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('user_role').values(roles.map((role) => ({ user_id: user.id, role }))).execute();
  if (units.length) await trx.insertInto('user_unit').values(units.map((u) => ({ user_id: user.id, receiving_unit_id: u.id }))).execute();
  const after: UserSnapshot = { username, displayName: input.displayName, email: input.email ?? null, active: passwordHash !== null, roles, units: units.map((u) => u.code).sort() };
  await recordChange(trx, opts.actor, input.countyId, { objectType: 'user', objectKey: user.id, action: 'create', after });
  // the access-log row belongs to the county whose account it is (a platform administrator creating a county's first admin)
  const actor = accessActor(opts.actor);
  await logAccess(trx, {
    actor: opts.accessCountyId ? { ...actor, countyId: opts.accessCountyId } : actor,
    subjectType: 'user', subjectId: user.id, action: 'create', purpose: 'user_administration', ...(opts.at ? { at: opts.at } : {}),
  });
  return user;
}

/**
 * Creates a staff account; used by the admin API, the platform's county creation and the admin CLI.
 * `grantable` limits the roles (the API: ADMIN_ROLES); without it every role may be given, which
 * only trusted server-side callers do (the command line creates the first platform administrator).
 */
export async function createUser(
  db: Kysely<DB>, input: NewUser,
  opts: { actor?: UserAdminActor; grantable?: readonly Role[]; at?: Date } = {},
): Promise<{ id: string }> {
  if (input.password) checkPassword(input.password);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute((trx) => insertUser(trx, input, passwordHash, {
    actor: opts.actor ?? { system: 'admin-cli', countyId: input.countyId }, grantable: opts.grantable ?? ROLES, ...(opts.at ? { at: opts.at } : {}),
  }));
}

// ——— reading ———

/** The county's staff accounts with their roles and unit codes, by username. */
export async function listUsers(db: Db, countyId: string): Promise<AdminUserListItem[]> {
  const rows = await db.selectFrom('app_user as u')
    .select([
      'u.id', 'u.username', 'u.display_name', 'u.active',
      sql<Role[]>`coalesce((select array_agg(r.role) from user_role r where r.user_id = u.id), '{}')`.as('roles'),
      sql<string[]>`coalesce((select array_agg(ru.code order by ru.code) from user_unit uu join receiving_unit ru on ru.id = uu.receiving_unit_id where uu.user_id = u.id), '{}')`.as('units'),
    ])
    .where('u.county_id', '=', countyId).orderBy('u.username').execute();
  return rows.map((u) => ({
    id: u.id, username: u.username, displayName: u.display_name, active: u.active,
    roles: (pgArray(u.roles) as Role[]).sort(byRole), units: pgArray(u.units),
  }));
}

/** One account of the county, or undefined (another county's account is as if it did not exist). */
export async function loadUser(db: Db, countyId: string, id: string): Promise<(AdminUser & { unitIds: string[] }) | undefined> {
  const u = await db.selectFrom('app_user').selectAll().where('id', '=', id).where('county_id', '=', countyId).executeTakeFirst();
  if (!u) return undefined;
  const [roles, units, login] = await Promise.all([
    db.selectFrom('user_role').select('role').where('user_id', '=', u.id).execute(),
    db.selectFrom('user_unit as uu').innerJoin('receiving_unit as ru', 'ru.id', 'uu.receiving_unit_id').select(['ru.code', 'ru.id']).where('uu.user_id', '=', u.id).orderBy('ru.code').execute(),
    db.selectFrom('user_session').select((eb) => eb.fn.max('created_at').as('at')).where('user_id', '=', u.id).executeTakeFirst(),
  ]);
  const lastLogin = login?.at ? new Date(login.at as Date | string) : null;
  return {
    id: u.id, username: u.username, displayName: u.display_name, email: u.email, active: u.active, sso: u.oidc_subject !== null,
    roles: roles.map((x) => x.role).sort(byRole), units: units.map((x) => x.code), unitIds: units.map((x) => x.id),
    lastLoginAt: lastLogin ? lastLogin.toISOString() : null,
  };
}

function snapshot(u: AdminUser): UserSnapshot {
  return { username: u.username, displayName: u.displayName, email: u.email, active: u.active, roles: u.roles, units: u.units };
}

// ——— changing ———

/**
 * Serialises changes to who administers a county: two administrators demoting or deactivating
 * each other at once must not both succeed. Held to the end of the transaction; every statement
 * after it sees what the previous holder committed (READ COMMITTED takes a new snapshot per statement).
 */
async function lockCountyAdmins(trx: Transaction<DB>, countyId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`opastin.county_admins:${countyId}`}, 0))`.execute(trx);
}

async function otherActiveAdmins(trx: Transaction<DB>, countyId: string, exceptUserId: string): Promise<number> {
  const row = await trx.selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('u.county_id', '=', countyId).where('u.active', '=', true).where('r.role', '=', 'admin').where('u.id', '<>', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const sameSet = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x) => b.includes(x));

export interface UserUpdateResult {
  user: AdminUser;
  /** the user's sessions were ended (deactivated, new password, roles or units changed) */
  sessionsEnded: boolean;
  changed: boolean;
}

/**
 * Changes an account of the actor's county. Deactivation, a new password and any change of roles
 * or units end the user's sessions in the same transaction (the caller forgets the cached ones
 * after commit). The county's last active administrator keeps the admin role and stays active
 * (409 last_admin). Every change: one history row and one access-log row, in the transaction.
 */
export async function updateUser(
  db: Kysely<DB>, actor: SessionUser, id: string, patch: UserPatch,
  opts: { grantable: readonly Role[]; now: Date },
): Promise<UserUpdateResult> {
  if (patch.password !== undefined) checkPassword(patch.password);
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : null;
  return db.transaction().execute(async (trx) => {
    const countyId = actor.countyId;
    // the county's administrators first, then the account's row (two changes of one account run one
    // after the other); always in this order. NO KEY UPDATE: the history row's reference to an actor
    // (KEY SHARE) is not blocked by a change of that actor's own account.
    if (patch.roles !== undefined || patch.active !== undefined) await lockCountyAdmins(trx, countyId);
    const locked = await trx.selectFrom('app_user').select('id').where('id', '=', id).where('county_id', '=', countyId).forNoKeyUpdate().executeTakeFirst();
    if (!locked) throw new AppError(404, 'not_found');
    const before = (await loadUser(trx, countyId, id))!;
    // a platform administrator's account is the installation's, not the county's to change
    if (before.roles.includes('platform_admin') && !actor.roles.includes('platform_admin')) {
      throw new AppError(403, 'forbidden', 'A platform administrator\'s account is changed by a platform administrator.');
    }

    // roles the caller may not give are neither given nor taken here: they stay as they are
    const requested = patch.roles !== undefined ? unique(patch.roles) : undefined;
    if (requested) checkRoles(requested, opts.grantable, before.roles);
    const kept = before.roles.filter((r) => !opts.grantable.includes(r));
    const roles = requested ? unique([...requested, ...kept]).sort(byRole) : before.roles;
    const codes = patch.units !== undefined ? unique(patch.units) : before.units;
    const units = patch.units !== undefined ? await resolveUnits(trx, countyId, codes, before.unitIds) : before.units.map((code, i) => ({ code, id: before.unitIds[i]! }));
    requireUnitForUnitWorker(roles, units);
    const active = patch.active ?? before.active;

    const rolesChanged = !sameSet(roles, before.roles);
    const unitsChanged = !sameSet(units.map((u) => u.code), before.units);
    const losesAdmin = before.active && before.roles.includes('admin') && (!active || !roles.includes('admin'));
    if (losesAdmin && (await otherActiveAdmins(trx, countyId, id)) === 0) {
      const fields = [
        ...(!active ? [adminFieldError('body.active', 'The county\'s last active administrator cannot be deactivated.', 'last_admin')] : []),
        ...(!roles.includes('admin') ? [adminFieldError('body.roles', 'The county\'s last active administrator cannot lose the admin role.', 'last_admin')] : []),
      ];
      throw new AppError(409, 'conflict', 'The county must keep at least one active administrator.', fields);
    }

    if (active && !before.active && passwordHash === null) {
      // an account signs in with a password or by SSO: without either it cannot be active (CHECK in 0003)
      const creds = await trx.selectFrom('app_user').select(['password_hash', 'oidc_subject']).where('id', '=', id).executeTakeFirstOrThrow();
      if (creds.password_hash === null && creds.oidc_subject === null) {
        throw new AppError(400, 'validation_failed', undefined, [adminFieldError('body.active', 'The account has no password and has not signed in by SSO: give it a password to activate it.', 'required')]);
      }
    }
    const displayName = patch.displayName ?? before.displayName;
    const email = patch.email !== undefined ? patch.email : before.email;
    const detailsChanged = displayName !== before.displayName || email !== before.email || active !== before.active;
    const changed = detailsChanged || rolesChanged || unitsChanged || passwordHash !== null;
    if (!changed) {
      await logAccess(trx, { actor, subjectType: 'user', subjectId: id, action: 'read', purpose: 'user_administration', at: opts.now });
      return { user: stripUnitIds(before), sessionsEnded: false, changed: false };
    }

    await trx.updateTable('app_user').set({
      display_name: displayName, email, active, updated_at: opts.now,
      ...(passwordHash !== null ? { password_hash: passwordHash } : {}),
    }).where('id', '=', id).execute();
    if (rolesChanged) {
      await trx.deleteFrom('user_role').where('user_id', '=', id).where('role', 'not in', roles).execute();
      await trx.insertInto('user_role').values(roles.map((role) => ({ user_id: id, role })))
        .onConflict((oc) => oc.columns(['user_id', 'role']).doNothing()).execute();
    }
    if (unitsChanged) {
      await trx.deleteFrom('user_unit').where('user_id', '=', id).execute();
      if (units.length) await trx.insertInto('user_unit').values(units.map((u) => ({ user_id: id, receiving_unit_id: u.id }))).execute();
    }
    const sessionsEnded = (before.active && !active) || passwordHash !== null || rolesChanged || unitsChanged;
    if (sessionsEnded) await revokeAllSessions(trx, id, opts.now);

    const after = (await loadUser(trx, countyId, id))!;
    const action = before.active && !after.active ? 'deactivate' : !before.active && after.active ? 'activate' : 'update';
    await recordChange(trx, actor, countyId, { objectType: 'user', objectKey: id, action, before: snapshot(before), after: snapshot(after) });
    await logAccess(trx, { actor, subjectType: 'user', subjectId: id, action: 'update', purpose: 'user_administration', at: opts.now });
    return { user: stripUnitIds(after), sessionsEnded, changed: true };
  });
}

export function stripUnitIds(u: AdminUser & { unitIds?: string[] }): AdminUser {
  const { unitIds, ...rest } = u;
  void unitIds;
  return rest;
}

/** node-postgres parses arrays of known types; arrays of a subquery may arrive as '{a,b}'. */
function pgArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return value.replace(/^\{|\}$/g, '').split(',').filter(Boolean);
  return [];
}
