"""The cases API: integration writes, their errors and audit, the resident's own cases, lookup."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import AuditEntry, Case, CaseParty
from tests.cases.factories import make_case, make_case_type, make_unit
from tests.paths import app_url

PAYLOAD = {
    "case_type": "parking",
    "reference": "LOV/9/2026",
    "title": {"fi": "Pysäköintitunnus", "sv": "Parkeringstillstånd"},
    "language": "fi",
    "submitted_at": "2026-11-02T09:00:00+02:00",
    "parties": [{"personal_identity_code": "010199-123Y", "role": "party"}],
}


@pytest.fixture
def backoffice(db):
    unit = make_unit("parking-unit")
    make_case_type(unit, code="parking")
    client, token = services.integration_client_create(name="Case system", unit=unit)
    http = Client(headers={"authorization": f"Bearer {token}"})
    http.unit = unit
    http.integration = client
    return http


def put(http, external_id, payload):
    return http.put(
        f"/api/v1/integration/cases/{external_id}/", payload, content_type="application/json"
    )


def post_event(http, external_id, payload):
    return http.post(
        f"/api/v1/integration/cases/{external_id}/events/",
        payload,
        content_type="application/json",
    )


def test_integration__creates_then_updates_and_shows_the_tracking_code_once(backoffice):
    created = put(backoffice, "X1", PAYLOAD)
    assert created.status_code == 201
    assert len(created.json()["tracking_code"]) == 14
    updated = put(backoffice, "X1", {**PAYLOAD, "reference": "LOV/10/2026"})
    assert updated.status_code == 200
    assert "tracking_code" not in updated.json()
    assert Case.objects.get(external_id="X1").reference == "LOV/10/2026"


def test_integration__personal_identity_code_is_kept_only_as_a_keyed_hash(backoffice):
    put(backoffice, "X1", PAYLOAD)
    party = CaseParty.objects.get()
    assert "010199" not in party.identity_hash
    assert party.identity_hash == services.personal_identity_code_hash("010199-123y")
    stored = [str(v) for v in CaseParty.objects.values_list()[0]]
    assert not any("010199-123Y" in value for value in stored)


def test_integration__identity_link_on_strong_identification(backoffice, make_resident):
    put(backoffice, "X1", PAYLOAD)
    resident = make_resident("vahva@example.fi")
    assert services.parties_link_identity(user=resident, personal_identity_code="010199-123Y") == 1
    case = Case.objects.get(external_id="X1")
    assert Client().get(app_url("cases:my_cases")).status_code == 302
    client = Client()
    client.force_login(resident)
    assert client.get(app_url("cases:detail", case.pk)).status_code == 200


def test_integration__unknown_case_type_is_a_400_with_a_code(backoffice):
    response = put(backoffice, "X1", {**PAYLOAD, "case_type": "no-such"})
    assert response.status_code == 400
    assert response.json()["code"] == "unknown_case_type"
    assert not Case.objects.exists()


def test_integration__another_units_case_type_is_unknown(backoffice):
    make_case_type(make_unit("other"), code="other-type")
    response = put(backoffice, "X1", {**PAYLOAD, "case_type": "other-type"})
    assert response.json()["code"] == "unknown_case_type"


def test_integration__bad_token_is_401_and_writes_nothing(backoffice):
    http = Client(headers={"authorization": "Bearer not-a-token"})
    assert put(http, "X1", PAYLOAD).status_code == 401
    assert Client().put("/api/v1/integration/cases/X1/", {}).status_code == 401
    assert not Case.objects.exists()


def test_integration__events_out_of_order_are_shown_in_order_of_occurrence(backoffice):
    put(backoffice, "X1", PAYLOAD)
    base = timezone.now() - timedelta(days=2)
    later = {
        "external_event_id": "e2",
        "occurred_at": (base + timedelta(days=1)).isoformat(),
        "kind": "phase_change",
        "phase": "decided",
    }
    earlier = {
        **later,
        "external_event_id": "e1",
        "occurred_at": base.isoformat(),
        "phase": "in-review",
    }
    assert post_event(backoffice, "X1", later).status_code == 201
    assert post_event(backoffice, "X1", earlier).status_code == 201
    case = Case.objects.get()
    # The phase is that of the latest occurrence, not of the latest arrival.
    assert case.phase.code == "decided"
    assert [e.external_event_id for e in case.events.all()] == ["e1", "e2"]


def test_integration__repeated_event_changes_nothing(backoffice):
    put(backoffice, "X1", PAYLOAD)
    event = {
        "external_event_id": "e1",
        "occurred_at": timezone.now().isoformat(),
        "kind": "note",
        "note": {"fi": "Ensimmäinen"},
    }
    first = post_event(backoffice, "X1", event)
    again = post_event(backoffice, "X1", event)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    # The same id with another event is a mistake of the client's, not a retry.
    other = post_event(backoffice, "X1", {**event, "note": {"fi": "Toinen"}})
    assert other.status_code == 409
    assert other.json()["code"] == "external_event_id_reused"
    assert Case.objects.get().events.count() == 1
    assert Case.objects.get().events.get().note_fi == "Ensimmäinen"


def test_integration__impossible_transitions_are_409_with_an_explanation(backoffice):
    put(backoffice, "X1", PAYLOAD)
    now = timezone.now().isoformat()
    final = post_event(
        backoffice, "X1", {"external_event_id": "f", "occurred_at": now, "kind": "final"}
    )
    assert final.status_code == 409
    assert final.json()["code"] == "not_decided"
    assert final.json()["message"]
    unknown = post_event(
        backoffice,
        "X1",
        {"external_event_id": "p", "occurred_at": now, "kind": "phase_change", "phase": "nope"},
    )
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "unknown_phase"


def test_integration__every_write_is_audited_with_the_client(backoffice):
    put(backoffice, "X1", PAYLOAD)
    post_event(
        backoffice,
        "X1",
        {"external_event_id": "e1", "occurred_at": timezone.now().isoformat(), "kind": "note"},
    )
    writes = AuditEntry.objects.exclude(action="integration_client_created")
    actors = set(writes.values_list("actor", flat=True))
    assert actors == {f"integration:{backoffice.integration.pk}:Case system"}
    assert list(writes.order_by("at").values_list("action", flat=True)) == [
        "case_created",
        "event_note",
    ]


def test_integration__another_units_case_is_not_found(backoffice):
    make_case(make_case_type(make_unit("elsewhere")), external_id="THEIRS")
    response = post_event(
        backoffice,
        "THEIRS",
        {"external_event_id": "e1", "occurred_at": timezone.now().isoformat(), "kind": "note"},
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_me_cases__lists_only_own_cases_with_expectation(make_resident):
    resident = make_resident("oma@example.fi")
    own = make_case(parties=[resident.email])
    make_case(parties=["vieras@example.fi"])
    client = Client()
    client.force_login(resident)
    body = client.get("/api/v1/me/cases/").json()
    assert [item["id"] for item in body["results"]] == [str(own.pk)]
    assert body["results"][0]["expected"]["typical_days"] == 21
    detail = client.get(f"/api/v1/me/cases/{own.pk}/").json()
    assert detail["events"] == []
    assert Client().get("/api/v1/me/cases/").status_code == 403


@pytest.mark.django_db
def test_me_case__reads_no_list_of_phases_and_every_case_of_a_list_has_its_expectation(
    make_resident,
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    resident = make_resident("oma@example.fi")
    cases = [make_case(parties=[resident.email]) for _ in range(3)]
    client = Client()
    client.force_login(resident)

    listed = client.get("/api/v1/me/cases/").json()["results"]
    with CaptureQueriesContext(connection) as captured:
        detail = client.get(f"/api/v1/me/cases/{cases[0].pk}/").json()

    assert len(listed) == 3
    assert all(item["expected"]["typical_days"] == 21 for item in listed)
    assert {"expected_by", "overdue", "decided"} <= set(listed[0]["expected"])
    assert (
        detail["expected"] == listed[[i["id"] for i in listed].index(str(cases[0].pk))]["expected"]
    )
    assert not any(q["sql"].startswith('SELECT "cases_phase"') for q in captured.captured_queries)


@pytest.mark.django_db
def test_case_lookup_api__match_mismatch_and_limit(make_resident):
    case = make_case(parties=["a@example.fi"])
    client = Client()
    ok = client.post(
        "/api/v1/case-lookup/",
        {"reference": case.reference, "tracking_code": case.tracking_code},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["reference"] == case.reference
    assert "parties" not in ok.json()
    wrong = client.post(
        "/api/v1/case-lookup/",
        {"reference": case.reference, "tracking_code": "AAAA-BBBB-CCCC"},
        content_type="application/json",
    )
    assert wrong.status_code == 404
    statuses = [
        client.post(
            "/api/v1/case-lookup/",
            {"reference": case.reference, "tracking_code": "AAAA"},
            content_type="application/json",
        ).status_code
        for _ in range(10)
    ]
    assert statuses[-1] == 429


@pytest.mark.django_db
def test_case_types_api__shape_of_the_contract(client):
    make_case_type(code="parking", declared_days=14)
    item = client.get("/api/v1/case-types/").json()["results"][0]
    assert item["code"] == "parking"
    assert [phase["code"] for phase in item["phases"]] == ["received", "in-review", "decided"]
    assert item["declared_days"] == 14
    assert set(item["statistics"]) >= {"count", "median_days", "p80_days", "window_days"}
