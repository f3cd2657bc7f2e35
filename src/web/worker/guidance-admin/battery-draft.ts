/**
 * The battery editor's draft (issue 17, "forms are data"): a battery version as the editor holds
 * it (text as typed, a stable uid on every question and option so that moving one keeps its
 * focus and its errors), the body `POST /api/guidance/batteries` takes, and the checks made before
 * sending. Pure: no React, no IO; the shared domain's own battery checks (batteryProblems) run
 * here too, so the editor and the server agree.
 *
 * Error keys name a field by its uids, not its index: `questions.q3.options.o7.value`. The
 * server's `body.questions.2.options.1.value` is turned into that form against the draft it was
 * sent from (`uidPath`), so an error stays with its field when a question moves.
 */
import type { z } from 'zod';
import { batteryProblems, BATTERY_AREAS, QUESTION_KINDS, type BatteryQuestion } from '../../../domain/guidance';
import type { Battery, batteryInputSchema } from '../../../server/features/guidance/guidance.schemas';

export type BatteryInput = z.input<typeof batteryInputSchema>;
type QuestionInput = BatteryInput['questions'][number];
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export type BatteryArea = (typeof BATTERY_AREAS)[number];
export type LangKey = 'fi' | 'sv' | 'en';
export const LANG_KEYS: LangKey[] = ['fi', 'sv', 'en'];
export type LabelsDraft = Record<LangKey, string>;

export interface OptionDraft { uid: string; value: string; label: LabelsDraft }
export interface FlagDraft {
  code: string; label: LabelsDraft; trigger: string; atLeast: string; atMost: string;
  /** the uids of the options that raise the flag (a renamed option stays chosen) */
  values: string[];
}
export interface QuestionDraft {
  uid: string; key: string; kind: QuestionKind; label: LabelsDraft; section: LabelsDraft; required: boolean;
  options: OptionDraft[];
  scale: { min: string; max: string; minLabel: LabelsDraft; maxLabel: LabelsDraft };
  flagOn: boolean; flag: FlagDraft;
}
export interface BatteryDraft {
  /** a new version of an existing code, or a battery with a new code */
  mode: 'version' | 'new';
  /** the version it starts from (mode 'version') */
  base: { id: string; version: number } | null;
  code: string; area: BatteryArea; title: LabelsDraft; questions: QuestionDraft[];
}

/** A field's error key → its message (or a code to put in words). */
export type DraftErrors = Record<string, { code: string; message?: string }>;

let counter = 0;
const uid = (prefix: string) => `${prefix}${++counter}`;
export const emptyLabels = (): LabelsDraft => ({ fi: '', sv: '', en: '' });
const labelsOf = (l: { fi: string; sv: string; en: string } | undefined): LabelsDraft => (l ? { fi: l.fi, sv: l.sv, en: l.en } : emptyLabels());

export const isChoice = (kind: QuestionKind) => kind === 'choice' || kind === 'multi';
export const emptyOption = (): OptionDraft => ({ uid: uid('o'), value: '', label: emptyLabels() });

export function emptyQuestion(): QuestionDraft {
  return {
    uid: uid('q'), key: '', kind: 'yes_no', label: emptyLabels(), section: emptyLabels(), required: false,
    options: [], scale: { min: '0', max: '3', minLabel: emptyLabels(), maxLabel: emptyLabels() },
    flagOn: false, flag: { code: '', label: emptyLabels(), trigger: '', atLeast: '', atMost: '', values: [] },
  };
}

/** A question's kind changed: a choice gets two empty options to fill in, if it had none. */
export function withKind(q: QuestionDraft, kind: QuestionKind): QuestionDraft {
  const options = isChoice(kind) && q.options.length === 0 ? [emptyOption(), emptyOption()] : q.options;
  return { ...q, kind, options, flagOn: kind === 'text' ? false : q.flagOn };
}

function questionDraft(q: BatteryQuestion | QuestionInput): QuestionDraft {
  const options = (q.options ?? []).map((o) => ({ uid: uid('o'), value: o.value, label: labelsOf(o.label) }));
  const f = q.flag;
  return {
    uid: uid('q'), key: q.key, kind: q.kind, label: labelsOf(q.label), section: labelsOf(q.section), required: q.required ?? false,
    options,
    scale: {
      min: q.scale ? String(q.scale.min) : '0', max: q.scale ? String(q.scale.max) : '3',
      minLabel: labelsOf(q.scale?.minLabel), maxLabel: labelsOf(q.scale?.maxLabel),
    },
    flagOn: !!f,
    flag: {
      code: f?.code ?? '', label: labelsOf(f?.label), trigger: f?.trigger ?? '',
      atLeast: f?.atLeast === undefined ? '' : String(f.atLeast), atMost: f?.atMost === undefined ? '' : String(f.atMost),
      values: options.filter((o) => f?.values?.includes(o.value)).map((o) => o.uid),
    },
  };
}

