"""Reads of the finance pages, the API and the downloads: a fixed number of queries each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Prefetch, Q, QuerySet, When
from django.http import Http404

from finance import policies
from finance.accounts import INCOME_LINES, SPENDING_LINES, Line
from finance.models import (
    Amendment,
    Figure,
    FiscalYear,
    Forecast,
    Level,
    Node,
    Report,
    ReportKind,
    ReportLine,
    Target,
    TargetStatus,
)

ZERO = Decimal(0)
OPERATING_LINES = {Line.OPERATING_INCOME, Line.OPERATING_EXPENSES}
PREVIOUS_YEARS = 4


@dataclass
class Amounts:
    """Budget, amended budget and actual of one line or one node's net cost."""

    budget: Decimal = ZERO
    amended: Decimal = ZERO
    actual: Decimal = ZERO

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.budget + other.budget, self.amended + other.amended, self.actual + other.actual
        )

    def __sub__(self, other: Amounts) -> Amounts:
        return Amounts(
            self.budget - other.budget, self.amended - other.amended, self.actual - other.actual
        )

    @property
    def realisation(self) -> Decimal | None:
        """Actual as a percentage of the amended budget."""
        if not self.amended:
            return None
        return (self.actual / self.amended * 100).quantize(Decimal("0.1"))


def _amounts(line: ReportLine) -> Amounts:
    return Amounts(line.budget, line.amended, line.actual)


@dataclass
class NodeRow:
    node: Node
    net: Amounts
    forecast: Forecast | None = None
    # The net cost in each year of the financial plan (YearView.plan_years, NodeView.plan_years).
    plan: list[Decimal] = field(default_factory=list)

    @property
    def deviation(self) -> Decimal | None:
        """Forecast minus amended budget: positive means over budget."""
        if self.forecast is None:
            return None
        return self.forecast.amount - self.net.amended


@dataclass
class Totals:
    lines: dict[str, Amounts]

    def get(self, line: str) -> Amounts:
        return self.lines.get(line, Amounts())

    @property
    def operating_margin(self) -> Amounts:
        return self.get(Line.OPERATING_INCOME) - self.get(Line.OPERATING_EXPENSES)

    @property
    def annual_contribution_margin(self) -> Amounts:
        return (
            self.operating_margin
            + self.get(Line.TAX_REVENUE)
            + self.get(Line.STATE_GRANTS)
            + self.get(Line.FINANCIAL_INCOME)
            - self.get(Line.FINANCIAL_EXPENSES)
        )

    @property
    def result(self) -> Amounts:
        return self.annual_contribution_margin - self.get(Line.DEPRECIATION)


@dataclass
class YearView:
    year: FiscalYear
    report: Report
    reports: list[Report]
    totals: Totals
    sectors: list[NodeRow]
    previous: list[tuple[FiscalYear, Report, Totals]] = field(default_factory=list)
    plan: list[tuple[int, Totals]] = field(default_factory=list)
    plan_years: list[int] = field(default_factory=list)
    years: list[FiscalYear] = field(default_factory=list)

    def per_resident(self, amount: Decimal) -> Decimal | None:
        if not self.year.population:
            return None
        return (amount / self.year.population).quantize(Decimal("1"))

    @property
    def loans_per_resident(self) -> Decimal | None:
        if self.year.loan_stock is None:
            return None
        return self.per_resident(self.year.loan_stock)

    @property
    def income(self) -> list[tuple[str, Amounts]]:
        return [(line, self.totals.get(line)) for line in INCOME_LINES]

    @property
    def spending(self) -> list[tuple[str, Amounts]]:
        return [(line, self.totals.get(line)) for line in SPENDING_LINES]


def _net(lines: dict[str, Amounts]) -> Amounts:
    return lines.get(Line.OPERATING_EXPENSES, Amounts()) - lines.get(
        Line.OPERATING_INCOME, Amounts()
    )


def _plan_of(
    budget: Report | None, node_ids
) -> tuple[list[int], dict[int, dict[int, dict[str, Amounts]]]]:
    """The financial plan of a published budget for the given nodes: the plan years and, per
    node and plan year, the amounts by line."""
    if budget is None:
        return [], {}
    plan: dict[int, dict[int, dict[str, Amounts]]] = {}
    years: set[int] = set()
    lines = ReportLine.objects.filter(report=budget, plan_year__isnull=False, node_id__in=node_ids)
    for line in lines:
        years.add(line.plan_year)
        plan.setdefault(line.node_id, {}).setdefault(line.plan_year, {})[line.line] = _amounts(line)
    return sorted(years), plan


def _plan_net(plan: dict[int, dict[str, Amounts]], years: list[int]) -> list[Decimal]:
    return [_net(plan.get(year, {})).budget for year in years]


def _budget_of(reports: list[Report]) -> Report | None:
    return next((r for r in reports if r.kind == ReportKind.BUDGET), None)


