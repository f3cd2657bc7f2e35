/**
 * Issue 15, parts 4–5 in Chromium: the supervisor opens last month and sees the charts (by
 * channel, reason and outcome beside a year earlier, when contacts and calls arrived,
 * reachability per line, the emergency department's channel and referrals), the answer rate
 * beside the same month a year earlier in the headline, the chart and its table; switches to a
 * quarter and a region (kept in the address over a reload); downloads the XLSX, opened with
 * exceljs and checked against the figures the page shows; a range of days with a mistake in it
 * is named in an error summary. Each chart's "show as table" is reached with the keyboard; axe
 * finds nothing with the charts drawn, in Finnish, Swedish and English, and no code shows.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';

const CTI_TOKEN = 'e2e-cti-token-supervisor-charts-0123';
const clock = { now: new Date('2026-12-02T09:00:00+02:00') };
const at = (iso: string) => { clock.now = new Date(iso); };

let server: E2eServer;
let browser: Browser;
let worker: Awaited<ReturnType<typeof login>>;
let region: { code: string; name: string };

const cti = async (event: Record<string, unknown>) => {
  const res = await server.app.inject({ method: 'POST', url: '/api/cti/events', headers: { authorization: `Bearer ${CTI_TOKEN}` }, payload: event });
  expect(res.statusCode, res.body).toBe(200);
};

/** One call: rings at `start`, answered after `waitS` seconds, or given up then (talkS null). */
async function call(id: string, line: string, start: string, waitS: number, talkS: number | null) {
  at(start);
  await cti({ event: 'newCall', callId: id, from: '+358401234567', to: line });
  const t0 = clock.now.getTime();
  clock.now = new Date(t0 + waitS * 1000);
  if (talkS === null) return cti({ event: 'hangup', callId: id, cause: 'cancel' });
  await cti({ event: 'answer', callId: id, user: 'ohjaaja' });
  clock.now = new Date(t0 + (waitS + talkS) * 1000);
  return cti({ event: 'hangup', callId: id, cause: 'normalClearing' });
}

/** A contact a worker registers (anonymous guidance), received at `receivedAt`. */
async function contact(receivedAt: string, body: Record<string, unknown>) {
  at(receivedAt);
  const res = await server.app.inject({
    method: 'POST', url: '/api/contacts', headers: { ...worker.headers, 'idempotency-key': crypto.randomUUID() },
    payload: { anonymous: true, contactor: 'self', mainReason: 'income', ...body, receivedAt },
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ctiToken: CTI_TOKEN }, undefined, () => clock.now), launchBrowser()]);
  worker = await login(server.app, 'ohjaaja');
  const r = await server.database.db.selectFrom('municipality as m').innerJoin('region_municipality as rm', 'rm.municipality_id', 'm.id')
    .innerJoin('region as r', 'r.id', 'rm.region_id').select(['r.code', 'r.name_fi']).where('m.code', '=', '743').executeTakeFirstOrThrow();
  region = { code: r.code, name: r.name_fi };
  // November 2025, a year before last month: one call answered in 30 s, two contacts
  await call('prev-1', 'working_age', '2025-11-24T09:05:00+02:00', 30, 240);
  await contact('2025-11-25T10:00:00+02:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743' });
  await contact('2025-11-26T10:00:00+02:00', { channel: 'web_form', mainReason: 'housing' });
  // November 2026, last month: four calls on Monday 23rd, three answered
  await call('a', 'working_age', '2026-11-23T09:00:00+02:00', 20, 300);
  await call('b', 'working_age', '2026-11-23T09:10:00+02:00', 90, 210);
  await call('c', 'working_age', '2026-11-23T09:20:00+02:00', 45, null);
  await call('d', 'older_people', '2026-11-23T10:00:00+02:00', 10, 240);
  // and contacts: three of Seinäjoki (the region), two without a municipality, one from the emergency department
  await contact('2026-11-24T09:30:00+02:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743' });
  await contact('2026-11-24T13:30:00+02:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743', mainReason: 'housing' });
  await contact('2026-11-25T10:15:00+02:00', { channel: 'web_form', municipality: '743' });
  await contact('2026-11-26T11:00:00+02:00', { channel: 'web_form' });
  await contact('2026-11-27T14:00:00+02:00', { channel: 'emergency_department', contactor: 'professional' });
  // October 2026, the same quarter: one more of the region, one of Kurikka (another region)
  await contact('2026-10-14T09:00:00+03:00', { channel: 'phone', phoneLine: 'working_age', municipality: '743' });
  await contact('2026-10-15T09:00:00+03:00', { channel: 'phone', phoneLine: 'working_age', municipality: '301' });
  at('2026-12-02T09:00:00+02:00');
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const text = async (page: Page, id: string) => ((await page.textContent(qa(id))) ?? '').replace(/\s+/g, ' ').trim();
/** Everything a person reads or hears: the text, the options and the charts' summaries. */
const readable = (page: Page) => page.evaluate(() => [
  document.body.innerText,
  ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? ''),
  ...[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label') ?? ''),
].join('\n'));
const CODE_SHAPED = /\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b|\bnull\b|\bundefined\b|NaN|\b\d{4}-Q\d\b/;

