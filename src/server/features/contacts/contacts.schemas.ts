import { z } from 'zod';
import { TRIGGER_CODES } from '../../../domain/codes.js';
import { CONTACT_ACUTE_REASONS } from '../../../domain/triage/lexicon.js';

const code = z.string().regex(/^[a-z0-9_]{1,60}$/, 'must be a code (a–z, 0–9, _)');
export const urgencySchema = z.enum(['emergency', 'urgent', 'non_urgent']);

export const personSchema = z.object({
  name: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(40).nullish(),
  hetu: z.string().trim().max(20).nullish(),
  address: z.string().trim().max(300).nullish(),
  email: z.string().trim().max(200).nullish(),
  callbackWindow: z.string().trim().max(100).nullish(),
}).meta({ id: 'Person' });

/**
 * Who called, when it was not the person concerned (issue 14): a daughter about her father, a
 * professional about a client. The relation is the contact's `contactor` (close_one,
 * professional, authority, organisation…); `relationship` says it in words ("tytär"). Not allowed
 * on an anonymous contact or when contactor is `self` (422 naming the field).
 */
export const callerSchema = z.object({
  name: z.string().trim().max(200).nullish(),
  phone: z.string().trim().max(40).nullish().describe('Any formatting; stored as +358…'),
  organisation: z.string().trim().max(200).nullish(),
  relationship: z.string().trim().max(100).nullish().describe('The relation in words: "tytär", "kotihoidon sairaanhoitaja"'),
}).meta({ id: 'Caller' });

export const closeSchema = z.object({
  outcome: code,
  handlingSeconds: z.number().int().min(0).max(86_400).nullish(),
  ledToClientRelationship: z.boolean(),
  mainReason: code.nullish(),
  contactor: code.optional(),
});

export const contactInputSchema = z.object({
  channel: code,
  phoneLine: code.nullish(),
  serviceArea: code.nullish(),
  region: code.nullish(),
  municipality: z.string().regex(/^[0-9]{3}$/, 'must be a three-digit municipality code').nullish(),
  contactor: code.default('unknown'),
  anonymous: z.boolean(),
  mainReason: code.nullish(),
  additionalReasons: z.array(code).max(10).default([]),
  note: z.string().max(2000).nullish(),
  urgency: urgencySchema.default('non_urgent'),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  person: personSchema.nullish().describe('The person concerned'),
  caller: callerSchema.nullish().describe('Who called, when not the person concerned'),
  close: closeSchema.omit({ mainReason: true, contactor: true }).nullish().describe('Quick log: register and close at once'),
  acute: z.boolean().default(false).describe('The worker judges someone to be in danger now: the contact is acute (reason `worker`) and comes first in the queue'),
  messageChannels: z.array(z.enum(['email', 'sms'])).max(2).optional().describe('The person agreed to get a receipt and a notice of where the matter went by these channels (issue 19); none on an anonymous contact'),
}).meta({ id: 'NewContact' });

export const contactUpdateSchema = z.object({
  channel: code.optional(),
  phoneLine: code.nullish(),
  serviceArea: code.nullish(),
  municipality: z.string().regex(/^[0-9]{3}$/).nullish(),
  contactor: code.optional(),
  mainReason: code.nullish(),
  additionalReasons: z.array(code).max(10).optional(),
  note: z.string().max(2000).nullish(),
  urgency: urgencySchema.optional(),
  triggers: z.array(z.enum(TRIGGER_CODES)).optional(),
  anonymous: z.boolean().optional(),
  person: personSchema.nullish(),
  caller: callerSchema.nullish(),
  messageChannels: z.array(z.enum(['email', 'sms'])).max(2).optional().describe('The person\'s consent to messages (issue 19); [] withdraws it'),
}).refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change: give at least one field.' }).meta({ id: 'ContactUpdate' });

export const statusSchema = z.enum(['new', 'in_progress', 'waiting', 'closed']);

