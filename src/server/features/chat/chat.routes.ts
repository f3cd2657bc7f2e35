/**
 * The chat's routes (issue 16; contract in chat.schemas.ts). The resident's side is public and
 * known by the chat's token; the worker's side is inside the staff guard. Messages are stored
 * before they are acknowledged; the streams deliver from the table after each NOTIFY
 * (features/live/chat-changes.ts), so a resident on a flaky connection who reconnects with
 * Last-Event-ID gets exactly what they missed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../../platform/errors.js';
import { idempotent, sendIdempotent } from '../../platform/idempotency.js';
import { hit } from '../../platform/rate-limit.js';
import { currentUser } from '../../platform/auth/guard.js';
import { resolveCountyId } from '../organisation/public.js';
import { socialEmergencyOf } from '../emergency/public.js';
import { emergencyContacts, withEmergencyContacts as addEmergencyContacts } from '../front-door/public.js';
import { chatAcute } from '../../../domain/chat.js';
import { headersOf, type ChatChanges, type ChatNotice } from '../live/public.js';
import {
  chatAcceptedSchema, chatAvailabilitySchema, chatCallbackSchema, chatMessageAckSchema, chatMessageInputSchema, chatSettingsSchema, chatStartedSchema,
  chatStartSchema, myChatsSchema, residentChatSchema, savedRepliesSchema, savedReplyInputSchema, savedReplySchema, typingSchema, workerChatSchema, workerMessageInputSchema,
  type ChatMessage,
} from './chat.schemas.js';
import {
  acceptChat, chatAvailability, queuePlaces, type Places, chatSettings, chatToCallback, createSavedReply, messagesAfter, myChats, removeSavedReply, residentChat, residentChatRow,
  residentLeave, residentMessage, residentSeen, residentState, saveChatSettings, savedReplies, startChat, updateSavedReply, workerChat, workerChatRow, workerMessage,
} from './chat.service.js';

export const CHAT_COOKIE = 'opastin_chat';
const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema, 409: problemSchema, 413: problemSchema, 429: problemSchema, 503: problemSchema };
const staffErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 429: problemSchema, 503: problemSchema };
/** A message is at most 2000 characters; a body beyond this is not a person typing. */
const BODY_LIMIT = 16 * 1024;
const countyQuery = z.object({ county: z.string().regex(/^[a-z0-9_]+$/).optional() });
const idParams = z.object({ id: z.string().uuid() });
const afterQuery = z.object({ after: z.coerce.number().int().min(0).max(1_000_000).default(0) });
const tokenHeaders = z.object({ 'x-chat-token': z.string().max(200).optional().describe('The chat\'s token (or the opastin_chat cookie)') });
/** How often an open resident stream says it is alive (and refreshes the resident's presence). */
const HEARTBEAT_MS = 20_000;
/** A resident page may hold a few streams (tabs) of one chat; more is a reconnect storm. */
const MAX_STREAMS_PER_CHAT = 3;
const MAX_BUFFERED_BYTES = 1 << 20;
/** How long one read of a county's queue places serves its waiting streams. */
const PLACES_MS = 250;

export interface ChatRoutesOptions { chats: ChatChanges }

function tokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers['x-chat-token'];
  if (typeof h === 'string' && h) return h;
  return req.cookies?.[CHAT_COOKIE] || undefined;
}

