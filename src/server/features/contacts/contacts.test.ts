import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { formatHetu } from '../../../domain/hetu.js';
import { runRetention } from '../records/public.js';
import { insertContactRow } from './contacts.service.js';

let t: TestApp;
let worker: Awaited<ReturnType<typeof login>>;
let colleague: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-23T10:00:00+02:00') });
  worker = await login(t.app, 'ohjaaja');
  colleague = await login(t.app, 'esihenkilo');
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: unknown, s = worker, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...s.headers, ...headers } });
const get = (url: string, s = worker) => t.app.inject({ url, headers: s.headers });

const walkIn = { channel: 'walk_in', contactor: 'self', anonymous: true, mainReason: 'income', note: 'Kysyi toimeentulotuesta.' };

describe('registering contacts', () => {
  it('registers an anonymous walk-in with its promise; it appears in the queue without personal data', async () => {
    const res = await post('/api/contacts', walkIn);
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ respondBy: '2026-11-24', status: 'new' });
    expect(created.reference).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{4}$/);
    const q = (await get('/api/contacts')).json().items as { id: string; respondBy: string; anonymous: boolean }[];
    expect(q.find((i) => i.id === created.id)).toMatchObject({ respondBy: '2026-11-24', anonymous: true });
    expect(JSON.stringify(q)).not.toMatch(/"person"|hetu|phone":/);
    expect(q.every((i) => (i as { personName?: unknown }).personName === null)).toBe(true);
  });

  it('refuses personal data on an anonymous contact, naming each field', async () => {
    const res = await post('/api/contacts', { ...walkIn, person: { name: 'Maija', phone: '0401234567' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'personal_data_in_anonymous' });
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.person.name', 'body.person.phone']);
    expect(res.json().errors.every((e: { code: string }) => e.code === 'personal_data_not_allowed')).toBe(true);
    for (const note of ['hetu 131052-308T', 'soita 040 123 4567', 'maija@example.fi']) {
      const r = await post('/api/contacts', { ...walkIn, note });
      expect(r.statusCode, note).toBe(400);
      expect(r.json().errors[0].field).toBe('body.note');
    }
  });

  it('validates identified contacts: identity code, phone, and something that identifies', async () => {
    const bad = await post('/api/contacts', { ...walkIn, anonymous: false, person: { name: 'Jaska', hetu: '131052-308U', phone: 'soita minulle' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`).sort()).toEqual(['body.person.hetu:invalid_hetu', 'body.person.phone:invalid_phone']);
    const nothing = await post('/api/contacts', { ...walkIn, anonymous: false, person: {} });
    expect(nothing.statusCode).toBe(400);
    const good = await post('/api/contacts', { ...walkIn, anonymous: false, person: { name: 'Jaska Jokunen', hetu: '131052-308t', phone: '040 123 4567' } });
    expect(good.statusCode).toBe(201);
    const view = (await get(`/api/contacts/${good.json().id}`)).json();
    expect(view.person).toMatchObject({ name: 'Jaska Jokunen', hetu: '131052-308T', phone: '+358401234567', birthDate: '1952-10-13' });
  });

  it('refuses unknown codes with a stable code and the fields', async () => {
    const res = await post('/api/contacts', { ...walkIn, channel: 'whatsapp', mainReason: 'boredom', phoneLine: 'nope', municipality: '999' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('unknown_code');
    expect(res.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.channel', 'body.mainReason', 'body.municipality', 'body.phoneLine']);
    const missing = await post('/api/contacts', { channel: 'walk_in' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'body.anonymous', code: 'required' })]);
  });

  it('derives the region from the municipality and the promise from urgency', async () => {
    const res = await post('/api/contacts', { ...walkIn, municipality: '743', urgency: 'urgent' });
    expect(res.json().respondBy).toBe('2026-11-23');
    const view = (await get(`/api/contacts/${res.json().id}`)).json();
    expect(view).toMatchObject({ municipality: '743', region: 'seinajoki_isokyro', urgency: 'urgent' });
  });

  it('creates one contact however often the same request is retried with its Idempotency-Key', async () => {
    const key = { 'idempotency-key': 'walk-in-42' };
    const first = await post('/api/contacts', walkIn, worker, key);
    const second = await post('/api/contacts', walkIn, worker, key);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replay']).toBe('true');
    const count = await t.database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).where('reference', '=', first.json().reference).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const reused = await post('/api/contacts', { ...walkIn, mainReason: 'housing' }, worker, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('draws a new reference when the random one is already taken', async () => {
    const { reference } = (await post('/api/contacts', walkIn)).json();
    const county = await t.database.db.selectFrom('county').select('id').executeTakeFirstOrThrow();
    const drawn = [reference, reference, 'ZZZ-ZZZZ'];
    const row = await t.database.db.transaction().execute((trx) => insertContactRow(trx, {
      county_id: county.id, channel: 'post', anonymous: true, received_at: new Date(), received_on: '2026-11-23', respond_by: '2026-11-24',
    }, { nextReference: () => drawn.shift()! }));
    expect(row.reference).toBe('ZZZ-ZZZZ');
  });

  it('quick-logs an advice-only call closed in one request', async () => {
    const res = await post('/api/contacts', { channel: 'phone', phoneLine: 'working_age', contactor: 'self', anonymous: true, mainReason: 'benefits_applications', close: { outcome: 'advice_given', ledToClientRelationship: false, handlingSeconds: 240 } });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('closed');
    const incomplete = await post('/api/contacts', { channel: 'phone', anonymous: true, close: { outcome: 'advice_given', ledToClientRelationship: false } });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().code).toBe('closing_incomplete');
  });
});

describe('working a contact', () => {
  it('lets exactly one of two workers claim at once, and tells the other who has it', async () => {
    const { id } = (await post('/api/contacts', walkIn)).json();
    const [a, b] = await Promise.all([post(`/api/contacts/${id}/claim`, undefined, worker), post(`/api/contacts/${id}/claim`, undefined, colleague)]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('already_claimed');
    expect(loser.json().detail).toMatch(/(Olli Ohjaaja|Eeva Esihenkilö) is handling this contact/);
  });

  it('goes new → in_progress → waiting → in_progress → closed, needs the statistics to close, and can be reopened', async () => {
    const { id } = (await post('/api/contacts', { channel: 'authority_line', anonymous: true })).json();
    expect((await post(`/api/contacts/${id}/wait`, { reason: 'consultation' })).statusCode).toBe(409); // not claimed yet
    expect((await post(`/api/contacts/${id}/claim`, undefined)).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/wait`, { reason: 'consultation', note: 'Kysytään sosiaalipäivystykseltä' })).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/claim`, undefined)).statusCode).toBe(200);
    const incomplete = await post(`/api/contacts/${id}/close`, { outcome: 'other_actor', ledToClientRelationship: false });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.contactor', 'body.mainReason']);
    t.clock.now = new Date('2026-11-23T10:07:00+02:00');
    const closed = await post(`/api/contacts/${id}/close`, { outcome: 'other_actor', ledToClientRelationship: false, mainReason: 'benefits_applications', contactor: 'authority' });
    expect(closed.statusCode).toBe(200);
    const view = (await get(`/api/contacts/${id}`)).json();
    expect(view).toMatchObject({ status: 'closed', outcome: 'other_actor', handlingSeconds: 420, contactor: 'authority' });
    expect(view.timeline.map((e: { kind: string }) => e.kind)).toEqual(['created', 'claimed', 'waiting', 'claimed', 'closed']);
    const claimClosed = await post(`/api/contacts/${id}/claim`, undefined);
    expect(claimClosed.statusCode).toBe(409);
    expect(claimClosed.json().code).toBe('invalid_transition');
    expect((await post(`/api/contacts/${id}/reopen`, {})).statusCode).toBe(400);
    expect((await post(`/api/contacts/${id}/reopen`, { reason: 'Asiakas soitti uudelleen' })).statusCode).toBe(200);
    const reopened = (await get(`/api/contacts/${id}`)).json();
    expect(reopened).toMatchObject({ status: 'in_progress', outcome: null });
    expect(reopened.timeline.at(-1)).toMatchObject({ kind: 'reopened', details: { reason: 'Asiakas soitti uudelleen', previousOutcome: 'other_actor' } });
    t.clock.now = new Date('2026-11-23T10:00:00+02:00');
  });

  it('transfers to a colleague with a note, and only the holder may act', async () => {
    const { id } = (await post('/api/contacts', walkIn)).json();
    await post(`/api/contacts/${id}/claim`, undefined);
    const colleagues = (await get('/api/colleagues')).json().items as { id: string; name: string }[];
    const eeva = colleagues.find((c) => c.name === 'Eeva Esihenkilö')!;
    expect((await post(`/api/contacts/${id}/transfer`, { toUserId: eeva.id, note: 'Perhepuolen asia' })).statusCode).toBe(200);
    const view = (await get(`/api/contacts/${id}`)).json();
    expect(view.assignedTo).toEqual({ id: eeva.id, name: 'Eeva Esihenkilö' });
    const notMine = await post(`/api/contacts/${id}/wait`, { reason: 'consultation' });
    expect(notMine.statusCode).toBe(409);
    expect(notMine.json()).toMatchObject({ code: 'claimed_by_other', holder: { id: eeva.id, name: 'Eeva Esihenkilö' } }); // issue 13: naming the holder
    expect((await post(`/api/contacts/${id}/transfer`, { toUserId: '00000000-0000-4000-8000-000000000000', note: 'x' }, colleague)).statusCode).toBe(400);
  });

  it('closes a callback task as not_reached after the allowed failed attempts', async () => {
    const { id } = (await post('/api/contacts', { channel: 'callback', anonymous: false, person: { phone: '050 765 4321' }, phoneLine: 'older_people' })).json();
    await post(`/api/contacts/${id}/claim`, undefined);
    expect((await post(`/api/contacts/${id}/callback-attempts`, { result: 'no_answer' })).json()).toEqual({ status: 'waiting', failedAttempts: 1 });
    expect((await post(`/api/contacts/${id}/callback-attempts`, { result: 'busy' })).json()).toEqual({ status: 'waiting', failedAttempts: 2 });
    expect((await post(`/api/contacts/${id}/callback-attempts`, { result: 'no_answer' })).json()).toEqual({ status: 'closed', failedAttempts: 3 });
    const view = (await get(`/api/contacts/${id}`)).json();
    expect(view).toMatchObject({ status: 'closed', outcome: 'not_reached' });
    expect(view.callbackAttempts).toHaveLength(3);
  });

  it('records consent and its withdrawal', async () => {
    const { id } = (await post('/api/contacts', { ...walkIn, anonymous: false, person: { name: 'Jusa-Petteri' } })).json();
    const c = await post(`/api/contacts/${id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'adult_social_work' });
    expect(c.statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/consents/${c.json().id}/withdraw`, undefined)).statusCode).toBe(200);
    expect((await post(`/api/contacts/${id}/consents/${c.json().id}/withdraw`, undefined)).statusCode).toBe(404);
    const view = (await get(`/api/contacts/${id}`)).json();
    expect(view.consents[0]).toMatchObject({ purpose: 'forward_to_unit', target: 'adult_social_work', method: 'verbal', withdrawnAt: expect.any(String) });
    const anon = (await post('/api/contacts', walkIn)).json();
    expect((await post(`/api/contacts/${anon.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'consultation', target: 'x' })).statusCode).toBe(409);
  });
});