/** Why a contact is acute (issue 11): the resident's answer, a worker's mark, or the detector's category. */
export const acuteReasonSchema = z.enum(CONTACT_ACUTE_REASONS).meta({ id: 'AcuteReason' });
const acuteFields = {
  acute: z.boolean().describe('Someone may be in danger now: the contact comes first in the queue and alerts the guidance workers'),
  acuteReasons: z.array(acuteReasonSchema).describe('danger_now: the resident said so; worker: a worker marked it; the others: the detector\'s category'),
  acuteTriggerWords: z.array(z.string()).describe('The words in the resident\'s text that triggered the detector'),
};

/**
 * A note that PostgreSQL can store in text and jsonb: no NUL or other control character (except
 * tab and line breaks) and no lone surrogate; refused with 400 naming the field, never a 500.
 */
// eslint-disable-next-line no-control-regex
const storable = (s: z.ZodString) => s.refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v) && !/\p{Cs}/u.test(v), { message: 'contains a control character or a broken character', params: { code: 'invalid_characters' } });

/** A worker marks a contact acute, or unmarks it after assessing it (the reason is required then). */
export const acuteMarkSchema = z.discriminatedUnion('acute', [
  z.object({ acute: z.literal(true), reason: storable(z.string().trim().max(1000)).nullish() }),
  z.object({ acute: z.literal(false), reason: storable(z.string().trim().min(1).max(1000)) }),
]).meta({ id: 'AcuteMark' });

/** An unclaimed open acute contact, for the alerts and the supervisor's live view: no personal data. */
export const acuteAlertSchema = z.object({
  id: z.string().uuid(), reference: z.string(), reasons: z.array(acuteReasonSchema), line: z.string().nullable(),
  receivedAt: z.string(), waitedSeconds: z.number().int().describe('Since the contact was received'),
}).meta({ id: 'AcuteAlert' });

export const queueItemSchema = z.object({
  id: z.string().uuid(), reference: z.string(), channel: z.string(), status: statusSchema, waitingReason: z.string().nullable(), urgency: z.string(),
  receivedAt: z.string(), respondBy: z.string(), overdue: z.boolean(), dueToday: z.boolean(), anonymous: z.boolean(), mainReason: z.string().nullable(),
  serviceArea: z.string().nullable(), contactor: z.string(), line: z.string().nullable(), region: z.string().nullable(),
  assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(), hasCallbackNumber: z.boolean(),
  guidanceLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1 advice and guidance; 2 client guidance; 3 intensive service guidance (issue 17)'),
  legalDeadline: z.string().nullable().describe('A statutory deadline the contact started (child welfare notification: LsL 26 §)'),
  legalBasis: z.enum(['lsl_26']).nullable().describe('The act behind legalDeadline'),
  notificationKind: z.enum(['social_welfare', 'child_welfare']).nullable(),
  reached: z.boolean().describe('The person (or the notifier) has been reached: the promise is judged by this, not by a claim'),
  urgencyAssessmentDue: z.boolean().describe('A child welfare notification nobody has taken up yet: its urgency is assessed at once (LsL 26 §)'),
  preview: z.string().nullable().describe('The first line of the resident\'s own words (at most 140 characters); null when there are none. Access-logged for an identified contact'),
  personName: z.string().nullable().describe('Search results only (q): the identified person\'s name, access-logged; null in the queue'),
  match: z.enum(['reference', 'hetu', 'phone', 'name', 'text']).nullable().describe('Search results only (q): what matched; null in the queue'),
  ...acuteFields,
}).meta({ id: 'QueueItem' });

/** Every list response carries its total (issue 14): counted up to LIST_TOTAL_CAP, then `totalCapped`. */
export const LIST_TOTAL_CAP = 10_000;
/**
 * A search and the list of closed contacts count up to 1 000: past that a worker narrows the search
 * rather than pages, and counting a common word's 20 000 matches at 1 M contacts would read them all.
 */
