import type { Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';

/**
 * Erases what referrals shared about the person (their snapshots) when the contact's personal
 * data are erased: the retention job calls it in its own transaction. Returns the number of
 * snapshots erased, the resident's message shared with the unit among them. The referral's own
 * free text (summary etc.) is erased with the contact's.
 */
export async function erasePersonalDataOfReferrals(trx: Transaction<DB>, contactIds: string[], now: Date): Promise<number> {
  if (!contactIds.length) return 0;
  const r = await trx.updateTable('referral_snapshot').set({
    person_name: null, person_phone: null, person_hetu: null, person_birth_date: null, person_address: null, person_email: null, callback_window: null,
    resident_message: null, erased_at: now, updated_at: now,
  }).where('referral_id', 'in', (eb) => eb.selectFrom('referral').select('referral.id').where('referral.contact_id', 'in', contactIds))
    .where('erased_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
