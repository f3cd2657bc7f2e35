/**
 * The service catalogue at a guidance worker's hand in Chromium: searching inside the contact view
 * (with a typo), opening a service's channels, and suggestions from the contact's note.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({}, async (app) => { await importPtvFolder(app.deps.database.db, await resolveCountyId(app.deps.database.db), PTV_FIXTURE); }, () => new Date('2026-11-23T10:00:00+02:00')),
    launchBrowser(),
  ]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

describe('the catalogue in the contact view', () => {
  it('finds a service despite a typo, opens its channels, and suggests from the note with reasons', async () => {
    const s = await login(server.app, 'ohjaaja');
    const created = await server.app.inject({
      method: 'POST', url: '/api/contacts', headers: s.headers,
      payload: { channel: 'walk_in', contactor: 'self', anonymous: true, note: 'Olen velkaa pikavipeistä ja ulosotto uhkaa.' },
    });
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${created.json().id}`);
    await page.waitForSelector(qa('catalogue'));
    await page.fill(qa('catalogue-q'), 'velkaneuvona');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${qa('catalogue-results')} ${qa('catalogue-hit')}`);
    expect(await page.textContent(qa('catalogue-results'))).toContain('Talous- ja velkaneuvonta');
    await page.click(`${qa('catalogue-hit')}:has-text("Talous- ja velkaneuvonta")`);
    await page.waitForSelector('[data-qa^="service-detail-"]');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('catalogue-suggest'));
    await page.waitForSelector(qa('catalogue-suggestions'));
    const suggestions = await page.textContent(qa('catalogue-suggestions'));
    expect(suggestions).toContain('velkaa');
    expect(suggestions).toContain('Talous- ja velkaneuvonta');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
