import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { logRead } from '../../platform/access-log.js';
import { historyQuery, historySchema } from './administration.schemas.js';

const asObject = (v: unknown): Record<string, unknown> | null => {
  const value = typeof v === 'string' ? JSON.parse(v) as unknown : v;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Record<string, unknown> : null;
};

/** Every administrative change of the county (issue 18), newest first; per object when asked. */
export async function adminHistoryRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/admin/history', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: 'Who changed what and when, with before and after: newest first, the county\'s own changes only',
      querystring: historyQuery,
      response: { 200: historySchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => {
    const { objectType, objectKey, limit } = req.query;
    let q = app.deps.database.db.selectFrom('admin_change').where('county_id', '=', currentUser(req).countyId);
    if (objectType) q = q.where('object_type', '=', objectType);
    if (objectKey) q = q.where('object_key', '=', objectKey);
    const [rows, count] = await Promise.all([
      q.select(['id', 'at', 'actor_user_id', 'actor_name', 'object_type', 'object_key', 'action', 'before', 'after'])
        .orderBy('at', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    // a staff account's history holds the person's name, e-mail, roles and units: read as the account itself is (access-logged)
    const actor = currentUser(req);
    for (const userId of new Set(rows.filter((r) => r.object_type === 'user').map((r) => r.object_key))) {
      await logRead(app.deps.database.db, { actor, subjectType: 'user', subjectId: userId, purpose: 'user_administration', at: app.deps.clock() });
    }
    return {
      items: rows.map((r) => ({
        id: r.id, at: r.at.toISOString(), actor: { id: r.actor_user_id, name: r.actor_name },
        objectType: r.object_type, objectKey: r.object_key, action: r.action, before: asObject(r.before), after: asObject(r.after),
      })),
      total: Number(count.n),
    };
  });
}
