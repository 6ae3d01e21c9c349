"""Staff screens of the key figures: the leadership view, importing a source now, uploading the
municipality's own CSV file; and the key figures in sitemap.xml."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from indicators.models import ImportRun, Indicator, Value
from indicators.services import selection_create
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
from tests.indicators.conftest import EMPLOYMENT_PATH

LEADERSHIP = "/admin/indicators-admin/leadership/"


def test_leadership_view__shows_the_selection_to_admins(demo_definitions, admin_client):
    selection_create(
        name="Johtoryhmä",
        members=[],
        items=[(Indicator.objects.get(code="unemployment-rate"), Decimal("9"), None)],
    )

    response = admin_client.get(LEADERSHIP)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Johtoryhmä" in html and "Työttömyysaste" in html and "yli 9,0" in html


def test_leadership_view__only_for_members(demo_definitions):
    handler = create_user(ROLE_SPECS["handler_x"])
    client = Client()
    sign_in(client, handler, mfa=True)
    selection = selection_create(
        name="Johtoryhmä",
        members=[],
        items=[(Indicator.objects.get(code="population"), None, None)],
    )

    assert client.get(LEADERSHIP).status_code != 200

    handler.is_staff = True
    handler.save()
    selection.members.add(handler)
    response = client.get(LEADERSHIP)
    assert response.status_code == 200
    assert "Väkiluku" in response.content.decode()


def test_leadership_view__anonymous_sent_to_sign_in(client):
    response = client.get(LEADERSHIP)
    assert response.status_code == 302


def test_import_now__shows_why_it_failed(demo_definitions, pxweb, admin_client):
    from indicators.models import Source

    source = Source.objects.get(table_path=EMPLOYMENT_PATH)
    pxweb.expect_request("/PxWeb/api/v1/fi/" + EMPLOYMENT_PATH, method="POST").respond_with_data(
        "down", status=500
    )
    url = f"/admin/indicators-admin/sources/{source.pk}/import/"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, follow=True)

    html = response.content.decode()
    assert "ei tuotu" in html and "HTTP 500" in html
    assert not Value.objects.exists()


def test_csv_upload__imports_the_municipality_s_own_figures(demo_definitions, admin_client):
    data = "indicator;area;period;breakdown;value\nunemployment-rate;KU999;2025M10;;7,9\n"
    upload = SimpleUploadedFile("omat.csv", data.encode(), content_type="text/csv")

    response = admin_client.post("/admin/indicators-admin/own-figures/", {"file": upload})

    assert response.status_code == 302
    value = Value.objects.get(area__code="KU999", period="2025M10")
    assert value.value == Decimal("7.9")
    run = ImportRun.objects.get(kind="csv")
    assert run.file_name == "omat.csv" and run.user.email == "admin@example.fi"


def test_csv_upload__names_the_wrong_rows_and_writes_nothing(demo_definitions, admin_client):
    data = "indicator;area;period;breakdown;value\nunemployment-rate;KU000;2025;;x\n"
    upload = SimpleUploadedFile("omat.csv", data.encode(), content_type="text/csv")

    response = admin_client.post("/admin/indicators-admin/own-figures/", {"file": upload})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Rivi 2" in html and "KU000" in html
    assert not Value.objects.exists()


def test_sitemap__lists_the_key_figures(demo_definitions, client):
    response = client.get("/sitemap-key-figures.xml")

    xml = response.content.decode()
    assert "/fi/tunnusluvut/unemployment-rate/" in xml
    assert "/sv/nyckeltal/unemployment-rate/" in xml
    assert "tunnusluvut/" in client.get("/sitemap-key-figures-index.xml").content.decode()
