"""Every write of the finance app: imports, the structure, amendments, targets and publishing."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from finance.accounts import PART_OF_LINE
from finance.importer import FileRejected, ParsedExport, Problem, RowError, parse_export
from finance.models import (
    PARENT_LEVELS,
    Amendment,
    FinanceImport,
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

# The financial plan covers the following (usually two or three) years of the budget.
PLAN_YEARS = 3


class ReportPublished(Exception):
    """A published report's figures, forecasts and statuses stay as they were."""


class CannotPublish(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class ImportResult:
    record: FinanceImport | None = None
    errors: list = field(default_factory=list)
    parsed: ParsedExport | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None


def _structure_errors(parsed: ParsedExport, nodes: dict[str, Node]) -> list[RowError]:
    """Parent levels, checked against the file's rows and the nodes already stored."""
    sheet = _("structure")
    levels = {code: node.level for code, node in nodes.items()}
    levels.update({row.code: row.level for row in parsed.structure})
    errors = []
    for row in parsed.structure:
        parent_level = levels.get(row.parent) if row.parent else None
        if row.parent and parent_level is None:
            continue  # reported as an unknown cost centre
        if parent_level not in PARENT_LEVELS[row.level]:
            errors.append(
                RowError(
                    sheet, row.row, "parent", _("This level cannot be placed under that parent.")
                )
            )
    return errors


def _published_errors(parsed: ParsedExport) -> list[RowError]:
    """Rows that would change what a published report shows."""
    sheet = _("figures")
    years = {
        year.year: year
        for year in FiscalYear.objects.select_for_update().filter(
            year__in={row.year for row in parsed.figures}
        )
    }
    errors = []
    budgets = {}
    budget_years = [y for y in years.values() if y.budget_published_on is not None]
    if budget_years:
        from finance.models import Figure

        budgets = {
            (f.year.year, f.period, f.node.code, f.account): f.budget
            for f in Figure.objects.filter(
                year__in=budget_years,
                period__in={row.period for row in parsed.figures},
            ).select_related("year", "node")
        }
    for row in parsed.figures:
        year = years.get(row.year)
        if year is None:
            continue
        if row.period <= year.published_through:
            errors.append(
                RowError(
                    sheet,
                    row.row,
                    "period",
                    Problem(
                        _(
                            "Period %(period)d of %(year)d is in a published report; its "
                            "figures can no longer change."
                        ),
                        period=row.period,
                        year=row.year,
                    ),
                )
            )
        elif year.budget_published_on is not None:
            stored = budgets.get((row.year, row.period, row.cost_centre, row.account), Decimal(0))
            if stored != row.budget:
                errors.append(
                    RowError(
                        sheet,
                        row.row,
                        "budget",
                        Problem(
                            _(
                                "The budget of %(year)d is published: it changes only through "
                                "budget amendments."
                            ),
                            year=row.year,
                        ),
                    )
                )
    return errors


@transaction.atomic
def finance_import(
    *, data: bytes, name: str, user=None, structure: bytes | None = None
) -> ImportResult:
    """Validate the finance system's export and, only if every row is valid, save it: the
    structure is updated, and each (year, period) in the file replaces the stored one."""
    nodes = {node.code: node for node in Node.objects.all()}
    try:
        parsed = parse_export(data, name=name, structure=structure, known_codes=set(nodes))
    except FileRejected as exc:
        return ImportResult(errors=[exc.message])
    errors = list(parsed.errors)
    if not errors:
        errors += _structure_errors(parsed, nodes)
    if not errors:
        errors += _published_errors(parsed)
    if not errors and not parsed.figures and not parsed.structure:
        errors.append(_("The file has no rows."))
    if errors:
        return ImportResult(errors=errors, parsed=parsed)

    nodes = _save_structure(parsed, nodes)
    years = {}
    for number in sorted({row.year for row in parsed.figures}):
        years[number], _created = FiscalYear.objects.get_or_create(year=number)
    periods = sorted({(row.year, row.period) for row in parsed.figures})
    record = FinanceImport.objects.create(
        uploaded_by=user,
        file_name=name[:255],
        checksum=parsed.checksum,
        rows=len(parsed.figures),
        periods=[f"{year}-{period:02d}" for year, period in periods],
        budget_total=parsed.budget_total,
        actual_total=parsed.actual_total,
    )
    from finance.models import Figure

    for year, period in periods:
        Figure.objects.filter(year=years[year], period=period).delete()
    Figure.objects.bulk_create(
        [
            Figure(
                year=years[row.year],
                node=nodes[row.cost_centre],
                account=row.account,
                line=row.line,
                part=PART_OF_LINE[row.line],
                period=row.period,
                budget=row.budget,
                actual=row.actual,
                source=record,
            )
            for row in parsed.figures
        ],
        batch_size=5000,
    )
    FiscalYear.objects.filter(pk__in=[y.pk for y in years.values()]).update(
        modified=datetime.datetime.now(tz=datetime.UTC)
    )
    log(instance=record, action="finance.import", user=user)
    return ImportResult(record=record, parsed=parsed)


def _save_structure(parsed: ParsedExport, nodes: dict[str, Node]) -> dict[str, Node]:
    # Parents first: sectors, then areas, then units and projects.
    order = {Level.SECTOR: 0, Level.AREA: 1, Level.UNIT: 2, Level.PROJECT: 2}
    for index, row in sorted(
        enumerate(parsed.structure), key=lambda pair: (order[pair[1].level], pair[0])
    ):
        node = nodes.get(row.code) or Node(code=row.code)
        node.parent = nodes[row.parent] if row.parent else None
        node.level = row.level
        node.name_fi = row.names["fi"]
        node.name_sv = row.names["sv"] or None
        node.name_en = row.names["en"] or None
        node.name = row.names["fi"]
        node.is_binding = row.is_binding
        node.total_cost = row.total_cost
        node.sort_order = index
        node.save()
        nodes[row.code] = node
    return nodes


@transaction.atomic
def fiscal_year_save(
    *,
    year: int,
    population: int | None = None,
    tax_rate: Decimal | None = None,
    loan_stock: Decimal | None = None,
) -> FiscalYear:
    """Create or update a fiscal year's facts (population, tax rate, loans)."""
    fiscal_year, _created = FiscalYear.objects.get_or_create(year=year)
    fiscal_year.population = population
    fiscal_year.tax_rate = tax_rate
    fiscal_year.loan_stock = loan_stock
    fiscal_year.save()
    return fiscal_year


DOCUMENT_COLLECTION = "Finances"


@transaction.atomic
def report_document_attach(*, report: Report, title: str, name: str, data: bytes, user=None):
    """Store a report's document (a PDF, checked by its content like every upload) in the
    finance staff's collection and attach it to the report; returns the document."""
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from portal.uploads import stored_name, upload_inspect

    upload = SimpleUploadedFile(name, data, "application/pdf")
    kind = upload_inspect(
        upload,
        accept=("pdf",),
        max_bytes=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
        wrong_type_message=_("“%(name)s” is not a PDF file."),
    )
    upload.name = stored_name(name, kind)
    root = Collection.get_first_root_node()
    collection = (
        root.get_children().filter(name=DOCUMENT_COLLECTION).first() if root else None
    ) or root
    document = get_document_model()(
        title=title, file=upload, collection=collection, uploaded_by_user=user
    )
    document._set_document_file_metadata()
    document.full_clean()
    document.save()
    report.document = document
    report.save(update_fields=["document", "modified"])
    log(instance=report, action="wagtail.edit", user=user)
    return document


@transaction.atomic
def report_save(
    *,
    report: Report | None = None,
    year: FiscalYear,
    kind: str,
    through_period: int = 0,
    narrative: dict[str, str] | None = None,
    document=None,
) -> Report:
    """Create or update a report; a published one keeps its kind and period."""
    report = report or Report()
    if (
        report.pk
        and report.is_published
        and (report.kind != kind or report.through_period != through_period or report.year != year)
    ):
        raise ReportPublished(report)
    report.year = year
    report.kind = kind
    report.through_period = through_period
    for code, text in (narrative or {}).items():
        setattr(report, f"narrative_{code}", text)
    report.document = document
    report.full_clean()
    report.save()
    return report


def _rolled_up(leaf: dict[tuple[int, str], dict[str, Decimal]], parents: dict[int, int | None]):
    """Sums of every node and its ancestors, and the totals (node None)."""
    out: dict[tuple[int | None, str], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    for (node_id, line), values in leaf.items():
        current = node_id
        seen = 0
        while current is not None and seen < 10:
            for key, value in values.items():
                out[(current, line)][key] += value
            current = parents.get(current)
            seen += 1
        for key, value in values.items():
            out[(None, line)][key] += value
    return out


@transaction.atomic
def report_publish(*, report: Report, published_on: datetime.date, user=None) -> Report:
    """Publish a report: its figures are stored as they stand now and never change after."""
    report = Report.objects.select_for_update().select_related("year").get(pk=report.pk)
    year = FiscalYear.objects.select_for_update().get(pk=report.year_id)
    if report.is_published:
        raise CannotPublish(_("The report is already published."))
    if report.kind != ReportKind.BUDGET and year.budget_published_on is None:
        raise CannotPublish(_("Publish the year's budget first."))
    if report.through_period < year.published_through:
        raise CannotPublish(_("A later report of the year is already published."))
    from finance.models import Figure

    leaf: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    figures = Figure.objects.filter(year=year)
    for row in figures.values("node_id", "line").annotate(total=Sum("budget")):
        leaf[(row["node_id"], row["line"])]["budget"] += row["total"]
        leaf[(row["node_id"], row["line"])]["amended"] += row["total"]
    if report.through_period:
        actuals = figures.filter(period__lte=report.through_period)
        for row in actuals.values("node_id", "line").annotate(total=Sum("actual")):
            leaf[(row["node_id"], row["line"])]["actual"] += row["total"]
    amendments = Amendment.objects.filter(year=year, approved_on__lte=published_on)
    for amendment in amendments:
        leaf[(amendment.node_id, amendment.line)]["amended"] += amendment.amount
    parents = dict(Node.objects.values_list("id", "parent_id"))
    lines = [
        ReportLine(
            report=report,
            node_id=node_id,
            line=line,
            budget=values.get("budget", 0),
            amended=values.get("amended", 0),
            actual=values.get("actual", 0),
        )
        for (node_id, line), values in _rolled_up(leaf, parents).items()
    ]
    if report.kind == ReportKind.BUDGET:
        # The financial plan approved with the budget: the following years' budget rows of the
        # export, per node (rolled up) and in total, as they stand when the budget is published.
        plan_leaf: dict[int, dict[tuple[int, str], dict[str, Decimal]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(Decimal))
        )
        plan = Figure.objects.filter(
            year__year__gt=year.year, year__year__lte=year.year + PLAN_YEARS
        )
        for row in plan.values("year__year", "node_id", "line").annotate(total=Sum("budget")):
            plan_leaf[row["year__year"]][(row["node_id"], row["line"])]["budget"] += row["total"]
        for plan_year, plan_values in sorted(plan_leaf.items()):
            for (node_id, line), values in _rolled_up(plan_values, parents).items():
                lines.append(
                    ReportLine(
                        report=report,
                        node_id=node_id,
                        line=line,
                        plan_year=plan_year,
                        budget=values["budget"],
                        amended=values["budget"],
                    )
                )
    ReportLine.objects.filter(report=report).delete()
    ReportLine.objects.bulk_create(lines, batch_size=5000)
    report.published_on = published_on
    report.save(update_fields=["published_on", "modified"])
    if report.kind == ReportKind.BUDGET:
        year.budget_published_on = published_on
    year.published_through = max(year.published_through, report.through_period)
    year.save(update_fields=["budget_published_on", "published_through", "modified"])
    log(instance=report, action="finance.publish", user=user)
    # The key figures' budget realisation follows the published reports.
    from indicators.services import budget_realisation_compute

    budget_realisation_compute(year=year.year)
    return report


@transaction.atomic
def amendment_save(
    *,
    amendment: Amendment | None = None,
    year: FiscalYear,
    node: Node,
    line: str,
    amount: Decimal,
    approved_on: datetime.date,
    agenda_item=None,
    description: dict[str, str] | None = None,
) -> Amendment:
    """Record a budget amendment approved by the council (linked to its agenda item)."""
    amendment = amendment or Amendment()
    amendment.year = year
    amendment.node = node
    amendment.line = line
    amendment.amount = amount
    amendment.approved_on = approved_on
    amendment.agenda_item = agenda_item
    for code, text in (description or {}).items():
        setattr(amendment, f"description_{code}", text)
    amendment.full_clean()
    amendment.save()
    return amendment


def _check_draft(report: Report) -> None:
    if Report.objects.filter(pk=report.pk, published_on__isnull=False).exists():
        raise ReportPublished(report)


@transaction.atomic
def forecast_save(
    *, report: Report, node: Node, amount: Decimal, explanation: dict[str, str] | None = None
) -> Forecast:
    """Set a draft report's forecast of a node's net cost for the year, with its explanation."""
    _check_draft(report)
    forecast, _created = Forecast.objects.get_or_create(
        report=report, node=node, defaults={"amount": amount}
    )
    forecast.amount = amount
    for code, text in (explanation or {}).items():
        setattr(forecast, f"explanation_{code}", text)
    forecast.save()
    return forecast


@transaction.atomic
def target_save(
    *,
    target: Target | None = None,
    year: FiscalYear,
    node: Node,
    title: dict[str, str],
    indicator: dict[str, str],
    target_value: dict[str, str],
    sort_order: int = 0,
) -> Target:
    """Create or update a binding target set by the council."""
    target = target or Target()
    target.year = year
    target.node = node
    for field_name, texts in (
        ("title", title),
        ("indicator", indicator),
        ("target_value", target_value),
    ):
        for code, text in texts.items():
            setattr(target, f"{field_name}_{code}", text)
    target.sort_order = sort_order
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def target_status_save(
    *, target: Target, report: Report, status: str, explanation: dict[str, str] | None = None
) -> TargetStatus:
    """Set a target's status in a draft report, with its explanation."""
    _check_draft(report)
    entry, _created = TargetStatus.objects.get_or_create(
        target=target, report=report, defaults={"status": status}
    )
    entry.status = status
    for code, text in (explanation or {}).items():
        setattr(entry, f"explanation_{code}", text)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def record_delete(*, instance) -> None:
    """Delete an amendment, target, forecast or status; those of a published report stay."""
    report = getattr(instance, "report", None)
    if report is not None:
        _check_draft(report)
    instance.delete()


@transaction.atomic
def node_save(
    *,
    node: Node | None = None,
    code: str,
    parent: Node | None,
    level: str,
    name: dict[str, str],
    is_binding: bool = False,
    total_cost: Decimal | None = None,
    sort_order: int = 0,
) -> Node:
    """Create or update a node of the budget structure (the import does the same in bulk)."""
    node = node or Node()
    node.code = code
    node.parent = parent
    node.level = level
    for language, text in name.items():
        setattr(node, f"name_{language}", text or None)
    node.name = name.get("fi") or node.name
    node.is_binding = is_binding
    node.total_cost = total_cost
    node.sort_order = sort_order
    node.full_clean()
    node.save()
    return node
