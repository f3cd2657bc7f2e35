/**
 * County administration (issue 18), training side: the lead's own tests of what the changes do
 * elsewhere in the product — the CTI routing and the public site follow a line's new hours at
 * once, a unit's own days to reach a client set its referrals' deadline, a unit reached outside
 * Opastin is answered for by the guidance unit, the county's advice retention is what the
 * retention job applies, the history cannot be rewritten. The sealed set, written from the
 * contract only, is administration.sealed.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { addWorkingDays } from '../../../domain/calendar.js';
import { runRetention } from '../records/public.js';

/** Monday 23 November 2026, 13:30 in Helsinki: the working-age line is open 9–11 and 13–15. */
const MONDAY_AFTERNOON = new Date('2026-11-23T13:30:00+02:00');
const CTI_TOKEN = 'cti-test-token-0123456789abcdef';
let t: TestApp;
type H = Record<string, string>;
let admin: H;
let worker: H;
beforeAll(async () => {
  t = await createTestApp({ now: MONDAY_AFTERNOON, config: { ctiToken: CTI_TOKEN } });
  admin = (await login(t.app, 'admin')).headers;
  worker = (await login(t.app, 'ohjaaja')).headers;
});
afterAll(async () => { await t?.close(); });

const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: H, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
const cti = (payload: object) => t.app.inject({ method: 'POST', url: '/api/cti/events', payload, headers: { authorization: `Bearer ${CTI_TOKEN}` } });
const publicLine = async (code: string) => (await t.app.inject({ url: '/api/public/lines' })).json().items.find((l: { code: string }) => l.code === code);
const changes = async () => Number((await sql<{ n: number }>`select count(*)::int as n from admin_change`.execute(t.database.db)).rows[0]!.n);

