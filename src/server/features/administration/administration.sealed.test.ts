/**
 * Issue 18, county administration: a SEALED black-box test set.
 *
 * Written by helper T1 (independent tester) from the contract only: `issues show 18`,
 * administration.schemas.ts (its header lists the routes, errors and codes), migration
 * 0021_administration.ts, /work/shared/domain.md, docs/, test/support.ts and the existing public
 * routes used to observe effects (/api/public/lines, /api/public/site, /api/codes, /api/organisation,
 * /api/contacts, /api/referrals, /api/auth/me). The implementation (administration/*.routes.ts,
 * *.service.ts, users/*.routes.ts|*.service.ts, web/worker/admin/*) was NOT read. Once written this
 * file is sealed: it is not tuned to the implementation; only a test that contradicts the contract
 * text may be corrected, and the report says so.
 *
 * Everything goes through app.inject on a real database with the demo county (Etelä-Pohjanmaa);
 * the database is written directly only to make a platform administrator if the demo has none.
 * Each describe builds its own app; every test makes its own objects (t1_… codes), so no test
 * depends on another's state. Dates: 2026-11-23 is a Monday; 2026-12-06 a Sunday; 2026-12-24 a
 * Thursday. Demo lines: weekdays 09–11 and 13–15 (the authority line 08–16).
 *
 * Assumptions where the contract leaves a choice are marked ASSUMPTION.
 *
 * First run against the implementation (2026-11-30, PGlite): 55 of 57 as written passed. One test
 * was corrected because it asked more than the contract says (DELETE /admin/links/{id} answered 204;
 * the test had demanded 200; it now takes 200 or 204). Still failing, believed the implementation's
 * fault: the county's adviceRetentionDays is stored but the public site (and the retention job)
 * keep using the installation's ADVICE_RETENTION_DAYS. PostgreSQL: 56 of 57, the same one failing.
 *
 * Lead, after the fix (2026-11-30): that failing test was used to fix the implementation, so it is
 * TRAINING now ("the county's advice retention reaches the public site"), not sealed; the other 56
 * were not used to change anything. After the fix and the review mends: 57/57 on both engines.
 * A fresh sealed item for the county's retention is owed to the next set (not written here).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { AdminCode, AdminLine, AdminOrganisation, AdminSettings, AdminUnit, AdminUser, AdminUserListItem, HistoryItem } from './administration.schemas.js';

type Session = Awaited<ReturnType<typeof login>>;
type Res = LightMyRequestResponse;

const COUNTY = 'etela_pohjanmaa';
const ADMIN_NAME = 'Aaro Ylläpitäjä';
const TUESDAY_NOON = new Date('2026-11-24T12:00:00+02:00');
const L3 = (s: string) => ({ fi: `${s} fi`, sv: `${s} sv`, en: `${s} en` });
const WALK_IN = { channel: 'walk_in', contactor: 'self', anonymous: true, note: 'Kysyi neuvoa.' };

// ---- helpers (each takes the app it works on) ----

const call = (t: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, s?: Session | null, payload?: unknown) =>
  t.app.inject({ method, url, ...(s ? { headers: s.headers } : {}), ...(payload === undefined ? {} : { payload: payload as object }) });
const get = (t: TestApp, url: string, s?: Session | null) => call(t, 'GET', url, s);
const post = (t: TestApp, url: string, payload: unknown, s: Session) => call(t, 'POST', url, s, payload);
const patch = (t: TestApp, url: string, payload: unknown, s: Session) => call(t, 'PATCH', url, s, payload);
const put = (t: TestApp, url: string, payload: unknown, s: Session) => call(t, 'PUT', url, s, payload);
const del = (t: TestApp, url: string, s: Session) => call(t, 'DELETE', url, s);

function ok<T>(res: Res, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return res.json<T>();
}
/** `field:code` of each field error of a problem. */
const fieldErrors = (res: Res): string[] => ((res.json() as { errors?: { field: string; code?: string }[] }).errors ?? []).map((e) => `${e.field}:${e.code}`);
/** The problem's code and every field error's code. */
const codesOf = (res: Res): string[] => {
  const b = res.json() as { code?: string; errors?: { code?: string }[] };
  return [b.code, ...(b.errors ?? []).map((e) => e.code)].filter((c): c is string => typeof c === 'string');
};
function expectFieldError(res: Res, status: number, field: string, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(fieldErrors(res), res.body).toContain(`${field}:${code}`);
}
/** 409 with the conflict code (on a field error, the contract's "409 with a field"). */
function expectConflict(res: Res, code: string, field?: string) {
  expect(res.statusCode, res.body).toBe(409);
  const errors = (res.json() as { errors?: { field: string; code?: string }[] }).errors ?? [];
  expect(errors.length, `409 names a field: ${res.body}`).toBeGreaterThan(0);
  expect(codesOf(res), res.body).toContain(code);
  if (field) expect(fieldErrors(res), res.body).toContain(`${field}:${code}`);
}
function expectBadRequestNaming(res: Res, fieldPrefix: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect((res.json() as { errors?: { field: string }[] }).errors?.map((e) => e.field).some((f) => f.startsWith(fieldPrefix)), res.body).toBe(true);
}

const adminLines = async (t: TestApp, s: Session) => ok<{ items: AdminLine[]; total: number }>(await get(t, '/api/admin/lines', s));
const adminLine = async (t: TestApp, s: Session, code: string) => (await adminLines(t, s)).items.find((l) => l.code === code);
interface PublicLine { code: string; menuNumber: number | null; serviceArea: string | null; authorityOnly: boolean; phoneNumber: string; name: object; region: { code: string } | null; openNow: boolean; nextOpening: { date: string; opens: string } | null; weekly: object[]; week: { date: string; hours: { opens: string; closes: string }[] }[] }
const publicLines = async (t: TestApp, county = COUNTY) => ok<{ items: PublicLine[]; total: number }>(await get(t, `/api/public/lines?county=${county}`)).items;
const publicLine = async (t: TestApp, code: string) => (await publicLines(t)).find((l) => l.code === code);
const adminCodes = async (t: TestApp, s: Session) => ok<{ items: AdminCode[]; total: number }>(await get(t, '/api/admin/codes', s)).items;
const organisation = async (t: TestApp, s: Session) => ok<AdminOrganisation>(await get(t, '/api/admin/organisation', s));
const settings = async (t: TestApp, s: Session) => ok<AdminSettings>(await get(t, '/api/admin/settings', s));
const publicSite = async (t: TestApp, county = COUNTY) => ok<{ crisisPhone: string | null; socialEmergency: { phone: string | null }; selfServiceLinks: { url: string; label: object }[]; adviceRetentionDays: number }>(await get(t, `/api/public/site?county=${county}`));
async function history(t: TestApp, s: Session, objectType?: string, objectKey?: string, limit?: number): Promise<HistoryItem[]> {
  const q = new URLSearchParams();
  if (objectType) q.set('objectType', objectType);
  if (objectKey) q.set('objectKey', objectKey);
  if (limit) q.set('limit', String(limit));
  const body = ok<{ items: HistoryItem[]; total: number }>(await get(t, `/api/admin/history?${q}`, s));
  expect(body.total).toBeGreaterThanOrEqual(body.items.length);
  return body.items;
}
const me = async (t: TestApp, s: Session) => ok<{ id: string; username: string; roles: string[] }>(await get(t, '/api/auth/me', s));
const byTime = <T extends { weekday: number; opens: string }>(a: T[]) => [...a].sort((x, y) => x.weekday - y.weekday || x.opens.localeCompare(y.opens));

function newLine(code: string, extra: Record<string, unknown> = {}) {
  return { code, phoneNumber: '06 0000 0150', name: L3(`Linja ${code}`), weekly: [{ weekday: 1, opens: '09:00', closes: '11:00' }], ...extra };
}
async function createLine(t: TestApp, s: Session, code: string, extra: Record<string, unknown> = {}): Promise<AdminLine> {
  return ok<AdminLine>(await post(t, '/api/admin/lines', newLine(code, extra), s), 201);
}
function newUnit(code: string, extra: Record<string, unknown> = {}) {
  return { code, serviceArea: 'working_age', name: L3(`Yksikkö ${code}`), ...extra };
}
async function userId(t: TestApp, s: Session, username: string): Promise<string> {
  const list = ok<{ items: AdminUserListItem[] }>(await get(t, '/api/admin/users', s));
  const u = list.items.find((i) => i.username === username);
  expect(u, `user ${username}`).toBeDefined();
  return u!.id;
}
async function loginStatus(t: TestApp, username: string, password: string): Promise<number> {
  return (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).statusCode;
}

/**
 * The platform administrator: the brief names the demo user `alusta` (role platform_admin). If the
 * demo has no such user, one is written into the database so that the county tests still run (the
 * test 'the demo has a platform administrator' reports the missing demo user on its own).
 */
async function platformAdmin(t: TestApp): Promise<Session> {
  if ((await loginStatus(t, 'alusta', 'opastin-demo-2026')) === 200) return login(t.app, 'alusta');
  const db = t.database.db;
  const county = await db.selectFrom('county').select('id').where('code', '=', COUNTY).executeTakeFirstOrThrow();
  const existing = await db.selectFrom('app_user').select('id').where('username', '=', 't1.alusta').executeTakeFirst();
  if (!existing) {
    const user = await db.insertInto('app_user').values({ county_id: county.id, username: 't1.alusta', display_name: 'Alma Alusta', password_hash: await hashPassword('t1-alusta-salasana-2026') }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: user.id, role: 'platform_admin' }).execute();
  }
  return login(t.app, 't1.alusta', 't1-alusta-salasana-2026');
}

