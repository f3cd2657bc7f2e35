/**
 * No raw code anywhere (issue 14): every resident page (the front page, each step of the contact
 * form with and without errors and its receipt, the callback request and its receipt, the
 * professional's notification and its receipt, the accessibility statement) and every staff page
 * (queue, search results, the contact view of an identified contact with callback window `any`,
 * of an anonymous one and of a referred one, quick log, new contact, supervisor, inbox, the unit's
 * referral view, the social emergency list, the ED form, the catalogue editor with a revision),
 * in Finnish, Swedish and English, is scanned for code-shaped strings in what a person reads or
 * hears: the rendered text, aria-label/title/placeholder/alt, every <option> and the values of
 * text inputs. The test fails listing page + string.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, qa, signedInPage, startServer, type E2eServer } from './support.js';
import { FRIDAY_EVENING, seedPolishData, type PolishData } from './polish-fixtures.js';
import fi from '../src/web/lib/i18n/fi.js';
import { DEFAULT_CODES } from '../src/domain/codes.js';
import { CALLBACK_WINDOWS } from '../src/domain/front-door.js';
import { PTV_FIXTURE } from '../src/server/test/fixtures.js';
import { importPtvFolder } from '../src/server/features/catalogue/public.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';

type Lang = 'fi' | 'sv' | 'en';
const LANGS: Lang[] = ['fi', 'sv', 'en'];

/**
 * The allow-list: legitimate tokens that look like codes. Explicit and short; each with its reason.
 * (Reference codes such as "E5Z-GHU3" are upper case and never match the patterns below.)
 */
const ALLOWED: string[] = [];

/** Every code value of the default code sets and the callback windows. */
const ALL_CODES = [...new Set([...Object.values(DEFAULT_CODES).flatMap((set) => Object.keys(set)), ...CALLBACK_WINDOWS])];
/**
 * Code values that are single English words: in a Finnish or Swedish text such a word can only be
 * a code; in an English text, only an element that says nothing else ("<dd>any</dd>") is one.
 * ("post", "chat" and "organisation" are Swedish words too: left out.)
 */
const WORD_CODES = ALL_CODES.filter((c) => /^[a-z]+$/.test(c) && !['post', 'chat', 'organisation'].includes(c));
/** An i18n key that was not found: "queue.colStatus", "contact.windows.any". */
const I18N_KEY = new RegExp(`\\b(?:${Object.keys(fi).join('|')})\\.[a-zA-Z_]+(?:\\.[a-zA-Z_]+)*`, 'g');

interface Finding { page: string; text: string; where: string }

/** The strings a person reads or hears on the page, each with where it came from. */
function readable(page: Page): Promise<{ where: string; text: string }[]> {
  return page.evaluate(() => {
    const out: { where: string; text: string }[] = [];
    out.push({ where: 'text', text: document.body.innerText });
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const v = el.getAttribute(attr);
        if (v) out.push({ where: `${attr} of <${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`, text: v });
      }
    }
    for (const o of document.querySelectorAll('option')) out.push({ where: `<option> of #${o.parentElement?.id ?? '?'}`, text: o.textContent ?? '' });
    for (const el of document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type]), input[type="text"], input[type="tel"], input[type="search"], input[type="email"], textarea')) {
      if (el.value && el.getAttribute('aria-hidden') !== 'true' && !el.closest('[aria-hidden="true"]')) out.push({ where: `value of #${el.id}`, text: el.value });
    }
    // an element whose whole text is one word: "<dd>any</dd>"
    for (const el of document.querySelectorAll('body *')) {
      if (el.children.length === 0 && /^\s*[a-z]+\s*$/.test(el.textContent ?? '')) out.push({ where: `whole text of <${el.tagName.toLowerCase()}>`, text: `⟦${(el.textContent ?? '').trim()}⟧` });
    }
    return out;
  });
}

function codeShaped(text: string, lang: Lang): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\b[a-z]+_[a-z_]+\b/g)) found.push(m[0]);
  for (const m of text.matchAll(I18N_KEY)) found.push(m[0]);
  for (const m of text.matchAll(/\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/g)) found.push(m[0]);
  for (const m of text.matchAll(/\d\.\.(?!\.)/g)) found.push(text.slice(Math.max(0, m.index - 8), m.index + 3));
  for (const m of text.matchAll(/⟦([a-z]+)⟧/g)) if (ALL_CODES.includes(m[1]!)) found.push(m[1]!);
  if (lang !== 'en') for (const m of text.matchAll(new RegExp(`(?<![\\p{L}@./-])(?:${WORD_CODES.join('|')})(?![\\p{L}@./-])`, 'gu'))) found.push(m[0]);
  return found.filter((f) => !ALLOWED.includes(f));
}

