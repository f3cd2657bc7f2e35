import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccessAction, AccessSubjectType, DB } from '../../platform/schema.js';
import { logAccess, personKeyOf, type AccessEntry } from '../../platform/access-log.js';
import { parseHetu } from '../../../domain/hetu.js';
import { AppError } from '../../platform/errors.js';

export interface PersonAccessRow {
  seq: number;
  at: string;
  actorUserId: string | null;
  actor: string;
  /** the user's display name, and the organisation: the county and the user's units */
  actorName: string | null;
  organisation: string | null;
  units: string[];
  subjectType: AccessSubjectType;
  subjectId: string;
  /** the contact's reference, when the record is a contact, referral or consultation */
  record: string | null;
  action: AccessAction;
  purpose: string;
}

/**
 * Every access-log row about one person, through any subject, newest first: rows carrying the
 * person key (all rows since migration 0012), and older rows found through the contacts,
 * referrals (and their snapshots) and consultations that still hold this identity code.
 */
async function rowsForPerson(db: Kysely<DB> | Transaction<DB>, countyId: string, hetu: string, key: string, limit: number): Promise<PersonAccessRow[]> {
  const r = await sql<{
    seq: number; created_at: Date; actor_user_id: string | null; actor_label: string; display_name: string | null; county_name: string | null; units: string[] | null;
    subject_type: AccessSubjectType; subject_id: string; reference: string | null; action: AccessAction; purpose: string;
  }>`
    with contacts as (select id from contact where county_id = ${countyId}::uuid and person_hetu = ${hetu}),
    referrals as (select r.id from referral r where r.contact_id in (select id from contacts)
                  union select s.referral_id from referral_snapshot s where s.person_hetu = ${hetu}),
    consultations as (select k.id from consultation k where k.contact_id in (select id from contacts)),
    hits as (
      select seq from access_log where person_key = ${key}
      union select seq from access_log where subject_type = 'contact' and subject_id in (select id::text from contacts)
      union select seq from access_log where subject_type = 'referral' and subject_id in (select id::text from referrals)
      union select seq from access_log where subject_type = 'consultation' and subject_id in (select id::text from consultations)
      union select seq from access_log where subject_type = 'person' and subject_id in (${hetu}, ${key})
    )
    select a.seq, a.created_at, a.actor_user_id, a.actor_label, u.display_name, co.name_fi as county_name,
           (select array_agg(ru.name_fi order by ru.name_fi) from user_unit uu join receiving_unit ru on ru.id = uu.receiving_unit_id where uu.user_id = a.actor_user_id) as units,
           a.subject_type, a.subject_id,
           coalesce(c1.reference, c2.reference, c3.reference) as reference, a.action, a.purpose
    from access_log a
    left join app_user u on u.id = a.actor_user_id
    left join county co on co.id = coalesce(u.county_id, a.county_id)
    left join contact c1 on a.subject_type = 'contact' and c1.id::text = a.subject_id
    left join referral rr on a.subject_type = 'referral' and rr.id::text = a.subject_id left join contact c2 on c2.id = rr.contact_id
    left join consultation kk on a.subject_type = 'consultation' and kk.id::text = a.subject_id left join contact c3 on c3.id = kk.contact_id
    where a.seq in (select seq from hits) and (a.county_id = ${countyId}::uuid or a.county_id is null)
    order by a.seq desc
    limit ${limit}`.execute(db);
  return r.rows.map((x) => ({
    seq: Number(x.seq), at: new Date(x.created_at).toISOString(), actorUserId: x.actor_user_id, actor: x.actor_label, actorName: x.display_name,
    organisation: x.county_name, units: x.units ?? [], subjectType: x.subject_type, subjectId: x.subject_id, record: x.reference, action: x.action, purpose: x.purpose,
  }));
}

/**
 * A person search of the access log (who has seen this person's data, through any record), or
 * the person's report for their own request (Act 703/2023). Itself logged, under the person key
 * (never the identity code in clear).
 */
export async function personAccessLog(db: Kysely<DB>, actor: AccessEntry['actor'], countyId: string, hetuInput: string, purpose: 'access_log_review' | 'access_log_person_report', limit = 2000) {
  const parsed = parseHetu(hetuInput);
  if (!parsed.valid) throw new AppError(400, 'validation_failed', undefined, [{ field: 'querystring.hetu', message: 'Not a valid Finnish personal identity code.', code: 'invalid' }]);
  const key = personKeyOf(parsed.hetu)!;
  return db.transaction().execute(async (trx) => {
    const items = await rowsForPerson(trx, countyId, parsed.hetu, key, limit);
    await logAccess(trx, { actor, subjectType: 'person', subjectId: key, action: purpose === 'access_log_person_report' ? 'export' : 'read', purpose, personKey: key });
    return items;
  });
}
