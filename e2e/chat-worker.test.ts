/**
 * The worker's side of the chat (issue 16) in Chromium, against the real server: a resident starts
 * a chat through the public API, the guidance worker sees it in the queue, opens and takes it,
 * answers with text (Enter sends, Shift+Enter is a new line), a saved reply and a service card from
 * the catalogue, sees the resident typing and their message arrive (announced politely), holds a
 * second chat whose new message is marked unread, and closes the first with the usual statistics;
 * at the limit they are told how many chats they hold, a send lost on the way is sent again with
 * the same clientId (stored once), and a chat is turned into a callback.
 * The supervisor keeps the chat's settings and saved replies and sees the chat and the feedback in
 * the month's figures. axe clean throughout. Wednesday morning, inside the demo chat's hours.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, type E2eServer, startServerWithCatalogue, closeWithStatistics } from './support.js';
import { login } from '../src/server/test/support.js';

const clock = { now: new Date('2026-11-25T10:00:00+02:00') };
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    // the catalogue's services (the PTV fixture), for the service card
    startServerWithCatalogue(() => clock.now),
    launchBrowser(),
  ]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

interface Started { id: string; token: string; reference: string; contactId: string; headers: Record<string, string> }

/** A resident starts a chat (the public API, as the resident's page does). */
async function startChat(text: string): Promise<Started> {
  const res = await server.app.inject({ method: 'POST', url: '/api/public/chats', payload: { lang: 'fi', topic: 'money', text } });
  expect(res.statusCode, res.body).toBe(201);
  const chat = res.json<{ id: string; token: string; reference: string }>();
  const row = await server.database.db.selectFrom('chat').select('contact_id').where('id', '=', chat.id).executeTakeFirstOrThrow();
  return { ...chat, contactId: row.contact_id, headers: { 'x-chat-token': chat.token } };
}
const residentSays = async (c: Started, text: string) => {
  const res = await server.app.inject({ method: 'POST', url: `/api/public/chats/${c.id}/messages`, headers: c.headers, payload: { clientId: randomUUID(), text } });
  expect(res.statusCode, res.body).toBe(201);
};
const residentTyping = async (c: Started, typing: boolean) => {
  const res = await server.app.inject({ method: 'POST', url: `/api/public/chats/${c.id}/typing`, headers: c.headers, payload: { typing } });
  expect(res.statusCode, res.body).toBe(204);
};
const residentView = async (c: Started) => (await server.app.inject({ method: 'GET', url: `/api/public/chats/${c.id}`, headers: c.headers })).json<{
  status: string; endedReason: string | null; feedbackToken: string | null; messages: { sender: string; kind: string; text: string | null; card: { name: string } | null }[];
}>();

const textOf = (page: Page, selector: string) => page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => e.textContent ?? ''), selector);
const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel!)].some((e) => (e.textContent ?? '').includes(t!)), [selector, text] as const);


