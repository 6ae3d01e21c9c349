"""What the public sees of the finances: only what a published report contains.

A year is public once its budget is published; its actuals only up to the last period of its
latest published interim report or financial statements. Pages, the API, the downloads and the
data package all ask here.
"""

from django.db.models import QuerySet

from finance.models import Figure, FiscalYear, Report


def years_published() -> QuerySet[FiscalYear]:
    """Years whose budget is published, newest first."""
    return FiscalYear.objects.filter(budget_published_on__isnull=False).order_by("-year")


def reports_published() -> QuerySet[Report]:
    """Published budgets, interim reports and financial statements."""
    return Report.objects.filter(
        published_on__isnull=False, year__budget_published_on__isnull=False
    )


def figures_published() -> QuerySet[Figure]:
    """Rows of the export in published years; actuals of later periods are left out by
    finance.selectors.public_figures."""
    return Figure.objects.filter(year__budget_published_on__isnull=False)
