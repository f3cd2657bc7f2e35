import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, OutboundMessageTable } from '../../platform/schema.js';
import type { Config } from '../../platform/config.js';
import { logAccess } from '../../platform/access-log.js';
import { retryDelaySeconds } from '../../../domain/events.js';
import { allowedValues, messageDate, REMINDER_STEPS, render, type MessageChannel, type MessageLang, type MessageTemplate } from '../../../domain/messages.js';
import { createMailer, isMailServerFailure, mailErrorReason, PermanentSendError, SMTP_TIMEOUT_MS, type Mailer } from './mailer.js';
import { createSmsProvider, SmsSendError, type SmsProvider } from './sms.js';
import { wordingFor } from './templates.service.js';
import { normalisePhone } from '../../../domain/personal-data.js';

/** Where a pass reports what it did: ids, templates, states and reasons; never an address or a body. */
export interface MessageLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface Senders {
  mail: Mailer | null; sms: SmsProvider | null; publicUrl: string; log?: MessageLogger;
  /** RESIDENT_DAILY_CAP unless given (tests) */
  residentDailyCap?: number;
}
export interface MessageDispatchResult {
  queued: number; sent: number; failed: number; dead: number; skipped: number;
  /** the pass stopped at its bound with work left: the dispatcher runs another at once */
  more?: boolean;
}

/** The process's senders from the configuration: null channels are logged as skipped, not sent. */
export function createSenders(config: Pick<Config, 'mail' | 'sms' | 'publicUrl'>, log?: MessageLogger): Senders {
  return { mail: config.mail ? createMailer(config.mail) : null, sms: createSmsProvider(config.sms), publicUrl: config.publicUrl, ...(log ? { log } : {}) };
}

/** A message is given up after this many failed tries (the backoff of retryDelaySeconds: about three hours). */
export const MAX_MESSAGE_ATTEMPTS = 10;
/**
 * At most this many messages to residents per county in 24 hours: the public forms let anyone ask
 * for a text message, and a flood of them (SMS pumping) would cost the county; a real day is far below.
 */
export const RESIDENT_DAILY_CAP = 2000;
const EVENT_BATCH = 200;
const MAX_EVENT_BATCHES = 10;
const SEND_BATCH = 20;
const MAX_SENDS_PER_PASS = 200;
/** A leased batch is another process's again only when every send in it could have timed out (connect, greeting, data). */
const LEASE_MS = SEND_BATCH * 3 * SMTP_TIMEOUT_MS;

const MESSAGE_EVENTS = new Set(['fi.opastin.contact.registered.v1', 'fi.opastin.referral.sent.v1', 'fi.opastin.referral.escalated.v1']);

type Db = Kysely<DB> | Transaction<DB>;
type Counts = MessageDispatchResult;
interface OutboxRow { id: string; seq: string | null; type: string; county_id: string; data: Record<string, unknown> }

/**
 * One pass of messaging (issue 19): reads the outbox after the `messages` consumer's cursor and
 * queues the messages its events call for (outbound_message), then sends the due ones. Called with
 * the webhook dispatcher (job queue, NOTIFY) and by tests. Never throws on a server's failure.
 */
export async function dispatchMessages(db: Kysely<DB>, now: Date, senders: Senders): Promise<MessageDispatchResult> {
  const counts: Counts = { queued: 0, sent: 0, failed: 0, dead: 0, skipped: 0 };
  for (let i = 0; i < MAX_EVENT_BATCHES; i++) {
    try {
      if (!(await queueBatch(db, now, senders, counts))) break;
      if (i === MAX_EVENT_BATCHES - 1) counts.more = true;
    } catch (err) {
      // a transient database failure: the batch rolled back, the cursor stays, the next pass reads it again
      senders.log?.warn({ err: errorCode(err) }, 'messages: queueing interrupted, retried on the next pass');
      break;
    }
  }
  await sendDue(db, now, senders, counts);
  return counts;
}

/**
 * One batch of the outbox: the cursor row is locked (another process queueing skips its turn) and
 * advanced in the same transaction as the messages it queued, so a crash loses or doubles nothing;
 * the unique (event, template, channel, recipient) makes a repeated batch harmless. An event whose
 * messages cannot be worked out (a bug, odd data) is logged and passed over, never a stuck cursor;
 * a transient database failure (timeout, lock, lost connection) is rethrown instead, so the batch
 * rolls back and the resident's message is queued on a later pass rather than lost.
 * Returns whether a full batch was read (more may wait).
 */
