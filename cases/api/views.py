"""The cases API: case types, the resident's own cases, lookup, and the back-office integration."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import selectors, services
from cases.api.authentication import IntegrationTokenAuthentication
from cases.api.serializers import (
    CaseCreatedSerializer,
    CaseStateSerializer,
    CaseTypeSerializer,
    CaseUpsertSerializer,
    EventInputSerializer,
    EventPageSerializer,
    EventSerializer,
    IntegrationEventSerializer,
    LookupRequestSerializer,
    LookupResultSerializer,
    MyCaseDetailSerializer,
    MyCaseSerializer,
    earlier_events_url,
)
from cases.models import ActorKind, Case, CaseEvent, CaseType, EventKind, Phase, Source
from cases.policies import cases_of_resident
from portal.api.errors import Conflict
from portal.api.pagination import PortalCursorPagination
from portal.api.throttling import PortalScopedRateThrottle

UUID_PATTERN = "[0-9a-fA-F-]{32,36}"

EVENT_RULES = """Append an event to the case.

**Idempotency.** The same `external_event_id` with the same event again answers `200` with the
stored event and changes nothing; with a different event it answers `409`
(`external_event_id_reused`).

**Rule of order.** Every event is placed in the case's history by its `occurred_at` (a
decision by `decision.decided_at`); events at the same time count in the order they arrived.
An event is accepted when the history, with it in its place, keeps these rules, and refused
with `409` otherwise, whatever its kind:

- after `closed`, only `note` (`case_closed`);
- after `final`, no `phase_change`, `info_request`, `decision` or another `final`
  (`decision_final`);
- `final` only after a `decision` (`not_decided`);
- after a `decision`, no phase whose status is "received" (`decision_made`);
- an event dated before events that it does not allow, e.g. `closed` dated before the
  decision, is `out_of_order`.

A late event dated where it fits (a phase change from before the decision) is accepted.

**Texts** refuse control characters (other than tab and line breaks) and bidirectional
overrides; numbers must be finite; request bodies are JSON nested at most 32 levels deep."""
EXTERNAL_ID_PATTERN = r"[\w.:\-]{1,200}"


class CaseTypePagination(PortalCursorPagination):
    ordering = ("sort_order", "id")


class CaseTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """Case types with the phases residents see and their processing-time statistics."""

    serializer_class = CaseTypeSerializer
    pagination_class = CaseTypePagination
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]{1,50}"
    filter_backends = []

    def get_queryset(self):
        return CaseType.objects.filter(is_active=True).prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("sort_order", "id"))
        )


class MyCasePagination(PortalCursorPagination):
    ordering = ("-submitted_at", "id")


class SignedInForList(BasePermission):
    """The list needs a signed-in resident; a case that is not one's own is simply not found."""

    def has_permission(self, request, view):
        return view.action != "list" or bool(request.user and request.user.is_authenticated)


