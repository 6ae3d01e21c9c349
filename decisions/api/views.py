from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from decisions import policies
from decisions.api.filters import (
    AgendaItemFilter,
    BodyFilter,
    MeetingFilter,
    OfficeholderDecisionFilter,
)
from decisions.api.serializers import (
    AgendaItemDetailSerializer,
    AgendaItemSerializer,
    BodySerializer,
    MeetingSerializer,
    OfficeholderDecisionSerializer,
)
from decisions.models import SEARCH_FIELDS, Disqualification, MemberVote
from portal.api.pagination import PortalCursorPagination

SEARCH_COLUMNS = SEARCH_FIELDS


class SyncPagination(PortalCursorPagination):
    # Oldest change first, with the id breaking ties: a harvester resumes from the last
    # `modified` it saw, and an object changed during the walk comes again at the end.
    ordering = ("modified", "id")


BodyPagination = SyncPagination

DETAIL = extend_schema_view(
    retrieve=extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)])
)


@DETAIL
class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Bodies of the municipality: council, executive board, committees, youth council and
    officeholders."""

    serializer_class = BodySerializer
    filterset_class = BodyFilter
    pagination_class = BodyPagination
    # Ids that the database can hold; anything longer is simply not found.
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return policies.bodies_visible_to(self.request.user)


@DETAIL
class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """Meetings whose agenda is published; minutes_published_at is set once the minutes are."""

    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return policies.meetings_visible()


@DETAIL
class AgendaItemViewSet(viewsets.ReadOnlyModelViewSet):
    """Agenda items of published agendas; decisions, votes and disqualifications once the
    minutes are published; a confidential item has only its title."""

    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return AgendaItemDetailSerializer
        return AgendaItemSerializer

    def get_queryset(self):
        # One query per related list whatever the page holds: no nested prefetches in lists.
        votes = "votes"
        if self.action == "retrieve":
            ballots = MemberVote.objects.select_related("member").order_by("member__person_name")
            votes = Prefetch("votes__ballots", queryset=ballots)
        return (
            policies.agenda_items_visible()
            .select_related("meeting", "appeal_instructions")
            .prefetch_related(
                "attachments",
                votes,
                Prefetch(
                    "disqualifications",
                    queryset=Disqualification.objects.select_related("member"),
                ),
            )
            .defer(*SEARCH_COLUMNS)
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}


@DETAIL
class OfficeholderDecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Officeholder decisions from their publish time; a confidential one has only its title."""

    serializer_class = OfficeholderDecisionSerializer
    filterset_class = OfficeholderDecisionFilter
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return (
            policies.officeholder_decisions_visible()
            .select_related("appeal_instructions")
            .defer(*SEARCH_COLUMNS)
        )
