"""Decisions are visible before they are made: a scheduled meeting is announced by its date,
place and body before its agenda is published; nothing else of it shows early."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, override

from decisions import services

LANGS = ("fi", "sv", "en")


@pytest.fixture
def board(body_factory):
    return body_factory(
        slug="hallitus",
        name_fi="Kunnanhallitus",
        name_sv="Kommunstyrelsen",
        name_en="Executive board",
        kind="executive_board",
    )


@pytest.fixture
def meetings(board, meeting_factory, item_factory):
    now = timezone.now()
    published = meeting_factory(body=board, number=1, starts_at=now + datetime.timedelta(days=3))
    services.meeting_schedule_agenda(meeting=published, publish_at=now - datetime.timedelta(days=1))
    item_factory(meeting=published, title={"fi": "Julkaistu asia", "sv": "Publicerat ärende"})
    announced = meeting_factory(
        body=board,
        number=2,
        starts_at=now + datetime.timedelta(days=17),
        place_fi="Kunnantalo, kokoushuone Aalto",
        place_sv="Kommungården, mötesrummet Aalto",
        place_en="Town hall, meeting room Aalto",
    )
    item_factory(
        meeting=announced, title={"fi": "Valmisteilla oleva asia", "sv": "Ärende i beredning"}
    )
    far = meeting_factory(body=board, number=3, starts_at=now + datetime.timedelta(days=60))
    return {"published": published, "announced": announced, "far": far}


def _when(meeting, language) -> str:
    with override(language):
        return formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")


@pytest.mark.parametrize("language", LANGS)
def test_front_page__lists_the_coming_weeks_announced_meetings(client, meetings, language):
    announced = meetings["announced"]
    with override(language):
        html = client.get(reverse("decisions:index"), secure=True).content.decode()
        meeting_url = reverse("decisions:meeting", args=[announced.pk])
        published_url = reverse("decisions:meeting", args=[meetings["published"].pk])
        note = gettext("agenda not yet published")

    section = html.split("upcoming-meetings", 1)[1]
    assert _when(announced, language) in section
    place = {
        "fi": "Kunnantalo, kokoushuone Aalto",
        "sv": "Kommungården, mötesrummet Aalto",
        "en": "Town hall, meeting room Aalto",
    }
    assert place[language] in section
    names = {"fi": "Kunnanhallitus", "sv": "Kommunstyrelsen", "en": "Executive board"}
    assert names[language] in section
    assert note in section
    # Its page does not exist yet; the published meeting's does.
    assert meeting_url not in html
    assert published_url in html
    assert "Valmisteilla oleva asia" not in html and "Ärende i beredning" not in html
    # The coming weeks only: the meeting two months away is on the body's page.
    assert _when(meetings["far"], language) not in section


def test_announced_meeting__page_and_items_stay_hidden_until_the_agenda(client, meetings):
    announced = meetings["announced"]
    item = announced.items.get()

    assert (
        client.get(reverse("decisions:meeting", args=[announced.pk]), secure=True).status_code
        == 404
    )
    assert client.get(reverse("decisions:item", args=[item.pk]), secure=True).status_code == 404


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_body_page__says_when_the_body_next_meets(client, meetings, board, language):
    with override(language):
        html = client.get(reverse("decisions:body", args=[board]), secure=True)
        html = html.content.decode()
        label = gettext("Next meeting:")

    next_line = html.split('class="next-meeting"', 1)[1].split("</p>", 1)[0]
    assert label in next_line
    assert _when(meetings["published"], language) in next_line
    for meeting in meetings.values():
        assert _when(meeting, language) in html


def test_body_page__next_meeting_skips_a_cancelled_one(client, meetings, board):
    services.meeting_save(
        meeting=meetings["published"],
        body=board,
        number=1,
        year=2026,
        starts_at=meetings["published"].starts_at,
        state="cancelled",
    )

    # A request leaves its page's language active: ask for the Finnish page whatever ran before.
    with override("fi"):
        html = client.get(reverse("decisions:body", args=[board]), secure=True).content.decode()

    next_line = html.split('class="next-meeting"', 1)[1].split("</p>", 1)[0]
    assert _when(meetings["announced"], "fi") in next_line


def test_inactive_body__meetings_are_not_announced(client, meeting_factory, body_factory):
    hidden = body_factory(slug="lakkautettu", name_fi="Lakkautettu lautakunta", is_active=False)
    meeting_factory(body=hidden, starts_at=timezone.now() + datetime.timedelta(days=5))

    html = client.get(reverse("decisions:index"), secure=True).content.decode()

    assert "Lakkautettu lautakunta" not in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, secure=True).status_code == 200
    return len(queries)


def test_announced_meetings__query_counts_do_not_grow(
    client, meetings, board, meeting_factory, settings
):
    # What rendering the pages costs: the page cache would answer the second visit without it.
    settings.PAGE_CACHE_SECONDS = 0
    urls = [reverse("decisions:index"), reverse("decisions:body", args=[board])]
    client.get(urls[0], secure=True)
    before = [_queries(client, url) for url in urls]
    for number in range(10, 20):
        meeting_factory(
            body=board, number=number, starts_at=timezone.now() + datetime.timedelta(days=number)
        )

    after = [_queries(client, url) for url in urls]

    assert after == before
