"""Template helpers of the account pages."""

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """Minutes in a duration, rounded up so that "try again in N minutes" is never too early."""
    if not value:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))


@register.simple_tag(takes_context=True)
def mfa_setup_continue_url(context) -> str:
    """Where to go on from the recovery codes shown after setting up an authenticator app: the
    admin page that asked for it, else the admin for staff, else the two-factor settings."""
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    from accounts.adapters import is_staff_member
    from portal.middleware import MFA_SETUP_NEXT_SESSION_KEY

    request = context.get("request")
    if request is None:
        return reverse("mfa_index")
    next_url = request.session.get(MFA_SETUP_NEXT_SESSION_KEY)
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    if is_staff_member(request.user):
        return reverse("wagtailadmin_home")
    return reverse("mfa_index")