@extend_schema(tags=["me"])
class MyCaseViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in resident's own cases; anyone else's case is not found."""

    permission_classes = [SignedInForList]
    pagination_class = MyCasePagination
    lookup_value_regex = UUID_PATTERN
    filter_backends = []

    def get_serializer_class(self):
        return MyCaseDetailSerializer if self.action == "retrieve" else MyCaseSerializer

    def get_queryset(self):
        return cases_of_resident(self.request.user).select_related("case_type", "phase")

    def _case(self, request, pk: str) -> Case:
        case = selectors.resident_case(request.user, _uuid_or_404(pk), with_phases=False)
        if case is None:
            raise exceptions.NotFound()
        return case

    @extend_schema(parameters=[OpenApiParameter("id", str, OpenApiParameter.PATH)])
    def retrieve(self, request, *args, **kwargs):
        case = self._case(request, kwargs["pk"])
        case.history = selectors.history_page(case)
        return Response(self.get_serializer(case).data)

    @extend_schema(
        summary="A page of the case's history",
        description=(
            f"The case's events that the resident sees, {selectors.HISTORY_PAGE_SIZE} a page, "
            "newest first: without `before` the latest (the detail's `events`), with it those "
            "before that event. `next` is the page before this one, or null at the first event. "
            "Pages are keyed on the events themselves, so events added meanwhile never shift or "
            "repeat one."
        ),
        parameters=[
            OpenApiParameter("id", str, OpenApiParameter.PATH),
            OpenApiParameter(
                "before",
                int,
                OpenApiParameter.QUERY,
                description=(
                    "The id of one of the case's events (a page's last, from `next` or the "
                    "detail's `events_earlier`): the events before it. Any other value is a 400."
                ),
            ),
        ],
        responses={200: EventPageSerializer},
    )
    @action(detail=True, methods=["get"], url_path="events", pagination_class=None)
    def events(self, request, *args, **kwargs):
        case = self._case(request, kwargs["pk"])
        before = request.query_params.get("before")
        bad_cursor = exceptions.ValidationError(
            {"before": [_("Enter the id of one of this case's events.")]}
        )
        if before is not None and not (before.isascii() and before.isdigit() and len(before) <= 18):
            raise bad_cursor
        try:
            page = selectors.history_page(case, int(before) if before is not None else None)
        except selectors.NoSuchHistoryPage:
            raise bad_cursor from None
        context = self.get_serializer_context()
        return Response(
            {
                "next": earlier_events_url(request, case.pk, page.earlier),
                "results": EventSerializer(page.events, many=True, context=context).data,
            }
        )


def _uuid_or_404(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError) as exc:
        raise exceptions.NotFound() from exc


class CaseLookupView(APIView):
    """Look up a case with its reference and tracking code: public timeline only."""

    authentication_classes = []
    permission_classes = []
    # Per client address, so that tracking codes cannot be guessed (DEFAULT_THROTTLE_RATES).
    throttle_classes = [PortalScopedRateThrottle]
    throttle_scope = "case_lookup"

    @extend_schema(request=LookupRequestSerializer, responses={200: LookupResultSerializer})
    def post(self, request):
        serializer = LookupRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        case = selectors.case_by_tracking_code(**serializer.validated_data)
        if case is None:
            raise exceptions.NotFound(_("No case matches this reference and tracking code."))
        case.timeline = selectors.public_timeline(case)
        return Response(LookupResultSerializer(case, context={"request": request}).data)


# --- Integration -------------------------------------------------------------------------------


class IntegrationView(APIView):
    authentication_classes = [IntegrationTokenAuthentication]
    permission_classes = [IsAuthenticated]

    @property
    def client(self):
        return self.request.user

    @property
    def actor_name(self) -> str:
        return f"integration:{self.client.pk}:{self.client.name}"

    def case_of_client(self, external_id: str) -> Case | None:
        return Case.objects.filter(external_id=external_id, unit=self.client.unit).first()


class _CodedError(exceptions.APIException):
    """A 400 with a machine-readable code of its own (e.g. `unknown_case_type`)."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, code: str, message: str):
        super().__init__({"code": code, "message": message})


def _bad_request(code: str, message: str) -> _CodedError:
    return _CodedError(code, message)


def _validation_error(exc: DjangoValidationError):
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    return exceptions.ValidationError(fields)


@extend_schema(tags=["integration"])
class IntegrationCaseView(IntegrationView):
    """Create or update a case of the client's unit by its id in the back-office system."""

    @extend_schema(
        request=CaseUpsertSerializer,
        responses={201: CaseCreatedSerializer, 200: CaseStateSerializer},
        parameters=[
            OpenApiParameter("external_id", str, OpenApiParameter.PATH, pattern=EXTERNAL_ID_PATTERN)
        ],
    )
    def put(self, request, external_id: str):
        serializer = CaseUpsertSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case_type = CaseType.objects.filter(
            code=data["case_type"], unit=self.client.unit, is_active=True
        ).first()
        if case_type is None:
            raise _bad_request(
                "unknown_case_type",
                _("The case type “%(code)s” is not one of this unit's case types.")
                % {"code": data["case_type"]},
            )
        with transaction.atomic():
            case = self.case_of_client(external_id)
            if case is None and Case.objects.filter(external_id=external_id).exists():
                # Another unit's case: this client may not learn that it exists.
                raise _bad_request(
                    "external_id_taken", _("This external id cannot be used by this client.")
                )
            try:
                case, tracking_code = services.case_save(
                    case=case,
                    external_id=external_id,
                    case_type=case_type,
                    reference=data["reference"],
                    title=data["title"],
                    language=data["language"],
                    submitted_at=data["submitted_at"],
                    publicity=data.get("publicity"),
                    parties=[
                        services.PartySpec(
                            role=party["role"],
                            email=party.get("email", ""),
                            personal_identity_code=party.get("personal_identity_code", ""),
                        )
                        for party in data["parties"]
                    ]
                    if "parties" in data
                    else None,
                    actor=self.actor_name,
                    source=Source.INTEGRATION,
                )
            except DjangoValidationError as exc:
                raise _validation_error(exc) from exc
            except services.CaseConflict as exc:
                raise Conflict({"code": exc.code, "message": exc.message}) from exc
        case.refresh_from_db()
        if tracking_code is not None:
            case.tracking_code = tracking_code
            return Response(CaseCreatedSerializer(case).data, status=status.HTTP_201_CREATED)
        return Response(CaseStateSerializer(case).data)


