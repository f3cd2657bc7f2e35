/**
 * The chat (issue 16). A chat is a contact of channel `chat` plus its `chat` row (the resident's
 * side) and its transcript (`chat_message`). What the resident and the worker do is stored first
 * and acknowledged after: a message's `seq` is taken under the chat row's lock in the same
 * transaction as the message, so a chat's messages are ordered and gapless, and a resent message
 * (same `clientId`) is the message already stored. The database announces every message and change
 * (NOTIFY opastin_chat, migration 0019); the streams (chat.hub.ts) deliver from the table.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AcuteReasonCode, DB, ChatEndedReason, ChatStatus } from '../../platform/schema.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import { hit, type RateLimit } from '../../platform/rate-limit.js';
import { logRead } from '../../platform/access-log.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { normalisePhone } from '../../../domain/personal-data.js';
import { classify, CONSENT_TEXT_VERSION } from '../../../domain/front-door.js';
import { isOpenAt, nextOpening, type WeeklySlot } from '../../../domain/opening-hours.js';
import { chatAcute, estimateWaitMinutes, firstName, RESIDENT_ONLINE_SECONDS } from '../../../domain/chat.js';
import { createContact, loadCountyCodes, insertContactEvent, lockContact, requireHolder } from '../contacts/public.js';
import { socialEmergencyOf } from '../emergency/public.js';
import { emergencyContacts } from '../front-door/public.js';
import { issueFeedbackToken } from '../feedback/public.js';
import type {
  ChatAvailability, ChatMessage, ChatSettings, ChatStart, ChatStarted, ResidentChat, ResidentChatState, ServiceCard, WorkerChat, MyChats, SavedReply,
} from './chat.schemas.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface ChatContext {
  countyId: string;
  now: Date;
  secret: string;
}

/** A resident sends at most this many messages a minute (a person typing never does; a script does). */
export const RESIDENT_MESSAGE_LIMIT: RateLimit = { scope: 'chat.resident_message', max: 30, windowSeconds: 60, code: 'rate_limited' };
/** A worker's limit is higher (saved replies are quick) but a runaway client still stops. */
export const WORKER_MESSAGE_LIMIT: RateLimit = { scope: 'chat.worker_message', max: 60, windowSeconds: 60, code: 'too_many_requests' };

/**
 * Acute when the resident answered danger now (authoritative) or the chat's words read acute
 * (domain/chat.ts `chatAcute`). A fault in the detector never loses a message: it then reads as not
 * detected, and the resident's answer still counts.
 */
function acuteInChat(dangerNow: boolean, latest: string | null, earlier: string[]): { reasons: AcuteReasonCode[]; triggerWords: string[] } | null {
  const reasons: AcuteReasonCode[] = dangerNow ? ['danger_now'] : [];
  let triggerWords: string[] = [];
  if (latest) {
    let d: ReturnType<typeof chatAcute> | null = null;
    try { d = chatAcute(latest, earlier); } catch { d = null; }
    if (d?.acute && d.category) { reasons.push(d.category); triggerWords = d.because; }
  }
  return reasons.length ? { reasons, triggerWords } : null;
}

const tokenHash = (secret: string, token: string) => createHmac('sha256', secret).update(`opastin:chat:${token}`).digest('base64url');

// ---------------------------------------------------------------------------------------------
// Settings and hours
// ---------------------------------------------------------------------------------------------

export async function chatSettings(db: Db, countyId: string): Promise<ChatSettings> {
  const [county, slots] = await Promise.all([
    db.selectFrom('county').select(['chat_max_per_worker', 'chat_idle_minutes', 'feedback_enabled']).where('id', '=', countyId).executeTakeFirstOrThrow(),
    chatSlots(db, countyId),
  ]);
  return { maxPerWorker: county.chat_max_per_worker, idleMinutes: county.chat_idle_minutes, feedbackEnabled: county.feedback_enabled, weekly: slots };
}

async function chatSlots(db: Db, countyId: string): Promise<WeeklySlot[]> {
  const rows = await db.selectFrom('chat_opening_slot').select(['weekday', 'opens', 'closes']).where('county_id', '=', countyId).orderBy('weekday').orderBy('opens').execute();
  return rows.map((r) => ({ weekday: r.weekday, opens: r.opens.slice(0, 5), closes: r.closes.slice(0, 5) }));
}