export async function chatPublicRoutes(app: FastifyInstance, opts: ChatRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const ctx = (countyId: string) => ({ countyId, now: app.deps.clock(), secret: app.deps.config.sessionSecret });
  const streamsPerChat = new Map<string, number>();
  const open = new Set<() => void>();
  /** chats with a resident stream open in this process: their presence is refreshed together */
  const present = new Set<string>();

  /**
   * The places in the queue, read once per county for all of this process's waiting streams when
   * they re-read together (a burst of starts or accepts): at most every PLACES_MS a county.
   */
  const placesCache = new Map<string, { at: number; value: Promise<Places> }>();
  const places = (countyId: string): Promise<Places> => {
    const at = Date.now();
    const cached = placesCache.get(countyId);
    if (cached && at - cached.at < PLACES_MS) return cached.value;
    const value = queuePlaces(db(), countyId, app.deps.clock());
    placesCache.set(countyId, { at, value });
    value.catch(() => { if (placesCache.get(countyId)?.value === value) placesCache.delete(countyId); });
    return value;
  };

  const beat = setInterval(() => {
    if (present.size === 0) return;
    residentSeen(db(), [...present], app.deps.clock()).catch(() => undefined); // the database is away: the next beat tries again
  }, HEARTBEAT_MS);
  beat.unref();
  app.addHook('preClose', async () => { clearInterval(beat); for (const end of [...open]) end(); });

  /** A refusal that says danger still tells whom to call (as the forms': safety first). */
  const withEmergencyContacts = (err: unknown, req: FastifyRequest): Promise<unknown> => {
    const body = (req.body ?? {}) as { dangerNow?: unknown; text?: unknown };
    const acute = body.dangerNow === true || (typeof body.text === 'string' && chatAcute(body.text, []).acute);
    return addEmergencyContacts(db(), app.deps.clock(), err, (req.query as { county?: string }).county, acute);
  };

  r.get('/chats/status', {
    schema: { tags: ['chat'], summary: 'Is the chat open now, its hours, how many wait and the estimated wait', querystring: countyQuery, response: { 200: chatAvailabilitySchema, 404: problemSchema, 503: problemSchema } },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return chatAvailability(db(), await resolveCountyId(db(), req.query.county), app.deps.clock());
  });

  r.post('/chats', {
    bodyLimit: BODY_LIMIT,
    config: { residentText: true },
    schema: {
      tags: ['chat'], summary: 'Start a chat: anonymous, in the queue with the guiding answers; acute answers or words show 112 at once',
      description: 'Sets the HttpOnly cookie opastin_chat and returns the token once. 409 chat_closed outside the chat\'s hours. Idempotency-Key: a retry returns the same chat.',
      querystring: countyQuery, body: chatStartSchema,
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      response: { 201: chatStartedSchema, ...errors },
    },
  }, async (req, reply) => {
    try {
      const countyId = await resolveCountyId(db(), req.query.county);
      const { config } = app.deps;
      await hit(db(), { scope: 'public.address', max: config.publicLimits.perAddressPerHour, windowSeconds: 3600 }, req.ip, config.sessionSecret, app.deps.clock());
      const result = await idempotent(db(), req, 'public.chats', async (trx) => ({ status: 201, body: await startChat(trx, ctx(countyId), req.body) }));
      reply.setCookie(CHAT_COOKIE, result.body.token, { path: '/api/public/chats', httpOnly: true, sameSite: 'strict', secure: config.secureCookies, maxAge: 24 * 3600 });
      reply.header('cache-control', 'no-store');
      return sendIdempotent(reply, result);
    } catch (err) {
      throw await withEmergencyContacts(err, req);
    }
  });

  r.get('/chats/:id', {
    schema: { tags: ['chat'], summary: 'The chat as the resident sees it: state, place in the queue, messages after `after`', params: idParams, querystring: afterQuery, headers: tokenHeaders, response: { 200: residentChatSchema, ...errors } },
  }, async (req, reply) => {
    const row = await residentChatRow(db(), req.params.id, tokenOf(req), app.deps.config.sessionSecret);
    const now = app.deps.clock();
    await residentSeen(db(), [row.id], now);
    reply.header('cache-control', 'no-store');
    return residentChat(db(), row, req.query.after, { now, secret: app.deps.config.sessionSecret, typing: opts.chats.isTyping(row.id, 'worker') });
  });

  r.post('/chats/:id/messages', {
    bodyLimit: BODY_LIMIT,
    config: { residentText: true },
    schema: {
      tags: ['chat'], summary: 'The resident sends a message: 201 once stored (200 for a resend of the same clientId); acute words show 112 at once',
      params: idParams, headers: tokenHeaders, body: chatMessageInputSchema, response: { 200: chatMessageAckSchema, 201: chatMessageAckSchema, ...errors },
    },
  }, async (req, reply) => {
    try {
      const row = await residentChatRow(db(), req.params.id, tokenOf(req), app.deps.config.sessionSecret);
      const c = ctx(row.county_id);
      const m = await residentMessage(db(), row, req.body, c);
      const contacts = m.newlyAcute ? emergencyContacts(await socialEmergencyOf(db(), row.county_id), c.now) : [];
      return reply.code(m.created ? 201 : 200).send({ seq: m.seq, at: m.at.toISOString(), acute: m.acute, emergencyContacts: contacts });
    } catch (err) {
      throw await withEmergencyContacts(err, req);
    }
  });

  r.post('/chats/:id/typing', {
    schema: { tags: ['chat'], summary: 'The resident is typing (or stopped): shown to the worker for a few seconds', params: idParams, headers: tokenHeaders, body: typingSchema, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const row = await residentChatRow(db(), req.params.id, tokenOf(req), app.deps.config.sessionSecret);
    if (row.status !== 'ended') await opts.chats.announceTyping({ chat: row.id, county: row.county_id, contact: row.contact_id, by: 'resident', typing: req.body.typing });
    return reply.code(204).send(null);
  });

  r.post('/chats/:id/leave', {
    schema: { tags: ['chat'], summary: 'The resident ends the chat', params: idParams, headers: tokenHeaders, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    const row = await residentChatRow(db(), req.params.id, tokenOf(req), app.deps.config.sessionSecret);
    await residentLeave(db(), row, app.deps.clock());
    return reply.code(204).send(null);
  });

  r.get('/chats/:id/events', {
    compress: false,
    schema: {
      tags: ['chat'],
      summary: 'The resident\'s event stream (text/event-stream): `message` (id: seq), `state`, `typing`, `end`; resumes after Last-Event-ID or ?after',
      params: idParams, querystring: afterQuery, headers: tokenHeaders.extend({ 'last-event-id': z.string().max(20).optional() }),
      response: { 200: z.string().describe('text/event-stream'), ...errors },
    },
  }, async (req, reply) => {
    const secret = app.deps.config.sessionSecret;
    const row = await residentChatRow(db(), req.params.id, tokenOf(req), secret);
    const count = streamsPerChat.get(row.id) ?? 0;
    if (count >= MAX_STREAMS_PER_CHAT) throw new AppError(429, 'too_many_requests', `At most ${MAX_STREAMS_PER_CHAT} streams per chat.`, [], { 'retry-after': '10' });
    const lastEventId = Number.parseInt(String(req.headers['last-event-id'] ?? ''), 10);
    let sent = Number.isFinite(lastEventId) && lastEventId >= 0 ? lastEventId : req.query.after;
    streamsPerChat.set(row.id, count + 1);
    present.add(row.id);
    await residentSeen(db(), [row.id], app.deps.clock());

    reply.hijack();
    const res = reply.raw;
    let ended = false;
    const write = (chunk: string) => {
      if (ended) return;
      res.write(chunk);
      if (res.writableLength > MAX_BUFFERED_BYTES) end();
    };
    // one delivery at a time, and one more if anything arrived meanwhile: order kept, nothing read twice
    let running: Promise<void> | null = null;
    let again = { messages: false, state: false };
    const deliver = (what: { messages?: boolean; state?: boolean }) => {
      again = { messages: again.messages || Boolean(what.messages), state: again.state || Boolean(what.state) };
      if (running) return;
      running = (async () => {
        while (!ended && (again.messages || again.state)) {
          const todo = again;
          again = { messages: false, state: false };
          try {
            if (todo.messages) {
              const list: ChatMessage[] = await messagesAfter(db(), row.id, sent);
              for (const m of list) { write(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`); sent = m.seq; }
            }
            if (todo.state) {
              const current = await residentChatRow(db(), row.id, tokenOf(req), secret);
              const state = await residentState(db(), current, { now: app.deps.clock(), secret, typing: opts.chats.isTyping(row.id, 'worker'), places });
              status = current.status;
              write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
              if (current.status === 'ended') {
                const rest = await messagesAfter(db(), row.id, sent);
                for (const m of rest) { write(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`); sent = m.seq; }
                write(`event: end\ndata: ${JSON.stringify({ reason: 'ended' })}\n\n`);
                end();
              }
            }
          } catch (err) {
            if (err instanceof AppError && err.status === 404) { write(`event: end\ndata: ${JSON.stringify({ reason: 'not_found' })}\n\n`); end(); return; }
            // the database is away: the stream stays; the client's reconnect or the next notice reads again
            again = { messages: again.messages || Boolean(todo.messages), state: again.state || Boolean(todo.state) };
            await new Promise((r) => setTimeout(r, 1_000).unref());
          }
        }
      })().finally(() => { running = null; if (!ended && (again.messages || again.state)) deliver({}); });
    };

    let placeTimer: NodeJS.Timeout | null = null;
    const onNotice = (n: ChatNotice) => {
      if (n.kind === 'typing') { if (n.by === 'worker') write(`event: typing\ndata: ${JSON.stringify({ typing: Boolean(n.typing) })}\n\n`); return; }
      if (n.kind === 'resync') { deliver({ messages: true, state: true }); return; }
      deliver(n.kind === 'message' ? { messages: true } : { messages: true, state: true });
    };
    // another chat of the county changed: a waiting resident's place may have moved (debounced;
    // a chat already answered has no place to move)
    let status = row.status;
    const onCounty = (n: ChatNotice) => {
      if (status !== 'waiting' || n.chat === row.id || (n.kind !== 'state' && n.kind !== 'resync') || placeTimer) return;
      placeTimer = setTimeout(() => { placeTimer = null; deliver({ state: true }); }, 300);
      placeTimer.unref();
    };
    const unsubscribe = opts.chats.subscribeChat(row.id, onNotice);
    const unsubscribeCounty = opts.chats.subscribeCounty(row.county_id, onCounty);
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    function end(): void {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      if (placeTimer) clearTimeout(placeTimer);
      unsubscribe();
      unsubscribeCounty();
      open.delete(end);
      const left = (streamsPerChat.get(row.id) ?? 1) - 1;
      if (left > 0) streamsPerChat.set(row.id, left); else { streamsPerChat.delete(row.id); present.delete(row.id); }
      if (!res.writableEnded) res.end();
    }
    open.add(end);
    res.on('close', end);
    res.on('error', end);
    res.writeHead(200, { ...headersOf(reply), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    res.flushHeaders();
    write('retry: 3000\n\n');
    deliver({ messages: true, state: true });
  });
}

export async function chatStaffRoutes(app: FastifyInstance, opts: ChatRoutesOptions): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const workers = { roles: ['guidance_worker' as const, 'supervisor' as const] };
  const supervisors = { roles: ['supervisor' as const, 'admin' as const] };

  r.get('/contacts/:id/chat', {
    config: workers,
    schema: { tags: ['chat'], summary: 'The chat of a contact: state and messages after `after` (access-logged when identified)', params: idParams, querystring: afterQuery, response: { 200: workerChatSchema, ...staffErrors } },
  }, async (req) => {
    const user = currentUser(req);
    const head = await workerChat(db(), user, req.params.id, req.query.after, false, app.deps.clock());
    return { ...head, residentTyping: head.status !== 'ended' && opts.chats.isTyping(head.chatId, 'resident') };
  });

  r.post('/contacts/:id/chat/accept', {
    config: workers,
    schema: { tags: ['chat'], summary: 'Take a waiting chat (claims the contact); 409 chat_limit at the county\'s maximum of chats at once', params: idParams, response: { 200: chatAcceptedSchema, ...staffErrors } },
  }, async (req) => acceptChat(db(), currentUser(req), req.params.id, app.deps.clock()));

  r.post('/contacts/:id/chat/messages', {
    config: workers,
    bodyLimit: BODY_LIMIT,
    schema: { tags: ['chat'], summary: 'The worker answers: text, a saved reply or a service card', params: idParams, body: workerMessageInputSchema, response: { 200: chatMessageAckSchema, 201: chatMessageAckSchema, ...staffErrors } },
  }, async (req, reply) => {
    const user = currentUser(req);
    const m = await workerMessage(db(), user, req.params.id, req.body, { countyId: user.countyId, now: app.deps.clock(), secret: app.deps.config.sessionSecret });
    return reply.code(m.created ? 201 : 200).send({ seq: m.seq, at: m.at.toISOString(), acute: false, emergencyContacts: [] });
  });

  r.post('/contacts/:id/chat/typing', {
    config: workers,
    schema: { tags: ['chat'], summary: 'The worker is typing (or stopped)', params: idParams, body: typingSchema, response: { 204: z.null(), ...staffErrors } },
  }, async (req, reply) => {
    const user = currentUser(req);
    const row = await workerChatRow(db(), user, req.params.id);
    if (row.status === 'active' && row.assigned_user_id === user.userId) {
      await opts.chats.announceTyping({ chat: row.id, county: row.county_id, contact: row.contact_id, by: 'worker', typing: req.body.typing });
    }
    return reply.code(204).send(null);
  });

  r.post('/contacts/:id/chat/callback', {
    config: workers,
    schema: { tags: ['chat'], summary: 'Turn the chat into a callback task: the contact becomes identified and waits for a call; the chat ends', params: idParams, body: chatCallbackSchema, response: { 200: z.object({ ok: z.literal(true) }), ...staffErrors } },
  }, async (req) => {
    await chatToCallback(db(), currentUser(req), req.params.id, req.body, app.deps.clock());
    return { ok: true as const };
  });

  r.get('/chats/mine', {
    config: workers,
    schema: { tags: ['chat'], summary: 'The chats I hold now, the county\'s waiting chats and my limit', response: { 200: myChatsSchema, ...staffErrors } },
  }, async (req) => myChats(db(), currentUser(req), app.deps.clock()));

  r.get('/chats/saved-replies', {
    config: { roles: ['guidance_worker', 'supervisor', 'admin'] },
    schema: { tags: ['chat'], summary: 'The county\'s saved replies', querystring: z.object({ lang: z.enum(['fi', 'sv', 'en']).optional() }), response: { 200: savedRepliesSchema, ...staffErrors } },
  }, async (req) => {
    const items = await savedReplies(db(), currentUser(req).countyId, req.query.lang);
    return { items, total: items.length };
  });
  r.post('/chats/saved-replies', {
    config: supervisors,
    schema: { tags: ['chat'], summary: 'Add a saved reply', body: savedReplyInputSchema, response: { 201: savedReplySchema, ...staffErrors } },
  }, async (req, reply) => reply.code(201).send(await createSavedReply(db(), currentUser(req).countyId, req.body)));
  r.put('/chats/saved-replies/:id', {
    config: supervisors,
    schema: { tags: ['chat'], summary: 'Change a saved reply', params: idParams, body: savedReplyInputSchema, response: { 200: savedReplySchema, ...staffErrors } },
  }, async (req) => updateSavedReply(db(), currentUser(req).countyId, req.params.id, req.body));
  r.delete('/chats/saved-replies/:id', {
    config: supervisors,
    schema: { tags: ['chat'], summary: 'Remove a saved reply', params: idParams, response: { 204: z.null(), ...staffErrors } },
  }, async (req, reply) => { await removeSavedReply(db(), currentUser(req).countyId, req.params.id); return reply.code(204).send(null); });

  r.get('/chats/settings', {
    config: { roles: ['guidance_worker', 'supervisor', 'admin'] },
    schema: { tags: ['chat'], summary: 'The county\'s chat: chats per worker, idle minutes, feedback, hours', response: { 200: chatSettingsSchema, ...staffErrors } },
  }, async (req) => chatSettings(db(), currentUser(req).countyId));
  r.put('/chats/settings', {
    config: supervisors,
    schema: { tags: ['chat'], summary: 'Change the county\'s chat settings', body: chatSettingsSchema, response: { 200: chatSettingsSchema, ...staffErrors } },
  }, async (req) => saveChatSettings(db(), currentUser(req).countyId, req.body));
}
