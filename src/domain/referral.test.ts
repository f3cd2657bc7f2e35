import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition, escalationLevel, FHIR_TASK_STATUS, REFERRAL_KINDS, referralDeadlines, REFERRAL_STATUSES, type DeadlineInput } from './referral.js';
import { isWorkingDay } from './calendar.js';
import { addDays, helsinkiDate, localDate, type LocalDate } from './local-date.js';

// Monday 23 November 2026, 10:00 in Helsinki
const monday10 = new Date('2026-11-23T10:00:00+02:00');
const base: DeadlineInput = {
  sentAt: monday10, receivedOn: '2026-11-23', urgency: 'non_urgent', kind: 'message_to_service', assessment: null, priorityClient: false, childWelfare: false, contactLegalDeadline: null, bookedOn: null,
};

describe('referral deadlines', () => {
  it('accept by the promise; reach the client within three working days after it when no law sets a day', () => {
    expect(referralDeadlines(base)).toEqual({ sentOn: '2026-11-23', acceptBy: '2026-11-24', contactBy: '2026-11-27', legalDeadline: null, legalBasis: null });
  });

  it('counts working days over a weekend and the Independence Day holiday', () => {
    const friday = new Date('2026-12-04T12:00:00+02:00');
    // Sun 6.12. is Independence Day; acceptance Monday 7.12., then three working days: 10.12.
    expect(referralDeadlines({ ...base, sentAt: friday })).toMatchObject({ acceptBy: '2026-12-07', contactBy: '2026-12-10' });
  });

  it('urgent: accepted and the client reached the same working day; after 16:00 the next one', () => {
    expect(referralDeadlines({ ...base, urgency: 'urgent' })).toMatchObject({ acceptBy: '2026-11-23', contactBy: '2026-11-23' });
    expect(referralDeadlines({ ...base, urgency: 'urgent', sentAt: new Date('2026-11-23T16:30:00+02:00') })).toMatchObject({ acceptBy: '2026-11-24', contactBy: '2026-11-24' });
  });

  it('SHL 36 §: a service needs assessment of a person aged 75+ starts by the 7th working day', () => {
    const d = referralDeadlines({ ...base, kind: 'referral_for_assessment', assessment: 'pta', priorityClient: true });
    expect(d).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36', contactBy: '2026-12-02', acceptBy: '2026-11-24' });
    // "without delay" for others: no fixed legal day, the default contact day
    expect(referralDeadlines({ ...base, kind: 'referral_for_assessment', assessment: 'pta' })).toMatchObject({ legalDeadline: null, contactBy: '2026-11-27' });
  });

  it('Health Care Act 51 §: a care needs assessment within three working days', () => {
    expect(referralDeadlines({ ...base, kind: 'referral_for_assessment', assessment: 'hta' })).toMatchObject({ legalDeadline: '2026-11-26', legalBasis: 'thl_51', contactBy: '2026-11-26' });
  });

  it('LsL 26 §: a child welfare matter is decided within seven working days; the earliest clock wins', () => {
    expect(referralDeadlines({ ...base, childWelfare: true })).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'lsl_26' });
    expect(referralDeadlines({ ...base, childWelfare: true, contactLegalDeadline: '2026-11-30' })).toMatchObject({ legalDeadline: '2026-11-30', contactBy: '2026-11-30' });
  });

  it('a direct booking meets the client on the booked day, and is accepted by then at the latest', () => {
    expect(referralDeadlines({ ...base, kind: 'direct_booking', bookedOn: '2026-12-01' })).toMatchObject({ acceptBy: '2026-11-24', contactBy: '2026-12-01' });
    expect(referralDeadlines({ ...base, kind: 'direct_booking', bookedOn: '2026-11-23' })).toMatchObject({ acceptBy: '2026-11-23', contactBy: '2026-11-23' });
  });
});

