import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../errors.js';
import { currentUser } from './guard.js';
import { dummyPasswordHash, verifyPassword } from './passwords.js';
import { createSession, revokeAllSessions, revokeSession, SESSION_COOKIE } from './sessions.js';
import { OidcClient } from './oidc.js';
import { checkLoginThrottle, recordLoginAttempt } from './login-throttle.js';
import { ROLES, type Role } from '../schema.js';
import { authMethodsSchema, meSchema } from './auth.schemas.js';

const OIDC_COOKIE = 'opastin_oidc';

function setSessionCookie(app: FastifyInstance, reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.deps.config.secureCookies,
    expires: expiresAt,
  });
}

/** Public part: login and the OIDC round trip. */
export async function authPublicRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { config } = app.deps;
  const oidc = config.oidc ? new OidcClient(config.oidc) : null;

  r.get('/auth/methods', {
    schema: { tags: ['auth'], summary: 'Which login methods are enabled', response: { 200: authMethodsSchema } },
  }, async () => ({ password: true, oidc: oidc !== null }));

  r.post('/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Log in with a local account',
      body: z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(256) }),
      response: { 200: meSchema, 400: problemSchema, 401: problemSchema, 429: problemSchema },
    },
  }, async (req, reply) => {
    const { database, clock } = app.deps;
    const db = database.db;
    const now = clock();
    const username = req.body.username.toLowerCase();
    // progressive waits per account and address, never a lock that refuses the right password (login-throttle.ts)
    await checkLoginThrottle(db, config.login, username, req.ip, now);

    const user = await db.selectFrom('app_user').select(['id', 'password_hash', 'active']).where('username', '=', username).executeTakeFirst();
    const ok = user?.password_hash && user.active
      ? await verifyPassword(user.password_hash, req.body.password)
      : (await verifyPassword(await dummyPasswordHash(), req.body.password), false);
    await recordLoginAttempt(db, username, req.ip, ok, now);
    if (!ok || !user) throw new AppError(401, 'invalid_credentials');

    const session = await createSession(db, sessionPolicy(app), user.id, 'password', now);
    setSessionCookie(app, reply, session.token, session.expiresAt);
    req.log.info({ userId: user.id }, 'login');
    return me(app, user.id, session.csrfToken);
  });

  r.get('/auth/oidc/login', {
    schema: { tags: ['auth'], summary: 'Start single sign-on with the county identity provider', response: { 302: z.null().describe('To the identity provider'), 404: problemSchema } },
  }, async (_req, reply) => {
    if (!oidc) throw new AppError(404, 'oidc_not_configured');
    const { url, state, nonce, verifier } = await oidc.authorizationUrl(`${config.publicUrl}/api/auth/oidc/callback`);
    reply.setCookie(OIDC_COOKIE, JSON.stringify({ state, nonce, verifier }), {
      path: '/api/auth/oidc', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true, maxAge: 600,
    });
    return reply.redirect(url.href);
  });

  r.get('/auth/oidc/callback', {
    schema: { tags: ['auth'], summary: 'Return from the identity provider', querystring: z.record(z.string(), z.string()), response: { 302: z.null().describe('To the staff app, or back to its login page with ?loginError=<code>'), 404: problemSchema } },
  }, async (req, reply) => {
    if (!oidc) throw new AppError(404, 'oidc_not_configured');
    // A person arrives here in a browser: failures go back to the login page with a reason code.
    const failTo = (code: string) => reply.redirect(`/tyo/?loginError=${code}`);
    const raw = req.cookies[OIDC_COOKIE];
    const unsigned = raw ? req.unsignCookie(raw) : null;
    reply.clearCookie(OIDC_COOKIE, { path: '/api/auth/oidc' });
    if (!unsigned?.valid || !unsigned.value) return failTo('oidc_failed');
    let identity;
    try {
      const checks = JSON.parse(unsigned.value) as { state: string; nonce: string; verifier: string };
      identity = await oidc.callback(new URL(req.url, config.publicUrl), checks);
    } catch (err) {
      req.log.warn({ reason: (err as Error).message }, 'oidc callback failed');
      return failTo('oidc_failed');
    }
    let userId: string;
    try {
      userId = await provisionOidcUser(app, identity);
    } catch (err) {
      if (err instanceof AppError) return failTo(err.code);
      throw err;
    }
    const session = await createSession(app.deps.database.db, sessionPolicy(app), userId, 'oidc', app.deps.clock());
    setSessionCookie(app, reply, session.token, session.expiresAt);
    return reply.redirect('/tyo/');
  });
}

