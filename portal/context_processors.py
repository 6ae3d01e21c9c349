"""Template context shared by every page of the portal."""

from django.conf import settings


def portal(request):
    return {
        "SITE_NAME": settings.WAGTAIL_SITE_NAME,
        "OFFICIAL_LANGUAGES": settings.OFFICIAL_LANGUAGES,
    }
