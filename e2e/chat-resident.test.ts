/**
 * The resident's side of the chat (issue 16) in Chromium, against the real server: a chat started
 * with the keyboard from the front page shows its place in the queue, sends and keeps its messages
 * over a reload; "someone is in danger now" shows 112 and the crisis line at once; a worker's
 * answer, service card and typing reach the page (the new message announced politely), and at the
 * close the resident gives feedback inline; out of hours the page says when the chat opens and
 * offers the contact form and the callback request; the contact form's receipt leads to the
 * feedback page without the token in the address's path or query. axe clean at 360 px and 1280 px.
 * Wednesday morning, inside the demo chat's hours (weekdays 08–16 Helsinki).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, tabToSelector, type E2eServer, startServerWithCatalogue } from './support.js';
import { login } from '../src/server/test/support.js';

const OPEN = new Date('2026-11-25T10:00:00+02:00');
const EVENING = new Date('2026-11-25T18:00:00+02:00');
const clock = { now: OPEN };
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    // the catalogue's services (the PTV fixture), for the worker's service card
    startServerWithCatalogue(() => clock.now),
    launchBrowser(),
  ]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

async function expectClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
  // nothing wider than the screen: no sideways scrolling on a phone or at 200 % zoom
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where}: horizontal overflow`).toBeLessThanOrEqual(0);
}
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-qa') ?? document.activeElement?.id ?? null);
const waitForText = (page: Page, selector: string, text: string | RegExp) =>
  page.waitForFunction(([sel, src, flags]) => [...document.querySelectorAll(sel!)].some((e) => new RegExp(src!, flags).test(e.textContent ?? '')),
    [selector, typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source, typeof text === 'string' ? '' : text.flags] as const);
/** The chat this page is in: sessionStorage holds its id (and token), as after a reload. */
const chatOf = async (page: Page) => {
  const stored = await page.evaluate(() => JSON.parse(window.sessionStorage.getItem('opastin.chat') ?? 'null') as { id: string; token: string } | null);
  expect(stored).not.toBeNull();
  const row = await server.database.db.selectFrom('chat').select(['id', 'contact_id']).where('id', '=', stored!.id).executeTakeFirstOrThrow();
  return { id: row.id, contactId: row.contact_id };
};
/** Someone else's chat, started through the public API: ours queues behind it. */
const otherChat = async () => {
  const res = await server.app.inject({ method: 'POST', url: '/api/public/chats', payload: { lang: 'fi', topic: 'housing', text: 'Vuokra on maksamatta.' } });
  expect(res.statusCode, res.body).toBe(201);
};

