/**
 * The triage lexicons: curated, per language, written as word beginnings (stems) so that Finnish
 * and Swedish inflection matches ("itsemur" → itsemurha, itsemurhaa, itsemurhasta). A pattern is
 * a list of parts that must all occur; a part lists alternatives with "|"; a part with spaces is
 * a run of adjacent words; "$" ends an exact word ("son$" is not "sonic"); a pattern whose first
 * part starts with "~" is weak (half weight: a word like "child" alone says little). Kept as data so that a county (and a reviewer) can read and extend it.
 */
export type Lang = 'fi' | 'sv' | 'en';
export type Pattern = string[];

/** Acute situations (domain § 5 path F): the UI shows the emergency numbers first. Detected by acute.ts (vocabulary in acute-lexicon.ts). */
export const ACUTE_REASON_CODES = ['suicide', 'violence_now', 'child_danger', 'no_shelter_tonight', 'medical_emergency', 'left_without_care', 'fall_cannot_get_up'] as const;
export type AcuteReason = (typeof ACUTE_REASON_CODES)[number];
/** Why a contact is acute: the resident's danger-now answer, a worker's mark, or a detector category. */
export const CONTACT_ACUTE_REASONS = ['danger_now', 'worker', ...ACUTE_REASON_CODES] as const;

