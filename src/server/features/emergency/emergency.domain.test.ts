import { describe, expect, it } from 'vitest';
import { guidanceOpenAt, handoffReason, socialEmergencyOpenAt, type GuidanceLine } from './emergency.domain.js';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
const at = (iso: string) => new Date(iso);

describe('guidance hours', () => {
  const countyWide: GuidanceLine = { region: null, slots: weekdays('09:00', '11:00'), exceptions: [] };
  const north: GuidanceLine = { region: 'north', slots: weekdays('12:00', '14:00'), exceptions: [] };

  it('are open while any county-wide line or a line of the contact’s region is open', () => {
    expect(guidanceOpenAt(at('2026-11-24T10:00:00+02:00'), [countyWide, north], 'south')).toBe(true);
    expect(guidanceOpenAt(at('2026-11-24T12:30:00+02:00'), [countyWide, north], 'north')).toBe(true);
    // another region's line does not count for this contact; with no region known, every line does
    expect(guidanceOpenAt(at('2026-11-24T12:30:00+02:00'), [countyWide, north], 'south')).toBe(false);
    expect(guidanceOpenAt(at('2026-11-24T14:30:00+02:00'), [countyWide, north], null)).toBe(false);
    expect(guidanceOpenAt(at('2026-11-24T12:30:00+02:00'), [countyWide, north], null)).toBe(true);
  });

  it('span the day from the first opening to the last closing: a lunch gap between phone slots is not out of hours', () => {
    const split: GuidanceLine = { region: null, slots: [...weekdays('09:00', '11:00'), ...weekdays('13:00', '15:00')], exceptions: [] };
    expect(guidanceOpenAt(at('2026-11-24T12:00:00+02:00'), [split], null)).toBe(true);
    expect(guidanceOpenAt(at('2026-11-24T08:59:00+02:00'), [split], null)).toBe(false);
    expect(guidanceOpenAt(at('2026-11-24T15:00:00+02:00'), [split], null)).toBe(false);
  });

  it('honour public holidays and exception days (Helsinki time)', () => {
    expect(guidanceOpenAt(at('2026-12-24T10:00:00+02:00'), [countyWide], null)).toBe(false); // Christmas Eve
    expect(guidanceOpenAt(at('2026-11-28T10:00:00+02:00'), [countyWide], null)).toBe(false); // Saturday
    const closedTuesday: GuidanceLine = { ...countyWide, exceptions: [{ day: '2026-11-24', opens: null, closes: null }] };
    expect(guidanceOpenAt(at('2026-11-24T10:00:00+02:00'), [closedTuesday], null)).toBe(false);
    expect(guidanceOpenAt(at('2026-11-24T08:30:00Z'), [countyWide], null)).toBe(true); // 10:30 in Helsinki
  });
});

describe('the social emergency service’s hours', () => {
  it('are around the clock without slots, and weekly slots otherwise (24:00 = midnight), holidays not closing it', () => {
    expect(socialEmergencyOpenAt(at('2026-12-24T03:00:00+02:00'), [])).toBe(true);
    const evenings = [...weekdays('16:00', '24:00'), { weekday: 6, opens: '00:00', closes: '24:00' }, { weekday: 7, opens: '00:00', closes: '24:00' }];
    expect(socialEmergencyOpenAt(at('2026-11-24T10:00:00+02:00'), evenings)).toBe(false);
    expect(socialEmergencyOpenAt(at('2026-11-24T23:59:00+02:00'), evenings)).toBe(true);
    expect(socialEmergencyOpenAt(at('2026-11-28T10:00:00+02:00'), evenings)).toBe(true);
    expect(socialEmergencyOpenAt(at('2026-12-24T17:00:00+02:00'), evenings)).toBe(true); // Christmas Eve evening
  });
});

describe('what is handed over out of hours', () => {
  it('acute first, then a child welfare notification, then any urgent contact; nothing while guidance is open', () => {
    expect(handoffReason({ acute: true, urgency: 'emergency', notificationKind: 'child_welfare' }, false)).toBe('acute');
    expect(handoffReason({ acute: false, urgency: 'urgent', notificationKind: 'child_welfare' }, false)).toBe('child_welfare');
    expect(handoffReason({ acute: false, urgency: 'urgent', notificationKind: null }, false)).toBe('urgent');
    expect(handoffReason({ acute: false, urgency: 'emergency', notificationKind: null }, false)).toBe('urgent');
    expect(handoffReason({ acute: false, urgency: 'non_urgent', notificationKind: 'social_welfare' }, false)).toBeNull();
    expect(handoffReason({ acute: true, urgency: 'emergency', notificationKind: null }, true)).toBeNull();
  });
});
