/**
 * Client feedback (issue 16), training side: the receipt's link, once per invite, the figures per
 * channel and line, the texts without anything identifying, and the retention rules of the invite
 * and the text. The sealed set is feedback.sealed.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';
import { runRetention } from '../records/public.js';

let t: TestApp;
let supervisor: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-11-25T10:00:00+02:00') });
  supervisor = (await login(t.app, 'esihenkilo')).headers;
});
afterAll(async () => { await t.close(); });

const receipt = async () => {
  const res = await t.app.inject({ method: 'POST', url: '/api/public/contact-requests', payload: { lang: 'sv', anonymous: true, topic: 'money', text: 'Hur ansöker jag om utkomststöd?', dangerNow: false } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ reference: string; feedbackToken: string | null }>();
};
const give = (token: string, score: number, text?: string) => t.app.inject({ method: 'POST', url: '/api/public/feedback', payload: { token, score, lang: 'sv', ...(text ? { text } : {}) } });

describe('client feedback', () => {
  it('takes one answer per receipt, counts it per channel and shows its text without the contact', async () => {
    const r = await receipt();
    expect(r.feedbackToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((await give(r.feedbackToken!, 2, 'Svårt att hitta formuläret')).statusCode).toBe(201);
    const again = await give(r.feedbackToken!, 5);
    expect([again.statusCode, again.json().code]).toEqual([409, 'feedback_already_given']);
    expect((await give('x'.repeat(43), 3)).json().code).toBe('feedback_not_found');
    const stats = (await t.app.inject({ method: 'GET', url: '/api/statistics/monthly?month=2026-11', headers: supervisor })).json();
    expect(stats.feedback.byChannel).toContainEqual({ channel: 'web_form', count: 1, meanScore: 2 });
    expect(stats.feedback.byScore.find((s: { score: number }) => s.score === 2).count).toBe(1);
    const comments = await t.app.inject({ method: 'GET', url: '/api/statistics/feedback-comments?from=2026-11-01&to=2026-11-30', headers: supervisor });
    expect(comments.json().items).toEqual([{ month: '2026-11', channel: 'web_form', line: null, score: 2, lang: 'sv', text: 'Svårt att hitta formuläret' }]);
    expect(comments.body).not.toContain(r.reference);
    // the stored row holds nothing that leads back: no contact column, the day only
    const row = await t.database.db.selectFrom('feedback').selectAll().executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(['channel', 'county_id', 'created_at', 'given_on', 'id', 'lang', 'phone_line_id', 'score', 'text', 'updated_at']);
    expect(row.created_at.toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });

  it('refuses an expired link, prunes used and expired invites, and erases texts after two years', async () => {
    const r = await receipt();
    t.clock.now = new Date('2026-12-26T10:00:00+02:00');
    try {
      const late = await give(r.feedbackToken!, 4);
      expect([late.statusCode, late.json().code]).toEqual([410, 'feedback_expired']);
    } finally {
      t.clock.now = new Date('2026-11-25T10:00:00+02:00');
    }
    const before = await t.database.db.selectFrom('feedback_invite').select('id').execute();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const report = await runRetention(t.database.db, new Date('2026-12-26T12:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(report.counts.feedback_invite).toBe(before.length);
    expect(await t.database.db.selectFrom('feedback_invite').select('id').execute()).toEqual([]);
    const texts = () => t.database.db.selectFrom('feedback').select(['score', 'text']).execute();
    expect((await texts()).every((f) => f.text !== null)).toBe(true);
    const later = await runRetention(t.database.db, new Date('2028-11-26T12:00:00Z'), { adviceRetentionDays: 0 }, { dryRun: false });
    expect(later.counts.client_feedback).toBeGreaterThanOrEqual(1);
    expect((await texts()).map((f) => f.text)).toEqual((await texts()).map(() => null));
    expect((await texts()).map((f) => f.score)).toContain(2);
  });
});
