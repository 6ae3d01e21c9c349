"""Every page type renders in fi, sv and en, with its language, menus and footer; the home page's
latest news read a few rows however many news pages there are."""

import io
import re

import pytest
from django.core.management.base import OutputWrapper
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import models
from cms import scale as cms_scale
from portal.scale import Plan
from tests.explain import rows_read

LANGUAGES = ("fi", "sv", "en")

# One demo page of every page type, by its Finnish slug.
PAGE_OF_TYPE = {
    models.HomePage: "rantala",
    models.StandardPage: "asuminen-ja-rakentaminen",
    models.TopicPage: "kasvatus-ja-koulutus",
    models.NewsIndexPage: "uutiset",
    models.NewsPage: "kirjaston-aukioloajat-laajenevat",
    models.AccessibilityStatementPage: "saavutettavuusseloste",
    models.ContactPage: "yhteystiedot",
}


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _nav(html: str, css_class: str) -> str:
    match = re.search(rf'<nav class="{css_class}".*?</nav>', html, re.S)
    assert match, f"no <nav class={css_class}>"
    return match.group(0)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", list(PAGE_OF_TYPE), ids=lambda cls: cls.__name__)
def test_page_types__render_in_every_language(client, demo_tree, page_type, language):
    page = demo_tree.page(PAGE_OF_TYPE[page_type], language)
    assert isinstance(page, page_type)

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert html.count("<h1") == 1
    assert page.title in _main(html)


def test_standard_page__renders_accordion_table_and_call_to_action(client, demo_tree):
    html = client.get(demo_tree.url("varhaiskasvatus", "sv")).content.decode()

    assert "<details" in html and "<summary" in html
    assert "<caption>Avgifter för småbarnspedagogik 2026</caption>" in html
    assert '<th scope="col">Tid i småbarnspedagogik</th>' in html
    # The call to action leads to the Swedish contact page, not the Finnish one.
    assert f'class="cta__link" href="{demo_tree.url("yhteystiedot", "sv")}"' in html


def test_home_page__lists_latest_news_of_its_language(client, demo_tree):
    html = client.get("/sv/").content.decode()

    assert "Bibliotekets öppettider utvidgas i december" in html
    assert "Kirjaston aukioloajat laajenevat" not in html


@pytest.mark.parametrize(
    ("language", "expected", "other"),
    [
        ("fi", "Asuminen ja rakentaminen", "Boende och byggande"),
        ("sv", "Boende och byggande", "Asuminen ja rakentaminen"),
        ("en", "Housing and building", "Boende och byggande"),
    ],
)
def test_main_menu__shows_the_items_of_the_current_language(
    client, demo_tree, language, expected, other
):
    html = client.get(f"/{language}/").content.decode()

    menu = _nav(html, "main-menu")
    assert f'href="{demo_tree.url("asuminen-ja-rakentaminen", language)}"' in menu
    assert expected in menu
    assert other not in menu


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer__links_to_the_accessibility_statement_of_the_language(client, demo_tree, language):
    statement = demo_tree.page("saavutettavuusseloste", language)

    html = client.get(demo_tree.url("uutiset", language)).content.decode()

    footer = _nav(html, "footer-nav")
    assert f'href="{statement.url}"' in footer
    assert statement.title in footer
    assert "kirjaamo@rantala.example.fi" in html


def test_footer__keeps_the_accessibility_statement_when_editors_drop_it(client, demo_tree):
    statement = demo_tree.page("saavutettavuusseloste", "sv")
    models.FooterLink.objects.filter(link_page=statement).delete()

    html = client.get("/sv/").content.decode()

    assert f'href="{statement.url}"' in _nav(html, "footer-nav")


def test_home_page__query_count_is_bounded(
    client, demo_tree, django_assert_max_num_queries, settings
):
    # What rendering the page costs: the page cache would answer the second visit without it.
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/fi/")  # caches of the site root paths and content types fill on first use

    with django_assert_max_num_queries(15):
        response = client.get("/fi/")

    assert response.status_code == 200


def test_main_menu__shows_a_renamed_page_at_once_although_menus_are_cached(client, demo_tree):
    client.get("/fi/")  # fills the cache
    page = demo_tree.page("asuminen-ja-rakentaminen")
    page.title = "Asuminen, rakentaminen ja ympäristö"
    page.save_revision().publish()

    menu = _nav(client.get("/fi/").content.decode(), "main-menu")

    # The menu item has no label of its own, so it shows the page's new title.
    assert "Asuminen, rakentaminen ja ympäristö" in menu


def test_main_menu__drops_an_unpublished_page_at_once(client, demo_tree):
    client.get("/fi/")
    page = demo_tree.page("asuminen-ja-rakentaminen")
    url = page.url
    page.unpublish()

    menu = _nav(client.get("/fi/").content.decode(), "main-menu")

    assert f'href="{url}"' not in menu


def test_main_menu__marks_the_current_page(client, demo_tree):
    url = demo_tree.url("asuminen-ja-rakentaminen")
    client.get("/fi/")

    menu = _nav(client.get(url).content.decode(), "main-menu")

    assert f'<a href="{url}" aria-current="page">' in menu


# --- The latest news read a few rows however many news pages there are ----------------------
# News pages are written as `generate_scale` writes a city's (cms/scale.py), each item in fi, sv
# and en and dated before the demo's own news, and the home page's latest-news query is
# explained at 300 and at 3 000 news pages.

NEWS_HOME = "/fi/"


def _grow_news(items: int) -> None:
    """Write archived news until there are `items` of them in each language."""
    cms_scale.generate(Plan(size="test", counts={"pages": items}), OutputWrapper(io.StringIO()))


def _latest_news_rows(client) -> tuple[int, str]:
    client.get(NEWS_HOME)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(NEWS_HOME)
    assert response.status_code == 200
    [query] = [
        q["sql"]
        for q in captured.captured_queries
        if '"cms_newspage"."date" DESC' in q["sql"] and "LIMIT 3" in q["sql"]
    ]
    return rows_read(query), response.text


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the plans are PostgreSQL's: set DATABASE_URL=postgres://… to run them",
)
def test_home_page__the_latest_news_read_the_same_rows_at_300_and_3000_news_pages(
    demo_tree, client, settings
):
    # What rendering the page reads: the page cache would answer the second visit.
    settings.PAGE_CACHE_SECONDS = 0
    news = (
        models.NewsPage.objects.live().filter(locale__language_code="fi").order_by("-date").first()
    )

    _grow_news(100)
    at_300, page = _latest_news_rows(client)
    _grow_news(1000)
    at_3000, _ = _latest_news_rows(client)

    assert news.title in page
    assert models.NewsPage.objects.count() > 3000
    assert at_3000 == at_300
    assert at_300 < 50
