"""Demo decisions of the town Rantala / Strandby: bodies and their members, about two years of
meetings with bilingual agenda items, votes, a disqualification, a tabled and a confidential
item, attachments, and officeholder decisions.

The matters come from demo_matters.toml, which says which body or office decides each kind.
Meetings and items are bulk-created (with their search texts computed here) so that loading
takes seconds; the few records with rules of their own (votes, attachments, personal data) go
through the services.
"""

from __future__ import annotations

import datetime
import random
import string
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from decisions.models import (
    AgendaItem,
    AppealInstructionTemplate,
    AppealKind,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    MemberRole,
    Membership,
    OfficeholderDecision,
    Publicity,
    Resolution,
    VoteChoice,
)
from decisions.services import (
    ITEM_SECTIONS,
    _search_texts,
    appeal_template_save,
    attachment_save,
    body_save,
    disqualification_record,
    personal_data_mark,
    search_places_refresh,
    search_vectors_refresh,
    vote_record,
)
from portal.pdf import pdf_document

BODIES = [
    {
        "slug": "kunnanvaltuusto",
        "slug_sv": "kommunfullmaktige",
        "slug_en": "municipal-council",
        "kind": BodyKind.COUNCIL,
        "sort_order": 10,
        "name_fi": "Kunnanvaltuusto",
        "name_sv": "Kommunfullmäktige",
        "name_en": "Municipal Council",
        "description_fi": "Rantalan ylin päättävä toimielin. Valtuustossa on 35 valtuutettua.",
        "description_sv": "Strandbys högsta beslutande organ. Fullmäktige har 35 ledamöter.",
        "description_en": "The highest decision-making body of Rantala, with 35 councillors.",
    },
    {
        "slug": "kunnanhallitus",
        "slug_sv": "kommunstyrelsen",
        "slug_en": "municipal-executive-board",
        "kind": BodyKind.EXECUTIVE_BOARD,
        "sort_order": 20,
        "name_fi": "Kunnanhallitus",
        "name_sv": "Kommunstyrelsen",
        "name_en": "Municipal Executive Board",
        "description_fi": "Vastaa kunnan hallinnosta ja taloudenhoidosta ja valmistelee "
        "valtuuston asiat.",
        "description_sv": "Ansvarar för kommunens förvaltning och ekonomi och bereder "
        "fullmäktiges ärenden.",
        "description_en": "Runs the municipality's administration and finances and prepares "
        "the council's matters.",
    },
    {
        "slug": "sivistyslautakunta",
        "slug_sv": "bildningsnamnden",
        "slug_en": "education-and-culture-committee",
        "kind": BodyKind.COMMITTEE,
        "sort_order": 30,
        "name_fi": "Sivistyslautakunta",
        "name_sv": "Bildningsnämnden",
        "name_en": "Education and Culture Committee",
        "description_fi": "Varhaiskasvatus, perusopetus, lukio, kirjasto, kulttuuri ja nuorisotyö.",
        "description_sv": "Småbarnspedagogik, grundläggande utbildning, gymnasium, bibliotek, "
        "kultur och ungdomsarbete.",
        "description_en": "Early childhood education, schools, the library, culture and youth "
        "work.",
    },
    {
        "slug": "tekninen-lautakunta",
        "slug_sv": "tekniska-namnden",
        "slug_en": "technical-committee",
        "kind": BodyKind.COMMITTEE,
        "sort_order": 40,
        "name_fi": "Tekninen lautakunta",
        "name_sv": "Tekniska nämnden",
        "name_en": "Technical Committee",
        "description_fi": "Kadut, puistot, kaavoitus, rakennusvalvonta ja kunnan kiinteistöt.",
        "description_sv": "Gator, parker, planläggning, byggnadstillsyn och kommunens fastigheter.",
        "description_en": "Streets, parks, land-use planning, building control and the "
        "municipality's properties.",
    },
    {
        "slug": "nuorisovaltuusto",
        "slug_sv": "ungdomsfullmaktige",
        "slug_en": "youth-council",
        "kind": BodyKind.YOUTH_COUNCIL,
        "sort_order": 50,
        "name_fi": "Nuorisovaltuusto",
        "name_sv": "Ungdomsfullmäktige",
        "name_en": "Youth Council",
        "description_fi": "13–20-vuotiaiden rantalalaisten vaikuttamistoimielin.",
        "description_sv": "Påverkansorgan för unga i Strandby i åldern 13–20 år.",
        "description_en": "The body through which Rantala's young people aged 13–20 have "
        "their say.",
    },
    {
        "slug": "sivistysjohtaja",
        "slug_sv": "bildningsdirektoren",
        "slug_en": "director-of-education",
        "kind": BodyKind.OFFICEHOLDER,
        "sort_order": 60,
        "name_fi": "Sivistysjohtaja",
        "name_sv": "Bildningsdirektören",
        "name_en": "Director of Education",
        "description_fi": "Päättää sivistystoimen avustuksista, hankinnoista ja henkilöstöstä.",
        "description_sv": "Beslutar om bildningsväsendets bidrag, upphandlingar och personal.",
        "description_en": "Decides on grants, procurement and staff of education and culture.",
    },
    {
        "slug": "tekninen-johtaja",
        "slug_sv": "tekniska-direktoren",
        "slug_en": "director-of-technical-services",
        "kind": BodyKind.OFFICEHOLDER,
        "sort_order": 70,
        "name_fi": "Tekninen johtaja",
        "name_sv": "Tekniska direktören",
        "name_en": "Director of Technical Services",
        "description_fi": "Päättää katujen, puistojen ja kiinteistöjen hoidosta ja luvista.",
        "description_sv": "Beslutar om skötsel av gator, parker och fastigheter samt om tillstånd.",
        "description_en": "Decides on the upkeep of streets, parks and properties, and permits.",
    },
]

