/**
 * Issue 13: database faults. A PostgreSQL server that ends the app's connections, or a network
 * that cuts, blackholes or resets them, while requests are under way must not end the process nor
 * hang the requests: each gets its answer or a 503 with Retry-After, no acknowledged write is lost,
 * and the app serves again once the database does, without a restart. Only on the PostgreSQL server
 * (CI's second run); PGlite runs in-process. The kill -9 test (both engines) is crash.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { createTestApp, createTestDatabase, serverUrl, type TestApp } from '../test/support.js';
import { openDatabase, type Database } from './db.js';
import { loadConfig } from './config.js';
import { FaultProxy, startServer } from '../test/faults.js';

describe.runIf(serverUrl)('the database ends our connections under load', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('answers with 201 or 503, never a crash, and works again afterwards', async () => {
    const crashes: unknown[] = [];
    const onUncaught = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const send = (i: number) => t.app.inject({ method: 'POST', url: '/api/public/contact-requests', remoteAddress: `10.13.${i >> 8}.${i & 255}`,
        payload: { lang: 'fi', anonymous: true, text: `Kysyisin asumistuesta ${i}.`, dangerNow: false } });
      const statuses: number[] = [];
      const acknowledged: string[] = [];
      for (let round = 0; round < 8; round++) {
        const burst = Array.from({ length: 10 }, (_, i) => send(round * 10 + i));
        // the server ends every connection of this database but ours, mid-burst
        await new Promise((r) => setTimeout(r, 5));
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(t.database.db).catch(() => undefined);
        const answers = await Promise.all(burst);
        statuses.push(...answers.map((r) => r.statusCode));
        acknowledged.push(...answers.filter((r) => r.statusCode === 201).map((r) => r.json<{ reference: string }>().reference));
      }
      expect(statuses.every((s) => s === 201 || s === 503), statuses.join(',')).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(crashes).toEqual([]);
      const after = await send(999);
      expect(after.statusCode).toBe(201);
      // every acknowledged submission is stored
      acknowledged.push(after.json<{ reference: string }>().reference);
      const stored = await t.database.db.selectFrom('contact').select('reference').where('reference', 'in', acknowledged).execute();
      expect(stored.map((r) => r.reference).sort()).toEqual([...acknowledged].sort());
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, 60_000);
});

/** Resolves with the response, or with 'hung' when there is none in 10 s (a generous client limit, not a timing assertion). */
function within10s<T>(p: Promise<T>): Promise<T | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<'hung'>((resolve) => { timer = setTimeout(() => resolve('hung'), 10_000); })]).finally(() => clearTimeout(timer));
}

