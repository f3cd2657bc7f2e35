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
    kind: 'message_to_service', unit: 'adult_social_work', consentId, summary: 'Toimeentulo katkennut.', needs: ['income'], urgency: 'non_urgent', preferredTime: 'aamuisin',
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
