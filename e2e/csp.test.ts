/**
 * Issue 13: both web apps run under the strict Content-Security-Policy (no inline script, nothing
 * may frame them) with no violation in Chromium, and their files arrive precompressed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, startServer, type E2eServer } from './support.js';
import { DEMO_PASSWORD } from '../src/server/features/organisation/public.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await server?.close(); });

/** A page that records every CSP violation (the listener is added by the browser, not by a page script). */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]>; encodings: Map<string, string> }> {
  const page = await newPage(browser);
  const console: string[] = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) console.push(m.text()); });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => { w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`); });
  });
  const encodings = new Map<string, string>();
  page.on('response', (r) => { encodings.set(new URL(r.url()).pathname, r.headers()['content-encoding'] ?? 'identity'); });
  const violations = async () => [...console, ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations))];
  return { page, violations, encodings };
}

describe('the strict CSP in Chromium (issue 13)', () => {
  it('the resident front door runs with no CSP violation, served brotli-compressed', async () => {
    const { page, violations, encodings } = await watchedPage();
    const res = await page.goto(`${server.url}/`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(res!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForSelector(qa('line-working_age'));
    await page.click(qa('start-contact'));
    await page.waitForSelector(qa('step-safety'));
    expect(await axeViolations(page)).toEqual([]);
    expect(await violations()).toEqual([]);
    const scripts = [...encodings].filter(([p]) => p.startsWith('/assets/') && p.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every(([, e]) => e === 'br')).toBe(true);
  });

  it('the staff app signs in and shows the queue with no CSP violation', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('login-form'));
    await page.fill('input[autocomplete="username"]', 'ohjaaja');
    await page.fill('input[type="password"]', DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('signed-in-as'));
    await page.waitForSelector(`${qa('queue')}, ${qa('queue-empty')}`);
    expect(await violations()).toEqual([]);
  });

  it('refuses to be framed', async () => {
    const page = await newPage(browser);
    // another origin framing the app: Chromium refuses, naming frame-ancestors
    const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors 'none'/.test(m.text()) });
    await page.setContent(`<iframe src="${server.url}/"></iframe>`);
    expect((await refused).text()).toContain(server.url);
    expect(page.frames().some((f) => f.url().startsWith(server.url))).toBe(false);
  });
});
