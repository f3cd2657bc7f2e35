import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import {
  anchoredInputSchema, assessmentCreatedSchema, assessmentInputSchema, batteriesQuerySchema, batteriesSchema, batteryInputSchema, batterySchema, caseLevelSchema,
  caseListQuerySchema, caseListSchema, caseSchema, closeCaseSchema, contactGuidanceSchema, followUpDoneResultSchema, followUpDoneSchema, followUpInputSchema,
  followUpListQuerySchema, followUpListSchema, levelChangeSchema, levelResultSchema, meetingInputSchema, meetingRecordSchema, outreachInputSchema,
  outreachResultSchema, overviewSchema, personPageSchema, planInputSchema, responsibleSchema,
} from './guidance.schemas.js';
import {
  addAssessment, addFollowUp, addOutreach, cancelMeeting, caseView, changeCaseLevel, changeContactLevel, closeCase, contactGuidance, createBatteryVersion,
  doneFollowUp, getBattery, listBatteries, listCases, listFollowUps, markAnchored, overview, personPage, proposeMeeting, recordMeeting, savePlan, setResponsible,
} from './guidance.service.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 503: problemSchema };
const idParams = z.object({ id: z.string().uuid() });
const ok = z.object({ ok: z.literal(true) }).meta({ id: 'GuidanceOk' });
const created = z.object({ id: z.string().uuid() }).meta({ id: 'GuidanceCreated' });
const planSaved = z.object({ version: z.number().int() }).meta({ id: 'PlanSaved' });
const GUIDANCE = { roles: ['guidance_worker' as const, 'supervisor' as const] };
const tags = ['guidance'];

