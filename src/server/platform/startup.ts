import type { Config } from './config.js';
import { openDatabase, type Database } from './db.js';
import { migrateToLatest } from './migrate.js';
import fs from 'node:fs';
import path from 'node:path';
import { isDatabaseEmpty, loadDemoCounty, resolveCountyId } from '../features/organisation/public.js';
import { importPtvFolder } from '../features/catalogue/public.js';

/** The real PTV export in the repository: the demo county's service catalogue. */
const DEMO_CATALOGUE = path.resolve(import.meta.dirname, '../../../fixtures/ptv-2017-vaasa-naantali');

/**
 * Opens the configured database, migrates it, and loads the demo county (with the PTV catalogue) when
 * the policy says so. On a PostgreSQL server the migrations and the demo load run on connections of
 * their own without the statement limits (an index on a large table may take minutes); the app's
 * pool then opens with the configured timeouts (config.dbTimeouts).
 */
export async function prepareDatabase(config: Config): Promise<{ database: Database; migrated: string[]; demoLoaded: boolean }> {
  const setup = await openDatabase(config.database, { poolSize: 2 });
  let result: { migrated: string[]; demoLoaded: boolean };
  try {
    const { applied } = await migrateToLatest(setup.db);
    const wantDemo = config.demoData === 'always' || (config.demoData === 'auto' && setup.kind === 'embedded' && (await isDatabaseEmpty(setup.db)));
    const demoLoaded = wantDemo ? await loadDemoCounty(setup.db) : false;
    if (demoLoaded && fs.existsSync(DEMO_CATALOGUE)) await importPtvFolder(setup.db, await resolveCountyId(setup.db), DEMO_CATALOGUE);
    result = { migrated: applied, demoLoaded };
  } catch (err) {
    await setup.close();
    throw err;
  }
  if (setup.kind === 'embedded') return { database: setup, ...result }; // one in-process connection, no network to bound
  await setup.close();
  return { database: await openDatabase(config.database, { timeouts: config.dbTimeouts }), ...result };
}
