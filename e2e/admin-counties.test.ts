/**
 * Issue 18 in Chromium, in Finnish: the platform administrator `alusta` creates a second county
 * with its first administrator; that administrator signs in and sees only their own county (its
 * users, units and lines: none of county 1's), and county 1's user by a direct address is not
 * found; county 1's administrator likewise does not see county 2's. axe clean on each page; the
 * county is created with the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';

let server: E2eServer;
let browser: Browser;
const PASSWORD = 'Lansi-hyvinvointi-2026!';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
const rowKeys = (page: Page, table: string, prefix: string) =>
  page.$$eval(`${qa(table)} tbody tr`, (trs, p) => trs.map((tr) => (tr.getAttribute('data-qa') ?? '').replace(p, '')), prefix);
async function expectAxeClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}
const userId = async (username: string) => (await server.database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

describe('issue 18: a second county, in Chromium', () => {
  it('the platform administrator creates a county and its administrator; each county\'s administrator sees only their own', async () => {
    const platform = await signedInPage(browser, server, 'alusta');
    await platform.goto(`${server.url}/tyo/`);
    await platform.waitForSelector(qa('counties-table')); // the platform administrator's home is the counties
    const before = await rowKeys(platform, 'counties-table', 'county-row-');
    expect(before).toHaveLength(1);
    await expectAxeClean(platform, 'counties page');

    await platform.fill('#county-code', 'lansi');
    await platform.fill('#county-name-fi', 'Länsi-Esimerkin hyvinvointialue');
    await platform.fill('#county-name-sv', 'Välfärdsområdet Västra Exempel');
    await platform.fill('#county-name-en', 'West Example Wellbeing Services County');
    await platform.fill('#county-admin-username', 'lansi.admin');
    await platform.fill('#county-admin-name', 'Liisa Länsi');
    await platform.fill('#county-admin-email', 'liisa.lansi@example.fi');
    await platform.fill('#county-admin-password', PASSWORD);
    await tabToSelector(platform, qa('county-new-save'));
    await platform.keyboard.press('Enter');
    await platform.waitForSelector(qa('county-created'));
    expect(await text(platform, qa('county-created'))).toBe('Hyvinvointialue Länsi-Esimerkin hyvinvointialue luotu; pääkäyttäjä lansi.admin voi kirjautua.');
    await platform.waitForSelector(qa('county-row-lansi'));
    expect(await text(platform, `${qa('county-row-lansi')} ${qa('county-name')}`)).toBe('Länsi-Esimerkin hyvinvointialue');
    expect(await text(platform, `${qa('county-row-lansi')} ${qa('county-admins')}`)).toBe('1');
    expect(await text(platform, `${qa('county-row-lansi')} ${qa('county-users')}`)).toBe('1');
    expect(await rowKeys(platform, 'counties-table', 'county-row-')).toEqual(expect.arrayContaining([...before, 'lansi']));

    // the same code again: refused at the code field
    await platform.fill('#county-code', 'lansi');
    await platform.fill('#county-name-fi', 'Toinen');
    await platform.fill('#county-name-sv', 'Annan');
    await platform.fill('#county-name-en', 'Another');
    await platform.fill('#county-admin-username', 'toinen.admin');
    await platform.fill('#county-admin-name', 'Toni Toinen');
    await platform.fill('#county-admin-password', PASSWORD);
    await platform.click(qa('county-new-save'));
    await platform.waitForSelector(qa('county-code-error'));
    expect(await text(platform, qa('county-code-error'))).toBe('Tämä tunnus on jo käytössä. Valitse toinen.');
    await expectAxeClean(platform, 'counties page with an error');
    await platform.context().close();

    // county 2's administrator signs in with the password given, in their own browser
    const west = await newPage(browser);
    await west.goto(`${server.url}/tyo/`);
    await west.fill(qa('login-username'), 'lansi.admin');
    await west.fill(qa('login-password'), PASSWORD);
    await west.click(qa('login-submit'));
    await west.waitForSelector(qa('nav-admin'));

    // users: only their own county's (themself), none of county 1's
    await west.goto(`${server.url}/tyo/hallinta/kayttajat`);
    await west.waitForSelector(qa('users-table'));
    expect(await rowKeys(west, 'users-table', 'user-row-')).toEqual(['lansi.admin']);
    await expectAxeClean(west, 'county 2 users');

    // units: none of county 1's
    await west.goto(`${server.url}/tyo/hallinta/organisaatio`);
    await west.waitForSelector(qa('units-table'));
    const westUnits = await rowKeys(west, 'units-table', 'unit-row-');
    expect(westUnits).not.toContain('adult_social_work');
    await expectAxeClean(west, 'county 2 organisation');

    // lines: none of county 1's (asked as the app asks)
    const lines = await west.evaluate(async () => (await (await fetch('/api/admin/lines')).json()) as { items: { code: string }[] });
    expect(lines.items.map((l) => l.code)).not.toContain('working_age');

    // county 1's guidance worker by a direct address: not found
    const ohjaaja = await userId('ohjaaja');
    await west.goto(`${server.url}/tyo/hallinta/kayttajat/${ohjaaja}`);
    await west.waitForSelector(qa('user-not-found'));
    expect(await text(west, '#user-title')).toBe('Käyttäjää ei löytynyt');
    expect(await west.locator(qa('admin-user')).count()).toBe(0);
    await expectAxeClean(west, 'county 1 user from county 2');
    await west.context().close();

    // county 1's administrator: no county 2 administrator in the list, nor by a direct address
    const east = await signedInPage(browser, server, 'admin');
    await east.goto(`${server.url}/tyo/hallinta/kayttajat`);
    await east.waitForSelector(qa('users-table'));
    const eastUsers = await rowKeys(east, 'users-table', 'user-row-');
    expect(eastUsers).toContain('ohjaaja');
    expect(eastUsers).not.toContain('lansi.admin');
    await east.goto(`${server.url}/tyo/hallinta/kayttajat/${await userId('lansi.admin')}`);
    await east.waitForSelector(qa('user-not-found'));
    await east.context().close();
  }, 240_000); // three browsers, five pages checked by axe: slow on a shared machine
});
