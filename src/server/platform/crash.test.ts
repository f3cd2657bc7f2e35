/**
 * Issue 13: kill -9 of the real server during a burst of public submissions, on both engines (PGlite
 * in a data folder on disk; a database of its own on the PostgreSQL server). After a restart every
 * request is retried with its Idempotency-Key, as a resident's browser does: no acknowledged
 * submission is lost (every 201's reference is in the database, and a retry repeats it), and no
 * retry makes a second contact (one contact per key).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './db.js';
import { serverUrl } from '../test/support.js';
import { startServer } from '../test/faults.js';
import { migrateToLatest } from './migrate.js';
import { loadDemoCounty } from '../features/organisation/public.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'opastin-crash-'));
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Requests sent before the kill at most: the burst goes on until 8 are acknowledged (or this many were sent). */
const MAX_SENT = 200;
/** The server is killed once this many submissions are acknowledged. */
const ACKNOWLEDGED_BEFORE_KILL = 8;
const requestOf = (run: string, i: number) => ({
  key: `${run}-${i}`,
  body: JSON.stringify({ lang: 'fi', anonymous: true, text: `Kysyisin asumistuesta, kirje ${run} numero ${i} loppuu.`, dangerNow: false }),
});

async function post(base: string, r: { key: string; body: string }): Promise<{ status: number; reference?: string } | 'failed'> {
  try {
    const res = await fetch(`${base}/api/public/contact-requests`, {
      method: 'POST', body: r.body, headers: { 'content-type': 'application/json', 'idempotency-key': r.key },
      // generous: on a loaded CI machine the embedded engine's first answers are slow; a timeout is only an unknown outcome
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as { reference?: string };
    return { status: res.status, ...(json.reference ? { reference: json.reference } : {}) };
  } catch {
    return 'failed';
  }
}

async function burstKillRetry(env: Record<string, string>, openAfter: () => Promise<Database>): Promise<void> {
  const run = randomBytes(4).toString('hex');
  // made as the browsers send them: a slow or failing answer does not use the burst up before the kill
  const requests: { key: string; body: string }[] = [];
  let server = await startServer(env);
  const acknowledged = new Map<string, string>(); // key → reference
  const unknown = new Set<string>();
  let killed = false;
  let sendersDone = false;
  const killing = (async () => {
    while (acknowledged.size < ACKNOWLEDGED_BEFORE_KILL && !sendersDone) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await kill9(server.child);
  })();
  // four browsers sending one after another until the server dies
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (requests.length < MAX_SENT && !killed) {
      const r = requestOf(run, requests.length);
      requests.push(r);
      const res = await post(server.base, r);
      if (res !== 'failed' && res.status === 201 && res.reference) acknowledged.set(r.key, res.reference);
      else unknown.add(r.key);
    }
  }));
  sendersDone = true;
  await killing;
  expect(acknowledged.size, `${requests.length} sent, ${unknown.size} without an answer`).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);

  // restart on the same data; every browser retries (the acknowledged ones too: a lost answer looks the same)
  server = await startServer(env);
  for (const r of requests) {
    const res = await post(server.base, r);
    expect(res !== 'failed' && res.status, r.key).toBe(201);
    if (res === 'failed') continue;
    const before = acknowledged.get(r.key);
    if (before) expect(res.reference, `${r.key} repeats its first answer`).toBe(before);
    acknowledged.set(r.key, res.reference!);
  }
  expect(server.exited()).toBe(false);
  await kill9(server.child);

  const database = await openAfter();
  try {
    const rows = await database.db.selectFrom('contact').select(['reference', 'note']).where('note', 'like', `%kirje ${run} numero %`).execute();
    // one contact per key, and it is the acknowledged one
    for (const r of requests) {
      const mine = rows.filter((row) => row.note === (JSON.parse(r.body) as { text: string }).text);
      expect(mine.map((m) => m.reference), r.key).toEqual([acknowledged.get(r.key)]);
    }
    expect(rows).toHaveLength(requests.length);
  } finally {
    await database.close();
  }
}

describe('kill -9 during a burst of public submissions, then retries with the same Idempotency-Key', () => {
  it('on the embedded database (a data folder on disk): nothing acknowledged is lost, nothing is duplicated', async () => {
    const dataDir = path.join(tmp, 'pglite');
    // the demo county without the PTV catalogue (its import is most of a first start's time)
    const seed = await openDatabase({ kind: 'embedded', dataDir });
    await migrateToLatest(seed.db);
    await loadDemoCounty(seed.db);
    await seed.close();
    await burstKillRetry({ DATA_DIR: dataDir }, () => openDatabase({ kind: 'embedded', dataDir }));
  }, 300_000);

  it.runIf(serverUrl)('on the PostgreSQL server: nothing acknowledged is lost, nothing is duplicated', async () => {
    const name = `opastin_crash_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    try {
      const seed = await openDatabase({ kind: 'postgresql', url: url.href });
      await migrateToLatest(seed.db);
      await loadDemoCounty(seed.db);
      await seed.close();
      await burstKillRetry({ DATABASE_URL: url.href, DEMO_DATA: 'never' }, () => openDatabase({ kind: 'postgresql', url: url.href }));
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 300_000);
});
