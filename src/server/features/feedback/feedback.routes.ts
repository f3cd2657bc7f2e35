import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { hit } from '../../platform/rate-limit.js';
import { feedbackInputSchema } from './feedback.schemas.js';
import { giveFeedback } from './feedback.service.js';

/** `POST /api/public/feedback`: a resident's anonymous feedback, once per invite (feedback.schemas.ts). */
export async function feedbackPublicRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/feedback', {
    bodyLimit: 16 * 1024,
    config: { residentText: true },
    schema: {
      tags: ['feedback'], summary: 'A resident\'s feedback on a closed contact: a score 1–5 and free text, once per link',
      body: feedbackInputSchema,
      response: { 201: z.object({ ok: z.literal(true) }), 400: problemSchema, 404: problemSchema, 409: problemSchema, 410: problemSchema, 413: problemSchema, 429: problemSchema, 503: problemSchema },
    },
  }, async (req, reply) => {
    const { database, config, clock } = app.deps;
    await hit(database.db, { scope: 'public.address', max: config.publicLimits.perAddressPerHour, windowSeconds: 3600 }, req.ip, config.sessionSecret, clock());
    await giveFeedback(database.db, config.sessionSecret, req.body, clock());
    return reply.code(201).send({ ok: true as const });
  });
}
