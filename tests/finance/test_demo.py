"""The demo town's finances: imported through the importer from the files in the repository,
published in date order, safe to load twice."""

import datetime
import io

import pytest

from finance import demo
from finance.demo.generate import BASE_YEAR, YEARS, rows_of
from finance.models import Amendment, FinanceImport, FiscalYear, Report, Target, TargetStatus

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)


def test_demo__imports_the_files_and_publishes_the_reports():
    output = io.StringIO()

    demo.load(stdout=output, today=TODAY)
    demo.load(stdout=output, today=TODAY)

    assert "already there" in output.getvalue()
    assert FinanceImport.objects.count() == len(YEARS)
    current = FiscalYear.objects.get(year=TODAY.year)
    assert current.budget_published_on is not None
    assert current.published_through == 8
    published = Report.objects.filter(year=current, published_on__isnull=False)
    assert sorted(published.values_list("kind", "through_period")) == [
        ("budget", 0),
        ("interim", 4),
        ("interim", 8),
    ]
    for offset in (-2, -1):
        previous = FiscalYear.objects.get(year=TODAY.year + offset)
        assert previous.published_through == 12
    # The plan years carry only the budget, and are not published on their own.
    assert FiscalYear.objects.get(year=TODAY.year + 1).budget_published_on is None
    assert Target.objects.filter(year=current).count() == 4
    assert TargetStatus.objects.exclude(explanation_sv="").count() == 8
    assert Amendment.objects.get().approved_on == datetime.date(TODAY.year, 6, 16)


def test_demo__files_match_their_generator():
    # The data files are what generate.py writes: nobody edits one by hand without the other.
    import csv

    for offset in YEARS:
        path = demo.HERE / f"figures-{BASE_YEAR + offset}.csv"
        with path.open(encoding="utf-8") as handle:
            stored = list(csv.reader(handle, delimiter=";"))[1:]
        assert stored == [[str(cell) for cell in row] for row in rows_of(offset)]


def test_demo__years_move_with_the_calendar():
    demo.load(stdout=io.StringIO(), today=datetime.date(2030, 3, 1))

    assert FiscalYear.objects.filter(budget_published_on__isnull=False).order_by(
        "year"
    ).values_list("year", flat=True)[::1] == [2028, 2029, 2030]
    # The Jan–Apr report of 2030 is dated in May: still a draft on 1 March.
    assert not Report.objects.filter(year__year=2030, kind="interim", published_on__isnull=False)
