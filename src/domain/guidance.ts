/**
 * Guidance levels 2 and 3 (issue 17; domain § 3, seed 002 PAKU, seed 003 "Yhteiset herätteet").
 * Pure rules, no IO: the level transitions, when the product proposes a higher level or a
 * multi-professional meeting, the question batteries (validation of a battery and of answers
 * given under it, and the flags answers raise), follow-up dates, and when a case may close.
 *
 * Level 1 is advice and guidance (may be anonymous, no client record). Level 2 is client guidance
 * in PAKU's five steps; level 3 intensive service guidance. Levels 2 and 3 start a client
 * relationship, so they need an identified person who knows their matter is recorded.
 */
import type { Labels, TriggerCode } from './codes.js';
import { TRIGGER_CODES } from './codes.js';
import { addDays, type LocalDate } from './local-date.js';
import { addWorkingDays } from './calendar.js';

export const GUIDANCE_LEVELS = [1, 2, 3] as const;
export type GuidanceLevel = (typeof GUIDANCE_LEVELS)[number];

/** "Third vague contact in two months": this many contacts of a person … */
export const REPEAT_PROPOSAL_CONTACTS = 3;
/** … within this many days (two months), this contact included. */
export const REPEAT_PROPOSAL_DAYS = 61;
/** Follow-ups the person was not reached at that count as missed appointments (trigger 4). */
export const MISSED_FOLLOW_UPS_TRIGGER = 2;
/** "Ei luovuteta": a case closes as not reached only after this many logged outreach attempts since the person was last reached. */
export const OUTREACH_ATTEMPTS_BEFORE_CLOSING = 3;
/** When a follow-up does not reach the person, the next outreach is due this many working days later. */
export const OUTREACH_NEXT_WORKING_DAYS = 2;
/** A proposed or held meeting answers the triggers for this long; then they may propose another. */
export const MEETING_ANSWERS_TRIGGERS_DAYS = 90;
/** How far ahead a follow-up may be booked. */
export const FOLLOW_UP_MAX_DAYS_AHEAD = 366;

export const CASE_OUTCOMES = ['anchored', 'no_longer_needed', 'declined', 'moved_away', 'not_reached'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];
export const OUTREACH_METHODS = ['phone', 'letter', 'home_visit', 'via_network', 'secure_email'] as const;
export const OUTREACH_RESULTS = ['reached', 'no_answer', 'message_left', 'declined'] as const;
export type OutreachResult = (typeof OUTREACH_RESULTS)[number];
export const FOLLOW_UP_RESULTS = ['reached', 'not_reached'] as const;
export const STEP_OWNERS = ['client', 'worker', 'network'] as const;
export const GOAL_STATUSES = ['open', 'achieved', 'dropped'] as const;
/** A battery is for one service area (codes.md) or for everyone (`general`) or for families with children (`family`). */
export const BATTERY_AREAS = ['general', 'family', 'working_age', 'older_people', 'disability', 'families', 'mental_health_substance', 'health'] as const;
export const QUESTION_KINDS = ['yes_no', 'scale', 'choice', 'multi', 'text'] as const;

/** The level changes a worker can make on an open case or contact; closing the case ends levels 2–3. */
export function levelChangeError(from: GuidanceLevel, to: GuidanceLevel): 'level_unchanged' | 'level_lowering_closes' | null {
  if (from === to) return 'level_unchanged';
  if (to === 1) return 'level_lowering_closes';
  return null;
}

/** What the product knows of a person's situation when it proposes (the case's contacts together). */
export interface GuidanceFacts {
  level: GuidanceLevel;
  /** the person's contacts within REPEAT_PROPOSAL_DAYS, this one included */
  contactsInWindow: number;
  /** triggers the workers marked on the contacts */
  marked: readonly string[];
  /** follow-ups of the case at which the person was not reached */
  followUpsNotReached: number;
  /** referrals that came back to guidance or ended without help */
  referralsFailed: number;
  /** triggers raised by assessment answers */
  fromAssessments: readonly string[];
  /** a meeting proposed or held within MEETING_ANSWERS_TRIGGERS_DAYS */
  recentMeeting: boolean;
}

export interface GuidanceSignals {
  /** the multi-service triggers active now, in the order of codes.ts */
  triggers: TriggerCode[];
  /** the level the product proposes, or null (never lower than the present one) */
  proposedLevel: 2 | 3 | null;
  /** propose a multi-professional meeting (coordinated work, yhteisasiakas) */
  proposeMeeting: boolean;
}

