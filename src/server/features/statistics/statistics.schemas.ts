import { z } from 'zod';
import { DIMENSIONS, MONTH_RE, type Dimension } from './statistics.domain.js';
import { chatFiguresSchema, feedbackFiguresSchema } from '../feedback/public.js';
import { guidanceFiguresSchema } from '../guidance/guidance.schemas.js';

const breakdown = z.array(z.object({ code: z.string().nullable(), count: z.number().int(), previousYear: z.number().int() }));

/**
 * Reachability of the phone lines (issue 15) from the phone system's events (`phone_call`). A call
 * that arrived while its line was closed is not offered: it is counted in `outsideHours` (and
 * becomes a callback task when the number shows).
 */
export const phoneFiguresSchema = z.object({
  offered: z.number().int().describe('Calls that arrived while their line was open'),
  answered: z.number().int().describe('Offered calls a worker answered'),
  abandoned: z.number().int().describe('Offered calls that ended without an answer (the caller hung up or the system ended the call)'),
  outsideHours: z.number().int().describe('Calls that arrived while their line was closed (not offered)'),
  answerRate: z.number().min(0).max(1).nullable().describe('answered ÷ offered; null when nothing was offered'),
  answeredWithinServiceLevel: z.number().int().describe('Answered within the county\'s service level seconds'),
  serviceLevel: z.number().min(0).max(1).nullable().describe('answeredWithinServiceLevel ÷ offered; null when nothing was offered'),
  meanWaitSeconds: z.number().nullable().describe('Mean time from arrival to answer of the answered calls'),
  p90WaitSeconds: z.number().nullable().describe('90th percentile of the same'),
  meanAbandonSeconds: z.number().nullable().describe('Mean time the abandoned calls waited before they ended'),
  callbacks: z.object({
    created: z.number().int().describe('Callback tasks of the period: missed and after-hours calls with a number, and residents\' callback requests'),
    done: z.number().int().describe('Of those, the person was reached'),
    meanHoursToCallback: z.number().nullable().describe('Mean hours from the call (or request) to reaching the person'),
    p90HoursToCallback: z.number().nullable().describe('90th percentile of the same'),
  }),
});
export const phoneStatisticsSchema = phoneFiguresSchema.extend({
  serviceLevelSeconds: z.number().int().describe('The county\'s service level: answered within this many seconds'),
  serviceLevelTarget: z.number().describe('The share of offered calls the county aims to answer within serviceLevelSeconds'),
  previousYear: phoneFiguresSchema.describe('The same figures for the same period a year earlier'),
  byLine: z.array(phoneFiguresSchema.extend({
    line: z.string().nullable().describe('Phone line code; null for calls to no known line'),
    previousYear: phoneFiguresSchema.describe('The line\'s figures for the same dates a year earlier'),
  })).describe('Every line with calls or callbacks in the period or a year earlier, busiest first'),
  byHour: z.array(z.object({ hour: z.number().int().min(0).max(23), offered: z.number().int(), answered: z.number().int(), abandoned: z.number().int() })).describe('Offered calls by the hour they arrived (Helsinki), hours with calls only'),
  byDay: z.array(z.object({ date: z.string(), offered: z.number().int(), answered: z.number().int(), abandoned: z.number().int() })).describe('Offered calls by the day they arrived, days with calls only'),
}).meta({ id: 'PhoneStatistics' });

const promiseCounts = z.object({ kept: z.number().int(), missed: z.number().int(), pending: z.number().int(), notApplicable: z.number().int() });
/**
 * The statutory clocks (issue 15, part 2; domain § 9): referrals that started a legal time limit
 * (SHL 36 §, LsL 26 §, TL 51 §: `referral.legal_deadline`), by the day they were sent. The clock
 * stops when the receiving unit reached the client (`client_contacted_at`, else `completed_at`).
 */
