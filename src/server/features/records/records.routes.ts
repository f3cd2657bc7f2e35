import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemSchema } from '../../platform/errors.js';
import { RETENTION_TABLE, STATUTORY_PERIODS, SERVICE_TASKS } from '../../../domain/retention.js';
import { retentionTableSchema } from './records.schemas.js';

/** The retention table, shown to administrators (issue 12): every record type's rule, by law. */
export async function recordsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/admin/retention', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['admin'], summary: 'The retention table: what is kept, for how long, from which event, on which legal basis, and how it is enforced',
      response: { 200: retentionTableSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async () => ({
    rules: RETENTION_TABLE.map((rule) => ({ ...rule, label: { ...rule.label }, period: { ...rule.period } })),
    statutoryPeriods: SERVICE_TASKS.map((t) => ({ serviceTask: t, years: STATUTORY_PERIODS[t].years, from: STATUTORY_PERIODS[t].from, legalBasis: STATUTORY_PERIODS[t].basis })),
    adviceRetentionDays: app.deps.config.adviceRetentionDays,
  }));
}
