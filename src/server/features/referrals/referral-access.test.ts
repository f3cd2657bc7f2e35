import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { REFERRAL_ACCESS_AFTER_COMPLETION_DAYS } from '../../../domain/referral-access.js';
import { erasePersonalDataOfReferrals } from './public.js';

/** Issue 12 part 5: the unit sees the snapshot taken at sending, and only while the referral is with it. */
type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, supervisor: Session, unit: Session, otherUnit: Session, admin: Session, editor: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');

async function setClock(at: Date) {
  t.clock.now = at;
  [guide, supervisor, unit, otherUnit, admin, editor] = (await Promise.all(
    ['ohjaaja', 'esihenkilo', 'yksikko', 'lastensuojelu', 'admin', 'toimittaja'].map((u) => login(t.app, u)),
  )) as [Session, Session, Session, Session, Session, Session];
}
beforeAll(async () => { t = await createTestApp({ now: MONDAY }); await setClock(MONDAY); });
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const get = (url: string, s: Session) => t.app.inject({ url, headers: s.headers });
const PERSON = { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', 123), phone: '040 765 4321' };

async function sentReferral() {
  const c = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', person: PERSON });
  expect(c.statusCode).toBe(201);
  const contactId = c.json().id as string;
  const x = await post(`/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' });
  const consentId = x.json().id as string;
  const r = await post(`/api/contacts/${contactId}/referrals`, {
    kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', consentId, summary: 'Toimeentulo katkennut.', needs: ['income'], urgency: 'non_urgent', preferredTime: 'aamuisin',
  });
  expect(r.statusCode).toBe(201);
  return { contactId, consentId, referralId: r.json().id as string };
}

const personReads = async (referralId: string) => Number((await t.database.db.selectFrom('access_log').select((eb) => eb.fn.countAll<number>().as('n'))
  .where('subject_type', '=', 'referral').where('subject_id', '=', referralId).where('action', '=', 'read').executeTakeFirstOrThrow()).n);

/** What each role gets: [status code, person available?] */
async function viewByRole(referralId: string) {
  const out: Record<string, [number, boolean | null, string | null]> = {};
  for (const [name, s] of [['guide', guide], ['supervisor', supervisor], ['unit', unit], ['otherUnit', otherUnit], ['admin', admin], ['editor', editor]] as const) {
    const res = await get(`/api/referrals/${referralId}`, s);
    out[name] = [res.statusCode, res.statusCode === 200 ? res.json().personalDataAvailable : null, res.statusCode === 200 ? res.json().personalDataUnavailableReason : null];
  }
  out.anonymous = [(await t.app.inject({ url: `/api/referrals/${referralId}` })).statusCode, null, null];
  return out;
}

describe('the referral snapshot', () => {
  it('shows the unit the person as they were when the referral was sent, not what was added later; the FHIR export too', async () => {
    const { contactId, referralId } = await sentReferral();
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${contactId}`, payload: { person: { ...PERSON, phone: '050 111 2222', address: 'Uusikatu 1, Seinäjoki' } }, headers: guide.headers });
    expect(patch.statusCode).toBe(200);
    const live = await t.database.db.selectFrom('contact').select(['person_phone', 'person_address']).where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(live).toEqual({ person_phone: '+358501112222', person_address: 'Uusikatu 1, Seinäjoki' });

    const view = await get(`/api/referrals/${referralId}`, unit);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      personalDataAvailable: true, personalDataUnavailableReason: null, snapshotTakenAt: MONDAY.toISOString(), summary: 'Toimeentulo katkennut.',
      person: { name: 'Jaska Jokunen', hetu: PERSON.hetu, phone: '+358407654321', address: null, birthDate: '1996-03-14' },
    });
    const fhir = await get(`/api/referrals/${referralId}/fhir`, unit);
    expect(fhir.body).toContain('+358407654321');
    expect(fhir.body).not.toContain('+358501112222');
    expect(fhir.body).not.toContain('Uusikatu');
  });
});

