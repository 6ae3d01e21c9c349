"""Reads of the cases app with a rule in them: what a resident sees of a case, and when to
expect a decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseType, DeadlineKind, EventKind, Status
from cases.policies import cases_of_resident
from portal.pagecache import cache_seconds, cached_public

# Below this many decided cases in the window the declared processing time is shown instead.
STATISTICS_MIN_COUNT = 10
STATISTICS_WINDOW_DAYS = 183
# A decision is taken to be received seven days after it was sent (Local Government Act 139 §).
NOTICE_DAYS = 7
DAY = 86400


@dataclass(frozen=True)
class Expectation:
    """When to expect a decision, against the typical time and the legal deadline."""

    typical_days: int | None
    # "statistics" (median/p80 of decided cases) or "declared" (the published figure).
    typical_source: str | None
    days_in_processing: int
    paused_days: int
    expected_by: date | None
    legal_deadline_days: int | None
    legal_deadline_kind: str
    deadline: date | None
    overdue: bool
    slower_than_usual: bool
    decided: bool


def typical_days(case_type: CaseType) -> tuple[int | None, str | None]:
    """The figure residents are told: 80 % of cases are decided within it."""
    if case_type.stats_count >= STATISTICS_MIN_COUNT and case_type.stats_p80_days is not None:
        return case_type.stats_p80_days, "statistics"
    if case_type.declared_days is not None:
        return case_type.declared_days, "declared"
    return None, None


def _add_working_days(start: date, days: int) -> date:
    current = start
    added = 0
    while added < days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def paused_seconds(case: Case, now: datetime) -> float:
    """Time spent waiting for the resident, including a request still unanswered."""
    total = float(case.paused_seconds)
    if case.waiting_since is not None and case.decided_at is None:
        total += max(0.0, (now - case.waiting_since).total_seconds())
    return total


def case_expectation(case: Case, now: datetime | None = None) -> Expectation:
    """The processing clock of a case, without the time it waited for the resident."""
    now = now or timezone.now()
    case_type = case.case_type
    end = case.decided_at or now
    paused = paused_seconds(case, now)
    in_processing = max(0.0, (end - case.submitted_at).total_seconds() - paused)
    days = int(in_processing // DAY)
    paused_days = int(paused // DAY)
    typical, source = typical_days(case_type)
    submitted = timezone.localtime(case.submitted_at).date()
    expected_by = None
    if typical is not None:
        expected_by = submitted + timedelta(days=typical + paused_days)
    deadline = None
    legal = case_type.legal_deadline_days
    if legal is not None:
        if case_type.legal_deadline_kind == DeadlineKind.WORKING:
            deadline = _add_working_days(submitted, legal) + timedelta(days=paused_days)
        else:
            deadline = submitted + timedelta(days=legal + paused_days)
    decided = case.decided_at is not None
    today = timezone.localtime(now).date()
    return Expectation(
        typical_days=typical,
        typical_source=source,
        days_in_processing=days,
        paused_days=paused_days,
        expected_by=expected_by,
        legal_deadline_days=legal,
        legal_deadline_kind=case_type.legal_deadline_kind,
        deadline=deadline,
        overdue=not decided and deadline is not None and today > deadline,
        slower_than_usual=not decided and typical is not None and days > typical,
        decided=decided,
    )


def decision_final_date(decision: CaseEvent) -> date | None:
    """The day the decision becomes final unless appealed: notice period, then appeal period."""
    if decision.appeal_days is None:
        return None
    decided = timezone.localtime(decision.occurred_at).date()
    return decided + timedelta(days=NOTICE_DAYS + decision.appeal_days)


def my_cases(user) -> QuerySet[Case]:
    """The resident's cases, open ones first, then by submission (newest first)."""
    from django.db.models import Case as When_
    from django.db.models import IntegerField, Value, When

    return (
        cases_of_resident(user)
        .select_related("case_type", "phase")
        .annotate(
            closed_rank=When_(
                When(status__in=[Status.DECIDED, Status.CLOSED], then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("closed_rank", "-submitted_at")
    )


# Events shown per page of a case's history: the latest on the case page, earlier ones a page
# at a time behind a link.
HISTORY_PAGE_SIZE = 20


class NoSuchHistoryPage(Exception):
    """The cursor is not an event of this case that its resident sees."""


def _resident_events(case: Case) -> QuerySet[CaseEvent]:
    return CaseEvent.objects.filter(case=case, visible_to_resident=True)


def resident_case(user, case_id, *, with_phases: bool = True) -> Case | None:
    """One of the resident's cases, with its type's phases unless `with_phases` is false (the
    case page shows them; the API's case does not)."""
    cases = cases_of_resident(user).select_related("case_type", "phase")
    if with_phases:
        cases = cases.prefetch_related(Prefetch("case_type__phases"))
    return cases.filter(pk=case_id).first()


def resident_open_request(case: Case, event_id: int) -> CaseEvent | None:
    """A request for more information in the case, as its resident sees it."""
    return _resident_events(case).filter(pk=event_id, kind=EventKind.INFO_REQUEST).first()


@dataclass(frozen=True)
class HistoryPage:
    """A window of a case's history, newest first: the latest events, or those before the
    event `before` (keyset on (occurred_at, id), so a page costs the same however long the
    history is, and events added meanwhile never shift or repeat one)."""

    events: list[CaseEvent]
    # The id to pass as `before` for the next earlier page; None at the first event.
    earlier: int | None
    # Whether this is a page of earlier events (not the latest).
    is_earlier_page: bool


def history_page(
    case: Case,
    before: int | None = None,
    size: int = HISTORY_PAGE_SIZE,
    *,
    events: QuerySet[CaseEvent] | None = None,
) -> HistoryPage:
    """`size` events of the case's history before the event `before` (the latest without it):
    of `events` (with what to load with them), by default those its resident sees.
    NoSuchHistoryPage for a cursor that is not one of these events."""
    if events is None:
        events = _resident_events(case).select_related("phase")
    if before is not None:
        anchor = events.filter(pk=before).values_list("occurred_at", flat=True).first()
        if anchor is None:
            raise NoSuchHistoryPage(before)
        # (occurred_at, id) < (anchor, before): the index range up to the anchor's time, less
        # the anchor's later siblings of the same moment.
        events = events.filter(occurred_at__lte=anchor).exclude(occurred_at=anchor, id__gte=before)
    window = list(events.prefetch_related("documents").order_by("-occurred_at", "-id")[: size + 1])
    more = len(window) > size
    window = window[:size]
    return HistoryPage(
        events=window,
        earlier=window[-1].pk if more else None,
        is_earlier_page=before is not None,
    )


@dataclass(frozen=True)
class CasePage:
    case: Case
    history: HistoryPage
    phases: list
    current_phase_index: int | None
    open_requests: list[CaseEvent]
    decision: CaseEvent | None
    final_date: date | None
    expectation: Expectation
    # Where the municipality's bodies and officeholders handled the case (by its reference).
    agenda_items: list
    officeholder_decisions: list

    @property
    def events(self) -> list[CaseEvent]:
        return self.history.events


def case_page(case: Case, now: datetime | None = None, *, before: int | None = None) -> CasePage:
    """What the case page shows, from a case loaded by resident_case(): a page of the history
    (history_page()), the open requests and the latest decision, each read by its own index,
    never the whole history."""
    history = history_page(case, before)
    phases = list(case.case_type.phases.all())
    index = next((i for i, p in enumerate(phases) if p.pk == case.phase_id), None)
    open_requests = []
    if not case.decided_at:
        open_requests = list(
            _resident_events(case)
            .filter(kind=EventKind.INFO_REQUEST, answered_at=None)
            .order_by("-occurred_at", "-id")
        )
    decision = (
        _resident_events(case)
        .filter(kind=EventKind.DECISION)
        .order_by("-occurred_at", "-id")
        .first()
    )
    return CasePage(
        case=case,
        history=history,
        phases=phases,
        current_phase_index=index,
        open_requests=open_requests,
        decision=decision,
        final_date=decision_final_date(decision) if decision else None,
        expectation=case_expectation(case, now),
        **case_handlings(case, now),
    )


def case_handlings(case: Case, now: datetime | None = None) -> dict[str, list]:
    """Published agenda items and officeholder decisions with the case's reference.

    Public content: kept with the public pages' cache (portal.pagecache), which any change to
    the decisions empties, and for as long as a public page, so that an agenda published by the
    clock shows as soon as on the meeting's page."""
    if now is not None:
        return _case_handlings(case.reference, now)
    return cached_public(
        f"case-handlings:{case.reference}",
        lambda: _case_handlings(case.reference, None),
        timeout=cache_seconds(),
    )


def _case_handlings(reference: str, now: datetime | None) -> dict[str, list]:
    from decisions import policies as decision_policies

    items = (
        decision_policies.agenda_items_visible(now)
        .filter(case_reference=reference, is_confidential=False)
        .select_related("meeting__body")
        .order_by("meeting__starts_at", "id")[:20]
    )
    decisions = (
        decision_policies.officeholder_decisions_visible(now)
        .filter(case_reference=reference, is_confidential=False)
        .select_related("decision_maker")
        .order_by("decided_on", "id")[:20]
    )
    return {"agenda_items": list(items), "officeholder_decisions": list(decisions)}


def public_timeline(case: Case) -> list[CaseEvent]:
    """What a lookup with the tracking code shows: phases and public notes, no messages,
    documents or names."""
    return list(
        case.events.filter(
            visible_to_resident=True,
            kind__in=[
                EventKind.PHASE_CHANGE,
                EventKind.DECISION,
                EventKind.FINAL,
                EventKind.CLOSED,
            ],
        )
        .select_related("phase")
        .order_by("-occurred_at", "-id")
    )


def case_by_tracking_code(*, reference: str, tracking_code: str) -> Case | None:
    """The case with this reference whose tracking code matches; None for any mismatch."""
    from cases.services import tracking_code_hash

    return (
        Case.objects.select_related("phase", "case_type")
        .filter(
            reference=reference.strip(),
            tracking_code_hash=tracking_code_hash(tracking_code),
        )
        .exclude(tracking_code_hash="")
        .first()
    )
