import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createTestApp, login, serverUrl, type TestApp } from '../../test/support.js';
import { runRetention, previewRetention } from './retention.service.js';
import { RECORD_TYPES } from '../../../domain/retention.js';
import { startJobs } from '../../platform/jobs.js';

/**
 * The retention table's rules (src/domain/retention.ts), one by one, against a real database:
 * what the job erases, what it never erases, what the database refuses, and the operator's CLI.
 */
let t: TestApp;
const CLOSED = new Date('2026-10-01T10:00:00+03:00');
beforeAll(async () => { t = await createTestApp({ now: CLOSED }); });
afterAll(async () => { await t.close(); });

const db = () => t.database.db;
const DAY = 86_400_000;
const at = (days: number) => new Date(CLOSED.getTime() + days * DAY + 60_000);
const years = (n: number) => { const d = new Date(CLOSED); d.setUTCFullYear(d.getUTCFullYear() + n); return d; };
const run = (asOf: Date, adviceRetentionDays = 0) => runRetention(db(), asOf, { adviceRetentionDays }, { dryRun: false });

const sessions = new Map<string, Record<string, string>>();
async function as(username: string) {
  const key = `${username}@${t.clock.now.toISOString()}`; // a session lives in the test clock's time
  if (!sessions.has(key)) sessions.set(key, (await login(t.app, username)).headers);
  return sessions.get(key)!;
}
async function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, who = 'ohjaaja') {
  return t.app.inject({ method, url, headers: await as(who), ...(payload === undefined ? {} : { payload: payload as object }) });
}

const PERSON = { name: 'Zqx Poistettava', phone: '040 555 6666', hetu: '131052-308T', address: 'Zqxkatu 1', email: 'zqx@example.fi', callbackWindow: 'zqx aamupäivä' };

