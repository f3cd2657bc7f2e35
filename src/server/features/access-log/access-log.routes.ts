import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { accessLogForSubject, createAccessLogCheckpoint, logAccess, verifyAccessLog } from '../../platform/access-log.js';
import { personAccessLog } from './access-log.service.js';

const SUBJECT_TYPES = ['person', 'contact', 'user', 'referral', 'consultation'] as const;

const checkpointSchema = z.object({
  scope: z.literal('global'), seq: z.number().int(), hash: z.string(), rows: z.number().int(), at: z.string(), signature: z.string(), publicKey: z.string(),
}).meta({ id: 'AccessLogCheckpoint' });

/** "Who has seen this person's data, and when" (Act 703/2023 § 11), for administrators. */
export async function accessLogRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/admin/access-log', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: "Who has read or changed a person's (or contact's) data, newest first. subjectType=person with an identity code finds every read through any record",
      querystring: z.object({ subjectType: z.enum(SUBJECT_TYPES), subjectId: z.string().min(1).max(100) }),
      response: {
        200: z.object({ items: z.array(z.object({
          seq: z.number().int(), at: z.string(), actorUserId: z.string().nullable(), actor: z.string(),
          subjectType: z.enum(SUBJECT_TYPES), subjectId: z.string(), action: z.string(), purpose: z.string(),
        })), total: z.number().int().min(0).describe('How many rows (the newest 500 at most)') }),
        400: problemSchema, 401: problemSchema, 403: problemSchema,
      },
    },
  }, async (req) => {
    const actor = currentUser(req);
    const db = app.deps.database.db;
    if (req.query.subjectType === 'person') {
      const items = await personAccessLog(db, actor, actor.countyId, req.query.subjectId, 'access_log_review');
      return { items: items.map(({ seq, at, actorUserId, actor: a, subjectType, subjectId, action, purpose }) => ({ seq, at, actorUserId, actor: a, subjectType, subjectId, action, purpose })), total: items.length };
    }
    return db.transaction().execute(async (trx) => {
      const items = await accessLogForSubject(trx, actor.countyId, req.query.subjectType, req.query.subjectId);
      // Reviewing the log is itself an access to the person's data.
      await logAccess(trx, { actor, subjectType: req.query.subjectType, subjectId: req.query.subjectId, action: 'read', purpose: 'access_log_review' });
      return { items, total: items.length };
    });
  });

  r.get('/admin/access-log/person-report', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'],
      summary: "A person's access-log report for their request (Act 703/2023): who (name, organisation, unit), when, what and why, through which record. Itself logged",
      querystring: z.object({ hetu: z.string().min(1).max(20) }),
      response: {
        200: z.object({
          generatedAt: z.string(),
          items: z.array(z.object({
            at: z.string(), who: z.string(), organisation: z.string().nullable(), units: z.array(z.string()), action: z.string(), purpose: z.string(),
            record: z.object({ type: z.enum(SUBJECT_TYPES), id: z.string(), reference: z.string().nullable() }),
          })),
          total: z.number().int().min(0).describe('How many there are (the whole list: not paged)'),
        }),
        400: problemSchema, 401: problemSchema, 403: problemSchema,
      },
    },
  }, async (req) => {
    const actor = currentUser(req);
    const items = await personAccessLog(app.deps.database.db, actor, actor.countyId, req.query.hetu, 'access_log_person_report');
    return {
      generatedAt: app.deps.clock().toISOString(),
      items: items.map((i) => ({
        at: i.at, who: i.actorName ?? i.actor, organisation: i.organisation, units: i.units, action: i.action, purpose: i.purpose,
        // a person search is recorded under the person key: shown as the person, not as a key
        record: { type: i.subjectType, id: i.subjectType === 'person' ? '' : i.subjectId, reference: i.record },
      })),
      total: items.length,
    };
  });

  r.get('/admin/access-log/verify', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'], summary: 'Recompute the hash chain of the access log and check it against the signed checkpoints',
      response: {
        200: z.object({
          ok: z.boolean(), rows: z.number().int(), firstBrokenSeq: z.number().int().nullable(), checkpoints: z.number().int(),
          problems: z.array(z.object({ seq: z.number().int(), at: z.string(), source: z.enum(['stored', 'given']), problem: z.string() })),
        }),
        401: problemSchema, 403: problemSchema,
      },
    },
  }, async () => verifyAccessLog(app.deps.database.db));

  r.post('/admin/access-log/checkpoint', {
    config: { roles: ['admin'] },
    schema: { tags: ['admin'], summary: 'Sign a checkpoint of the access log now (keep the returned line outside the database)', response: { 200: checkpointSchema, 401: problemSchema, 403: problemSchema } },
  }, async () => createAccessLogCheckpoint(app.deps.database.db, app.deps.clock()));
}
