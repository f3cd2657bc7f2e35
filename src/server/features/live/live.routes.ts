/**
 * `GET /api/events`: server-sent events for the staff app (issue 14, ADR 0013). The queue listens
 * here instead of polling.
 *
 *   retry: 5000                      reconnect after 5 s
 *   event: ready   data: {serverTime}  on connect (and so after every reconnect: refetch then)
 *   event: contact data: ContactChange a contact of the user's county was created or changed;
 *                                     op `bulk`: many changed, or changes may have been missed: refetch
 *   event: end     data: {reason}     the session ended (`session_ended`): do not reconnect, sign in
 *   : heartbeat                       a comment every 20 s, which also re-checks the session
 *
 * No personal data travels: ids, status, line code, acute, user ids. A user has at most
 * `maxStreamsPerUser` streams open (429 beyond). The streams end when the server shuts down.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sql } from 'kysely';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import type { ContactChange } from '../contacts/contacts.schemas.js';
import type { ContactChanges } from './contact-changes.js';
import type { ChatChanges, ChatNotice } from './chat-changes.js';
import { eventsPageSchema, eventsQuery, pullEvents } from '../integration/public.js';

const STREAM_ROLES = ['guidance_worker', 'supervisor', 'unit_worker'] as const;

export interface LiveOptions {
  changes: ContactChanges;
  /** the chat's notices (issue 16): `event: chat` and `event: chat-typing` on the same stream */
  chats?: ChatChanges;
  /** heartbeat comment and session re-check (default 20 s: below every usual proxy idle timeout) */
  heartbeatMs?: number;
  /** open streams per user (default 5: a few tabs) */
  maxStreamsPerUser?: number;
}

/** How long a stream's unsent output may grow before the client is deemed gone (a stalled reader). */
const MAX_BUFFERED_BYTES = 1 << 20;

export async function liveRoutes(app: FastifyInstance, opts: LiveOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const heartbeatMs = opts.heartbeatMs ?? 20_000;
  const maxStreams = opts.maxStreamsPerUser ?? 5;
  const perUser = new Map<string, number>();
  const open = new Set<() => void>();

  // a shutdown ends every stream first, so that closing the server does not wait for them
  app.addHook('preClose', async () => { for (const end of [...open]) end(); });

  /** The session is still valid: not revoked, not expired, not idle, its user active. Does not touch it. */
  const sessionValid = async (user: SessionUser): Promise<boolean> => {
    const { database, config, clock } = app.deps;
    const now = clock();
    const row = await database.db.selectFrom('user_session as s').innerJoin('app_user as u', 'u.id', 's.user_id').select('s.id')
      .where('s.id', '=', user.sessionId).where('s.revoked_at', 'is', null).where('s.expires_at', '>', now)
      .where('s.last_seen_at', '>', sql<Date>`${now}::timestamptz - make_interval(mins => ${config.session.idleMinutes})`)
      .where('u.active', '=', true).executeTakeFirst();
    return row !== undefined;
  };

  // One path, two uses (issue 19 keeps the path its contract names): a subscription's Bearer token,
  // or `after` in the query, is a system polling the outbox (integration's pullEvents); otherwise the
  // staff app's live stream.
  r.get('/events', {
    config: { bearer: true },
    compress: false,
    schema: {
      tags: ['contacts', 'integration'],
      summary: 'Live updates (server-sent events) for the staff app; with `after` or a subscription\'s Bearer token, the outbox\'s events for systems that poll',
      description: 'Staff app (a session of a guidance worker, supervisor or unit worker, no `after`): text/event-stream with `ready` on connect, `contact` (ContactChange) ' +
        'for each change of a contact of your county, `chat`, `end` when the session ends; a heartbeat comment every 20 s. ' +
        'Systems that poll (issue 19): `Authorization: Bearer <subscription secret>` (or an administrator\'s session with `after`, 0 for the start): ' +
        'JSON EventsPage of CloudEvents after the cursor, oldest first; give `next` as `after` for the next page. The event types: GET /api/events/catalogue.',
      querystring: eventsQuery.extend({ token: z.string().max(500).optional().describe('Refused (401): give the token in the Authorization header') }),
      response: { 200: eventsPageSchema.describe('JSON for a poll; text/event-stream for the staff app'), 400: problemSchema, 401: problemSchema, 403: problemSchema, 410: problemSchema.describe('cursor_expired: events after `after` were deleted by retention; read again without `after`'), 429: problemSchema },
    },
  }, async (req, reply) => {
    if (/^bearer\s/i.test(String(req.headers.authorization ?? '')) || req.query.after !== undefined || req.query.token !== undefined) {
      return pullEvents(app, req, req.query, reply);
    }
    const user = currentUser(req);
    if (!STREAM_ROLES.some((role) => user.roles.includes(role))) throw new AppError(403, 'forbidden');
    const count = perUser.get(user.userId) ?? 0;
    if (count >= maxStreams) throw new AppError(429, 'too_many_requests', `At most ${maxStreams} live streams per user.`, [], { 'retry-after': '30' });
    perUser.set(user.userId, count + 1);
    startStream(reply, user);
    return reply;
  });

  function startStream(reply: FastifyReply, user: SessionUser): void {
    reply.hijack();
    const res = reply.raw;
    let ended = false;
    const write = (chunk: string) => {
      if (ended) return;
      res.write(chunk);
      if (res.writableLength > MAX_BUFFERED_BYTES) end();
    };
    const unsubscribeContacts = opts.changes.subscribe(user.countyId, (change: ContactChange) => write(`event: contact\ndata: ${JSON.stringify(change)}\n\n`));
    // the county's chats: ids and numbers only; the client reads the chat through GET /api/contacts/:id/chat
    const unsubscribeChats = opts.chats?.subscribeCounty(user.countyId, (n: ChatNotice) => {
      if (n.kind === 'typing') { if (n.by === 'resident') write(`event: chat-typing\ndata: ${JSON.stringify({ contactId: n.contact, typing: Boolean(n.typing) })}\n\n`); return; }
      if (n.kind === 'message' || n.kind === 'state') write(`event: chat\ndata: ${JSON.stringify({ contactId: n.contact, chatId: n.chat, kind: n.kind, seq: n.seq })}\n\n`);
    });
    const unsubscribe = () => { unsubscribeContacts(); unsubscribeChats?.(); };
    const heartbeat = setInterval(() => {
      sessionValid(user).then((valid) => {
        if (!valid) { write(`event: end\ndata: ${JSON.stringify({ reason: 'session_ended' })}\n\n`); end(); return; }
        write(': heartbeat\n\n');
      }, () => write(': heartbeat\n\n')); // the database is away: keep the stream; the next beat checks again
    }, heartbeatMs);
    heartbeat.unref();
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      const left = (perUser.get(user.userId) ?? 1) - 1;
      if (left > 0) perUser.set(user.userId, left); else perUser.delete(user.userId);
      if (!res.writableEnded) res.end();
    }
    open.add(end);
    res.on('close', end);
    res.on('error', end);

    res.writeHead(200, {
      ...headersOf(reply),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    write(`retry: 5000\n\nevent: ready\ndata: ${JSON.stringify({ serverTime: app.deps.clock().toISOString() })}\n\n`);
  }
}

/** Headers Fastify's hooks set on the reply (security headers) before it was hijacked. */
export function headersOf(reply: FastifyReply): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) out[k] = Array.isArray(v) ? v : String(v);
  return out;
}
