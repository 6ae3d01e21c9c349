"""Background work of the portal itself."""

from celery import shared_task

from portal.orphans import orphan_files_sweep


@shared_task(name="portal.sweep_orphan_files")
def sweep_orphan_files_task() -> int:
    """Nightly: delete stored files that no row refers to, a day after they were written."""
    return len(orphan_files_sweep())
