"""Demo cases of the demo town Rantala / Strandby: two units, six case types with their phases,
and a few hundred cases over the past year in every phase, some of them the demo residents'.

Units and case types go through the services on every run. Cases are created once: the bulk of
them with bulk_create, their derived state (phase, status, milestones, paused time, processing
days) then computed from their events by the same code the services use; the demo residents'
cases go through case_save, and their open requests through case_record_event so that the
residents find them in their inbox.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases import services
from cases.models import (
    ActorKind,
    Case,
    CaseEvent,
    CaseParty,
    CaseType,
    DeadlineKind,
    DecisionOutcome,
    EventKind,
    Phase,
    Source,
    Status,
)
from cases.statistics import processing_times_compute
from portal.pdf import pdf_document

EXTERNAL_PREFIX = "demo:"
SEED = 2026
DEMO_TRACKING_CODE = "DEMO-RANT-ALA1"
BUILDING_HANDLER = "kaisa.kasittelija@example.fi"
EDUCATION_HANDLER = "sofia.handlaggare@example.fi"
AINO = "aino.asukas@example.fi"
ERIK = "erik.invanare@example.fi"


def _t(fi: str, sv: str, en: str) -> dict[str, str]:
    return {"fi": fi, "sv": sv, "en": en}


UNITS = {
    "rakennusvalvonta": _t("Rakennusvalvonta", "Byggnadstillsynen", "Building control"),
    "kasvatus-ja-koulutus": _t(
        "Kasvatus ja koulutus", "Fostran och utbildning", "Education and early childhood"
    ),
}

RECEIVED = services.PhaseSpec(
    "received",
    _t("Vastaanotettu", "Mottagen", "Received"),
    _t(
        "Hakemuksesi on saapunut ja kirjattu. Seuraavaksi käsittelijä tarkistaa, että siinä on "
        "kaikki tarvittava.",
        "Din ansökan har kommit in och registrerats. Härnäst kontrollerar handläggaren att allt "
        "som behövs finns med.",
        "Your application has arrived and been registered. Next, a handler checks that it has "
        "everything needed.",
    ),
    Status.RECEIVED,
)
DECIDED = services.PhaseSpec(
    "decided",
    _t("Päätetty", "Beslutad", "Decided"),
    _t(
        "Päätös on tehty. Näet sen ja muutoksenhakuohjeen tältä sivulta. Päätös tulee "
        "lainvoimaiseksi, jos siihen ei haeta muutosta määräajassa.",
        "Beslutet har fattats. Du ser det och anvisningen om sökande av ändring på den här "
        "sidan. Beslutet vinner laga kraft om ingen söker ändring inom tidsfristen.",
        "The decision has been made. You can see it and the appeal instructions on this page. "
        "It becomes final unless it is appealed in time.",
    ),
    Status.DECIDED,
)


@dataclass(frozen=True)
class DemoType:
    code: str
    unit: str
    name: dict[str, str]
    description: dict[str, str]
    phases: list[services.PhaseSpec]
    declared_days: int
    reference: str
    titles: list[dict[str, str]]
    info_request: dict[str, str]
    # Where the decision was made, in each language; the case shows it in its own language.
    decision_by: dict[str, str]
    # Mean and spread of processing days, and how many demo cases. The 80th percentile that
    # they give is close to `declared_days`, so that the published figure and the statistics
    # tell the same story.
    mean_days: int
    spread_days: int
    count: int
    appeal_days: int = 14
    legal_deadline_days: int | None = None
    outcomes: tuple[str, ...] = (
        DecisionOutcome.APPROVED,
        DecisionOutcome.APPROVED,
        DecisionOutcome.APPROVED,
        DecisionOutcome.PARTLY_APPROVED,
        DecisionOutcome.REJECTED,
    )
    phase_notes: dict[str, dict[str, str]] = field(default_factory=dict)


IN_REVIEW_NAME = _t("Käsittelyssä", "Under behandling", "In review")

TYPES = [
    DemoType(
        code="rakennuslupa",
        unit="rakennusvalvonta",
        name=_t("Rakennuslupa", "Bygglov", "Building permit"),
        description=_t(
            "Lupa uuden rakennuksen rakentamiseen tai laajentamiseen sekä käyttötarkoituksen "
            "olennaiseen muuttamiseen.",
            "Tillstånd att bygga eller bygga ut en byggnad eller att väsentligt ändra dess "
            "användningssyfte.",
            "A permit to build or extend a building, or to change its use substantially.",
        ),
        phases=[
            RECEIVED,
            services.PhaseSpec(
                "in-review",
                IN_REVIEW_NAME,
                _t(
                    "Rakennustarkastaja tarkastaa piirustukset ja selvitykset. Jos jotain "
                    "puuttuu, saat lisäselvityspyynnön. Seuraavaksi naapureita kuullaan "
                    "tarvittaessa.",
                    "Byggnadsinspektören granskar ritningarna och utredningarna. Om något "
                    "saknas får du en begäran om komplettering. Härnäst hörs grannarna vid "
                    "behov.",
                    "The building inspector checks the drawings and reports. If something is "
                    "missing, you get a request for more information. Next, the neighbours "
                    "are heard if needed.",
                ),
            ),
            services.PhaseSpec(
                "hearing",
                _t("Naapurien kuuleminen", "Hörande av grannar", "Hearing the neighbours"),
                _t(
                    "Naapureilla on aikaa kertoa mielipiteensä hankkeesta. Kuulemisen jälkeen "
                    "rakennustarkastaja valmistelee päätöksen.",
                    "Grannarna har tid att säga sin åsikt om projektet. Efter hörandet bereder "
                    "byggnadsinspektören beslutet.",
                    "The neighbours have time to give their views on the project. After the "
                    "hearing, the building inspector prepares the decision.",
                ),
            ),
            DECIDED,
        ],
        declared_days=60,
        reference="RAVA/{n}/10.03.00.01/{year}",
        titles=[
            _t("Rakennuslupa, omakotitalo", "Bygglov, egnahemshus", "Building permit, house"),
            _t("Rakennuslupa, autotalli", "Bygglov, garage", "Building permit, garage"),
            _t("Rakennuslupa, laajennus", "Bygglov, tillbyggnad", "Building permit, extension"),
        ],
        info_request=_t(
            "Lähetä vielä asemapiirros ja selvitys naapurien kuulemisesta, jotta käsittely voi "
            "jatkua.",
            "Skicka oss också situationsplanen och en utredning om hörandet av grannarna så att "
            "handläggningen kan fortsätta.",
            "Please send the site plan and a report on hearing the neighbours so that "
            "processing can continue.",
        ),
        decision_by=_t(
            "Rakennustarkastajan päätös § {n}/{year}",
            "Byggnadsinspektörens beslut § {n}/{year}",
            "Building inspector's decision § {n}/{year}",
        ),
        mean_days=42,
        spread_days=17,
        count=70,
        appeal_days=30,
        phase_notes={
            "hearing": _t(
                "Naapureita kuullaan 14 päivän ajan.",
                "Grannarna hörs i 14 dagar.",
                "The neighbours are heard for 14 days.",
            )
        },
    ),
    DemoType(
        code="varhaiskasvatuspaikka",
        unit="kasvatus-ja-koulutus",
        name=_t(
            "Varhaiskasvatuspaikka",
            "Plats inom småbarnspedagogiken",
            "Place in early childhood education",
        ),
        description=_t(
            "Hae lapsellesi paikkaa päiväkodista tai perhepäivähoidosta viimeistään neljä "
            "kuukautta ennen kuin tarvitset sitä.",
            "Ansök om plats för ditt barn i daghem eller familjedagvård senast fyra månader "
            "innan du behöver den.",
            "Apply for a place for your child in a day-care centre or family day care at "
            "least four months before you need it.",
        ),
        phases=[
            RECEIVED,
            services.PhaseSpec(
                "placement",
                _t("Paikkaa etsitään", "Plats söks", "Looking for a place"),
                _t(
                    "Varhaiskasvatuksen palveluohjaus etsii lapsellesi paikkaa toivomiesi "
                    "yksiköiden joukosta. Seuraavaksi saat päätöksen paikasta. Laki edellyttää "
                    "päätöstä neljän kuukauden kuluessa hakemuksesta.",
                    "Servicehandledningen inom småbarnspedagogiken söker en plats för ditt "
                    "barn bland de enheter du önskat. Härnäst får du beslut om platsen. Enligt "
                    "lag ska beslutet fattas inom fyra månader från ansökan.",
                    "Early childhood education service guidance looks for a place for your "
                    "child among the units you wished for. Next, you get a decision on the "
                    "place. By law the decision is due within four months of the application.",
                ),
            ),
            DECIDED,
        ],
        declared_days=90,
        legal_deadline_days=120,
        reference="VAKA/{n}/12.00.01/{year}",
        titles=[
            _t(
                "Varhaiskasvatuspaikka",
                "Plats inom småbarnspedagogiken",
                "Place in early childhood education",
            ),
            _t(
                "Varhaiskasvatuspaikka, vuorohoito",
                "Plats inom småbarnspedagogiken, skiftomsorg",
                "Place in early childhood education, shift care",
            ),
        ],
        info_request=_t(
            "Lähetä vielä työ- tai opiskelutodistus, jotta voimme tarjota paikkaa oikeasta "
            "ajankohdasta alkaen.",
            "Skicka oss också ett arbets- eller studieintyg så att vi kan erbjuda en plats från "
            "rätt tidpunkt.",
            "Please send a certificate of work or studies so that we can offer a place from "
            "the right date.",
        ),
        decision_by=_t(
            "Varhaiskasvatusjohtajan päätös § {n}/{year}",
            "Beslut av direktören för småbarnspedagogik § {n}/{year}",
            "Decision of the director of early childhood education § {n}/{year}",
        ),
        mean_days=70,
        spread_days=30,
        count=80,
        outcomes=(DecisionOutcome.APPROVED,) * 5 + (DecisionOutcome.PARTLY_APPROVED,),
    ),
    DemoType(
        code="asukaspysakointitunnus",
        unit="rakennusvalvonta",
        name=_t(
            "Asukaspysäköintitunnus", "Boendeparkeringstillstånd", "Residential parking permit"
        ),
        description=_t(
            "Asukaspysäköintitunnuksella voit pysäköidä oman asuinalueesi kadulle.",
            "Med boendeparkeringstillstånd kan du parkera på gatan i ditt eget bostadsområde.",
            "With a residential parking permit you can park on the street in your own area.",
        ),
        phases=[
            RECEIVED,
            services.PhaseSpec(
                "in-review",
                IN_REVIEW_NAME,
                _t(
                    "Tarkistamme osoitteesi ja ajoneuvon tiedot rekistereistä. Seuraavaksi "
                    "saat päätöksen ja tunnuksen.",
                    "Vi kontrollerar din adress och fordonets uppgifter i registren. Härnäst "
                    "får du beslutet och tillståndet.",
                    "We check your address and the vehicle's details in the registers. Next, "
                    "you get the decision and the permit.",
                ),
            ),
            DECIDED,
        ],
        declared_days=14,
        reference="KUTE/{n}/10.06.01/{year}",
        titles=[
            _t(
                "Asukaspysäköintitunnus, alue A",
                "Boendeparkeringstillstånd, område A",
                "Residential parking permit, zone A",
            ),
            _t(
                "Asukaspysäköintitunnus, alue B",
                "Boendeparkeringstillstånd, område B",
                "Residential parking permit, zone B",
            ),
        ],
        info_request=_t(
            "Lähetä vielä ajoneuvon rekisteriote tai leasingsopimus.",
            "Skicka oss också fordonets registreringsutdrag eller leasingavtalet.",
            "Please send the vehicle's registration certificate or leasing contract.",
        ),
        decision_by=_t(
            "Liikenneinsinöörin päätös § {n}/{year}",
            "Trafikingenjörens beslut § {n}/{year}",
            "Traffic engineer's decision § {n}/{year}",
        ),
        mean_days=9,
        spread_days=5,
        count=60,
    ),
    DemoType(
        code="palaute",
        unit="rakennusvalvonta",
        name=_t("Palaute", "Respons", "Feedback"),
        description=_t(
            "Palaute, kysymykset ja korjauspyynnöt kunnan kaduista, puistoista ja palveluista.",
            "Respons, frågor och felanmälningar om kommunens gator, parker och tjänster.",
            "Feedback, questions and repair requests on the town's streets, parks and services.",
        ),
        phases=[
            services.PhaseSpec(
                "received",
                _t("Vastaanotettu", "Mottagen", "Received"),
                _t(
                    "Palautteesi on saapunut. Seuraavaksi se ohjataan asiasta vastaavalle.",
                    "Din respons har kommit in. Härnäst skickas den till den som ansvarar för "
                    "saken.",
                    "Your feedback has arrived. Next, it goes to the person responsible.",
                ),
                Status.RECEIVED,
            ),
            services.PhaseSpec(
                "in-review",
                _t("Selvitettävänä", "Utreds", "Being looked into"),
                _t(
                    "Vastuuhenkilö selvittää asiaa. Seuraavaksi saat vastauksen.",
                    "Den ansvariga personen utreder saken. Härnäst får du ett svar.",
                    "The person responsible is looking into it. Next, you get an answer.",
                ),
            ),
            services.PhaseSpec(
                "answered",
                _t("Vastattu", "Besvarad", "Answered"),
                _t(
                    "Palautteeseesi on vastattu. Vastaus näkyy tällä sivulla.",
                    "Din respons har besvarats. Svaret syns på den här sidan.",
                    "Your feedback has been answered. The answer is on this page.",
                ),
                Status.DECIDED,
            ),
        ],
        declared_days=14,
        reference="PAL/{n}/00.01.02/{year}",
        titles=[
            _t("Palaute: katuvalaistus", "Respons: gatubelysning", "Feedback: street lighting"),
            _t(
                "Palaute: puistojen kunnossapito",
                "Respons: underhåll av parker",
                "Feedback: park maintenance",
            ),
            _t("Palaute: lumityöt", "Respons: snöröjning", "Feedback: snow clearing"),
        ],
        info_request=_t(
            "Kertoisitko tarkemmin, missä kohdassa vika on?",
            "Kan du berätta närmare var felet finns?",
            "Could you tell us more precisely where the fault is?",
        ),
        decision_by={},
        mean_days=10,
        spread_days=6,
        count=40,
        appeal_days=0,
        outcomes=(DecisionOutcome.OTHER,),
    ),
    DemoType(
        code="nuorisotoiminnan-avustus",
        unit="kasvatus-ja-koulutus",
        name=_t("Nuorisotoiminnan avustus", "Bidrag för ungdomsverksamhet", "Youth activity grant"),
        description=_t(
            "Avustus nuorten omaehtoiseen toimintaan, harrastusryhmille ja nuorisojärjestöille.",
            "Bidrag för ungas egen verksamhet, hobbygrupper och ungdomsorganisationer.",
            "A grant for young people's own activities, hobby groups and youth organisations.",
        ),
        phases=[
            RECEIVED,
            services.PhaseSpec(
                "in-review",
                IN_REVIEW_NAME,
                _t(
                    "Nuorisopalvelut arvioi hakemuksen avustusperiaatteiden mukaan. Seuraavaksi "
                    "avustuksista päätetään.",
                    "Ungdomstjänsterna bedömer ansökan enligt principerna för bidrag. Härnäst "
                    "fattas beslut om bidragen.",
                    "Youth services assess the application against the grant principles. Next, "
                    "the grants are decided.",
                ),
            ),
            DECIDED,
        ],
        declared_days=45,
        reference="NUO/{n}/02.05.01/{year}",
        titles=[
            _t(
                "Nuorisotoiminnan avustus, harrastusryhmä",
                "Bidrag för ungdomsverksamhet, hobbygrupp",
                "Youth activity grant, hobby group",
            ),
            _t(
                "Nuorisotoiminnan avustus, tapahtuma",
                "Bidrag för ungdomsverksamhet, evenemang",
                "Youth activity grant, event",
            ),
        ],
        info_request=_t(
            "Lähetä vielä toiminnan talousarvio.",
            "Skicka oss också verksamhetens budget.",
            "Please send the budget of the activity.",
        ),
        decision_by=_t(
            "Sivistyslautakunta {m}/{year} § {n}",
            "Bildningsnämnden {m}/{year} § {n}",
            "Education committee {m}/{year} § {n}",
        ),
        mean_days=35,
        spread_days=10,
        count=25,
    ),
    DemoType(
        code="katualueen-kayttolupa",
        unit="rakennusvalvonta",
        name=_t(
            "Katualueen käyttölupa",
            "Tillstånd att använda gatuområde",
            "Street-space permit",
        ),
        description=_t(
            "Lupa käyttää katua tai jalkakäytävää esimerkiksi telineille, nostimelle tai "
            "muuttokuormalle.",
            "Tillstånd att använda gata eller trottoar till exempel för ställningar, lyftanordning "
            "eller flyttlass.",
            "A permit to use a street or pavement, for example for scaffolding, a lift or a "
            "moving van.",
        ),
        phases=[
            RECEIVED,
            services.PhaseSpec(
                "in-review",
                IN_REVIEW_NAME,
                _t(
                    "Katu- ja liikennesuunnittelu tarkistaa liikennejärjestelyt ja työmaan "
                    "sijainnin. Seuraavaksi saat luvan ja sen ehdot.",
                    "Gatu- och trafikplaneringen granskar trafikarrangemangen och "
                    "arbetsplatsens läge. Härnäst får du tillståndet och dess villkor.",
                    "Street and traffic planning checks the traffic arrangements and the site. "
                    "Next, you get the permit and its conditions.",
                ),
            ),
            DECIDED,
        ],
        declared_days=21,
        reference="KUTE/{n}/10.03.02/{year}",
        titles=[
            _t(
                "Katualueen käyttölupa, telinetyö",
                "Tillstånd att använda gatuområde, ställningsarbete",
                "Street-space permit, scaffolding",
            ),
            _t(
                "Katualueen käyttölupa, muuttokuorma",
                "Tillstånd att använda gatuområde, flyttlass",
                "Street-space permit, moving van",
            ),
        ],
        info_request=_t(
            "Lähetä vielä liikennejärjestelysuunnitelma.",
            "Skicka oss också en plan för trafikarrangemangen.",
            "Please send a traffic arrangement plan.",
        ),
        decision_by=_t(
            "Katuinsinöörin päätös § {n}/{year}",
            "Gatuingenjörens beslut § {n}/{year}",
            "Street engineer's decision § {n}/{year}",
        ),
        mean_days=14,
        spread_days=7,
        count=35,
    ),
]

NOTES = {
    "received": _t(
        "Hakemus on vastaanotettu.",
        "Ansökan har tagits emot.",
        "The application has been received.",
    ),
    "progress": _t(
        "Hakemus on otettu käsittelyyn.",
        "Ansökan har tagits upp till behandling.",
        "The application is being processed.",
    ),
    "note": _t(
        "Käsittely on edennyt; asiantuntijan lausunto on pyydetty.",
        "Handläggningen har gått framåt; ett sakkunnigutlåtande har begärts.",
        "Processing has moved on; an expert opinion has been requested.",
    ),
    "final": _t(
        "Päätös on lainvoimainen.", "Beslutet har vunnit laga kraft.", "The decision is final."
    ),
    "closed": _t(
        "Asia on päätetty ja arkistoitu.",
        "Ärendet är avslutat och arkiverat.",
        "The case has been closed and archived.",
    ),
}
DECISIONS = {
    DecisionOutcome.APPROVED: _t(
        "Hakemus hyväksytään.", "Ansökan godkänns.", "The application is approved."
    ),
    DecisionOutcome.PARTLY_APPROVED: _t(
        "Hakemus hyväksytään osittain; perustelut ovat päätöksessä.",
        "Ansökan godkänns delvis; motiveringen finns i beslutet.",
        "The application is partly approved; the reasons are in the decision.",
    ),
    DecisionOutcome.REJECTED: _t(
        "Hakemus hylätään, koska sen edellytykset eivät täyty; perustelut ovat päätöksessä.",
        "Ansökan avslås eftersom förutsättningarna inte uppfylls; motiveringen finns i beslutet.",
        "The application is rejected because its conditions are not met; the reasons are in "
        "the decision.",
    ),
    DecisionOutcome.OTHER: _t(
        "Kiitos palautteesta. Asia on korjattu.",
        "Tack för responsen. Saken har åtgärdats.",
        "Thank you for the feedback. The matter has been fixed.",
    ),
}
ANSWERS = {"fi": "Liitteet lähetetty.", "sv": "Bilagorna har skickats."}
MESSAGES = {
    "fi": "Hei! Hakemuksesi on jonossa, ja käsittelemme sen mahdollisimman pian.",
    "sv": "Hej! Din ansökan står i kö och vi behandlar den så snart som möjligt.",
}


# The decision letter the demo residents find in their decided cases, in the case's language.
DECISION_LETTER = {
    "file": {"fi": "paatos.pdf", "sv": "beslut.pdf"},
    "issuer": {"fi": "Rantalan kunta", "sv": "Strandby kommun"},
    "answer": {"fi": "Vastaus palautteeseen", "sv": "Svar på respons"},
    "decision": {"fi": "Päätös", "sv": "Beslut"},
    "case": {"fi": "Asia: {title}", "sv": "Ärende: {title}"},
    "reference": {"fi": "Diaarinumero: {reference}", "sv": "Diarienummer: {reference}"},
    "submitted": {"fi": "Hakemus saapunut {date}.", "sv": "Ansökan inkom {date}."},
    "decided": {"fi": "Päätöspäivä {date}.", "sv": "Beslutsdatum {date}."},
    "appeal": {
        "fi": "Muutoksenhaku: päätökseen tyytymätön voi tehdä kirjallisen oikaisuvaatimuksen "
        "{days} päivän kuluessa päätöksen tiedoksisaannista. Oikaisuvaatimus toimitetaan "
        "Rantalan kunnan kirjaamoon, Rantatie 1, 10900 Rantala, kirjaamo@rantala.example.fi.",
        "sv": "Sökande av ändring: den som är missnöjd med beslutet kan framställa en skriftlig "
        "omprövningsbegäran inom {days} dagar från delfåendet av beslutet. Omprövningsbegäran "
        "lämnas till Strandby kommuns registratur, Strandvägen 1, 10900 Strandby, "
        "kirjaamo@rantala.example.fi.",
    },
    "contact": {
        "fi": "Lisätietoja antaa asian käsittelijä, puhelin +358 40 123 4567.",
        "sv": "Närmare upplysningar ger handläggaren, telefon +358 40 123 4567.",
    },
}


def _decision_pdf(case: Case, demo: DemoType, decision: CaseEvent) -> bytes:
    """The decision letter of a demo resident's case: a real PDF with text that can be read."""
    language = case.language
    letter = {key: texts[language] for key, texts in DECISION_LETTER.items()}
    unit = UNITS[demo.unit][language]
    decided = timezone.localtime(decision.occurred_at).strftime("%-d.%-m.%Y")
    submitted = timezone.localtime(case.submitted_at).strftime("%-d.%-m.%Y")
    title = decision.decision_reference or letter["answer"]
    paragraphs = [
        letter["case"].format(title=getattr(case, f"title_{language}")),
        letter["reference"].format(reference=case.reference),
        letter["submitted"].format(date=submitted),
        letter["decision"] + ": " + DECISIONS[decision.outcome][language],
        letter["decided"].format(date=decided),
    ]
    if demo.appeal_days:
        paragraphs.append(letter["appeal"].format(days=demo.appeal_days))
    paragraphs.append(letter["contact"])
    return pdf_document(
        title=title,
        paragraphs=paragraphs,
        language=language,
        author=letter["issuer"],
        heading=f"{letter['issuer']} – {unit}",
    )


