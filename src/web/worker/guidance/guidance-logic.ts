/**
 * The guidance pages' rules without React (issue 17): a battery's questions grouped under their
 * headings, the form's strings turned into the answers the API takes, an answer in words, the plan
 * and a meeting's participants as the API takes them, and which levels a worker may choose.
 * The server checks everything again; these only shape what the worker sees and sends.
 */
import type { Battery, GuidanceCase } from '../../../server/features/guidance/guidance.schemas';

type Lang = 'fi' | 'sv' | 'en';
export type Question = Battery['questions'][number];
export type Answer = boolean | number | string | string[] | null;
/** What the assessment form holds: a radio's value as a string, a multi's values, a text. */
export type FormAnswers = Record<string, string | string[]>;

/** Consecutive questions under the same heading, in the battery's order (a heading may come back later: a new group). */
export function groupBySection(questions: readonly Question[], lang: Lang): { title: string | null; questions: Question[] }[] {
  const out: { title: string | null; questions: Question[] }[] = [];
  for (const q of questions) {
    const title = q.section?.[lang] ?? null;
    const last = out.at(-1);
    if (last && last.title === title) last.questions.push(q);
    else out.push({ title, questions: [q] });
  }
  return out;
}

/** The radio values of a question: yes/no as `yes`/`no`, a scale's numbers, a choice's option values. */
export function radioValues(q: Question): string[] {
  if (q.kind === 'yes_no') return ['yes', 'no'];
  if (q.kind === 'scale' && q.scale) return Array.from({ length: q.scale.max - q.scale.min + 1 }, (_, i) => String(q.scale!.min + i));
  if (q.kind === 'choice') return (q.options ?? []).map((o) => o.value);
  return [];
}

/** The form's strings as the API's answers: yes/no as booleans, a scale as a number; unanswered questions left out. */
export function toAnswers(questions: readonly Question[], form: FormAnswers): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of questions) {
    const v = form[q.key];
    if (v === undefined) continue;
    if (Array.isArray(v)) { if (v.length) out[q.key] = [...v]; continue; }
    const s = q.kind === 'text' ? v.trim() : v;
    if (s === '') continue;
    if (q.kind === 'yes_no') out[q.key] = s === 'yes';
    else if (q.kind === 'scale') out[q.key] = Number(s);
    else out[q.key] = s;
  }
  return out;
}

/** An answer given earlier, in words, under the battery version it was given under; null when the question was not answered. */
export function answerText(q: Question, answer: unknown, lang: Lang, words: { yes: string; no: string }): string | null {
  if (answer === undefined || answer === null || answer === '' || (Array.isArray(answer) && answer.length === 0)) return null;
  const option = (v: unknown) => q.options?.find((o) => o.value === v)?.label[lang] ?? String(v);
  switch (q.kind) {
    case 'yes_no': return answer === true ? words.yes : answer === false ? words.no : String(answer);
    case 'scale': {
      const end = answer === q.scale?.min ? q.scale?.minLabel?.[lang] : answer === q.scale?.max ? q.scale?.maxLabel?.[lang] : undefined;
      return end ? `${String(answer)} (${end})` : String(answer);
    }
    case 'choice': return option(answer);
    case 'multi': return Array.isArray(answer) ? answer.map(option).join(', ') : option(answer);
    default: return typeof answer === 'string' ? answer : JSON.stringify(answer);
  }
}

/** The levels a worker may raise a contact to from its present level (never lower: lowering is the case's own). */
export const raiseOptions = (level: 1 | 2 | 3): (2 | 3)[] => ([2, 3] as const).filter((l) => l > level);

export interface GoalRow { text: string; status: 'open' | 'achieved' | 'dropped' }
export interface StepRow { text: string; service: string; owner: 'client' | 'worker' | 'network'; dueOn: string; done: boolean }
export interface ParticipantRow { name: string; organisation: string; role: string }

