/**
 * The month's (or any period's) statistics as a real spreadsheet (issue 15, part 5): one sheet per
 * breakdown, numbers as numeric cells with number formats (shares as fractions formatted as
 * percentages, seconds and hours as decimals, days as dates), headers and sheet names in the
 * reader's language from `headings`. Written with ExcelJS.
 *
 * The same inputs as `toCsv` (statistics.domain.ts): `label(dimension, code)` names a code in the
 * reader's language, `headings` holds every text (a missing key shows as the key itself, as in the
 * CSV). Text is always written as a string cell, never as a formula, so a label such as
 * `=HYPERLINK(…)` stays text.
 */
import ExcelJS from 'exceljs';
import type { Lang } from '../../platform/errors.js';
import { CLOCK_KEYS, DIMENSIONS, type Dimension, type MonthlyStatistics } from './statistics.domain.js';
import type { PhoneFigures } from './statistics.schemas.js';

export type StatisticsLabel = (dimension: Dimension | 'referralOutcome', code: string | null) => string;

/** How a numeric cell shows: a count, a share (0.75 → 75,0 %), a decimal (seconds, hours), a day. */
type Format = 'count' | 'share' | 'decimal' | 'integer' | 'date';
/** A numeric cell whose format differs from its column's (the summary mixes counts, shares and seconds). */
interface Num { value: number | null; format: Format }
type Value = string | number | Date | null | Num;
interface Column { header: string; format?: Format }
interface Table { name: string; columns: Column[]; rows: Value[][] }

const NUM_FMT: Record<Exclude<Format, 'date'>, string> = { count: '#,##0', share: '0.0%', decimal: '0.0', integer: '0' };
const DATE_FMT: Record<Lang, string> = { fi: 'd.m.yyyy', sv: 'd.m.yyyy', en: 'yyyy-mm-dd' };
const LANGUAGE_TAG: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const PHONE_KEYS = ['offered', 'answered', 'abandoned', 'outsideHours', 'answerRate', 'answeredWithinServiceLevel', 'serviceLevel', 'meanWaitSeconds', 'p90WaitSeconds', 'meanAbandonSeconds'] as const;
const CALLBACK_KEYS = ['created', 'done', 'meanHoursToCallback', 'p90HoursToCallback'] as const;
const PHONE_FORMAT: Record<(typeof PHONE_KEYS)[number] | (typeof CALLBACK_KEYS)[number], Format> = {
  offered: 'count', answered: 'count', abandoned: 'count', outsideHours: 'count', answerRate: 'share', answeredWithinServiceLevel: 'count',
  serviceLevel: 'share', meanWaitSeconds: 'decimal', p90WaitSeconds: 'decimal', meanAbandonSeconds: 'decimal',
  created: 'count', done: 'count', meanHoursToCallback: 'decimal', p90HoursToCallback: 'decimal',
};
const PROMISE_KEYS = ['kept', 'missed', 'pending', 'notApplicable'] as const;
const FILTERS = ['region', 'line', 'municipality'] as const;
const REFERRAL_KEYS = ['returned', 'contactsReturned', 'completed', 'cancelled', 'stillOpen', 'overdue', 'accepted', 'acceptedOnTime'] as const;

/**
 * The workbook as the bytes of an .xlsx file. Sheets, in order: summary; one per dimension
 * (channel … trigger); weekday; hour; channel × weekday × hour; promise per channel; promise per
 * line; statutory time limits; phone per line; phone per hour; phone per day; referrals; referrals
 * by kind, by target, by outcome, by channel and target.
 */
