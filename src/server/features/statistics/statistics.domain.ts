/** Pure rules of the monthly statistics (domain § 8): month arithmetic and the CSV a supervisor opens in Excel. */
import { addDays, addMonths, localDate, type LocalDate } from '../../../domain/local-date.js';

export const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface MonthRange { month: string; from: LocalDate; to: LocalDate }

/** A month as the half-open range of its Helsinki business dates [from, to). */
export function monthRange(month: string): MonthRange {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`Not a month: ${month}`);
  const from = localDate(Number(m[1]), Number(m[2]), 1);
  return { month, from, to: addMonths(from, 1) };
}

/** Any period of Helsinki business dates [from, to) with its label: a month, quarter, year or range. */
export interface PeriodRange { label: string; from: LocalDate; to: LocalDate }

/**
 * The period from `from` to `toInclusive`, labelled as what it is: "2026-11" for a whole month,
 * "2026-Q3" for a quarter, "2026" for a year, else "2026-07-01–2026-09-15".
 */
export function periodRange(from: LocalDate, toInclusive: LocalDate): PeriodRange {
  if (toInclusive < from) throw new RangeError(`The period ${from}–${toInclusive} ends before it starts`);
  const to = addDays(toInclusive, 1);
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const whole = (months: number) => d === 1 && addMonths(from, months) === to;
  const label = whole(1) ? from.slice(0, 7)
    : whole(3) && (m - 1) % 3 === 0 ? `${y}-Q${(m - 1) / 3 + 1}`
      : whole(12) && m === 1 ? String(y)
        : `${from}–${toInclusive}`;
  return { label, from, to };
}

/** The same dates a year earlier (29 February becomes the 28th): reports compare with them (seed 004). */
export function sameTimeLastYear(p: PeriodRange): PeriodRange {
  const from = addMonths(p.from, -12);
  const to = addMonths(p.to, -12);
  return periodRange(from, addDays(to, -1));
}

/** The same month of the previous year: reports compare with it (seed 004). */
export function sameMonthLastYear(month: string): string {
  const { from } = monthRange(month);
  return addMonths(from, -12).slice(0, 7);
}

/**
 * The service promise of one contact, as the statistics count it (issue 12): KEPT when the person
 * (or the notifier) was reached (an answered call, a successful callback, a reply sent, a walk-in
 * met: `reached_at`) by the promised day; a worker's claim is not a reach. MISSED when reached
 * after that day, or not reached and the day has passed, open or closed alike (a contact closed as
 * not_reached, or closed without a reply, was not kept). PENDING while not reached and the day has
 * not passed. NOT APPLICABLE only when there was no one to reach: the contact was closed by the
 * system, never by a worker (a missed call from a hidden number closes at once). Everything a
 * worker closes counts: spam or duplicates are closed by a worker and count as any contact, so the
 * figure cannot be improved by closing.
 */
export type PromiseStatus = 'kept' | 'missed' | 'pending' | 'not_applicable';
export function promiseStatus(c: { reachedOn: LocalDate | null; respondBy: LocalDate; closed: boolean; closedBySystem: boolean }, today: LocalDate): PromiseStatus {
  if (c.reachedOn) return c.reachedOn <= c.respondBy ? 'kept' : 'missed';
  if (c.closed && c.closedBySystem) return 'not_applicable';
  return c.respondBy < today ? 'missed' : 'pending';
}

