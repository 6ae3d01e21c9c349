"""Building blocks of the benchmark's data sets (`manage.py generate_scale`).

Each app writes its own rows (`<app>/scale.py`, a `generate(plan, stdout)` function); this module
holds what they share: the sizes of the data sets (QUALITY.md, Performance), the chunked and
resumable loop with its progress line, bulk writes with PostgreSQL's COPY, and id blocks.

The data is written directly, not through the services, because a million cases through the
services would take days; what is written is what the services would have produced (derived
fields, counters, search vectors), and each app's generator says how it keeps to that.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction

# The data sets of QUALITY.md (Performance); `tiny` is for the tests.
SIZES: dict[str, dict[str, int]] = {
    "tiny": {
        "cases": 120,
        "events": 1_200,
        "agenda_items": 150,
        "officeholder_decisions": 150,
        "responses": 600,
        "budget_rows": 3_000,
        "key_figure_values": 2_000,
        "pages": 6,
        "maturity_rounds": 4,
    },
    "small": {
        "cases": 10_000,
        "events": 100_000,
        "agenda_items": 20_000,
        "officeholder_decisions": 20_000,
        "responses": 100_000,
        "budget_rows": 100_000,
        "key_figure_values": 200_000,
        "pages": 200,
        "maturity_rounds": 40,
    },
    "city": {
        "cases": 1_000_000,
        "events": 10_000_000,
        "agenda_items": 200_000,
        "officeholder_decisions": 300_000,
        "responses": 1_000_000,
        "budget_rows": 1_000_000,
        "key_figure_values": 5_000_000,
        "pages": 5_000,
        "maturity_rounds": 300,
    },
}


@dataclass
class Plan:
    """What one run generates: the data set's name and its row counts."""

    size: str
    counts: dict[str, int]
    seed: int = 16

    def rng(self, *key) -> random.Random:
        """A random generator for one chunk: the same chunk gets the same rows on every run."""
        return random.Random(":".join(str(part) for part in (self.seed, *key)))  # noqa: S311


class Progress:
    """A progress line per step: rows done of the total, the rate, and the time left."""

    def __init__(self, stdout, label: str, total: int, done: int = 0):
        self.stdout = stdout
        self.label = label
        self.total = total
        self.start_done = done
        self.done = done
        self.started = time.monotonic()
        self.tty = bool(getattr(getattr(stdout, "_out", stdout), "isatty", lambda: False)())
        self.shown = 0.0

    def update(self, done: int, *, rows: int | None = None) -> None:
        self.done = done
        now = time.monotonic()
        if self.tty and now - self.shown < 0.5 and done < self.total:
            return
        self.shown = now
        self.stdout.write(self.line(rows), ending="\r" if self.tty and done < self.total else "\n")
        if self.tty:
            sys.stdout.flush()

    def line(self, rows: int | None = None) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = (self.done - self.start_done) / elapsed
        share = self.done / self.total if self.total else 1.0
        width = 24
        bar = "#" * round(share * width)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        extra = f", {rows:_} rows written" if rows is not None else ""
        return (
            f"  {self.label:<26} [{bar:<{width}}] {self.done:>10_}/{self.total:_} "
            f"{rate:>9_.0f}/s, {elapsed:6.1f} s, ~{left:5.0f} s left{extra}"
        ).replace("_", " ")


def chunks(
    stdout,
    label: str,
    *,
    total: int,
    done: int,
    size: int,
    write: Callable[[int, int], int | None],
) -> int:
    """Call write(start, end) for each chunk of [done, total) in its own transaction.

    A chunk is committed as a whole, so the next run counts what is there and continues after
    the last complete chunk. Returns the number of items written now.
    """
    progress = Progress(stdout, label, total, done)
    if done >= total:
        progress.update(done)
        return 0
    rows = 0
    for start in range(done, total, size):
        end = min(total, start + size)
        with transaction.atomic():
            rows += write(start, end) or 0
        progress.update(end, rows=rows or None)
    return total - done


def copy_rows(table: str, columns: Iterable[str], rows: Iterable[tuple]) -> int:
    """Write rows with COPY … FROM STDIN; returns their number."""
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        sql = f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN"
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def reserve_ids(model, count: int) -> int:
    """The first of `count` consecutive ids taken from the model's sequence for rows to COPY."""
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), column]
        )
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        if count > 1:
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def analyse(*models) -> None:
    """Refresh the planner's statistics after a bulk load."""
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


@contextmanager
def bulk_session() -> Iterator[None]:
    """Settings of the generator's database session for bulk loading, reset afterwards.

    A chunk's commit need not wait for the disk (a crash loses at most the last chunks, which
    the next run writes again), and index builds may sort in memory.
    """
    settings = {"synchronous_commit": "off", "maintenance_work_mem": "512MB"}
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute(f"SET {name} TO %s", [value])
        # The rows refer only to rows that exist (the generators take their ids), so the
        # foreign-key checks, a query per reference, are skipped as pg_restore's
        # --disable-triggers skips them; only a superuser may, others check as usual.
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            settings["session_replication_role"] = "replica"
            cursor.execute("SET session_replication_role TO replica")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for name in settings:
                cursor.execute(f"RESET {name}")


def _plain_indexes(model) -> dict[str, str]:
    """The model's indexes that are no constraint (no primary key, no unique): name → SQL.

    Django's own statements, from the model's fields (db_index, foreign keys and PostgreSQL's
    LIKE indexes) and Meta.indexes, so they can be built again from the model whatever is in
    the database; indexes made some other way are never touched.
    """
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        statements = editor._model_indexes_sql(model)
    return {str(statement.parts["name"]).strip('"'): str(statement) for statement in statements}


def _existing_indexes(model) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = %s",
            [model._meta.db_table],
        )
        return {row[0] for row in cursor.fetchall()}


def _check_pending_constraints() -> None:
    # Inside an outer transaction (the tests), PostgreSQL changes no index of a table whose
    # deferred foreign-key checks are pending: run them now, and defer the later ones again.
    if connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def indexes_build(*models, stdout=None) -> None:
    """Build the models' plain indexes that are missing (after a load, or an interrupted one)."""
    _check_pending_constraints()
    for model in models:
        missing = {
            name: sql
            for name, sql in _plain_indexes(model).items()
            if name not in _existing_indexes(model)
        }
        started = time.monotonic()
        with connection.cursor() as cursor:
            for sql in missing.values():
                cursor.execute(sql)
        if missing and stdout is not None:
            stdout.write(
                f"  {len(missing)} indexes of {model._meta.db_table} built in "
                f"{time.monotonic() - started:.1f} s"
            )


@contextmanager
def indexes_deferred(*models, stdout=None, load: bool = True) -> Iterator[None]:
    """Load the models' rows without maintaining their plain indexes, then build them at once.

    Inserting millions of rows into a table with several indexes costs far more than building
    the indexes afterwards (as pg_restore does). The primary keys and unique constraints stay,
    so foreign keys and the resumable counts still work while loading. The indexes are built
    again when the block ends, and at the start of a run when an earlier run was interrupted,
    so that a finished run always leaves every index of the models in place. With `load`
    false (nothing left to write) the indexes are only checked.
    """
    indexes_build(*models, stdout=stdout)
    if load:
        _check_pending_constraints()
        with connection.cursor() as cursor:
            for model in models:
                for name in _plain_indexes(model):
                    cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")
    yield
    indexes_build(*models, stdout=stdout)
