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
# A municipality has about ten sectors however large it is; a larger one has more cost centres
# in each of them. The overview lists the sectors, so their number does not grow with the set.
MAX_SECTORS = 11


def shape(rows: int) -> tuple[int, int]:
    """(sectors, cost centres per area) that give about `rows` rows over YEARS years."""
    per_unit = YEARS * PERIODS * AREAS_PER_SECTOR * len(ACCOUNTS)
    per_sector_projects = YEARS * PERIODS * PROJECTS_PER_SECTOR
    per_sector = per_unit * UNITS_PER_AREA + per_sector_projects
    sectors = max(1, min(MAX_SECTORS, round(rows / per_sector)))
    units = max(1, round((rows / sectors - per_sector_projects) / per_unit))
    return sectors, units


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
