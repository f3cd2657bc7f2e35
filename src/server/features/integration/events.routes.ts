import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AppError, type FieldErrorCode } from '../../platform/errors.js';
import { hit, refuseIfSpent } from '../../platform/rate-limit.js';
import { tx } from '../../platform/tx.js';
import { EVENT_TYPES } from '../../../domain/events.js';
import { catalogueSchema, type eventsPageSchema, type eventsQuery } from './integration.schemas.js';
import { eventCatalogue } from './events.catalogue.js';
import { countyCodeOf, eventsAfter, feedBounds, subscriptionByToken } from './events.queries.js';
import { eventsFor } from './events.service.js';

/**
 * The pull of the outbox (issue 19) and the event catalogue.
 *
 * `GET /api/events` is also the staff app's live stream: that route (features/live/live.routes.ts)
 * calls pullEvents when the request has `Authorization: Bearer …`, or `after` or `token` in the
 * query; the guard lets a Bearer request without a session through to it (config.bearer). So this
 * file registers only `GET /api/events/catalogue` (outside the staff scope: documentation, no session).
 */
export type PullQuery = z.infer<typeof eventsQuery> & { token?: string };

const MAX_SEQ = 9_223_372_036_854_775_807n;
/** The cursor: a seq as a decimal string (0: from the oldest event kept); null when it is not one. */
export function parseCursor(after: string | undefined): string | null {
  if (after === undefined) return '0';
  if (!/^[0-9]{1,19}$/.test(after)) return null;
  const n = BigInt(after);
  return n <= MAX_SEQ ? n.toString() : null;
}

const TOKEN_WINDOW_SECONDS = 15 * 60;
// the field code of a cursor that is not one
const INVALID_CURSOR: FieldErrorCode = 'invalid_cursor';

/**
 * A page of the county's CloudEvents after the cursor. A subscription's token (its secret, as
 * `Authorization: Bearer`) reads its county and its event types (`types` narrows them, never widens),
 * with data.person when its legal basis allows personal data; an administrator's session reads their
 * county, every type, never data.person. Wrong tokens are counted per client address as the CTI
 * interface counts them (CTI_MAX_FAILURES in 15 minutes, then 429 until the window ends).
 */
