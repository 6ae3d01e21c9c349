"""The home page's latest news reads a few rows however many news pages the site has.

The news pages are copied in SQL (a city's portal has thousands), each dated a day earlier than
the last, and the home page's latest-news query is explained at 300 and at 3 000 copies.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.explain import rows_read

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the plans are PostgreSQL's: set DATABASE_URL=postgres://… to run them",
)

HOME = "/fi/"
# Paths of the copies: the news index's path and four hex digits from 1000 on, above the demo's
# own children (treebeard's alphabet holds the hex digits).
FIRST_COPY = 0x1000


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
            " ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in cursor.fetchall()]


def _grow(news, copies: int, have: int) -> None:
    """Copy the news page until there are `copies` copies, each a day older than the last."""
    page_columns = [c for c in _columns("wagtailcore_page") if c != "id"]
    shifted = {
        "path": "parent.path || lpad(upper(to_hex(%(first)s + n)), 4, '0')",
        "translation_key": "gen_random_uuid()",
        "slug": "p.slug || '-' || n",
        "url_path": "p.url_path || n || '/'",
        "numchild": "0",
    }
    names = ", ".join(f'"{c}"' for c in page_columns)
    values = ", ".join(shifted.get(c, f'p."{c}"') for c in page_columns)
    news_columns = [c for c in _columns("cms_newspage") if c != "page_ptr_id"]
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
    client.get(HOME)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(HOME)
    assert response.status_code == 200
    [query] = [
        q["sql"]
        for q in captured.captured_queries
        if '"cms_newspage"."date" DESC' in q["sql"] and "LIMIT 3" in q["sql"]
    ]
    return rows_read(query), response.text


def test_home_page__the_latest_news_read_the_same_rows_at_300_and_3000_news_pages(
    demo_tree, client, settings
):
    # What rendering the page reads: the page cache would answer the second visit.
    settings.PAGE_CACHE_SECONDS = 0
    from cms.models import NewsPage

    news = NewsPage.objects.live().filter(locale__language_code="fi").order_by("-date").first()

    _grow(news, 300, 0)
    at_300, page = _latest_news_rows(client)
    _grow(news, 3000, 300)
    at_3000, _ = _latest_news_rows(client)

    assert news.title in page
    assert NewsPage.objects.count() > 3000
    assert at_3000 == at_300
    assert at_300 < 50
