"""Residents' cases: case types with their phases, cases, parties, the event history, documents."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cases.storage import private_storage


class Publicity(models.TextChoices):
    PUBLIC = "public", _("public")
    PARTLY_SECRET = "partly_secret", _("partly secret")
    SECRET = "secret", _("secret")


class Status(models.TextChoices):
    """The coarse public status of a case."""

    RECEIVED = "received", _("received")
    IN_PROGRESS = "in_progress", _("in progress")
    WAITING_FOR_YOU = "waiting_for_you", _("waiting for you")
    DECIDED = "decided", _("decided")
    CLOSED = "closed", _("closed")


def staff_status_choices() -> list[tuple[str, str]]:
    """The statuses as a handler reads them: the resident's "waiting for you" is the handler's
    "waiting for the resident"."""
    return [
        (value, _("waiting for the resident") if value == Status.WAITING_FOR_YOU else label)
        for value, label in Status.choices
    ]


def staff_status_label(status: str) -> str:
    """One status in the handler's words."""
    return str(dict(staff_status_choices()).get(status, status))


class DeadlineKind(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class Unit(models.Model):
    """A unit of the municipality that handles cases; its handlers see its cases only."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    handlers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handlers"),
        related_name="case_units",
        blank=True,
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name or self.code


class CaseType(ClusterableModel):
    """A kind of matter residents bring, with the phases they see and its processing times."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="case_types"
    )
    legal_deadline_days = models.PositiveSmallIntegerField(
        _("legal deadline (days)"),
        null=True,
        blank=True,
        help_text=_("Only cases past a deadline set by law are shown as overdue."),
    )
    legal_deadline_kind = models.CharField(
        _("deadline counted in"),
        max_length=16,
        choices=DeadlineKind.choices,
        default=DeadlineKind.CALENDAR,
    )
    declared_days = models.PositiveSmallIntegerField(
        _("declared processing time (days)"),
        null=True,
        blank=True,
        help_text=_(
            "The expected processing time the municipality publishes; shown until enough "
            "cases have been decided for statistics."
        ),
    )
    default_publicity = models.CharField(
        _("default publicity"), max_length=16, choices=Publicity.choices, default=Publicity.PUBLIC
    )
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    # Processing-time statistics, recomputed in the background (cases.statistics).
    stats_count = models.PositiveIntegerField(_("decided cases in the window"), default=0)
    stats_median_days = models.PositiveIntegerField(_("median days"), null=True, blank=True)
    stats_p80_days = models.PositiveIntegerField(_("80th percentile days"), null=True, blank=True)
    stats_computed_at = models.DateTimeField(_("statistics computed"), null=True, blank=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("case type")
        verbose_name_plural = _("case types")
        ordering = ("sort_order", "code")

    def __str__(self) -> str:
        return self.name or self.code


class Phase(models.Model):
    """A step of a case type that residents see, with what happens in it and next."""

    case_type = ParentalKey(CaseType, on_delete=models.CASCADE, related_name="phases")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("what happens now and next"),
        blank=True,
        help_text=_("Plain language: what the municipality does in this phase and what follows."),
    )
    status = models.CharField(
        _("status shown"),
        max_length=16,
        choices=[
            (Status.RECEIVED, Status.RECEIVED.label),
            (Status.IN_PROGRESS, Status.IN_PROGRESS.label),
            (Status.DECIDED, Status.DECIDED.label),
        ],
        default=Status.IN_PROGRESS,
    )

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ("case_type", "sort_order", "id")
        constraints = [
            models.UniqueConstraint(fields=["case_type", "code"], name="cases_phase_unique_code")
        ]

    def __str__(self) -> str:
        return self.name or self.code


