"""Demo pages and news of the demo municipality Rantala / Strandby, in fi, sv and en."""

import datetime
import uuid

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import F
from wagtail.models import Locale, Page, Site, Workflow, WorkflowPage

from cms import services
from cms.models import (
    AccessibilityStatementPage,
    ContactPage,
    FooterLink,
    FooterLinks,
    HomePage,
    MainMenu,
    MainMenuItem,
    MunicipalitySettings,
    NewsIndexPage,
    NewsPage,
    StandardPage,
    TopicPage,
)

LANGUAGES = ("fi", "sv", "en")
HOSTNAME = "127.0.0.1"
PORT = 80
# The portal's and the town's names in each language (the site settings).
NAMES = {
    "portal_name": {"fi": "Avoin kunta", "sv": "Öppen kommun", "en": "Open municipality"},
    "municipality_name": {
        "fi": "Rantalan kunta",
        "sv": "Strandby kommun",
        "en": "Municipality of Rantala",
    },
}
EMAIL = "kirjaamo@rantala.example.fi"
PHONE = "+358 40 123 4567"
WORKFLOW_NAME = "Moderators approval"


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _block(kind: str, value) -> dict:
    # A stable id keeps the body unchanged when the demo runs again.
    return {"type": kind, "value": value, "id": str(uuid.uuid5(uuid.NAMESPACE_URL, repr(value)))}


# --- Content, keyed by page and language -----------------------------------------------------

HOME = {
    "fi": {
        "title": "Rantalan kunta",
        "slug": "rantala",
        "intro": _p(
            "Tervetuloa Rantalan kunnan palveluihin. Täältä löydät kunnan palvelut, uutiset ja "
            "päätökset suomeksi ja ruotsiksi."
        ),
    },
    "sv": {
        "title": "Strandby kommun",
        "slug": "strandby",
        "intro": _p(
            "Välkommen till Strandby kommuns tjänster. Här hittar du kommunens tjänster, "
            "nyheter och beslut på svenska och finska."
        ),
    },
    "en": {
        "title": "Municipality of Rantala",
        "slug": "rantala-en",
        "intro": _p(
            "Welcome to the services of the Municipality of Rantala. Here you will find the "
            "municipality's services, news and decisions."
        ),
    },
}

CONTACT = {
    "fi": {
        "title": "Yhteystiedot",
        "slug": "yhteystiedot",
        "intro": "Kunnanviraston asiakaspalvelu neuvoo kaikissa kunnan palveluihin liittyvissä "
        "asioissa.",
        "visiting_address": "Kunnanvirasto\nRantatie 1\n10900 Rantala",
        "postal_address": "PL 10\n10901 Rantala",
        "opening_hours": [("ma–to", "9.00–15.30"), ("pe", "9.00–14.00")],
    },
    "sv": {
        "title": "Kontaktuppgifter",
        "slug": "kontaktuppgifter",
        "intro": "Kommungårdens kundtjänst hjälper dig i alla frågor som gäller kommunens "
        "tjänster.",
        "visiting_address": "Kommungården\nStrandvägen 1\n10900 Strandby",
        "postal_address": "PB 10\n10901 Strandby",
        "opening_hours": [("mån–tors", "9.00–15.30"), ("fre", "9.00–14.00")],
    },
    "en": {
        "title": "Contact information",
        "slug": "contact",
        "intro": "The customer service of the municipal office helps you with all of the "
        "municipality's services.",
        "visiting_address": "Municipal office\nRantatie 1\n10900 Rantala",
        "postal_address": "P.O. Box 10\n10901 Rantala",
        "opening_hours": [("Mon–Thu", "9 am–3.30 pm"), ("Fri", "9 am–2 pm")],
    },
}

STATEMENT = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "intro": _p(
            "Tämä saavutettavuusseloste koskee Rantalan kunnan asukasportaalia. Palvelua koskee "
            "laki digitaalisten palvelujen tarjoamisesta (306/2019)."
        ),
        "non_accessible_content": "<ul><li>Osa ennen vuotta 2019 julkaistuista "
        "PDF-liitteistä ei ole saavutettavia. Saat asiakirjan saavutettavassa muodossa "
        "kirjaamosta.</li><li>Kokousten videotallenteissa ei ole vielä tekstitystä.</li></ul>",
        "enforcement_authority": "Etelä-Suomen aluehallintovirasto, saavutettavuuden "
        "valvontayksikkö",
        "enforcement_authority_url": "https://www.saavutettavuusvaatimukset.fi/",
        "enforcement_authority_contact": "saavutettavuus@avi.fi\npuhelinvaihde 0295 016 000",
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande",
        "slug": "tillganglighetsutlatande",
        "intro": _p(
            "Detta tillgänglighetsutlåtande gäller Strandby kommuns invånarportal. Tjänsten "
            "omfattas av lagen om tillhandahållande av digitala tjänster (306/2019)."
        ),
        "non_accessible_content": "<ul><li>En del PDF-bilagor som publicerats före 2019 är "
        "inte tillgängliga. Du får dokumentet i tillgänglig form från registraturen.</li>"
        "<li>Videoinspelningarna av sammanträden är ännu inte textade.</li></ul>",
        "enforcement_authority": "Regionförvaltningsverket i Södra Finland, enheten för "
        "tillgänglighetstillsyn",
        "enforcement_authority_url": "https://www.tillganglighetskrav.fi/",
        "enforcement_authority_contact": "saavutettavuus@avi.fi\nväxel 0295 016 000",
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "intro": _p(
            "This accessibility statement applies to the resident portal of the Municipality of "
            "Rantala. The service is covered by the Act on the Provision of Digital Services "
            "(306/2019)."
        ),
        "non_accessible_content": "<ul><li>Some PDF attachments published before 2019 are not "
        "accessible. You can get the document in an accessible form from the registry.</li>"
        "<li>The video recordings of meetings do not have captions yet.</li></ul>",
        "enforcement_authority": "Regional State Administrative Agency for Southern Finland, "
        "Accessibility Supervision Unit",
        "enforcement_authority_url": "https://www.webaccessibility.fi/",
        "enforcement_authority_contact": "saavutettavuus@avi.fi\nswitchboard +358 295 016 000",
    },
}

