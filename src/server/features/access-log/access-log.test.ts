import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { erasePersonalDataOfReferrals } from '../referrals/public.js';
import { runRetention } from '../records/public.js';
import { ACCESS_LOG_SESSION_MINUTES, accessLogKeys, personKeyOf } from '../../platform/access-log.js';

/** Issue 12 part 6: one row per viewing session; a person found through any record; the person's report. */
type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, unit: Session, admin: Session, supervisor: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
/** Moves the clock forward and signs in again (an idle session expires, as it should). */
async function setClock(at: Date) {
  t.clock.now = at;
  [guide, unit, admin, supervisor] = await Promise.all(['ohjaaja', 'yksikko', 'admin', 'esihenkilo'].map((u) => login(t.app, u))) as [Session, Session, Session, Session];
}
let hour = 0;
/** each test in an hour of its own */
const nextHour = () => setClock(new Date(MONDAY.getTime() + ++hour * 3_600_000));
beforeAll(async () => { t = await createTestApp({ now: MONDAY }); await setClock(MONDAY); });
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const get = (url: string, s: Session) => t.app.inject({ url, headers: s.headers });
const db = () => t.database.db;

async function personContact(hetu: string, name = 'Maija Meikäläinen') {
  const c = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', person: { name, hetu, phone: '040 111 2222' } });
  expect(c.statusCode).toBe(201);
  return c.json().id as string;
}
const rows = async (subjectType: 'contact' | 'referral', subjectId: string, action = 'read') => Number((await db().selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n'))
  .where('subject_type', '=', subjectType).where('subject_id', '=', subjectId).where('action', '=', action as 'read').executeTakeFirstOrThrow()).n);

describe('one row per viewing session', () => {
  it('an open contact view polled every 5 s for 100 polls writes 1 row, not 100; a new session after 15 minutes writes the next', async () => {
    await nextHour();
    const id = await personContact(formatHetu('1980-05-05', 222));
    const start = t.clock.now;
    for (let i = 0; i < 100; i++) {
      t.clock.now = new Date(start.getTime() + i * 5_000);
      const res = await get(`/api/contacts/${id}`, guide);
      expect(res.statusCode).toBe(200);
    }
    // before issue 12: 100 rows for these 8 minutes (720 an hour); now one
    expect(await rows('contact', id)).toBe(1);
    // another user reading the same contact is their own session
    await get(`/api/contacts/${id}`, supervisor);
    expect(await rows('contact', id)).toBe(2);
    // a full hour of polling: one row per ACCESS_LOG_SESSION_MINUTES
    for (let i = 100; i < 720; i++) {
      t.clock.now = new Date(start.getTime() + i * 5_000);
      await get(`/api/contacts/${id}`, guide);
    }
    expect(ACCESS_LOG_SESSION_MINUTES).toBe(15);
    expect(await rows('contact', id)).toBe(1 + 4);
    hour += 1;
  }, 120_000);

  it('a write is always logged, whatever the session', async () => {
    await nextHour();
    const id = await personContact(formatHetu('1981-06-06', 224));
    const before = await rows('contact', id, 'update');
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${id}`, payload: { note: `muistiinpano ${i}` }, headers: guide.headers });
      expect(r.statusCode).toBe(200);
    }
    expect(await rows('contact', id, 'update')).toBe(before + 3);
  });

  it('the referral view polled every 10 s logs one read per session; the FHIR export is always logged', async () => {
    await nextHour();
    const contactId = await personContact(formatHetu('1975-01-02', 226));
    const start = t.clock.now;
    const consent = await post(`/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
    const ref = await post(`/api/contacts/${contactId}/referrals`, { kind: 'message_to_service', unit: 'adult_social_work', consentId: consent.json().id, summary: 'Toimeentulo.', needs: ['income'], urgency: 'non_urgent', shareResidentMessage: false });
    expect(ref.statusCode).toBe(201);
    const rid = ref.json().id as string;
    for (let i = 0; i < 30; i++) {
      t.clock.now = new Date(start.getTime() + i * 10_000);
      expect((await get(`/api/referrals/${rid}`, unit)).statusCode).toBe(200);
    }
    expect(await rows('referral', rid)).toBe(1);
    await get(`/api/referrals/${rid}/fhir`, unit);
    await get(`/api/referrals/${rid}/fhir`, unit);
    expect(await rows('referral', rid, 'export')).toBe(2);
  });
});

