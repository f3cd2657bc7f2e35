import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { resolveCountyId } from '../organisation/public.js';
import { searchServices, serviceDetail, serviceDetails, servicePage } from './catalogue.queries.js';
import { hsdsService, hsdsServiceSummary, type HsdsSource } from './hsds.js';
import { triageWithServices } from './triage.service.js';
import { createLocalService, markReviewed, serviceHistory, staleServices, updateService } from './catalogue.service.js';
import { idempotent } from '../../platform/idempotency.js';
import { perMinute } from '../../platform/rate-limit.js';
import { PROVIDER_TYPES } from '../../../domain/catalogue.js';
import { localServiceCreatedSchema, searchQuerySchema, searchResultSchema, serviceDetailSchema, serviceHistorySchema, staleServicesSchema, triageResultSchema } from './catalogue.schemas.js';

type Detail = NonNullable<Awaited<ReturnType<typeof serviceDetail>>>;
const time = (t: string | null) => (t ? t.slice(0, 5) : null);

export function detailResponse({ s, channels, hours }: Detail) {
  return {
    id: s.id, ptvId: s.ptv_id, source: s.source, kind: s.kind,
    name: { fi: s.name_fi, sv: s.name_sv, en: s.name_en }, summary: { fi: s.summary_fi, sv: s.summary_sv, en: s.summary_en },
    description: { fi: s.description_fi, sv: s.description_sv, en: s.description_en },
    organisation: s.org_id ? { id: s.org_id, ptvId: s.org_ptv_id, name: { fi: s.org_fi, sv: s.org_sv, en: s.org_en }, providerType: s.provider_type!, url: s.org_url } : null,
    serviceClasses: s.service_classes, targetGroups: s.target_groups, nationwide: s.nationwide, municipalities: s.municipalities, languages: s.languages,
    chargeType: s.charge_type, serviceAreas: s.service_areas, reasons: s.reasons, active: s.active,
    reviewedAt: new Date(s.reviewed_at).toISOString(), reviewIntervalDays: s.review_interval_days,
    channels: channels.map((c) => ({
      id: c.id, ptvId: c.ptv_id, kind: c.kind, name: { fi: c.name_fi, sv: c.name_sv, en: c.name_en }, description: { fi: c.description_fi, sv: c.description_sv, en: c.description_en },
      phones: c.phones.map((p) => ({ number: p.number, info: p.info })), emails: c.emails, urls: c.urls.map((u) => ({ url: u.url, label: u.label })),
      address: c.street_fi || c.street_sv || c.postal_code ? {
        street: [c.street_fi ?? c.street_sv, c.street_number].filter(Boolean).join(' ') || null, postalCode: c.postal_code, postOffice: c.post_office_fi ?? c.post_office_sv, municipality: c.municipality_code,
      } : null,
      hours: hours.filter((h) => h.channel_id === c.id).map((h) => ({
        kind: h.kind, weekday: h.weekday, opens: time(h.opens), closes: time(h.closes), closesNextDay: h.closes_next_day, validFrom: h.valid_from, validTo: h.valid_to, closed: h.closed, note: h.note,
      })),
    })),
  };
}

function hsdsSource(d: Detail): HsdsSource {
  const r = detailResponse(d);
  return {
    ...r, lastModified: new Date(d.s.ptv_modified ?? d.s.updated_at).toISOString(),
    organisation: r.organisation ? { ...r.organisation, description: { fi: d.s.org_desc_fi, sv: d.s.org_desc_sv, en: d.s.org_desc_en } } : null,
  };
}

const hsdsObject = z.record(z.string(), z.unknown());

