import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import type { DB } from './schema.js';
import type { DatabaseTimeouts } from './config.js';

// timestamptz as Date, date as 'YYYY-MM-DD' (business dates must never shift with the server's zone),
// bigint counts as numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type DatabaseKind = 'embedded' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  pool: pg.Pool;
  /** The connection URL of a PostgreSQL server (absent for the embedded database). */
  url?: string;
  /** The limits the pool was opened with (PostgreSQL server only), for the job queue's own connections. */
  timeouts?: DatabaseTimeouts;
  /**
   * The embedded database only: LISTEN on a channel of this process's PGlite (its NOTIFYs arrive
   * after each commit). A PostgreSQL server is listened to on a connection of its own (features/live).
   */
  listen?: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class DataDirLockedError extends Error {}

export type DatabaseTarget = { kind: 'postgresql'; url: string } | { kind: 'embedded'; dataDir: string | 'memory' };

/**
 * Opens the database. On a PostgreSQL server `timeouts` (config.ts, DB_*_MS) bound every wait: a
 * down or cut-off server fails the request (503, errors.ts) within seconds instead of hanging it.
 * Without them (the admin tools, migrations) nothing is bounded but the TCP keepalive.
 */
export async function openDatabase(target: DatabaseTarget, opts: { poolSize?: number; timeouts?: DatabaseTimeouts } = {}): Promise<Database> {
  if (target.kind === 'postgresql') {
    const t = opts.timeouts;
    const pool = new pg.Pool({
      connectionString: target.url,
      max: opts.poolSize ?? 10,
      keepAlive: true,
      keepAliveInitialDelayMillis: t?.keepAliveMs ?? 10_000,
      ...(t ? {
        connectionTimeoutMillis: t.connectMs,
        idleTimeoutMillis: t.idleMs,
        ...(t.statementMs ? { statement_timeout: t.statementMs } : {}),
        ...(t.queryMs ? { query_timeout: t.queryMs } : {}),
        ...(t.idleInTransactionMs ? { idle_in_transaction_session_timeout: t.idleInTransactionMs } : {}),
      } : {}),
    });
    pool.on('error', () => undefined); // an idle client's broken connection is replaced by the pool
    pool.on('connect', (client) => {
      // A client in use whose connection the server ends (a restart, pg_terminate_backend, a network
      // cut) emits 'error' besides failing its query; unheard, that event ends the Node process.
      // The query's own rejection answers the request (503); the pool discards the broken client.
      client.on('error', () => undefined);
      prepareParameterisedStatements(client);
      dropConnectionOnReadTimeout(client);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(db);
    } catch (err) {
      await db.destroy();
      throw new Error(`Cannot connect to the PostgreSQL server in DATABASE_URL: ${(err as Error).message}`, { cause: err });
    }
    return { db, kind: 'postgresql', pool, url: target.url, ...(t ? { timeouts: t } : {}), close: () => db.destroy() };
  }

  const release = target.dataDir === 'memory' ? () => undefined : lockDataDir(target.dataDir);
  try {
    const pglite = await PGlite.create(target.dataDir === 'memory' ? 'memory://' : target.dataDir, {
      extensions: { pg_trgm, btree_gin },
    });
    // Never call pool.query() on this pool: PGlite has one connection, and a failed query through
    // the pool would break it for everyone. Everything goes through Kysely.
    const pool = new pg.Pool(createPgConfig(pglite));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'embedded',
      pool,
      listen: async (channel, onPayload) => {
        const unlisten = await pglite.listen(channel, onPayload);
        return async () => { if (!pglite.closed) await unlisten(); };
      },
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Planning took most of the time of the app's short queries (3 ms of 4 for a contact view), so on
 * a PostgreSQL server every parameterised statement is sent as a named prepared statement, named
 * by a hash of its text: each connection plans it once and reuses the plan. Statements without
 * parameters (migrations, BEGIN/COMMIT, multi-statement DDL) go as they are. See ADR 0005.
 */
function prepareParameterisedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
  const names = new Map<string, string>();
  (client as { query: unknown }).query = (config: unknown, values?: unknown) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      let name = names.get(config);
      if (!name) {
        name = `o${createHash('sha1').update(config).digest('hex').slice(0, 20)}`;
        if (names.size < 5000) names.set(config, name);
      }
      return query({ name, text: config, values });
    }
    return query(config, values);
  };
}

/**
 * pg's query_timeout rejects a query the server never answers (a partition, a blackholed link) but
 * keeps the connection, its answer still owed: the next request to borrow it would wait behind it.
 * The connection is dropped instead, so that the pool discards it and opens a fresh one.
 */
function dropConnectionOnReadTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
  (client as { query: unknown }).query = (config: unknown, values?: unknown) => {
    const result = query(config, values);
    if (result instanceof Promise) {
      return result.catch((err: unknown) => {
        if ((err as Error)?.message === 'Query read timeout') {
          (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        }
        throw err;
      });
    }
    return result;
  };
}

/**
 * Two processes must never open the same PGlite folder: the second would corrupt it. A lock file
 * holds the owner's pid; a lock left by a process that no longer runs is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'opastin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        fs.rmSync(lockFile, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new DataDirLockedError(
          `The data folder ${dataDir} is in use by another Opastin process (pid ${owner}). ` +
            'Stop that process, or set DATA_DIR to another folder.',
        );
      }
      fs.rmSync(lockFile, { force: true }); // stale lock from a process that died
    }
  }
  throw new DataDirLockedError(`Could not lock the data folder ${dataDir}.`);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
