/**
 * Opening hours of a phone line (or any channel): weekly slots plus exception days.
 * Precedence: an exception day defines that day entirely; otherwise a day on which public
 * administration does not work (public holiday, Midsummer Eve, Christmas Eve) is closed;
 * otherwise the weekly slots apply.
 */
import { holidayOn } from './calendar.js';
import { addDays, helsinkiDateTime, isoWeekday, type LocalDate } from './local-date.js';

export interface WeeklySlot {
  weekday: number; // ISO: 1 = Monday
  opens: string; // 'HH:MM' or 'HH:MM:SS'
  closes: string;
}

export interface ExceptionDay {
  day: LocalDate;
  opens: string | null; // null: closed all day
  closes: string | null;
}

export interface Interval {
  opens: string; // 'HH:MM'
  closes: string;
}

function minutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

function hhmm(time: string): string {
  return time.slice(0, 5);
}

export function hoursOn(date: LocalDate, slots: WeeklySlot[], exceptions: ExceptionDay[]): Interval[] {
  const special = exceptions.filter((e) => e.day === date);
  const source = special.length > 0
    ? special.filter((e) => e.opens !== null && e.closes !== null).map((e) => ({ opens: e.opens!, closes: e.closes! }))
    : holidayOn(date)
      ? []
      : slots.filter((s) => s.weekday === isoWeekday(date));
  return source
    .map((s) => ({ opens: hhmm(s.opens), closes: hhmm(s.closes) }))
    .sort((a, b) => minutes(a.opens) - minutes(b.opens));
}

export function isOpenAt(instant: Date, slots: WeeklySlot[], exceptions: ExceptionDay[]): boolean {
  const { date, minuteOfDay } = helsinkiDateTime(instant);
  return hoursOn(date, slots, exceptions).some((i) => minuteOfDay >= minutes(i.opens) && minuteOfDay < minutes(i.closes));
}

/** The next time the line opens after `instant` (Helsinki date and time), looking up to 31 days ahead. */
export function nextOpening(instant: Date, slots: WeeklySlot[], exceptions: ExceptionDay[]): { date: LocalDate; opens: string } | null {
  const { date, minuteOfDay } = helsinkiDateTime(instant);
  for (let i = 0; i <= 31; i++) {
    const day = addDays(date, i);
    const next = hoursOn(day, slots, exceptions).find((h) => i > 0 || minutes(h.opens) > minuteOfDay);
    if (next) return { date: day, opens: next.opens };
  }
  return null;
}
