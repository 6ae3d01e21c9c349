"""Browser tests: the real portal served by gunicorn on a database of its own, driven by Chromium.

One server per test session. It runs with production settings (DEBUG off, collected and hashed
static files served by WhiteNoise) on a fresh database holding the demo municipality.
"""

import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.database import (
    drop_postgres_database,
    is_postgres,
    migrated_template,
    recreate_postgres_database,
    with_database,
)
from tests.e2e.crawl import INVENTORY_SCRIPT, Inventory

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Known to the tests so that they can sign in as the demo accounts.
DEMO_PASSWORD = "E2e-demo-Password-4711"
STARTUP_TIMEOUT_SECONDS = 60
COMMAND_TIMEOUT_SECONDS = 600
WORKER_TIMEOUT_SECONDS = 180
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}

# Lists every live page of each page type, by language, so that tests can visit each type, and
# under "with accordion" the first page whose body has an accordion.
PAGES_SCRIPT = """
import json
from wagtail.models import Page
found = {}
pages = Page.objects.live().public().filter(depth__gt=1).order_by("path").specific()
for page in pages:
    url = page.get_url()
    if url:
        kinds = [type(page).__name__]
        blocks = getattr(page, "body", None) or []
        if any(getattr(block, "block_type", None) == "accordion" for block in blocks):
            kinds.append("with accordion")
        for kind in kinds:
            found.setdefault(kind, {}).setdefault(page.locale.language_code, url)
print("PAGES=" + json.dumps(found))
"""
ACCOUNT_LINE = re.compile(r"^\s+(?P<role>\S.*?)\s{2,}(?P<email>\S+@\S+)\s{2,}(?P<password>\S+)\s*$")


@dataclass
class DemoAccount:
    role: str
    email: str
    password: str


@dataclass
class PortalServer:
    url: str
    log_path: Path
    accounts: list[DemoAccount] = field(default_factory=list)
    # Page type name (e.g. "StandardPage") -> language code -> path.
    pages: dict[str, dict[str, str]] = field(default_factory=dict)
    # Every live page and missing translation, for the accessibility crawl.
    inventory: Inventory = field(default_factory=Inventory)
    # The server's environment, for management commands against its database.
    env: dict[str, str] = field(default_factory=dict, repr=False)

    def manage(self, *args: str) -> str:
        """Run a management command of the portal against the server's database."""
        return _manage(self.env, *args)

    def account(self, role: str) -> DemoAccount:
        """The first demo account whose role mentions `role`."""
        for account in self.accounts:
            if role.lower() in account.role.lower():
                return account
        pytest.fail(
            f"load_demo created no demo account with the role {role!r}; it printed: "
            f"{[(a.role, a.email) for a in self.accounts]}"
        )

    def page_path(self, page_type: str, language: str) -> str:
        """The path of a live page of the given type in the given language."""
        path = self.pages.get(page_type, {}).get(language)
        if path is None:
            pytest.fail(
                f"the demo has no live {page_type} in {language!r}; it has: "
                f"{json.dumps(self.pages, indent=1)}"
            )
        return urlsplit(path).path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict[str, str], *args: str) -> str:
    """Run a management command of the portal and return what it printed."""
    result = subprocess.run(  # noqa: S603 - a fixed command of this repository
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} exited with {result.returncode}:\n"
            f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}",
            pytrace=False,
        )
    return result.stdout


def _parse_accounts(output: str) -> list[DemoAccount]:
    lines = output.split("Demo accounts:", 1)[-1].splitlines() if "Demo accounts:" in output else []
    accounts = []
    for line in lines:
        match = ACCOUNT_LINE.match(line)
        if match:
            accounts.append(DemoAccount(**match.groupdict()))
    return accounts