export async function toXlsx(s: MonthlyStatistics, label: StatisticsLabel, headings: Record<string, string>, lang: Lang): Promise<Buffer> {
  const h = (key: string) => headings[key] ?? key;
  const num = (value: number | null, format: Format): Num => ({ value, format });
  const period = [s.month, s.previousYearMonth];
  const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}–${String(hour + 1).padStart(2, '0')}`;
  const tables: Table[] = [];

  // the summary: the month's figures beside the same period a year earlier
  const ph = s.phone;
  const summary: Value[][] = [
    // what was counted: the period's days beside the year before's, and the filters (all when none)
    ['period_from', h('period_from'), day(s.period.from), day(s.period.previousFrom)],
    ['period_to', h('period_to'), day(s.period.to), day(s.period.previousTo)],
    ...FILTERS.map((f): Value[] => [`filter_${f}`, h(`filter_${f}`), s.filters[f] === null ? h('filter_all') : label(f, s.filters[f]), null]),
    ['total', h('total'), s.total, s.totalPreviousYear],
    ['anonymous', h('anonymous'), s.anonymous, null],
    ['ledToClientRelationship', h('ledToClientRelationship'), s.ledToClientRelationship, null],
    ['stillOpen', h('stillOpen'), s.stillOpen, null],
    ['medianHandlingSeconds', h('medianHandlingSeconds'), num(s.medianHandlingSeconds, 'integer'), null],
    ['repeatContacts', h('repeatContacts'), s.repeatContacts, null],
    ...PROMISE_KEYS.map((k): Value[] => [`promise_${k}`, h(`promise_${k}`), s.promise[k], null]),
    ...PHONE_KEYS.map((k): Value[] => [`phone_${k}`, h(`phone_${k}`), num(ph[k], PHONE_FORMAT[k]), num(ph.previousYear[k], PHONE_FORMAT[k])]),
    ['phone_serviceLevelSeconds', h('phone_serviceLevelSeconds'), num(ph.serviceLevelSeconds, 'integer'), null],
    ['phone_serviceLevelTarget', h('phone_serviceLevelTarget'), num(ph.serviceLevelTarget, 'share'), null],
    ...CALLBACK_KEYS.map((k): Value[] => [`callbacks_${k}`, h(`callbacks_${k}`), num(ph.callbacks[k], PHONE_FORMAT[k]), num(ph.previousYear.callbacks[k], PHONE_FORMAT[k])]),
  ];
  tables.push({ name: h('sheet_summary'), columns: [{ header: h('code') }, { header: h('label') }, { header: s.month, format: 'count' }, { header: s.previousYearMonth, format: 'count' }], rows: summary });

  const breakdownColumns = (): Column[] => [{ header: h('code') }, { header: h('label') }, ...period.map((p): Column => ({ header: p, format: 'count' }))];
  for (const dimension of DIMENSIONS) {
    tables.push({ name: h(`sheet_${dimension}`), columns: breakdownColumns(), rows: s.breakdowns[dimension].map((b) => [b.code, label(dimension, b.code), b.count, b.previousYear]) });
  }

  const periodColumns = period.map((p): Column => ({ header: p, format: 'count' }));
  tables.push({
    name: h('sheet_weekday'), columns: [{ header: h('weekday'), format: 'integer' }, { header: h('label') }, ...periodColumns],
    rows: s.byWeekday.map((w) => [w.weekday, h(`weekday_${w.weekday}`), w.count, w.previousYear]),
  });
  tables.push({
    name: h('sheet_hour'), columns: [{ header: h('hour'), format: 'integer' }, { header: h('label') }, ...periodColumns],
    rows: s.byHour.map((x) => [x.hour, hourLabel(x.hour), x.count, x.previousYear]),
  });
  // the heat map per channel, one row per cell: filter or pivot it by channel in the spreadsheet
  tables.push({
    name: h('sheet_weekdayHour'),
    columns: [{ header: h('code') }, { header: h('channel') }, { header: h('weekday'), format: 'integer' }, { header: h('hour'), format: 'integer' }, { header: h('label') }, ...periodColumns],
    rows: s.weekdayHour.map((c) => [c.channel, label('channel', c.channel), c.weekday, c.hour, `${h(`weekday_${c.weekday}`)} ${hourLabel(c.hour)}`, c.count, c.previousYear]),
  });

  const promiseColumns = (): Column[] => [{ header: h('code') }, { header: h('label') }, ...PROMISE_KEYS.map((k): Column => ({ header: h(`promise_${k}`), format: 'count' }))];
  tables.push({ name: h('sheet_promiseByChannel'), columns: promiseColumns(), rows: s.promiseBy.channel.map((p) => [p.code, label('channel', p.code), ...PROMISE_KEYS.map((k) => p[k])]) });
  tables.push({ name: h('sheet_promiseByLine'), columns: promiseColumns(), rows: s.promiseBy.line.map((p) => [p.code, label('line', p.code), ...PROMISE_KEYS.map((k) => p[k])]) });

  // the statutory clocks: the whole, a year earlier, then per legal basis, channel and line
  const st = s.statutory;
  tables.push({
    name: h('sheet_statutory'),
    columns: [{ header: h('dimension') }, { header: h('code') }, { header: h('label') }, ...CLOCK_KEYS.map((k): Column => ({ header: h(`statutory_${k}`), format: 'count' }))],
    rows: [
      [h('group_all'), null, s.month, ...CLOCK_KEYS.map((k) => st[k])],
      [h('group_all'), null, s.previousYearMonth, ...CLOCK_KEYS.map((k) => st.previousYear[k])],
      ...st.byBasis.map((b): Value[] => [h('group_basis'), b.basis, h(`basis_${b.basis}`), ...CLOCK_KEYS.map((k) => b[k])]),
      ...st.byChannel.map((b): Value[] => [h('group_channel'), b.code, label('channel', b.code), ...CLOCK_KEYS.map((k) => b[k])]),
      ...st.byLine.map((b): Value[] => [h('group_line'), b.code, label('line', b.code), ...CLOCK_KEYS.map((k) => b[k])]),
    ],
  });

  const phoneRow = (f: PhoneFigures): Value[] => [...PHONE_KEYS.map((k) => f[k]), ...CALLBACK_KEYS.map((k) => f.callbacks[k])];
  tables.push({
    name: h('sheet_phoneByLine'),
    columns: [
      { header: h('code') }, { header: h('label') },
      ...PHONE_KEYS.map((k): Column => ({ header: h(`phone_${k}`), format: PHONE_FORMAT[k] })),
      ...CALLBACK_KEYS.map((k): Column => ({ header: h(`callbacks_${k}`), format: PHONE_FORMAT[k] })),
    ],
    rows: ph.byLine.map((l) => [l.line, label('line', l.line), ...phoneRow(l)]),
  });
  const callColumns = (['offered', 'answered', 'abandoned'] as const).map((k): Column => ({ header: h(`phone_${k}`), format: 'count' }));
  tables.push({
    name: h('sheet_phoneByHour'), columns: [{ header: h('hour'), format: 'integer' }, { header: h('label') }, ...callColumns],
    rows: ph.byHour.map((x) => [x.hour, hourLabel(x.hour), x.offered, x.answered, x.abandoned]),
  });
  tables.push({
    name: h('sheet_phoneByDay'), columns: [{ header: h('date'), format: 'date' }, ...callColumns],
    rows: ph.byDay.map((d) => [day(d.date), d.offered, d.answered, d.abandoned]),
  });

  const r = s.referrals;
  tables.push({
    name: h('sheet_referrals'), columns: breakdownColumns(),
    rows: [['sent', h('referrals_sent'), r.sent, r.sentPreviousYear], ...REFERRAL_KEYS.map((k): Value[] => [k, h(`referrals_${k}`), r[k], null])],
  });
  tables.push({ name: h('sheet_referralKind'), columns: breakdownColumns(), rows: r.byKind.map((b) => [b.code, (b.code !== null ? headings[`kind_${b.code}`] : undefined) ?? b.code ?? h('none'), b.count, b.previousYear]) });
  tables.push({ name: h('sheet_referralTarget'), columns: breakdownColumns(), rows: r.byTarget.map((b) => [b.code, b.code ?? h('external'), b.count, b.previousYear]) });
  tables.push({ name: h('sheet_referralOutcome'), columns: breakdownColumns(), rows: r.byOutcome.map((b) => [b.code, label('referralOutcome', b.code), b.count, b.previousYear]) });
  // where each channel's referrals went (the emergency department's onward referrals): a channel's row, then its targets'
  tables.push({
    name: h('sheet_referralChannel'),
    columns: [{ header: h('code') }, { header: h('channel') }, { header: h('target') }, ...periodColumns],
    rows: r.byChannel.flatMap((c): Value[][] => [
      [c.code, label('channel', c.code), h('all_targets'), c.count, c.previousYear],
      ...c.byTarget.map((b): Value[] => [c.code, label('channel', c.code), b.code ?? h('external'), b.count, b.previousYear]),
    ]),
  });

  // the chat and the residents' feedback (issue 16): feedback per channel and line with its mean score
  const ch = s.chat;
  tables.push({
    name: h('sheet_chat'), columns: [{ header: h('code') }, { header: h('label') }, { header: s.month, format: 'count' }, { header: s.previousYearMonth, format: 'count' }],
    rows: [
      ['started', h('chat_started'), ch.started, ch.previousYear.started],
      ['answered', h('chat_answered'), ch.answered, ch.previousYear.answered],
      ...(['leftWaiting', 'timedOut', 'callbacks', 'acute'] as const).map((k): Value[] => [k, h(`chat_${k}`), ch[k], null]),
      ...(['mean', 'median', 'p90'] as const).map((k): Value[] => [`wait_${k}`, h(`chat_wait_${k}`), ch.waitSeconds[k], null]),
    ],
  });
  const fb = s.feedback;
  tables.push({
    name: h('sheet_feedback'), columns: [{ header: h('code') }, { header: h('label') }, { header: h('count'), format: 'count' }, { header: h('mean'), format: 'decimal' }],
    rows: [
      ['all', h('feedback_count'), fb.count, fb.meanScore],
      ['previous_year', s.previousYearMonth, fb.previousYear.count, fb.previousYear.meanScore],
      ['invited', h('feedback_invited'), fb.invited, null],
      ['with_text', h('feedback_withText'), fb.withText, null],
      ...fb.byScore.map((b): Value[] => [`score_${b.score}`, `${h('feedback_score')} ${b.score}`, b.count, null]),
      ...fb.byChannel.map((b): Value[] => [`channel_${b.channel}`, `${h('feedback_channel')}: ${label('channel', b.channel)}`, b.count, b.meanScore]),
      ...fb.byLine.map((b): Value[] => [`line_${b.line ?? ''}`, `${h('feedback_line')}: ${label('line', b.line)}`, b.count, b.meanScore]),
    ],
  });

  // guidance levels 2–3 (issue 17)
  const gd = s.guidance;
  tables.push({
    name: h('sheet_guidance'), columns: [{ header: h('code') }, { header: h('label') }, { header: s.month, format: 'count' }, { header: s.previousYearMonth, format: 'count' }],
    rows: [
      ...(['level1', 'level2', 'level3'] as const).map((k): Value[] => [k, h(`guidance_${k}`), gd.contactsByLevel[k], gd.previousYear[k]]),
      ['opened_level2', h('guidance_opened2'), gd.casesOpened.level2, null],
      ['opened_level3', h('guidance_opened3'), gd.casesOpened.level3, null],
      ...(['due', 'onTime', 'late', 'missed', 'pending'] as const).map((k): Value[] => [`follow_up_${k}`, h(`guidance_${k}`), gd.followUps[k], null]),
      ...(['anchored', 'meetingsHeld', 'outreachAttempts'] as const).map((k): Value[] => [k, h(`guidance_${k}`), gd[k], null]),
    ],
  });

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Opastin';
  wb.title = `${h('sheet_summary')} ${s.month}`;
  (wb as ExcelJS.Workbook & { language: string }).language = LANGUAGE_TAG[lang];
  const used = new Set<string>();
  for (const t of tables) writeTable(wb, uniqueSheetName(t.name, used), t, lang);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out);
}

/** A YYYY-MM-DD business day as a date cell (UTC midnight: the serial number of that day exactly). */
function day(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

function writeTable(wb: ExcelJS.Workbook, name: string, t: Table, lang: Lang): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const fmt = (f: Format) => (f === 'date' ? DATE_FMT[lang] : NUM_FMT[f]);
  const width = t.columns.map((c) => Math.min(c.header.length, 28));

  const header = ws.getRow(1);
  t.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header; // a string: never a formula
    cell.font = { bold: true };
    cell.alignment = { vertical: 'top', wrapText: true };
  });

  t.rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    values.forEach((v, i) => {
      if (v === null) return;
      const cell = row.getCell(i + 1);
      const column = t.columns[i];
      if (typeof v === 'string') {
        cell.value = v; // ExcelJS writes a string as text; only { formula } would become a formula
        width[i] = Math.max(width[i] ?? 0, v.length);
      } else if (v instanceof Date) {
        cell.value = v;
        cell.numFmt = DATE_FMT[lang];
        width[i] = Math.max(width[i] ?? 0, 10);
      } else {
        const { value, format } = typeof v === 'number' ? { value: v, format: column?.format ?? 'count' } : v;
        if (value === null || !Number.isFinite(value)) return;
        cell.value = value;
        cell.numFmt = fmt(format);
        width[i] = Math.max(width[i] ?? 0, format === 'share' ? 7 : String(Math.round(value)).length + (format === 'decimal' ? 2 : 1));
      }
    });
  });

  // at least 10: ExcelJS leaves out a width of exactly 9 (its default), and a figure needs the room
  width.forEach((w, i) => { ws.getColumn(i + 1).width = Math.min(Math.max(w + 2, 10), 60); });
  if (t.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + t.rows.length, column: t.columns.length } };
}

/**
 * A sheet name Excel accepts: no []:*?/\ , not starting or ending with an apostrophe, at most 31
 * characters, not empty, not "History" (reserved), and unique in the workbook (case-insensitively).
 */
export function uniqueSheetName(wanted: string, used: Set<string>): string {
  // cut to `max` UTF-16 units without splitting a surrogate pair; no apostrophe or space at either end
  const fit = (text: string, max: number) => text.slice(0, max).replace(/[\uD800-\uDBFF]$/, '').replace(/^['\s]+|['\s]+$/g, '');
  let base = fit(wanted.replace(/[[\]:*?/\\]/g, '-').replace(/\s+/g, ' '), 31);
  if (!base || base.toLowerCase() === 'history') base = `Sheet ${used.size + 1}`;
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${fit(base, 31 - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}
