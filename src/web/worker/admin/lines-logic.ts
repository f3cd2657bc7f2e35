/**
 * The pure parts of the lines pages (issue 18): a month's calendar grid, the hours a day has
 * before an exception is made for it, times as people type them, and a change's before → after.
 */
import { addDays, addMonths, daysInMonth, helsinkiDate, isoWeekday, isValidLocalDate, localDate, parts, type LocalDate } from '../../../domain/local-date';

export interface Interval { opens: string; closes: string }
export interface WeeklySlot extends Interval { weekday: number }
export interface ExceptionDay { day: string; hours: Interval[]; note: string | null; holiday: string | null }
export interface CalendarDay { date: string; weekday: number; holiday: string | null; publicHoliday: boolean; workingDay: boolean }

/** "2026-11" for the month a date is in. */
export const monthOf = (date: string): string => date.slice(0, 7);

/** This month in Helsinki. */
export const thisMonth = (now: Date = new Date()): string => monthOf(helsinkiDate(now));

/** A month from the address ("2026-12"), else this month. */
export function monthFromSearch(search: string, now: Date = new Date()): string {
  const m = new URLSearchParams(search).get('kuukausi') ?? '';
  return /^\d{4}-\d{2}$/.test(m) && isValidLocalDate(`${m}-01`) ? m : thisMonth(now);
}

export function shiftMonth(month: string, delta: number): string {
  return monthOf(addMonths(`${month}-01`, delta));
}

/** The first and last day of a month, for GET /api/admin/calendar. */
export function monthRange(month: string): { from: LocalDate; to: LocalDate } {
  const { year, month: m } = parts(`${month}-01`);
  return { from: localDate(year, m, 1), to: localDate(year, m, daysInMonth(year, m)) };
}

/** A month as weeks from Monday to Sunday; days of the months around it are null. */
export function monthWeeks(month: string): (LocalDate | null)[][] {
  const { from, to } = monthRange(month);
  const weeks: (LocalDate | null)[][] = [];
  let week: (LocalDate | null)[] = Array.from({ length: isoWeekday(from) - 1 }, () => null);
  for (let d = from; d <= to; d = addDays(d, 1)) {
    week.push(d);
    if (week.length === 7) { weeks.push(week); week = []; }
  }
  if (week.length) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

const byOpens = (a: Interval, b: Interval) => a.opens.localeCompare(b.opens);

/**
 * The hours a day has now: its exception's if it has one; else none on a public holiday or an eve
 * (public administration is closed) and the weekly slots of its weekday on other days.
 */
export function hoursOfDay(date: string, weekly: WeeklySlot[], exceptions: ExceptionDay[], holiday: string | null): { hours: Interval[]; exception: ExceptionDay | null } {
  const exception = exceptions.find((e) => e.day === date) ?? null;
  if (exception) return { hours: [...exception.hours].sort(byOpens), exception };
  if (holiday) return { hours: [], exception: null };
  const weekday = isoWeekday(date);
  return { hours: weekly.filter((w) => w.weekday === weekday).map(({ opens, closes }) => ({ opens, closes })).sort(byOpens), exception: null };
}

/** The weekly hours of a day (for the form's "normal hours" line), whatever exception it has. */
export function weeklyOfDay(date: string, weekly: WeeklySlot[]): Interval[] {
  const weekday = isoWeekday(date);
  return weekly.filter((w) => w.weekday === weekday).map(({ opens, closes }) => ({ opens, closes })).sort(byOpens);
}

/** "9", "9.30", "09:30", "24:00" → "HH:MM"; anything else → null. */
export function parseTime(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h === 24 && min === 0) return '24:00';
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** "09:00–11:00, 13:00–15:00" */
export const intervalsText = (hours: Interval[]): string => hours.map((h) => `${h.opens}–${h.closes}`).join(', ');

export type IntervalProblem = 'time' | 'order' | 'overlap';

/**
 * Checks typed intervals: each time readable, closing after opening, no two overlapping (on the
 * same weekday when `weekday` is given). Returns the parsed intervals and the problems by row index
 * and field (`opens` / `closes`), as the server names them (`weekly.2.closes`, `hours.0.opens`).
 */
export function checkIntervals<T extends { opens: string; closes: string; weekday?: number }>(rows: T[]): { parsed: (T & Interval)[]; problems: Record<string, IntervalProblem> } {
  const problems: Record<string, IntervalProblem> = {};
  const parsed = rows.map((r, i) => {
    const opens = parseTime(r.opens);
    const closes = parseTime(r.closes);
    if (!opens || opens === '24:00') problems[`${i}.opens`] = 'time';
    if (!closes) problems[`${i}.closes`] = 'time';
    else if (opens && closes <= opens) problems[`${i}.closes`] = 'order';
    return { ...r, opens: opens ?? r.opens, closes: closes ?? r.closes };
  });
  parsed.forEach((a, i) => {
    if (problems[`${i}.opens`] || problems[`${i}.closes`]) return;
    const clash = parsed.some((b, j) => j < i && !problems[`${j}.opens`] && !problems[`${j}.closes`]
      && (a.weekday ?? 0) === (b.weekday ?? 0) && a.opens < b.closes && b.opens < a.closes);
    if (clash) problems[`${i}.opens`] = 'overlap';
  });
  return { parsed, problems };
}

/** The keys whose values differ between a change's before and after, each with both values. */
export function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): { key: string; before: unknown; after: unknown }[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after?.[k] ?? null))
    .map((k) => ({ key: k, before: before?.[k] ?? null, after: after?.[k] ?? null }));
}

/** A value of a change as a person reads it: text as is, lists and objects compact, nothing as "–". */
export function valueText(value: unknown, yes = 'yes', no = 'no'): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '–';
    return value.map((v) => (v && typeof v === 'object' && 'opens' in v && 'closes' in v
      ? `${'weekday' in v ? `${String((v as { weekday: unknown }).weekday)}: ` : ''}${String((v as Interval).opens)}–${String((v as Interval).closes)}`
      : valueText(v, yes, no))).join(', ');
  }
  return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${valueText(v, yes, no)}`).join('; ');
}
