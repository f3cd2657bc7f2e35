// SEALED evaluation set for the chat acute-danger detector.
// Written without looking at the detector. Do not tune the detector against this file.
//
// Each conversation is the resident's side of one chat, in order. Each message is labelled
// '' when it (together with what came before it) does not yet indicate danger to life or safety
// now, or with the acute category when a worker should see the chat first and 112 should be
// shown now. After a chat turns acute, later messages carry the category only when they
// themselves still express it.

export interface ChatConversation {
  lang: 'fi' | 'sv' | 'en';
  messages: { text: string; acute: '' | 'suicide' | 'violence' | 'child_danger' | 'no_safe_place' | 'medical' | 'other' }[];
}

export const CHAT_DEV: ChatConversation[] = [
  // ───────────────────────────── Finnish, no acute message ─────────────────────────────
  {
    lang: 'fi',
    messages: [
      { text: 'moi', acute: '' },
      { text: 'miten haetaan toimeentulotukee', acute: '' },
      { text: 'kela hylkäs mun hakemuksen', acute: '' },
      { text: 'ok kiitti', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'Hei', acute: '' },
      { text: 'mistä saa vuokra-asunnon seinäjoelta', acute: '' },
      { text: 'onks siihe pitkä jono', acute: '' },
      { text: 'Kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei, mun äiti on 84 eikä pärjää enää kotona', acute: '' },
      { text: 'se unohtelee ottaa lääkkeet', acute: '' },
      { text: 'voiko kotihoitoa hakea sen puolesta', acute: '' },
      { text: 'joo', acute: '' },
      { text: 'kiitos paljon', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moro', acute: '' },
      { text: 'kuljetuspalvelu hakemus', acute: '' },
      { text: 'mulla on pyörätuoli ja taksi maksaa ihan älyttömästi', acute: '' },
      { text: 'okei', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'Hei! Tarvis päivähoitopaikan 1v pojalle elokuusta alkaen', acute: '' },
      { text: 'kotikunta kurikka', acute: '' },
      { text: 'mihin numeroon soitan', acute: '' },
      { text: 'kiitos 🙂', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'mulla on kaikki ulosotossa', acute: '' },
      { text: 'en tiiä mistä ees aloittaa', acute: '' },
      { text: 'talous ja velkaneuvonta?', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'heippa', acute: '' },
      { text: 'oon vaan tosi yksinäinen', acute: '' },
      { text: 'ei oo ketään kenen kaa puhua', acute: '' },
      { text: 'onks täällä jotain ryhmiä tai kerhoja', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'tää kelan lomake tappaa mut 😅', acute: '' },
      { text: 'mitä laitan kohtaan muut tulot', acute: '' },
      { text: 'aa selvä', acute: '' },
      { text: 'kiitti', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei', acute: '' },
      { text: 'Odotan', acute: '' },
      { text: 'onko ketään', acute: '' },
      { text: 'okk', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'isä kuoli viime viikolla', acute: '' },
      { text: 'tarviin apua hautajaiskuluihin', acute: '' },
      { text: 'saako siihen toimeentulotukea', acute: '' },
      { text: 'kiitos avusta', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'päivää', acute: '' },
      { text: 'erosin väkivaltasesta miehestä viime vuonna', acute: '' },
      { text: 'nyt asun turvakodin jälkeen omassa kämpässä ja kaikki hyvin', acute: '' },
      { text: 'tarvisin apua huonekaluihin kun kaikki jäi sinne', acute: '' },
      { text: 'ok kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'miten tehdään lastensuojeluilmoitus', acute: '' },
      { text: 'naapurin lapset on usein iltasin yksin pihalla', acute: '' },
      { text: 'ei mitään akuuttia mut mietityttää', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moi', acute: '' },
      { text: 'mulla on ollu masennusta pari vuotta', acute: '' },
      { text: 'tarviin terapiaa mut ei oo rahaa', acute: '' },
      { text: 'mistä vois saada apua', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'mun poika juo liikaa', acute: '' },
      { text: 'se on 19', acute: '' },
      { text: 'mistä sille sais apua jos se ite suostuu', acute: '' },
      { text: 'kiitos vastauksesta', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'omaishoidontuki, miten haetaan', acute: '' },
      { text: 'hoidan miestäni jolla on alzheimer', acute: '' },
      { text: 'okei', acute: '' },
      { text: 'kiitti', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'terve', acute: '' },
      { text: 'työkkäri lopetti mun tuen', acute: '' },
      { text: 'mitä nyt', acute: '' },
      { text: 'jaa', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'oon ihan kuollu väsymyksestä ku vauva valvottaa joka yö', acute: '' },
      { text: 'onko lapsiperheille kotipalvelua', acute: '' },
      { text: 'joo', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'Hei', acute: '' },
      { text: 'sori painoin vahingossa', acute: '' },
      { text: 'Hei hei', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'saatiin häätö', acute: '' },
      { text: 'pitää lähtee kuun loppuun mennessä', acute: '' },
      { text: 'mitä mä nyt teen', acute: '' },
      { text: 'ok soitan huomenna', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'mummo kaatu viime viikolla', acute: '' },
      { text: 'se on nyt sairaalassa', acute: '' },
      { text: 'pääseekö se kotiin vai pitääkö hakee jotain paikkaa', acute: '' },
      { text: 'ok kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'lapsella on autismi', acute: '' },
      { text: 'voiko saada tukiperheen tai jotain lomitusta', acute: '' },
      { text: 'kiitos tiedosta', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'opiskelija tässä, rahat loppu', acute: '' },
      { text: 'voiko saada ruoka-apua', acute: '' },
      { text: 'missä on ruokajakelu lapualla', acute: '' },
      { text: 'kiitti!!', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'en jaksa enää tätä byrokratiaa', acute: '' },
      { text: 'kolmas kerta ku lähetän samat paperit', acute: '' },
      { text: 'voitteko tarkistaa onko ne tullu', acute: '' },
      { text: 'oki', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moikka', acute: '' },
      { text: 'äiti tappaa mut jos se kuulee et mä hain tukea lol', acute: '' },
      { text: 'mut siis voiko alle 25v hakee toimeentulotukea jos asuu yksin', acute: '' },
      { text: 'selvä', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'sähkölasku tuli 600e', acute: '' },
      { text: 'ei oo varaa', acute: '' },
      { text: 'katkastaanko sähköt heti', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei, oon muuttanu suomeen', acute: '' },
      { text: 'tarvitsen kela kortti', acute: '' },
      { text: 'puhun vähän suomea', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moi', acute: '' },
      { text: 'kysymys', acute: '' },
      { text: 'voiko tässä chatissa olla anonyymisti', acute: '' },
      { text: 'hyvä', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'kiitos avusta eilen', acute: '' },
      { text: 'se auttoi tosi paljon', acute: '' },
      { text: 'hei hei', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'exä laittaa viestejä koko ajan', acute: '' },
      { text: 'ei se oo uhannu mitään mut ärsyttää', acute: '' },
      { text: 'voiko saada jotain keskusteluapua', acute: '' },
      { text: 'joo kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'iltaa', acute: '' },
      { text: 'oon nyt kaverin sohvalla', acute: '' },
      { text: 'voin olla siellä viikon verran', acute: '' },
      { text: 'tarviin oman asunnon', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'äidin lääkkeet loppu eikä sil oo rahaa apteekkiin', acute: '' },
      { text: 'maksusitoumus?', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei oon jonossa', acute: '' },
      { text: 'odottelen', acute: '' },
      { text: 'vieläkö', acute: '' },
      { text: 'ok odotan', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'isä pitäis saada palvelutaloon', acute: '' },
      { text: 'se on 91', acute: '' },
      { text: 'kauan siinä menee', acute: '' },
      { text: 'okei kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei', acute: '' },
      { text: 'mulla oli itsaria ajatuksia nuorena mut nyt on ihan ok', acute: '' },
      { text: 'tarviin vaan apua opintotuen takasinperintään', acute: '' },
      { text: 'jees', acute: '' },
    ],
  },

  // ───────────────────────────── Finnish, with acute messages ─────────────────────────────
  {
    lang: 'fi',
    messages: [
      { text: 'hei', acute: '' },
      { text: 'en jaksa enää', acute: '' },
      { text: 'haluun vaan kuolla', acute: 'suicide' },
      { text: 'en tiiä', acute: '' },
      { text: 'ok.', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'mulla on vuokrarästejä', acute: '' },
      { text: 'ja työt meni', acute: '' },
      { text: 'ei oo mitään järkee enää', acute: '' },
      { text: 'mietin et vetäisin kaikki pillerit kerralla', acute: 'suicide' },
      { text: 'joo mulla on ne tässä pöydällä', acute: 'suicide' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'se löi mua taas', acute: 'violence' },
      { text: 'nyt se lähti ulos', acute: '' },
      { text: 'pelkään että se tulee takaisin', acute: 'violence' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moi', acute: '' },
      { text: 'seinän takaa kuuluu et joku hakkaa lasta', acute: 'child_danger' },
      { text: 'lapsi huutaa et älä lyö', acute: 'child_danger' },
      { text: 'ok soitan', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'riideltiin äidin kaa', acute: '' },
      { text: 'se heitti mut pihalle eikä päästä takas', acute: '' },
      { text: 'mul ei oo mitään paikkaa mihin mennä yöks', acute: 'no_safe_place' },
      { text: 'puhelimes 10% akkua', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'mun isä kaatu eikä pääse ylös', acute: 'medical' },
      { text: 'se on 88', acute: '' },
      { text: 'ei pääse vieläkään ylös ja valittaa lonkkaa', acute: 'medical' },
      { text: 'ok soitan 112', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'kaveri otti jotain', acute: '' },
      { text: 'se ei herää', acute: 'medical' },
      { text: 'hengittää tosi hitaasti', acute: 'medical' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'haluun tappaa itteni', acute: 'suicide' },
      { text: 'mul on köysi jo valmiina', acute: 'suicide' },
      { text: 'en tiiä', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'apua mies uhkaa mua puukolla', acute: 'violence' },
      { text: 'oon lukinnu itteni vessaan', acute: 'violence' },
      { text: 'se hakkaa ovea', acute: 'violence' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'heii', acute: '' },
      { text: 'mun exä jätti meiän 3v yksin kotiin ja lähti baariin', acute: 'child_danger' },
      { text: 'mä oon toisella paikkakunnalla', acute: '' },
      { text: 'mitä mä teen', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'äiti lähti yöllä ulos eikä löydy mistään', acute: 'other' },
      { text: 'sillä on muistisairaus ja ulkona on -18', acute: 'other' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moi', acute: '' },
      { text: 'oon diabeetikko ja sokerit on tosi alhaalla', acute: 'medical' },
      { text: 'tärisen ja oon ihan sekava', acute: 'medical' },
      { text: 'joo ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'asuntohakemus', acute: '' },
      { text: 'ok', acute: '' },
      { text: 'kiitti', acute: '' },
      { text: 'ihan sama oikeestaan, tuskin oon enää elossa kuun päästä', acute: 'suicide' },
      { text: 'oon päättäny', acute: 'suicide' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'isäpuoli sano et hakkaa mut kun se tulee kotiin', acute: 'violence' },
      { text: 'oon 15', acute: '' },
      { text: 'pelottaa mennä kotiin', acute: 'violence' },
      { text: 'okei', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'terve', acute: '' },
      { text: 'nukuin eilen rappukäytävässä', acute: '' },
      { text: 'tänäänkään ei oo mihin mennä', acute: 'no_safe_place' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'viiltelin äsken', acute: 'medical' },
      { text: 'verta tulee tosi paljon eikä lopu', acute: 'medical' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei', acute: '' },
      { text: 'naapurin mummo ei oo avannu ovee kolmeen päivään', acute: '' },
      { text: 'posti on kasassa ja sisältä kuuluu vaan radio', acute: 'other' },
      { text: 'ok soitan', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'poika on aineissa ja rikkoo paikkoja', acute: 'violence' },
      { text: 'se uhkas mua', acute: 'violence' },
      { text: 'oon nyt naapurissa', acute: '' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: '14v tyttö lähti eilen kotoa eikä vastaa puhelimeen', acute: '' },
      { text: 'sen kaverin mukaan se on jonku aikuisen miehen luona ja siellä on aineita', acute: 'child_danger' },
      { text: 'poliisille ilmotettu jo', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'mun kaveri laitto viestin et se hyppää sillalta', acute: 'suicide' },
      { text: 'se ei vastaa', acute: '' },
      { text: 'soitin jo 112', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'vauva itkee koko ajan', acute: '' },
      { text: 'en oo nukkunu päiviin', acute: '' },
      { text: 'pelkään et teen sille jotain', acute: 'child_danger' },
      { text: 'mies tulee töistä kahen tunnin päästä', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'moi', acute: '' },
      { text: 'mummo ei tunnista mua', acute: '' },
      { text: 'puhe sammaltaa ja toinen käsi ei nouse, alko äsken', acute: 'medical' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'oon raskaana ja poikaystävä heitti mut pihalle', acute: '' },
      { text: 'ei oo rahaa eikä paikkaa yöks', acute: 'no_safe_place' },
      { text: 'kiitos', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'hei', acute: '' },
      { text: 'ostin apteekista kaks purkkia unilääkettä', acute: '' },
      { text: 'aion ottaa ne kaikki tänä iltana', acute: 'suicide' },
      { text: 'en mä tiiä', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'toimeentulotuki asia', acute: '' },
      { text: 'mies ei anna mulle rahaa ruokaan', acute: '' },
      { text: 'ja eilen kuristi mua', acute: 'violence' },
      { text: 'se on nyt kotona', acute: 'violence' },
      { text: 'en voi puhua puhelimeen', acute: '' },
    ],
  },
  {
    lang: 'fi',
    messages: [
      { text: 'huhuu', acute: '' },
      { text: 'kaveri veti liikaa lääkkeitä ja viinaa', acute: 'medical' },
      { text: 'huulet on sinisenä', acute: 'medical' },
    ],
  },

  // ───────────────────────────── Swedish, no acute message ─────────────────────────────
  {
    lang: 'sv',
    messages: [
      { text: 'Hej', acute: '' },
      { text: 'hur ansöker man om utkomststöd', acute: '' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'hej, min pappa är 89 och klarar sig inte hemma längre', acute: '' },
      { text: 'kan man få hemvård', acute: '' },
      { text: 'ok tack så mycket', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'hejsan', acute: '' },
      { text: 'färdtjänst', acute: '' },
      { text: 'jag sitter i rullstol', acute: '' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'behöver dagvårdsplats på svenska i Närpes', acute: '' },
      { text: 'från augusti', acute: '' },
      { text: 'tackar', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'har skulder och utsökning', acute: '' },
      { text: 'vet inte var jag ska börja', acute: '' },
      { text: 'okej', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'jag är så ensam sen frun dog', acute: '' },
      { text: 'finns det nån träffpunkt för äldre', acute: '' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'hej', acute: '' },
      { text: 'väntar', acute: '' },
      { text: 'är det nån där', acute: '' },
      { text: 'ok..', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'den här blanketten tar livet av mig haha', acute: '' },
      { text: 'vad skriver jag under inkomster', acute: '' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'söker hyresbostad i Kristinestad', acute: '' },
      { text: 'hur lång kö är det', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'närståendevårdarstöd?', acute: '' },
      { text: 'jag sköter min mamma', acute: '' },
      { text: 'tack för hjälpen', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'tack för igår', acute: '' },
      { text: 'det hjälpte mycket', acute: '' },
      { text: 'hej då', acute: '' },
    ],
  },

  // ───────────────────────────── Swedish, with acute messages ─────────────────────────────
  {
    lang: 'sv',
    messages: [
      { text: 'hej', acute: '' },
      { text: 'orkar inte mer', acute: '' },
      { text: 'vill bara dö', acute: 'suicide' },
      { text: 'vet inte', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'han slog mig igen', acute: 'violence' },
      { text: 'jag är rädd att han kommer tillbaka', acute: 'violence' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'blev utkastad idag', acute: '' },
      { text: 'har ingenstans att sova i natt', acute: 'no_safe_place' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'mamma har ramlat och kommer inte upp', acute: 'medical' },
      { text: 'hon är 90', acute: '' },
      { text: 'ok ringer', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'grannens barn är ute ensam i kylan mitt i natten', acute: 'child_danger' },
      { text: 'ingen öppnar dörren', acute: '' },
      { text: 'okey', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'min kompis tog för mycket tabletter', acute: 'medical' },
      { text: 'hon vaknar inte', acute: 'medical' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'behöver hjälp med hyran', acute: '' },
      { text: 'har inte ätit på tre dar', acute: '' },
      { text: 'har tänkt ta livet av mig', acute: 'suicide' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'min pappa med demens har gått ut och vi hittar honom inte', acute: 'other' },
      { text: 'det är minus 15', acute: 'other' },
      { text: 'tack', acute: '' },
    ],
  },
  {
    lang: 'sv',
    messages: [
      { text: 'min son hotar mig med kniv', acute: 'violence' },
      { text: 'jag har låst in mig', acute: 'violence' },
      { text: 'okej', acute: '' },
    ],
  },

  // ───────────────────────────── English, no acute message ─────────────────────────────
  {
    lang: 'en',
    messages: [
      { text: 'hi', acute: '' },
      { text: 'how do i apply for income support', acute: '' },
      { text: 'kela said no', acute: '' },
      { text: 'thanks', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'Hello, I moved to Seinäjoki for work', acute: '' },
      { text: 'need daycare for my daughter', acute: '' },
      { text: 'she is 3', acute: '' },
      { text: 'thank you', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'hi', acute: '' },
      { text: 'my mother is 82 and lives alone in lapua', acute: '' },
      { text: 'she needs help w shopping and cleaning', acute: '' },
      { text: 'ok thx', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'im so lonely here, no friends in finland', acute: '' },
      { text: 'any groups in english?', acute: '' },
      { text: 'ok cool thanks', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'this form is killing me lol', acute: '' },
      { text: 'what does asumismenot mean', acute: '' },
      { text: 'ty', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'hey', acute: '' },
      { text: 'waiting', acute: '' },
      { text: 'anyone?', acute: '' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'i have debts from sms loans', acute: '' },
      { text: 'can someone help me make a plan', acute: '' },
      { text: 'k', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'my son has down syndrome', acute: '' },
      { text: 'what services can he get when he turns 18', acute: '' },
      { text: 'thank you so much', acute: '' },
    ],
  },

  // ───────────────────────────── English, with acute messages ─────────────────────────────
  {
    lang: 'en',
    messages: [
      { text: 'hi', acute: '' },
      { text: 'i cant do this anymore', acute: '' },
      { text: 'i want to end it tonight', acute: 'suicide' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'my husband hit me again', acute: 'violence' },
      { text: "scared he's coming back", acute: 'violence' },
      { text: 'thanks', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'landlord changed the locks', acute: '' },
      { text: 'i have nowhere to sleep tonight', acute: 'no_safe_place' },
      { text: 'ok where do i go', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'my neighbour is lying on the floor and not answering', acute: 'medical' },
      { text: 'door is locked', acute: '' },
      { text: 'ok calling', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'my ex is drunk and driving with our kids in the car', acute: 'child_danger' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'need help with housing application', acute: '' },
      { text: 'ok 👍', acute: '' },
      { text: 'honestly dont see the point, have the pills ready', acute: 'suicide' },
      { text: 'ok', acute: '' },
    ],
  },
  {
    lang: 'en',
    messages: [
      { text: 'took too many of my sleeping pills by accident', acute: 'medical' },
      { text: 'feel really dizzy', acute: 'medical' },
      { text: 'ok', acute: '' },
    ],
  },
];
