import { z } from 'zod';
import { EVENT_TYPES } from '../../../domain/events.js';
import { MESSAGE_CHANNELS, MESSAGE_LANGS, MESSAGE_TEMPLATES } from '../../../domain/messages.js';

/**
 * Integration and messaging (issue 19, ADR 0017): one zod contract per route, shared by the
 * server and the staff app. Routes (all under /api):
 *
 * County administrator (role `admin`; their own county only, another county's object is 404):
 *   GET    /admin/webhooks                                   subscriptions with their delivery state
 *   POST   /admin/webhooks                                   a subscription → 201 { subscription, secret } (the secret is shown once)
 *   PATCH  /admin/webhooks/{id}                              name, url, event types, personal data + legal basis, active, rotateSecret
 *   DELETE /admin/webhooks/{id}                              → 204 (its deliveries go with it)
 *   GET    /admin/webhooks/{id}/deliveries?state&limit       newest first
 *   POST   /admin/webhooks/{id}/deliveries/{deliveryId}/replay   a dead (or delivered) delivery again → the delivery, pending
 *   POST   /admin/webhooks/{id}/replay                       every dead delivery again → { replayed }
 *   GET    /admin/message-templates                          every template × channel × language, the county's wording or the default
 *   PUT    /admin/message-templates/{template}/{channel}/{lang}    the county's wording → the template
 *   DELETE /admin/message-templates/{template}/{channel}/{lang}    back to the default → the template
 *   GET    /admin/messages?state&limit&before                the message log (no addresses, no bodies)
 * Systems that poll (a subscription's token as `Authorization: Bearer <secret>`, or an admin's session):
 *   GET    /events?after&limit&types                         CloudEvents after the cursor, oldest first
 * Anyone (documentation):
 *   GET    /events/catalogue                                 the event types, their data schemas and the signature recipe
 *
 * Errors: 400 `validation_failed` naming the field: `body.url` `invalid_url` (not https, credentials
 * in it, a fragment; http only when WEBHOOK_ALLOW_HTTP=on), `body.legalBasis` `required` (personal
 * data without a legal basis), `body.body`/`body.subject` `unknown_placeholder`,
 * `placeholder_not_allowed` (e.g. the unit's name in a text message), `unbalanced_brace`;
 * `query.after` `invalid_cursor`. 409 `code_in_use` for a subscription name already used.
 * 401 for a wrong or missing token on /events.
 */

const eventType = z.enum(EVENT_TYPES);
const name = z.string().trim().min(1).max(200);

export const deliveryCountsSchema = z.object({
  pending: z.number().int(), delivered: z.number().int(), dead: z.number().int(),
  lastDeliveredAt: z.string().nullable(), oldestPendingAt: z.string().nullable().describe('The oldest event still waiting: how far behind the subscriber is'),
  lastError: z.string().nullable().describe('The latest failure: HTTP status or network error, never a body'),
});

export const webhookSchema = z.object({
  id: z.string().uuid(), name: z.string(), url: z.string().nullable().describe('null: pull only (GET /api/events with the token)'),
  eventTypes: z.array(z.string()), personalData: z.boolean(), legalBasis: z.string().nullable(), active: z.boolean(),
  createdAt: z.string(), deliveries: deliveryCountsSchema,
}).meta({ id: 'Webhook' });

export const webhookListSchema = z.object({ subscriptions: z.array(webhookSchema), eventTypes: z.array(z.object({ type: z.string(), description: z.string() })) });

export const webhookCreateSchema = z.object({
  name,
  url: z.string().trim().max(2000).nullable().describe('https://… to push to; null for a pull-only subscription'),
  eventTypes: z.array(eventType).min(1).max(EVENT_TYPES.length),
  personalData: z.boolean().default(false).describe('Add data.person (name, hetu, contact details) while the contact holds them; needs legalBasis'),
  legalBasis: z.string().trim().min(1).max(500).nullish().describe('The act and section that let this system receive the personal data'),
  secret: z.string().max(500).optional().describe('Not accepted (400): Opastin generates the signing secret and returns it once'),
}).meta({ id: 'WebhookCreate' });

export const webhookUpdateSchema = z.object({
  name: name.optional(), url: z.string().trim().max(2000).nullable().optional(), eventTypes: z.array(eventType).min(1).max(EVENT_TYPES.length).optional(),
  personalData: z.boolean().optional(), legalBasis: z.string().trim().min(1).max(500).nullable().optional(), active: z.boolean().optional(),
  rotateSecret: z.boolean().optional().describe('true: a new secret, returned once; the old one stops at once'),
}).refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change: give at least one field.' }).meta({ id: 'WebhookUpdate' });

