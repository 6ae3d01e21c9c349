"""Fixed-window counters per client address in the cache, for forms that guess secrets.

The address is kept only in the cache, as a keyed hash, for the length of the window.
"""

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def _key(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    digest = salted_hmac("portal.ratelimit", address, algorithm="sha256").hexdigest()
    return f"ratelimit:{scope}:{digest[:32]}"


def count(request, *, scope: str) -> int:
    """Events of the request's address in `scope` in the current window."""
    return cache.get(_key(request, scope), 0)


def hit(request, *, scope: str, window_seconds: int) -> int:
    """Count one more event of the request's address; return the count in this window."""
    key = _key(request, scope)
    cache.add(key, 0, window_seconds)
    try:
        return cache.incr(key)
    except ValueError:
        # The window ran out between add() and incr(): this is the first event of a new one.
        cache.set(key, 1, window_seconds)
        return 1


def limit_exceeded(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt of the client in `scope`; True once it has made more than `limit`."""
    return hit(request, scope=scope, window_seconds=window_seconds) > limit
