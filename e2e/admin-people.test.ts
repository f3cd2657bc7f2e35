/**
 * Issue 18 in Chromium, in Finnish: the county's administrator opens a new receiving unit and a
 * unit worker's account in it on the organisation and users pages; the new worker signs in with
 * the password the administrator gave (their own browser) and sees the unit's inbox with the
 * referral a guidance worker sent there. A unit code already in use is refused at its field.
 * Deactivating an account ends its session at once: the worker's open app is signed out and
 * their next request is 401; the county's last administrator cannot be deactivated. The site and
 * policy settings show each group's legal note and keep what was saved. axe clean on
 * every page; the new user is created with the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { formatHetu } from '../src/domain/hetu.js';

let server: E2eServer;
let browser: Browser;
const UNIT = 'perhetyo_pohjoinen';
const UNIT_NAME = 'Perhetyö, pohjoinen';
const PASSWORD = 'Pohjoinen-tyo-2026!';

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
async function expectAxeClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}

/** Signs in through the login form, as a person does. */
async function signInWithForm(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/tyo/`);
  await page.waitForSelector(qa('login-form'));
  await page.fill(qa('login-username'), username);
  await page.fill(qa('login-password'), password);
  await page.click(qa('login-submit'));
}

/** A guidance worker's referral of an identified caller to `unit`, with the caller's consent; its contact's reference. */
async function referTo(unit: string): Promise<string> {
  const guide = await login(server.app, 'ohjaaja');
  const post = async <T>(url: string, payload: object): Promise<T> => {
    const res = await server.app.inject({ method: 'POST', url, payload, headers: { ...guide.headers, 'idempotency-key': crypto.randomUUID() } });
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json<T>();
  };
  const contact = await post<{ id: string; reference: string }>('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'families',
    person: { name: 'Pirjo Perhe', hetu: formatHetu('1988-05-04', 234), phone: '040 555 6677' },
  });
  const consent = await post<{ id: string }>(`/api/contacts/${contact.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: UNIT_NAME });
  await post(`/api/contacts/${contact.id}/referrals`, {
    kind: 'referral_for_assessment', assessment: 'pta', unit, consentId: consent.id,
    summary: 'Perheen arki ei suju: palvelutarpeen arviointi.', needs: ['income'], urgency: 'non_urgent', shareResidentMessage: false,
  });
  return contact.reference;
}

