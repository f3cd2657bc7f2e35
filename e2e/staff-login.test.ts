import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, startServer, type E2eServer } from './support.js';
import { DEMO_PASSWORD } from '../src/server/features/organisation/public.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => { [server, browser] = await Promise.all([startServer(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await server?.close(); });

describe('staff login in Chromium', () => {
  it('logs a guidance worker in with the keyboard only, and out again', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('login-form'));
    expect(await axeViolations(page)).toEqual([]);

    // Tab from the top of the page to the username field, type, and submit with Enter.
    await page.keyboard.press('Tab');
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete') === 'username')); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('ohjaaja');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.waitForSelector(qa('signed-in-as'));
    expect(await page.textContent(qa('signed-in-as'))).toBe('Kirjautuneena: Olli Ohjaaja');
    await page.waitForSelector(`${qa('queue')}, ${qa('queue-empty')}`);
    expect(await axeViolations(page)).toEqual([]);

    // The session survives a reload (cookie), and logging out ends it.
    await page.reload();
    await page.waitForSelector(qa('signed-in-as'));
    await page.click(qa('logout'));
    await page.waitForSelector(qa('login-form'));
    await page.reload();
    await page.waitForSelector(qa('login-form'));
  });

  it('shows a clear message for a bad login, in the chosen language', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/tyo/?lang=sv`);
    await page.waitForSelector(qa('login-form'));
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await page.click(qa('login-submit'));
    expect(await page.locator('text=Obligatorisk uppgift').count()).toBe(2);
    await page.fill(`${qa('login-username')}`, 'ohjaaja');
    await page.fill(`${qa('login-password')}`, 'wrong password!');
    await page.click(qa('login-submit'));
    await page.waitForSelector(qa('login-error'));
    expect(await page.textContent(qa('login-error'))).toContain('Fel användarnamn eller lösenord.');
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('resident front page in Chromium', () => {
  it('has an axe check that does find violations (guards against a silent no-op)', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    await page.waitForSelector(qa('acute-box'));
    await page.evaluate(() => { const img = document.createElement('img'); img.src = 'data:,'; document.querySelector('main')!.append(img); });
    expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
  });

  it.each(['fi', 'sv', 'en'] as const)('has no axe violations and shows the acute box, promise and lines (%s)', async (lang) => {
    const page = await newPage(browser, { width: 320 });
    await page.goto(`${server.url}/?lang=${lang}`);
    await page.waitForSelector(`${qa('lines')} li`);
    await page.waitForFunction(() => !document.querySelector('[data-qa="service-promise"]')?.textContent?.includes('…'));
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.getAttribute(qa('acute-emergency'), 'href')).toBe('tel:112');
    expect(await page.textContent(qa('service-promise'))).toMatch(/\d/);
    expect(await axeViolations(page)).toEqual([]);
    // nothing overflows sideways at 320 px
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