NEWS_INDEX = {
    "fi": {"title": "Uutiset", "slug": "uutiset", "intro": "Rantalan kunnan ajankohtaiset asiat."},
    "sv": {"title": "Nyheter", "slug": "nyheter", "intro": "Aktuellt i Strandby kommun."},
    "en": {"title": "News", "slug": "news", "intro": "Current affairs of the municipality."},
}

NEWS = [
    {
        "date": datetime.date(2026, 11, 16),
        "fi": (
            "Kirjaston aukioloajat laajenevat joulukuussa",
            "kirjaston-aukioloajat-laajenevat",
            "Rantalan pääkirjasto on joulukuusta alkaen avoinna myös sunnuntaisin.",
            "Omatoimikirjasto on käytössä arkisin klo 7–22. Kirjastokortin ja PIN-koodin saat "
            "kirjaston asiakaspalvelusta.",
        ),
        "sv": (
            "Bibliotekets öppettider utvidgas i december",
            "bibliotekets-oppettider-utvidgas",
            "Strandby huvudbibliotek har från och med december öppet också på söndagar.",
            "Meröppet bibliotek är i bruk vardagar kl. 7–22. Lånekort och PIN-kod får du i "
            "bibliotekets kundtjänst.",
        ),
        "en": (
            "Library opening hours extended in December",
            "library-opening-hours-extended",
            "From December, the main library of Rantala is also open on Sundays.",
            "The self-service library is open on weekdays from 7 am to 10 pm. You can get a "
            "library card and PIN at the library's customer service.",
        ),
    },
    {
        "date": datetime.date(2026, 11, 9),
        "fi": (
            "Varhaiskasvatuksen haku syksyllä 2027 alkaviin paikkoihin on auki",
            "varhaiskasvatuksen-haku-auki",
            "Hae paikkaa viimeistään neljä kuukautta ennen kuin lapsesi tarvitsee sitä.",
            "Hakemuksen voi jättää sähköisesti tai paperilla. Suomen- ja ruotsinkieliset "
            "päiväkodit ovat haettavissa samalla hakemuksella.",
        ),
        "sv": (
            "Ansökan till småbarnspedagogik som börjar hösten 2027 är öppen",
            "ansokan-till-smabarnspedagogik-oppen",
            "Ansök om plats senast fyra månader innan ditt barn behöver den.",
            "Ansökan kan lämnas elektroniskt eller på papper. Svensk- och finskspråkiga daghem "
            "kan sökas med samma ansökan.",
        ),
        "en": (
            "Applications for early childhood education starting in autumn 2027 are open",
            "early-childhood-education-applications-open",
            "Apply for a place at least four months before your child needs it.",
            "You can apply online or on paper. Finnish and Swedish-language day-care centres "
            "can be applied for with the same application.",
        ),
    },
    {
        "date": datetime.date(2026, 10, 28),
        "fi": (
            "Nuorisovaltuusto kysyy: pitäisikö nuorisotilan olla auki kesällä?",
            "nuorisovaltuusto-kysyy-nuorisotilasta",
            "Nuorisovaltuusto kysyy 13–28-vuotiailta, pitäisikö nuorisotilan olla auki myös "
            "kesäkuukausina.",
            "Kyselyn tulokset käsitellään nuorisovaltuuston kokouksessa ennen päätöstä "
            "kesäaukiolosta. Kyselyyn pääset tämän uutisen lopusta.",
        ),
        "sv": (
            "Ungdomsfullmäktige frågar: borde ungdomsgården vara öppen på sommaren?",
            "ungdomsfullmaktige-fragar-om-ungdomslokal",
            "Ungdomsfullmäktige frågar 13–28-åringar om ungdomsgården borde hållas öppen även "
            "under sommarmånaderna.",
            "Enkätens resultat behandlas på ungdomsfullmäktiges sammanträde innan beslutet om "
            "sommaröppethållningen fattas. Du hittar enkäten i slutet av nyheten.",
        ),
        "en": (
            "Youth council asks: should the youth centre be open in summer?",
            "youth-council-asks-about-youth-centre",
            "The youth council is asking 13 to 28-year-olds whether the youth centre should also "
            "be open in the summer months.",
            "The results of the survey are discussed at the youth council's meeting before the "
            "decision on summer opening. You will find the survey at the end of this news item.",
        ),
    },
    {
        "date": datetime.date(2026, 10, 12),
        "fi": (
            "Rantatien katutyöt valmistuvat lokakuun lopussa",
            "rantatien-katutyot-valmistuvat",
            "Rantatien vesihuoltotyöt ja uusi kevyen liikenteen väylä valmistuvat aikataulussa.",
            "Työmaan aikana bussipysäkki on siirretty 100 metriä etelään. Pysäkki palaa "
            "paikalleen 31.10.",
        ),
        "sv": (
            "Gatuarbetena på Strandvägen blir klara i slutet av oktober",
            "gatuarbetena-pa-strandvagen-blir-klara",
            "Vattentjänstarbetena och den nya gång- och cykelvägen på Strandvägen blir klara "
            "enligt tidtabellen.",
            "Under arbetet har busshållplatsen flyttats 100 meter söderut. Hållplatsen "
            "flyttas tillbaka den 31 oktober.",
        ),
        "en": (
            "Street works on Rantatie to be completed at the end of October",
            "street-works-on-rantatie-completed",
            "The water supply works and the new pedestrian and cycle path on Rantatie will be "
            "completed on schedule.",
            "During the works, the bus stop has been moved 100 metres south. It returns to its "
            "place on 31 October.",
        ),
    },
]


