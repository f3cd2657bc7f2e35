import type { Kysely } from 'kysely';
import type { DB, MessageState } from '../../platform/schema.js';

/**
 * The county's message log, newest first, with the totals per state. Selects no address and no
 * params: the log is what an administrator may see of messages to people.
 */
export async function messageLog(db: Kysely<DB>, countyId: string, q: { state?: MessageState; limit: number; before?: Date }) {
  let rows = db.selectFrom('outbound_message')
    .select(['id', 'channel', 'template', 'lang', 'recipient_kind', 'reference', 'state', 'attempts', 'last_error', 'sent_at', 'created_at'])
    .where('county_id', '=', countyId);
  if (q.state) rows = rows.where('state', '=', q.state);
  if (q.before) rows = rows.where('created_at', '<', q.before);
  const [messages, totals] = await Promise.all([
    rows.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).execute(),
    db.selectFrom('outbound_message').select(['state', (eb) => eb.fn.countAll<string>().as('n')]).where('county_id', '=', countyId).groupBy('state').execute(),
  ]);
  const count = (s: MessageState) => Number(totals.find((t) => t.state === s)?.n ?? 0);
  return {
    messages: messages.map((m) => ({
      id: m.id, channel: m.channel, template: m.template, lang: m.lang, recipientKind: m.recipient_kind, reference: m.reference, state: m.state,
      attempts: m.attempts, lastError: m.last_error, sentAt: m.sent_at ? m.sent_at.toISOString() : null, createdAt: new Date(m.created_at).toISOString(),
    })),
    totals: { pending: count('pending'), sent: count('sent'), dead: count('dead'), skipped: count('skipped') },
  };
}
