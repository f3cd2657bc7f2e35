import { describe, expect, it } from 'vitest';
import { hoursOn, isOpenAt, nextOpening, type WeeklySlot } from './opening-hours.js';

// Seed 003 (12.9.2023): weekdays 9–11 and 13–15
const weekdays: WeeklySlot[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '09:00', closes: '11:00' },
  { weekday, opens: '13:00:00', closes: '15:00:00' },
]);

describe('opening hours', () => {
  it('is open inside a slot and closed at lunch, in Helsinki time', () => {
    expect(isOpenAt(new Date('2026-11-23T09:00:00+02:00'), weekdays, [])).toBe(true);
    expect(isOpenAt(new Date('2026-11-23T10:59:00+02:00'), weekdays, [])).toBe(true);
    expect(isOpenAt(new Date('2026-11-23T11:00:00+02:00'), weekdays, [])).toBe(false);
    expect(isOpenAt(new Date('2026-11-23T12:30:00+02:00'), weekdays, [])).toBe(false);
    expect(isOpenAt(new Date('2026-11-23T08:00:00Z'), weekdays, [])).toBe(true); // 10:00 in Helsinki
    expect(isOpenAt(new Date('2026-06-23T06:30:00Z'), weekdays, [])).toBe(true); // 09:30 summer time
  });

  it('is closed at weekends, on public holidays and on Christmas Eve', () => {
    expect(isOpenAt(new Date('2026-11-22T10:00:00+02:00'), weekdays, [])).toBe(false);
    expect(isOpenAt(new Date('2026-12-24T10:00:00+02:00'), weekdays, [])).toBe(false);
    expect(isOpenAt(new Date('2026-12-25T10:00:00+02:00'), weekdays, [])).toBe(false);
    expect(hoursOn('2026-06-19', weekdays, [])).toEqual([]);
  });

  it('lets an exception day close or open the line', () => {
    expect(hoursOn('2026-11-23', weekdays, [{ day: '2026-11-23', opens: null, closes: null }])).toEqual([]);
    expect(hoursOn('2026-12-24', weekdays, [{ day: '2026-12-24', opens: '09:00', closes: '12:00' }])).toEqual([{ opens: '09:00', closes: '12:00' }]);
    expect(hoursOn('2026-11-24', weekdays, [])).toEqual([{ opens: '09:00', closes: '11:00' }, { opens: '13:00', closes: '15:00' }]);
  });

  it('tells when the line opens next', () => {
    expect(nextOpening(new Date('2026-11-23T11:30:00+02:00'), weekdays, [])).toEqual({ date: '2026-11-23', opens: '13:00' });
    expect(nextOpening(new Date('2026-12-23T16:00:00+02:00'), weekdays, [])).toEqual({ date: '2026-12-28', opens: '09:00' });
    expect(nextOpening(new Date('2026-11-23T10:00:00+02:00'), [], [])).toBeNull();
  });
});