def _records(items: list[tuple[str, str, str]]) -> str:
    """The privacy notice's list: what is kept, what it holds and for how long."""
    return (
        "<ul>"
        + "".join(f"<li><b>{name}</b>: {contents}. {kept}.</li>" for name, contents, kept in items)
        + "</ul>"
    )


# The privacy notice of the portal's sign-in records (docs/operations.md, "Personal data about
# sign-ins" gives the same retention times).
PRIVACY = {
    "fi": {
        "title": "Tietosuojaseloste",
        "slug": "tietosuojaseloste",
        "intro": "Rantalan kunta on asukasportaalin rekisterinpitäjä. Tässä kerrotaan, mitä "
        "tietoja portaali tallentaa kirjautumisesta ja pyyntöjen rajoittamisesta, miksi ja kuinka "
        "kauan niitä säilytetään.",
        "body": [
            ("heading", {"text": "Kirjautuminen ja väärinkäytösten torjunta", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Tietoja käytetään vain tilien suojaamiseen salasanojen arvailulta ja tilien "
                    "väärinkäytön selvittämiseen. Portaali ei tallenna selaimesi tunnistetta (user "
                    "agent). Tiedot poistetaan automaattisesti, kun niiden säilytysaika päättyy."
                )
                + _records(
                    [
                        (
                            "Epäonnistuneet kirjautumisyritykset",
                            "sähköpostiosoite, IP-osoite, aika ja yritysten määrä",
                            "Säilytetään 15 minuuttia viimeisestä yrityksestä ja poistetaan "
                            "viimeistään tuntia myöhemmin",
                        ),
                        (
                            "Onnistuneet kirjautumiset",
                            "sähköpostiosoite, IP-osoite sekä kirjautumis- ja uloskirjautumisaika",
                            "Säilytetään kolme kuukautta",
                        ),
                        (
                            "Istunto",
                            "kirjautumistapa ja -aika sekä kesken oleva kyselyvastaus",
                            "Säilytetään istunnon loppuun, enintään kaksi viikkoa",
                        ),
                        (
                            "Pyyntöjen laskurit",
                            "lukumäärä tunnisteen alla, josta osoitetta ei voi päätellä",
                            "Säilytetään laskurin jakson ajan, enintään tunnin",
                        ),
                        (
                            "Tutun selaimen eväste",
                            "selaimeesi tallentuva tunniste tileistä, joilla selaimella on "
                            "kirjauduttu. Sen ansiosta sinun ei tarvitse odottaa, vaikka tiliisi "
                            "yritettäisiin kirjautua muualta",
                            "Säilyy puoli vuotta",
                        ),
                    ]
                ),
            ),
        ],
    },
    "sv": {
        "title": "Dataskyddsbeskrivning",
        "slug": "dataskyddsbeskrivning",
        "intro": "Strandby kommun är personuppgiftsansvarig för invånarportalen. Här beskrivs "
        "vilka uppgifter portalen sparar om inloggningar och om begränsningen av förfrågningar, "
        "varför och hur länge de sparas.",
        "body": [
            ("heading", {"text": "Inloggning och skydd mot missbruk", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Uppgifterna används bara för att skydda konton mot att lösenord gissas och "
                    "för att utreda missbruk av konton. Portalen sparar inte din webbläsares "
                    "identifierare (user agent). Uppgifterna raderas automatiskt när "
                    "lagringstiden har gått ut."
                )
                + _records(
                    [
                        (
                            "Misslyckade inloggningsförsök",
                            "e-postadress, IP-adress, tidpunkt och antal försök",
                            "Sparas i 15 minuter efter det senaste försöket och raderas senast "
                            "en timme senare",
                        ),
                        (
                            "Lyckade inloggningar",
                            "e-postadress, IP-adress samt tidpunkt för inloggning och utloggning",
                            "Sparas i tre månader",
                        ),
                        (
                            "Session",
                            "inloggningssätt och tidpunkt samt ett påbörjat enkätsvar",
                            "Sparas tills sessionen upphör, högst i två veckor",
                        ),
                        (
                            "Räknare för förfrågningar",
                            "ett antal under en identifierare som inte avslöjar adressen",
                            "Sparas under räknarens period, högst en timme",
                        ),
                        (
                            "Kaka för bekanta webbläsare",
                            "en identifierare i din webbläsare för de konton som har loggat in "
                            "med den. Tack vare den behöver du inte vänta, även om någon på "
                            "annat håll försöker logga in på ditt konto",
                            "Sparas i ett halvt år",
                        ),
                    ]
                ),
            ),
        ],
    },
    "en": {
        "title": "Privacy notice",
        "slug": "privacy-notice",
        "intro": "The Municipality of Rantala is the controller of the resident portal. This "
        "notice tells what the portal keeps about signing in and about limiting requests, why, "
        "and for how long.",
        "body": [
            ("heading", {"text": "Signing in and preventing misuse", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "The data is used only to protect accounts against password guessing and to "
                    "investigate misuse of accounts. The portal does not store your browser's "
                    "identification (user agent). The data is deleted automatically when its "
                    "retention time ends."
                )
                + _records(
                    [
                        (
                            "Failed sign-in attempts",
                            "e-mail address, IP address, time and number of attempts",
                            "Kept for 15 minutes after the last attempt and deleted at most an "
                            "hour later",
                        ),
                        (
                            "Successful sign-ins",
                            "e-mail address, IP address, and the times of signing in and out",
                            "Kept for three months",
                        ),
                        (
                            "Session",
                            "how and when you signed in, and a survey answer in progress",
                            "Kept until the session ends, at most two weeks",
                        ),
                        (
                            "Request counters",
                            "a count under an identifier from which the address cannot be told",
                            "Kept for the counter's period, at most an hour",
                        ),
                        (
                            "Known-browser cookie",
                            "an identifier in your browser of the accounts that have signed in "
                            "with it. Thanks to it you need not wait even if someone elsewhere "
                            "tries to sign in to your account",
                            "Kept for six months",
                        ),
                    ]
                ),
            ),
        ],
    },
}


