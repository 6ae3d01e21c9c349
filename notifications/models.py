"""Notifications: the resident's inbox and the outbox that the e-mail worker drains."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    # Claimed by a worker that is handing it to the mail server (until `claimed_until`).
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    # Given up after the last attempt: parked for staff to look at (`last_error` says why).
    FAILED = "failed", _("failed")
    # No address to send to (e.g. the account was deleted); kept in the inbox only.
    SKIPPED = "skipped", _("not sent")


class Notification(models.Model):
    """Something a resident must know, written in the same transaction as the change behind it.

    It is shown in the portal's inbox (when it has a user) and e-mailed by a background worker
    (the row is the outbox entry: nothing is lost when the broker or the worker is down).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    # An address without an account (subscribers); otherwise the user's address at sending time.
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    delivery_state = models.CharField(
        _("e-mail"), max_length=16, choices=DeliveryState.choices, default=DeliveryState.PENDING
    )
    delivered_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # The delivery's idempotency key, written before the message is handed to the mail server
    # and sent as its `Message-ID` on every attempt: a repeated message is recognisably the same.
    message_id = models.CharField(_("message ID"), max_length=200, blank=True)
    # A worker's claim on a message it is sending; an expired claim means the worker died.
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    # No attempt before this time (the back-off after a failed attempt).
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # Makes a repeated notification of the same thing harmless (an event imported twice).
    # NULL, not "", when there is none: the unique constraint ignores NULLs.
    dedupe_key = models.CharField(  # noqa: DJ001
        _("deduplication key"), max_length=200, null=True, blank=True
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ("-created",)
        constraints = [
            models.UniqueConstraint(fields=["dedupe_key"], name="notifications_unique_dedupe_key")
        ]
        indexes = [
            models.Index(fields=["user", "-created"], name="notifications_inbox_idx"),
            models.Index(
                fields=["created"],
                condition=models.Q(delivery_state__in=("pending", "sending")),
                name="notifications_unsent_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
