import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import { seedDefaultCodes } from '../organisation/public.js';
import { adminFieldError, checkPassword, insertUser, uniqueViolationAsConflict } from '../users/public.js';
import { countyCreateSchema, countyCreatedSchema, countyListSchema } from './administration.schemas.js';
import { announceChange, recordChange } from './history.js';

/**
 * The platform administrator's routes (issue 18): the installation's counties, and a new county
 * with its default code sets and its first administrator in one transaction. A platform
 * administrator is not an administrator of any county (the county routes want `admin`), and a
 * county's administrator cannot reach these.
 */
export async function platformRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  r.get('/platform/counties', {
    config: { roles: ['platform_admin'] },
    schema: {
      tags: ['platform'], summary: 'The counties of the installation',
      description: 'admins: active users with the admin role; users: active users.',
      response: { 200: countyListSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async () => {
    const rows = await db().selectFrom('county as c')
      .select([
        'c.id', 'c.code', 'c.name_fi', 'c.name_sv', 'c.name_en', 'c.created_at',
        sql<string>`(select count(*) from app_user u where u.county_id = c.id and u.active
          and exists (select 1 from user_role r where r.user_id = u.id and r.role = 'admin'))`.as('admins'),
        sql<string>`(select count(*) from app_user u where u.county_id = c.id and u.active)`.as('users'),
      ])
      .orderBy('c.code').execute();
    const items = rows.map((c) => ({
      id: c.id, code: c.code, name: { fi: c.name_fi, sv: c.name_sv, en: c.name_en },
      admins: Number(c.admins), users: Number(c.users), createdAt: new Date(c.created_at).toISOString(),
    }));
    return { items, total: items.length };
  });

  r.post('/platform/counties', {
    config: { roles: ['platform_admin'] },
    schema: {
      tags: ['platform'], summary: 'Create a county with its default code sets and its first administrator',
      description: '409 code_in_use on body.code (the county code) or body.admin.username. The administrator\'s password: at least 12 characters.',
      body: countyCreateSchema,
      response: { 201: countyCreatedSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema },
    },
  }, async (req, reply) => {
    const actor = currentUser(req);
    const b = req.body;
    checkPassword(b.admin.password, 'body.admin.password');
    const passwordHash = await hashPassword(b.admin.password);
    const now = app.deps.clock();
    const created = await db().transaction().execute(async (trx) => {
      // checked first to name every conflict; a simultaneous twin still ends in the unique constraints (below)
      const codeTaken = await trx.selectFrom('county').select('id').where('code', '=', b.code).executeTakeFirst();
      const usernameTaken = await trx.selectFrom('app_user').select('id').where('username', '=', b.admin.username).executeTakeFirst();
      if (codeTaken || usernameTaken) {
        throw new AppError(409, 'conflict', undefined, [
          ...(codeTaken ? [adminFieldError('body.code', `A county ${b.code} exists already.`, 'code_in_use')] : []),
          ...(usernameTaken ? [adminFieldError('body.admin.username', `The username ${b.admin.username} is taken.`, 'code_in_use')] : []),
        ]);
      }
      const county = await trx.insertInto('county')
        .values({ code: b.code, name_fi: b.name.fi, name_sv: b.name.sv, name_en: b.name.en })
        .returning(['id', 'code']).executeTakeFirstOrThrow();
      await seedDefaultCodes(trx, county.id);
      const admin = await insertUser(trx, {
        countyId: county.id, username: b.admin.username, displayName: b.admin.displayName, email: b.admin.email ?? null, roles: ['admin'],
      }, passwordHash, { actor, grantable: ['admin'], at: now, usernameField: 'body.admin.username', accessCountyId: county.id });
      await recordChange(trx, actor, county.id, {
        objectType: 'county', objectKey: county.code, action: 'create',
        after: { code: county.code, name: b.name, admin: { id: admin.id, username: b.admin.username, displayName: b.admin.displayName } },
      });
      return { id: county.id, code: county.code, adminId: admin.id };
    }).catch((err: unknown) => {
      throw uniqueViolationAsConflict(err, { county_code_key: 'body.code', app_user_username_key: 'body.admin.username' });
    });
    await announceChange(db(), { county: created.id });
    return reply.code(201).send(created);
  });
}
