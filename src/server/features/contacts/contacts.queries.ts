import { sql, type Kysely, type RawBuilder } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ContactStatus, DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { notLoggedInSession, personKeySql } from '../../platform/access-log.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { REPEAT_CONTACT_THRESHOLD } from './contacts.domain.js';
import { isOverdue } from '../../../domain/referral.js';
import { loadCountyCodes } from './contacts.service.js';

/**
 * Unclaimed open acute contacts, oldest first: what every guidance worker's app polls every few
 * seconds to raise its alert (ADR 0009), and what the supervisor's live view lists. No personal
 * data. Served by `contact_open_queue_idx` (county, acute = true, open). With `line`, the
 * contacts of that line and those of no line (which concern every guidance worker of the county).
 */
export async function unclaimedAcute(db: Kysely<DB>, countyId: string, now: Date, line?: string) {
  const codes = await loadCountyCodes(db, countyId);
  let lineId: string | undefined;
  if (line) {
    lineId = codes.lines.get(line)?.id ?? [...codes.lineCodeById].find(([, code]) => code === line)?.[0];
    if (!lineId) throw new AppError(400, 'unknown_code', undefined, [{ field: 'querystring.line', message: `Unknown phone line "${line}".`, code: 'unknown_code' }]);
  }
  let q = db.selectFrom('contact').select(['id', 'reference', 'acute_reasons', 'phone_line_id', 'received_at'])
    .where('county_id', '=', countyId).where('acute', '=', true)
    .where('status', 'in', (['new', 'in_progress', 'waiting'] as const).map((s) => sql.lit(s)))
    .where('assigned_user_id', 'is', null)
    // the social emergency service acknowledged it (out of hours): it is in hand, the alert stops
    .where((eb) => eb.not(eb.exists(eb.selectFrom('emergency_handoff as h').select('h.id').whereRef('h.contact_id', '=', 'contact.id').where('h.acknowledged_at', 'is not', null))));
  if (lineId) q = q.where((eb) => eb.or([eb('phone_line_id', '=', lineId), eb('phone_line_id', 'is', null)]));
  // a bound: far more than a county ever has at once, and the alert stays cheap if something goes wrong
  const rows = await q.orderBy('received_at').orderBy('id').limit(200).execute();
  return rows.map((r) => ({
    id: r.id, reference: r.reference, reasons: r.acute_reasons, line: r.phone_line_id ? codes.lineCodeById.get(r.phone_line_id) ?? null : null,
    receivedAt: r.received_at.toISOString(), waitedSeconds: Math.max(0, Math.floor((now.getTime() - r.received_at.getTime()) / 1000)),
  }));
}

type JsonDate = string; // timestamps inside json_agg arrive as ISO strings
const iso = (value: Date | JsonDate) => new Date(value).toISOString();

/** How many earlier contacts of the person the view lists. */
export const EARLIER_CONTACTS_LIMIT = 20;

interface EarlierRow { id: string; reference: string; received_at: JsonDate; channel: string; status: ContactStatus; main_reason: string | null; outcome: string | null; closed_at: JsonDate | null; role: 'person' | 'caller' }

/**
 * The contact view, in one statement: the contact, its timeline, consents, initiations and
 * callback attempts, and, when it holds a person's data, the access-log row of this read (a
 * data-modifying CTE, so the read and its log row commit together without a transaction round trip).
 *
 * Earlier contacts (issue 14), for an identified contact not erased: the county's other contacts
 * of the same identity code (role `person`) — or, without one, of the same phone number — and
 * those where this person's phone called about someone else (role `caller`); newest first, at
 * most EARLIER_CONTACTS_LIMIT. The list is a read of those contacts: access-logged (purpose
 * `earlier_contacts`, subject this contact, the listed ids in `details.contacts`) with one row per
 * person key among them, once per viewing session, by another data-modifying CTE of the same
 * statement. Each branch reads its own index (person_hetu, person_phone, caller_phone).
 */