HOUSING = {
    "fi": {
        "title": "Asuminen ja rakentaminen",
        "slug": "asuminen-ja-rakentaminen",
        "intro": "Rakennusvalvonta neuvoo rakennuslupiin, tontteihin ja korjausrakentamiseen "
        "liittyvissä asioissa.",
        "body": [
            ("heading", {"text": "Rakennuslupa", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Rakennuslupa tarvitaan uuden rakennuksen rakentamiseen ja laajentamiseen. "
                    "Pienempiin toimenpiteisiin riittää usein ilmoitus. Varaa aika "
                    "rakennustarkastajalle ennen hakemuksen jättämistä."
                ),
            ),
            (
                "call_to_action",
                {
                    "title": "Hae rakennuslupaa sähköisesti",
                    "text": "Lupahakemukset jätetään Lupapiste-palvelussa.",
                    "link_page": None,
                    "link_url": "https://www.lupapiste.fi/",
                    "link_label": "Siirry Lupapisteeseen",
                },
            ),
            # The processing time comes from the statistics, never typed into the text.
            ("processing_time", {"case_type": "rakennuslupa"}),
            (
                "accordion",
                {
                    "heading": "Usein kysyttyä",
                    "items": [
                        {
                            "title": "Mikä nopeuttaa luvan käsittelyä?",
                            "body": _p(
                                "Täydellinen hakemus: kun piirustukset ja selvitys naapurien "
                                "kuulemisesta ovat mukana, lisäselvitystä ei tarvitse pyytää. "
                                "Toteutuneet käsittelyajat näet tämän sivun kohdasta "
                                "Käsittelyaika."
                            ),
                        },
                        {
                            "title": "Tarvitseeko aurinkopaneeleille luvan?",
                            "body": _p("Katolle asennettaviin paneeleihin ei yleensä tarvita."),
                        },
                    ],
                },
            ),
        ],
    },
    "sv": {
        "title": "Boende och byggande",
        "slug": "boende-och-byggande",
        "intro": "Byggnadstillsynen ger råd om bygglov, tomter och renoveringar.",
        "body": [
            ("heading", {"text": "Bygglov", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "Bygglov behövs för att bygga en ny byggnad eller bygga ut en befintlig. För "
                    "mindre åtgärder räcker ofta en anmälan. Boka tid hos byggnadsinspektören "
                    "innan du lämnar in ansökan."
                ),
            ),
            (
                "call_to_action",
                {
                    "title": "Ansök om bygglov elektroniskt",
                    "text": "Ansökningarna lämnas i tjänsten Lupapiste.",
                    "link_page": None,
                    "link_url": "https://www.lupapiste.fi/",
                    "link_label": "Gå till Lupapiste",
                },
            ),
            ("processing_time", {"case_type": "rakennuslupa"}),
            (
                "accordion",
                {
                    "heading": "Vanliga frågor",
                    "items": [
                        {
                            "title": "Vad gör handläggningen snabbare?",
                            "body": _p(
                                "En fullständig ansökan: när ritningarna och utredningen om "
                                "hörandet av grannarna finns med behöver ingen komplettering "
                                "begäras. De faktiska handläggningstiderna ser du under "
                                "Handläggningstid på den här sidan."
                            ),
                        },
                        {
                            "title": "Behövs lov för solpaneler?",
                            "body": _p("För paneler på taket behövs vanligen inget lov."),
                        },
                    ],
                },
            ),
        ],
    },
    "en": {
        "title": "Housing and building",
        "slug": "housing-and-building",
        "intro": "Building control advises on building permits, plots and renovation.",
        "body": [
            ("heading", {"text": "Building permit", "level": "h2"}),
            (
                "paragraph",
                _p(
                    "A building permit is needed to build a new building or extend one. For "
                    "smaller works a notification is often enough. Book an appointment with the "
                    "building inspector before you apply."
                ),
            ),
            (
                "call_to_action",
                {
                    "title": "Apply for a building permit online",
                    "text": "Applications are submitted in the Lupapiste service.",
                    "link_page": None,
                    "link_url": "https://www.lupapiste.fi/",
                    "link_label": "Go to Lupapiste",
                },
            ),
            ("processing_time", {"case_type": "rakennuslupa"}),
            (
                "accordion",
                {
                    "heading": "Frequently asked questions",
                    "items": [
                        {
                            "title": "What speeds up the processing?",
                            "body": _p(
                                "A complete application: when the drawings and the report on "
                                "hearing the neighbours are included, no more information "
                                "needs to be requested. The actual processing times are under "
                                "Processing time on this page."
                            ),
                        },
                        {
                            "title": "Do solar panels need a permit?",
                            "body": _p("Panels on a roof usually need no permit."),
                        },
                    ],
                },
            ),
        ],
    },
}

