import { z } from 'zod';
import { EVENT_DESCRIPTIONS, EVENT_TYPES, MAX_DELIVERY_ATTEMPTS, PERSON_FIELDS, retryDelaySeconds, type EventType } from '../../../domain/events.js';
import { SIGNATURE_TOLERANCE_SECONDS } from './signature.js';

/**
 * The data of each event type as zod schemas (issue 19): the one source of the catalogue
 * (GET /api/events/catalogue), the OpenAPI document's `webhooks` and the contract test that runs
 * every trigger of migration 0022 and validates what it wrote. The triggers strip null members
 * (jsonb_strip_nulls), so a field that can be empty is optional, never null.
 */
const code = z.string().regex(/^[a-z0-9_]+$/).describe('A code of the county\'s code sets (defaults in src/domain/codes.ts; the county\'s own at GET /api/admin/codes)');
const uuid = z.uuid();
const reference = z.string().min(1).max(40).describe('The contact\'s reference: the number the resident and the staff quote');
const timestamp = z.iso.datetime({ offset: true });
const date = z.iso.date().describe('A date in Helsinki (YYYY-MM-DD)');

/**
 * data.person: only for a subscription whose legal basis allows personal data, added at delivery
 * while the contact still holds it (never after the retention rule erased it). Never in the outbox.
 */
export const personSchema = z.object({
  name: z.string().nullable(), hetu: z.string().nullable().describe('Henkilötunnus'), birthDate: date.nullable(), phone: z.string().nullable().describe('E.164'),
  email: z.string().nullable(), address: z.string().nullable(), language: z.enum(['fi', 'sv', 'en']).nullable(),
} satisfies Record<(typeof PERSON_FIELDS)[number], z.ZodType>).describe('The person\'s details: only for a subscription with a legal basis for personal data, while the contact holds them');

const contactRegistered = z.object({
  contactId: uuid, reference,
  channel: code.describe('phone, callback, chat, web_form, walk_in, e_notification, …'),
  contactor: code.describe('Who contacted: self, close_one, professional, authority, …'),
  serviceArea: code.optional(), mainReason: code.optional(), urgency: code, anonymous: z.boolean(), acute: z.boolean(),
  notificationKind: z.enum(['social_welfare', 'child_welfare']).optional().describe('Set for a professional\'s notification (a notification.received event follows)'),
  receivedAt: timestamp, respondBy: date.describe('The service promise: the person is reached by this day'),
  phoneLine: code.optional(), region: code.optional(), municipality: z.string().regex(/^[0-9]{3}$/).optional().describe('Official municipality number'),
});

const notificationReceived = z.object({
  contactId: uuid, reference, notificationKind: z.enum(['social_welfare', 'child_welfare']),
  legalDeadline: date.optional().describe('LsL 26 §: the assessment of the need for child welfare starts by this day'),
  legalBasis: z.enum(['lsl_26']).optional(), receivedAt: timestamp, urgency: code,
});

const initiationRecorded = z.object({
  initiationId: uuid, contactId: uuid, reference, initiatedOn: date, unit: code.optional().describe('The receiving unit the matter is pending with'),
  source: z.enum(['worker', 'shl_35_notification', 'lsl_25_notification']), urgent: z.boolean(),
  legalDeadline: date.optional(), legalBasis: z.enum(['shl_36', 'lsl_26', 'thl_51']).optional(),
});

const referral = z.object({
  referralId: uuid, contactId: uuid, reference,
  kind: z.enum(['message_to_service', 'referral_for_assessment', 'to_own_worker', 'direct_booking']),
  unit: code.optional().describe('The receiving unit (absent for an outside service)'), externalService: z.string().optional().describe('The outside service\'s name'),
  urgency: z.enum(['emergency', 'urgent', 'non_urgent']),
  status: z.enum(['requested', 'accepted', 'returned', 'client_contacted', 'completed', 'cancelled']).describe('The status after the change'),
  acceptBy: date, contactBy: date, legalDeadline: date.optional(), legalBasis: z.enum(['shl_36', 'lsl_26', 'thl_51']).optional(),
  outcome: code.optional(), escalationLevel: z.number().int().min(0).max(2).describe('0; 1 once the acceptance day passed; 2 once the client-contact day passed'),
  sentAt: timestamp,
});

const consent = z.object({
  consentId: uuid, contactId: uuid, reference,
  purpose: z.enum(['forward_to_unit', 'consultation', 'kela', 'other_actor', 'recording']),
  givenBy: z.enum(['client', 'guardian', 'legal_representative']), method: z.enum(['verbal', 'written', 'electronic']),
  givenAt: timestamp, withdrawnAt: timestamp.optional(),
});

const erased = z.object({ contactId: uuid, reference, erasedAt: timestamp });

const referralWith = (status: string) => referral.extend({ status: z.literal(status).describe('The status after the change') });

/** The data schema of each type (without data.person: see personSchema). */
export const EVENT_DATA_SCHEMAS: Record<EventType, z.ZodObject> = {
  'fi.opastin.contact.registered.v1': contactRegistered,
  'fi.opastin.notification.received.v1': notificationReceived,
  'fi.opastin.initiation.recorded.v1': initiationRecorded,
  'fi.opastin.referral.sent.v1': referral.extend({ status: z.enum(['requested', 'accepted']).describe('requested; accepted for a direct booking') }),
  'fi.opastin.referral.accepted.v1': referralWith('accepted'),
  'fi.opastin.referral.returned.v1': referralWith('returned'),
  'fi.opastin.referral.client_contacted.v1': referralWith('client_contacted'),
  'fi.opastin.referral.completed.v1': referralWith('completed'),
  'fi.opastin.referral.cancelled.v1': referralWith('cancelled'),
  'fi.opastin.referral.escalated.v1': referral.extend({ escalationLevel: z.number().int().min(1).max(2) }),
  'fi.opastin.consent.given.v1': consent,
  'fi.opastin.consent.withdrawn.v1': consent.extend({ withdrawnAt: timestamp }),
  'fi.opastin.contact.personal_data_erased.v1': erased,
};

