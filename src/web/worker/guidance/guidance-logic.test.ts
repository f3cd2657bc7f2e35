import { describe, expect, it } from 'vitest';
import { DEFAULT_BATTERIES } from '../../../domain/guidance-batteries';
import {
  answerText, emptyStep, groupBySection, participantsBody, planBody, planRows, radioValues, raiseOptions, repeatOrdinal, rowErrors, sortFollowUps, toAnswers, type Question,
} from './guidance-logic';

// the seeded battery as the API serves it (the domain's type allows `whenYes: false`, the contract only true)
const first = DEFAULT_BATTERIES.find((b) => b.code === 'first_assessment')!.questions as unknown as Question[];
const q = (key: string) => first.find((x) => x.key === key)!;
const words = { yes: 'Kyllä', no: 'Ei' };

describe('a battery on the form', () => {
  it('groups consecutive questions under their heading, in the battery\'s order', () => {
    const groups = groupBySection(first, 'fi');
    expect(groups.map((g) => g.title)).toEqual(['Jaksaminen ja mieliala', 'Ihmissuhteet ja arki', 'Asuminen ja toimeentulo', 'Työ, opiskelu ja terveys', 'Palvelut nyt']);
    expect(groups[0]!.questions.map((x) => x.key)).toEqual(['mood', 'interest']);
    expect(groups.flatMap((g) => g.questions)).toHaveLength(first.length);
    expect(groupBySection(first, 'sv')[0]!.title).toBe('Ork och sinnesstämning');
  });

  it('a heading that comes back after another starts a new group; a question without a heading has none', () => {
    const qs = [q('mood'), q('alone'), q('interest'), { ...q('own_words'), section: undefined }];
    expect(groupBySection(qs, 'fi').map((g) => [g.title, g.questions.length])).toEqual([
      ['Jaksaminen ja mieliala', 1], ['Ihmissuhteet ja arki', 1], ['Jaksaminen ja mieliala', 1], [null, 1],
    ]);
  });

  it('radio values: yes/no, each step of a scale, the options of a choice; none for multi and text', () => {
    expect(radioValues(q('alone'))).toEqual(['yes', 'no']);
    expect(radioValues(q('mood'))).toEqual(['0', '1', '2', '3']);
    expect(radioValues(q('housing'))).toEqual(['own_or_rented', 'eviction_threat', 'no_home', 'other']);
    expect(radioValues(q('services_in_use'))).toEqual([]);
    expect(radioValues(q('own_words'))).toEqual([]);
  });

  it('turns the form\'s strings into the API\'s answers and leaves unanswered questions out', () => {
    expect(toAnswers(first, { mood: '3', interest: '2', alone: 'yes', money: 'no', housing: 'own_or_rented', services_in_use: ['kela', 'none'], own_words: '  Haluan ihmisten pariin ', daily_life: '' }))
      .toEqual({ mood: 3, interest: 2, alone: true, money: false, housing: 'own_or_rented', services_in_use: ['kela', 'none'], own_words: 'Haluan ihmisten pariin' });
    expect(toAnswers(first, { services_in_use: [], own_words: '   ' })).toEqual({});
    // a key the battery does not have is not sent
    expect(toAnswers(first, { nothing: 'yes' })).toEqual({});
  });
});

describe('an earlier answer in words', () => {
  it('yes/no, a scale with its end labels, a choice and a multi by their labels, text as it is', () => {
    expect(answerText(q('alone'), true, 'fi', words)).toBe('Kyllä');
    expect(answerText(q('alone'), false, 'fi', words)).toBe('Ei');
    expect(answerText(q('mood'), 3, 'fi', words)).toBe('3 (Lähes joka päivä)');
    expect(answerText(q('mood'), 0, 'en', words)).toBe('0 (Not at all)');
    expect(answerText(q('mood'), 2, 'fi', words)).toBe('2');
    expect(answerText(q('housing'), 'no_home', 'sv', words)).toBe('Ingen bostad');
    expect(answerText(q('services_in_use'), ['kela', 'ngo'], 'fi', words)).toBe('Kela, Järjestö tai seurakunta');
    expect(answerText(q('own_words'), 'Töihin', 'fi', words)).toBe('Töihin');
  });

  it('an option a later version no longer has is shown by its value; unanswered is null', () => {
    expect(answerText(q('housing'), 'caravan', 'fi', words)).toBe('caravan');
    for (const a of [undefined, null, '', []]) expect(answerText(q('services_in_use'), a, 'fi', words)).toBeNull();
  });
});