export const DIMENSIONS = ['channel', 'line', 'region', 'municipality', 'contactor', 'serviceArea', 'urgency', 'mainReason', 'additionalReason', 'outcome', 'trigger'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Breakdown { code: string | null; count: number; previousYear: number }

/** Codes in order, none (null) last: the order of every list keyed by a code. */
export const byCodeNoneLast = (a: string | null, b: string | null): number => (a ?? '\uffff').localeCompare(b ?? '\uffff');
/** Most first, then by code (none last): the order of every breakdown, rolled up or counted. */
export const byCountThenCode = <T extends { code: string | null; count: number }>(a: T, b: T): number => b.count - a.count || byCodeNoneLast(a.code, b.code);

/** The month's statistics: the response contract (statistics.schemas.ts), one type for both. */
export type { MonthlyStatistics } from './statistics.schemas.js';
import type { MonthlyStatistics } from './statistics.schemas.js';

/** The closed loop in the period (referrals sent in it), beside the same dates a year earlier. */
export type ReferralStatistics = MonthlyStatistics['referrals'];
/** The statutory clocks the period's referrals started (domain § 9), and whether they were kept. */
export type StatutoryStatistics = MonthlyStatistics['statutory'];

/** A statutory clock's counts, in the order the exports write them. */
export const CLOCK_KEYS = ['started', 'met', 'missed', 'pending', 'cancelled'] as const;

/**
 * Semicolon-separated with a byte-order mark: what Excel with Finnish or Swedish regional settings
 * opens correctly without an import wizard.
 */
export function toCsv(s: MonthlyStatistics, label: (dimension: Dimension | 'referralOutcome', code: string | null) => string, headings: Record<string, string>): string {
  const rows: (string | number)[][] = [[headings.dimension!, headings.code!, headings.label!, s.month, s.previousYearMonth]];
  rows.push(['total', '', headings.total!, s.total, s.totalPreviousYear]);
  rows.push(['anonymous', '', headings.anonymous!, s.anonymous, '']);
  rows.push(['led_to_client_relationship', '', headings.ledToClientRelationship!, s.ledToClientRelationship, '']);
  rows.push(['repeat_contacts', '', headings.repeatContacts!, s.repeatContacts, '']);
  for (const [k, v] of Object.entries(s.promise)) rows.push(['promise', k, headings[`promise_${k}`] ?? k, v, '']);
  for (const dimension of DIMENSIONS) {
    for (const b of s.breakdowns[dimension]) rows.push([dimension, b.code ?? '', label(dimension, b.code), b.count, b.previousYear]);
  }
  for (const w of s.byWeekday) rows.push(['weekday', String(w.weekday), headings[`weekday_${w.weekday}`] ?? String(w.weekday), w.count, w.previousYear]);
  const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}–${String(hour + 1).padStart(2, '0')}`;
  for (const h of s.byHour) rows.push(['hour', String(h.hour), hourLabel(h.hour), h.count, h.previousYear]);
  // the heat map per channel: code channel|weekday|hour
  for (const c of s.weekdayHour) {
    rows.push(['channel_weekday_hour', `${c.channel ?? ''}|${c.weekday}|${c.hour}`, `${label('channel', c.channel)}, ${headings[`weekday_${c.weekday}`] ?? c.weekday} ${hourLabel(c.hour)}`, c.count, c.previousYear]);
  }
  // the statutory clocks (domain § 9): the period beside a year earlier, then per basis, channel and line
  const st = s.statutory;
  for (const k of CLOCK_KEYS) rows.push(['statutory', k, headings[`statutory_${k}`] ?? k, st[k], st.previousYear[k]]);
  for (const b of st.byBasis) for (const k of CLOCK_KEYS) rows.push([`statutory_${b.basis}`, k, `${headings[`basis_${b.basis}`] ?? b.basis}: ${headings[`statutory_${k}`] ?? k}`, b[k], '']);
  for (const [group, list, dimension] of [['channel', st.byChannel, 'channel'], ['line', st.byLine, 'line']] as const) {
    for (const b of list) for (const k of CLOCK_KEYS) rows.push([`statutory_${group}_${k}`, b.code ?? '', label(dimension, b.code), b[k], '']);
  }
  // reachability (issue 15): the figures as numbers (shares as fractions), beside the year before
  const ph = s.phone;
  const num = (v: number | null) => (v === null ? '' : v);
  for (const k of ['offered', 'answered', 'abandoned', 'outsideHours', 'answerRate', 'answeredWithinServiceLevel', 'serviceLevel', 'meanWaitSeconds', 'p90WaitSeconds', 'meanAbandonSeconds'] as const) {
    rows.push(['phone', k, headings[`phone_${k}`] ?? k, num(ph[k]), num(ph.previousYear[k])]);
  }
  for (const k of ['created', 'done', 'meanHoursToCallback', 'p90HoursToCallback'] as const) {
    rows.push(['callbacks', k, headings[`callbacks_${k}`] ?? k, num(ph.callbacks[k]), num(ph.previousYear.callbacks[k])]);
  }
  for (const l of ph.byLine) {
    for (const k of ['offered', 'answered', 'abandoned', 'answerRate'] as const) rows.push([`phone_line_${k}`, l.line ?? '', label('line', l.line), num(l[k]), '']);
  }
  const r = s.referrals;
  rows.push(['referrals', 'sent', headings.referrals_sent ?? 'sent', r.sent, r.sentPreviousYear]);
  for (const k of ['returned', 'contactsReturned', 'completed', 'cancelled', 'stillOpen', 'overdue', 'accepted', 'acceptedOnTime'] as const) rows.push(['referrals', k, headings[`referrals_${k}`] ?? k, r[k], '']);
  for (const b of r.byKind) rows.push(['referral_kind', b.code ?? '', headings[`kind_${b.code}`] ?? b.code ?? '', b.count, b.previousYear]);
  for (const b of r.byTarget) rows.push(['referral_target', b.code ?? '', b.code ?? headings.external ?? '', b.count, b.previousYear]);
  for (const b of r.byOutcome) rows.push(['referral_outcome', b.code ?? '', label('referralOutcome', b.code), b.count, b.previousYear]);
  for (const c of r.byChannel) {
    rows.push(['referral_channel', c.code ?? '', label('channel', c.code), c.count, c.previousYear]);
    for (const b of c.byTarget) rows.push(['referral_channel_target', `${c.code ?? ''}|${b.code ?? ''}`, `${label('channel', c.code)}: ${b.code ?? headings.external ?? ''}`, b.count, b.previousYear]);
  }
  // the chat and the residents' feedback (issue 16)
  const ch = s.chat;
  rows.push(['chat', 'started', headings.chat_started ?? 'started', ch.started, ch.previousYear.started]);
  rows.push(['chat', 'answered', headings.chat_answered ?? 'answered', ch.answered, ch.previousYear.answered]);
  for (const k of ['leftWaiting', 'timedOut', 'callbacks', 'acute'] as const) rows.push(['chat', k, headings[`chat_${k}`] ?? k, ch[k], '']);
  for (const k of ['mean', 'median', 'p90'] as const) rows.push(['chat_wait_seconds', k, headings[`chat_wait_${k}`] ?? k, ch.waitSeconds[k] ?? '', '']);
  const fb = s.feedback;
  rows.push(['feedback', 'count', headings.feedback_count ?? 'count', fb.count, fb.previousYear.count]);
  rows.push(['feedback', 'mean_score', headings.feedback_meanScore ?? 'mean', fb.meanScore ?? '', fb.previousYear.meanScore ?? '']);
  rows.push(['feedback', 'invited', headings.feedback_invited ?? 'invited', fb.invited, '']);
  rows.push(['feedback', 'with_text', headings.feedback_withText ?? 'with text', fb.withText, '']);
  for (const b of fb.byScore) rows.push(['feedback_score', String(b.score), `${headings.feedback_score ?? 'score'} ${b.score}`, b.count, '']);
  for (const b of fb.byChannel) {
    rows.push(['feedback_channel_count', b.channel, label('channel', b.channel), b.count, '']);
    rows.push(['feedback_channel_mean', b.channel, label('channel', b.channel), b.meanScore ?? '', '']);
  }
  for (const b of fb.byLine) {
    rows.push(['feedback_line_count', b.line ?? '', label('line', b.line), b.count, '']);
    rows.push(['feedback_line_mean', b.line ?? '', label('line', b.line), b.meanScore ?? '', '']);
  }
  // guidance levels 2–3 (issue 17)
  const gd = s.guidance;
  for (const k of ['level1', 'level2', 'level3'] as const) rows.push(['guidance_level', k.slice(5), headings[`guidance_${k}`] ?? k, gd.contactsByLevel[k], gd.previousYear[k]]);
  rows.push(['guidance', 'opened_level2', headings.guidance_opened2 ?? 'opened 2', gd.casesOpened.level2, '']);
  rows.push(['guidance', 'opened_level3', headings.guidance_opened3 ?? 'opened 3', gd.casesOpened.level3, '']);
  for (const k of ['due', 'onTime', 'late', 'missed', 'pending'] as const) rows.push(['guidance_follow_up', k, headings[`guidance_${k}`] ?? k, gd.followUps[k], '']);
  for (const k of ['anchored', 'meetingsHeld', 'outreachAttempts'] as const) rows.push(['guidance', k, headings[`guidance_${k}`] ?? k, gd[k], '']);
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would make Excel evaluate a formula (CSV injection).
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
