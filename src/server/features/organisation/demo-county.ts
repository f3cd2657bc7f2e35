import type { Role } from '../../platform/schema.js';

/**
 * The demo county: South Ostrobothnia (Etelä-Pohjanmaan hyvinvointialue) as the seeds describe it.
 * Municipalities with their official codes; family-centre guidance regions and their numbers and
 * phone hours from seed 003 (situation 12.9.2023: weekdays 9–11 and 13–15); the central social
 * services advice line with the menu of seed 004 (1 working-age, 2 older people, 3 disability,
 * 4 families) and the authority line. The central line's numbers are placeholders (06 0000 …).
 */
export const DEMO_COUNTY = {
  code: 'etela_pohjanmaa',
  name: { fi: 'Etelä-Pohjanmaan hyvinvointialue', sv: 'Södra Österbottens välfärdsområde', en: 'Wellbeing Services County of South Ostrobothnia' },
  /** Sosiaali- ja kriisipäivystys (placeholder number of the demo) */
  crisisPhone: '06 0000 0112',
  /**
   * Sosiaalipäivystys (SHL 29 a §, LsL 26 §): urgent matters out of guidance hours are handed to it
   * (placeholder number; no hours set: around the clock). Its Opastin inbox is the unit below.
   */
  socialEmergencyPhone: '06 0000 0113',
  socialEmergencyUnit: 'sosiaalipaivystys',
  accessibilityFeedbackEmail: 'saavutettavuus@example.fi',
  accessibilityStatementDate: '2026-11-22',
};

/** Self-service links on the public site: national services every county can point to. */
export const DEMO_SELF_SERVICE_LINKS: { url: string; fi: string; sv: string; en: string }[] = [
  { url: 'https://www.suomi.fi/', fi: 'Suomi.fi: julkiset palvelut yhdestä osoitteesta', sv: 'Suomi.fi: offentliga tjänster på ett ställe', en: 'Suomi.fi: public services in one place' },
  { url: 'https://www.kela.fi/', fi: 'Kela: etuudet ja hakemukset', sv: 'FPA: förmåner och ansökningar', en: 'Kela: benefits and applications' },
  { url: 'https://www.omaolo.fi/', fi: 'Omaolo: oirearviot ja palveluarviot', sv: 'Omaolo: symtombedömning och servicebedömning', en: 'Omaolo: symptom and service checks' },
  { url: 'https://mieli.fi/', fi: 'MIELI ry: kriisipuhelin ja keskusteluapu', sv: 'MIELI rf: kristelefon och samtalsstöd', en: 'MIELI: crisis helpline and chat' },
];

export const DEMO_MUNICIPALITIES: { code: string; fi: string; sv: string }[] = [
  { code: '005', fi: 'Alajärvi', sv: 'Alajärvi' },
  { code: '010', fi: 'Alavus', sv: 'Alavo' },
  { code: '052', fi: 'Evijärvi', sv: 'Evijärvi' },
  { code: '099', fi: 'Isojoki', sv: 'Storå' },
  { code: '145', fi: 'Ilmajoki', sv: 'Ilmola' },
  { code: '151', fi: 'Isokyrö', sv: 'Storkyro' },
  { code: '218', fi: 'Karijoki', sv: 'Bötom' },
  { code: '232', fi: 'Kauhajoki', sv: 'Kauhajoki' },
  { code: '233', fi: 'Kauhava', sv: 'Kauhava' },
  { code: '300', fi: 'Kuortane', sv: 'Kuortane' },
  { code: '301', fi: 'Kurikka', sv: 'Kurikka' },
  { code: '403', fi: 'Lappajärvi', sv: 'Lappajärvi' },
  { code: '408', fi: 'Lapua', sv: 'Lappo' },
  { code: '743', fi: 'Seinäjoki', sv: 'Seinäjoki' },
  { code: '759', fi: 'Soini', sv: 'Soini' },
  { code: '846', fi: 'Teuva', sv: 'Östermark' },
  { code: '934', fi: 'Vimpeli', sv: 'Vindala' },
  { code: '989', fi: 'Ähtäri', sv: 'Etseri' },
];

