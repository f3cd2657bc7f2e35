import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, serverUrl, type TestApp } from '../test/support.js';
import { migrations } from './migrate.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('health, metrics and API docs', () => {
  it('reports the database kind and the migrations applied', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: serverUrl ? 'postgresql' : 'embedded', migrations: Object.keys(migrations).length, authenticated: false });
    const s = await login(t.app, 'ohjaaja');
    expect((await t.app.inject({ url: '/api/health', headers: { cookie: s.cookie } })).json().authenticated).toBe(true);
  });

  // Prometheus metrics (behind METRICS_TOKEN since issue 13): platform/security.test.ts

  it('answers liveness without the database and readiness with a database ping', async () => {
    const live = await t.app.inject({ url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: serverUrl ? 'postgresql' : 'embedded' });
  });

  it('is live but not ready when the database is gone, and says when to try again', async () => {
    const gone = await createTestApp();
    try {
      await gone.database.close();
      expect((await gone.app.inject({ url: '/health/live' })).statusCode).toBe(200);
      const ready = await gone.app.inject({ url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.headers['retry-after']).toBe('5');
      expect(ready.json()).toEqual({ status: 'unavailable', database: serverUrl ? 'postgresql' : 'embedded', reason: 'database unreachable' });
      const health = await gone.app.inject({ url: '/api/health' });
      expect(health.statusCode).toBe(503);
    } finally {
      await gone.app.close();
    }
  });

  it('publishes OpenAPI 3.1 where every operation declares its responses and inputs', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }>; parameters?: unknown[]; requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThanOrEqual(12);
    for (const { path, method, op } of operations) {
      const responses = Object.keys(op.responses ?? {});
      expect(responses.length, `${method} ${path} responses`).toBeGreaterThan(0);
      if (path.includes('{')) expect(op.parameters?.length, `${method} ${path} path parameters`).toBeGreaterThan(0);
      // Only these actions carry nothing but the path; every other POST must declare its body.
      const bodiless = /\/(logout|logout-everywhere|claim|release|withdraw|review|accept|contact|acknowledge|checkpoint|leave|replay)$/.test(path) || path.endsWith('/meetings/{id}/cancel');
      if (method === 'post' && !bodiless) expect(op.requestBody, `${method} ${path} body`).toBeDefined();
    }
    expect(doc.paths['/api/public/service-promise']?.get?.parameters).toBeDefined();
    expect((await t.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('answers unknown API paths with a problem, not a page', async () => {
    const res = await t.app.inject({ url: '/api/public/nothing-here', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('public lines', () => {
  it('lists the demo lines with hours and whether each is open now', async () => {
    t.clock.now = new Date('2026-11-23T10:00:00+02:00'); // Monday 10:00
    const res = await t.app.inject({ url: '/api/public/lines' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; openNow: boolean; authorityOnly: boolean; week: { date: string; hours: unknown[] }[] }[];
    expect(items.map((l) => l.code)).toContain('working_age');
    expect(items.some((l) => l.authorityOnly)).toBe(false);
    expect(items.find((l) => l.code === 'working_age')!.openNow).toBe(true);
    // the answer is cached by the minute: the line closes at 11:00 sharp, not a minute later
    const openAt = async (iso: string) => {
      t.clock.now = new Date(iso);
      return ((await t.app.inject({ url: '/api/public/lines' })).json().items as typeof items).find((l) => l.code === 'working_age')!.openNow;
    };
    expect(await openAt('2026-11-23T10:59:59+02:00')).toBe(true);
    expect(await openAt('2026-11-23T11:00:00+02:00')).toBe(false);
    expect(await openAt('2026-11-23T13:00:00+02:00')).toBe(true);
    t.clock.now = new Date('2026-12-24T10:00:00+02:00'); // Christmas Eve
    const closed = (await t.app.inject({ url: '/api/public/lines' })).json().items as typeof items;
    expect(closed.every((l) => !l.openNow)).toBe(true);
    expect(closed[0]!.week[0]).toEqual({ date: '2026-12-24', hours: [] });
    expect((await t.app.inject({ url: '/api/public/lines?county=nowhere' })).statusCode).toBe(404);
  });

  it('shows staff the authority line and the code sets', async () => {
    const s = await login(t.app, 'ohjaaja');
    const lines = (await t.app.inject({ url: '/api/lines', headers: s.headers })).json().items as { code: string }[];
    expect(lines.map((l) => l.code)).toContain('authority');
    const codes = (await t.app.inject({ url: '/api/codes?set=reason', headers: s.headers })).json().items as { code: string }[];
    expect(codes).toHaveLength(17);
    const org = (await t.app.inject({ url: '/api/organisation', headers: s.headers })).json();
    expect(org.municipalities).toHaveLength(18);
    expect(org.municipalities.every((m: { region: string | null }) => m.region !== null)).toBe(true);
    expect(org.units.map((u: { code: string }) => u.code)).toContain('child_welfare');
  });
});
