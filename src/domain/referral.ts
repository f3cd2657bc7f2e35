/**
 * The closed loop of a referral ("saattaen vaihtaen", domain §§ 5–7, 9) as pure rules: which
 * transition may happen in which status, which deadlines a referral carries, when it escalates,
 * and how its status reads in FHIR (HL7 Gravity SDOH closed-loop referral).
 */
import { addWorkingDays, workingDayOnOrAfter } from './calendar.js';
import type { LocalDate } from './local-date.js';
import {
  careNeedAssessmentDeadline, childWelfareDeadlines, earliestClock, servicePromise, socialWelfareAssessmentDeadline, type LegalBasis, type LegalClock, type Urgency,
} from './service-promise.js';

export const REFERRAL_KINDS = ['message_to_service', 'referral_for_assessment', 'to_own_worker', 'direct_booking'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

export const REFERRAL_STATUSES = ['requested', 'accepted', 'returned', 'client_contacted', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const OPEN_REFERRAL_STATUSES = ['requested', 'accepted', 'client_contacted'] as const satisfies readonly ReferralStatus[];

/** Forwarding without consent: SHL 35 § (the person cannot take care of themself) or a child welfare matter. */
export const LEGAL_GROUNDS = ['shl_35', 'child_welfare'] as const;
export type LegalGround = (typeof LEGAL_GROUNDS)[number];
export type ReferralLegalBasis = LegalBasis;

export const CONSULTEES = ['health_nurse', 'social_worker_on_duty', 'multiprofessional_team', 'kela_authority_line', 'other'] as const;
export type Consultee = (typeof CONSULTEES)[number];

/**
 * The emergency department's account of the social needs: the contact's note (2 000 characters)
 * less the room the existing client's own worker (up to 200) takes on it, so nothing is cut.
 */
export const ED_SOCIAL_NEEDS_MAX = 1750;

export type ReferralAction = 'accept' | 'return' | 'contact' | 'complete' | 'cancel';

/** From which statuses each action may be taken; the status it leads to. */
export const TRANSITIONS: Record<ReferralAction, { from: readonly ReferralStatus[]; to: ReferralStatus }> = {
  accept: { from: ['requested'], to: 'accepted' },
  // a unit returns what is not theirs before or after taking it, but not once the client has been contacted
  return: { from: ['requested', 'accepted'], to: 'returned' },
  contact: { from: ['accepted'], to: 'client_contacted' },
  complete: { from: ['accepted', 'client_contacted'], to: 'completed' },
  cancel: { from: ['requested', 'accepted', 'client_contacted'], to: 'cancelled' },
};

export function canTransition(action: ReferralAction, status: ReferralStatus): boolean {
  return TRANSITIONS[action].from.includes(status);
}

export function isOpen(status: ReferralStatus): boolean {
  return (OPEN_REFERRAL_STATUSES as readonly string[]).includes(status);
}

/**
 * Working days a unit has to reach the client after the acceptance deadline when no statutory
 * clock applies (a message to the service, an own worker): the service promise is kept by the
 * guidance unit, the unit's answer follows within this.
 */
export const CLIENT_CONTACT_WORKING_DAYS = 3;

export interface DeadlineInput {
  sentAt: Date;
  /**
   * The day the person or the notifier contacted the county (the contact's `received_on`,
   * Helsinki; a reopened contact keeps it): the statutory clocks (SHL 36 §, LsL 26 §, Health Care
   * Act 51 §) count from it, not from the sending day. The acceptance day counts from sending.
   */
  receivedOn: LocalDate;
  urgency: Urgency;
  kind: ReferralKind;
  assessment: 'pta' | 'hta' | null;
  /** aged 75+ or on the highest care allowance: SHL 36 § 7 working days */
  priorityClient: boolean;
  /** the receiving unit's own working days to reach the client (issue 18); default CLIENT_CONTACT_WORKING_DAYS */
  clientContactWorkingDays?: number | null;
  /** a child welfare matter: LsL 26 § */
  childWelfare: boolean;
  /** a statutory deadline the contact already runs (a child welfare notification's LsL 26 §) */
  contactLegalDeadline: LocalDate | null;
  /** the booked day of a direct booking (Helsinki) */
  bookedOn: LocalDate | null;
}

export interface ReferralDeadlines {
  sentOn: LocalDate;
  /** the unit accepts (or returns) by this day: the service promise */
  acceptBy: LocalDate;
  /** the unit reaches the client by this day: the legal deadline when one applies */
  contactBy: LocalDate;
  legalDeadline: LocalDate | null;
  legalBasis: ReferralLegalBasis | null;
}

const earlier = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

/**
 * The dates a referral carries. The acceptance day is the service promise of the moment it is
 * sent; the client-contact day is the earliest statutory deadline that applies (SHL 36 § for a
 * service needs assessment, Health Care Act 51 § for a care needs assessment, LsL 26 § for child
 * welfare), else the acceptance day plus CLIENT_CONTACT_WORKING_DAYS (urgent: the acceptance day).
 * The statutory deadlines count from the day of the first contact (`receivedOn`): a referral sent
 * days later does not restart them. A deadline already past when the referral is sent is kept
 * (the referral is overdue at once), never moved; the acceptance day is then that day too.
 */
export function referralDeadlines(d: DeadlineInput): ReferralDeadlines {
  const promise = servicePromise(d.sentAt, d.urgency);
  const urgent = d.urgency !== 'non_urgent';
  const clocks: (LegalClock | null)[] = [];
  if (d.kind === 'referral_for_assessment' && d.assessment === 'pta') {
    const date = socialWelfareAssessmentDeadline(d.receivedOn, { urgent, priorityClient: d.priorityClient });
    if (date) clocks.push({ date, basis: 'shl_36' });
  }
  if (d.kind === 'referral_for_assessment' && d.assessment === 'hta') {
    clocks.push({ date: urgent ? workingDayOnOrAfter(d.receivedOn) : careNeedAssessmentDeadline(d.receivedOn), basis: 'thl_51' });
  }
  if (d.childWelfare) clocks.push({ date: childWelfareDeadlines(d.receivedOn).decideBy, basis: 'lsl_26' });
  if (d.contactLegalDeadline) clocks.push({ date: d.contactLegalDeadline, basis: 'lsl_26' });
  const legal = earliestClock(clocks);

  let acceptBy = promise.respondBy;
  if (legal) acceptBy = earlier(acceptBy, legal.date);
  let contactBy = legal?.date ?? (urgent ? acceptBy : addWorkingDays(acceptBy, d.clientContactWorkingDays ?? CLIENT_CONTACT_WORKING_DAYS));
  if (d.kind === 'direct_booking' && d.bookedOn) {
    // the time is booked in the service's calendar: the client is met on the booked day
    contactBy = legal ? earlier(legal.date, d.bookedOn) : d.bookedOn;
  }
  if (contactBy < acceptBy) acceptBy = contactBy;
  return { sentOn: promise.receivedOn, acceptBy, contactBy, legalDeadline: legal?.date ?? null, legalBasis: legal?.basis ?? null };
}

/**
 * The escalation a referral needs on `today`: 1 when it was not accepted by its day, 2 when it was
 * accepted but the client was not reached by the client-contact day; 0 otherwise. A deadline is
 * missed once its day is over.
 */
export function escalationLevel(r: { status: ReferralStatus; acceptBy: LocalDate; contactBy: LocalDate }, today: LocalDate): 0 | 1 | 2 {
  if (r.status === 'requested' && r.acceptBy < today) return 1;
  if (r.status === 'accepted' && r.contactBy < today) return 2;
  return 0;
}

/** Past a deadline on `today` (not accepted, or the client not reached, by its day). */
export function isOverdue(r: { status: ReferralStatus; acceptBy: LocalDate; contactBy: LocalDate }, today: LocalDate): boolean {
  return escalationLevel(r, today) > 0;
}

/** Task.status in the Gravity SDOH closed-loop pattern. */
export const FHIR_TASK_STATUS: Record<ReferralStatus, 'requested' | 'accepted' | 'rejected' | 'in-progress' | 'completed' | 'cancelled'> = {
  requested: 'requested',
  accepted: 'accepted',
  returned: 'rejected',
  client_contacted: 'in-progress',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** ServiceRequest.status: active while the loop is open; a returned referral is revoked (guidance re-routes with a new one). */
export const FHIR_SERVICE_REQUEST_STATUS: Record<ReferralStatus, 'active' | 'completed' | 'revoked'> = {
  requested: 'active',
  accepted: 'active',
  client_contacted: 'active',
  completed: 'completed',
  returned: 'revoked',
  cancelled: 'revoked',
};
