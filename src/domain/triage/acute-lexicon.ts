/**
 * The acute detector's vocabulary (acute.ts): CONCEPTS in fi, sv and en, and RULES that combine
 * them. Terms are folded like the text (ä→a, ö→o, å→a, lower case): write them with their letters,
 * the loader folds them. "stem*" matches any word beginning with stem (regular inflection:
 * "itsemurh*" → itsemurha, itsemurhaa, itsemurhasta); a term without * is one exact word form
 * (irregular forms are listed: löi, lyönyt, hakkas, viilsi); a term with spaces is a run of
 * adjacent words. Spoken Finnish (mä, mua, mun, ei oo, lukinnu) and Finland-Swedish are listed as
 * forms of their own.
 *
 * Kept as data so that a county (and a reviewer) can read and extend it: adding a word to a
 * concept extends every rule that uses the concept.
 */
export type AcuteCategory = 'suicide' | 'violence_now' | 'child_danger' | 'no_shelter_tonight' | 'medical_emergency' | 'left_without_care' | 'fall_cannot_get_up';
type ByLang = { fi: string[]; sv: string[]; en: string[] };

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** "3 vuotias", "3-åring", "3 year old", "3v", "3yo": how ages are written. */
const ages = (from: number, to: number): ByLang => ({
  fi: range(from, to).flatMap((n) => [`${n} vuotia*`, `${n} v`, `${n}v`, `${n} vuoden`, `${n} vee`]),
  sv: range(from, to).flatMap((n) => [`${n} aring*`, `${n} ar`, `${n} år`, `${n} åriga`]),
  en: range(from, to).flatMap((n) => [`${n} year old`, `${n} years old`, `${n} yr old`, `${n} yo`, `${n}yo`, `${n} yrs`, `${n} month old`, `${n} months old`]),
});

