import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, login, type TestApp } from '../test/support.js';
import type { Database } from './db.js';
import { loadConfig, ConfigError } from './config.js';

/** Issue 13, part 4: proxies and abuse — TRUST_PROXY, and the limits on triage and catalogue search. */
let database: Database;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(async () => { await database.close(); });

const search = (t: TestApp, remoteAddress: string, forwardedFor?: string, headers: Record<string, string> = {}) => t.app.inject({
  url: '/api/public/services?q=toimeentulo', remoteAddress, headers: { ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}), 'accept-language': 'en', ...headers },
});

describe('TRUST_PROXY', () => {
  it('is off by default: a client cannot choose its address with X-Forwarded-For (rotating it does not escape a limit)', async () => {
    const t = await createTestApp({ database, now: new Date('2026-11-23T10:00:00Z'), config: { searchLimitPerMinute: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await search(t, '192.0.2.1', `198.51.100.${i}`)).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
    } finally { await t.close(); }
  });

  it('believes X-Forwarded-For only from the named proxies, or from the given number of hops', async () => {
    for (const trustProxy of [['10.0.0.1'], 1] as const) {
      const t = await createTestApp({ database, now: new Date(`2026-11-2${trustProxy === 1 ? 4 : 5}T10:00:00Z`), config: { searchLimitPerMinute: 3, trustProxy: typeof trustProxy === 'number' ? trustProxy : [...trustProxy] } });
      try {
        // through the proxy: each client address has its own count
        const viaProxy = [];
        for (let i = 0; i < 5; i++) viaProxy.push((await search(t, '10.0.0.1', `198.51.100.${i}`)).statusCode);
        expect(viaProxy).toEqual([200, 200, 200, 200, 200]);
        const sameClient = [];
        for (let i = 0; i < 4; i++) sameClient.push((await search(t, '10.0.0.1', '198.51.100.200')).statusCode);
        expect(sameClient).toEqual([200, 200, 200, 429]);
        if (Array.isArray(trustProxy)) {
          // not from the proxy: the header is ignored and the socket address counts
          const direct = [];
          for (let i = 0; i < 4; i++) direct.push((await search(t, '192.0.2.77', `203.0.113.${i}`)).statusCode);
          expect(direct).toEqual([200, 200, 200, 429]);
        }
      } finally { await t.close(); }
    }
  });

  it('is checked at start: a hop count, addresses or CIDRs; "true" and nonsense are refused naming the variable', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,fd00::/8, loopback' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    expect(loadConfig({ ...base, TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'true' })).toThrow(/^Configuration error: TRUST_PROXY must be a hop count/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '10.0.0.1/40' })).toThrow(/TRUST_PROXY must be off, a hop count or a comma list of addresses\/CIDRs/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: 'proxy.example.fi' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ ...base, TRUST_PROXY: '0.0.0.0/0' })).toThrow(/TRUST_PROXY must be off/); // everyone: as bad as "true" (and Fastify's proxy-addr throws on it)
  });
});

describe('rate limits on triage and catalogue search', () => {
  it('limits triage per address with 429, Retry-After and a reason', async () => {
    const t = await createTestApp({ database, now: new Date('2026-11-26T10:00:30Z'), config: { searchLimitPerMinute: 2 } });
    try {
      const triage = () => t.app.inject({ method: 'POST', url: '/api/public/triage', payload: { text: 'Rahat loppuivat, en saa ruokaa' }, remoteAddress: '192.0.2.5', headers: { 'accept-language': 'en' } });
      expect((await triage()).statusCode).toBe(200);
      expect((await triage()).statusCode).toBe(200);
      const limited = await triage();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['retry-after']).toBe('30');
      expect(limited.json()).toMatchObject({ code: 'too_many_requests', title: 'Too many requests in a short time. Wait a moment and try again.' });
      expect(limited.json().detail).toBe('At most 2 in a minute (triage); try again in 30 seconds.');
      t.clock.now = new Date('2026-11-26T10:01:00Z');
      expect((await triage()).statusCode).toBe(200);
    } finally { await t.close(); }
  });

  it('limits staff search per signed-in user, not per shared office address', async () => {
    const t = await createTestApp({ database, now: new Date('2026-11-27T10:00:00Z'), config: { searchLimitPerMinute: 2 } });
    try {
      const a = await login(t.app, 'ohjaaja');
      const b = await login(t.app, 'esihenkilo');
      const staffSearch = (s: typeof a) => t.app.inject({ url: '/api/catalogue/services?q=asunto', headers: s.headers });
      expect([(await staffSearch(a)).statusCode, (await staffSearch(a)).statusCode, (await staffSearch(a)).statusCode]).toEqual([200, 200, 429]);
      expect((await staffSearch(b)).statusCode).toBe(200);
    } finally { await t.close(); }
  });
});