async function queueBatch(db: Kysely<DB>, now: Date, senders: Senders, counts: Counts): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const consumer = await trx.selectFrom('outbox_consumer').select(['id', 'after_seq']).where('name', '=', 'messages').forUpdate().skipLocked().executeTakeFirst();
    if (!consumer) return false;
    const events = await trx.selectFrom('outbox_event').select(['id', 'seq', 'type', 'county_id', 'data'])
      .where('seq', 'is not', null).where('seq', '>', consumer.after_seq).orderBy('seq').limit(EVENT_BATCH).execute() as OutboxRow[];
    if (!events.length) return false;
    for (const event of events) {
      if (!MESSAGE_EVENTS.has(event.type)) continue;
      await sql`savepoint message_event`.execute(trx);
      try {
        await queueFor(trx, event, now, senders, counts);
        await sql`release savepoint message_event`.execute(trx);
      } catch (err) {
        await sql`rollback to savepoint message_event`.execute(trx);
        if (!isDataError(err)) throw err;
        senders.log?.warn({ eventId: event.id, type: event.type, err: errorCode(err) }, 'messages: event passed over');
      }
    }
    await trx.updateTable('outbox_consumer').set({ after_seq: events[events.length - 1]!.seq!, updated_at: now }).where('id', '=', consumer.id).execute();
    return events.length === EVENT_BATCH;
  });
}

/**
 * Whether an event's failure lies in its data (SQLSTATE class 22 or 23, or an error the code throws
 * itself) and so would fail again on every read: only those are passed over. A server's or
 * connection's failure (57014, 55P03, 40001, 40P01, 08xxx, 53xxx, a socket error) is not.
 */
export function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== 'string') return !/connection|terminated|timeout/i.test((err as Error)?.message ?? '');
  if (/^[0-9A-Z]{5}$/.test(code)) return code.startsWith('22') || code.startsWith('23');
  // a node system error (ECONNRESET, ETIMEDOUT…) is the connection's
  return !/^E[A-Z]+$/.test(code);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

async function queueFor(trx: Transaction<DB>, event: OutboxRow, now: Date, senders: Senders, counts: Counts): Promise<void> {
  switch (event.type) {
    case 'fi.opastin.referral.escalated.v1': return queueEscalation(trx, event, now, senders, counts);
    case 'fi.opastin.contact.registered.v1': return queueReceipt(trx, event, now, senders, counts);
    case 'fi.opastin.referral.sent.v1': return queueForwarded(trx, event, now, senders, counts);
  }
}

/** The county's name in a language. */
async function countyName(trx: Db, countyId: string, lang: MessageLang): Promise<string | null> {
  const c = await trx.selectFrom('county').select(['name_fi', 'name_sv', 'name_en']).where('id', '=', countyId).executeTakeFirst();
  return c ? c[`name_${lang}`] : null;
}

/**
 * The number a resident calls with questions, as the public site shows it: the public line the
 * contact came in on, else the county's first public line (its phone menu's first), else its
 * crisis line.
 */
async function guidancePhone(trx: Db, countyId: string, lineId: string | null): Promise<string | null> {
  if (lineId) {
    const line = await trx.selectFrom('phone_line').select(['phone_number', 'authority_only']).where('id', '=', lineId).executeTakeFirst();
    if (line && !line.authority_only) return line.phone_number;
  }
  const first = await trx.selectFrom('phone_line').select('phone_number').where('county_id', '=', countyId).where('active', '=', true).where('authority_only', '=', false)
    .orderBy(sql`menu_number asc nulls last`).orderBy('code').executeTakeFirst();
  if (first) return first.phone_number;
  return (await trx.selectFrom('county').select('crisis_phone').where('id', '=', countyId).executeTakeFirst())?.crisis_phone ?? null;
}

interface Resident {
  id: string; county_id: string; reference: string; channel: string; language: string | null; message_channels: string[];
  person_email: string | null; person_phone: string | null; phone_line_id: string | null; respond_by: string; acute: boolean; status: string;
}

