"""Every page type renders in fi, sv and en, with its language, menus and footer; the home page's
latest news read a few rows however many news pages there are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms import models
from tests.explain import rows_read, table_columns

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
# The news page is copied in SQL (a city's portal has thousands), each copy a day older than the
# last, and the home page's latest-news query is explained at 300 and at 3 000 copies.

NEWS_HOME = "/fi/"
# Paths of the copies: the news index's path and four hex digits from 1000 on, above the demo's
# own children (treebeard's alphabet holds the hex digits).
FIRST_COPY = 0x1000


def _grow_news(news, copies: int, have: int) -> None:
    """Copy the news page until there are `copies` copies, each a day older than the last."""
    page_columns = table_columns("wagtailcore_page", without=("id",))
    shifted = {
        "path": "parent.path || lpad(upper(to_hex(%(first)s + n)), 4, '0')",
        "translation_key": "gen_random_uuid()",
        "slug": "p.slug || '-' || n",
        "url_path": "p.url_path || n || '/'",
        "numchild": "0",
    }
    names = ", ".join(f'"{c}"' for c in page_columns)
    values = ", ".join(shifted.get(c, f'p."{c}"') for c in page_columns)
    news_columns = table_columns("cms_newspage", without=("page_ptr_id",))
    news_names = ", ".join(f'"{c}"' for c in news_columns)
    news_values = ", ".join(
        "np.date - copies.n" if c == "date" else f'np."{c}"' for c in news_columns
    )
    # Only the tables' own column names are put into the text, quoted.
    sql = f"""
        WITH copies AS (
            INSERT INTO wagtailcore_page ({names})
            SELECT {values}
            FROM wagtailcore_page p, wagtailcore_page parent, generate_series(%(low)s, %(high)s) n
            WHERE p.id = %(page)s AND parent.path = substring(p.path, 1, p.depth * 4 - 4)
            RETURNING id, (('x' || lpad(right(path, 4), 8, '0'))::bit(32)::int - %(first)s) AS n
        )
        INSERT INTO cms_newspage (page_ptr_id, {news_names})
        SELECT copies.id, {news_values} FROM copies, cms_newspage np WHERE np.page_ptr_id = %(page)s
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, {"low": have + 1, "high": copies, "page": news.pk, "first": FIRST_COPY})
        cursor.execute("ANALYZE wagtailcore_page")
        cursor.execute("ANALYZE cms_newspage")


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

    _grow_news(news, 300, 0)
    at_300, page = _latest_news_rows(client)
    _grow_news(news, 3000, 300)
    at_3000, _ = _latest_news_rows(client)

    assert news.title in page
    assert models.NewsPage.objects.count() > 3000
    assert at_3000 == at_300
    assert at_300 < 50
