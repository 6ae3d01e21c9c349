"""`manage.py sweep_orphan_files`: delete stored files that no row refers to."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from portal.orphans import DEFAULT_GRACE, orphan_files_sweep


class Command(BaseCommand):
    help = (
        "Delete uploaded files that no row refers to (left by interrupted requests), once they "
        "are older than the grace period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=DEFAULT_GRACE.total_seconds() / 3600,
            help="Leave files younger than this alone (default 24).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list them.")

    def handle(self, *args, grace_hours: float, dry_run: bool, **options):
        removed = orphan_files_sweep(grace=timedelta(hours=grace_hours), dry_run=dry_run)
        for name in removed:
            self.stdout.write(name)
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(f"{len(removed)} file(s) {verb}.")
