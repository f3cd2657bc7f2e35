/**
 * A calendar date without a time zone, as `YYYY-MM-DD`. Business dates in this product are
 * always dates in Europe/Helsinki; arithmetic is done on UTC midnights so DST never shifts a day.
 */
export type LocalDate = string & { readonly __brand?: 'LocalDate' };

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidLocalDate(value: string): value is LocalDate {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parts(date: LocalDate): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Not a date: ${date}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function toUtcMillis(date: LocalDate): number {
  const { year, month, day } = parts(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function fromUtcMillis(ms: number): LocalDate {
  const d = new Date(ms);
  return localDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const DAY_MS = 86_400_000;

export function addDays(date: LocalDate, days: number): LocalDate {
  return fromUtcMillis(toUtcMillis(date) + days * DAY_MS);
}

/** Adds calendar months; the 31st plus one month is the last day of the shorter month. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { year, month, day } = parts(date);
  const total = year * 12 + (month - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return localDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMillis(to) - toUtcMillis(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const wd = new Date(toUtcMillis(date)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

export const HELSINKI = 'Europe/Helsinki';

const helsinkiFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: HELSINKI,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock date and time in Helsinki at an instant (DST handled by the tz database). */
export function helsinkiDateTime(instant: Date): { date: LocalDate; minuteOfDay: number } {
  const p = Object.fromEntries(helsinkiFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return {
    date: localDate(Number(p.year), Number(p.month), Number(p.day)),
    minuteOfDay: Number(p.hour) * 60 + Number(p.minute),
  };
}

export function helsinkiDate(instant: Date): LocalDate {
  return helsinkiDateTime(instant).date;
}
