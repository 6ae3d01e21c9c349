"""/healthz and the site with Redis away: each dependency reported separately, answers promptly."""

import os
import socket
import time
from urllib.parse import urlparse

import pytest
from django.test import Client

from tests.paths import app_url

# Nothing listens here: the shared Redis on 6379 is left alone.
CLOSED_REDIS_URL = "redis://127.0.0.1:6390/0"


def _redis_caches(url: str) -> dict:
    """The production CACHES (django-redis, short timeouts, IGNORE_EXCEPTIONS) pointed at `url`."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "portal-test-ops",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }


def _answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_away(settings):
    assert not _answers(CLOSED_REDIS_URL), "something listens on 6390; the test needs it closed"
    settings.REDIS_URL = CLOSED_REDIS_URL
    settings.CELERY_BROKER_URL = CLOSED_REDIS_URL
    settings.CACHES = _redis_caches(CLOSED_REDIS_URL)


def test_healthz__with_redis_away_reports_cache_and_broker_down_within_a_second(db, redis_away):
    client = Client()
    # The first request of a process imports every app's URLconf, views and middleware; that
    # start-up cost is not what is measured here. The next one meets Redis away just the same.
    client.get("/healthz")

    started = time.monotonic()
    response = client.get("/healthz")
    elapsed = time.monotonic() - started

    assert elapsed < 1.0, f"/healthz took {elapsed:.2f} s with Redis away"
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "degraded"
    assert data["checks"]["database"]["ok"] is True
    assert data["checks"]["cache"]["ok"] is False
    assert data["checks"]["broker"]["ok"] is False


def test_pages__still_render_with_redis_away(db, redis_away):
    client = Client()

    page = client.get(app_url("cms:search"), {"q": "kirjasto"})
    api = client.get("/api/v1/bodies/")

    # The cache turns into misses instead of errors (IGNORE_EXCEPTIONS).
    assert page.status_code == 200
    assert "<h1" in page.content.decode()
    assert api.status_code == 200


def test_healthz__without_redis_the_broker_is_in_process(db, settings):
    settings.REDIS_URL = ""

    data = Client().get("/healthz").json()

    assert data["status"] == "ok"
    assert data["checks"]["broker"]["ok"] is True
    assert data["checks"]["broker"]["detail"] == "in-process"


def test_healthz__with_the_real_redis_says_ok(db, settings):
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not _answers(url):
        pytest.skip(f"no Redis answers at {url}; set REDIS_URL to run this test")
    settings.REDIS_URL = url
    settings.CACHES = _redis_caches(url)

    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "ok", response.json()


def test_healthz__database_away_is_a_503(db, monkeypatch):
    from portal import views

    monkeypatch.setattr(views, "_database", _raise_operational_error)

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"]["ok"] is False


def _raise_operational_error():
    from django.db import OperationalError

    raise OperationalError("the database is away")


def test_healthz__is_not_redirected_to_https(db, settings):
    settings.SECURE_SSL_REDIRECT = True
    client = Client()

    assert client.get(app_url("cms:search")).status_code == 301
    assert client.get("/healthz").status_code == 200