# --- Histories ------------------------------------------------------------------------------------


@dataclass
class Plan:
    """What happens in one demo case, in days after its submission (None: not yet)."""

    processing_days: float
    info_at: float | None = None
    info_answer_after: float | None = None
    message_at: float | None = None
    note_at: float | None = None
    outcome: str = DecisionOutcome.APPROVED
    closed_after_final: float | None = None


def _note(texts: dict[str, str]) -> dict[str, str]:
    return {f"note_{code}": texts.get(code) or None for code in ("fi", "sv", "en")}


def _events(
    case: Case,
    demo: DemoType,
    phases: dict[str, Phase],
    plan: Plan,
    now: datetime,
    make=CaseEvent,
    rng: random.Random | None = None,
):
    """The events of a case following `plan` up to `now`; (events, pairs of request, answer).

    `make` builds each event from CaseEvent's fields (the scale generator's lighter rows), and
    `rng` draws the decision's number (the demo draws it from the case's own id)."""
    start = case.submitted_at
    day = timedelta(days=1)
    events: list[CaseEvent] = []
    answers: list[tuple[CaseEvent, CaseEvent]] = []

    def add(at: datetime, kind: str, **fields) -> CaseEvent | None:
        if at > now:
            return None
        event = make(
            case=case,
            kind=kind,
            occurred_at=at,
            source=Source.INTEGRATION,
            actor_kind=fields.pop("actor_kind", ActorKind.STAFF),
            **fields,
        )
        events.append(event)
        return event

    codes = [spec.code for spec in demo.phases]
    add(start, EventKind.PHASE_CHANGE, phase=phases[codes[0]], **_note(NOTES["received"]))
    middle = codes[1:-1]
    decided_after = plan.processing_days
    paused = 0.0
    if plan.info_at is not None:
        request = add(
            start + plan.info_at * day,
            EventKind.INFO_REQUEST,
            pauses_clock=True,
            due_at=start + (plan.info_at + 14) * day,
            **_note(demo.info_request),
        )
        if request is not None and plan.info_answer_after is not None:
            answered = start + (plan.info_at + plan.info_answer_after) * day
            if answered <= now:
                request.answered_at = answered
                answer = make(
                    case=case,
                    kind=EventKind.INFO_RESPONSE,
                    occurred_at=answered,
                    source=Source.PORTAL,
                    actor_kind=ActorKind.RESIDENT,
                    **{f"note_{case.language}": ANSWERS[case.language]},
                )
                answers.append((request, answer))
                paused = plan.info_answer_after
            else:
                decided_after = None  # still waiting for the resident
        elif request is not None:
            decided_after = None
    for index, code in enumerate(middle):
        at = start + (1 + index * max(1.0, plan.processing_days / 3)) * day
        add(
            min(at, start + max(plan.processing_days - 0.5, 0.1) * day),
            EventKind.PHASE_CHANGE,
            phase=phases[code],
            **_note(demo.phase_notes.get(code, NOTES["progress"])),
        )
    if plan.note_at is not None:
        add(start + plan.note_at * day, EventKind.NOTE, **_note(NOTES["note"]))
    if plan.message_at is not None:
        add(
            start + plan.message_at * day,
            EventKind.MESSAGE,
            **{f"note_{case.language}": MESSAGES[case.language]},
        )
    if decided_after is None:
        return events, answers
    decided = start + (decided_after + paused) * day
    if add(decided, EventKind.PHASE_CHANGE, phase=phases[codes[-1]], visible_to_resident=False):
        n = (rng or random.Random(str(case.external_id))).randint(1, 400)  # noqa: S311 (demo)
        add(
            decided,
            EventKind.DECISION,
            outcome=plan.outcome,
            appeal_days=demo.appeal_days,
            decision_reference=demo.decision_by.get(case.language, "").format(
                n=n, m=n % 12 + 1, year=decided.year
            ),
            **_note(DECISIONS[plan.outcome]),
        )
        final = decided + (7 + demo.appeal_days) * day
        if add(final, EventKind.FINAL, actor_kind=ActorKind.SYSTEM, **_note(NOTES["final"])):
            if plan.closed_after_final is not None:
                add(
                    final + plan.closed_after_final * day,
                    EventKind.CLOSED,
                    **_note(NOTES["closed"]),
                )
    return events, answers


