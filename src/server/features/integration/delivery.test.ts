/**
 * Webhook delivery (issue 19, ADR 0017): a receiving system, a real HTTP server on 127.0.0.1, gets
 * every referral event of Jaska's loop in order with valid signatures, survives being down, sees
 * dead letters replayed, and never holds up a worker's action. Time is the test's clock; the
 * retries' schedule is walked pass by pass.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelaySeconds, type CloudEvent } from '../../../domain/events.js';
import { verifySignature } from './signature.js';
import { dispatchWebhooks } from './webhooks.service.js';
import { createDispatcher } from './dispatcher.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, unit: Session, admin: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const db = () => t.database.db;

async function setClock(at: Date) {
  t.clock.now = at;
  // hours later the earlier sessions have expired, as they should
  [guide, unit, admin] = (await Promise.all(['ohjaaja', 'yksikko', 'admin'].map((u) => login(t.app, u)))) as [Session, Session, Session];
}
const advance = async (seconds: number) => { t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000); };

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY, config: { webhookAllowHttp: true } });
  await setClock(MONDAY);
});
afterEach(async () => {
  await db().deleteFrom('webhook_subscription').execute();
  for (const r of receivers.splice(0)) await r.close();
  await setClock(MONDAY);
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const postEmpty = (url: string, s: Session) => t.app.inject({ method: 'POST', url, headers: s.headers });
const get = (url: string, s: Session = admin) => t.app.inject({ url, headers: s.headers });
const dispatch = (opts: { timeoutMs?: number } = {}) => dispatchWebhooks(db(), t.clock.now, { allowHttp: true, ...opts });

// ——— the receiving system ———

interface Delivery { body: string; event: CloudEvent; signature: string | undefined; contentType: string | undefined; status: number }
type Answer = number | 'hang';
interface Receiver {
  url: string;
  /** every request, with the status it was answered (hanging ones are not here) */
  requests: Delivery[];
  /** the events it acknowledged (2xx), in arrival order */
  accepted: () => CloudEvent[];
  answer: (event: CloudEvent) => Answer;
  /** resolves at the next request that arrives */
  nextRequest: () => Promise<void>;
  /** the server goes away (ECONNREFUSED) */
  down: () => Promise<void>;
  /** back on the same port */
  up: () => Promise<void>;
  /** cuts the requests left hanging */
  cutHanging: () => void;
  close: () => Promise<void>;
}
const receivers: Receiver[] = [];

