/**
 * Single sign-on end to end: a real OpenID Connect provider (oidc-provider) runs in this test
 * process; Chromium goes through its login and consent pages and comes back signed in.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Provider from 'oidc-provider';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, qa, startServer, type E2eServer } from './support.js';

const ACCOUNTS: Record<string, { name: string; roles: string[] }> = {
  'sari.sosionomi': { name: 'Sari Sosionomi', roles: ['guidance_worker', 'some_other_app_role'] },
  'vieras': { name: 'Ville Vieras', roles: [] },
};

let idp: http.Server;
let server: E2eServer;
let browser: Browser;
let issuer: string;

beforeAll(async () => {
  // Reserve the ports first: the provider must know the app's redirect URI and vice versa.
  idp = http.createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const appPort = await freePort();
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'opastin', client_secret: 'opastin-test-secret', redirect_uris: [`http://127.0.0.1:${appPort}/api/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'roles'], email: ['email'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-cookie-key'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, name: ACCOUNTS[id]?.name ?? id, preferred_username: id, email: `${id}@hyvaep.example`, roles: ACCOUNTS[id]?.roles ?? [] }),
    }),
  });
  idp.on('request', provider.callback());
  [server, browser] = await Promise.all([
    startServer({
      port: appPort,
      publicUrl: `http://127.0.0.1:${appPort}`,
      oidc: { issuer, clientId: 'opastin', clientSecret: 'opastin-test-secret', rolesClaim: 'roles', allowHttp: true },
    }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise((resolve) => idp?.close(resolve));
});

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function signInAt(login: string) {
  const page = await newPage(browser);
  await page.goto(`${server.url}/tyo/`);
  await page.click(qa('login-sso'));
  await page.waitForURL(`${issuer}/**`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.waitForSelector('button[type="submit"]:has-text("Continue")');
  await page.click('button[type="submit"]');
  return page;
}

describe('OIDC login against a real provider', () => {
  it('signs a county user in, provisions the account and keeps only known roles', async () => {
    const page = await signInAt('sari.sosionomi');
    await page.waitForSelector(qa('signed-in-as'));
    expect(await page.textContent(qa('signed-in-as'))).toBe('Kirjautuneena: Sari Sosionomi');
    const user = await server.database.db.selectFrom('app_user').select(['id', 'username', 'oidc_issuer', 'password_hash']).where('username', '=', 'sari.sosionomi').executeTakeFirstOrThrow();
    expect(user).toMatchObject({ oidc_issuer: issuer, password_hash: null });
    const roles = await server.database.db.selectFrom('user_role').select('role').where('user_id', '=', user.id).execute();
    expect(roles.map((r) => r.role)).toEqual(['guidance_worker']);
  });

  it('refuses a person the identity provider gives no Opastin role', async () => {
    const page = await signInAt('vieras');
    await page.waitForSelector(qa('login-error'));
    expect(page.url()).toBe(`${server.url}/tyo/?loginError=no_role`);
    expect(await page.textContent(qa('login-error'))).toContain('Käyttäjätunnuksellesi ei ole annettu Opastimen käyttöoikeutta.');
    expect(await server.database.db.selectFrom('app_user').select('id').where('username', '=', 'vieras').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a callback that was not started here', async () => {
    const res = await server.app.inject({ url: '/api/auth/oidc/callback?code=forged&state=forged' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/tyo/?loginError=oidc_failed');
    expect(res.cookies.find((c) => c.name === 'opastin_session')).toBeUndefined();
  });
});
