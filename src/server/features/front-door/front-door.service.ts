import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { hit, type RateLimit } from '../../platform/rate-limit.js';
import { tx } from '../../platform/tx.js';
import { normalisePhone } from '../../../domain/personal-data.js';
import { createContact, loadCountyCodes, type ContactInput } from '../contacts/public.js';
import { receiptSuggestions } from '../catalogue/public.js';
import { issueFeedbackToken } from '../feedback/public.js';
import { handOffIfOutOfHours, isSocialEmergencyOpen, socialEmergencyOf, type SocialEmergency } from '../emergency/public.js';
import { classify, CONSENT_TEXT_VERSION, EMERGENCY_NUMBER, emergencyContactList, type EmergencyContact } from '../../../domain/front-door.js';
import { resolveCountyId } from '../organisation/public.js';
import { detectAcute } from '../../../domain/triage/acute.js';
import type { AcuteReasonCode } from '../../platform/schema.js';
import type { CallbackRequest, ContactRequest, ProfessionalNotification, Receipt } from './front-door.schemas.js';

export interface Limits {
  perAddress: RateLimit;
  perPhone: RateLimit;
  secret: string;
}

export interface Submission {
  countyId: string;
  /** the client's address, for the per-address limit */
  address: string;
  now: Date;
  limits: Limits;
}

export type { Receipt };

/**
 * Acute when the resident said so (authoritative) or the detector finds acute words in the text
 * (its category and the words that triggered it are stored for the worker). Text in any language
 * is looked at in all three (domain/triage/acute.ts).
 */
export function acuteOf(dangerNow: boolean, text: string | null): { reasons: AcuteReasonCode[]; triggerWords: string[] } | null {
  const reasons: AcuteReasonCode[] = dangerNow ? ['danger_now'] : [];
  let triggerWords: string[] = [];
  if (text) {
    // a fault in the detector must never lose a resident's message: it then counts as not detected
    let d: ReturnType<typeof detectAcute> | null = null;
    try { d = detectAcute(text); } catch { d = null; }
    if (d?.acute && d.category) { reasons.push(d.category); triggerWords = d.because; }
  }
  return reasons.length ? { reasons, triggerWords } : null;
}

/** Who to call now (domain/front-door): 112, the county's crisis line, its social emergency service with whether it answers now. */
export function emergencyContacts(service: SocialEmergency, now: Date): EmergencyContact[] {
  return emergencyContactList({ crisisPhone: service.crisisPhone, socialEmergencyPhone: service.phone, socialEmergencyOpenNow: isSocialEmergencyOpen(service, now) });
}

/**
 * A refused request (a rate limit, the honeypot, a closed chat…) that says or shows danger now still
 * tells whom to call: the problem gains `emergencyContacts`, 112 first. Safety first: a limit may
 * stop a submission, never the numbers. Server errors and problems that have them already pass.
 */
export async function withEmergencyContacts(db: Kysely<DB>, now: Date, err: unknown, county: string | undefined, acute: boolean): Promise<unknown> {
  if (!acute || !(err instanceof AppError) || err.status >= 500 || err.extensions.emergencyContacts) return err;
  let contacts: EmergencyContact[] = [{ kind: 'emergency', phone: EMERGENCY_NUMBER, openNow: true }];
  try {
    contacts = emergencyContacts(await socialEmergencyOf(db, await resolveCountyId(db, county)), now);
  } catch { /* the county or the database is away: 112 alone */ }
  return new AppError(err.status, err.code, err.detail, err.fields, err.headers, { ...err.extensions, emergencyContacts: contacts });
}

/** What the receipt needs beyond the contact: the text for the suggestions, the region for the guidance hours. */
interface Extras { text: string | null; lang: 'fi' | 'sv' | 'en'; municipality: string | null; regionCode: string | null; suggest: boolean }

/** The honeypot: a person never sees the field, so anything in it came from a machine. */
function refuseAutomated(website: string | undefined): void {
  if (website && website.trim() !== '') throw new AppError(400, 'automated_submission');
}

