/**
 * Issue 12, parts 3–4 through the API: the statutory clocks count from the day the person or the
 * notifier contacted the county, every deadline carries its legal basis, a child welfare
 * notification asks no consent question, and "reached" is recorded where it happens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';

const TOKEN = 'cti-test-token-0123456789abcdef';
type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');

async function setClock(at: Date) {
  t.clock.now = at;
  guide = await login(t.app, 'ohjaaja'); // days later the earlier session has expired
}
beforeAll(async () => { t = await createTestApp({ config: { ctiToken: TOKEN }, now: MONDAY }); await setClock(MONDAY); });
afterAll(async () => { await t.close(); });

const post = (url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }), headers: guide.headers });
const view = async (id: string) => (await t.app.inject({ url: `/api/contacts/${id}`, headers: guide.headers })).json();
const row = (id: string) => t.database.db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Born 1948: 78 on the contact day. */
const OLDER = { name: 'Elli Esimerkki', hetu: formatHetu('1948-05-02', 234), phone: '040 111 2222' };

async function phoneContact(person = OLDER) {
  const c = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'ageing_home_care', person });
  expect(c.statusCode, c.body).toBe(201);
  const id = c.json().id as string;
  const consent = await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Ikääntyneiden palvelut' });
  expect(consent.statusCode).toBe(200);
  return { id, consentId: consent.json().id as string };
}

