"""Meetings, agenda items and officeholder decisions of a city (`manage.py generate_scale`).

The texts are the demo's matters (demo_matters.toml: bilingual templates with slots for streets,
areas, schools…), so that search meets the same Finnish and Swedish vocabulary in every size.
Besides the demo's bodies the set has divisions of committees (created through `body_save`),
each meeting about twenty times a year for the past decade; the officeholders of the demo
decide every working day. Search texts are put together by the services' `_search_texts` and
analysed as `search_vectors_refresh` analyses them, before the rows are written.
"""

from __future__ import annotations

import datetime
import math
import random
import string

from django.db import connection
from django.utils import timezone

from decisions import demo
from decisions.models import (
    AgendaItem,
    AppealInstructionTemplate,
    AppealKind,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    OfficeholderDecision,
    Resolution,
)
from decisions.services import (
    DECISION_SECTIONS,
    ITEM_SECTIONS,
    _item_search_place,
    _search_texts,
    body_save,
)
from portal import textsearch
from portal.scale import Plan, analyse, chunks, copy_rows, indexes_deferred

BODY_PREFIX = "scale-jaosto-"
MEETINGS_PER_YEAR = 20
ITEMS_PER_MEETING = (5, 35)
CHUNK_MEETINGS = 100
CHUNK_DECISIONS = 2_000
YEARS_BACK = 12
# Scale sections start high so that they never meet the demo's own numbers.
SECTION_BASE = 10_000
# Divisions of the city's committees: (fi, sv, en) of the committee.
COMMITTEES = [
    ("Kaupunkiympäristölautakunnan", "Stadsmiljönämndens", "Urban Environment Committee"),
    ("Kasvatus- ja koulutuslautakunnan", "Fostrans- och utbildningsnämndens", "Education"),
    ("Kulttuuri- ja vapaa-aikalautakunnan", "Kultur- och fritidsnämndens", "Culture and Leisure"),
    ("Sosiaali- ja terveyslautakunnan", "Social- och hälsovårdsnämndens", "Social Services"),
    ("Rakennuslautakunnan", "Byggnadsnämndens", "Building Committee"),
]


# Columns that differ from row to row; the others come from the matter (texts, search).
OWN_COLUMNS = {
    AgendaItem: (
        "id", "meeting_id", "order", "section", "created", "modified", "search_body_id",
        "search_date",
    ),
    OfficeholderDecision: (
        "id", "decision_maker_id", "decided_on", "year", "section", "publish_at", "announced_at",
        "created", "modified", "search_body_id",
    ),
}  # fmt: skip


class Matters:
    """Matters drawn from the demo's templates, each made into its row's columns once.

    A matter is a template with its slots filled for a year; the same matter drawn again is
    the same case (its reference too) coming up again, so its texts and search vectors, made
    by the services' functions the first time, are reused.
    """

    def __init__(self, seed: int):
        self.source = demo._Matters(random.Random(seed))  # noqa: S311 - benchmark data
        self.names = {}
        self.cache: dict[tuple, dict[str, object]] = {}

    def _names(self, template: dict) -> list[str]:
        key = id(template)
        if key not in self.names:
            self.names[key] = sorted(
                {
                    name
                    for texts in template.values()
                    if isinstance(texts, list)
                    for text in texts
                    for _literal, name, _spec, _conv in string.Formatter().parse(text)
                    if name
                }
                - {"year", "next_year"}
            )
        return self.names[key]

    def columns(self, model, pool: list[dict], year: int, rng, build) -> dict[str, object]:
        """The columns of a matter drawn from `pool`; `build(matter, reference)` makes the
        model instance the first time."""
        number = rng.randrange(len(pool))
        template = pool[number]
        slots = self.source.slots
        picks = tuple(rng.randrange(len(slots[name])) for name in self._names(template))
        key = (model, id(pool), number, picks, year)
        found = self.cache.get(key)
        if found is None:
            values = {"year": [str(year)], "next_year": [str(year + 1)]}
            for name, pick in zip(self._names(template), picks, strict=True):
                values[name] = slots[name][pick]
            matter = demo.Matter(template, values, "")
            reference = f"SCL/{len(self.cache) + 1}/{template.get('code', '00')}/{year}"
            instance = build(matter, reference)
            found = self.cache[key] = {
                field.column: field.get_db_prep_save(field.pre_save(instance, True), connection)
                for field in model._meta.concrete_fields
                if field.column not in OWN_COLUMNS[model]
            }
        return found


def _copy(model, rows: list[dict[str, object]]) -> int:
    columns = [f.column for f in model._meta.concrete_fields if f.column != "id"]
    return copy_rows(
        model._meta.db_table, columns, (tuple(row[c] for c in columns) for row in rows)
    )


