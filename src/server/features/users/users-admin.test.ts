/**
 * Staff accounts for the county's administrator (issue 18): /api/admin/users. Values, refusals that
 * change nothing, sessions ended at once, the county's last administrator, the history and the
 * access log. Another county's accounts: counties.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { DEMO_PASSWORD } from '../organisation/public.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

type Session = Awaited<ReturnType<typeof login>>;
const db = () => t.database.db;
const PASSWORD = 'uusi-salasana-2026';
let n = 0;
/** a username no other test uses */
const fresh = (stem: string) => `${stem}${++n}`;

const list = (s: Session) => t.app.inject({ url: '/api/admin/users', headers: s.headers });
const getUser = (s: Session, id: string) => t.app.inject({ url: `/api/admin/users/${id}`, headers: s.headers });
const post = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/admin/users', headers: s.headers, payload });
const patch = (s: Session, id: string, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: s.headers, payload });
const me = (s: Session) => t.app.inject({ url: '/api/auth/me', headers: { cookie: s.cookie } });

async function userId(username: string): Promise<string> {
  return (await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}
async function history(objectKey: string) {
  return db().selectFrom('admin_change').select(['county_id', 'actor_user_id', 'actor_name', 'object_type', 'object_key', 'action', 'before', 'after'])
    .where('object_key', '=', objectKey).orderBy('at').orderBy('created_at').execute();
}
async function accessRows(subjectId: string) {
  return db().selectFrom('access_log').select(['actor_label', 'action', 'purpose', 'county_id']).where('subject_type', '=', 'user').where('subject_id', '=', subjectId).orderBy('seq').execute();
}
/** every row a refused request could have touched */
async function counts() {
  const c = async (table: 'app_user' | 'user_role' | 'user_unit' | 'admin_change' | 'access_log' | 'county') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const revoked = Number((await db().selectFrom('user_session').select((eb) => eb.fn.countAll<string>().as('n')).where('revoked_at', 'is not', null).executeTakeFirstOrThrow()).n);
  return { users: await c('app_user'), roles: await c('user_role'), units: await c('user_unit'), changes: await c('admin_change'), accessLog: await c('access_log'), counties: await c('county'), revoked };
}
async function countyId(): Promise<string> {
  return (await db().selectFrom('county').select('id').where('code', '=', 'etela_pohjanmaa').executeTakeFirstOrThrow()).id;
}

/** A county of its own (one administrator) through the platform administrator: for the last-admin rules. */
async function newCounty(code: string): Promise<{ id: string; adminId: string; admin: Session; adminName: string }> {
  const alusta = await login(t.app, 'alusta');
  const adminName = `${code}_admin`;
  const res = await t.app.inject({
    method: 'POST', url: '/api/platform/counties', headers: alusta.headers,
    payload: { code, name: { fi: `Maakunta ${code}`, sv: `Landskap ${code}`, en: `County ${code}` }, admin: { username: adminName, displayName: `Admin ${code}`, password: PASSWORD } },
  });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, adminId: res.json().adminId, admin: await login(t.app, adminName, PASSWORD), adminName };
}

describe('GET /api/admin/users', () => {
  it('lists the county\'s accounts by username with roles and unit codes', async () => {
    const admin = await login(t.app, 'admin');
    const res = await list(admin);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { username: string }[]; total: number };
    expect(body.total).toBe(body.items.length);
    const names = body.items.map((u) => u.username);
    expect(names).toEqual([...names].sort());
    const byName = (u: string) => body.items.find((i) => i.username === u);
    expect(byName('yksikko')).toEqual({ id: await userId('yksikko'), username: 'yksikko', displayName: 'Ulla Yksikkö', active: true, roles: ['unit_worker'], units: ['adult_social_work'] });
    expect(byName('esihenkilo')).toEqual({ id: await userId('esihenkilo'), username: 'esihenkilo', displayName: 'Eeva Esihenkilö', active: true, roles: ['guidance_worker', 'supervisor'], units: [] });
    expect(byName('alusta')).toEqual({ id: await userId('alusta'), username: 'alusta', displayName: 'Alma Alusta', active: true, roles: ['platform_admin'], units: [] });
  });

  it('is for administrators only: a worker and the platform administrator get 403', async () => {
    for (const who of ['ohjaaja', 'alusta']) {
      const s = await login(t.app, who);
      const res = await list(s);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('forbidden');
      expect((await getUser(s, await userId('ohjaaja'))).statusCode).toBe(403);
      expect((await post(s, { username: fresh('x'), displayName: 'X', roles: ['guidance_worker'] })).statusCode).toBe(403);
      expect((await patch(s, await userId('ohjaaja'), { displayName: 'X' })).statusCode).toBe(403);
    }
    expect((await t.app.inject({ url: '/api/admin/users' })).statusCode).toBe(401);
  });
});

