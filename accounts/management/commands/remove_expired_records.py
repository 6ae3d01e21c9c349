"""Delete sign-in records and sessions past their retention time."""

from django.core.management.base import BaseCommand

from accounts.services import sign_in_records_remove_expired


class Command(BaseCommand):
    help = (
        "Delete failed sign-ins past their cool-off, successful sign-ins older than "
        "SIGN_IN_LOG_RETENTION_DAYS and expired sessions (Celery beat runs this every hour)."
    )

    def handle(self, *args, **options):
        removed = sign_in_records_remove_expired()
        self.stdout.write(
            "Removed {attempts} failed sign-in(s), {sign_ins} sign-in record(s), "
            "{failure_logs} failure record(s) and {sessions} expired session(s).".format(**removed)
        )
