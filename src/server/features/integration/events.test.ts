/**
 * The pull (GET /api/events with a subscription's token or an administrator's session, issue 19),
 * the event catalogue (GET /api/events/catalogue) and the OpenAPI document's `webhooks`.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { EVENT_TYPES, MAX_DELIVERY_ATTEMPTS, type CloudEvent } from '../../../domain/events.js';
import { runRetention } from '../records/public.js';
import { tokenHashOf } from './events.queries.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, unit: Session, admin: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const MAX_FAILURES = 3;
const db = () => t.database.db;

interface Sub { id: string; secret: string }
let demoCounty: string, otherCounty: string;
let plain: Sub, personal: Sub, referralsOnly: Sub, inactive: Sub, other: Sub;

async function subscription(countyId: string, name: string, eventTypes: readonly string[], opts: { personalData?: boolean; active?: boolean } = {}): Promise<Sub> {
  const secret = randomBytes(32).toString('base64url');
  const row = await db().insertInto('webhook_subscription').values({
    county_id: countyId, name, url: null, event_types: [...eventTypes], secret, token_hash: tokenHashOf(secret),
    personal_data: opts.personalData ?? false, legal_basis: opts.personalData ? 'SHL 41 § (tiedonsaanti asiakastietojärjestelmään)' : null, active: opts.active ?? true,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, secret };
}

const PERSON = { name: 'Ville Välitettävä', hetu: formatHetu('1979-05-21', 318), phone: '040 818 2727', email: 'ville.valitettava@example.fi', address: 'Välityskatu 4' };
const identified: string[] = [];
let anonymousId = '';
let referralId = '';

const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
let address = 0;
const pull = (query: string, opts: { token?: string; session?: Session; ip?: string } = {}) => {
  address += 1;
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.session?.headers ?? {}) };
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  return t.app.inject({ url: `/api/events${query}`, headers, remoteAddress: opts.ip ?? `10.20.${Math.floor(address / 250)}.${address % 250}` });
};
interface Page { events: CloudEvent[]; next: string; more: boolean }

/** Every page from the start, following `next`, as a subscriber would. */
async function pullAll(token: string, limit: number, extra = ''): Promise<{ events: CloudEvent[]; pages: Page[] }> {
  const pages: Page[] = [];
  let after = '0';
  for (let i = 0; i < 500; i++) {
    const res = await pull(`?after=${after}&limit=${limit}${extra}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page;
    pages.push(page);
    after = page.next;
    if (!page.more) break;
  }
  return { events: pages.flatMap((p) => p.events), pages };
}

/** The county's committed events of these types in commit order: what a pull must return. */
async function expectedIds(countyId: string, types: readonly string[]): Promise<string[]> {
  return (await db().selectFrom('outbox_event').select('id').where('county_id', '=', countyId).where('seq', 'is not', null)
    .where('type', 'in', [...types]).orderBy('seq').execute()).map((r) => r.id);
}

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY, config: { ctiMaxFailures: MAX_FAILURES } });
  [guide, unit, admin] = await Promise.all([login(t.app, 'ohjaaja'), login(t.app, 'yksikko'), login(t.app, 'admin')]);
  demoCounty = (await db().selectFrom('county').select('id').where('code', '=', 'etela_pohjanmaa').executeTakeFirstOrThrow()).id;
  otherCounty = (await db().insertInto('county').values({ code: 'toinen_alue', name_fi: 'Toinen alue', name_sv: 'Annat område', name_en: 'Another county' })
    .returning('id').executeTakeFirstOrThrow()).id;
  const referralTypes = EVENT_TYPES.filter((x) => x.startsWith('fi.opastin.referral.'));
  plain = await subscription(demoCounty, 'Asiakastietojärjestelmä', EVENT_TYPES);
  personal = await subscription(demoCounty, 'Asiakastietojärjestelmä henkilötiedoin', EVENT_TYPES, { personalData: true });
  referralsOnly = await subscription(demoCounty, 'Lähetteet', referralTypes);
  inactive = await subscription(demoCounty, 'Pois käytöstä', EVENT_TYPES, { active: false });
  other = await subscription(otherCounty, 'Toisen alueen järjestelmä', EVENT_TYPES);

  // events: identified contacts, an anonymous one, a referral loop
  for (const n of [1, 2, 3]) {
    const res = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', person: { ...PERSON, name: `${PERSON.name} ${n}` } });
    expect(res.statusCode, res.body).toBe(201);
    identified.push(res.json().id);
  }
  const anon = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
  anonymousId = anon.json().id;
  const consent = await post(`/api/contacts/${identified[0]}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
  const ref = await post(`/api/contacts/${identified[0]}/referrals`, {
    kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: consent.json().id,
    summary: 'Toimeentulo.', needs: ['income'], urgency: 'non_urgent',
  });
  expect(ref.statusCode, ref.body).toBe(201);
  referralId = ref.json().id;
  expect((await post(`/api/referrals/${referralId}/accept`, {}, unit)).statusCode).toBe(200);
  expect((await post(`/api/referrals/${referralId}/contact`, {}, unit)).statusCode).toBe(200);
  // one event of the other county
  await sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by)
    values (${otherCounty}, 'TOINEN-1', 'phone', true, now(), '2026-11-23', '2026-11-24')`.execute(db());
});
afterAll(async () => { await t.close(); });

describe('GET /api/events with a subscription\'s token', () => {
  it('pages through every event of the county in commit order: no gap, no repeat, `more` until the last page', async () => {
    const expected = await expectedIds(demoCounty, EVENT_TYPES);
    expect(expected.length).toBeGreaterThanOrEqual(8); // three pages of three
    const { events, pages } = await pullAll(plain.secret, 3);
    expect(events.map((e) => e.id)).toEqual(expected);
    const seqs = events.map((e) => BigInt(e.sequence));
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]! > seqs[i - 1]!).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.more && p.events.length === 3)).toBe(true);
    expect(pages.at(-1)!.more).toBe(false);
    for (const p of pages) if (p.events.length) expect(p.next).toBe(p.events.at(-1)!.sequence);
    // nothing new: the same cursor back, an empty page
    const last = pages.at(-1)!.next;
    expect((await pull(`?after=${last}`, { token: plain.secret })).json()).toEqual({ events: [], next: last, more: false });
    // a new event appears after the cursor, and only it
    const more = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
    const after = (await pull(`?after=${last}`, { token: plain.secret })).json() as Page;
    expect(after.events.map((e) => e.subject)).toEqual([`contact/${more.json().id}`]);
    expect(after.next).toBe(after.events[0]!.sequence);
  });

  it('gives the CloudEvents envelope: source names the county, dataschema the catalogue entry', async () => {
    const page = (await pull('?limit=1000', { token: plain.secret })).json() as Page;
    const sent = page.events.find((e) => e.type === 'fi.opastin.referral.sent.v1' && e.subject === `referral/${referralId}`);
    expect(sent).toMatchObject({
      specversion: '1.0', source: '/opastin/counties/etela_pohjanmaa', datacontenttype: 'application/json', dataschema: '/api/events/catalogue#fi.opastin.referral.sent.v1',
      data: { referralId, contactId: identified[0], unit: 'adult_social_work', status: 'requested' },
    });
    expect(new Date(sent!.time).toISOString()).toBe(sent!.time);
  });

  it('reads only the subscription\'s types; `types` narrows them and cannot widen them', async () => {
    const referralTypes = EVENT_TYPES.filter((x) => x.startsWith('fi.opastin.referral.'));
    const { events } = await pullAll(referralsOnly.secret, 2);
    expect(events.map((e) => e.id)).toEqual(await expectedIds(demoCounty, referralTypes));
    expect(events.map((e) => e.type)).toEqual(['fi.opastin.referral.sent.v1', 'fi.opastin.referral.accepted.v1', 'fi.opastin.referral.client_contacted.v1']);

    const narrowed = (await pull('?types=fi.opastin.referral.accepted.v1,fi.opastin.referral.client_contacted.v1', { token: referralsOnly.secret })).json() as Page;
    expect(narrowed.events.map((e) => e.type)).toEqual(['fi.opastin.referral.accepted.v1', 'fi.opastin.referral.client_contacted.v1']);
    const registered = (await pull('?types=fi.opastin.contact.registered.v1&limit=1000', { token: plain.secret })).json() as Page;
    expect(registered.events.length).toBeGreaterThanOrEqual(4);
    expect(new Set(registered.events.map((e) => e.type))).toEqual(new Set(['fi.opastin.contact.registered.v1']));

    const widen = await pull('?types=fi.opastin.contact.registered.v1', { token: referralsOnly.secret });
    expect(widen.statusCode).toBe(400);
    expect(widen.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'query.types', code: 'invalid_choice' }] });
    const unknown = await pull('?types=fi.opastin.contact.deleted.v1', { token: plain.secret });
    expect(unknown.json()).toMatchObject({ status: 400, errors: [{ field: 'query.types', code: 'invalid_choice' }] });
  });

  it('another county\'s token sees its own county\'s events, nothing of this county', async () => {
    const { events } = await pullAll(other.secret, 50);
    expect(events.map((e) => e.id)).toEqual(await expectedIds(otherCounty, EVENT_TYPES));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ source: '/opastin/counties/toinen_alue', data: { reference: 'TOINEN-1' } });
    const mine = new Set(await expectedIds(demoCounty, EVENT_TYPES));
    expect(events.some((e) => mine.has(e.id))).toBe(false);
  });
});

describe('the cursor and the retention horizon', () => {
  it('a reader of a few types gets, on its last page, the county\'s head as `next`: it moves past the others\' events', async () => {
    const head = (await sql<{ head: string }>`select max(seq)::text as head from outbox_event where county_id = ${demoCounty}`.execute(db())).rows[0]!.head;
    const { events, pages } = await pullAll(referralsOnly.secret, 2);
    expect(events.at(-1)!.type).toBe('fi.opastin.referral.client_contacted.v1');
    // contacts registered after the loop are the county's latest events, of types this reader does not read
    expect(BigInt(events.at(-1)!.sequence) < BigInt(head)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ more: false, next: head });
    // pages before the last: the last event's seq (the head would skip the rest of the pages)
    for (const p of pages.slice(0, -1)) expect(p.next).toBe(p.events.at(-1)!.sequence);
    // from the head: an event of another type moves the cursor without an event; one of its own type comes
    await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
    const quiet = (await pull(`?after=${head}`, { token: referralsOnly.secret })).json() as Page;
    expect(quiet.events).toEqual([]);
    expect(BigInt(quiet.next) > BigInt(head)).toBe(true);
    // a cursor beyond the head (a reader's own mistake) is given back as it is
    const beyond = (BigInt(quiet.next) + 1000n).toString();
    expect((await pull(`?after=${beyond}`, { token: plain.secret })).json()).toEqual({ events: [], next: beyond, more: false });
  });

  it('a cursor below events retention deleted gets 410 cursor_expired, not a page that skips them; from the start it reads again', async () => {
    // a county of its own, so that the deletion touches no other test's events
    const county = (await db().insertInto('county').values({ code: 'kolmas_alue', name_fi: 'Kolmas alue', name_sv: 'Tredje området', name_en: 'Third county' })
      .returning('id').executeTakeFirstOrThrow()).id;
    const poller = await subscription(county, 'Kyselevä järjestelmä', EVENT_TYPES);
    const contact = async (reference: string) => {
      await sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by)
        values (${county}, ${reference}, 'phone', true, now(), '2026-11-23', '2026-11-24')`.execute(db());
    };
    for (const r of ['KOLMAS-1', 'KOLMAS-2', 'KOLMAS-3']) await contact(r);
    const first = (await pull('?limit=1', { token: poller.secret })).json() as Page;
    expect(first.events.map((e) => e.data.reference)).toEqual(['KOLMAS-1']);
    const cursor = first.next;
    // the first two are 31 days old when retention runs; nothing else holds them
    const asOf = new Date(MONDAY.getTime() + 31 * 86_400_000);
    const kept = (await db().selectFrom('outbox_event').select(['seq', 'data']).where('county_id', '=', county).orderBy('seq').execute());
    await db().updateTable('outbox_event').set({ time: new Date(asOf.getTime() - 31 * 86_400_000 - 60_000) })
      .where('county_id', '=', county).where('seq', '<=', String(kept[1]!.seq)).execute();
    await db().updateTable('outbox_event').set({ time: new Date(asOf.getTime() - 29 * 86_400_000) })
      .where('county_id', '=', county).where('seq', '=', String(kept[2]!.seq)).execute();
    await sql`update outbox_consumer set after_seq = (select max(seq) from outbox_event)`.execute(db());
    await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false });
    const left = await db().selectFrom('outbox_event').select('data').where('county_id', '=', county).orderBy('seq').execute();
    expect(left.map((e) => (e.data as { reference: string }).reference)).toEqual(['KOLMAS-3']);
    const horizon = String(kept[1]!.seq);
    expect(String((await db().selectFrom('outbox_horizon').select('pruned_seq').where('county_id', '=', county).executeTakeFirstOrThrow()).pruned_seq)).toBe(horizon);

    // KOLMAS-2 is gone after the poller's cursor: a page from it would skip it without a word
    const expired = await pull(`?after=${cursor}`, { token: poller.secret });
    expect(expired.statusCode, expired.body).toBe(410);
    expect(expired.json()).toMatchObject({ status: 410, code: 'cursor_expired', prunedUpTo: horizon });
    expect(expired.headers['content-type']).toContain('application/problem+json');
    // from the start (no cursor, or 0): the oldest kept; from the horizon on: nothing is missing
    for (const q of ['', '?after=0', `?after=${horizon}`]) {
      const res = await pull(q, { token: poller.secret });
      expect(res.statusCode, q).toBe(200);
      expect((res.json() as Page).events.map((e) => e.data.reference), q).toEqual(['KOLMAS-3']);
    }
    // any delete moves the horizon (the database's trigger, not the retention job): a manual one too
    const last = String(kept[2]!.seq);
    await db().deleteFrom('outbox_event').where('county_id', '=', county).execute();
    expect(String((await db().selectFrom('outbox_horizon').select('pruned_seq').where('county_id', '=', county).executeTakeFirstOrThrow()).pruned_seq)).toBe(last);
    expect((await pull(`?after=${horizon}`, { token: poller.secret })).json()).toMatchObject({ status: 410, code: 'cursor_expired', prunedUpTo: last });
    expect((await pull(`?after=${last}`, { token: poller.secret })).json()).toEqual({ events: [], next: last, more: false });
    // another county's readers are not touched by it
    expect((await pull('?after=1', { token: other.secret })).statusCode).toBe(200);
  });
});

