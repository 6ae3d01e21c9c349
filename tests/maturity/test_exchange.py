"""Export a published round, import it elsewhere: the same public figures; bad documents are
refused with the field named, and nothing is imported."""

import copy
import http.server
import json
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from maturity.exchange import document_figures
from maturity.models import ImportedRound, Round
from maturity.selectors import figures_of
from tests.maturity.test_assessment_flow import fill_in_round
from tests.paths import app_url


def _upload(client, content: bytes, name="naapuri.json"):
    return client.post(
        reverse("maturity_admin:import"),
        {"file": SimpleUploadedFile(name, content, content_type="application/json"), "url": ""},
    )


def _figures(figures):
    return (
        figures.score,
        {sector.code: sector.score for sector in figures.sectors},
        {service.code: service.score for service in figures.services},
        figures.savings.net,
        {sector.code: sector.savings.net for sector in figures.sectors},
    )


@pytest.mark.django_db
def test_exchange__export_then_import_reproduces_the_public_figures(developer_client, client):
    round = fill_in_round(developer_client)
    before = _figures(figures_of(round))
    content = client.get(app_url("maturity:export", round.year, lang="fi")).content
    # A second database: nothing of the round is left but the exported document.
    Round.objects.all().delete()

    response = _upload(developer_client, content)

    assert response.status_code == 302
    imported = ImportedRound.objects.get()
    assert _figures(document_figures(imported.document)) == before
    page = client.get(app_url("maturity:comparison", lang="fi")).content.decode()
    assert str(before[0]).replace(".", ",") in page
    assert imported.source in page


@pytest.mark.django_db
def test_exchange__import_from_an_address(developer_client, client):
    round = fill_in_round(developer_client)
    content = client.get(app_url("maturity:export", round.year, lang="fi")).content

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/maturity-2026.json"
        response = developer_client.post(reverse("maturity_admin:import"), {"url": url})
    finally:
        server.shutdown()

    assert response.status_code == 302
    assert ImportedRound.objects.get().source == url


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d["services"][0].update(electronic_share=150), "services/0/electronic_share"),
        (lambda d: d["services"][1]["savings"].pop("cost_per_hour"), "services/1/savings"),
        (lambda d: d["municipality"].update(name={}), "municipality/name"),
        (lambda d: d.update(year="2026"), "year"),
        (lambda d: d.update(published_at="2026-13-45T25:00:00"), "published_at"),
        (lambda d: d.update(published_at="2026-11-20T10:00:00"), "published_at"),
        (lambda d: d["services"][0].update(sector="nowhere"), "services/0/sector"),
        (
            lambda d: d["services"][0]["levels"].update(information="excellent"),
            "services/0/levels/information",
        ),
    ],
)
def test_exchange__a_document_against_the_schema_is_refused_naming_the_field(
    developer_client, client, change, field
):
    round = fill_in_round(developer_client)
    document = client.get(app_url("maturity:export", round.year, lang="fi")).json()
    broken = copy.deepcopy(document)
    change(broken)

    response = _upload(developer_client, json.dumps(broken).encode())

    assert response.status_code == 200
    assert field in response.content.decode()
    assert not ImportedRound.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[]", b"{}"])
def test_exchange__a_malformed_file_is_refused(developer_client, content):
    response = _upload(developer_client, content)

    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "error" in response.content.decode()
    assert not ImportedRound.objects.exists()
