"""The key figures as open data: indicators, their values, a JSON-stat 2 dataset and CSV."""

from __future__ import annotations

import csv

from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from indicators import jsonstat
from indicators.api.filters import IndicatorFilter, ValueFilter
from indicators.api.serializers import IndicatorSerializer, ValueSerializer
from indicators.models import Indicator, Value
from portal.api.language import ALL, request_api_language
from portal.api.pagination import PortalCursorPagination
from portal.api.schema import ErrorSerializer
from portal.translation import translated

# A JSON-stat answer of more cells than this asks the caller to narrow the filters.
MAX_CELLS = 200_000
FILTER_PARAMETERS = [
    OpenApiParameter("indicator", str, description="Code of the indicator."),
    OpenApiParameter("area", str, description="Statistics Finland's area code, e.g. KU905."),
    OpenApiParameter("theme", str, description="economy, employment, population or services."),
    OpenApiParameter("period", str, description="One period: 2024, 2024Q3 or 2024M05."),
    OpenApiParameter("from", str, description="Periods from this one on."),
    OpenApiParameter("to", str, description="Periods up to this one."),
    OpenApiParameter("breakdown", str, description='e.g. gender:female; "total" for totals.'),
]


class SyncPagination(PortalCursorPagination):
    ordering = ("modified", "id")


def published_values():
    return Value.objects.filter(indicator__is_published=True)


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """Key figures: what each measures, its unit, source, licence and theme."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    pagination_class = SyncPagination
    lookup_field = "code"
    lookup_value_regex = "[-a-z0-9_]{1,60}"

    def get_queryset(self):
        return Indicator.objects.filter(is_published=True)


class ValueViewSet(viewsets.ReadOnlyModelViewSet):
    """Values of the key figures per area, period and breakdown."""

    serializer_class = ValueSerializer
    filterset_class = ValueFilter
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return published_values().select_related("indicator", "area")


def _filtered(request, view) -> ValueFilter:
    filterset = ValueFilter(
        request.query_params,
        queryset=published_values().select_related("indicator", "area"),
        request=request,
    )
    if not filterset.is_valid():
        raise exceptions.ValidationError(filterset.errors)
    return filterset


def _language(request) -> str:
    language = request_api_language(request)
    return "fi" if language == ALL else language


class DatasetView(APIView):
    """The values that the filters select as one JSON-stat 2 dataset (indicator × area × period
    × breakdown), for statistics software that reads the format."""

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            200: OpenApiResponse(OpenApiTypes.OBJECT, description="A JSON-stat 2.0 dataset."),
            400: OpenApiResponse(ErrorSerializer, description="A filter is malformed."),
        },
    )
    def get(self, request):
        filterset = _filtered(request, self)
        language = _language(request)
        values = list(filterset.qs.order_by("indicator__theme", "indicator__order", "period_start"))
        indicators, areas, periods, breakdowns = {}, {}, {}, {}
        cells = {}
        for value in values:
            indicators.setdefault(value.indicator.code, value.indicator)
            areas.setdefault(value.area.code, value.area)
            periods.setdefault(value.period, value.period_start)
            breakdowns.setdefault(value.breakdown or "total", value.breakdown)
            key = (value.indicator.code, value.area.code, value.period, value.breakdown or "total")
            cells[key] = float(value.value)
        if len(indicators) * len(areas) * len(periods) * len(breakdowns) > MAX_CELLS:
            raise exceptions.ValidationError(
                {"indicator": [_("Too many values at once: choose an indicator, area or period.")]}
            )
        updated = max((v.modified for v in values), default=None)
        document = jsonstat.dataset(
            label=_("Key figures"),
            source=", ".join(
                sorted({translated(i, "source", language).text for i in indicators.values()})
            ),
            updated=updated.isoformat() if updated else "",
            dimensions=[
                (
                    "indicator",
                    _("Indicator"),
                    [
                        (code, translated(i, "name", language).text)
                        for code, i in indicators.items()
                    ],
                ),
                (
                    "area",
                    _("Area"),
                    [
                        (code, translated(a, "name", language).text)
                        for code, a in sorted(areas.items())
                    ],
                ),
                ("period", _("Period"), [(p, p) for p in sorted(periods, key=periods.get)]),
                ("breakdown", _("Breakdown"), [(b, b) for b in sorted(breakdowns)]),
            ],
            cells=cells,
            roles={"time": ["period"], "geo": ["area"], "metric": ["indicator"]},
            units={
                "indicator": {
                    code: {
                        "label": translated(i, "unit", language).text,
                        "decimals": i.decimals,
                    }
                    for code, i in indicators.items()
                }
            },
        )
        return Response(document)


class _Echo:
    def write(self, value: str) -> str:
        return value


class CsvView(APIView):
    """The values that the filters select as CSV (streamed)."""

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV, UTF-8."),
            400: OpenApiResponse(ErrorSerializer, description="A filter is malformed."),
        },
    )
    def get(self, request):
        filterset = _filtered(request, self)
        language = _language(request)
        writer = csv.writer(_Echo())
        queryset = filterset.qs.order_by(
            "indicator__code", "area__code", "period_start", "breakdown"
        )

        def rows():
            yield writer.writerow(
                ["indicator", "area", "area_name", "period", "breakdown", "value", "unit"]
            )
            for value in queryset.iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        value.indicator.code,
                        value.area.code,
                        translated(value.area, "name", language).text,
                        value.period,
                        value.breakdown,
                        f"{value.value.normalize():f}",
                        translated(value.indicator, "unit", language).text,
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="key-figures.csv"'
        return response