/** Staff part (behind the staff guard): who am I, log out, log out everywhere. */
export async function authStaffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/auth/me', { schema: { tags: ['auth'], summary: 'The signed-in staff member', response: { 200: meSchema, 401: problemSchema } } },
    async (req) => { const u = currentUser(req); return me(app, u.userId, u.csrfToken); });

  r.post('/auth/logout', { schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), 401: problemSchema, 403: problemSchema } } },
    async (req, reply) => {
      await revokeSession(app.deps.database.db, currentUser(req).sessionId, app.deps.clock());
      app.sessionCache.forgetSession(currentUser(req).sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    });

  r.post('/auth/logout-everywhere', { schema: { tags: ['auth'], summary: 'End every session of this user on every device', response: { 200: z.object({ revoked: z.number().int() }), 401: problemSchema, 403: problemSchema } } },
    async (req, reply) => {
      const revoked = await revokeAllSessions(app.deps.database.db, currentUser(req).userId, app.deps.clock());
      app.sessionCache.forgetUser(currentUser(req).userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { revoked };
    });
}

function sessionPolicy(app: FastifyInstance) {
  const { config } = app.deps;
  return { secret: config.sessionSecret, idleMinutes: config.session.idleMinutes, absoluteHours: config.session.absoluteHours };
}

async function me(app: FastifyInstance, userId: string, csrfToken: string): Promise<z.infer<typeof meSchema>> {
  const db = app.deps.database.db;
  const user = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('id', '=', userId).executeTakeFirstOrThrow();
  const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', userId).orderBy('role').execute();
  const units = await db.selectFrom('user_unit').select('receiving_unit_id').where('user_id', '=', userId).execute();
  return { id: user.id, username: user.username, displayName: user.display_name, roles: roles.map((r) => r.role), unitIds: units.map((u) => u.receiving_unit_id), csrfToken };
}

/**
 * The identity provider is the source of truth for roles of OIDC users: known roles in the roles
 * claim are synced at every login; a person with none of them gets no account. `platform_admin`
 * (issue 18: creates counties) is never taken from a claim: a county's identity provider must not
 * be able to make someone the installation's administrator; it is given with `npm run admin`.
 */
async function provisionOidcUser(app: FastifyInstance, id: { subject: string; issuer: string; username: string | null; name: string | null; email: string | null; roles: string[] }): Promise<string> {
  const roles = id.roles.filter((r): r is Role => r !== 'platform_admin' && (ROLES as readonly string[]).includes(r));
  return app.deps.database.db.transaction().execute(async (trx) => {
    let user = await trx.selectFrom('app_user').select(['id', 'active']).where('oidc_issuer', '=', id.issuer).where('oidc_subject', '=', id.subject).executeTakeFirst();
    if (user && !user.active) throw new AppError(403, 'forbidden');
    if (roles.length === 0) throw new AppError(403, 'no_role');
    if (!user) {
      const county = await trx.selectFrom('county').select('id').orderBy('code').executeTakeFirstOrThrow();
      const username = (id.username ?? `oidc-${id.subject}`).toLowerCase().slice(0, 100);
      const taken = await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
      user = await trx.insertInto('app_user').values({
        county_id: county.id,
        username: taken ? `${username}-${id.subject}`.slice(0, 100) : username,
        display_name: id.name ?? username,
        email: id.email,
        oidc_issuer: id.issuer,
        oidc_subject: id.subject,
      }).returning(['id', 'active']).executeTakeFirstOrThrow();
    }
    await trx.deleteFrom('user_role').where('user_id', '=', user.id).where('role', 'not in', [...roles, 'platform_admin']).execute(); // a platform_admin given by the CLI stays
    await trx.insertInto('user_role').values(roles.map((role) => ({ user_id: user.id, role }))).onConflict((oc) => oc.columns(['user_id', 'role']).doNothing()).execute();
    return user.id;
  });
}
