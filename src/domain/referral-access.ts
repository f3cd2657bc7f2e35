/**
 * Access that ends with the hand-off (issue 12 part 5). The receiving unit sees the snapshot of the
 * person's data taken when the referral was sent, and only while the referral is with it:
 *
 * - requested, accepted, client_contacted: yes;
 * - completed: for REFERRAL_ACCESS_AFTER_COMPLETION_DAYS after completion (to finish its own
 *   recording), then no;
 * - cancelled or returned: no, at once;
 * - the consent the referral rests on withdrawn before the unit accepted: no, at once (the
 *   referral keeps its status but cannot be accepted; the guidance unit decides what follows).
 *   Withdrawn after acceptance: the unit has taken the
 *   matter and keeps what it recorded in its own register (a client document of its own, under its
 *   own rules); the snapshot stays readable while the referral is open, as above;
 * - the personal data erased: no.
 *
 * The guidance unit (guidance workers, supervisors) keeps its access through the contact: it
 * sees the snapshot while it is not erased.
 */
export const REFERRAL_ACCESS_AFTER_COMPLETION_DAYS = 30;

export type PersonAccessEnd = 'cancelled' | 'returned' | 'consent_withdrawn' | 'completed_period_over' | 'erased';

export interface ReferralAccessFacts {
  status: 'requested' | 'accepted' | 'returned' | 'client_contacted' | 'completed' | 'cancelled';
  completedAt: Date | null;
  acceptedAt: Date | null;
  consentWithdrawnAt: Date | null;
  erased: boolean;
}

export function personAccess(r: ReferralAccessFacts, viewer: 'guidance' | 'unit', now: Date): { available: true } | { available: false; reason: PersonAccessEnd } {
  if (r.erased) return { available: false, reason: 'erased' };
  if (viewer === 'guidance') return { available: true };
  if (r.consentWithdrawnAt && (r.acceptedAt === null || r.consentWithdrawnAt.getTime() < r.acceptedAt.getTime())) return { available: false, reason: 'consent_withdrawn' };
  if (r.status === 'cancelled') return { available: false, reason: 'cancelled' };
  if (r.status === 'returned') return { available: false, reason: 'returned' };
  if (r.status === 'completed') {
    const until = (r.completedAt?.getTime() ?? 0) + REFERRAL_ACCESS_AFTER_COMPLETION_DAYS * 86_400_000;
    return now.getTime() < until ? { available: true } : { available: false, reason: 'completed_period_over' };
  }
  return { available: true };
}
