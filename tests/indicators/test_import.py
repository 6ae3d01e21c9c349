"""Importing Statistics Finland's tables end to end: the real client against a local PxWeb
server answering with the repository's JSON-stat 2 documents."""

import json
import threading
from decimal import Decimal

import pytest
from django.utils.translation import override
from werkzeug import Response

from indicators.models import ImportRun, RunStatus, Source, Value, ValueChange
from indicators.services import source_import
from tests.indicators.conftest import EMPLOYMENT_PATH, table

URL = "/PxWeb/api/v1/fi/" + EMPLOYMENT_PATH


def _source() -> Source:
    return Source.objects.get(table_path=EMPLOYMENT_PATH)


def _snapshot() -> dict:
    return {
        (v.indicator_id, v.area_id, v.period, v.breakdown): (v.value, v.modified)
        for v in Value.objects.all()
    }


def _first_import(pxweb) -> ImportRun:
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(table())
    return source_import(source=_source())


def test_import__first_import_creates_every_value_and_records_it(demo_definitions, pxweb):
    document = table()
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(document)

    run = source_import(source=_source())

    # The client asked for JSON-stat 2 with the source's query.
    request, _response = pxweb.log[0]
    body = json.loads(request.data)
    assert body["response"] == {"format": "json-stat2"}
    assert body["query"][0]["code"] == "Alue"
    expected = sum(1 for value in document["value"] if value is not None)
    assert run.status == RunStatus.CHANGED
    assert run.created_count == expected
    assert Value.objects.count() == expected
    assert ValueChange.objects.filter(run=run, old_value__isnull=True).count() == expected
    assert len(run.checksum) == 64
    rate = Value.objects.get(
        indicator__code="unemployment-rate", area__code="KU999", period="2025", breakdown=""
    )
    assert rate.value == Decimal(
        str(
            document["value"][
                # Alue KU999 (6), Vuosi 2025 (9), Sukupuoli SSS (0), Tiedot tyottomyysaste (0)
                ((6 * 10 + 9) * 3 + 0) * 5 + 0
            ]
        )
    )
    assert Value.objects.filter(breakdown="gender:female", area__code="KU999").exists()
    source = _source()
    assert source.expected_dimensions == ["Alue", "Vuosi", "Sukupuoli", "Tiedot"]
    assert source.last_run == run


def test_import__one_changed_value_changes_only_it_and_is_recorded(demo_definitions, pxweb):
    _first_import(pxweb)
    before = _snapshot()
    document = table()
    position = ((6 * 10 + 9) * 3 + 0) * 5 + 0
    old = document["value"][position]
    document["value"][position] = round(old + 0.4, 1)
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(document)

    run = source_import(source=_source())

    assert run.status == RunStatus.CHANGED
    assert (run.created_count, run.changed_count) == (0, 1)
    after = _snapshot()
    differing = [key for key in after if after[key] != before[key]]
    assert len(differing) == 1
    change = ValueChange.objects.get(run=run)
    assert float(change.old_value) == pytest.approx(old)
    assert float(change.new_value) == pytest.approx(old + 0.4)
    assert change.value.area.code == "KU999" and change.value.period == "2025"


def test_import__the_same_table_again_changes_nothing(demo_definitions, pxweb):
    _first_import(pxweb)
    before = _snapshot()
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(table())

    run = source_import(source=_source())

    assert run.status == RunStatus.UNCHANGED
    assert run.unchanged_count == len(before)
    assert _snapshot() == before


def test_import__server_error_changes_nothing_and_staff_see_why(
    demo_definitions, pxweb, admin_client
):
    _first_import(pxweb)
    before = _snapshot()
    for _attempt in range(2):
        pxweb.expect_ordered_request(URL, method="POST").respond_with_data(
            "Service Unavailable", status=503
        )

    run = source_import(source=_source())

    assert run.status == RunStatus.FAILED
    assert "503" in run.message and run.attempts == 2
    assert _snapshot() == before
    assert not ValueChange.objects.filter(run=run).exists()
    page = admin_client.get("/admin/indicators/sources/")
    assert page.status_code == 200
    assert "503" in page.content.decode()
    runs = admin_client.get("/admin/indicators/imports/")
    assert "503" in runs.content.decode()