describe('levels, the plan and meetings', () => {
  it('a contact is raised only upwards from its level', () => {
    expect(raiseOptions(1)).toEqual([2, 3]);
    expect(raiseOptions(2)).toEqual([3]);
    expect(raiseOptions(3)).toEqual([]);
  });

  it('the plan form starts with one empty goal; an existing plan fills it', () => {
    expect(planRows(null)).toEqual({ goals: [{ text: '', status: 'open' }], steps: [], agreed: false });
    const rows = planRows({
      version: 2, goals: [{ text: 'Töihin', status: 'open' }], agreedWithPerson: true, by: 'Olli', at: '2026-11-23T08:00:00Z',
      steps: [{ text: 'Hae', service: null, owner: 'worker', dueOn: null, done: false }],
    });
    expect(rows.steps).toEqual([{ text: 'Hae', service: '', owner: 'worker', dueOn: '', done: false }]);
    expect(rows.agreed).toBe(true);
  });

  it('sends the plan without empty rows, trimmed, and finds a field error\'s row on the form', () => {
    const { body, goalIndex, stepIndex } = planBody(
      [{ text: ' ', status: 'open' }, { text: ' Haluan töihin ', status: 'open' }],
      [emptyStep(), { text: 'Kuntouttava työtoiminta', service: ' Kuntouttava työtoiminta ', owner: 'worker', dueOn: '2026-12-07', done: false }],
      true,
    );
    expect(body).toEqual({
      goals: [{ text: 'Haluan töihin', status: 'open' }],
      steps: [{ text: 'Kuntouttava työtoiminta', service: 'Kuntouttava työtoiminta', owner: 'worker', dueOn: '2026-12-07', done: false }],
      agreedWithPerson: true,
    });
    expect(goalIndex).toEqual([1]);
    expect(stepIndex).toEqual([1]);
    expect(rowErrors({ 'steps.0.dueOn': 'Päivä ei kelpaa', goals: 'Kirjaa tavoite', other: 'x' }, 'steps', stepIndex)).toEqual({ 'steps.1.dueOn': 'Päivä ei kelpaa' });
  });

  it('a step with only a due day is kept (the server names the missing text)', () => {
    expect(planBody([], [{ ...emptyStep(), dueOn: '2026-12-01' }], false).body.steps).toHaveLength(1);
  });

  it('participants: empty rows dropped, a role left empty is null', () => {
    expect(participantsBody([
      { name: ' Tiina Työvalmentaja ', organisation: 'Työllisyyspalvelut', role: '' },
      { name: '', organisation: '', role: 'x' },
      { name: 'Jaska', organisation: 'itse', role: 'asiakas' },
    ])).toEqual([
      { name: 'Tiina Työvalmentaja', organisation: 'Työllisyyspalvelut', role: null },
      { name: 'Jaska', organisation: 'itse', role: 'asiakas' },
    ]);
  });

  it('the repeat trigger counts from the third contact', () => {
    expect(repeatOrdinal(2)).toBeNull();
    expect(repeatOrdinal(3)).toBe(3);
    expect(repeatOrdinal(5)).toBe(5);
  });

  it('open follow-ups soonest first, done ones newest first', () => {
    const f = (dueOn: string, doneAt: string | null) => ({ dueOn, doneAt });
    const { open, done } = sortFollowUps([f('2026-12-10', null), f('2026-11-30', '2026-11-30T10:00:00Z'), f('2026-12-01', null), f('2026-11-25', '2026-12-02T10:00:00Z')]);
    expect(open.map((x) => x.dueOn)).toEqual(['2026-12-01', '2026-12-10']);
    expect(done.map((x) => x.dueOn)).toEqual(['2026-11-25', '2026-11-30']);
  });

  it('a follow-up cancelled when the case closed is no longer open', () => {
    const { open, done } = sortFollowUps([
      { dueOn: '2026-12-10', doneAt: null, cancelledAt: '2026-12-03T10:00:00Z' }, { dueOn: '2026-12-01', doneAt: '2026-12-01T09:00:00Z', cancelledAt: null },
    ]);
    expect(open).toEqual([]);
    expect(done.map((x) => x.dueOn)).toEqual(['2026-12-10', '2026-12-01']);
  });
});
