"""Rate limits of the survey pages per client address: answering and trying access codes."""

from django.conf import settings

from portal import ratelimit

WINDOW_SECONDS = 600
# A school class behind one address answers at once: answering is limited generously.
ANSWER_LIMIT = getattr(settings, "PARTICIPATION_ANSWER_LIMIT", 300)
# Wrong access codes per address and survey before further attempts are refused.
CODE_FAILURE_LIMIT = getattr(settings, "PARTICIPATION_CODE_FAILURE_LIMIT", 10)
# Respondent passes of an anonymous survey per address, for as long as the survey is open: a
# class answering from one school network fits; more respondents than that get access codes.
ANONYMOUS_PASS_LIMIT = getattr(settings, "PARTICIPATION_ANONYMOUS_PASSES_PER_ADDRESS", 40)


def count(request, scope: str) -> int:
    return ratelimit.count(request, scope=f"participation:{scope}")


def hit(request, scope: str) -> int:
    """Count one more event for the request's address; return the count in this window."""
    return ratelimit.hit(request, scope=f"participation:{scope}", window_seconds=WINDOW_SECONDS)


def answering_limited(request) -> bool:
    """Count an answer submission; True when the address has sent too many."""
    return hit(request, "answer") > ANSWER_LIMIT


def code_attempts_blocked(request, survey_id: int) -> bool:
    return count(request, f"code:{survey_id}") >= CODE_FAILURE_LIMIT


def code_failed(request, survey_id: int) -> None:
    hit(request, f"code:{survey_id}")


def passes_exhausted(request, survey_id: int, *, window_seconds: int) -> bool:
    """Count one respondent pass for the request's address; True once it has had its share."""
    issued = ratelimit.hit(
        request,
        scope=f"participation:pass:{survey_id}",
        window_seconds=max(60, window_seconds),
    )
    return issued > ANONYMOUS_PASS_LIMIT
