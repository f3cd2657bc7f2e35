/**
 * Issue 13 (in part): a PostgreSQL server that ends the app's connections while requests are under
 * way must not end the process. Only on the PostgreSQL server (CI's second run); PGlite runs in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, serverUrl, type TestApp } from '../test/support.js';

describe.runIf(serverUrl)('the database ends our connections under load', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(); });
  afterAll(async () => { await t.close(); });

  it('answers with 201 or 503, never a crash, and works again afterwards', async () => {
    const crashes: unknown[] = [];
    const onUncaught = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const send = (i: number) => t.app.inject({ method: 'POST', url: '/api/public/contact-requests', remoteAddress: `10.13.${i >> 8}.${i & 255}`,
        payload: { lang: 'fi', anonymous: true, text: `Kysyisin asumistuesta ${i}.`, dangerNow: false } });
      const statuses: number[] = [];
      for (let round = 0; round < 8; round++) {
        const burst = Array.from({ length: 10 }, (_, i) => send(round * 10 + i));
        // the server ends every connection of this database but ours, mid-burst
        await new Promise((r) => setTimeout(r, 5));
        await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(t.database.db).catch(() => undefined);
        statuses.push(...(await Promise.all(burst)).map((r) => r.statusCode));
      }
      expect(statuses.every((s) => s === 201 || s === 503), statuses.join(',')).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(crashes).toEqual([]);
      const after = await send(999);
      expect(after.statusCode).toBe(201);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  }, 60_000);
});
