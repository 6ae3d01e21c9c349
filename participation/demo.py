"""Youth surveys of the demo town Rantala / Strandby: an open one with access codes for a school
class, a closed one whose results are published beside the decision, and one still to come."""

import datetime
import random

from django.utils import timezone

from decisions.models import AgendaItem
from participation.models import (
    Answer,
    Audience,
    DisplayMode,
    Identification,
    ModerationStatus,
    QuestionKind,
    ResultPolicy,
    Survey,
)
from participation.respondents import CODE_ALPHABET
from participation.services import (
    access_codes_store,
    responses_import,
    survey_create,
    survey_link_agenda_item,
    survey_submit_response,
)

OPEN_TITLE = "Rantapuisto nuorten silmin"
CLOSED_TITLE = "Nuorisotilan kesäaukiolo"
UPCOMING_TITLE = "Turvallinen koulumatka"
COUNCIL_TITLE = "Nuorisovaltuuston kokousajat"
DEMO_CLASS = "8B, Rantalan yhtenäiskoulu"
CLOSED_RESPONSES = 312


def _codes(seed: int, count: int) -> list[str]:
    """Printed demo codes: the same in every demo, so that the guide and tests can use them."""
    rng = random.Random(seed)  # noqa: S311 - demo codes are public by design
    codes = []
    for _ in range(count):
        raw = "".join(rng.choice(CODE_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


# The demo class's codes. The first is left for trying the survey out and is never sent; a few
# at the end have already been used.
DEMO_CODES = _codes(8, 30)
USED_CODES = DEMO_CODES[-3:]

OPEN_QUESTIONS = [
    {
        "kind": QuestionKind.INFO,
        "text_fi": "Tekninen lautakunta päättää pian Rantapuiston uudistamisesta. Kerro, mitä "
        "sinä toivot puistolta. Vastaaminen vie noin viisi minuuttia, eikä vastauksistasi voi "
        "päätellä, kuka vastasi.",
        "text_sv": "Tekniska nämnden beslutar snart om förnyelsen av Strandparken. Berätta vad "
        "du önskar av parken. Det tar ungefär fem minuter att svara, och ingen kan se av "
        "svaren vem som svarade.",
        "text_en": "The Technical Committee will soon decide on renewing Beach Park. Tell us "
        "what you would like from the park. Answering takes about five minutes, and no one can "
        "tell from the answers who answered.",
    },
    {
        "kind": QuestionKind.SINGLE,
        "text_fi": "Kuinka usein käyt Rantapuistossa?",
        "text_sv": "Hur ofta besöker du Strandparken?",
        "text_en": "How often do you go to Beach Park?",
        "required": True,
        "options": [
            ("Melkein joka päivä", "Nästan varje dag", "Almost every day"),
            ("Joka viikko", "Varje vecka", "Every week"),
            ("Joskus", "Ibland", "Sometimes"),
            ("En koskaan", "Aldrig", "Never"),
        ],
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "text_fi": "Mitä haluaisit tehdä puistossa?",
        "text_sv": "Vad skulle du vilja göra i parken?",
        "text_en": "What would you like to do in the park?",
        "help_text_fi": "Valitse enintään kolme.",
        "help_text_sv": "Välj högst tre.",
        "help_text_en": "Choose up to three.",
        "min_choices": 1,
        "max_choices": 3,
        "options": [
            ("Uida ja ottaa aurinkoa", "Simma och sola", "Swim and sunbathe"),
            ("Skeitata", "Åka skateboard", "Skateboard"),
            ("Pelata palloa", "Spela boll", "Play ball games"),
            ("Olla kavereiden kanssa", "Umgås med kompisar", "Hang out with friends"),
            ("Kuntoilla", "Träna", "Work out"),
        ],
    },
    {
        "kind": QuestionKind.SCALE,
        "text_fi": "Kuinka turvalliselta puisto tuntuu iltaisin?",
        "text_sv": "Hur trygg känns parken på kvällarna?",
        "text_en": "How safe does the park feel in the evening?",
        "required": True,
        "scale_min_label": ("Ei lainkaan turvalliselta", "Inte alls trygg", "Not safe at all"),
        "scale_max_label": ("Hyvin turvalliselta", "Mycket trygg", "Very safe"),
    },
    {
        "kind": QuestionKind.RANKING,
        "text_fi": "Mikä parannus on sinusta tärkein?",
        "text_sv": "Vilken förbättring är viktigast för dig?",
        "text_en": "Which improvement matters most to you?",
        "options": [
            ("Parempi valaistus", "Bättre belysning", "Better lighting"),
            ("Uusi uimaranta", "En ny badstrand", "A new beach"),
            ("Skeittiramppi", "En skateramp", "A skate ramp"),
            ("Katos sateen varalle", "Ett regnskydd", "A shelter from the rain"),
        ],
    },
    {
        "kind": QuestionKind.SHORT_TEXT,
        "text_fi": "Kuvaile Rantapuistoa yhdellä sanalla",
        "text_sv": "Beskriv Strandparken med ett ord",
        "text_en": "Describe Beach Park in one word",
    },
    {
        "kind": QuestionKind.LONG_TEXT,
        "text_fi": "Mitä muuta haluat päättäjien tietävän?",
        "text_sv": "Vad mer vill du att beslutsfattarna ska veta?",
        "text_en": "What else do you want the decision-makers to know?",
    },
]

CLOSED_QUESTIONS = [
    {
        "kind": QuestionKind.SINGLE,
        "text_fi": "Pitäisikö nuorisotilan olla auki kesällä?",
        "text_sv": "Borde ungdomsgården vara öppen på sommaren?",
        "text_en": "Should the youth centre be open in summer?",
        "required": True,
        "options": [
            ("Kyllä, koko kesän", "Ja, hela sommaren", "Yes, all summer"),
            ("Kyllä, osan kesästä", "Ja, en del av sommaren", "Yes, part of the summer"),
            ("Ei", "Nej", "No"),
            ("En osaa sanoa", "Vet inte", "Don't know"),
        ],
    },
    {
        "kind": QuestionKind.MULTIPLE,
        "text_fi": "Mihin aikaan kävisit nuorisotilalla?",
        "text_sv": "När skulle du besöka ungdomsgården?",
        "text_en": "When would you visit the youth centre?",
        "min_choices": 1,
        "options": [
            ("Aamupäivisin", "På förmiddagar", "In the mornings"),
            ("Iltapäivisin", "På eftermiddagar", "In the afternoons"),
            ("Iltaisin", "På kvällar", "In the evenings"),
            ("Viikonloppuisin", "På veckoslut", "At weekends"),
        ],
    },
    {
        "kind": QuestionKind.SCALE,
        "text_fi": "Kuinka tärkeä nuorisotila on sinulle?",
        "text_sv": "Hur viktig är ungdomsgården för dig?",
        "text_en": "How important is the youth centre to you?",
        "scale_min_label": ("Ei lainkaan tärkeä", "Inte alls viktig", "Not important"),
        "scale_max_label": ("Erittäin tärkeä", "Mycket viktig", "Very important"),
    },
    {
        "kind": QuestionKind.LONG_TEXT,
        "text_fi": "Mitä kesäisin pitäisi voida tehdä nuorisotilalla?",
        "text_sv": "Vad borde man kunna göra på ungdomsgården på sommaren?",
        "text_en": "What should one be able to do at the youth centre in summer?",
    },
]

# Free texts as the respondents wrote them, and the language the moderator gives each.
CLOSED_TEXTS = [
    ("Pelata lautapelejä ja biljardia", "fi"),
    ("Retkiä rannalle ohjaajan kanssa", "fi"),
    ("Musiikkistudio auki myös kesällä", "fi"),
    ("Kokkikerho ja grilli-illat", "fi"),
    ("Paikka, jossa voi olla sateella", "fi"),
    ("Bändiharjoitukset", "fi"),
    ("Elokuvailtoja", "fi"),
    ("Kesätyöinfoa nuorille", "fi"),
    ("Musikstudion öppen också på sommaren", "sv"),
    ("Filmkvällar på fredagar", "sv"),
    ("Ett ställe att vara på när det regnar", "sv"),
    ("Info om sommarjobb för unga", "sv"),
]


def _respond_closed(survey: Survey, rng: random.Random) -> int:
    single, multiple, scale, long_text = list(survey.questions.all())
    single_options = [o.pk for o in single.options.all()]
    multiple_options = [o.pk for o in multiple.options.all()]
    responses = []
    for _ in range(CLOSED_RESPONSES):
        answer = {
            single.pk: rng.choices(single_options, weights=(48, 27, 9, 16))[0],
            multiple.pk: sorted(
                rng.sample(multiple_options, rng.randint(1, 3)),
            ),
            scale.pk: rng.choices(range(1, 6), weights=(4, 8, 20, 33, 35))[0],
        }
        if rng.random() < 0.3:
            answer[long_text.pk] = rng.choice(CLOSED_TEXTS)[0]
        # Few of the oldest answered: their band stays hidden in the results.
        answer["age_band"] = rng.choices(
            ("13-15", "16-17", "18-20", "21-24", ""), (45, 35, 15, 1, 4)
        )[0]
        responses.append(answer)
    created = responses_import(
        survey=survey, responses=responses, submitted_on=timezone.localdate(survey.opens_at)
    )
    # A moderator approved one of each text for publication; the rest wait or stay unpublished.
    approved = set()
    for answer in Answer.objects.filter(question=long_text).order_by("text", "id"):
        if answer.text not in approved and len(approved) < 6:
            approved.add(answer.text)
            Answer.objects.filter(pk=answer.pk).update(
                moderation=ModerationStatus.APPROVED, language=dict(CLOSED_TEXTS)[answer.text]
            )
    return created


def _decided_item(title_fi: str) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(
            title_fi__startswith=title_fi,
            meeting__minutes_publish_at__lte=timezone.now(),
            is_confidential=False,
        )
        .select_related("meeting")
        .order_by("-meeting__starts_at")
        .first()
    )


def _upcoming_item(title_fi: str) -> AgendaItem | None:
    now = timezone.now()
    return (
        AgendaItem.objects.filter(
            title_fi__startswith=title_fi,
            meeting__starts_at__gt=now,
            meeting__minutes_publish_at__isnull=True,
        )
        .order_by("meeting__starts_at")
        .first()
    )


def load(*, stdout) -> list[Survey]:
    """Create the demo surveys unless they exist; print the demo class's access codes."""
    existing = Survey.objects.filter(title_fi=OPEN_TITLE).first()
    if existing is not None:
        stdout.write("  surveys: already there")
        return list(Survey.objects.all())
    now = timezone.now()
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data, not security

    opened = survey_create(
        title_fi=OPEN_TITLE,
        title_sv="Strandparken med ungas ögon",
        title_en="Beach Park through young eyes",
        intro_fi="Rantapuisto uudistetaan. Tekninen lautakunta haluaa kuulla nuorten toiveet "
        "ennen päätöstä.",
        intro_sv="Strandparken ska förnyas. Tekniska nämnden vill höra de ungas önskemål före "
        "beslutet.",
        intro_en="Beach Park is to be renewed. The Technical Committee wants to hear young "
        "people's wishes before it decides.",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=21),
        identification=Identification.ACCESS_CODE,
        display_mode=DisplayMode.ONE_PER_SCREEN,
        result_policy=ResultPolicy.WITH_DECISION,
        audience=Audience.AGE_RANGE,
        age_min=13,
        age_max=20,
        area="Rantala",
        questions=OPEN_QUESTIONS,
    )
    access_codes_store(survey=opened, codes=DEMO_CODES, group=DEMO_CLASS)
    for code in USED_CODES:
        answers = {}
        for question in opened.questions.prefetch_related("options"):
            options = [o.pk for o in question.options.all()]
            if question.kind == QuestionKind.SINGLE:
                answers[question.pk] = rng.choice(options)
            elif question.kind == QuestionKind.SCALE:
                answers[question.pk] = rng.randint(2, 5)
        survey_submit_response(survey=opened, answers=answers, access_code=code)
    item = _upcoming_item("Rantapuiston asemakaavan muutos")
    if item is not None:
        survey_link_agenda_item(survey=opened, agenda_item=item)

    decided = _decided_item("Nuorisotilan aukiolo kesällä")
    closes = (
        decided.meeting.starts_at - datetime.timedelta(days=10)
        if decided
        else now - datetime.timedelta(days=30)
    )
    closed = survey_create(
        title_fi=CLOSED_TITLE,
        title_sv="Ungdomsgården på sommaren",
        title_en="The youth centre in summer",
        intro_fi="Nuorisovaltuusto kysyi nuorilta, pitäisikö nuorisotilan olla auki kesällä.",
        intro_sv="Ungdomsfullmäktige frågade de unga om ungdomsgården borde vara öppen på "
        "sommaren.",
        intro_en="The youth council asked young people whether the youth centre should be "
        "open in summer.",
        opens_at=closes - datetime.timedelta(days=21),
        closes_at=closes,
        identification=Identification.ANONYMOUS,
        display_mode=DisplayMode.ALL_AT_ONCE,
        result_policy=ResultPolicy.WITH_DECISION,
        asks_age_band=True,
        questions=CLOSED_QUESTIONS,
    )
    responses = _respond_closed(closed, rng)
    if decided is not None:
        survey_link_agenda_item(survey=closed, agenda_item=decided)

    survey_create(
        title_fi=UPCOMING_TITLE,
        title_sv="Trygg skolväg",
        title_en="A safe way to school",
        intro_fi="Kerro, missä koulumatkallasi on vaarallisia paikkoja.",
        intro_sv="Berätta var det finns farliga ställen på din skolväg.",
        intro_en="Tell us where your way to school has dangerous spots.",
        opens_at=now + datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=40),
        questions=[
            {
                "kind": QuestionKind.LONG_TEXT,
                "text_fi": "Missä on vaarallista?",
                "text_sv": "Var är det farligt?",
                "text_en": "Where is it dangerous?",
                "required": True,
            }
        ],
    )
    survey_create(
        title_fi=COUNCIL_TITLE,
        title_sv="Ungdomsfullmäktiges mötestider",
        title_en="The youth council's meeting times",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=14),
        identification=Identification.ANONYMOUS,
        display_mode=DisplayMode.ALL_AT_ONCE,
        asks_age_band=True,
        questions=[
            {
                "kind": QuestionKind.SINGLE,
                "text_fi": "Mikä kokousaika sopii sinulle parhaiten?",
                "text_sv": "Vilken mötestid passar dig bäst?",
                "text_en": "Which meeting time suits you best?",
                "required": True,
                "options": [
                    ("Arki-ilta", "Vardagskväll", "A weekday evening"),
                    ("Lauantai", "Lördag", "Saturday"),
                ],
            },
            {
                "kind": QuestionKind.SHORT_TEXT,
                "text_fi": "Toive kokouspaikasta",
                "text_sv": "Önskemål om mötesplats",
                "text_en": "Where would you like to meet?",
                "required": True,
            },
        ],
    )
    stdout.write(
        f"  surveys: 4 created, {responses} generated responses; access codes of the demo class "
        f"{DEMO_CLASS} for “{OPEN_TITLE}” (survey {opened.pk}): {', '.join(DEMO_CODES[:5])} …"
    )
    return [opened, closed]
