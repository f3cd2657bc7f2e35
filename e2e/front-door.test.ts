/**
 * The resident's front door in Chromium: the guided contact form completed with the keyboard alone
 * in Finnish, Swedish and English, a callback request and a professional's notification, each
 * arriving in the guidance queue with its promise date. axe checks every page and every form step
 * in each language; the pages must not scroll sideways at 320 px (= 200 % zoom of a 640 px window).
 * The server's clock is a Friday evening: the lines are closed and the promise is Monday 30.11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';

const clock = { now: new Date('2026-11-27T18:00:00+02:00') };
let server: E2eServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const contactByReference = (reference: string) => server.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
type Lang = 'fi' | 'sv' | 'en';
const MONDAY: Record<Lang, RegExp> = { fi: /maanantai.*30\.11\./i, sv: /måndag.*30\.11\./i, en: /Monday.*30 November/ };

async function expectNoViolations(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}
async function noSidewaysScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}
/** Keyboard only: Tab to the control, then press the key a person would. */
async function press(page: Page, selector: string, key: string) {
  await tabToSelector(page, selector, 80);
  await page.keyboard.press(key);
}
async function typeInto(page: Page, selector: string, text: string) {
  await tabToSelector(page, selector, 80);
  await page.keyboard.type(text);
}
async function nextStep(page: Page, step: string) {
  await press(page, qa('next'), 'Enter');
  await page.waitForSelector(qa(`step-${step}`));
  // focus moved to the new step's heading: a keyboard user continues from there
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-qa'))).toBe('step-title');
  await expectNoViolations(page, `step ${step}`);
}

