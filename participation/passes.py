"""Respondent passes of anonymous surveys: one answer each, and only so many per network.

An anonymous survey knows nothing of its respondents, so a cookie alone would let anyone answer
again by clearing it. Instead the portal issues a respondent pass when someone starts answering:
a random value, signed for that survey, kept in a cookie on their device. The answer is accepted
with a pass only, and a pass once: its keyed hash goes into RespondentToken, whose unique
constraint refuses a second answer. Passes are counted per client address and survey for as long
as the survey is open (`PARTICIPATION_ANONYMOUS_PASSES_PER_ADDRESS`), so clearing cookies or
rotating forged headers gets no more answers than the limit. The count is a keyed hash of the
address in the cache, never linked to the pass or the answers: the pass proves one respondent
without saying who.

Surveys whose answers must count one per person (for example those that inform a decision) are
answered signed in or with access codes instead.
"""

from __future__ import annotations

import secrets

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from participation import ratelimit
from participation.models import Survey

COOKIE_PREFIX = "survey_pass_"
SALT = "participation.pass"
# The longest a pass is kept: a survey open longer than this asks for a new one (counted).
MAX_AGE = 180 * 24 * 3600


def _cookie_name(survey: Survey) -> str:
    return f"{COOKIE_PREFIX}{survey.pk}"


def _salt(survey: Survey) -> str:
    # Signed for this survey: a pass of one survey is no pass for another.
    return f"{SALT}:{survey.pk}"


def pass_of(request: HttpRequest, survey: Survey) -> str | None:
    """The pass this device holds for `survey`, if it holds a genuine one."""
    try:
        value = request.get_signed_cookie(
            _cookie_name(survey), salt=_salt(survey), default=None, max_age=MAX_AGE
        )
    except signing.BadSignature:
        return None
    return value if value and len(value) <= 64 else None


def pass_issue(request: HttpRequest, survey: Survey) -> str | None:
    """A new pass for `survey`, or None when the request's address has had its share."""
    seconds_left = int((survey.closes_at - timezone.now()).total_seconds())
    if ratelimit.passes_exhausted(request, survey.pk, window_seconds=min(MAX_AGE, seconds_left)):
        return None
    return secrets.token_urlsafe(24)


def pass_set_cookie(request: HttpRequest, response: HttpResponse, survey: Survey, value: str):
    response.set_signed_cookie(
        _cookie_name(survey),
        value,
        salt=_salt(survey),
        max_age=MAX_AGE,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )
