"""The portal's and the municipality's names in the reader's language, from the site settings.

The names live in MunicipalitySettings (one per site, translated per language). Pages read them
through the request, which caches the settings for the footer as well; e-mails and other work
without a request read the default site's settings.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from portal import pagecache
from portal.translation import normalise_language

# Used while a site has no name of its own in the reader's language.
DEFAULT_PORTAL_NAME = _("Open municipality")


def municipality_settings(request: HttpRequest | None = None):
    """The site settings of the request's site, or of the default site without a request."""
    from cms.models import MunicipalitySettings

    if request is not None:
        # As Wagtail's for_request(), which asks the database for the site and its settings on
        # every request; kept with the public pages' cache, which any edit of them empties.
        attribute = MunicipalitySettings.get_cache_attr_name()
        found = getattr(request, attribute, None)
        if found is None:
            found = pagecache.cached_public(
                f"site-settings:{request.get_host()}:{request.get_port()}",
                lambda: MunicipalitySettings.for_site(Site.find_for_request(request)),
            )
            found._request = request  # as for_request() leaves it, for page links
            setattr(request, attribute, found)
        return found
    site = Site.objects.filter(is_default_site=True).first()
    return MunicipalitySettings.for_site(site) if site is not None else None


def portal_name(
    *, request: HttpRequest | None = None, language: str | None = None, settings=None
) -> str:
    """The portal's name ("Avoin kunta", "Öppen kommun") in the language (the active one)."""
    code = normalise_language(language)
    settings = settings if settings is not None else municipality_settings(request)
    name = getattr(settings, f"portal_name_{code}", "") if settings is not None else ""
    if name:
        return name
    with translation.override(code):
        return str(DEFAULT_PORTAL_NAME)


def municipality_name(
    *, request: HttpRequest | None = None, language: str | None = None, settings=None
) -> str:
    """The municipality's name in the language, or "" where the site has none in it."""
    code = normalise_language(language)
    settings = settings if settings is not None else municipality_settings(request)
    return (getattr(settings, f"municipality_name_{code}", "") or "") if settings else ""


def sender_address(*, language: str | None = None, settings=None) -> str:
    """DEFAULT_FROM_EMAIL's address under the portal's name in the language.

    Left unencoded ('"Öppen kommun" <noreply@…>'): Django encodes the header when it sends.
    """
    from email.utils import parseaddr

    from django.conf import settings as django_settings

    address = parseaddr(django_settings.DEFAULT_FROM_EMAIL)[1]
    name = portal_name(language=language, settings=settings)
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{quoted}" <{address}>'
