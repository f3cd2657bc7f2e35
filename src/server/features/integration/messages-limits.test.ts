/**
 * Messages to residents (issue 19), the review's fixes: a transient database failure keeps the
 * cursor (the message is queued on the next pass, not lost); a withdrawn consent, a changed address
 * or an erasure takes the waiting messages' address with it; text messages to Finnish numbers only
 * and a daily cap per county (SMS pumping through the public forms); no receipt for a quick-logged
 * (closed) contact; a resident's messages go out in the order they were queued.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { runRetention } from '../records/public.js';
import { dispatchMessages, type Senders } from './messages.service.js';
import type { Mailer, MailMessage } from './mailer.js';
import { RecordingSms } from './sms.js';

type Session = Awaited<ReturnType<typeof login>>;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
let t: TestApp;
let guide: Session;
const db = () => t.database.db;
const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const patch = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: s.headers });

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, close: () => {}, send: async (m) => { sent.push(m); return { id: `m${sent.length}` }; } };
}

let senders: Senders & { mail: ReturnType<typeof recordingMailer>; sms: RecordingSms };
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  guide = await login(t.app, 'ohjaaja');
  senders = { mail: recordingMailer(), sms: new RecordingSms(), publicUrl: 'https://opastin.test' };
  await dispatchMessages(db(), MONDAY, senders);
});
afterAll(async () => { await t.close(); });

async function identified(person: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; reference: string }>();
}
const cursor = async () => String((await db().selectFrom('outbox_consumer').select('after_seq').where('name', '=', 'messages').executeTakeFirstOrThrow()).after_seq);
const messagesOf = (contactId: string) => db().selectFrom('outbound_message').selectAll().where('recipient_id', '=', contactId).orderBy('created_at').execute();

/** A message waiting to be sent, as the consumer queues it (written directly: the test decides when it is sent). */
async function waiting(contact: { id: string; reference: string }, channel: 'email' | 'sms', address: string) {
  await db().insertInto('outbound_message').values({
    county_id: sql<string>`(select county_id from contact where id = ${contact.id})`, event_id: null, channel, template: 'receipt', lang: 'fi',
    recipient_kind: 'resident', recipient_id: contact.id, address, params: JSON.stringify({ reference: contact.reference }), reference: contact.reference,
    state: 'pending', next_attempt_at: new Date(MONDAY.getTime() + 86_400_000),
  }).execute();
}

/** Makes queueing a message with this reference fail with the given SQLSTATE (a stand-in for a timeout, a lock, bad data). */
async function failQueueing(reference: string, sqlstate: string) {
  await sql.raw(`create or replace function test_fail_message() returns trigger language plpgsql as $$
    begin
      if new.reference = '${reference}' then raise exception 'injected' using errcode = '${sqlstate}'; end if;
      return new;
    end $$;
    create trigger test_fail_message before insert on outbound_message for each row execute function test_fail_message();`).execute(db());
}
const stopFailing = () => sql.raw('drop trigger test_fail_message on outbound_message; drop function test_fail_message();').execute(db());

describe('a failure while queueing', () => {
  it('a transient one (statement timeout) leaves the cursor where it was; the next pass queues and sends the message', async () => {
    const c = await identified({ name: 'Tiina', email: 'tiina@example.test' }, { messageChannels: ['email'] });
    const before = await cursor();
    await failQueueing(c.reference, '57014');
    try {
      await dispatchMessages(db(), MONDAY, senders);
      expect(await cursor()).toBe(before);
      expect(await messagesOf(c.id)).toEqual([]);
    } finally {
      await stopFailing();
    }
    await dispatchMessages(db(), MONDAY, senders);
    expect(await cursor()).not.toBe(before);
    expect((await messagesOf(c.id)).map((m) => [m.template, m.state])).toEqual([['receipt', 'sent']]);
    expect(senders.mail.sent.filter((m) => m.to === 'tiina@example.test')).toHaveLength(1);
  });

  it('one in the data (a check violation) is passed over: the cursor moves on, nothing is queued', async () => {
    const c = await identified({ name: 'Daavid', email: 'daavid@example.test' }, { messageChannels: ['email'] });
    await failQueueing(c.reference, '23514');
    try {
      await dispatchMessages(db(), MONDAY, senders);
    } finally {
      await stopFailing();
    }
    const max = await db().selectFrom('outbox_event').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow();
    expect(await cursor()).toBe(String(max.m));
    await dispatchMessages(db(), MONDAY, senders);
    expect(await messagesOf(c.id)).toEqual([]);
  });
});

