"""The financial plan approved with the budget: the following years' budget per node, beside
the budget on the pages, in the API, the downloads and the Fiscal Data Package, and unchanged
when a later export of those years arrives."""

import datetime
import json
from decimal import Decimal

import pytest
from django.utils import translation

from finance.models import FiscalYear, ReportLine
from finance.services import finance_import, report_publish, report_save
from finance.templatetags.finance_tags import euros
from tests.finance.exports import (
    FIGURE_HEADER,
    STRUCTURE,
    STRUCTURE_HEADER,
    csv_bytes,
    figure_rows,
)
from tests.finance.test_open_data import _api_rows, _download
from tests.paths import app_url

pytestmark = pytest.mark.django_db


def _scaled(rows, factor: str):
    return [(y, p, a, c, str(Decimal(b) * Decimal(factor)), "0") for y, p, a, c, b, _ in rows]


def _import(rows, *, structure: bool = False):
    result = finance_import(
        data=csv_bytes(FIGURE_HEADER, rows),
        name="export.csv",
        structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE) if structure else None,
    )
    assert result.ok, [str(error) for error in result.errors]


@pytest.fixture
def published():
    """The 2026 budget with a plan for 2027 (budget × 1.1) and 2028 (× 1.2), published."""
    _import(figure_rows(periods=range(1, 13)), structure=True)
    _import(_scaled(figure_rows(year=2027, periods=range(1, 13)), "1.1"))
    _import(_scaled(figure_rows(year=2028, periods=range(1, 13)), "1.2"))
    budget = report_save(year=FiscalYear.objects.get(year=2026), kind="budget")
    report_publish(report=budget, published_on=datetime.date(2025, 12, 10))
    return budget


# Net cost of the sector "2" (units 2100 and 2110) in a year of the sample: expenses 50 000 +
# 20 000 minus income 2 000 a month.
SECTOR_NET = Decimal(12 * (50000 + 20000 - 2000))


def test_publish__stores_the_plan_per_node_and_in_total(published):
    lines = ReportLine.objects.filter(report=published, plan_year__isnull=False)

    assert sorted(set(lines.values_list("plan_year", flat=True))) == [2027, 2028]
    sector = lines.filter(node__code="2", plan_year=2028, line="operating_expenses").get()
    assert sector.budget == Decimal(12 * 70000) * Decimal("1.2")
    unit = lines.filter(node__code="2100", plan_year=2027, line="operating_expenses").get()
    assert unit.budget == Decimal(12 * 50000) * Decimal("1.1")
    project = lines.filter(node__code="P100", plan_year=2027).get()
    assert project.line == "investments"
    assert lines.filter(node__isnull=True, plan_year=2027).exists()


def test_pages__show_the_plan_years_beside_the_budget(client, published):
    with translation.override("fi"):
        year = client.get(app_url("finance:year", 2026, lang="fi")).content.decode()
        node = client.get(app_url("finance:node", 2026, "2", lang="fi")).content.decode()
        area = client.get(app_url("finance:node", 2026, "21", lang="fi")).content.decode()
        investments = client.get(app_url("finance:investments", 2026, lang="fi")).content.decode()
        for html in (year, node, area, investments):
            assert '<th scope="col">Suunnitelma 2027</th>' in html
            assert '<th scope="col">Suunnitelma 2028</th>' in html
        planned = f"<td>{euros(SECTOR_NET * Decimal('1.2'))}</td>"
        assert planned in year
        assert planned in node
        unit = f"<td>{euros(Decimal(12 * (50000 - 2000)) * Decimal('1.1'))}</td>"
        assert unit in area
        assert f"<td>{euros(Decimal(12 * 30000) * Decimal('1.1'))}</td>" in investments
    with translation.override("sv"):
        html = client.get(app_url("finance:node", 2026, "2", lang="sv")).content.decode()
        assert '<th scope="col">Plan 2027</th>' in html


def test_plan__stays_as_approved_when_a_later_export_arrives(client, published):
    before = client.get(app_url("finance:node", 2026, "2", lang="en")).content

    _import(_scaled(figure_rows(year=2027, periods=range(1, 13)), "1.5"))

    assert client.get(app_url("finance:node", 2026, "2", lang="en")).content == before


def test_api__lists_the_plan_per_node(client, published):
    rows = _api_rows(client, "/api/v1/finance/plan/?year=2026&node=2&page_size=200")
    by_key = {(row["plan_year"], row["line"]): Decimal(row["budget"]) for row in rows}

    assert by_key[(2027, "operating_expenses")] == Decimal(12 * 70000) * Decimal("1.1")
    assert {row["node"] for row in rows} == {"2"}
    totals = _api_rows(client, "/api/v1/finance/plan/?node=total&plan_year=2028")
    assert totals and all(row["node"] is None and row["year"] == 2026 for row in totals)


def test_api__has_no_plan_of_an_unpublished_budget(client):
    _import(figure_rows(periods=range(1, 13)), structure=True)
    _import(figure_rows(year=2027, periods=range(1, 13)))
    report_save(year=FiscalYear.objects.get(year=2026), kind="budget")

    assert client.get("/api/v1/finance/plan/").json()["results"] == []


def test_downloads_and_datapackage__carry_the_plan(client, published, tmp_path):
    plan = _download(client, app_url("finance:download", 2026, "plan", "csv", lang="fi"))
    planned_2027 = sum(Decimal(row["budget"]) for row in plan if row["plan_year"] == "2027")
    file_total = sum(
        Decimal(row[4]) for row in _scaled(figure_rows(year=2027, periods=range(1, 13)), "1.1")
    )
    assert planned_2027 == file_total
    with translation.override("en"):
        sectors = _download(client, app_url("finance:download", 2026, "sectors", "csv", lang="en"))
    sector = next(row for row in sectors if row["code"] == "2")
    assert Decimal(sector["net cost, plan 2028"]) == SECTOR_NET * Decimal("1.2")
    response = client.get(app_url("finance:download", 2026, "plan", "xlsx", lang="sv"))
    assert response.status_code == 200

    package = client.get(app_url("finance:datapackage", 2026, lang="en")).json()
    assert "plan" in [resource["name"] for resource in package["resources"]]
    (tmp_path / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    for resource in package["resources"]:
        response = client.get(app_url("finance:download", 2026, resource["name"], "csv", lang="en"))
        (tmp_path / resource["path"]).write_bytes(b"".join(response.streaming_content))
    from frictionless import Package, validate

    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "message"])
    rows = Package(str(tmp_path / "datapackage.json")).get_resource("plan").read_rows()
    assert sum(Decimal(str(row["budget"])) for row in rows if row["plan_year"] == 2027) == (
        file_total
    )