def _wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    last_error = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the portal server exited with {process.returncode} before answering:\n"
                f"{log_path.read_text()[-4000:]}",
                pytrace=False,
            )
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
                last_error = f"HTTP {response.status}"
        except urllib.error.HTTPError as exc:
            last_error = f"HTTP {exc.code}"
        except OSError as exc:
            last_error = str(exc)
        # Polling with a deadline: the server answers as soon as its workers have booted.
        time.sleep(0.2)
    pytest.fail(
        f"the portal server did not answer /healthz within {STARTUP_TIMEOUT_SECONDS} s "
        f"({last_error}):\n{log_path.read_text()[-4000:]}",
        pytrace=False,
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def _run_folder(tmp_path_factory) -> Path:
    """A folder of this test run that every pytest-xdist worker of the run sees."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Hold a lock shared by the processes of this test run (pytest-xdist's workers)."""
    with lock_path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def demo_database_name(database_url: str) -> str:
    """The database that the demo is loaded into once per run, copied for each server."""
    return f"{urlsplit(database_url).path.lstrip('/') or 'portal'}_e2e"


def _demo_once(shared: Path, env: dict[str, str], database_url: str) -> dict:
    """Collect the static files, migrate and load the demo once per test run.

    The first worker to get here does it; the others wait for it and copy its database (a
    PostgreSQL template, or the SQLite file), so that each server has a demo of its own.
    Return what load_demo and the page inventory printed.
    """
    state_path = shared / "demo.json"
    if state_path.exists():
        return json.loads(state_path.read_text())
    # WhiteNoise serves only collected files when DEBUG is off, and the manifest storage needs
    # the manifest before the first page renders.
    _manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    if is_postgres(database_url):
        # A copy of the run's migrated database, if there is one (tests/database.py): the
        # migrate below then has nothing left to apply.
        recreate_postgres_database(
            database_url, urlsplit(database_url).path.lstrip("/"), template=migrated_template()
        )
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    state = {
        "load_demo": _manage(env, "load_demo"),
        "inventory": _manage(env, "shell", "--no-imports", "-c", PAGES_SCRIPT + INVENTORY_SCRIPT),
    }
    state_path.write_text(json.dumps(state))
    return state


def _shared_folder(tmp_path_factory) -> Path:
    shared = _run_folder(tmp_path_factory) / "portal_e2e_shared"
    shared.mkdir(exist_ok=True)
    return shared


def _demo_database_urls() -> tuple[str, str]:
    """The configured database URL and the URL of the demo database copied for each server."""
    configured_url = os.environ.get("DATABASE_URL", "")
    if is_postgres(configured_url):
        return configured_url, with_database(configured_url, demo_database_name(configured_url))
    return configured_url, ""


def _server_env(shared: Path) -> dict[str, str]:
    """The environment of the run's servers and of the commands that build their demo."""
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        # Shared by the servers of the run: they serve copies of one demo and its files.
        STATIC_ROOT=str(shared / "static"),
        MEDIA_ROOT=str(shared / "media"),
        PRIVATE_MEDIA_ROOT=str(shared / "private"),
        DEMO_PASSWORD=DEMO_PASSWORD,
        PYTHONUNBUFFERED="1",
    )
    return env


def _build_demo(shared: Path) -> dict:
    """The run's demo database and what building it printed, built once (see `_demo_once`)."""
    from django.conf import settings

    _configured_url, demo_url = _demo_database_urls()
    demo_url = demo_url or f"sqlite:///{shared / 'e2e.sqlite3'}"
    env = _server_env(shared)
    with _exclusive(shared / "demo.lock"):
        secret_path = shared / "secret_key"
        if not secret_path.exists():
            secret_path.write_text(secrets.token_urlsafe(50))
        env.update(
            SECRET_KEY=secret_path.read_text(),
            DATABASE_URL=demo_url,
            # What the demo's own mail and links say; each server serves on an address of its own.
            PORTAL_BASE_URL="http://127.0.0.1",
            EMAIL_FILE_PATH=str(shared / "demo_mail"),
            # Cache keys of its own: it is built while this worker's other tests run, and every
            # page it publishes would empty their page cache (its prefix is this worker's).
            CACHE_KEY_PREFIX=f"{settings.CACHE_KEY_PREFIX}-e2e-demo",
        )
        return _demo_once(shared, env, demo_url)


