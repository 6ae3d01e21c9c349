"""Scheduled work of the accounts app; thin tasks calling services."""

from celery import shared_task

from accounts import services


@shared_task(name="accounts.remove_expired_records")
def sign_in_records_remove_expired_task() -> dict[str, int]:
    """Delete sign-in records and sessions past their retention time (idempotent)."""
    return services.sign_in_records_remove_expired()
