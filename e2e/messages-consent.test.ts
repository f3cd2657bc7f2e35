/**
 * Issue 19 in Chromium: the resident's consent to messages. A resident sends the contact form with
 * an e-mail address and asks for a receipt and news of their matter by e-mail (unticked by
 * default; asking without an address is refused at the address field before anything is sent);
 * the receipt page shows, and the guidance worker's contact view shows the consent, which the
 * worker widens to text messages as the person asks. The callback form's "confirm by text message"
 * is off by default and stored when ticked. A worker registering a walk-in records the consent
 * too. The administrator's message log then lists the receipts with their reference and no
 * address (no e-mail server or text message service here: they are skipped). axe clean on every
 * new state; the consent boxes are ticked with the keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { dispatchMessages, type Senders } from '../src/server/features/integration/public.js';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const EMAIL = 'maija.meikalainen@example.fi';
const contactByReference = (reference: string) => server.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
async function expectAxeClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}
async function press(page: Page, selector: string, key: string) {
  await tabToSelector(page, selector, 80);
  await page.keyboard.press(key);
}
async function next(page: Page, step: string) {
  await page.click(qa('next'));
  await page.waitForSelector(qa(`step-${step}`));
}

describe('issue 19: the resident\'s consent to messages, in Chromium', () => {
  it('the contact form with an e-mail address and consent: the receipt shows; the worker sees the consent and adds text messages', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/yhteydenotto`);
    await page.waitForSelector(qa('step-safety'));
    await page.check('#danger-no');
    await next(page, 'about');
    await page.check('#about-self');
    await next(page, 'topic');
    await page.check('#topic-money');
    await page.fill('#text', 'Rahat eivät riitä vuokraan. Haluaisin neuvoja toimeentulotuesta.');
    await next(page, 'urgency');
    await page.check('#urgency-normal');
    await next(page, 'identity');
    await page.check('#identity-identified');
    await page.fill('#name', 'Maija Meikäläinen');
    await page.fill('#phone', '040 123 4567');
    await page.check('#consent');
    // off until the resident asks
    expect(await page.isChecked('#messages-email')).toBe(false);
    expect(await page.isChecked('#messages-sms')).toBe(false);
    expect(await text(page, qa('messages'))).toContain('Lähetä minulle kuittaus ja kerro, minne asiani ohjattiin');
    await expectAxeClean(page, 'identity step with the message choice');

    // by e-mail, but no address: said at the address field, nothing sent
    await press(page, '#messages-email', 'Space');
    expect(await page.isChecked('#messages-email')).toBe(true);
    await page.click(qa('next'));
    await page.waitForSelector(qa('email-error'));
    expect(await text(page, qa('email-error'))).toBe('Anna sähköpostiosoite, jos haluat viestin sähköpostilla.');
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await text(page, qa('error-summary-link'))).toBe('Sähköposti: Anna sähköpostiosoite, jos haluat viestin sähköpostilla.');
    await expectAxeClean(page, 'identity step, e-mail missing');
    await page.fill('#email', 'maija@');
    await page.click(qa('next'));
    await page.waitForFunction(() => document.querySelector('[data-qa="email-error"]')?.textContent === 'Sähköpostiosoite ei ole oikein. Kirjoita esimerkiksi nimi@esimerkki.fi.');
    await page.fill('#email', EMAIL);
    await next(page, 'review');
    const review = await page.innerText(qa('review'));
    expect(review).toMatch(new RegExp(`Sähköposti\\s+${EMAIL.replace(/\./g, '\\.')}\\s`));
    expect(review).toMatch(/Kuittaus ja tieto asian etenemisestä\s+sähköpostilla\s/);
    await expectAxeClean(page, 'review with the message choice');

    await page.click(qa('send'));
    await page.waitForSelector(qa('receipt'));
    await expectAxeClean(page, 'receipt');
    const reference = (await page.textContent(qa('receipt-reference')))!;
    const row = await contactByReference(reference);
    expect(row).toMatchObject({ person_email: EMAIL, message_channels: ['email'], anonymous: false });
    await page.context().close();

    // the guidance worker's view: the consent as the resident gave it
    const worker = await signedInPage(browser, server, 'ohjaaja');
    await worker.goto(`${server.url}/tyo/yhteydenotot/${row.id}`);
    await worker.waitForSelector(qa('contact-message-channels'));
    expect(await text(worker, qa('contact-message-channels'))).toBe('sähköpostilla');
    expect(await text(worker, qa('contact-person'))).toContain(EMAIL);
    expect(await worker.locator(qa('event-message_consent')).count()).toBe(1);
    await expectAxeClean(worker, 'contact view with the consent');

    // the person asks for text messages too: changed with the keyboard
    await worker.click(qa('section-messages-toggle'));
    await worker.waitForSelector(qa('message-consent-form'));
    expect(await worker.inputValue('#message-consent-email')).toBe(EMAIL);
    expect(await worker.isChecked('#message-consent-messages-email')).toBe(true);
    await press(worker, '#message-consent-messages-sms', 'Space');
    await press(worker, qa('message-consent-save'), 'Enter');
    await worker.waitForSelector(qa('message-consent-saved'));
    await worker.waitForFunction(() => document.querySelector('[data-qa="contact-message-channels"]')?.textContent === 'sähköpostilla, tekstiviestillä');
    expect(await worker.locator(qa('event-message_consent')).count()).toBe(2);
    expect((await contactByReference(reference)).message_channels).toEqual(['email', 'sms']);
    await expectAxeClean(worker, 'consent changed');

    // e-mail without an address is refused at the address field, before anything is sent
    await worker.fill('#message-consent-email', '');
    await worker.click(qa('message-consent-save'));
    await worker.waitForSelector(qa('message-consent-email-error'));
    expect(await text(worker, qa('message-consent-email-error'))).toBe('Kirjaa sähköpostiosoite, jos asiakas haluaa viestin sähköpostilla.');
    expect((await contactByReference(reference)).person_email).toBe(EMAIL);

    // saving the classification keeps what its form does not show: the e-mail, so the consent holds
    await worker.click(qa('section-details-toggle'));
    await worker.click(qa('classify-submit'));
    await worker.waitForSelector(qa('classify-saved'));
    expect(await contactByReference(reference)).toMatchObject({ person_email: EMAIL, message_channels: ['email', 'sms'] });
    await worker.context().close();
  });

  it('the callback form\'s text message confirmation is off by default and stored when ticked', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/soittopyynto`);
    await page.waitForSelector('#line-working_age');
    expect(await page.isChecked('#messages-sms')).toBe(false);
    expect(await text(page, qa('messages-sms-note'))).toMatch(/^Tekstiviestin voi nähdä kuka tahansa, joka näkee puhelimesi näytön\./);
    await page.check('#danger-no');
    await page.check('#line-working_age');
    await page.fill('#phone', '050 765 4321');
    await press(page, '#messages-sms', 'Space');
    expect(await page.isChecked('#messages-sms')).toBe(true);
    await expectAxeClean(page, 'callback form with the confirmation ticked');
    await press(page, qa('send'), 'Enter');
    await page.waitForSelector(qa('receipt'));
    const row = await contactByReference((await page.textContent(qa('receipt-reference')))!);
    expect(row).toMatchObject({ channel: 'callback', message_channels: ['sms'] });

    // without the tick: no consent
    await page.goto(`${server.url}/soittopyynto`);
    await page.waitForSelector('#line-working_age');
    await page.check('#danger-no');
    await page.check('#line-working_age');
    await page.fill('#phone', '050 765 4322');
    await page.click(qa('send'));
    await page.waitForSelector(qa('receipt'));
    expect((await contactByReference((await page.textContent(qa('receipt-reference')))!)).message_channels).toEqual([]);
    await page.context().close();
  });

  it('a worker registers a walk-in with the person\'s consent to e-mail; the administrator\'s message log lists the receipts without addresses', async () => {
    const worker = await signedInPage(browser, server, 'ohjaaja');
    await worker.goto(`${server.url}/tyo/uusi`);
    await worker.waitForSelector(qa('new-contact'));
    // anonymous: no consent to ask
    expect(await worker.locator(qa('new-messages')).count()).toBe(0);
    await worker.check('#new-identification-identified');
    await worker.fill('#new-name', 'Kalle Kävijä');
    await worker.fill('#new-phone', '040 222 3333');
    await press(worker, '#new-messages-email', 'Space');
    await worker.click(qa('new-submit'));
    await worker.waitForSelector(qa('new-email-error'));
    expect(await text(worker, qa('new-email-error'))).toBe('Kirjaa sähköpostiosoite, jos asiakas haluaa viestin sähköpostilla.');
    await expectAxeClean(worker, 'new contact, e-mail missing');
    await worker.fill('#new-email', 'kalle.kavija@example.fi');
    await worker.click(qa('new-submit'));
    await worker.waitForSelector(qa('contact-message-channels'));
    expect(await text(worker, qa('contact-message-channels'))).toBe('sähköpostilla');
    const reference = (await worker.textContent(qa('contact-reference')))!;
    expect(await contactByReference(reference)).toMatchObject({ person_email: 'kalle.kavija@example.fi', message_channels: ['email'] });
    await worker.context().close();

    // the dispatcher's message pass (the job's), with no e-mail server or text message service set up
    const senders: Senders = { mail: null, sms: null, publicUrl: server.url };
    await dispatchMessages(server.database.db, new Date(), senders);
    const admin = await signedInPage(browser, server, 'admin');
    await admin.goto(`${server.url}/tyo/hallinta/viestit`);
    await admin.waitForSelector(qa('messages-table'));
    const mine = await admin.$$eval(qa('message-row'), (rows) => rows.map((r) => ({
      template: r.getAttribute('data-template'), state: r.getAttribute('data-state'),
      reference: r.querySelector('[data-qa="message-reference"]')?.textContent, channel: r.querySelector('[data-qa="message-channel"]')?.textContent,
    })));
    expect(mine).toContainEqual({ template: 'receipt', state: 'skipped', reference, channel: 'Sähköposti' });
    expect(await text(admin, qa('messages-total-skipped'))).toBe(String(mine.filter((m) => m.state === 'skipped').length));
    // no address anywhere on the page
    expect(await admin.content()).not.toContain('kalle.kavija@example.fi');
    expect(await admin.content()).not.toContain(EMAIL);
    await expectAxeClean(admin, 'message log');
    await admin.selectOption('#messages-state', 'sent');
    await admin.waitForSelector(qa('messages-none'));
    await admin.context().close();
  });
});
