import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hoursOn, isOpenAt, nextOpening } from '../../../domain/opening-hours.js';
import { addDays, helsinkiDate } from '../../../domain/local-date.js';
import { problemSchema } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { TtlCache } from '../../platform/ttl-cache.js';
import { codesOf, phoneLinesWithHours, resolveCountyId } from './organisation.queries.js';
import { CODE_SETS, codesSchema, organisationSchema, phoneLinesSchema } from './organisation.schemas.js';

/**
 * Lines and their hours change a few times a year and the public front page asks for them on every
 * visit: the answer (rows, open now, next opening, the coming week: calendar work) is made once per
 * county and minute of the injected clock, so an edited line shows within a minute.
 */
const linesCache = new TtlCache<ReturnType<typeof computeLines>>(60_000);

function computeLines(lines: Awaited<ReturnType<typeof phoneLinesWithHours>>, now: Date) {
  const today = helsinkiDate(now);
  return lines.map((l) => {
    const slots = l.slots.map((s) => ({ weekday: s.weekday, opens: s.opens.slice(0, 5), closes: s.closes.slice(0, 5) }));
    const exceptions = l.exceptions.map((e) => ({ day: e.day, opens: e.opens, closes: e.closes }));
    return {
      code: l.code,
      menuNumber: l.menu_number,
      serviceArea: l.service_area,
      authorityOnly: l.authority_only,
      phoneNumber: l.phone_number,
      name: { fi: l.name_fi, sv: l.name_sv, en: l.name_en },
      region: l.region_code ? { code: l.region_code, name: { fi: l.region_fi!, sv: l.region_sv!, en: l.region_en! } } : null,
      openNow: isOpenAt(now, slots, exceptions),
      nextOpening: nextOpening(now, slots, exceptions),
      weekly: slots,
      week: Array.from({ length: 7 }, (_, i) => addDays(today, i)).map((date) => ({ date, hours: hoursOn(date, slots, exceptions) })),
    };
  });
}

async function linesResponse(app: FastifyInstance, countyId: string, includeAuthority: boolean) {
  const now = app.deps.clock();
  const minute = Math.floor(now.getTime() / 60_000);
  return linesCache.get(`${countyId}:${includeAuthority}:${minute}`, async () =>
    computeLines(await phoneLinesWithHours(app.deps.database.db, countyId, includeAuthority), new Date(minute * 60_000)));
}

/** A whole (unpaged) list with its total (issue 14: every list response carries one). */
const withTotal = <T>(items: T[]) => ({ items, total: items.length });

export async function organisationPublicRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/lines', {
    schema: {
      tags: ['organisation'],
      summary: 'Phone lines with their numbers, hours by region and whether each is open now',
      querystring: z.object({ county: z.string().regex(/^[a-z0-9_]+$/).optional() }),
      response: { 200: phoneLinesSchema, 400: problemSchema, 404: problemSchema },
    },
  }, async (req) => withTotal(await linesResponse(app, await resolveCountyId(app.deps.database.db, req.query.county), false)));
}

export async function organisationStaffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/lines', {
    schema: { tags: ['organisation'], summary: 'All phone lines of the county, authority lines included', response: { 200: phoneLinesSchema, 401: problemSchema } },
  }, async (req) => withTotal(await linesResponse(app, currentUser(req).countyId, true)));

  r.get('/codes', {
    schema: {
      tags: ['organisation'],
      summary: 'The code sets of the county (codes.md): service areas, channels, reasons, outcomes…',
      querystring: z.object({ set: z.enum(CODE_SETS).optional() }),
      response: { 200: codesSchema, 400: problemSchema, 401: problemSchema },
    },
  }, async (req) => {
    const rows = await codesOf(app.deps.database.db, currentUser(req).countyId, req.query.set);
    return withTotal(rows.map((c) => ({ set: c.code_set, code: c.code, label: { fi: c.label_fi, sv: c.label_sv, en: c.label_en }, active: c.active })));
  });

  r.get('/organisation', {
    schema: {
      tags: ['organisation'],
      summary: 'Municipalities, regions and receiving units of the county',
      response: {
        200: organisationSchema,
        401: problemSchema,
      },
    },
  }, async (req) => {
    const db = app.deps.database.db;
    const countyId = currentUser(req).countyId;
    const [municipalities, regions, units] = await Promise.all([
      db.selectFrom('municipality as m').leftJoin('region_municipality as rm', 'rm.municipality_id', 'm.id').leftJoin('region as r', 'r.id', 'rm.region_id')
        .select(['m.code', 'm.name_fi', 'm.name_sv', 'r.code as region']).where('m.county_id', '=', countyId).orderBy('m.name_fi').execute(),
      db.selectFrom('region').select(['code', 'name_fi', 'name_sv', 'name_en']).where('county_id', '=', countyId).orderBy('code').execute(),
      db.selectFrom('receiving_unit').select(['id', 'code', 'service_area', 'name_fi', 'name_sv', 'name_en', 'active']).where('county_id', '=', countyId).orderBy('name_fi').execute(),
    ]);
    return {
      municipalities: municipalities.map((m) => ({ code: m.code, name: { fi: m.name_fi, sv: m.name_sv }, region: m.region })),
      regions: regions.map((r) => ({ code: r.code, name: { fi: r.name_fi, sv: r.name_sv, en: r.name_en } })),
      units: units.map((u) => ({ id: u.id, code: u.code, serviceArea: u.service_area, name: { fi: u.name_fi, sv: u.name_sv, en: u.name_en }, active: u.active })),
    };
  });
}
