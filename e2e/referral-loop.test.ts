/**
 * "Saattaen vaihtaen" in Chromium: a guidance worker refers Jaska (seed 002) to adult social work
 * with his consent; the unit worker accepts, contacts him and completes with an outcome; the
 * guidance worker sees the whole loop on the contact. An unaccepted referral escalates on time
 * (the job's reminder, the supervisor's view); a returned one comes back to the queue. The
 * emergency department's form lands in the queue. The server's clock is a Monday morning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, type E2eServer } from './support.js';
import { formatHetu } from '../src/domain/hetu.js';
import { escalateReferrals } from '../src/server/features/referrals/public.js';

const clock = { now: new Date('2026-11-23T10:00:00+02:00') };
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const JASKA_HETU = formatHetu('1996-03-14', 123);

/** A guidance worker registers Jaska's call with his details and consent (in the UI, as on the phone). */
async function jaskaOnThePhone(page: Page): Promise<string> {
  await page.goto(`${server.url}/tyo/uusi`);
  await page.waitForSelector('#new-channel');
  await page.selectOption('#new-channel', 'phone');
  await page.check(qa('new-identification-identified'));
  await page.fill('#new-name', 'Jaska Jokunen');
  await page.fill('#new-hetu', JASKA_HETU);
  await page.fill('#new-phone', '040 765 4321');
  await page.selectOption('#new-reason', 'income');
  await page.fill('#new-note', 'Työmarkkinatuki katkesi, laskuja maksamatta, ei yhteyttä TE-palveluihin.');
  await page.click(qa('new-submit'));
  await page.waitForSelector(qa('contact-view'));
  const id = page.url().split('/').pop()!;
  await page.click(qa('claim'));
  await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');
  await page.selectOption('#consent-purpose', 'forward_to_unit');
  await page.fill('#consent-target', 'Aikuissosiaalityö');
  await page.click(qa('consent-submit'));
  await page.waitForSelector(qa('consent'));
  return id;
}

async function refer(page: Page, summary: string) {
  await page.selectOption('#referral-kind', 'referral_for_assessment');
  await page.selectOption('#referral-assessment', 'pta');
  await page.selectOption('#referral-unit', 'adult_social_work');
  await page.fill('#referral-summary', summary);
  // the consent just recorded is the basis: chosen explicitly, nothing is pre-selected (issue 14)
  await page.check(qa('referral-basis-consent'));
  await page.waitForSelector('#referral-consent');
  await page.click(qa('referral-submit'));
  await page.waitForSelector(qa('referral'));
}

