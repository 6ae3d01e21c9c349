"""The demo town's finances: imported through the importer from the files in the repository,
published in date order, safe to load twice."""

import datetime
import io

import pytest

from finance import demo
from finance.demo.generate import BASE_YEAR, YEARS, rows_of
from finance.models import (
    Amendment,
    FinanceImport,
    FiscalYear,
    Report,
    ReportLine,
    Target,
    TargetStatus,
)

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
    # ... but the budget carries them as its financial plan, per node.
    budget = published.get(kind="budget")
    plan = ReportLine.objects.filter(report=budget, plan_year__isnull=False, node__level="sector")
    assert sorted(set(plan.values_list("plan_year", flat=True))) == [
        TODAY.year + 1,
        TODAY.year + 2,
    ]
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


def test_demo__reports_have_their_pdf_documents_linked(client):
    import pypdf
    from django.utils import translation

    from tests.paths import app_url

    demo.load(stdout=io.StringIO(), today=TODAY)

    reports = Report.objects.filter(published_on__isnull=False).select_related("document", "year")
    assert reports.count() == 7
    for report in reports:
        document = report.document
        assert document is not None and document.collection.name == "Finances", report
        with document.open_file() as handle:
            text = "\n".join(page.extract_text() for page in pypdf.PdfReader(handle).pages)
        text = " ".join(text.split())
        assert report.narrative_fi.split(".")[0] in text, report
        assert report.narrative_sv.split(".")[0] in text, report
    interim = reports.get(year__year=TODAY.year, through_period=8)
    with translation.override("sv"):
        html = client.get(app_url("finance:report", TODAY.year, interim.pk, lang="sv")).content
        year_page = client.get(app_url("finance:year", TODAY.year, lang="sv")).content
    html, year_page = html.decode(), year_page.decode()
    link = f'<a href="{interim.document.url}" type="application/pdf">'
    assert link in html and link in year_page
    assert f"(PDF, {interim.document.file_size // 1024}" in html.replace("\xa0", " ")