describe('statutory clocks count from the first contact (issue 12)', () => {
  it('the issue\'s example: contact Mon 23 Nov, 75+ referred for a service needs assessment on Sun 29 Nov → 2 Dec (SHL 36 §), not 8 Dec', () => {
    const d = referralDeadlines({ ...base, sentAt: new Date('2026-11-29T12:00:00+02:00'), receivedOn: '2026-11-23', kind: 'referral_for_assessment', assessment: 'pta', priorityClient: true });
    expect(d).toEqual({ sentOn: '2026-11-29', acceptBy: '2026-11-30', contactBy: '2026-12-02', legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });

  it('a child welfare ground on an ordinary contact counts LsL 26 § from the contact\'s day', () => {
    const d = referralDeadlines({ ...base, sentAt: new Date('2026-11-27T10:00:00+02:00'), receivedOn: '2026-11-23', childWelfare: true });
    expect(d).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'lsl_26', contactBy: '2026-12-02', acceptBy: '2026-11-30' });
  });

  it('Health Care Act 51 §: three working days from the contact, not from sending', () => {
    const d = referralDeadlines({ ...base, sentAt: new Date('2026-11-25T10:00:00+02:00'), receivedOn: '2026-11-23', kind: 'referral_for_assessment', assessment: 'hta' });
    expect(d).toMatchObject({ legalDeadline: '2026-11-26', legalBasis: 'thl_51', acceptBy: '2026-11-26' });
  });

  it('a deadline already past when the referral is sent is kept (overdue at once), never moved', () => {
    const d = referralDeadlines({ ...base, sentAt: new Date('2026-12-10T10:00:00+02:00'), receivedOn: '2026-11-23', kind: 'referral_for_assessment', assessment: 'pta', priorityClient: true });
    expect(d).toMatchObject({ legalDeadline: '2026-12-02', contactBy: '2026-12-02', acceptBy: '2026-12-02' });
    expect(escalationLevel({ status: 'requested', acceptBy: d.acceptBy, contactBy: d.contactBy }, '2026-12-10')).toBe(1);
  });
});

