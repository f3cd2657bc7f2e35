import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { createContact } from '../contacts/public.js';
import { ED_SOCIAL_NEEDS_MAX } from '../../../domain/referral.js';

const code = z.string().regex(/^[a-z0-9_]{1,60}$/, 'must be a code (a–z, 0–9, _)');

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
export type EdReferralInput = z.infer<typeof edReferralSchema>;

/**
 * The emergency department's path (seed 004, Ratamo): a health professional refers a patient
 * with social needs to the social care professional, who works it as any contact (the queue's
 * channel emergency_department). It is an SHL 35 § contact: who referred, and whether the patient
 * consented, are recorded with it; the patient's consent becomes the contact's consent to forward.
 */
export async function createEdReferral(db: Kysely<DB>, user: SessionUser, input: EdReferralInput, now: Date) {
  const note = [input.socialNeeds, input.existingClient ? `Existing client${input.ownWorker ? `; own worker: ${input.ownWorker}` : ''}.` : null].filter(Boolean).join('\n');
  const created = await createContact(db, user, {
    channel: 'emergency_department', contactor: 'professional', anonymous: false, serviceArea: null,
    municipality: input.municipality ?? null, mainReason: input.reasons[0] ?? null, additionalReasons: input.reasons.slice(1),
    note, urgency: input.urgency, receivedAt: now,
    person: { name: input.patient.name, hetu: input.patient.hetu ?? null, phone: input.patient.phone ?? null, address: input.patient.address ?? null },
    notification: {
      kind: 'social_welfare',
      notifier: {
        name: user.displayName, organisation: input.department, role: 'emergency_department', phone: input.phone,
        email: null, subjectConsent: input.patientConsent, noConsentReason: input.noConsentReason ?? null,
      },
    },
    consents: input.patientConsent === 'given' ? [{ givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Sosiaalihuolto (päivystys)' }] : [],
    createdDetails: { form: 'ed_referral', existingClient: input.existingClient },
  }, now);
  return { reference: created.reference, respondBy: created.respondBy, urgency: created.urgency };
}
