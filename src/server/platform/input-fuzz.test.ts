/**
 * Every operation of the OpenAPI document under generated input (issue 13 part 3): bodies, query
 * strings, path parameters and headers built from the operation's own schemas, each value either
 * valid-shaped (real codes and ids from the demo county, strings matching the schema's patterns)
 * or hostile (NUL, lone surrogates, blank and huge strings, wrong types, nested junk). Seeded and
 * bounded. Each request is made as a role the route allows; it must never get a 5xx, and a refused
 * request (4xx) must store no row: the row count of every table is the same before and after it
 * (apart from the tables that by design record refused attempts: failed logins, rate-limit
 * counters). The operations come from the document, so a new route is fuzzed without a change here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../test/support.js';

type Schema = {
  $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema;
  anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; enum?: unknown[]; const?: unknown; pattern?: string; format?: string;
  minLength?: number; maxLength?: number; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number; minItems?: number; maxItems?: number;
};
type Parameter = { name: string; in: 'query' | 'path' | 'header' | 'cookie'; required?: boolean; schema?: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Doc = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

// logging out would end the fuzzer's own sessions; the event stream takes no input and never ends
// (app.inject would wait for it: live.test.ts drives it over a real socket); everything else is driven
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/logout-everywhere', 'GET /api/events']);
// tables that by design record a refused attempt: a failed login, a rate-limited or wrong-token request
const RECORDS_REFUSALS = new Set(['login_attempt', 'rate_limit_counter']);
const RUNS = 24;
const SEED = 1301;

let t: TestApp;
let doc: Doc;
const sessions: { name: string; headers: Record<string, string> }[] = [];
let tables: string[] = [];
const pools: Record<string, string[]> = {};
let codes: string[] = [];

beforeAll(async () => {
  // the per-minute limit would answer search and triage 429 after 120 calls, hiding their code from the fuzz
  t = await createTestApp({ config: { searchLimitPerMinute: 1_000_000 } });
  doc = t.app.swagger() as unknown as Doc;
  // admin first; the rest cover the routes admin may not use
  for (const name of ['admin', 'ohjaaja', 'esihenkilo', 'yksikko', 'toimittaja', 'paivystys', 'sospaivystys']) {
    sessions.push({ name, headers: (await login(t.app, name)).headers });
  }
  // something behind the ids: a contact with a consent, a referral and a consultation, an initiation
  const h = sessions[1]!.headers;
  const contactId = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { channel: 'phone', anonymous: false, person: { name: 'Testi Henkilö', phone: '+358401234567' } } })).json<{ id: string }>().id;
  await t.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/claim`, headers: h });
  await t.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/consents`, headers: h, payload: { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'aikuissosiaalityö' } });
  await t.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/initiations`, headers: h, payload: { concerns: 'Toimeentulo', receivingUnit: 'adult_social_work', urgent: false } });
  const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(t.database.db);
  tables = rows.map((r) => r.table_name).filter((n) => !n.startsWith('kysely_'));
  const loggedIn = ['admin', 'ohjaaja', 'esihenkilo', 'yksikko', 'toimittaja', 'paivystys', 'sospaivystys'];
  for (const table of ['contact', 'referral', 'consultation', 'service', 'app_user', 'emergency_handoff', 'initiation', 'consent']) {
    if (!tables.includes(table)) continue;
    const q = table === 'app_user'
      ? sql<{ id: string }>`select id from app_user where username not in (${sql.join(loggedIn)}) limit 5`
      : sql<{ id: string }>`select id from ${sql.table(table)} order by created_at desc limit 5`;
    pools[table] = (await q.execute(t.database.db)).rows.map((r) => r.id);
  }
  codes = (await sql<{ code: string }>`select distinct code from code limit 200`.execute(t.database.db)).rows.map((r) => r.code);
}, 60_000);
afterAll(async () => { await t?.close(); });

async function rowCounts(): Promise<Record<string, number>> {
  const parts = tables.map((n) => sql`(select count(*) from ${sql.table(n)})::int as ${sql.ref(n)}`);
  const { rows } = await sql<Record<string, number>>`select ${sql.join(parts)}`.execute(t.database.db);
  return rows[0]!;
}

const hostileString = fc.oneof(
  fc.constant('\u0000'), fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`), fc.constant('\uD800'), fc.constant('a\uDC00b'), fc.constant('x\uDBFF'),
  fc.constant(''), fc.constant('   '), fc.constant('\t\n\u00A0'), fc.constant('x'.repeat(5001)), fc.constant('ä'.repeat(70_000)),
  fc.string({ unit: 'binary', maxLength: 30 }), fc.constant("'; drop table contact; --"), fc.constant('\u202E\uFEFF'), fc.constant('9'.repeat(40)),
  fc.constant('-1'), fc.constant('1e309'), fc.constant('NaN'), fc.constant('2026-02-30T25:61:00Z'), fc.constant('00000000-0000-0000-0000-000000000000'),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString }, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(-1), fc.constant(2 ** 53),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }), fc.object({ maxDepth: 2, maxKeys: 3 }),
);

function resolve(s: Schema | undefined): Schema {
  let x = s ?? {};
  for (let i = 0; x.$ref && i < 10; i++) x = doc.components?.schemas?.[x.$ref.split('/').pop()!] ?? {};
  return x;
}

function regexArb(pattern: string): fc.Arbitrary<string> | null {
  try { return fc.stringMatching(new RegExp(pattern)); } catch { return null; }
}

/** A valid-shaped value for a schema (its children mixed with junk), or junk. */
function value(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return depth > 6 ? junk : fc.oneof({ weight: 6, arbitrary: shaped(resolve(schema), depth) }, { weight: 1, arbitrary: junk });
}

