import { ConfigError, loadConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/db.js';
import { prepareDatabase } from './platform/startup.js';
import { buildApp } from './app.js';
import { DEMO_PASSWORD, DEMO_USERS } from './features/organisation/public.js';
import { purgeExpiredPersonalData } from './features/contacts/public.js';
import { startJobs } from './platform/jobs.js';
import { pruneRateLimits } from './platform/rate-limit.js';
import { escalateReferrals } from './features/referrals/public.js';
import { handOffWaiting } from './features/emergency/public.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { database, migrated, demoLoaded } = await prepareDatabase(config);
  const app = await buildApp({ config, database, clock: () => new Date() });

  const boss = config.jobs
    ? await startJobs(database, [
      // every night: erase personal data whose retention period has passed (domain § 7)
      { name: 'retention-purge', cron: '15 3 * * *', run: () => purgeExpiredPersonalData(database.db, new Date(), config.retentionDays) },
      // the public forms' rate-limit counters of past days
      { name: 'rate-limit-prune', cron: '40 3 * * *', run: () => pruneRateLimits(database.db, new Date()) },
      // every 10 minutes: referrals past their acceptance or client-contact day remind the unit
      // and show on the supervisor's view; nothing expires silently
      { name: 'referral-escalation', cron: '*/10 * * * *', run: () => escalateReferrals(database.db, new Date()) },
      // every 5 minutes: acute and urgent contacts still waiting unclaimed when guidance closes go to
      // the social emergency service (issue 11: nothing urgent waits for Monday silently)
      { name: 'emergency-handoff', cron: '*/5 * * * *', run: () => handOffWaiting(database.db, new Date()) },
    ], app.log)
    : null;

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await boss?.stop({ graceful: true, timeout: 10_000 });
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${(config.database as { dataDir: string }).dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `Opastin is running at ${config.publicUrl}/`,
    `  staff app:   ${config.publicUrl}/tyo/`,
    `  API docs:    ${config.publicUrl}/api/docs`,
    `  database:    ${where}${migrated.length ? `, ${migrated.length} migrations applied` : ''}`,
  ];
  if (demoLoaded || config.demoData === 'always' || database.kind === 'embedded') {
    lines.push(`  demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((u) => `${u.username} (${u.roles.join(', ')})`).join('; ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirLockedError) {
    console.error(err.message);
  } else {
    console.error(`Opastin could not start: ${(err as Error).message}`);
  }
  process.exit(1);
});