describe('waiting messages when the resident’s data changes', () => {
  it('withdrawing one channel skips only that channel’s waiting messages and drops their address', async () => {
    const c = await identified({ name: 'Kaisa', email: 'kaisa@example.test', phone: '040 111 2222' }, { messageChannels: ['email', 'sms'] });
    await dispatchMessages(db(), MONDAY, senders);
    await waiting(c, 'email', 'kaisa@example.test');
    await waiting(c, 'sms', '+358401112222');
    const res = await patch(`/api/contacts/${c.id}`, { messageChannels: ['email'] });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (await messagesOf(c.id)).filter((m) => m.state !== 'sent');
    expect(rows.map((m) => ({ channel: m.channel, state: m.state, address: m.address, params: m.params, last_error: m.last_error })).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'email', state: 'pending', address: 'kaisa@example.test', params: { reference: c.reference }, last_error: null },
      { channel: 'sms', state: 'skipped', address: null, params: {}, last_error: 'consent_withdrawn' },
    ]);
  });

  it('a changed e-mail address skips the waiting e-mail (it held the old address); the text message waits on', async () => {
    const c = await identified({ name: 'Ville', email: 'ville@example.test', phone: '040 333 4444' }, { messageChannels: ['email', 'sms'] });
    await dispatchMessages(db(), MONDAY, senders);
    await waiting(c, 'email', 'ville@example.test');
    await waiting(c, 'sms', '+358403334444');
    const res = await patch(`/api/contacts/${c.id}`, { person: { name: 'Ville', email: 'ville.uusi@example.test', phone: '040 333 4444' } });
    expect(res.statusCode, res.body).toBe(200);
    const rows = (await messagesOf(c.id)).filter((m) => m.state !== 'sent');
    expect(rows.map((m) => ({ channel: m.channel, state: m.state, address: m.address, last_error: m.last_error })).sort((a, b) => a.channel.localeCompare(b.channel))).toEqual([
      { channel: 'email', state: 'skipped', address: null, last_error: 'address_changed' },
      { channel: 'sms', state: 'pending', address: '+358403334444', last_error: null },
    ]);
  });

  it('the retention erasure skips the waiting messages and erases their address', async () => {
    // quick-logged: closed at once, so the retention rule reaches it
    const c = await identified({ name: 'Pirjo', email: 'pirjo@example.test' }, { messageChannels: ['email'], close: { outcome: 'advice_given', ledToClientRelationship: false } });
    await dispatchMessages(db(), MONDAY, senders);
    await waiting(c, 'email', 'pirjo@example.test');
    await runRetention(db(), new Date(MONDAY.getTime() + 31 * 86_400_000), { adviceRetentionDays: 30 }, { dryRun: false });
    const rows = await messagesOf(c.id);
    expect(rows.map((m) => ({ state: m.state, address: m.address, params: m.params, last_error: m.last_error }))).toEqual([
      { state: 'skipped', address: null, params: {}, last_error: 'erased' },
    ]);
  });
});

describe('no receipt for a closed matter', () => {
  it('a quick-logged contact (closed as it is registered) gets no receipt promising a date', async () => {
    const c = await identified({ name: 'Pikakirjaus', email: 'pika@example.test' }, { messageChannels: ['email'], close: { outcome: 'advice_given', ledToClientRelationship: false } });
    await dispatchMessages(db(), MONDAY, senders);
    expect(await messagesOf(c.id)).toEqual([]);
    expect(senders.mail.sent.filter((m) => m.to === 'pika@example.test')).toEqual([]);
  });
});

describe('limits against SMS pumping', () => {
  it('a text message goes to a Finnish number only: another is logged as skipped, holding no address', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/callback-requests',
      payload: { lang: 'fi', line: 'families', phone: '+44 7700 900123', name: 'Pumppu', callbackWindow: 'aamupäivä', messages: ['sms'], dangerNow: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    const reference = res.json().reference as string;
    const sentBefore = senders.sms.sent.length;
    await dispatchMessages(db(), MONDAY, senders);
    const row = await db().selectFrom('outbound_message').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'sms', state: 'skipped', last_error: 'sms_not_finnish_number', address: null, params: {} });
    expect(senders.sms.sent.length).toBe(sentBefore);
  });

  it('beyond the county’s daily cap, messages to residents are logged as skipped', async () => {
    const countyId = (await db().selectFrom('contact').select('county_id').executeTakeFirstOrThrow()).county_id;
    const sentToday = Number((await db().selectFrom('outbound_message').select((eb) => eb.fn.countAll<string>().as('n'))
      .where('county_id', '=', countyId).where('recipient_kind', '=', 'resident').where('state', '!=', 'skipped').executeTakeFirstOrThrow()).n);
    const capped = { ...senders, residentDailyCap: sentToday + 1 };
    const first = await identified({ name: 'Eka', phone: '040 555 0001' }, { messageChannels: ['sms'] });
    const second = await identified({ name: 'Toka', phone: '040 555 0002' }, { messageChannels: ['sms'] });
    await dispatchMessages(db(), MONDAY, capped);
    expect((await messagesOf(first.id)).map((m) => [m.state, m.last_error])).toEqual([['sent', null]]);
    expect((await messagesOf(second.id)).map((m) => ({ state: m.state, last_error: m.last_error, address: m.address }))).toEqual([{ state: 'skipped', last_error: 'daily_cap', address: null }]);
    expect(senders.sms.sent.filter((m) => m.to === '+358405550002')).toEqual([]);
  });
});

