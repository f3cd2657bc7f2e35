import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t.close(); });

describe('GET /api/public/service-promise', () => {
  it('answers with the Helsinki receipt date and the promise', async () => {
    const res = await t.app.inject({ url: '/api/public/service-promise?receivedAt=2026-12-23T16:00:00%2B02:00' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ receivedOn: '2026-12-23', respondBy: '2026-12-28' });
    const utc = await t.app.inject({ url: '/api/public/service-promise?receivedAt=2026-11-23T23:30:00Z' });
    expect(utc.json()).toEqual({ receivedOn: '2026-11-24', respondBy: '2026-11-25' });
    const urgent = await t.app.inject({ url: '/api/public/service-promise?receivedAt=2026-11-23T10:00:00Z&urgency=urgent' });
    expect(urgent.json()).toEqual({ receivedOn: '2026-11-23', respondBy: '2026-11-23' });
  });

  it('promises from the server’s clock when no receivedAt is given (a phone with a wrong date gets the right day)', async () => {
    t.clock.now = new Date('2026-12-23T16:00:00+02:00');
    try {
      expect((await t.app.inject({ url: '/api/public/service-promise' })).json()).toEqual({ receivedOn: '2026-12-23', respondBy: '2026-12-28' });
    } finally {
      t.clock.now = new Date('2026-11-23T10:00:00+02:00');
    }
  });

  it.each([
    ['not a date', '?receivedAt=tomorrow'],
    ['without an offset', '?receivedAt=2026-11-23T10:00:00'],
    ['an impossible day', '?receivedAt=2026-02-30T10:00:00Z'],
    ['outside the calendar', '?receivedAt=2300-01-01T10:00:00Z'],
    ['an unknown urgency', '?receivedAt=2026-11-23T10:00:00Z&urgency=later'],
  ])('refuses a receivedAt that is %s with a 400 problem', async (_label, query) => {
    const res = await t.app.inject({ url: `/api/public/service-promise${query}`, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ status: 400, code: 'validation_failed', title: 'The request contains invalid data.' });
    expect(body.errors[0].field).toMatch(/^querystring/);
  });

  it('speaks the language the client asks for, Finnish by default', async () => {
    const fi = await t.app.inject({ url: '/api/public/service-promise?receivedAt=x' });
    expect(fi.json().title).toBe('Pyynnössä on virheellisiä tietoja.');
    const sv = await t.app.inject({ url: '/api/public/service-promise?receivedAt=x', headers: { 'accept-language': 'sv-FI,sv;q=0.9' } });
    expect(sv.json().title).toBe('Begäran innehåller felaktiga uppgifter.');
  });
});
