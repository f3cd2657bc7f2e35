/**
 * The benchmark's server side, in its own process so the load generator (bench/run.ts) does not
 * share its event loop: opens and seeds the database, starts the baseline (bare Fastify + one
 * INSERT) and the app on it, signs two users in, and reports the addresses to the parent.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { testConfig } from '../src/server/platform/config.js';
import { createTestDatabase, login } from '../src/server/test/support.js';
import { openDatabase, type Database } from '../src/server/platform/db.js';
import { migrateToLatest } from '../src/server/platform/migrate.js';
import { isDatabaseEmpty, loadDemoCounty } from '../src/server/features/organisation/public.js';
import { sampleSeeded, seedCalls, seedContacts, type SeedResult } from './seed-contacts.js';
import { seedServices } from './seed-services.js';
import { seedReferrals } from './seed-referrals.js';
import { resolveCountyId } from '../src/server/features/organisation/public.js';
import { refreshStatistics } from '../src/server/features/statistics/public.js';

export interface TargetReady {
  kind: string; contacts: number; seedSeconds: number; reused: boolean; services: number;
  bareUrl: string; appUrl: string; identifiedIds: string[]; anonymousIds: string[];
  worker: { cookie: string; headers: Record<string, string> }; supervisor: { cookie: string }; unit: { cookie: string }; referrals: number;
}

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 1_000_000);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 20_000);
const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 200_000);
/** Years the contacts spread over (default 10); fewer years, the same daily volume as a larger county with fewer contacts to seed. */
const YEARS = Number(process.env.BENCH_YEARS ?? 10);
/** Referrals on every n-th of the newest contacts (default 1: every one). */
const REFERRAL_EVERY = Number(process.env.BENCH_REFERRAL_EVERY ?? 1);

async function openBenchDatabase(): Promise<Database> {
  const keep = process.env.BENCH_DATABASE_URL;
  if (!keep) return createTestDatabase();
  const database = await openDatabase({ kind: 'postgresql', url: keep });
  await migrateToLatest(database.db);
  if (await isDatabaseEmpty(database.db)) await loadDemoCounty(database.db);
  return database;
}

async function main(): Promise<void> {
  const started = new Date();
  const database = await openBenchDatabase();
  const existing = await database.db.selectFrom('contact').select((eb) => eb.fn.countAll<number>().as('n')).where('reference', 'like', 'BENCH-%').executeTakeFirstOrThrow();
  const reused = Number(existing.n) >= CONTACTS;
  const seeded: SeedResult = reused ? await sampleSeeded(database.db) : await seedContacts(database.db, {
    total: CONTACTS, open: 400, now: started, years: YEARS,
    onProgress: (done) => { if (done % 200_000 === 0) process.stderr.write(`${done / 1000}k `); },
  });
  const catalogue = await seedServices(database.db, await resolveCountyId(database.db), SERVICES);
  const referrals = await seedReferrals(database.db, { total: Math.min(REFERRALS, Math.floor(CONTACTS / REFERRAL_EVERY)), open: 3000, every: REFERRAL_EVERY });
  const calls = await seedCalls(database.db);
  if (calls.calls) process.stderr.write(`${calls.calls.toLocaleString('en')} phone calls in ${calls.seconds.toFixed(1)} s\n`);
  // the statistics' rollups of the seeded days (the job does this each minute in production)
  const rollupStarted = Date.now();
  const rollupDays = await refreshStatistics(database.db);
  if (rollupDays) process.stderr.write(`statistics rollup of ${rollupDays} days in ${((Date.now() - rollupStarted) / 1000).toFixed(1)} s\n`);
  // what autovacuum does to an insert-mostly table in production: the visibility map lets the
  // statistics read their rollup by index alone
  await sql`vacuum (analyze) stat_contact_day, stat_referral_day, phone_call, referral`.execute(database.db);
  await sql`create table if not exists bench_baseline (id uuid primary key default gen_random_uuid(), created_at timestamptz not null default now())`.execute(database.db);

  const bare = Fastify({ logger: false });
  bare.get('/insert', async () => {
    await database.db.insertInto('bench_baseline' as never).defaultValues().execute();
    return { ok: true };
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const app = await buildApp({ config: testConfig({ logLevel: 'silent', publicLimits: { perAddressPerHour: 1_000_000, perPhonePerDay: 1_000_000 }, searchLimitPerMinute: 1_000_000_000 }), database, clock: () => new Date() }, { web: false, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const urlOf = (s: { server: { address(): unknown } }) => `http://127.0.0.1:${(s.server.address() as { port: number }).port}`;
  const worker = await login(app, 'ohjaaja');
  const supervisor = await login(app, 'esihenkilo');
  const unit = await login(app, 'yksikko');

  const ready: TargetReady = {
    kind: database.kind, contacts: reused ? Number(existing.n) : CONTACTS, seedSeconds: seeded.seconds + catalogue.seconds + referrals.seconds, reused, services: catalogue.services, referrals: referrals.seeded,
    bareUrl: urlOf(bare), appUrl: urlOf(app), identifiedIds: seeded.identifiedIds, anonymousIds: seeded.anonymousIds,
    worker: { cookie: worker.cookie, headers: worker.headers }, supervisor: { cookie: supervisor.cookie }, unit: { cookie: unit.cookie },
  };
  process.send!({ ready });

  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return;
    void (async () => {
      await bare.close();
      await app.close();
      await sql`drop table bench_baseline`.execute(database.db);
      // What the create figure made is not part of the seeded county (anonymous, so never access-logged).
      await database.db.deleteFrom('contact').where('reference', 'not like', 'BENCH-%').where('anonymous', '=', true).where('created_at', '>=', started).execute();
      await database.close();
      process.exit(0);
    })();
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