describe('access ends with the hand-off', () => {
  const NO_ACCESS_FOR_OTHERS = { otherUnit: [403, null, null], admin: [403, null, null], editor: [403, null, null], anonymous: [401, null, null] };

  it('while active: the unit and the guidance unit see the person; nobody else', async () => {
    const { referralId } = await sentReferral();
    expect(await viewByRole(referralId)).toEqual({ guide: [200, true, null], supervisor: [200, true, null], unit: [200, true, null], ...NO_ACCESS_FOR_OTHERS });
  });

  it('after cancel: the unit gets the referral without personal data and no read is logged; the guidance unit keeps its access', async () => {
    const { referralId } = await sentReferral();
    expect((await post(`/api/referrals/${referralId}/cancel`, { reason: 'Asiakas hoitaa itse.' })).statusCode).toBe(200);
    const before = await personReads(referralId);
    const res = await get(`/api/referrals/${referralId}`, unit);
    expect(res.json()).toMatchObject({ status: 'cancelled', personalDataAvailable: false, personalDataUnavailableReason: 'cancelled', person: null, summary: null, preferredTime: null, cancelReason: null });
    expect(JSON.stringify(res.json())).not.toContain('Jaska');
    expect(await personReads(referralId)).toBe(before);
    expect(await viewByRole(referralId)).toEqual({ guide: [200, true, null], supervisor: [200, true, null], unit: [200, false, 'cancelled'], ...NO_ACCESS_FOR_OTHERS });
    const fhir = await get(`/api/referrals/${referralId}/fhir`, unit);
    expect(fhir.body).not.toContain(PERSON.hetu);
  });

  it('after return: the unit no longer sees the person', async () => {
    const { referralId } = await sentReferral();
    expect((await post(`/api/referrals/${referralId}/return`, { reason: 'Kuuluu työllisyyspalveluille.' }, unit)).statusCode).toBe(200);
    expect(await viewByRole(referralId)).toEqual({ guide: [200, true, null], supervisor: [200, true, null], unit: [200, false, 'returned'], ...NO_ACCESS_FOR_OTHERS });
  });

  it('consent withdrawn before acceptance: access ends at once and the unit cannot accept; withdrawn after acceptance: the unit keeps it', async () => {
    const a = await sentReferral();
    expect((await post(`/api/contacts/${a.contactId}/consents/${a.consentId}/withdraw`, {})).statusCode).toBe(200);
    expect(await viewByRole(a.referralId)).toEqual({ guide: [200, true, null], supervisor: [200, true, null], unit: [200, false, 'consent_withdrawn'], ...NO_ACCESS_FOR_OTHERS });
    const accept = await post(`/api/referrals/${a.referralId}/accept`, {}, unit);
    expect(accept.statusCode).toBe(409);
    expect(accept.json().detail).toMatch(/withdrew the consent/);

    const b = await sentReferral();
    expect((await post(`/api/referrals/${b.referralId}/accept`, {}, unit)).statusCode).toBe(200);
    t.clock.now = new Date(MONDAY.getTime() + 60_000);
    expect((await post(`/api/contacts/${b.contactId}/consents/${b.consentId}/withdraw`, {})).statusCode).toBe(200);
    expect((await get(`/api/referrals/${b.referralId}`, unit)).json()).toMatchObject({ personalDataAvailable: true, person: { name: 'Jaska Jokunen' } });
    t.clock.now = MONDAY;
  });

  it(`after completion: the unit sees the person for ${REFERRAL_ACCESS_AFTER_COMPLETION_DAYS} days, not on day 31`, async () => {
    const { referralId } = await sentReferral();
    expect((await post(`/api/referrals/${referralId}/accept`, {}, unit)).statusCode).toBe(200);
    expect((await post(`/api/referrals/${referralId}/complete`, { outcome: 'got_help' }, unit)).statusCode).toBe(200);
    await setClock(new Date(MONDAY.getTime() + 29 * 86_400_000));
    expect(await viewByRole(referralId)).toEqual({ guide: [200, true, null], supervisor: [200, true, null], unit: [200, true, null], ...NO_ACCESS_FOR_OTHERS });
    await setClock(new Date(MONDAY.getTime() + 31 * 86_400_000));
    const before = await personReads(referralId);
    expect(await viewByRole(referralId)).toEqual({ guide: [200, true, null], supervisor: [200, true, null], unit: [200, false, 'completed_period_over'], ...NO_ACCESS_FOR_OTHERS });
    // the guidance workers' two reads are logged; the unit's is not
    expect(await personReads(referralId)).toBe(before + 2);
    await setClock(MONDAY);
  });

  it('erasing the contact erases the snapshot: nobody sees the person any more', async () => {
    const { contactId, referralId } = await sentReferral();
    const n = await t.database.db.transaction().execute((trx) => erasePersonalDataOfReferrals(trx, [contactId], MONDAY));
    expect(n).toBe(1);
    const snap = await t.database.db.selectFrom('referral_snapshot').selectAll().where('referral_id', '=', referralId).executeTakeFirstOrThrow();
    expect(snap).toMatchObject({ person_name: null, person_hetu: null, person_phone: null, erased_at: MONDAY });
    expect((await get(`/api/referrals/${referralId}`, unit)).json()).toMatchObject({ personalDataAvailable: false, personalDataUnavailableReason: 'erased', person: null });
    expect((await get(`/api/referrals/${referralId}`, guide)).json()).toMatchObject({ personalDataAvailable: false, personalDataUnavailableReason: 'erased' });
  });
});

