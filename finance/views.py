"""The finance pages: the year in plain language, drill-down, targets, investments, reports,
and every table as CSV and XLSX. Charts are SVG drawn here, each with a table and a summary."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from finance import exports, selectors
from finance.accounts import Line
from finance.charts import bar_chart
from finance.models import PERIODS, ReportKind
from finance.templatetags.finance_tags import euros, millions, percent
from portal.translation import translated

MONTH_SPANS = {
    1: gettext_lazy("January"),
    2: gettext_lazy("January–February"),
    3: gettext_lazy("January–March"),
    4: gettext_lazy("January–April"),
    5: gettext_lazy("January–May"),
    6: gettext_lazy("January–June"),
    7: gettext_lazy("January–July"),
    8: gettext_lazy("January–August"),
    9: gettext_lazy("January–September"),
    10: gettext_lazy("January–October"),
    11: gettext_lazy("January–November"),
    12: gettext_lazy("January–December"),
}


def report_title(report) -> str:
    """ "Interim report January–April 2026", "Budget 2026", "Financial statements 2025"."""
    year = report.year.year
    if report.kind == ReportKind.BUDGET:
        return _("Budget %(year)d") % {"year": year}
    if report.kind == ReportKind.STATEMENTS:
        return _("Financial statements %(year)d") % {"year": year}
    return _("Interim report %(months)s %(year)d") % {
        "months": MONTH_SPANS[report.through_period],
        "year": year,
    }


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    return (part / whole * 100).quantize(Decimal("0.1")) if whole else None


def _label(line: str) -> str:
    return str(Line(line).label)


def _year_context(view: selectors.YearView) -> dict:
    has_actuals = view.report.through_period > 0
    income = [(line, amounts) for line, amounts in view.income if amounts.amended]
    income_total = sum((a.amended for _line, a in income), Decimal(0))
    income_rows = [
        {
            "line": line,
            "label": _label(line),
            "amounts": amounts,
            "per_resident": view.per_resident(amounts.amended),
            "share": _share(amounts.amended, income_total),
        }
        for line, amounts in income
    ]
    income_chart = None
    if income_rows:
        largest = max(income_rows, key=lambda row: row["amounts"].amended)
        income_chart = bar_chart(
            "income",
            _("Where the money comes from"),
            _("The largest source is %(line)s: %(amount)s, %(share)s of all income.")
            % {
                "line": largest["label"].lower(),
                "amount": millions(largest["amounts"].amended),
                "share": percent(largest["share"]),
            },
            [(row["label"], [row["amounts"].amended]) for row in income_rows],
            series=[_("Amended budget")],
            text=millions,
        )
    sectors = sorted(view.sectors, key=lambda row: row.net.amended, reverse=True)
    sector_total = sum((row.net.amended for row in sectors), Decimal(0))
    sector_rows = [
        {
            "row": row,
            "per_resident": view.per_resident(row.net.amended),
            "share": _share(row.net.amended, sector_total),
        }
        for row in view.sectors
    ]
    sector_chart = None
    if sectors:
        largest = sectors[0]
        name = translated(largest.node, "name").text
        series = [_("Amended budget")] + ([_("Actual")] if has_actuals else [])
        sector_chart = bar_chart(
            "sectors",
            _("Where the money goes: net cost of each sector"),
            _("The largest net cost is in %(sector)s: %(amount)s, %(per_resident)s per resident.")
            % {
                "sector": name,
                "amount": millions(largest.net.amended),
                "per_resident": euros(view.per_resident(largest.net.amended)),
            },
            [
                (
                    translated(row.node, "name").text,
                    [row.net.amended] + ([row.net.actual] if has_actuals else []),
                )
                for row in view.sectors
            ],
            series=series,
            text=millions,
        )
    return {
        "view": view,
        "year": view.year,
        "report": view.report,
        "report_title": report_title(view.report),
        "has_actuals": has_actuals,
        "months": MONTH_SPANS.get(view.report.through_period, ""),
        "income_rows": income_rows,
        "income_total": income_total,
        "income_chart": income_chart,
        "sector_rows": sector_rows,
        "sector_chart": sector_chart,
        "spending": [(_label(line), amounts) for line, amounts in view.spending],
        "reports": [(report, report_title(report)) for report in view.reports],
        "key_lines": [
            (_("Operating margin"), view.totals.operating_margin),
            (_("Annual contribution margin"), view.totals.annual_contribution_margin),
            (_("Result for the year"), view.totals.result),
        ],
    }


def _render_year(request, year):
    view = selectors.year_view(year)
    context = _year_context(view)
    context["previous"] = [
        (previous_year, report_title(report), totals)
        for previous_year, report, totals in view.previous
    ]
    context["plan"] = view.plan
    context["years"] = view.years
    return render(request, "finance/year.html", context)


@require_GET
def index(request):
    """The current year's finances in plain language."""
    year = selectors.current_year()
    if year is None:
        return render(request, "finance/empty.html")
    return _render_year(request, year)


@require_GET
def year_detail(request, year: int):
    return _render_year(request, selectors.published_year(year))


