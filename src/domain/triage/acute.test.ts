import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { acuteTokens, detectAcute, detectAcuteByRules, fold } from './acute.js';

describe('acute detection: reading the words', () => {
  it('folds letters, cuts repeated letters and reads the Finnish negative verb as one', () => {
    expect(fold('ÄITI Ööö Åland apuaaaa')).toBe('aiti oo aland apuaa');
    expect(acuteTokens('Äiti kaatui eikä pääse ylös, ettei')).toEqual(['aiti', 'kaatui', 'ei', 'paase', 'ylos', 'ei']);
    expect(acuteTokens("I can't")).toEqual(['i', 'cant']);
  });

  it('names the words that triggered it as the resident wrote them, adjacent ones as a phrase', () => {
    expect(detectAcute('En halua elää enää.')).toMatchObject({ acute: true, category: 'suicide', because: ['En halua elää'.toLowerCase()] });
    expect(detectAcute('se hakkaa mua taas, oon lukinnu itteni vessaan')).toMatchObject({ acute: true, category: 'violence_now', because: ['hakkaa mua', 'lukinnu itteni'] });
  });

  it('reads a text typed without Finnish letters as with them', () => {
    expect(detectAcute('aiti kaatui eika paase ylos')).toMatchObject({ acute: true, category: 'fall_cannot_get_up' });
  });
});

describe('acute detection: concepts, not sentences', () => {
  // the kinds of message issue 11 reports missed (paraphrased there, not from any set)
  it.each([
    ['fi', 'minut raiskattiin viime yönä', 'violence_now'],
    ['fi', 'se hakkaa mua taas, oon lukinnu itteni vessaan', 'violence_now'],
    ['fi', 'isä kuristi äitiä', 'violence_now'],
    ['fi', 'kämppis veti jotain eikä herää', 'medical_emergency'],
    ['sv', 'tog en hel burk sömntabletter', 'suicide'],
    ['en', 'I was sexually assaulted a few hours ago', 'violence_now'],
    ['en', 'a small child is alone on the balcony in the cold', 'child_danger'],
    ['fi', 'Naapurin vanha mies on ollut kolme päivää ilman ruokaa ja insuliinia', 'left_without_care'],
  ])('%s: %s', (_lang, text, category) => {
    expect(detectAcute(text)).toMatchObject({ acute: true, category });
  });

  it('covers inflection through stems and listed irregular forms', () => {
    for (const t of ['mies löi minua', 'mies lyönyt minua', 'exä hakkas mua', 'hän on pahoinpidellyt minua', 'han slog mig', 'he beat me up'])
      expect(detectAcute(t).acute, t).toBe(true);
  });

  // the rules exclude idioms; the model (acute-model.ts) may still lean towards help on a short text
  it('does not read an idiom as danger (the rules)', () => {
    for (const t of ['tää byrokratia tappaa mut', 'Jag vet inte vart jag ska vända mig med mina skulder.', 'lyön vetoa että päätös tulee myöhässä', 'this paperwork is killing me', 'jag dör av skratt', 'hakkasin puita koko päivän', 'killing time at the library'])
      expect(detectAcuteByRules(t).acute, t).toBe(false);
  });

  it('damps a far past, but two signals still count; a present marker nearer wins', () => {
    const past = detectAcute('Exä hakkasi minua vuosia sitten, haluaisin keskustella jonkun kanssa.');
    expect(past).toMatchObject({ acute: false, damped: ['not_now'] });
    expect(detectAcute('Exä hakkasi minua vuosia sitten, ja nyt se uhkaa tappaa minut.').acute).toBe(true);
    // damping halves; it does not veto: two damped strong signals of one category are still acute
    expect(detectAcute('Vuosia sitten minut raiskattiin ja nyt hän uhkasi tappaa minut').acute).toBe(true);
  });

  it('damps a question of procedure and a resolved story', () => {
    expect(detectAcute('Miten teen lastensuojeluilmoituksen, jos epäilen että lasta lyödään?').acute).toBe(false);
    expect(detectAcute('Minulla oli aiemmin itsetuhoisia ajatuksia, mutta nyt voin hyvin.').acute).toBe(false);
  });

  it('never throws and never flags empty, emoji-only or punctuation-only text', () => {
    for (const t of ['', '   ', '😀😀😀', '!!!???', '\u0000\u0000', 'a'.repeat(30_000)]) expect(detectAcute(t).acute).toBe(false);
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => { const r = detectAcute(s); return typeof r.acute === 'boolean' && r.score >= 0; }), { numRuns: 500, seed: 11 });
  });

  it('finds danger in the middle of a long message', () => {
    const filler = 'Hain toimeentulotukea viime kuussa ja liitteet on toimitettu. '.repeat(20);
    expect(detectAcute(`${filler} Mies uhkasi tappaa minut ja on nyt oven takana. ${filler}`).acute).toBe(true);
  });
});

describe('acute detection: the model beside the rules', () => {
  it('leaves ordinary requests alone in every language', () => {
    for (const t of ['Rahat eivät riitä vuokraan ja ruokaan. Tarvitsen neuvoja.', 'Miten haen toimeentulotukea?', 'Jag vet inte vart jag ska vända mig med mina skulder.',
      'Jag behöver hjälp med min ansökan om bostadsbidrag.', 'How do I apply for income support?', 'My neighbour is afraid of her partner and asked me to find help.'])
      expect(detectAcute(t), t).toMatchObject({ acute: false });
  });

  it('flags, on the development set, texts that the rules alone miss, and names its words', async () => {
    const { DEVELOPMENT_SET } = await import('../../../eval/sets/index.js');
    const byModel = DEVELOPMENT_SET.map((r) => ({ expected: r[1], d: detectAcute(r[2]) })).filter((x) => x.d.by === 'model');
    expect(byModel.length).toBeGreaterThan(10);
    expect(byModel.filter((x) => x.expected !== '').length / byModel.length).toBeGreaterThan(0.7);
    for (const x of byModel) expect(x.d.because.length).toBeGreaterThan(0);
  });
});

describe('acute detection: what it names', () => {
  it('never names a word the model did not learn as a word (a person’s name stays out of the queue)', () => {
    const d = detectAcute('Jussi Korhonen ei vastaa puhelimeen ja antoi koiransa Matille, olen huolissani');
    expect(d).toMatchObject({ acute: true, by: 'model' });
    expect(d.because.length).toBeGreaterThan(0);
    expect(d.because.join(' ')).not.toMatch(/jussi|korhonen|matille/i);
  });
});
