import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, login, type TestApp } from '../test/support.js';
import { generateKeyPairSync, sign } from 'node:crypto';
import { formatHetu } from '../../domain/hetu.js';
import { accessLogKeys, createAccessLogCheckpoint, logAccess, parseCheckpointLines, verifyAccessLog, verifyAccessLogChain, type AccessLogCheckpoint } from './access-log.js';

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

  it('verifies rows written before migration 0012 (no person key) and after it in one chain; clearing a row\'s person key breaks it', async () => {
    const db = t.database.db;
    await logAccess(db, { actor: { system: 'test' }, subjectType: 'user', subjectId: 'no-person', action: 'read', purpose: 'test' });
    await logAccess(db, { actor: { system: 'test' }, subjectType: 'person', subjectId: formatHetu('1990-01-01', 123), action: 'read', purpose: 'test' });
    const rows = await db.selectFrom('access_log').select(['seq', 'person_key']).orderBy('seq', 'desc').limit(2).execute();
    expect(rows[0]!.person_key).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1]!.person_key).toBeNull();
    // the hash function falls back to the pre-0012 form for a row without a key
    const same = await sql<{ same: boolean }>`select access_log_row_hash(prev_hash, a) = hash as same from access_log a where seq = ${rows[1]!.seq}`.execute(db);
    expect(same.rows[0]!.same).toBe(true);
  });
});

