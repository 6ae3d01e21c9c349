"""RSS, Atom and iCalendar feeds parse with standard libraries and follow the publishing rules."""

import datetime

import feedparser
import icalendar
import pytest
from django.utils import timezone

from decisions import services
from tests.paths import app_url


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


@pytest.mark.parametrize("path", [app_url("decisions:rss"), app_url("decisions:atom", lang="sv")])
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
    feed = feedparser.parse(
        client.get(app_url("decisions:body_rss", "hallitus"), secure=True).content
    )

    assert not feed.bozo
    [entry] = feed.entries
    assert entry.title.startswith("Kunnanhallitus 1/2026: ")
    assert entry.title.endswith("§ Tänään julkaistu asia")


@pytest.mark.parametrize(
    "path", [app_url("decisions:calendar"), app_url("decisions:body_calendar", "hallitus")]
)
def test_calendar__parses_and_has_published_meetings_only(client, agendas, path):
    today, tomorrow = agendas
    response = client.get(path, secure=True)

    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert response["Content-Type"].startswith("text/calendar")
    assert [str(e["summary"]) for e in events] == ["Kunnanhallitus 1/2026"]
    assert events[0].decoded("dtstart") == today.starts_at.replace(microsecond=0)
    assert str(events[0]["url"]).endswith(app_url("decisions:meeting", today.pk))


def test_feeds__a_missing_body_is_not_found(client, db):
    assert client.get(app_url("decisions:body_rss", "none"), secure=True).status_code == 404
    assert client.get(app_url("decisions:body_calendar", "none"), secure=True).status_code == 404
