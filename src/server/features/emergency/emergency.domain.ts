/**
 * The social emergency service's hours and the guidance unit's hours, as rules without IO.
 *
 * "Guidance hours" are when the guidance unit is at work: on a day, from the first opening to the
 * last closing of the active public phone lines of the county (of the contact's region when it is
 * known; county-wide lines always count), the lines' weekly slots, exception days and public
 * holidays applying (domain/opening-hours). The gaps between phone slots (a lunch hour) are not out
 * of hours: the workers are there, reading the queue. Outside these hours nobody reads an urgent
 * matter until the next working day, so it goes to the social emergency service.
 *
 * The social emergency service's own hours are weekly slots only: an emergency service does not
 * close for a public holiday. No slots: around the clock.
 */
import { hoursOn, type ExceptionDay, type WeeklySlot } from '../../../domain/opening-hours.js';
import { helsinkiDateTime, isoWeekday } from '../../../domain/local-date.js';

export interface GuidanceLine { region: string | null; slots: WeeklySlot[]; exceptions: ExceptionDay[] }

const minutes = (time: string) => { const [h, m] = time.split(':'); return Number(h) * 60 + Number(m); };

export function guidanceOpenAt(now: Date, lines: GuidanceLine[], region: string | null): boolean {
  const { date, minuteOfDay } = helsinkiDateTime(now);
  const intervals = lines.filter((l) => l.region === null || region === null || l.region === region).flatMap((l) => hoursOn(date, l.slots, l.exceptions));
  if (!intervals.length) return false;
  return minuteOfDay >= Math.min(...intervals.map((i) => minutes(i.opens))) && minuteOfDay < Math.max(...intervals.map((i) => minutes(i.closes)));
}

export function socialEmergencyOpenAt(now: Date, slots: WeeklySlot[]): boolean {
  if (slots.length === 0) return true;
  const { date, minuteOfDay } = helsinkiDateTime(now);
  const weekday = isoWeekday(date);
  return slots.some((s) => s.weekday === weekday && minuteOfDay >= minutes(s.opens) && minuteOfDay < minutes(s.closes));
}

export type HandoffReason = 'acute' | 'urgent' | 'child_welfare';

/**
 * Whether a contact arriving now goes to the social emergency service, and why: acute first (the
 * resident's answer or the detector), then a child welfare notification (LsL 25 §: urgency is
 * assessed at once, LsL 26 §), then any urgent contact. Null: it can wait for guidance hours.
 */
export function handoffReason(c: { acute: boolean; urgency: string; notificationKind: string | null }, guidanceOpen: boolean): HandoffReason | null {
  if (guidanceOpen) return null;
  if (c.acute) return 'acute';
  if (c.notificationKind === 'child_welfare') return 'child_welfare';
  if (c.urgency === 'urgent' || c.urgency === 'emergency') return 'urgent';
  return null;
}