export async function saveChatSettings(db: Kysely<DB>, countyId: string, input: ChatSettings): Promise<ChatSettings> {
  const errors: FieldError[] = [];
  input.weekly.forEach((s, i) => { if (s.closes <= s.opens) errors.push({ field: `body.weekly.${i}.closes`, message: 'Closes after it opens.', code: 'invalid' }); });
  if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);
  await tx(db, async (trx) => {
    await trx.updateTable('county').set({ chat_max_per_worker: input.maxPerWorker, chat_idle_minutes: input.idleMinutes, feedback_enabled: input.feedbackEnabled }).where('id', '=', countyId).execute();
    await trx.deleteFrom('chat_opening_slot').where('county_id', '=', countyId).execute();
    if (input.weekly.length) await trx.insertInto('chat_opening_slot').values(input.weekly.map((s) => ({ county_id: countyId, weekday: s.weekday, opens: s.opens, closes: s.closes }))).execute();
  });
  return chatSettings(db, countyId);
}

// ---------------------------------------------------------------------------------------------
// The queue: place and estimated wait
// ---------------------------------------------------------------------------------------------

/** The county's waiting chats in the order workers take them (the queue's: acute first, then urgency, then arrival). */
export async function waitingOrder(db: Db, countyId: string): Promise<string[]> {
  const rows = await db.selectFrom('chat as h').innerJoin('contact as c', 'c.id', 'h.contact_id').select('h.id')
    .where('h.county_id', '=', countyId).where('h.status', '=', 'waiting')
    .orderBy('c.acute', 'desc').orderBy('c.urgency_rank').orderBy('c.received_at').orderBy('h.arrival').execute();
  return rows.map((r) => r.id);
}

/** How fast chats are being taken: the last hour's count, today's median wait, the workers holding chats. */
export async function recentAnswers(db: Db, countyId: string, now: Date) {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const row = await sql<{ last_hour: number; median: number | null; workers: number }>`
    select
      (select count(*) from chat where county_id = ${countyId} and answered_at > ${hourAgo} and answered_at <= ${now})::int as last_hour,
      (select percentile_cont(0.5) within group (order by extract(epoch from answered_at - created_at))
         from chat where county_id = ${countyId} and answered_at > ${dayAgo} and answered_at <= ${now}) as median,
      (select count(distinct c.assigned_user_id) from chat h join contact c on c.id = h.contact_id
         where h.county_id = ${countyId} and h.status = 'active')::int as workers`.execute(db);
  const r = row.rows[0]!;
  return { answeredLastHour: Number(r.last_hour), medianWaitSeconds: r.median === null ? null : Number(r.median), activeWorkers: Number(r.workers) };
}

export async function queuePlaces(db: Db, countyId: string, now: Date): Promise<Places> {
  const [order, recent] = await Promise.all([waitingOrder(db, countyId), recentAnswers(db, countyId, now)]);
  return new Map(order.map((id, i) => [id, { position: i + 1, estimatedWaitMinutes: estimateWaitMinutes(i + 1, recent) }]));
}

