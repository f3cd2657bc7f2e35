/**
 * The transactional outbox (issue 19, migration 0022): every event type of the catalogue is written
 * by the real flows, in the transaction of the change (a refused or rolled-back change writes none),
 * numbered at commit in commit order, without personal data; and every event the triggers write
 * validates against its catalogue schema (the contract of GET /api/events/catalogue and the webhooks).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createTestApp, login, serverUrl, type TestApp } from '../../test/support.js';
import type { DB } from '../../platform/schema.js';
import { formatHetu } from '../../../domain/hetu.js';
import { EVENT_TYPES, type EventType } from '../../../domain/events.js';
import { runRetention } from '../records/public.js';
import { escalateReferrals } from '../referrals/public.js';
import { dataJsonSchema } from './events.catalogue.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, unit: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  [guide, unit] = await Promise.all([login(t.app, 'ohjaaja'), login(t.app, 'yksikko')]);
});
afterAll(async () => { await t.close(); });

const db = () => t.database.db;
const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
let address = 0;
const submit = (form: string, payload: unknown) => { address += 1; return t.app.inject({ method: 'POST', url: `/api/public/${form}`, payload: payload as object, remoteAddress: `10.19.0.${address}` }); };

/** Distinctive personal data: none of these strings may ever reach an outbox row. */
const MARK = 'Qwxz';
const PERSON = { name: `${MARK} Tunnistettava`, hetu: formatHetu('1987-07-13', 457), phone: '040 919 2837', email: 'qwxz.tunnistettava@example.fi', address: `${MARK}kuja 17 B` };
const FORBIDDEN = [MARK.toLowerCase(), PERSON.hetu.toLowerCase(), '0409192837', '409192837', '040 919 2837', 'tunnistettava@', 'example.fi'];

