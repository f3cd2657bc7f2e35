import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import { OPEN_REFERRAL_STATUSES } from '../../../domain/referral.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { erasePersonalDataOfReferrals } from '../referrals/public.js';
import { skipWaitingResidentMessages } from '../integration/public.js';
import { personKeySql } from '../../platform/access-log.js';
import {
  decideContact, ERASED_TEXT, MESSAGE_PENDING_MAX_DAYS, pruneCutoff, RECORD_TYPES, scrubEventDetails, SHORTEST_STATUTORY_YEARS,
  type ContactFacts, type RecordType, type RetentionSettings,
} from '../../../domain/retention.js';

/**
 * The retention job (issue 12; the rules are src/domain/retention.ts). One code path for the
 * hourly job, `npm run admin -- retention preview|run --as-of <date>` and the tests: `preview`
 * counts what `run` would erase, record type by record type, without writing.
 *
 * The job reads several features' tables (contacts, referrals, consultations, users' sessions):
 * retention is a cross-cutting duty that must see a person's data wherever it lies, so it lives in
 * one room of its own rather than in pieces that drift apart.
 */
export type RetentionCounts = Record<RecordType, number>;
export interface RetentionReport {
  asOf: string;
  dryRun: boolean;
  /** records erased (contacts and what they hold) or pruned (rows deleted), per record type */
  counts: RetentionCounts;
  /** closed identified contacts the job looked at and kept, by why */
  kept: Record<string, number>;
}

const emptyCounts = (): RetentionCounts => Object.fromEntries(RECORD_TYPES.map((t) => [t, 0])) as RetentionCounts;
const YEAR_MS = 365.25 * 86_400_000;

interface Candidate extends ContactFacts { id: string; countyId: string; adviceRetentionDays: number }

