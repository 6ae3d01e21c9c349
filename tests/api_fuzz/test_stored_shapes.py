"""Stored objects of every app, through every read and write of the API, match the schema.

Generated ids rarely hit a stored object, so the fuzzing alone mostly sees 404s on details. Here
each operation is called on real objects, as the role that may see them, in every language.
"""

import datetime

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import timezone

from tests.api_fuzz.test_schemathesis import CHECKS, schema
from tests.fixtures.roles import sign_in

LANGS = ["fi", "sv", "en", "all"]


def _cookies_of(user) -> dict:
    client = Client()
    sign_in(client, user, mfa=False)
    name = django_settings.SESSION_COOKIE_NAME
    return {name: client.cookies[name].value}


def call(path, method="GET", *, cookies=None, headers=None, **parts):
    operation = schema[path][method]
    response = operation.Case(**parts).call_and_validate(
        cookies=cookies or {}, headers=headers or {}, checks=CHECKS
    )
    return response


@pytest.fixture
def case_world(db):
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases import services
    from tests import files
    from tests.cases.factories import make_case, make_unit

    user = get_user_model().objects.create_user(username="r", email="r@example.fi")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    unit = make_unit("shape-unit")
    case = make_case(parties=[user.email], external_id="SHAPE-1")
    case.case_type.unit = unit
    case.case_type.save()
    case.unit = unit
    case.save()
    request, _ = services.case_record_event(
        case=case,
        kind="info_request",
        actor_name="t",
        note={"fi": "Liite?", "sv": "Bilaga?"},
        due_at=timezone.now() + datetime.timedelta(days=7),
    )
    services.case_answer_info_request(
        case=case,
        request_event=request,
        user=user,
        text="Tässä.",
        files=[SimpleUploadedFile("a.pdf", files.pdf(), "application/pdf")],
    )
    services.case_record_event(
        case=case,
        kind="decision",
        actor_name="t",
        outcome="approved",
        appeal_days=14,
        note={"fi": "Myönnetään."},
    )
    _client, token = services.integration_client_create(name="Shapes", unit=unit)
    return {"user": user, "case": case, "token": token}


@pytest.mark.parametrize("lang", LANGS)
def test_stored_shapes__a_residents_cases_and_case_types(case_world, lang):
    cookies = _cookies_of(case_world["user"])
    case = case_world["case"]
    listing = call("/api/v1/me/cases/", cookies=cookies, query={"lang": lang})
    assert [item["id"] for item in listing.json()["results"]] == [str(case.pk)]
    detail = call(
        "/api/v1/me/cases/{id}/",
        cookies=cookies,
        path_parameters={"id": str(case.pk)},
        query={"lang": lang},
    )
    assert {event["kind"] for event in detail.json()["events"]} >= {"decision", "info_request"}
    types = call("/api/v1/case-types/", query={"lang": lang}).json()["results"]
    assert types
    call(
        "/api/v1/case-types/{code}/",
        path_parameters={"code": case.case_type.code},
        query={"lang": lang},
    )
    lookup = call(
        "/api/v1/case-lookup/",
        "POST",
        body={"reference": case.reference, "tracking_code": case.tracking_code},
        query={"lang": lang},
    )
    assert lookup.status_code == 200


def test_stored_shapes__integration_writes(case_world):
    headers = {"Authorization": f"Bearer {case_world['token']}"}
    body = {
        "case_type": case_world["case"].case_type.code,
        "reference": "SHAPE/2/2026",
        "title": {"fi": "Muoto", "sv": "Form"},
        "language": "sv",
        "submitted_at": "2026-11-02T09:00:00+02:00",
        "parties": [{"email": "x@example.fi", "role": "applicant"}],
    }
    path = "/api/v1/integration/cases/{external_id}/"
    created = call(path, "PUT", headers=headers, path_parameters={"external_id": "S-2"}, body=body)
    assert created.status_code == 201
    updated = call(path, "PUT", headers=headers, path_parameters={"external_id": "S-2"}, body=body)
    assert updated.status_code == 200
    events = "/api/v1/integration/cases/{external_id}/events/"
    event = {
        "external_event_id": "s-1",
        "occurred_at": "2026-11-03T09:00:00+02:00",
        "kind": "info_request",
        "info_request": {"due_at": "2026-11-20T16:00:00+02:00", "items": {"sv": "Ritning."}},
    }
    first = call(
        events, "POST", headers=headers, path_parameters={"external_id": "S-2"}, body=event
    )
    again = call(
        events, "POST", headers=headers, path_parameters={"external_id": "S-2"}, body=event
    )
    assert (first.status_code, again.status_code) == (201, 200)


