"""The key figures' public pages: theme dashboards, an indicator's page, its CSV download."""

from __future__ import annotations

import csv

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from indicators import selectors
from indicators.models import Theme


class _Echo:
    def write(self, value: str) -> str:
        return value


def _dashboard(request, theme: str | None):
    compared = selectors.comparison()
    cards = selectors.dashboard(theme=theme, home=compared.home)
    return render(
        request,
        "indicators/index.html",
        {
            "comparison": compared,
            "theme": Theme(theme) if theme else None,
            "themes": Theme,
            "groups": selectors.themes_with_cards(cards),
        },
    )


@require_GET
def index(request):
    """Every theme's cards: latest value, change, trend and status against the target."""
    return _dashboard(request, None)


@require_GET
def theme(request, theme: str):
    """One theme's cards."""
    return _dashboard(request, theme)


def _indicator_or_404(code: str):
    indicator = selectors.indicator_published(code)
    if indicator is None:
        raise Http404
    return indicator


@require_GET
def detail(request, code: str):
    """An indicator's whole series for this municipality and its comparison areas: a chart, the
    data table and a summary in words."""
    indicator = _indicator_or_404(code)
    page = selectors.indicator_page(indicator)
    return render(request, "indicators/detail.html", {"indicator": indicator, "page": page})


@require_GET
def detail_csv(request, code: str):
    """Every value of an indicator, every area, as CSV (streamed)."""
    indicator = _indicator_or_404(code)
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(
            ["indicator", "area", "area_name", "period", "breakdown", "value", "unit"]
        )
        for value in selectors.values_for_export(indicator=indicator).iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    indicator.code,
                    value.area.code,
                    value.area.name,
                    value.period,
                    value.breakdown,
                    f"{value.value.normalize():f}",
                    indicator.unit,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.code}.csv"'
    return response
