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

  it('refers the person to a service found in the catalogue: the referral form is filled in', async () => {
    const s = await login(server.app, 'ohjaaja');
    const created = (await server.app.inject({
      method: 'POST', url: '/api/contacts', headers: s.headers,
      payload: { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Jaska Jokunen', phone: '040 765 4321' }, note: 'Velkoja ja ulosotto.' },
    })).json();
    await server.app.inject({ method: 'POST', url: `/api/contacts/${created.id}/claim`, headers: s.headers });
    await server.app.inject({ method: 'POST', url: `/api/contacts/${created.id}/consents`, headers: s.headers, payload: { givenBy: 'client', method: 'verbal', purpose: 'other_actor', target: 'Talous- ja velkaneuvonta' } });
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${created.id}`);
    await page.waitForSelector(qa('catalogue'));
    await page.fill(qa('catalogue-q'), 'velkaneuvonta');
    await page.keyboard.press('Enter');
    await page.click(`${qa('catalogue-hit')}:has-text("Talous- ja velkaneuvonta")`);
    await page.click(qa('catalogue-refer'));
    expect(await page.inputValue('#referral-external')).toContain('Talous- ja velkaneuvonta');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('referral-external');
    await page.fill('#referral-summary', 'Velkaneuvontaan: ulosotto ja pikavipit.');
    await page.check(qa('referral-basis-consent'));
    await page.click(qa('referral-submit'));
    await page.waitForSelector(qa('referral'));
    const row = await server.database.db.selectFrom('referral').select(['external_name', 'external_service_id', 'receiving_unit_id']).where('contact_id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.receiving_unit_id).toBeNull();
    expect(row.external_service_id).not.toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the catalogue editor’s desk', () => {
  it('adds an NGO’s service (refusing a script address), maps it, marks it reviewed and sees its history', async () => {
    const page = await signedInPage(browser, server, 'toimittaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('catalogue-new-form'));
    expect(await axeViolations(page)).toEqual([]);

    await page.fill('#new-service-name', 'Lakeuden vertaistukiryhmä velallisille');
    await page.fill('#new-service-org', 'Lakeuden Mielenterveysseura ry');
    await page.selectOption('#new-service-provider', 'ngo');
    await page.fill('#new-service-phone', '040 555 1234');
    await page.fill('#new-service-url', 'javascript:alert(1)');
    await page.click(qa('catalogue-create'));
    await page.waitForSelector(qa('catalogue-new-error'));
    await page.fill('#new-service-url', 'https://example.fi/vertaistuki');
    await page.check(qa('new-service-areas-working_age'));
    await page.click(qa('catalogue-create'));

    // the new service opens in the editor
    await page.waitForSelector(qa('catalogue-editor'));
    expect(await page.textContent('#editor-title')).toBe('Lakeuden vertaistukiryhmä velallisille');
    await page.click(`${qa('catalogue-edit-form')} .needs summary`);
    await page.check(qa('edit-reasons-income'));
    await page.fill('#edit-interval', '180');
    await page.click(qa('catalogue-save'));
    await page.waitForSelector(qa('catalogue-saved'));
    await page.click(qa('catalogue-review'));
    await page.waitForFunction(() => (document.querySelector('[data-qa="catalogue-history"]')?.children.length ?? 0) >= 3);
    expect(await axeViolations(page)).toEqual([]);

    const row = await server.database.db.selectFrom('service').select(['reasons', 'service_areas', 'review_interval_days', 'source']).where('name_fi', '=', 'Lakeuden vertaistukiryhmä velallisille').executeTakeFirstOrThrow();
    expect(row).toEqual({ reasons: ['income'], service_areas: ['working_age'], review_interval_days: 180, source: 'local' });
  });
});
