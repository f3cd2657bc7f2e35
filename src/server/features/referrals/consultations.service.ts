import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import { tx } from '../../platform/tx.js';
import { notLoggedInSession, personKeySql } from '../../platform/access-log.js';
import { findPersonalData } from '../../../domain/personal-data.js';
import type { Consultee } from '../../../domain/referral.js';
import { endConsultationWait, insertContactEvent, lockContact, requireHolder, waitForConsultation } from '../contacts/public.js';
import { receivingUnitByCode } from '../organisation/public.js';
import { isGuidance } from './referrals.service.js';
import { LIST_TOTAL_CAP } from '../contacts/contacts.schemas.js';

export interface ConsultationInput {
  consultee: Consultee;
  /** the unit whose workers answer in Opastin (a health centre's nurse, the social worker on duty) */
  unit?: string | null;
  anonymous: boolean;
  question: string;
  consentId?: string | null;
}

/**
 * The guidance worker asks before answering (domain § 5). An anonymous consultation carries no
 * personal data (checked here and by the table); a named one needs the person's consent for
 * consultation. The contact waits in a controlled way while its promise keeps counting.
 */
export async function askConsultation(db: Kysely<DB>, user: SessionUser, contactId: string, input: ConsultationInput, now: Date) {
  return tx(db, async (trx) => {
    const contact = await lockContact(trx, user.countyId, contactId);
    await requireHolder(trx, contact, user); // claimed means claimed (issue 13)
    if (contact.status === 'closed') throw new AppError(409, 'invalid_transition', 'The contact is closed; reopen it to consult.');
    const errors: FieldError[] = [];
    if (contact.anonymous && !input.anonymous) errors.push({ field: 'body.anonymous', message: 'An anonymous contact is consulted on anonymously.', code: 'invalid' });
    if (input.anonymous) {
      const found = findPersonalData(input.question);
      if (found.length) errors.push({ field: 'body.question', message: `An anonymous consultation cannot hold personal data (${found.join(', ')}).`, code: 'personal_data_in_text' });
    }
    let consentId: string | null = null;
    if (!input.anonymous) {
      const consent = input.consentId
        ? await trx.selectFrom('consent').select(['id', 'purpose']).where('id', '=', input.consentId).where('contact_id', '=', contactId).where('withdrawn_at', 'is', null).executeTakeFirst()
        : undefined;
      if (!consent || consent.purpose !== 'consultation') errors.push({ field: 'body.consentId', message: 'A named consultation needs the person’s consent for consultation; or ask anonymously.', code: 'consent_required' });
      else consentId = consent.id;
    }
    let unitId: string | null = null;
    if (input.unit) {
      const unit = await receivingUnitByCode(trx, user.countyId, input.unit);
      if (!unit || !unit.active) errors.push({ field: 'body.unit', message: `Unknown or inactive receiving unit "${input.unit}".`, code: 'unknown_code' });
      else unitId = unit.id;
    }
    if (errors.length) throw new AppError(400, errors.every((e) => e.code === 'consent_required') ? 'consent_required' : errors.some((e) => e.code === 'personal_data_in_text') ? 'personal_data_in_anonymous' : 'validation_failed', undefined, errors);

    const row = await trx.insertInto('consultation').values({
      county_id: user.countyId, contact_id: contactId, consultee: input.consultee, receiving_unit_id: unitId, anonymous: input.anonymous,
      question: input.question.trim(), consent_id: consentId, asked_by_user_id: user.userId, asked_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    // the matter waits for the answer; the promise (respond_by) is untouched and keeps counting
    await waitForConsultation(trx, user, contact, now);
    await insertContactEvent(trx, contactId, now, user, 'consultation_asked', { consultationId: row.id, consultee: input.consultee, unit: input.unit ?? null, anonymous: input.anonymous });
    return { id: row.id, contactStatus: 'waiting' as const };
  });
}

/**
 * The answer returns to the contact: recorded by a worker of the consulted unit, or by the asker
 * who got it by phone. When no other consultation is open, the contact leaves `waiting`.
 */
export async function answerConsultation(db: Kysely<DB>, user: SessionUser, id: string, input: { answer: string; answeredByName?: string | null }, now: Date) {
  return tx(db, async (trx) => {
    const c = await trx.selectFrom('consultation').selectAll().where('id', '=', id).where('county_id', '=', user.countyId).forUpdate().executeTakeFirst();
    if (!c) throw new AppError(404, 'not_found');
    const ownUnit = user.roles.includes('unit_worker') && c.receiving_unit_id !== null && user.unitIds.includes(c.receiving_unit_id);
    if (!ownUnit && !isGuidance(user)) throw new AppError(403, user.roles.includes('unit_worker') ? 'not_your_unit' : 'forbidden');
    if (c.status !== 'open') throw new AppError(409, 'invalid_transition', `The consultation is already ${c.status}.`);
    await trx.updateTable('consultation').set({
      status: 'answered', answer: input.answer.trim(), answered_at: now, answered_by_user_id: user.userId,
      answered_by_name: input.answeredByName?.trim() || null,
    }).where('id', '=', id).execute();
    await afterConsultation(trx, user.countyId, c.contact_id);
    await insertContactEvent(trx, c.contact_id, now, user, 'consultation_answered', { consultationId: id, consultee: c.consultee });
    return { status: 'answered' as const };
  });
}

/** A consultation ended (answered or withdrawn): when none of the contact's is open any more, it stops waiting. */
async function afterConsultation(trx: Transaction<DB>, countyId: string, contactId: string): Promise<void> {
  const stillOpen = await trx.selectFrom('consultation').select('id').where('contact_id', '=', contactId).where('status', '=', 'open').executeTakeFirst();
  if (!stillOpen) await endConsultationWait(trx, countyId, contactId);
}

export async function cancelConsultation(db: Kysely<DB>, user: SessionUser, id: string, reason: string, now: Date) {
  return tx(db, async (trx) => {
    const c = await trx.selectFrom('consultation').selectAll().where('id', '=', id).where('county_id', '=', user.countyId).forUpdate().executeTakeFirst();
    if (!c) throw new AppError(404, 'not_found');
    if (!isGuidance(user)) throw new AppError(403, 'forbidden');
    if (c.status !== 'open') throw new AppError(409, 'invalid_transition', `The consultation is already ${c.status}.`);
    await trx.updateTable('consultation').set({ status: 'cancelled' }).where('id', '=', id).execute();
    await afterConsultation(trx, user.countyId, c.contact_id);
    await insertContactEvent(trx, c.contact_id, now, user, 'consultation_cancelled', { consultationId: id, note: reason });
    return { status: 'cancelled' as const };
  });
}

/**
 * Consultations to the user's units. A named one's question is about a person: each listed is
 * access-logged in the same transaction.
 */
export async function consultationInbox(db: Kysely<DB>, user: SessionUser, status: 'open' | 'answered', limit: number, now: Date) {
  if (!user.roles.includes('unit_worker')) throw new AppError(403, 'forbidden', 'Consultations are answered by the workers of receiving units.');
  if (!user.unitIds.length) return { items: [], total: 0, totalCapped: false, offset: 0, limit };
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('consultation as c').innerJoin('receiving_unit as u', 'u.id', 'c.receiving_unit_id')
      .innerJoin('contact as k', 'k.id', 'c.contact_id').leftJoin('app_user as a', 'a.id', 'c.asked_by_user_id')
      .select(['c.id', 'c.consultee', 'c.anonymous', 'c.question', 'c.status', 'c.answer', 'c.asked_at', 'c.answered_at', 'u.code as unit', 'k.reference', 'a.display_name as asked_by'])
      .where('c.county_id', '=', user.countyId).where('c.receiving_unit_id', 'in', user.unitIds).where('c.status', '=', status)
      .orderBy('c.asked_at', status === 'open' ? 'asc' : 'desc').limit(limit).execute();
    // the total of the same filter (issue 14), counted up to the cap
    const matching = trx.selectFrom('consultation').select(sql.lit(1).as('one'))
      .where('county_id', '=', user.countyId).where('receiving_unit_id', 'in', user.unitIds).where('status', '=', status).limit(LIST_TOTAL_CAP + 1);
    const n = Number((await trx.selectFrom(matching.as('m')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const named = rows.filter((r) => !r.anonymous && r.question !== null);
    if (named.length) {
      // once per viewing session (ADR 0012): the inbox's poll does not log a question again within the session
      await sql`insert into access_log (county_id, actor_user_id, actor_label, subject_type, subject_id, action, purpose, created_at, person_key)
        select ${user.countyId}::uuid, ${user.userId}::uuid, ${user.username}, 'consultation', t.id, 'read', 'consultation', ${now}::timestamptz, ${personKeySql(sql`k.person_hetu`)}
        from unnest(${named.map((r) => r.id)}::text[]) as t(id)
        left join consultation q on q.id = t.id::uuid left join contact k on k.id = q.contact_id
        where ${notLoggedInSession(user.userId, 'consultation', sql`t.id`, 'consultation', now)}`.execute(trx);
    }
    return {
      total: Math.min(n, LIST_TOTAL_CAP), totalCapped: n > LIST_TOTAL_CAP, offset: 0, limit,
      items: rows.map((r) => ({
        id: r.id, consultee: r.consultee, anonymous: r.anonymous, question: r.question, status: r.status, answer: r.answer, unit: r.unit,
        contactReference: r.reference, askedBy: r.asked_by ?? '', askedAt: r.asked_at.toISOString(), answeredAt: r.answered_at?.toISOString() ?? null,
      })),
    };
  });
}
