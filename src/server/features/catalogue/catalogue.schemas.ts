import { z } from 'zod';
import { PROVIDER_TYPES } from '../../../domain/catalogue.js';

const labels = z.object({ fi: z.string().nullable(), sv: z.string().nullable(), en: z.string().nullable() });

export const searchQuerySchema = z.object({
  q: z.string().max(200).optional().describe('What to look for, in the resident’s words: inflected forms and typos are found'),
  lang: z.enum(['fi', 'sv', 'en']).default('fi'),
  municipality: z.string().regex(/^[0-9]{3}$/, 'must be a three-digit municipality code').optional().describe('Only services offered there (or nationwide); local ones first'),
  area: z.string().regex(/^[a-z0-9_]{1,60}$/).optional().describe('A service area code'),
  reason: z.string().regex(/^[a-z0-9_]{1,60}$/).optional(),
  providerType: z.enum(PROVIDER_TYPES).optional(),
  targetGroup: z.string().regex(/^KR[0-9.]{1,10}$/).optional().describe('A PTV target group, e.g. KR1.1 older people'),
  openNow: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const serviceHitSchema = z.object({
  id: z.string().uuid(), ptvId: z.string().nullable(), source: z.enum(['ptv', 'local']), name: z.string(), summary: z.string().nullable(),
  organisation: z.object({ name: z.string(), providerType: z.enum(PROVIDER_TYPES) }).nullable(),
  nationwide: z.boolean(), municipalities: z.array(z.string()), serviceAreas: z.array(z.string()), reasons: z.array(z.string()), targetGroups: z.array(z.string()),
  score: z.number(),
}).meta({ id: 'ServiceHit' });

export const searchResultSchema = z.object({ items: z.array(serviceHitSchema), total: z.number().int() }).meta({ id: 'ServiceSearchResult' });

const hourSchema = z.object({
  kind: z.enum(['weekly', 'exception']), weekday: z.number().int().nullable(), opens: z.string().nullable(), closes: z.string().nullable(),
  closesNextDay: z.boolean(), validFrom: z.string().nullable(), validTo: z.string().nullable(), closed: z.boolean(), note: z.string().nullable(),
});

export const serviceDetailSchema = z.object({
  id: z.string().uuid(), ptvId: z.string().nullable(), source: z.enum(['ptv', 'local']), kind: z.string(),
  name: labels, summary: labels, description: labels,
  organisation: z.object({ id: z.string().uuid(), ptvId: z.string().nullable(), name: labels, providerType: z.enum(PROVIDER_TYPES), url: z.string().nullable() }).nullable(),
  serviceClasses: z.array(z.string()), targetGroups: z.array(z.string()), nationwide: z.boolean(), municipalities: z.array(z.string()), languages: z.array(z.string()),
  chargeType: z.string().nullable(), serviceAreas: z.array(z.string()), reasons: z.array(z.string()), active: z.boolean(),
  reviewedAt: z.string(), reviewIntervalDays: z.number().int(),
  channels: z.array(z.object({
    id: z.string().uuid(), ptvId: z.string().nullable(), kind: z.string(), name: labels, description: labels,
    phones: z.array(z.object({ number: z.string(), info: z.string().nullable() })), emails: z.array(z.string()), urls: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
    address: z.object({ street: z.string().nullable(), postalCode: z.string().nullable(), postOffice: z.string().nullable(), municipality: z.string().nullable() }).nullable(),
    hours: z.array(hourSchema),
  })),
}).meta({ id: 'Service' });