/** Guidance levels 2–3 (issue 17): the contract is guidance.schemas.ts. */
export async function guidanceRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const now = () => app.deps.clock();

  r.get('/contacts/:id/guidance', {
    config: GUIDANCE,
    schema: { tags, summary: 'The contact\'s guidance level, its case, the active multi-service triggers and what they propose', params: idParams, response: { 200: contactGuidanceSchema, ...errors } },
  }, async (req) => contactGuidance(db(), currentUser(req), req.params.id, now()));

  r.post('/contacts/:id/level', {
    config: GUIDANCE,
    schema: { tags, summary: 'Raise the contact to level 2 or 3: opens a guidance case for its identified person, or joins the person\'s open case', params: idParams, body: levelChangeSchema, response: { 200: levelResultSchema, ...errors } },
  }, async (req) => changeContactLevel(db(), currentUser(req), req.params.id, req.body, now()));

  r.get('/contacts/:id/person', {
    config: GUIDANCE,
    schema: { tags, summary: 'One person across contacts: contacts, cases, open follow-ups, referrals (access-logged every read)', params: idParams, response: { 200: personPageSchema, ...errors } },
  }, async (req) => personPage(db(), currentUser(req), req.params.id, now()));

  r.get('/guidance/cases', {
    config: GUIDANCE,
    schema: { tags, summary: 'Guidance cases (levels 2–3), mine or all, by level and what needs attention', querystring: caseListQuerySchema, response: { 200: caseListSchema, ...errors } },
  }, async (req) => listCases(db(), currentUser(req), req.query, now()));

  r.get('/guidance/overview', {
    config: { roles: ['supervisor'] },
    schema: { tags, summary: 'The supervisor\'s view: open cases by level, overdue follow-ups, cases with nothing booked, silent, meetings due', response: { 200: overviewSchema, ...errors } },
  }, async (req) => overview(db(), currentUser(req), now()));

  r.get('/guidance/cases/:id', {
    config: GUIDANCE,
    schema: { tags, summary: 'A guidance case: assessments, plan, follow-ups, outreach, meetings (access-logged)', params: idParams, response: { 200: caseSchema, ...errors } },
  }, async (req) => caseView(db(), currentUser(req), req.params.id, now()));

  r.post('/guidance/cases/:id/level', {
    config: GUIDANCE,
    schema: { tags, summary: 'Change the case\'s level (2 ↔ 3); its contacts follow', params: idParams, body: caseLevelSchema, response: { 200: levelResultSchema, ...errors } },
  }, async (req) => changeCaseLevel(db(), currentUser(req), req.params.id, req.body, now()));

  r.put('/guidance/cases/:id/responsible', {
    config: GUIDANCE,
    schema: { tags, summary: 'Name the responsible worker', params: idParams, body: responsibleSchema, response: { 200: ok, ...errors } },
  }, async (req) => { await setResponsible(db(), currentUser(req), req.params.id, req.body.userId, now()); return { ok: true as const }; });

  r.post('/guidance/cases/:id/assessments', {
    bodyLimit: 64 * 1024,
    config: GUIDANCE,
    schema: { tags, summary: 'A first assessment (or a later one) under the current version of a question battery', params: idParams, body: assessmentInputSchema, response: { 201: assessmentCreatedSchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await addAssessment(db(), currentUser(req), req.params.id, req.body, now())));

  r.put('/guidance/cases/:id/plan', {
    bodyLimit: 64 * 1024,
    config: GUIDANCE,
    schema: { tags, summary: 'The plan: goals in the person\'s words, services and agreed steps (a new version each time)', params: idParams, body: planInputSchema, response: { 200: planSaved, ...errors } },
  }, async (req) => savePlan(db(), currentUser(req), req.params.id, req.body, now()));

  r.post('/guidance/cases/:id/follow-ups', {
    config: GUIDANCE,
    schema: { tags, summary: 'Book a follow-up on an agreed day (a task in the worker\'s list)', params: idParams, body: followUpInputSchema, response: { 201: created, ...errors } },
  }, async (req, reply) => reply.code(201).send(await addFollowUp(db(), currentUser(req), req.params.id, req.body, now())));

  r.post('/guidance/follow-ups/:id/done', {
    config: GUIDANCE,
    schema: { tags, summary: 'A follow-up done: reached, or not reached (the next outreach is booked by itself)', params: idParams, body: followUpDoneSchema, response: { 200: followUpDoneResultSchema, ...errors } },
  }, async (req) => doneFollowUp(db(), currentUser(req), req.params.id, req.body, now()));

  r.get('/guidance/follow-ups', {
    config: GUIDANCE,
    schema: { tags, summary: 'Open follow-ups of open cases, mine or all, by when they are due', querystring: followUpListQuerySchema, response: { 200: followUpListSchema, ...errors } },
  }, async (req) => listFollowUps(db(), currentUser(req), req.query, now()));

  r.post('/guidance/cases/:id/outreach', {
    config: GUIDANCE,
    schema: { tags, summary: 'Log an attempt to reach a person who went silent ("ei luovuteta")', params: idParams, body: outreachInputSchema, response: { 201: outreachResultSchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await addOutreach(db(), currentUser(req), req.params.id, req.body, now())));

  r.post('/guidance/cases/:id/meetings', {
    config: GUIDANCE,
    schema: { tags, summary: 'Propose a multi-professional meeting, with the triggers behind it and its participants', params: idParams, body: meetingInputSchema, response: { 201: created, ...errors } },
  }, async (req, reply) => reply.code(201).send(await proposeMeeting(db(), currentUser(req), req.params.id, req.body, now())));

  r.post('/guidance/meetings/:id/record', {
    bodyLimit: 64 * 1024,
    config: GUIDANCE,
    schema: { tags, summary: 'Record a held meeting: participants and decisions', params: idParams, body: meetingRecordSchema, response: { 200: ok, ...errors } },
  }, async (req) => { await recordMeeting(db(), currentUser(req), req.params.id, req.body, now()); return { ok: true as const }; });

  r.post('/guidance/meetings/:id/cancel', {
    config: GUIDANCE,
    schema: { tags, summary: 'Cancel a proposed meeting', params: idParams, response: { 200: ok, ...errors } },
  }, async (req) => { await cancelMeeting(db(), currentUser(req), req.params.id, now()); return { ok: true as const }; });

  r.post('/guidance/cases/:id/anchored', {
    config: GUIDANCE,
    schema: { tags, summary: 'The person is anchored in a service (it has started)', params: idParams, body: anchoredInputSchema, response: { 200: ok, ...errors } },
  }, async (req) => { await markAnchored(db(), currentUser(req), req.params.id, req.body, now()); return { ok: true as const }; });

  r.post('/guidance/cases/:id/close', {
    config: GUIDANCE,
    schema: { tags, summary: 'Close the guidance with its outcome', params: idParams, body: closeCaseSchema, response: { 200: ok, ...errors } },
  }, async (req) => { await closeCase(db(), currentUser(req), req.params.id, req.body, now()); return { ok: true as const }; });

  r.get('/guidance/batteries', {
    config: { roles: ['guidance_worker', 'supervisor', 'admin'] },
    schema: { tags, summary: 'The county\'s question batteries: the current versions, or all with all=true', querystring: batteriesQuerySchema, response: { 200: batteriesSchema, ...errors } },
  }, async (req) => listBatteries(db(), currentUser(req).countyId, req.query.all ?? false));

  r.get('/guidance/batteries/:id', {
    config: { roles: ['guidance_worker', 'supervisor', 'admin'] },
    schema: { tags, summary: 'One version of a question battery', params: idParams, response: { 200: batterySchema, ...errors } },
  }, async (req) => getBattery(db(), currentUser(req).countyId, req.params.id));

  r.post('/guidance/batteries', {
    bodyLimit: 256 * 1024,
    config: { roles: ['supervisor', 'admin'] },
    schema: { tags, summary: 'A new version of a question battery (or a new battery); answers given under earlier versions stay under them', body: batteryInputSchema, response: { 201: batterySchema, ...errors } },
  }, async (req, reply) => reply.code(201).send(await createBatteryVersion(db(), currentUser(req), req.body)));
}
