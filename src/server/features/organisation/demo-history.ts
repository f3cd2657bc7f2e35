/**
 * Demo history (issue 15, part 7): two years of SYNTHETIC contacts, phone calls, callbacks and
 * referrals for the demo county, so that a newcomer opens a full dashboard with a real
 * year-on-year comparison. Nothing here describes a real person or a real month: the shapes
 * follow what the seeds say is measured (seed 004: contacts per month against the same month a
 * year earlier, channels, reasons, service areas, urgency, anonymous guidance, referrals onward,
 * weekday and hour; seed 003: phone hours weekdays 9–11 and 13–15, a callback when the lines are
 * busy, "we contact you by the next working day"). The seeds give no figures: the volumes
 * (about 1 400–2 600 contacts a month, growing ~8 % a year as seed 004 says contacts grow), the
 * channel shares and the seasons (a quiet July, a busy autumn and January) are assumptions of the
 * demo, named in the constants below.
 *
 * Deterministic: a seeded PRNG (mulberry32), never Math.random; the same seed and the same `now`
 * give the same rows. Anonymous: no names, phone numbers, identity codes, notes or residents'
 * messages anywhere; identified contacts carry no personal data either (erased as the retention
 * job would have erased them, or never recorded). Labelled: every contact's reference starts
 * with `DEMO-` and its timeline event says `source: "demo"`; referrals, consents and
 * initiation records that must hold a text hold a generic one saying it is demo data.
 *
 * Consistent with the database's rules and with what the app would have written: closed
 * contacts carry their statistics, anonymous ones no caller number, statutory records
 * (notifications, initiated matters) keep their initiation record live, and every identified
 * contact the retention job would already have erased is erased (decideContact), so the first
 * hourly run finds nothing of the demo's past to erase. Calls arrive only while their line is
 * open (opening_slot, holidays closed); calls at other times are `line_closed` and become
 * callback tasks, as the CTI webhook makes them.
 *
 * Fast: the rows are planned in memory and written with set-based `insert … select from
 * unnest(…)` statements in batches, in one transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { addDays, addMonths, daysBetween, daysInMonth, helsinkiDateTime, isoWeekday, parts, type LocalDate } from '../../../domain/local-date.js';
import { addWorkingDays, isWorkingDay as isWorkingDayUncached, nextWorkingDay as nextWorkingDayUncached } from '../../../domain/calendar.js';
import { hoursOn, type ExceptionDay, type WeeklySlot } from '../../../domain/opening-hours.js';
import { childWelfareDeadlines, initiationClock, servicePromise, type ReachedHow, type Urgency } from '../../../domain/service-promise.js';
import { referralDeadlines, type ReferralKind, type ReferralStatus } from '../../../domain/referral.js';
import { decideContact } from '../../../domain/retention.js';

/** Every demo contact's reference starts with this: `DEMO-202611-0042`. */
export const DEMO_REFERENCE_PREFIX = 'DEMO-';
/** The seed a fresh installation uses: every newcomer sees the same history (shifted to their day). */
export const DEMO_HISTORY_SEED = 15;
/** The text a demo record holds where the database needs one (referral summary, reasons, initiation concerns). */
export const DEMO_TEXT = 'Esimerkkiaineisto (DEMO): synteettinen tietue, ei henkilötietoja.';

// ---------------------------------------------------------------------------------------------
// The shapes: assumptions of the demo, not figures from the seeds.

/** Contacts a month in the latest year, before the season; earlier months are smaller by GROWTH a year. */
const MONTHLY_CONTACTS = 2_150;
const GROWTH_PER_YEAR = 1.08;
/** January … December: a quiet July, a busy autumn and January. */
const SEASON = [1.15, 1.05, 1.05, 0.95, 0.95, 0.85, 0.7, 1.0, 1.1, 1.15, 1.1, 0.85];

/** How contacts arrive: each kind's share of the month. */
const ARRIVALS = {
  call: 0.57, // a call while its line is open (answered → phone; abandoned → callback task)
  call_closed: 0.06, // a call while its line is closed → callback task
  callback_form: 0.02, // the resident's callback request form
  web_form: 0.13,
  e_notification: 0.06,
  walk_in: 0.05,
  emergency_department: 0.035,
  authority_line: 0.02, // registered by a worker on the authority line
  secure_email: 0.04,
  post: 0.015,
} as const;
type Arrival = keyof typeof ARRIVALS;

/** The phone menu's lines by how many calls they take (unknown lines of an edited county: 3). */
const LINE_WEIGHT: Record<string, number> = {
  working_age: 34, older_people: 19, disability: 9, families: 12, authority: 10,
  family_centre_seinajoki_isokyro: 6, family_centre_suupohja_kurikka_ilmajoki: 4, family_centre_lapua_kaksineuvoinen_jarvipohjanmaa_kuussote: 5,
};
/** Residents per municipality (thousands, rounded): where contacts come from. */
const MUNICIPALITY_WEIGHT: Record<string, number> = {
  '743': 65, '408': 14, '233': 15, '301': 20, '232': 12, '145': 12, '010': 11, '005': 9, '989': 5.6, '846': 5, '151': 4.5,
  '300': 3.5, '934': 2.8, '403': 2.9, '052': 2.4, '759': 2, '099': 1.8, '218': 1.2,
};
const AREA_WEIGHT: Record<string, Record<string, number>> = {
  default: { working_age: 38, older_people: 20, disability: 9, families: 18, mental_health_substance: 10, health: 5 },
  e_notification: { families: 50, working_age: 20, older_people: 18, mental_health_substance: 12 },
  emergency_department: { older_people: 30, mental_health_substance: 30, working_age: 30, families: 5, disability: 5 },
  authority: { working_age: 35, families: 30, older_people: 15, mental_health_substance: 12, disability: 8 },
};
const REASON_WEIGHT: Record<string, Record<string, number>> = {
  working_age: { income: 33, housing: 14, employment_education: 11, benefits_applications: 14, service_system_info: 8, existing_client: 8, substance_use: 3, immigration_integration: 3, mental_health: 3, other: 3 },
  older_people: { ageing_home_care: 48, health_functioning: 15, benefits_applications: 9, loneliness_participation: 8, service_system_info: 8, existing_client: 7, other: 5 },
  disability: { disability_support: 58, benefits_applications: 12, health_functioning: 8, service_system_info: 8, existing_client: 10, other: 4 },
  families: { child_concern: 30, family_relationships: 24, income: 8, housing: 5, violence_safety: 5, mental_health: 7, service_system_info: 9, existing_client: 8, other: 4 },
  mental_health_substance: { mental_health: 48, substance_use: 34, loneliness_participation: 8, housing: 4, other: 6 },
  health: { health_functioning: 60, service_system_info: 25, other: 15 },
};
const CONTACTOR_WEIGHT: Record<string, Record<string, number>> = {
  default: { self: 66, close_one: 20, professional: 4, authority: 3, organisation: 2, unknown: 5 },
  authority: { professional: 50, authority: 45, organisation: 5 },
  e_notification: { professional: 55, authority: 45 },
  emergency_department: { professional: 100 },
  web_form: { self: 70, close_one: 25, unknown: 5 },
};
/** Where guidance ended, by how the contact came (domain § 5, codes.md outcomes). */
const OUTCOME_WEIGHT: Record<string, Record<string, number>> = {
  default: { advice_given: 66, message_to_service: 8, referral_for_assessment: 4, other_actor: 13, to_own_worker: 6, direct_booking: 3 },
  form: { advice_given: 58, message_to_service: 12, referral_for_assessment: 6, other_actor: 12, to_own_worker: 7, direct_booking: 5 },
  e_notification: { message_to_service: 45, referral_for_assessment: 40, to_own_worker: 15 },
  emergency_department: { message_to_service: 30, referral_for_assessment: 25, other_actor: 20, advice_given: 15, to_own_worker: 10 },
};
/** The share of contacts that stay anonymous when nothing needs the person to be known. */
const ANONYMOUS_SHARE: Record<string, number> = { phone: 0.7, callback: 0.8, web_form: 0.25, walk_in: 0.65, secure_email: 0.2, post: 0.3, authority_line: 0.5 };
const EXTERNAL_ACTORS = ['Kela', 'TE-palvelut', 'Ohjaamo', 'Seurakunnan diakoniatyö', 'Talous- ja velkaneuvonta', 'Järjestön ruoka-apu'];
const REFERRAL_OUTCOME_WEIGHT = { got_help: 68, client_contacted: 12, could_not_contact: 4, not_eligible: 6, no_capacity: 3, declined_by_client: 7 };
const AREA_UNIT: Record<string, string> = {
  working_age: 'adult_social_work', older_people: 'older_people_services', disability: 'disability_services', families: 'family_services',
  mental_health_substance: 'mental_health_substance', health: 'health_centre',
};
/** Web forms by the hour (Helsinki), 0–23: all day, busiest in office hours and the evening. */
const FORM_HOURS = [0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 0.9, 1.3, 1.5, 1.5, 1.4, 1.3, 1.4, 1.3, 1.2, 1.1, 1.0, 1.1, 1.3, 1.4, 1.3, 1.0, 0.6];
/** The emergency department's social-care referrals by the hour: evenings and nights (seed 004, Ratamo). */
const ED_HOURS = [0.9, 0.8, 0.7, 0.5, 0.4, 0.4, 0.5, 0.6, 0.8, 1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.5, 1.5, 1.4, 1.3, 1.2, 1.0];
const OFFICE_HOURS = [0.05, 0.02, 0.02, 0.02, 0.02, 0.05, 0.2, 0.6, 1.4, 1.5, 1.4, 1.3, 1.2, 1.4, 1.3, 1.1, 0.7, 0.4, 0.3, 0.3, 0.3, 0.2, 0.1, 0.05];
/** Monday is the busiest day on the phones. */
const WEEKDAY_CALLS = [0, 1.3, 1.1, 1.0, 0.95, 0.8, 0, 0];
const WEEKDAY_FORMS = [0, 1.2, 1.0, 1.0, 1.0, 0.9, 0.6, 0.75];
const WEEKDAY_ED = [0, 1.0, 0.95, 0.95, 1.0, 1.15, 1.3, 1.2];

