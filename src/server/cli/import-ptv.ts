/**
 * npm run import:ptv -- <folder> [--county <code>]
 * Imports a folder of PTV JSON objects (organizations/, servicechannels/, services/) into the
 * service catalogue. Safe to run again: objects are matched by their PTV id and updated.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db.js';
import { migrateToLatest } from '../platform/migrate.js';
import { resolveCountyId } from '../features/organisation/public.js';
import { formatReport, importPtvFolder } from '../features/catalogue/public.js';

function progressBar(): (done: number, total: number, what: string) => void {
  const tty = process.stderr.isTTY;
  let lastPercent = -1;
  return (done, total, what) => {
    const percent = Math.floor((done / total) * 100);
    if (tty) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} ${what.padEnd(14)}`);
      if (done === total) process.stderr.write('\n');
    } else if (Math.floor(percent / 10) > Math.floor(lastPercent / 10) || done === total) {
      lastPercent = percent;
      process.stderr.write(`${percent} % (${done}/${total})\n`);
    }
  };
}

async function run(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { county: { type: 'string' } } });
  const folder = positionals[0];
  if (!folder) {
    console.error('Usage: npm run import:ptv -- <folder with organizations/, servicechannels/, services/> [--county <code>]');
    process.exitCode = 64;
    return;
  }
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.db);
    const countyId = await resolveCountyId(database.db, values.county);
    const started = Date.now();
    const report = await importPtvFolder(database.db, countyId, folder, { progress: progressBar() });
    console.log(formatReport(report));
    console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
    if (report.problems.some((p) => p.level === 'error')) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `The import stopped: ${(err as Error).message}`);
  process.exit(1);
});