function shaped(s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => shaped(resolve(a), depth)));
  if (s.allOf?.length) return shaped(resolve(s.allOf[0]), depth);
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((ty) => shaped({ ...s, type: ty }, depth)));
  switch (types[0]) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return fc.integer({ min: Math.ceil(s.minimum ?? s.exclusiveMinimum ?? -1000), max: Math.floor(s.maximum ?? s.exclusiveMaximum ?? 100_000) });
    case 'number': return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true });
    case 'string': return stringOf(s);
    case 'array': return fc.array(value(s.items, depth + 1), { minLength: Math.min(s.minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 3, 3) });
    case 'object': case undefined: {
      if (!s.properties) return types[0] === 'object' ? fc.object({ maxDepth: 1, maxKeys: 2 }) : junk;
      const props = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, value(v, depth + 1)]));
      // usually the required keys are there, sometimes not
      return fc.oneof(
        { weight: 5, arbitrary: fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) }) },
        { weight: 1, arbitrary: fc.record(props, { requiredKeys: [] }) },
      );
    }
    default: return junk;
  }
}

function stringOf(s: Schema): fc.Arbitrary<string> {
  const max = Math.min(s.maxLength ?? 40, 40);
  const min = Math.min(s.minLength ?? 0, max);
  if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...Object.values(pools).flat(), '00000000-0000-4000-8000-000000000000'), fc.uuid());
  if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (s.format === 'email') return fc.emailAddress();
  if (s.format === 'uri') return fc.webUrl();
  const fromPattern = s.pattern ? regexArb(s.pattern) : null;
  if (fromPattern) return /a-z0-9_/.test(s.pattern!) && codes.length ? fc.oneof(fc.constantFrom(...codes), fromPattern) : fromPattern;
  return fc.oneof(fc.string({ minLength: min, maxLength: max }), fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: max }));
}

/** Like encodeURIComponent, but a lone surrogate is sent as the (invalid) UTF-8 of its code unit. */
function encode(v: string): string {
  let out = '';
  for (const ch of v) {
    try { out += encodeURIComponent(ch); } catch {
      const c = ch.charCodeAt(0);
      out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
    }
  }
  return out;
}

function poolFor(path: string, param: string): string[] {
  const byParam: Record<string, string> = { initiationId: 'initiation', consentId: 'consent' };
  const segment = path.split('/').slice(0, path.split('/').indexOf(`{${param}}`)).pop() ?? '';
  const bySegment: Record<string, string> = { contacts: 'contact', referrals: 'referral', consultations: 'consultation', services: 'service', users: 'app_user', 'emergency-handoffs': 'emergency_handoff' };
  return pools[byParam[param] ?? bySegment[segment] ?? ''] ?? [];
}

interface Generated { url: string; headers: Record<string, string>; payload?: unknown }

