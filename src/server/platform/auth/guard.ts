import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { resolveSession, SessionCache, SESSION_COOKIE, type SessionUser } from './sessions.js';

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Resolves the session cookie, if any, for every request; public routes simply ignore it. */
export function registerSessionResolution(app: FastifyInstance): void {
  app.decorateRequest('user', null);
  app.decorate('sessionCache', new SessionCache(app.deps.config.session.cacheSeconds * 1000));
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const { config, database, clock } = app.deps;
    req.user = await resolveSession(
      database.db,
      { secret: config.sessionSecret, idleMinutes: config.session.idleMinutes, absoluteHours: config.session.absoluteHours },
      token,
      clock(),
      app.sessionCache,
    );
  });
}

/**
 * The one place staff routes are protected: a hook on the staff subtree. It requires a session,
 * the CSRF token on every cookie-authenticated mutation, and the route's roles when it names any.
 */
export function requireStaff(scope: FastifyInstance): void {
  scope.addHook('onRequest', async (req) => {
    const user = req.user;
    if (!user && req.routeOptions.config.bearer && /^bearer\s/i.test(String(req.headers.authorization ?? ''))) return;
    if (!user) throw new AppError(401, 'unauthenticated');
    if (MUTATIONS.has(req.method) && req.headers['x-csrf-token'] !== user.csrfToken) throw new AppError(403, 'csrf_failed');
    const roles = req.routeOptions.config.roles;
    if (roles && !roles.some((r) => user.roles.includes(r))) throw new AppError(403, 'forbidden');
  });
}

export function currentUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError(401, 'unauthenticated');
  return req.user;
}
