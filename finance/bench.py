"""A finance data set 50 times the demo town's, for the benchmark and the query-count checks:
2 000 cost centres × 12 periods × 5 years (plus the sectors, areas and projects above them),
and the budget of the two following years as the financial plan."""

from __future__ import annotations

import datetime
from decimal import Decimal

SECTORS = 40
AREAS_PER_SECTOR = 5
UNITS_PER_AREA = 10
PROJECTS_PER_SECTOR = 3
ACCOUNTS = (("4000", 120_000), ("4300", 60_000), ("3000", 20_000))


def build_large(
    *,
    years: int = 5,
    sectors_count: int = SECTORS,
    units_per_area: int = UNITS_PER_AREA,
    plan_years: int = 2,
    stdout=None,
) -> int:
    """Replace the stored finances with the large set; returns the number of export rows.

    `sectors_count` sectors of AREAS_PER_SECTOR areas of `units_per_area` cost centres each.

    Rows are written in bulk (an import of the same rows gives the same tables); the reports
    are published through finance.services, as finance staff would.
    """
    from finance.accounts import PART_OF_LINE, line_of
    from finance.models import (
        Amendment,
        Figure,
        FinanceImport,
        FiscalYear,
        Forecast,
        Level,
        Node,
        Report,
        ReportLine,
        Target,
        TargetStatus,
    )
    from finance.services import report_publish, report_save

    for model in (TargetStatus, Target, Forecast, ReportLine, Amendment, Report, Figure):
        model.objects.all().delete()
    FinanceImport.objects.all().delete()
    FiscalYear.objects.all().delete()
    for levels in ((Level.UNIT, Level.PROJECT), (Level.AREA,), (Level.SECTOR,)):
        Node.objects.filter(level__in=levels).delete()

    record = FinanceImport.objects.create(
        file_name="bench.csv", checksum="0" * 64, rows=0, budget_total=0, actual_total=0
    )
    sectors = Node.objects.bulk_create(
        Node(
            code=f"S{s}",
            level=Level.SECTOR,
            name=f"Toimiala {s}",
            name_fi=f"Toimiala {s}",
            name_sv=f"Sektor {s}",
            is_binding=True,
            sort_order=s,
        )
        for s in range(sectors_count)
    )
    areas = Node.objects.bulk_create(
        Node(
            code=f"S{s}A{a}",
            parent=sector,
            level=Level.AREA,
            name=f"Tulosalue {a}",
            name_fi=f"Tulosalue {a}",
            sort_order=a,
        )
        for s, sector in enumerate(sectors)
        for a in range(AREAS_PER_SECTOR)
    )
    units = Node.objects.bulk_create(
        Node(
            code=f"{area.code}U{u}",
            parent=area,
            level=Level.UNIT,
            name=f"Yksikkö {u}",
            name_fi=f"Yksikkö {u}",
            sort_order=u,
        )
        for area in areas
        for u in range(units_per_area)
    )
    projects = Node.objects.bulk_create(
        Node(
            code=f"{sector.code}P{p}",
            parent=sector,
            level=Level.PROJECT,
            name=f"Hanke {p}",
            name_fi=f"Hanke {p}",
            total_cost=Decimal(3_000_000),
            sort_order=100 + p,
        )
        for sector in sectors
        for p in range(PROJECTS_PER_SECTOR)
    )
    today = datetime.date.today()  # noqa: DTZ011 - the calendar year
    total = 0
    fiscal_years = {}
    for offset in range(-(years - 1), plan_years + 1):
        year = FiscalYear.objects.create(year=today.year + offset, population=900_000)
        fiscal_years[offset] = year
        through = 12 if offset < 0 else 8 if offset == 0 else 0
        rows = []
        accounts = [
            (account, line_of(account), Decimal(amount) / 12) for account, amount in ACCOUNTS
        ]
        for node in units:
            for account, line, monthly in accounts:
                for period in range(1, 13):
                    rows.append(
                        (year.pk, node.pk, account, line, PART_OF_LINE[line], period, monthly,
                         monthly if period <= through else 0, record.pk)
                    )  # fmt: skip
        project_line = line_of("1100")
        for node in projects:
            for period in range(1, 13):
                rows.append(
                    (year.pk, node.pk, "1100", project_line, PART_OF_LINE[project_line], period,
                     Decimal(10_000), Decimal(9_000) if period <= through else 0, record.pk)
                )  # fmt: skip
        _write_figures(rows)
        total += len(rows)
        if stdout is not None:
            stdout.write(f"  {year.year}: {len(rows)} rows\n")
    # Published after every year is there, so that the budgets carry their financial plan.
    for offset in range(-(years - 1), 1):
        year = fiscal_years[offset]
        through = 12 if offset < 0 else 8
        report_publish(
            report=report_save(year=year, kind="budget"),
            published_on=datetime.date(year.year - 1, 12, 10),
        )
        if offset < 0:
            report = report_save(year=year, kind="statements", through_period=12)
        else:
            report = report_save(year=year, kind="interim", through_period=through)
        for index, sector in enumerate(sectors[:10]):
            target = Target.objects.create(
                year=year,
                node=sector,
                title=f"Tavoite {index}",
                title_fi=f"Tavoite {index}",
                indicator="Mittari",
                indicator_fi="Mittari",
                target_value="100",
                target_value_fi="100",
            )
            TargetStatus.objects.create(target=target, report=report, status="on_track")
        report_publish(report=report, published_on=datetime.date(year.year, 9, 29))
    return total


FIGURE_COLUMNS = [
    "year_id", "node_id", "account", "line", "part", "period", "budget", "actual", "source_id",
]  # fmt: skip


def _write_figures(rows: list[tuple]) -> None:
    """Write budget rows (tuples of FIGURE_COLUMNS): COPY on PostgreSQL, bulk inserts elsewhere."""
    from django.db import connection

    from finance.models import Figure

    if connection.vendor == "postgresql":
        from portal.scale import copy_rows

        copy_rows(Figure._meta.db_table, FIGURE_COLUMNS, rows)
        return
    Figure.objects.bulk_create(
        (Figure(**dict(zip(FIGURE_COLUMNS, row, strict=True))) for row in rows), batch_size=10_000
    )


def bench_routes(resident_email: str) -> list:
    """Routes of the finance app that `make bench` measures (portal/management/commands/bench.py):
    the current year's overview, the drill-down of its largest sector and the API's lists."""
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.translation import override

    from finance import selectors
    from finance.models import Level, Node
    from portal.management.commands.bench import BenchRoute

    year = selectors.current_year()
    if year is None:
        return []
    with override("fi"):
        routes = [BenchRoute("finance overview", reverse("finance:index"))]
        sector = (
            Node.objects.filter(level=Level.SECTOR)
            .annotate(size=Count("children"))
            .order_by("-size", "sort_order", "code")
            .first()
        )
        if sector is not None:
            routes.append(
                BenchRoute(
                    f"finance sector drill-down ({sector.size} children)",
                    reverse("finance:node", args=[year.year, sector.code]),
                )
            )
    routes += [
        BenchRoute("API: finance figures", f"/api/v1/finance/figures/?year={year.year}"),
        BenchRoute("API: finance plan", f"/api/v1/finance/plan/?year={year.year}"),
    ]
    return routes
