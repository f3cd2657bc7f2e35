import type { Config } from '../../platform/config.js';
import { PermanentSendError } from './mailer.js';

/**
 * Text messages (issue 19): the provider interface, Twilio's Messages API as the real one
 * (configured, never called in tests) and a recording double for tests.
 */
export interface SmsProvider { readonly name: string; send(to: string, body: string): Promise<{ id: string }> }

/** A gateway that does not answer in this time has failed this try; the message waits for the next. */
export const SMS_TIMEOUT_MS = 10_000;

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  from: string;
  /** Twilio's API by default; a test points it at a local server (nothing in the tests reaches Twilio) */
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The failure of a gateway call as a code for the message log: the status and the provider's error number, never its text. */
export class SmsSendError extends Error {
  /** gatewayDown: the gateway itself failed (unreachable, 5xx, refused our credentials, rate limit): every other message would too */
  constructor(readonly reason: string, readonly gatewayDown = false) { super(reason); }
}

/**
 * Twilio's Messages API: POST {base}/2010-04-01/Accounts/{sid}/Messages.json, basic auth sid:token,
 * form fields To, From, Body; answers 201 with the message's sid. A 4xx other than 429 is the
 * request itself (a number Twilio will not send to): not retried. The number goes out in E.164.
 */
export class TwilioSms implements SmsProvider {
  readonly name = 'twilio';
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly options: TwilioOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://api.twilio.com').replace(/\/$/, '');
    this.fetchFn = options.fetch ?? fetch;
    this.timeoutMs = options.timeoutMs ?? SMS_TIMEOUT_MS;
  }

  async send(to: string, body: string): Promise<{ id: string }> {
    const { accountSid, authToken, from } = this.options;
    const url = `${this.baseUrl}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams({ To: to, From: from, Body: body }).toString(),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const name = (err as { name?: unknown })?.name;
      const code = (err as { cause?: { code?: unknown } })?.cause?.code;
      throw new SmsSendError(`twilio ${name === 'TimeoutError' ? 'timeout' : typeof code === 'string' ? code : 'network_error'}`, true);
    }
    const json = await res.json().catch(() => null) as { sid?: unknown; code?: unknown } | null;
    if (res.status >= 200 && res.status < 300 && typeof json?.sid === 'string') return { id: json.sid };
    const reason = `twilio ${res.status}${typeof json?.code === 'number' ? ` ${json.code}` : ''}`;
    if (res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 401 && res.status !== 403) throw new PermanentSendError(reason);
    throw new SmsSendError(reason, res.status >= 500 || res.status === 401 || res.status === 403 || res.status === 429);
  }
}

/**
 * The test double: records each message in memory instead of sending it, so a test can read what a
 * resident would have received. Never configured by the environment; tests build it themselves.
 * `failNext` makes the next sends fail as a gateway that is down would.
 */
export class RecordingSms implements SmsProvider {
  readonly name = 'recording';
  readonly sent: { to: string; body: string; id: string }[] = [];
  failNext = 0;

  async send(to: string, body: string): Promise<{ id: string }> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new SmsSendError('recording unavailable', true);
    }
    const id = `rec-${this.sent.length + 1}`;
    this.sent.push({ to, body, id });
    return { id };
  }
}

/** The configured provider (SMS_PROVIDER), or null: text messages are then logged as skipped. */
export function createSmsProvider(sms: Config['sms']): SmsProvider | null {
  if (!sms) return null;
  return new TwilioSms({ accountSid: sms.accountSid, authToken: sms.authToken, from: sms.from });
}
