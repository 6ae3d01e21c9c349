"""The finance figures API filtered by year walks the (year, id) index: a page reads a page of
rows however many rows other years have (EXPLAIN ANALYZE at two sizes)."""

import datetime

import pytest
from django.db import connection

from finance.models import FiscalYear
from finance.services import report_publish, report_save
from tests.explain import api_page_rows_read
from tests.finance.exports import import_sample

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the plans are PostgreSQL's: set DATABASE_URL=postgres://… to run them",
    ),
]

TABLE = "finance_figure"


def _publish_budget(year: int) -> None:
    report_publish(
        report=report_save(year=FiscalYear.objects.get(year=year), kind="budget"),
        published_on=datetime.date(year - 1, 12, 10),
    )


def _grow_year(year_id: int, total: int) -> None:
    """Copies of a year's rows (accounts renumbered) until it has at least `total` rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE} WHERE year_id = %s", [year_id])  # noqa: S608
        have = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {TABLE} (year_id, node_id, account, line, part, period, budget,"  # noqa: S608
            " actual, source_id) SELECT year_id, node_id, (10000 + %s + n)::text, line, part,"
            f" period, budget, actual, source_id FROM {TABLE}, generate_series(1, %s) AS n"
            " WHERE year_id = %s AND account = '4000' AND node_id = ("
            f"  SELECT min(node_id) FROM {TABLE} WHERE year_id = %s AND account = '4000')",
            [have, (total - have) // 12 + 1, year_id, year_id],
        )
        cursor.execute(f"ANALYZE {TABLE}")


def test_figures_api__a_year_reads_a_page_at_2000_and_20000_rows_of_another_year(client):
    import_sample(year=2025, periods=range(1, 13))
    import_sample(year=2026, periods=range(1, 13))
    _publish_budget(2025)
    _publish_budget(2026)
    listed, other = (FiscalYear.objects.get(year=year).pk for year in (2026, 2025))
    _grow_year(listed, 2000)
    # The listed year's rows last in id order, after every row of the other year: a walk of the
    # primary key filtered by year would read the other year's rows first.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET id = id + 1000000000 WHERE year_id = %s", [listed])  # noqa: S608
    url = "/api/v1/finance/figures/?year=2026"

    _grow_year(other, 2000)
    small = api_page_rows_read(client, url, TABLE)
    _grow_year(other, 20000)
    large = api_page_rows_read(client, url, TABLE)

    assert large == small, (small, large)
    assert sum(large) <= 60, large