async function identified(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await api('POST', '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'housing', serviceArea: 'working_age', note: 'Zqx vuokrarästit', person: PERSON, ...extra });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function close(id: string, outcome = 'advice_given', led = false) {
  await api('POST', `/api/contacts/${id}/claim`, {});
  const res = await api('POST', `/api/contacts/${id}/close`, { outcome, ledToClientRelationship: led });
  expect(res.statusCode).toBe(200);
}
const personName = async (id: string) => (await db().selectFrom('contact').select('person_name').where('id', '=', id).executeTakeFirstOrThrow()).person_name;

/** Every row in the database that hangs on the contact (any table with a contact_id or referral_id column), as JSON text. */
async function dumpOf(contactId: string): Promise<string> {
  const tables = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and column_name in ('contact_id', 'referral_id') and table_name <> 'access_log'`.execute(db());
  const parts = [JSON.stringify((await sql`select row_to_json(c) as r from contact c where id = ${contactId}`.execute(db())).rows)];
  for (const { table_name: table, column_name: column } of tables.rows) {
    const where = column === 'contact_id' ? sql`t.contact_id = ${contactId}` : sql`t.referral_id in (select id from referral where contact_id = ${contactId})`;
    parts.push(JSON.stringify((await sql`select row_to_json(t) as r from ${sql.table(table)} t where ${where}`.execute(db())).rows));
  }
  return parts.join('\n');
}

describe('advice-only identified contact', () => {
  it('is erased when it closes (by default), keeping the statistics; preview counts what run erases', async () => {
    const id = await identified({ acute: true });
    await db().updateTable('contact').set({ acute_trigger_words: ['zqx kuristi'] }).where('id', '=', id).execute();
    await close(id);
    const before = new Date(CLOSED.getTime() - 60_000);
    expect((await run(before)).counts.advice_contact).toBe(0); // before closing: nothing
    const preview = await previewRetention(db(), at(0), { adviceRetentionDays: 0 });
    expect(preview.counts.advice_contact).toBe(1);
    expect(await personName(id)).toBe('Zqx Poistettava'); // a preview writes nothing
    const done = await run(at(0));
    expect(done.counts).toEqual(preview.counts);
    const row = await db().selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      person_name: null, person_phone: null, person_hetu: null, person_birth_date: null, person_address: null, person_email: null, callback_window: null, note: null,
      acute_trigger_words: [], status: 'closed', outcome: 'advice_given', main_reason: 'housing', channel: 'phone', service_area: 'working_age', acute: true,
    });
    expect(row.personal_data_erased_at).toEqual(at(0));
    const log = await db().selectFrom('access_log').select(['action', 'actor_label', 'purpose']).where('subject_id', '=', id).where('action', '=', 'delete').execute();
    expect(log).toEqual([{ action: 'delete', actor_label: 'system:retention', purpose: 'retention_period_expired' }]);
    expect((await run(at(1))).counts.advice_contact).toBe(0); // idempotent
  });

  it('keeps the data for the county’s period when one is set (ADVICE_RETENTION_DAYS), then erases it', async () => {
    const id = await identified();
    await close(id);
    expect((await run(at(6), 7)).counts.advice_contact).toBe(0);
    expect(await personName(id)).toBe('Zqx Poistettava');
    expect((await run(at(7), 7)).counts.advice_contact).toBe(1);
    expect(await personName(id)).toBeNull();
  });

  it('counts a callback task under its own rule and erases its number at closing', async () => {
    const res = await api('POST', '/api/contacts', { channel: 'callback', phoneLine: 'working_age', contactor: 'self', anonymous: false, person: { phone: '040 777 8888', callbackWindow: 'zqx iltapäivä' } });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    await db().updateTable('contact').set({ main_reason: 'other' }).where('id', '=', id).execute();
    await close(id);
    expect((await run(at(0))).counts.callback_task).toBe(1);
    expect(await db().selectFrom('contact').select(['person_phone', 'callback_window']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ person_phone: null, callback_window: null });
  });

  it('erases every free-text field the contact holds: no marker survives anywhere in its rows', async () => {
    const id = await identified();
    const consent = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Zqx aikuissosiaalityö' })).json().id as string;
    const ask = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'consultation', target: 'Zqx päivystävä' })).json().id as string;
    await api('POST', `/api/contacts/${id}/claim`, {});
    const ref = await api('POST', `/api/contacts/${id}/referrals`, {
      kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: consent, summary: 'Zqx toimeentulo', needs: ['income'], urgency: 'non_urgent', preferredTime: 'zqx aamuisin',
    });
    expect(ref.statusCode).toBe(201);
    const refId = ref.json().id as string;
    expect((await api('POST', `/api/referrals/${refId}/cancel`, { reason: 'Zqx perui itse' })).statusCode).toBe(200);
    // the texts other paths write (a booking, a completion note, a return, a legal ground), on the same row
    await db().updateTable('referral').set({ booked_place: 'Zqx toimipiste', outcome_note: 'zqx sai apua', return_reason: 'zqx väärä palvelu', legal_ground_reason: 'zqx peruste' }).where('id', '=', refId).execute();
    const consultation = await api('POST', `/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: false, consentId: ask, question: 'Zqx voiko ottaa heti?' });
    expect(consultation.statusCode).toBe(201);
    expect((await api('POST', `/api/consultations/${consultation.json().id}/answer`, { answer: 'Zqx kyllä' }, 'yksikko')).statusCode).toBe(200);
    await api('POST', `/api/contacts/${id}/wait`, { reason: 'client_to_call_back', note: 'zqx soittaa huomenna' });
    await api('POST', `/api/contacts/${id}/claim`, {});
    await db().insertInto('contact_event').values([
      { contact_id: id, at: CLOSED, actor_user_id: null, kind: 'transferred', details: JSON.stringify({ to: '00000000-0000-4000-8000-000000000000', toName: 'Olli Ohjaaja', note: 'zqx siirto' }) },
      { contact_id: id, at: CLOSED, actor_user_id: null, kind: 'reopened', details: JSON.stringify({ reason: 'zqx avattu uudelleen', previousOutcome: 'advice_given' }) },
      { contact_id: id, at: CLOSED, actor_user_id: null, kind: 'acute_unmarked', details: JSON.stringify({ note: 'zqx ei akuutti', acuteReasons: ['worker'], acuteTriggerWords: ['zqx'] }) },
      { contact_id: id, at: CLOSED, actor_user_id: null, kind: 'consent_given', details: JSON.stringify({ consentId: consent, purpose: 'forward_to_unit', target: 'Zqx aikuissosiaalityö', method: 'verbal' }) },
    ]).execute();
    await close(id, 'referral_for_assessment', true);
    expect((await dumpOf(id)).toLowerCase()).toContain('zqx');

    expect((await run(at(29))).kept.referral_period_running).toBeGreaterThanOrEqual(1); // cancelled "now": 30 days
    const preview = await previewRetention(db(), at(30), { adviceRetentionDays: 0 });
    const done = await run(at(30));
    expect(done.counts).toEqual(preview.counts);
    expect(done.counts).toMatchObject({ advice_contact: 1, referral: 1, consultation_named: 1, consent: 2 });
    const dump = await dumpOf(id);
    expect(dump.toLowerCase()).not.toContain('zqx');
    expect(dump).not.toContain('358405556666');
    expect(dump).not.toContain('131052-308T');
    expect(dump).not.toContain('1952-10-13');
    // what the statistics need stays
    const events = await db().selectFrom('contact_event').select(['kind', 'details']).where('contact_id', '=', id).execute();
    expect(events.find((e) => e.kind === 'waiting')?.details).toEqual({ reason: 'client_to_call_back' });
    expect(events.find((e) => e.kind === 'consent_given')?.details).toEqual({ consentId: consent, purpose: 'forward_to_unit', method: 'verbal' });
    expect(await db().selectFrom('referral').select(['status', 'kind', 'urgency']).where('id', '=', refId).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled', kind: 'referral_for_assessment', urgency: 'non_urgent' });
  });
  it('erases the resident\'s message, the caller and the message shared with the unit (issue 14): no marker survives', async () => {
    const sent = await t.app.inject({
      method: 'POST', url: '/api/public/contact-requests', remoteAddress: '10.12.0.1',
      payload: { lang: 'fi', anonymous: false, contactor: 'close_one', topic: 'money', text: 'Zqy isäni ei pärjää laskujen kanssa.\nZqy soittakaa.', name: 'Zqy Tytär', phone: '040 555 7711', consent: true },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = (await db().selectFrom('contact').select('id').where('reference', '=', sent.json().reference).executeTakeFirstOrThrow()).id;
    await api('POST', `/api/contacts/${id}/claim`, {});
    const caller = await api('PATCH', `/api/contacts/${id}`, { caller: { name: 'Zqy Soittaja', phone: '040 555 7722', organisation: 'Zqy Kotihoito', relationship: 'zqy tytär' } });
    expect(caller.statusCode, caller.body).toBe(200);
    const consent = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    const ref = await api('POST', `/api/contacts/${id}/referrals`, { kind: 'message_to_service', unit: 'adult_social_work', consentId: consent, summary: 'Laskut', needs: ['income'], urgency: 'non_urgent', shareResidentMessage: true });
    expect(ref.statusCode, ref.body).toBe(201);
    const refId = ref.json().id as string;
    expect((await db().selectFrom('referral_snapshot').select('resident_message').where('referral_id', '=', refId).executeTakeFirstOrThrow()).resident_message).toMatch(/^Zqy isäni/);
    expect((await api('POST', `/api/referrals/${refId}/cancel`, { reason: 'Peruttu' })).statusCode).toBe(200);
    await close(id);
    const before = await dumpOf(id);
    for (const marker of ['Zqy isäni', 'Zqy Soittaja', '+358405557722', 'Zqy Kotihoito', 'zqy tytär']) expect(before).toContain(marker);
    await run(at(30));
    const dump = await dumpOf(id);
    expect(dump.toLowerCase()).not.toContain('zqy');
    expect(dump).not.toContain('405557722');
    expect(dump).not.toContain('405557711');
    expect(await db().selectFrom('referral_snapshot').select(['resident_message', 'erased_at']).where('referral_id', '=', refId).executeTakeFirstOrThrow())
      .toMatchObject({ resident_message: null, erased_at: at(30) });
    expect(await db().selectFrom('contact').select(['resident_message', 'caller_name', 'caller_phone', 'caller_organisation', 'caller_relationship']).where('id', '=', id).executeTakeFirstOrThrow())
      .toEqual({ resident_message: null, caller_name: null, caller_phone: null, caller_organisation: null, caller_relationship: null });
  });
});

