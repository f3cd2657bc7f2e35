/**
 * End-to-end support: the real server (built web apps, real database) on a free port, and
 * Debian's Chromium driven by playwright-core. Selectors are data-qa attributes only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { testConfig, type Config } from '../src/server/platform/config.js';
import { createTestDatabase, login } from '../src/server/test/support.js';
import type { Database } from '../src/server/platform/db.js';
import { WEB_DIST } from '../src/server/platform/web.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface E2eServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function startServer(config: Partial<Config> = {}, prepare?: (app: FastifyInstance) => Promise<void>, clock: () => Date = () => new Date()): Promise<E2eServer> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first (npm test does).');
  const database = await createTestDatabase();
  const app = await buildApp({ config: testConfig(config), database, clock }, { logger: false });
  await prepare?.(app);
  await app.listen({ port: config.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, app, database, close: async () => { await app.close(); await database.close(); } };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function newPage(browser: Browser, opts: { width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000); // a clear "waiting for selector" failure well inside the test's own timeout
  return page;
}

export const qa = (id: string) => `[data-qa="${id}"]`;

/** A page already signed in as `username` (the login form itself is tested in staff-login.test.ts). */
export async function signedInPage(browser: Browser, server: E2eServer, username: string, opts: { width?: number } = {}): Promise<Page> {
  const page = await newPage(browser, opts);
  const { cookie } = await login(server.app, username);
  const [name, value] = cookie.split(';')[0]!.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: server.url }]);
  return page;
}

/** Presses Tab until the element matching `selector` has focus (at most `max` presses): how a keyboard user gets there. */
export async function tabToSelector(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** WCAG 2.1 AA as axe checks it. Returns the violations so a failing test shows them. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string | null | undefined; nodes: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** A server whose catalogue holds the PTV fixture's services (for the chat's service cards), on the given clock. */
export function startServerWithCatalogue(clock: () => Date): Promise<E2eServer> {
  return startServer({}, async (app) => { await importPtvFolder(app.deps.database.db, await resolveCountyId(app.deps.database.db), PTV_FIXTURE); }, clock);
}

/** The contact view's close form with the usual statistics (advice given, income, the person themself, no client relationship). */
export async function closeWithStatistics(page: Page): Promise<void> {
  await page.selectOption('#close-outcome', 'advice_given');
  await page.selectOption('#close-reason', 'income');
  await page.selectOption('#close-contactor', 'self');
  await page.check(qa('close-led-no'));
  await page.click(qa('close-submit'));
  await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Päätetty');
}
