import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findPersonalData, normalisePhone } from './personal-data.js';
import { formatHetu } from './hetu.js';

describe('personal data in free text', () => {
  it.each([
    ['Soittaja kertoi hetunsa 131052-308T', ['identity_code']],
    ['hetu 010516b903x pienillä', ['identity_code']],
    ['numero 040 123 4567', ['phone_number']],
    ['soita +358401234567', ['phone_number']],
    ['puh. 06-4150 1234', ['phone_number']],
    ['maija.meikalainen@example.fi kysyi', ['email']],
  ])('finds personal data in %j', (text, kinds) => {
    expect(findPersonalData(text)).toEqual(kinds);
  });

  it.each([
    'Kysyi toimeentulotuesta, ohjattiin Kelaan.',
    'Vuokra 650 euroa, tulot 1200 €/kk',
    'Soitti klo 10.15, kesto 12 min',
    'Asiakasnumero ei tiedossa; 3 lasta, 2 koiraa',
    'Ring 112 vid fara',
    'Nuori 17 v. kysyi ehkäisystä',
  ])('lets plain guidance text through: %j', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('property: every valid identity code is found wherever it stands', () => {
    fc.assert(fc.property(
      fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 2, max: 999 }), fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }),
      (d, n, before, after) => {
        const hetu = formatHetu(d.toISOString().slice(0, 10), n);
        expect(findPersonalData(`${before} ${hetu} ${after}`)).toContain('identity_code');
      }));
  });

  it('normalises phone numbers', () => {
    expect(normalisePhone('040 123 4567')).toBe('+358401234567');
    expect(normalisePhone('+358 40 123 4567')).toBe('+358401234567');
    expect(normalisePhone('00358401234567')).toBe('+358401234567');
    expect(normalisePhone('(06) 4150-1234')).toBe('+358641501234');
    expect(normalisePhone('abc')).toBeNull();
    expect(normalisePhone('123')).toBeNull();
  });
});