describe('initiation of a social welfare matter', () => {
  it('starts the 7-working-day clock for a person aged 75 from the identity code, and produces the record', async () => {
    const hetu = formatHetu('1950-05-05', 123); // 76 on 23.11.2026
    const { id } = (await post('/api/contacts', { ...walkIn, anonymous: false, mainReason: 'ageing_home_care', person: { name: 'Aino Ikäinen', hetu, phone: '0401112222' } })).json();
    const res = await post(`/api/contacts/${id}/initiations`, { concerns: 'Kotona pärjääminen, kotihoidon tarve', receivingUnit: 'older_people_services', urgent: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ legalDeadline: '2026-12-02', ageAtInitiation: 76 });
    const record = await get(`/api/contacts/${id}/initiations/${res.json().id}`);
    expect(record.json()).toMatchObject({ recordType: 'merkinta_asian_vireilletulosta', client: { name: 'Aino Ikäinen', hetu }, assessmentStartBy: '2026-12-02', receivingUnit: { code: 'older_people_services' } });
    const print = await get(`/api/contacts/${id}/initiations/${res.json().id}/print`);
    expect(print.headers['content-type']).toContain('text/html');
    expect(print.body).toContain('Merkintä asian vireilletulosta');
    expect(print.body).toContain('2.12.2026');
    const log = await t.database.db.selectFrom('access_log').select(['action', 'purpose']).where('subject_id', '=', id).orderBy('seq').execute();
    expect(log.map((l) => `${l.action}:${l.purpose}`)).toEqual(['create:client_guidance', 'create:initiation_of_matter', 'export:initiation_record', 'print:initiation_record']);
  });

  it('has no fixed day for a younger person unless urgent, and refuses an unknown unit', async () => {
    const { id } = (await post('/api/contacts', { ...walkIn, anonymous: false, person: { name: 'Jaska', hetu: formatHetu('1996-01-01', 45) } })).json();
    expect((await post(`/api/contacts/${id}/initiations`, { concerns: 'Toimeentulo', receivingUnit: 'adult_social_work', urgent: false })).json().legalDeadline).toBeNull();
    expect((await post(`/api/contacts/${id}/initiations`, { concerns: 'Toimeentulo', receivingUnit: 'adult_social_work', urgent: true })).json().legalDeadline).toBe('2026-11-23');
    expect((await post(`/api/contacts/${id}/initiations`, { concerns: 'x', receivingUnit: 'nowhere', urgent: false })).statusCode).toBe(400);
  });
});

