/**
 * Issue 17's lists in Chromium, in Finnish: the worker's follow-ups due today and overdue on the
 * queue page, the level badges in the queue, the guidance cases (their own and all), the
 * supervisor's counts of what needs attention and the filters they set, and the supervisor making
 * a new version of the first assessment's question set in the editor (version 1 stays, with the
 * answers given under it); the month's guidance figures in the statistics. axe clean on every page;
 * the editor's save is reached with the keyboard.
 *
 * Seeded through the API as a worker would: on Monday a worker raises Jusa-Petteri's contact to
 * level 2 and books a follow-up for that day; on Wednesday (the server's clock moved on) the same
 * follow-up is overdue, Jaska is raised to level 3 with a follow-up due that day, and a third
 * person is raised to level 2 with nothing booked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, qa, signedInPage, startServer, tabToSelector, type E2eServer } from './support.js';
import { login } from '../src/server/test/support.js';
import { formatHetu } from '../src/domain/hetu.js';
import { DEFAULT_BATTERIES } from '../src/domain/guidance-batteries.js';

const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const WEDNESDAY = new Date('2026-11-25T10:00:00+02:00');
const clock = { now: MONDAY };
let server: E2eServer;
let browser: Browser;

interface Seeded { contactId: string; reference: string; caseId: string }
const people: Record<'jusa' | 'jaska' | 'third', Seeded> = {
  jusa: { contactId: '', reference: '', caseId: '' },
  jaska: { contactId: '', reference: '', caseId: '' },
  third: { contactId: '', reference: '', caseId: '' },
};
const JUSA_PURPOSE = 'Soitto: miten viikko on mennyt';
const JASKA_PURPOSE = 'Kuntouttavan työtoiminnan aloitus';

async function inject(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown, expected = 200) {
  const res = await server.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
  return res.json();
}

/** An identified person's contact, taken by the worker and raised to `level` with their consent to recording. */
async function raised(headers: Record<string, string>, level: 2 | 3, person: { name: string; birth: string; serial: number; phone: string }): Promise<Seeded> {
  const created = await inject('POST', '/api/contacts', { ...headers, 'idempotency-key': crypto.randomUUID() }, {
    channel: 'phone', anonymous: false, contactor: 'self', mainReason: 'income', serviceArea: 'working_age',
    person: { name: person.name, hetu: formatHetu(person.birth, person.serial), phone: person.phone },
  }, 201) as { id: string; reference: string };
  await inject('POST', `/api/contacts/${created.id}/claim`, headers);
  const result = await inject('POST', `/api/contacts/${created.id}/level`, headers, {
    level, reason: 'Tilanne vaatii seurantaa', consent: { givenBy: 'client', method: 'verbal' },
  }) as { level: number; caseId: string; joined: boolean };
  expect(result).toMatchObject({ level, joined: false });
  return { contactId: created.id, reference: created.reference, caseId: result.caseId };
}
const book = (headers: Record<string, string>, caseId: string, dueOn: string, purpose: string) =>
  inject('POST', `/api/guidance/cases/${caseId}/follow-ups`, headers, { dueOn, purpose }, 201);

async function expectAxeClean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}
const text = async (page: Page, selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();
const rowsOf = (page: Page, table: string) => page.$$eval(`${qa(table)} tbody tr`, (trs) => trs.map((tr) => (tr.getAttribute('data-qa') ?? '').replace('case-row-', '')));

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({}, undefined, () => clock.now), launchBrowser()]);
  const monday = await login(server.app, 'ohjaaja');
  people.jusa = await raised(monday.headers, 2, { name: 'Jusa-Petteri Esimerkki', birth: '1998-03-14', serial: 123, phone: '040 111 2233' });
  await book(monday.headers, people.jusa.caseId, '2026-11-23', JUSA_PURPOSE);
  // his first assessment, under version 1 of the first assessment's questions
  const batteries = await inject('GET', '/api/guidance/batteries', monday.headers) as { items: { id: string; code: string; version: number }[] };
  const v1 = batteries.items.find((b) => b.code === 'first_assessment')!;
  expect(v1.version).toBe(1);
  await inject('POST', `/api/guidance/cases/${people.jusa.caseId}/assessments`, monday.headers, { batteryId: v1.id, answers: { mood: 2, interest: 2, alone: true } }, 201);

  clock.now = WEDNESDAY; // Monday's follow-up is now two days overdue; Monday's sessions have idled out
  const worker = await login(server.app, 'ohjaaja');
  people.jaska = await raised(worker.headers, 3, { name: 'Jaska Esimerkki', birth: '1996-06-02', serial: 245, phone: '040 222 3344' });
  await book(worker.headers, people.jaska.caseId, '2026-11-25', JASKA_PURPOSE);
  const supervisor = await login(server.app, 'esihenkilo');
  people.third = await raised(supervisor.headers, 2, { name: 'Kolmas Esimerkki', birth: '1985-01-20', serial: 310, phone: '040 333 4455' });
});
afterAll(async () => { await browser?.close(); await server?.close(); });