export async function pullEvents(app: FastifyInstance, req: FastifyRequest, query: PullQuery, reply: FastifyReply): Promise<z.infer<typeof eventsPageSchema>> {
  const { config, database, clock } = app.deps;
  // a page may carry data.person: no cache (a proxy's, the browser's) may keep it
  reply.header('cache-control', 'no-store');
  const now = clock();
  const failures = { scope: 'events.token_failure', max: config.ctiMaxFailures, windowSeconds: TOKEN_WINDOW_SECONDS, code: 'too_many_requests' as const };
  const authorization = req.headers.authorization;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(String(authorization ?? ''))?.[1];

  // who asks: a subscription (its token) or the county's administrator (a session)
  let who: { kind: 'token'; sub: NonNullable<Awaited<ReturnType<typeof subscriptionByToken>>> } | { kind: 'admin'; countyId: string };
  if (query.token !== undefined || authorization !== undefined) {
    await refuseIfSpent(database.db, failures, req.ip, config.sessionSecret, now);
    if (query.token !== undefined) {
      // a token in the address ends up in proxies' logs: refused even when right
      await hit(database.db, failures, req.ip, config.sessionSecret, now);
      throw new AppError(401, 'unauthenticated', 'Give the subscription\'s token in the Authorization header (Bearer), not in the address.');
    }
    const sub = bearer ? await subscriptionByToken(database.db, bearer) : null;
    if (!sub || !sub.active) {
      await hit(database.db, failures, req.ip, config.sessionSecret, now);
      throw new AppError(401, 'unauthenticated', 'Wrong, missing or inactive subscription token (Authorization: Bearer <secret>).');
    }
    who = { kind: 'token', sub };
  } else if (req.user) {
    if (!req.user.roles.includes('admin')) throw new AppError(403, 'forbidden', 'Reading the event feed with a session needs the administrator\'s role.');
    who = { kind: 'admin', countyId: req.user.countyId };
  } else {
    throw new AppError(401, 'unauthenticated', 'Give a subscription\'s token (Authorization: Bearer <secret>) or sign in as the county\'s administrator.');
  }

  const requested = parseTypes(query.types);
  let scope: { countyId: string; countyCode: string; types: readonly string[]; sub: { id: string; personalData: boolean } | null };
  if (who.kind === 'token') {
    const { sub } = who;
    // types narrow the subscription's, never widen them
    const outside = requested?.filter((t) => !sub.eventTypes.includes(t)) ?? [];
    if (outside.length) {
      throw new AppError(400, 'validation_failed', undefined, [{ field: 'query.types', code: 'invalid_choice', message: `Not among this subscription's event types: ${outside.join(', ')}.` }]);
    }
    scope = { countyId: sub.countyId, countyCode: sub.countyCode, types: requested ?? sub.eventTypes, sub: { id: sub.id, personalData: sub.personalData } };
  } else {
    // an administrator reads their own county's feed, never the person's data (that needs a system's legal basis)
    scope = { countyId: who.countyId, countyCode: await countyCodeOf(database.db, who.countyId), types: requested ?? EVENT_TYPES, sub: null };
  }

  const after = parseCursor(query.after);
  if (after === null) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'query.after', code: INVALID_CURSOR, message: 'Give `next` of the previous page (a decimal number), or leave it out to start from the oldest event.' }]);
  }
  // the read of a person's data and its access-log rows commit together
  return tx(database.db, async (trx) => {
    // read before the page, so that every event at or below head is visible to the page's query
    const { head, horizon } = await feedBounds(trx, scope.countyId);
    if (after !== '0' && BigInt(after) < BigInt(horizon)) {
      // events after the cursor were deleted by retention: a page would skip them without a word
      throw new AppError(410, 'cursor_expired', `Events after ${after} up to ${horizon} are gone (the outbox keeps 30 days). Read again without \`after\` (from the oldest event kept) and reconcile what was missed.`, [], {}, { prunedUpTo: horizon });
    }
    const page = await eventsAfter(trx, { countyId: scope.countyId, after, limit: query.limit, types: scope.types });
    const events = await eventsFor(trx, page.rows, scope.countyCode, scope.sub, now);
    return { events, next: nextCursor(after, page.rows.at(-1)?.seq, page.more ? null : head), more: page.more };
  });
}

export async function eventsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const catalogue = eventCatalogue();
  r.get('/events/catalogue', {
    schema: {
      tags: ['integration'],
      summary: 'The event catalogue: every event type Opastin publishes, with the JSON Schema of its data, the webhook signature recipe and the retry schedule',
      response: { 200: catalogueSchema },
    },
  }, async () => catalogue);
}

/**
 * The cursor to give back: the last event of the page; on the last page (no `more`) the county's head
 * when it is further, so that a reader of a few types moves past the events of the others and its
 * cursor never falls behind the retention horizon while it reads regularly. Never behind `after`.
 */
export function nextCursor(after: string, lastSeq: string | undefined, head: string | null): string {
  let next = BigInt(after);
  if (lastSeq !== undefined && BigInt(lastSeq) > next) next = BigInt(lastSeq);
  if (head !== null && BigInt(head) > next) next = BigInt(head);
  return next.toString();
}

/** `types=a,b`: each a known event type, or 400 naming query.types. Absent or empty: null (all the caller may read). */
function parseTypes(types: string | undefined): string[] | null {
  if (types === undefined) return null;
  const list = [...new Set(types.split(',').map((s) => s.trim()).filter(Boolean))];
  if (!list.length) return null;
  const unknown = list.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'query.types', code: 'invalid_choice', message: `Unknown event type: ${unknown.join(', ')} (GET /api/events/catalogue lists them).` }]);
  }
  return list;
}
