import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { accessLogForSubject, logAccess, verifyAccessLogChain } from '../../platform/access-log.js';

const SUBJECT_TYPES = ['person', 'contact', 'user', 'referral', 'consultation'] as const;

/** "Who has seen this person's data, and when" (Act 703/2023 § 11), for administrators. */
export async function accessLogRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/admin/access-log', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: "Who has read or changed a person's (or contact's) data, newest first",
      querystring: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.string().min(1).max(100) }),
      response: {
        200: z.object({ items: z.array(z.object({
          seq: z.number().int(), at: z.string(), actorUserId: z.string().nullable(), actor: z.string(),
          subjectType: z.enum(SUBJECT_TYPES), subjectId: z.string(), action: z.string(), purpose: z.string(),
        })) }),
        400: problemSchema, 401: problemSchema, 403: problemSchema,
      },
    },
  }, async (req) => {
    const actor = currentUser(req);
    const db = app.deps.database.db;
    return db.transaction().execute(async (trx) => {
      const items = await accessLogForSubject(trx, actor.countyId, req.query.subjectType, req.query.subjectId);
      // Reviewing the log is itself an access to the person's data.
      await logAccess(trx, { actor, subjectType: req.query.subjectType, subjectId: req.query.subjectId, action: 'read', purpose: 'access_log_review' });
      return { items };
    });
  });

  r.get('/admin/access-log/verify', {
    config: { roles: ['admin'] },
    schema: { tags: ['admin'], summary: 'Recompute the hash chain of the access log', response: { 200: z.object({ ok: z.boolean(), rows: z.number().int(), firstBrokenSeq: z.number().int().nullable() }), 401: problemSchema, 403: problemSchema } },
  }, async () => verifyAccessLogChain(app.deps.database.db));
}
