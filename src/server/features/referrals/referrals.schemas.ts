import { z } from 'zod';
import { CONSULTEES, ED_SOCIAL_NEEDS_MAX, LEGAL_GROUNDS, REFERRAL_KINDS, REFERRAL_STATUSES } from '../../../domain/referral.js';
import { acuteReasonSchema, listMetaFields } from '../contacts/contacts.schemas.js';

/**
 * The referrals feature's request and response schemas (issue 14: one contract). The routes
 * declare them; the web app imports the types (`import type … from
 * '../../server/features/referrals/referrals.schemas'`), so a rename here fails its typecheck.
 * Nothing server-only is imported here.
 */
const code = z.string().regex(/^[a-z0-9_]{1,60}$/, 'must be a code (a–z, 0–9, _)');
export const referralStatusSchema = z.enum(REFERRAL_STATUSES);
const urgencySchema = z.enum(['emergency', 'urgent', 'non_urgent']);

export const referralInputSchema = z.object({
  kind: z.enum(REFERRAL_KINDS),
  assessment: z.enum(['pta', 'hta']).nullish().describe('referral_for_assessment: service needs assessment (PTA, SHL 36 §) or care needs assessment (HTA, Health Care Act 51 §)'),
  unit: code.nullish().describe('An internal receiving unit by code'),
  external: z.object({ name: z.string().trim().min(1).max(200), serviceId: z.string().uuid().nullish() }).nullish().describe('Or an outside actor: Kela, employment services, an NGO, a parish'),
  summary: z.string().trim().min(1).max(2000).describe('The matter in the worker’s words'),
  needs: z.array(code).max(10).describe('Reason codes'),
  urgency: urgencySchema.default('non_urgent'),
  preferredTime: z.string().trim().max(200).nullish(),
  consentId: z.string().uuid().nullish().describe('A consent in force on the contact for forwarding'),
  legalGround: z.enum(LEGAL_GROUNDS).nullish().describe('Without consent: SHL 35 § (cannot take care of themself) or child welfare'),
  legalGroundReason: z.string().trim().max(1000).nullish(),
  bookedAt: z.iso.datetime({ offset: true }).nullish().describe('direct_booking: the booked time'),
  bookedPlace: z.string().trim().max(200).nullish(),
  highestCareAllowance: z.boolean().default(false),
  shareResidentMessage: z.boolean().describe('Share the resident’s own words (the message sent through a public form) and the triage reasons with the unit. Required: the worker decides each time; nothing is shared when the contact has no such message'),
}).meta({ id: 'NewReferral' });

export const referralCreatedSchema = z.object({
  id: z.string().uuid(), status: referralStatusSchema, acceptBy: z.string(), contactBy: z.string(), legalDeadline: z.string().nullable(), legalBasis: z.string().nullable(),
  residentMessageShared: z.boolean().describe('The resident’s message went with the referral (asked for, and the contact has one)'),
}).meta({ id: 'ReferralCreated' });

const referralPersonSchema = z.object({
  name: z.string().nullable(), phone: z.string().nullable(), hetu: z.string().nullable(), birthDate: z.string().nullable(), address: z.string().nullable(),
  email: z.string().nullable(), callbackWindow: z.string().nullable(), language: z.string().nullable(),
});

