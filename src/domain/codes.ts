/**
 * The default code sets of codes.md. The codes are an API contract; the labels are defaults a
 * county may rename. They are seeded into the `code` table per county (never hard-coded ifs).
 */
export type Labels = { fi: string; sv: string; en: string };
export type CodeSetName = 'service_area' | 'channel' | 'contactor' | 'urgency' | 'reason' | 'outcome' | 'referral_outcome';

export const DEFAULT_CODES: Record<CodeSetName, Record<string, Labels>> = {
  service_area: {
    working_age: { fi: 'Työikäisten sosiaalipalvelut ja toimeentulotuki', sv: 'Socialservice för personer i arbetsför ålder och utkomststöd', en: 'Working-age adults and income support' },
    older_people: { fi: 'Ikäihmisten palvelut', sv: 'Service för äldre', en: 'Services for older people' },
    disability: { fi: 'Vammaispalvelut', sv: 'Handikappservice', en: 'Disability services' },
    families: { fi: 'Lapsiperheiden palvelut ja lastensuojelu', sv: 'Service för barnfamiljer och barnskydd', en: 'Children, young people and families' },
    mental_health_substance: { fi: 'Mielenterveys- ja päihdepalvelut', sv: 'Mentalvårds- och missbrukartjänster', en: 'Mental health and substance use services' },
    health: { fi: 'Terveyspalvelut', sv: 'Hälsotjänster', en: 'Health services' },
  },
  channel: {
    phone: { fi: 'Puhelin', sv: 'Telefon', en: 'Phone' },
    callback: { fi: 'Takaisinsoitto', sv: 'Återuppringning', en: 'Callback' },
    chat: { fi: 'Chat', sv: 'Chatt', en: 'Chat' },
    web_form: { fi: 'Sähköinen yhteydenottolomake', sv: 'Elektroniskt kontaktformulär', en: 'Web contact form' },
    e_notification: { fi: 'Sähköinen ilmoitus', sv: 'Elektronisk anmälan', en: 'Electronic notification' },
    authority_line: { fi: 'Viranomaislinja', sv: 'Myndighetslinje', en: 'Authority line' },
    walk_in: { fi: 'Käynti ilman ajanvarausta', sv: 'Besök utan tidsbokning', en: 'Walk-in' },
    emergency_department: { fi: 'Päivystyksen sosiaalihuolto', sv: 'Socialarbete på jouren', en: 'Emergency department' },
    secure_email: { fi: 'Suojattu sähköposti', sv: 'Skyddad e-post', en: 'Secure e-mail' },
    post: { fi: 'Posti', sv: 'Post', en: 'Post' },
  },
  contactor: {
    self: { fi: 'Asiakas itse', sv: 'Klienten själv', en: 'The person themself' },
    close_one: { fi: 'Läheinen', sv: 'Närstående', en: 'A close one' },
    professional: { fi: 'Sosiaali- tai terveydenhuollon ammattilainen', sv: 'Yrkesperson inom social- eller hälsovården', en: 'Social or health care professional' },
    authority: { fi: 'Viranomainen', sv: 'Myndighet', en: 'Authority' },
    organisation: { fi: 'Järjestö, seurakunta tai yhdistys', sv: 'Organisation, församling eller förening', en: 'NGO, parish or association' },
    unknown: { fi: 'Tuntematon', sv: 'Okänd', en: 'Unknown' },
  },
  urgency: {
    emergency: { fi: 'Hätätilanne', sv: 'Nödsituation', en: 'Emergency' },
    urgent: { fi: 'Kiireellinen', sv: 'Brådskande', en: 'Urgent' },
    non_urgent: { fi: 'Kiireetön', sv: 'Icke brådskande', en: 'Non-urgent' },
  },
  reason: {
    income: { fi: 'Toimeentulo, talous ja velat', sv: 'Utkomst, ekonomi och skulder', en: 'Income, finances and debt' },
    housing: { fi: 'Asuminen, häätöuhka, asunnottomuus', sv: 'Boende, vräkningshot, bostadslöshet', en: 'Housing, eviction threat, homelessness' },
    employment_education: { fi: 'Työ, opiskelu, kuntouttava työtoiminta', sv: 'Arbete, studier, arbetsverksamhet i rehabiliteringssyfte', en: 'Work, studies, rehabilitative work' },
    health_functioning: { fi: 'Terveys, työ- ja toimintakyky', sv: 'Hälsa, arbets- och funktionsförmåga', en: 'Health, work ability and functioning' },
    mental_health: { fi: 'Mielenterveys ja jaksaminen', sv: 'Psykisk hälsa och ork', en: 'Mental health and coping' },
    substance_use: { fi: 'Päihteet ja riippuvuudet (myös rahapelit)', sv: 'Rusmedel och beroenden (även penningspel)', en: 'Substances and addictions (gambling too)' },
    loneliness_participation: { fi: 'Yksinäisyys ja osallisuus', sv: 'Ensamhet och delaktighet', en: 'Loneliness and participation' },
    family_relationships: { fi: 'Parisuhde, ero, huolto ja tapaamiset', sv: 'Parrelation, skilsmässa, vårdnad och umgänge', en: 'Relationships, separation, custody and visits' },
    child_concern: { fi: 'Huoli lapsesta tai nuoresta', sv: 'Oro för ett barn eller en ung person', en: 'Concern about a child or young person' },
    violence_safety: { fi: 'Väkivalta ja turvallisuus', sv: 'Våld och trygghet', en: 'Violence and safety' },
    ageing_home_care: { fi: 'Ikääntyminen, kotona asuminen, omaishoito', sv: 'Åldrande, boende hemma, närståendevård', en: 'Ageing, living at home, informal care' },
    disability_support: { fi: 'Vammaisuus: apu, apuvälineet, kuljetus, asuminen', sv: 'Funktionsnedsättning: hjälp, hjälpmedel, färdtjänst, boende', en: 'Disability: help, aids, transport, housing' },
    immigration_integration: { fi: 'Maahanmuutto ja kotoutuminen', sv: 'Invandring och integration', en: 'Immigration and integration' },
    benefits_applications: { fi: 'Etuudet ja hakemukset (Kela ym.)', sv: 'Förmåner och ansökningar (FPA m.fl.)', en: 'Benefits and applications (Kela etc.)' },
    service_system_info: { fi: 'Yleinen palveluneuvonta', sv: 'Allmän servicerådgivning', en: 'General information on services' },
    existing_client: { fi: 'Oma asiakkuus: oma työntekijä, päätös, asian tila', sv: 'Egen klientrelation: egen arbetstagare, beslut, ärendets status', en: 'Existing client: own worker, decision, status' },
    other: { fi: 'Muu', sv: 'Annat', en: 'Other' },
  },
  outcome: {
    advice_given: { fi: 'Neuvonta riitti', sv: 'Rådgivningen räckte', en: 'Advice was enough' },
    direct_booking: { fi: 'Suora ajanvaraus palveluun', sv: 'Direkt tidsbokning till tjänsten', en: 'Direct booking to the service' },
    message_to_service: { fi: 'Viesti palveluun, joka ottaa yhteyttä', sv: 'Meddelande till tjänsten, som kontaktar klienten', en: 'Message to the service, which contacts the client' },
    referral_for_assessment: { fi: 'Ohjaus palvelutarpeen tai hoidon tarpeen arviointiin', sv: 'Hänvisning till bedömning av servicebehov eller vårdbehov', en: 'Referral for a service or care needs assessment' },
    to_own_worker: { fi: 'Ohjaus omalle työntekijälle', sv: 'Till egen arbetstagare', en: 'To their own worker' },
    other_actor: { fi: 'Ohjaus muulle toimijalle (Kela, järjestö, seurakunta…)', sv: 'Till annan aktör (FPA, organisation, församling…)', en: 'To another actor (Kela, NGO, parish…)' },
    emergency_redirect: { fi: 'Ohjaus hätäpalveluihin', sv: 'Hänvisning till nödtjänster', en: 'Redirected to emergency services' },
    not_reached: { fi: 'Ei tavoitettu', sv: 'Nåddes inte', en: 'Not reached' },
  },
  referral_outcome: {
    got_help: { fi: 'Sai apua', sv: 'Fick hjälp', en: 'Got help' },
    client_contacted: { fi: 'Asiakkaaseen oltu yhteydessä', sv: 'Klienten har kontaktats', en: 'Client contacted' },
    could_not_contact: { fi: 'Asiakasta ei tavoitettu', sv: 'Klienten nåddes inte', en: 'Could not contact' },
    not_eligible: { fi: 'Ei oikeutta palveluun', sv: 'Inte berättigad till tjänsten', en: 'Not eligible' },
    no_capacity: { fi: 'Ei kapasiteettia', sv: 'Ingen kapacitet', en: 'No capacity' },
    declined_by_client: { fi: 'Asiakas kieltäytyi', sv: 'Klienten avböjde', en: 'Declined by client' },
    returned_wrong_service: { fi: 'Palautettu: väärä palvelu', sv: 'Returnerad: fel tjänst', en: 'Returned: wrong service' },
  },
};

