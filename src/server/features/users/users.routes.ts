import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { logAccess } from '../../platform/access-log.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { announceChange } from '../administration/public.js';
import {
  ADMIN_ROLES, adminUserSchema, adminUsersSchema, userCreateSchema, userParams, userPatchSchema,
} from '../administration/administration.schemas.js';
import { checkPassword, insertUser, listUsers, loadUser, stripUnitIds, uniqueViolationAsConflict, updateUser } from './users.service.js';

/**
 * Staff accounts, for the county's administrators (issue 18): only their own county's accounts
 * (another county's is 404). Reading an account is access-logged like any person's data; every
 * change is one history row and one access-log row in its transaction. Deactivation, a new
 * password and a change of roles or units end the user's sessions at once, in every process.
 */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

  r.get('/admin/users', {
    config: { roles: ['admin'] },
    schema: { tags: ['admin'], summary: 'Staff accounts of the county', response: { 200: adminUsersSchema, 401: problemSchema, 403: problemSchema } },
  }, async (req) => {
    const items = await listUsers(db(), currentUser(req).countyId);
    return { items, total: items.length };
  });

  r.get('/admin/users/:id', {
    config: { roles: ['admin'] },
    schema: { tags: ['admin'], summary: 'One staff account (access-logged)', params: userParams, response: { 200: adminUserSchema, ...errors, 404: problemSchema } },
  }, async (req) => {
    const actor = currentUser(req);
    return db().transaction().execute(async (trx) => {
      const u = await loadUser(trx, actor.countyId, req.params.id);
      if (!u) throw new AppError(404, 'not_found');
      await logAccess(trx, { actor, subjectType: 'user', subjectId: u.id, action: 'read', purpose: 'user_administration' });
      return stripUnitIds(u);
    });
  });

  r.post('/admin/users', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'], summary: 'Create a staff account of the county',
      description: 'Roles: the county\'s (not platform_admin: 400 invalid_role). Units: active receiving unit codes of the county; a unit worker needs one. Without a password the account is inactive (SSO only).',
      body: userCreateSchema,
      response: { 201: adminUserSchema, ...errors, 409: problemSchema },
    },
  }, async (req, reply) => {
    const actor = currentUser(req);
    const b = req.body;
    if (b.password) checkPassword(b.password);
    const passwordHash = b.password ? await hashPassword(b.password) : null;
    const user = await db().transaction().execute(async (trx) => {
      const { id } = await insertUser(trx, {
        countyId: actor.countyId, username: b.username, displayName: b.displayName, email: b.email ?? null, roles: b.roles, unitCodes: b.units,
      }, passwordHash, { actor, grantable: ADMIN_ROLES, at: app.deps.clock() });
      return (await loadUser(trx, actor.countyId, id))!;
    }).catch((err: unknown) => { throw uniqueViolationAsConflict(err, { app_user_username_key: 'body.username' }); });
    await announceChange(db(), { county: actor.countyId, user: user.id });
    return reply.code(201).send(stripUnitIds(user));
  });

  r.patch('/admin/users/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'], summary: 'Change a staff account of the county',
      description: 'Deactivation (active: false), a new password and any change of roles or units end the user\'s sessions at once. The county\'s last active administrator cannot be deactivated or lose the admin role (409 last_admin).',
      params: userParams, body: userPatchSchema,
      response: { 200: adminUserSchema, ...errors, 404: problemSchema, 409: problemSchema },
    },
  }, async (req) => {
    const actor = currentUser(req);
    const result = await updateUser(db(), actor, req.params.id, req.body, { grantable: ADMIN_ROLES, now: app.deps.clock() });
    if (result.changed) {
      // after commit: this process forgets the user's cached sessions now, the others on the NOTIFY
      app.sessionCache.forgetUser(req.params.id);
      await announceChange(db(), { county: actor.countyId, user: req.params.id });
    }
    return result.user;
  });
}
