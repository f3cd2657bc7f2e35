/**
 * Several counties in one installation (issue 18): the platform administrator's /api/platform/counties,
 * and a county's administrator who sees and changes only their own county's staff accounts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { DEFAULT_CODES } from '../../../domain/codes.js';
import { DEMO_USERS } from '../organisation/public.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

type Session = Awaited<ReturnType<typeof login>>;
const db = () => t.database.db;
const PASSWORD = 'maakunta-salasana-2026';
const names = (code: string) => ({ fi: `Hyvinvointialue ${code}`, sv: `Välfärdsområde ${code}`, en: `Wellbeing county ${code}` });

const counties = (s: Session) => t.app.inject({ url: '/api/platform/counties', headers: s.headers });
const create = (s: Session, payload: object) => t.app.inject({ method: 'POST', url: '/api/platform/counties', headers: s.headers, payload });

async function userId(username: string): Promise<string> {
  return (await db().selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}
async function counts() {
  const c = async (table: 'county' | 'app_user' | 'user_role' | 'user_unit' | 'code' | 'admin_change' | 'access_log') =>
    Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { counties: await c('county'), users: await c('app_user'), roles: await c('user_role'), units: await c('user_unit'), codes: await c('code'), changes: await c('admin_change'), accessLog: await c('access_log') };
}

/** A second county through the platform administrator, signed in as its administrator. */
async function secondCounty(code: string): Promise<{ id: string; adminId: string; admin: Session; username: string }> {
  const alusta = await login(t.app, 'alusta');
  const username = `${code}.hallinto`;
  const res = await create(alusta, { code, name: names(code), admin: { username, displayName: `Hallinto ${code}`, password: PASSWORD } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, adminId: res.json().adminId, admin: await login(t.app, username, PASSWORD), username };
}

describe('GET /api/platform/counties', () => {
  it('lists the counties with their active administrators and users', async () => {
    const alusta = await login(t.app, 'alusta');
    const res = await counties(alusta);
    expect(res.statusCode).toBe(200);
    const demo = await db().selectFrom('county').select(['id', 'created_at']).where('code', '=', 'etela_pohjanmaa').executeTakeFirstOrThrow();
    const body = res.json() as { items: { code: string }[]; total: number };
    expect(body.total).toBe(body.items.length);
    expect(body.items.find((c) => c.code === 'etela_pohjanmaa')).toEqual({
      id: demo.id, code: 'etela_pohjanmaa',
      name: { fi: 'Etelä-Pohjanmaan hyvinvointialue', sv: 'Södra Österbottens välfärdsområde', en: 'Wellbeing Services County of South Ostrobothnia' },
      admins: 1, users: DEMO_USERS.length, // every demo account is active; one is the administrator
 createdAt: new Date(demo.created_at).toISOString(),
    });
  });

  it('is for the platform administrator only: a county administrator and a worker get 403', async () => {
    for (const who of ['admin', 'ohjaaja', 'esihenkilo']) {
      const s = await login(t.app, who);
      const list = await counties(s);
      expect(list.statusCode).toBe(403);
      expect(list.json().code).toBe('forbidden');
      const before = await counts();
      const made = await create(s, { code: `kielletty_${who}`, name: names('x'), admin: { username: `kielletty.${who}`, displayName: 'X', password: PASSWORD } });
      expect(made.statusCode).toBe(403);
      expect(await counts()).toEqual(before);
    }
    expect((await t.app.inject({ url: '/api/platform/counties' })).statusCode).toBe(401);
  });

  it('the platform administrator is not an administrator of a county', async () => {
    const alusta = await login(t.app, 'alusta');
    for (const url of ['/api/admin/users', `/api/admin/users/${await userId('ohjaaja')}`, '/api/admin/access-log?subjectType=user&subjectId=x']) {
      const res = await t.app.inject({ url, headers: alusta.headers });
      expect(res.statusCode, url).toBe(403);
    }
  });
});

describe('POST /api/platform/counties', () => {
  it('creates the county, its code sets and its first administrator in one go, with history and access log', async () => {
    const alusta = await login(t.app, 'alusta');
    const res = await create(alusta, {
      code: 'keski_uusimaa', name: names('keski_uusimaa'),
      admin: { username: 'Kaija.Keski ', displayName: 'Kaija Keski', email: 'kaija@example.fi', password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    const { id, code, adminId } = res.json() as { id: string; code: string; adminId: string };
    expect(code).toBe('keski_uusimaa');
    expect(await db().selectFrom('county').select(['code', 'name_fi', 'name_sv', 'name_en']).where('id', '=', id).executeTakeFirst())
      .toEqual({ code: 'keski_uusimaa', name_fi: 'Hyvinvointialue keski_uusimaa', name_sv: 'Välfärdsområde keski_uusimaa', name_en: 'Wellbeing county keski_uusimaa' });
    const codes = await db().selectFrom('code').select(['code_set', 'code']).where('county_id', '=', id).execute();
    expect(codes).toHaveLength(Object.values(DEFAULT_CODES).reduce((n, set) => n + Object.keys(set).length, 0));
    expect(codes).toContainEqual({ code_set: 'service_area', code: 'working_age' });

    const admin = await db().selectFrom('app_user').select(['county_id', 'username', 'display_name', 'email', 'active']).where('id', '=', adminId).executeTakeFirst();
    expect(admin).toEqual({ county_id: id, username: 'kaija.keski', display_name: 'Kaija Keski', email: 'kaija@example.fi', active: true });
    expect((await db().selectFrom('user_role').select('role').where('user_id', '=', adminId).execute()).map((r) => r.role)).toEqual(['admin']);

    const changes = await db().selectFrom('admin_change').select(['county_id', 'actor_user_id', 'actor_name', 'object_type', 'object_key', 'action', 'before', 'after'])
      .where('county_id', '=', id).orderBy('object_type').execute();
    expect(changes).toEqual([
      {
        county_id: id, actor_user_id: await userId('alusta'), actor_name: 'Alma Alusta', object_type: 'county', object_key: 'keski_uusimaa', action: 'create', before: null,
        after: { code: 'keski_uusimaa', name: names('keski_uusimaa'), admin: { id: adminId, username: 'kaija.keski', displayName: 'Kaija Keski' } },
      },
      {
        county_id: id, actor_user_id: await userId('alusta'), actor_name: 'Alma Alusta', object_type: 'user', object_key: adminId, action: 'create', before: null,
        after: { username: 'kaija.keski', displayName: 'Kaija Keski', email: 'kaija@example.fi', active: true, roles: ['admin'], units: [] },
      },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/argon2|salasana/);
    const access = await db().selectFrom('access_log').select(['county_id', 'actor_label', 'action', 'purpose']).where('subject_type', '=', 'user').where('subject_id', '=', adminId).execute();
    expect(access).toEqual([{ county_id: id, actor_label: 'alusta', action: 'create', purpose: 'user_administration' }]);

    // the new administrator signs in and administers the new county: only its own account there
    const s = await login(t.app, 'kaija.keski', PASSWORD);
    const users = await t.app.inject({ url: '/api/admin/users', headers: s.headers });
    expect(users.json()).toEqual({ items: [{ id: adminId, username: 'kaija.keski', displayName: 'Kaija Keski', active: true, roles: ['admin'], units: [] }], total: 1 });
    const listed = (await counties(alusta)).json().items.find((c: { code: string }) => c.code === 'keski_uusimaa');
    expect(listed).toMatchObject({ id, admins: 1, users: 1, name: names('keski_uusimaa') });
  });

  it('refuses a county code or a username in use, a short password, bad input: nothing is created', async () => {
    const alusta = await login(t.app, 'alusta');
    const ok = { code: 'hylatty_alue', name: names('hylatty'), admin: { username: 'hylatty.hallinto', displayName: 'Hylätty', password: PASSWORD } };
    const before = await counts();
    const cases: [object, number, { field: string; code: string }[]][] = [
      [{ ...ok, code: 'etela_pohjanmaa' }, 409, [{ field: 'body.code', code: 'code_in_use' }]],
      [{ ...ok, admin: { ...ok.admin, username: 'Admin' } }, 409, [{ field: 'body.admin.username', code: 'code_in_use' }]],
      [{ ...ok, code: 'etela_pohjanmaa', admin: { ...ok.admin, username: 'ohjaaja' } }, 409, [{ field: 'body.code', code: 'code_in_use' }, { field: 'body.admin.username', code: 'code_in_use' }]],
      [{ ...ok, admin: { ...ok.admin, password: 'lyhyt' } }, 400, [{ field: 'body.admin.password', code: 'invalid' }]],
      [{ ...ok, code: 'Iso Alue' }, 400, [{ field: 'body.code', code: 'invalid_format' }]],
      [{ ...ok, name: { fi: 'Vain suomeksi' } }, 400, [{ field: 'body.name.sv', code: 'required' }, { field: 'body.name.en', code: 'required' }]],
      [{ ...ok, admin: { ...ok.admin, username: 'x' } }, 400, [{ field: 'body.admin.username', code: 'invalid_format' }]],
    ];
    for (const [payload, status, errors] of cases) {
      const res = await create(alusta, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().errors, JSON.stringify(payload)).toEqual(errors.map((e) => expect.objectContaining(e)));
    }
    expect(await counts()).toEqual(before);
  });
});

describe('a county administrator sees and changes only their own county', () => {
  it('the second county cannot see or change the first county\'s accounts, and the first cannot see the second\'s', async () => {
    const second = await secondCounty('pohjoinen');
    const first = await login(t.app, 'admin');
    const ohjaaja = await userId('ohjaaja');

    const secondList = (await t.app.inject({ url: '/api/admin/users', headers: second.admin.headers })).json();
    expect(secondList.items.map((u: { username: string }) => u.username)).toEqual([second.username]);
    const firstList = (await t.app.inject({ url: '/api/admin/users', headers: first.headers })).json();
    expect(firstList.items.map((u: { username: string }) => u.username)).toContain('ohjaaja');
    expect(firstList.items.map((u: { username: string }) => u.username)).not.toContain(second.username);

    const before = await counts();
    const snapshot = async (id: string) => db().selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [ohjaajaBefore, secondAdminBefore] = [await snapshot(ohjaaja), await snapshot(second.adminId)];
    const attempts: [Session, string][] = [[second.admin, ohjaaja], [first, second.adminId]];
    for (const [s, id] of attempts) {
      const read = await t.app.inject({ url: `/api/admin/users/${id}`, headers: s.headers });
      expect(read.statusCode).toBe(404);
      expect(read.json().code).toBe('not_found');
      for (const payload of [{ displayName: 'Kaapattu' }, { active: false }, { password: 'kaapattu-salasana-2026' }, { roles: ['admin'] }]) {
        const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/users/${id}`, headers: s.headers, payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(404);
      }
    }
    // another county's unit is as unknown as no unit at all
    const foreignUnit = await t.app.inject({
      method: 'POST', url: '/api/admin/users', headers: second.admin.headers,
      payload: { username: 'pohjoinen.yksikko', displayName: 'Yksikkö', password: PASSWORD, roles: ['unit_worker'], units: ['adult_social_work'] },
    });
    expect(foreignUnit.statusCode).toBe(400);
    expect(foreignUnit.json().errors).toEqual([expect.objectContaining({ field: 'body.units', code: 'unknown_code' })]);
    expect(await counts()).toEqual(before);
    expect(await snapshot(ohjaaja)).toEqual(ohjaajaBefore);
    expect(await snapshot(second.adminId)).toEqual(secondAdminBefore);

    // what the second county's administrator creates belongs to the second county
    const made = await t.app.inject({
      method: 'POST', url: '/api/admin/users', headers: second.admin.headers,
      payload: { username: 'pohjoinen.ohjaaja', displayName: 'Pohjoinen Ohjaaja', password: PASSWORD, roles: ['guidance_worker'] },
    });
    expect(made.statusCode).toBe(201);
    expect((await db().selectFrom('app_user').select('county_id').where('id', '=', made.json().id).executeTakeFirstOrThrow()).county_id).toBe(second.id);
    expect((await db().selectFrom('admin_change').select('county_id').where('object_key', '=', made.json().id).executeTakeFirstOrThrow()).county_id).toBe(second.id);
    expect((await t.app.inject({ url: `/api/admin/users/${made.json().id}`, headers: first.headers })).statusCode).toBe(404);
  });
});
