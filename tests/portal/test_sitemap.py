"""sitemap.xml lists every public page and item in each language, on the configured address,
validates against the sitemaps.org schemas, and costs the same queries however much there is."""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from lxml import etree
from wagtail.models import Page

from cases.models import CaseType
from decisions import services
from portal import sitemaps
from tests.cases.factories import make_case_type
from tests.decisions.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    OfficeholderDecisionFactory,
)
from tests.participation.factories import SurveyFactory

SCHEMAS = Path(__file__).parent / "schemas"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
BASE = "https://kunta.example.fi"
LANGS = ("fi", "sv", "en")


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


@pytest.fixture(autouse=True)
def _configured_address(settings):
    settings.PORTAL_BASE_URL = BASE


@pytest.fixture
def world(demo_tree):
    """Public and non-public objects of every kind the sitemap knows."""
    now = timezone.now()
    body = BodyFactory(slug="valtuusto", name_fi="Valtuusto", name_sv="Fullmäktige")
    hidden_body = BodyFactory(slug="lakkautettu", name_fi="Lakkautettu", is_active=False)
    published = MeetingFactory(body=body, number=1)
    services.meeting_schedule_agenda(meeting=published, publish_at=now - datetime.timedelta(days=1))
    item = AgendaItemFactory(meeting=published, order=1)
    secret = AgendaItemFactory(
        meeting=published, order=2, is_confidential=True, secrecy_ground={"fi": "JulkL 24 §"}
    )
    announced = MeetingFactory(body=body, number=2, starts_at=now + datetime.timedelta(days=20))
    announced_item = AgendaItemFactory(meeting=announced, order=1)
    decision = OfficeholderDecisionFactory()
    secret_decision = OfficeholderDecisionFactory(
        is_confidential=True, secrecy_ground={"fi": "JulkL 24 §"}
    )
    future_decision = OfficeholderDecisionFactory(publish_at=now + datetime.timedelta(days=2))
    survey = SurveyFactory()
    draft = SurveyFactory(is_published=False)
    case_type = make_case_type(code="rakennuslupa")
    old_type = make_case_type(code="vanha-lupa")
    CaseType.objects.filter(pk=old_type.pk).update(is_active=False)
    return {
        "public": [
            ("decisions:body", body.slug),
            ("decisions:body", decision.decision_maker.slug),
            ("decisions:meeting", published.pk),
            ("decisions:item", item.pk),
            ("decisions:officeholder_decision", decision.pk),
            ("participation:detail", survey.pk),
            ("cases:case_type_detail", case_type.code),
            ("decisions:index", None),
            ("decisions:search", None),
            ("participation:index", None),
            ("cases:case_types", None),
            ("cases:lookup", None),
        ],
        "hidden": [
            ("decisions:body", hidden_body.slug),
            ("decisions:item", secret.pk),
            ("decisions:meeting", announced.pk),
            ("decisions:item", announced_item.pk),
            ("decisions:officeholder_decision", secret_decision.pk),
            ("decisions:officeholder_decision", future_decision.pk),
            ("participation:detail", draft.pk),
            ("cases:case_type_detail", old_type.code),
        ],
    }


def _url(name, arg, language):
    with override(language):
        return BASE + reverse(name, args=[arg] if arg is not None else [])


def _read_sitemap(client):
    """Every <url> of every sitemap page the index lists: {loc: {hreflang: href}}."""
    response = client.get(reverse("sitemap_index"), HTTP_HOST="localhost", secure=True)
    assert response.status_code == 200
    index = etree.fromstring(response.content)
    _schema("siteindex.xsd").assertValid(index)
    schema = _schema("sitemap-with-alternates.xsd")
    urls = {}
    locations = [loc.text for loc in index.iterfind("s:sitemap/s:loc", NS)]
    for location in locations:
        assert location.startswith(BASE + "/")
        parts = urlsplit(location)
        page = client.get(
            parts.path + (f"?{parts.query}" if parts.query else ""),
            HTTP_HOST="localhost",
            secure=True,
        )
        assert page.status_code == 200, location
        tree = etree.fromstring(page.content)
        schema.assertValid(tree)
        for url in tree.iterfind("s:url", NS):
            loc = url.findtext("s:loc", namespaces=NS)
            assert loc not in urls, f"{loc} is listed twice"
            urls[loc] = {
                link.get("hreflang"): link.get("href") for link in url.iterfind("xhtml:link", NS)
            }
    return locations, urls