export const ACUTE_CONCEPTS: Record<string, ByLang> = {
  // ——— suicide and self-harm ———
  suicide_word: {
    fi: ['itsemurh*', 'itsari*', 'itari', 'itsetuho*', 'suisid*', 'itsensätappa*', 'lopettaa kaik*', 'lopetan kaik*', 'lopettaa tän kaik*', 'lopetan tän kaik*', 'lopettaa tämän kaik*', 'lopetan tämän kaik*', 'lopettaa elämä*', 'lopetan elämä*', 'lopettaa tän', 'lopetan tän', 'päättää elämä*', 'päätän elämä*', 'päättäny lopettaa', 'päättänyt lopettaa', 'teen lopun', 'tehdä loppu', 'omin ehdoin', 'en ole täällä enää', 'en oo täällä enää', 'mua ei oo enää', 'minua ei ole enää', 'minusta ei tarvitse', 'ei tarvitse enää huolehtia', 'ei tarvii enää huolehtia', 'viimeinen viestini', 'viimeinen viikko', 'ainoa vaihtoehto', 'ainoalta vaihtoehdolta', 'ainoa ulospääsy', 'syytä elää', 'syytä jatkaa', 'järkeä elää', 'järkee elää', 'järkeä jatkaa', 'mitään järkeä enää', 'pakoputke*', 'junarata*', 'junaradalle', 'raiteille', 'kuolema tuntuu', 'en koskaan herätä', 'enkä koskaan herää', 'ei koskaan herää', 'ostanut jo tarvittavat', 'ostanu jo tarvittavat', 'tarvittavat välineet', 'kirjoittanut kirjeet', 'kirjotin jo viestit', 'kirjoitin jo viestit', 'kirjoittanu kirjeet', 'poistin somet', 'testamentin', 'en näe huomista', 'lopett* kaik*', 'lopet* tän kaik*', 'lopet* tämän kaik*', 'ettei satu', 'ettei sattuis', 'ettei sattuisi', 'kivuttomasti', 'viillel*', 'viillot*', 'pois tästä maailmasta', 'pois päiviltä', 'päivät päätökseen', 'väsynyt elämään', 'kyllästynyt elämään', 'elämään kyllästynyt', 'haluan pois', 'haluun pois', 'haluisin pois', 'haluaisin pois', 'nukkua ikuisesti', 'ikuiseen uneen', 'nukahtaa ikuisesti', 'en halua olla täällä', 'en haluu olla täällä', 'en halua jatkaa', 'en haluu jatkaa', 'kukaan ei kaipaisi', 'kukaan ei kaipais', 'ei kukaan kaipaa', 'kukaan ei huomaisi', 'katoaisin', 'katoan pysyvästi', 'lopullinen ratkaisu', 'lopullisesti pois', 'tuska loppuu', 'tuskan loppumaan', 'saada tämä loppumaan', 'saada tää loppumaan', 'tappava annos', 'kuolettava annos', 'tappavan annoksen', 'montako tablettia', 'paljonko unilääk*', 'ammun itseni', 'ampua itseni', 'hukutan itseni', 'hukuttaa itseni', 'kävelen järveen', 'jäihin', 'ostin köyden', 'hirttoköy*', 'hirttäytyä', 'jätän kirjeen', 'kuolla pois', 'kuolen pois', 'en ole enää', 'en oo enää', 'minua ei ole huomenna', 'enää aamua', 'näe aamua', 'aamuun asti', 'ei jaksa aamuun', 'hyppäsin', 'hyppäämään', 'ajaa puuhun', 'ajan puuhun', 'ajaa rekan', 'rekan eteen', 'junan eteen', 'hyvästiviesti*', 'unalive*', 'itsari*'],
    sv: ['självmord*', 'suicid*', 'ta livet av*', 'tar livet av*', 'tog livet av*', 'ta mitt liv', 'ta mitt eget liv', 'ta sitt liv', 'tar mitt liv', 'göra slut på mig', 'göra slut på allt', 'göra slut på livet', 'gör slut på mig', 'gör slut på allt', 'avsluta livet', 'avsluta mitt liv', 'avsluta allt', 'självskad*', 'vill dö', 'vill bara dö', 'ville dö', 'önskar att jag var död', 'önskar jag var död', 'vill vara död', 'inget att leva för', 'inget mer att leva för', 'ingenting att leva för', 'ingen idé längre', 'inte någon idé längre', 'ingen mening längre', 'ingen mening med livet', 'klarar det inte längre', 'klarar inte längre', 'orkar inte en dag till', 'orkar inte mer', 'orkar inte längre', 'göra slut på det', 'gör slut på det', 'sagt hejdå', 'säga hejdå', 'ge bort mina', 'gett bort mina', 'ger bort mina', 'ett rep', 'repet', 'jaktgevär*', 'köra in i en', 'rösterna säger', 'ta mitt liv', 'inte vakna', 'aldrig vakna', 'somna och aldrig', 'smärtfritt', 'utan att det gör ont', 'vill försvinna', 'försvinna för alltid', 'sova för alltid', 'somna in för alltid', 'somna för alltid', 'inte vakna mer', 'slippa leva', 'få det att ta slut', 'smärtan att ta slut', 'ta slut på mig', 'ingen skulle sakna mig', 'ingen saknar mig', 'ingen skulle märka', 'dödlig dos', 'hur många tabletter', 'skjuta mig', 'dränka mig', 'gå ut i sjön', 'köpt ett rep', 'ett rep', 'snaran', 'sista gången', 'klarar inte en dag', 'se morgondagen', 'inte finnas mer', 'trött på livet', 'trött på att leva'],
    en: ['suicid*', 'kms', 'end my life', 'end it all', 'ending it all', 'end it tonight', 'end things', 'ending things', 'end my own life', 'take my own life', 'take my life', 'taking my life', 'take her own life', 'take his own life', 'take their own life', 'end her life', 'end his life', 'want to die', 'wanna die', 'wanted to die', 'wish i was dead', 'wish i were dead', 'better off dead', 'rather be dead', 'ready to die', 'self harm*', 'selfharm*', 'unalive*', 'end* my life', 'end* it all', 'end* things', 'end* my own life', 'tak* my own life', 'tak* my life', 'ending it', 'end it', 'dont see the point', 'no point anymore', 'no point living', 'no point in living', 'no point going on', 'nothing to live for', 'nothing left to live for', 'stockpil*', 'written a note', 'wrote a note', 'left a note', 'wrote everyone letters', 'written letters', 'wrote my will', 'saying goodbye', 'say goodbye', 'said goodbye', 'lived long enough', 'never wake up', 'not wake up', 'lethal', 'fatal dose', 'jump in front', 'wont be around', 'be around next week', 'sorting his affairs', 'sorting my affairs', 'sorting her affairs', 'wont need it anymore', 'wont need them anymore', 'give away my', 'gave away my', 'giving away my', 'razor', 'the voices', 'voices keep telling', 'telling me to end', 'im done with life', 'done with life', 'cant do this anymore', 'cant take it anymore', 'cant go on', 'kill myself', 'killing myself', 'painlessly', 'without it hurting', 'better off without him', 'better off without her', 'better off without them', 'the hose', 'hose from', 'disappear forever', 'sleep forever', 'go to sleep forever', 'make it stop', 'make the pain stop', 'the pain to stop', 'end the pain', 'no way out', 'nobody would miss me', 'no one would miss me', 'nobody would notice', 'noone would miss', 'lethal dose', 'how many pills', 'shoot myself', 'drown myself', 'walk into the sea', 'walk into the lake', 'bought a rope', 'a rope', 'noose', 'final goodbye', 'last goodbye', 'gone by morning', 'see the morning', 'last night on earth', 'give up on life', 'given up on life', 'giving up on life', 'tired of living', 'tired of life', 'sick of living', 'not worth living', 'life isnt worth', 'no longer be a burden', 'not be a burden', 'want to disappear', 'want it all to end', 'want it to end', 'wish i could disappear', 'wish i wasnt alive', 'wish i was never born', 'sewerslide', 'sewer slide', 'kys', 'painless way'],
  },
  kill: {
    fi: ['tappaa', 'tappaisin', 'tappais*', 'tapan', 'tapat', 'tappaa*', 'tappamaan', 'tappamalla', 'tappoi', 'tappo', 'tappanut', 'tappanu', 'tapetaan', 'tapoin', 'tapettu', 'tappavansa', 'tappaakseen', 'tapettava*'],
    sv: ['döda', 'dödar', 'dödade', 'dödat', 'ihjäl'],
    en: ['kill', 'kills', 'killing', 'killed', 'murder*'],
  },
  reflexive: {
    fi: ['itse*', 'itte*', 'ite*', 'ittes', 'itses'],
    sv: ['mig själv', 'sig själv', 'dig själv', 'själv'],
    en: ['myself', 'herself', 'himself', 'themselves', 'themself', 'yourself', 'myslef', 'meself'],
  },
  want: {
    fi: ['haluan', 'haluun', 'halua*', 'haluu*', 'haluis*', 'toivon', 'toivoisin', 'toivois*', 'kunpa', 'kumpa', 'aion', 'aikoo', 'aikovan*', 'meinaan', 'meinaa', 'mietin', 'mietiny*', 'miettiny*', 'miettinyt', 'ajattelen', 'ajatellu*', 'suunnittel*', 'suunnitelm*', 'parempi', 'pitäis', 'ois', 'olis', 'olisi'],
    sv: ['vill', 'ville', 'önskar', 'tänker', 'funderar', 'funderat', 'planerar', 'planer*', 'tänkt'],
    en: ['want', 'wanna', 'wish', 'going to', 'gonna', 'plan*', 'thinking', 'thought about', 'rather'],
  },
  die_fi: {
    fi: ['kuolla', 'kuolen', 'kuolisin', 'kuolis', 'kuollu', 'kuollut', 'kuolleena', 'kuolemaan', 'kuolema', 'kuoleman', 'pois täältä', 'lähteä täältä', 'nukkua pois', 'nukahtaa pois', 'nukahtaisin pois'],
    sv: ['dö', 'död', 'döden'],
    en: ['die', 'dead', 'dying'],
  },
  negation: {
    fi: ['en', 'ei', 'enkä', 'eikä', 'enää'],
    sv: ['inte', 'int', 'ej', 'inget', 'ingen'],
    en: ['dont', 'do not', 'not', 'cant', 'cannot', 'no', 'never', 'nothing', 'no reason'],
  },
  can_want: {
    fi: ['halua', 'haluu', 'halua*', 'jaksa', 'jaksa*', 'kestä', 'kestä*', 'pysty', 'syytä', 'mitään syytä', 'mitään järkeä', 'järkeä'],
    sv: ['vill', 'orkar', 'ork*', 'klarar', 'mening', 'anledning', 'någon mening'],
    en: ['want', 'wanna', 'see a reason', 'reason', 'point', 'go on', 'carry on', 'keep going', 'take it', 'do this'],
  },
  live: {
    fi: ['elää', 'elämään', 'elämää', 'elää enää', 'herätä', 'herätä enää', 'heräis', 'heräisi', 'herää aamulla', 'olla olemassa', 'olemassa', 'jatkaa tätä', 'jatkaa elämää', 'jatkaa enää', 'elossa', 'hengissä'],
    sv: ['leva', 'lever', 'livet', 'vakna', 'vaknar', 'finnas', 'finnas kvar', 'vara kvar', 'fortsätta leva', 'leva längre'],
    en: ['live', 'living', 'alive', 'wake up', 'exist', 'be here', 'be around', 'go on', 'carry on', 'keep going', 'to live for', 'living for'],
  },
  better_without_me: {
    fi: ['parempi ilman minua', 'parempi ilman mua', 'parempi ilman minuu', 'parempi ilman mua', 'paremmin ilman minua', 'paremmin ilman mua', 'parempi jos en olisi', 'parempi jos en olis', 'parempi jos en ois', 'parempi jos mua ei', 'parempi jos minua ei', 'taakka kaikille', 'taakaksi kaikille'],
    sv: ['bättre utan mig', 'bättre om jag inte fanns', 'bättre om jag var borta', 'bättre om jag försvann', 'en börda för alla'],
    en: ['better off without me', 'better without me', 'better if i wasnt here', 'better if i was gone', 'better if i wasnt around', 'better if i were gone', 'burden to everyone', 'burden on everyone'],
  },
  farewell: {
    fi: ['hyvästi*', 'hyvästit', 'sanoi hyvästit', 'sano hyvästit', 'sanoa hyvästit', 'viestit kaikille', 'kirjeet lapsilleni', 'kirjeet kaikille', 'jäähyväis*', 'hyvästel*', 'anteeksi kaikille', 'anteeks kaikille', 'sori kaikille', 'pitäkää huolta', 'en ole enää huomenna', 'en oo enää huomenna', 'huomenna en ole', 'en näe huomista'],
    sv: ['farväl', 'avskedsbrev*', 'förlåt alla', 'adjö', 'hejdå för alltid', 'sista meddelande*', 'finns inte i morgon', 'inte kvar i morgon', 'hejdå till', 'säga hejdå', 'sagt hejdå', 'skrivit brev', 'skrivit ett brev', 'brev till'],
    en: ['goodbye', 'farewell', 'suicide note', 'last message', 'wont be here tomorrow', 'not be here tomorrow', 'wont be around', 'sorry everyone', 'sorry to everyone', 'goodbye to', 'saying goodbye', 'letters to', 'wrote letters', 'written letters', 'a note'],
  },
  method_self: {
    fi: ['hirttä*', 'hirttäy*', 'hirteen', 'köyden', 'köysi', 'viiltel*', 'viillän', 'viillin', 'viilsin', 'viilsi', 'viilletty', 'viiltää', 'viiltoja', 'viiltojälj*', 'ranteet auki', 'ranteet', 'ranteeni', 'ranteisiin', 'junan alle', 'auton alle', 'rekan alle', 'sillalta', 'katolta', 'parvekkeelta alas', 'ikkunasta alas', 'satutan itse*', 'satuttaa itse*', 'satutin itse*', 'satutin itte*', 'satutan itte*', 'vahingoit* itse*', 'vahingoit* itte*', 'teen itselleni jotain', 'teen ittelleni jotain', 'tehdä itselleni jotain', 'tehdä ittelleni jotain', 'tekee itselleen jotain', 'tekee ittelleen jotain', 'tehnyt itselleen jotain', 'poltan itseäni', 'poltin itseäni', 'käskee satuttaa', 'käskee tappaa', 'käskee hypätä', 'viilsin taas', 'viiltelin taas'],
    sv: ['hänga mig', 'hänga sig', 'hängde sig', 'skär mig', 'skar mig', 'skära mig', 'skära sig', 'skär sig', 'skar sig', 'skada mig själv', 'skadar mig själv', 'skadat mig själv', 'skadar sig själv', 'framför tåget', 'under tåget', 'från bron', 'från taket', 'göra mig illa', 'gör mig illa', 'gjort mig illa', 'bränner mig', 'brände mig', 'säger åt mig att skada', 'skurit mig', 'skär mig igen'],
    en: ['hang myself', 'hanging myself', 'cut myself', 'cutting myself', 'cutting again', 'cut my wrists', 'slit my wrists', 'hurt myself', 'hurting myself', 'harm myself', 'harming myself', 'in front of a train', 'off a bridge', 'off the roof', 'jump off', 'throw myself', 'burning myself', 'burn myself', 'tells me to kill', 'telling me to kill', 'telling me to hurt', 'tells me to hurt'],
  },
  jump: {
    fi: ['hypätä', 'hyppään', 'hyppäisin', 'hyppäis', 'hyppäämään', 'hyppäsi', 'hypännyt'],
    sv: ['hoppa', 'hoppar', 'hoppade'],
    en: ['jump', 'jumping', 'jumped'],
  },
  pills: {
    fi: ['lääk*', 'pilleri*', 'pillerei*', 'pillereitä', 'pille*', 'tablet*', 'napp*', 'napit', 'unilääk*', 'särkylääk*', 'panadol*', 'burana*', 'parasetamol*', 'purkki*', 'purkin', 'purkillisen', 'kourallisen', 'levyn', 'levyllisen', 'insuliini*', 'mielialalääk*', 'masennuslääk*', 'rauhoittav*', 'opamox*', 'diapam*', 'ketipinor*', 'lyrica*', 'quetiapin*', 'ketipinor*', 'sertralin*', 'esitalopram*', 'essitalopram*', 'mirtatsapiin*', 'ibuprofeen*', 'ibuprofen*', 'antidepres*', 'sydänlääk*', 'panacod*', 'tramadol*', 'oksikodon*', 'lääkkeitä', 'pillereitä', 'tabletteja', 'beetasalpaaj*', 'litium*', 'lääkeliusk*'],
    sv: ['tablett*', 'piller', 'pillren', 'medicin*', 'sömntablett*', 'sömnmedel', 'alvedon*', 'panodil*', 'burk*', 'burken', 'kartan', 'kartor', 'värktablett*', 'lugnande', 'antidepressiv*', 'hjärttablett*', 'mediciner', 'tabletterna'],
    en: ['pills', 'pill', 'tablets', 'meds', 'medication*', 'medicine*', 'sleeping pills', 'paracetamol', 'tylenol', 'painkillers', 'bottle', 'pack', 'quetiapine', 'seroquel', 'sertraline', 'ibuprofen', 'antidepressants', 'my meds', 'my pills', 'pills'],
  },
  take_many: {
    fi: ['otin kaikki', 'otin koko', 'otin paljon', 'otin liikaa', 'vedin kaikki', 'vedin koko', 'vetäsin kaikki', 'vetäsin koko', 'vetäisin kaikki', 'vedän kaikki', 'otan kaikki', 'nielin', 'nielaisin', 'nielasin', 'söin kaikki', 'söin koko', 'syön kaikki', 'kaikki lääkkeet', 'kaikki pillerit', 'kaikki tabletit', 'koko purkin', 'koko paketin', 'koko levyn', 'koko purkillisen', 'koko pussin', 'kourallisen', 'ison kasan', 'kasan', 'otti kaikki', 'otti koko', 'vetäs kaikki', 'vetäs koko', 'veti kaikki', 'veti koko', 'nieli', 'vedin kaks', 'vedin kolme', 'otin kaks', 'otin kolme', 'otin ekstra*', 'otin tuplat', 'otin ylimäär*', 'vedin ekstra*', 'kaks levyä', 'kaks purkkia', 'koko levy', 'kaikki mun', 'kaikki mitä', 'kerralla', 'ottanut kaikki', 'ottanu kaikki'],
    sv: ['tog alla', 'tagit alla', 'tog hela', 'tagit hela', 'svalde', 'svalt', 'hel burk', 'en hel burk', 'hela burken', 'hela kartan', 'en näve', 'massa', 'alla tabletter', 'alla piller', 'ta alla', 'tar alla', 'svalt alla', 'svalde alla', 'alla mina', 'tar ja alla', 'tar jag alla', 'på en gång'],
    en: ['took all', 'taken all', 'take all', 'took the whole', 'took a whole', 'swallowed', 'whole bottle', 'whole pack', 'handful', 'bunch of', 'lots of', 'all my', 'a lot of', 'took all my', 'taken all my', 'swallowed all', 'took a bunch', 'took loads', 'took lots', 'at once', 'all at once'],
  },
  stockpile: {
    fi: ['keränny*', 'kerännyt', 'kerännyt', 'säästänyt', 'säästäny', 'hamstrannu*', 'hamstrannut', 'kerään', 'säästän'],
    sv: ['samlat', 'samlar', 'sparat', 'sparar'],
    en: ['stockpil*', 'saving up', 'saved up', 'collected', 'collecting', 'hoarding', 'hoarded'],
  },
  swallowed: {
    fi: ['nielasi', 'nieli', 'nielaisi', 'söi', 'joi', 'maistoi', 'pani suuhun', 'laittoi suuhun'],
    sv: ['svalde', 'svalt', 'ätit', 'åt', 'drack', 'druckit'],
    en: ['swallowed', 'ate', 'eaten', 'drank', 'got into'],
  },
  high_place: {
    fi: ['sillalla', 'sillalle', 'sillan kaiteella', 'katolla', 'katolle', 'parvekkeella', 'parvekkeen kaiteella', 'kaiteella', 'raiteilla', 'radalla', 'laiturilla', 'kalliolla', 'jyrkänteellä', 'kaiteen väärällä puolella', 'kaiteen ulkopuolella'],
    sv: ['på bron', 'vid bron', 'på taket', 'på balkongen', 'på räcket', 'vid spåret', 'på spåret', 'på perrongen', 'uppe på taket', 'fel sida av räcket'],
    en: ['on the bridge', 'on the roof', 'on a bridge', 'on a roof', 'on the ledge', 'on the railing', 'on the tracks', 'on the platform edge', 'roof of the', 'wrong side of', 'the railing', 'balcony railing'],
  },
  now_marker: {
    fi: ['nyt', 'tänään', 'just nyt', 'juuri nyt', 'tällä hetkellä', 'jo', 'puol tuntia', 'puoli tuntia', 'tunnin', 'tänä yönä', 'tänä iltana'],
    sv: ['nu', 'just nu', 'en halvtimme', 'en timme', 'i natt', 'ikväll'],
    en: ['now', 'rn', 'right now', 'tonight', 'for an hour', 'half an hour'],
  },
  sudden: {
    fi: ['yhtäkkiä', 'äkkiä', 'äkillisesti', 'äkisti', 'yllättäen'],
    sv: ['plötsligt', 'hastigt', 'helt plötsligt'],
    en: ['suddenly', 'all of a sudden', 'out of nowhere'],
  },
  confusion: {
    fi: ['sekava*', 'sekaisin', 'tunnista', 'tunnistanut', 'harhai*', 'puhuu sekavia', 'ei tiedä missä'],
    sv: ['förvirrad*', 'känner inte igen', 'vet inte var', 'yrar'],
    en: ['confused', 'doesnt recognise', 'doesnt recognize', 'disoriented', 'doesnt know where'],
  },
  despair: {
    fi: ['en jaksa enää', 'en jaksa enää mitään', 'en kestä enää', 'en kestä tätä', 'en kestä tätä enää', 'toivoton', 'toivottomuus', 'toivotonta', 'ei toivoa', 'ei mitään toivoa', 'en näe valoa', 'ei ole tulevaisuutta', 'ei tulevaisuutta', 'kaikki on turhaa', 'ihan turhaa', 'olen taakka', 'oon taakka', 'kaikki on ohi', 'elämä on ohi', 'ihan lopussa', 'täysin lopussa', 'aivan lopussa', 'loppu kaikesta', 'pimeys', 'pimeää', 'ei mitään merkitystä', 'ei ole väliä', 'ei oo väliä', 'ihan sama mitä tapahtuu', 'iha sama', 'en jaksa tätä', 'menetin kaiken', 'menettäny kaiken', 'ei oo enää mitään', 'ei ole enää mitään', 'mitään tehtävää täällä', 'miks mun pitäis jatkaa', 'miksi jatkaisin'],
    sv: ['orkar inte mer', 'orkar inte längre', 'klarar inte mer', 'hopplöst', 'ingen framtid', 'ingen utväg', 'allt är meningslöst', 'meningslöst', 'jag är en börda', 'allt är slut', 'helt slut', 'slutkörd', 'spelar ingen roll', 'kvittar vad som händer', 'förlorat allt', 'inget kvar för mig', 'varför fortsätta'],
    en: ['cant cope anymore', 'cant cope', 'cant take this', 'hopeless', 'no hope', 'no future', 'nothing matters', 'pointless', 'im a burden', 'i am a burden', 'everything is over', 'at the end of my rope', 'at the end of my tether', 'cant do this', 'done with everything', 'doesnt matter anymore', 'dont care what happens', 'tired of fighting', 'im done', 'lost everything', 'nothing left for me', 'why should i go on', 'why go on'],
  },
  // ——— cue groups (two distinct groups near each other make a text acute; see CUE_PAIRS) ———
  cue_death: {
    fi: ['kuolla', 'kuolen', 'kuolisin', 'kuolis', 'hävitä', 'häviän', 'hävitä pois', 'kadota', 'katoan', 'katoaisin', 'pois täältä', 'päästä pois', 'pääsis pois', 'pääsisi pois', 'pääsen pois', 'lähteä pois', 'lähden pois', 'tehdä sen', 'teen sen', 'tee sen', 'herää enää', 'herää ikinä', 'tappava*', 'kuolettava*', 'hengiltä', 'ei enää herää', 'nukkua pois', 'sammua', 'hyppää', 'hypätä', 'astua alas', 'toisella puolella', 'kuolema', 'kuolemaa', 'kuolemasta', 'kuollut olisin', 'loppumaan', 'loppuu nyt', 'lopettaa tän', 'lopettaa tämän', 'lopetan tän', 'toisessa elämässä', 'seuraavassa elämässä', 'minne on menossa', 'minne olen menossa', 'ei herätä', 'tein sen', 'tein sen jo', 'teen sen tänään', 'kun en ole enää', 'kun mua ei oo', 'kohta on ohi', 'hiljaista kohta', 'lakkaa tuntemasta'],
    sv: ['dö', 'dödlig*', 'död', 'försvinna', 'försvinner', 'slippa vakna', 'somna in', 'sova bort', 'få gå', 'ta slut', 'tar slut', 'sluta leva', 'göra det', 'gör det', 'för gott', 'slut på allt', 'hoppa', 'kliva av', 'andra sidan', 'nästa liv', 'dit jag ska', 'gjorde det', 'gjort det', 'inte finns längre', 'inte finns', 'det blir tyst', 'blir tyst snart', 'är över snart'],
    en: ['die', 'dying', 'dead', 'lethal', 'fatal', 'disappear', 'vanish', 'gone', 'end it', 'end this', 'make it stop', 'not wake up', 'never wake', 'go to sleep', 'pass away', 'do it', 'for good', 'be over', 'step off', 'stepping off', 'jump', 'the other side', 'finish things', 'finish it', 'the end of it', 'not being here', 'be here next week', 'not be here', 'next life', 'where im going', 'did it', 'done it', 'when im gone', 'when im not around', 'be quiet soon', 'be over soon', 'stop feeling', 'dont wake up', 'not wake'],
  },
  cue_means: {
    fi: ['lääk*', 'pilleri*', 'tablet*', 'unilääk*', 'särkylääk*', 'panadol*', 'parasetamol*', 'burana*', 'dosett*', 'köy*', 'naru*', 'hirt*', 'silta*', 'sillalla', 'sillalle', 'sillalta', 'juna*', 'raite*', 'katolla', 'katolta', 'parveke*', 'kivääri*', 'haulikko*', 'ase', 'aseen', 'aseella', 'pyssy*', 'partaterä*', 'terä*', 'veitsi', 'veitsen', 'puukko', 'moottori käy', 'moottori käynnissä', 'pakoputk*', 'letku', 'häkä*', 'auto* käy', 'jäihin', 'avanto*', 'järveen', 'mereen', 'laiturilla', 'rekan', 'rekka*', 'metsästyskivääri*', 'metsästysase*', 'muovipussi*', 'varmin tapa', 'autotalli*', 'jäälle', 'metsään', 'pakkasella ilman takkia', 'kone käy', 'kone on käyny', 'tallissa', 'orre*', 'orressa', 'patruun*', 'ammuks*', 'beetasalpaaj*', 'litium*', 'viadukt*', 'tavarajuna*', 'oksikodon*', 'xanor*'],
    sv: ['tablett*', 'piller', 'medicin*', 'sömnmedel', 'panodil*', 'alvedon*', 'rep', 'repet', 'snara*', 'bron', 'bro', 'tåget', 'spåret', 'taket', 'balkong*', 'gevär*', 'bössa*', 'bössan', 'pistol*', 'vapen', 'rakblad*', 'kniv*', 'motorn är igång', 'motorn går', 'avgas*', 'slang*', 'kajen', 'vattnet', 'sjön', 'isen', 'långtradare', 'hjärttablett*', 'plastpåse*', 'säkraste sättet', 'garaget', 'ut på isen', 'skogen', 'patroner', 'ammunition', 'tåg*', 'viadukt*', 'godståg', 'motorn igång', 'taket'],
    en: ['pills', 'tablets', 'meds', 'medication', 'paracetamol', 'tylenol', 'rope', 'noose', 'bridge', 'train', 'tracks', 'roof', 'ledge', 'gun', 'rifle', 'shotgun', 'pistol', 'razor', 'blade*', 'knife', 'engine running', 'exhaust', 'hose', 'river', 'lake', 'sea', 'truck', 'lorry', 'plastic bag*', 'surest way', 'garage', 'train times', 'railway', 'onto the ice', 'into the woods', 'ammo', 'ammunition', 'bullets', 'viaduct', 'freight train', 'blister pack*', 'oxycodone', 'xanax', 'whisky', 'harbour', 'harbor'],
  },
  cue_decision: {
    fi: ['päättäny*', 'päättänyt', 'päätös on tehty', 'päätin', 'päätöksen', 'suunnitel*', 'tiedän miten', 'tiedän kyllä miten', 'oon miettiny miten', 'miten sen teen', 'miten sen tekis*', 'varmin tapa', 'annoin * pois', 'antanut pois', 'jakanut tavaroitaan', 'jakoi tavaroitaan', 'annoin kissan', 'annoin koiran', 'antoi koiran', 'tyhjensin', 'siivosin kämpän', 'kirjeet', 'kirjotin', 'kirjoitin kirjeen', 'lapun', 'lappu', 'testamentt*', 'hyvästi*', 'tahallaan', 'irtisanoin', 'poistin', 'selvitetty', 'hoidettu valmiiksi', 'asiat järjestykseen', 'paperit järjestykseen', 'etsiny netistä', 'etsinyt netistä', 'googlannut', 'kysyn itseäni varten', 'anteeks', 'anteeksi', 'kenenkään etsiä', 'tarvi etsiä', 'tarvitse etsiä', 'googlasin', 'siivonnu*', 'siivonnut', 'kirjottanu kirjeet', 'kirjoittanut kirjeet', 'järjestyksestä', 'kaiken järjestyksessä', 'asiat on hoidettu', 'paperit on pöydällä', 'hoidettu', 'hoitanut kaikki asiat', 'avaimet', 'avain on', 'lompakko*', 'kaikki on valmiina', 'valmiina', 'rohkeutta', 'kellonaika', 'vein vaatteet', 'maksoin velat', 'antoi pois', 'antanut', 'ruokkikaa', 'kiitos kaikesta', 'katsomassa paikkaa', 'päätökse*', 'tein päätöksen', 'laskenu pillerit', 'laskin pillerit', 'tarkistanut ehdot', 'tehnyt valintani', 'tein valintani', 'selvitin', 'katsoin aikataulu*', 'kaikesta avusta', 'varmistakaa että'],
    sv: ['bestämt', 'bestämt mig', 'beslutet', 'vet hur jag ska', 'vet hur', 'planerat', 'plan', 'gett bort', 'ger bort', 'gav bort', 'sagt upp', 'brev', 'en lapp', 'lappen', 'avsked*', 'förlåt', 'med flit', 'ordnat', 'gäller mig själv', 'för egen del', 'sökt på nätet', 'gömt', 'samlat', 'städat', 'städade', 'nycklarna', 'nyckeln', 'allt är klart', 'klart', 'mod', 'tack för allt', 'betalat tillbaka', 'gett bort', 'mata katten', 'tittade på platsen', 'bäddat rent', 'vattnat blommorna', 'lagt fram', 'schemalagt', 'kollat upp', 'gjort mitt val', 'mitt val', 'bestämt mig', 'googlat'],
    en: ['decided', 'my mind is made up', 'made up my mind', 'planned', 'planning', 'know how', 'know exactly how', 'gave away', 'giving away', 'given away', 'cancelled', 'deleted', 'letters', 'a note', 'note saying', 'goodbye', 'on purpose', 'sorted out', 'my affairs', 'my papers', 'for myself', 'googled', 'searched online', 'hidden', 'saved up', 'sorry', 'to say sorry', 'google', 'sorted out my things', 'my things', 'cleaned the flat', 'cleaned my flat', 'the keys', 'key is under', 'everything is ready', 'all set', 'courage', 'thank you for everything', 'paid back', 'feed the', 'checked the place', 'counted the pills', 'checked the policy', 'scheduled', 'made my peace', 'taking care of things', 'informing someone', 'made my choice', 'make sure my', 'found a way', 'checked the'],
  },
  cue_finality: {
    fi: ['viimeinen', 'viimenen', 'viimeistä', 'viimeisen', 'ikinä', 'koskaan', 'huomista', 'huomisen', 'aamuun', 'maanantain jälkeen', 'perjantain jälkeen', 'viikonlopun jälkeen', 'ei tarvi etsiä', 'ei tarvitse etsiä', 'älkää etsikö', 'ei enää väliä', 'ei ole enää väliä', 'ei oo enää väliä', 'tämän yön jälkeen', 'ei ole teidän vika', 'ei oo teidän vika', 'ei oo sun vika', 'ei ole sinun vikasi', 'ei tarvitse enää vastata', 'ei tarvi enää vastata', 'tulla hakemaan', 'tämä oli nyt tässä', 'ei kannata enää soitella', 'niin minäkin', 'lakkaa toimimasta', 'vielä kaksi päivää', 'vielä päivä', 'ei tule takaisin', 'sen vika', 'hänen vikansa', 'ei oo sun vika'],
    sv: ['sista', 'för alltid', 'aldrig mer', 'i morgon', 'efter fredag', 'efter helgen', 'behöver jag inte', 'spelar ingen roll längre', 'inte längre', 'leta inte', 'efter i natt', 'inte ert fel', 'inte ditt fel', 'behöver inte svara', 'kommer inte tillbaka', 'det var det', 'ring inte mer', 'två dagar kvar'],
    en: ['last', 'forever', 'never again', 'anymore', 'after friday', 'after the weekend', 'wont need', 'doesnt matter anymore', 'dont look for me', 'no longer', 'after tonight', 'not your fault', 'won t be able to', 'wont be able to', 'no need to reply', 'not coming back', 'that was it', 'dont call me', 'two more days', 'not her fault', 'not his fault', 'thanks for nothing', 'see ya', 'see you', 'no need to reply'],
  },
  cue_burden: {
    fi: ['taakka*', 'taakaksi', 'riesana', 'riesa*', 'vaivaksi', 'kenenkään riesa*', 'helpompaa kaikille', 'helpompi kaikille', 'parempi kaikille', 'ilman minua', 'ilman mua', 'kukaan ei kaipaa', 'kukaan ei tarvi', 'kukaan ei tarvitse', 'murehtia minusta', 'huolehtia minusta', 'murehtimaan', 'vaivaa ketään', 'vaivaa kenenkään', 'kuka huomais', 'kukaan ei huomais', 'kukaan ei huomaisi', 'pärjää paremmin', 'vakuutusraha*', 'henkivakuutu*'],
    sv: ['börda', 'till besvär', 'besvär', 'lättare för alla', 'bättre för alla', 'utan mig', 'ingen behöver mig', 'ingen saknar', 'oroa sig för mig', 'oroa er för mig', 'besvärar ingen', 'ingen skulle märka', 'klarar sig bättre', 'livförsäkring*', 'ingen kommer sakna', 'ingen kommer att sakna', 'ingen saknar mig'],
    en: ['burden', 'in the way', 'easier for everyone', 'better for everyone', 'without me', 'nobody needs me', 'no one needs me', 'nobody would miss', 'worry about me', 'bother anyone', 'nobody would notice', 'be better off', 'life insurance', 'insurance money', 'no one will miss', 'nobody will miss', 'wont notice theyre gone'],
  },
  cue_self_voice: {
    fi: ['ääni käskee', 'äänet käskee', 'ääni joka käskee', 'äänet sanoo', 'ääni sanoo', 'pää sanoo', 'käskee satuttaa', 'satuttaa itte*', 'satuttaa itse*', 'itelleni', 'itselleni', 'itseäni varten'],
    sv: ['rösterna', 'rösten säger', 'säger åt mig', 'till mig själv', 'skada mig'],
    en: ['the voices', 'a voice', 'voices tell', 'telling me to', 'tells me to', 'hurt myself', 'to myself'],
  },
  // violence
  cue_fear: {
    fi: ['pelottaa', 'pelkään', 'pelkää', 'peloissani', 'kauhuissani', 'en uskalla', 'ei uskalla', 'hätä', 'paniikissa', 'hädissäni', 'turvakoti*', 'lähestymiskielto*'],
    sv: ['rädd', 'livrädd', 'vågar inte', 'törs inte', 'panik', 'skyddshem*', 'kontaktförbud*'],
    en: ['scared', 'afraid', 'terrified', 'frightened', 'dont dare', 'panicking', 'panic', 'womens shelter', 'safe house', 'restraining order'],
  },
  cue_presence: {
    fi: ['on täällä', 'on tääl', 'on kotona', 'viereisessä huoneessa', 'toisessa huoneessa', 'olohuoneessa', 'asuu meillä', 'asuu samassa', 'tulee kohta', 'tulee takas', 'tulee takaisin', 'palaa kohta', 'odottaa', 'parkkipaikalla', 'pihalla', 'oven takana', 'kuulee', 'se kuulee', 'en voi puhua', 'ei saa tietää', 'salaa', 'vielä asunnossa', 'yhä asunnossa', 'kotona vielä', 'talon edessä', 'tulee kotiin', 'tulee töistä kotiin', 'tulee tänä iltana', 'tietävät osoitteen', 'tietää osoitteen', 'odottaa siellä', 'rappukäytävässä'],
    sv: ['är här', 'är hemma', 'i rummet bredvid', 'kommer in snart', 'kommer snart', 'kommer tillbaka', 'väntar', 'utanför', 'hör mig', 'kan inte prata', 'får inte veta', 'i smyg', 'kvar i lägenheten', 'kommer hem', 'utanför huset', 'kommer i kväll', 'vet adressen', 'trapphuset'],
    en: ['is here', 'is home', 'in the next room', 'in the other room', 'coming back', 'will be back', 'waiting outside', 'outside', 'can hear', 'cant talk', 'cant speak', 'will hear', 'secretly', 'still in the apartment', 'still in the flat', 'comes home', 'outside the house', 'coming tonight', 'know the address', 'stairwell', 'in our stairwell', 'comes back at night'],
  },
  cue_outcry: {
    fi: ['lopeta', 'lopettakaa', 'auttakaa', 'apua', 'hätä'],
    sv: ['sluta', 'hjälp', 'hjälp mig'],
    en: ['stop', 'help me', 'help'],
  },
  cue_noise: {
    fi: ['huutoa', 'huutaa', 'huusi', 'huutaminen', 'kirkuu', 'kirkumista', 'kolinaa', 'kolina', 'mätkettä', 'pamahdus', 'rysähdys', 'paiskomista', 'itkee ja huutaa'],
    sv: ['skrik', 'skriker', 'skrek', 'dunsar', 'duns', 'smällar', 'skrän', 'vrål'],
    en: ['screaming', 'screams', 'yelling', 'shouting', 'banging', 'crashing', 'thuds', 'thud'],
  },
  locked_car: {
    fi: ['lukitussa autossa', 'lukittuun autoon', 'kuumassa autossa', 'autoon yksin', 'yksin autossa'],
    sv: ['låst bil', 'låsta bilen', 'i en låst', 'varm bil', 'ensam i bilen'],
    en: ['locked car', 'hot car', 'alone in the car', 'alone in a car', 'in a parked car'],
  },
  cue_harm_act: {
    fi: ['työnsi', 'tönäs', 'heitti', 'tarttui', 'tarttu', 'kurkusta', 'kaulasta', 'satuttanu', 'satuttanut', 'satutti', 'polttaa', 'poltti', 'palojälki', 'palojälkiä', 'potkas', 'läimäs', 'löi', 'hakkas', 'en nää huomista', 'et nää huomista', 'mustelm*', 'verta', 'vuotaa', 'voi sattua jotain', 'sattuu jotain', 'lukitsi oven', 'puristi', 'kaulassa', 'mursi', 'murtui', 'nenä verisenä', 'verisenä', 'vasara*', 'aseensa', 'ase kaapissa'],
    sv: ['knuffade', 'slog', 'slagit', 'tog tag', 'tog mig', 'halsen', 'skadat', 'skadade', 'brände', 'bränner', 'blåmärk*', 'blöder', 'blod', 'låst ytterdörren', 'låst dörren', 'något kan hända', 'kramade halsen', 'bröt', 'blodig näsa', 'hammare*'],
    en: ['pushed', 'shoved', 'grabbed', 'throat', 'hurt me', 'hurting me', 'burned', 'burns', 'bruises', 'bleeding', 'blood', 'locked the door', 'something will happen', 'something could happen', 'squeezed', 'broke my', 'bloody nose', 'hammer'],
  },
  cue_meta_writing: {
    fi: ['en tiedä miksi kirjoitan', 'en tiiä miks kirjotan', 'en tiiä miks laitan', 'kirjoitan tänne', 'kirjotan tänne', 'kirjotan tätä', 'kirjoitan tätä', 'halusin vaan et joku tietää', 'että joku tietää', 'et joku tietää', 'halusin vaan että', 'halusin vain että', 'virallinen taho tietää'],
    sv: ['vet inte varför jag skriver', 'skriver bara', 'skriver för att', 'så att nån vet', 'så att någon vet', 'ville bara att', 'ville bara säga'],
    en: ['dont know why im writing', 'idk why im', 'just writing', 'just wanted to type', 'just wanted someone to know', 'need someone to know', 'someone to know', 'just wanted you to know', 'wanted someone official', 'why im typing', 'know why im typing'],
  },
  cue_unreachable: {
    fi: ['ei vastaa puhelimeen', 'ei vastaa puheluihin', 'ei avaa ovea', 'tavottamattomissa', 'tavoittamattomissa', 'ei vastaa viesteihin', 'puhelin kiinni', 'puhelin on kiinni', 'ei oo kuulunu', 'ei ole kuulunut', 'puhelin jäi kotiin', 'jätti puhelimen'],
    sv: ['svarar inte i telefon', 'svarar inte', 'öppnar inte', 'går inte att nå', 'telefonen är avstängd', 'mobilen ligger kvar', 'telefonen ligger kvar'],
    en: ['not answering', 'not picking up', 'wont answer', 'wont open the door', 'unreachable', 'phone is off', 'phone off', 'left his phone', 'left her phone', 'isnt picking up'],
  },
  cue_not_seen: {
    fi: ['sanomalehti*', 'lehtiä', 'postit kasautu*', 'posti kasautu*', 'postilaatikko on täynnä', 'postilaatikko täynnä', 'ei ole näkynyt', 'ei oo näkyny', 'ei näkyny', 'oo näkyny', 'haukkunu', 'haukkunut', 'ulvonu', 'ulvonut', 'valot palaa', 'ovi on ollu lukossa', 'ovi on ollut lukossa', 'ei vastata', 'verhot', 'roskapussi*', 'seinän läpi'],
    sv: ['tidningar', 'posten har inte', 'har inte synts', 'inte synts', 'skäller', 'ylar', 'lamporna lyser', 'dörren har varit låst', 'öppnar inte dörren', 'ingen personal', 'har synts', 'hör honom hosta'],
    en: ['newspapers', 'mail piling', 'post piling', 'hasnt been seen', 'not been seen', 'barking', 'howling', 'lights on day and night', 'door has been locked', 'piling up', 'curtains', 'havent moved', 'rubbish outside', 'through the wall', 'calling hello'],
  },
  dose_question: {
    fi: ['paljonko', 'kuinka paljon', 'montako', 'kuinka monta', 'kuinka kauan', 'kauanko', 'mikä annos', 'kuinka korkealta', 'sattuuko'],
    sv: ['hur många', 'hur mycket', 'hur länge', 'vilken mängd', 'vilken dos', 'hur högt'],
    en: ['how many', 'how much', 'how long', 'what dose', 'what amount', 'would it take', 'does it hurt'],
  },
  lethal: {
    fi: ['liikaa', 'tappava*', 'kuolettava*', 'hengenvaaralli*', 'sydän pysähtyy', 'pysähtyy', 'tarpeeks', 'tarpeeksi', 'riittää', 'ettei enää herää', 'ettei herää', 'ettei tunne mitään', 'kivuton*'],
    sv: ['för mycket', 'dödlig*', 'dör man', 'räcker', 'stannar hjärtat', 'falla', 'måste man falla'],
    en: ['too much', 'lethal', 'fatal', 'to die', 'enough to', 'kill you', 'stop my heart', 'would it take', 'before you dont wake', 'before you stop', 'painless'],
  },
  weapon: {
    fi: ['ase', 'aseen', 'aseensa', 'aseet', 'aseita', 'kivääri*', 'haulikko*', 'pistooli*', 'puukko*', 'veitsi', 'veitsen', 'vasara*', 'kirve*', 'pesäpallomaila*'],
    sv: ['vapen', 'vapnet', 'gevär*', 'bössa*', 'pistol*', 'kniv*', 'yxa*', 'hammare*', 'basebollträ*'],
    en: ['gun', 'guns', 'rifle', 'shotgun', 'pistol', 'knife', 'knives', 'axe', 'hammer', 'bat'],
  },
  conditional_threat: {
    fi: ['jos lähden', 'jos mä lähden', 'jos kerron', 'jos kerrot', 'hoitaa asian', 'saat katua', 'kadut vielä', 'muuten'],
    sv: ['om jag lämnar', 'om du lämnar', 'om jag berättar', 'du ska få ångra'],
    en: ['if i leave', 'if you leave', 'if i tell', 'youll regret', 'or else'],
  },
  lying: {
    fi: ['makaa', 'makaa eteisessä', 'makaamassa', 'maannut', 'maanu', 'istuu lumessa', 'istun lumessa', 'makaan', 'makaan tässä'],
    sv: ['ligger', 'legat', 'sitter i snön'],
    en: ['lying', 'been lying', 'sitting in the snow'],
  },
  assault_sign: {
    fi: ['vieraassa asunnossa', 'ilman vaatteita', 'en muista mitään', 'jotain juomaan', 'heräsin'],
    sv: ['främmande lägenhet', 'utan kläder', 'minns ingenting', 'vaknade'],
    en: ['strangers place', 'stranger s place', 'without my clothes', 'dont remember anything', 'woke up'],
  },
  gang: {
    fi: ['jengi*', 'porukka uhkaa'],
    sv: ['gäng*', 'ligan'],
    en: ['gang', 'gangs'],
  },
  abduction: {
    fi: ['viedä lapset ulkomaille', 'vie lapset ulkomaille', 'viedä lapsen ulkomaille', 'kaappa*', 'haki ne päiväkodista luvatta', 'luvatta'],
    sv: ['ta barnen utomlands', 'kidnapp*', 'rövar*'],
    en: ['take the kids abroad', 'take the children abroad', 'kidnap*', 'abduct*'],
  },
  // medical
  cue_drowsy: {
    fi: ['unelias', 'uninen', 'nukahtelee', 'nukahteli', 'nukahtaa', 'ei pysy hereillä', 'vaikea herättää', 'tokkurainen', 'tokkura*', 'huimaa', 'huimata', 'uneliai*', 'vaikea saada hereille', 'ei pysy pystyssä'],
    sv: ['dåsig', 'sömnig', 'somnar hela tiden', 'svår att väcka', 'yr', 'svår att få vaken'],
    en: ['drowsy', 'sleepy', 'keeps falling asleep', 'hard to wake', 'dizzy', 'groggy', 'hard to wake up', 'cant stay awake'],
  },
  cue_body: {
    fi: ['harmaa*', 'kalpea', 'kalvas', 'sininen', 'siniset', 'hikoilee', 'kylmä hiki', 'hikinen', 'turpo*', 'turvo*', 'vinkuen', 'vinkuu', 'hengittää', 'hengitys', 'oksentaa', 'oksentelee', 'oksensi', 'niska jäykkä', 'niska on jäykkä', 'jäykkä niska', 'punasia pisteitä', 'punaisia pisteitä', 'ei tunne käsiään', 'ei tunne jalkojaan', 'tunnoton', 'päänsärky*', 'pahoinvointi*', 'kouristaa', 'tärisee', 'kuume*', 'rintaan', 'ei saa sanaa', 'sanat ei tule', 'puhe puuroutuu', 'yskii', 'yskä', 'puristaa', 'rinnassa', 'puutunu*', 'puutunut', 'hiki', 'vinoon', 'sössöttää', 'päätä särkee', 'haisee asetonilta', 'asetoni*', 'nokkosihottum*', 'käheä', 'kahvinporo*', 'pyörtyä', 'välähdyksiä', 'turvoksissa'],
    sv: ['grå', 'blek', 'blå', 'svettas', 'kallsvett*', 'svullnar', 'svullen', 'väser', 'andas', 'andningen', 'kräks', 'kräkts', 'stel nacke', 'nacken är stel', 'prickar', 'domnad', 'huvudvärk', 'illamående', 'darrar', 'feber', 'bröstet', 'får inte fram orden', 'hostar', 'trycker i bröstet', 'domnar', 'svett', 'sned', 'sluddrar', 'aceton', 'osammanhängande', 'mungipa*', 'hänger', 'kippar', 'blå'],
    en: ['grey', 'gray', 'pale', 'blue', 'sweating', 'cold sweat', 'swelling', 'swollen', 'wheezing', 'breathing', 'vomiting', 'throwing up', 'stiff neck', 'rash', 'spots', 'numb', 'headache', 'nausea', 'trembling', 'fever', 'chest', 'cant get words out', 'coughing', 'being sick', 'tight chest', 'chest tightness', 'tingling', 'sweat', 'lopsided', 'slurring', 'acetone', 'shaking', 'drenched', 'hives', 'hoarse', 'coffee grounds', 'pass out', 'faint', 'flashing lights', 'puffed up', 'spiders'],
  },
  cue_cause: {
    fi: ['löi päänsä', 'lyönyt päänsä', 'kaatui päälleen', 'pähkinä*', 'ampiai*', 'vahingossa syöny', 'vahingossa syönyt', 'syöny pillereitä', 'syönyt pillereitä', 'syöny lääkkeitä', 'nielaissut', 'häkävaroitin', 'häkä*', 'kaasu*', 'myrkky*', 'sieni*', 'pesuaine*', 'ajoi kolarin', 'kolaroi', 'astianpesu*', 'valkaisu*', 'outo haju', 'kaasuliesi', 'kyy*', 'käärme*', 'raskaana', 'äyriäi*', 'lopetti juomisen'],
    sv: ['slog huvudet', 'slagit huvudet', 'nötter', 'geting*', 'råkat äta', 'ätit tabletter', 'kolmonoxid', 'gas', 'gift*', 'svamp*', 'krock*', 'diskmedel', 'maskindiskmedel', 'klorin', 'konstig lukt', 'gasspis', 'huggorm*', 'orm*', 'gravid', 'skaldjur', 'slutade dricka'],
    en: ['die at home', 'live with my', 'live with him', 'live with her', 'where to turn', 'who to turn to', 'absolutely killing me', 'really killing me', 'killing me this week', 'last message on this matter', 'my last message on', 'dead on my feet', 'hit his head', 'hit her head', 'banged his head', 'banged her head', 'nuts', 'wasp', 'bee sting', 'accidentally ate', 'swallowed', 'carbon monoxide', 'gas', 'poison*', 'mushroom*', 'crash', 'dishwasher', 'detergent', 'bleach', 'strange smell', 'gas stove', 'adder', 'snake', 'pregnant', 'shellfish', 'binge', 'stopped drinking'],
  },
  // left without care
  cue_carer_gone: {
    fi: ['kuoli', 'kuollut', 'menehtyi', 'joutui sairaalaan', 'joutuu sairaalaan', 'joutuu leikkaukseen', 'sairaalassa', 'sairaalaan', 'vietiin', 'leikkaukseen', 'linnassa', 'vankilassa', 'kotiutettiin', 'kotiutettu', 'ilman ilmoitusta', 'kuka hoitaa', 'kuka hoitaa', 'kuka katsoo'],
    sv: ['dog', 'har dött', 'avled', 'på sjukhus', 'till sjukhus', 'fördes', 'opereras', 'i fängelse', 'skrevs ut', 'utskriven', 'vem tar hand om', 'opereras', 'måste opereras'],
    en: ['died', 'passed away', 'in hospital', 'to hospital', 'taken away', 'surgery', 'in prison', 'discharged', 'who will look after', 'who will care for', 'who looks after', 'emergency surgery', 'go in for'],
  },
  cue_cut_off: {
    fi: ['tie tukossa', 'tie on ollut tukossa', 'ei pääse apteekkiin', 'ei pääse kauppaan', 'kauppa-auto', 'dosetti on tyhjä', 'dosetti tyhjä', 'lääkkeet loppu*', 'ruoka loppu*', 'yksin asunnossa', 'yksin kotona', 'heikossa kunnossa', 'ei oo syöny', 'ei ole syönyt', 'maannut', 'maanu'],
    sv: ['vägen är stängd', 'kommer inte till apoteket', 'dosetten är tom', 'medicinerna är slut', 'maten är slut', 'ensam i lägenheten', 'ensam hemma', 'svag', 'inte ätit', 'legat'],
    en: ['road is blocked', 'cant get to the pharmacy', 'cant get to the shop', 'pill box is empty', 'out of medication', 'out of food', 'alone in the flat', 'alone at home', 'very weak', 'not eaten', 'been lying'],
  },
  // falls
  cue_down: {
    fi: ['lattialla', 'lattialle', 'lattialta', 'maassa', 'maahan', 'tippu', 'tippui', 'kompastuin', 'kompastui', 'kaaduin', 'kaatui', 'kaatunut', 'maanneensa', 'makaa', 'liukastuin', 'lipes', 'lipesi', 'valahti', 'valui', 'jumiin', 'kiilautu*'],
    sv: ['på golvet', 'på marken', 'ramlade', 'trillade', 'snubblade', 'föll', 'ligger', 'gled', 'sitter fast'],
    en: ['on the floor', 'on the ground', 'fell', 'tripped', 'slipped', 'lying', 'went down', 'slid off', 'wedged', 'slipped by'],
  },
  cue_cannot_rise: {
    fi: ['en voi nousta', 'ei voi nousta', 'jalat ei kanna', 'en saa jalkoja alle', 'ei saa jalkoja alle', 'en saa häntä', 'en saa sitä', 'en jaksa nostaa', 'en pysty liikkumaan', 'ei pysty liikkumaan', 'yrittäny nousta', 'yrittänyt nousta', 'en pääse', 'ei pääse', 'en uskalla liikkua', 'makaa yhä', 'edelleen lattialla', 'yhä lattialla', 'olen yhä', 'riitä nousemaan', 'voimat ei riitä', 'käsivoimat ei riitä', 'ei riitä nostaa', 'jumissa'],
    sv: ['kan inte resa', 'benen bär inte', 'kan inte stå', 'får inte upp', 'kan inte röra', 'försökt resa mig', 'kommer inte upp', 'ligger fortfarande', 'ligger kvar', 'orkar inte lyfta'],
    en: ['cant stand', 'legs wont hold', 'cant get up', 'cant get her up', 'cant get him up', 'cant move', 'tried to get up', 'unable to move', 'still on the floor', 'still lying', 'still here', 'not strong enough', 'push up', 'cant shift'],
  },

  // ——— violence ———
  hit: {
    fi: ['lyö', 'löi', 'löivät', 'lyönyt', 'lyöny', 'lyövät', 'lyödä', 'lyömään', 'lyömällä', 'lyönyt', 'lyödään', 'lyötiin', 'hakkaa', 'hakkas', 'hakkasi', 'hakannut', 'hakannu', 'hakkaamaan', 'hakkaavat', 'hakat*', 'hakkaus*', 'pahoinpit*', 'pahoinpidel*', 'potkii', 'potki', 'potkinut', 'potkas', 'potkaisi', 'potkittiin', 'kurist*', 'kuristi', 'kägist*', 'retuut*', 'tönii', 'tönäisi', 'tönäs', 'tuuppas*', 'paiskas*', 'paiskasi', 'paiskoi', 'heitti', 'raahas*', 'raahasi', 'läimäy*', 'läimä*', 'läpsäs*', 'läpsi', 'mukiloi*', 'runttas*', 'kävi kimppuun', 'kävi käsiksi', 'käy käsiksi', 'kimppuuni', 'kimppuun', 'kävi päälle', 'käy päälle', 'satuttaa', 'satutti', 'satuttanut', 'riehuu', 'riehuva', 'väkivaltainen', 'väkivaltaa', 'väkivalta*', 'puukot*', 'puukolla', 'veitsellä', 'veitsen', 'veitsi', 'aseella', 'ase', 'kirveen', 'kirveellä', 'vyöllä', 'nyrkillä', 'iski', 'iskee', 'vyöllä', 'vyön', 'jäljet', 'mustelm*', 'riepottel*', 'huitoo', 'huitoi', 'nyrkki*', 'turpaan', 'turpiin', 'pieksi', 'piesty', 'piestiin', 'hakattiin', 'ruhjo*', 'kolhi*', 'pahoinpidellään', 'pahoinpitelee', 'kurkusta kiinni', 'kuristusote', 'otti kurkusta', 'painoi kurkkua', 'tukehdutt*', 'uhkaa lyödä', 'heitteli', 'heittelee', 'paiskoo', 'ravisteli minua', 'purri', 'puri', 'repi', 'raastoi', 'läimäytti'],
    sv: ['slår', 'slog', 'slagit', 'slagen', 'slagits', 'misshandl*', 'sparkar', 'sparkade', 'sparkat', 'stryper', 'ströp', 'strypt', 'strypa', 'knuffade', 'knuffar', 'kastade mig', 'kastar saker', 'kastade saker', 'går lös på', 'gick lös på', 'ger sig på', 'gav sig på', 'örfil*', 'knivhugg*', 'knivhögg', 'kniv', 'kniven', 'vapen', 'pistol', 'våldsam', 'våld', 'skadar', 'skadade', 'bältet', 'märken', 'blåmärk*', 'slår ner', 'slog ner', 'puttade', 'knuffat', 'tog strypgrepp', 'tog mig om halsen', 'höll för munnen', 'drog mig i håret', 'bet mig', 'nypte', 'misshandlas'],
    en: ['hit', 'hits', 'hitting', 'beat', 'beats', 'beating', 'beaten', 'punch*', 'strangl*', 'choke', 'choked', 'choking', 'slap*', 'threw me', 'pushed me', 'shoved me', 'shove*', 'grabbed me', 'dragged me', 'stab*', 'knife', 'gun', 'attacked', 'attacking', 'assault*', 'hurt', 'hurts', 'hurting', 'violent', 'abusing', 'abused', 'kicked me', 'kicked her', 'kicked him', 'kicks me', 'kicking me', 'kick me', 'belt', 'belt marks', 'marks on', 'bruises', 'bruised', 'slammed me', 'threw me against', 'pinned me', 'held me down', 'twisted my arm', 'punched me', 'bit me', 'grabbed my throat', 'hands around my neck', 'by the throat', 'dragged me', 'slapped me', 'beat me up', 'beats me up', 'beating me up', 'knocked me'],
  },
  victim: {
    fi: ['mua', 'minua', 'minut', 'mut', 'minuu', 'mulle', 'minuun', 'mun', 'meitä', 'meidät', 'meiät', 'äitiä', 'äitii', 'äidin', 'mutsia', 'mutsii', 'isää', 'isää', 'faijaa', 'vaimoa', 'vaimoaan', 'vaimoansa', 'naista', 'naisen', 'miestä', 'tyttöystävää', 'tyttöystäväänsä', 'poikaystävää', 'siskoa', 'siskoani', 'veljeä', 'veljeäni', 'kaveria', 'kaveriani', 'ystävää', 'ystävääni', 'häntä', 'sitä', 'toista', 'toisiaan', 'naapuria', 'kämppistä', 'lasta', 'lapsia', 'lapsiaan', 'poikaa', 'tyttöä', 'päähän', 'naamaan', 'kasvoihin', 'vatsaan', 'kurkusta', 'kaulasta', 'tukasta', 'hiuksista', 'mummoa', 'vaaria', 'ukkia', 'sut', 'sua', 'sinut', 'sinua', 'teidät', 'teitä', 'jotakuta', 'joku', 'ketään', 'mua ja', 'mut ja', 'minut ja', 'lapsia'],
    sv: ['mig', 'oss', 'henne', 'honom', 'mamma', 'mamman', 'pappa', 'min fru', 'frun', 'min sambo', 'sambon', 'flickvän*', 'pojkvän*', 'syster', 'systern', 'bror', 'brodern', 'kompis*', 'grannen', 'någon', 'barnet', 'barnen', 'mormor', 'farmor', 'i ansiktet', 'i huvudet', 'halsen', 'dig', 'mig och barnen', 'barnen', 'mej', 'dej'],
    en: ['me', 'us', 'her', 'him', 'my mom', 'my mum', 'my mother', 'my wife', 'my girlfriend', 'my sister', 'my brother', 'my friend', 'someone', 'somebody', 'the kids', 'the child', 'the baby', 'mom', 'mum', 'mother', 'wife', 'girlfriend', 'roommate', 'neighbour', 'neighbor', 'woman', 'my face', 'my head', 'you', 'my kids', 'the kids', 'me and the kids', 'her face', 'my head'],
  },
  violence_strong: {
    fi: ['raiska*', 'raiskat*', 'raiskas*', 'raiskaus*', 'raiskauksen', 'hyväksikäytti', 'käytti hyväksi', 'käyttänyt hyväksi', 'käytettiin hyväksi', 'pakotti seksiin', 'pakotti sänkyyn', 'väkisin seksiin', 'ahdisteli seksuaalisesti', 'seksuaalisesti', 'seksuaalinen väkivalta', 'seksuaalista väkivaltaa', 'uhkaa tappaa', 'uhkas tappaa', 'uhkasi tappaa', 'uhkaili tappaa', 'uhkailee tappaa', 'uhkaa tappaa', 'lupas tappaa', 'lupasi tappaa', 'sanoi tappavansa', 'sano tappavansa', 'aikoo tappaa', 'kuristi', 'kuristamaan', 'kuristaa', 'kuristanut', 'kuristi*', 'puukotti', 'puukottanut', 'puukotettiin', 'ampua', 'ampuu', 'pelkään henkeni', 'pelkään henkeni puolesta', 'henkeni puolesta', 'henkeni on vaarassa', 'hengenvaara*', 'henki on vaarassa', 'lukinnu* itte*', 'lukinnu* itse*', 'lukinnut itseni', 'lukitsin itse*', 'lukitsin itte*', 'lukittauduin', 'lukittautu*', 'piilossa', 'piiloudun', 'piilouduin', 'piilottelen', 'piileskelen', 'piilotan', 'hakkaa ovea', 'hakkaa oveen', 'takoo ovea', 'potkii ovea', 'yrittää päästä sisään', 'yrittää murtautua', 'ei päästä minua', 'ei päästä mua', 'ei päästä meitä', 'pitää vankina', 'lukitsi minut', 'lukitsi mut', 'vainoaa', 'vainoo', 'väijyy', 'odottaa ulkona', 'oven takana', 'oven edessä', 'pihalla odottaa', 'uhkaa puukolla', 'uhkas puukolla', 'uhkasi veitsellä', 'uhkaa veitsellä', 'uhkaa aseella', 'uhkas aseella', 'henkirikos', 'tappouhkau*', 'hengiltä', 'tapolla', 'uhataan', 'polttaa mun', 'polttaa kämpän', 'polttaa talon', 'polttaa asunnon', 'sytyttää', 'murtautu*', 'murtaut*', 'rikkoi oven', 'rikko oven', 'rikkoo oven', 'potkii ovea', 'yrittää murtaa', 'pakotti', 'pakottaa', 'väkisin', 'koski muhun', 'koski minuun', 'kosketteli', 'ahdisteltiin', 'ahdisteli', 'seuras mua', 'seurasi minua', 'seuraa mua', 'seuraa minua', 'huusi apua', 'huutaa apua', 'huusi hädissään', 'kuuluu huutoa', 'huutaa hädissään', 'haulikko*', 'kivääri*', 'ase kädessä', 'aseen kanssa', 'silmä turvoksissa', 'mustelmilla', 'verinen', 'veressä', 'seksuaalisesti hyväksikäy*', 'ahdisteltu', 'raiskaaja', 'huumattiin', 'laittoi jotain juomaani', 'juomaani laitettiin', 'kopeloi*', 'pakotettiin', 'pelkään miestäni', 'pelkään vaimoani', 'pelkään exää', 'pelkään exääni', 'pelkään että se tappaa', 'pelkään että hän tappaa', 'pelkään että se satuttaa', 'pelkään et se', 'pakenin', 'pääsin karkuun', 'juoksin karkuun', 'vei puhelimeni', 'vei mun puhelimen', 'otti puhelimen', 'heiluttaa veistä', 'heilutti veistä', 'heiluttaa puukkoa', 'veitsi kädessä', 'puukko kädessä', 'tähtää', 'ampua meidät', 'ampuu meidät', 'riehuu taas', 'riehuu kännissä', 'hajottaa paikkoja', 'rikkoo paikkoja', 'rikkoi paikat', 'nää huomista', 'näe huomista', 'ajaa perässä', 'seuraa autolla', 'tietää missä asun', 'tietää missä mä asun', 'laittoi jotain juomaan', 'vaatteet pois', 'uhkailloo taas', 'uhkailee taas', 'uhkaa taas', 'ajo mun perässä', 'perässä kotiin', 'kunnia puhdistetaan', 'kunniaväkival*', 'tulee mun huoneeseen', 'huoneeseen öisin', 'raahannu*', 'raahannut', 'bensiini*', 'vei passini', 'lukittu huoneeseen', 'barrikadoin', 'kuvia kotiovest*'],
    sv: ['våldt*', 'våldtog', 'våldtagen', 'våldtogs', 'våldtäkt*', 'sexuellt övergrepp', 'sexuella övergrepp', 'sexuellt ofredad', 'utsatt för övergrepp', 'utnyttjade mig', 'utnyttjades', 'tvingade mig till sex', 'tvingade mig att ha sex', 'tafsade', 'hotar att döda', 'hotade att döda', 'hotat att döda', 'hotar döda', 'ska döda mig', 'ska döda oss', 'döda mig', 'döda oss', 'slå ihjäl', 'slår ihjäl', 'ströp', 'stryper', 'strypte', 'strypgrep*', 'knivhögg', 'rädd för mitt liv', 'rädd om mitt liv', 'mitt liv är i fara', 'livet är i fara', 'låst in mig', 'låste in mig', 'låst mig', 'gömmer mig', 'gömt mig', 'gömde mig', 'bankar på dörren', 'slår på dörren', 'sparkar på dörren', 'försöker ta sig in', 'släpper inte ut mig', 'låter mig inte gå', 'står utanför dörren', 'utanför dörren', 'förföljer mig', 'dödshot*', 'skjuta', 'skjuter', 'skjuta mig', 'gevär*', 'vapenlicens', 'slå sönder dörren', 'slår sönder', 'bryta sig in', 'bröt sig in', 'är jag död', 'du är död', 'blottade', 'förföljde mig', 'följde efter mig', 'följer efter mig', 'tvingar mig', 'ropar på hjälp', 'skriker på hjälp', 'skrek på hjälp', 'vill döda', 'blåslagen', 'blodig', 'hotar med kniv', 'hotade med kniv', 'viftar med kniven', 'viftade med kniven', 'rädd för honom', 'rädd för henne', 'vågar inte vara hemma', 'flydde', 'sprang därifrån', 'tog min telefon', 'drogade mig', 'något i min drink', 'antastade', 'ofredade', 'slår sönder saker', 'krossar saker', 'förstör allt', 'se morgondan', 'se morgondagen', 'tagit min telefon', 'kör efter mig', 'vet var jag bor', 'något i min drink', 'hotar igen', 'hotade igen', 'hedern', 'hedersvåld*', 'kommer in i mitt rum', 'häller bensin', 'bensin', 'ska brinna', 'tog mitt pass', 'inlåst', 'barrikaderat'],
    en: ['rape*', 'raped', 'raping', 'sexually assaulted', 'sexual assault', 'sexually abused', 'molested', 'forced me to have sex', 'forced himself on me', 'forced me to', 'threatened to kill', 'threatening to kill', 'threatens to kill', 'going to kill me', 'gonna kill me', 'will kill me', 'kill me', 'kill us', 'strangled', 'strangling', 'choked me', 'choking me', 'stabbed', 'afraid for my life', 'fear for my life', 'scared for my life', 'my life is in danger', 'locked myself', 'hiding in', 'hiding from', 'banging on the door', 'trying to get in', 'breaking the door', 'wont let me leave', 'wont let me out', 'wont let me go', 'outside my door', 'at my door', 'death threat*', 'stalking me', 'trying to get into', 'trying the handle', 'kicking the door', 'kicking in the door', 'kicked in the door', 'break in', 'broke in', 'breaking in', 'flashed me', 'followed me', 'following me', 'smashed my', 'smashed her', 'smashed his', 'forces me', 'forcing me', 'burn the house', 'burn down', 'burn my', 'eye is swollen', 'swollen shut', 'black eye', 'screaming for help', 'shouting for help', 'shoot', 'rifle', 'shotgun', 'pistol', 'threatened me', 'threatening me', 'hes going to hurt', 'going to hurt me', 'spiked my drink', 'drugged me', 'groped', 'touched me', 'scared of him', 'afraid of him', 'terrified of him', 'terrified of her', 'ran away from him', 'escaped from', 'took my phone', 'smashing things', 'breaking things', 'throwing things at', 'waving a knife', 'holding a knife', 'pointed a gun', 'has a gun', 'threats to kill', 'hes going to kill', 'he will kill', 'shes going to kill', 'see tomorrow', 'see the morning', 'by the neck', 'tailing me', 'something in my drink', 'know where i live', 'got jumped', 'clothes off', 'threatening me again', 'threatened me again', 'honour', 'honor killing', 'comes into my room', 'petrol', 'gasoline', 'took my passport', 'barricaded', 'photos of my door'],
  },
  // ——— children ———
  child: {
    fi: ['lapsi', 'lapse*', 'lasta', 'lapsia', 'lapset', 'lasten', 'lapsem*', 'lapsiaan', 'vauva*', 'taapero*', 'pikkula*', 'pikkuinen', 'pikkupoika*', 'pikkutyttö*', 'muksu*', 'skidi*', 'kersa*', 'kakara*', 'poika', 'pojan', 'poikaa', 'poikani', 'tyttö', 'tytön', 'tyttöä', 'tyttöni', 'tytär', 'tyttäre*', 'kuopus*', 'esikoi*', 'vuotias', 'vuotiaan', 'vuotiasta', 'vuotiaat', 'ekaluokkala*', 'koululai*', 'oppilas', 'oppilaa*', 'tenava*', 'sylivauva*', 'nuori', 'nuoren', 'teini*', 'pikkusisko*', 'pikkuveli', 'pikkuveljet', 'pikkuveljeä', 'pikkuveljeni', 'sisaruks*', 'ekaluokkalai*', 'eskarilai*', 'lapsukai*', 'koululainen', 'vauvaa', 'vauvan', 'lapsosen', 'pikkulapsia'],
    sv: ['barn', 'barnet', 'barnen', 'barnens', 'barnets', 'bebis*', 'småbarn*', 'baby', 'unge', 'ungen', 'ungarna', 'aring*', 'ariga', 'pojke', 'pojken', 'flicka', 'flickan', 'son', 'sonen', 'dotter', 'dottern', 'lillebror', 'lillasyster', 'elev', 'eleven', 'tonåring*', 'spädbarn*', 'lillebror', 'lillasyster', 'småsyskon', 'syskon'],
    en: ['child', 'children', 'childs', 'kid', 'kids', 'baby', 'babies', 'toddler*', 'infant*', 'year old', 'years old', 'yo', 'little boy', 'little girl', 'son', 'daughter', 'my boy', 'my girl', 'niece', 'nephew', 'pupil', 'student', 'teen', 'teenager', 'newborn', 'lil bro', 'lil sis', 'little brother*', 'little sister*', 'brothers', 'sisters', 'first grader', 'grader', 'year 10'],
  },
  small_child: {
    fi: ['vauva*', 'taapero*', 'pikkula*', 'pikkuinen', 'pikkupoika*', 'pikkutyttö*', 'sylivauva*', 'kaksivuotia*', 'kolmevuotia*', 'neljävuotia*', 'viisivuotia*', 'kuusivuotia*', 'yksivuotia*', 'seitsemänvuotia*', 'alle kouluikäi*', 'päiväkoti*', 'eskari*', 'pienet lapset', 'pieni lapsi', 'pienen lapsen', 'pieniä lapsia', 'pientä lasta', 'pikkulapsi', ...ages(0, 8).fi, 'pieni poika', 'pieni tyttö', 'pikkusisko*', 'pikkuveli', 'pikkuveljet'],
    sv: ['bebis*', 'småbarn*', 'spädbarn*', 'baby', 'tvååring*', 'treåring*', 'fyraåring*', 'femåring*', 'sexåring*', 'ettåring*', 'dagis*', 'små barn', 'litet barn', 'små ungar', ...ages(0, 8).sv, 'liten flicka', 'liten pojke', 'lilla flickan', 'lilla pojken'],
    en: ['baby', 'babies', 'toddler*', 'infant*', 'newborn', 'little one', 'little ones', 'small child', 'small children', 'young child', 'young children', 'little kids', 'little boy', 'little girl', 'preschool*', ...ages(0, 8).en, 'little brothers', 'little sisters', 'lil bro', 'first grader'],
  },
  alone: {
    fi: ['yksin', 'yksinään', 'ilman aikuista', 'ilman valvontaa', 'ei aikuisia', 'ei ketään aikuista', 'ei aikuista', 'heitteillä', 'heitteille', 'jätetty', 'jättäny*', 'jättänyt', 'jätti', 'jättää', 'kukaan ei ole kotona', 'kukaan ei oo kotona', 'vanhemmat ei', 'vanhemmat eivät', 'äiti ei ole', 'äiti ei oo', 'ei oo ketään', 'ei ole ketään', 'ei ole ollut kotona', 'ei oo ollu kotona', 'ei ole kotona', 'ei oo kotona', 'lähti', 'lähti ulkomaille', 'vanhemmat ei avaa', 'ei avaa ovea', 'ovi on lukossa', 'ovi lukossa', 'ei ole haettu', 'ei haettu', 'kukaan ei hakenut', 'kukaan ei ole hakenut', 'itkee yksin', 'ei kukaan avaa', 'kukaan ei avaa'],
    sv: ['ensam', 'ensamma', 'utan vuxen', 'ingen vuxen', 'inga vuxna', 'lämnade', 'lämnat', 'lämnad', 'lämnas', 'övergiven', 'ingen hemma', 'ingen är hemma', 'öppnar inte', 'ingen hämtade', 'ingen har hämtat', 'gråter ensam*'],
    en: ['alone', 'by himself', 'by herself', 'by themselves', 'no adult', 'no adults', 'unattended', 'unsupervised', 'left', 'abandoned', 'nobody home', 'no one home', 'on their own', 'on his own', 'on her own', 'went to', 'left her', 'left his', 'left them', 'nobody picked', 'no one picked', 'nobody has picked', 'crying alone', 'screaming alone', 'left in the car', 'locked in'],
  },
  danger_place: {
    fi: ['parvek*', 'ikkunalaud*', 'ikkunasta', 'ikkuna auki', 'katolla', 'autoon', 'autossa', 'ulkona', 'ulos', 'pakkas*', 'pakkanen', 'kylmässä', 'kylmä', 'kylmään', 'tien vieressä', 'tiellä', 'kadulla', 'järvellä', 'jäällä', 'rannalla', 'yöllä', 'koko yön', 'yön yli', 'ilman ruokaa', 'lumessa', 'pihalla', 'rappukäytäv*', 'raput*', 'liesi päällä', 'hella päällä', 'lunta', 'lumi*', 'paljain jaloin', 'yöpuvu*', 'ilman takkia', 'ilman takkeja', 'etupenkillä', 'ratissa', 'ajaa', 'lukitussa autossa', 'lukitussa', 'parkkihalli*', 'pakkasessa', 'ikkunalla', 'avoimella ikkunalla', 'kerroksessa'],
    sv: ['balkong*', 'fönster*', 'i bilen', 'bilen', 'ute', 'utomhus', 'kylan', 'kallt', 'minusgrader', 'i natt', 'hela natten', 'på natten', 'på gatan', 'vägen', 'isen', 'snön', 'trapphuset', 'spisen på', 'parkeringen', 'rutorna', 'immiga', 'låst bil', 'minus', 'utan jacka', 'utan skor'],
    en: ['balcony', 'window', 'ledge', 'roof', 'in the car', 'hot car', 'car', 'outside', 'cold', 'freezing', 'snow', 'at night', 'all night', 'overnight', 'on the road', 'street', 'the ice', 'stairwell', 'stove on', 'car seat', 'parked car', 'windows are up', 'degrees', 'locked car', 'minus', 'without a coat', 'no coat', 'no shoes'],
  },
  duration: {
    fi: ['päivää', 'päivään', 'päiväksi', 'vuorokau*', 'koko yön', 'yön yli', 'eilisestä', 'eilen illasta', 'aamusta asti', 'aamusta saakka', 'useamman päivän', 'monta päivää', 'pari päivää', 'koko päivän', 'koko viikonlopun', 'viikonlopun', 'viikon', 'tuntikausia', 'tuntia', 'perjantaista', 'maanantaista', 'tiistaista', 'keskiviikosta', 'torstaista', 'lauantaista', 'sunnuntaista', 'eilen', 'eilisillan', 'kolmeen päivään', 'kahteen päivään', 'viikkoon', 'yöksi', 'yötä'],
    sv: ['dagar', 'dag', 'dygn', 'hela natten', 'sedan igår', 'sen igår', 'sedan i går', 'sedan i morse', 'hela dagen', 'hela helgen', 'i timmar', 'timmar', 'sedan fredag', 'sedan måndag', 'sen måndag', 'sen fredag', 'veckor', 'vecka', 'igår', 'i går', 'förrgår', 'i förrgår', 'nätter'],
    en: ['days', 'day', 'all night', 'since yesterday', 'since this morning', 'all day', 'all weekend', 'the weekend', 'for hours', 'hours', 'since friday', 'since monday', 'since saturday', 'since sunday', 'weeks', 'week', 'yesterday', 'since friday', 'nights'],
  },
  intoxicated: {
    fi: ['sammu*', 'ihan kännissä', 'tosi kännissä', 'niin kännissä', 'täysin kännissä', 'kännissä', 'kännis', 'kännäs*', 'päissään', 'humala*', 'juovuksi*', 'pää täynnä', 'aineissa', 'aineis', 'pilvessä', 'piikittää', 'piikittäny*', 'vetää kamaa', 'vetäny kamaa', 'tajuton', 'tajuttomana', 'ryyppä*', 'dokaa', 'dokais*', 'vetänyt jotain', 'veti jotain', 'sekaisin', 'tokkura*', 'kamaa', 'ryypiskel*', 'kännää', 'dokaamassa', 'juopottel*', 'vanhemmat ovat humalassa', 'vanhemmat on kännissä', 'äiti on sammunut', 'isä on sammunut', 'sammuneena', 'sekasin', 'juonut koko päivän', 'juonu koko päivän', 'ei pysy pystyssä', 'sössöttää'],
    sv: ['däckad*', 'däckat', 'full', 'fulla', 'aspackad*', 'packad*', 'berusad*', 'påverkad*', 'påtänd*', 'hög', 'drogad*', 'medvetslös*', 'supit', 'super', 'dricker', 'dricker', 'ligger bara', 'föräldrarna är fulla', 'mamman är full', 'pappan är full', 'full och'],
    en: ['passed out', 'drunk', 'wasted', 'high', 'out of it', 'unconscious', 'wont wake', 'hammered', 'intoxicated', 'stoned', 'on drugs', 'drinking', 'bender', 'on a bender', 'drinking', 'parents are drunk', 'mum is drunk', 'mom is drunk', 'dad is drunk'],
  },
  not_fed: {
    fi: ['ei ole syönyt', 'ei oo syöny', 'ei oo syönyt', 'ei ole syöny', 'eivät ole syöneet', 'ei oo syöneet', 'ei ole saanut ruokaa', 'ei oo saanu ruokaa', 'ei saanut ruokaa', 'nälissään', 'nälkää', 'nälkäinen', 'nälkäisiä', 'nälkäisenä', 'ei ruokaa', 'ei ole ruokaa', 'ei oo ruokaa', 'ruokaa ei ole', 'ruoka loppu', 'ruoka on loppu', 'ruoat loppu', 'jääkaappi tyhjä', 'jääkaappi on tyhjä', 'ilman ruokaa', 'syömättä'],
    sv: ['inte ätit', 'int ätit', 'inte fått mat', 'ingen mat', 'utan mat', 'hungriga', 'hungrig', 'maten är slut', 'maten slut', 'tomt kylskåp', 'kylskåpet är tomt'],
    en: ['not eaten', 'hasnt eaten', 'havent eaten', 'hadnt eaten', 'no food', 'without food', 'starving', 'hungry', 'out of food', 'nothing to eat', 'fridge is empty', 'empty fridge'],
  },
  afraid_home: {
    fi: ['pelkää mennä kotiin', 'pelkää lähteä kotiin', 'ei uskalla mennä kotiin', 'ei uskalla kotiin', 'pelkää kotiin', 'ei halua mennä kotiin', 'pelkää isäänsä', 'pelkää äitiään', 'pelkää isäpuoltaan', 'pelkää faijaansa', 'ei uskalla lähteä kotiin', 'en uskalla mennä kotiin', 'en uskalla kotiin', 'en uskalla lähteä kotiin', 'pelkään mennä kotiin', 'lukitsee mut', 'lukitsi mut', 'lukitsee minut', 'en halua mennä kotiin', 'en haluu mennä kotiin'],
    sv: ['rädd att gå hem', 'rädd för att gå hem', 'vågar inte gå hem', 'törs inte gå hem', 'vill inte gå hem', 'rädd för sin pappa', 'rädd för sin mamma', 'rädd för pappa', 'vågar inte gå hem', 'rädd att gå hem', 'låser in mig'],
    en: ['afraid to go home', 'scared to go home', 'doesnt want to go home', 'dont want to go home', 'afraid of his dad', 'afraid of her dad', 'scared of her dad', 'scared of his dad', 'afraid of his father', 'afraid of her father', 'scared to go home', 'lock me in', 'locks me in', 'do it again'],
  },
  missing: {
    fi: ['kadonnut', 'kadonnu', 'kateissa', 'ei ole tullut kotiin', 'ei oo tullu kotiin', 'ei tullut kotiin', 'ei tullu kotiin', 'karkuteillä', 'karannut', 'karannu', 'ei vastaa puhelimeen', 'ei ole kuulunut', 'ei oo kuulunu', 'kadoksissa', 'kadoksi', 'ei ole tullut kotiin', 'ei oo tullu kotiin', 'ei tullut yöksi', 'karkasi', 'karkas', 'karkasi kotoa', 'karannut kotoa', 'aikuisen miehen', 'aikuinen mies', 'aikuista miestä'],
    sv: ['försvunnen', 'försvunnit', 'har inte kommit hem', 'kom inte hem', 'rymt', 'svarar inte', 'rymde', 'rymt hemifrån', 'vuxen man', 'äldre man'],
    en: ['missing', 'hasnt come home', 'didnt come home', 'ran away', 'run away', 'not answering', 'disappeared', 'adult man', 'older man', 'not answering her phone', 'not answering his phone'],
  },
  danger_word: {
    fi: ['vaarassa', 'vaaraan', 'hengenvaar*', 'hengenvaarassa', 'turvassa ei', 'ei ole turvassa', 'ei oo turvassa', 'hätä', 'hädässä', 'apua heti', 'apua nyt', 'heti apua', 'pikaisesti apua'],
    sv: ['i fara', 'fara', 'livsfara', 'inte säker', 'inte i säkerhet', 'hjälp nu', 'hjälp genast'],
    en: ['in danger', 'danger', 'not safe', 'unsafe', 'help now', 'urgent help', 'emergency'],
  },
  shake_baby: {
    fi: ['ravistel*', 'ravistaa', 'ravisti', 'ravistanut', 'ravisteli', 'veltto', 'velttona'],
    sv: ['skakar', 'skakade', 'skakat'],
    en: ['shaking', 'shook', 'shake', 'shaken', 'shakes', 'floppy'],
  },
  // ——— no shelter tonight ———
  no_shelter_strong: {
    fi: ['ei yöpaikkaa', 'ei ole yöpaikkaa', 'ei oo yöpaikkaa', 'yöpaikkaa ei', 'ilman yöpaikkaa', 'ei paikkaa missä nukkua', 'ei ole paikkaa missä nukkua', 'ei oo paikkaa missä nukkua', 'ei ole minne mennä', 'ei oo minne mennä', 'ei mitään paikkaa', 'ei ole mihin mennä', 'ei oo mihin mennä', 'ei mihinkään mennä', 'nukun ulkona', 'nukkua ulkona', 'nukkumaan ulkona', 'nukuin ulkona', 'nukun autossa', 'nukkumaan autoon', 'nukun rappukäytävässä', 'nukun rapussa', 'nukkumaan rappuun', 'rappukäytävässä yön', 'puistossa yön', 'nukun puistossa', 'ulkona yön', 'yön ulkona', 'kadulle yöksi', 'heitti mut ulos', 'heitti minut ulos', 'heitti minut pihalle', 'heitti mut pihalle', 'heitettiin ulos', 'heitettiin pihalle', 'potki mut ulos', 'potkas mut ulos', 'potkaisi minut ulos', 'potkas pihalle', 'ajoi minut ulos', 'ajoi mut ulos', 'häädettiin tänään', 'häädetään tänään', 'häätö tänään', 'lukittu ulos', 'lukitsi minut ulos', 'lukitsi mut ulos', 'katto pään päälle', 'missä nukun', 'missä mä nukun', 'missä mää nukun', 'mihin menen yöksi', 'mihin meen yöksi', 'mihin mä meen yöksi', 'paikkaa yöksi', 'ei ole paikkaa yöksi', 'toista yötä', 'nukuin viime yön', 'nukuin eilen', 'nukkunu ulkona', 'vaihtoi lukot', 'vaihto lukot', 'lukot vaihdettiin', 'ei oo muuta paikkaa', 'ei ole muuta paikkaa', 'yömaja on täynnä', 'ensisuoja on täynnä', 'yötä ulkona', 'yön ulkona', 'öitä ulkona', 'ollu ulkona', 'ollut ulkona', 'ulkona eilisestä', 'heitti meidät ulos', 'heitti meiät ulos', 'vaihtoi lukon'],
    sv: ['ingenstans att sova', 'ingenstans att ta vägen', 'ingenstans att bo', 'ingenstans att gå', 'ingen plats att sova', 'ingenstans i natt', 'sover ute', 'sova ute', 'sov ute', 'sova utomhus', 'sover utomhus', 'sova i trapphuset', 'sover i trapphuset', 'sover i bilen', 'sova i bilen', 'kastade ut mig', 'kastat ut mig', 'slängde ut mig', 'slängt ut mig', 'blev utkastad', 'utkastad', 'utelåst', 'låst ute', 'tak över huvudet', 'vräkt idag', 'vräks idag', 'vräkt i dag', 'vart jag ska gå', 'vart ska jag ta vägen', 'var ska jag sova', 'var sover jag', 'sovit i trappuppgången', 'sovit ute', 'får inte vara här', 'sover i', 'sovit i', 'nätter ute', 'natten ute', 'kastade ut oss', 'bytte låset', 'står i snön'],
    en: ['nowhere to sleep', 'nowhere to stay', 'nowhere to go', 'no place to sleep', 'no place to stay', 'no where to sleep', 'kicked me out', 'threw me out', 'thrown out', 'locked out', 'sleep outside', 'sleeping outside', 'slept outside', 'sleeping rough', 'sleep rough', 'sleep on the street', 'sleeping on the street', 'sleeping in my car', 'sleep in my car', 'sleep in the stairwell', 'roof over my head', 'on the streets tonight', 'evicted today', 'being evicted today', 'where do i sleep', 'where will i sleep', 'where to sleep', 'where can i sleep', 'dont know where to go', 'dont know where ill sleep', 'put me out', 'be gone by tonight', 'sleeping in the', 'slept in the', 'on a bench', 'evicted us', 'evicted me', 'nowhere tonight', 'kicked us out', 'threw us out', 'changed the locks'],
  },
  homeless: {
    fi: ['asunnoton', 'asunnottoma*', 'koditon', 'kodittoma*', 'kadulla', 'kadulle', 'pihalle', 'ulos kämpästä', 'ulos asunnosta', 'ulos kotoa', 'häädet*', 'häätö*', 'häädön', 'heitti ulos', 'heitti pihalle', 'potki ulos', 'ei kotia', 'ei ole kotia', 'ei oo kotia', 'ei asuntoa', 'ei ole asuntoa', 'ei oo kämppää', 'ei ole kämppää', 'yöpaik*', 'nukkua', 'nukkumaan', 'nukun', 'ensisuoja*', 'hätämajoitu*', 'yömaja*', 'ulkona', 'pakkas*', 'kylmä*', 'rappukäytäv*', 'porraskäytäv*', 'asemalla', 'rautatieasemalla', 'bussipysäkillä', 'vankilasta', 'vapauduin', 'paloi', 'vesivahinko', 'ei paikkaa', 'ei ole paikkaa', 'ei oo paikkaa', 'yömaja*', 'sängyn', 'yöksi', 'potkittiin', 'heitettiin', 'nukkunu', 'nukkunut', 'asuntoa ei', 'ei oo asuntoa', 'ei ole asuntoa', 'mihin mennä', 'tyhjän päällä', 'ilman kattoa', 'yövyn', 'yöpyä', 'yöpymispaik*', 'en voi mennä kotiin', 'en voi palata kotiin', 'en voi mennä takas', 'en voi mennä takaisin', 'en pääse kotiin', 'kotiin ei voi mennä', 'hotelli*', 'linja-autoasema*', 'vankila*', 'vapautu*', 'ei oo varaa', 'ei ole varaa', 'rahaa ei', 'tulipalo', 'palo', 'jouduin lähtemään', 'kauppakeskuksessa', 'kadulla ja'],
    sv: ['hemlös', 'bostadslös', 'på gatan', 'utkastad', 'vräkt', 'vräkning*', 'ingen bostad', 'inget hem', 'ingenstans', 'sova', 'sover', 'nödinkvartering', 'härbärge*', 'ute', 'kallt', 'trappuppgång*', 'järnvägsstationen', 'stationen', 'inte vart jag ska sova', 'inget ställe', 'någonstans att sova', 'övernatta', 'natthärbärge', 'kan inte gå hem', 'får inte komma hem', 'busstation*', 'fängelse*', 'frigiven', 'ordnade sig inte', 'utan pengar', 'hotell*', 'brann', 'branden', 'busshållplats*'],
    en: ['homeless', 'on the street', 'on the streets', 'kicked out', 'evicted', 'eviction', 'no home', 'no flat', 'no apartment', 'sleep', 'sleeping', 'shelter', 'outside', 'cold', 'freezing', 'bike shed', 'bench', 'library', 'discharged', 'dont know', 'host family', 'nowhere', 'somewhere to sleep', 'a place to sleep', 'a bed for', 'bed tonight', 'cant go home', 'cannot go home', 'cant go back', 'cannot go back', 'stranded', 'bus station', 'railway station', 'train station', 'skint', 'no money', 'prison', 'released', 'fell through', 'hotel', 'burned down', 'burnt down', 'any beds', 'a bed', 'fire', 'every hotel'],
  },
  tonight: {
    fi: ['tänä yönä', 'tänä iltana', 'tänään', 'tänää', 'yöksi', 'ensi yö*', 'ensi yön', 'nyt', 'nytten', 'tällä hetkellä', 'illaksi', 'heti', 'just nyt', 'juuri nyt', 'tänä yön', 'yöllä', 'illalla', 'huomiseen', 'ilta tulee', 'sulkee', 'sulkemisaikaan', 'tänäänki', 'tänäänkin', 'kohta', '20', '25', 'pakkasta', 'räntää', 'sataa', 'pakkasta', 'pimenee', 'sulkeutuu', 'tämä yö', 'tämän yön', 'kylmä'],
    sv: ['i natt', 'inatt', 'ikväll', 'i kväll', 'idag', 'i dag', 'nu', 'just nu', 'natten', 'genast', 'stänger', 'kl 1', 'ikväll', 'mörkna', 'börjar mörkna', 'minusgrader'],
    en: ['tonight', 'today', 'now', 'right now', 'this evening', 'the night', 'this night', 'immediately', 'until it closes', 'closes', 'snowing', 'getting dark', 'by tonight', 'minus', 'getting dark'],
  },
  // ——— medical and substance emergencies ———
  unresponsive: {
    fi: ['ei herää', 'ei meinaa herätä', 'ei saa hereille', 'ei saa herätettyä', 'ei saa herättyä', 'en saa hereille', 'en saa herätettyä', 'ei reagoi', 'ei vastaa mitään', 'tajuton', 'tajuttom*', 'tajuttomana', 'menetti tajun*', 'menettäny tajun*', 'meni tajuttomaksi', 'taju meni', 'taju lähti', 'kouristel*', 'kouristu*', 'kouristaa', 'epilepsiakohtau*', 'kramppaa', 'kramppaili', 'ei hengitä', 'ei hengitä kunnolla', 'hengitys ei kulje', 'hengitys pysähty*', 'hengitys katkeilee', 'ei saa henkeä', 'vaikea hengittää', 'haukkoo henkeä', 'huulet siniset', 'huulet on siniset', 'on ihan sininen', 'vuotaa verta', 'verta tulee', 'vuotaa paljon verta', 'verenvuoto', 'yliannost*', 'myrkyty*', 'rintakipu*', 'kovat rintakivut', 'halvaantu*', 'suupieli roikkuu', 'kasvot roikkuu', 'ei tunnista', 'ei tunnista minua', 'puhuu sekavia', 'äkillisesti sekava', 'yhtäkkiä sekava', 'yhtäkkiä ihan sekaisin', 'veti jotain', 'vetäny jotain', 'vetänyt jotain', 'otti jotain', 'ottanut jotain', 'otti jotain ainetta', 'piikitti jotain', 'pistänyt jotain', 'veti liikaa', 'otti liikaa', 'vetäny liikaa', 'ottanu liikaa', 'ei vastaa minulle', 'ei vastaa kunnolla', 'ei vastaa mitään', 'romahti', 'lyyhistyi', 'kipu rinnassa', 'kipua rinnassa', 'rintaan sattuu', 'tunnoton', 'nielasi', 'nielaissut', 'nielaisi', 'söi tabletteja', 'söi lääkkeitä', 'joi pesuainetta', 'pesuaine*', 'kurkku turpoo', 'turpoaa', 'turvottaa', 'allerginen reaktio', 'anafyla*', 'voimakasta verenvuotoa', 'runsasta verenvuotoa', 'vuotaa runsaasti', 'hyvin sekava', 'ihan sekava', 'todella sekava', 'ei tiedä missä on', 'oksentaa verta', 'silmät auki', 'kysyy koko ajan samoja', 'näkee ötököitä', 'näkee harhoja', 'harhoja', 'sekava eikä', 'makaa pihalla', 'ei reagoi', 'en saa henkeä', 'en saa happea', 'ei saa happea', 'hengitys vinkuu', 'hengittää katkonaisesti', 'korisee', 'vaahtoa suussa', 'kylmänhikinen', 'verensokeri', 'sokeri alhaalla', 'sokerit alhaalla', 'sokerit on alhaalla', 'hypo*', 'insuliinisokki', 'kouristus', 'tärisee koko ajan', 'puhe sammaltaa', 'sammaltaa', 'kasvot vinossa', 'suupieli*', 'käsi ei nouse', 'halvaus', 'aivoinfarkti', 'sydänkohtaus', 'rintaan koskee', 'pyörtyili', 'ei pysy tajuissaan', 'uninen eikä herää', 'ei heräile', 'myrkkyä', 'ei pysty nielemään', 'vieroitusoire*', 'deliriu*', 'sekoitti lääkkeitä', 'lääkkeitä ja alkoholia', 'pillereitä ja viinaa', 'silmät nurin', 'meni henkeen', 'nykii'],
    sv: ['vaknar inte', 'vaknar int', 'går inte att väcka', 'går int att väcka', 'får inte liv i', 'kan inte väcka', 'medvetslös*', 'svimmade', 'svimmat', 'kramp*', 'krampanfall', 'epileptiskt anfall', 'andas inte', 'andas int', 'svårt att andas', 'får inte luft', 'får ingen luft', 'kan inte andas', 'blöder mycket', 'blöder kraftigt', 'blodet sprutar', 'förgiftad*', 'förgiftning', 'överdos*', 'bröstsmärt*', 'ont i bröstet', 'känner inte igen', 'plötsligt förvirrad', 'helt förvirrad', 'tagit något', 'tog något', 'tagit för mycket', 'tog för mycket', 'blå om läpparna', 'blåa läppar', 'reagerar inte', 'svarar inte alls', 'svarar inte', 'kräkts blod', 'kräker blod', 'ser insekter', 'hallucin*', 'sluddrar', 'svettas och', 'stirrar rakt fram', 'ätit mormors', 'ätit tabletter', 'ätit medicin', 'svalt något', 'skakar på golvet', 'ligger och skakar', 'allergisk reaktion', 'svullnar', 'blöder', 'förvirrad och', 'andas konstigt', 'skum ur munnen', 'sned i ansiktet', 'hänger i ansiktet', 'kan inte prata', 'lågt blodsocker', 'blodsockret', 'hjärtinfarkt', 'svimmar', 'skakar okontrollerat', 'abstinens', 'delirium', 'tabletter och alkohol', 'piller och sprit', 'satte i halsen', 'kippar efter luft', 'ögonen rullade'],
    en: ['wont wake', 'not waking', 'cant wake', 'doesnt wake', 'unable to wake', 'unconscious', 'unresponsive', 'not responding', 'passed out', 'fainted', 'collapsed', 'seizure*', 'convuls*', 'fitting', 'not breathing', 'cant breathe', 'struggling to breathe', 'trouble breathing', 'hard to breathe', 'barely breathing', 'bleeding a lot', 'bleeding heavily', 'wont stop bleeding', 'blood everywhere', 'poison*', 'overdos*', 'od d', 'chest pain*', 'turning blue', 'lips are blue', 'blue lips', 'suddenly confused', 'very confused', 'doesnt recognise', 'doesnt recognize', 'took something', 'taken something', 'took too much', 'taken too much', 'stroke', 'pumping blood', 'soaked through', 'dishwasher tablets', 'ate one', 'swallowed', 'drooling', 'allergic reaction', 'swelling up', 'face is swelling', 'needle', 'going blue', 'cant find her words', 'cant find his words', 'hanging limp', 'slurring', 'slurred', 'seeing spiders', 'seeing things', 'hallucinat*', 'vomiting blood', 'doesnt know who i am', 'shaking and', 'confused', 'sweaty', 'foaming at the mouth', 'breathing weird', 'breathing strangely', 'gasping', 'shaking uncontrollably', 'face drooping', 'face is drooping', 'slurred speech', 'cant speak', 'low blood sugar', 'blood sugar', 'heart attack', 'keeps fainting', 'fading in and out', 'drifting in and out', 'barely conscious', 'withdrawal', 'delirium', 'fentanyl', 'heroin', 'mixed pills and alcohol', 'pills and alcohol', 'choking on', 'turned blue', 'jerking', 'eyes rolled', 'choking'],
  },
  // ——— older or disabled people left without care ———
  vulnerable: {
    fi: ['vanhus*', 'iäkäs', 'iäkkä*', 'ikääntyn*', 'ikäihmi*', 'mummo*', 'mummu*', 'mummi', 'mumma', 'ukki*', 'vaari*', 'pappa*', 'isoäiti*', 'isoisä*', 'isovanhem*', 'eläkeläi*', 'vanha äiti', 'vanha isä', 'vanha mies', 'vanha nainen', 'vanha rouva', 'vanha naapuri', 'vanhempi mies', 'vanhempi nainen', 'iäkäs mies', 'kehitysvamm*', 'vammai*', 'vammainen', 'liikuntarajoit*', 'pyörätuoli*', 'muistisair*', 'dementi*', 'dementoitu*', 'alzheimer*', 'omaishoidettava*', 'sokea', 'vuodepotilas', 'sängyn pohjalla', 'sänkypotilas', 'diabeetik*', 'diabetes*', 'insuliini*', ...ages(65, 105).fi, 'utvecklingsstörn*', 'autis*', 'cp vamm*', 'cp-vamm*', 'ms tauti*', 'ms-tauti*', 'parkinson*', 'skitsofren*', 'rollaattori*', 'herra', 'rouva', 'tätini', 'tätiä', 'yli 90', 'yli 80', 'yksin asuva', 'asuu yksin', 'leski', 'ei kävele', 'ei pysty kävelemään', 'ei voi kävellä', 'liikuntakyvytön', 'sotaveteraani*', 'veteraani*', 'huonokuntoi*', 'als', 'happirikast*', 'vuodepotilaa*', 'hengityskone*'],
    sv: ['äldre', 'gammal', 'gamla', 'mormor', 'farmor', 'morfar', 'farfar', 'mommo', 'moffa', 'fammo', 'faffa', 'pensionär*', 'utvecklingsstörd*', 'funktionsnedsätt*', 'funktionsnedsatt*', 'funktionshindr*', 'rullstol*', 'dement*', 'minnessjuk*', 'alzheimer*', 'sängliggande', 'blind', 'diabetiker', 'diabetes', 'insulin*', ...ages(65, 105).sv, 'utvecklingsstörning', 'autis*', 'cp skad*', 'parkinson*', 'schizofren*', 'rullator', 'bor ensam', 'änka', 'änkling', 'kan inte gå', 'kan int gå', 'veteran', 'skröplig', 'gubben', 'gumman', 'rörelsehindrad*', 'syrgas*'],
    en: ['elderly', 'old man', 'old woman', 'old lady', 'old neighbour', 'old neighbor', 'old mother', 'old father', 'old mum', 'old dad', 'grandma', 'grandpa', 'granny', 'grandmother', 'grandfather', 'nan', 'pensioner', 'disabled', 'disability', 'wheelchair', 'dementia', 'alzheimer*', 'bedridden', 'bed bound', 'blind', 'diabetic', 'diabetes', 'insulin', ...range(70, 105).map(String), 'in his 80s', 'in her 80s', 'in his 90s', 'in her 90s', ...ages(65, 105).en, 'autistic', 'autism', 'cerebral palsy', 'ms', 'parkinson*', 'schizophrenia', 'walker', 'lives alone', 'lady', 'widow', 'widower', 'gran', 'grandad', 'granddad', 'cant walk', 'cannot walk', 'veteran', 'frail', 'als', 'oxygen', 'ventilator'],
  },
  lack_care: {
    fi: ['ei ole syönyt', 'ei oo syöny', 'ei oo syönyt', 'ei ole syöny', 'ilman ruokaa', 'ruoka loppu', 'ruoka on loppu', 'ruoat loppu', 'ruuat loppu', 'ei ruokaa', 'ei ole ruokaa', 'ei oo ruokaa', 'jääkaappi tyhjä', 'jääkaappi on tyhjä', 'ilman lääkkeitä', 'lääkkeet loppu', 'lääkkeet on loppu', 'lääkkeet ovat loppu', 'ei ole saanut lääkkeitä', 'ei oo saanu lääkkeitä', 'ei ole ottanut lääkkeitä', 'ei lääkkeitä', 'insuliini loppu', 'insuliini on loppu', 'ilman insuliinia', 'ei insuliinia', 'insuliinit loppu', 'kotihoito ei', 'kotihoitaja ei', 'kotihoito ei ole käynyt', 'kotihoito ei oo käyny', 'kotihoito ei tullut', 'kotihoito ei tullu', 'hoitaja ei ole käynyt', 'hoitaja ei tullut', 'kukaan ei ole käynyt', 'kukaan ei oo käyny', 'kukaan ei käy', 'ei ole käynyt kukaan', 'ei kukaan käy', 'kukaan ei ole katsonut', 'jäänyt yksin', 'jäi yksin', 'jääny yksin', 'heitteillä', 'heitteille', 'ilman hoitoa', 'ilman apua', 'ilman avustajaa', 'avustaja ei tullut', 'omaishoitaja sairaalassa', 'omaishoitaja joutui sairaalaan', 'joutui sairaalaan', 'on sairaalassa', 'vaippaa ei ole vaihdettu', 'ei ole vaihdettu vaippaa', 'kylmässä asunnossa', 'lämmitys ei toimi', 'sähköt poikki', 'ei pääse vessaan', 'makaa sängyssä', 'ei ole juonut', 'ei oo juonu', 'kuivuu', 'insuliini* loppu*', 'lääkkee* loppu*', 'lääkkeet loppuivat', 'ruoka loppui', 'ruoka loppunu*', 'ruoka on loppunut', 'yksin kotona', 'yksin kotiin', 'on nyt yksin', 'ollut yksin', 'ollu yksin', 'jäi yksin kotiin', 'ilman sähköä', 'ilman lämmitystä', 'ei lämpene', 'talossa on kylmä', 'asunnossa on kylmä', 'vietiin sairaalaan', 'vietiin ambulanssilla', 'sairaalaan', 'ambulanssi*', 'avustaja* irtisan*', 'avustaja ei', 'pääsemättä vessaan', 'saamatta syötävää', 'saamatta ruokaa', 'kukaan ei vastaa', 'kukaan ei ole vastannut', 'en saa ketään kiinni', 'ei saa ketään kiinni', 'ei ole ottanut lääkkeitään', 'ei ole ottanut', 'hoitopaikkaa', 'ei pääse itse', 'kukaan ei käy', 'ei ole ketään', 'ei oo ketään', 'ei ole saanut ruokaa', 'ei ole saanut apua', 'ei saa apua', 'hoitaja ei tullut', 'kotihoidon käynti jäi', 'kotihoito unohti', 'unohtivat', 'unohti käydä', 'ei ole käyty', 'avuton', 'avuttomana', 'ei pysty itse', 'ei pääse ylös sängystä', 'vesi poikki', 'ei ole vettä', 'ei oo vettä', 'kylmä asunto', 'loppui', 'loppuivat', 'ei ole tullut', 'ei oo tullu', 'ei tilalle', 'tilalle ole tullut', 'ei ole tullut ketään', 'sairasloma*', 'katkastiin sähköt', 'sähköt katkaistiin', 'astetta sisällä', 'jääkaappi oli tyhjä', 'dosetti täynnä', 'lääkedosetti', 'kukaan ei tullu', 'kukaan ei tullut', 'vaipat märkänä', 'märkänä', 'ilman lämpöä', 'varavirta', 'yöhoitaja ei', 'samassa asennossa', 'ei ole ollut vettä', 'jäätyi', 'nälkä', 'ei ole lämmittänyt', 'ei oo lämmittäny', 'ilman sähköä', 'akku loppuu', 'henkilökunta ei tullut', 'ei tullut töihin'],
    sv: ['inte ätit', 'int ätit', 'utan mat', 'ingen mat', 'maten är slut', 'maten slut', 'utan medicin', 'utan mediciner', 'medicinerna är slut', 'medicinen är slut', 'inte fått medicin', 'inte tagit medicin', 'insulinet är slut', 'utan insulin', 'inget insulin', 'hemvården har inte', 'hemvården kom inte', 'hemvården har int', 'hemtjänsten har inte', 'hemtjänsten kom inte', 'ingen har varit', 'ingen har kommit', 'ingen har tittat', 'lämnad ensam', 'lämnats ensam', 'utan hjälp', 'utan vård', 'på sjukhus', 'ligger på sjukhus', 'kallt i lägenheten', 'värmen fungerar inte', 'inte druckit', 'blöjan', 'ensam hemma', 'helt ensam', 'är ensam', 'fördes till sjukhus', 'till sjukhus', 'sjukhuset', 'ingen hemvård', 'inte fått sina tabletter', 'inte fått sin medicin', 'glömde', 'assistent slutade', 'kan inte ta sig upp', 'har inte tömts', 'utan hjälp i', 'kan inte laga mat', 'hjälplös', 'ingen kom', 'har inte fått hjälp', 'kan inte ta sig', 'ingen tittar till', 'ingen har tittat till', 'tog slut', 'inte kommi', 'ha inte kommi', 'int kommi', 'ingen ersättare', 'sjukledig', 'strömmen bröts', 'kylskåpet var tomt', 'dosetten full', 'ingen kom', 'blöt', 'utan värme', 'inget vatten', 'frös', 'hemhjälpen har inte', 'hemhjälp* har inte', 'brödet är slut', 'är slut', 'till butiken', 'inte eldat', 'utan el', 'batteriet', 'personalen inte kom', 'inte kom'],
    en: ['without food', 'no food', 'hasnt eaten', 'not eaten', 'out of food', 'nothing to eat', 'without his medication', 'without her medication', 'without medication', 'without his meds', 'without her meds', 'without medicine', 'out of medication', 'out of meds', 'out of insulin', 'no insulin', 'without insulin', 'ran out of insulin', 'home care didnt come', 'home care hasnt', 'home care did not', 'carer didnt come', 'carer hasnt', 'caregiver didnt', 'nobody has checked', 'nobody has visited', 'no one has checked', 'no one has been', 'nobody has been', 'left alone', 'carer is in hospital', 'in hospital', 'no heating', 'cold flat', 'hasnt had anything to drink', 'not drinking', 'hasnt come', 'only had water', 'cant get out of bed', 'can be with him', 'can be with her', 'cant be alone', 'paused', 'no bread', 'medicine is finished', 'nobody replaced', 'wet herself', 'wet himself', 'has come', 'stopped eating', 'didnt show up', 'alone in the flat', 'alone in the house', 'taken by ambulance', 'taken to hospital', 'ambulance', 'out of', 'hasnt eaten', 'helpless', 'forgot to visit', 'nobody came', 'no one came', 'missed visits', 'without help', 'cant manage alone', 'no carer', 'no one to help', 'nobody to help', 'hadnt eaten', 'no medicine', 'freezing', 'ran out', 'hasnt turned up', 'didnt turn up', 'no replacement', 'sick leave', 'power was cut', 'fridge was empty', 'pill box full', 'nobody came', 'soaked', 'no heat', 'no water', 'froze', 'has not come', 'only tea', 'cupboard is empty', 'empty cupboard', 'never came', 'isnt eating', 'not eating'],
  },
  // ——— falls ———
  cant_get_up_alone: {
    fi: ['ei pääse ylös', 'en pääse ylös', 'ei pääse lattialta', 'ei pysty nousemaan', 'en pysty nousemaan', 'makaa lattialla', 'en saa itseäni ylös', 'ei saa itseään ylös', 'ei pääse omin avuin ylös'],
    sv: ['kommer inte upp', 'kan inte resa mig', 'kan inte resa sig', 'ligger på golvet', 'kan inte ta mig upp', 'kan inte ta sig upp', 'inte kommer upp'],
    en: ['cant get up', 'cannot get up', 'unable to get up', 'lying on the floor', 'cant get back up', 'can not rise'],
  },
  fell: {
    fi: ['kaatu*', 'kaaduin', 'kaatuin', 'kaatunu*', 'putosi', 'putos', 'pudonnut', 'lysähti', 'lyyhistyi', 'liukastui', 'liukastu', 'retkahti'],
    sv: ['föll', 'fallit', 'ramla*', 'trillat', 'trillade', 'halkade', 'snubblade', 'fallit', 'ramlade', 'trillat'],
    en: ['fell', 'fallen', 'has fallen', 'had a fall', 'slipped', 'collapsed', 'tripped', 'slid off', 'came off', 'fell out', 'fell down', 'thud'],
  },
  cant_get_up: {
    fi: ['ei pääse ylös', 'en pääse ylös', 'ei pääse lattialta', 'ei pääse sängystä', 'ei pääse pystyyn', 'ei pysty nousemaan', 'en pysty nousemaan', 'ei jaksa nousta', 'ei saa noustua', 'en saa noustua', 'ei saa nostettua', 'en saa nostettua', 'ei nouse', 'makaa lattialla', 'makaa maassa', 'lattialla', 'maassa', 'ei pääse liikkumaan', 'en pääse liikkumaan', 'ei pääse ylös lattialta', 'ei pääse nousemaan', 'ei oo päässy ylös', 'ei ole päässyt ylös', 'ei pysty liikkumaan', 'jalat ei kanna', 'en saa itseäni ylös', 'en saa itteäni ylös', 'ei saa itseään ylös', 'nouseminen ei onnistu', 'omin avuin ylös', 'makaa siellä', 'makaa pihalla', 'ei pääse nousemaan', 'ei pysty liikkumaan', 'ei nouseminen onnistu', 'nouseminen ei onnistu', 'jäänyt lattialle', 'lattialle jumiin', 'jumissa', 'ei pääse sieltä', 'ei saa nousemaan', 'emme saa häntä ylös', 'en saa häntä ylös', 'en jaksa nostaa', 'en pysty nostamaan'],
    sv: ['kommer inte upp', 'kommer int upp', 'kan inte resa sig', 'kan int resa sig', 'kan inte ta sig upp', 'ligger på golvet', 'på golvet', 'orkar inte resa sig', 'kan inte stiga upp', 'får inte upp', 'kan inte lyfta', 'kan inte resa mig', 'resa mig', 'komma upp', 'ligger kvar', 'kan inte röra sig', 'kan inte stå', 'hittade henne på golvet', 'hittade honom på golvet', 'inte kommer upp', 'inte kan resa sig', 'inte kan resa mig', 'får inte upp henne', 'får inte upp honom', 'kan inte lyfta henne', 'kan inte lyfta honom', 'fast på golvet'],
    en: ['cant get up', 'cannot get up', 'unable to get up', 'on the floor', 'lying on the floor', 'cant stand', 'cannot stand', 'cant lift', 'cannot lift', 'stuck on the floor', 'can not rise', 'cant rise', 'cant move', 'still lying', 'lying on', 'cant get back up', 'cant lift her', 'cant lift him', 'onto the floor', 'lying in the', 'stuck', 'on the ground', 'lying on the ground', 'cant get her up', 'cant get him up'],
  },
};

