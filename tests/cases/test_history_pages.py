"""The case page shows a window of the history, newest first, with plain links to earlier
pages: every event is reachable once, and a page costs the same however long the history is."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cases import services
from cases.models import CaseEvent
from cases.selectors import HISTORY_PAGE_SIZE
from tests.cases.factories import make_case
from tests.explain import rows_read_by
from tests.paths import app_url


@pytest.fixture
def resident(make_resident):
    return make_resident("aino@example.fi")


@pytest.fixture
def client_of_resident(resident):
    client = Client()
    client.force_login(resident)
    return client


def add_notes(case, start: int, n: int) -> None:
    """Notes N<start>…, three to a second so that pages also split events of one moment."""
    base = case.submitted_at + timedelta(minutes=1)
    for i in range(start, start + n):
        services.case_record_event(
            case=case,
            kind="note",
            actor_name="t",
            note={"fi": f"N{i}", "sv": f"N{i}", "en": f"N{i}"},
            occurred_at=base + timedelta(seconds=i // 3),
        )
    # An internal note between them, which the resident never sees.
    services.case_record_event(
        case=case,
        kind="note",
        actor_name="t",
        note={"fi": "Sisäinen"},
        visible_to_resident=False,
        occurred_at=base + timedelta(seconds=(start + n) // 3),
    )


def _history(html: str) -> tuple[list[str], str | None, int]:
    section = html.split('aria-labelledby="history-heading"', 1)[1].split("</section>", 1)[0]
    notes = re.findall(r'class="history__note">(N\d+)</div>', section)
    earlier = re.search(r'class="history__more"><a href="([^"]+)"', section)
    items = section.count('class="history__item')
    return notes, unescape(earlier[1]) if earlier else None, items


def test_case_page__shows_the_latest_events_and_links_to_every_earlier_one_once(
    resident, client_of_resident
):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 500)
    visible = CaseEvent.objects.filter(case=case, visible_to_resident=True).count()

    url = app_url("cases:detail", case.pk)
    html = client_of_resident.get(url).content.decode()
    notes, earlier, items = _history(html)
    assert items == HISTORY_PAGE_SIZE
    assert notes == [f"N{i}" for i in range(499, 499 - HISTORY_PAGE_SIZE, -1)]
    assert earlier and earlier.startswith(url + "?before=") and earlier.endswith("#history-heading")
    assert "Show the latest events" not in html and "Näytä uusimmat tapahtumat" not in html

    seen = list(notes)
    shown = items
    pages = 1
    while earlier:
        response = client_of_resident.get(earlier.split("#")[0])
        assert response.status_code == 200
        html = response.content.decode()
        # An earlier page says so and leads back to the latest events.
        assert "Näytä uusimmat tapahtumat" in html
        notes, earlier, items = _history(html)
        assert 0 < items <= HISTORY_PAGE_SIZE
        seen += notes
        shown += items
        pages += 1
    # All the resident's events, newest first, none twice, the internal note never.
    assert seen == [f"N{i}" for i in range(499, -1, -1)]
    assert shown == visible
    assert pages == -(-visible // HISTORY_PAGE_SIZE)
    assert "Sisäinen" not in html


def test_case_page__an_unknown_or_foreign_cursor_is_not_found(
    resident, make_resident, client_of_resident
):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 3)
    other = make_case(parties=[make_resident("bertil@example.fi").email])
    add_notes(other, 0, 3)
    hidden = CaseEvent.objects.get(case=case, visible_to_resident=False)
    foreign = CaseEvent.objects.filter(case=other).first()
    url = app_url("cases:detail", case.pk)

    for before in (foreign.pk, hidden.pk, "abc", "1" * 40, "-1", "١٢"):
        assert client_of_resident.get(url, {"before": before}).status_code == 404, before
    # The other resident cannot page through this case's history either.
    bertil = Client()
    bertil.force_login(other.parties.get().user)
    first = CaseEvent.objects.filter(case=case, visible_to_resident=True).first()
    assert bertil.get(url, {"before": first.pk}).status_code == 404


def _page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return captured


def _assert_same_rows(*pairs) -> None:
    """Each (small, large) pair of captured queries reads the same rows, query by query."""
    for small, large in pairs:
        small_rows, large_rows = rows_read_by(small), rows_read_by(large)
        assert large_rows == small_rows, (small_rows, large_rows)


def _analyse():
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(CaseEvent._meta.db_table)}")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE of PostgreSQL")
def test_case_page__reads_the_same_rows_and_queries_at_50_and_500_events(
    resident, client_of_resident, site_settings
):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 50)
    url = app_url("cases:detail", case.pk)

    def measure():
        _analyse()
        latest = _page_queries(client_of_resident, url)
        _notes, earlier, _items = _history(client_of_resident.get(url).content.decode())
        # The second page: the cursor is on the 20th newest event at both sizes.
        second = _page_queries(client_of_resident, earlier.split("#")[0])
        return latest, second

    small_latest, small_second = measure()
    add_notes(case, 50, 450)
    large_latest, large_second = measure()

    assert len(large_latest) == len(small_latest) <= 15
    assert len(large_second) == len(small_second) <= 16
    _assert_same_rows((small_latest, large_latest), (small_second, large_second))
    # The history's own queries read about a page of events, not the case's hundreds.
    assert sum(rows_read_by(large_second)) < 400


def test_handler_screen__pages_through_every_event_of_the_case_once(db):
    from django.urls import reverse

    from tests.cases.factories import make_case_type, make_unit
    from tests.cases.test_admin import client_for, make_staff

    handler_x = make_staff("handler.x@example.fi")
    handler_y = make_staff("handler.y@example.fi")
    make_unit("unit-y", handlers=[handler_y])
    case = make_case(make_case_type(make_unit("unit-x", handlers=[handler_x])))
    add_notes(case, 0, 45)
    total = CaseEvent.objects.filter(case=case).count()
    url = reverse("unit_cases:edit", args=[case.pk])
    client = client_for(handler_x)

    seen: list[str] = []
    shown = 0
    next_url = url
    while next_url:
        html = client.get(next_url).content.decode()
        section = html.split('id="case-events"', 1)[1].split("</section>", 1)[0]
        seen += re.findall(r'<p lang="fi">(N\d+|Sisäinen)</p>', section)
        shown += section.count("<li>")
        link = re.search(r'<a href="([^"]+)#case-events">', section.split("</ol>", 1)[1])
        next_url = unescape(link[1]) if link else None
        assert shown <= total
    # Every event, the internal one too, newest first, none twice.
    assert seen == ["Sisäinen", *[f"N{i}" for i in range(44, -1, -1)]]
    assert shown == total
    first = CaseEvent.objects.filter(case=case).first()
    assert client.get(url, {"before": "abc"}).status_code == 404
    assert client_for(handler_y).get(url, {"before": first.pk}).status_code in (302, 403, 404)


# --- The API: the detail's latest events, earlier ones a page at a time ----------------------


def _api_url(case) -> str:
    return f"/api/v1/me/cases/{case.pk}/"


def test_case_api__detail_has_the_latest_events_and_pages_lead_to_every_earlier_one_once(
    resident, client_of_resident
):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 95)
    visible = CaseEvent.objects.filter(case=case, visible_to_resident=True).count()

    detail = client_of_resident.get(_api_url(case), {"lang": "fi"}).json()
    notes = [event["note"] for event in detail["events"]]
    assert notes == [f"N{i}" for i in range(94, 94 - HISTORY_PAGE_SIZE, -1)]
    earlier = detail["events_earlier"]
    assert earlier == (
        f"http://testserver/api/v1/me/cases/{case.pk}/events/?before={detail['events'][-1]['id']}"
    )
    # The events endpoint without a cursor is the detail's window.
    first = client_of_resident.get(f"{_api_url(case)}events/", {"lang": "fi"}).json()
    assert first == {"next": earlier, "results": detail["events"]}

    seen, next_url, pages = list(notes), earlier, 1
    while next_url:
        response = client_of_resident.get(next_url + "&lang=fi")
        assert response.status_code == 200
        page = response.json()
        assert 0 < len(page["results"]) <= HISTORY_PAGE_SIZE
        seen += [event["note"] for event in page["results"]]
        next_url = page["next"]
        pages += 1
    assert seen == [f"N{i}" for i in range(94, -1, -1)]
    assert len(seen) == visible
    assert pages == -(-visible // HISTORY_PAGE_SIZE)


def test_case_api__a_short_history_has_no_earlier_page(resident, client_of_resident):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 3)
    detail = client_of_resident.get(_api_url(case), {"lang": "fi"}).json()
    assert [event["note"] for event in detail["events"]] == ["N2", "N1", "N0"]
    assert detail["events_earlier"] is None


def test_case_api__a_bad_or_foreign_cursor_is_a_400_and_another_residents_case_a_404(
    resident, make_resident, client_of_resident
):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 3)
    other = make_case(parties=[make_resident("bertil@example.fi").email])
    add_notes(other, 0, 3)
    hidden = CaseEvent.objects.get(case=case, visible_to_resident=False)
    foreign = CaseEvent.objects.filter(case=other).first()
    url = f"{_api_url(case)}events/"

    for before in (foreign.pk, hidden.pk, "abc", "1" * 40, "-1", "١٢", "", "1.5"):
        response = client_of_resident.get(url, {"before": before, "lang": "en"})
        assert response.status_code == 400, before
        body = response.json()
        assert body["code"] == "invalid"
        assert body["fields"] == {"before": ["Enter the id of one of this case's events."]}
    bertil = Client()
    bertil.force_login(other.parties.get().user)
    first = CaseEvent.objects.filter(case=case, visible_to_resident=True).first()
    assert bertil.get(url, {"before": first.pk}).status_code == 404
    assert bertil.get(url).status_code == 404
    assert Client().get(url).status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE of PostgreSQL")
def test_case_api__reads_the_same_rows_and_queries_at_50_and_500_events(
    resident, client_of_resident
):
    case = make_case(parties=[resident.email])
    add_notes(case, 0, 50)
    url = _api_url(case)

    def measure():
        _analyse()
        detail = _page_queries(client_of_resident, url)
        earlier = client_of_resident.get(url).json()["events_earlier"]
        # The second page: the cursor is on the 20th newest event at both sizes.
        second = _page_queries(client_of_resident, earlier)
        return detail, second

    small_detail, small_second = measure()
    add_notes(case, 50, 450)
    large_detail, large_second = measure()

    assert len(large_detail) == len(small_detail) <= 15
    assert len(large_second) == len(small_second) <= 15
    _assert_same_rows((small_detail, large_detail), (small_second, large_second))
    assert sum(rows_read_by(large_detail)) < 400
    assert sum(rows_read_by(large_second)) < 400