@pytest.fixture
def decision_world(db):
    from decisions.services import meeting_schedule_agenda
    from tests.decisions.factories import AgendaItemFactory, OfficeholderDecisionFactory

    item = AgendaItemFactory()
    meeting_schedule_agenda(
        meeting=item.meeting, publish_at=timezone.now() - datetime.timedelta(days=2)
    )
    return {"item": item, "decision": OfficeholderDecisionFactory()}


@pytest.mark.parametrize("lang", LANGS)
def test_stored_shapes__meetings_items_and_officeholder_decisions(decision_world, lang):
    item, decision = decision_world["item"], decision_world["decision"]
    for listing, detail, pk in (
        ("/api/v1/meetings/", "/api/v1/meetings/{id}/", item.meeting_id),
        ("/api/v1/agenda-items/", "/api/v1/agenda-items/{id}/", item.pk),
        ("/api/v1/officeholder-decisions/", "/api/v1/officeholder-decisions/{id}/", decision.pk),
    ):
        assert call(listing, query={"lang": lang}).json()["results"], listing
        response = call(detail, path_parameters={"id": pk}, query={"lang": lang})
        assert response.status_code == 200, detail


@pytest.fixture
def survey_world(db):
    from tests.participation.factories import SurveyFactory

    return SurveyFactory()


@pytest.mark.parametrize("lang", LANGS)
def test_stored_shapes__surveys_and_a_response(survey_world, lang):
    from tests.participation.factories import full_answers

    survey = survey_world
    assert call("/api/v1/surveys/", query={"lang": lang}).json()["results"]
    detail = call("/api/v1/surveys/{id}/", path_parameters={"id": survey.pk}, query={"lang": lang})
    assert detail.json()["questions"]
    answers = []
    for question in detail.json()["questions"]:
        value = full_answers(survey).get(question["id"])
        if value is None:
            continue
        if question["type"] == "single":
            answers.append({"question": question["id"], "choice": value})
        elif question["type"] == "multiple":
            answers.append({"question": question["id"], "choices": value})
        elif question["type"] == "scale":
            answers.append({"question": question["id"], "value": value})
        elif question["type"] == "ranking":
            answers.append({"question": question["id"], "ranking": value})
        else:
            answers.append({"question": question["id"], "text": value})
    response = call(
        "/api/v1/surveys/{id}/responses/",
        "POST",
        path_parameters={"id": survey.pk},
        body={"answers": answers},
        query={"lang": lang},
    )
    assert response.status_code == 201, response.content
    call("/api/v1/surveys/{id}/results/", path_parameters={"id": survey.pk}, query={"lang": lang})


@pytest.fixture
def finance_world(db):
    from finance.models import FiscalYear, Node
    from finance.services import report_publish, report_save, target_save, target_status_save
    from tests.finance.exports import import_sample

    import_sample(periods=range(1, 13))
    year = FiscalYear.objects.get(year=2026)
    report_publish(
        report=report_save(year=year, kind="budget"), published_on=datetime.date(2025, 12, 10)
    )
    interim = report_save(year=year, kind="interim", through_period=4)
    target = target_save(
        year=year,
        node=Node.objects.get(code="2"),
        title={"fi": "Tavoite", "sv": "Mål"},
        indicator={"fi": "Mittari"},
        target_value={"fi": "90 %"},
    )
    target_status_save(target=target, report=interim, status="on_track")
    report_publish(report=interim, published_on=datetime.date(2026, 5, 20))
    return {"year": year, "node": Node.objects.get(code="21"), "target": target}


