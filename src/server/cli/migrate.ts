import { ConfigError, loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/db.js';
import { migrateToLatest } from '../platform/migrate.js';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const { applied, total } = await migrateToLatest(database.db);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}. ${total} in all.` : `The database is up to date (${total} migrations).`);
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Migration failed: ${(err as Error).message}`);
  process.exit(1);
}
