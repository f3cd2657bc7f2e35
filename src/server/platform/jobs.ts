import { PgBoss } from 'pg-boss';
import type { Database } from './db.js';
import { FINISHED_JOB_KEEP_DAYS } from '../../domain/retention.js';

export interface ScheduledJob {
  name: string;
  /** cron in Europe/Helsinki */
  cron: string;
  run: () => Promise<unknown>;
}

/**
 * pg-boss on the same database. On PGlite it borrows a client from the application's pool for
 * each statement (its own connection handling ran statements inside application transactions
 * and lost jobs); on PostgreSQL it uses its own connections from DATABASE_URL, with the app's
 * connect timeout and TCP keepalive.
 *
 * A database outage pauses the jobs, it does not stop them: pg-boss reports each failed poll or
 * maintenance run as an 'error' event (logged here, never thrown: an unheard 'error' event would
 * end the process) and keeps polling; when the database answers again the schedules and workers
 * carry on without a restart (platform/db-faults.test.ts).
 */
export async function startJobs(database: Database, jobs: ScheduledJob[], log: { error(obj: unknown, msg: string): void }): Promise<PgBoss> {
  const boss = database.url
    ? new PgBoss({
      connectionString: database.url, schema: 'pgboss', max: 2,
      ...(database.timeouts ? { connectionTimeoutMillis: database.timeouts.connectMs } : {}),
      // passed on to pg's Pool (pg-boss's types do not list them)
      ...{ keepAlive: true, keepAliveInitialDelayMillis: database.timeouts?.keepAliveMs ?? 10_000 },
    })
    : new PgBoss({
      schema: 'pgboss',
      db: {
        executeSql: async (text: string, values?: unknown[]) => {
          const client = await database.pool.connect();
          try {
            return await client.query(text, values);
          } finally {
            client.release();
          }
        },
      },
    });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  await boss.start();
  for (const job of jobs) {
    // finished jobs are kept 14 days, then pg-boss deletes them (the retention table, domain/retention.ts)
    await boss.createQueue(job.name, { deleteAfterSeconds: FINISHED_JOB_KEEP_DAYS * 86_400 });
    await boss.schedule(job.name, job.cron, null, { tz: 'Europe/Helsinki' });
    await boss.work(job.name, async () => {
      await job.run();
    });
  }
  return boss;
}