const DAY = 86_400_000;
/** Failed callbacks before a callback task closes as not_reached (CALLBACK_ATTEMPTS' default). */
const CALLBACK_ATTEMPTS = 3;
const WORK_OPENS = 8 * 60;
const WORK_CLOSES = 16 * 60;

// ---------------------------------------------------------------------------------------------
// A seeded PRNG and the draws made with it.

/** mulberry32: small, fast, and the same numbers for the same seed on every platform. */
export function seededRandom(seed: number | string): () => number {
  let a = typeof seed === 'number' ? seed >>> 0 : [...seed].reduce((h, ch) => Math.imul(h ^ ch.charCodeAt(0), 16_777_619) >>> 0, 2_166_136_261);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A weight table as keys and running totals, made once per table (and filter). */
const tables = new WeakMap<object, Map<ReadonlySet<string> | undefined, { keys: string[]; cumulative: number[] }>>();
function table(weights: Record<string, number>, only?: ReadonlySet<string>): { keys: string[]; cumulative: number[] } {
  let byFilter = tables.get(weights);
  if (!byFilter) tables.set(weights, (byFilter = new Map()));
  let t = byFilter.get(only);
  if (!t) {
    const entries = Object.entries(weights).filter(([k]) => !only || only.has(k));
    let sum = 0;
    t = { keys: entries.map(([k]) => k), cumulative: entries.map(([, w]) => (sum += w)) };
    byFilter.set(only, t);
  }
  return t;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (x: number) => HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;

class Draw {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean { return this.next() < p; }
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  uniform(min: number, max: number): number { return min + this.next() * (max - min); }
  gauss(): number { return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next()); }
  exp(mean: number): number { return -Math.log(1 - this.next()) * mean; }
  logNormal(median: number, sigma: number): number { return median * Math.exp(sigma * this.gauss()); }
  /** A count with mean `lambda`: Poisson for small means, its normal approximation for large. */
  count(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.gauss()));
    const limit = Math.exp(-lambda);
    let k = 0;
    for (let p = this.next(); p > limit; p *= this.next()) k++;
    return k;
  }
  pick<T extends string>(weights: Record<T, number>, only?: ReadonlySet<string>): T {
    const { keys, cumulative } = table(weights, only);
    const x = this.next() * cumulative[cumulative.length - 1]!;
    for (let i = 0; i < keys.length; i++) if (x < cumulative[i]!) return keys[i] as T;
    return keys[keys.length - 1] as T;
  }
  index(weights: readonly number[]): number {
    const total = weights.reduce((s, w) => s + w, 0);
    let x = this.next() * total;
    for (let i = 0; i < weights.length; i++) { x -= weights[i]!; if (x < 0) return i; }
    return weights.length - 1;
  }
  /** A random version-4 uuid from this stream: the same ids for the same seed. */
  uuid(): string {
    const word = () => hex32(Math.floor(this.next() * 4_294_967_296));
    const a = word();
    const b = word();
    const c = word();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${'89ab'[parseInt(c[0]!, 16) & 3]}${c.slice(1, 4)}-${c.slice(4)}${word()}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Helsinki wall-clock time. A moment is planned as a local date and minute, then made an instant.

const offsets = new Map<LocalDate, number>();
/** Helsinki's offset from UTC in minutes on a day (measured at noon: the switches are at night on Sundays). */
function offsetMinutes(date: LocalDate): number {
  let o = offsets.get(date);
  if (o === undefined) {
    const { year, month, day } = parts(date);
    o = helsinkiDateTime(new Date(Date.UTC(year, month - 1, day, 12))).minuteOfDay - 12 * 60;
    offsets.set(date, o);
  }
  return o;
}
/** The instant (ms) of a Helsinki date and minute of the day (may run past midnight). */
const midnights = new Map<LocalDate, number>();
function instant(date: LocalDate, minute: number): number {
  let midnight = midnights.get(date);
  if (midnight === undefined) {
    midnight = Date.parse(`${date}T00:00:00Z`) - offsetMinutes(date) * 60_000;
    midnights.set(date, midnight);
  }
  return midnight + Math.round(minute * 60_000);
}
const memo = <K, V>(f: (k: K) => V) => {
  const cache = new Map<K, V>();
  return (k: K): V => {
    let v = cache.get(k);
    if (v === undefined && !cache.has(k)) { v = f(k); cache.set(k, v); }
    return v as V;
  };
};
const isWorkingDay = memo(isWorkingDayUncached);
const nextWorkingDay = memo(nextWorkingDayUncached);
interface Local { date: LocalDate; minute: number }
type Hours = readonly (readonly [number, number])[];
const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10) as LocalDate;
/** The Helsinki date and minute of an instant (ms). */
function localOf(t: number): Local {
  let date = utcDay(t + 3 * 3_600_000);
  let local = t + offsetMinutes(date) * 60_000;
  if (utcDay(local) !== date) { date = utcDay(local); local = t + offsetMinutes(date) * 60_000; }
  return { date, minute: (local - Date.parse(`${date}T00:00:00Z`)) / 60_000 };
}
/** The first working moment (weekdays 8–16, holidays off) at or after a local time. */
function workingMoment(t: Local): Local {
  if (isWorkingDay(t.date) && t.minute < WORK_CLOSES) return { date: t.date, minute: Math.max(t.minute, WORK_OPENS) };
  return { date: nextWorkingDay(t.date), minute: WORK_OPENS };
}
/** `minutes` of working time after a local time. */
function afterWorkingMinutes(t: Local, minutes: number): Local {
  let at = workingMoment(t);
  let left = minutes;
  while (at.minute + left >= WORK_CLOSES) {
    left -= WORK_CLOSES - at.minute;
    at = { date: nextWorkingDay(at.date), minute: WORK_OPENS };
  }
  return { date: at.date, minute: at.minute + left };
}
const promiseCache = new Map<string, LocalDate>();
/** The contact's promised day (domain/service-promise.ts), computed once per day, time band and urgency. */
function respondBy(t: Local, urgency: Urgency): LocalDate {
  const late = t.minute >= WORK_CLOSES;
  const key = `${t.date}|${late}|${urgency}`;
  let day = promiseCache.get(key);
  if (!day) {
    day = servicePromise(new Date(instant(t.date, late ? 17 * 60 : 12 * 60)), urgency).respondBy;
    promiseCache.set(key, day);
  }
  return day;
}

// ---------------------------------------------------------------------------------------------
// What the county has: read from the database, so the history fits the county as configured.

export interface DemoCountyContext {
  lines: { id: string; code: string; serviceArea: string | null; regionId: string | null; slots: WeeklySlot[]; exceptions: ExceptionDay[] }[];
  municipalities: { id: string; code: string; regionId: string | null }[];
  units: { id: string; code: string; serviceArea: string | null; name: string }[];
  reasons: ReadonlySet<string>;
  /** guidance workers: they answer, call back and close (supervisors less often) */
  workers: { id: string; supervisor: boolean }[];
  /** the emergency department professional who refers ED patients (null: none) */
  edProfessional: string | null;
  /** unit workers by unit id: they accept referrals */
  unitWorkers: Map<string, string[]>;
}

