import { z } from 'zod';
import { PROVIDER_TYPES } from '../../../domain/catalogue.js';
import { ACUTE_REASON_CODES } from '../../../domain/triage/lexicon.js';

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

const suggestionSchema = z.object({ code: z.string(), score: z.number(), because: z.array(z.string()).describe('the words that led to it') });

export const triageResultSchema = z.object({
  acute: z.boolean(), acuteReason: z.enum(ACUTE_REASON_CODES).nullable(), acuteBecause: z.array(z.string()),
  serviceAreas: z.array(suggestionSchema), reasons: z.array(suggestionSchema),
  services: z.array(z.object({
    id: z.string().uuid(), ptvId: z.string().nullable(), name: z.string(), summary: z.string().nullable(), score: z.number(), because: z.array(z.string()),
    url: z.string().nullable().describe('the service’s web page or e-service, for self-service'), phone: z.string().nullable(),
  })),
}).meta({ id: 'Triage' });

export const serviceHistorySchema = z.object({ items: z.array(z.object({ id: z.string(), at: z.string(), source: z.enum(['ptv_import', 'editor', 'review']), actor: z.string().nullable(), changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) })), total: z.number().int().min(0).describe('How many there are (the whole list: not paged)') });

export const staleServicesSchema = z.object({ items: z.array(z.object({ id: z.string(), ptvId: z.string().nullable(), source: z.string(), name: z.string(), owner: z.string().nullable(), reviewedAt: z.string(), reviewDue: z.string(), daysOverdue: z.number().int() })), total: z.number().int().min(0).describe('How many there are (the whole list: not paged)') });

/** `POST /api/catalogue/services` 201: the new local service. */
export const localServiceCreatedSchema = z.object({ id: z.string().uuid() });

export type ServiceHit = z.infer<typeof serviceHitSchema>;
export type ServiceSearchResult = z.infer<typeof searchResultSchema>;
export type ServiceDetail = z.infer<typeof serviceDetailSchema>;
export type TriageResult = z.infer<typeof triageResultSchema>;
export type ServiceHistory = z.infer<typeof serviceHistorySchema>;
export type StaleServices = z.infer<typeof staleServicesSchema>;
export type LocalServiceCreated = z.infer<typeof localServiceCreatedSchema>;
