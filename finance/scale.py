"""Budget and accounting rows of a city for the benchmark (`manage.py generate_scale`).

The finances are the large set of finance.bench (cost centres × accounts × 12 periods × 5
years, with the reports published through the services), sized to the wanted number of rows.
It replaces the demo's finances in one transaction: a run that stops leaves the demo's, and the
next run builds the set again; a complete set is kept.
"""

from __future__ import annotations

from django.db import transaction

from finance.bench import ACCOUNTS, AREAS_PER_SECTOR, PROJECTS_PER_SECTOR, build_large
from finance.models import Figure, FinanceImport
from portal.scale import Plan, Progress, analyse, indexes_deferred

YEARS = 5
PERIODS = 12
UNITS_PER_AREA = 10


def shape(rows: int) -> tuple[int, int]:
    """(sectors, cost centres per area) that give about `rows` rows over YEARS years."""
    per_sector = YEARS * PERIODS * (AREAS_PER_SECTOR * UNITS_PER_AREA * len(ACCOUNTS))
    per_sector += YEARS * PERIODS * PROJECTS_PER_SECTOR
    if rows >= per_sector:
        return max(1, round(rows / per_sector)), UNITS_PER_AREA
    per_unit = YEARS * PERIODS * AREAS_PER_SECTOR * len(ACCOUNTS)
    return 1, max(1, round(rows / per_unit))


def expected(rows: int) -> int:
    sectors, units = shape(rows)
    per_year = sectors * (AREAS_PER_SECTOR * units * len(ACCOUNTS) + PROJECTS_PER_SECTOR)
    return YEARS * PERIODS * per_year


def generate(plan: Plan, stdout) -> None:
    wanted = expected(plan.counts["budget_rows"])
    built = FinanceImport.objects.filter(file_name="bench.csv").exists()
    progress = Progress(stdout, "budget rows", wanted, 0)
    if built and Figure.objects.count() == wanted:
        progress.update(wanted)
        return
    sectors, units = shape(plan.counts["budget_rows"])
    with indexes_deferred(Figure, stdout=stdout), transaction.atomic():
        # Without plan years: the set's row count is the wanted number of budget rows.
        rows = build_large(years=YEARS, sectors_count=sectors, units_per_area=units, plan_years=0)
    progress.update(rows)
    analyse(Figure)
