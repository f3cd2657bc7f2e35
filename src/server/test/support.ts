/**
 * Test support: a real PostgreSQL engine per test file. With DATABASE_URL set (CI's second run)
 * each file gets a fresh database on that server, dropped afterwards; otherwise an in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../platform/db.js';
import { migrateToLatest, migrations } from '../platform/migrate.js';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { testConfig, type Config } from '../platform/config.js';
import { loadDemoCounty, DEMO_PASSWORD } from '../features/organisation/public.js';
import { buildApp } from '../app.js';

export const serverUrl = process.env.DATABASE_URL;

export async function createTestDatabase(opts: { demo?: boolean } = {}): Promise<Database> {
  let database: Database;
  if (serverUrl) {
    const name = `opastin_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const inner = await openDatabase({ kind: 'postgresql', url: url.href });
    database = {
      ...inner,
      close: async () => {
        await inner.close();
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  } else {
    database = await openDatabase({ kind: 'embedded', dataDir: 'memory' });
  }
  await migrateToLatest(database.db);
  if (opts.demo !== false) await loadDemoCounty(database.db);
  return database;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: { now: Date };
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(opts: { now?: Date; config?: Partial<Config>; database?: Database } = {}): Promise<TestApp> {
  const database = opts.database ?? (await createTestDatabase());
  const clock = { now: opts.now ?? new Date('2026-11-23T10:00:00+02:00') };
  const config = testConfig(opts.config);
  const app = await buildApp({ config, database, clock: () => clock.now }, { web: false, logger: false });
  await app.ready();
  return {
    app, database, clock, config,
    close: async () => {
      await app.close();
      if (!opts.database) await database.close();
    },
  };
}

/** Logs in through the API; returns the cookie header and CSRF token for later requests. */
export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<{ cookie: string; csrf: string; headers: Record<string, string> }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/**
 * A database as it was before migration `before` (e.g. '0010'): the schema is dropped and only the
 * earlier migrations run, so a migration test can fill it under the old rules and then migrate.
 * The handle is untyped: the schema is an older version's.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema of an older version
export async function rollBackTo(database: Database, before: string): Promise<Kysely<any>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema of an older version
  const db = database.db as unknown as Kysely<any>;
  const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < before));
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
  const r = await new Migrator({ db, provider: { getMigrations: async () => earlier } }).migrateToLatest();
  if (r.error) throw r.error;
  return db;
}
