/**
 * The contact view of issue 14 in Chromium: a daughter calls about her father (caller and person
 * concerned recorded apart, the father's earlier contact listed and linked); a resident's web-form
 * message at the top of the view as sent, and in the unit's referral view only when shared; the
 * keyboard shortcuts and the way to the close button; axe at 1280 and 1920 px. Monday morning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { formatHetu } from '../src/domain/hetu.js';

const clock = { now: new Date('2026-11-23T10:00:00+02:00') };
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const FATHER_HETU = formatHetu('1941-05-12', 123);
const MESSAGE = 'Jäin työttömäksi ja vuokra on kaksi kuukautta rästissä.\nIsännöitsijä puhui häädöstä. Mitä voin tehdä?';

const api = async (method: 'GET' | 'POST', url: string, payload?: unknown, user = 'ohjaaja') => {
  const s = await login(server.app, user);
  const res = await server.app.inject({ method, url, headers: s.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
};

/** Tab presses from the top of the page until `selector` has the focus (how a keyboard user gets there). */
async function tabsTo(page: Page, selector: string, max = 200): Promise<number> {
  await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); window.scrollTo(0, 0); });
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const statusIs = (page: Page, text: string) => page.waitForFunction((t) => document.querySelector('[data-qa="contact-status"]')?.textContent === t, text);

