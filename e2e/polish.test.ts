/**
 * The polish of issue 14 in Chromium: error summaries that name their fields and lead to them,
 * a red border on an invalid input, the resident's 760 px column, the ED form's consent asked and
 * never pre-selected, dates and the supervisor's month picker in the page's language (not the
 * browser's, which is Finnish here), and staff tables that never split a word at 1280 and 1920 px.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, type E2eServer } from './support.js';
import { FRIDAY_EVENING, seedPolishData, type PolishData } from './polish-fixtures.js';

let server: E2eServer;
let browser: Browser;
let data: PolishData;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => FRIDAY_EVENING), launchBrowser()]);
  data = await seedPolishData(server.app, server.database);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const RED = 'rgb(195, 41, 46)';
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);
const summaryTexts = (page: Page, summary = 'error-summary') => page.$$eval(`${qa(summary)} a`, (as) => as.map((a) => a.textContent));

describe('error summaries name the field and lead to it', () => {
  it('the callback form: "Puhelinnumero: Pakollinen tieto", a click and Enter focus the field, the field has a red border', async () => {
    const page = await newPage(browser, { width: 1440 });
    await page.goto(`${server.url}/soittopyynto`);
    await page.waitForSelector(qa('callback-form'));
    expect(await page.$eval('#phone', (el) => getComputedStyle(el).borderTopColor)).not.toBe(RED);
    await page.click(qa('send'));
    await page.waitForSelector(qa('error-summary'));
    expect(await summaryTexts(page)).toEqual([
      'Onko joku vaarassa: Valitse jokin vaihtoehdoista.',
      'Asia, jossa tarvitset apua: Valitse jokin vaihtoehdoista.',
      'Puhelinnumero: Pakollinen tieto',
    ]);
    // the link leads to the field: a click, and Enter on the link for a keyboard user
    await page.click(`${qa('error-summary')} a[href="#phone"]`);
    expect(await focusedId(page)).toBe('phone');
    await page.focus(`${qa('error-summary')} a[href="#danger-yes"]`);
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('danger-yes');
    // an invalid text input: aria-invalid and a visible red border, 2 px
    expect(await page.getAttribute('#phone', 'aria-invalid')).toBe('true');
    const border = await page.$eval('#phone', (el) => ({ color: getComputedStyle(el).borderTopColor, width: getComputedStyle(el).borderTopWidth }));
    expect(border).toEqual({ color: RED, width: '2px' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the professional\'s notification names its fields in Swedish', async () => {
    const page = await newPage(browser, { width: 1440 });
    await page.goto(`${server.url}/ammattilaiselle?lang=sv`);
    await page.waitForSelector(qa('professional-form'));
    await page.check(qa('kind-social_welfare'));
    await page.fill('#email', 'inte-en-adress');
    await page.click(qa('send'));
    await page.waitForSelector(qa('error-summary'));
    const texts = await summaryTexts(page);
    expect(texts).toContain('Ditt namn: Obligatorisk uppgift');
    expect(texts).toContain('E-post: Uppgiften har fel format.');
    // a label that is a question keeps its own question mark
    expect(texts.find((x) => x?.startsWith('Vad är du orolig för?'))).toBe('Vad är du orolig för? Obligatorisk uppgift');
    await page.click(`${qa('error-summary')} a[href="#email"]`);
    expect(await focusedId(page)).toBe('email');
    expect(await page.$eval('#email', (el) => getComputedStyle(el).borderTopColor)).toBe(RED);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('the contact form: a step\'s summary names the field', async () => {
    const page = await newPage(browser, { width: 1440 });
    await page.goto(`${server.url}/yhteydenotto?lang=en`);
    await page.waitForSelector(qa('step-safety'));
    await page.click(qa('next'));
    await page.waitForSelector(qa('error-summary'));
    expect(await summaryTexts(page)).toEqual(['Is anyone in danger: Choose one of the options.']);
    await page.click(`${qa('error-summary')} a`);
    expect(await focusedId(page)).toBe('danger-yes');
  });
});

describe('the emergency department\'s form', () => {
  it('asks for the patient\'s consent and never pre-selects it; its summary names the fields', async () => {
    const page = await signedInPage(browser, server, 'paivystys', { width: 1280 });
    await page.goto(`${server.url}/tyo/paivystys`);
    await page.waitForSelector(qa('ed-form'));
    const checked = await page.$$eval('input[name="ed-consent"]', (els) => els.map((el) => (el as HTMLInputElement).checked));
    expect(checked).toEqual([false, false, false]);
    await page.fill('#ed-department', '');
    await page.click(qa('ed-submit'));
    await page.waitForSelector(qa('ed-error-summary'));
    expect(await summaryTexts(page, 'ed-error-summary')).toEqual([
      'Nimi: Pakollinen tieto',
      'Havaitut sosiaaliset tarpeet: Pakollinen tieto',
      'Potilaan suostumus: Valitse jokin vaihtoehdoista.',
      'Päivystys: Pakollinen tieto',
      'Puhelinnumero, josta sinut tavoittaa: Pakollinen tieto',
    ]);
    await page.click(`${qa('ed-error-summary')} a[href="#ed-consent-given"]`);
    expect(await focusedId(page)).toBe('ed-consent-given');
    expect(await page.$eval('#ed-name', (el) => getComputedStyle(el).borderTopColor)).toBe(RED);
    // nothing was sent
    expect(await page.$$(qa('ed-receipt'))).toHaveLength(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('resident pages keep to a 760 px column', () => {
  for (const path of ['/', '/yhteydenotto', '/soittopyynto', '/ammattilaiselle', '/saavutettavuus']) {
    it(`${path} at 1440 px`, async () => {
      const page = await newPage(browser, { width: 1440 });
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector('main h1');
      const width = await page.$eval('main', (el) => {
        const style = getComputedStyle(el);
        return el.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      });
      expect(width).toBeLessThanOrEqual(760);
      expect(width).toBeGreaterThan(700);
    });
  }
});

describe('dates in the page\'s language', () => {
  it('a Finnish sentence ending in a date has one final dot; the accessibility statement\'s date has its year', async () => {
    const page = await newPage(browser, { width: 1280 });
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-qa="service-promise"]')?.textContent ?? ''));
    // Friday evening: the promise is Monday 30.11.
    expect(await page.textContent(qa('service-promise'))).toBe('Jos otat yhteyttä nyt, otamme sinuun yhteyttä viimeistään maanantaina 30.11.');
    await page.goto(`${server.url}/saavutettavuus`);
    await page.waitForSelector(qa('accessibility-feedback'));
    expect(await page.textContent('main')).toContain('Seloste on laadittu 22.11.2026.');
    await page.goto(`${server.url}/saavutettavuus?lang=en`);
    await page.waitForSelector(qa('accessibility-feedback'));
    expect(await page.textContent('main')).toContain('22 November 2026');
    await page.goto(`${server.url}/?lang=sv`);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-qa="service-promise"]')?.textContent ?? ''));
    expect(await page.textContent(qa('service-promise'))).toMatch(/måndag 30\.11\.$/);
  });

  it('the supervisor\'s month picker speaks Swedish on a Swedish page in a Finnish browser', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo', { width: 1280 });
    await page.goto(`${server.url}/tyo/tilannekuva?lang=sv`);
    await page.waitForSelector(qa('overview'));
    expect(await page.textContent(`${qa('stats-month')} legend`)).toBe('Statistikmånad');
    expect(await page.textContent('label[for="stats-month-month"]')).toBe('Månad');
    expect(await page.$$eval('#stats-month-month option', (os) => os.map((o) => o.textContent))).toEqual([
      'januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december',
    ]);
    await page.selectOption('#stats-month-year', '2026');
    await page.selectOption('#stats-month-month', '11');
    await page.waitForSelector(qa('stats-total'));
    expect(await page.getAttribute(qa('stats-csv'), 'href')).toBe('/api/statistics/monthly.csv?month=2026-11&lang=sv');
    // the breakdowns' columns are months by name, not "2026-11"
    expect(await page.textContent(`${qa('monthly')} thead`)).toContain('november 2026');
    expect(await axeViolations(page)).toEqual([]);
  });
});

/** Every word of every table cell on one line: a word split over two lines has two boxes. */
function splitWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const split: string[] = [];
    for (const cell of document.querySelectorAll('main table th, main table td')) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (lines.size > 1) split.push(m[0]);
        }
      }
    }
    return split;
  });
}

