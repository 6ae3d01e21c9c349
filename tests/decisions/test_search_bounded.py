"""Decision search reads, ranks and counts a bounded number of rows however many documents match.

EXPLAIN ANALYZE of the candidate query (decisions.selectors.search_candidates_sql) at 300 and at
3 000 matching documents: the GIN indexes find the rows for every main query shape, and the rows
read stay at the candidate cap. The pages show the count as an estimate ("Yli 100 tulosta") when
the cap is reached, and page 5 costs the queries of page 1.
"""

import datetime
import json

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions import selectors, services
from tests.explain import table_columns
from tests.paths import app_url

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the plans are PostgreSQL's: set DATABASE_URL=postgres://… to run them",
)

CAP = 100
TABLES = {"decisions_agendaitem", "decisions_officeholderdecision"}


@pytest.fixture(autouse=True)
def _rendered_every_time(settings):
    # These tests count what rendering a search reads. The copies they add are bulk rows that
    # public changes never make, so the page cache would answer an address it had seen before.
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def cap(monkeypatch):
    monkeypatch.setattr(selectors, "SEARCH_CANDIDATES", CAP)
    return CAP


@pytest.fixture
def corpus(meeting_factory, item_factory, officeholder_decision_factory, body_factory):
    """A published meeting's budget item and a budget decision, and a way to copy them."""
    board = body_factory(slug="hallitus", name_fi="Kunnanhallitus", name_sv="Kommunstyrelsen")
    meeting = meeting_factory(body=board, starts_at=timezone.now() - datetime.timedelta(days=40))
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=50)
    )
    text = {
        "fi": "<p>Talousarvion muutos koskee koulujen ilmanvaihtoa.</p>",
        "sv": "<p>En ändring av budgeten föreslås för skolornas ventilation.</p>",
    }
    item = item_factory(
        meeting=meeting,
        order=1,
        section=1,
        title={"fi": "Talousarvion muutos", "sv": "Ändring av budgeten"},
        background=text,
        proposal={},
        decision={},
    )
    decision = officeholder_decision_factory(
        title={"fi": "Talousarvion käyttösuunnitelma", "sv": "Budgetens dispositionsplan"},
        decision_text=text,
        decided_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    return {"board": board, "item": item, "decision": decision, "copies": 0}


def _grow(corpus, matches: int) -> None:
    """Copy the item and the decision until each kind has `matches` // 2 matching documents."""
    wanted = matches // 2 - 1 - corpus["copies"]
    first = corpus["copies"] + 2
    shifted = {"order": '"order" + n', "section": "section + n"}
    with connection.cursor() as cursor:
        for table, row in (
            ("decisions_agendaitem", corpus["item"]),
            ("decisions_officeholderdecision", corpus["decision"]),
        ):
            columns = table_columns(table, without=("id",))
            names = ", ".join(f'"{column}"' for column in columns)
            values = ", ".join(shifted.get(column, f'"{column}"') for column in columns)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {values} FROM {table},"  # noqa: S608
                " generate_series(%s, %s) AS n WHERE id = %s",
                [first, first + wanted - 1, row.pk],
            )
            cursor.execute(f"ANALYZE {table}")
    corpus["copies"] += wanted


def _plan(filters) -> dict:
    """The candidate query's EXPLAIN ANALYZE: indexes used and rows read of the two tables."""
    sql, params = selectors.search_candidates_sql(filters)
    with transaction.atomic(), connection.cursor() as cursor:
        selectors._plan_settings(cursor)  # as decisions_search runs it
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    indexes, read, scans = set(), 0, []

    def walk(node):
        nonlocal read
        if node.get("Index Name"):
            indexes.add(node["Index Name"])
        if node.get("Relation Name") in TABLES:
            scans.append(node["Node Type"])
            loops = node.get("Actual Loops", 1)
            read += node.get("Actual Rows", 0) * loops
            read += node.get("Rows Removed by Filter", 0) + node.get(
                "Rows Removed by Index Recheck", 0
            )
        for child in node.get("Plans", []):
            walk(child)

    walk(plan[0]["Plan"])
    return {"indexes": indexes, "read": read, "scans": scans}


