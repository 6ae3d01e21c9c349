"""System checks of the portal's configuration."""

from django.conf import settings
from django.core.checks import Error, register

SECRET_KEY_MISSING = "SECRET_KEY must be set when DEBUG is off."  # noqa: S105 - a message


def require_secret_key() -> None:
    """Refuse to serve with a key made up at start: sessions and links would not survive."""
    if getattr(settings, "SECRET_KEY_MISSING", False):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(SECRET_KEY_MISSING)


@register(deploy=True)
def check_secret_key(app_configs, **kwargs):
    if getattr(settings, "SECRET_KEY_MISSING", False):
        return [
            Error(
                SECRET_KEY_MISSING,
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="portal.E001",
            )
        ]
    return []


@register()
def check_sections(app_configs, **kwargs):
    """Every registered application section must have an address (its URL name reverses)."""
    from portal import sections

    return [
        Error(
            f"The application section {key!r} has a URL name that does not reverse.",
            hint="Fix the url_name in the app's sections.py.",
            id="portal.E002",
        )
        for key in sections.unresolvable()
    ]
