"""An agenda item on a phone: the decision right after the proposal, a vote as a summary and
each member's vote behind a disclosure."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone, translation

from decisions import services
from decisions.models import MemberRole


def _item_page(client, item, lang: str) -> BeautifulSoup:
    with translation.override(lang):
        url = reverse("decisions:item", args=[item.pk])
    response = client.get(url, secure=True)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _summary(section) -> dict[str, str]:
    rows = section.select(".vote-summary .vote-summary__row")
    return {row.dt.get_text(strip=True): row.dd.strong.get_text(strip=True) for row in rows}


@pytest.fixture
def voted_item(body_factory, meeting_factory, item_factory, member_factory):
    """A published item decided 3–2 with one blank vote and one member absent."""
    body = body_factory(kind="council")
    meeting = meeting_factory(body=body)
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=2)
    )
    item = item_factory(meeting=meeting, resolution="voted")
    choices = ["first", "first", "first", "second", "second", "blank", "absent"]
    members = [member_factory(body=body, person_name=f"Jäsen {n}") for n in range(len(choices))]
    services.vote_record(
        item=item,
        first_proposal={"fi": "Esittelijän ehdotus", "sv": "Föredragandens förslag"},
        second_proposal={"fi": "Vastaehdotus", "sv": "Motförslag"},
        ballots=list(zip(members, choices, strict=True)),
    )
    services.meeting_publish_minutes(meeting=meeting)
    return item


@pytest.mark.parametrize(
    ("lang", "labels", "result"),
    [
        ("fi", ("Jaa", "Ei", "Tyhjä", "Poissa"), "Hyväksyttiin äänin 3–2: Esittelijän ehdotus."),
        (
            "sv",
            ("Ja", "Nej", "Blankt", "Frånvarande"),
            "Godkändes med rösterna 3–2: Föredragandens förslag.",
        ),
    ],
)
def test_item_page__shows_a_vote_as_counts_and_its_result(client, voted_item, lang, labels, result):
    page = _item_page(client, voted_item, lang)
    vote = page.select_one("section.vote")

    assert _summary(vote) == dict(zip(labels, ("3", "2", "1", "1"), strict=True))
    assert " ".join(vote.select_one(".vote__result").get_text().split()) == result


def test_item_page__each_members_vote_is_in_a_table_behind_a_disclosure(client, voted_item):
    page = _item_page(client, voted_item, "fi")
    vote = page.select_one("section.vote")

    details = vote.find("details")
    assert details is not None and not details.has_attr("open")
    assert "(7)" in details.summary.get_text()
    table = details.find("table")
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in table.tbody("tr")}
    assert rows["Jäsen 0"] == "Jaa" and rows["Jäsen 3"] == "Ei" and rows["Jäsen 6"] == "Poissa"
    region = table.parent
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert page.find(id=region["aria-labelledby"]).name == "caption"


def test_item_page__the_decision_comes_right_after_the_proposal(client, voted_item):
    page = _item_page(client, voted_item, "fi")

    headings = [h2["id"] for h2 in page.select("article h2[id]")]
    assert headings.index("decision-heading") == headings.index("proposal-heading") + 1
    assert headings.index("decision-heading") < headings.index(
        next(h for h in headings if h.startswith("vote-heading-"))
    )


def test_vote__in_a_tie_the_chairs_vote_decides(
    client, body_factory, meeting_factory, item_factory, member_factory
):
    body = body_factory(kind="council")
    meeting = meeting_factory(body=body)
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=2)
    )
    item = item_factory(meeting=meeting, resolution="voted")
    chair = member_factory(body=body, person_name="Puheenjohtaja", role=MemberRole.CHAIR)
    other = member_factory(body=body, person_name="Jäsen")
    services.vote_record(
        item=item,
        first_proposal={"fi": "Esittelijän ehdotus"},
        second_proposal={"fi": "Vastaehdotus"},
        ballots=[(chair, "second"), (other, "first")],
    )
    services.meeting_publish_minutes(meeting=meeting)

    vote = _item_page(client, item, "fi").select_one("section.vote")

    assert " ".join(vote.select_one(".vote__result").get_text().split()) == (
        "Äänet menivät tasan 1–1, ja puheenjohtajan ääni ratkaisi: Vastaehdotus."
    )