export async function readDemoCountyContext(db: Kysely<DB>, countyId: string): Promise<DemoCountyContext> {
  const [lines, slots, exceptions, municipalities, regionLinks, units, reasons, users] = await Promise.all([
    db.selectFrom('phone_line').select(['id', 'code', 'service_area', 'region_id']).where('county_id', '=', countyId).where('active', '=', true).orderBy('code').execute(),
    db.selectFrom('opening_slot as s').innerJoin('phone_line as l', 'l.id', 's.phone_line_id').select(['s.phone_line_id', 's.weekday', 's.opens', 's.closes'])
      .where('l.county_id', '=', countyId).orderBy('s.phone_line_id').orderBy('s.weekday').orderBy('s.opens').execute(),
    db.selectFrom('opening_exception as e').innerJoin('phone_line as l', 'l.id', 'e.phone_line_id').select(['e.phone_line_id', 'e.day', 'e.opens', 'e.closes'])
      .where('l.county_id', '=', countyId).execute(),
    db.selectFrom('municipality').select(['id', 'code']).where('county_id', '=', countyId).orderBy('code').execute(),
    db.selectFrom('region_municipality as rm').innerJoin('region as r', 'r.id', 'rm.region_id').select(['rm.region_id', 'rm.municipality_id'])
      .where('r.county_id', '=', countyId).execute(),
    db.selectFrom('receiving_unit').select(['id', 'code', 'service_area', 'name_fi']).where('county_id', '=', countyId).where('active', '=', true).orderBy('code').execute(),
    db.selectFrom('code').select('code').where('county_id', '=', countyId).where('code_set', '=', 'reason').where('active', '=', true).execute(),
    db.selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id').leftJoin('user_unit as uu', 'uu.user_id', 'u.id')
      .select(['u.id', 'u.username', 'r.role', 'uu.receiving_unit_id']).where('u.county_id', '=', countyId).orderBy('u.username').execute(),
  ]);
  const regionOf = new Map(regionLinks.map((l) => [l.municipality_id, l.region_id]));
  const supervisors = new Set(users.filter((u) => u.role === 'supervisor').map((u) => u.id));
  const workers = [...new Set(users.filter((u) => u.role === 'guidance_worker').map((u) => u.id))].map((id) => ({ id, supervisor: supervisors.has(id) }));
  const unitWorkers = new Map<string, string[]>();
  for (const u of users) {
    if (u.role !== 'unit_worker' || !u.receiving_unit_id) continue;
    const list = unitWorkers.get(u.receiving_unit_id) ?? [];
    if (!list.includes(u.id)) list.push(u.id);
    unitWorkers.set(u.receiving_unit_id, list);
  }
  return {
    lines: lines.map((l) => ({
      id: l.id, code: l.code, serviceArea: l.service_area, regionId: l.region_id,
      slots: slots.filter((s) => s.phone_line_id === l.id).map((s) => ({ weekday: s.weekday, opens: s.opens, closes: s.closes })),
      exceptions: exceptions.filter((e) => e.phone_line_id === l.id).map((e) => ({ day: String(e.day) as LocalDate, opens: e.opens, closes: e.closes })),
    })),
    municipalities: municipalities.map((m) => ({ id: m.id, code: m.code, regionId: regionOf.get(m.id) ?? null })),
    units: units.map((u) => ({ id: u.id, code: u.code, serviceArea: u.service_area, name: u.name_fi })),
    reasons: new Set(reasons.map((r) => r.code)),
    workers,
    edProfessional: users.find((u) => u.role === 'ed_professional')?.id ?? null,
    unitWorkers,
  };
}

// ---------------------------------------------------------------------------------------------
// The plan: every row, in memory, before anything is written.

export interface DemoContact {
  id: string; reference: string; channel: string; lineId: string | null; serviceArea: string | null; regionId: string | null; municipalityId: string | null;
  contactor: string; anonymous: boolean; mainReason: string; additionalReasons: string[]; urgency: Urgency;
  receivedAt: number; receivedOn: LocalDate; respondBy: LocalDate; handlerId: string | null; outcome: string; closedAt: number; closedById: string | null;
  handlingSeconds: number | null; led: boolean; triggers: string[]; repeat30d: number; firstResponseAt: number | null; erasedAt: number | null;
  createdById: string | null; notificationKind: 'social_welfare' | 'child_welfare' | null; legalDeadline: LocalDate | null; language: string | null;
  acute: boolean; acuteReasons: string[]; acuteFlaggedAt: number | null; referralReturns: number; reachedAt: number | null; reachedHow: ReachedHow | null;
}
export interface DemoCall { id: string; contactId: string; callId: string; answeredBy: string | null; startedAt: number; answeredAt: number | null; endedAt: number; hangupCause: string }
export interface DemoAttempt { id: string; contactId: string; at: number; result: string; userId: string }
export interface DemoReferral {
  id: string; contactId: string; kind: ReferralKind; assessment: 'pta' | 'hta' | null; unitId: string | null; externalName: string | null; needs: string[];
  urgency: Urgency; consentId: string | null; legalGround: 'shl_35' | 'child_welfare' | null; bookedAt: number | null; status: ReferralStatus;
  acceptBy: LocalDate; contactBy: LocalDate; legalDeadline: LocalDate | null; legalBasis: string | null; sentAt: number; sentById: string; handlerId: string | null;
  acceptedAt: number | null; clientContactedAt: number | null; completedAt: number | null; returnedAt: number | null; cancelledAt: number | null;
  outcome: string | null; escalationLevel: number; escalatedAt: number | null; erasedAt: number | null; language: string | null;
}
export interface DemoConsent { id: string; contactId: string; purpose: string; target: string; givenAt: number; recordedById: string; erasedAt: number | null }
export interface DemoInitiation {
  id: string; contactId: string; initiatedOn: LocalDate; concerns: string; unitId: string | null; urgent: boolean; legalDeadline: LocalDate | null;
  legalBasis: string | null; recordedById: string | null; source: 'worker' | 'shl_35_notification' | 'lsl_25_notification';
}
export interface DemoPlan {
  from: LocalDate; to: LocalDate;
  contacts: DemoContact[]; calls: DemoCall[]; attempts: DemoAttempt[]; referrals: DemoReferral[]; consents: DemoConsent[]; initiations: DemoInitiation[];
}

export interface DemoHistoryOptions {
  /** the history runs up to the start of this day (Helsinki); default: now */
  now?: Date;
  /** how many years back, from the first day of the month; default 2 */
  years?: number;
  /** the PRNG's seed; default DEMO_HISTORY_SEED */
  seed?: number | string;
}

/**
 * Plans the history: pure, deterministic (the same context, seed and `now` give the same plan).
 * It runs from the first day of the month `years` before `now` up to the start of `now`'s day
 * in Helsinki; whatever happens after a contact arrived (callbacks, replies, a referral's
 * steps) happens before `now`, or has not happened yet (a referral still in the loop).
 */
