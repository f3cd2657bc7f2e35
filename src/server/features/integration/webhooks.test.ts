/**
 * Webhook subscriptions for the county's administrator (issue 19): validation with field codes,
 * the secret shown once and rotated, another county's subscription a 404, roles, and the
 * administration history without the secret.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { EVENT_TYPES } from '../../../domain/events.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
/** the same database with WEBHOOK_ALLOW_HTTP=on (a closed test network) */
let httpOk: TestApp;
let admin: Session, guide: Session, supervisor: Session, adminHttp: Session;
const db = () => t.database.db;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** every secret any response gave: none may reach the history */
const secrets: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  httpOk = await createTestApp({ database: t.database, config: { webhookAllowHttp: true } });
  [admin, guide, supervisor] = (await Promise.all(['admin', 'ohjaaja', 'esihenkilo'].map((u) => login(t.app, u)))) as [Session, Session, Session];
  adminHttp = await login(httpOk.app, 'admin');
});
afterAll(async () => {
  await httpOk.close();
  await t.close();
});

const create = (payload: object, s: Session = admin, app = t.app) => app.inject({ method: 'POST', url: '/api/admin/webhooks', payload, headers: s.headers });
const patch = (id: string, payload: object, s: Session = admin) => t.app.inject({ method: 'PATCH', url: `/api/admin/webhooks/${id}`, payload, headers: s.headers });
const get = (url: string, s: Session = admin) => t.app.inject({ url, headers: s.headers });
const valid = (over: object = {}) => ({ name: `Lifecare ${Math.random().toString(36).slice(2, 8)}`, url: 'https://lifecare.example.fi/opastin/events', eventTypes: ['fi.opastin.referral.sent.v1'], ...over });

async function created(over: object = {}) {
  const res = await create(valid(over));
  expect(res.statusCode, res.body).toBe(201);
  secrets.push(res.json().secret);
  return res.json() as { subscription: { id: string; name: string }; secret: string };
}
async function history(key: string) {
  return db().selectFrom('admin_change').select(['action', 'object_key', 'actor_name', 'before', 'after']).where('object_type', '=', 'webhook').where('object_key', '=', key).orderBy('at').execute();
}

