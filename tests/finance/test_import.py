"""The finance system's export: validated row by row, saved all or nothing, recorded."""

from decimal import Decimal

import pytest
from django.utils import translation

from finance.models import Figure, FinanceImport, FiscalYear, Node
from finance.services import finance_import
from tests.finance.exports import (
    FIGURE_HEADER,
    STRUCTURE,
    STRUCTURE_HEADER,
    csv_bytes,
    figure_rows,
    figures_total,
    import_sample,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def _broken_rows():
    """The sample with four deliberate errors, on rows 3, 4, 6 and 8 of the file."""
    rows = figure_rows(periods=[1])
    rows[1] = (2026, 1, "3000", "7777", "1000.00", "1100.00")  # unknown cost centre
    rows[2] = (2026, 1, "4000", "2100", "50 000,00 e", "52000.50")  # not a number
    rows[4] = rows[0]  # duplicate of row 2
    rows[6] = (2026, 13, "5300", "9000", "25000.00", "25000.00")  # outside the year
    return rows


def _messages(result, language):
    with translation.override(language):
        return [str(error) for error in result.errors]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_finance_import__errors_name_row_column_and_problem_and_save_nothing(kind):
    rows = _broken_rows()
    if kind == "csv":
        result = finance_import(
            data=csv_bytes(FIGURE_HEADER, rows),
            name="export.csv",
            structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
        )
    else:
        result = finance_import(data=xlsx_bytes(rows, STRUCTURE), name="export.xlsx")

    assert not result.ok
    finnish = _messages(result, "fi")
    swedish = _messages(result, "sv")
    assert len(finnish) == 4, finnish
    assert "luvut, rivi 3, sarake ”cost_centre”: Tuntematon kustannuspaikka ”7777”." in finnish
    assert any(
        m.startswith("luvut, rivi 4, sarake ”budget”:") and "ei ole luku" in m for m in finnish
    )
    assert any(
        m.startswith("luvut, rivi 6, sarake ”account”:") and "rivillä 2" in m for m in finnish
    )
    assert any(
        m.startswith("luvut, rivi 8, sarake ”period”:") and "vuoden ulkopuolella" in m
        for m in finnish
    )
    assert "siffror, rad 3, kolumn ”cost_centre”: Okänt kostnadsställe ”7777”." in swedish
    assert any(
        m.startswith("siffror, rad 4, kolumn ”budget”:") and "inte ett tal" in m for m in swedish
    )
    assert any(m.startswith("siffror, rad 6, kolumn ”account”:") and "rad 2" in m for m in swedish)
    assert any(
        m.startswith("siffror, rad 8, kolumn ”period”:") and "utanför året" in m for m in swedish
    )
    # Nothing of the file was saved: not the structure, the year, the figures nor a record.
    assert not Node.objects.exists()
    assert not FiscalYear.objects.exists()
    assert not Figure.objects.exists()
    assert not FinanceImport.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_finance_import__corrected_file_saves_every_row_and_its_record(kind, django_user_model):
    user = django_user_model.objects.create_user(username="talous", email="talous@example.fi")
    rows = figure_rows()
    if kind == "csv":
        result = finance_import(
            data=csv_bytes(FIGURE_HEADER, rows, delimiter=","),
            name="export.csv",
            structure=csv_bytes(STRUCTURE_HEADER, STRUCTURE),
            user=user,
        )
    else:
        result = finance_import(data=xlsx_bytes(rows, STRUCTURE), name="export.xlsx", user=user)

    assert result.ok, _messages(result, "en")
    record = result.record
    assert record.uploaded_by == user
    assert len(record.checksum) == 64
    assert record.rows == len(rows) == Figure.objects.count()
    assert record.periods == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert float(record.budget_total) == figures_total(rows, "budget")
    assert Node.objects.get(code="2100").parent.code == "21"
    assert Node.objects.get(code="1").is_binding
    assert Node.objects.get(code="P100").total_cost == Decimal("5000000")


def test_finance_import__is_audited(django_user_model):
    from wagtail.models import ModelLogEntry

    user = django_user_model.objects.create_user(username="talous", email="talous@example.fi")
    result = import_sample(user=user)

    entry = ModelLogEntry.objects.get(action="finance.import")
    assert entry.user == user
    assert entry.object_id == str(result.record.pk)


def test_finance_import__a_period_again_replaces_it():
    import_sample(periods=range(1, 5))
    changed = [
        (year, period, account, centre, budget, "1.00")
        for year, period, account, centre, budget, _actual in figure_rows(periods=[4])
    ]

    result = finance_import(data=csv_bytes(FIGURE_HEADER, changed[:3]), name="april.csv")

    assert result.ok
    assert Figure.objects.filter(period=4).count() == 3
    assert set(Figure.objects.filter(period=4).values_list("actual", flat=True)) == {Decimal("1")}
    assert Figure.objects.filter(period=3).count() == len(figure_rows(periods=[3]))


def test_finance_import__a_published_period_does_not_change():
    from finance.models import Report
    from finance.services import report_publish, report_save

    import_sample(periods=range(1, 13))
    year = FiscalYear.objects.get(year=2026)
    budget = report_save(year=year, kind="budget")
    report_publish(report=budget, published_on=year_date(2026, 1, 10))
    interim = report_save(year=year, kind="interim", through_period=4)
    report_publish(report=interim, published_on=year_date(2026, 5, 20))

    rows = figure_rows(periods=[4, 5])
    result = finance_import(data=csv_bytes(FIGURE_HEADER, rows), name="again.csv")

    assert not result.ok
    with translation.override("fi"):
        messages = [str(error) for error in result.errors]
    assert len(messages) == len(figure_rows(periods=[4]))
    assert all("julkaistussa raportissa" in message for message in messages)
    assert Report.objects.get(pk=interim.pk).published_on is not None


def test_finance_import__a_published_budget_changes_only_through_amendments():
    from finance.services import report_publish, report_save

    import_sample(periods=range(1, 13))
    year = FiscalYear.objects.get(year=2026)
    report_publish(
        report=report_save(year=year, kind="budget"), published_on=year_date(2026, 1, 10)
    )
    rows = [list(row) for row in figure_rows(periods=[12])]
    rows[0][4] = "999999.00"

    result = finance_import(data=csv_bytes(FIGURE_HEADER, rows), name="december.csv")

    assert not result.ok
    with translation.override("sv"):
        assert [str(e) for e in result.errors] == [
            "siffror, rad 2, kolumn ”budget”: Budgeten för 2026 är publicerad: den ändras "
            "endast genom budgetändringar."
        ]


@pytest.mark.parametrize(
    "data",
    [b"\x00\x01\x02binary", b"PK\x03\x04not really a zip", b""],
    ids=["binary", "broken-xlsx", "empty"],
)
def test_finance_import__an_unreadable_file_is_refused(data):
    result = finance_import(data=data, name="export")

    assert not result.ok
    assert result.errors
    assert not FinanceImport.objects.exists()


def test_finance_import__a_missing_column_is_named():
    result = finance_import(data=b"year;period;account\n2026;1;4000\n", name="export.csv")

    with translation.override("fi"):
        messages = [str(error) for error in result.errors]
    assert "luvut, rivi 1, sarake ”cost_centre”: Sarake puuttuu." in messages


def year_date(year, month, day):
    import datetime

    return datetime.date(year, month, day)
