"""Every write of the notifications app: creating, delivering and reading notifications."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from kombu.exceptions import OperationalError

from cms.branding import (
    municipality_name,
    municipality_settings,
    portal_name,
    sender_address,
)
from notifications.models import DeliveryState, Notification

logger = logging.getLogger(__name__)

# A delivery that failed this many times is given up and left for staff to look at.
MAX_ATTEMPTS = 5


def unread_cache_key(user_id) -> str:
    return f"notifications:unread:{user_id}"


def _forget_unread_count(user_id) -> None:
    # Now, and again after the commit: a page rendered in between may have cached the old count.
    if user_id is not None:
        cache.delete(unread_cache_key(user_id))
        transaction.on_commit(lambda: cache.delete(unread_cache_key(user_id)))


def notification_create(
    *,
    user=None,
    email: str = "",
    language: str,
    kind: str,
    subject: str,
    body: str,
    url: str = "",
    dedupe_key: str = "",
) -> Notification:
    """Write a notification in the caller's transaction; it is e-mailed after the commit.

    A repeated `dedupe_key` returns the notification already written and sends nothing more.
    """
    if user is None and not email:
        raise ValueError("A notification needs a user or an e-mail address.")
    if dedupe_key:
        existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    notification = Notification(
        user=user,
        email=email,
        language=language,
        kind=kind,
        # A header line: no line breaks, within the column's length.
        subject=" ".join(subject.split())[:300],
        body=body,
        url=url,
        dedupe_key=dedupe_key or None,
    )
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        # The same key written by a parallel transaction that committed first.
        return Notification.objects.get(dedupe_key=dedupe_key)
    _forget_unread_count(notification.user_id)
    transaction.on_commit(lambda: _deliver_later(notification.pk))
    return notification


def _deliver_later(notification_id) -> None:
    """Hand the delivery to the worker; when the broker is away the row waits for the sweep."""
    from notifications.tasks import notification_deliver_task

    try:
        notification_deliver_task.delay(str(notification_id))
    except (OperationalError, OSError):
        logger.warning("Broker unavailable; notification %s waits for the sweep", notification_id)


def _absolute(url: str) -> str:
    from portal.links import absolute_url

    return absolute_url(url)


def _recipient(notification: Notification) -> str:
    if notification.email:
        return notification.email
    user = notification.user
    if user is None or not user.is_active or not user.email:
        return ""
    return user.email


def notification_deliver(*, notification_id) -> bool:
    """E-mail one pending notification; True if it was sent now, False if nothing was to do.

    The row stays locked while the message is handed to the mail server, so that two workers
    given the same notification send it once.
    """
    with transaction.atomic():
        # Only the notification's row is locked: PostgreSQL cannot lock the nullable side of
        # the outer join to the user.
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("user")
            .filter(pk=notification_id, delivery_state=DeliveryState.PENDING)
            .first()
        )
        if notification is None:
            return False
        recipient = _recipient(notification)
        if not recipient:
            notification.delivery_state = DeliveryState.SKIPPED
            notification.save(update_fields=["delivery_state"])
            return False
        notification.attempts += 1
        try:
            lang = notification.language
            names = municipality_settings()
            with translation.override(lang):
                text = render_to_string(
                    "notifications/email.txt",
                    {
                        "notification": notification,
                        "link": _absolute(notification.url),
                        "site_name": portal_name(language=lang, settings=names),
                        "municipality_name": municipality_name(language=lang, settings=names),
                        "settings_link": _absolute(reverse("notifications:inbox")),
                    },
                )
            EmailMessage(
                subject=notification.subject,
                body=text,
                from_email=sender_address(language=lang, settings=names),
                to=[recipient],
                headers={"Content-Language": notification.language},
            ).send()
        except OSError:
            logger.exception("Sending notification %s failed", notification.pk)
            if notification.attempts >= MAX_ATTEMPTS:
                notification.delivery_state = DeliveryState.FAILED
            notification.save(update_fields=["attempts", "delivery_state"])
            return False
        notification.delivery_state = DeliveryState.SENT
        notification.delivered_at = timezone.now()
        notification.save(update_fields=["attempts", "delivery_state", "delivered_at"])
        return True


def notifications_deliver_pending(*, older_than: timedelta = timedelta(minutes=1)) -> int:
    """Send what is still pending (the broker was away, a worker died): the outbox sweep."""
    cutoff = timezone.now() - older_than
    ids = list(
        Notification.objects.filter(delivery_state=DeliveryState.PENDING, created__lte=cutoff)
        .order_by("created")
        .values_list("pk", flat=True)[:500]
    )
    return sum(notification_deliver(notification_id=pk) for pk in ids)


@transaction.atomic
def notifications_mark_read(*, user, notification_ids=None) -> int:
    """Mark the user's notifications (all, or the given ones) read."""
    queryset = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=list(notification_ids))
    count = queryset.update(read_at=timezone.now())
    _forget_unread_count(user.pk)
    return count
