/**
 * Adversarial, black-box tests of issue 12's promises: through the HTTP API (app.inject), with
 * direct SQL only to read what is stored. Every test makes its own contacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { runRetention } from './public.js';

let t: TestApp;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const DAY = 86_400_000;
const db = () => t.database.db;

beforeAll(async () => { t = await createTestApp({ now: MONDAY }); }, 120_000);
afterAll(async () => { await t.close(); });

const sessions = new Map<string, Record<string, string>>();
async function as(username: string): Promise<Record<string, string>> {
  const key = `${username}@${Math.floor(t.clock.now.getTime() / 600_000)}`; // a session per 10 minutes of the test clock (idle limit 30)
  if (!sessions.has(key)) sessions.set(key, (await login(t.app, username)).headers);
  return sessions.get(key)!;
}
type Method = 'GET' | 'POST' | 'PATCH';
async function api(method: Method, url: string, payload?: unknown, who = 'ohjaaja') {
  return t.app.inject({ method, url, headers: await as(who), ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function at<T>(when: Date | string, work: () => Promise<T>): Promise<T> {
  const before = t.clock.now;
  t.clock.now = typeof when === 'string' ? new Date(when) : when;
  try { return await work(); } finally { t.clock.now = before; }
}
/** The retention job as of a date; it may prune sessions, so the cached ones are forgotten. */
async function run(asOf: Date, adviceRetentionDays = 0) {
  const report = await runRetention(db(), asOf, { adviceRetentionDays }, { dryRun: false });
  sessions.clear();
  return report;
}
let ipCounter = 1;
const freshIp = () => `198.51.100.${(ipCounter++ % 250) + 1}`;
const publicPost = (path: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/public/${path}`, payload: payload as object, remoteAddress: freshIp() });
const idOfReference = async (reference: string) => (await db().selectFrom('contact').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;

/** Every base table of every user schema, each row as text: which of the markers occur where. */
async function scanAll(markers: string[], exclude: string[] = []): Promise<Record<string, string[]>> {
  const tables = await sql<{ s: string; n: string }>`
    select table_schema as s, table_name as n from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`.execute(db());
  const found: Record<string, string[]> = {};
  for (const { s, n } of tables.rows) {
    if (exclude.includes(n)) continue;
    const rows = await sql<{ r: string }>`select t::text as r from ${sql.id(s, n)} t`.execute(db());
    for (const { r } of rows.rows) {
      const text = r.toLowerCase();
      for (const m of markers) {
        if (!text.includes(m.toLowerCase())) continue;
        const list = (found[m] ??= []);
        if (!list.includes(`${s}.${n}`)) list.push(`${s}.${n}`);
      }
    }
  }
  return found;
}

async function contactRows(id: string): Promise<string> {
  const parts: string[] = [];
  const tables = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and column_name in ('contact_id', 'referral_id') and table_name not in ('access_log') order by table_name, column_name`.execute(db());
  parts.push(JSON.stringify((await sql`select row_to_json(c) as r from contact c where id = ${id}`.execute(db())).rows));
  for (const { table_name: table, column_name: column } of tables.rows) {
    const where = column === 'contact_id' ? sql`t.contact_id = ${id}` : sql`t.referral_id in (select id from referral where contact_id = ${id})`;
    parts.push(`${table}: ${JSON.stringify((await sql`select row_to_json(t)::text as r from ${sql.table(table)} t where ${where} order by 1`.execute(db())).rows)}`);
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
describe('an advice-only contact keeps no personal data after the job', () => {
  it('without a referral: at closing (default 0 days), every free-text field it went through is gone from every table', async () => {
    const hetu = formatHetu('1963-04-17', 871);
    const person = { name: 'Qzvaname Henkilö', phone: '040 918 2736', hetu, address: 'Qzvaaddr katu 5', email: 'qzvamail@example.fi', callbackWindow: 'qzvawindow aamulla' };
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'housing', serviceArea: 'working_age', note: 'qzvanote vuokra', person });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    expect((await api('POST', `/api/contacts/${id}/claim`, {})).statusCode).toBe(200);
    expect((await api('POST', `/api/contacts/${id}/acute`, { acute: true, reason: 'qzvaacutemark' })).statusCode).toBe(200);
    expect((await api('POST', `/api/contacts/${id}/acute`, { acute: false, reason: 'qzvaacuteunmark' })).statusCode).toBe(200);
    const colleagues = (await api('GET', '/api/colleagues')).json().items as { id: string; name: string }[];
    const eeva = colleagues.find((u) => u.name.startsWith('Eeva'))!;
    const tr = await api('POST', `/api/contacts/${id}/transfer`, { toUserId: eeva.id, note: 'qzvatransfer siirto' });
    expect(tr.statusCode, tr.body).toBe(200);
    const w = await api('POST', `/api/contacts/${id}/wait`, { reason: 'client_to_call_back', note: 'qzvawait soittaa' }, 'esihenkilo');
    expect(w.statusCode, w.body).toBe(200);
    await api('POST', `/api/contacts/${id}/claim`, {}, 'esihenkilo');
    const cl = await api('POST', `/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false }, 'esihenkilo');
    expect(cl.statusCode, cl.body).toBe(200);
    const re = await api('POST', `/api/contacts/${id}/reopen`, { reason: 'qzvareopen uudelleen' }, 'esihenkilo');
    expect(re.statusCode, re.body).toBe(200);
    await api('POST', `/api/contacts/${id}/claim`, {}, 'esihenkilo');
    const cl2 = await api('POST', `/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false }, 'esihenkilo');
    expect(cl2.statusCode, cl2.body).toBe(200);

    const markers = ['qzvaname', '409182736', hetu, '1963-04-17', 'qzvaaddr', 'qzvamail', 'qzvawindow', 'qzvanote', 'qzvaacutemark', 'qzvaacuteunmark', 'qzvatransfer', 'qzvawait', 'qzvareopen'];
    const before = await scanAll(markers, ['access_log']);
    expect(Object.keys(before).length).toBeGreaterThan(5); // they were stored
    await run(new Date(t.clock.now.getTime() + 60 * 60_000)); // the hourly job, an hour after closing
    const after = await scanAll(markers);
    expect(after).toEqual({});
  });

  it('with referrals (cancelled, returned, completed) and consultations: 31 days after the last referral ended, no marker survives anywhere', async () => {
    const hetu = formatHetu('1971-02-09', 653);
    const person = { name: 'Qzvbname Henkilö', phone: '040 827 3645', hetu, address: 'Qzvbaddr tie 7', email: 'qzvbmail@example.fi', callbackWindow: 'qzvbwindow iltapäivä' };
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', note: 'qzvbnote', person });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    await api('POST', `/api/contacts/${id}/claim`, {});
    const consent = async (purpose: string, target: string) => {
      const r = await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose, target });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().id as string;
    };
    const fwd = await consent('forward_to_unit', 'Qzvbtarget aikuissosiaalityö');
    const ask = await consent('consultation', 'Qzvbctarget päivystävä');
    const refer = async (extra: Record<string, unknown>) => {
      const r = await api('POST', `/api/contacts/${id}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId: fwd, needs: ['income'], urgency: 'non_urgent', ...extra });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const r1 = await refer({ summary: 'qzvbsummary1', preferredTime: 'qzvbpreferred1' });
    expect((await api('POST', `/api/referrals/${r1}/cancel`, { reason: 'qzvbcancel peruttu' })).statusCode).toBe(200);
    const r2 = await refer({ summary: 'qzvbsummary2' });
    const ret = await api('POST', `/api/referrals/${r2}/return`, { reason: 'qzvbreturn väärä palvelu' }, 'yksikko');
    expect(ret.statusCode, ret.body).toBe(200);
    const r3 = await refer({ summary: 'qzvbsummary3' });
    expect((await api('POST', `/api/referrals/${r3}/accept`, {}, 'yksikko')).statusCode).toBe(200);
    expect((await api('POST', `/api/referrals/${r3}/contact`, {}, 'yksikko')).statusCode).toBe(200);
    const done = await api('POST', `/api/referrals/${r3}/complete`, { outcome: 'got_help', note: 'qzvboutcome sai apua' }, 'yksikko');
    expect(done.statusCode, done.body).toBe(200);
    const q1 = await api('POST', `/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: false, consentId: ask, question: 'qzvbquestion voiko?' });
    expect(q1.statusCode, q1.body).toBe(201);
    expect((await api('GET', '/api/consultations', undefined, 'yksikko')).statusCode).toBe(200);
    const ans = await api('POST', `/api/consultations/${q1.json().id}/answer`, { answer: 'qzvbanswer kyllä' }, 'yksikko');
    expect(ans.statusCode, ans.body).toBe(200);
    const q2 = await api('POST', `/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: false, consentId: ask, question: 'qzvbquestion2' });
    expect(q2.statusCode, q2.body).toBe(201);
    expect((await api('POST', `/api/consultations/${q2.json().id}/cancel`, { reason: 'qzvbconsultcancel' })).statusCode).toBe(200);
    await api('POST', `/api/contacts/${id}/claim`, {});
    const cl = await api('POST', `/api/contacts/${id}/close`, { outcome: 'message_to_service', ledToClientRelationship: false });
    expect(cl.statusCode, cl.body).toBe(200);

    const markers = ['qzvbname', '408273645', hetu, '1971-02-09', 'qzvbaddr', 'qzvbmail', 'qzvbwindow', 'qzvbnote', 'qzvbtarget', 'qzvbctarget', 'qzvbsummary', 'qzvbpreferred',
      'qzvbcancel', 'qzvbreturn', 'qzvboutcome', 'qzvbquestion', 'qzvbanswer', 'qzvbconsultcancel'];
    const before = await scanAll(markers, ['access_log']);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    // within 30 days after the last referral ended the hand-off data may stay
    await run(new Date(t.clock.now.getTime() + 29 * DAY));
    expect((await db().selectFrom('contact').select('person_name').where('id', '=', id).executeTakeFirstOrThrow()).person_name).toBe('Qzvbname Henkilö');
    await run(new Date(t.clock.now.getTime() + 31 * DAY));
    const after = await scanAll(markers);
    for (const m of markers) expect.soft(after[m], `marker ${m} survived in ${after[m]?.join(', ')}`).toBeUndefined();
  });

  it('a public web-form contact (name, phone, callback time, text) closed as advice is erased within the hour', async () => {
    const res = await publicPost('contact-requests', {
      lang: 'fi', anonymous: false, contactor: 'self', topic: 'older_person', text: 'Qzvcform äitini ei pärjää kotona.', name: 'Qzvcname Asukas', phone: '040 736 4518', callbackWindow: 'qzvcwindow aamulla', consent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOfReference(res.json().reference);
    await api('POST', `/api/contacts/${id}/claim`, {});
    await api('POST', `/api/contacts/${id}/reached`, { how: 'phone' });
    expect((await api('POST', `/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'other' })).statusCode).toBe(200);
    await run(new Date(t.clock.now.getTime() + 60 * 60_000));
    expect(await scanAll(['qzvcform', 'qzvcname', '407364518', 'qzvcwindow'])).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
