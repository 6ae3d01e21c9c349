"""Recompute the processing-time statistics of every case type now."""

from django.core.management.base import BaseCommand

from cases.statistics import processing_times_compute


class Command(BaseCommand):
    help = (
        "Recompute count, median and 80th percentile of processing days per case type "
        "(what the nightly task does)."
    )

    def handle(self, *args, **options):
        def progress(case_type, figures):
            self.stdout.write(
                f"  {case_type.code}: {figures.count} decided, median {figures.median_days}, "
                f"80 % within {figures.p80_days} days"
            )

        self.stdout.write("Computing processing times…")
        results = processing_times_compute(progress=progress)
        self.stdout.write(self.style.SUCCESS(f"Done: {len(results)} case types."))
