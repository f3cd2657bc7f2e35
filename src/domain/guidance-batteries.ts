/**
 * The default question batteries of the first assessment (issue 17; seed 003 "yhtenäinen
 * ensiarvio", "kysymyspatteristo, myös perheen tilanne"). Seeded as data into a new county's
 * `question_battery` rows, version 1, as the default code sets are: from then on the county edits
 * them (`POST /api/guidance/batteries` makes a new version) and the product never reads this file
 * again for that county. Answers are stored under the version they were given under.
 */
import type { Labels } from './codes.js';
import type { BatteryQuestion } from './guidance.js';

const l = (fi: string, sv: string, en: string): Labels => ({ fi, sv, en });
const yesNo = (key: string, label: Labels, section: Labels, flag?: BatteryQuestion['flag']): BatteryQuestion => ({ key, kind: 'yes_no', label, section, required: false, ...(flag ? { flag } : {}) });

const S = {
  wellbeing: l('Jaksaminen ja mieliala', 'Ork och sinnesstämning', 'Coping and mood'),
  people: l('Ihmissuhteet ja arki', 'Relationer och vardag', 'Relationships and daily life'),
  living: l('Asuminen ja toimeentulo', 'Boende och försörjning', 'Housing and income'),
  work: l('Työ, opiskelu ja terveys', 'Arbete, studier och hälsa', 'Work, study and health'),
  services: l('Palvelut nyt', 'Tjänster nu', 'Services now'),
  family: l('Perheen tilanne', 'Familjens situation', 'The family situation'),
};