ROADS_FI_ONLY = {
    "title": "Yksityisteiden kunnossapitoavustus",
    "slug": "yksityisteiden-kunnossapitoavustus",
    "intro": "Kunta avustaa tiekuntia yksityisteiden talvikunnossapidossa.",
    "body": [
        (
            "paragraph",
            _p(
                "Avustusta haetaan vuosittain maaliskuun loppuun mennessä. Avustuksen määrä "
                "perustuu tien pituuteen ja vakituisten asukkaiden määrään."
            ),
        )
    ],
}

EDUCATION = {
    "fi": {
        "title": "Kasvatus ja koulutus",
        "slug": "kasvatus-ja-koulutus",
        "intro": "Varhaiskasvatus, perusopetus ja lukio suomeksi ja ruotsiksi.",
    },
    "sv": {
        "title": "Fostran och utbildning",
        "slug": "fostran-och-utbildning",
        "intro": "Småbarnspedagogik, grundläggande utbildning och gymnasium på svenska och finska.",
    },
    "en": {
        "title": "Education",
        "slug": "education",
        "intro": "Early childhood education, basic education and upper secondary school in "
        "Finnish and Swedish.",
    },
}

_FEES = {
    "fi": ("Varhaiskasvatuksen kuukausimaksut 2026", ["Varhaiskasvatusaika", "Enimmäismaksu"]),
    "sv": ("Avgifter för småbarnspedagogik 2026", ["Tid i småbarnspedagogik", "Högsta avgift"]),
    "en": ("Monthly fees of early childhood education in 2026", ["Hours", "Maximum fee"]),
}
_FEE_ROWS = {
    "fi": [["yli 35 h viikossa", "311 €"], ["25–35 h viikossa", "249 €"], ["alle 25 h", "187 €"]],
    "sv": [["över 35 h i veckan", "311 €"], ["25–35 h i veckan", "249 €"], ["under 25 h", "187 €"]],
    "en": [["over 35 h a week", "€311"], ["25–35 h a week", "€249"], ["under 25 h", "€187"]],
}

