import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { AppError, problemSchema, type FieldError } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { preferencesSchema, type Preferences } from '../contacts/contacts.schemas.js';
import { loadCountyCodes } from '../contacts/public.js';

/** A worker who never saved anything: no filters, no sound, no desktop notifications. */
export const DEFAULT_PREFERENCES: Preferences = { queueFilters: {}, savedFilters: [], notifySound: false, notifyDesktop: false };

/**
 * A staff member's own queue filters and notification choices (issue 14): `GET/PUT /api/me/preferences`.
 * Any signed-in staff role; each user sees and changes only their own. Line and region codes must
 * be the county's (400 naming the field).
 */
export async function preferencesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

  r.get('/me/preferences', {
    schema: { tags: ['auth'], summary: 'Your saved queue filters and notification choices (defaults when none are saved)', response: { 200: preferencesSchema, ...errors } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const row = await db().selectFrom('worker_preference').select('settings').where('user_id', '=', currentUser(req).userId).executeTakeFirst();
    // what an older version saved and this one no longer reads falls back to the defaults, never a 500
    const parsed = row ? preferencesSchema.safeParse(row.settings) : null;
    return parsed?.success ? parsed.data : DEFAULT_PREFERENCES;
  });

  r.put('/me/preferences', {
    schema: { tags: ['auth'], summary: 'Save your queue filters and notification choices (the whole set); answers with what was saved', body: preferencesSchema, response: { 200: preferencesSchema, ...errors } },
  }, async (req) => {
    const user = currentUser(req);
    const codes = await loadCountyCodes(db(), user.countyId);
    const problems: FieldError[] = [];
    const check = (filters: Preferences['queueFilters'], at: string) => {
      if (filters.line && !codes.lines.has(filters.line)) problems.push({ field: `${at}.line`, message: `Unknown phone line "${filters.line}".`, code: 'unknown_code' });
      if (filters.region && !codes.regions.has(filters.region)) problems.push({ field: `${at}.region`, message: `Unknown region "${filters.region}".`, code: 'unknown_code' });
    };
    check(req.body.queueFilters, 'body.queueFilters');
    req.body.savedFilters.forEach((s, i) => check(s.filters, `body.savedFilters.${i}.filters`));
    if (problems.length) throw new AppError(400, 'unknown_code', undefined, problems);
    const settings = JSON.stringify(req.body);
    const now = app.deps.clock();
    await db().insertInto('worker_preference').values({ user_id: user.userId, settings, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ settings: sql`excluded.settings`, updated_at: now })).execute();
    return req.body;
  });
}
