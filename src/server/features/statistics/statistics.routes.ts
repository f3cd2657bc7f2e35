import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema, requestLang, type Lang } from '../../platform/errors.js';
import { currentUser } from '../../platform/auth/guard.js';
import { countyLabels, type LabelKind } from '../organisation/public.js';
import { helsinkiDate } from '../../../domain/local-date.js';
import { TRIGGERS, type TriggerCode } from '../../../domain/codes.js';
import { toCsv, type Dimension } from './statistics.domain.js';
import { monthlyStatistics } from './statistics.queries.js';
import { monthlyQuerySchema, monthlyStatisticsSchema, staffingQuerySchema, staffingSchema, staffingSettingsInputSchema, staffingSettingsSchema } from './statistics.schemas.js';
import { saveStaffingSettings, staffing, staffingSettings } from './reachability.queries.js';

const KIND: Record<Dimension, LabelKind | null> = {
  channel: 'channel', line: 'line', region: 'region', municipality: 'municipality', contactor: 'contactor', serviceArea: 'service_area',
  urgency: 'urgency', mainReason: 'reason', additionalReason: 'reason', outcome: 'outcome', trigger: null,
};
const REFERRAL_HEADINGS: Record<Lang, Record<string, string>> = {
  fi: {
    referrals_sent: 'Lähetteet', referrals_returned: 'Palautetut lähetteet (pallottelu)', referrals_contactsReturned: 'Yhteydenotot, joiden lähete palautui',
    referrals_completed: 'Valmistuneet', referrals_cancelled: 'Perutut', referrals_stillOpen: 'Kesken', referrals_overdue: 'Myöhässä',
    referrals_accepted: 'Vastaanotetut', referrals_acceptedOnTime: 'Vastaanotettu ajallaan', external: 'Muu toimija',
    kind_message_to_service: 'Viesti palveluun', kind_referral_for_assessment: 'Arvioon (PTA/HTA)', kind_to_own_worker: 'Omalle työntekijälle', kind_direct_booking: 'Suora ajanvaraus',
  },
  sv: {
    referrals_sent: 'Remisser', referrals_returned: 'Returnerade remisser (bollande)', referrals_contactsReturned: 'Kontakter vars remiss returnerades',
    referrals_completed: 'Slutförda', referrals_cancelled: 'Annullerade', referrals_stillOpen: 'Pågående', referrals_overdue: 'Försenade',
    referrals_accepted: 'Mottagna', referrals_acceptedOnTime: 'Mottagna i tid', external: 'Annan aktör',
    kind_message_to_service: 'Meddelande till tjänsten', kind_referral_for_assessment: 'Till bedömning', kind_to_own_worker: 'Till egen arbetstagare', kind_direct_booking: 'Direkt tidsbokning',
  },
  en: {
    referrals_sent: 'Referrals', referrals_returned: 'Returned referrals (ping-pong)', referrals_contactsReturned: 'Contacts whose referral came back',
    referrals_completed: 'Completed', referrals_cancelled: 'Cancelled', referrals_stillOpen: 'Still open', referrals_overdue: 'Overdue',
    referrals_accepted: 'Accepted', referrals_acceptedOnTime: 'Accepted on time', external: 'Outside actor',
    kind_message_to_service: 'Message to the service', kind_referral_for_assessment: 'For assessment (PTA/HTA)', kind_to_own_worker: 'To the own worker', kind_direct_booking: 'Direct booking',
  },
};