@pytest.mark.parametrize("lang", LANGS)
def test_stored_shapes__finance(finance_world, lang):
    query = {"lang": lang}
    assert call("/api/v1/finance/years/", query=query).json()["results"]
    assert call("/api/v1/finance/nodes/", query=query).json()["results"]
    figures = call("/api/v1/finance/figures/", query={**query, "year": 2026, "period": 5})
    assert figures.json()["results"][0]["actual"] is None
    assert call("/api/v1/finance/targets/", query=query).json()["results"][0]["statuses"]
    for path, key in (
        ("/api/v1/finance/years/{id}/", "year"),
        ("/api/v1/finance/nodes/{id}/", "node"),
        ("/api/v1/finance/targets/{id}/", "target"),
    ):
        call(path, path_parameters={"id": finance_world[key].pk}, query=query)


@pytest.fixture
def indicator_world(db):
    from indicators import services

    home = services.area_upsert(
        code="KU999", kind="municipality", name_fi="Rantala", name_sv="Strandby"
    )
    services.comparison_set(home=home, references=[])
    services.indicator_upsert(
        code="shape-figure",
        theme="economy",
        name_fi="Muotoluku",
        name_sv="Formtal",
        name_en="Shape figure",
        unit_fi="%",
        source_fi="Kunta",
    )
    services.csv_import(
        data=(
            b"indicator;area;period;breakdown;value\n"
            b"shape-figure;KU999;2024;;7,5\n"
            b"shape-figure;KU999;2025M04;;8,25\n"
            b"shape-figure;KU999;2025M04;gender:female;8,0\n"
        ),
        file_name="shape.csv",
    )
    from indicators.models import Value

    return {"value": Value.objects.order_by("pk").first()}


@pytest.mark.parametrize("lang", LANGS)
def test_stored_shapes__key_figures(indicator_world, lang):
    query = {"lang": lang}
    assert call("/api/v1/indicators/", query=query).json()["results"]
    call("/api/v1/indicators/{code}/", path_parameters={"code": "shape-figure"}, query=query)
    values = call("/api/v1/indicators/values/", query=query).json()["results"]
    assert len(values) == 3
    call(
        "/api/v1/indicators/values/{id}/",
        path_parameters={"id": indicator_world["value"].pk},
        query=query,
    )
    dataset = call("/api/v1/indicators/dataset/", query={**query, "indicator": "shape-figure"})
    assert dataset.status_code == 200
    assert call("/api/v1/indicators/csv/", query=query).status_code == 200


@pytest.fixture
def maturity_world(db):
    from maturity.models import Service
    from maturity.services import assessment_save, round_create, round_publish

    services = list(Service.objects.order_by("pk")[:2])
    published = round_create(year=2025, summary={"fi": "Arvio.", "sv": "Bedömning."})
    for share, service in zip((40, 80), services, strict=True):
        assessment_save(
            round=published,
            service=service,
            adopted=True,
            levels={phase.code: 2 for phase in service.phases.all()},
            electronic_share=share,
            transactions_per_year=500,
            minutes_saved=5,
            cost_per_hour=40,
            investment=1000,
            yearly_cost=100,
            next_steps={"fi": "Laajennetaan.", "sv": "Utvidgas."},
        )
    round_publish(round=published)
    draft = round_create(year=2026)
    return {"published": published, "draft": draft}


@pytest.mark.parametrize("lang", LANGS)
def test_stored_shapes__digital_maturity(maturity_world, lang):
    query = {"lang": lang}
    rounds = call("/api/v1/maturity/rounds/", query=query).json()["results"]
    # The draft round is not public.
    assert [item["year"] for item in rounds] == [2025]
    detail = call(
        "/api/v1/maturity/rounds/{year}/", path_parameters={"year": 2025}, query=query
    ).json()
    assert detail["year"] == 2025
    export = call(
        "/api/v1/maturity/rounds/{year}/export/", path_parameters={"year": 2025}, query=query
    )
    assert export.status_code == 200
    assert len(export.json()["services"]) == 2
    missing = call("/api/v1/maturity/rounds/{year}/", path_parameters={"year": 2026}, query=query)
    assert missing.status_code == 404
    assert call("/api/v1/maturity/schema/", query=query).status_code == 200
