/**
 * Text messages (issue 19): the callback form's confirmation and the "matter passed on" notice go
 * through the provider interface (RecordingSms, the test double) and say nothing sensitive; the
 * real provider (Twilio's Messages API) is exercised against a local HTTP server only.
 */
import http from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { dispatchMessages, type Senders } from './messages.service.js';
import { createSmsProvider, RecordingSms, SmsSendError, TwilioSms } from './sms.js';
import { PermanentSendError } from './mailer.js';

type Session = Awaited<ReturnType<typeof login>>;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
/** A port on 127.0.0.1 where nothing listens (taken and given back), to stand for a server that is down. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let t: TestApp;
let guide: Session;
let sms: RecordingSms;
let senders: Senders;
const db = () => t.database.db;
const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const SENSITIVE = /lastensuojelu|child welfare|barnskydd|lapsiperhe|aikuissosiaali|sosiaalityö|socialt arbete|Social work/i;

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  guide = await login(t.app, 'ohjaaja');
  sms = new RecordingSms();
  senders = { mail: null, sms, publicUrl: 'https://opastin.test' };
  await dispatchMessages(db(), MONDAY, senders);
});
afterAll(async () => { await t.close(); });

describe('the callback form’s text message', () => {
  it('confirms the request with the reference and a phone number, nothing about the matter', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/callback-requests',
      payload: { lang: 'fi', line: 'families', phone: '040 555 1234', name: 'Liisa', callbackWindow: 'aamupäivä', messages: ['sms'], dangerNow: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    const reference = res.json().reference as string;
    const result = await dispatchMessages(db(), MONDAY, senders);
    expect(result).toMatchObject({ queued: 1, sent: 1 });
    const sent = sms.sent.filter((m) => m.body.includes(reference));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe('+358405551234');
    expect(sent[0]!.body).toContain(`viite ${reference}`);
    expect(sent[0]!.body).toMatch(/Soitamme viimeistään \d{1,2}\.\d{1,2}\.2026/);
    expect(sent[0]!.body).toContain('112');
    expect(sent[0]!.body).toContain('Etelä-Pohjanmaan hyvinvointialue');
    expect(sent[0]!.body).not.toMatch(SENSITIVE);
    expect(sent[0]!.body).not.toContain('Liisa');
    const row = await db().selectFrom('outbound_message').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ template: 'callback_confirmation', channel: 'sms', state: 'sent', address: null, params: {}, provider_id: sent[0]!.id });
  });

  it('is not sent unless asked for (off by default: others may read the phone)', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/callback-requests', payload: { lang: 'fi', line: 'working_age', phone: '040 555 9999', dangerNow: false } });
    expect(res.statusCode).toBe(201);
    const before = sms.sent.length;
    await dispatchMessages(db(), MONDAY, senders);
    expect(sms.sent.length).toBe(before);
    expect(await db().selectFrom('outbound_message').select('id').where('reference', '=', res.json().reference).execute()).toEqual([]);
  });

  it('the callback form offers text messages only: e-mail is refused as input', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/callback-requests', payload: { lang: 'fi', line: 'working_age', phone: '040 555 9999', messages: ['email'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^body\.messages/);
  });
});

describe('the "passed on" notice by text message', () => {
  it('never names the unit, even a child welfare referral; the queued values hold no unit name', async () => {
    const c = await post('/api/contacts', {
      channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'child_concern', serviceArea: 'families',
      person: { name: 'Minna Mallikas', phone: '050 123 4567' }, messageChannels: ['sms'],
    });
    expect(c.statusCode, c.body).toBe(201);
    const { id, reference } = c.json() as { id: string; reference: string };
    await dispatchMessages(db(), MONDAY, senders); // the receipt
    const consent = await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Lastensuojelu' });
    const ref = await post(`/api/contacts/${id}/referrals`, {
      kind: 'message_to_service', shareResidentMessage: false, unit: 'child_welfare', consentId: consent.json().id, summary: 'Huoli lapsesta.', needs: ['child_concern'], urgency: 'non_urgent',
    });
    expect(ref.statusCode, ref.body).toBe(201);
    // the gateway is down on the first try: the queued row can be looked at while it waits
    sms.failNext = 1;
    const first = await dispatchMessages(db(), MONDAY, senders);
    expect(first.failed).toBe(1);
    const pending = await db().selectFrom('outbound_message').selectAll().where('recipient_id', '=', id).where('template', '=', 'matter_forwarded').executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ channel: 'sms', state: 'pending', address: '+358501234567', last_error: 'recording unavailable' });
    expect(Object.keys(pending.params).sort()).toEqual(['contactBy', 'countyName', 'phone', 'reference']);
    expect(JSON.stringify(pending.params)).not.toMatch(SENSITIVE);

    await dispatchMessages(db(), new Date(MONDAY.getTime() + 60_000), senders);
    const notice = sms.sent.filter((m) => m.body.startsWith(`Asiasi ${reference}`));
    expect(notice).toHaveLength(1);
    expect(notice[0]!.body).toBe(`Asiasi ${reference} on välitetty eteenpäin. Sinuun otetaan yhteyttä viimeistään ${formatDay(ref.json().contactBy)}. Kysyttävää: 06 0000 0100. Etelä-Pohjanmaan hyvinvointialue`);
    expect(notice[0]!.body).not.toMatch(SENSITIVE);
  });

  it('an e-mail consent without a configured SMTP server is logged as skipped, holding no address', async () => {
    const c = await post('/api/contacts', {
      channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income',
      person: { name: 'Pekka', phone: '040 222 3333', email: 'pekka@example.test' }, messageChannels: ['email', 'sms'],
    });
    const r = await dispatchMessages(db(), MONDAY, senders);
    expect(r).toMatchObject({ skipped: 1, sent: 1 });
    const rows = await db().selectFrom('outbound_message').select(['channel', 'state', 'last_error', 'address', 'params']).where('recipient_id', '=', c.json().id).orderBy('channel').execute();
    expect(rows).toEqual([
      { channel: 'email', state: 'skipped', last_error: 'email_not_configured', address: null, params: {} },
      { channel: 'sms', state: 'sent', last_error: null, address: null, params: {} },
    ]);
  });
});

function formatDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${Number(d)}.${Number(m)}.${y}`;
}

describe('Twilio’s Messages API (a local server stands in for Twilio)', () => {
  const SID = `AC${'0123456789abcdef'.repeat(2)}`;
  const TOKEN = 'secret-auth-token-123456';
  let server: http.Server;
  let baseUrl: string;
  const requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let answer: { status: number; body: unknown } = { status: 201, body: { sid: 'SM0001' } };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      req.on('end', () => {
        requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise<void>((resolve) => server.close(() => resolve())); });

  it('posts To, From and Body form-encoded with basic auth, and returns the sid', async () => {
    const twilio = new TwilioSms({ accountSid: SID, authToken: TOKEN, from: '+358401234000', baseUrl });
    answer = { status: 201, body: { sid: 'SM0001', status: 'queued' } };
    expect(await twilio.send('+358405551234', 'Viite ABC-123, soitamme 24.11.2026.')).toEqual({ id: 'SM0001' });
    const r = requests.at(-1)!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual({ To: '+358405551234', From: '+358401234000', Body: 'Viite ABC-123, soitamme 24.11.2026.' });
  });

  it('a refused number is permanent; a gateway error or an unreachable gateway is tried again; the reason holds no text', async () => {
    const twilio = new TwilioSms({ accountSid: SID, authToken: TOKEN, from: '+358401234000', baseUrl });
    answer = { status: 400, body: { code: 21211, message: "The 'To' number +358405551234 is not a valid phone number." } };
    await expect(twilio.send('+358405551234', 'x')).rejects.toEqual(new PermanentSendError('twilio 400 21211'));
    answer = { status: 503, body: { message: 'unavailable' } };
    const err = await twilio.send('+358405551234', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsSendError);
    expect((err as SmsSendError).reason).toBe('twilio 503');
    const closed = new TwilioSms({ accountSid: SID, authToken: TOKEN, from: '+358401234000', baseUrl: `http://127.0.0.1:${await closedPort()}` });
    const down = await closed.send('+358405551234', 'x').catch((e: unknown) => e);
    expect(down).toBeInstanceOf(SmsSendError);
    expect((down as SmsSendError).reason).toMatch(/^twilio (ECONNREFUSED|network_error)$/);
  });

  it('sends a queued message through the dispatcher and keeps the sid', async () => {
    answer = { status: 201, body: { sid: 'SM0042' } };
    const twilio = new TwilioSms({ accountSid: SID, authToken: TOKEN, from: '+358401234000', baseUrl });
    const res = await t.app.inject({ method: 'POST', url: '/api/public/callback-requests', payload: { lang: 'en', line: 'working_age', phone: '040 777 8888', messages: ['sms'], dangerNow: false } });
    const reference = res.json().reference as string;
    await dispatchMessages(db(), MONDAY, { mail: null, sms: twilio, publicUrl: 'https://opastin.test' });
    const body = Object.fromEntries(new URLSearchParams(requests.at(-1)!.body));
    expect(body.To).toBe('+358407778888');
    expect(body.Body).toMatch(new RegExp(`^Your callback request was received, reference ${reference}\\. We will call by \\d{1,2}\\.\\d{1,2}\\.2026`));
    const row = await db().selectFrom('outbound_message').select(['state', 'provider_id', 'lang']).where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'sent', provider_id: 'SM0042', lang: 'en' });
  });

  it('is what SMS_PROVIDER=twilio configures; none configured is null', () => {
    expect(createSmsProvider(null)).toBeNull();
    const p = createSmsProvider({ provider: 'twilio', accountSid: SID, authToken: TOKEN, from: '+358401234000' });
    expect(p).toBeInstanceOf(TwilioSms);
    expect(p?.name).toBe('twilio');
  });
});
