"""A fixed-window counter per client address in the cache, for forms that guess secrets."""

from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def limit_exceeded(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt of the client in `scope`; True once it has made more than `limit`."""
    key = f"ratelimit:{scope}:{client_address(request)}"
    if cache.add(key, 1, window_seconds):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ran out between add() and incr(): this is the first attempt of a new one.
        cache.set(key, 1, window_seconds)
        return False
    return count > limit