export function planDemoHistory(ctx: DemoCountyContext, opts: DemoHistoryOptions = {}): DemoPlan {
  const now = (opts.now ?? new Date()).getTime();
  const years = opts.years ?? 2;
  const d = new Draw(seededRandom(opts.seed ?? DEMO_HISTORY_SEED));
  const ids = new Draw(seededRandom(`${String(opts.seed ?? DEMO_HISTORY_SEED)}:ids`));
  const today = helsinkiDateTime(new Date(now)).date;
  const from = addMonths(`${today.slice(0, 7)}-01` as LocalDate, -12 * years);
  const latest = now - 60_000; // nothing planned happens later than a minute before now
  if (!ctx.workers.length) throw new Error('The county has no guidance worker to handle the demo history.');

  const plan: DemoPlan = { from, to: addDays(today, -1), contacts: [], calls: [], attempts: [], referrals: [], consents: [], initiations: [] };
  const lineByCode = new Map(ctx.lines.map((l) => [l.code, l]));
  const hoursCache = new Map<string, Map<LocalDate, Hours>>(ctx.lines.map((l) => [l.id, new Map()]));
  /** A line's opening hours on a day, as [opens, closes) minutes (domain/opening-hours.ts: holidays closed). */
  const hoursOf = (line: DemoCountyContext['lines'][number], day: LocalDate): Hours => {
    const byDay = hoursCache.get(line.id)!;
    let h = byDay.get(day);
    if (!h) byDay.set(day, (h = hoursOn(day, line.slots, line.exceptions).map((x) => [toMinutes(x.opens), toMinutes(x.closes)] as const)));
    return h;
  };
  const lineWeights = Object.fromEntries(ctx.lines.map((l) => [l.code, LINE_WEIGHT[l.code] ?? 3])) as Record<string, number>;
  const publicLines = Object.fromEntries(ctx.lines.filter((l) => l.code !== 'authority').map((l) => [l.code, LINE_WEIGHT[l.code] ?? 3])) as Record<string, number>;
  const municipalityWeights = ctx.municipalities.map((m) => MUNICIPALITY_WEIGHT[m.code] ?? 2);
  const unitByCode = new Map(ctx.units.map((u) => [u.code, u]));
  const workerWeights = ctx.workers.map((w) => (w.supervisor ? 1 : 6));
  const worker = () => ctx.workers[d.index(workerWeights)]!.id;
  const reason = (area: string | null) => {
    const weights = REASON_WEIGHT[area ?? 'working_age'] ?? REASON_WEIGHT.working_age!;
    const known = Object.keys(weights).some((k) => ctx.reasons.has(k));
    return known ? d.pick(weights, ctx.reasons) : ctx.reasons.has('other') ? 'other' : [...ctx.reasons][0] ?? 'other';
  };
  const municipalityIn = (regionId: string | null) => {
    const weights = ctx.municipalities.map((m, i) => (regionId === null || m.regionId === regionId ? municipalityWeights[i]! : 0));
    return weights.some((w) => w > 0) ? ctx.municipalities[d.index(weights)]! : null;
  };
  const unitFor = (area: string | null, mainReason: string) => {
    const childWelfare = area === 'families' && (mainReason === 'child_concern' || mainReason === 'violence_safety') && d.chance(0.45);
    return (childWelfare ? unitByCode.get('child_welfare') : undefined) ?? unitByCode.get(AREA_UNIT[area ?? ''] ?? '')
      ?? ctx.units.find((u) => u.serviceArea === area) ?? ctx.units[0] ?? null;
  };
  const ms = (t: Local) => Math.min(instant(t.date, t.minute), latest);

  let sequence = 0;
  let monthKey = '';
  for (let day = from; day < today; day = addDays(day, 1)) {
    const { year, month } = parts(day);
    if (`${year}-${month}` !== monthKey) { monthKey = `${year}-${month}`; sequence = 0; }
    const yearsBack = daysBetween(day, today) / 365.25;
    const monthVolume = MONTHLY_CONTACTS * SEASON[month - 1]! * GROWTH_PER_YEAR ** -yearsBack;
    const season = SEASON[month - 1]!;
    const working = isWorkingDay(day);
    const weekday = isoWeekday(day);
    const busy = Math.max(0.5, 1 + 0.12 * d.gauss()); // some days are busier than others
    const perDay = monthVolume / daysInMonth(year, month);
    // each arrival kind's weight today, relative to an average day of the month (≈ 21 working days of 30)
    const weight: Record<Arrival, number> = {
      call: working ? WEEKDAY_CALLS[weekday]! * 30 / 21 : 0,
      call_closed: working ? 1.15 : 0.6,
      callback_form: (working ? WEEKDAY_FORMS[weekday]! : 0.7) * 1.07,
      web_form: (working ? WEEKDAY_FORMS[weekday]! : 0.7) * 1.07,
      e_notification: working ? 1.3 : 0.3,
      walk_in: working ? 30 / 21 : 0,
      emergency_department: WEEKDAY_ED[weekday]!,
      authority_line: working ? 30 / 21 : 0,
      secure_email: working ? 1.25 : 0.35,
      post: working ? 30 / 21 : 0,
    };
    const arrivals: { kind: Arrival; at: Local; line?: DemoCountyContext['lines'][number] }[] = [];
    for (const kind of Object.keys(ARRIVALS) as Arrival[]) {
      const n = d.count(perDay * ARRIVALS[kind] * weight[kind] * busy);
      for (let i = 0; i < n; i++) {
        if (kind === 'call') {
          const line = lineByCode.get(d.pick(lineWeights))!;
          const hours = hoursOf(line, day);
          if (!hours.length) { arrivals.push({ kind: 'call_closed', at: closedMinute(d, hours, day), line }); continue; }
          // more calls in the first half hour after the line opens
          const segments = hours.flatMap(([o, c]) => [[o, Math.min(c, o + 30), 1.7], [Math.min(c, o + 30), c, 1]] as [number, number, number][])
            .filter(([a, b]) => b > a);
          const s = segments[d.index(segments.map(([a, b, w]) => (b - a) * w))]!;
          arrivals.push({ kind, at: { date: day, minute: d.uniform(s[0], s[1]) }, line });
        } else if (kind === 'call_closed') {
          const line = lineByCode.get(d.pick(lineWeights))!;
          arrivals.push({ kind, at: closedMinute(d, hoursOf(line, day), day), line });
        } else if (kind === 'web_form' || kind === 'callback_form') {
          arrivals.push({ kind, at: { date: day, minute: d.index(FORM_HOURS) * 60 + d.uniform(0, 60) } });
        } else if (kind === 'emergency_department') {
          arrivals.push({ kind, at: { date: day, minute: d.index(ED_HOURS) * 60 + d.uniform(0, 60) } });
        } else if (kind === 'e_notification' || kind === 'secure_email') {
          arrivals.push({ kind, at: { date: day, minute: d.index(OFFICE_HOURS) * 60 + d.uniform(0, 60) } });
        } else if (kind === 'walk_in') {
          arrivals.push({ kind, at: { date: day, minute: d.uniform(9 * 60, 15 * 60) } });
        } else {
          arrivals.push({ kind, at: { date: day, minute: d.uniform(WORK_OPENS, WORK_CLOSES - 10) } });
        }
      }
    }
    arrivals.sort((a, b) => a.at.minute - b.at.minute);
    for (const a of arrivals) contact(a.kind, a.at, a.line ?? null, season, weekday);
  }
  return plan;

  /** One contact, with its call, callbacks, referral and records. */
  function contact(kind: Arrival, at: Local, line: DemoCountyContext['lines'][number] | null, season: number, weekday: number): void {
    const id = ids.uuid();
    const receivedAt = instant(at.date, at.minute);
    const load = season * (WEEKDAY_CALLS[weekday] || 1); // how stretched the unit is: calls wait and forms slip
    const lateShare = Math.min(0.14, Math.max(0.02, 0.03 + 0.1 * (load - 0.95)));
    sequence += 1;
    const c: DemoContact = {
      id, reference: `${DEMO_REFERENCE_PREFIX}${at.date.slice(0, 4)}${at.date.slice(5, 7)}-${String(sequence).padStart(4, '0')}`,
      channel: kind === 'call' || kind === 'call_closed' ? 'phone' : kind === 'callback_form' ? 'callback' : kind,
      lineId: null, serviceArea: null, regionId: null, municipalityId: null, contactor: 'self', anonymous: true, mainReason: 'other', additionalReasons: [],
      urgency: 'non_urgent', receivedAt, receivedOn: at.date, respondBy: at.date, handlerId: null, outcome: 'advice_given', closedAt: receivedAt, closedById: null,
      handlingSeconds: null, led: false, triggers: [], repeat30d: 0, firstResponseAt: null, erasedAt: null, createdById: null, notificationKind: null,
      legalDeadline: null, language: null, acute: false, acuteReasons: [], acuteFlaggedAt: null, referralReturns: 0, reachedAt: null, reachedHow: null,
    };
    // where it came from and what it was about
    if (kind === 'callback_form') line = lineByCode.get(d.pick(publicLines)) ?? null;
    if (line) { c.lineId = line.id; c.regionId = line.regionId; }
    const areaKind = kind === 'e_notification' || kind === 'emergency_department' ? kind : line?.code === 'authority' || kind === 'authority_line' ? 'authority' : 'default';
    c.serviceArea = line?.serviceArea ?? d.pick(AREA_WEIGHT[areaKind]!);
    const knownMunicipality = { call: 0.75, call_closed: 0.7, callback_form: 0.9, web_form: 0.9, e_notification: 1, walk_in: 1, emergency_department: 0.95, authority_line: 0.8, secure_email: 0.8, post: 0.95 }[kind];
    if (d.chance(knownMunicipality)) {
      const m = municipalityIn(line?.regionId ?? null);
      if (m) { c.municipalityId = m.id; c.regionId = m.regionId; }
    }
    const contactorKind = areaKind === 'authority' || kind === 'e_notification' || kind === 'emergency_department' ? areaKind : kind === 'web_form' ? 'web_form' : 'default';
    c.contactor = d.pick(CONTACTOR_WEIGHT[contactorKind] ?? CONTACTOR_WEIGHT.default!);
    if (kind === 'e_notification') {
      c.notificationKind = c.serviceArea === 'families' && d.chance(0.8) ? 'child_welfare' : 'social_welfare';
      c.mainReason = c.notificationKind === 'child_welfare' && ctx.reasons.has('child_concern') ? 'child_concern' : reason(c.serviceArea);
    } else {
      c.mainReason = reason(c.serviceArea);
    }
    if (d.chance(0.25)) {
      const extra = reason(d.pick(AREA_WEIGHT.default!));
      if (extra !== c.mainReason) c.additionalReasons.push(extra);
    }
    if (kind === 'web_form' || kind === 'callback_form' || kind === 'e_notification') c.language = d.pick({ fi: 91, sv: 6, en: 3 });
    // urgency and the acute few
    const urgentShare = kind === 'e_notification' ? 0.2 : kind === 'emergency_department' ? 0.25 : 0.05;
    c.urgency = c.notificationKind === 'child_welfare' || d.chance(urgentShare) ? 'urgent' : 'non_urgent';
    if (kind !== 'e_notification' && kind !== 'call_closed' && d.chance(0.004)) c.urgency = 'emergency';
    c.respondBy = respondBy(at, c.urgency);
    if (c.notificationKind === 'child_welfare') c.legalDeadline = childWelfareDeadlines(at.date).decideBy;

    // how it was handled
    const handler = worker();
    const outcomeKind = kind === 'e_notification' || kind === 'emergency_department' ? kind : ['web_form', 'secure_email', 'post', 'callback_form'].includes(kind) ? 'form' : 'default';
    c.outcome = c.urgency === 'emergency' && d.chance(0.8) ? 'emergency_redirect' : d.pick(OUTCOME_WEIGHT[outcomeKind]!);
    const referralOutcome = ['message_to_service', 'referral_for_assessment', 'to_own_worker', 'direct_booking'].includes(c.outcome);
    const talkFactor = referralOutcome ? 1.5 : 1;
    let handled: number; // when the worker was done with it
    let talkSeconds = 0;

    if (kind === 'call') {
      const minutesOpen = at.minute - Math.max(...hoursOf(line!, at.date).filter(([o]) => o <= at.minute).map(([o]) => o));
      const callLoad = load * (minutesOpen < 30 ? 1.5 : 1);
      const abandon = d.chance(Math.min(0.3, Math.max(0.03, 0.05 + 0.09 * (callLoad - 0.8))));
      const call: DemoCall = { id: ids.uuid(), contactId: id, callId: `demo-${id}`, answeredBy: null, startedAt: receivedAt, answeredAt: null, endedAt: receivedAt, hangupCause: 'normalClearing' };
      plan.calls.push(call);
      if (abandon) {
        call.endedAt = receivedAt + Math.round(Math.min(900, 5 + d.exp(70)) * 1000);
        call.hangupCause = 'cancel';
        if (d.chance(0.9)) { c.channel = 'callback'; handled = callback(c, localOf(call.endedAt), handler, lateShare, talkFactor); }
        else { closeUnreachable(c, call.endedAt); return finish(c); }
      } else {
        const quick = d.chance(Math.min(0.7, Math.max(0.1, 0.75 - 0.3 * callLoad)));
        const wait = quick ? d.uniform(3, 20) : Math.min(1200, 5 + d.exp(30 + 55 * Math.max(0, callLoad - 0.7)));
        call.answeredAt = receivedAt + Math.round(wait * 1000);
        talkSeconds = Math.round(Math.min(3600, Math.max(45, d.logNormal(300, 0.55) * talkFactor)));
        call.endedAt = call.answeredAt + talkSeconds * 1000;
        call.answeredBy = handler;
        c.reachedAt = call.answeredAt; c.reachedHow = 'call_answered'; c.firstResponseAt = call.answeredAt;
        handled = call.endedAt;
      }
    } else if (kind === 'call_closed') {
      plan.calls.push({ id: ids.uuid(), contactId: id, callId: `demo-${id}`, answeredBy: null, startedAt: receivedAt, answeredAt: null, endedAt: receivedAt, hangupCause: 'line_closed' });
      if (!d.chance(0.9)) { closeUnreachable(c, receivedAt); return finish(c); }
      c.channel = 'callback';
      handled = callback(c, at, handler, lateShare, talkFactor);
    } else if (kind === 'callback_form') {
      handled = callback(c, at, handler, lateShare, talkFactor);
    } else if (kind === 'walk_in' || kind === 'authority_line') {
      c.createdById = handler;
      c.reachedAt = receivedAt; c.reachedHow = kind === 'walk_in' ? 'met' : 'call_answered'; c.firstResponseAt = receivedAt;
      talkSeconds = Math.round(Math.max(60, d.logNormal(kind === 'walk_in' ? 900 : 480, 0.5) * talkFactor));
      handled = receivedAt + talkSeconds * 1000;
    } else {
      // forms, e-mail, post, notifications, the emergency department: taken up, then the person (or notifier) reached
      if (kind === 'emergency_department') c.createdById = ctx.edProfessional;
      const urgent = c.urgency !== 'non_urgent';
      let first = afterWorkingMinutes(at, urgent ? d.uniform(5, 90) : d.exp(150));
      if (!urgent && d.chance(lateShare)) first = { date: addWorkingDays(first.date, d.int(1, 3)), minute: d.uniform(WORK_OPENS, 12 * 60) };
      if (urgent && c.respondBy < first.date) first = { date: c.respondBy, minute: WORK_OPENS + d.uniform(0, 60) };
      c.firstResponseAt = ms(first);
      const reached = afterWorkingMinutes(first, d.uniform(5, 120));
      c.reachedAt = ms(reached);
      c.reachedHow = kind === 'emergency_department' || kind === 'web_form' ? (d.chance(0.7) ? 'phone' : 'reply_sent') : d.chance(0.7) ? 'reply_sent' : 'phone';
      talkSeconds = Math.round(Math.max(120, d.logNormal(kind === 'e_notification' ? 1200 : kind === 'emergency_department' ? 1500 : 600, 0.5) * talkFactor));
      handled = c.reachedAt + talkSeconds * 1000;
    }
    if (c.urgency === 'emergency') {
      c.acute = true;
      c.acuteReasons = kind === 'web_form' || kind === 'callback_form' ? ['danger_now'] : ['worker'];
      c.acuteFlaggedAt = c.acuteReasons[0] === 'danger_now' ? receivedAt : (c.firstResponseAt ?? receivedAt);
    }

    // closing with the statistics
    const wrapUp = Math.round(d.uniform(60, 300) * talkFactor);
    c.handlerId = handler; c.closedById = handler;
    c.closedAt = Math.min(Math.max(handled, c.reachedAt ?? handled) + wrapUp * 1000, latest);
    c.handlingSeconds = talkSeconds + wrapUp;
    if (c.outcome === 'not_reached') return finish(c); // three callbacks without an answer
    c.led = c.outcome === 'referral_for_assessment' ? d.chance(0.7) : c.outcome === 'direct_booking' ? d.chance(0.4) : c.outcome === 'message_to_service' ? d.chance(0.3) : false;
    const external = c.outcome === 'other_actor' && d.chance(0.35);
    const identified = referralOutcome || external || c.notificationKind !== null || kind === 'emergency_department'
      || !d.chance(ANONYMOUS_SHARE[c.channel] ?? 0.5);
    c.anonymous = !identified;
    if (identified) {
      const r = d.next();
      c.repeat30d = r < 0.75 ? 0 : r < 0.9 ? 1 : r < 0.96 ? 2 : d.int(3, 5);
      if (c.repeat30d >= 3) c.triggers.push('repeated_contacts');
      if (c.outcome !== 'advice_given' && d.chance(0.06)) c.triggers.push('concern_not_enough');
      if (c.outcome !== 'advice_given' && d.chance(0.04)) c.triggers.push('unclear_problem');
      if (c.mainReason === 'substance_use' && d.chance(0.3)) c.triggers.push('addiction_suspected');
    }
    const sent = referralOutcome && d.chance(0.95) ? referral(c, false, handler) : external ? referral(c, true, handler) : null;
    let initiations = 0;
    if (c.notificationKind) { notificationMatter(c); initiations = 1; }
    else if (c.outcome === 'referral_for_assessment' && sent?.unitId) { workerInitiation(c, sent, handler); initiations = 1; }
    finish(c, sent ? [sent] : [], initiations);
  }

  /** A callback task: attempts until the person answers, or three without an answer (not_reached). */
  function callback(c: DemoContact, from: Local, handler: string, lateShare: number, talkFactor: number): number {
    // callbacks are made in working hours, between the phone slots too; the same day when there is time, else the next morning
    let t = from.minute < 14 * 60 && isWorkingDay(from.date) ? afterWorkingMinutes(from, d.uniform(20, 180)) : { date: nextWorkingDay(from.date), minute: WORK_OPENS + d.uniform(0, 180) };
    if (d.chance(lateShare)) t = { date: addWorkingDays(t.date, d.int(1, 3)), minute: WORK_OPENS + d.uniform(0, 240) };
    for (let n = 1; n <= CALLBACK_ATTEMPTS; n++) {
      const at = ms(t);
      if (n === 1) c.firstResponseAt = at;
      const answered = d.chance(n === 1 ? 0.72 : n === 2 ? 0.6 : 0.5);
      plan.attempts.push({ id: ids.uuid(), contactId: c.id, at, result: answered ? 'reached' : d.pick({ no_answer: 70, busy: 10, voicemail: 20 }), userId: handler });
      if (answered) {
        c.reachedAt = at; c.reachedHow = 'callback';
        const talk = Math.round(Math.min(3600, Math.max(45, d.logNormal(300, 0.55) * talkFactor)));
        return at + talk * 1000;
      }
      t = t.minute < 14 * 60 ? afterWorkingMinutes(t, d.uniform(90, 180)) : { date: nextWorkingDay(t.date), minute: 9 * 60 + d.uniform(0, 120) };
    }
    c.outcome = 'not_reached';
    c.mainReason = ctx.reasons.has('other') ? 'other' : c.mainReason;
    c.additionalReasons = [];
    return plan.attempts.at(-1)!.at;
  }

  /** A missed call from a hidden number: nobody can call back; the system closes it (not counted against the promise). */
  function closeUnreachable(c: DemoContact, at: number): void {
    c.outcome = 'not_reached'; c.mainReason = ctx.reasons.has('other') ? 'other' : c.mainReason; c.additionalReasons = [];
    c.closedAt = Math.min(at, latest); c.led = false; c.urgency = 'non_urgent'; c.respondBy = respondBy(localOf(c.receivedAt), 'non_urgent');
  }

  /** A referral onward (saattaen vaihtaen) with its steps as far as they have come by now. */
  function referral(c: DemoContact, external: boolean, handler: string): DemoReferral | null {
    const kind: ReferralKind = external ? 'message_to_service' : c.outcome as ReferralKind;
    const unit = external ? null : unitFor(c.serviceArea, c.mainReason);
    if (!external && !unit) return null;
    const externalName = external ? EXTERNAL_ACTORS[d.int(0, EXTERNAL_ACTORS.length - 1)]! : null;
    const sentAt = Math.max(c.reachedAt ?? c.receivedAt, c.closedAt - Math.round(d.uniform(60, 240) * 1000));
    const sentLocal = localOf(sentAt);
    const assessment = kind === 'referral_for_assessment' ? (c.serviceArea === 'health' ? 'hta' : 'pta') : null;
    const bookedAt = kind === 'direct_booking' ? ms({ date: addWorkingDays(sentLocal.date, d.int(2, 10)), minute: d.uniform(9 * 60, 14 * 60) }) : null;
    const childWelfare = unit?.code === 'child_welfare' || c.notificationKind === 'child_welfare';
    const deadlines = deadlinesOf({
      sentAt: new Date(sentAt), receivedOn: c.receivedOn, urgency: c.urgency === 'emergency' ? 'urgent' : c.urgency, kind, assessment,
      priorityClient: c.serviceArea === 'older_people' && d.chance(0.5), childWelfare, contactLegalDeadline: c.legalDeadline,
      bookedOn: bookedAt === null ? null : localOf(bookedAt).date,
    }, sentLocal);
    const legalGround = c.notificationKind === 'social_welfare' ? 'shl_35' as const : childWelfare && c.notificationKind ? 'child_welfare' as const : null;
    let consentId: string | null = null;
    if (!legalGround) {
      consentId = ids.uuid();
      plan.consents.push({
        id: consentId, contactId: c.id, purpose: externalName === 'Kela' ? 'kela' : external ? 'other_actor' : 'forward_to_unit',
        target: externalName ?? unit!.name, givenAt: sentAt - 60_000, recordedById: handler, erasedAt: null,
      });
    }
    const r: DemoReferral = {
      id: ids.uuid(), contactId: c.id, kind, assessment, unitId: unit?.id ?? null, externalName,
      needs: [c.mainReason, ...c.additionalReasons], urgency: c.urgency === 'emergency' ? 'urgent' : c.urgency, consentId, legalGround, bookedAt,
      status: 'requested', acceptBy: deadlines.acceptBy, contactBy: deadlines.contactBy, legalDeadline: deadlines.legalDeadline, legalBasis: deadlines.legalBasis,
      sentAt, sentById: handler, handlerId: null, acceptedAt: null, clientContactedAt: null, completedAt: null, returnedAt: null, cancelledAt: null,
      outcome: null, escalationLevel: 0, escalatedAt: null, erasedAt: null, language: c.language,
    };
    plan.referrals.push(r);
    const unitWorker = unit ? ctx.unitWorkers.get(unit.id) ?? [] : [];
    const by = (day: LocalDate) => ({ date: day, minute: WORK_CLOSES - 1 });
    const end = (t: number | null) => t !== null && t <= latest;
    // returned (the wrong service), before it was taken
    if (!external && d.chance(0.05)) {
      const at = ms(afterWorkingMinutes(sentLocal, d.uniform(30, 960)));
      if (end(at)) { r.status = 'returned'; r.returnedAt = at; r.outcome = 'returned_wrong_service'; c.referralReturns += 1; }
      return r;
    }
    // accepted: mostly by its day, some late
    const onTime = d.chance(0.9);
    const acceptedLocal = kind === 'direct_booking' ? sentLocal
      : onTime ? afterWorkingMinutes(sentLocal, d.uniform(10, Math.max(20, workingMinutesUntil(sentLocal, by(r.acceptBy)))))
        : { date: addWorkingDays(r.acceptBy, d.int(1, 4)), minute: d.uniform(WORK_OPENS, WORK_CLOSES) };
    const acceptedAt = Math.max(sentAt, instant(acceptedLocal.date, acceptedLocal.minute));
    if (!end(acceptedAt)) return r;
    r.status = 'accepted'; r.acceptedAt = acceptedAt; r.handlerId = unitWorker.length ? unitWorker[d.int(0, unitWorker.length - 1)]! : null;
    if (acceptedLocal.date > r.acceptBy) { r.escalationLevel = 1; r.escalatedAt = instant(addDays(r.acceptBy, 1), 8 * 60); }
    if (d.chance(0.03)) {
      const at = acceptedAt + Math.round(d.uniform(1, 10) * DAY);
      if (end(at)) { r.status = 'cancelled'; r.cancelledAt = at; }
      return r;
    }
    // the client reached: by the client-contact day mostly; a booking on its day
    const contactedLocal = bookedAt !== null ? localOf(bookedAt)
      : d.chance(0.87) ? afterWorkingMinutes(acceptedLocal, d.uniform(10, Math.max(20, workingMinutesUntil(acceptedLocal, by(r.contactBy)))))
        : { date: addWorkingDays(r.contactBy, d.int(1, 5)), minute: d.uniform(WORK_OPENS, WORK_CLOSES) };
    const contactedAt = Math.max(acceptedAt, instant(contactedLocal.date, contactedLocal.minute));
    if (!end(contactedAt)) return r;
    r.status = 'client_contacted'; r.clientContactedAt = contactedAt;
    if (contactedLocal.date > r.contactBy && r.escalationLevel === 0) { r.escalationLevel = 2; r.escalatedAt = instant(addDays(r.contactBy, 1), 8 * 60); }
    const completedAt = contactedAt + Math.round(Math.min(60, d.logNormal(5, 0.8)) * DAY);
    if (!end(completedAt)) return r;
    r.status = 'completed'; r.completedAt = completedAt; r.outcome = d.pick(REFERRAL_OUTCOME_WEIGHT);
    return r;
  }

  /** A notification makes a matter pending by law: its initiation record, as the front door writes it. */
  function notificationMatter(c: DemoContact): void {
    const childWelfare = c.notificationKind === 'child_welfare';
    const clock = childWelfare
      ? (c.legalDeadline ? { date: c.legalDeadline, basis: 'lsl_26' as const } : null)
      : initiationClock({ receivedOn: c.receivedOn, initiatedOn: c.receivedOn, urgent: c.urgency !== 'non_urgent', priorityClient: false, childWelfare: false });
    plan.initiations.push({
      id: ids.uuid(), contactId: c.id, initiatedOn: c.receivedOn, concerns: childWelfare ? 'Lastensuojeluilmoitus' : 'Ilmoitus sosiaalihuollon tarpeesta',
      unitId: childWelfare ? unitByCode.get('child_welfare')?.id ?? null : null, urgent: c.urgency !== 'non_urgent',
      legalDeadline: clock?.date ?? null, legalBasis: clock?.basis ?? null, recordedById: null, source: childWelfare ? 'lsl_25_notification' : 'shl_35_notification',
    });
  }

  /** A referral for a service needs assessment makes the matter pending: the worker's record of it. */
  function workerInitiation(c: DemoContact, r: DemoReferral, handler: string): void {
    const childWelfare = ctx.units.find((u) => u.id === r.unitId)?.code === 'child_welfare';
    const clock = initiationClock({ receivedOn: c.receivedOn, initiatedOn: c.receivedOn, urgent: c.urgency !== 'non_urgent', priorityClient: false, childWelfare });
    plan.initiations.push({
      id: ids.uuid(), contactId: c.id, initiatedOn: c.receivedOn, concerns: DEMO_TEXT, unitId: r.unitId, urgent: c.urgency !== 'non_urgent',
      legalDeadline: clock?.date ?? null, legalBasis: clock?.basis ?? null, recordedById: handler, source: 'worker',
    });
  }

  /** Erases an identified contact's (absent) personal data when the retention job would already have done so. */
  function finish(c: DemoContact, referrals: DemoReferral[] = [], initiations = 0): void {
    plan.contacts.push(c);
    if (c.anonymous) return;
    const facts = {
      channel: c.channel, closedAt: new Date(c.closedAt), notificationKind: c.notificationKind, initiations, serviceAreas: [c.serviceArea],
      childWelfareGround: referrals.some((r) => r.legalGround === 'child_welfare'),
      referrals: referrals.map((r) => ({ open: ['requested', 'accepted', 'client_contacted'].includes(r.status), endedAt: r.completedAt ?? r.returnedAt ?? r.cancelledAt ? new Date((r.completedAt ?? r.returnedAt ?? r.cancelledAt)!) : null })),
      openConsultations: 0,
    };
    if (!decideContact(facts, new Date(now), { adviceRetentionDays: 0 }).erase) return;
    const lastEnd = Math.max(0, ...facts.referrals.map((r) => r.endedAt?.getTime() ?? 0));
    const erasedAt = Math.min(latest, (lastEnd ? lastEnd + 30 * DAY : c.closedAt) + Math.round(d.uniform(0, 3_600_000)));
    c.erasedAt = erasedAt;
    for (const r of referrals) r.erasedAt = erasedAt;
    for (const r of referrals) {
      const consent = r.consentId ? plan.consents.findLast((s) => s.id === r.consentId) : undefined;
      if (consent) consent.erasedAt = erasedAt;
    }
  }
}