// =====================================================================================
describe('lines and hours (now: Tuesday 2026-11-24 12:00, between the demo slots)', () => {
  let t: TestApp;
  let admin: Session;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp({ now: TUESDAY_NOON });
    admin = await login(t.app, 'admin');
    adminId = (await me(t, admin)).id;
  });
  afterAll(async () => { await t.close(); });

  it('lists the demo lines (authority line included) with hours, exceptions and open-now', async () => {
    const lines = await adminLines(t, admin);
    expect(lines.total).toBe(lines.items.length);
    expect(lines.items.map((l) => l.code).sort()).toEqual(expect.arrayContaining(['authority', 'disability', 'families', 'family_centre_seinajoki_isokyro', 'older_people', 'working_age']));
    const wa = lines.items.find((l) => l.code === 'working_age')!;
    expect(wa).toMatchObject({ phoneNumber: '06 0000 0100', menuNumber: 1, serviceArea: 'working_age', region: null, authorityOnly: false, active: true, exceptions: [], openNow: false, nextOpening: { date: '2026-11-24', opens: '13:00' } });
    expect(byTime(wa.weekly)).toEqual(byTime([1, 2, 3, 4, 5].flatMap((weekday) => [{ weekday, opens: '09:00', closes: '11:00' }, { weekday, opens: '13:00', closes: '15:00' }])));
    expect(lines.items.find((l) => l.code === 'family_centre_seinajoki_isokyro')).toMatchObject({ region: 'seinajoki_isokyro', serviceArea: 'families', phoneNumber: '050 344 8443' });
    expect(lines.items.find((l) => l.code === 'authority')).toMatchObject({ authorityOnly: true, menuNumber: null });
  });

  it('creates a line: the admin list, the public list and the history have it at once', async () => {
    const before = await publicLines(t);
    expect(before.find((l) => l.code === 't1_debt')).toBeUndefined();
    const weekly = [{ weekday: 4, opens: '09:00', closes: '11:00' }, { weekday: 2, opens: '11:30', closes: '12:30' }];
    const created = await createLine(t, admin, 't1_debt', {
      phoneNumber: '06 0000 0100', menuNumber: 5, serviceArea: 'working_age', region: 'seinajoki_isokyro', name: { fi: 'Velkaneuvonta', sv: 'Skuldrådgivning', en: 'Debt advice' }, weekly,
    });
    expect(created).toMatchObject({
      code: 't1_debt', phoneNumber: '06 0000 0100', menuNumber: 5, serviceArea: 'working_age', region: 'seinajoki_isokyro', authorityOnly: false, active: true,
      name: { fi: 'Velkaneuvonta', sv: 'Skuldrådgivning', en: 'Debt advice' }, exceptions: [],
      openNow: true, nextOpening: { date: '2026-11-26', opens: '09:00' },
    });
    expect(byTime(created.weekly)).toEqual(byTime(weekly));
    expect(await adminLine(t, admin, 't1_debt')).toMatchObject({ code: 't1_debt', menuNumber: 5, openNow: true });

    expect(await publicLine(t, 't1_debt')).toMatchObject({
      code: 't1_debt', menuNumber: 5, serviceArea: 'working_age', authorityOnly: false, phoneNumber: '06 0000 0100',
      name: { fi: 'Velkaneuvonta', sv: 'Skuldrådgivning', en: 'Debt advice' },
      region: { code: 'seinajoki_isokyro', name: { fi: 'Seinäjoki ja Isokyrö', sv: 'Seinäjoki och Storkyro', en: 'Seinäjoki and Isokyrö' } },
      openNow: true, nextOpening: { date: '2026-11-26', opens: '09:00' },
    });
    expect((await publicLines(t)).length).toBe(before.length + 1);

    const h = await history(t, admin, 'line', 't1_debt');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ objectType: 'line', objectKey: 't1_debt', action: 'create', actor: { id: adminId, name: ADMIN_NAME }, before: null });
    expect(JSON.stringify(h[0]!.after)).toContain('06 0000 0100');
    expect(JSON.stringify(h[0]!.after)).toContain('Velkaneuvonta');
  });

  it('patches a line: number, names, authority-only and active, each shown publicly at once, each in the history', async () => {
    await createLine(t, admin, 't1_patch');
    const patched = ok<AdminLine>(await patch(t, '/api/admin/lines/t1_patch', { phoneNumber: '06 0000 0151', name: { fi: 'Uusi', sv: 'Ny', en: 'New' } }, admin));
    expect(patched).toMatchObject({ code: 't1_patch', phoneNumber: '06 0000 0151', name: { fi: 'Uusi', sv: 'Ny', en: 'New' }, authorityOnly: false, active: true });
    expect(await publicLine(t, 't1_patch')).toMatchObject({ phoneNumber: '06 0000 0151', name: { fi: 'Uusi', sv: 'Ny', en: 'New' } });

    const h = await history(t, admin, 'line', 't1_patch');
    expect(h.map((i) => i.action)).toEqual(['update', 'create']);
    expect(h[0]).toMatchObject({ actor: { id: adminId, name: ADMIN_NAME } });
    expect(JSON.stringify(h[0]!.before)).toContain('06 0000 0150');
    expect(JSON.stringify(h[0]!.after)).toContain('06 0000 0151');
    expect(JSON.stringify(h[0]!.after)).not.toContain('06 0000 0150');

    expect(ok<AdminLine>(await patch(t, '/api/admin/lines/t1_patch', { authorityOnly: true }, admin))).toMatchObject({ authorityOnly: true });
    expect(await publicLine(t, 't1_patch')).toBeUndefined();
    const staff = ok<{ items: { code: string }[] }>(await get(t, '/api/lines', admin));
    expect(staff.items.map((l) => l.code)).toContain('t1_patch');

    expect(ok<AdminLine>(await patch(t, '/api/admin/lines/t1_patch', { authorityOnly: false, active: false }, admin))).toMatchObject({ authorityOnly: false, active: false });
    expect(await publicLine(t, 't1_patch')).toBeUndefined();
    expect(await adminLine(t, admin, 't1_patch')).toMatchObject({ active: false });
    expect((await history(t, admin, 'line', 't1_patch')).length).toBe(4);

    expect(ok<AdminLine>(await patch(t, '/api/admin/lines/t1_patch', { active: true }, admin))).toMatchObject({ active: true });
    expect(await publicLine(t, 't1_patch')).toMatchObject({ phoneNumber: '06 0000 0151' });
  });

  it('replaces the weekly hours; adjacent slots are not an overlap', async () => {
    await createLine(t, admin, 't1_hours');
    const weekly = [{ weekday: 3, opens: '08:00', closes: '16:00' }, { weekday: 1, opens: '12:00', closes: '14:00' }, { weekday: 1, opens: '08:00', closes: '10:00' }, { weekday: 5, opens: '10:00', closes: '11:00' }, { weekday: 5, opens: '11:00', closes: '12:00' }];
    const res = ok<AdminLine>(await put(t, '/api/admin/lines/t1_hours/hours', { weekly }, admin));
    expect(byTime(res.weekly)).toEqual(byTime(weekly));
    expect(byTime((await adminLine(t, admin, 't1_hours'))!.weekly)).toEqual(byTime(weekly));
    expect(byTime((await publicLine(t, 't1_hours'))!.weekly as typeof weekly)).toEqual(byTime(weekly));
    const h = await history(t, admin, 'line', 't1_hours');
    expect(h.map((i) => i.action)).toEqual(['update', 'create']);
    expect(JSON.stringify(h[0]!.after)).toContain('16:00');
    expect(JSON.stringify(h[0]!.before)).not.toContain('16:00');

    const none = ok<AdminLine>(await put(t, '/api/admin/lines/t1_hours/hours', { weekly: [] }, admin));
    expect(none.weekly).toEqual([]);
    expect(await publicLine(t, 't1_hours')).toMatchObject({ weekly: [], openNow: false, nextOpening: null });
  });

  it('refuses overlapping hours and a closing before opening, naming the slot; nothing changes', async () => {
    await createLine(t, admin, 't1_badhours');
    const before = await adminLine(t, admin, 't1_badhours');
    const historyBefore = await history(t, admin, 'line', 't1_badhours');

    const overlap = await put(t, '/api/admin/lines/t1_badhours/hours', { weekly: [{ weekday: 1, opens: '09:00', closes: '11:00' }, { weekday: 1, opens: '10:30', closes: '12:00' }] }, admin);
    expectFieldError(overlap, 400, 'body.weekly.1.opens', 'overlap');
    expect(overlap.json()).toMatchObject({ code: 'validation_failed' });

    const overlap3 = await put(t, '/api/admin/lines/t1_badhours/hours', { weekly: [{ weekday: 2, opens: '08:00', closes: '09:00' }, { weekday: 3, opens: '09:00', closes: '11:00' }, { weekday: 3, opens: '10:59', closes: '12:00' }] }, admin);
    expectFieldError(overlap3, 400, 'body.weekly.2.opens', 'overlap');

    const backwards = await put(t, '/api/admin/lines/t1_badhours/hours', { weekly: [{ weekday: 2, opens: '08:00', closes: '10:00' }, { weekday: 2, opens: '14:00', closes: '13:00' }] }, admin);
    expectFieldError(backwards, 400, 'body.weekly.1.closes', 'closes_before_opens');
    expect(backwards.json()).toMatchObject({ code: 'validation_failed' });

    const backwards0 = await put(t, '/api/admin/lines/t1_badhours/hours', { weekly: [{ weekday: 4, opens: '15:00', closes: '09:00' }] }, admin);
    expectFieldError(backwards0, 400, 'body.weekly.0.closes', 'closes_before_opens');

    // the same rules on a new line's hours
    const createOverlap = await post(t, '/api/admin/lines', newLine('t1_badnew', { weekly: [{ weekday: 1, opens: '09:00', closes: '11:00' }, { weekday: 1, opens: '10:00', closes: '12:00' }] }), admin);
    expectFieldError(createOverlap, 400, 'body.weekly.1.opens', 'overlap');
    expect(await adminLine(t, admin, 't1_badnew')).toBeUndefined();

    expect(await adminLine(t, admin, 't1_badhours')).toEqual(before);
    expect(await history(t, admin, 'line', 't1_badhours')).toEqual(historyBefore);
  });

  it('a training afternoon: exception days close the line and the public site shows the next opening at once; DELETE returns to the weekly hours', async () => {
    t.clock.now = TUESDAY_NOON;
    admin = await login(t.app, 'admin');
    expect(await publicLine(t, 'working_age')).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-24', opens: '13:00' } });

    // the afternoon closed: only 09–11 that day
    const afternoon = ok<AdminLine>(await put(t, '/api/admin/lines/working_age/exceptions/2026-11-24', { hours: [{ opens: '09:00', closes: '11:00' }], note: 'Koulutusiltapäivä' }, admin));
    expect(afternoon.exceptions).toContainEqual({ day: '2026-11-24', hours: [{ opens: '09:00', closes: '11:00' }], note: 'Koulutusiltapäivä', holiday: null });
    expect(afternoon).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-25', opens: '09:00' } });
    const pub = await publicLine(t, 'working_age');
    expect(pub).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-25', opens: '09:00' } });
    expect(pub!.week[0]).toEqual({ date: '2026-11-24', hours: [{ opens: '09:00', closes: '11:00' }] });
    // the other lines keep their hours
    expect(await publicLine(t, 'older_people')).toMatchObject({ nextOpening: { date: '2026-11-24', opens: '13:00' } });

    // the next day closed all day
    const closed = ok<AdminLine>(await put(t, '/api/admin/lines/working_age/exceptions/2026-11-25', { hours: [] }, admin));
    expect(closed.exceptions).toContainEqual({ day: '2026-11-25', hours: [], note: null, holiday: null });
    const pub2 = await publicLine(t, 'working_age');
    expect(pub2).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-26', opens: '09:00' } });
    expect(pub2!.week[1]).toEqual({ date: '2026-11-25', hours: [] });

    // during the closed afternoon
    t.clock.now = new Date('2026-11-24T13:30:00+02:00');
    admin = await login(t.app, 'admin');
    expect(await publicLine(t, 'working_age')).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-26', opens: '09:00' } });
    expect(await publicLine(t, 'older_people')).toMatchObject({ openNow: true });

    // back to the weekly hours
    const back25 = ok<AdminLine>(await del(t, '/api/admin/lines/working_age/exceptions/2026-11-25', admin));
    expect(back25.exceptions.map((e) => e.day)).not.toContain('2026-11-25');
    expect(await publicLine(t, 'working_age')).toMatchObject({ openNow: false, nextOpening: { date: '2026-11-25', opens: '09:00' } });
    const back24 = ok<AdminLine>(await del(t, '/api/admin/lines/working_age/exceptions/2026-11-24', admin));
    expect(back24.exceptions).toEqual([]);
    expect(back24.openNow).toBe(true);
    expect(await publicLine(t, 'working_age')).toMatchObject({ openNow: true, nextOpening: { date: '2026-11-25', opens: '09:00' } });

    const h = await history(t, admin, 'line', 'working_age');
    expect(h.length).toBeGreaterThanOrEqual(4);
    expect(h.every((i) => i.actor.name === ADMIN_NAME)).toBe(true);
    expect(h.some((i) => JSON.stringify(i.after).includes('Koulutusiltapäivä'))).toBe(true);
    expect(h.some((i) => JSON.stringify([i.before, i.after]).includes('2026-11-25'))).toBe(true);
    t.clock.now = TUESDAY_NOON;
  });

  it('refuses a duplicate line code and a menu position an active line holds (409); nothing changes', async () => {
    const countBefore = (await adminLines(t, admin)).total;
    expectConflict(await post(t, '/api/admin/lines', newLine('working_age'), admin), 'code_in_use', 'body.code');
    expect(await adminLine(t, admin, 'working_age')).toMatchObject({ phoneNumber: '06 0000 0100', menuNumber: 1 });

    expectConflict(await post(t, '/api/admin/lines', newLine('t1_menu1', { phoneNumber: '06 0000 0100', menuNumber: 1 }), admin), 'code_in_use', 'body.menuNumber');
    expect(await adminLine(t, admin, 't1_menu1')).toBeUndefined();
    expect((await adminLines(t, admin)).total).toBe(countBefore);

    expectConflict(await patch(t, '/api/admin/lines/families', { menuNumber: 2 }, admin), 'code_in_use', 'body.menuNumber');
    expect(await adminLine(t, admin, 'families')).toMatchObject({ menuNumber: 4 });
    expect(await publicLine(t, 'families')).toMatchObject({ menuNumber: 4 });

    // a position held only by an inactive line is free
    await createLine(t, admin, 't1_menu7', { phoneNumber: '06 0000 0100', menuNumber: 7 });
    expect(ok<AdminLine>(await patch(t, '/api/admin/lines/t1_menu7', { active: false }, admin)).active).toBe(false);
    expect((await createLine(t, admin, 't1_menu7b', { phoneNumber: '06 0000 0100', menuNumber: 7 })).menuNumber).toBe(7);
    const again = await patch(t, '/api/admin/lines/t1_menu7', { active: true }, admin);
    expect(again.statusCode, again.body).toBe(409);
    expect(await adminLine(t, admin, 't1_menu7')).toMatchObject({ active: false });
  });

  it('refuses unknown service areas and regions, and answers 404 for an unknown line', async () => {
    expectBadRequestNaming(await post(t, '/api/admin/lines', newLine('t1_badref', { region: 'no_such_region' }), admin), 'body.region');
    expectBadRequestNaming(await post(t, '/api/admin/lines', newLine('t1_badref', { serviceArea: 'no_such_area' }), admin), 'body.serviceArea');
    expect(await adminLine(t, admin, 't1_badref')).toBeUndefined();
    expect((await patch(t, '/api/admin/lines/t1_no_such_line', { phoneNumber: '06 0000 0152' }, admin)).statusCode).toBe(404);
    expect((await put(t, '/api/admin/lines/t1_no_such_line/hours', { weekly: [] }, admin)).statusCode).toBe(404);
    expect((await put(t, '/api/admin/lines/t1_no_such_line/exceptions/2026-12-01', { hours: [] }, admin)).statusCode).toBe(404);
  });
});

