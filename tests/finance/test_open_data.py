"""From the export to the public: the page, the API, the CSV download and the Fiscal Data
Package all give the imported file's totals once the reports are published."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils import translation

from finance.models import FiscalYear
from finance.services import finance_import, report_publish, report_save
from tests.finance.exports import (
    FIGURE_HEADER,
    STRUCTURE,
    STRUCTURE_HEADER,
    csv_bytes,
    figure_rows,
    figures_total,
    xlsx_bytes,
)
from tests.paths import app_url

pytestmark = pytest.mark.django_db


def _publish(year: int = 2026, through: int = 4):
    fiscal_year = FiscalYear.objects.get(year=year)
    report_publish(
        report=report_save(year=fiscal_year, kind="budget"),
        published_on=datetime.date(year - 1, 12, 10),
    )
    interim = report_save(year=fiscal_year, kind="interim", through_period=through)
    report_publish(report=interim, published_on=datetime.date(year, 5, 20))
    return interim


def _download(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _api_rows(client, url: str) -> list[dict]:
    rows = []
    while url:
        data = client.get(url).json()
        rows += data["results"]
        url = data["next"]
    return rows


def _euros(text: str) -> Decimal:
    """ "1 234 567 €" (with no-break spaces) as a number."""
    return Decimal(
        text.replace("\xa0", "").replace(" ", "").replace("€", "").replace("\u2212", "-")
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_finance__errors_then_corrected_file_then_published_totals_everywhere(
    kind, client, tmp_path
):
    broken = figure_rows(periods=range(1, 5))
    broken[3] = (2026, 1, "4000", "9999", "10", "10")
    broken[5] = (2026, 1, "4000", "2100", "kymmenen", "10")
    broken[9] = broken[8]
    broken[12] = (2026, "2025-02", "4000", "2100", "10", "10")

    def upload(rows):
        if kind == "csv":
            return finance_import(
                data=csv_bytes(FIGURE_HEADER, rows),
                name="export.csv",
                structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
            )
        return finance_import(data=xlsx_bytes(rows, STRUCTURE), name="export.xlsx")

    failed = upload(broken)
    for language, words in (
        ("fi", ("rivi 5", "rivi 7", "rivi 11", "rivi 14")),
        ("sv", ("rad 5", "rad 7", "rad 11", "rad 14")),
    ):
        with translation.override(language):
            messages = " | ".join(str(error) for error in failed.errors)
        assert all(word in messages for word in words), messages
    assert not FiscalYear.objects.exists()

    rows = figure_rows(periods=range(1, 5))
    assert upload(rows).ok
    report = _publish(through=4)
    budget_total = Decimal(str(figures_total(rows, "budget")))
    actual_total = Decimal(str(figures_total(rows, "actual")))

    # The API: every row, with the file's budget and actual totals.
    api = _api_rows(client, "/api/v1/finance/figures/?year=2026&page_size=200")
    assert len(api) == len(rows)
    assert sum(Decimal(row["budget"]) for row in api) == budget_total
    assert sum(Decimal(row["actual"]) for row in api) == actual_total

    # The CSV download of the rows.
    downloaded = _download(client, app_url("finance:download", 2026, "figures", "csv", lang="fi"))
    assert sum(Decimal(row["budget"]) for row in downloaded) == budget_total
    assert sum(Decimal(row["actual"]) for row in downloaded) == actual_total

    # The Fiscal Data Package, validated by Frictionless, with the same totals.
    package = client.get(app_url("finance:datapackage", 2026, lang="en")).json()
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    for resource in package["resources"]:
        response = client.get(app_url("finance:download", 2026, resource["name"], "csv", lang="en"))
        (tmp_path / resource["path"]).write_bytes(b"".join(response.streaming_content))
    from frictionless import Package, validate

    report_of_validation = validate(str(tmp_path / "datapackage.json"))
    assert report_of_validation.valid, report_of_validation.flatten(["rowNumber", "message"])
    figures = Package(str(tmp_path / "datapackage.json")).get_resource("figures").read_rows()
    assert sum(Decimal(str(row["budget"])) for row in figures) == budget_total
    assert sum(Decimal(str(row["actual"])) for row in figures) == actual_total

    # The page: the report's operating margin (budget and actual) is the file's.
    operating_budget = sum(Decimal(r[4]) for r in rows if r[2].startswith("4")) - sum(
        Decimal(r[4]) for r in rows if r[2].startswith("3")
    )
    operating_actual = sum(Decimal(r[5]) for r in rows if r[2].startswith("4")) - sum(
        Decimal(r[5]) for r in rows if r[2].startswith("3")
    )
    with translation.override("fi"):
        page = client.get(app_url("finance:report", 2026, report.pk, lang="fi"))
    html = page.content.decode()
    assert page.status_code == 200
    from finance.templatetags.finance_tags import euros

    with translation.override("fi"):
        assert f"<td>{euros(-operating_budget)}</td>" in html
        assert f"<td>{euros(-operating_actual)}</td>" in html


def test_figures__actuals_of_unpublished_periods_stay_hidden(client):
    rows = figure_rows(periods=range(1, 9))
    assert finance_import(
        data=csv_bytes(FIGURE_HEADER, rows),
        name="export.csv",
        structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
    ).ok
    assert client.get("/api/v1/finance/figures/?year=2026").json()["results"] == []
    assert client.get(app_url("finance:year", 2026, lang="fi")).status_code == 404

    _publish(through=4)

    api = _api_rows(client, "/api/v1/finance/figures/?year=2026&period=5&page_size=200")
    assert api and all(row["actual"] is None for row in api)
    shown = _api_rows(client, "/api/v1/finance/figures/?year=2026&period=4&page_size=200")
    assert shown and all(row["actual"] is not None for row in shown)
    downloaded = _download(client, app_url("finance:download", 2026, "figures", "csv", lang="sv"))
    assert all(row["actual"] == "" for row in downloaded if row["period"] == "6")


def test_report__keeps_its_figures_when_later_periods_arrive(client):
    # The whole year's budget, with actuals of January–April.
    rows = [
        (y, p, a, c, b, actual if p <= 4 else "0")
        for y, p, a, c, b, actual in figure_rows(periods=range(1, 13))
    ]
    assert finance_import(
        data=csv_bytes(FIGURE_HEADER, rows),
        name="export.csv",
        structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
    ).ok
    report = _publish(through=4)
    before = client.get(app_url("finance:report", 2026, report.pk, lang="fi")).content

    later = [
        (y, p, a, c, b, str(Decimal(actual) * 3))
        for y, p, a, c, b, actual in figure_rows(periods=[5, 6])
    ]
    assert finance_import(data=csv_bytes(FIGURE_HEADER, later), name="may-june.csv").ok

    after = client.get(app_url("finance:report", 2026, report.pk, lang="fi")).content
    assert after == before


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_pages__answer_in_each_language(client, language):
    assert finance_import(
        data=csv_bytes(FIGURE_HEADER, figure_rows(periods=range(1, 5))),
        name="export.csv",
        structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
    ).ok
    report = _publish(through=4)
    urls = [
        app_url("finance:index", lang=language),
        app_url("finance:year", 2026, lang=language),
        app_url("finance:node", 2026, "2", lang=language),
        app_url("finance:node", 2026, "21", lang=language),
        app_url("finance:targets", 2026, lang=language),
        app_url("finance:investments", 2026, lang=language),
        app_url("finance:report", 2026, report.pk, lang=language),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html
        if "sectors" in url or "toimialat" in url or "sektorer" in url:
            assert 'class="finance-chart__svg"' in html and "<table" in html
    assert client.get(app_url("finance:node", 2026, "2100", lang=language)).status_code == 404
    assert client.get(app_url("finance:year", 2031, lang=language)).status_code == 404