describe('issue 18: a new receiving unit and its worker, in Chromium', () => {
  it('the administrator adds a unit and a unit worker in it; the worker signs in and sees the unit\'s inbox with a referral to it', async () => {
    const admin = await signedInPage(browser, server, 'admin');
    await admin.goto(`${server.url}/tyo/hallinta/organisaatio`);
    await admin.waitForSelector(qa('units-table'));
    await expectAxeClean(admin, 'organisation page');

    // a new receiving unit
    await admin.click(qa('unit-new'));
    await admin.waitForSelector(qa('unit-form'));
    await admin.fill('#unit-code', UNIT);
    await admin.selectOption('#unit-area', 'families');
    await admin.fill('#unit-name-fi', UNIT_NAME);
    await admin.fill('#unit-name-sv', 'Familjearbete, norr');
    await admin.fill('#unit-name-en', 'Family work, north');
    await admin.fill('#unit-phone', '09 123 4567');
    await admin.fill('#unit-email', 'perhetyo.pohjoinen@example.fi');
    await admin.fill('#unit-days', '5');
    // a Swedish-speaking unit: its reminders are written in Swedish
    expect(await admin.inputValue('#unit-language')).toBe('fi');
    await admin.selectOption('#unit-language', 'sv');
    await expectAxeClean(admin, 'unit form');
    await admin.click(qa('unit-save'));
    await admin.waitForSelector(qa('units-status'));
    expect(await text(admin, qa('units-status'))).toBe(`Yksikkö ${UNIT_NAME} lisätty.`);
    const row = qa(`unit-row-${UNIT}`);
    expect(await text(admin, `${row} ${qa('unit-name')}`)).toBe(UNIT_NAME);
    expect(await text(admin, `${row} ${qa('unit-in-opastin')}`)).toBe('Kyllä');
    expect(await text(admin, `${row} ${qa('unit-state')}`)).toBe('Käytössä');
    expect((await server.database.db.selectFrom('receiving_unit').select(['language', 'client_contact_days']).where('code', '=', UNIT).executeTakeFirstOrThrow()))
      .toEqual({ language: 'sv', client_contact_days: 5 });

    // the same code again: refused at the code field, nothing added
    await admin.click(qa('unit-new'));
    await admin.fill('#unit-code', UNIT);
    await admin.selectOption('#unit-area', 'families');
    await admin.fill('#unit-name-fi', 'Toinen');
    await admin.fill('#unit-name-sv', 'Annan');
    await admin.fill('#unit-name-en', 'Another');
    await admin.click(qa('unit-save'));
    await admin.waitForSelector(qa('unit-code-error'));
    expect(await text(admin, qa('unit-code-error'))).toBe('Tämä tunnus on jo käytössä. Valitse toinen.');
    expect(await text(admin, qa('unit-form-errors-link'))).toBe('Tunnus: Tämä tunnus on jo käytössä. Valitse toinen.');
    await expectAxeClean(admin, 'unit form with a server error');
    await admin.click(qa('unit-cancel'));
    expect(await admin.locator(`${qa('units-table')} tbody tr`).evaluateAll((trs) => trs.filter((tr) => tr.getAttribute('data-qa') === 'unit-row-perhetyo_pohjoinen').length)).toBe(1);

    // a unit worker in it, made with the keyboard
    await admin.goto(`${server.url}/tyo/hallinta/kayttajat`);
    await admin.waitForSelector(qa('users-table'));
    await expectAxeClean(admin, 'users page');
    await admin.click(qa('user-new'));
    await admin.waitForSelector(qa('user-new-form'));
    await admin.fill('#user-new-username', 'pauli');
    await admin.fill('#user-new-name', 'Pauli Pohjonen');
    await admin.fill('#user-new-email', 'pauli.pohjonen@example.fi');
    await admin.fill('#user-new-password', PASSWORD);
    await admin.check(qa('user-new-roles-unit_worker'));
    await admin.click(qa('user-new-save'));
    // a unit worker without a unit: said at the units, before anything is sent
    await admin.waitForSelector('#user-new-units-error');
    expect(await text(admin, '#user-new-units-error')).toBe('Palveluyksikön työntekijä kuuluu vähintään yhteen yksikköön: valitse yksikkö.');
    await admin.check(qa(`user-new-units-${UNIT}`));
    await expectAxeClean(admin, 'new user form');
    await tabToSelector(admin, qa('user-new-save'));
    await admin.keyboard.press('Enter');
    await admin.waitForSelector(qa('user-created'));
    expect(await text(admin, qa('user-created'))).toBe('Käyttäjä Pauli Pohjonen luotu. Avaa käyttäjän tiedot');
    const paul = qa('user-row-pauli');
    expect(await text(admin, `${paul} ${qa('user-roles')}`)).toBe('Palveluyksikön työntekijä');
    expect(await text(admin, `${paul} ${qa('user-units')}`)).toBe(UNIT_NAME);
    expect(await text(admin, `${paul} ${qa('user-state')}`)).toBe('Käytössä');
    // the filter finds him by the unit's name, and not by another name
    await admin.fill('#users-filter', 'pohjoinen');
    expect(await admin.$$eval(`${qa('users-table')} tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('data-qa')))).toEqual(['user-row-pauli']);
    await admin.fill('#users-filter', '');

    // his page: details, and the history of his account (created by the administrator)
    await admin.click(qa('user-created-open'));
    await admin.waitForSelector(qa('user-history-item'));
    expect(await text(admin, qa('user-username'))).toBe('pauli');
    expect(await text(admin, `${qa('user-history-item')} ${qa('user-history-action')}`)).toBe('Luotu');
    await expectAxeClean(admin, 'user page');

    // a guidance worker refers a family to the new unit
    const reference = await referTo(UNIT);

    // he signs in, in his own browser, and lands on the unit's inbox with the referral in it
    const worker = await newPage(browser);
    await signInWithForm(worker, 'pauli', PASSWORD);
    await worker.waitForSelector(qa(`inbox-row-${reference}`)); // his home is the unit's inbox
    expect(await worker.locator(qa('nav-queue')).count()).toBe(0);
    await worker.goto(`${server.url}/tyo/lahetteet`);
    await worker.waitForSelector(qa(`inbox-row-${reference}`));
    expect(await text(worker, `${qa(`inbox-row-${reference}`)} ${qa('inbox-status')}`)).toBe('Odottaa vastaanottoa');
    await worker.context().close();
    await admin.context().close();
  }, 240_000); // two browsers, five pages checked by axe: slow on a shared machine

  it('deactivating an account ends its session at once; the last administrator cannot be deactivated', async () => {
    const admin = await signedInPage(browser, server, 'admin');
    const { headers } = await login(server.app, 'admin');
    const created = await server.app.inject({
      method: 'POST', url: '/api/admin/users', headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
      payload: { username: 'lahtija', displayName: 'Lasse Lähtijä', password: PASSWORD, roles: ['unit_worker'], units: ['adult_social_work'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const userId = created.json<{ id: string }>().id;

    // his app is open on the inbox
    const worker = await newPage(browser);
    await signInWithForm(worker, 'lahtija', PASSWORD);
    await worker.waitForSelector(qa('inbox-counts'));
    expect(await worker.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(200);

    await admin.goto(`${server.url}/tyo/hallinta/kayttajat/${userId}`);
    await admin.waitForSelector(qa('user-deactivate'));
    await admin.click(qa('user-deactivate'));
    await admin.waitForSelector(qa('user-deactivate-confirm'));
    expect(await text(admin, '#user-deactivate-confirm-text'))
      .toBe('Poistetaanko käyttäjän Lasse Lähtijä tunnus käytöstä? Hänen istuntonsa päättyvät heti ja hän ei voi enää kirjautua.');
    await expectAxeClean(admin, 'deactivation confirmation');
    await admin.click(qa('user-deactivate-yes'));
    await admin.waitForSelector(qa('user-active-saved'));
    expect(await text(admin, qa('user-active-saved'))).toBe('Tunnus poistettu käytöstä. Käyttäjän istunnot päättyivät.');
    expect(await text(admin, qa('user-state'))).toBe('Poistettu käytöstä');
    await admin.waitForFunction(() => [...document.querySelectorAll('[data-qa="user-history-action"]')].some((e) => e.textContent === 'Poistettu käytöstä'));

    // his next request is refused, and his app shows the login form again
    expect(await worker.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await worker.reload();
    await worker.waitForSelector(qa('login-form'));
    // nor can he sign in again
    await worker.fill(qa('login-username'), 'lahtija');
    await worker.fill(qa('login-password'), PASSWORD);
    await worker.click(qa('login-submit'));
    await worker.waitForSelector(qa('login-error'));
    await worker.context().close();

    // the administrator's own account: the county's last administrator stays
    const adminId = (await server.database.db.selectFrom('app_user').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
    await admin.goto(`${server.url}/tyo/hallinta/kayttajat/${adminId}`);
    await admin.click(qa('user-deactivate'));
    await admin.click(qa('user-deactivate-yes'));
    await admin.waitForSelector(qa('user-active-error'));
    expect(await text(admin, qa('user-active-error'))).toBe('Hyvinvointialueen viimeistä pääkäyttäjää ei voi poistaa käytöstä eikä häneltä voi poistaa pääkäyttäjän roolia.');
    expect(await text(admin, qa('user-state'))).toBe('Käytössä');
    await expectAxeClean(admin, 'last administrator refused');
    await admin.context().close();
  }, 180_000);
  it('the site and policy settings: each group with its legal note; a change saved is what the page shows after a reload', async () => {
    const admin = await signedInPage(browser, server, 'admin');
    await admin.goto(`${server.url}/tyo/hallinta/asetukset`);
    await admin.waitForSelector(qa('settings-crisis-form'));
    await admin.waitForSelector(qa('settings-se-hours'));
    await expectAxeClean(admin, 'settings page');
    expect(await text(admin, qa('settings-social-emergency-legal'))).toBe('Säädöspohja: Sosiaalihuoltolaki (1301/2014) 29 a §: sosiaalipäivystys on järjestettävä ympäri vuorokauden kiireellistä apua varten.');
    expect(await text(admin, qa('settings-accessibility-legal'))).toContain('(306/2019) 15–16 §');
    // a bad number is refused at its field, before anything is sent
    await admin.fill('#settings-crisis-phone', 'soita');
    await admin.click(qa('settings-crisis-save'));
    await admin.waitForSelector(qa('settings-crisis-phone-error'));
    expect(await text(admin, qa('settings-crisis-phone-error'))).toBe('Puhelinnumerossa voi olla numeroita, välilyöntejä ja +, 3–20 merkkiä.');
    await admin.fill('#settings-crisis-phone', '09 2525 0111');
    await admin.click(qa('settings-crisis-save'));
    await admin.waitForSelector(qa('settings-crisis-saved'));
    // the retention of advice contacts: empty is the installation's default, said with its number
    await admin.fill('#settings-retention-days', '30');
    await admin.click(qa('settings-retention-save'));
    await admin.waitForSelector(qa('settings-retention-saved'));
    await admin.reload();
    await admin.waitForSelector(qa('settings-crisis-form'));
    expect(await admin.inputValue('#settings-crisis-phone')).toBe('09 2525 0111');
    expect(await text(admin, qa('settings-retention-now'))).toBe('Nyt: 30 päivää.');
    await admin.context().close();
  }, 180_000);
});
