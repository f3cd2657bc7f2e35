import { describe, expect, it } from 'vitest';
import { matchPattern, triage, words } from './triage.js';

describe('triage matching', () => {
  it('splits words and keeps apostrophes', () => {
    expect(words("I don't want to live, really!")).toEqual(['i', "don't", 'want', 'to', 'live', 'really']);
  });

  it('matches stems, runs of words and exact words', () => {
    expect(matchPattern(words('Ajattelen itsemurhaa'), ['itsemur'])).toEqual(['itsemurhaa']);
    expect(matchPattern(words('he is going to kill me now'), ['going to kill me'])).toEqual(['going to kill me']);
    expect(matchPattern(words('asemalla odotan'), ['ase$'])).toBeNull();
    expect(matchPattern(words('hänellä on ase'), ['ase$'])).toEqual(['ase']);
  });

  it('flags acute situations with the words that led to it', () => {
    expect(triage('En halua elää enää', 'fi')).toMatchObject({ acute: true, acuteReason: 'suicide', acuteBecause: ['en halua elää'] });
    expect(triage('Haluan kuolla', 'fi')).toMatchObject({ acute: true, acuteReason: 'suicide', acuteBecause: ['haluan kuolla'] });
    expect(triage('Mamma har ramlat och kan inte resa sig', 'sv')).toMatchObject({ acute: true, acuteReason: 'fall_cannot_get_up' });
    expect(triage('Rahat eivät riitä vuokraan', 'fi').acute).toBe(false);
  });

  it('suggests reasons and areas, best first, explained', () => {
    const r = triage('Olen velkaa ja vuokra on maksamatta, uhkaa häätö', 'fi');
    expect(r.reasons[0]).toMatchObject({ code: 'income', score: 1 });
    expect(r.reasons.map((x) => x.code)).toContain('housing');
    expect(r.reasons.find((x) => x.code === 'housing')!.because).toContain('häätö');
    expect(r.serviceAreas[0]).toMatchObject({ code: 'working_age', score: 1 });
  });
});