FIRST_NAMES = (
    "Aino Anna Eero Elina Erik Hanna Heikki Jukka Kaisa Kalle Katja Lars Leena Maria Markku "
    "Mikko Niina Olli Pekka Riitta Sanna Sofia Timo Tuula Ulla Ville Johanna Anders Petra Saara"
).split()
LAST_NAMES = (
    "Aaltonen Backman Eklund Heikkinen Holmberg Järvinen Koskinen Lindqvist Mäkelä Nieminen "
    "Nyström Ojala Rantanen Salo Sjöberg Tuominen Virtanen Wikström Laine Korhonen"
).split()
GROUPS = ("KESK", "KOK", "SDP", "PS", "VIHR", "RKP", "VAS")
SIZES = {
    "kunnanvaltuusto": 35,
    "kunnanhallitus": 9,
    "sivistyslautakunta": 9,
    "tekninen-lautakunta": 9,
    "nuorisovaltuusto": 11,
}
# Meetings a year per body.
MEETINGS_PER_YEAR = {
    "kunnanvaltuusto": 9,
    "kunnanhallitus": 20,
    "sivistyslautakunta": 10,
    "tekninen-lautakunta": 10,
    "nuorisovaltuusto": 8,
}
PLACES = {
    "fi": "Kunnantalo, valtuustosali",
    "sv": "Kommungården, fullmäktigesalen",
    "en": "Town hall, council chamber",
}

