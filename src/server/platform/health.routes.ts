import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import client from 'prom-client';
import { createHash, timingSafeEqual } from 'node:crypto';
import { appliedMigrationCount } from './migrate.js';
import { sql } from 'kysely';
import { isDatabaseUnavailable } from './errors.js';

/** How long the readiness probe waits for the database before it says "not ready". */
export const READY_TIMEOUT_MS = 2000;

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  // Liveness: the process answers. No database: a database outage must not get the process restarted
  // (it recovers by itself, db.ts); the load balancer takes it out of rotation by readiness instead.
  app.withTypeProvider<ZodTypeProvider>().get('/health/live', {
    schema: { tags: ['platform'], summary: 'Liveness: the process answers (no database)', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  // Readiness: the database answers a ping within READY_TIMEOUT_MS; else 503 with Retry-After.
  app.withTypeProvider<ZodTypeProvider>().get('/health/ready', {
    schema: {
      tags: ['platform'],
      summary: 'Readiness: the database answers within 2 seconds',
      response: {
        200: z.object({ status: z.literal('ok'), database: z.enum(['embedded', 'postgresql']) }),
        503: z.object({ status: z.literal('unavailable'), database: z.enum(['embedded', 'postgresql']), reason: z.string() }),
      },
    },
  }, async (_req, reply) => {
    const { database } = app.deps;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), READY_TIMEOUT_MS); });
    const ping = sql`select 1`.execute(database.db).then(() => 'ok' as const, (err: unknown) => err);
    const outcome = await Promise.race([ping, timeout]).finally(() => clearTimeout(timer));
    if (outcome === 'ok') return { status: 'ok' as const, database: database.kind };
    if (outcome !== 'timeout' && !isDatabaseUnavailable(outcome)) throw outcome;
    return reply.code(503).header('retry-after', '5').send({
      status: 'unavailable' as const, database: database.kind, reason: outcome === 'timeout' ? 'database did not answer in time' : 'database unreachable',
    });
  });

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
  // issue 13: only with "Authorization: Bearer <METRICS_TOKEN>"; without METRICS_TOKEN there is no /metrics (404)
  const token = app.deps.config.metricsToken;
  if (token) {
    const expected = createHash('sha256').update(`Bearer ${token}`).digest();
    app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
      const given = createHash('sha256').update(req.headers.authorization ?? '').digest();
      if (!timingSafeEqual(given, expected)) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').type('application/problem+json')
          .send({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'GET /metrics needs the header Authorization: Bearer <METRICS_TOKEN>' });
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }
  return registry;
}
