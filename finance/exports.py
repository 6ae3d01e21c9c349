"""Every table of the finance pages as CSV and XLSX, and each published year as a Fiscal Data
Package (a Frictionless `datapackage.json` whose resources are the CSV downloads beside it)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from finance import selectors
from finance.accounts import PART_OF_LINE, Line
from finance.models import FiscalYear, Level, Node, ReportLine
from portal.links import absolute_url
from portal.translation import translated

TABLES = ("overview", "sectors", "targets", "investments", "figures", "nodes", "plan")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[list]


def _number(value: Decimal | None):
    return None if value is None else float(value) if value % 1 else int(value)


def overview_table(year: FiscalYear) -> Table:
    view = selectors.year_view(year)
    rows = [
        [line.value, str(line.label), _number(a.budget), _number(a.amended), _number(a.actual)]
        for line in Line
        for a in [view.totals.get(line)]
    ]
    for key, label, amounts in (
        ("operating_margin", _("Operating margin"), view.totals.operating_margin),
        (
            "annual_contribution_margin",
            _("Annual contribution margin"),
            view.totals.annual_contribution_margin,
        ),
    ):
        rows.append(
            [key, label, _number(amounts.budget), _number(amounts.amended), _number(amounts.actual)]
        )
    return Table(
        "overview",
        ["line", _("line"), _("budget"), _("amended budget"), _("actual")],
        rows,
    )


def sectors_table(year: FiscalYear) -> Table:
    view = selectors.year_view(year)
    report = view.report
    nodes = {
        node.pk: node
        for node in Node.objects.filter(level__in=(Level.SECTOR, Level.AREA, Level.UNIT))
        .select_related("parent")
        .order_by("sort_order", "code")
    }
    amounts: dict[int, dict[str, selectors.Amounts]] = {}
    lines = ReportLine.objects.filter(
        report=report, node_id__in=list(nodes), plan_year__isnull=True
    )
    for line in lines:
        amounts.setdefault(line.node_id, {})[line.line] = selectors._amounts(line)
    plan_years, plan = selectors._plan_of(selectors._budget_of(view.reports), list(nodes))
    forecasts = {f.node_id: f for f in report.forecasts.all()}
    rows = []
    for node in nodes.values():
        if node.pk not in amounts:
            continue
        net = selectors._net(amounts[node.pk])
        forecast = forecasts.get(node.pk)
        rows.append(
            [
                node.code,
                translated(node, "name").text,
                node.get_level_display(),
                node.parent.code if node.parent else "",
                node.is_binding,
                _number(net.budget),
                _number(net.amended),
                _number(net.actual),
                _number(net.realisation),
                _number(forecast.amount) if forecast else None,
                *(
                    _number(amount)
                    for amount in selectors._plan_net(plan.get(node.pk, {}), plan_years)
                ),
            ]
        )
    return Table(
        "sectors",
        [
            _("code"),
            _("name"),
            _("level"),
            _("parent"),
            _("binding level"),
            _("net cost, budget"),
            _("net cost, amended budget"),
            _("net cost, actual"),
            _("realisation %"),
            _("forecast net cost"),
            *(_("net cost, plan %(year)d") % {"year": plan_year} for plan_year in plan_years),
        ],
        rows,
    )


def targets_table(year: FiscalYear) -> Table:
    reports = selectors._reports(year)
    rows = []
    for target in selectors.targets_of(year, reports):
        for status in target.statuses.all() or [None]:
            rows.append(
                [
                    target.node.code,
                    translated(target.node, "name").text,
                    translated(target, "title").text,
                    translated(target, "indicator").text,
                    translated(target, "target_value").text,
                    str(status.report) if status else "",
                    status.get_status_display() if status else "",
                    translated(status, "explanation").text if status else "",
                ]
            )
    return Table(
        "targets",
        [
            _("code"),
            _("sector"),
            _("target"),
            _("indicator"),
            _("target value"),
            _("report"),
            _("status"),
            _("explanation"),
        ],
        rows,
    )


def investments_table(year: FiscalYear) -> Table:
    view = selectors.investments_view(year)
    rows = [
        [
            row.node.code,
            translated(row.node, "name").text,
            row.node.parent.code if row.node.parent else "",
            _number(row.node.total_cost),
            _number(row.amounts.budget),
            _number(row.amounts.amended),
            _number(row.amounts.actual),
            *(_number(amount) for amount in row.plan),
        ]
        for row in view.projects
    ]
    return Table(
        "investments",
        [
            _("code"),
            _("project"),
            _("sector"),
            _("total cost"),
            _("budget"),
            _("amended budget"),
            _("actual"),
            *(_("plan %(year)d") % {"year": plan_year} for plan_year in view.plan_years),
        ],
        rows,
    )


FIGURE_HEADER = ["year", "period", "cost_centre", "account", "line", "part", "budget", "actual"]
NODE_HEADER = ["code", "parent", "level", "name_fi", "name_sv", "name_en", "binding"]
PLAN_HEADER = ["year", "plan_year", "cost_centre", "line", "part", "budget"]


def plan_rows(year: FiscalYear):
    """The financial plan approved with the year's budget: the budget of each following year per
    cost centre (the nodes with nothing under them, so that the rows add up to the totals) and
    line, as it stood when the budget was published."""
    budget = selectors._budget_of(selectors._reports(year))
    if budget is None:
        return
    lines = (
        ReportLine.objects.filter(
            report=budget, plan_year__isnull=False, node__isnull=False, node__children__isnull=True
        )
        .order_by("plan_year", "node__code", "line")
        .values_list("plan_year", "node__code", "line", "budget")
    )
    for plan_year, code, line, amount in lines.iterator(chunk_size=5000):
        yield [year.year, plan_year, code, line, PART_OF_LINE[line], _number(amount)]


def figure_rows(year: FiscalYear):
    """The export's rows of a published year, in a stable order, streamed."""
    figures = (
        selectors.public_figures()
        .filter(year=year)
        .order_by("period", "node__code", "account")
        .values_list(
            "year__year",
            "period",
            "node__code",
            "account",
            "line",
            "part",
            "budget",
            "public_actual",
        )
    )
    for row in figures.iterator(chunk_size=5000):
        yield [*row[:6], _number(row[6]), _number(row[7])]


