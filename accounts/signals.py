"""Receivers of allauth's signals."""

from allauth.account.internal.flows.login import record_authentication


def record_totp_setup_as_second_factor(sender, request, user, authenticator, **kwargs) -> None:
    """Count the code typed to set up an authenticator app as this session's second factor.

    The code proves the app holds the new secret, just as a code at sign-in would: without this,
    a staff member who has just set up TOTP would be asked for a code again before the admin.
    """
    from allauth.mfa.models import Authenticator

    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, reauthenticated=True
    )
