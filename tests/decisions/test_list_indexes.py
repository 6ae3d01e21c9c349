"""The API lists filtered as harvesters filter them walk an index in the list's own order: a page
reads a page of rows however many rows the filter matches (EXPLAIN ANALYZE at two sizes)."""

import pytest
from django.db import connection

from tests.explain import api_page_rows_read

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the plans are PostgreSQL's: set DATABASE_URL=postgres://… to run them",
)

TABLE = "decisions_officeholderdecision"


def _copy(decision, total: int) -> None:
    """Copies of the decision (sections shifted) until its maker has `total` decisions."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
            [TABLE],
        )
        columns = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            f"SELECT count(*) FROM {TABLE} WHERE decision_maker_id = %s",  # noqa: S608
            [decision.decision_maker_id],
        )
        have = cursor.fetchone()[0]
        names = ", ".join(f'"{column}"' for column in columns)
        values = ", ".join("section + n" if c == "section" else f'"{c}"' for c in columns)
        cursor.execute(
            f"INSERT INTO {TABLE} ({names}) SELECT {values} FROM {TABLE},"  # noqa: S608
            " generate_series(%s, %s) AS n WHERE id = %s",
            [have, total - 1, decision.pk],
        )
        cursor.execute(f"ANALYZE {TABLE}")


def test_list_indexes__one_decision_makers_decisions_read_a_page_at_2000_and_20000(
    client, officeholder_decision_factory
):
    # The other maker's decisions come first in (modified, id): a walk of the whole list's
    # order would read them all before this maker's first page.
    other = officeholder_decision_factory()
    mine = officeholder_decision_factory()
    url = f"/api/v1/officeholder-decisions/?body={mine.decision_maker_id}"

    _copy(mine, 2000)
    _copy(other, 10000)
    small = api_page_rows_read(client, url, TABLE)
    _copy(mine, 20000)
    _copy(other, 40000)
    large = api_page_rows_read(client, url, TABLE)

    # (decision_maker, modified, id): the page's rows and the one after, not all 20 000.
    assert large == small, (small, large)
    assert sum(large) <= 60, large