describe('lines and hours', () => {
  it('a training afternoon: the phone system routes a call as closed and the public site shows the next opening, at once; removing it opens the line again', async () => {
    expect(await publicLine('working_age')).toMatchObject({ openNow: true });
    const res = await req('PUT', '/api/admin/lines/working_age/exceptions/2026-11-23', admin, { hours: [{ opens: '09:00', closes: '11:00' }], note: 'Koulutusiltapäivä' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().exceptions).toContainEqual({ day: '2026-11-23', hours: [{ opens: '09:00', closes: '11:00' }], note: 'Koulutusiltapäivä', holiday: null });
    expect(await publicLine('working_age')).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-24', opens: '09:00' } });
    const closed = await cti({ event: 'newCall', callId: 'training-1', from: '0401234567', to: 'working_age' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().callback).toBe(true);
    expect((await t.database.db.selectFrom('phone_call').select(['state', 'hangup_cause']).where('call_id', '=', 'training-1').executeTakeFirstOrThrow()))
      .toEqual({ state: 'ended', hangup_cause: 'line_closed' });

    expect((await req('DELETE', '/api/admin/lines/working_age/exceptions/2026-11-23', admin)).statusCode).toBe(200);
    expect(await publicLine('working_age')).toMatchObject({ openNow: true });
    const open = await cti({ event: 'newCall', callId: 'training-2', from: '0401234567', to: 'working_age' });
    expect(open.json().callback).toBe(false);
    expect((await t.database.db.selectFrom('phone_call').select(['state']).where('call_id', '=', 'training-2').executeTakeFirstOrThrow()).state).toBe('ringing');
    // a second removal finds nothing to remove
    expect((await req('DELETE', '/api/admin/lines/working_age/exceptions/2026-11-23', admin)).statusCode).toBe(404);
  });

  it('keeps exception days from 60 days back to three years ahead, naming the day when out of range', async () => {
    const before = await changes();
    const old = await req('PUT', '/api/admin/lines/working_age/exceptions/2026-09-01', admin, { hours: [] });
    expect(old.statusCode).toBe(400);
    expect(old.json().errors).toEqual([expect.objectContaining({ field: 'params.day', code: 'date_in_past' })]);
    const far = await req('PUT', '/api/admin/lines/working_age/exceptions/2030-01-02', admin, { hours: [] });
    expect(far.json().errors).toEqual([expect.objectContaining({ field: 'params.day', code: 'date_too_far' })]);
    const overlapping = await req('PUT', '/api/admin/lines/working_age/exceptions/2026-12-01', admin, { hours: [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '13:00' }] });
    expect(overlapping.json().errors).toEqual([expect.objectContaining({ field: 'body.hours.1.opens', code: 'overlap' })]);
    expect(await changes()).toBe(before);
  });

  it('saving the same hours again records nothing', async () => {
    const line = (await req('GET', '/api/admin/lines', admin)).json().items.find((l: { code: string }) => l.code === 'disability');
    const before = await changes();
    const again = await req('PUT', '/api/admin/lines/disability/hours', admin, { weekly: [...line.weekly].reverse() });
    expect(again.statusCode).toBe(200);
    expect(again.json().weekly).toEqual(line.weekly);
    expect(await changes()).toBe(before);
  });
});

describe('receiving units', () => {
  async function contactWithConsent(serial: number) {
    const c = await req('POST', '/api/contacts', worker, {
      channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age',
      person: { name: 'Jaska Jokunen', hetu: formatHetu('1996-03-14', serial), phone: '040 765 4321' },
    });
    expect(c.statusCode, c.body).toBe(201);
    const consent = await req('POST', `/api/contacts/${c.json().id}/consents`, worker, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Velkaneuvonta' });
    return { id: c.json().id as string, consentId: consent.json().id as string };
  }
  const referral = (unit: string, consentId: string) => ({
    kind: 'message_to_service', shareResidentMessage: false, unit, consentId, summary: 'Velat ja toimeentulo.', needs: ['income'], urgency: 'non_urgent',
  });

  it('a unit\'s own days to reach a client set its referrals\' client-contact day; outside Opastin the guidance unit answers for the referral', async () => {
    const created = await req('POST', '/api/admin/units', admin, {
      code: 'debt_advice', serviceArea: 'working_age', name: { fi: 'Talous- ja velkaneuvonta', sv: 'Ekonomi- och skuldrådgivning', en: 'Debt advice' },
      phone: '029 566 1000', clientContactDays: 10, inOpastin: false,
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = await contactWithConsent(201);
    const sent = await req('POST', `/api/contacts/${c.id}/referrals`, worker, referral('debt_advice', c.consentId));
    expect(sent.statusCode, sent.body).toBe(201);
    const row = await t.database.db.selectFrom('referral').select(['accept_by', 'contact_by']).where('id', '=', sent.json().id).executeTakeFirstOrThrow();
    const acceptBy = String(row.accept_by).slice(0, 10);
    expect(String(row.contact_by).slice(0, 10)).toBe(addWorkingDays(acceptBy as never, 10));
    // no inbox in Opastin: the guidance worker records what the unit said
    expect((await req('POST', `/api/referrals/${sent.json().id}/accept`, worker, {})).statusCode).toBe(200);
    expect((await req('GET', `/api/referrals/${sent.json().id}`, worker)).json().unit).toMatchObject({ code: 'debt_advice', inOpastin: false, phone: '029 566 1000', email: null });

    // the default (3 working days) and a unit in Opastin, which answers for itself
    const d = await contactWithConsent(202);
    const toAdult = await req('POST', `/api/contacts/${d.id}/referrals`, worker, referral('adult_social_work', d.consentId));
    const adult = await t.database.db.selectFrom('referral').select(['accept_by', 'contact_by']).where('id', '=', toAdult.json().id).executeTakeFirstOrThrow();
    expect(String(adult.contact_by).slice(0, 10)).toBe(addWorkingDays(String(adult.accept_by).slice(0, 10) as never, 3));
    expect((await req('POST', `/api/referrals/${toAdult.json().id}/accept`, worker, {})).statusCode).toBe(403);
  });
});

describe('policy: the advice contacts\' retention', () => {
  it('the retention job keeps a closed advice contact for the county\'s days, then erases it; the public consent text says the same days', async () => {
    const c = await req('POST', '/api/contacts', worker, {
      channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'service_system_info', serviceArea: 'working_age', person: { name: 'Neuvottu Henkilö', phone: '040 111 2233' },
    });
    const id = c.json().id as string;
    expect((await req('POST', `/api/contacts/${id}/claim`, worker)).statusCode).toBe(200);
    const closed = await req('POST', `/api/contacts/${id}/close`, worker, { outcome: 'advice_given', mainReason: 'service_system_info', serviceArea: 'working_age', ledToClientRelationship: false });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await req('PATCH', '/api/admin/settings', admin, { adviceRetentionDays: 30 })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/public/site' })).json().adviceRetentionDays).toBe(30);
    const erased = async () => (await t.database.db.selectFrom('contact').select('personal_data_erased_at').where('id', '=', id).executeTakeFirstOrThrow()).personal_data_erased_at !== null;
    await runRetention(t.database.db, new Date('2026-12-10T12:00:00+02:00'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(await erased()).toBe(false);
    await runRetention(t.database.db, new Date('2026-12-24T12:00:00+02:00'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(await erased()).toBe(true);
    expect((await req('PATCH', '/api/admin/settings', admin, { adviceRetentionDays: null })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/public/site' })).json().adviceRetentionDays).toBe(0);
  });
});

describe('the history', () => {
  it('reading a staff account\'s history is access-logged like reading the account', async () => {
    const created = await req('POST', '/api/admin/users', admin, { username: 'historia.luettu', displayName: 'Historia Luettu', password: 'pitka-salasana-123', roles: ['guidance_worker'] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const reads = async () => Number((await sql<{ n: number }>`select count(*)::int as n from access_log where subject_type = 'user' and subject_id = ${id} and action = 'read'`.execute(t.database.db)).rows[0]!.n);
    const before = await reads();
    const h = await req('GET', `/api/admin/history?objectType=user&objectKey=${id}`, admin);
    expect(h.json().items.map((i: { action: string }) => i.action)).toEqual(['create']);
    expect(await reads()).toBe(before + 1);
  });

  it('cannot be changed or removed, even by the database user', async () => {
    expect(await changes()).toBeGreaterThan(0);
    await expect(sql`update admin_change set actor_name = 'someone else'`.execute(t.database.db)).rejects.toThrow(/insert-only/);
    await expect(sql`delete from admin_change`.execute(t.database.db)).rejects.toThrow(/insert-only/);
  });
});

describe('review mends: nothing active rests on a retired code, unusable values are named', () => {
  it('a line or unit coming back into use after its service area was retired is refused, naming the area', async () => {
    const area = await req('POST', '/api/admin/codes', admin, { set: 'service_area', code: 'pilot_area', label: { fi: 'Kokeilu', sv: 'Försök', en: 'Pilot' } });
    expect(area.statusCode, area.body).toBe(201);
    const line = await req('POST', '/api/admin/lines', admin, { code: 'pilot_line', phoneNumber: '06 0000 0777', serviceArea: 'pilot_area', name: { fi: 'Kokeilulinja', sv: 'Försökslinje', en: 'Pilot line' } });
    expect(line.statusCode, line.body).toBe(201);
    const unit = await req('POST', '/api/admin/units', admin, { code: 'pilot_unit', serviceArea: 'pilot_area', name: { fi: 'Kokeiluyksikkö', sv: 'Försöksenhet', en: 'Pilot unit' } });
    expect(unit.statusCode, unit.body).toBe(201);
    expect((await req('PATCH', '/api/admin/codes/service_area/pilot_area', admin, { active: false })).statusCode).toBe(409);
    expect((await req('PATCH', '/api/admin/lines/pilot_line', admin, { active: false })).statusCode).toBe(200);
    expect((await req('PATCH', '/api/admin/units/pilot_unit', admin, { active: false })).statusCode).toBe(200);
    expect((await req('PATCH', '/api/admin/codes/service_area/pilot_area', admin, { active: false })).statusCode).toBe(200);
    const back = await req('PATCH', '/api/admin/lines/pilot_line', admin, { active: true });
    expect(back.statusCode).toBe(400);
    expect(back.json().errors).toEqual([expect.objectContaining({ field: 'body.serviceArea', code: 'unknown_code' })]);
    const unitBack = await req('PATCH', '/api/admin/units/pilot_unit', admin, { active: true });
    expect(unitBack.json().errors).toEqual([expect.objectContaining({ field: 'body.serviceArea', code: 'unknown_code' })]);
    expect((await req('GET', '/api/admin/lines', admin)).json().items.find((l: { code: string }) => l.code === 'pilot_line').active).toBe(false);
  });

  it('an https address in capitals or without // is refused at the field, not by the database', async () => {
    for (const url of ['HTTPS://www.kela.fi/', 'https:www.kela.fi']) {
      const res = await req('POST', '/api/admin/links', admin, { url, label: { fi: 'Kela', sv: 'FPA', en: 'Kela' } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].field).toBe('body.url');
    }
  });

  it('the social emergency service\'s unit keeps its Opastin inbox; an account without a password cannot be activated', async () => {
    const out = await req('PATCH', '/api/admin/units/sosiaalipaivystys', admin, { inOpastin: false });
    expect(out.statusCode).toBe(409);
    expect(out.json().errors).toEqual([expect.objectContaining({ field: 'body.inOpastin', code: 'unit_in_use' })]);
    await req('POST', '/api/admin/units', admin, { code: 'outside_unit', serviceArea: 'working_age', inOpastin: false, name: { fi: 'Ulkoinen', sv: 'Extern', en: 'Outside' } });
    const choose = await req('PATCH', '/api/admin/settings', admin, { socialEmergencyUnit: 'outside_unit' });
    expect(choose.statusCode).toBe(400);
    expect(choose.json().errors[0]).toMatchObject({ field: 'body.socialEmergencyUnit', code: 'invalid_choice' });
    const sso = await req('POST', '/api/admin/users', admin, { username: 'sso.only', displayName: 'Vain Kertakirjautuja', roles: ['guidance_worker'] });
    expect(sso.statusCode, sso.body).toBe(201);
    const activate = await req('PATCH', `/api/admin/users/${sso.json().id}`, admin, { active: true });
    expect(activate.statusCode).toBe(400);
    expect(activate.json().errors[0]).toMatchObject({ field: 'body.active', code: 'required' });
  });
});
