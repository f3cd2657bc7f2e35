/**
 * Sealed set for issue 19, written from the contract before the implementation; never tuned on. An
 * item used to fix the implementation moves to a training file and is replaced.
 *
 * After sealing, two items were rewritten because a security/robustness review changed the design
 * (Opastin generates every secret; a dead SMTP server is tried once per pass): each is marked CHANGED
 * there and no longer counts as sealed. Their replacements are sealed set 2
 * (integration.sealed2.test.ts: 13 items by another helper who did not read the implementation).
 *
 * Written by helper H4 (independent tester) from: the issue text, migration 0022_integration.ts,
 * src/domain/events.ts and messages.ts, integration/signature.ts, integration.schemas.ts (its header
 * lists the routes, errors and codes), the stubs' exported signatures (dispatchWebhooks,
 * dispatchMessages + Senders, Mailer, SmsProvider), the contacts/front-door schemas, test/support.ts
 * and the existing tests' flows (Jaska's referral loop, counties). The implementation of the routes,
 * services, mailer and SMS provider was NOT read.
 *
 * Everything goes through app.inject on a real database with the demo county; the database is
 * written directly only to set a unit's shared mailbox and a supervisor's e-mail (no route in the
 * contract of this issue sets them) and to clean the webhook subscriptions after each delivery test.
 * Webhook receivers are node:http servers on 127.0.0.1; e-mail goes to an smtp-server on 127.0.0.1,
 * parsed with mailparser; text messages to a recording SmsProvider written here against the
 * interface of sms.ts. No test reaches the network outside 127.0.0.1 (subscription URLs that are
 * never delivered to still point at 127.0.0.1).
 *
 * Names used before they existed (from common.md and the stubs' TODOs): createMailer({ smtpUrl, from })
 * in mailer.ts. ASSUMPTION marks where the contract leaves a choice.
 *
 * The dispatchers are given their own clock, started at the real time (events and deliveries carry the
 * database's now()) and advanced pass by pass.
 *
 * First run against the implementation (2026-12-01), PGlite and PostgreSQL alike: 52 of 54 pass. One
 * setup mistake of this file was mended before the run counted (a 'recording' consent needs `target`;
 * no expectation changed). Failing, believed the implementation's (or the contract's) fault:
 * GET /api/admin/history answers 500 once a webhook change is in the history (its objectType enum has
 * no 'webhook' / 'message_template'), and GET /api/openapi.json answers 500 (the component id
 * 'MessageTemplateInput' collides with the input variant of 'MessageTemplate'). Both were fixed from
 * these two items ("creates a subscription …" and "the OpenAPI document publishes the event
 * catalogue"), so they are training items now.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { EVENT_DESCRIPTIONS, EVENT_TYPES, MAX_DELIVERY_ATTEMPTS } from '../../../domain/events.js';
import { DEFAULT_WORDINGS, TEMPLATE_SPECS } from '../../../domain/messages.js';
import { escalateReferrals } from '../referrals/public.js';
import { verifySignature } from './signature.js';
import { dispatchWebhooks } from './webhooks.service.js';
import { dispatchMessages, type Senders } from './messages.service.js';
import { createMailer } from './mailer.js';
import type { SmsProvider } from './sms.js';

type Session = Awaited<ReturnType<typeof login>>;
type Res = LightMyRequestResponse;

const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const COUNTY = 'etela_pohjanmaa';
const ADULT_SOCIAL_WORK_NAMES = ['Aikuissosiaalityö', 'Socialt arbete för vuxna', 'Adult social work'];
const REFERRAL_TYPES = EVENT_TYPES.filter((t) => t.startsWith('fi.opastin.referral.'));

// ---- small helpers ----

const fieldErrors = (res: Res): string[] => ((res.json() as { errors?: { field: string; code?: string }[] }).errors ?? []).map((e) => `${e.field}:${e.code}`);
function expectFieldError(res: Res, status: number, field: string, code: string | string[]) {
  expect(res.statusCode, res.body).toBe(status);
  const codes = Array.isArray(code) ? code : [code];
  expect(fieldErrors(res).some((f) => codes.some((c) => f === `${field}:${c}`)), `${field}:${codes.join('|')} in ${res.body}`).toBe(true);
}
function ok<T = any>(res: Res, status = 200): T { // eslint-disable-line @typescript-eslint/no-explicit-any -- loose JSON of a response
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}
const digits = (s: string) => s.replace(/\D/g, '');
let personCounter = 0;
/** A person nobody else in the file uses: their name, identity code, phone and e-mail are looked for in what leaves Opastin. */
function newPerson(tag: string) {
  personCounter += 1;
  const n = personCounter;
  return {
    name: `Sinetöity ${tag} Testinen${n}`,
    hetu: formatHetu('1990-05-17', 200 + n),
    phone: `040 71${String(10000 + n).slice(-5)}`,
    email: `asukas.${tag.toLowerCase()}${n}@sealed.test`,
  };
}
type Person = ReturnType<typeof newPerson>;
function expectNoPersonalData(text: string, p: Person, what: string) {
  expect(text, `${what}: name`).not.toContain(p.name);
  expect(text, `${what}: hetu`).not.toContain(p.hetu);
  expect(text, `${what}: e-mail`).not.toContain(p.email);
  expect(digits(text), `${what}: phone`).not.toContain(digits(p.phone).slice(1)); // 0407…: 407… also in +358407…
}

/** The flows of the demo county (Jaska's loop of referrals.test.ts), on one app. */
function flows(get: () => TestApp) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, s?: Session | null, payload?: unknown, headers: Record<string, string> = {}) =>
    get().app.inject({ method, url, headers: { ...(s ? s.headers : {}), ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) });
  async function contact(s: Session, p: Person, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/contacts', s, {
      channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
      note: 'Työmarkkinatuki katkesi, laskuja maksamatta.', person: { name: p.name, hetu: p.hetu, phone: p.phone, email: p.email }, ...extra,
    });
    const body = ok(res, 201);
    const consent = ok(await call('POST', `/api/contacts/${body.id}/consents`, s, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' }));
    const row = await get().database.db.selectFrom('contact').select('reference').where('id', '=', body.id).executeTakeFirstOrThrow();
    return { id: body.id as string, consentId: consent.id as string, reference: row.reference };
  }
  async function refer(s: Session, c: { id: string; consentId: string }) {
    const res = await call('POST', `/api/contacts/${c.id}/referrals`, s, {
      kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: c.consentId,
      summary: 'Toimeentulo ja työllistyminen: palvelutarpeen arviointi.', needs: ['income', 'employment_education'], urgency: 'non_urgent', preferredTime: 'aamupäivisin',
    });
    return ok(res, 201).id as string;
  }
  const step = async (unit: Session, referralId: string, action: 'accept' | 'contact' | 'complete') =>
    ok(await call('POST', `/api/referrals/${referralId}/${action}`, unit, action === 'complete' ? { outcome: 'got_help', note: 'Asiakassuunnitelma tehty.' } : {}));
  return { call, contact, refer, step };
}

/** A webhook receiver: records every request with its raw body; answers with `status(path)`. */
class Receiver {
  hits: { path: string; headers: IncomingHttpHeaders; raw: string; status: number; passNow: number }[] = [];
  status: (path: string, passNow: number) => number = () => 200;
  passNow = Date.now();
  port = 0;
  private server: Server | null = null;
  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = (req.url ?? '/').replace(/^\//, '');
        const status = this.status(path, this.passNow);
        this.hits.push({ path, headers: req.headers, raw: Buffer.concat(chunks).toString('utf8'), status, passNow: this.passNow });
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status >= 400 ? 'RECEIVER-BODY-MUST-NOT-LEAK internal trouble' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }
  url(path: string) { return `http://127.0.0.1:${this.port}/${path}`; }
  /** The events answered 200 at a path, first answer per event id, in the order they arrived. */
  accepted(path: string) {
    const seen = new Set<string>();
    const out: { event: Record<string, any>; hit: Receiver['hits'][number] }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- a received CloudEvent
    for (const hit of this.hits) {
      if (hit.path !== path || hit.status !== 200) continue;
      const event = JSON.parse(hit.raw) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a received CloudEvent
      if (seen.has(event.id)) continue;
      seen.add(event.id);
      out.push({ event, hit });
    }
    return out;
  }
  async close() { await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve())); }
}

/** ASSUMPTION: the signature's t is the dispatcher's clock (the pass's `now`) or the real clock; either verifies within 5 minutes. */
function signatureVerifies(secret: string, hit: Receiver['hits'][number]) {
  const header = hit.headers['opastin-signature'] as string | undefined;
  return verifySignature(secret, header, hit.raw, Math.floor(hit.passNow / 1000)) || verifySignature(secret, header, hit.raw, Math.floor(Date.now() / 1000));
}

