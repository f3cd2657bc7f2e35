/**
 * Search (issue 14): `GET /api/contacts?q=`. A reference matches exactly; an identity code and a
 * phone number in any formatting find identified contacts only; other words find the names, the
 * note and the resident's message, newest first. Every identified result is access-logged; the
 * query text is never logged.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildApp } from '../../app.js';
import { testConfig } from '../../platform/config.js';
import { createTestDatabase, login } from '../../test/support.js';
import { personKeyOf } from '../../platform/access-log.js';
import type { Database } from '../../platform/db.js';
import type { FastifyInstance } from 'fastify';
import type { QueueResponse } from './contacts.schemas.js';

let database: Database;
let app: FastifyInstance;
let worker: Awaited<ReturnType<typeof login>>;
let countyId: string;
let workingAge: string;
const logLines: string[] = [];
const now = new Date('2026-11-23T10:00:00+02:00');

let n = 0;
const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000);
async function contact(values: Record<string, unknown>, minutesAgo: number): Promise<{ id: string; reference: string }> {
  const received = at(minutesAgo);
  return database.db.insertInto('contact').values({
    county_id: countyId, reference: `S${String(n++).padStart(2, '0')}-TEST`, channel: 'phone', anonymous: true, contactor: 'self',
    received_at: received, received_on: '2026-11-23', respond_by: '2026-11-24', ...values,
  } as never).returning(['id', 'reference']).executeTakeFirstOrThrow();
}

const ids: Record<string, string> = {};
let reference = '';
beforeAll(async () => {
  database = await createTestDatabase();
  // the app's own logger (serializers and all), written where the test can read it
  app = await buildApp({ config: testConfig({ logLevel: 'info' }), database, clock: () => now }, {
    web: false, logStream: new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } }),
  });
  await app.ready();
  worker = await login(app, 'ohjaaja');
  countyId = (await database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
  workingAge = (await database.db.selectFrom('phone_line').select('id').where('code', '=', 'working_age').executeTakeFirstOrThrow()).id;

  const virtanen = await contact({ anonymous: false, person_name: 'Matti Virtanen', person_hetu: '131052-308T', person_phone: '+358401234567', resident_message: '\n\n  Tarvitsen apua vuokran kanssa.  \nToinen rivi' }, 50);
  ids.virtanen = virtanen.id;
  reference = 'K7Q-4MX2';
  ids.byRef = (await contact({ reference, anonymous: true, note: 'Kysyi asumistuesta.', status: 'closed', closed_at: at(10), outcome: 'advice_given', main_reason: 'income', led_to_client_relationship: false }, 300)).id;
  ids.virtanenOld = (await contact({ anonymous: false, person_name: 'Matti Virtanen', person_hetu: '131052-308T', status: 'closed', closed_at: at(500), outcome: 'advice_given', main_reason: 'income', led_to_client_relationship: false, phone_line_id: workingAge }, 600)).id;
  // a daughter calls about her father: the caller's phone and name find it too
  ids.caller = (await contact({ anonymous: false, contactor: 'close_one', person_name: 'Eino Mäki', caller_name: 'Liisa Virtanen', caller_phone: '+358509876543' }, 40)).id;
  // the phone system's number of an identified call
  ids.callerNumber = (await contact({ anonymous: false, person_name: 'Aino Laine', caller_number: '+358441112223' }, 30)).id;
  // an anonymous contact with the same number from the phone system: never found by a phone search
  ids.anonymousNumber = (await contact({ anonymous: true, caller_number: '+358441112223', note: 'Soitti nimettömänä.' }, 20)).id;
  // text: the note of an anonymous contact, and the resident's message that names Virtanen in passing
  ids.textNote = (await contact({ anonymous: true, note: 'Kysyi Virtasen tilanteesta ja vuokrarästeistä.' }, 10)).id;
  ids.textMessage = (await contact({ anonymous: true, resident_message: 'Vuokrarästit kasvavat, mitä teen?' }, 5)).id;
  // erased: its name is gone, and so is it from a name search
  ids.erased = (await contact({ anonymous: false, person_name: null, personal_data_erased_at: at(1), status: 'closed', closed_at: at(2), outcome: 'advice_given', main_reason: 'income', led_to_client_relationship: false, note: null }, 700)).id;
});
afterAll(async () => { await app.close(); await database.close(); });

const search = async (q: string, extra = '') => {
  const res = await app.inject({ url: `/api/contacts?q=${encodeURIComponent(q)}${extra}`, headers: worker.headers });
  return { status: res.statusCode, body: res.json<QueueResponse & { errors?: { field: string; code: string; message: string }[] }>(), headers: res.headers };
};
const found = (body: QueueResponse) => body.items.map((i) => `${Object.entries(ids).find(([, id]) => id === i.id)?.[0] ?? i.id}:${i.match}`);

describe('search by reference', () => {
  it.each(['K7Q-4MX2', 'k7q-4mx2', ' k7q 4mx2 ', 'K7Q4MX2'])('finds the contact by its reference typed as "%s", closed ones too', async (q) => {
    const r = await search(q);
    expect(r.status).toBe(200);
    expect(found(r.body)).toEqual(['byRef:reference']);
    expect(r.body).toMatchObject({ total: 1, totalCapped: false, offset: 0, limit: 50 });
    expect(r.body.items[0]).toMatchObject({ reference, status: 'closed', personName: null, preview: null });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('honours the filters: a reference on another status is not found', async () => {
    expect((await search('K7Q-4MX2', '&status=new')).body.total).toBe(0);
  });
});

describe('search by identity code and phone number: identified contacts only, access-logged', () => {
  it('finds every contact of the identity code, newest first, with the person\'s name', async () => {
    const r = await search('131052-308t');
    expect(found(r.body)).toEqual(['virtanen:hetu', 'virtanenOld:hetu']);
    expect(r.body.items[0]).toMatchObject({ personName: 'Matti Virtanen', preview: 'Tarvitsen apua vuokran kanssa.' });
    expect(r.body.total).toBe(2);
  });

  it.each(['040 123 4567', '040-1234567', '+358 40 123 4567', '(040) 123 45 67', '00358401234567'])('finds the person\'s phone number written as "%s"', async (q) => {
    expect(found((await search(q)).body)).toEqual(['virtanen:phone']);
  });

  it('finds the caller\'s phone and the phone system\'s number, never an anonymous contact\'s number', async () => {
    expect(found((await search('050 987 6543')).body)).toEqual(['caller:phone']);
    const r = await search('044 111 2223');
    expect(found(r.body)).toEqual(['callerNumber:phone']);
    expect(r.body.items.map((i) => i.id)).not.toContain(ids.anonymousNumber);
  });

  it('logs every identified result as a search with the person key, every time; never the query', async () => {
    const before = await database.db.selectFrom('access_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    await search('131052-308T');
    await search('131052-308T');
    const rows = await database.db.selectFrom('access_log').select(['subject_type', 'subject_id', 'action', 'purpose', 'person_key', 'details', 'actor_label'])
      .where('seq', '>', Number(before.seq ?? 0)).orderBy('seq').execute();
    const ofThis = rows.filter((r) => r.subject_id === ids.virtanen || r.subject_id === ids.virtanenOld);
    expect(ofThis).toHaveLength(4);
    expect(ofThis.every((r) => String(r.action) === 'search' && r.purpose === 'client_guidance' && r.subject_type === 'contact' && r.actor_label === 'ohjaaja')).toBe(true);
    expect(new Set(ofThis.map((r) => r.person_key))).toEqual(new Set([personKeyOf('131052-308T')]));
    const all = await sql<{ t: string }>`select string_agg(coalesce(details::text, '') || ' ' || purpose || ' ' || subject_id, ' ') as t from access_log`.execute(database.db);
    expect(all.rows[0]!.t).not.toMatch(/131052|308T|Virtanen|virtanen/i);
    // nor the app's log: request lines carry the path without the query string
    const logged = logLines.join('');
    expect(logged).toContain('/api/contacts');
    expect(logged).not.toMatch(/131052|308T|virtanen|1234567|123 4567/i);
  });

  it('does not log anonymous results of a search', async () => {
    const before = await database.db.selectFrom('access_log').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirstOrThrow();
    const r = await search('vuokrarästeistä');
    expect(found(r.body)).toEqual(['textNote:text']);
    const rows = await database.db.selectFrom('access_log').select('subject_id').where('seq', '>', Number(before.seq ?? 0)).execute();
    expect(rows).toEqual([]);
  });
});

describe('search by words', () => {
  it('finds names (the person\'s and the caller\'s) and text, newest first, saying which matched', async () => {
    const r = await search('virta');
    // "Virtasen" in a note (10 min ago), the caller Liisa Virtanen (40), Matti Virtanen (50), Matti Virtanen (600)
    expect(found(r.body)).toEqual(['textNote:text', 'caller:name', 'virtanen:name', 'virtanenOld:name']);
    expect(r.body.items[0]).toMatchObject({ personName: null, anonymous: true });
    expect(r.body.items[1]).toMatchObject({ personName: 'Eino Mäki' });
    expect(r.body.total).toBe(4);
  });

  it('needs every word, in any order and case', async () => {
    expect(found((await search('VIRTANEN matti')).body)).toEqual(['virtanen:name', 'virtanenOld:name']);
    expect(found((await search('matti liisa')).body)).toEqual([]);
  });

  it('searches the note and the resident\'s message', async () => {
    expect(found((await search('vuokraräst')).body)).toEqual(['textMessage:text', 'textNote:text']);
    expect(found((await search('asumistuesta')).body)).toEqual(['byRef:text']);
  });

  it('treats LIKE wildcards as the characters they are', async () => {
    expect((await search('%%%')).body.total).toBe(0);
    expect((await search('___')).body.total).toBe(0);
  });

  it('never finds an erased person by name', async () => {
    const r = await search('virtanen');
    expect(r.body.items.map((i) => i.id)).not.toContain(ids.erased);
  });

  it('applies the filters: status, line', async () => {
    expect(found((await search('virtanen', '&status=closed')).body)).toEqual(['virtanenOld:name']);
    expect(found((await search('virtanen', '&status=new&status=closed')).body)).toEqual(['caller:name', 'virtanen:name', 'virtanenOld:name']);
    expect(found((await search('virtanen', '&status=closed&mine=true')).body)).toEqual([]);
    expect(found((await search('virtanen', '&line=working_age')).body)).toEqual(['virtanenOld:name']);
  });

  it('pages the results with their total', async () => {
    const first = await search('virta', '&limit=2');
    const second = await search('virta', '&limit=2&offset=2');
    expect(found(first.body)).toEqual(['textNote:text', 'caller:name']);
    expect(found(second.body)).toEqual(['virtanen:name', 'virtanenOld:name']);
    expect(second.body).toMatchObject({ total: 4, offset: 2, limit: 2 });
  });

  it.each(['ab', 'a b', 'x y z', '  '])('refuses "%s": fewer than three characters in a word, naming querystring.q', async (q) => {
    const r = await search(q);
    if (q.trim() === '') {
      // an empty q is no search: the queue
      expect(r.status).toBe(200);
      return;
    }
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ field: 'querystring.q', code: 'invalid' })]);
    expect(r.body.errors![0]!.message).toMatch(/at least 3 characters/);
  });

  it('refuses a query over 200 characters with 400, never a 500', async () => {
    const r = await search('a'.repeat(201));
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.field).toBe('querystring.q');
  });
});

describe('a common word: more than 1 000 matches', () => {
  // 3 contacts in the last month, 1 007 more from 100 to 1 106 days back: the newest are read from
  // the search index's window of the last month or year, and every page must still be the page of
  // all matches, newest first
  beforeAll(async () => {
    await sql`insert into contact (county_id, reference, channel, anonymous, contactor, received_at, received_on, respond_by, note)
      select ${countyId}::uuid, 'W' || lpad(g::text, 5, '0') || '-TEST', 'phone', true, 'self', t, (t at time zone 'Europe/Helsinki')::date, '2026-11-24', 'Kysyi kalkkunapaistista.'
      from generate_series(1, 1010) g, lateral (select ${now}::timestamptz - make_interval(days => case when g <= 3 then g else 97 + g end, mins => g) as t) x`.execute(database.db);
  });
  const truth = async () => (await sql<{ id: string }>`select id from contact where note = 'Kysyi kalkkunapaistista.'
    order by received_on desc, received_at desc, id desc`.execute(database.db)).rows.map((r) => r.id);

  it.each([[0, 2], [0, 5], [1, 3], [2, 2], [3, 50], [980, 50]])('pages from offset %i, %i at a time, as the page of all matches', async (offset, limit) => {
    const r = await search('kalkkunapaist', `&offset=${offset}&limit=${limit}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i) => i.id)).toEqual((await truth()).slice(offset, offset + limit));
    expect(r.body).toMatchObject({ total: 1000, totalCapped: true, offset, limit });
    expect(r.body.items.every((i) => i.match === 'text')).toBe(true);
  });

  it('counts a filtered search of the same word exactly under the cap', async () => {
    const r = await search('kalkkunapaist', '&status=closed');
    expect(r.body).toMatchObject({ total: 0, totalCapped: false, items: [] });
  });
});
