"""Everything public is reachable: a crawl from the home page of each official language, following
only the portal's own links, reaches every kind of page that the access matrix opens to anonymous
visitors (a completeness test, like the accessibility crawl's).

Runs in-process with the test client on the demo municipality. Pages are compared by URL name
(`resolve()`), so a new public route fails this test until the site links to it.
"""

from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from tests.e2e.conftest import DEMO_PASSWORD
from tests.fixtures.demo import loaded_demo
from tests.security.access_matrix import ROUTES
from tests.security.matrix import walk

# A client address of its own, so that rate limits counted here touch no other test.
CLIENT_ADDRESS = "192.0.2.45"
START_LANGUAGES = ("fi", "sv")
# Pages of one URL name visited before the crawl stops following more of them: the test is about
# kinds of pages, not every agenda item of the demo. The next meeting's items and the latest
# decisions are linked first, and which of them have attachments depends on the day and hour the
# demo is loaded: on a Monday evening none of the first twenty agenda items had one.
VISITS_PER_NAME = 40
VISITS_OF_CMS_PAGES = 80
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/api/")

# Public routes that no link leads to by design, and why. Keep this short.
NOT_LINKED = {
    # The thank-you page comes after sending a survey's answers (a form), not a link.
    "participation:thanks": "shown after sending the answers",
}


def _url_name(path: str) -> str:
    """The URL name of a path; a language prefix is resolved in its own language."""
    language = path.split("/")[1] if path.count("/") > 1 else ""
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return resolve(urlsplit(path).path).view_name


class _Links(HTMLParser):
    """The targets of a page's links, its alternate links and its GET forms."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])
        elif tag == "link" and values.get("rel") == "alternate" and values.get("href"):
            self.hrefs.append(values["href"])
        elif tag == "form" and (values.get("method") or "get").lower() == "get":
            self.hrefs.append(values.get("action") or "")


def _anonymous_page_routes() -> dict[str, str]:
    """URL name → matrix label of every language-prefixed route anonymous visitors may GET."""
    names_by_pattern: dict[str, set[str]] = {}
    for pattern, name in walk():
        names_by_pattern.setdefault(pattern, set()).add(name)
    expected = {}
    for route in ROUTES:
        if route.expect.get("GET", {}).get("anonymous") != 200:
            continue
        if not route.pattern.startswith("<lang>/"):
            continue
        if route.prefix:
            # Samples such as /fi/accounts/login/ stand for the routes under the prefix.
            names = set()
            for url in route.urls(None):
                names.add(_url_name(url))
        else:
            names = names_by_pattern.get(route.pattern, set())
        for name in names:
            expected.setdefault(name, route.id)
    return expected


def _crawl(client: Client, starts: list[str]) -> tuple[set[str], int]:
    """URL names reached from `starts` by following same-site links breadth first."""
    queue = deque(starts)
    seen = set(starts)
    visits: Counter = Counter()
    reached: set[str] = set()
    requests = 0
    while queue:
        path = queue.popleft()
        try:
            name = _url_name(path)
        except Resolver404:
            continue
        limit = VISITS_OF_CMS_PAGES if name == "wagtail_serve" else VISITS_PER_NAME
        if visits[name] >= limit:
            continue
        response = client.get(path)
        requests += 1
        if response.status_code != 200:
            continue
        visits[name] += 1
        reached.add(name)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            target = urljoin(path, href)
            parts = urlsplit(target)
            if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
                continue
            if parts.path.startswith(SKIPPED_PREFIXES):
                continue
            # The fragment changes nothing on the server; the query may (search, filters).
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if local not in seen:
                seen.add(local)
                queue.append(local)
    return reached, requests


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with loaded_demo(django_db_blocker, password=DEMO_PASSWORD) as output:
        yield output


@pytest.mark.django_db
def test_reachability__every_public_kind_of_page_is_linked_from_the_home_pages(demo):
    client = Client(REMOTE_ADDR=CLIENT_ADDRESS)
    starts = []
    for language in START_LANGUAGES:
        with translation.override(language):
            starts.append(reverse("wagtail_serve", args=[""]))

    reached, requests = _crawl(client, starts)

    expected = _anonymous_page_routes()
    stale = sorted(set(NOT_LINKED) - set(expected))
    assert not stale, f"NOT_LINKED names routes that are not public pages any more: {stale}"
    linked = sorted(set(NOT_LINKED) & reached)
    assert not linked, f"NOT_LINKED names routes that the crawl reached, remove them: {linked}"
    missed = sorted(set(expected) - reached - set(NOT_LINKED))
    assert not missed, (
        f"{len(missed)} kind(s) of public page were not reached from {starts} in {requests} "
        "requests; link them from the menus, the home page or a page that leads there:\n"
        + "\n".join(f"{name} ({expected[name]})" for name in missed)
    )
