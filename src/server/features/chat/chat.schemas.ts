import { z } from 'zod';
import { residentText } from '../../platform/resident-text.js';
import { TOPIC_CODES } from '../../../domain/front-door.js';
import { emergencyContactSchema } from '../front-door/public.js';

/**
 * The chat (issue 16): one zod contract per route, shared by the server and both web apps.
 *
 * Resident side (`/api/public/chats…`, no session): the resident is known by the chat's token,
 * returned once when the chat starts. It travels in the `x-chat-token` header, or in the HttpOnly
 * SameSite=Strict cookie `opastin_chat` the start sets (path /api/public/chats), which the
 * browser's EventSource sends by itself. The token never appears in a URL.
 *
 * Messages are numbered per chat (`seq`, 1, 2, 3… in the order the server stored them, whoever
 * sent them). A message is acknowledged (201 with its seq) only after it is stored. A resent
 * message with the same `clientId` is the same message: 200 with the first seq, nothing twice.
 * The event stream sends each message with `id: <seq>`; a reconnecting EventSource sends
 * `Last-Event-ID` and gets every message after it (or give `?after=<seq>`), so nothing is lost.
 */

export const CHAT_MESSAGE_MAX = 2000;
const messageText = residentText()
  .min(1).max(CHAT_MESSAGE_MAX).describe(`The message, at most ${CHAT_MESSAGE_MAX} characters`);
const lang = z.enum(['fi', 'sv', 'en']);

export const chatStatusSchema = z.enum(['waiting', 'active', 'ended']).describe('waiting: in the queue; active: a worker has it; ended: closed by the worker, left by the resident, timed out, or turned into a callback');
export const chatEndedReasonSchema = z.enum(['closed', 'resident_left', 'timeout', 'callback']);

/** A service card: a catalogue service a worker sent into the chat (its details as they were when sent). */
export const serviceCardSchema = z.object({
  serviceId: z.string().uuid(),
  name: z.string(),
  summary: z.string().nullable(),
  url: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
}).meta({ id: 'ServiceCard' });

export const chatMessageSchema = z.object({
  seq: z.number().int().min(1),
  sender: z.enum(['resident', 'worker', 'system']),
  kind: z.enum(['text', 'service_card', 'event']).describe('event: a line the system writes (a worker joined, the chat was transferred, ended…); its `event` says which'),
  text: z.string().nullable().describe('null for a card, an event, or words erased under the recording rules'),
  card: serviceCardSchema.nullable(),
  event: z.enum(['joined', 'transferred', 'ended', 'resident_left', 'timeout', 'callback']).nullable(),
  workerName: z.string().nullable().describe('The worker\'s first name, on their messages and on joined/transferred'),
  clientId: z.string().uuid().nullable().describe('The sender\'s own id for it (resident and worker messages): matches a resent message to its acknowledgement'),
  at: z.string().describe('ISO timestamp, stored by the server'),
}).meta({ id: 'ChatMessage' });

export const queuePlaceSchema = z.object({
  position: z.number().int().min(1).nullable().describe('1: next to be answered; null unless waiting'),
  estimatedWaitMinutes: z.number().int().min(0).nullable().describe('Rounded up to whole minutes; null: cannot be estimated (no recent chats answered)'),
});

/** `GET /api/public/chats/status`: can a chat start now. */
export const chatAvailabilitySchema = z.object({
  open: z.boolean().describe('Chat is open now (its hours; public holidays closed)'),
  weekly: z.array(z.object({ weekday: z.number().int(), opens: z.string(), closes: z.string() })).describe('The chat\'s weekly hours, Helsinki time'),
  nextOpening: z.object({ date: z.iso.date(), opens: z.string() }).nullable().describe('When closed: when it opens next'),
  waiting: z.number().int().min(0).describe('Chats waiting in the queue now'),
  estimatedWaitMinutes: z.number().int().min(0).nullable().describe('For a chat started now'),
}).meta({ id: 'ChatAvailability' });

/**
 * `POST /api/public/chats`: start a chat. The same guiding questions as the contact form, so the
 * worker starts with context. `dangerNow: true` or acute words in `text` flag the chat acute (first
 * in the queue, an alert to the workers) and the answer carries the emergency contacts, 112 first:
 * show them at once. Outside the chat's hours: 409 `chat_closed` (with `emergencyContacts` when the
 * answers say danger): offer the contact form and the callback request instead.
 */
