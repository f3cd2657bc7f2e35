import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { personKeyOf } from '../../platform/access-log.js';
import { runRetention } from '../records/public.js';
import type { ContactView } from './contacts.schemas.js';

/**
 * Earlier contacts (issue 14): for an identified person, the county's other contacts about them
 * (same identity code; without one, the same phone) and those where they called about someone
 * else (their phone as the caller's); newest first, at most 20, not itself; each listed is a read,
 * access-logged once per viewing session with that contact's person key.
 */
let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
let boss: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
  boss = await login(t.app, 'esihenkilo');
});
afterAll(async () => { await t.close(); });

type Session = typeof worker;
const db = () => t.database.db;
const view = async (id: string, s: Session = worker) => {
  const res = await t.app.inject({ url: `/api/contacts/${id}`, headers: s.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ContactView>();
};
async function create(body: object): Promise<{ id: string; reference: string }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/contacts', payload: body, headers: worker.headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const base = { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income' };
/** The earlier-contacts rows that name this contact among those listed (details.contacts). */
const earlierLog = async (listed: string, username = 'ohjaaja') => (await db().selectFrom('access_log as a').innerJoin('app_user as u', 'u.id', 'a.actor_user_id')
  .select(['a.action', 'a.purpose', 'a.person_key']).where('a.subject_type', '=', 'contact').where(sql<boolean>`a.details->'contacts' ? ${listed}`)
  .where('a.purpose', '=', 'earlier_contacts').where('u.username', '=', username).execute());

describe('by identity code', () => {
  const hetu = formatHetu('1941-02-11', 263);
  const fatherPhone = '040 111 2233';
  const father = { name: 'Eino Isä', hetu, phone: fatherPhone };
  let first: { id: string; reference: string }; let second: { id: string }; let asCaller: { id: string }; let latest: { id: string };
  let other: { id: string }; let namesake: { id: string }; let foreign: { id: string };
  beforeAll(async () => {
    first = await create({ ...base, person: father, receivedAt: '2026-08-03T09:00:00+03:00' });
    second = await create({ ...base, mainReason: 'housing', person: father, receivedAt: '2026-10-20T13:30:00+03:00' });
    // Eino called about his wife: he is the caller there
    asCaller = await create({ ...base, contactor: 'close_one', person: { name: 'Aino Vaimo' }, caller: { name: 'Eino Isä', phone: '+358401112233' }, receivedAt: '2026-11-02T09:00:00+02:00' });
    other = await create({ ...base, person: { name: 'Eino Isä', phone: '040 999 8877' }, receivedAt: '2026-11-10T09:00:00+02:00' }); // a namesake with another phone
    // another person with another identity code, sharing Eino's (land line) number: not Eino's contact
    namesake = await create({ ...base, person: { name: 'Toinen Henkilö', hetu: formatHetu('1950-05-05', 111), phone: fatherPhone }, receivedAt: '2026-11-11T09:00:00+02:00' });
    foreign = await create({ ...base, person: father, receivedAt: '2026-11-12T09:00:00+02:00' });
    const county = await sql<{ id: string }>`insert into county select (jsonb_populate_record(null::county, to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'code', 'toinen_h2', 'name', 'Toinen (H2)'))).* from county c limit 1 returning id::text as id`.execute(db());
    await sql`update contact set county_id = ${county.rows[0]!.id} where id = ${foreign.id}`.execute(db());
    latest = await create({ ...base, person: father });
  });

  it('lists the same identity code\'s contacts (role person) and those the person called about (role caller), newest first, not itself', async () => {
    const v = await view(latest.id);
    expect(v.earlierContacts.map((e) => `${e.id}:${e.role}`)).toEqual([`${asCaller.id}:caller`, `${second.id}:person`, `${first.id}:person`]);
    expect(v.earlierContacts[2]).toEqual({
      id: first.id, reference: first.reference, receivedAt: '2026-08-03T06:00:00.000Z', channel: 'phone', status: 'new', mainReason: 'income',
      outcome: null, closedAt: null, role: 'person',
    });
    for (const id of [latest.id, other.id, namesake.id, foreign.id]) expect(v.earlierContacts.map((e) => e.id)).not.toContain(id);
  });

  it('shows a closed earlier contact with its outcome', async () => {
    const close = await t.app.inject({ method: 'POST', url: `/api/contacts/${second.id}/close`, payload: { outcome: 'advice_given', ledToClientRelationship: false }, headers: worker.headers });
    expect(close.statusCode, close.body).toBe(200);
    const listed = (await view(latest.id)).earlierContacts.find((e) => e.id === second.id);
    expect(listed).toMatchObject({ status: 'closed', outcome: 'advice_given', mainReason: 'housing', closedAt: t.clock.now.toISOString() });
  });

  it('access-logs each earlier contact listed as a read (earlier_contacts) with its person key, once per viewing session', async () => {
    await view(latest.id, boss);
    for (const id of [first.id, second.id]) expect(await earlierLog(id, 'esihenkilo')).toEqual([{ action: 'read', purpose: 'earlier_contacts', person_key: personKeyOf(hetu) }]);
    // the contact Eino called about is Aino's: its key is hers (she has no identity code recorded)
    expect(await earlierLog(asCaller.id, 'esihenkilo')).toEqual([{ action: 'read', purpose: 'earlier_contacts', person_key: null }]);
    // one row per person listed, its subject the contact viewed, the listed contacts newest first
    const rows = await db().selectFrom('access_log as a').innerJoin('app_user as u', 'u.id', 'a.actor_user_id').select(['a.subject_id', 'a.person_key', 'a.details'])
      .where('a.purpose', '=', 'earlier_contacts').where('u.username', '=', 'esihenkilo').orderBy('a.seq').execute();
    expect(rows).toEqual([
      { subject_id: latest.id, person_key: personKeyOf(hetu), details: { contacts: [second.id, first.id] } },
      { subject_id: latest.id, person_key: null, details: { contacts: [asCaller.id] } },
    ]);
    await view(latest.id, boss);
    await view(latest.id, boss);
    expect(await earlierLog(first.id, 'esihenkilo')).toHaveLength(1);
    for (const id of [latest.id, other.id, namesake.id, foreign.id]) expect(await earlierLog(id, 'esihenkilo')).toEqual([]);
    // after the session, a new row
    t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
    try {
      const again = await login(t.app, 'esihenkilo');
      await view(latest.id, again);
      expect(await earlierLog(first.id, 'esihenkilo')).toHaveLength(2);
    } finally { t.clock.now = new Date(t.clock.now.getTime() - 16 * 60_000); }
  });

  it('keeps at most 20, the newest', async () => {
    const h = formatHetu('1960-03-03', 345);
    const phone = '044 345 6789';
    // two older calls about someone else: the oldest of all, so not among the newest 20
    for (const day of [1, 2]) await create({ ...base, contactor: 'close_one', person: { name: 'Joku' }, caller: { phone }, receivedAt: new Date(Date.UTC(2026, 8, day, 8)).toISOString() });
    const made: string[] = [];
    for (let i = 0; i < 22; i++) made.push((await create({ ...base, person: { name: 'Usein Soittava', hetu: h, phone }, receivedAt: new Date(Date.UTC(2026, 9, 1 + i, 8)).toISOString() })).id);
    const now = await create({ ...base, person: { name: 'Usein Soittava', hetu: h, phone } });
    const listed = (await view(now.id)).earlierContacts.map((e) => e.id);
    expect(listed).toEqual(made.slice(2).reverse());
  });
});

describe('by phone, without an identity code', () => {
  it('lists the same phone as the person (role person) and as the caller (role caller)', async () => {
    const phone = '050 222 3344';
    const before = await create({ ...base, person: { name: 'Puhelin Henkilö', phone }, receivedAt: '2026-10-01T09:00:00+03:00' });
    const called = await create({ ...base, contactor: 'close_one', person: { name: 'Joku Muu' }, caller: { phone: '+358502223344' }, receivedAt: '2026-10-05T09:00:00+03:00' });
    const withHetu = await create({ ...base, person: { name: 'Hetullinen', hetu: formatHetu('1970-07-07', 222) }, receivedAt: '2026-10-06T09:00:00+03:00' });
    const now = await create({ ...base, person: { name: 'Puhelin Henkilö', phone } });
    const v = await view(now.id);
    expect(v.earlierContacts.map((e) => `${e.id}:${e.role}`)).toEqual([`${called.id}:caller`, `${before.id}:person`]);
    expect(v.earlierContacts.map((e) => e.id)).not.toContain(withHetu.id);
  });
});

describe('none', () => {
  it('for an anonymous contact, or one with only a name, or once erased; nothing logged', async () => {
    const anon = await create({ channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
    expect((await view(anon.id)).earlierContacts).toEqual([]);
    const nameOnly = await create({ ...base, person: { name: 'Eino Isä' } });
    expect((await view(nameOnly.id)).earlierContacts).toEqual([]);
    const hetu = formatHetu('1945-01-01', 456);
    const old = await create({ ...base, person: { name: 'Poistuva', hetu }, receivedAt: '2026-10-01T09:00:00+03:00' });
    const current = await create({ ...base, person: { name: 'Poistuva', hetu } });
    expect((await view(current.id)).earlierContacts.map((e) => e.id)).toEqual([old.id]);
    // the current one closes and is erased: it lists nothing any more; the old one no longer matches it
    const closed = await t.app.inject({ method: 'POST', url: `/api/contacts/${current.id}/close`, payload: { outcome: 'advice_given', ledToClientRelationship: false }, headers: worker.headers });
    expect(closed.statusCode, closed.body).toBe(200);
    await runRetention(db(), new Date(t.clock.now.getTime() + 60_000), { adviceRetentionDays: 0 }, { dryRun: false });
    const seq = Number((await sql<{ s: string }>`select coalesce(max(seq), 0) as s from access_log`.execute(db())).rows[0]!.s);
    expect((await view(current.id, boss)).earlierContacts).toEqual([]);
    const written = await sql<{ purpose: string }>`select purpose from access_log where seq > ${seq}`.execute(db());
    expect(written.rows).toEqual([]);
  });
});
