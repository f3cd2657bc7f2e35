import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { logAccess } from '../../platform/access-log.js';
import { ROLES } from '../../platform/schema.js';
import { createUser } from './users.service.js';

const userSchema = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  sso: z.boolean(),
  roles: z.array(z.enum(ROLES)),
  units: z.array(z.string()),
}).meta({ id: 'StaffUser' });

/** Staff accounts, for administrators. Reading a staff member's data is access-logged like any person's. */
export async function usersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  r.get('/admin/users', {
    config: { roles: ['admin'] },
    schema: { tags: ['admin'], summary: 'Staff accounts of the county', response: { 200: z.object({ items: z.array(userSchema.pick({ id: true, username: true, displayName: true, active: true, roles: true })), total: z.number().int().min(0).describe('How many there are (the whole list: not paged)') }), 401: problemSchema, 403: problemSchema } },
  }, async (req) => {
    const rows = await db().selectFrom('app_user as u')
      .select((eb) => ['u.id', 'u.username', 'u.display_name', 'u.active',
        eb.fn.coalesce(eb.selectFrom('user_role').select((e) => e.fn.agg<string[]>('array_agg', ['role']).as('r')).whereRef('user_id', '=', 'u.id'), eb.val<string[]>([])).as('roles')])
      .where('u.county_id', '=', currentUser(req).countyId).orderBy('u.username').execute();
    return { items: rows.map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, active: u.active, roles: (u.roles ?? []) as (typeof ROLES)[number][] })), total: rows.length };
  });

  r.get('/admin/users/:id', {
    config: { roles: ['admin'] },
    schema: { tags: ['admin'], summary: 'One staff account (access-logged)', params: z.object({ id: z.string().uuid() }), response: { 200: userSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema } },
  }, async (req) => {
    const actor = currentUser(req);
    return db().transaction().execute(async (trx) => {
      const u = await trx.selectFrom('app_user').selectAll().where('id', '=', req.params.id).where('county_id', '=', actor.countyId).executeTakeFirst();
      if (!u) throw new AppError(404, 'not_found');
      const roles = await trx.selectFrom('user_role').select('role').where('user_id', '=', u.id).orderBy('role').execute();
      const units = await trx.selectFrom('user_unit as uu').innerJoin('receiving_unit as ru', 'ru.id', 'uu.receiving_unit_id').select('ru.code').where('uu.user_id', '=', u.id).execute();
      await logAccess(trx, { actor, subjectType: 'user', subjectId: u.id, action: 'read', purpose: 'user_administration' });
      return { id: u.id, username: u.username, displayName: u.display_name, email: u.email, active: u.active, sso: u.oidc_subject !== null, roles: roles.map((x) => x.role), units: units.map((x) => x.code) };
    });
  });

  r.post('/admin/users', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'], summary: 'Create a staff account',
      body: z.object({
        username: z.string().trim().toLowerCase().regex(/^[a-z0-9._@-]{2,100}$/, 'use 2–100 letters a–z, digits and . _ @ -'),
        displayName: z.string().trim().min(1).max(200),
        email: z.string().email().max(200).nullish(),
        password: z.string().max(256).nullish(),
        roles: z.array(z.enum(ROLES)).min(1),
        units: z.array(z.string()).default([]),
      }),
      response: { 201: z.object({ id: z.string().uuid() }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema },
    },
  }, async (req, reply) => {
    const actor = currentUser(req);
    const created = await createUser(db(), { countyId: actor.countyId, username: req.body.username, displayName: req.body.displayName, email: req.body.email ?? null, password: req.body.password ?? null, roles: req.body.roles, unitCodes: req.body.units });
    await logAccess(db(), { actor, subjectType: 'user', subjectId: created.id, action: 'create', purpose: 'user_administration' });
    return reply.code(201).send(created);
  });
}