/** An SMTP server on 127.0.0.1 that keeps every message, parsed. */
async function startSmtp() {
  const mails: { to: string[]; subject: string; text: string; from: string }[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then((m) => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        mails.push({ to, subject: m.subject ?? '', text: m.text ?? '', from: m.from?.text ?? '' });
        callback();
      }, (err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The local test double of the issue: records the text messages instead of sending them. */
class RecordingSmsProvider implements SmsProvider {
  readonly name = 'recording';
  sent: { to: string; body: string }[] = [];
  async send(to: string, body: string) { this.sent.push({ to, body }); return { id: `rec-${this.sent.length}` }; }
}

// =====================================================================================================
// Administration: subscriptions, another county, templates (one app, no SMTP, http:// not allowed)
// =====================================================================================================

describe('webhook subscriptions: the administrator’s routes', () => {
  let t: TestApp;
  let admin: Session;
  let f: ReturnType<typeof flows>;
  beforeAll(async () => {
    t = await createTestApp({ now: MONDAY });
    admin = await login(t.app, 'admin');
    f = flows(() => t);
  });
  afterAll(async () => { await t.close(); });

  let names = 0;
  const subName = () => `Sinetöity järjestelmä ${++names}`;
  const create = (payload: Record<string, unknown>, s: Session = admin) => f.call('POST', '/api/admin/webhooks', s, { name: subName(), eventTypes: ['fi.opastin.referral.sent.v1'], ...payload });
  const list = (s: Session = admin) => f.call('GET', '/api/admin/webhooks', s);
  const subscriptionCount = async () => Number((await t.database.db.selectFrom('webhook_subscription').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

  it('creates a subscription: 201 with the secret once; the list and the history never show it', async () => {
    const name = subName();
    const res = await f.call('POST', '/api/admin/webhooks', admin, { name, url: 'https://127.0.0.1:9/opastin', eventTypes: ['fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1'] });
    const body = ok(res, 201);
    expect(typeof body.secret).toBe('string');
    expect(body.secret.length).toBeGreaterThanOrEqual(32);
    expect(body.subscription).toMatchObject({
      name, url: 'https://127.0.0.1:9/opastin', eventTypes: ['fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1'],
      personalData: false, legalBasis: null, active: true, deliveries: { pending: 0, delivered: 0, dead: 0, lastDeliveredAt: null, lastError: null },
    });
    expect(body.subscription.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(body.subscription)).not.toContain(body.secret);

    const all = ok(await list());
    expect(all.subscriptions.map((s: { id: string }) => s.id)).toContain(body.subscription.id);
    expect(all.subscriptions.find((s: { id: string }) => s.id === body.subscription.id)).toMatchObject({ name, active: true });
    expect(JSON.stringify(all)).not.toContain(body.secret);

    // the history: a row of the change, without the secret (nor its hash)
    const changes = await t.database.db.selectFrom('admin_change').select(['object_type', 'action', 'before', 'after']).where(sql<boolean>`object_type = 'webhook'`).execute();
    expect(changes.length).toBeGreaterThanOrEqual(1);
    expect(changes.some((c) => c.action === 'create')).toBe(true);
    const row = await t.database.db.selectFrom('webhook_subscription').select(['token_hash']).where('id', '=', body.subscription.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(changes)).not.toContain(body.secret);
    expect(JSON.stringify(changes)).not.toContain(row.token_hash);
    const history = await f.call('GET', '/api/admin/history?limit=500', admin);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.body).not.toContain(body.secret);
  });

  it('the list carries the event catalogue: every type with its description', async () => {
    const all = ok(await list());
    expect(all.eventTypes).toEqual(EVENT_TYPES.map((type) => ({ type, description: EVENT_DESCRIPTIONS[type] })));
  });

  // CONTRACT CHANGED after sealing (a security review: a given secret colliding with another county's was an
  // oracle of that county's pull token): Opastin always generates the secret. This item was rewritten to the new
  // contract by the lead, not tuned to the implementation; it no longer counts as sealed.
  it('refuses a secret the administrator gives (Opastin generates it), and takes a pull-only subscription without a URL', async () => {
    const given = `sinetöity-${randomBytes(24).toString('hex')}`;
    expectFieldError(await create({ url: null, secret: given }), 400, 'body.secret', 'invalid');
    const body = ok(await create({ url: null }), 201);
    expect(body.subscription.url).toBeNull();
    const page = await f.call('GET', '/api/events?after=0&limit=5', null, undefined, { authorization: `Bearer ${body.secret}` });
    expect(page.statusCode, page.body).toBe(200);
  });

  it('refuses each invalid URL with 400 body.url invalid_url, and stores nothing', async () => {
    const before = await subscriptionCount();
    for (const url of ['ftp://127.0.0.1/opastin', 'javascript:alert(1)', 'http://127.0.0.1/opastin', 'https://kayttaja:salasana@127.0.0.1/opastin',
      'https://127.0.0.1/opastin#kohta', 'ei osoite', 'https://', '127.0.0.1/opastin']) {
      expectFieldError(await create({ url }), 400, 'body.url', 'invalid_url');
    }
    // > 2000 characters: the contract's schema caps the string at 2000, so its generic code may come first (too_long)
    expectFieldError(await create({ url: `https://127.0.0.1/${'a'.repeat(2000)}` }), 400, 'body.url', ['invalid_url', 'too_long']);
    expect(await subscriptionCount()).toBe(before);
  });

  it('refuses an invalid URL on PATCH too, and the subscription keeps its URL', async () => {
    const body = ok(await create({ url: 'https://127.0.0.1:9/a' }), 201);
    expectFieldError(await f.call('PATCH', `/api/admin/webhooks/${body.subscription.id}`, admin, { url: 'http://127.0.0.1:9/b' }), 400, 'body.url', 'invalid_url');
    expectFieldError(await f.call('PATCH', `/api/admin/webhooks/${body.subscription.id}`, admin, { url: 'https://u:p@127.0.0.1:9/b' }), 400, 'body.url', 'invalid_url');
    const listed = ok(await list()).subscriptions.find((s: { id: string }) => s.id === body.subscription.id);
    expect(listed.url).toBe('https://127.0.0.1:9/a');
  });

  it('personal data needs a legal basis: 400 body.legalBasis required; with one, 201', async () => {
    const before = await subscriptionCount();
    expectFieldError(await create({ url: null, personalData: true }), 400, 'body.legalBasis', 'required');
    expectFieldError(await create({ url: null, personalData: true, legalBasis: '   ' }), 400, 'body.legalBasis', 'required');
    expect(await subscriptionCount()).toBe(before);
    const made = ok(await create({ url: null, personalData: true, legalBasis: 'SHL 41 §: tiedonsaanti asiakastietojärjestelmään' }), 201);
    expect(made.subscription).toMatchObject({ personalData: true, legalBasis: 'SHL 41 §: tiedonsaanti asiakastietojärjestelmään' });
    // clearing the basis of a subscription that still sends personal data is refused the same way
    expectFieldError(await f.call('PATCH', `/api/admin/webhooks/${made.subscription.id}`, admin, { legalBasis: null }), 400, 'body.legalBasis', 'required');
  });

  it('refuses an unknown event type and an empty list with 400 naming body.eventTypes', async () => {
    const unknown = await create({ url: null, eventTypes: ['fi.opastin.referral.sent.v1', 'fi.opastin.referral.vanished.v1'] });
    expect(unknown.statusCode, unknown.body).toBe(400);
    expect(fieldErrors(unknown).some((e) => e.startsWith('body.eventTypes.1:')), unknown.body).toBe(true);
    const none = await create({ url: null, eventTypes: [] });
    expect(none.statusCode, none.body).toBe(400);
    expect(fieldErrors(none).some((e) => e.startsWith('body.eventTypes')), none.body).toBe(true);
  });

  it('a name already used is 409 code_in_use', async () => {
    const name = subName();
    ok(await f.call('POST', '/api/admin/webhooks', admin, { name, url: null, eventTypes: ['fi.opastin.referral.sent.v1'] }), 201);
    const again = await f.call('POST', '/api/admin/webhooks', admin, { name, url: null, eventTypes: ['fi.opastin.referral.accepted.v1'] });
    expect(again.statusCode, again.body).toBe(409);
    expect([again.json().code, ...fieldErrors(again).map((e) => e.split(':')[1])]).toContain('code_in_use');
  });

  it('every other role gets 403 on every route; no session gets 401', async () => {
    const made = ok(await create({ url: null }), 201);
    const id = made.subscription.id as string;
    const fakeDelivery = '00000000-0000-4000-8000-000000000001';
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', string, unknown?][] = [
      ['GET', '/api/admin/webhooks'], ['POST', '/api/admin/webhooks', { name: 'kielletty', url: null, eventTypes: ['fi.opastin.referral.sent.v1'] }],
      ['PATCH', `/api/admin/webhooks/${id}`, { active: false }], ['DELETE', `/api/admin/webhooks/${id}`],
      ['GET', `/api/admin/webhooks/${id}/deliveries`], ['POST', `/api/admin/webhooks/${id}/replay`, {}],
      ['POST', `/api/admin/webhooks/${id}/deliveries/${fakeDelivery}/replay`, {}],
      ['GET', '/api/admin/message-templates'], ['PUT', '/api/admin/message-templates/receipt/email/fi', { subject: 'x {reference}', body: 'y {reference}' }],
      ['DELETE', '/api/admin/message-templates/receipt/email/fi'], ['GET', '/api/admin/messages'],
    ];
    for (const who of ['ohjaaja', 'esihenkilo', 'yksikko', 'toimittaja', 'paivystys', 'alusta']) {
      const s = await login(t.app, who);
      for (const [method, url, payload] of routes) {
        const res = await f.call(method, url, s, payload);
        expect(res.statusCode, `${who} ${method} ${url}`).toBe(403);
      }
    }
    for (const [method, url, payload] of routes) expect((await f.call(method, url, null, payload)).statusCode, `anonymous ${method} ${url}`).toBe(401);
    expect(ok(await list()).subscriptions.find((s: { id: string }) => s.id === id)).toMatchObject({ active: true });
  });

  it('PATCH changes fields and returns no secret; rotateSecret returns a new one and the old token stops at once', async () => {
    const made = ok(await create({ url: null, eventTypes: ['fi.opastin.contact.registered.v1'] }), 201);
    const id = made.subscription.id as string;
    const patched = ok(await f.call('PATCH', `/api/admin/webhooks/${id}`, admin, { eventTypes: ['fi.opastin.contact.registered.v1', 'fi.opastin.referral.sent.v1'] }));
    expect(patched.secret).toBeNull();
    expect(patched.subscription.eventTypes).toEqual(['fi.opastin.contact.registered.v1', 'fi.opastin.referral.sent.v1']);
    const pull = (secret: string) => f.call('GET', '/api/events?limit=5', null, undefined, { authorization: `Bearer ${secret}` });
    expect((await pull(made.secret)).statusCode).toBe(200);
    const rotated = ok(await f.call('PATCH', `/api/admin/webhooks/${id}`, admin, { rotateSecret: true }));
    expect(typeof rotated.secret).toBe('string');
    expect(rotated.secret.length).toBeGreaterThanOrEqual(32);
    expect(rotated.secret).not.toBe(made.secret);
    const old = await pull(made.secret);
    expect(old.statusCode).toBe(401);
    expect((await pull(rotated.secret)).statusCode).toBe(200);
    expect(JSON.stringify(ok(await list()))).not.toContain(rotated.secret);
    const changes = await t.database.db.selectFrom('admin_change').select(['before', 'after']).where(sql<boolean>`object_type = 'webhook'`).execute();
    expect(JSON.stringify(changes)).not.toContain(rotated.secret);
  });

  it('PATCH with nothing to change is 400; an unknown id is 404', async () => {
    const made = ok(await create({ url: null }), 201);
    expect((await f.call('PATCH', `/api/admin/webhooks/${made.subscription.id}`, admin, {})).statusCode).toBe(400);
    const missing = '00000000-0000-4000-8000-0000000000aa';
    expect((await f.call('PATCH', `/api/admin/webhooks/${missing}`, admin, { active: false })).statusCode).toBe(404);
    expect((await f.call('GET', `/api/admin/webhooks/${missing}/deliveries`, admin)).statusCode).toBe(404);
    expect((await f.call('GET', '/api/admin/webhooks/not-a-uuid/deliveries', admin)).statusCode).toBe(400);
  });

  it('DELETE is 204; the subscription is gone, its token stops, its routes are 404', async () => {
    const made = ok(await create({ url: null }), 201);
    const id = made.subscription.id as string;
    const res = await f.call('DELETE', `/api/admin/webhooks/${id}`, admin);
    expect(res.statusCode, res.body).toBe(204);
    expect(ok(await list()).subscriptions.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await f.call('GET', `/api/admin/webhooks/${id}/deliveries`, admin)).statusCode).toBe(404);
    expect((await f.call('DELETE', `/api/admin/webhooks/${id}`, admin)).statusCode).toBe(404);
    expect((await f.call('GET', '/api/events?limit=5', null, undefined, { authorization: `Bearer ${made.secret}` })).statusCode).toBe(401);
  });

  it('the catalogue is public and documents the types, the signature and the retries', async () => {
    const cat = ok(await f.call('GET', '/api/events/catalogue'));
    expect(cat.specversion).toBe('1.0');
    expect(cat.types.map((x: { type: string }) => x.type)).toEqual([...EVENT_TYPES]);
    for (const x of cat.types) {
      expect(x.description).toBe(EVENT_DESCRIPTIONS[x.type as keyof typeof EVENT_DESCRIPTIONS]);
      expect(x.subject).toMatch(/^(contact|referral)\//);
    }
    expect(cat.signature.header.toLowerCase()).toBe('opastin-signature');
    expect(cat.signature.toleranceSeconds).toBe(300);
    expect(cat.signature.recipe).toMatch(/HMAC/i);
    expect(cat.retries.maxAttempts).toBe(MAX_DELIVERY_ATTEMPTS);
  });

  it('the OpenAPI document publishes the event catalogue', async () => {
    const doc = await f.call('GET', '/api/openapi.json');
    expect(doc.statusCode).toBe(200);
    for (const type of EVENT_TYPES) expect(doc.body, type).toContain(type);
  });
});

describe('another county’s subscriptions', () => {
  let t: TestApp;
  let admin: Session;
  let f: ReturnType<typeof flows>;
  let theirs: { id: string; secret: string };
  let otherAdmin: Session;
  const code = 'uusimaa_sinetoity'; // sorts after etela_pohjanmaa: the public forms keep the demo county
  beforeAll(async () => {
    t = await createTestApp({ now: MONDAY });
    f = flows(() => t);
    admin = await login(t.app, 'admin');
    const alusta = await login(t.app, 'alusta');
    const made = await f.call('POST', '/api/platform/counties', alusta, {
      code, name: { fi: 'Sinetöity alue', sv: 'Förseglat område', en: 'Sealed county' },
      admin: { username: 'sinetoity.hallinto', displayName: 'Sinetöity Hallinto', password: 'maakunta-salasana-2026' },
    });
    expect(made.statusCode, made.body).toBe(201);
    otherAdmin = await login(t.app, 'sinetoity.hallinto', 'maakunta-salasana-2026');
    const sub = ok(await f.call('POST', '/api/admin/webhooks', otherAdmin, { name: 'Toisen alueen järjestelmä', url: null, eventTypes: [...EVENT_TYPES] }), 201);
    theirs = { id: sub.subscription.id, secret: sub.secret };
  });
  afterAll(async () => { await t.close(); });

  it('is 404 on every id route for the demo county’s administrator, and nothing changes', async () => {
    const deliveryId = '00000000-0000-4000-8000-000000000002';
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown?][] = [
      ['PATCH', `/api/admin/webhooks/${theirs.id}`, { active: false }], ['PATCH', `/api/admin/webhooks/${theirs.id}`, { rotateSecret: true }],
      ['DELETE', `/api/admin/webhooks/${theirs.id}`], ['GET', `/api/admin/webhooks/${theirs.id}/deliveries`],
      ['POST', `/api/admin/webhooks/${theirs.id}/replay`, {}], ['POST', `/api/admin/webhooks/${theirs.id}/deliveries/${deliveryId}/replay`, {}],
    ];
    for (const [method, url, payload] of routes) {
      const res = await f.call(method, url, admin, payload);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    expect(ok(await f.call('GET', '/api/admin/webhooks', admin)).subscriptions.map((s: { id: string }) => s.id)).not.toContain(theirs.id);
    const still = ok(await f.call('GET', '/api/admin/webhooks', otherAdmin)).subscriptions.find((s: { id: string }) => s.id === theirs.id);
    expect(still).toMatchObject({ active: true });
    expect((await f.call('GET', '/api/events?limit=5', null, undefined, { authorization: `Bearer ${theirs.secret}` })).statusCode).toBe(200);
  });

  it('its token reads only its own county’s events: none of the demo county’s', async () => {
    const guide = await login(t.app, 'ohjaaja');
    const p = newPerson('Alue');
    const c = await f.contact(guide, p);
    const page = ok(await f.call('GET', '/api/events?limit=1000', null, undefined, { authorization: `Bearer ${theirs.secret}` }));
    expect(page.events.map((e: { subject: string }) => e.subject)).not.toContain(`contact/${c.id}`);
    for (const e of page.events) expect(e.source).toBe(`/opastin/counties/${code}`);
    // and the demo county's admin sees it with after=0
    const mine = ok(await f.call('GET', '/api/events?after=0&limit=1000', admin));
    expect(mine.events.map((e: { subject: string }) => e.subject)).toContain(`contact/${c.id}`);
    const theirAdmin = ok(await f.call('GET', '/api/events?after=0&limit=1000', otherAdmin));
    expect(theirAdmin.events.map((e: { subject: string }) => e.subject)).not.toContain(`contact/${c.id}`);
  });
});

describe('message templates and the message log: the administrator’s routes', () => {
  let t: TestApp;
  let admin: Session;
  let f: ReturnType<typeof flows>;
  beforeAll(async () => {
    t = await createTestApp({ now: MONDAY });
    admin = await login(t.app, 'admin');
    f = flows(() => t);
  });
  afterAll(async () => { await t.close(); });
  const put = (path: string, payload: unknown) => f.call('PUT', `/api/admin/message-templates/${path}`, admin, payload);
  const templates = async () => ok(await f.call('GET', '/api/admin/message-templates', admin)).templates as { template: string; channel: string; lang: string; body: string; subject: string | null; isDefault: boolean; placeholders: string[]; recipient: string; updatedAt: string | null }[];

  it('lists every template × channel × language with the default wording and its placeholders', async () => {
    const all = await templates();
    const expected = Object.entries(TEMPLATE_SPECS).flatMap(([template, spec]) => spec.channels.flatMap((channel) => ['fi', 'sv', 'en'].map((lang) => `${template}/${channel}/${lang}`)));
    expect(all.map((x) => `${x.template}/${x.channel}/${x.lang}`).sort()).toEqual(expected.sort());
    expect(all).toHaveLength(24);
    for (const x of all) {
      const d = DEFAULT_WORDINGS[x.template as keyof typeof DEFAULT_WORDINGS][x.channel as 'email' | 'sms']![x.lang as 'fi' | 'sv' | 'en'];
      expect(x, `${x.template}/${x.channel}/${x.lang}`).toMatchObject({ isDefault: true, body: d.body, subject: d.subject, recipient: TEMPLATE_SPECS[x.template as keyof typeof TEMPLATE_SPECS].recipient });
      expect([...x.placeholders].sort()).toEqual([...TEMPLATE_SPECS[x.template as keyof typeof TEMPLATE_SPECS].placeholders[x.channel as 'email' | 'sms']].sort());
    }
  });

  it('an unknown placeholder is 400 naming body.body (or body.subject) unknown_placeholder; nothing is stored', async () => {
    expectFieldError(await put('receipt/email/fi', { subject: 'Kuittaus {reference}', body: 'Viite {reference}. {unknownThing}' }), 400, 'body.body', 'unknown_placeholder');
    expectFieldError(await put('receipt/email/fi', { subject: 'Kuittaus {jotain}', body: 'Viite {reference}.' }), 400, 'body.subject', 'unknown_placeholder');
    expect((await templates()).find((x) => x.template === 'receipt' && x.channel === 'email' && x.lang === 'fi')).toMatchObject({ isDefault: true });
    expect(await t.database.db.selectFrom('message_template').selectAll().execute()).toEqual([]);
  });

  it('the unit’s name in a text message is 400 placeholder_not_allowed; a lone brace is unbalanced_brace', async () => {
    expectFieldError(await put('matter_forwarded/sms/fi', { subject: null, body: 'Asiasi {reference} meni yksikölle {unitName}.' }), 400, 'body.body', 'placeholder_not_allowed');
    expectFieldError(await put('receipt/sms/fi', { subject: null, body: 'Viite {reference' }), 400, 'body.body', 'unbalanced_brace');
  });

  it('a template or channel that does not exist is a 4xx, never a 500', async () => {
    const unknownTemplate = await put('birthday_greeting/email/fi', { subject: 'x', body: 'y' });
    expect(unknownTemplate.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknownTemplate.statusCode).toBeLessThan(500);
    const noSms = await put('referral_reminder/sms/fi', { subject: null, body: 'Muistutus {reference}' });
    expect(noSms.statusCode, noSms.body).toBeGreaterThanOrEqual(400);
    expect(noSms.statusCode).toBeLessThan(500);
  });

  it('PUT stores the county’s wording (isDefault false); DELETE restores the default (isDefault true)', async () => {
    const saved = ok(await put('receipt/email/sv', { subject: 'Kvitto {reference}', body: 'Hej! Referens {reference}. Ring {phone}. {countyName}' }));
    expect(saved).toMatchObject({ template: 'receipt', channel: 'email', lang: 'sv', isDefault: false, subject: 'Kvitto {reference}', body: 'Hej! Referens {reference}. Ring {phone}. {countyName}' });
    expect(saved.updatedAt).not.toBeNull();
    expect((await templates()).find((x) => x.template === 'receipt' && x.channel === 'email' && x.lang === 'sv')).toMatchObject({ isDefault: false, subject: 'Kvitto {reference}' });
    // the other languages keep the default
    expect((await templates()).find((x) => x.template === 'receipt' && x.channel === 'email' && x.lang === 'fi')).toMatchObject({ isDefault: true });
    const restored = ok(await f.call('DELETE', '/api/admin/message-templates/receipt/email/sv', admin));
    expect(restored).toMatchObject({ template: 'receipt', channel: 'email', lang: 'sv', isDefault: true, subject: DEFAULT_WORDINGS.receipt.email!.sv.subject, body: DEFAULT_WORDINGS.receipt.email!.sv.body });
    expect((await templates()).find((x) => x.template === 'receipt' && x.channel === 'email' && x.lang === 'sv')).toMatchObject({ isDefault: true, body: DEFAULT_WORDINGS.receipt.email!.sv.body });
    const history = await t.database.db.selectFrom('admin_change').select(['object_type', 'action']).where(sql<boolean>`object_type = 'message_template'`).execute();
    expect(history.length).toBeGreaterThanOrEqual(2);
  });

  it('the message log without SMTP or SMS configured: empty, the channels say so', async () => {
    const log = ok(await f.call('GET', '/api/admin/messages', admin));
    expect(log.messages).toEqual([]);
    expect(log.totals).toEqual({ pending: 0, sent: 0, dead: 0, skipped: 0 });
    expect(log.channels).toEqual({ email: false, sms: null });
  });
});

// =====================================================================================================
// Pull and the outbox
// =====================================================================================================

describe('GET /api/events (pull) and the outbox', () => {
  let t: TestApp;
  let admin: Session, guide: Session, unit: Session, unit2: Session;
  let f: ReturnType<typeof flows>;
  beforeAll(async () => {
    t = await createTestApp({ now: MONDAY });
    f = flows(() => t);
    [admin, guide, unit, unit2] = await Promise.all(['admin', 'ohjaaja', 'yksikko', 'yksikko2'].map((u) => login(t.app, u))) as [Session, Session, Session, Session];
  });
  afterAll(async () => { await t.close(); });
  const db = () => t.database.db;
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const pull = (query: string, headers: Record<string, string>, s: Session | null = null) => f.call('GET', `/api/events${query ? `?${query}` : ''}`, s, undefined, headers);
  async function subscription(eventTypes: readonly string[], extra: Record<string, unknown> = {}) {
    const made = ok(await f.call('POST', '/api/admin/webhooks', admin, { name: `Nouto ${randomBytes(4).toString('hex')}`, url: null, eventTypes, ...extra }), 201);
    return { id: made.subscription.id as string, secret: made.secret as string };
  }
  /** Reads every page from `after` (absent: the start) to the head. */
  async function drain(headers: Record<string, string>, after: string | undefined, limit: number, extra = '', s: Session | null = null) {
    const events: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudEvents
    let cursor = after;
    for (let i = 0; i < 500; i++) {
      const q = new URLSearchParams({ limit: String(limit) });
      if (cursor !== undefined) q.set('after', cursor);
      const page = ok(await pull(`${q.toString()}${extra}`, headers, s));
      events.push(...page.events);
      expect(typeof page.next).toBe('string');
      cursor = page.next;
      if (!page.more) break;
    }
    return { events, next: cursor! };
  }
  async function jaskaLoop(p: Person) {
    const c = await f.contact(guide, p);
    const referralId = await f.refer(guide, c);
    await f.step(unit, referralId, 'accept');
    await f.step(unit, referralId, 'contact');
    await f.step(unit, referralId, 'complete');
    return { ...c, referralId };
  }
  const maxSeq = async () => String((await sql<{ m: string | null }>`select max(seq)::text as m from outbox_event`.execute(db())).rows[0]?.m ?? '0');

  it('401 for a missing or wrong token, and for the token in the query', async () => {
    const sub = await subscription(['fi.opastin.contact.registered.v1']);
    expect((await pull('after=0', {})).statusCode).toBe(401);
    expect((await pull('limit=5', bearer(`väärä-${randomBytes(20).toString('hex')}`))).statusCode).toBe(401);
    expect((await pull('limit=5', { authorization: 'Bearer ' })).statusCode).toBe(401);
    expect((await pull('limit=5', { authorization: `Basic ${Buffer.from(`x:${sub.secret}`).toString('base64')}` })).statusCode).toBe(401);
    const inQuery = await pull(`limit=5&token=${encodeURIComponent(sub.secret)}`, {});
    expect(inQuery.statusCode, inQuery.body).toBe(401);
    expect((await pull('limit=5', bearer(sub.secret))).statusCode).toBe(200);
  });

  it('an invalid cursor is 400 query.after invalid_cursor', async () => {
    const sub = await subscription(['fi.opastin.contact.registered.v1']);
    for (const after of ['not-a-cursor!', '-5', '1.5', 'x'.repeat(30)]) {
      expectFieldError(await pull(`after=${encodeURIComponent(after)}`, bearer(sub.secret)), 400, 'query.after', 'invalid_cursor');
    }
  });

  it('pages through every event of the subscription’s types, oldest first, without gaps or repeats; nothing new keeps the cursor', async () => {
    const types = ['fi.opastin.contact.registered.v1', 'fi.opastin.consent.given.v1', ...REFERRAL_TYPES];
    const sub = await subscription(types);
    const head = await drain(bearer(sub.secret), undefined, 1000);
    const from = await maxSeq();
    const p = newPerson('Nouto');
    const loop = await jaskaLoop(p);
    const got = await drain(bearer(sub.secret), head.next, 2);
    const expected = await db().selectFrom('outbox_event').select(['id', 'seq', 'type', 'subject'])
      .where(sql<boolean>`seq > ${from}::bigint`).where('type', 'in', types).orderBy('seq').execute();
    expect(expected.length).toBeGreaterThanOrEqual(6); // registered, consent, sent, accepted, client_contacted, completed
    expect(got.events.map((e) => e.id)).toEqual(expected.map((e) => e.id));
    expect(new Set(got.events.map((e) => e.id)).size).toBe(got.events.length);
    expect(got.events.map((e) => e.sequence)).toEqual(expected.map((e) => String(e.seq)));
    expect(got.events.filter((e) => e.subject === `referral/${loop.referralId}`).map((e) => e.type)).toEqual([
      'fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1', 'fi.opastin.referral.client_contacted.v1', 'fi.opastin.referral.completed.v1',
    ]);
    for (const e of got.events) {
      expect(e).toMatchObject({ specversion: '1.0', source: `/opastin/counties/${COUNTY}`, datacontenttype: 'application/json' });
      expect(types).toContain(e.type);
    }
    const again = ok(await pull(`after=${encodeURIComponent(got.next)}`, bearer(sub.secret)));
    expect(again).toEqual({ events: [], next: got.next, more: false });
  });

  it('types= narrows the page to those types', async () => {
    const sub = await subscription([...REFERRAL_TYPES]);
    const head = await drain(bearer(sub.secret), undefined, 1000);
    const loop = await jaskaLoop(newPerson('Tyypit'));
    const got = await drain(bearer(sub.secret), head.next, 50, `&types=${encodeURIComponent('fi.opastin.referral.accepted.v1,fi.opastin.referral.completed.v1')}`);
    expect(got.events.length).toBeGreaterThanOrEqual(2);
    expect(new Set(got.events.map((e) => e.type))).toEqual(new Set(['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.completed.v1']));
    expect(got.events.filter((e) => e.subject === `referral/${loop.referralId}`).map((e) => e.type)).toEqual(['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.completed.v1']);
  });

  it('an administrator’s session may poll (with after); a guidance worker’s is 403', async () => {
    const c = await f.contact(guide, newPerson('Istunto'));
    const page = await drain({}, '0', 1000, '', admin);
    expect(page.events.map((e) => e.subject)).toContain(`contact/${c.id}`);
    expect(page.events.find((e) => e.subject === `contact/${c.id}` && e.type === 'fi.opastin.contact.registered.v1')?.data).toMatchObject({ contactId: c.id, reference: c.reference });
    const worker = await pull('after=0', {}, guide);
    expect(worker.statusCode, worker.body).toBe(403);
    const unitWorker = await pull('after=0', {}, unit);
    expect(unitWorker.statusCode).toBe(403);
  });

  it('no personal data leaves without a legal basis: the names, identity code, phone and e-mail never appear', async () => {
    const sub = await subscription([...EVENT_TYPES]);
    const p = newPerson('Yksityinen');
    const c = await f.contact(guide, p);
    ok(await f.call('POST', `/api/contacts/${c.id}/consents`, guide, { givenBy: 'client', method: 'verbal', purpose: 'recording', target: 'Puhelun tallennus' }));
    const referralId = await f.refer(guide, c);
    await f.step(unit, referralId, 'accept');
    const byToken = await drain(bearer(sub.secret), undefined, 1000);
    expect(byToken.events.some((e) => e.subject === `contact/${c.id}`)).toBe(true);
    expectNoPersonalData(JSON.stringify(byToken.events), p, 'token');
    for (const e of byToken.events) expect(e.data.person).toBeUndefined();
    const bySession = await drain({}, '0', 1000, '', admin);
    expectNoPersonalData(JSON.stringify(bySession.events), p, 'admin session');
  });

  it('ASSUMPTION: a subscription with personal data and a legal basis gets data.person on its events', async () => {
    const sub = await subscription(['fi.opastin.contact.registered.v1'], { personalData: true, legalBasis: 'SHL 41 §' });
    const p = newPerson('Peruste');
    const c = await f.contact(guide, p);
    const got = await drain(bearer(sub.secret), undefined, 1000);
    const mine = got.events.find((e) => e.subject === `contact/${c.id}`);
    expect(mine?.data.person).toMatchObject({ name: p.name, hetu: p.hetu });
  });

  it('outbox: a rolled back change writes no event', async () => {
    const before = await db().selectFrom('outbox_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const c = await f.contact(guide, newPerson('Peruttu'));
    const afterCreate = await db().selectFrom('outbox_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await expect(db().transaction().execute(async (trx) => {
      await sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by)
        select county_id, 'ZZZ-ZZZZ', channel, true, received_at, received_on, respond_by from contact where id = ${c.id}`.execute(trx);
      await trx.updateTable('consent').set({ withdrawn_at: new Date() }).where('id', '=', c.consentId).execute();
      throw new Error('peruttu');
    })).rejects.toThrow('peruttu');
    const after = await db().selectFrom('outbox_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(afterCreate.n));
    expect(Number(afterCreate.n)).toBeGreaterThan(Number(before.n));
    expect(await db().selectFrom('outbox_event').select('id').where('type', '=', 'fi.opastin.consent.withdrawn.v1').where('subject', '=', `contact/${c.id}`).execute()).toEqual([]);
  });

  it('outbox: two workers accepting at once leave exactly one accepted event (the loser’s transaction wrote none)', async () => {
    const c = await f.contact(guide, newPerson('Kilpa'));
    const referralId = await f.refer(guide, c);
    const [a, b] = await Promise.all([f.call('POST', `/api/referrals/${referralId}/accept`, unit, {}), f.call('POST', `/api/referrals/${referralId}/accept`, unit2, {})]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const accepted = await db().selectFrom('outbox_event').select('id').where('subject', '=', `referral/${referralId}`).where('type', '=', 'fi.opastin.referral.accepted.v1').execute();
    expect(accepted).toHaveLength(1);
  });

  it('outbox: events for contact registered, consent given/withdrawn, referral sent/accepted/completed, numbered in commit order, without personal data', async () => {
    const p = newPerson('Ulos');
    const loop = await jaskaLoop(p);
    const recording = ok(await f.call('POST', `/api/contacts/${loop.id}/consents`, guide, { givenBy: 'client', method: 'verbal', purpose: 'recording', target: 'Puhelun tallennus' }));
    ok(await f.call('POST', `/api/contacts/${loop.id}/consents/${recording.id}/withdraw`, guide, {}));
    const rows = await db().selectFrom('outbox_event').select(['id', 'seq', 'type', 'subject', 'data', 'county_id'])
      .where('subject', 'in', [`contact/${loop.id}`, `referral/${loop.referralId}`]).where('type', '!=', 'fi.opastin.initiation.recorded.v1').orderBy('seq').execute();
    for (const r of rows) expect(r.seq, r.type).not.toBeNull();
    const county = await db().selectFrom('county').select('id').where('code', '=', COUNTY).executeTakeFirstOrThrow();
    expect(new Set(rows.map((r) => r.county_id))).toEqual(new Set([county.id]));
    expect(rows.map((r) => `${r.subject.split('/')[0]}:${r.type}`)).toEqual([
      'contact:fi.opastin.contact.registered.v1', 'contact:fi.opastin.consent.given.v1',
      'referral:fi.opastin.referral.sent.v1', 'referral:fi.opastin.referral.accepted.v1', 'referral:fi.opastin.referral.client_contacted.v1', 'referral:fi.opastin.referral.completed.v1',
      'contact:fi.opastin.consent.given.v1', 'contact:fi.opastin.consent.withdrawn.v1',
    ]);
    const seqs = rows.map((r) => BigInt(r.seq!));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
    const sent = rows.find((r) => r.type === 'fi.opastin.referral.sent.v1')!;
    expect(sent.data).toMatchObject({ referralId: loop.referralId, contactId: loop.id, reference: loop.reference, unit: 'adult_social_work', status: 'requested' });
    expect(rows.find((r) => r.type === 'fi.opastin.referral.completed.v1')!.data).toMatchObject({ status: 'completed', outcome: 'got_help' });
    expectNoPersonalData(JSON.stringify(rows.map((r) => r.data)), p, 'outbox data');
  });
});

// =====================================================================================================
// Webhook delivery
// =====================================================================================================

describe('webhook delivery (dispatchWebhooks with a receiver on 127.0.0.1)', () => {
  let t: TestApp;
  let admin: Session, guide: Session, unit: Session;
  let f: ReturnType<typeof flows>;
  const rx = new Receiver();
  beforeAll(async () => {
    t = await createTestApp({ now: MONDAY, config: { webhookAllowHttp: true } });
    f = flows(() => t);
    [admin, guide, unit] = await Promise.all(['admin', 'ohjaaja', 'yksikko'].map((u) => login(t.app, u))) as [Session, Session, Session];
    await rx.start();
  });
  afterEach(async () => {
    // each test's subscriptions go with it, so the next test's passes deliver only its own
    await t.database.db.deleteFrom('webhook_subscription').execute();
    rx.status = () => 200;
  });
  afterAll(async () => { await rx.close(); await t.close(); });
  const db = () => t.database.db;

  async function subscribe(path: string, eventTypes: readonly string[], extra: Record<string, unknown> = {}) {
    const made = ok(await f.call('POST', '/api/admin/webhooks', admin, { name: `Vastaanotin ${path}`, url: rx.url(path), eventTypes, ...extra }), 201);
    return { id: made.subscription.id as string, secret: made.secret as string };
  }
  /** Passes of the dispatcher on its own clock; returns the clock after the last pass. */
  async function pump(from: number, stepSeconds: number, maxPasses: number, until?: () => boolean | Promise<boolean>) {
    let now = from;
    for (let i = 0; i < maxPasses; i++) {
      rx.passNow = now;
      const result = await dispatchWebhooks(db(), new Date(now), { allowHttp: true, timeoutMs: 5000 });
      expect(result).toMatchObject({ fannedOut: expect.any(Number), delivered: expect.any(Number), failed: expect.any(Number), dead: expect.any(Number) });
      if (until && (await until())) return now;
      now += stepSeconds * 1000;
    }
    return now;
  }
  const eventsOf = (subjects: string[], types: readonly string[]) =>
    db().selectFrom('outbox_event').select(['id', 'seq', 'type', 'subject']).where('subject', 'in', subjects).where('type', 'in', types).orderBy('seq').execute();
  const bySubject = (events: { subject: string; id: string }[]) => {
    const m = new Map<string, string[]>();
    for (const e of events) m.set(e.subject, [...(m.get(e.subject) ?? []), e.id]);
    return m;
  };

  it('Jaska’s loop reaches the receiving system: every referral event in order, signed, as CloudEvents', async () => {
    const sub = await subscribe('jaska', REFERRAL_TYPES);
    const p = newPerson('Jaska');
    const c = await f.contact(guide, p);
    const referralId = await f.refer(guide, c);
    let clock = await pump(Date.now(), 60, 3);
    await f.step(unit, referralId, 'accept');
    await f.step(unit, referralId, 'contact');
    clock = await pump(clock, 60, 3);
    await f.step(unit, referralId, 'complete');
    await pump(clock, 60, 5, () => rx.accepted('jaska').length >= 4);

    const got = rx.accepted('jaska').filter((x) => x.event.subject === `referral/${referralId}`);
    const expected = await eventsOf([`referral/${referralId}`], REFERRAL_TYPES);
    expect(got.map((x) => x.event.id)).toEqual(expected.map((e) => e.id));
    expect(got.map((x) => x.event.type)).toEqual(['fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1', 'fi.opastin.referral.client_contacted.v1', 'fi.opastin.referral.completed.v1']);
    const seqs = got.map((x) => BigInt(x.event.sequence));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
    expect(got.map((x) => x.event.sequence)).toEqual(expected.map((e) => String(e.seq)));
    for (const { event, hit } of got) {
      expect(event).toMatchObject({ specversion: '1.0', source: `/opastin/counties/${COUNTY}`, subject: `referral/${referralId}`, datacontenttype: 'application/json' });
      expect(event.subject).toMatch(/^referral\/[0-9a-f-]{36}$/);
      expect(event.data).toMatchObject({ referralId, reference: c.reference, unit: 'adult_social_work' });
      expect(String(hit.headers['content-type'])).toMatch(/json/);
      expect(signatureVerifies(sub.secret, hit), `signature of ${event.type}`).toBe(true);
      // the recipe refuses a tampered body and another secret
      expect(verifySignature(sub.secret, hit.headers['opastin-signature'] as string, hit.raw.replace('referral', 'reflerral'), Math.floor(hit.passNow / 1000))).toBe(false);
      expect(verifySignature(`${sub.secret}x`, hit.headers['opastin-signature'] as string, hit.raw, Math.floor(hit.passNow / 1000))).toBe(false);
    }
    expectNoPersonalData(got.map((x) => x.hit.raw).join('\n'), p, 'webhook bodies');
    // the administrator sees them delivered
    const deliveries = ok(await f.call('GET', `/api/admin/webhooks/${sub.id}/deliveries?state=delivered`, admin)).deliveries;
    expect(deliveries.map((d: { eventId: string }) => d.eventId).sort()).toEqual(expected.map((e) => e.id).sort());
    for (const d of deliveries) expect(d).toMatchObject({ state: 'delivered', lastStatus: 200, deadAt: null });
    const listed = ok(await f.call('GET', '/api/admin/webhooks', admin)).subscriptions.find((s: { id: string }) => s.id === sub.id);
    expect(listed.deliveries).toMatchObject({ pending: 0, delivered: 4, dead: 0 });
    expect(listed.deliveries.lastDeliveredAt).not.toBeNull();
  });

  it('a receiver answering 500 for an hour gets every event afterwards, in order per subject, without gaps', async () => {
    const sub = await subscribe('outage', EVENT_TYPES);
    const start = Date.now();
    const back = start + 3600_000;
    rx.status = (path, passNow) => (path === 'outage' && passNow < back ? 500 : 200);
    const p = newPerson('Katko');
    const c = await f.contact(guide, p);
    const referralId = await f.refer(guide, c);
    let clock = await pump(start, 60, 30); // half an hour down
    await f.step(unit, referralId, 'accept');
    await f.step(unit, referralId, 'contact');
    clock = await pump(clock, 60, 30); // the rest of the hour
    expect(rx.hits.filter((h) => h.path === 'outage' && h.status === 500).length).toBeGreaterThan(0);
    expect(rx.accepted('outage')).toEqual([]);
    await f.step(unit, referralId, 'complete');
    const subjects = [`contact/${c.id}`, `referral/${referralId}`];
    const expected = await eventsOf(subjects, EVENT_TYPES);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    await pump(clock, 60, 240, () => expected.every((e) => rx.accepted('outage').some((x) => x.event.id === e.id)));

    const got = rx.accepted('outage').filter((x) => subjects.includes(x.event.subject));
    expect(new Set(got.map((x) => x.event.id))).toEqual(new Set(expected.map((e) => e.id)));
    const want = bySubject(expected);
    const have = bySubject(got.map((x) => x.event as { subject: string; id: string }));
    for (const s of subjects) expect(have.get(s), s).toEqual(want.get(s));
    for (const { hit, event } of got) expect(signatureVerifies(sub.secret, hit), event.type).toBe(true);
    // no event of a subject reached the receiver before an earlier one of the same subject was accepted
    for (const s of subjects) {
      const order = want.get(s)!;
      const firstTry = order.map((id) => rx.hits.findIndex((h) => h.path === 'outage' && JSON.parse(h.raw).id === id));
      const firstOk = order.map((id) => rx.hits.findIndex((h) => h.path === 'outage' && h.status === 200 && JSON.parse(h.raw).id === id));
      for (let i = 1; i < order.length; i++) expect(firstTry[i]!, `${s} #${i}`).toBeGreaterThan(firstOk[i - 1]!);
    }
    const deliveries = ok(await f.call('GET', `/api/admin/webhooks/${sub.id}/deliveries?limit=500`, admin)).deliveries as { eventId: string; state: string; attempts: number }[];
    const mine = deliveries.filter((d) => expected.some((e) => e.id === d.eventId));
    expect(mine).toHaveLength(expected.length);
    expect(mine.every((d) => d.state === 'delivered')).toBe(true);
    expect(mine.find((d) => d.eventId === expected[0]!.id)!.attempts).toBeGreaterThan(1);
    const listed = ok(await f.call('GET', '/api/admin/webhooks', admin)).subscriptions.find((s: { id: string }) => s.id === sub.id);
    expect(listed.deliveries).toMatchObject({ dead: 0 });
  });

  it('only the subscribed types arrive', async () => {
    await subscribe('types', ['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.completed.v1']);
    const c = await f.contact(guide, newPerson('Tyyppi'));
    const referralId = await f.refer(guide, c);
    await f.step(unit, referralId, 'accept');
    await f.step(unit, referralId, 'contact');
    await f.step(unit, referralId, 'complete');
    await pump(Date.now(), 60, 5, () => rx.accepted('types').length >= 2);
    const got = rx.accepted('types');
    expect(new Set(got.map((x) => x.event.type))).toEqual(new Set(['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.completed.v1']));
    expect(got.filter((x) => x.event.subject === `referral/${referralId}`).map((x) => x.event.type)).toEqual(['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.completed.v1']);
    expect(rx.hits.filter((h) => h.path === 'types').every((h) => ['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.completed.v1'].includes(JSON.parse(h.raw).type))).toBe(true);
  });

  it('an inactive subscription gets nothing', async () => {
    const sub = await subscribe('inactive', EVENT_TYPES);
    ok(await f.call('PATCH', `/api/admin/webhooks/${sub.id}`, admin, { active: false }));
    const c = await f.contact(guide, newPerson('Pois'));
    await f.refer(guide, c);
    await pump(Date.now(), 60, 5);
    expect(rx.hits.filter((h) => h.path === 'inactive')).toEqual([]);
    expect(ok(await f.call('GET', '/api/admin/webhooks', admin)).subscriptions.find((s: { id: string }) => s.id === sub.id)).toMatchObject({ active: false });
  });

  it('an unreachable subscriber neither throws nor blocks: the delivery waits with the error, the worker’s action succeeded', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const made = ok(await f.call('POST', '/api/admin/webhooks', admin, { name: 'Tavoittamaton', url: `http://127.0.0.1:${port}/x`, eventTypes: ['fi.opastin.contact.registered.v1'] }), 201);
    const c = await f.contact(guide, newPerson('Tavoittamaton'));
    const now = Date.now();
    const first = await dispatchWebhooks(db(), new Date(now), { allowHttp: true, timeoutMs: 2000 });
    const second = await dispatchWebhooks(db(), new Date(now + 1000), { allowHttp: true, timeoutMs: 2000 });
    expect(first.failed + second.failed).toBeGreaterThanOrEqual(1);
    const row = await db().selectFrom('webhook_delivery as d').innerJoin('outbox_event as e', 'e.id', 'd.event_id')
      .select(['d.state', 'd.attempts', 'd.last_error', 'd.last_status', 'd.next_attempt_at'])
      .where('d.subscription_id', '=', made.subscription.id).where('e.subject', '=', `contact/${c.id}`).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'pending', attempts: 1, last_status: null });
    expect(row.last_error).toBeTruthy();
    expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(now);
  });

  it(`gives up after ${MAX_DELIVERY_ATTEMPTS} attempts (dead letter, the error without the body), and replay delivers it`, async () => {
    const sub = await subscribe('dead', ['fi.opastin.contact.registered.v1']);
    rx.status = (path) => (path === 'dead' ? 500 : 200);
    const c = await f.contact(guide, newPerson('Kuollut'));
    const [event] = await eventsOf([`contact/${c.id}`], ['fi.opastin.contact.registered.v1']);
    const state = async () => (await db().selectFrom('webhook_delivery').select(['id', 'state', 'attempts']).where('subscription_id', '=', sub.id).where('event_id', '=', event!.id).executeTakeFirst());
    const clock = await pump(Date.now(), 3601, MAX_DELIVERY_ATTEMPTS + 20, async () => (await state())?.state === 'dead');
    const dead = await state();
    expect(dead).toMatchObject({ state: 'dead', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(rx.hits.filter((h) => h.path === 'dead' && JSON.parse(h.raw).id === event!.id)).toHaveLength(MAX_DELIVERY_ATTEMPTS);

    const listed = (ok(await f.call('GET', `/api/admin/webhooks/${sub.id}/deliveries?state=dead`, admin)).deliveries as { eventId: string; deadAt: string | null; lastError: string | null }[]).filter((d) => d.eventId === event!.id);
    expect(listed).toEqual([expect.objectContaining({ id: dead!.id, eventId: event!.id, type: 'fi.opastin.contact.registered.v1', subject: `contact/${c.id}`, sequence: String(event!.seq), state: 'dead', attempts: MAX_DELIVERY_ATTEMPTS, lastStatus: 500 })]);
    expect(listed[0]?.deadAt).not.toBeNull();
    expect(String(listed[0]?.lastError ?? '')).not.toContain('RECEIVER-BODY-MUST-NOT-LEAK');
    const counts = ok(await f.call('GET', '/api/admin/webhooks', admin)).subscriptions.find((s: { id: string }) => s.id === sub.id).deliveries;
    expect(counts.dead).toBeGreaterThanOrEqual(1);
    expect(String(counts.lastError ?? '')).not.toContain('RECEIVER-BODY-MUST-NOT-LEAK');

    rx.status = () => 200;
    const replayed = ok(await f.call('POST', `/api/admin/webhooks/${sub.id}/replay`, admin, {}));
    expect(replayed.replayed).toBeGreaterThanOrEqual(1);
    await pump(clock + 1000, 60, 5, () => rx.accepted('dead').some((x) => x.event.id === event!.id));
    expect(rx.accepted('dead').map((x) => x.event.id)).toContain(event!.id);
    expect(await state()).toMatchObject({ state: 'delivered' });

    // one delivery again (a delivered one may be replayed too): pending, then sent once more
    const before = rx.hits.filter((h) => h.path === 'dead' && h.status === 200).length;
    const one = ok(await f.call('POST', `/api/admin/webhooks/${sub.id}/deliveries/${dead!.id}/replay`, admin, {}));
    expect(one).toMatchObject({ id: dead!.id, eventId: event!.id, state: 'pending' });
    await pump(clock + 120_000, 60, 5, () => rx.hits.filter((h) => h.path === 'dead' && h.status === 200).length > before);
    expect(rx.hits.filter((h) => h.path === 'dead' && h.status === 200).length).toBe(before + 1);
    // nothing dead left to replay
    expect(ok(await f.call('POST', `/api/admin/webhooks/${sub.id}/replay`, admin, {}))).toEqual({ replayed: 0 });
  });

  it('ASSUMPTION: a new subscription starts at the head: events committed before it are not delivered to it', async () => {
    const earlier = await f.contact(guide, newPerson('Ennen'));
    await subscribe('fresh', ['fi.opastin.contact.registered.v1']);
    const later = await f.contact(guide, newPerson('Jalkeen'));
    await pump(Date.now(), 60, 5, () => rx.accepted('fresh').some((x) => x.event.subject === `contact/${later.id}`));
    const subjects = rx.accepted('fresh').map((x) => x.event.subject);
    expect(subjects).toContain(`contact/${later.id}`);
    expect(subjects).not.toContain(`contact/${earlier.id}`);
  });

  it('a delivery of another subscription is 404 on the replay route', async () => {
    const a = await subscribe('a', ['fi.opastin.contact.registered.v1']);
    const b = await subscribe('b', ['fi.opastin.contact.registered.v1']);
    await f.contact(guide, newPerson('Kaksi'));
    await pump(Date.now(), 60, 3, () => rx.accepted('a').length > 0 && rx.accepted('b').length > 0);
    const ofB = await db().selectFrom('webhook_delivery').select('id').where('subscription_id', '=', b.id).executeTakeFirstOrThrow();
    expect((await f.call('POST', `/api/admin/webhooks/${a.id}/deliveries/${ofB.id}/replay`, admin, {})).statusCode).toBe(404);
  });

  it('personal data goes only to the subscription with a legal basis, as data.person', async () => {
    const withBasis = await subscribe('person', ['fi.opastin.contact.registered.v1'], { personalData: true, legalBasis: 'SHL 41 §' });
    await subscribe('plain', ['fi.opastin.contact.registered.v1']);
    const p = newPerson('Henkilo');
    const c = await f.contact(guide, p);
    await pump(Date.now(), 60, 5, () => rx.accepted('person').length > 0 && rx.accepted('plain').length > 0);
    const personal = rx.accepted('person').find((x) => x.event.subject === `contact/${c.id}`);
    expect(personal?.event.data.person).toMatchObject({ name: p.name, hetu: p.hetu });
    expect(signatureVerifies(withBasis.secret, personal!.hit)).toBe(true);
    const plain = rx.accepted('plain').find((x) => x.event.subject === `contact/${c.id}`);
    expect(plain).toBeDefined();
    expect(plain!.event.data.person).toBeUndefined();
    expectNoPersonalData(plain!.hit.raw, p, 'plain subscription');
  });

  it('with WEBHOOK_ALLOW_HTTP on, an http:// URL is taken; credentials in it are still refused', async () => {
    const made = await f.call('POST', '/api/admin/webhooks', admin, { name: 'Http sallittu', url: rx.url('http'), eventTypes: ['fi.opastin.contact.registered.v1'] });
    expect(made.statusCode, made.body).toBe(201);
    expectFieldError(await f.call('POST', '/api/admin/webhooks', admin, { name: 'Http tunnus', url: `http://a:b@127.0.0.1:${rx.port}/x`, eventTypes: ['fi.opastin.contact.registered.v1'] }), 400, 'body.url', 'invalid_url');
  });
});

// =====================================================================================================
// Messages: e-mail over a real SMTP server, text messages to a recording provider
// =====================================================================================================

describe('messages to people (dispatchMessages; SMTP on 127.0.0.1, a recording SMS provider)', () => {
  let t: TestApp;
  let admin: Session, guide: Session, unit: Session;
  let f: ReturnType<typeof flows>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let senders: Senders;
  const sms = new RecordingSmsProvider();
  const PUBLIC_URL = 'https://opastin.sinetoity.test';
  const UNIT_MAILBOX = 'aikuissosiaalityo@sealed.test';
  const SUPERVISOR_MAILBOX = 'eeva.esihenkilo@sealed.test';
  let messageClock = Date.now();
  beforeAll(async () => {
    smtp = await startSmtp();
    const mail = { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Opastin <opastin@sealed.test>' };
    t = await createTestApp({ now: MONDAY, config: { mail, publicUrl: PUBLIC_URL } });
    f = flows(() => t);
    [admin, guide, unit] = await Promise.all(['admin', 'ohjaaja', 'yksikko'].map((u) => login(t.app, u))) as [Session, Session, Session];
    senders = { mail: createMailer(mail), sms, publicUrl: PUBLIC_URL };
    await t.database.db.updateTable('receiving_unit').set({ email: UNIT_MAILBOX }).where('code', '=', 'adult_social_work').execute();
    await t.database.db.updateTable('app_user').set({ email: SUPERVISOR_MAILBOX }).where('username', '=', 'esihenkilo').execute();
  });
  afterAll(async () => { senders.mail?.close(); await smtp.close(); await t.close(); });
  const db = () => t.database.db;
  /** Passes of messaging until `until` holds (or the passes run out). */
  async function send(until: () => boolean, passes = 5) {
    for (let i = 0; i < passes; i++) {
      messageClock += 60_000;
      const r = await dispatchMessages(db(), new Date(messageClock), senders);
      expect(r).toMatchObject({ queued: expect.any(Number), sent: expect.any(Number), failed: expect.any(Number), dead: expect.any(Number), skipped: expect.any(Number) });
      if (until()) return;
    }
  }
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address.toLowerCase()));
  const submit = (path: string, payload: Record<string, unknown>, ip: string) => t.app.inject({ method: 'POST', url: `/api/public/${path}`, payload, remoteAddress: ip });
  const contactCount = async () => Number((await db().selectFrom('contact').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const webForm = (p: Person, extra: Record<string, unknown>) => ({
    lang: 'fi', anonymous: false, contactor: 'self', topic: 'money', text: 'Rahat eivät riitä ruokaan tässä kuussa.', name: p.name, phone: p.phone, consent: true, ...extra,
  });

  it('the public form: messages ["email"] without an e-mail address is a 4xx naming body.email or body.messages; nothing is stored', async () => {
    const p = newPerson('Lomake');
    const before = await contactCount();
    const res = await submit('contact-requests', webForm(p, { messages: ['email'] }), '10.9.0.1');
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(fieldErrors(res).some((e) => e.startsWith('body.email:') || e.startsWith('body.messages')), res.body).toBe(true);
    expect(await contactCount()).toBe(before);
  });

  it('the public form: an anonymous request with messages is a 4xx; nothing is stored', async () => {
    const before = await contactCount();
    const res = await submit('contact-requests', { lang: 'fi', anonymous: true, contactor: 'self', topic: 'money', text: 'Rahat eivät riitä.', messages: ['sms'] }, '10.9.0.2');
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await contactCount()).toBe(before);
  });

  it('the worker’s registration: messages on an anonymous contact are a 4xx, never a 500', async () => {
    const res = await f.call('POST', '/api/contacts', guide, { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income', messageChannels: ['sms'] });
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });

  it('the public form with an e-mail and messages ["email"]: the resident receives a receipt with the reference', async () => {
    const p = newPerson('Kuitti');
    const res = await submit('contact-requests', webForm(p, { email: p.email, messages: ['email'] }), '10.9.0.3');
    const receipt = ok(res, 201);
    await send(() => mailsTo(p.email).length > 0);
    const mails = mailsTo(p.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Yhteydenottosi on vastaanotettu (${receipt.reference})`);
    expect(mails[0]!.text).toContain(receipt.reference);
    expect(mails[0]!.text).toContain('112');
    expect(mails[0]!.from).toContain('opastin@sealed.test');
    expect(mails[0]!.text).not.toContain(p.name);
    expect(mails[0]!.text).not.toMatch(/\{[a-zA-Z]+\}/);
    const row = await db().selectFrom('outbound_message').selectAll().where('reference', '=', receipt.reference).where('template', '=', 'receipt').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'email', recipient_kind: 'resident', state: 'sent', address: null, lang: 'fi' });
  });

  it('a callback with messages ["sms"] queues a callback_confirmation text message; the log shows it without the number or body', async () => {
    const p = newPerson('Soitto');
    const res = await submit('callback-requests', { lang: 'fi', line: 'working_age', phone: p.phone, name: p.name, callbackWindow: 'aamupäivä', messages: ['sms'], consent: true }, '10.9.0.4');
    const receipt = ok(res, 201);
    const mine = () => sms.sent.filter((m) => digits(m.to).endsWith(digits(p.phone).slice(1)));
    await send(() => mine().length > 0);
    expect(mine()).toHaveLength(1);
    const text = mine()[0]!;
    expect(text.to).toMatch(/^\+358/);
    expect(text.body).toContain(receipt.reference);
    expect(text.body.startsWith('Soittopyyntösi on vastaanotettu, viite')).toBe(true);
    expect(text.body).not.toContain(p.name);
    expect(text.body).not.toMatch(/\{[a-zA-Z]+\}/);
    const row = await db().selectFrom('outbound_message').selectAll().where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'sms', template: 'callback_confirmation', recipient_kind: 'resident', state: 'sent', address: null, params: {} });

    const log = ok(await f.call('GET', '/api/admin/messages', admin));
    const item = log.messages.find((m: { reference: string | null }) => m.reference === receipt.reference);
    expect(item).toMatchObject({ channel: 'sms', template: 'callback_confirmation', recipientKind: 'resident', state: 'sent', lang: 'fi' });
    expect(item.sentAt).not.toBeNull();
    expect(Object.keys(item).sort()).toEqual(['attempts', 'channel', 'createdAt', 'id', 'lang', 'lastError', 'recipientKind', 'reference', 'sentAt', 'state', 'template']);
    expect(digits(JSON.stringify(log))).not.toContain(digits(p.phone).slice(1));
    expect(JSON.stringify(log)).not.toContain(text.body);
    expect(log.totals.sent).toBeGreaterThanOrEqual(1);
    expect(log.channels.email).toBe(true);
  });

  it('a callback without messages gets no text message', async () => {
    const p = newPerson('Hiljaa');
    ok(await submit('callback-requests', { lang: 'fi', line: 'working_age', phone: p.phone, consent: true }, '10.9.0.5'), 201);
    await send(() => false, 2);
    expect(sms.sent.filter((m) => digits(m.to).endsWith(digits(p.phone).slice(1)))).toEqual([]);
  });

  it('the county’s own wording is the one sent', async () => {
    ok(await f.call('PUT', '/api/admin/message-templates/callback_confirmation/sms/fi', admin, { subject: null, body: 'Sinetöity sanamuoto, viite {reference}.' }));
    try {
      const p = newPerson('Sanat');
      const receipt = ok(await submit('callback-requests', { lang: 'fi', line: 'working_age', phone: p.phone, messages: ['sms'], consent: true }, '10.9.0.6'), 201);
      const mine = () => sms.sent.filter((m) => digits(m.to).endsWith(digits(p.phone).slice(1)));
      await send(() => mine().length > 0);
      expect(mine().map((m) => m.body)).toEqual([`Sinetöity sanamuoto, viite ${receipt.reference}.`]);
    } finally {
      ok(await f.call('DELETE', '/api/admin/message-templates/callback_confirmation/sms/fi', admin));
    }
  });

  it('Jaska gave an e-mail and consent: he receives "your matter went to adult social work", once, without sensitive content', async () => {
    const p = newPerson('Jaska');
    const c = await f.contact(guide, p, { messageChannels: ['email'] });
    expect(ok(await f.call('GET', `/api/contacts/${c.id}`, guide)).messageChannels).toEqual(['email']);
    const referralId = await f.refer(guide, c);
    await send(() => mailsTo(p.email).some((m) => m.subject.includes(c.reference)));
    await f.step(unit, referralId, 'accept');
    await send(() => false, 2);
    const forwarded = mailsTo(p.email).filter((m) => /välitetty|förmedlats|passed on/.test(m.subject));
    expect(forwarded).toHaveLength(1);
    const mail = forwarded[0]!;
    expect(mail.subject).toContain(c.reference);
    expect(mail.text).toContain(c.reference);
    expect(ADULT_SOCIAL_WORK_NAMES.some((n) => mail.text.includes(n)), mail.text).toBe(true);
    expect(mail.text).not.toContain(p.hetu);
    expect(mail.text).not.toContain(p.name);
    expect(mail.text).not.toMatch(/toimeentulo|Toimeentulo/); // the referral's summary stays inside Opastin
    expect(mail.text).not.toMatch(/\{[a-zA-Z]+\}/);
    const rows = await db().selectFrom('outbound_message').selectAll().where('template', '=', 'matter_forwarded').where('reference', '=', c.reference).execute();
    expect(rows).toEqual([expect.objectContaining({ channel: 'email', recipient_kind: 'resident', state: 'sent', address: null })]);
  });

  it('without the consent to messages an e-mail address gets nothing', async () => {
    const p = newPerson('EiViesteja');
    const c = await f.contact(guide, p);
    const referralId = await f.refer(guide, c);
    await f.step(unit, referralId, 'accept');
    await send(() => false, 3);
    expect(mailsTo(p.email)).toEqual([]);
    expect(await db().selectFrom('outbound_message').select('id').where('reference', '=', c.reference).where('recipient_kind', '=', 'resident').execute()).toEqual([]);
  });

  it('consent to text messages only: the notice comes as a text message without the unit’s name', async () => {
    const p = newPerson('Tekstari');
    const c = await f.contact(guide, p, { messageChannels: ['sms'] });
    await f.refer(guide, c);
    const mine = () => sms.sent.filter((m) => m.body.includes(c.reference));
    await send(() => mine().length > 0);
    expect(mine().length).toBeGreaterThanOrEqual(1);
    for (const m of mine()) {
      expect(ADULT_SOCIAL_WORK_NAMES.some((n) => m.body.includes(n)), m.body).toBe(false);
      expect(m.body).not.toContain(p.name);
      expect(m.body).not.toMatch(/sosiaali|lastensuojelu|social|welfare/i);
    }
    expect(mailsTo(p.email)).toEqual([]);
  });

  it('an escalated referral: the unit’s shared mailbox receives the reminder, the supervisor the escalation notice', async () => {
    const p = newPerson('Myohassa');
    const c = await f.contact(guide, p);
    const referralId = await f.refer(guide, c);
    t.clock.now = new Date('2026-11-25T08:00:00+02:00');
    try {
      expect((await escalateReferrals(db(), t.clock.now)).escalated).toBeGreaterThanOrEqual(1);
    } finally { t.clock.now = MONDAY; }
    const ev = await db().selectFrom('outbox_event').select('id').where('subject', '=', `referral/${referralId}`).where('type', '=', 'fi.opastin.referral.escalated.v1').execute();
    expect(ev).toHaveLength(1);
    const unitMails = () => mailsTo(UNIT_MAILBOX).filter((m) => m.subject.includes(c.reference));
    const supervisorMails = () => mailsTo(SUPERVISOR_MAILBOX).filter((m) => m.subject.includes(c.reference));
    await send(() => unitMails().length > 0 && supervisorMails().length > 0);
    expect(unitMails()).toHaveLength(1);
    const reminder = unitMails()[0]!;
    expect(reminder.subject).toMatch(/Muistutus|Påminnelse|Reminder/);
    expect(reminder.text).toContain(PUBLIC_URL);
    expect(reminder.text).not.toMatch(/\{[a-zA-Z]+\}/);
    expectNoPersonalData(`${reminder.subject}\n${reminder.text}`, p, 'unit reminder');
    // ASSUMPTION: the supervisors with an e-mail address get the escalation notice (issue: "escalation notices to supervisors")
    expect(supervisorMails()).toHaveLength(1);
    expect(supervisorMails()[0]!.subject).toMatch(/Myöhässä|Försenad|Late/);
    expectNoPersonalData(`${supervisorMails()[0]!.subject}\n${supervisorMails()[0]!.text}`, p, 'escalation notice');
    const rows = await db().selectFrom('outbound_message').select(['template', 'recipient_kind', 'state', 'address']).where('reference', '=', c.reference).orderBy('template').execute();
    expect(rows).toEqual(expect.arrayContaining([
      { template: 'escalation_notice', recipient_kind: 'supervisor', state: 'sent', address: null },
      { template: 'referral_reminder', recipient_kind: 'unit', state: 'sent', address: null },
    ]));
  });

  it('an SMTP server that is down never blocks a worker’s action, and the message waits (not lost, not sent twice)', async () => {
    const down = { mail: createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'opastin@sealed.test' }), sms, publicUrl: PUBLIC_URL };
    const p = newPerson('Katkos');
    const c = await f.contact(guide, p, { messageChannels: ['email'] });
    await f.refer(guide, c);
    messageClock += 60_000;
    const r = await dispatchMessages(db(), new Date(messageClock), down);
    expect(r.failed).toBeGreaterThanOrEqual(1);
    down.mail?.close();
    // CHANGED after sealing (a review: a dead server is tried once per pass, not once per message): the
    // original expected this message itself to have 1 attempt; now the first message of the pass is tried
    // and the rest wait untried. Rewritten by the lead to the new rule; no longer counts as sealed.
    const waiting = await db().selectFrom('outbound_message').select(['template', 'state', 'attempts', 'last_error']).where('reference', '=', c.reference).orderBy('template').execute();
    expect(waiting.map((m) => m.state)).toEqual(waiting.map(() => 'pending'));
    expect(waiting.map((m) => m.template)).toContain('matter_forwarded');
    expect(waiting.filter((m) => m.attempts === 1 && m.last_error)).toHaveLength(1);
    // the server is back: the retry delivers it, once (the clock passes any backoff)
    messageClock += 3 * 3600_000;
    await send(() => mailsTo(p.email).some((m) => /välitetty|förmedlats|passed on/.test(m.subject)));
    expect(mailsTo(p.email).filter((m) => /välitetty|förmedlats|passed on/.test(m.subject))).toHaveLength(1);
  });
});
