import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import { hit, refuseIfSpent } from '../../platform/rate-limit.js';
import { normalisePhone } from '../../../domain/personal-data.js';
import { isOpenAt } from '../../../domain/opening-hours.js';
import { servicePromise } from '../../../domain/service-promise.js';
import { resolveCountyId } from '../organisation/public.js';
import { firstResponse, insertContactRow, reached } from './contacts.service.js';

/**
 * The phone system's webhook, modelled on Zammad's generic CTI: `newCall`, `answer`, `hangup`
 * with callId, from, to (line code or dialled number), user and cause. Token-authenticated by
 * `Authorization: Bearer <CTI_TOKEN>` only: a token in the query string would end up in proxies'
 * logs, so it is refused (401) even when right. Wrong tokens are counted per client address:
 * past CTI_MAX_FAILURES in 15 minutes the address gets 429 until the window ends. A call that is never answered, or that
 * arrives while its line is closed, becomes a callback task unless the number is hidden.
 */
const eventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('newCall'), callId: z.string().min(1).max(200), from: z.string().max(40).nullish(), to: z.string().min(1).max(60), direction: z.enum(['in', 'out']).default('in') }),
  z.object({ event: z.literal('answer'), callId: z.string().min(1).max(200), user: z.string().max(100).nullish(), answeringNumber: z.string().max(40).nullish() }),
  z.object({ event: z.literal('hangup'), callId: z.string().min(1).max(200), cause: z.string().max(60).nullish() }),
]);

const SYSTEM = 'cti';

function tokenMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function ctiRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post('/cti/events', {
    schema: {
      tags: ['phone'], summary: 'Phone system (CTI) events: newCall, answer, hangup',
      querystring: z.object({
        token: z.string().max(200).optional().describe('Refused: give the token in the Authorization header'),
        county: z.string().regex(/^[a-z0-9_]+$/).optional(),
      }),
      body: eventSchema,
      response: { 200: z.object({ contactId: z.string().uuid(), reference: z.string(), status: z.string(), callback: z.boolean() }), 400: problemSchema, 401: problemSchema, 404: problemSchema, 429: problemSchema },
    },
  }, async (req) => {
    const { config, database, clock } = app.deps;
    if (!config.ctiToken) throw new AppError(404, 'not_found', 'The CTI interface is not enabled (set CTI_TOKEN).');
    const failures = { scope: 'cti.token_failure', max: config.ctiMaxFailures, windowSeconds: 15 * 60, code: 'too_many_requests' as const };
    await refuseIfSpent(database.db, failures, req.ip, config.sessionSecret, clock());
    if (req.query.token !== undefined) {
      await hit(database.db, failures, req.ip, config.sessionSecret, clock());
      throw new AppError(401, 'unauthenticated', 'Give the CTI token in the Authorization header (Bearer), not in the address.');
    }
    const bearer = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    if (!tokenMatches(bearer, config.ctiToken)) {
      await hit(database.db, failures, req.ip, config.sessionSecret, clock());
      throw new AppError(401, 'unauthenticated', 'Wrong or missing CTI token (Authorization: Bearer <token>).');
    }
    const countyId = await resolveCountyId(database.db, req.query.county);
    const now = clock();
    const e = req.body;

    return tx(database.db, async (trx) => {
      const event = (contactId: string, kind: string, details: Record<string, unknown>) =>
        trx.insertInto('contact_event').values({ contact_id: contactId, at: now, actor_user_id: null, kind, details: JSON.stringify({ ...details, source: SYSTEM }) }).execute();
      const existing = await trx.selectFrom('phone_call as p').innerJoin('contact as c', 'c.id', 'p.contact_id')
        .select(['p.id', 'p.state', 'p.answered_at', 'c.id as contact_id', 'c.reference', 'c.status', 'c.caller_number', 'c.person_phone', 'c.main_reason'])
        .where('p.county_id', '=', countyId).where('p.call_id', '=', e.callId).forUpdate().executeTakeFirst();

      if (e.event === 'newCall') {
        if (existing) return { contactId: existing.contact_id, reference: existing.reference, status: existing.status, callback: false }; // a retried event
        const dialled = normalisePhone(e.to);
        const lines = await trx.selectFrom('phone_line').select(['id', 'code', 'phone_number', 'service_area', 'region_id']).where('county_id', '=', countyId).where('active', '=', true).execute();
        const line = lines.find((l) => l.code === e.to) ?? lines.find((l) => dialled !== null && normalisePhone(l.phone_number) === dialled);
        if (!line) throw new AppError(400, 'unknown_code', undefined, [{ field: 'body.to', message: `No active line "${e.to}".` }]);
        const [slots, exceptions] = await Promise.all([
          trx.selectFrom('opening_slot').select(['weekday', 'opens', 'closes']).where('phone_line_id', '=', line.id).execute(),
          trx.selectFrom('opening_exception').select(['day', 'opens', 'closes']).where('phone_line_id', '=', line.id).execute(),
        ]);
        const caller = e.from ? normalisePhone(e.from) : null; // hidden or unparseable: no callback possible
        const open = isOpenAt(now, slots, exceptions);
        const promise = servicePromise(now, 'non_urgent');
        const contact = await insertContactRow(trx, {
          county_id: countyId, channel: open || !caller ? 'phone' : 'callback', phone_line_id: line.id, service_area: line.service_area,
          region_id: line.region_id, anonymous: true, caller_number: caller, received_at: now, received_on: promise.receivedOn, respond_by: promise.respondBy,
          status: 'new', callback_attempts_allowed: config.callbackAttempts,
        });
        await trx.insertInto('phone_call').values({ county_id: countyId, call_id: e.callId, contact_id: contact.id, phone_line_id: line.id, state: open ? 'ringing' : 'ended', started_at: now, ended_at: open ? null : now, hangup_cause: open ? null : 'line_closed' }).execute();
        await event(contact.id, 'call_started', { line: line.code, lineOpen: open, hiddenNumber: !caller });
        if (!open) {
          if (caller) await event(contact.id, 'callback_task', { reason: 'line_closed' });
          else await closeUnreachable(contact.id);
        }
        const final = await trx.selectFrom('contact').select(['status']).where('id', '=', contact.id).executeTakeFirstOrThrow();
        return { contactId: contact.id, reference: contact.reference, status: final.status, callback: !open && caller !== null };
      }

      if (!existing) throw new AppError(404, 'unknown_call', `No call with the id ${e.callId}.`);

      if (e.event === 'answer') {
        const user = e.user ? await trx.selectFrom('app_user').select('id').where('county_id', '=', countyId).where('username', '=', e.user.toLowerCase()).executeTakeFirst() : undefined;
        await trx.updateTable('phone_call').set({ state: 'answered', answered_at: now, answered_by: e.user ?? null }).where('id', '=', existing.id).execute();
        // an answered call reaches the person: the service promise is judged by this (issue 12)
        await trx.updateTable('contact').set(reached(now, 'call_answered')).where('id', '=', existing.contact_id).execute();
        if (existing.status === 'new') {
          await trx.updateTable('contact').set({ status: 'in_progress', assigned_user_id: user?.id ?? null, channel: 'phone', first_response_at: firstResponse(now) }).where('id', '=', existing.contact_id).execute();
          if (user) await trx.insertInto('contact_event').values({ contact_id: existing.contact_id, at: now, actor_user_id: user.id, kind: 'claimed', details: JSON.stringify({ source: SYSTEM }) }).execute();
        }
        await event(existing.contact_id, 'call_answered', { user: e.user ?? null });
        return { contactId: existing.contact_id, reference: existing.reference, status: 'in_progress', callback: false };
      }

      // hangup
      await trx.updateTable('phone_call').set({ state: 'ended', ended_at: now, hangup_cause: e.cause ?? null }).where('id', '=', existing.id).execute();
      await event(existing.contact_id, 'call_ended', { cause: e.cause ?? null, answered: existing.answered_at !== null });
      if (existing.answered_at || existing.state === 'ended' || existing.status !== 'new') {
        return { contactId: existing.contact_id, reference: existing.reference, status: existing.status, callback: false };
      }
      if (existing.caller_number || existing.person_phone) {
        await trx.updateTable('contact').set({ channel: 'callback' }).where('id', '=', existing.contact_id).execute();
        await event(existing.contact_id, 'callback_task', { reason: 'missed_call' });
        return { contactId: existing.contact_id, reference: existing.reference, status: 'new', callback: true };
      }
      await closeUnreachable(existing.contact_id);
      return { contactId: existing.contact_id, reference: existing.reference, status: 'closed', callback: false };

      /** A missed call from a hidden number cannot be called back: it closes, counted in the statistics. */
      async function closeUnreachable(contactId: string) {
        await trx.updateTable('contact').set({ status: 'closed', outcome: 'not_reached', main_reason: 'other', led_to_client_relationship: false, closed_at: now, caller_number: null }).where('id', '=', contactId).execute();
        await event(contactId, 'closed', { outcome: 'not_reached', automatic: true, hiddenNumber: true });
      }
    });
  });
}
