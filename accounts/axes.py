"""Glue between django-axes and allauth's sign-in by e-mail address."""

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