/** A new version that starts as a copy of `b` (its code stays). */
export function draftFromBattery(b: Battery): BatteryDraft {
  return {
    mode: 'version', base: { id: b.id, version: b.version }, code: b.code, area: b.area, title: labelsOf(b.title),
    questions: b.questions.map(questionDraft),
  };
}

/** A battery with a new code: one empty question to start from. */
export function newBatteryDraft(): BatteryDraft {
  return { mode: 'new', base: null, code: '', area: 'general', title: emptyLabels(), questions: [emptyQuestion()] };
}

const trimmed = (l: LabelsDraft) => ({ fi: l.fi.trim(), sv: l.sv.trim(), en: l.en.trim() });
const anyText = (l: LabelsDraft) => LANG_KEYS.some((k) => l[k].trim() !== '');
/** A whole number as typed ("3", " 2 "), else NaN ("" too). */
export const wholeNumber = (text: string) => (/^-?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN);

/** The body of `POST /api/guidance/batteries`: only what the question's kind uses (a choice's options, a scale's ends, the flag's condition). */
export function toInput(d: BatteryDraft): BatteryInput {
  return {
    code: d.code.trim(), area: d.area, title: trimmed(d.title),
    questions: d.questions.map((q): QuestionInput => {
      const out: QuestionInput = { key: q.key.trim(), kind: q.kind, label: trimmed(q.label), required: q.required };
      if (anyText(q.section)) out.section = trimmed(q.section);
      if (isChoice(q.kind)) out.options = q.options.map((o) => ({ value: o.value.trim(), label: trimmed(o.label) }));
      if (q.kind === 'scale') {
        out.scale = {
          min: wholeNumber(q.scale.min), max: wholeNumber(q.scale.max),
          ...(anyText(q.scale.minLabel) ? { minLabel: trimmed(q.scale.minLabel) } : {}),
          ...(anyText(q.scale.maxLabel) ? { maxLabel: trimmed(q.scale.maxLabel) } : {}),
        };
      }
      if (q.flagOn && q.kind !== 'text') {
        const f = q.flag;
        out.flag = {
          code: f.code.trim(), label: trimmed(f.label),
          ...(f.trigger ? { trigger: f.trigger as NonNullable<QuestionInput['flag']>['trigger'] } : {}),
          ...(q.kind === 'yes_no' ? { whenYes: true as const } : {}),
          ...(q.kind === 'scale' && f.atLeast.trim() !== '' ? { atLeast: wholeNumber(f.atLeast) } : {}),
          ...(q.kind === 'scale' && f.atMost.trim() !== '' ? { atMost: wholeNumber(f.atMost) } : {}),
          ...(isChoice(q.kind) ? { values: q.options.filter((o) => f.values.includes(o.uid)).map((o) => o.value.trim()) } : {}),
        };
      }
      return out;
    }),
  };
}

const CODE = /^[a-z][a-z0-9_]{0,39}$/;
const OPTION_VALUE = /^[a-z0-9_]{1,40}$/;
const LABEL_MAX = 300;

/**
 * `body.questions.2.options.1.value` (the server's, or batteryProblems') as the draft's key
 * `questions.q3.options.o7.value`, against the draft the body was made from. A question or option
 * no longer there falls back to its parent.
 */
export function uidPath(field: string, d: BatteryDraft): string {
  const parts = field.replace(/^body\.?/, '').split('.').filter((p) => p !== '');
  if (parts[0] !== 'questions' || parts.length < 2) return parts.join('.');
  const q = d.questions[Number(parts[1])];
  if (!q || !/^\d+$/.test(parts[1]!)) return 'questions';
  const rest = parts.slice(2);
  if (rest[0] === 'options' && rest.length >= 2) {
    const o = /^\d+$/.test(rest[1]!) ? q.options[Number(rest[1])] : undefined;
    return o ? ['questions', q.uid, 'options', o.uid, ...rest.slice(2)].join('.') : ['questions', q.uid, 'options'].join('.');
  }
  return ['questions', q.uid, ...rest].join('.');
}