export const emptyGoal = (): GoalRow => ({ text: '', status: 'open' });
export const emptyStep = (): StepRow => ({ text: '', service: '', owner: 'client', dueOn: '', done: false });
export const emptyParticipant = (): ParticipantRow => ({ name: '', organisation: '', role: '' });

/** The plan form's rows from the case's plan (or one empty goal to start with). */
export function planRows(plan: GuidanceCase['plan']): { goals: GoalRow[]; steps: StepRow[]; agreed: boolean } {
  if (!plan) return { goals: [emptyGoal()], steps: [], agreed: false };
  return {
    goals: plan.goals.length ? plan.goals.map((g) => ({ text: g.text, status: g.status })) : [emptyGoal()],
    steps: plan.steps.map((s) => ({ text: s.text, service: s.service ?? '', owner: s.owner, dueOn: s.dueOn ?? '', done: s.done })),
    agreed: plan.agreedWithPerson,
  };
}

/**
 * The plan as the API takes it: empty rows dropped, the rest trimmed. The rows' indexes are kept in
 * `goalIndex`/`stepIndex` so that a field error (`goals.1.text`) finds its row on the form.
 */
export function planBody(goals: readonly GoalRow[], steps: readonly StepRow[], agreed: boolean) {
  const keptGoals = goals.map((g, i) => ({ g, i })).filter(({ g }) => g.text.trim() !== '');
  const keptSteps = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.text.trim() !== '' || s.service.trim() !== '' || s.dueOn !== '');
  return {
    body: {
      goals: keptGoals.map(({ g }) => ({ text: g.text.trim(), status: g.status })),
      steps: keptSteps.map(({ s }) => ({ text: s.text.trim(), service: s.service.trim() || null, owner: s.owner, dueOn: s.dueOn || null, done: s.done })),
      agreedWithPerson: agreed,
    },
    goalIndex: keptGoals.map(({ i }) => i),
    stepIndex: keptSteps.map(({ i }) => i),
  };
}

/** A meeting's participants as the API takes them: rows with neither name nor organisation dropped, role optional. */
export function participantsBody(rows: readonly ParticipantRow[]): { name: string; organisation: string; role: string | null }[] {
  return rows
    .filter((r) => r.name.trim() !== '' || r.organisation.trim() !== '')
    .map((r) => ({ name: r.name.trim(), organisation: r.organisation.trim(), role: r.role.trim() || null }));
}

/**
 * A field error of the API on the form's own row: `goals.2.text` of the sent body is the form's row
 * `index[2]`. Returns the errors keyed as the form names its fields (`goals.<row>.text`).
 */
export function rowErrors(errors: Record<string, string>, prefix: string, index: readonly number[]): Record<string, string> {
  const out: Record<string, string> = {};
  const re = new RegExp(`^${prefix}\\.(\\d+)(\\..+)?$`);
  for (const [key, text] of Object.entries(errors)) {
    const m = re.exec(key);
    if (!m) continue;
    const row = index[Number(m[1])];
    if (row !== undefined) out[`${prefix}.${row}${m[2] ?? ''}`] = text;
  }
  return out;
}

/** "Three or more contacts in two months": the ordinal of this contact when the trigger is the repeat one. */
export function repeatOrdinal(contactsInWindow: number): number | null {
  return contactsInWindow >= 3 ? contactsInWindow : null;
}

/** A case's follow-ups: the open ones soonest first, then the done ones newest first. */
export function sortFollowUps<T extends { dueOn: string; doneAt: string | null; cancelledAt?: string | null }>(items: readonly T[]): { open: T[]; done: T[] } {
  // cancelled (the case closed first) sit with the done ones, by when they ended
  const ended = (f: T) => f.doneAt ?? f.cancelledAt ?? null;
  const open = items.filter((f) => !ended(f)).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const done = items.filter((f) => ended(f)).sort((a, b) => (ended(b) ?? '').localeCompare(ended(a) ?? ''));
  return { open, done };
}
