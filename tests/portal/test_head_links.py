"""The head of every page tells search engines and shared links what the page is: description,
canonical address, its other languages (hreflang) and Open Graph tags, on the configured address;
robots.txt and the favicon are served."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.translation import override

from cms.branding import portal_name

BASE = "https://kunta.example.fi"
LANGS = ("fi", "sv", "en")


@pytest.fixture(autouse=True)
def _configured_address(settings):
    settings.PORTAL_BASE_URL = BASE


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta.setdefault(key, []).append(values.get("content", ""))
        elif self.in_head and tag == "link":
            self.links.append(values)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def _head(response) -> _Head:
    head = _Head()
    head.feed(response.content.decode())
    return head


def _canonical(head: _Head) -> str:
    [link] = [link for link in head.links if link.get("rel") == "canonical"]
    return link["href"]


def _alternates(head: _Head) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in head.links
        if link.get("rel") == "alternate" and "hreflang" in link
    }


def _get(client, url):
    # Another Host than the configured address: links must not follow it.
    return client.get(urlsplit(url).path, HTTP_HOST="localhost", secure=True)


@pytest.mark.parametrize("language", LANGS)
def test_cms_page__head_names_its_description_address_and_translations(client, demo_tree, language):
    page = demo_tree.page("asuminen-ja-rakentaminen", language)

    head = _head(_get(client, page.url))

    assert _canonical(head) == BASE + page.url
    alternates = _alternates(head)
    assert alternates == {
        **{code: BASE + demo_tree.url("asuminen-ja-rakentaminen", code) for code in LANGS},
        "x-default": BASE + demo_tree.url("asuminen-ja-rakentaminen", "fi"),
    }
    for url in alternates.values():
        assert _get(client, url).status_code == 200, url
    assert head.meta["description"] == [page.search_snippet]
    assert head.meta["og:title"] == [page.seo_title or page.title]
    assert head.meta["og:description"] == [page.search_snippet]
    assert head.meta["og:url"] == [BASE + page.url]
    with override(language):
        assert head.meta["og:site_name"] == [portal_name()]
    assert head.meta["og:type"] == ["website"]
    locales = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
    assert head.meta["og:locale"] == [locales[language]]
    assert sorted(head.meta["og:locale:alternate"]) == sorted(
        value for code, value in locales.items() if code != language
    )


def test_cms_page__a_page_without_translations_offers_no_alternates(client, demo_tree):
    page = demo_tree.page("yksityisteiden-kunnossapitoavustus")

    head = _head(_get(client, page.url))

    assert _canonical(head) == BASE + page.url
    assert _alternates(head) == {}


def test_news_page__is_an_article_to_shared_links(client, demo_tree):
    from cms.models import NewsPage

    news = NewsPage.objects.live().filter(locale__language_code="fi").first()

    head = _head(_get(client, news.url))

    assert head.meta["og:type"] == ["article"]
    assert head.meta["description"] == [news.search_snippet]


@pytest.mark.parametrize("language", LANGS)
def test_application_page__head_names_its_address_in_every_language(client, db, language):
    with override(language):
        url = reverse("decisions:index")

    head = _head(_get(client, url))

    assert _canonical(head) == BASE + url
    alternates = _alternates(head)
    for code in LANGS:
        with override(code):
            assert alternates[code] == BASE + reverse("decisions:index")
        assert _get(client, alternates[code]).status_code == 200
    assert alternates["x-default"] == alternates["fi"]
    assert head.meta["description"][0]
    assert head.meta["og:url"] == [BASE + url]


def test_application_page__canonical_keeps_only_the_page_number(client, db):
    import datetime

    from django.utils import timezone

    from decisions import services
    from decisions.views import MEETINGS_PER_PAGE
    from tests.decisions.factories import BodyFactory, MeetingFactory

    body = BodyFactory(slug="valtuusto")
    for number in range(1, MEETINGS_PER_PAGE + 2):
        meeting = MeetingFactory(body=body, number=number)
        services.meeting_schedule_agenda(
            meeting=meeting, publish_at=timezone.now() - datetime.timedelta(hours=1)
        )
    with override("fi"):
        url = reverse("decisions:body", args=["valtuusto"])

    second = _head(client.get(url, {"page": "2", "utm_source": "x"}, secure=True))
    first = _head(client.get(url, {"page": "1", "utm_source": "x"}, secure=True))

    assert _canonical(second) == f"{BASE}{url}?page=2"
    assert _canonical(first) == f"{BASE}{url}"


def test_not_found_page__offers_no_address_to_index(client, db):
    response = client.get("/fi/no-such-page-here/", secure=True)

    head = _head(response)
    assert response.status_code == 404
    assert not [link for link in head.links if link.get("rel") in ("canonical", "alternate")]


def test_every_page__links_its_icons_which_are_served(client, db):
    head = _head(client.get(reverse("decisions:index"), secure=True))
    icons = {
        link["type"] if "type" in link else "ico": link["href"]
        for link in head.links
        if link.get("rel") == "icon"
    }

    assert set(icons) == {"image/svg+xml", "ico"}
    for href in icons.values():
        assert client.get(href, secure=True).status_code == 200
    favicon = client.get(reverse("favicon"), secure=True, follow=True)
    assert favicon.status_code == 200
    assert b"".join(favicon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an ICO file


def test_robots_txt__keeps_crawlers_out_of_admin_sign_in_and_api_writes(client, db):
    response = client.get(reverse("robots_txt"), HTTP_HOST="localhost", secure=True)

    lines = response.content.decode().splitlines()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in lines
    disallowed = [line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow:")]
    assert "/admin/" in disallowed
    for language in LANGS:
        with override(language):
            login = reverse("account_login")
        assert any(login.startswith(path) and path != f"/{language}/" for path in disallowed)
    assert reverse("api:case-lookup") in disallowed
    # Public pages stay open.
    for language in LANGS:
        with override(language):
            public = reverse("decisions:index")
        assert not any(public.startswith(path) for path in disallowed)
    assert f"Sitemap: {BASE}{reverse('sitemap_index')}" in lines