describe('the resident\'s words with the referral (issue 14)', () => {
  const WORDS = 'Olen yksin kotona enkä jaksa hoitaa laskuja.\nVoisiko joku auttaa?';
  const REF = { kind: 'message_to_service', unit: 'adult_social_work', summary: 'Toimeentulo katkennut.', needs: ['income'], urgency: 'non_urgent' };

  /** A resident's web-form contact, claimed, with a forwarding consent, a worker's acute mark, trigger words and a trigger. */
  async function webContact() {
    const sent = await t.app.inject({
      method: 'POST', url: '/api/public/contact-requests', remoteAddress: `10.9.${Math.floor(Math.random() * 200)}.${Math.floor(Math.random() * 200)}`,
      payload: { lang: 'fi', anonymous: false, contactor: 'self', topic: 'money', text: WORDS, name: 'Sanna Sanoja', phone: `040 ${100 + Math.floor(Math.random() * 800)} 1234`, consent: true },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const contactId = (await t.database.db.selectFrom('contact').select('id').where('reference', '=', sent.json().reference).executeTakeFirstOrThrow()).id;
    expect((await post(`/api/contacts/${contactId}/claim`, {})).statusCode).toBe(200);
    const consentId = (await post(`/api/contacts/${contactId}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Aikuissosiaalityö' })).json().id as string;
    expect((await post(`/api/contacts/${contactId}/acute`, { acute: true })).statusCode).toBe(200);
    await t.database.db.updateTable('contact').set({ acute_trigger_words: ['jaksa'] }).where('id', '=', contactId).execute();
    expect((await t.app.inject({ method: 'PATCH', url: `/api/contacts/${contactId}`, payload: { triggers: ['concern_not_enough'] }, headers: guide.headers })).statusCode).toBe(200);
    return { contactId, consentId };
  }
  const snapshotMessage = async (referralId: string) =>
    (await t.database.db.selectFrom('referral_snapshot').select('resident_message').where('referral_id', '=', referralId).executeTakeFirstOrThrow()).resident_message;

  it('the choice is required: 400 naming body.shareResidentMessage', async () => {
    const { contactId, consentId } = await webContact();
    const res = await post(`/api/contacts/${contactId}/referrals`, { ...REF, consentId });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.shareResidentMessage']);
  });

  it('shared: the unit reads the words as sent and the triage reasons; the guidance unit too', async () => {
    const { contactId, consentId } = await webContact();
    const res = await post(`/api/contacts/${contactId}/referrals`, { ...REF, consentId, shareResidentMessage: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().residentMessageShared).toBe(true);
    const referralId = res.json().id as string;
    expect(await snapshotMessage(referralId)).toBe(WORDS);
    const shown = { residentMessage: WORDS, acuteReasons: ['worker'], acuteTriggerWords: ['jaksa'], triggers: ['concern_not_enough'] };
    expect((await get(`/api/referrals/${referralId}`, unit)).json()).toMatchObject(shown);
    expect((await get(`/api/referrals/${referralId}`, guide)).json()).toMatchObject(shown);
    const event = (await t.database.db.selectFrom('contact_event').select('details').where('contact_id', '=', contactId).where('kind', '=', 'referral_sent').executeTakeFirstOrThrow()).details;
    expect(event).toMatchObject({ referralId, residentMessageShared: true });
    expect(JSON.stringify(event)).not.toContain('jaksa hoitaa');
  });

  it('not shared: nothing of the words or the triage reaches the unit', async () => {
    const { contactId, consentId } = await webContact();
    const res = await post(`/api/contacts/${contactId}/referrals`, { ...REF, consentId, shareResidentMessage: false });
    expect(res.json().residentMessageShared).toBe(false);
    expect(await snapshotMessage(res.json().id)).toBeNull();
    const view = await get(`/api/referrals/${res.json().id}`, unit);
    expect(view.json()).toMatchObject({ personalDataAvailable: true, residentMessage: null, acuteReasons: [], acuteTriggerWords: [], triggers: [] });
    expect(view.body).not.toContain('jaksa');
  });

  it('asked for on a contact without the resident\'s words: nothing is shared', async () => {
    const { contactId, consentId } = await sentReferral();
    const res = await post(`/api/contacts/${contactId}/referrals`, { ...REF, consentId, shareResidentMessage: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().residentMessageShared).toBe(false);
    expect((await get(`/api/referrals/${res.json().id}`, unit)).json()).toMatchObject({ residentMessage: null, acuteReasons: [] });
  });

  it('goes with the person\'s details: not after a cancel, not after erasure', async () => {
    const { contactId, consentId } = await webContact();
    const referralId = (await post(`/api/contacts/${contactId}/referrals`, { ...REF, consentId, shareResidentMessage: true })).json().id as string;
    expect((await post(`/api/referrals/${referralId}/cancel`, { reason: 'Asiakas hoitaa itse.' })).statusCode).toBe(200);
    const cancelled = await get(`/api/referrals/${referralId}`, unit);
    expect(cancelled.json()).toMatchObject({ personalDataAvailable: false, residentMessage: null, acuteReasons: [], acuteTriggerWords: [], triggers: [] });
    expect(cancelled.body).not.toContain('jaksa');
    expect((await get(`/api/referrals/${referralId}`, guide)).json().residentMessage).toBe(WORDS);
    await t.database.db.transaction().execute((trx) => erasePersonalDataOfReferrals(trx, [contactId], MONDAY));
    expect(await snapshotMessage(referralId)).toBeNull();
    expect((await get(`/api/referrals/${referralId}`, guide)).json()).toMatchObject({ personalDataUnavailableReason: 'erased', residentMessage: null });
  });
});

describe('list totals (issue 14)', () => {
  it('the inbox, the supervisor\'s overdue list and the consultation inbox carry total, totalCapped, offset and limit', async () => {
    for (let i = 0; i < 3; i++) await sentReferral();
    const all = (await get('/api/referrals?limit=200', unit)).json();
    expect(all).toMatchObject({ totalCapped: false, offset: 0, limit: 200 });
    expect(all.total).toBe(all.items.length);
    const openCount = Number((await t.database.db.selectFrom('referral as r').innerJoin('receiving_unit as u', 'u.id', 'r.receiving_unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('u.code', '=', 'adult_social_work').where('r.status', 'in', ['requested', 'accepted', 'client_contacted']).executeTakeFirstOrThrow()).n);
    expect(all.total).toBe(openCount);
    expect(openCount).toBeGreaterThan(2);
    const one = (await get('/api/referrals?limit=1', unit)).json();
    expect(one).toMatchObject({ total: openCount, totalCapped: false, offset: 0, limit: 1 });
    expect(one.items).toHaveLength(1);
    const overdue = (await get('/api/supervisor/referrals/overdue', supervisor)).json();
    expect(overdue).toMatchObject({ total: overdue.notAccepted + overdue.notContacted, totalCapped: false, offset: 0, limit: 200 });
    for (let i = 0; i < 2; i++) {
      const { contactId } = await sentReferral();
      const asked = await post(`/api/contacts/${contactId}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: true, question: 'Voiko ottaa heti?' });
      expect(asked.statusCode, asked.body).toBe(201);
    }
    const openConsultations = Number((await t.database.db.selectFrom('consultation as c').innerJoin('receiving_unit as u', 'u.id', 'c.receiving_unit_id')
      .select((eb) => eb.fn.countAll<number>().as('n')).where('c.status', '=', 'open').where('u.code', '=', 'adult_social_work').executeTakeFirstOrThrow()).n);
    expect(openConsultations).toBeGreaterThanOrEqual(2);
    const consultations = await get('/api/consultations', unit);
    expect(consultations.statusCode, consultations.body).toBe(200);
    expect(consultations.json()).toMatchObject({ total: openConsultations, totalCapped: false, offset: 0, limit: 100 });
    const first = (await get('/api/consultations?limit=1', unit)).json();
    expect(first).toMatchObject({ total: openConsultations, limit: 1 });
    expect(first.items).toHaveLength(1);
  });
});