export interface AcuteRule {
  category: AcuteCategory;
  /** concepts that must all occur within `window` words of the first */
  all: string[];
  window?: number;
  /** 1: enough alone; 0.5: needs a second hit of the category */
  weight?: number;
}

/**
 * Cue pairs: two distinct cue groups (or a cue group and a concept) within a window make a text
 * acute. Single cues say little ("lääkkeet", "viimeinen", "pelkään"); two of different kinds near
 * each other rarely occur in an ordinary message. Expanded into rules below.
 */
const CUE_PAIRS: [AcuteCategory, string, string, number?][] = [
  ['suicide', 'cue_means', 'cue_death'], ['suicide', 'cue_means', 'cue_decision'], ['suicide', 'cue_means', 'cue_finality'],
  ['suicide', 'cue_means', 'despair'], ['suicide', 'cue_means', 'cue_burden'], ['suicide', 'cue_means', 'cue_self_voice'], ['suicide', 'cue_means', 'now_marker', 12],
  ['suicide', 'cue_death', 'cue_decision'], ['suicide', 'cue_death', 'cue_burden'], ['suicide', 'cue_death', 'cue_self_voice'], ['suicide', 'cue_death', 'despair'],
  ['suicide', 'cue_decision', 'cue_finality'], ['suicide', 'cue_death', 'now_marker', 8],
  ['suicide', 'cue_meta_writing', 'cue_means'], ['suicide', 'cue_meta_writing', 'high_place'], ['suicide', 'cue_meta_writing', 'cue_death'], ['suicide', 'cue_meta_writing', 'despair'],
  ['suicide', 'high_place', 'cue_death'], ['suicide', 'high_place', 'despair'],
  ['suicide', 'cue_decision', 'cue_decision'], ['suicide', 'cue_finality', 'cue_finality', 15], ['suicide', 'dose_question', 'lethal', 12],
  ['suicide', 'cue_unreachable', 'cue_death'], ['suicide', 'cue_unreachable', 'cue_decision'], ['suicide', 'cue_unreachable', 'cue_means'], ['suicide', 'cue_unreachable', 'despair'],
  ['suicide', 'pills', 'lethal', 12], ['suicide', 'pills', 'cue_decision'],
  ['violence_now', 'weapon', 'conditional_threat'], ['violence_now', 'weapon', 'cue_presence'], ['violence_now', 'cue_harm_act', 'cue_harm_act', 12],
  ['left_without_care', 'vulnerable', 'cue_not_seen', 25], ['left_without_care', 'cue_not_seen', 'duration', 15], ['left_without_care', 'cue_not_seen', 'cue_not_seen', 20],
  ['left_without_care', 'vulnerable', 'lack_care', 30],
  ['medical_emergency', 'sudden', 'cue_body', 8],
  ['fall_cannot_get_up', 'cue_down', 'duration', 6], ['fall_cannot_get_up', 'fell', 'lying', 8], ['fall_cannot_get_up', 'cue_down', 'cue_cannot_rise', 15],
  ['child_danger', 'child', 'abduction', 12], ['child_danger', 'child', 'gang', 15], ['violence_now', 'gang', 'cue_fear', 15],
  ['violence_now', 'assault_sign', 'assault_sign', 15], ['suicide', 'cue_meta_writing', 'cue_burden'], ['child_danger', 'small_child', 'intoxicated', 15], ['suicide', 'cue_decision', 'cue_burden'], ['suicide', 'cue_decision', 'despair'],
  ['suicide', 'cue_burden', 'cue_finality'], ['suicide', 'cue_burden', 'despair'], ['suicide', 'cue_self_voice', 'despair'],
  ['violence_now', 'cue_harm_act', 'cue_presence'], ['violence_now', 'cue_harm_act', 'cue_fear'], ['violence_now', 'cue_harm_act', 'now_marker', 10],
  ['violence_now', 'cue_fear', 'cue_presence'], ['violence_now', 'cue_noise', 'cue_outcry', 12], ['violence_now', 'cue_noise', 'cue_harm_act', 12], ['violence_now', 'cue_noise', 'cue_noise', 12],
  ['violence_now', 'hit', 'cue_presence'], ['violence_now', 'hit', 'cue_fear'],
  ['medical_emergency', 'cue_body', 'cue_body', 12], ['medical_emergency', 'cue_body', 'cue_drowsy'], ['medical_emergency', 'cue_cause', 'cue_body'],
  ['medical_emergency', 'cue_cause', 'cue_drowsy'], ['medical_emergency', 'pills', 'cue_drowsy'],
  ['left_without_care', 'vulnerable', 'cue_carer_gone', 25], ['left_without_care', 'vulnerable', 'cue_cut_off', 25], ['left_without_care', 'cue_carer_gone', 'cue_cut_off', 25],
  ['left_without_care', 'cue_carer_gone', 'alone', 20],
  ['fall_cannot_get_up', 'cue_down', 'cue_cannot_rise', 15],
  ['child_danger', 'child', 'cue_harm_act', 12], ['child_danger', 'child', 'locked_car', 6], ['child_danger', 'small_child', 'locked_car', 10], ['child_danger', 'small_child', 'cue_fear', 12],
];

