/**
 * E-mail failures (issue 19, review fixes), against SMTP servers started in the test on 127.0.0.1:
 * only a refused recipient gives a message up at once; a wrong password, a refused greeting or a
 * policy refusal is retried; a silent server costs a pass one try, not one per message.
 */
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support.js';
import { dispatchMessages } from './messages.service.js';
import { createMailer } from './mailer.js';

const MONDAY = new Date('2026-11-23T10:00:00+02:00');
let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp({ now: MONDAY });
  // the consumer's cursor past the demo data's events
  await dispatchMessages(db(), MONDAY, { mail: null, sms: null, publicUrl: 'https://opastin.test' });
});
afterAll(async () => { await t.close(); });

async function startSmtp(options: SMTPServerOptions): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({ disabledCommands: ['STARTTLS'], logger: false, onData(stream, _s, cb) { stream.on('end', () => cb()); stream.resume(); }, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let serial = 0;
/** Unit reminders waiting to be sent (written directly: these tests are about sending). */
async function queued(n: number): Promise<string[]> {
  const refs: string[] = [];
  for (let i = 0; i < n; i++) {
    const reference = `FAIL-${++serial}`;
    refs.push(reference);
    await db().insertInto('outbound_message').values({
      county_id: sql<string>`(select id from county order by code limit 1)`, event_id: null, channel: 'email', template: 'referral_reminder', lang: 'fi',
      recipient_kind: 'unit', recipient_id: sql<string>`gen_random_uuid()`, address: `yksikko${serial}@example.test`,
      params: JSON.stringify({ reference, unitName: 'Aikuissosiaalityö', due: '24.11.2026', step: 'vastaanotto', link: 'https://opastin.test/x', countyName: 'Testi' }),
      reference, state: 'pending', next_attempt_at: new Date(MONDAY.getTime() - 60_000),
      created_at: sql<Date>`clock_timestamp()`,
    }).execute();
  }
  return refs;
}
const rowsOf = (refs: string[]) => db().selectFrom('outbound_message').select(['reference', 'state', 'attempts', 'last_error', 'lease_until', 'address'])
  .where('reference', 'in', refs).orderBy('created_at').execute();

async function sendThrough(smtpUrl: string, timeoutMs?: number) {
  const mail = createMailer({ smtpUrl, from: 'Opastin <opastin@example.test>' }, timeoutMs ? { timeoutMs } : {});
  try {
    return await dispatchMessages(db(), MONDAY, { mail, sms: null, publicUrl: 'https://opastin.test' });
  } finally {
    mail.close();
  }
}

describe('what an SMTP refusal does to a message', () => {
  it('wrong credentials (535) are retried: the message waits with one attempt', async () => {
    const smtp = await startSmtp({ allowInsecureAuth: true, onAuth(_auth, _session, cb) { cb(new Error('Invalid username or password')); } });
    try {
      const refs = await queued(1);
      await sendThrough(`smtp://opastin:vaara@127.0.0.1:${smtp.port}`);
      expect(await rowsOf(refs)).toEqual([{ reference: refs[0], state: 'pending', attempts: 1, last_error: 'smtp EAUTH 535', lease_until: null, address: 'yksikko1@example.test' }]);
    } finally {
      await smtp.close();
    }
  });

  it('relaying denied (550 5.7.1) is the server’s policy: retried; a mailbox that does not exist (550 5.1.1) is given up', async () => {
    const smtp = await startSmtp({
      authOptional: true,
      onRcptTo(address, _session, cb) {
        const err = new Error(address.address.startsWith('yksikko2@') ? '5.7.1 Relaying denied' : '5.1.1 No such user') as Error & { responseCode: number };
        err.responseCode = 550;
        cb(err);
      },
    });
    try {
      const refs = await queued(2);
      await sendThrough(`smtp://127.0.0.1:${smtp.port}`);
      const rows = await rowsOf(refs);
      expect(rows.map((r) => [r.reference, r.state, r.attempts, r.last_error])).toEqual([
        [refs[0], 'pending', 1, 'smtp EENVELOPE 550'],
        [refs[1], 'dead', 1, 'smtp EENVELOPE 550'],
      ]);
      expect(rows[1]!.address).toBeNull();
    } finally {
      await smtp.close();
    }
  });
});

describe('a silent SMTP server', () => {
  it('one pass tries one message; the others wait untried for the next pass', async () => {
    const sockets: Socket[] = [];
    // accepts the connection and never greets
    const silent = createServer((socket) => { sockets.push(socket); });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const refs = await queued(5);
      const result = await sendThrough(`smtp://127.0.0.1:${port}`, 300);
      expect(result.failed).toBe(1);
      const rows = await rowsOf(refs);
      expect(rows.map((r) => r.attempts)).toEqual([1, 0, 0, 0, 0]);
      expect(rows.every((r) => r.state === 'pending' && r.lease_until === null)).toBe(true);
      expect(rows[0]!.last_error).toBe('smtp ETIMEDOUT');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