// the first two are multi-actor scenarios (three or four signed-in pages each): a minute each
describe('the closed loop in Chromium', () => {
  it('Jaska: referred with consent, accepted, contacted, completed; the guidance worker sees the whole loop', async () => {
    const guide = await signedInPage(browser, server, 'ohjaaja');
    const contactId = await jaskaOnThePhone(guide);

    // Without a basis the referral is refused at the field, and nothing is sent.
    await guide.check(qa('referral-basis-legal'));
    await guide.selectOption('#referral-unit', 'adult_social_work');
    await guide.fill('#referral-summary', 'x');
    await guide.click(qa('referral-submit'));
    await guide.waitForSelector(qa('referral-error'));
    expect(await guide.$$(qa('referral'))).toHaveLength(0);
    await guide.check(qa('referral-basis-consent'));

    await refer(guide, 'Toimeentulo ja työllistyminen: palvelutarpeen arviointi ja asiakassuunnitelma.');
    expect(await guide.textContent(qa('referral-status'))).toBe('Odottaa vastaanottoa');
    expect(await guide.textContent(qa('referral'))).toContain('24.11.');
    expect(await axeViolations(guide)).toEqual([]);

    // The unit worker's inbox: no personal data in the list; the person is read on opening.
    const unit = await signedInPage(browser, server, 'yksikko');
    await unit.goto(`${server.url}/tyo/`);
    await unit.waitForSelector(qa('inbox'));
    expect(await unit.textContent(qa('inbox'))).not.toContain('Jaska');
    expect(await axeViolations(unit)).toEqual([]);
    await unit.click(`${qa('inbox')} ${qa('inbox-open')}`);
    await unit.waitForSelector(qa('referral-view'));
    expect(await unit.textContent(qa('referral-person'))).toContain('Jaska Jokunen');
    expect(await unit.textContent(qa('referral-summary'))).toContain('asiakassuunnitelma');
    expect(await axeViolations(unit)).toEqual([]);

    await unit.click(qa('referral-accept'));
    await unit.waitForFunction(() => document.querySelector('[data-qa="referral-status"]')?.textContent === 'Vastaanotettu');
    await unit.click(qa('referral-contacted'));
    await unit.waitForFunction(() => document.querySelector('[data-qa="referral-status"]')?.textContent === 'Asiakkaaseen otettu yhteyttä');
    await unit.selectOption('#referral-outcome', 'got_help');
    await unit.fill('#referral-outcome-note', 'Asiakassuunnitelma tehty; kuntouttava työtoiminta alkaa.');
    await unit.click(qa('referral-complete'));
    await unit.waitForFunction(() => document.querySelector('[data-qa="referral-status"]')?.textContent === 'Valmis');
    expect(await unit.textContent(qa('referral-outcome'))).toContain('Sai apua');

    // The guidance worker sees every step on the contact (it refreshes itself).
    await guide.waitForFunction(() => document.querySelector('[data-qa="referral-status"]')?.textContent === 'Valmis', undefined, { timeout: 15_000 });
    for (const kind of ['referral_sent', 'referral_accepted', 'referral_client_contacted', 'referral_completed']) {
      await guide.waitForSelector(qa(`event-${kind}`));
    }
    expect(await guide.textContent(qa('event-referral_completed'))).toContain('Sai apua');
    const logged = await server.database.db.selectFrom('access_log').select('actor_label').where('subject_type', '=', 'referral').where('action', '=', 'read').execute();
    expect(logged.map((l) => l.actor_label)).toContain('yksikko');
    expect(contactId).toMatch(/^[0-9a-f-]{36}$/);
  }, 60_000);

  it('an unaccepted referral escalates on time; a returned one comes back to the queue', async () => {
    const guide = await signedInPage(browser, server, 'ohjaaja');
    const contactId = await jaskaOnThePhone(guide);
    await refer(guide, 'Velkaneuvonta ja toimeentulotuki.');

    // Tuesday passes without acceptance: on Wednesday morning the job reminds the unit.
    clock.now = new Date('2026-11-25T08:00:00+02:00');
    expect((await escalateReferrals(server.database.db, clock.now)).escalated).toBe(1);
    const supervisor = await signedInPage(browser, server, 'esihenkilo');
    await supervisor.goto(`${server.url}/tyo/tilannekuva`);
    await supervisor.waitForSelector(`${qa('overdue-referrals')} table`);
    expect(await supervisor.textContent(qa('overdue-referrals'))).toContain('Ei vastaanotettu');
    expect(await axeViolations(supervisor)).toEqual([]);

    const unit = await signedInPage(browser, server, 'yksikko');
    await unit.goto(`${server.url}/tyo/lahetteet`);
    await unit.waitForSelector(qa('inbox-reminded'));
    await unit.click(`${qa('inbox')} tr.overdue ${qa('inbox-open')}`);
    await unit.waitForSelector(qa('referral-view'));
    await unit.fill('#referral-reason', 'Velkaneuvonta kuuluu talous- ja velkaneuvonnalle; ohjatkaa sinne.');
    await unit.click(qa('referral-return'));
    await unit.waitForFunction(() => document.querySelector('[data-qa="referral-status"]')?.textContent === 'Palautettu');

    // The matter is the guidance unit's again: open in the queue, the return counted.
    const queuePage = await signedInPage(browser, server, 'ohjaaja');
    await queuePage.goto(`${server.url}/tyo/yhteydenotot/${contactId}`);
    await queuePage.waitForSelector(qa('referral-returns'));
    expect(await queuePage.textContent(qa('referral-status'))).toBe('Palautettu');
    await queuePage.waitForSelector(qa('event-referral_escalated'));
    clock.now = new Date('2026-11-23T10:00:00+02:00');
  }, 60_000);

  it('the emergency department refers a patient; the social care professional finds it in the queue', async () => {
    const ed = await signedInPage(browser, server, 'paivystys');
    await ed.goto(`${server.url}/tyo/`);
    await ed.waitForSelector(qa('ed-form'));
    expect(await axeViolations(ed)).toEqual([]);
    await ed.fill('#ed-name', 'Pertti Potilas');
    await ed.fill('#ed-needs', 'Kaatui kotona, asuu yksin, ei pärjää kotiutuessa.');
    await ed.check(qa('ed-consent-given'));
    await ed.fill('#ed-department', 'Seinäjoen keskussairaalan yhteispäivystys');
    await ed.fill('#ed-desk-phone', '06 415 4111');
    await ed.click(qa('ed-submit'));
    await ed.waitForSelector(qa('ed-receipt'));
    const reference = /[2-9A-Z]{3}-[2-9A-Z]{4}/.exec((await ed.textContent(qa('ed-receipt')))!)![0];

    const guide = await signedInPage(browser, server, 'ohjaaja');
    await guide.goto(`${server.url}/tyo/`);
    await guide.selectOption(qa('filter-channel'), 'emergency_department');
    await guide.waitForSelector(qa(`queue-row-${reference}`));
  });
});
