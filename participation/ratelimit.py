"""Cache-based rate limits per client address: answering surveys and trying access codes.

The address is kept only in the cache, as a keyed hash, for the length of the window.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

WINDOW_SECONDS = 600
# A school class behind one address answers at once: answering is limited generously.
ANSWER_LIMIT = getattr(settings, "PARTICIPATION_ANSWER_LIMIT", 300)
# Wrong access codes per address and survey before further attempts are refused.
CODE_FAILURE_LIMIT = getattr(settings, "PARTICIPATION_CODE_FAILURE_LIMIT", 10)


def _key(request, scope: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = salted_hmac("participation.ratelimit", address, algorithm="sha256").hexdigest()
    return f"participation:rl:{scope}:{digest[:32]}"


def count(request, scope: str) -> int:
    return cache.get(_key(request, scope), 0)


def hit(request, scope: str) -> int:
    """Count one more event for the request's address; return the count in this window."""
    key = _key(request, scope)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def answering_limited(request) -> bool:
    """Count an answer submission; True when the address has sent too many."""
    return hit(request, "answer") > ANSWER_LIMIT


def code_attempts_blocked(request, survey_id: int) -> bool:
    return count(request, f"code:{survey_id}") >= CODE_FAILURE_LIMIT


def code_failed(request, survey_id: int) -> None:
    hit(request, f"code:{survey_id}")
