import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { testConfig } from '../../platform/config.js';
import { buildApp } from '../../app.js';
import type { DB } from '../../platform/schema.js';
import { runRetention } from '../records/public.js';
import { resolveCountyId } from '../organisation/public.js';
import { addSelfServiceLink, publicSite, removeSelfServiceLink, setSiteSettings } from './public.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
});
afterAll(async () => { await t.close(); });

let n = 0;
/** Each test gets its own client address and phone number, so the rate limits of one do not meet another's. */
const fresh = () => { n += 1; return { ip: `10.1.0.${n}`, phone: `040 555 ${String(1000 + n)}` }; };
const submit = (url: string, payload: unknown, opts: { ip?: string; headers?: Record<string, string> } = {}) =>
  t.app.inject({ method: 'POST', url: `/api/public/${url}`, payload: payload as object, remoteAddress: opts.ip ?? fresh().ip, headers: opts.headers });
const view = async (id: string) => (await t.app.inject({ url: `/api/contacts/${id}`, headers: worker.headers })).json();
const queueItem = async (reference: string) => {
  const items = (await t.app.inject({ url: '/api/contacts?limit=200', headers: worker.headers })).json().items as { id: string; reference: string }[];
  return items.find((i) => i.reference === reference) as Record<string, unknown> & { id: string } | undefined;
};
const contactCount = async () => Number((await t.database.db.selectFrom('contact').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const fieldsOf = (res: { json(): { errors?: { field: string; code?: string }[] } }) => (res.json().errors ?? []).map((e) => `${e.field}:${e.code}`);

const anonymous = { lang: 'fi', anonymous: true, contactor: 'self', topic: 'money', text: 'Rahat eivät riitä ruokaan tässä kuussa. Mistä saan apua?' };
const identified = (phone: string) => ({ lang: 'sv', anonymous: false, contactor: 'self', topic: 'older_person', text: 'Min mamma klarar sig inte längre hemma.', name: 'Anna Andersson', phone, callbackWindow: 'morning', consent: true });

describe('the guided contact form (POST /api/public/contact-requests)', () => {
  it('takes an anonymous request, promises the next working day and puts it in the queue as web_form', async () => {
    const res = await submit('contact-requests', anonymous);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ respondBy: '2026-11-24', urgent: false });
    const item = await queueItem(res.json().reference);
    expect(item).toMatchObject({ channel: 'web_form', anonymous: true, respondBy: '2026-11-24', mainReason: 'income', serviceArea: 'working_age', contactor: 'self', hasCallbackNumber: false, status: 'new' });
    const c = await view(item!.id);
    expect(c).toMatchObject({ note: anonymous.text, language: 'fi', person: null, consents: [] });
    expect(c.timeline[0]).toMatchObject({ kind: 'created', details: { channel: 'web_form', form: 'contact_request', topic: 'money' } });
  });

  it('takes an identified request with the consent recorded and the phone normalised, in the resident’s language', async () => {
    const { phone } = fresh();
    const res = await submit('contact-requests', identified(phone));
    expect(res.statusCode).toBe(201);
    const item = await queueItem(res.json().reference);
    expect(item).toMatchObject({ channel: 'web_form', anonymous: false, hasCallbackNumber: true, mainReason: 'ageing_home_care', serviceArea: 'older_people' });
    const c = await view(item!.id);
    expect(c.person).toMatchObject({ name: 'Anna Andersson', phone: `+358${phone.replace(/\s/g, '').slice(1)}`, callbackWindow: 'morning' });
    expect(c.language).toBe('sv');
    expect(c.consents).toEqual([expect.objectContaining({ givenBy: 'client', method: 'electronic', purpose: 'recording' })]);
  });

  it('promises by the rules of the calendar: Friday evening → Monday, 23.12. afternoon → Monday 28.12., urgent on Saturday → Monday', async () => {
    const at = async (iso: string, body: object) => {
      t.clock.now = new Date(iso);
      try { return (await submit('contact-requests', body)).json().respondBy as string; } finally { t.clock.now = new Date('2026-11-23T10:00:00+02:00'); }
    };
    expect(await at('2026-11-27T18:00:00+02:00', anonymous)).toBe('2026-11-30');
    expect(await at('2026-12-23T16:00:00+02:00', anonymous)).toBe('2026-12-28');
    expect(await at('2026-11-28T12:00:00+02:00', { ...anonymous, urgent: true })).toBe('2026-11-30');
    expect(await at('2026-11-24T12:00:00+02:00', { ...anonymous, urgent: true })).toBe('2026-11-24');
  });

  it('refuses an anonymous request that carries a name, phone or callback time, and stores nothing', async () => {
    const before = await contactCount();
    const res = await submit('contact-requests', { ...anonymous, name: 'Matti', phone: '0401234567', callbackWindow: 'any' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('personal_data_in_anonymous');
    expect(fieldsOf(res)).toEqual(['body.name:personal_data_not_allowed', 'body.phone:personal_data_not_allowed', 'body.callbackWindow:personal_data_not_allowed']);
    expect(await contactCount()).toBe(before);
  });

  it('refuses personal data written into an anonymous request’s text, at the text field', async () => {
    const res = await submit('contact-requests', { ...anonymous, text: 'Soittakaa minulle 040 123 4567' });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.text:personal_data_in_text']);
  });

  it('needs a phone number and the consent for an identified request', async () => {
    const res = await submit('contact-requests', { ...identified(''), phone: '', consent: false });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(['body.phone:required', 'body.consent:consent_required']);
    const bad = await submit('contact-requests', { ...identified('12'), consent: true });
    expect(fieldsOf(bad)).toEqual(['body.phone:invalid_phone']);
  });

  it('sends a professional to the notification form and refuses empty or overlong text', async () => {
    expect(fieldsOf(await submit('contact-requests', { ...anonymous, contactor: 'professional' }))).toEqual(['body.contactor:invalid_choice']);
    expect(fieldsOf(await submit('contact-requests', { ...anonymous, text: '   ' }))).toEqual(['body.text:required']);
    expect(fieldsOf(await submit('contact-requests', { ...anonymous, text: 'a'.repeat(2001) }))).toEqual(['body.text:too_long']);
  });

  it('refuses a body over 32 KB with 413, and a filled honeypot as automated, storing nothing', async () => {
    const before = await contactCount();
    const big = await submit('contact-requests', { ...anonymous, padding: 'x'.repeat(40_000) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload_too_large');
    const bot = await submit('contact-requests', { ...anonymous, website: 'http://spam.example' });
    expect(bot.statusCode).toBe(400);
    expect(bot.json().code).toBe('automated_submission');
    expect(bot.json().title).toMatch(/soita/);
    expect(await contactCount()).toBe(before);
  });

  it('creates one contact for a double click or a retry with the same Idempotency-Key', async () => {
    const before = await contactCount();
    const { ip } = fresh();
    const headers = { 'idempotency-key': 'f0e1d2c3-0000-4000-8000-000000000001' };
    const [a, b] = await Promise.all([submit('contact-requests', anonymous, { ip, headers }), submit('contact-requests', anonymous, { ip, headers })]);
    const c = await submit('contact-requests', anonymous, { ip, headers });
    expect([a.statusCode, b.statusCode, c.statusCode]).toEqual([201, 201, 201]);
    expect(new Set([a.json().reference, b.json().reference, c.json().reference]).size).toBe(1);
    expect(c.headers['idempotent-replay']).toBe('true');
    expect(await contactCount()).toBe(before + 1);
    const other = await submit('contact-requests', { ...anonymous, text: 'Toinen asia' }, { ip, headers });
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('idempotency_key_reused');
  });
});

describe('the callback request (POST /api/public/callback-requests)', () => {
  it('becomes a callback task on the line, with the number to call', async () => {
    const { phone } = fresh();
    const res = await submit('callback-requests', { lang: 'en', line: 'disability', phone, name: 'Sam', callbackWindow: 'afternoon', consent: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().respondBy).toBe('2026-11-24');
    const item = await queueItem(res.json().reference);
    expect(item).toMatchObject({ channel: 'callback', line: 'disability', serviceArea: 'disability', hasCallbackNumber: true, anonymous: false });
    expect((await view(item!.id)).person).toMatchObject({ name: 'Sam', callbackWindow: 'afternoon' });
  });

  it('needs no separate consent for the short form (line, phone, time window)', async () => {
    const res = await submit('callback-requests', { line: 'families', phone: fresh().phone, callbackWindow: '9-11' });
    expect(res.statusCode).toBe(201);
    expect(await queueItem(res.json().reference)).toMatchObject({ channel: 'callback', line: 'families', hasCallbackNumber: true });
  });

  it('refuses the authority line, an unknown line, a bad number and a refused consent', async () => {
    const res = await submit('callback-requests', { line: 'authority', phone: 'abc', consent: false });
    expect(fieldsOf(res)).toEqual(['body.phone:invalid_phone', 'body.consent:consent_required', 'body.line:unknown_code']);
    expect(fieldsOf(await submit('callback-requests', { line: 'nope', phone: fresh().phone, consent: true }))).toEqual(['body.line:unknown_code']);
  });
});

describe('the professional’s notification (POST /api/public/professional-notifications)', () => {
  const notification = (kind: 'social_welfare' | 'child_welfare') => ({
    lang: 'fi', kind, contactor: 'authority',
    notifier: { name: 'Kalle Koulukuraattori', organisation: 'Seinäjoen lukio', role: 'kuraattori', phone: '06 000 1234', email: '' },
    subject: { name: 'Lauri Lapsi', address: 'Koulukatu 1, Seinäjoki' },
    municipality: '743', subjectConsent: 'not_asked', noConsentReason: 'Huoli akuutti, huoltajia ei tavoitettu.',
    text: 'Oppilas kertoi, ettei uskalla mennä kotiin.', urgency: 'non_urgent',
  });

  it('flags a child welfare notification urgent and starts the 7-working-day clock of LsL 26 §', async () => {
    const res = await submit('professional-notifications', notification('child_welfare'));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ respondBy: '2026-11-23', urgent: true });
    const item = await queueItem(res.json().reference);
    expect(item).toMatchObject({ channel: 'e_notification', urgency: 'urgent', contactor: 'authority', legalDeadline: '2026-12-02', notificationKind: 'child_welfare', mainReason: 'child_concern', region: 'seinajoki_isokyro' });
    const c = await view(item!.id);
    expect(c).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'lsl_26', person: { name: 'Lauri Lapsi', address: 'Koulukatu 1, Seinäjoki' } });
    expect(c.notifier).toEqual({ name: 'Kalle Koulukuraattori', organisation: 'Seinäjoen lukio', role: 'kuraattori', phone: '+35860001234', email: null, subjectConsent: null, noConsentReason: null }); // LsL 25 §: not a consent question (issue 12)
    const log = (await t.app.inject({ url: `/api/admin/access-log?subjectType=contact&subjectId=${item!.id}`, headers: (await login(t.app, 'admin')).headers })).json();
    expect(log.items.map((i: { action: string; actor: string }) => `${i.action}:${i.actor}`)).toEqual(expect.arrayContaining(['create:system:professional_notification', 'read:ohjaaja']));
  });

  it('keeps a social welfare notification at the urgency asked, without a legal clock', async () => {
    // a text without acute words (acute ones are raised to urgent: acute.test.ts)
    const res = await submit('professional-notifications', { ...notification('social_welfare'), subjectConsent: 'given', noConsentReason: null, text: 'Asiakas tarvitsee apua laskujen maksamisessa.' });
    expect(res.statusCode).toBe(201);
    expect(await queueItem(res.json().reference)).toMatchObject({ urgency: 'non_urgent', legalDeadline: null, notificationKind: 'social_welfare' });
  });

  it('asks why the person has not consented, how to reach the notifier and a valid identity code', async () => {
    const res = await submit('professional-notifications', {
      ...notification('social_welfare'), subjectConsent: 'not_given', noConsentReason: '', notifier: { name: 'N', organisation: 'Poliisi' },
    });
    expect(fieldsOf(res)).toEqual(['body.notifier.phone:required', 'body.notifier.noConsentReason:required']);
    const hetu = await submit('professional-notifications', { ...notification('social_welfare'), subject: { name: 'X', hetu: '010101-123X' } });
    expect(fieldsOf(hetu)).toEqual(['body.subject.hetu:invalid_hetu']);
    expect(fieldsOf(await submit('professional-notifications', { ...notification('child_welfare'), urgency: undefined }))).toEqual(['body.urgency:invalid_choice']);
  });

  it('keeps who notified and the person: a notification is a statutory record, its matter pending from receipt (issue 12)', async () => {
    const res = await submit('professional-notifications', { ...notification('social_welfare'), subjectConsent: 'given', noConsentReason: null });
    const item = await queueItem(res.json().reference);
    await t.database.db.updateTable('contact').set({ status: 'closed', outcome: 'advice_given', main_reason: 'other', closed_at: new Date('2026-01-01T00:00:00Z'), led_to_client_relationship: false }).where('id', '=', item!.id).execute();
    await runRetention(t.database.db, t.clock.now, { adviceRetentionDays: 0 }, { dryRun: false });
    const c = await view(item!.id);
    expect(c.notifier).not.toBeNull();
    expect(c.person).not.toBeNull();
    expect(c.initiations).toHaveLength(1);
  });
});

describe('abuse limits', () => {
  let limited: TestApp;
  beforeAll(async () => { limited = await createTestApp({ config: { ...testConfig(), publicLimits: { perAddressPerHour: 3, perPhonePerDay: 2 } } }); });
  afterAll(async () => { await limited.close(); });
  const send = (payload: object, ip: string) => limited.app.inject({ method: 'POST', url: '/api/public/contact-requests', payload, remoteAddress: ip });

  it('limits submissions per address with 429 and Retry-After; another address is not affected', async () => {
    for (let i = 0; i < 3; i++) expect((await send(anonymous, '192.0.2.1')).statusCode).toBe(201);
    const over = await send(anonymous, '192.0.2.1');
    expect(over.statusCode).toBe(429);
    expect(over.json().code).toBe('rate_limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect((await send(anonymous, '192.0.2.2')).statusCode).toBe(201);
  });

  it('limits submissions per phone number across addresses, counting only stored ones, and keeps no number in the counters', async () => {
    const body = identified('050 777 8888');
    expect((await send({ ...body, consent: false }, '198.51.100.1')).statusCode).toBe(400);
    expect((await send(body, '198.51.100.2')).statusCode).toBe(201);
    expect((await send({ ...body, phone: '+358 50 777 8888' }, '198.51.100.3')).statusCode).toBe(201);
    const over = await send(body, '198.51.100.4');
    expect(over.statusCode).toBe(429);
    const counters = await limited.database.db.selectFrom('rate_limit_counter').select(['key_hash']).execute();
    expect(JSON.stringify(counters)).not.toMatch(/777 8888|7778888|198\.51/);
  });
});

describe('when the database is unavailable', () => {
  it('answers 503 with Retry-After and never a receipt', async () => {
    const pool = new pg.Pool({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildApp({ config: testConfig(), database: { db, kind: 'postgresql', pool, close: () => db.destroy() }, clock: () => new Date() }, { web: false, logger: false });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/public/contact-requests', payload: anonymous, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json()).toMatchObject({ code: 'service_unavailable', title: expect.stringMatching(/nothing was saved/) });
      expect(res.json()).not.toHaveProperty('reference');
    } finally {
      await app.close();
      await db.destroy();
    }
  });
});

describe('the public site (GET /api/public/site)', () => {
  it('gives the crisis line, the accessibility feedback address and the self-service links', async () => {
    const res = await t.app.inject({ url: '/api/public/site' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ crisisPhone: expect.any(String), accessibility: { feedbackEmail: expect.stringContaining('@') } });
    expect(res.json().selfServiceLinks.length).toBeGreaterThan(2);
    expect(res.json().selfServiceLinks.every((l: { url: string }) => l.url.startsWith('https://'))).toBe(true);
  });
});

describe('the public site’s settings (npm run admin -- site / link)', () => {
  it('sets the crisis line and adds and removes self-service links; only https links', async () => {
    const countyId = await resolveCountyId(t.database.db);
    await setSiteSettings(t.database.db, countyId, { crisisPhone: '06 123 4567' });
    await addSelfServiceLink(t.database.db, countyId, { url: 'https://www.example.fi/apua', fi: 'Apua', sv: 'Hjälp' });
    let site = await publicSite(t.database.db, countyId);
    expect(site.crisisPhone).toBe('06 123 4567');
    expect(site.selfServiceLinks.at(-1)).toEqual({ url: 'https://www.example.fi/apua', label: { fi: 'Apua', sv: 'Hjälp', en: 'Apua' } });
    expect(await removeSelfServiceLink(t.database.db, countyId, 'https://www.example.fi/apua')).toBe(1);
    site = await publicSite(t.database.db, countyId);
    expect(site.selfServiceLinks.map((l) => l.url)).not.toContain('https://www.example.fi/apua');
    await expect(addSelfServiceLink(t.database.db, countyId, { url: 'http://insecure.example', fi: 'x' })).rejects.toThrow(/https/);
    await expect(setSiteSettings(t.database.db, countyId, { crisisPhone: 'call us' })).rejects.toThrow(/digits/);
  });
});
