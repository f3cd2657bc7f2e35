import { ConfigError, loadConfig } from './platform/config.js';
import { DataDirLockedError } from './platform/db.js';
import { prepareDatabase } from './platform/startup.js';
import { buildApp } from './app.js';
import { DEMO_PASSWORD, DEMO_USERS } from './features/organisation/public.js';
import { runRetention } from './features/records/public.js';
import { startJobs } from './platform/jobs.js';
import { createAccessLogCheckpoint } from './platform/access-log.js';
import { escalateReferrals } from './features/referrals/public.js';
import { handOffWaiting } from './features/emergency/public.js';
import { refreshStatistics } from './features/statistics/public.js';
import { closeIdleChats } from './features/chat/public.js';
import { createDispatcher } from './features/integration/public.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const { database, migrated, demoLoaded } = await prepareDatabase(config);
  const app = await buildApp({ config, database, clock: () => new Date() });

  // issue 19: webhooks and e-mail/text messages out of the outbox, off the request path
  const dispatcher = config.jobs ? createDispatcher(database, config, app.log) : null;
  const boss = config.jobs
    ? await startJobs(database, [
      // every hour: erase personal data whose retention period has passed and prune sessions, login
      // attempts, idempotency records and rate-limit counters, by the retention table (domain/retention.ts,
      // docs/records-retention.md); the same code as `npm run admin -- retention run`. Hourly, so that
      // an advice contact's data goes within the hour of closing, as the residents' consent text says.
      { name: 'retention', cron: '15 * * * *', run: () => runRetention(database.db, new Date(), { adviceRetentionDays: config.adviceRetentionDays }, { dryRun: false }) },
      // every 10 minutes: referrals past their acceptance or client-contact day remind the unit
      // and show on the supervisor's view; nothing expires silently
      { name: 'referral-escalation', cron: '*/10 * * * *', run: () => escalateReferrals(database.db, new Date()) },
      // every 5 minutes: acute and urgent contacts still waiting unclaimed when guidance closes go to
      // the social emergency service (issue 11: nothing urgent waits for Monday silently)
      // every hour: a signed checkpoint of the access log's chain (ADR 0012), so that deleting the
      // newest rows or rewriting the chain shows against it
      { name: 'access-log-checkpoint', cron: '5 * * * *', run: () => createAccessLogCheckpoint(database.db, new Date()) },
      { name: 'emergency-handoff', cron: '*/5 * * * *', run: () => handOffWaiting(database.db, new Date()) },
      // every minute: the statistics' rollups of the days whose contacts changed (issue 15,
      // migration 0016), so that a supervisor's read seldom has to rewrite them first
      { name: 'statistics-rollup', cron: '* * * * *', run: () => refreshStatistics(database.db) },
      // every minute: chats whose resident has vanished (no page open, no request for the county's
      // idle minutes) end themselves, counted in the statistics (issue 16)
      { name: 'chat-idle', cron: '* * * * *', run: () => closeIdleChats(database.db, new Date()) },
      // every minute (and at once when an event is committed): webhook deliveries and their retries,
      // e-mails and text messages (issue 19); a subscriber or SMTP server that is down never slows a worker
      { name: 'integration-dispatch', cron: '* * * * *', run: () => dispatcher!.runOnce(new Date()) },
    ], app.log)
    : null;

  // Graceful shutdown (issue 13): stop accepting connections and drain the requests in flight
  // (Fastify answers new requests on kept-alive connections with 503 meanwhile), let running jobs
  // finish while pg-boss stops taking new ones, then close the database. A drain that hangs is cut
  // after SHUTDOWN_GRACE_MS (default 25 s, inside a container runtime's usual 30 s).
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining requests and jobs');
    const grace = config.shutdownGraceMs;
    const cut = setTimeout(() => {
      app.log.error({ graceMs: grace }, 'shutdown did not finish in time; exiting');
      process.exit(1);
    }, grace);
    cut.unref();
    try {
      await Promise.all([app.close(), boss?.stop({ graceful: true, timeout: Math.max(1_000, grace - 5_000) }), dispatcher?.stop()]);
      await database.close();
      app.log.info('shut down');
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const where = database.kind === 'embedded' ? `embedded PostgreSQL (PGlite) in ${(config.database as { dataDir: string }).dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `Opastin is running at ${config.publicUrl}/`,
    `  staff app:   ${config.publicUrl}/tyo/`,
    `  API docs:    ${config.apiDocs ? `${config.publicUrl}/api/docs` : 'off (API_DOCS=on to serve them)'}`,
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
