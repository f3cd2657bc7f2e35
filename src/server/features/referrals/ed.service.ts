import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { createContact } from '../contacts/public.js';
import { edReferralSchema, type EdReferralInput } from './referrals.schemas.js';

export { edReferralSchema };

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
