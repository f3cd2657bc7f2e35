import { sql, type Insertable, type Kysely, type QueryCreator, type RawBuilder, type Transaction, type Updateable } from 'kysely';
import type { AcuteReasonCode, ContactStatus, ContactTable, DB, NotificationKind, WaitingReason } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { logAccess, personKeyOf } from '../../platform/access-log.js';
import { tx } from '../../platform/tx.js';
import { receivingUnitByCode } from '../organisation/public.js';
import { skipWaitingResidentMessages } from '../integration/public.js';
import { TtlCache } from '../../platform/ttl-cache.js';
import { childWelfareDeadlines, childWelfareUrgencyAssessmentDue, initiationClock, reachedOnRegistration, servicePromise, type ReachedHow, type Urgency } from '../../../domain/service-promise.js';
import { findPersonalData, normalisePhone } from '../../../domain/personal-data.js';
import { ageOn, parseHetu } from '../../../domain/hetu.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { closingProblems, isAllowed, newReference, REPEAT_CONTACT_DAYS, type ContactAction } from './contacts.domain.js';
import type { MessageChannel } from '../../../domain/messages.js';
import { createNotificationMatter } from './notification-matter.js';

type Db = Kysely<DB> | Transaction<DB>;
export type Actor = SessionUser | { system: string; countyId: string };
const actorId = (a: Actor) => ('userId' in a ? a.userId : null);

export interface PersonInput {
  name?: string | null;
  phone?: string | null;
  hetu?: string | null;
  address?: string | null;
  email?: string | null;
  callbackWindow?: string | null;
}

/** Who called, when it was not the person concerned (issue 14); the contact's `contactor` is the relation. */
export interface CallerInput {
  name?: string | null;
  phone?: string | null;
  organisation?: string | null;
  relationship?: string | null;
}

export interface ContactInput {
  channel: string;
  phoneLine?: string | null;
  serviceArea?: string | null;
  region?: string | null;
  municipality?: string | null;
  contactor?: string;
  anonymous: boolean;
  mainReason?: string | null;
  additionalReasons?: string[];
  note?: string | null;
  urgency?: Urgency;
  receivedAt?: Date;
  person?: PersonInput | null;
  /** who called about the person (not on an anonymous contact, not when the contactor is `self`) */
  caller?: CallerInput | null;
  /**
   * The resident's own words as sent through a public form (issue 14): stored exactly as received
   * and never edited; the note is prefilled with the same text for the worker to edit.
   */
  residentMessage?: string | null;
  callerNumber?: string | null;
  /** Failed callback attempts before the contact closes as not_reached (CALLBACK_ATTEMPTS). */
  callbackAttemptsAllowed?: number;
  /** Quick log: create the contact already closed. */
  close?: { outcome: string; handlingSeconds?: number | null; ledToClientRelationship: boolean } | null;
  /** The language the contactor used (public forms): the worker answers in it. */
  language?: 'fi' | 'sv' | 'en' | null;
  /** A professional's notification (SHL 35 §, LsL 25 §): who notified; a child welfare one starts the LsL 26 § clock. */
  notification?: { kind: NotificationKind; notifier: NotifierInput } | null;
  /** Consents given with the contact itself (e.g. a resident's electronic consent on the form). */
  consents?: { givenBy: 'client' | 'guardian' | 'legal_representative'; method: 'electronic' | 'written' | 'verbal'; purpose: 'recording' | 'forward_to_unit'; target: string }[];
  /** Added to the timeline's `created` event (e.g. which public form). */
  createdDetails?: Record<string, unknown>;
  /**
   * Acute (issue 11): why (the resident's danger-now answer, the detector's category, a worker's
   * mark) and the words that triggered the detector. Acute contacts come first in the queue.
   */
  acute?: { reasons: AcuteReasonCode[]; triggerWords: string[] } | null;
  /** The person's consent to messages about the matter (issue 19): a receipt and where it went, by these channels. */
  messageChannels?: MessageChannel[] | null;
}

export interface NotifierInput {
  name: string;
  organisation: string;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
  /** SHL 35 §: does the person know and agree? Not asked of a child welfare notification (LsL 25 §): the duty to notify does not depend on it. */
  subjectConsent?: 'given' | 'not_given' | 'not_asked' | null;
  noConsentReason?: string | null;
}

function notifierColumns(n: NotifierInput, kind: NotificationKind) {
  const errors: FieldError[] = [];
  const phone = n.phone ? normalisePhone(n.phone) : null;
  if (n.phone && !phone) errors.push({ field: 'body.notifier.phone', message: 'Not a phone number.', code: 'invalid_phone' });
  if (!n.phone && !n.email) errors.push({ field: 'body.notifier.phone', message: 'Give a phone number or an e-mail address to be reached at.', code: 'required' });
  // a child welfare notification is not a consent question: nothing is stored about consent
  const consent = kind === 'child_welfare' ? null : n.subjectConsent ?? null;
  if (kind !== 'child_welfare' && !consent) errors.push({ field: 'body.subjectConsent', message: 'Say whether the person knows and agrees that social services are contacted (SHL 35 §).', code: 'required' });
  if (consent && consent !== 'given' && !n.noConsentReason?.trim()) errors.push({ field: 'body.notifier.noConsentReason', message: 'Say why the person has not consented.', code: 'required' });
  if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);
  return {
    name: n.name.trim(), organisation: n.organisation.trim(), role: n.role?.trim() || null, phone, email: n.email?.trim() || null,
    subject_consent: consent, no_consent_reason: consent && consent !== 'given' ? n.noConsentReason!.trim() : null,
  };
}

export interface CountyCodes {
  codes: Map<string, Set<string>>;
  /** Active lines by code. */
  lines: Map<string, { id: string; serviceArea: string | null; regionId: string | null; authorityOnly: boolean }>;
  regions: Map<string, string>;
  municipalities: Map<string, { id: string; regionId: string | null }>;
  /** Codes by id, inactive lines included: for showing what a stored contact refers to. */
  lineCodeById: Map<string, string>;
  regionCodeById: Map<string, string>;
}

/**
 * Code sets, lines, regions and municipalities change a few times a year and every registration
 * checks against them: they are read at most every 30 seconds per county (ADR 0005).
 */
const countyCodes = new TtlCache<CountyCodes>(30_000);
export function loadCountyCodes(db: Db, countyId: string): Promise<CountyCodes> {
  return countyCodes.get(countyId, () => readCountyCodes(db, countyId));
}

