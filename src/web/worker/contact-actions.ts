import { useAction } from './use-action';
import type { AcuteFields } from './acute';

export interface ContactView extends AcuteFields {
  id: string; reference: string; channel: string; line: string | null; serviceArea: string | null; region: string | null; municipality: string | null;
  contactor: string; anonymous: boolean; mainReason: string | null; additionalReasons: string[]; note: string | null; urgency: string;
  receivedAt: string; receivedOn: string; respondBy: string; overdue: boolean; reachedAt: string | null; reachedHow: string | null; urgencyAssessmentDue: boolean; status: 'new' | 'in_progress' | 'waiting' | 'closed'; waitingReason: string | null;
  assignedTo: { id: string; name: string } | null; outcome: string | null; closedAt: string | null; handlingSeconds: number | null; ledToClientRelationship: boolean | null;
  triggers: string[]; repeatContacts30d: number; repeatTrigger: boolean; callbackAttemptsAllowed: number; callerNumber: string | null;
  person: { name: string | null; phone: string | null; hetu: string | null; birthDate: string | null; address: string | null; email: string | null; callbackWindow: string | null } | null;
  personalDataErasedAt: string | null;
  timeline: { id: string; at: string; kind: string; actor: string | null; details: Record<string, unknown> }[];
  consents: { id: string; givenBy: string; method: string; purpose: string; target: string; givenAt: string; withdrawnAt: string | null }[];
  initiations: { id: string; initiatedOn: string; concerns: string; unit: string; urgent: boolean; highestCareAllowance: boolean; ageAtInitiation: number | null; legalDeadline: string | null; legalBasis: 'shl_36' | 'lsl_26' | 'thl_51' | null }[];
  callbackAttempts: { at: string; result: string }[];
  referrals: {
    id: string; kind: string; assessment: string | null; unit: string | null; external: string | null; status: string; urgency: string; acceptBy: string; contactBy: string;
    legalDeadline: string | null; legalBasis: string | null; sentAt: string; bookedAt: string | null; outcome: string | null; returnReason: string | null; cancelReason: string | null; overdue: boolean;
  }[];
  referralReturns: number;
  consultations: {
    id: string; consultee: string; unit: string | null; anonymous: boolean; question: string | null; status: string; answer: string | null; answeredBy: string | null; askedAt: string; answeredAt: string | null;
  }[];
  language: 'fi' | 'sv' | 'en' | null;
  notificationKind: 'social_welfare' | 'child_welfare' | null;
  legalDeadline: string | null;
  legalBasis: 'lsl_26' | null;
  notifier: { name: string; organisation: string; role: string | null; phone: string | null; email: string | null; subjectConsent: 'given' | 'not_given' | 'not_asked' | null; noConsentReason: string | null } | null;
  acuteFlaggedAt: string | null;
}

/** One action on a contact (claim, close, consent…): `useAction` on the contact's path, refreshing the contact and the queue. */
export function useContactAction<B = void>(contactId: string, path: string | ((body: B) => string), method: 'POST' | 'PATCH' = 'POST') {
  const url = (body: B) => `/api/contacts/${contactId}${typeof path === 'function' ? path(body) : path}`;
  return useAction<B>(url, [['contact', contactId], ['queue']], method);
}