export const ACUTE_RULES: AcuteRule[] = [
  ...CUE_PAIRS.map(([category, a, b, window]): AcuteRule => ({ category, all: [a, b], window: window ?? 20 })),
  // suicide and self-harm: direct, indirect and third-party
  { category: 'suicide', all: ['suicide_word'] },
  { category: 'suicide', all: ['kill', 'reflexive'], window: 3 },
  { category: 'suicide', all: ['want', 'die_fi'], window: 4 },
  { category: 'suicide', all: ['negation', 'can_want', 'live'], window: 4 },
  { category: 'suicide', all: ['better_without_me'] },
  // despair alone is not acute; two distinct signs of it, or despair with a plan, a means or a night, are
  { category: 'suicide', all: ['despair', 'despair'], window: 40 },
  { category: 'suicide', all: ['despair', 'pills'], window: 20 },
  { category: 'suicide', all: ['despair', 'farewell'], window: 30 },
  { category: 'suicide', all: ['despair', 'now_marker'], window: 6, weight: 0.5 },
  { category: 'suicide', all: ['method_self'] },
  { category: 'suicide', all: ['jump', 'method_self'], window: 6 },
  { category: 'suicide', all: ['take_many', 'pills'], window: 6 },
  { category: 'suicide', all: ['jump', 'high_place'], window: 8 },
  { category: 'suicide', all: ['high_place', 'now_marker'], window: 10 },
  { category: 'suicide', all: ['farewell'] },
  { category: 'suicide', all: ['farewell', 'pills'], window: 15 },
  // violence now, sexual violence, threats to kill
  { category: 'violence_now', all: ['violence_strong'] },
  { category: 'violence_now', all: ['hit', 'victim'], window: 4 },
  { category: 'violence_now', all: ['hit', 'tonight'], window: 6 },
  { category: 'violence_now', all: ['kill', 'victim'], window: 3 },
  // a child in danger
  { category: 'child_danger', all: ['child', 'hit'], window: 5 },
  { category: 'child_danger', all: ['small_child', 'alone'], window: 10 },
  { category: 'child_danger', all: ['child', 'alone', 'danger_place'], window: 10 },
  { category: 'child_danger', all: ['child', 'alone', 'duration'], window: 15 },
  { category: 'child_danger', all: ['not_fed', 'intoxicated'], window: 15 },
  { category: 'child_danger', all: ['small_child', 'danger_place'], window: 15 },
  { category: 'child_danger', all: ['child', 'intoxicated'], window: 12 },
  { category: 'child_danger', all: ['child', 'not_fed'], window: 10 },
  { category: 'child_danger', all: ['child', 'afraid_home'], window: 10 },
  { category: 'child_danger', all: ['afraid_home'] },
  { category: 'child_danger', all: ['child', 'missing'], window: 20 },
  { category: 'child_danger', all: ['child', 'danger_word'], window: 6 },
  { category: 'child_danger', all: ['small_child', 'shake_baby'], window: 5 },
  { category: 'child_danger', all: ['child', 'violence_strong'], window: 10 },
  // no shelter tonight
  { category: 'no_shelter_tonight', all: ['no_shelter_strong'] },
  { category: 'no_shelter_tonight', all: ['homeless', 'tonight'], window: 15 },
  { category: 'no_shelter_tonight', all: ['homeless', 'homeless'], window: 15 },
  // medical and substance emergencies
  { category: 'medical_emergency', all: ['unresponsive'] },
  { category: 'medical_emergency', all: ['sudden', 'confusion'], window: 6 },
  { category: 'medical_emergency', all: ['small_child', 'swallowed'], window: 8 },
  { category: 'suicide', all: ['stockpile', 'pills'], window: 8 },
  { category: 'suicide', all: ['pills', 'tonight', 'want'], window: 10, weight: 0.5 },
  // an older or disabled person left without care, food or medicine
  { category: 'left_without_care', all: ['vulnerable', 'lack_care'], window: 25 },
  { category: 'left_without_care', all: ['lack_care', 'duration'], window: 10, weight: 0.5 },
  { category: 'left_without_care', all: ['lack_care', 'lack_care'], window: 20 },
  // fell and cannot get up
  { category: 'fall_cannot_get_up', all: ['fell', 'cant_get_up'], window: 15 },
  { category: 'fall_cannot_get_up', all: ['cant_get_up_alone'] },
];