describe('the guided contact form in Chromium, keyboard only', () => {
  const cases: { lang: Lang; anonymous: boolean; urgency: 'danger' | 'normal'; text: string }[] = [
    { lang: 'fi', anonymous: false, urgency: 'normal', text: 'Rahat eivät riitä vuokraan ja ruokaan. Tarvitsen neuvoja.' },
    { lang: 'sv', anonymous: true, urgency: 'normal', text: 'Jag vet inte vart jag ska vända mig med mina skulder.' },
    { lang: 'en', anonymous: false, urgency: 'danger', text: 'My neighbour is afraid of her partner and asked me to find help.' },
  ];
  for (const c of cases) {
    it(`is completed in ${c.lang} (${c.anonymous ? 'anonymous' : 'identified'}), shows Monday 30.11. and lands in the queue with that date`, async () => {
      const page = await newPage(browser);
      await page.goto(`${server.url}/?lang=${c.lang}`);
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-qa="service-promise"]')?.textContent ?? ''));
      expect(await page.getAttribute('html', 'lang')).toBe(c.lang);
      expect(await page.textContent(qa('service-promise'))).toMatch(MONDAY[c.lang]);
      await page.waitForSelector(qa('line-working_age'));
      await expectNoViolations(page, 'front page');

      await press(page, qa('start-contact'), 'Enter');
      // first, plainly: is someone in danger now?
      await page.waitForSelector(qa('step-safety'));
      await expectNoViolations(page, 'step safety');
      // Continue without an answer: the error is announced and tied to the question
      await press(page, qa('next'), 'Enter');
      await page.waitForSelector(qa('error-summary'));
      expect(await page.getAttribute('#danger-yes', 'aria-invalid')).toBe('true');
      await expectNoViolations(page, 'step safety with an error');
      await tabToSelector(page, '#danger-yes', 80);
      if (c.urgency === 'danger') {
        await page.keyboard.press('Space');
        await page.waitForSelector(qa('acute-alert'));
        expect(await page.getAttribute(qa('call-emergency-tel'), 'href')).toBe('tel:112');
        await expectNoViolations(page, 'danger answered');
      } else {
        await page.keyboard.press('ArrowDown');
        expect(await page.isChecked('#danger-no')).toBe(true);
      }
      await nextStep(page, 'about');
      await press(page, '#about-self', 'Space');
      await nextStep(page, 'topic');
      await press(page, '#topic-money', 'Space');
      await typeInto(page, '#text', c.text);
      if (c.urgency === 'danger') {
        // "someone is in danger" needs no urgency question
        await nextStep(page, 'identity');
      } else {
        await nextStep(page, 'urgency');
        await tabToSelector(page, '#urgency-today', 80);
        await page.keyboard.press('ArrowDown');
        expect(await page.isChecked('#urgency-normal')).toBe(true);
        await nextStep(page, 'identity');
      }
      if (c.anonymous) {
        await tabToSelector(page, '#identity-identified', 80);
        await page.keyboard.press('ArrowDown');
        await page.waitForSelector(qa('anonymous-notice'));
      } else {
        await press(page, '#identity-identified', 'Space');
        await typeInto(page, '#name', 'Testi Asukas');
        await typeInto(page, '#phone', '040 123 4567');
        await press(page, qa('next'), 'Enter');
        await page.waitForSelector(qa('consent-error')); // the consent is asked for, at its box
        await expectNoViolations(page, 'identity with an error');
        await press(page, '#consent', 'Space');
      }
      await expectNoViolations(page, 'step identity');
      await nextStep(page, 'review');
      expect(await page.textContent(qa('review'))).toContain(c.text);

      await press(page, qa('send'), 'Enter');
      await page.waitForSelector(qa('receipt'));
      if (c.urgency === 'danger') {
        // the acute receipt: call now, no promised reply date, no line that is closed now
        await page.waitForSelector(qa('acute-receipt-title'));
        expect(await page.getAttribute(qa('call-emergency-tel'), 'href')).toBe('tel:112');
        expect(await page.locator(qa('receipt-promise')).count()).toBe(0);
        expect(await page.locator(qa('receipt-tel')).count()).toBe(0);
      } else {
        const promise = await page.textContent(qa('receipt-promise'));
        expect(promise).toMatch(MONDAY[c.lang]);
        expect(await page.getAttribute(qa('receipt-tel'), 'href')).toMatch(/^tel:\d+/);
      }
      const reference = (await page.textContent(qa('receipt-reference')))!;
      expect(reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{4}$/);
      await expectNoViolations(page, 'receipt');

      const row = await contactByReference(reference);
      expect(row).toMatchObject({ channel: 'web_form', respond_by: '2026-11-30', anonymous: c.anonymous, language: c.lang, main_reason: 'income', urgency: c.urgency === 'danger' ? 'emergency' : 'non_urgent', acute: c.urgency === 'danger' });
      if (!c.anonymous) expect(row.person_phone).toBe('+358401234567');
      else {
        expect(row.person_phone).toBeNull();
        // advice instead of a callback: where to find help oneself
        expect(await page.locator(`${qa('receipt-self-service')} a`).count()).toBeGreaterThan(1);
      }
      await page.context().close();
    }, 120_000); // a whole form by keyboard with seven axe passes: slow on a loaded machine, never timed
  }

  it('the worker sees the request in the queue with its promise date', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/public/contact-requests', payload: { lang: 'fi', anonymous: true, text: 'Kysyisin asumisesta.', topic: 'housing' } });
    const { reference } = res.json() as { reference: string };
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/?channel=web_form`);
    const row = qa(`queue-row-${reference}`);
    await page.waitForSelector(row);
    expect(await page.textContent(`${row} td:nth-child(2)`)).toContain('30.11.');
    await page.context().close();
  });
});

describe('what the words say', () => {
  it('shows the emergency numbers at once when the text tells of an acute situation', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/yhteydenotto?lang=sv`);
    await page.check('#danger-no');
    await page.click(qa('next'));
    await page.check('#about-self');
    await page.click(qa('next'));
    await page.check('#topic-mental_health');
    await page.fill('#text', 'Jag vill inte leva längre och har tagit alla mina tabletter.');
    // on the step where it is typed, before going on
    await page.waitForSelector(qa('acute-alert'));
    expect(await page.textContent(qa('acute-alert'))).toContain('112');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('what the words suggest', () => {
  // the county's catalogue: the real PTV export (its import takes seconds under load: a hook of its own)
  beforeAll(async () => { await importPtvFolder(server.database.db, await resolveCountyId(server.database.db), PTV_FIXTURE); }, 120_000);

  it('offers the topic the text points to, and the receipt lists services that may help already now', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/yhteydenotto`);
    await page.check('#danger-no');
    await page.click(qa('next'));
    await page.check('#about-self');
    await page.click(qa('next'));
    await page.fill('#text', 'Olen velkaa pikavipeistä ja ulosotto uhkaa, en saa laskuja maksettua.');
    await page.waitForSelector(qa('triage-suggestion'));
    expect(await page.textContent(qa('triage-suggestion'))).toContain('Raha');
    expect(await axeViolations(page)).toEqual([]);
    await page.click(qa('triage-choose-topic'));
    expect(await page.isChecked('#topic-money')).toBe(true);
    await page.waitForSelector(qa('triage-suggestion'), { state: 'detached' });
    await page.click(qa('next'));
    await page.check('#urgency-normal');
    await page.click(qa('next'));
    await page.check('#identity-anonymous');
    await page.click(qa('next'));
    await page.click(qa('send'));
    await page.waitForSelector(qa('receipt-services'));
    expect(await page.textContent(qa('receipt-services'))).toContain('velkaneuvonta');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('when sending fails', () => {
  it('a 503 shows "nothing was saved, try again"; the retry reuses the Idempotency-Key and one contact is created', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/yhteydenotto?lang=en`);
    await page.check('#danger-no');
    await page.click(qa('next'));
    await page.check('#about-close_one');
    await page.click(qa('next'));
    await page.check('#topic-housing');
    await page.fill('#text', 'My brother is about to lose his flat.');
    await page.click(qa('next'));
    await page.check('#urgency-normal');
    await page.click(qa('next'));
    await page.check('#identity-anonymous');
    await page.click(qa('next'));
    await page.waitForSelector(qa('step-review'));

    const keys: string[] = [];
    let failNext = true;
    await page.route('**/api/public/contact-requests', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (failNext) {
        failNext = false;
        await route.fulfill({ status: 503, headers: { 'retry-after': '5' }, contentType: 'application/problem+json', body: JSON.stringify({ status: 503, code: 'service_unavailable', title: 'x' }) });
      } else {
        await route.continue();
      }
    });
    const before = (await server.database.db.selectFrom('contact').select('id').execute()).length;
    await page.click(qa('send'));
    await page.waitForSelector(qa('error-summary'));
    expect(await page.textContent(qa('error-summary'))).toContain('nothing was saved');
    await expectNoViolations(page, 'review after a failed send');
    await page.dblclick(qa('send')); // an impatient double click on the retry
    await page.waitForSelector(qa('receipt'));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect((await server.database.db.selectFrom('contact').select('id').execute()).length).toBe(before + 1);
    const row = await contactByReference((await page.textContent(qa('receipt-reference')))!);
    expect(row).toMatchObject({ contactor: 'close_one', anonymous: true, main_reason: 'housing' });
    await page.context().close();
  });
});