def _index(item, title_fi: str, title_sv: str) -> None:
    """The lexemes and vectors, as search_vectors_refresh computes them."""
    item.search_words_fi, item.search_fi = textsearch.index_document(
        item.search_text_fi, "fi", title=title_fi or ""
    )
    item.search_words_sv, item.search_sv = textsearch.index_document(
        item.search_text_sv, "sv", title=title_sv or ""
    )


def _bodies(count: int) -> list[Body]:
    bodies = list(Body.objects.filter(slug__startswith=BODY_PREFIX).order_by("sort_order"))
    for number in range(len(bodies), count):
        fi, sv, en = COMMITTEES[number % len(COMMITTEES)]
        division = number // len(COMMITTEES) + 1
        bodies.append(
            body_save(
                kind=BodyKind.COMMITTEE,
                slug=f"{BODY_PREFIX}{number + 1}",
                slug_sv=f"scale-sektion-{number + 1}",
                slug_en=f"scale-division-{number + 1}",
                name_fi=f"{fi} {division}. jaosto",
                name_sv=f"{sv} {division}:a sektion",
                name_en=f"{en}, division {division}",
                sort_order=100 + number,
            )
        )
    return bodies


def _templates() -> dict[str, AppealInstructionTemplate]:
    found = {}
    for template in AppealInstructionTemplate.objects.order_by("id"):
        found.setdefault(template.kind, template)
    return found


def generate(plan: Plan, stdout) -> None:
    templates = _templates()
    if AppealKind.RECTIFICATION not in templates:
        raise RuntimeError("The demo's appeal instructions are missing: run load_demo first.")
    complete = (
        AgendaItem.objects.filter(meeting__body__slug__startswith=BODY_PREFIX).count()
        >= plan.counts["agenda_items"]
        and OfficeholderDecision.objects.filter(section__gte=SECTION_BASE).count()
        >= plan.counts["officeholder_decisions"]
    )
    with indexes_deferred(AgendaItem, OfficeholderDecision, stdout=stdout, load=not complete):
        _agenda_items(plan, stdout, templates)
        _officeholder_decisions(plan, stdout, templates)
    analyse(Meeting, AgendaItem, OfficeholderDecision)


def _meeting_count(plan: Plan, bodies: int) -> tuple[int, list[int]]:
    """How many meetings and the number of items of each, to reach the wanted number of items."""
    wanted = plan.counts["agenda_items"]
    rng = plan.rng("agenda sizes")
    sizes: list[int] = []
    total = 0
    while total < wanted:
        size = min(rng.randint(*ITEMS_PER_MEETING), wanted - total)
        sizes.append(size)
        total += size
    return len(sizes), sizes


