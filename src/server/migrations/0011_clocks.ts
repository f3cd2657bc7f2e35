import { sql, type Kysely } from 'kysely';

/**
 * Clocks from the right event, and the promise measured where it matters (issue 12, parts 3–4).
 *
 * 1. Every statutory date shows its legal basis: the initiation record's `legal_deadline` gets
 *    `legal_basis` ('shl_36' | 'lsl_26' | 'thl_51'), null exactly when there is no date. Every
 *    initiation a worker recorded before this migration was computed by the SHL 36 § rule, so its
 *    basis is backfilled as 'shl_36'; the record of a child welfare notification (created by
 *    0010_records) carries the contact's LsL 26 § date and is backfilled as 'lsl_26'.
 *
 *    Stored deadlines are NOT recomputed from the contact's received day. A stored deadline is a
 *    record of what the worker and the receiving unit were shown and acted on (and of the
 *    escalations it drove); rewriting it in place would falsify that record, and SQL has no
 *    working-day calendar to compute the right one with (src/domain/calendar.ts). New referrals
 *    and initiations count from the first contact (src/domain/referral.ts, service-promise.ts).
 *
 * 2. "Promise kept" means the person was reached: `contact.reached_at` (+ `reached_how`), the
 *    first moment the person (or the notifier) was actually reached: an answered call, a
 *    successful callback, a reply sent, a walk-in served. Backfilled, earliest first, from
 *    - callback attempts with result 'reached' (how: 'callback'),
 *    - answered phone calls, `phone_call.answered_at` (how: 'call_answered'),
 *    - contacts a worker registered while talking to the person: channel phone or
 *      authority_line ('call_answered'), walk_in ('met'), chat ('chat'), created by a user, at
 *      their `received_at`.
 *    Nothing else is inferred: a form or e-mail contact closed before this migration without any
 *    of these has no record of a reply and counts as missed once its day passed.
 *
 * 3. A child welfare notification (LsL 25 §) does not ask about the person's consent: the
 *    notifier's `subject_consent` becomes nullable (null: not a consent question). Rows already
 *    stored keep what the notifier answered (the view does not show it for LsL 25 §).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table initiation
      add column legal_basis text check (legal_basis in ('shl_36', 'lsl_26', 'thl_51'));
    -- a child welfare notification's record (0010 creates one per notification) carries the contact's LsL 26 § date
    update initiation i set legal_basis = case
        when c.notification_kind = 'child_welfare' and i.legal_deadline = c.legal_deadline then 'lsl_26' else 'shl_36' end
      from contact c where c.id = i.contact_id and i.legal_deadline is not null;
    alter table initiation add constraint initiation_legal_deadline_has_basis check ((legal_deadline is null) = (legal_basis is null));

    alter table contact
      add column reached_at timestamptz,
      add column reached_how text check (reached_how in ('call_answered', 'callback', 'reply_sent', 'phone', 'met', 'chat')),
      add constraint contact_reached_has_how check ((reached_at is null) = (reached_how is null));

    with candidates as (
      select contact_id, at, 'callback' as how from callback_attempt where result = 'reached'
      union all
      select contact_id, answered_at, 'call_answered' from phone_call where answered_at is not null
      union all
      select id, received_at, case channel when 'walk_in' then 'met' when 'chat' then 'chat' else 'call_answered' end
      from contact where created_by_user_id is not null and channel in ('phone', 'authority_line', 'walk_in', 'chat')
    ), first as (
      select distinct on (contact_id) contact_id, at, how from candidates order by contact_id, at, how
    )
    update contact c set reached_at = f.at, reached_how = f.how from first f where f.contact_id = c.id;

    alter table notifier alter column subject_consent drop not null;
    alter table notifier add constraint notifier_no_reason_without_question check (subject_consent is not null or no_consent_reason is null);
  `.execute(db);
}