def published_year(year: int) -> FiscalYear:
    """A year whose budget is published, else 404."""
    found = policies.years_published().filter(year=year).first()
    if found is None:
        raise Http404
    return found


def current_year() -> FiscalYear | None:
    """This calendar year if its budget is published, else the latest published one."""
    today = datetime.date.today()  # noqa: DTZ011 - the calendar year of the municipality
    years = policies.years_published()
    return years.filter(year__lte=today.year).first() or years.first()


def _reports(year: FiscalYear) -> list[Report]:
    reports = list(
        policies.reports_published()
        .filter(year=year)
        .select_related("document")
        .order_by("through_period", "kind")
    )
    for report in reports:
        report.year = year  # the same object: no query per report for its year
    return reports


def _latest(reports: list[Report]) -> Report:
    order = {ReportKind.BUDGET: 0, ReportKind.INTERIM: 1, ReportKind.STATEMENTS: 2}
    return max(reports, key=lambda r: (r.through_period, order[r.kind]))


def report_view(
    report: Report, *, reports: list[Report] | None = None, with_previous: bool = False
) -> YearView:
    """Totals and sectors of a published report, as they stood on publication; with
    `with_previous`, also the previous years and the financial plan of the year's budget."""
    year = report.year
    if reports is None:
        reports = _reports(year)
    sectors = list(Node.objects.filter(level=Level.SECTOR).order_by("sort_order", "code"))
    wanted = Q(report=report, node__isnull=True, plan_year__isnull=True) | Q(
        report=report, node__in=sectors, plan_year__isnull=True
    )
    budget = _budget_of(reports)
    if with_previous and budget is not None:
        wanted |= Q(report=budget, plan_year__isnull=False, node__isnull=True) | Q(
            report=budget, plan_year__isnull=False, node__in=sectors
        )
    totals: dict[str, Amounts] = {}
    by_node: dict[int, dict[str, Amounts]] = {}
    plan: dict[int, dict[str, Amounts]] = {}
    node_plan: dict[int, dict[int, dict[str, Amounts]]] = {}
    for line in ReportLine.objects.filter(wanted):
        if line.plan_year is not None and line.node_id is None:
            plan.setdefault(line.plan_year, {})[line.line] = _amounts(line)
        elif line.plan_year is not None:
            node_plan.setdefault(line.node_id, {}).setdefault(line.plan_year, {})[line.line] = (
                _amounts(line)
            )
        elif line.node_id is None:
            totals[line.line] = _amounts(line)
        else:
            by_node.setdefault(line.node_id, {})[line.line] = _amounts(line)
    plan_years = sorted(plan)
    forecasts = {f.node_id: f for f in Forecast.objects.filter(report=report, node__in=sectors)}
    view = YearView(
        year=year,
        report=report,
        reports=reports,
        totals=Totals(totals),
        sectors=[
            NodeRow(
                node,
                _net(by_node[node.pk]),
                forecasts.get(node.pk),
                _plan_net(node_plan.get(node.pk, {}), plan_years),
            )
            for node in sectors
            if OPERATING_LINES & by_node.get(node.pk, {}).keys()
        ],
        plan_years=plan_years,
    )
    if with_previous:
        view.years = list(policies.years_published())
        view.previous = _previous(year)
        view.plan = [(plan_year, Totals(values)) for plan_year, values in sorted(plan.items())]
    return view


def year_view(year: FiscalYear) -> YearView:
    """The year in its latest published report, with the previous years and the plan."""
    reports = _reports(year)
    if not reports:
        raise Http404
    return report_view(_latest(reports), reports=reports, with_previous=True)


def _previous(year: FiscalYear) -> list[tuple[FiscalYear, Report, Totals]]:
    """The latest published report of each of the previous years, with its totals."""
    reports = list(
        policies.reports_published()
        .filter(year__year__lt=year.year, year__year__gte=year.year - PREVIOUS_YEARS)
        .select_related("year")
    )
    latest: dict[int, Report] = {}
    for report in reports:
        current = latest.get(report.year.year)
        latest[report.year.year] = report if current is None else _latest([current, report])
    lines = ReportLine.objects.filter(
        report__in=latest.values(), node__isnull=True, plan_year__isnull=True
    )
    totals: dict[int, dict[str, Amounts]] = {}
    for line in lines:
        totals.setdefault(line.report_id, {})[line.line] = _amounts(line)
    return [
        (report.year, report, Totals(totals.get(report.pk, {})))
        for _year, report in sorted(latest.items())
    ]


@dataclass
class NodeView:
    year: FiscalYear
    report: Report
    node: Node
    ancestors: list[Node]
    own: NodeRow
    children: list[NodeRow]
    amendments: list[Amendment]
    targets: list[Target]
    plan_years: list[int] = field(default_factory=list)