describe.runIf(serverUrl)('a network between the app and PostgreSQL that fails (a proxy that cuts, blackholes and resets)', () => {
  let direct: Database;
  let proxy: FaultProxy;
  let t: TestApp;
  const crashes: unknown[] = [];
  const onUncaught = (err: unknown) => crashes.push(err);
  let n = 0;

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    direct = await createTestDatabase();
    const url = new URL(direct.url!);
    proxy = new FaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    // short limits keep the suite quick; production's defaults are in config.ts
    const proxied = await openDatabase({ kind: 'postgresql', url: url.href }, {
      poolSize: 5,
      timeouts: { connectMs: 1000, statementMs: 1500, queryMs: 2000, idleInTransactionMs: 3000, idleMs: 10_000, keepAliveMs: 1000 },
    });
    t = await createTestApp({ database: proxied });
  });
  afterAll(async () => {
    proxy.heal();
    await t.close();
    await t.database.close();
    await proxy.close();
    await direct.close();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  });

  const submit = () => {
    const i = n++;
    return within10s(t.app.inject({ method: 'POST', url: '/api/public/contact-requests', remoteAddress: `10.14.${i >> 8}.${i & 255}`,
      payload: { lang: 'fi', anonymous: true, text: `Kysyisin toimeentulotuesta ${i}.`, dangerNow: false } }));
  };
  type Res = Awaited<ReturnType<typeof submit>>;
  const statusOf = (r: Res) => (r === 'hung' ? 'hung' : r.statusCode);
  const references = (rs: Res[]) => rs.flatMap((r) => (r !== 'hung' && r.statusCode === 201 ? [r.json<{ reference: string }>().reference] : []));

  /** Every acknowledged submission is in the database (read past the proxy). */
  async function expectStored(refs: string[]) {
    if (refs.length === 0) return;
    const rows = await direct.db.selectFrom('contact').select('reference').where('reference', 'in', refs).execute();
    expect(rows.map((r) => r.reference).sort()).toEqual([...refs].sort());
  }

  /** After healing, the app serves again without a restart (a pooled link broken by the fault may fail one request). */
  async function expectRecovered() {
    let last: Res = 'hung';
    for (let attempt = 0; attempt < 3; attempt++) {
      last = await submit();
      if (statusOf(last) === 201) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(statusOf(last)).toBe(201);
    expect((await t.app.inject({ url: '/health/ready' })).statusCode).toBe(200);
    await expectStored(references([last]));
  }

  function expectUnavailable(r: Res) {
    expect(r).not.toBe('hung');
    if (r === 'hung') return;
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('5');
    expect(r.json().code).toBe('service_unavailable');
  }

  it('a cut mid-burst: 201 or 503, never a hang or a crash; 503 while cut; ready says so; back after healing', async () => {
    expect((await submit()) !== 'hung').toBe(true);
    const burst = Array.from({ length: 10 }, () => submit());
    await new Promise((r) => setTimeout(r, 5));
    proxy.cut();
    const during = await Promise.all(burst);
    expect(during.every((r) => statusOf(r) === 201 || statusOf(r) === 503), during.map(statusOf).join(',')).toBe(true);
    await expectStored(references(during));

    expectUnavailable(await submit());
    const ready = await within10s(t.app.inject({ url: '/health/ready' }));
    expect(ready !== 'hung' && ready.statusCode).toBe(503);
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });

    proxy.heal();
    await expectRecovered();
    expect(crashes).toEqual([]);
  }, 30_000);

  it('a blackhole (a partition: links stay open, nothing arrives): requests end with 503 instead of hanging; back after healing', async () => {
    await expectRecovered();
    const burst = Array.from({ length: 5 }, () => submit());
    proxy.blackhole();
    const during = await Promise.all(burst);
    expect(during.every((r) => statusOf(r) === 201 || statusOf(r) === 503), during.map(statusOf).join(',')).toBe(true);
    await expectStored(references(during));

    // pooled links that look alive and new ones that never get an answer: both give up with 503
    const later = await Promise.all([submit(), submit(), submit()]);
    for (const r of later) expectUnavailable(r);
    const ready = await within10s(t.app.inject({ url: '/health/ready' }));
    expect(ready !== 'hung' && ready.statusCode).toBe(503);

    proxy.heal();
    await expectRecovered();
    expect(crashes).toEqual([]);
  }, 40_000);

  it('a reset of every link mid-burst: 201 or 503; back at once', async () => {
    await expectRecovered();
    const burst = Array.from({ length: 10 }, () => submit());
    await new Promise((r) => setTimeout(r, 5));
    proxy.reset();
    const during = await Promise.all(burst);
    expect(during.every((r) => statusOf(r) === 201 || statusOf(r) === 503), during.map(statusOf).join(',')).toBe(true);
    await expectStored(references(during));
    await expectRecovered();
    await new Promise((r) => setTimeout(r, 200));
    expect(crashes).toEqual([]);
  }, 30_000);
});

