import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { runRetention } from '../records/public.js';
import type { ContactView } from './contacts.schemas.js';

/**
 * The resident's own words (issue 14): every public form that carries the resident's text stores
 * it as sent in `resident_message` (besides the note it prefills), the contact view returns it as
 * `residentMessage`, nothing edits it, and it goes with the person's data.
 */
let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
});
afterAll(async () => { await t.close(); });

let n = 0;
const fresh = () => { n += 1; return { ip: `10.7.0.${n}`, phone: `040 777 ${String(1000 + n)}` }; };
const submit = (form: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/public/${form}`, payload, remoteAddress: fresh().ip });
const idOf = async (reference: string) => (await t.database.db.selectFrom('contact').select('id').where('reference', '=', reference).executeTakeFirstOrThrow()).id;
const view = async (id: string) => {
  const res = await t.app.inject({ url: `/api/contacts/${id}`, headers: worker.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ContactView>();
};
const api = (method: 'POST' | 'PATCH', url: string, payload: object) => t.app.inject({ method, url, payload, headers: worker.headers });
async function submitted(form: string, payload: object): Promise<string> {
  const res = await submit(form, payload);
  expect(res.statusCode, res.body).toBe(201);
  return idOf(res.json().reference as string);
}

// line breaks, a tab, punctuation, emoji: all kept; only the ends are trimmed by the schema
const WORDS = 'Hei!\n\nÄitini (82 v.) kaatui viime viikolla.\tHän ei uskalla käydä kaupassa 😟 – voisiko joku soittaa?';
const identifiedRequest = () => ({ lang: 'fi', anonymous: false, contactor: 'close_one', topic: 'older_person', text: `  ${WORDS}\n `, name: 'Sanni Sanoja', phone: fresh().phone, consent: true });

describe('the public forms store the resident\'s words as sent', () => {
  it('the web contact form: residentMessage is the text as received (schema trim only); the note is prefilled with it', async () => {
    const v = await view(await submitted('contact-requests', identifiedRequest()));
    expect(v.residentMessage).toBe(WORDS);
    expect(v.note).toBe(WORDS);
  });

  it('an anonymous web request keeps the message like its note; one with a phone number in it is refused naming body.text', async () => {
    const text = 'Kysyisin asumisneuvonnasta, vuokra on noussut paljon.';
    const v = await view(await submitted('contact-requests', { lang: 'fi', anonymous: true, contactor: 'self', text }));
    expect(v.anonymous).toBe(true);
    expect(v.residentMessage).toBe(text);
    const refused = await submit('contact-requests', { lang: 'fi', anonymous: true, contactor: 'self', text: 'Soita 040 123 4567' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.text']);
  });

  it('a professional\'s notification: the notifier\'s text as sent', async () => {
    const text = 'Oppilas kertoi, ettei uskalla mennä kotiin.\nHuoltajia ei tavoitettu.';
    const v = await view(await submitted('professional-notifications', {
      lang: 'fi', kind: 'social_welfare', contactor: 'professional',
      notifier: { name: 'Kalle Kuraattori', organisation: 'Seinäjoen lukio', phone: '06 000 1234' },
      subject: { name: 'Lauri Lapsi' }, subjectConsent: 'given', text, urgency: 'non_urgent',
    }));
    expect(v.residentMessage).toBe(text);
    expect(v.notifier).toMatchObject({ name: 'Kalle Kuraattori' }); // the notifier stays as it was
  });

  it('a callback request has no text: residentMessage is null', async () => {
    const v = await view(await submitted('callback-requests', { lang: 'fi', line: 'older_people', phone: fresh().phone, consent: true }));
    expect(v.residentMessage).toBeNull();
  });

  it('a contact a worker registers has none, even with a note', async () => {
    const res = await api('POST', '/api/contacts', { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income', note: 'Työntekijän kirjaus' });
    expect((await view(res.json().id)).residentMessage).toBeNull();
  });
});

describe('nothing edits it', () => {
  it('editing the note leaves the message; a residentMessage in the update is not taken', async () => {
    const id = await submitted('contact-requests', identifiedRequest());
    expect((await api('POST', `/api/contacts/${id}/claim`, {})).statusCode).toBe(200);
    const res = await api('PATCH', `/api/contacts/${id}`, { note: 'Soitettu tyttärelle.', residentMessage: 'Toiset sanat' });
    expect(res.statusCode, res.body).toBe(200);
    const v = await view(id);
    expect(v.note).toBe('Soitettu tyttärelle.');
    expect(v.residentMessage).toBe(WORDS);
  });

  it('the database refuses a change in SQL; only erasure to null', async () => {
    const id = await submitted('contact-requests', identifiedRequest());
    await expect(sql`update contact set resident_message = 'Muutettu' where id = ${id}`.execute(t.database.db)).rejects.toThrow(/kept as sent/);
    await sql`update contact set resident_message = null where id = ${id}`.execute(t.database.db);
    expect((await view(id)).residentMessage).toBeNull();
  });
});

describe('retention', () => {
  it('an identified contact\'s message and caller are erased with the person\'s data; an anonymous one\'s message stays like its note', async () => {
    const id = await submitted('contact-requests', identifiedRequest());
    await api('POST', `/api/contacts/${id}/claim`, {});
    expect((await api('PATCH', `/api/contacts/${id}`, { caller: { name: 'Sanni Sanoja', phone: '040 777 0000', relationship: 'tytär' } })).statusCode).toBe(200);
    const anon = await submitted('contact-requests', { lang: 'fi', anonymous: true, contactor: 'self', text: 'Nimetön kysymys toimeentulosta.' });
    for (const c of [id, anon]) {
      await api('POST', `/api/contacts/${c}/claim`, {});
      const closed = await api('POST', `/api/contacts/${c}/close`, { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'income' });
      expect(closed.statusCode, closed.body).toBe(200);
    }
    await runRetention(t.database.db, new Date(t.clock.now.getTime() + 60_000), { adviceRetentionDays: 0 }, { dryRun: false });
    const row = await t.database.db.selectFrom('contact')
      .select(['resident_message', 'caller_name', 'caller_phone', 'caller_organisation', 'caller_relationship', 'note', 'personal_data_erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ resident_message: null, caller_name: null, caller_phone: null, caller_organisation: null, caller_relationship: null, note: null });
    expect(row.personal_data_erased_at).not.toBeNull();
    const v = await view(id);
    expect(v.residentMessage).toBeNull();
    expect(v.caller).toBeNull();
    expect(JSON.stringify(v)).not.toMatch(/Sanni|Äitini|\+35840777|040 777/);
    expect((await view(anon)).residentMessage).toBe('Nimetön kysymys toimeentulosta.');
  });

  it('the database refuses an erased contact that still holds the message or a caller', async () => {
    const id = await submitted('contact-requests', identifiedRequest());
    await expect(sql`update contact set person_name = null, person_phone = null, note = null, callback_window = null, personal_data_erased_at = now() where id = ${id}`.execute(t.database.db))
      .rejects.toThrow(/contact_erased_holds_no_personal_data/);
  });
});
