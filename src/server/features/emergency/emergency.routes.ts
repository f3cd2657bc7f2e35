import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { acknowledgeHandoff, listHandoffs } from './emergency.service.js';
import { emergencyHandoffsSchema } from './emergency.schemas.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema };
/** The social emergency service's workers are unit workers of its unit (checked in the service); supervisors see it too. */
const READERS = ['unit_worker', 'supervisor'] as const;

export async function emergencyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  r.get('/emergency-handoffs', {
    config: { roles: [...READERS] },
    schema: {
      tags: ['emergency'],
      summary: 'The social emergency service’s list: contacts handed to it out of guidance hours (acute, urgent, child welfare notifications)',
      description: 'Open ones first, oldest first. No personal data: reference, reason, acute reasons, when it arrived and how many minutes it has waited. Readers: workers of the county’s social emergency unit and supervisors.',
      querystring: z.object({ all: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: acknowledged ones too') }),
      response: { 200: emergencyHandoffsSchema, ...errors },
    },
  }, async (req) => {
    const items = await listHandoffs(db(), currentUser(req), { includeAcknowledged: req.query.all ?? false }, app.deps.clock());
    return { items, total: items.length };
  });

  r.post('/emergency-handoffs/:id/acknowledge', {
    config: { roles: [...READERS] },
    schema: {
      tags: ['emergency'],
      summary: 'Acknowledge a hand-off: the social emergency service has it',
      description: 'Idempotent for the worker who acknowledged it; 409 naming who, when another already did.',
      params: z.object({ id: z.string().uuid() }),
      response: { 200: z.object({ id: z.string().uuid(), acknowledgedAt: z.string(), acknowledgedBy: z.string() }), ...errors },
    },
  }, async (req) => acknowledgeHandoff(db(), currentUser(req), req.params.id, app.deps.clock()));
}