@require_GET
def node_detail(request, year: int, code: str):
    """A sector or responsibility area: budget vs actual vs forecast of what it contains."""
    fiscal_year = selectors.published_year(year)
    view = selectors.node_view(fiscal_year, code)
    has_actuals = view.report.through_period > 0
    name = translated(view.node, "name").text
    rows = view.children or [view.own]
    series = [_("Amended budget")] + ([_("Actual")] if has_actuals else [])
    if has_actuals:
        summary = _(
            "In %(months)s, %(name)s used %(percent)s of its amended budget of %(amount)s, "
            "while %(elapsed)s of the year had passed."
        ) % {
            "months": MONTH_SPANS[view.report.through_period],
            "name": name,
            "percent": percent(view.own.net.realisation),
            "amount": millions(view.own.net.amended),
            "elapsed": percent(Decimal(view.report.through_period * 100) / PERIODS),
        }
    else:
        summary = _("The net cost of %(name)s in the budget is %(amount)s.") % {
            "name": name,
            "amount": millions(view.own.net.amended),
        }
    chart = bar_chart(
        "node",
        _("Budget and actual of %(name)s") % {"name": name},
        summary,
        [
            (
                translated(row.node, "name").text,
                [row.net.amended] + ([row.net.actual] if has_actuals else []),
            )
            for row in rows
        ],
        series=series,
        text=millions,
    )
    return render(
        request,
        "finance/node.html",
        {
            "view": view,
            "year": fiscal_year,
            "report": view.report,
            "report_title": report_title(view.report),
            "has_actuals": has_actuals,
            "months": MONTH_SPANS.get(view.report.through_period, ""),
            "chart": chart,
            "summary": summary,
            "rows": view.children,
            "plan_years": view.plan_years,
        },
    )


@require_GET
def targets(request, year: int):
    """The year's binding targets and their status in each published report."""
    fiscal_year = selectors.published_year(year)
    reports = selectors._reports(fiscal_year)
    target_list = list(selectors.targets_of(fiscal_year, reports))
    latest_report = selectors._latest(reports) if reports else None
    counts = {}
    for target in target_list:
        statuses = list(target.statuses.all())
        target.latest_status = statuses[-1] if statuses else None
        if target.latest_status is not None:
            key = target.latest_status.get_status_display()
            counts[key] = counts.get(key, 0) + 1
    return render(
        request,
        "finance/targets.html",
        {
            "year": fiscal_year,
            "targets": target_list,
            "report": latest_report,
            "report_title": report_title(latest_report) if latest_report else "",
            "counts": sorted(counts.items()),
        },
    )


@require_GET
def investments(request, year: int):
    """The investment programme: projects with their total cost and the year's appropriation."""
    fiscal_year = selectors.published_year(year)
    view = selectors.investments_view(fiscal_year)
    report, projects, total = view.report, view.projects, view.total
    has_actuals = report.through_period > 0
    chart = None
    if projects:
        largest = max(projects, key=lambda row: row.amounts.amended)
        chart = bar_chart(
            "investments",
            _("Investment projects of %(year)d") % {"year": fiscal_year.year},
            _("The largest project is %(name)s: %(amount)s this year.")
            % {
                "name": translated(largest.node, "name").text,
                "amount": millions(largest.amounts.amended),
            },
            [
                (
                    translated(row.node, "name").text,
                    [row.amounts.amended] + ([row.amounts.actual] if has_actuals else []),
                )
                for row in projects
            ],
            series=[_("Amended budget")] + ([_("Actual")] if has_actuals else []),
            text=millions,
        )
    return render(
        request,
        "finance/investments.html",
        {
            "year": fiscal_year,
            "report": report,
            "report_title": report_title(report),
            "has_actuals": has_actuals,
            "projects": projects,
            "total": total,
            "plan_years": view.plan_years,
            "plan_total": view.plan_total,
            "chart": chart,
        },
    )


@require_GET
def report_detail(request, year: int, pk: int):
    """A published report with its narrative and its figures as they stood then."""
    fiscal_year = selectors.published_year(year)
    report = selectors.report_for(fiscal_year, pk)
    report.year = fiscal_year
    view = selectors.report_view(report)
    context = _year_context(view)
    context["statuses"] = list(
        report.target_statuses.select_related("target__node").order_by(
            "target__node__sort_order", "target__sort_order", "target__id"
        )
    )
    context["forecasts"] = [row for row in view.sectors if row.forecast is not None]
    return render(request, "finance/report.html", context)


@require_GET
def download(request, year: int, table: str, fmt: str):
    """A table of the pages as CSV or XLSX."""
    if table not in exports.TABLES:
        raise Http404
    fiscal_year = selectors.published_year(year)
    data = exports.table(fiscal_year, table)
    filename = f"{table}-{fiscal_year.year}"
    if fmt == "csv":
        return exports.csv_response(data, filename)
    return exports.xlsx_response(data, filename)


@require_GET
def datapackage(request, year: int):
    """The year as a Fiscal Data Package (Frictionless): datapackage.json with CSV resources."""
    return exports.datapackage_response(selectors.published_year(year))
