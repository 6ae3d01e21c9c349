"""Background work of the key figures: the daily import of Statistics Finland's tables."""

from celery import shared_task

from indicators.services import own_figures_compute, sources_import_due


@shared_task(name="indicators.import_sources", acks_late=True)
def import_sources_task() -> int:
    """Import every active statistics source, then recompute the portal's own figures."""
    runs = sources_import_due()
    own_figures_compute()
    return len(runs)