/**
 * The multi-service triggers (domain § 10) and what they lead to. Trigger 3 (repeated contacts)
 * is counted from the contacts, 4 (missed appointments) from follow-ups not reached, 1 (help not
 * enough) also from referrals that failed; the rest are marked by workers or raised by answers.
 * Any trigger on a level 1 contact proposes level 2; two or more on level 2 propose level 3; at
 * level 3 any trigger, or two on level 2, propose a multi-professional meeting unless one was
 * proposed or held recently.
 */
export function guidanceSignals(f: GuidanceFacts): GuidanceSignals {
  const on = new Set<string>([...f.marked, ...f.fromAssessments]);
  if (f.contactsInWindow >= REPEAT_PROPOSAL_CONTACTS) on.add('repeated_contacts');
  if (f.followUpsNotReached >= MISSED_FOLLOW_UPS_TRIGGER) on.add('missed_appointments');
  if (f.referralsFailed > 0) on.add('concern_not_enough');
  const triggers = TRIGGER_CODES.filter((t) => on.has(t));
  let proposedLevel: 2 | 3 | null = null;
  if (f.level === 1 && triggers.length > 0) proposedLevel = triggers.length >= 3 ? 3 : 2;
  else if (f.level === 2 && triggers.length >= 2) proposedLevel = 3;
  const proposeMeeting = !f.recentMeeting && ((f.level === 3 && triggers.length > 0) || (f.level >= 2 && triggers.length >= 2));
  return { triggers, proposedLevel, proposeMeeting };
}

/** A follow-up's day: not in the past, not more than a year ahead. */
export function followUpDateError(dueOn: LocalDate, today: LocalDate): 'date_in_past' | 'date_too_far' | null {
  if (dueOn < today) return 'date_in_past';
  if (dueOn > addDays(today, FOLLOW_UP_MAX_DAYS_AHEAD)) return 'date_too_far';
  return null;
}

/** The next outreach when a follow-up did not reach the person. */
export const nextOutreachDay = (today: LocalDate): LocalDate => addWorkingDays(today, OUTREACH_NEXT_WORKING_DAYS);

/** Whether a case may close with an outcome: anchored needs the service; not reached needs the outreach attempts ("ei luovuteta"). */
export function closeError(outcome: CaseOutcome, c: { anchoredOn: string | null; attemptsSinceReached: number }): 'not_anchored' | 'outreach_incomplete' | null {
  if (outcome === 'anchored' && !c.anchoredOn) return 'not_anchored';
  if (outcome === 'not_reached' && c.attemptsSinceReached < OUTREACH_ATTEMPTS_BEFORE_CLOSING) return 'outreach_incomplete';
  return null;
}

/** Consecutive attempts since the person was last reached (attempts oldest first). */
export function attemptsSinceReached(results: readonly OutreachResult[]): number {
  let n = 0;
  for (const r of results) n = r === 'reached' ? 0 : n + 1;
  return n;
}

// ——— question batteries ———

export interface BatteryFlag {
  /** a stable code, e.g. low_mood, isolation */
  code: string;
  label: Labels;
  /** the multi-service trigger this flag raises, if any */
  trigger?: TriggerCode | undefined;
  /** yes_no: raised by yes */
  whenYes?: boolean | undefined;
  /** scale: raised at or above */
  atLeast?: number | undefined;
  /** scale: raised at or below */
  atMost?: number | undefined;
  /** choice / multi: raised by any of these values */
  values?: string[] | undefined;
}

export interface BatteryQuestion {
  key: string;
  kind: (typeof QUESTION_KINDS)[number];
  label: Labels;
  /** a heading the question sits under, e.g. Asuminen */
  section?: Labels | undefined;
  required: boolean;
  options?: { value: string; label: Labels }[] | undefined;
  scale?: { min: number; max: number; minLabel?: Labels | undefined; maxLabel?: Labels | undefined } | undefined;
  flag?: BatteryFlag | undefined;
}

export type Answer = boolean | number | string | string[] | null;

export interface Problem { field: string; code: string; message: string }

