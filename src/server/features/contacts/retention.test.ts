import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { purgeExpiredPersonalData } from './retention.js';
import { startJobs } from '../../platform/jobs.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp({ now: new Date('2026-10-01T10:00:00+03:00') }); });
afterAll(async () => { await t.close(); });

async function closedIdentified(opts: { initiate?: boolean } = {}): Promise<string> {
  const s = await login(t.app, 'ohjaaja');
  const h = s.headers;
  const { id } = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'housing', note: 'Vuokrarästit, puh 040 555 6666', acute: true, person: { name: 'Poistettava Henkilö', phone: '0405556666', hetu: '131052-308T', callbackWindow: 'aamupäivä' } } })).json();
  await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/claim`, headers: h });
  if (opts.initiate) await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/initiations`, headers: h, payload: { concerns: 'Asuminen', receivingUnit: 'adult_social_work', urgent: false } });
  const closed = await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/close`, headers: h, payload: { outcome: 'message_to_service', ledToClientRelationship: opts.initiate ?? false } });
  expect(closed.statusCode).toBe(200);
  return id;
}

describe('retention of personal data', () => {
  it('erases the personal data of closed contacts without an initiated matter after the period, keeping the statistics', async () => {
    const plain = await closedIdentified();
    const initiated = await closedIdentified({ initiate: true });
    const db = t.database.db;
    // as if the detector had flagged the resident's words
    await db.updateTable('contact').set({ acute_reasons: ['worker', 'violence_now'], acute_trigger_words: ['kuristi äitiä'] }).where('id', '=', plain).execute();

    expect((await purgeExpiredPersonalData(db, new Date('2026-10-30T10:00:00+02:00'), 30)).erased).toBe(0); // 29 days: kept
    const result = await purgeExpiredPersonalData(db, new Date('2026-11-01T10:00:00+02:00'), 30);
    expect(result.erased).toBe(1);

    const row = await db.selectFrom('contact').selectAll().where('id', '=', plain).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      person_name: null, person_phone: null, person_hetu: null, person_birth_date: null, callback_window: null, note: null, caller_number: null,
      status: 'closed', outcome: 'message_to_service', main_reason: 'housing', channel: 'phone', contactor: 'self', led_to_client_relationship: false,
    });
    expect(row.personal_data_erased_at).not.toBeNull();
    // an acute contact keeps why it was acute (statistics) but not the resident's words
    expect(row).toMatchObject({ acute: true, acute_reasons: ['worker', 'violence_now'], acute_trigger_words: [] });
    const kept = await db.selectFrom('contact').select(['person_name', 'person_hetu']).where('id', '=', initiated).executeTakeFirstOrThrow();
    expect(kept).toEqual({ person_name: 'Poistettava Henkilö', person_hetu: '131052-308T' });
    const log = await db.selectFrom('access_log').select(['action', 'actor_label', 'purpose']).where('subject_id', '=', plain).where('action', '=', 'delete').execute();
    expect(log).toEqual([{ action: 'delete', actor_label: 'system:retention', purpose: 'retention_period_expired' }]);
    expect((await purgeExpiredPersonalData(db, new Date('2026-11-02T10:00:00+02:00'), 30)).erased).toBe(0); // idempotent
  });

  it('runs as a scheduled pg-boss job on this database', async () => {
    const target = await closedIdentified();
    const boss = await startJobs(t.database, [{ name: 'retention-test', cron: '0 3 * * *', run: () => purgeExpiredPersonalData(t.database.db, new Date('2027-01-01T00:00:00Z'), 30) }], { error: () => undefined });
    try {
      const schedules = await boss.getSchedules();
      expect(schedules.map((s) => s.name)).toContain('retention-test');
      await boss.send('retention-test', {});
      const deadline = Date.now() + 30_000;
      let erasedAt: Date | null = null;
      while (Date.now() < deadline && !erasedAt) {
        erasedAt = (await t.database.db.selectFrom('contact').select('personal_data_erased_at').where('id', '=', target).executeTakeFirstOrThrow()).personal_data_erased_at;
        if (!erasedAt) await new Promise((r) => setTimeout(r, 250));
      }
      expect(erasedAt).not.toBeNull();
    } finally {
      await boss.stop({ graceful: false, timeout: 5_000 });
    }
  }, 60_000);
});
