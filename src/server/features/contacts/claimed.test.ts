import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { DEMO_PASSWORD } from '../organisation/public.js';
import { createUser } from '../users/public.js';
import { formatHetu } from '../../../domain/hetu.js';

/** Issue 13: claimed means claimed. A second guidance worker cannot change a contact another worker holds. */
let t: TestApp;
type Session = Awaited<ReturnType<typeof login>>;
let holder: Session;
let second: Session;
let supervisor: Session;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  const county = await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow();
  await createUser(t.database.db, { countyId: county.id, username: 'ohjaaja2', displayName: 'Oona Toinen', password: DEMO_PASSWORD, roles: ['guidance_worker'] });
  holder = await login(t.app, 'ohjaaja');
  second = await login(t.app, 'ohjaaja2');
  supervisor = await login(t.app, 'esihenkilo');
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s: Session) => t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...s.headers, 'accept-language': 'en' } });
const patch = (url: string, payload: unknown, s: Session) => t.app.inject({ method: 'PATCH', url, payload: payload as object, headers: { ...s.headers, 'accept-language': 'en' } });
const row = (id: string) => t.database.db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** An identified contact with a forwarding and a consultation consent, claimed by `ohjaaja`. */
async function heldContact(): Promise<{ id: string; consentId: string }> {
  const c = await post('/api/contacts', {
    channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
    note: 'Toimeentulo katkesi.', person: { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', 123), phone: '040 765 4321' },
  }, holder);
  expect(c.statusCode).toBe(201);
  const id = c.json().id as string;
  const consent = await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'adult_social_work' }, holder);
  expect(consent.statusCode).toBe(200);
  expect((await post(`/api/contacts/${id}/claim`, {}, holder)).statusCode).toBe(200);
  return { id, consentId: consent.json().id as string };
}

function expectHeldBy(res: Awaited<ReturnType<typeof post>>, name: string): void {
  expect(res.statusCode).toBe(409);
  expect(res.json()).toMatchObject({ code: 'claimed_by_other', holder: { name } });
  expect(res.json().detail).toMatch(new RegExp(`^${name} is handling this contact`));
}

