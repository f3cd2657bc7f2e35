import { sql, type Kysely } from 'kysely';
import { helsinkiDate } from '../../domain/local-date.js';
import { ageOn } from '../../domain/hetu.js';
import { ERASED_TEXT, scrubEventDetails } from '../../domain/retention.js';
import { socialWelfareAssessmentDeadline } from '../../domain/service-promise.js';

/**
 * Statutory records (issue 12, parts 1, 2 and 7; the table is src/domain/retention.ts).
 *
 * 1. A notification (SHL 35 §, LsL 25 §) makes a matter pending by law: its initiation record
 *    (merkintä asian vireilletulosta) is created with it. `initiation.source` says where a record
 *    came from; a notification's matter has no receiving unit until a worker routes it (a worker's
 *    record always names one). Backfill: every notification without an initiation gets one,
 *    initiated on the day it was received, its concerns the notification's text, its deadline the
 *    contact's LsL 26 § date (child welfare) or the SHL 36 § date from the received day. A
 *    notification the old 30-day job already erased gets its record too, marked erased with it
 *    (what was erased cannot be brought back; the record that the matter was pending can).
 *
 * 2. A record marked erased cannot hold personal data: CHECKs on contact, referral,
 *    consultation, consent and initiation. The old job left free text behind (referral return,
 *    cancel and legal-ground reasons, consent targets, timeline notes): backfilled here first.
 *    Referral constraints that required those reasons now hold only until erasure.
 *
 * 3. A contact whose initiation record is live cannot be erased: a trigger refuses it, so no
 *    job or hand-written statement erases a statutory record before its own period erased the
 *    initiation first (features/records/retention.service.ts does both in one transaction).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table initiation
      add column source text not null default 'worker' check (source in ('worker', 'shl_35_notification', 'lsl_25_notification')),
      add column personal_data_erased_at timestamptz;
    alter table initiation alter column receiving_unit_id drop not null;
    alter table initiation add constraint initiation_worker_names_unit check (source <> 'worker' or receiving_unit_id is not null);
    create unique index initiation_one_per_notification_idx on initiation(contact_id) where source <> 'worker';

    alter table consent add column personal_data_erased_at timestamptz;
  `.execute(db);

  // 1. notifications without their pending matter
  const missing = await sql<{ id: string; received_on: string; received_at: Date; note: string | null; urgency: string; notification_kind: 'social_welfare' | 'child_welfare'; legal_deadline: string | null; person_birth_date: string | null; personal_data_erased_at: Date | null; created_by_user_id: string | null }>`
    select c.id, c.received_on::text as received_on, c.received_at, c.note, c.urgency, c.notification_kind, c.legal_deadline::text as legal_deadline,
           c.person_birth_date::text as person_birth_date, c.personal_data_erased_at, c.created_by_user_id
    from contact c
    where c.notification_kind is not null and not exists (select 1 from initiation i where i.contact_id = c.id)`.execute(db);
  for (const c of missing.rows) {
    const receivedOn = c.received_on ?? helsinkiDate(c.received_at);
    const urgent = c.urgency !== 'non_urgent';
    const age = c.person_birth_date ? ageOn(c.person_birth_date, receivedOn) : null;
    const deadline = c.notification_kind === 'child_welfare'
      ? c.legal_deadline
      : socialWelfareAssessmentDeadline(receivedOn, { urgent, priorityClient: age !== null && age >= 75 });
    const concerns = c.personal_data_erased_at ? ERASED_TEXT : (c.note?.trim().slice(0, 1000) || (c.notification_kind === 'child_welfare' ? 'Lastensuojeluilmoitus' : 'Ilmoitus sosiaalihuollon tarpeesta'));
    await sql`insert into initiation (contact_id, initiated_on, concerns, receiving_unit_id, urgent, age_at_initiation, legal_deadline, recorded_by_user_id, source, personal_data_erased_at)
      values (${c.id}, ${receivedOn}, ${concerns}, null, ${urgent}, ${age}, ${deadline}, ${c.created_by_user_id},
              ${c.notification_kind === 'child_welfare' ? 'lsl_25_notification' : 'shl_35_notification'}, ${c.personal_data_erased_at})`.execute(db);
  }

  // 2. what the old job left behind on erased records (the reasons a referral needed hold only until erasure)
  await sql`
    alter table referral drop constraint referral_consent_or_legal_ground;
    alter table referral add constraint referral_consent_or_legal_ground
      check (consent_id is not null or (legal_ground is not null and (legal_ground_reason is not null or personal_data_erased_at is not null)));
    alter table referral drop constraint referral_returned_has_reason;
    alter table referral add constraint referral_returned_has_reason
      check (status <> 'returned' or ((return_reason is not null or personal_data_erased_at is not null) and returned_at is not null));
    alter table referral drop constraint referral_cancelled_has_reason;
    alter table referral add constraint referral_cancelled_has_reason
      check (status <> 'cancelled' or ((cancel_reason is not null or personal_data_erased_at is not null) and cancelled_at is not null));
    update referral set return_reason = null, cancel_reason = null, legal_ground_reason = null, summary = null, preferred_time = null, booked_place = null, outcome_note = null
      where personal_data_erased_at is not null;
    update consultation set question = null, answer = null where personal_data_erased_at is not null and not anonymous;
    update consent s set target = ${sql.lit(ERASED_TEXT)}, personal_data_erased_at = c.personal_data_erased_at
      from contact c where c.id = s.contact_id and c.personal_data_erased_at is not null;
  `.execute(db);
  const events = await sql<{ id: string; details: Record<string, unknown> }>`
    select e.id, e.details from contact_event e join contact c on c.id = e.contact_id where c.personal_data_erased_at is not null`.execute(db);
  for (const e of events.rows) {
    const scrubbed = scrubEventDetails(e.details);
    if (JSON.stringify(scrubbed) !== JSON.stringify(e.details)) await sql`update contact_event set details = ${JSON.stringify(scrubbed)}::jsonb where id = ${e.id}`.execute(db);
  }

  await sql`
    alter table contact add constraint contact_erased_holds_no_personal_data check (personal_data_erased_at is null or (
      person_name is null and person_phone is null and person_hetu is null and person_birth_date is null and person_address is null
      and person_email is null and callback_window is null and caller_number is null and note is null and cardinality(acute_trigger_words) = 0));

    alter table referral add constraint referral_erased_holds_no_text check (personal_data_erased_at is null or (
      summary is null and preferred_time is null and booked_place is null and outcome_note is null
      and return_reason is null and cancel_reason is null and legal_ground_reason is null));

    alter table consultation add constraint consultation_erased_holds_no_text check (personal_data_erased_at is null or (question is null and answer is null));
    alter table consent add constraint consent_erased_holds_no_target check (personal_data_erased_at is null or target = ${sql.lit(ERASED_TEXT)});
    alter table initiation add constraint initiation_erased_holds_no_text check (personal_data_erased_at is null or concerns = ${sql.lit(ERASED_TEXT)});

    create function contact_statutory_record_kept() returns trigger language plpgsql as $$
    begin
      if new.personal_data_erased_at is not null and old.personal_data_erased_at is null
         and exists (select 1 from initiation i where i.contact_id = new.id and i.personal_data_erased_at is null) then
        raise exception 'contact % holds a matter made pending (a statutory record): its initiation record must reach its own retention period first', new.id
          using errcode = 'check_violation';
      end if;
      return new;
    end $$;
    create trigger contact_statutory_record_kept before update of personal_data_erased_at on contact
      for each row execute function contact_statutory_record_kept();

    -- the pruning job: ended sessions and old login attempts by time (idempotent_request has its index since 0005)
    create index user_session_ended_idx on user_session(expires_at);
    create index login_attempt_created_at_idx on login_attempt(created_at);
  `.execute(db);
}