async function candidates(db: Kysely<DB> | Transaction<DB>, asOf: Date, settings: RetentionSettings, lock: boolean): Promise<Candidate[]> {
  // the county's own choice where the law leaves one (issue 18: county.advice_retention_days), else the installation's
  const adviceDays = sql<number>`coalesce((select k.advice_retention_days from county k where k.id = c.county_id), ${settings.adviceRetentionDays})::int`;
  // a statutory record cannot expire before its shortest period (10 years): older ones only
  const statutoryCutoff = new Date(asOf.getTime() - SHORTEST_STATUTORY_YEARS * YEAR_MS + 2 * 86_400_000);
  const open = sql.join(OPEN_REFERRAL_STATUSES.map((s) => sql.lit(s)));
  const rows = await sql<{
    id: string; county_id: string; advice_days: number; channel: string; closed_at: Date; notification_kind: 'social_welfare' | 'child_welfare' | null; service_area: string | null;
    initiations: number; unit_areas: (string | null)[]; cw_ground: boolean; referrals: { open: boolean; endedAt: string | null }[]; open_consultations: number;
    guidance: { open: boolean; closedAt: string | null; areas: (string | null)[]; childWelfare: boolean } | null;
  }>`
    select c.id, c.county_id, ${adviceDays} as advice_days, c.channel, c.closed_at, c.notification_kind, c.service_area,
      (select count(*) from initiation i where i.contact_id = c.id and i.personal_data_erased_at is null)::int as initiations,
      array(select ru.service_area from initiation i join receiving_unit ru on ru.id = i.receiving_unit_id where i.contact_id = c.id) as unit_areas,
      exists (select 1 from referral r where r.contact_id = c.id and r.legal_ground = 'child_welfare') as cw_ground,
      coalesce((select json_agg(json_build_object('open', r.status in (${open}), 'endedAt', coalesce(r.completed_at, r.returned_at, r.cancelled_at)))
        from referral r where r.contact_id = c.id), '[]'::json) as referrals,
      (select count(*) from consultation k where k.contact_id = c.id and k.status = 'open')::int as open_consultations,
      -- the guidance case (0020) the contact opened or belongs to, as one matter over all its contacts (issue 17):
      -- open while the case, a contact or a referral of it is; closed when the last of them closed; the service
      -- tasks of every contact and of the family battery; so every contact of a case is kept and erased together
      (select json_build_object(
          'open', g.status = 'open' or exists (select 1 from contact y where y.guidance_case_id = g.id and y.status <> 'closed')
            or exists (select 1 from referral r join contact y on y.id = r.contact_id where y.guidance_case_id = g.id and r.status in (${open})),
          'closedAt', greatest(g.closed_at, (select max(y.closed_at) from contact y where y.guidance_case_id = g.id),
            (select max(coalesce(r.completed_at, r.returned_at, r.cancelled_at)) from referral r join contact y on y.id = r.contact_id where y.guidance_case_id = g.id)),
          'areas', array(select y.service_area from contact y where y.guidance_case_id = g.id
            union select ru.service_area from initiation i join receiving_unit ru on ru.id = i.receiving_unit_id join contact y on y.id = i.contact_id where y.guidance_case_id = g.id
            union select 'families' from guidance_assessment a join question_battery b on b.id = a.battery_id where a.case_id = g.id and b.area in ('family', 'families')),
          'childWelfare', exists (select 1 from contact y where y.guidance_case_id = g.id and y.notification_kind = 'child_welfare')
            or exists (select 1 from referral r join contact y on y.id = r.contact_id where y.guidance_case_id = g.id and r.legal_ground = 'child_welfare'))
        from guidance_case g where g.id = c.guidance_case_id or g.contact_id = c.id
        order by g.opened_at desc limit 1) as guidance
    from contact c
    where c.status = 'closed' and not c.anonymous and c.personal_data_erased_at is null
      and c.closed_at <= ${asOf}::timestamptz - make_interval(days => ${adviceDays})
      and ((c.notification_kind is null and not exists (select 1 from initiation i where i.contact_id = c.id and i.personal_data_erased_at is null)
            and not exists (select 1 from guidance_case g where g.id = c.guidance_case_id or g.contact_id = c.id))
           or c.closed_at <= ${statutoryCutoff})
    order by c.closed_at
    ${lock ? sql`for update of c` : sql``}`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id, countyId: r.county_id, adviceRetentionDays: Number(r.advice_days), channel: r.channel, closedAt: new Date(r.closed_at), notificationKind: r.notification_kind,
    initiations: r.initiations, serviceAreas: [r.service_area, ...r.unit_areas], childWelfareGround: r.cw_ground,
    referrals: r.referrals.map((x) => ({ open: x.open, endedAt: x.endedAt ? new Date(x.endedAt) : null })), openConsultations: r.open_consultations,
    guidance: r.guidance ? { open: r.guidance.open, closedAt: r.guidance.closedAt ? new Date(r.guidance.closedAt) : null, serviceAreas: r.guidance.areas, childWelfare: r.guidance.childWelfare } : null,
  }));
}

/** Counts (preview) or erases and prunes (run) as of `asOf`. Erasures are access-logged as `system:retention`. */
export async function runRetention(db: Kysely<DB>, asOf: Date, settings: RetentionSettings, opts: { dryRun: boolean }): Promise<RetentionReport> {
  const work = async (trx: Kysely<DB> | Transaction<DB>): Promise<RetentionReport> => {
    const counts = emptyCounts();
    const kept: Record<string, number> = {};
    const erase: Candidate[] = [];
    for (const c of await candidates(trx, asOf, settings, !opts.dryRun)) {
      const d = decideContact(c, asOf, { ...settings, adviceRetentionDays: c.adviceRetentionDays });
      if (!d.erase) { kept[d.why] = (kept[d.why] ?? 0) + 1; continue; }
      counts[d.recordType] += 1;
      erase.push(c);
    }
    const ids = erase.map((c) => c.id);
    if (ids.length) {
      // a contact counts under its own type (a worker's matter made pending: `initiation`); what it holds under theirs
      const [referrals, consultations, consents] = await Promise.all([
        trx.selectFrom('referral').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', 'in', ids).where('personal_data_erased_at', 'is', null).executeTakeFirstOrThrow(),
        trx.selectFrom('consultation').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', 'in', ids).where('anonymous', '=', false).where('personal_data_erased_at', 'is', null).executeTakeFirstOrThrow(),
        trx.selectFrom('consent').select((eb) => eb.fn.countAll<number>().as('n')).where('contact_id', 'in', ids).where('personal_data_erased_at', 'is', null).executeTakeFirstOrThrow(),
      ]);
      counts.referral = Number(referrals.n);
      counts.consultation_named = Number(consultations.n);
      counts.consent = Number(consents.n);
      if (!opts.dryRun) await eraseContacts(trx as Transaction<DB>, erase, asOf);
    }
    await prune(trx, asOf, counts, opts.dryRun);
    return { asOf: asOf.toISOString(), dryRun: opts.dryRun, counts, kept };
  };
  return opts.dryRun ? work(db) : db.transaction().execute(work);
}

