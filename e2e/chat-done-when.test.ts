/**
 * Issue 16's "Done when", end to end in Chromium with two browser contexts against one real server:
 * a resident on a 360 px phone starts a chat from the public site with the keyboard and sees their
 * place in the queue; a signed-in guidance worker (1280 px) takes it from the queue and sends a text
 * and a service card; the resident's network drops mid-chat, both sides write meanwhile, and when
 * the network is back nothing is lost or doubled (in both browsers and in the database); the worker
 * closes the contact with the usual close form; the resident gives feedback inline; the supervisor
 * sees the chat and the feedback in the month's figures and the feedback's words in the comments.
 * axe clean on both sides and on the supervisor's page. Wednesday morning, inside the demo chat's
 * hours (weekdays 08–16 Helsinki). The steps share one chat, so they run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, tabToSelector, type E2eServer, startServerWithCatalogue, closeWithStatistics } from './support.js';

const clock = { now: new Date('2026-11-25T10:00:00+02:00') };
let server: E2eServer;
let browser: Browser;
let resident: Page;
let worker: Page;
/** The chat as the steps learn it: its id and contact (the database), its reference (the queue), the service card's name. */
const chat = { id: '', contactId: '', reference: '', card: '' };

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // the catalogue's services (the PTV fixture), for the worker's service card
    startServerWithCatalogue(() => clock.now),
    launchBrowser(),
  ]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

// --- the words of the conversation, each written once ---
const FIRST = 'Rahat eivät riitä vuokraan. Mistä saisin apua?';
const HELLO = 'Hei! Olen ohjaaja ja autan sinua.';
const THANKS = 'Kiitos, katson tuon palvelun.';
const WORKER_MEANWHILE = 'Oletko vielä linjoilla? Lähetin kortin velkaneuvonnasta.';
const RESIDENT_OFFLINE = 'Yhteys pätkii, mutta olen täällä.';
const FEEDBACK_TEXT = 'Sain selkeät ohjeet, vaikka yhteys katkesi välillä.';

