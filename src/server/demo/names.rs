//! Word lists for the demo organisation: real Finnish towns and regions, common names.

/// The 25 regions of the line organisation, each with the towns its sites are in.
pub const REGIONS: &[(&str, &[&str])] = &[
    ("Helsinki keskusta", &["Helsinki"]),
    ("Helsinki itä", &["Helsinki", "Sipoo"]),
    ("Espoo ja Kauniainen", &["Espoo", "Kauniainen", "Kirkkonummi"]),
    ("Vantaa ja Kerava", &["Vantaa", "Kerava", "Tuusula", "Järvenpää"]),
    ("Länsi-Uusimaa", &["Lohja", "Vihti", "Raasepori"]),
    ("Itä-Uusimaa", &["Porvoo", "Loviisa"]),
    ("Tampere", &["Tampere", "Nokia", "Ylöjärvi"]),
    ("Pirkanmaan seutu", &["Kangasala", "Lempäälä", "Pirkkala", "Valkeakoski"]),
    ("Turku", &["Turku", "Kaarina", "Raisio", "Naantali"]),
    ("Salo ja Uusikaupunki", &["Salo", "Uusikaupunki", "Loimaa"]),
    ("Satakunta", &["Pori", "Rauma", "Ulvila"]),
    ("Kanta-Häme", &["Hämeenlinna", "Riihimäki", "Forssa"]),
    ("Päijät-Häme", &["Lahti", "Hollola", "Heinola"]),
    ("Kymenlaakso", &["Kotka", "Kouvola", "Hamina"]),
    ("Etelä-Karjala", &["Lappeenranta", "Imatra"]),
    ("Etelä-Savo", &["Mikkeli", "Savonlinna", "Pieksämäki"]),
    ("Pohjois-Savo", &["Kuopio", "Iisalmi", "Varkaus", "Siilinjärvi"]),
    ("Pohjois-Karjala", &["Joensuu", "Kontiolahti", "Lieksa"]),
    ("Keski-Suomi", &["Jyväskylä", "Jämsä", "Äänekoski", "Laukaa"]),
    ("Etelä-Pohjanmaa", &["Seinäjoki", "Lapua", "Kauhajoki"]),
    ("Pohjanmaa", &["Vaasa", "Mustasaari", "Pietarsaari"]),
    ("Keski-Pohjanmaa", &["Kokkola", "Ylivieska", "Raahe"]),
    ("Oulu", &["Oulu", "Kempele", "Liminka"]),
    ("Kainuu ja Koillismaa", &["Kajaani", "Kuusamo", "Sotkamo"]),
    ("Lappi", &["Rovaniemi", "Kemi", "Tornio", "Sodankylä"]),
];

pub const STREETS: &[&str] = &[
    "Kauppakatu", "Rautatienkatu", "Teollisuustie", "Koulukatu", "Puistokatu", "Asemakatu",
    "Keskuskatu", "Satamakatu", "Tehtaankatu", "Kirkkokatu", "Urheilutie", "Pajatie",
    "Hallituskatu", "Kalevankatu", "Yliopistonkatu", "Sairaalantie", "Energiatie", "Varastotie",
    "Kaivokatu", "Linnankatu", "Rantatie", "Myllytie", "Torikatu", "Kuninkaankatu",
];

/// Kinds of premises a facility-services company cleans.
pub const PREMISES: &[&str] = &[
    "pääkonttori", "toimisto", "varasto", "myymälä", "logistiikkakeskus", "koulu", "päiväkoti",
    "terveysasema", "tuotantolaitos", "palvelukeskus", "kauppakeskus", "hotelli", "laboratorio",
    "huoltoasema", "kirjasto", "uimahalli",
];

/// First words of the demo accounts' names, A–Ö; fictional companies and public bodies.
pub const ACCOUNT_STEMS: &[&str] = &[
    "Aalto", "Ahjo", "Aitta", "Alku", "Arina", "Aura", "Bergö", "Birka", "Borea", "Cetus",
    "Comet", "Delta", "Domus", "Eira", "Elo", "Enso", "Erä", "Fenno", "Forsa", "Fortum",
    "Gaia", "Granit", "Halla", "Harju", "Helmi", "Hiisi", "Ilves", "Inari", "Isku", "Jalo",
    "Joki", "Juva", "Kaleva", "Kallio", "Karhu", "Kide", "Kivi", "Koivu", "Kotka", "Kuura",
    "Laakso", "Lahja", "Lumo", "Luoto", "Metsä", "Mylly", "Myrsky", "Nordic", "Norppa", "Nova",
    "Oiva", "Otava", "Outo", "Paasi", "Pihlaja", "Pohja", "Puro", "Qvist", "Rauta", "Repo",
    "Ruska", "Saari", "Salmi", "Sampo", "Selkä", "Sisu", "Suomu", "Taimi", "Tapio", "Terva",
    "Tuuli", "Ukko", "Uusi", "Vaahtera", "Valo", "Vesi", "Viima", "Virta", "Wasa", "Westend",
    "Xylo", "Yrjö", "Ysi", "Zeta", "Zenit", "Åbo", "Åland", "Äijä", "Ääni", "Ärjä",
    "Ölvi", "Öljy", "Örnö", "Östra", "Aava", "Hallava", "Ketju", "Lähde", "Merituuli", "Ruoste",
];

