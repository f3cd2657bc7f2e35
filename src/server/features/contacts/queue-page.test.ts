/**
 * The queue's page (issue 14): its total (capped), paging, the preview of the resident's words
 * (access-logged once per viewing session for an identified contact, never for an anonymous one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { personKeyOf } from '../../platform/access-log.js';
import { LIST_TOTAL_CAP, SEARCH_TOTAL_CAP, type QueueResponse } from './contacts.schemas.js';
import { previewOf } from './queue.queries.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
let countyId: string;
const now = new Date('2026-11-23T10:00:00+02:00');
beforeAll(async () => {
  t = await createTestApp({ now });
  worker = await login(t.app, 'ohjaaja');
  countyId = (await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t.close(); });

let n = 0;
const insert = (values: Record<string, unknown>, minutesAgo = 0) => t.database.db.insertInto('contact').values({
  county_id: countyId, reference: `Q${String(n++).padStart(3, '0')}-PAGE`, channel: 'web_form', anonymous: true, contactor: 'self',
  received_at: new Date(now.getTime() - minutesAgo * 60_000), received_on: '2026-11-23', respond_by: '2026-11-24', ...values,
} as never).returning(['id', 'reference']).executeTakeFirstOrThrow();
const queue = async (query = '') => {
  const res = await t.app.inject({ url: `/api/contacts${query}`, headers: worker.headers });
  return { status: res.statusCode, body: res.json<QueueResponse & { errors?: { field: string; code: string }[] }>() };
};
const logRows = async (id: string) => t.database.db.selectFrom('access_log').select(['action', 'purpose', 'person_key', 'actor_label']).where('subject_id', '=', id).orderBy('seq').execute();

describe('the preview of the resident\'s words', () => {
  it('is the first non-empty line, trimmed, at most 140 characters with an ellipsis', () => {
    expect(previewOf(null)).toBeNull();
    expect(previewOf(' \n \r\n\t ')).toBeNull();
    expect(previewOf('\n\n  Hei!  \nToinen rivi')).toBe('Hei!');
    expect(previewOf('a'.repeat(140))).toBe('a'.repeat(140));
    const cut = previewOf(`${'b'.repeat(150)}\nx`);
    expect(cut).toBe(`${'b'.repeat(139)}…`);
    expect([...cut!].length).toBe(140);
    // characters, not UTF-16 units: an emoji is not split
    expect(previewOf('😀'.repeat(141))).toBe(`${'😀'.repeat(139)}…`);
  });
});

describe('GET /api/contacts: the queue page', () => {
  it('shows the preview, no name, no match, and the server time', async () => {
    const a = await insert({ resident_message: '\nTarvitsen apua.\nLisää tekstiä' }, 30);
    const { status, body } = await queue();
    expect(status).toBe(200);
    const item = body.items.find((i) => i.id === a.id)!;
    expect(item).toMatchObject({ preview: 'Tarvitsen apua.', personName: null, match: null });
    expect(body.serverTime).toBe(now.toISOString());
    expect(body).toMatchObject({ offset: 0, limit: 50, totalCapped: false });
  });

  it('logs the preview of an identified contact once per viewing session, with the person key; an anonymous one never', async () => {
    const identified = await insert({ anonymous: false, person_name: 'Kaisa Koski', person_hetu: '131052-308T', resident_message: 'Apua tarvitaan.' }, 20);
    const withoutWords = await insert({ anonymous: false, person_name: 'Ilman Viestiä' }, 19);
    const anonymous = await insert({ resident_message: 'Nimetön viesti.' }, 18);
    await queue();
    await queue();
    expect(await logRows(identified.id)).toEqual([{ action: 'read', purpose: 'queue_preview', person_key: personKeyOf('131052-308T'), actor_label: 'ohjaaja' }]);
    expect(await logRows(withoutWords.id)).toEqual([]);
    expect(await logRows(anonymous.id)).toEqual([]);
    // a new viewing session: 16 minutes later the preview is logged again
    t.clock.now = new Date(now.getTime() + 16 * 60_000);
    try {
      await queue();
    } finally {
      t.clock.now = now;
    }
    expect((await logRows(identified.id)).map((r) => r.purpose)).toEqual(['queue_preview', 'queue_preview']);
  });

  it('counts the total, pages with offset, and keeps the order across pages', async () => {
    await sql`delete from contact where county_id = ${countyId}::uuid and reference like 'Q%-PAGE'`.execute(t.database.db).catch(() => undefined);
    const all = (await queue('?limit=200')).body;
    const before = all.total;
    for (let i = 0; i < 7; i++) await insert({ urgency: 'non_urgent' }, 100 + i);
    const first = (await queue('?limit=5')).body;
    expect(first.total).toBe(before + 7);
    expect(first.items).toHaveLength(5);
    const rest = (await queue(`?limit=5&offset=5`)).body;
    const whole = (await queue('?limit=200')).body;
    expect([...first.items, ...rest.items].map((i) => i.id)).toEqual(whole.items.slice(0, 10).map((i) => i.id));
    expect(rest).toMatchObject({ offset: 5, limit: 5, total: before + 7 });
    const beyond = (await queue(`?offset=${before + 7}`)).body;
    expect(beyond).toMatchObject({ items: [], total: before + 7 });
  });

  it('counts with the same filters as the page', async () => {
    const onLine = (await queue('?line=families&limit=1')).body;
    const expected = await t.database.db.selectFrom('contact').innerJoin('phone_line as l', 'l.id', 'contact.phone_line_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('l.code', '=', 'families').where('contact.status', '<>', 'closed').executeTakeFirstOrThrow();
    await insert({ phone_line_id: (await t.database.db.selectFrom('phone_line').select('id').where('code', '=', 'families').executeTakeFirstOrThrow()).id });
    const after = (await queue('?line=families&limit=1')).body;
    expect(after.total).toBe(Number(expected.n) + 1);
    expect(after.total).toBe(onLine.total + 1);
  });

  it('caps the total at 1 000 for the closed contacts and 10 000 for the open queue, and says so', async () => {
    await sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by, status, outcome, main_reason, closed_at, led_to_client_relationship)
      select ${countyId}::uuid, 'CAP-' || i, 'phone', true, ${now}::timestamptz - make_interval(mins => i), '2026-11-20', '2026-11-21', 'closed', 'advice_given', 'income', ${now}::timestamptz, false
      from generate_series(1, ${SEARCH_TOTAL_CAP + 5}::int) i`.execute(t.database.db);
    const closed = (await queue('?status=closed&limit=1')).body;
    expect(closed).toMatchObject({ total: SEARCH_TOTAL_CAP, totalCapped: true });
    const open = (await queue('?limit=1')).body;
    expect(open.totalCapped).toBe(false);
    // the open queue counts further: 10 000, then capped (these rows go again, for the tests after)
    await sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by, status, main_reason)
      select ${countyId}::uuid, 'OPENCAP-' || i, 'phone', true, ${now}::timestamptz - make_interval(mins => i), '2026-11-20', '2099-12-31', 'new', 'income'
      from generate_series(1, ${LIST_TOTAL_CAP + 5}::int) i`.execute(t.database.db);
    try {
      expect((await queue('?limit=1')).body).toMatchObject({ total: LIST_TOTAL_CAP, totalCapped: true });
    } finally {
      await sql`delete from contact where reference like 'OPENCAP-%'`.execute(t.database.db);
    }
  });

  it('keeps the queue\'s rules: closed alone, unknown codes, bad paging', async () => {
    const mixed = await queue('?status=new&status=closed');
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([expect.objectContaining({ field: 'querystring.status' })]);
    const unknown = await queue('?line=nope&region=nowhere');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors!.map((e) => `${e.field}:${e.code}`)).toEqual(['querystring.line:unknown_code', 'querystring.region:unknown_code']);
    for (const bad of ['?offset=-1', '?offset=x', '?limit=0', '?limit=201', '?offset=10001']) {
      const r = await queue(bad);
      expect(r.status, bad).toBe(400);
      expect(r.body.errors![0]!.field, bad).toMatch(/^querystring\.(offset|limit)$/);
    }
  });
});
