"""Only the finance staff group (and superusers) import exports and publish reports."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission

from finance.models import Figure, FinanceImport, FiscalYear, Report
from finance.services import report_save
from tests.finance.exports import STRUCTURE, figure_rows, import_sample, xlsx_bytes
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

pytestmark = pytest.mark.django_db


def _client(role: str) -> Client:
    client = Client()
    sign_in(client, create_user(ROLE_SPECS[role]), mfa=True)
    return client


@pytest.fixture
def draft():
    import_sample()
    return report_save(year=FiscalYear.objects.get(year=2026), kind="budget")


def _urls(report: Report) -> list[str]:
    return [
        reverse("finance_import"),
        reverse("finance_publish", args=[report.pk]),
        reverse("finance_report:index"),
        reverse("finance_report:add"),
        reverse("finance_report:edit", args=[report.pk]),
        reverse("finance_node:add"),
        reverse("finance_amendment:add"),
        reverse("finance_target:add"),
        reverse("finance_target_status:add"),
        reverse("finance_forecast:add"),
        reverse("finance_year:index"),
        reverse("finance_import_history:index"),
    ]


def test_group__has_the_finance_permissions_and_the_finances_collection():
    group = Group.objects.get(name="Finance staff")
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {"access_admin", "add_financeimport", "change_report", "add_amendment"} <= codenames
    assert not group.permissions.exclude(
        content_type__app_label__in=("finance", "wagtailadmin")
    ).exists()
    collection = Collection.objects.get(name="Finances")
    assert collection.get_parent() == Collection.get_first_root_node()
    assert set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection__name", "permission__codename"
        )
    ) == {
        ("Finances", "add_document"),
        ("Finances", "change_document"),
        ("Finances", "choose_document"),
    }


def test_access__finance_staff_reach_every_finance_screen(draft):
    client = _client("finance_staff")

    for url in _urls(draft):
        assert client.get(url).status_code == 200, url
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("finance_import") in menu


def test_access__finance_staff_import_and_publish(draft):
    client = _client("finance_staff")
    upload = SimpleUploadedFile("export.xlsx", xlsx_bytes(figure_rows(year=2027), STRUCTURE))

    assert client.post(reverse("finance_import"), {"file": upload}).status_code == 302
    response = client.post(
        reverse("finance_publish", args=[draft.pk]), {"published_on": "2025-12-10"}
    )

    assert response.status_code == 302
    assert Report.objects.get(pk=draft.pk).is_published
    assert FinanceImport.objects.latest("uploaded_at").uploaded_by.email == (
        ROLE_SPECS["finance_staff"].email
    )


@pytest.mark.parametrize("role", ["handler_x", "secretary"])
def test_access__other_staff_are_refused(role, draft):
    client = _client(role)

    for url in _urls(draft):
        response = client.get(url)
        assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("finance_import") not in menu
    rows = figure_rows(year=2027)
    upload = SimpleUploadedFile("export.xlsx", xlsx_bytes(rows, STRUCTURE))
    response = client.post(reverse("finance_import"), {"file": upload})
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    response = client.post(
        reverse("finance_publish", args=[draft.pk]), {"published_on": "2025-12-10"}
    )
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    assert not Report.objects.get(pk=draft.pk).is_published
    assert not Figure.objects.filter(year__year=2027).exists()
