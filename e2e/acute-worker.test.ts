/**
 * Issue 11, the worker sees it first, in Chromium: with the queue open in one browser, an acute
 * contact created elsewhere appears at the top, marked in red with its reasons and words, within
 * seconds; the tab's title counts it; a desktop notification (permission asked on a button press)
 * and the tone go off; the contact view opens on a red banner with the resident's own words; a
 * worker marks another contact acute with the keyboard alone, and the handler removes a mark with
 * the reason; the supervisor sees the unclaimed ones and how long they have waited. axe finds nothing on the queue, contact and supervisor pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { createContact } from '../src/server/features/contacts/public.js';

const clock = { now: new Date('2026-11-23T10:00:00+02:00') }; // Monday morning
const BASE_TITLE = 'Opastin – työntekijät';

let server: E2eServer;
let browser: Browser;
let countyId: string;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
  countyId = (await server.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const staffContact = async (payload: Record<string, unknown>) => {
  const s = await login(server.app, 'esihenkilo');
  const res = await server.app.inject({ method: 'POST', url: '/api/contacts', headers: s.headers, payload: { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string };
};

/** Records desktop notifications and tones instead of showing and playing them; the permission starts unasked. */
async function recordAlerts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __notes: { title: string; body?: string; tag?: string }[]; __tones: number };
    w.__notes = [];
    w.__tones = 0;
    class FakeNotification {
      // as a browser does, the permission lasts over reloads
      static get permission(): NotificationPermission { return window.localStorage.getItem('e2e.notification-permission') === 'granted' ? 'granted' : 'default'; }
      static requestPermission = async () => { window.localStorage.setItem('e2e.notification-permission', 'granted'); return 'granted' as const; };
      onclick: (() => void) | null = null;
      constructor(title: string, opts: { body?: string; tag?: string } = {}) { w.__notes.push({ title, body: opts.body, tag: opts.tag }); }
      close() { /* nothing shown */ }
    }
    (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    const create = AudioContext.prototype.createOscillator;
    AudioContext.prototype.createOscillator = function (this: AudioContext) { w.__tones++; return create.call(this); };
  });
}

const firstRowQa = (page: Page) => page.evaluate(() => document.querySelector('[data-qa="queue"] tbody tr')?.getAttribute('data-qa'));