def node_view(year: FiscalYear, code: str) -> NodeView:
    """A sector or responsibility area in the year's latest report: its children's budget vs
    actual vs forecast, its amendments and its binding targets."""
    node = (
        Node.objects.filter(code=code, level__in=(Level.SECTOR, Level.AREA))
        .select_related("parent")
        .first()
    )
    reports = _reports(year)
    if node is None or not reports:
        raise Http404
    report = _latest(reports)
    children = list(node.children.order_by("sort_order", "code"))
    ids = [node.pk, *(child.pk for child in children)]
    lines: dict[int, dict[str, Amounts]] = {}
    for line in ReportLine.objects.filter(report=report, node_id__in=ids, plan_year__isnull=True):
        lines.setdefault(line.node_id, {})[line.line] = _amounts(line)
    if node.pk not in lines:
        raise Http404
    plan_years, plan = _plan_of(_budget_of(reports), ids)
    forecasts = {f.node_id: f for f in Forecast.objects.filter(report=report, node_id__in=ids)}
    amendments = list(
        Amendment.objects.filter(
            year=year, node_id__in=ids, approved_on__lte=report.published_on
        ).select_related("node", "agenda_item__meeting__body")
    )
    return NodeView(
        year=year,
        report=report,
        node=node,
        ancestors=[node.parent] if node.parent_id else [],
        own=NodeRow(
            node,
            _net(lines[node.pk]),
            forecasts.get(node.pk),
            _plan_net(plan.get(node.pk, {}), plan_years),
        ),
        children=[
            NodeRow(
                child,
                _net(lines[child.pk]),
                forecasts.get(child.pk),
                _plan_net(plan.get(child.pk, {}), plan_years),
            )
            for child in children
            if child.pk in lines and child.level != Level.PROJECT
        ],
        amendments=amendments,
        targets=list(targets_of(year, reports).filter(node_id__in=ids)),
        plan_years=plan_years,
    )


def targets_of(year: FiscalYear, reports: list[Report]) -> QuerySet[Target]:
    """The year's binding targets with their statuses in the published reports."""
    return (
        Target.objects.filter(year=year)
        .select_related("node")
        .prefetch_related(
            Prefetch(
                "statuses",
                queryset=TargetStatus.objects.filter(report__in=reports)
                .select_related("report__year")
                .order_by("report__through_period"),
            )
        )
        .order_by("node__sort_order", "node__code", "sort_order", "id")
    )


@dataclass
class ProjectRow:
    node: Node
    amounts: Amounts
    # The appropriation in each year of the financial plan (InvestmentsView.plan_years).
    plan: list[Decimal] = field(default_factory=list)


@dataclass
class InvestmentsView:
    report: Report
    projects: list[ProjectRow]
    total: Amounts
    plan_years: list[int]
    plan_total: list[Decimal]


def investments_view(year: FiscalYear) -> InvestmentsView:
    """Investment projects with their yearly appropriation, actual and the financial plan's
    appropriations of the following years, and the totals."""
    reports = _reports(year)
    if not reports:
        raise Http404
    report = _latest(reports)
    budget = _budget_of(reports)
    projects = Q(report=report, plan_year__isnull=True)
    if budget is not None:
        projects |= Q(report=budget, plan_year__isnull=False)
    lines = (
        ReportLine.objects.filter(projects, line=Line.INVESTMENTS, node__level=Level.PROJECT)
        .select_related("node__parent")
        .order_by("node__sort_order", "node__code")
    )
    current: dict[int, Amounts] = {}
    nodes: dict[int, Node] = {}
    plan: dict[int, dict[int, Decimal]] = {}
    for line in lines:
        # Projects that start in a later year of the plan are listed too.
        nodes.setdefault(line.node_id, line.node)
        if line.plan_year is None:
            current[line.node_id] = _amounts(line)
        else:
            plan.setdefault(line.node_id, {})[line.plan_year] = line.budget
    plan_years = sorted({plan_year for by_year in plan.values() for plan_year in by_year})
    rows = [
        ProjectRow(
            node, current.get(pk, Amounts()), [plan.get(pk, {}).get(y, ZERO) for y in plan_years]
        )
        for pk, node in nodes.items()
    ]
    total = sum((row.amounts for row in rows), Amounts())
    plan_total = [sum((row.plan[i] for row in rows), ZERO) for i in range(len(plan_years))]
    return InvestmentsView(report, rows, total, plan_years, plan_total)


def report_for(year: FiscalYear, pk: int) -> Report:
    report = (
        policies.reports_published().filter(year=year, pk=pk).select_related("year", "document")
    ).first()
    if report is None:
        raise Http404
    return report


def public_figures() -> QuerySet[Figure]:
    """The export's rows as the public sees them: budget of published years, actuals only of
    published periods (null after them)."""
    return (
        policies.figures_published()
        .select_related("year", "node")
        .annotate(
            public_actual=Case(
                When(period__lte=F("year__published_through"), then=F("actual")),
                default=None,
                output_field=DecimalField(max_digits=16, decimal_places=2),
            )
        )
    )
