/**
 * A guidance worker's day in Chromium, in Finnish: a phone call, a missed call's callback and a
 * walk-in, each taken through to a closed contact with complete statistics; the keyboard-only
 * quick log; the supervisor's live view. The server's clock is fixed to a Monday morning so the
 * lines are open and the promise dates are known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';

const CTI_TOKEN = 'e2e-cti-token-0123456789abcdef';
const clock = { now: new Date('2026-11-23T10:00:00+02:00') }; // Monday: promise for non-urgent = Tuesday 24.11.

let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ ctiToken: CTI_TOKEN }, undefined, () => clock.now), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const cti = async (event: Record<string, unknown>) => {
  const res = await server.app.inject({ method: 'POST', url: '/api/cti/events', headers: { authorization: `Bearer ${CTI_TOKEN}` }, payload: event });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { contactId: string; reference: string; status: string; callback: boolean };
};
const contactRow = (id: string) => server.database.db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function closeWithStatistics(page: Page, s: { outcome: string; reason: string; contactor: string; led: 'yes' | 'no'; minutes?: string }) {
  await page.selectOption('#close-outcome', s.outcome);
  await page.selectOption('#close-reason', s.reason);
  await page.selectOption('#close-contactor', s.contactor);
  await page.check(qa(`close-led-${s.led}`));
  if (s.minutes) await page.fill('#close-minutes', s.minutes);
  await page.click(qa('close-submit'));
  await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Päätetty');
}

describe('the guidance worker in Chromium', () => {
  it('sees a phone call arrive in the open queue without reloading, takes it and closes it with the statistics', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(`${qa('queue')}, ${qa('queue-empty')}`);
    expect(await axeViolations(page)).toEqual([]);

    const call = await cti({ event: 'newCall', callId: 'e2e-call-1', from: '+358401234567', to: 'working_age' });
    const row = qa(`queue-row-${call.reference}`);
    await page.waitForSelector(row, { timeout: 10_000 }); // the queue refreshes itself
    expect(await page.textContent(`${row} td:nth-child(2)`)).toContain('24.11.');
    await cti({ event: 'answer', callId: 'e2e-call-1', user: 'ohjaaja' });
    await page.waitForFunction((sel) => document.querySelector(`${sel} [data-qa="queue-status"]`)?.textContent === 'Käsittelyssä', row, { timeout: 10_000 });

    await page.click(`${row} ${qa('queue-open')}`);
    await page.waitForSelector(qa('contact-view'));
    expect(await page.textContent(qa('contact-assignee'))).toBe('Olli Ohjaaja');
    expect(await page.textContent(qa('caller-number'))).toBe('+358401234567');
    expect(await axeViolations(page)).toEqual([]);
    await cti({ event: 'hangup', callId: 'e2e-call-1', cause: 'normalClearing' });

    // Closing without the statistics is refused with a message at each field.
    await page.click(qa('close-submit'));
    expect(await page.textContent(qa('close-outcome-error'))).toBe('Pakollinen tieto');
    expect(await page.getAttribute('#close-outcome', 'aria-invalid')).toBe('true');

    await closeWithStatistics(page, { outcome: 'advice_given', reason: 'income', contactor: 'self', led: 'no', minutes: '6' });
    const closed = await contactRow(call.contactId);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'advice_given', main_reason: 'income', contactor: 'self', led_to_client_relationship: false, handling_seconds: 360, channel: 'phone' });
    expect(closed.caller_number).toBeNull(); // an anonymous caller's number goes when the contact closes
    expect(closed.first_response_at).not.toBeNull();
    await page.waitForSelector(qa('event-closed'));
  });

  it('turns a missed call into a callback task and works it through failed and successful attempts', async () => {
    const call = await cti({ event: 'newCall', callId: 'e2e-call-2', from: '050 111 2233', to: 'older_people' });
    const missed = await cti({ event: 'hangup', callId: 'e2e-call-2', cause: 'cancel' });
    expect(missed.callback).toBe(true);

    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    const row = qa(`queue-row-${call.reference}`);
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} td:nth-child(4)`)).toBe('Takaisinsoitto');
    await page.click(`${row} ${qa('queue-open')}`);
    await page.click(qa('claim'));
    await page.waitForSelector(qa('attempt-no_answer'));
    await page.click(qa('attempt-no_answer'));
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Odottaa (Soittoyritys)');
    expect(await page.textContent(qa('callback-attempts'))).toContain('1/3');

    clock.now = new Date('2026-11-23T10:25:00+02:00'); // within the session's idle time
    await page.click(qa('attempt-reached'));
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');
    await closeWithStatistics(page, { outcome: 'message_to_service', reason: 'ageing_home_care', contactor: 'close_one', led: 'yes' });
    const closed = await contactRow(call.contactId);
    expect(closed).toMatchObject({ channel: 'callback', outcome: 'message_to_service', led_to_client_relationship: true, contactor: 'close_one' });
    expect(closed.handling_seconds).toBe(25 * 60); // from the claim at 10:00 to the close at 10:25
    const attempts = await server.database.db.selectFrom('callback_attempt').select('result').where('contact_id', '=', call.contactId).orderBy('at').execute();
    expect(attempts.map((a) => a.result)).toEqual(['no_answer', 'reached']);
    clock.now = new Date('2026-11-23T10:00:00+02:00');
  });

  it('registers an identified walk-in, records consent and closes it', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.click(qa('nav-new'));
    await page.waitForSelector(qa('new-contact'));
    expect(await page.inputValue('#new-channel')).toBe('walk_in');
    await page.selectOption('#new-contactor', 'self');
    await page.check(qa('new-identification-identified'));
    await page.fill('#new-name', 'Jaska Jokunen');
    await page.fill('#new-phone', '040 765 4321');
    await page.fill('#new-hetu', '131052-308U'); // wrong check character
    await page.selectOption('#new-municipality', '743');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('new-submit'));
    await page.waitForSelector(qa('new-hetu-error'));
    expect(await page.textContent(qa('new-hetu-error'))).toContain('Henkilötunnus ei ole oikein');
    await page.fill('#new-hetu', '131052-308T');
    await page.click(qa('new-submit'));

    await page.waitForSelector(qa('contact-view'));
    expect(await page.textContent(qa('contact-person'))).toBe('Jaska Jokunen, +358407654321, 131052-308T');
    expect(await page.textContent(qa('contact-respond-by'))).toContain('24.11.');
    await page.click(qa('claim'));
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');
    await page.fill('#consent-target', 'Aikuissosiaalityö');
    await page.click(qa('consent-submit'));
    await page.waitForSelector(qa('consent'));
    expect(await page.textContent(qa('consent'))).toContain('Tietojen välittäminen yksikölle: Aikuissosiaalityö');
    expect(await axeViolations(page)).toEqual([]);

    await closeWithStatistics(page, { outcome: 'message_to_service', reason: 'income', contactor: 'self', led: 'yes' });
    const id = page.url().split('/').at(-1)!;
    const closed = await contactRow(id);
    expect(closed).toMatchObject({ channel: 'walk_in', anonymous: false, person_name: 'Jaska Jokunen', outcome: 'message_to_service', municipality_id: expect.any(String) });
    const logged = await server.database.db.selectFrom('access_log').select('action').where('subject_id', '=', id).execute();
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'read']));
  });

  it('quick-logs advice-only calls with the keyboard alone', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('nav-quick-log'));
    await tabToSelector(page, qa('nav-quick-log')); // from the top of the page, through the navigation
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('quick-log'));
    expect(await axeViolations(page)).toEqual([]);

    // The form opens with "who contacted" focused; letters pick an option, Tab moves on, Enter saves.
    const started = Date.now();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quick-contactor');
    await page.keyboard.type('Asi'); // Asiakas itse
    await page.keyboard.press('Tab');
    await page.keyboard.type('Etuu'); // Etuudet ja hakemukset (Kela ym.)
    await page.keyboard.press('Tab'); // outcome: "Neuvonta riitti" is already chosen
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('quick-saved'));
    const seconds = (Date.now() - started) / 1000;
    console.warn(`quick log with the keyboard: ${seconds.toFixed(1)} s of test-driver time for one call`);
    const reference = /: (\S+)$/.exec((await page.textContent(qa('quick-saved')))!)![1]!;
    const logged = await server.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ status: 'closed', channel: 'phone', contactor: 'self', main_reason: 'benefits_applications', outcome: 'advice_given', anonymous: true, led_to_client_relationship: false });

    // Ready for the next call: focus back on the first field, the form empty, channel kept.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('quick-contactor');
    expect(await page.inputValue('#quick-reason')).toBe('');
    await page.keyboard.press('Enter'); // nothing chosen: the missing fields are named, nothing is saved
    expect(await page.textContent(qa('quick-contactor-error'))).toBe('Pakollinen tieto');
    await page.keyboard.type('Lä'); // Läheinen
    await page.keyboard.press('Tab');
    await page.keyboard.type('Asu'); // Asuminen, häätöuhka, asunnottomuus
    await page.keyboard.press('Enter');
    await page.waitForFunction((previous) => !document.querySelector('[data-qa="quick-saved"]')?.textContent?.endsWith(previous), reference);
    const count = await server.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).where('main_reason', '=', 'housing').where('contactor', '=', 'close_one').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('the supervisor in Chromium', () => {
  it('sees who holds a contact and takes it over; the timeline says so (issue 13: claimed means claimed)', async () => {
    const call = await cti({ event: 'newCall', callId: 'e2e-held-1', from: '+358401112233', to: 'working_age' });
    await cti({ event: 'answer', callId: 'e2e-held-1', user: 'ohjaaja' });
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/yhteydenotot/${call.contactId}`);
    await page.waitForSelector(qa('contact-held-by'));
    expect(await page.textContent(qa('contact-held-by'))).toBe('Olli Ohjaaja käsittelee tätä yhteydenottoa. Pyydä häntä tai esihenkilöä tekemään muutos.');
    expect(await page.$(qa('close-submit'))).toBeNull(); // no changing a held contact in passing
    expect(await axeViolations(page)).toEqual([]);
    await page.fill('#take-over-reason', 'Olli lähti kesken päivän');
    await page.click(qa('take-over'));
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-assignee"]')?.textContent === 'Eeva Esihenkilö');
    expect(await page.$(qa('contact-held-by'))).toBeNull();
    expect(await page.textContent(qa('event-taken_over'))).toContain('Esihenkilö otti käsittelyyn (Eeva Esihenkilö)');
    const eeva = await server.database.db.selectFrom('app_user').select('id').where('username', '=', 'esihenkilo').executeTakeFirstOrThrow();
    expect((await contactRow(call.contactId)).assigned_user_id).toBe(eeva.id);
    await page.close();
  });

  it('sees the live view and the month in statistics', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva`);
    await page.waitForSelector(qa('overview'));
    await page.selectOption('#stats-month-year', '2026');
    await page.selectOption('#stats-month-month', '11');
    await page.waitForSelector(qa('stats-total'));
    expect(Number(await page.textContent(qa('stats-total')))).toBeGreaterThanOrEqual(3);
    expect(await page.getAttribute(qa('stats-csv'), 'href')).toBe('/api/statistics/monthly.csv?month=2026-11&lang=fi');
    expect(await axeViolations(page)).toEqual([]);
  });
});