/// Second words: what the account does.
pub const ACCOUNT_TRADES: &[&str] = &[
    "Kiinteistöt Oy", "Logistiikka Oy", "Kauppa Oy", "Terveyspalvelut Oy", "Teollisuus Oy",
    "Energia Oyj", "Pankki Oyj", "Vakuutus", "kaupunki", "Hotellit Oy", "Tekniikka Oy",
    "Elintarvike Oy", "Kiinteistörahasto", "Koulutuskuntayhtymä", "Rakennus Oy", "Media Oy",
];

pub const FIRST_NAMES: &[&str] = &[
    "Aino", "Anna", "Anne", "Antti", "Eero", "Eeva", "Elina", "Emilia", "Heikki", "Helena",
    "Hanna", "Ilkka", "Jani", "Jari", "Johanna", "Jukka", "Juha", "Kaisa", "Kari", "Katja",
    "Laura", "Leena", "Lauri", "Marja", "Markku", "Matti", "Mika", "Minna", "Niina", "Olli",
    "Outi", "Paula", "Pekka", "Petri", "Pirjo", "Riikka", "Sari", "Satu", "Seppo", "Sanna",
    "Teemu", "Tiina", "Timo", "Tuula", "Tuomas", "Ulla", "Veera", "Ville", "Päivi", "Jyrki",
];

pub const LAST_NAMES: &[&str] = &[
    "Aaltonen", "Ahonen", "Heikkinen", "Hämäläinen", "Heinonen", "Hiltunen", "Huttunen", "Jokinen",
    "Järvinen", "Kallio", "Karjalainen", "Kinnunen", "Koskinen", "Korhonen", "Laine", "Lehtonen",
    "Leinonen", "Lehtinen", "Mäkelä", "Mäkinen", "Miettinen", "Mustonen", "Nieminen", "Niemi",
    "Ojala", "Peltonen", "Pitkänen", "Rantanen", "Räsänen", "Saarinen", "Salminen", "Salonen",
    "Savolainen", "Tuominen", "Turunen", "Virtanen", "Väisänen", "Lindholm", "Österberg", "Åström",
];

pub const GREEN_SUMMARIES: &[&str] = &[
    "Toiminta sujuu sovitusti. Laatukäynnit on tehty suunnitelman mukaan, eikä reklamaatioita ole tullut.",
    "Asiakas on tyytyväinen; asiakastyytyväisyys 4,4/5. Uudet kohteet aloittivat hyvin.",
    "Kaikki kohteet toimivat hyvin. Asiakkaan kanssa sovittu kehityspalaveri pidetty ja seuraavat askeleet sovittu.",
    "Vakaa kuukausi. Sijaisjärjestelyt lomien ajalle toimivat ja laatuauditoinnin tulos oli hyvä.",
];

pub const YELLOW_SUMMARIES: &[&str] = &[
    "{town}: henkilöstövaihtuvuus kohteissa on nostanut reklamaatioita. Suunta tasainen. Korjaus: perehdytykset ja lisälaatukäynnit tässä kuussa.",
    "Asiakkaan yhteyshenkilö vaihtuu; uusi kontakti ei vielä tunne sopimusta. Korjaus: esittäytymistapaaminen ja sopimuksen läpikäynti.",
    "Laatukäyntejä on jäänyt tekemättä esimiesvaihdoksen vuoksi. Korjaus: aluejohtaja jakaa käynnit ja seuraa viikoittain.",
    "Kate jää tavoitteesta lisätöiden hinnoittelun vuoksi. Korjaus: lisätyöhinnasto asiakkaan hyväksyttäväksi.",
];

pub const RED_SUMMARIES: &[&str] = &[
    "{town}: sopimus on kilpailutuksessa ja asiakas on tyytymätön siivouksen laatuun. Korjaus: johdon tapaaminen asiakkaan kanssa, laatusuunnitelma ja viikkoraportointi.",
    "Useita vakavia reklamaatioita ja työntekijäpula. Suunta laskeva. Tarvitaan johdon tuki rekrytointiin ja sijaisten järjestämiseen.",
    "Asiakkaan päätöksentekijä vaihtui ja sopimuksen jatko on epävarma. Korjaus: johdon tapaaminen ja uuden palvelumallin esittely.",
];
