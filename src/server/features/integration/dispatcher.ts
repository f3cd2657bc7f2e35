import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db.js';
import type { Config } from '../../platform/config.js';
import { listenerOf } from '../live/public.js';
import { dispatchWebhooks } from './webhooks.service.js';
import { createSenders, dispatchMessages } from './messages.service.js';

/** The outbox's commit signal (migration 0022: NOTIFY at the commit of every event). */
export const OUTBOX_CHANNEL = 'opastin_outbox';
const DEBOUNCE_MS = 200;

/**
 * The integration dispatcher of a process (issue 19): one pass delivers webhooks and sends
 * messages (dispatchWebhooks, dispatchMessages). Runs on the job queue every minute (the retries'
 * backoff is counted in the rows, so a minute's tick is enough) and, when events are committed,
 * at once: the outbox's NOTIFY opastin_outbox wakes it (debounced; one pass at a time per process;
 * rows are leased, so several processes share the work without sending twice).
 */
export interface IntegrationDispatcher { runOnce(now?: Date): Promise<void>; kick(): void; stop(): Promise<void> }

export interface DispatcherOptions {
  /** the webhook requests' fetch (tests) */
  fetch?: typeof fetch;
  /** a webhook request's time limit (default 10 s) */
  webhookTimeoutMs?: number;
}

/**
 * stop() lets requests under way finish (each within its time limit) and starts no new one.
 * Logs say what a pass did with counts and subscription ids only: an address may hold a token in
 * its query, a message's recipient is personal data, and neither is ever logged.
 */
export function createDispatcher(database: Database, config: Config, log: FastifyBaseLogger, options: DispatcherOptions = {}): IntegrationDispatcher {
  const senders = createSenders(config, log);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const stopping = new AbortController();

  async function webhooks(now: Date): Promise<boolean> {
    try {
      const w = await dispatchWebhooks(database.db, now, {
        allowHttp: config.webhookAllowHttp, signal: stopping.signal,
        ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
      });
      if (w.failed) log.warn({ fannedOut: w.fannedOut, delivered: w.delivered, failed: w.failed, dead: w.dead, failingSubscriptions: w.failing }, 'webhooks: some deliveries failed; they are retried');
      else if (w.fannedOut || w.delivered) log.info({ fannedOut: w.fannedOut, delivered: w.delivered }, 'webhooks delivered');
      return w.more === true;
    } catch (err) {
      log.error({ err }, 'webhook dispatch failed; the next pass tries again');
      return false;
    }
  }

  async function messages(now: Date): Promise<boolean> {
    try {
      const m = await dispatchMessages(database.db, now, senders);
      if (m.queued || m.sent || m.failed || m.skipped) log.info({ queued: m.queued, sent: m.sent, failed: m.failed, dead: m.dead, skipped: m.skipped }, 'messages dispatched');
      return m.more === true;
    } catch (err) {
      log.error({ err }, 'message dispatch failed; the next pass tries again');
      return false;
    }
  }

  // side by side: a slow subscriber (a pass may wait for it up to a minute) never delays a resident's receipt, nor the reverse.
  // A pass that stopped at its bound with work left asks for another at once (a backlog does not wait for the minute's tick).
  const pass = async (now: Date) => {
    const [w, m] = await Promise.all([webhooks(now), messages(now)]);
    if (w || m) again = true;
  };

  /** One pass at a time: a call while one runs waits for it and one more pass after it (events may have come meanwhile). */
  function runOnce(now: Date = new Date()): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) { again = true; return running; }
    running = (async () => {
      try {
        await pass(now);
        while (again && !stopped) { again = false; await pass(new Date()); }
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function kick(): void {
    if (stopped || timer) return;
    // not reset by further kicks: a steady stream of commits still gets a pass every DEBOUNCE_MS
    timer = setTimeout(() => { timer = null; void runOnce(new Date()); }, DEBOUNCE_MS);
    timer.unref();
  }

  // the process's LISTEN connection (features/live) hears the outbox's commits; after it reconnects, a
  // pass picks up what was committed while it was away
  const listener = listenerOf(database);
  const unlisten = listener ? listener.addChannel(OUTBOX_CHANNEL, kick, kick) : null;
  if (!listener) log.info('integration dispatcher: no listening connection in this process; the job queue\'s minute drives it');

  return {
    runOnce,
    kick,
    stop: async () => {
      stopped = true;
      stopping.abort();
      if (timer) { clearTimeout(timer); timer = null; }
      unlisten?.();
      await running;
      senders.mail?.close();
    },
  };
}
