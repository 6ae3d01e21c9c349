"""Recall of decision search over every word form, measured on the set in recall_set.py."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from decisions import selectors, services
from portal import textsearch
from tests.decisions.recall_set import CASES, DOCUMENTS

MINIMUM_RECALL = 0.95

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="recall is measured on PostgreSQL's ranked search: set DATABASE_URL=postgres://…",
)


@pytest.fixture
def documents(meeting_factory, item_factory, officeholder_decision_factory, body_factory):
    if textsearch.missing_analysers():
        pytest.skip(f"word forms unavailable: {textsearch.missing_analysers()}")
    board = body_factory(slug="hallitus", name_fi="Kunnanhallitus", name_sv="Kommunstyrelsen")
    meeting = meeting_factory(body=board, starts_at=timezone.now() - datetime.timedelta(days=3))
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=10)
    )
    keys = {}
    for key, doc in DOCUMENTS.items():
        title = {"fi": doc.title_fi, "sv": doc.title_sv}
        text = {"fi": f"<p>{doc.text_fi}</p>", "sv": f"<p>{doc.text_sv}</p>"}
        if doc.kind == "item":
            row = item_factory(
                meeting=meeting, title=title, background=text, proposal={}, decision={}
            )
        else:
            row = officeholder_decision_factory(title=title, decision_text=text)
        keys[(doc.kind, row.pk)] = key
    return keys


def _ranking(query: str, language: str, keys) -> list[str]:
    rows = selectors.decisions_search(selectors.SearchFilters(q=query), language=language)
    return [keys[(row[0], row[1])] for row in rows]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_recall__every_word_form_finds_its_document_first(documents, language):
    cases = [case for case in CASES if case.language == language]
    misses, noisy = [], []
    for case in cases:
        ranking = _ranking(case.query, language, documents)
        if case.expected not in ranking:
            misses.append(f"{case.query!r} → {case.expected} not found (got {ranking})")
            continue
        allowed = {case.expected, *case.related}
        above = [key for key in ranking[: ranking.index(case.expected)] if key not in allowed]
        if above:
            noisy.append(f"{case.query!r} → {above} ranked above {case.expected}")
    recall = 1 - len(misses) / len(cases)
    report = f"{language}: recall {recall:.1%} of {len(cases)} queries; misses: {misses or 'none'}"
    print(f"\n{report}")  # noqa: T201 - the figure the closing note reports (pytest -s)

    assert len(cases) >= 30
    assert recall >= MINIMUM_RECALL, misses
    assert noisy == []