def test_import__server_error_then_success_is_retried(demo_definitions, pxweb):
    pxweb.expect_ordered_request(URL, method="POST").respond_with_data("busy", status=502)
    pxweb.expect_ordered_request(URL, method="POST").respond_with_json(table())

    run = source_import(source=_source())

    assert run.status == RunStatus.CHANGED and run.attempts == 2


def test_import__timeout_changes_nothing_and_says_so(demo_definitions, pxweb):
    _first_import(pxweb)
    before = _snapshot()
    release = threading.Event()

    def slow(request):
        # Answers only after the client has given up (or when the test ends).
        release.wait(timeout=10)
        return Response(json.dumps(table()), content_type="application/json")

    pxweb.expect_request(URL, method="POST").respond_with_handler(slow)
    try:
        with override("en"):
            run = source_import(source=_source())
    finally:
        release.set()

    assert run.status == RunStatus.FAILED
    assert "did not answer within 0.5 seconds" in run.message
    assert _snapshot() == before


def test_import__changed_table_structure_is_refused_with_a_clear_message(demo_definitions, pxweb):
    _first_import(pxweb)
    before = _snapshot()
    document = table()
    # The table gains an age dimension: its cells no longer mean what they did.
    document["id"].insert(3, "Ikä")
    document["size"].insert(3, 2)
    document["dimension"]["Ikä"] = {
        "label": "Ikä",
        "category": {
            "index": {"SSS": 0, "15-24": 1},
            "label": {"SSS": "Yhteensä", "15-24": "15-24"},
        },
    }
    document["value"] = [v for v in document["value"] for _age in range(2)]
    document.pop("status", None)
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(document)

    with override("en"):
        run = source_import(source=_source())

    assert run.status == RunStatus.REFUSED
    assert "structure has changed" in run.message
    assert "Alue, Vuosi, Sukupuoli, Tiedot" in run.message
    assert "Alue, Vuosi, Sukupuoli, Ikä, Tiedot" in run.message
    assert _snapshot() == before


def test_import__missing_contents_are_refused(demo_definitions, pxweb):
    _first_import(pxweb)
    document = table()
    contents = document["dimension"]["Tiedot"]["category"]
    contents["index"] = {
        "tyottomyysaste": 0,
        "tyottomat": 1,
        "nuoret_tyottomat": 2,
        "pitkaaikaistyottomat": 3,
        "avoimet_tyopaikat_uusi": 4,
    }
    contents["label"]["avoimet_tyopaikat_uusi"] = contents["label"].pop("avoimet_tyopaikat")
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(document)

    run = source_import(source=_source())

    assert run.status == RunStatus.REFUSED
    assert "avoimet_tyopaikat" in run.message


def test_import__malformed_answer_is_refused(demo_definitions, pxweb):
    document = table()
    document["value"] = document["value"][:-1]
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(document)

    run = source_import(source=_source())

    assert run.status == RunStatus.REFUSED
    assert not Value.objects.exists()


def test_import__unknown_area_is_refused(demo_definitions, pxweb):
    document = table()
    areas = document["dimension"]["Alue"]["category"]
    areas["index"]["KU000"] = areas["index"].pop("KU999")
    areas["label"]["KU000"] = areas["label"].pop("KU999")
    pxweb.expect_oneshot_request(URL, method="POST").respond_with_json(document)

    run = source_import(source=_source())

    assert run.status == RunStatus.REFUSED
    assert "KU000" in run.message
    assert not Value.objects.exists()


def test_import__daily_task_imports_every_active_source(demo_definitions, pxweb):
    from indicators.tasks import import_sources_task

    for source in Source.objects.all():
        name = source.table_path.rsplit("/", 1)[-1].removesuffix(".px") + ".json"
        pxweb.expect_request(
            "/PxWeb/api/v1/fi/" + source.table_path, method="POST"
        ).respond_with_json(table(name))

    assert import_sources_task.delay().get() == 3

    assert {run.status for run in ImportRun.objects.filter(kind="pxweb")} == {RunStatus.CHANGED}
    assert Value.objects.filter(indicator__code="population", area__code="KU999").count() == 10