export const DEFAULT_BATTERIES: { code: string; area: string; title: Labels; questions: BatteryQuestion[] }[] = [
  {
    code: 'first_assessment', area: 'general',
    title: l('Ensiarvio: koko tilanne', 'Första bedömning: hela situationen', 'First assessment: the whole situation'),
    questions: [
      { key: 'mood', kind: 'scale', section: S.wellbeing, required: true,
        label: l('Kuinka usein kahden viime viikon aikana mieliala on ollut maassa tai toivoton?', 'Hur ofta under de senaste två veckorna har du känt dig nedstämd eller hopplös?', 'In the last two weeks, how often have you felt down or hopeless?'),
        scale: { min: 0, max: 3, minLabel: l('Ei lainkaan', 'Inte alls', 'Not at all'), maxLabel: l('Lähes joka päivä', 'Nästan varje dag', 'Nearly every day') },
        flag: { code: 'low_mood', label: l('Mieliala matala', 'Låg sinnesstämning', 'Low mood'), atLeast: 2 } },
      { key: 'interest', kind: 'scale', section: S.wellbeing, required: true,
        label: l('Kuinka usein kahden viime viikon aikana sinulla on ollut vähän kiinnostusta tai mielihyvää asioihin?', 'Hur ofta under de senaste två veckorna har du haft lite intresse eller glädje av saker?', 'In the last two weeks, how often have you had little interest or pleasure in doing things?'),
        scale: { min: 0, max: 3, minLabel: l('Ei lainkaan', 'Inte alls', 'Not at all'), maxLabel: l('Lähes joka päivä', 'Nästan varje dag', 'Nearly every day') },
        flag: { code: 'low_mood', label: l('Mieliala matala', 'Låg sinnesstämning', 'Low mood'), atLeast: 2 } },
      yesNo('alone', l('Oletko viime aikoina ollut enimmäkseen yksin, ilman ketään jolle puhua?', 'Har du på sistone mest varit ensam, utan någon att prata med?', 'Have you lately been mostly alone, with no one to talk to?'), S.people,
        { code: 'isolation', label: l('Yksinäisyys, eristäytyminen', 'Ensamhet, isolering', 'Loneliness, isolation'), whenYes: true }),
      yesNo('daily_life', l('Onko arjen asioista (ruoka, siivous, asiointi) vaikea selviytyä?', 'Är det svårt att klara vardagen (mat, städning, ärenden)?', 'Is it hard to manage daily life (food, cleaning, errands)?'), S.people,
        { code: 'daily_life', label: l('Arjessa selviytyminen', 'Att klara vardagen', 'Managing daily life'), whenYes: true }),
      { key: 'housing', kind: 'choice', section: S.living, required: false,
        label: l('Asuminen', 'Boende', 'Housing'),
        options: [
          { value: 'own_or_rented', label: l('Oma tai vuokra-asunto', 'Egen eller hyrd bostad', 'Own or rented home') },
          { value: 'eviction_threat', label: l('Häätö uhkaa', 'Hot om vräkning', 'Threat of eviction') },
          { value: 'no_home', label: l('Ei asuntoa', 'Ingen bostad', 'No home') },
          { value: 'other', label: l('Muu', 'Annat', 'Other') },
        ],
        flag: { code: 'housing_at_risk', label: l('Asuminen uhattuna', 'Boendet hotat', 'Housing at risk'), values: ['eviction_threat', 'no_home'] } },
      yesNo('money', l('Onko rahat riittäneet välttämättömään (vuokra, ruoka, lääkkeet)?', 'Har pengarna räckt till det nödvändiga (hyra, mat, mediciner)?', 'Has the money been enough for essentials (rent, food, medicines)?'), S.living),
      yesNo('unpaid_bills', l('Onko maksamattomia laskuja tai velkoja, jotka huolestuttavat?', 'Finns det obetalda räkningar eller skulder som oroar?', 'Are there unpaid bills or debts that worry you?'), S.living,
        { code: 'debts', label: l('Velat, maksamattomat laskut', 'Skulder, obetalda räkningar', 'Debts, unpaid bills'), whenYes: true }),
      { key: 'work', kind: 'choice', section: S.work, required: false,
        label: l('Työ tai opiskelu nyt', 'Arbete eller studier nu', 'Work or study now'),
        options: [
          { value: 'working', label: l('Töissä', 'I arbete', 'Working') },
          { value: 'studying', label: l('Opiskelee', 'Studerar', 'Studying') },
          { value: 'unemployed', label: l('Työtön', 'Arbetslös', 'Unemployed') },
          { value: 'sick_leave', label: l('Sairauslomalla tai kuntoutuksessa', 'Sjukskriven eller i rehabilitering', 'On sick leave or in rehabilitation') },
          { value: 'retired', label: l('Eläkkeellä', 'Pensionär', 'Retired') },
        ],
        flag: { code: 'out_of_work', label: l('Työn ulkopuolella', 'Utanför arbetslivet', 'Out of work'), values: ['unemployed', 'sick_leave'] } },
      yesNo('health', l('Haittaako terveys tai sairaus arkea tai työkykyä?', 'Hindrar hälsan eller en sjukdom vardagen eller arbetsförmågan?', 'Does health or an illness get in the way of daily life or work?'), S.work,
        { code: 'health_limits', label: l('Terveys rajoittaa', 'Hälsan begränsar', 'Health limits daily life'), whenYes: true }),
      yesNo('substances', l('Onko alkoholin, lääkkeiden, huumeiden tai rahapelien käyttö huolestuttanut sinua tai läheisiäsi?', 'Har bruket av alkohol, läkemedel, droger eller penningspel oroat dig eller dina närstående?', 'Has use of alcohol, medicines, drugs or gambling worried you or those close to you?'), S.work,
        { code: 'substance_concern', label: l('Huoli päihteistä tai pelaamisesta', 'Oro för rusmedel eller spel', 'Concern about substances or gambling'), trigger: 'addiction_suspected', whenYes: true }),
      { key: 'services_in_use', kind: 'multi', section: S.services, required: false,
        label: l('Mitä palveluja on käytössä nyt?', 'Vilka tjänster används nu?', 'Which services are in use now?'),
        options: [
          { value: 'social_work', label: l('Sosiaalityö', 'Socialt arbete', 'Social work') },
          { value: 'health_centre', label: l('Terveysasema', 'Hälsocentral', 'Health centre') },
          { value: 'mental_health', label: l('Mielenterveyspalvelut', 'Mentalvårdstjänster', 'Mental health services') },
          { value: 'employment_services', label: l('Työllisyyspalvelut', 'Sysselsättningstjänster', 'Employment services') },
          { value: 'kela', label: l('Kela', 'FPA', 'Kela') },
          { value: 'ngo', label: l('Järjestö tai seurakunta', 'Organisation eller församling', 'NGO or parish') },
          { value: 'none', label: l('Ei mitään', 'Inga', 'None') },
        ] },
      yesNo('help_not_enough', l('Tuntuuko, ettei nykyinen apu riitä?', 'Känns det som att den nuvarande hjälpen inte räcker?', 'Does it feel that the help so far is not enough?'), S.services,
        { code: 'help_not_enough', label: l('Apu ei riitä', 'Hjälpen räcker inte', 'Help not enough'), trigger: 'concern_not_enough', whenYes: true }),
      { key: 'own_words', kind: 'text', section: S.services, required: false,
        label: l('Mikä on nyt tärkeintä? (henkilön omin sanoin)', 'Vad är viktigast nu? (med personens egna ord)', 'What matters most now? (in the person\'s own words)') },
    ],
  },
  {
    code: 'family', area: 'family',
    title: l('Perheen tilanne', 'Familjens situation', 'The family situation'),
    questions: [
      { key: 'children', kind: 'choice', section: S.family, required: true,
        label: l('Asuuko taloudessa alaikäisiä lapsia?', 'Bor det minderåriga barn i hushållet?', 'Do children under 18 live in the household?'),
        options: [
          { value: 'none', label: l('Ei', 'Nej', 'No') },
          { value: 'under_school', label: l('Alle kouluikäisiä', 'Under skolåldern', 'Under school age') },
          { value: 'school', label: l('Kouluikäisiä', 'Skolåldern', 'School age') },
          { value: 'both', label: l('Molempia', 'Båda', 'Both') },
        ] },
      yesNo('child_worry', l('Onko huolta lapsen hyvinvoinnista tai turvallisuudesta?', 'Finns det oro för barnets välbefinnande eller säkerhet?', 'Is there concern about a child\'s wellbeing or safety?'), S.family,
        { code: 'child_concern', label: l('Huoli lapsesta', 'Oro för barnet', 'Concern about a child'), whenYes: true }),
      yesNo('parent_coping', l('Onko vanhemman jaksaminen koetuksella?', 'Är förälderns ork hårt prövad?', 'Is the parent\'s coping under strain?'), S.family,
        { code: 'parent_coping', label: l('Vanhemman jaksaminen', 'Förälderns ork', 'Parent\'s coping'), whenYes: true }),
      yesNo('conflict', l('Onko perheessä riitoja, eroa tai väkivaltaa?', 'Förekommer gräl, skilsmässa eller våld i familjen?', 'Are there conflicts, separation or violence in the family?'), S.family,
        { code: 'family_conflict', label: l('Perheen ristiriidat', 'Konflikter i familjen', 'Family conflict'), whenYes: true }),
      yesNo('support_network', l('Onko perheellä läheisiä, jotka auttavat arjessa?', 'Har familjen närstående som hjälper i vardagen?', 'Does the family have people close to them who help in daily life?'), S.family),
    ],
  },
  {
    code: 'working_age', area: 'working_age',
    title: l('Työikäisen tilanne', 'Situationen för en person i arbetsför ålder', 'A working-age adult\'s situation'),
    questions: [
      yesNo('employment_office', l('Onko yhteys työllisyyspalveluihin katkennut?', 'Har kontakten med sysselsättningstjänsterna brutits?', 'Has contact with employment services been lost?'), S.work,
        { code: 'employment_contact_lost', label: l('Yhteys työllisyyspalveluihin katkennut', 'Kontakt med sysselsättningstjänster bruten', 'Lost contact with employment services'), whenYes: true }),
      yesNo('benefit_lost', l('Onko etuus (esim. työmarkkinatuki) katkennut tai evätty?', 'Har en förmån (t.ex. arbetsmarknadsstöd) upphört eller avslagits?', 'Has a benefit (e.g. labour market subsidy) stopped or been refused?'), S.living,
        { code: 'benefit_lost', label: l('Etuus katkennut', 'Förmån upphört', 'Benefit stopped'), whenYes: true }),
      yesNo('transport', l('Onko kulkeminen palveluihin vaikeaa (ei autoa, huonot yhteydet)?', 'Är det svårt att ta sig till tjänsterna (ingen bil, dåliga förbindelser)?', 'Is getting to services hard (no car, poor transport)?'), S.people,
        { code: 'transport', label: l('Kulkeminen vaikeaa', 'Svårt att ta sig fram', 'Transport is hard'), whenYes: true }),
      yesNo('work_ability', l('Onko työkyvyn arviota tehty viimeisen vuoden aikana?', 'Har arbetsförmågan bedömts under det senaste året?', 'Has work ability been assessed in the last year?'), S.work),
      yesNo('rehabilitative_work', l('Kiinnostaako kuntouttava työtoiminta tai muu arjen sisältö?', 'Intresserar arbetsverksamhet i rehabiliteringssyfte eller annat innehåll i vardagen?', 'Is rehabilitative work or other daily activity of interest?'), S.work),
    ],
  },
];