async function readCountyCodes(db: Db, countyId: string): Promise<CountyCodes> {
  const [codes, lines, regions, municipalities] = await Promise.all([
    db.selectFrom('code').select(['code_set', 'code']).where('county_id', '=', countyId).where('active', '=', true).execute(),
    db.selectFrom('phone_line').select(['id', 'code', 'service_area', 'region_id', 'active', 'authority_only']).where('county_id', '=', countyId).execute(),
    db.selectFrom('region').select(['id', 'code']).where('county_id', '=', countyId).execute(),
    db.selectFrom('municipality as m').leftJoin('region_municipality as rm', 'rm.municipality_id', 'm.id').select(['m.id', 'm.code', 'rm.region_id']).where('m.county_id', '=', countyId).execute(),
  ]);
  const map = new Map<string, Set<string>>();
  for (const c of codes) (map.get(c.code_set) ?? map.set(c.code_set, new Set()).get(c.code_set)!).add(c.code);
  return {
    codes: map,
    lines: new Map(lines.filter((l) => l.active).map((l) => [l.code, { id: l.id, serviceArea: l.service_area, regionId: l.region_id, authorityOnly: l.authority_only }])),
    regions: new Map(regions.map((r) => [r.code, r.id])),
    municipalities: new Map(municipalities.map((m) => [m.code, { id: m.id, regionId: m.region_id }])),
    lineCodeById: new Map(lines.map((l) => [l.id, l.code])),
    regionCodeById: new Map(regions.map((r) => [r.id, r.code])),
  };
}

function checkCode(c: CountyCodes, set: string, value: string | null | undefined, field: string, errors: FieldError[]): void {
  if (value === null || value === undefined) return;
  if (!c.codes.get(set)?.has(value)) errors.push({ field, message: `Unknown ${set} code "${value}".`, code: 'unknown_code' });
}

/** Validates and normalises the person's data; throws a 400 naming each bad field. */
function personColumns(anonymous: boolean, person: PersonInput | null | undefined, note: string | null | undefined, callerNumber: string | null | undefined, residentMessage?: string | null): Updateable<ContactTable> {
  const errors: FieldError[] = [];
  if (anonymous) {
    const given = Object.entries(person ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k]) => k);
    for (const k of given) errors.push({ field: `body.person.${k}`, message: 'An anonymous contact cannot hold personal data.', code: 'personal_data_not_allowed' });
    const found = note ? findPersonalData(note) : [];
    if (found.length) errors.push({ field: 'body.note', message: `The text contains personal data (${found.join(', ')}); remove it or make the contact identified.`, code: 'personal_data_in_text' });
    // the resident's words are kept on an anonymous contact like its note: without identifiers
    const inMessage = residentMessage && residentMessage !== note ? findPersonalData(residentMessage) : [];
    if (inMessage.length) errors.push({ field: 'body.residentMessage', message: `The text contains personal data (${inMessage.join(', ')}); remove it or make the contact identified.`, code: 'personal_data_in_text' });
    if (errors.length) throw new AppError(400, 'personal_data_in_anonymous', undefined, errors);
    return { caller_number: callerNumber ?? null };
  }
  const p = person ?? {};
  let phone: string | null = null;
  if (p.phone) {
    phone = normalisePhone(p.phone);
    if (!phone) errors.push({ field: 'body.person.phone', message: 'Not a phone number.', code: 'invalid_phone' });
  }
  let hetu: string | null = null;
  let birthDate: string | null = null;
  if (p.hetu) {
    const parsed = parseHetu(p.hetu);
    if (!parsed.valid) errors.push({ field: 'body.person.hetu', message: `Not a valid personal identity code (${parsed.error}).`, code: 'invalid_hetu' });
    else { hetu = parsed.hetu; birthDate = parsed.birthDate; }
  }
  if (!p.name && !phone && !hetu && !errors.length) errors.push({ field: 'body.person', message: 'An identified contact needs a name, a phone number or an identity code.', code: 'identifier_required' });
  if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);
  return {
    person_name: p.name?.trim() || null, person_phone: phone, person_hetu: hetu, person_birth_date: birthDate,
    person_address: p.address?.trim() || null, person_email: p.email?.trim() || null, callback_window: p.callbackWindow?.trim() || null,
    caller_number: callerNumber ?? null,
  };
}

const CALLER_FIELDS = ['name', 'phone', 'organisation', 'relationship'] as const;
type CallerColumns = Pick<ContactTable, 'caller_name' | 'caller_phone' | 'caller_organisation' | 'caller_relationship'>;
const NO_CALLER: CallerColumns = { caller_name: null, caller_phone: null, caller_organisation: null, caller_relationship: null };

/**
 * Validates and normalises who called (issue 14); throws a 422 naming the field. A caller is
 * personal data of someone other than the person concerned: none on an anonymous contact, none
 * when the person called themselves (contactor `self`); the database says the same
 * (contact_anonymous_holds_no_caller, contact_self_has_no_caller). An empty caller is no caller.
 */
export function callerColumns(anonymous: boolean, contactor: string, caller: CallerInput | null | undefined): CallerColumns {
  const given = CALLER_FIELDS.filter((k) => (caller?.[k] ?? '').trim() !== '');
  if (!given.length) return NO_CALLER;
  if (anonymous) {
    throw new AppError(422, 'personal_data_in_anonymous', undefined, [{ field: 'body.caller', message: 'An anonymous contact cannot hold the caller’s personal data.', code: 'personal_data_not_allowed' }]);
  }
  if (contactor === 'self') {
    throw new AppError(422, 'validation_failed', undefined, [{ field: 'body.caller', message: 'The person called themselves (contactor self): record no separate caller, or say who called (contactor).', code: 'personal_data_not_allowed' }]);
  }
  const phone = caller!.phone?.trim() ? normalisePhone(caller!.phone) : null;
  if (caller!.phone?.trim() && !phone) throw new AppError(422, 'validation_failed', undefined, [{ field: 'body.caller.phone', message: 'Not a phone number.', code: 'invalid_phone' }]);
  return {
    caller_name: caller!.name?.trim() || null, caller_phone: phone, caller_organisation: caller!.organisation?.trim() || null,
    caller_relationship: caller!.relationship?.trim() || null,
  };
}

/** Which of the caller's fields are recorded: what the timeline says, never their values. */
const callerFieldsOf = (c: CallerColumns) => CALLER_FIELDS.filter((k) => c[`caller_${k}`] !== null);

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The person's consent to messages (issue 19), checked against what the contact holds; throws a
 * 422 naming the field. Like a caller, none on an anonymous contact (the database says so too:
 * contact_anonymous_gets_no_messages); e-mail needs a usable address, a text message a phone number.
 */