export const webhookSavedSchema = z.object({ subscription: webhookSchema, secret: z.string().nullable().describe('Only when created or rotated') });

export const deliveryStateSchema = z.enum(['pending', 'delivered', 'dead']);
export const deliverySchema = z.object({
  id: z.string().uuid(), eventId: z.string().uuid(), type: z.string(), subject: z.string(), sequence: z.string(), state: deliveryStateSchema,
  attempts: z.number().int(), nextAttemptAt: z.string().nullable(), lastStatus: z.number().int().nullable(), lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(), deadAt: z.string().nullable(), createdAt: z.string(),
}).meta({ id: 'WebhookDelivery' });
export const deliveryListQuery = z.object({ state: deliveryStateSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const deliveryListSchema = z.object({ deliveries: z.array(deliverySchema) });
export const replayAllSchema = z.object({ replayed: z.number().int() });

export const cloudEventSchema = z.object({
  specversion: z.literal('1.0'), id: z.string(), source: z.string(), type: z.string(), subject: z.string(), time: z.string(),
  datacontenttype: z.literal('application/json'), dataschema: z.string(), sequence: z.string(), data: z.record(z.string(), z.unknown()),
}).meta({ id: 'CloudEvent' });

export const eventsQuery = z.object({
  after: z.string().max(30).optional().describe('The cursor: `next` of the previous page; absent: from the oldest kept event'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  types: z.string().max(2000).optional().describe('Comma-separated event types; default: all (a token: its subscription\'s types)'),
});
export const eventsPageSchema = z.object({
  events: z.array(cloudEventSchema),
  next: z.string().describe('Give as `after` for the next page (the same when nothing new)'),
  more: z.boolean().describe('true: another page is ready now'),
}).meta({ id: 'EventsPage' });

export const catalogueSchema = z.object({
  specversion: z.literal('1.0'),
  types: z.array(z.object({ type: z.string(), description: z.string(), subject: z.string(), dataSchema: z.record(z.string(), z.unknown()) })),
  signature: z.object({ header: z.string(), recipe: z.string(), toleranceSeconds: z.number().int() }),
  retries: z.object({ maxAttempts: z.number().int(), schedule: z.string() }),
});

export const templateParams = z.object({ template: z.enum(MESSAGE_TEMPLATES), channel: z.enum(MESSAGE_CHANNELS), lang: z.enum(MESSAGE_LANGS) });
export const messageTemplateSchema = z.object({
  template: z.enum(MESSAGE_TEMPLATES), channel: z.enum(MESSAGE_CHANNELS), lang: z.enum(MESSAGE_LANGS),
  recipient: z.enum(['resident', 'unit', 'supervisor']), subject: z.string().nullable(), body: z.string(),
  isDefault: z.boolean().describe('false: the county\'s own wording'), placeholders: z.array(z.string()).describe('What this channel\'s wording may use'),
  updatedAt: z.string().nullable(),
}).meta({ id: 'MessageTemplate' });
export const messageTemplateListSchema = z.object({ templates: z.array(messageTemplateSchema) });
export const messageTemplateInput = z.object({
  subject: z.string().trim().min(1).max(200).nullable().describe('E-mail only; null for a text message'),
  body: z.string().trim().min(1).max(2000),
}).meta({ id: 'MessageWording' });

export const messageStateSchema = z.enum(['pending', 'sent', 'dead', 'skipped']);
export const messageLogQuery = z.object({
  state: messageStateSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime({ offset: true }).optional().describe('Older than this (createdAt of the last row of the previous page)'),
});
export const messageLogSchema = z.object({
  messages: z.array(z.object({
    id: z.string().uuid(), channel: z.enum(MESSAGE_CHANNELS), template: z.string(), lang: z.string(),
    recipientKind: z.enum(['resident', 'unit', 'supervisor']), reference: z.string().nullable(), state: messageStateSchema,
    attempts: z.number().int(), lastError: z.string().nullable(), sentAt: z.string().nullable(), createdAt: z.string(),
  })),
  totals: z.object({ pending: z.number().int(), sent: z.number().int(), dead: z.number().int(), skipped: z.number().int() }),
  channels: z.object({ email: z.boolean().describe('SMTP configured'), sms: z.string().nullable().describe('The text message provider, null when none') }),
}).meta({ id: 'MessageLog' });

export const idParams = z.object({ id: z.string().uuid() });
export const deliveryParams = z.object({ id: z.string().uuid(), deliveryId: z.string().uuid() });

/** The resident's consent to messages about their matter: public forms and the worker's registration. */
export const messageChannelsSchema = z.array(z.enum(MESSAGE_CHANNELS)).max(2)
  .describe('The resident agreed to get a receipt and a notice of where the matter went by these channels (email needs an e-mail address, sms a phone number)');
