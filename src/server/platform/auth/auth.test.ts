import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { DEMO_PASSWORD } from '../../features/organisation/public.js';
import { requiredWaitSeconds, unlockLogin } from './login-throttle.js';

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

  it('never locks out the right password for a fixed time: each failure past five makes the next attempt wait longer', async () => {
    const T = Date.parse('2026-11-23T09:00:00Z');
    const after = (s: number) => { t.clock.now = new Date(T + s * 1000); };
    const attempt = (password: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'toimittaja', password }, remoteAddress, headers: { 'accept-language': 'en' } });
    after(0);
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-${i}-password`, `10.0.0.${i}`)).statusCode).toBe(401);
    // the sixth attempt waits 5 s, whatever the password and the address
    const wait = await attempt(DEMO_PASSWORD, '10.0.0.9');
    expect(wait.statusCode).toBe(429);
    expect(wait.headers['retry-after']).toBe('5');
    expect(wait.json()).toMatchObject({ code: 'login_throttled', detail: 'Too many failed logins for this account: wait 5 seconds before the next attempt.' });
    after(5);
    expect((await attempt('wrong-5-password', '10.0.0.5')).statusCode).toBe(401); // a sixth failure: the next waits 10 s
    after(6);
    const longer = await attempt(DEMO_PASSWORD, '10.0.0.9');
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('9');
    after(15);
    expect((await attempt(DEMO_PASSWORD, '10.0.0.9')).statusCode).toBe(200);
    // a success starts the count again
    expect((await attempt('wrong-again-password', '10.0.0.9')).statusCode).toBe(401);
    expect((await attempt(DEMO_PASSWORD, '10.0.0.9')).statusCode).toBe(200);
  });

  it('does not hold up the owner at an address they logged in from: guesses from elsewhere delay only elsewhere', async () => {
    t.clock.now = new Date('2026-11-27T08:00:00Z');
    const attempt = (password: string, remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'toimittaja', password }, remoteAddress });
    expect((await attempt(DEMO_PASSWORD, '10.1.1.1')).statusCode).toBe(200); // the owner's workstation
    t.clock.now = new Date('2026-11-27T09:00:00Z');
    for (let i = 0; i < 8; i++) expect((await attempt(`guess-${i}-password`, `203.0.113.${i}`)).statusCode).toBe(i < 5 ? 401 : 429);
    expect((await attempt(DEMO_PASSWORD, '203.0.113.99')).statusCode).toBe(429);
    expect((await attempt(DEMO_PASSWORD, '10.1.1.1')).statusCode).toBe(200);
  });

  it('delays an address after many failures across accounts, and only that address, and not for accounts that work from it', async () => {
    t.clock.now = new Date('2026-11-29T07:00:00Z');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ohjaaja', password: DEMO_PASSWORD }, remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
    t.clock.now = new Date('2026-11-29T08:00:00Z');
    const users = ['admin', 'yksikko', 'yksikko2', 'lastensuojelu', 'paivystys', 'sospaivystys', 'nobody1', 'nobody2', 'nobody3', 'nobody4'];
    for (let i = 0; i < 20; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: users[i % users.length], password: 'spray-password-1' }, remoteAddress: '198.51.100.7' });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'esihenkilo', password: DEMO_PASSWORD }, remoteAddress: '198.51.100.7', headers: { 'accept-language': 'en' } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().detail).toBe('Too many failed logins from this address: wait 5 seconds before the next attempt.');
    const office = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ohjaaja', password: DEMO_PASSWORD }, remoteAddress: '198.51.100.7' });
    expect(office.statusCode).toBe(200); // logged in from this address before
    const elsewhere = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD }, remoteAddress: '198.51.100.8' });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('lets an administrator unlock an account: its earlier failures no longer delay it', async () => {
    t.clock.now = new Date('2026-12-02T08:00:00Z');
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'yksikko2', password }, remoteAddress: '10.2.2.2' });
    for (let i = 0; i < 9; i++) await attempt(`wrong-${i}-password`);
    expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(429);
    expect(await unlockLogin(t.database.db, 'Yksikko2', t.clock.now)).toBe(true);
    expect(await unlockLogin(t.database.db, 'no-such-user', t.clock.now)).toBe(false);
    t.clock.now = new Date('2026-12-02T08:00:00.001Z');
    expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('grows the wait 5 s, 10 s, 20 s … up to the cap', () => {
    expect([0, 4, 5, 6, 7, 10, 20, 99].map((n) => requiredWaitSeconds(n, 5, 900))).toEqual([0, 0, 5, 10, 20, 160, 900, 900]);
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
