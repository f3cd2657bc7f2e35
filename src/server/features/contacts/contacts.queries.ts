import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { ContactStatus, DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError } from '../../platform/errors.js';
import { notLoggedInSession, personKeySql } from '../../platform/access-log.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { REPEAT_CONTACT_THRESHOLD } from './contacts.domain.js';
import { isOverdue } from '../../../domain/referral.js';
import { loadCountyCodes } from './contacts.service.js';

export interface QueueFilters {
  line?: string;
  region?: string;
  channel?: string;
  status?: ContactStatus[];
  mine?: boolean;
  overdue?: boolean;
  limit: number;
}

/**
 * The queue holds no personal data: reference, channel, line, reason, urgency, promise, status,
 * who handles it. Acute contacts first (issue 11), then by the promise (overdue first), urgency
 * and arrival: the order of the partial index `contact_open_queue_idx`. Filters
 * work on ids from the county's cached codes, so the page of 50 is found on `contact` alone and
 * only those rows are joined to their handler's name.
 */
export async function queue(db: Kysely<DB>, user: SessionUser, f: QueueFilters, now: Date) {
  if (f.status && f.status.length > 1 && f.status.includes('closed')) {
    throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.status', message: 'Closed contacts are listed on their own; ask for status=closed alone.', code: 'invalid' }]);
  }
  const codes = await loadCountyCodes(db, user.countyId);
  const lineId = f.line ? codes.lines.get(f.line)?.id ?? [...codes.lineCodeById].find(([, code]) => code === f.line)?.[0] : undefined;
  const regionId = f.region ? codes.regions.get(f.region) : undefined;
  const unknown = [
    ...(f.line && !lineId ? [{ field: 'querystring.line', message: `Unknown phone line "${f.line}".`, code: 'unknown_code' as const }] : []),
    ...(f.region && !regionId ? [{ field: 'querystring.region', message: `Unknown region "${f.region}".`, code: 'unknown_code' as const }] : []),
  ];
  if (unknown.length) throw new AppError(400, 'unknown_code', undefined, unknown);

  const today = helsinkiDate(now);
  const closedOnly = f.status?.length === 1 && f.status[0] === 'closed';
  let q = db.selectFrom('contact')
    .select(['id', 'reference', 'channel', 'status', 'waiting_reason', 'urgency', 'received_at', 'respond_by', 'closed_at', 'anonymous',
      'main_reason', 'service_area', 'contactor', 'phone_line_id', 'region_id', 'assigned_user_id', 'legal_deadline', 'legal_basis', 'notification_kind', 'reached_at',
      'urgency_rank', 'acute', 'acute_reasons', 'acute_trigger_words', sql<boolean>`caller_number is not null or person_phone is not null`.as('has_callback_number')])
    .where('county_id', '=', user.countyId)
    // statuses as literals: the planner can then prove the partial index (open or closed) usable
    // for a prepared statement's cached plan too
    .where('status', 'in', (f.status?.length ? f.status : (['new', 'in_progress', 'waiting'] as const)).map((s) => sql.lit(s)));
  if (lineId) q = q.where('phone_line_id', '=', lineId);
  if (regionId) q = q.where('region_id', '=', regionId);
  if (f.channel) q = q.where('channel', '=', f.channel);
  if (f.mine) q = q.where('assigned_user_id', '=', user.userId);
  // overdue: the promised day passed and the person has not been reached (a claim is not a reach)
  if (f.overdue) q = q.where('respond_by', '<', today).where('reached_at', 'is', null);
  // Closed contacts are history: the most recently closed first (its own index); open ones by promise.
  const page = (closedOnly ? q.orderBy('closed_at', 'desc') : q.orderBy('acute', 'desc').orderBy('respond_by').orderBy('urgency_rank').orderBy('received_at')).limit(f.limit);
  const joined = db.selectFrom(page.as('c')).leftJoin('app_user as u', 'u.id', 'c.assigned_user_id').selectAll('c').select('u.display_name as assigned_name');
  const rows = await (closedOnly ? joined.orderBy('c.closed_at', 'desc') : joined.orderBy('c.acute', 'desc').orderBy('c.respond_by').orderBy('c.urgency_rank').orderBy('c.received_at')).execute();
  return rows.map((r) => ({
    id: r.id, reference: r.reference, channel: r.channel, status: r.status, waitingReason: r.waiting_reason, urgency: r.urgency,
    receivedAt: r.received_at.toISOString(), respondBy: r.respond_by, overdue: r.status !== 'closed' && !r.reached_at && r.respond_by < today, dueToday: r.status !== 'closed' && !r.reached_at && r.respond_by === today,
    reached: r.reached_at !== null, urgencyAssessmentDue: urgencyAssessmentDue(r),
    anonymous: r.anonymous, mainReason: r.main_reason, serviceArea: r.service_area, contactor: r.contactor,
    line: r.phone_line_id ? codes.lineCodeById.get(r.phone_line_id) ?? null : null, region: r.region_id ? codes.regionCodeById.get(r.region_id) ?? null : null,
    assignedTo: r.assigned_user_id ? { id: r.assigned_user_id, name: r.assigned_name ?? '' } : null, hasCallbackNumber: r.has_callback_number,
    legalDeadline: r.legal_deadline, legalBasis: r.legal_basis, notificationKind: r.notification_kind,
    acute: r.acute, acuteReasons: r.acute_reasons, acuteTriggerWords: r.acute_trigger_words,
  }));
}

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

/**
 * The contact view, in one statement: the contact, its timeline, consents, initiations and
 * callback attempts, and, when it holds a person's data, the access-log row of this read (a
 * data-modifying CTE, so the read and its log row commit together without a transaction round trip).
 */
export async function contactView(db: Kysely<DB>, user: SessionUser, id: string, purpose: string, now: Date) {
  const c = await db
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
    triggers: c.triggers, repeatContacts30d: c.repeat_contacts_30d, repeatTrigger: c.repeat_contacts_30d >= REPEAT_CONTACT_THRESHOLD,
    callbackAttemptsAllowed: c.callback_attempts_allowed, callerNumber: c.caller_number,
    person: hasPersonalData ? {
      name: c.person_name, phone: c.person_phone, hetu: c.person_hetu, birthDate: c.person_birth_date, address: c.person_address, email: c.person_email, callbackWindow: c.callback_window,
    } : null,
    personalDataErasedAt: c.personal_data_erased_at?.toISOString() ?? null,
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