const findings: Finding[] = [];
async function scan(page: Page, name: string, lang: Lang) {
  // what the page fetched is on it: no request in flight for a moment
  await page.waitForLoadState('networkidle').catch(() => undefined);
  for (const { where, text } of await readable(page)) {
    for (const s of codeShaped(text, lang)) findings.push({ page: `${name} [${lang}]`, text: s, where });
  }
}

let server: E2eServer;
let browser: Browser;
let data: PolishData;
beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({}, async (app) => { await importPtvFolder(app.deps.database.db, await resolveCountyId(app.deps.database.db), PTV_FIXTURE); }, () => FRIDAY_EVENING),
    launchBrowser(),
  ]);
  data = await seedPolishData(server.app, server.database);
});
afterAll(async () => { await browser?.close(); await server?.close(); });

const PHONES: Record<Lang, string> = { fi: '040 200 1001', sv: '040 200 1002', en: '040 200 1003' };

describe('no raw code on any page, in any language', () => {
  for (const lang of LANGS) {
    it(`resident pages in ${lang}`, async () => {
      const page = await newPage(browser, { width: 1280 });
      await page.goto(`${server.url}/?lang=${lang}`);
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-qa="service-promise"]')?.textContent ?? ''));
      await page.waitForSelector(qa('lines'));
      await scan(page, 'front page', lang);

      await page.goto(`${server.url}/yhteydenotto?lang=${lang}`);
      await page.waitForSelector(qa('step-safety'));
      await scan(page, 'contact form: safety', lang);
      await page.click(qa('next'));
      await page.waitForSelector(qa('error-summary'));
      await scan(page, 'contact form: safety with an error', lang);
      const step = async (name: string, fill: () => Promise<void>) => {
        await fill();
        await page.click(qa('next'));
        await page.waitForSelector(qa(`step-${name}`));
        await scan(page, `contact form: ${name}`, lang);
      };
      await step('about', () => page.check(qa('danger-no')));
      await step('topic', () => page.check(qa('about-close_one')));
      await step('urgency', async () => { await page.check(qa('topic-money')); await page.fill('#text', 'Äitini rahat eivät riitä vuokraan, tarvitsemme neuvoja.'); });
      await step('identity', () => page.check(qa('urgency-normal')));
      await page.check(qa('identity-identified'));
      await page.click(qa('next'));
      await page.waitForSelector(qa('error-summary'));
      await scan(page, 'contact form: identity with errors', lang);
      await step('review', async () => { await page.fill('#phone', PHONES[lang]); await page.check(qa('consent')); });
      await page.click(qa('send'));
      await page.waitForSelector(qa('receipt-promise'));
      await scan(page, 'contact form: receipt', lang);

      await page.goto(`${server.url}/soittopyynto?lang=${lang}`);
      await page.waitForSelector(qa('callback-form'));
      await page.waitForSelector('input[name="line"]');
      await scan(page, 'callback', lang);
      await page.click(qa('send'));
      await page.waitForSelector(qa('error-summary'));
      await scan(page, 'callback with errors', lang);
      await page.check(qa('danger-no'));
      await page.check('input[name="line"]');
      await page.fill('#phone', PHONES[lang]);
      await page.click(qa('send'));
      await page.waitForSelector(qa('receipt-promise'));
      await scan(page, 'callback: receipt', lang);

      await page.goto(`${server.url}/ammattilaiselle?lang=${lang}`);
      await page.waitForSelector(qa('professional-form'));
      await scan(page, 'professional notification', lang);
      await page.click(qa('send'));
      await page.waitForSelector(qa('error-summary'));
      await scan(page, 'professional notification with errors', lang);
      await page.check(qa('kind-social_welfare'));
      await page.check(qa('contactor-authority'));
      await page.fill('#name', 'Pia Poliisi');
      await page.fill('#organisation', 'Pohjanmaan poliisilaitos');
      await page.fill('#phone', '0295 400 000');
      await page.fill('#subjectName', 'Erkki Esimerkki');
      await page.check(qa('subjectConsent-given'));
      await page.fill('#text', 'Asuu yksin, ei pärjää kotona, tarvitsee apua arjessa.');
      await page.check(qa('urgency-non_urgent'));
      await page.click(qa('send'));
      await page.waitForSelector(qa('receipt-promise'));
      await scan(page, 'professional notification: receipt', lang);

      await page.goto(`${server.url}/saavutettavuus?lang=${lang}`);
      await page.waitForSelector(qa('accessibility-feedback'));
      await scan(page, 'accessibility statement', lang);
    }, 120_000);

    it(`staff pages in ${lang}`, async () => {
      const guide = await signedInPage(browser, server, 'ohjaaja');
      await guide.goto(`${server.url}/tyo/?lang=${lang}`);
      await guide.waitForSelector(`${qa('queue')} tbody tr`);
      await scan(guide, 'queue', lang);
      if (await guide.$(qa('search-input'))) {
        await guide.fill(qa('search-input'), 'Jaska');
        await guide.press(qa('search-input'), 'Enter');
        await guide.waitForSelector(`${qa('search-results')} tbody tr`);
        await scan(guide, 'search results', lang);
      }
      for (const [name, id] of [['contact view: identified, callback window any', data.identified.id], ['contact view: anonymous', data.anonymous.id], ['contact view: referred', data.referred.id]] as const) {
        await guide.goto(`${server.url}/tyo/yhteydenotot/${id}`);
        await guide.waitForSelector(qa('contact-view'));
        await scan(guide, name, lang);
      }
      await guide.goto(`${server.url}/tyo/pikakirjaus`);
      await guide.waitForSelector(qa('quick-log'));
      await scan(guide, 'quick log', lang);
      await guide.goto(`${server.url}/tyo/uusi`);
      await guide.waitForSelector('#new-channel');
      await scan(guide, 'new contact', lang);

      const supervisor = await signedInPage(browser, server, 'esihenkilo');
      await supervisor.goto(`${server.url}/tyo/tilannekuva?lang=${lang}`);
      await supervisor.waitForSelector(qa('overview'));
      await supervisor.selectOption('#stats-month-year', '2026');
      await supervisor.selectOption('#stats-month-month', '11');
      await supervisor.waitForSelector(qa('monthly'));
      await scan(supervisor, 'supervisor', lang);

      const unit = await signedInPage(browser, server, 'yksikko');
      await unit.goto(`${server.url}/tyo/lahetteet?lang=${lang}`);
      await unit.waitForSelector(`${qa('inbox')} tbody tr`);
      await scan(unit, 'inbox', lang);
      await unit.goto(`${server.url}/tyo/lahetteet/${data.referred.referralId}`);
      await unit.waitForSelector(qa('referral-view'));
      await scan(unit, 'unit referral view', lang);

      const emergency = await signedInPage(browser, server, 'sospaivystys');
      await emergency.goto(`${server.url}/tyo/sosiaalipaivystys?lang=${lang}`);
      await emergency.waitForSelector(`${qa('emergency-handoffs')} tbody tr`);
      await scan(emergency, 'social emergency list', lang);

      const ed = await signedInPage(browser, server, 'paivystys');
      await ed.goto(`${server.url}/tyo/paivystys?lang=${lang}`);
      await ed.waitForSelector(qa('ed-form'));
      await scan(ed, 'ED form', lang);
      await ed.click(qa('ed-submit'));
      await ed.waitForSelector(qa('ed-error-summary'));
      await scan(ed, 'ED form with errors', lang);

      const editor = await signedInPage(browser, server, 'toimittaja');
      // the imported services are in Finnish: found in Finnish, then read in the page's language
      await editor.goto(`${server.url}/tyo/palvelutarjotin?lang=fi`);
      await editor.waitForSelector(qa('catalogue-stale'));
      await editor.fill('#catalogue-editor-q', 'toimeentulotuki');
      await editor.waitForSelector(qa('hit-open'));
      await editor.click(qa('hit-open'));
      await editor.waitForSelector(qa('catalogue-edit-form'));
      await editor.click(qa(`lang-${lang}`));
      await editor.waitForFunction((l) => document.documentElement.lang === l, lang);
      // a revision of the editor's own: the history names what changed
      await editor.click(`${qa('edit-areas')} input[type="checkbox"]`);
      await editor.click(qa('catalogue-save'));
      await editor.waitForSelector(qa('catalogue-saved'));
      await editor.waitForFunction(() => (document.querySelector('[data-qa="catalogue-history"]')?.children.length ?? 0) >= 2);
      await scan(editor, 'catalogue editor', lang);
    }, 120_000);
  }

  it('found no code-shaped string (page, string, where)', () => {
    const unique = [...new Map(findings.map((f) => [`${f.page}|${f.text}|${f.where}`, f])).values()];
    expect(unique).toEqual([]);
  });
});