MATTERS_FILE = Path(__file__).with_name("demo_matters.toml")
LANGUAGES = ("fi", "sv", "en")
# How a proposal is put: by a body that decides the matter itself, by the executive board that
# prepares it for the council, and to the council on the board's proposal.
PROPOSALS = {
    "own": ("Esitetään, että {p}.", "Det föreslås att {p}.", "It is proposed that {p}."),
    "to_council": (
        "Esitetään, että kunnanhallitus ehdottaa valtuustolle, että {p}.",
        "Det föreslås att kommunstyrelsen föreslår fullmäktige att {p}.",
        "It is proposed that the Executive Board propose to the Council that {p}.",
    ),
    "from_board": (
        "Kunnanhallitus ehdottaa, että {p}.",
        "Kommunstyrelsen föreslår att {p}.",
        "The Executive Board proposes that {p}.",
    ),
}
# Who prepares and presents the matters of each body.
PREPARER = (
    "Liisa Laatija, hallintosihteeri",
    "Liisa Laatija, förvaltningssekreterare",
    "Liisa Laatija, administrative secretary",
)
_MANAGER = (
    "Mikael Sundström, kunnanjohtaja",
    "Mikael Sundström, kommundirektör",
    "Mikael Sundström, municipal manager",
)
PRESENTERS = {
    "kunnanvaltuusto": _MANAGER,
    "kunnanhallitus": _MANAGER,
    "sivistyslautakunta": (
        "Helena Holmberg, sivistysjohtaja",
        "Helena Holmberg, bildningsdirektör",
        "Helena Holmberg, director of education",
    ),
    "tekninen-lautakunta": (
        "Jari Järvinen, tekninen johtaja",
        "Jari Järvinen, teknisk direktör",
        "Jari Järvinen, director of technical services",
    ),
    "nuorisovaltuusto": (
        "Sanna Salo, nuorisosihteeri",
        "Sanna Salo, ungdomssekreterare",
        "Sanna Salo, youth secretary",
    ),
}
DECISION_TEXT = {
    "fi": "Päätösehdotus hyväksyttiin yksimielisesti.",
    "sv": "Beslutsförslaget godkändes enhälligt.",
    "en": "The proposal was approved unanimously.",
}
ROUTINE = [
    (
        (
            "Kokouksen laillisuus ja päätösvaltaisuus",
            "Sammanträdets laglighet och beslutförhet",
            "Lawfulness and quorum of the meeting",
        ),
        Resolution.NOTED,
    ),
    (
        (
            "Pöytäkirjan tarkastajien valinta",
            "Val av protokolljusterare",
            "Electing the minute checkers",
        ),
        Resolution.AS_PROPOSED,
    ),
]
CLOSING = (
    ("Ilmoitusasiat", "Anmälningsärenden", "Matters for information"),
    Resolution.NOTED,
)
CONFIDENTIAL = {
    "title": ("Henkilöstöasia", "Personalärende", "A staff matter"),
    "ground": (
        "JulkL 24 § 1 mom. 32 k",
        "OffL 24 § 1 mom. 32 p.",
        "Act on the Openness of Government Activities 24 § 1 (32)",
    ),
}


@dataclass
class Matter:
    """One matter drawn from a template of the data file, with its slots filled in."""

    template: dict
    values: dict[str, list[str]]
    reference: str

    def text(self, key: str, language: str) -> str:
        texts = self.template.get(key)
        if not texts:
            return ""
        index = LANGUAGES.index(language)
        return texts[index].format(
            **{
                name: value[index] if len(value) > 1 else value[0]
                for name, value in self.values.items()
            }
        )

    def texts(self, key: str) -> tuple[str, str, str]:
        return tuple(self.text(key, language) for language in LANGUAGES)


class _Matters:
    """Varied matters from the data file, and their case references."""

    def __init__(self, rng: random.Random):
        data = tomllib.loads(MATTERS_FILE.read_text(encoding="utf-8"))
        self.rng = rng
        self.slots: dict[str, list[list[str]]] = data["slots"]
        self.items: dict[str, list[dict]] = {}
        self.anchored: list[dict] = []
        for template in data["matter"]:
            if template.get("anchor"):
                self.anchored.append(template)
            else:
                self.items.setdefault(template["body"], []).append(template)
        self.decisions: dict[str, list[dict]] = {}
        for template in data["decision"]:
            self.decisions.setdefault(template["body"], []).append(template)
        self.used: set[str] = set()
        self.numbers: dict[int, int] = {}

    def reference(self, template: dict, year: int) -> str:
        number = self.numbers[year] = self.numbers.get(year, 0) + 1
        return f"RAN/{number}/{template['code']}/{year}"

    def make(self, template: dict, year: int) -> Matter:
        names = {
            name
            for texts in template.values()
            if isinstance(texts, list)
            for text in texts
            for _literal, name, _spec, _conversion in string.Formatter().parse(text)
            if name
        }
        values = {"year": [str(year)], "next_year": [str(year + 1)]}
        for name in sorted(names - set(values)):
            values[name] = self.rng.choice(self.slots[name])
        return Matter(template, values, "")

    def draw(self, pool: list[dict], year: int, taken: set[str], key_year: bool = False):
        """A matter from `pool` whose title is new here and, unless it recurs, new everywhere
        (or in its year, with `key_year`)."""
        for _attempt in range(40):
            matter = self.make(self.rng.choice(pool), year)
            title = matter.text("title", "fi")
            key = f"{title}/{year}" if key_year else title
            if title in taken or (key in self.used and not matter.template.get("recurring")):
                continue
            self.used.add(key)
            return matter
        return None


def _titled(item, titles):
    item.title_fi, item.title_sv, item.title_en = titles
    return item


def _html(text: str) -> str:
    return f"<p>{text}</p>"