export const previewRetention = (db: Kysely<DB>, asOf: Date, settings: RetentionSettings) => runRetention(db, asOf, settings, { dryRun: true });

/**
 * Erases every free-text and personal field the contacts hold, with what referrals, named
 * consultations, consents, notifiers, referral snapshots and the timeline say about the person.
 * A statutory record's initiation is erased first (the database refuses the contact otherwise).
 */
async function eraseContacts(trx: Transaction<DB>, contacts: Candidate[], now: Date): Promise<void> {
  const ids = contacts.map((c) => c.id);
  // logged first, in the same transaction: the row carries the person's key, computed from the
  // identity code still there, so a person's access-log report shows the erasure afterwards
  await sql`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, person_key)
    select county_id, null, 'system:retention', 'contact', id::text, 'delete', 'retention_period_expired', ${personKeySql(sql`person_hetu`)}
    from contact where id = any(${ids}::uuid[]) order by received_at, id`.execute(trx);
  await trx.updateTable('initiation').set({ concerns: ERASED_TEXT, personal_data_erased_at: now }).where('contact_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  await eraseGuidanceCases(trx, ids, now);
  await trx.updateTable('contact')
    .set({
      person_name: null, person_phone: null, person_hetu: null, person_birth_date: null, person_address: null, person_email: null,
      callback_window: null, caller_number: null, note: null, acute_trigger_words: [], personal_data_erased_at: now,
      // the resident's words as sent and who called (issue 14): personal data, erased with the person's
      resident_message: null, caller_name: null, caller_phone: null, caller_organisation: null, caller_relationship: null,
    })
    .where('id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  // a message to the resident still waiting holds their address: erased with the rest (issue 19)
  await skipWaitingResidentMessages(trx, ids, 'erased', now);
  await trx.deleteFrom('notifier').where('contact_id', 'in', ids).execute();
  await trx.updateTable('referral').set({
    summary: null, preferred_time: null, booked_place: null, outcome_note: null, return_reason: null, cancel_reason: null, legal_ground_reason: null, personal_data_erased_at: now,
  }).where('contact_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  // what the referrals shared with the units (their snapshots, features/referrals)
  await erasePersonalDataOfReferrals(trx, ids, now);
  await trx.updateTable('consultation').set({ question: null, answer: null, personal_data_erased_at: now })
    .where('contact_id', 'in', ids).where('anonymous', '=', false).where('personal_data_erased_at', 'is', null).execute();
  await trx.updateTable('consent').set({ target: ERASED_TEXT, personal_data_erased_at: now }).where('contact_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  const events = await trx.selectFrom('contact_event').select(['id', 'details']).where('contact_id', 'in', ids).execute();
  const changed = events.map((e) => ({ id: e.id, details: JSON.stringify(scrubEventDetails(e.details)) })).filter((e, i) => e.details !== JSON.stringify(events[i]!.details));
  if (changed.length) {
    await sql`update contact_event e set details = t.details::jsonb
      from unnest(${changed.map((e) => e.id)}::uuid[], ${changed.map((e) => e.details)}::text[]) as t(id, details) where e.id = t.id`.execute(trx);
  }
}

/**
 * The guidance cases (0020) the erased contacts opened or belong to: every word about the person
 * (answers, goals and steps, purposes and notes, participants, decisions, the anchoring service),
 * before the contacts (the database refuses a contact whose case still holds data). Codes, dates,
 * levels, flags and outcomes stay for the statistics.
 */
async function eraseGuidanceCases(trx: Transaction<DB>, contactIds: string[], now: Date): Promise<void> {
  const cases = await sql<{ id: string }>`select g.id from guidance_case g
    where g.personal_data_erased_at is null and (g.contact_id = any(${contactIds}::uuid[]) or g.id in (select c.guidance_case_id from contact c where c.id = any(${contactIds}::uuid[])))`.execute(trx);
  const ids = cases.rows.map((r) => r.id);
  if (!ids.length) return;
  await trx.updateTable('guidance_assessment').set({ answers: '{}', personal_data_erased_at: now }).where('case_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  await trx.updateTable('guidance_plan').set({ goals: '[]', steps: '[]', personal_data_erased_at: now }).where('case_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  await trx.updateTable('follow_up').set({ purpose: null, note: null, personal_data_erased_at: now }).where('case_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  await trx.updateTable('outreach_attempt').set({ note: null, personal_data_erased_at: now }).where('case_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  await trx.updateTable('guidance_meeting').set({ participants: '[]', decisions: null, personal_data_erased_at: now }).where('case_id', 'in', ids).where('personal_data_erased_at', 'is', null).execute();
  await trx.updateTable('guidance_case').set({ anchored_service: null, close_note: null, personal_data_erased_at: now }).where('id', 'in', ids).execute();
}

/** Sessions, login attempts, idempotency records and rate-limit counters past their rule; finished pg-boss jobs are counted (pg-boss deletes them itself). */
async function prune(db: Kysely<DB> | Transaction<DB>, asOf: Date, counts: RetentionCounts, dryRun: boolean): Promise<void> {
  const sessionCutoff = pruneCutoff('staff_session', asOf);
  const tables = [
    { type: 'staff_session' as const, count: () => db.selectFrom('user_session').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.or([eb('expires_at', '<', sessionCutoff), eb('revoked_at', '<', sessionCutoff)])),
      del: () => db.deleteFrom('user_session').where((eb) => eb.or([eb('expires_at', '<', sessionCutoff), eb('revoked_at', '<', sessionCutoff)])) },
    { type: 'login_attempt' as const, count: () => db.selectFrom('login_attempt').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '<', pruneCutoff('login_attempt', asOf)),
      del: () => db.deleteFrom('login_attempt').where('created_at', '<', pruneCutoff('login_attempt', asOf)) },
    { type: 'idempotency_record' as const, count: () => db.selectFrom('idempotent_request').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '<', pruneCutoff('idempotency_record', asOf)),
      del: () => db.deleteFrom('idempotent_request').where('created_at', '<', pruneCutoff('idempotency_record', asOf)) },
    { type: 'rate_limit_counter' as const, count: () => db.selectFrom('rate_limit_counter').select((eb) => eb.fn.countAll<number>().as('n')).where('window_start', '<', pruneCutoff('rate_limit_counter', asOf)),
      del: () => db.deleteFrom('rate_limit_counter').where('window_start', '<', pruneCutoff('rate_limit_counter', asOf)) },
    // a used or expired feedback invite: the only row that tied a feedback link to its contact (issue 16)
    { type: 'feedback_invite' as const, count: () => db.selectFrom('feedback_invite').select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<', asOf)])),
      del: () => db.deleteFrom('feedback_invite').where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<', asOf)])) },
  ];
  for (const t of tables) {
    counts[t.type] = dryRun ? Number((await t.count().executeTakeFirstOrThrow()).n) : Number((await t.del().executeTakeFirst()).numDeletedRows);
  }
  // feedback's free text after two years (the score stays for the statistics)
  const textCutoff = helsinkiDate(pruneCutoff('client_feedback', asOf));
  counts.client_feedback = dryRun
    ? Number((await db.selectFrom('feedback').select((eb) => eb.fn.countAll<number>().as('n')).where('given_on', '<', textCutoff).where('text', 'is not', null).executeTakeFirstOrThrow()).n)
    : Number((await db.updateTable('feedback').set({ text: null }).where('given_on', '<', textCutoff).where('text', 'is not', null).executeTakeFirst()).numUpdatedRows);
  await pruneIntegration(db, asOf, counts, dryRun);
  const boss = await sql<{ present: boolean }>`select to_regclass('pgboss.job') is not null as present`.execute(db);
  if (boss.rows[0]?.present) {
    const r = await sql<{ n: number }>`select count(*)::int as n from pgboss.job where state in ('completed', 'failed', 'cancelled') and completed_on < ${pruneCutoff('finished_job', asOf)}`.execute(db);
    counts.finished_job = r.rows[0]?.n ?? 0;
  }
}

/**
 * Issue 19's records. An outbox event goes 30 days after it happened, once nothing still needs it:
 * no webhook delivery of it pending, and every consumer past it (the messages' cursor, the fan-out
 * cursor of each push subscription of its county, paused ones too: a paused subscription gets what
 * happened meanwhile when it is active again), so a dispatcher that was down a while loses nothing;
 * deleting a subscription no longer wanted releases its hold. Its delivered and dead deliveries go
 * with it (foreign key cascade). A message still waiting after 7 days is given up with its
 * address; a log row goes after a year.
 */
async function pruneIntegration(db: Kysely<DB> | Transaction<DB>, asOf: Date, counts: RetentionCounts, dryRun: boolean): Promise<void> {
  const outboxDone = sql<boolean>`e.seq is not null and e.time < ${pruneCutoff('outbox_event', asOf)}
    and not exists (select 1 from webhook_delivery d where d.event_id = e.id and d.state = 'pending')
    and e.seq <= coalesce((select min(o.after_seq) from outbox_consumer o), e.seq)
    and e.seq <= coalesce((select min(s.after_seq) from webhook_subscription s where s.county_id = e.county_id and s.url is not null), e.seq)`;
  counts.outbox_event = dryRun
    ? (await sql<{ n: number }>`select count(*)::int as n from outbox_event e where ${outboxDone}`.execute(db)).rows[0]!.n
    : Number((await sql`delete from outbox_event e where ${outboxDone}`.execute(db)).numAffectedRows ?? 0);

  const logCutoff = pruneCutoff('outbound_message', asOf);
  // not one being sent right now (its lease): the sender's answer decides that one
  const stale = sql<boolean>`state = 'pending' and created_at < ${pruneCutoff('outbound_message_pending', asOf)} and created_at >= ${logCutoff}
    and (lease_until is null or lease_until < ${asOf})`;
  const [givenUp, old] = dryRun
    ? await Promise.all([
      sql<{ n: number }>`select count(*)::int as n from outbound_message where ${stale}`.execute(db).then((r) => r.rows[0]!.n),
      sql<{ n: number }>`select count(*)::int as n from outbound_message where created_at < ${logCutoff}`.execute(db).then((r) => r.rows[0]!.n),
    ])
    : [
      Number((await sql`update outbound_message set state = 'dead', address = null, params = '{}'::jsonb, lease_until = null,
          last_error = ${`Not sent within ${MESSAGE_PENDING_MAX_DAYS} days: given up`}, updated_at = ${asOf} where ${stale}`.execute(db)).numAffectedRows ?? 0),
      Number((await sql`delete from outbound_message where created_at < ${logCutoff}`.execute(db)).numAffectedRows ?? 0),
    ];
  counts.outbound_message = givenUp + old;
}
