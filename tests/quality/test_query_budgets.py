"""Query budgets: every GET route of the access matrix runs at most 15 SQL queries for every role,
and a listing runs
as many with five times the data as with one (no query per listed object).

The routes and the functions that grow their data are declared in tests/security/access_matrix.py.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.security.access_matrix import ROUTES
from tests.security.matrix import request

BUDGET = 15
# Objects added before the first measurement, and the total before the second (five times as many).
BASE = 2
FIVEFOLD = 5 * BASE


@pytest.fixture(autouse=True)
def _pages_rendered_every_time(settings):
    # The budgets measure what rendering a page costs: an anonymous visitor's second request
    # would otherwise be answered by the page cache with no query at all (that is asserted in
    # tests/portal/test_page_cache.py).
    settings.PAGE_CACHE_SECONDS = 0


MEASURED = [
    pytest.param(index, role, id=f"{route.id}-{role}")
    for index, route in enumerate(ROUTES)
    if route.grow is not None and "GET" in route.expectations() and not route.budget_exempt
    for role in route.budget_roles
]


def count_queries(client, url: str) -> tuple[int, list[str], int]:
    """Queries of one GET of `url`, after a warm-up request that fills the caches."""
    request(client, "GET", url)
    with CaptureQueriesContext(connection) as captured:
        response = request(client, "GET", url)
    return (
        len(captured),
        [query["sql"] for query in captured.captured_queries],
        response.status_code,
    )


@pytest.mark.parametrize(("index", "role"), MEASURED)
def test_query_budget__listing_queries_are_few_and_do_not_grow_with_data(
    db, world, clients, index, role
):
    route = ROUTES[index]
    client = clients[role]
    route.grow(world, BASE)
    urls = route.urls(world)
    assert urls, f"{route.id}: the declaration built no URL to try"
    small = {url: count_queries(client, url) for url in urls}
    route.grow(world, FIVEFOLD - BASE)
    large = {url: count_queries(client, url) for url in urls}

    problems = []
    for url in urls:
        (n_small, _, status_small), (n_large, sql_large, status_large) = small[url], large[url]
        if status_small != 200 or status_large != 200:
            problems.append(f"{url}: answered {status_small}/{status_large}, not 200")
        if n_large > BUDGET:
            problems.append(f"{url}: {n_large} queries, over the budget of {BUDGET}")
        if n_large != n_small:
            problems.append(
                f"{url}: {n_small} queries with {BASE} grown objects, {n_large} with {FIVEFOLD}"
                "\n    " + "\n    ".join(sql_large)
            )
    assert not problems, f"{route.id} as {role}:\n" + "\n".join(problems)


EVERY_PAGE = [
    pytest.param(index, role, id=f"{route.id}-{role}")
    for index, route in enumerate(ROUTES)
    if not route.budget_exempt
    for role, outcome in route.expectations().get("GET", {}).items()
    if outcome == 200
]


@pytest.mark.parametrize(("index", "role"), EVERY_PAGE)
def test_query_budget__every_page_stays_within_the_budget(db, world, clients, index, role):
    route = ROUTES[index]
    problems = []
    for url in route.urls(world):
        queries, sql, status = count_queries(clients[role], url)
        if status == 200 and queries > BUDGET:
            problems.append(f"{url}: {queries} queries, over {BUDGET}:\n    " + "\n    ".join(sql))
    assert not problems, f"{route.id} as {role}:\n" + "\n".join(problems)
