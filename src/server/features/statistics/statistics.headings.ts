import type { Lang } from '../../platform/errors.js';

/**
 * The statistics' headings in the reader's language: the CSV's rows and the XLSX's sheet names,
 * headers and summary rows (issue 15). A missing key shows as the key itself.
 */
export const REFERRAL_HEADINGS = {
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
} as const satisfies Record<Lang, Record<string, string>>;

export const HEADINGS = {
  fi: {
    dimension: 'Ulottuvuus', code: 'Koodi', label: 'Selite', total: 'Yhteydenotot yhteensä', anonymous: 'Nimettömät', ledToClientRelationship: 'Johti asiakkuuteen',
    repeatContacts: 'Toistuvat yhteydenotot (3+/30 pv)', promise_kept: 'Lupaus pidetty', promise_missed: 'Lupaus ylittyi', promise_pending: 'Vielä aikaa', promise_notApplicable: 'Ei tavoitettavissa',
    weekday_1: 'maanantai', weekday_2: 'tiistai', weekday_3: 'keskiviikko', weekday_4: 'torstai', weekday_5: 'perjantai', weekday_6: 'lauantai', weekday_7: 'sunnuntai', none: '(ei tietoa)',
    phone_offered: 'Tarjotut puhelut', phone_answered: 'Vastatut puhelut', phone_abandoned: 'Luopuneet soittajat', phone_outsideHours: 'Puhelut aukioloajan ulkopuolella',
    phone_answerRate: 'Vastausprosentti (osuus)', phone_answeredWithinServiceLevel: 'Vastattu palvelutasoajassa', phone_serviceLevel: 'Palvelutaso (osuus)',
    phone_meanWaitSeconds: 'Keskimääräinen jonotus (s)', phone_p90WaitSeconds: 'Jonotus, 90 % vastattiin (s)', phone_meanAbandonSeconds: 'Luopuneiden jonotus (s)',
    callbacks_created: 'Takaisinsoittotehtävät', callbacks_done: 'Tavoitettu takaisinsoitolla', callbacks_meanHoursToCallback: 'Aika takaisinsoittoon, keskiarvo (h)', callbacks_p90HoursToCallback: 'Aika takaisinsoittoon, 90 % (h)',
    sheet_summary: 'Yhteenveto', sheet_channel: 'Kanava', sheet_line: 'Linja', sheet_region: 'Alue', sheet_municipality: 'Kunta',
    sheet_contactor: 'Yhteydenottaja', sheet_serviceArea: 'Palvelualue', sheet_urgency: 'Kiireellisyys', sheet_mainReason: 'Pääsyy',
    sheet_additionalReason: 'Lisäsyyt', sheet_outcome: 'Mihin ohjaus päättyi', sheet_trigger: 'Yhteisasiakkuuden herätteet',
    sheet_weekday: 'Viikonpäivät', sheet_hour: 'Tunnit', sheet_promiseByChannel: 'Lupaus kanavittain', sheet_promiseByLine: 'Lupaus linjoittain',
    sheet_phoneByLine: 'Puhelut linjoittain', sheet_phoneByHour: 'Puhelut tunneittain', sheet_phoneByDay: 'Puhelut päivittäin',
    sheet_referrals: 'Lähetteet', sheet_referralKind: 'Lähetteet lajeittain', sheet_referralTarget: 'Lähetteet kohteittain', sheet_referralOutcome: 'Lähetteiden lopputulos',
    weekday: 'Viikonpäivä (1 = ma)', hour: 'Tunti', date: 'Päivä', stillOpen: 'Yhteydenotot kesken', medianHandlingSeconds: 'Käsittelyajan mediaani (s)',
    phone_serviceLevelSeconds: 'Palvelutason aikaraja (s)', phone_serviceLevelTarget: 'Palvelutason tavoite (osuus)',
    period_from: 'Jakson ensimmäinen päivä', period_to: 'Jakson viimeinen päivä', filter_region: 'Rajaus: alue', filter_line: 'Rajaus: linja', filter_municipality: 'Rajaus: kunta', filter_all: 'Kaikki',
  },
  sv: {
    dimension: 'Dimension', code: 'Kod', label: 'Beskrivning', total: 'Kontakter totalt', anonymous: 'Anonyma', ledToClientRelationship: 'Ledde till klientrelation',
    repeatContacts: 'Upprepade kontakter (3+/30 d)', promise_kept: 'Löftet hölls', promise_missed: 'Löftet överskreds', promise_pending: 'Tid kvar', promise_notApplicable: 'Kunde inte nås',
    weekday_1: 'måndag', weekday_2: 'tisdag', weekday_3: 'onsdag', weekday_4: 'torsdag', weekday_5: 'fredag', weekday_6: 'lördag', weekday_7: 'söndag', none: '(uppgift saknas)',
    phone_offered: 'Erbjudna samtal', phone_answered: 'Besvarade samtal', phone_abandoned: 'Avbrutna samtal', phone_outsideHours: 'Samtal utanför öppettiden',
    phone_answerRate: 'Svarsandel', phone_answeredWithinServiceLevel: 'Besvarade inom servicenivån', phone_serviceLevel: 'Servicenivå (andel)',
    phone_meanWaitSeconds: 'Genomsnittlig väntetid (s)', phone_p90WaitSeconds: 'Väntetid, 90 % besvarade (s)', phone_meanAbandonSeconds: 'Väntetid före avbrott (s)',
    callbacks_created: 'Återuppringningar', callbacks_done: 'Nådda genom återuppringning', callbacks_meanHoursToCallback: 'Tid till återuppringning, medel (h)', callbacks_p90HoursToCallback: 'Tid till återuppringning, 90 % (h)',
    sheet_summary: 'Sammanfattning', sheet_channel: 'Kanal', sheet_line: 'Linje', sheet_region: 'Område', sheet_municipality: 'Kommun',
    sheet_contactor: 'Kontaktperson', sheet_serviceArea: 'Serviceområde', sheet_urgency: 'Brådska', sheet_mainReason: 'Huvudorsak',
    sheet_additionalReason: 'Tilläggsorsaker', sheet_outcome: 'Var handledningen slutade', sheet_trigger: 'Signaler om gemensam klient',
    sheet_weekday: 'Veckodagar', sheet_hour: 'Timmar', sheet_promiseByChannel: 'Löftet per kanal', sheet_promiseByLine: 'Löftet per linje',
    sheet_phoneByLine: 'Samtal per linje', sheet_phoneByHour: 'Samtal per timme', sheet_phoneByDay: 'Samtal per dag',
    sheet_referrals: 'Remisser', sheet_referralKind: 'Remisser per typ', sheet_referralTarget: 'Remisser per mottagare', sheet_referralOutcome: 'Remissernas utfall',
    weekday: 'Veckodag (1 = mån)', hour: 'Timme', date: 'Dag', stillOpen: 'Kontakter pågående', medianHandlingSeconds: 'Median för handläggningstid (s)',
    phone_serviceLevelSeconds: 'Servicenivåns tidsgräns (s)', phone_serviceLevelTarget: 'Servicenivåns mål (andel)',
    period_from: 'Periodens första dag', period_to: 'Periodens sista dag', filter_region: 'Avgränsning: område', filter_line: 'Avgränsning: linje', filter_municipality: 'Avgränsning: kommun', filter_all: 'Alla',
  },
  en: {
    dimension: 'Dimension', code: 'Code', label: 'Label', total: 'Contacts in total', anonymous: 'Anonymous', ledToClientRelationship: 'Led to a client relationship',
    repeatContacts: 'Repeat contacts (3+ in 30 days)', promise_kept: 'Promise kept', promise_missed: 'Promise missed', promise_pending: 'Still within the promise', promise_notApplicable: 'Could not be reached',
    weekday_1: 'Monday', weekday_2: 'Tuesday', weekday_3: 'Wednesday', weekday_4: 'Thursday', weekday_5: 'Friday', weekday_6: 'Saturday', weekday_7: 'Sunday', none: '(not recorded)',
    phone_offered: 'Calls offered', phone_answered: 'Calls answered', phone_abandoned: 'Calls abandoned', phone_outsideHours: 'Calls outside opening hours',
    phone_answerRate: 'Answer rate (share)', phone_answeredWithinServiceLevel: 'Answered within the service level', phone_serviceLevel: 'Service level (share)',
    phone_meanWaitSeconds: 'Mean wait (s)', phone_p90WaitSeconds: 'Wait, 90th percentile (s)', phone_meanAbandonSeconds: 'Wait before abandoning (s)',
    callbacks_created: 'Callback tasks', callbacks_done: 'Reached by callback', callbacks_meanHoursToCallback: 'Time to callback, mean (h)', callbacks_p90HoursToCallback: 'Time to callback, 90th percentile (h)',
    sheet_summary: 'Summary', sheet_channel: 'Channel', sheet_line: 'Line', sheet_region: 'Region', sheet_municipality: 'Municipality',
    sheet_contactor: 'Who contacted', sheet_serviceArea: 'Service area', sheet_urgency: 'Urgency', sheet_mainReason: 'Main reason',
    sheet_additionalReason: 'Additional reasons', sheet_outcome: 'Where guidance ended', sheet_trigger: 'Multi-service triggers',
    sheet_weekday: 'Weekdays', sheet_hour: 'Hours', sheet_promiseByChannel: 'Promise by channel', sheet_promiseByLine: 'Promise by line',
    sheet_phoneByLine: 'Calls by line', sheet_phoneByHour: 'Calls by hour', sheet_phoneByDay: 'Calls by day',
    sheet_referrals: 'Referrals', sheet_referralKind: 'Referrals by kind', sheet_referralTarget: 'Referrals by target', sheet_referralOutcome: 'Referral outcomes',
    weekday: 'Weekday (1 = Mon)', hour: 'Hour', date: 'Date', stillOpen: 'Contacts still open', medianHandlingSeconds: 'Median handling time (s)',
    phone_serviceLevelSeconds: 'Service level time limit (s)', phone_serviceLevelTarget: 'Service level target (share)',
    period_from: 'First day of the period', period_to: 'Last day of the period', filter_region: 'Filter: region', filter_line: 'Filter: line', filter_municipality: 'Filter: municipality', filter_all: 'All',
  },
} as const satisfies Record<Lang, Record<string, string>>;