/**
 * What to fix before sending, keyed as the draft's fields: codes and keys in their form, every
 * label in all three languages (a section or a scale's end: all three or none), a choice's
 * options, a scale's whole-number ends, a flag's condition; then the shared domain's checks
 * (keys used twice, two options with one value, a flag that does not fit its question).
 * `takenCodes`: the codes in use, which a new battery may not take.
 */
export function draftProblems(d: BatteryDraft, takenCodes: readonly string[] = []): DraftErrors {
  const out: DraftErrors = {};
  const add = (key: string, code: string) => { out[key] ??= { code }; };
  const labels = (key: string, l: LabelsDraft, optional = false) => {
    if (optional && !anyText(l)) return;
    for (const k of LANG_KEYS) {
      const v = l[k].trim();
      if (!v) add(`${key}.${k}`, optional ? 'all_languages' : 'required');
      else if (v.length > LABEL_MAX) add(`${key}.${k}`, 'too_long');
    }
  };
  if (d.mode === 'new') {
    const code = d.code.trim();
    if (!code) add('code', 'required');
    else if (!CODE.test(code)) add('code', 'invalid_format');
    else if (takenCodes.includes(code)) add('code', 'taken');
  }
  labels('title', d.title);
  if (d.questions.length === 0) add('questions', 'too_small');
  if (d.questions.length > 80) add('questions', 'too_big');
  for (const q of d.questions) {
    const p = `questions.${q.uid}`;
    const key = q.key.trim();
    if (!key) add(`${p}.key`, 'required');
    else if (!CODE.test(key)) add(`${p}.key`, 'invalid_format');
    labels(`${p}.label`, q.label);
    labels(`${p}.section`, q.section, true);
    if (isChoice(q.kind)) {
      for (const o of q.options) {
        const value = o.value.trim();
        if (!value) add(`${p}.options.${o.uid}.value`, 'required');
        else if (!OPTION_VALUE.test(value)) add(`${p}.options.${o.uid}.value`, 'invalid_format');
        labels(`${p}.options.${o.uid}.label`, o.label);
      }
      if (q.options.length > 20) add(`${p}.options`, 'too_big');
    }
    if (q.kind === 'scale') {
      const min = wholeNumber(q.scale.min);
      const max = wholeNumber(q.scale.max);
      if (!Number.isInteger(min) || min < 0 || min > 10) add(`${p}.scale.min`, 'scale_end');
      if (!Number.isInteger(max) || max < 0 || max > 10) add(`${p}.scale.max`, 'scale_end');
      labels(`${p}.scale.minLabel`, q.scale.minLabel, true);
      labels(`${p}.scale.maxLabel`, q.scale.maxLabel, true);
    }
    if (q.flagOn && q.kind !== 'text') {
      const f = q.flag;
      const code = f.code.trim();
      if (!code) add(`${p}.flag.code`, 'required');
      else if (!CODE.test(code)) add(`${p}.flag.code`, 'invalid_format');
      labels(`${p}.flag.label`, f.label);
      if (q.kind === 'scale') {
        const least = f.atLeast.trim() === '' ? null : wholeNumber(f.atLeast);
        const most = f.atMost.trim() === '' ? null : wholeNumber(f.atMost);
        if (least !== null && !Number.isInteger(least)) add(`${p}.flag.atLeast`, 'whole_number');
        if (most !== null && !Number.isInteger(most)) add(`${p}.flag.atMost`, 'whole_number');
        if (least === null && most === null) add(`${p}.flag.atLeast`, 'flag_condition');
      }
      if (isChoice(q.kind) && !q.options.some((o) => f.values.includes(o.uid))) add(`${p}.flag.values`, 'flag_condition');
    }
  }
  // the shared rules (the server runs the same): only where the fields themselves are in order
  const input = toInput(d);
  const problems = batteryProblems(input.questions.map((q) => ({ ...q, required: q.required ?? false })) as BatteryQuestion[]);
  for (const problem of problems) {
    const key = uidPath(problem.field, d);
    if (!Object.keys(out).some((k) => k === key || k.startsWith(`${key}.`))) add(key, problem.code);
  }
  return out;
}

/** Moves the item at `from` by `by` places (−1 up, +1 down); the same array when it cannot move. */
export function moved<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}