const HEADINGS: Record<Lang, Record<string, string>> = {
  fi: {
    dimension: 'Ulottuvuus', code: 'Koodi', label: 'Selite', total: 'Yhteydenotot yhteensä', anonymous: 'Nimettömät', ledToClientRelationship: 'Johti asiakkuuteen',
    repeatContacts: 'Toistuvat yhteydenotot (3+/30 pv)', promise_kept: 'Lupaus pidetty', promise_missed: 'Lupaus ylittyi', promise_pending: 'Vielä aikaa', promise_notApplicable: 'Ei tavoitettavissa',
    weekday_1: 'maanantai', weekday_2: 'tiistai', weekday_3: 'keskiviikko', weekday_4: 'torstai', weekday_5: 'perjantai', weekday_6: 'lauantai', weekday_7: 'sunnuntai', none: '(ei tietoa)',
    phone_offered: 'Tarjotut puhelut', phone_answered: 'Vastatut puhelut', phone_abandoned: 'Luopuneet soittajat', phone_outsideHours: 'Puhelut aukioloajan ulkopuolella',
    phone_answerRate: 'Vastausprosentti (osuus)', phone_answeredWithinServiceLevel: 'Vastattu palvelutasoajassa', phone_serviceLevel: 'Palvelutaso (osuus)',
    phone_meanWaitSeconds: 'Keskimääräinen jonotus (s)', phone_p90WaitSeconds: 'Jonotus, 90 % vastattiin (s)', phone_meanAbandonSeconds: 'Luopuneiden jonotus (s)',
    callbacks_created: 'Takaisinsoittotehtävät', callbacks_done: 'Tavoitettu takaisinsoitolla', callbacks_meanHoursToCallback: 'Aika takaisinsoittoon, keskiarvo (h)', callbacks_p90HoursToCallback: 'Aika takaisinsoittoon, 90 % (h)',
  },
  sv: {
    dimension: 'Dimension', code: 'Kod', label: 'Beskrivning', total: 'Kontakter totalt', anonymous: 'Anonyma', ledToClientRelationship: 'Ledde till klientrelation',
    repeatContacts: 'Upprepade kontakter (3+/30 d)', promise_kept: 'Löftet hölls', promise_missed: 'Löftet överskreds', promise_pending: 'Tid kvar', promise_notApplicable: 'Kunde inte nås',
    weekday_1: 'måndag', weekday_2: 'tisdag', weekday_3: 'onsdag', weekday_4: 'torsdag', weekday_5: 'fredag', weekday_6: 'lördag', weekday_7: 'söndag', none: '(uppgift saknas)',
    phone_offered: 'Erbjudna samtal', phone_answered: 'Besvarade samtal', phone_abandoned: 'Avbrutna samtal', phone_outsideHours: 'Samtal utanför öppettiden',
    phone_answerRate: 'Svarsandel', phone_answeredWithinServiceLevel: 'Besvarade inom servicenivån', phone_serviceLevel: 'Servicenivå (andel)',
    phone_meanWaitSeconds: 'Genomsnittlig väntetid (s)', phone_p90WaitSeconds: 'Väntetid, 90 % besvarade (s)', phone_meanAbandonSeconds: 'Väntetid före avbrott (s)',
    callbacks_created: 'Återuppringningar', callbacks_done: 'Nådda genom återuppringning', callbacks_meanHoursToCallback: 'Tid till återuppringning, medel (h)', callbacks_p90HoursToCallback: 'Tid till återuppringning, 90 % (h)',
  },
  en: {
    dimension: 'Dimension', code: 'Code', label: 'Label', total: 'Contacts in total', anonymous: 'Anonymous', ledToClientRelationship: 'Led to a client relationship',
    repeatContacts: 'Repeat contacts (3+ in 30 days)', promise_kept: 'Promise kept', promise_missed: 'Promise missed', promise_pending: 'Still within the promise', promise_notApplicable: 'Could not be reached',
    weekday_1: 'Monday', weekday_2: 'Tuesday', weekday_3: 'Wednesday', weekday_4: 'Thursday', weekday_5: 'Friday', weekday_6: 'Saturday', weekday_7: 'Sunday', none: '(not recorded)',
    phone_offered: 'Calls offered', phone_answered: 'Calls answered', phone_abandoned: 'Calls abandoned', phone_outsideHours: 'Calls outside opening hours',
    phone_answerRate: 'Answer rate (share)', phone_answeredWithinServiceLevel: 'Answered within the service level', phone_serviceLevel: 'Service level (share)',
    phone_meanWaitSeconds: 'Mean wait (s)', phone_p90WaitSeconds: 'Wait, 90th percentile (s)', phone_meanAbandonSeconds: 'Wait before abandoning (s)',
    callbacks_created: 'Callback tasks', callbacks_done: 'Reached by callback', callbacks_meanHoursToCallback: 'Time to callback, mean (h)', callbacks_p90HoursToCallback: 'Time to callback, 90th percentile (h)',
  },
};

/** Monthly statistics for supervisors (domain § 8): JSON for the app, CSV for Excel. */
export async function statisticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const roles = { roles: ['supervisor' as const, 'admin' as const] };
  const monthOf = (month: string | undefined) => month ?? helsinkiDate(app.deps.clock()).slice(0, 7);

  r.get('/statistics/monthly', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Contacts of a month by channel, line, region, reason, outcome…, beside the same month a year earlier',
      querystring: monthlyQuerySchema, response: { 200: monthlyStatisticsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => monthlyStatistics(app.deps.database.db, currentUser(req).countyId, monthOf(req.query.month), app.deps.clock()));

  r.get('/statistics/staffing-settings', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'The county\'s service level (answered within N seconds, target share) and the phone roster',
      response: { 200: staffingSettingsSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => staffingSettings(app.deps.database.db, currentUser(req).countyId));

  r.put('/statistics/staffing-settings', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Sets the service level and replaces the whole roster (a weekday and hour not listed has no one planned)',
      body: staffingSettingsInputSchema, response: { 200: staffingSettingsSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => saveStaffingSettings(app.deps.database.db, currentUser(req).countyId, req.body));

  r.get('/statistics/staffing', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'Workers needed on the phones per weekday and hour (Erlang C, from the period\'s calls and handling time) beside the roster',
      querystring: staffingQuerySchema, response: { 200: staffingSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req) => staffing(app.deps.database.db, currentUser(req).countyId, req.query, app.deps.clock()));

  r.get('/statistics/monthly.csv', {
    config: roles,
    schema: {
      tags: ['statistics'], summary: 'The same as CSV (semicolon-separated, UTF-8 with BOM) in the language of Accept-Language or ?lang',
      querystring: monthlyQuerySchema.extend({ lang: z.enum(['fi', 'sv', 'en']).optional() }),
      response: { 200: z.string(), 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (req, reply) => {
    const user = currentUser(req);
    const lang = req.query.lang ?? requestLang(req);
    const month = monthOf(req.query.month);
    const db = app.deps.database.db;
    const [stats, labels] = await Promise.all([monthlyStatistics(db, user.countyId, month, app.deps.clock()), countyLabels(db, user.countyId)]);
    const label = (d: Dimension | 'referralOutcome', code: string | null) => {
      if (code === null) return HEADINGS[lang].none!;
      if (d === 'referralOutcome') return labels('referral_outcome', code, lang) ?? code;
      const kind = KIND[d];
      return (kind ? labels(kind, code, lang) : TRIGGERS[code as TriggerCode]?.[lang]) ?? code;
    };
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="opastin-tilastot-${month}.csv"`)
      .send(toCsv(stats, label, { ...HEADINGS[lang], ...REFERRAL_HEADINGS[lang] }));
  });
}
