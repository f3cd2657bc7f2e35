import { describe, expect, it } from 'vitest';
import { DEFAULT_BATTERIES } from '../../../domain/guidance-batteries';
import { batteryProblems, type BatteryQuestion } from '../../../domain/guidance';
import type { Battery } from '../../../server/features/guidance/guidance.schemas';
import { draftFromBattery, draftProblems, emptyOption, moved, newBatteryDraft, toInput, uidPath, withKind, type BatteryDraft } from './battery-draft';

const asBattery = (b: (typeof DEFAULT_BATTERIES)[number], version = 1): Battery => ({
  id: '00000000-0000-4000-8000-000000000001', code: b.code, version, area: b.area as Battery['area'], title: b.title,
  questions: b.questions as Battery['questions'], current: true, createdAt: '2026-11-23T08:00:00.000Z', answered: 0,
});

describe('the battery editor draft', () => {
  it('gives back every default battery unchanged when nothing is edited, and finds nothing to fix in it', () => {
    for (const b of DEFAULT_BATTERIES) {
      const draft = draftFromBattery(asBattery(b));
      expect(draftProblems(draft), b.code).toEqual({});
      const input = toInput(draft);
      expect(input.code).toBe(b.code);
      expect(input.title).toEqual(b.title);
      // the same questions: optional parts that were absent stay absent
      expect(JSON.parse(JSON.stringify(input.questions))).toEqual(JSON.parse(JSON.stringify(b.questions)));
    }
  });

  it('asks for a new battery\'s code, title in three languages and its first question', () => {
    const problems = draftProblems(newBatteryDraft());
    const q = newBatteryDraft();
    expect(problems.code).toEqual({ code: 'required' });
    expect(problems['title.fi']).toEqual({ code: 'required' });
    expect(problems['title.sv']).toEqual({ code: 'required' });
    expect(Object.keys(problems).some((k) => /^questions\.q\d+\.key$/.test(k))).toBe(true);
    expect(draftProblems({ ...q, code: 'first_assessment' }, ['first_assessment']).code).toEqual({ code: 'taken' });
    expect(draftProblems({ ...q, code: '1st' }).code).toEqual({ code: 'invalid_format' });
  });

  it('marks the second of two questions with one key, at that question (by its uid), as the domain rule does', () => {
    const draft = draftFromBattery(asBattery(DEFAULT_BATTERIES[0]!));
    const second = draft.questions[1]!;
    const edited: BatteryDraft = { ...draft, questions: draft.questions.map((q) => (q.uid === second.uid ? { ...q, key: draft.questions[0]!.key } : q)) };
    expect(draftProblems(edited)).toEqual({ [`questions.${second.uid}.key`]: { code: 'duplicate' } });
    expect(batteryProblems(toInput(edited).questions as BatteryQuestion[])[0]!.field).toBe('body.questions.1.key');
  });

  it('keeps a flag on its options when they are renamed, and asks for one when none is chosen', () => {
    const draft = draftFromBattery(asBattery(DEFAULT_BATTERIES[0]!));
    const housing = draft.questions.find((q) => q.key === 'housing')!;
    const renamed = { ...housing, options: housing.options.map((o) => (o.value === 'no_home' ? { ...o, value: 'homeless' } : o)) };
    const input = toInput({ ...draft, questions: draft.questions.map((q) => (q.uid === housing.uid ? renamed : q)) });
    expect(input.questions.find((q) => q.key === 'housing')!.flag!.values).toEqual(['eviction_threat', 'homeless']);
    const none = { ...housing, flag: { ...housing.flag, values: [] } };
    expect(draftProblems({ ...draft, questions: [none] })[`questions.${housing.uid}.flag.values`]).toEqual({ code: 'flag_condition' });
  });

  it('sends only what a question\'s kind uses: a yes/no question turned into a choice gets two options to fill in', () => {
    const draft = draftFromBattery(asBattery(DEFAULT_BATTERIES[0]!));
    const alone = draft.questions.find((q) => q.key === 'alone')!;
    const choice = withKind(alone, 'choice');
    expect(choice.options).toHaveLength(2);
    const problems = draftProblems({ ...draft, questions: [choice] });
    expect(problems[`questions.${alone.uid}.options.${choice.options[0]!.uid}.value`]).toEqual({ code: 'required' });
    expect(problems[`questions.${alone.uid}.flag.values`]).toEqual({ code: 'flag_condition' });
    const text = withKind(alone, 'text');
    const sent = toInput({ ...draft, questions: [text] }).questions[0]!;
    expect(sent.flag).toBeUndefined();
    expect(sent.options).toBeUndefined();
    expect(sent.scale).toBeUndefined();
  });

  it('asks for a scale\'s ends as whole numbers 0–10 and for a section in all three languages or none', () => {
    const draft = draftFromBattery(asBattery(DEFAULT_BATTERIES[0]!));
    const mood = draft.questions.find((q) => q.key === 'mood')!;
    const bad = { ...mood, scale: { ...mood.scale, min: 'x', max: '11' }, section: { fi: 'Jaksaminen', sv: '', en: '' } };
    const problems = draftProblems({ ...draft, questions: [bad] });
    expect(problems[`questions.${mood.uid}.scale.min`]).toEqual({ code: 'scale_end' });
    expect(problems[`questions.${mood.uid}.scale.max`]).toEqual({ code: 'scale_end' });
    expect(problems[`questions.${mood.uid}.section.sv`]).toEqual({ code: 'all_languages' });
    const upside = { ...mood, scale: { ...mood.scale, min: '3', max: '0' } };
    expect(draftProblems({ ...draft, questions: [upside] })[`questions.${mood.uid}.scale`]).toEqual({ code: 'invalid' });
  });

  it('turns the server\'s field paths into the draft\'s, so an error follows its question when it moves', () => {
    const draft = draftFromBattery(asBattery(DEFAULT_BATTERIES[0]!));
    const q = draft.questions[4]!;
    expect(uidPath('body.questions.4.label.sv', draft)).toBe(`questions.${q.uid}.label.sv`);
    expect(uidPath('body.questions.4.options.1.value', draft)).toBe(`questions.${q.uid}.options.${q.options[1]!.uid}.value`);
    expect(uidPath('body.questions.4.options.99.value', draft)).toBe(`questions.${q.uid}.options`);
    expect(uidPath('body.questions.999.key', draft)).toBe('questions');
    expect(uidPath('body.title.fi', draft)).toBe('title.fi');
    expect(uidPath('body', draft)).toBe('');
  });

  it('moves a question one place and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(emptyOption().uid).not.toBe(emptyOption().uid);
  });
});
