"""Template context shared by every page of the portal."""

from django.conf import settings
from django.utils.functional import lazy

from cms.branding import municipality_name, portal_name


def portal(request):
    # Lazy: read from the site settings (cached on the request) only when a template shows them.
    return {
        "SITE_NAME": lazy(lambda: portal_name(request=request), str)(),
        "MUNICIPALITY_NAME": lazy(lambda: municipality_name(request=request), str)(),
        "OFFICIAL_LANGUAGES": settings.OFFICIAL_LANGUAGES,
    }