export async function contactView(db: Kysely<DB>, user: SessionUser, id: string, purpose: string, now: Date) {
  const limit = EARLIER_CONTACTS_LIMIT;
  // each branch compares with scalar subqueries of `me` (not a join), so the planner walks its
  // index (…, received_at) backwards and stops at the limit: a person with hundreds of contacts
  // costs no more than one with three
  const branch = (role: 'person' | 'caller', match: RawBuilder<boolean>) => sql`(select e.id, e.reference, e.received_at, e.channel, e.status, e.main_reason, e.outcome, e.closed_at,
      e.person_hetu, ${role}::text as role
    from contact e
    where e.county_id = (select county_id from me) and e.id <> (select id from me) and ${match}
    order by e.received_at desc limit ${limit})`;
  const c = await db
    // the person the earlier contacts are looked up by: only an identified contact whose data are not erased
    .with('me', () => sql`(select id, county_id, person_hetu, person_phone from contact
      where id = ${id}::uuid and county_id = ${user.countyId}::uuid and anonymous = false and personal_data_erased_at is null
        and (person_hetu is not null or person_phone is not null))`)
    .with('earlier', () => sql`(select * from (
        select distinct on (x.id) x.* from (
          ${branch('person', sql`e.person_hetu = (select person_hetu from me)`)}
          union all ${branch('person', sql`(select person_hetu from me) is null and e.person_phone = (select person_phone from me)`)}
          union all ${branch('caller', sql`e.caller_phone = (select person_phone from me)`)}
        ) x order by x.id, x.role = 'person' desc
      ) y order by y.received_at desc, y.id limit ${limit})`)
    // one row per person the list shows (usually one: the person; another when they called about
    // someone else), the listed contacts named in details; once per viewing session of this view
    .with('earlier_logged', () => sql`(insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, details, created_at, person_key)
      select ${user.countyId}::uuid, ${user.userId}::uuid, ${user.username}, 'contact', ${id}::text, 'read', 'earlier_contacts',
        jsonb_build_object('contacts', jsonb_agg(k.id order by k.received_at desc, k.id)), ${now}::timestamptz, k.person_key
      from (select e.id, e.received_at, ${personKeySql(sql`e.person_hetu`)} as person_key from earlier e) k
      where ${notLoggedInSession(user.userId, 'contact', sql`${id}::text`, 'earlier_contacts', now)}
      group by k.person_key
      order by k.person_key nulls last
      returning seq)`)
    // once per viewing session (ADR 0012): the view's 5-second poll does not log again within
    // ACCESS_LOG_SESSION_MINUTES of this user's last logged read; the row carries the person key
    .with('logged', () => sql`(insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, created_at, person_key)
      select county_id, ${user.userId}::uuid, ${user.username}, 'contact', id::text, 'read', ${purpose}, ${now}::timestamptz, ${personKeySql(sql`person_hetu`)}
      from contact
      where id = ${id}::uuid and county_id = ${user.countyId}::uuid and anonymous = false and personal_data_erased_at is null
        and ${notLoggedInSession(user.userId, 'contact', sql`${id}::text`, purpose, now)}
      returning seq)`)
    .selectFrom('contact as c')
    .leftJoin('phone_line as l', 'l.id', 'c.phone_line_id')
    .leftJoin('region as r', 'r.id', 'c.region_id')
    .leftJoin('municipality as m', 'm.id', 'c.municipality_id')
    .leftJoin('app_user as u', 'u.id', 'c.assigned_user_id')
    .leftJoin('notifier as n', 'n.contact_id', 'c.id')
    .selectAll('c')
    .select((eb) => [
      sql<EarlierRow[]>`coalesce((select json_agg(json_build_object('id', x.id, 'reference', x.reference, 'received_at', x.received_at, 'channel', x.channel,
        'status', x.status, 'main_reason', x.main_reason, 'outcome', x.outcome, 'closed_at', x.closed_at, 'role', x.role) order by x.received_at desc, x.id) from earlier x), '[]'::json)`.as('earlier'),
      'l.code as line', 'r.code as region', 'm.code as municipality', 'u.display_name as assigned_name',
      'n.name as notifier_name', 'n.organisation as notifier_organisation', 'n.role as notifier_role', 'n.phone as notifier_phone', 'n.email as notifier_email',
      'n.subject_consent as notifier_subject_consent', 'n.no_consent_reason as notifier_no_consent_reason',
      jsonArrayFrom(eb.selectFrom('contact_event as e').leftJoin('app_user as eu', 'eu.id', 'e.actor_user_id')
        .select(['e.id', 'e.at', 'e.kind', 'e.details', 'eu.display_name']).whereRef('e.contact_id', '=', 'c.id').orderBy('e.at').orderBy('e.created_at')).as('events'),
      jsonArrayFrom(eb.selectFrom('consent as x').select(['x.id', 'x.given_by', 'x.method', 'x.purpose', 'x.target', 'x.given_at', 'x.withdrawn_at'])
        .whereRef('x.contact_id', '=', 'c.id').orderBy('x.given_at')).as('consents'),
      jsonArrayFrom(eb.selectFrom('initiation as i').leftJoin('receiving_unit as ru', 'ru.id', 'i.receiving_unit_id')
        .select(['i.id', 'i.initiated_on', 'i.concerns', 'ru.code as unit', 'i.urgent', 'i.highest_care_allowance', 'i.age_at_initiation', 'i.legal_deadline', 'i.legal_basis'])
        .whereRef('i.contact_id', '=', 'c.id').orderBy('i.created_at')).as('initiations'),
      jsonArrayFrom(eb.selectFrom('callback_attempt as a').select(['a.at', 'a.result']).whereRef('a.contact_id', '=', 'c.id').orderBy('a.at')).as('attempts'),
      jsonArrayFrom(eb.selectFrom('referral as f').leftJoin('receiving_unit as fu', 'fu.id', 'f.receiving_unit_id')
        .select(['f.id', 'f.kind', 'f.assessment', 'fu.code as unit', 'f.external_name', 'f.status', 'f.urgency', 'f.accept_by', 'f.contact_by', 'f.legal_deadline', 'f.legal_basis',
          'f.sent_at', 'f.booked_at', 'f.outcome', 'f.return_reason', 'f.cancel_reason', 'f.escalation_level'])
        .whereRef('f.contact_id', '=', 'c.id').orderBy('f.sent_at')).as('referrals'),
      jsonArrayFrom(eb.selectFrom('consultation as q').leftJoin('receiving_unit as qu', 'qu.id', 'q.receiving_unit_id').leftJoin('app_user as qa', 'qa.id', 'q.answered_by_user_id')
        .select(['q.id', 'q.consultee', 'qu.code as unit', 'q.anonymous', 'q.question', 'q.status', 'q.answer', 'q.answered_by_name', 'qa.display_name as answered_by', 'q.asked_at', 'q.answered_at'])
        .whereRef('q.contact_id', '=', 'c.id').orderBy('q.asked_at')).as('consultations'),
    ])
    .where('c.id', '=', id).where('c.county_id', '=', user.countyId)
    .executeTakeFirst();
  if (!c) throw new AppError(404, 'not_found');
  const hasPersonalData = !c.anonymous && c.personal_data_erased_at === null;
  const today = helsinkiDate(now);
  return {
    id: c.id, reference: c.reference, channel: c.channel, line: c.line, serviceArea: c.service_area, region: c.region, municipality: c.municipality,
    contactor: c.contactor, anonymous: c.anonymous, mainReason: c.main_reason, additionalReasons: c.additional_reasons, note: c.note,
    urgency: c.urgency, receivedAt: c.received_at.toISOString(), receivedOn: c.received_on, respondBy: c.respond_by, overdue: c.status !== 'closed' && !c.reached_at && c.respond_by < today,
    reachedAt: c.reached_at?.toISOString() ?? null, reachedHow: c.reached_how, urgencyAssessmentDue: urgencyAssessmentDue(c),
    status: c.status, waitingReason: c.waiting_reason, assignedTo: c.assigned_user_id ? { id: c.assigned_user_id, name: c.assigned_name ?? '' } : null,
    outcome: c.outcome, closedAt: c.closed_at?.toISOString() ?? null, handlingSeconds: c.handling_seconds, ledToClientRelationship: c.led_to_client_relationship,
    guidanceLevel: c.guidance_level as 1 | 2 | 3, guidanceCaseId: c.guidance_case_id,
    triggers: c.triggers, repeatContacts30d: c.repeat_contacts_30d, repeatTrigger: c.repeat_contacts_30d >= REPEAT_CONTACT_THRESHOLD,
    callbackAttemptsAllowed: c.callback_attempts_allowed, callerNumber: c.caller_number,
    person: hasPersonalData ? {
      name: c.person_name, phone: c.person_phone, hetu: c.person_hetu, birthDate: c.person_birth_date, address: c.person_address, email: c.person_email, callbackWindow: c.callback_window,
    } : null,
    personalDataErasedAt: c.personal_data_erased_at?.toISOString() ?? null,
    messageChannels: (c.message_channels ?? []).filter((x): x is "email" | "sms" => x === "email" || x === "sms"),
    timeline: c.events.map((e) => ({ id: e.id, at: iso(e.at), kind: e.kind, actor: e.display_name, details: e.details })),
    consents: c.consents.map((x) => ({ id: x.id, givenBy: x.given_by, method: x.method, purpose: x.purpose, target: x.target, givenAt: iso(x.given_at), withdrawnAt: x.withdrawn_at ? iso(x.withdrawn_at) : null })),
    initiations: c.initiations.map((i) => ({ id: i.id, initiatedOn: i.initiated_on, concerns: i.concerns, unit: i.unit, urgent: i.urgent, highestCareAllowance: i.highest_care_allowance, ageAtInitiation: i.age_at_initiation, legalDeadline: i.legal_deadline, legalBasis: i.legal_basis })),
    callbackAttempts: c.attempts.map((a) => ({ at: iso(a.at), result: a.result })),
    referrals: c.referrals.map((f) => ({
      id: f.id, kind: f.kind, assessment: f.assessment, unit: f.unit, external: f.external_name, status: f.status, urgency: f.urgency, acceptBy: f.accept_by, contactBy: f.contact_by,
      legalDeadline: f.legal_deadline, legalBasis: f.legal_basis, sentAt: iso(f.sent_at), bookedAt: f.booked_at ? iso(f.booked_at) : null, outcome: f.outcome,
      returnReason: f.return_reason, cancelReason: f.cancel_reason,
      overdue: isOverdue({ status: f.status, acceptBy: f.accept_by, contactBy: f.contact_by }, today),
    })),
    referralReturns: c.referral_returns,
    consultations: c.consultations.map((q) => ({
      id: q.id, consultee: q.consultee, unit: q.unit, anonymous: q.anonymous, question: q.question, status: q.status, answer: q.answer,
      answeredBy: q.answered_by_name ?? q.answered_by, askedAt: iso(q.asked_at), answeredAt: q.answered_at ? iso(q.answered_at) : null,
    })),
    language: c.language, notificationKind: c.notification_kind, legalDeadline: c.legal_deadline, legalBasis: c.legal_basis,
    notifier: c.notifier_name !== null && c.notifier_organisation !== null ? {
      name: c.notifier_name, organisation: c.notifier_organisation, role: c.notifier_role, phone: c.notifier_phone, email: c.notifier_email,
      // a child welfare notification is not a consent question (LsL 25 §): nothing about consent is shown for it
      ...(c.notification_kind === 'child_welfare'
        ? { subjectConsent: null, noConsentReason: null }
        : { subjectConsent: c.notifier_subject_consent, noConsentReason: c.notifier_no_consent_reason }),
    } : null,
    residentMessage: hasPersonalData || c.anonymous ? c.resident_message : null,
    caller: hasPersonalData && (c.caller_name ?? c.caller_phone ?? c.caller_organisation ?? c.caller_relationship) !== null
      ? { name: c.caller_name, phone: c.caller_phone, organisation: c.caller_organisation, relationship: c.caller_relationship } : null,
    earlierContacts: hasPersonalData ? c.earlier.map((e) => ({
      id: e.id, reference: e.reference, receivedAt: iso(e.received_at), channel: e.channel, status: e.status, mainReason: e.main_reason, outcome: e.outcome,
      closedAt: e.closed_at ? iso(e.closed_at) : null, role: e.role,
    })) : [],
    acute: c.acute, acuteReasons: c.acute_reasons, acuteTriggerWords: c.acute_trigger_words, acuteFlaggedAt: c.acute_flagged_at?.toISOString() ?? null,
  };
}

