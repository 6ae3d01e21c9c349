"""Shapes of the cases API (PRODUCT.md §7, contract details)."""

from __future__ import annotations

from functools import cached_property

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.models import Case, CaseEvent, CaseType, DecisionOutcome, EventKind, PartyRole, Publicity
from cases.selectors import (
    HISTORY_PAGE_SIZE,
    STATISTICS_WINDOW_DAYS,
    case_expectation,
    decision_final_date,
)
from portal.api.fields import TranslatedField
from portal.api.language import request_api_language
from portal.translation import translated
from portal.validators import validate_personal_identity_code, validate_plain_text

LANGUAGE_KEYS = ("fi", "sv", "en")

# A case or decision reference as registers write them: "LUP/12/2026", "RAK 2026-0042".
REFERENCE_PATTERN = r"^[^\W_][\w ./:\-]*$"


class ReferenceField(serializers.RegexField):
    """A reference: a JSON string of letters, digits and a few separators."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def reference_field(**kwargs) -> serializers.RegexField:
    return ReferenceField(
        REFERENCE_PATTERN,
        max_length=kwargs.pop("max_length", 100),
        error_messages={"invalid": _("Use letters, digits, spaces and . / : - _ only.")},
        **kwargs,
    )


class PlainTextField(serializers.CharField):
    """Text without control characters or bidirectional overrides; a JSON string, not a number."""

    def __init__(self, **kwargs):
        kwargs.setdefault("validators", []).append(validate_plain_text)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class PhaseSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = TranslatedField()
    description = TranslatedField()


class StatisticsSerializer(serializers.Serializer):
    count = serializers.IntegerField(source="stats_count")
    median_days = serializers.IntegerField(source="stats_median_days", allow_null=True)
    p80_days = serializers.IntegerField(source="stats_p80_days", allow_null=True)
    window_days = serializers.SerializerMethodField()
    computed_at = serializers.DateTimeField(source="stats_computed_at", allow_null=True)

    def get_window_days(self, obj) -> int:
        return STATISTICS_WINDOW_DAYS


class CaseTypeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:case-type-detail", lookup_field="code"
    )
    name = TranslatedField()
    description = TranslatedField()
    phases = PhaseSerializer(many=True, read_only=True)
    statistics = StatisticsSerializer(source="*", read_only=True)

    class Meta:
        model = CaseType
        fields = (
            "id",
            "url",
            "modified",
            "code",
            "name",
            "description",
            "phases",
            "legal_deadline_days",
            "legal_deadline_kind",
            "declared_days",
            "statistics",
        )
        read_only_fields = fields


# --- The resident's own cases -----------------------------------------------------------------


class ExpectationSerializer(serializers.Serializer):
    typical_days = serializers.IntegerField(allow_null=True)
    typical_source = serializers.CharField(
        allow_null=True, help_text="`statistics` (80 % decided within) or `declared`."
    )
    days_in_processing = serializers.IntegerField(
        help_text="Days since submission, without time spent waiting for the resident."
    )
    paused_days = serializers.IntegerField()
    expected_by = serializers.DateField(allow_null=True)
    legal_deadline_days = serializers.IntegerField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    overdue = serializers.BooleanField(help_text="Past a legal deadline only.")
    slower_than_usual = serializers.BooleanField()
    decided = serializers.BooleanField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        path = reverse("cases:document", kwargs={"case_id": obj.case_id, "document_id": obj.pk})
        return self.context["request"].build_absolute_uri(path)


class EventSerializer(serializers.ModelSerializer):
    note = TranslatedField()
    outcome = serializers.ChoiceField(
        choices=DecisionOutcome.choices, allow_blank=True, read_only=True
    )
    phase = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    documents = DocumentSerializer(many=True, read_only=True)
    final_date = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = (
            "id",
            "kind",
            "occurred_at",
            "actor_kind",
            "note",
            "phase",
            "due_at",
            "answered_at",
            "outcome",
            "appeal_days",
            "final_date",
            "decision_reference",
            "documents",
        )
        read_only_fields = fields

    def get_final_date(self, obj) -> str | None:
        if obj.kind != EventKind.DECISION:
            return None
        final = decision_final_date(obj)
        return final.isoformat() if final else None


class MyCaseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    title = TranslatedField()
    case_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    phase = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    phase_name = serializers.SerializerMethodField()
    expected = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = (
            "id",
            "url",
            "modified",
            "reference",
            "title",
            "case_type",
            "status",
            "phase",
            "phase_name",
            "submitted_at",
            "decided_at",
            "final_at",
            "closed_at",
            "expected",
        )
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:my-case-detail", kwargs={"pk": obj.pk})
        )

    def get_phase_name(self, obj) -> str | None:
        if obj.phase is None:
            return None
        language = request_api_language(self.context.get("request"))
        return translated(obj.phase, "name", None if language == "all" else language).text

    @cached_property
    def _expectation(self) -> ExpectationSerializer:
        # One for every row of a list: a new serializer per case builds its fields again, which
        # cost more than everything else of the row.
        return ExpectationSerializer()

    @extend_schema_field(ExpectationSerializer)
    def get_expected(self, obj):
        return self._expectation.to_representation(case_expectation(obj))


def earlier_events_url(request, case_id, before: int | None) -> str | None:
    """The address of the page of a case's events before the event `before` (None: no more)."""
    if before is None:
        return None
    path = reverse("api:my-case-events", kwargs={"pk": case_id})
    return request.build_absolute_uri(f"{path}?before={before}")