def _random_plan(demo: DemoType, rng: random.Random) -> Plan:
    processing = max(0.3, rng.gauss(demo.mean_days, demo.spread_days))
    plan = Plan(processing_days=processing, outcome=rng.choice(demo.outcomes))
    if rng.random() < 0.25:
        plan.info_at = round(processing * rng.uniform(0.2, 0.6), 2)
        plan.info_answer_after = round(rng.uniform(1, 14), 2)
    if rng.random() < 0.3:
        plan.message_at = round(processing * rng.uniform(0.1, 0.9), 2)
    if rng.random() < 0.2:
        plan.note_at = round(processing * rng.uniform(0.3, 0.9), 2)
    if rng.random() < 0.5:
        plan.closed_after_final = round(rng.uniform(1, 20), 2)
    return plan


def _save_histories(items: list[tuple[Case, DemoType, Plan]], phases, now: datetime) -> None:
    """Write the events of many cases in a few queries, then derive each case's state."""
    events: list[CaseEvent] = []
    answers: list[tuple[CaseEvent, CaseEvent]] = []
    for case, demo, plan in items:
        case_events, case_answers = _events(case, demo, phases[demo.code], plan, now)
        events += case_events
        answers += case_answers
    CaseEvent.objects.bulk_create(events, batch_size=500)
    for request, answer in answers:
        answer.answer_to = request
    CaseEvent.objects.bulk_create([answer for _request, answer in answers], batch_size=500)
    for case, _demo, _plan in items:
        # The same derivation as every event recorded through the services.
        services._recompute(case, now)