describe('the contact view of the guidance worker\'s day', () => {
  it('records a daughter calling about her father as caller and person concerned, and lists his earlier contact with a link', async () => {
    const earlier = await api('POST', '/api/contacts', {
      channel: 'walk_in', contactor: 'self', anonymous: false, mainReason: 'ageing_home_care', person: { name: 'Veikko Virtanen', hetu: FATHER_HETU },
    });

    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/uusi`);
    await page.waitForSelector('#new-channel');
    await page.selectOption('#new-channel', 'phone');
    expect(await page.textContent('label[for="new-contactor"]')).toBe('Kuka soitti?');
    await page.selectOption('#new-contactor', 'close_one');
    await page.check(qa('new-identification-identified'));
    // the caller first, then the person the matter concerns
    const order = await page.evaluate(() => [...document.querySelectorAll('[data-qa="new-contact"] legend')].map((l) => l.textContent));
    expect(order.indexOf('Soittaja')).toBeLessThan(order.indexOf('Henkilö, jota asia koskee'));
    await page.fill('#new-caller-name', 'Liisa Virtanen');
    await page.fill('#new-caller-phone', '040 123 4567');
    await page.fill('#new-caller-relationship', 'tytär');
    await page.fill('#new-name', 'Veikko Virtanen');
    await page.fill('#new-hetu', FATHER_HETU);
    await page.selectOption('#new-reason', 'ageing_home_care');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('new-submit'));

    await page.waitForSelector(qa('contact-view'));
    expect(await page.textContent(qa('contact-contactor'))).toBe('Läheinen');
    expect(await page.textContent(qa('contact-caller'))).toBe('Liisa Virtanen (tytär), +358401234567');
    expect(await page.textContent(qa('contact-person'))).toBe(`Veikko Virtanen, ${FATHER_HETU}`);
    const id = page.url().split('/').at(-1)!;
    const row = await server.database.db.selectFrom('contact').select(['contactor', 'caller_name', 'caller_phone', 'caller_relationship', 'person_name']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ contactor: 'close_one', caller_name: 'Liisa Virtanen', caller_phone: '+358401234567', caller_relationship: 'tytär', person_name: 'Veikko Virtanen' });

    // the father's earlier contact: listed (the section is open because there is one) and linked
    const item = qa(`earlier-${earlier.reference as string}`);
    await page.waitForSelector(item);
    expect(await page.getAttribute(qa('section-earlier'), 'open')).toBe('');
    expect(await page.textContent(item)).toContain('Käynti ilman ajanvarausta');
    expect(await page.textContent(`${item} ${qa('earlier-state')}`)).toBe('Uusi');
    expect(await page.$(`${item} ${qa('earlier-as-caller')}`)).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await page.click(`${item} ${qa('earlier-open')}`);
    await page.waitForFunction((ref) => document.querySelector('[data-qa="contact-reference"]')?.textContent === ref, earlier.reference as string);
    expect(page.url()).toBe(`${server.url}/tyo/yhteydenotot/${earlier.id as string}`);
    await page.context().close();
  });

  it('shows the resident\'s web-form words at the top as sent, and in the unit\'s referral view only when shared', async () => {
    const sent = await server.app.inject({
      method: 'POST', url: '/api/public/contact-requests',
      payload: { lang: 'fi', anonymous: false, contactor: 'self', topic: 'housing', text: MESSAGE, name: 'Maija Meikäläinen', phone: '040 555 1234', callbackWindow: 'any', consent: true, dangerNow: false },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const contact = await server.database.db.selectFrom('contact').select(['id', 'reference']).where('resident_message', '=', MESSAGE).executeTakeFirstOrThrow();

    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${contact.id}`);
    await page.waitForSelector(qa('resident-message'));
    expect(await page.textContent(qa('resident-message'))).toBe(MESSAGE);
    expect(await page.getAttribute(qa('resident-message'), 'lang')).toBe('fi');
    expect(await page.textContent(qa('resident-words-meta'))).toContain('Kirjoitettu suomeksi');
    // the words come before the essentials, and are not in the worker's note
    expect(await page.evaluate(() => {
      const words = document.querySelector('[data-qa="resident-words"]')!;
      const status = document.querySelector('[data-qa="contact-status"]')!;
      return (words.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    })).toBe(true);
    expect(await page.inputValue('#classify-note')).toBe('');
    // the callback time `any` in words, never the code
    expect(await page.textContent(qa('contact-person'))).toBe('Maija Meikäläinen, +358405551234, milloin tahansa');

    await page.click(qa('claim'));
    await statusIs(page, 'Käsittelyssä');
    await api('POST', `/api/contacts/${contact.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
    // a consent to forward in force: the referral form opens, with no basis chosen and nothing shared
    await page.waitForSelector('#referral-unit');
    expect(await page.isChecked(qa('referral-basis-consent'))).toBe(false);
    expect(await page.isChecked(qa('referral-basis-legal'))).toBe(false);
    expect(await page.isChecked('#referral-share-message')).toBe(false);
    expect(await page.textContent(qa('referral-share-message-preview'))).toBe('Jäin työttömäksi ja vuokra on kaksi kuukautta rästissä.');
    expect(await page.inputValue('#referral-preferred-time')).toBe('milloin tahansa');
    await page.selectOption('#referral-unit', 'adult_social_work');
    await page.fill('#referral-summary', 'Vuokrarästit ja häätöuhka: palvelutarpeen arviointi.');
    // without a basis nothing is sent: the choice is asked for at the field
    await page.click(qa('referral-submit'));
    expect(await page.textContent(qa('referral-basis-error'))).toBe('Valitse peruste: suostumus tai lakiperuste.');
    await page.check(qa('referral-basis-consent'));
    await page.check('#referral-share-message');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('referral-submit'));
    await page.waitForSelector(qa('referral'));

    // a second referral without the words
    const unshared = await api('POST', `/api/contacts/${contact.id}/referrals`, {
      kind: 'message_to_service', unit: 'adult_social_work', summary: 'Toinen lähete ilman viestiä.', needs: ['housing'],
      consentId: (await server.database.db.selectFrom('consent').select('id').where('contact_id', '=', contact.id).where('purpose', '=', 'forward_to_unit').executeTakeFirstOrThrow()).id,
      shareResidentMessage: false,
    });
    const shared = await server.database.db.selectFrom('referral').select('id').where('contact_id', '=', contact.id).where('id', '<>', unshared.id as string).executeTakeFirstOrThrow();

    const unit = await signedInPage(browser, server, 'yksikko');
    await unit.goto(`${server.url}/tyo/lahetteet/${shared.id}`);
    await unit.waitForSelector(qa('referral-resident-message'));
    expect(await unit.textContent(qa('referral-resident-message'))).toBe(MESSAGE);
    expect(await unit.evaluate(() => {
      const words = document.querySelector('[data-qa="referral-resident-words"]')!;
      const status = document.querySelector('[data-qa="referral-status"]')!;
      return (words.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    })).toBe(true);
    expect(await axeViolations(unit)).toEqual([]);
    await unit.goto(`${server.url}/tyo/lahetteet/${unshared.id as string}`);
    await unit.waitForSelector(qa('referral-person'));
    expect(await unit.$(qa('referral-resident-words'))).toBeNull();
    expect(await unit.textContent(qa('referral-view'))).not.toContain('vuokra on kaksi kuukautta');
    await page.context().close();
    await unit.context().close();
  }, 90_000);

  it('works from the keyboard: shortcuts with Alt+Shift, and the close button within 30 Tab presses', async () => {
    const created = await api('POST', '/api/contacts', {
      channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Jaska Jokunen', phone: '040 765 4321' }, note: 'Toimeentulotuki.',
    });
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${created.id as string}`);
    await page.waitForSelector(qa('claim'));
    expect(await page.getAttribute(qa('claim'), 'aria-keyshortcuts')).toBe('Alt+Shift+C');
    expect(await page.textContent(qa('shortcuts'))).toContain('Alt+Shift+S');

    await page.keyboard.press('Alt+Shift+KeyC');
    await statusIs(page, 'Käsittelyssä');
    // held by me: the close form is open, the rest folded by relevance
    expect(await page.getAttribute(qa('section-close'), 'open')).toBe('');
    expect(await page.getAttribute(qa('section-details'), 'open')).toBeNull();

    const tabs = await tabsTo(page, qa('close-submit'));
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    process.stdout.write(`contact view at 1280 px: ${height} px high, ${tabs} Tab presses to the close button\n`);
    expect(tabs).toBeLessThanOrEqual(30);
    expect(height).toBeLessThan(2000);

    await page.keyboard.press('Alt+Shift+KeyN');
    await page.waitForFunction(() => document.activeElement?.id === 'classify-note');
    expect(await page.getAttribute(qa('section-details'), 'open')).toBe('');
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.click(qa('section-close-toggle')); // folded by hand …
    expect(await page.getAttribute(qa('section-close'), 'open')).toBeNull();
    await page.keyboard.press('Alt+Shift+KeyS'); // … and opened by the shortcut, at its first field
    await page.waitForFunction(() => document.activeElement?.id === 'close-outcome');
    expect(await page.getAttribute(qa('section-close'), 'open')).toBe('');
    await page.keyboard.press('Alt+Shift+KeyQ');
    await page.waitForFunction(() => window.location.pathname === '/tyo/');
    await page.context().close();
  });

  it('is axe clean at 1280 and 1920 px, on an open and on a closed contact', async () => {
    const created = await api('POST', '/api/contacts', {
      channel: 'phone', contactor: 'close_one', anonymous: false, mainReason: 'ageing_home_care',
      caller: { name: 'Pekka Pohjola', phone: '050 111 2222', relationship: 'poika' }, person: { name: 'Aino Pohjola', hetu: formatHetu('1938-02-03', 246) },
    });
    const closed = await api('POST', '/api/contacts', {
      channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income', close: { outcome: 'advice_given', ledToClientRelationship: false },
    });
    for (const width of [1280, 1920]) {
      const page = await signedInPage(browser, server, 'ohjaaja', { width });
      await page.goto(`${server.url}/tyo/yhteydenotot/${created.id as string}`);
      await page.waitForSelector(qa('contact-caller'));
      expect(await axeViolations(page)).toEqual([]);
      await page.click(qa('section-details-toggle'));
      await page.waitForSelector('#classify-caller-name');
      expect(await page.inputValue('#classify-caller-relationship')).toBe('poika');
      expect(await axeViolations(page)).toEqual([]);
      await page.goto(`${server.url}/tyo/yhteydenotot/${closed.id as string}`);
      await page.waitForSelector(qa('contact-outcome'));
      expect(await page.getAttribute(qa('section-closed'), 'open')).toBe('');
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  }, 180_000);
});
