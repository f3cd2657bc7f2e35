import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from '../migrations/0001_platform.js';
import * as m0002 from '../migrations/0002_organisation.js';
import * as m0003 from '../migrations/0003_auth.js';
import * as m0004 from '../migrations/0004_access_log.js';
import * as m0005 from '../migrations/0005_contacts.js';
import * as m0006 from '../migrations/0006_front_door.js';
import * as m0007 from '../migrations/0007_catalogue.js';
import * as m0008 from '../migrations/0008_referrals.js';
import * as m0009 from '../migrations/0009_acute.js';
import * as m0010 from '../migrations/0010_records.js';
import * as m0011 from '../migrations/0011_clocks.js';
import * as m0012 from '../migrations/0012_access.js';
import * as m0013 from '../migrations/0013_worker_day.js';
import * as m0014 from '../migrations/0014_search_speed.js';
import * as m0015 from '../migrations/0015_reachability.js';
import * as m0016 from '../migrations/0016_statistics_rollup.js';
import * as m0017 from '../migrations/0017_statistics_sources.js';
import * as m0018 from '../migrations/0018_rollup_calls_referrals.js';
import * as m0019 from '../migrations/0019_chat_feedback.js';
import * as m0020 from '../migrations/0020_guidance.js';
import * as m0021 from '../migrations/0021_administration.js';
import * as m0022 from '../migrations/0022_integration.js';
import * as m0023 from '../migrations/0023_outbox_horizon.js';
import * as m0024 from '../migrations/0024_unit_language.js';

/**
 * Migrations are listed here explicitly (greppable, bundle-safe) and are append-only:
 * never edit one that has landed; add the next number.
 */
export const migrations: Record<string, Migration> = {
  '0001_platform': m0001,
  '0002_organisation': m0002,
  '0003_auth': m0003,
  '0004_access_log': m0004,
  '0005_contacts': m0005,
  '0006_front_door': m0006,
  '0007_catalogue': m0007,
  '0008_referrals': m0008,
  '0009_acute': m0009,
  '0010_records': m0010,
  '0011_clocks': m0011,
  '0012_access': m0012,
  '0013_worker_day': m0013,
  '0014_search_speed': m0014,
  '0015_reachability': m0015,
  '0016_statistics_rollup': m0016,
  '0017_statistics_sources': m0017,
  '0018_rollup_calls_referrals': m0018,
  '0019_chat_feedback': m0019,
  '0020_guidance': m0020,
  '0021_administration': m0021,
  '0022_integration': m0022,
  '0023_outbox_horizon': m0023,
  '0024_unit_language': m0024,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<{ applied: string[]; total: number }> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), total: Object.keys(migrations).length };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any schema
export async function appliedMigrationCount(db: Kysely<any>): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
  return r.rows[0]?.n ?? 0;
}