/**
 * Multi-service triggers (domain § 10, seed 003 "Yhteiset herätteet"): the worker marks them on a
 * contact; trigger 3 is also counted automatically from repeat contacts. One list for the API,
 * the staff app and the statistics.
 */
export const TRIGGERS = {
  concern_not_enough: { fi: 'Tilanne herättää huolta tai tunteen, ettei apu riitä', sv: 'Situationen väcker oro eller en känsla av att hjälpen inte räcker', en: 'The situation raises concern or a feeling that help is not enough' },
  unclear_problem: { fi: 'Ongelma ei ole yksiselitteinen', sv: 'Problemet är inte entydigt', en: 'The problem is not clear-cut' },
  repeated_contacts: { fi: 'Toistuvat tai suunnittelemattomat yhteydenotot', sv: 'Upprepade eller oplanerade kontakter', en: 'Repeated or unplanned contacts' },
  missed_appointments: { fi: 'Toistuvat peruuttamattomat poisjäännit', sv: 'Upprepade uteblivna besök utan avbokning', en: 'Repeatedly missed appointments without cancelling' },
  addiction_suspected: { fi: 'Epäily riippuvuuskäyttäytymisestä', sv: 'Misstanke om beroendebeteende', en: 'Suspected addictive behaviour' },
} as const satisfies Record<string, Labels>;
export type TriggerCode = keyof typeof TRIGGERS;
export const TRIGGER_CODES = Object.keys(TRIGGERS) as [TriggerCode, ...TriggerCode[]];
