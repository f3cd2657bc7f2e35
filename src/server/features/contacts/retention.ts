import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { OPEN_REFERRAL_STATUSES } from '../../../domain/referral.js';

/**
 * Erases the personal data of identified contacts that did not lead to an initiated social
 * welfare matter, `days` after they closed, and who notified about them (domain § 7: advice and guidance leaves no personal
 * data), with what referrals and named consultations said about the person. A contact whose
 * referral is still in the loop, or left it within the period, keeps its data. The statistics (channel, reasons, outcome, duration…) stay. Each erasure is access-logged.
 */
export async function purgeExpiredPersonalData(db: Kysely<DB>, now: Date, days: number): Promise<{ erased: number }> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return db.transaction().execute(async (trx) => {
    const erased = await trx.updateTable('contact')
      .set({
        person_name: null, person_phone: null, person_hetu: null, person_birth_date: null, person_address: null, person_email: null,
        callback_window: null, caller_number: null, note: null, personal_data_erased_at: now,
        // the words that made it acute are the resident's own words: they go with the note (the category stays, for statistics)
        acute_trigger_words: [],
      })
      // literals, not parameters: they match the partial index contact_retention_idx in any plan
      .where('status', '=', sql.lit('closed'))
      .where('anonymous', '=', sql.lit(false))
      .where('personal_data_erased_at', 'is', null)
      .where('closed_at', '<', cutoff)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('initiation').select('initiation.id').whereRef('initiation.contact_id', '=', 'contact.id'))))
      // a referral still in the loop, or closed within the period, keeps the person reachable
      .where((eb) => eb.not(eb.exists(eb.selectFrom('referral').select('referral.id').whereRef('referral.contact_id', '=', 'contact.id')
        .where((r) => r.or([
          r('referral.status', 'in', [...OPEN_REFERRAL_STATUSES]),
          r(sql`coalesce(referral.completed_at, referral.returned_at, referral.cancelled_at)`, '>=', cutoff),
        ])))))
      .where((eb) => eb.not(eb.exists(eb.selectFrom('consultation').select('consultation.id').whereRef('consultation.contact_id', '=', 'contact.id').where('consultation.status', '=', 'open'))))
      .returning(['id', 'county_id'])
      .execute();
    if (erased.length) {
      // who notified is personal data too
      await trx.deleteFrom('notifier').where('contact_id', 'in', erased.map((e) => e.id)).execute();
      // what was written about the person in referrals and named consultations goes with it
      await trx.updateTable('referral').set({ summary: null, preferred_time: null, booked_place: null, outcome_note: null, personal_data_erased_at: now })
        .where('contact_id', 'in', erased.map((e) => e.id)).execute();
      await trx.updateTable('consultation').set({ question: null, answer: null, personal_data_erased_at: now })
        .where('contact_id', 'in', erased.map((e) => e.id)).where('anonymous', '=', false).execute();
      await sql`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose)
        select county_id, null, 'system:retention', 'contact', id::text, 'delete', 'retention_period_expired'
        from unnest(${erased.map((e) => e.county_id)}::uuid[], ${erased.map((e) => e.id)}::uuid[]) as t(county_id, id)`.execute(trx);
    }
    return { erased: erased.length };
  });
}
