"""Every write of the cases app: cases, their events, messages, documents and parties."""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases.models import (
    ActorKind,
    AuditEntry,
    Case,
    CaseDocument,
    CaseEvent,
    CaseParty,
    CaseType,
    EventKind,
    IntegrationClient,
    Phase,
    Source,
    Status,
    Unit,
)
from notifications.services import notification_create
from portal.uploads import FileKind, stored_name, upload_inspect
from portal.validators import validate_personal_identity_code

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
TRACKING_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
TRACKING_CODE_LENGTH = 12


class CaseConflict(Exception):
    """An event that cannot happen in the case's present state (the API answers 409)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- Hashes of secrets -------------------------------------------------------------------------


def tracking_code_hash(code: str) -> str:
    normalised = re.sub(r"[\s-]", "", code or "").upper()
    return salted_hmac("cases.tracking_code", normalised, algorithm="sha256").hexdigest()


def tracking_code_new() -> str:
    raw = "".join(secrets.choice(TRACKING_CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, TRACKING_CODE_LENGTH, 4))


def personal_identity_code_hash(code: str) -> str:
    """A keyed hash of a Finnish personal identity code; the code itself is never stored."""
    normalised = (code or "").strip().upper()
    validate_personal_identity_code(normalised)
    return salted_hmac("cases.personal_identity_code", normalised, algorithm="sha256").hexdigest()


def integration_token_hash(token: str) -> str:
    return salted_hmac("cases.integration_token", token or "", algorithm="sha256").hexdigest()


def hashes_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


# --- Cases ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartySpec:
    role: str
    email: str = ""
    personal_identity_code: str = ""


def _audit(*, actor: str, action: str, case: Case | None, **details) -> None:
    AuditEntry.objects.create(actor=actor[:200], action=action, case=case, details=details)


def _link_party(party: CaseParty) -> None:
    """Link a party named by e-mail to the account whose verified address it is."""
    if party.user_id or not party.email:
        return
    address = (
        EmailAddress.objects.filter(email__iexact=party.email, verified=True)
        .select_related("user")
        .first()
    )
    if address is not None and address.user.is_active:
        party.user = address.user


@transaction.atomic
def case_save(
    *,
    case_type: CaseType,
    reference: str,
    title: dict[str, str],
    language: str,
    submitted_at: datetime,
    publicity: str | None = None,
    parties: list[PartySpec] | None = None,
    external_id: str | None = None,
    case: Case | None = None,
    actor: str,
    source: str = Source.PORTAL,
) -> tuple[Case, str | None]:
    """Create a case (returning its tracking code once) or update the given one's details."""
    created = case is None
    if created:
        case = Case(case_type=case_type, external_id=external_id or None)
    elif case.case_type_id != case_type.pk and case.events.exists():
        raise CaseConflict(
            "case_type_locked", _("The case type cannot change once the case has events.")
        )
    case.case_type = case_type
    case.unit_id = case_type.unit_id
    case.reference = reference
    case.language = language
    case.submitted_at = submitted_at
    case.publicity = publicity or case_type.default_publicity
    for code in ("fi", "sv", "en"):
        setattr(case, f"title_{code}", (title.get(code) or "").strip() or None)
    if not case.title_fi and not case.title_sv:
        raise ValidationError({"title": _("Give the title in Finnish or Swedish.")})
    tracking_code = None
    if created:
        tracking_code = tracking_code_new()
        case.tracking_code_hash = tracking_code_hash(tracking_code)
        case.phase = case_type.phases.order_by("sort_order", "id").first()
        case.status = case.phase.status if case.phase else Status.RECEIVED
    case.full_clean(exclude=["tracking_code_hash", "external_id"])
    case.save()
    if parties is not None:
        _replace_parties(case, parties)
    _audit(
        actor=actor,
        action="case_created" if created else "case_updated",
        case=case,
        reference=reference,
        source=source,
    )
    return case, tracking_code