/** A battery's questions hang together: unique keys, options for choices, a sane scale, flags that fit their question. */
export function batteryProblems(questions: readonly BatteryQuestion[]): Problem[] {
  const out: Problem[] = [];
  const keys = new Set<string>();
  questions.forEach((q, i) => {
    const at = `body.questions.${i}`;
    if (keys.has(q.key)) out.push({ field: `${at}.key`, code: 'duplicate', message: `The key "${q.key}" is used twice.` });
    keys.add(q.key);
    const choice = q.kind === 'choice' || q.kind === 'multi';
    if (choice && (!q.options || q.options.length < 2)) out.push({ field: `${at}.options`, code: 'too_small', message: 'A choice needs at least two options.' });
    if (!choice && q.options?.length) out.push({ field: `${at}.options`, code: 'not_allowed', message: 'Only a choice has options.' });
    if (choice && q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length) out.push({ field: `${at}.options`, code: 'duplicate', message: 'Two options have the same value.' });
    if (q.kind === 'scale' && (!q.scale || q.scale.min >= q.scale.max)) out.push({ field: `${at}.scale`, code: 'invalid', message: 'A scale needs min below max.' });
    if (q.kind !== 'scale' && q.scale) out.push({ field: `${at}.scale`, code: 'not_allowed', message: 'Only a scale question has a scale.' });
    const f = q.flag;
    if (f) {
      const ok = q.kind === 'yes_no' ? f.whenYes === true
        : q.kind === 'scale' ? (f.atLeast !== undefined || f.atMost !== undefined)
          : choice ? !!f.values?.length && f.values.every((v) => q.options?.some((o) => o.value === v))
            : false;
      if (!ok) out.push({ field: `${at}.flag`, code: 'invalid', message: 'The flag does not fit its question: yes/no needs whenYes, a scale atLeast or atMost, a choice values among its options; free text raises no flag.' });
    }
  });
  return out;
}

/** Answers checked against the battery they are given under: unknown keys, wrong kinds, missing required ones. */
export function answerProblems(questions: readonly BatteryQuestion[], answers: Readonly<Record<string, Answer>>): Problem[] {
  const out: Problem[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) out.push({ field: `body.answers.${key}`, code: 'unknown_question', message: `The battery has no question "${key}".` });
  }
  for (const q of questions) {
    const a = answers[q.key];
    const field = `body.answers.${q.key}`;
    if (a === undefined || a === null || a === '' || (Array.isArray(a) && a.length === 0)) {
      if (q.required) out.push({ field, code: 'required', message: 'This question must be answered.' });
      continue;
    }
    const wrong = (message: string) => out.push({ field, code: 'invalid_answer', message });
    switch (q.kind) {
      case 'yes_no': if (typeof a !== 'boolean') wrong('Answer yes (true) or no (false).'); break;
      case 'scale':
        if (typeof a !== 'number' || !Number.isInteger(a) || a < q.scale!.min || a > q.scale!.max) wrong(`A whole number from ${q.scale!.min} to ${q.scale!.max}.`);
        break;
      case 'choice': if (typeof a !== 'string' || !q.options!.some((o) => o.value === a)) wrong('One of the options.'); break;
      case 'multi':
        if (!Array.isArray(a) || !a.every((v) => typeof v === 'string' && q.options!.some((o) => o.value === v)) || new Set(a).size !== a.length) wrong('Some of the options, each once.');
        break;
      case 'text': if (typeof a !== 'string' || a.length > 2000) wrong('Text of at most 2 000 characters.'); break;
    }
  }
  return out;
}

/** The flags the answers raise, in the battery's order (valid answers assumed). */
export function flagsOf(questions: readonly BatteryQuestion[], answers: Readonly<Record<string, Answer>>): { code: string; label: Labels; question: string; trigger: TriggerCode | null }[] {
  const out: { code: string; label: Labels; question: string; trigger: TriggerCode | null }[] = [];
  for (const q of questions) {
    const f = q.flag;
    const a = answers[q.key];
    if (!f || a === undefined || a === null) continue;
    const raised = q.kind === 'yes_no' ? a === true && f.whenYes === true
      : q.kind === 'scale' ? typeof a === 'number' && ((f.atLeast !== undefined && a >= f.atLeast) || (f.atMost !== undefined && a <= f.atMost))
        : q.kind === 'choice' ? typeof a === 'string' && !!f.values?.includes(a)
          : q.kind === 'multi' ? Array.isArray(a) && a.some((v) => f.values?.includes(v))
            : false;
    if (raised && !out.some((o) => o.code === f.code)) out.push({ code: f.code, label: f.label, question: q.key, trigger: f.trigger ?? null });
  }
  return out;
}
