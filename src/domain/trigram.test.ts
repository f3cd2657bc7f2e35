import { describe, expect, it } from 'vitest';
import { closeWords, similarity, trigrams } from './trigram.js';

describe('trigram similarity', () => {
  it('pads as pg_trgm does', () => {
    expect([...trigrams('cat')]).toEqual(['  c', ' ca', 'cat', 'at ']);
    expect(similarity('velkaneuvonta', 'velkaneuvonta')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
  });

  it('finds typos and compounds in a dictionary, best first', () => {
    const dictionary = ['velkaneuvonta', 'talousneuvonta', 'sosiaalipäivystys', 'neuvola', 'velvollisuus', 'asumisneuvonta'];
    expect(closeWords('velkaneuvona', dictionary)).toEqual(['velkaneuvonta']);
    expect(closeWords('neuvonta', dictionary)).toEqual(['talousneuvonta', 'velkaneuvonta', 'asumisneuvonta'].sort((a, b) => (8 / b.length) - (8 / a.length) || a.localeCompare(b)));
    expect(closeWords('sosiaalipäivytys', dictionary)).toEqual(['sosiaalipäivystys']);
    expect(closeWords('kissa', dictionary)).toEqual([]);
  });
});