class Case(models.Model):
    """A resident's matter, as the municipality's case management reports it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(_("case reference"), max_length=100, db_index=True)
    external_id = models.CharField(
        _("external id"), max_length=200, unique=True, null=True, blank=True
    )
    case_type = models.ForeignKey(
        CaseType, verbose_name=_("case type"), on_delete=models.PROTECT, related_name="cases"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="cases"
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=[(code, name) for code, name in settings.LANGUAGES if code in ("fi", "sv")],
        default="fi",
    )
    # A public title without personal data; translated by modeltranslation.
    title = models.CharField(_("title"), max_length=300)
    publicity = models.CharField(
        _("publicity"), max_length=16, choices=Publicity.choices, default=Publicity.PUBLIC
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    submitted_at = models.DateTimeField(_("submitted"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    final_at = models.DateTimeField(_("final"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Seconds the clock stood still waiting for the resident, up to the decision (statistics).
    paused_seconds = models.PositiveBigIntegerField(_("paused seconds"), default=0)
    waiting_since = models.DateTimeField(_("waiting for the resident since"), null=True, blank=True)
    processing_days = models.PositiveIntegerField(
        _("processing days"),
        null=True,
        blank=True,
        help_text=_("Days from submission to decision, without the time spent waiting."),
    )
    # Only a hash: the code itself is shown once, to the back office that prints it.
    tracking_code_hash = models.CharField(max_length=128, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ("-submitted_at",)
        indexes = [
            models.Index(fields=["unit", "status", "-submitted_at"], name="cases_unit_status_idx"),
            models.Index(
                fields=["case_type", "decided_at"],
                condition=models.Q(decided_at__isnull=False),
                name="cases_decided_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in (Status.DECIDED, Status.CLOSED)


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", _("applicant")
    PARTY = "party", _("party")
    REPRESENTATIVE = "representative", _("representative")


class CaseParty(models.Model):
    """A party of a case: named by e-mail or personal identity code, linked to an account."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_parties",
    )
    email = models.EmailField(_("email address"), blank=True, db_index=True)
    # A keyed hash of the personal identity code: the code itself is never stored.
    identity_hash = models.CharField(max_length=128, blank=True, db_index=True)
    role = models.CharField(
        _("role"), max_length=32, choices=PartyRole.choices, default=PartyRole.APPLICANT
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        indexes = [models.Index(fields=["user", "case"], name="cases_party_user_idx")]

    def __str__(self) -> str:
        return f"{self.case} ({self.get_role_display()})"


class EventKind(models.TextChoices):
    PHASE_CHANGE = "phase_change", _("phase change")
    NOTE = "note", _("note")
    MESSAGE = "message", _("message")
    INFO_REQUEST = "info_request", _("request for more information")
    INFO_RESPONSE = "info_response", _("answer to a request for more information")
    DOCUMENT = "document", _("document")
    DECISION = "decision", _("decision")
    FINAL = "final", _("decision final")
    CLOSED = "closed", _("closed")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("staff")
    SYSTEM = "system", _("system")
    RESIDENT = "resident", _("resident")


class Source(models.TextChoices):
    PORTAL = "portal", _("portal")
    INTEGRATION = "integration", _("integration")


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("approved")
    PARTLY_APPROVED = "partly_approved", _("partly approved")
    REJECTED = "rejected", _("rejected")
    DISMISSED = "dismissed", _("dismissed")
    OTHER = "other", _("other")


class CaseEvent(models.Model):
    """One entry of a case's history; never changed once written (except answering a request)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("occurred"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    actor_kind = models.CharField(
        _("actor"), max_length=16, choices=ActorKind.choices, default=ActorKind.SYSTEM
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=16, choices=Source.choices, default=Source.PORTAL
    )
    # The resident-visible text (fi/sv/en by modeltranslation); messages keep their author's text.
    note = models.TextField(_("note"), blank=True)
    visible_to_resident = models.BooleanField(_("visible to the resident"), default=True)
    pauses_clock = models.BooleanField(_("pauses the processing clock"), default=False)
    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.PROTECT, null=True, blank=True
    )
    # NULL, not "", for events without one: the unique constraint ignores NULLs.
    external_event_id = models.CharField(  # noqa: DJ001
        _("external event id"), max_length=200, null=True, blank=True
    )
    # A request for more information: when the answer is due, and when it came.
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_to = models.ForeignKey(
        "self",
        verbose_name=_("answer to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="answers",
    )
    # A decision.
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=DecisionOutcome.choices, blank=True
    )
    appeal_days = models.PositiveSmallIntegerField(_("appeal period (days)"), null=True, blank=True)
    decision_reference = models.CharField(
        _("decided in"),
        max_length=200,
        blank=True,
        help_text=_(
            "The agenda item or officeholder decision, e.g. “Technical committee 5/2026 § 12”."
        ),
    )

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ("occurred_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "external_event_id"],
                condition=models.Q(external_event_id__isnull=False),
                name="cases_event_unique_external_id",
            )
        ]
        indexes = [
            models.Index(fields=["case", "occurred_at"], name="cases_event_case_idx"),
            # The resident's history, a page at a time (keyset on (occurred_at, id)).
            models.Index(
                fields=["case", "occurred_at", "id"],
                condition=models.Q(visible_to_resident=True),
                name="cases_event_visible_idx",
            ),
            # The open requests and the latest decision of a case, without its other events.
            models.Index(fields=["case", "kind", "occurred_at"], name="cases_event_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"

    def clean(self) -> None:
        if self.kind == EventKind.PHASE_CHANGE and self.phase_id is None:
            raise ValidationError({"phase": _("A phase change needs the new phase.")})
        if self.phase_id and self.case_id and self.phase.case_type_id != self.case.case_type_id:
            raise ValidationError({"phase": _("The phase belongs to another case type.")})


class CaseDocument(models.Model):
    """A file of a case; stored outside the public media path and served only to those allowed."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    event = models.ForeignKey(
        CaseEvent, on_delete=models.CASCADE, related_name="documents", null=True, blank=True
    )
    file = models.FileField(
        _("file"), upload_to="cases/%Y/%m/", storage=private_storage, max_length=300
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ("created", "id")

    def __str__(self) -> str:
        return self.name


class IntegrationClient(models.Model):
    """A back-office system that pushes cases of one unit; authenticates with a token."""

    name = models.CharField(_("name"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="integration_clients"
    )
    # A hash of the token; the token is shown once, when it is created.
    token_hash = models.CharField(max_length=128, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("integration client")
        verbose_name_plural = _("integration clients")

    def __str__(self) -> str:
        return self.name

    # DRF's IsAuthenticated asks the authenticated "user" this.
    is_authenticated = True


class AuditEntry(models.Model):
    """Who changed what in a case, from the portal or an integration; never edited."""

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.CharField(_("actor"), max_length=200)
    action = models.CharField(_("action"), max_length=64)
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_entries"
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("-at",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"
