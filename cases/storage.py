"""Where case documents live: outside MEDIA_ROOT, so no web server serves them by path."""

from django.conf import settings

from portal.storage import PrivateStorage


def private_storage() -> PrivateStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)