describe('a notification loses nothing to the job', () => {
  const notification = (kind: 'social_welfare' | 'child_welfare', marker: string, extra: Record<string, unknown> = {}) => ({
    lang: 'fi', kind, contactor: 'professional',
    notifier: { name: `${marker}notifier Nea`, organisation: `${marker}org Terveysasema`, role: 'terveydenhoitaja', phone: '06 000 4321', email: `${marker}n@example.fi` },
    subject: { name: `${marker}subject Lapsi`, hetu: formatHetu('2015-06-01', 402), address: `${marker}addr katu 1`, phone: '040 111 0099' },
    municipality: '743', text: `${marker}text Lapsi kertoi huolestuttavista asioista kotona.`, urgency: 'non_urgent', ...extra,
  });

  it('a child welfare notification (LsL 25 §) closed by a worker as mere advice, service area changed to working age: intact after 1 h, 31 d, 11 y, 31 y and 60 y', async () => {
    const res = await publicPost('professional-notifications', notification('child_welfare', 'qzvd'));
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOfReference(res.json().reference);
    const view = (await api('GET', `/api/contacts/${id}`)).json();
    expect(view.notificationKind).toBe('child_welfare');
    expect(view.initiations.length).toBeGreaterThanOrEqual(1); // the pending matter is created with it
    await api('POST', `/api/contacts/${id}/claim`, {});
    const patch = await api('PATCH', `/api/contacts/${id}`, { serviceArea: 'working_age', mainReason: 'other' });
    expect(patch.statusCode, patch.body).toBe(200);
    const closed = await api('POST', `/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false });
    expect(closed.statusCode, closed.body).toBe(200);
    const before = await contactRows(id);
    expect(before).toContain('qzvdsubject');
    expect(before).toContain('qzvdnotifier');
    expect(before).toContain('qzvdtext');
    for (const later of [60 * 60_000, 31 * DAY, 11 * 365 * DAY, 31 * 366 * DAY, 60 * 366 * DAY]) {
      await run(new Date(t.clock.now.getTime() + later));
      expect(await contactRows(id), `after ${later / DAY} days`).toBe(before);
    }
  });

  it('an SHL 35 § notification about a family matter, closed as advice: intact 29 years later', async () => {
    const res = await publicPost('professional-notifications', notification('social_welfare', 'qzve', { subjectConsent: 'not_given', noConsentReason: 'qzvenoconsent' }));
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOfReference(res.json().reference);
    await api('POST', `/api/contacts/${id}/claim`, {});
    expect((await api('PATCH', `/api/contacts/${id}`, { serviceArea: 'families' })).statusCode).toBe(200);
    const closed = await api('POST', `/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'other' });
    expect(closed.statusCode, closed.body).toBe(200);
    const before = await contactRows(id);
    expect(before).toContain('qzvenoconsent');
    await run(new Date(t.clock.now.getTime() + 9 * 366 * DAY));
    expect(await contactRows(id)).toBe(before);
    await run(new Date(t.clock.now.getTime() + 29 * 365 * DAY));
    expect(await contactRows(id)).toBe(before);
  });

  it('an SHL 35 § notification for which a worker then refers on the child welfare ground: intact 40 years later', async () => {
    const res = await publicPost('professional-notifications', notification('social_welfare', 'qzvf', { subjectConsent: 'not_asked', noConsentReason: 'qzvfnoconsent' }));
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOfReference(res.json().reference);
    await api('POST', `/api/contacts/${id}/claim`, {});
    const ref = await api('POST', `/api/contacts/${id}/referrals`, {
      kind: 'message_to_service', shareResidentMessage: false, unit: 'child_welfare', legalGround: 'child_welfare', legalGroundReason: 'qzvfground', summary: 'qzvfsummary', needs: ['child_concern'], urgency: 'urgent',
    });
    expect(ref.statusCode, ref.body).toBe(201);
    expect((await api('POST', `/api/referrals/${ref.json().id}/accept`, {}, 'lastensuojelu')).statusCode).toBe(200);
    expect((await api('POST', `/api/referrals/${ref.json().id}/complete`, { outcome: 'got_help' }, 'lastensuojelu')).statusCode).toBe(200);
    expect((await api('POST', `/api/contacts/${id}/close`, { outcome: 'message_to_service', ledToClientRelationship: true, mainReason: 'other' })).statusCode).toBe(200);
    const before = await contactRows(id);
    expect(before).toContain('qzvfground');
    await run(new Date(t.clock.now.getTime() + 40 * 366 * DAY));
    expect(await contactRows(id)).toBe(before);
  });

  it('a worker cannot wipe a notification by turning it anonymous', async () => {
    const res = await publicPost('professional-notifications', notification('child_welfare', 'qzvg'));
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOfReference(res.json().reference);
    await api('POST', `/api/contacts/${id}/claim`, {});
    const before = (await db().selectFrom('contact').select(['person_name', 'person_hetu']).where('id', '=', id).executeTakeFirstOrThrow());
    await api('PATCH', `/api/contacts/${id}`, { anonymous: true, person: null });
    const after = (await db().selectFrom('contact').select(['person_name', 'person_hetu']).where('id', '=', id).executeTakeFirstOrThrow());
    expect(after).toEqual(before);
    expect(await db().selectFrom('notifier').select('name').where('contact_id', '=', id).executeTakeFirst()).toBeDefined();
  });
});