describe('claimed means claimed', () => {
  it('refuses every change by a second guidance worker with 409 naming the holder, and changes nothing', async () => {
    const { id, consentId } = await heldContact();
    const before = await row(id);
    const eventsBefore = await t.database.db.selectFrom('contact_event').select('id').where('contact_id', '=', id).execute();
    const attempts: [string, () => ReturnType<typeof post>][] = [
      ['person data (identity code)', () => patch(`/api/contacts/${id}`, { person: { name: 'Jaska Jokunen', hetu: formatHetu('1990-01-01', 234) } }, second)],
      ['classification', () => patch(`/api/contacts/${id}`, { mainReason: 'housing' }, second)],
      ['consent', () => post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'consultation', target: 'x' }, second)],
      ['consent withdrawal', () => post(`/api/contacts/${id}/consents/${consentId}/withdraw`, {}, second)],
      ['initiation', () => post(`/api/contacts/${id}/initiations`, { concerns: 'Toimeentulo', receivingUnit: 'adult_social_work', urgent: false }, second)],
      ['referral', () => post(`/api/contacts/${id}/referrals`, {
        kind: 'referral_for_assessment', assessment: 'pta', unit: 'adult_social_work', consentId, summary: 'Toimeentulo ja työllistyminen.', needs: ['income'], urgency: 'non_urgent', shareResidentMessage: false,
      }, second)],
      ['consultation', () => post(`/api/contacts/${id}/consultations`, { consultee: 'social_worker_on_duty', unit: 'adult_social_work', anonymous: true, question: 'Mitä tehdään toimeentulon katketessa?' }, second)],
      ['transfer', () => post(`/api/contacts/${id}/transfer`, { toUserId: before.assigned_user_id, note: 'itselleni' }, second)],
      ['wait', () => post(`/api/contacts/${id}/wait`, { reason: 'client_to_call_back' }, second)],
      ['callback attempt', () => post(`/api/contacts/${id}/callback-attempts`, { result: 'no_answer' }, second)],
      ['release', () => post(`/api/contacts/${id}/release`, {}, second)],
      ['close', () => post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false }, second)],
    ];
    for (const [what, attempt] of attempts) {
      const res = await attempt();
      expect({ what, status: res.statusCode, code: res.json().code }).toEqual({ what, status: 409, code: 'claimed_by_other' });
      expectHeldBy(res, 'Olli Ohjaaja');
    }
    const after = await row(id);
    expect(after).toEqual(before);
    expect(await t.database.db.selectFrom('contact_event').select('id').where('contact_id', '=', id).execute()).toHaveLength(eventsBefore.length);
    const count = async (table: 'consent' | 'referral' | 'consultation' | 'initiation' | 'callback_attempt') =>
      Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', id).executeTakeFirstOrThrow()).n);
    expect([await count('consent'), await count('referral'), await count('consultation'), await count('initiation'), await count('callback_attempt')]).toEqual([1, 0, 0, 0, 0]);
    // the holder still can
    expect((await patch(`/api/contacts/${id}`, { mainReason: 'housing' }, holder)).statusCode).toBe(200);
  });

  it('holds a supervisor to the rule too until they take over; the take-over is logged and then the supervisor holds it', async () => {
    const { id } = await heldContact();
    const refused = await patch(`/api/contacts/${id}`, { mainReason: 'housing' }, supervisor);
    expectHeldBy(refused, 'Olli Ohjaaja');
    expect(refused.json().detail).toBe('Olli Ohjaaja is handling this contact; take it over first.');
    expect((await post(`/api/contacts/${id}/take-over`, { reason: 'Olli on sairaana' }, second)).statusCode).toBe(403);

    const taken = await post(`/api/contacts/${id}/take-over`, { reason: 'Olli on sairaana' }, supervisor);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ ok: true, previousHolder: { name: 'Olli Ohjaaja' } });
    const supervisorId = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'esihenkilo').executeTakeFirstOrThrow()).id;
    expect((await row(id)).assigned_user_id).toBe(supervisorId);
    const event = await t.database.db.selectFrom('contact_event').select(['kind', 'actor_user_id', 'details']).where('contact_id', '=', id).where('kind', '=', 'taken_over').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: supervisorId, details: { fromName: 'Olli Ohjaaja', reason: 'Olli on sairaana' } });
    const logged = await t.database.db.selectFrom('access_log').select(['actor_user_id', 'action', 'purpose']).where('subject_id', '=', id).where('purpose', '=', 'supervisor_take_over').execute();
    expect(logged).toEqual([{ actor_user_id: supervisorId, action: 'update', purpose: 'supervisor_take_over' }]);

    // now the first holder is the other one: refused, naming the supervisor
    expectHeldBy(await patch(`/api/contacts/${id}`, { mainReason: 'income' }, holder), 'Eeva Esihenkilö');
    expect((await patch(`/api/contacts/${id}`, { mainReason: 'housing' }, supervisor)).statusCode).toBe(200);
    // the supervisor assigns it to the second worker, who then holds it
    const secondId = (await t.database.db.selectFrom('app_user').select('id').where('username', '=', 'ohjaaja2').executeTakeFirstOrThrow()).id;
    expect((await post(`/api/contacts/${id}/transfer`, { toUserId: secondId, note: 'Hoida tämä' }, supervisor)).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/wait`, { reason: 'client_to_call_back' }, second)).statusCode).toBe(200);
    expectHeldBy(await post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false }, holder), 'Oona Toinen');
  });

  it('leaves free contacts free: anyone may work on an unclaimed one; a closed one is not held', async () => {
    const c = await post('/api/contacts', { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income' }, holder);
    const id = c.json().id as string;
    expect((await patch(`/api/contacts/${id}`, { mainReason: 'housing' }, second)).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/take-over`, {}, supervisor)).json()).toMatchObject({ ok: true, previousHolder: null });
    expect((await post(`/api/contacts/${id}/take-over`, {}, supervisor)).statusCode).toBe(200); // already theirs: nothing changes
    expect((await post(`/api/contacts/${id}/close`, { outcome: 'advice_given', ledToClientRelationship: false }, supervisor)).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/take-over`, {}, supervisor)).statusCode).toBe(409);
    expect((await post(`/api/contacts/${id}/reopen`, { reason: 'Soitti uudelleen' }, second)).statusCode).toBe(200);
  });
});