def load(*, stdout) -> list[Body]:
    """Create the demo town's bodies and decisions; what already exists is kept as it is."""
    existing = {
        body.slug: body for body in Body.objects.filter(slug__in=[b["slug"] for b in BODIES])
    }
    bodies = []
    created = 0
    for data in BODIES:
        body = existing.get(data["slug"])
        if body is None:
            body = body_save(**data)
            created += 1
        bodies.append(body)
    stdout.write(f"  bodies: {created} created, {len(bodies) - created} already there")
    by_slug = {body.slug: body for body in bodies}
    if Meeting.objects.filter(body__in=bodies).exists():
        stdout.write("  meetings: already there")
        return bodies
    _load_decisions(by_slug, stdout=stdout)
    return bodies


def _templates() -> dict[str, AppealInstructionTemplate]:
    texts = {
        AppealKind.NONE: (
            "Ei muutoksenhakua",
            "Ändring får inte sökas",
            "No appeal",
            "Päätökseen ei saa hakea muutosta, koska se koskee vain asian valmistelua.",
            "Ändring i beslutet får inte sökas eftersom det endast gäller beredning.",
            "No appeal may be made, as the decision only concerns preparation.",
        ),
        AppealKind.RECTIFICATION: (
            "Oikaisuvaatimusohje",
            "Anvisning för begäran om omprövning",
            "Request for rectification",
            "Päätökseen tyytymätön voi tehdä kirjallisen oikaisuvaatimuksen 14 päivän "
            "kuluessa tiedoksisaannista.",
            "Den som är missnöjd med beslutet kan framställa en skriftlig begäran om "
            "omprövning inom 14 dagar från delfåendet.",
            "Anyone dissatisfied may request rectification in writing within 14 days.",
        ),
        AppealKind.MUNICIPAL_APPEAL: (
            "Valitusosoitus, kunnallisvalitus",
            "Besvärsanvisning, kommunalbesvär",
            "Municipal appeal",
            "Päätökseen saa hakea muutosta kunnallisvalituksella Vaasan hallinto-oikeudelta "
            "30 päivän kuluessa tiedoksisaannista.",
            "Ändring i beslutet får sökas genom kommunalbesvär hos Vasa förvaltningsdomstol "
            "inom 30 dagar från delfåendet.",
            "A municipal appeal may be made to the Vaasa Administrative Court within 30 days.",
        ),
        AppealKind.ADMINISTRATIVE_APPEAL: (
            "Valitusosoitus, hallintovalitus",
            "Besvärsanvisning, förvaltningsbesvär",
            "Administrative appeal",
            "Päätökseen saa hakea muutosta hallintovalituksella 30 päivän kuluessa.",
            "Ändring i beslutet får sökas genom förvaltningsbesvär inom 30 dagar.",
            "An administrative appeal may be made within 30 days.",
        ),
    }
    days = {"none": 0, "rectification": 14, "municipal_appeal": 30, "administrative_appeal": 30}
    out = {}
    for kind, (n_fi, n_sv, n_en, t_fi, t_sv, t_en) in texts.items():
        out[kind] = appeal_template_save(
            kind=kind,
            appeal_days=days[kind],
            name_fi=n_fi,
            name_sv=n_sv,
            name_en=n_en,
            text_fi=_html(t_fi),
            text_sv=_html(t_sv),
            text_en=_html(t_en),
        )
    return out


def _members(by_slug, rng, start: datetime.date) -> dict[str, list[Membership]]:
    rows = []
    for slug, size in SIZES.items():
        for index in range(size):
            role = MemberRole.CHAIR if index == 0 else MemberRole.MEMBER
            if index == 1:
                role = MemberRole.VICE_CHAIR
            rows.append(
                Membership(
                    body=by_slug[slug],
                    person_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    role=role,
                    group=rng.choice(GROUPS),
                    starts_on=start,
                )
            )
        rows.append(
            Membership(
                body=by_slug[slug],
                person_name="Liisa Laatija",
                role=MemberRole.SECRETARY,
                starts_on=start,
                title_fi="hallintosihteeri",
                title_sv="förvaltningssekreterare",
                title_en="administrative secretary",
            )
        )
    for slug, name, title in (
        (
            "sivistysjohtaja",
            "Helena Holmberg",
            ("sivistysjohtaja", "bildningsdirektör", "director"),
        ),
        ("tekninen-johtaja", "Jari Järvinen", ("tekninen johtaja", "teknisk direktör", "director")),
    ):
        rows.append(
            Membership(
                body=by_slug[slug],
                person_name=name,
                role=MemberRole.OFFICEHOLDER,
                starts_on=start,
                title_fi=title[0],
                title_sv=title[1],
                title_en=title[2],
            )
        )
    created = Membership.objects.bulk_create(rows)
    out: dict[str, list[Membership]] = {}
    for member in created:
        out.setdefault(member.body.slug, []).append(member)
    return out


