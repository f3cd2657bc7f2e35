import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, checkCharacter, formatHetu, parseHetu } from './hetu.js';
import { localDate } from './local-date.js';

describe('henkilötunnus', () => {
  it('accepts the examples of the Digital and Population Data Services Agency', () => {
    expect(parseHetu('131052-308T')).toMatchObject({ valid: true, birthDate: '1952-10-13', temporary: false, sex: 'female' });
    expect(parseHetu('010594Y9021')).toMatchObject({ valid: true, birthDate: '1994-05-01', temporary: true, sex: 'female' });
    expect(parseHetu('020594X903P')).toMatchObject({ valid: true, birthDate: '1994-05-02', temporary: true, sex: 'male' });
    expect(parseHetu('010516B903X')).toMatchObject({ valid: true, birthDate: '2016-05-01', temporary: true });
    expect(parseHetu(' 131052-308t ')).toMatchObject({ valid: true, hetu: '131052-308T' });
  });

  it('accepts every century sign', () => {
    for (const sign of ['-', 'Y', 'X', 'W', 'V', 'U']) expect(parseHetu(formatHetu('1975-03-14', 123, sign))).toMatchObject({ valid: true, birthDate: '1975-03-14' });
    for (const sign of ['A', 'B', 'C', 'D', 'E', 'F']) expect(parseHetu(formatHetu('2015-03-14', 123, sign))).toMatchObject({ valid: true, birthDate: '2015-03-14' });
    expect(parseHetu(formatHetu('1875-03-14', 123, '+'))).toMatchObject({ valid: true, birthDate: '1875-03-14' });
  });

  it('rejects bad codes with the reason', () => {
    expect(parseHetu('131052-308U')).toEqual({ valid: false, error: 'checksum' });
    expect(parseHetu('310252-308T')).toEqual({ valid: false, error: 'date' }); // 31 February
    expect(parseHetu(formatHetu('2000-02-29', 123).replace('290200', '290201').replace(/.$/, checkCharacter('290201', '123')))).toEqual({ valid: false, error: 'date' });
    expect(parseHetu('131052G308T')).toEqual({ valid: false, error: 'format' });
    expect(parseHetu('131052-001' + checkCharacter('131052', '001'))).toEqual({ valid: false, error: 'individual_number' });
    expect(parseHetu('')).toEqual({ valid: false, error: 'format' });
    expect(parseHetu('13105-2308T')).toEqual({ valid: false, error: 'format' });
  });

  it('derives the age on a given day, birthdays and leap days included', () => {
    expect(ageOn('1951-11-23', '2026-11-22')).toBe(74);
    expect(ageOn('1951-11-23', '2026-11-23')).toBe(75);
    expect(ageOn('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageOn('2000-02-29', '2025-03-01')).toBe(25);
  });

  const birth = fc
    .date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => localDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

  it('property: every well-formed code parses back to its birth date and temporariness', () => {
    fc.assert(
      fc.property(birth, fc.integer({ min: 2, max: 999 }), (date, n) => {
        const year = Number(date.slice(0, 4));
        const signs = year < 1900 ? ['+'] : year < 2000 ? ['-', 'Y', 'X', 'W', 'V', 'U'] : ['A', 'B', 'C', 'D', 'E', 'F'];
        for (const sign of signs) {
          const result = parseHetu(formatHetu(date, n, sign));
          expect(result).toMatchObject({ valid: true, birthDate: date, temporary: n >= 900 });
        }
      }),
    );
  });

  it('property: changing one character of a valid code makes it invalid', () => {
    fc.assert(
      fc.property(birth, fc.integer({ min: 2, max: 899 }), fc.integer({ min: 0, max: 10 }), fc.constantFrom(...'0123456789'), (date, n, pos, ch) => {
        const valid = formatHetu(date, n);
        if (pos === 6 || valid[pos] === ch) return;
        const mutated = valid.slice(0, pos) + ch + valid.slice(pos + 1);
        expect(parseHetu(mutated).valid).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('property: arbitrary strings never throw', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => { parseHetu(s); }));
  });
});