export function messageChannelColumns(anonymous: boolean, channels: readonly string[] | null | undefined, person: { email: string | null; phone: string | null }): MessageChannel[] {
  const wanted = (['email', 'sms'] as const).filter((c) => channels?.includes(c));
  if (!wanted.length) return [];
  if (anonymous) {
    throw new AppError(422, 'personal_data_in_anonymous', undefined, [{ field: 'body.messageChannels', message: 'An anonymous contact gets no messages: there is no one to send them to.', code: 'personal_data_not_allowed' }]);
  }
  const errors: FieldError[] = [];
  if (wanted.includes('email')) {
    if (!person.email) errors.push({ field: 'body.person.email', message: 'Messages by e-mail need the person’s e-mail address.', code: 'required' });
    else if (!EMAIL.test(person.email)) errors.push({ field: 'body.person.email', message: 'Not an e-mail address messages can be sent to.', code: 'invalid_format' });
  }
  if (wanted.includes('sms') && !person.phone) errors.push({ field: 'body.person.phone', message: 'Text messages need the person’s phone number.', code: 'required' });
  if (errors.length) throw new AppError(422, 'validation_failed', undefined, errors);
  return wanted;
}

const sameChannels = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c) => b.includes(c));

export async function insertEvent(db: Db, contactId: string, at: Date, actor: Actor, kind: string, details: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('contact_event').values({ contact_id: contactId, at, actor_user_id: actorId(actor), kind, details: JSON.stringify(details) }).execute();
}

export async function createContact(db: Db, actor: Actor, input: ContactInput, now: Date): Promise<{ id: string; reference: string; respondBy: string; status: ContactStatus; urgency: Urgency }> {
  const countyId = actor.countyId;
  const c = await loadCountyCodes(db, countyId);
  const errors: FieldError[] = [];
  checkCode(c, 'channel', input.channel, 'body.channel', errors);
  checkCode(c, 'contactor', input.contactor, 'body.contactor', errors);
  checkCode(c, 'service_area', input.serviceArea, 'body.serviceArea', errors);
  checkCode(c, 'reason', input.mainReason, 'body.mainReason', errors);
  (input.additionalReasons ?? []).forEach((r, i) => checkCode(c, 'reason', r, `body.additionalReasons.${i}`, errors));
  checkCode(c, 'urgency', input.urgency, 'body.urgency', errors);
  if (input.close) checkCode(c, 'outcome', input.close.outcome, 'body.close.outcome', errors);
  const line = input.phoneLine ? c.lines.get(input.phoneLine) : undefined;
  if (input.phoneLine && !line) errors.push({ field: 'body.phoneLine', message: `Unknown phone line "${input.phoneLine}".`, code: 'unknown_code' });
  const municipality = input.municipality ? c.municipalities.get(input.municipality) : undefined;
  if (input.municipality && !municipality) errors.push({ field: 'body.municipality', message: `Unknown municipality "${input.municipality}".`, code: 'unknown_code' });
  const regionId = input.region ? c.regions.get(input.region) : municipality?.regionId ?? line?.regionId ?? null;
  if (input.region && !regionId) errors.push({ field: 'body.region', message: `Unknown region "${input.region}".`, code: 'unknown_code' });
  const receivedAt = input.receivedAt ?? now;
  if (receivedAt.getTime() > now.getTime() + 60_000) errors.push({ field: 'body.receivedAt', message: 'A contact cannot be received in the future.', code: 'future_time' });
  if (errors.length) throw new AppError(400, errors.every((e) => e.code === 'unknown_code') ? 'unknown_code' : 'validation_failed', undefined, errors);

  const person = personColumns(input.anonymous, input.person, input.note, input.callerNumber, input.residentMessage);
  const caller = callerColumns(input.anonymous, input.contactor ?? 'unknown', input.caller);
  const callerFields = callerFieldsOf(caller);
  const messageChannels = messageChannelColumns(input.anonymous, input.messageChannels, { email: person.person_email ?? null, phone: person.person_phone ?? null });
  const notification = input.notification;
  if (notification && input.anonymous) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.anonymous', message: 'A notification is about a named person.', code: 'invalid' }]);
  const notifier = notification ? notifierColumns(notification.notifier, notification.kind) : null;
  // LsL 26 §: a child welfare notification's urgency is assessed at once
  const urgency = notification?.kind === 'child_welfare' && input.urgency !== 'emergency' ? 'urgent' : input.urgency ?? 'non_urgent';
  const promise = servicePromise(receivedAt, urgency);
  // LsL 26 §: the urgency assessment of a child welfare notification is due at once, the day it arrives
  if (notification?.kind === 'child_welfare') promise.respondBy = childWelfareUrgencyAssessmentDue(promise.receivedOn);
  // a worker registering a call, a walk-in or a chat is talking to the person: reached on receipt
  const reachedHow = 'userId' in actor ? reachedOnRegistration(input.channel) : null;
  const closing = input.close;
  if (closing) {
    const problems = closingProblems({ outcome: closing.outcome, mainReason: input.mainReason, contactor: input.contactor, ledToClientRelationship: closing.ledToClientRelationship });
    if (problems.length) throw new AppError(400, 'closing_incomplete', undefined, problems);
  }

  const who = input.anonymous ? null : { hetu: person.person_hetu ?? null, phone: person.person_phone ?? null };
  const clock = notification?.kind === 'child_welfare' ? { legal_deadline: childWelfareDeadlines(promise.receivedOn).decideBy, legal_basis: 'lsl_26' as const } : {};
  const extras = notifier !== null || (input.consents?.length ?? 0) > 0;
  const insert = (d: Db) => insertContactRow(d, {
    county_id: countyId, channel: input.channel, phone_line_id: line?.id ?? null,
    service_area: input.serviceArea ?? line?.serviceArea ?? null, region_id: regionId ?? null, municipality_id: municipality?.id ?? null,
    contactor: input.contactor ?? 'unknown', anonymous: input.anonymous, main_reason: input.mainReason ?? null,
    additional_reasons: input.additionalReasons ?? [], note: input.note?.trim() || null, urgency,
    received_at: receivedAt, received_on: promise.receivedOn, respond_by: promise.respondBy,
    status: closing ? 'closed' : 'new', outcome: closing?.outcome ?? null, closed_at: closing ? now : null,
    closed_by_user_id: closing ? actorId(actor) : null, handling_seconds: closing?.handlingSeconds ?? null,
    led_to_client_relationship: closing ? closing.ledToClientRelationship : null,
    assigned_user_id: null, created_by_user_id: actorId(actor), ...person, ...caller, first_response_at: closing ? now : null, message_channels: messageChannels,
    resident_message: input.residentMessage ?? null,
    ...(input.callbackAttemptsAllowed ? { callback_attempts_allowed: input.callbackAttemptsAllowed } : {}),
    ...(closing && input.anonymous ? { caller_number: null } : {}),
    notification_kind: notification?.kind ?? null, language: input.language ?? null, ...clock,
    ...(reachedHow ? { reached_at: receivedAt, reached_how: reachedHow } : {}),
    ...(input.acute?.reasons.length ? {
      acute: true, acute_reasons: [...new Set(input.acute.reasons)], acute_trigger_words: [...new Set(input.acute.triggerWords)].slice(0, 20), acute_flagged_at: receivedAt,
    } : {}),
  }, {
    trail: {
      actor, at: now, repeatOf: who,
      events: [
        { kind: 'created', details: { ...input.createdDetails, channel: input.channel } },
        // who called is recorded, not what they are called: the values stay on the contact (erased with it)
        ...(callerFields.length ? [{ kind: 'caller_recorded', details: { fields: callerFields, contactor: input.contactor ?? 'unknown' } }] : []),
        ...(messageChannels.length ? [{ kind: 'message_consent', details: { channels: messageChannels } }] : []),
        ...(closing ? [{ kind: 'closed', details: { outcome: closing.outcome } }] : []),
      ],
    },
  });
  // a notifier or a consent goes with the contact in one transaction (joining the caller's)
  const row = !extras ? await insert(db) : await tx(db as Kysely<DB>, async (trx) => {
    const r = await insert(trx);
    if (notifier) await trx.insertInto('notifier').values({ contact_id: r.id, ...notifier }).execute();
    // a notification makes its matter pending by law: the initiation record comes with it (issue 12)
    if (notification) {
      const matter = await createNotificationMatter(trx, {
        contactId: r.id, countyId, kind: notification.kind, receivedOn: promise.receivedOn, note: input.note ?? null, urgent: urgency !== 'non_urgent',
        birthDate: person.person_birth_date ?? null, childWelfareClock: 'legal_deadline' in clock ? clock.legal_deadline ?? null : null, recordedByUserId: actorId(actor),
      });
      await insertEvent(trx, r.id, now, actor, 'initiation', { initiationId: matter.id, source: matter.source, legalDeadline: matter.legalDeadline, legalBasis: matter.legalBasis });
    }
    if (input.consents?.length) {
      await trx.insertInto('consent').values(input.consents.map((c) => ({ contact_id: r.id, given_by: c.givenBy, method: c.method, purpose: c.purpose, target: c.target, given_at: receivedAt, recorded_by_user_id: actorId(actor) }))).execute();
    }
    return r;
  });
  return { id: row.id, reference: row.reference, respondBy: row.respond_by, status: row.status, urgency };
}