// ---------------------------------------------------------------------------------------------
describe('SHL 36 § counts from the first contact', () => {
  const OLD = (n: number) => ({ name: `Vanha ${n}`, hetu: formatHetu('1948-05-02', 300 + n), phone: `040 222 33${String(n).padStart(2, '0')}` });
  const SUNDAY = '2026-11-29T12:00:00+02:00';
  async function consented(id: string) {
    const x = await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Ikäihmisten palvelut' });
    expect(x.statusCode, x.body).toBe(200);
    return x.json().id as string;
  }
  const pta = (consentId: string, extra: Record<string, unknown> = {}) => ({
    kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'older_people_services', consentId, summary: 'Palvelutarpeen arviointi.', needs: ['ageing_home_care'], urgency: 'non_urgent', ...extra,
  });

  it('a 75+ person registered at 01:30 Helsinki on Monday (Sunday in UTC), referred on Sunday 29 Nov: 2 Dec, shl_36, on the referral, its view and the inbox', async () => {
    const { id, consentId } = await at('2026-11-22T23:30:00Z', async () => {
      const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'ageing_home_care', person: OLD(1) });
      expect(c.statusCode, c.body).toBe(201);
      return { id: c.json().id as string, consentId: await consented(c.json().id) };
    });
    const ref = await at(SUNDAY, () => api('POST', `/api/contacts/${id}/referrals`, pta(consentId)));
    expect(ref.statusCode, ref.body).toBe(201);
    expect(ref.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
    const view = await at(SUNDAY, () => api('GET', `/api/referrals/${ref.json().id}`, undefined, 'ohjaaja'));
    expect(view.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });

  it('a web form sent on Monday without an identity code; the code (75+) recorded on Thursday; referred on Sunday: 2 Dec', async () => {
    const res = await at(MONDAY, () => publicPost('contact-requests', { lang: 'fi', anonymous: false, contactor: 'self', topic: 'older_person', text: 'En pärjää enää kotona.', name: 'Veera Vanha', phone: '040 222 4411', consent: true }));
    expect(res.statusCode, res.body).toBe(201);
    const id = await idOfReference(res.json().reference);
    await at('2026-11-26T10:00:00+02:00', async () => {
      await api('POST', `/api/contacts/${id}/claim`, {});
      const p = await api('PATCH', `/api/contacts/${id}`, { person: { name: 'Veera Vanha', phone: '040 222 4411', hetu: formatHetu('1947-03-03', 512) } });
      expect(p.statusCode, p.body).toBe(200);
    });
    const consentId = await at('2026-11-26T10:05:00+02:00', () => consented(id));
    const ref = await at(SUNDAY, () => api('POST', `/api/contacts/${id}/referrals`, pta(consentId)));
    expect(ref.statusCode, ref.body).toBe(201);
    expect(ref.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });

  it('a letter received on Monday registered on Wednesday (receivedAt), the person on the highest care allowance, referred on Sunday: 2 Dec', async () => {
    const c = await at('2026-11-25T09:00:00+02:00', () => api('POST', '/api/contacts', {
      channel: 'post', contactor: 'self', anonymous: false, mainReason: 'income', receivedAt: '2026-11-23T09:00:00+02:00',
      person: { name: 'Kalle Kirje', hetu: formatHetu('1980-01-01', 613), address: 'Kirjekatu 3' },
    }));
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const consentId = await at('2026-11-25T09:05:00+02:00', () => consented(id));
    const ref = await at(SUNDAY, () => api('POST', `/api/contacts/${id}/referrals`, pta(consentId, { highestCareAllowance: true })));
    expect(ref.statusCode, ref.body).toBe(201);
    expect(ref.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });

  it('an initiation recorded a week later (Mon 30 Nov) for a 75+ person who contacted on Mon 23 Nov: 2 Dec, shl_36; a referral after it too', async () => {
    const c = await at(MONDAY, () => api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'ageing_home_care', person: OLD(2) }));
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const consentId = await at(MONDAY, () => consented(id));
    const ini = await at('2026-11-30T10:00:00+02:00', () => api('POST', `/api/contacts/${id}/initiations`, { concerns: 'Kotona pärjääminen', receivingUnit: 'older_people_services', urgent: false }));
    expect(ini.statusCode, ini.body).toBe(200);
    expect(ini.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
    const view = await at('2026-11-30T10:01:00+02:00', () => api('GET', `/api/contacts/${id}`));
    expect(view.json().initiations[0]).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
    const ref = await at('2026-12-01T10:00:00+02:00', () => api('POST', `/api/contacts/${id}/referrals`, pta(consentId)));
    expect(ref.statusCode, ref.body).toBe(201);
    expect(ref.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });
});

// ---------------------------------------------------------------------------------------------
describe('access that ends with the hand-off', () => {
  const PERSON = (m: string) => ({ name: `${m}name Henkilö`, hetu: formatHetu('1990-08-08', 700 + m.length * 3 + m.charCodeAt(3)), phone: '040 765 1111', address: `${m}addr tie 1`, email: `${m}mail@example.fi` });
  async function sent(m: string) {
    const person = PERSON(m);
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', person });
    expect(c.statusCode, c.body).toBe(201);
    const contactId = c.json().id as string;
    const x = await api('POST', `/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
    const consentId = x.json().id as string;
    const r = await api('POST', `/api/contacts/${contactId}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId, summary: `${m}summary`, needs: ['income'], urgency: 'non_urgent', preferredTime: `${m}pref` });
    expect(r.statusCode, r.body).toBe(201);
    return { contactId, consentId, referralId: r.json().id as string, person };
  }
  const leaks = (body: string, m: string, person: { hetu: string }) => [`${m}name`, `${m}addr`, `${m}mail`, `${m}summary`, `${m}pref`, person.hetu, '407651111'].filter((s) => body.toLowerCase().includes(s.toLowerCase()));

  it('after a return: nothing of the person in the unit’s view, FHIR export or inbox; the unit cannot act on it', async () => {
    const { referralId, person } = await sent('qzvh');
    expect((await api('POST', `/api/referrals/${referralId}/return`, { reason: 'Väärä palvelu.' }, 'yksikko')).statusCode).toBe(200);
    for (const who of ['yksikko', 'yksikko2']) {
      const v = await api('GET', `/api/referrals/${referralId}`, undefined, who);
      expect(v.statusCode).toBe(200);
      expect(v.json()).toMatchObject({ personalDataAvailable: false, person: null });
      expect(leaks(v.body, 'qzvh', person)).toEqual([]);
      const f = await api('GET', `/api/referrals/${referralId}/fhir`, undefined, who);
      expect(leaks(f.body, 'qzvh', person)).toEqual([]);
    }
    const inbox = await api('GET', '/api/referrals?status=returned', undefined, 'yksikko');
    expect(leaks(inbox.body, 'qzvh', person)).toEqual([]);
    expect((await api('POST', `/api/referrals/${referralId}/accept`, {}, 'yksikko')).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('after cancel: the unit cannot accept it any more, and its view and export hold nothing of the person', async () => {
    const { referralId, person } = await sent('qzvi');
    expect((await api('POST', `/api/referrals/${referralId}/cancel`, { reason: 'Turha.' })).statusCode).toBe(200);
    expect((await api('POST', `/api/referrals/${referralId}/accept`, {}, 'yksikko')).statusCode).toBeGreaterThanOrEqual(400);
    const v = await api('GET', `/api/referrals/${referralId}`, undefined, 'yksikko');
    expect(leaks(v.body, 'qzvi', person)).toEqual([]);
    const f = await api('GET', `/api/referrals/${referralId}/fhir`, undefined, 'yksikko');
    expect(leaks(f.body, 'qzvi', person)).toEqual([]);
  });

  it('consent withdrawn before acceptance: FHIR export empty of the person too; the unit can neither accept nor contact nor complete', async () => {
    const { contactId, consentId, referralId, person } = await sent('qzvj');
    expect((await api('POST', `/api/contacts/${contactId}/consents/${consentId}/withdraw`, {})).statusCode).toBe(200);
    const v = await api('GET', `/api/referrals/${referralId}`, undefined, 'yksikko');
    expect(v.json()).toMatchObject({ personalDataAvailable: false, personalDataUnavailableReason: 'consent_withdrawn' });
    expect(leaks(v.body, 'qzvj', person)).toEqual([]);
    const f = await api('GET', `/api/referrals/${referralId}/fhir`, undefined, 'yksikko');
    expect(leaks(f.body, 'qzvj', person)).toEqual([]);
    for (const step of ['accept', 'contact']) expect((await api('POST', `/api/referrals/${referralId}/${step}`, {}, 'yksikko')).statusCode, step).toBeGreaterThanOrEqual(400);
    expect((await api('POST', `/api/referrals/${referralId}/complete`, { outcome: 'got_help' }, 'yksikko')).statusCode).toBeGreaterThanOrEqual(400);
  });

  it('data added to the contact after sending (phone, address, e-mail, note, new consent, wait note, identity code) never reaches the unit', async () => {
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Qzvkname Henkilö', phone: '040 765 2222' } });
    const contactId = c.json().id as string;
    const consentId = (await api('POST', `/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    const r = await api('POST', `/api/contacts/${contactId}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId, summary: 'Toimeentulo.', needs: ['income'], urgency: 'non_urgent' });
    expect(r.statusCode, r.body).toBe(201);
    const referralId = r.json().id as string;
    const laterHetu = formatHetu('1985-12-24', 917);
    await at(new Date(MONDAY.getTime() + 60_000), async () => {
      await api('POST', `/api/contacts/${contactId}/claim`, {});
      const p = await api('PATCH', `/api/contacts/${contactId}`, { note: 'qzvklaternote', person: { name: 'Qzvkname Henkilö', phone: '050 333 9999', hetu: laterHetu, address: 'Qzvklateraddr 9', email: 'qzvklatermail@example.fi', callbackWindow: 'qzvklaterwindow' } });
      expect(p.statusCode, p.body).toBe(200);
      await api('POST', `/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'other_actor', target: 'Qzvklatertarget Kela' });
      await api('POST', `/api/contacts/${contactId}/wait`, { reason: 'client_to_call_back', note: 'qzvklaterwait' });
    });
    const check = async (who: string) => {
      const v = await api('GET', `/api/referrals/${referralId}`, undefined, who);
      expect(v.statusCode).toBe(200);
      const f = await api('GET', `/api/referrals/${referralId}/fhir`, undefined, who);
      const body = (v.body + f.body).toLowerCase();
      return ['qzvklaternote', 'qzvklateraddr', 'qzvklatermail', 'qzvklaterwindow', 'qzvklatertarget', 'qzvklaterwait', '503339999', laterHetu.toLowerCase(), '1985-12-24'].filter((s) => body.includes(s));
    };
    expect(await check('yksikko')).toEqual([]);
    expect((await api('POST', `/api/referrals/${referralId}/accept`, {}, 'yksikko')).statusCode).toBe(200);
    expect(await check('yksikko')).toEqual([]);
  });

  it('a unit worker reads no contact directly and no other unit reads the referral', async () => {
    const { contactId, referralId } = await sent('qzvl');
    expect((await api('GET', `/api/contacts/${contactId}`, undefined, 'yksikko')).statusCode).toBe(403);
    expect((await api('GET', '/api/contacts', undefined, 'yksikko')).statusCode).toBe(403);
    expect((await api('GET', `/api/referrals/${referralId}`, undefined, 'lastensuojelu')).statusCode).toBe(403);
    expect((await api('GET', `/api/referrals/${referralId}/fhir`, undefined, 'sospaivystys')).statusCode).toBe(403);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the access log', () => {
  const reads = async (subjectType: string, subjectId: string, username?: string) => {
    let q = db().selectFrom('access_log as a').leftJoin('app_user as u', 'u.id', 'a.actor_user_id').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.subject_type', '=', subjectType as never).where('a.subject_id', '=', subjectId).where('a.action', '=', 'read');
    if (username) q = q.where('u.username', '=', username);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const userId = async (username: string) => (await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

  it('an open contact view polled every 5 s: one row per user per 15-minute session; another user and another contact are logged on their own', async () => {
    const a = (await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, person: { name: 'Pollattu', hetu: formatHetu('1970-01-01', 811) } })).json().id as string;
    const b = (await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, person: { name: 'Toinen', hetu: formatHetu('1970-01-02', 812) } })).json().id as string;
    const start = t.clock.now.getTime();
    for (let i = 0; i < 100; i++) {
      await at(new Date(start + i * 5_000), async () => {
        expect((await api('GET', `/api/contacts/${a}`)).statusCode).toBe(200);
      });
    }
    expect(await reads('contact', a, 'ohjaaja')).toBe(1);
    await at(new Date(start + 60_000), () => api('GET', `/api/contacts/${a}`, undefined, 'esihenkilo'));
    await at(new Date(start + 61_000), () => api('GET', `/api/contacts/${b}`));
    expect(await reads('contact', a, 'esihenkilo')).toBe(1);
    expect(await reads('contact', b, 'ohjaaja')).toBe(1);
    // a full hour of polling every 30 s: one row per 15 minutes
    const c = (await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, person: { name: 'Tunti', hetu: formatHetu('1970-01-03', 813) } })).json().id as string;
    for (let i = 0; i < 120; i++) await at(new Date(start + i * 30_000), () => api('GET', `/api/contacts/${c}`));
    const n = await reads('contact', c, 'ohjaaja');
    expect(n).toBeGreaterThanOrEqual(4);
    expect(n).toBeLessThanOrEqual(5);
  });

  it('the unit polling its consultation inbox and a referral view writes one row per subject, not per poll', async () => {
    const hetu = formatHetu('1966-06-06', 521);
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Konsultoitava', hetu, phone: '040 765 7777' } });
    const id = c.json().id as string;
    const ask = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'consultation', target: 'Päivystävä' })).json().id as string;
    const fwd = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    const q = await api('POST', `/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: false, consentId: ask, question: 'Voiko ottaa?' });
    expect(q.statusCode, q.body).toBe(201);
    const r = await api('POST', `/api/contacts/${id}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId: fwd, summary: 'S', needs: ['income'], urgency: 'non_urgent' });
    expect(r.statusCode, r.body).toBe(201);
    const start = t.clock.now.getTime();
    for (let i = 0; i < 50; i++) {
      await at(new Date(start + i * 5_000), async () => {
        expect((await api('GET', '/api/consultations', undefined, 'yksikko')).statusCode).toBe(200);
        expect((await api('GET', `/api/referrals/${r.json().id}`, undefined, 'yksikko')).statusCode).toBe(200);
      });
    }
    const rows = await db().selectFrom('access_log').select(['action', 'purpose', 'created_at']).where('subject_type', '=', 'consultation').where('subject_id', '=', q.json().id).orderBy('seq').execute();
    const evidence = `${rows.length} rows, first ${JSON.stringify(rows[0])}, last ${JSON.stringify(rows.at(-1))}`;
    expect.soft(await reads('consultation', q.json().id, 'yksikko'), `consultation inbox: read rows for 50 polls (${evidence})`).toBe(1);
    expect.soft(await reads('referral', r.json().id, 'yksikko'), 'referral view: read rows for 50 polls').toBe(1);
  });

  it('GET /api/admin/access-log?subjectType=person finds the reads through the contact, the referral and the consultation', async () => {
    const hetu = formatHetu('1958-09-19', 644);
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Etsittävä Henkilö', hetu, phone: '040 765 3333' } });
    const id = c.json().id as string;
    const ask = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'consultation', target: 'Päivystävä' })).json().id as string;
    const fwd = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    const q = await api('POST', `/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: false, consentId: ask, question: 'Voiko?' });
    const r = await api('POST', `/api/contacts/${id}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId: fwd, summary: 'S', needs: ['income'], urgency: 'non_urgent' });
    expect(r.statusCode, r.body).toBe(201);
    expect(q.statusCode, q.body).toBe(201);
    await at(new Date(t.clock.now.getTime() + 1000), async () => {
      await api('GET', `/api/contacts/${id}`, undefined, 'esihenkilo');
      await api('GET', '/api/consultations', undefined, 'yksikko2');
      await api('GET', `/api/referrals/${r.json().id}`, undefined, 'yksikko');
    });
    const log = await api('GET', `/api/admin/access-log?subjectType=person&subjectId=${encodeURIComponent(hetu)}`, undefined, 'admin');
    expect(log.statusCode, log.body).toBe(200);
    const items = log.json().items as { actorUserId: string | null; subjectType: string; subjectId: string; action: string }[];
    const has = (who: string, type: string, subject: string) => items.some((i) => i.actorUserId === who && i.subjectType === type && i.subjectId === subject && i.action === 'read');
    expect(has(await userId('esihenkilo'), 'contact', id)).toBe(true);
    expect(has(await userId('yksikko2'), 'consultation', q.json().id)).toBe(true);
    expect(has(await userId('yksikko'), 'referral', r.json().id)).toBe(true);
    // the report names the same reads, and nothing of anyone else
    const report = await api('GET', `/api/admin/access-log/person-report?hetu=${encodeURIComponent(hetu)}`, undefined, 'admin');
    expect(report.statusCode, report.body).toBe(200);
    const recs = (report.json().items as { record: { type: string; id: string } }[]).map((i) => `${i.record.type}:${i.record.id}`);
    expect(recs).toEqual(expect.arrayContaining([`contact:${id}`, `referral:${r.json().id}`, `consultation:${q.json().id}`]));
    expect(report.body).not.toContain('Pollattu');
  });

  it('a read made before the identity code was recorded, and re-read within the session after it was, is still found by the code', async () => {
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Myöhemmin Tunnistettu', phone: '040 765 4444' } });
    const id = c.json().id as string;
    await api('GET', `/api/contacts/${id}`, undefined, 'esihenkilo'); // sees the name and phone
    const hetu = formatHetu('1977-07-07', 733);
    await at(new Date(t.clock.now.getTime() + 60_000), async () => {
      expect((await api('PATCH', `/api/contacts/${id}`, { person: { name: 'Myöhemmin Tunnistettu', phone: '040 765 4444', hetu } })).statusCode).toBe(200);
      expect((await api('GET', `/api/contacts/${id}`, undefined, 'esihenkilo')).json().person.hetu).toBe(hetu); // now sees the code too
    });
    const items = (await api('GET', `/api/admin/access-log?subjectType=person&subjectId=${encodeURIComponent(hetu)}`, undefined, 'admin')).json().items as { actorUserId: string; subjectId: string; action: string }[];
    const esihenkilo = await userId('esihenkilo');
    expect(items.filter((i) => i.actorUserId === esihenkilo && i.subjectId === id && i.action === 'read').length).toBeGreaterThanOrEqual(1);
  });

  it('a unit’s read of a referral sent before the identity code was known is found by the code recorded later', async () => {
    const c = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Snapshot Ilman', phone: '040 765 5555' } });
    const id = c.json().id as string;
    const fwd = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    const r = await api('POST', `/api/contacts/${id}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId: fwd, summary: 'S', needs: ['income'], urgency: 'non_urgent' });
    expect((await api('GET', `/api/referrals/${r.json().id}`, undefined, 'yksikko')).json().person.name).toBe('Snapshot Ilman');
    const hetu = formatHetu('1979-09-09', 744);
    expect((await api('PATCH', `/api/contacts/${id}`, { person: { name: 'Snapshot Ilman', phone: '040 765 5555', hetu } })).statusCode).toBe(200);
    const items = (await api('GET', `/api/admin/access-log?subjectType=person&subjectId=${encodeURIComponent(hetu)}`, undefined, 'admin')).json().items as { actorUserId: string; subjectType: string; subjectId: string; action: string }[];
    const yksikko = await userId('yksikko');
    expect(items.some((i) => i.actorUserId === yksikko && i.subjectType === 'referral' && i.subjectId === r.json().id && i.action === 'read')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the promise is kept only by reaching the person', () => {
  const promise = async (month: string) => (await api('GET', `/api/statistics/monthly?month=${month}`, undefined, 'esihenkilo')).json().promise as { kept: number; missed: number; pending: number; notApplicable: number };

  it('a web form and a letter claimed on their day but never reached count as missed, not kept; the overview calls them overdue', async () => {
    const before = await at('2027-03-20T12:00:00+02:00', () => promise('2027-03'));
    // Mon 1 Mar 2027: a web form; promised Tue 2 Mar
    const form = await at('2027-03-01T09:00:00+02:00', () => publicPost('contact-requests', { lang: 'fi', anonymous: false, contactor: 'self', text: 'Tarvitsen neuvoa.', name: 'Lupaus Testi', phone: '040 765 6666', consent: true }));
    expect(form.statusCode, form.body).toBe(201);
    const formId = await idOfReference(form.json().reference);
    await at('2027-03-01T09:30:00+02:00', () => api('POST', `/api/contacts/${formId}/claim`, {}));
    // a letter registered by a worker on Mon 1 Mar, claimed at once, never answered
    const letter = await at('2027-03-01T10:00:00+02:00', () => api('POST', '/api/contacts', { channel: 'post', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Kirje Kirjoittaja', address: 'Postikatu 1' } }));
    expect(letter.statusCode, letter.body).toBe(201);
    const letterId = letter.json().id as string;
    await at('2027-03-01T10:01:00+02:00', () => api('POST', `/api/contacts/${letterId}/claim`, {}));
    // Wed 3 Mar: both still open, claimed, not reached: overdue in the supervisor's view and the queue
    const overview = await at('2027-03-03T12:00:00+02:00', () => api('GET', '/api/supervisor/overview', undefined, 'esihenkilo'));
    expect(overview.statusCode).toBe(200);
    expect(overview.json().overdueClaimed).toBeGreaterThanOrEqual(2);
    const queue = await at('2027-03-03T12:00:00+02:00', () => api('GET', '/api/contacts?limit=200'));
    for (const cid of [formId, letterId]) expect(queue.json().items.find((i: { id: string }) => i.id === cid)).toMatchObject({ overdue: true, reached: false });
    // closed on Thursday without any reply
    await at('2027-03-04T09:00:00+02:00', async () => {
      expect((await api('POST', `/api/contacts/${formId}/close`, { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'other' })).statusCode).toBe(200);
      expect((await api('POST', `/api/contacts/${letterId}/close`, { outcome: 'advice_given', ledToClientRelationship: false })).statusCode).toBe(200);
    });
    const after = await at('2027-03-20T12:00:00+02:00', () => promise('2027-03'));
    expect(after.kept - before.kept).toBe(0);
    expect(after.missed - before.missed).toBe(2);
  });
});

// ---------------------------------------------------------------------------------------------
describe('the new admin routes, by role', () => {
  it('admin 200; every other role 403; no session 401; a state-changing call without the CSRF token refused', async () => {
    const hetu = formatHetu('1960-01-01', 955);
    const routes: [Method, string][] = [
      ['GET', '/api/admin/retention'],
      ['GET', `/api/admin/access-log?subjectType=person&subjectId=${encodeURIComponent(hetu)}`],
      ['GET', `/api/admin/access-log/person-report?hetu=${encodeURIComponent(hetu)}`],
      ['GET', '/api/admin/access-log/verify'],
      ['POST', '/api/admin/access-log/checkpoint'],
    ];
    const got: Record<string, number> = {};
    for (const [method, url] of routes) {
      for (const who of ['admin', 'ohjaaja', 'esihenkilo', 'yksikko', 'lastensuojelu', 'sospaivystys', 'paivystys', 'toimittaja']) {
        got[`${who} ${method} ${url}`] = (await api(method, url, method === 'POST' ? {} : undefined, who)).statusCode;
      }
      got[`anonymous ${method} ${url}`] = (await t.app.inject({ method, url })).statusCode;
    }
    const want = Object.fromEntries(Object.keys(got).map((k) => [k, k.startsWith('admin ') ? 200 : k.startsWith('anonymous ') ? 401 : 403]));
    expect(got).toEqual(want);
    const cookieOnly = { cookie: (await as('admin')).cookie! };
    expect((await t.app.inject({ method: 'POST', url: '/api/admin/access-log/checkpoint', headers: cookieOnly, payload: {} })).statusCode).toBe(403);
  });
});

describe('the retention table shown to administrators', () => {
  it('has a rule with a legal basis, a period and a starting event for every record type the issue names', async () => {
    const res = await api('GET', '/api/admin/retention', undefined, 'admin');
    expect(res.statusCode).toBe(200);
    const rules = res.json().rules as { type: string; kept: string; erased: string; periodText: string; from: string; legalBasis: string; enforcement: string; period: { kind: string } }[];
    const types = rules.map((r) => r.type).join(' ');
    for (const word of ['advice', 'callback', 'shl_35', 'lsl_25', 'initiation', 'referral', 'consultation', 'consent', 'chat', 'access_log', 'session', 'login']) expect(types, word).toContain(word);
    for (const r of rules) {
      for (const field of ['kept', 'periodText', 'from', 'legalBasis', 'enforcement'] as const) expect(r[field].trim().length, `${r.type}.${field}`).toBeGreaterThan(0);
    }
    expect(rules.find((r) => r.type.includes('lsl_25'))!.period.kind).toBe('never');
    expect(rules.find((r) => r.type.includes('access_log'))!.period.kind).not.toBe('at_event');
  });
});

// ---------------------------------------------------------------------------------------------
describe('pruning', () => {
  it('a failed login’s IP address and an idempotency key are gone after their periods; sessions ended 90 days ago are gone', async () => {
    const ip = '203.0.113.177';
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ohjaaja', password: 'wrong-password-qzv' }, remoteAddress: ip });
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    const key = 'qzvidempotencykey-0001';
    const c = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...(await as('ohjaaja')), 'idempotency-key': key }, payload: { channel: 'phone', contactor: 'self', anonymous: true } });
    expect(c.statusCode, c.body).toBe(201);
    const stored = await scanAll([ip, key], ['access_log']);
    expect(Object.keys(stored)).toEqual(expect.arrayContaining([ip]));
    const base = Math.max(Date.now(), t.clock.now.getTime()); // rows may be stamped by the database's own clock
    await run(new Date(base + 49 * 3_600_000));
    expect((await scanAll([key], ['access_log']))[key]).toBeUndefined();
    await run(new Date(base + 91 * DAY));
    expect((await scanAll([ip], ['access_log']))[ip]).toBeUndefined();
    const sessionTables = (await sql<{ n: string }>`select table_name as n from information_schema.tables where table_schema = 'public' and table_name like '%session%'`.execute(db())).rows.map((r) => r.n);
    expect(sessionTables.length).toBeGreaterThan(0);
    await run(new Date(base + 2 * 365 * DAY));
    for (const table of sessionTables) {
      const n = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db())).rows[0]!.n);
      expect(n, table).toBe(0);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('the chain anchored outside the table (last: it tampers with the log)', () => {
  it('deleting the newest rows after a checkpoint is detected', async () => {
    await api('GET', '/api/admin/retention', undefined, 'admin');
    const cp = await api('POST', '/api/admin/access-log/checkpoint', {}, 'admin');
    expect(cp.statusCode, cp.body).toBe(200);
    const seq = cp.json().seq as number;
    expect((await api('GET', '/api/admin/access-log/verify', undefined, 'admin')).json().ok).toBe(true);
    await sql`alter table access_log disable trigger user`.execute(db());
    try {
      await sql`delete from access_log where seq >= ${seq - 1}`.execute(db());
    } finally {
      await sql`alter table access_log enable trigger user`.execute(db());
    }
    const v = await api('GET', '/api/admin/access-log/verify', undefined, 'admin');
    expect(v.statusCode).toBe(200);
    expect(v.json().ok).toBe(false);
    expect(v.json().problems.length).toBeGreaterThan(0);
  });
});
