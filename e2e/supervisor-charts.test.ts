/**
 * Issue 15, parts 4–5 in Chromium: the supervisor opens last month and sees the charts (by
 * channel, reason and outcome beside a year earlier, when contacts and calls arrived,
 * reachability per line, the emergency department's channel and referrals), the answer rate
 * beside the same month a year earlier in the headline, the chart and its table; switches to a
 * quarter and a region (kept in the address over a reload); downloads the XLSX, opened with
 * exceljs and checked against the figures the page shows; a range of days with a mistake in it
 * is named in an error summary. Each chart's "show as table" is reached with the keyboard; axe
 * finds nothing with the charts drawn, in Finnish, Swedish and English, and no code shows.
 * The weekday × hour heat map shows each cell's contacts for the channel and period chosen (the
 * select and its scrolling region reached by Tab, a narrow screen scrolls the table alone); the
 * emergency department's own map and its referrals onward by receiving unit; the statutory
 * clocks per basis, channel and line (September's referrals, seeded through the API and the
 * units' own steps); "last month" and "this month" in one press.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { formatHetu } from '../src/domain/hetu.js';

const CTI_TOKEN = 'e2e-cti-token-supervisor-charts-0123';
const clock = { now: new Date('2026-12-02T09:00:00+02:00') };
const at = (iso: string) => { clock.now = new Date(iso); };

let server: E2eServer;
let browser: Browser;
let worker: Awaited<ReturnType<typeof login>>;
let adultSocialWork: Awaited<ReturnType<typeof login>>;
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

let people = 0;
/** A contact of an identified person (so that it can be referred onward), received at `receivedAt`; its id. */
async function identifiedContact(receivedAt: string, body: Record<string, unknown>): Promise<string> {
  at(receivedAt);
  people += 1;
  const res = await server.app.inject({
    method: 'POST', url: '/api/contacts', headers: { ...worker.headers, 'idempotency-key': crypto.randomUUID() },
    payload: {
      anonymous: false, contactor: 'self', mainReason: 'income', serviceArea: 'working_age', receivedAt, ...body,
      person: { name: `Testi Henkilö ${people}`, hetu: formatHetu('1980-04-0' + String(people % 9 + 1), 100 + people), phone: '040 765 4321' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** A referral of that contact sent at `sentAt`, with the person's consent (purpose `purpose`) unless the body names a legal ground; its id. */
async function refer(contactId: string, sentAt: string, body: Record<string, unknown>, purpose = 'forward_to_unit'): Promise<string> {
  at(sentAt);
  let consentId: string | null = null;
  if (!body.legalGround) {
    const consent = await server.app.inject({ method: 'POST', url: `/api/contacts/${contactId}/consents`, headers: worker.headers, payload: { givenBy: 'client', method: 'verbal', purpose, target: 'Vastaanottaja' } });
    expect(consent.statusCode, consent.body).toBe(200);
    consentId = consent.json<{ id: string }>().id;
  }
  const res = await server.app.inject({
    method: 'POST', url: `/api/contacts/${contactId}/referrals`, headers: worker.headers,
    payload: { summary: 'Tilastotestin lähete.', needs: ['income'], urgency: 'non_urgent', shareResidentMessage: false, consentId, ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

/** A step of the referral's loop at `when`, by the receiving unit (accept, contact) or the guidance worker (cancel). */
async function step(referralId: string, action: 'accept' | 'contact' | 'cancel', when: string, who: { headers: Record<string, string> }, payload?: object) {
  at(when);
  const res = await server.app.inject({ method: 'POST', url: `/api/referrals/${referralId}/${action}`, headers: who.headers, ...(payload ? { payload } : {}) });
  expect(res.statusCode, res.body).toBe(200);
}

/** A service needs assessment for a client with the highest care allowance: SHL 36 §'s seven working days. */
const SHL_36 = { kind: 'referral_for_assessment', assessment: 'pta', unit: 'adult_social_work', highestCareAllowance: true };

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
  // signed in at the test's "now": the clock only goes back from here while the history is written, so no session idles out
  [worker, adultSocialWork] = await Promise.all([login(server.app, 'ohjaaja'), login(server.app, 'yksikko')]);
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

  // September 2025: the emergency department refers a patient for a service needs assessment (SHL 36 §); never reached: missed
  const ed2025 = await identifiedContact('2025-09-08T10:00:00+03:00', { channel: 'emergency_department', contactor: 'professional' });
  await refer(ed2025, '2025-09-08T10:30:00+03:00', SHL_36);
  // September 2026: four referrals, three with a statutory clock (one of each law), all sent in the month
  // (a) the emergency department, Monday 7th: SHL 36 §, reached the next day: met
  const edMet = await identifiedContact('2026-09-07T10:00:00+03:00', { channel: 'emergency_department', contactor: 'professional' });
  const shl = await refer(edMet, '2026-09-07T10:30:00+03:00', SHL_36);
  await step(shl, 'accept', '2026-09-08T09:00:00+03:00', adultSocialWork);
  await step(shl, 'contact', '2026-09-08T10:00:00+03:00', adultSocialWork);
  // (b) the phone, Tuesday 8th: a care needs assessment (Health Care Act 51 §, three working days: Friday 11th), reached on Tuesday 15th: missed
  const phoneLate = await identifiedContact('2026-09-08T10:00:00+03:00', { channel: 'phone', phoneLine: 'working_age' });
  const tl = await refer(phoneLate, '2026-09-08T10:30:00+03:00', { kind: 'referral_for_assessment', assessment: 'hta', unit: 'adult_social_work' });
  await step(tl, 'accept', '2026-09-09T09:00:00+03:00', adultSocialWork);
  await step(tl, 'contact', '2026-09-15T10:00:00+03:00', adultSocialWork);
  // (c) the phone, Wednesday 9th: child welfare without consent (LsL 26 §), cancelled the next day
  const phoneCancelled = await identifiedContact('2026-09-09T10:00:00+03:00', { channel: 'phone', phoneLine: 'working_age', serviceArea: 'families' });
  const lsl = await refer(phoneCancelled, '2026-09-09T10:30:00+03:00', {
    kind: 'message_to_service', unit: 'child_welfare', legalGround: 'child_welfare', legalGroundReason: 'Huoli lapsen turvallisuudesta.',
  });
  await step(lsl, 'cancel', '2026-09-10T09:00:00+03:00', worker, { reason: 'Ilmoitus tehtiin suoraan lastensuojeluun.' });
  // (d) the emergency department, Thursday 10th: a message to an outside actor, no clock
  const edExternal = await identifiedContact('2026-09-10T10:00:00+03:00', { channel: 'emergency_department', contactor: 'professional' });
  await refer(edExternal, '2026-09-10T10:30:00+03:00', { kind: 'message_to_service', external: { name: 'Kela' } }, 'kela');
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
    // the weekday and the hour beside a year earlier: Monday's four calls against last year's one
    expect(await summaryOf(page, 'chart-weekday')).toContain('Maanantai: marraskuu 2026 4, marraskuu 2025 1; Tiistai: marraskuu 2026 2, marraskuu 2025 1');
    expect(await summaryOf(page, 'chart-hour')).toContain('klo 9–10: marraskuu 2026 4, marraskuu 2025 1');
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
    // nor the emergency department (its contact had no municipality): a sentence, not empty charts
    expect(await text(page, 'charts-ed-none')).toBe('Päivystyksen kanavasta ei tullut yhteydenottoja tällä jaksolla eikä vuotta aiemmin.');
    expect(await page.$$(qa('heat-ed'))).toHaveLength(0);
    expect(await page.$$(qa('chart-ed'))).toHaveLength(0);

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

  it('shows the weekday × hour heat map per channel and period, reached and scrolled with the keyboard', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await openLastMonth(page, 'fi');
    const cell = (w: number, h: number, map = 'heat') => text(page, `${map}-cell-${w}-${h}`);
    const cells = async (pairs: [number, number][], map = 'heat') => Promise.all(pairs.map(([w, h]) => cell(w, h, map)));
    const SEEN: [number, number][] = [[1, 9], [1, 10], [2, 9], [2, 10], [2, 13], [3, 10], [4, 11], [5, 14]];

    // all channels, November 2026: Monday 9–10 the three calls (two answered, one a callback), 10–11 the fourth; Tuesday's two
    // phone contacts; Wednesday's and Thursday's web forms; Friday's emergency department
    expect(await text(page, 'heat-caption')).toBe('Yhteydenotot viikonpäivän ja kellonajan mukaan: Kaikki kanavat, marraskuu 2026');
    expect(await cells(SEEN)).toEqual(['3', '1', '1', '0', '1', '1', '1', '1']);
    expect(await cell(7, 12)).toBe('0');
    // the hours 7–20, none of the others had contacts
    expect(await page.$$eval(`${qa('heat-table')} thead th[scope="col"]`, (ths) => ths.map((th) => th.textContent))).toEqual([
      'Viikonpäivä ja kellonaika', ...Array.from({ length: 14 }, (_, i) => `${i + 7}klo ${i + 7}–${i + 8}`),
    ]);
    expect(await page.$$eval(`${qa('heat-table')} tbody th[scope="row"]`, (ths) => ths.map((th) => th.textContent))).toEqual([
      'maMaanantai', 'tiTiistai', 'keKeskiviikko', 'toTorstai', 'pePerjantai', 'laLauantai', 'suSunnuntai',
    ]);
    expect(await text(page, 'heat')).toContain('Muina tunteina (klo 0–7, klo 21–24) ei tullut yhteydenottoja kummallakaan jaksolla.');
    // the busiest cell is the darkest, its number in white; a cell of one is paler with dark text; none is white
    const colours = (w: number, h: number) => page.$eval(qa(`heat-cell-${w}-${h}`), (td) => [getComputedStyle(td).backgroundColor, getComputedStyle(td).color]);
    expect(await colours(1, 9)).toEqual(['rgb(0, 52, 121)', 'rgb(255, 255, 255)']);
    expect(await colours(2, 9)).toEqual(['rgb(185, 207, 234)', 'rgb(33, 33, 33)']);
    expect(await colours(2, 10)).toEqual(['rgb(255, 255, 255)', 'rgb(95, 104, 109)']);
    expect(await page.$$eval(`${qa('heat-legend')} li`, (lis) => lis.map((li) => li.textContent))).toEqual(['ei yhtään', '1', '2', '3']);

    // the channels with contacts, by name
    expect(await page.$$eval(`${qa('heat-channel')} option`, (os) => os.map((o) => o.textContent))).toEqual(expect.arrayContaining(['Kaikki kanavat', 'Puhelin', 'Päivystyksen sosiaalihuolto']));
    expect(await page.$$eval(`${qa('heat-channel')} option`, (os) => os[0]?.textContent)).toBe('Kaikki kanavat');
    // the keyboard: Tab reaches the channel's select and an arrow key changes it; Tab on reaches the period and then the table's region
    await tabToSelector(page, qa('heat-channel'), 200);
    const firstChannel = await page.$$eval(`${qa('heat-channel')} option`, (os) => os[1]?.textContent);
    await page.keyboard.press('ArrowDown');
    expect(await text(page, 'heat-caption')).toBe(`Yhteydenotot viikonpäivän ja kellonajan mukaan: ${firstChannel}, marraskuu 2026`);
    await page.selectOption(qa('heat-channel'), { label: 'Puhelin' });
    expect(await text(page, 'heat-caption')).toBe('Yhteydenotot viikonpäivän ja kellonajan mukaan: Puhelin, marraskuu 2026');
    // the phone alone: the callback and the web forms are gone
    expect(await cells(SEEN)).toEqual(['2', '1', '1', '0', '1', '0', '0', '0']);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('heat-period');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('heat-region');
    expect(await page.getAttribute(qa('heat-region'), 'role')).toBe('region');
    expect(await page.getAttribute(qa('heat-region'), 'aria-label')).toBe('Yhteydenotot viikonpäivän ja kellonajan mukaan, Puhelin, marraskuu 2026: taulukko, vieritä sivusuunnassa');
    // a year earlier, the same channel: the call on Monday at 9 and the phone contact on Tuesday at 10
    await page.selectOption(qa('heat-period'), { label: 'marraskuu 2025' });
    expect(await text(page, 'heat-caption')).toBe('Yhteydenotot viikonpäivän ja kellonajan mukaan: Puhelin, marraskuu 2025');
    expect(await cells(SEEN)).toEqual(['1', '0', '0', '1', '0', '0', '0', '0']);
    // the web forms a year earlier: Wednesday at 10
    await page.selectOption(qa('heat-channel'), { label: 'Sähköinen yhteydenottolomake' });
    expect(await cells(SEEN)).toEqual(['0', '0', '0', '0', '0', '1', '0', '0']);

    // the emergency department's own map: its channel only, no channel to choose
    expect(await page.$$(qa('heat-ed-channel'))).toHaveLength(0);
    expect(await text(page, 'heat-ed-caption')).toBe('Päivystyksen yhteydenotot viikonpäivän ja kellonajan mukaan: Päivystyksen sosiaalihuolto, marraskuu 2026');
    expect(await cells(SEEN, 'heat-ed')).toEqual(['0', '0', '0', '0', '0', '0', '0', '1']);
    expect(await readable(page)).not.toMatch(CODE_SHAPED);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    // a narrow screen: the table scrolls in its own region, the page does not
    const narrow = await signedInPage(browser, server, 'esihenkilo', { width: 400 });
    await narrow.goto(`${server.url}/tyo/tilannekuva?month=2026-11`);
    await narrow.waitForFunction(() => document.querySelector('[data-qa="heat-cell-1-9"]')?.textContent === '3');
    const region = await narrow.$eval(qa('heat-region'), (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(region.scroll).toBeGreaterThan(region.client);
    await narrow.focus(qa('heat-region'));
    await narrow.keyboard.press('ArrowRight');
    // (the browser may scroll smoothly: waited for, not read at once)
    await narrow.waitForFunction(() => (document.querySelector('[data-qa="heat-region"]')?.scrollLeft ?? 0) > 0);
    expect(await axeViolations(narrow)).toEqual([]);
    await narrow.close();
  });

  it('shows the emergency department\'s referrals onward by receiving unit and the statutory clocks of September', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva?month=2026-09`);
    await page.waitForSelector(qa('statutory'));
    // by receiving unit beside a year earlier: the department's own, not every channel's
    await page.waitForSelector(qa('chart-ed-referral-target-graphic'));
    const target = await summaryOf(page, 'chart-ed-referral-target');
    expect(target).toMatch(/^Päivystyksen lähetteet eteenpäin vastaanottajan mukaan\. /);
    expect(target).toContain('Aikuissosiaalityö: syyskuu 2026 1, syyskuu 2025 1');
    expect(target).toContain('Muu kuin oma yksikkö: syyskuu 2026 1, syyskuu 2025 0');
    // and every channel's referrals by receiving unit, beside it
    const all = await summaryOf(page, 'chart-referral-target');
    expect(all).toMatch(/^Lähetteet vastaanottajan mukaan\. /);
    expect(all).toContain('Muu kuin oma yksikkö: syyskuu 2026 1, syyskuu 2025 0');
    expect(await summaryOf(page, 'chart-ed')).toBe('Yhteydenotot päivystyksestä. Päivystyksen sosiaalihuolto: syyskuu 2026 2, syyskuu 2025 1.');
    // its weekday × hour: Monday and Thursday at 10, a year earlier Monday at 10
    expect([await text(page, 'heat-ed-cell-1-10'), await text(page, 'heat-ed-cell-4-10')]).toEqual(['1', '1']);
    await page.selectOption(qa('heat-ed-period'), { label: 'syyskuu 2025' });
    expect([await text(page, 'heat-ed-cell-1-10'), await text(page, 'heat-ed-cell-4-10')]).toEqual(['1', '0']);

    // the statutory clocks: three started (one of each law), one met, one missed, one cancelled; a year earlier one missed
    const row = async (id: string) => Promise.all(['started', 'met', 'missed', 'pending', 'cancelled', 'share'].map((c) => text(page, `${id}-${c}`)));
    expect(await page.textContent(`${qa('statutory-all')} thead`)).toBe('JaksoLähetteitäAjallaanMyöhässäKeskenPeruttuOsuus ajallaan');
    expect(await row('statutory-all-period')).toEqual(['3', '1', '1', '0', '1', '50 %']);
    expect(await row('statutory-all-previous')).toEqual(['1', '0', '1', '0', '0', '0 %']);
    expect(await text(page, 'statutory-all-period')).toMatch(/^syyskuu 2026/);
    expect(await row('statutory-shl_36')).toEqual(['1', '1', '0', '0', '0', '100 %']);
    expect(await row('statutory-thl_51')).toEqual(['1', '0', '1', '0', '0', '0 %']);
    expect(await row('statutory-lsl_26')).toEqual(['1', '0', '0', '0', '1', '–']);
    expect(await page.$$eval(`${qa('statutory-by-basis')} tbody th`, (ths) => ths.map((th) => th.textContent)))
      .toEqual(expect.arrayContaining(['SHL 36 §', 'TL 51 §', 'LsL 26 §']));
    expect(await row('statutory-by-channel-emergency_department')).toEqual(['1', '1', '0', '0', '0', '100 %']);
    expect(await row('statutory-by-channel-phone')).toEqual(['2', '0', '1', '0', '1', '0 %']);
    expect(await text(page, 'statutory-by-channel-phone')).toMatch(/^Puhelin/);
    expect(await row('statutory-by-line-working_age')).toEqual(['2', '0', '1', '0', '1', '0 %']);
    expect(await row('statutory-by-line-none')).toEqual(['1', '1', '0', '0', '0', '100 %']);
    expect(await text(page, 'statutory-by-line-none')).toMatch(/^Ei linjaa/);
    expect(await readable(page)).not.toMatch(CODE_SHAPED);
    expect(await axeViolations(page)).toEqual([]);

    // in Swedish and English the laws are cited as those languages cite them
    for (const [lang, names] of [['sv', ['SvL 36 §', 'HvL 51 §', 'BSL 26 §']], ['en', ['Social Welfare Act 36 §', 'Health Care Act 51 §', 'Child Welfare Act 26 §']]] as const) {
      await page.goto(`${server.url}/tyo/tilannekuva?month=2026-09&lang=${lang}`);
      await page.waitForSelector(qa('statutory-shl_36'));
      expect(await Promise.all(['shl_36', 'thl_51', 'lsl_26'].map(async (b) => (await page.textContent(`${qa(`statutory-${b}`)} th`))))).toEqual([...names]);
      expect(await text(page, 'statutory-all-period-share')).toBe(lang === 'sv' ? '50 %' : '50%');
    }
    await page.close();
  });

  it('"last month" and "this month" set the period in one press, from the keyboard too', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva?year=2025`);
    await page.waitForSelector(qa('overview'));
    await page.waitForSelector(qa('stats-total'));
    expect([await text(page, 'stats-last-month'), await text(page, 'stats-this-month')]).toEqual(['Edellinen kuukausi', 'Tämä kuukausi']);
    // the server's today is 2 December 2026
    await tabToSelector(page, qa('stats-last-month'), 120);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-shown"]')?.textContent?.startsWith('Näytetään marraskuu 2026'));
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-total"]')?.textContent === '9');
    expect(await page.isChecked(qa('stats-kind-month'))).toBe(true);
    expect([await page.inputValue('#stats-month-month'), await page.inputValue('#stats-month-year')]).toEqual(['11', '2026']);
    expect(new URL(page.url()).searchParams.get('month')).toBe('2026-11');
    expect(new URL(page.url()).searchParams.get('year')).toBeNull();
    await page.click(qa('stats-this-month'));
    await page.waitForFunction(() => document.querySelector('[data-qa="stats-shown"]')?.textContent?.startsWith('Näytetään joulukuu 2026'));
    expect(new URL(page.url()).searchParams.get('month')).toBe('2026-12');
    expect(await axeViolations(page)).toEqual([]);
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
