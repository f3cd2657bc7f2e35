import { describe, expect, it } from 'vitest';
import { personAccess, REFERRAL_ACCESS_AFTER_COMPLETION_DAYS, type ReferralAccessFacts } from './referral-access.js';

const T0 = new Date('2026-11-23T10:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
const facts = (f: Partial<ReferralAccessFacts>): ReferralAccessFacts => ({ status: 'requested', completedAt: null, acceptedAt: null, consentWithdrawnAt: null, erased: false, ...f });

describe('who sees the person of a referral', () => {
  it('the unit: while the referral is with it', () => {
    for (const status of ['requested', 'accepted', 'client_contacted'] as const) expect(personAccess(facts({ status, acceptedAt: status === 'requested' ? null : T0 }), 'unit', day(100))).toEqual({ available: true });
    expect(personAccess(facts({ status: 'cancelled' }), 'unit', T0)).toEqual({ available: false, reason: 'cancelled' });
    expect(personAccess(facts({ status: 'returned' }), 'unit', T0)).toEqual({ available: false, reason: 'returned' });
  });

  it(`the unit: ${REFERRAL_ACCESS_AFTER_COMPLETION_DAYS} days after completion, to the millisecond`, () => {
    const done = facts({ status: 'completed', acceptedAt: T0, completedAt: T0 });
    expect(personAccess(done, 'unit', new Date(day(30).getTime() - 1))).toEqual({ available: true });
    expect(personAccess(done, 'unit', day(30))).toEqual({ available: false, reason: 'completed_period_over' });
    expect(personAccess(done, 'unit', day(31))).toEqual({ available: false, reason: 'completed_period_over' });
  });

  it('the unit: consent withdrawn before acceptance ends it (also if accepted later); after acceptance it does not', () => {
    expect(personAccess(facts({ consentWithdrawnAt: T0 }), 'unit', T0)).toEqual({ available: false, reason: 'consent_withdrawn' });
    expect(personAccess(facts({ status: 'accepted', consentWithdrawnAt: T0, acceptedAt: day(1) }), 'unit', day(1))).toEqual({ available: false, reason: 'consent_withdrawn' });
    expect(personAccess(facts({ status: 'accepted', acceptedAt: T0, consentWithdrawnAt: day(1) }), 'unit', day(2))).toEqual({ available: true });
  });

  it('the guidance unit keeps its access; nobody sees erased data', () => {
    for (const status of ['cancelled', 'returned', 'completed'] as const) expect(personAccess(facts({ status, completedAt: T0, consentWithdrawnAt: T0 }), 'guidance', day(400))).toEqual({ available: true });
    expect(personAccess(facts({ erased: true }), 'guidance', T0)).toEqual({ available: false, reason: 'erased' });
    expect(personAccess(facts({ erased: true }), 'unit', T0)).toEqual({ available: false, reason: 'erased' });
  });
});
