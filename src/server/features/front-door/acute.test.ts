/**
 * Issue 11, the resident's side: the danger-now answer and detected acute words make a contact
 * acute (stored with its reasons and trigger words); the acute receipt lists who to call now; out
 * of guidance hours an acute or urgent contact or a child welfare notification is handed to the
 * social emergency service in the same transaction; bad input never gives a 500 nor silences the
 * acute path; the receipt's suggestions hold up or are none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { PTV_FIXTURE } from '../../test/fixtures.js';
import { importPtvFolder } from '../catalogue/public.js';
import { resolveCountyId } from '../organisation/public.js';
import { setSocialEmergencyHours } from '../emergency/public.js';
import { triage } from '../../../domain/triage/triage.js';

/** Monday 23.11.2026 10:00 Helsinki: the lines (weekdays 9–11, 13–15) are open. */
const MONDAY_10 = new Date('2026-11-23T10:00:00+02:00');
const TUESDAY_10 = new Date('2026-11-24T10:00:00+02:00');
const SATURDAY_EVENING = new Date('2026-11-28T19:30:00+02:00');
/** Christmas Eve, a Thursday: public administration does not work, the lines are closed. */
const CHRISTMAS_EVE_10 = new Date('2026-12-24T10:00:00+02:00');

let t: TestApp;
let countyId: string;
let sosUnitId: string;
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY_10 });
  countyId = await resolveCountyId(t.database.db);
  sosUnitId = (await t.database.db.selectFrom('receiving_unit').select('id').where('code', '=', 'sosiaalipaivystys').executeTakeFirstOrThrow()).id;
});
afterAll(async () => { await t.close(); });