// =====================================================================================
describe('holidays and the calendar (now: Wednesday 2026-12-23 16:00)', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ now: new Date('2026-12-23T16:00:00+02:00') });
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => { await t.close(); });

  it('the calendar of December 2026 shows the public holidays and the eve', async () => {
    const days = ok<{ days: { date: string; weekday: number; holiday: string | null; publicHoliday: boolean; workingDay: boolean }[] }>(await get(t, '/api/admin/calendar?from=2026-12-01&to=2026-12-31', admin)).days;
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({ date: '2026-12-01', weekday: 2, holiday: null, publicHoliday: false, workingDay: true });
    const on = (d: string) => days.find((x) => x.date === d);
    expect(on('2026-12-06')).toEqual({ date: '2026-12-06', weekday: 7, holiday: 'independence_day', publicHoliday: true, workingDay: false });
    expect(on('2026-12-24')).toEqual({ date: '2026-12-24', weekday: 4, holiday: 'christmas_eve', publicHoliday: false, workingDay: false });
    expect(on('2026-12-25')).toEqual({ date: '2026-12-25', weekday: 5, holiday: 'christmas_day', publicHoliday: true, workingDay: false });
    expect(on('2026-12-26')).toEqual({ date: '2026-12-26', weekday: 6, holiday: 'st_stephens_day', publicHoliday: true, workingDay: false });
    expect(on('2026-12-12')).toEqual({ date: '2026-12-12', weekday: 6, holiday: null, publicHoliday: false, workingDay: false });
    expect(on('2026-12-28')).toEqual({ date: '2026-12-28', weekday: 1, holiday: null, publicHoliday: false, workingDay: true });
    expect(days.filter((d) => d.holiday !== null).map((d) => d.holiday)).toEqual(['independence_day', 'christmas_eve', 'christmas_day', 'st_stephens_day']);
  });

  it('refuses a calendar longer than 400 days and bad dates', async () => {
    expect((await get(t, '/api/admin/calendar?from=2026-01-01&to=2027-12-31', admin)).statusCode).toBe(400);
    expectBadRequestNaming(await get(t, '/api/admin/calendar?from=2026-02-30&to=2026-03-31', admin), 'querystring.from');
    expect((await get(t, '/api/admin/calendar?from=2026-12-01', admin)).statusCode).toBe(400);
    const oneDay = ok<{ days: unknown[] }>(await get(t, '/api/admin/calendar?from=2026-12-24&to=2026-12-24', admin));
    expect(oneDay.days).toHaveLength(1);
  });

  it('a public holiday closes the line without an exception; an exception opens it on a holiday', async () => {
    const wa = await publicLine(t, 'working_age');
    expect(wa).toMatchObject({ openNow: false, nextOpening: { date: '2026-12-28', opens: '09:00' } });
    expect(wa!.week.slice(0, 6)).toEqual([
      { date: '2026-12-23', hours: [{ opens: '09:00', closes: '11:00' }, { opens: '13:00', closes: '15:00' }] },
      { date: '2026-12-24', hours: [] }, { date: '2026-12-25', hours: [] }, { date: '2026-12-26', hours: [] }, { date: '2026-12-27', hours: [] },
      { date: '2026-12-28', hours: [{ opens: '09:00', closes: '11:00' }, { opens: '13:00', closes: '15:00' }] },
    ]);
    expect((await adminLine(t, admin, 'working_age'))!.exceptions).toEqual([]);
    expect(await adminLine(t, admin, 'working_age')).toMatchObject({ openNow: false, nextOpening: { date: '2026-12-28', opens: '09:00' } });

    const eve = ok<AdminLine>(await put(t, '/api/admin/lines/working_age/exceptions/2026-12-24', { hours: [{ opens: '10:00', closes: '12:00' }], note: 'Aaton päivystys' }, admin));
    expect(eve.exceptions).toContainEqual({ day: '2026-12-24', hours: [{ opens: '10:00', closes: '12:00' }], note: 'Aaton päivystys', holiday: 'christmas_eve' });
    expect(eve.nextOpening).toEqual({ date: '2026-12-24', opens: '10:00' });
    const pub = await publicLine(t, 'working_age');
    expect(pub).toMatchObject({ openNow: false, nextOpening: { date: '2026-12-24', opens: '10:00' } });
    expect(pub!.week[1]).toEqual({ date: '2026-12-24', hours: [{ opens: '10:00', closes: '12:00' }] });

    const day = ok<AdminLine>(await put(t, '/api/admin/lines/working_age/exceptions/2026-12-25', { hours: [{ opens: '12:00', closes: '14:00' }, { opens: '08:00', closes: '09:00' }] }, admin));
    const xmas = day.exceptions.find((e) => e.day === '2026-12-25');
    expect(xmas).toMatchObject({ holiday: 'christmas_day', note: null });
    expect([...xmas!.hours].sort((a, b) => a.opens.localeCompare(b.opens))).toEqual([{ opens: '08:00', closes: '09:00' }, { opens: '12:00', closes: '14:00' }]);
    expect((await publicLine(t, 'working_age'))!.week[2]).toEqual({ date: '2026-12-25', hours: [{ opens: '08:00', closes: '09:00' }, { opens: '12:00', closes: '14:00' }] });

    t.clock.now = new Date('2026-12-24T11:00:00+02:00');
    admin = await login(t.app, 'admin');
    expect(await publicLine(t, 'working_age')).toMatchObject({ openNow: true, nextOpening: { date: '2026-12-25', opens: '08:00' } });
    expect(await publicLine(t, 'older_people')).toMatchObject({ openNow: false, nextOpening: { date: '2026-12-28', opens: '09:00' } });
    t.clock.now = new Date('2026-12-23T16:00:00+02:00');
    admin = await login(t.app, 'admin');
  });

  it('refuses overlapping or backwards exception hours, naming the interval; nothing changes', async () => {
    const before = await adminLine(t, admin, 'disability');
    expectFieldError(await put(t, '/api/admin/lines/disability/exceptions/2026-12-30', { hours: [{ opens: '09:00', closes: '12:00' }, { opens: '11:00', closes: '13:00' }] }, admin), 400, 'body.hours.1.opens', 'overlap');
    expectFieldError(await put(t, '/api/admin/lines/disability/exceptions/2026-12-30', { hours: [{ opens: '12:00', closes: '11:00' }] }, admin), 400, 'body.hours.0.closes', 'closes_before_opens');
    expect(await adminLine(t, admin, 'disability')).toEqual(before);
  });
});

