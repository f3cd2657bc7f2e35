import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { DB, ReferralTable } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { logAccess } from '../../platform/access-log.js';
import { tx } from '../../platform/tx.js';
import { ageOn } from '../../../domain/hetu.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import type { Urgency } from '../../../domain/service-promise.js';
import {
  canTransition, escalationLevel, referralDeadlines, TRANSITIONS,
  type LegalGround, type ReferralAction, type ReferralKind, type ReferralStatus,
} from '../../../domain/referral.js';
import { insertContactEvent, loadCountyCodes, lockContact, requireHolder, returnToGuidance } from '../contacts/public.js';
import { receivingUnitByCode } from '../organisation/public.js';

const GUIDANCE_ROLES = ['guidance_worker', 'supervisor'] as const;
export const isGuidance = (u: SessionUser) => u.roles.some((r) => (GUIDANCE_ROLES as readonly string[]).includes(r));

export interface ReferralInput {
  kind: ReferralKind;
  assessment?: 'pta' | 'hta' | null;
  /** an internal receiving unit, by code */
  unit?: string | null;
  /** or an outside actor */
  external?: { name: string; serviceId?: string | null } | null;
  summary: string;
  needs: string[];
  urgency: Urgency;
  preferredTime?: string | null;
  consentId?: string | null;
  legalGround?: LegalGround | null;
  legalGroundReason?: string | null;
  bookedAt?: Date | null;
  bookedPlace?: string | null;
  /** on the highest care allowance (SHL 36 §: 7 working days); age 75+ is read from the identity code */
  highestCareAllowance?: boolean;
  /** share the resident's own words (contact.resident_message) and the triage reasons with the unit (issue 14) */
  shareResidentMessage: boolean;
}

const targetLabel = (r: { unit_code?: string | null; external_name: string | null }) => r.unit_code ?? r.external_name ?? '';

/**
 * Refers the person of a contact to a receiving unit or an outside actor. Gated on a consent in
 * force on this contact for forwarding, or on a legal ground with its reason (the table's
 * constraint says the same). The deadlines come from the promise and the legal clocks.
 */