describe('who may pull', () => {
  it('refuses a wrong, missing, inactive or query-string token with 401', async () => {
    for (const res of [
      await pull('?after=0', { token: 'not-a-subscription-secret-at-all-000000' }),
      await pull('?after=0', { token: inactive.secret }),
      await pull('?after=0', { token: '' }),
      await t.app.inject({ url: '/api/events?after=0', headers: { authorization: 'Basic dXNlcjpwYXNz' }, remoteAddress: '10.21.0.1' }),
    ]) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
    }
    // the right token in the address is refused: proxies log addresses
    const inQuery = await t.app.inject({ url: `/api/events?after=0&token=${plain.secret}`, remoteAddress: '10.21.0.2' });
    expect(inQuery.statusCode).toBe(401);
    const both = await pull(`?after=0&token=${plain.secret}`, { token: plain.secret });
    expect(both.statusCode).toBe(401);
    expect(both.json().detail).toMatch(/Authorization header/);
  });

  it('counts wrong tokens per client address: past the limit even the right token gets 429 there, not elsewhere', async () => {
    const ip = '10.22.0.7';
    for (let i = 0; i < MAX_FAILURES; i++) expect((await pull('?after=0', { token: `wrong-${i}-${'x'.repeat(30)}`, ip })).statusCode).toBe(401);
    const refused = await pull('?after=0', { token: plain.secret, ip });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await pull('?after=0', { token: plain.secret, ip: '10.22.0.8' })).statusCode).toBe(200);
  });

  it('takes the scheme in any case (`bearer`, RFC 9110), with or without a session that is not a stream user', async () => {
    const lower = (headers: Record<string, string>) => t.app.inject({ url: '/api/events?limit=1000', headers: { accept: 'application/json', ...headers, authorization: `bearer ${plain.secret}` }, remoteAddress: '10.23.0.1' });
    // no session: the guard lets it through to the pull
    const res = await lower({});
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Page).events.map((e) => e.id)).toEqual(await expectedIds(demoCounty, EVENT_TYPES));
    // an administrator's session (not one of the live stream's roles) with the token: still the pull, as the token
    const withSession = await lower(admin.headers);
    expect(withSession.statusCode, withSession.body).toBe(200);
    expect((withSession.json() as Page).events).toEqual((res.json() as Page).events);
  });

  it('pages are never cached (they may carry data.person)', async () => {
    for (const res of [await pull('?after=0', { token: plain.secret }), await pull('?after=0', { session: admin })]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('an administrator\'s session reads the county\'s whole feed, every type, never the person\'s data', async () => {
    const res = await pull('?after=0&limit=1000', { session: admin });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as Page;
    expect(page.events.map((e) => e.id)).toEqual(await expectedIds(demoCounty, EVENT_TYPES));
    expect(page.events.some((e) => 'person' in e.data)).toBe(false);
    expect(res.body).not.toContain(PERSON.name);
  });

  it('a guidance worker\'s or unit worker\'s session gets 403; no session 401', async () => {
    for (const s of [guide, unit]) {
      const res = await pull('?after=0', { session: s });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    expect((await t.app.inject({ url: '/api/events?after=0' })).statusCode).toBe(401);
  });

  it('an invalid cursor is a 400 naming query.after', async () => {
    for (const after of ['abc', '-1', '1.5', '99999999999999999999', '9223372036854775808', '']) {
      const res = await pull(`?after=${encodeURIComponent(after)}`, { token: plain.secret });
      expect(res.statusCode, `after=${after}`).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'query.after', code: 'invalid_cursor' }] });
    }
    expect((await pull('?after=9223372036854775807', { token: plain.secret })).json()).toEqual({ events: [], next: '9223372036854775807', more: false });
    expect((await pull('?limit=0', { token: plain.secret })).statusCode).toBe(400);
  });
});