interface Trail {
  actor: Actor;
  at: Date;
  /** the person's identifiers (null when anonymous): the repeat count is taken by them, and the write is access-logged */
  repeatOf: { hetu: string | null; phone: string | null } | null;
  events: { kind: string; details: Record<string, unknown> }[];
}

/**
 * Inserts a contact under a fresh short reference (random: readable over the phone, not
 * guessable; a collision is skipped by the unique index and another reference drawn in the same
 * round trip). With a `trail`, its first timeline events, its repeat-contact count and, for an
 * identified person, the access-log row go in the SAME statement as data-modifying CTEs, which
 * commit together without a transaction's extra round trips (registration is the hottest write).
 */
export async function insertContactRow(
  db: Db,
  values: Omit<Insertable<ContactTable>, 'reference' | 'repeat_contacts_30d'>,
  opts: { trail?: Trail; nextReference?: () => string } = {},
) {
  const { trail, nextReference = newReference } = opts;
  const repeat = trail?.repeatOf ? repeatCount(values.county_id, trail.repeatOf, new Date(values.received_at as Date | string)) : sql<number>`0`;
  for (let attempt = 0; attempt < 10; attempt++) {
    const insert = (qc: QueryCreator<DB>) => qc.insertInto('contact').values({ ...values, reference: nextReference(), repeat_contacts_30d: repeat })
      .onConflict((oc) => oc.columns(['county_id', 'reference']).doNothing())
      .returning(['id', 'reference', 'respond_by', 'status']);
    const row = !trail ? await insert(db).executeTakeFirst() : await db
      .with('c', insert)
      // (Kysely parenthesises builder CTEs but not raw ones)
      .with('e', () => sql`(insert into contact_event (contact_id, at, actor_user_id, kind, details)
        select c.id, ${trail.at}, ${actorId(trail.actor)}::uuid, k.kind, k.details::jsonb
        from c, unnest(${trail.events.map((e) => e.kind)}::text[], ${trail.events.map((e) => JSON.stringify(e.details))}::text[]) as k(kind, details))`)
      // an identified person's data was written: the access log says who, in the same statement
      .with('l', () => sql`(insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, person_key)
        select ${values.county_id}::uuid, ${actorId(trail.actor)}::uuid, ${'userId' in trail.actor ? trail.actor.username : `system:${trail.actor.system}`},
               'contact', c.id::text, 'create', 'client_guidance', ${values.person_hetu ? personKeyOf(String(values.person_hetu)) : null}::text
        from c where ${trail.repeatOf !== null}::boolean)`)
      .selectFrom('c').selectAll().executeTakeFirst();
    if (row) return row;
  }
  throw new Error('No free contact reference after 10 attempts');
}

export async function lockContact(trx: Transaction<DB>, countyId: string, id: string) {
  const row = await trx.selectFrom('contact').selectAll().where('id', '=', id).where('county_id', '=', countyId).forUpdate().executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found');
  return row;
}

function requireAllowed(action: ContactAction, status: ContactStatus): void {
  if (!isAllowed(action, status)) throw new AppError(409, 'invalid_transition', `Cannot ${action} a contact that is ${status}.`);
}

async function displayName(db: Db, userId: string | null): Promise<string> {
  if (!userId) return '';
  return (await db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst())?.display_name ?? '';
}

/**
 * Claim is one conditional UPDATE: of two workers clicking together exactly one gets the row;
 * the other is told who has it.
 */
export async function claimContact(db: Kysely<DB>, user: SessionUser, id: string, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const claimed = await trx.updateTable('contact')
      .set({ status: 'in_progress', waiting_reason: null, assigned_user_id: user.userId, first_response_at: firstResponse(now) })
      .where('id', '=', id).where('county_id', '=', user.countyId)
      .where('status', 'in', ['new', 'waiting'])
      .where((eb) => eb.or([eb('assigned_user_id', 'is', null), eb('assigned_user_id', '=', user.userId)]))
      .returning('id').executeTakeFirst();
    if (claimed) {
      await insertEvent(trx, id, now, user, 'claimed');
      return;
    }
    const current = await trx.selectFrom('contact').select(['status', 'assigned_user_id']).where('id', '=', id).where('county_id', '=', user.countyId).executeTakeFirst();
    if (!current) throw new AppError(404, 'not_found');
    if (current.status === 'closed') throw new AppError(409, 'invalid_transition', 'The contact is closed.');
    if (current.assigned_user_id === user.userId) return; // already mine: a retry
    throw new AppError(409, 'already_claimed', `${await displayName(trx, current.assigned_user_id)} is handling this contact.`);
  });
}

function requireAssignee(row: { assigned_user_id: string | null }, user: SessionUser): void {
  if (row.assigned_user_id !== user.userId && !user.roles.includes('supervisor')) throw new AppError(409, 'not_assignee');
}

