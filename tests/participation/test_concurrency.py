"""Twenty parallel submissions with one access code leave exactly one response (PostgreSQL)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from participation.models import Identification, RespondentToken, Response
from participation.services import access_codes_create
from tests.participation.test_api import _payload

PARALLEL = 20


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs concurrent transactions: SQLite serialises every write; run with "
            "DATABASE_URL=postgres://... to check the unique constraint under concurrency"
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_responses__twenty_parallel_submissions_with_one_code_leave_one_response(
    postgres_only, survey_factory
):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]
    body = _payload(survey, access_code=code)
    url = f"/api/v1/surveys/{survey.pk}/responses/"
    start = threading.Barrier(PARALLEL)
    outcomes: list[tuple[int, str]] = []
    lock = threading.Lock()

    def submit(index: int) -> None:
        client = Client(REMOTE_ADDR=f"192.0.2.{index + 1}")
        try:
            start.wait()
            response = client.post(url, body, content_type="application/json")
            with lock:
                outcomes.append((response.status_code, response.json().get("code", "")))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == [(201, "")] + [(409, "already_answered")] * (PARALLEL - 1)
    assert Response.objects.filter(survey=survey).count() == 1
    assert RespondentToken.objects.filter(survey=survey).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_submit__twenty_parallel_submissions_of_one_account_leave_one_response(
    postgres_only, survey_factory
):
    from participation.respondents import Respondent, RespondentKind
    from participation.services import AlreadyAnswered, survey_submit_response
    from tests.participation.factories import full_answers

    survey = survey_factory(identification=Identification.ACCOUNT)
    answers = full_answers(survey)
    account = Respondent(RespondentKind.ACCOUNT, "4242")
    start = threading.Barrier(PARALLEL)
    outcomes: list[str] = []
    lock = threading.Lock()

    def submit() -> None:
        try:
            start.wait()
            try:
                survey_submit_response(survey=survey, answers=answers, respondent=account)
                outcome = "stored"
            except AlreadyAnswered:
                outcome = "already_answered"
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already_answered"] * (PARALLEL - 1) + ["stored"]
    assert Response.objects.filter(survey=survey).count() == 1