# --- Loading -------------------------------------------------------------------------------------


def _handlers() -> dict[str, list]:
    users = {
        user.email: user
        for user in get_user_model().objects.filter(email__in=[BUILDING_HANDLER, EDUCATION_HANDLER])
    }
    return {
        "rakennusvalvonta": [users[BUILDING_HANDLER]] if BUILDING_HANDLER in users else [],
        "kasvatus-ja-koulutus": [users[EDUCATION_HANDLER]] if EDUCATION_HANDLER in users else [],
    }


def _load_types() -> dict[str, CaseType]:
    handlers = _handlers()
    units = {
        code: services.unit_save(code=code, name=name, handlers=handlers[code])
        for code, name in UNITS.items()
    }
    return {
        demo.code: services.case_type_save(
            code=demo.code,
            unit=units[demo.unit],
            name=demo.name,
            description=demo.description,
            phases=demo.phases,
            legal_deadline_days=demo.legal_deadline_days,
            legal_deadline_kind=DeadlineKind.CALENDAR,
            declared_days=demo.declared_days,
            sort_order=index * 10,
        )
        for index, demo in enumerate(TYPES)
    }


def _reference(demo: DemoType, n: int, submitted: datetime) -> str:
    return demo.reference.format(n=n, year=submitted.year)


