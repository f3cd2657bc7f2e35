/**
 * A county's wording of its messages (issue 19): the administrator reads every template, rewords
 * one (only its placeholders; a text message never names the unit), the wording is what is sent,
 * and DELETE brings the default back; every change is in the administration's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { allowedValues, checkWording, DEFAULT_WORDINGS, MESSAGE_LANGS, messageDate, render, TEMPLATE_SPECS } from '../../../domain/messages.js';
import { dispatchMessages } from './messages.service.js';
import type { Mailer, MailMessage } from './mailer.js';
import { RecordingSms } from './sms.js';

type Session = Awaited<ReturnType<typeof login>>;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');
const PASSWORD = 'maakunta-salasana-2026';
let t: TestApp;
let admin: Session;
const db = () => t.database.db;
const url = (path: string) => `/api/admin/message-templates/${path}`;
const put = (path: string, payload: unknown, s: Session = admin) => t.app.inject({ method: 'PUT', url: url(path), payload: payload as object, headers: s.headers });
const del = (path: string, s: Session = admin) => t.app.inject({ method: 'DELETE', url: url(path), headers: s.headers });
const list = (s: Session = admin) => t.app.inject({ url: '/api/admin/message-templates', headers: s.headers });

/** An in-memory mailer: what an SMTP server would have received (mail.test.ts runs the real one). */
function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => { sent.push(m); return { id: `m${sent.length}` }; }, close: () => {} };
}

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  admin = await login(t.app, 'admin');
});
afterAll(async () => { await t.close(); });

describe('GET /api/admin/message-templates', () => {
  it('lists every template × channel × language, the defaults until the county rewords one', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    const templates = res.json().templates as { template: string; channel: string; lang: string; isDefault: boolean; subject: string | null; body: string; placeholders: string[]; recipient: string }[];
    const expected = Object.entries(TEMPLATE_SPECS).reduce((n, [, spec]) => n + spec.channels.length * MESSAGE_LANGS.length, 0);
    expect(templates).toHaveLength(expected);
    expect(templates.every((x) => x.isDefault)).toBe(true);
    expect(templates.find((x) => x.template === 'matter_forwarded' && x.channel === 'sms' && x.lang === 'sv')).toEqual({
      template: 'matter_forwarded', channel: 'sms', lang: 'sv', recipient: 'resident', subject: null, body: DEFAULT_WORDINGS.matter_forwarded.sms!.sv.body,
      isDefault: true, placeholders: ['reference', 'countyName', 'phone', 'contactBy'], updatedAt: null,
    });
    expect(templates.filter((x) => x.template === 'referral_reminder').map((x) => x.channel)).toEqual(['email', 'email', 'email']);
  });

  it('is the administrator’s: other roles get 403, no session 401', async () => {
    for (const who of ['ohjaaja', 'esihenkilo', 'yksikko', 'toimittaja']) {
      const s = await login(t.app, who);
      expect((await list(s)).statusCode, who).toBe(403);
      expect((await put('receipt/email/fi', { subject: 'x', body: 'y' }, s)).statusCode, who).toBe(403);
      expect((await del('receipt/email/fi', s)).statusCode, who).toBe(403);
      expect((await t.app.inject({ url: '/api/admin/messages', headers: s.headers })).statusCode, who).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/admin/message-templates' })).statusCode).toBe(401);
  });
});

