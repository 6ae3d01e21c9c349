"""Documents and (query, expected document) pairs that measure decision search's recall.

Each document is an agenda item or an officeholder decision as a municipality writes them, in
Finnish and Swedish. A query names the document it must find; `related` names documents that
may fairly rank above it (a query for "koulu" may show the school centre first), every other
document ranked above the expected one counts as unrelated noise.
"""

from typing import NamedTuple


class Document(NamedTuple):
    kind: str  # "item" or "decision"
    title_fi: str
    title_sv: str
    text_fi: str
    text_sv: str


class Case(NamedTuple):
    language: str
    query: str
    expected: str
    related: tuple[str, ...] = ()


DOCUMENTS = {
    "school_centre": Document(
        "item",
        "Koulukeskuksen peruskorjaus",
        "Renovering av skolcentret",
        "Koulukeskuksen ilmanvaihto ja katto ovat käyttöikänsä päässä. Kuntotutkimus valmistui "
        "keväällä, ja hankesuunnitelman kustannusarvio on 4,2 miljoonaa euroa.",
        "Skolcentrets ventilation och tak är uttjänta. Konditionsundersökningen blev klar i "
        "våras och projektplanens kostnadskalkyl är 4,2 miljoner euro.",
    ),
    "school_network": Document(
        "item",
        "Kirkonkylän koulun oppilasmäärä ja kouluverkko",
        "Elevantalet i kyrkbyns skola och skolnätet",
        "Koulujen oppilasmäärät laskevat seuraavan viiden vuoden aikana. Sivistyslautakunta "
        "selvittää pienten koulujen yhdistämistä.",
        "Elevantalet i skolorna sjunker under de följande fem åren. Bildningsnämnden utreder "
        "en sammanslagning av de små skolorna.",
    ),
    "day_care": Document(
        "item",
        "Uuden päiväkodin rakentaminen Rantalaan",
        "Byggande av ett nytt daghem i Rantala",
        "Päiväkodit ovat täynnä ja varhaiskasvatuksen tarve kasvaa. Uuteen päiväkotiin tulee "
        "kuusi ryhmää ja valmistuskeittiö.",
        "Daghemmen är fulla och behovet av småbarnspedagogik växer. Det nya daghemmet får sex "
        "grupper och ett tillagningskök.",
    ),
    "public_transport": Document(
        "item",
        "Joukkoliikenteen palvelutaso vuonna 2027",
        "Servicenivån för kollektivtrafiken år 2027",
        "Linja-autovuoroja lisätään arkiaamuisin. Joukkoliikennelippujen hinnat pysyvät ennallaan.",
        "Bussturerna utökas på vardagsmorgnar. Priserna på biljetterna i kollektivtrafiken "
        "förblir oförändrade.",
    ),
    "swimming_hall": Document(
        "item",
        "Uimahallin aukioloajat ja uintimaksut",
        "Simhallens öppettider och simavgifter",
        "Uimahalli on suljettuna heinäkuussa huoltotöiden vuoksi. Uintimaksuihin ei esitetä "
        "korotuksia.",
        "Simhallen är stängd i juli på grund av underhållsarbeten. Inga höjningar av "
        "simavgifterna föreslås.",
    ),
    "library": Document(
        "decision",
        "Kirjaston omatoimiaikojen laajentaminen",
        "Utvidgning av bibliotekets meröppettider",
        "Päätän, että pääkirjasto ja sivukirjastot ovat avoinna omatoimisesti myös sunnuntaisin.",
        "Jag beslutar att huvudbiblioteket och filialbiblioteken är meröppna även på söndagar.",
    ),
    "local_plan": Document(
        "item",
        "Rantapuiston asemakaavan muutos",
        "Ändring av detaljplanen för Strandparken",
        "Kaavamuutoksella mahdollistetaan uusi uimaranta ja kevyen liikenteen väylä. "
        "Kaavaluonnos on ollut nähtävillä.",
        "Planändringen möjliggör en ny badstrand och en gång- och cykelväg. Planutkastet har "
        "varit framlagt.",
    ),
    "street_lights": Document(
        "decision",
        "Katuvalaistuksen uusiminen LED-valaisimiin",
        "Förnyelse av gatubelysningen med LED-armaturer",
        "Elohopeavalaisimet vaihdetaan energiatehokkaisiin valaisimiin, jolloin "
        "sähkönkulutus pienenee.",
        "Kvicksilverlamporna byts ut mot energieffektiva armaturer, vilket minskar "
        "elförbrukningen.",
    ),
    "budget": Document(
        "item",
        "Talousarvion toteutuminen tammi–kesäkuussa",
        "Budgetutfallet januari–juni",
        "Verotulot ovat kertyneet ennakoitua paremmin. Sosiaali- ja terveyspalvelujen menot "
        "ylittyvät.",
        "Skatteintäkterna har ökat mer än väntat. Utgifterna för social- och hälsovården "
        "överskrids.",
    ),
    "youth_council": Document(
        "item",
        "Nuorisovaltuuston aloite nuorisotilan aukioloista",
        "Ungdomsfullmäktiges motion om ungdomslokalens öppettider",
        "Nuoret toivovat, että nuorisotalo on auki myös perjantai-iltaisin.",
        "De unga önskar att ungdomsgården är öppen även på fredagskvällar.",
    ),
    "village_grant": Document(
        "decision",
        "Avustuksen myöntäminen kyläyhdistykselle",
        "Beviljande av bidrag till byföreningen",
        "Myönnän kyläyhdistykselle 2 000 euron avustuksen kylätalon korjaukseen.",
        "Jag beviljar byföreningen ett bidrag på 2 000 euro för reparation av byagården.",
    ),
    "health_centre": Document(
        "item",
        "Terveyskeskuksen laajennus",
        "Utbyggnad av hälsocentralen",
        "Terveysaseman odotustilat laajennetaan ja vastaanottohuoneita lisätään kolme.",
        "Hälsostationens väntrum byggs ut och tre nya mottagningsrum inrättas.",
    ),
    "winter_maintenance": Document(
        "decision",
        "Katujen talvikunnossapidon urakka",
        "Entreprenad för vinterunderhåll av gatorna",
        "Lumitöiden ja liukkauden torjunnan urakoitsijaksi valitaan Rantalan Kone Oy.",
        "Till entreprenör för snöröjning och halkbekämpning väljs Rantalan Kone Oy.",
    ),
    "teacher": Document(
        "decision",
        "Opettajan viransijaisuuden täyttäminen",
        "Tillsättning av ett vikariat som lärare",
        "Valitsen lukion matematiikan lehtorin sijaiseksi ajalle 1.1.–31.5.",
        "Jag väljer en vikarie för lektorn i matematik vid gymnasiet för tiden 1.1–31.5.",
    ),
    "day_activities": Document(
        "item",
        "Päivätoiminnan järjestäminen ikäihmisille",
        "Dagverksamhet för äldre",
        "Ikäihmisten päivätoimintaa järjestetään palvelukeskuksessa kolmena päivänä viikossa.",
        "Dagverksamhet för äldre ordnas i servicecentret tre dagar i veckan.",
    ),
}

