import type { Kysely } from 'kysely';
import type { DB } from '../../platform/schema.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { createContact } from '../contacts/public.js';
import { formatHetu } from '../../../domain/hetu.js';
import { addWorkingDays } from '../../../domain/calendar.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { addAssessment, addFollowUp, changeContactLevel, proposeMeeting, savePlan } from './guidance.service.js';

/**
 * The demo county's two guidance cases (issue 17; the personas of seed 002), so `npm start` shows
 * levels 2–3 at work: Jusa-Petteri at level 2 after his third vague contact in two months, with a
 * first assessment and a follow-up due today; Jaska at level 3 with a responsible worker, a plan
 * and a multi-professional meeting proposed with employment services. Made through the service
 * as the demo guidance worker, so every rule and the access log apply. Fictional people.
 */
export async function loadDemoGuidance(db: Kysely<DB>, countyId: string, now: Date): Promise<void> {
  const worker = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('county_id', '=', countyId).where('username', '=', 'ohjaaja').executeTakeFirst();
  if (!worker) return;
  const user: SessionUser = { sessionId: 'demo', userId: worker.id, countyId, username: worker.username, displayName: worker.display_name, roles: ['guidance_worker'] } as SessionUser;
  const today = helsinkiDate(now);
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const jp = { name: 'Jusa-Petteri Demo', hetu: formatHetu('1998-04-11', 907), phone: '+358401110907' };
  for (const n of [50, 21]) {
    await createContact(db, user, { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'service_system_info', serviceArea: 'working_age', urgency: 'non_urgent', person: jp, receivedAt: daysAgo(n), additionalReasons: [], note: 'Kysyi epämääräisesti palveluista, ei osannut sanoa mitä tarvitsee.' }, daysAgo(n));
  }
  const third = await createContact(db, user, { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'loneliness_participation', serviceArea: 'working_age', urgency: 'non_urgent', person: jp, additionalReasons: [], note: 'Kolmas soitto: väsynyt, yksin, ei tiedä mistä aloittaa.' }, now);
  const jpCase = await changeContactLevel(db, user, third.id, { level: 2, reason: 'Kolmas epämääräinen yhteydenotto kahdessa kuukaudessa', consent: { givenBy: 'client', method: 'verbal' } }, now);
  const battery = await db.selectFrom('question_battery').select('id').where('county_id', '=', countyId).where('code', '=', 'first_assessment').orderBy('version', 'desc').executeTakeFirst();
  if (battery) {
    await addAssessment(db, user, jpCase.caseId, { batteryId: battery.id, answers: { mood: 2, interest: 3, alone: true, daily_life: true, housing: 'own_or_rented', work: 'unemployed', substances: false, services_in_use: ['none'], own_words: 'Haluaisin että joku kysyisi välillä miten menee.' } }, now);
  }
  await savePlan(db, user, jpCase.caseId, { goals: [{ text: 'Jaksaisin taas hoitaa asioitani', status: 'open' }, { text: 'Pääsisin ihmisten pariin', status: 'open' }], steps: [], agreedWithPerson: true }, now);
  await addFollowUp(db, user, jpCase.caseId, { dueOn: today, purpose: 'Soitto: miten viikko meni, pääsikö terveysasemalle' }, now);

  const jaska = { name: 'Jaska Demo', hetu: formatHetu('1996-03-14', 908), phone: '+358401110908' };
  const j = await createContact(db, user, { channel: 'phone', contactor: 'self', anonymous: false, mainReason: 'income', serviceArea: 'working_age', urgency: 'non_urgent', person: jaska, additionalReasons: ['employment_education', 'health_functioning'], note: 'Kela ohjasi. Työmarkkinatuki katkennut, laskuja maksamatta, ei autoa.' }, now);
  await db.updateTable('contact').set({ triggers: ['unclear_problem', 'missed_appointments'] }).where('id', '=', j.id).execute();
  const jCase = await changeContactLevel(db, user, j.id, { level: 3, reason: 'Koko tilanne kartoitettava, useita palveluja', consent: { givenBy: 'client', method: 'verbal' } }, now);
  await savePlan(db, user, jCase.caseId, {
    goals: [{ text: 'Rahat riittämään ja laskut hoitoon', status: 'open' }, { text: 'Jotain järkevää tekemistä arkeen', status: 'open' }],
    steps: [
      { text: 'Toimeentulotuen hakemus', service: 'Kela', owner: 'client', dueOn: addWorkingDays(today, 5), done: false },
      { text: 'Terveys- ja työkykyarvio', service: 'Terveysasema', owner: 'network', dueOn: null, done: false },
      { text: 'Kuntouttava työtoiminta alkaa', service: 'Kuntouttava työtoiminta', owner: 'client', dueOn: null, done: false },
    ],
    agreedWithPerson: true,
  }, now);
  await proposeMeeting(db, user, jCase.caseId, { reasons: ['unclear_problem', 'missed_appointments'], plannedOn: addWorkingDays(today, 3), participants: [{ name: 'Työkykykoordinaattori', organisation: 'Työllisyyspalvelut', role: null }] }, now);
  await addFollowUp(db, user, jCase.caseId, { dueOn: addWorkingDays(today, 2), purpose: 'Kotikäynti: hakemus ja kuljetus palaveriin' }, now);
}