def node_rows():
    nodes = Node.objects.select_related("parent").order_by("sort_order", "code")
    for node in nodes.iterator(chunk_size=2000):
        yield [
            node.code,
            node.parent.code if node.parent else "",
            node.level,
            node.name_fi or "",
            node.name_sv or "",
            node.name_en or "",
            node.is_binding,
        ]


def table(year: FiscalYear, name: str) -> Table:
    if name == "figures":
        return Table("figures", FIGURE_HEADER, figure_rows(year))
    if name == "nodes":
        return Table("nodes", NODE_HEADER, node_rows())
    if name == "plan":
        return Table("plan", PLAN_HEADER, plan_rows(year))
    return {
        "overview": overview_table,
        "sectors": sectors_table,
        "targets": targets_table,
        "investments": investments_table,
    }[name](year)


def _safe_cell(value):
    # A cell starting with = + - @ would be a formula in a spreadsheet; negative numbers are
    # numbers, not text, and stay as they are.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


class _Echo:
    def write(self, value):
        return value


def csv_response(data: Table, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), lineterminator="\n")

    def lines():
        yield writer.writerow(data.header)
        for row in data.rows:
            yield writer.writerow([_safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(data: Table, filename: str) -> HttpResponse:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(data.name)
    sheet.append(data.header)
    for row in data.rows:
        sheet.append([_safe_cell(cell) if isinstance(cell, str) else cell for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def _csv_resource(
    name: str, fields: list[dict], *, primary_key: list[str], by_cost_centre=False, title=""
) -> dict:
    """One CSV table of the package; `by_cost_centre` ties its cost centres to the nodes table."""
    schema = {"fields": fields, "primaryKey": primary_key, "missingValues": [""]}
    if by_cost_centre:
        schema["foreignKeys"] = [
            {"fields": "cost_centre", "reference": {"resource": "nodes", "fields": "code"}}
        ]
    resource = {"name": name, "path": f"{name}.csv"}
    if title:
        resource["title"] = title
    return resource | {
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def datapackage(year: FiscalYear) -> dict:
    """The year's Fiscal Data Package descriptor: figures and the budget structure as CSV."""
    page = absolute_url(reverse("finance:year", args=[year.year]))
    line_field = {
        "name": "line",
        "type": "string",
        "constraints": {"enum": [line.value for line in Line]},
    }
    return {
        "profile": "tabular-data-package",
        "name": f"budget-{year.year}",
        "title": _("Budget and actuals %(year)d") % {"year": year.year},
        "homepage": page,
        "licenses": [
            {
                "name": "CC-BY-4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/",
                "title": "Creative Commons Attribution 4.0",
            }
        ],
        "fiscalPeriod": {"start": f"{year.year}-01-01", "end": f"{year.year}-12-31"},
        "resources": [
            _csv_resource(
                "figures",
                [
                    {"name": "year", "type": "integer"},
                    {
                        "name": "period",
                        "type": "integer",
                        "constraints": {"minimum": 1, "maximum": 12},
                    },
                    {"name": "cost_centre", "type": "string"},
                    {"name": "account", "type": "string"},
                    line_field,
                    {"name": "part", "type": "string"},
                    {"name": "budget", "type": "number"},
                    {"name": "actual", "type": "number"},
                ],
                primary_key=["period", "cost_centre", "account"],
                by_cost_centre=True,
            ),
            _csv_resource(
                "nodes",
                [
                    {"name": "code", "type": "string"},
                    {"name": "parent", "type": "string"},
                    {"name": "level", "type": "string"},
                    {"name": "name_fi", "type": "string"},
                    {"name": "name_sv", "type": "string"},
                    {"name": "name_en", "type": "string"},
                    {"name": "binding", "type": "boolean"},
                ],
                primary_key=["code"],
            ),
            _csv_resource(
                "plan",
                [
                    {"name": "year", "type": "integer"},
                    {"name": "plan_year", "type": "integer"},
                    {"name": "cost_centre", "type": "string"},
                    line_field,
                    {"name": "part", "type": "string"},
                    {"name": "budget", "type": "number"},
                ],
                primary_key=["plan_year", "cost_centre", "line"],
                by_cost_centre=True,
                title=_("Financial plan of the following years"),
            ),
        ],
        # The Fiscal Data Package's logical model: what is measured, along which dimensions.
        "model": {
            "measures": {
                "budget": {"source": "budget", "currency": "EUR"},
                "actual": {"source": "actual", "currency": "EUR"},
            },
            "dimensions": {
                "date": {
                    "dimensionType": "datetime",
                    "attributes": {
                        "year": {"source": "year"},
                        "period": {"source": "period"},
                    },
                    "primaryKey": ["year", "period"],
                },
                "administrative-classification": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {"cost_centre": {"source": "cost_centre"}},
                    "primaryKey": "cost_centre",
                },
                "economic-classification": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "attributes": {
                        "account": {"source": "account"},
                        "line": {"source": "line"},
                        "part": {"source": "part"},
                    },
                    "primaryKey": "account",
                },
            },
        },
    }


def datapackage_response(year: FiscalYear) -> JsonResponse:
    response = JsonResponse(datapackage(year), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'inline; filename="datapackage.json"'
    return response