describe('repeat contacts and triggers', () => {
  it('raises trigger 3 at the third contact of the same person in 30 days', async () => {
    const person = { name: 'Toistuva', phone: '044 999 8888' };
    const ids: string[] = [];
    for (const day of ['2026-10-30', '2026-11-10', '2026-11-23']) {
      ids.push((await post('/api/contacts', { ...walkIn, anonymous: false, person, receivedAt: `${day}T09:00:00+02:00` })).json().id);
    }
    expect((await get(`/api/contacts/${ids[1]}`)).json()).toMatchObject({ repeatContacts30d: 2, repeatTrigger: false });
    expect((await get(`/api/contacts/${ids[2]}`)).json()).toMatchObject({ repeatContacts30d: 3, repeatTrigger: true });
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${ids[2]}`, payload: { triggers: ['unclear_problem', 'missed_appointments'] }, headers: worker.headers });
    expect(patch.statusCode).toBe(200);
    expect((await get(`/api/contacts/${ids[2]}`)).json().triggers).toEqual(['unclear_problem', 'missed_appointments']);

    // The count is a statistic: it stays when the phone number it was counted by is erased.
    await post(`/api/contacts/${ids[2]}/close`, { outcome: 'advice_given', ledToClientRelationship: false });
    expect((await runRetention(t.database.db, new Date('2027-06-01T00:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false })).counts.advice_contact).toBeGreaterThan(0);
    expect((await get(`/api/contacts/${ids[2]}`)).json()).toMatchObject({ person: null, repeatContacts30d: 3, repeatTrigger: true });
  });

  it('counts a person who becomes known during the contact', async () => {
    const person = { name: 'Myöhemmin tunnistettu', phone: '045 111 2222' };
    for (const day of ['2026-11-02', '2026-11-16']) await post('/api/contacts', { ...walkIn, anonymous: false, person, receivedAt: `${day}T09:00:00+02:00` });
    const { id } = (await post('/api/contacts', walkIn)).json();
    expect((await get(`/api/contacts/${id}`)).json().repeatContacts30d).toBe(0);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${id}`, payload: { anonymous: false, person }, headers: worker.headers });
    expect(patch.statusCode, patch.body).toBe(200);
    expect((await get(`/api/contacts/${id}`)).json()).toMatchObject({ repeatContacts30d: 3, repeatTrigger: true });
  });
});