# Meetings further away than this have no agenda yet: they are only announced.
ANNOUNCED_DAYS = 21


def _load_decisions(by_slug: dict[str, Body], *, stdout) -> None:
    rng = random.Random(2026)  # noqa: S311 - repeatable demo data, not security
    now = timezone.now()
    today = timezone.localdate(now)
    start = today - datetime.timedelta(days=730)
    templates = _templates()
    members = _members(by_slug, rng, start)

    meetings: list[Meeting] = []
    for slug, per_year in MEETINGS_PER_YEAR.items():
        body = by_slug[slug]
        step = datetime.timedelta(days=365 // per_year)
        day = start + datetime.timedelta(days=rng.randint(3, 20))
        numbers: dict[int, int] = {}
        while day < today + datetime.timedelta(days=60):
            if day.weekday() >= 5:
                day += datetime.timedelta(days=7 - day.weekday())
            number = numbers[day.year] = numbers.get(day.year, 0) + 1
            starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(17, 0)))
            meeting = Meeting(
                body=body,
                number=number,
                year=day.year,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=2, minutes=30),
                place_fi=PLACES["fi"],
                place_sv=PLACES["sv"],
                place_en=PLACES["en"],
                state=MeetingState.SCHEDULED,
                # The agenda is published a week before the meeting, at 12:00.
                agenda_publish_at=starts_at - datetime.timedelta(days=7, hours=5),
            )
            if starts_at > now + datetime.timedelta(days=ANNOUNCED_DAYS):
                # Announced (date, place, body) but the agenda is still being prepared.
                meeting.agenda_publish_at = None
            elif starts_at < now - datetime.timedelta(days=7):
                meeting.state = MeetingState.MINUTES_PUBLISHED
                meeting.minutes_publish_at = starts_at + datetime.timedelta(days=6)
                meeting.display_starts_on = timezone.localdate(meeting.minutes_publish_at)
                meeting.display_ends_on = meeting.display_starts_on + datetime.timedelta(days=14)
                meeting.agenda_announced_at = meeting.agenda_publish_at
                meeting.minutes_announced_at = meeting.minutes_publish_at
            elif meeting.agenda_publish_at <= now:
                meeting.state = (
                    MeetingState.HELD if starts_at < now else MeetingState.AGENDA_PUBLISHED
                )
                meeting.agenda_announced_at = meeting.agenda_publish_at
            meetings.append(meeting)
            day += step
    meetings = Meeting.objects.bulk_create(meetings)
    matters = _Matters(rng)
    items = AgendaItem.objects.bulk_create(
        _agenda_items(meetings, matters, templates, rng, now), batch_size=500
    )

    _link_demo_cases(items, meetings)
    _special_items(items, meetings, members)
    _officeholder_decisions(by_slug, templates, matters, start, today)
    search_vectors_refresh(model=AgendaItem)
    search_vectors_refresh(model=OfficeholderDecision)
    search_places_refresh()
    stdout.write(
        f"  meetings: {len(meetings)}, agenda items: {len(items)}, officeholder decisions: "
        f"{OfficeholderDecision.objects.count()}"
    )