def _bulk_cases(types: dict[str, CaseType], now: datetime, rng: random.Random):
    cases, parties, items = [], [], []
    n = 0
    for demo in TYPES:
        case_type = types[demo.code]
        for _ in range(demo.count):
            n += 1
            submitted = now - timedelta(days=rng.uniform(0.2, 365))
            language = "sv" if rng.random() < 0.2 else "fi"
            title = rng.choice(demo.titles)
            case = Case(
                case_type=case_type,
                unit_id=case_type.unit_id,
                reference=_reference(demo, 100 + n, submitted),
                external_id=f"{EXTERNAL_PREFIX}{n}",
                language=language,
                submitted_at=submitted,
                publicity=case_type.default_publicity,
                tracking_code_hash=services.tracking_code_hash(services.tracking_code_new()),
                title_fi=title["fi"],
                title_sv=title["sv"],
                title_en=title["en"],
            )
            cases.append(case)
            parties.append(CaseParty(case=case, email=f"hakija.{n}@example.invalid"))
            items.append((case, demo, _random_plan(demo, rng)))
    Case.objects.bulk_create(cases, batch_size=500)
    CaseParty.objects.bulk_create(parties, batch_size=500)
    return items


# The demo residents' cases: (type, resident, days since submission, plan, waiting for them).
RESIDENT_CASES = [
    (
        "rakennuslupa",
        AINO,
        20,
        Plan(processing_days=45, message_at=5, note_at=8),
        False,
    ),
    ("varhaiskasvatuspaikka", AINO, 30, Plan(processing_days=80), True),
    (
        "asukaspysakointitunnus",
        AINO,
        12,
        Plan(processing_days=6),
        False,
    ),
    (
        "palaute",
        AINO,
        90,
        Plan(processing_days=8, outcome=DecisionOutcome.OTHER, closed_after_final=2),
        False,
    ),
    ("nuorisotoiminnan-avustus", AINO, 0.5, Plan(processing_days=35), False),
    ("katualueen-kayttolupa", ERIK, 6, Plan(processing_days=20), True),
    (
        "varhaiskasvatuspaikka",
        ERIK,
        200,
        Plan(processing_days=60, info_at=10, info_answer_after=4),
        False,
    ),
    ("asukaspysakointitunnus", ERIK, 4, Plan(processing_days=9, message_at=2), False),
    ("rakennuslupa", ERIK, 1, Plan(processing_days=50), False),
    (
        "nuorisotoiminnan-avustus",
        ERIK,
        40,
        Plan(processing_days=30, outcome=DecisionOutcome.PARTLY_APPROVED),
        False,
    ),
]


