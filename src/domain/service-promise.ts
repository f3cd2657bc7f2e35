/**
 * The service promise (palvelulupaus, domain § 6) and the legal clocks (§ 9) as pure functions.
 */
import { addWorkingDays, deadlineInMonths, nextWorkingDay, workingDayOnOrAfter } from './calendar.js';
import { helsinkiDateTime, type LocalDate } from './local-date.js';

export type Urgency = 'emergency' | 'urgent' | 'non_urgent';

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