export const DEMO_REGIONS: { code: string; fi: string; sv: string; en: string; municipalities: string[]; familyLine: string }[] = [
  {
    code: 'seinajoki_isokyro', fi: 'Seinäjoki ja Isokyrö', sv: 'Seinäjoki och Storkyro', en: 'Seinäjoki and Isokyrö',
    municipalities: ['743', '151'], familyLine: '050 344 8443',
  },
  {
    code: 'suupohja_kurikka_ilmajoki', fi: 'Suupohja, Kurikka ja Ilmajoki', sv: 'Sydösterbotten, Kurikka och Ilmola', en: 'Suupohja, Kurikka and Ilmajoki',
    municipalities: ['232', '846', '218', '099', '301', '145'], familyLine: '040 640 2436',
  },
  {
    code: 'lapua_kaksineuvoinen_jarvipohjanmaa_kuussote',
    fi: 'Lapua, Kaksineuvoinen, Järvi-Pohjanmaa ja KuusSote', sv: 'Lappo, Kaksineuvoinen, Järvi-Pohjanmaa och KuusSote', en: 'Lapua, Kaksineuvoinen, Järvi-Pohjanmaa and KuusSote',
    municipalities: ['408', '233', '052', '403', '005', '934', '010', '300', '759', '989'], familyLine: '040 352 3841',
  },
];

const weekdays9to11and13to15 = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opens: '09:00', closes: '11:00' },
  { weekday, opens: '13:00', closes: '15:00' },
]);
const weekdays8to16 = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '16:00' }));

export interface DemoLine {
  code: string;
  menuNumber: number | null;
  serviceArea: string | null;
  region: string | null;
  authorityOnly: boolean;
  phone: string;
  name: { fi: string; sv: string; en: string };
  slots: { weekday: number; opens: string; closes: string }[];
}

export const DEMO_LINES: DemoLine[] = [
  { code: 'working_age', menuNumber: 1, serviceArea: 'working_age', region: null, authorityOnly: false, phone: '06 0000 0100',
    name: { fi: 'Työikäisten sosiaalipalvelut ja toimeentulotuki', sv: 'Socialservice för personer i arbetsför ålder och utkomststöd', en: 'Working-age adults and income support' }, slots: weekdays9to11and13to15 },
  { code: 'older_people', menuNumber: 2, serviceArea: 'older_people', region: null, authorityOnly: false, phone: '06 0000 0100',
    name: { fi: 'Ikäihmisten palvelut', sv: 'Service för äldre', en: 'Services for older people' }, slots: weekdays9to11and13to15 },
  { code: 'disability', menuNumber: 3, serviceArea: 'disability', region: null, authorityOnly: false, phone: '06 0000 0100',
    name: { fi: 'Vammaispalvelut', sv: 'Handikappservice', en: 'Disability services' }, slots: weekdays9to11and13to15 },
  { code: 'families', menuNumber: 4, serviceArea: 'families', region: null, authorityOnly: false, phone: '06 0000 0100',
    name: { fi: 'Lasten, nuorten ja perheiden ohjaus', sv: 'Handledning för barn, unga och familjer', en: 'Children, young people and families' }, slots: weekdays9to11and13to15 },
  { code: 'authority', menuNumber: null, serviceArea: null, region: null, authorityOnly: true, phone: '06 0000 0199',
    name: { fi: 'Viranomaislinja', sv: 'Myndighetslinje', en: 'Authority line' }, slots: weekdays8to16 },
  ...DEMO_REGIONS.map((r) => ({
    code: `family_centre_${r.code}`, menuNumber: null, serviceArea: 'families', region: r.code, authorityOnly: false, phone: r.familyLine,
    name: { fi: `Perhekeskuksen asiakasohjaus: ${r.fi}`, sv: `Familjecentrets klienthandledning: ${r.sv}`, en: `Family centre guidance: ${r.en}` },
    slots: weekdays9to11and13to15,
  })),
];

