"""The integration API's strictness: repeated ids, the rule of order by `occurred_at`, identity
codes, references and texts; and the bounded JSON parser on every API route."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from cases.models import Case, CaseEvent
from portal.validators import personal_identity_code_is_valid
from tests.cases import test_api
from tests.cases.factories import make_case, make_case_type, make_unit
from tests.cases.test_api import PAYLOAD, post_event, put

backoffice = test_api.backoffice

T0 = timezone.now() - timedelta(days=10)


def at(days: float) -> str:
    return (T0 + timedelta(days=days)).isoformat()


def event(eid, kind, days, **extra):
    body = {"external_event_id": eid, "occurred_at": at(days), "kind": kind, **extra}
    if kind == "decision":
        body["decision"] = {"outcome": "approved", "decided_at": at(days)}
    if kind == "info_request":
        body["info_request"] = {"due_at": at(days + 14), "items": {"fi": "Liite"}}
    if kind == "phase_change":
        body.setdefault("phase", "in-review")
    return body


@pytest.fixture
def decided_case(backoffice):
    """Decided on day 5, final on day 6, closed on day 7."""
    assert put(backoffice, "X1", PAYLOAD).status_code == 201
    for eid, kind, day in [("d", "decision", 5), ("f", "final", 6), ("c", "closed", 7)]:
        assert post_event(backoffice, "X1", event(eid, kind, day)).status_code == 201
    return backoffice


# --- The rule of order, for every kind -----------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "day", "status", "code"),
    [
        # After the closing (day 7): only notes.
        ("note", 8, 201, None),
        ("phase_change", 8, 409, "case_closed"),
        ("info_request", 8, 409, "case_closed"),
        ("decision", 8, 409, "case_closed"),
        ("final", 8, 409, "case_closed"),
        ("closed", 8, 409, "case_closed"),
        # Between final (day 6) and closed: no phase change, request, decision or final.
        ("phase_change", 6.5, 409, "decision_final"),
        ("info_request", 6.5, 409, "decision_final"),
        ("decision", 6.5, 409, "decision_final"),
        ("note", 6.5, 201, None),
        # Before the decision (day 5), a late event that fits is accepted…
        ("phase_change", 2, 201, None),
        ("info_request", 2, 201, None),
        ("note", 2, 201, None),
        ("decision", 2, 201, None),
        # …but one that the later events do not allow is not.
        ("closed", 2, 409, "out_of_order"),
        ("final", 2, 409, "not_decided"),
    ],
)
def test_event_order__is_judged_where_occurred_at_puts_the_event(
    decided_case, kind, day, status, code
):
    response = post_event(decided_case, "X1", event("new", kind, day))

    assert response.status_code == status, response.json()
    if code:
        assert response.json()["code"] == code
        assert response.json()["message"]
        assert not CaseEvent.objects.filter(external_event_id="new").exists()


def test_event_order__closing_dated_before_the_decision_is_refused(backoffice):
    put(backoffice, "X1", PAYLOAD)
    assert post_event(backoffice, "X1", event("d", "decision", 5)).status_code == 201

    response = post_event(backoffice, "X1", event("c", "closed", 4))

    assert response.status_code == 409
    assert response.json()["code"] == "out_of_order"
    assert Case.objects.get().closed_at is None


def test_event_order__received_phase_after_the_decision_is_refused_either_way(backoffice):
    put(backoffice, "X1", PAYLOAD)
    post_event(backoffice, "X1", event("d", "decision", 5))

    after = post_event(backoffice, "X1", event("p1", "phase_change", 6, phase="received"))
    before = post_event(backoffice, "X1", event("p2", "phase_change", 4, phase="received"))

    assert (after.status_code, after.json()["code"]) == (409, "decision_made")
    assert before.status_code == 201


# --- Repeated ids ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"occurred_at": at(3)},
        {"kind": "phase_change", "phase": "in-review"},
        {"visible_to_resident": False},
        {"note": {"fi": "Toinen", "sv": "Annan"}},
    ],
)
def test_repeated_event_id__with_another_body_is_409(backoffice, change):
    put(backoffice, "X1", PAYLOAD)
    body = event("e1", "note", 2, note={"fi": "Yksi"})
    assert post_event(backoffice, "X1", body).status_code == 201

    again = post_event(backoffice, "X1", {**body, **change})

    assert again.status_code == 409
    assert again.json()["code"] == "external_event_id_reused"
    assert post_event(backoffice, "X1", body).status_code == 200
    assert CaseEvent.objects.count() == 1


def test_repeated_decision__with_the_same_body_is_200(backoffice):
    put(backoffice, "X1", PAYLOAD)
    body = event("d", "decision", 5)
    body["decision"].update(summary={"fi": "Myönnetty"}, appeal_days=30, reference="§ 12")
    body["decision"]["reference"] = "PL 12/2026"

    assert post_event(backoffice, "X1", body).status_code == 201
    assert post_event(backoffice, "X1", body).status_code == 200
    body["decision"]["outcome"] = "rejected"
    assert post_event(backoffice, "X1", body).status_code == 409


# --- Identity codes, references, texts, numbers --------------------------------------------------


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("131052-308T", True),
        ("131052+308T", True),  # 1800s
        ("010594Y9021", True),  # 1900s, sign from 2023
        ("010594U9021", True),
        ("020502E902X", True),  # 2000s, sign from 2023
        ("020502A902X", True),
        ("131052-308U", False),  # wrong check character
        ("310252-308T", False),  # no 31 February
        ("290201A1234", False),  # 2001 had no 29 February
        ("131052-000T", False),  # individual numbers start at 002
        ("131052G308T", False),  # no such century sign
        ("131052-308", False),
    ],
)
def test_personal_identity_code__date_sign_and_check_character(backoffice, code, valid):
    assert personal_identity_code_is_valid(code) is valid
    parties = [{"personal_identity_code": code, "role": "party"}]
    response = put(backoffice, "X1", {**PAYLOAD, "parties": parties})
    assert response.status_code == (201 if valid else 400)
    if not valid:
        assert "parties" in response.json()["fields"]
        assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reference", "LUP/1/2026\u202e"),  # right-to-left override
        ("reference", "LUP<script>"),
        ("reference", "/etc/passwd"),
        ("title", {"fi": "Lupa \u2066piilo\u2069"}),  # isolates
        ("title", {"fi": "Lupa\x07"}),  # a control character
        ("title", {"fi": "Lupa\u202d"}),
    ],
)
def test_texts__control_and_bidi_characters_and_bad_references_are_refused(
    backoffice, field, value
):
    response = put(backoffice, "X1", {**PAYLOAD, field: value})

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Case.objects.exists()


def test_texts__line_breaks_and_scandinavian_letters_are_fine(backoffice):
    response = put(
        backoffice,
        "X1",
        {**PAYLOAD, "reference": "Dnro 2026/ÅÄÖ-12", "title": {"fi": "Rivi\nToinen\tsarkain"}},
    )
    assert response.status_code == 201


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity"])
def test_numbers__infinite_and_not_a_number_are_refused_not_stored(backoffice, number):
    body = (
        '{"case_type": "parking", "reference": NUMBER, "title": {"fi": "x"}, "language": "fi", '
        '"submitted_at": "2026-11-02T09:00:00+02:00"}'
    ).replace("NUMBER", number)
    response = backoffice.put(
        "/api/v1/integration/cases/X1/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert not Case.objects.exists()


def test_numbers__a_number_where_text_belongs_is_refused(backoffice):
    response = put(backoffice, "X1", {**PAYLOAD, "reference": 12345})
    assert response.status_code == 400
    assert "reference" in response.json()["fields"]


# --- The JSON parser: bounded, and every 4xx in JSON ---------------------------------------------

LOOKUP = "/api/v1/case-lookup/"


def _json_error(response, status, code=None):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"code", "message", "fields"}
    if code:
        assert data["code"] == code
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("depth", [33, 1000, 100_000])
def test_json__nesting_beyond_the_limit_is_a_json_400_on_public_endpoints(depth):
    body = "[" * depth + "]" * depth
    response = Client(raise_request_exception=False).post(
        LOOKUP, body, content_type="application/json"
    )
    _json_error(response, 400, "parse_error")


@pytest.mark.django_db
def test_json__nesting_within_the_limit_is_parsed():
    inner = "[" * 30 + "]" * 30
    response = Client().post(
        LOOKUP,
        '{"reference": "LUP/1/2026", "tracking_code": "x", "extra": ' + inner + "}",
        content_type="application/json",
    )
    assert response.status_code == 404  # parsed and looked up; no such case


@pytest.mark.django_db
def test_json__brackets_inside_strings_do_not_count():
    text = "[" * 1000
    response = Client().post(
        LOOKUP,
        '{"reference": "LUP/1/2026", "tracking_code": "' + text + '"}',
        content_type="application/json",
    )
    _json_error(response, 400, "invalid")  # too long a code, not a parse error


@pytest.mark.django_db
def test_json__every_4xx_is_json(settings):
    client = Client(raise_request_exception=False)
    _json_error(client.post(LOOKUP, "{not json", content_type="application/json"), 400)
    _json_error(client.post(LOOKUP, "reference=x", content_type="text/plain"), 415)
    _json_error(client.get(LOOKUP), 405)
    _json_error(client.get("/api/v1/no-such-thing/"), 404)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = '{"reference": "%s", "tracking_code": "x"}' % ("a" * 2000)
    _json_error(client.post(LOOKUP, big, content_type="application/json"), 413, "too_large")


# --- Another unit's data ------------------------------------------------------------------------


def test_errors__another_units_case_looks_like_no_case_at_all(backoffice):
    make_case(make_case_type(make_unit("elsewhere")), external_id="THEIRS")
    body = event("e1", "note", 1)

    theirs = post_event(backoffice, "THEIRS", body)
    nobodys = post_event(backoffice, "NOBODYS", body)

    assert theirs.status_code == nobodys.status_code == 404
    assert theirs.json() == nobodys.json()
    taken = put(backoffice, "THEIRS", PAYLOAD)
    assert taken.status_code == 400
    assert "elsewhere" not in taken.content.decode()
