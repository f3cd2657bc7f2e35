/**
 * Issue 11, the resident's side in Chromium: a resident who writes an acute message sees 112 and
 * the crisis line on the step where they type it, before sending, and gets the acute receipt
 * ("call now", the numbers first, no promised reply date, no catalogue services), in Finnish,
 * Swedish and English; a callback request answered "someone is in danger" likewise. The server's
 * clock is a Saturday evening: guidance is closed, so the contact also goes to the social
 * emergency service, whose worker sees it in the staff app's list. axe on every page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, type E2eServer } from './support.js';

const SATURDAY_EVENING = new Date('2026-11-28T19:30:00+02:00');
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => SATURDAY_EVENING), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

type Lang = 'fi' | 'sv' | 'en';
const CASES: { lang: Lang; text: string; callNow: RegExp }[] = [
  { lang: 'fi', text: 'En jaksa enää. Haluan kuolla ja olen miettinyt itsemurhaa tänä yönä.', callNow: /Soita nyt/ },
  { lang: 'sv', text: 'Jag vill inte leva längre och har tagit alla mina tabletter.', callNow: /Ring nu/ },
  { lang: 'en', text: 'I want to kill myself tonight, I have the pills ready.', callNow: /Call now/ },
];

async function expectNoViolations(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}
const row = (reference: string) => server.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();

describe('an acute message on the contact form', () => {
  for (const c of CASES) {
    it(`shows 112 and the crisis line while typing, and gives the acute receipt (${c.lang})`, async () => {
      const page = await newPage(browser);
      await page.goto(`${server.url}/yhteydenotto?lang=${c.lang}`);
      // the resident answers "no": the words alone must bring the emergency box
      await page.check('#danger-no');
      await page.click(qa('next'));
      await page.check('#about-self');
      await page.click(qa('next'));
      await page.check('#topic-mental_health');
      await page.fill('#text', c.text);
      await page.waitForSelector(qa('acute-alert'));
      // announced by its live region, and the numbers are links a keyboard reaches
      expect(await page.getAttribute(qa('acute-alert-region'), 'role')).toBe('alert');
      expect(await page.getAttribute(qa('call-emergency-tel'), 'href')).toBe('tel:112');
      expect(await page.getAttribute(qa('call-crisis_line-tel'), 'href')).toBe('tel:0600000112');
      await page.focus(qa('call-emergency-tel'));
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('call-emergency-tel');
      await expectNoViolations(page, `acute alert ${c.lang}`);

      await page.click(qa('next'));
      await page.check('#urgency-normal');
      await page.click(qa('next'));
      await page.check('#identity-anonymous');
      await page.click(qa('next'));
      await page.waitForSelector(qa('step-review'));
      await page.click(qa('send'));
      await page.waitForSelector(qa('acute-receipt-title'));
      expect(await page.textContent(qa('acute-receipt-title'))).toMatch(c.callNow);
      const contacts = page.locator(`${qa('receipt-emergency-contacts')} li`);
      expect(await contacts.count()).toBe(3);
      expect(await contacts.nth(0).getAttribute('data-qa')).toBe('call-emergency');
      expect(await contacts.nth(1).getAttribute('data-qa')).toBe('call-crisis_line');
      // no next-working-day promise, no closed line, no catalogue services
      for (const absent of ['receipt-promise', 'receipt-tel', 'receipt-services', 'open-status']) expect(await page.locator(qa(absent)).count(), absent).toBe(0);
      // Saturday evening: handed to the social emergency service, with its number
      expect(await page.getAttribute(qa('receipt-social-emergency-tel'), 'href')).toBe('tel:0600000113');
      await expectNoViolations(page, `acute receipt ${c.lang}`);

      const stored = await row((await page.textContent(qa('receipt-reference')))!);
      expect(stored).toMatchObject({ acute: true, urgency: 'urgent', language: c.lang });
      expect(stored.acute_reasons.length).toBe(1);
      expect(stored.acute_trigger_words.length).toBeGreaterThan(0);
      await page.context().close();
    });
  }
});

describe('a callback request answered "someone is in danger"', () => {
  it('shows the numbers at once and gives the acute receipt', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/soittopyynto?lang=fi`);
    await page.waitForSelector('#line-working_age');
    await page.check('#danger-yes');
    await page.waitForSelector(qa('acute-alert'));
    expect(await page.getAttribute(qa('call-emergency-tel'), 'href')).toBe('tel:112');
    await expectNoViolations(page, 'callback danger');
    await page.check('#line-working_age');
    await page.fill('#phone', '050 111 2233');
    await page.click(qa('send'));
    await page.waitForSelector(qa('acute-receipt-title'));
    expect(await page.locator(qa('receipt-promise')).count()).toBe(0);
    await expectNoViolations(page, 'callback acute receipt');
    const stored = await row((await page.textContent(qa('receipt-reference')))!);
    expect(stored).toMatchObject({ channel: 'callback', acute: true, acute_reasons: ['danger_now'], urgency: 'emergency' });
    await page.context().close();
  });
});

describe('the social emergency service', () => {
  it('sees the hand-offs of the evening in its list, and acknowledges one', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/public/contact-requests', payload: { lang: 'fi', anonymous: true, text: 'Tarvitsen apua heti.', dangerNow: true } });
    const { reference } = res.json() as { reference: string };
    const page = await signedInPage(browser, server, 'sospaivystys');
    await page.goto(`${server.url}/tyo/sosiaalipaivystys`);
    const item = qa(`handoff-${reference}`);
    await page.waitForSelector(item);
    expect(await page.textContent(item)).toContain(reference);
    await expectNoViolations(page, 'emergency list');
    await page.click(`${item} ${qa('handoff-acknowledge')}`);
    // acknowledged: off the open list, on the full one with who
    await page.waitForSelector(item, { state: 'detached' });
    await page.check(qa('emergency-all'));
    await page.waitForSelector(`${item} ${qa('handoff-acknowledged')}`);
    expect(await page.textContent(`${item} ${qa('handoff-acknowledged')}`)).toContain('Sanna Sosiaalipäivystys');
    await expectNoViolations(page, 'emergency list with acknowledged ones');
    await page.context().close();
  });
});
