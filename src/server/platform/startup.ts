import type { Config } from './config.js';
import { openDatabase, type Database } from './db.js';
import { migrateToLatest } from './migrate.js';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_COUNTY, isDatabaseEmpty, loadDemoCounty, resolveCountyId } from '../features/organisation/public.js';
import { loadDemoHistory } from '../features/organisation/demo-history.js';
import { loadDemoGuidance } from '../features/guidance/public.js';
import { refreshStatistics } from '../features/statistics/public.js';
import { importPtvFolder } from '../features/catalogue/public.js';

/** The real PTV export in the repository: the demo county's service catalogue. */
const DEMO_CATALOGUE = path.resolve(import.meta.dirname, '../../../fixtures/ptv-2017-vaasa-naantali');

/**
 * Opens the configured database, migrates it, and loads the demo county (with the PTV catalogue and,
 * unless DEMO_HISTORY=off, two years of synthetic history) when the policy says so. On a PostgreSQL
 * server the migrations and the demo load run on connections of their own without the statement
 * limits (an index on a large table may take minutes); the app's pool then opens with the
 * configured timeouts (config.dbTimeouts).
 */
export async function prepareDatabase(config: Config): Promise<{ database: Database; migrated: string[]; demoLoaded: boolean }> {
  const setup = await openDatabase(config.database, { poolSize: 2 });
  let result: { migrated: string[]; demoLoaded: boolean };
  try {
    const { applied } = await migrateToLatest(setup.db);
    const wantDemo = config.demoData === 'always' || (config.demoData === 'auto' && setup.kind === 'embedded' && (await isDatabaseEmpty(setup.db)));
    const demoLoaded = wantDemo ? await loadDemoCounty(setup.db) : false;
    if (demoLoaded && fs.existsSync(DEMO_CATALOGUE)) await importPtvFolder(setup.db, await resolveCountyId(setup.db), DEMO_CATALOGUE);
    // two guidance cases at levels 2 and 3 (issue 17: Jusa-Petteri and Jaska, seed 002)
    if (demoLoaded) await loadDemoGuidance(setup.db, await resolveCountyId(setup.db, DEMO_COUNTY.code), new Date());
    // two years of synthetic contacts, calls and referrals, so the supervisor's month has a year to compare with
    // (issue 15): only with a demo county just loaded, never into a county that holds real work
    if (demoLoaded && config.demoData !== 'never' && config.demoHistory) {
      await loadDemoHistory(setup.db, await resolveCountyId(setup.db, DEMO_COUNTY.code), { now: new Date() });
      // its statistics' rollups now, so the first look at the month does not wait for them
      await refreshStatistics(setup.db);
    }
    result = { migrated: applied, demoLoaded };
  } catch (err) {
    await setup.close();
    throw err;
  }
  if (setup.kind === 'embedded') return { database: setup, ...result }; // one in-process connection, no network to bound
  await setup.close();
  return { database: await openDatabase(config.database, { timeouts: config.dbTimeouts }), ...result };
}
