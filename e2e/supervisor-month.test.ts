/**
 * Issue 15, the supervisor's month in Chromium: calls placed through the CTI webhook on a Monday
 * (and one a year earlier) show up as the month's reachability (offered, answered, abandoned,
 * answer rate, service level, waits, callbacks) beside the same month a year earlier, for all
 * lines and per line, with the promise per channel and line, in Finnish and Swedish; the staffing
 * page answers "is four enough on Monday 9–11?": the keyboard alone puts four on Monday 9 and 10,
 * saves, and each cell says needed, on the roster and enough (or not) in words; a 400 from the
 * server lands in an error summary naming the field; the service level target is saved. axe finds
 * nothing on either page in Finnish or Swedish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';

const CTI_TOKEN = 'e2e-cti-token-supervisor-month-0123';
const clock = { now: new Date('2026-11-23T09:00:00+02:00') };
const at = (iso: string) => { clock.now = new Date(iso); };

let server: E2eServer;
let browser: Browser;

const cti = async (event: Record<string, unknown>) => {
  const res = await server.app.inject({ method: 'POST', url: '/api/cti/events', headers: { authorization: `Bearer ${CTI_TOKEN}` }, payload: event });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { contactId: string; reference: string; status: string; callback: boolean };
};

/** One call: rings at `start`, answered after `waitS` seconds and talked `talkS`, or given up after `waitS` (talkS null). */
async function call(id: string, line: string, start: string, waitS: number, talkS: number | null, from = '+358401234567') {
  at(start);
  await cti({ event: 'newCall', callId: id, from, to: line });
  const t0 = clock.now.getTime();
  clock.now = new Date(t0 + waitS * 1000);
  if (talkS === null) return cti({ event: 'hangup', callId: id, cause: 'cancel' });
  await cti({ event: 'answer', callId: id, user: 'ohjaaja' });
  clock.now = new Date(t0 + (waitS + talkS) * 1000);
  return cti({ event: 'hangup', callId: id, cause: 'normalClearing' });
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ctiToken: CTI_TOKEN }, undefined, () => clock.now), launchBrowser()]);
  // a year earlier, the same Monday of November: one call, answered in 30 s
  await call('prev-1', 'working_age', '2025-11-24T09:05:00+02:00', 30, 240);
  // Monday 23.11.2026, lines open 9–11 and 13–15
  await call('a', 'working_age', '2026-11-23T09:00:00+02:00', 20, 300);
  await call('b', 'working_age', '2026-11-23T09:10:00+02:00', 90, 210);
  const missed = await call('c', 'working_age', '2026-11-23T09:20:00+02:00', 45, null, '040 100 0003'); // gave up: a callback task
  await call('d', 'older_people', '2026-11-23T10:00:00+02:00', 10, 240);
  at('2026-11-23T12:00:00+02:00'); // the lunch gap: not offered, a callback task
  expect((await cti({ event: 'newCall', callId: 'e', from: '040 100 0005', to: 'working_age' })).callback).toBe(true);
  // the missed call is called back and the person reached an hour after they called
  at('2026-11-23T10:20:00+02:00');
  const worker = await login(server.app, 'ohjaaja');
  for (const [path, payload] of [['claim', undefined], ['callback-attempts', { result: 'reached' }]] as const) {
    const res = await server.app.inject({ method: 'POST', url: `/api/contacts/${missed.contactId}/${path}`, headers: { ...worker.headers, 'idempotency-key': crypto.randomUUID() }, payload: payload ?? {} });
    expect(res.statusCode, res.body).toBe(200);
  }
  at('2026-11-24T10:00:00+02:00'); // Tuesday: the staffing period ends yesterday, Monday
});
afterAll(async () => { await browser?.close(); await server?.close(); });

/** What a person reads on the page, with the options of its selects: no code ("working_age", "notApplicable") may show. */
const readable = (page: Page) => page.evaluate(() => [document.body.innerText, ...[...document.querySelectorAll('option')].map((o) => o.textContent ?? '')].join('\n'));
const CODE_SHAPED = /\b[a-z]+_[a-z_]+\b|\b[a-z]+[A-Z][a-zA-Z]+\b|\bnull\b|\bundefined\b|NaN/;

const text = async (page: Page, id: string) => ((await page.textContent(qa(id))) ?? '').replace(/\s+/g, ' ').trim();
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? null);

async function openMonth(page: Page, lang: 'fi' | 'sv') {
  await page.goto(`${server.url}/tyo/tilannekuva?lang=${lang}`);
  await page.waitForSelector(qa('overview'));
  await page.selectOption('#stats-month-year', '2026');
  await page.selectOption('#stats-month-month', '11');
  await page.waitForSelector(qa('reachability'));
  // each line's year-earlier column comes in the same response (phone.byLine[].previousYear)
  await page.waitForFunction(() => document.querySelector('[data-qa="reach-line-working_age-offered-previous"]')?.textContent === '1');
}

