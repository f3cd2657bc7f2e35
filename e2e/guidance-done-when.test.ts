/**
 * Issue 17's "Done when", end to end in Chromium against one real server, in Finnish:
 *
 * Jusa-Petteri (seed 002): his third vague contact in two months proposes level 2 on the contact
 * page; the worker raises it with the keyboard, recording his consent; the first assessment
 * surfaces low mood and isolation; a follow-up is booked for a later day and done; he is referred
 * with his consent and the unit closes the loop; the case closes anchored in a service.
 *
 * Jaska (seed 002): an identified contact raised to level 3 with a named responsible worker; his
 * whole situation mapped; a plan of goals and steps (rehabilitative work among them); a
 * multi-professional meeting with the employment services proposed by the triggers and recorded;
 * follow-ups and outreach ("ei luovuteta") until rehabilitative work starts; closed anchored.
 *
 * Every page visited is axe-clean (WCAG 2.1 AA). The server's clock moves day by day; the dates
 * typed are the server's days. Earlier contacts are registered through the API with `receivedAt`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { formatHetu } from '../src/domain/hetu.js';

const clock = { now: new Date('2026-11-23T10:00:00+02:00') }; // Monday
const at = (day: string) => new Date(`${day}T10:00:00+02:00`);
let server: E2eServer;
let browser: Browser;
let worker: Record<string, string>;
beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
  worker = (await login(server.app, 'ohjaaja')).headers;
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const post = async (url: string, payload: object, headers = worker) => {
  const res = await server.app.inject({ method: 'POST', url, payload, headers });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as Record<string, unknown>;
};

async function expectClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}
const textOf = async (page: Page, selector: string) => (await page.textContent(selector)) ?? '';
/** Waits until an element matching `selector` has `text` in it (the page refreshes itself after each change). */
const waitForText = (page: Page, selector: string, text: string) =>
  page.waitForFunction(([sel, t]) => [...document.querySelectorAll(sel!)].some((e) => (e.textContent ?? '').includes(t!)), [selector, text] as const);

/** A contact of an identified person, registered by the worker (API: the earlier ones are in the past). */
async function contact(person: { name: string; hetu: string; phone?: string }, extra: Record<string, unknown> = {}): Promise<string> {
  const created = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, serviceArea: 'working_age', person, ...extra });
  return created.id as string;
}

/**
 * A later day: the server's clock moves on and the worker signs in again that morning (the session
 * of the day before has ended), then opens the same page again.
 */
async function dayPasses(page: Page, day: string) {
  clock.now = at(day);
  const session = await login(server.app, 'ohjaaja');
  worker = session.headers;
  const [name, value] = session.cookie.split(';')[0]!.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: server.url }]);
  await page.reload();
}

async function openCaseFromContact(page: Page): Promise<string> {
  await page.click(qa('guidance-raised-case-link'));
  await page.waitForSelector(qa('case-page'));
  return page.url().split('/').pop()!.split('?')[0]!;
}

/** The first open follow-up on the case page: marked done with the result and a note. */
async function markFirstFollowUpDone(page: Page, result: 'reached' | 'not_reached', note: string) {
  const item = qa('follow-up-open');
  const before = (await page.$$(qa('follow-up-done'))).length;
  await page.click(`${item} ${qa('follow-up-done-toggle')}`);
  await page.selectOption(`${item} ${qa('follow-up-result')}`, result);
  await page.fill(`${item} ${qa('follow-up-note')}`, note);
  await page.click(`${item} ${qa('follow-up-done-submit')}`);
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel!).length > Number(n), [qa('follow-up-done'), String(before)] as const);
}

async function bookFollowUp(page: Page, dueOn: string, purpose: string) {
  const before = (await page.$$(qa('follow-up-open'))).length;
  await page.fill(qa('follow-up-due'), dueOn);
  await page.fill(qa('follow-up-purpose'), purpose);
  await page.click(qa('follow-up-book'));
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel!).length > Number(n), [qa('follow-up-open'), String(before)] as const);
}

