"""The demo town reads like a real one: varied titles, the right decision-makers, one subject per
case reference, documents that open, and figures that agree with each other."""

import io
import re
import tomllib
from collections import defaultdict

import pytest
from pypdf import PdfReader

from decisions import demo as decisions_demo
from tests.fixtures.demo import loaded_demo

NUMBERED = re.compile(r"\(\d+\)$")


@pytest.fixture(scope="module")
def town(django_db_setup, django_db_blocker):
    """The whole demo municipality, loaded once for this module and rolled back after it."""
    with loaded_demo(django_db_blocker, password="Demo-test-Password-4711") as output:
        yield output


def _decision_offices() -> list[tuple[re.Pattern, str]]:
    """(pattern of a Finnish title, office) for every officeholder decision in the data file."""
    data = tomllib.loads(decisions_demo.MATTERS_FILE.read_text(encoding="utf-8"))
    out = []
    for template in data["decision"]:
        parts = re.split(r"\{\w+\}", template["title"][0])
        pattern = re.compile("^" + ".+".join(re.escape(part) for part in parts) + "$")
        out.append((pattern, template["body"]))
    return out


def test_demo__no_title_ends_in_a_running_number(town, db):
    from decisions.models import AgendaItem, OfficeholderDecision

    titles = [
        title
        for model in (AgendaItem, OfficeholderDecision)
        for row in model.objects.values_list("title_fi", "title_sv", "title_en")
        for title in row
        if title
    ]

    assert len(titles) > 1000
    assert [title for title in titles if NUMBERED.search(title)] == []
    # Varied: a matter that does not recur comes up once a year at most (under one reference).
    data = tomllib.loads(decisions_demo.MATTERS_FILE.read_text(encoding="utf-8"))
    recurring = {t["title"][0] for t in data["matter"] if t.get("recurring")}
    references = defaultdict(set)
    for title, reference in AgendaItem.objects.exclude(case_reference="").values_list(
        "title_fi", "case_reference"
    ):
        if title not in recurring and not reference.startswith("NUO/"):
            references[(title, reference.rsplit("/", 1)[1])].add(reference)
    assert len(references) > 200
    assert {key: refs for key, refs in references.items() if len(refs) > 1} == {}


def test_demo__officeholders_decide_only_what_their_office_decides(town, db):
    from decisions.models import OfficeholderDecision

    offices = _decision_offices()
    decisions = list(OfficeholderDecision.objects.select_related("decision_maker"))
    wrong = []
    for decision in decisions:
        office = next(body for pattern, body in offices if pattern.match(decision.title_fi))
        if office != decision.decision_maker.slug:
            wrong.append((decision.title_fi, decision.decision_maker.slug))

    assert len(decisions) > 50
    assert wrong == []
    assert not OfficeholderDecision.objects.filter(
        decision_maker__slug="sivistysjohtaja", title_fi__startswith="Kaivulupa"
    ).exists()
    assert {d.decision_maker.slug for d in decisions} == {"sivistysjohtaja", "tekninen-johtaja"}


def test_demo__other_handlings_are_of_the_same_case(town, db):
    from decisions.models import AgendaItem, OfficeholderDecision
    from decisions.selectors import item_other_handlings

    subjects = defaultdict(set)
    for reference, title in AgendaItem.objects.exclude(case_reference="").values_list(
        "case_reference", "title_fi"
    ):
        subjects[reference].add(title)
    for reference, title in OfficeholderDecision.objects.values_list("case_reference", "title_fi"):
        subjects[reference].add(title)
    assert {ref: titles for ref, titles in subjects.items() if len(titles) > 1} == {}

    # The executive board's matters go on to the council: their pages list each other.
    handled_twice = [
        item
        for item in AgendaItem.objects.filter(
            meeting__body__slug="kunnanvaltuusto", meeting__minutes_publish_at__isnull=False
        ).exclude(case_reference="")
        if AgendaItem.objects.filter(case_reference=item.case_reference).count() > 1
    ]
    assert handled_twice
    for item in handled_twice[:10]:
        other_items, other_decisions = item_other_handlings(item)
        assert other_items
        assert {other.case_reference for other in [*other_items, *other_decisions]} == {
            item.case_reference
        }
        assert {other.title_fi for other in other_items} == {item.title_fi}
        assert {other.meeting.body.slug for other in other_items} == {"kunnanhallitus"}


def _pdf_text(field) -> str:
    with field.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return " ".join(page.extract_text() for page in reader.pages)


def test_demo__every_document_is_a_pdf_with_readable_text(town, db):
    from cases.models import CaseDocument
    from decisions.models import Attachment

    attachments = [a for a in Attachment.objects.select_related("item") if a.file]
    documents = list(CaseDocument.objects.select_related("case"))

    assert len(attachments) >= 3 and len(documents) >= 3
    for attachment in attachments:
        text = _pdf_text(attachment.file)
        # The document is about its item, in Finnish and Swedish, and the search has its text.
        assert attachment.item.title_fi in text and attachment.item.title_sv in text
        assert "milj. €" in text or "€" in text
        assert attachment.text.strip()
    for document in documents:
        text = _pdf_text(document.file)
        assert document.case.reference in text
        title = getattr(document.case, f"title_{document.case.language}")
        assert title in text


def test_demo__case_types_statistics_agree_with_their_declared_times(town, db):
    from cases.models import CaseType
    from cases.selectors import STATISTICS_MIN_COUNT

    with_statistics = CaseType.objects.filter(stats_count__gte=STATISTICS_MIN_COUNT)

    assert with_statistics.count() >= 4
    for case_type in with_statistics:
        ratio = case_type.stats_p80_days / case_type.declared_days
        assert 0.8 <= ratio <= 1.05, (case_type.code, case_type.stats_p80_days)
