/**
 * Input hygiene at the edge (issue 13 part 3): NUL and lone surrogates in any field are refused
 * with 400 naming the field, before anything is stored; a PATCH with nothing to change is 400; a
 * catalogue service keeps a name (the table's check constraint, mirrored).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../test/support.js';
import { findForbiddenText, forbiddenCharacter } from './input-hygiene.js';

let t: TestApp;
let worker: Record<string, string>;
let editor: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  worker = (await login(t.app, 'ohjaaja')).headers;
  editor = (await login(t.app, 'toimittaja')).headers;
});
afterAll(async () => { await t.close(); });

const count = async (table: 'contact' | 'service' | 'consent') => Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const anonymousRequest = { lang: 'fi', anonymous: true, contactor: 'self', topic: 'money', text: 'Rahat eivät riitä ruokaan tässä kuussa. Mistä saan apua?' };

describe('forbidden characters', () => {
  it('finds a NUL and an unpaired surrogate of either kind, never a pair', () => {
    expect(forbiddenCharacter('a\u0000b')).toBe('nul');
    expect(forbiddenCharacter('a\uD800')).toBe('lone_surrogate');
    expect(forbiddenCharacter('\uDC00a')).toBe('lone_surrogate');
    expect(forbiddenCharacter('\uD800\uD800\uDC00')).toBe('lone_surrogate');
    expect(forbiddenCharacter('Äiti 👩‍👧 \uD83D\uDE00 ok\t\n')).toBeNull();
    expect(findForbiddenText({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, 'body')).toMatchObject({ field: 'body.a.1.c', code: 'invalid_character' });
    expect(findForbiddenText({ ['k\uD800']: 1 }, 'body')).toMatchObject({ field: 'body', code: 'invalid_character' });
    expect(findForbiddenText({ a: 1, b: [true, null, 'fine'] }, 'body')).toBeNull();
  });
});

describe('NUL and lone surrogates at the edge', () => {
  it('a resident’s own words are never refused for a character nobody types: a NUL becomes a space, a lone surrogate U+FFFD (issue 11); a staff field refuses them', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/contact-requests', payload: { ...anonymousRequest, text: 'Apua\u0000 tarvitaan \uD800nyt' } });
    expect(res.statusCode, res.body).toBe(201);
    const stored = await t.database.db.selectFrom('contact').select('note').where('reference', '=', res.json().reference).executeTakeFirstOrThrow();
    expect(stored.note).toBe('Apua tarvitaan \uFFFDnyt');
    const triage = await t.app.inject({ method: 'POST', url: '/api/public/triage', payload: { text: 'haluan\u0000kuolla \uDC00', lang: 'fi' } });
    expect(triage.statusCode, triage.body).toBe(200);
    expect(triage.json().acute).toBe(true);
    // the query and headers of the same route are still refused
    const badQuery = await t.app.inject({ method: 'POST', url: '/api/public/contact-requests?county=a%00', payload: anonymousRequest });
    expect(badQuery.statusCode, badQuery.body).toBe(400);
    expect(badQuery.json().errors[0]).toMatchObject({ field: 'query.county', code: 'invalid_character' });
    // a staff route refuses the same NUL, naming the field, and stores nothing
    const before = await count('contact');
    const staff = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: worker, payload: { channel: 'phone', anonymous: false, note: 'Apua\u0000 tarvitaan', person: { name: 'Matti Meikäläinen' } } });
    expect(staff.statusCode, staff.body).toBe(400);
    expect(staff.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body.note', code: 'invalid_character' }] });
    expect(staff.json().errors[0].message).toMatch(/NUL/);
    expect(await count('contact')).toBe(before);
  });

  it('refuses a lone surrogate in the login name, in a nested person field, in a query and in a path parameter', async () => {
    const loginRes = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ohjaaja\uD800', password: 'x' } });
    expect(loginRes.statusCode, loginRes.body).toBe(400);
    expect(loginRes.json().errors).toEqual([expect.objectContaining({ field: 'body.username', code: 'invalid_character' })]);

    const before = await count('contact');
    const created = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: worker, payload: { channel: 'phone', anonymous: false, person: { name: 'Matti \uDC00Meikäläinen' } } });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().errors).toEqual([expect.objectContaining({ field: 'body.person.name', code: 'invalid_character' })]);
    expect(await count('contact')).toBe(before);

    const search = await t.app.inject({ url: '/api/public/services?q=ruoka%00apu' });
    expect(search.statusCode, search.body).toBe(400);
    expect(search.json().errors).toEqual([expect.objectContaining({ field: 'query.q', code: 'invalid_character' })]);

    const staffSearch = await t.app.inject({ url: '/api/catalogue/services?q=a%00', headers: worker });
    expect(staffSearch.statusCode, staffSearch.body).toBe(400);
    expect(staffSearch.json().errors[0].field).toBe('query.q');

    const byId = await t.app.inject({ url: '/api/contacts/%00', headers: worker });
    expect(byId.statusCode, byId.body).toBe(400);
    expect(byId.json().errors[0].field).toBe('params.id');
  });

  it('refuses a NUL in a header used as data (the idempotency key)', async () => {
    const before = await count('contact');
    const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...worker, 'idempotency-key': 'k\u0000' }, payload: { channel: 'phone', anonymous: true } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'headers.idempotency-key', code: 'invalid_character' });
    expect(await count('contact')).toBe(before);
  });

  it('still asks for a login first: a staff route with bad text and no session is 401', async () => {
    expect((await t.app.inject({ url: '/api/contacts/%00' })).statusCode).toBe(401);
  });
});

describe('a PATCH with nothing to change', () => {
  it('PATCH /api/contacts/{id} with {} (or only unknown fields) is 400 with a reason; a change to what it already is is 200', async () => {
    const id = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: worker, payload: { channel: 'phone', anonymous: true } })).json().id as string;
    for (const payload of [{}, { nothing: 1 }]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${id}`, headers: worker, payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body', message: 'Nothing to change: give at least one field.' }] });
    }
    // the urgency it already has: no column to set (an empty SET was a 500)
    const same = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${id}`, headers: worker, payload: { urgency: 'non_urgent' } });
    expect(same.statusCode, same.body).toBe(200);
  });

  it('PATCH /api/catalogue/services/{id} with {} is 400 with a reason', async () => {
    const id = (await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: editor, payload: { name: { fi: 'Ruoka-apu' }, organisation: { name: 'Diakonia', providerType: 'parish' } } })).json().id as string;
    const res = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/services/${id}`, headers: editor, payload: {} });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body', message: 'Nothing to change: give at least one field.' })]);
  });
});

describe('a catalogue service keeps a name (the check constraint, mirrored)', () => {
  const local = { name: { fi: 'Vertaistukiryhmä' }, organisation: { name: 'Yhdistys ry', providerType: 'ngo' } };

  it('refuses an empty, blank or lone-surrogate name with 400 naming the field; the name it has stays', async () => {
    const before = await count('service');
    for (const [name, field] of [[{ fi: '' }, 'body.name'], [{ fi: '  \t ', sv: null }, 'body.name'], [{ fi: '\uD800' }, 'body.name.fi']] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: editor, payload: { ...local, name } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors[0].field).toBe(field);
    }
    expect(await count('service')).toBe(before);

    const created = await t.app.inject({ method: 'POST', url: '/api/catalogue/services', headers: editor, payload: local });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    for (const name of [{ fi: '' }, { fi: '   ' }, { fi: null, sv: ' ', en: null }]) {
      const res = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/services/${id}`, headers: editor, payload: { name } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.name', code: 'required' })]);
    }
    const row = await t.database.db.selectFrom('service').select(['name_fi', 'name_sv']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name_fi: 'Vertaistukiryhmä', name_sv: null });
    // another language's name in its place is fine
    const renamed = await t.app.inject({ method: 'PATCH', url: `/api/catalogue/services/${id}`, headers: editor, payload: { name: { fi: null, sv: 'Kamratstödgrupp' } } });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });
});