def test_sitemap__lists_every_public_page_and_item_in_each_language(client, world):
    _locations, urls = _read_sitemap(client)

    for name, arg in world["public"]:
        for language in LANGS:
            url = _url(name, arg, language)
            assert url in urls, f"{url} is missing"
            assert urls[url] == {
                **{code: _url(name, arg, code) for code in LANGS},
                "x-default": _url(name, arg, "fi"),
            }
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    for page in pages:
        assert BASE + page.url in urls, f"page {page.url} is missing"
    # Every listed address answers.
    for loc in urls:
        response = client.get(loc.removeprefix(BASE), secure=True)
        assert response.status_code == 200, loc


def test_sitemap__leaves_out_what_the_public_may_not_read(client, world):
    _locations, urls = _read_sitemap(client)

    for name, arg in world["hidden"]:
        for language in LANGS:
            assert _url(name, arg, language) not in urls


def test_sitemap__pages_name_their_translations(client, demo_tree):
    _locations, urls = _read_sitemap(client)

    fi, sv = (
        demo_tree.url("asuminen-ja-rakentaminen"),
        demo_tree.url("asuminen-ja-rakentaminen", "sv"),
    )
    assert urls[BASE + fi]["sv"] == BASE + sv
    assert urls[BASE + sv]["fi"] == BASE + fi
    assert urls[BASE + sv]["x-default"] == BASE + fi


def test_sitemap__is_split_into_pages_that_together_list_everything(client, world, monkeypatch):
    _locations, everything = _read_sitemap(client)
    monkeypatch.setattr(sitemaps.PortalSitemap, "limit", 4)
    monkeypatch.setattr(sitemaps.SectionsSitemap, "limit", 4)
    from cms.sitemaps import PageSitemap

    monkeypatch.setattr(PageSitemap, "limit", 10)

    locations, paged = _read_sitemap(client)

    assert any(location.endswith("?p=2") for location in locations)
    assert paged == everything


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, secure=True).status_code == 200
    return len(queries)


def test_sitemap__query_counts_do_not_grow_with_data(client, world):
    body = BodyFactory(slug="lautakunta")
    urls = [
        reverse("sitemap_index"),
        reverse("sitemap_section", kwargs={"section": "agenda-items"}),
        reverse("sitemap_section", kwargs={"section": "pages"}),
        reverse("sitemap_section", kwargs={"section": "bodies"}),
    ]
    for url in urls:  # Wagtail caches its site root paths on the first request
        client.get(url, secure=True)
    before = {url: _queries(client, url) for url in urls}
    for number in range(3, 13):
        meeting = MeetingFactory(body=body, number=number)
        services.meeting_schedule_agenda(
            meeting=meeting, publish_at=timezone.now() - datetime.timedelta(hours=1)
        )
        AgendaItemFactory(meeting=meeting, order=1)
        BodyFactory(slug=f"jaosto-{number}")

    after = {url: _queries(client, url) for url in urls}

    assert after == before
    assert max(after.values()) <= 15


def test_sitemap__unknown_section_or_page_is_not_found(client, db):
    missing = reverse("sitemap_section", kwargs={"section": "nothing"})
    page = reverse("sitemap_section", kwargs={"section": "bodies"}) + "?p=99"

    assert client.get(missing, secure=True).status_code == 404
    assert client.get(page, secure=True).status_code == 404
