"""Reads of the notifications app."""

from django.core.cache import cache
from django.db.models import QuerySet

from notifications.models import Notification
from notifications.services import unread_cache_key

UNREAD_CACHE_SECONDS = 300


def inbox_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first; nobody sees another's."""
    if user is None or not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created")


def unread_count(user) -> int:
    """Unread notifications of the user, cached so that the header costs no query."""
    if user is None or not user.is_authenticated:
        return 0
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(user=user, read_at__isnull=True).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count
