import nodemailer from 'nodemailer';
import type { Config } from '../../platform/config.js';

/** E-mail over SMTP (nodemailer), configured by SMTP_URL and MAIL_FROM (issue 19). */
export interface MailMessage { to: string; subject: string; text: string }
export interface Mailer { send(message: MailMessage): Promise<{ id: string }>; close(): void }

/**
 * A refusal worth no retry: the server refused this recipient (550/551/553 to RCPT TO: a mailbox
 * that does not exist). Everything else is retried with backoff: a wrong password (535), a refused
 * greeting (554) or a policy refusal (5.7.x, relaying denied) is the configuration or the server,
 * fixed once for every message, not a reason to drop a resident's mail.
 */
export class PermanentSendError extends Error {
  constructor(readonly reason: string) { super(reason); }
}

/**
 * A dead or silent SMTP server fails a send within seconds instead of nodemailer's minutes, so a
 * dispatch pass (and its lease) ends in bounded time; the message simply waits for the next try.
 */
export const SMTP_TIMEOUT_MS = 10_000;

const RECIPIENT_REFUSED = new Set([550, 551, 553]);

/** Whether nodemailer's error is a per-recipient refusal (see PermanentSendError). */
export function isRecipientRefusal(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown; rejected?: unknown; response?: unknown };
  if (e?.code !== 'EENVELOPE' || !Array.isArray(e.rejected) || !e.rejected.length) return false;
  if (typeof e.responseCode !== 'number' || !RECIPIENT_REFUSED.has(e.responseCode)) return false;
  return !(typeof e.response === 'string' && /\b5\.7\.\d+/.test(e.response));
}

const SERVER_FAILURES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EAUTH', 'ENOAUTH', 'ETLS', 'EPROTOCOL']);

/**
 * Whether the failure is the server's or the connection's (down, silent, refusing our login),
 * so every other message would fail alike: the pass stops sending e-mail instead of waiting out a
 * timeout per message.
 */
export function isMailServerFailure(err: unknown): boolean {
  const e = err as { code?: unknown; responseCode?: unknown };
  return (typeof e?.code === 'string' && SERVER_FAILURES.has(e.code)) || e?.responseCode === 421;
}

/**
 * The failure as a short code for the message log: the error's code and the server's response
 * code, never its text (an SMTP refusal quotes the recipient's address).
 */
export function mailErrorReason(err: unknown): string {
  const e = err as { code?: unknown; responseCode?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'error';
  return typeof e?.responseCode === 'number' ? `smtp ${code} ${e.responseCode}` : `smtp ${code}`;
}

/**
 * Plain-text mail, one connection per message (a front door sends a few a day per county: no pool
 * to keep alive or to go stale when the server restarts). Auto-Submitted tells the receiving
 * server not to answer with an out-of-office reply.
 */
export function createMailer(mail: NonNullable<Config['mail']>, options: { timeoutMs?: number } = {}): Mailer {
  const timeout = options.timeoutMs ?? SMTP_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    url: mail.smtpUrl,
    connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout, dnsTimeout: timeout,
    logger: false, debug: false,
  });
  return {
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: mail.from, to: message.to, subject: message.subject, text: message.text,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { id: String(info.messageId ?? '') };
      } catch (err) {
        if (isRecipientRefusal(err)) throw new PermanentSendError(mailErrorReason(err));
        throw err;
      }
    },
    close() { transport.close(); },
  };
}