async function startReceiver(answer: (event: CloudEvent) => Answer = () => 200, path = '/opastin/events', delayMs = 0): Promise<Receiver> {
  const requests: Delivery[] = [];
  const hanging = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  let waiters: (() => void)[] = [];
  let port = 0;
  const r: Receiver = {
    url: '', requests, answer,
    accepted: () => requests.filter((d) => d.status >= 200 && d.status < 300).map((d) => d.event),
    nextRequest: () => new Promise((resolve) => { waiters.push(resolve); }),
    down: async () => {
      r.cutHanging();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    up: () => new Promise((resolve) => { server.listen(port, '127.0.0.1', () => resolve()); }),
    cutHanging: () => { for (const res of hanging) res.socket?.destroy(); hanging.clear(); },
    close: async () => { if (server.listening) await r.down(); },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => {
      const event = JSON.parse(body) as CloudEvent;
      const a = r.answer(event);
      for (const w of waiters.splice(0)) w();
      if (a === 'hang') { hanging.add(res); return; }
      requests.push({ body, event, signature: req.headers['opastin-signature'] as string | undefined, contentType: req.headers['content-type'], status: a });
      const send = () => res.writeHead(a, { 'content-type': 'text/plain' }).end(a >= 400 ? 'Jaska Jokunen: a body that must never be stored' : 'ok');
      if (delayMs) setTimeout(send, delayMs); else send();
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
  r.url = `http://127.0.0.1:${port}${path}`;
  waiters = [];
  receivers.push(r);
  return r;
}

// ——— Jaska's loop, as referrals.test.ts runs it ———

const JASKA = { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', 123), phone: '040 765 4321' };
const REFERRAL_TYPES = ['sent', 'accepted', 'returned', 'client_contacted', 'completed', 'cancelled', 'escalated'].map((s) => `fi.opastin.referral.${s}.v1`);

async function jaskaReferral(): Promise<string> {
  const c = await post('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    note: 'Työmarkkinatuki katkesi, laskuja maksamatta, ei yhteyttä TE-palveluihin.', person: JASKA,
  });
  expect(c.statusCode).toBe(201);
  const consent = await post(`/api/contacts/${c.json().id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
  expect(consent.statusCode).toBe(200);
  const res = await post(`/api/contacts/${c.json().id}/referrals`, {
    kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: consent.json().id,
    summary: 'Jaskan toimeentulo ja työllistyminen: palvelutarpeen arviointi, asiakassuunnitelma.', needs: ['income', 'employment_education'], urgency: 'non_urgent',
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function accept(id: string) {
  const res = await postEmpty(`/api/referrals/${id}/accept`, unit);
  expect(res.statusCode).toBe(200);
  return res;
}
async function contacted(id: string) { expect((await postEmpty(`/api/referrals/${id}/contact`, unit)).statusCode).toBe(200); }
async function complete(id: string) { expect((await post(`/api/referrals/${id}/complete`, { outcome: 'got_help', note: 'Asiakassuunnitelma tehty.' }, unit)).statusCode).toBe(200); }

let subscriptions = 0;
async function subscribe(url: string, eventTypes = REFERRAL_TYPES, name = `Asiakastietojärjestelmä ${++subscriptions}`): Promise<{ id: string; secret: string }> {
  const res = await post('/api/admin/webhooks', { name, url, eventTypes }, admin);
  expect(res.statusCode).toBe(201);
  return { id: res.json().subscription.id, secret: res.json().secret };
}

const ofReferral = (events: CloudEvent[], id: string) => events.filter((e) => e.subject === `referral/${id}`);
const kinds = (events: CloudEvent[]) => events.map((e) => e.type.replace(/^fi\.opastin\.referral\.|\.v1$/g, ''));
const deliveriesOf = async (subId: string, state?: string) => (await get(`/api/admin/webhooks/${subId}/deliveries${state ? `?state=${state}` : ''}`)).json().deliveries as {
  id: string; type: string; subject: string; sequence: string; state: string; attempts: number; lastStatus: number | null; lastError: string | null; nextAttemptAt: string | null;
}[];
const countsOf = async (subId: string) => ((await get('/api/admin/webhooks')).json().subscriptions as { id: string; deliveries: Record<string, unknown> }[]).find((s) => s.id === subId)!.deliveries;

/** The acknowledged requests carry a signature that verifies now (at the test's clock). */
function expectSigned(r: Receiver, secret: string) {
  for (const d of r.requests.filter((x) => x.status < 300)) {
    expect(d.contentType).toMatch(/^application\/cloudevents\+json/);
    expect(verifySignature(secret, d.signature, d.body, Math.floor(t.clock.now.getTime() / 1000)), `signature of ${d.event.type}`).toBe(true);
    // signed with this secret, over exactly this body
    expect(verifySignature(`${secret}x`, d.signature, d.body, Math.floor(t.clock.now.getTime() / 1000))).toBe(false);
    expect(verifySignature(secret, d.signature, `${d.body} `, Math.floor(t.clock.now.getTime() / 1000))).toBe(false);
  }
}

describe('a receiving system gets Jaska’s referral loop', () => {
  it('every referral event, in order, signed, once; no personal data without a legal basis', async () => {
    const r = await startReceiver();
    const { id: subId, secret } = await subscribe(r.url);
    const referral = await jaskaReferral();
    await accept(referral);
    await contacted(referral);
    await complete(referral);
    expect(r.requests).toEqual([]); // nothing leaves during the worker's actions

    const pass = await dispatch();
    expect(pass).toMatchObject({ delivered: 4, failed: 0, dead: 0 });
    const mine = ofReferral(r.accepted(), referral);
    expect(kinds(mine)).toEqual(['sent', 'accepted', 'client_contacted', 'completed']);
    expect(r.accepted()).toHaveLength(4); // referral events only: the contact's own events are not subscribed
    const seqs = mine.map((e) => BigInt(e.sequence));
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
    expectSigned(r, secret);
    expect(mine[0]).toMatchObject({
      specversion: '1.0', source: '/opastin/counties/etela_pohjanmaa', subject: `referral/${referral}`, datacontenttype: 'application/json',
      data: { referralId: referral, unit: 'adult_social_work', status: 'requested', kind: 'referral_for_assessment' },
    });
    expect(mine[3]!.data).toMatchObject({ status: 'completed', outcome: 'got_help' });
    expect(JSON.stringify(r.requests.map((d) => d.body))).not.toMatch(/Jaska|Jokunen|040 765|407654321|\+358|140396/);

    // nothing twice: the next pass has nothing to send
    expect(await dispatch()).toMatchObject({ fannedOut: 0, delivered: 0, failed: 0 });
    expect(r.requests).toHaveLength(4);
    expect(await countsOf(subId)).toMatchObject({ pending: 0, delivered: 4, dead: 0, lastError: null, oldestPendingAt: null, lastDeliveredAt: MONDAY.toISOString() });
    // the cursor passed every event seen, the contact's and consent's too
    const [cursor, newest] = await Promise.all([
      db().selectFrom('webhook_subscription').select('after_seq').where('id', '=', subId).executeTakeFirstOrThrow(),
      db().selectFrom('outbox_event').select((eb) => eb.fn.max('seq').as('hi')).executeTakeFirstOrThrow(),
    ]);
    expect(String(cursor.after_seq)).toBe(String(newest.hi));
    expect((await deliveriesOf(subId)).map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
  });

  it('across subjects, a pass delivers in commit order (sequence): the lease’s rows are put back in order', async () => {
    const r = await startReceiver();
    await subscribe(r.url, ['fi.opastin.contact.registered.v1']);
    for (let i = 0; i < 30; i++) {
      const c = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income', serviceArea: 'working_age' });
      expect(c.statusCode).toBe(201);
    }
    expect(await dispatch()).toMatchObject({ delivered: 30, failed: 0 });
    const seqs = r.accepted().map((e) => BigInt(e.sequence));
    expect(new Set(r.accepted().map((e) => e.subject)).size).toBe(30);
    expect(seqs).toEqual([...seqs].sort((a, b) => (a < b ? -1 : 1)));
  });

  it('a receiver answering 500, then gone for an hour, gets every event afterwards, in order, with no gaps', async () => {
    let broken = true;
    const r = await startReceiver(() => (broken ? 500 : 200));
    const { id: subId, secret } = await subscribe(r.url);
    const referral = await jaskaReferral();
    await accept(referral);

    // 500: the first event fails, and the second waits behind it (order per referral)
    expect(await dispatch()).toMatchObject({ delivered: 0, failed: 1 });
    expect(r.requests.map((d) => d.status)).toEqual([500]);
    const first = await deliveriesOf(subId);
    expect(first.map((d) => [d.type, d.state, d.attempts, d.lastStatus, d.lastError])).toEqual([
      ['fi.opastin.referral.accepted.v1', 'pending', 0, null, null],
      ['fi.opastin.referral.sent.v1', 'pending', 1, 500, 'HTTP 500'],
    ]);
    expect(first[1]!.nextAttemptAt).toBe(new Date(MONDAY.getTime() + retryDelaySeconds(1) * 1000).toISOString());
    // the response body is never kept
    expect((await get('/api/admin/webhooks')).body + (await get(`/api/admin/webhooks/${subId}/deliveries`)).body).not.toMatch(/Jaska|must never/);
    expect(JSON.stringify(await db().selectFrom('webhook_delivery').selectAll().where('subscription_id', '=', subId).execute())).not.toMatch(/Jaska|must never/);

    // then gone altogether while the unit goes on working
    await r.down();
    await contacted(referral);
    await complete(referral);
    const hourLater = MONDAY.getTime() + 3600_000;
    let passes = 0;
    while (t.clock.now.getTime() < hourLater) {
      const pending = (await deliveriesOf(subId, 'pending')).find((d) => d.attempts > 0)!;
      await setClock(new Date(t.clock.now.getTime() + retryDelaySeconds(pending.attempts) * 1000));
      expect((await dispatch()).delivered).toBe(0);
      passes++;
    }
    expect(passes).toBeGreaterThanOrEqual(5);
    const waiting = await deliveriesOf(subId, 'pending');
    expect(waiting).toHaveLength(4);
    expect(waiting.find((d) => d.type.endsWith('.sent.v1'))).toMatchObject({ lastStatus: null, lastError: 'ECONNREFUSED' });
    const counts = await countsOf(subId);
    expect(counts).toMatchObject({ pending: 4, delivered: 0, dead: 0, lastError: 'ECONNREFUSED' });
    expect(counts.oldestPendingAt).toEqual(expect.any(String));

    // back: everything, in order, exactly once (no 2xx was ever missed, so no duplicates)
    broken = false;
    await r.up();
    await setClock(new Date(Math.max(...waiting.map((d) => Date.parse(d.nextAttemptAt!)))));
    expect(await dispatch()).toMatchObject({ delivered: 4, failed: 0 });
    expect(kinds(r.accepted())).toEqual(['sent', 'accepted', 'client_contacted', 'completed']);
    expect(r.accepted().every((e) => e.subject === `referral/${referral}`)).toBe(true);
    expectSigned(r, secret);
    expect(await countsOf(subId)).toMatchObject({ pending: 0, delivered: 4, dead: 0, lastError: null });
  });
});

describe('retries and dead letters', () => {
  it('a delivery is dead after MAX_DELIVERY_ATTEMPTS, listed and counted; replaying one and then all delivers them', async () => {
    let status = 500;
    const r = await startReceiver(() => status);
    const { id: subId } = await subscribe(r.url, ['fi.opastin.referral.sent.v1']);
    const a = await jaskaReferral();
    const b = await jaskaReferral();
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const pass = await dispatch();
      expect(pass.failed, `pass ${attempt}`).toBe(2);
      expect(pass.dead).toBe(attempt === MAX_DELIVERY_ATTEMPTS ? 2 : 0);
      await advance(retryDelaySeconds(attempt));
    }
    expect(r.requests).toHaveLength(2 * MAX_DELIVERY_ATTEMPTS);
    expect(await dispatch()).toMatchObject({ delivered: 0, failed: 0 }); // dead: not tried again
    await setClock(t.clock.now);
    const dead = await deliveriesOf(subId, 'dead');
    expect(dead.map((d) => d.subject).sort()).toEqual([`referral/${a}`, `referral/${b}`].sort());
    expect(dead.every((d) => d.attempts === MAX_DELIVERY_ATTEMPTS && d.lastStatus === 500 && d.lastError === 'HTTP 500' && d.nextAttemptAt === null)).toBe(true);
    expect(await deliveriesOf(subId, 'pending')).toEqual([]);
    expect(await countsOf(subId)).toMatchObject({ pending: 0, delivered: 0, dead: 2, lastError: 'HTTP 500' });

    status = 204;
    const one = await post(`/api/admin/webhooks/${subId}/deliveries/${dead[0]!.id}/replay`, {}, admin);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: dead[0]!.id, state: 'pending', attempts: 0, deadAt: null, nextAttemptAt: t.clock.now.toISOString() });
    expect(await dispatch()).toMatchObject({ delivered: 1, failed: 0 });
    expect(r.accepted().map((e) => e.subject)).toEqual([dead[0]!.subject]);

    const all = await post(`/api/admin/webhooks/${subId}/replay`, {}, admin);
    expect(all.json()).toEqual({ replayed: 1 });
    expect(await dispatch()).toMatchObject({ delivered: 1 });
    expect(r.accepted().map((e) => e.subject).sort()).toEqual([`referral/${a}`, `referral/${b}`].sort());
    expect(await countsOf(subId)).toMatchObject({ pending: 0, delivered: 2, dead: 0, lastError: null });
    expect((await post(`/api/admin/webhooks/${subId}/replay`, {}, admin)).json()).toEqual({ replayed: 0 });

    // a delivered event may be sent again on request
    const again = await post(`/api/admin/webhooks/${subId}/deliveries/${dead[1]!.id}/replay`, {}, admin);
    expect(again.json()).toMatchObject({ state: 'pending', attempts: 0 });
    expect(await dispatch()).toMatchObject({ delivered: 1 });
    expect(r.accepted()).toHaveLength(3);
  });

  it('a failing referral does not hold up another referral’s events; its own wait behind it and follow in order', async () => {
    let refuse = '';
    const r = await startReceiver((e) => (e.subject === refuse ? 500 : 200));
    const { id: subId } = await subscribe(r.url);
    const a = await jaskaReferral();
    const b = await jaskaReferral();
    refuse = `referral/${a}`;
    await accept(a);
    await accept(b);
    await contacted(b);

    expect(await dispatch()).toMatchObject({ delivered: 3, failed: 1 });
    expect(kinds(ofReferral(r.accepted(), b))).toEqual(['sent', 'accepted', 'client_contacted']);
    expect(ofReferral(r.accepted(), a)).toEqual([]);
    expect(r.requests.filter((d) => d.event.subject === refuse).map((d) => d.event.type)).toEqual(['fi.opastin.referral.sent.v1']); // accepted waited
    const waiting = (await deliveriesOf(subId, 'pending')).map((d) => [d.type, d.attempts]);
    expect(waiting).toEqual([['fi.opastin.referral.accepted.v1', 0], ['fi.opastin.referral.sent.v1', 1]]);

    refuse = '';
    await advance(retryDelaySeconds(1));
    expect(await dispatch()).toMatchObject({ delivered: 2, failed: 0 });
    expect(kinds(ofReferral(r.accepted(), a))).toEqual(['sent', 'accepted']);
  });

  it('replaying a delivery waiting for its retry tries it now, keeping its count', async () => {
    let status = 500;
    const r = await startReceiver(() => status);
    const { id: subId } = await subscribe(r.url, ['fi.opastin.referral.sent.v1']);
    await jaskaReferral();
    await dispatch();
    await dispatch();
    expect(r.requests).toHaveLength(1); // not due again yet
    const [waiting] = await deliveriesOf(subId, 'pending');
    const res = await post(`/api/admin/webhooks/${subId}/deliveries/${waiting!.id}/replay`, {}, admin);
    expect(res.json()).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, nextAttemptAt: t.clock.now.toISOString() });
    status = 200;
    expect(await dispatch()).toMatchObject({ delivered: 1 });
    expect((await deliveriesOf(subId))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('a paused subscription gets nothing; resumed, it gets what was committed meanwhile', async () => {
    const r = await startReceiver();
    const { id: subId } = await subscribe(r.url);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${subId}`, payload: { active: false }, headers: admin.headers })).statusCode).toBe(200);
    const referral = await jaskaReferral();
    await accept(referral);
    expect(await dispatch()).toMatchObject({ fannedOut: 0, delivered: 0 });
    expect(r.requests).toEqual([]);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${subId}`, payload: { active: true }, headers: admin.headers })).statusCode).toBe(200);
    expect(await dispatch()).toMatchObject({ fannedOut: 2, delivered: 2 });
    expect(kinds(ofReferral(r.accepted(), referral))).toEqual(['sent', 'accepted']);
  });

  it('a pull-only subscription given an address is pushed what is committed from then on', async () => {
    const r = await startReceiver();
    const res = await post('/api/admin/webhooks', { name: 'Vedettävä', url: null, eventTypes: REFERRAL_TYPES }, admin);
    const subId = res.json().subscription.id as string;
    const before = await jaskaReferral();
    expect(await dispatch()).toMatchObject({ fannedOut: 0 });
    expect((await t.app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${subId}`, payload: { url: r.url }, headers: admin.headers })).statusCode).toBe(200);
    const after = await jaskaReferral();
    expect(await dispatch()).toMatchObject({ fannedOut: 1, delivered: 1 });
    expect(r.accepted().map((e) => e.subject)).toEqual([`referral/${after}`]);
    void before;
  });

  it('a push subscription made pull-only drops its pending deliveries (its system pulls the events)', async () => {
    const r = await startReceiver();
    const { id: subId } = await subscribe(r.url);
    const referral = await jaskaReferral();
    expect(await dispatch()).toMatchObject({ fannedOut: 1, delivered: 1 });
    await accept(referral);
    await jaskaReferral();
    await dispatchWebhooks(db(), t.clock.now, { allowHttp: true, maxDeliveries: 0 }); // fanned out, not sent
    expect((await deliveriesOf(subId, 'pending')).length).toBe(2);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${subId}`, payload: { url: null }, headers: admin.headers });
    expect(res.statusCode, res.body).toBe(200);
    expect(await deliveriesOf(subId, 'pending')).toEqual([]);
    expect((await deliveriesOf(subId)).map((d) => d.state)).toEqual(['delivered']); // what was delivered stays listed
    expect(await countsOf(subId)).toMatchObject({ pending: 0, delivered: 1, oldestPendingAt: null });
  });

  it('a redirect is not followed: it counts as a failure', async () => {
    const target = await startReceiver();
    const redirector = await startReceiver(() => 307);
    const { id: subId } = await subscribe(redirector.url, ['fi.opastin.referral.sent.v1']);
    void target;
    await jaskaReferral();
    expect(await dispatch()).toMatchObject({ delivered: 0, failed: 1 });
    expect(target.requests).toEqual([]);
    expect((await deliveriesOf(subId))[0]).toMatchObject({ state: 'pending', lastStatus: 307, lastError: 'HTTP 307 (redirects are not followed)' });
  });
});

describe('a subscriber that hangs or is unreachable', () => {
  it('never holds up a worker: the unit’s actions answer while a delivery hangs, and the delivery stays pending', async () => {
    const r = await startReceiver(() => 'hang');
    const { id: subId } = await subscribe(r.url);
    const referral = await jaskaReferral();
    const arrived = r.nextRequest();
    const running = dispatch({ timeoutMs: 120_000 });
    await arrived; // the dispatcher's request is out, unanswered

    const res = await accept(referral);
    expect(res.json()).toMatchObject({ status: 'accepted' });
    await contacted(referral);
    const view = await t.app.inject({ url: `/api/referrals/${referral}`, headers: guide.headers });
    expect(view.json()).toMatchObject({ status: 'client_contacted' });
    const rows = await db().selectFrom('webhook_delivery').select(['state', 'attempts', 'lease_until']).where('subscription_id', '=', subId).orderBy('seq').execute();
    expect(rows.map((d) => [d.state, d.attempts])).toEqual([['pending', 0]]); // only the first was fanned out when the pass began
    expect(rows[0]!.lease_until).not.toBeNull();

    r.cutHanging();
    const pass = await running;
    expect(pass).toMatchObject({ delivered: 0, failed: 1, failing: [subId] });
    const after = await deliveriesOf(subId, 'pending');
    expect(after.find((d) => d.type.endsWith('.sent.v1'))).toMatchObject({ attempts: 1, lastStatus: null });
  });

  it('a subscriber that does not answer in time is given up for the pass: its other subjects wait untried, others flow', async () => {
    const slow = await startReceiver(() => 'hang');
    const fine = await startReceiver();
    const { id: slowId } = await subscribe(slow.url);
    const { id: fineId } = await subscribe(fine.url);
    const a = await jaskaReferral();
    const b = await jaskaReferral();
    const pass = await dispatch({ timeoutMs: 300 });
    expect(pass).toMatchObject({ delivered: 2, failed: 1, failing: [slowId] });
    expect(kinds(fine.accepted())).toEqual(['sent', 'sent']);
    const waiting = await deliveriesOf(slowId, 'pending');
    expect(waiting.map((d) => d.attempts).sort()).toEqual([0, 1]);
    expect(waiting.find((d) => d.attempts === 1)).toMatchObject({ lastError: 'timeout' });
    const untried = await db().selectFrom('webhook_delivery').select('lease_until').where('subscription_id', '=', slowId).where('attempts', '=', 0).executeTakeFirstOrThrow();
    expect(untried.lease_until).toBeNull(); // released: due again at the next pass
    expect(await countsOf(fineId)).toMatchObject({ delivered: 2 });
    void a; void b;
    slow.cutHanging();
  });

  it('429 and 503 leave the subscriber for the pass like a network failure: the attempt counts, the rest waits untried', async () => {
    for (const status of [429, 503]) {
      const busy = await startReceiver(() => status);
      const fine = await startReceiver();
      const { id: busyId } = await subscribe(busy.url, ['fi.opastin.referral.sent.v1']);
      await subscribe(fine.url, ['fi.opastin.referral.sent.v1']);
      await jaskaReferral();
      await jaskaReferral();
      const pass = await dispatch();
      expect(pass, String(status)).toMatchObject({ delivered: 2, failed: 1, dead: 0, failing: [busyId] });
      expect(busy.requests.map((d) => d.status)).toEqual([status]); // the other subject was not tried
      expect(fine.accepted()).toHaveLength(2);
      const waiting = await deliveriesOf(busyId, 'pending');
      expect(waiting.map((d) => [d.attempts, d.lastStatus]).sort()).toEqual([[0, null], [1, status]]);
      expect(waiting.find((d) => d.attempts === 1)!.nextAttemptAt).toBe(new Date(t.clock.now.getTime() + retryDelaySeconds(1) * 1000).toISOString());
      await db().deleteFrom('webhook_subscription').execute();
    }
  });

  it('a slow subscriber slows only itself: a healthy one gets every event in the same pass', async () => {
    // the slow one answers once the healthy one has all its events (or after a while, when the
    // pass's budget is spent): a pass that waited for it between rounds would leave the healthy one short
    let healthyDone: () => void = () => undefined;
    const allThere = new Promise<void>((resolve) => { healthyDone = resolve; });
    const fine = await startReceiver();
    // never reached: the fetch below answers for it
    const slowUrl = 'http://127.0.0.1:9/slow';
    const slowAnswers: number[] = [];
    await subscribe(slowUrl);
    const { id: fineId } = await subscribe(fine.url);
    const referral = await jaskaReferral();
    await accept(referral);
    await contacted(referral);
    await complete(referral);
    const originalFetch = globalThis.fetch;
    const fetchImpl: typeof fetch = async (input, init) => {
      if (String(input) === slowUrl) {
        await Promise.race([allThere, new Promise((resolve) => { setTimeout(resolve, 1500); })]);
        slowAnswers.push(200);
        return new Response('ok', { status: 200 });
      }
      const res = await originalFetch(input, init);
      if (fine.accepted().length === 4) healthyDone();
      return res;
    };
    const pass = await dispatchWebhooks(db(), t.clock.now, { allowHttp: true, fetch: fetchImpl, budgetMs: 1000 });
    expect(kinds(fine.accepted())).toEqual(['sent', 'accepted', 'client_contacted', 'completed']);
    expect(await countsOf(fineId)).toMatchObject({ pending: 0, delivered: 4 });
    expect(pass.failed).toBe(0);
    expect(slowAnswers.length).toBeGreaterThanOrEqual(1);
    expect(pass.delivered).toBe(4 + slowAnswers.length);
  });

  it('an address no longer allowed (http after WEBHOOK_ALLOW_HTTP was turned off) is not called', async () => {
    const r = await startReceiver();
    const { id: subId } = await subscribe(r.url, ['fi.opastin.referral.sent.v1']);
    await jaskaReferral();
    expect(await dispatchWebhooks(db(), t.clock.now, { allowHttp: false })).toMatchObject({ delivered: 0, failed: 1 });
    expect(r.requests).toEqual([]);
    expect((await deliveriesOf(subId))[0]).toMatchObject({ lastError: 'address_refused' });
  });

  it('a loopback address is never connected to outside a closed test network (SSRF): address_not_allowed', async () => {
    const r = await startReceiver();
    const { id: subId } = await subscribe(r.url.replace('http://', 'https://'), ['fi.opastin.referral.sent.v1']);
    await jaskaReferral();
    expect(await dispatchWebhooks(db(), t.clock.now, { allowHttp: false })).toMatchObject({ delivered: 0, failed: 1 });
    expect(r.requests).toEqual([]);
    // refused before connecting (a connection would end in a TLS error against this plain receiver)
    expect((await deliveriesOf(subId))[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: 'address_not_allowed', lastStatus: null });
  });
});

describe('several dispatchers', () => {
  it('two passes at once never deliver an event twice to a healthy receiver (the lease)', async () => {
    // answers after a moment, so that the two passes overlap
    const r = await startReceiver(() => 200, '/events', 30);
    await subscribe(r.url);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await jaskaReferral();
      await accept(id);
      ids.push(id);
    }
    // fanned out first (a pass that sends nothing), so that both passes race for the same due deliveries
    expect(await dispatchWebhooks(db(), t.clock.now, { allowHttp: true, maxDeliveries: 0 })).toMatchObject({ fannedOut: 12, delivered: 0 });
    const [p1, p2] = await Promise.all([dispatch(), dispatch()]);
    expect(p1.delivered + p2.delivered + (await dispatch()).delivered).toBe(12);
    const seen = r.accepted().map((e) => e.id);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    for (const id of ids) expect(kinds(ofReferral(r.accepted(), id))).toEqual(['sent', 'accepted']);
  });
});

describe('the dispatcher', () => {
  function captureLog() {
    const lines: string[] = [];
    const write = (level: string) => (obj: unknown, msg?: string) => { lines.push(`${level} ${typeof obj === 'string' ? obj : JSON.stringify(obj)} ${msg ?? ''}`); };
    const log = { info: write('info'), warn: write('warn'), error: write('error'), debug: write('debug'), trace: write('trace'), fatal: write('fatal'), level: 'info', silent: () => undefined } as unknown as FastifyBaseLogger;
    (log as unknown as { child: () => FastifyBaseLogger }).child = () => log;
    return { log, lines };
  }

  it('wakes at the outbox’s NOTIFY: an event committed by a worker reaches the receiver without a tick', async () => {
    const r = await startReceiver(() => 200, '/hook?token=receiver-query-token-123');
    const { secret } = await subscribe(r.url);
    const { log, lines } = captureLog();
    const dispatcher = createDispatcher(t.database, t.config, log);
    try {
      const arrived = r.nextRequest();
      const referral = await jaskaReferral();
      await arrived;
      await dispatcher.stop(); // waits for the pass under way
      expect(ofReferral(r.accepted(), referral).map((e) => e.type)).toEqual(['fi.opastin.referral.sent.v1']);
      expect(lines.join('\n')).not.toMatch(/receiver-query-token-123|127\.0\.0\.1/);
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      await dispatcher.stop();
    }
  });

  it('stop() lets the request under way finish and starts no other; the rest wait, released, for another process', async () => {
    const r = await startReceiver(() => 200, '/slow', 100);
    const { id: subId } = await subscribe(r.url, ['fi.opastin.referral.sent.v1']);
    for (let i = 0; i < 3; i++) await jaskaReferral();
    const { log } = captureLog();
    const dispatcher = createDispatcher(t.database, t.config, log);
    const arrived = r.nextRequest();
    const running = dispatcher.runOnce(t.clock.now);
    await arrived;
    await dispatcher.stop();
    await running;
    expect(r.accepted()).toHaveLength(1);
    const rows = await db().selectFrom('webhook_delivery').select(['state', 'lease_until']).where('subscription_id', '=', subId).orderBy('seq').execute();
    expect(rows.map((d) => [d.state, d.lease_until])).toEqual([['delivered', null], ['pending', null], ['pending', null]]);
    await dispatcher.runOnce(t.clock.now); // stopped: does nothing
    expect(r.requests).toHaveLength(1);
  });

  it('a backlog beyond one pass\'s bound drains in one run, not a bound a minute (a pass at its bound asks for another)', async () => {
    const r = await startReceiver(() => 200);
    const { id: subId } = await subscribe(r.url, ['fi.opastin.contact.registered.v1']);
    const county = await db().selectFrom('webhook_subscription').select('county_id').where('id', '=', subId).executeTakeFirstOrThrow();
    // 520 events in one commit: more than the 500 tries one pass makes
    await db().transaction().execute(async (trx) => {
      await sql`insert into outbox_event (county_id, type, subject, data)
        select ${county.county_id}::uuid, 'fi.opastin.contact.registered.v1', 'contact/' || gen_random_uuid(), '{}'::jsonb from generate_series(1, 520)`.execute(trx);
    });
    const { log } = captureLog();
    const dispatcher = createDispatcher(t.database, t.config, log);
    try {
      await dispatcher.runOnce(t.clock.now);
      expect(r.accepted()).toHaveLength(520);
      expect((await db().selectFrom('webhook_delivery').select(sql<number>`count(*)::int`.as('n')).where('subscription_id', '=', subId).where('state', '=', 'pending').executeTakeFirstOrThrow()).n).toBe(0);
    } finally {
      await dispatcher.stop();
    }
  });

  it('logs a failing subscriber by its id only, never its address, token or secret; a pass never throws for it', async () => {
    const r = await startReceiver(() => 500, '/hook?token=receiver-query-token-456');
    const { id, secret } = await subscribe(r.url);
    await jaskaReferral();
    const { log, lines } = captureLog();
    const dispatcher = createDispatcher(t.database, t.config, log);
    try {
      await dispatcher.runOnce(t.clock.now);
      expect(r.requests.map((d) => d.status)).toEqual([500]);
      const text = lines.join('\n');
      expect(text).toMatch(new RegExp(`warn .*${id}.* webhooks: some deliveries failed`));
      expect(text).not.toMatch(/receiver-query-token-456|127\.0\.0\.1|Jaska/);
      expect(text).not.toContain(secret);
    } finally {
      await dispatcher.stop();
    }
  });
});