// =====================================================================================
describe('code sets', () => {
  let t: TestApp;
  let admin: Session;
  let worker: Session;
  let adminId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    worker = await login(t.app, 'ohjaaja');
    adminId = (await me(t, admin)).id;
  });
  afterAll(async () => { await t.close(); });

  const workerCodes = async (set: string) => ok<{ items: { set: string; code: string; label: object; active: boolean }[] }>(await get(t, `/api/codes?set=${set}`, worker)).items;

  it('lists every set with built-in flags and what uses each code', async () => {
    const codes = await adminCodes(t, admin);
    expect(new Set(codes.map((c) => c.set))).toEqual(new Set(['service_area', 'channel', 'contactor', 'urgency', 'reason', 'outcome', 'referral_outcome']));
    expect(codes.find((c) => c.set === 'reason' && c.code === 'income')).toMatchObject({ label: { fi: 'Toimeentulo, talous ja velat', sv: 'Utkomst, ekonomi och skulder', en: 'Income, finances and debt' }, active: true });
    const wa = codes.find((c) => c.set === 'service_area' && c.code === 'working_age')!;
    expect(wa.usedBy).toEqual(expect.arrayContaining(['line:working_age', 'unit:adult_social_work']));
    // ASSUMPTION: the public form writes web_form and a contact defaults to contactor unknown: the product relies on both
    expect(codes.find((c) => c.set === 'channel' && c.code === 'web_form')?.builtIn).toBe(true);
    expect(codes.find((c) => c.set === 'contactor' && c.code === 'unknown')?.builtIn).toBe(true);
  });

  it('adds a reason in three languages; a guidance worker uses it at once; it is in the history', async () => {
    const label = { fi: 'Energiaköyhyys', sv: 'Energifattigdom', en: 'Energy poverty' };
    const created = ok<AdminCode>(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_energy', label }, admin), 201);
    expect(created).toMatchObject({ set: 'reason', code: 't1_energy', label, active: true, builtIn: false, usedBy: [] });
    const reasons = (await adminCodes(t, admin)).filter((c) => c.set === 'reason' && c.code !== 't1_energy');
    expect(created.sortOrder).toBeGreaterThan(Math.max(...reasons.map((c) => c.sortOrder)));

    expect((await workerCodes('reason')).find((c) => c.code === 't1_energy')).toEqual({ set: 'reason', code: 't1_energy', label, active: true });
    const contact = ok<{ id: string }>(await post(t, '/api/contacts', { ...WALK_IN, mainReason: 't1_energy', additionalReasons: ['t1_energy'] }, worker), 201);
    expect(ok<{ mainReason: string }>(await get(t, `/api/contacts/${contact.id}`, worker)).mainReason).toBe('t1_energy');

    const h = await history(t, admin, 'code', 'reason:t1_energy');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ objectType: 'code', objectKey: 'reason:t1_energy', action: 'create', actor: { id: adminId, name: ADMIN_NAME }, before: null });
    expect(JSON.stringify(h[0]!.after)).toContain('Energifattigdom');
  });

  it('adds a contactor and a channel a worker can use at once', async () => {
    ok(await post(t, '/api/admin/codes', { set: 'contactor', code: 't1_neighbour', label: L3('Naapuri') }, admin), 201);
    ok(await post(t, '/api/admin/codes', { set: 'channel', code: 't1_sms', label: L3('Tekstiviesti') }, admin), 201);
    ok(await post(t, '/api/contacts', { ...WALK_IN, channel: 't1_sms', contactor: 't1_neighbour', anonymous: true, mainReason: 'income' }, worker), 201);
  });

  it('refuses a code already in the set (409 body.code code_in_use); nothing changes', async () => {
    ok(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_dup', label: L3('Eka') }, admin), 201);
    expectConflict(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_dup', label: L3('Toka') }, admin), 'code_in_use', 'body.code');
    expectConflict(await post(t, '/api/admin/codes', { set: 'reason', code: 'income', label: L3('Toka') }, admin), 'code_in_use', 'body.code');
    expect((await adminCodes(t, admin)).find((c) => c.set === 'reason' && c.code === 't1_dup')!.label).toEqual(L3('Eka'));
    expect((await adminCodes(t, admin)).find((c) => c.set === 'reason' && c.code === 'income')!.label.fi).toBe('Toimeentulo, talous ja velat');
    expect(await history(t, admin, 'code', 'reason:t1_dup')).toHaveLength(1);
    expect(await history(t, admin, 'code', 'reason:income')).toHaveLength(0);
  });

  it('retires a code: new contacts cannot use it, the old contact still reads it, /api/codes lists it inactive; restore', async () => {
    ok(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_retire', label: L3('Poistuva') }, admin), 201);
    const old = ok<{ id: string }>(await post(t, '/api/contacts', { ...WALK_IN, mainReason: 't1_retire' }, worker), 201);

    const retired = ok<AdminCode>(await patch(t, '/api/admin/codes/reason/t1_retire', { active: false }, admin));
    expect(retired).toMatchObject({ set: 'reason', code: 't1_retire', active: false, label: L3('Poistuva') });
    const refused = await post(t, '/api/contacts', { ...WALK_IN, mainReason: 't1_retire' }, worker);
    expectFieldError(refused, 400, 'body.mainReason', 'unknown_code');
    expect(ok<{ mainReason: string }>(await get(t, `/api/contacts/${old.id}`, worker)).mainReason).toBe('t1_retire');
    expect((await workerCodes('reason')).find((c) => c.code === 't1_retire')).toEqual({ set: 'reason', code: 't1_retire', label: L3('Poistuva'), active: false });
    expect((await adminCodes(t, admin)).find((c) => c.code === 't1_retire')).toMatchObject({ active: false });

    const h = await history(t, admin, 'code', 'reason:t1_retire');
    expect(h.map((i) => i.action)).toEqual(['retire', 'create']);
    expect(h[0]).toMatchObject({ actor: { id: adminId, name: ADMIN_NAME } });
    expect(h[0]!.before).toMatchObject({ active: true });
    expect(h[0]!.after).toMatchObject({ active: false });

    expect(ok<AdminCode>(await patch(t, '/api/admin/codes/reason/t1_retire', { active: true }, admin)).active).toBe(true);
    ok(await post(t, '/api/contacts', { ...WALK_IN, mainReason: 't1_retire' }, worker), 201);
    expect((await history(t, admin, 'code', 'reason:t1_retire')).map((i) => i.action)).toEqual(['restore', 'retire', 'create']);
  });

  it('refuses to retire a service area a line uses (409 code_required, nothing changed); allows it once no line does', async () => {
    ok(await post(t, '/api/admin/codes', { set: 'service_area', code: 't1_area', label: L3('Alue') }, admin), 201);
    await createLine(t, admin, 't1_area_line', { serviceArea: 't1_area' });
    expect((await adminCodes(t, admin)).find((c) => c.set === 'service_area' && c.code === 't1_area')!.usedBy).toContain('line:t1_area_line');

    const refused = await patch(t, '/api/admin/codes/service_area/t1_area', { active: false, label: L3('Alue uusi') }, admin);
    expectConflict(refused, 'code_required');
    expect((await adminCodes(t, admin)).find((c) => c.set === 'service_area' && c.code === 't1_area')).toMatchObject({ active: true, label: L3('Alue') });
    expect(await history(t, admin, 'code', 'service_area:t1_area')).toHaveLength(1);

    expectConflict(await patch(t, '/api/admin/codes/service_area/working_age', { active: false }, admin), 'code_required');
    expect((await adminCodes(t, admin)).find((c) => c.set === 'service_area' && c.code === 'working_age')!.active).toBe(true);

    ok(await patch(t, '/api/admin/lines/t1_area_line', { serviceArea: null }, admin));
    expect((await adminCodes(t, admin)).find((c) => c.code === 't1_area')!.usedBy).toEqual([]);
    expect(ok<AdminCode>(await patch(t, '/api/admin/codes/service_area/t1_area', { active: false }, admin)).active).toBe(false);
  });

  it('a unit that uses a service area keeps it from being retired too', async () => {
    ok(await post(t, '/api/admin/codes', { set: 'service_area', code: 't1_area_u', label: L3('Alue U') }, admin), 201);
    ok(await post(t, '/api/admin/units', newUnit('t1_area_unit', { serviceArea: 't1_area_u' }), admin), 201);
    expect((await adminCodes(t, admin)).find((c) => c.code === 't1_area_u')!.usedBy).toContain('unit:t1_area_unit');
    expectConflict(await patch(t, '/api/admin/codes/service_area/t1_area_u', { active: false }, admin), 'code_required');
  });

  it('the urgency and referral-outcome sets cannot be added to (400)', async () => {
    expectBadRequestNaming(await post(t, '/api/admin/codes', { set: 'urgency', code: 't1_very_urgent', label: L3('Hyvin kiireellinen') }, admin), 'body.set');
    expectBadRequestNaming(await post(t, '/api/admin/codes', { set: 'referral_outcome', code: 't1_moved', label: L3('Muutti') }, admin), 'body.set');
    expect((await adminCodes(t, admin)).filter((c) => c.set === 'urgency').map((c) => c.code).sort()).toEqual(['emergency', 'non_urgent', 'urgent']);
  });

  it('renames labels (also of a built-in set); the worker sees the new labels at once; history has before and after', async () => {
    const label = { fi: 'Kiireellinen (samana päivänä)', sv: 'Brådskande (samma dag)', en: 'Urgent (same day)' };
    expect(ok<AdminCode>(await patch(t, '/api/admin/codes/urgency/urgent', { label }, admin))).toMatchObject({ set: 'urgency', code: 'urgent', label, active: true });
    expect((await workerCodes('urgency')).find((c) => c.code === 'urgent')).toMatchObject({ label });
    const h = await history(t, admin, 'code', 'urgency:urgent');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ action: 'update', actor: { name: ADMIN_NAME } });
    expect(JSON.stringify(h[0]!.before)).toContain('Brådskande');
    expect(JSON.stringify(h[0]!.before)).not.toContain('samma dag');
    expect(JSON.stringify(h[0]!.after)).toContain('samma dag');

    expect(ok<AdminCode>(await patch(t, '/api/admin/codes/reason/other', { sortOrder: 0 }, admin)).sortOrder).toBe(0);
  });

  it('built-in codes can be renamed but not retired (409 code_required)', async () => {
    const codes = await adminCodes(t, admin);
    const builtIn = codes.filter((c) => c.builtIn && ['service_area', 'channel', 'contactor', 'reason', 'outcome'].includes(c.set));
    expect(builtIn.length).toBeGreaterThan(0);
    for (const c of builtIn.slice(0, 3)) {
      expectConflict(await patch(t, `/api/admin/codes/${c.set}/${c.code}`, { active: false }, admin), 'code_required');
    }
    expectConflict(await patch(t, '/api/admin/codes/channel/web_form', { active: false }, admin), 'code_required');
    expect((await adminCodes(t, admin)).find((c) => c.set === 'channel' && c.code === 'web_form')!.active).toBe(true);
    expect(ok<AdminCode>(await patch(t, '/api/admin/codes/channel/web_form', { label: L3('Lomake') }, admin)).label).toEqual(L3('Lomake'));
  });

  it('answers 404 for an unknown code', async () => {
    expect((await patch(t, '/api/admin/codes/reason/t1_no_such', { label: L3('X') }, admin)).statusCode).toBe(404);
  });
});

// =====================================================================================
describe('organisation: units, regions, municipalities', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => { await t.close(); });

  it('creates a receiving unit with its contact details, days to reach a client and inbox choice', async () => {
    const body = {
      code: 't1_debt_unit', serviceArea: 'working_age', name: { fi: 'Talous- ja velkaneuvonta', sv: 'Ekonomi- och skuldrådgivning', en: 'Financial and debt advice' },
      phone: '06 0000 0160', email: 'velkaneuvonta@example.fi', address: 'Koulukatu 24, 60100 Seinäjoki', clientContactDays: 5, inOpastin: false,
    };
    const created = ok<AdminUnit>(await post(t, '/api/admin/units', body, admin), 201);
    expect(created).toMatchObject({ ...body, active: true, members: 0 });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await organisation(t, admin)).units.find((u) => u.code === 't1_debt_unit')).toEqual(created);
    const staff = ok<{ units: { code: string; active: boolean }[] }>(await get(t, '/api/organisation', admin));
    expect(staff.units.find((u) => u.code === 't1_debt_unit')).toMatchObject({ active: true });

    const defaults = ok<AdminUnit>(await post(t, '/api/admin/units', newUnit('t1_default_unit'), admin), 201);
    expect(defaults).toMatchObject({ phone: null, email: null, address: null, clientContactDays: null, inOpastin: true, active: true, members: 0 });

    const h = await history(t, admin, 'unit', 't1_debt_unit');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ action: 'create', actor: { name: ADMIN_NAME }, before: null });
    expect(JSON.stringify(h[0]!.after)).toContain('velkaneuvonta@example.fi');
  });

  it('refuses a duplicate unit code (409 body.code code_in_use); patches a unit; deactivates an ordinary unit', async () => {
    expectConflict(await post(t, '/api/admin/units', newUnit('adult_social_work'), admin), 'code_in_use', 'body.code');
    expect((await organisation(t, admin)).units.find((u) => u.code === 'adult_social_work')).toMatchObject({ name: { fi: 'Aikuissosiaalityö' } });

    ok(await post(t, '/api/admin/units', newUnit('t1_patch_unit', { phone: '06 0000 0161', clientContactDays: 3 }), admin), 201);
    const patched = ok<AdminUnit>(await patch(t, '/api/admin/units/t1_patch_unit', { phone: null, clientContactDays: 10, inOpastin: false, serviceArea: 'older_people', name: L3('Uusi nimi') }, admin));
    expect(patched).toMatchObject({ code: 't1_patch_unit', phone: null, clientContactDays: 10, inOpastin: false, serviceArea: 'older_people', name: L3('Uusi nimi'), active: true });
    const h = await history(t, admin, 'unit', 't1_patch_unit');
    expect(h.map((i) => i.action)).toEqual(['update', 'create']);
    expect(JSON.stringify(h[0]!.before)).toContain('06 0000 0161');

    expect(ok<AdminUnit>(await patch(t, '/api/admin/units/t1_patch_unit', { active: false }, admin)).active).toBe(false);
    const staff = ok<{ units: { code: string; active: boolean }[] }>(await get(t, '/api/organisation', admin));
    expect(staff.units.find((u) => u.code === 't1_patch_unit')).toMatchObject({ active: false });
    expect((await history(t, admin, 'unit', 't1_patch_unit'))[0]!.action).toBe('deactivate');
  });

  it('refuses to deactivate the social emergency unit (409 unit_in_use); nothing changes', async () => {
    const before = (await organisation(t, admin)).units.find((u) => u.code === 'sosiaalipaivystys');
    expect(before).toMatchObject({ active: true });
    expectConflict(await patch(t, '/api/admin/units/sosiaalipaivystys', { active: false }, admin), 'unit_in_use');
    expect((await organisation(t, admin)).units.find((u) => u.code === 'sosiaalipaivystys')).toEqual(before);
    expect(await history(t, admin, 'unit', 'sosiaalipaivystys')).toHaveLength(0);
  });

  it('refuses unknown service areas for units', async () => {
    expectBadRequestNaming(await post(t, '/api/admin/units', newUnit('t1_bad_area_unit', { serviceArea: 'no_such_area' }), admin), 'body.serviceArea');
    expect((await organisation(t, admin)).units.find((u) => u.code === 't1_bad_area_unit')).toBeUndefined();
    expect((await patch(t, '/api/admin/units/t1_no_such_unit', { phone: null }, admin)).statusCode).toBe(404);
  });

  it('creates a region and moves municipalities to it; refuses a duplicate region code', async () => {
    const res = await post(t, '/api/admin/regions', { code: 't1_region', name: L3('Testialue'), municipalities: ['005', '010'] }, admin);
    expect(res.statusCode, res.body).toBe(201);
    let org = await organisation(t, admin);
    expect(org.regions.find((r) => r.code === 't1_region')).toMatchObject({ name: L3('Testialue') });
    expect([...org.regions.find((r) => r.code === 't1_region')!.municipalities].sort()).toEqual(['005', '010']);
    expect(org.municipalities.find((m) => m.code === '005')).toMatchObject({ region: 't1_region' });
    expect(org.regions.find((r) => r.code === 'lapua_kaksineuvoinen_jarvipohjanmaa_kuussote')!.municipalities).not.toContain('005');

    expectConflict(await post(t, '/api/admin/regions', { code: 'seinajoki_isokyro', name: L3('Kopio') }, admin), 'code_in_use', 'body.code');
    expect((await organisation(t, admin)).regions.find((r) => r.code === 'seinajoki_isokyro')).toMatchObject({ name: { fi: 'Seinäjoki ja Isokyrö' } });

    ok(await patch(t, '/api/admin/regions/t1_region', { name: L3('Testialue 2'), municipalities: ['052'] }, admin));
    org = await organisation(t, admin);
    expect(org.regions.find((r) => r.code === 't1_region')).toMatchObject({ name: L3('Testialue 2') });
    expect(org.regions.find((r) => r.code === 't1_region')!.municipalities).toContain('052');
    expect(org.municipalities.find((m) => m.code === '052')).toMatchObject({ region: 't1_region' });

    const h = await history(t, admin, 'region', 't1_region');
    expect(h.map((i) => i.action)).toEqual(['update', 'create']);
    expect(JSON.stringify(h[0]!.before)).toContain('Testialue fi');
    expect(JSON.stringify(h[0]!.after)).toContain('Testialue 2 fi');
    expect((await patch(t, '/api/admin/regions/t1_no_such_region', { name: L3('X') }, admin)).statusCode).toBe(404);
  });

  it('creates and patches a municipality; refuses a duplicate and an unknown region', async () => {
    ok(await post(t, '/api/admin/regions', { code: 't1_region_m', name: L3('Kuntien alue') }, admin), 201);
    ok(await post(t, '/api/admin/municipalities', { code: '998', name: { fi: 'Testikylä', sv: 'Testby' }, region: 't1_region_m' }, admin), 201);
    let org = await organisation(t, admin);
    expect(org.municipalities.find((m) => m.code === '998')).toEqual({ code: '998', name: { fi: 'Testikylä', sv: 'Testby' }, region: 't1_region_m' });
    expect(org.regions.find((r) => r.code === 't1_region_m')!.municipalities).toEqual(['998']);

    expectConflict(await post(t, '/api/admin/municipalities', { code: '743', name: { fi: 'Kopio', sv: 'Kopia' } }, admin), 'code_in_use', 'body.code');
    expect((await organisation(t, admin)).municipalities.find((m) => m.code === '743')).toEqual({ code: '743', name: { fi: 'Seinäjoki', sv: 'Seinäjoki' }, region: 'seinajoki_isokyro' });
    expectBadRequestNaming(await post(t, '/api/admin/municipalities', { code: '997', name: { fi: 'X', sv: 'X' }, region: 'no_such_region' }, admin), 'body.region');

    ok(await patch(t, '/api/admin/municipalities/998', { name: { fi: 'Testikylä 2', sv: 'Testby 2' }, region: null }, admin));
    org = await organisation(t, admin);
    expect(org.municipalities.find((m) => m.code === '998')).toEqual({ code: '998', name: { fi: 'Testikylä 2', sv: 'Testby 2' }, region: null });
    expect(org.regions.find((r) => r.code === 't1_region_m')!.municipalities).toEqual([]);
    const h = await history(t, admin, 'municipality', '998');
    expect(h.map((i) => i.action)).toEqual(['update', 'create']);
    expect(JSON.stringify(h[0]!.before)).toContain('Testikylä');
    expect((await patch(t, '/api/admin/municipalities/996', { region: null }, admin)).statusCode).toBe(404);
  });
});