/**
 * The resident's consent and addresses as they are now: an anonymous contact, erased data or a
 * withdrawn consent leave no channel.
 */
async function residentOf(trx: Db, contactId: unknown): Promise<Resident | null> {
  if (typeof contactId !== 'string') return null;
  const c = await trx.selectFrom('contact')
    .select(['id', 'county_id', 'reference', 'channel', 'language', 'message_channels', 'person_email', 'person_phone', 'phone_line_id', 'respond_by', 'acute', 'status', 'anonymous', 'personal_data_erased_at'])
    .where('id', '=', contactId).executeTakeFirst();
  if (!c || c.anonymous || c.personal_data_erased_at || !c.message_channels?.length) return null;
  return c as Resident;
}

const langOf = (l: string | null): MessageLang => (l === 'sv' || l === 'en' ? l : 'fi');
const channelsOf = (r: Resident): MessageChannel[] => (['email', 'sms'] as const).filter((c) => r.message_channels.includes(c));

/** A contact registered: its receipt (a callback request's confirmation) by each channel the resident consented to. */
async function queueReceipt(trx: Transaction<DB>, event: OutboxRow, now: Date, senders: Senders, counts: Counts): Promise<void> {
  if (event.data.anonymous === true) return;
  const resident = await residentOf(trx, event.data.contactId);
  // an acute receipt says "call now" and promises no date: a message promising one would contradict it
  if (!resident || resident.acute) return;
  // a quick-logged contact is closed as it is registered (as is one closed before this pass): a
  // receipt would promise a reply by a date for a matter already done
  if (resident.status === 'closed') return;
  const template: MessageTemplate = resident.channel === 'callback' ? 'callback_confirmation' : 'receipt';
  const lang = langOf(resident.language);
  const values = {
    reference: resident.reference, countyName: await countyName(trx, resident.county_id, lang),
    phone: await guidancePhone(trx, resident.county_id, resident.phone_line_id), respondBy: messageDate(resident.respond_by),
  };
  await queueToResident(trx, event, resident, template, lang, values, now, senders, counts);
}

/** A referral sent to a receiving unit: the resident hears where the matter went (the e-mail names the unit, a text message never does). */
async function queueForwarded(trx: Transaction<DB>, event: OutboxRow, now: Date, senders: Senders, counts: Counts): Promise<void> {
  if (typeof event.data.referralId !== 'string' || !str(event.data.unit)) return;
  const referral = await trx.selectFrom('referral as r').innerJoin('receiving_unit as u', 'u.id', 'r.receiving_unit_id')
    .select(['r.contact_id', 'r.contact_by', 'u.name_fi', 'u.name_sv', 'u.name_en', 'u.phone'])
    .where('r.id', '=', event.data.referralId).executeTakeFirst();
  if (!referral) return;
  const resident = await residentOf(trx, referral.contact_id);
  if (!resident) return;
  const lang = langOf(resident.language);
  const values = {
    reference: resident.reference, countyName: await countyName(trx, resident.county_id, lang), phone: await guidancePhone(trx, resident.county_id, resident.phone_line_id),
    unitName: referral[`name_${lang}`], unitPhone: referral.phone, contactBy: messageDate(str(event.data.contactBy) ?? referral.contact_by),
  };
  await queueToResident(trx, event, resident, 'matter_forwarded', lang, values, now, senders, counts);
}

async function queueToResident(
  trx: Transaction<DB>, event: OutboxRow, resident: Resident, template: MessageTemplate, lang: MessageLang,
  values: Record<string, string | null>, now: Date, senders: Senders, counts: Counts,
): Promise<void> {
  const channels = channelsOf(resident);
  let read = false;
  for (const channel of channels) {
    const address = channel === 'email' ? resident.person_email : resident.person_phone;
    const state = await queueOne(trx, {
      countyId: resident.county_id, eventId: event.id, template, channel, lang, recipientKind: 'resident', recipientId: resident.id,
      address, values, reference: resident.reference,
    }, now, senders, counts);
    read ||= state === 'pending';
  }
  // the system read the resident's address to send them a message: logged like any read of their data
  if (read) {
    await logAccess(trx, {
      actor: { system: 'messages', countyId: resident.county_id }, subjectType: 'contact', subjectId: resident.id,
      action: 'read', purpose: 'message_to_resident', details: { template, channels }, at: now,
    });
  }
}

