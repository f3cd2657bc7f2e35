import type { Config } from './config.js';
import { openDatabase, type Database } from './db.js';
import { migrateToLatest } from './migrate.js';
import { isDatabaseEmpty, loadDemoCounty } from '../features/organisation/public.js';

/** Opens the configured database, migrates it, and loads the demo county when the policy says so. */
export async function prepareDatabase(config: Config): Promise<{ database: Database; migrated: string[]; demoLoaded: boolean }> {
  const database = await openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    const wantDemo = config.demoData === 'always' || (config.demoData === 'auto' && database.kind === 'embedded' && (await isDatabaseEmpty(database.db)));
    const demoLoaded = wantDemo ? await loadDemoCounty(database.db) : false;
    return { database, migrated: applied, demoLoaded };
  } catch (err) {
    await database.close();
    throw err;
  }
}
