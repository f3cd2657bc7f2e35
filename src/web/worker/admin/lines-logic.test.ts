import { describe, expect, it } from 'vitest';
import { changedKeys, checkIntervals, hoursOfDay, monthFromSearch, monthRange, monthWeeks, parseTime, shiftMonth, valueText, weeklyOfDay } from './lines-logic';

const WEEKLY = [1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, opens: '13:00', closes: '15:00' }, { weekday, opens: '09:00', closes: '11:00' }]);

describe('the month calendar', () => {
  it('lays December 2026 out in weeks from Monday (the 1st is a Tuesday, the 31st a Thursday)', () => {
    const weeks = monthWeeks('2026-12');
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([null, '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(weeks[4]).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
  });
  it('has six weeks for a month that starts on a Sunday and ends on a Monday (November 2026)', () => {
    const weeks = monthWeeks('2026-11');
    expect(weeks).toHaveLength(6);
    expect(weeks[0]![6]).toBe('2026-11-01');
    expect(weeks[5]![0]).toBe('2026-11-30');
  });
  it('moves over the year and gives a month\'s first and last day', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
  it('takes the month from the address, else this month in Helsinki', () => {
    const now = new Date('2026-11-30T22:30:00Z'); // already 1 December in Helsinki
    expect(monthFromSearch('?kuukausi=2027-03', now)).toBe('2027-03');
    expect(monthFromSearch('?kuukausi=2027-13', now)).toBe('2026-12');
    expect(monthFromSearch('', now)).toBe('2026-12');
  });
});

describe('a day\'s hours', () => {
  it('are the weekday\'s slots in order on a working day', () => {
    expect(hoursOfDay('2026-11-26', WEEKLY, [], null)).toEqual({ hours: [{ opens: '09:00', closes: '11:00' }, { opens: '13:00', closes: '15:00' }], exception: null });
  });
  it('are none on a public holiday (Independence Day 2027 is a Monday) and at the weekend', () => {
    expect(hoursOfDay('2027-12-06', WEEKLY, [], 'independence_day').hours).toEqual([]);
    expect(hoursOfDay('2026-11-28', WEEKLY, [], null).hours).toEqual([]);
    expect(weeklyOfDay('2027-12-06', WEEKLY)).toEqual([{ opens: '09:00', closes: '11:00' }, { opens: '13:00', closes: '15:00' }]);
  });
  it('are the exception\'s when the day has one, even on a holiday', () => {
    const exceptions = [
      { day: '2026-11-26', hours: [{ opens: '09:00', closes: '11:00' }], note: 'Koulutus', holiday: null },
      { day: '2026-12-24', hours: [{ opens: '10:00', closes: '12:00' }], note: null, holiday: 'christmas_eve' },
    ];
    expect(hoursOfDay('2026-11-26', WEEKLY, exceptions, null)).toEqual({ hours: [{ opens: '09:00', closes: '11:00' }], exception: exceptions[0] });
    expect(hoursOfDay('2026-12-24', WEEKLY, exceptions, 'christmas_eve').hours).toEqual([{ opens: '10:00', closes: '12:00' }]);
  });
});

describe('typed times', () => {
  it('reads 9, 9.30, 09:30 and 24:00, and refuses the rest', () => {
    expect(['9', '9.30', '09:30', '24:00', '24:30', '25', '9:5', 'klo 9', ''].map(parseTime)).toEqual(['09:00', '09:30', '09:30', '24:00', null, null, null, null, null]);
  });
  it('names each bad row and field as the server does: unreadable, closing before opening, overlapping on the same day', () => {
    const { parsed, problems } = checkIntervals([
      { weekday: 1, opens: '9', closes: '11' },
      { weekday: 1, opens: '10.30', closes: '12' },
      { weekday: 2, opens: '10.30', closes: '12' },
      { weekday: 3, opens: '15', closes: '13' },
      { weekday: 4, opens: 'x', closes: '12' },
    ]);
    expect(problems).toEqual({ '1.opens': 'overlap', '3.closes': 'order', '4.opens': 'time' });
    expect(parsed[0]).toEqual({ weekday: 1, opens: '09:00', closes: '11:00' });
  });
  it('lets one interval end where the next begins', () => {
    expect(checkIntervals([{ opens: '09:00', closes: '11:00' }, { opens: '11:00', closes: '12:00' }]).problems).toEqual({});
  });
});

describe('a change\'s before and after', () => {
  it('lists only the keys that changed, with both values', () => {
    expect(changedKeys({ phoneNumber: '06 1', active: true, weekly: [{ weekday: 1, opens: '09:00', closes: '11:00' }] },
      { phoneNumber: '06 2', active: true, weekly: [{ weekday: 1, opens: '09:00', closes: '11:00' }], note: 'x' })).toEqual([
      { key: 'phoneNumber', before: '06 1', after: '06 2' },
      { key: 'note', before: null, after: 'x' },
    ]);
    expect(changedKeys(null, { code: 'a' })).toEqual([{ key: 'code', before: null, after: 'a' }]);
  });
  it('reads values as text', () => {
    expect(valueText(null)).toBe('–');
    expect(valueText(false, 'kyllä', 'ei')).toBe('ei');
    expect(valueText([{ weekday: 1, opens: '09:00', closes: '11:00' }])).toBe('1: 09:00–11:00');
    expect(valueText({ fi: 'Työikäiset', sv: 'Vuxna' })).toBe('fi: Työikäiset; sv: Vuxna');
  });
});
