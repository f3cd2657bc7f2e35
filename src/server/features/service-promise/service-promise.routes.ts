import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { servicePromise } from '../../../domain/service-promise.js';
import { problemSchema } from '../../platform/errors.js';
import { MAX_YEAR, MIN_YEAR } from '../../../domain/calendar.js';
import { isValidLocalDate } from '../../../domain/local-date.js';
import { servicePromiseSchema } from './service-promise.schemas.js';

/** The regex of an ISO timestamp lets 31 February through; the calendar covers 1900–2200. */
function isRealInstantInRange(value: string): boolean {
  const date = value.slice(0, 10);
  const year = Number(value.slice(0, 4));
  return isValidLocalDate(date) && year > MIN_YEAR && year < MAX_YEAR && !Number.isNaN(Date.parse(value));
}

export async function servicePromiseRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/service-promise', {
    schema: {
      tags: ['service promise'],
      summary: 'When we will contact a resident who contacts us at `receivedAt`',
      description: 'Non-urgent contacts: by the next working day after the day of receipt; urgent: the same working day. Dates are business dates in Europe/Helsinki.',
      querystring: z.object({
        receivedAt: z.iso
          .datetime({ offset: true })
          .refine(isRealInstantInRange, { message: `must be a real date between ${MIN_YEAR + 1} and ${MAX_YEAR - 1}` })
          .optional()
          .describe('ISO 8601 timestamp with an offset, e.g. 2026-12-23T16:00:00+02:00; without it, now'),
        urgency: z.enum(['urgent', 'non_urgent']).default('non_urgent'),
      }),
      response: {
        200: servicePromiseSchema,
        400: problemSchema,
      },
    },
  }, async (req) => servicePromise(req.query.receivedAt ? new Date(req.query.receivedAt) : app.deps.clock(), req.query.urgency));
}