describe('the worker\'s chat in Chromium', () => {
  it('takes a chat from the queue, answers with text, a saved reply and a service card, sees the resident, and closes it', async () => {
    const chat = await startChat('Miten haen toimeentulotukea?');
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    const row = qa(`queue-row-${chat.reference}`);
    await page.waitForSelector(row);
    // the worker's own chats: none held, one waiting in the queue
    await page.waitForSelector(qa('my-chats'));
    expect(await page.textContent(qa('my-chats-waiting'))).toContain('1');
    expect(await axeViolations(page)).toEqual([]);

    await page.click(`${row} ${qa('queue-open')}`);
    await page.waitForSelector(qa('chat-accept'));
    await waitForText(page, qa('chat-message-resident'), 'Miten haen toimeentulotukea?');
    expect(await page.getAttribute(qa('chat-accept'), 'aria-keyshortcuts')).toBe('Alt+Shift+C');
    expect(await page.$(qa('claim'))).toBeNull(); // a chat is taken with its own button
    expect(await axeViolations(page)).toEqual([]);

    // taken from the keyboard: the composer has the focus at once
    await page.keyboard.press('Alt+Shift+KeyC');
    await page.waitForSelector(qa('chat-composer-text'));
    await page.waitForFunction(() => document.activeElement?.id === 'chat-composer-text');
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');
    await waitForText(page, qa('chat-message-system'), 'tuli keskusteluun');

    // Enter sends, Shift+Enter makes a new line
    await page.keyboard.type('Hei! Autan mielelläni.');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('Kerro lisää tilanteestasi.');
    expect(await page.textContent(qa('chat-composer-counter'))).toBe('49 / 2000 merkkiä');
    await page.keyboard.press('Enter');
    await waitForText(page, qa('chat-message-worker'), 'Kerro lisää tilanteestasi.');
    expect(await page.inputValue(qa('chat-composer-text'))).toBe('');
    expect(await page.$(qa('chat-pending'))).toBeNull();

    // a saved reply in the resident's language
    await page.selectOption('#chat-saved-reply', { label: 'Hetki' });
    expect(await page.textContent(qa('chat-saved-reply-preview'))).toBe('Kiitos, selvitän asiaa. Odotathan hetken.');
    await page.click(qa('chat-saved-reply-send'));
    await waitForText(page, qa('chat-message-worker'), 'Kiitos, selvitän asiaa. Odotathan hetken.');

    // a service card from the catalogue
    await page.fill(qa('catalogue-q'), 'velkaneuvonta');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${qa('catalogue-results')} ${qa('catalogue-send-to-chat')}`);
    const send = `${qa('catalogue-results')} li:has(${qa('catalogue-hit')}:has-text("Talous- ja velkaneuvonta")) ${qa('catalogue-send-to-chat')}`;
    expect(await page.getAttribute(send, 'aria-label')).toContain('Lähetä chattiin: ');
    await page.click(send);
    await page.waitForSelector(`${qa('chat-transcript')} ${qa('chat-card')}`);
    expect(await page.textContent(`${qa('chat-transcript')} ${qa('chat-card-name')}`)).toContain('velkaneuvonta');
    await waitForText(page, qa('catalogue-chat-status'), 'Lähetetty chattiin.');

    // the resident types and writes: shown, and the message announced in the polite live region
    await residentTyping(chat, true);
    await waitForText(page, qa('chat-typing'), 'Asukas kirjoittaa…');
    await residentSays(chat, 'Kiitos, soitan velkaneuvontaan.');
    await waitForText(page, qa('chat-message-resident'), 'Kiitos, soitan velkaneuvontaan.');
    await waitForText(page, qa('chat-announcement'), 'Uusi viesti asukkaalta: Kiitos, soitan velkaneuvontaan.');
    expect(await page.getAttribute(qa('chat-announcement'), 'aria-live')).toBe('polite');
    expect(await page.textContent(qa('chat-online'))).toBe('Asukas on yhteydessä');

    // the resident has all of it, in order, nothing twice
    const seen = await residentView(chat);
    expect(seen.messages.filter((m) => m.sender === 'worker').map((m) => (m.kind === 'service_card' ? `card:${m.card?.name}` : m.text))).toEqual([
      'Hei! Autan mielelläni.\nKerro lisää tilanteestasi.', 'Kiitos, selvitän asiaa. Odotathan hetken.', expect.stringMatching(/^card:.*velkaneuvonta/),
    ]);

    // a second chat held at once: its new message is marked unread in "Omat chatit" and in the tab's title
    const second = await startChat('Onko teillä asumisneuvontaa?');
    const s = await login(server.app, 'ohjaaja');
    const accepted = await server.app.inject({ method: 'POST', url: `/api/contacts/${second.contactId}/chat/accept`, headers: s.headers });
    expect(accepted.statusCode, accepted.body).toBe(200);
    await residentSays(second, 'Vuokranantaja uhkaa häädöllä.');
    const mine = qa(`my-chat-${second.reference}`);
    await page.waitForSelector(`${mine} ${qa('my-chat-unread')}`);
    expect(await page.$(`${qa(`my-chat-${chat.reference}`)} ${qa('my-chat-unread')}`)).toBeNull(); // the open one is read
    await page.waitForFunction(() => document.title.startsWith('(1) Chat – '));
    expect(await page.textContent(qa('my-chats-count'))).toBe('Sinulla 2 / 3 chattia');
    expect(await axeViolations(page)).toEqual([]);

    // closed with the usual form: the chat ends, for the worker and the resident
    await closeWithStatistics(page);
    await page.waitForSelector(qa('chat-ended'));
    expect(await page.textContent(qa('chat-ended-reason'))).toBe('Chat suljettiin.');
    expect(await page.$(qa('chat-composer'))).toBeNull();
    const ended = await residentView(chat);
    expect(ended.status).toBe('ended');
    expect(ended.endedReason).toBe('closed');
    expect(await axeViolations(page)).toEqual([]);

    // the second chat: opened from the list, no longer unread
    await page.click(`${mine} ${qa('my-chat-open')}`);
    await waitForText(page, qa('chat-message-resident'), 'Vuokranantaja uhkaa häädöllä.');
    await page.waitForFunction(() => !document.title.includes('Chat – '));
    await page.context().close();
  });

  it('tells the worker at the limit how many chats they hold, and keeps a failed message for a resend', async () => {
    const s = await login(server.app, 'ohjaaja');
    const held: Started[] = [];
    // up to the limit (3 in the demo county; one may remain from the test above)
    for (;;) {
      const mine = (await server.app.inject({ method: 'GET', url: '/api/chats/mine', headers: s.headers })).json<{ items: { status: string }[]; maxPerWorker: number }>();
      if (mine.items.filter((i) => i.status === 'active').length >= mine.maxPerWorker) break;
      const c = await startChat('Tarvitsen apua.');
      expect((await server.app.inject({ method: 'POST', url: `/api/contacts/${c.contactId}/chat/accept`, headers: s.headers })).statusCode).toBe(200);
      held.push(c);
    }
    const waiting = await startChat('Onko joku paikalla?');
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${waiting.contactId}`);
    await page.click(qa('chat-accept'));
    await page.waitForSelector(qa('chat-accept-error'));
    expect(await page.textContent(qa('chat-accept-error'))).toBe('Sinulla on jo 3 chattia (enintään 3). Päätä tai siirrä jokin niistä ennen uuden ottamista.');

    // a held chat whose sends fail on the way: the message stays, retried with the same clientId
    const c = held[0] ?? (await (async () => { throw new Error('no chat held'); })());
    await page.goto(`${server.url}/tyo/yhteydenotot/${c.contactId}`);
    await page.waitForSelector(qa('chat-composer-text'));
    let failures = 0;
    const clientIds: string[] = [];
    await page.route('**/chat/messages', async (route) => {
      clientIds.push((route.request().postDataJSON() as { clientId: string }).clientId);
      if (failures++ < 1) await route.abort('failed');
      else await route.continue();
    });
    await page.fill(qa('chat-composer-text'), 'Tämä menee perille.');
    await page.click(qa('chat-send'));
    await waitForText(page, qa('chat-message-worker'), 'Tämä menee perille.');
    expect(clientIds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(clientIds).size).toBe(1);
    const stored = await server.database.db.selectFrom('chat_message').select('body').where('chat_id', '=', c.id).where('sender', '=', 'worker').execute();
    expect(stored.map((m) => m.body)).toEqual(['Tämä menee perille.']);
    await page.unroute('**/chat/messages');
    expect(await axeViolations(page)).toEqual([]);

    // the resident gave a number and wants a call: the chat becomes a callback task and ends
    await page.click(qa('chat-callback-toggle'));
    await page.click(qa('chat-callback-submit'));
    expect(await page.textContent(qa('chat-callback-phone-error'))).toBe('Anna puhelinnumero.');
    await page.waitForFunction(() => document.activeElement?.id === 'chat-callback-phone');
    await page.fill('#chat-callback-phone', '040 123 4567');
    await page.fill('#chat-callback-window', 'iltapäivällä');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('chat-callback-submit'));
    await page.waitForSelector(qa('chat-ended'));
    expect(await page.textContent(qa('chat-ended-reason'))).toBe('Chat muutettiin takaisinsoitoksi.');
    const contact = await server.database.db.selectFrom('contact').select('person_phone').where('id', '=', c.contactId).executeTakeFirstOrThrow();
    expect(contact.person_phone).toBe('+358401234567');
    await page.context().close();
  });

  it('lets the supervisor keep the chat\'s settings and saved replies, and shows the chat and the feedback in the month\'s figures', async () => {
    // a chat answered and closed, and the resident's feedback
    const chat = await startChat('Haluaisin tietää omaishoidon tuesta.');
    const s = await login(server.app, 'esihenkilo');
    expect((await server.app.inject({ method: 'POST', url: `/api/contacts/${chat.contactId}/chat/accept`, headers: s.headers })).statusCode).toBe(200);
    const closed = await server.app.inject({ method: 'POST', url: `/api/contacts/${chat.contactId}/close`, headers: s.headers, payload: { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'income', contactor: 'self' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const token = (await residentView(chat)).feedbackToken;
    expect(token).toEqual(expect.any(String));
    const fb = await server.app.inject({ method: 'POST', url: '/api/public/feedback', payload: { token, score: 5, text: 'Sain heti selkeät ohjeet.', lang: 'fi' } });
    expect(fb.statusCode, fb.body).toBe(201);

    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/`);
    await page.click(qa('nav-chat'));
    await page.waitForSelector(qa('chat-settings-form'));
    expect(await page.inputValue('#chat-max')).toBe('3');
    expect(await page.$$eval(qa('chat-hours-row'), (rows) => rows.length)).toBe(5);
    await page.waitForSelector(qa('saved-reply-row'));
    expect(await axeViolations(page)).toEqual([]);

    // a wrong value is named in the summary; a right one is saved
    await page.fill('#chat-max', '11');
    await page.click(qa('chat-settings-save'));
    await page.waitForSelector(qa('chat-settings-errors'));
    expect(await page.textContent(qa('chat-max-error'))).toBe('Anna kokonaisluku 1–10.');
    await page.fill('#chat-max', '4');
    await page.click(qa('chat-settings-save'));
    await page.waitForSelector(qa('chat-settings-saved'));
    const saved = (await server.app.inject({ method: 'GET', url: '/api/chats/settings', headers: s.headers })).json<{ maxPerWorker: number; weekly: unknown[] }>();
    expect(saved.maxPerWorker).toBe(4);
    expect(saved.weekly).toHaveLength(5);

    // a saved reply added, changed and removed
    await page.click(qa('reply-add'));
    await page.selectOption('#reply-lang', 'sv');
    await page.fill('#reply-title', 'Tack');
    await page.fill('#reply-body', 'Tack för att du kontaktade oss.');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('reply-save'));
    await waitForText(page, qa('saved-reply-title'), 'Tack');
    await page.click(`${qa('saved-reply-row')}:has(${qa('saved-reply-title')}:text-is("Tack")) ${qa('saved-reply-edit')}`);
    await page.fill('#reply-title', 'Tack och hej');
    await page.click(qa('reply-save'));
    await waitForText(page, qa('saved-reply-title'), 'Tack och hej');
    const added = qa('saved-reply-row') + `:has(${qa('saved-reply-title')}:text-is("Tack och hej"))`;
    await page.click(`${added} ${qa('saved-reply-remove')}`);
    await page.click(`${added} ${qa('saved-reply-confirm-remove')}`);
    await page.waitForFunction(() => ![...document.querySelectorAll('[data-qa="saved-reply-title"]')].some((e) => e.textContent === 'Tack och hej'));
    expect((await textOf(page, qa('replies-status')))[0]).toBe('Vakiovastaus poistettu.');

    // the month's figures: the chats and the feedback, and the feedback's words apart
    await page.goto(`${server.url}/tyo/tilannekuva?month=2026-11`);
    await page.waitForSelector(qa('chat-figures'));
    expect(Number(await page.textContent(qa('chat-figures-started-period')))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.textContent(qa('chat-figures-answered-period')))).toBeGreaterThanOrEqual(1);
    expect(await page.textContent(qa('feedback-by-channel-chat-count'))).toBe('1');
    expect(await page.textContent(qa('feedback-by-channel-chat-mean'))).toBe('5,0');
    expect(await page.textContent(qa('feedback-score-5-count'))).toBe('1');
    await waitForText(page, qa('feedback-comment-text'), 'Sain heti selkeät ohjeet.');
    const comment = await page.$eval(qa('feedback-comment'), (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(comment).toEqual(['marraskuu 2026', 'Chat', expect.any(String), '5', 'Sain heti selkeät ohjeet.']);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