export async function createReferral(db: Kysely<DB>, user: SessionUser, contactId: string, input: ReferralInput, now: Date) {
  return tx(db, async (trx) => {
    const contact = await lockContact(trx, user.countyId, contactId);
    await requireHolder(trx, contact, user); // claimed means claimed (issue 13)
    if (contact.anonymous) throw new AppError(409, 'invalid_transition', 'A referral is made for an identified person: record who the person is first (with their consent).');
    if (contact.personal_data_erased_at) throw new AppError(409, 'invalid_transition', 'The personal data of this contact has been erased; register a new contact.');
    const errors: FieldError[] = [];
    if (!contact.person_name && !contact.person_hetu) errors.push({ field: 'person', message: 'Record the person’s name or identity code first.', code: 'identifier_required' });
    const reachable = contact.person_phone || contact.person_email || contact.person_address;
    if (!reachable && input.kind !== 'direct_booking' && input.kind !== 'to_own_worker') {
      errors.push({ field: 'person.phone', message: 'The service contacts the person: record a phone number, e-mail or address first.', code: 'required' });
    }

    const codes = await loadCountyCodes(trx, user.countyId);
    input.needs.forEach((n, i) => { if (!codes.codes.get('reason')?.has(n)) errors.push({ field: `body.needs.${i}`, message: `Unknown reason code "${n}".`, code: 'unknown_code' }); });
    if (!input.needs.length) errors.push({ field: 'body.needs', message: 'Name at least one need (reason code).', code: 'required' });

    let unit: { id: string; code: string; active: boolean; client_contact_days: number | null; in_opastin: boolean } | undefined;
    if (Boolean(input.unit) === Boolean(input.external)) {
      errors.push({ field: 'body.unit', message: 'Refer to one receiving unit or to one outside actor.', code: 'required' });
    } else if (input.unit) {
      unit = await receivingUnitByCode(trx, user.countyId, input.unit);
      if (!unit) errors.push({ field: 'body.unit', message: `Unknown receiving unit "${input.unit}".`, code: 'unknown_code' });
      else if (!unit.active) errors.push({ field: 'body.unit', message: `The receiving unit "${input.unit}" is not active; choose another.`, code: 'invalid' });
    } else if (input.external?.serviceId) {
      const service = await trx.selectFrom('service').select('id').where('county_id', '=', user.countyId).where('id', '=', input.external.serviceId).where('active', '=', true).executeTakeFirst();
      if (!service) errors.push({ field: 'body.external.serviceId', message: 'No such active service in the catalogue.', code: 'unknown_code' });
    }
    if (input.kind === 'referral_for_assessment' && !input.assessment) errors.push({ field: 'body.assessment', message: 'Say whether this is a service needs assessment (pta) or a care needs assessment (hta).', code: 'required' });
    if (input.kind !== 'referral_for_assessment' && input.assessment) errors.push({ field: 'body.assessment', message: 'Only a referral for assessment names an assessment.', code: 'invalid' });
    if (input.kind === 'direct_booking' && !input.bookedAt) errors.push({ field: 'body.bookedAt', message: 'A direct booking records the booked time.', code: 'required' });
    if (input.bookedAt && input.kind !== 'direct_booking') errors.push({ field: 'body.bookedAt', message: 'Only a direct booking has a booked time.', code: 'invalid' });
    if (input.bookedAt && input.bookedAt.getTime() < now.getTime() - 86_400_000) errors.push({ field: 'body.bookedAt', message: 'The booked time has passed.', code: 'invalid' });

    // the consent gate
    let consentId: string | null = null;
    if (input.consentId) {
      const purposes = unit ? ['forward_to_unit'] as const : ['forward_to_unit', 'kela', 'other_actor'] as const;
      const consent = await trx.selectFrom('consent').select(['id', 'purpose']).where('id', '=', input.consentId).where('contact_id', '=', contactId).where('withdrawn_at', 'is', null).executeTakeFirst();
      if (!consent) errors.push({ field: 'body.consentId', message: 'No consent in force with this id on this contact.', code: 'consent_required' });
      else if (!(purposes as readonly string[]).includes(consent.purpose)) errors.push({ field: 'body.consentId', message: `This consent is for "${consent.purpose}", not for forwarding to ${unit ? 'a unit' : 'this actor'}.`, code: 'consent_required' });
      else consentId = consent.id;
    } else if (!input.legalGround) {
      errors.push({ field: 'body.consentId', message: 'Forwarding needs the person’s consent, or a legal ground (SHL 35 §, child welfare) with its reason.', code: 'consent_required' });
    }
    if (input.legalGround && !input.legalGroundReason?.trim()) errors.push({ field: 'body.legalGroundReason', message: 'Say why the matter is forwarded without consent.', code: 'required' });
    if (errors.length) {
      const gate = errors.every((e) => e.code === 'consent_required');
      throw new AppError(400, gate ? 'consent_required' : errors.every((e) => e.code === 'unknown_code') ? 'unknown_code' : 'validation_failed', undefined, errors);
    }

    // the statutory clocks count from the day the person contacted the county (a reopened contact keeps it), not from sending
    const age = contact.person_birth_date ? ageOn(contact.person_birth_date, contact.received_on) : null;
    const d = referralDeadlines({
      sentAt: now, receivedOn: contact.received_on, urgency: input.urgency, kind: input.kind, assessment: input.assessment ?? null,
      priorityClient: (age !== null && age >= 75) || Boolean(input.highestCareAllowance),
      clientContactWorkingDays: unit?.client_contact_days ?? null,
      childWelfare: input.legalGround === 'child_welfare' || contact.notification_kind === 'child_welfare',
      contactLegalDeadline: contact.legal_deadline, bookedOn: input.bookedAt ? helsinkiDate(input.bookedAt) : null,
    });
    // a direct booking is a time already taken in the service's calendar: it starts accepted
    const status: ReferralStatus = input.kind === 'direct_booking' ? 'accepted' : 'requested';
    const row = await trx.insertInto('referral').values({
      county_id: user.countyId, contact_id: contactId, kind: input.kind, assessment: input.assessment ?? null,
      receiving_unit_id: unit?.id ?? null, external_name: input.external?.name.trim() ?? null, external_service_id: input.external?.serviceId ?? null,
      summary: input.summary.trim(), preferred_time: input.preferredTime?.trim() || null, needs: input.needs, urgency: input.urgency,
      consent_id: consentId, legal_ground: consentId ? null : input.legalGround ?? null, legal_ground_reason: consentId ? null : input.legalGroundReason?.trim() ?? null,
      booked_at: input.bookedAt ?? null, booked_place: input.bookedPlace?.trim() || null, status,
      accept_by: d.acceptBy, contact_by: d.contactBy, legal_deadline: d.legalDeadline, legal_basis: d.legalBasis,
      sent_at: now, sent_by_user_id: user.userId, accepted_at: status === 'accepted' ? now : null,
    }).returning(['id']).executeTakeFirstOrThrow();
    // the resident's words go only when the worker chose to share them (and there are some)
    const residentMessage = input.shareResidentMessage ? contact.resident_message : null;
    await insertContactEvent(trx, contactId, now, user, 'referral_sent', {
      referralId: row.id, referralKind: input.kind, target: unit?.code ?? input.external!.name.trim(), acceptBy: d.acceptBy, contactBy: d.contactBy,
      ...(consentId ? { consentId } : { legalGround: input.legalGround }), residentMessageShared: residentMessage !== null,
    });
    // what is shared with the receiving unit: the person's details as they are now, kept with the
    // referral; the unit reads this snapshot, never the live contact (issue 12 part 5)
    await trx.insertInto('referral_snapshot').values({
      referral_id: row.id, person_name: contact.person_name, person_phone: contact.person_phone, person_hetu: contact.person_hetu,
      person_birth_date: contact.person_birth_date, person_address: contact.person_address, person_email: contact.person_email,
      callback_window: contact.callback_window, language: contact.language, resident_message: residentMessage, source: 'sent', taken_at: now,
    }).execute();
    await logAccess(trx, { actor: user, subjectType: 'referral', subjectId: row.id, action: 'create', purpose: 'referral' });
    return { id: row.id, status, acceptBy: d.acceptBy, contactBy: d.contactBy, legalDeadline: d.legalDeadline, legalBasis: d.legalBasis, residentMessageShared: residentMessage !== null };
  });
}