describe('issue 17 done when, in Chromium', () => {
  it('Jusa-Petteri: the third vague contact in two months raises level 2; low mood and isolation surface; followed up, referred, the loop closes', async () => {
    clock.now = at('2026-11-23');
    const jusa = { name: 'Jusa-Petteri Virtanen', hetu: formatHetu('1998-05-04', 211), phone: '040 111 2233' };
    const vague = { mainReason: 'service_system_info', close: { outcome: 'advice_given', ledToClientRelationship: false } };
    await contact(jusa, { ...vague, receivedAt: at('2026-09-30').toISOString(), note: 'Kysyi yleisesti, mitä palveluja on. Ei osannut sanoa, mitä tarvitsee.' });
    await contact(jusa, { ...vague, receivedAt: at('2026-10-28').toISOString(), note: 'Soitti uudelleen; kertoi olevansa väsynyt. Ei halunnut jatkaa.' });
    const third = await contact(jusa, { mainReason: 'loneliness_participation', note: 'Kolmas soitto. Sanoo, ettei jaksa mitään eikä näe ketään.' });

    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${third}`);
    await page.waitForSelector(qa('guidance-proposal'));
    expect(await textOf(page, qa('guidance-level'))).toBe('1');
    expect(await textOf(page, qa('guidance-proposal'))).toBe('Ehdotus: nosta tasolle 2 – kolmas yhteydenotto kahdessa kuukaudessa');
    expect(await textOf(page, qa('guidance-triggers'))).toContain('Toistuvat tai suunnittelemattomat yhteydenotot');
    await expectClean(page, 'contact page with the level-2 proposal');

    // The level raise by keyboard only: the proposed level is chosen, the reason typed, the consent given, Enter.
    await page.focus(qa('guidance-raise-toggle'));
    await tabToSelector(page, qa('guidance-raise-level-2'));
    expect(await page.isChecked(qa('guidance-raise-level-2'))).toBe(true);
    await tabToSelector(page, qa('guidance-raise-reason'));
    await page.keyboard.type('Kolmas epämääräinen yhteydenotto kahdessa kuukaudessa');
    // without the consent nothing is sent: the message is at the checkbox, which takes the focus
    await tabToSelector(page, qa('guidance-raise-submit'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('guidance-consent-error'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('guidance-consent');
    expect(await textOf(page, qa('guidance-level'))).toBe('1');
    await page.keyboard.press('Space');
    await tabToSelector(page, qa('guidance-raise-submit'));
    await page.keyboard.press('Enter');
    await page.waitForSelector(qa('guidance-raised'));
    await waitForText(page, qa('guidance-level'), '2');
    expect(await textOf(page, qa('guidance-raised'))).toContain('Taso on nyt 2');
    await expectClean(page, 'contact page after raising');

    const caseId = await openCaseFromContact(page);
    expect(await textOf(page, qa('case-level'))).toBe('2 – Asiakasohjaus');
    expect(await textOf(page, qa('case-person'))).toContain('Jusa-Petteri Virtanen');
    expect(await textOf(page, qa('case-responsible'))).toBe('Olli Ohjaaja');
    await expectClean(page, 'case page, level 2');

    // Step 1: the first assessment. A required question left out is named at its field; nothing is stored.
    await page.selectOption(qa('assessment-battery'), { label: 'Ensiarvio: koko tilanne (versio 1)' });
    await page.waitForSelector(qa('assessment-form'));
    await expectClean(page, 'the first assessment form');
    await page.check(qa('assessment-alone-yes'));
    await page.click(qa('assessment-submit'));
    await page.waitForSelector(qa('assessment-mood-error'));
    await page.waitForSelector(qa('assessment-interest-error'));
    expect(await page.$$(qa('assessment'))).toHaveLength(0);
    await page.check(qa('assessment-mood-3'));
    await page.check(qa('assessment-interest-2'));
    await page.check(qa('assessment-daily_life-yes'));
    await page.check(qa('assessment-substances-no'));
    await page.check(qa('assessment-work-unemployed'));
    await page.check(qa('assessment-services_in_use-none'));
    await page.fill(qa('assessment-own_words'), 'Haluaisin, että joku kysyisi välillä, miten menee.');
    await page.click(qa('assessment-submit'));
    await page.waitForSelector(qa('assessment-flags'));
    expect(await textOf(page, qa('assessment-flags'))).toMatch(/^Esiin nousi:/);
    expect(await textOf(page, qa('flag-low_mood'))).toContain('Mieliala matala');
    expect(await textOf(page, qa('flag-isolation'))).toContain('Yksinäisyys');
    await page.waitForSelector(qa('assessment'));
    await expectClean(page, 'case page with the assessment and its flags');

    // Step 2: the goal in his own words.
    await page.fill(qa('plan-goal-0'), 'Haluan päästä taas ihmisten pariin.');
    await page.check(qa('plan-agreed'));
    await page.click(qa('plan-submit'));
    await waitForText(page, qa('plan-saved'), 'versio 1');

    // Step 4: a follow-up for a later day (a past day is refused at the field), then done on that day.
    await page.fill(qa('follow-up-due'), '2026-11-20');
    await page.fill(qa('follow-up-purpose'), 'Soitto: miten viikko on mennyt');
    await page.click(qa('follow-up-book'));
    await waitForText(page, qa('follow-up-due-error'), 'Päivä on jo mennyt');
    await bookFollowUp(page, '2026-11-30', 'Soitto: miten viikko on mennyt');
    expect(await textOf(page, qa('follow-up-open'))).toContain('30.11.');
    expect(await textOf(page, qa('case-next-follow-up'))).toContain('30.11.');
    await expectClean(page, 'case page with a follow-up booked');
    await dayPasses(page, '2026-11-30');
    await page.waitForSelector(qa('follow-up-open'));
    await markFirstFollowUpDone(page, 'reached', 'Vastasi heti. Mieliala edelleen matala; suostui siihen, että ohjataan eteenpäin.');
    expect(await textOf(page, qa('follow-up-done'))).toContain('Tavoitettiin');
    expect(await textOf(page, qa('follow-up-done'))).toContain('ajallaan');
    await expectClean(page, 'case page with the follow-up done');

    // Step 3: referred on his contact (the existing referral, with his consent to forward).
    await page.click(qa('case-contact-open'));
    await page.waitForSelector(qa('contact-view'));
    await page.click(qa('claim'));
    await page.waitForFunction(() => document.querySelector('[data-qa="contact-status"]')?.textContent === 'Käsittelyssä');
    await page.selectOption(qa('consent-purpose'), 'forward_to_unit');
    await page.fill(qa('consent-target'), 'Aikuissosiaalityö');
    await page.click(qa('consent-submit'));
    await page.waitForSelector(qa('referral-form'));
    await page.selectOption(qa('referral-kind'), 'referral_for_assessment');
    await page.selectOption(qa('referral-unit'), 'adult_social_work');
    await page.fill(qa('referral-summary'), 'Mieliala matala, yksinäisyys; toistuvia yhteydenottoja. Palvelutarpeen arviointi ja mielenterveyspalvelut.');
    await page.check(qa('referral-basis-consent'));
    await page.click(qa('referral-submit'));
    await page.waitForSelector(qa('referral'));
    expect(await textOf(page, qa('referral-status'))).toBe('Odottaa vastaanottoa');

    // The unit closes the loop (as the unit worker, through the API).
    const referralId = (await server.database.db.selectFrom('referral').select('id').where('contact_id', '=', third).executeTakeFirstOrThrow()).id;
    const unit = (await login(server.app, 'yksikko')).headers;
    await post(`/api/referrals/${referralId}/accept`, {}, unit);
    await post(`/api/referrals/${referralId}/contact`, {}, unit);
    await post(`/api/referrals/${referralId}/complete`, { outcome: 'got_help', note: 'Sosiaaliohjaus alkoi; aika depressiohoitajalle.' }, unit);
    await page.reload();
    await page.waitForFunction(() => document.querySelector('[data-qa="referral-status"]')?.textContent === 'Valmis');
    await expectClean(page, 'contact page with the loop closed');

    // Step 5: closing anchored needs the service first (a 409 in words), then closes.
    await page.goto(`${server.url}/tyo/ohjaus/${caseId}`);
    await page.waitForSelector(qa('case-close-form'));
    await page.selectOption(qa('case-close-outcome'), 'anchored');
    await page.click(qa('case-close-submit'));
    await waitForText(page, qa('case-close-error'), 'Merkitse ensin, mihin palveluun henkilö kiinnittyi');
    await page.fill(qa('anchored-service'), 'Aikuissosiaalityö: sosiaaliohjaus');
    await page.fill(qa('anchored-started-on'), '2026-11-30');
    await page.click(qa('anchored-submit'));
    await page.waitForSelector(qa('anchored'));
    await page.click(qa('case-close-submit'));
    await page.waitForSelector(qa('case-closed'));
    expect(await textOf(page, qa('case-status'))).toBe('Päättynyt');
    expect(await textOf(page, qa('case-outcome'))).toContain('Kiinnittyi palveluun');
    await expectClean(page, 'closed case');

    // One person across contacts: three contacts, the case, the referral and where it stands.
    await page.click(qa('case-person-link'));
    await page.waitForSelector(qa('person-contact'));
    expect(await page.$$(qa('person-contact'))).toHaveLength(3);
    expect(await textOf(page, qa('person-case-status'))).toBe('Kiinnittyi palveluun');
    expect(await textOf(page, qa('person-referral-status'))).toContain('Valmis');
    expect(await textOf(page, qa('person-referral-outcome'))).toBe('Sai apua');
    await expectClean(page, 'person page');
    const logged = await server.database.db.selectFrom('access_log').select('purpose').where('subject_id', '=', third).where('purpose', '=', 'person_page').execute();
    expect(logged.length).toBeGreaterThan(0);
  }, 240_000);

  it('Jaska: level 3 with a responsible worker, a plan, a meeting with employment services, follow-ups until rehabilitative work starts', async () => {
    clock.now = at('2026-11-24');
    worker = (await login(server.app, 'ohjaaja')).headers;
    const jaska = { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', 123), phone: '040 765 4321' };
    const contactId = await contact(jaska, { mainReason: 'income', note: 'Työmarkkinatuki katkesi, laskuja maksamatta, ei yhteyttä työllisyyspalveluihin. Ei autoa.' });

    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/yhteydenotot/${contactId}`);
    await page.waitForSelector(qa('guidance-section'));
    expect(await textOf(page, qa('guidance-level'))).toBe('1');
    await page.click(qa('guidance-raise-toggle'));
    await page.check(qa('guidance-raise-level-3'));
    await page.selectOption(qa('guidance-raise-responsible'), { label: 'Eeva Esihenkilö' });
    await page.fill(qa('guidance-raise-reason'), 'Työtön, useita sairauksia, tuki katkennut: koko tilanne kartoitettava');
    await page.check(qa('guidance-consent'));
    await expectClean(page, 'contact page, level-3 raise form');
    await page.click(qa('guidance-raise-submit'));
    await page.waitForSelector(qa('guidance-raised'));
    await waitForText(page, qa('guidance-level'), '3');

    await openCaseFromContact(page);
    expect(await textOf(page, qa('case-level'))).toBe('3 – Intensiivinen palveluohjaus');
    expect(await textOf(page, qa('case-responsible'))).toBe('Eeva Esihenkilö');
    await expectClean(page, 'case page, level 3');

    // The whole situation: the first assessment, then the working-age set.
    await page.selectOption(qa('assessment-battery'), { label: 'Ensiarvio: koko tilanne (versio 1)' });
    await page.check(qa('assessment-mood-1'));
    await page.check(qa('assessment-interest-1'));
    await page.check(qa('assessment-unpaid_bills-yes'));
    await page.check(qa('assessment-work-unemployed'));
    await page.check(qa('assessment-health-yes'));
    await page.check(qa('assessment-help_not_enough-yes'));
    await page.check(qa('assessment-services_in_use-kela'));
    await page.click(qa('assessment-submit'));
    await page.waitForSelector(qa('flag-help_not_enough'));
    expect(await textOf(page, qa('assessment-flags'))).toContain('Työn ulkopuolella');
    await page.selectOption(qa('assessment-battery'), { label: 'Työikäisen tilanne (versio 1)' });
    await page.check(qa('assessment-employment_office-yes'));
    await page.check(qa('assessment-benefit_lost-yes'));
    await page.check(qa('assessment-transport-yes'));
    await page.check(qa('assessment-rehabilitative_work-yes'));
    await page.click(qa('assessment-submit'));
    await page.waitForSelector(qa('flag-employment_contact_lost'));
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="assessment"]').length === 2);

    // The help is not enough at level 3: the product proposes a multi-professional meeting.
    await page.waitForSelector(qa('case-meeting-proposal'));
    expect(await textOf(page, qa('case-meeting-proposal'))).toContain('huoli, ettei apu riitä');
    await expectClean(page, 'case page with the meeting proposal');

    // The plan: goals in his words, the steps with the service, who and by when.
    await page.fill(qa('plan-goal-0'), 'Haluan jotain järkevää tekemistä arkeen ja joskus takaisin töihin.');
    await page.click(qa('plan-add-goal'));
    await page.fill(qa('plan-goal-1'), 'Laskut ja rahat kuntoon.');
    await page.fill(qa('plan-step-text-0'), 'Aloittaa kuntouttavan työtoiminnan');
    await page.fill(qa('plan-step-service-0'), 'Kuntouttava työtoiminta');
    await page.selectOption(qa('plan-step-owner-0'), 'client');
    await page.fill(qa('plan-step-due-0'), '2026-12-15');
    await page.click(qa('plan-add-step'));
    await page.fill(qa('plan-step-text-1'), 'Työkyvyn arvio');
    await page.fill(qa('plan-step-service-1'), 'Terveysasema');
    await page.selectOption(qa('plan-step-owner-1'), 'network');
    await page.fill(qa('plan-step-due-1'), '2026-12-10');
    await page.click(qa('plan-add-step'));
    await page.fill(qa('plan-step-text-2'), 'Aika talous- ja velkaneuvontaan');
    await page.fill(qa('plan-step-service-2'), 'Talous- ja velkaneuvonta');
    await page.selectOption(qa('plan-step-owner-2'), 'worker');
    await page.check(qa('plan-agreed'));
    await page.click(qa('plan-submit'));
    await waitForText(page, qa('plan-saved'), 'versio 1');
    expect(await page.inputValue(qa('plan-step-service-0'))).toBe('Kuntouttava työtoiminta');
    await expectClean(page, 'case page with the plan');

    // The meeting: proposed with the reasons the triggers gave, the employment services among the participants …
    expect(await page.isChecked(qa('meeting-reasons-concern_not_enough'))).toBe(true);
    await page.fill(qa('meeting-planned-on'), '2026-12-01');
    const participants: [string, string, string][] = [
      ['Jaska Jokunen', 'Asiakas itse', ''],
      ['Tiina Työvalmentaja', 'Työllisyyspalvelut (TE-palvelut)', 'työvalmentaja'],
      ['Eeva Esihenkilö', 'Asiakasohjaus', 'vastuutyöntekijä'],
      ['Sari Sosiaalityöntekijä', 'Aikuissosiaalityö', 'sosiaalityöntekijä'],
    ];
    for (const [i, [name, organisation, role]] of participants.entries()) {
      if (i > 0) await page.click(qa('meeting-add-participant'));
      await page.fill(qa(`meeting-participant-name-${i}`), name);
      await page.fill(qa(`meeting-participant-organisation-${i}`), organisation);
      await page.fill(qa(`meeting-participant-role-${i}`), role);
    }
    await expectClean(page, 'the meeting form');
    await page.click(qa('meeting-submit'));
    await page.waitForSelector(`${qa('meeting')}[data-status="proposed"]`);
    expect(await page.$(qa('case-meeting-proposal'))).toBeNull();

    // … and recorded once held, with its decisions.
    await dayPasses(page, '2026-12-01');
    await page.click(qa('meeting-record-toggle'));
    await page.fill(qa('meeting-held-on'), '2026-12-01');
    expect(await page.inputValue(qa('meeting-record-participant-organisation-1'))).toBe('Työllisyyspalvelut (TE-palvelut)');
    await page.fill(qa('meeting-decisions'), 'Kuntouttava työtoiminta alkaa 7.12. (työllisyyspalvelut tekee aktivointisuunnitelman). Työkyvyn arvio terveysasemalla. Velkaneuvontaan aika. Matkat kimppakyydillä.');
    await page.click(qa('meeting-record-submit'));
    await page.waitForSelector(`${qa('meeting')}[data-status="held"]`);
    expect(await textOf(page, qa('meeting-status'))).toBe('Pidetty');
    expect(await textOf(page, qa('meeting-participants'))).toContain('Työllisyyspalvelut (TE-palvelut)');
    expect(await textOf(page, qa('meeting-decisions'))).toContain('Kuntouttava työtoiminta alkaa');
    await expectClean(page, 'case page with the meeting held');

    // Follow-ups until he is anchored: the first does not reach him, so outreach is booked by itself …
    await bookFollowUp(page, '2026-12-03', 'Soitto: onko kuntouttavan työtoiminnan aloitus selvä');
    expect(await textOf(page, qa('follow-up-open'))).toContain('Eeva Esihenkilö');
    await dayPasses(page, '2026-12-03');
    await page.waitForSelector(qa('follow-up-open'));
    await markFirstFollowUpDone(page, 'not_reached', 'Ei vastannut.');
    await waitForText(page, qa('follow-up-next-outreach'), '7.12.');
    await page.waitForSelector(`${qa('follow-up-open')}[data-kind="outreach"]`);
    // … every attempt is logged (the follow-up that did not reach him is the first); closing as not reached is refused before three ("ei luovuteta")
    await page.selectOption(qa('outreach-method'), 'phone');
    await page.selectOption(qa('outreach-result'), 'no_answer');
    await page.fill(qa('outreach-note'), 'Soitto klo 12, ei vastausta.');
    await page.click(qa('outreach-submit'));
    await waitForText(page, qa('outreach-count'), '2 yritystä ilman tavoittamista');
    await page.selectOption(qa('case-close-outcome'), 'not_reached');
    await page.click(qa('case-close-submit'));
    await waitForText(page, qa('case-close-error'), 'Ei luovuteta');
    expect(await textOf(page, qa('case-status'))).toBe('Avoin');
    await expectClean(page, 'case page with outreach');
    await dayPasses(page, '2026-12-07');
    await page.waitForSelector(qa('outreach-form'));
    await page.selectOption(qa('outreach-method'), 'home_visit');
    await page.selectOption(qa('outreach-result'), 'reached');
    await page.fill(qa('outreach-note'), 'Kotikäynti: puhelin oli rikki. Aloitti tänään kuntouttavan työtoiminnan.');
    await page.click(qa('outreach-submit'));
    await waitForText(page, qa('outreach-count'), '0 yritystä ilman tavoittamista');
    await markFirstFollowUpDone(page, 'reached', 'Tavoitettiin kotikäynnillä.');
    await bookFollowUp(page, '2026-12-09', 'Onko kuntouttava työtoiminta lähtenyt käyntiin');
    await dayPasses(page, '2026-12-09');
    await page.waitForSelector(qa('follow-up-open'));
    await markFirstFollowUpDone(page, 'reached', 'Käynyt kolme päivää, viihtyy.');

    // Anchored: rehabilitative work has started; the case closes anchored.
    await page.fill(qa('anchored-service'), 'Kuntouttava työtoiminta');
    await page.fill(qa('anchored-started-on'), '2026-12-07');
    await page.click(qa('anchored-submit'));
    await waitForText(page, qa('anchored'), 'Kuntouttava työtoiminta');
    await page.selectOption(qa('case-close-outcome'), 'anchored');
    await page.fill(qa('case-close-note'), 'Kuntouttava työtoiminta jatkuu; työllisyyspalvelut ja terveysasema jatkavat.');
    await page.click(qa('case-close-submit'));
    await page.waitForSelector(qa('case-closed'));
    expect(await textOf(page, qa('case-outcome'))).toContain('Kiinnittyi palveluun');
    expect(await textOf(page, qa('case-anchored'))).toContain('Kuntouttava työtoiminta');
    expect(await page.$$(qa('follow-up-done'))).toHaveLength(3);
    await expectClean(page, 'Jaska\'s closed case');

    await page.click(qa('case-person-link'));
    await page.waitForSelector(qa('person-case'));
    expect(await textOf(page, qa('person-case-status'))).toBe('Kiinnittyi palveluun');
    await expectClean(page, 'Jaska\'s person page');
  }, 240_000);
});