/**
 * A referral passed its acceptance or client-contact day: a reminder to the unit's shared mailbox in
 * the unit's working language (0024), and a notice to each of the county's supervisors who has an
 * e-mail address, in Finnish (a staff account has no language of its own yet; the county may reword
 * the notice).
 */
async function queueEscalation(trx: Transaction<DB>, event: OutboxRow, now: Date, senders: Senders, counts: Counts): Promise<void> {
  const referralId = event.data.referralId;
  const level = event.data.escalationLevel === 2 ? 2 : event.data.escalationLevel === 1 ? 1 : null;
  if (typeof referralId !== 'string' || !level) return;
  const referral = await trx.selectFrom('referral as r').innerJoin('contact as c', 'c.id', 'r.contact_id').innerJoin('county as k', 'k.id', 'r.county_id')
    .leftJoin('receiving_unit as u', 'u.id', 'r.receiving_unit_id')
    .select(['r.county_id', 'r.accept_by', 'r.contact_by', 'r.external_name', 'c.reference', 'k.name_fi as county_fi', 'k.name_sv as county_sv', 'k.name_en as county_en',
      'u.id as unit_id', 'u.name_fi', 'u.name_sv', 'u.name_en', 'u.language as unit_language', 'u.email as unit_email'])
    .where('r.id', '=', referralId).executeTakeFirst();
  if (!referral) return;
  const due = level === 1 ? str(event.data.acceptBy) ?? referral.accept_by : str(event.data.contactBy) ?? referral.contact_by;
  const reference = str(event.data.reference) ?? referral.reference;
  // the unit's name is null for an outside service (the left join): its own name then
  const inLanguage = (lang: MessageLang) => ({
    countyId: referral.county_id, eventId: event.id, channel: 'email' as const, lang, reference,
    values: {
      reference, unitName: referral[`name_${lang}`] ?? referral.external_name, due: messageDate(due),
      step: REMINDER_STEPS[level][lang], link: `${senders.publicUrl}/tyo/lahetteet/${referralId}`, countyName: referral[`county_${lang}`],
    },
  });
  if (referral.unit_id) {
    const forUnit = inLanguage(referral.unit_language ?? 'fi');
    await queueOne(trx, { ...forUnit, template: 'referral_reminder', recipientKind: 'unit', recipientId: referral.unit_id, address: referral.unit_email }, now, senders, counts);
  }
  const supervisors = await trx.selectFrom('app_user as a').innerJoin('user_role as r', 'r.user_id', 'a.id')
    .select(['a.id', 'a.email']).distinct()
    .where('a.county_id', '=', referral.county_id).where('a.active', '=', true).where('r.role', '=', 'supervisor').where('a.email', 'is not', null)
    .execute();
  const common = inLanguage('fi');
  for (const s of supervisors) {
    await queueOne(trx, { ...common, template: 'escalation_notice', recipientKind: 'supervisor', recipientId: s.id, address: s.email }, now, senders, counts);
  }
}

interface Queued {
  countyId: string; eventId: string; template: MessageTemplate; channel: MessageChannel; lang: MessageLang;
  recipientKind: 'resident' | 'unit' | 'supervisor'; recipientId: string; address: string | null;
  values: Record<string, string | null>; reference: string | null;
}

/**
 * One message row: pending with its address and the values its channel may show, or straight to
 * the log as skipped (no channel configured, no address) holding neither. Returns the state, or
 * null when this event's message was already queued (a repeated batch).
 */