const deadlineCache = new Map<string, ReturnType<typeof referralDeadlines>>();
/** referralDeadlines (domain/referral.ts), computed once per sending day, time band and the other inputs. */
function deadlinesOf(input: Parameters<typeof referralDeadlines>[0], sent: Local): ReturnType<typeof referralDeadlines> {
  const late = sent.minute >= WORK_CLOSES;
  const key = [sent.date, late, input.receivedOn, input.urgency, input.kind, input.assessment, input.priorityClient, input.childWelfare, input.contactLegalDeadline, input.bookedOn].join('|');
  let result = deadlineCache.get(key);
  if (!result) {
    result = referralDeadlines({ ...input, sentAt: new Date(instant(sent.date, late ? 17 * 60 : 12 * 60)) });
    deadlineCache.set(key, result);
  }
  return result;
}

function toMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** Working minutes from one local time to another (0 when the second is earlier). */
function workingMinutesUntil(a: Local, b: Local): number {
  let total = 0;
  let t = workingMoment(a);
  for (let guard = 0; guard < 60 && (t.date < b.date || (t.date === b.date && t.minute < b.minute)); guard++) {
    const endOfDay = t.date === b.date ? Math.min(b.minute, WORK_CLOSES) : WORK_CLOSES;
    total += Math.max(0, endOfDay - t.minute);
    t = { date: nextWorkingDay(t.date), minute: WORK_OPENS };
  }
  return total;
}

