import { z } from 'zod';
import { DIMENSIONS, MONTH_RE, type Dimension } from './statistics.domain.js';

const breakdown = z.array(z.object({ code: z.string().nullable(), count: z.number().int(), previousYear: z.number().int() }));
export const monthlyStatisticsSchema = z.object({
  month: z.string(), previousYearMonth: z.string(), total: z.number().int(), totalPreviousYear: z.number().int(),
  anonymous: z.number().int(), ledToClientRelationship: z.number().int(), stillOpen: z.number().int(), medianHandlingSeconds: z.number().int().nullable(),
  promise: z.object({ kept: z.number().int(), missed: z.number().int(), pending: z.number().int(), notApplicable: z.number().int() }),
  repeatContacts: z.number().int().describe('Contacts of identified people with three or more contacts in 30 days (multi-service trigger 3)'),
  breakdowns: z.object(Object.fromEntries(DIMENSIONS.map((d) => [d, breakdown])) as Record<Dimension, typeof breakdown>),
  byWeekday: z.array(z.object({ weekday: z.number().int(), count: z.number().int() })),
  byHour: z.array(z.object({ hour: z.number().int(), count: z.number().int() })),
  referrals: z.object({
    sent: z.number().int(), sentPreviousYear: z.number().int(),
    returned: z.number().int().describe('Came back from the receiving unit: the ping-pong between services'), contactsReturned: z.number().int(),
    completed: z.number().int(), cancelled: z.number().int(), stillOpen: z.number().int(), overdue: z.number().int(),
    accepted: z.number().int(), acceptedOnTime: z.number().int(), byKind: breakdown, byTarget: breakdown, byOutcome: breakdown,
  }).describe('Referrals sent in the month and what became of them'),
}).meta({ id: 'MonthlyStatistics' });

export const monthlyQuerySchema = z.object({
  month: z.string().regex(MONTH_RE, 'must be a month as YYYY-MM').optional().describe('Defaults to the current month in Helsinki'),
});

export type MonthlyStatistics = z.infer<typeof monthlyStatisticsSchema>;
/** One row of a breakdown: a code, its count and the same month a year earlier. */
export type StatisticsBreakdownRow = MonthlyStatistics['breakdowns'][Dimension][number];
