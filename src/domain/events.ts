/**
 * The event catalogue (issue 19, ADR 0017): every domain event Opastin publishes to the county's
 * other systems, as CloudEvents 1.0 (JSON format). Written to the outbox by database triggers in
 * the same transaction as the change (migration 0022); delivered by webhooks and by
 * GET /api/events. The data of an event holds no personal data: ids, the contact's reference (the
 * number the resident and the staff quote), codes, dates. A subscription whose legal basis allows
 * personal data also gets `person` (see PERSON_FIELDS) added at delivery, while the contact still
 * holds it.
 *
 * Versioning: the type ends in .v1; a change that removes or changes a field makes .v2, published
 * beside .v1 for at least one release. New optional fields may appear in a version.
 *
 * Signatures (webhooks): header `Opastin-Signature: t=<unix seconds>,v1=<hex>` where
 * hex = HMAC-SHA256(secret, `${t}.${raw request body}`). A receiver recomputes it over the raw
 * bytes, compares in constant time and refuses a t more than 5 minutes from its clock
 * (features/integration/signature.ts is the recipe, usable as is by a Node receiver; docs/integration.md).
 */
export const EVENT_TYPES = [
  'fi.opastin.contact.registered.v1',
  'fi.opastin.notification.received.v1',
  'fi.opastin.initiation.recorded.v1',
  'fi.opastin.referral.sent.v1',
  'fi.opastin.referral.accepted.v1',
  'fi.opastin.referral.returned.v1',
  'fi.opastin.referral.client_contacted.v1',
  'fi.opastin.referral.completed.v1',
  'fi.opastin.referral.cancelled.v1',
  'fi.opastin.referral.escalated.v1',
  'fi.opastin.consent.given.v1',
  'fi.opastin.consent.withdrawn.v1',
  'fi.opastin.contact.personal_data_erased.v1',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** What each type means, for the catalogue (GET /api/events/catalogue, the OpenAPI document's webhooks). */
export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'fi.opastin.contact.registered.v1': 'A contact was registered, in any channel (phone, callback, chat, web form, walk-in, a professional\'s notification). Subject contact/<id>.',
  'fi.opastin.notification.received.v1': 'A professional\'s notification was received: SHL 35 § (social_welfare) or LsL 25 § (child_welfare), with its statutory deadline. Subject contact/<id>.',
  'fi.opastin.initiation.recorded.v1': 'An initiation (SHL 35 §, LsL 25 §, THL 51 §) was recorded: the matter is pending with the named unit. Subject contact/<id>.',
  'fi.opastin.referral.sent.v1': 'A referral was sent to a receiving unit or an outside service (a direct booking arrives already accepted). Subject referral/<id>.',
  'fi.opastin.referral.accepted.v1': 'The receiving unit accepted the referral. Subject referral/<id>.',
  'fi.opastin.referral.returned.v1': 'The receiving unit returned the referral to guidance (not theirs). Subject referral/<id>.',
  'fi.opastin.referral.client_contacted.v1': 'The receiving unit reached the client. Subject referral/<id>.',
  'fi.opastin.referral.completed.v1': 'The referral ended with an outcome. Subject referral/<id>.',
  'fi.opastin.referral.cancelled.v1': 'Guidance cancelled the referral. Subject referral/<id>.',
  'fi.opastin.referral.escalated.v1': 'A referral passed its acceptance day (level 1) or client-contact day (level 2): the unit was reminded and supervisors see it. Subject referral/<id>.',
  'fi.opastin.consent.given.v1': 'The client gave a consent (to forward to a unit, to a consultation, to Kela, to another actor, to recording). Subject contact/<id>.',
  'fi.opastin.consent.withdrawn.v1': 'The client withdrew a consent. Subject contact/<id>.',
  'fi.opastin.contact.personal_data_erased.v1': 'The retention rule erased the contact\'s personal data: systems holding a copy under Opastin\'s rule erase theirs. Subject contact/<id>.',
};

/** The fields a subscription with a legal basis for personal data gets as data.person. */
export const PERSON_FIELDS = ['name', 'hetu', 'birthDate', 'phone', 'email', 'address', 'language'] as const;

export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  dataschema: string;
  /** CloudEvents sequence extension: the outbox's commit order, as a decimal string */
  sequence: string;
  data: Record<string, unknown>;
}

/** The envelope of an outbox row: source names the county, dataschema the catalogue entry. */
export function toCloudEvent(row: { id: string; seq: string; type: string; subject: string; time: Date | string; data: Record<string, unknown> }, countyCode: string): CloudEvent {
  return {
    specversion: '1.0', id: row.id, source: `/opastin/counties/${countyCode}`, type: row.type, subject: row.subject,
    time: new Date(row.time).toISOString(), datacontenttype: 'application/json',
    dataschema: `/api/events/catalogue#${row.type}`, sequence: String(row.seq), data: row.data,
  };
}

/**
 * Webhook retries: the wait before attempt n+1 after n failed attempts. Doubles from 30 s and stays
 * at 1 hour; a delivery is given up (dead letter) after MAX_DELIVERY_ATTEMPTS, about 24 hours, so a
 * subscriber down for an hour gets everything when it is back.
 */
export const MAX_DELIVERY_ATTEMPTS = 30;
export function retryDelaySeconds(failedAttempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, failedAttempts - 1));
}
