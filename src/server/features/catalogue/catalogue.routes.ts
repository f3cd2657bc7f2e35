import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { resolveCountyId } from '../organisation/public.js';
import { searchServices, serviceDetail } from './catalogue.queries.js';
import { searchQuerySchema, searchResultSchema, serviceDetailSchema } from './catalogue.schemas.js';

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

/** Residents' search and a service's page: no login. */
export async function cataloguePublicRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.deps.database.db;
  r.get('/services', {
    schema: {
      tags: ['catalogue'], summary: 'Search the service catalogue (public, NGO and parish services)',
      querystring: searchQuerySchema.extend({ county: z.string().regex(/^[a-z0-9_]+$/).optional() }),
      response: { 200: searchResultSchema, 400: problemSchema, 404: problemSchema },
    },
  }, async (req) => searchServices(db(), await resolveCountyId(db(), req.query.county), req.query, app.deps.clock()));

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
    schema: {
      tags: ['catalogue'], summary: 'Search the catalogue (staff; editors see inactive services with includeInactive=true)',
      querystring: searchQuerySchema.extend({ includeInactive: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }),
      response: { 200: searchResultSchema, 400: problemSchema, 401: problemSchema },
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