/** Waits until every chart on the page has drawn its bars (the chart library is a chunk of its own). */
async function chartsDrawn(page: Page, atLeast = 8) {
  await page.waitForFunction((n) => {
    const graphics = [...document.querySelectorAll('[data-qa$="-graphic"]')];
    return graphics.length >= n && graphics.every((g) => g.querySelector('svg.recharts-surface .recharts-bar-rectangle'));
  }, atLeast);
}
/** A chart's summary for screen readers, its spaces as plain spaces (the numbers' own are no-break spaces). */
const summaryOf = async (page: Page, id: string) => ((await page.getAttribute(qa(`${id}-graphic`), 'aria-label')) ?? '').replace(/\s+/g, ' ');

async function openLastMonth(page: Page, lang: 'fi' | 'sv' | 'en') {
  await page.goto(`${server.url}/tyo/tilannekuva?lang=${lang}`);
  await page.waitForSelector(qa('overview'));
  await page.selectOption('#stats-month-year', '2026');
  await page.selectOption('#stats-month-month', '11');
  await page.waitForFunction(() => document.querySelector('[data-qa="stats-total"]')?.textContent === '9');
  await chartsDrawn(page);
}

describe('the supervisor\'s charts', () => {
  it('shows last month\'s charts with the answer rate beside the same month a year earlier; each table opens from the keyboard', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    const chunks = new Set<string>();
    page.on('request', (r) => { if (/\/assets\/BarsGraphic-/.test(r.url())) chunks.add(r.url()); });
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('nav-supervisor'));
    expect(chunks.size).toBe(0); // the queue does not load the chart library
    await openLastMonth(page, 'fi');
    expect(chunks.size).toBe(1); // the statistics do, as a chunk of its own
    expect(new URL(page.url()).searchParams.get('month')).toBe('2026-11');
    expect(await text(page, 'stats-shown')).toBe('Näytetään marraskuu 2026 verrattuna vuotta aiempaan (marraskuu 2025) · kaikki yhteydenotot');

    // the headline and the chart: the answer rate beside the same month a year earlier
    expect(await text(page, 'reach-answer-rate')).toBe('75 %vastausprosentti (Vuotta aiemmin: 100 %)');
    const answer = await summaryOf(page, 'chart-answer-rate');
    expect(answer).toContain('Vastausprosentti linjoittain. Kaikki linjat: marraskuu 2026 75 %, marraskuu 2025 100 %');
    expect(answer).toContain('Työikäisten sosiaalipalvelut ja toimeentulotuki: marraskuu 2026 66,7 %, marraskuu 2025 100 %; Ikäihmisten palvelut: marraskuu 2026 100 %, marraskuu 2025 –.');
    expect(await page.getAttribute(qa('chart-answer-rate-graphic'), 'role')).toBe('img');
    // the year before is hatched as well as coloured: its bars are filled with the pattern; the values are written at the bars
    expect(await page.$$eval(`${qa('chart-answer-rate-graphic')} .recharts-bar-rectangle path`, (ps) => ps.map((p) => p.getAttribute('fill')?.startsWith('url(#hatch-') ?? false)))
      .toEqual(expect.arrayContaining([true, false]));
    expect((await page.textContent(`${qa('chart-answer-rate-graphic')} .recharts-label-list`))?.replace(/\s+/g, ' ')).toContain('75 %');
    // the service level chart draws the target
    expect((await page.textContent(qa('chart-service-level-graphic')))?.replace(/\s+/g, ' ')).toContain('Tavoite 80 %');

    // by channel: the channels by name beside a year earlier, the table behind a button the keyboard reaches
    expect(await page.isHidden(qa('chart-channel-table'))).toBe(true);
    await tabToSelector(page, qa('chart-channel-toggle'), 80);
    expect(await page.getAttribute(qa('chart-channel-toggle'), 'aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute(qa('chart-channel-toggle'), 'aria-expanded')).toBe('true');
    await page.waitForSelector(qa('chart-channel-table'), { state: 'visible' });
    expect(await text(page, 'chart-channel-toggle')).toBe('Piilota taulukko');
    expect(await page.textContent(`${qa('chart-channel-table')} thead`)).toBe('Kanavamarraskuu 2026marraskuu 2025');
    expect([await text(page, 'chart-channel-row-web_form-0'), await text(page, 'chart-channel-row-web_form-1')]).toEqual(['2', '1']);
    expect(await text(page, 'chart-channel-row-phone')).toContain('Puhelin');
    // the emergency department's channel and when contacts arrived
    expect(await summaryOf(page, 'chart-ed')).toBe('Yhteydenotot päivystyksestä. Päivystyksen sosiaalihuolto: marraskuu 2026 1, marraskuu 2025 0.');
    expect(await summaryOf(page, 'chart-weekday')).toContain('Tiistai: marraskuu 2026 2');
    expect(await summaryOf(page, 'chart-calls-hour')).toBe('Puhelut tunneittain. klo 9–10: Vastattu 2, Ei vastattu 1; klo 10–11: Vastattu 1, Ei vastattu 0.');
    // the reason chart's table from the keyboard too
    await tabToSelector(page, qa('chart-reason-toggle'), 20);
    await page.keyboard.press(' ');
    await page.waitForSelector(qa('chart-reason-table'), { state: 'visible' });
    expect(await page.textContent(qa('chart-reason-table'))).toContain('Toimeentulo');

    expect(await readable(page)).not.toMatch(CODE_SHAPED);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('switches to a quarter and a region, keeps them over a reload, and the XLSX downloaded has the figures shown', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await openLastMonth(page, 'fi');
    await page.check(qa('stats-kind-quarter'));
    expect(await page.inputValue('#stats-quarter-quarter')).toBe('4'); // the quarter that holds November
    expect(await page.$eval('#stats-quarter-quarter option:checked', (o) => o.textContent)).toBe('4. vuosineljännes (lokakuu–joulukuu)');
    await page.selectOption('#stats-region', { label: region.name });
    await page.waitForFunction((name) => document.querySelector('[data-qa="stats-shown"]')?.textContent?.includes(`Alue: ${name}`), region.name);
    expect(await text(page, 'stats-shown')).toBe(`Näytetään 4. vuosineljännes 2026 verrattuna vuotta aiempaan (4. vuosineljännes 2025) · Alue: ${region.name}`);
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-total"]')?.textContent === '4');
    expect(await text(page, 'monthly')).toContain('4Yhteydenotot (Vuotta aiemmin: 1)');
    const params = new URL(page.url()).searchParams;
    expect([params.get('quarter'), params.get('region'), params.get('month')]).toEqual(['2026-Q4', region.code, null]);

    // a reload shows the same
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-total"]')?.textContent === '4');
    expect(await page.isChecked(qa('stats-kind-quarter'))).toBe(true);
    expect(await page.inputValue('#stats-region')).toBe(region.code);
    await chartsDrawn(page, 5); // the region's: no calls, no referrals

    // the downloads follow the period, the filter and the page's language
    const xlsx = await page.getAttribute(qa('stats-xlsx'), 'href');
    expect(xlsx).toBe(`/api/statistics/period.xlsx?from=2026-10-01&to=2026-12-31&region=${region.code}&lang=fi`);
    expect(await page.getAttribute(qa('stats-csv'), 'href')).toBe(`/api/statistics/period.csv?from=2026-10-01&to=2026-12-31&region=${region.code}&lang=fi`);
    const file = await page.evaluate(async (href) => {
      const res = await fetch(href);
      const bytes = new Uint8Array(await res.arrayBuffer());
      let binary = '';
      for (const b of bytes) binary += String.fromCharCode(b);
      return { status: res.status, type: res.headers.get('content-type'), base64: btoa(binary) };
    }, xlsx!);
    expect(file.status).toBe(200);
    expect(file.type).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const summary = wb.worksheets[0]!;
    const row = (code: string) => {
      let found: ExcelJS.Row | undefined;
      summary.eachRow((r) => { if (r.getCell(1).value === code) found = r; });
      if (!found) throw new Error(`no row ${code} in ${summary.name}`);
      return found;
    };
    expect([row('total').getCell(3).value, row('total').getCell(4).value]).toEqual([Number(await text(page, 'stats-total')), 1]);
    expect(row('filter_region').getCell(3).value).toBe(region.name);
    // the channel sheet against the chart's table
    await page.click(qa('chart-channel-toggle'));
    const channelSheet = wb.worksheets.find((w) => w.name === 'Kanava')!;
    const phone = (() => { let r: ExcelJS.Row | undefined; channelSheet.eachRow((x) => { if (x.getCell(1).value === 'phone') r = x; }); return r!; })();
    expect([phone.getCell(2).value, phone.getCell(3).value, phone.getCell(4).value])
      .toEqual(['Puhelin', Number(await text(page, 'chart-channel-row-phone-0')), Number(await text(page, 'chart-channel-row-phone-1'))]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('takes a range of days, naming a mistake in an error summary', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva?month=2026-11`);
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-total"]')?.textContent === '9');
    await page.check(qa('stats-kind-range'));
    expect([await page.inputValue('#stats-from'), await page.inputValue('#stats-to')]).toEqual(['1.11.2026', '30.11.2026']);
    await page.fill('#stats-from', '25.11.2026');
    await page.fill('#stats-to', '24.11.2026');
    await page.click(qa('stats-range-show'));
    await page.waitForSelector(qa('stats-range-errors'));
    expect(await page.textContent(qa('stats-range-errors-link'))).toBe('Päättyy: Jakso päättyy aikaisintaan samana päivänä, jona se alkaa.');
    expect(await page.getAttribute('#stats-to', 'aria-invalid')).toBe('true');
    await page.fill('#stats-to', '30.11.2026');
    await page.click(qa('stats-range-show'));
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-shown"]')?.textContent?.startsWith('Näytetään 25.11.2026–30.11.2026'));
    expect(await text(page, 'stats-total')).toBe('3');
    const params = new URL(page.url()).searchParams;
    expect([params.get('from'), params.get('to')]).toEqual(['2026-11-25', '2026-11-30']);
    expect(await page.getAttribute(qa('stats-xlsx'), 'href')).toBe('/api/statistics/period.xlsx?from=2026-11-25&to=2026-11-30&lang=fi');
    await page.close();
  });

  for (const lang of ['sv', 'en'] as const) {
    it(`is clean for axe with the charts drawn in ${lang === 'sv' ? 'Swedish' : 'English'}, and no code shows`, async () => {
      const page = await signedInPage(browser, server, 'esihenkilo');
      await openLastMonth(page, lang);
      expect(await page.textContent(`${qa('chart-answer-rate')} figcaption`)).toBe(lang === 'sv' ? 'Svarsprocent per linje' : 'Answer rate by line');
      expect(await summaryOf(page, 'chart-answer-rate'))
        .toContain(lang === 'sv' ? 'november 2026 75 %, november 2025 100 %' : 'November 2026 75%, November 2025 100%');
      expect(await page.getAttribute(qa('stats-xlsx'), 'href')).toBe(`/api/statistics/monthly.xlsx?month=2026-11&lang=${lang}`);
      await page.click(qa('chart-outcome-toggle'));
      expect(await readable(page)).not.toMatch(CODE_SHAPED);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