describe('the resident\'s chat in Chromium', () => {
  it('is started with the keyboard from the front page, shows the place in the queue, and survives a reload', async () => {
    await otherChat();
    const page = await newPage(browser);
    await page.goto(`${server.url}/?lang=fi`);
    await page.waitForSelector(qa('chat-open-status'));
    expect(await page.textContent(qa('chat-open-status'))).toBe('Avoinna nyt');
    await tabToSelector(page, qa('start-chat'), 60);
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('chat-start-form'));
    expect(await page.textContent(qa('chat-anonymous'))).toMatch(/nimettömästi/);
    await expectClean(page, 'start form 1280');

    // no answers: the errors are announced and lead to their questions
    await tabToSelector(page, qa('chat-start'), 80);
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('error-summary'));
    expect(await page.getAttribute('#danger-yes', 'aria-invalid')).toBe('true');

    await tabToSelector(page, '#danger-yes', 80);
    await page.keyboard.press('ArrowDown'); // the radio group: arrows move to "no" and choose it
    expect(await page.isChecked('#danger-no')).toBe(true);
    await tabToSelector(page, '#about-self');
    await page.keyboard.press('Space');
    await tabToSelector(page, '#chat-topic');
    await page.selectOption('#chat-topic', 'money');
    await tabToSelector(page, '#chat-first');
    await page.keyboard.type('Rahat eivät riitä vuokraan.');
    await tabToSelector(page, qa('chat-start'));
    await page.keyboard.press('Enter');

    // the focus moves to the conversation; the place in the queue, behind the other chat
    await page.waitForSelector(qa('chat-title'));
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'chat-title');
    await waitForText(page, qa('chat-queue-place'), /^Olet jonossa 2\./);
    await waitForText(page, qa('chat-message-resident'), 'Rahat eivät riitä vuokraan.');
    await expectClean(page, 'conversation 1280');

    // a message from the composer: Enter sends, shown as sent
    await tabToSelector(page, qa('chat-input'));
    await page.keyboard.type('Onko joku paikalla?');
    expect(await page.textContent(qa('chat-input-count'))).toMatch(/1981/);
    await page.keyboard.press('Enter');
    await waitForText(page, qa('chat-delivery'), 'Lähetetty');
    expect(await page.inputValue(qa('chat-input'))).toBe('');
    const { id } = await chatOf(page);
    // the first message's "sent" may be the one seen above: wait for the second to be stored
    const residentLines = () => server.database.db.selectFrom('chat_message').select(['body', 'client_id']).where('chat_id', '=', id).where('sender', '=', 'resident').orderBy('seq').execute();
    await expect.poll(async () => (await residentLines()).map((m) => m.body), { timeout: 10_000 }).toEqual(['Rahat eivät riitä vuokraan.', 'Onko joku paikalla?']);
    const stored = await residentLines();
    expect(stored[1]!.client_id).toEqual(expect.any(String));

    // the network drops: the message waits, retried, and arrives once when the network is back
    await page.context().setOffline(true);
    await page.fill(qa('chat-input'), 'Katkoksen aikana kirjoitettu.');
    await page.press(qa('chat-input'), 'Enter');
    await waitForText(page, qa('chat-delivery'), /yritetään uudelleen/);
    await page.context().setOffline(false);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-qa="chat-message-resident"]')].some((e) => (e.textContent ?? '').includes('Katkoksen aikana kirjoitettu.') && (e.textContent ?? '').includes('Lähetetty')), undefined, { timeout: 20_000 });
    const afterDrop = await server.database.db.selectFrom('chat_message').select('body').where('chat_id', '=', id).where('sender', '=', 'resident').execute();
    expect(afterDrop.filter((m) => m.body === 'Katkoksen aikana kirjoitettu.')).toHaveLength(1);

    // a reload resumes the same chat with its messages
    const reference = await page.textContent(qa('chat-reference'));
    await page.reload();
    await page.waitForSelector(qa('chat-title'));
    await waitForText(page, qa('chat-message-resident'), 'Onko joku paikalla?');
    expect(await page.textContent(qa('chat-reference'))).toBe(reference);
    expect(await page.locator(qa('chat-start-form')).count()).toBe(0);
    await page.context().close();
  });

  it('fits a 360 px phone and is axe clean there, in Swedish', async () => {
    const page = await newPage(browser, { width: 360 });
    await page.goto(`${server.url}/chat?lang=sv`);
    await page.waitForSelector(qa('chat-start-form'));
    await expectClean(page, 'start form 360');
    await page.check('#danger-no');
    await page.check('#about-close_one');
    await page.fill('#chat-first', 'Min mamma klarar sig inte längre hemma. Vart kan vi vända oss?');
    await page.click(qa('chat-start'));
    await waitForText(page, qa('chat-queue-place'), /^Du är nummer \d+ i kön/);
    await page.fill(qa('chat-input'), 'Ett ord som är mycket långt: Kundhandledningsmedarbetarutbildningsprogrammet');
    await page.click(qa('chat-send'));
    await waitForText(page, qa('chat-delivery'), 'Skickat');
    await expectClean(page, 'conversation 360');
    await page.context().close();
  });

  it('shows 112 and the crisis line at once for "someone is in danger now", before starting and in the chat', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/chat?lang=en`);
    await page.waitForSelector(qa('chat-start-form'));
    expect(await page.locator(qa('acute-alert')).count()).toBe(0);
    await page.check('#danger-yes');
    await page.waitForSelector(qa('acute-alert'));
    expect(await page.getAttribute(qa('acute-alert-region'), 'role')).toBe('alert');
    expect(await page.getAttribute(qa('call-emergency-tel'), 'href')).toBe('tel:112');
    expect(await page.getAttribute(qa('call-crisis_line-tel'), 'href')).toMatch(/^tel:\d+/);
    await expectClean(page, 'danger answered');

    await page.check('#about-self');
    await page.click(qa('chat-start'));
    await page.waitForSelector(qa('chat-title'));
    // the started chat is acute: the numbers stay at the top of the conversation, 112 first
    await page.waitForSelector(qa('acute-alert'));
    const contacts = page.locator(`${qa('acute-alert-contacts')} li`);
    expect(await contacts.nth(0).getAttribute('data-qa')).toBe('call-emergency');
    expect(await page.getAttribute(qa('acute-alert-region'), 'role')).toBe('alert');
    const { contactId } = await chatOf(page);
    expect((await server.database.db.selectFrom('contact').select('acute').where('id', '=', contactId).executeTakeFirstOrThrow()).acute).toBe(true);
    await expectClean(page, 'acute conversation');
    await page.context().close();
  });

  it('shows the worker\'s answer, typing and service card, announces the new message, and asks for feedback at the close', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/chat?lang=fi`);
    await page.waitForSelector(qa('chat-start-form'));
    await page.check('#danger-no');
    await page.check('#about-self');
    await page.fill('#chat-first', 'Miten haen toimeentulotukea?');
    await page.click(qa('chat-start'));
    await page.waitForSelector(qa('chat-queue-place'));
    const { contactId } = await chatOf(page);

    const s = await login(server.app, 'ohjaaja');
    const worker = (url: string, payload?: unknown) => server.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/chat${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
    const accepted = await worker('/accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    await page.waitForSelector(qa('chat-worker'));
    expect(await page.locator(qa('chat-queue-place')).count()).toBe(0);

    const typing = await worker('/typing', { typing: true });
    expect(typing.statusCode, typing.body).toBe(204);
    await waitForText(page, qa('chat-typing'), 'kirjoittaa…');
    const answer = await worker('/messages', { clientId: randomUUID(), text: 'Hei! Autan mielelläni.' });
    expect(answer.statusCode, answer.body).toBe(201);
    await waitForText(page, qa('chat-message-worker'), 'Hei! Autan mielelläni.');
    // the live region says only the new message and who sent it
    await waitForText(page, qa('chat-announcer'), /: Hei! Autan mielelläni\.$/);
    expect(await page.getAttribute(qa('chat-announcer'), 'aria-live')).toBe('polite');
    expect(await page.textContent(qa('chat-typing'))).toBe('');

    const service = await server.database.db.selectFrom('service').select(['id', 'name_fi']).where('active', '=', true).where('name_fi', 'ilike', '%velkaneuvonta%').executeTakeFirstOrThrow();
    const card = await worker('/messages', { clientId: randomUUID(), serviceId: service.id });
    expect(card.statusCode, card.body).toBe(201);
    await page.waitForSelector(qa('chat-service-card'));
    await page.waitForSelector(qa('chat-card-phone'));
    expect(await page.getAttribute(qa('chat-card-phone'), 'href')).toMatch(/^tel:\+?\d+$/);
    expect(await page.textContent(`${qa('chat-service-card')} h3`)).toBe(service.name_fi);
    await waitForText(page, qa('chat-announcer'), service.name_fi!);
    for (const href of await page.$$eval(`${qa('chat-service-card')} a`, (as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(href).toMatch(/^(tel:\+?\d+|https?:\/\/|mailto:)/);
    }
    await expectClean(page, 'conversation with a card');

    const closed = await server.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/close`, headers: s.headers, payload: { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'income', contactor: 'self' } });
    expect(closed.statusCode, closed.body).toBe(200);
    await page.waitForSelector(qa('chat-ended'));
    expect(await page.textContent(qa('chat-ended-reason'))).toBe('Työntekijä päätti keskustelun.');
    expect(await page.locator(qa('chat-input')).count()).toBe(0);
    await page.waitForSelector(qa('feedback-form'));
    await expectClean(page, 'ended with feedback');
    await tabToSelector(page, '#feedback-score-1');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#feedback-score-5')).toBe(true);
    await tabToSelector(page, '#feedback-text');
    await page.keyboard.type('Sain nopeasti vastauksen.');
    await tabToSelector(page, qa('feedback-send'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('feedback-sent'));
    const fb = await server.database.db.selectFrom('feedback').selectAll().execute();
    expect(fb.some((f) => (f as { score?: number }).score === 5)).toBe(true);
    await page.context().close();
  });

  it('lets the resident leave, after asking', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/chat?lang=fi`);
    await page.check('#danger-no');
    await page.check('#about-self');
    await page.click(qa('chat-start'));
    await page.waitForSelector(qa('chat-queue-place'));
    await tabToSelector(page, qa('chat-leave'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('chat-leave-confirm'));
    expect(await focused(page)).toBe('chat-leave-no'); // a stray Enter keeps the chat
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'chat-leave');
    await page.keyboard.press('Enter');
    await tabToSelector(page, qa('chat-leave-yes'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('chat-ended'));
    expect(await page.textContent(qa('chat-ended-reason'))).toBe('Poistuit keskustelusta.');
    const { id } = await chatOf(page);
    expect((await server.database.db.selectFrom('chat').select(['status', 'ended_reason']).where('id', '=', id).executeTakeFirstOrThrow())).toEqual({ status: 'ended', ended_reason: 'resident_left' });
    await expectClean(page, 'left');
    // a new chat starts afresh
    await page.click(qa('chat-new'));
    await page.waitForSelector(qa('chat-start-form'));
    await page.context().close();
  });

  it('out of hours: says so and when it opens next, and offers the contact form and the callback request', async () => {
    clock.now = EVENING;
    try {
      for (const width of [360, 1280]) {
        const page = await newPage(browser, { width });
        await page.goto(`${server.url}/chat?lang=fi`);
        await page.waitForSelector(qa('chat-closed'));
        expect(await page.locator(qa('chat-start-form')).count()).toBe(0);
        expect(await page.textContent(qa('chat-next-opening'))).toMatch(/torstaina 26\.11\. klo 08[.:]00/);
        expect(await page.getAttribute(qa('chat-closed-contact'), 'href')).toBe('/yhteydenotto');
        expect(await page.getAttribute(qa('chat-closed-callback'), 'href')).toBe('/soittopyynto');
        await expectClean(page, `closed ${width}`);
        if (width === 1280) {
          await page.click(qa('chat-closed-callback'));
          await page.waitForSelector(qa('callback-form'));
        }
        await page.context().close();
      }
    } finally {
      clock.now = OPEN;
    }
  });

  it('closing while the resident answers: the refusal says so and still shows 112 for danger', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/chat?lang=fi`);
    await page.waitForSelector(qa('chat-start-form'));
    clock.now = EVENING;
    try {
      await page.check('#danger-yes');
      await page.check('#about-close_one');
      await page.click(qa('chat-start'));
      await page.waitForSelector(qa('chat-closed'));
      expect(await page.textContent(qa('chat-closed'))).toMatch(/ehti sulkeutua/);
      expect(await page.getAttribute(qa('call-emergency-tel'), 'href')).toBe('tel:112');
      await expectClean(page, 'refused');
    } finally {
      clock.now = OPEN;
    }
    await page.context().close();
  });
});

describe('feedback from the contact form\'s receipt', () => {
  it('leads from the receipt to the feedback page, the token never in the path or query', async () => {
    const page = await newPage(browser);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(`${server.url}/yhteydenotto?lang=fi`);
    await page.check('#danger-no');
    await page.click(qa('next'));
    await page.check('#about-self');
    await page.click(qa('next'));
    await page.check('#topic-money');
    await page.fill('#text', 'Tarvitsen neuvoja laskujen kanssa.');
    await page.click(qa('next'));
    await page.check('#urgency-normal');
    await page.click(qa('next'));
    await page.check('#identity-anonymous');
    await page.click(qa('next'));
    await page.click(qa('send'));
    await page.waitForSelector(qa('receipt-feedback'));
    const href = (await page.getAttribute(qa('receipt-feedback-link'), 'href'))!;
    expect(href).toMatch(/^\/palaute(\?lang=fi)?#t=/);
    const token = decodeURIComponent(href.split('#t=')[1]!);
    await expectClean(page, 'receipt with the feedback link');

    await page.click(qa('receipt-feedback-link'));
    await page.waitForSelector(qa('feedback-form'));
    expect(new URL(page.url()).hash).toBe('');
    await page.check('#feedback-score-4');
    await page.click(qa('feedback-send'));
    await page.waitForSelector(qa('feedback-sent'));
    for (const url of requested) expect(url).not.toContain(token);

    // the same link again (a new tab): the fragment is read and dropped; a second answer is refused kindly
    const again = await newPage(browser, { width: 360 });
    await again.goto(`${server.url}${href}`);
    await again.waitForSelector(qa('feedback-form'));
    expect(new URL(again.url()).hash).toBe('');
    await expectClean(again, 'feedback page 360');
    await again.check('#feedback-score-2');
    await again.click(qa('feedback-send'));
    await again.waitForSelector(qa('feedback-already_given'));
    await again.context().close();

    const unknown = await newPage(browser);
    await unknown.goto(`${server.url}/palaute#t=${'x'.repeat(40)}`);
    await unknown.check('#feedback-score-3');
    await unknown.click(qa('feedback-send'));
    await unknown.waitForSelector(qa('feedback-not_found'));
    await unknown.goto(`${server.url}/palaute`);
    await unknown.evaluate(() => window.sessionStorage.clear());
    await unknown.reload();
    await unknown.waitForSelector(qa('feedback-no-token'));
    await unknown.context().close();
    await page.context().close();
  });
});