def _agenda_items(meetings, matters: _Matters, templates, rng, now) -> list[AgendaItem]:
    """The meetings' items in date order; a matter the board prepares goes on to the council."""
    ordered = sorted(meetings, key=lambda m: m.starts_at)
    past = {}
    upcoming = {}
    for meeting in ordered:
        slug = meeting.body.slug
        if meeting.minutes_publish_at is not None:
            past[slug] = meeting
        elif meeting.starts_at > now and meeting.agenda_publish_at and slug not in upcoming:
            upcoming[slug] = meeting
    # The executive board's latest meeting with minutes has a long agenda (40 items), and the
    # board before that a confidential staff matter.
    long_meeting = past["kunnanhallitus"]
    board = [m for m in ordered if m.body.slug == "kunnanhallitus" and m.minutes_publish_at]
    confidential_meeting = board[-2]
    # Matters placed in advance: the anchored ones, and the long agenda, drawn first so that
    # the other meetings cannot use up its matters.
    placed: dict[int, list[Matter]] = {}
    for template in matters.anchored:
        target = (past if template["anchor"] == "last" else upcoming).get(template["body"])
        if target is not None:  # the next meeting may have no agenda yet
            placed.setdefault(target.pk, []).append(matters.make(template, target.year))
    long_agenda = placed.setdefault(long_meeting.pk, [])
    taken = {matter.text("title", "fi") for matter in long_agenda}
    while len(long_agenda) < 40 - len(ROUTINE) - 1:
        matter = matters.draw(matters.items["kunnanhallitus"], long_meeting.year, taken, True)
        if matter is None:
            break
        taken.add(matter.text("title", "fi"))
        long_agenda.append(matter)

    pending: dict[str, list[tuple[datetime.date, Matter]]] = {}
    sections: dict[tuple[str, int], int] = {}
    items: list[AgendaItem] = []
    for meeting in ordered:
        if meeting.agenda_publish_at is None:
            continue  # only announced: no agenda yet
        slug = meeting.body.slug
        year = meeting.year
        day = timezone.localdate(meeting.starts_at)
        minutes = meeting.minutes_publish_at is not None
        count = 40 if meeting is long_meeting else rng.randint(5, 9)
        own_template = {
            "kunnanvaltuusto": templates[AppealKind.MUNICIPAL_APPEAL],
            "nuorisovaltuusto": templates[AppealKind.NONE],
        }.get(slug, templates[AppealKind.RECTIFICATION])

        # (matter, how its proposal is put); prepared matters first, then the body's own.
        agenda: list[tuple[Matter, str]] = []
        ready = [entry for entry in pending.get(slug, []) if entry[0] <= day]
        pending[slug] = [entry for entry in pending.get(slug, []) if entry[0] > day]
        agenda += [(matter, "from_board") for _ready, matter in ready]
        own = placed.get(meeting.pk, [])
        taken = {matter.text("title", "fi") for matter, _way in agenda}
        taken |= {matter.text("title", "fi") for matter in own}
        while len(agenda) + len(own) < count - len(ROUTINE) - 1:
            matter = matters.draw(matters.items[slug], year, taken, True)
            if matter is None:
                break
            taken.add(matter.text("title", "fi"))
            own.append(matter)
        for matter in own:
            matter.reference = matters.reference(matter.template, year)
            agenda.append((matter, "to_council" if matter.template.get("then") else "own"))

        rows: list[AgendaItem] = []
        for titles, resolution in ROUTINE:
            rows.append(_titled(AgendaItem(resolution=resolution if minutes else ""), titles))
            rows[-1].appeal_instructions = templates[AppealKind.NONE]
        for matter, way in agenda:
            item = _titled(AgendaItem(case_reference=matter.reference), matter.texts("title"))
            item.background_fi, item.background_sv, item.background_en = map(
                _html, matter.texts("background")
            )
            item.proposal_fi, item.proposal_sv, item.proposal_en = (
                _html(wrapper.format(p=proposal))
                for wrapper, proposal in zip(PROPOSALS[way], matter.texts("proposal"), strict=True)
            )
            item.matter = matter
            if minutes:
                item.decision_fi, item.decision_sv, item.decision_en = map(
                    _html, DECISION_TEXT.values()
                )
                item.resolution = Resolution.AS_PROPOSED
                then = matter.template.get("then")
                if then and way != "from_board":
                    # The council takes the matter up at least a week after the board.
                    pending.setdefault(then, []).append((day + datetime.timedelta(days=7), matter))
            rows.append(item)
        if meeting is confidential_meeting:
            item = AgendaItem(is_confidential=True, resolution=Resolution.AS_PROPOSED)
            item.secrecy_ground_fi, item.secrecy_ground_sv, item.secrecy_ground_en = CONFIDENTIAL[
                "ground"
            ]
            rows.append(_titled(item, CONFIDENTIAL["title"]))
        titles, resolution = CLOSING
        rows.append(_titled(AgendaItem(resolution=resolution if minutes else ""), titles))
        rows[-1].appeal_instructions = templates[AppealKind.NONE]
        for order, item in enumerate(rows, start=1):
            item.meeting = meeting
            item.order = order
            item.section = sections[(slug, year)] = sections.get((slug, year), 0) + 1
            item.preparer_fi, item.preparer_sv, item.preparer_en = PREPARER
            item.presenter_fi, item.presenter_sv, item.presenter_en = PRESENTERS[slug]
            if item.appeal_instructions_id is None:
                item.appeal_instructions = own_template
            texts = _search_texts(
                item, ITEM_SECTIONS if minutes else ("background", "proposal"), {}
            )
            item.search_text_fi, item.search_text_sv = texts["fi"], texts["sv"]
        items += rows
    return items