const statutoryCounts = z.object({
  started: z.number().int().describe('Referrals sent in the period with a statutory deadline'),
  met: z.number().int().describe('The client was reached on or before the deadline'),
  missed: z.number().int().describe('Reached after the deadline, or not reached and the deadline has passed'),
  pending: z.number().int().describe('Not reached yet, the deadline is today or later'),
  cancelled: z.number().int().describe('Cancelled before the client was reached (no clock to keep)'),
});
export const statutoryStatisticsSchema = statutoryCounts.extend({
  previousYear: statutoryCounts.describe('The same for the same dates a year earlier'),
  byBasis: z.array(statutoryCounts.extend({ basis: z.enum(['shl_36', 'lsl_26', 'thl_51']) })).describe('Per legal basis, bases with clocks only'),
  byChannel: z.array(statutoryCounts.extend({ code: z.string().nullable() })).describe('Per channel of the contact the referral came from'),
  byLine: z.array(statutoryCounts.extend({ code: z.string().nullable() })).describe('Per phone line of the contact (null: no line)'),
}).meta({ id: 'StatutoryStatistics' });
export const monthlyStatisticsSchema = z.object({
  month: z.string().describe('The period: "2026-11" for a month, "2026-Q3" for a quarter, "2026" for a year, else "from–to"'),
  previousYearMonth: z.string().describe('The same dates a year earlier, labelled the same way'),
  period: z.object({ from: z.string(), to: z.string(), previousFrom: z.string(), previousTo: z.string() }).describe('The period\'s first and last day (inclusive) and the same a year earlier'),
  filters: z.object({ region: z.string().nullable(), line: z.string().nullable(), municipality: z.string().nullable() }).describe('The contacts counted: of this region, line and municipality only (codes); null: all'), total: z.number().int(), totalPreviousYear: z.number().int(),
  anonymous: z.number().int(), ledToClientRelationship: z.number().int(), stillOpen: z.number().int(), medianHandlingSeconds: z.number().int().nullable(),
  promise: promiseCounts,
  promiseBy: z.object({
    channel: z.array(promiseCounts.extend({ code: z.string().nullable() })),
    line: z.array(promiseCounts.extend({ code: z.string().nullable() })),
  }).describe('The promise counted from reaching the person, per channel and per phone line (null: no line)'),
  statutory: statutoryStatisticsSchema,
  phone: phoneStatisticsSchema,
  repeatContacts: z.number().int().describe('Contacts of identified people with three or more contacts in 30 days (multi-service trigger 3)'),
  breakdowns: z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, breakdown])) as Record<Dimension, typeof breakdown>),
  byWeekday: z.array(z.object({ weekday: z.number().int(), count: z.number().int(), previousYear: z.number().int() })).describe('ISO weekday (1 Monday) of arrival, Helsinki; weekdays with contacts in either period'),
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int(), previousYear: z.number().int() })).describe('Hour of arrival, Helsinki; hours with contacts in either period'),
  weekdayHour: z.array(z.object({
    channel: z.string().nullable(), weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23),
    count: z.number().int(), previousYear: z.number().int(),
  })).describe('Contacts per channel, weekday and hour of arrival (the heat map per channel); cells with contacts in either period'),
  referrals: z.object({
    sent: z.number().int(), sentPreviousYear: z.number().int(),
    returned: z.number().int().describe('Came back from the receiving unit: the ping-pong between services'), contactsReturned: z.number().int(),
    completed: z.number().int(), cancelled: z.number().int(), stillOpen: z.number().int(), overdue: z.number().int(),
    accepted: z.number().int(), acceptedOnTime: z.number().int(), byKind: breakdown, byTarget: breakdown, byOutcome: breakdown,
    byChannel: z.array(z.object({
      code: z.string().nullable(), count: z.number().int(), previousYear: z.number().int(),
      byTarget: breakdown.describe('Where the referrals from this channel went (unit code; "external" for outside services)'),
    })).describe('Referrals by the channel of the contact they came from (e.g. the emergency department\'s onward referrals), most first'),
  }).describe('Referrals sent in the month and what became of them'),
  guidance: guidanceFiguresSchema.describe('Guidance levels 2–3 in the period (issue 17): contacts by level, cases, follow-ups on time, people anchored, meetings; whole county, whatever the filters'),
  chat: chatFiguresSchema.describe('The chats started in the period (issue 16); whole county, whatever the filters'),
  feedback: feedbackFiguresSchema.describe('Client feedback given in the period (issue 16): score per channel and line; the texts at GET /api/statistics/feedback-comments'),
}).meta({ id: 'MonthlyStatistics' });

/** The statistics' filters (issue 15): codes of a region, phone line and municipality. */
const filterFields = {
  region: z.string().max(100).optional().describe('Only the contacts of this region (code)'),
  line: z.string().max(100).optional().describe('Only the contacts of this phone line (code)'),
  municipality: z.string().max(10).optional().describe('Only the contacts of this municipality (code)'),
};
export const monthlyQuerySchema = z.object({
  month: z.string().regex(MONTH_RE, 'must be a month as YYYY-MM').optional().describe('Defaults to the current month in Helsinki'),
  ...filterFields,
});
/** The longest period the statistics answer for: two years, each beside the year before. */
export const PERIOD_MAX_DAYS = 731;
export const periodQuerySchema = z.object({
  from: z.iso.date().describe('First day of the period (a quarter: 2026-07-01, a year: 2026-01-01)'),
  to: z.iso.date().describe('Last day of the period, inclusive (2026-09-30, 2026-12-31)'),
  ...filterFields,
});