// =====================================================================================
describe('people', () => {
  let t: TestApp;
  let admin: Session;
  let worker: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    worker = await login(t.app, 'ohjaaja');
  });
  afterAll(async () => { await t.close(); });

  const PASSWORD = 'velka-neuvoja-2026-salasana';

  it('a user in a new unit signs in and sees the unit\'s inbox, with a referral sent to it', async () => {
    ok(await post(t, '/api/admin/units', newUnit('t1_people_unit', { name: L3('Velkaneuvonta') }), admin), 201);
    const created = ok<AdminUser>(await post(t, '/api/admin/users', {
      username: 'T1.Velkaneuvoja', displayName: 'Veli Velkaneuvoja', email: 'veli@example.fi', password: PASSWORD, roles: ['unit_worker'], units: ['t1_people_unit'],
    }, admin), 201);
    expect(created).toMatchObject({ username: 't1.velkaneuvoja', displayName: 'Veli Velkaneuvoja', email: 'veli@example.fi', active: true, sso: false, roles: ['unit_worker'], units: ['t1_people_unit'], lastLoginAt: null });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);

    const list = ok<{ items: AdminUserListItem[]; total: number }>(await get(t, '/api/admin/users', admin));
    expect(list.total).toBe(list.items.length);
    expect(list.items.find((u) => u.id === created.id)).toEqual({ id: created.id, username: 't1.velkaneuvoja', displayName: 'Veli Velkaneuvoja', active: true, roles: ['unit_worker'], units: ['t1_people_unit'] });
    expect((await organisation(t, admin)).units.find((u) => u.code === 't1_people_unit')!.members).toBe(1);

    const user = await login(t.app, 't1.velkaneuvoja', PASSWORD);
    expect(await me(t, user)).toMatchObject({ username: 't1.velkaneuvoja', roles: ['unit_worker'] });
    const empty = ok<{ items: unknown[]; total: number }>(await get(t, '/api/referrals', user));
    expect(empty).toMatchObject({ items: [], total: 0 });

    // a guidance worker refers a client to the new unit: it lands in the user's inbox
    const c = ok<{ id: string }>(await post(t, '/api/contacts', { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', note: 'Velat.', person: { name: 'Jaska Jokunen', phone: '040 765 4321' } }, worker), 201);
    const consent = ok<{ id: string }>(await post(t, `/api/contacts/${c.id}/consents`, { givenBy: 'client', method: 'verbal', purpose: 'forward_to_unit', target: 'Velkaneuvonta' }, worker));
    ok(await post(t, `/api/contacts/${c.id}/referrals`, { kind: 'message_to_service', unit: 't1_people_unit', consentId: consent.id, summary: 'Velkaneuvontaa tarvitaan.', needs: ['income'], shareResidentMessage: false }, worker), 201);
    const inbox = ok<{ items: { unit: string | null; needs: string[] }[]; total: number }>(await get(t, '/api/referrals', user));
    expect(inbox.total).toBe(1);
    expect(inbox.items[0]).toMatchObject({ unit: 't1_people_unit', needs: ['income'] });

    const detail = ok<AdminUser>(await get(t, `/api/admin/users/${created.id}`, admin));
    expect(detail).toMatchObject({ id: created.id, username: 't1.velkaneuvoja', active: true, units: ['t1_people_unit'] });
    expect(detail.lastLoginAt).not.toBeNull();

    const h = await history(t, admin, 'user', created.id);
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ objectType: 'user', objectKey: created.id, action: 'create', actor: { name: ADMIN_NAME }, before: null });
    expect(JSON.stringify(h[0]!.after)).toContain('t1.velkaneuvoja');
    expect(JSON.stringify(h[0]!.after)).not.toContain(PASSWORD);
    expect(JSON.stringify(h[0]!.after)).not.toMatch(/\$(argon2|scrypt|2[aby]\$)|password_hash|passwordHash/);
  });

  it('deactivating a user ends their session at once and stops their login', async () => {
    const created = ok<AdminUser>(await post(t, '/api/admin/users', { username: 't1.lahtija', displayName: 'Leo Lähtijä', password: PASSWORD, roles: ['guidance_worker'] }, admin), 201);
    const user = await login(t.app, 't1.lahtija', PASSWORD);
    ok(await get(t, '/api/auth/me', user));
    ok(await get(t, '/api/codes', user));

    expect(ok<AdminUser>(await patch(t, `/api/admin/users/${created.id}`, { active: false }, admin))).toMatchObject({ active: false });
    expect((await get(t, '/api/auth/me', user)).statusCode).toBe(401);
    expect((await get(t, '/api/codes', user)).statusCode).toBe(401);
    expect((await get(t, '/api/contacts', user)).statusCode).toBe(401);
    expect(await loginStatus(t, 't1.lahtija', PASSWORD)).not.toBe(200);

    const h = await history(t, admin, 'user', created.id);
    expect(h.map((i) => i.action)).toEqual(['deactivate', 'create']);
    expect(h[0]!.before).toMatchObject({ active: true });
    expect(h[0]!.after).toMatchObject({ active: false });

    expect(ok<AdminUser>(await patch(t, `/api/admin/users/${created.id}`, { active: true }, admin)).active).toBe(true);
    expect(await loginStatus(t, 't1.lahtija', PASSWORD)).toBe(200);
    expect((await history(t, admin, 'user', created.id))[0]!.action).toBe('activate');
  });

  it('a new password ends the user\'s sessions; a short one is refused naming the field', async () => {
    const created = ok<AdminUser>(await post(t, '/api/admin/users', { username: 't1.salasana', displayName: 'Salla Salasana', password: PASSWORD, roles: ['guidance_worker'] }, admin), 201);
    const user = await login(t.app, 't1.salasana', PASSWORD);
    expectBadRequestNaming(await patch(t, `/api/admin/users/${created.id}`, { password: 'lyhyt' }, admin), 'body.password');
    ok(await get(t, '/api/auth/me', user));
    ok(await patch(t, `/api/admin/users/${created.id}`, { password: 'uusi-salasana-2026-pitka' }, admin));
    expect((await get(t, '/api/auth/me', user)).statusCode).toBe(401);
    expect(await loginStatus(t, 't1.salasana', 'uusi-salasana-2026-pitka')).toBe(200);
    expectBadRequestNaming(await post(t, '/api/admin/users', { username: 't1.lyhyt', displayName: 'L', password: 'lyhyt', roles: ['guidance_worker'] }, admin), 'body.password');
    const h = await history(t, admin, 'user', created.id);
    expect(JSON.stringify(h)).not.toContain('uusi-salasana-2026-pitka');
  });

  it('changes roles and units', async () => {
    const created = ok<AdminUser>(await post(t, '/api/admin/users', { username: 't1.roolit', displayName: 'Rauni Roolit', password: PASSWORD, roles: ['guidance_worker'] }, admin), 201);
    const changed = ok<AdminUser>(await patch(t, `/api/admin/users/${created.id}`, { roles: ['unit_worker'], units: ['child_welfare'], displayName: 'Rauni Rooli' }, admin));
    expect(changed).toMatchObject({ roles: ['unit_worker'], units: ['child_welfare'], displayName: 'Rauni Rooli' });
    const s = await login(t.app, 't1.roolit', PASSWORD);
    expect((await me(t, s)).roles).toEqual(['unit_worker']);
    const h = await history(t, admin, 'user', created.id);
    expect(h[0]).toMatchObject({ action: 'update' });
    expect(JSON.stringify(h[0]!.before)).toContain('guidance_worker');
    expect(JSON.stringify(h[0]!.after)).toContain('child_welfare');
    expectBadRequestNaming(await patch(t, `/api/admin/users/${created.id}`, { units: ['t1_no_such_unit'] }, admin), 'body.units');
    expect(ok<AdminUser>(await get(t, `/api/admin/users/${created.id}`, admin)).units).toEqual(['child_welfare']);
  });

  it('the last active administrator cannot be deactivated or demoted (409 last_admin); nothing changes', async () => {
    const adminId = (await me(t, admin)).id;
    const before = ok<AdminUser>(await get(t, `/api/admin/users/${adminId}`, admin));
    expectConflict(await patch(t, `/api/admin/users/${adminId}`, { active: false }, admin), 'last_admin');
    expectConflict(await patch(t, `/api/admin/users/${adminId}`, { roles: ['guidance_worker'] }, admin), 'last_admin');
    const after = ok<AdminUser>(await get(t, `/api/admin/users/${adminId}`, admin));
    expect({ ...after, lastLoginAt: null }).toEqual({ ...before, lastLoginAt: null });
    ok(await get(t, '/api/admin/users', admin));
    expect((await history(t, admin, 'user', adminId)).length).toBe(0);

    // with a second administrator, the second can be demoted (the first remains)
    const second = ok<AdminUser>(await post(t, '/api/admin/users', { username: 't1.admin.b', displayName: 'Bertta Ylläpitäjä', password: PASSWORD, roles: ['admin'] }, admin), 201);
    expect(ok<AdminUser>(await patch(t, `/api/admin/users/${second.id}`, { roles: ['guidance_worker'] }, admin)).roles).toEqual(['guidance_worker']);
  });

  it('a county administrator cannot grant platform_admin', async () => {
    const countBefore = ok<{ total: number }>(await get(t, '/api/admin/users', admin)).total;
    const create = await post(t, '/api/admin/users', { username: 't1.alusta2', displayName: 'Pia Platform', password: PASSWORD, roles: ['platform_admin'] }, admin);
    expect([400, 403], create.body).toContain(create.statusCode);
    expect(ok<{ total: number }>(await get(t, '/api/admin/users', admin)).total).toBe(countBefore);
    expect(await loginStatus(t, 't1.alusta2', PASSWORD)).not.toBe(200);

    const ohjaajaId = await userId(t, admin, 'ohjaaja');
    const grant = await patch(t, `/api/admin/users/${ohjaajaId}`, { roles: ['guidance_worker', 'platform_admin'] }, admin);
    expect([400, 403], grant.body).toContain(grant.statusCode);
    expect(ok<AdminUser>(await get(t, `/api/admin/users/${ohjaajaId}`, admin)).roles).toEqual(['guidance_worker']);
    const self = await patch(t, `/api/admin/users/${(await me(t, admin)).id}`, { roles: ['admin', 'platform_admin'] }, admin);
    expect([400, 403], self.body).toContain(self.statusCode);
  });

  it('refuses a duplicate username (409) and answers 404 for an unknown user', async () => {
    const dup = await post(t, '/api/admin/users', { username: 'ohjaaja', displayName: 'Toinen Ohjaaja', password: PASSWORD, roles: ['guidance_worker'] }, admin);
    expect(dup.statusCode, dup.body).toBe(409);
    expect(await loginStatus(t, 'ohjaaja', 'opastin-demo-2026')).toBe(200);
    expect((await get(t, `/api/admin/users/${randomUUID()}`, admin)).statusCode).toBe(404);
    expect((await patch(t, `/api/admin/users/${randomUUID()}`, { displayName: 'X' }, admin)).statusCode).toBe(404);
  });
});

