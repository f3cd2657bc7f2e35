import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { idempotent, sendIdempotent } from '../../platform/idempotency.js';
import type { ReferralAction } from '../../../domain/referral.js';
import {
  consultationInboxSchema, consultationInputSchema, edReferralCreatedSchema, edReferralSchema, overdueReferralsSchema, referralBundleSchema, referralCreatedSchema,
  referralInboxSchema, referralInputSchema, referralStatusSchema, referralStepResultSchema, referralViewSchema,
} from './referrals.schemas.js';
import { createReferral, transitionReferral } from './referrals.service.js';
import { inbox, overdueReferrals, referralView } from './referrals.queries.js';
import { answerConsultation, askConsultation, cancelConsultation, consultationInbox } from './consultations.service.js';
import { createEdReferral } from './ed.service.js';
import { referralBundle } from './fhir.js';

const code = z.string().regex(/^[a-z0-9_]{1,60}$/, 'must be a code (a–z, 0–9, _)');
const idParams = z.object({ id: z.string().uuid() });
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };
const GUIDANCE = ['guidance_worker', 'supervisor'] as const;
const READERS = ['guidance_worker', 'supervisor', 'unit_worker'] as const;
const statusSchema = referralStatusSchema;

// the schemas live in referrals.schemas.ts (one contract with the web); re-exported for old importers
export { referralInputSchema, referralViewSchema };

const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true').optional();