/** The contacts service names its own fields (person.phone, note); a form's reader wants the form's. */
function renamed(err: unknown, fields: Record<string, string>): unknown {
  if (!(err instanceof AppError) || err.fields.length === 0) return err;
  const mapped: FieldError[] = err.fields.map((f) => ({ ...f, field: fields[f.field] ?? f.field }));
  return new AppError(err.status, err.code, err.detail, mapped, err.headers);
}

/**
 * Creates the contact and counts the phone number's submission in one transaction (joining the
 * caller's: with an Idempotency-Key, the stored answer commits with them), so a refused or
 * failed submission is not counted and an acknowledged one is durable.
 */
async function submit(db: Kysely<DB>, s: Submission, form: string, phone: string | null, input: ContactInput, fields: Record<string, string>, extras: Extras): Promise<Receipt> {
  const acute = Boolean(input.acute?.reasons.length);
  try {
    const service = await socialEmergencyOf(db, s.countyId);
    const stored = await tx(db, async (trx) => {
      if (phone) await hit(trx, s.limits.perPhone, phone, s.limits.secret, s.now);
      const c = await createContact(trx, { system: form, countyId: s.countyId }, { ...input, createdDetails: { form, ...input.createdDetails } }, s.now);
      // out of guidance hours: to the social emergency service, in the same transaction as the contact
      const handedTo = await handOffIfOutOfHours(trx, {
        countyId: s.countyId, contactId: c.id, regionCode: extras.regionCode, acute, urgency: c.urgency, notificationKind: input.notification?.kind ?? null, now: s.now,
      }, service);
      // the contact form's receipt carries a link to tell us how it went (issue 16): the invite
      // commits with the contact; the feedback itself will hold nothing that leads back to it
      const feedbackToken = form === 'contact_request' ? await issueFeedbackToken(trx, { countyId: s.countyId, contactId: c.id, secret: s.limits.secret, now: s.now }) : null;
      return { c, handedTo, feedbackToken };
    });
    const text = extras.text;
    const services = !acute && extras.suggest && text
      ? await bestEffort(db, async () => (await receiptSuggestions(db, s.countyId, { text, lang: extras.lang, municipality: extras.municipality }, s.now))
        .map(({ id, name, summary, url, phone: tel, because }) => ({ id, name, summary, url, phone: tel, because })), [])
      : [];
    // the hand-off row waits for the service either way; the resident is told "handed over" only
    // while the service answers (outside its hours the receipt's numbers say whom to call now)
    const handedOver = stored.handedTo !== null && isSocialEmergencyOpen(service, s.now);
    return {
      reference: stored.c.reference, respondBy: stored.c.respondBy, urgent: stored.c.urgency !== 'non_urgent',
      acute, emergencyContacts: acute ? emergencyContacts(service, s.now) : [],
      handedToSocialEmergency: handedOver, socialEmergencyPhone: handedOver ? service.phone : null,
      services,
      feedbackToken: stored.feedbackToken,
    };
  } catch (err) {
    throw renamed(err, fields);
  }
}

/**
 * A receipt never fails because the catalogue could not be searched. Inside the caller's
 * transaction (the Idempotency-Key's) a failed query would abort it, so the search runs in a
 * savepoint that is rolled back on failure.
 */
async function bestEffort<T>(db: Kysely<DB>, work: () => Promise<T>, fallback: T): Promise<T> {
  if (!db.isTransaction) return work().catch(() => fallback);
  await sql`savepoint receipt_suggestions`.execute(db);
  try {
    const result = await work();
    await sql`release savepoint receipt_suggestions`.execute(db);
    return result;
  } catch {
    await sql`rollback to savepoint receipt_suggestions`.execute(db);
    return fallback;
  }
}

/**
 * The resident's "someone is in danger now" makes it an emergency (first of the urgencies in the
 * queue's rank); detected acute words make it at least urgent (the detector may be wrong, the
 * resident is not); otherwise what the form said.
 */
function urgencyOf(dangerNow: boolean, acute: { reasons: AcuteReasonCode[] } | null, given: 'urgent' | 'non_urgent'): 'emergency' | 'urgent' | 'non_urgent' {
  if (dangerNow) return 'emergency';
  return acute ? 'urgent' : given;
}