/** Residents' search and a service's page: no login. */
export async function cataloguePublicRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  // issue 13: search and triage are limited per signed-in user or client address (429 with Retry-After)
  const searchLimit = perMinute(app, 'search', () => app.deps.config.searchLimitPerMinute);
  r.get('/services', {
    preHandler: searchLimit,
    schema: {
      tags: ['catalogue'], summary: 'Search the service catalogue (public, NGO and parish services)',
      querystring: searchQuerySchema.extend({ county: z.string().regex(/^[a-z0-9_]+$/).optional() }),
      response: { 200: searchResultSchema, 400: problemSchema, 404: problemSchema, 429: problemSchema },
    },
  }, async (req) => searchServices(db(), await resolveCountyId(db(), req.query.county), req.query, app.deps.clock()));

  r.post('/triage', {
    bodyLimit: 16 * 1024,
    config: { residentText: true },
    preHandler: perMinute(app, 'triage', () => app.deps.config.searchLimitPerMinute),
    schema: {
      tags: ['catalogue'], summary: 'Triage suggestions for a text: acute or not, service areas, reasons and services, each with the words that led to it',
      description: 'Curated lexicons per language (stems, so inflected forms match), not a black box. Acute situations (suicide, violence now, a child in danger, a fall with no getting up, no shelter tonight) are looked for in every language.',
      querystring: z.object({ county: z.string().regex(/^[a-z0-9_]+$/).optional() }),
      body: z.object({
        text: z.string().trim().min(1).max(4000), lang: z.enum(['fi', 'sv', 'en']).default('fi'),
        municipality: z.string().regex(/^[0-9]{3}$/, 'must be a three-digit municipality code').optional(),
      }),
      response: {
        200: triageResultSchema,
        400: problemSchema, 404: problemSchema, 413: problemSchema, 429: problemSchema,
      },
    },
  }, async (req) => triageWithServices(db(), await resolveCountyId(db(), req.query.county), req.body, app.deps.clock()));

  r.get('/hsds/services', {
    preHandler: searchLimit,
    schema: {
      tags: ['catalogue'], summary: 'HSDS 3.0: a page of services (Open Referral API); full=true nests each service fully',
      querystring: z.object({
        page: z.coerce.number().int().min(1).max(100_000).default(1), per_page: z.coerce.number().int().min(1).max(100).default(50),
        search: z.string().max(200).optional(), organization_id: z.string().uuid().optional(), modified_after: z.iso.datetime({ offset: true }).optional(),
        full: z.enum(['true', 'false']).transform((v) => v === 'true').optional(), lang: z.enum(['fi', 'sv', 'en']).default('fi'),
        county: z.string().regex(/^[a-z0-9_]+$/).optional(),
      }),
      response: {
        200: z.object({
          total_items: z.number().int(), total_pages: z.number().int(), page_number: z.number().int(), size: z.number().int(),
          first_page: z.boolean(), last_page: z.boolean(), empty: z.boolean(), contents: z.array(hsdsObject),
        }).meta({ id: 'HsdsServicePage' }),
        400: problemSchema, 404: problemSchema, 429: problemSchema,
      },
    },
  }, async (req) => {
    const q = req.query;
    const countyId = await resolveCountyId(db(), q.county);
    const offset = (q.page - 1) * q.per_page;
    const ids = q.search ? (await searchServices(db(), countyId, { q: q.search, lang: q.lang, limit: 100, offset: 0 }, app.deps.clock())).items.map((i) => i.id) : undefined;
    const page = await servicePage(db(), countyId, { offset, limit: q.per_page, organisationId: q.organization_id, modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined, ids });
    const details = await serviceDetails(db(), countyId, page.ids);
    const totalPages = Math.max(1, Math.ceil(page.total / q.per_page));
    return {
      total_items: page.total, total_pages: totalPages, page_number: q.page, size: details.length,
      first_page: q.page === 1, last_page: q.page >= totalPages, empty: details.length === 0,
      contents: details.map((d) => (q.full ? hsdsService(hsdsSource(d), q.lang) : hsdsServiceSummary(hsdsSource(d), q.lang))),
    };
  });

  r.get('/hsds/services/:id', {
    schema: {
      tags: ['catalogue'], summary: 'HSDS 3.0: one fully nested service', params: z.object({ id: z.string().uuid() }),
      querystring: z.object({ lang: z.enum(['fi', 'sv', 'en']).default('fi'), county: z.string().regex(/^[a-z0-9_]+$/).optional() }),
      response: { 200: hsdsObject, 400: problemSchema, 404: problemSchema },
    },
  }, async (req) => {
    const d = await serviceDetail(db(), await resolveCountyId(db(), req.query.county), req.params.id);
    if (!d || !d.s.active) throw new AppError(404, 'not_found');
    return hsdsService(hsdsSource(d), req.query.lang);
  });

  r.get('/services/:id', {
    schema: { tags: ['catalogue'], summary: 'One service with its channels and hours', params: z.object({ id: z.string().uuid() }), querystring: z.object({ county: z.string().regex(/^[a-z0-9_]+$/).optional() }), response: { 200: serviceDetailSchema, 400: problemSchema, 404: problemSchema } },
  }, async (req) => {
    const d = await serviceDetail(db(), await resolveCountyId(db(), req.query.county), req.params.id);
    if (!d || !d.s.active) throw new AppError(404, 'not_found');
    return detailResponse(d);
  });
}

