/**
 * One contract (issue 14): every route of the built app declares a typed success response; none
 * answers with an open record; every list response (an object with an `items` array) carries its
 * `total`. Walks the routes as they are added (the onRoute hook of buildApp), hidden ones included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { buildApp } from '../app.js';
import { testConfig } from './config.js';
import { createTestDatabase } from '../test/support.js';
import type { Database } from './db.js';

/**
 * Known exceptions, each with its reason. A route here that the rules no longer catch fails the
 * test too, so the list only shrinks.
 */
const ALLOWED: Record<string, { rule: 'no_success' | 'open_record' | 'no_total'; why: string }> = {
  'GET /metrics': { rule: 'no_success', why: 'Prometheus text, hidden from the API docs; not JSON' },
  'GET /api/openapi.json': { rule: 'no_success', why: 'the OpenAPI document itself (hidden from the docs it serves)' },
  'GET /api/public/hsds/services/:id': { rule: 'open_record', why: 'an HSDS 3.0 service object: the standard\'s own schema (catalogue/hsds.ts)' },
};

/** Routes not of the API: the web apps' files and the API docs page (swagger-ui's own). */
const outside = (url: string) => url.startsWith('/api/docs') || url === '/' || url === '/*' || url.startsWith('/tyo') || url.startsWith('/assets');

type Zod = z.ZodType & { _zod: { def: { type: string; innerType?: Zod; in?: Zod; out?: Zod; shape?: Record<string, Zod>; catchall?: Zod; element?: Zod } } };

/** The schema under optional/nullable/default/pipe wrappers. */
function unwrap(s: Zod): Zod {
  const d = s._zod.def;
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type) && d.innerType) return unwrap(d.innerType);
  if (d.type === 'pipe' && d.out) return unwrap(d.out.constructor.name === 'ZodTransform' ? d.in! : d.out);
  return s;
}

function isOpenRecord(s: Zod): boolean {
  const u = unwrap(s);
  const d = u._zod.def;
  if (d.type === 'record' || d.type === 'any' || d.type === 'unknown') return true;
  if (d.type === 'object') return Object.keys(d.shape ?? {}).length === 0 || (d.catchall !== undefined && unwrap(d.catchall)._zod.def.type !== 'never');
  return false;
}

function lacksTotal(s: Zod): boolean {
  const u = unwrap(s);
  const d = u._zod.def;
  if (d.type !== 'object' || !d.shape) return false;
  const items = d.shape.items ? unwrap(d.shape.items) : null;
  if (!items || items._zod.def.type !== 'array') return false;
  return !d.shape.total;
}

interface Finding { route: string; rule: 'no_success' | 'open_record' | 'no_total' }

let database: Database;
const routes: RouteOptions[] = [];
beforeAll(async () => {
  database = await createTestDatabase({ demo: false });
  const app = await buildApp({ config: testConfig({ metricsToken: 'contract-test-metrics-token-0123456789' }), database, clock: () => new Date() }, {
    web: false, logger: false, onRoute: (r) => { routes.push(r); },
  });
  await app.ready();
  await app.close();
});
afterAll(async () => { await database.close(); });

function findings(): Finding[] {
  const out: Finding[] = [];
  for (const r of routes) {
    const methods = (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
    if (!methods.length || outside(r.url)) continue;
    for (const method of methods) {
      const route = `${method} ${r.url}`;
      const response = (r.schema?.response ?? {}) as Record<string, unknown>;
      const success = Object.entries(response).filter(([code]) => /^2\d\d$|^2XX$/i.test(code));
      // a redirect is a route's success when it declares one (the identity provider's callback)
      const redirect = Object.keys(response).some((code) => /^3\d\d$/.test(code));
      if (!success.length && !redirect) { out.push({ route, rule: 'no_success' }); continue; }
      for (const [, schema] of success) {
        if (!(schema instanceof z.ZodType)) { out.push({ route, rule: 'open_record' }); continue; }
        if (isOpenRecord(schema as Zod)) out.push({ route, rule: 'open_record' });
        else if (lacksTotal(schema as Zod)) out.push({ route, rule: 'no_total' });
      }
    }
  }
  return out;
}

describe('the API contract', () => {
  it('sees the routes (the walk works)', () => {
    const urls = routes.map((r) => r.url);
    expect(urls).toEqual(expect.arrayContaining(['/api/contacts', '/api/events', '/api/me/preferences', '/api/contacts/:id/claim', '/metrics']));
  });

  it('every route declares a typed success response, no open record, and every list its total', () => {
    const found = findings();
    const unexpected = found.filter((f) => ALLOWED[f.route]?.rule !== f.rule).map((f) => `${f.route}: ${f.rule}`);
    expect(unexpected).toEqual([]);
    // an allowance nobody needs any more is removed
    const stale = Object.entries(ALLOWED).filter(([route, a]) => !found.some((f) => f.route === route && f.rule === a.rule)).map(([route]) => route);
    expect(stale).toEqual([]);
  });

  it('catches what it is meant to catch', () => {
    expect(isOpenRecord(z.record(z.string(), z.unknown()) as Zod)).toBe(true);
    expect(isOpenRecord(z.looseObject({ a: z.string() }) as Zod)).toBe(true);
    expect(isOpenRecord(z.object({}) as Zod)).toBe(true);
    expect(isOpenRecord(z.object({ ok: z.literal(true) }) as Zod)).toBe(false);
    expect(lacksTotal(z.object({ items: z.array(z.string()) }) as Zod)).toBe(true);
    expect(lacksTotal(z.object({ items: z.array(z.string()), total: z.number() }).meta({ id: 'X' }) as Zod)).toBe(false);
    expect(lacksTotal(z.object({ count: z.number() }) as Zod)).toBe(false);
  });
});
