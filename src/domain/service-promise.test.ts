import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childWelfareDeadlines, childWelfareUrgencyAssessmentDue, initiationClock, servicePromise, socialWelfareAssessmentDeadline } from './service-promise.js';
import { isWorkingDay } from './calendar.js';
import { addDays, helsinkiDate, helsinkiDateTime, localDate, type LocalDate } from './local-date.js';

describe('service promise', () => {
  it('gives the next working day for a non-urgent contact', () => {
    expect(servicePromise(new Date('2026-11-23T10:00:00+02:00'))).toEqual({ receivedOn: '2026-11-23', respondBy: '2026-11-24' });
    expect(servicePromise(new Date('2026-11-27T15:00:00+02:00'))).toEqual({ receivedOn: '2026-11-27', respondBy: '2026-11-30' });
    // the example of the issue: contacting before Christmas → Monday 28.12.
    expect(servicePromise(new Date('2026-12-23T16:00:00+02:00')).respondBy).toBe('2026-12-28');
    expect(servicePromise(new Date('2026-12-24T09:00:00+02:00')).respondBy).toBe('2026-12-28');
  });

  it('gives the same working day for an urgent contact, or the next one after a day off', () => {
    expect(servicePromise(new Date('2026-11-23T10:00:00+02:00'), 'urgent').respondBy).toBe('2026-11-23');
    expect(servicePromise(new Date('2026-11-22T10:00:00+02:00'), 'urgent').respondBy).toBe('2026-11-23');
  });

  it('gives the next working day for an urgent contact that arrives after the working day has ended (16:00 Helsinki)', () => {
    expect(servicePromise(new Date('2026-11-27T15:59:00+02:00'), 'urgent').respondBy).toBe('2026-11-27');
    expect(servicePromise(new Date('2026-11-27T16:00:00+02:00'), 'urgent').respondBy).toBe('2026-11-30');
    expect(servicePromise(new Date('2026-12-23T18:00:00+02:00'), 'urgent').respondBy).toBe('2026-12-28');
    expect(servicePromise(new Date('2026-11-28T20:00:00+02:00'), 'urgent').respondBy).toBe('2026-11-30');
    expect(servicePromise(new Date('2026-11-22T10:00:00+02:00'), 'emergency').respondBy).toBe('2026-11-23');
  });

  it('uses the Helsinki date, not UTC, around midnight and across DST changes', () => {
    // 23:30 UTC on Monday is already Tuesday in Helsinki
    expect(servicePromise(new Date('2026-11-23T23:30:00Z')).receivedOn).toBe('2026-11-24');
    // DST starts 29.3.2026 at 03:00 local; ends 25.10.2026 at 04:00 local
    expect(helsinkiDateTime(new Date('2026-03-29T00:59:00Z'))).toEqual({ date: '2026-03-29', minuteOfDay: 2 * 60 + 59 });
    expect(helsinkiDateTime(new Date('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', minuteOfDay: 4 * 60 });
    expect(helsinkiDateTime(new Date('2026-10-24T21:30:00Z'))).toEqual({ date: '2026-10-25', minuteOfDay: 30 });
    expect(helsinkiDateTime(new Date('2026-10-24T20:59:00Z'))).toEqual({ date: '2026-10-24', minuteOfDay: 23 * 60 + 59 });
    expect(helsinkiDate(new Date('2026-06-30T21:00:00Z'))).toBe('2026-07-01'); // summer: UTC+3
    expect(helsinkiDate(new Date('2026-12-31T22:00:00Z'))).toBe('2027-01-01'); // winter: UTC+2
  });

  it('property: the promise is always a working day, after the receipt unless urgent', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2150-01-01T00:00:00Z'), noInvalidDate: true }), (at) => {
        const p = servicePromise(at);
        expect(isWorkingDay(p.respondBy)).toBe(true);
        expect(p.respondBy > p.receivedOn).toBe(true);
        const u = servicePromise(at, 'urgent');
        expect(isWorkingDay(u.respondBy)).toBe(true);
        expect(u.respondBy >= u.receivedOn && u.respondBy <= p.respondBy).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('legal clocks', () => {
  it('SHL 36 §: 7th working day for priority clients, immediately when urgent', () => {
    expect(socialWelfareAssessmentDeadline('2026-11-23', { urgent: false, priorityClient: true })).toBe('2026-12-02');
    expect(socialWelfareAssessmentDeadline('2026-11-22', { urgent: true, priorityClient: true })).toBe('2026-11-23');
    expect(socialWelfareAssessmentDeadline('2026-11-23', { urgent: false, priorityClient: false })).toBeNull();
  });
  it('LsL 26 §: 7 working days to decide, 3 months to investigate', () => {
    expect(childWelfareDeadlines('2026-12-18')).toEqual({ decideBy: '2026-12-31', investigationBy: '2027-03-18' });
  });
});

describe('the initiation record\'s clock (issue 12): from the first contact', () => {
  const base = { receivedOn: '2026-11-23', initiatedOn: '2026-11-27', urgent: false, priorityClient: true, childWelfare: false };
  it('a matter recorded days later counts from the contact: 23 Nov → 2 Dec (SHL 36 §)', () => {
    expect(initiationClock(base)).toEqual({ date: '2026-12-02', basis: 'shl_36' });
  });
  it('a worker\'s earlier initiation day counts from that earlier day', () => {
    expect(initiationClock({ ...base, initiatedOn: '2026-11-20' })).toEqual({ date: '2026-12-01', basis: 'shl_36' });
  });
  it('a child welfare matter runs LsL 26 §; none for others without a fixed day', () => {
    expect(initiationClock({ ...base, priorityClient: false, childWelfare: true })).toEqual({ date: '2026-12-02', basis: 'lsl_26' });
    expect(initiationClock({ ...base, priorityClient: false })).toBeNull();
    expect(initiationClock({ ...base, urgent: true })).toEqual({ date: '2026-11-23', basis: 'shl_36' });
  });
  it('a child welfare notification\'s urgency assessment is due the day it arrives, even a Sunday', () => {
    expect(childWelfareUrgencyAssessmentDue('2026-11-29')).toBe('2026-11-29');
  });

  const day = fc.record({ y: fc.integer({ min: 2020, max: 2035 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => localDate(y, m, d));
  const count = (from: LocalDate, to: LocalDate) => { let n = 0; for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++; return n; };
  it('property: the date depends only on the earlier of the received and initiation days, is a working day, N working days after it', () => {
    fc.assert(fc.property(day, fc.integer({ min: -10, max: 60 }), fc.integer({ min: -10, max: 60 }), fc.boolean(), fc.boolean(), fc.boolean(),
      (receivedOn, a, b, urgent, priorityClient, childWelfare) => {
        const one = initiationClock({ receivedOn, initiatedOn: addDays(receivedOn, a), urgent, priorityClient, childWelfare });
        const start = a < 0 ? addDays(receivedOn, a) : receivedOn;
        // any other recording day on or after the received day gives the same clock
        if (a >= 0) expect(initiationClock({ receivedOn, initiatedOn: addDays(receivedOn, Math.max(0, b)), urgent, priorityClient, childWelfare })).toEqual(one);
        expect(one !== null).toBe(urgent || priorityClient || childWelfare);
        if (!one) return;
        expect(isWorkingDay(one.date)).toBe(true);
        const n = count(start, one.date);
        if (urgent) expect(one).toEqual({ date: isWorkingDay(start) ? start : one.date, basis: 'shl_36' });
        if (urgent) expect(n).toBe(isWorkingDay(start) ? 0 : 1);
        else expect(n).toBe(7);
        if (!urgent) expect(one.basis).toBe(childWelfare && !priorityClient ? 'lsl_26' : priorityClient ? 'shl_36' : 'lsl_26');
      }), { numRuns: 3000 });
  });
});
