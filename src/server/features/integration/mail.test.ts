/**
 * E-mail (issue 19) against a real SMTP server started in the test (smtp-server on 127.0.0.1, the
 * mail parsed with mailparser): a unit's shared mailbox gets the escalation reminder, a supervisor
 * the notice, a resident who gave an address and consent the receipt and "your matter went to adult
 * social work"; no consent, a withdrawn one or an anonymous contact get nothing; the log keeps no
 * address or body; an SMTP server that is down delays the mail, never a worker's action.
 */
import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { escalateReferrals } from '../referrals/public.js';
import { createSenders, dispatchMessages, MAX_MESSAGE_ATTEMPTS, type Senders } from './messages.service.js';
import { createMailer } from './mailer.js';

type Session = Awaited<ReturnType<typeof login>>;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const UNIT_MAILBOX = 'aikuissosiaalityo@hyvinvointialue.test';
const SUPERVISOR_MAIL = 'eeva.esihenkilo@hyvinvointialue.test';

interface Smtp { port: number; received: ParsedMail[]; close(): Promise<void> }

/** A real SMTP server: plain text on 127.0.0.1 (no STARTTLS), any sender, every mail parsed and kept. */
async function startSmtp(port = 0): Promise<Smtp> {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { received.push(mail); callback(); }, (err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { port: address.port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port on 127.0.0.1 where nothing listens (taken and given back), to stand for a server that is down. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

let t: TestApp;
let smtp: Smtp;
let senders: Senders;
let guide: Session;
const logLines: string[] = [];
const capture = (level: string) => (obj: Record<string, unknown>, msg: string) => { logLines.push(JSON.stringify({ level, msg, ...obj })); };
const db = () => t.database.db;
const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const patch = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: s.headers });
const dispatch = (at: Date = t.clock.now) => dispatchMessages(db(), at, senders);
const mailTo = (address: string) => smtp.received.filter((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).some((a) => a.value.some((v) => v.address === address)));

beforeAll(async () => {
  smtp = await startSmtp();
  const mail = { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, from: 'Etelä-Pohjanmaan hyvinvointialue <asiakasohjaus@hyvinvointialue.test>' };
  t = await createTestApp({ now: MONDAY, config: { mail } });
  senders = createSenders({ mail, sms: null, publicUrl: 'https://opastin.hyvinvointialue.test' }, { info: capture('info'), warn: capture('warn') });
  guide = await login(t.app, 'ohjaaja');
  // the messages consumer starts from the events of this test's own flows
  await dispatch();
});
afterAll(async () => {
  senders.mail?.close();
  await smtp.close();
  await t.close();
});

let hetuSerial = 200;
/** An identified phone contact, with the resident's e-mail and message consent as given. */
async function resident(opts: { email?: string | null; messageChannels?: ('email' | 'sms')[]; language?: string } = {}) {
  const c = await post('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    note: 'Työmarkkinatuki katkesi, laskuja maksamatta.',
    person: { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', hetuSerial++), phone: '040 765 4321', email: opts.email ?? null },
    ...(opts.messageChannels ? { messageChannels: opts.messageChannels } : {}),
  });
  expect(c.statusCode, c.body).toBe(201);
  return c.json<{ id: string; reference: string }>();
}

async function referToAdultSocialWork(contactId: string) {
  const consent = await post(`/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
  expect(consent.statusCode).toBe(200);
  const res = await post(`/api/contacts/${contactId}/referrals`, {
    kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId: consent.json().id,
    summary: 'Toimeentulo ja työllistyminen: palvelutarpeen arviointi.', needs: ['income'], urgency: 'non_urgent',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; acceptBy: string; contactBy: string }>();
}

const messagesOf = (recipientId: string) => db().selectFrom('outbound_message').selectAll().where('recipient_id', '=', recipientId).orderBy('created_at').execute();

describe('the escalation reminder', () => {
  it('reaches the unit’s shared mailbox and the supervisor who has an e-mail address, with the reference and the link', async () => {
    await db().updateTable('receiving_unit').set({ email: UNIT_MAILBOX }).where('code', '=', 'adult_social_work').execute();
    await db().updateTable('app_user').set({ email: SUPERVISOR_MAIL }).where('username', '=', 'esihenkilo').execute();
    const c = await resident();
    const referral = await referToAdultSocialWork(c.id);
    await dispatch();
    expect(mailTo(UNIT_MAILBOX)).toHaveLength(0);

    // the day after its accept-by day, no one has accepted it
    const dayAfter = new Date(`${referral.acceptBy}T00:00:00+02:00`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    const later = new Date(dayAfter.getTime() + 8 * 3600_000);
    expect((await escalateReferrals(db(), later)).escalated).toBeGreaterThanOrEqual(1);
    const result = await dispatch(later);
    expect(result.sent).toBeGreaterThanOrEqual(2);

    const [reminder, ...more] = mailTo(UNIT_MAILBOX);
    expect(more).toHaveLength(0);
    expect(reminder!.subject).toBe(`Muistutus: lähete ${c.reference} odottaa`);
    expect(reminder!.text).toContain(`Hei Aikuissosiaalityö,`);
    expect(reminder!.text).toContain(`lähetteen ${c.reference} vastaanotto oli määrä tehdä viimeistään ${Number(referral.acceptBy.slice(8))}.${Number(referral.acceptBy.slice(5, 7))}.${referral.acceptBy.slice(0, 4)}`);
    expect(reminder!.text).toContain(`https://opastin.hyvinvointialue.test/tyo/lahetteet/${referral.id}`);
    expect(reminder!.from?.text).toContain('asiakasohjaus@hyvinvointialue.test');
    expect(reminder!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(reminder!.html).toBe(false);
    // the reminder holds no personal data of the client
    expect(reminder!.text).not.toMatch(/Jaska|Jokunen|040 765|407654321|\+358/);

    const [notice] = mailTo(SUPERVISOR_MAIL);
    expect(notice!.subject).toBe(`Myöhässä: lähete ${c.reference} (Aikuissosiaalityö)`);
    expect(notice!.text).toContain(`/tyo/lahetteet/${referral.id}`);

    const rows = await db().selectFrom('outbound_message').select(['template', 'recipient_kind', 'state', 'address', 'params', 'reference', 'provider_id', 'lang'])
      .where('reference', '=', c.reference).where('template', 'in', ['referral_reminder', 'escalation_notice']).orderBy('template', 'desc').execute();
    expect(rows).toEqual([
      { template: 'referral_reminder', recipient_kind: 'unit', state: 'sent', address: null, params: {}, reference: c.reference, provider_id: expect.stringMatching(/@/), lang: 'fi' },
      { template: 'escalation_notice', recipient_kind: 'supervisor', state: 'sent', address: null, params: {}, reference: c.reference, provider_id: expect.stringMatching(/@/), lang: 'fi' },
    ]);

    // a second pass sends nothing again
    const before = smtp.received.length;
    await dispatch(later);
    expect(smtp.received.length).toBe(before);
  });
});

