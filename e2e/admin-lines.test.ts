/**
 * Issue 18's first "done when" in Chromium, in Finnish: on a Thursday at 13:30 (the server's clock)
 * the county's administrator closes the working-age line for a training afternoon: in the month
 * calendar they choose the day, keep only 09:00–11:00 of its usual 9–11 and 13–15, write a note
 * and save with the keyboard; the line's page, the lines' table and the residents' front page at
 * once show the line closed and opening the next working day at 09:00, and the line's history has
 * the change. The calendar names December's public holiday and eve. A new line's code already in
 * use is said at the code field; the new line then saved is listed. axe clean on each page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';

const THURSDAY_1330 = new Date('2026-11-26T13:30:00+02:00');
let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => THURSDAY_1330), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
/** A calendar day's name, as its text says it (the number is drawn by CSS). */
const label = (page: Page, selector: string) => page.textContent(selector);

/** An administrator's page whose browser clock is the server's (the calendar's "today"). */
async function adminPage(): Promise<Page> {
  const page = await signedInPage(browser, server, 'admin');
  await page.clock.setFixedTime(THURSDAY_1330);
  return page;
}

describe('issue 18: lines and hours in Chromium', () => {
  it('closes the working-age line for a training afternoon and the public site shows it closed with the next opening', async () => {
    // before: the resident sees the line open
    const resident = await newPage(browser);
    await resident.goto(`${server.url}/`);
    await resident.waitForSelector(`${qa('line-working_age')} ${qa('open-status')}`);
    expect(await text(resident, `${qa('line-working_age')} ${qa('open-status')}`)).toBe('Avoinna nyt');

    const page = await adminPage();
    await page.goto(`${server.url}/tyo/hallinta/linjat`);
    await page.waitForSelector(qa('line-row-working_age'));
    expect(await text(page, `${qa('line-row-working_age')} ${qa('line-state')}`)).toBe('Auki nyt');
    expect(await text(page, `${qa('line-row-working_age')} ${qa('line-number')}`)).toBe('06 0000 0100');
    expect(await text(page, `${qa('line-row-working_age')} ${qa('line-menu')}`)).toBe('1');
    expect(await axeViolations(page), 'lines page').toEqual([]);

    await page.click(`${qa('line-row-working_age')} ${qa('line-open')}`);
    await page.waitForSelector(qa('calendar-day-2026-11-26'));
    expect(await text(page, '#line-title')).toBe('Työikäisten sosiaalipalvelut ja toimeentulotuki');
    expect(await text(page, qa('calendar-month'))).toBe('marraskuu 2026');
    const day = qa('calendar-day-2026-11-26');
    expect(await label(page, day)).toBe('torstaina 26.11.2026, tänään, auki 09:00–11:00, 13:00–15:00');
    expect(await page.getAttribute(day, 'aria-current')).toBe('date');
    expect(await label(page, qa('calendar-day-2026-11-28'))).toBe('lauantaina 28.11.2026, suljettu');
    expect(await axeViolations(page), 'line page').toEqual([]);

    // the day's form, prefilled with its usual hours
    await page.click(day);
    await page.waitForSelector(qa('day-form'));
    expect(await text(page, '#day-form-title')).toBe('Poikkeus: torstaina 26.11.2026');
    expect(await text(page, qa('day-normal'))).toBe('Tavallinen aukioloaika: 09:00–11:00, 13:00–15:00');
    const intervals = () => page.$$eval(`${qa('day-interval')} input`, (inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(await intervals()).toEqual(['09:00', '11:00', '13:00', '15:00']);
    expect(await page.isChecked('#day-closed')).toBe(false);
    await page.click('button[aria-label="Poista aukioloaika 13:00–15:00"]');
    expect(await intervals()).toEqual(['09:00', '11:00']);
    await page.fill('#day-note', 'Koulutusiltapäivä');
    expect(await axeViolations(page), 'day form').toEqual([]);
    // saved with the keyboard
    await tabToSelector(page, qa('day-save'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('day-saved'));
    expect(await text(page, qa('day-saved'))).toBe('Poikkeus tallennettu: torstaina 26.11.2026.');

    // the line now: closed, opening on Friday at 09:00; the calendar and the list of exceptions say so
    await page.waitForFunction(() => document.querySelector('[data-qa="line-summary"] [data-qa="line-state"]')?.textContent?.startsWith('Suljettu'));
    expect(await text(page, `${qa('line-summary')} ${qa('line-state')}`)).toBe('Suljettu nyt · Avautuu perjantaina 27.11. klo 09:00');
    expect(await label(page, day)).toBe('torstaina 26.11.2026, tänään, poikkeus: auki 09:00–11:00');
    expect(await page.getAttribute(day, 'data-exception')).toBe('true');
    expect(await text(page, qa('exception-2026-11-26'))).toBe('torstaina 26.11.2026: 09:00–11:00 – Koulutusiltapäivä');
    const row = await page.waitForSelector(`${qa('line-history-table')} ${qa('history-row')}`);
    expect(await row.getAttribute('data-object')).toBe('line:working_age');
    expect((await row.textContent()) ?? '').toContain('Koulutusiltapäivä');
    expect(await row.$eval(qa('history-actor'), (el) => el.textContent)).toBe('Aaro Ylläpitäjä');
    expect(await row.$eval(qa('history-action'), (el) => el.textContent)).toBe('Lisätty');
    expect(await axeViolations(page), 'line page after saving').toEqual([]);

    // the residents' front page at once
    await resident.reload();
    await resident.waitForSelector(`${qa('line-working_age')} ${qa('open-status')}`);
    expect(await text(resident, `${qa('line-working_age')} ${qa('open-status')}`)).toBe('Suljettu nyt · Avautuu perjantaina 27.11. klo 09:00');
    await resident.context().close();

    // and the lines' table
    await page.click(qa('line-back'));
    await page.waitForSelector(qa('line-row-working_age'));
    expect(await text(page, `${qa('line-row-working_age')} ${qa('line-state')}`)).toBe('Suljettu nyt · Avautuu perjantaina 27.11. klo 09:00');
    await page.context().close();
  });

  it('names December\'s public holiday and eve in the calendar', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/tyo/hallinta/linjat/working_age`);
    await page.waitForSelector(qa('calendar-day-2026-11-30'));
    await page.click(qa('calendar-next'));
    await page.waitForSelector(`${qa('calendar-day-2026-12-06')}[data-holiday="independence_day"]`);
    expect(await text(page, qa('calendar-month'))).toBe('joulukuu 2026');
    expect(await text(page, '.calendar-table caption')).toBe('Poikkeuspäivien kalenteri: joulukuu 2026');
    expect(await label(page, qa('calendar-day-2026-12-06'))).toBe('sunnuntaina 6.12.2026, Itsenäisyyspäivä, suljettu');
    expect(await text(page, `${qa('calendar-day-2026-12-06')} ${qa('calendar-holiday')}`)).toBe('Itsenäisyyspäivä');
    expect(await label(page, qa('calendar-day-2026-12-24'))).toBe('torstaina 24.12.2026, Jouluaatto, suljettu');
    expect(await text(page, `${qa('calendar-day-2026-12-24')} ${qa('calendar-holiday')}`)).toBe('Jouluaatto');
    expect(await label(page, qa('calendar-day-2026-12-23'))).toBe('keskiviikkona 23.12.2026, auki 09:00–11:00, 13:00–15:00');
    const headers = await page.$$eval('.calendar-table thead th', (ths) => ths.map((th) => `${th.textContent}/${th.getAttribute('scope')}`));
    expect(headers).toEqual(['ma/col', 'ti/col', 'ke/col', 'to/col', 'pe/col', 'la/col', 'su/col']);
    // a holiday's form starts closed all day, its usual weekday hours said
    await page.click(qa('calendar-day-2026-12-24'));
    await page.waitForSelector(qa('day-form'));
    expect(await page.isChecked('#day-closed')).toBe(true);
    expect(await text(page, qa('day-holiday'))).toBe('Jouluaatto: linja on suljettu, ellei päivälle tehdä poikkeusta.');
    await page.mouse.move(0, 0);
    expect(await axeViolations(page), 'December').toEqual([]);
    await page.context().close();
  });

  it('says a line code already in use at the code field, and lists the new line once saved', async () => {
    const page = await adminPage();
    await page.goto(`${server.url}/tyo/hallinta/linjat`);
    await page.click(qa('line-add'));
    await page.waitForSelector(qa('new-line-form'));
    await page.fill('#new-line-code', 'working_age');
    await page.fill('#new-line-phone', '06 0000 0999');
    await page.fill('#new-line-name-fi', 'Koulutuslinja');
    await page.fill('#new-line-name-sv', 'Utbildningslinje');
    await page.fill('#new-line-name-en', 'Training line');
    await page.click(qa('new-line-submit'));
    await page.waitForSelector(qa('new-line-code-error'));
    expect(await text(page, qa('new-line-code-error'))).toBe('Tämä tunnus on jo käytössä. Valitse toinen.');
    expect(await page.getAttribute('#new-line-code', 'aria-invalid')).toBe('true');
    expect(await text(page, qa('new-line-errors-link'))).toBe('Tunnus: Tämä tunnus on jo käytössä. Valitse toinen.');
    expect(await axeViolations(page), 'new line with an error').toEqual([]);
    await page.fill('#new-line-code', 'koulutus');
    await page.click(qa('new-line-submit'));
    await page.waitForSelector(qa('lines-status'));
    expect(await text(page, qa('lines-status'))).toBe('Linja Koulutuslinja lisätty.');
    expect(await text(page, `${qa('line-row-koulutus')} ${qa('line-number')}`)).toBe('06 0000 0999');
    expect(await text(page, `${qa('line-row-koulutus')} ${qa('line-state')}`)).toBe('Suljettu nyt · Ei tulevia aukioloaikoja');
    await page.context().close();
  });
});