def _shapes(corpus):
    today = timezone.localdate()
    return {
        "word": selectors.SearchFilters(q="talousarvion"),
        "word and body": selectors.SearchFilters(q="talousarvion", body=corpus["board"]),
        "word and dates": selectors.SearchFilters(
            q="talousarvion",
            date_from=today - datetime.timedelta(days=365),
            date_to=today,
        ),
        "swedish word": selectors.SearchFilters(q="föreslås"),
    }


def test_search_bounded__every_query_shape_uses_the_gin_indexes_and_reads_at_most_the_cap(
    corpus, cap
):
    _grow(corpus, 300)
    small = {name: _plan(filters) for name, filters in _shapes(corpus).items()}
    _grow(corpus, 3000)
    large = {name: _plan(filters) for name, filters in _shapes(corpus).items()}

    for name in small:
        for plan in (small[name], large[name]):
            # A GIN search index of the items (of one language or both: the planner may take
            # the body from either, then check the words on the rows it reads).
            assert {"decisions_item_search_fi", "decisions_item_search_sv"} & plan["indexes"], name
            assert "Seq Scan" not in plan["scans"], name
            assert plan["read"] <= 2 * (cap + 1), (name, plan)
        assert {"decisions_ohd_search_fi", "decisions_ohd_search_sv"} & large[name]["indexes"]
        # Ten times the matches, the same rows read: the cap, not the matches, bounds the work.
        assert large[name]["read"] == small[name]["read"], name
    assert large["word"]["read"] == 2 * (cap + 1)


