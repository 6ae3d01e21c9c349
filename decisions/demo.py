"""Demo decisions of the town Rantala / Strandby: bodies and their members, about two years of
meetings with bilingual agenda items, votes, a disqualification, a tabled and a confidential
item, attachments, and officeholder decisions.

Meetings and items are bulk-created (with their search texts computed here) so that loading
takes seconds; the few records with rules of their own (votes, attachments, personal data) go
through the services.
"""

from __future__ import annotations

import datetime
import random

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
    search_vectors_refresh,
    vote_record,
)

BODIES = [
    {
        "slug": "kunnanvaltuusto",
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

# (title, background, proposal, decision) in fi, sv, en; {n} is a running number.
TOPICS = [
    (
        (
            "Koulukeskuksen peruskorjaus",
            "Renovering av skolcentret",
            "Renovating the school centre",
        ),
        (
            "Koulukeskuksen ilmanvaihto ja katto ovat käyttöikänsä päässä. Kuntotutkimus "
            "valmistui keväällä.",
            "Skolcentrets ventilation och tak är uttjänta. Konditionsundersökningen blev klar "
            "i våras.",
            "The school centre's ventilation and roof are worn out; the survey was finished "
            "in spring.",
        ),
        (
            "Esitetään, että peruskorjauksen hankesuunnitelma hyväksytään ja sen "
            "kustannusarvioksi vahvistetaan 4,2 miljoonaa euroa.",
            "Det föreslås att projektplanen för renoveringen godkänns och att "
            "kostnadskalkylen fastställs till 4,2 miljoner euro.",
            "It is proposed that the renovation project plan be approved with a cost "
            "estimate of 4.2 million euros.",
        ),
    ),
    (
        ("Talousarvion toteutuminen", "Budgetutfallet", "Budget implementation"),
        (
            "Talousarvion toteutumista seurataan neljännesvuosittain. Verotulot ovat "
            "kertyneet ennakoitua paremmin.",
            "Budgetutfallet följs upp kvartalsvis. Skatteintäkterna har ökat mer än väntat.",
            "The budget is followed quarterly; tax revenue has been better than expected.",
        ),
        (
            "Esitetään, että toteutumaraportti merkitään tiedoksi.",
            "Det föreslås att rapporten om budgetutfallet antecknas för kännedom.",
            "It is proposed that the report be noted.",
        ),
    ),
    (
        ("Kirjaston aukioloajat", "Bibliotekets öppettider", "Library opening hours"),
        (
            "Omatoimikirjaston kokeilu on lisännyt käyntejä iltaisin ja viikonloppuisin.",
            "Försöket med meröppet bibliotek har ökat besöken på kvällar och veckoslut.",
            "The self-service library trial has increased evening and weekend visits.",
        ),
        (
            "Esitetään, että omatoimikirjasto vakinaistetaan ja aukioloaikoja laajennetaan.",
            "Det föreslås att meröppet bibliotek permanentas och öppettiderna utvidgas.",
            "It is proposed that self-service opening be made permanent.",
        ),
    ),
    (
        (
            "Rantapuiston asemakaavan muutos",
            "Ändring av detaljplanen för Strandparken",
            "Amending the local plan of Beach Park",
        ),
        (
            "Kaavamuutoksella mahdollistetaan uusi uimaranta ja kevyen liikenteen väylä.",
            "Planändringen möjliggör en ny badstrand och en gång- och cykelväg.",
            "The amendment allows a new beach and a pedestrian and cycle path.",
        ),
        (
            "Esitetään, että asemakaavan muutosehdotus asetetaan julkisesti nähtäville.",
            "Det föreslås att förslaget till detaljplaneändring läggs fram offentligt.",
            "It is proposed that the draft amendment be put on public display.",
        ),
    ),
    (
        (
            "Päiväkotipaikkojen lisääminen",
            "Fler daghemsplatser inom småbarnspedagogiken",
            "More day-care centre places",
        ),
        (
            "Lapsimäärä kasvaa keskustan alueella, ja päiväkotien jonot ovat pidentyneet.",
            "Antalet barn ökar i centrum och köerna till daghemmen har blivit längre.",
            "The number of children is growing in the centre and day-care queues are longer.",
        ),
        (
            "Esitetään, että Koivukujan päiväkotiin perustetaan kaksi uutta ryhmää.",
            "Det föreslås att två nya grupper inrättas vid Björkgrändens daghem.",
            "It is proposed that two new groups be opened at the Koivukuja day-care centre.",
        ),
    ),
    (
        (
            "Katuvalojen uusiminen LED-valaisimiin",
            "Förnyelse av gatubelysningen med LED-armaturer",
            "Replacing street lights with LEDs",
        ),
        (
            "Elohopeavalaisimien myynti on loppunut, ja uusiminen pienentää sähkönkulutusta.",
            "Kvicksilverlampor säljs inte längre och förnyelsen minskar elförbrukningen.",
            "Mercury lamps are no longer sold; replacing them cuts electricity use.",
        ),
        (
            "Esitetään, että katuvalaistuksen saneeraus toteutetaan kolmessa vaiheessa.",
            "Det föreslås att gatubelysningen saneras i tre etapper.",
            "It is proposed that the street lighting be renewed in three stages.",
        ),
    ),
    (
        (
            "Nuorisotilan aukiolo kesällä",
            "Ungdomsgårdens öppethållning på sommaren",
            "Youth centre summer opening",
        ),
        (
            "Nuoret ovat toivoneet nuorisotilan olevan auki myös kesäkuukausina.",
            "De unga har önskat att ungdomsgården ska hållas öppen även under sommaren.",
            "Young people have asked for the youth centre to be open in summer too.",
        ),
        (
            "Esitetään, että nuorisovaltuusto puoltaa kesäaukioloa.",
            "Det föreslås att ungdomsfullmäktige förordar öppethållning på sommaren.",
            "It is proposed that the youth council support summer opening.",
        ),
    ),
    (
        (
            "Joukkoliikenteen palvelutaso",
            "Servicenivån inom kollektivtrafiken",
            "Public transport service level",
        ),
        (
            "Palvelutasomäärittely ohjaa linja-autoliikenteen vuorotarjontaa vuosina 2027–2030.",
            "Servicenivådefinitionen styr busstrafikens turutbud under åren 2027–2030.",
            "The service level definition guides bus services in 2027–2030.",
        ),
        (
            "Esitetään, että palvelutasomäärittely hyväksytään.",
            "Det föreslås att servicenivådefinitionen godkänns.",
            "It is proposed that the service level definition be approved.",
        ),
    ),
]
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
            if starts_at < now - datetime.timedelta(days=7):
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

    # The executive board's latest meeting with minutes has a long agenda (40 items).
    board_past = [m for m in meetings if m.body.slug == "kunnanhallitus" and m.minutes_publish_at]
    long_meeting = board_past[-1]

    items: list[AgendaItem] = []
    case_counter = 100
    for meeting in meetings:
        slug = meeting.body.slug
        count = 40 if meeting is long_meeting else rng.randint(5, 10)
        minutes = meeting.minutes_publish_at is not None
        template = {
            "kunnanvaltuusto": templates[AppealKind.MUNICIPAL_APPEAL],
            "nuorisovaltuusto": templates[AppealKind.NONE],
        }.get(slug, templates[AppealKind.RECTIFICATION])
        section_base = (meeting.number - 1) * 12 + 1
        for order in range(1, count + 1):
            item = AgendaItem(
                meeting=meeting,
                order=order,
                section=section_base + order - 1,
                preparer_fi="Liisa Laatija, hallintosihteeri",
                preparer_sv="Liisa Laatija, förvaltningssekreterare",
                preparer_en="Liisa Laatija, administrative secretary",
                presenter_fi="Mikael Sundström, kunnanjohtaja",
                presenter_sv="Mikael Sundström, kommundirektör",
                presenter_en="Mikael Sundström, municipal manager",
                appeal_instructions=template,
            )
            if order <= len(ROUTINE):
                titles, resolution = ROUTINE[order - 1]
                item.title_fi, item.title_sv, item.title_en = titles
                item.resolution = resolution if minutes else ""
                item.appeal_instructions = templates[AppealKind.NONE]
            else:
                topic = TOPICS[(meeting.pk + order) % len(TOPICS)]
                (t_fi, t_sv, t_en), background, proposal = topic
                case_counter += 1
                suffix = f" ({order - len(ROUTINE)})" if count > 12 else ""
                item.title_fi, item.title_sv, item.title_en = (
                    t_fi + suffix,
                    t_sv + suffix,
                    t_en + suffix,
                )
                # Every other topic is the same matter handled by the board and then the council.
                item.case_reference = f"RAN/{(case_counter % 60) + 1}/02.05.01/{meeting.year}"
                item.background_fi, item.background_sv, item.background_en = map(_html, background)
                item.proposal_fi, item.proposal_sv, item.proposal_en = map(_html, proposal)
                if minutes:
                    item.decision_fi = _html(DECISION_TEXT["fi"])
                    item.decision_sv = _html(DECISION_TEXT["sv"])
                    item.decision_en = _html(DECISION_TEXT["en"])
                    item.resolution = Resolution.AS_PROPOSED
            sections = ITEM_SECTIONS if minutes else ("background", "proposal")
            texts = _search_texts(item, sections, {})
            item.search_text_fi, item.search_text_sv = texts["fi"], texts["sv"]
            items.append(item)
    items = AgendaItem.objects.bulk_create(items, batch_size=500)

    _special_items(items, meetings, members, templates, now)
    _link_demo_cases(items, meetings)
    _officeholder_decisions(by_slug, templates, rng, start, today)
    search_vectors_refresh(model=AgendaItem)
    search_vectors_refresh(model=OfficeholderDecision)
    stdout.write(
        f"  meetings: {len(meetings)}, agenda items: {len(items)}, officeholder decisions: "
        f"{OfficeholderDecision.objects.count()}"
    )


def _special_items(items, meetings, members, templates, now) -> None:
    """A vote, a disqualification, a tabled and a confidential item, attachments."""
    from decisions.services import agenda_item_reindex

    council_past = [
        m for m in meetings if m.body.slug == "kunnanvaltuusto" and m.minutes_publish_at
    ]
    by_meeting: dict[int, list[AgendaItem]] = {}
    for item in items:
        by_meeting.setdefault(item.meeting_id, []).append(item)

    voted_meeting = council_past[-1]
    voted = by_meeting[voted_meeting.pk][2]
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

    tabled = by_meeting[council_past[-2].pk][3]
    tabled.resolution = Resolution.TABLED
    tabled.decision_fi = _html("Asia pantiin pöydälle seuraavaan kokoukseen.")
    tabled.decision_sv = _html("Ärendet bordlades till följande sammanträde.")
    tabled.decision_en = _html("The item was tabled until the next meeting.")
    tabled.save()

    board_meeting = [
        m for m in meetings if m.body.slug == "kunnanhallitus" and m.minutes_publish_at
    ][-2]
    secret = by_meeting[board_meeting.pk][-1]
    secret.is_confidential = True
    secret.title_fi = "Henkilöstöasia"
    secret.title_sv = "Personalärende"
    secret.title_en = "A staff matter"
    secret.secrecy_ground_fi = "JulkL 24 § 1 mom. 32 k"
    secret.secrecy_ground_sv = "OffL 24 § 1 mom. 32 p."
    secret.secrecy_ground_en = "Act on the Openness of Government Activities 24 § 1 (32)"
    secret.case_reference = ""
    secret.save()

    attached = by_meeting[voted_meeting.pk][3]
    attachment_save(
        item=attached,
        title={"fi": "Kustannusarvio", "sv": "Kostnadskalkyl", "en": "Cost estimate"},
        file=SimpleUploadedFile(
            "kustannusarvio.pdf",
            _pdf("Kustannusarvio: uimahallin saneeraus 4,2 miljoonaa euroa."),
            "application/pdf",
        ),
    )
    attachment_save(
        item=attached,
        title={"fi": "Urakkatarjoukset", "sv": "Entreprenadanbud", "en": "Tenders"},
        publicity=Publicity.NON_PUBLIC,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 20 k", "sv": "OffL 24 § 1 mom. 20 p."},
        order=1,
    )
    for item in (voted, tabled, secret, attached):
        agenda_item_reindex(item=item)


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
        item = by_meeting[meeting.pk][2]
        item.case_reference = reference
        item.title_fi = "Nuorisotoiminnan avustukset"
        item.title_sv = "Bidrag för ungdomsverksamhet"
        item.title_en = "Youth activity grants"
        item.background_fi = _html("Nuorisotoiminnan avustuksia haettiin määräaikaan mennessä.")
        item.background_sv = _html("Bidrag för ungdomsverksamhet söktes inom utsatt tid.")
        item.save()
        agenda_item_reindex(item=item)


def _officeholder_decisions(by_slug, templates, rng, start, today) -> None:
    subjects = [
        (
            (
                "Avustus kyläyhdistykselle",
                "Bidrag till byföreningen",
                "A grant to a village association",
            ),
            "Myönnän Rannankylän kyläyhdistykselle 1 500 euron toiminta-avustuksen.",
            "Jag beviljar Strandby byförening ett verksamhetsbidrag på 1 500 euro.",
        ),
        (
            ("Kaivuluvan myöntäminen", "Beviljande av grävningstillstånd", "A digging permit"),
            "Myönnän kaivuluvan kaukolämpöjohdon korjausta varten Koulukadulle.",
            "Jag beviljar grävningstillstånd för reparation av fjärrvärmeledningen på Skolgatan.",
        ),
        (
            ("Opettajan viransijaisuus", "Vikariat som lärare", "A substitute teacher"),
            "Valitsen määräaikaiseen opettajan viransijaisuuteen hakijan A. Esimerkki.",
            "Jag väljer sökanden A. Esimerkki till vikariatet som lärare.",
        ),
        (
            (
                "Pienhankinta: kirjaston kalusteet",
                "Direktupphandling: biblioteksmöbler",
                "Library furniture",
            ),
            "Hankin kirjaston lukusaliin kalusteet edullisimman tarjouksen tehneeltä.",
            "Jag upphandlar möbler till bibliotekets läsesal av anbudsgivaren med lägst pris.",
        ),
    ]
    rows = []
    for slug in ("sivistysjohtaja", "tekninen-johtaja"):
        body = by_slug[slug]
        day = start
        sections: dict[int, int] = {}
        while day <= today:
            (t_fi, t_sv, t_en), d_fi, d_sv = subjects[rng.randrange(len(subjects))]
            section = sections[day.year] = sections.get(day.year, 0) + 1
            publish_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
            decision = OfficeholderDecision(
                decision_maker=body,
                decided_on=day,
                year=day.year,
                section=section,
                title_fi=t_fi,
                title_sv=t_sv,
                title_en=t_en,
                decision_fi=_html(d_fi),
                decision_sv=_html(d_sv),
                resolution=Resolution.AS_PROPOSED,
                case_reference=f"RAN/{section + 300}/12.00.00/{day.year}",
                appeal_instructions=templates[AppealKind.RECTIFICATION],
                publish_at=publish_at,
            )
            texts = _search_texts(decision, ("background", "decision"), {})
            decision.search_text_fi, decision.search_text_sv = texts["fi"], texts["sv"]
            rows.append(decision)
            day += datetime.timedelta(days=rng.randint(4, 12))
    created = OfficeholderDecision.objects.bulk_create(rows)
    # A recent appointment names the chosen applicant: the name goes when the appeal period ends.
    recent = [d for d in created if d.title_fi == "Opettajan viransijaisuus"]
    if recent:
        personal_data_mark(text="A. Esimerkki", officeholder_decision=recent[-1])


def _pdf(text: str) -> bytes:
    """A one-page PDF with `text` (ASCII and Latin-1 letters) on it."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out
