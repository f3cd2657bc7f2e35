import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../platform/errors.js';
import { idempotent, sendIdempotent } from '../../platform/idempotency.js';
import { TtlCache } from '../../platform/ttl-cache.js';
import { resolveCountyId } from '../organisation/public.js';
import { isSocialEmergencyOpen, socialEmergencyOf, type SocialEmergency } from '../emergency/public.js';
import { callbackRequestSchema, contactRequestSchema, professionalNotificationSchema, publicSiteSchema, receiptSchema } from './front-door.schemas.js';
import { countAddress, withEmergencyContacts as addEmergencyContacts, submitCallbackRequest, submitContactRequest, submitProfessionalNotification, type Submission } from './front-door.service.js';
import { detectAcute } from '../../../domain/triage/acute.js';
import { publicSite } from './front-door.queries.js';

const errors = { 400: problemSchema, 404: problemSchema, 413: problemSchema, 422: problemSchema, 429: problemSchema, 503: problemSchema };
/** A form's body is a few kilobytes; anything larger is not a resident typing. */
const BODY_LIMIT = 32 * 1024;
const countyQuery = z.object({ county: z.string().regex(/^[a-z0-9_]+$/).optional() });
/** What the public site shows changes a few times a year: read at most every 30 s per county ("open now" is computed per request). */
const siteCache = new TtlCache<{ site: Awaited<ReturnType<typeof publicSite>>; service: SocialEmergency }>(30_000);

export async function frontDoorRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;

  /** A refused request that says or shows danger still tells whom to call (front-door.service.ts). */
  const withEmergencyContacts = (err: unknown, req: FastifyRequest): Promise<unknown> => {
    const body = (req.body ?? {}) as { dangerNow?: unknown; text?: unknown };
    const acute = body.dangerNow === true || (typeof body.text === 'string' && detectAcute(body.text).acute);
    return addEmergencyContacts(db(), app.deps.clock(), err, (req.query as { county?: string }).county, acute);
  };

  const submission = async (req: FastifyRequest, county: string | undefined): Promise<Submission> => {
    const { config } = app.deps;
    const s: Submission = {
      countyId: await resolveCountyId(db(), county),
      address: req.ip,
      now: app.deps.clock(),
      limits: {
        secret: config.sessionSecret,
        perAddress: { scope: 'public.address', max: config.publicLimits.perAddressPerHour, windowSeconds: 3600 },
        perPhone: { scope: 'public.phone', max: config.publicLimits.perPhonePerDay, windowSeconds: 86_400 },
      },
    };
    await countAddress(db(), s);
    return s;
  };
  const headers = z.object({ 'idempotency-key': z.string().max(200).optional().describe('Send the same key on a retry: the first answer is repeated, nothing is created twice') });
  const post = <S extends z.ZodType>(path: string, summary: string, description: string, body: S, run: (trx: Parameters<Parameters<typeof idempotent>[3]>[0], s: Submission, body: z.infer<S>) => Promise<z.infer<typeof receiptSchema>>) => {
    r.post(path, {
      bodyLimit: BODY_LIMIT,
      config: { residentText: true },
      schema: { tags: ['front door'], summary, description, querystring: countyQuery, headers, body, response: { 201: receiptSchema, ...errors } },
    }, async (req, reply) => {
      try {
        const s = await submission(req, (req.query as { county?: string }).county);
        const result = await idempotent(db(), req, `public${path.replace(/\//g, '.')}`, async (trx) => ({ status: 201, body: await run(trx, s, req.body as z.infer<S>) }));
        return sendIdempotent(reply, result);
      } catch (err) {
        throw await withEmergencyContacts(err, req);
      }
    });
  };

  post('/contact-requests', 'A resident’s contact request (the guided form): lands in the queue as web_form with its promise',
    'Anonymous: no name, phone or callback time, and no personal data in the text; we do not call back. Identified: a phone number and `consent: true`. ' +
    'Acknowledged only after it is stored; 429 with Retry-After over the rate limits; 503 with Retry-After while the database is unavailable.',
    contactRequestSchema, submitContactRequest);
  post('/callback-requests', 'Ask a worker of a line to call back: a callback task in the queue', 'Needs a phone number and `consent: true`.', callbackRequestSchema, submitCallbackRequest);
  post('/professional-notifications', 'A professional’s notification (SHL 35 §) or child welfare notification (LsL 25 §)',
    'Lands in the queue as e_notification about a named person. A child welfare notification is urgent and carries its LsL 26 § deadline (7 working days).',
    professionalNotificationSchema, submitProfessionalNotification);

  r.get('/site', {
    schema: { tags: ['front door'], summary: 'What the public site shows for a county: crisis line, self-service links, accessibility feedback', querystring: countyQuery, response: { 200: publicSiteSchema, 404: problemSchema } },
  }, async (req, reply) => {
    const countyId = await resolveCountyId(db(), req.query.county);
    reply.header('cache-control', 'public, max-age=60');
    const { site, service } = await siteCache.get(countyId, async () => ({ site: await publicSite(db(), countyId), service: await socialEmergencyOf(db(), countyId) }));
    const { countyAdviceRetentionDays, ...shown } = site;
    return { ...shown, socialEmergency: { phone: service.phone, openNow: isSocialEmergencyOpen(service, app.deps.clock()), weekly: service.slots }, adviceRetentionDays: countyAdviceRetentionDays ?? app.deps.config.adviceRetentionDays };
  });
}
