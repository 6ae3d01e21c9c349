"""How many table rows a query reads, from PostgreSQL's EXPLAIN ANALYZE: for the tests that
show a page's work stays the same as the data grows."""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

SCANS = {
    "Seq Scan",
    "Index Scan",
    "Index Only Scan",
    "Bitmap Heap Scan",
    "Tid Scan",
    "Tid Range Scan",
}


def rows_read(sql: str) -> int:
    """Rows the query's table scans return or discard by a filter, over all their loops."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return _count(plan[0]["Plan"])


def _count(node: dict) -> int:
    total = 0
    if node["Node Type"] in SCANS:
        loops = node.get("Actual Loops", 1)
        removed = node.get("Rows Removed by Filter", 0) + node.get(
            "Rows Removed by Index Recheck", 0
        )
        total += (node.get("Actual Rows", 0) + removed) * loops
    for child in node.get("Plans", ()):
        total += _count(child)
    return total


def rows_read_by(queries) -> list[int]:
    """Rows read by each SELECT of a CaptureQueriesContext's queries, in order."""
    return [
        rows_read(query["sql"])
        for query in queries
        if query["sql"].lstrip().upper().startswith("SELECT")
    ]


def api_page_rows_read(client, url: str, table: str) -> list[int]:
    """Rows read from `table` by each SELECT of an API list's full page (50), asked twice so that
    the second request's queries are the steady ones."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.json()["results"]) == 50
    return [
        rows_read(query["sql"])
        for query in queries
        if query["sql"].startswith("SELECT") and table in query["sql"]
    ]


def table_columns(table: str, *, without: tuple[str, ...] = ()) -> list[str]:
    """The table's column names in their order, less `without`: for the tests that copy rows in
    SQL to grow a table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
            " ORDER BY ordinal_position",
            [table],
        )
        return [row[0] for row in cursor.fetchall() if row[0] not in without]