// =====================================================================================
describe('site and policy settings', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => { await t.close(); });

  it('reads the demo county\'s settings', async () => {
    const s = await settings(t, admin);
    expect(s).toMatchObject({
      county: { code: COUNTY, name: { fi: 'Etelä-Pohjanmaan hyvinvointialue' } },
      crisisPhone: '06 0000 0112', feedbackEmail: 'saavutettavuus@example.fi', statementDate: '2026-11-22',
      socialEmergency: { phone: '06 0000 0113', unit: 'sosiaalipaivystys', weekly: [] },
      chat: { maxPerWorker: 3, idleMinutes: 10 },
      adviceRetentionDays: null, installationAdviceRetentionDays: t.config.adviceRetentionDays,
    });
    expect(s.links.map((l) => l.url)).toEqual(['https://www.suomi.fi/', 'https://www.kela.fi/', 'https://www.omaolo.fi/', 'https://mieli.fi/']);
  });

  it('a crisis phone change shows on the public site at once and in the history', async () => {
    expect((await publicSite(t)).crisisPhone).toBe('06 0000 0112');
    expect(ok<AdminSettings>(await patch(t, '/api/admin/settings', { crisisPhone: '06 0000 0999' }, admin)).crisisPhone).toBe('06 0000 0999');
    expect((await publicSite(t)).crisisPhone).toBe('06 0000 0999');
    expect((await settings(t, admin)).crisisPhone).toBe('06 0000 0999');
    const h = await history(t, admin, 'settings', 'site');
    expect(h[0]).toMatchObject({ objectType: 'settings', objectKey: 'site', action: 'update', actor: { name: ADMIN_NAME } });
    expect(JSON.stringify(h[0]!.before)).toContain('06 0000 0112');
    expect(JSON.stringify(h[0]!.after)).toContain('06 0000 0999');

    ok(await patch(t, '/api/admin/settings', { socialEmergencyPhone: '06 0000 0998' }, admin));
    expect((await publicSite(t)).socialEmergency.phone).toBe('06 0000 0998');
  });

  it('refuses an invalid e-mail, an http statement address and an unknown unit, naming the field; nothing changes', async () => {
    const before = await settings(t, admin);
    const historyBefore = await history(t, admin, 'settings', 'site');
    expectFieldError(await patch(t, '/api/admin/settings', { feedbackEmail: 'ei sähköposti' }, admin), 400, 'body.feedbackEmail', 'invalid_format');
    expectBadRequestNaming(await patch(t, '/api/admin/settings', { statementUrl: 'http://example.fi/saavutettavuus' }, admin), 'body.statementUrl');
    expectBadRequestNaming(await patch(t, '/api/admin/settings', { socialEmergencyUnit: 't1_no_such_unit', crisisPhone: '06 0000 0555' }, admin), 'body.socialEmergencyUnit');
    // ASSUMPTION: the social emergency service's weekly hours follow the lines' rules
    expectFieldError(await patch(t, '/api/admin/settings', { socialEmergencyWeekly: [{ weekday: 6, opens: '08:00', closes: '12:00' }, { weekday: 6, opens: '11:00', closes: '13:00' }] }, admin), 400, 'body.socialEmergencyWeekly.1.opens', 'overlap');
    expectBadRequestNaming(await patch(t, '/api/admin/settings', { chatMaxPerWorker: 11 }, admin), 'body.chatMaxPerWorker');
    expect(await settings(t, admin)).toEqual(before);
    expect(await history(t, admin, 'settings', 'site')).toEqual(historyBefore);
    expect((await publicSite(t)).crisisPhone).toBe(before.crisisPhone);
  });

  it('the county\'s advice retention and the statement address are kept', async () => {
    // ASSUMPTION: the public site states the county's own retention once it has chosen one
    const s = ok<AdminSettings>(await patch(t, '/api/admin/settings', { adviceRetentionDays: 30, statementUrl: 'https://example.fi/saavutettavuus' }, admin));
    expect(s).toMatchObject({ adviceRetentionDays: 30, statementUrl: 'https://example.fi/saavutettavuus' });
    expect((await publicSite(t)).adviceRetentionDays).toBe(30);
    expect(ok<AdminSettings>(await patch(t, '/api/admin/settings', { adviceRetentionDays: null }, admin)).adviceRetentionDays).toBeNull();
    expect((await publicSite(t)).adviceRetentionDays).toBe(t.config.adviceRetentionDays);
  });

  it('adds, changes and removes a self-service link; the public site follows at once', async () => {
    const label = { fi: 'Velkaneuvonta', sv: 'Skuldrådgivning', en: 'Debt advice' };
    const link = ok<{ id: string; url: string; label: object; sortOrder: number }>(await post(t, '/api/admin/links', { url: 'https://www.velkaneuvonta.fi/', label }, admin), 201);
    expect(link).toMatchObject({ url: 'https://www.velkaneuvonta.fi/', label });
    expect((await publicSite(t)).selfServiceLinks).toContainEqual({ url: 'https://www.velkaneuvonta.fi/', label });
    ok(await patch(t, `/api/admin/links/${link.id}`, { url: 'https://www.takuusaatio.fi/' }, admin));
    expect((await publicSite(t)).selfServiceLinks.map((l) => l.url)).toContain('https://www.takuusaatio.fi/');
    expect((await publicSite(t)).selfServiceLinks.map((l) => l.url)).not.toContain('https://www.velkaneuvonta.fi/');
    expectBadRequestNaming(await post(t, '/api/admin/links', { url: 'http://insecure.example.fi/', label }, admin), 'body.url');
    // corrected after the first run: the contract gives no status for DELETE /admin/links/{id}; 204 is as right as 200
    const removed = await del(t, `/api/admin/links/${link.id}`, admin);
    expect([200, 204], removed.body).toContain(removed.statusCode);
    expect((await publicSite(t)).selfServiceLinks.map((l) => l.url)).not.toContain('https://www.takuusaatio.fi/');
    expect((await del(t, `/api/admin/links/${link.id}`, admin)).statusCode).toBe(404);
    expect((await history(t, admin, 'link', link.id)).map((i) => i.action)).toEqual(['delete', 'update', 'create']);
  });
});

