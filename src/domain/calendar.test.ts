import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Holidays from 'date-holidays';
import {
  addWorkingDays, deadlineInDays, deadlineInMonths, easterSunday, holidays, isWorkingDay,
  nextWorkingDay, workingDayOnOrAfter, workingDaysBetween, MAX_YEAR, MIN_YEAR,
} from './calendar.js';
import { addDays, isoWeekday, localDate, type LocalDate } from './local-date.js';

const anyDate = fc
  .date({ min: new Date(Date.UTC(MIN_YEAR, 0, 1)), max: new Date(Date.UTC(MAX_YEAR - 1, 10, 30)), noInvalidDate: true })
  .map((d) => localDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

describe('holidays', () => {
  it('knows the Easter dates published for known years', () => {
    expect(easterSunday(1900)).toBe('1900-04-15');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(1943)).toBe('1943-04-25');
    expect(easterSunday(1818)).toBe('1818-03-22');
  });

  it('lists the 2026 non-working days of public administration', () => {
    expect(holidays(2026).map((h) => `${h.date} ${h.code}`)).toEqual([
      '2026-01-01 new_years_day', '2026-01-06 epiphany', '2026-04-03 good_friday',
      '2026-04-05 easter_sunday', '2026-04-06 easter_monday', '2026-05-01 may_day',
      '2026-05-14 ascension_day', '2026-05-24 whit_sunday', '2026-06-19 midsummer_eve',
      '2026-06-20 midsummer_day', '2026-10-31 all_saints_day', '2026-12-06 independence_day',
      '2026-12-24 christmas_eve', '2026-12-25 christmas_day', '2026-12-26 st_stephens_day',
    ]);
  });

  it('refuses years outside 1900–2200', () => {
    expect(() => holidays(1899)).toThrow(RangeError);
    expect(() => holidays(2201)).toThrow(RangeError);
  });

  it('places the movable days on their weekdays in every year', () => {
    for (let y = MIN_YEAR; y <= MAX_YEAR; y++) {
      const byCode = Object.fromEntries(holidays(y).map((h) => [h.code, h.date]));
      expect(isoWeekday(byCode.easter_sunday!)).toBe(7);
      expect(isoWeekday(byCode.good_friday!)).toBe(5);
      expect(isoWeekday(byCode.ascension_day!)).toBe(4);
      expect(isoWeekday(byCode.midsummer_eve!)).toBe(5);
      expect(isoWeekday(byCode.midsummer_day!)).toBe(6);
      expect(byCode.midsummer_day! >= `${y}-06-20` && byCode.midsummer_day! <= `${y}-06-26`).toBe(true);
      expect(isoWeekday(byCode.all_saints_day!)).toBe(6);
      expect(byCode.all_saints_day! >= `${y}-10-31` && byCode.all_saints_day! <= `${y}-11-06`).toBe(true);
      expect(byCode.easter_sunday! >= `${y}-03-22` && byCode.easter_sunday! <= `${y}-04-25`).toBe(true);
    }
  });

  it('agrees with the independent date-holidays data for every year 1950–2100', () => {
    const independent = new Holidays('FI');
    for (let year = 1950; year <= 2100; year++) {
      // date-holidays marks public holidays as "public" and the two eves (and New Year's Eve) as "bank"
      const theirs = independent
        .getHolidays(year)
        .filter((h) => h.type === 'public' || /juhannusaatto|jouluaatto/.test(h.name))
        .map((h) => h.date.slice(0, 10))
        .sort();
      const ours = holidays(year).map((h) => h.date).sort();
      expect(ours, `year ${year}`).toEqual(theirs);
      const theirPublic = independent.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)).sort();
      expect(holidays(year).filter((h) => h.publicHoliday).map((h) => h.date).sort(), `public holidays ${year}`).toEqual(theirPublic);
    }
  });
});

describe('working days', () => {
  it('handles Christmas and the New Year', () => {
    expect(isWorkingDay('2026-12-23')).toBe(true);
    expect(isWorkingDay('2026-12-24')).toBe(false);
    expect(nextWorkingDay('2026-12-23')).toBe('2026-12-28');
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-04');
    expect(nextWorkingDay('2027-01-05')).toBe('2027-01-07'); // epiphany on Wednesday
  });

  it('handles Easter and Midsummer', () => {
    expect(nextWorkingDay('2026-04-02')).toBe('2026-04-07');
    expect(nextWorkingDay('2026-06-18')).toBe('2026-06-22');
    expect(nextWorkingDay('2026-05-13')).toBe('2026-05-15');
  });

  it('does not count the starting day (Act 150/1930)', () => {
    expect(addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
    expect(addWorkingDays('2026-11-23', 7)).toBe('2026-12-02');
    expect(addWorkingDays('2026-11-21', 1)).toBe('2026-11-23'); // Saturday → Monday
    expect(addWorkingDays('2026-12-18', 7)).toBe('2026-12-31');
    expect(addWorkingDays('2026-11-21', 0)).toBe('2026-11-23');
    expect(addWorkingDays('2026-11-23', 0)).toBe('2026-11-23');
    expect(() => addWorkingDays('2026-11-23', -1)).toThrow(RangeError);
  });

  it('moves a calendar deadline that falls on a day off to the next working day', () => {
    expect(deadlineInDays('2026-12-17', 7)).toBe('2026-12-28');
    expect(deadlineInDays('2026-11-16', 7)).toBe('2026-11-23');
    expect(deadlineInMonths('2026-09-24', 3)).toBe('2026-12-28');
    expect(deadlineInMonths('2026-11-30', 3)).toBe('2027-03-01'); // 28 Feb 2027 is a Sunday
  });

  it('property: the next working day is after the day, working, and nothing between is', () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const next = nextWorkingDay(d);
        expect(next > d).toBe(true);
        expect(isWorkingDay(next)).toBe(true);
        for (let x = addDays(d, 1); x < next; x = addDays(x, 1)) expect(isWorkingDay(x)).toBe(false);
        expect(workingDaysBetween(d, next)).toBe(1);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: addWorkingDays(n) lands n working days later, on a working day, and is monotonic', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const result = addWorkingDays(d, n);
        expect(isWorkingDay(result)).toBe(true);
        expect(workingDaysBetween(d, result)).toBe(n);
        expect(addWorkingDays(d, n + 1) > result).toBe(true);
        expect(addWorkingDays(addWorkingDays(d, n), 1)).toBe(addWorkingDays(d, n + 1));
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a non-working day is never a working day and a stretch of days off is at most 5 long', () => {
    fc.assert(
      fc.property(anyDate, (d: LocalDate) => {
        const w = workingDayOnOrAfter(d);
        expect(isWorkingDay(w)).toBe(true);
        expect(workingDaysBetween(d, w)).toBeLessThanOrEqual(1);
        // Longest run of days off in Finland: Christmas Eve Thursday … Sunday, or Easter (Fri–Mon): at most 5 days
        expect(Math.abs((Date.parse(w) - Date.parse(d)) / 86_400_000)).toBeLessThanOrEqual(5);
      }),
      { numRuns: 2000 },
    );
  });
});
