"""Background work of the cases app."""

from celery import shared_task

from cases import statistics


@shared_task(name="cases.compute_processing_times")
def compute_processing_times_task() -> int:
    """Nightly: recompute the processing-time statistics of every case type."""
    return len(statistics.processing_times_compute())
