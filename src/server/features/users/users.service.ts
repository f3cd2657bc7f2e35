import type { Kysely } from 'kysely';
import type { DB, Role } from '../../platform/schema.js';
import { AppError } from '../../platform/errors.js';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.js';

export interface NewUser {
  countyId: string;
  username: string;
  displayName: string;
  email?: string | null;
  password?: string | null;
  roles: Role[];
  unitCodes?: string[];
}

/** Creates a staff account; used by the admin API and the admin CLI alike. */
export async function createUser(db: Kysely<DB>, input: NewUser): Promise<{ id: string }> {
  if (input.password) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.password', message: `Password ${problem}.` }]);
  }
  if (input.roles.includes('unit_worker') && !input.unitCodes?.length) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.units', message: 'A unit worker must be bound to at least one receiving unit.' }]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    const username = input.username.toLowerCase();
    if (await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst()) {
      throw new AppError(409, 'conflict', `The username ${username} is taken.`);
    }
    const units = input.unitCodes?.length
      ? await trx.selectFrom('receiving_unit').select(['id', 'code']).where('county_id', '=', input.countyId).where('code', 'in', input.unitCodes).execute()
      : [];
    const unknown = (input.unitCodes ?? []).filter((c) => !units.some((u) => u.code === c));
    if (unknown.length) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.units', message: `Unknown receiving unit: ${unknown.join(', ')}.` }]);
    const user = await trx.insertInto('app_user').values({
      county_id: input.countyId, username, display_name: input.displayName, email: input.email ?? null, password_hash: passwordHash,
      active: passwordHash !== null,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('user_role').values(input.roles.map((role) => ({ user_id: user.id, role }))).execute();
    if (units.length) await trx.insertInto('user_unit').values(units.map((u) => ({ user_id: user.id, receiving_unit_id: u.id }))).execute();
    return user;
  });
}
