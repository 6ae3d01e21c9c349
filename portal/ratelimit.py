"""The store of every rate limit, and fixed-window counters for forms that guess secrets.

Every limit of the portal counts in `store`: the portal's own counters below, the API throttles
(portal/api/throttling.py) and allauth's limits (accounts/apps.py). The store

- keeps its counts in Redis (the `ratelimit` cache), under keys that are a keyed hash of the
  caller's key, so that no address, e-mail address or user id can be read from Redis;
- falls back to counting in the web process when Redis cannot be reached: a limit then allows
  at most its count times the number of web processes, and nobody gets an error or is turned
  away because Redis is down. It goes back to Redis as soon as Redis answers.

The decision per limit, with its rate and key, is in docs/operations.md ("Rate limits").
"""

from __future__ import annotations

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from portal.client import client_key, keyed_hash

logger = logging.getLogger(__name__)

# How long the store keeps to the process-local counts after Redis failed before trying again.
RETRY_SECONDS = 5.0


def _store_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError, OSError]
    try:
        from django_redis.exceptions import ConnectionInterrupted
        from redis.exceptions import RedisError

        errors += [ConnectionInterrupted, RedisError]
    except ImportError:  # pragma: no cover - django-redis is a dependency
        pass
    return tuple(errors)


STORE_ERRORS = _store_errors()


class LimitStore:
    """A cache-like object (get, set, add, incr, delete) for rate limits; see the module."""

    def __init__(self, alias: str = "ratelimit"):
        self.alias = alias
        self.local = LocMemCache("portal-ratelimit-fallback", {"OPTIONS": {"MAX_ENTRIES": 50_000}})
        self._down_until = 0.0

    @staticmethod
    def hashed(key: str) -> str:
        return f"limit:{keyed_hash(str(key), purpose='limit')}"

    @property
    def degraded(self) -> bool:
        """True while the counts are kept in this process because Redis did not answer."""
        return time.monotonic() < self._down_until

    def _call(self, method: str, key: str, *args, **kwargs):
        key = self.hashed(key)
        if not self.degraded:
            try:
                return getattr(caches[self.alias], method)(key, *args, **kwargs)
            except ValueError:
                raise
            except STORE_ERRORS as exc:
                self._down_until = time.monotonic() + RETRY_SECONDS
                logger.warning("Rate-limit store unavailable, counting in this process: %s", exc)
        return getattr(self.local, method)(key, *args, **kwargs)

    def get(self, key: str, default=None):
        return self._call("get", key, default)

    def set(self, key: str, value, timeout=None) -> None:
        self._call("set", key, value, timeout)

    def add(self, key: str, value, timeout=None) -> bool:
        return bool(self._call("add", key, value, timeout))

    def incr(self, key: str, delta: int = 1) -> int:
        return self._call("incr", key, delta)

    def delete(self, key: str) -> None:
        self._call("delete", key)

    def clear(self) -> None:
        """Forget every count (tests)."""
        self.local.clear()
        self._down_until = 0.0


store = LimitStore()


def _key(request, scope: str) -> str:
    return f"ratelimit:{scope}:{client_key(request)}"


def count(request, *, scope: str) -> int:
    """Events of the request's client in `scope` in the current window."""
    return store.get(_key(request, scope), 0) or 0


def hit(request, *, scope: str, window_seconds: int) -> int:
    """Count one more event of the request's client; return the count in this window."""
    key = _key(request, scope)
    store.add(key, 0, window_seconds)
    try:
        return store.incr(key)
    except ValueError:
        # The window ran out between add() and incr(): this is the first event of a new one.
        store.set(key, 1, window_seconds)
        return 1


def limit_exceeded(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt of the client in `scope`; True once it has made more than `limit`."""
    return hit(request, scope=scope, window_seconds=window_seconds) > limit