export const DEMO_UNITS: { code: string; serviceArea: string; fi: string; sv: string; en: string }[] = [
  { code: 'adult_social_work', serviceArea: 'working_age', fi: 'Aikuissosiaalityö', sv: 'Socialt arbete för vuxna', en: 'Adult social work' },
  { code: 'disability_services', serviceArea: 'disability', fi: 'Vammaispalvelut', sv: 'Handikappservice', en: 'Disability services' },
  { code: 'older_people_services', serviceArea: 'older_people', fi: 'Ikäihmisten palvelut', sv: 'Service för äldre', en: "Older people's services" },
  { code: 'family_services', serviceArea: 'families', fi: 'Lapsiperheiden sosiaalipalvelut', sv: 'Socialservice för barnfamiljer', en: 'Family social services' },
  { code: 'child_welfare', serviceArea: 'families', fi: 'Lastensuojelu', sv: 'Barnskydd', en: 'Child welfare' },
  { code: 'mental_health_substance', serviceArea: 'mental_health_substance', fi: 'Mielenterveys- ja päihdepalvelut', sv: 'Mentalvårds- och missbrukartjänster', en: 'Mental health and substance services' },
  { code: 'health_centre', serviceArea: 'health', fi: 'Terveysasema', sv: 'Hälsocentral', en: 'Health centre' },
  { code: 'sosiaalipaivystys', serviceArea: 'working_age', fi: 'Sosiaalipäivystys', sv: 'Socialjour', en: 'Social emergency service' },
];

export const DEMO_PASSWORD = 'opastin-demo-2026';

export const DEMO_USERS: { username: string; displayName: string; roles: Role[]; units?: string[] }[] = [
  { username: 'ohjaaja', displayName: 'Olli Ohjaaja', roles: ['guidance_worker'] },
  { username: 'yksikko', displayName: 'Ulla Yksikkö', roles: ['unit_worker'], units: ['adult_social_work'] },
  { username: 'yksikko2', displayName: 'Yrjö Yksikkö', roles: ['unit_worker'], units: ['adult_social_work'] },
  { username: 'lastensuojelu', displayName: 'Liisa Lastensuojelu', roles: ['unit_worker'], units: ['child_welfare'] },
  { username: 'sospaivystys', displayName: 'Sanna Sosiaalipäivystys', roles: ['unit_worker'], units: ['sosiaalipaivystys'] },
  { username: 'paivystys', displayName: 'Pekka Päivystys', roles: ['ed_professional'] },
  { username: 'esihenkilo', displayName: 'Eeva Esihenkilö', roles: ['supervisor', 'guidance_worker'] },
  { username: 'toimittaja', displayName: 'Tiina Toimittaja', roles: ['catalogue_editor'] },
  { username: 'admin', displayName: 'Aaro Ylläpitäjä', roles: ['admin'] },
  /** the installation's platform administrator (creates counties); not an administrator of any county */
  { username: 'alusta', displayName: 'Alma Alusta', roles: ['platform_admin'] },
];

/** The demo county's chat (issue 16): weekdays 8–16 (Kymenlaakso's advice line's chat hours, seed 004), a few saved replies in each language. */
export const DEMO_CHAT: { slots: { weekday: number; opens: string; closes: string }[]; savedReplies: { lang: 'fi' | 'sv' | 'en'; title: string; body: string }[] } = {
  slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '16:00' })),
  savedReplies: [
    { lang: 'fi', title: 'Tervehdys', body: 'Hei, olen sosiaaliohjauksesta. Kerro rauhassa, mitä asiasi koskee.' },
    { lang: 'fi', title: 'Hetki', body: 'Kiitos, selvitän asiaa. Odotathan hetken.' },
    { lang: 'fi', title: 'Lopetus', body: 'Kiitos yhteydenotosta. Voit ottaa meihin yhteyttä uudelleen milloin tahansa.' },
    { lang: 'sv', title: 'Hälsning', body: 'Hej, jag arbetar med social handledning. Berätta i lugn och ro vad ärendet gäller.' },
    { lang: 'sv', title: 'Ett ögonblick', body: 'Tack, jag tar reda på saken. Vänta ett ögonblick.' },
    { lang: 'en', title: 'Greeting', body: 'Hello, I work in social services guidance. Tell me, in your own time, what it is about.' },
    { lang: 'en', title: 'One moment', body: 'Thank you, I am looking into it. Please wait a moment.' },
  ],
};