/** A moment the line is closed on a day: before or between its slots on a working day, any time on a day off. */
function closedMinute(d: Draw, hours: Hours, day: LocalDate): Local {
  const candidates: [number, number, number][] = hours.length
    ? [[7 * 60, 9 * 60, 1.5], [11 * 60, 13 * 60, 1], [15 * 60, 17 * 60, 1.2], [17 * 60, 21 * 60, 0.4]]
    : [[8 * 60, 20 * 60, 1]];
  for (let attempt = 0; attempt < 20; attempt++) {
    const s = candidates[d.index(candidates.map(([a, b, w]) => (b - a) * w))]!;
    const minute = d.uniform(s[0], s[1]);
    if (!hours.some(([o, c]) => minute >= o && minute < c)) return { date: day, minute };
  }
  return { date: day, minute: 21 * 60 + d.uniform(0, 60) };
}

// ---------------------------------------------------------------------------------------------
// Writing it: columnar arrays, one statement per table and batch.

const BATCH = 10_000;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
const list = (xs: string[]) => xs.join(',');
const textArray = (column: string) => sql`coalesce(string_to_array(nullif(${sql.ref(column)}, ''), ','), '{}'::text[])`;

async function writePlan(trx: Transaction<DB>, countyId: string, plan: DemoPlan): Promise<Record<string, number>> {
  const col = <T, V>(rows: T[], f: (r: T) => V) => rows.map(f);
  const timings: Record<string, number> = {};
  let step = '';
  const inBatches = async <T>(rows: T[], write: (batch: T[]) => Promise<unknown>) => {
    const started = Date.now();
    for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
    timings[step] = Date.now() - started;
  };
  step = 'contact';
  // the contacts, and the first line of their timeline from what was inserted (one event each, saying it is demo data:
  // a second, closing event would cost a tenth of the load; the contact's own row says who closed it and how)
  await inBatches(plan.contacts, (b) => sql`
    with c as (
      insert into contact (id, county_id, reference, channel, phone_line_id, service_area, region_id, municipality_id, contactor, anonymous, main_reason,
        additional_reasons, urgency, received_at, received_on, respond_by, status, assigned_user_id, outcome, closed_at, closed_by_user_id, handling_seconds,
        led_to_client_relationship, triggers, repeat_contacts_30d, first_response_at, personal_data_erased_at, created_by_user_id, notification_kind,
        legal_deadline, legal_basis, language, acute, acute_reasons, acute_flagged_at, referral_returns, reached_at, reached_how, created_at, updated_at)
      select id, ${countyId}::uuid, reference, channel, line_id, service_area, region_id, municipality_id, contactor, anonymous, main_reason,
        ${textArray('additional')}, urgency, received_at, received_on, respond_by, 'closed', handler_id, outcome, closed_at, closed_by, handling,
        led, ${textArray('triggers')}, repeat30d, first_response_at, erased_at, created_by, notification_kind,
        legal_deadline, case when legal_deadline is null then null else 'lsl_26' end, language, acute, ${textArray('acute_reasons')}, acute_flagged_at,
        referral_returns, reached_at, reached_how, received_at, closed_at
      from unnest(${col(b, (c) => c.id)}::uuid[], ${col(b, (c) => c.reference)}::text[], ${col(b, (c) => c.channel)}::text[], ${col(b, (c) => c.lineId)}::uuid[],
        ${col(b, (c) => c.serviceArea)}::text[], ${col(b, (c) => c.regionId)}::uuid[], ${col(b, (c) => c.municipalityId)}::uuid[], ${col(b, (c) => c.contactor)}::text[],
        ${col(b, (c) => c.anonymous)}::boolean[], ${col(b, (c) => c.mainReason)}::text[], ${col(b, (c) => list(c.additionalReasons))}::text[],
        ${col(b, (c) => c.urgency)}::text[], ${col(b, (c) => iso(c.receivedAt))}::timestamptz[], ${col(b, (c) => c.receivedOn)}::date[], ${col(b, (c) => c.respondBy)}::date[],
        ${col(b, (c) => c.handlerId)}::uuid[], ${col(b, (c) => c.outcome)}::text[], ${col(b, (c) => iso(c.closedAt))}::timestamptz[], ${col(b, (c) => c.closedById)}::uuid[],
        ${col(b, (c) => c.handlingSeconds)}::int[], ${col(b, (c) => c.led)}::boolean[], ${col(b, (c) => list(c.triggers))}::text[], ${col(b, (c) => c.repeat30d)}::int[],
        ${col(b, (c) => iso(c.firstResponseAt))}::timestamptz[], ${col(b, (c) => iso(c.erasedAt))}::timestamptz[], ${col(b, (c) => c.createdById)}::uuid[],
        ${col(b, (c) => c.notificationKind)}::text[], ${col(b, (c) => c.legalDeadline)}::date[], ${col(b, (c) => c.language)}::text[], ${col(b, (c) => c.acute)}::boolean[],
        ${col(b, (c) => list(c.acuteReasons))}::text[], ${col(b, (c) => iso(c.acuteFlaggedAt))}::timestamptz[], ${col(b, (c) => c.referralReturns)}::int[],
        ${col(b, (c) => iso(c.reachedAt))}::timestamptz[], ${col(b, (c) => c.reachedHow)}::text[])
        as t(id, reference, channel, line_id, service_area, region_id, municipality_id, contactor, anonymous, main_reason, additional, urgency, received_at,
          received_on, respond_by, handler_id, outcome, closed_at, closed_by, handling, led, triggers, repeat30d, first_response_at, erased_at, created_by,
          notification_kind, legal_deadline, language, acute, acute_reasons, acute_flagged_at, referral_returns, reached_at, reached_how)
      returning id, channel, received_at, created_by_user_id
    )
    insert into contact_event (contact_id, at, actor_user_id, kind, details, created_at, updated_at)
    select id, received_at, created_by_user_id, 'created', jsonb_build_object('channel', channel, 'source', 'demo'), received_at, received_at
    from c`.execute(trx));

  const usernames = new Map((await trx.selectFrom('app_user').select(['id', 'username']).where('county_id', '=', countyId).execute()).map((u) => [u.id, u.username]));
  step = 'phone_call';
  await inBatches(plan.calls, (b) => sql`
    insert into phone_call (id, county_id, call_id, contact_id, state, answered_by, started_at, answered_at, ended_at, hangup_cause, created_at, updated_at)
    select id, ${countyId}::uuid, call_id, contact_id, 'ended', answered_by, started_at, answered_at, ended_at, hangup_cause, started_at, ended_at
    from unnest(${col(b, (c) => c.id)}::uuid[], ${col(b, (c) => c.callId)}::text[], ${col(b, (c) => c.contactId)}::uuid[],
      ${col(b, (c) => (c.answeredBy ? usernames.get(c.answeredBy) ?? null : null))}::text[], ${col(b, (c) => iso(c.startedAt))}::timestamptz[],
      ${col(b, (c) => iso(c.answeredAt))}::timestamptz[], ${col(b, (c) => iso(c.endedAt))}::timestamptz[], ${col(b, (c) => c.hangupCause)}::text[])
      as t(id, call_id, contact_id, answered_by, started_at, answered_at, ended_at, hangup_cause)`.execute(trx));

  step = 'callback_attempt';
  await inBatches(plan.attempts, (b) => sql`
    insert into callback_attempt (id, contact_id, at, result, user_id, created_at, updated_at)
    select id, contact_id, at, result, user_id, at, at
    from unnest(${col(b, (a) => a.id)}::uuid[], ${col(b, (a) => a.contactId)}::uuid[], ${col(b, (a) => iso(a.at))}::timestamptz[],
      ${col(b, (a) => a.result)}::text[], ${col(b, (a) => a.userId)}::uuid[]) as t(id, contact_id, at, result, user_id)`.execute(trx));

  step = 'consent';
  await inBatches(plan.consents, (b) => sql`
    insert into consent (id, contact_id, given_by, method, purpose, target, given_at, recorded_by_user_id, personal_data_erased_at, created_at, updated_at)
    select id, contact_id, 'client', 'verbal', purpose, case when erased_at is null then target else '–' end, given_at, recorded_by, erased_at, given_at, given_at
    from unnest(${col(b, (s) => s.id)}::uuid[], ${col(b, (s) => s.contactId)}::uuid[], ${col(b, (s) => s.purpose)}::text[], ${col(b, (s) => s.target)}::text[],
      ${col(b, (s) => iso(s.givenAt))}::timestamptz[], ${col(b, (s) => s.recordedById)}::uuid[], ${col(b, (s) => iso(s.erasedAt))}::timestamptz[])
      as t(id, contact_id, purpose, target, given_at, recorded_by, erased_at)`.execute(trx));

  step = 'referral';
  await inBatches(plan.referrals, (b) => sql`
    with t as (
      select * from unnest(${col(b, (r) => r.id)}::uuid[], ${col(b, (r) => r.contactId)}::uuid[], ${col(b, (r) => r.kind)}::text[], ${col(b, (r) => r.assessment)}::text[],
        ${col(b, (r) => r.unitId)}::uuid[], ${col(b, (r) => r.externalName)}::text[], ${col(b, (r) => list(r.needs))}::text[], ${col(b, (r) => r.urgency)}::text[],
        ${col(b, (r) => r.consentId)}::uuid[], ${col(b, (r) => r.legalGround)}::text[], ${col(b, (r) => iso(r.bookedAt))}::timestamptz[], ${col(b, (r) => r.status)}::text[],
        ${col(b, (r) => r.acceptBy)}::date[], ${col(b, (r) => r.contactBy)}::date[], ${col(b, (r) => r.legalDeadline)}::date[], ${col(b, (r) => r.legalBasis)}::text[],
        ${col(b, (r) => iso(r.sentAt))}::timestamptz[], ${col(b, (r) => r.sentById)}::uuid[], ${col(b, (r) => r.handlerId)}::uuid[], ${col(b, (r) => iso(r.acceptedAt))}::timestamptz[],
        ${col(b, (r) => iso(r.clientContactedAt))}::timestamptz[], ${col(b, (r) => iso(r.completedAt))}::timestamptz[], ${col(b, (r) => iso(r.returnedAt))}::timestamptz[],
        ${col(b, (r) => iso(r.cancelledAt))}::timestamptz[], ${col(b, (r) => r.outcome)}::text[], ${col(b, (r) => r.escalationLevel)}::int[],
        ${col(b, (r) => iso(r.escalatedAt))}::timestamptz[], ${col(b, (r) => iso(r.erasedAt))}::timestamptz[], ${col(b, (r) => r.language)}::text[])
        as t(id, contact_id, kind, assessment, unit_id, external_name, needs, urgency, consent_id, legal_ground, booked_at, status, accept_by, contact_by,
          legal_deadline, legal_basis, sent_at, sent_by, handler_id, accepted_at, contacted_at, completed_at, returned_at, cancelled_at, outcome,
          escalation_level, escalated_at, erased_at, language)
    ), r as (
      insert into referral (id, county_id, contact_id, kind, assessment, receiving_unit_id, external_name, summary, needs, urgency, consent_id, legal_ground,
        legal_ground_reason, booked_at, status, accept_by, contact_by, legal_deadline, legal_basis, sent_at, sent_by_user_id, handler_user_id, accepted_at,
        client_contacted_at, completed_at, returned_at, return_reason, cancelled_at, cancel_reason, outcome, escalation_level, escalated_at,
        personal_data_erased_at, created_at, updated_at)
      select id, ${countyId}::uuid, contact_id, kind, assessment, unit_id, external_name, case when erased_at is null then ${DEMO_TEXT} end, ${textArray('needs')},
        urgency, consent_id, legal_ground, case when legal_ground is not null and erased_at is null then ${DEMO_TEXT} end, booked_at, status, accept_by,
        contact_by, legal_deadline, legal_basis, sent_at, sent_by, handler_id, accepted_at, contacted_at, completed_at, returned_at,
        case when returned_at is not null and erased_at is null then ${DEMO_TEXT} end, cancelled_at,
        case when cancelled_at is not null and erased_at is null then ${DEMO_TEXT} end, outcome, escalation_level, escalated_at, erased_at, sent_at,
        coalesce(completed_at, returned_at, cancelled_at, contacted_at, accepted_at, sent_at)
      from t
      returning id
    )
    insert into referral_snapshot (referral_id, language, source, taken_at, erased_at, created_at, updated_at)
    select t.id, t.language, 'sent', t.sent_at, t.erased_at, t.sent_at, t.sent_at from t join r on r.id = t.id`.execute(trx));

  step = 'initiation';
  await inBatches(plan.initiations, (b) => sql`
    insert into initiation (id, contact_id, initiated_on, concerns, receiving_unit_id, urgent, legal_deadline, legal_basis, recorded_by_user_id, source, created_at, updated_at)
    select t.id, t.contact_id, t.initiated_on, t.concerns, t.unit_id, t.urgent, t.legal_deadline, t.legal_basis, t.recorded_by, t.source, c.received_at, c.received_at
    from unnest(${col(b, (x) => x.id)}::uuid[], ${col(b, (x) => x.contactId)}::uuid[], ${col(b, (x) => x.initiatedOn)}::date[], ${col(b, (x) => x.concerns)}::text[],
      ${col(b, (x) => x.unitId)}::uuid[], ${col(b, (x) => x.urgent)}::boolean[], ${col(b, (x) => x.legalDeadline)}::date[], ${col(b, (x) => x.legalBasis)}::text[],
      ${col(b, (x) => x.recordedById)}::uuid[], ${col(b, (x) => x.source)}::text[])
      as t(id, contact_id, initiated_on, concerns, unit_id, urgent, legal_deadline, legal_basis, recorded_by, source)
    join contact c on c.id = t.contact_id`.execute(trx));
  return timings;
}