/** Working days strictly after `from` up to and including `to`, counted one calendar day at a time (not with addWorkingDays). */
function countWorkingDays(from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

const day = fc.record({ y: fc.integer({ min: 2020, max: 2035 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => localDate(y, m, d));
/** An instant on the given Helsinki day, `later` calendar days after it, at some minute. */
const instantAfter = (received: LocalDate, later: number, minute: number) => {
  const noonUtc = new Date(`${addDays(received, later)}T10:00:00Z`); // 12:00 or 13:00 in Helsinki
  return new Date(noonUtc.getTime() + (minute - 570) * 60_000); // ± 9.5 h around it: 02:30–22:30 in Helsinki, the same day, after 16:00 too
};

describe('property: the statutory clocks over the calendar 2020–2035', () => {
  const input = fc.record({
    receivedOn: day,
    later: fc.integer({ min: 0, max: 40 }),
    minute: fc.integer({ min: 0, max: 1140 }),
    urgency: fc.constantFrom('non_urgent', 'urgent', 'emergency') as fc.Arbitrary<DeadlineInput['urgency']>,
    kind: fc.constantFrom(...REFERRAL_KINDS),
    assessment: fc.constantFrom('pta', 'hta', null) as fc.Arbitrary<'pta' | 'hta' | null>,
    priorityClient: fc.boolean(),
    childWelfare: fc.boolean(),
    bookedLater: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  });
  const build = (x: typeof input extends fc.Arbitrary<infer T> ? T : never, later = x.later): DeadlineInput => {
    const sentAt = instantAfter(x.receivedOn, later, x.minute);
    const kind = x.kind;
    return {
      sentAt, receivedOn: x.receivedOn, urgency: x.urgency, kind, assessment: kind === 'referral_for_assessment' ? x.assessment ?? 'pta' : null,
      priorityClient: x.priorityClient, childWelfare: x.childWelfare, contactLegalDeadline: null,
      bookedOn: kind === 'direct_booking' && x.bookedLater !== null ? addDays(helsinkiDate(sentAt), x.bookedLater) : null,
    };
  };

  it('the statutory date depends only on the received day, is a working day, and is exactly N working days after it (urgent: that day)', () => {
    fc.assert(fc.property(input, fc.integer({ min: 0, max: 40 }), (x, otherLater) => {
      const d = referralDeadlines(build(x));
      // sent on another day: the same statutory date and basis
      const other = referralDeadlines(build(x, otherLater));
      expect([other.legalDeadline, other.legalBasis]).toEqual([d.legalDeadline, d.legalBasis]);
      if (!d.legalDeadline) return;
      expect(isWorkingDay(d.legalDeadline)).toBe(true);
      expect(d.legalDeadline >= x.receivedOn).toBe(true);
      const urgent = x.urgency !== 'non_urgent';
      const n = countWorkingDays(x.receivedOn, d.legalDeadline);
      if (d.legalBasis === 'lsl_26') expect(n).toBe(7);
      else if (urgent) {
        // at once: the received day, or the first working day after a day off
        expect(n).toBe(isWorkingDay(x.receivedOn) ? 0 : 1);
        if (isWorkingDay(x.receivedOn)) expect(d.legalDeadline).toBe(x.receivedOn);
      } else if (d.legalBasis === 'shl_36') expect(n).toBe(7);
      else expect(n).toBe(3); // thl_51
    }), { numRuns: 3000 });
  });

  it('the basis is the law that applies: SHL 36 § only for a service needs assessment, Health Care Act 51 § only for a care needs assessment', () => {
    fc.assert(fc.property(input, (x) => {
      const i = build(x);
      const d = referralDeadlines(i);
      const shl = i.kind === 'referral_for_assessment' && i.assessment === 'pta' && (x.urgency !== 'non_urgent' || x.priorityClient);
      const thl = i.kind === 'referral_for_assessment' && i.assessment === 'hta';
      expect(d.legalDeadline !== null).toBe(shl || thl || x.childWelfare);
      if (d.legalBasis === 'shl_36') expect(shl).toBe(true);
      if (d.legalBasis === 'thl_51') expect(thl).toBe(true);
      if (d.legalBasis === 'lsl_26') expect(x.childWelfare).toBe(true);
    }), { numRuns: 2000 });
  });

  it('the acceptance day never falls after the client-contact day nor after the statutory date; the client-contact day never after the statutory date', () => {
    fc.assert(fc.property(input, (x) => {
      const d = referralDeadlines(build(x));
      expect(d.acceptBy <= d.contactBy).toBe(true);
      if (d.legalDeadline) {
        expect(d.contactBy <= d.legalDeadline).toBe(true);
        expect(d.acceptBy <= d.legalDeadline).toBe(true);
      }
      // without a past statutory date or a booked day, acceptance is the promise of the sending moment: on or after sending
      if (!d.legalDeadline && !(x.kind === 'direct_booking')) expect(d.acceptBy >= d.sentOn).toBe(true);
    }), { numRuns: 2000 });
  });
});

describe('the loop', () => {
  it('allows each step only from its own statuses', () => {
    expect(canTransition('accept', 'requested')).toBe(true);
    expect(canTransition('accept', 'accepted')).toBe(false);
    expect(canTransition('contact', 'requested')).toBe(false);
    expect(canTransition('complete', 'requested')).toBe(false);
    expect(canTransition('complete', 'client_contacted')).toBe(true);
    expect(canTransition('return', 'client_contacted')).toBe(false);
    for (const done of ['completed', 'cancelled', 'returned'] as const) {
      for (const a of ['accept', 'return', 'contact', 'complete', 'cancel'] as const) expect(canTransition(a, done), `${a} ${done}`).toBe(false);
    }
  });

  it('escalates once a deadline day is over: not accepted (1), client not reached (2)', () => {
    const r = { acceptBy: '2026-11-24', contactBy: '2026-11-27' };
    expect(escalationLevel({ ...r, status: 'requested' }, '2026-11-24')).toBe(0);
    expect(escalationLevel({ ...r, status: 'requested' }, '2026-11-25')).toBe(1);
    expect(escalationLevel({ ...r, status: 'accepted' }, '2026-11-27')).toBe(0);
    expect(escalationLevel({ ...r, status: 'accepted' }, '2026-11-28')).toBe(2);
    expect(escalationLevel({ ...r, status: 'client_contacted' }, '2026-12-28')).toBe(0);
  });

  it('maps every status to a Gravity closed-loop Task status', () => {
    expect(REFERRAL_STATUSES.map((s) => FHIR_TASK_STATUS[s])).toEqual(['requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled']);
  });
});
