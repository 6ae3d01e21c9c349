"""Writes of the staff screens: a handler's work on a case, case types edited in the admin.

Each action goes through cases.services (case_record_event, case_send_message, document_store),
so that the history, the derived state of the case, notifications and the audit stay in one place.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import (
    AuditEntry,
    Case,
    CaseEvent,
    CaseType,
    EventKind,
    IntegrationClient,
    Phase,
    Status,
    Unit,
)
from cases.services import (
    case_record_event,
    case_send_message,
    document_check,
    document_store,
)
from cases.staff_selectors import phases_in_use

APPEAL_DAYS_CHOICES = (0, 14, 30)


def _actor_name(user) -> str:
    return f"user:{user.pk}"


def _texts(fi: str, sv: str) -> dict[str, str]:
    return {"fi": (fi or "").strip(), "sv": (sv or "").strip()}


@transaction.atomic
def case_change_phase(
    *, case: Case, phase: Phase, note_fi: str = "", note_sv: str = "", user
) -> CaseEvent:
    """Move a case to another of its type's phases, with a note for the resident in fi/sv."""
    event, _created = case_record_event(
        case=case,
        kind=EventKind.PHASE_CHANGE,
        phase=phase,
        note=_texts(note_fi, note_sv),
        actor=user,
        actor_name=_actor_name(user),
    )
    return event


@transaction.atomic
def case_request_information(
    *, case: Case, text_fi: str, text_sv: str, due: date, user
) -> CaseEvent:
    """Ask the resident for more information by a date; the processing clock stops meanwhile."""
    texts = _texts(text_fi, text_sv)
    if not texts["fi"] and not texts["sv"]:
        raise ValidationError(_("Write the request in Finnish or Swedish."))
    if due <= timezone.localdate():
        raise ValidationError(_("The due date must be in the future."))
    due_at = timezone.make_aware(datetime.combine(due, time(23, 59)))
    event, _created = case_record_event(
        case=case,
        kind=EventKind.INFO_REQUEST,
        note=texts,
        due_at=due_at,
        actor=user,
        actor_name=_actor_name(user),
    )
    return event


@transaction.atomic
def case_message_resident(*, case: Case, text: str, user) -> CaseEvent:
    """A message from the handler to the parties, shown inline in the case's history."""
    return case_send_message(case=case, author=user, text=text, from_staff=True)


@transaction.atomic
def case_record_decision(
    *,
    case: Case,
    outcome: str,
    summary_fi: str,
    summary_sv: str,
    appeal_days: int,
    decision_reference: str = "",
    user,
) -> CaseEvent:
    """Record the decision with its appeal period; the case moves to its type's decided phase."""
    if appeal_days not in APPEAL_DAYS_CHOICES:
        raise ValidationError(_("Choose an appeal period of 0, 14 or 30 days."))
    summary = _texts(summary_fi, summary_sv)
    if not summary["fi"] and not summary["sv"]:
        raise ValidationError(_("Summarise the decision in Finnish or Swedish."))
    decided_phase = (
        case.case_type.phases.filter(status=Status.DECIDED).order_by("sort_order", "id").first()
    )
    now = timezone.now()
    if decided_phase is not None and case.phase_id != decided_phase.pk and case.decided_at is None:
        # The decision event itself tells the resident; the phase moves along silently.
        case_record_event(
            case=case,
            kind=EventKind.PHASE_CHANGE,
            phase=decided_phase,
            visible_to_resident=False,
            occurred_at=now,
            actor=user,
            actor_name=_actor_name(user),
        )
    event, _created = case_record_event(
        case=case,
        kind=EventKind.DECISION,
        outcome=outcome,
        note=summary,
        appeal_days=appeal_days,
        decision_reference=(decision_reference or "").strip(),
        occurred_at=now,
        actor=user,
        actor_name=_actor_name(user),
    )
    return event


@transaction.atomic
def case_attach_document(
    *,
    case: Case,
    upload,
    note_fi: str = "",
    note_sv: str = "",
    visible_to_resident: bool = True,
    user,
) -> CaseEvent:
    """Add a document to the case's history (checked by content before anything is written)."""
    kind = document_check(upload)
    event, _created = case_record_event(
        case=case,
        kind=EventKind.DOCUMENT,
        note=_texts(note_fi, note_sv),
        visible_to_resident=visible_to_resident,
        actor=user,
        actor_name=_actor_name(user),
    )
    document_store(case=case, event=event, upload=upload, user=user, kind=kind)
    return event


# --- Case types ---------------------------------------------------------------------------------


@transaction.atomic
def case_type_commit(*, case_type: CaseType, removed_phases: list[Phase], user) -> CaseType:
    """Save a case type edited in the admin with its phases, keeping every invariant."""
    in_use = phases_in_use(case_type)
    blocked = [phase for phase in removed_phases if phase.pk in in_use]
    if blocked:
        raise ValidationError(
            _("Phase “%(phase)s” is used by cases and cannot be removed.") % {"phase": blocked[0]}
        )
    phases = list(case_type.phases.all())
    if not phases:
        raise ValidationError(_("A case type needs at least one phase."))
    codes = [phase.code for phase in phases]
    if len(codes) != len(set(codes)):
        raise ValidationError(_("Each phase of a case type needs a code of its own."))
    case_type.full_clean()
    for phase in phases:
        phase.full_clean(exclude=["case_type"])
    created = case_type.pk is None
    # ClusterableModel.save() writes the phases (and removes the deleted ones) with the type.
    case_type.save()
    AuditEntry.objects.create(
        actor=_actor_name(user),
        action="case_type_created" if created else "case_type_updated",
        details={"case_type": case_type.code},
    )
    return case_type


# --- Units and integration clients ---------------------------------------------------------------


@transaction.atomic
def unit_commit(*, unit: Unit, handlers: list, user) -> Unit:
    """Save a unit edited in the admin and set who handles its cases."""
    created = unit.pk is None
    unit.full_clean()
    unit.save()
    unit.handlers.set(handlers)
    AuditEntry.objects.create(
        actor=_actor_name(user),
        action="unit_created" if created else "unit_updated",
        details={"unit": unit.code, "handlers": sorted(h.pk for h in handlers)},
    )
    return unit


@transaction.atomic
def integration_client_update(
    *, client: IntegrationClient, name: str, is_active: bool, user
) -> IntegrationClient:
    """Rename a back-office client or revoke (deactivate) its token."""
    client.name = name
    client.is_active = is_active
    client.full_clean()
    client.save(update_fields=["name", "is_active"])
    AuditEntry.objects.create(
        actor=_actor_name(user),
        action="integration_client_updated",
        details={"client": client.pk, "active": is_active},
    )
    return client