async function queueOne(trx: Transaction<DB>, m: Queued, now: Date, senders: Senders, counts: Counts): Promise<'pending' | 'skipped' | null> {
  const configured = m.channel === 'email' ? senders.mail !== null : senders.sms !== null;
  let skip = !configured ? `${m.channel}_not_configured` : !m.address ? 'no_address' : null;
  if (!skip && m.recipientKind === 'resident') skip = await residentLimit(trx, m, senders);
  const row = await trx.insertInto('outbound_message').values({
    county_id: m.countyId, event_id: m.eventId, channel: m.channel, template: m.template, lang: m.lang,
    recipient_kind: m.recipientKind, recipient_id: m.recipientId, reference: m.reference,
    address: skip ? null : m.address, params: JSON.stringify(skip ? {} : allowedValues(m.template, m.channel, m.values)),
    state: skip ? 'skipped' : 'pending', last_error: skip, next_attempt_at: now,
    // the log's order and its `before` paging need distinct times within one batch
    created_at: sql<Date>`clock_timestamp()`,
  }).onConflict((oc) => oc.columns(['event_id', 'template', 'channel', 'recipient_kind', 'recipient_id']).doNothing()).returning('id').executeTakeFirst();
  if (!row) return null;
  if (skip) counts.skipped++;
  else counts.queued++;
  senders.log?.info({ messageId: row.id, template: m.template, channel: m.channel, recipientKind: m.recipientKind, state: skip ? 'skipped' : 'pending', ...(skip ? { reason: skip } : {}) }, 'message queued');
  return skip ? 'skipped' : 'pending';
}

/**
 * The limits on messages to residents, against SMS pumping through the public forms: text messages
 * go to Finnish numbers only, and a county sends at most its daily cap. Returns the skip reason.
 */
async function residentLimit(trx: Transaction<DB>, m: Queued, senders: Senders): Promise<string | null> {
  if (m.channel === 'sms' && !/^\+358\d{5,12}$/.test(normalisePhone(m.address ?? '') ?? '')) return 'sms_not_finnish_number';
  // created_at is the database's clock (clock_timestamp at queueing), so the window is too
  const { n } = await trx.selectFrom('outbound_message').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('county_id', '=', m.countyId).where('recipient_kind', '=', 'resident').where('state', '!=', 'skipped').where('created_at', '>', sql<Date>`clock_timestamp() - interval '1 day'`)
    .executeTakeFirstOrThrow();
  return Number(n) >= (senders.residentDailyCap ?? RESIDENT_DAILY_CAP) ? 'daily_cap' : null;
}

type MessageRow = Selectable<OutboundMessageTable>;

/**
 * Sends the due messages, a leased batch at a time (another process skips leased rows), bounded
 * per pass. A send happens outside any transaction: a slow server holds no lock. After a channel's
 * server fails as a whole (down, silent, refusing our login) the pass sends nothing more by it: its
 * leased rows are given back untried, so one dead server costs one timeout, not one per message.
 */
async function sendDue(db: Kysely<DB>, now: Date, senders: Senders, counts: Counts): Promise<void> {
  let budget = MAX_SENDS_PER_PASS;
  const down = new Set<MessageChannel>();
  while (budget > 0) {
    const size = Math.min(SEND_BATCH, budget);
    const skipDown = down.size ? sql`and channel not in (${sql.join([...down])})` : sql``;
    // RETURNING keeps no order (PostgreSQL returns the rows as it updated them): the queue's order again,
    // by the database at its microseconds (in JavaScript two messages queued within a millisecond would tie),
    // so a resident's messages go out as they were queued
    const leased = await sql<MessageRow>`with leased as (
        update outbound_message set lease_until = ${new Date(now.getTime() + LEASE_MS)}
        where id in (select id from outbound_message where state = 'pending' and next_attempt_at <= ${now} and (lease_until is null or lease_until <= ${now}) ${skipDown}
                     order by next_attempt_at, created_at, id limit ${size} for update skip locked)
        returning *)
      select * from leased order by next_attempt_at, created_at, id`.execute(db);
    if (!leased.rows.length) return;
    budget -= leased.rows.length;
    if (budget <= 0) counts.more = true;
    for (const m of leased.rows) {
      if (down.has(m.channel)) {
        await db.updateTable('outbound_message').set({ lease_until: null }).where('id', '=', m.id).execute();
        continue;
      }
      if (await sendOne(db, m, now, senders, counts)) {
        down.add(m.channel);
        senders.log?.warn({ channel: m.channel }, 'messages: channel unavailable, the rest wait for the next pass');
      }
    }
    if (leased.rows.length < size) return;
  }
}

/** A send's failure as a code for the log: never the server's text, which may quote the address. */
function failureReason(err: unknown, channel: MessageChannel): string {
  if (err instanceof PermanentSendError || err instanceof SmsSendError) return err.reason;
  return channel === 'email' ? mailErrorReason(err) : `sms ${errorCode(err)}`;
}

