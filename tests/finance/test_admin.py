"""Finance staff's screens and command: uploading the export and publishing a report."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from finance.models import Figure, FinanceImport, FiscalYear, Report
from finance.services import report_save
from tests.finance.exports import (
    FIGURE_HEADER,
    STRUCTURE,
    STRUCTURE_HEADER,
    csv_bytes,
    figure_rows,
    import_sample,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

    user = create_user(ROLE_SPECS["admin"])
    sign_in(client, user, mfa=True)
    return client, user


def test_import_finance_command__imports_a_file(tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(xlsx_bytes(figure_rows(), STRUCTURE))

    call_command("import_finance", str(path))

    assert Figure.objects.count() == len(figure_rows())
    assert FinanceImport.objects.get().file_name == "export.xlsx"


def test_import_finance_command__prints_problems_and_saves_nothing(tmp_path, capsys):
    rows = figure_rows()
    rows[0] = (2026, 1, "4000", "0000", "1", "1")
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(FIGURE_HEADER, rows))
    structure = tmp_path / "structure.csv"
    structure.write_bytes(csv_bytes(STRUCTURE_HEADER, STRUCTURE))

    with pytest.raises(CommandError):
        call_command("import_finance", str(path), "--structure", str(structure), "--language", "sv")

    assert "siffror, rad 2, kolumn ”cost_centre”: Okänt kostnadsställe ”0000”." in (
        capsys.readouterr().err
    )
    assert not Figure.objects.exists()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "luvut, rivi 4, sarake ”budget”: ”abc” ei ole luku."),
        ("sv", "siffror, rad 4, kolumn ”budget”: ”abc” är inte ett tal."),
    ],
)
def test_admin_import__lists_row_errors_in_the_editors_language(staff_client, language, message):
    from wagtail.users.models import UserProfile

    client, user = staff_client
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    rows = figure_rows()
    rows[2] = (2026, 1, "4000", "2100", "abc", "1")
    upload = SimpleUploadedFile("export.xlsx", xlsx_bytes(rows, STRUCTURE))

    response = client.post(reverse("finance_import"), {"file": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Figure.objects.exists()


def test_admin_import__saves_and_records_the_uploader(staff_client):
    client, user = staff_client
    upload = SimpleUploadedFile("export.xlsx", xlsx_bytes(figure_rows(), STRUCTURE))

    response = client.post(reverse("finance_import"), {"file": upload})

    assert response.status_code == 302
    assert FinanceImport.objects.get().uploaded_by == user


def test_admin_publish__publishes_with_a_date(staff_client):
    client, _user = staff_client
    import_sample()
    report = report_save(year=FiscalYear.objects.get(year=2026), kind="budget")

    response = client.post(
        reverse("finance_publish", args=[report.pk]), {"published_on": "2025-12-10"}
    )

    assert response.status_code == 302
    assert Report.objects.get(pk=report.pk).published_on == datetime.date(2025, 12, 10)
    assert FiscalYear.objects.get(year=2026).budget_published_on == datetime.date(2025, 12, 10)


def test_admin_publish__an_interim_report_needs_the_budget_first(staff_client):
    client, _user = staff_client
    import_sample()
    report = report_save(year=FiscalYear.objects.get(year=2026), kind="interim", through_period=4)

    response = client.post(
        reverse("finance_publish", args=[report.pk]), {"published_on": "2026-05-20"}
    )

    assert response.status_code == 200
    assert Report.objects.get(pk=report.pk).published_on is None


@pytest.mark.parametrize(
    "name",
    [
        "finance_report",
        "finance_year",
        "finance_node",
        "finance_amendment",
        "finance_target",
        "finance_target_status",
        "finance_forecast",
        "finance_import_history",
    ],
)
def test_admin_viewsets__list(staff_client, name):
    client, _user = staff_client
    import_sample()

    assert client.get(reverse(f"{name}:index")).status_code == 200
