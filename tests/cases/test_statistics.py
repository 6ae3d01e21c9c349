"""Processing-time statistics: count, median and 80th percentile over the window."""

from __future__ import annotations

import io
import itertools
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from cases import services
from cases.models import CaseType, EventKind
from cases.selectors import STATISTICS_MIN_COUNT, STATISTICS_WINDOW_DAYS, typical_days
from cases.statistics import percentile_cont, processing_times_compute
from cases.tasks import compute_processing_times_task
from tests.cases.factories import make_case_type

_refs = itertools.count(1)
NOW = timezone.datetime(2026, 6, 15, 12, 0, tzinfo=timezone.get_fixed_timezone(0))


def decided_case(case_type, *, processing_days: int, decided_days_ago: float, paused_days=0):
    """A case decided `decided_days_ago` before NOW after `processing_days` (+ paused) days."""
    decided_at = NOW - timedelta(days=decided_days_ago)
    submitted = decided_at - timedelta(days=processing_days + paused_days, hours=1)
    case, _code = services.case_save(
        case_type=case_type,
        reference=f"STAT/{next(_refs)}/2026",
        title={"fi": "Hakemus", "sv": "Ansökan"},
        language="fi",
        submitted_at=submitted,
        actor="test",
    )
    if paused_days:
        request, _ = services.case_record_event(
            case=case,
            kind=EventKind.INFO_REQUEST,
            actor_name="test",
            occurred_at=submitted + timedelta(hours=1),
            due_at=submitted + timedelta(days=30),
        )
        request.answered_at = submitted + timedelta(days=paused_days, hours=1)
        request.save(update_fields=["answered_at"])
    services.case_record_event(
        case=case,
        kind=EventKind.DECISION,
        actor_name="test",
        occurred_at=decided_at,
        outcome="approved",
        appeal_days=30,
    )
    case.refresh_from_db()
    assert case.processing_days == processing_days
    return case


def test_percentile_cont__interpolates_like_postgresql():
    assert percentile_cont([], 0.5) is None
    assert percentile_cont([7], 0.8) == 7
    assert percentile_cont(list(range(1, 11)), 0.5) == 5.5
    assert percentile_cont(list(range(1, 11)), 0.8) == pytest.approx(8.2)


@pytest.mark.django_db
def test_processing_times_compute__median_and_p80_of_decided_cases_in_the_window():
    case_type = make_case_type(declared_days=30)
    for days in range(1, 11):
        decided_case(case_type, processing_days=days, decided_days_ago=days)
    # Paused time is excluded: 4 days of processing and 20 days of waiting count as 4.
    decided_case(case_type, processing_days=4, decided_days_ago=3, paused_days=20)
    # Just inside and just outside the window.
    decided_case(case_type, processing_days=100, decided_days_ago=STATISTICS_WINDOW_DAYS - 0.01)
    decided_case(case_type, processing_days=100, decided_days_ago=STATISTICS_WINDOW_DAYS + 0.01)

    results = processing_times_compute(now=NOW)

    case_type.refresh_from_db()
    # 1..10, 4 and 100: sorted [1,2,3,4,4,5,6,7,8,9,10,100]; median 5.5 → 6, p80 at 8.8 → 9.
    assert (case_type.stats_count, case_type.stats_median_days, case_type.stats_p80_days) == (
        12,
        6,
        9,
    )
    assert case_type.stats_computed_at == NOW
    assert results[case_type.code].count == 12
    assert typical_days(case_type) == (9, "statistics")


@pytest.mark.django_db
def test_processing_times_compute__below_the_minimum_count_residents_see_the_declared_time():
    case_type = make_case_type(declared_days=45)
    for days in range(STATISTICS_MIN_COUNT - 1):
        decided_case(case_type, processing_days=days + 1, decided_days_ago=10)

    processing_times_compute(now=NOW)

    case_type.refresh_from_db()
    assert case_type.stats_count == STATISTICS_MIN_COUNT - 1
    assert typical_days(case_type) == (45, "declared")


@pytest.mark.django_db
def test_processing_times_compute__a_type_without_decisions_is_reset():
    case_type = make_case_type()
    CaseType.objects.filter(pk=case_type.pk).update(
        stats_count=50, stats_median_days=3, stats_p80_days=5
    )

    processing_times_compute(now=NOW)

    case_type.refresh_from_db()
    assert (case_type.stats_count, case_type.stats_median_days, case_type.stats_p80_days) == (
        0,
        None,
        None,
    )


@pytest.mark.django_db
def test_compute_processing_times_command__reports_progress_per_case_type():
    case_type = make_case_type(code="building-permit")
    decided_case(case_type, processing_days=12, decided_days_ago=5)
    out = io.StringIO()

    with time_machine.travel(NOW, tick=False):
        call_command("compute_processing_times", stdout=out)

    assert "building-permit: 1 decided, median 12, 80 % within 12 days" in out.getvalue()
    case_type.refresh_from_db()
    assert case_type.stats_count == 1


@pytest.mark.django_db
def test_compute_processing_times_task__is_scheduled_nightly_and_computes(settings):
    case_type = make_case_type()
    decided_case(case_type, processing_days=3, decided_days_ago=1)
    schedule = settings.CELERY_BEAT_SCHEDULE["cases-compute-processing-times"]

    with time_machine.travel(NOW, tick=False):
        assert compute_processing_times_task.delay().get() >= 1

    assert schedule["task"] == compute_processing_times_task.name
    case_type.refresh_from_db()
    assert case_type.stats_median_days == 3