/** The contact's region code: its municipality's, else its line's (the guidance hours are the region's). */
function regionOf(codes: Awaited<ReturnType<typeof loadCountyCodes>>, municipality: string | null, lineRegionId: string | null): string | null {
  const regionId = (municipality ? codes.municipalities.get(municipality)?.regionId : null) ?? lineRegionId;
  return regionId ? codes.regionCodeById.get(regionId) ?? null : null;
}

/** Every public submission counts against its address first, refused ones included. */
export async function countAddress(db: Kysely<DB>, s: Submission): Promise<void> {
  await hit(db, s.limits.perAddress, s.address, s.limits.secret, s.now);
}

const CONTACT_REQUEST_FIELDS = {
  'body.person.name': 'body.name', 'body.person.phone': 'body.phone', 'body.person.callbackWindow': 'body.callbackWindow',
  'body.person': 'body.phone', 'body.note': 'body.text', 'body.residentMessage': 'body.text', 'body.municipality': 'body.municipality', 'body.contactor': 'body.contactor',
  'body.person.email': 'body.email', 'body.messageChannels': 'body.messages',
};

/** The guided contact form ("Apua-nappi"): channel web_form, with the service promise. */
export async function submitContactRequest(db: Kysely<DB>, s: Submission, body: ContactRequest): Promise<Receipt> {
  refuseAutomated(body.website);
  const errors: FieldError[] = [];
  let phone: string | null = null;
  if (body.anonymous) {
    for (const field of ['name', 'phone', 'callbackWindow', 'email'] as const) {
      if (body[field]) errors.push({ field: `body.${field}`, message: 'An anonymous request cannot hold a name, phone number, e-mail address or callback time.', code: 'personal_data_not_allowed' });
    }
    // messages need someone to send them to (issue 19)
    if (body.messages.length) errors.push({ field: 'body.messages', message: 'An anonymous request gets no messages: there is no address to send them to.', code: 'personal_data_not_allowed' });
  } else {
    if (!body.phone) errors.push({ field: 'body.phone', message: 'We need a phone number to contact you.', code: 'required' });
    else if (!(phone = normalisePhone(body.phone))) errors.push({ field: 'body.phone', message: 'Not a phone number.', code: 'invalid_phone' });
    if (body.consent !== true) errors.push({ field: 'body.consent', message: 'An identified request needs the consent to record the details and contact the resident.', code: 'consent_required' });
    if (body.messages.includes('email') && !body.email) errors.push({ field: 'body.email', message: 'We need your e-mail address to send you e-mail.', code: 'required' });
  }
  if (errors.length) throw new AppError(400, body.anonymous ? 'personal_data_in_anonymous' : 'validation_failed', undefined, errors);

  const codes = await loadCountyCodes(db, s.countyId);
  const { mainReason, serviceArea } = classify(body.topic, (set, code) => codes.codes.get(set)?.has(code) ?? false);
  const acute = acuteOf(body.dangerNow, body.text);
  return submit(db, s, 'contact_request', phone, {
    channel: 'web_form', contactor: body.contactor, anonymous: body.anonymous, mainReason, serviceArea,
    // the resident's words as sent (issue 14), besides the note they prefill for the worker to edit
    municipality: body.municipality ?? null, note: body.text, residentMessage: body.text, urgency: urgencyOf(body.dangerNow, acute, body.urgent ? 'urgent' : 'non_urgent'), language: body.lang, acute,
    person: body.anonymous ? null : { name: body.name, phone: body.phone, callbackWindow: body.callbackWindow, email: body.email || null },
    messageChannels: body.anonymous ? [] : body.messages,
    consents: !body.anonymous && body.contactor === 'self' ? [{ givenBy: 'client', method: 'electronic', purpose: 'recording', target: 'Asiakasohjaus: yhteydenottolomake' }] : [],
    createdDetails: { topic: body.topic ?? null, dangerNow: body.dangerNow, ...(body.anonymous ? {} : { consentText: CONSENT_TEXT_VERSION }) },
  }, CONTACT_REQUEST_FIELDS, { text: body.text, lang: body.lang, municipality: body.municipality ?? null, regionCode: regionOf(codes, body.municipality ?? null, null), suggest: true });
}