/**
 * Claimed means claimed (issue 13): an open contact that another worker holds is changed only by
 * them — person data, consents, initiations, referrals, consultations, classification, wait,
 * close, transfer, callbacks. Anyone else gets 409 `claimed_by_other` naming the holder; a
 * supervisor takes it over first (`takeOverContact`, logged). Free (unassigned) contacts and
 * closed ones are not held. The one rule every change of a contact goes through (after lockContact).
 */
export async function requireHolder(trx: Db, row: { status: ContactStatus; assigned_user_id: string | null }, user: SessionUser): Promise<void> {
  if (!row.assigned_user_id || row.assigned_user_id === user.userId || row.status === 'closed') return;
  const name = await displayName(trx, row.assigned_user_id);
  const next = user.roles.includes('supervisor') ? 'take it over first' : 'ask them or a supervisor';
  throw new AppError(409, 'claimed_by_other', `${name || 'Another worker'} is handling this contact; ${next}.`, [], {}, { holder: { id: row.assigned_user_id, name } });
}

/**
 * A supervisor takes over a contact another worker holds (they are away, or it is urgent): the
 * supervisor holds it from then on (and may transfer it). Logged as a timeline event with the
 * previous holder and the reason, and in the access log. Taking over one's own contact is a no-op.
 */
export async function takeOverContact(db: Kysely<DB>, user: SessionUser, id: string, reason: string | null, now: Date): Promise<{ previousHolder: { id: string; name: string } | null }> {
  return tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    if (row.status === 'closed') throw new AppError(409, 'invalid_transition', 'The contact is closed; reopen it instead.');
    if (row.assigned_user_id === user.userId) return { previousHolder: null };
    const previous = row.assigned_user_id ? { id: row.assigned_user_id, name: await displayName(trx, row.assigned_user_id) } : null;
    await trx.updateTable('contact').set({
      assigned_user_id: user.userId, status: row.status === 'new' ? 'in_progress' : row.status, first_response_at: firstResponse(now),
    }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'taken_over', { from: previous?.id ?? null, fromName: previous?.name ?? null, reason });
    await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: id, action: 'update', purpose: 'supervisor_take_over', details: { from: previous?.id ?? null, reason }, at: now });
    return { previousHolder: previous };
  });
}

export async function releaseContact(db: Kysely<DB>, user: SessionUser, id: string, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    requireAllowed('release', row.status);
    await requireHolder(trx, row, user);
    requireAssignee(row, user);
    await trx.updateTable('contact').set({ status: 'new', waiting_reason: null, assigned_user_id: null }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'released');
  });
}

export async function transferContact(db: Kysely<DB>, user: SessionUser, id: string, toUserId: string, note: string, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    requireAllowed('transfer', row.status);
    // a supervisor may hand a held contact to someone else (the timeline says who did); others only their own or a free one
    if (!user.roles.includes('supervisor')) await requireHolder(trx, row, user);
    const target = await trx.selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select(['u.id', 'u.display_name'])
      .where('u.id', '=', toUserId).where('u.county_id', '=', user.countyId).where('u.active', '=', true).where('r.role', 'in', ['guidance_worker', 'supervisor']).executeTakeFirst();
    if (!target) throw new AppError(400, 'validation_failed', undefined, [{ field: 'body.toUserId', message: 'Not an active guidance worker of this county.' }]);
    await trx.updateTable('contact').set({ assigned_user_id: target.id, status: row.status === 'new' ? 'in_progress' : row.status }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'transferred', { to: target.id, toName: target.display_name, note });
  });
}

export async function waitContact(db: Kysely<DB>, user: SessionUser, id: string, reason: WaitingReason, note: string | null, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    requireAllowed('wait', row.status);
    await requireHolder(trx, row, user);
    await trx.updateTable('contact').set({ status: 'waiting', waiting_reason: reason }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'waiting', { reason, note });
  });
}

/**
 * A worker marks a contact acute (reason `worker`), or unmarks it after assessing it. Unmarking
 * clears every reason, the resident's answer and the detector's too: it is the worker's judgement
 * that no one is in danger now, recorded with who and why; the timeline keeps what was cleared.
 * Only open contacts: a closed one is history (reopen it first). Unmarking is for whoever handles
 * the contact (or a supervisor): someone who has assessed it, not a passer-by in the queue.
 */
export async function markAcute(db: Kysely<DB>, user: SessionUser, id: string, input: { acute: boolean; reason?: string | null }, now: Date): Promise<{ acute: boolean; acuteReasons: AcuteReasonCode[] }> {
  return tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    if (row.status === 'closed') throw new AppError(409, 'invalid_transition', 'The contact is closed; reopen it first.');
    const reason = input.reason?.trim() || null;
    if (input.acute) {
      if (row.acute_reasons.includes('worker')) return { acute: true, acuteReasons: row.acute_reasons }; // already marked: a retry
      const reasons: AcuteReasonCode[] = [...row.acute_reasons, 'worker'];
      await trx.updateTable('contact').set({ acute: true, acute_reasons: reasons, acute_flagged_at: row.acute_flagged_at ?? now }).where('id', '=', id).execute();
      await insertEvent(trx, id, now, user, 'acute_marked', { note: reason });
      return { acute: true, acuteReasons: reasons };
    }
    if (!row.acute) return { acute: false, acuteReasons: [] };
    requireAssignee(row, user); // (the schema requires the reason when unmarking)
    await trx.updateTable('contact').set({ acute: false, acute_reasons: [], acute_trigger_words: [], acute_flagged_at: null }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'acute_unmarked', { note: reason, acuteReasons: row.acute_reasons, acuteTriggerWords: row.acute_trigger_words });
    return { acute: false, acuteReasons: [] };
  });
}

export interface ClassificationInput {
  channel?: string;
  phoneLine?: string | null;
  serviceArea?: string | null;
  municipality?: string | null;
  contactor?: string;
  mainReason?: string | null;
  additionalReasons?: string[];
  note?: string | null;
  urgency?: Urgency;
  triggers?: string[];
  anonymous?: boolean;
  person?: PersonInput | null;
  /** who called; null removes the caller */
  caller?: CallerInput | null;
  /** the person's consent to messages (issue 19); [] withdraws it */
  messageChannels?: MessageChannel[] | null;
}

/**
 * Messages to the resident still waiting to be sent hold the address and consent of when they were
 * queued (issue 19): a channel withdrawn or an address changed leaves that channel's waiting
 * messages unsent, and the old address leaves with them, in the same transaction.
 */
async function skipStaleMessages(
  trx: Transaction<DB>, contactId: string, before: readonly string[], after: readonly string[],
  row: { person_email: string | null; person_phone: string | null }, addresses: { email: string | null; phone: string | null }, now: Date,
): Promise<void> {
  for (const channel of ['email', 'sms'] as const) {
    const reason = before.includes(channel) && !after.includes(channel) ? 'consent_withdrawn'
      : (channel === 'email' ? addresses.email !== row.person_email : addresses.phone !== row.person_phone) ? 'address_changed' : null;
    if (!reason) continue;
    await skipWaitingResidentMessages(trx, [contactId], reason, now, channel);
  }
}