describe('PUT /api/admin/message-templates/{template}/{channel}/{lang}', () => {
  it('refuses an unknown placeholder, naming it and the field', async () => {
    const res = await put('receipt/email/fi', { subject: 'Kiitos {nimi}', body: 'Viite {reference}, {unknownThing}.' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed' });
    expect(res.json().errors).toEqual([
      { field: 'body.subject', code: 'unknown_placeholder', message: expect.stringContaining('{nimi}') },
      { field: 'body.body', code: 'unknown_placeholder', message: expect.stringContaining('{unknownThing}') },
    ]);
  });

  it('refuses the unit’s name in a text message, and an unbalanced brace', async () => {
    const unit = await put('matter_forwarded/sms/fi', { subject: null, body: 'Asiasi {reference} meni: {unitName}.' });
    expect(unit.statusCode).toBe(400);
    expect(unit.json().errors).toEqual([{ field: 'body.body', code: 'placeholder_not_allowed', message: expect.stringContaining('{unitName}') }]);
    const brace = await put('receipt/sms/fi', { subject: null, body: 'Viite {reference. Soita {phone}.' });
    expect(brace.statusCode).toBe(400);
    expect(brace.json().errors.map((e: { code: string }) => e.code)).toContain('unbalanced_brace');
    // the e-mail may name the unit
    expect((await put('matter_forwarded/email/fi', { subject: 'Asiasi {reference}', body: 'Asiasi meni: {unitName}, {unitPhone}.' })).statusCode).toBe(200);
    expect((await del('matter_forwarded/email/fi')).statusCode).toBe(200);
  });

  it('a text message has no subject; an e-mail needs one', async () => {
    const sms = await put('receipt/sms/fi', { subject: 'Otsikko', body: 'Viite {reference}.' });
    expect(sms.statusCode).toBe(400);
    expect(sms.json().errors).toEqual([expect.objectContaining({ field: 'body.subject', code: 'invalid' })]);
    const email = await put('receipt/email/fi', { subject: null, body: 'Viite {reference}.' });
    expect(email.statusCode).toBe(400);
    expect(email.json().errors).toEqual([expect.objectContaining({ field: 'body.subject', code: 'required' })]);
  });

  it('404 for a channel the template is not sent by, 400 for an unknown template or language', async () => {
    expect((await put('referral_reminder/sms/fi', { subject: null, body: 'Muistutus {reference}' })).statusCode).toBe(404);
    expect((await del('escalation_notice/sms/fi')).statusCode).toBe(404);
    const unknown = await put('birthday/email/fi', { subject: 'x', body: 'y' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('params.template');
    expect((await put('receipt/email/de', { subject: 'x', body: 'y' })).statusCode).toBe(400);
  });

  it('the county’s wording is what is sent; DELETE restores the default; both are in the history', async () => {
    const saved = await put('receipt/email/fi', { subject: 'Viestisi on perillä ({reference})', body: 'Kiitos! Viitteesi on {reference}. Palaamme asiaan {respondBy} mennessä. {{Alue}}: {countyName}' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ template: 'receipt', channel: 'email', lang: 'fi', isDefault: false, subject: 'Viestisi on perillä ({reference})', updatedAt: '2026-11-23T08:00:00.000Z' });
    const listed = (await list()).json().templates.find((x: { template: string; channel: string; lang: string }) => x.template === 'receipt' && x.channel === 'email' && x.lang === 'fi');
    expect(listed.isDefault).toBe(false);

    const guide = await login(t.app, 'ohjaaja');
    const mailer = recordingMailer();
    const senders = { mail: mailer, sms: new RecordingSms(), publicUrl: 'https://opastin.test' };
    await dispatchMessages(db(), MONDAY, senders);
    const contact = async () => {
      const c = await t.app.inject({
        method: 'POST', url: '/api/contacts', headers: guide.headers,
        payload: { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', person: { name: 'Kaisa', email: 'kaisa@example.test' }, messageChannels: ['email'] },
      });
      expect(c.statusCode, c.body).toBe(201);
      return c.json().reference as string;
    };
    const first = await contact();
    await dispatchMessages(db(), MONDAY, senders);
    expect(mailer.sent.at(-1)).toEqual({
      to: 'kaisa@example.test', subject: `Viestisi on perillä (${first})`,
      text: expect.stringMatching(new RegExp(`^Kiitos! Viitteesi on ${first}\\. Palaamme asiaan \\d{1,2}\\.\\d{1,2}\\.2026 mennessä\\. \\{Alue\\}: Etelä-Pohjanmaan hyvinvointialue$`)),
    });

    const reset = await del('receipt/email/fi');
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({ isDefault: true, subject: DEFAULT_WORDINGS.receipt.email!.fi.subject, body: DEFAULT_WORDINGS.receipt.email!.fi.body, updatedAt: null });
    expect((await del('receipt/email/fi')).json().isDefault).toBe(true); // again: nothing to remove
    const second = await contact();
    await dispatchMessages(db(), MONDAY, senders);
    expect(mailer.sent.at(-1)!.subject).toBe(`Yhteydenottosi on vastaanotettu (${second})`);

    const history = await db().selectFrom('admin_change').select(['object_key', 'action', 'actor_name', 'before', 'after']).where('object_type', '=', 'message_template').orderBy('created_at').execute();
    expect(history.filter((h) => h.object_key === 'receipt/email/fi')).toEqual([
      { object_key: 'receipt/email/fi', action: 'create', actor_name: 'Aaro Ylläpitäjä', before: DEFAULT_WORDINGS.receipt.email!.fi, after: { subject: 'Viestisi on perillä ({reference})', body: expect.stringContaining('{{Alue}}') } },
      { object_key: 'receipt/email/fi', action: 'delete', actor_name: 'Aaro Ylläpitäjä', before: { subject: 'Viestisi on perillä ({reference})', body: expect.any(String) }, after: DEFAULT_WORDINGS.receipt.email!.fi },
    ]);
  });

  it('a county’s wording is its own: another county sees the default and cannot change this one’s', async () => {
    expect((await put('callback_confirmation/sms/sv', { subject: null, body: 'Vi ringer senast {respondBy}. Referens {reference}.' })).statusCode).toBe(200);
    const alusta = await login(t.app, 'alusta');
    const created = await t.app.inject({
      method: 'POST', url: '/api/platform/counties', headers: alusta.headers,
      payload: { code: 'keski_testi', name: { fi: 'Keski', sv: 'Mellersta', en: 'Central' }, admin: { username: 'keski.hallinto', displayName: 'Keski Hallinto', password: PASSWORD } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const other = await login(t.app, 'keski.hallinto', PASSWORD);
    const theirs = (await list(other)).json().templates.find((x: { template: string; channel: string; lang: string }) => x.template === 'callback_confirmation' && x.channel === 'sms' && x.lang === 'sv');
    expect(theirs.isDefault).toBe(true);
    expect((await del('callback_confirmation/sms/sv', other)).json().isDefault).toBe(true);
    const ours = (await list()).json().templates.find((x: { template: string; channel: string; lang: string }) => x.template === 'callback_confirmation' && x.channel === 'sms' && x.lang === 'sv');
    expect(ours).toMatchObject({ isDefault: false, body: 'Vi ringer senast {respondBy}. Referens {reference}.' });
  });
});

describe('GET /api/admin/messages', () => {
  it('lists the log without addresses or bodies, with totals and the channels configured', async () => {
    const res = await t.app.inject({ url: '/api/admin/messages?limit=500', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.channels).toEqual({ email: false, sms: null });
    expect(body.totals.sent).toBeGreaterThanOrEqual(2);
    expect(body.messages.length).toBe(body.totals.sent + body.totals.pending + body.totals.dead + body.totals.skipped);
    for (const m of body.messages) expect(Object.keys(m).sort()).toEqual(['attempts', 'channel', 'createdAt', 'id', 'lang', 'lastError', 'recipientKind', 'reference', 'sentAt', 'state', 'template']);
    expect(res.body).not.toContain('kaisa@example.test');
    expect(res.body).not.toContain('Kiitos!');
    // paging: newest first, `before` the last row's time
    const page = (await t.app.inject({ url: '/api/admin/messages?limit=1', headers: admin.headers })).json().messages;
    const next = (await t.app.inject({ url: `/api/admin/messages?limit=1&before=${encodeURIComponent(page[0].createdAt)}`, headers: admin.headers })).json().messages;
    expect(next[0].id).not.toBe(page[0].id);
    expect(next[0].createdAt < page[0].createdAt).toBe(true);
    const sentOnly = (await t.app.inject({ url: '/api/admin/messages?state=sent', headers: admin.headers })).json().messages;
    expect(sentOnly.every((m: { state: string }) => m.state === 'sent')).toBe(true);
  });
});

describe('the wording rules (domain/messages.ts)', () => {
  it('every default wording passes its own template’s check, in every channel and language', () => {
    for (const [template, channels] of Object.entries(DEFAULT_WORDINGS)) {
      for (const [channel, langs] of Object.entries(channels)) {
        for (const [lang, w] of Object.entries(langs)) {
          const t = template as keyof typeof DEFAULT_WORDINGS;
          const c = channel as 'email' | 'sms';
          expect(checkWording(t, c, w.body), `${template}/${channel}/${lang}`).toEqual([]);
          if (w.subject) expect(checkWording(t, c, w.subject)).toEqual([]);
          expect(c === 'sms' ? w.subject === null : w.subject !== null).toBe(true);
        }
      }
    }
  });

  it('a text message cannot show the unit, whatever values it is given', () => {
    expect(allowedValues('matter_forwarded', 'sms', { reference: 'R-1', unitName: 'Lastensuojelu', unitPhone: '06 1', contactBy: '1.12.2026', extra: 'x' }))
      .toEqual({ reference: 'R-1', contactBy: '1.12.2026' });
    expect(allowedValues('matter_forwarded', 'email', { reference: 'R-1', unitName: 'Lastensuojelu', phone: '' })).toEqual({ reference: 'R-1', unitName: 'Lastensuojelu' });
  });

  it('renders values, literal braces and a dash for a missing value; dates as people write them', () => {
    expect(render('{{x}} {reference} {phone}', { reference: 'ABC' })).toBe('{x} ABC –');
    expect(messageDate('2026-03-05')).toBe('5.3.2026');
    expect(messageDate(null)).toBeNull();
  });
});