async function lockReferral(trx: Transaction<DB>, countyId: string, id: string) {
  const row = await trx.selectFrom('referral as r').leftJoin('receiving_unit as u', 'u.id', 'r.receiving_unit_id')
    .selectAll('r').select(['u.code as unit_code', 'u.in_opastin as unit_in_opastin'])
    .where('r.id', '=', id).where('r.county_id', '=', countyId).forUpdate('r').executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found');
  return row;
}

/**
 * Who may see a referral: the workers of its receiving unit, and the guidance unit that sent it
 * (guidance workers and supervisors of the county). Nobody else, whatever else they may do.
 */
export function requireReadable(user: SessionUser, r: { receiving_unit_id: string | null }): void {
  if (isGuidance(user)) return;
  if (user.roles.includes('unit_worker') && r.receiving_unit_id && user.unitIds.includes(r.receiving_unit_id)) return;
  if (user.roles.includes('unit_worker')) throw new AppError(403, 'not_your_unit');
  throw new AppError(403, 'forbidden');
}

/**
 * Who may move a referral: the receiving unit's own workers answer for it; for an outside actor or
 * a unit the county reaches outside Opastin (`in_opastin` false, issue 18: no inbox here) the
 * guidance unit records what the actor reported. Only the sender's side cancels.
 */
function requireActor(user: SessionUser, r: { receiving_unit_id: string | null; unit_in_opastin?: boolean | null }, action: ReferralAction): void {
  if (r.receiving_unit_id && r.unit_in_opastin === false && isGuidance(user)) return;
  if (action === 'cancel' || !r.receiving_unit_id) {
    if (!isGuidance(user)) throw new AppError(403, 'forbidden', action === 'cancel' ? 'Only the guidance unit that sent a referral cancels it.' : 'The guidance unit records what an outside actor reported.');
    return;
  }
  if (user.roles.includes('unit_worker') && user.unitIds.includes(r.receiving_unit_id)) return;
  if (user.roles.includes('unit_worker')) throw new AppError(403, 'not_your_unit');
  throw new AppError(403, 'forbidden', 'The receiving unit answers for its referrals.');
}

export interface TransitionInput {
  reason?: string | null;
  outcome?: string | null;
  note?: string | null;
}

/**
 * One step of the loop. The row is locked first, so of two unit workers accepting at once
 * exactly one wins and the other is told who did. Every step is timestamped, attributed and put
 * on the contact's timeline, where the guidance worker sees it.
 */