def _special_items(items, meetings, members) -> None:
    """A vote, a disqualification, a tabled item and the matters' attachments."""
    from decisions.services import agenda_item_reindex

    council_past = [
        m for m in meetings if m.body.slug == "kunnanvaltuusto" and m.minutes_publish_at
    ]
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.case_reference and not item.is_confidential:
            by_meeting.setdefault(item.meeting_id, []).append(item)

    voted_meeting = council_past[-1]
    voted = by_meeting[voted_meeting.pk][0]
    voted.resolution = Resolution.VOTED
    voted.discussion_fi = _html(
        "Valtuutettu Virtanen ehdotti Koskisen kannattamana, että asia palautetaan "
        "valmisteluun. Puheenjohtaja totesi, että oli tehty kannatettu muutosehdotus, joten "
        "asiasta on äänestettävä."
    )
    voted.discussion_sv = _html(
        "Ledamot Virtanen föreslog, understödd av Koskinen, att ärendet återremitteras. "
        "Ordföranden konstaterade att ett understött ändringsförslag hade lagts fram och att "
        "omröstning måste förrättas."
    )
    voted.decision_fi = _html("Valtuusto hyväksyi päätösehdotuksen äänin 21–12, 1 tyhjä.")
    voted.decision_sv = _html("Fullmäktige godkände beslutsförslaget med rösterna 21–12, 1 blank.")
    voted.save()
    council = members["kunnanvaltuusto"]
    disqualified = council[5]
    voters = [m for m in council if m.role != MemberRole.SECRETARY and m is not disqualified]
    choices = [VoteChoice.FIRST] * 21 + [VoteChoice.SECOND] * 12
    choices += [VoteChoice.BLANK] * (len(voters) - len(choices))
    vote_record(
        item=voted,
        subject={"fi": "Palautusehdotus", "sv": "Återremissförslag", "en": "Motion to return"},
        first_proposal={
            "fi": "Esittelijän päätösehdotus",
            "sv": "Föredragandens beslutsförslag",
            "en": "The presenter's proposal",
        },
        second_proposal={
            "fi": "Virtasen palautusehdotus",
            "sv": "Virtanens återremissförslag",
            "en": "Virtanen's motion to return",
        },
        ballots=list(zip(voters, choices, strict=False)),
    )
    disqualification_record(
        item=voted,
        member=disqualified,
        reason={
            "fi": "hallintolaki 28 § 1 mom. 2 kohta",
            "sv": "förvaltningslagen 28 § 1 mom. 2 punkten",
            "en": "Administrative Procedure Act, section 28(1)(2)",
        },
    )

    tabled = by_meeting[council_past[-2].pk][-1]
    tabled.resolution = Resolution.TABLED
    tabled.decision_fi = _html("Asia pantiin pöydälle seuraavaan kokoukseen.")
    tabled.decision_sv = _html("Ärendet bordlades till följande sammanträde.")
    tabled.decision_en = _html("The item was tabled until the next meeting.")
    tabled.save()
    for item in (voted, tabled):
        agenda_item_reindex(item=item)
    _attachments(items)


def _attachments(items) -> None:
    """The documents of the matters that have them, as PDFs whose text the search indexes."""
    now = timezone.now()
    for item in items:
        matter = getattr(item, "matter", None)
        if matter is None or item.meeting.agenda_publish_at > now:
            continue
        if matter.template.get("attachment"):
            title = matter.texts("attachment_title")
            attachment_save(
                item=item,
                title=dict(zip(LANGUAGES, title, strict=True)),
                file=SimpleUploadedFile(
                    f"liite-{item.case_reference.split('/')[1]}.pdf",
                    pdf_document(
                        title=f"{title[0]} – {title[1]}",
                        heading=f"{item.title_fi} – {item.title_sv}",
                        paragraphs=[
                            matter.text("attachment", "fi"),
                            matter.text("attachment", "sv"),
                        ],
                        language="fi",
                        author="Rantalan kunta – Strandby kommun",
                    ),
                    "application/pdf",
                ),
            )
        if matter.template.get("tenders"):
            attachment_save(
                item=item,
                title={"fi": "Urakkatarjoukset", "sv": "Entreprenadanbud", "en": "Tenders"},
                publicity=Publicity.NON_PUBLIC,
                secrecy_ground={"fi": "JulkL 24 § 1 mom. 20 k", "sv": "OffL 24 § 1 mom. 20 p."},
                order=1,
            )