describe('clocks from the first contact (SHL 36 §, LsL 26 §)', () => {
  it('the issue\'s example: a contact on Mon 23 Nov referred (PTA, 75+) on Sun 29 Nov is due 2 Dec, not 8 Dec, with its basis', async () => {
    await setClock(MONDAY);
    const { id, consentId } = await phoneContact();
    await setClock(new Date('2026-11-29T12:00:00+02:00'));
    const res = await post(`/api/contacts/${id}/referrals`, {
      kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId, summary: 'Palvelutarpeen arviointi kotona pärjäämisestä.', needs: ['ageing_home_care'], urgency: 'non_urgent',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36', contactBy: '2026-12-02', acceptBy: '2026-11-30' });
    const c = await view(id);
    expect(c.referrals[0]).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });

  it('a child welfare ground on an ordinary contact counts LsL 26 § from the contact\'s received day', async () => {
    await setClock(MONDAY);
    const c = await post('/api/contacts', { channel: 'phone', contactor: 'close_one', anonymous: false, mainReason: 'child_concern', person: { name: 'Pekka Perhe', phone: '040 333 4444' } });
    const id = c.json().id as string;
    await setClock(new Date('2026-11-27T10:00:00+02:00')); // Friday
    const res = await post(`/api/contacts/${id}/referrals`, {
      kind: 'message_to_service', shareResidentMessage: false, unit: 'adult_social_work', legalGround: 'child_welfare', legalGroundReason: 'Lapsen turvallisuus vaarantunut.',
      summary: 'Huoli lapsesta.', needs: ['child_concern'], urgency: 'non_urgent',
    });
    expect(res.statusCode, res.body).toBe(201);
    // 7 working days from Mon 23 Nov is Wed 2 Dec; from the sending day it would have been Tue 8 Dec
    expect(res.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'lsl_26' });
  });

  it('an initiation recorded days later counts from the contact; an earlier initiation day from that day; its record names the basis', async () => {
    await setClock(MONDAY);
    const { id } = await phoneContact();
    await setClock(new Date('2026-11-26T14:00:00+02:00')); // Thursday
    const later = await post(`/api/contacts/${id}/initiations`, { concerns: 'Kotona pärjääminen', receivingUnit: 'adult_social_work', urgent: false });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
    const earlier = await post(`/api/contacts/${id}/initiations`, { initiatedOn: '2026-11-20', concerns: 'Asia vireillä jo aiemmin', receivingUnit: 'adult_social_work', urgent: false });
    expect(earlier.json()).toMatchObject({ legalDeadline: '2026-12-01', legalBasis: 'shl_36' });
    const c = await view(id);
    expect(c.initiations.map((i: { legalDeadline: string; legalBasis: string }) => [i.legalDeadline, i.legalBasis])).toEqual([['2026-12-02', 'shl_36'], ['2026-12-01', 'shl_36']]);
    const record = (await t.app.inject({ url: `/api/contacts/${id}/initiations/${later.json().id}`, headers: guide.headers })).json();
    expect(record).toMatchObject({ contactReceivedOn: '2026-11-23', legalBasis: 'SHL 1301/2014 36 §', legalBasisCode: 'shl_36', assessmentStartBy: '2026-12-02' });
    // a deadline already past when recorded is stored as it is (overdue), never moved
    await setClock(new Date('2026-12-10T10:00:00+02:00'));
    const past = await post(`/api/contacts/${id}/initiations`, { concerns: 'Kirjattu myöhässä', receivingUnit: 'adult_social_work', urgent: false });
    expect(past.json()).toMatchObject({ legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
  });
});

describe('a child welfare notification (LsL 25 §)', () => {
  const notification = (kind: 'social_welfare' | 'child_welfare', extra: Record<string, unknown> = {}) => ({
    lang: 'fi', kind, contactor: 'authority',
    notifier: { name: 'Kalle Koulukuraattori', organisation: 'Seinäjoen lukio', phone: '06 000 1234', email: '' },
    subject: { name: 'Lauri Lapsi' }, municipality: '743', text: 'Oppilas kertoi, ettei uskalla mennä kotiin.', urgency: 'non_urgent', ...extra,
  });
  const submit = (payload: unknown) => t.app.inject({ method: 'POST', url: '/api/public/professional-notifications', payload: payload as object, remoteAddress: '198.51.100.7' });

  it('is accepted without subjectConsent, stores no consent answer, and the view shows none; its urgency assessment is due the day it arrives, a Sunday too', async () => {
    await setClock(new Date('2026-11-29T20:00:00+02:00')); // Sunday evening
    const res = await submit(notification('child_welfare'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ respondBy: '2026-11-29', urgent: true });
    // LsL 26 §: 7 working days from Sunday 29 Nov (Independence Day falls on a Sunday): Tue 8 Dec
    const contact = await t.database.db.selectFrom('contact').select(['id', 'respond_by', 'legal_deadline', 'legal_basis']).where('reference', '=', res.json().reference).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ respond_by: '2026-11-29', legal_deadline: '2026-12-08', legal_basis: 'lsl_26' });
    const notifier = await t.database.db.selectFrom('notifier').select(['subject_consent', 'no_consent_reason']).where('contact_id', '=', contact.id).executeTakeFirstOrThrow();
    expect(notifier).toEqual({ subject_consent: null, no_consent_reason: null });
    const c = await view(contact.id);
    expect(c.notifier).toMatchObject({ name: 'Kalle Koulukuraattori', subjectConsent: null, noConsentReason: null });
    expect(c).toMatchObject({ urgencyAssessmentDue: true, respondBy: '2026-11-29' });
    // a consent answer sent anyway is not stored as one
    const sent = await submit(notification('child_welfare', { subjectConsent: 'not_given', noConsentReason: 'Huoltajat kieltäytyivät.' }));
    expect(sent.statusCode).toBe(201);
    const id2 = (await t.database.db.selectFrom('contact').select('id').where('reference', '=', sent.json().reference).executeTakeFirstOrThrow()).id;
    expect((await view(id2)).notifier).toMatchObject({ subjectConsent: null, noConsentReason: null });
  });

  it('a social welfare notification (SHL 35 §) still needs the answer: 400 naming the field', async () => {
    await setClock(MONDAY);
    const res = await submit(notification('social_welfare'));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.subjectConsent', code: 'required' })]);
    expect((await submit(notification('social_welfare', { subjectConsent: 'given' }))).statusCode).toBe(201);
  });
});

describe('reaching the person', () => {
  it('a worker-registered call is reached on receipt; a web form only when a reply is recorded (idempotent)', async () => {
    await setClock(MONDAY);
    const { id } = await phoneContact();
    expect(await row(id)).toMatchObject({ reached_at: MONDAY, reached_how: 'call_answered' });
    const form = await post('/api/contacts', { channel: 'web_form', contactor: 'self', anonymous: true });
    const formId = form.json().id as string;
    await post(`/api/contacts/${formId}/claim`);
    expect(await row(formId)).toMatchObject({ reached_at: null, reached_how: null });
    expect((await view(formId)).reachedAt).toBeNull();
    const first = await post(`/api/contacts/${formId}/reached`, { how: 'reply_sent' });
    expect(first.json()).toEqual({ reachedAt: MONDAY.toISOString(), reachedHow: 'reply_sent', recorded: true });
    await setClock(new Date('2026-11-24T10:00:00+02:00'));
    const again = await post(`/api/contacts/${formId}/reached`, { how: 'phone' });
    expect(again.json()).toEqual({ reachedAt: MONDAY.toISOString(), reachedHow: 'reply_sent', recorded: false });
    expect((await view(formId))).toMatchObject({ reachedAt: MONDAY.toISOString(), reachedHow: 'reply_sent' });
    expect((await post(`/api/contacts/${formId}/reached`, { how: 'carrier_pigeon' })).statusCode).toBe(400);
  });

  it('a callback that reaches the person, and an answered CTI call, record the reach; a failed attempt does not', async () => {
    await setClock(MONDAY);
    const cb = await post('/api/contacts', { channel: 'callback', contactor: 'self', anonymous: true, callerNumber: '040 555 1212' });
    const cbId = cb.json().id as string;
    await post(`/api/contacts/${cbId}/callback-attempts`, { result: 'no_answer' });
    expect(await row(cbId)).toMatchObject({ reached_at: null });
    await setClock(new Date('2026-11-23T13:00:00+02:00'));
    await post(`/api/contacts/${cbId}/callback-attempts`, { result: 'reached' });
    expect(await row(cbId)).toMatchObject({ reached_at: new Date('2026-11-23T13:00:00+02:00'), reached_how: 'callback' });

    const cti = (payload: object) => t.app.inject({ method: 'POST', url: '/api/cti/events', payload, headers: { authorization: `Bearer ${TOKEN}` } });
    const started = await cti({ event: 'newCall', callId: 'clocks-1', from: '040 123 4567', to: 'working_age' });
    expect(started.statusCode, started.body).toBe(200);
    const callId = started.json().contactId as string;
    expect(await row(callId)).toMatchObject({ reached_at: null });
    await setClock(new Date('2026-11-23T13:01:00+02:00'));
    await cti({ event: 'answer', callId: 'clocks-1', user: 'ohjaaja' });
    expect(await row(callId)).toMatchObject({ reached_at: new Date('2026-11-23T13:01:00+02:00'), reached_how: 'call_answered' });
  });
});