EARLY_CHILDHOOD = {
    "fi": {
        "title": "Varhaiskasvatus",
        "slug": "varhaiskasvatus",
        "intro": "Kunnassa on kolme suomenkielistä ja kaksi ruotsinkielistä päiväkotia.",
        "faq": (
            "Usein kysyttyä",
            [
                ("Milloin hakemus pitää jättää?", "Viimeistään neljä kuukautta ennen tarvetta."),
                (
                    "Voiko lapsen hakea ruotsinkieliseen päiväkotiin?",
                    "Voi, kieli valitaan hakemuksella.",
                ),
            ],
        ),
        "cta": ("Kysy varhaiskasvatuspaikoista", "Palveluohjaus neuvoo arkisin.", "Ota yhteyttä"),
    },
    "sv": {
        "title": "Småbarnspedagogik",
        "slug": "smabarnspedagogik",
        "intro": "I kommunen finns tre finskspråkiga och två svenskspråkiga daghem.",
        "faq": (
            "Vanliga frågor",
            [
                ("När ska ansökan lämnas in?", "Senast fyra månader innan behovet."),
                (
                    "Kan barnet sökas till ett svenskspråkigt daghem?",
                    "Ja, språket väljs i ansökan.",
                ),
            ],
        ),
        "cta": (
            "Fråga om platser inom småbarnspedagogiken",
            "Servicehandledningen hjälper dig på vardagar.",
            "Kontakta oss",
        ),
    },
    "en": {
        "title": "Early childhood education",
        "slug": "early-childhood-education",
        "intro": "The municipality has three Finnish and two Swedish-language day-care centres.",
        "faq": (
            "Frequently asked questions",
            [
                ("When must I apply?", "At least four months before you need the place."),
                (
                    "Can my child go to a Swedish-language centre?",
                    "Yes, choose the language when you apply.",
                ),
            ],
        ),
        "cta": (
            "Ask about places in early childhood education",
            "Service guidance helps on weekdays.",
            "Contact us",
        ),
    },
}

MENU_LABELS = {"fi": "Päävalikko", "sv": "Huvudmeny", "en": "Main menu"}
# The residents' top tasks: application sections, in the main menu before the content pages and
# as the home page's service links. Their titles and addresses come from the section registry.
MENU_SECTIONS = (
    "cases.my_cases",
    "cases.lookup",
    "cases.processing_times",
    "decisions.index",
    "participation.surveys",
    "finance.index",
)
MENU_PAGES = ("housing", "education", "news", "contact")
SERVICE_LINK_SECTIONS = (
    "cases.my_cases",
    "cases.lookup",
    "cases.processing_times",
    "decisions.index",
    "decisions.search",
    "participation.surveys",
    "indicators.index",
    "finance.index",
    "maturity.index",
)
# The news item about the youth council's survey links to the survey (see link_surveys).
SURVEY_NEWS = 2
FOOTER_PAGES = ("statement", "privacy", "contact")
FOOTER_LABELS = {"fi": "Alatunniste", "sv": "Sidfot", "en": "Footer"}


# --- Loading ------------------------------------------------------------------------------------


def _find(parent: Page, slug: str) -> Page | None:
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def _translation(source: Page, locale: Locale) -> Page | None:
    page = source.get_translations().filter(locale=locale).first()
    return page.specific if page else None


class _Loader:
    def __init__(self, stdout):
        self.stdout = stdout
        self.created = 0
        self.locales = {}

    def say(self, message: str) -> None:
        self.stdout.write(f"  {message}\n")

    def ensure_page(self, *, source: Page | None, parent: Page, language: str, page: Page) -> Page:
        """Find the page (by its source's translation or its slug) or publish it."""
        locale = self.locales[language]
        if source is None:
            existing = _find(parent, page.slug)
        else:
            existing = _translation(source, locale)
        if existing is not None:
            return existing
        services.page_canonical_streams(page)
        if source is None:
            page.locale = locale
            services.page_publish_child(parent=parent, page=page)
        else:
            services.page_publish_translation(source=source, locale=locale, page=page)
        self.created += 1
        self.say(f"[{language}] {page.title}")
        return page

    def tree(self, source: Page | None, parent_by_language: dict, language: str, page: Page):
        return self.ensure_page(
            source=source, parent=parent_by_language.get(language), language=language, page=page
        )


def _body(items: list[tuple[str, object]]) -> list[dict]:
    return [_block(kind, value) for kind, value in items]


def _early_childhood_body(language: str, contact: Page) -> list[dict]:
    data = EARLY_CHILDHOOD[language]
    caption, header = _FEES[language]
    faq_heading, faq = data["faq"]
    cta_title, cta_text, cta_label = data["cta"]
    return _body(
        [
            ("paragraph", _p(data["intro"])),
            (
                "table",
                {
                    "caption": caption,
                    "header": header,
                    "rows": _FEE_ROWS[language],
                    "first_column_is_header": True,
                },
            ),
            ("processing_time", {"case_type": "varhaiskasvatuspaikka"}),
            (
                "accordion",
                {
                    "heading": faq_heading,
                    "items": [{"title": q, "body": _p(a)} for q, a in faq],
                },
            ),
            (
                "call_to_action",
                {
                    "title": cta_title,
                    "text": cta_text,
                    "link_page": contact.pk,
                    "link_url": "",
                    "link_label": cta_label,
                },
            ),
        ]
    )