export interface DemoHistoryResult {
  loaded: boolean;
  from: LocalDate; to: LocalDate;
  contacts: number; phoneCalls: number; callbackAttempts: number; referrals: number; initiations: number;
  seconds: number;
  /** milliseconds: planning, then writing each table */
  timings: Record<string, number>;
}

/**
 * Loads the demo history into a county, in one transaction. Does nothing (loaded: false) when
 * the county already holds demo contacts: it is loaded once, at the first start.
 */
export async function loadDemoHistory(db: Kysely<DB>, countyId: string, opts: DemoHistoryOptions = {}): Promise<DemoHistoryResult> {
  const started = Date.now();
  const ctx = await readDemoCountyContext(db, countyId);
  const plan = planDemoHistory(ctx, opts);
  let timings: Record<string, number> = { plan: Date.now() - started };
  const counts = {
    from: plan.from, to: plan.to, contacts: plan.contacts.length, phoneCalls: plan.calls.length, callbackAttempts: plan.attempts.length,
    referrals: plan.referrals.length, initiations: plan.initiations.length,
  };
  const loaded = await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('contact').select('id').where('county_id', '=', countyId).where('reference', 'like', `${DEMO_REFERENCE_PREFIX}%`).limit(1).executeTakeFirst();
    if (existing) return false;
    // synthetic history, not events that happen now: no outbox rows, no webhooks, no messages (migration 0022)
    await sql`set local opastin.outbox = 'off'`.execute(trx);
    timings = { ...timings, ...(await writePlan(trx, countyId, plan)) };
    return true;
  });
  if (loaded) {
    // fresh statistics for the planner (PGlite has no autovacuum to gather them)
    const analyzed = Date.now();
    for (const table of ['contact', 'contact_event', 'phone_call', 'callback_attempt', 'referral', 'consent', 'initiation']) await sql`analyze ${sql.table(table)}`.execute(db);
    timings.analyze = Date.now() - analyzed;
  }
  return { loaded, ...counts, seconds: (Date.now() - started) / 1000, timings };
}
