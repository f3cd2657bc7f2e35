import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../test/support.js';

const TOKEN = 'cti-test-token-0123456789abcdef';
let t: TestApp;
beforeAll(async () => { t = await createTestApp({ config: { ctiToken: TOKEN }, now: new Date('2026-11-23T09:30:00+02:00') }); });
afterAll(async () => { await t.close(); });

const cti = (payload: object, token = TOKEN) => t.app.inject({ method: 'POST', url: '/api/cti/events', payload, headers: { authorization: `Bearer ${token}` } });

describe('CTI webhook', () => {
  it('refuses a wrong token and an unknown call id with stable codes', async () => {
    const wrong = await cti({ event: 'newCall', callId: 'x', from: '0401234567', to: 'working_age' }, 'nope');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('unauthenticated');
    const unknown = await cti({ event: 'hangup', callId: 'never-seen', cause: 'normalClearing' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('unknown_call');
    expect((await cti({ event: 'newCall', callId: 'y', from: '0401234567', to: 'no_such_line' })).statusCode).toBe(400);
    expect((await cti({ event: 'ring', callId: 'z' })).statusCode).toBe(400);
  });

  it('takes the token only from the Authorization header: in the query string it is refused even when right', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/cti/events?token=${TOKEN}`, payload: { event: 'newCall', callId: 'q-1', from: '0401234567', to: 'working_age' }, remoteAddress: '192.0.2.50' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated', detail: 'Give the CTI token in the Authorization header (Bearer), not in the address.' });
    const both = await t.app.inject({ method: 'POST', url: `/api/cti/events?token=${TOKEN}`, payload: { event: 'newCall', callId: 'q-1', from: '0401234567', to: 'working_age' }, headers: { authorization: `Bearer ${TOKEN}` }, remoteAddress: '192.0.2.50' });
    expect(both.statusCode).toBe(401);
    expect(await t.database.db.selectFrom('phone_call').select('id').where('call_id', '=', 'q-1').execute()).toEqual([]);
  });

  it('throttles wrong tokens per address: after 10 failures in 15 minutes, 429 even with the right token, other addresses unaffected', async () => {
    const from = (remoteAddress: string, token: string) => t.app.inject({
      method: 'POST', url: '/api/cti/events', payload: { event: 'hangup', callId: 'never-seen', cause: 'x' }, headers: { authorization: `Bearer ${token}` }, remoteAddress,
    });
    for (let i = 0; i < 10; i++) expect((await from('192.0.2.99', `wrong-token-${i}-0123456789abcdef`)).statusCode).toBe(401);
    const throttled = await from('192.0.2.99', TOKEN);
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('too_many_requests');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('192.0.2.100', TOKEN)).statusCode).toBe(404); // the right token from elsewhere: through to the (unknown) call
    t.clock.now = new Date(t.clock.now.getTime() + 15 * 60_000);
    expect((await from('192.0.2.99', TOKEN)).statusCode).toBe(404);
    t.clock.now = new Date('2026-11-23T09:30:00+02:00');
  });

  it('creates a call record on newCall, assigns it on answer, and keeps it open after hangup', async () => {
    const started = await cti({ event: 'newCall', callId: 'c-1', from: '040 123 4567', to: 'working_age' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'new', callback: false });
    expect((await cti({ event: 'newCall', callId: 'c-1', from: '040 123 4567', to: 'working_age' })).json().contactId).toBe(started.json().contactId);
    expect((await cti({ event: 'answer', callId: 'c-1', user: 'ohjaaja' })).json().status).toBe('in_progress');
    expect((await cti({ event: 'hangup', callId: 'c-1', cause: 'normalClearing' })).statusCode).toBe(200);
    const s = await login(t.app, 'ohjaaja');
    const view = (await t.app.inject({ url: `/api/contacts/${started.json().contactId}`, headers: s.headers })).json();
    expect(view).toMatchObject({ channel: 'phone', status: 'in_progress', line: 'working_age', assignedTo: { name: 'Olli Ohjaaja' }, callerNumber: '+358401234567' });
    // closing the anonymous call erases the caller number
    await t.app.inject({ method: 'POST', url: `/api/contacts/${view.id}/close`, payload: { outcome: 'advice_given', ledToClientRelationship: false, mainReason: 'income', contactor: 'self' }, headers: s.headers });
    const closed = await t.database.db.selectFrom('contact').select(['caller_number', 'status']).where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(closed).toEqual({ caller_number: null, status: 'closed' });
  });

  it('turns an unanswered call into a callback task', async () => {
    const { contactId } = (await cti({ event: 'newCall', callId: 'c-2', from: '+358501112222', to: '06 0000 0100' })).json();
    const hangup = await cti({ event: 'hangup', callId: 'c-2', cause: 'cancel' });
    expect(hangup.json()).toMatchObject({ contactId, status: 'new', callback: true });
    const row = await t.database.db.selectFrom('contact').select(['channel', 'caller_number']).where('id', '=', contactId).executeTakeFirstOrThrow();
    expect(row).toEqual({ channel: 'callback', caller_number: '+358501112222' });
  });

  it('does not make a callback task of a hidden number; it closes as not reached', async () => {
    await cti({ event: 'newCall', callId: 'c-3', from: 'anonymous', to: 'working_age' });
    const hangup = await cti({ event: 'hangup', callId: 'c-3', cause: 'cancel' });
    expect(hangup.json()).toMatchObject({ status: 'closed', callback: false });
  });

  it('makes a call to a closed line a callback task at once', async () => {
    t.clock.now = new Date('2026-11-23T12:00:00+02:00'); // lunch break: lines open 9–11 and 13–15
    const res = await cti({ event: 'newCall', callId: 'c-4', from: '0409998877', to: 'disability' });
    expect(res.json()).toMatchObject({ status: 'new', callback: true });
    t.clock.now = new Date('2026-11-23T09:30:00+02:00');
  });

  it('is off without CTI_TOKEN', async () => {
    const off = await createTestApp({ database: t.database });
    try {
      expect((await off.app.inject({ method: 'POST', url: '/api/cti/events', payload: { event: 'hangup', callId: 'x' } })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