// =====================================================================================
describe('several counties, roles and sessions', () => {
  let t: TestApp;
  let admin: Session;
  let platform: Session;
  let admin2: Session;
  let county2Id: string;
  const C2 = 't1_county';
  const ADMIN2_PASSWORD = 'kakkonen-2026-salasana';
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    platform = await platformAdmin(t);
    const created = ok<{ id: string; code: string; adminId: string }>(await post(t, '/api/platform/counties', {
      code: C2, name: { fi: 'Testimaan hyvinvointialue', sv: 'Testlands välfärdsområde', en: 'Testland wellbeing county' },
      admin: { username: 't1.admin2', displayName: 'Kaisa Kakkonen', email: 'kaisa@example.fi', password: ADMIN2_PASSWORD },
    }, platform), 201);
    expect(created.code).toBe(C2);
    county2Id = created.id;
    admin2 = await login(t.app, 't1.admin2', ADMIN2_PASSWORD);
  });
  afterAll(async () => { await t.close(); });

  it('the demo has a platform administrator `alusta`', async () => {
    expect(await loginStatus(t, 'alusta', 'opastin-demo-2026')).toBe(200);
    const s = await login(t.app, 'alusta');
    expect((await me(t, s)).roles).toContain('platform_admin');
  });

  it('the platform administrator lists the counties; a duplicate county code is refused', async () => {
    const list = ok<{ items: { id: string; code: string; name: object; admins: number; users: number }[]; total: number }>(await get(t, '/api/platform/counties', platform));
    expect(list.total).toBe(list.items.length);
    expect(list.items.find((c) => c.code === COUNTY)).toMatchObject({ admins: 1 });
    expect(list.items.find((c) => c.code === C2)).toMatchObject({ id: county2Id, admins: 1, users: 1, name: { fi: 'Testimaan hyvinvointialue' } });
    const dup = await post(t, '/api/platform/counties', { code: C2, name: L3('Kopio'), admin: { username: 't1.admin3', displayName: 'K', password: ADMIN2_PASSWORD } }, platform);
    expect(dup.statusCode, dup.body).toBe(409);
    expect(await loginStatus(t, 't1.admin3', ADMIN2_PASSWORD)).not.toBe(200);
    expect((await me(t, admin2)).roles).toEqual(['admin']);
  });

  it('a county administrator gets 403 on the platform routes; so does every other role', async () => {
    const body = { code: 't1_other', name: L3('Muu'), admin: { username: 't1.admin4', displayName: 'M', password: ADMIN2_PASSWORD } };
    for (const s of [admin, admin2, await login(t.app, 'ohjaaja'), await login(t.app, 'esihenkilo')]) {
      expect((await get(t, '/api/platform/counties', s)).statusCode).toBe(403);
      expect((await post(t, '/api/platform/counties', body, s)).statusCode).toBe(403);
    }
    expect((await get(t, '/api/platform/counties', null)).statusCode).toBe(401);
    expect(ok<{ items: { code: string }[] }>(await get(t, '/api/platform/counties', platform)).items.map((c) => c.code)).not.toContain('t1_other');
  });

  it('county 2\'s administrator: lines of county 1 are invisible and unchangeable', async () => {
    const c1Before = await adminLine(t, admin, 'working_age');
    const lines2 = await adminLines(t, admin2);
    const c1Codes = (await adminLines(t, admin)).items.map((l) => l.code);
    expect(lines2.items.filter((l) => c1Codes.includes(l.code))).toEqual([]);
    expect((await patch(t, '/api/admin/lines/working_age', { phoneNumber: '06 0000 0666' }, admin2)).statusCode).toBe(404);
    expect((await put(t, '/api/admin/lines/working_age/hours', { weekly: [] }, admin2)).statusCode).toBe(404);
    expect((await put(t, '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: [] }, admin2)).statusCode).toBe(404);
    expect((await del(t, '/api/admin/lines/working_age/exceptions/2026-12-01', admin2)).statusCode).toBe(404);
    // a line in county 2 may not use county 1's region
    expectBadRequestNaming(await post(t, '/api/admin/lines', newLine('t1_c2_region_line', { region: 'seinajoki_isokyro' }), admin2), 'body.region');
    expect(await adminLine(t, admin, 't1_c2_region_line')).toBeUndefined();
    expect(await adminLine(t, admin, 'working_age')).toEqual(c1Before);

    // the same code in county 2 is county 2's own line
    const own = await createLine(t, admin2, 'working_age', { phoneNumber: '09 0000 0100' });
    expect(own).toMatchObject({ code: 'working_age', phoneNumber: '09 0000 0100', menuNumber: null });
    expect(ok<AdminLine>(await patch(t, '/api/admin/lines/working_age', { phoneNumber: '09 0000 0101' }, admin2)).phoneNumber).toBe('09 0000 0101');
    ok(await put(t, '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: [] }, admin2));
    expect(await adminLine(t, admin, 'working_age')).toEqual(c1Before);
    expect(await publicLine(t, 'working_age')).toMatchObject({ phoneNumber: '06 0000 0100' });
    expect((await publicLines(t, C2)).find((l) => l.code === 'working_age')).toMatchObject({ phoneNumber: '09 0000 0101' });
    expect((await adminLines(t, admin)).items.filter((l) => l.code === 'working_age')).toHaveLength(1);
    ok(await get(t, '/api/admin/calendar?from=2026-12-01&to=2026-12-31', admin2));
  });

  it('county 2\'s administrator: codes of county 1 are invisible and unchangeable', async () => {
    ok(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_c1_reason', label: L3('Ykkösen syy') }, admin), 201);
    expect((await adminCodes(t, admin2)).find((c) => c.code === 't1_c1_reason')).toBeUndefined();
    expect((await patch(t, '/api/admin/codes/reason/t1_c1_reason', { label: L3('Kakkosen muutos') }, admin2)).statusCode).toBe(404);
    expect((await patch(t, '/api/admin/codes/reason/t1_c1_reason', { active: false }, admin2)).statusCode).toBe(404);
    expect((await adminCodes(t, admin)).find((c) => c.code === 't1_c1_reason')).toMatchObject({ label: L3('Ykkösen syy'), active: true });

    // county 2's own code with the same name is its own
    ok(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_c1_reason', label: L3('Kakkosen syy') }, admin2), 201);
    ok(await patch(t, '/api/admin/codes/reason/t1_c1_reason', { active: false }, admin2));
    expect((await adminCodes(t, admin)).find((c) => c.code === 't1_c1_reason')).toMatchObject({ label: L3('Ykkösen syy'), active: true });

    const incomeBefore = (await adminCodes(t, admin)).find((c) => c.set === 'reason' && c.code === 'income');
    const renamed = await patch(t, '/api/admin/codes/reason/income', { label: L3('Kakkosen toimeentulo') }, admin2);
    expect([200, 404]).toContain(renamed.statusCode);
    expect((await adminCodes(t, admin)).find((c) => c.set === 'reason' && c.code === 'income')).toEqual(incomeBefore);
  });

  it('county 2\'s administrator: regions, municipalities and units of county 1 are invisible and unchangeable', async () => {
    const c1Before = await organisation(t, admin);
    const org2 = await organisation(t, admin2);
    expect(org2.regions.filter((r) => c1Before.regions.some((x) => x.code === r.code))).toEqual([]);
    expect(org2.municipalities.filter((m) => c1Before.municipalities.some((x) => x.code === m.code))).toEqual([]);
    expect(org2.units.filter((u) => c1Before.units.some((x) => x.id === u.id || x.code === u.code))).toEqual([]);

    expect((await patch(t, '/api/admin/regions/seinajoki_isokyro', { name: L3('Kaapattu') }, admin2)).statusCode).toBe(404);
    expect((await patch(t, '/api/admin/municipalities/743', { region: null }, admin2)).statusCode).toBe(404);
    expect((await patch(t, '/api/admin/units/adult_social_work', { phone: '09 0000 0666' }, admin2)).statusCode).toBe(404);
    expect((await patch(t, '/api/admin/units/sosiaalipaivystys', { active: false }, admin2)).statusCode).toBe(404);

    // creating in county 2 may not take county 1's municipalities or regions
    const r = await post(t, '/api/admin/regions', { code: 't1_c2_region', name: L3('Kakkosalue'), municipalities: ['743'] }, admin2);
    expect([400, 404], r.body).toContain(r.statusCode);
    const m = await post(t, '/api/admin/municipalities', { code: '995', name: { fi: 'Kakkoskylä', sv: 'Tvåby' }, region: 'seinajoki_isokyro' }, admin2);
    expect(m.statusCode, m.body).toBe(400);
    expect(await organisation(t, admin)).toEqual(c1Before);

    ok(await post(t, '/api/admin/regions', { code: 't1_c2_region', name: L3('Kakkosalue') }, admin2), 201);
    ok(await post(t, '/api/admin/municipalities', { code: '995', name: { fi: 'Kakkoskylä', sv: 'Tvåby' }, region: 't1_c2_region' }, admin2), 201);
    const c1After = await organisation(t, admin);
    expect(c1After.regions.map((x) => x.code)).not.toContain('t1_c2_region');
    expect(c1After.municipalities.map((x) => x.code)).not.toContain('995');
  });

  it('county 2\'s administrator: settings and links of county 1 are invisible and unchangeable', async () => {
    const c1Before = await settings(t, admin);
    const s2 = await settings(t, admin2);
    expect(s2.county.code).toBe(C2);
    expect(s2.links.filter((l) => c1Before.links.some((x) => x.id === l.id))).toEqual([]);
    expect(s2.crisisPhone).not.toBe('06 0000 0112');

    ok(await patch(t, '/api/admin/settings', { crisisPhone: '09 0000 0112', feedbackEmail: 'kakkonen@example.fi' }, admin2));
    expect((await settings(t, admin2)).crisisPhone).toBe('09 0000 0112');
    expectBadRequestNaming(await patch(t, '/api/admin/settings', { socialEmergencyUnit: 'sosiaalipaivystys' }, admin2), 'body.socialEmergencyUnit');

    const c1Link = c1Before.links[0]!;
    expect((await patch(t, `/api/admin/links/${c1Link.id}`, { url: 'https://evil.example.fi/' }, admin2)).statusCode).toBe(404);
    expect((await del(t, `/api/admin/links/${c1Link.id}`, admin2)).statusCode).toBe(404);
    ok(await post(t, '/api/admin/links', { url: 'https://kakkonen.example.fi/', label: L3('Kakkonen') }, admin2), 201);

    expect(await settings(t, admin)).toEqual(c1Before);
    const site1 = await publicSite(t);
    expect(site1.crisisPhone).toBe('06 0000 0112');
    expect(site1.selfServiceLinks.map((l) => l.url)).toEqual(['https://www.suomi.fi/', 'https://www.kela.fi/', 'https://www.omaolo.fi/', 'https://mieli.fi/']);
    expect((await publicSite(t, C2)).crisisPhone).toBe('09 0000 0112');
  });

  it('county 2\'s administrator: users of county 1 are invisible and unchangeable, and the other way round', async () => {
    const users2 = ok<{ items: AdminUserListItem[] }>(await get(t, '/api/admin/users', admin2)).items;
    expect(users2.map((u) => u.username)).toEqual(['t1.admin2']);
    const ohjaajaId = await userId(t, admin, 'ohjaaja');
    const adminId = await userId(t, admin, 'admin');
    expect((await get(t, `/api/admin/users/${ohjaajaId}`, admin2)).statusCode).toBe(404);
    expect((await patch(t, `/api/admin/users/${ohjaajaId}`, { active: false }, admin2)).statusCode).toBe(404);
    expect((await patch(t, `/api/admin/users/${adminId}`, { roles: ['guidance_worker'] }, admin2)).statusCode).toBe(404);
    expect((await patch(t, `/api/admin/users/${ohjaajaId}`, { password: 'kaapattu-salasana-2026' }, admin2)).statusCode).toBe(404);
    expect(await loginStatus(t, 'ohjaaja', 'opastin-demo-2026')).toBe(200);
    expect(ok<AdminUser>(await get(t, `/api/admin/users/${adminId}`, admin)).roles).toEqual(['admin']);

    // a county 2 user cannot be bound to county 1's unit
    expectBadRequestNaming(await post(t, '/api/admin/users', { username: 't1.c2.worker', displayName: 'K', password: ADMIN2_PASSWORD, roles: ['unit_worker'], units: ['adult_social_work'] }, admin2), 'body.units');

    const admin2Id = users2[0]!.id;
    expect(ok<{ items: AdminUserListItem[] }>(await get(t, '/api/admin/users', admin)).items.map((u) => u.id)).not.toContain(admin2Id);
    expect((await get(t, `/api/admin/users/${admin2Id}`, admin)).statusCode).toBe(404);
    expect((await patch(t, `/api/admin/users/${admin2Id}`, { active: false }, admin)).statusCode).toBe(404);
    ok(await get(t, '/api/auth/me', admin2));
    // county 2's only administrator is its last one
    expectConflict(await patch(t, `/api/admin/users/${admin2Id}`, { active: false }, admin2), 'last_admin');
  });

  it('county 2\'s administrator: county 1\'s history is invisible', async () => {
    ok(await patch(t, '/api/admin/lines/older_people', { phoneNumber: '06 0000 0102' }, admin));
    const c1 = await history(t, admin, 'line', 'older_people');
    expect(c1).toHaveLength(1);
    expect(await history(t, admin2, 'line', 'older_people')).toEqual([]);
    const all2 = await history(t, admin2, undefined, undefined, 500);
    const c1Ids = new Set((await history(t, admin, undefined, undefined, 500)).map((i) => i.id));
    expect(all2.filter((i) => c1Ids.has(i.id))).toEqual([]);
    expect(all2.every((i) => i.objectKey !== 'older_people')).toBe(true);
  });

  it('non-admin roles get 403 on every /api/admin route, no session 401; nothing changes', async () => {
    const linkId = (await settings(t, admin)).links[0]!.id;
    const userIdOhjaaja = await userId(t, admin, 'ohjaaja');
    const linesBefore = await adminLines(t, admin);
    const routes: [('GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'), string, unknown?][] = [
      ['GET', '/api/admin/lines'],
      ['POST', '/api/admin/lines', newLine('t1_forbidden')],
      ['PATCH', '/api/admin/lines/working_age', { phoneNumber: '06 0000 0666' }],
      ['PUT', '/api/admin/lines/working_age/hours', { weekly: [] }],
      ['PUT', '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: [] }],
      ['DELETE', '/api/admin/lines/working_age/exceptions/2026-12-01'],
      ['GET', '/api/admin/calendar?from=2026-12-01&to=2026-12-31'],
      ['GET', '/api/admin/codes'],
      ['POST', '/api/admin/codes', { set: 'reason', code: 't1_forbidden', label: L3('X') }],
      ['PATCH', '/api/admin/codes/reason/income', { label: L3('X') }],
      ['GET', '/api/admin/organisation'],
      ['POST', '/api/admin/regions', { code: 't1_forbidden', name: L3('X') }],
      ['PATCH', '/api/admin/regions/seinajoki_isokyro', { name: L3('X') }],
      ['POST', '/api/admin/municipalities', { code: '994', name: { fi: 'X', sv: 'X' } }],
      ['PATCH', '/api/admin/municipalities/743', { region: null }],
      ['POST', '/api/admin/units', newUnit('t1_forbidden')],
      ['PATCH', '/api/admin/units/adult_social_work', { phone: '09 0000 0666' }],
      ['GET', '/api/admin/settings'],
      ['PATCH', '/api/admin/settings', { crisisPhone: '09 0000 0666' }],
      ['POST', '/api/admin/links', { url: 'https://x.example.fi/', label: L3('X') }],
      ['PATCH', `/api/admin/links/${linkId}`, { url: 'https://x.example.fi/' }],
      ['DELETE', `/api/admin/links/${linkId}`],
      ['GET', '/api/admin/users'],
      ['GET', `/api/admin/users/${userIdOhjaaja}`],
      ['POST', '/api/admin/users', { username: 't1.forbidden', displayName: 'X', password: ADMIN2_PASSWORD, roles: ['admin'] }],
      ['PATCH', `/api/admin/users/${userIdOhjaaja}`, { roles: ['admin'] }],
      ['GET', '/api/admin/history'],
    ];
    const sessions: Record<string, Session> = {};
    for (const u of ['ohjaaja', 'esihenkilo', 'yksikko', 'toimittaja', 'paivystys']) sessions[u] = await login(t.app, u);
    sessions.platform = platform; // ASSUMPTION: the admin routes are for the role admin; platform_admin alone is not it
    for (const [method, url, payload] of routes) {
      for (const [who, s] of Object.entries(sessions)) {
        const res = await call(t, method, url, s, payload);
        expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBe(403);
      }
      const anon = await call(t, method, url, null, payload);
      expect(anon.statusCode, `anonymous ${method} ${url}`).toBe(401);
      // and the route exists: the administrator reads it (the writes are tested above, not repeated here)
      if (method === 'GET') expect((await call(t, method, url, admin)).statusCode, `admin ${method} ${url}`).toBe(200);
    }
    expect(await loginStatus(t, 't1.forbidden', ADMIN2_PASSWORD)).not.toBe(200);
    expect((await me(t, sessions.ohjaaja!)).roles).toEqual(['guidance_worker']);
    const linesAfter = await adminLines(t, admin);
    expect(linesAfter.items.find((l) => l.code === 't1_forbidden')).toBeUndefined();
    expect(linesAfter.items.filter((l) => l.code !== 't1_forbidden').length).toBeGreaterThanOrEqual(linesBefore.items.length);
  });
});

// =====================================================================================
describe('history', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
  });
  afterAll(async () => { await t.close(); });

  it('lists every change newest first, per object when asked, with a limit', async () => {
    await createLine(t, admin, 't1_hist_a');
    ok(await put(t, '/api/admin/lines/t1_hist_a/hours', { weekly: [{ weekday: 2, opens: '10:00', closes: '12:00' }] }, admin));
    ok(await post(t, '/api/admin/codes', { set: 'outcome', code: 't1_hist_outcome', label: L3('Tulos') }, admin), 201);
    const all = await history(t, admin);
    expect(all.slice(0, 3).map((i) => `${i.objectType}:${i.objectKey}:${i.action}`)).toEqual(['code:outcome:t1_hist_outcome:create', 'line:t1_hist_a:update', 'line:t1_hist_a:create']);
    expect(all.every((i, n) => n === 0 || all[n - 1]!.at >= i.at)).toBe(true);
    expect(all[0]).toMatchObject({ actor: { name: ADMIN_NAME }, before: null });
    expect((await history(t, admin, 'line')).every((i) => i.objectType === 'line')).toBe(true);
    expect(await history(t, admin, 'line', 't1_hist_a', 1)).toHaveLength(1);
    expect((await history(t, admin, 'line', 't1_hist_a', 1))[0]!.action).toBe('update');
    expect(await history(t, admin, 'line', 't1_no_such_line')).toEqual([]);
    expect((await get(t, '/api/admin/history?limit=501', admin)).statusCode).toBe(400);
    expect((await get(t, '/api/admin/history?objectType=contact', admin)).statusCode).toBe(400);
  });

  it('a failed change leaves no history row', async () => {
    const before = (await history(t, admin, undefined, undefined, 500)).length;
    expect((await post(t, '/api/admin/lines', newLine('working_age'), admin)).statusCode).toBe(409);
    expect((await post(t, '/api/admin/codes', { set: 'reason', code: 'income', label: L3('X') }, admin)).statusCode).toBe(409);
    expect((await patch(t, '/api/admin/units/sosiaalipaivystys', { active: false }, admin)).statusCode).toBe(409);
    expect((await put(t, '/api/admin/lines/working_age/hours', { weekly: [{ weekday: 1, opens: '12:00', closes: '11:00' }] }, admin)).statusCode).toBe(400);
    expect((await history(t, admin, undefined, undefined, 500)).length).toBe(before);
  });
});

// =====================================================================================
describe('bad input: 400, never 500', () => {
  let t: TestApp;
  let admin: Session;
  let ohjaajaId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app, 'admin');
    ohjaajaId = await userId(t, admin, 'ohjaaja');
  });
  afterAll(async () => { await t.close(); });

  const NUL = 'a\u0000b';
  const SURROGATE = 'a\ud800b';
  const LONG = 'x'.repeat(201);

  it('NUL bytes and lone surrogates in every kind of text are refused naming the field', async () => {
    const cases: [string, 'POST' | 'PATCH' | 'PUT', string, unknown, string][] = [
      ['line name', 'POST', '/api/admin/lines', newLine('t1_nul', { name: { fi: NUL, sv: 'x', en: 'x' } }), 'body.name.fi'],
      ['line name (surrogate)', 'POST', '/api/admin/lines', newLine('t1_sur', { name: { fi: SURROGATE, sv: 'x', en: 'x' } }), 'body.name.fi'],
      ['line patch name', 'PATCH', '/api/admin/lines/working_age', { name: { fi: 'x', sv: NUL, en: 'x' } }, 'body.name.sv'],
      ['exception note', 'PUT', '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: [], note: NUL }, 'body.note'],
      ['exception note (surrogate)', 'PUT', '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: [], note: SURROGATE }, 'body.note'],
      ['code label', 'POST', '/api/admin/codes', { set: 'reason', code: 't1_nul', label: { fi: NUL, sv: 'x', en: 'x' } }, 'body.label.fi'],
      ['code rename', 'PATCH', '/api/admin/codes/reason/income', { label: { fi: 'x', sv: 'x', en: SURROGATE } }, 'body.label.en'],
      ['unit name', 'POST', '/api/admin/units', newUnit('t1_nul', { name: { fi: NUL, sv: 'x', en: 'x' } }), 'body.name.fi'],
      ['unit address', 'PATCH', '/api/admin/units/adult_social_work', { address: NUL }, 'body.address'],
      ['region name', 'POST', '/api/admin/regions', { code: 't1_nul', name: { fi: NUL, sv: 'x', en: 'x' } }, 'body.name.fi'],
      ['municipality name', 'POST', '/api/admin/municipalities', { code: '993', name: { fi: NUL, sv: 'x' } }, 'body.name.fi'],
      ['link label', 'POST', '/api/admin/links', { url: 'https://x.example.fi/', label: { fi: NUL, sv: 'x', en: 'x' } }, 'body.label.fi'],
      ['user display name', 'POST', '/api/admin/users', { username: 't1.nul', displayName: NUL, password: 'nul-kayttaja-2026-salasana', roles: ['guidance_worker'] }, 'body.displayName'],
      ['user patch display name', 'PATCH', `/api/admin/users/${ohjaajaId}`, { displayName: SURROGATE }, 'body.displayName'],
    ];
    for (const [what, method, url, payload, field] of cases) {
      const res = await call(t, method, url, admin, payload);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect((res.json() as { errors?: { field: string }[] }).errors?.map((e) => e.field), what).toContain(field);
    }
    expect(await adminLine(t, admin, 't1_nul')).toBeUndefined();
    expect((await adminLine(t, admin, 'working_age'))!.exceptions).toEqual([]);
    expect((await organisation(t, admin)).units.find((u) => u.code === 'adult_social_work')!.address).toBeNull();
  });

  it('NUL in a query is not a 500', async () => {
    const h = await get(t, '/api/admin/history?objectType=line&objectKey=a%00b', admin);
    // ASSUMPTION: refused (400) or simply nothing found; never a 500
    expect([200, 400], h.body).toContain(h.statusCode);
    if (h.statusCode === 200) expect(h.json().items).toEqual([]);
  });

  it('oversize strings are refused as too_long naming the field', async () => {
    expectFieldError(await post(t, '/api/admin/lines', newLine('t1_long', { name: { fi: LONG, sv: 'x', en: 'x' } }), admin), 400, 'body.name.fi', 'too_long');
    expectFieldError(await post(t, '/api/admin/codes', { set: 'reason', code: 't1_long', label: { fi: 'x', sv: LONG, en: 'x' } }, admin), 400, 'body.label.sv', 'too_long');
    expectFieldError(await put(t, '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: [], note: LONG }, admin), 400, 'body.note', 'too_long');
    expectFieldError(await post(t, '/api/admin/units', newUnit('t1_long', { address: 'y'.repeat(301) }), admin), 400, 'body.address', 'too_long');
    expectBadRequestNaming(await post(t, '/api/admin/users', { username: 't1.long', displayName: 'L', password: 'p'.repeat(257), roles: ['guidance_worker'] }, admin), 'body.password');
    expectBadRequestNaming(await post(t, '/api/admin/lines', newLine('x'.repeat(61)), admin), 'body.code');
    expectBadRequestNaming(await get(t, `/api/admin/history?objectKey=${'k'.repeat(201)}`, admin), 'querystring.objectKey');
    const huge = await post(t, '/api/admin/lines', newLine('t1_huge', { weekly: Array.from({ length: 71 }, (_, i) => ({ weekday: (i % 7) + 1, opens: '00:00', closes: '00:01' })) }), admin);
    expectBadRequestNaming(huge, 'body.weekly');
  });

  it('wrong types and formats are refused naming the field', async () => {
    const cases: [string, 'GET' | 'POST' | 'PATCH' | 'PUT', string, unknown, string][] = [
      ['menu as string', 'POST', '/api/admin/lines', newLine('t1_type', { menuNumber: '1' }), 'body.menuNumber'],
      ['menu 10', 'POST', '/api/admin/lines', newLine('t1_type', { menuNumber: 10 }), 'body.menuNumber'],
      ['code uppercase', 'POST', '/api/admin/lines', newLine('T1_Type'), 'body.code'],
      ['phone letters', 'POST', '/api/admin/lines', newLine('t1_type', { phoneNumber: 'soita' }), 'body.phoneNumber'],
      ['weekday 8', 'PUT', '/api/admin/lines/working_age/hours', { weekly: [{ weekday: 8, opens: '09:00', closes: '10:00' }] }, 'body.weekly.0.weekday'],
      ['time 25:00', 'PUT', '/api/admin/lines/working_age/hours', { weekly: [{ weekday: 1, opens: '09:00', closes: '25:00' }] }, 'body.weekly.0.closes'],
      ['weekly not an array', 'PUT', '/api/admin/lines/working_age/hours', { weekly: 'maanantai' }, 'body.weekly'],
      ['authorityOnly string', 'PATCH', '/api/admin/lines/working_age', { authorityOnly: 'yes' }, 'body.authorityOnly'],
      ['hours not an array', 'PUT', '/api/admin/lines/working_age/exceptions/2026-12-01', { hours: {} }, 'body.hours'],
      ['bad day', 'PUT', '/api/admin/lines/working_age/exceptions/2026-02-30', { hours: [] }, 'params.day'],
      ['code set unknown', 'POST', '/api/admin/codes', { set: 'mood', code: 't1_type', label: L3('X') }, 'body.set'],
      ['labels missing sv', 'POST', '/api/admin/codes', { set: 'reason', code: 't1_type', label: { fi: 'x', en: 'x' } }, 'body.label.sv'],
      ['sortOrder negative', 'PATCH', '/api/admin/codes/reason/income', { sortOrder: -1 }, 'body.sortOrder'],
      ['active string', 'PATCH', '/api/admin/codes/reason/income', { active: 'false' }, 'body.active'],
      ['clientContactDays 31', 'POST', '/api/admin/units', newUnit('t1_type', { clientContactDays: 31 }), 'body.clientContactDays'],
      ['unit email', 'POST', '/api/admin/units', newUnit('t1_type', { email: 'ei-osoite' }), 'body.email'],
      ['municipality code', 'POST', '/api/admin/municipalities', { code: '12', name: { fi: 'X', sv: 'X' } }, 'body.code'],
      ['region municipalities', 'POST', '/api/admin/regions', { code: 't1_type', name: L3('X'), municipalities: ['abc'] }, 'body.municipalities.0'],
      ['roles empty', 'POST', '/api/admin/users', { username: 't1.type', displayName: 'T', password: 'tyyppi-salasana-2026', roles: [] }, 'body.roles'],
      ['role unknown', 'POST', '/api/admin/users', { username: 't1.type', displayName: 'T', password: 'tyyppi-salasana-2026', roles: ['superuser'] }, 'body.roles.0'],
      ['username spaces', 'POST', '/api/admin/users', { username: 't1 type', displayName: 'T', password: 'tyyppi-salasana-2026', roles: ['guidance_worker'] }, 'body.username'],
      ['user id not uuid', 'PATCH', '/api/admin/users/not-a-uuid', { displayName: 'X' }, 'params.id'],
      ['service level target 1', 'PATCH', '/api/admin/settings', { serviceLevelTarget: 1 }, 'body.serviceLevelTarget'],
      ['retention 366', 'PATCH', '/api/admin/settings', { adviceRetentionDays: 366 }, 'body.adviceRetentionDays'],
      ['crisis phone number', 'PATCH', '/api/admin/settings', { crisisPhone: 112 }, 'body.crisisPhone'],
      ['link id not uuid', 'PATCH', '/api/admin/links/42', { url: 'https://x.example.fi/' }, 'params.id'],
      ['history limit', 'GET', '/api/admin/history?limit=abc', undefined, 'querystring.limit'],
    ];
    for (const [what, method, url, payload, field] of cases) {
      const res = await call(t, method, url, admin, payload);
      expect(res.statusCode, `${what}: ${res.body}`).toBe(400);
      expect((res.json() as { errors?: { field: string }[] }).errors?.map((e) => e.field), `${what}: ${res.body}`).toContain(field);
    }
    const array = await t.app.inject({ method: 'POST', url: '/api/admin/lines', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '[1,2]' });
    expect(array.statusCode).toBe(400);
    const broken = await t.app.inject({ method: 'POST', url: '/api/admin/codes', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"set":' });
    expect(broken.statusCode).toBe(400);
    expect(await adminLine(t, admin, 't1_type')).toBeUndefined();
    expect(ok<AdminUser>(await get(t, `/api/admin/users/${ohjaajaId}`, admin)).displayName).toBe('Olli Ohjaaja');
  });
});