def _resident_cases(types: dict[str, CaseType], now: datetime):
    languages = {AINO: "fi", ERIK: "sv"}
    by_code = {demo.code: demo for demo in TYPES}
    items, waiting = [], []
    for index, (code, email, days_ago, plan, waits) in enumerate(RESIDENT_CASES, start=1):
        demo = by_code[code]
        submitted = now - timedelta(days=days_ago)
        case, _tracking_code = services.case_save(
            case_type=types[code],
            reference=_reference(demo, index, submitted),
            title=demo.titles[0],
            language=languages[email],
            submitted_at=submitted,
            parties=[services.PartySpec(role="applicant", email=email)],
            external_id=f"{EXTERNAL_PREFIX}resident-{index}",
            actor="demo",
            source=Source.INTEGRATION,
        )
        items.append((case, demo, plan))
        if waits:
            waiting.append((case, demo))
    # The first one can be looked up without signing in, with a code the demo prints.
    first = items[0][0]
    Case.objects.filter(pk=first.pk).update(
        tracking_code_hash=services.tracking_code_hash(DEMO_TRACKING_CODE)
    )
    return items, waiting


def load(*, stdout) -> int:
    """Create the demo units, case types and cases; existing demo cases are kept as they are.

    Returns the number of cases created, 0 when they were already there.
    """
    types = _load_types()
    stdout.write(f"  {len(types)} case types in {len(UNITS)} units")
    created = 0
    if not Case.objects.filter(external_id__startswith=EXTERNAL_PREFIX).exists():
        now = timezone.now()
        rng = random.Random(SEED)  # noqa: S311 (demo data, reproducible)
        phases = {
            code: {phase.code: phase for phase in case_type.phases.all()}
            for code, case_type in types.items()
        }
        items = _bulk_cases(types, now, rng)
        resident_items, waiting = _resident_cases(types, now)
        _save_histories(items + resident_items, phases, now)
        for case, demo in waiting:
            # Through the service: the resident gets the request in their inbox.
            services.case_record_event(
                case=case,
                kind=EventKind.INFO_REQUEST,
                note=demo.info_request,
                due_at=now + timedelta(days=14),
                actor_name="demo",
                source=Source.INTEGRATION,
            )
        for case, demo, _plan in resident_items:
            decision = case.events.filter(kind=EventKind.DECISION).first()
            if decision is not None:
                name = DECISION_LETTER["file"][case.language]
                services.document_store(
                    case=case,
                    event=decision,
                    upload=SimpleUploadedFile(
                        name, _decision_pdf(case, demo, decision), "application/pdf"
                    ),
                    user=None,
                )
        created = len(items) + len(resident_items)
        first = resident_items[0][0]
        stdout.write(
            f"  {created} cases; look one up with {first.reference} and {DEMO_TRACKING_CODE}"
        )
    processing_times_compute()
    return created