def _adopt_translations(loader: _Loader, pages: dict) -> None:
    """Make the Swedish and English pages wagtail-localize translations of the Finnish ones."""
    for by_language in pages.values():
        source = by_language.get("fi")
        for language, page in by_language.items():
            if language == "fi" or source is None:
                continue
            _translation, created = services.page_adopt_as_translation(
                source=source, translated=page
            )
            if created:
                loader.created += 1
                loader.say(f"[{language}] {page.title}: translation of the Finnish page")


def _ensure_locales(loader: _Loader) -> None:
    for language in LANGUAGES:
        locale, created = Locale.objects.get_or_create(language_code=language)
        loader.locales[language] = locale
        if created:
            loader.created += 1
            loader.say(f"locale {language}")


def _ensure_site(loader: _Loader, home: Page) -> Site:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.root_page_id != home.pk or site.hostname != HOSTNAME:
        previous_root = site.root_page if site else None
        site = services.site_set_default_root(
            hostname=HOSTNAME, port=PORT, root_page=home, site_name="Rantala"
        )
        # Wagtail's "Welcome to your new Wagtail site!" page is replaced by the home page.
        if (
            previous_root is not None
            and previous_root.pk != home.pk
            and previous_root.specific_class is Page
        ):
            previous_root.delete()
        loader.created += 1
        loader.say(f"site {HOSTNAME}:{PORT}")
    settings, created = MunicipalitySettings.objects.get_or_create(
        site=site, defaults={"contact_email": EMAIL, "contact_phone": PHONE}
    )
    if created:
        loader.created += 1
    if not settings.portal_name_fi:
        for field, values in NAMES.items():
            for code, value in values.items():
                setattr(settings, f"{field}_{code}", value)
        settings.save()
    return site


def _ensure_workflow(loader: _Loader) -> None:
    # Wagtail's own migrations create this workflow; the demo recreates it if it was removed.
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        moderators, _created = Group.objects.get_or_create(name="Moderators")
        workflow = services.workflow_create_group_approval(name=WORKFLOW_NAME, groups=[moderators])
        loader.created += 1
    root = Page.get_first_root_node()
    if not WorkflowPage.objects.filter(page=root, workflow=workflow).exists():
        services.workflow_assign_to_root(workflow=workflow)
        loader.created += 1
        loader.say("moderation workflow assigned to every page")


def _ensure_menus(loader: _Loader, pages: dict) -> None:
    for language in LANGUAGES:
        locale = loader.locales[language]
        source_menu = MainMenu.objects.filter(locale=loader.locales["fi"]).first()
        menu = MainMenu.objects.filter(locale=locale).first()
        if menu is None:
            menu = MainMenu(title=MENU_LABELS[language], locale=locale)
            if source_menu is not None:
                menu.translation_key = source_menu.translation_key
            items = [MainMenuItem(link_section=key, locale=locale) for key in MENU_SECTIONS]
            items += [
                MainMenuItem(link_page=pages[key][language], locale=locale) for key in MENU_PAGES
            ]
            for index, item in enumerate(items):
                item.sort_order = index
                menu.items.add(item)
            menu.save()
            loader.created += 1
            loader.say(f"[{language}] main menu")
        elif not menu.items.exclude(link_section="").exists():
            # A menu from before the application sections: they go first.
            menu.items.update(sort_order=F("sort_order") + len(MENU_SECTIONS))
            for index, key in enumerate(MENU_SECTIONS):
                MainMenuItem.objects.create(
                    menu=menu, link_section=key, sort_order=index, locale=locale
                )
            loader.created += 1
            loader.say(f"[{language}] main menu: application sections")
        source_footer = FooterLinks.objects.filter(locale=loader.locales["fi"]).first()
        if not FooterLinks.objects.filter(locale=locale).exists():
            footer = FooterLinks(title=FOOTER_LABELS[language], locale=locale)
            if source_footer is not None:
                footer.translation_key = source_footer.translation_key
            for index, key in enumerate(FOOTER_PAGES):
                footer.links.add(
                    FooterLink(sort_order=index, link_page=pages[key][language], locale=locale)
                )
            footer.save()
            loader.created += 1
            loader.say(f"[{language}] footer links")
        else:
            # A footer from before the privacy notice gets a link to it.
            footer = FooterLinks.objects.get(locale=locale)
            privacy = pages["privacy"][language]
            if not footer.links.filter(link_page=privacy).exists():
                FooterLink.objects.create(
                    footer=footer,
                    link_page=privacy,
                    sort_order=footer.links.count(),
                    locale=locale,
                )
                loader.created += 1
                loader.say(f"[{language}] footer link to the privacy notice")


