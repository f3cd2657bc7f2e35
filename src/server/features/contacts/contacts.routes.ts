import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { idempotent, sendIdempotent } from '../../platform/idempotency.js';
import {
  addConsent, claimContact, closeContact, createContact, markAcute, markReached, recordCallbackAttempt, recordInitiation, releaseContact,
  reopenContact, takeOverContact, transferContact, updateContact, waitContact, withdrawConsent,
} from './contacts.service.js';
import { contactView, supervisorOverview, unclaimedAcute } from './contacts.queries.js';
import { queuePage } from './queue.queries.js';
import {
  acuteAlertsSchema, acuteMarkSchema, acuteReasonSchema, callbackAttemptResultSchema, closeSchema, colleaguesSchema, contactCreatedSchema, contactInputSchema, contactUpdateSchema,
  contactViewSchema, createdIdSchema, initiationResultSchema, okSchema, queueQuerySchema, queueResponseSchema, reachedResultSchema,
  supervisorOverviewSchema,
} from './contacts.schemas.js';
import { initiationRecord, initiationRecordHtml, initiationRecordSchema } from './initiation-record.js';

const WORKERS = ['guidance_worker', 'supervisor'] as const;
const idParams = z.object({ id: z.string().uuid() });
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const ok = okSchema;

export async function contactsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const now = () => app.deps.clock();

  r.post('/contacts', {
    config: { roles: [...WORKERS] },
    schema: {
      tags: ['contacts'], summary: 'Register a contact (walk-in, authority line, secure e-mail, post, phone…); with `close` it is a quick log',
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      body: contactInputSchema,
      response: { 201: contactCreatedSchema, ...errors },
    },
  }, async (req, reply) => {
    const user = currentUser(req);
    const { acute, ...input } = req.body;
    const result = await idempotent(db(), req, 'contacts.create', async (trx) => ({
      status: 201,
      body: await createContact(trx, user, {
        ...input, receivedAt: input.receivedAt ? new Date(input.receivedAt) : undefined, callbackAttemptsAllowed: app.deps.config.callbackAttempts,
        acute: acute ? { reasons: ['worker'], triggerWords: [] } : null,
      }, now()),
    }));
    return sendIdempotent(reply, result);
  });

  r.get('/contacts', {
    config: { roles: [...WORKERS] },
    schema: {
      tags: ['contacts'],
      summary: 'The queue (open contacts of every channel: acute first, then by promise, urgency and arrival), or with `q` a search of open and closed contacts',
      description: 'Search (`q`): a reference matches exactly (match `reference`); a valid identity code (`hetu`) or a phone number in any formatting (`phone`) finds identified contacts; '
        + 'other text finds names (`name`: the person\'s or the caller\'s), then the note and the resident\'s message (`text`), every word at least once; 400 on `querystring.q` '
        + 'when no word has 3 characters. Exact matches first, then names, then text; newest first within. Identified results are access-logged (action `search`); '
        + 'the queue\'s preview of an identified contact once per viewing session (`queue_preview`). `total` counts up to 10 000 (`totalCapped`).',
      querystring: queueQuerySchema,
      response: { 200: queueResponseSchema, ...errors },
    },
  }, async (req, reply) => {
    const q = req.query;
    const status = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
    // a search result holds people's names: never kept by a browser or a proxy
    reply.header('cache-control', 'no-store');
    return queuePage(db(), currentUser(req), {
      line: q.line, region: q.region, channel: q.channel, status, mine: q.mine, overdue: q.overdue, q: q.q || undefined, limit: q.limit, offset: q.offset,
    }, now());
  });

  // Polled every few seconds by every guidance worker's app (ADR 0009): registered before /contacts/:id
  r.get('/contacts/acute', {
    config: { roles: [...WORKERS] },
    schema: {
      tags: ['contacts'], summary: 'Unclaimed open acute contacts, oldest first, with how long each has waited (no personal data); with `line`, that line\'s and those of no line',
      querystring: z.object({ line: z.string().max(100).optional() }),
      response: { 200: acuteAlertsSchema, ...errors },
    },
  }, async (req, reply) => {
    const at = now();
    reply.header('cache-control', 'no-store');
    const items = await unclaimedAcute(db(), currentUser(req).countyId, at, req.query.line);
    return { items, total: items.length, serverTime: at.toISOString() };
  });

  r.post('/contacts/:id/acute', {
    config: { roles: [...WORKERS] },
    schema: {
      tags: ['contacts'], summary: 'Mark the contact acute (reason `worker`), or unmark it with the reason after assessing it (its handler or a supervisor); not on a closed contact',
      params: idParams, body: acuteMarkSchema,
      response: { 200: z.object({ acute: z.boolean(), acuteReasons: z.array(acuteReasonSchema) }), ...errors },
    },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'contacts.acute', async (trx) => ({
    status: 200, body: await markAcute(trx, currentUser(req), req.params.id, req.body, now()),
  }))));

  r.get('/contacts/:id', {
    config: { roles: [...WORKERS] },
    schema: { tags: ['contacts'], summary: 'One contact with its timeline (access-logged when identified)', params: idParams, response: { 200: contactViewSchema, ...errors } },
  }, async (req) => contactView(db(), currentUser(req), req.params.id, 'client_guidance', now()));

  r.patch('/contacts/:id', {
    config: { roles: [...WORKERS] },
    schema: { tags: ['contacts'], summary: 'Record what was learned: classification, person, triggers', params: idParams, body: contactUpdateSchema, response: { 200: ok, ...errors } },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'contacts.update', async (trx) => {
    await updateContact(trx, currentUser(req), req.params.id, req.body, now());
    return { status: 200, body: { ok: true as const } };
  })));

  type Trx = Parameters<Parameters<typeof idempotent>[3]>[0];
  /** A contact action: POST /contacts/{id}/{path}, idempotent, answering with its declared schema. */
  const action = <B extends z.ZodType | null, R extends z.ZodType>(
    path: string, summary: string, body: B, response: R,
    run: (trx: Trx, user: ReturnType<typeof currentUser>, id: string, body: B extends z.ZodType ? z.output<B> : undefined) => Promise<z.input<R>>,
  ) => {
    // the generic types stay on `run`: fastify's inference sees plain schemas
    const declared: z.ZodType = response;
    r.post(`/contacts/:id/${path}`, {
      config: { roles: [...WORKERS] },
      schema: { tags: ['contacts'], summary, params: idParams, ...(body ? { body: body as z.ZodType } : {}), response: { 200: declared, ...errors } },
    }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, `contacts.${path}`, async (trx) => ({
      status: 200, body: await run(trx, currentUser(req), req.params.id, req.body as B extends z.ZodType ? z.output<B> : undefined) as unknown,
    }))));
  };
  const done = async (p: Promise<void>) => { await p; return { ok: true as const }; };

  action('claim', 'Take the contact (atomic: of two workers exactly one wins; the other is told who)', null, ok, (trx, u, id) => done(claimContact(trx, u, id, now())));
  action('release', 'Give the contact back to the queue', null, ok, (trx, u, id) => done(releaseContact(trx, u, id, now())));
  action('transfer', 'Transfer to a colleague with a note', z.object({ toUserId: z.string().uuid(), note: z.string().trim().min(1).max(1000) }), ok,
    (trx, u, id, b) => done(transferContact(trx, u, id, b.toUserId, b.note, now())));
  action('wait', 'Wait for a consultation, a callback attempt or the client', z.object({ reason: z.enum(['consultation', 'callback_attempt', 'client_to_call_back']), note: z.string().max(1000).nullish() }), ok,
    (trx, u, id, b) => done(waitContact(trx, u, id, b.reason, b.note ?? null, now())));
  action('close', 'Close with the statistics (outcome, reason, contactor, client relationship, duration)', closeSchema, ok,
    (trx, u, id, b) => done(closeContact(trx, u, id, b, now())));
  action('reopen', 'Reopen a closed contact (logged with the reason)', z.object({ reason: z.string().trim().min(1).max(1000) }), ok,
    (trx, u, id, b) => done(reopenContact(trx, u, id, b.reason, now())));
  action('callback-attempts', 'Log a callback attempt; after the allowed failures the contact closes as not_reached', z.object({ result: z.enum(['reached', 'no_answer', 'busy', 'wrong_number', 'voicemail']) }),
    callbackAttemptResultSchema, (trx, u, id, b) => recordCallbackAttempt(trx, u, id, b.result, now()));
  action('reached', 'Record that the person (or the notifier) was reached another way: a reply sent, a call from the worker, a meeting. Idempotent: the first reach counts; the service promise is kept when it is by respondBy',
    z.object({ how: z.enum(['reply_sent', 'phone', 'met']) }), reachedResultSchema,
    async (trx, u, id, b) => {
      const r = await markReached(trx, u, id, b.how, now());
      return { reachedAt: r.reachedAt.toISOString(), reachedHow: r.reachedHow, recorded: r.recorded };
    });
  action('consents', 'Record a consent: who, how, for what, when', z.object({
    givenBy: z.enum(['client', 'guardian', 'legal_representative']), method: z.enum(['verbal', 'written', 'electronic']),
    purpose: z.enum(['forward_to_unit', 'consultation', 'kela', 'other_actor', 'recording']), target: z.string().trim().min(1).max(200), givenAt: z.iso.datetime({ offset: true }).optional(),
  }), createdIdSchema, (trx, u, id, b) => addConsent(trx, u, id, { ...b, givenAt: b.givenAt ? new Date(b.givenAt) : undefined }, now()));
  action('initiations', 'Record that the person made a social welfare matter pending (vireilletulo); starts the legal clock', z.object({
    initiatedOn: z.iso.date().optional(), concerns: z.string().trim().min(1).max(1000), receivingUnit: z.string().regex(/^[a-z0-9_]+$/), urgent: z.boolean(), highestCareAllowance: z.boolean().default(false),
  }), initiationResultSchema, (trx, u, id, b) => recordInitiation(trx, u, id, b, now()));

  // claimed means claimed (issue 13): a supervisor takes over a contact another worker holds, logged
  r.post('/contacts/:id/take-over', {
    config: { roles: ['supervisor'] },
    schema: {
      tags: ['contacts'], summary: 'Supervisor: take over a contact another worker holds (timeline and access log say who, from whom and why)',
      params: idParams, body: z.object({ reason: z.string().trim().max(1000).nullish() }).optional(),
      response: { 200: z.object({ ok: z.literal(true), previousHolder: z.object({ id: z.string().uuid(), name: z.string() }).nullable() }), ...errors },
    },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'contacts.take-over', async (trx) => {
    const r = await takeOverContact(trx, currentUser(req), req.params.id, req.body?.reason || null, now());
    return { status: 200, body: { ok: true as const, previousHolder: r.previousHolder } };
  })));

  r.post('/contacts/:id/consents/:consentId/withdraw', {
    config: { roles: [...WORKERS] },
    schema: { tags: ['contacts'], summary: 'Withdraw a consent', params: z.object({ id: z.string().uuid(), consentId: z.string().uuid() }), response: { 200: ok, ...errors } },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'contacts.withdraw', async (trx) => {
    await withdrawConsent(trx, currentUser(req), req.params.id, req.params.consentId, now());
    return { status: 200, body: { ok: true as const } };
  })));

  const initiationParams = z.object({ id: z.string().uuid(), initiationId: z.string().uuid() });
  r.get('/contacts/:id/initiations/:initiationId', {
    config: { roles: [...WORKERS] },
    schema: { tags: ['contacts'], summary: '"Merkintä asian vireilletulosta": the structured record for the client information system', params: initiationParams, response: { 200: initiationRecordSchema, ...errors } },
  }, async (req) => initiationRecord(db(), currentUser(req), req.params.id, req.params.initiationId, 'export'));

  r.get('/contacts/:id/initiations/:initiationId/print', {
    config: { roles: [...WORKERS] },
    schema: { tags: ['contacts'], summary: 'The same record as a printable page', params: initiationParams, response: { 200: z.string(), ...errors } },
  }, async (req, reply) => reply.type('text/html; charset=utf-8').send(initiationRecordHtml(await initiationRecord(db(), currentUser(req), req.params.id, req.params.initiationId, 'print'))));

  r.get('/supervisor/overview', {
    config: { roles: ['supervisor'] },
    schema: {
      tags: ['contacts'], summary: 'Live view: unclaimed acute contacts and how long they have waited, open contacts by line and status, due today, overdue, callbacks waiting, who handles what',
      response: { 200: supervisorOverviewSchema, ...errors },
    },
  }, async (req) => supervisorOverview(db(), currentUser(req).countyId, now()));

  r.get('/colleagues', {
    config: { roles: [...WORKERS] },
    schema: { tags: ['contacts'], summary: 'Guidance workers a contact can be transferred to', response: { 200: colleaguesSchema, ...errors } },
  }, async (req) => {
    const rows = await db().selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select(['u.id', 'u.display_name']).distinct()
      .where('u.county_id', '=', currentUser(req).countyId).where('u.active', '=', true).where('r.role', 'in', ['guidance_worker', 'supervisor']).orderBy('u.display_name').execute();
    return { items: rows.map((u) => ({ id: u.id, name: u.display_name })), total: rows.length };
  });
}