describe('signed checkpoints', () => {
  async function freshApp() {
    const app = await createTestApp();
    const db = app.database.db;
    for (let i = 0; i < 10; i++) await logAccess(db, { actor: { system: 'test' }, subjectType: 'user', subjectId: `u${i}`, action: 'read', purpose: 'test' });
    return app;
  }
  const bypass = async (db: TestApp['database']['db'], statement: ReturnType<typeof sql>) => {
    await sql`alter table access_log disable trigger access_log_no_update`.execute(db);
    await statement.execute(db);
    await sql`alter table access_log enable trigger access_log_no_update`.execute(db);
  };

  it('signs the head of the chain with Ed25519 and verifies clean; the exported line verifies too', async () => {
    const a = await freshApp();
    try {
      const cp = await createAccessLogCheckpoint(a.database.db, new Date('2026-11-23T12:00:00Z'));
      const head = await a.database.db.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(cp).toMatchObject({ scope: 'global', seq: head.seq, hash: head.hash, rows: head.seq, at: '2026-11-23T12:00:00.000Z' });
      expect(cp.publicKey).toContain('BEGIN PUBLIC KEY');
      const line = JSON.stringify(cp);
      const v = await verifyAccessLog(a.database.db, parseCheckpointLines(line));
      expect(v).toMatchObject({ ok: true, checkpoints: 2, problems: [] });
      // the checkpoint table is append-only too
      await expect(a.database.db.deleteFrom('access_log_checkpoint').execute()).rejects.toThrow(/append-only/);
    } finally { await a.close(); }
  });

  it('detects deleting the newest rows (truncation below a checkpoint), which the chain alone does not', async () => {
    const a = await freshApp();
    try {
      const db = a.database.db;
      const cp = await createAccessLogCheckpoint(db, new Date());
      await bypass(db, sql`delete from access_log where seq > ${cp.seq - 3}`);
      expect((await verifyAccessLogChain(db)).ok).toBe(true); // the chain that remains is consistent
      const v = await verifyAccessLog(db);
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([expect.objectContaining({ seq: cp.seq, source: 'stored', problem: 'rows_missing' })]);
      // and when the checkpoint rows are deleted as well, the exported line still tells
      await sql`alter table access_log_checkpoint disable trigger access_log_checkpoint_no_update`.execute(db);
      await sql`delete from access_log_checkpoint`.execute(db);
      expect((await verifyAccessLog(db)).ok).toBe(true);
      const given = await verifyAccessLog(db, [cp]);
      expect(given.problems).toEqual([expect.objectContaining({ seq: cp.seq, source: 'given', problem: 'rows_missing' })]);
    } finally { await a.close(); }
  });

  it('detects a row edited and every later hash recomputed', async () => {
    const a = await freshApp();
    try {
      const db = a.database.db;
      const cp = await createAccessLogCheckpoint(db, new Date());
      // rewrite history from row 3 on, recomputing each hash so the chain itself is consistent
      await bypass(db, sql`update access_log set actor_label = 'someone-else' where seq = 3`);
      await sql`alter table access_log disable trigger access_log_no_update`.execute(db);
      for (let seq = 3; seq <= cp.seq; seq++) {
        await sql`update access_log a set prev_hash = coalesce((select hash from access_log p where p.seq = a.seq - 1), 'genesis') where seq = ${seq}`.execute(db);
        await sql`update access_log a set hash = access_log_row_hash(a.prev_hash, a) where seq = ${seq}`.execute(db);
      }
      await sql`alter table access_log enable trigger access_log_no_update`.execute(db);
      expect((await verifyAccessLogChain(db)).ok).toBe(true);
      const v = await verifyAccessLog(db);
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([expect.objectContaining({ seq: cp.seq, problem: 'hash_differs' })]);
    } finally { await a.close(); }
  });

  it('detects forged checkpoints: another key, an altered stored one, an altered exported line', async () => {
    const a = await freshApp();
    try {
      const db = a.database.db;
      const real = await createAccessLogCheckpoint(db, new Date());
      expect((await verifyAccessLog(db)).ok).toBe(true);
      // someone rewrites the log and signs a matching checkpoint with a key of their own
      const other = generateKeyPairSync('ed25519');
      const head = await db.selectFrom('access_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      const body = { scope: 'global' as const, seq: head.seq, hash: head.hash, rows: head.seq, at: new Date().toISOString() };
      const payload = JSON.stringify({ v: 1, ...body });
      const forged: AccessLogCheckpoint = { ...body, signature: sign(null, Buffer.from(payload), other.privateKey).toString('base64'), publicKey: other.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
      await db.insertInto('access_log_checkpoint').values({ scope: 'global', seq: body.seq, hash: body.hash, row_count: body.rows, signed_at: new Date(body.at), payload, signature: forged.signature, public_key: forged.publicKey }).execute();
      const v = await verifyAccessLog(db);
      expect(v.ok).toBe(false);
      expect(v.problems).toEqual([expect.objectContaining({ problem: 'bad_signature', source: 'stored' })]);
      // an exported line whose hash was changed no longer matches its signature
      const altered = { ...real, hash: 'f'.repeat(64) };
      expect((await verifyAccessLog(db, [altered])).problems).toEqual(expect.arrayContaining([expect.objectContaining({ problem: 'bad_signature', source: 'given' })]));
      // and the installation's own key signs what verifies
      expect(accessLogKeys().publicKeyPem).toBe(real.publicKey);
    } finally { await a.close(); }
  });
});


describe('the access log keys', () => {
  it('are generated once into the embedded data folder and read back on the next start; a configured key wins', async () => {
    const { mkdtempSync, readFileSync, rmSync, statSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { testConfig } = await import('./config.js');
    const { resolveAccessLogKeys } = await import('./access-log.js');
    const dir = mkdtempSync(join(tmpdir(), 'opastin-keys-'));
    try {
      const config = testConfig({ database: { kind: 'embedded', dataDir: dir } });
      const a = resolveAccessLogKeys(config);
      const b = resolveAccessLogKeys(config);
      expect(a.personKey.equals(b.personKey)).toBe(true);
      expect(a.publicKeyPem).toBe(b.publicKeyPem);
      expect(statSync(join(dir, 'access-log-signing-key.pem')).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, 'access-log-person.key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
      const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const c = resolveAccessLogKeys({ ...config, accessLog: { personKey: 'x'.repeat(40), signingKeyPem: pem } });
      expect(c.personKey.toString()).toBe('x'.repeat(40));
      expect(c.publicKeyPem).not.toBe(a.publicKeyPem);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