/** The supervisor's live view: unclaimed acute contacts, open contacts by line and status, promises due today, overdue, callbacks, who handles what. */
export async function supervisorOverview(db: Kysely<DB>, countyId: string, now: Date) {
  const today = helsinkiDate(now);
  const [byLine, totals, byWorker, acuteUnclaimed] = await Promise.all([
    db.selectFrom('contact as c').leftJoin('phone_line as l', 'l.id', 'c.phone_line_id')
      .select(['l.code as line', 'c.status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('c.county_id', '=', countyId).where('c.status', '<>', 'closed').groupBy(['l.code', 'c.status']).execute(),
    db.selectFrom('contact').select([
      // the promise is kept by reaching the person, not by claiming: a claimed contact not yet reached still counts
      sql<number>`count(*) filter (where respond_by = ${today} and reached_at is null)::int`.as('due_today'),
      sql<number>`count(*) filter (where respond_by < ${today} and reached_at is null)::int`.as('overdue'),
      sql<number>`count(*) filter (where respond_by < ${today} and reached_at is null and assigned_user_id is not null)::int`.as('claimed_not_reached'),
      sql<number>`count(*) filter (where channel = 'callback' or waiting_reason = 'callback_attempt')::int`.as('callbacks_waiting'),
      sql<number>`count(*)::int`.as('open'),
    ]).where('county_id', '=', countyId).where('status', '<>', 'closed').executeTakeFirstOrThrow(),
    db.selectFrom('contact as c').innerJoin('app_user as u', 'u.id', 'c.assigned_user_id')
      .select(['u.id', 'u.display_name', sql<number>`count(*) filter (where c.status = 'in_progress')::int`.as('in_progress'), sql<number>`count(*) filter (where c.status = 'waiting')::int`.as('waiting')])
      .where('c.county_id', '=', countyId).where('c.status', 'in', ['in_progress', 'waiting']).groupBy(['u.id', 'u.display_name']).orderBy('u.display_name').execute(),
    unclaimedAcute(db, countyId, now),
  ]);
  return {
    today,
    open: totals.open, dueToday: totals.due_today, overdue: totals.overdue, overdueClaimed: totals.claimed_not_reached, callbacksWaiting: totals.callbacks_waiting,
    byLine: byLine.map((r) => ({ line: r.line, status: r.status, count: Number(r.n) })),
    byWorker: byWorker.map((w) => ({ id: w.id, name: w.display_name, inProgress: w.in_progress, waiting: w.waiting })),
    acuteUnclaimed,
  };
}

/**
 * LsL 26 §: a child welfare notification's urgency is assessed at once. It is due now while the
 * notification is open and no worker has taken it up (claimed, or reached the notifier).
 */
function urgencyAssessmentDue(c: { notification_kind: string | null; status: string; reached_at: Date | null; assigned_user_id: string | null }): boolean {
  return c.notification_kind === 'child_welfare' && c.status !== 'closed' && c.reached_at === null && c.assigned_user_id === null;
}
