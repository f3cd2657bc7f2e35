import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import type { ContactView } from './contacts.schemas.js';

/**
 * Caller and person concerned (issue 14): a daughter calls about her father, a home-care nurse
 * about a client. The caller is recorded apart from the person; never on an anonymous contact or
 * when the person called themselves; the timeline says that a caller was recorded, not who.
 */
let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: worker.headers });
const patch = (url: string, payload: unknown) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: worker.headers });
const view = async (id: string) => {
  const res = await t.app.inject({ url: `/api/contacts/${id}`, headers: worker.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ContactView>();
};
const fieldsOf = (body: { errors?: { field: string; code?: string }[] }) => (body.errors ?? []).map((e) => `${e.field}:${e.code}`);

const father = { name: 'Veikko Isä', hetu: formatHetu('1938-04-12', 377) };
const daughter = { name: 'Ritva Tytär', phone: '050 765 4321', relationship: 'tytär' };
const daughterCalls = { channel: 'phone', contactor: 'close_one', anonymous: false, mainReason: 'ageing_home_care', person: father, caller: daughter };

async function created(body: object): Promise<string> {
  const res = await post('/api/contacts', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('recording who called', () => {
  it('keeps the caller apart from the person concerned, the phone normalised like the person\'s', async () => {
    const id = await created(daughterCalls);
    const v = await view(id);
    expect(v.contactor).toBe('close_one');
    expect(v.person).toMatchObject({ name: 'Veikko Isä', hetu: father.hetu, phone: null });
    expect(v.caller).toEqual({ name: 'Ritva Tytär', phone: '+358507654321', organisation: null, relationship: 'tytär' });
    const row = await t.database.db.selectFrom('contact').select(['caller_name', 'caller_phone', 'caller_relationship']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ caller_name: 'Ritva Tytär', caller_phone: '+358507654321', caller_relationship: 'tytär' });
  });

  it('a professional calling about a client: organisation and relationship', async () => {
    const id = await created({ ...daughterCalls, contactor: 'professional', caller: { name: 'Hoitaja Hanna', organisation: 'Kotihoito Etelä', relationship: 'kotihoidon sairaanhoitaja', phone: '+358 6 123 4567' } });
    expect((await view(id)).caller).toEqual({ name: 'Hoitaja Hanna', phone: '+35861234567', organisation: 'Kotihoito Etelä', relationship: 'kotihoidon sairaanhoitaja' });
  });

  it('is null when nobody else called, and an empty caller is no caller', async () => {
    expect((await view(await created({ ...daughterCalls, caller: undefined }))).caller).toBeNull();
    expect((await view(await created({ ...daughterCalls, contactor: 'self', caller: { name: '  ', phone: '' } }))).caller).toBeNull();
  });

  it('refuses a phone that is not one: 422 naming body.caller.phone', async () => {
    const res = await post('/api/contacts', { ...daughterCalls, caller: { ...daughter, phone: 'soita iltaisin' } });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res.json())).toEqual(['body.caller.phone:invalid_phone']);
  });

  it('refuses a caller on an anonymous contact: 422 naming body.caller, nothing stored', async () => {
    const before = Number((await sql<{ n: string }>`select count(*) as n from contact`.execute(t.database.db)).rows[0]!.n);
    const res = await post('/api/contacts', { channel: 'phone', contactor: 'close_one', anonymous: true, mainReason: 'income', caller: { relationship: 'naapuri' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('personal_data_in_anonymous');
    expect(fieldsOf(res.json())).toEqual(['body.caller:personal_data_not_allowed']);
    expect(Number((await sql<{ n: string }>`select count(*) as n from contact`.execute(t.database.db)).rows[0]!.n)).toBe(before);
  });

  it('refuses a caller when the person called themselves (contactor self): 422 naming body.caller', async () => {
    const res = await post('/api/contacts', { ...daughterCalls, contactor: 'self' });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res.json())).toEqual(['body.caller:personal_data_not_allowed']);
  });
});

describe('changing the caller', () => {
  it('records, changes and removes the caller; the timeline names the fields, never the values', async () => {
    const id = await created({ ...daughterCalls, caller: undefined });
    expect((await patch(`/api/contacts/${id}`, { caller: { name: 'Ritva Tytär', phone: '0507654321' } })).statusCode).toBe(200);
    expect((await view(id)).caller).toEqual({ name: 'Ritva Tytär', phone: '+358507654321', organisation: null, relationship: null });
    expect((await patch(`/api/contacts/${id}`, { caller: { name: 'Ritva Tytär', phone: '0507654321', relationship: 'tytär' } })).statusCode).toBe(200);
    expect((await patch(`/api/contacts/${id}`, { caller: null })).statusCode).toBe(200);
    const v = await view(id);
    expect(v.caller).toBeNull();
    const callerEvents = v.timeline.filter((e) => e.kind.startsWith('caller_')).map((e) => ({ kind: e.kind, details: e.details }));
    expect(callerEvents).toEqual([
      { kind: 'caller_recorded', details: { fields: ['name', 'phone'], contactor: 'close_one' } },
      { kind: 'caller_changed', details: { fields: ['relationship'], contactor: 'close_one' } },
      { kind: 'caller_removed', details: { fields: ['name', 'phone', 'relationship'], contactor: 'close_one' } },
    ]);
    expect(JSON.stringify(v.timeline)).not.toMatch(/Ritva|507654321|tytär/);
  });

  it('registration with a caller puts a caller_recorded event on the timeline, without the data', async () => {
    const v = await view(await created(daughterCalls));
    expect(v.timeline.map((e) => e.kind).sort()).toEqual(['caller_recorded', 'created']);
    expect(v.timeline.find((e) => e.kind === 'caller_recorded')!.details).toEqual({ fields: ['name', 'phone', 'relationship'], contactor: 'close_one' });
  });

  it('contactor to self while a caller is stored: 422 naming body.caller, unless caller: null comes with it', async () => {
    const id = await created(daughterCalls);
    const refused = await patch(`/api/contacts/${id}`, { contactor: 'self' });
    expect(refused.statusCode).toBe(422);
    expect(fieldsOf(refused.json())).toEqual(['body.caller:personal_data_not_allowed']);
    expect((await view(id)).contactor).toBe('close_one');
    const withCaller = await patch(`/api/contacts/${id}`, { contactor: 'self', caller: { name: 'Joku' } });
    expect(withCaller.statusCode).toBe(422);
    const ok = await patch(`/api/contacts/${id}`, { contactor: 'self', caller: null });
    expect(ok.statusCode, ok.body).toBe(200);
    const v = await view(id);
    expect(v.contactor).toBe('self');
    expect(v.caller).toBeNull();
  });

  it('refuses a caller on an anonymous contact when updating too, and an invalid phone with 422', async () => {
    const anon = await created({ channel: 'phone', contactor: 'close_one', anonymous: true, mainReason: 'income' });
    const res = await patch(`/api/contacts/${anon}`, { caller: { name: 'Naapuri' } });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res.json())).toEqual(['body.caller:personal_data_not_allowed']);
    const id = await created(daughterCalls);
    const bad = await patch(`/api/contacts/${id}`, { caller: { phone: '12' } });
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad.json())).toEqual(['body.caller.phone:invalid_phone']);
  });

  it('an anonymous contact made identified may take a caller in the same request', async () => {
    const anon = await created({ channel: 'phone', contactor: 'close_one', anonymous: true, mainReason: 'income' });
    const res = await patch(`/api/contacts/${anon}`, { anonymous: false, person: father, caller: daughter });
    expect(res.statusCode, res.body).toBe(200);
    expect((await view(anon)).caller).toMatchObject({ name: 'Ritva Tytär' });
  });

  it('closing as contactor self while a caller is stored: 422 naming body.contactor, the contact stays open', async () => {
    const id = await created(daughterCalls);
    await post(`/api/contacts/${id}/claim`, {});
    const res = await post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false, contactor: 'self' });
    expect(res.statusCode).toBe(422);
    expect(fieldsOf(res.json())).toEqual(['body.contactor:invalid']);
    expect((await view(id)).status).toBe('in_progress');
  });
});