describe('access logging and roles', () => {
  it('logs every read of an identified contact, and none for an anonymous one', async () => {
    const identified = (await post('/api/contacts', { ...walkIn, anonymous: false, person: { name: 'Lokitettava' } })).json();
    const anonymous = (await post('/api/contacts', walkIn)).json();
    await get(`/api/contacts/${identified.id}`);
    await get(`/api/contacts/${identified.id}`, colleague);
    await get(`/api/contacts/${anonymous.id}`);
    const rows = await t.database.db.selectFrom('access_log').select(['subject_id', 'action', 'actor_label']).where('subject_id', 'in', [identified.id, anonymous.id]).orderBy('seq').execute();
    expect(rows.map((r) => `${r.action}:${r.actor_label}`)).toEqual(['create:ohjaaja', 'read:ohjaaja', 'read:esihenkilo']);
  });

  it('keeps the queue from unit workers and catalogue editors', async () => {
    const unit = await login(t.app, 'yksikko');
    expect((await get('/api/contacts', unit)).statusCode).toBe(403);
    expect((await post('/api/contacts', walkIn, unit)).statusCode).toBe(403);
  });

  it('gives the supervisor a live overview', async () => {
    const res = await get('/api/supervisor/overview', colleague);
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.open).toBeGreaterThan(0);
    expect(o.byWorker.length).toBeGreaterThan(0);
    expect((await get('/api/supervisor/overview')).statusCode).toBe(403);
  });

  it('filters the queue', async () => {
    const mine = (await get('/api/contacts?mine=true')).json().items as { assignedTo: { name: string } | null }[];
    expect(mine.every((i) => i.assignedTo?.name === 'Olli Ohjaaja')).toBe(true);
    t.clock.now = new Date('2026-11-26T10:00:00+02:00');
    const later = await login(t.app, 'ohjaaja'); // three days on, the earlier session has expired
    const res = await get('/api/contacts?overdue=true', later);
    expect(res.statusCode, res.body).toBe(200);
    const overdue = res.json().items as { overdue: boolean }[];
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((i) => i.overdue)).toBe(true);
    expect((await get('/api/contacts?status=bogus', later)).statusCode).toBe(400);
    expect((await get('/api/contacts?status=closed&status=new', later)).statusCode).toBe(400);
    const unknownFilter = await get('/api/contacts?line=nope&region=nowhere', later);
    expect(unknownFilter.statusCode).toBe(400);
    expect(unknownFilter.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual(['querystring.line:unknown_code', 'querystring.region:unknown_code']);
    const closed = (await get('/api/contacts?status=closed', later)).json().items as { id: string; status: string }[];
    expect(closed.length).toBeGreaterThan(1);
    expect(closed.every((i) => i.status === 'closed')).toBe(true);
    const closedAt = await t.database.db.selectFrom('contact').select(['id', 'closed_at']).where('id', 'in', closed.map((c) => c.id)).execute();
    const order = closed.map((c) => closedAt.find((r) => r.id === c.id)!.closed_at!.getTime());
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect((await get('/api/contacts?mine=false', later)).statusCode).toBe(200);
    t.clock.now = new Date('2026-11-23T10:00:00+02:00');
  });
});
