"""Views of the portal that belong to no domain app."""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

CHECK_TIMEOUT_SECONDS = 0.5


def _timed(check) -> dict:
    started = time.monotonic()
    try:
        detail = check()
    except Exception as exc:  # noqa: BLE001 - a health check reports every failure
        return {
            "ok": False,
            "error": exc.__class__.__name__,
            "ms": round((time.monotonic() - started) * 1000, 1),
        }
    result = {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    if detail:
        result["detail"] = detail
    return result


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    cache.set("healthz", "1", timeout=10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not return the value written")


def _broker():
    if not settings.REDIS_URL:
        return "in-process"
    import redis

    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=CHECK_TIMEOUT_SECONDS,
        socket_timeout=CHECK_TIMEOUT_SECONDS,
        retry=None,
    )
    try:
        client.ping()
    finally:
        client.close()
    return None


@never_cache
@require_GET
def healthz(request):
    """Report the database, cache and broker separately; never wait long for any of them."""
    checks = {"database": _timed(_database), "cache": _timed(_cache), "broker": _timed(_broker)}
    healthy = all(check["ok"] for check in checks.values())
    status = "ok" if healthy else ("degraded" if checks["database"]["ok"] else "down")
    return JsonResponse(
        {"status": status, "checks": checks}, status=200 if checks["database"]["ok"] else 503
    )


@require_GET
def favicon(request):
    """The icon, from the static files (with their cache-busting name and long cache life)."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("portal/favicon.ico"))
