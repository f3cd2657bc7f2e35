import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('loads once within the time to live, again after it', async () => {
    const cache = new TtlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('a', load, 0)).toBe(1);
    expect(await cache.get('a', load, 999)).toBe(1);
    expect(await cache.get('b', load, 999)).toBe(2);
    expect(await cache.get('a', load, 1000)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = new TtlCache<number>(1000);
    await expect(cache.get('a', () => Promise.reject(new Error('database away')), 0)).rejects.toThrow('database away');
    expect(await cache.get('a', async () => 7, 1)).toBe(7);
  });

  it('stays bounded', async () => {
    const cache = new TtlCache<number>(1000, 2);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load, 0);
    await cache.get('b', load, 0);
    await cache.get('c', load, 0); // full: starts over
    expect(await cache.get('a', load, 0)).toBe(4);
  });
});
