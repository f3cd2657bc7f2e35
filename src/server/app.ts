import { eventsRoutes, integrationRoutes, openApiWebhooks } from './features/integration/public.js';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import './platform/context.js';
import type { AppDeps } from './platform/context.js';
import { trustProxyOption } from './platform/config.js';
import { registerErrorHandling } from './platform/errors.js';
import { registerInputHygiene } from './platform/input-hygiene.js';
import { configureAccessLog, resolveAccessLogKeys } from './platform/access-log.js';
import { registerSessionResolution, requireStaff } from './platform/auth/guard.js';
import { authPublicRoutes, authStaffRoutes } from './platform/auth/auth.routes.js';
import { healthRoutes, registerMetrics } from './platform/health.routes.js';
import { registerWeb } from './platform/web.js';
import { registerCompression, registerSecurityHeaders } from './platform/security.js';
import { servicePromiseRoutes } from './features/service-promise/public.js';
import { organisationPublicRoutes, organisationStaffRoutes } from './features/organisation/public.js';
import { usersRoutes } from './features/users/public.js';
import { accessLogRoutes } from './features/access-log/public.js';
import { contactsRoutes, ctiRoutes } from './features/contacts/public.js';
import { statisticsRoutes } from './features/statistics/public.js';
import { frontDoorRoutes } from './features/front-door/public.js';
import { cataloguePublicRoutes, catalogueEditorRoutes, catalogueStaffRoutes } from './features/catalogue/public.js';
import { referralsRoutes } from './features/referrals/public.js';
import { emergencyRoutes } from './features/emergency/public.js';
import { recordsRoutes } from './features/records/public.js';
import { ChatChanges, ContactChanges, liveRoutes } from './features/live/public.js';
import { chatPublicRoutes, chatStaffRoutes } from './features/chat/public.js';
import { feedbackPublicRoutes } from './features/feedback/public.js';
import { guidanceRoutes } from './features/guidance/public.js';
import { administrationRoutes } from './features/administration/public.js';
import { preferencesRoutes } from './features/users/public.js';

export interface BuildOptions {
  /** Serve the built web apps from dist/web when present (default true). */
  web?: boolean;
  logger?: FastifyServerOptions['logger'];
  /** Where the app's own logger (its level and serializers) writes; stdout when absent (tests read it). */
  logStream?: NodeJS.WritableStream;
  /** Live updates (GET /api/events): heartbeat and streams per user; tests shorten the heartbeat. */
  live?: { heartbeatMs?: number; maxStreamsPerUser?: number };
  /** Called for every route as it is added (the contract test walks them all). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Logs carry no personal data: request lines without query strings (they may hold a phone
 * number or a name), and errors without the database's `detail` (it may echo a value).
 */
const serializers = {
  req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
  err: (err: Error & { code?: unknown; constraint?: unknown; statusCode?: unknown }) => ({
    type: err.name, message: err.message, code: err.code, constraint: err.constraint, statusCode: err.statusCode, stack: err.stack ?? '',
  }),
};

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? { level: deps.config.logLevel, serializers, ...(options.logStream ? { stream: options.logStream } : {}) },
    bodyLimit: 256 * 1024,
    // only the proxies named by TRUST_PROXY may set the client address (X-Forwarded-For); default: none
    trustProxy: trustProxyOption(deps.config.trustProxy),
    routerOptions: { ignoreTrailingSlash: false },
  });
  app.decorate('deps', deps);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);
  // live updates (issue 14, ADR 0013): one LISTEN per process, started when the app is ready and
  // stopped when it closes; its streams end before the server closes (live.routes.ts)
  const contactChanges = new ContactChanges(deps.database, app.log);
  app.decorate('contactChanges', contactChanges);
  // the chat's transport hears its channel on the same listening connection (added before it starts)
  const chatChanges = new ChatChanges(deps.database, contactChanges);
  app.decorate('chatChanges', chatChanges);
  app.addHook('onReady', async () => { await contactChanges.start(); });
  app.addHook('onClose', async () => { await contactChanges.stop(); });
  // the access log's person-hash and checkpoint-signing keys, kept outside the database
  configureAccessLog(resolveAccessLogKeys(deps.config));
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie, { secret: deps.config.sessionSecret });
  // issue 13: CSP, HSTS on https, nosniff, frame-ancestors 'none'; brotli/gzip above 1 KiB (platform/security.ts)
  await registerSecurityHeaders(app, deps.config);
  await registerCompression(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Opastin API', version: '0.1.0', description: 'Client guidance (asiakasohjaus) for Finnish wellbeing services counties. Errors are RFC 9457 problem+json.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'opastin_session' },
          subscriptionToken: { type: 'http', scheme: 'bearer', description: 'A webhook subscription\'s secret (GET /api/events)' },
        },
      },
      // issue 19: the event catalogue, one POST per event type that a subscriber receives (docs/integration.md)
      webhooks: openApiWebhooks() as never,
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // the API docs page and document: API_DOCS (default off in production)
  if (deps.config.apiDocs) {
    await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
    app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  }

  const fallback = options.web === false ? null : await registerWeb(app);
  registerErrorHandling(app, fallback);
  registerInputHygiene(app);
  registerSessionResolution(app);
  registerMetrics(app);

  await app.register(healthRoutes);

  // Resident-facing: never requires a session.
  await app.register(async (pub) => {
    await pub.register(servicePromiseRoutes);
    await pub.register(organisationPublicRoutes);
    await pub.register(frontDoorRoutes);
    await pub.register(cataloguePublicRoutes);
    await pub.register(chatPublicRoutes, { chats: chatChanges });
    await pub.register(feedbackPublicRoutes);
  }, { prefix: '/api/public' });
  await app.register(authPublicRoutes, { prefix: '/api' });
  // Machine-to-machine: the phone system, authenticated by its own token.
  await app.register(ctiRoutes, { prefix: '/api' });
  // issue 19: GET /api/events takes a subscription's Bearer token (or an admin's session); the catalogue is documentation
  await app.register(eventsRoutes, { prefix: '/api' });

  // Staff: one guard for the whole subtree.
  await app.register(async (staff) => {
    requireStaff(staff);
    await staff.register(authStaffRoutes);
    await staff.register(organisationStaffRoutes);
    await staff.register(usersRoutes);
    await staff.register(preferencesRoutes);
    await staff.register(liveRoutes, { changes: contactChanges, chats: chatChanges, ...options.live });
    await staff.register(chatStaffRoutes, { chats: chatChanges });
    await staff.register(accessLogRoutes);
    await staff.register(contactsRoutes);
    await staff.register(statisticsRoutes);
    await staff.register(catalogueStaffRoutes);
    await staff.register(catalogueEditorRoutes);
    await staff.register(referralsRoutes);
    await staff.register(emergencyRoutes);
    await staff.register(recordsRoutes);
    await staff.register(guidanceRoutes);
    await staff.register(administrationRoutes);
    await staff.register(integrationRoutes);
  }, { prefix: '/api' });

  return app;
}