class MyCaseDetailSerializer(MyCaseSerializer):
    """The case with the latest events of its history (the object's `history`, a
    cases.selectors.HistoryPage); `events_earlier` leads to the pages before them."""

    events = EventSerializer(
        many=True,
        read_only=True,
        source="history.events",
        help_text=(
            f"The latest {HISTORY_PAGE_SIZE} events the resident sees, newest first; "
            "`events_earlier` leads to the earlier ones."
        ),
    )
    events_earlier = serializers.SerializerMethodField(
        help_text=(
            "The first page of the events before `events` (`/api/v1/me/cases/{id}/events/"
            "?before=<event id>`), or null when `events` reaches the first event."
        )
    )

    class Meta(MyCaseSerializer.Meta):
        fields = (*MyCaseSerializer.Meta.fields, "events", "events_earlier")
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_events_earlier(self, obj) -> str | None:
        return earlier_events_url(self.context["request"], obj.pk, obj.history.earlier)


class EventPageSerializer(serializers.Serializer):
    """A page of a case's history, newest first."""

    next = serializers.URLField(
        allow_null=True, help_text="The page of the events before these, or null at the first."
    )
    results = EventSerializer(many=True)


# --- Lookup with the tracking code ------------------------------------------------------------


class LookupRequestSerializer(serializers.Serializer):
    reference = PlainTextField(max_length=100, label=_("case reference"))
    tracking_code = PlainTextField(max_length=40, label=_("tracking code"))


class PublicEventSerializer(serializers.ModelSerializer):
    note = TranslatedField()
    phase = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = CaseEvent
        fields = ("kind", "occurred_at", "phase", "note")
        read_only_fields = fields


class LookupResultSerializer(serializers.ModelSerializer):
    title = TranslatedField()
    phase = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    timeline = PublicEventSerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = ("reference", "title", "status", "phase", "submitted_at", "timeline")
        read_only_fields = fields


# --- Integration ------------------------------------------------------------------------------


class TranslationsField(serializers.DictField):
    """Texts keyed by language: {"fi": "...", "sv": "..."}."""

    def __init__(self, max_length: int = 5000, **kwargs):
        kwargs.setdefault("child", PlainTextField(max_length=max_length, allow_blank=True))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        unknown = sorted(set(value) - set(LANGUAGE_KEYS))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown languages: %(codes)s. Use fi, sv and en.")
                % {"codes": ", ".join(unknown)}
            )
        return value


