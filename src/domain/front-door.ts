/**
 * The resident's front door, as rules without IO: the plain-language topics of the guided form
 * and what each means in the county's codes, and the time windows a resident can ask a callback in.
 */

/** A topic the resident picks ("what is it about?"), pre-filling the main reason and service area. The worker can change both. */
export const TOPICS = {
  money: { reason: 'income', serviceArea: 'working_age' },
  housing: { reason: 'housing', serviceArea: 'working_age' },
  work_study: { reason: 'employment_education', serviceArea: 'working_age' },
  benefits: { reason: 'benefits_applications', serviceArea: 'working_age' },
  mental_health: { reason: 'mental_health', serviceArea: 'mental_health_substance' },
  substances: { reason: 'substance_use', serviceArea: 'mental_health_substance' },
  child_family: { reason: 'child_concern', serviceArea: 'families' },
  relationships: { reason: 'family_relationships', serviceArea: 'families' },
  violence: { reason: 'violence_safety', serviceArea: null },
  older_person: { reason: 'ageing_home_care', serviceArea: 'older_people' },
  disability: { reason: 'disability_support', serviceArea: 'disability' },
  loneliness: { reason: 'loneliness_participation', serviceArea: null },
  immigration: { reason: 'immigration_integration', serviceArea: null },
  other: { reason: null, serviceArea: null },
} as const satisfies Record<string, { reason: string | null; serviceArea: string | null }>;

export type Topic = keyof typeof TOPICS;
export const TOPIC_CODES = Object.keys(TOPICS) as [Topic, ...Topic[]];

/**
 * The topic's codes, kept only when the county has them (a county may have renamed or retired
 * a code: the contact then arrives unclassified rather than refused).
 */
export function classify(topic: Topic | undefined, has: (set: 'reason' | 'service_area', code: string) => boolean): { mainReason: string | null; serviceArea: string | null } {
  const t = topic ? TOPICS[topic] : TOPICS.other;
  return {
    mainReason: t.reason && has('reason', t.reason) ? t.reason : null,
    serviceArea: t.serviceArea && has('service_area', t.serviceArea) ? t.serviceArea : null,
  };
}

/** The topic a reason code belongs to (triage suggests reasons; the form offers topics), or null. */
export function topicForReason(reason: string | null | undefined): Topic | null {
  if (!reason) return null;
  return TOPIC_CODES.find((t) => TOPICS[t].reason === reason) ?? null;
}

/** When a resident would like to be called back; the form offers these, the API takes any short text. */
export const CALLBACK_WINDOWS = ['any', 'morning', 'afternoon'] as const;

/** The longest text a resident or professional can send (the contact's note holds 2000 characters). */
export const TEXT_MAX = 2000;

/**
 * The version of the consent text the resident agreed to, recorded with the contact. 2026-12: the
 * text states the retention rule exactly (erased when the contact is closed, or ADVICE_RETENTION_DAYS
 * after; kept as the law requires once it becomes a social welfare matter or is forwarded; issue 12).
 */
export const CONSENT_TEXT_VERSION = 'resident-consent-2026-12';

/** The national emergency number: always open. */
export const EMERGENCY_NUMBER = '112';

export const EMERGENCY_CONTACT_KINDS = ['emergency', 'crisis_line', 'social_emergency'] as const;
export interface EmergencyContact { kind: (typeof EMERGENCY_CONTACT_KINDS)[number]; phone: string; openNow: boolean }

/**
 * Who to call now, 112 first: the county's crisis line and its social emergency service when it
 * has them, each with whether it answers now. The receipt (server) and the alert shown while a
 * resident types (browser) give the same list.
 */
export function emergencyContactList(county: { crisisPhone: string | null; socialEmergencyPhone: string | null; socialEmergencyOpenNow: boolean }): EmergencyContact[] {
  return [
    { kind: 'emergency', phone: EMERGENCY_NUMBER, openNow: true },
    ...(county.crisisPhone ? [{ kind: 'crisis_line' as const, phone: county.crisisPhone, openNow: true }] : []),
    ...(county.socialEmergencyPhone ? [{ kind: 'social_emergency' as const, phone: county.socialEmergencyPhone, openNow: county.socialEmergencyOpenNow }] : []),
  ];
}