def _link_demo_cases(items, meetings) -> None:
    """Give some items of the education committee the case references of demo youth grants.

    The cases app links a case to the items that carry its reference; it is read here through
    the app registry, not imported, and only when its demo has been loaded first.
    """
    from django.apps import apps

    from decisions.services import agenda_item_reindex

    try:
        case_model = apps.get_model("cases", "Case")
        references = list(
            case_model.objects.filter(reference__startswith="NUO/")
            .order_by("reference")
            .values_list("reference", flat=True)[:6]
        )
    except (LookupError, AttributeError, ValueError):
        return
    if not references:
        return
    held = [m for m in meetings if m.body.slug == "sivistyslautakunta" and m.minutes_publish_at]
    committee = held[-len(references) :]
    by_meeting = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)
    for meeting, reference in zip(committee, references, strict=False):
        # The committee's first matter of the meeting becomes the grants of that case.
        item = next((i for i in by_meeting[meeting.pk] if i.case_reference), None)
        if item is None:
            continue
        item.case_reference = reference
        item.title_fi = "Nuorisotoiminnan avustukset"
        item.title_sv = "Bidrag för ungdomsverksamhet"
        item.title_en = "Youth activity grants"
        item.background_fi = _html("Nuorisotoiminnan avustuksia haettiin määräaikaan mennessä.")
        item.background_sv = _html("Bidrag för ungdomsverksamhet söktes inom utsatt tid.")
        item.background_en = _html("Youth activity grants were applied for by the deadline.")
        item.proposal_fi = _html("Esitetään, että avustukset myönnetään hakemusten mukaisesti.")
        item.proposal_sv = _html("Det föreslås att bidragen beviljas enligt ansökningarna.")
        item.proposal_en = _html("It is proposed that the grants be awarded as applied for.")
        item.matter = None
        item.save()
        agenda_item_reindex(item=item)


def _officeholder_decisions(by_slug, templates, matters: _Matters, start, today) -> None:
    """Each officeholder decides the matters of their own office, every few days."""
    rows = []
    for slug, pool in matters.decisions.items():
        body = by_slug[slug]
        day = start
        sections: dict[int, int] = {}
        while day <= today:
            matter = matters.draw(pool, day.year, set(), key_year=True)
            if matter is not None:
                matter.reference = matters.reference(matter.template, day.year)
                section = sections[day.year] = sections.get(day.year, 0) + 1
                publish_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
                decision = OfficeholderDecision(
                    decision_maker=body,
                    decided_on=day,
                    year=day.year,
                    section=section,
                    resolution=Resolution.AS_PROPOSED,
                    case_reference=matter.reference,
                    appeal_instructions=templates[AppealKind.RECTIFICATION],
                    publish_at=publish_at,
                )
                decision.title_fi, decision.title_sv, decision.title_en = matter.texts("title")
                decision.decision_fi, decision.decision_sv, decision.decision_en = map(
                    _html, matter.texts("decision")
                )
                texts = _search_texts(decision, ("background", "decision"), {})
                decision.search_text_fi, decision.search_text_sv = texts["fi"], texts["sv"]
                rows.append(decision)
            day += datetime.timedelta(days=matters.rng.randint(4, 12))
    created = OfficeholderDecision.objects.bulk_create(rows)
    # A recent appointment names the chosen applicant: the name goes when the appeal period ends.
    recent = [d for d in created if d.title_fi.startswith("Opettajan viransijaisuus")]
    if recent:
        personal_data_mark(text="A. Esimerkki", officeholder_decision=recent[-1])


def _pdf(text: str) -> bytes:
    """A one-page PDF with `text` on it (for tests of attachments and search)."""
    return pdf_document(title=text, paragraphs=[text], language="fi", author="Rantalan kunta")