def _page(client, lang="fi", **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(app_url("decisions:search", lang=lang), params, secure=True)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_search_bounded__over_the_cap_the_count_is_an_estimate_and_page_5_costs_like_page_1(
    client, corpus, cap, site_settings
):
    _grow(corpus, 300)
    _page(client, q="kirjasto")  # the site's settings and menus are cached from here on
    first, first_queries = _page(client, q="talousarvion")
    fifth, fifth_queries = _page(client, q="talousarvion", page=5)
    _grow(corpus, 3000)
    larger, larger_queries = _page(client, q="talousarvion", page=5)
    swedish, _ = _page(client, lang="sv", q="föreslås")
    english, _ = _page(client, lang="en", q="budget")

    assert "Yli 100 tulosta" in first and "Sivu 1</li>" in first
    assert "Yli 100 tulosta" in fifth and "Sivu 5</li>" in fifth
    assert "Över 100 träffar" in swedish
    assert "Over 100 results" in english
    # Pages end at the cap.
    last = client.get(app_url("decisions:search"), {"q": "talousarvion", "page": 6}, secure=True)
    assert last.status_code == 404
    assert first_queries == fifth_queries == larger_queries


def test_search_bounded__under_the_cap_the_count_is_exact(client, corpus, cap):
    _grow(corpus, 60)

    html, _queries = _page(client, q="talousarvion")

    assert "60 tulosta" in html and "Yli" not in html
    assert "Sivu 1 / 3" in html


# --- The API's `q`: the same bounded search, keyset pages, an estimated count ----------------

API_LISTS = {
    "item": "/api/v1/agenda-items/",
    "decision": "/api/v1/officeholder-decisions/",
}


def _api(client, url, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json(), queries


def _walk(client, url, **params) -> tuple[list[int], list[int], dict]:
    """Every page of a search: the ids in order, each page's query count, the first page."""
    first, queries = _api(client, url, **params)
    ids, counts, page = [], [len(queries)], first
    while True:
        ids += [result["id"] for result in page["results"]]
        if not page["next"]:
            return ids, counts, first
        page, queries = _api(client, page["next"])
        counts.append(len(queries))


def test_search_api__over_the_cap_the_count_is_estimated_and_keyset_pages_reach_every_candidate(
    client, corpus, cap
):
    _grow(corpus, 300)
    for kind, url in API_LISTS.items():
        ids, counts, first = _walk(client, url, q="talousarvion", page_size=30)
        assert first["count"] == cap and first["count_estimated"] is True, kind
        assert len(first["results"]) == 30
        # Every ranked candidate once, in four pages that cost the same.
        assert len(ids) == len(set(ids)) == cap, kind
        assert len(counts) == 4 and len(set(counts)) == 1, (kind, counts)
        # Ranked: the title's words weigh more, then the newest; all copies rank alike here,
        # so the newest id comes first.
        assert ids == sorted(ids, reverse=True), kind


def test_search_api__under_the_cap_the_count_is_exact_and_filters_narrow_it(client, corpus, cap):
    _grow(corpus, 60)
    items, _queries = _api(client, API_LISTS["item"], q="talousarvion")
    assert (items["count"], items["count_estimated"], len(items["results"])) == (30, False, 30)
    assert items["next"] is None
    # The result objects have the list's usual shape.
    assert set(items["results"][0]) >= {"id", "url", "modified", "title", "meeting"}

    board, meeting = corpus["board"], corpus["item"].meeting_id
    for params, count in (
        ({"body": board.pk}, 30),
        ({"meeting": meeting}, 30),
        ({"meeting": meeting + 1000}, 0),
        ({"body": 999999}, 0),
        ({"modified_since": "2000-01-01T00:00:00Z"}, 30),
        ({"modified_since": "2999-01-01T00:00:00Z"}, 0),
        ({"to": "2000-01-01"}, 0),
        ({"reference": "no-such"}, 0),
    ):
        page, _queries = _api(client, API_LISTS["item"], q="talousarvion", **params)
        assert page["count"] == count, params
    decisions, _queries = _api(client, API_LISTS["decision"], q="föreslås", lang="sv")
    assert (decisions["count"], decisions["count_estimated"]) == (30, False)
    assert {row["id"] for row in decisions["results"]} >= {corpus["decision"].pk}
    # Without `q` the lists are the harvesters' walk by (modified, id), without a count.
    plain, _queries = _api(client, API_LISTS["item"])
    assert "count" not in plain


def test_search_api__a_bad_cursor_is_not_found(client, corpus, cap):
    _grow(corpus, 300)
    url = API_LISTS["item"]
    for cursor in ("bogus", "YWJj", "bmFufDIwMjYtMDEtMDF8MQ==", "aW5mfDIwMjYtMDEtMDF8MQ==", "%00"):
        response = client.get(url, {"q": "talousarvion", "cursor": cursor})
        assert response.status_code == 404, cursor
        assert response.json()["code"] == "not_found"


def test_search_api__reads_the_same_rows_at_300_and_3000_matches(client, corpus, cap):
    """The API's query shapes use the GIN indexes and read the cap however many match; the
    rest of a page (the page's rows and what is listed with them) reads a page's rows."""
    from tests.explain import rows_read

    meeting = corpus["item"].meeting_id

    def shapes():
        return {
            "items": selectors.SearchFilters(q="talousarvion", kinds=("item",)),
            "decisions": selectors.SearchFilters(q="föreslås", kinds=("decision",)),
            "items of a body": selectors.SearchFilters(
                q="talousarvion", body=corpus["board"], kinds=("item",)
            ),
            "items of a meeting": selectors.SearchFilters(
                q="talousarvion", meeting_id=meeting, kinds=("item",)
            ),
            "items changed since": selectors.SearchFilters(
                q="talousarvion",
                modified_since=timezone.now() - datetime.timedelta(days=1),
                kinds=("item",),
            ),
        }

    def page_rows(url):
        _page, queries = _api(client, url, q="talousarvion")
        return [
            rows_read(query["sql"])
            for query in queries
            if query["sql"].startswith("SELECT") and "tsquery" not in query["sql"]
        ]

    _grow(corpus, 300)
    small = {name: _plan(filters) for name, filters in shapes().items()}
    small_pages = {kind: page_rows(url) for kind, url in API_LISTS.items()}
    _grow(corpus, 3000)
    large = {name: _plan(filters) for name, filters in shapes().items()}
    large_pages = {kind: page_rows(url) for kind, url in API_LISTS.items()}

    for name in small:
        for plan in (small[name], large[name]):
            assert "Seq Scan" not in plan["scans"], (name, plan)
            assert plan["read"] <= cap + 1, (name, plan)
        assert large[name]["read"] == small[name]["read"], name
    assert {"decisions_item_search_fi", "decisions_item_search_sv"} & large["items"]["indexes"]
    assert {"decisions_ohd_search_fi", "decisions_ohd_search_sv"} & large["decisions"]["indexes"]
    assert large_pages == small_pages
    assert all(sum(rows) < 200 for rows in large_pages.values()), large_pages
