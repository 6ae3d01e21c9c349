"""The survey API: shapes of the contract, one answer per respondent, results with small groups
hidden."""

import datetime

import pytest
from django.utils import timezone

from participation.models import Identification, QuestionKind, Response
from participation.services import access_codes_create
from tests.participation.factories import full_answers, question

SURVEYS = "/api/v1/surveys/"


def _payload(survey, **extra):
    answers = []
    for question_id, value in full_answers(survey).items():
        kind = survey.questions.get(pk=question_id).kind
        key = {
            QuestionKind.SINGLE: "choice",
            QuestionKind.MULTIPLE: "choices",
            QuestionKind.SCALE: "value",
            QuestionKind.RANKING: "ranking",
        }.get(kind, "text")
        answers.append({"question": question_id, key: value})
    return {"answers": answers, **extra}


def test_surveys_list__is_an_object_with_results_and_next(client, survey_factory):
    survey = survey_factory()
    survey_factory(is_published=False)

    data = client.get(SURVEYS).json()

    assert set(data) == {"results", "next"}
    [item] = data["results"]
    assert item["id"] == survey.pk
    assert item["title"] == survey.title_fi
    assert item["identification"] == "anonymous"
    assert item["state"] == "open"
    assert item["results_url"] is None


def test_survey_detail__lists_questions_with_types_options_and_limits(client, survey_factory):
    survey = survey_factory()

    data = client.get(f"{SURVEYS}{survey.pk}/?lang=sv").json()

    assert {"id", "title", "opens_at", "closes_at", "identification", "questions"} <= set(data)
    types = [q["type"] for q in data["questions"]]
    assert types == ["info", "single", "multiple", "scale", "ranking", "text", "text"]
    multiple = data["questions"][2]
    assert (multiple["min"], multiple["max"]) == (1, 2)
    assert [o["text"] for o in multiple["options"]] == ["Spela", "Röra på mig", "Göra musik"]
    scale = data["questions"][3]
    assert (scale["min"], scale["max"], scale["min_label"]) == (1, 5, "Inte alls")
    assert set(multiple["options"][0]) == {"id", "text"}


def test_responses__created_once_then_409_already_answered(client, survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]
    body = _payload(survey, access_code=code)

    first = client.post(f"{SURVEYS}{survey.pk}/responses/", body, content_type="application/json")
    second = client.post(f"{SURVEYS}{survey.pk}/responses/", body, content_type="application/json")

    assert first.status_code == 201, first.json()
    assert second.status_code == 409
    assert second.json()["code"] == "already_answered"
    assert Response.objects.filter(survey=survey).count() == 1


def test_responses__anonymous_survey_is_answered_once_per_browser(client, survey_factory):
    survey = survey_factory()
    url = f"{SURVEYS}{survey.pk}/responses/"

    first = client.post(url, _payload(survey), content_type="application/json")
    second = client.post(url, _payload(survey), content_type="application/json")

    assert (first.status_code, second.status_code) == (201, 409)


def test_responses__invalid_answers_are_400_with_fields(client, survey_factory):
    survey = survey_factory()
    single = question(survey, QuestionKind.SINGLE)
    body = {"answers": [{"question": single.pk, "choice": 999999}]}

    response = client.post(
        f"{SURVEYS}{survey.pk}/responses/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert f"question_{single.pk}" in response.json()["fields"]
    assert not Response.objects.exists()


def test_responses__wrong_access_code_is_400(client, survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    access_codes_create(survey=survey, count=1)

    response = client.post(
        f"{SURVEYS}{survey.pk}/responses/",
        _payload(survey, access_code="AAAAA-AAAAA"),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "access_code" in response.json()["fields"]


def test_responses__account_survey_needs_a_signed_in_account(client, survey_factory):
    survey = survey_factory(identification=Identification.ACCOUNT)

    response = client.post(
        f"{SURVEYS}{survey.pk}/responses/", _payload(survey), content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


def test_responses__closed_survey_is_409(client, survey_factory):
    now = timezone.now()
    survey = survey_factory(
        opens_at=now - datetime.timedelta(days=5), closes_at=now - datetime.timedelta(days=1)
    )

    response = client.post(
        f"{SURVEYS}{survey.pk}/responses/", _payload(survey), content_type="application/json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "survey_not_open"


@pytest.mark.parametrize("body", [{"answers": "x"}, {"answers": [{"question": "a"}]}, {}])
def test_responses__malformed_bodies_are_400(client, survey_factory, body):
    survey = survey_factory()

    response = client.post(
        f"{SURVEYS}{survey.pk}/responses/", body, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


# --- The survey and its questions come from the public cache when answering -------------------


def _answer(client, survey, body=None):
    client.cookies.clear()  # a new respondent each time
    return client.post(
        f"{SURVEYS}{survey.pk}/responses/",
        body if body is not None else _payload(survey),
        content_type="application/json",
    )


def test_responses__a_second_respondent_reads_no_survey_or_question_rows(
    client, survey_factory, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    survey = survey_factory()
    body = _payload(survey)
    assert _answer(client, survey, body).status_code == 201

    with CaptureQueriesContext(connection) as captured:
        assert _answer(client, survey, body).status_code == 201

    read = " ".join(q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT"))
    assert "participation_survey" not in read
    assert "participation_question" not in read
    assert "participation_option" not in read
    assert Response.objects.filter(survey=survey).count() == 2


def test_responses__a_changed_question_or_closing_is_seen_by_the_next_answer(
    client, survey_factory, django_capture_on_commit_callbacks
):
    survey = survey_factory()
    assert _answer(client, survey).status_code == 201
    scale = question(survey, QuestionKind.SCALE)

    with django_capture_on_commit_callbacks(execute=True):
        scale.scale_max = 3
        scale.save()
    too_high = _answer(client, survey)
    assert too_high.status_code == 400
    assert f"question_{scale.pk}" in too_high.json()["fields"]

    with django_capture_on_commit_callbacks(execute=True):
        survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
        survey.save()
    assert _answer(client, survey).json()["code"] == "survey_not_open"


def test_responses__an_unpublished_or_missing_survey_is_404_for_respondents(
    client, survey_factory, django_capture_on_commit_callbacks
):
    survey = survey_factory()
    body = _payload(survey)
    assert _answer(client, survey, body).status_code == 201

    with django_capture_on_commit_callbacks(execute=True):
        survey.is_published = False
        survey.save()

    assert _answer(client, survey, body).status_code == 404
    assert client.post(f"{SURVEYS}987654321/responses/", body, content_type="application/json")[
        "Content-Type"
    ].startswith("application/json")
    assert (
        client.post(
            f"{SURVEYS}987654321/responses/", body, content_type="application/json"
        ).status_code
        == 404
    )