def _replace_parties(case: Case, parties: list[PartySpec]) -> None:
    existing = {(p.email, p.identity_hash): p for p in case.parties.all()}
    keep = set()
    for spec in parties:
        email = (spec.email or "").strip().lower()
        identity = (
            personal_identity_code_hash(spec.personal_identity_code)
            if spec.personal_identity_code
            else ""
        )
        if not email and not identity:
            raise ValidationError(
                {"parties": _("Name each party by e-mail address or personal identity code.")}
            )
        key = (email, identity)
        party = existing.get(key) or CaseParty(case=case, email=email, identity_hash=identity)
        party.role = spec.role
        _link_party(party)
        party.save()
        keep.add(party.pk)
    case.parties.exclude(pk__in=keep).delete()


@transaction.atomic
def parties_link_verified_emails(*, user) -> int:
    """Link the cases that name one of the user's verified addresses to the user's account."""
    emails = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    if not emails or not user.is_active:
        return 0
    lowered = [email.lower() for email in emails]
    return CaseParty.objects.filter(user__isnull=True, email__in=lowered).update(user=user)


@transaction.atomic
def parties_link_identity(*, user, personal_identity_code: str) -> int:
    """Link cases naming this personal identity code, after strong identification."""
    identity = personal_identity_code_hash(personal_identity_code)
    return CaseParty.objects.filter(user__isnull=True, identity_hash=identity).update(user=user)


# --- Events --------------------------------------------------------------------------------------

NOTIFIED_KINDS = {
    EventKind.PHASE_CHANGE,
    EventKind.NOTE,
    EventKind.MESSAGE,
    EventKind.INFO_REQUEST,
    EventKind.DOCUMENT,
    EventKind.DECISION,
    EventKind.FINAL,
    EventKind.CLOSED,
}


_CONFLICT_MESSAGES = {
    "case_closed": gettext_lazy("The case is closed; nothing more can happen in it."),
    "decision_final": gettext_lazy(
        "The decision is final; the case can only be closed or given a note."
    ),
    "not_decided": gettext_lazy("A case becomes final only after its decision."),
    "decision_made": gettext_lazy("A decided case cannot go back to the phase “received”."),
    "out_of_order": gettext_lazy(
        "The event cannot be dated before events of the case that it does not allow."
    ),
}


def _order_violations(history: list[tuple[object, str, str | None]]) -> set[tuple[object, str]]:
    """(event, rule) pairs that break the rule of order in a history ordered by occurrence.

    `history` holds (key, kind, status of the event's phase). The rules, each read at the event's
    own `occurred_at`: after `closed` only notes; after `final` no phase change, request for
    information, decision or another `final`; `final` only after a decision; after a decision no
    phase whose status is "received".
    """
    decided = final = closed = False
    found = set()
    for key, kind, phase_status in history:
        if closed and kind != EventKind.NOTE:
            found.add((key, "case_closed"))
        if final and kind in (
            EventKind.PHASE_CHANGE,
            EventKind.INFO_REQUEST,
            EventKind.DECISION,
            EventKind.FINAL,
        ):
            found.add((key, "decision_final"))
        if kind == EventKind.FINAL and not decided:
            found.add((key, "not_decided"))
        if kind == EventKind.PHASE_CHANGE and decided and phase_status == Status.RECEIVED:
            found.add((key, "decision_made"))
        decided = decided or kind == EventKind.DECISION
        final = final or kind == EventKind.FINAL
        closed = closed or kind == EventKind.CLOSED
    return found


