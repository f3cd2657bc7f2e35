import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decideContact, parseAsOf, pruneCutoff, RECORD_TYPES, RETENTION_TABLE, ruleOf, scrubEventDetails, statutoryTask, type ContactFacts } from './retention.js';

const CLOSED = new Date('2026-10-01T07:00:00Z');
const DAY = 86_400_000;
const advice: ContactFacts = { channel: 'phone', closedAt: CLOSED, notificationKind: null, initiations: 0, serviceAreas: ['working_age'], childWelfareGround: false, referrals: [], openConsultations: 0 };
const later = (days: number) => new Date(CLOSED.getTime() + days * DAY);
const yearsLater = (n: number) => { const d = new Date(CLOSED); d.setUTCFullYear(d.getUTCFullYear() + n); return d; };

describe('the retention table', () => {
  it('has exactly one rule per record type, each with its period, event, legal basis and enforcement', () => {
    expect(RETENTION_TABLE.map((r) => r.type)).toEqual([...RECORD_TYPES]);
    for (const r of RETENTION_TABLE) for (const field of [r.kept, r.erased, r.periodText, r.from, r.legalBasis, r.enforcement, r.label.fi, r.label.sv, r.label.en]) expect(field.length).toBeGreaterThan(2);
  });
});

describe('the integration records (issue 19)', () => {
  it('keeps outbox events 30 days and the message log a year; gives up a waiting message after 7 days', () => {
    expect(ruleOf('outbox_event').period).toEqual({ kind: 'days', days: 30 });
    expect(ruleOf('outbound_message').period).toEqual({ kind: 'days', days: 365 });
    const asOf = new Date('2027-03-01T03:00:00Z');
    expect(pruneCutoff('outbox_event', asOf).toISOString()).toBe('2027-01-30T03:00:00.000Z');
    expect(pruneCutoff('outbound_message', asOf).toISOString()).toBe('2026-03-01T03:00:00.000Z');
    expect(pruneCutoff('outbound_message_pending', asOf).toISOString()).toBe('2027-02-22T03:00:00.000Z');
  });
});

describe('decideContact', () => {
  it('erases an advice contact at closing by default, after the county’s period when set', () => {
    expect(decideContact(advice, CLOSED, { adviceRetentionDays: 0 })).toEqual({ erase: true, recordType: 'advice_contact', statutory: false });
    expect(decideContact(advice, later(6.9), { adviceRetentionDays: 7 })).toEqual({ erase: false, why: 'advice_period_running' });
    expect(decideContact(advice, later(7), { adviceRetentionDays: 7 })).toMatchObject({ erase: true });
    expect(decideContact({ ...advice, channel: 'callback' }, CLOSED, { adviceRetentionDays: 0 })).toMatchObject({ recordType: 'callback_task' });
  });

  it('keeps what a referral in the loop needs, then 30 days after it ended; an open consultation holds it', () => {
    expect(decideContact({ ...advice, referrals: [{ open: true, endedAt: null }] }, yearsLater(5), { adviceRetentionDays: 0 })).toEqual({ erase: false, why: 'referral_in_loop' });
    const ended = { ...advice, referrals: [{ open: false, endedAt: later(10) }] };
    expect(decideContact(ended, later(39.9), { adviceRetentionDays: 0 })).toEqual({ erase: false, why: 'referral_period_running' });
    expect(decideContact(ended, later(40), { adviceRetentionDays: 0 })).toMatchObject({ erase: true });
    expect(decideContact({ ...advice, openConsultations: 1 }, yearsLater(1), { adviceRetentionDays: 0 })).toEqual({ erase: false, why: 'consultation_open' });
  });

  it('never erases a child welfare notification, whatever the date', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.constantFrom('families', 'working_age', null), (y, area) => {
      const d = decideContact({ ...advice, notificationKind: 'child_welfare', initiations: 1, serviceAreas: [area] }, yearsLater(y), { adviceRetentionDays: 30 });
      return !d.erase;
    }));
    // a child welfare legal ground on an ordinary matter made pending, too
    expect(decideContact({ ...advice, initiations: 1, childWelfareGround: true }, yearsLater(100), { adviceRetentionDays: 0 })).toEqual({ erase: false, why: 'statutory_never' });
  });

  it('keeps an adult matter 10 years and a families matter 30 years from the matter closing; disability and unknown tasks never', () => {
    const shl = { ...advice, notificationKind: 'social_welfare' as const, initiations: 1 };
    expect(decideContact(shl, new Date(yearsLater(10).getTime() - 1), { adviceRetentionDays: 0 })).toEqual({ erase: false, why: 'statutory_period_running' });
    expect(decideContact(shl, yearsLater(10), { adviceRetentionDays: 0 })).toEqual({ erase: true, recordType: 'shl_35_notification', statutory: true });
    // the matter closes when its last referral ended
    expect(decideContact({ ...shl, referrals: [{ open: false, endedAt: yearsLater(1) }] }, new Date(yearsLater(11).getTime() - DAY), { adviceRetentionDays: 0 })).toMatchObject({ erase: false });
    const families = { ...advice, initiations: 1, serviceAreas: ['families'] };
    expect(decideContact(families, yearsLater(29), { adviceRetentionDays: 0 })).toMatchObject({ erase: false });
    expect(decideContact(families, yearsLater(30), { adviceRetentionDays: 0 })).toEqual({ erase: true, recordType: 'initiation', statutory: true });
    for (const area of ['disability', null, 'health']) expect(decideContact({ ...shl, serviceAreas: [area] }, yearsLater(200), { adviceRetentionDays: 0 })).toEqual({ erase: false, why: 'statutory_never' });
  });

  it('takes the longest period when the service tasks differ', () => {
    expect(statutoryTask({ childWelfare: false, serviceAreas: ['working_age', 'families'] })).toBe('families');
    expect(statutoryTask({ childWelfare: false, serviceAreas: ['families', 'disability'] })).toBe('disability');
    expect(statutoryTask({ childWelfare: false, serviceAreas: [] })).toBe('unknown');
  });
});

describe('scrubEventDetails', () => {
  it('keeps codes and ids, drops every free text (notes, free reasons, targets, the acute words)', () => {
    expect(scrubEventDetails({ reason: 'client_to_call_back', note: 'soittaa huomenna' })).toEqual({ reason: 'client_to_call_back' });
    expect(scrubEventDetails({ reason: 'Asiakas soitti uudelleen', previousOutcome: 'advice_given' })).toEqual({ previousOutcome: 'advice_given' });
    expect(scrubEventDetails({ consentId: 'c', purpose: 'forward_to_unit', target: 'Dr Virtanen', method: 'verbal' })).toEqual({ consentId: 'c', purpose: 'forward_to_unit', method: 'verbal' });
    expect(scrubEventDetails({ note: 'x', acuteReasons: ['worker'], acuteTriggerWords: ['kuristi'] })).toEqual({ acuteReasons: ['worker'] });
    expect(scrubEventDetails({ somethingNew: 'free text' })).toEqual({});
    // a safe key cannot smuggle text in an object
    expect(scrubEventDetails({ outcome: { note: 'x' } })).toEqual({});
  });
});

describe('parseAsOf', () => {
  it('takes a real calendar date only', () => {
    expect(parseAsOf('2026-12-01')?.toISOString()).toBe('2026-12-01T03:00:00.000Z');
    for (const bad of ['2026-02-30', '2026-13-01', '1.12.2026', '2026-12-1', '', 'now']) expect(parseAsOf(bad)).toBeNull();
  });
});