class PartyInputSerializer(serializers.Serializer):
    email = serializers.EmailField(required=False, allow_blank=True)
    personal_identity_code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=11,
        min_length=11,
        validators=[validate_personal_identity_code],
    )
    role = serializers.ChoiceField(choices=PartyRole.choices, default=PartyRole.APPLICANT)

    def validate(self, attrs):
        if not attrs.get("email") and not attrs.get("personal_identity_code"):
            raise serializers.ValidationError(
                _("Name the party by e-mail address or personal identity code.")
            )
        return attrs


class CaseUpsertSerializer(serializers.Serializer):
    case_type = PlainTextField(max_length=50)
    reference = reference_field()
    title = TranslationsField(max_length=300)
    language = serializers.ChoiceField(choices=[("fi", "fi"), ("sv", "sv")])
    submitted_at = serializers.DateTimeField()
    publicity = serializers.ChoiceField(choices=Publicity.choices, required=False)
    parties = PartyInputSerializer(many=True, required=False, max_length=50)


class CaseStateSerializer(serializers.ModelSerializer):
    phase = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = ("id", "external_id", "reference", "status", "phase")
        read_only_fields = fields


class CaseCreatedSerializer(CaseStateSerializer):
    tracking_code = serializers.CharField(
        help_text="Shown only in the creating response: print it in the letter to the resident."
    )

    class Meta(CaseStateSerializer.Meta):
        fields = (*CaseStateSerializer.Meta.fields, "tracking_code")
        read_only_fields = fields


class InfoRequestInputSerializer(serializers.Serializer):
    due_at = serializers.DateTimeField()
    items = TranslationsField()


class DecisionInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=DecisionOutcome.choices)
    decided_at = serializers.DateTimeField()
    summary = TranslationsField(required=False)
    appeal_days = serializers.IntegerField(min_value=0, max_value=365, required=False)
    reference = reference_field(max_length=200, required=False, allow_blank=True)


INTEGRATION_KINDS = [
    EventKind.PHASE_CHANGE,
    EventKind.NOTE,
    EventKind.INFO_REQUEST,
    EventKind.DECISION,
    EventKind.FINAL,
    EventKind.CLOSED,
]


class EventInputSerializer(serializers.Serializer):
    external_event_id = serializers.RegexField(r"^[\w.:\-]{1,200}$", max_length=200)
    occurred_at = serializers.DateTimeField()
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in INTEGRATION_KINDS])
    phase = PlainTextField(max_length=50, required=False)
    visible_to_resident = serializers.BooleanField(default=True)
    note = TranslationsField(required=False)
    info_request = InfoRequestInputSerializer(required=False)
    decision = DecisionInputSerializer(required=False)

    def validate(self, attrs):
        kind = attrs["kind"]
        if kind == EventKind.PHASE_CHANGE and not attrs.get("phase"):
            raise serializers.ValidationError({"phase": [_("A phase change needs the phase.")]})
        if kind == EventKind.INFO_REQUEST and not attrs.get("info_request"):
            raise serializers.ValidationError(
                {"info_request": [_("A request for more information needs its details.")]}
            )
        if kind == EventKind.DECISION and not attrs.get("decision"):
            raise serializers.ValidationError({"decision": [_("A decision needs its details.")]})
        return attrs


class IntegrationEventSerializer(serializers.ModelSerializer):
    outcome = serializers.ChoiceField(
        choices=DecisionOutcome.choices, allow_blank=True, read_only=True
    )
    phase = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    note = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = (
            "id",
            "external_event_id",
            "kind",
            "occurred_at",
            "recorded_at",
            "phase",
            "visible_to_resident",
            "note",
            "due_at",
            "answered_at",
            "outcome",
            "appeal_days",
        )
        read_only_fields = fields

    @extend_schema_field(
        {"type": "object", "additionalProperties": {"type": "string", "nullable": True}}
    )
    def get_note(self, obj):
        return {code: getattr(obj, f"note_{code}") for code in LANGUAGE_KEYS}
