"""Processing-time statistics per case type (PRODUCT.md §3): how many cases were decided in the
last STATISTICS_WINDOW_DAYS days, and the median and 80th percentile of their processing days
(submission to decision, without the time spent waiting for the resident).

PostgreSQL computes the percentiles itself (percentile_cont, one query per case type on the
(case_type, decided_at) index), so a million cases never travel to Python; SQLite, used by the
tests and the embedded demo, gets the same interpolation in Python.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Aggregate, Count, FloatField
from django.utils import timezone

from cases.models import Case, CaseType
from cases.selectors import STATISTICS_WINDOW_DAYS


class PercentileCont(Aggregate):
    """PostgreSQL's continuous percentile (linear interpolation between neighbours)."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        super().__init__(expression, fraction=float(fraction), **extra)


@dataclass(frozen=True)
class ProcessingTimes:
    count: int
    median_days: int | None
    p80_days: int | None


def percentile_cont(ordered: list[int], fraction: float) -> float | None:
    """The same interpolation as PostgreSQL's percentile_cont, over sorted values."""
    if not ordered:
        return None
    position = fraction * (len(ordered) - 1)
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def _days(value: float | None) -> int | None:
    # Rounded up: "80 % are decided within N days" must not promise less than the data shows.
    return None if value is None else math.ceil(value - 1e-9)


def processing_times_of(
    case_type: CaseType, *, since: datetime, until: datetime
) -> ProcessingTimes:
    """Count, median and 80th percentile of the processing days of the type's decided cases."""
    decided = Case.objects.filter(
        case_type=case_type,
        decided_at__gte=since,
        decided_at__lte=until,
        processing_days__isnull=False,
    )
    if connection.vendor == "postgresql":
        row = decided.aggregate(
            count=Count("pk"),
            median=PercentileCont("processing_days", 0.5),
            p80=PercentileCont("processing_days", 0.8),
        )
        return ProcessingTimes(row["count"], _days(row["median"]), _days(row["p80"]))
    values = sorted(decided.values_list("processing_days", flat=True))
    return ProcessingTimes(
        len(values), _days(percentile_cont(values, 0.5)), _days(percentile_cont(values, 0.8))
    )


def processing_times_compute(
    *,
    now: datetime | None = None,
    progress: Callable[[CaseType, ProcessingTimes], None] | None = None,
) -> dict[str, ProcessingTimes]:
    """Recompute and store every case type's processing-time statistics; {code: figures}."""
    now = now or timezone.now()
    since = now - timedelta(days=STATISTICS_WINDOW_DAYS)
    results = {}
    for case_type in CaseType.objects.order_by("sort_order", "code"):
        figures = processing_times_of(case_type, since=since, until=now)
        with transaction.atomic():
            # update(), not save(): the case type's own texts did not change.
            CaseType.objects.filter(pk=case_type.pk).update(
                stats_count=figures.count,
                stats_median_days=figures.median_days,
                stats_p80_days=figures.p80_days,
                stats_computed_at=now,
            )
        results[case_type.code] = figures
        if progress is not None:
            progress(case_type, figures)
    return results