describe('a referral in the loop', () => {
  it('keeps the person while the referral is open, then 30 days after it ended', async () => {
    const id = await identified();
    const consent = (await api('POST', `/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    await api('POST', `/api/contacts/${id}/claim`, {});
    const refId = (await api('POST', `/api/contacts/${id}/referrals`, { kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: consent, summary: 'Arvio', needs: ['income'], urgency: 'non_urgent' })).json().id as string;
    await close(id, 'referral_for_assessment', true);
    expect((await run(years(1))).kept.referral_in_loop).toBeGreaterThanOrEqual(1);
    expect(await personName(id)).toBe('Zqx Poistettava');
    const ended = new Date(years(1).getTime() + DAY);
    t.clock.now = ended;
    try {
      expect((await api('POST', `/api/referrals/${refId}/accept`, {}, 'yksikko')).statusCode).toBe(200);
      expect((await api('POST', `/api/referrals/${refId}/complete`, { outcome: 'got_help' }, 'yksikko')).statusCode).toBe(200);
    } finally { t.clock.now = CLOSED; }
    await run(new Date(ended.getTime() + 29 * DAY));
    expect(await personName(id)).toBe('Zqx Poistettava');
    await run(new Date(ended.getTime() + 30 * DAY + 60_000));
    expect(await personName(id)).toBeNull();
    expect(await db().selectFrom('referral').select(['summary', 'personal_data_erased_at']).where('id', '=', refId).executeTakeFirstOrThrow()).toMatchObject({ summary: null, personal_data_erased_at: expect.any(Date) });
  });
});

describe('statutory records', () => {
  async function notify(kind: 'child_welfare' | 'social_welfare'): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: '/api/public/professional-notifications', remoteAddress: `10.9.${kind.length}.${Math.floor(Math.random() * 250)}`, payload: {
      lang: 'fi', kind, contactor: 'authority', notifier: { name: 'Kalle Kuraattori', organisation: 'Seinäjoen lukio', role: 'kuraattori', phone: '06 000 1234', email: '' },
      subject: { name: 'Zqx Lapsi', address: 'Zqxkatu 2, Seinäjoki', hetu: '131052-308T' }, municipality: '743',
      ...(kind === 'social_welfare' ? { subjectConsent: 'given', noConsentReason: null } : {}),
      text: 'Zqx ei uskalla mennä kotiin.', urgency: 'non_urgent',
    } });
    expect(res.statusCode).toBe(201);
    return (await db().selectFrom('contact').select('id').where('reference', '=', res.json().reference).executeTakeFirstOrThrow()).id;
  }
  const closeDirect = (id: string, area: string | null = null) => db().updateTable('contact')
    .set({ status: 'closed', outcome: 'advice_given', main_reason: 'other', closed_at: CLOSED, led_to_client_relationship: true, service_area: area }).where('id', '=', id).execute();

  it('a child welfare notification creates its pending matter at once and is never erased by the job, even 50 years later', async () => {
    const id = await notify('child_welfare');
    const contact = await db().selectFrom('contact').select(['received_on', 'legal_deadline']).where('id', '=', id).executeTakeFirstOrThrow();
    const initiation = await db().selectFrom('initiation as i').leftJoin('receiving_unit as ru', 'ru.id', 'i.receiving_unit_id')
      .select(['i.source', 'i.initiated_on', 'i.concerns', 'i.legal_deadline', 'i.legal_basis', 'ru.code']).where('i.contact_id', '=', id).execute();
    expect(initiation).toEqual([{ source: 'lsl_25_notification', initiated_on: contact.received_on, concerns: 'Zqx ei uskalla mennä kotiin.', legal_deadline: contact.legal_deadline, legal_basis: 'lsl_26', code: 'child_welfare' }]);
    // the contact view and the initiation record render it
    const view = (await api('GET', `/api/contacts/${id}`)).json();
    expect(view.initiations).toMatchObject([{ concerns: 'Zqx ei uskalla mennä kotiin.', unit: 'child_welfare', legalDeadline: contact.legal_deadline }]);
    await closeDirect(id, 'families');
    const before = await dumpOf(id);
    const r = await run(years(50));
    expect(r.counts.lsl_25_notification).toBe(0);
    expect(r.kept.statutory_never).toBeGreaterThanOrEqual(1);
    expect(await dumpOf(id)).toEqual(before);
    expect(await db().selectFrom('notifier').select('name').where('contact_id', '=', id).execute()).toEqual([{ name: 'Kalle Kuraattori' }]);
  });

  it('an SHL 35 § notification of an adult matter is kept 10 years after the matter closed, then erased with its notifier and initiation text', async () => {
    const id = await notify('social_welfare');
    const initiation = await db().selectFrom('initiation').select(['source', 'receiving_unit_id', 'concerns']).where('contact_id', '=', id).executeTakeFirstOrThrow();
    expect(initiation).toEqual({ source: 'shl_35_notification', receiving_unit_id: null, concerns: 'Zqx ei uskalla mennä kotiin.' });
    const view = (await api('GET', `/api/contacts/${id}`)).json();
    expect(view.initiations).toMatchObject([{ unit: null }]);
    expect((await api('GET', `/api/contacts/${id}/initiations/${(await db().selectFrom('initiation').select('id').where('contact_id', '=', id).executeTakeFirstOrThrow()).id}`)).json()).toMatchObject({ receivingUnit: null });
    await closeDirect(id, 'working_age');
    expect((await run(new Date(years(10).getTime() - DAY))).counts.shl_35_notification).toBe(0);
    expect(await personName(id)).toBe('Zqx Lapsi');
    expect(await db().selectFrom('notifier').select('name').where('contact_id', '=', id).execute()).toHaveLength(1);
    const done = await run(new Date(years(10).getTime() + DAY));
    expect(done.counts.shl_35_notification).toBe(1);
    expect((await dumpOf(id)).toLowerCase()).not.toContain('zqx');
    expect(await db().selectFrom('notifier').select('name').where('contact_id', '=', id).execute()).toEqual([]);
    expect(await db().selectFrom('initiation').select(['concerns', 'source']).where('contact_id', '=', id).executeTakeFirstOrThrow()).toEqual({ concerns: '–', source: 'shl_35_notification' });
  });

  it('an SHL 35 § notification of an unknown service task is never erased by the job', async () => {
    const id = await notify('social_welfare');
    await closeDirect(id, null);
    expect((await run(years(50))).counts.shl_35_notification).toBe(0);
    expect(await personName(id)).toBe('Zqx Lapsi');
  });

  it('a contact whose matter a worker made pending is kept (families: 30 years), not erased at closing', async () => {
    const id = await identified({ serviceArea: 'families' });
    await api('POST', `/api/contacts/${id}/claim`, {});
    expect((await api('POST', `/api/contacts/${id}/initiations`, { concerns: 'Zqx perhe', receivingUnit: 'family_services', urgent: false, highestCareAllowance: false })).statusCode).toBe(200);
    await close(id, 'message_to_service', true);
    await run(at(1));
    await run(years(29));
    expect(await personName(id)).toBe('Zqx Poistettava');
    const done = await run(new Date(years(30).getTime() + DAY));
    expect(done.counts.initiation).toBe(1);
    expect(await personName(id)).toBeNull();
  });
});

describe('the database refuses a record marked erased that still holds personal data', () => {
  async function refuses(statement: Promise<unknown>): Promise<string> {
    try { await statement; } catch (err) { return (err as Error).message; }
    throw new Error('the database accepted the write');
  }
  it('contact, referral, consultation, consent, initiation; and erasing a contact whose matter is pending', async () => {
    const id = await identified();
    const erased = await db().selectFrom('contact').select('id').where('personal_data_erased_at', 'is not', null).executeTakeFirstOrThrow();
    expect(await refuses(db().updateTable('contact').set({ person_name: 'Takaisin' }).where('id', '=', erased.id).execute())).toMatch(/contact_erased_holds_no_personal_data/);
    expect(await refuses(db().updateTable('contact').set({ note: 'x' }).where('id', '=', erased.id).execute())).toMatch(/contact_erased_holds_no_personal_data/);
    const ref = await db().selectFrom('referral').select('id').where('personal_data_erased_at', 'is not', null).executeTakeFirstOrThrow();
    expect(await refuses(db().updateTable('referral').set({ cancel_reason: 'x' }).where('id', '=', ref.id).execute())).toMatch(/referral_erased_holds_no_text/);
    const k = await db().selectFrom('consultation').select('id').where('personal_data_erased_at', 'is not', null).executeTakeFirstOrThrow();
    expect(await refuses(db().updateTable('consultation').set({ answer: 'x' }).where('id', '=', k.id).execute())).toMatch(/consultation_erased_holds_no_text/);
    const c = await db().selectFrom('consent').select('id').where('personal_data_erased_at', 'is not', null).executeTakeFirstOrThrow();
    expect(await refuses(db().updateTable('consent').set({ target: 'Zqx' }).where('id', '=', c.id).execute())).toMatch(/consent_erased_holds_no_target/);
    const i = await db().selectFrom('initiation').select('id').where('personal_data_erased_at', 'is not', null).executeTakeFirstOrThrow();
    expect(await refuses(db().updateTable('initiation').set({ concerns: 'Zqx' }).where('id', '=', i.id).execute())).toMatch(/initiation_erased_holds_no_text/);
    // a statutory record cannot be erased behind the job's back
    await api('POST', `/api/contacts/${id}/claim`, {});
    await api('POST', `/api/contacts/${id}/initiations`, { concerns: 'Asuminen', receivingUnit: 'adult_social_work', urgent: false, highestCareAllowance: false });
    expect(await refuses(db().updateTable('contact').set({ person_name: null, person_phone: null, person_hetu: null, person_birth_date: null, person_address: null, person_email: null, callback_window: null, note: null, personal_data_erased_at: new Date() }).where('id', '=', id).execute()))
      .toMatch(/statutory record/);
  });
});

describe('pruning', () => {
  it('deletes ended sessions and login attempts after 90 days, idempotency records and rate-limit counters after 48 hours; preview counts the same', async () => {
    const now = new Date('2027-03-01T03:00:00Z');
    const ago = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const user = await db().selectFrom('app_user').select('id').where('username', '=', 'ohjaaja').executeTakeFirstOrThrow();
    const session = (tag: string, expires: Date, revoked: Date | null) => ({ user_id: user.id, token_hash: `prune-${tag}`, csrf_token: 'x', auth_method: 'password' as const, expires_at: expires, revoked_at: revoked, created_at: ago(24 * 200) });
    await db().insertInto('user_session').values([session('old', ago(24 * 90 + 6), null), session('recent', ago(24 * 90 - 6), null), session('revoked', now, ago(24 * 90 + 6))]).execute();
    await db().insertInto('login_attempt').values([{ username: 'prune-old', ip: '10.0.0.1', succeeded: false, created_at: ago(24 * 90 + 6) }, { username: 'prune-recent', ip: '10.0.0.2', succeeded: true, created_at: ago(24 * 90 - 6) }]).execute();
    await db().insertInto('idempotent_request').values([
      { scope: 'prune', key: 'old', request_hash: 'h', status_code: 201, response: '{}', created_at: ago(48.5) },
      { scope: 'prune', key: 'recent', request_hash: 'h', status_code: 201, response: '{}', created_at: ago(47.5) },
    ]).execute();
    await db().insertInto('rate_limit_counter').values([{ scope: 'prune', key_hash: 'old', window_start: ago(48.5) }, { scope: 'prune', key_hash: 'recent', window_start: ago(47.5) }]).execute();

    const preview = await previewRetention(db(), now, { adviceRetentionDays: 0 });
    const done = await runRetention(db(), now, { adviceRetentionDays: 0 }, { dryRun: false });
    expect(done.counts).toEqual(preview.counts);
    expect(done.counts).toMatchObject({ staff_session: 2, login_attempt: 1, idempotency_record: 1, rate_limit_counter: 1 });
    expect((await db().selectFrom('user_session').select('token_hash').where('token_hash', 'like', 'prune-%').execute()).map((s) => s.token_hash)).toEqual(['prune-recent']);
    expect((await db().selectFrom('login_attempt').select('username').where('username', 'like', 'prune-%').execute()).map((s) => s.username)).toEqual(['prune-recent']);
    expect((await db().selectFrom('idempotent_request').select('key').where('scope', '=', 'prune').execute()).map((s) => s.key)).toEqual(['recent']);
    expect((await db().selectFrom('rate_limit_counter').select('key_hash').where('scope', '=', 'prune').execute()).map((s) => s.key_hash)).toEqual(['recent']);
  });
});

describe('integration records (issue 19)', () => {
  const asOf = new Date('2027-03-01T03:00:00Z');
  const daysAgo = (d: number) => new Date(asOf.getTime() - d * DAY);
  const county = async () => (await db().selectFrom('county').select('id').where('code', '=', 'etela_pohjanmaa').executeTakeFirstOrThrow()).id;
  /** A committed outbox event of the given age (the contact's trigger writes it; its time is set back). */
  async function event(ageDays: number): Promise<{ id: string; seq: string }> {
    const ref = `OUTBOX-RET-${Math.random().toString(36).slice(2, 10)}`;
    await sql`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by)
      values (${await county()}, ${ref}, 'phone', true, now(), '2027-01-04', '2027-01-05')`.execute(db());
    const row = await db().updateTable('outbox_event').set({ time: daysAgo(ageDays) })
      .where('subject', '=', sql<string>`'contact/' || (select id from contact where reference = ${ref})::text`).returning(['id', 'seq']).executeTakeFirstOrThrow();
    return { id: row.id, seq: String(row.seq) };
  }
  const exists = async (id: string) => (await db().selectFrom('outbox_event').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  const maxSeq = async () => (await sql<{ max: string }>`select coalesce(max(seq), 0)::text as max from outbox_event`.execute(db())).rows[0]!.max;

  it('deletes an outbox event 30 days after it happened once no delivery is pending and every consumer passed it; its deliveries go with it', async () => {
    const [gone, pending, delivered, young] = [await event(31), await event(31), await event(31), await event(29)];
    const sub = await db().insertInto('webhook_subscription').values({
      county_id: await county(), name: 'Retention test', url: 'https://example.invalid/hook', event_types: ['fi.opastin.contact.registered.v1'],
      secret: 'retention-test-secret-0123456789abcdef', token_hash: 'retention-test-token-hash', after_seq: await maxSeq(),
    }).returning('id').executeTakeFirstOrThrow();
    const delivery = (e: { id: string; seq: string }, state: 'pending' | 'delivered' | 'dead') => ({ subscription_id: sub.id, event_id: e.id, seq: e.seq, subject: 'contact/x', state });
    await db().insertInto('webhook_delivery').values([delivery(pending, 'pending'), delivery(delivered, 'delivered'), delivery(gone, 'dead')]).execute();
    await db().updateTable('outbox_consumer').set({ after_seq: await maxSeq() }).execute();

    const preview = await previewRetention(db(), asOf, { adviceRetentionDays: 0 });
    expect(await exists(gone.id)).toBe(true); // a preview writes nothing
    const done = await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false });
    expect(done.counts).toEqual(preview.counts);
    expect(done.counts.outbox_event).toBeGreaterThanOrEqual(2);
    expect([await exists(gone.id), await exists(pending.id), await exists(delivered.id), await exists(young.id)]).toEqual([false, true, false, true]);
    expect((await db().selectFrom('webhook_delivery').select('state').where('subscription_id', '=', sub.id).execute()).map((d) => d.state)).toEqual(['pending']);

    // a consumer behind an old event holds it: the messages' cursor, or a push subscription's fan-out
    const behind = await event(31);
    await db().updateTable('outbox_consumer').set({ after_seq: String(BigInt(behind.seq) - 1n) }).execute();
    expect((await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false })).counts.outbox_event).toBe(0);
    await db().updateTable('outbox_consumer').set({ after_seq: await maxSeq() }).execute();
    await db().updateTable('webhook_subscription').set({ after_seq: String(BigInt(behind.seq) - 1n) }).where('id', '=', sub.id).execute();
    expect((await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false })).counts.outbox_event).toBe(0);
    // a paused subscription holds it too (it gets what happened meanwhile when it is active again) …
    await db().updateTable('webhook_subscription').set({ active: false }).where('id', '=', sub.id).execute();
    expect((await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false })).counts.outbox_event).toBe(0);
    expect(await exists(behind.id)).toBe(true);
    // … until it is deleted, which also ends its pending delivery of the older event
    await db().deleteFrom('webhook_subscription').where('id', '=', sub.id).execute();
    expect((await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false })).counts.outbox_event).toBe(2);
    expect([await exists(behind.id), await exists(pending.id)]).toEqual([false, false]);
    await db().updateTable('outbox_consumer').set({ after_seq: 0 }).execute();
  });

  it('gives up a message still waiting after 7 days (its address erased) and deletes the log after a year; preview counts the same', async () => {
    const countyId = await county();
    const recipient = (await db().selectFrom('receiving_unit').select('id').where('code', '=', 'adult_social_work').executeTakeFirstOrThrow()).id;
    const message = (tag: string, state: 'pending' | 'sent' | 'dead', ageDays: number, extra: { lease_until?: Date } = {}) => ({
      county_id: countyId, channel: 'email' as const, template: 'referral_reminder', lang: 'fi' as const, recipient_kind: 'unit' as const, recipient_id: recipient,
      address: state === 'pending' ? `${tag}@example.fi` : null, params: state === 'pending' ? JSON.stringify({ reference: tag }) : '{}', reference: tag, state,
      created_at: daysAgo(ageDays), next_attempt_at: daysAgo(ageDays), ...extra,
    });
    await db().insertInto('outbound_message').values([
      message('msg-stale', 'pending', 8), message('msg-waiting', 'pending', 6), message('msg-leased', 'pending', 8, { lease_until: new Date(asOf.getTime() + 60_000) }),
      message('msg-old-sent', 'sent', 366), message('msg-dead', 'dead', 364), message('msg-old-pending', 'pending', 400),
    ]).execute();
    const preview = await previewRetention(db(), asOf, { adviceRetentionDays: 0 });
    const done = await runRetention(db(), asOf, { adviceRetentionDays: 0 }, { dryRun: false });
    expect(done.counts).toEqual(preview.counts);
    expect(done.counts.outbound_message).toBe(3); // one given up, two deleted (each counted once)
    const rows = await db().selectFrom('outbound_message').select(['reference', 'state', 'address', 'params', 'last_error']).where('reference', 'like', 'msg-%').orderBy('reference').execute();
    expect(rows).toEqual([
      { reference: 'msg-dead', state: 'dead', address: null, params: {}, last_error: null },
      { reference: 'msg-leased', state: 'pending', address: 'msg-leased@example.fi', params: { reference: 'msg-leased' }, last_error: null },
      { reference: 'msg-stale', state: 'dead', address: null, params: {}, last_error: 'Not sent within 7 days: given up' },
      { reference: 'msg-waiting', state: 'pending', address: 'msg-waiting@example.fi', params: { reference: 'msg-waiting' }, last_error: null },
    ]);
    await db().deleteFrom('outbound_message').where('reference', 'like', 'msg-%').execute();
  });
});

describe('GET /api/admin/retention', () => {
  it('shows administrators the whole table; other roles 403, no session 401', async () => {
    const res = await api('GET', '/api/admin/retention', undefined, 'admin');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.rules.map((r: { type: string }) => r.type)).toEqual([...RECORD_TYPES]);
    expect(body.rules.find((r: { type: string }) => r.type === 'lsl_25_notification')).toMatchObject({ period: { kind: 'never' }, legalBasis: expect.stringContaining('703/2023') });
    expect(body.rules.find((r: { type: string }) => r.type === 'outbox_event')).toMatchObject({ period: { kind: 'days', days: 30 } });
    expect(body.rules.find((r: { type: string }) => r.type === 'outbound_message')).toMatchObject({ period: { kind: 'days', days: 365 } });
    expect(body.adviceRetentionDays).toBe(t.config.adviceRetentionDays);
    for (const who of ['ohjaaja', 'yksikko', 'esihenkilo', 'toimittaja', 'paivystys']) expect((await api('GET', '/api/admin/retention', undefined, who)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/admin/retention' })).statusCode).toBe(401);
  });
});

describe('the resident’s consent text', () => {
  it('is told the installation’s advice period by the public site settings (0: erased when the contact is closed)', async () => {
    const site = await t.app.inject({ url: '/api/public/site' });
    expect(site.json().adviceRetentionDays).toBe(0);
  });
});

describe('the operator’s CLI and the scheduled job', () => {
  function cli(args: string[], env: Record<string, string>) {
    return spawnSync('npx', ['tsx', 'src/server/cli/admin.ts', ...args], { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 120_000 });
  }
  it('previews and runs as of a date; a bad date exits non-zero with a reason', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'opastin-retention-'));
    try {
      const env: Record<string, string> = serverUrl && t.database.url ? { DATABASE_URL: t.database.url } : { DATA_DIR: dir, DATABASE_URL: '' };
      const preview = cli(['retention', 'preview', '--as-of', '2031-01-01'], env);
      expect(preview.stderr).toBe('');
      expect(preview.status).toBe(0);
      expect(preview.stdout).toMatch(/Retention preview as of 2031-01-01/);
      for (const type of RECORD_TYPES) expect(preview.stdout).toContain(type);
      const runIt = cli(['retention', 'run', '--as-of', '2031-01-01'], env);
      expect(runIt.status).toBe(0);
      expect(runIt.stdout).toMatch(/Retention run as of 2031-01-01/);
      const bad = cli(['retention', 'preview', '--as-of', '2026-02-30'], env);
      expect(bad.status).not.toBe(0);
      expect(bad.stderr).toMatch(/--as-of must be a date YYYY-MM-DD/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('runs as a scheduled pg-boss job on this database', async () => {
    const id = await identified();
    await close(id);
    const boss = await startJobs(t.database, [{ name: 'retention-test', cron: '0 3 * * *', run: () => run(at(1)) }], { error: () => undefined });
    try {
      await boss.send('retention-test', {});
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline && (await personName(id)) !== null) await new Promise((r) => setTimeout(r, 250));
      expect(await personName(id)).toBeNull();
    } finally {
      await boss.stop({ graceful: false, timeout: 5_000 });
    }
  }, 60_000);
});
