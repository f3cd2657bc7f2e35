/** A worker's saved queue filters and notification choices (issue 14): `GET/PUT /api/me/preferences`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import type { Preferences } from '../contacts/contacts.schemas.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const get = async (s: Awaited<ReturnType<typeof login>>) => t.app.inject({ url: '/api/me/preferences', headers: s.headers });
const put = async (s: Awaited<ReturnType<typeof login>>, payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/me/preferences', headers: s.headers, payload: payload as object });

const saved: Preferences = {
  queueFilters: { line: 'working_age', status: ['new', 'waiting'], mine: false, overdue: true },
  savedFilters: [{ name: 'Perheet, myöhässä', filters: { line: 'families', region: 'seinajoki_isokyro', overdue: true } }],
  notifySound: true,
  notifyDesktop: false,
};

describe('/api/me/preferences', () => {
  it('gives the defaults when nothing is saved', async () => {
    const worker = await login(t.app, 'ohjaaja');
    const res = await get(worker);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ queueFilters: {}, savedFilters: [], notifySound: false, notifyDesktop: false });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('saves the whole set and gives it back, to its owner only', async () => {
    const worker = await login(t.app, 'ohjaaja');
    const res = await put(worker, saved);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(saved);
    expect((await get(worker)).json()).toEqual(saved);
    const changed = { ...saved, notifySound: false, savedFilters: [] };
    expect((await put(worker, changed)).json()).toEqual(changed);
    expect((await get(worker)).json()).toEqual(changed);
    const colleague = await login(t.app, 'esihenkilo');
    expect((await get(colleague)).json()).toEqual({ queueFilters: {}, savedFilters: [], notifySound: false, notifyDesktop: false });
    expect(await t.database.db.selectFrom('worker_preference').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 1 });
  });

  it('refuses unknown line and region codes, naming each field', async () => {
    const worker = await login(t.app, 'ohjaaja');
    const res = await put(worker, { ...saved, queueFilters: { line: 'nope' }, savedFilters: [{ name: 'x', filters: { region: 'nowhere' } }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'body.queueFilters.line:unknown_code', 'body.savedFilters.0.filters.region:unknown_code',
    ]);
  });

  it('refuses a malformed body with 400 naming the field, never a 500', async () => {
    const worker = await login(t.app, 'ohjaaja');
    for (const [body, field] of [
      [{ ...saved, notifySound: 'yes' }, 'body.notifySound'],
      [{ ...saved, queueFilters: { status: ['open'] } }, 'body.queueFilters.status.0'],
      [{ ...saved, savedFilters: [{ name: '', filters: {} }] }, 'body.savedFilters.0.name'],
      [{ queueFilters: {}, savedFilters: [], notifySound: true }, 'body.notifyDesktop'],
    ] as const) {
      const res = await put(worker, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), field).toContain(field);
    }
  });

  it('is for any signed-in staff member; CSRF on the save; 401 without a session', async () => {
    const unit = await login(t.app, 'yksikko');
    expect((await put(unit, saved)).statusCode).toBe(200);
    const editor = await login(t.app, 'toimittaja');
    expect((await get(editor)).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/me/preferences' })).statusCode).toBe(401);
    const noCsrf = await t.app.inject({ method: 'PUT', url: '/api/me/preferences', headers: { cookie: unit.cookie }, payload: saved });
    expect(noCsrf.statusCode).toBe(403);
  });
});
