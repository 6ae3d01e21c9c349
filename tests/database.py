"""One migrated PostgreSQL database per test run, copied for every database the run creates.

Migrating an empty database takes about 25 s of CPU. A run creates three: a test database for
each of the two pytest-xdist workers, and the browser tests' demo (tests/e2e/conftest.py). The
process that starts the run migrates one template database in the background while the workers
collect the tests; each of them then creates its database as a copy of it (`CREATE DATABASE …
TEMPLATE`, a fraction of a second), and Django's own `migrate` of the copy finds nothing left to
apply.

If the template cannot be built, every database is created and migrated as before, and the run
says why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
# "<template database name>:<file that says how building it went>", for the workers.
ENVIRONMENT_KEY = "PORTAL_TEST_TEMPLATE_DATABASE"
READY = "ready"
MIGRATE_TIMEOUT_SECONDS = 600

_build: dict = {}


def is_postgres(url: str) -> bool:
    return urlsplit(url).scheme in {"postgres", "postgresql", "pgsql", "postgis"}


def with_database(url: str, name: str) -> str:
    """`url` with its database name replaced by `name`."""
    parts = urlsplit(url)
    scheme = "postgresql" if parts.scheme in {"postgres", "pgsql", "postgis"} else parts.scheme
    return urlunsplit(parts._replace(scheme=scheme, path=f"/{name}"))


def recreate_postgres_database(
    url: str, name: str, *, create: bool = True, template: str | None = None
) -> None:
    """Drop the database `name` on the server of `url`, and create it anew (from `template`)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        conn.execute(drop.format(sql.Identifier(name)))
        if create and template:
            command = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
            conn.execute(command.format(sql.Identifier(name), sql.Identifier(template)))
        elif create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_postgres_database(url: str, name: str) -> None:
    recreate_postgres_database(url, name, create=False)


def start_building_the_template(config) -> None:
    """In the process that starts the run: migrate the run's template database in the background."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    url = os.environ.get("DATABASE_URL", "")
    if (
        database["ENGINE"] != "django.db.backends.postgresql"
        or not is_postgres(url)
        or config.option.collectonly
        or config.getoption("reuse_db", default=False)
    ):
        return
    name = f"test_{database['NAME']}_migrated"
    outcome = Path(tempfile.mkdtemp(prefix="portal-template-")) / "outcome"
    os.environ[ENVIRONMENT_KEY] = f"{name}:{outcome}"
    env = {**os.environ, "DATABASE_URL": with_database(url, name)}
    # The settings refuse to start without these; `make test` passes them, a bare pytest may not.
    env.setdefault("SECRET_KEY", "test-secret-key-not-for-production")
    env.setdefault("PORTAL_BASE_URL", settings.PORTAL_BASE_URL)
    env.pop("DEBUG", None)

    def build() -> None:
        try:
            recreate_postgres_database(url, name)
            process = subprocess.Popen(
                # --run-syncdb as Django's test database creation does.
                [sys.executable, "manage.py", "migrate", "--noinput", "--run-syncdb", "-v0"],
                cwd=REPO,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            _build["process"] = process
            try:
                output, _ = process.communicate(timeout=MIGRATE_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()
                raise
            if process.returncode != 0:
                raise RuntimeError(f"migrate exited with {process.returncode}: {output[-2000:]}")
            text = READY
        except Exception as error:  # noqa: BLE001 - reported to every process that waits for it
            text = f"{type(error).__name__}: {error}"
        # Written whole under another name, then renamed: a waiting process that sees the file
        # reads all of it.
        written = outcome.with_suffix(".partial")
        written.write_text(text)
        written.rename(outcome)

    thread = threading.Thread(target=build, name="template-database", daemon=True)
    _build.update(thread=thread, url=url, name=name, folder=outcome.parent)
    thread.start()


def migrated_template() -> str | None:
    """The run's migrated template database, once it is built; None if there is none."""
    value = os.environ.get(ENVIRONMENT_KEY)
    if not value:
        return None
    name, outcome_path = value.split(":", 1)
    outcome = Path(outcome_path)
    deadline = time.monotonic() + MIGRATE_TIMEOUT_SECONDS
    # The build writes its outcome when it ends, whichever way.
    while not outcome.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    text = outcome.read_text() if outcome.exists() else "not built in time"
    if text != READY:
        warnings.warn(
            f"the migrated template database {name} is not there ({text}); each test database "
            "is migrated instead",
            stacklevel=2,
        )
        return None
    return name


def drop_the_template() -> None:
    """At the end of the run, in the process that started it."""
    thread = _build.get("thread")
    if thread is None:
        return
    process = _build.get("process")
    if process is not None and process.poll() is None:
        process.terminate()
    thread.join(timeout=30)
    drop_postgres_database(_build["url"], _build["name"])
    shutil.rmtree(_build["folder"], ignore_errors=True)