/** "Call me back": a callback task on a public line (a short form: line, phone, time window). */
export async function submitCallbackRequest(db: Kysely<DB>, s: Submission, body: CallbackRequest): Promise<Receipt> {
  refuseAutomated(body.website);
  const errors: FieldError[] = [];
  const phone = normalisePhone(body.phone);
  if (!body.phone) errors.push({ field: 'body.phone', message: 'We need a phone number to call.', code: 'required' });
  else if (!phone) errors.push({ field: 'body.phone', message: 'Not a phone number.', code: 'invalid_phone' });
  // asking to be called is itself the consent to keep the number for the call (as a missed call's
  // number is kept); only an explicit refusal is refused
  if (body.consent === false) errors.push({ field: 'body.consent', message: 'A callback needs the number to be stored until the call.', code: 'consent_required' });
  const codes = await loadCountyCodes(db, s.countyId);
  const line = codes.lines.get(body.line);
  if (!line || line.authorityOnly) errors.push({ field: 'body.line', message: `No public phone line "${body.line}".`, code: 'unknown_code' });
  if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);
  const acute = acuteOf(body.dangerNow, null);
  return submit(db, s, 'callback_request', phone, {
    channel: 'callback', phoneLine: body.line, anonymous: false, language: body.lang, acute, urgency: urgencyOf(body.dangerNow, acute, 'non_urgent'),
    person: { name: body.name, phone: body.phone, callbackWindow: body.callbackWindow },
    // a text message confirming the request, only when asked for: others may read the phone's screen (issue 19)
    messageChannels: body.messages,
    consents: body.consent ? [{ givenBy: 'client', method: 'electronic', purpose: 'recording', target: 'Asiakasohjaus: takaisinsoittopyyntö' }] : [],
    createdDetails: { dangerNow: body.dangerNow, ...(body.consent ? { consentText: CONSENT_TEXT_VERSION } : {}) },
  }, { 'body.person.name': 'body.name', 'body.person.phone': 'body.phone', 'body.person.callbackWindow': 'body.callbackWindow', 'body.phoneLine': 'body.line', 'body.messageChannels': 'body.messages' },
  { text: null, lang: body.lang, municipality: null, regionCode: regionOf(codes, null, line?.regionId ?? null), suggest: false });
}

/**
 * A professional's notification (SHL 35 §) or child welfare notification (LsL 25 §): channel
 * e_notification, about a named person. Professionals send many a day, so only the address limit
 * applies, not the per-phone one.
 */
export async function submitProfessionalNotification(db: Kysely<DB>, s: Submission, body: ProfessionalNotification): Promise<Receipt> {
  refuseAutomated(body.website);
  const codes = await loadCountyCodes(db, s.countyId);
  const { mainReason, serviceArea } = body.kind === 'child_welfare'
    ? classify('child_family', (set, code) => codes.codes.get(set)?.has(code) ?? false)
    : { mainReason: null, serviceArea: null };
  const acute = acuteOf(false, body.text);
  return submit(db, s, 'professional_notification', null, {
    channel: 'e_notification', contactor: body.contactor, anonymous: false, municipality: body.municipality ?? null,
    note: body.text, residentMessage: body.text, urgency: urgencyOf(false, acute, body.urgency), language: body.lang, acute,
    mainReason, serviceArea,
    person: { name: body.subject.name, hetu: body.subject.hetu, address: body.subject.address, phone: body.subject.phone },
    notification: { kind: body.kind, notifier: { ...body.notifier, email: body.notifier.email || null, subjectConsent: body.subjectConsent, noConsentReason: body.noConsentReason } },
    createdDetails: { kind: body.kind },
  }, {
    'body.person.name': 'body.subject.name', 'body.person.hetu': 'body.subject.hetu', 'body.person.phone': 'body.subject.phone',
    'body.person.address': 'body.subject.address', 'body.person': 'body.subject.name', 'body.note': 'body.text', 'body.residentMessage': 'body.text',
  }, { text: body.text, lang: body.lang, municipality: body.municipality ?? null, regionCode: regionOf(codes, body.municipality ?? null, null), suggest: false });
}