describe('the callback request and the professional’s notification in Chromium', () => {
  it('a callback request becomes a callback task on the chosen line', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/soittopyynto?lang=en`);
    await page.waitForSelector('#line-working_age');
    await expectNoViolations(page, 'callback form');
    await press(page, qa('send'), 'Enter');
    await page.waitForSelector(qa('error-summary'));
    await expectNoViolations(page, 'callback form with errors');
    await press(page, '#danger-yes', 'ArrowDown'); // no one is in danger
    expect(await page.isChecked('#danger-no')).toBe(true);
    await press(page, '#line-working_age', 'ArrowDown'); // the next line: older people
    await typeInto(page, '#phone', '050 765 4321');
    await press(page, qa('send'), 'Enter');
    await page.waitForSelector(qa('receipt'));
    expect(await page.textContent(qa('receipt-promise'))).toMatch(MONDAY.en);
    await expectNoViolations(page, 'callback receipt');
    const row = await contactByReference((await page.textContent(qa('receipt-reference')))!);
    expect(row).toMatchObject({ channel: 'callback', person_phone: '+358507654321', respond_by: '2026-11-30', service_area: 'older_people', language: 'en' });
    await page.context().close();
  });

  it('a child welfare notification by a professional arrives urgent with its LsL 26 § deadline', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/ammattilaiselle`);
    await page.waitForSelector(qa('professional-form'));
    await expectNoViolations(page, 'professional form');
    await page.click(qa('send'));
    await page.waitForSelector(qa('error-summary'));
    await expectNoViolations(page, 'professional form with errors');
    await page.check('#kind-child_welfare');
    await page.waitForSelector(qa('child-welfare-note'));
    await page.check('#contactor-authority');
    await page.fill('#name', 'Kaisa Kuraattori');
    await page.fill('#organisation', 'Seinäjoen yhteiskoulu');
    await page.fill('#phone', '06 000 2000');
    await page.fill('#subjectName', 'Leo Lapsi');
    // a child welfare notification is not a consent question (LsL 25 §): the form does not ask it
    expect(await page.$('#subjectConsent-given')).toBeNull();
    await page.fill('#text', 'Oppilas on ollut poissa kaksi viikkoa eikä kotiin saada yhteyttä.');
    await page.check('#urgency-non_urgent');
    await expectNoViolations(page, 'professional form filled');
    await page.click(qa('send'));
    await page.waitForSelector(qa('receipt'));
    // Friday evening, guidance closed: the child welfare notification went to the social emergency service at once
    expect(await page.getAttribute(qa('receipt-social-emergency-tel'), 'href')).toBe('tel:0600000113');
    await expectNoViolations(page, 'professional receipt');
    const row = await contactByReference((await page.textContent(qa('receipt-reference')))!);
    // LsL 26 §: its urgency is assessed at once, so it is due the day it arrived, Friday evening or not
    expect(row).toMatchObject({ channel: 'e_notification', contactor: 'authority', urgency: 'urgent', notification_kind: 'child_welfare', legal_basis: 'lsl_26', legal_deadline: '2026-12-08', respond_by: '2026-11-27' });
    await page.context().close();

    // the guidance worker sees who notified and the deadline with its basis; nothing about consent
    const worker = await signedInPage(browser, server, 'ohjaaja');
    await worker.goto(`${server.url}/tyo/yhteydenotot/${row.id}`);
    await worker.waitForSelector(qa('contact-notifier'));
    expect(await worker.textContent(qa('contact-notifier'))).toContain('Kaisa Kuraattori, Seinäjoen yhteiskoulu');
    expect(await worker.$(qa('contact-subject-consent'))).toBeNull();
    expect(await worker.textContent(qa('contact-legal-deadline'))).toContain('8.12.');
    expect(await worker.textContent(qa('contact-legal-deadline'))).toContain('LsL 26 §');
    expect(await worker.textContent(qa('contact-urgency-assessment-due'))).toBeTruthy();
    await expectNoViolations(worker, 'worker view of a notification');
    await worker.goto(`${server.url}/tyo/`);
    await worker.waitForSelector(`${qa(`queue-row-${row.reference}`)} ${qa('queue-legal-deadline')}`);
    await worker.context().close();
  });
});

describe('every public page', () => {
  for (const lang of ['fi', 'sv', 'en'] as const) {
    it(`has no axe violations in ${lang}, and no sideways scrolling at 320 px and 640 px`, async () => {
      for (const width of [1280, 640, 320]) {
        const page = await newPage(browser, { width });
        for (const path of ['/', '/yhteydenotto', '/soittopyynto', '/ammattilaiselle', '/saavutettavuus']) {
          await page.goto(`${server.url}${path}?lang=${lang}`);
          await page.waitForSelector(qa('acute-box'));
          await page.waitForFunction(() => !document.body.textContent?.includes('…'));
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          if (width === 1280) await expectNoViolations(page, `${path} ${lang}`);
          expect(await noSidewaysScroll(page), `${path} at ${width}px`).toBe(true);
        }
        await page.context().close();
      }
    });
  }

  it('the accessibility statement gives a feedback channel', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/saavutettavuus`);
    expect(await page.getAttribute(qa('accessibility-feedback'), 'href')).toMatch(/^mailto:.+@/);
    await page.context().close();
  });
});