export type MonthlyStatistics = z.infer<typeof monthlyStatisticsSchema>;
export type PhoneFigures = z.infer<typeof phoneFiguresSchema>;
export type PhoneStatistics = z.infer<typeof phoneStatisticsSchema>;

/** The county's service level and the phone roster (issue 15): `GET/PUT /api/statistics/staffing-settings`. */
export const rosterSlotSchema = z.object({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 Monday … 7 Sunday'),
  hour: z.number().int().min(0).max(23).describe('The hour starting at hour:00, Helsinki time'),
  workers: z.number().int().min(0).max(500).describe('Workers planned on the phones in that hour'),
});
export const staffingSettingsSchema = z.object({
  serviceLevelSeconds: z.number().int().min(5).max(3600).describe('Answered within this many seconds counts as within the service level'),
  serviceLevelTarget: z.number().min(0.01).max(0.99).describe('The share of calls to answer within serviceLevelSeconds, 0.01–0.99 (kept to three decimals), e.g. 0.8'),
  items: z.array(rosterSlotSchema).max(7 * 24).describe('The roster: a slot not listed has no one planned. PUT replaces the whole roster'),
  total: z.number().int().min(0).describe('How many roster slots'),
}).meta({ id: 'StaffingSettings' });
export const staffingSettingsInputSchema = staffingSettingsSchema.omit({ total: true }).superRefine((v, ctx) => {
  const seen = new Set<string>();
  v.items.forEach((slot, i) => {
    const key = `${slot.weekday}:${slot.hour}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['items', i], message: `Weekday ${slot.weekday} hour ${slot.hour} is listed twice.` });
    seen.add(key);
  });
});

/** `GET /api/statistics/staffing`: workers needed per weekday and hour by Erlang C, beside the roster. */
export const staffingQuerySchema = z.object({
  from: z.iso.date().optional().describe('First day of the measured period (default: 8 weeks before `to`)'),
  to: z.iso.date().optional().describe('Last day of the measured period, inclusive (default: yesterday in Helsinki)'),
  line: z.string().max(100).optional().describe('One phone line\'s calls only (code)'),
  targetShare: z.coerce.number().min(0.01).max(0.99).optional().describe('Share of calls to answer within targetSeconds, 0.01–0.99 (default: the county\'s service level target)'),
  targetSeconds: z.coerce.number().int().min(1).max(3600).optional().describe('Default: the county\'s service level seconds'),
  handlingSeconds: z.coerce.number().int().min(1).max(7200).optional().describe('Mean handling time to assume; default: measured (talk time of the answered calls)'),
});
export const staffingSlotSchema = z.object({
  weekday: z.number().int().min(1).max(7), hour: z.number().int().min(0).max(23),
  days: z.number().int().describe('How many of this weekday the period holds'),
  offered: z.number().int().describe('Calls offered in this weekday and hour over the whole period (after-hours calls not counted)'),
  callsPerHour: z.number().describe('Mean arrivals in one such hour: offered ÷ days'),
  trafficErlangs: z.number().describe('callsPerHour × handlingSeconds ÷ 3600'),
  needed: z.number().int().describe('The fewest workers that answer targetShare of calls within targetSeconds (Erlang C); 0 when no calls'),
  serviceLevelAtNeeded: z.number().min(0).max(1).nullable().describe('The service level Erlang C expects with `needed` workers; null when no calls'),
  roster: z.number().int().nullable().describe('Workers on the roster in this hour; null when none planned'),
  serviceLevelWithRoster: z.number().min(0).max(1).nullable().describe('The service level Erlang C expects with the roster (0 when the roster cannot carry the traffic); null without calls or roster'),
  enough: z.boolean().nullable().describe('roster ≥ needed; null when no roster is planned for a slot with calls'),
});
export const staffingSchema = z.object({
  from: z.string(), to: z.string(), line: z.string().nullable(),
  targetShare: z.number(), targetSeconds: z.number().int(),
  handlingSeconds: z.number().describe('The mean handling time used'),
  measuredHandlingSeconds: z.number().nullable().describe('Mean talk time of the answered calls of the period; null when none'),
  items: z.array(staffingSlotSchema).describe('Every weekday and hour with calls or a roster, Monday 0:00 first'),
  total: z.number().int(),
}).meta({ id: 'Staffing' });
export type StaffingSettings = z.infer<typeof staffingSettingsSchema>;
export type Staffing = z.infer<typeof staffingSchema>;
export type StaffingSlot = z.infer<typeof staffingSlotSchema>;
/** One row of a breakdown: a code, its count and the same month a year earlier. */
export type StatisticsBreakdownRow = MonthlyStatistics['breakdowns'][Dimension][number];