/** Idioms in which an acute word is not meant: excluded where they stand. */
export const FIGURATIVE: ByLang = {
  fi: ['byrokratia tappaa', 'byrokratia tappaa mut', 'työ tappaa', 'tää tappaa', 'tämä tappaa', 'stressi tappaa', 'odottaminen tappaa', 'jonottaminen tappaa', 'tylsyys tappaa', 'tapan aikaa', 'tappaa aikaa', 'tappaa aikaa', 'lyön vetoa', 'lyödä vetoa', 'lyö vetoa', 'löi vetoa', 'löi laimin', 'lyönyt laimin', 'lyö laimin', 'lyö läpi', 'löi läpi', 'lyödä rahoiksi', 'hakkaa puita', 'hakkasin puita', 'hakata puita', 'hakkaa päätä', 'hakata päätä', 'hakkaan päätä', 'päätä seinään', 'kuolettavan', 'kuolen nauruun', 'kuolla nauruun', 'kuolen uteliaisuuteen', 'hakkaa tietokonetta', 'potkut', 'sai potkut', 'lyödä lukkoon', 'lyö lukkoon', 'lyöty lukkoon', 'kaatui kauppa', 'kauppa kaatui', 'kaatui kone', 'tietokone kaatui', 'kone kaatui', 'sovellus kaatui', 'järjestelmä kaatui', 'hakemus kaatui', 'kaatui hakemus', 'tappion', 'tappiolla', 'kuristaa talous', 'talous kuristaa', 'rahat loppu', 'rahat on loppu', 'kuolla kotona', 'kuolla omassa kodissa', 'asua isän', 'asua äidin', 'mihin kääntyä', 'mihin voisin kääntyä', 'mihin mun pitäis kääntyä', 'viimeinen viestini tähän asiaan', 'viimeinen viesti tähän asiaan', 'excel tappaa', 'koulu tappaa', 'kesäks mökille', 'katoan mökille', 'kiire tappaa', 'helle tappaa', 'kuolla häpeästä', 'kuolen häpeästä', 'kuolla häpeään', 'kuolen häpeään', 'kuolla tylsyyteen', 'kuolen tylsyyteen', 'herää aamulla', 'herää aamuisin', 'herää aamuin', 'herätä aamulla', 'herätä aamuisin', 'hakkaa rumpuja', 'hakkaa näppäimistöä', 'hakkaa mut pelissä', 'sulkiks*', 'pelissä', 'ulos kahvilasta', 'ulos kaupasta', 'ulos ravintolasta', 'ulos baarista', 'pois töistä', 'pois koulusta', 'löi polve*', 'löi päänsä', 'löi kyynärpää*', 'löi varpaa*', 'ei mitään väkivaltaa', 'ei väkivaltaa', 'ei ole väkivaltaa', 'kuoli viime', 'vitamiini*'],
  sv: ['dör av skratt', 'döda tiden', 'slå ihjäl tiden', 'slå vad', 'slog vad', 'slår vad', 'slog igenom', 'slår igenom', 'jobbet dödar', 'pappersarbetet dödar', 'datorn ramlade', 'systemet föll', 'man skjuter', 'spel där', 'dö hemma', 'bo hos pappa', 'bo hos mamma', 'vart jag ska vända mig', 'vart ska jag vända mig', 'vem jag ska vända mig till', 'sista meddelande i ärendet', 'mitt sista meddelande i', 'pappersarbetet tar', 'det här tar livet', 'jobbet tar livet', 'det tar livet av mig', 'slog ihjäl två', 'slog ihjäl en', 'slå ihjäl en', 'sliter ihjäl', 'jobbar ihjäl', 'skrattar ihjäl', 'drack ihjäl', 'söp ihjäl', 'supit ihjäl', 'vakna på morgonen', 'inget våld', 'd-vitamin', 'vitamin*'],
  en: ['is killing me', 'are killing me', 'was killing me', 'killing time', 'kill time', 'dying to', 'would kill for', 'to die for', 'hit me up', 'hit me back', 'hit the road', 'beat the deadline', 'beat me to it', 'kick off', 'kicked off', 'kick out of', 'dead tired', 'dead end', 'deadline', 'knocked me out', 'cut me off', 'hit by the news', 'hit hard by', 'fell behind', 'fall behind', 'fell through', 'fell apart', 'killing it', 'hit the ceiling', 'hit a wall', 'die at home', 'live with my', 'live with him', 'live with her', 'where to turn', 'who to turn to', 'absolutely killing me', 'really killing me', 'killing me this week', 'last message on this matter', 'my last message on', 'dead on my feet', 'hit his head', 'hit her head', 'hit my head', 'hit its head', 'wake up in the morning', 'no violence', 'get kicked out', 'be kicked out', 'lost my brother to', 'lost my sister to', 'lost my son to', 'lost my daughter to', 'lost him to', 'lost her to', 'vitamin*'],
};

