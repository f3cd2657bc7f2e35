/**
 * Issue 11, what an independent attacker's review found on the acute path (each test failed before
 * its fix): characters that split or glue words never silence detection; a refused acute request
 * still says whom to call; a worker's note that PostgreSQL cannot store is a 400; the resident is
 * told "handed over" only while the service answers; a hand-off and its acknowledgement are on the
 * contact's timeline and an acknowledged one stops the guidance workers' alert; what waits unclaimed
 * when guidance closes is handed over by the job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { resolveCountyId } from '../organisation/public.js';
import { handOffWaiting, setSocialEmergencyHours } from '../emergency/public.js';

const MONDAY_10 = new Date('2026-11-23T10:00:00+02:00');
const FRIDAY_1459 = new Date('2026-11-27T14:59:00+02:00');
const FRIDAY_1505 = new Date('2026-11-27T15:05:00+02:00');
const TUESDAY_07 = new Date('2026-11-24T07:00:00+02:00');

let t: TestApp;
let countyId: string;
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY_10, config: { publicLimits: { perAddressPerHour: 2, perPhonePerDay: 5 } } as never });
  countyId = await resolveCountyId(t.database.db);
});
afterAll(async () => { await t.close(); });

let n = 0;
const post = (url: string, payload: object, ip = `10.12.0.${++n}`) => t.app.inject({ method: 'POST', url: `/api/public/${url}`, payload, remoteAddress: ip });
const request = (text: string, extra: object = {}) => ({ lang: 'fi', anonymous: true, contactor: 'self', topic: 'other', text, dangerNow: false, ...extra });
async function at<T>(when: Date, work: () => Promise<T>): Promise<T> {
  const saved = t.clock.now;
  t.clock.now = when;
  try { return await work(); } finally { t.clock.now = saved; }
}

describe('characters never silence detection', () => {
  it.each([
    ['a NUL between two words', 'haluan\u0000kuolla'],
    ['a zero-width space inside a word', 'haluan kuol\u200Bla tänä yönä'],
    ['a soft hyphen inside a word', 'mietin itse\u00ADmurhaa'],
    ['a word joiner in English', 'I want to k\u2060ill myself'],
  ])('%s', async (_what, text) => {
    const res = await post('contact-requests', request(text));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ acute: true });
    const triage = await post('triage', { text, lang: 'fi' });
    expect(triage.json()).toMatchObject({ acute: true });
  });

  it('refuses a text of invisible characters only, naming the field', async () => {
    const res = await post('contact-requests', request('\u200B\u200B\uFEFF'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain('body.text');
  });
});

describe('a refused acute request still says whom to call', () => {
  it('over the address limit: 429 with emergencyContacts, 112 first; a calm request gets none', async () => {
    const ip = '10.12.9.9';
    for (let i = 0; i < 2; i++) expect((await post('contact-requests', request('Kysyisin asumistuesta.'), ip)).statusCode).toBe(201);
    const calm = await post('contact-requests', request('Kysyisin asumistuesta.'), ip);
    expect(calm.statusCode).toBe(429);
    expect(calm.json().emergencyContacts).toBeUndefined();
    const danger = await post('contact-requests', request('vuokra', { dangerNow: true }), ip);
    expect(danger.statusCode).toBe(429);
    expect(danger.json().emergencyContacts[0]).toEqual({ kind: 'emergency', phone: '112', openNow: true });
    const words = await post('contact-requests', request('Mies uhkasi tappaa minut ja on oven takana.'), ip);
    expect(words.json().emergencyContacts.map((c: { kind: string }) => c.kind)).toEqual(['emergency', 'crisis_line', 'social_emergency']);
  });

  it('an identified acute request without consent: 400 with emergencyContacts', async () => {
    const res = await post('contact-requests', request('Haluan kuolla', { anonymous: false, phone: '040 123 4567', dangerNow: true }));
    expect(res.statusCode).toBe(400);
    expect(res.json().emergencyContacts[0].phone).toBe('112');
  });
});

describe('a worker’s acute note', () => {
  it('with a NUL or a broken character is a 400 naming the field, not a 500', async () => {
    const s = await login(t.app, 'ohjaaja');
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: s.headers, payload: { channel: 'phone', anonymous: true } })).json();
    for (const reason of ['x\u0000y', '\uD800']) {
      const res = await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/acute`, headers: s.headers, payload: { acute: true, reason } });
      expect(res.statusCode, JSON.stringify(reason)).toBe(400);
      expect(res.json().errors[0].field).toBe('body.reason');
    }
  });
});

describe('the social emergency service', () => {
  it('is named as taking the matter only while it answers', async () => {
    await setSocialEmergencyHours(t.database.db, countyId, [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '16:00', closes: '24:00' })));
    try {
      const res = await at(TUESDAY_07, () => post('contact-requests', request('Haluan kuolla', { dangerNow: true })));
      expect(res.json()).toMatchObject({ acute: true, handedToSocialEmergency: false, socialEmergencyPhone: null });
      expect(res.json().emergencyContacts).toContainEqual({ kind: 'social_emergency', phone: '06 0000 0113', openNow: false });
      // the hand-off still waits in its list for when it opens
      const handoffs = await t.database.db.selectFrom('emergency_handoff as h').innerJoin('contact as c', 'c.id', 'h.contact_id').select('h.reason').where('c.reference', '=', res.json().reference).execute();
      expect(handoffs).toEqual([{ reason: 'acute' }]);
    } finally {
      await setSocialEmergencyHours(t.database.db, countyId, []);
    }
  });

  it('takes up what waits unclaimed when guidance closes; the timeline says so; its acknowledgement stops the alert', async () => {
    const res = await at(FRIDAY_1459, () => post('contact-requests', request('Mies uhkasi tappaa minut.')));
    expect(res.json()).toMatchObject({ acute: true, handedToSocialEmergency: false });
    const contact = await t.database.db.selectFrom('contact').select('id').where('reference', '=', res.json().reference).executeTakeFirstOrThrow();

    expect((await handOffWaiting(t.database.db, FRIDAY_1459)).handedOver).toBe(0); // still in hours
    expect((await handOffWaiting(t.database.db, FRIDAY_1505)).handedOver).toBeGreaterThanOrEqual(1);
    expect((await handOffWaiting(t.database.db, new Date(FRIDAY_1505.getTime() + 300_000))).handedOver).toBe(0); // once

    t.clock.now = FRIDAY_1505; // sessions are made and used at the same hour
    const sos = await login(t.app, 'sospaivystys');
    const list = await at(FRIDAY_1505, () => t.app.inject({ url: '/api/emergency-handoffs', headers: sos.headers }));
    const mine = (list.json() as { items: { id: string; contactId: string; reason: string }[] }).items.find((h) => h.contactId === contact.id);
    expect(mine?.reason).toBe('acute');

    const guide = await login(t.app, 'ohjaaja');
    const alerting = async () => ((await at(FRIDAY_1505, () => t.app.inject({ url: '/api/contacts/acute', headers: guide.headers }))).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await alerting()).toContain(contact.id);
    expect((await at(FRIDAY_1505, () => t.app.inject({ method: 'POST', url: `/api/emergency-handoffs/${mine!.id}/acknowledge`, headers: sos.headers }))).statusCode).toBe(200);
    expect(await alerting()).not.toContain(contact.id);

    const events = await t.database.db.selectFrom('contact_event').select(['kind', 'actor_user_id']).where('contact_id', '=', contact.id).orderBy('at').execute();
    expect(events.map((e) => e.kind)).toEqual(['created', 'emergency_handoff', 'emergency_handoff_acknowledged']);
    expect(events[2]!.actor_user_id).not.toBeNull();
    t.clock.now = MONDAY_10;
  });
});