export async function referralsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const now = () => app.deps.clock();

  r.post('/contacts/:id/referrals', {
    config: { roles: [...GUIDANCE] },
    schema: {
      tags: ['referrals'], summary: 'Refer the contact’s person to a unit or an outside actor (needs consent or a legal ground)',
      params: idParams, headers: z.object({ 'idempotency-key': z.string().max(200).optional() }), body: referralInputSchema,
      response: { 201: referralCreatedSchema, ...errors },
    },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'referrals.create', async (trx) => ({
    status: 201,
    body: await createReferral(trx, currentUser(req), req.params.id, { ...req.body, bookedAt: req.body.bookedAt ? new Date(req.body.bookedAt) : null }, now()),
  }))));

  r.get('/referrals', {
    config: { roles: [...READERS] },
    schema: {
      tags: ['referrals'], summary: 'A unit’s inbox (its own units only); guidance: ?external=true for referrals to outside actors',
      querystring: z.object({
        unit: code.optional(), status: z.union([statusSchema, z.array(statusSchema)]).optional(), external: queryBoolean,
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      response: { 200: referralInboxSchema, ...errors },
    },
  }, async (req) => {
    const q = req.query;
    const status = q.status === undefined ? undefined : Array.isArray(q.status) ? q.status : [q.status];
    return inbox(db(), currentUser(req), { unit: q.unit, status, external: q.external, limit: q.limit }, now());
  });

  r.get('/referrals/:id', {
    config: { roles: [...READERS] },
    schema: { tags: ['referrals'], summary: 'One referral with the person’s contact details and its history (access-logged)', params: idParams, response: { 200: referralViewSchema, ...errors } },
  }, async (req) => referralView(db(), currentUser(req), req.params.id, 'referral_handling', now()));

  r.get('/referrals/:id/fhir', {
    config: { roles: [...READERS] },
    schema: {
      tags: ['referrals'], summary: 'The referral as a FHIR R4 Bundle: ServiceRequest + Task (HL7 Gravity SDOH closed-loop statuses), Patient, Organizations (access-logged export)',
      params: idParams, response: { 200: referralBundleSchema, ...errors },
    },
  }, async (req, reply) => {
    const user = currentUser(req);
    const view = await referralView(db(), user, req.params.id, 'fhir_export', now());
    const county = await db().selectFrom('county').select(['code', 'name_fi']).where('id', '=', user.countyId).executeTakeFirstOrThrow();
    return reply.type('application/fhir+json; charset=utf-8').send(referralBundle(view, { county: { code: county.code, name: county.name_fi }, publicUrl: app.deps.config.publicUrl, now: now() }));
  });

  const step = (action: ReferralAction, summary: string, body: z.ZodObject | null) => {
    r.post(`/referrals/:id/${action}`, {
      config: { roles: [...READERS] },
      schema: { tags: ['referrals'], summary, params: idParams, ...(body ? { body } : {}), response: { 200: referralStepResultSchema, ...errors } },
    }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, `referrals.${action}`, async (trx) => ({
      status: 200, body: await transitionReferral(trx, currentUser(req), req.params.id, action, (req.body ?? {}) as { reason?: string; outcome?: string; note?: string }, now()),
    }))));
  };
  step('accept', 'The unit takes the referral (of two workers at once exactly one wins)', null);
  step('return', 'The unit returns it with a reason: back to the guidance queue, counted', z.object({ reason: z.string().trim().max(1000) }));
  step('contact', 'The unit has reached the client', null);
  step('complete', 'Done, with the referral outcome', z.object({ outcome: code, note: z.string().trim().max(1000).nullish() }));
  step('cancel', 'The guidance unit cancels it with a reason', z.object({ reason: z.string().trim().max(1000) }));

  r.get('/supervisor/referrals/overdue', {
    config: { roles: ['supervisor'] },
    schema: {
      tags: ['referrals'], summary: 'Referrals not accepted by their day, and accepted ones whose client was not reached by the client-contact day',
      response: { 200: overdueReferralsSchema, ...errors },
    },
  }, async (req) => overdueReferrals(db(), currentUser(req).countyId, now()));

  r.post('/contacts/:id/consultations', {
    config: { roles: [...GUIDANCE] },
    schema: {
      tags: ['referrals'], summary: 'Consult a nurse, the social worker on duty or a team; anonymous allowed (no personal data leaves). The contact waits, the promise keeps counting',
      params: idParams,
      body: consultationInputSchema,
      response: { 201: z.object({ id: z.string().uuid(), contactStatus: z.literal('waiting') }), ...errors },
    },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'consultations.ask', async (trx) => ({
    status: 201, body: await askConsultation(trx, currentUser(req), req.params.id, req.body, now()),
  }))));

  r.get('/consultations', {
    config: { roles: ['unit_worker'] },
    schema: {
      tags: ['referrals'], summary: 'Consultations to the user’s units (named ones access-logged)',
      querystring: z.object({ status: z.enum(['open', 'answered']).default('open'), limit: z.coerce.number().int().min(1).max(200).default(100) }),
      response: { 200: consultationInboxSchema, ...errors },
    },
  }, async (req) => consultationInbox(db(), currentUser(req), req.query.status, req.query.limit, now()));

  r.post('/consultations/:id/answer', {
    config: { roles: [...READERS] },
    schema: {
      tags: ['referrals'], summary: 'The answer returns to the contact (the consulted unit, or the asker recording a phone answer)',
      params: idParams, body: z.object({ answer: z.string().trim().min(1).max(4000), answeredByName: z.string().trim().max(200).nullish() }),
      response: { 200: z.object({ status: z.literal('answered') }), ...errors },
    },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'consultations.answer', async (trx) => ({
    status: 200, body: await answerConsultation(trx, currentUser(req), req.params.id, req.body, now()),
  }))));

  r.post('/consultations/:id/cancel', {
    config: { roles: [...GUIDANCE] },
    schema: { tags: ['referrals'], summary: 'Withdraw an unanswered consultation', params: idParams, body: z.object({ reason: z.string().trim().min(1).max(1000) }), response: { 200: z.object({ status: z.literal('cancelled') }), ...errors } },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'consultations.cancel', async (trx) => ({
    status: 200, body: await cancelConsultation(trx, currentUser(req), req.params.id, req.body.reason, now()),
  }))));

  r.post('/ed/referrals', {
    config: { roles: ['ed_professional'] },
    schema: {
      tags: ['referrals'], summary: 'Emergency department: refer a patient with social needs to the social care professional (channel emergency_department)',
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }), body: edReferralSchema,
      response: { 201: edReferralCreatedSchema, ...errors },
    },
  }, async (req, reply) => sendIdempotent(reply, await idempotent(db(), req, 'ed.referral', async (trx) => ({
    status: 201, body: await createEdReferral(trx, currentUser(req), req.body, now()),
  }))));
}