/** Framings that lower a hit's weight (not a veto): a far past without a present, a question of procedure, a hypothesis. */
const YEARS = range(1950, 2025).map(String);
const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTHS_SV = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const MONTHS_FI = ['tammikuussa', 'helmikuussa', 'maaliskuussa', 'huhtikuussa', 'toukokuussa', 'kesäkuussa', 'heinäkuussa', 'elokuussa', 'syyskuussa', 'lokakuussa', 'marraskuussa', 'joulukuussa'];

export const DAMPERS: Record<'now' | 'far_past' | 'information' | 'hypothetical' | 'resolved' | 'joke' | 'serious' | 'negation', ByLang> = {
  /** just before a match, denies it: "ei lyönyt", "no hitting", "inga slag", "no thoughts of hurting myself" */
  negation: {
    fi: ['ei', 'en', 'eikä', 'ei ole', 'ei oo', 'kukaan ei ole', 'ilman'],
    sv: ['inga', 'inget', 'ingen', 'inte', 'aldrig', 'utan'],
    en: ['no', 'not', 'never', 'without', 'nobody has', 'no one has'],
  },
  /** cancels the joke framing: "lol. ei se oo vitsi" */
  serious: {
    fi: ['ei oo vitsi', 'ei ole vitsi', 'en vitsaile', 'oikeesti', 'tosissani', 'oo vitsi', 'ole vitsi'],
    sv: ['inte ett skämt', 'skojar inte', 'på riktigt', 'allvar'],
    en: ['not a joke', 'not joking', 'im serious', 'for real', 'seriously'],
  },
  now: {
    fi: ['nyt', 'nytten', 'just nyt', 'juuri nyt', 'tällä hetkellä', 'parhaillaan', 'tänään', 'tänää', 'tänä yönä', 'tänä iltana', 'äsken', 'hetki sitten', 'eilen', 'viime yönä', 'viime yö', 'taas', 'edelleen', 'vieläkin', 'koko ajan', 'just', 'heti', 'tunti sitten', 'tuntia sitten', 'aamulla', 'illalla', 'yöllä', 'vähän aikaa sitten', 'hetki sitten', 'äsken'],
    sv: ['nu', 'just nu', 'i natt', 'inatt', 'ikväll', 'i kväll', 'idag', 'i dag', 'nyss', 'igår', 'i går', 'igen', 'fortfarande', 'genast', 'timme sedan', 'timmar sedan', 'i morse'],
    en: ['now', 'rn', 'right now', 'tonight', 'today', 'just now', 'an hour ago', 'hours ago', 'last night', 'yesterday', 'again', 'still', 'this morning', 'this evening', 'currently', 'at the moment'],
  },
  far_past: {
    fi: [...YEARS, ...MONTHS_FI, 'viime kuussa', 'viime keväänä', 'viime kesänä', 'viime syksynä', 'viime talvena', 'ensi viikolla', 'ensi kuussa', 'ensi vuonna', 'kuukauden päästä', 'kuukauden kuluttua', 'viikon päästä', 'kuukausien päästä', 'tulevaisuudessa', 'vuosia sitten', 'vuotta sitten', 'vuosi sitten', 'viime vuonna', 'toissa vuonna', 'lapsena', 'nuorena', 'aikoinaan', 'menneisyy*', 'vuosikausia sitten',  'aikanaan', 'teininä', 'kymmenen vuotta', 'silloin kun olin', 'aiemmassa suhteessa', 'kauan sitten', 'pitkän aikaa sitten', 'viime talvena', 'joskus vaikeina aikoina', 'talvella', 'yläasteella', 'lukiossa', 'nuoruudessa'],
    sv: [...YEARS, ...MONTHS_SV.map((m) => `i ${m}`), 'förra månaden', 'förra våren', 'i våras', 'i fjol', 'nästa vecka', 'nästa månad', 'om en månad', 'i framtiden', 'år sedan', 'år sen', 'flera år', 'förra året', 'som barn', 'som ung', 'för länge sedan', 'för länge sen', 'länge sedan', 'tidigare förhållande', 'tidigare', 'förra vintern', 'förra sommaren'],
    en: [...YEARS, ...MONTHS_EN.map((m) => `in ${m}`), 'last month', 'last spring', 'last summer', 'last winter', 'next week', 'next month', 'next year', 'in the future', 'years ago', 'year ago', 'last year', 'as a child', 'when i was young', 'when i was a kid', 'when i was little', 'in the past', 'long ago', 'long time ago', 'used to', 'previous relationship', 'back then', 'childhood', 'decades ago'],
  },
  information: {
    fi: ['miten teen', 'miten tehdä', 'miten tehdään', 'miten ilmoitetaan', 'miten ilmoitan', 'miten ilmoittaa', 'kuinka teen', 'kuinka tehdä', 'ilmoituksen tekeminen', 'ilmoituksen tekemisestä', 'haluaisin tietoa', 'haluan tietoa', 'tietoa aiheesta', 'yleisesti', 'yleistä tietoa', 'ensiapukurs*', 'haastatel*',  'uutisia', 'uutisissa', 'ennaltaehkäis*', 'ehkäisy*', 'kurssi*', 'koulutus*', 'onko tämä normaalia', 'onko normaalia', 'onko se normaalia', 'lastensuojeluilmoitu*', 'ilmoitus tehdä', 'ilmoituksen tekemiseen', 'koulutyö*', 'opinnäyte*', 'esitelmä*', 'tutkielma*', 'aukioloaj*', 'aukiolo*', 'vertaistuki*', 'tukiryhm*', 'mistä saa apua', 'mistä saisi', 'käsitellä', 'terapia*', 'keskusteluapu*', 'surutu*', 'surusta', 'suru*', 'luin lehdestä', 'lehdessä', 'lehdestä', 'uutisissa', 'romaani*', 'kirjoitan kirjaa', 'novelli*', 'normaalia', 'onko tää normaalia', 'dekkari*', 'luento*', 'näytelmä*', 'kohtaus jossa', 'elokuva*', 'tv-sarja*', 'sarjassa', 'jääkiekko*', 'finaali*', 'ottelu*', 'tutkimus*', 'yleisesti kysyn', 'kysyn yleisesti'],
    sv: ['hur gör man', 'hur anmäler', 'deckare', 'uppsats', 'intervju*', 'är det normalt', 'kurs*', 'utbildning*', 'förebygg*', 'barnskyddsanmälan', 'hur gör jag en anmälan', 'information om', 'allmänt', 'skolarbete', 'öppettider', 'stödgrupp', 'samtalsstöd', 'terapi', 'bearbeta', 'sorg', 'läste i tidningen', 'i tidningen', 'roman', 'romanen', 'bok', 'novell', 'är det okej', 'är det ok', 'läste om', 'läst om', 'ungdomsbok', 'film*', 'tv-serie*', 'serien', 'drama', 'forskning', 'allmänt'],
    en: ['how do i report', 'how to report', 'thesis', 'interview', 'thriller', 'is that normal', 'is it normal', 'is this normal', 'course', 'training', 'prevention', 'awareness', 'recognising', 'recognizing', 'news', 'how do you report', 'how do i make a report', 'information about', 'info about', 'in general', 'school project', 'opening hours', 'support group', 'therapy', 'counselling', 'counseling', 'process', 'grief', 'cope with what happened', 'deal with what happened', 'read in the paper', 'in the news', 'novel', 'book', 'fiction', 'story i am writing', 'read about', 'film', 'short film', 'movie', 'crime drama', 'drama', 'tv series', 'show', 'for research', 'hockey', 'the match', 'asking generally', 'generally', 'first aid course'],
  },
  resolved: {
    fi: ['voin hyvin', 'voin nyt hyvin', 'voi hyvin', 'voi nyt hyvin', 'voi paremmin', 'voin paremmin', 'on hoidossa', 'nyt jo ok', 'ja hän pärjää', 'hän pärjää', 'jäin eläkkeelle', 'eläkkeelle', 'muutin', 'uusi asunto', 'on jo ok', 'ei mitään väkivaltaa', 'raittiina', 'on ohi', 'oli ohi', 'mutta en nyt', 'mut en nyt', 'asun nyt', 'nyt on kämppä', 'nyt minulla on asunto', 'pärjää kyllä', 'pärjää hyvin', 'on turvassa', 'nousi itse', 'voinut hyvin', 'paljon parempi', 'on parempi', 'kohdallaan', 'kotiutuu', 'täytin 80', 'täytin 70', 'täytin 90', 'poliisi vei hänet', 'poliisi vei sen', 'poliisi haki', 'tutkintavankeu*', 'pidätettiin', 'olen turvassa', 'olemme turvassa', 'ovat turvassa', 'ollaan turvassa', 'rauhoittu*', 'parantunut', 'parantunu', 'nousi itse ylös', 'sano et on kunnossa'],
    sv: ['mår bra nu', 'mår bättre', 'mår bra', 'är över', 'är bra nu', 'nykter nu', 'men inte nu', 'nu har jag bostad', 'klarar sig bra', 'är i säkerhet', 'reste sig själv', 'mått bra', 'mycket bättre', 'skrivs ut', 'polisen kom och tog', 'polisen tog honom', 'häktad', 'anhållen', 'trygga', 'är trygga', 'lugnat sig', 'läkt', 'läkt nu'],
    en: ['things are sorted', 'at the shelter now', 'retired', 'retirement', 'fine now', 'ok now', 'okay now', 'doing well', 'doing better', 'hes fine', 'shes fine', 'im fine now', 'recovered', 'sober now', 'is over now', 'but not now', 'now i have', 'is managing', 'is safe now', 'im safe now', 'got up by himself', 'got up by herself', 'got up on his own', 'and is fine', 'been well', 'much better', 'being discharged', 'police came and took', 'police took him', 'in custody', 'arrested', 'are safe', 'and safe', 'calmed down', 'got himself up', 'got herself up', 'says hes fine', 'says shes fine', 'healed'],
  },
  joke: {
    fi: ['lol', 'haha*', 'hehe*', 'hah', 'xd', 'jk', 'pelatessa', 'pelaa*', 'leikissä', 'leikkiessä', 'leikkii', 'leikkivät', 'leikkiä'],
    sv: ['lol', 'haha*', 'hehe*', 'skojar', 'spelade', 'spelar', 'lekte', 'leken', 'leker'],
    en: ['lol', 'lmao', 'haha*', 'hehe*', 'jk', 'kidding', 'video game', 'over a game', 'playing', 'gaming', 'pretend', 'pretending'],
  },
  hypothetical: {
    fi: [ 'entä jos', 'jos vaikka', 'siinä tapauksessa', 'jos joku', 'mitä tapahtuu jos', 'pitäisikö', 'jos lapsi', 'jos naapuri', 'jos joskus', 'mitä jos', 'mitä pitää tehdä jos', 'mitä tehdä jos', 'jos huomaa'],
    sv: [ 'vad händer om', 'om någon', 'i fall', 'ifall', 'om man', 'tänk om'],
    en: [ 'in case', 'hypothetically', 'if a child', 'what happens if', 'is it ok', 'is it okay', 'is it allowed', 'can a', 'what if', 'if someone'],
  },
};