describe('staff tables never split a word', () => {
  const pages: { user: string; path: string; table: string }[] = [
    { user: 'ohjaaja', path: '/tyo/', table: 'queue' },
    { user: 'yksikko', path: '/tyo/lahetteet', table: 'inbox' },
    { user: 'esihenkilo', path: '/tyo/tilannekuva', table: 'overview-by-line' },
    { user: 'sospaivystys', path: '/tyo/sosiaalipaivystys', table: 'emergency-handoffs' },
  ];
  for (const width of [1280, 1920]) {
    for (const p of pages) {
      it(`${p.path} at ${width} px`, async () => {
        const page = await signedInPage(browser, server, p.user, { width });
        await page.goto(`${server.url}${p.path}`);
        await page.waitForSelector(`${qa(p.table)} tbody tr`);
        expect(await splitWords(page)).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      });
    }
  }
  it('the references in them stay whole', async () => {
    const page = await signedInPage(browser, server, 'yksikko', { width: 1280 });
    await page.goto(`${server.url}/tyo/lahetteet`);
    await page.waitForSelector(qa(`inbox-row-${data.referred.reference}`));
    expect(await page.$eval(`${qa(`inbox-row-${data.referred.reference}`)} a`, (a) => getComputedStyle(a).whiteSpace)).toBe('nowrap');
  });
});