let n = 0;
const fresh = () => { n += 1; return { ip: `10.11.0.${n}`, phone: `040 777 ${String(1000 + n)}` }; };
const submit = (url: string, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/public/${url}`, payload: payload as object, remoteAddress: fresh().ip });
async function at<T>(when: Date, work: () => Promise<T>): Promise<T> {
  const saved = t.clock.now;
  t.clock.now = when;
  try { return await work(); } finally { t.clock.now = saved; }
}
const row = (reference: string) => t.database.db.selectFrom('contact').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
const handoff = async (reference: string) => t.database.db.selectFrom('emergency_handoff as h').innerJoin('contact as c', 'c.id', 'h.contact_id')
  .select(['h.reason', 'h.unit_id', 'h.routed_at', 'h.county_id', 'h.acknowledged_at']).where('c.reference', '=', reference).executeTakeFirst();

const plain = { lang: 'fi', anonymous: true, contactor: 'self', topic: 'housing', text: 'Kysyisin vuokra-asunnon hakemisesta.', dangerNow: false };
const ACUTE_FI = 'En jaksa enää. Haluan kuolla ja olen miettinyt itsemurhaa tänä yönä.';
const childWelfare = {
  lang: 'fi', kind: 'child_welfare', contactor: 'authority',
  notifier: { name: 'Kalle Koulukuraattori', organisation: 'Seinäjoen lukio', phone: '06 000 1234' },
  subject: { name: 'Lauri Lapsi' }, municipality: '743', subjectConsent: 'not_asked', noConsentReason: 'Huoltajia ei tavoitettu.',
  text: 'Oppilas on ollut poissa koulusta kaksi viikkoa, eikä huoltajia ole tavoitettu.', urgency: 'non_urgent',
};
const ALL_OPEN = [
  { kind: 'emergency', phone: '112', openNow: true },
  { kind: 'crisis_line', phone: '06 0000 0112', openNow: true },
  { kind: 'social_emergency', phone: '06 0000 0113', openNow: true },
];

describe('the danger-now answer (dangerNow)', () => {
  it('makes a contact request acute and an emergency, and the receipt says call now with every number open', async () => {
    const res = await submit('contact-requests', { ...plain, dangerNow: true });
    expect(res.statusCode, res.body).toBe(201);
    const receipt = res.json();
    expect(receipt).toMatchObject({ acute: true, urgent: true, handedToSocialEmergency: false, socialEmergencyPhone: null, services: [] });
    expect(receipt.emergencyContacts).toEqual(ALL_OPEN);
    const c = await row(receipt.reference);
    expect(c).toMatchObject({ acute: true, acute_reasons: ['danger_now'], acute_trigger_words: [], urgency: 'emergency', respond_by: '2026-11-23' });
    expect(c.acute_flagged_at).toEqual(MONDAY_10);
    expect(await handoff(receipt.reference)).toBeUndefined(); // guidance is open: no hand-off
  });

  it('is optional for old clients (false), and a plain request is not acute: no emergency contacts', async () => {
    const { dangerNow: _omitted, ...old } = plain;
    const res = await submit('contact-requests', old);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ acute: false, urgent: false, emergencyContacts: [], handedToSocialEmergency: false });
    expect(await row(res.json().reference)).toMatchObject({ acute: false, acute_reasons: [], acute_flagged_at: null, urgency: 'non_urgent' });
  });

  it('makes a callback request acute and an emergency on its line', async () => {
    const res = await submit('callback-requests', { lang: 'sv', line: 'working_age', phone: fresh().phone, dangerNow: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ acute: true, urgent: true });
    expect(res.json().emergencyContacts.map((e: { kind: string }) => e.kind)).toEqual(['emergency', 'crisis_line', 'social_emergency']);
    expect(await row(res.json().reference)).toMatchObject({ channel: 'callback', acute: true, acute_reasons: ['danger_now'], urgency: 'emergency' });
  });
});

describe('detection on submit', () => {
  it('stores the detector’s category and trigger words for an acute text, and makes the contact at least urgent', async () => {
    const expected = triage(ACUTE_FI, 'fi');
    expect(expected.acute).toBe(true);
    const res = await submit('contact-requests', { ...plain, topic: 'mental_health', text: ACUTE_FI });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ acute: true, urgent: true, services: [] });
    expect(res.json().emergencyContacts).toEqual(ALL_OPEN);
    const c = await row(res.json().reference);
    expect(c).toMatchObject({ acute: true, acute_reasons: [expected.acuteReason], urgency: 'urgent' });
    expect(c.acute_trigger_words).toEqual(expected.acuteBecause);
    expect(c.acute_trigger_words.length).toBeGreaterThan(0);
  });

  it('keeps both reasons when the resident says so and the words say so', async () => {
    const res = await submit('contact-requests', { ...plain, text: ACUTE_FI, dangerNow: true });
    expect((await row(res.json().reference)).acute_reasons).toEqual(['danger_now', triage(ACUTE_FI, 'fi').acuteReason]);
  });

  it('detects on a professional’s notification too', async () => {
    const text = 'Isä uhkasi tappaa äidin ja lapset ovat vaarassa, poliisi on tiedotettu.';
    const expected = triage(text, 'fi');
    expect(expected.acute).toBe(true);
    const res = await submit('professional-notifications', { ...childWelfare, kind: 'social_welfare', subjectConsent: 'not_asked', text });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ acute: true, urgent: true });
    expect(await row(res.json().reference)).toMatchObject({ acute: true, acute_reasons: [expected.acuteReason], urgency: 'urgent' });
  });
});

describe('out of guidance hours: the social emergency service', () => {
  it('an acute contact on a Saturday evening is handed over in the same transaction, and the resident is told with its number', async () => {
    const res = await at(SATURDAY_EVENING, () => submit('contact-requests', { ...plain, dangerNow: true }));
    expect(res.json()).toMatchObject({ acute: true, handedToSocialEmergency: true, socialEmergencyPhone: '06 0000 0113' });
    expect(await handoff(res.json().reference)).toEqual({ reason: 'acute', unit_id: sosUnitId, routed_at: SATURDAY_EVENING, county_id: countyId, acknowledged_at: null });
  });

  it('an urgent request on a Saturday evening is handed over as urgent (not acute: no emergency contacts); a non-urgent one waits', async () => {
    const urgent = await at(SATURDAY_EVENING, () => submit('contact-requests', { ...plain, urgent: true }));
    expect(urgent.json()).toMatchObject({ acute: false, emergencyContacts: [], handedToSocialEmergency: true, socialEmergencyPhone: '06 0000 0113' });
    expect((await handoff(urgent.json().reference))?.reason).toBe('urgent');
    const calm = await at(SATURDAY_EVENING, () => submit('contact-requests', plain));
    expect(calm.json()).toMatchObject({ handedToSocialEmergency: false, socialEmergencyPhone: null });
    expect(await handoff(calm.json().reference)).toBeUndefined();
  });

  it('honours public holidays: an urgent request on Christmas Eve morning is handed over', async () => {
    const res = await at(CHRISTMAS_EVE_10, () => submit('contact-requests', { ...plain, urgent: true }));
    expect(res.json().handedToSocialEmergency).toBe(true);
  });

  it('a child welfare notification on a Saturday evening reaches the service’s list; one on a Tuesday at 10 does not', async () => {
    expect(triage(childWelfare.text, 'fi').acute).toBe(false); // a plain notification: handed over for being child welfare
    const saturday = await at(SATURDAY_EVENING, () => submit('professional-notifications', childWelfare));
    expect(saturday.statusCode, saturday.body).toBe(201);
    expect(saturday.json()).toMatchObject({ acute: false, urgent: true, handedToSocialEmergency: true, socialEmergencyPhone: '06 0000 0113' });
    const tuesday = await at(TUESDAY_10, () => submit('professional-notifications', childWelfare));
    expect(tuesday.json()).toMatchObject({ handedToSocialEmergency: false });

    const sundayMorning = new Date('2026-11-29T08:00:00+02:00');
    const list = await at(sundayMorning, async () => t.app.inject({ url: '/api/emergency-handoffs', headers: (await login(t.app, 'sospaivystys')).headers }));
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json().items as Record<string, unknown>[];
    const mine = items.find((i) => i.reference === saturday.json().reference);
    expect(mine).toMatchObject({ reason: 'child_welfare', childWelfare: true, acute: false, acuteReasons: [], channel: 'e_notification', urgency: 'urgent', receivedAt: SATURDAY_EVENING.toISOString(), waitedMinutes: 12 * 60 + 30, acknowledgedAt: null });
    expect(items.some((i) => i.reference === tuesday.json().reference)).toBe(false);
    // no personal data in the list
    expect(Object.keys(mine!).sort()).toEqual(['acknowledgedAt', 'acknowledgedBy', 'acuteReasons', 'acute', 'channel', 'childWelfare', 'contactId', 'id', 'reason', 'receivedAt', 'reference', 'routedAt', 'urgency', 'waitedMinutes'].sort());
    expect(JSON.stringify(items)).not.toContain('Lauri');
    // acute hand-offs carry their reasons
    expect(items.find((i) => i.reason === 'acute')).toMatchObject({ acute: true, acuteReasons: ['danger_now'] });
  });

  it('acknowledging is idempotent for the one who did it, 409 naming who for another, 403 for other units and guidance', async () => {
    const res = await at(SATURDAY_EVENING, () => submit('contact-requests', { ...plain, dangerNow: true }));
    const sos = await login(t.app, 'sospaivystys');
    const id = ((await t.app.inject({ url: '/api/emergency-handoffs', headers: sos.headers })).json().items as { id: string; reference: string }[])
      .find((i) => i.reference === res.json().reference)!.id;
    const ack = () => t.app.inject({ method: 'POST', url: `/api/emergency-handoffs/${id}/acknowledge`, headers: sos.headers });
    const first = await ack();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ id, acknowledgedBy: 'Sanna Sosiaalipäivystys', acknowledgedAt: MONDAY_10.toISOString() });
    expect((await ack()).json()).toEqual(first.json());
    const supervisor = await login(t.app, 'esihenkilo');
    const other = await t.app.inject({ method: 'POST', url: `/api/emergency-handoffs/${id}/acknowledge`, headers: supervisor.headers });
    expect(other.statusCode).toBe(409);
    expect(other.json().detail).toContain('Sanna Sosiaalipäivystys');
    // the open list no longer has it; all=true does, with who
    expect((await t.app.inject({ url: '/api/emergency-handoffs', headers: supervisor.headers })).json().items.some((i: { id: string }) => i.id === id)).toBe(false);
    const all = (await t.app.inject({ url: '/api/emergency-handoffs?all=true', headers: supervisor.headers })).json().items;
    expect(all.find((i: { id: string }) => i.id === id)).toMatchObject({ acknowledgedBy: 'Sanna Sosiaalipäivystys' });
    for (const who of ['yksikko', 'ohjaaja']) {
      const s = await login(t.app, who);
      expect((await t.app.inject({ url: '/api/emergency-handoffs', headers: s.headers })).statusCode, who).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: `/api/emergency-handoffs/${id}/acknowledge`, headers: s.headers })).statusCode, who).toBe(403);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/emergency-handoffs/00000000-0000-4000-8000-000000000000/acknowledge', headers: sos.headers })).statusCode).toBe(404);
  });
});

describe('the public site and the social emergency service’s hours', () => {
  it('GET /api/public/site gives its number and whether it is open now; hours make it closed outside them', async () => {
    const site = await t.app.inject({ url: '/api/public/site' });
    expect(site.json().socialEmergency).toEqual({ phone: '06 0000 0113', openNow: true, weekly: [] });
    await setSocialEmergencyHours(t.database.db, countyId, [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '16:00', closes: '24:00' })));
    try {
      // the receipt reads the service afresh; the site's settings are cached for 30 s, "open now" is not
      const res = await submit('contact-requests', { ...plain, dangerNow: true });
      expect(res.json().emergencyContacts).toContainEqual({ kind: 'social_emergency', phone: '06 0000 0113', openNow: false });
      const evening = await at(new Date('2026-11-23T17:00:00+02:00'), () => submit('contact-requests', { ...plain, dangerNow: true }));
      expect(evening.json().emergencyContacts).toContainEqual({ kind: 'social_emergency', phone: '06 0000 0113', openNow: true });
    } finally {
      await setSocialEmergencyHours(t.database.db, countyId, []);
    }
    await expect(setSocialEmergencyHours(t.database.db, countyId, [{ weekday: 8, opens: '16:00', closes: '24:00' }])).rejects.toThrow(/weekday/);
    await expect(setSocialEmergencyHours(t.database.db, countyId, [{ weekday: 1, opens: '18:00', closes: '16:00' }])).rejects.toThrow(/HH:MM/);
  });
});

describe('bad input: a clear 4xx or a normal answer, never a 500, never silencing the acute path', () => {
  it('empty text is 400 naming the field', async () => {
    const res = await submit('contact-requests', { ...plain, text: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.text', code: 'required' })]);
  });

  it('16 kB of text is 400 too_long naming the field (the body limit is 32 kB)', async () => {
    const res = await submit('contact-requests', { ...plain, text: `${ACUTE_FI} ${'a'.repeat(16 * 1024)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.text', code: 'too_long' })]);
  });

  it('emoji-only text is a normal request; with the danger answer it is acute', async () => {
    const calm = await submit('contact-requests', { ...plain, text: '😢😢😢🙏' });
    expect(calm.statusCode, calm.body).toBe(201);
    expect(calm.json()).toMatchObject({ acute: false, services: [] });
    const danger = await submit('contact-requests', { ...plain, text: '😱😱😱', dangerNow: true });
    expect(danger.json()).toMatchObject({ acute: true });
  });

  it('mixed-language text is read in every language', async () => {
    const text = 'Hello, en tiedä mitä teen. I want to die tonight, jag orkar inte.';
    expect(triage(text, 'en').acute).toBe(true);
    const res = await submit('contact-requests', { ...plain, lang: 'en', text });
    expect(res.statusCode).toBe(201);
    expect(res.json().acute).toBe(true);
  });

  it('NUL and other control characters become one space (never gluing two words), the acute text still gets through as acute', async () => {
    const res = await submit('contact-requests', { ...plain, text: `Haluan\u0000 kuolla ja olen miettinyt itsemurhaa\u0007 tänä yönä.` });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().acute).toBe(true);
    expect((await row(res.json().reference)).note).toBe('Haluan kuolla ja olen miettinyt itsemurhaa tänä yönä.');
    const only = await submit('contact-requests', { ...plain, text: '\u0000\u0000' });
    expect(only.statusCode).toBe(400);
    expect(only.json().errors[0]).toMatchObject({ field: 'body.text', code: 'required' });
    // the typing-time triage the forms call: the same, never a 500
    const triaged = await t.app.inject({ method: 'POST', url: '/api/public/triage', payload: { text: 'Haluan\u0000 kuolla ja olen miettinyt itsemurhaa.', lang: 'fi' } });
    expect(triaged.statusCode, triaged.body).toBe(200);
    expect(triaged.json().acute).toBe(true);
    const names = await submit('professional-notifications', { ...childWelfare, subject: { name: 'Lauri\u0000 Lapsi' }, notifier: { ...childWelfare.notifier, name: 'Kalle\u0000' } });
    expect(names.statusCode, names.body).toBe(201);
  });
});

