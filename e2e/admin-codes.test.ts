/**
 * Issue 18's second "done when" in Chromium, in Finnish: the county's administrator adds a reason
 * code in three languages (a code already in the set is said at the code field first); a guidance
 * worker in another browser, right after, chooses it when classifying a contact and the contact
 * shows its label; the administrator retires it: a worker's new contact no longer offers it, but
 * the old contact still shows its label. A built-in service area cannot be retired. axe clean; the
 * new code is saved with the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => new Date('2026-11-26T10:00:00+02:00')), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
const ROW = qa('code-row-reason-asumisen_kriisi');

/** A walk-in contact of the worker's, taken by them. */
async function contactOf(username: string): Promise<string> {
  const s = await login(server.app, username);
  const created = await server.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...s.headers, 'idempotency-key': crypto.randomUUID() }, payload: { channel: 'walk_in', contactor: 'self', anonymous: true } });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  await server.app.inject({ method: 'POST', url: `/api/contacts/${id}/claim`, headers: s.headers });
  return id;
}
const reasonOptions = (page: Page) => page.$$eval('#classify-reason option', (os) => os.map((o) => (o as HTMLOptionElement).value));
/** The contact's facts as the worker reads them: "Yhteydenoton syy" → its value. */
const fact = (page: Page, term: string) => page.$$eval('dl.facts > div', (divs, t) => divs.find((d) => d.querySelector('dt')?.textContent === t)?.querySelector('dd')?.textContent ?? null, term);