describe('issue 17: the guidance lists in Chromium', () => {
  it('shows the worker their follow-ups due today and overdue on the queue page, and the level of each contact in the queue', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('follow-ups-today'));
    await page.waitForSelector(qa('queue'));
    expect(await text(page, '#follow-ups-today-title')).toBe('Seurannat tänään (2)');
    const items = await page.$$eval(qa('follow-up-today'), (lis) => lis.map((li) => ({
      reference: li.querySelector('[data-qa="follow-up-open"]')?.textContent,
      href: li.querySelector('[data-qa="follow-up-open"]')?.getAttribute('href'),
      due: li.querySelector('[data-qa="follow-up-due"]')?.textContent,
      purpose: li.querySelector('[data-qa="follow-up-purpose"]')?.textContent,
      overdue: li.getAttribute('data-overdue') === 'true',
    })));
    // overdue first, said in words with its day; then today's
    expect(items).toEqual([
      { reference: people.jusa.reference, href: `/tyo/ohjaus/${people.jusa.caseId}`, due: 'Myöhässä, sovittu maanantaina 23.11.', purpose: JUSA_PURPOSE, overdue: true },
      { reference: people.jaska.reference, href: `/tyo/ohjaus/${people.jaska.caseId}`, due: 'Tänään', purpose: JASKA_PURPOSE, overdue: false },
    ]);

    // the queue: each raised contact carries its level in words
    expect(await text(page, `${qa(`queue-row-${people.jusa.reference}`)} ${qa('level-badge')}`)).toBe('Taso 2');
    expect(await text(page, `${qa(`queue-row-${people.jaska.reference}`)} ${qa('level-badge')}`)).toBe('Taso 3');
    await expectAxeClean(page, 'queue page with follow-ups');

    // the follow-up leads to its case
    await page.click(`${qa('follow-up-today')}:first-child ${qa('follow-up-open')}`);
    await page.waitForFunction((id) => window.location.pathname === `/tyo/ohjaus/${id}`, people.jusa.caseId);
    await page.context().close();
  });

  it('says in one line when nothing is due today', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo'); // the third person's case has nothing booked
    await page.goto(`${server.url}/tyo/`);
    await page.waitForSelector(qa('follow-ups-today-none'));
    expect(await text(page, qa('follow-ups-today-none'))).toBe('Ei seurantoja tänään.');
    expect(await page.locator(qa('follow-ups-today')).count()).toBe(0);
    await page.context().close();
  });

  it('lists the worker\'s own guidance clients and all open ones, with level, next follow-up and what is overdue', async () => {
    const page = await signedInPage(browser, server, 'ohjaaja');
    await page.goto(`${server.url}/tyo/`);
    await page.click(qa('nav-cases'));
    await page.waitForSelector(qa('my-cases-table'));
    await page.waitForSelector(qa('all-cases-table'));
    expect((await rowsOf(page, 'my-cases-table')).sort()).toEqual([people.jusa.reference, people.jaska.reference].sort());
    expect((await rowsOf(page, 'all-cases-table')).sort()).toEqual([people.jusa.reference, people.jaska.reference, people.third.reference].sort());
    const jusa = `${qa('my-cases-table')} ${qa(`case-row-${people.jusa.reference}`)}`;
    expect(await text(page, `${jusa} ${qa('case-level')}`)).toBe('Taso 2');
    expect(await text(page, `${jusa} ${qa('case-overdue')}`)).toBe('1 myöhässä');
    expect(await text(page, `${jusa} ${qa('case-responsible')}`)).toBe('Olli Ohjaaja');
    const jaska = `${qa('my-cases-table')} ${qa(`case-row-${people.jaska.reference}`)}`;
    expect(await text(page, `${jaska} ${qa('case-level')}`)).toBe('Taso 3');
    expect(await text(page, `${jaska} ${qa('case-next')}`)).toBe('keskiviikkona 25.11.');
    expect(await text(page, `${qa('all-cases-table')} ${qa(`case-row-${people.third.reference}`)} ${qa('case-next')}`)).toBe('Ei sovittu');
    expect(await text(page, qa('my-cases-total'))).toBe('2 ohjausasiakasta, näytetään 1–2');
    // a worker sees no supervisor's counts
    expect(await page.locator(qa('cases-overview')).count()).toBe(0);

    // the level filter, from the keyboard: a native select
    await tabToSelector(page, '#cases-level', 60);
    await page.selectOption('#cases-level', '3');
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get('level') === '3');
    await page.waitForFunction((ref) => [...document.querySelectorAll('[data-qa="all-cases-table"] tbody tr')].map((tr) => tr.getAttribute('data-qa')).join() === `case-row-${ref}`, people.jaska.reference);
    await expectAxeClean(page, 'cases page (worker)');
    await page.context().close();
  });

  it('shows the supervisor what needs attention; each count lists those clients', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/ohjausasiakkaat`);
    await page.waitForSelector(qa('cases-overview-overdue'));
    expect(await text(page, qa('cases-overview-open'))).toBe('Avoimia ohjausasiakkuuksia: 2 tasolla 2 ja 1 tasolla 3.');
    expect(await text(page, qa('cases-overview-overdue-count'))).toBe('1');
    expect(await text(page, qa('cases-overview-no_next_step-count'))).toBe('1');
    expect(await text(page, qa('cases-overview-overdue'))).toBe('1 seuranta myöhässä');
    await expectAxeClean(page, 'cases page (supervisor)');

    await page.click(qa('cases-overview-overdue'));
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get('attention') === 'overdue');
    await page.waitForFunction((ref) => [...document.querySelectorAll('[data-qa="all-cases-table"] tbody tr')].map((tr) => tr.getAttribute('data-qa')).join() === `case-row-${ref}`, people.jusa.reference);
    expect(await page.inputValue('#cases-attention')).toBe('overdue');
    expect(await page.getAttribute(qa('cases-overview-overdue'), 'aria-current')).toBe('true');
    // the focus moves to the list the link filled
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('all-cases-title');

    await page.click(qa('cases-overview-no_next_step'));
    await page.waitForFunction((ref) => [...document.querySelectorAll('[data-qa="all-cases-table"] tbody tr')].map((tr) => tr.getAttribute('data-qa')).join() === `case-row-${ref}`, people.third.reference);
    expect(await page.inputValue('#cases-attention')).toBe('no_next_step');

    // the filters live in the address: a reload keeps them
    await page.reload();
    await page.waitForSelector(qa('all-cases-table'));
    expect(await page.inputValue('#cases-attention')).toBe('no_next_step');
    expect(await rowsOf(page, 'all-cases-table')).toEqual([people.third.reference]);

    // back to every open one
    await page.selectOption('#cases-attention', '');
    await page.waitForFunction(() => document.querySelectorAll('[data-qa="all-cases-table"] tbody tr').length === 3);
    await expectAxeClean(page, 'cases page (supervisor, filtered)');
    await page.context().close();
  });

  it('shows the month\'s guidance figures in the supervisor\'s statistics', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/tilannekuva?month=2026-11`); // the server's month, not the browser's
    await page.waitForSelector(qa('guidance-figures-table'));
    expect(await text(page, qa('guidance-figures-level-2-period'))).toBe('2');
    expect(await text(page, qa('guidance-figures-level-3-period'))).toBe('1');
    expect(await text(page, qa('guidance-figures-level-2-previous'))).toBe('0');
    expect(await text(page, qa('guidance-figures-opened-3-period'))).toBe('1');
    const heads = await page.$$eval(`${qa('guidance-figures-table')} thead th`, (ths) => ths.map((th) => th.textContent));
    expect(heads).toEqual(['Luku', 'marraskuu 2026', 'marraskuu 2025']);
    await expectAxeClean(page, 'statistics with the guidance figures');
    await page.context().close();
  });

  it('lets the supervisor make a new version of the first assessment; version 1 stays with its answers', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/`);
    await page.click(qa('nav-batteries'));
    await page.waitForSelector(qa('batteries-table'));
    const v1 = qa('battery-row-first_assessment-1');
    expect(await text(page, `${v1} ${qa('battery-state')}`)).toBe('Käytössä');
    expect(await text(page, `${v1} ${qa('battery-answered')}`)).toBe('1'); // Jusa-Petteri's
    expect(await text(page, qa('batteries-versions-note'))).toContain('Vanhempien versioiden mukaan annetut vastaukset säilyvät oman versionsa alla');
    await expectAxeClean(page, 'batteries list');

    // a version's questions
    await page.click(`${v1} ${qa('battery-view-open')}`);
    await page.waitForSelector(qa('battery-view'));
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('battery-view-title');
    expect(await text(page, `${qa('battery-view-question-alone')} ${qa('battery-view-flag')}`)).toBe('Nostaa huomion: Yksinäisyys, eristäytyminen.');
    await expectAxeClean(page, 'a version\'s questions');
    await page.click(qa('battery-view-close'));

    // the editor starts from version 1
    await page.click(`${v1} ${qa('battery-new-version')}`);
    await page.waitForSelector(qa('battery-editor'));
    expect(await text(page, '#battery-editor-title')).toBe('Uusi versio 2: Ensiarvio: koko tilanne');
    const n = DEFAULT_BATTERIES.find((b) => b.code === 'first_assessment')!.questions.length;
    expect(await page.locator('[data-qa^="battery-question-"]').count()).toBe(n);
    expect(await page.inputValue('#battery-questions-0-key')).toBe('mood');

    // move the second question up and back: the focus stays on the moving question's button
    await page.click(qa('battery-questions-1-up'));
    expect(await page.inputValue('#battery-questions-0-key')).toBe('interest');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('battery-questions-0-down');
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#battery-questions-0-key')).toBe('mood');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('battery-questions-1-down');

    // a new question at the end: the focus goes to its first field
    await page.click(qa('battery-add-question'));
    await page.waitForFunction((id) => document.activeElement?.id === id, `battery-questions-${n}-key`);
    await page.keyboard.type('sleep');
    await page.fill(`#battery-questions-${n}-label-fi`, 'Nukutko yösi hyvin?');
    await page.click(qa('battery-save'));
    await page.waitForSelector(qa('battery-errors'));
    expect(await text(page, qa(`battery-questions-${n}-label-sv-error`))).toBe('Pakollinen tieto');
    expect(await page.getAttribute(`#battery-questions-${n}-label-sv`, 'aria-invalid')).toBe('true');
    expect(await page.$$eval(qa('battery-errors-link'), (as) => as.map((a) => a.getAttribute('data-field')))).toEqual([`battery-questions-${n}-label-sv`, `battery-questions-${n}-label-en`]);
    await expectAxeClean(page, 'the editor with errors');

    // the summary leads to the field; fill in and save from the keyboard
    await page.click(`${qa('battery-errors-link')}[data-field="battery-questions-${n}-label-sv"]`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`battery-questions-${n}-label-sv`);
    await page.keyboard.type('Sover du bra på nätterna?');
    await page.fill(`#battery-questions-${n}-label-en`, 'Do you sleep well at night?');
    await page.focus(`#battery-questions-${n}-label-en`);
    await tabToSelector(page, qa('battery-save'));
    await page.keyboard.press('Enter');

    await page.waitForSelector(qa('batteries-status'));
    expect(await text(page, qa('batteries-status'))).toBe('Tallennettu: Ensiarvio: koko tilanne, versio 2. Uudet arviot tehdään tämän version mukaan.');
    await page.waitForSelector(qa('battery-row-first_assessment-2'));
    expect(await text(page, `${qa('battery-row-first_assessment-2')} ${qa('battery-state')}`)).toBe('Käytössä');
    expect(await page.locator(v1).count()).toBe(0); // only the current versions until asked

    await page.check(qa('batteries-all'));
    await page.waitForSelector(v1);
    expect(await text(page, `${v1} ${qa('battery-state')}`)).toBe('Vanha versio');
    expect(await text(page, `${qa('battery-row-first_assessment-2')} ${qa('battery-version')}`)).toBe('2');
    // the answers given under version 1 stay there
    expect(await text(page, `${v1} ${qa('battery-answered')}`)).toBe('1');
    expect(await text(page, `${qa('battery-row-first_assessment-2')} ${qa('battery-answered')}`)).toBe('0');
    await expectAxeClean(page, 'batteries with older versions');

    const stored = await inject('GET', '/api/guidance/batteries?all=true', (await login(server.app, 'esihenkilo')).headers) as { items: { code: string; version: number; current: boolean; questions: { key: string; label: { sv: string } }[] }[] };
    const versions = stored.items.filter((b) => b.code === 'first_assessment').sort((a, b) => a.version - b.version);
    expect(versions.map((b) => [b.version, b.current, b.questions.length])).toEqual([[1, false, n], [2, true, n + 1]]);
    expect(versions[1]!.questions.at(-1)).toMatchObject({ key: 'sleep', label: { sv: 'Sover du bra på nätterna?' } });
    const jusaCase = await inject('GET', `/api/guidance/cases/${people.jusa.caseId}`, (await login(server.app, 'ohjaaja')).headers) as { assessments: { battery: { version: number; questions: unknown[] }; answers: Record<string, unknown> }[] };
    expect(jusaCase.assessments.map((a) => [a.battery.version, a.battery.questions.length, a.answers.alone])).toEqual([[1, n, true]]);
    await page.context().close();
  });

  it('makes a battery with a new code, and refuses one that is taken', async () => {
    const page = await signedInPage(browser, server, 'esihenkilo');
    await page.goto(`${server.url}/tyo/kysymyssarjat`);
    await page.click(qa('battery-new'));
    await page.waitForSelector(qa('battery-editor'));
    await page.fill('#battery-code', 'family');
    await page.click(qa('battery-save'));
    await page.waitForSelector(qa('battery-errors'));
    expect(await text(page, qa('battery-code-error'))).toBe('Tällä tunnisteella on jo kysymyssarja. Tee siitä uusi versio tai valitse toinen tunniste.');
    expect(await text(page, qa('battery-questions-0-key-error'))).toBe('Pakollinen tieto');

    await page.fill('#battery-code', 'nuoret_aikuiset');
    await page.fill('#battery-title-fi', 'Nuoret aikuiset');
    await page.fill('#battery-title-sv', 'Unga vuxna');
    await page.fill('#battery-title-en', 'Young adults');
    await page.fill('#battery-questions-0-key', 'studies');
    await page.selectOption('#battery-questions-0-kind', 'choice');
    await page.fill('#battery-questions-0-label-fi', 'Opiskeletko nyt?');
    await page.fill('#battery-questions-0-label-sv', 'Studerar du nu?');
    await page.fill('#battery-questions-0-label-en', 'Are you studying now?');
    for (const [j, value, fi, sv, en] of [[0, 'yes', 'Kyllä', 'Ja', 'Yes'], [1, 'dropped_out', 'Keskeytin', 'Jag avbröt', 'I dropped out']] as const) {
      await page.fill(`#battery-questions-0-options-${j}-value`, value);
      await page.fill(`#battery-questions-0-options-${j}-label-fi`, fi);
      await page.fill(`#battery-questions-0-options-${j}-label-sv`, sv);
      await page.fill(`#battery-questions-0-options-${j}-label-en`, en);
    }
    await page.check('#battery-questions-0-flag');
    await page.fill('#battery-questions-0-flag-code', 'studies_broken');
    await page.fill('#battery-questions-0-flag-label-fi', 'Opinnot keskeytyneet');
    await page.fill('#battery-questions-0-flag-label-sv', 'Studierna avbrutna');
    await page.fill('#battery-questions-0-flag-label-en', 'Studies broken off');
    await page.check('#battery-questions-0-flag-values-1');
    await expectAxeClean(page, 'a new battery in the editor');
    await page.click(qa('battery-save'));
    await page.waitForSelector(qa('batteries-status'));
    expect(await text(page, qa('batteries-status'))).toBe('Tallennettu uusi kysymyssarja: Nuoret aikuiset.');
    await page.waitForSelector(qa('battery-row-nuoret_aikuiset-1'));
    await page.context().close();
  });
});
