/**
 * npm run bench: performance figures, each beside a baseline measured in the same run on the same
 * machine and database (bare Fastify answering with one INSERT), reported as ratios because these
 * machines are noisy. Uses the embedded database, or the PostgreSQL server in DATABASE_URL.
 *   BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 10)
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { testConfig } from '../src/server/platform/config.js';
import { createTestDatabase, login } from '../src/server/test/support.js';
import { WEB_DIST } from '../src/server/platform/web.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Figure { name: string; rps: number; p99: number; p50: number; errors: number }

async function measure(name: string, url: string, headers: Record<string, string> = {}, method: 'GET' | 'POST' = 'GET'): Promise<Figure> {
  await autocannon({ url, method, headers, connections: CONNECTIONS, duration: 1 }); // warm-up
  const r = await autocannon({ url, method, headers, connections: CONNECTIONS, duration: SECONDS });
  return { name, rps: r.requests.average, p99: r.latency.p99, p50: r.latency.p50, errors: r.errors + r.non2xx };
}

function listenUrl(app: { server: { address(): unknown } }): string {
  const a = app.server.address() as { port: number };
  return `http://127.0.0.1:${a.port}`;
}

function residentJsGzipKb(): string {
  const index = path.join(WEB_DIST, 'index.html');
  if (!fs.existsSync(index)) return 'not built (run npm run build)';
  const html = fs.readFileSync(index, 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const bytes = files.reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(WEB_DIST, f)), { level: 9 }).length, 0);
  return `${(bytes / 1024).toFixed(1)} KB gzipped in ${files.length} files (target ≤ 150 KB)`;
}

async function main(): Promise<void> {
  const database = await createTestDatabase();
  const kind = database.kind;
  await sql`create table bench_baseline (id uuid primary key default gen_random_uuid(), created_at timestamptz not null default now())`.execute(database.db);

  // Baseline: bare Fastify with one INSERT on the same database.
  const bare = Fastify({ logger: false });
  bare.get('/insert', async () => {
    await database.db.insertInto('bench_baseline' as never).defaultValues().execute();
    return { ok: true };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });

  const app = await buildApp({ config: testConfig({ logLevel: 'silent' }), database, clock: () => new Date() }, { web: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const session = await login(app, 'ohjaaja');

  const figures: Figure[] = [];
  figures.push(await measure('baseline: bare Fastify + 1 INSERT', `${listenUrl(bare)}/insert`));
  figures.push(await measure('GET /api/public/service-promise', `${listenUrl(app)}/api/public/service-promise?receivedAt=2026-12-23T16:00:00%2B02:00`));
  figures.push(await measure('GET /api/health (authenticated)', `${listenUrl(app)}/api/health`, { cookie: session.cookie }));
  figures.push(await measure('GET /api/public/lines', `${listenUrl(app)}/api/public/lines`));

  const base = figures[0]!;
  console.log(`\nOpastin bench: ${kind} database, ${CONNECTIONS} connections, ${SECONDS} s per figure, Node ${process.version}\n`);
  console.log(['figure'.padEnd(40), 'req/s'.padStart(9), 'p50 ms'.padStart(8), 'p99 ms'.padStart(8), 'req/s ÷ base'.padStart(13), 'p99 ÷ base'.padStart(11), 'errors'.padStart(7)].join(' '));
  for (const f of figures) {
    console.log([
      f.name.padEnd(40), f.rps.toFixed(0).padStart(9), f.p50.toFixed(1).padStart(8), f.p99.toFixed(1).padStart(8),
      (f.rps / base.rps).toFixed(2).padStart(13), (f.p99 / Math.max(base.p99, 0.1)).toFixed(2).padStart(11), String(f.errors).padStart(7),
    ].join(' '));
  }
  console.log(`\nresident entry point JavaScript: ${residentJsGzipKb()}\n`);

  await bare.close();
  await app.close();
  await sql`drop table bench_baseline`.execute(database.db);
  await database.close();
  if (figures.some((f) => f.errors > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
