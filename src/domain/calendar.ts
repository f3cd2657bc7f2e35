/**
 * The Finnish working-day calendar of public administration.
 *
 * Non-working days: Saturdays, Sundays, the public holidays (fixed and Easter-based) and the
 * two eves on which public administration does not work (Midsummer Eve, Christmas Eve).
 * The rules are today's (Act 1955 moved Midsummer and All Saints' Day to Saturdays) applied to
 * every year 1900–2200; see docs/adr/0003-working-day-calendar.md for why history is not modelled.
 */
import { addDays, addMonths, isoWeekday, localDate, parts, type LocalDate } from './local-date.js';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

export type HolidayCode =
  | 'new_years_day'
  | 'epiphany'
  | 'good_friday'
  | 'easter_sunday'
  | 'easter_monday'
  | 'may_day'
  | 'ascension_day'
  | 'whit_sunday'
  | 'midsummer_eve'
  | 'midsummer_day'
  | 'all_saints_day'
  | 'independence_day'
  | 'christmas_eve'
  | 'christmas_day'
  | 'st_stephens_day';

export interface Holiday {
  date: LocalDate;
  code: HolidayCode;
  /** false for the eves that are not public holidays but on which public administration is closed */
  publicHoliday: boolean;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`The calendar covers the years ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
  }
}

/** Gregorian Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDate(year, month, day);
}

/** The Saturday on or after a date. */
function saturdayOnOrAfter(date: LocalDate): LocalDate {
  return addDays(date, (6 - isoWeekday(date) + 7) % 7);
}

const cache = new Map<number, Holiday[]>();

export function holidays(year: number): Holiday[] {
  assertYear(year);
  const cached = cache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const midsummerDay = saturdayOnOrAfter(localDate(year, 6, 20));
  const list: Holiday[] = [
    { date: localDate(year, 1, 1), code: 'new_years_day', publicHoliday: true },
    { date: localDate(year, 1, 6), code: 'epiphany', publicHoliday: true },
    { date: addDays(easter, -2), code: 'good_friday', publicHoliday: true },
    { date: easter, code: 'easter_sunday', publicHoliday: true },
    { date: addDays(easter, 1), code: 'easter_monday', publicHoliday: true },
    { date: localDate(year, 5, 1), code: 'may_day', publicHoliday: true },
    { date: addDays(easter, 39), code: 'ascension_day', publicHoliday: true },
    { date: addDays(easter, 49), code: 'whit_sunday', publicHoliday: true },
    { date: addDays(midsummerDay, -1), code: 'midsummer_eve', publicHoliday: false },
    { date: midsummerDay, code: 'midsummer_day', publicHoliday: true },
    { date: saturdayOnOrAfter(localDate(year, 10, 31)), code: 'all_saints_day', publicHoliday: true },
    { date: localDate(year, 12, 6), code: 'independence_day', publicHoliday: true },
    { date: localDate(year, 12, 24), code: 'christmas_eve', publicHoliday: false },
    { date: localDate(year, 12, 25), code: 'christmas_day', publicHoliday: true },
    { date: localDate(year, 12, 26), code: 'st_stephens_day', publicHoliday: true },
  ];
  list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  cache.set(year, list);
  return list;
}

export function holidayOn(date: LocalDate): Holiday | undefined {
  return holidays(parts(date).year).find((h) => h.date === date);
}

export function isWorkingDay(date: LocalDate): boolean {
  return isoWeekday(date) <= 5 && holidayOn(date) === undefined;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: LocalDate): LocalDate {
  let d = addDays(date, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** `date` itself when it is a working day, otherwise the next one. */
export function workingDayOnOrAfter(date: LocalDate): LocalDate {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/**
 * The n-th working day after `date`: the starting day is not counted (Act 150/1930 § 2), so
 * `addWorkingDays(d, 1) === nextWorkingDay(d)` and `addWorkingDays(d, 0)` is the day itself
 * moved to a working day.
 */
export function addWorkingDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, not ${n}`);
  if (n === 0) return workingDayOnOrAfter(date);
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDay(d);
  return d;
}

/**
 * A deadline of n calendar days counted from an event (Act 150/1930): the event day is not
 * counted, and a deadline that falls on a non-working day moves to the next working day.
 */
export function deadlineInDays(eventDate: LocalDate, days: number): LocalDate {
  return workingDayOnOrAfter(addDays(eventDate, days));
}

/** A deadline of n months from an event (e.g. the 3-month child welfare investigation). */
export function deadlineInMonths(eventDate: LocalDate, months: number): LocalDate {
  return workingDayOnOrAfter(addMonths(eventDate, months));
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: LocalDate, to: LocalDate): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) count++;
  return count;
}