export const chatStartSchema = z.object({
  lang: lang.default('fi'),
  topic: z.enum(TOPIC_CODES).optional().describe('What it is about, in the form\'s plain words'),
  dangerNow: z.boolean().default(false).describe('Is someone in danger now, or has someone nowhere safe to be tonight?'),
  municipality: z.string().regex(/^[0-9]{3}$/, 'must be a three-digit municipality code').nullish(),
  contactor: z.enum(['self', 'close_one']).default('self').describe('About whom: me, or a close one'),
  text: messageText.optional().describe('The first message: what the resident wants to ask (optional)'),
  website: z.string().max(500).optional().describe('Leave empty (honeypot)'),
}).meta({ id: 'ChatStart' });

export const chatStartedSchema = z.object({
  id: z.string().uuid(),
  token: z.string().describe('The resident\'s key to this chat: send it as `x-chat-token` (the cookie carries it too). Shown once'),
  reference: z.string(),
  status: chatStatusSchema,
  acute: z.boolean(),
  emergencyContacts: z.array(emergencyContactSchema).describe('Acute: 112, the crisis line and the social emergency service; empty otherwise'),
  ...queuePlaceSchema.shape,
}).meta({ id: 'ChatStarted' });

/** `GET /api/public/chats/:id` (`?after=seq`): the chat as the resident sees it. */
export const residentChatSchema = z.object({
  id: z.string().uuid(),
  reference: z.string(),
  status: chatStatusSchema,
  endedReason: chatEndedReasonSchema.nullable(),
  acute: z.boolean(),
  emergencyContacts: z.array(emergencyContactSchema),
  ...queuePlaceSchema.shape,
  workerName: z.string().nullable().describe('The first name of the worker who has the chat'),
  workerTyping: z.boolean(),
  messages: z.array(chatMessageSchema).describe('Every message after `after` (all when not given), in order'),
  lastSeq: z.number().int().min(0),
  feedbackToken: z.string().nullable().describe('When the chat has ended and the county asks for feedback: the token for POST /api/public/feedback'),
}).meta({ id: 'ResidentChat' });

export const chatMessageInputSchema = z.object({
  clientId: z.string().uuid().describe('A new uuid per message, kept when resending it'),
  text: messageText,
}).meta({ id: 'NewChatMessage' });

export const chatMessageAckSchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  acute: z.boolean().describe('The chat is acute now (this message or an earlier answer)'),
  emergencyContacts: z.array(emergencyContactSchema).describe('When this message made the chat acute: show them at once'),
}).meta({ id: 'ChatMessageAck' });

export const typingSchema = z.object({ typing: z.boolean() }).meta({ id: 'ChatTyping' });

/**
 * The resident's event stream `GET /api/public/chats/:id/events`, and the worker's chat events on
 * `GET /api/events`:
 *
 *   resident:  event: message  id: <seq>  data: ChatMessage
 *              event: state    data: ResidentChatState (status, position, estimatedWaitMinutes, workerName, acute, endedReason, feedbackToken)
 *              event: typing   data: {typing}          the worker is typing (cleared after 6 s without a new signal)
 *              event: end      data: {reason}          no more messages; the stream closes (`ended`, `not_found`)
 *   worker (/api/events): event: chat  data: ChatChange   a message or a change of a chat of the county; fetch the chat
 *                         event: chat-typing data: {contactId, typing}  the resident is typing
 */
export const residentChatStateSchema = residentChatSchema.omit({ messages: true, lastSeq: true, id: true, reference: true }).meta({ id: 'ResidentChatState' });
export const chatChangeSchema = z.object({
  contactId: z.string().uuid(),
  chatId: z.string().uuid(),
  kind: z.enum(['message', 'state']),
  seq: z.number().int().min(0),
}).meta({ id: 'ChatChange' });

// ---------------------------------------------------------------------------------------------
// Worker side (staff session; guidance_worker or supervisor). A chat is a contact (channel
// `chat`): it is in the queue like every contact, opened, claimed, transferred and closed there.
// ---------------------------------------------------------------------------------------------

/** `GET /api/contacts/:id/chat` (`?after=seq`): the chat of a contact, for the worker. Access-logged as a read of the contact when identified. */
export const workerChatSchema = z.object({
  chatId: z.string().uuid(),
  contactId: z.string().uuid(),
  status: chatStatusSchema,
  endedReason: chatEndedReasonSchema.nullable(),
  residentTyping: z.boolean(),
  residentOnline: z.boolean().describe('The resident\'s page is connected (seen in the last 60 s)'),
  residentLang: lang,
  answeredAt: z.string().nullable(),
  messages: z.array(chatMessageSchema),
  lastSeq: z.number().int().min(0),
}).meta({ id: 'WorkerChat' });

/**
 * `POST /api/contacts/:id/chat/messages`: the worker answers — with text, a saved reply
 * (`savedReplyId`: its text is sent) or a service card (`serviceId`: a catalogue service of the
 * county). Exactly one of the three. Only the worker who holds the chat (409 `claimed_by_other`),
 * only while it is active (409 `chat_not_active`).
 */