SCHOOLS = ("school_centre", "school_network")

CASES = [
    # Finnish: inflected forms, plurals, compounds both ways.
    Case("fi", "päiväkoti", "day_care"),
    Case("fi", "päiväkodin", "day_care"),
    Case("fi", "päiväkodit", "day_care"),
    Case("fi", "päiväkoteihin", "day_care"),
    Case("fi", "päiväkodissa", "day_care"),
    Case("fi", "päiväkodin rakentaminen", "day_care"),
    Case("fi", "uusi päiväkoti", "day_care"),
    Case("fi", "koulu", "school_network", SCHOOLS),
    Case("fi", "koulun", "school_network", SCHOOLS),
    Case("fi", "kouluja", "school_network", SCHOOLS),
    Case("fi", "koulujen", "school_network", SCHOOLS),
    Case("fi", "koulu", "school_centre", SCHOOLS),
    Case("fi", "koulukeskus", "school_centre", SCHOOLS),
    Case("fi", "koulukeskuksen", "school_centre", SCHOOLS),
    Case("fi", "koulukeskuksessa", "school_centre", SCHOOLS),
    Case("fi", "kouluverkko", "school_network", SCHOOLS),
    Case("fi", "joukkoliikenne", "public_transport"),
    Case("fi", "joukkoliikenteen", "public_transport"),
    Case("fi", "liikenne", "public_transport", ("local_plan",)),
    Case("fi", "joukkoliikennelippu", "public_transport"),
    Case("fi", "uimahalli", "swimming_hall"),
    Case("fi", "uimahallin", "swimming_hall"),
    Case("fi", "uimahalliin", "swimming_hall"),
    Case("fi", "uintimaksut", "swimming_hall"),
    Case("fi", "kirjasto", "library"),
    Case("fi", "kirjastojen", "library"),
    Case("fi", "sivukirjasto", "library"),
    Case("fi", "asemakaava", "local_plan"),
    Case("fi", "asemakaavan", "local_plan"),
    Case("fi", "kaavamuutos", "local_plan"),
    Case("fi", "uimarannalle", "local_plan", ("swimming_hall",)),
    Case("fi", "katuvalaistus", "street_lights"),
    Case("fi", "valaisimet", "street_lights"),
    Case("fi", "talousarvio", "budget"),
    Case("fi", "talousarvion", "budget"),
    Case("fi", "verotulojen", "budget"),
    Case("fi", "nuorisovaltuusto", "youth_council"),
    Case("fi", "nuorisotila", "youth_council"),
    Case("fi", "nuorisotalolla", "youth_council"),
    Case("fi", "avustus", "village_grant"),
    Case("fi", "avustukset", "village_grant"),
    Case("fi", "kyläyhdistys", "village_grant"),
    Case("fi", "terveyskeskus", "health_centre"),
    Case("fi", "terveyskeskuksen", "health_centre"),
    Case("fi", "talvikunnossapito", "winter_maintenance"),
    Case("fi", "lumityöt", "winter_maintenance"),
    Case("fi", "opettajan", "teacher"),
    Case("fi", "ikäihmiset", "day_activities"),
    # Swedish: definite forms, plurals, genitives, compounds both ways.
    Case("sv", "skola", "school_network", SCHOOLS),
    Case("sv", "skolan", "school_network", SCHOOLS),
    Case("sv", "skolor", "school_network", SCHOOLS),
    Case("sv", "skolorna", "school_network", SCHOOLS),
    Case("sv", "skolan", "school_centre", SCHOOLS),
    Case("sv", "skolcentrum", "school_centre", SCHOOLS),
    Case("sv", "skolcentret", "school_centre", SCHOOLS),
    Case("sv", "skolcentrets", "school_centre", SCHOOLS),
    Case("sv", "skolnät", "school_network", SCHOOLS),
    Case("sv", "daghem", "day_care"),
    Case("sv", "daghemmet", "day_care"),
    Case("sv", "daghemmen", "day_care"),
    Case("sv", "nytt daghem", "day_care"),
    Case("sv", "kollektivtrafik", "public_transport"),
    Case("sv", "kollektivtrafiken", "public_transport"),
    Case("sv", "trafiken", "public_transport"),
    Case("sv", "biljetter", "public_transport"),
    Case("sv", "simhall", "swimming_hall"),
    Case("sv", "simhallen", "swimming_hall"),
    Case("sv", "simhallar", "swimming_hall"),
    Case("sv", "bibliotek", "library"),
    Case("sv", "biblioteket", "library"),
    Case("sv", "biblioteken", "library"),
    Case("sv", "huvudbibliotek", "library"),
    Case("sv", "detaljplan", "local_plan"),
    Case("sv", "detaljplanen", "local_plan"),
    Case("sv", "planändring", "local_plan"),
    Case("sv", "badstranden", "local_plan"),
    Case("sv", "gatubelysning", "street_lights"),
    Case("sv", "gatubelysningen", "street_lights"),
    Case("sv", "budgetutfall", "budget"),
    Case("sv", "skatteintäkter", "budget"),
    Case("sv", "ungdomsfullmäktige", "youth_council"),
    Case("sv", "ungdomsgården", "youth_council"),
    Case("sv", "bidrag", "village_grant"),
    Case("sv", "bidraget", "village_grant"),
    Case("sv", "byföreningen", "village_grant"),
    Case("sv", "hälsocentral", "health_centre"),
    Case("sv", "hälsocentralen", "health_centre"),
    Case("sv", "snöröjningen", "winter_maintenance"),
    Case("sv", "vinterunderhåll", "winter_maintenance"),
    Case("sv", "läraren", "teacher"),
    Case("sv", "dagverksamheten", "day_activities"),
]
