"""The limits on guessing passwords, chosen so that nobody can lock someone else out.

Three limits guard the password sign-in (the resident's and, through it, the admin's):

- per account *and* address: django-axes locks that pair out after AXES_FAILURE_LIMIT failures
  for AXES_COOLOFF_TIME. Guessing from one address is stopped; the account's owner, from any
  other address, signs in as usual.
- per address, all accounts: allauth's `login_failed` limit per address (SIGN_IN_ADDRESS_RATE)
  stops one address from trying a few passwords on many accounts.
- per account, all addresses: guessing from many addresses meets a growing delay, never a lock.
  After SIGN_IN_ACCOUNT_FREE_FAILURES failures within the cool-off time, the account accepts the
  next attempt only SIGN_IN_ACCOUNT_BASE_DELAY × 2ⁿ seconds (at most SIGN_IN_ACCOUNT_MAX_DELAY)
  after the last failure. Its owner waits at most that long.

The first and the last count in the database (axes' attempt rows), so that sign-in keeps its
limits when Redis is down; the second counts in the rate-limit store (portal/ratelimit.py).
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


def account_wait_seconds(username: str | None) -> int:
    """Seconds the account `username` must wait before its next password attempt (0: none)."""
    if not username:
        return 0
    from axes.models import AccessAttempt

    now = timezone.now()
    since = now - timedelta(hours=settings.AXES_COOLOFF_TIME)
    totals = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    over = (totals["failures"] or 0) - settings.SIGN_IN_ACCOUNT_FREE_FAILURES
    if over < 0 or totals["last"] is None:
        return 0
    delay = min(
        settings.SIGN_IN_ACCOUNT_BASE_DELAY * 2 ** min(over, 30),
        settings.SIGN_IN_ACCOUNT_MAX_DELAY,
    )
    remaining = (totals["last"] + timedelta(seconds=delay) - now).total_seconds()
    return math.ceil(remaining) if remaining > 0 else 0


# --- Known devices --------------------------------------------------------------------------
# A browser in which an account has signed in before carries a signed cookie naming (as keyed
# hashes) the accounts known there. Guessing from many addresses delays an account's sign-in
# from unknown browsers only: its owner, on a browser they have used, is not made to wait
# (OWASP's "device cookies").

DEVICE_COOKIE = "portal_device"
DEVICE_SALT = "accounts.signin.device"
DEVICE_MAX_AGE = 180 * 24 * 3600
DEVICE_MAX_ACCOUNTS = 5


def _account_hash(username: str) -> str:
    from portal.client import keyed_hash

    return keyed_hash(username, purpose="device")


def known_accounts(request) -> list[str]:
    from django.core import signing

    try:
        value = request.get_signed_cookie(
            DEVICE_COOKIE, salt=DEVICE_SALT, default=None, max_age=DEVICE_MAX_AGE
        )
    except signing.BadSignature:
        return []
    if not value:
        return []
    return [item for item in value.split(".") if item][:DEVICE_MAX_ACCOUNTS]


def is_known_device(request, username: str | None) -> bool:
    return bool(username) and _account_hash(username) in known_accounts(request)


def remember_device(request, username: str) -> None:
    """Mark the request so that its response carries the device cookie for `username`."""
    accounts = [_account_hash(username)]
    accounts += [item for item in known_accounts(request) if item != accounts[0]]
    request._portal_device_accounts = accounts[:DEVICE_MAX_ACCOUNTS]


class DeviceCookieMiddleware:
    """Sets the device cookie on the response of a successful password sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        accounts = getattr(request, "_portal_device_accounts", None)
        if accounts:
            response.set_signed_cookie(
                DEVICE_COOKIE,
                ".".join(accounts),
                salt=DEVICE_SALT,
                max_age=DEVICE_MAX_AGE,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
