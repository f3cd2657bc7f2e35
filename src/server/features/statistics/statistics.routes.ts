import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, problemSchema, requestLang, type Lang } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { countyLabels, type LabelKind } from '../organisation/public.js';
import { daysBetween, helsinkiDate } from '../../../domain/local-date.js';
import { TRIGGERS, type TriggerCode } from '../../../domain/codes.js';
import { periodRange, toCsv, type Dimension, type PeriodRange } from './statistics.domain.js';
import { CHAT_HEADINGS, HEADINGS, REFERRAL_HEADINGS } from './statistics.headings.js';
import { monthlyStatistics, periodStatistics } from './statistics.queries.js';
import { resolveStatisticsFilters } from './statistics.filters.js';
import { toXlsx } from './statistics.xlsx.js';
import { PERIOD_MAX_DAYS, monthlyQuerySchema, monthlyStatisticsSchema, periodQuerySchema, staffingQuerySchema, staffingSchema, staffingSettingsInputSchema, staffingSettingsSchema } from './statistics.schemas.js';
import { saveStaffingSettings, staffing, staffingSettings } from './reachability.queries.js';
import { feedbackComments, feedbackCommentsQuerySchema, feedbackCommentsSchema } from '../feedback/public.js';

const KIND: Record<Dimension, LabelKind | null> = {
  channel: 'channel', line: 'line', region: 'region', municipality: 'municipality', contactor: 'contactor', serviceArea: 'service_area',
  urgency: 'urgency', mainReason: 'reason', additionalReason: 'reason', outcome: 'outcome', trigger: null,
};
/** Monthly statistics for supervisors (domain § 8): JSON for the app, CSV for Excel. */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const roles = { roles: ['supervisor' as const, 'admin' as const] };
  const monthOf = (month: string | undefined) => month ?? helsinkiDate(app.deps.clock()).slice(0, 7);

  const periodOf = (q: { from: string; to: string }): PeriodRange => {
    if (q.to < q.from) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.to', message: 'The period ends before it starts.', code: 'invalid' }]);
    if (daysBetween(q.from, q.to) + 1 > PERIOD_MAX_DAYS) {
      throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.from', message: `A period is at most ${PERIOD_MAX_DAYS} days.`, code: 'invalid' }]);
    }
    return periodRange(q.from, q.to);
  };
  const statsFor = async (req: { query: { month?: string; from?: string; to?: string; region?: string; line?: string; municipality?: string } }, countyId: string) => {
    const filters = await resolveStatisticsFilters(app.deps.database.db, countyId, req.query);
    const q = req.query;
    return q.from !== undefined && q.to !== undefined
      ? periodStatistics(app.deps.database.db, countyId, periodOf({ from: q.from, to: q.to }), app.deps.clock(), filters)
      : monthlyStatistics(app.deps.database.db, countyId, monthOf(q.month), app.deps.clock(), filters);
  };

  r.get('/statistics/monthly', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Contacts of a month by channel, line, region, reason, outcome…, beside the same month a year earlier',
      querystring: monthlyQuerySchema, response: { 200: monthlyStatisticsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => statsFor(req, currentUser(req).countyId));

  r.get('/statistics/period', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'The same for any period (a quarter, a year, a range of days), beside the same dates a year earlier',
      querystring: periodQuerySchema, response: { 200: monthlyStatisticsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => statsFor(req, currentUser(req).countyId));

  r.get('/statistics/feedback-comments', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Residents\' feedback texts of a period: month, channel, line, score and the text, nothing that identifies (issue 16)',
      querystring: feedbackCommentsQuerySchema, response: { 200: feedbackCommentsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => {
    const q = req.query;
    if (q.to < q.from) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.to', message: 'Ends before it starts.', code: 'invalid' }]);
    if (daysBetween(q.from, q.to) > PERIOD_MAX_DAYS) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.to', message: `At most ${PERIOD_MAX_DAYS} days.`, code: 'invalid' }]);
    return feedbackComments(app.deps.database.db, currentUser(req).countyId, q);
  });

  r.get('/statistics/staffing-settings', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'The county\'s service level (answered within N seconds, target share) and the phone roster',
      response: { 200: staffingSettingsSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => staffingSettings(app.deps.database.db, currentUser(req).countyId));

  r.put('/statistics/staffing-settings', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Sets the service level and replaces the whole roster (a weekday and hour not listed has no one planned)',
      body: staffingSettingsInputSchema, response: { 200: staffingSettingsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => saveStaffingSettings(app.deps.database.db, currentUser(req).countyId, req.body));

  r.get('/statistics/staffing', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Workers needed on the phones per weekday and hour (Erlang C, from the period\'s calls and handling time) beside the roster',
      querystring: staffingQuerySchema, response: { 200: staffingSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => staffing(app.deps.database.db, currentUser(req).countyId, req.query, app.deps.clock()));

  const labelsFor = async (countyId: string, lang: Lang) => {
    const labels = await countyLabels(app.deps.database.db, countyId);
    return (d: Dimension | 'referralOutcome', code: string | null) => {
      if (code === null) return HEADINGS[lang].none!;
      if (d === 'referralOutcome') return labels('referral_outcome', code, lang) ?? code;
      const kind = KIND[d];
      return (kind ? labels(kind, code, lang) : TRIGGERS[code as TriggerCode]?.[lang]) ?? code;
    };
  };
  const lang = z.object({ lang: z.enum(['fi', 'sv', 'en']).optional() });
  for (const [url, querystring] of [['/statistics/monthly.csv', monthlyQuerySchema.extend(lang.shape)], ['/statistics/period.csv', periodQuerySchema.extend(lang.shape)]] as const) {
    r.get(url, {
      config: roles,
      schema: {
        tags: ['statistics'], summary: 'The same as CSV (semicolon-separated, UTF-8 with BOM) in the language of Accept-Language or ?lang',
        querystring, response: { 200: z.string(), 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    }, async (req, reply) => {
      const user = currentUser(req);
      const language = req.query.lang ?? requestLang(req);
      const [stats, label] = await Promise.all([statsFor(req, user.countyId), labelsFor(user.countyId, language)]);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="opastin-tilastot-${fileLabel(stats.month)}.csv"`)
        .send(toCsv(stats, label, { ...HEADINGS[language], ...REFERRAL_HEADINGS[language], ...CHAT_HEADINGS[language] }));
    });
  }

  for (const [url, querystring] of [['/statistics/monthly.xlsx', monthlyQuerySchema.extend(lang.shape)], ['/statistics/period.xlsx', periodQuerySchema.extend(lang.shape)]] as const) {
    r.get(url, {
      config: roles,
      schema: {
        tags: ['statistics'], summary: 'The same as a spreadsheet (XLSX): one sheet per breakdown, numbers as numbers, headers in the language of Accept-Language or ?lang',
        querystring, response: { 200: z.instanceof(Buffer).describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    }, async (req, reply) => {
      const user = currentUser(req);
      const language = req.query.lang ?? requestLang(req);
      const [stats, label] = await Promise.all([statsFor(req, user.countyId), labelsFor(user.countyId, language)]);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="opastin-tilastot-${fileLabel(stats.month)}.xlsx"`)
        .send(await toXlsx(stats, label, { ...HEADINGS[language], ...REFERRAL_HEADINGS[language], ...CHAT_HEADINGS[language] }, language));
    });
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A period's label as a file name part: "2026-11", "2026-Q3", "2026-07-01_2026-09-15". */
const fileLabel = (label: string) => label.replace(/[^0-9A-Za-z-]+/g, '_');
