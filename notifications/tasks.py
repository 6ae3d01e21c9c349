"""Background delivery of notifications."""

from celery import shared_task

from notifications import services


@shared_task(name="notifications.deliver")
def notification_deliver_task(notification_id: str) -> bool:
    """E-mail one notification (idempotent: a sent one is not sent again)."""
    return services.notification_deliver(notification_id=notification_id)


@shared_task(name="notifications.deliver_pending")
def notifications_deliver_pending_task() -> int:
    """Sweep the outbox for notifications that the broker or a worker lost."""
    return services.notifications_deliver_pending()