describe('GET /api/admin/users/:id', () => {
  it('gives the account with its latest login, and logs the read', async () => {
    const admin = await login(t.app, 'admin');
    const username = fresh('lukija');
    const created = await post(admin, { username, displayName: 'Lauri Lukija', email: 'lauri@example.fi', password: PASSWORD, roles: ['guidance_worker'] });
    const id = created.json().id as string;
    const before = await getUser(admin, id);
    expect(before.json()).toEqual({ id, username, displayName: 'Lauri Lukija', email: 'lauri@example.fi', active: true, sso: false, roles: ['guidance_worker'], units: [], lastLoginAt: null });

    await login(t.app, username, PASSWORD);
    await login(t.app, username, PASSWORD);
    const sessions = await db().selectFrom('user_session').select('created_at').where('user_id', '=', id).orderBy('created_at', 'desc').execute();
    expect(sessions).toHaveLength(2);
    const after = await getUser(admin, id);
    expect(after.statusCode).toBe(200);
    expect(after.json().lastLoginAt).toBe(new Date(sessions[0]!.created_at).toISOString());
    expect(await accessRows(id)).toEqual([
      { actor_label: 'admin', action: 'create', purpose: 'user_administration', county_id: await countyId() },
      { actor_label: 'admin', action: 'read', purpose: 'user_administration', county_id: await countyId() },
      { actor_label: 'admin', action: 'read', purpose: 'user_administration', county_id: await countyId() },
    ]);
  });

  it('404 for an id that is not there, 400 for one that is not an id', async () => {
    const admin = await login(t.app, 'admin');
    const missing = await getUser(admin, '00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    const bad = await getUser(admin, 'nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('params.id');
  });
});

describe('POST /api/admin/users', () => {
  it('creates the account with its roles and units, one history row without the password, one access-log row', async () => {
    const admin = await login(t.app, 'admin');
    const username = fresh('uusi.tyontekija');
    const res = await post(admin, {
      username: `  ${username.toUpperCase()} `, displayName: ' Uuno Uusi ', email: 'uuno@example.fi', password: PASSWORD,
      roles: ['unit_worker', 'guidance_worker', 'unit_worker'], units: ['child_welfare', 'adult_social_work'],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    const expected = { id, username, displayName: 'Uuno Uusi', email: 'uuno@example.fi', active: true, sso: false, roles: ['guidance_worker', 'unit_worker'], units: ['adult_social_work', 'child_welfare'], lastLoginAt: null };
    expect(res.json()).toEqual(expected);
    expect((await getUser(admin, id)).json()).toEqual(expected);

    const rows = await history(id);
    expect(rows).toEqual([{
      county_id: await countyId(), actor_user_id: await userId('admin'), actor_name: 'Aaro Ylläpitäjä', object_type: 'user', object_key: id, action: 'create', before: null,
      after: { username, displayName: 'Uuno Uusi', email: 'uuno@example.fi', active: true, roles: ['guidance_worker', 'unit_worker'], units: ['adult_social_work', 'child_welfare'] },
    }]);
    expect(JSON.stringify(rows)).not.toMatch(/argon2|salasana/);
    expect((await accessRows(id))[0]).toEqual({ actor_label: 'admin', action: 'create', purpose: 'user_administration', county_id: await countyId() });

    const worker = await login(t.app, username, PASSWORD);
    expect((await me(worker)).json()).toMatchObject({ username, roles: ['guidance_worker', 'unit_worker'] });
  });

  it('without a password the account is inactive (SSO only) until activated', async () => {
    const admin = await login(t.app, 'admin');
    const username = fresh('sso');
    const res = await post(admin, { username, displayName: 'Sari Sso', roles: ['guidance_worker'] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ username, email: null, active: false, roles: ['guidance_worker'], units: [] });
    expect((await history(res.json().id))[0]!.after).toEqual({ username, displayName: 'Sari Sso', email: null, active: false, roles: ['guidance_worker'], units: [] });
  });

  it('refuses a role an administrator may not give, unknown and closed units, a unit worker without a unit, a taken username, a short password: nothing changes', async () => {
    const admin = await login(t.app, 'admin');
    const county = await countyId();
    await db().insertInto('receiving_unit').values({ county_id: county, code: 'closed_unit', service_area: 'working_age', name_fi: 'Suljettu', name_sv: 'Stängd', name_en: 'Closed', active: false }).execute();
    const base = { username: fresh('hylatty'), displayName: 'Hylätty', password: PASSWORD, roles: ['guidance_worker'] };
    const before = await counts();
    const cases: [object, number, { field: string; code: string }][] = [
      [{ ...base, roles: ['platform_admin'] }, 400, { field: 'body.roles', code: 'invalid_role' }],
      [{ ...base, roles: ['admin', 'platform_admin'] }, 400, { field: 'body.roles', code: 'invalid_role' }],
      [{ ...base, units: ['no_such_unit'] }, 400, { field: 'body.units', code: 'unknown_code' }],
      [{ ...base, units: ['closed_unit'] }, 400, { field: 'body.units', code: 'unknown_code' }],
      [{ ...base, roles: ['unit_worker'] }, 400, { field: 'body.units', code: 'required' }],
      [{ ...base, username: 'OHJAAJA' }, 409, { field: 'body.username', code: 'code_in_use' }],
      [{ ...base, password: 'lyhyt' }, 400, { field: 'body.password', code: 'invalid' }],
      [{ ...base, username: 'ä' }, 400, { field: 'body.username', code: 'invalid_format' }],
      [{ ...base, roles: [] }, 400, { field: 'body.roles', code: 'invalid' }],
      [{ ...base, roles: ['wizard'] }, 400, { field: 'body.roles.0', code: 'invalid_choice' }],
    ];
    for (const [payload, status, error] of cases) {
      const res = await post(admin, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().errors, JSON.stringify(payload)).toEqual([expect.objectContaining(error)]);
    }
    expect(await counts()).toEqual(before);
    // the unit check is in the county: another county's unit code is as unknown (counties.test.ts)
  });
});

describe('PATCH /api/admin/users/:id', () => {
  async function worker(roles: string[] = ['guidance_worker'], units: string[] = []) {
    const admin = await login(t.app, 'admin');
    const username = fresh('muutettava');
    const res = await post(admin, { username, displayName: 'Maija Muutettava', password: PASSWORD, roles, units });
    expect(res.statusCode).toBe(201);
    return { admin, id: res.json().id as string, username, session: await login(t.app, username, PASSWORD) };
  }

  it('changes the name and e-mail: history before and after, access log; the sessions go on', async () => {
    const { admin, id, username, session } = await worker();
    const res = await patch(admin, id, { displayName: 'Maija Muutettu', email: 'maija@example.fi' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, username, displayName: 'Maija Muutettu', email: 'maija@example.fi', active: true, roles: ['guidance_worker'], units: [] });
    const rows = await history(id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'update']);
    expect(rows[1]).toMatchObject({
      actor_name: 'Aaro Ylläpitäjä',
      before: { username, displayName: 'Maija Muutettava', email: null, active: true, roles: ['guidance_worker'], units: [] },
      after: { username, displayName: 'Maija Muutettu', email: 'maija@example.fi', active: true, roles: ['guidance_worker'], units: [] },
    });
    expect((await accessRows(id)).map((r) => r.action)).toEqual(['create', 'update']);
    expect((await me(session)).statusCode).toBe(200);
    // the same values again change nothing: no history row
    expect((await patch(admin, id, { displayName: 'Maija Muutettu' })).statusCode).toBe(200);
    expect(await history(id)).toHaveLength(2);
  });

  it('deactivation ends the user\'s sessions at once; activation lets them in again', async () => {
    const { admin, id, username, session } = await worker();
    expect((await me(session)).statusCode).toBe(200); // cached by this process
    const res = await patch(admin, id, { active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await me(session)).statusCode).toBe(401);
    const open = await db().selectFrom('user_session').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    expect(open).toEqual([]);
    const refused = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(refused.statusCode).toBe(401);

    expect((await patch(admin, id, { active: true })).json().active).toBe(true);
    expect((await history(id)).map((r) => r.action)).toEqual(['create', 'deactivate', 'activate']);
    expect((await me(session)).statusCode).toBe(401); // an ended session stays ended
    expect((await me(await login(t.app, username, PASSWORD))).statusCode).toBe(200);
  });

  it('a change of roles ends the sessions; a new login has the new roles', async () => {
    const { admin, id, username, session } = await worker();
    expect((await me(session)).json().roles).toEqual(['guidance_worker']);
    const res = await patch(admin, id, { roles: ['unit_worker'], units: ['adult_social_work'] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ roles: ['unit_worker'], units: ['adult_social_work'] });
    expect((await me(session)).statusCode).toBe(401);
    const again = await login(t.app, username, PASSWORD);
    expect((await me(again)).json()).toMatchObject({ roles: ['unit_worker'] });
    expect((await history(id))[1]).toMatchObject({ action: 'update', before: { roles: ['guidance_worker'], units: [] }, after: { roles: ['unit_worker'], units: ['adult_social_work'] } });
  });

  it('a change of units ends the sessions', async () => {
    const { admin, id, session } = await worker(['unit_worker'], ['adult_social_work']);
    const res = await patch(admin, id, { units: ['child_welfare'] });
    expect(res.json().units).toEqual(['child_welfare']);
    expect((await me(session)).statusCode).toBe(401);
  });

  it('a new password ends the sessions; the old one no longer works', async () => {
    const { admin, id, username, session } = await worker();
    const res = await patch(admin, id, { password: 'toinen-salasana-2026' });
    expect(res.statusCode).toBe(200);
    expect((await me(session)).statusCode).toBe(401);
    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(old.statusCode).toBe(401);
    expect((await me(await login(t.app, username, 'toinen-salasana-2026'))).statusCode).toBe(200);
    const rows = await history(id);
    expect(rows[1]).toMatchObject({ action: 'update' });
    expect(JSON.stringify(rows)).not.toMatch(/argon2|salasana/);
  });

  it('refuses bad changes with the field named; nothing changes and the sessions go on', async () => {
    const { admin, id, session } = await worker();
    const cases: [object, number, { field: string; code: string }][] = [
      [{ roles: ['platform_admin'] }, 400, { field: 'body.roles', code: 'invalid_role' }],
      [{ units: ['no_such_unit'] }, 400, { field: 'body.units', code: 'unknown_code' }],
      [{ roles: ['unit_worker'] }, 400, { field: 'body.units', code: 'required' }],
      [{ password: 'lyhyt', displayName: 'Ei Muutu' }, 400, { field: 'body.password', code: 'invalid' }],
      [{ displayName: '' }, 400, { field: 'body.displayName', code: 'required' }],
      [{ email: 'ei-osoite' }, 400, { field: 'body.email', code: 'invalid_format' }],
    ];
    const before = await counts();
    for (const [payload, status, error] of cases) {
      const res = await patch(admin, id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().errors, JSON.stringify(payload)).toEqual([expect.objectContaining(error)]);
    }
    const missing = await patch(admin, '00000000-0000-4000-8000-000000000000', { displayName: 'X' });
    expect(missing.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    expect((await me(session)).statusCode).toBe(200);
  });

  it('leaves a platform administrator\'s account to the platform', async () => {
    const admin = await login(t.app, 'admin');
    const before = await counts();
    const res = await patch(admin, await userId('alusta'), { password: 'kaappaus-salasana-2026' });
    expect(res.statusCode).toBe(403);
    expect((await patch(admin, await userId('alusta'), { active: false })).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await login(t.app, 'alusta', DEMO_PASSWORD)).csrf).toBeTruthy();
  });
});

describe('the county\'s last active administrator', () => {
  it('cannot be deactivated or lose the admin role: 409 last_admin, nothing changed', async () => {
    const c = await newCounty('viimeinen');
    const before = await counts();
    const deactivate = await patch(c.admin, c.adminId, { active: false });
    expect(deactivate.statusCode).toBe(409);
    expect(deactivate.json()).toMatchObject({ code: 'conflict', errors: [{ field: 'body.active', code: 'last_admin' }] });
    const demote = await patch(c.admin, c.adminId, { roles: ['guidance_worker'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().errors).toEqual([expect.objectContaining({ field: 'body.roles', code: 'last_admin' })]);
    const both = await patch(c.admin, c.adminId, { roles: ['guidance_worker'], active: false, displayName: 'Ei Muutu' });
    expect(both.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.active', 'body.roles']);
    expect(await counts()).toEqual(before);
    expect((await me(c.admin)).json()).toMatchObject({ roles: ['admin'] });
    // keeping the role while adding another is fine
    expect((await patch(c.admin, c.adminId, { roles: ['admin', 'supervisor'] })).statusCode).toBe(200);
  });

  it('can step down once another administrator is active', async () => {
    const c = await newCounty('toinenkin');
    const second = await post(c.admin, { username: fresh('varahallinto'), displayName: 'Vara Hallinto', password: PASSWORD, roles: ['admin'] });
    expect(second.statusCode).toBe(201);
    const res = await patch(c.admin, c.adminId, { roles: ['guidance_worker'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['guidance_worker']);
    // now the second is the last one
    const s2 = await login(t.app, second.json().username, PASSWORD);
    expect((await patch(s2, second.json().id, { active: false })).json().errors[0]).toMatchObject({ field: 'body.active', code: 'last_admin' });
  });

  it('two administrators stepping down at once: exactly one succeeds', async () => {
    const c = await newCounty('kilpa');
    const other = await post(c.admin, { username: fresh('kilpailija'), displayName: 'Kim Kilpailija', password: PASSWORD, roles: ['admin'] });
    const otherSession = await login(t.app, other.json().username, PASSWORD);
    const results = await Promise.all([
      patch(c.admin, c.adminId, { active: false }),
      patch(otherSession, other.json().id, { active: false }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().errors[0]).toMatchObject({ field: 'body.active', code: 'last_admin' });
    const active = await db().selectFrom('app_user').select('id').where('county_id', '=', c.id).where('active', '=', true).execute();
    expect(active).toHaveLength(1);
  });

  it('two administrators demoting each other at once: exactly one succeeds, one active administrator remains', async () => {
    const c = await newCounty('vastakkain');
    const other = await post(c.admin, { username: fresh('vastapuoli'), displayName: 'Veli Vastapuoli', password: PASSWORD, roles: ['admin'] });
    const otherSession = await login(t.app, other.json().username, PASSWORD);
    const results = await Promise.all([
      patch(c.admin, other.json().id, { roles: ['guidance_worker'] }),
      patch(otherSession, c.adminId, { roles: ['guidance_worker'] }),
    ]);
    // the loser is refused (409), or its own session already ended with the winner's change (401)
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([expect.toSatisfy((s: number) => s === 409 || s === 401)]);
    const admins = await db().selectFrom('app_user as u').innerJoin('user_role as r', 'r.user_id', 'u.id').select('u.id')
      .where('u.county_id', '=', c.id).where('u.active', '=', true).where('r.role', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
  });
});