describe('personal data only with the subscription\'s legal basis', () => {
  it('adds data.person for an identified contact while it holds the data, access-logged as the subscription', async () => {
    const page = (await pull('?types=fi.opastin.contact.registered.v1&limit=1000', { token: personal.secret })).json() as Page;
    const first = page.events.find((e) => e.subject === `contact/${identified[1]}`)!;
    expect(first.data.person).toEqual({
      name: `${PERSON.name} 2`, hetu: PERSON.hetu, birthDate: '1979-05-21', phone: '+358408182727', email: PERSON.email, address: PERSON.address, language: null,
    });
    expect(page.events.find((e) => e.subject === `contact/${anonymousId}`)!.data.person).toBeUndefined();
    const log = await db().selectFrom('access_log').select(['subject_type', 'subject_id', 'action', 'purpose', 'county_id', 'actor_user_id'])
      .where('actor_label', '=', `system:webhook:${personal.id}`).orderBy('seq').execute();
    expect(log.map((l) => l.subject_id).sort()).toEqual([...identified].sort());
    expect(log.every((l) => l.subject_type === 'contact' && l.action === 'read' && l.purpose === 'event_delivery' && l.county_id === demoCounty && l.actor_user_id === null)).toBe(true);
  });

  it('never without the basis: a plain subscription gets no person and no read is logged for it', async () => {
    const res = await pull('?limit=1000', { token: plain.secret });
    expect((res.json() as Page).events.some((e) => 'person' in e.data)).toBe(false);
    for (const s of [PERSON.name, PERSON.hetu, '358408182727', PERSON.email, PERSON.address]) expect(res.body).not.toContain(s);
    expect(await db().selectFrom('access_log').select('seq').where('actor_label', '=', `system:webhook:${plain.id}`).execute()).toEqual([]);
  });

  it('not after the retention rule erased the contact\'s data: its events go on, without the person', async () => {
    const erased = identified[2]!;
    expect((await post(`/api/contacts/${erased}/claim`, {})).statusCode).toBe(200);
    expect((await post(`/api/contacts/${erased}/close`, { outcome: 'advice_given', ledToClientRelationship: false })).statusCode).toBe(200);
    await runRetention(db(), new Date(MONDAY.getTime() + 60_000), { adviceRetentionDays: 0 }, { dryRun: false });
    const before = await db().selectFrom('access_log').select('seq').where('actor_label', '=', `system:webhook:${personal.id}`).where('subject_id', '=', erased).execute();
    const page = (await pull('?limit=1000', { token: personal.secret })).json() as Page;
    const its = page.events.filter((e) => e.data.contactId === erased);
    expect(its.map((e) => e.type)).toEqual(['fi.opastin.contact.registered.v1', 'fi.opastin.contact.personal_data_erased.v1']);
    expect(its.every((e) => e.data.person === undefined)).toBe(true);
    expect(JSON.stringify(its)).not.toContain(`${PERSON.name} 3`);
    // nothing read, nothing logged
    expect(await db().selectFrom('access_log').select('seq').where('actor_label', '=', `system:webhook:${personal.id}`).where('subject_id', '=', erased).execute()).toEqual(before);
    // the others still come with their person
    expect(page.events.find((e) => e.subject === `contact/${identified[1]}`)!.data.person).toMatchObject({ name: `${PERSON.name} 2` });
  });
});