@extend_schema(tags=["integration"])
class IntegrationEventView(IntegrationView):
    """Append an event to a case; the same external event id again changes nothing."""

    @extend_schema(
        description=EVENT_RULES,
        request=EventInputSerializer,
        responses={
            201: IntegrationEventSerializer,
            200: IntegrationEventSerializer,
            409: OpenApiResponse(
                description=(
                    "`external_event_id_reused`: the id was already used for a different event. "
                    "Otherwise the event breaks the rule of order where its `occurred_at` puts "
                    "it: `case_closed`, `decision_final`, `not_decided`, `decision_made`, or "
                    "`out_of_order` when it would precede events that it does not allow."
                )
            ),
        },
        parameters=[
            OpenApiParameter("external_id", str, OpenApiParameter.PATH, pattern=EXTERNAL_ID_PATTERN)
        ],
    )
    def post(self, request, external_id: str):
        case = self.case_of_client(external_id)
        if case is None:
            raise exceptions.NotFound(_("No case with this external id."))
        serializer = EventInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        kind = data["kind"]
        phase = None
        if data.get("phase"):
            phase = case.case_type.phases.filter(code=data["phase"]).first()
            if phase is None:
                raise _bad_request(
                    "unknown_phase",
                    _("The phase “%(code)s” is not a phase of this case type.")
                    % {"code": data["phase"]},
                )
        note = data.get("note") or {}
        extra = {}
        occurred_at = data["occurred_at"]
        if kind == EventKind.INFO_REQUEST:
            note = data["info_request"]["items"]
            extra["due_at"] = data["info_request"]["due_at"]
        if kind == EventKind.DECISION:
            decision = data["decision"]
            note = decision.get("summary") or note
            occurred_at = decision["decided_at"]
            extra.update(
                outcome=decision["outcome"],
                appeal_days=decision.get("appeal_days"),
                decision_reference=decision.get("reference", ""),
            )
        fields = {
            "kind": kind,
            "occurred_at": occurred_at,
            "note": note,
            "visible_to_resident": data["visible_to_resident"],
            "phase": phase,
            **extra,
        }
        stored = CaseEvent.objects.filter(
            case=case, external_event_id=data["external_event_id"]
        ).first()
        if stored is not None:
            return self._replayed(stored, fields)
        try:
            event, created = services.case_record_event(
                case=case,
                actor_name=self.actor_name,
                actor_kind=ActorKind.SYSTEM,
                source=Source.INTEGRATION,
                external_event_id=data["external_event_id"],
                **fields,
            )
        except services.CaseConflict as exc:
            raise Conflict({"code": exc.code, "message": exc.message}) from exc
        except DjangoValidationError as exc:
            raise _validation_error(exc) from exc
        if not created:
            # The same id from a parallel request that committed first.
            return self._replayed(event, fields)
        return Response(IntegrationEventSerializer(event).data, status=status.HTTP_201_CREATED)

    def _replayed(self, stored: CaseEvent, fields: dict) -> Response:
        """The stored event for a repeated request; 409 if the id now comes with another event."""
        if not _same_event(stored, fields):
            raise Conflict(
                {
                    "code": "external_event_id_reused",
                    "message": _("This external event id was already used for a different event."),
                }
            )
        return Response(IntegrationEventSerializer(stored).data)


def _same_event(stored: CaseEvent, fields: dict) -> bool:
    """Whether the stored event is what these request fields would store."""
    phase = fields.get("phase")
    note = fields.get("note") or {}
    expected = {
        "kind": fields["kind"],
        "occurred_at": fields["occurred_at"],
        "visible_to_resident": fields["visible_to_resident"],
        "phase_id": phase.pk if phase is not None else None,
        "due_at": fields.get("due_at"),
        "outcome": fields.get("outcome", ""),
        "appeal_days": fields.get("appeal_days"),
        "decision_reference": fields.get("decision_reference", ""),
        **{f"note_{code}": (note.get(code) or "").strip() or None for code in ("fi", "sv", "en")},
    }
    return all(getattr(stored, name) == value for name, value in expected.items())