# The demo built in the background while the other tests run (see `start_building_the_demo`).
_background: dict = {}


def start_building_the_demo(config) -> None:
    """Start building the run's demo as soon as the tests are collected, if browser tests will run.

    Loading the demo takes most of a minute; built in the background it is ready when the browser
    tests start, instead of holding every worker until it is. Each worker starts it; the first to
    take the lock builds and the others find it built.
    """
    shared = _shared_folder(config._tmp_path_factory)

    def build() -> None:
        try:
            _background["state"] = _build_demo(shared)
        except BaseException as error:  # noqa: BLE001 - reported by portal_server
            _background["error"] = error

    thread = threading.Thread(target=build, name="e2e-demo", daemon=True)
    _background["thread"] = thread
    thread.start()


def _demo_state(shared: Path) -> dict:
    """What building the demo printed: from the background build if this worker started one."""
    thread = _background.pop("thread", None)
    if thread is None:
        return _build_demo(shared)
    thread.join()
    if "error" in _background:
        raise _background.pop("error")
    return _background.pop("state")


@pytest.fixture(scope="session")
def portal_server(tmp_path_factory) -> Iterator[PortalServer]:
    """The portal with the demo municipality, served on a free port of 127.0.0.1.

    One server per pytest-xdist worker, each on a database of its own; the demo is loaded once
    per run and copied (see `_demo_once`).
    """
    workdir = tmp_path_factory.mktemp("portal_e2e")
    shared = _shared_folder(tmp_path_factory)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    configured_url, demo_url = _demo_database_urls()
    state = _demo_state(shared)
    postgres_name = None
    if demo_url:
        postgres_name = f"{demo_database_name(configured_url)}_{worker}"
        database_url = with_database(configured_url, postgres_name)
        with _exclusive(shared / "demo.lock"):
            recreate_postgres_database(
                configured_url, postgres_name, template=demo_database_name(configured_url)
            )
    else:
        database_url = f"sqlite:///{workdir / 'e2e.sqlite3'}"
        shutil.copyfile(shared / "e2e.sqlite3", workdir / "e2e.sqlite3")

    env = _server_env(shared)
    env.update(
        SECRET_KEY=(shared / "secret_key").read_text(),
        DATABASE_URL=database_url,
        EMAIL_FILE_PATH=str(workdir / "mail"),
        PORTAL_BASE_URL=url,
    )
    accounts = _parse_accounts(state["load_demo"])
    lines = dict(line.split("=", 1) for line in state["inventory"].splitlines() if "=" in line)
    pages = json.loads(lines.get("PAGES", "{}"))
    inventory = Inventory.from_json(lines.get("INVENTORY", "{}"))

    log_path = workdir / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 - a fixed command of this repository
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--access-logfile",
                "-",
                "--graceful-timeout",
                "5",
                # A worker's first search loads the Swedish dictionary (seconds of CPU); on a
                # machine busy with parallel tests that can outlast gunicorn's default 30 s.
                "--timeout",
                str(WORKER_TIMEOUT_SECONDS),
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        _wait_until_healthy(url, process, log_path)
        yield PortalServer(
            url=url,
            log_path=log_path,
            accounts=accounts,
            pages=pages,
            inventory=inventory,
            env=env,
        )
    finally:
        _stop(process)
        if postgres_name is not None:
            drop_postgres_database(configured_url, postgres_name)


@pytest.fixture(scope="session")
def base_url(portal_server) -> str:
    """Playwright resolves `page.goto("/fi/")` against the portal server."""
    return portal_server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); "
            ".ci/run installs it.",
            pytrace=False,
        )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def open_page(new_context) -> Callable:
    """Open a path of the portal in a new browser context of the given viewport; fail on 4xx/5xx."""

    def _open(path: str, *, viewport: dict | None = None):
        context = new_context(viewport=viewport or DESKTOP)
        page = context.new_page()
        response = page.goto(path)
        assert response is not None and response.ok, (
            f"GET {path} answered {response.status if response else 'nothing'}"
        )
        return page

    return _open