export async function transitionReferral(db: Kysely<DB>, user: SessionUser, id: string, action: ReferralAction, input: TransitionInput, now: Date): Promise<{ status: ReferralStatus; contactReopened?: boolean }> {
  return tx(db, async (trx) => {
    const r = await lockReferral(trx, user.countyId, id);
    requireActor(user, r, action);
    if (!canTransition(action, r.status)) {
      if (action === 'accept' && r.status === 'accepted') {
        if (r.handler_user_id === user.userId) return { status: r.status }; // a retry of my own acceptance
        const who = r.handler_user_id ? (await trx.selectFrom('app_user').select('display_name').where('id', '=', r.handler_user_id).executeTakeFirst())?.display_name : null;
        throw new AppError(409, 'already_accepted', who ? `${who} accepted this referral.` : undefined);
      }
      throw new AppError(409, 'referral_transition', `Cannot ${action} a referral that is ${r.status}.`);
    }
    if (action === 'accept' && r.consent_id) {
      // the consent the referral rests on was withdrawn before acceptance: the hand-off has ended
      const consent = await trx.selectFrom('consent').select('withdrawn_at').where('id', '=', r.consent_id).executeTakeFirst();
      if (consent?.withdrawn_at) throw new AppError(409, 'referral_transition', 'The person withdrew the consent this referral rests on; the guidance unit decides what follows.');
    }
    const errors: FieldError[] = [];
    const reason = input.reason?.trim() || null;
    if ((action === 'return' || action === 'cancel') && !reason) errors.push({ field: 'body.reason', message: `Say why the referral is ${action === 'return' ? 'returned' : 'cancelled'}.`, code: 'required' });
    if (action === 'complete') {
      const codes = await loadCountyCodes(trx, user.countyId);
      if (!input.outcome) errors.push({ field: 'body.outcome', message: 'The referral outcome is required to complete.', code: 'required' });
      else if (input.outcome === 'returned_wrong_service') errors.push({ field: 'body.outcome', message: 'A referral to the wrong service is returned (with a reason), not completed.', code: 'invalid' });
      else if (!codes.codes.get('referral_outcome')?.has(input.outcome)) errors.push({ field: 'body.outcome', message: `Unknown referral outcome "${input.outcome}".`, code: 'unknown_code' });
    }
    if (errors.length) throw new AppError(400, 'validation_failed', undefined, errors);

    const to = TRANSITIONS[action].to;
    const set: Updateable<ReferralTable> = { status: to };
    if (action === 'accept') Object.assign(set, { accepted_at: now, handler_user_id: user.userId });
    if (action === 'return') Object.assign(set, { returned_at: now, return_reason: reason, outcome: 'returned_wrong_service' });
    if (action === 'contact') Object.assign(set, { client_contacted_at: now, handler_user_id: r.handler_user_id ?? user.userId });
    if (action === 'complete') Object.assign(set, { completed_at: now, outcome: input.outcome, outcome_note: input.note?.trim() || null, handler_user_id: r.handler_user_id ?? user.userId });
    if (action === 'cancel') Object.assign(set, { cancelled_at: now, cancel_reason: reason });
    await trx.updateTable('referral').set(set).where('id', '=', id).execute();
    // on the contact's timeline as the status it led to: referral_accepted, referral_returned, …
    await insertContactEvent(trx, r.contact_id, now, user, `referral_${to}`, {
      referralId: id, target: targetLabel(r), ...(reason ? { note: reason } : {}), ...(action === 'complete' ? { referralOutcome: input.outcome } : {}),
    });

    if (action !== 'return') return { status: to };
    const { reopened } = await returnToGuidance(trx, user, r.contact_id, { reason: 'referral_returned', referralId: id }, now);
    return { status: to, contactReopened: reopened };
  });
}

/** Runs by the escalation job: every referral past a deadline gets one reminder per level and a mark on its contact's timeline. */
export async function escalateReferrals(db: Kysely<DB>, now: Date): Promise<{ escalated: number }> {
  const today = helsinkiDate(now);
  return db.transaction().execute(async (trx) => {
    const due = await trx.selectFrom('referral')
      .select(['id', 'contact_id', 'status', 'accept_by', 'contact_by', 'receiving_unit_id', 'escalation_level'])
      .where((eb) => eb.or([
        eb.and([eb('status', '=', sql.lit('requested')), eb('accept_by', '<', today), eb('escalation_level', '<', 1)]),
        eb.and([eb('status', '=', sql.lit('accepted')), eb('contact_by', '<', today), eb('escalation_level', '<', 2)]),
      ]))
      .forUpdate().skipLocked()
      .execute();
    let escalated = 0;
    for (const r of due) {
      const level = escalationLevel({ status: r.status, acceptBy: r.accept_by, contactBy: r.contact_by }, today);
      if (level === 0 || level <= r.escalation_level) continue;
      const dueDay = level === 1 ? r.accept_by : r.contact_by;
      const inserted = await trx.insertInto('referral_reminder').values({ referral_id: r.id, level, due: dueDay, receiving_unit_id: r.receiving_unit_id, sent_at: now })
        .onConflict((oc) => oc.columns(['referral_id', 'level']).doNothing()).returning('id').executeTakeFirst();
      await trx.updateTable('referral').set({ escalation_level: level, escalated_at: now }).where('id', '=', r.id).execute();
      if (inserted) {
        await insertContactEvent(trx, r.contact_id, now, { system: 'escalation', countyId: '' }, 'referral_escalated', { referralId: r.id, level, due: dueDay });
        escalated++;
      }
    }
    return { escalated };
  });
}
