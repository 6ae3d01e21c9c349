"""Open data of the digital maturity self-assessment: published rounds, scores and savings."""

import re
from dataclasses import dataclass

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from maturity import selectors
from maturity.api.serializers import RoundDetailSerializer, RoundSerializer
from maturity.exchange import schema
from maturity.models import Round
from maturity.policies import public_rounds
from maturity.scoring import RoundFigures
from portal.api.pagination import PortalCursorPagination

YEAR = re.compile(r"[0-9]{4}")
YEAR_PARAMETER = OpenApiParameter("year", int, OpenApiParameter.PATH)


@dataclass
class RoundEntry:
    round: Round
    figures: RoundFigures


class RoundPagination(PortalCursorPagination):
    ordering = ("-year",)


@extend_schema(tags=["digital maturity"])
class RoundViewSet(viewsets.ReadOnlyModelViewSet):
    """Published digital maturity rounds with the scores and savings of every assessed service.

    Scores follow the formula documented on the portal's method page (0–100 per service, sector
    and municipality); `export` gives the same round as the open exchange document.
    """

    pagination_class = RoundPagination
    lookup_field = "year"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return public_rounds()

    def get_serializer_class(self):
        return RoundDetailSerializer if self.action == "retrieve" else RoundSerializer

    def _round(self) -> Round:
        year = self.kwargs.get("year", "")
        round = selectors.public_round(int(year)) if YEAR.fullmatch(year) else None
        if round is None:
            raise Http404
        return round

    @extend_schema(responses=RoundSerializer(many=True))
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        sectors = selectors.sectors_ordered()
        figures = selectors.figures_by_round(list(page), sectors)
        entries = [RoundEntry(r, figures[r.pk]) for r in page]
        data = RoundSerializer(entries, many=True, context=self.get_serializer_context()).data
        return self.get_paginated_response(data)

    @extend_schema(parameters=[YEAR_PARAMETER], responses=RoundDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        round = self._round()
        entry = RoundEntry(round, selectors.figures_of(round))
        return Response(RoundDetailSerializer(entry, context=self.get_serializer_context()).data)

    @extend_schema(
        parameters=[YEAR_PARAMETER],
        responses={200: OpenApiResponse(description="The open exchange document (JSON Schema).")},
    )
    @action(detail=True, methods=["get"])
    def export(self, request, *args, **kwargs):
        """The round as the open exchange document that other municipalities import."""
        from maturity.views import export_of

        return Response(export_of(self._round(), request))


class SchemaView(APIView):
    """The JSON Schema of the digital maturity exchange document (version 1)."""

    @extend_schema(
        tags=["digital maturity"],
        responses={200: OpenApiResponse(description="The JSON Schema of the exchange document.")},
    )
    def get(self, request):
        response = Response(schema())
        response["Access-Control-Allow-Origin"] = "*"
        return response
