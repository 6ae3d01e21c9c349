"""Fixtures shared by every test; each folder keeps its own fixtures in its own conftest.py."""

import os

import pytest

# The configured public address in tests: deliberately not the test client's "testserver", so
# that a link built from the request's Host shows up as wrong. `make test` passes the same one.
TEST_BASE_URL = "https://portal.example.fi"


def pytest_configure(config):
    # Tests run with production settings, which need the public address; a bare `pytest` run
    # without PORTAL_BASE_URL in the environment gets the one `make test` passes.
    from django.conf import settings

    if not settings.PORTAL_BASE_URL:
        settings.PORTAL_BASE_URL = settings.WAGTAILADMIN_BASE_URL = TEST_BASE_URL
    _cache_of_this_worker(settings)
    _scan_static_files_once_per_settings()
    if not hasattr(config, "workerinput"):
        # The process that starts the run (tests/database.py).
        from tests.database import start_building_the_template

        start_building_the_template(config)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """This process's test database is a copy of the run's migrated one (tests/database.py)."""
    from django.conf import settings

    from tests.database import migrated_template

    template = migrated_template()
    if template is not None:
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template


def _scan_static_files_once_per_settings():
    # Each test client builds the middleware chain anew, and WhiteNoise's part of it reads the
    # whole STATIC_ROOT (thousands of files: a stat each and a look for .gz/.br twins) every
    # time: a fifth of a second per test. The collected files do not change during a run, so
    # the tests read them once per root and WhiteNoise settings and give each new chain the
    # same (read-only) file entries. What a chain serves is unchanged.
    from django.conf import settings
    from whitenoise.base import WhiteNoise

    scan = WhiteNoise.update_files_dictionary
    scanned = {}

    def update_files_dictionary(self, root, prefix):
        key = (
            type(self),
            root,
            prefix,
            settings.DEBUG,
            settings.STATIC_URL,
            repr(settings.STORAGES.get("staticfiles")),
            tuple(
                (name, repr(getattr(settings, name)))
                for name in dir(settings._wrapped)
                if name.startswith("WHITENOISE_")
            ),
        )
        if key not in scanned:
            before = dict(self.files)
            scan(self, root, prefix)
            scanned[key] = {
                url: entry for url, entry in self.files.items() if before.get(url) is not entry
            }
        self.files.update(scanned[key])

    WhiteNoise.update_files_dictionary = update_files_dictionary


def _cache_of_this_worker(settings):
    # Under pytest-xdist each worker has a database of its own (pytest-django names it) and
    # keys of its own in the shared Redis: the tests clear the cache around every test, and
    # one worker must not empty another's. Processes that a test starts (the browser tests'
    # server, a Celery worker) inherit the prefix through the environment.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or "KEY_PREFIX" not in settings.CACHES["default"]:
        return
    prefix = f"{settings.CACHE_KEY_PREFIX}-{worker}"
    os.environ["CACHE_KEY_PREFIX"] = settings.CACHE_KEY_PREFIX = prefix
    for cache in settings.CACHES.values():
        if "KEY_PREFIX" in cache:
            cache["KEY_PREFIX"] = prefix


def pytest_sessionfinish(session):
    # The browser tests load the demo into one database per run and copy it for each worker's
    # server (tests/e2e/conftest.py), and the test databases are copies of one migrated template
    # (tests/database.py); the process that started the run drops both at the end.
    if hasattr(session.config, "workerinput"):
        return
    from django.conf import settings

    from tests.database import drop_postgres_database, drop_the_template

    drop_the_template()

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        return
    from tests.e2e.conftest import demo_database_name

    url = os.environ.get("DATABASE_URL", "")
    drop_postgres_database(url, demo_database_name(url))


def pytest_collection_finish(session):
    # The browser tests need the demo database, which takes most of a minute to build: it is
    # built in the background from now on, while the other tests run (tests/e2e/conftest.py).
    _check_the_groups_took(session)
    if session.config.option.collectonly:
        return
    if any(item.get_closest_marker("e2e") is not None for item in session.items):
        from tests.e2e.conftest import start_building_the_demo

        start_building_the_demo(session.config)