/** Updates what the worker learned; switching to identified adds personal data, never the other way silently. */
export async function updateContact(db: Kysely<DB>, user: SessionUser, id: string, input: ClassificationInput, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    requireAllowed('update', row.status);
    await requireHolder(trx, row, user);
    const c = await loadCountyCodes(trx, user.countyId);
    const errors: FieldError[] = [];
    checkCode(c, 'channel', input.channel, 'body.channel', errors);
    checkCode(c, 'contactor', input.contactor, 'body.contactor', errors);
    checkCode(c, 'service_area', input.serviceArea, 'body.serviceArea', errors);
    checkCode(c, 'reason', input.mainReason, 'body.mainReason', errors);
    checkCode(c, 'urgency', input.urgency, 'body.urgency', errors);
    (input.additionalReasons ?? []).forEach((r, i) => checkCode(c, 'reason', r, `body.additionalReasons.${i}`, errors));
    const line = input.phoneLine ? c.lines.get(input.phoneLine) : undefined;
    if (input.phoneLine && !line) errors.push({ field: 'body.phoneLine', message: `Unknown phone line "${input.phoneLine}".`, code: 'unknown_code' });
    const municipality = input.municipality ? c.municipalities.get(input.municipality) : undefined;
    if (input.municipality && !municipality) errors.push({ field: 'body.municipality', message: `Unknown municipality "${input.municipality}".`, code: 'unknown_code' });
    if (errors.length) throw new AppError(400, 'unknown_code', undefined, errors);

    const anonymous = input.anonymous ?? row.anonymous;
    const note = input.note !== undefined ? input.note : row.note;
    const changes: Updateable<ContactTable> = {};
    let repeat: RawBuilder<number> | undefined;
    if (input.person !== undefined || input.anonymous !== undefined || input.note !== undefined) {
      if (anonymous && !row.anonymous) throw new AppError(409, 'invalid_transition', 'An identified contact cannot be made anonymous; close it and its personal data is erased by the retention rules.');
      const person = input.person ?? (anonymous ? null : { name: row.person_name, phone: row.person_phone, hetu: row.person_hetu, address: row.person_address, email: row.person_email, callbackWindow: row.callback_window });
      Object.assign(changes, personColumns(anonymous, person, note, row.caller_number));
      changes.anonymous = anonymous;
      if (!anonymous) repeat = repeatCount(user.countyId, { hetu: changes.person_hetu ?? null, phone: changes.person_phone ?? null }, row.received_at, id);
      changes.note = note?.trim() || null;
    }
    // the caller: given (null removes it), or kept, which must still fit the contactor and anonymity
    const contactor = input.contactor ?? row.contactor;
    const storedCaller: CallerColumns = { caller_name: row.caller_name, caller_phone: row.caller_phone, caller_organisation: row.caller_organisation, caller_relationship: row.caller_relationship };
    let callerEvent: { kind: string; details: Record<string, unknown> } | null = null;
    if (input.caller !== undefined) {
      const next = callerColumns(anonymous, contactor, input.caller);
      const before = callerFieldsOf(storedCaller);
      const changed = CALLER_FIELDS.filter((k) => next[`caller_${k}`] !== storedCaller[`caller_${k}`]);
      if (changed.length) {
        Object.assign(changes, next);
        const after = callerFieldsOf(next);
        callerEvent = { kind: !after.length ? 'caller_removed' : !before.length ? 'caller_recorded' : 'caller_changed', details: { fields: changed, contactor } };
      }
    } else if (callerFieldsOf(storedCaller).length && (contactor === 'self' || anonymous)) {
      throw new AppError(422, 'validation_failed', undefined, [{
        field: 'body.caller', code: 'personal_data_not_allowed',
        message: 'A caller is recorded: with contactor self the person called themselves; remove the caller in the same request (caller: null).',
      }]);
    }
    // the consent to messages: given ([] or null withdraws it), or kept, which must still have its address
    const storedChannels = row.message_channels ?? [];
    const addresses = {
      email: 'person_email' in changes ? changes.person_email ?? null : row.person_email,
      phone: 'person_phone' in changes ? changes.person_phone ?? null : row.person_phone,
    };
    let consentChanged: MessageChannel[] | null = null;
    if (input.messageChannels !== undefined) {
      const next = messageChannelColumns(anonymous, input.messageChannels ?? [], addresses);
      if (!sameChannels(next, storedChannels)) { changes.message_channels = next; consentChanged = next; }
    } else if (storedChannels.length) {
      messageChannelColumns(anonymous, storedChannels, addresses);
    }
    if (input.channel) changes.channel = input.channel;
    if (input.phoneLine !== undefined) changes.phone_line_id = line?.id ?? null;
    if (input.serviceArea !== undefined) changes.service_area = input.serviceArea;
    if (input.municipality !== undefined) { changes.municipality_id = municipality?.id ?? null; if (municipality?.regionId) changes.region_id = municipality.regionId; }
    if (input.contactor) changes.contactor = input.contactor;
    if (input.mainReason !== undefined) changes.main_reason = input.mainReason;
    if (input.additionalReasons) changes.additional_reasons = input.additionalReasons;
    if (input.triggers) changes.triggers = input.triggers;
    if (input.urgency && input.urgency !== row.urgency) {
      changes.urgency = input.urgency;
      // a child welfare notification's urgency assessment stays due the day it arrived (LsL 26 §)
      if (row.notification_kind !== 'child_welfare') changes.respond_by = servicePromise(row.received_at, input.urgency).respondBy;
    }
    // e.g. the urgency it already has: nothing to set (an empty SET is a syntax error)
    if (Object.keys(changes).length > 0 || repeat) await trx.updateTable('contact').set({ ...changes, ...(repeat ? { repeat_contacts_30d: repeat } : {}) }).where('id', '=', id).execute();
    await skipStaleMessages(trx, id, storedChannels, consentChanged ?? storedChannels, row, addresses, now);
    await insertEvent(trx, id, now, user, 'updated', { fields: Object.keys(input) });
    if (callerEvent) await insertEvent(trx, id, now, user, callerEvent.kind, callerEvent.details);
    if (consentChanged) await insertEvent(trx, id, now, user, 'message_consent', { channels: consentChanged });
    if (!anonymous) await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: id, action: 'update', purpose: 'client_guidance' });
  });
}

