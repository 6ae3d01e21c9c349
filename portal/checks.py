"""System checks of the portal's configuration."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

SECRET_KEY_MISSING = "SECRET_KEY must be set when DEBUG is off."  # noqa: S105 - a message
BASE_URL_MISSING = "PORTAL_BASE_URL must be set when DEBUG is off."
BASE_URL_HINT = (
    "Set the PORTAL_BASE_URL environment variable to the portal's public address, "
    "e.g. https://portal.rantala.fi: e-mails, feeds, calendars and the sitemap link to it."
)


def require_secret_key() -> None:
    """Refuse to serve with a key made up at start: sessions and links would not survive."""
    if getattr(settings, "SECRET_KEY_MISSING", False):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(SECRET_KEY_MISSING)


def require_base_url() -> None:
    """Refuse to serve without the public address: links would follow whatever Host was sent."""
    if not settings.DEBUG and not settings.PORTAL_BASE_URL:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(BASE_URL_MISSING)


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


@register(deploy=True)
def check_base_url_set(app_configs, **kwargs):
    if not settings.DEBUG and not settings.PORTAL_BASE_URL:
        return [Error(BASE_URL_MISSING, hint=BASE_URL_HINT, id="portal.E002")]
    return []


@register()
def check_base_url_form(app_configs, **kwargs):
    # Maintenance commands run without the address; a wrong one is an error everywhere.
    url = settings.PORTAL_BASE_URL
    if not url:
        return []
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return [
            Error(
                f"PORTAL_BASE_URL is not an absolute http(s) address: {url!r}.",
                hint=BASE_URL_HINT,
                id="portal.E003",
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
            id="portal.E004",
        )
        for key in sections.unresolvable()
    ]


@register()
def check_trusted_proxies(app_configs, **kwargs):
    import ipaddress

    errors = []
    for entry in getattr(settings, "TRUSTED_PROXIES", ()):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"TRUSTED_PROXIES holds {entry!r}, which is neither an address nor a network.",
                    hint="List the reverse proxies' addresses or networks: 10.0.0.5,10.1.0.0/24.",
                    id="portal.E020",
                )
            )
    return errors


@register()
def check_storage(app_configs, **kwargs):
    """An S3 storage needs its bucket."""
    if getattr(settings, "STORAGE_BACKEND", "filesystem") != "s3":
        return []
    if settings.STORAGES["private"].get("OPTIONS", {}).get("bucket_name"):
        return []
    return [
        Error(
            "STORAGE_BACKEND is s3 but AWS_STORAGE_BUCKET_NAME is not set.",
            hint="Name the private bucket that holds the portal's files.",
            id="portal.E030",
        )
    ]