async function expectClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
  // nothing wider than the screen: no sideways scrolling on the phone
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where}: horizontal overflow`).toBeLessThanOrEqual(0);
}
const waitForText = (page: Page, selector: string, text: string | RegExp, timeout?: number) =>
  page.waitForFunction(([sel, src, flags]) => [...document.querySelectorAll(sel!)].some((e) => new RegExp(src!, flags).test(e.textContent ?? '')),
    [selector, typeof text === 'string' ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : text.source, typeof text === 'string' ? '' : text.flags] as const,
    timeout ? { timeout } : undefined);

/** The resident's conversation as shown: `sender: text`, a card as `sender: card:<name>`; the system's lines left out. */
const residentLog = (page: Page) => page.$$eval(`${qa('chat-log')} > li`, (lis) => lis
  .map((li) => li.getAttribute('data-qa') ?? '')
  .map((q, i) => ({ q, li: lis[i]! }))
  .filter(({ q }) => q === 'chat-message-resident' || q === 'chat-message-worker')
  .map(({ q, li }) => {
    const card = li.querySelector('[data-qa="chat-service-card"] h3');
    return `${q.replace('chat-message-', '')}: ${card ? `card:${card.textContent ?? ''}` : (li.querySelector('.chat-text')?.textContent ?? '')}`;
  }));
/** The worker's transcript, the same way (stored messages only: a send on its way is `chat-pending`). */
const workerLog = (page: Page) => page.$$eval(`${qa('chat-transcript')} li`, (lis) => lis
  .filter((li) => ['chat-message-resident', 'chat-message-worker'].includes(li.getAttribute('data-qa') ?? ''))
  .map((li) => {
    const card = li.querySelector('[data-qa="chat-card-name"]');
    return `${(li.getAttribute('data-qa') ?? '').replace('chat-message-', '')}: ${card ? `card:${card.textContent ?? ''}` : (li.querySelector('[data-qa="chat-message-text"]')?.textContent ?? '')}`;
  }));
/** The transcript in the database, by seq, the same way. */
async function storedLog(): Promise<string[]> {
  const rows = await server.database.db.selectFrom('chat_message').select(['sender', 'kind', 'body', 'card', 'seq']).where('chat_id', '=', chat.id).orderBy('seq').execute();
  return rows.filter((r) => r.sender !== 'system' && r.kind !== 'event').map((r) => {
    if (r.kind !== 'service_card') return `${r.sender}: ${r.body ?? ''}`;
    const card = (typeof r.card === 'string' ? JSON.parse(r.card) : r.card) as { name?: string } | null;
    return `${r.sender}: card:${card?.name ?? ''}`;
  });
}
const countIn = (log: string[], line: string) => log.filter((l) => l === line).length;
/** The resident's own message with these words, and its delivery state as the page shows it. */
const deliveryOf = (page: Page, text: string) => page.$$eval(qa('chat-message-resident'), (lis, t) => {
  const li = lis.find((e) => e.querySelector('.chat-text')?.textContent === t);
  return li ? { state: li.querySelector('[data-qa="chat-delivery"]')?.getAttribute('data-state') ?? null, words: li.querySelector('[data-qa="chat-delivery"]')?.textContent ?? null } : null;
}, text);


describe('issue 16, done when: a chat from start to the month\'s figures, in two browsers', () => {
  it('1. the resident opens the chat from the public site on a phone, answers with the keyboard, starts, and is first in the queue', async () => {
    resident = await newPage(browser, { width: 360 });
    await resident.goto(`${server.url}/?lang=fi`);
    await resident.waitForSelector(qa('chat-open-status'));
    expect(await resident.textContent(qa('chat-open-status'))).toBe('Avoinna nyt');
    await tabToSelector(resident, qa('start-chat'), 60);
    await resident.keyboard.press('Enter');
    await resident.waitForSelector(qa('chat-start-form'));
    await resident.waitForFunction(() => window.location.pathname === '/chat');
    expect(await resident.textContent(qa('chat-open'))).toBe('Chat on auki nyt.');
    expect(await resident.textContent(qa('chat-queue-now'))).toBe('Jonossa ei ole nyt ketään.');
    await expectClean(resident, 'resident: before start (360 px)');

    // the guiding questions, from the keyboard only
    await tabToSelector(resident, '#danger-yes', 80);
    await resident.keyboard.press('ArrowDown'); // the radio group: the arrow moves to "no" and chooses it
    expect(await resident.isChecked('#danger-no')).toBe(true);
    expect(await resident.locator(qa('acute-alert')).count()).toBe(0);
    await tabToSelector(resident, '#about-self');
    await resident.keyboard.press('Space');
    expect(await resident.isChecked('#about-self')).toBe(true);
    await tabToSelector(resident, '#chat-topic');
    await resident.selectOption('#chat-topic', 'money'); // a native select: the keyboard's own list
    await tabToSelector(resident, '#chat-first');
    await resident.keyboard.type(FIRST);
    await tabToSelector(resident, qa('chat-start'));
    await resident.keyboard.press('Enter');

    // the focus moves to the conversation; first in the queue of a quiet morning
    await resident.waitForSelector(qa('chat-title'));
    await resident.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'chat-title');
    await waitForText(resident, qa('chat-queue-place'), /^Olet jonossa 1\./);
    await waitForText(resident, qa('chat-message-resident'), FIRST);

    const stored = await resident.evaluate(() => JSON.parse(window.sessionStorage.getItem('opastin.chat') ?? 'null') as { id: string } | null);
    expect(stored).not.toBeNull();
    const row = await server.database.db.selectFrom('chat').select(['id', 'contact_id', 'status']).where('id', '=', stored!.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('waiting');
    chat.id = row.id;
    chat.contactId = row.contact_id;
    chat.reference = (await resident.textContent(qa('chat-reference')))!.trim();
    expect(chat.reference).not.toBe('');
    const contact = await server.database.db.selectFrom('contact').select(['channel', 'reference', 'acute']).where('id', '=', chat.contactId).executeTakeFirstOrThrow();
    expect(contact).toEqual({ channel: 'chat', reference: chat.reference, acute: false });
    await expectClean(resident, 'resident: in the queue (360 px)');
  });

  it('2. the worker opens the chat from the queue, takes it, and sends a text and a service card; the resident sees both', async () => {
    worker = await signedInPage(browser, server, 'ohjaaja', { width: 1280 });
    await worker.goto(`${server.url}/tyo/`);
    const row = qa(`queue-row-${chat.reference}`);
    await worker.waitForSelector(row);
    await worker.click(`${row} ${qa('queue-open')}`);
    await worker.waitForSelector(qa('chat-accept'));
    await waitForText(worker, qa('chat-message-resident'), FIRST);
    expect(await worker.textContent(qa('contact-status'))).not.toBe('Käsittelyssä');
    await worker.click(qa('chat-accept'));
    await worker.waitForSelector(qa('chat-composer-text'));
    await worker.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');

    // the resident: out of the queue, with a worker
    await resident.waitForSelector(qa('chat-worker'));
    expect(await resident.locator(qa('chat-queue-place')).count()).toBe(0);
    expect((await server.database.db.selectFrom('chat').select('status').where('id', '=', chat.id).executeTakeFirstOrThrow()).status).toBe('active');

    // a text (Enter sends)
    await worker.fill(qa('chat-composer-text'), HELLO);
    await worker.press(qa('chat-composer-text'), 'Enter');
    await waitForText(worker, qa('chat-message-worker'), HELLO);
    expect(await worker.inputValue(qa('chat-composer-text'))).toBe('');

    // a service card from the catalogue
    const service = await server.database.db.selectFrom('service').select(['id', 'name_fi']).where('active', '=', true).where('name_fi', 'ilike', '%velkaneuvonta%').executeTakeFirstOrThrow();
    chat.card = service.name_fi!;
    await worker.fill(qa('catalogue-q'), 'velkaneuvonta');
    await worker.press(qa('catalogue-q'), 'Enter');
    const send = `${qa('catalogue-results')} li:has(${qa('catalogue-hit')}:has-text(${JSON.stringify(chat.card)})) ${qa('catalogue-send-to-chat')}`;
    await worker.waitForSelector(send);
    await worker.click(send);
    await worker.waitForSelector(`${qa('chat-transcript')} ${qa('chat-card')}`);
    expect(await worker.textContent(`${qa('chat-transcript')} ${qa('chat-card-name')}`)).toBe(chat.card);

    // the resident sees both: the words, and the card by its name
    await waitForText(resident, qa('chat-message-worker'), HELLO);
    await resident.waitForSelector(qa('chat-service-card'));
    expect(await resident.textContent(`${qa('chat-service-card')} h3`)).toBe(chat.card);
    await waitForText(resident, qa('chat-announcer'), chat.card);
    expect(await residentLog(resident)).toEqual([`resident: ${FIRST}`, `worker: ${HELLO}`, `worker: card:${chat.card}`]);

    // the resident answers, online
    await resident.fill(qa('chat-input'), THANKS);
    await resident.press(qa('chat-input'), 'Enter');
    await waitForText(resident, qa('chat-delivery'), 'Lähetetty');
    await waitForText(worker, qa('chat-message-resident'), THANKS);
    await expectClean(resident, 'resident: in the conversation with a card (360 px)');
    expect(await axeViolations(worker), 'worker: the contact page with the chat').toEqual([]);
  });

  it('3. the resident\'s network drops mid-chat: both write meanwhile, and nothing is lost or doubled', async () => {
    await resident.context().setOffline(true);
    // the resident writes while offline: shown as not yet delivered
    await resident.fill(qa('chat-input'), RESIDENT_OFFLINE);
    await resident.press(qa('chat-input'), 'Enter');
    await resident.waitForFunction((t) => [...document.querySelectorAll('[data-qa="chat-message-resident"]')]
      .some((li) => li.querySelector('.chat-text')?.textContent === t && li.querySelector('[data-qa="chat-delivery"]')?.getAttribute('data-state') === 'retrying'), RESIDENT_OFFLINE);
    expect(await deliveryOf(resident, RESIDENT_OFFLINE)).toEqual({ state: 'retrying', words: 'Ei vielä perillä – yritetään uudelleen…' });
    expect(await resident.inputValue(qa('chat-input'))).toBe('');

    // the worker writes meanwhile; the resident's message has not reached the server
    await worker.fill(qa('chat-composer-text'), WORKER_MEANWHILE);
    await worker.press(qa('chat-composer-text'), 'Enter');
    await waitForText(worker, qa('chat-message-worker'), WORKER_MEANWHILE);
    expect(countIn(await storedLog(), `resident: ${RESIDENT_OFFLINE}`)).toBe(0);
    expect(countIn(await storedLog(), `worker: ${WORKER_MEANWHILE}`)).toBe(1);

    // the network comes back: the message is sent (once), and the worker's reaches the resident (once)
    await resident.context().setOffline(false);
    await resident.waitForFunction((t) => [...document.querySelectorAll('[data-qa="chat-message-resident"]')]
      .some((li) => li.querySelector('.chat-text')?.textContent === t && li.querySelector('[data-qa="chat-delivery"]')?.getAttribute('data-state') === 'sent'), RESIDENT_OFFLINE, { timeout: 40_000 });
    expect(await deliveryOf(resident, RESIDENT_OFFLINE)).toEqual({ state: 'sent', words: 'Lähetetty' });
    await waitForText(resident, qa('chat-message-worker'), WORKER_MEANWHILE, 40_000);
    await waitForText(worker, qa('chat-message-resident'), RESIDENT_OFFLINE, 40_000);

    // the whole conversation, the same in both browsers and in the database: in order, each line once
    const expected = [
      `resident: ${FIRST}`,
      `worker: ${HELLO}`,
      `worker: card:${chat.card}`,
      `resident: ${THANKS}`,
      `worker: ${WORKER_MEANWHILE}`, // stored while the resident's message still waited in the outbox
      `resident: ${RESIDENT_OFFLINE}`,
    ];
    expect(await storedLog()).toEqual(expected);
    expect(await residentLog(resident)).toEqual(expected);
    expect(await workerLog(worker)).toEqual(expected);
    expect(await worker.$(qa('chat-pending'))).toBeNull();
    expect(await resident.$$eval(qa('chat-delivery'), (els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['sent']); // only the last own message says it
    // each stored with its own clientId, the retried one included: no second copy under another
    const ids = await server.database.db.selectFrom('chat_message').select('client_id').where('chat_id', '=', chat.id).where('sender', '=', 'resident').execute();
    expect(ids.filter((r) => r.client_id !== null).length).toBe(new Set(ids.map((r) => r.client_id).filter((c) => c !== null)).size);
    await expectClean(resident, 'resident: back online (360 px)');
  });

  it('4. the worker closes the contact with the usual close form; the chat ends on both sides', async () => {
    await closeWithStatistics(worker);
    await worker.waitForSelector(qa('chat-ended'));
    expect(await worker.textContent(qa('chat-ended-reason'))).toBe('Chat suljettiin.');
    expect(await worker.$(qa('chat-composer'))).toBeNull();
    const contact = await server.database.db.selectFrom('contact').select(['status', 'outcome', 'main_reason', 'contactor', 'led_to_client_relationship']).where('id', '=', chat.contactId).executeTakeFirstOrThrow();
    expect(contact).toEqual({ status: 'closed', outcome: 'advice_given', main_reason: 'income', contactor: 'self', led_to_client_relationship: false });
    expect(await server.database.db.selectFrom('chat').select(['status', 'ended_reason']).where('id', '=', chat.id).executeTakeFirstOrThrow()).toEqual({ status: 'ended', ended_reason: 'closed' });
    expect(await axeViolations(worker), 'worker: the contact page with the chat ended').toEqual([]);
  });

  it('5. the resident sees the chat ended and gives feedback inline with the keyboard', async () => {
    await resident.waitForSelector(qa('chat-ended'));
    expect(await resident.textContent(qa('chat-ended-reason'))).toBe('Työntekijä päätti keskustelun.');
    expect(await resident.locator(qa('chat-input')).count()).toBe(0);
    expect(await resident.locator(qa('chat-undelivered')).count()).toBe(0); // nothing left unsent
    await resident.waitForSelector(qa('feedback-form'));
    await expectClean(resident, 'resident: ended, the feedback form (360 px)');

    await tabToSelector(resident, '#feedback-score-1');
    for (let i = 0; i < 3; i++) await resident.keyboard.press('ArrowDown');
    expect(await resident.isChecked('#feedback-score-4')).toBe(true);
    await tabToSelector(resident, '#feedback-text');
    await resident.keyboard.type(FEEDBACK_TEXT);
    await tabToSelector(resident, qa('feedback-send'));
    await resident.keyboard.press('Enter');
    await resident.waitForSelector(qa('feedback-sent'));
    expect(await resident.textContent(qa('feedback-sent'))).toBe('Kiitos palautteestasi!');
    await resident.waitForFunction(() => document.activeElement?.getAttribute('data-qa') === 'feedback-sent');
    const fb = await server.database.db.selectFrom('feedback').select(['channel', 'score', 'text', 'lang', 'given_on']).execute();
    expect(fb).toEqual([{ channel: 'chat', score: 4, text: FEEDBACK_TEXT, lang: 'fi', given_on: expect.stringMatching(/^2026-11-25/) }]);
    await expectClean(resident, 'resident: feedback sent (360 px)');
  });

  it('6. the supervisor sees the chat and the feedback in the month\'s figures, and the words apart from it', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva?month=2026-11`);
    await page.waitForSelector(qa('chat-figures'));
    // one chat this month, and it was answered; nobody left waiting
    expect(await page.textContent(qa('chat-figures-started-period'))).toBe('1');
    expect(await page.textContent(qa('chat-figures-answered-period'))).toBe('1');
    expect(await page.textContent(qa('chat-figures-left-waiting-period'))).toBe('0');
    expect(await page.textContent(qa('chat-figures-acute-period'))).toBe('0');
    // the feedback: one, score 4
    await page.waitForSelector(qa('feedback-figures'));
    expect(await page.textContent(qa('feedback-count'))).toBe('1');
    expect(await page.textContent(qa('feedback-mean'))).toBe('4,0');
    expect(await page.textContent(qa('feedback-with-text'))).toBe('1');
    expect(await page.textContent(qa('feedback-all-period-count'))).toBe('1');
    expect(await page.textContent(qa('feedback-by-channel-chat-count'))).toBe('1');
    expect(await page.textContent(qa('feedback-by-channel-chat-mean'))).toBe('4,0');
    expect(await page.textContent(qa('feedback-score-4-count'))).toBe('1');
    expect(await page.textContent(qa('feedback-score-5-count'))).toBe('0');
    // the words in the comments list: month, channel, line, score and text only, never the chat's reference
    await waitForText(page, qa('feedback-comment-text'), FEEDBACK_TEXT);
    const comments = await page.$$eval(qa('feedback-comment'), (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(comments).toEqual([['marraskuu 2026', 'Chat', expect.any(String), '4', FEEDBACK_TEXT]]);
    expect(await page.textContent(qa('feedback-comments'))).not.toContain(chat.reference);
    expect(await axeViolations(page), 'supervisor: the month\'s page').toEqual([]);
    await page.context().close();
    await resident.context().close();
    await worker.context().close();
  });
});
