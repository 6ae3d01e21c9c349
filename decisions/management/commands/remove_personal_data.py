"""Remove personal data from published decisions whose appeal period has ended."""

from django.core.management.base import BaseCommand

from decisions.services import personal_data_remove_due


class Command(BaseCommand):
    help = (
        "Remove the personal data marked in published decisions whose appeal period has ended "
        "(Local Government Act 140 §); each removal is recorded in the audit log."
    )

    def handle(self, *args, **options):
        count = personal_data_remove_due()
        self.stdout.write(f"Removed {count} passage(s) of personal data.")
