import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { DEMO_PASSWORD } from '../../features/organisation/public.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

const at = (iso: string) => { t.clock.now = new Date(iso); };

describe('password login', () => {
  it('logs in and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    at('2026-11-23T08:00:00Z');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'Ohjaaja', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'ohjaaja', displayName: 'Olli Ohjaaja', roles: ['guidance_worker'] });
    const cookie = res.cookies.find((c) => c.name === 'opastin_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `opastin_session=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(res.json().csrfToken);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const payload of [{ username: 'yksikko', password: 'wrong-password-1' }, { username: 'nobody', password: DEMO_PASSWORD }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'invalid_credentials', title: 'Wrong username or password.' });
    }
  });

  it('refuses malformed login bodies with a 4xx problem', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.password', 'body.username']);
    const notJson = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe('bad_request');
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: 'username=a&password=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
  });

  it('throttles an account after repeated failures, even with the right password, until the lock passes', async () => {
    at('2026-11-23T09:00:00Z');
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'toimittaja', password: `wrong-${i}-password` }, remoteAddress: `10.0.0.${i}` });
      expect(res.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'toimittaja', password: DEMO_PASSWORD }, remoteAddress: '10.0.0.9' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('login_throttled');
    expect(locked.headers['retry-after']).toBe(String(15 * 60));
    at('2026-11-23T09:16:00Z');
    const later = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'toimittaja', password: DEMO_PASSWORD } });
    expect(later.statusCode).toBe(200);
  });

  it('sets Secure cookies outside development', async () => {
    const secure = await createTestApp({ database: t.database, config: { secureCookies: true } });
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'esihenkilo', password: DEMO_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'opastin_session')?.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });
});

describe('sessions', () => {
  it('requires a session on staff routes and the CSRF token on mutations', async () => {
    at('2026-11-23T10:00:00Z');
    expect((await t.app.inject({ url: '/api/auth/me' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/codes', headers: { cookie: 'opastin_session=forged' } })).statusCode).toBe(401);
    const s = await login(t.app, 'ohjaaja');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    const wrongCsrf = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'nope' } });
    expect(wrongCsrf.statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('expires after the idle time', async () => {
    at('2026-11-23T10:00:00Z');
    const s = await login(t.app, 'ohjaaja');
    at('2026-11-23T10:29:00Z');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    at('2026-11-23T10:58:00Z'); // 29 minutes after the last use
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    at('2026-11-23T11:29:00Z'); // 31 minutes idle
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('expires at the absolute limit however active the session is', async () => {
    at('2026-11-24T06:00:00Z');
    const s = await login(t.app, 'ohjaaja');
    for (let minutes = 20; minutes < 600; minutes += 20) {
      at(new Date(Date.parse('2026-11-24T06:00:00Z') + minutes * 60_000).toISOString());
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    }
    at('2026-11-24T16:00:01Z');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('logs out everywhere', async () => {
    at('2026-11-25T08:00:00Z');
    const laptop = await login(t.app, 'esihenkilo');
    const phone = await login(t.app, 'esihenkilo');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: phone.cookie } })).statusCode).toBe(200); // now in the session cache
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout-everywhere', headers: laptop.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().revoked).toBeGreaterThanOrEqual(2);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: phone.cookie } })).statusCode).toBe(401);
  });

  it('honours a revocation made elsewhere within the session cache time', async () => {
    at('2026-11-25T08:30:00Z');
    const s = await login(t.app, 'ohjaaja');
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    // another process (or an administrator in the database) revokes the session
    await t.database.db.updateTable('user_session').set({ revoked_at: new Date('2026-11-25T08:30:00Z') }).where('csrf_token', '=', s.csrf).execute();
    at(new Date(Date.parse('2026-11-25T08:30:00Z') + t.config.session.cacheSeconds * 1000).toISOString());
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it('checks roles on the staff subtree', async () => {
    at('2026-11-25T09:00:00Z');
    const worker = await login(t.app, 'ohjaaja');
    const forbidden = await t.app.inject({ url: '/api/admin/users', headers: worker.headers });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('forbidden');
    const admin = await login(t.app, 'admin');
    const allowed = await t.app.inject({ url: '/api/admin/users', headers: admin.headers });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().items.map((u: { username: string }) => u.username)).toContain('ohjaaja');
  });
});