export async function closeContact(db: Kysely<DB>, user: SessionUser, id: string, input: { outcome: string; handlingSeconds?: number | null; ledToClientRelationship: boolean; mainReason?: string | null; contactor?: string }, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    requireAllowed('close', row.status);
    await requireHolder(trx, row, user);
    const c = await loadCountyCodes(trx, user.countyId);
    const errors: FieldError[] = [];
    checkCode(c, 'outcome', input.outcome, 'body.outcome', errors);
    checkCode(c, 'reason', input.mainReason, 'body.mainReason', errors);
    checkCode(c, 'contactor', input.contactor, 'body.contactor', errors);
    if (errors.length) throw new AppError(400, 'unknown_code', undefined, errors);
    const mainReason = input.mainReason ?? row.main_reason;
    const contactor = input.contactor ?? row.contactor;
    const problems = closingProblems({ outcome: input.outcome, mainReason, contactor, ledToClientRelationship: input.ledToClientRelationship });
    if (problems.length) throw new AppError(400, 'closing_incomplete', undefined, problems);
    if (contactor === 'self' && (row.caller_name ?? row.caller_phone ?? row.caller_organisation ?? row.caller_relationship) !== null) {
      throw new AppError(422, 'validation_failed', undefined, [{ field: 'body.contactor', message: 'A caller is recorded on this contact: the person did not call themselves. Remove the caller first, or choose who called.', code: 'invalid' }]);
    }
    const firstClaim = await trx.selectFrom('contact_event').select('at').where('contact_id', '=', id).where('kind', '=', 'claimed').orderBy('at').executeTakeFirst();
    const handling = input.handlingSeconds ?? (firstClaim ? Math.round((now.getTime() - firstClaim.at.getTime()) / 1000) : null);
    await trx.updateTable('contact').set({
      status: 'closed', waiting_reason: null, outcome: input.outcome, main_reason: mainReason, contactor,
      led_to_client_relationship: input.ledToClientRelationship, handling_seconds: handling, closed_at: now, closed_by_user_id: user.userId, first_response_at: firstResponse(now),
      assigned_user_id: row.assigned_user_id ?? user.userId,
      // the caller number of an anonymous call disappears when the contact closes
      ...(row.anonymous ? { caller_number: null } : {}),
    }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'closed', { outcome: input.outcome });
  });
}

export async function reopenContact(db: Kysely<DB>, user: SessionUser, id: string, reason: string, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    requireAllowed('reopen', row.status);
    if (row.personal_data_erased_at) throw new AppError(409, 'invalid_transition', 'The personal data of this contact has been erased; register a new contact.');
    await trx.updateTable('contact').set({ status: 'in_progress', assigned_user_id: user.userId, outcome: null, closed_at: null, closed_by_user_id: null, handling_seconds: null, led_to_client_relationship: null }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'reopened', { reason, previousOutcome: row.outcome });
  });
}

export async function recordCallbackAttempt(db: Kysely<DB>, user: SessionUser, id: string, result: 'reached' | 'no_answer' | 'busy' | 'wrong_number' | 'voicemail', now: Date): Promise<{ status: ContactStatus; failedAttempts: number }> {
  return tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    if (row.status === 'closed') throw new AppError(409, 'invalid_transition', 'The contact is closed.');
    await requireHolder(trx, row, user);
    await trx.insertInto('callback_attempt').values({ contact_id: id, at: now, result, user_id: user.userId }).execute();
    await insertEvent(trx, id, now, user, 'callback_attempt', { result });
    const failed = Number((await trx.selectFrom('callback_attempt').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', id).where('result', '<>', 'reached').executeTakeFirstOrThrow()).n);
    if (result === 'reached') {
      await trx.updateTable('contact').set({ status: 'in_progress', waiting_reason: null, assigned_user_id: user.userId, first_response_at: firstResponse(now), ...reached(now, 'callback') }).where('id', '=', id).execute();
      return { status: 'in_progress' as const, failedAttempts: failed };
    }
    if (failed >= row.callback_attempts_allowed) {
      await trx.updateTable('contact').set({
        status: 'closed', waiting_reason: null, outcome: 'not_reached', main_reason: row.main_reason ?? 'other', first_response_at: firstResponse(now),
        led_to_client_relationship: false, closed_at: now, closed_by_user_id: user.userId, assigned_user_id: row.assigned_user_id ?? user.userId,
        ...(row.anonymous ? { caller_number: null } : {}),
      }).where('id', '=', id).execute();
      await insertEvent(trx, id, now, user, 'closed', { outcome: 'not_reached', automatic: true, attempts: failed });
      return { status: 'closed' as const, failedAttempts: failed };
    }
    await trx.updateTable('contact').set({ status: 'waiting', waiting_reason: 'callback_attempt', assigned_user_id: row.assigned_user_id ?? user.userId, first_response_at: firstResponse(now) }).where('id', '=', id).execute();
    return { status: 'waiting' as const, failedAttempts: failed };
  });
}

export async function addConsent(db: Kysely<DB>, user: SessionUser, id: string, input: { givenBy: 'client' | 'guardian' | 'legal_representative'; method: 'verbal' | 'written' | 'electronic'; purpose: 'forward_to_unit' | 'consultation' | 'kela' | 'other_actor' | 'recording'; target: string; givenAt?: Date }, now: Date): Promise<{ id: string }> {
  return tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    await requireHolder(trx, row, user);
    if (row.anonymous) throw new AppError(409, 'invalid_transition', 'Consent is recorded for identified contacts; an anonymous consultation needs none.');
    const consent = await trx.insertInto('consent').values({ contact_id: id, given_by: input.givenBy, method: input.method, purpose: input.purpose, target: input.target, given_at: input.givenAt ?? now, recorded_by_user_id: user.userId }).returning('id').executeTakeFirstOrThrow();
    await insertEvent(trx, id, now, user, 'consent_given', { consentId: consent.id, purpose: input.purpose, target: input.target, method: input.method });
    await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: id, action: 'update', purpose: 'consent' });
    return consent;
  });
}

export async function withdrawConsent(db: Kysely<DB>, user: SessionUser, id: string, consentId: string, now: Date): Promise<void> {
  await tx(db, async (trx) => {
    await requireHolder(trx, await lockContact(trx, user.countyId, id), user);
    const updated = await trx.updateTable('consent').set({ withdrawn_at: now, withdrawn_by_user_id: user.userId }).where('id', '=', consentId).where('contact_id', '=', id).where('withdrawn_at', 'is', null).returning('id').executeTakeFirst();
    if (!updated) throw new AppError(404, 'not_found', 'No such consent in force on this contact.');
    await insertEvent(trx, id, now, user, 'consent_withdrawn', { consentId });
    await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: id, action: 'update', purpose: 'consent' });
  });
}

