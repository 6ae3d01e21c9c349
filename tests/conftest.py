"""Fixtures shared by every test; each folder keeps its own fixtures in its own conftest.py."""

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


def pytest_collection_modifyitems(config, items):
    # Browser tests run last: Playwright's sync API keeps an asyncio loop on the main thread for
    # the rest of the session, and Django refuses ORM calls from a thread with a running loop.
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # A real hasher costs about half a second per password; tests check behaviour, not its cost.
    # The real ones stay listed so that passwords hashed outside this fixture still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives each test's rolled-back transaction: cached menus, rate-limit counters
    # and Wagtail's site root paths would otherwise describe rows that no longer exist.
    from django.core.cache import caches

    from portal.ratelimit import store

    def clear():
        for alias in ("default", "ratelimit"):
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
