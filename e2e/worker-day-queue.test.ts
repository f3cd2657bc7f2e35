/**
 * Issue 14, the guidance worker's day in Chromium: a resident's web-form contact appears in an
 * open queue without a reload, over the event stream, and the tab's title counts it (with the
 * opted-in tone and a desktop notification without personal data); the worker finds the contact
 * by the reference of the receipt with a few keystrokes, then again by the phone number typed
 * differently; the queue is worked with the keyboard alone (j/k/Enter, c to claim); the total and
 * the paging show every open contact; filters are saved per worker; axe finds nothing on the
 * queue and the search results at 1280 and 1920 px, nor on the queue at 768 px, and no word or
 * reference breaks in the middle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';

const clock = { now: new Date('2026-11-23T10:00:00+02:00') }; // Monday morning: the lines are open
const BASE_TITLE = 'Opastin – työntekijät';
const MESSAGE = 'Vuokra on maksamatta ja rahat loppuivat.\nTarvitsen neuvoa toimeentulotuesta.';

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

type Recorded = { __notes: { title: string; body?: string; tag?: string }[]; __tones: number; __loaded: number };
/** Records desktop notifications and tones instead of showing and playing them; the permission starts unasked. */
async function recordNotices(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as Recorded;
    w.__notes = [];
    w.__tones = 0;
    class FakeNotification {
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
const recorded = (page: Page) => page.evaluate(() => { const w = window as unknown as Recorded; return { notes: w.__notes, tones: w.__tones }; });

/** Waits until the queue is kept fresh by the event stream (not by the minute's safety poll). */
const streamOpen = (page: Page) => page.waitForFunction(() => document.querySelector('[data-qa="queue-live"]')?.textContent === 'Jono päivittyy heti, kun yhteydenotot muuttuvat.');

let supervisor: Record<string, string> | null = null;
const staffContact = async (payload: Record<string, unknown> = {}) => {
  supervisor ??= (await login(server.app, 'esihenkilo')).headers;
  const res = await server.app.inject({ method: 'POST', url: '/api/contacts', headers: supervisor, payload: { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income', ...payload } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string };
};
const openCount = async () => Number((await server.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '<>', 'closed').executeTakeFirstOrThrow()).n);
const rowRefs = (page: Page) => page.$$eval('[data-qa="queue"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-qa')!.replace('queue-row-', '')));

/**
 * Words split across lines inside the table (a break between words, or after a hyphen, is fine;
 * "Kiireellisyy/s" and "E5Z-/GHU3" are not), and references that wrap at all.
 */
const brokenWords = (page: Page, table: string) => page.evaluate((sel) => {
  const out: string[] = [];
  const root = document.querySelector(sel);
  if (!root) return ['no table'];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent ?? '';
    for (const m of text.matchAll(/[^\s-]+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) out.push(m[0]);
    }
  }
  for (const a of root.querySelectorAll('a.reference')) {
    const tops = new Set([...a.getClientRects()].map((r) => Math.round(r.top)));
    if (tops.size > 1) out.push(a.textContent ?? '');
  }
  return out;
}, table);

describe('the guidance worker\'s day in Chromium', () => {
  let form: { id: string; reference: string };

  it('(a) sees a resident\'s web-form contact arrive in the open queue without a reload; the title counts it, the opted-in tone and notification go off', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await recordNotices(page);
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(`${qa('queue')}, ${qa('queue-empty')}`);
    await streamOpen(page);
    expect(await page.title()).toBe(BASE_TITLE);

    // opt in, with the keyboard: the tone, and desktop notifications (the browser asks on this press)
    await tabToSelector(page, qa('notify-sound'), 80);
    await page.keyboard.press('Space');
    await tabToSelector(page, qa('notify-desktop'));
    await page.keyboard.press('Space');
    await page.waitForFunction(() => (document.querySelector('[data-qa="notify-desktop"]') as HTMLInputElement | null)?.checked === true);
    const saved = await server.app.inject({ url: '/api/me/preferences', headers: (await login(server.app, 'ohjaaja')).headers });
    expect(saved.json()).toMatchObject({ notifySound: true, notifyDesktop: true });
    await page.evaluate(() => { (window as unknown as Recorded).__loaded = 1; }); // gone if the page reloads
    const before = await recorded(page);

    // the resident, elsewhere: the guided form's request, identified, with a phone number
    const res = await fetch(`${server.url}/api/public/contact-requests`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'fi', anonymous: false, contactor: 'self', topic: 'money', text: MESSAGE, name: 'Maija Meikäläinen', phone: '+358401234567', consent: true, dangerNow: false }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = await res.json() as { reference: string };
    const row = qa(`queue-row-${receipt.reference}`);
    await page.waitForSelector(row, { timeout: 8_000 }); // pushed: the safety poll runs only while the stream is down, once a minute
    expect(await page.evaluate(() => (window as unknown as Recorded).__loaded)).toBe(1);
    form = { reference: receipt.reference, id: (await server.database.db.selectFrom('contact').select('id').where('reference', '=', receipt.reference).executeTakeFirstOrThrow()).id };

    await page.waitForFunction((t) => document.title === t, `(1) Jono – ${BASE_TITLE}`);
    expect(await page.textContent(qa('new-work-announcement'))).toBe('1 uusi yhteydenotto');
    expect(await page.textContent(`${row} ${qa('queue-new')}`)).toBe('Uusi');
    expect(await page.textContent(`${row} ${qa('queue-preview')}`)).toBe('Vuokra on maksamatta ja rahat loppuivat.');
    expect(await page.textContent(`${row} ${qa('queue-age')}`)).toBe('0 min');
    expect(await page.textContent(`${row} td:nth-child(4)`)).toBe('Sähköinen yhteydenottolomake');
    const after = await recorded(page);
    expect(after.tones).toBeGreaterThan(before.tones);
    expect(after.notes).toHaveLength(1);
    expect(after.notes[0]!.title).toBe('Opastin');
    expect(after.notes[0]!.body).toMatch(/^Uusi yhteydenotto jonossa( \(sähköinen yhteydenottolomake\))?$/); // never the name, number or words
    expect(after.notes[0]!.tag).toBe(`opastin-new-${form.id}`);

    // the worker looks at the queue (a key in it): the count goes
    await page.focus(qa('queue-list'));
    await page.keyboard.press('j');
    await page.waitForFunction((t) => document.title === t, BASE_TITLE);
    expect(await page.$(`${row} ${qa('queue-new')}`)).toBeNull();
    await page.close();
  });

  it('(b) finds the contact by the reference of the receipt with a few keystrokes, then again by the phone number typed differently', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(`${qa('queue')}, ${qa('queue-empty')}`);

    await page.keyboard.press('Control+k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('staff-search');
    await page.keyboard.type(form.reference.toLowerCase());
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('contact-view'));
    expect(await page.textContent(qa('contact-reference'))).toBe(form.reference);
    expect(new URL(page.url()).pathname).toBe(`/tyo/yhteydenotot/${form.id}`);

    await page.keyboard.press('Control+k');
    await page.keyboard.type('040-123 4567');
    await page.keyboard.press('Enter');
    const row = qa(`search-row-${form.reference}`);
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} ${qa('search-match')}`)).toBe('Puhelinnumero');
    expect(await page.textContent(`${row} ${qa('search-person')}`)).toBe('Maija Meikäläinen');
    expect(await page.textContent(`${row} ${qa('search-status')}`)).toBe('Uusi');
    expect(await page.textContent(`${row} ${qa('search-preview')}`)).toBe('Vuokra on maksamatta ja rahat loppuivat.');
    expect(page.url()).toBe(`${server.url}/tyo/haku`); // what was searched for stays out of the address and the history list
    const logged = await server.database.db.selectFrom('access_log').select('action').where('subject_id', '=', form.id).execute();
    expect(logged.map((l) => l.action)).toContain('search');

    await tabToSelector(page, `${row} ${qa('search-open')}`);
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('contact-view'));
    expect(await page.textContent(qa('contact-reference'))).toBe(form.reference);

    // a search the server refuses: its reason beside the box, the box marked
    await page.keyboard.press('Control+k');
    await page.keyboard.type('ab');
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('search-error'));
    expect(await page.textContent(qa('search-error'))).toBe('Kirjoita vähintään 3 merkin sana tai koko viite, puhelinnumero tai henkilötunnus.');
    expect(await page.getAttribute(qa('search-input'), 'aria-invalid')).toBe('true');
    await page.close();
  });

  it('(c) works the queue with the keyboard alone: j/k move, Enter opens the right contact, c claims', async () => {
    for (let i = 0; i < 3; i++) await staffContact();
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('queue'));
    expect(await page.textContent(qa('queue-keys-help'))).toContain('↓ tai j seuraava, ↑ tai k edellinen, Enter avaa, c ottaa käsittelyyn');
    await tabToSelector(page, qa('queue-list'), 80);
    const refs = await rowRefs(page);
    await page.keyboard.press('j'); // the first row
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k'); // the second row
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(refs[1]);
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!.closest('td')!).backgroundColor)).toBe('rgb(234, 242, 250)'); // visible focus on the row
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('contact-view'));
    expect(await page.textContent(qa('contact-reference'))).toBe(refs[1]);

    await page.goBack();
    await page.waitForSelector(qa('queue'));
    await tabToSelector(page, qa('queue-list'), 80);
    const unclaimed = (await page.$$eval('[data-qa="queue"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-qa')!.replace('queue-row-', ''), tr.querySelector('td:last-child')!.textContent])))
      .findIndex(([, handler]) => handler === '–');
    for (let i = 0; i <= unclaimed; i++) await page.keyboard.press('j');
    const target = (await rowRefs(page))[unclaimed]!;
    await page.keyboard.press('c');
    await page.waitForFunction((t) => document.querySelector('[data-qa="queue-claim-status"]')?.textContent === t, `Otit käsittelyyn: ${target}`);
    const olli = await server.database.db.selectFrom('app_user').select('id').where('username', '=', 'ohjaaja').executeTakeFirstOrThrow();
    const claimed = await server.database.db.selectFrom('contact').select(['assigned_user_id', 'status']).where('reference', '=', target).executeTakeFirstOrThrow();
    expect(claimed).toEqual({ assigned_user_id: olli.id, status: 'in_progress' });
    await page.waitForFunction((ref) => document.querySelector(`[data-qa="queue-row-${ref}"] [data-qa="queue-status"]`)?.textContent === 'Käsittelyssä', target);
    // the keys are the list's only: typed into a field they stay text
    await page.keyboard.press('Control+k');
    await page.keyboard.type('jkc');
    expect(await page.inputValue(qa('search-input'))).toBe('jkc');
    expect(await page.textContent(qa('queue-claim-status'))).toBe(`Otit käsittelyyn: ${target}`);
    await page.close();
  });

  it('(d) shows the total of open contacts and pages through more than 50', async () => {
    while (await openCount() < 63) await staffContact();
    const open = await openCount();
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('queue'));
    expect(await page.textContent(qa('queue-total'))).toBe(`${open} avointa, näytetään 1–50`);
    const first = await rowRefs(page);
    expect(first).toHaveLength(50);
    await page.click(qa('queue-pager-next'));
    await page.waitForFunction((t) => document.querySelector('[data-qa="queue-total"]')?.textContent === t, `${open} avointa, näytetään 51–${open}`);
    const second = await rowRefs(page);
    expect(second).toHaveLength(open - 50);
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    const all = await server.database.db.selectFrom('contact').select('reference').where('status', '<>', 'closed').execute();
    expect([...first, ...second].sort()).toEqual(all.map((c) => c.reference).sort()); // none hidden
    await page.click(qa('queue-pager-previous'));
    await page.waitForFunction((t) => document.querySelector('[data-qa="queue-total"]')?.textContent === t, `${open} avointa, näytetään 1–50`);
    await page.close();
  }, 120_000);

  it('(f) keeps the worker\'s filters: applied when the queue opens again, and saved by name', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('queue'));
    await page.selectOption(qa('filter-channel'), 'web_form');
    await page.waitForFunction((ref) => document.querySelectorAll('[data-qa="queue"] tbody tr').length === 1 && !!document.querySelector(`[data-qa="queue-row-${ref}"]`), form.reference);
    await page.reload();
    await page.waitForSelector(qa(`queue-row-${form.reference}`));
    expect(await page.inputValue(qa('filter-channel'))).toBe('web_form');
    expect(await rowRefs(page)).toEqual([form.reference]);

    await page.click(`${qa('saved-filters')} > summary`);
    await page.fill(qa('saved-filter-name'), 'Verkkolomakkeet');
    await page.click(qa('saved-filter-save'));
    await page.waitForSelector(qa('saved-filter'));
    await page.selectOption(qa('filter-channel'), '');
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="queue"] tbody tr').length === 50);
    await page.click(qa('saved-filter-apply'));
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="queue"] tbody tr').length === 1);
    expect(await page.inputValue(qa('filter-channel'))).toBe('web_form');
    const prefs = (await server.app.inject({ url: '/api/me/preferences', headers: (await login(server.app, 'ohjaaja')).headers })).json();
    expect(prefs).toMatchObject({ queueFilters: { channel: 'web_form' }, savedFilters: [{ name: 'Verkkolomakkeet', filters: { channel: 'web_form' } }] });
    await page.click(qa('saved-filter-remove'));
    await page.waitForSelector(qa('saved-filter'), { state: 'detached' });
    await page.selectOption(qa('filter-channel'), ''); // as it was, for the next test
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="queue"] tbody tr').length === 50);
    await page.close();
  });

  for (const width of [1280, 1920]) {
    it(`(e) axe finds nothing on the queue and the search results at ${width} px, and no word breaks in the middle`, async () => {
      const page = await signedInPage(browser, server, 'ohjaaja', { width });
      await page.goto(`${server.url}/tyo/`);
      await page.waitForSelector(qa('queue'));
      expect(await axeViolations(page)).toEqual([]);
      expect(await brokenWords(page, '[data-qa="queue"]')).toEqual([]);

      await page.keyboard.press('Control+k');
      await page.keyboard.type('vuokra');
      await page.keyboard.press('Enter');
      await page.waitForSelector(qa(`search-row-${form.reference}`));
      expect(await page.textContent(`${qa(`search-row-${form.reference}`)} ${qa('search-match')}`)).toBe('Teksti');
      expect(await axeViolations(page)).toEqual([]);
      expect(await brokenWords(page, '[data-qa="search-results"]')).toEqual([]);
      await page.close();
    });
  }

  it('(e) the queue works at 768 px: a named, focusable region that scrolls sideways; axe finds nothing', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja', { width: 768 });
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('queue'));
    expect(await axeViolations(page)).toEqual([]);
    const region = await page.$eval(qa('queue-list'), (el) => ({ role: el.getAttribute('role'), label: el.getAttribute('aria-label'), tabIndex: (el as HTMLElement).tabIndex, page: document.documentElement.scrollWidth <= window.innerWidth }));
    expect(region).toEqual({ role: 'region', label: 'Jonon yhteydenotot', tabIndex: 0, page: true }); // the page itself does not scroll sideways
    expect(await brokenWords(page, '[data-qa="queue"]')).toEqual([]); // narrow: the region scrolls, the words stay whole
    await tabToSelector(page, qa('queue-list'), 80);
    const scrolled = await page.$eval(qa('queue-list'), (el) => el.scrollWidth > el.clientWidth);
    if (scrolled) {
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('[data-qa="queue-list"]')!.scrollLeft > 0);
    }
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('contact-view'));
    await page.close();
  });
});
