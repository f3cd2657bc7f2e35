/**
 * Issue 11's new staff inputs under generated bad input (seeded, bounded): marking a contact
 * acute, the alert poll's line filter, registering with `acute`, acknowledging a hand-off. Never a
 * 5xx; a refused request changes nothing (the contact's acute state and timeline stay as they were).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp, login, type TestApp } from '../../test/support.js';

let t: TestApp;
let headers: Record<string, string>;
let sosHeaders: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  headers = (await login(t.app, 'ohjaaja')).headers;
  sosHeaders = (await login(t.app, 'sospaivystys')).headers;
});
afterAll(async () => { await t.close(); });

const nasty = fc.oneof(
  fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant('\u0000'), fc.constant('\uD800'), fc.constant('x'.repeat(5000)),
  fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 2 }),
);

const state = async (id: string) => {
  const row = await t.database.db.selectFrom('contact').select(['acute', 'acute_reasons']).where('id', '=', id).executeTakeFirstOrThrow();
  const events = await t.database.db.selectFrom('contact_event').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', '=', id).executeTakeFirstOrThrow();
  return { ...row, events: Number(events.n) };
};

describe('the acute routes under generated bad input', () => {
  it('POST /api/contacts/{id}/acute: a 2xx or a 4xx with a reason; a refusal changes nothing', async () => {
    // a fresh contact each run (a second mark is an idempotent no-op that would hide the note), claimed so unmarking reaches the note too
    await fc.assert(fc.asyncProperty(fc.record({ acute: fc.oneof(fc.boolean(), fc.boolean(), nasty), reason: nasty }, { requiredKeys: [] }), async (body) => {
      const id = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers, payload: { channel: 'phone', anonymous: true, acute: true } })).json().id as string;
      await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/claim`, headers });
      const before = await state(id);
      const res = await t.app.inject({ method: 'POST', url: `/api/contacts/${id}/acute`, headers, payload: body as object });
      expect(res.statusCode, res.body).toBeLessThan(500);
      if (res.statusCode >= 400) {
        expect(res.json().code).toBeTypeOf('string');
        expect(await state(id)).toEqual(before);
      }
    }), { numRuns: 150, seed: 1101 });
  });

  it('GET /api/contacts/acute?line=…, POST /api/contacts with acute, acknowledge with any id: never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(nasty, fc.string({ maxLength: 80 }), async (acute, text) => {
      const poll = await t.app.inject({ url: `/api/contacts/acute?line=${encodeURIComponent(text)}`, headers });
      expect(poll.statusCode, poll.body).toBeLessThan(500);
      const created = await t.app.inject({ method: 'POST', url: '/api/contacts', headers, payload: { channel: 'phone', anonymous: true, acute } });
      expect(created.statusCode, created.body).toBeLessThan(500);
      if (typeof acute !== 'boolean') expect(created.statusCode).toBe(400);
      const ack = await t.app.inject({ method: 'POST', url: `/api/emergency-handoffs/${encodeURIComponent(text)}/acknowledge`, headers: sosHeaders });
      expect(ack.statusCode, ack.body).toBeLessThan(500);
    }), { numRuns: 100, seed: 1102 });
  });
});