describe('the receipt’s suggestions: ones that help, or none', () => {
  beforeAll(async () => { await importPtvFolder(t.database.db, countyId, PTV_FIXTURE); }, 120_000);

  it('a plain money matter gets services mapped to it and found by its words', async () => {
    const res = await submit('contact-requests', { ...plain, topic: 'money', text: 'Rahat eivät riitä vuokraan ja ruokaan. Tarvitsen neuvoja.' });
    const services = res.json().services as { name: string; because: string[] }[];
    expect(services.map((s) => s.name)).toContain('Toimeentulotuki');
    // found by "ruokaan" alone, and about food safety: below what one word can carry
    expect(services.map((s) => s.name)).not.toContain('Ruokamyrkytysepäilyn selvittäminen');
    expect(services.length).toBeLessThanOrEqual(3);
    expect(services.every((s) => s.because.length > 0)).toBe(true);
  });

  it('an acute receipt has no catalogue services, and one ambiguous word ("kuolla") never suggests the death notification interface', async () => {
    const acute = await submit('contact-requests', { ...plain, text: 'Haluan kuolla.' });
    expect(acute.json()).toMatchObject({ acute: true, services: [] });
    // one word, "kuolla", is all the text gives: the old suggestions offered the population register's interface for it
    const text = 'En tiedä mitä tehdä, kaikki pitää kuolla joskus.';
    expect(triage(text, 'fi').acute).toBe(false);
    const ambiguous = await submit('contact-requests', { ...plain, text });
    expect(ambiguous.statusCode).toBe(201);
    expect(ambiguous.json().services).toEqual([]);
  });

  it('a catalogue that cannot be searched leaves the receipt without services: never a 500, also inside an Idempotency-Key’s transaction', async () => {
    const body = { ...plain, topic: 'money', text: 'Rahat eivät riitä vuokraan ja ruokaan. Tarvitsen neuvoja.' };
    await sql`alter table service rename to service_away`.execute(t.database.db);
    try {
      const res = await t.app.inject({ method: 'POST', url: '/api/public/contact-requests', payload: body, remoteAddress: fresh().ip, headers: { 'idempotency-key': 'acute-test-catalogue-away' } });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().services).toEqual([]);
      expect(await row(res.json().reference)).toMatchObject({ note: body.text });
    } finally {
      await sql`alter table service_away rename to service`.execute(t.database.db);
    }
  });

  it('only services of the resident’s municipality: a Seinäjoki resident is not offered Vaasa’s local services', async () => {
    const res = await submit('contact-requests', { ...plain, topic: 'money', text: 'Rahat eivät riitä vuokraan ja ruokaan. Tarvitsen neuvoja.', municipality: '743' });
    const services = res.json().services as { id: string }[];
    const rows = services.length ? await t.database.db.selectFrom('service').select(['nationwide', 'municipalities']).where('id', 'in', services.map((s) => s.id)).execute() : [];
    expect(rows.every((r) => r.nationwide || (r.municipalities ?? []).includes('743'))).toBe(true);
    expect(services.map((s) => (s as unknown as { name: string }).name)).not.toContain('Toimeentulotuki');
  });
});