describe('POST /api/admin/webhooks', () => {
  it('creates a subscription: the generated secret is in this response only, stored as the pull token’s hash', async () => {
    const res = await create(valid({ name: 'Lifecare', eventTypes: ['fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1', 'fi.opastin.referral.sent.v1'] }));
    expect(res.statusCode).toBe(201);
    const { subscription, secret } = res.json();
    secrets.push(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(subscription).toEqual({
      id: expect.any(String), name: 'Lifecare', url: 'https://lifecare.example.fi/opastin/events',
      eventTypes: ['fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1'], personalData: false, legalBasis: null, active: true,
      createdAt: t.clock.now.toISOString(), deliveries: { pending: 0, delivered: 0, dead: 0, lastDeliveredAt: null, oldestPendingAt: null, lastError: null },
    });
    const row = await db().selectFrom('webhook_subscription').selectAll().where('id', '=', subscription.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(secret));
    // it starts at the newest event: the demo's history and earlier events are not its deliveries
    const newest = await db().selectFrom('outbox_event').select((eb) => eb.fn.max('seq').as('hi')).executeTakeFirstOrThrow();
    expect(String(row.after_seq)).toBe(String(newest.hi ?? 0));

    const list = await get('/api/admin/webhooks');
    expect(list.statusCode).toBe(200);
    expect(list.json().subscriptions.find((s: { id: string }) => s.id === subscription.id)).toEqual(subscription);
    expect(list.json().eventTypes.map((e: { type: string }) => e.type)).toEqual([...EVENT_TYPES]);
    expect(list.body).not.toContain(secret);
    expect((await get('/api/admin/webhooks/' + subscription.id + '/deliveries')).body).not.toContain(secret);

    const [h] = await history('Lifecare');
    expect(h).toMatchObject({ action: 'create', actor_name: expect.any(String) });
    expect(h!.after).toMatchObject({ name: 'Lifecare', url: 'https://lifecare.example.fi/opastin/events', active: true });
  });

  it('refuses a given secret (Opastin generates it), and takes a pull-only subscription without an address', async () => {
    const res = await create(valid({ url: null }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), subscription: { url: null } });
    const secret = res.json().secret as string;
    secrets.push(secret);
    expect((await db().selectFrom('webhook_subscription').select('token_hash').where('id', '=', res.json().subscription.id).executeTakeFirstOrThrow()).token_hash).toBe(sha256(secret));
    const count = async () => Number((await db().selectFrom('webhook_subscription').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    // a secret in use (another county's, say) and a fresh one get the same answer: no oracle for guesses
    for (const given of [secret, 'oma-salaisuus-joka-on-vahintaan-32-merkkia-pitka', 'lyhyt']) {
      const refused = await create(valid({ secret: given }));
      expect(refused.statusCode, given).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'validation_failed' });
      expect(refused.json().errors).toEqual([{ field: 'body.secret', code: 'invalid', message: 'Opastin generates the secret; leave it out.' }]);
    }
    expect(await count()).toBe(before);
  });

  it('refuses an address that is not https, carries credentials or a fragment, or does not parse: 400 body.url invalid_url, nothing stored', async () => {
    const before = await db().selectFrom('webhook_subscription').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    for (const url of [
      'lifecare.example.fi/events', 'not an address', 'ftp://lifecare.example.fi/events', 'http://lifecare.example.fi/events', 'javascript:alert(1)',
      'https://user:pass@lifecare.example.fi/events', 'https://user@lifecare.example.fi/events', 'https://lifecare.example.fi/events#top',
      'https://lifecare.example.fi/events#', 'file:///etc/passwd', 'data:text/plain,x',
    ]) {
      const res = await create(valid({ url }));
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.url', code: 'invalid_url', message: expect.any(String) }] });
    }
    const long = await create(valid({ url: `https://lifecare.example.fi/${'a'.repeat(2000)}` }));
    expect(long.statusCode).toBe(400);
    expect(long.json().errors).toEqual([expect.objectContaining({ field: 'body.url' })]);
    const after = await db().selectFrom('webhook_subscription').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses link-local, metadata and reserved addresses (SSRF); takes the county\'s private networks', async () => {
    for (const url of [
      'https://169.254.169.254/latest/meta-data/', 'https://[fe80::1]/events', 'https://[::ffff:a9fe:a9fe]/events', 'https://[::ffff:169.254.169.254]/',
      'https://0.0.0.0/events', 'https://224.0.0.1/events', 'https://255.255.255.255/', 'https://[fd00:ec2::254]/', 'https://100.100.100.200/',
    ]) {
      const res = await create(valid({ url }));
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ errors: [{ field: 'body.url', code: 'invalid_url', message: expect.stringContaining('does not send webhooks to this address') }] });
    }
    for (const url of ['https://10.20.30.40/events', 'https://192.168.1.10/events', 'https://[fd12:3456::1]/events']) {
      const res = await create(valid({ url, name: `Sisäverkko ${url}` }));
      expect(res.statusCode, url).toBe(201);
      secrets.push(res.json().secret);
    }
    // link-local not even on a closed test network (loopback: the delivery refuses it, see delivery.test.ts)
    expect((await create(valid({ url: 'http://169.254.169.254/', name: 'Metadata' }), adminHttp, httpOk.app)).statusCode).toBe(400);
  });

  it('takes http only where WEBHOOK_ALLOW_HTTP is on (a closed test network); credentials stay refused there', async () => {
    const res = await create(valid({ url: 'http://127.0.0.1:8080/events' }), adminHttp, httpOk.app);
    expect(res.statusCode).toBe(201);
    secrets.push(res.json().secret);
    expect((await create(valid({ url: 'http://a:b@127.0.0.1:8080/events' }), adminHttp, httpOk.app)).statusCode).toBe(400);
    expect((await create(valid({ url: 'ftp://127.0.0.1/events' }), adminHttp, httpOk.app)).json().errors[0].code).toBe('invalid_url');
  });

  it('personal data needs its legal basis: 400 body.legalBasis required; with one it is kept', async () => {
    const res = await create(valid({ personalData: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.legalBasis', code: 'required' })]);
    const ok = await create(valid({ personalData: true, legalBasis: 'SHL 41 §; laki sosiaali- ja terveydenhuollon asiakastietojen käsittelystä 703/2023' }));
    expect(ok.statusCode).toBe(201);
    secrets.push(ok.json().secret);
    expect(ok.json().subscription).toMatchObject({ personalData: true, legalBasis: expect.stringMatching(/^SHL 41/) });
  });

  it('a name already used in the county is 409 code_in_use on body.name; bad event types and empty lists are 400', async () => {
    await created({ name: 'Pro Consona' });
    const dup = await create(valid({ name: 'Pro Consona' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'body.name', code: 'code_in_use' }] });
    const unknown = await create(valid({ eventTypes: ['fi.opastin.referral.sent.v9'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toMatch(/^body\.eventTypes/);
    expect((await create(valid({ eventTypes: [] }))).statusCode).toBe(400);
    expect((await create(valid({ name: '  ' }))).json().errors[0]).toMatchObject({ field: 'body.name' });
  });
});

describe('PATCH and DELETE /api/admin/webhooks/:id', () => {
  it('rotating the secret returns the new one once; the old one stops at once; the history says only that it changed', async () => {
    const { subscription, secret: old } = await created({ name: 'Effica' });
    const res = await patch(subscription.id, { rotateSecret: true });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().secret as string;
    secrets.push(fresh);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(old);
    const row = await db().selectFrom('webhook_subscription').select(['secret', 'token_hash']).where('id', '=', subscription.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ secret: fresh, token_hash: sha256(fresh) });
    expect(await db().selectFrom('webhook_subscription').select('id').where('token_hash', '=', sha256(old)).execute()).toEqual([]);
    const [, rotated] = await history('Effica');
    expect(rotated).toMatchObject({ action: 'update', after: { secretRotated: true } });

    // an ordinary change returns no secret
    const renamed = await patch(subscription.id, { name: 'Effica (tuotanto)', eventTypes: ['fi.opastin.referral.completed.v1'] });
    expect(renamed.json()).toMatchObject({ secret: null, subscription: { name: 'Effica (tuotanto)', eventTypes: ['fi.opastin.referral.completed.v1'] } });
    const [h] = await history('Effica (tuotanto)');
    expect(h).toMatchObject({ action: 'update', before: { name: 'Effica', eventTypes: ['fi.opastin.referral.sent.v1'] }, after: { name: 'Effica (tuotanto)' } });
  });

  it('pausing and resuming are their own history actions; nothing changed writes nothing', async () => {
    const { subscription } = await created({ name: 'Apotti' });
    expect((await patch(subscription.id, { active: false })).json().subscription.active).toBe(false);
    expect((await patch(subscription.id, { active: true })).json().subscription.active).toBe(true);
    expect((await patch(subscription.id, { active: true })).statusCode).toBe(200);
    expect((await history('Apotti')).map((h) => h.action)).toEqual(['create', 'deactivate', 'activate']);
  });

  it('validates a change as a creation: the address, the legal basis, the name; an empty change is 400', async () => {
    const { subscription } = await created({ name: 'Kanta-välityspalvelu' });
    await created({ name: 'Varattu nimi' });
    const url = await patch(subscription.id, { url: 'http://kanta.example.fi/x' });
    expect(url.json()).toMatchObject({ errors: [{ field: 'body.url', code: 'invalid_url' }] });
    expect((await patch(subscription.id, { personalData: true })).json().errors).toEqual([expect.objectContaining({ field: 'body.legalBasis', code: 'required' })]);
    expect((await patch(subscription.id, { personalData: true, legalBasis: 'SHL 41 §' })).statusCode).toBe(200);
    expect((await patch(subscription.id, { legalBasis: null })).json().errors).toEqual([expect.objectContaining({ field: 'body.legalBasis', code: 'required' })]);
    const taken = await patch(subscription.id, { name: 'Varattu nimi' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors).toEqual([expect.objectContaining({ field: 'body.name', code: 'code_in_use' })]);
    expect((await patch(subscription.id, {})).statusCode).toBe(400);
    expect((await patch(subscription.id, { url: null })).json().subscription.url).toBeNull(); // pull only from now on
  });

  it('the history shows an address without its query (it may hold the receiver’s token)', async () => {
    const { subscription } = await created({ name: 'Tokenillinen', url: 'https://lifecare.example.fi/in?token=vastaanottajan-avain' });
    await patch(subscription.id, { url: 'https://lifecare.example.fi/in2?token=toinen-avain' });
    const rows = await history('Tokenillinen');
    expect(JSON.stringify(rows)).not.toMatch(/vastaanottajan-avain|toinen-avain/);
    expect(rows[0]!.after).toMatchObject({ url: 'https://lifecare.example.fi/in?…' });
  });

  it('deletes with its deliveries: 204, then 404', async () => {
    const { subscription } = await created({ name: 'Poistettava' });
    const res = await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${subscription.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(await db().selectFrom('webhook_subscription').select('id').where('id', '=', subscription.id).execute()).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${subscription.id}`, headers: admin.headers })).statusCode).toBe(404);
    expect((await get(`/api/admin/webhooks/${subscription.id}/deliveries`)).statusCode).toBe(404);
    expect((await history('Poistettava')).map((h) => h.action)).toEqual(['create', 'delete']);
  });
});

describe('counties and roles', () => {
  it('another county’s subscription does not exist here: 404 for every route, and it is not listed', async () => {
    const alusta = await login(t.app, 'alusta');
    const made = await t.app.inject({
      method: 'POST', url: '/api/platform/counties', headers: alusta.headers,
      payload: { code: 'toinen_alue', name: { fi: 'Toinen', sv: 'Annan', en: 'Other' }, admin: { username: 'toinen.hallinto', displayName: 'Toinen Hallinto', password: 'toinen-maakunta-2026-salasana' } },
    });
    expect(made.statusCode).toBe(201);
    const other = await login(t.app, 'toinen.hallinto', 'toinen-maakunta-2026-salasana');
    const theirs = await create(valid({ name: 'Lifecare' }), other); // the same name is free in another county
    expect(theirs.statusCode).toBe(201);
    secrets.push(theirs.json().secret);
    const id = theirs.json().subscription.id as string;
    const delivery = '00000000-0000-4000-8000-000000000000';
    const attempts = [
      await get(`/api/admin/webhooks/${id}/deliveries`),
      await patch(id, { active: false }),
      await patch(id, { rotateSecret: true }),
      await t.app.inject({ method: 'POST', url: `/api/admin/webhooks/${id}/replay`, headers: admin.headers }),
      await t.app.inject({ method: 'POST', url: `/api/admin/webhooks/${id}/deliveries/${delivery}/replay`, headers: admin.headers }),
      await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${id}`, headers: admin.headers }),
    ];
    expect(attempts.map((r) => r.statusCode)).toEqual([404, 404, 404, 404, 404, 404]);
    expect(attempts[2]!.body).not.toContain('secret');
    expect((await get('/api/admin/webhooks')).json().subscriptions.map((s: { id: string }) => s.id)).not.toContain(id);
    expect((await get('/api/admin/webhooks', other)).json().subscriptions.map((s: { id: string }) => s.id)).toEqual([id]);
    const row = await db().selectFrom('webhook_subscription').select(['active', 'token_hash']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ active: true, token_hash: sha256(theirs.json().secret) }); // untouched
  });

  it('is for the county’s administrator only: a guidance worker and a supervisor get 403, no session 401', async () => {
    const { subscription } = await created({ name: 'Roolitesti' });
    for (const s of [guide, supervisor]) {
      expect((await get('/api/admin/webhooks', s)).statusCode).toBe(403);
      expect((await create(valid(), s)).statusCode).toBe(403);
      expect((await patch(subscription.id, { active: false }, s)).statusCode).toBe(403);
      expect((await get(`/api/admin/webhooks/${subscription.id}/deliveries`, s)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/api/admin/webhooks/${subscription.id}/replay`, headers: s.headers })).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/webhooks/${subscription.id}`, headers: s.headers })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/admin/webhooks' })).statusCode).toBe(401);
    // a change without the CSRF token is refused
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/webhooks', payload: valid(), headers: { cookie: admin.cookie } })).statusCode).toBe(403);
    expect((await db().selectFrom('webhook_subscription').select('active').where('id', '=', subscription.id).executeTakeFirstOrThrow()).active).toBe(true);
  });

  it('a delivery of another subscription, or none, is 404; a bad id is 400', async () => {
    const { subscription } = await created({ name: 'Toimitukset' });
    const { subscription: other } = await created({ name: 'Toiset toimitukset' });
    const contact = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: guide.headers, payload: { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' } });
    expect(contact.statusCode).toBe(201);
    const event = await db().selectFrom('outbox_event').select(['id', 'seq', 'subject']).where('subject', '=', `contact/${contact.json().id}`).executeTakeFirstOrThrow();
    const theirs = await db().insertInto('webhook_delivery').values({ subscription_id: other.id, event_id: event.id, seq: event.seq!, subject: event.subject, state: 'dead', attempts: 30 })
      .returning('id').executeTakeFirstOrThrow();
    const replay = (sub: string, delivery: string) => t.app.inject({ method: 'POST', url: `/api/admin/webhooks/${sub}/deliveries/${delivery}/replay`, headers: admin.headers });
    expect((await replay(subscription.id, theirs.id)).statusCode).toBe(404);
    expect((await replay(subscription.id, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await db().selectFrom('webhook_delivery').select('state').where('id', '=', theirs.id).executeTakeFirstOrThrow()).state).toBe('dead');
    expect((await get(`/api/admin/webhooks/${other.id}/deliveries?state=dead`)).json().deliveries).toEqual([
      expect.objectContaining({ id: theirs.id, state: 'dead', type: 'fi.opastin.contact.registered.v1', sequence: String(event.seq), attempts: 30 }),
    ]);
    expect((await get(`/api/admin/webhooks/${other.id}/deliveries?state=pending`)).json().deliveries).toEqual([]);
    expect((await get('/api/admin/webhooks/not-a-uuid/deliveries')).statusCode).toBe(400);
    expect((await get(`/api/admin/webhooks/${subscription.id}/deliveries?state=lost`)).json().errors[0]).toMatchObject({ field: 'querystring.state' });
    expect((await get(`/api/admin/webhooks/${subscription.id}/deliveries`)).json()).toEqual({ deliveries: [] });
  });
});

describe('the history', () => {
  it('never holds a secret', async () => {
    const rows = await db().selectFrom('admin_change').select(['before', 'after']).where('object_type', '=', 'webhook').execute();
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows);
    expect(secrets.length).toBeGreaterThan(5);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toMatch(/"secret"/);
  });
});