export const workerMessageInputSchema = z.object({
  clientId: z.string().uuid(),
  text: messageText.optional(),
  savedReplyId: z.string().uuid().optional(),
  serviceId: z.string().uuid().optional(),
}).refine((b) => [b.text, b.savedReplyId, b.serviceId].filter((v) => v !== undefined).length === 1, { message: 'Give exactly one of text, savedReplyId, serviceId.' })
  .meta({ id: 'WorkerChatMessage' });

/**
 * `POST /api/contacts/:id/chat/accept`: take a waiting chat (claims the contact). 409
 * `chat_limit` when the worker already holds the county's maximum of active chats; 409
 * `already_claimed` when a colleague took it first.
 *
 * Transfer: `POST /api/contacts/:id/transfer` (the contact's own route) also moves the chat; the
 * resident sees "transferred". Close: `POST /api/contacts/:id/close` (the usual statistics) ends
 * the chat; the resident is offered feedback.
 */
export const chatAcceptedSchema = z.object({ status: chatStatusSchema, activeChats: z.number().int(), maxPerWorker: z.number().int() }).meta({ id: 'ChatAccepted' });

/**
 * `POST /api/contacts/:id/chat/callback`: turn the chat into a callback task. The resident gave a
 * number in the chat and agreed to be called: the contact becomes identified (the phone, name and
 * time window; consent recorded as electronic, given in the chat), waits in the queue as a callback
 * attempt, and the chat ends (`callback`).
 */
export const chatCallbackSchema = z.object({
  phone: z.string().trim().min(1).max(40),
  name: z.string().trim().max(200).nullish(),
  callbackWindow: z.string().trim().max(100).nullish(),
}).meta({ id: 'ChatCallback' });

/** `GET /api/chats/mine`: the worker's chats now, and their limit. */
export const myChatsSchema = z.object({
  items: z.array(z.object({
    contactId: z.string().uuid(), reference: z.string(), status: chatStatusSchema, acute: z.boolean(),
    lastSeq: z.number().int(), lastResidentAt: z.string().nullable(), residentOnline: z.boolean(),
  })),
  total: z.number().int().min(0),
  waiting: z.number().int().min(0).describe('Chats waiting in the county\'s queue'),
  maxPerWorker: z.number().int(),
}).meta({ id: 'MyChats' });

export const savedReplySchema = z.object({
  id: z.string().uuid(), lang, title: z.string(), body: z.string(), sortOrder: z.number().int(),
}).meta({ id: 'SavedReply' });
/** `GET /api/chats/saved-replies` (`?lang=`) for workers; POST/PUT/DELETE `/api/chats/saved-replies[/:id]` for supervisors. */
export const savedRepliesSchema = z.object({ items: z.array(savedReplySchema), total: z.number().int().min(0) }).meta({ id: 'SavedReplies' });
export const savedReplyInputSchema = z.object({
  lang, title: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(CHAT_MESSAGE_MAX), sortOrder: z.number().int().min(0).max(10_000).default(0),
}).meta({ id: 'NewSavedReply' });

/** `GET/PUT /api/chats/settings` (PUT: supervisor or admin): the county's chat. */
export const chatSettingsSchema = z.object({
  maxPerWorker: z.number().int().min(1).max(10),
  idleMinutes: z.number().int().min(2).max(120).describe('A chat whose resident has not been seen for this long closes itself'),
  feedbackEnabled: z.boolean(),
  weekly: z.array(z.object({
    weekday: z.number().int().min(1).max(7), opens: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/), closes: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/),
  })).max(50),
}).meta({ id: 'ChatSettings' });

export type ChatMessage = z.infer<typeof chatMessageSchema>;
export type ServiceCard = z.infer<typeof serviceCardSchema>;
export type ChatAvailability = z.infer<typeof chatAvailabilitySchema>;
export type ChatStart = z.infer<typeof chatStartSchema>;
export type ChatStarted = z.infer<typeof chatStartedSchema>;
export type ResidentChat = z.infer<typeof residentChatSchema>;
export type ResidentChatState = z.infer<typeof residentChatStateSchema>;
export type ChatMessageAck = z.infer<typeof chatMessageAckSchema>;
export type ChatChange = z.infer<typeof chatChangeSchema>;
export type WorkerChat = z.infer<typeof workerChatSchema>;
export type MyChats = z.infer<typeof myChatsSchema>;
export type SavedReply = z.infer<typeof savedReplySchema>;
export type SavedReplies = z.infer<typeof savedRepliesSchema>;
export type ChatSettings = z.infer<typeof chatSettingsSchema>;
export type ChatAccepted = z.infer<typeof chatAcceptedSchema>;
export type ChatCallback = z.infer<typeof chatCallbackSchema>;
