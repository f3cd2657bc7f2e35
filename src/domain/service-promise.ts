/**
 * The service promise (palvelulupaus, domain § 6) and the legal clocks (§ 9) as pure functions.
 */
import { addWorkingDays, deadlineInMonths, nextWorkingDay, workingDayOnOrAfter } from './calendar.js';
import { helsinkiDateTime, type LocalDate } from './local-date.js';

export type Urgency = 'emergency' | 'urgent' | 'non_urgent';

/** The act behind a statutory date: SHL 36 § (service needs assessment), LsL 26 § (child welfare), Health Care Act 51 § (care needs). */
export const LEGAL_BASES = ['shl_36', 'lsl_26', 'thl_51'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];
export interface LegalClock { date: LocalDate; basis: LegalBasis }

/** The earliest of the clocks that apply, or null. */
export function earliestClock(clocks: readonly (LegalClock | null)[]): LegalClock | null {
  let best: LegalClock | null = null;
  for (const c of clocks) if (c && (!best || c.date < best.date)) best = c;
  return best;
}

export interface ServicePromise {
  receivedOn: LocalDate;
  respondBy: LocalDate;
}

/**
 * When the working day of the guidance unit ends (Helsinki time): an urgent contact that arrives
 * later cannot be handled "the same working day" and is promised the next one instead (a form
 * sent on Friday at 18 must not be promised Friday).
 */
export const WORKING_DAY_ENDS_MINUTE = 16 * 60;

/**
 * Non-urgent: by the next working day after the day of receipt. Urgent (and emergency, which
 * guidance redirects at once): the same working day, or the next working day when it arrived on
 * a day off or after the working day had ended.
 */
export function servicePromise(receivedAt: Date, urgency: Urgency = 'non_urgent'): ServicePromise {
  const { date: receivedOn, minuteOfDay } = helsinkiDateTime(receivedAt);
  const respondBy = urgency === 'non_urgent' || minuteOfDay >= WORKING_DAY_ENDS_MINUTE ? nextWorkingDay(receivedOn) : workingDayOnOrAfter(receivedOn);
  return { receivedOn, respondBy };
}

/**
 * How the person (or the notifier) was reached: the service promise is kept when the person was
 * REACHED by the promised day, not when a worker claimed the contact (issue 12).
 */
export const REACHED_HOW = ['call_answered', 'callback', 'reply_sent', 'phone', 'met', 'chat'] as const;
export type ReachedHow = (typeof REACHED_HOW)[number];

/**
 * A contact a worker registers on these channels was registered while talking to the person: the
 * person was reached when it was received (an answered call, a walk-in met, a chat). Other
 * channels (forms, e-mail, post, callback requests, notifications, the emergency department's
 * referral) are reached later: a callback, a reply, a call.
 */
export function reachedOnRegistration(channel: string): ReachedHow | null {
  switch (channel) {
    case 'phone': case 'authority_line': return 'call_answered';
    case 'walk_in': return 'met';
    case 'chat': return 'chat';
    default: return null;
  }
}

/**
 * LsL 26 §: the urgency of a child welfare notification (and of a child welfare matter) is
 * assessed at once: it is due the day the notification arrives, whatever the hour or weekday
 * (outside guidance hours the social emergency service takes it, features/emergency).
 */
export function childWelfareUrgencyAssessmentDue(receivedOn: LocalDate): LocalDate {
  return receivedOn;
}

/**
 * The statutory clock of a matter made pending (initiation record), counted from the day the
 * person or the notifier contacted the county (`receivedOn`), not from the day a worker records
 * it: a worker's earlier `initiatedOn` (the matter was pending before the contact was logged)
 * counts from that earlier day instead. A child welfare matter runs LsL 26 § (decide on an
 * investigation within 7 working days); otherwise SHL 36 § for priority or urgent clients; none
 * ("without delay") for others. The earliest applying clock wins.
 */
export function initiationClock(i: { receivedOn: LocalDate; initiatedOn: LocalDate; urgent: boolean; priorityClient: boolean; childWelfare: boolean }): LegalClock | null {
  const start = i.initiatedOn < i.receivedOn ? i.initiatedOn : i.receivedOn;
  const shl = socialWelfareAssessmentDeadline(start, { urgent: i.urgent, priorityClient: i.priorityClient });
  return earliestClock([
    shl ? { date: shl, basis: 'shl_36' } : null,
    i.childWelfare ? { date: childWelfareDeadlines(start).decideBy, basis: 'lsl_26' } : null,
  ]);
}

/** SHL 36 §: the assessment must start by the 7th working day for people aged 75+ or on the highest care allowance. */
export function socialWelfareAssessmentDeadline(receivedOn: LocalDate, opts: { urgent: boolean; priorityClient: boolean }): LocalDate | null {
  if (opts.urgent) return workingDayOnOrAfter(receivedOn);
  if (opts.priorityClient) return addWorkingDays(receivedOn, 7);
  return null; // "without delay": no fixed day, the promise applies
}

/** LsL 26 §: decision on opening an investigation within 7 working days; investigation within 3 months. */
export function childWelfareDeadlines(receivedOn: LocalDate): { decideBy: LocalDate; investigationBy: LocalDate } {
  return { decideBy: addWorkingDays(receivedOn, 7), investigationBy: deadlineInMonths(receivedOn, 3) };
}

/** Terveydenhuoltolaki 51 §: care need assessed at the latest within 3 working days. */
export function careNeedAssessmentDeadline(receivedOn: LocalDate): LocalDate {
  return addWorkingDays(receivedOn, 3);
}