export const referralViewSchema = z.object({
  id: z.string().uuid(), contactId: z.string().uuid(), contactReference: z.string(), kind: z.enum(REFERRAL_KINDS), assessment: z.enum(['pta', 'hta']).nullable(),
  unit: z.object({
    code: z.string(), name: z.object({ fi: z.string(), sv: z.string(), en: z.string() }), serviceArea: z.string(),
    inOpastin: z.boolean().describe('false: the unit is reached outside Opastin (issue 18); the guidance unit records its answers'),
    phone: z.string().nullable(), email: z.string().nullable(),
  }).nullable(),
  external: z.object({ name: z.string(), serviceId: z.string().nullable(), ptvId: z.string().nullable(), serviceName: z.string().nullable() }).nullable(),
  summary: z.string().nullable(), needs: z.array(z.string()), urgency: z.string(), preferredTime: z.string().nullable(),
  consent: z.object({ id: z.string(), givenBy: z.string(), method: z.string(), purpose: z.string(), target: z.string(), givenAt: z.string(), withdrawnAt: z.string().nullable() }).nullable(),
  legalGround: z.enum(LEGAL_GROUNDS).nullable(), legalGroundReason: z.string().nullable(), bookedAt: z.string().nullable(), bookedPlace: z.string().nullable(),
  status: referralStatusSchema, acceptBy: z.string(), contactBy: z.string(), legalDeadline: z.string().nullable(), legalBasis: z.enum(['shl_36', 'lsl_26', 'thl_51']).nullable(),
  overdue: z.boolean(), escalationLevel: z.number().int(), sentAt: z.string(), sentBy: z.string(), handler: z.string().nullable(),
  acceptedAt: z.string().nullable(), clientContactedAt: z.string().nullable(), completedAt: z.string().nullable(), returnedAt: z.string().nullable(), returnReason: z.string().nullable(),
  cancelledAt: z.string().nullable(), cancelReason: z.string().nullable(), outcome: z.string().nullable(), outcomeNote: z.string().nullable(), updatedAt: z.string(),
  person: referralPersonSchema.nullable(), personalDataErasedAt: z.string().nullable(),
  personalDataAvailable: z.boolean().describe('Whether this viewer may see the person: the receiving unit only while the referral is with it (and 30 days after completion)'),
  personalDataUnavailableReason: z.enum(['cancelled', 'returned', 'consent_withdrawn', 'completed_period_over', 'erased']).nullable(),
  snapshotTakenAt: z.string().nullable().describe('When the person’s details shown were taken (sending the referral)'),
  residentMessage: z.string().nullable().describe('The resident’s own words as sent, when the guidance worker shared them with the referral; null otherwise and whenever the person’s details are not available'),
  acuteReasons: z.array(acuteReasonSchema).describe('The contact’s triage: why it is acute (only with a shared message; else empty)'),
  acuteTriggerWords: z.array(z.string()).describe('The words in the resident’s text that made it acute (only with a shared message; else empty)'),
  triggers: z.array(z.string()).describe('The contact’s multi-service triggers (only with a shared message; else empty)'),
  history: z.array(z.object({ id: z.string(), at: z.string(), kind: z.string(), actor: z.string().nullable(), details: z.record(z.string(), z.unknown()) })),
}).meta({ id: 'Referral' });

export const referralInboxItemSchema = z.object({
  id: z.string().uuid(), contactReference: z.string(), kind: z.enum(REFERRAL_KINDS), assessment: z.enum(['pta', 'hta']).nullable(), unit: z.string().nullable(), external: z.string().nullable(),
  needs: z.array(z.string()), urgency: z.string(), status: referralStatusSchema, acceptBy: z.string(), contactBy: z.string(), legalDeadline: z.string().nullable(),
  legalBasis: z.string().nullable(), sentAt: z.string(), bookedAt: z.string().nullable(), overdue: z.boolean(), reminded: z.boolean(), handler: z.string().nullable(), outcome: z.string().nullable(),
}).meta({ id: 'ReferralInboxItem' });

export const referralInboxSchema = z.object({
  items: z.array(referralInboxItemSchema), ...listMetaFields,
  counts: z.object({ requested: z.number().int(), accepted: z.number().int(), client_contacted: z.number().int(), overdue: z.number().int() }).describe('Of the items listed'),
}).meta({ id: 'ReferralInbox' });

export const referralStepResultSchema = z.object({ status: referralStatusSchema, contactReopened: z.boolean().optional() }).meta({ id: 'ReferralStepResult' });

export const overdueReferralsSchema = z.object({
  today: z.string(), notAccepted: z.number().int(), notContacted: z.number().int(), ...listMetaFields,
  items: z.array(z.object({
    id: z.string().uuid(), contactReference: z.string(), unit: z.string().nullable(), external: z.string().nullable(), kind: z.string(), urgency: z.string(), status: referralStatusSchema,
    overdueKind: z.enum(['not_accepted', 'not_contacted']), due: z.string(), sentAt: z.string(), reminded: z.boolean(), handler: z.string().nullable(),
  })),
}).meta({ id: 'OverdueReferrals' });

