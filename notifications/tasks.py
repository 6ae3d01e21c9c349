"""Background delivery of notifications."""

from celery import shared_task

from notifications import services


@shared_task(name="notifications.deliver", bind=True, max_retries=None)
def notification_deliver_task(self, notification_id: str) -> bool:
    """E-mail one notification (idempotent: a sent or claimed one is not sent again).

    A failed attempt comes back after its back-off; the last one parks the notification. Run in
    the calling process (no broker), the retry is the outbox sweep's, not the caller's.
    """
    sent, retry_in = services.notification_deliver_attempt(notification_id=notification_id)
    if retry_in is not None and not self.request.is_eager:
        raise self.retry(countdown=retry_in)
    return sent


@shared_task(name="notifications.deliver_pending")
def notifications_deliver_pending_task() -> int:
    """Sweep the outbox for notifications that the broker or a worker lost, and due retries."""
    return services.notifications_deliver_pending()
