"""Public pages of the digital maturity self-assessment: scores, savings, method, comparison."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from maturity import selectors
from maturity.exchange import document_figures, export_document
from maturity.models import ImportedRound, Level
from maturity.scoring import MAX_LEVEL, RoundFigures
from portal.links import absolute_url
from portal.translation import translated


@dataclass(frozen=True)
class Bar:
    """One bar of a server-drawn chart: a value 0–100 and its label."""

    label: str
    value: Decimal
    lang: str = ""

    @property
    def text(self) -> str:
        return number(self.value)


def number(value: Decimal | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    return formats.number_format(value, decimals, use_l10n=True)


def euros(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True) + "\u00a0€"


def signed(value: Decimal | None) -> str:
    if value is None:
        return "–"
    text = number(abs(value))
    return ("+" if value >= 0 else "\u2212") + text


def _municipality(request=None) -> dict:
    from cms.branding import municipality_name, municipality_settings

    settings = municipality_settings(request)
    names = {
        code: municipality_name(language=code, settings=settings) for code in ("fi", "sv", "en")
    }
    return {
        "name": {code: name for code, name in names.items() if name} or {"fi": _("Municipality")},
        "url": absolute_url("/"),
    }


def _summary(figures: RoundFigures, year: int, previous_score: Decimal | None) -> str:
    """One sentence or two for the chart's text alternative and the page."""
    scored = [s for s in figures.sectors if s.score is not None]
    text = _("In %(year)s the municipality's digital maturity score is %(score)s out of 100.") % {
        "year": year,
        "score": number(figures.score),
    }
    if previous_score is not None:
        text += " " + _("In the previous round it was %(score)s.") % {
            "score": number(previous_score)
        }
    if len(scored) > 1:
        best = max(scored, key=lambda s: s.score)
        worst = min(scored, key=lambda s: s.score)
        text += " " + _(
            "The highest-scoring sector is %(best)s (%(best_score)s), the lowest %(worst)s "
            "(%(worst_score)s)."
        ) % {
            "best": translated(best.source, "name").text,
            "best_score": number(best.score),
            "worst": translated(worst.source, "name").text,
            "worst_score": number(worst.score),
        }
    return text


def _sector_bars(figures: RoundFigures) -> list[Bar]:
    bars = []
    for sector in figures.sectors:
        name = translated(sector.source, "name")
        bars.append(Bar(name.text, sector.score or Decimal(0), name.language or ""))
    return bars


def _round_context(round, rounds) -> dict:
    """The figures of `round` beside the previous published round (`rounds`: newest first)."""
    sectors = selectors.sectors_ordered()
    previous_round = next((r for r in rounds if r.year < round.year), None)
    figures_by_round = selectors.figures_by_round(
        [r for r in (round, previous_round) if r is not None], sectors
    )
    figures = figures_by_round[round.pk]
    previous = figures_by_round[previous_round.pk] if previous_round else None
    changes = selectors.sector_changes(figures, previous)
    next_steps = [
        service for service in figures.services if translated(service.source, "next_steps").text
    ]
    return {
        "round": round,
        "figures": figures,
        "previous_round": previous_round,
        "previous": previous,
        "score_change": (
            figures.score - previous.score
            if previous is not None and figures.score is not None and previous.score is not None
            else None
        ),
        "changes": changes,
        "bars": _sector_bars(figures),
        "chart_height": 40 * len(figures.sectors) + 10,
        "summary": _summary(figures, round.year, previous.score if previous else None),
        "next_steps": next_steps,
        "levels": Level.choices,
        "max_level": MAX_LEVEL,
    }


@require_GET
def index(request):
    """The latest published round: scores by sector with the change, next steps and savings."""
    rounds = selectors.public_rounds_list()
    context = {"rounds": rounds}
    if rounds:
        context.update(_round_context(rounds[0], rounds))
    return render(request, "maturity/index.html", context)


@require_GET
def round_detail(request, year: int):
    """One published round in full: every assessed service with its phases and savings."""
    rounds = selectors.public_rounds_list()
    round = next((r for r in rounds if r.year == year), None)
    if round is None:
        raise Http404
    context = _round_context(round, rounds)
    context["corrections"] = list(round.corrections.select_related("service").order_by("at", "id"))
    return render(request, "maturity/round.html", context)


@require_GET
def method(request):
    """How the scores and the savings estimate are computed."""
    return render(
        request,
        "maturity/method.html",
        {"levels": Level.choices, "max_level": MAX_LEVEL, "phases": selectors.phases_ordered()},
    )


@dataclass
class Column:
    """One municipality's round on the comparison page."""

    name: str
    year: int
    published_at: object
    source: str
    figures: RoundFigures
    own: bool = False
    # The language of `name` when it is not the page's (a town without a name in it).
    lang: str = ""


def name_in(names: dict, language: str) -> tuple[str, str]:
    """A municipality's name in `language`, else in Finnish (then any language it has), and the
    language of the name when it is not `language` (for its lang attribute)."""
    for code in (language, "fi", *names):
        if names.get(code):
            return names[code], "" if code == language else code
    return "", ""