describe('the catalogue and the OpenAPI document', () => {
  it('GET /api/events/catalogue lists every type with its data schema, the signature recipe and the retries, without a session', async () => {
    const res = await t.app.inject({ url: '/api/events/catalogue' });
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c.types.map((x: { type: string }) => x.type)).toEqual([...EVENT_TYPES]);
    const sent = c.types.find((x: { type: string }) => x.type === 'fi.opastin.referral.sent.v1');
    expect(sent).toMatchObject({ subject: 'referral/<referralId>', dataSchema: { type: 'object', required: expect.arrayContaining(['referralId', 'contactId', 'reference', 'status']) } });
    expect(sent.dataSchema.properties.person).toBeDefined();
    expect(c.signature).toMatchObject({ header: 'Opastin-Signature', toleranceSeconds: 300 });
    expect(c.signature.recipe).toMatch(/HMAC-SHA256/);
    expect(c.retries.maxAttempts).toBe(MAX_DELIVERY_ATTEMPTS);
  });

  it('GET /api/openapi.json has `webhooks` with every event type; a pulled event (with its person) is a valid webhook body', async () => {
    const res = await t.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json() as {
      webhooks: Record<string, { post: { parameters: { name: string; in: string; required: boolean }[]; requestBody: { content: Record<string, { schema: Record<string, unknown> }> } } }>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.webhooks).sort()).toEqual([...EVENT_TYPES].sort());
    for (const type of EVENT_TYPES) {
      const op = doc.webhooks[type]!.post;
      expect(op.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Opastin-Signature', in: 'header', required: true })]));
      expect(op.requestBody.content['application/cloudevents+json']!.schema).toMatchObject({ properties: { type: { const: type } } });
    }
    expect(doc.components.securitySchemes.subscriptionToken).toMatchObject({ type: 'http', scheme: 'bearer' });

    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const page = (await pull('?limit=1000', { token: personal.secret })).json() as Page;
    expect(page.events.some((e) => e.data.person)).toBe(true);
    for (const e of page.events) {
      const validate = ajv.compile(doc.webhooks[e.type]!.post.requestBody.content['application/cloudevents+json']!.schema);
      expect(validate(e), `${e.type}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    // the schema bites: a wrong type or a missing field fails
    const one = page.events[0]!;
    const validate = ajv.compile(doc.webhooks[one.type]!.post.requestBody.content['application/cloudevents+json']!.schema);
    expect(validate({ ...one, type: 'fi.opastin.other.v1' })).toBe(false);
    expect(validate({ ...one, data: { ...one.data, reference: undefined } })).toBe(false);
  });
});