describe('the supervisor\'s month: reachability', () => {
  it('shows the calls of the month beside the same month a year earlier, for all lines and each line, in Finnish', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await openMonth(page, 'fi');
    const all = async (row: string) => [await text(page, `reach-all-${row}-month`), await text(page, `reach-all-${row}-previous`)];
    expect(await all('offered')).toEqual(['4', '1']);
    expect(await all('answered')).toEqual(['3', '1']);
    expect(await all('abandoned')).toEqual(['1', '0']);
    expect(await all('answer-rate')).toEqual(['75 %', '100 %']);
    expect(await all('service-level')).toEqual(['50 % (2)', '100 % (1)']); // 20 s and 10 s within 60 s; 90 s not
    expect(await all('mean-wait')).toEqual(['40 s', '30 s']);
    expect(await all('mean-abandon')).toEqual(['45 s', '–']);
    expect(await all('outside-hours')).toEqual(['1', '0']);
    expect(await all('callbacks-created')).toEqual(['2', '0']);
    expect(await all('callbacks-done')).toEqual(['1', '0']);
    expect(await all('hours-to-callback')).toEqual(['1 t', '–']);
    expect(await text(page, 'reach-all-service-level')).toContain('Vastattu 60 sekunnissa');
    // the row and column headers: a month by name, never "2026-11"
    expect(await page.textContent(`${qa('reach-all')} thead`)).toContain('marraskuu 2025');
    // per line, by the line's name
    expect(await page.textContent(`${qa('reach-line-working_age')} caption`)).toContain('Työikäisten sosiaalipalvelut');
    expect(await text(page, 'reach-line-working_age-offered-month')).toBe('3');
    expect(await text(page, 'reach-line-working_age-answer-rate-month')).toBe('66,7 %');
    expect(await text(page, 'reach-line-older_people-offered-month')).toBe('1');
    expect(await text(page, 'reach-line-older_people-offered-previous')).toBe('0');
    // the headline: the answer rate beside a year earlier, the target in words as well as the figure
    expect(await text(page, 'reach-answer-rate')).toBe('75 %vastausprosentti (Vuotta aiemmin: 100 %)');
    expect(await text(page, 'reach-service-level')).toContain('Tavoite ei täyttynyt');
    // the promise per channel and per line, channels and lines by name
    expect(await page.textContent(`${qa('promise-by-channel')} tbody`)).toContain('Puhelin');
    expect(await page.textContent(`${qa('promise-by-line')} tbody`)).toContain('Ikäihmisten palvelut');
    expect(await page.textContent(qa('promise-by'))).not.toMatch(/working_age|older_people|web_form|\bphone\b|callback\b/);
    expect(await readable(page)).not.toMatch(CODE_SHAPED);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('speaks Swedish with Swedish numbers', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await openMonth(page, 'sv');
    expect(await page.textContent(`${qa('reachability')} h3`)).toBe('Nåbarhet');
    expect(await text(page, 'reach-line-working_age-answer-rate-month')).toBe('66,7 %');
    expect(await page.textContent(`${qa('reach-all-service-level')} th`)).toBe('Besvarade inom 60 sekunder');
    expect(await page.textContent(`${qa('reach-line-working_age')} caption`)).toContain('Socialservice för personer i arbetsför ålder');
    expect(await page.textContent(`${qa('promise-by-channel')} thead`)).toContain('Hölls');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('staffing: is four enough on Monday 9–11?', () => {
  it('is reached from the navigation; the keyboard alone puts four on Monday 9 and 10 and saves; each cell says needed, roster and enough', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva`);
    await page.waitForSelector(qa('overview'));
    await tabToSelector(page, qa('nav-staffing'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('staffing-basis'));
    expect(await text(page, 'staffing-basis')).toContain('Jakso 29.9.2026–23.11.2026');
    expect([await page.inputValue('#staffing-from'), await page.inputValue('#staffing-to')]).toEqual(['29.9.2026', '23.11.2026']);
    expect(await page.textContent(qa('staffing-grid'))).toContain('Arvio olettaa, että soittajat odottavat jonossa');
    expect(await text(page, 'slot-1-9-needed')).toBe('Tarvitaan 1');
    expect(await text(page, 'slot-1-9-verdict')).toBe('! Ei ketään vuorossa');
    expect(await page.$(qa('slot-2-9-needed'))).toBeNull(); // no calls on Tuesdays
    expect(await readable(page)).not.toMatch(CODE_SHAPED);
    expect(await axeViolations(page)).toEqual([]);

    // the inputs are named by weekday and hour
    expect(await page.$eval('label[for="roster-1-9"]', (l) => l.textContent)).toBe('Maanantai klo 9–10: Vuorossa');
    await tabToSelector(page, '#roster-1-9', 80);
    await page.keyboard.type('4');
    await tabToSelector(page, '#roster-1-10', 80);
    await page.keyboard.type('4');
    expect(await text(page, 'slot-1-10-unsaved')).toBe('Tallentamatta');
    await tabToSelector(page, qa('roster-save'), 120);
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('roster-saved'));
    await page.waitForFunction(() => document.querySelector('[data-qa="staffing-shortfalls"]')?.textContent?.includes('riittää jokaisena tuntina'));
    for (const hour of [9, 10]) {
      expect(await text(page, `slot-1-${hour}-needed`)).toBe('Tarvitaan 1');
      expect(await page.inputValue(`#roster-1-${hour}`)).toBe('4');
      expect(await text(page, `slot-1-${hour}-verdict`)).toBe('✓ Riittää');
    }
    const saved = await server.database.db.selectFrom('staffing_roster').select(['weekday', 'hour', 'workers']).orderBy('hour').execute();
    expect(saved).toEqual([{ weekday: 1, hour: 9, workers: 4 }, { weekday: 1, hour: 10, workers: 4 }]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('says "not enough" when a busier day needs more; a 400 names the field in an error summary', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/henkilostomitoitus`);
    await page.waitForSelector(qa('staffing-basis'));
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#roster-1-9')?.value ?? '') === '4');
    // the one Monday only, and two hours a call: three calls in the nine o'clock hour are six erlangs
    await page.fill('#staffing-from', '23.11.2026');
    await page.fill('#staffing-to', '23.11.2026');
    await page.fill('#staffing-handling', '7200');
    await page.click(qa('staffing-calculate'));
    await page.waitForFunction(() => document.querySelector('[data-qa="slot-1-9-verdict"]')?.textContent?.includes('Ei riitä'));
    const needed = Number((await text(page, 'slot-1-9-needed')).replace('Tarvitaan ', ''));
    expect(needed).toBeGreaterThan(4);
    expect(await text(page, 'slot-1-9-verdict')).toBe(`✗ Ei riitä (puuttuu ${needed - 4})`);
    expect(await text(page, 'staffing-shortfalls')).toContain(`Maanantai klo 9–10: tarvitaan ${needed}, vuorossa 4`);

    // a period that ends before it starts: the server's 400 names "Jakso alkaa"
    await page.fill('#staffing-from', '30.11.2026');
    await page.click(qa('staffing-calculate'));
    await page.waitForSelector(qa('staffing-query-errors'));
    expect(await page.textContent(qa('staffing-query-errors-link'))).toMatch(/^Jakso alkaa: Anna päivämäärä/);
    expect(await page.getAttribute('#staffing-from', 'aria-invalid')).toBe('true');
    await page.click(qa('staffing-query-errors-link'));
    expect(await focusedId(page)).toBe('staffing-from');
    expect(await axeViolations(page)).toEqual([]);

    // more workers than the contract allows: the PUT's 400 names the cell by weekday and hour
    await page.fill('#roster-1-9', '600');
    await page.click(qa('roster-save'));
    await page.waitForSelector(qa('roster-errors'));
    expect(await page.textContent(qa('roster-errors-link'))).toBe('Maanantai klo 9–10, vuorossa: Anna työntekijöiden määrä kokonaislukuna 0–500 tai jätä tyhjäksi.');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('roster-errors');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('saves the service level target, which the month\'s figures then use', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/henkilostomitoitus`);
    await page.waitForSelector(qa('level-form'));
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#level-seconds')?.value ?? '') === '60');
    expect(await page.inputValue('#level-target')).toBe('80');
    await page.fill('#level-seconds', '2');
    await page.click(qa('level-save'));
    await page.waitForSelector(qa('level-errors'));
    expect(await page.textContent(qa('level-errors-link'))).toBe('Vastausaikatavoite (sekuntia): Anna sekunnit kokonaislukuna 5–3600.');
    await page.fill('#level-seconds', '15');
    await page.fill('#level-target', '90');
    await page.click(qa('level-save'));
    await page.waitForSelector(qa('level-saved'));
    const county = await server.database.db.selectFrom('county').select(['service_level_seconds', 'service_level_target']).executeTakeFirstOrThrow();
    expect([county.service_level_seconds, Number(county.service_level_target)]).toEqual([15, 0.9]);
    // the roster is kept by a settings save (PUT replaces the whole)
    expect(await server.database.db.selectFrom('staffing_roster').select('workers').execute()).toHaveLength(2);
    await openMonth(page, 'fi');
    expect(await text(page, 'reach-all-service-level-month')).toBe('25 % (1)'); // only the 10 s answer is within 15 s
    await page.close();
  });

  it('is clean for axe in Swedish, with the verdicts in Swedish', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/henkilostomitoitus?lang=sv`);
    await page.waitForSelector(qa('staffing-basis'));
    expect(await page.textContent('h1')).toBe('Bemanning');
    await page.waitForFunction(() => /Räcker|Ingen i tur/.test(document.querySelector('[data-qa="slot-1-9-verdict"]')?.textContent ?? ''));
    expect(await page.$eval('label[for="roster-1-10"]', (l) => l.textContent)).toBe('Måndag kl. 10–11: I tur');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
