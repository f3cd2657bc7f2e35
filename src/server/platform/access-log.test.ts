import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../test/support.js';
import { logAccess, verifyAccessLogChain } from './access-log.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('access log', () => {
  it("records who read a person's data and answers who has seen it", async () => {
    const admin = await login(t.app, 'admin');
    const users = (await t.app.inject({ url: '/api/admin/users', headers: admin.headers })).json().items as { id: string; username: string }[];
    const target = users.find((u) => u.username === 'yksikko')!;
    const read = await t.app.inject({ url: `/api/admin/users/${target.id}`, headers: admin.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ username: 'yksikko', roles: ['unit_worker'], units: ['adult_social_work'] });

    const log = await t.app.inject({ url: `/api/admin/access-log?subjectType=user&subjectId=${target.id}`, headers: admin.headers });
    expect(log.statusCode).toBe(200);
    expect(log.json().items).toEqual([expect.objectContaining({ actor: 'admin', action: 'read', purpose: 'user_administration', subjectId: target.id })]);
    // reviewing the log is logged too
    const again = await t.app.inject({ url: `/api/admin/access-log?subjectType=user&subjectId=${target.id}`, headers: admin.headers });
    expect(again.json().items.map((i: { purpose: string }) => i.purpose)).toEqual(['access_log_review', 'user_administration']);
  });

  it('refuses bad queries and non-admins', async () => {
    const admin = await login(t.app, 'admin');
    expect((await t.app.inject({ url: '/api/admin/access-log?subjectType=pet&subjectId=1', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/admin/users/not-a-uuid', headers: admin.headers })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/admin/users/00000000-0000-4000-8000-000000000000', headers: admin.headers })).statusCode).toBe(404);
    const worker = await login(t.app, 'ohjaaja');
    expect((await t.app.inject({ url: '/api/admin/access-log?subjectType=user&subjectId=1', headers: worker.headers })).statusCode).toBe(403);
  });

  it('is append-only: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const db = t.database.db;
    await logAccess(db, { actor: { system: 'test' }, subjectType: 'person', subjectId: 'p1', action: 'read', purpose: 'test' });
    await expect(db.updateTable('access_log').set({ purpose: 'changed' }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('access_log').execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate access_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyAccessLogChain(db)).ok).toBe(true);
  });

  it('forms one unbroken hash chain under concurrent writers', async () => {
    const db = t.database.db;
    await Promise.all(Array.from({ length: 40 }, (_, i) =>
      db.transaction().execute((trx) => logAccess(trx, { actor: { system: 'load' }, subjectType: 'person', subjectId: `p${i}`, action: 'read', purpose: 'test' }))));
    const result = await verifyAccessLogChain(db);
    expect(result).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(result.rows).toBeGreaterThanOrEqual(41);
  });

  it('shows tampering done around the triggers', async () => {
    // Someone with superuser rights disables the guard and rewrites history: the chain shows it.
    const db = t.database.db;
    const before = await verifyAccessLogChain(db);
    expect(before.ok).toBe(true);
    await sql`alter table access_log disable trigger access_log_no_update`.execute(db);
    await sql`update access_log set actor_label = 'someone-else' where seq = 2`.execute(db);
    await sql`alter table access_log enable trigger access_log_no_update`.execute(db);
    const after = await verifyAccessLogChain(db);
    expect(after).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