def _check_order(case: Case, kind: str, phase: Phase | None, occurred_at: datetime) -> None:
    """Refuse an event that would break the rule of order where its `occurred_at` puts it.

    An event arriving late but dated where it fits is accepted (a phase change from before the
    decision); one dated where it breaks the rules is refused, whether the rule is broken by the
    event itself (a phase change dated after the closing) or by what it would precede (a closing
    dated before the decision). Events at the same time count in the order they arrived.
    """
    if phase is not None and phase.case_type_id != case.case_type_id:
        raise CaseConflict("unknown_phase", _("The phase does not belong to the case type."))
    existing = [
        (event.pk, event.kind, event.phase.status if event.phase else None, event.occurred_at)
        for event in case.events.select_related("phase").order_by("occurred_at", "id")
    ]
    before = _order_violations([row[:3] for row in existing])
    position = sum(1 for row in existing if row[3] <= occurred_at)
    new = (None, kind, phase.status if phase else None)
    history = [row[:3] for row in existing]
    history.insert(position, new)
    broken = _order_violations(history) - before
    if not broken:
        return
    own = sorted(code for key, code in broken if key is None)
    code = own[0] if own else "out_of_order"
    raise CaseConflict(code, str(_CONFLICT_MESSAGES[code]))


def case_state_derive(case: Case, events: list[CaseEvent], now: datetime) -> None:
    """Set the case's phase, status, processing clock and milestones from its events, given in
    the order (occurred_at, id); nothing is saved."""
    phase = None
    decided_at = final_at = closed_at = None
    waiting_since = None
    paused = 0.0
    for event in events:
        if event.kind == EventKind.PHASE_CHANGE and event.phase is not None:
            phase = event.phase
        elif event.kind == EventKind.DECISION:
            decided_at = event.occurred_at
        elif event.kind == EventKind.FINAL:
            final_at = event.occurred_at
        elif event.kind == EventKind.CLOSED:
            closed_at = event.occurred_at
    stop = decided_at or now
    for event in events:
        if event.kind == EventKind.INFO_REQUEST and event.pauses_clock:
            end = event.answered_at or stop
            if event.answered_at is None and decided_at is None:
                waiting_since = min(waiting_since or event.occurred_at, event.occurred_at)
                continue
            paused += max(0.0, (min(end, stop) - event.occurred_at).total_seconds())
    if phase is None:
        phase = case.case_type.phases.order_by("sort_order", "id").first()
    case.phase = phase
    case.decided_at = decided_at
    case.final_at = final_at
    case.closed_at = closed_at
    case.waiting_since = waiting_since
    case.paused_seconds = int(paused)
    if closed_at is not None:
        case.status = Status.CLOSED
    elif decided_at is not None:
        case.status = Status.DECIDED
    elif waiting_since is not None:
        case.status = Status.WAITING_FOR_YOU
    else:
        case.status = phase.status if phase is not None else Status.RECEIVED
        if case.status == Status.DECIDED:
            case.status = Status.IN_PROGRESS
    if decided_at is not None:
        seconds = (decided_at - case.submitted_at).total_seconds() - paused
        case.processing_days = max(0, int(seconds // 86400))
    else:
        case.processing_days = None


def _recompute(case: Case, now: datetime | None = None) -> None:
    """Derive phase, status, the processing clock and the milestones from the events."""
    now = now or timezone.now()
    events = list(case.events.select_related("phase").order_by("occurred_at", "id"))
    case_state_derive(case, events, now)
    case.save(
        update_fields=[
            "phase",
            "status",
            "decided_at",
            "final_at",
            "closed_at",
            "waiting_since",
            "paused_seconds",
            "processing_days",
            "modified",
        ]
    )


NOTIFICATION_SUBJECTS = {
    EventKind.PHASE_CHANGE: gettext_lazy("Your case %(reference)s has moved on"),
    EventKind.NOTE: gettext_lazy("News in your case %(reference)s"),
    EventKind.MESSAGE: gettext_lazy("A new message in your case %(reference)s"),
    EventKind.INFO_REQUEST: gettext_lazy("More information is needed for your case %(reference)s"),
    EventKind.DOCUMENT: gettext_lazy("A new document in your case %(reference)s"),
    EventKind.DECISION: gettext_lazy("Your case %(reference)s has been decided"),
    EventKind.FINAL: gettext_lazy("The decision in your case %(reference)s is final"),
    EventKind.CLOSED: gettext_lazy("Your case %(reference)s has been closed"),
}


def _notify(case: Case, event: CaseEvent) -> None:
    """A notification to every party with an account, in the case's language."""
    recipients = {
        party.user_id: party.user
        for party in case.parties.select_related("user").filter(user__isnull=False)
        if party.user.is_active and party.user_id != event.actor_id
    }
    for user in recipients.values():
        language = case.language
        with translation.override(language):
            subject = str(NOTIFICATION_SUBJECTS[event.kind]) % {"reference": case.reference}
            lines = [str(subject) + "."]
            if event.kind == EventKind.PHASE_CHANGE and event.phase is not None:
                from portal.translation import translated

                lines.append(_("Phase now: %(phase)s") % {"phase": translated(event.phase, "name")})
            if event.kind == EventKind.INFO_REQUEST and event.due_at is not None:
                due = date_format(timezone.localtime(event.due_at), "SHORT_DATE_FORMAT")
                lines.append(_("Please answer by %(date)s.") % {"date": due})
            if event.kind != EventKind.MESSAGE:
                note = getattr(event, f"note_{language}", "") or ""
                if note:
                    lines.append(note)
            url = reverse("cases:detail", kwargs={"case_id": case.pk})
        notification_create(
            user=user,
            language=language,
            kind=f"case_{event.kind}",
            subject=subject,
            body="\n\n".join(lines),
            url=url,
            dedupe_key=f"case-event:{event.pk}:{user.pk}",
        )


@transaction.atomic
def case_record_event(
    *,
    case: Case,
    kind: str,
    actor_name: str,
    occurred_at: datetime | None = None,
    actor=None,
    actor_kind: str = ActorKind.STAFF,
    source: str = Source.PORTAL,
    note: dict[str, str] | None = None,
    visible_to_resident: bool = True,
    phase: Phase | None = None,
    external_event_id: str | None = None,
    due_at: datetime | None = None,
    outcome: str = "",
    appeal_days: int | None = None,
    decision_reference: str = "",
) -> tuple[CaseEvent, bool]:
    """Append an event to a case's history and notify its parties; (event, created).

    An event whose `external_event_id` the case already has is returned unchanged.
    """
    case = Case.objects.select_for_update().select_related("case_type").get(pk=case.pk)
    if external_event_id:
        existing = case.events.filter(external_event_id=external_event_id).first()
        if existing is not None:
            return existing, False
    occurred_at = occurred_at or timezone.now()
    _check_order(case, kind, phase, occurred_at)
    note = note or {}
    event = CaseEvent(
        case=case,
        kind=kind,
        occurred_at=occurred_at,
        actor=actor,
        actor_kind=actor_kind,
        source=source,
        visible_to_resident=visible_to_resident,
        pauses_clock=kind == EventKind.INFO_REQUEST,
        phase=phase,
        external_event_id=external_event_id or None,
        due_at=due_at,
        outcome=outcome,
        appeal_days=appeal_days,
        decision_reference=decision_reference,
    )
    for code in ("fi", "sv", "en"):
        setattr(event, f"note_{code}", (note.get(code) or "").strip() or None)
    event.full_clean(exclude=["case", "actor", "phase", "answer_to"])
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:
        # The same external event from a parallel request that committed first.
        return case.events.get(external_event_id=external_event_id), False
    _recompute(case)
    if visible_to_resident and kind in NOTIFIED_KINDS:
        _notify(case, event)
    _audit(
        actor=actor_name,
        action=f"event_{kind}",
        case=case,
        event=event.pk,
        external_event_id=external_event_id,
        source=source,
    )
    return event, True


@transaction.atomic
def case_send_message(*, case: Case, author, text: str, from_staff: bool) -> CaseEvent:
    """A message between the resident and the case's handlers, shown inline in the history."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write a message.")})
    event, _created = case_record_event(
        case=case,
        kind=EventKind.MESSAGE,
        actor=author,
        actor_name=f"user:{author.pk}",
        actor_kind=ActorKind.STAFF if from_staff else ActorKind.RESIDENT,
        note={case.language: text},
    )
    return event


@transaction.atomic
def case_answer_info_request(
    *, case: Case, request_event: CaseEvent, user, text: str, files: list
) -> CaseEvent:
    """The resident's answer to a request for more information: restarts the clock."""
    request_event = CaseEvent.objects.select_for_update().get(pk=request_event.pk, case=case)
    if request_event.kind != EventKind.INFO_REQUEST:
        raise CaseConflict("not_a_request", _("This is not a request for more information."))
    if request_event.answered_at is not None:
        raise CaseConflict("already_answered", _("This request has already been answered."))
    text = (text or "").strip()
    if not text and not files:
        raise ValidationError({"text": _("Write an answer or attach a document.")})
    kinds = [document_check(upload) for upload in files]
    now = timezone.now()
    answer, _created = case_record_event(
        case=case,
        kind=EventKind.INFO_RESPONSE,
        actor=user,
        actor_name=f"user:{user.pk}",
        actor_kind=ActorKind.RESIDENT,
        note={case.language: text},
        occurred_at=now,
    )
    answer.answer_to = request_event
    answer.save(update_fields=["answer_to"])
    for upload, kind in zip(files, kinds, strict=True):
        document_store(case=case, event=answer, upload=upload, user=user, kind=kind)
    request_event.answered_at = now
    request_event.save(update_fields=["answered_at"])
    _recompute(case)
    _confirm_answer(case, answer, user, documents=len(files))
    return answer


def _confirm_answer(case: Case, answer: CaseEvent, user, *, documents: int) -> None:
    """Tell the resident, by e-mail and in the inbox, that their answer arrived."""
    if not user.is_active:
        return
    language = case.language
    with translation.override(language):
        subject = _("We have received your answer in case %(reference)s") % {
            "reference": case.reference
        }
        lines = [subject + "."]
        if documents:
            lines.append(
                ngettext(
                    "%(count)d document came with it.",
                    "%(count)d documents came with it.",
                    documents,
                )
                % {"count": documents}
            )
        lines.append(
            _(
                "The processing of your case goes on. The time the case waited for your answer "
                "is not counted in its processing time."
            )
        )
        url = reverse("cases:detail", kwargs={"case_id": case.pk})
    notification_create(
        user=user,
        language=language,
        kind="case_answer_received",
        subject=subject,
        body="\n\n".join(lines),
        url=url,
        dedupe_key=f"case-answer:{answer.pk}",
    )


# --- Documents -----------------------------------------------------------------------------------

# What a case document may be; the type comes from the content, never from the name.
DOCUMENT_KINDS = ("pdf", "jpeg", "png", "docx", "odt")


def document_check(upload) -> FileKind:
    """The detected type of an acceptable upload; a ValidationError names what is wrong."""
    return upload_inspect(
        upload,
        accept=DOCUMENT_KINDS,
        max_bytes=MAX_UPLOAD_BYTES,
        wrong_type_message=_("“%(name)s” is not a PDF, JPEG, PNG, DOCX or ODT file."),
    )


@transaction.atomic
def document_store(
    *, case: Case, event: CaseEvent | None, upload, user, kind: FileKind | None = None
) -> CaseDocument:
    """Store an uploaded file of a case after checking its size and type by content.

    The stored file's name and extension, and the type it is served with, are the detected
    type's; `kind` skips a second check of an upload the caller has just checked.
    """
    kind = kind or document_check(upload)
    document = CaseDocument(
        case=case,
        event=event,
        name=stored_name(upload.name, kind),
        content_type=kind.content_type,
        size=upload.size,
        uploaded_by=user,
    )
    document.file.save(f"{secrets.token_hex(16)}.{kind.extension}", upload, save=False)
    document.save()
    return document


# --- Integration clients -------------------------------------------------------------------------


@transaction.atomic
def integration_client_create(*, name: str, unit) -> tuple[IntegrationClient, str]:
    """A client of the integration API for one unit; returns the token, shown only now."""
    token = secrets.token_urlsafe(32)
    client = IntegrationClient.objects.create(
        name=name, unit=unit, token_hash=integration_token_hash(token)
    )
    _audit(actor="system", action="integration_client_created", case=None, client=client.pk)
    return client, token


def integration_client_touch(*, client: IntegrationClient) -> None:
    """Remember when the client was last seen (at most once a minute, to spare writes)."""
    now = timezone.now()
    if client.last_used is None or now - client.last_used > timedelta(minutes=1):
        IntegrationClient.objects.filter(pk=client.pk).update(last_used=now)


# --- Units and case types -----------------------------------------------------------------------


@transaction.atomic
def unit_save(*, code: str, name: dict[str, str], handlers=None) -> Unit:
    """Create or update a handling unit (and its handlers, when given)."""
    unit = Unit.objects.filter(code=code).first() or Unit(code=code)
    for language in ("fi", "sv", "en"):
        setattr(unit, f"name_{language}", (name.get(language) or "").strip() or None)
    unit.full_clean()
    unit.save()
    if handlers is not None:
        unit.handlers.set(handlers)
    return unit


@dataclass(frozen=True)
class PhaseSpec:
    code: str
    name: dict[str, str]
    description: dict[str, str]
    status: str = Status.IN_PROGRESS


@transaction.atomic
def case_type_save(
    *,
    code: str,
    unit: Unit,
    name: dict[str, str],
    description: dict[str, str] | None = None,
    phases: list[PhaseSpec] | None = None,
    legal_deadline_days: int | None = None,
    legal_deadline_kind: str = "calendar",
    declared_days: int | None = None,
    default_publicity: str = "public",
    sort_order: int = 0,
) -> CaseType:
    """Create or update a case type; phases given replace those not used by any case."""
    case_type = CaseType.objects.filter(code=code).first() or CaseType(code=code)
    case_type.unit = unit
    for language in ("fi", "sv", "en"):
        setattr(case_type, f"name_{language}", (name.get(language) or "").strip() or None)
        text = ((description or {}).get(language) or "").strip() or None
        setattr(case_type, f"description_{language}", text)
    case_type.legal_deadline_days = legal_deadline_days
    case_type.legal_deadline_kind = legal_deadline_kind
    case_type.declared_days = declared_days
    case_type.default_publicity = default_publicity
    case_type.sort_order = sort_order
    case_type.full_clean()
    case_type.save()
    if phases is not None:
        for order, spec in enumerate(phases):
            phase = Phase.objects.filter(case_type=case_type, code=spec.code).first() or Phase(
                case_type=case_type, code=spec.code
            )
            phase.sort_order = order
            phase.status = spec.status
            for language in ("fi", "sv", "en"):
                setattr(phase, f"name_{language}", (spec.name.get(language) or "").strip() or None)
                text = (spec.description.get(language) or "").strip() or None
                setattr(phase, f"description_{language}", text)
            phase.full_clean(exclude=["case_type"])
            phase.save()
    return case_type


@transaction.atomic
def case_tracking_code_renew(*, case: Case, actor: str) -> str:
    """A new tracking code for a case (a lost letter); the old one stops working."""
    code = tracking_code_new()
    Case.objects.filter(pk=case.pk).update(tracking_code_hash=tracking_code_hash(code))
    _audit(actor=actor, action="tracking_code_renewed", case=case)
    return code
