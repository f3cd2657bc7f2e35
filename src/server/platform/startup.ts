import type { Config } from './config.js';
import { openDatabase, type Database } from './db.js';
import { migrateToLatest } from './migrate.js';
import fs from 'node:fs';
import path from 'node:path';
import { isDatabaseEmpty, loadDemoCounty, resolveCountyId } from '../features/organisation/public.js';
import { importPtvFolder } from '../features/catalogue/public.js';

/** The real PTV export in the repository: the demo county's service catalogue. */
const DEMO_CATALOGUE = path.resolve(import.meta.dirname, '../../../fixtures/ptv-2017-vaasa-naantali');

/** Opens the configured database, migrates it, and loads the demo county (with the PTV catalogue) when the policy says so. */
export async function prepareDatabase(config: Config): Promise<{ database: Database; migrated: string[]; demoLoaded: boolean }> {
  const database = await openDatabase(config.database);
  try {
    const { applied } = await migrateToLatest(database.db);
    const wantDemo = config.demoData === 'always' || (config.demoData === 'auto' && database.kind === 'embedded' && (await isDatabaseEmpty(database.db)));
    const demoLoaded = wantDemo ? await loadDemoCounty(database.db) : false;
    if (demoLoaded && fs.existsSync(DEMO_CATALOGUE)) await importPtvFolder(database.db, await resolveCountyId(database.db), DEMO_CATALOGUE);
    return { database, migrated: applied, demoLoaded };
  } catch (err) {
    await database.close();
    throw err;
  }
}