describe('the person key', () => {
  it('is HMAC-SHA-256 of the identity code with the key outside the database, computed alike by the app and the database', async () => {
    await nextHour();
    const hetu = formatHetu('1990-02-03', 228);
    const expected = createHmac('sha256', accessLogKeys().personKey).update(hetu).digest('hex');
    expect(personKeyOf(hetu.toLowerCase())).toBe(expected);
    const id = await personContact(hetu);
    await get(`/api/contacts/${id}`, guide);
    const keys = await db().selectFrom('access_log').select(['action', 'person_key']).where('subject_type', '=', 'contact').where('subject_id', '=', id).execute();
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys.map((k) => k.person_key))).toEqual(new Set([expected]));
    // never the identity code in clear
    const clear = await sql<{ n: number }>`select count(*)::int as n from access_log where subject_id = ${hetu} or person_key = ${hetu}`.execute(db());
    expect(clear.rows[0]!.n).toBe(0);
  });
});

describe('access-log person <hetu>', () => {
  it('finds every read of the person through any subject (contacts, referrals, consultations), newest first, and after erasure; the search itself is logged', async () => {
    await nextHour();
    const hetu = formatHetu('1960-07-08', 230);
    const first = await personContact(hetu);
    const second = await personContact(hetu);
    const other = await personContact(formatHetu('1961-07-08', 232), 'Toinen Henkilö');
    await get(`/api/contacts/${first}`, guide);
    await get(`/api/contacts/${other}`, guide);
    const consent = await post(`/api/contacts/${second}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
    const ref = await post(`/api/contacts/${second}/referrals`, { kind: 'message_to_service', unit: 'adult_social_work', consentId: consent.json().id, summary: 'Asia.', needs: ['income'], urgency: 'non_urgent', shareResidentMessage: false });
    const rid = ref.json().id as string;
    await get(`/api/referrals/${rid}`, unit);

    const res = await get(`/api/admin/access-log?subjectType=person&subjectId=${hetu}`, admin);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { seq: number; subjectType: string; subjectId: string; action: string; purpose: string; actor: string }[];
    const seen = items.map((i) => `${i.subjectType}:${i.subjectId}:${i.action}:${i.actor}`);
    expect(seen).toEqual(expect.arrayContaining([
      `contact:${first}:create:ohjaaja`, `contact:${first}:read:ohjaaja`, `contact:${second}:create:ohjaaja`, `referral:${rid}:create:ohjaaja`, `referral:${rid}:read:yksikko`,
    ]));
    expect(seen.some((s) => s.includes(other))).toBe(false);
    expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((a, b) => b - a));

    // the search is logged under the person key, and found by the next search
    const again = (await get(`/api/admin/access-log?subjectType=person&subjectId=${hetu}`, admin)).json().items as { purpose: string; actor: string; subjectType: string }[];
    expect(again[0]).toMatchObject({ purpose: 'access_log_review', actor: 'admin', subjectType: 'person' });

    // after the contacts' personal data are erased the rows are still found by the key
    await sql`update contact set person_hetu = null, person_name = null, person_phone = null, person_birth_date = null, person_address = null, person_email = null,
      callback_window = null, caller_number = null, note = null, acute_trigger_words = '{}', personal_data_erased_at = now() where id in (${first}::uuid, ${second}::uuid)`.execute(db());
    await db().transaction().execute((trx) => erasePersonalDataOfReferrals(trx, [second], t.clock.now));
    const after = (await get(`/api/admin/access-log?subjectType=person&subjectId=${hetu}`, admin)).json().items as { subjectType: string; subjectId: string; action: string }[];
    expect(after.map((i) => `${i.subjectType}:${i.subjectId}:${i.action}`)).toEqual(expect.arrayContaining([`contact:${first}:read`, `referral:${rid}:read`, `referral:${rid}:create`]));
  });

  it('the retention job’s erasure is found in the person’s log after the identity code is gone', async () => {
    await nextHour();
    const hetu = formatHetu('1962-03-04', 236);
    const id = await personContact(hetu, 'Eero Erasmus');
    expect((await post(`/api/contacts/${id}/claim`, {})).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false })).statusCode).toBe(200);
    const report = await runRetention(db(), new Date(t.clock.now.getTime() + 3_600_000), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(report.counts.advice_contact).toBeGreaterThanOrEqual(1);
    expect((await db().selectFrom('contact').select('person_hetu').where('id', '=', id).executeTakeFirstOrThrow()).person_hetu).toBeNull();
    const items = (await get(`/api/admin/access-log?subjectType=person&subjectId=${hetu}`, admin)).json().items as { subjectType: string; subjectId: string; action: string; actor: string }[];
    expect(items.map((i) => `${i.subjectType}:${i.subjectId}:${i.action}:${i.actor}`)).toContain(`contact:${id}:delete:system:retention`);
  });

  it('refuses an invalid identity code with a reason', async () => {
    await nextHour();
    const res = await get('/api/admin/access-log?subjectType=person&subjectId=010101-0000', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'querystring.hetu', code: 'invalid' });
  });
});

describe("a person's access-log report (Act 703/2023)", () => {
  it('lists who (name, organisation, unit), when, what and why, through which record; nothing of other persons; itself logged', async () => {
    const hetu = formatHetu('1970-09-10', 234);
    await nextHour();
    const id = await personContact(hetu);
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    await get(`/api/contacts/${id}`, guide);
    const res = await get(`/api/admin/access-log/person-report?hetu=${hetu}`, admin);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { who: string; organisation: string; units: string[]; action: string; purpose: string; record: { type: string; id: string; reference: string | null } }[] };
    const reference = (await db().selectFrom('contact').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
    expect(body.items).toEqual([
      { at: t.clock.now.toISOString(), who: 'Olli Ohjaaja', organisation: expect.any(String), units: [], action: 'read', purpose: 'client_guidance', record: { type: 'contact', id, reference } },
      expect.objectContaining({ who: 'Olli Ohjaaja', action: 'create', record: { type: 'contact', id, reference } }),
    ]);
    expect(res.body).not.toContain('Maija');
    expect(res.body).not.toContain(hetu);
    const logged = await db().selectFrom('access_log').select(['action', 'purpose', 'subject_type', 'subject_id']).where('person_key', '=', personKeyOf(hetu)).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(logged).toEqual({ action: 'export', purpose: 'access_log_person_report', subject_type: 'person', subject_id: personKeyOf(hetu) });
  });

  it('is for administrators only: admin 200, others 403, anonymous 401, a bad identity code 400', async () => {
    await nextHour();
    const hetu = formatHetu('1970-09-10', 234);
    expect((await get(`/api/admin/access-log/person-report?hetu=${hetu}`, admin)).statusCode).toBe(200);
    for (const s of [guide, unit, supervisor]) expect((await get(`/api/admin/access-log/person-report?hetu=${hetu}`, s)).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/api/admin/access-log/person-report?hetu=${hetu}` })).statusCode).toBe(401);
    const bad = await get('/api/admin/access-log/person-report?hetu=123456-7890', admin);
    expect(bad.statusCode).toBe(400);
    expect((await get('/api/admin/access-log/person-report', admin)).statusCode).toBe(400);
  });
});
