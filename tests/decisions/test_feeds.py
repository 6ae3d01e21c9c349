"""RSS, Atom and iCalendar feeds parse with standard libraries and follow the publishing rules."""

import datetime

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

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


CONFIGURED = "https://kunta.example.fi"


def test_atom_feed__entries_name_the_deciding_body_as_author(client, agendas):
    feed = feedparser.parse(client.get(reverse("decisions:atom"), secure=True).content)

    authors = {entry.title.split(":")[0]: entry.author for entry in feed.entries}
    assert not feed.bozo, feed.bozo_exception
    assert authors["Kunnanhallitus 1/2026"] == "Kunnanhallitus"
    assert all(entry.get("author") for entry in feed.entries)


@pytest.mark.parametrize("url_name", ["decisions:rss", "decisions:atom"])
def test_feeds__link_to_the_configured_address_whatever_the_host(
    client, agendas, settings, url_name
):
    settings.PORTAL_BASE_URL = CONFIGURED
    today, _tomorrow = agendas

    feed = feedparser.parse(
        client.get(reverse(url_name), HTTP_HOST="localhost", secure=True).content
    )

    links = [feed.feed.link] + [entry.link for entry in feed.entries]
    assert all(link.startswith(CONFIGURED + "/") for link in links), links
    item = today.items.get()
    assert CONFIGURED + reverse("decisions:item", args=[item.pk]) in links
    self_links = [link.href for link in feed.feed.get("links", []) if link.rel == "self"]
    assert self_links == [CONFIGURED + reverse(url_name)]


def test_calendar__links_to_the_configured_address_whatever_the_host(client, agendas, settings):
    settings.PORTAL_BASE_URL = CONFIGURED
    response = client.get(reverse("decisions:calendar"), HTTP_HOST="localhost", secure=True)

    events = list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))
    assert events
    for event in events:
        assert str(event["url"]).startswith(CONFIGURED + "/")
        assert str(event["uid"]).endswith("@kunta.example.fi")
    assert b"localhost" not in response.content


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_decision_pages__announce_their_feeds(client, agendas, board, language):
    with override(language):
        index = client.get(reverse("decisions:index"), secure=True).content.decode()
        body = client.get(reverse("decisions:body", args=[board.slug]), secure=True)
        body = body.content.decode()
        expected = {
            index: ("decisions:rss", "decisions:atom", "decisions:calendar", ()),
            body: (
                "decisions:body_rss",
                "decisions:body_atom",
                "decisions:body_calendar",
                (board.slug,),
            ),
        }
        for html, (rss, atom, calendar, args) in expected.items():
            head = html.split("</head>", 1)[0]
            for kind, name in (("application/rss+xml", rss), ("application/atom+xml", atom)):
                href = reverse(name, args=args)
                assert f'<link rel="alternate" type="{kind}" href="{href}"' in head
            assert f'type="text/calendar" href="{reverse(calendar, args=args)}"' in head