interface Row { id: string; seq: string | null; type: string; subject: string; data: Record<string, unknown> }
const outbox = async (where?: { subject?: string }): Promise<Row[]> => {
  let q = db().selectFrom('outbox_event').select(['id', 'seq', 'type', 'subject', 'data']).orderBy('seq');
  if (where?.subject) q = q.where('subject', '=', where.subject);
  return (await q.execute()).map((r) => ({ ...r, seq: r.seq === null ? null : String(r.seq) }));
};
const outboxCount = async () => Number((await db().selectFrom('outbox_event').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const typesOf = (rows: Row[]) => rows.map((r) => r.type.replace(/^fi\.opastin\.|\.v1$/g, ''));

async function identifiedContact(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    note: `${MARK}: työmarkkinatuki katkesi, laskuja maksamatta.`, person: PERSON, ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function consent(contactId: string, purpose = 'forward_to_unit'): Promise<string> {
  const res = await post(`/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose, target: `${MARK} aikuissosiaalityö` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}
const toAdultSocialWork = (consentId: string) => ({
  kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId,
  summary: `${MARK}n toimeentulo: palvelutarpeen arviointi.`, needs: ['income'], urgency: 'non_urgent', preferredTime: `${MARK} aamupäivisin`,
});
async function referral(contactId: string): Promise<string> {
  const res = await post(`/api/contacts/${contactId}/referrals`, toAdultSocialWork(await consent(contactId)));
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A contact written straight into the table (the trigger does the rest), inside the caller's transaction. */
async function insertContact(trx: Kysely<DB> | Transaction<DB>, reference: string): Promise<string> {
  const county = await trx.selectFrom('county').select('id').where('code', '=', 'etela_pohjanmaa').executeTakeFirstOrThrow();
  const row = await sql<{ id: string }>`insert into contact (county_id, reference, channel, anonymous, received_at, received_on, respond_by)
    values (${county.id}, ${reference}, 'phone', true, now(), '2026-11-23', '2026-11-24') returning id`.execute(trx);
  return row.rows[0]!.id;
}

describe('every event type is written by the real flows', () => {
  it('the worker\'s registration, the public forms, the referral loop, escalation, consents, initiation and the retention job', async () => {
    const before = await outboxCount();

    // contact registered by a worker (identified), and its consent
    const jaska = await identifiedContact();
    // contact registered from the public form, with the resident's message and e-mail
    const form = await submit('contact-requests', {
      lang: 'fi', anonymous: false, contactor: 'self', topic: 'money', text: `${MARK}-viesti: vuokra on rästissä, en tiedä mitä tehdä.`,
      name: PERSON.name, phone: '040 919 2837', email: PERSON.email, messages: ['email'], consent: true,
    });
    expect(form.statusCode, form.body).toBe(201);
    // a professional's notification: contact registered, notification received, its matter made pending
    const notification = await submit('professional-notifications', {
      lang: 'fi', kind: 'social_welfare', contactor: 'authority',
      notifier: { name: `${MARK} Kuraattori`, organisation: 'Seinäjoen lukio', role: 'kuraattori', phone: '06 000 1234', email: '' },
      subject: { name: `${MARK} Aikuinen`, address: PERSON.address }, municipality: '743', subjectConsent: 'given', noConsentReason: null,
      text: `${MARK}: asiakas tarvitsee apua laskujen maksamisessa.`, urgency: 'non_urgent',
    });
    expect(notification.statusCode, notification.body).toBe(201);

    // the worker records the initiation, then the referral loop
    expect((await post(`/api/contacts/${jaska}/claim`, {})).statusCode).toBe(200);
    const initiation = await post(`/api/contacts/${jaska}/initiations`, { concerns: `${MARK}: toimeentulo`, receivingUnit: 'adult_social_work', urgent: false });
    expect(initiation.statusCode, initiation.body).toBe(200);
    const loop = await referral(jaska);
    expect((await post(`/api/referrals/${loop}/accept`, {}, unit)).statusCode).toBe(200);
    expect((await post(`/api/referrals/${loop}/contact`, {}, unit)).statusCode).toBe(200);
    expect((await post(`/api/referrals/${loop}/complete`, { outcome: 'got_help', note: `${MARK} sai apua` }, unit)).statusCode).toBe(200);
    const returned = await referral(await identifiedContact());
    expect((await post(`/api/referrals/${returned}/return`, { reason: `${MARK}: ei meille` }, unit)).statusCode).toBe(200);
    const cancelled = await referral(await identifiedContact());
    expect((await post(`/api/referrals/${cancelled}/cancel`, { reason: `${MARK} perui` })).statusCode).toBe(200);
    // not accepted by its day: escalated by the job
    const late = await referral(await identifiedContact());
    expect((await escalateReferrals(db(), new Date('2026-11-25T08:00:00+02:00'))).escalated).toBeGreaterThanOrEqual(1);

    // a consent given and withdrawn
    const withdrawing = await identifiedContact();
    const given = await consent(withdrawing, 'kela');
    expect((await post(`/api/contacts/${withdrawing}/consents/${given}/withdraw`, {})).statusCode).toBe(200);

    // an advice-only contact closed, then erased by the retention job
    const advice = await identifiedContact();
    expect((await post(`/api/contacts/${advice}/claim`, {})).statusCode).toBe(200);
    expect((await post(`/api/contacts/${advice}/close`, { outcome: 'advice_given', ledToClientRelationship: false })).statusCode).toBe(200);
    expect((await runRetention(db(), new Date(MONDAY.getTime() + 60_000), { adviceRetentionDays: 0 }, { dryRun: false })).counts.advice_contact).toBeGreaterThanOrEqual(1);

    const rows = await outbox();
    expect(rows.length).toBeGreaterThan(before);
    expect([...new Set(rows.map((r) => r.type))].sort()).toEqual([...EVENT_TYPES].sort());
    expect(rows.every((r) => r.seq !== null)).toBe(true);

    // per subject, in the order the changes happened
    expect(typesOf(await outbox({ subject: `referral/${loop}` }))).toEqual(['referral.sent', 'referral.accepted', 'referral.client_contacted', 'referral.completed']);
    expect(typesOf(await outbox({ subject: `referral/${returned}` }))).toEqual(['referral.sent', 'referral.returned']);
    expect(typesOf(await outbox({ subject: `referral/${cancelled}` }))).toEqual(['referral.sent', 'referral.cancelled']);
    expect(typesOf(await outbox({ subject: `referral/${late}` }))).toEqual(['referral.sent', 'referral.escalated']);
    expect(typesOf(await outbox({ subject: `contact/${withdrawing}` }))).toEqual(['contact.registered', 'consent.given', 'consent.withdrawn']);
    expect(typesOf(await outbox({ subject: `contact/${advice}` }))).toEqual(['contact.registered', 'contact.personal_data_erased']);
    expect(typesOf(await outbox({ subject: `contact/${jaska}` }))).toEqual(['contact.registered', 'initiation.recorded', 'consent.given']);
    const formRows = await outbox({ subject: `contact/${(await db().selectFrom('contact').select('id').where('reference', '=', form.json().reference).executeTakeFirstOrThrow()).id}` });
    expect(formRows[0]).toMatchObject({ type: 'fi.opastin.contact.registered.v1', data: { channel: 'web_form', anonymous: false } });
    const notified = await db().selectFrom('contact').select('id').where('reference', '=', notification.json().reference).executeTakeFirstOrThrow();
    expect(typesOf(await outbox({ subject: `contact/${notified.id}` })))
      .toEqual(expect.arrayContaining(['contact.registered', 'notification.received', 'initiation.recorded']));

    // the data names the change by ids, codes and dates
    const sent = (await outbox({ subject: `referral/${loop}` }))[0]!;
    expect(sent.data).toMatchObject({ referralId: loop, contactId: jaska, kind: 'referral_for_assessment', unit: 'adult_social_work', status: 'requested', acceptBy: '2026-11-24', escalationLevel: 0 });
    expect(sent.data.reference).toMatch(/\S/);
  });

  it('holds no personal data: no name, identity code, phone, e-mail, address, note or resident\'s message in any outbox row', async () => {
    const rows = await sql<{ text: string }>`select data::text as text from outbox_event`.execute(db());
    expect(rows.rows.length).toBeGreaterThan(10);
    for (const { text } of rows.rows) {
      const lower = text.toLowerCase();
      for (const s of FORBIDDEN) expect(lower, `"${s}" in ${text}`).not.toContain(s);
    }
    // the markers are in the database (so the assertion above could fail)
    const contacts = await sql<{ text: string }>`select string_agg(row_to_json(c)::text, ' ') as text from contact c`.execute(db());
    expect(contacts.rows[0]!.text.toLowerCase()).toContain(MARK.toLowerCase());
  });

  it('every event the triggers wrote validates against its catalogue schema, with no undocumented field', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const strict = (schema: unknown): unknown => {
      if (Array.isArray(schema)) return schema.map(strict);
      if (!schema || typeof schema !== 'object') return schema;
      const out: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, strict(v)]));
      if (out.type === 'object' && out.properties) out.additionalProperties = false;
      return out;
    };
    const validators = new Map(EVENT_TYPES.map((type) => [type, ajv.compile(strict(dataJsonSchema(type)) as object)]));
    const rows = await outbox();
    const seen = new Set<string>();
    for (const r of rows) {
      const validate = validators.get(r.type as EventType);
      expect(validate, r.type).toBeDefined();
      expect(validate!(r.data), `${r.type} ${JSON.stringify(r.data)}: ${ajv.errorsText(validate!.errors)}`).toBe(true);
      seen.add(r.type);
    }
    expect([...seen].sort()).toEqual([...EVENT_TYPES].sort());
    // and a wrong field is caught (the check is not vacuous)
    const registered = rows.find((r) => r.type === 'fi.opastin.contact.registered.v1')!;
    expect(validators.get('fi.opastin.contact.registered.v1')!({ ...registered.data, personName: 'x' })).toBe(false);
    expect(validators.get('fi.opastin.contact.registered.v1')!({ ...registered.data, receivedAt: 'yesterday' })).toBe(false);
  });
});

describe('in the transaction of the change', () => {
  it('a referral action refused by validation writes no event; a refused registration none either', async () => {
    const id = await referral(await identifiedContact());
    const sent = await outbox({ subject: `referral/${id}` });
    expect(typesOf(sent)).toEqual(['referral.sent']);
    expect((await post(`/api/referrals/${id}/contact`, {}, unit)).statusCode).toBe(409); // not accepted yet
    expect(await outbox({ subject: `referral/${id}` })).toEqual(sent);
    expect((await post(`/api/referrals/${id}/accept`, {}, unit)).statusCode).toBe(200);
    const accepted = await outbox({ subject: `referral/${id}` });
    const refused = await post(`/api/referrals/${id}/complete`, { outcome: 'returned_wrong_service' }, unit);
    expect(refused.statusCode).toBe(400);
    expect(await outbox({ subject: `referral/${id}` })).toEqual(accepted);
    expect(typesOf(accepted)).toEqual(['referral.sent', 'referral.accepted']);

    const total = await outboxCount();
    const bad = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { ...PERSON, hetu: '010101-123X' } });
    expect(bad.statusCode).toBe(400);
    expect(await outboxCount()).toBe(total);
  });

  it('a transaction rolled back leaves no event; inside it the event has no seq, and gets one at commit', async () => {
    let rolledBack = '';
    await expect(db().transaction().execute(async (trx) => {
      rolledBack = await insertContact(trx, 'OUTBOX-ROLLBACK');
      const inside = await trx.selectFrom('outbox_event').select(['seq', 'type']).where('subject', '=', `contact/${rolledBack}`).execute();
      expect(inside).toEqual([{ seq: null, type: 'fi.opastin.contact.registered.v1' }]);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(await outbox({ subject: `contact/${rolledBack}` })).toEqual([]);

    let committed = '';
    await db().transaction().execute(async (trx) => {
      committed = await insertContact(trx, 'OUTBOX-COMMIT');
      expect((await trx.selectFrom('outbox_event').select('seq').where('subject', '=', `contact/${committed}`).executeTakeFirstOrThrow()).seq).toBeNull();
    });
    const [row] = await outbox({ subject: `contact/${committed}` });
    expect(row?.seq).toMatch(/^[1-9][0-9]*$/);
    // the highest number so far: numbered at its commit
    const max = await sql<{ max: string }>`select max(seq)::text as max from outbox_event`.execute(db());
    expect(row!.seq).toBe(max.rows[0]!.max);
  });

  it('numbers follow commits one after another', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push(await db().transaction().execute((trx) => insertContact(trx, `OUTBOX-SEQ-${n}`)));
    const seqs = await Promise.all(ids.map(async (id) => BigInt((await outbox({ subject: `contact/${id}` }))[0]!.seq!)));
    expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
  });

  it.skipIf(!serverUrl)('two concurrent transactions (PostgreSQL): the first to insert commits last and gets the higher number', async () => {
    let inserted!: () => void;
    let release!: () => void;
    const firstInserted = new Promise<void>((r) => { inserted = r; });
    const mayCommit = new Promise<void>((r) => { release = r; });
    let first = '';
    const slow = db().transaction().execute(async (trx) => {
      first = await insertContact(trx, 'OUTBOX-CONC-FIRST');
      inserted();
      await mayCommit;
    });
    await firstInserted;
    const second = await db().transaction().execute((trx) => insertContact(trx, 'OUTBOX-CONC-SECOND'));
    // committed: numbered; the slower one is still not (a reader after `second` cannot skip it later)
    expect((await outbox({ subject: `contact/${second}` }))[0]!.seq).not.toBeNull();
    expect(await outbox({ subject: `contact/${first}` })).toEqual([]);
    release();
    await slow;
    const a = BigInt((await outbox({ subject: `contact/${first}` }))[0]!.seq!);
    const b = BigInt((await outbox({ subject: `contact/${second}` }))[0]!.seq!);
    expect(a > b).toBe(true);
  });
});