function errorCode(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' ? code : (err as Error)?.name ?? 'error';
}

async function finish(db: Kysely<DB>, m: MessageRow, state: 'sent' | 'dead' | 'skipped', now: Date, extra: { lastError?: string | null; providerId?: string; attempts?: number }): Promise<void> {
  await db.updateTable('outbound_message').set({
    state, address: null, params: '{}', lease_until: null, updated_at: now,
    ...(extra.lastError !== undefined ? { last_error: extra.lastError?.slice(0, 500) ?? null } : {}),
    ...(extra.attempts !== undefined ? { attempts: extra.attempts } : {}),
    ...(state === 'sent' ? { sent_at: now, provider_id: extra.providerId?.slice(0, 200) || null } : {}),
  }).where('id', '=', m.id).execute();
}

/**
 * Renders the county's wording (or the default) with the stored values and sends it. Sent: the
 * address and values are erased, the log keeps template, state and the provider's id. Failed: tried
 * again after retryDelaySeconds; given up (dead, address erased) after MAX_MESSAGE_ATTEMPTS or a
 * permanent refusal. A resident who withdrew consent (or whose data was erased) meanwhile gets nothing.
 */
async function sendOne(db: Kysely<DB>, m: MessageRow, now: Date, senders: Senders, counts: Counts): Promise<boolean> {
  const log = { messageId: m.id, template: m.template, channel: m.channel, recipientKind: m.recipient_kind };
  if (m.recipient_kind === 'resident') {
    const c = await db.selectFrom('contact').select(['message_channels', 'personal_data_erased_at']).where('id', '=', m.recipient_id).executeTakeFirst();
    if (!c || c.personal_data_erased_at || !c.message_channels.includes(m.channel)) {
      await finish(db, m, 'skipped', now, { lastError: 'consent_withdrawn' });
      counts.skipped++;
      senders.log?.info({ ...log, state: 'skipped', reason: 'consent_withdrawn' }, 'message not sent');
      return false;
    }
  }
  const sender = m.channel === 'email' ? senders.mail : senders.sms;
  if (!sender) {
    await finish(db, m, 'skipped', now, { lastError: `${m.channel}_not_configured` });
    counts.skipped++;
    senders.log?.info({ ...log, state: 'skipped', reason: `${m.channel}_not_configured` }, 'message not sent');
    return false;
  }
  const template = m.template as MessageTemplate;
  const wording = await wordingFor(db, m.county_id, { template, channel: m.channel, lang: m.lang });
  if (!wording || !m.address) {
    await finish(db, m, 'dead', now, { lastError: !wording ? 'no_template' : 'no_address' });
    counts.dead++;
    senders.log?.warn({ ...log, state: 'dead', reason: !wording ? 'no_template' : 'no_address' }, 'message given up');
    return false;
  }
  const values = allowedValues(template, m.channel, m.params ?? {});
  const attempts = m.attempts + 1;
  try {
    const sent = m.channel === 'email'
      ? await senders.mail!.send({ to: m.address, subject: render(wording.subject ?? '', values), text: render(wording.body, values) })
      : await senders.sms!.send(m.address, render(wording.body, values));
    await finish(db, m, 'sent', now, { providerId: sent.id, attempts, lastError: null });
    counts.sent++;
    senders.log?.info({ ...log, state: 'sent', attempts }, 'message sent');
    return false;
  } catch (err) {
    const reason = failureReason(err, m.channel);
    const serverDown = m.channel === 'email' ? isMailServerFailure(err) : err instanceof SmsSendError && err.gatewayDown;
    if (err instanceof PermanentSendError || attempts >= MAX_MESSAGE_ATTEMPTS) {
      await finish(db, m, 'dead', now, { lastError: reason, attempts });
      counts.dead++;
      senders.log?.warn({ ...log, state: 'dead', attempts, reason }, 'message given up');
      return serverDown;
    }
    await db.updateTable('outbound_message').set({
      attempts, last_error: reason.slice(0, 500), lease_until: null, updated_at: now,
      next_attempt_at: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000),
    }).where('id', '=', m.id).execute();
    counts.failed++;
    senders.log?.warn({ ...log, state: 'pending', attempts, reason }, 'message send failed, will retry');
    return serverDown;
  }
}
