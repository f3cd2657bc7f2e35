/**
 * A referral as a FHIR R4 Bundle: the ServiceRequest (what is asked, for whom, by whom, why) and
 * the Task that carries the closed loop's status as the HL7 Gravity SDOH clinical care IG does
 * (requested → accepted | rejected → in-progress → completed; cancelled), with the Patient and
 * the two Organizations they refer to. Pure: built from the access-logged referral view.
 */
import { createHash } from 'node:crypto';
import { FHIR_SERVICE_REQUEST_STATUS, FHIR_TASK_STATUS } from '../../../domain/referral.js';
import type { ReferralView } from './referrals.queries.js';

/** The OID of the Finnish personal identity code (henkilötunnus). */
export const HETU_SYSTEM = 'urn:oid:1.2.246.21';
const CODE_SYSTEM = (set: string) => `urn:opastin:code:${set}`;

type Resource = Record<string, unknown> & { resourceType: 'Task' | 'ServiceRequest' | 'Patient' | 'Organization'; id: string };

export function referralBundle(r: ReferralView, ctx: { county: { code: string; name: string }; publicUrl: string; now: Date }) {
  const urn = (kind: string) => `urn:uuid:${kind === 'Task' ? r.id : deterministicId(r.id, kind)}`;
  const patientId = deterministicId(r.id, 'Patient');
  const senderId = deterministicId(r.id, 'Organization-sender');
  const performerId = deterministicId(r.id, 'Organization-performer');
  const requestId = deterministicId(r.id, 'ServiceRequest');
  const performerName = r.unit ? r.unit.name.fi : r.external?.name ?? '';

  const patient: Resource = {
    resourceType: 'Patient', id: patientId,
    ...(r.person ? {
      ...(r.person.hetu ? { identifier: [{ system: HETU_SYSTEM, value: r.person.hetu }] } : {}),
      ...(r.person.name ? { name: [{ text: r.person.name }] } : {}),
      telecom: [
        ...(r.person.phone ? [{ system: 'phone', value: r.person.phone, use: 'mobile' }] : []),
        ...(r.person.email ? [{ system: 'email', value: r.person.email }] : []),
      ],
      ...(r.person.birthDate ? { birthDate: r.person.birthDate } : {}),
      ...(r.person.address ? { address: [{ text: r.person.address }] } : {}),
      ...(r.person.language ? { communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: r.person.language }] }, preferred: true }] } : {}),
    } : { meta: { security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'MASKED' }] } }),
  };
  if (Array.isArray(patient.telecom) && patient.telecom.length === 0) delete patient.telecom;

  const sender: Resource = { resourceType: 'Organization', id: senderId, identifier: [{ system: CODE_SYSTEM('county'), value: ctx.county.code }], name: ctx.county.name };
  const performer: Resource = {
    resourceType: 'Organization', id: performerId,
    ...(r.unit ? { identifier: [{ system: CODE_SYSTEM('receiving_unit'), value: r.unit.code }] } : r.external?.ptvId ? { identifier: [{ system: 'urn:fi:ptv:service', value: r.external.ptvId }] } : {}),
    name: performerName,
  };

  const priority = r.urgency === 'emergency' ? 'stat' : r.urgency === 'urgent' ? 'urgent' : 'routine';
  const serviceRequest: Resource = {
    resourceType: 'ServiceRequest', id: requestId,
    identifier: [{ system: `${ctx.publicUrl}/referral`, value: r.id }],
    status: FHIR_SERVICE_REQUEST_STATUS[r.status],
    intent: 'order',
    category: [{ coding: [{ system: CODE_SYSTEM('referral_kind'), code: r.kind }], text: r.kind }],
    priority,
    code: { coding: [{ system: CODE_SYSTEM('referral_kind'), code: r.assessment ? `${r.kind}_${r.assessment}` : r.kind }], text: r.assessment ? `${r.kind} (${r.assessment.toUpperCase()})` : r.kind },
    subject: { reference: urn('Patient') },
    authoredOn: r.sentAt,
    requester: { reference: urn('Organization-sender'), display: ctx.county.name },
    performer: [{ reference: urn('Organization-performer'), display: performerName }],
    reasonCode: r.needs.map((n) => ({ coding: [{ system: CODE_SYSTEM('reason'), code: n }] })),
    ...(r.bookedAt ? { occurrenceDateTime: r.bookedAt } : {}),
    ...(r.summary || r.preferredTime ? { note: [...(r.summary ? [{ text: r.summary }] : []), ...(r.preferredTime ? [{ text: `Preferred time: ${r.preferredTime}` }] : [])] } : {}),
    ...(r.consent ? { supportingInfo: [{ display: `Consent ${r.consent.method} by ${r.consent.givenBy} for ${r.consent.purpose} (${r.consent.target}) on ${r.consent.givenAt}` }] }
      : r.legalGround ? { supportingInfo: [{ display: `Forwarded without consent on legal ground ${r.legalGround}: ${r.legalGroundReason ?? ''}` }] } : {}),
  };

  const statusReason = r.status === 'returned' ? r.returnReason : r.status === 'cancelled' ? r.cancelReason : null;
  const task: Resource = {
    resourceType: 'Task', id: r.id,
    status: FHIR_TASK_STATUS[r.status],
    ...(statusReason ? { statusReason: { text: statusReason } } : {}),
    businessStatus: { coding: [{ system: CODE_SYSTEM('referral_status'), code: r.status }], text: r.status },
    intent: 'order',
    priority,
    code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: urn('ServiceRequest') },
    for: { reference: urn('Patient') },
    authoredOn: r.sentAt,
    lastModified: r.updatedAt,
    requester: { reference: urn('Organization-sender') },
    owner: { reference: urn('Organization-performer'), display: performerName },
    ...(r.acceptedAt ? { executionPeriod: { start: r.acceptedAt, ...(r.completedAt ? { end: r.completedAt } : {}) } } : {}),
    restriction: { period: { end: r.contactBy } },
    ...(r.outcome ? { output: [{ type: { coding: [{ system: CODE_SYSTEM('referral_outcome_type'), code: 'referral_outcome' }] }, valueCodeableConcept: { coding: [{ system: CODE_SYSTEM('referral_outcome'), code: r.outcome }], ...(r.outcomeNote ? { text: r.outcomeNote } : {}) } }] } : {}),
  };

  const entries = [
    { kind: 'Task', resource: task },
    { kind: 'ServiceRequest', resource: serviceRequest },
    { kind: 'Patient', resource: patient },
    { kind: 'Organization-sender', resource: sender },
    { kind: 'Organization-performer', resource: performer },
  ];
  return {
    resourceType: 'Bundle' as const,
    id: deterministicId(r.id, `Bundle-${r.updatedAt}`),
    meta: { lastUpdated: ctx.now.toISOString() },
    type: 'collection' as const,
    timestamp: ctx.now.toISOString(),
    entry: entries.map((e) => ({ fullUrl: urn(e.kind), resource: e.resource })),
  };
}

/** A stable name-based UUID (version 5 layout, SHA-1) per (referral, part): the same referral exports the same ids. */
function deterministicId(referralId: string, part: string): string {
  const h = createHash('sha1').update(`${referralId}/${part}`).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