export async function recordInitiation(db: Kysely<DB>, user: SessionUser, id: string, input: { initiatedOn?: string; concerns: string; receivingUnit: string; urgent: boolean; highestCareAllowance: boolean }, now: Date): Promise<{ id: string; legalDeadline: string | null; legalBasis: 'shl_36' | 'lsl_26' | 'thl_51' | null; ageAtInitiation: number | null }> {
  return tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    await requireHolder(trx, row, user);
    if (row.anonymous) throw new AppError(409, 'invalid_transition', 'A matter is made pending by an identified person; make the contact identified first.');
    if (!row.person_name && !row.person_hetu) throw new AppError(400, 'validation_failed', undefined, [{ field: 'person', message: 'Record the person’s name or identity code first.', code: 'identifier_required' }]);
    const unit = await receivingUnitByCode(trx, user.countyId, input.receivingUnit);
    if (!unit || !unit.active) throw new AppError(400, 'unknown_code', undefined, [{ field: 'body.receivingUnit', message: `Unknown or inactive receiving unit "${input.receivingUnit}".`, code: 'unknown_code' }]);
    const initiatedOn = input.initiatedOn ?? helsinkiDate(now);
    const age = row.person_birth_date ? ageOn(row.person_birth_date, initiatedOn) : null;
    // the clock runs from the day the person or the notifier contacted the county (or a worker's earlier day),
    // not from the day this is recorded; a date already past is stored as it is (overdue), never moved
    const clock = initiationClock({
      receivedOn: row.received_on, initiatedOn, urgent: input.urgent,
      priorityClient: (age !== null && age >= 75) || input.highestCareAllowance, childWelfare: row.notification_kind === 'child_welfare',
    });
    const legalDeadline = clock?.date ?? null;
    const legalBasis = clock?.basis ?? null;
    const created = await trx.insertInto('initiation').values({
      contact_id: id, initiated_on: initiatedOn, concerns: input.concerns, receiving_unit_id: unit.id, urgent: input.urgent,
      highest_care_allowance: input.highestCareAllowance, age_at_initiation: age, legal_deadline: legalDeadline, legal_basis: legalBasis, recorded_by_user_id: user.userId,
    }).returning('id').executeTakeFirstOrThrow();
    await insertEvent(trx, id, now, user, 'initiation', { initiationId: created.id, unit: input.receivingUnit, legalDeadline, legalBasis });
    await logAccess(trx, { actor: user, subjectType: 'contact', subjectId: id, action: 'create', purpose: 'initiation_of_matter' });
    return { id: created.id, legalDeadline, legalBasis, ageAtInitiation: age };
  });
}

/**
 * The matter waits for a consultation (domain § 5): the contact keeps its handler (or gets the
 * asker) and its promise date, which keeps counting.
 */
export async function waitForConsultation(trx: Transaction<DB>, user: SessionUser, contact: { id: string; assigned_user_id: string | null }, now: Date): Promise<void> {
  await trx.updateTable('contact').set({
    status: 'waiting', waiting_reason: 'consultation', assigned_user_id: contact.assigned_user_id ?? user.userId, first_response_at: firstResponse(now),
  }).where('id', '=', contact.id).execute();
}

/** The last open consultation of a contact ended: a contact waiting for it goes back to its handler, or to the queue. */
export async function endConsultationWait(trx: Transaction<DB>, countyId: string, contactId: string): Promise<void> {
  const contact = await lockContact(trx, countyId, contactId);
  if (contact.status !== 'waiting' || contact.waiting_reason !== 'consultation') return;
  await trx.updateTable('contact').set({ status: contact.assigned_user_id ? 'in_progress' : 'new', waiting_reason: null }).where('id', '=', contactId).execute();
}

/**
 * A referral came back (wrong service): the matter is the guidance unit's again. The return is
 * counted (ping-pong in the statistics), and a closed contact reopens in the queue, unassigned.
 */
export async function returnToGuidance(trx: Transaction<DB>, user: SessionUser, contactId: string, details: Record<string, unknown>, now: Date): Promise<{ reopened: boolean }> {
  const contact = await lockContact(trx, user.countyId, contactId);
  const reopened = contact.status === 'closed';
  await trx.updateTable('contact').set({
    referral_returns: sql`referral_returns + 1`,
    ...(reopened ? { status: 'new', waiting_reason: null, assigned_user_id: null, outcome: null, closed_at: null, closed_by_user_id: null, handling_seconds: null, led_to_client_relationship: null } : {}),
  }).where('id', '=', contactId).execute();
  if (reopened) await insertEvent(trx, contactId, now, user, 'reopened', { ...details, previousOutcome: contact.outcome });
  return { reopened };
}

/** The first time a worker took the matter up; later actions keep it. */
export const firstResponse = (now: Date) => sql<Date>`coalesce(first_response_at, ${now})`;

/**
 * The first time the person (or the notifier) was reached, and how: later reaches keep the first.
 * The service promise is kept when this is by `respond_by` (issue 12).
 */
export const reached = (now: Date, how: ReachedHow) => ({
  reached_at: sql<Date>`coalesce(reached_at, ${now})`,
  reached_how: sql<ReachedHow>`coalesce(reached_how, ${how})`,
});

/**
 * A worker records that the person was reached by another means than a logged call: a reply sent
 * to a form or an e-mail, a call from the worker's own phone, a meeting. Idempotent: the first
 * reach is kept (and told back), a repeat records nothing. Open or closed contacts alike (a reply
 * may be sent as the contact closes); anonymous ones too (no personal data is involved).
 */
export async function markReached(db: Kysely<DB>, user: SessionUser, id: string, how: 'reply_sent' | 'phone' | 'met', now: Date): Promise<{ reachedAt: Date; reachedHow: ReachedHow; recorded: boolean }> {
  return tx(db, async (trx) => {
    const row = await lockContact(trx, user.countyId, id);
    if (row.reached_at && row.reached_how) return { reachedAt: row.reached_at, reachedHow: row.reached_how, recorded: false };
    await trx.updateTable('contact').set({ reached_at: now, reached_how: how }).where('id', '=', id).execute();
    await insertEvent(trx, id, now, user, 'reached', { how });
    return { reachedAt: now, reachedHow: how, recorded: true };
  });
}

/**
 * The repeat-contact count stored on a contact (multi-service trigger 3): 1 + the contacts of the
 * same person (identity code or phone) in the 30 days before `receivedAt`, other than `exceptId`.
 * A SQL expression, so it is counted in the statement that writes it, while the identifiers exist.
 */
function repeatCount(countyId: string, who: { hetu: string | null; phone: string | null }, receivedAt: Date, exceptId?: string) {
  const same = [...(who.hetu ? [sql`person_hetu = ${who.hetu}`] : []), ...(who.phone ? [sql`person_phone = ${who.phone}`] : [])];
  if (!same.length) return sql<number>`1`;
  const since = new Date(receivedAt.getTime() - REPEAT_CONTACT_DAYS * 86_400_000);
  return sql<number>`1 + (select count(*) from contact where county_id = ${countyId} and received_at > ${since} and received_at <= ${receivedAt}
    and (${sql.join(same, sql` or `)})${exceptId ? sql` and id <> ${exceptId}` : sql``})::int`;
}
