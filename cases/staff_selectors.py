"""Reads of the staff screens with a rule in them: which case types a handler maintains, and
which of their cases are past the legal deadline."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.powers import has_staff_powers
from cases.models import Case, CaseEvent, CaseType, EventKind, Phase, Unit
from cases.policies import cases_of_handler
from cases.selectors import case_expectation


def _is_handler(user) -> bool:
    return has_staff_powers(user) and user.is_staff


def units_of_handler(user) -> QuerySet[Unit]:
    """The units whose cases the user handles; superusers, all of them."""
    if not _is_handler(user):
        return Unit.objects.none()
    if user.is_superuser:
        return Unit.objects.all()
    return Unit.objects.filter(handlers=user)


def case_types_of_handler(user) -> QuerySet[CaseType]:
    """The case types of the user's units, which they maintain with their phases."""
    if not _is_handler(user):
        return CaseType.objects.none()
    if user.is_superuser:
        return CaseType.objects.all()
    return CaseType.objects.filter(unit__handlers=user)


def phases_of_handler(user) -> QuerySet[Phase]:
    return Phase.objects.filter(case_type__in=case_types_of_handler(user)).select_related(
        "case_type"
    )


def cases_for_handler_listing(user) -> QuerySet[Case]:
    """The handler's cases as their list shows them: with the type and phase, and the due date
    of the earliest unanswered request for more information (`open_request_due`), all in the
    listing's own query."""
    open_requests = CaseEvent.objects.filter(
        case=OuterRef("pk"), kind=EventKind.INFO_REQUEST, answered_at__isnull=True
    ).order_by("due_at")
    return (
        cases_of_handler(user)
        .select_related("case_type", "phase")
        .annotate(open_request_due=Subquery(open_requests.values("due_at")[:1]))
    )


def overdue_case_ids(cases: QuerySet[Case], now: datetime | None = None) -> list:
    """The open cases among `cases` that are past their legal deadline (paused time excluded).

    Only cases submitted longer ago than the deadline can be late (waiting and working days only
    push a deadline further), so the database narrows them down before the exact check.
    """
    now = now or timezone.now()
    may_be_late = Q()
    deadlines = CaseType.objects.filter(legal_deadline_days__isnull=False).values_list(
        "pk", "legal_deadline_days"
    )
    for case_type_id, days in deadlines:
        may_be_late |= Q(case_type_id=case_type_id, submitted_at__lt=now - timedelta(days=days))
    if not may_be_late:
        return []
    candidates = (
        cases.filter(may_be_late, decided_at__isnull=True, closed_at__isnull=True)
        .select_related(None)
        .select_related("case_type")
        .order_by()
        .only(
            "pk",
            "submitted_at",
            "decided_at",
            "paused_seconds",
            "waiting_since",
            "case_type__legal_deadline_days",
            "case_type__legal_deadline_kind",
            "case_type__declared_days",
            "case_type__stats_count",
            "case_type__stats_p80_days",
        )
    )
    return [case.pk for case in candidates if case_expectation(case, now).overdue]


def phases_in_use(case_type: CaseType) -> set[int]:
    """Phases that a case or an event refers to: they may be renamed, never removed."""
    if case_type.pk is None:
        return set()
    cases = Case.objects.filter(case_type=case_type, phase__isnull=False)
    events = CaseEvent.objects.filter(case__case_type=case_type, phase__isnull=False)
    return set(cases.order_by().values_list("phase_id", flat=True).distinct()) | set(
        events.order_by().values_list("phase_id", flat=True).distinct()
    )
