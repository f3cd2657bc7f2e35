/**
 * The resident's consent to messages (issue 19) on the worker's API and the public form, and the
 * messages consumer of the outbox: consent read when the event is consumed, a cursor that neither
 * loses nor doubles a message, two dispatchers that never send one message twice.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, serverUrl, type TestApp } from '../../test/support.js';
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
const publicForm = (payload: Record<string, unknown>) => t.app.inject({
  method: 'POST', url: '/api/public/contact-requests',
  payload: { lang: 'fi', anonymous: false, contactor: 'self', text: 'Tarvitsen apua laskujen kanssa.', dangerNow: false, consent: true, ...payload },
});
const contactCount = async () => Number((await db().selectFrom('contact').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

/** An in-memory mailer (mail.test.ts runs a real SMTP server); `delayMs` makes each send take a while. */
function recordingMailer(delayMs = 0): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent, close: () => {},
    send: async (m) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      sent.push(m);
      return { id: `m${sent.length}` };
    },
  };
}

let senders: Senders & { mail: ReturnType<typeof recordingMailer>; sms: RecordingSms };
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  guide = await login(t.app, 'ohjaaja');
  senders = { mail: recordingMailer(), sms: new RecordingSms(), publicUrl: 'https://opastin.test' };
  await dispatchMessages(db(), MONDAY, senders);
});
afterAll(async () => { await t.close(); });

const identified = (person: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person, ...extra });

describe('messageChannels on the worker’s API', () => {
  it('an anonymous contact cannot have them; nothing is stored', async () => {
    const before = await contactCount();
    const res = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income', messageChannels: ['sms'] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'personal_data_in_anonymous', errors: [{ field: 'body.messageChannels', code: 'personal_data_not_allowed' }] });
    expect(await contactCount()).toBe(before);
    // the database says the same
    const anon = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
    await expect(db().updateTable('contact').set({ message_channels: ['sms'] }).where('id', '=', anon.json().id).execute()).rejects.toThrow(/contact_anonymous_gets_no_messages/);
  });

  it('e-mail needs a usable address, a text message a phone number', async () => {
    const noEmail = await identified({ name: 'Aino', phone: '040 111 1111' }, { messageChannels: ['email'] });
    expect(noEmail.statusCode).toBe(422);
    expect(noEmail.json().errors).toEqual([expect.objectContaining({ field: 'body.person.email', code: 'required' })]);
    const badEmail = await identified({ name: 'Aino', email: 'aino at example' }, { messageChannels: ['email'] });
    expect(badEmail.json().errors).toEqual([expect.objectContaining({ field: 'body.person.email', code: 'invalid_format' })]);
    const noPhone = await identified({ name: 'Aino', email: 'aino@example.test' }, { messageChannels: ['email', 'sms'] });
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json().errors).toEqual([expect.objectContaining({ field: 'body.person.phone', code: 'required' })]);
  });

  it('is stored, shown on the contact, changed and withdrawn with a timeline event each time', async () => {
    const c = await identified({ name: 'Aino', phone: '040 111 1111', email: 'aino@example.test' }, { messageChannels: ['sms', 'email'] });
    expect(c.statusCode, c.body).toBe(201);
    const id = c.json().id as string;
    const view = async () => (await t.app.inject({ url: `/api/contacts/${id}`, headers: guide.headers })).json();
    expect((await view()).messageChannels).toEqual(['email', 'sms']);
    expect((await patch(`/api/contacts/${id}`, { messageChannels: ['sms'] })).statusCode).toBe(200);
    expect((await patch(`/api/contacts/${id}`, { messageChannels: ['sms'] })).statusCode).toBe(200); // unchanged: no event
    // the phone cannot go while text messages are on
    const noPhone = await patch(`/api/contacts/${id}`, { person: { name: 'Aino', email: 'aino@example.test' } });
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json().errors).toEqual([expect.objectContaining({ field: 'body.person.phone', code: 'required' })]);
    expect((await patch(`/api/contacts/${id}`, { messageChannels: [] })).statusCode).toBe(200);
    const v = await view();
    expect(v.messageChannels).toEqual([]);
    expect(v.timeline.filter((e: { kind: string }) => e.kind === 'message_consent').map((e: { details: unknown }) => e.details))
      .toEqual([{ channels: ['email', 'sms'] }, { channels: ['sms'] }, { channels: [] }]);
    expect(JSON.stringify(v.timeline)).not.toContain('aino@example.test');
  });
});

