import binascii
import datetime
import math
from base64 import b64decode, b64encode

from django.db.models import Prefetch
from django.utils import timezone
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from decisions import policies, selectors
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
from portal.api.pagination import CURSOR_CHARACTERS, PortalCursorPagination

SEARCH_COLUMNS = SEARCH_FIELDS


class SyncPagination(PortalCursorPagination):
    # Oldest change first, with the id breaking ties: a harvester resumes from the last
    # `modified` it saw, and an object changed during the walk comes again at the end.
    ordering = ("modified", "id")


SEARCH_DESCRIPTION = f"""

**With `q`** the list is a search, as on the site's decision search: the best matches first
(words in the title weigh more), then the newest. At most {selectors.SEARCH_CANDIDATES:,} matches
are ranked and paged, whatever the number of matching documents, so that every page costs the
same; the response then also has `count`, the number of matches, and `count_estimated`, true when
more documents matched than were ranked (`count` is then a lower bound: "over {
    selectors.SEARCH_CANDIDATES:,}"). `next` pages through the ranked matches; the other filters
narrow the search."""


class SearchPagination(SyncPagination):
    """Keyset pages of the ranked, bounded search rows (decisions.selectors.decisions_search):
    the cursor holds the last row's (rank, date, id), and a page is the rows after it."""

    def paginate_search(self, rows: selectors.SearchRows, request) -> list[tuple]:
        self.request = request
        self.page_size = self.get_page_size(request)
        self.count, self.estimated = len(rows), rows.estimated
        after = self._decode_key(request)
        start = 0
        if after is not None:
            # The rows are sorted by the key, descending: the first one below the cursor's.
            start = next((i for i, row in enumerate(rows) if _key(row) < after), len(rows))
        page = rows[start : start + self.page_size]
        more = start + self.page_size < len(rows)
        self.next_key = _key(page[-1]) if page and more else None
        return page

    def _decode_key(self, request) -> tuple | None:
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            if not CURSOR_CHARACTERS.fullmatch(encoded):
                raise ValueError
            rank, day, pk = b64decode(encoded.encode("ascii"), validate=True).decode().split("|")
            key = (float(rank), datetime.date.fromisoformat(day), int(pk))
        except (ValueError, UnicodeError, binascii.Error) as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        if not math.isfinite(key[0]):
            raise NotFound(self.invalid_cursor_message)
        return key

    def get_search_response(self, data) -> Response:
        next_url = None
        if self.next_key is not None:
            rank, day, pk = self.next_key
            cursor = b64encode(f"{rank!r}|{day.isoformat()}|{pk}".encode()).decode("ascii")
            next_url = replace_query_param(
                self.request.build_absolute_uri(), self.cursor_query_param, cursor
            )
        return Response(
            {
                "next": next_url,
                "results": data,
                "count": self.count,
                "count_estimated": self.estimated,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"] |= {
            "count": {
                "type": "integer",
                "description": (
                    f"With `q` only: the number of matches, at most {selectors.SEARCH_CANDIDATES}."
                ),
            },
            "count_estimated": {
                "type": "boolean",
                "description": (
                    "With `q` only: true when more documents matched than were ranked; `count` "
                    "is then a lower bound."
                ),
            },
        }
        return response


def _key(row: tuple) -> tuple:
    # A search row is (kind, id, date, rank); one kind is listed, so the id is unique.
    return (row[3], row[2], row[1])


class BoundedSearchMixin:
    """A list whose `q` is answered by the bounded, ranked search of the site's search page
    (decisions.selectors.decisions_search) rather than a filter over every match."""

    search_kind: str

    def list(self, request, *args, **kwargs):
        q = " ".join(request.query_params.get("q", "").split())
        if not q:
            return super().list(request, *args, **kwargs)
        backend = DjangoFilterBackend()
        filterset = backend.get_filterset(request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        rows = self._search_rows(q, filterset.form.cleaned_data)
        paginator = self.paginator
        page = paginator.paginate_search(rows, request)
        found = self.get_queryset().in_bulk([row[1] for row in page])
        # In rank order; a row removed since the candidates were read is left out.
        objects = [found[row[1]] for row in page if row[1] in found]
        data = self.get_serializer(objects, many=True).data
        return paginator.get_search_response(data)

    def _search_rows(self, q: str, data: dict) -> selectors.SearchRows:
        body = None
        if data.get("body") is not None:
            body = policies.bodies_visible_to(None).filter(pk=data["body"]).first()
            if body is None:  # nothing of a body that is not shown is shown
                return selectors.SearchRows()
        filters = selectors.SearchFilters(
            q=q,
            body=body,
            date_from=data.get("from"),
            date_to=data.get("to"),
            reference=data.get("reference") or "",
            resolution=data.get("resolution") or "",
            meeting_id=data.get("meeting"),
            modified_since=data.get("modified_since"),
            kinds=(self.search_kind,),
        )
        return selectors.decisions_search(filters, language="fi")


BodyPagination = SyncPagination

AGENDA_ITEMS = """Agenda items of published agendas; decisions, votes and disqualifications once the
minutes are published; a confidential item has only its title."""
DECISIONS = "Officeholder decisions from their publish time; a confidential one has only its title."

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
@extend_schema_view(list=extend_schema(description=AGENDA_ITEMS + SEARCH_DESCRIPTION))
class AgendaItemViewSet(BoundedSearchMixin, viewsets.ReadOnlyModelViewSet):
    __doc__ = AGENDA_ITEMS

    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    pagination_class = SearchPagination
    search_kind = "item"
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
@extend_schema_view(list=extend_schema(description=DECISIONS + SEARCH_DESCRIPTION))
class OfficeholderDecisionViewSet(BoundedSearchMixin, viewsets.ReadOnlyModelViewSet):
    __doc__ = DECISIONS

    serializer_class = OfficeholderDecisionSerializer
    filterset_class = OfficeholderDecisionFilter
    pagination_class = SearchPagination
    search_kind = "decision"
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return (
            policies.officeholder_decisions_visible()
            .select_related("appeal_instructions")
            .defer(*SEARCH_COLUMNS)
        )