describe('database timeouts (config)', () => {
  it('bounds every wait by default, and each limit is configurable', () => {
    expect(loadConfig({}).dbTimeouts).toEqual({ connectMs: 5000, statementMs: 5000, queryMs: 6000, idleInTransactionMs: 10_000, idleMs: 10_000, keepAliveMs: 10_000 });
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '20000', DB_CONNECT_TIMEOUT_MS: '2000' }).dbTimeouts).toMatchObject({ connectMs: 2000, statementMs: 20_000, queryMs: 21_000 });
    expect(loadConfig({ DB_STATEMENT_TIMEOUT_MS: '0' }).dbTimeouts).toMatchObject({ statementMs: 0, queryMs: 0 });
    expect(() => loadConfig({ DB_QUERY_TIMEOUT_MS: '3000' })).toThrow('Configuration error: DB_QUERY_TIMEOUT_MS must be longer than DB_STATEMENT_TIMEOUT_MS');
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: 'soon' })).toThrow('Configuration error: DB_CONNECT_TIMEOUT_MS must be a number (got "soon").');
  });
});

describe.runIf(serverUrl)('the real server with its job queue, through a network that fails', () => {
  it('stays up through a cut and a partition (503 and not ready meanwhile), and serves again after, without a restart', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url!);
    const proxy = new FaultProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const server = await startServer({
      DATABASE_URL: url.href, DEMO_DATA: 'never', JOBS: 'on',
      DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1500', DB_QUERY_TIMEOUT_MS: '2000',
    });
    const submit = async () => {
      const res = await fetch(`${server.base}/api/public/contact-requests`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, signal: AbortSignal.timeout(10_000),
        body: JSON.stringify({ lang: 'fi', anonymous: true, text: 'Kysyisin asumistuesta.', dangerNow: false }),
      });
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { reference?: string } };
    };
    const ready = async () => (await fetch(`${server.base}/health/ready`, { signal: AbortSignal.timeout(10_000) })).status;
    const live = async () => (await fetch(`${server.base}/health/live`, { signal: AbortSignal.timeout(10_000) })).status;
    const waitReady = async () => {
      for (let i = 0; i < 50 && (await ready()) !== 200; i++) await new Promise((r) => setTimeout(r, 200));
    };
    try {
      expect((await submit()).status).toBe(201);
      for (const fault of [() => proxy.cut(), () => proxy.blackhole(), () => proxy.reset()]) {
        fault();
        // the job queue's connections fail too: its errors are logged, the process carries on
        await new Promise((r) => setTimeout(r, 1500));
        if (proxy.mode !== 'pass') {
          const down = await submit();
          expect(down.status).toBe(503);
          expect(down.retryAfter).toBe('5');
          expect(await ready()).toBe(503);
        }
        expect(await live()).toBe(200);
        proxy.heal();
        await waitReady();
        expect(await ready()).toBe(200);
        const back = await submit();
        expect(back.status).toBe(201);
        const stored = await database.db.selectFrom('contact').select('reference').where('reference', '=', back.body.reference!).execute();
        expect(stored).toHaveLength(1);
        expect(server.exited()).toBe(false);
      }
      // the job queue resumed too: a job sent after the faults is worked by the server (an
      // access-log checkpoint, which leaves a row to see), without a restart
      const sender = new PgBoss({ connectionString: database.url!, schema: 'pgboss', supervise: false, schedule: false, migrate: false });
      sender.on('error', () => undefined);
      await sender.start();
      try {
        const before = Number((await sql<{ n: string }>`select count(*) as n from access_log_checkpoint`.execute(database.db)).rows[0]!.n);
        await sender.send('access-log-checkpoint', {});
        let after = before;
        for (let i = 0; i < 60 && after === before; i++) {
          await new Promise((r) => setTimeout(r, 500));
          after = Number((await sql<{ n: string }>`select count(*) as n from access_log_checkpoint`.execute(database.db)).rows[0]!.n);
        }
        expect(after).toBe(before + 1);
      } finally {
        await sender.stop({ graceful: false });
      }
      expect(server.exited()).toBe(false);
    } finally {
      server.child.kill('SIGKILL');
      proxy.heal();
      await proxy.close();
      await database.close();
    }
  }, 60_000);
});
