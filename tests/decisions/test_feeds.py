"""RSS, Atom and iCalendar feeds parse with standard libraries and follow the publishing rules."""

import datetime

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from decisions import services


@pytest.fixture
def board(body_factory):
    return body_factory(slug="hallitus", name_fi="Kunnanhallitus", name_sv="Kommunstyrelsen")


@pytest.fixture
def agendas(board, meeting_factory, item_factory, officeholder_decision_factory):
    today = meeting_factory(body=board, number=1)
    services.meeting_schedule_agenda(
        meeting=today, publish_at=timezone.now() - datetime.timedelta(hours=2)
    )
    item_factory(meeting=today, title={"fi": "Tänään julkaistu asia", "sv": "Ärende i dag"})
    tomorrow = meeting_factory(body=board, number=2)
    services.meeting_schedule_agenda(
        meeting=tomorrow, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    item_factory(meeting=tomorrow, title={"fi": "Huomenna julkaistava asia"})
    officeholder_decision_factory()
    return today, tomorrow


@pytest.mark.parametrize("path", ["/fi/decisions/rss/", "/sv/decisions/atom/"])
def test_feeds__parse_and_show_only_what_is_published(client, agendas, path):
    response = client.get(path, secure=True)

    feed = feedparser.parse(response.content)
    titles = [entry.title for entry in feed.entries]
    assert response.status_code == 200
    assert not feed.bozo, feed.bozo_exception
    assert any("Tänään julkaistu asia" in t or "Ärende i dag" in t for t in titles)
    assert not any("Huomenna" in t for t in titles)
    assert any("byföreningen" in t or "kyläyhdistykselle" in t for t in titles)


def test_body_feed__has_only_the_body(client, agendas, board):
    feed = feedparser.parse(client.get("/fi/decisions/bodies/hallitus/rss/", secure=True).content)

    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title.startswith("Kunnanhallitus 1/2026: ")
    assert entry.title.endswith("§ Tänään julkaistu asia")


@pytest.mark.parametrize(
    "path", ["/fi/decisions/meetings.ics", "/fi/decisions/bodies/hallitus/meetings.ics"]
)
def test_calendar__has_published_and_announced_meetings_but_no_agenda_before_its_time(
    client, agendas, path
):
    today, tomorrow = agendas
    response = client.get(path, secure=True)

    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert response["Content-Type"].startswith("text/calendar")
    assert set(events) == {"Kunnanhallitus 1/2026", "Kunnanhallitus 2/2026"}
    published, announced = events["Kunnanhallitus 1/2026"], events["Kunnanhallitus 2/2026"]
    assert published.decoded("dtstart") == today.starts_at.replace(microsecond=0)
    assert str(published["url"]).endswith(reverse("decisions:meeting", args=[today.pk]))
    # The announced meeting's page does not exist before its agenda: the body's page instead.
    assert announced.decoded("dtstart") == tomorrow.starts_at.replace(microsecond=0)
    assert str(announced["url"]).endswith(reverse("decisions:body", args=["hallitus"]))
    assert b"Huomenna julkaistava asia" not in response.content


def test_feeds__a_missing_body_is_not_found(client, db):
    assert client.get("/fi/decisions/bodies/none/rss/", secure=True).status_code == 404
    assert client.get("/fi/decisions/bodies/none/meetings.ics", secure=True).status_code == 404
