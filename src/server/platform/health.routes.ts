import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import client from 'prom-client';
import { appliedMigrationCount } from './migrate.js';
import { isDatabaseUnavailable } from './errors.js';

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/health', {
    schema: {
      tags: ['platform'],
      summary: 'Liveness and database status',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgresql']), migrations: z.number().int(), authenticated: z.boolean() }),
        503: z.object({ status: z.literal('unavailable'), database: z.enum(['embedded', 'postgresql']), reason: z.string() }),
      },
    },
  }, async (req, reply) => {
    const { database } = app.deps;
    try {
      return { status: 'ok' as const, database: database.kind, migrations: await appliedMigrationCount(database.db), authenticated: req.user !== null };
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      return reply.code(503).header('retry-after', '5').send({ status: 'unavailable' as const, database: database.kind, reason: 'database unreachable' });
    }
  });
}

/** Prometheus metrics. Labels carry route patterns only, never URLs with ids or personal data. */
export function registerMetrics(app: FastifyInstance): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const duration = new client.Histogram({
    name: 'opastin_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
  return registry;
}