def _agenda_items(plan: Plan, stdout, templates) -> None:
    per_body_year = MEETINGS_PER_YEAR * sum(ITEMS_PER_MEETING) // 2
    bodies = _bodies(max(1, math.ceil(plan.counts["agenda_items"] / (per_body_year * 10))))
    meetings, sizes = _meeting_count(plan, len(bodies))
    first_year = timezone.localdate().year - YEARS_BACK
    matters = Matters(plan.seed)
    pools = list(matters.source.items.values())
    done = Meeting.objects.filter(body__slug__startswith=BODY_PREFIX).count()
    appeal = templates[AppealKind.RECTIFICATION]

    def build(matter, reference: str) -> AgendaItem:
        item = demo._titled(
            AgendaItem(
                case_reference=reference,
                resolution=Resolution.AS_PROPOSED,
                appeal_instructions=appeal,
            ),
            matter.texts("title"),
        )
        item.background_fi, item.background_sv, item.background_en = map(
            demo._html, matter.texts("background")
        )
        item.proposal_fi, item.proposal_sv, item.proposal_en = (
            demo._html(wrapper.format(p=proposal))
            for wrapper, proposal in zip(
                demo.PROPOSALS["own"], matter.texts("proposal"), strict=True
            )
        )
        item.decision_fi, item.decision_sv, item.decision_en = map(
            demo._html, demo.DECISION_TEXT.values()
        )
        item.preparer_fi, item.preparer_sv, item.preparer_en = demo.PREPARER
        texts = _search_texts(item, ITEM_SECTIONS, {})
        item.search_text_fi, item.search_text_sv = texts["fi"], texts["sv"]
        _index(item, item.title_fi, item.title_sv)
        return item

    def write(start: int, end: int) -> int:
        rng = plan.rng("meetings", start)
        rows: list[Meeting] = []
        for index in range(start, end):
            body = bodies[index % len(bodies)]
            nth = index // len(bodies)
            year = first_year + nth // MEETINGS_PER_YEAR
            day = datetime.date(year, 1, 10) + datetime.timedelta(
                days=(nth % MEETINGS_PER_YEAR) * 17
            )
            starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(16)))
            minutes_at = starts_at + datetime.timedelta(days=6)
            rows.append(
                Meeting(
                    body=body,
                    number=nth % MEETINGS_PER_YEAR + 1,
                    year=year,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(hours=2),
                    place_fi=demo.PLACES["fi"],
                    place_sv=demo.PLACES["sv"],
                    place_en=demo.PLACES["en"],
                    state=MeetingState.MINUTES_PUBLISHED,
                    agenda_publish_at=starts_at - datetime.timedelta(days=7),
                    minutes_publish_at=minutes_at,
                    display_starts_on=minutes_at.date(),
                    display_ends_on=minutes_at.date() + datetime.timedelta(days=14),
                    agenda_announced_at=starts_at - datetime.timedelta(days=7),
                    minutes_announced_at=minutes_at,
                )
            )
        Meeting.objects.bulk_create(rows)
        now = timezone.now()
        items: list[dict[str, object]] = []
        for index, meeting in zip(range(start, end), rows, strict=True):
            for order in range(1, sizes[index] + 1):
                pool = pools[rng.randrange(len(pools))]
                columns = matters.columns(AgendaItem, pool, meeting.year, rng, build)
                items.append(
                    {
                        **columns,
                        "meeting_id": meeting.pk,
                        # The columns search's indexes hold (decisions.services).
                        **_item_search_place(meeting),
                        "order": order,
                        "section": order,
                        "created": now,
                        "modified": now,
                    }
                )
        return _copy(AgendaItem, items)

    chunks(
        stdout,
        "meetings (with items)",
        total=meetings,
        done=done,
        size=CHUNK_MEETINGS,
        write=write,
    )


def _officeholder_decisions(plan: Plan, stdout, templates) -> None:
    matters = Matters(plan.seed + 1)
    makers = list(
        Body.objects.filter(
            kind=BodyKind.OFFICEHOLDER, slug__in=list(matters.source.decisions)
        ).order_by("slug")
    )
    if not makers:
        raise RuntimeError("The demo's officeholders are missing: run load_demo first.")
    total = plan.counts["officeholder_decisions"]
    base = SECTION_BASE
    done = OfficeholderDecision.objects.filter(section__gte=base).count()
    per_maker = math.ceil(total / len(makers))
    years = YEARS_BACK
    per_year = math.ceil(per_maker / years)
    today = timezone.localdate()
    first_year = today.year - years

    appeal = templates[AppealKind.RECTIFICATION]

    def build(matter, reference: str) -> OfficeholderDecision:
        decision = OfficeholderDecision(
            resolution=Resolution.AS_PROPOSED,
            case_reference=reference,
            appeal_instructions=appeal,
        )
        decision.title_fi, decision.title_sv, decision.title_en = matter.texts("title")
        decision.background_fi, decision.background_sv, decision.background_en = map(
            demo._html, matter.texts("background")
        )
        decision.decision_fi, decision.decision_sv, decision.decision_en = map(
            demo._html, matter.texts("decision")
        )
        texts = _search_texts(decision, DECISION_SECTIONS, {})
        decision.search_text_fi, decision.search_text_sv = texts["fi"], texts["sv"]
        _index(decision, decision.title_fi, decision.title_sv)
        return decision

    def write(start: int, end: int) -> int:
        rng = plan.rng("officeholder", start)
        now = timezone.now()
        rows = []
        for index in range(start, end):
            maker = makers[index % len(makers)]
            nth = index // len(makers)
            year = first_year + nth // per_year
            day = datetime.date(year, 1, 2) + datetime.timedelta(
                days=(nth % per_year) * 360 // per_year
            )
            pool = matters.source.decisions[maker.slug]
            columns = matters.columns(OfficeholderDecision, pool, year, rng, build)
            publish_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
            rows.append(
                {
                    **columns,
                    "decision_maker_id": maker.pk,
                    "search_body_id": maker.pk,
                    "decided_on": day,
                    "year": year,
                    "section": base + nth % per_year,
                    "publish_at": publish_at,
                    "announced_at": publish_at,
                    "created": now,
                    "modified": now,
                }
            )
        return _copy(OfficeholderDecision, rows)

    chunks(
        stdout,
        "officeholder decisions",
        total=total,
        done=done,
        size=CHUNK_DECISIONS,
        write=write,
    )