/** What the subject of each type names. */
export function subjectPattern(type: EventType): string {
  return type.startsWith('fi.opastin.referral.') ? 'referral/<referralId>' : 'contact/<contactId>';
}

/** The data schema a receiver sees: the type's fields and the optional data.person. */
export function dataSchemaOf(type: EventType): z.ZodObject {
  return EVENT_DATA_SCHEMAS[type].extend({ person: personSchema.optional() });
}

/**
 * JSON Schema (2020-12) of a type's data. As the input side: no `additionalProperties: false`,
 * since a version may gain optional fields (domain/events.ts) and a receiver must not break then.
 */
export function dataJsonSchema(type: EventType): Record<string, unknown> {
  const { $schema: _drop, ...schema } = z.toJSONSchema(dataSchemaOf(type).describe(EVENT_DESCRIPTIONS[type]), { io: 'input' }) as Record<string, unknown>;
  void _drop;
  return schema;
}

export const SIGNATURE_RECIPE = `Header Opastin-Signature (case-insensitive, as every HTTP header): t=<unix seconds>,v1=<hex>. hex = lowercase hex of HMAC-SHA256(key = the subscription's secret as UTF-8, message = "<t>.<raw request body>"). `
  + `Recompute it over the raw body bytes before parsing, compare in constant time, and refuse a t more than ${SIGNATURE_TOLERANCE_SECONDS} seconds from your clock. `
  + 'Deliveries are at least once: use the CloudEvent id to drop a repeat.';

export function retrySchedule(): string {
  const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelaySeconds(n));
  const words = waits.map((s) => (s >= 3600 ? `${s / 3600} h` : s >= 60 ? `${s / 60} min` : `${s} s`));
  return `After a failed attempt (no 2xx in 10 s, a redirect, a network error) the next waits ${words.join(', ')} … then 1 h each; `
    + `after ${MAX_DELIVERY_ATTEMPTS} attempts (about a day) the delivery is dead: the administrator sees it and can send it again. `
    + 'Later events of the same subject wait while an earlier one is retried; other subjects go on.';
}

/** GET /api/events/catalogue: every type with its data schema, the signature recipe and the retries. */
export function eventCatalogue() {
  return {
    specversion: '1.0' as const,
    types: EVENT_TYPES.map((type) => ({ type, description: EVENT_DESCRIPTIONS[type], subject: subjectPattern(type), dataSchema: dataJsonSchema(type) })),
    signature: { header: 'Opastin-Signature', recipe: SIGNATURE_RECIPE, toleranceSeconds: SIGNATURE_TOLERANCE_SECONDS },
    retries: { maxAttempts: MAX_DELIVERY_ATTEMPTS, schedule: retrySchedule() },
  };
}

/** The CloudEvent envelope of one type, as JSON Schema: what a webhook's request body is. */
function envelopeJsonSchema(type: EventType): Record<string, unknown> {
  const referral = type.startsWith('fi.opastin.referral.');
  const envelope = z.object({
    specversion: z.literal('1.0'), id: z.uuid().describe('The event\'s id: the same on every retry and on the pull feed (drop repeats by it)'),
    source: z.string().regex(/^\/opastin\/counties\/[a-z0-9_]+$/).describe('/opastin/counties/<county code>'),
    type: z.literal(type), subject: z.string().regex(referral ? /^referral\/[0-9a-f-]{36}$/ : /^contact\/[0-9a-f-]{36}$/).describe(subjectPattern(type)),
    time: z.iso.datetime({ offset: true }), datacontenttype: z.literal('application/json'),
    dataschema: z.literal(`/api/events/catalogue#${type}`), sequence: z.string().regex(/^[0-9]+$/).describe('Commit order over the county\'s events (decimal)'),
  });
  const { $schema: _drop, ...schema } = z.toJSONSchema(envelope, { io: 'input' }) as { $schema?: string; properties: Record<string, unknown>; required: string[] };
  void _drop;
  return { ...schema, properties: { ...schema.properties, data: dataJsonSchema(type) }, required: [...schema.required, 'data'] };
}

/**
 * The OpenAPI 3.1 `webhooks` of the document (GET /api/openapi.json): one POST per event type, its
 * body the CloudEvent of that type, signed in the Opastin-Signature header.
 */
export function openApiWebhooks(): Record<string, unknown> {
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, {
    post: {
      operationId: `webhook_${type.replace(/[^a-z0-9]+/g, '_')}`,
      tags: ['integration'],
      summary: `${type} (subject ${subjectPattern(type)})`,
      description: `${EVENT_DESCRIPTIONS[type]} Delivered at least once, in order per subject, to each subscription of the type; the same event is on GET /api/events.`,
      parameters: [
        { name: 'Opastin-Signature', in: 'header', required: true, description: SIGNATURE_RECIPE, schema: { type: 'string', pattern: '^t=[0-9]+,v1=[0-9a-f]{64}$' } },
      ],
      requestBody: { required: true, content: { 'application/cloudevents+json': { schema: envelopeJsonSchema(type) } } },
      responses: {
        '2XX': { description: 'Delivered: the next event of the subject follows' },
        default: { description: `Not delivered (also a redirect): tried again. ${retrySchedule()}` },
      },
    },
  }]));
}