describe('a unit whose working language is Swedish', () => {
  it('gets its reminder in Swedish, set by the administrator; the supervisors\u2019 notice stays Finnish', async () => {
    const admin = await login(t.app, 'admin');
    const set = (language: string) => patch('/api/admin/units/adult_social_work', { language, email: UNIT_MAILBOX }, admin);
    const res = await set('sv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ code: 'adult_social_work', language: 'sv', email: UNIT_MAILBOX });
    try {
      await db().updateTable('app_user').set({ email: SUPERVISOR_MAIL }).where('username', '=', 'esihenkilo').execute();
      const c = await resident();
      const referral = await referToAdultSocialWork(c.id);
      await dispatch();
      const dayAfter = new Date(`${referral.acceptBy}T00:00:00+02:00`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      const later = new Date(dayAfter.getTime() + 8 * 3600_000);
      expect((await escalateReferrals(db(), later)).escalated).toBeGreaterThanOrEqual(1);
      await dispatch(later);

      const mine = (address: string) => mailTo(address).filter((m) => m.subject?.includes(c.reference));
      const [reminder, ...more] = mine(UNIT_MAILBOX);
      expect(more).toHaveLength(0);
      expect(reminder!.subject).toBe(`Påminnelse: remissen ${c.reference} väntar`);
      expect(reminder!.text).toContain('Hej Socialt arbete för vuxna,');
      expect(reminder!.text).toContain(`remissen ${c.reference}: mottagandet skulle ha gjorts senast`);
      expect(reminder!.text).toContain('Södra Österbottens välfärdsområde, klienthänvisning');
      const [notice] = mine(SUPERVISOR_MAIL);
      expect(notice!.subject).toBe(`Myöhässä: lähete ${c.reference} (Aikuissosiaalityö)`);
      const langs = await db().selectFrom('outbound_message').select(['template', 'lang']).where('reference', '=', c.reference)
        .where('template', 'in', ['referral_reminder', 'escalation_notice']).orderBy('template', 'desc').execute();
      expect(langs).toEqual([{ template: 'referral_reminder', lang: 'sv' }, { template: 'escalation_notice', lang: 'fi' }]);
    } finally {
      expect((await set('fi')).statusCode).toBe(200);
    }
  });

  it('a language other than fi, sv or en is a 400 naming body.language; nothing changes', async () => {
    const admin = await login(t.app, 'admin');
    const res = await patch('/api/admin/units/adult_social_work', { language: 'de' }, admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.language' })]);
    const unit = await db().selectFrom('receiving_unit').select('language').where('code', '=', 'adult_social_work').executeTakeFirstOrThrow();
    expect(unit.language).toBe('fi');
  });
});

describe('the resident who gave an e-mail address and consent', () => {
  it('gets a receipt and the notice that the matter went to adult social work, naming the unit', async () => {
    const email = 'jaska.jokunen@example.test';
    const c = await resident({ email, messageChannels: ['email'] });
    await dispatch();
    const [receipt] = mailTo(email);
    expect(receipt!.subject).toBe(`Yhteydenottosi on vastaanotettu (${c.reference})`);
    expect(receipt!.text).toContain('Otamme sinuun yhteyttä viimeistään ');
    expect(receipt!.text).toMatch(/viimeistään \d{1,2}\.\d{1,2}\.2026\./);
    expect(receipt!.text).toContain('Hätätilanteessa soita 112');

    const referral = await referToAdultSocialWork(c.id);
    await dispatch();
    const notices = mailTo(email).filter((m) => m.subject?.startsWith('Asiasi on välitetty'));
    expect(notices).toHaveLength(1);
    const notice = notices[0]!;
    expect(notice.subject).toBe(`Asiasi on välitetty eteenpäin (${c.reference})`);
    expect(notice.text).toContain(`asiasi ${c.reference} on välitetty: Aikuissosiaalityö.`);
    expect(notice.text?.toLowerCase()).toContain('aikuissosiaalityö');
    const [y, m, d] = referral.contactBy.split('-');
    expect(notice.text).toContain(`viimeistään ${Number(d)}.${Number(m)}.${y}`);
    expect(notice.text).toContain('06 0000 0100'); // the working-age line: where to call with questions
    expect(notice.text).toContain('Etelä-Pohjanmaan hyvinvointialue');

    // sent: the log row keeps no address and no values; the system's read of the address is access-logged
    const rows = await messagesOf(c.id);
    expect(rows.map((r) => [r.template, r.channel, r.recipient_kind, r.state, r.address, r.params])).toEqual([
      ['receipt', 'email', 'resident', 'sent', null, {}],
      ['matter_forwarded', 'email', 'resident', 'sent', null, {}],
    ]);
    const logged = await db().selectFrom('access_log').select(['actor_label', 'action', 'purpose', 'person_key']).where('subject_type', '=', 'contact').where('subject_id', '=', c.id)
      .where('purpose', '=', 'message_to_resident').execute();
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ actor_label: 'system:messages', action: 'read', person_key: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // the message log shown to the administrator: no address, no body
    const admin = await login(t.app, 'admin');
    const log = await t.app.inject({ url: '/api/admin/messages', headers: admin.headers });
    expect(log.statusCode).toBe(200);
    expect(log.json().channels).toEqual({ email: true, sms: null });
    expect(log.json().messages).toEqual(expect.arrayContaining([expect.objectContaining({ reference: c.reference, template: 'matter_forwarded', state: 'sent', recipientKind: 'resident' })]));
    expect(log.body).not.toContain(email);
    expect(log.body).not.toMatch(/välitetty|Aikuissosiaalityö/);
  });

  it('through the public form, in the resident’s language', async () => {
    const email = 'resident.sv@example.test';
    const res = await t.app.inject({
      method: 'POST', url: '/api/public/contact-requests',
      payload: { lang: 'sv', anonymous: false, contactor: 'self', topic: 'money', text: 'Jag behöver hjälp med räkningar.', phone: '040 111 2233', name: 'Sven Svensson', email, messages: ['email'], consent: true, dangerNow: false },
    });
    expect(res.statusCode, res.body).toBe(201);
    const reference = res.json().reference as string;
    const contact = await db().selectFrom('contact').select(['id', 'person_email', 'message_channels']).where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ person_email: email, message_channels: ['email'] });
    await dispatch();
    const [receipt] = mailTo(email);
    expect(receipt!.subject).toBe(`Vi har tagit emot ditt meddelande (${reference})`);
    await referToAdultSocialWork(contact.id);
    await dispatch();
    const notice = mailTo(email).find((m) => m.subject === `Ditt ärende har förmedlats (${reference})`);
    expect(notice?.text).toContain(`ditt ärende ${reference} har förmedlats till: Socialt arbete för vuxna.`);
  });

  it('nothing personal reaches the log lines of the passes', () => {
    expect(logLines.length).toBeGreaterThan(4);
    const all = logLines.join('\n');
    expect(all).toContain('"template":"matter_forwarded"');
    for (const personal of ['@example.test', UNIT_MAILBOX, SUPERVISOR_MAIL, 'Jaska', '+358', 'välitetty', 'Aikuissosiaalityö']) expect(all).not.toContain(personal);
  });
});

describe('no message without consent', () => {
  it('an address without consent, a consent withdrawn before the event is read, an anonymous contact: nothing is queued', async () => {
    const noConsent = await resident({ email: 'no.consent@example.test' });
    const withdrawn = await resident({ email: 'withdrawn@example.test', messageChannels: ['email'] });
    const w = await patch(`/api/contacts/${withdrawn.id}`, { messageChannels: [] });
    expect(w.statusCode, w.body).toBe(200);
    const anon = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
    expect(anon.statusCode).toBe(201);
    await dispatch();
    for (const id of [noConsent.id, withdrawn.id, anon.json().id]) expect(await messagesOf(id)).toEqual([]);
    expect(mailTo('no.consent@example.test')).toEqual([]);
    expect(mailTo('withdrawn@example.test')).toEqual([]);
    // the timeline says the consent was given and withdrawn (not to which address)
    const timeline = (await t.app.inject({ url: `/api/contacts/${withdrawn.id}`, headers: guide.headers })).json().timeline as { kind: string; details: Record<string, unknown> }[];
    expect(timeline.filter((e) => e.kind === 'message_consent').map((e) => e.details)).toEqual([{ channels: ['email'] }, { channels: [] }]);
  });
});

describe('an SMTP server that is down', () => {
  it('never holds up a worker; the mail waits, is tried again with backoff and goes when the server is back', async () => {
    const port = smtp.port;
    await smtp.close();
    const email = 'patient.resident@example.test';
    // the worker's action answers at once: it writes rows, it never talks to SMTP
    const c = await resident({ email, messageChannels: ['email'] });
    const other = await resident({ email: 'changes.mind@example.test', messageChannels: ['email'] });

    const down = await dispatch();
    // the server is down: the pass tries one message and leaves the rest untried for the next
    expect(down.failed).toBe(1);
    expect((await messagesOf(other.id))[0]).toMatchObject({ state: 'pending', attempts: 0 });
    let [row] = await messagesOf(c.id);
    expect(row).toMatchObject({ template: 'receipt', state: 'pending', attempts: 1, address: email, last_error: expect.stringMatching(/^smtp E[A-Z]+/) });
    expect(row!.last_error).not.toContain(email);
    expect(row!.next_attempt_at.getTime()).toBe(t.clock.now.getTime() + 30_000);

    // the second resident withdraws the consent while the mail waits: it is never sent
    expect((await patch(`/api/contacts/${other.id}`, { messageChannels: [] })).statusCode).toBe(200);

    smtp = await startSmtp(port);
    // not yet due: nothing is tried
    expect((await dispatch()).sent).toBe(0);
    expect(mailTo(email)).toEqual([]);
    const later = new Date(t.clock.now.getTime() + 31_000);
    const back = await dispatch(later);
    expect(back.sent).toBeGreaterThanOrEqual(1);
    expect(mailTo(email)).toHaveLength(1);
    [row] = await messagesOf(c.id);
    expect(row).toMatchObject({ state: 'sent', attempts: 2, address: null, params: {}, last_error: null });
    const [withdrawn] = await messagesOf(other.id);
    expect(withdrawn).toMatchObject({ state: 'skipped', last_error: 'consent_withdrawn', address: null, params: {} });
    expect(mailTo('changes.mind@example.test')).toEqual([]);
  });

  it('gives a message up after its attempts, erasing the address', async () => {
    const email = 'never.reached@example.test';
    const c = await resident({ email, messageChannels: ['email'] });
    const dead = createSenders({ mail: { smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from: 'x <x@example.test>' }, sms: null, publicUrl: 'https://x.test' });
    let at = t.clock.now;
    // a pass tries one message while the server is down (others waiting may come first): passes until it is given up
    for (let i = 0; i < 4 * MAX_MESSAGE_ATTEMPTS && (await messagesOf(c.id))[0]?.state !== 'dead'; i++) {
      await dispatchMessages(db(), at, dead);
      at = new Date(at.getTime() + 3600_000);
    }
    dead.mail?.close();
    const [row] = await messagesOf(c.id);
    expect(row).toMatchObject({ state: 'dead', attempts: MAX_MESSAGE_ATTEMPTS, address: null, params: {}, last_error: expect.stringMatching(/^smtp /) });
  });

  it('a mailbox the server refuses (5xx) is given up at once, not retried', async () => {
    const refusing = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onRcptTo(_address, _session, callback) { callback(Object.assign(new Error('No such user here'), { responseCode: 550 })); },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const port = (refusing as unknown as { server: { address(): AddressInfo } }).server.address().port;
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'x <x@example.test>' });
    const c = await resident({ email: 'nobody@example.test', messageChannels: ['email'] });
    await dispatchMessages(db(), t.clock.now, { mail: mailer, sms: null, publicUrl: 'https://x.test' });
    mailer.close();
    await new Promise<void>((resolve) => refusing.close(() => resolve()));
    const [row] = await messagesOf(c.id);
    expect(row).toMatchObject({ state: 'dead', attempts: 1, address: null, last_error: 'smtp EENVELOPE 550' });
  });
});
