"""Glue between django-axes and allauth's sign-in by e-mail address."""

from axes.handlers.database import AxesDatabaseHandler
from django.http import HttpRequest


def get_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """Return the e-mail address a sign-in attempt is for, so that lockouts key on it.

    allauth calls ``authenticate(email=..., password=...)``, while axes looks for ``username``
    by default; without this, every attempt would be recorded under an empty user name.
    """
    credentials = credentials or {}
    login = credentials.get("email") or credentials.get("username")
    if not login and request is not None:
        # The lockout page is rendered from the request alone: read allauth's form field.
        data = getattr(request, "POST", None) or {}
        login = data.get("login") or data.get("email")
    if not login:
        return None
    return str(login).strip().lower()[:255]


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for axes' records, by the portal's policy (portal/client.py)."""
    from portal.client import UNKNOWN, client_address

    address = client_address(request)
    return None if address == UNKNOWN else address


class DatabaseHandler(AxesDatabaseHandler):
    """axes' database handler, keeping no user agent: lockouts key on account and address only,
    and the sign-in records then say no more about a person's device than they need to."""

    @staticmethod
    def _forget_user_agent(request) -> None:
        if request is not None:
            request.axes_user_agent = ""

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        self._forget_user_agent(request)
        return super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender, request, user, **kwargs):
        self._forget_user_agent(request)
        return super().user_logged_in(sender, request, user, **kwargs)