describe('messages on the public contact form', () => {
  it('refuses messages or an e-mail address on an anonymous request, naming the field; nothing is stored', async () => {
    const before = await contactCount();
    const res = await publicForm({ anonymous: true, consent: undefined, messages: ['email'], email: 'anon@example.test' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('personal_data_in_anonymous');
    expect(res.json().errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['body.email', 'personal_data_not_allowed'], ['body.messages', 'personal_data_not_allowed'],
    ]);
    expect(await contactCount()).toBe(before);
  });

  it('e-mail messages need the address; a malformed address is refused by the contract', async () => {
    const missing = await publicForm({ phone: '040 222 2222', messages: ['email'] });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'body.email', code: 'required' })]);
    const malformed = await publicForm({ phone: '040 222 2222', messages: ['email'], email: 'not-an-address' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('body.email');
  });

  it('stores the address and consent; a text message goes to the phone given', async () => {
    const res = await publicForm({ phone: '040 333 3333', email: 'helmi@example.test', messages: ['sms', 'email'] });
    expect(res.statusCode, res.body).toBe(201);
    const reference = res.json().reference as string;
    const row = await db().selectFrom('contact').select(['person_email', 'person_phone', 'message_channels', 'language']).where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(row).toEqual({ person_email: 'helmi@example.test', person_phone: '+358403333333', message_channels: ['email', 'sms'], language: 'fi' });
    await dispatchMessages(db(), MONDAY, senders);
    expect(senders.sms.sent.filter((m) => m.body.includes(reference)).map((m) => m.to)).toEqual(['+358403333333']);
    expect(senders.mail.sent.filter((m) => m.subject.includes(reference)).map((m) => m.to)).toEqual(['helmi@example.test']);
  });

  it('an e-mail address without messages is kept for the worker, and no message goes', async () => {
    const res = await publicForm({ phone: '040 444 4444', email: 'quiet@example.test' });
    expect(res.statusCode).toBe(201);
    await dispatchMessages(db(), MONDAY, senders);
    expect(senders.mail.sent.filter((m) => m.to === 'quiet@example.test')).toEqual([]);
  });

  it('an acute request gets no receipt promising a date: its receipt on screen says call now', async () => {
    const res = await publicForm({ phone: '040 555 5555', email: 'acute@example.test', messages: ['email'], dangerNow: true });
    expect(res.statusCode).toBe(201);
    expect(res.json().acute).toBe(true);
    await dispatchMessages(db(), MONDAY, senders);
    expect(senders.mail.sent.filter((m) => m.to === 'acute@example.test')).toEqual([]);
  });
});

describe('the messages consumer of the outbox', () => {
  it('reads consent when it consumes the event: data erased before then sends nothing', async () => {
    const c = await identified({ name: 'Erkki', email: 'erkki@example.test' }, { messageChannels: ['email'] });
    // the retention rule erases the personal data (the trigger empties the consent with it)
    await db().updateTable('contact').set({ personal_data_erased_at: MONDAY, person_name: null, person_email: null }).where('id', '=', c.json().id).execute();
    await dispatchMessages(db(), MONDAY, senders);
    expect(await db().selectFrom('outbound_message').select('id').where('recipient_id', '=', c.json().id).execute()).toEqual([]);
    expect(senders.mail.sent.filter((m) => m.to === 'erkki@example.test')).toEqual([]);
  });

  it('moves its cursor with the messages it queues; read again, the same events queue nothing twice', async () => {
    const c = await identified({ name: 'Olli', email: 'olli@example.test' }, { messageChannels: ['email'] });
    await dispatchMessages(db(), MONDAY, senders);
    const cursor = await db().selectFrom('outbox_consumer').select('after_seq').where('name', '=', 'messages').executeTakeFirstOrThrow();
    const max = await db().selectFrom('outbox_event').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow();
    expect(String(cursor.after_seq)).toBe(String(max.m));
    const rows = await db().selectFrom('outbound_message').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const sent = senders.mail.sent.length;

    // as if a crash had lost the cursor's update: every event is read again
    await db().updateTable('outbox_consumer').set({ after_seq: 0 }).where('name', '=', 'messages').execute();
    const again = await dispatchMessages(db(), MONDAY, senders);
    expect(again).toMatchObject({ queued: 0, skipped: 0, sent: 0 });
    expect((await db().selectFrom('outbound_message').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n).toBe(rows.n);
    expect(senders.mail.sent.length).toBe(sent);
    expect(senders.mail.sent.filter((m) => m.to === 'olli@example.test')).toHaveLength(1);
    expect(c.statusCode).toBe(201);
  });

  it('a rolled-back change queues nothing', async () => {
    await expect(db().transaction().execute(async (trx) => {
      await sql`insert into contact (county_id, channel, contactor, anonymous, reference, received_at, received_on, respond_by, status, person_name, person_email, message_channels, urgency)
        select id, 'phone', 'self', false, 'ROLLBACK1', now(), current_date, current_date, 'new', 'Rolf', 'rolf@example.test', array['email'], 'non_urgent' from county limit 1`.execute(trx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await dispatchMessages(db(), MONDAY, senders);
    expect(senders.mail.sent.filter((m) => m.to === 'rolf@example.test')).toEqual([]);
  });

  it.runIf(serverUrl)('two dispatchers at once never send one message twice (PostgreSQL: real concurrency)', async () => {
    const slow = { ...senders, mail: recordingMailer(30) };
    const refs: string[] = [];
    for (let i = 0; i < 12; i++) {
      const c = await identified({ name: `Rinnakkain ${i}`, email: `parallel${i}@example.test` }, { messageChannels: ['email'] });
      refs.push(c.json().reference);
    }
    const [a, b] = await Promise.all([dispatchMessages(db(), MONDAY, slow), dispatchMessages(db(), MONDAY, slow)]);
    expect(a.sent + b.sent).toBe(12);
    for (let i = 0; i < 12; i++) expect(slow.mail.sent.filter((m) => m.to === `parallel${i}@example.test`)).toHaveLength(1);
  });
});