/** Staff: the same search inside the contact view (inactive services for editors too). */
export async function catalogueStaffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  r.get('/catalogue/services', {
    preHandler: perMinute(app, 'search', () => app.deps.config.searchLimitPerMinute),
    schema: {
      tags: ['catalogue'], summary: 'Search the catalogue (staff; editors see inactive services with includeInactive=true)',
      querystring: searchQuerySchema.extend({ includeInactive: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
      response: { 200: searchResultSchema, 400: problemSchema, 401: problemSchema, 429: problemSchema },
    },
  }, async (req) => {
    const user = currentUser(req);
    const includeInactive = req.query.includeInactive && user.roles.some((role) => role === 'catalogue_editor' || role === 'admin');
    return searchServices(db(), user.countyId, { ...req.query, includeInactive }, app.deps.clock());
  });

  r.get('/catalogue/services/:id', {
    schema: { tags: ['catalogue'], summary: 'One service with its channels and hours', params: z.object({ id: z.string().uuid() }), response: { 200: serviceDetailSchema, 401: problemSchema, 404: problemSchema } },
  }, async (req) => {
    const d = await serviceDetail(db(), currentUser(req).countyId, req.params.id);
    if (!d) throw new AppError(404, 'not_found');
    return detailResponse(d);
  });
}

const EDITORS = ['catalogue_editor', 'admin'] as const;
const code = z.string().regex(/^[a-z0-9_]{1,60}$/);
const localised = z.object({ fi: z.string().max(300).nullish(), sv: z.string().max(300).nullish(), en: z.string().max(300).nullish() });
const longText = z.object({ fi: z.string().max(5000).nullish(), sv: z.string().max(5000).nullish(), en: z.string().max(5000).nullish() });
const municipalities = z.array(z.string().regex(/^[0-9]{3}$/, 'must be a three-digit municipality code')).max(400);
const staffErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema };

/** Catalogue editors: services PTV does not have, mappings, owners, reviews and the history of each. */
export async function catalogueEditorRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  const now = () => app.deps.clock();

  r.post('/catalogue/services', {
    config: { roles: [...EDITORS] },
    schema: {
      tags: ['catalogue'], summary: 'Add a service PTV does not have (an NGO, a parish, a peer group); the editor owns it',
      headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
      body: z.object({
        name: localised, summary: longText.optional(), description: longText.optional(),
        organisation: z.object({ name: z.string().trim().min(1).max(200), providerType: z.enum(PROVIDER_TYPES) }),
        nationwide: z.boolean().optional(), municipalities: municipalities.optional(), serviceAreas: z.array(code).max(10).optional(), reasons: z.array(code).max(17).optional(),
        languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).optional(), phone: z.string().max(40).nullish(), url: z.url().max(500).nullish(),
        reviewIntervalDays: z.number().int().min(7).max(1095).optional(),
      }).meta({ id: 'NewLocalService' }),
      response: { 201: localServiceCreatedSchema, ...staffErrors },
    },
  }, async (req, reply) => {
    const result = await idempotent(db(), req, 'catalogue.create', async (trx) => ({ status: 201, body: await createLocalService(trx, currentUser(req), req.body, now()) }));
    return reply.code(result.status).send(result.body);
  });

  r.patch('/catalogue/services/:id', {
    config: { roles: [...EDITORS] },
    schema: {
      tags: ['catalogue'], summary: 'Change a service: mapping to our codes, area, review interval, owner, shown or not (and the texts of local services)',
      params: z.object({ id: z.string().uuid() }),
      body: z.object({
        name: localised.optional(), summary: longText.optional(), description: longText.optional(), nationwide: z.boolean().optional(), municipalities: municipalities.optional(),
        serviceAreas: z.array(code).max(10).optional(), reasons: z.array(code).max(17).optional(), reviewIntervalDays: z.number().int().min(7).max(1095).optional(),
        ownerUserId: z.string().uuid().nullish(), active: z.boolean().optional(),
      }).refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change: give at least one field.' }).meta({ id: 'ServicePatch' }),
      response: { 200: z.object({ changed: z.array(z.string()) }), ...staffErrors },
    },
  }, async (req) => updateService(db(), currentUser(req), req.params.id, req.body, now()));

  r.post('/catalogue/services/:id/review', {
    config: { roles: [...EDITORS] },
    schema: { tags: ['catalogue'], summary: 'Mark a service reviewed: still current', params: z.object({ id: z.string().uuid() }), response: { 200: z.object({ ok: z.literal(true) }), ...staffErrors } },
  }, async (req) => { await markReviewed(db(), currentUser(req), req.params.id, now()); return { ok: true as const }; });

  r.get('/catalogue/services/:id/history', {
    config: { roles: [...EDITORS, 'supervisor'] },
    schema: {
      tags: ['catalogue'], summary: 'Every change of a service: by whom or what, when, field by field', params: z.object({ id: z.string().uuid() }),
      response: { 200: serviceHistorySchema, ...staffErrors },
    },
  }, async (req) => {
    const items = await serviceHistory(db(), currentUser(req).countyId, req.params.id);
    return { items, total: items.length };
  });

  r.get('/catalogue/stale', {
    config: { roles: [...EDITORS, 'supervisor'] },
    schema: {
      tags: ['catalogue'], summary: 'Entries past their review date: mine (default for editors) or all',
      querystring: z.object({ mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
      response: { 200: staleServicesSchema, ...staffErrors },
    },
  }, async (req) => {
    const user = currentUser(req);
    const mine = req.query.mine ?? !user.roles.includes('supervisor');
    const items = await staleServices(db(), user.countyId, { ownerUserId: mine ? user.userId : undefined }, now());
    return { items, total: items.length };
  });
}