@transaction.atomic
def load(*, stdout) -> int:
    """Create the demo municipality's pages in fi, sv and en; keep what exists.

    Returns the number of objects created, 0 when everything was already there.
    """
    loader = _Loader(stdout)
    _ensure_locales(loader)
    root = Page.get_first_root_node()
    pages: dict[str, dict[str, Page]] = {}

    def ensure(key, parent_key, language, page):
        source = pages[key]["fi"] if language != "fi" else None
        parent = root if parent_key is None else pages[parent_key][language]
        pages.setdefault(key, {})[language] = loader.ensure_page(
            source=source, parent=parent, language=language, page=page
        )

    for language in LANGUAGES:
        data = HOME[language]
        ensure(
            "home",
            None,
            language,
            HomePage(title=data["title"], slug=data["slug"], intro=data["intro"]),
        )
        data = CONTACT[language]
        ensure(
            "contact",
            "home",
            language,
            ContactPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                visiting_address=data["visiting_address"],
                postal_address=data["postal_address"],
                phone=PHONE,
                email=EMAIL,
                opening_hours=_body(
                    [("opening_hours", {"days": d, "hours": h}) for d, h in data["opening_hours"]]
                ),
            ),
        )
        data = STATEMENT[language]
        ensure(
            "statement",
            "home",
            language,
            AccessibilityStatementPage(
                title=data["title"],
                slug=data["slug"],
                conformance_status="partial",
                intro=data["intro"],
                non_accessible_content=data["non_accessible_content"],
                prepared_on=datetime.date(2026, 9, 15),
                feedback_email="saavutettavuus@rantala.example.fi",
                enforcement_authority=data["enforcement_authority"],
                enforcement_authority_url=data["enforcement_authority_url"],
                enforcement_authority_contact=data["enforcement_authority_contact"],
            ),
        )
        data = PRIVACY[language]
        ensure(
            "privacy",
            "home",
            language,
            StandardPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                body=_body(data["body"]),
            ),
        )
        data = NEWS_INDEX[language]
        ensure("news", "home", language, NewsIndexPage(**data))
        for number, item in enumerate(NEWS):
            title, slug, lead, text = item[language]
            ensure(
                f"news-{number}",
                "news",
                language,
                NewsPage(
                    title=title,
                    slug=slug,
                    date=item["date"],
                    lead=lead,
                    body=_body([("paragraph", _p(text))]),
                ),
            )
        data = HOUSING[language]
        ensure(
            "housing",
            "home",
            language,
            StandardPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                body=_body(data["body"]),
            ),
        )
        if language == "fi":
            # Only in Finnish, so that the language switcher's "no translation" page shows.
            ensure(
                "roads",
                "housing",
                language,
                StandardPage(
                    title=ROADS_FI_ONLY["title"],
                    slug=ROADS_FI_ONLY["slug"],
                    intro=ROADS_FI_ONLY["intro"],
                    body=_body(ROADS_FI_ONLY["body"]),
                ),
            )
        data = EDUCATION[language]
        ensure("education", "home", language, TopicPage(**data))
        data = EARLY_CHILDHOOD[language]
        ensure(
            "early_childhood",
            "education",
            language,
            StandardPage(
                title=data["title"],
                slug=data["slug"],
                intro=data["intro"],
                body=_early_childhood_body(language, pages["contact"][language]),
            ),
        )
        # Fetched again: the object from creation time has a stale child count, and publishing
        # a revision of it would write that back.
        home = HomePage.objects.get(pk=pages["home"][language].pk)
        changed = False
        if not home.service_links:
            home.service_links = _body(
                [
                    (
                        "service_link",
                        {"section": key, "page": None, "url": "", "title": "", "text": ""},
                    )
                    for key in SERVICE_LINK_SECTIONS
                ]
            )
            changed = True
        if not home.highlights:
            changed = True
            home.highlights = _body(
                [
                    (
                        "highlight",
                        {
                            "title": pages[key][language].title,
                            "text": "",
                            "page": pages[key][language].pk,
                        },
                    )
                    for key in ("early_childhood", "housing", "contact")
                ]
            )
        if changed:
            home.save_revision().publish()

    _adopt_translations(loader, pages)
    _ensure_site(loader, pages["home"]["fi"])
    _ensure_workflow(loader)
    _ensure_menus(loader, pages)
    stdout.write(f"  {loader.created} demo objects created.\n")
    return loader.created


@transaction.atomic
def link_surveys(*, stdout) -> int:
    """Link the news item about the youth council's survey to the survey, in every language.

    Runs after the surveys are loaded; returns the number of news pages changed.
    """
    from participation.demo import CLOSED_TITLE
    from participation.models import Survey

    survey = Survey.objects.filter(title_fi=CLOSED_TITLE).first()
    title_fi = NEWS[SURVEY_NEWS]["fi"][0]
    source = NewsPage.objects.filter(title=title_fi, locale__language_code="fi").first()
    if survey is None or source is None:
        return 0
    changed = 0
    for page in source.get_translations(inclusive=True).specific():
        page = NewsPage.objects.get(pk=page.pk)
        if any(block.block_type == "survey" for block in page.body):
            continue
        page.body.append(("survey", {"survey": str(survey.pk)}))
        page.save_revision().publish()
        changed += 1
    if changed:
        stdout.write(f"  {changed} news pages link to the survey “{CLOSED_TITLE}”.\n")
    return changed