export const SEARCH_TOTAL_CAP = 1_000;
export const listMetaFields = {
  total: z.number().int().min(0).describe('How many match, not just this page (counted up to 10 000; a search and the closed contacts up to 1 000; see totalCapped)'),
  totalCapped: z.boolean().describe('More match than were counted: total is the cap (10 000, or 1 000 for a search and the closed contacts)'),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
};

/** The queue's and the search's filters (`GET /api/contacts`), also what a worker saves. */
export const queueFiltersSchema = z.object({
  line: z.string().max(100).optional(), region: z.string().max(100).optional(), channel: z.string().max(60).optional(),
  status: z.union([statusSchema, z.array(statusSchema)]).optional(),
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
}).meta({ id: 'QueueFilters' });

export const queueQuerySchema = queueFiltersSchema.extend({
  q: z.string().trim().max(200).optional().describe('Search: a reference matches exactly; a name, phone number (any formatting) or identity code finds identified contacts (access-logged); other words search the names, notes and the resident\'s message, newest first. Open and closed contacts unless status says otherwise'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const queueResponseSchema = z.object({
  items: z.array(queueItemSchema), ...listMetaFields,
  serverTime: z.string().describe('The server\'s clock: ages are counted from it'),
}).meta({ id: 'QueuePage' });

/** A worker's saved filters and notification choices (`GET/PUT /api/me/preferences`). */
export const savedQueueFiltersSchema = z.object({
  line: z.string().max(100).optional(), region: z.string().max(100).optional(), channel: z.string().max(60).optional(),
  status: z.array(statusSchema).max(4).optional(), mine: z.boolean().optional(), overdue: z.boolean().optional(),
});
export const preferencesSchema = z.object({
  queueFilters: savedQueueFiltersSchema.describe('Applied when the worker opens the queue'),
  savedFilters: z.array(z.object({ name: z.string().trim().min(1).max(60), filters: savedQueueFiltersSchema })).max(20),
  notifySound: z.boolean().describe('A short sound when new work arrives on the worker\'s lines'),
  notifyDesktop: z.boolean().describe('A desktop notification when new work arrives (the browser asks for permission)'),
}).meta({ id: 'Preferences' });

/** What `GET /api/events` (server-sent events) pushes as `event: contact`: no personal data. */
export const contactChangeSchema = z.object({
  id: z.string().uuid().nullable().describe('null: many contacts changed at once (bulk); refetch'),
  op: z.enum(['insert', 'update', 'bulk']),
  status: statusSchema.nullable(), line: z.string().nullable(), acute: z.boolean().nullable(),
  assignedUserId: z.string().uuid().nullable(), createdByUserId: z.string().uuid().nullable(),
}).meta({ id: 'ContactChange' });

/** An earlier contact of the same identified person (by identity code), for the contact view. */
export const earlierContactSchema = z.object({
  id: z.string().uuid(), reference: z.string(), receivedAt: z.string(), channel: z.string(), status: statusSchema,
  mainReason: z.string().nullable(), outcome: z.string().nullable(), closedAt: z.string().nullable(),
  role: z.enum(['person', 'caller']).describe('person: the person was the one concerned; caller: the person called about someone else'),
}).meta({ id: 'EarlierContact' });

export const contactViewSchema = z.object({
  id: z.string().uuid(), reference: z.string(), channel: z.string(), line: z.string().nullable(), serviceArea: z.string().nullable(), region: z.string().nullable(),
  municipality: z.string().nullable(), contactor: z.string(), anonymous: z.boolean(), mainReason: z.string().nullable(), additionalReasons: z.array(z.string()),
  note: z.string().nullable(), urgency: z.string(), receivedAt: z.string(), receivedOn: z.string(), respondBy: z.string(),
  overdue: z.boolean().describe('Open, not reached, and its promised day has passed'),
  reachedAt: z.string().nullable().describe('When the person (or the notifier) was first reached: the promise is kept when this is by respondBy'),
  reachedHow: z.enum(['call_answered', 'callback', 'reply_sent', 'phone', 'met', 'chat']).nullable(),
  urgencyAssessmentDue: z.boolean().describe('A child welfare notification nobody has taken up yet: its urgency is assessed at once (LsL 26 §)'),
  status: statusSchema, waitingReason: z.string().nullable(), assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  outcome: z.string().nullable(), closedAt: z.string().nullable(), handlingSeconds: z.number().nullable(), ledToClientRelationship: z.boolean().nullable(),
  triggers: z.array(z.string()), repeatContacts30d: z.number().int(), repeatTrigger: z.boolean(), callbackAttemptsAllowed: z.number().int(), callerNumber: z.string().nullable(),
  person: z.object({ name: z.string().nullable(), phone: z.string().nullable(), hetu: z.string().nullable(), birthDate: z.string().nullable(), address: z.string().nullable(), email: z.string().nullable(), callbackWindow: z.string().nullable() }).nullable(),
  personalDataErasedAt: z.string().nullable(),
  messageChannels: z.array(z.enum(['email', 'sms'])).describe('The person\'s consent to messages about the matter (issue 19)'),
  timeline: z.array(z.object({ id: z.string(), at: z.string(), kind: z.string(), actor: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
  consents: z.array(z.object({ id: z.string(), givenBy: z.string(), method: z.string(), purpose: z.string(), target: z.string(), givenAt: z.string(), withdrawnAt: z.string().nullable() })),
  initiations: z.array(z.object({ id: z.string(), initiatedOn: z.string(), concerns: z.string(), unit: z.string().nullable().describe('null: a notification’s matter not yet routed to a unit'), urgent: z.boolean(), highestCareAllowance: z.boolean(), ageAtInitiation: z.number().nullable(), legalDeadline: z.string().nullable(), legalBasis: z.enum(['shl_36', 'lsl_26', 'thl_51']).nullable().describe('The act behind legalDeadline') })),
  callbackAttempts: z.array(z.object({ at: z.string(), result: z.string() })),
  referrals: z.array(z.object({
    id: z.string(), kind: z.string(), assessment: z.string().nullable(), unit: z.string().nullable(), external: z.string().nullable(), status: z.string(), urgency: z.string(),
    acceptBy: z.string(), contactBy: z.string(), legalDeadline: z.string().nullable(), legalBasis: z.string().nullable(), sentAt: z.string(), bookedAt: z.string().nullable(),
    outcome: z.string().nullable(), returnReason: z.string().nullable(), cancelReason: z.string().nullable(), overdue: z.boolean(),
  })).describe('The closed loop: every referral of the contact and where it stands'),
  referralReturns: z.number().int().describe('How many referrals came back to guidance (ping-pong)'),
  consultations: z.array(z.object({
    id: z.string(), consultee: z.string(), unit: z.string().nullable(), anonymous: z.boolean(), question: z.string().nullable(), status: z.string(), answer: z.string().nullable(),
    answeredBy: z.string().nullable(), askedAt: z.string(), answeredAt: z.string().nullable(),
  })),
  language: z.enum(['fi', 'sv', 'en']).nullable().describe('The language the contactor wrote in (public forms)'),
  notificationKind: z.enum(['social_welfare', 'child_welfare']).nullable(),
  legalDeadline: z.string().nullable(),
  legalBasis: z.enum(['lsl_26']).nullable(),
  notifier: z.object({
    name: z.string(), organisation: z.string(), role: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(),
    subjectConsent: z.enum(['given', 'not_given', 'not_asked']).nullable().describe('SHL 35 §; null for a child welfare notification (LsL 25 §), which is not a consent question'), noConsentReason: z.string().nullable(),
  }).nullable().describe('Who notified (professional notifications); erased with the person’s data'),
  residentMessage: z.string().nullable().describe('The resident\'s own words as sent through a public form, never edited; null for contacts registered by a worker and after erasure'),
  caller: z.object({ name: z.string().nullable(), phone: z.string().nullable(), organisation: z.string().nullable(), relationship: z.string().nullable() }).nullable()
    .describe('Who called when it was not the person concerned; `contactor` is the relation'),
  guidanceLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]).describe('1 advice and guidance; 2 client guidance; 3 intensive service guidance (issue 17)'),
  guidanceCaseId: z.string().uuid().nullable().describe('The guidance case (levels 2–3) the contact belongs to'),
  earlierContacts: z.array(earlierContactSchema).describe('The identified person\'s earlier contacts (same identity code), newest first, at most 20; access-logged'),
  ...acuteFields,
  acuteFlaggedAt: z.string().nullable(),
}).meta({ id: 'Contact' });

export type QueueItem = z.infer<typeof queueItemSchema>;
export type QueueResponse = z.infer<typeof queueResponseSchema>;
export type ContactView = z.infer<typeof contactViewSchema>;
export type Preferences = z.infer<typeof preferencesSchema>;
export type ContactChange = z.infer<typeof contactChangeSchema>;
export type EarlierContact = z.infer<typeof earlierContactSchema>;

/** What the contact actions answer (`POST /api/contacts/{id}/…`): one declared schema each (issue 14, H1). */
export const okSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Ok' });
export const callbackAttemptResultSchema = z.object({
  status: statusSchema.describe('in_progress: reached; waiting: try again; closed: the allowed attempts failed (not_reached)'),
  failedAttempts: z.number().int().min(0),
}).meta({ id: 'CallbackAttemptResult' });
export const reachedResultSchema = z.object({
  reachedAt: z.string(), reachedHow: z.enum(['call_answered', 'callback', 'reply_sent', 'phone', 'met', 'chat']),
  recorded: z.boolean().describe('false: the person had already been reached; the first reach counts'),
}).meta({ id: 'ReachedResult' });
export const createdIdSchema = z.object({ id: z.string().uuid() }).meta({ id: 'CreatedId' });
export const initiationResultSchema = z.object({
  id: z.string().uuid(), legalDeadline: z.string().nullable(), legalBasis: z.enum(['shl_36', 'lsl_26', 'thl_51']).nullable(), ageAtInitiation: z.number().int().nullable(),
}).meta({ id: 'InitiationResult' });
export type CallbackAttemptResult = z.infer<typeof callbackAttemptResultSchema>;
export type ReachedResult = z.infer<typeof reachedResultSchema>;
export type InitiationResult = z.infer<typeof initiationResultSchema>;

/** `POST /api/contacts` 201: the new contact. */
export const contactCreatedSchema = z.object({ id: z.string().uuid(), reference: z.string(), respondBy: z.string(), status: statusSchema });
export type ContactCreated = z.infer<typeof contactCreatedSchema>;

/** `GET /api/supervisor/overview`: the supervisor's live view. */
export const supervisorOverviewSchema = z.object({
  today: z.string(), open: z.number().int(),
  dueToday: z.number().int().describe('Open, not yet reached, promised for today'),
  overdue: z.number().int().describe('Open, not reached, and the promised day has passed (a claim does not count as reaching the person)'),
  overdueClaimed: z.number().int().describe('Of the overdue: taken up by a worker but the person not reached'),
  callbacksWaiting: z.number().int(),
  byLine: z.array(z.object({ line: z.string().nullable(), status: statusSchema, count: z.number().int() })),
  byWorker: z.array(z.object({ id: z.string(), name: z.string(), inProgress: z.number().int(), waiting: z.number().int() })),
  acuteUnclaimed: z.array(acuteAlertSchema).describe('Unclaimed open acute contacts, oldest first'),
});
export type SupervisorOverview = z.infer<typeof supervisorOverviewSchema>;

/** `GET /api/contacts/acute`: the unclaimed acute contacts, polled by every guidance worker's app. */
export const acuteAlertsSchema = z.object({ items: z.array(acuteAlertSchema), total: z.number().int().min(0), serverTime: z.string() });
export type AcuteAlerts = z.infer<typeof acuteAlertsSchema>;

/** `GET /api/colleagues`: who a contact can be transferred to. */
export const colleaguesSchema = z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })), total: z.number().int().min(0) });
export type Colleagues = z.infer<typeof colleaguesSchema>;