@require_GET
def comparison(request):
    """The municipality's latest round side by side with other municipalities' imports."""
    columns: list[Column] = []
    round = selectors.latest_public_round()
    sectors = selectors.sectors_ordered()
    language = (get_language() or "fi").split("-")[0]
    if round is not None:
        name, name_lang = name_in(_municipality(request)["name"], language)
        columns.append(
            Column(
                name=name,
                lang=name_lang,
                year=round.year,
                published_at=round.published_at,
                source=absolute_url(reverse("maturity:round", args=[round.year])),
                figures=selectors.figures_of(round, sectors),
                own=True,
            )
        )
    for imported in ImportedRound.objects.order_by("municipality", "-year"):
        # The export names the town in the languages it has; the import keeps the Finnish one.
        names = imported.document.get("municipality", {}).get("name") or {}
        name, name_lang = name_in({"fi": imported.municipality, **names}, language)
        columns.append(
            Column(
                name=name,
                lang=name_lang,
                year=imported.year,
                published_at=imported.published_at,
                source=imported.source,
                figures=document_figures(imported.document),
            )
        )
    rows = []
    known = {sector.code: sector for sector in sectors}
    codes = [sector.code for sector in sectors]
    for column in columns:
        for sector in column.figures.sectors:
            if sector.code not in codes:
                codes.append(sector.code)
    for code in codes:
        scores = []
        for column in columns:
            sector = column.figures.sector(code)
            scores.append(sector.score if sector is not None else None)
        if all(score is None for score in scores):
            continue
        name = translated(known[code], "name").text if code in known else code
        if code not in known:
            for column in columns:
                sector = column.figures.sector(code)
                if sector is not None and isinstance(sector.source, dict):
                    texts = sector.source["name"]
                    name = texts.get(get_language() or "fi") or texts.get("fi") or code
                    break
        rows.append({"name": name, "scores": [number(score) for score in scores]})
    bars = [Bar(f"{c.name} {c.year}", c.figures.score or Decimal(0), lang=c.lang) for c in columns]
    # A name in another language than the page's is marked with its own (QUALITY.md).
    summary = mark_safe(  # noqa: S308 - every part is escaped by format_html
        " ".join(
            format_html(
                _("%(name)s %(year)s: %(score)s out of 100.")
                % {"name": "{name}", "year": c.year, "score": number(c.figures.score)},
                name=format_html('<span lang="{}">{}</span>', c.lang, c.name) if c.lang else c.name,
            )
            for c in columns
        )
    )
    return render(
        request,
        "maturity/comparison.html",
        {
            "columns": columns,
            "rows": rows,
            "bars": bars,
            "chart_height": 40 * len(bars) + 10,
            "summary": summary,
            "totals": [number(c.figures.score) for c in columns],
            "savings": [euros(c.figures.savings.net) for c in columns],
        },
    )


def csv_rows(round) -> list[list]:
    """Every assessed service of a round with its score and savings, for spreadsheets."""
    figures = selectors.figures_of(round)
    rows: list[list] = [
        [
            _("year"),
            _("sector"),
            _("service code"),
            _("service"),
            _("adopted"),
            _("share of transactions done electronically (%)"),
            _("score"),
            _("transactions per year"),
            _("minutes saved per transaction"),
            _("cost per hour (€)"),
            _("one-off investment (€)"),
            _("yearly cost (€)"),
            _("yearly net saving (€)"),
            _("payback time (years)"),
        ]
    ]
    for sector in figures.sectors:
        for service in sector.services:
            assessment = service.source
            rows.append(
                [
                    round.year,
                    translated(sector.source, "name").text,
                    service.code,
                    translated(assessment.service, "name").text,
                    _("yes") if service.adopted else _("no"),
                    service.electronic_share,
                    service.score,
                    assessment.transactions_per_year,
                    assessment.minutes_saved,
                    assessment.cost_per_hour,
                    assessment.investment,
                    assessment.yearly_cost,
                    service.savings.net,
                    service.savings.payback_years
                    if service.savings.payback_years is not None
                    else "",
                ]
            )
    return rows


def _safe_cell(value):
    # A cell starting with = + - @ would be a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@require_GET
def round_csv(request, year: int):
    """A published round's services, scores and savings as CSV."""
    round = selectors.public_round(year)
    if round is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="digital-maturity-{year}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(response)
    for row in csv_rows(round):
        writer.writerow([_safe_cell(cell) for cell in row])
    return response


def export_of(round, request=None) -> dict:
    return export_document(
        round,
        municipality=_municipality(request),
        schema_url=absolute_url(reverse("api:maturity-schema")),
        source=absolute_url(reverse("maturity:export", args=[round.year])),
    )


@require_GET
def round_export(request, year: int):
    """A published round as the open exchange document (JSON, see the JSON Schema)."""
    round = selectors.public_round(year)
    if round is None:
        raise Http404
    response = JsonResponse(
        export_of(round, request), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = f'inline; filename="digital-maturity-{year}.json"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def schema_json() -> str:
    from maturity.exchange import schema

    return json.dumps(schema(), ensure_ascii=False, indent=1)
