"""Every write of the notifications app: creating, delivering and reading notifications."""

from __future__ import annotations

import logging
import smtplib
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
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

# A delivery that failed this many times is parked (state "failed") for staff to look at.
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


# The web processes leave the broker alone for a while after it failed them (monotonic time):
# the rows wait in the outbox for the sweep, and requests do not wait for a broker that is away.
_broker_paused_until = 0.0


def _deliver_later(notification_id) -> None:
    """Hand the delivery to the worker; when the broker is away the row waits for the sweep."""
    global _broker_paused_until
    from notifications.tasks import notification_deliver_task

    if time.monotonic() < _broker_paused_until:
        return
    try:
        notification_deliver_task.delay(str(notification_id))
    except (OperationalError, OSError):
        _broker_paused_until = time.monotonic() + settings.NOTIFICATIONS_BROKER_PAUSE_SECONDS
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


def message_id_for(notification: Notification) -> str:
    """The notification's `Message-ID`: derived from the outbox row, the same on every attempt."""
    domain = urlsplit(settings.PORTAL_BASE_URL).hostname or "portal.invalid"
    # Short enough to stay on one header line.
    return f"<{notification.pk.hex}@{domain}>"


def retry_delay(attempts: int) -> float:
    """Seconds before the next attempt after `attempts` failed ones: doubling each time."""
    return settings.NOTIFICATIONS_RETRY_SECONDS * 2 ** max(0, attempts - 1)


def _due() -> Q:
    now = timezone.now()
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)


def _claimable() -> Q:
    """Waiting and due, or claimed by a worker whose claim ran out (it died while sending)."""
    now = timezone.now()
    return (Q(delivery_state=DeliveryState.PENDING) & _due()) | Q(
        delivery_state=DeliveryState.SENDING, claimed_until__lt=now
    )


def _claim(notification_id) -> tuple[Notification, str] | None:
    """Record the attempt and its Message-ID, and claim the row, in a transaction of its own.

    What is committed here before the message goes to the mail server is what makes a repeated
    delivery recognisable: another worker leaves a claimed row alone until the claim runs out, and
    a resend after a worker died carries the same Message-ID.
    """
    with transaction.atomic():
        # Only the notification's row is locked (PostgreSQL cannot lock the nullable side of the
        # outer join to the user); a row that another worker is claiming right now is skipped.
        notification = (
            Notification.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("user")
            .filter(_claimable(), pk=notification_id)
            .first()
        )
        if notification is None:
            return None
        recipient = _recipient(notification)
        if not recipient:
            notification.delivery_state = DeliveryState.SKIPPED
            notification.claimed_until = None
            notification.save(update_fields=["delivery_state", "claimed_until"])
            return None
        notification.attempts += 1
        notification.message_id = notification.message_id or message_id_for(notification)
        notification.delivery_state = DeliveryState.SENDING
        notification.claimed_until = timezone.now() + timedelta(
            seconds=settings.NOTIFICATIONS_CLAIM_SECONDS
        )
        notification.save(
            update_fields=["attempts", "message_id", "delivery_state", "claimed_until"]
        )
    return notification, recipient


def _send(notification: Notification, recipient: str) -> None:
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
        headers={"Content-Language": lang, "Message-ID": notification.message_id},
    ).send()


def notification_deliver_attempt(*, notification_id) -> tuple[bool, float | None]:
    """One delivery attempt: (sent now, seconds until the next attempt if this one failed).

    At least once, with one window: a worker that dies after the mail server accepted the message
    and before the row says "sent" leaves a claim that runs out, and the message is sent again with
    the same Message-ID (docs/operations.md, "Outbox").
    """
    claimed = _claim(notification_id)
    if claimed is None:
        return False, None
    notification, recipient = claimed
    try:
        _send(notification, recipient)
    except Exception as exc:  # every failure is recorded, retried, then parked
        logger.exception("Sending notification %s failed", notification.pk)
        return False, _attempt_failed(notification, exc)
    Notification.objects.filter(pk=notification.pk).update(
        delivery_state=DeliveryState.SENT,
        delivered_at=timezone.now(),
        claimed_until=None,
        next_attempt_at=None,
        last_error="",
    )
    return True, None


def _failure_reason(exc: Exception) -> str:
    """What staff see of a failed attempt: the mail server's answer, or the error."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        answers = {_smtp_answer(code, text) for code, text in exc.recipients.values()}
        reason = "; ".join(sorted(answers))
    elif isinstance(exc, smtplib.SMTPResponseException):
        reason = _smtp_answer(exc.smtp_code, exc.smtp_error)
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return " ".join(reason.split())[:500]


def _smtp_answer(code: int, text) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"SMTP {code} {text}"


def _attempt_failed(notification: Notification, exc: Exception) -> float | None:
    reason = _failure_reason(exc)
    if notification.attempts >= MAX_ATTEMPTS:
        state, retry_in, next_attempt_at = DeliveryState.FAILED, None, None
    else:
        retry_in = retry_delay(notification.attempts)
        state = DeliveryState.PENDING
        next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
    Notification.objects.filter(pk=notification.pk, delivery_state=DeliveryState.SENDING).update(
        delivery_state=state,
        claimed_until=None,
        next_attempt_at=next_attempt_at,
        last_error=reason,
    )
    return retry_in


def notification_deliver(*, notification_id) -> bool:
    """E-mail one notification that is due; True if it was sent now, False if nothing was sent."""
    return notification_deliver_attempt(notification_id=notification_id)[0]


def notifications_deliver_pending(*, older_than: timedelta | None = None) -> int:
    """Send what is still unsent (the broker was away, a worker died, a retry is due): the sweep.

    Notifications younger than `older_than` are left to the worker they were handed to.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.NOTIFICATIONS_SWEEP_AGE_SECONDS)
    cutoff = timezone.now() - older_than
    ids = list(
        Notification.objects.filter(_claimable(), created__lte=cutoff)
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