export const consultationInputSchema = z.object({
  consultee: z.enum(CONSULTEES), unit: code.nullish(), anonymous: z.boolean(), question: z.string().trim().min(1).max(2000), consentId: z.string().uuid().nullish(),
}).meta({ id: 'NewConsultation' });

export const consultationItemSchema = z.object({
  id: z.string().uuid(), consultee: z.enum(CONSULTEES), anonymous: z.boolean(), question: z.string().nullable(), status: z.string(), answer: z.string().nullable(), unit: z.string(),
  contactReference: z.string(), askedBy: z.string(), askedAt: z.string(), answeredAt: z.string().nullable(),
}).meta({ id: 'ConsultationInboxItem' });

export const consultationInboxSchema = z.object({ items: z.array(consultationItemSchema), ...listMetaFields }).meta({ id: 'ConsultationInbox' });

export const edReferralSchema = z.object({
  patient: z.object({
    name: z.string().trim().min(1).max(200),
    hetu: z.string().trim().max(20).nullish(),
    phone: z.string().trim().max(40).nullish(),
    address: z.string().trim().max(300).nullish(),
  }),
  socialNeeds: z.string().trim().min(1).max(ED_SOCIAL_NEEDS_MAX).describe('What the health professional saw: the social needs, in their words'),
  reasons: z.array(code).max(10).default([]),
  urgency: z.enum(['emergency', 'urgent', 'non_urgent']).default('urgent'),
  existingClient: z.boolean().describe('Already a client of social services: the social care professional tells the own worker of the changed needs'),
  ownWorker: z.string().trim().max(200).nullish().describe('The own worker or unit, when known'),
  patientConsent: z.enum(['given', 'not_given', 'not_asked']),
  noConsentReason: z.string().trim().max(1000).nullish(),
  department: z.string().trim().min(1).max(200).describe('The emergency department'),
  phone: z.string().trim().min(1).max(40).describe('Where the referrer is reached'),
  municipality: z.string().regex(/^[0-9]{3}$/).nullish(),
}).meta({ id: 'EdReferral' });

export const edReferralCreatedSchema = z.object({ reference: z.string(), respondBy: z.string(), urgency: urgencySchema }).meta({ id: 'EdReferralCreated' });

/**
 * A FHIR R4 resource as the export builds it: its type and id are fixed, the rest follows the
 * resource type's own definition (HL7), so further elements pass through unchecked.
 */
const fhirResourceSchema = z.looseObject({ resourceType: z.enum(['Task', 'ServiceRequest', 'Patient', 'Organization']), id: z.string() });
export const referralBundleSchema = z.object({
  resourceType: z.literal('Bundle'), id: z.string(), meta: z.object({ lastUpdated: z.string() }), type: z.literal('collection'), timestamp: z.string(),
  entry: z.array(z.object({ fullUrl: z.string(), resource: fhirResourceSchema })),
}).meta({ id: 'FhirReferralBundle' });

export type ReferralInput = z.infer<typeof referralInputSchema>;
export type ReferralCreated = z.infer<typeof referralCreatedSchema>;
export type ReferralView = z.infer<typeof referralViewSchema>;
export type ReferralInboxItem = z.infer<typeof referralInboxItemSchema>;
export type ReferralInbox = z.infer<typeof referralInboxSchema>;
export type ReferralStepResult = z.infer<typeof referralStepResultSchema>;
export type OverdueReferrals = z.infer<typeof overdueReferralsSchema>;
export type ConsultationInput = z.infer<typeof consultationInputSchema>;
export type ConsultationInboxItem = z.infer<typeof consultationItemSchema>;
export type ConsultationInbox = z.infer<typeof consultationInboxSchema>;
export type EdReferralInput = z.infer<typeof edReferralSchema>;
export type EdReferralCreated = z.infer<typeof edReferralCreatedSchema>;
export type FhirReferralBundle = z.infer<typeof referralBundleSchema>;