export async function chatAvailability(db: Kysely<DB>, countyId: string, now: Date): Promise<ChatAvailability> {
  const [slots, order, recent] = await Promise.all([chatSlots(db, countyId), waitingOrder(db, countyId), recentAnswers(db, countyId, now)]);
  const open = isOpenAt(now, slots, []);
  return {
    open, weekly: slots, nextOpening: open ? null : nextOpening(now, slots, []),
    waiting: order.length, estimatedWaitMinutes: open ? estimateWaitMinutes(order.length + 1, recent) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// The resident
// ---------------------------------------------------------------------------------------------

/**
 * Starts a chat: an anonymous contact of channel `chat` with the guiding answers (topic → reason and
 * service area, municipality, about whom, danger now), acute when the resident says danger now or
 * the first message has acute words. The first message is the transcript's first line; it is not
 * copied into the contact's note (an anonymous contact's note cannot hold what a resident may type).
 */
export async function startChat(db: Kysely<DB>, ctx: ChatContext, body: ChatStart): Promise<ChatStarted> {
  if (body.website && body.website.trim() !== '') throw new AppError(400, 'automated_submission');
  const acute = acuteInChat(body.dangerNow, body.text ?? null, []);
  const service = await socialEmergencyOf(db, ctx.countyId);
  const contacts = acute ? emergencyContacts(service, ctx.now) : [];
  const slots = await chatSlots(db, ctx.countyId);
  if (!isOpenAt(ctx.now, slots, [])) {
    throw new AppError(409, 'chat_closed', 'The chat is closed now: leave a contact request or ask for a callback.', [], {},
      { nextOpening: nextOpening(ctx.now, slots, []), ...(acute ? { emergencyContacts: contacts } : {}) });
  }
  const codes = await loadCountyCodes(db, ctx.countyId);
  if (body.municipality && !codes.municipalities.has(body.municipality)) {
    throw new AppError(400, 'unknown_code', undefined, [{ field: 'body.municipality', message: `No municipality "${body.municipality}" in this county.`, code: 'unknown_code' }]);
  }
  const { mainReason, serviceArea } = classify(body.topic, (set, code) => codes.codes.get(set)?.has(code) ?? false);
  const token = randomBytes(24).toString('base64url');
  const stored = await tx(db, async (trx) => {
    const c = await createContact(trx, { system: 'chat', countyId: ctx.countyId }, {
      channel: 'chat', anonymous: true, contactor: body.contactor, mainReason, serviceArea, municipality: body.municipality ?? null,
      urgency: body.dangerNow ? 'emergency' : acute ? 'urgent' : 'non_urgent', language: body.lang, acute,
      createdDetails: { form: 'chat', topic: body.topic ?? null, dangerNow: body.dangerNow },
    }, ctx.now);
    const chat = await trx.insertInto('chat').values({
      county_id: ctx.countyId, contact_id: c.id, token_hash: tokenHash(ctx.secret, token), resident_seen_at: ctx.now, created_at: ctx.now,
    }).returning('id').executeTakeFirstOrThrow();
    if (body.text) await appendMessage(trx, chat.id, { sender: 'resident', kind: 'text', body: body.text, clientId: null, userId: null }, ctx.now);
    return { chatId: chat.id, reference: c.reference };
  });
  const place = (await queuePlaces(db, ctx.countyId, ctx.now)).get(stored.chatId);
  return {
    id: stored.chatId, token, reference: stored.reference, status: 'waiting', acute: Boolean(acute), emergencyContacts: contacts,
    position: place?.position ?? null, estimatedWaitMinutes: place?.estimatedWaitMinutes ?? null,
  };
}

interface ChatRow {
  id: string; county_id: string; contact_id: string; status: ChatStatus; ended_reason: ChatEndedReason | null; next_seq: number;
  reference: string; acute: boolean; anonymous: boolean; language: 'fi' | 'sv' | 'en' | null; assigned_user_id: string | null;
  answered_at: Date | null; resident_seen_at: Date; contact_status: string;
}

const chatRow = (db: Db) => db.selectFrom('chat as h').innerJoin('contact as c', 'c.id', 'h.contact_id')
  .select(['h.id', 'h.county_id', 'h.contact_id', 'h.status', 'h.ended_reason', 'h.next_seq', 'h.answered_at', 'h.resident_seen_at',
    'c.reference', 'c.acute', 'c.anonymous', 'c.language', 'c.assigned_user_id', 'c.status as contact_status']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The resident's chat, by its id and token: 401 without a token; 404 for a wrong token, another
 * chat's token or an unknown chat alike (nothing tells which).
 */
export async function residentChatRow(db: Db, chatId: string, token: string | undefined, secret: string): Promise<ChatRow> {
  if (!token) throw new AppError(401, 'chat_token_required');
  if (!UUID.test(chatId)) throw new AppError(404, 'not_found');
  const row = await chatRow(db).where('h.id', '=', chatId).where('h.token_hash', '=', tokenHash(secret, token)).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found');
  return row as ChatRow;
}

/** The resident was here: their page is connected (a request or an open stream). */
export async function residentSeen(db: Db, chatIds: string[], now: Date): Promise<void> {
  if (chatIds.length === 0) return;
  await db.updateTable('chat').set({ resident_seen_at: now }).where('id', 'in', chatIds).where('status', '<>', 'ended').where('resident_seen_at', '<', now).execute();
}

/** The places of a county's waiting chats (queuePlaces), or a cached read of them shared by the process's streams. */
export type Places = Map<string, { position: number; estimatedWaitMinutes: number | null }>;

export async function residentState(db: Db, row: ChatRow, ctx: { now: Date; secret: string; typing: boolean; places?: (countyId: string) => Promise<Places> }): Promise<ResidentChatState> {
  const service = row.acute ? await socialEmergencyOf(db, row.county_id) : null;
  const place = row.status === 'waiting' ? (await (ctx.places ? ctx.places(row.county_id) : queuePlaces(db, row.county_id, ctx.now))).get(row.id) : undefined;
  const worker = row.status !== 'waiting' && row.assigned_user_id
    ? await db.selectFrom('app_user').select('display_name').where('id', '=', row.assigned_user_id).executeTakeFirst() : undefined;
  return {
    status: row.status, endedReason: row.ended_reason, acute: row.acute, emergencyContacts: service ? emergencyContacts(service, ctx.now) : [],
    position: place?.position ?? null, estimatedWaitMinutes: place?.estimatedWaitMinutes ?? null,
    workerName: firstName(worker?.display_name), workerTyping: row.status === 'active' && ctx.typing,
    feedbackToken: row.status === 'ended' && row.ended_reason !== 'resident_left' ? await feedbackTokenFor(db, row, ctx) : null,
  };
}

async function feedbackTokenFor(db: Db, row: ChatRow, ctx: { now: Date; secret: string }): Promise<string | null> {
  // only a chat that a worker answered is asked about (a chat nobody took has nothing to rate but the wait)
  if (!row.answered_at) return null;
  return issueFeedbackToken(db, { countyId: row.county_id, contactId: row.contact_id, secret: ctx.secret, now: ctx.now });
}

export async function residentChat(db: Kysely<DB>, row: ChatRow, after: number, ctx: { now: Date; secret: string; typing: boolean }): Promise<ResidentChat> {
  const [state, messages] = await Promise.all([residentState(db, row, ctx), messagesAfter(db, row.id, after)]);
  return { id: row.id, reference: row.reference, ...state, messages, lastSeq: row.next_seq };
}

/**
 * A resident's message: stored, then acknowledged with its seq. A resend with the same clientId is
 * the stored message (`created: false`). Acute words make the chat acute at once (and an emergency
 * for the queue's order stays the resident's answer): the acknowledgement carries the numbers.
 */
export async function residentMessage(db: Kysely<DB>, row: ChatRow, input: { clientId: string; text: string }, ctx: ChatContext): Promise<{ created: boolean; seq: number; at: Date; acute: boolean; newlyAcute: boolean }> {
  return tx(db, async (trx) => {
    const locked = await lockChat(trx, row.id);
    const existing = await trx.selectFrom('chat_message').select(['seq', 'created_at']).where('chat_id', '=', row.id).where('sender', '=', 'resident').where('client_id', '=', input.clientId).executeTakeFirst();
    if (existing) return { created: false, seq: existing.seq, at: existing.created_at, acute: row.acute, newlyAcute: false };
    if (locked.status === 'ended') throw new AppError(409, 'chat_ended');
    await hit(trx, RESIDENT_MESSAGE_LIMIT, row.id, ctx.secret, ctx.now);
    const m = await appendMessage(trx, row.id, { sender: 'resident', kind: 'text', body: input.text, clientId: input.clientId, userId: null }, ctx.now, locked.next_seq);
    await trx.updateTable('chat').set({ resident_seen_at: ctx.now }).where('id', '=', row.id).execute();
    const earlier = await trx.selectFrom('chat_message').select('body').where('chat_id', '=', row.id).where('sender', '=', 'resident').where('seq', '<', m.seq)
      .orderBy('seq', 'desc').limit(20).execute();
    const acute = acuteInChat(false, input.text, earlier.map((e) => e.body ?? '').reverse());
    let newlyAcute = false;
    if (acute) {
      const contact = await trx.selectFrom('contact').select(['acute', 'acute_reasons', 'acute_trigger_words', 'urgency']).where('id', '=', row.contact_id).forUpdate().executeTakeFirstOrThrow();
      const reasons = [...new Set([...contact.acute_reasons, ...acute.reasons])];
      const words = [...new Set([...contact.acute_trigger_words, ...acute.triggerWords])];
      newlyAcute = !contact.acute;
      await trx.updateTable('contact').set({
        acute: true, acute_reasons: reasons, acute_trigger_words: words, ...(newlyAcute ? { acute_flagged_at: ctx.now } : {}),
        ...(contact.urgency === 'non_urgent' ? { urgency: 'urgent' } : {}),
      }).where('id', '=', row.contact_id).execute();
      if (newlyAcute) await insertContactEvent(trx, row.contact_id, ctx.now, { system: 'chat', countyId: row.county_id }, 'acute_detected', { reasons: acute.reasons, from: 'chat_message', seq: m.seq });
    }
    return { created: true, seq: m.seq, at: m.at, acute: row.acute || Boolean(acute), newlyAcute };
  });
}

/** The resident leaves: the chat ends. A chat nobody took yet closes its contact (not reached: the resident left waiting). */
export async function residentLeave(db: Kysely<DB>, row: ChatRow, now: Date): Promise<void> {
  await endChat(db, row.id, 'resident_left', now);
}

// ---------------------------------------------------------------------------------------------
// The transcript
// ---------------------------------------------------------------------------------------------

async function lockChat(trx: Transaction<DB>, chatId: string) {
  return trx.selectFrom('chat').select(['id', 'status', 'next_seq', 'contact_id', 'county_id', 'answered_at']).where('id', '=', chatId).forUpdate().executeTakeFirstOrThrow();
}

type Append = { sender: 'resident' | 'worker' | 'system'; kind: 'text' | 'service_card' | 'event'; body: string | null; clientId: string | null; userId: string | null; card?: ServiceCard | null };

/** Appends a message under the chat row's lock (take it first, or pass its next_seq from a locked read). */
async function appendMessage(trx: Transaction<DB>, chatId: string, m: Append, now: Date, lockedNextSeq?: number): Promise<{ seq: number; at: Date }> {
  let seq: number;
  if (lockedNextSeq === undefined) {
    seq = (await trx.updateTable('chat').set({ next_seq: sql`next_seq + 1` }).where('id', '=', chatId).returning('next_seq').executeTakeFirstOrThrow()).next_seq;
  } else {
    seq = lockedNextSeq + 1;
    await trx.updateTable('chat').set({ next_seq: seq }).where('id', '=', chatId).execute();
  }
  await trx.insertInto('chat_message').values({
    chat_id: chatId, seq, sender: m.sender, kind: m.kind, body: m.body, card: m.card ? JSON.stringify(m.card) : null, client_id: m.clientId, user_id: m.userId, created_at: now,
  }).execute();
  return { seq, at: now };
}

export async function messagesAfter(db: Db, chatId: string, after: number, limit = 1000): Promise<ChatMessage[]> {
  const rows = await db.selectFrom('chat_message as m').leftJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.seq', 'm.sender', 'm.kind', 'm.body', 'm.card', 'm.client_id', 'm.created_at', 'u.display_name'])
    .where('m.chat_id', '=', chatId).where('m.seq', '>', after).orderBy('m.seq').limit(limit).execute();
  return rows.map((r) => ({
    seq: r.seq, sender: r.sender, kind: r.kind,
    text: r.kind === 'event' ? null : r.body,
    card: (r.card as ServiceCard | null) ?? null,
    event: r.kind === 'event' ? (r.body as ChatMessage['event']) : null,
    workerName: r.sender === 'resident' ? null : firstName(r.display_name),
    clientId: r.client_id, at: r.created_at.toISOString(),
  }));
}

/**
 * Ends a chat (the resident left, it timed out, it became a callback). A chat that no worker
 * answered closes its contact too: it is counted (channel chat, outcome not_reached) and leaves
 * the queue. An answered one stays with its worker, who closes it with the usual statistics.
 */
export async function endChat(db: Kysely<DB>, chatId: string, reason: Exclude<ChatEndedReason, 'closed'>, now: Date): Promise<boolean> {
  return tx(db, async (trx) => {
    const chat = await lockChat(trx, chatId);
    if (chat.status === 'ended') return false;
    await appendMessage(trx, chatId, { sender: 'system', kind: 'event', body: reason, clientId: null, userId: null }, now, chat.next_seq);
    await trx.updateTable('chat').set({ status: 'ended', ended_reason: reason, ended_at: now }).where('id', '=', chatId).execute();
    if (chat.status === 'waiting' && reason !== 'callback') {
      const contact = await trx.selectFrom('contact').select(['status', 'main_reason']).where('id', '=', chat.contact_id).forUpdate().executeTakeFirstOrThrow();
      if (contact.status !== 'closed') {
        await trx.updateTable('contact').set({
          status: 'closed', waiting_reason: null, outcome: 'not_reached', main_reason: contact.main_reason ?? 'other', led_to_client_relationship: false,
          closed_at: now, handling_seconds: 0,
        }).where('id', '=', chat.contact_id).execute();
        await insertContactEvent(trx, chat.contact_id, now, { system: 'chat', countyId: chat.county_id }, 'closed', { outcome: 'not_reached', automatic: true, chat: reason });
      }
    } else {
      await insertContactEvent(trx, chat.contact_id, now, { system: 'chat', countyId: chat.county_id }, 'chat_ended', { reason });
    }
    return true;
  });
}

/**
 * The scheduled job (each minute): chats whose resident has not been seen for the county's idle
 * minutes (no open page, no request) end themselves (`timeout`), counted in the statistics.
 */
export async function closeIdleChats(db: Kysely<DB>, now: Date): Promise<number> {
  const idle = await db.selectFrom('chat as h').innerJoin('county as k', 'k.id', 'h.county_id').select('h.id')
    .where('h.status', '<>', 'ended')
    .where(sql<boolean>`h.resident_seen_at < ${now}::timestamptz - make_interval(mins => k.chat_idle_minutes)`)
    .limit(500).execute();
  let ended = 0;
  for (const { id } of idle) if (await endChat(db, id, 'timeout', now)) ended++;
  return ended;
}

// ---------------------------------------------------------------------------------------------
// The worker
// ---------------------------------------------------------------------------------------------

/** The chat of a contact of the worker's county (404 when it has none). */
export async function workerChatRow(db: Db, user: SessionUser, contactId: string): Promise<ChatRow> {
  if (!UUID.test(contactId)) throw new AppError(404, 'not_found');
  const row = await chatRow(db).where('h.contact_id', '=', contactId).where('h.county_id', '=', user.countyId).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found', 'This contact has no chat.');
  return row as ChatRow;
}

export async function workerChat(db: Kysely<DB>, user: SessionUser, contactId: string, after: number, residentTyping: boolean, now: Date): Promise<WorkerChat> {
  const row = await workerChatRow(db, user, contactId);
  // the transcript of an identified contact is its person's data: its read is logged (once per viewing session)
  if (!row.anonymous) await logRead(db, { actor: user, subjectType: 'contact', subjectId: contactId, purpose: 'chat', at: now });
  const messages = await messagesAfter(db, row.id, after);
  return {
    chatId: row.id, contactId, status: row.status, endedReason: row.ended_reason, residentTyping: row.status !== 'ended' && residentTyping,
    residentOnline: row.status !== 'ended' && now.getTime() - row.resident_seen_at.getTime() < RESIDENT_ONLINE_SECONDS * 1000,
    residentLang: row.language ?? 'fi', answeredAt: row.answered_at?.toISOString() ?? null, messages, lastSeq: row.next_seq,
  };
}

async function activeChatsOf(db: Db, user: SessionUser): Promise<number> {
  const r = await db.selectFrom('chat as h').innerJoin('contact as c', 'c.id', 'h.contact_id').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('h.county_id', '=', user.countyId).where('h.status', '=', 'active').where('c.assigned_user_id', '=', user.userId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A worker takes a waiting chat: the contact is claimed, the chat becomes active, the resident is told who answers. */
export async function acceptChat(db: Kysely<DB>, user: SessionUser, contactId: string, now: Date): Promise<{ status: ChatStatus; activeChats: number; maxPerWorker: number }> {
  return tx(db, async (trx) => {
    const row = await workerChatRow(trx, user, contactId);
    const contact = await lockContact(trx, user.countyId, contactId);
    const chat = await lockChat(trx, row.id);
    const max = (await trx.selectFrom('county').select('chat_max_per_worker').where('id', '=', user.countyId).executeTakeFirstOrThrow()).chat_max_per_worker;
    if (chat.status === 'ended') throw new AppError(409, 'chat_ended');
    if (contact.assigned_user_id && contact.assigned_user_id !== user.userId) {
      if (chat.status === 'waiting' && contact.status === 'new') { /* assigned without being active: fall through to claim */ } else {
        const name = (await trx.selectFrom('app_user').select('display_name').where('id', '=', contact.assigned_user_id).executeTakeFirst())?.display_name ?? '';
        throw new AppError(409, 'already_claimed', `${name} has this chat.`);
      }
    }
    if (chat.status === 'active' && contact.assigned_user_id === user.userId) return { status: 'active' as const, activeChats: await activeChatsOf(trx, user), maxPerWorker: max };
    const holding = await activeChatsOf(trx, user);
    if (holding >= max) throw new AppError(409, 'chat_limit', `You hold ${holding} chats; at most ${max} at once.`, [], {}, { activeChats: holding, maxPerWorker: max });
    await trx.updateTable('contact').set({ status: 'in_progress', waiting_reason: null, assigned_user_id: user.userId, first_response_at: sql`coalesce(first_response_at, ${now})`, reached_at: sql`coalesce(reached_at, ${now})`, reached_how: sql`coalesce(reached_how, 'reply_sent')` })
      .where('id', '=', contactId).execute();
    await insertContactEvent(trx, contactId, now, user, 'claimed', { chat: true });
    await appendMessage(trx, row.id, { sender: 'system', kind: 'event', body: 'joined', clientId: null, userId: user.userId }, now, chat.next_seq);
    await trx.updateTable('chat').set({ status: 'active', answered_at: sql`coalesce(answered_at, ${now})`, resident_seen_at: sql`resident_seen_at` }).where('id', '=', row.id).execute();
    return { status: 'active' as const, activeChats: holding + 1, maxPerWorker: max };
  });
}

async function serviceCard(db: Db, countyId: string, serviceId: string, lang: 'fi' | 'sv' | 'en'): Promise<ServiceCard | null> {
  const s = await db.selectFrom('service').select(['id', 'name_fi', 'name_sv', 'name_en', 'summary_fi', 'summary_sv', 'summary_en'])
    .where('county_id', '=', countyId).where('id', '=', serviceId).where('active', '=', true).executeTakeFirst();
  if (!s) return null;
  const channels = await db.selectFrom('service_service_channel as ssc').innerJoin('service_channel as c', 'c.id', 'ssc.channel_id')
    .select(['c.kind', 'c.phones', 'c.emails', 'c.urls', 'c.street_fi', 'c.street_sv', 'c.street_number', 'c.postal_code', 'c.post_office_fi', 'c.post_office_sv'])
    .where('ssc.service_id', '=', serviceId).orderBy('c.kind').execute();
  const pick = <T>(f: (c: (typeof channels)[number]) => T | null | undefined): T | null => { for (const c of channels) { const v = f(c); if (v) return v; } return null; };
  const sv = lang === 'sv';
  return {
    serviceId: s.id,
    name: (lang === 'en' ? s.name_en : sv ? s.name_sv : s.name_fi) ?? s.name_fi ?? s.name_sv ?? s.name_en ?? '',
    summary: (lang === 'en' ? s.summary_en : sv ? s.summary_sv : s.summary_fi) ?? s.summary_fi ?? null,
    phone: pick((c) => c.phones?.[0]?.number),
    email: pick((c) => c.emails?.[0]),
    url: pick((c) => c.urls?.[0]?.url),
    address: pick((c) => (c.street_fi ? `${sv ? c.street_sv ?? c.street_fi : c.street_fi}${c.street_number ? ` ${c.street_number}` : ''}${c.postal_code ? `, ${c.postal_code} ${(sv ? c.post_office_sv : c.post_office_fi) ?? ''}`.trimEnd() : ''}` : null)),
  };
}

/** The worker answers: text, a saved reply's text, or a service card. Only the holder, only while active. */
export async function workerMessage(db: Kysely<DB>, user: SessionUser, contactId: string, input: { clientId: string; text?: string; savedReplyId?: string; serviceId?: string }, ctx: ChatContext): Promise<{ created: boolean; seq: number; at: Date }> {
  return tx(db, async (trx) => {
    const row = await workerChatRow(trx, user, contactId);
    const chat = await lockChat(trx, row.id);
    const existing = await trx.selectFrom('chat_message').select(['seq', 'created_at']).where('chat_id', '=', row.id).where('sender', '=', 'worker').where('client_id', '=', input.clientId).executeTakeFirst();
    if (existing) return { created: false, seq: existing.seq, at: existing.created_at };
    const contact = await trx.selectFrom('contact').select(['status', 'assigned_user_id']).where('id', '=', contactId).executeTakeFirstOrThrow();
    await requireHolder(trx, contact, user);
    if (chat.status !== 'active') throw new AppError(409, 'chat_not_active', chat.status === 'ended' ? 'The chat has ended.' : 'Take the chat first.');
    if (contact.assigned_user_id !== user.userId) throw new AppError(409, 'chat_not_active', 'Take the chat first.');
    await hit(trx, WORKER_MESSAGE_LIMIT, user.userId, ctx.secret, ctx.now);
    let append: Append;
    if (input.serviceId) {
      const card = await serviceCard(trx, user.countyId, input.serviceId, row.language ?? 'fi');
      if (!card) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.serviceId', message: 'No active service of this county.', code: 'unknown_code' }]);
      append = { sender: 'worker', kind: 'service_card', body: null, card, clientId: input.clientId, userId: user.userId };
    } else if (input.savedReplyId) {
      const reply = await trx.selectFrom('saved_reply').select('body').where('id', '=', input.savedReplyId).where('county_id', '=', user.countyId).where('active', '=', true).executeTakeFirst();
      if (!reply) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.savedReplyId', message: 'No saved reply of this county.', code: 'unknown_code' }]);
      append = { sender: 'worker', kind: 'text', body: reply.body, clientId: input.clientId, userId: user.userId };
    } else {
      append = { sender: 'worker', kind: 'text', body: input.text!, clientId: input.clientId, userId: user.userId };
    }
    const m = await appendMessage(trx, row.id, append, ctx.now, chat.next_seq);
    return { created: true, ...m };
  });
}

/**
 * Turns the chat into a callback task: the resident gave a number and agreed to be called. The
 * contact becomes identified (the consent is recorded as electronic, given in the chat) and waits
 * in the queue for a callback attempt; the chat ends.
 */
export async function chatToCallback(db: Kysely<DB>, user: SessionUser, contactId: string, input: { phone: string; name?: string | null; callbackWindow?: string | null }, now: Date): Promise<void> {
  const phone = normalisePhone(input.phone);
  if (!phone) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.phone', message: 'Not a phone number.', code: 'invalid_phone' }]);
  const chatId = await tx(db, async (trx) => {
    const row = await workerChatRow(trx, user, contactId);
    const contact = await lockContact(trx, user.countyId, contactId);
    if (contact.status === 'closed') throw new AppError(409, 'invalid_transition', 'The contact is closed.');
    await requireHolder(trx, contact, user);
    if (row.status === 'ended') throw new AppError(409, 'chat_ended');
    await trx.updateTable('contact').set({
      anonymous: false, person_phone: phone, person_name: input.name?.trim() || null, callback_window: input.callbackWindow?.trim() || null,
      status: 'waiting', waiting_reason: 'callback_attempt', assigned_user_id: null,
    }).where('id', '=', contactId).execute();
    await trx.insertInto('consent').values({
      contact_id: contactId, given_by: 'client', method: 'electronic', purpose: 'recording', target: 'Asiakasohjaus: chat, takaisinsoitto', given_at: now, recorded_by_user_id: user.userId,
    }).execute();
    await insertContactEvent(trx, contactId, now, user, 'chat_to_callback', { consentText: CONSENT_TEXT_VERSION });
    return row.id;
  });
  await endChat(db, chatId, 'callback', now);
}

export async function myChats(db: Kysely<DB>, user: SessionUser, now: Date): Promise<MyChats> {
  const [rows, waiting, county] = await Promise.all([
    db.selectFrom('chat as h').innerJoin('contact as c', 'c.id', 'h.contact_id')
      .select(['h.contact_id', 'c.reference', 'h.status', 'c.acute', 'h.next_seq', 'h.resident_seen_at',
        (eb) => eb.selectFrom('chat_message as m').select((e) => e.fn.max('m.created_at').as('x')).whereRef('m.chat_id', '=', 'h.id').where('m.sender', '=', 'resident').as('last_resident_at')])
      .where('h.county_id', '=', user.countyId).where('c.assigned_user_id', '=', user.userId).where('c.status', '<>', 'closed')
      .orderBy('h.created_at').limit(50).execute(),
    db.selectFrom('chat').select((eb) => eb.fn.countAll<number>().as('n')).where('county_id', '=', user.countyId).where('status', '=', 'waiting').executeTakeFirstOrThrow(),
    db.selectFrom('county').select('chat_max_per_worker').where('id', '=', user.countyId).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((r) => ({
    contactId: r.contact_id, reference: r.reference, status: r.status, acute: r.acute, lastSeq: r.next_seq,
    lastResidentAt: r.last_resident_at ? new Date(r.last_resident_at as unknown as string).toISOString() : null,
    residentOnline: r.status !== 'ended' && now.getTime() - r.resident_seen_at.getTime() < RESIDENT_ONLINE_SECONDS * 1000,
  }));
  return { items, total: items.length, waiting: Number(waiting.n), maxPerWorker: county.chat_max_per_worker };
}

// ---------------------------------------------------------------------------------------------
// Saved replies
// ---------------------------------------------------------------------------------------------

const toReply = (r: { id: string; lang: 'fi' | 'sv' | 'en'; title: string; body: string; sort_order: number }): SavedReply => ({ id: r.id, lang: r.lang, title: r.title, body: r.body, sortOrder: r.sort_order });

export async function savedReplies(db: Db, countyId: string, lang?: 'fi' | 'sv' | 'en'): Promise<SavedReply[]> {
  let q = db.selectFrom('saved_reply').select(['id', 'lang', 'title', 'body', 'sort_order']).where('county_id', '=', countyId).where('active', '=', true);
  if (lang) q = q.where('lang', '=', lang);
  return (await q.orderBy('lang').orderBy('sort_order').orderBy('title').execute()).map(toReply);
}

export async function createSavedReply(db: Db, countyId: string, input: { lang: 'fi' | 'sv' | 'en'; title: string; body: string; sortOrder: number }): Promise<SavedReply> {
  return toReply(await db.insertInto('saved_reply').values({ county_id: countyId, lang: input.lang, title: input.title, body: input.body, sort_order: input.sortOrder })
    .returning(['id', 'lang', 'title', 'body', 'sort_order']).executeTakeFirstOrThrow());
}

export async function updateSavedReply(db: Db, countyId: string, id: string, input: { lang: 'fi' | 'sv' | 'en'; title: string; body: string; sortOrder: number }): Promise<SavedReply> {
  const r = await db.updateTable('saved_reply').set({ lang: input.lang, title: input.title, body: input.body, sort_order: input.sortOrder })
    .where('id', '=', id).where('county_id', '=', countyId).where('active', '=', true).returning(['id', 'lang', 'title', 'body', 'sort_order']).executeTakeFirst();
  if (!r) throw new AppError(404, 'not_found');
  return toReply(r);
}

export async function removeSavedReply(db: Db, countyId: string, id: string): Promise<void> {
  const r = await db.updateTable('saved_reply').set({ active: false }).where('id', '=', id).where('county_id', '=', countyId).where('active', '=', true).returning('id').executeTakeFirst();
  if (!r) throw new AppError(404, 'not_found');
}
