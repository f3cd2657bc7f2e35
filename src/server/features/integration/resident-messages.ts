import type { Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';

/**
 * Ends the resident's messages still waiting to be sent (issue 19): logged as skipped with the
 * reason, and their address and wording's values erased, in the caller's transaction. Called when
 * a channel's consent is withdrawn or its address changes (contacts) and by the retention rule's
 * erasure (records); `channel` narrows it to one channel.
 */
export async function skipWaitingResidentMessages(
  trx: Transaction<DB>, contactIds: readonly string[], reason: string, now: Date, channel?: 'email' | 'sms',
): Promise<void> {
  if (!contactIds.length) return;
  let q = trx.updateTable('outbound_message').set({ state: 'skipped', address: null, params: '{}', last_error: reason, lease_until: null, updated_at: now })
    .where('recipient_kind', '=', 'resident').where('recipient_id', 'in', [...contactIds]).where('state', '=', 'pending');
  if (channel) q = q.where('channel', '=', channel);
  await q.execute();
}