/** Reason codes (codes.md) and the words that suggest them. */
export const REASONS: Record<string, Record<Lang, Pattern[]>> = {
  income: {
    fi: [['raha|rahat|rahaa|rahani'], ['velk|velat|velaton'], ['toimeentulo'], ['laskut|laskuja|laskun|lasku'], ['vuokra', 'maks|rästi|ei ole varaa|en pysty'], ['ruoka|ruokaan|ruokaa', 'ei ole varaa|ei riitä|loppu|rahaa'], ['ulosotto|ulosott'], ['pikavippi|pikavipp|luotto|maksuhäiriö'], ['köyh']],
    sv: [['pengar|pengarna'], ['skuld'], ['utkomststöd'], ['räkning'], ['hyran', 'betala|har inte råd'], ['mat', 'har inte råd|räcker inte'], ['utsök'], ['snabblån|kredit|betalningsanmärkning']],
    en: [['money'], ['debt'], ['income support|social assistance'], ['bills|bill'], ['rent', 'pay|afford'], ['food', 'afford|enough'], ['enforcement|bailiff'], ['payday loan|credit']],
  },
  housing: {
    fi: [['asun|asunno|asunto|asumi'], ['häätö|häädet|häädön|häätää'], ['vuokranantaja|vuokrasopimus|vuokra-asun|vuokrasuhde'], ['kodittom|asunnoton|koditon'], ['nukun ulkona|sohvalla kaverilla|ei kotia']],
    sv: [['bostad|boende|lägenhet|hyres'], ['vräk'], ['hyresvärd|hyresavtal'], ['hemlös|bostadslös']],
    en: [['housing|apartment|flat'], ['evict'], ['landlord|lease|tenancy'], ['homeless|no home']],
  },
  employment_education: {
    fi: [['työtön|työttö|työpaik|työnhak|töitä|työtä'], ['opiske|koulutu|opinto|koulu kesken|keskeytt'], ['kuntouttava työtoim|te-toimisto|työkkäri']],
    sv: [['arbetslös|jobb|arbete'], ['studier|studera|utbildning']],
    en: [['unemploy|job$|jobs$|work$|working$'], ['studies|study|education']],
  },
  health_functioning: {
    fi: [['sairau|sairas|sairastu'], ['kipu|kipuja|kipeä'], ['lääkär|lääkkeet|lääkkeitä'], ['työkyky|toimintakyk'], ['muistisairau|dementia|muisti']],
    sv: [['sjuk'], ['smärta|ont'], ['läkare|medicin'], ['arbetsförmåga|funktionsförmåga'], ['minnessjuk|demens|minnet']],
    en: [['ill|illness|sick'], ['pain'], ['doctor|medication|medicine'], ['dementia|memory']],
  },
  mental_health: {
    fi: [['terapi|psykolog|kriisiapu|raskasta'], ['masenn|masentu'], ['ahdist'], ['jaksa|jaksami|uupu|uupun'], ['mielenterv|psyyk'], ['paniikki|paniikkikohtau'], ['yksin en jaksa|en jaksa enää'], ['itsemur|itsetuho|kuolla']],
    sv: [['depression|deprimerad|nedstämd'], ['ångest'], ['orkar inte|utmatt|utbränd'], ['psykisk'], ['panik'], ['självmord']],
    en: [['depress'], ['anxi'], ['exhaust|burn out|burnout|cope|coping'], ['mental health'], ['panic'], ['suicid|want to die']],
  },
  substance_use: {
    fi: [['alkoholi|alkoholis|viina|juomi|juo liikaa|juopot|humala|kännissä|juo joka päivä'], ['huume|huumei|amfetamiini|kannabis|pilveä|opioid|subutex'], ['päihte|päihde|päihtei'], ['rahapel|peliriippuv|pelaa|pelaamis|kasino|vedonly'], ['riippuvu|addikt']],
    sv: [['alkohol|dricker|berusad|full'], ['droger|narkotika|cannabis|amfetamin'], ['missbruk|rusmedel'], ['spel|spelberoende|kasino'], ['beroende']],
    en: [['alcohol|drinking|drunk|drinks'], ['drugs|cannabis|amphetamine|opioid'], ['substance|addict'], ['gambling|betting|casino'], ['addiction']],
  },
  loneliness_participation: {
    fi: [['yksinä|ei ystäviä|ei ole ketään|ei kenenkään kanssa'], ['~yksin'], ['vertaistu|vapaaehtois|harrastu|kerho|seuraa']],
    sv: [['ensam'], ['vänner|sällskap|kamratstöd|frivillig']],
    en: [['lonely|loneliness|no friends|isolated'], ['~alone'], ['peer support|volunteer|company|club']],
  },
  family_relationships: {
    fi: [['ero|eron|eroamassa|erota|eronnut|avioero'], ['~parisuhte|puoliso|mieheni|vaimo|kumppani'], ['huoltajuu|tapaamisoikeu|tapaamis|lähivanhem|elatus'], ['riitel|riita']],
    sv: [['skilsmässa|skiljas|separation'], ['~parförhållande|make$|maken|fru$|frun|partner'], ['vårdnad|umgänge|underhåll'], ['bråk']],
    en: [['divorce|separat|break up'], ['~relationship|husband|wife|partner'], ['custody|visitation|child contact|child support'], ['argu|fight']],
  },
  child_concern: {
    fi: [['~lapsi|lapse|lapset|lasta|lapsen|lapsia|lapsem|vauva|taapero|teini|nuori|nuoren|poika|poikani|tyttö|tyttäre|tytär'], ['koulu|koulukiusa|kiusat|luvattomi|poissaolo'], ['lastensuojelu'], ['kasvatu|raivoaa|karkailee|karkaa']],
    sv: [['~barn|barnet|barnen|tonåring|son$|sonen|dotter|dottern|bebis'], ['skolan|mobbning|frånvaro'], ['barnskydd'], ['uppfostran|rymmer']],
    en: [['~child|children|kid$|kids$|son$|daughter|teen|teenager|baby'], ['school|bullied|bullying|truant'], ['child welfare|child protection'], ['parenting|runs away']],
  },
  violence_safety: {
    fi: [['väkival|lyö|löi|hakkaa|pahoinpit|potki|kurist|uhkail|pelkään|vainoa|vainoaa|riehu|heitti minua|käsiksi|kimppuun'], ['lähisuhdeväki|perheväkival'], ['turvakoti|turvaton']],
    sv: [['våld|slår|slog|misshandl|hotar|hotade|rädd|förföljer'], ['skyddshem|otrygg']],
    en: [['violence|violent|hit|hitting|beat|abuse|threat|afraid|stalking|stalk'], ['shelter|unsafe']],
  },
  ageing_home_care: {
    fi: [['turvapuhelin|turvapuhelim|turvaranneke|turvarannekk'], ['~kaatu'], ['vanhus|vanhuk|ikäänty|ikäihmi|iäkäs|isoäiti|isoisä|mummo|mummu|pappa|eläkeläi'], ['kotihoi|kotipalvel|omaishoi|palveluasu|hoivako'], ['äiti|isä|äitini|isäni', 'vanha|vanhene|kotona pärjää|ei pärjää|muisti|yksin kotona']],
    sv: [['trygghetstelefon|trygghetslarm'], ['~ramla|föll'], ['äldre|åldring|mormor|farmor|morfar|farfar|pensionär'], ['hemvård|hemtjänst|närståendevård|serviceboende'], ['mamma|pappa', 'klarar sig inte|gammal|minnet']],
    en: [['safety alarm|personal alarm'], ['~fell|fallen'], ['elderly|older|old age|ageing|aging|grandmother|grandfather|grandma|grandpa|pensioner'], ['home care|carer|caregiver|care home|assisted living'], ['mother|father|mum|dad', 'old|cannot cope|can\'t cope|memory']],
  },
  disability_support: {
    fi: [['vamma|vammai|vammainen|kehitysvamm|liikuntavamm|näkövamm|kuulovamm|autis|adhd'], ['apuväli|pyörätuoli|rollaattori'], ['kuljetuspalvel|henkilökohtai'], ['asunnon muutostyö']],
    sv: [['funktionsnedsätt|funktionshinder|handikapp|utvecklingsstörning|autism'], ['hjälpmedel|rullstol|rollator'], ['färdtjänst|personlig assistans']],
    en: [['disab|wheelchair|autism|adhd|learning disability'], ['aids|mobility aid|walker'], ['transport service|personal assistan']],
  },
  immigration_integration: {
    fi: [['maahanmuut|pakolai|turvapaik|oleskelulupa|kotoutu|suomen kieli|tulkki|tulkin']],
    sv: [['invandr|flykting|asyl|uppehållstillstånd|integration|tolk']],
    en: [['immigra|refugee|asylum|residence permit|integration|interpreter|moved to finland']],
  },
  benefits_applications: {
    fi: [['kela|kelan|kelalta|kelaan'], ['hakemus|hakemuks|hakea|täyttää lomake|lomakkee'], ['asumistu|sairauspäiväraha|työttömyysturva|eläke|lapsilisä|etuu|tuki|tukea|tukia']],
    sv: [['fpa'], ['ansökan|ansöka|blankett'], ['bostadsbidrag|sjukdagpenning|arbetslöshetsersättning|pension|förmån|stöd']],
    en: [['kela'], ['~application|apply|form$'], ['allowance|benefit|pension']],
  },
  existing_client: {
    fi: [['oma työntekijä|omatyöntekijä|sosiaalityöntekijäni|työntekijäni|päätöksen|päätös|valitus|oikaisuvaati|asiani tila|hakemukseni']],
    sv: [['min socialarbetare|beslut|besvär|mitt ärende']],
    en: [['my social worker|my caseworker|decision|appeal|my application']],
  },
};

/** What an acute situation also says about the matter (its reason, at a high weight). */
export const ACUTE_REASONS: Record<AcuteReason, string> = {
  suicide: 'mental_health', violence_now: 'violence_safety', child_danger: 'child_concern', fall_cannot_get_up: 'ageing_home_care', no_shelter_tonight: 'housing',
  medical_emergency: 'health_functioning', left_without_care: 'ageing_home_care',
};

/** Service areas a reason points to (the same defaults as the form's topics). */
export const REASON_AREAS: Record<string, string[]> = {
  income: ['working_age'], housing: ['working_age'], employment_education: ['working_age'], benefits_applications: ['working_age'],
  mental_health: ['mental_health_substance'], substance_use: ['mental_health_substance'], child_concern: ['families'], family_relationships: ['families'],
  ageing_home_care: ['older_people'], disability_support: ['disability'], health_functioning: ['health'], immigration_integration: ['working_age'],
};