describe('a text message gateway that is down', () => {
  it('costs a pass one try: the other text messages wait untried', async () => {
    const c = await identified({ name: 'Katkos', phone: '040 999 0000' });
    const refs = ['GW-1', 'GW-2', 'GW-3'];
    for (const reference of refs) {
      await db().insertInto('outbound_message').values({
        county_id: sql<string>`(select county_id from contact where id = ${c.id})`, event_id: null, channel: 'sms', template: 'receipt', lang: 'fi',
        recipient_kind: 'unit', recipient_id: c.id, address: '+358409990000', params: JSON.stringify({ reference }), reference,
        state: 'pending', next_attempt_at: new Date(MONDAY.getTime() - 60_000), created_at: sql<Date>`clock_timestamp()`,
      }).execute();
    }
    senders.sms.failNext = 1;
    await dispatchMessages(db(), MONDAY, senders);
    const rows = await db().selectFrom('outbound_message').select(['state', 'attempts']).where('reference', 'in', refs).orderBy('created_at').execute();
    expect(rows).toEqual([{ state: 'pending', attempts: 1 }, { state: 'pending', attempts: 0 }, { state: 'pending', attempts: 0 }]);
    expect(senders.sms.failNext).toBe(0);
  });
});

describe('sending order', () => {
  it('a resident’s messages go out in the order they were queued', async () => {
    const c = await identified({ name: 'Järjestys', email: 'jarjestys@example.test' });
    const due = new Date(MONDAY.getTime() - 60_000);
    // neither the ids nor the order of writing follow the queueing order (created_at)
    for (const [i, id] of [...['ffffffff-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '88888888-0000-4000-8000-000000000003'].entries()].reverse()) {
      await db().insertInto('outbound_message').values({
        id, county_id: sql<string>`(select county_id from contact where id = ${c.id})`, event_id: null, channel: 'email', template: 'receipt', lang: 'fi',
        recipient_kind: 'unit', recipient_id: c.id, address: 'jarjestys@example.test', params: JSON.stringify({ reference: `JARJ-${i}` }), reference: `JARJ-${i}`,
        state: 'pending', next_attempt_at: due, created_at: new Date(MONDAY.getTime() - 3_600_000 + i * 1000),
      }).execute();
    }
    await dispatchMessages(db(), MONDAY, senders);
    const subjects = senders.mail.sent.filter((m) => m.to === 'jarjestys@example.test').map((m) => m.text.match(/JARJ-\d/)?.[0]);
    expect(subjects).toEqual(['JARJ-0', 'JARJ-1', 'JARJ-2']);
  });
});

describe('a pass at its bound', () => {
  it('sends at most 200 messages a pass and says `more`, so the dispatcher runs another at once; the next pass sends the rest', async () => {
    const c = await identified({ name: 'Ruuhka', email: 'ruuhka@example.test' });
    // the dispatcher's passes before this test left nothing due
    expect((await dispatchMessages(db(), MONDAY, senders)).more).toBeUndefined();
    const due = new Date(MONDAY.getTime() - 60_000);
    await db().insertInto('outbound_message').values(Array.from({ length: 205 }, (_, i) => ({
      county_id: sql<string>`(select county_id from contact where id = ${c.id})`, event_id: null, channel: 'email' as const, template: 'referral_reminder', lang: 'fi' as const,
      recipient_kind: 'unit' as const, recipient_id: sql<string>`gen_random_uuid()`, address: 'ruuhka@example.test', params: JSON.stringify({ reference: `RUUHKA-${i}` }), reference: `RUUHKA-${i}`,
      state: 'pending', next_attempt_at: due,
    }))).execute();
    const before = senders.mail.sent.length;
    const first = await dispatchMessages(db(), MONDAY, senders);
    expect(first).toMatchObject({ sent: 200, more: true });
    const second = await dispatchMessages(db(), MONDAY, senders);
    expect(second).toMatchObject({ sent: 5 });
    expect(second.more).toBeUndefined();
    const refs = senders.mail.sent.slice(before).filter((m) => m.to === 'ruuhka@example.test').map((m) => m.text.match(/RUUHKA-\d+/)?.[0]);
    expect(new Set(refs).size).toBe(205);
  });
});
