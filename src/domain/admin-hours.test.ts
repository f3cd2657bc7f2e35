import { describe, expect, it } from 'vitest';
import { dayProblems, sortSlots, weeklyProblems } from './admin-hours.js';

describe('hours an administrator enters', () => {
  it('accepts touching slots and the end of the day', () => {
    expect(weeklyProblems([
      { weekday: 1, opens: '09:00', closes: '11:00' }, { weekday: 1, opens: '11:00', closes: '15:00' }, { weekday: 7, opens: '16:00', closes: '24:00' },
    ])).toEqual([]);
  });
  it('names a slot that closes before (or when) it opens', () => {
    expect(weeklyProblems([{ weekday: 2, opens: '09:00', closes: '09:00' }, { weekday: 2, opens: '13:00', closes: '12:00' }]))
      .toEqual([{ index: 0, field: 'closes', code: 'closes_before_opens' }, { index: 1, field: 'closes', code: 'closes_before_opens' }]);
  });
  it('names the later of two overlapping slots of the same day only', () => {
    expect(weeklyProblems([
      { weekday: 1, opens: '09:00', closes: '12:00' }, { weekday: 2, opens: '10:00', closes: '11:00' }, { weekday: 1, opens: '11:59', closes: '13:00' },
    ])).toEqual([{ index: 2, field: 'opens', code: 'overlap' }]);
    expect(dayProblems([{ opens: '13:00', closes: '15:00' }, { opens: '08:00', closes: '16:00' }])).toEqual([{ index: 1, field: 'opens', code: 'overlap' }]);
  });
  it('does not report a bad slot twice (an inverted slot is not also an overlap)', () => {
    expect(dayProblems([{ opens: '09:00', closes: '17:00' }, { opens: '12:00', closes: '10:00' }])).toEqual([{ index: 1, field: 'closes', code: 'closes_before_opens' }]);
  });
  it('sorts by weekday and opening', () => {
    expect(sortSlots([{ weekday: 2, opens: '09:00' }, { weekday: 1, opens: '13:00' }, { weekday: 1, opens: '09:00' }]))
      .toEqual([{ weekday: 1, opens: '09:00' }, { weekday: 1, opens: '13:00' }, { weekday: 2, opens: '09:00' }]);
  });
});
