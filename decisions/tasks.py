"""Scheduled work of the decisions app; thin tasks calling services."""

from celery import shared_task

from decisions import services


@shared_task(name="decisions.remove_personal_data")
def personal_data_remove_due_task() -> int:
    """Remove marked personal data whose appeal period has ended (idempotent)."""
    return services.personal_data_remove_due()


@shared_task(name="decisions.announce_published")
def announce_published_task() -> int:
    """Tell subscribers about agendas, minutes and decisions whose publish time has come."""
    return services.subscriptions_announce_due()