describe('the guidance worker sees an acute contact first', () => {
  let acute: { id: string; reference: string };

  it('shows a new acute contact at the top of an open queue within seconds, marked, and counts it in the tab title', async () => {
    await staffContact({ urgency: 'urgent' });
    await staffContact({ receivedAt: '2026-11-18T10:00:00+02:00' }); // overdue
    const page = await signedInPage(browser, server, 'ohjaaja');
    await recordAlerts(page);
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('queue'));
    expect(await page.title()).toBe(BASE_TITLE);

    // opt in with the keyboard: the sound, and desktop notifications asked on a button press
    await tabToSelector(page, `${qa('acute-settings')} > summary`);
    await page.keyboard.press('Enter');
    await tabToSelector(page, qa('acute-sound'));
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.localStorage.getItem('opastin.acute.sound'))).toBe('true');
    await tabToSelector(page, qa('acute-notify'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('acute-notify-on'));
    const tonesBefore = await page.evaluate(() => (window as unknown as { __tones: number }).__tones);

    // the resident's form, in another browser as it were: danger now, and the detector's words
    const created = await createContact(server.database.db, { system: 'public_form', countyId }, {
      // as the front door stores it (issue 14): the resident's words as sent, and the note they prefill
      channel: 'web_form', anonymous: true, language: 'fi', note: 'Se hakkaa mua taas, oon lukinnu itteni vessaan.', residentMessage: 'Se hakkaa mua taas, oon lukinnu itteni vessaan.', receivedAt: new Date('2026-11-23T09:57:00+02:00'),
      acute: { reasons: ['danger_now', 'violence_now'], triggerWords: ['hakkaa', 'lukinnu itteni'] },
    }, clock.now);
    acute = created;
    const started = Date.now();
    await page.waitForSelector(qa(`queue-row-${created.reference}`), { timeout: 8_000 });
    console.warn(`acute contact in the open queue after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(await firstRowQa(page)).toBe(`queue-row-${created.reference}`);
    const row = qa(`queue-row-${created.reference}`);
    expect(await page.getAttribute(row, 'class')).toBe('acute');
    expect(await page.textContent(`${row} ${qa('queue-acute')}`)).toBe('⚠ AKUUTTI asukas vastasi, että joku on vaarassa nyt; väkivalta tai uhka nyt · Sanat: ”hakkaa”, ”lukinnu itteni”');
    await page.waitForFunction((t) => document.title === t, `(1) AKUUTTI – ${BASE_TITLE}`, { timeout: 8_000 });
    expect(await page.textContent(qa('acute-alert-count'))).toBe('Akuutteja odottaa: 1');
    const notes = await page.evaluate(() => (window as unknown as { __notes: { title: string; body?: string; tag?: string }[] }).__notes);
    expect(notes).toEqual([{ title: `AKUUTTI ${created.reference}`, body: 'asukas vastasi, että joku on vaarassa nyt; väkivalta tai uhka nyt', tag: `opastin-acute-${created.id}` }]);
    expect(await page.evaluate(() => (window as unknown as { __tones: number }).__tones)).toBeGreaterThan(tonesBefore);
    expect(await axeViolations(page)).toEqual([]);

    // a reload neither loses the count nor notifies again of the same contact
    await page.reload();
    await page.waitForSelector(qa('acute-notify-on'), { state: 'attached' });
    await page.waitForFunction((t) => document.title === t, `(1) AKUUTTI – ${BASE_TITLE}`);
    await page.waitForTimeout(3500); // one more poll
    expect(await page.evaluate(() => (window as unknown as { __notes: unknown[] }).__notes)).toEqual([]);
  });

  it('opens the oldest from the alert with the keyboard, on a red banner with the resident\'s own words, and claiming it clears the alert', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('acute-alert-oldest'));
    await tabToSelector(page, qa('acute-alert-oldest'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('acute-banner'));
    expect(await page.textContent(qa('contact-reference'))).toBe(acute.reference);
    expect(await page.textContent(qa('acute-banner-reasons'))).toBe('asukas vastasi, että joku on vaarassa nyt; väkivalta tai uhka nyt');
    expect(await page.textContent(qa('acute-banner-words'))).toBe('”hakkaa”, ”lukinnu itteni”');
    expect(await page.textContent(qa('acute-banner-note'))).toBe('Se hakkaa mua taas, oon lukinnu itteni vessaan.');
    expect(await axeViolations(page)).toEqual([]);

    await tabToSelector(page, qa('claim'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');
    await page.waitForFunction((t) => document.title === t, BASE_TITLE, { timeout: 8_000 });
    expect(await page.textContent(qa('acute-alert'))).toBe('');
  });

  it('lets a worker mark an ordinary contact acute with the keyboard alone; it goes to the top for everyone', async () => {
    const plain = await staffContact({ note: 'Soittaja huolissaan naapurin lapsesta.' });
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${plain.id}`);
    await page.waitForSelector(qa('contact-view'));
    expect(await page.$(qa('acute-banner'))).toBeNull();
    await tabToSelector(page, `${qa('acute-mark-details')} > summary`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Lapsi yksin parvekkeella pakkasessa.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('acute-banner'));
    expect(await page.textContent(qa('acute-banner-reasons'))).toBe('työntekijä merkitsi akuutiksi');
    await page.waitForSelector(`${qa('timeline')} ${qa('event-acute_marked')}`);
    expect(await page.textContent(qa('event-acute_marked'))).toContain('Merkitty akuutiksi (Olli Ohjaaja): Lapsi yksin parvekkeella pakkasessa.');

    const other = await signedInPage(browser, server, 'esihenkilo');
    await other.goto(`${server.url}/tyo/?lang=sv`);
    await other.waitForSelector(qa(`queue-row-${plain.reference}`));
    // the claimed acute one first, then this one: acute above everything, in their own order
    expect(await other.evaluate(() => [...document.querySelectorAll('[data-qa="queue"] tbody tr')].slice(0, 2).map((r) => r.getAttribute('data-qa'))))
      .toEqual([`queue-row-${acute.reference}`, `queue-row-${plain.reference}`]);
    expect(await other.textContent(`${qa(`queue-row-${plain.reference}`)} ${qa('queue-acute')}`)).toBe('⚠ AKUT en anställd markerade den som akut');
    await other.waitForFunction(() => document.title.startsWith('(1) AKUT – '));
  });

  it('shows the supervisor the unclaimed acute contacts and how long each has waited', async () => {
    clock.now = new Date('2026-11-23T10:12:00+02:00');
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva`);
    await page.waitForSelector(qa('acute-unclaimed'));
    const rows = await page.$$eval(`${qa('acute-unclaimed')} tbody tr`, (trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(rows).toEqual([[expect.any(String), '⚠ AKUUTTI työntekijä merkitsi akuutiksi', 'Ei linjaa', '12 min']]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('lets the handler remove the mark with the reason, with the keyboard; the timeline keeps who and why', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${acute.id}`);
    await page.waitForSelector(qa('acute-banner'));
    await tabToSelector(page, qa('acute-unmark-open'));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Soitettu: turvassa siskon luona, poliisi käynyt.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('acute-banner'), { state: 'detached' });
    expect(await page.textContent(qa('event-acute_unmarked'))).toContain('Akuutti-merkintä poistettu (Olli Ohjaaja): Soitettu: turvassa siskon luona, poliisi käynyt.');
    expect(await axeViolations(page)).toEqual([]);
  });
});