def _check_the_groups_took(session):
    # pytest-xdist groups a module's tests by renaming them "<test>@<group>"; a pytest that names
    # its tests otherwise silently undoes that, and each worker then builds the module's costly
    # fixtures again (pytest 9.2 with pytest-xdist 3.8 did).
    if not getattr(session.config.option, "loadgroup", False):
        return
    for item in session.items:
        if item.get_closest_marker("xdist_group") is not None and "@" not in item.nodeid:
            raise pytest.UsageError(
                f"pytest-xdist did not group {item.nodeid}: this pytest and pytest-xdist do not "
                "agree on how a test is named (see the pins in pyproject.toml)"
            )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # A transactional test ends by emptying the database, the rows that migrations wrote with it
    # (Wagtail's root page, locales, staff groups). Tests that need that mark themselves
    # `serialized_rollback=True`, and those rows are put back after them too, not only before:
    # under pytest-xdist the next test on this worker may be any test, not another transactional
    # one (pytest-django runs those last only within a single process).
    yield
    marker = item.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("serialized_rollback"):
        return
    if nextitem is None:
        # The last test: the test database has just been torn down with the session.
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    connection = connections["default"]
    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        return
    with item.config.stash[blocking_manager_key].unblock():
        connection.creation.deserialize_db_from_string(contents)


# A module with more tests than this is shared by the pytest-xdist workers even if each of them
# then builds its module-scoped fixtures (the access matrix: thousands of requests, one world).
LARGEST_MODULE_OF_ONE_WORKER = 1000


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    # Before every plugin's own implementation: pytest-xdist's reads the groups to name the items.
    _keep_modules_with_costly_fixtures_together(items)
    yield
    # After them all (pytest-django's orders by database use): browser tests run last.
    # Playwright's sync API keeps an asyncio loop on the main thread for the rest of the session,
    # and Django refuses ORM calls from a thread with a running loop. pytest-xdist hands out the
    # tests in this order too, so the crawls, minutes each, start first among the browser tests
    # and the short ones fill in beside them, instead of one crawl running alone at the end.
    items.sort(
        key=lambda item: (
            item.get_closest_marker("e2e") is not None,
            item.get_closest_marker("crawl") is None,
        )
    )


def _keep_modules_with_costly_fixtures_together(items):
    # A module-scoped fixture (the demo municipality, the access matrix's world) costs seconds
    # to build; with `--dist loadgroup` the tests of such a module go to one worker, which
    # builds it once, instead of to every worker.
    by_module = {}
    for item in items:
        definitions = getattr(item, "_fixtureinfo", None)
        if definitions is None:
            continue
        if any(
            fixturedefs[-1].scope == "module"
            for fixturedefs in definitions.name2fixturedefs.values()
            if fixturedefs
        ):
            by_module.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    for module, module_items in by_module.items():
        if len(module_items) <= LARGEST_MODULE_OF_ONE_WORKER:
            for item in module_items:
                item.add_marker(pytest.mark.xdist_group(module))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # A real hasher costs about half a second per password; tests check behaviour, not its cost.
    # The real ones stay listed so that passwords hashed outside this fixture still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _default_language():
    # A request leaves its language active in the thread (LocaleMiddleware activates it and
    # nothing deactivates it after the response): code a test runs outside a request would
    # otherwise speak the language of whichever test ran before it on this worker.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def _aliases_of_distinct_stores(aliases: tuple[str, ...]) -> tuple[str, ...]:
    # With Redis both caches are the same keys (one server, one prefix): clearing one clears
    # both, and each clear is a scan of the database. In memory they are two stores.
    from django.conf import settings

    seen = {}
    for alias in aliases:
        config = settings.CACHES[alias]
        store_id = (config["BACKEND"], str(config.get("LOCATION", "")), config.get("KEY_PREFIX"))
        seen.setdefault(store_id, alias)
    return tuple(seen.values())


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives each test's rolled-back transaction: cached menus, rate-limit counters
    # and Wagtail's site root paths would otherwise describe rows that no longer exist.
    from django.core.cache import caches

    from portal.ratelimit import store

    aliases = _aliases_of_distinct_stores(("default", "ratelimit"))

    def clear():
        for alias in aliases:
            caches[alias].clear()
        store.clear()

    clear()
    yield
    clear()


@pytest.fixture(autouse=True)
def _tasks_in_process():
    # With REDIS_URL set (CI), tasks would go to a broker that no worker drains during the
    # tests; they run in the calling process instead. Tests of a real worker start their own.
    from notifications import services as notification_services
    from portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    # A test that took the broker away must not leave the next one's hand-overs paused.
    notification_services._broker_paused_until = 0.0
    yield
    app.conf.task_always_eager = previous
    notification_services._broker_paused_until = 0.0


@pytest.fixture
def site_settings(db):
    """The default site's settings row, as on a running site. Without it the first page creates
    it, and that write empties the public cache once, so the next page re-reads the settings:
    tests that compare query counts start from the steady state instead."""
    from wagtail.models import Site

    from cms.models import MunicipalitySettings

    return MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