function requestArb(path: string, op: Operation): fc.Arbitrary<Generated> {
  const params = op.parameters ?? [];
  const pathArbs = params.filter((p) => p.in === 'path').map((p) => {
    const pool = poolFor(path, p.name);
    return fc.tuple(fc.constant(p.name), fc.oneof({ weight: 4, arbitrary: pool.length ? fc.constantFrom(...pool) : fc.uuid() }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileString }));
  });
  const queryArbs = params.filter((p) => p.in === 'query').map((p) => fc.tuple(fc.constant(p.name), fc.option(value(p.schema), { nil: undefined, freq: 2 })));
  const headerArbs = params.filter((p) => p.in === 'header').map((p) => fc.tuple(fc.constant(p.name), fc.option(fc.oneof(stringOf(resolve(p.schema)), hostileString), { nil: undefined })));
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? fc.oneof({ weight: 8, arbitrary: value(bodySchema) }, { weight: 1, arbitrary: fc.constant({}) }) : fc.constant(undefined);
  return fc.record({ path: fc.tuple(...pathArbs), query: fc.tuple(...queryArbs), headers: fc.tuple(...headerArbs), body }).map(({ path: ps, query, headers, body: payload }) => {
    let url = path;
    for (const [name, v] of ps) url = url.replace(`{${name}}`, encode(v));
    const qs = query.filter(([, v]) => v !== undefined).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(name)}=${encode(typeof x === 'string' ? x : JSON.stringify(x) ?? '')}`));
    return {
      url: qs.length ? `${url}?${qs.join('&')}` : url,
      headers: Object.fromEntries(headers.filter((x): x is [string, string] => x[1] !== undefined)),
      payload,
    };
  });
}

let clientAddress = 0;
/** A different client address per request: the per-address limits stay out of the way of the deeper checks. */
const nextAddress = () => { clientAddress++; return `10.${(clientAddress >> 16) & 255}.${(clientAddress >> 8) & 255}.${clientAddress & 255}`; };

async function sessionFor(method: string, path: string): Promise<Record<string, string>> {
  if (path.startsWith('/api/cti')) return { authorization: `Bearer ${t.config.ctiToken}` };
  if (path.startsWith('/api/public') || path.startsWith('/api/auth/login') || path.startsWith('/api/health')) return {};
  const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
  for (const s of sessions) {
    const res = await t.app.inject({ method: method as 'GET', url, headers: s.headers, remoteAddress: nextAddress() });
    if (res.statusCode !== 401 && res.statusCode !== 403) return s.headers;
  }
  return sessions[0]!.headers;
}

describe('every operation of the OpenAPI document under generated input', () => {
  it(`never a 5xx; a refused request stores no row (${RUNS} requests per operation, seed ${SEED})`, async () => {
    const serverErrors: string[] = [];
    const storedOnRefusal: string[] = [];
    let requests = 0;
    let refused = 0;
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'patch', 'put', 'delete'].includes(method))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })));
    expect(operations.length).toBeGreaterThan(50);
    for (const [i, { method, path, op }] of operations.entries()) {
      if (SKIP.has(`${method} ${path}`)) continue;
      const auth = await sessionFor(method, path);
      await fc.assert(fc.asyncProperty(requestArb(path, op), async (g) => {
        const before = await rowCounts();
        let res;
        try {
          res = await t.app.inject({ method: method as 'GET', url: g.url, headers: { ...auth, ...g.headers }, remoteAddress: nextAddress(), ...(g.payload !== undefined ? { payload: g.payload as object } : {}) });
        } catch {
          return; // refused by the HTTP layer before the app (e.g. a NUL in a header): never reaches a server
        }
        requests++;
        if (res.statusCode >= 500) serverErrors.push(`${method} ${g.url.slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 200)} payload=${JSON.stringify(g.payload)?.slice(0, 200)}`);
        else if (res.statusCode >= 400) {
          refused++;
          expect(res.json<{ code: unknown }>().code, res.body).toBeTypeOf('string');
          const after = await rowCounts();
          const grew = tables.filter((n) => !RECORDS_REFUSALS.has(n) && after[n] !== before[n]);
          if (grew.length) storedOnRefusal.push(`${method} ${path} → ${res.statusCode}: ${grew.map((n) => `${n} ${before[n]}→${after[n]}`).join(', ')}`);
        }
      }), { numRuns: RUNS, seed: SEED + i });
    }
    console.warn(`input fuzz: ${operations.length} operations, ${requests} requests, ${refused} refused, ${serverErrors.length} 5xx, ${storedOnRefusal.length} refusals that stored a row`);
    expect(serverErrors).toEqual([]);
    expect(storedOnRefusal).toEqual([]);
    expect(requests).toBeGreaterThan(operations.length * RUNS * 0.9);
  }, 420_000);
});