describe('issue 18: code sets in Chromium', () => {
  it('adds a reason code a worker uses at once; retired, it is no longer offered but the old contact keeps its label', async () => {
    const admin = await signedInPage(browser, server, 'admin');
    await admin.goto(`${server.url}/tyo/hallinta/koodit`);
    await admin.waitForSelector(qa('code-set-reason'));
    const sets = await admin.$$eval('[data-qa^="code-set-"] h2', (hs) => hs.map((h) => h.textContent));
    expect(sets).toEqual(['Palvelualueet', 'Yhteydenottotavat', 'Yhteydenottajat', 'Yhteydenoton syyt', 'Lopputulokset', 'Kiireellisyys', 'Lähetteiden lopputulokset']);
    expect(await text(admin, `${qa('code-row-reason-income')} ${qa('code-label-fi')}`)).toBe('Toimeentulo, talous ja velat');
    expect(await admin.locator(qa('code-add-urgency')).count()).toBe(0); // urgency can only be renamed
    expect(await axeViolations(admin), 'codes page').toEqual([]);

    // a code already in the set: said at the code field
    await admin.click(qa('code-add-reason'));
    await admin.waitForSelector(qa('code-add-form-reason'));
    await admin.fill('#new-code-reason-code', 'income');
    await admin.fill('#new-code-reason-fi', 'Asumisen kriisi');
    await admin.fill('#new-code-reason-sv', 'Boendekris');
    await admin.fill('#new-code-reason-en', 'Housing crisis');
    await admin.click(qa('code-add-save'));
    await admin.waitForSelector('[data-qa="new-code-reason-code-error"]');
    expect(await text(admin, '[data-qa="new-code-reason-code-error"]')).toBe('Koodi on jo käytössä tässä koodistossa.');
    expect(await admin.getAttribute('#new-code-reason-code', 'aria-invalid')).toBe('true');
    expect(await axeViolations(admin), 'code in use').toEqual([]);

    // the new code, saved with the keyboard
    await admin.fill('#new-code-reason-code', 'asumisen_kriisi');
    await tabToSelector(admin, qa('code-add-save'));
    await admin.keyboard.press('Enter');
    await admin.waitForSelector(ROW);
    expect(await text(admin, qa('code-status-reason'))).toBe('Koodi Asumisen kriisi lisätty.');
    expect(await admin.$$eval(`${ROW} td`, (tds) => tds.slice(0, 4).map((td) => td.textContent))).toEqual(['Asumisen kriisi', 'Boendekris', 'Housing crisis', 'Käytössä']);

    // a guidance worker in another browser, right after
    const worker = await signedInPage(browser, server, 'ohjaaja');
    const firstId = await contactOf('ohjaaja');
    await worker.goto(`${server.url}/tyo/yhteydenotot/${firstId}`);
    await worker.waitForSelector('#classify-reason option[value="asumisen_kriisi"]', { state: 'attached' });
    expect(await worker.textContent('#classify-reason option[value="asumisen_kriisi"]')).toBe('Asumisen kriisi');
    await worker.click(qa('section-details-toggle'));
    await worker.selectOption('#classify-reason', 'asumisen_kriisi');
    await worker.click(qa('classify-submit'));
    await worker.waitForSelector(qa('classify-saved'));
    await worker.waitForFunction(() => [...document.querySelectorAll('dl.facts dd')].some((dd) => dd.textContent === 'Asumisen kriisi'));
    expect(await fact(worker, 'Pääsyy')).toBe('Asumisen kriisi');
    const saved = await server.database.db.selectFrom('contact').select('main_reason').where('id', '=', firstId).executeTakeFirstOrThrow();
    expect(saved.main_reason).toBe('asumisen_kriisi');

    // the administrator retires it
    await admin.click(`${ROW} ${qa('code-retire')}`);
    await admin.waitForSelector(`${ROW}[data-active="false"]`);
    expect(await text(admin, `${ROW} ${qa('code-state')}`)).toBe('Poistettu käytöstä');
    expect(await text(admin, qa('code-status-reason'))).toBe('Koodi Asumisen kriisi poistettu käytöstä.');
    expect(await admin.locator(`${ROW} ${qa('code-restore')}`).count()).toBe(1);
    // a service area a line uses cannot be retired: the server's 409 is said with what uses it
    const area = qa('code-row-service_area-working_age');
    expect(await text(admin, `${area} ${qa('code-used-by')}`)).toContain('linja working_age');
    await admin.click(`${area} ${qa('code-retire')}`);
    await admin.waitForSelector(qa('code-status-service_area'));
    expect(await admin.getAttribute(qa('code-status-service_area'), 'role')).toBe('alert');
    expect(await text(admin, qa('code-status-service_area'))).toMatch(/^Koodia Työikäisten sosiaalipalvelut ja toimeentulotuki ei voi poistaa käytöstä: sitä käyttää .*linja working_age/);
    expect(await text(admin, `${area} ${qa('code-state')}`)).toBe('Käytössä');
    expect(await axeViolations(admin), 'codes page after retiring').toEqual([]);

    // a worker's new contact no longer offers it; the old contact still shows its label
    const worker2 = await signedInPage(browser, server, 'ohjaaja');
    const secondId = await contactOf('ohjaaja');
    await worker2.goto(`${server.url}/tyo/yhteydenotot/${secondId}`);
    await worker2.waitForSelector('#classify-reason option[value="income"]', { state: 'attached' });
    const offered = await reasonOptions(worker2);
    expect(offered).toContain('income');
    expect(offered).not.toContain('asumisen_kriisi');
    await worker2.goto(`${server.url}/tyo/yhteydenotot/${firstId}`);
    await worker2.waitForFunction(() => [...document.querySelectorAll('dl.facts dd')].some((dd) => dd.textContent === 'Asumisen kriisi'));
    expect(await fact(worker2, 'Pääsyy')).toBe('Asumisen kriisi');
    await Promise.all([admin.context().close(), worker.context().close(), worker2.context().close()]);
  });

  it('lists the change in the history with before and after', async () => {
    const s = await login(server.app, 'admin');
    const res = await server.app.inject({ method: 'PATCH', url: '/api/admin/codes/outcome/advice_given', headers: s.headers, payload: { label: { fi: 'Neuvonta annettu', sv: 'Rådgivning given', en: 'Advice given' } } });
    expect(res.statusCode, res.body).toBe(200);
    const page = await signedInPage(browser, server, 'admin');
    await page.goto(`${server.url}/tyo/hallinta/historia`);
    await page.waitForSelector(`${qa('history-row')}[data-object="code:outcome:advice_given"]`);
    await page.selectOption('#history-filter', 'code');
    const row = `${qa('history-row')}[data-object="code:outcome:advice_given"]`;
    expect(await text(page, `${row} ${qa('history-action')}`)).toBe('Muutettu');
    expect(await text(page, `${row} ${qa('history-actor')}`)).toBe('Aaro Ylläpitäjä');
    expect(await text(page, `${row} ${qa('history-diff')}`)).toContain('→');
    expect(await text(page, `${row} ${qa('history-diff')}`)).toContain('Neuvonta annettu');
    expect(await axeViolations(page), 'history page').toEqual([]);
    await page.context().close();
  });
});
