import { describe, expect, it } from 'vitest';
import { canTransition, escalationLevel, FHIR_TASK_STATUS, referralDeadlines, REFERRAL_STATUSES, type DeadlineInput } from './referral.js';

// Monday 23 November 2026, 10:00 in Helsinki
const monday10 = new Date('2026-11-23T10:00:00+02:00');
const base: DeadlineInput = {
  sentAt: monday10, urgency: 'non_urgent', kind: 'message_to_service', assessment: null, priorityClient: false, childWelfare: false, contactLegalDeadline: null, bookedOn: null,
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
