"""Anonymous surveys cannot be stuffed: an answer needs a respondent pass, a pass answers once,
and an address gets only so many passes however it clears cookies or forges headers."""

import pytest
from django.test import Client, RequestFactory

from participation import ratelimit
from participation.models import DisplayMode, QuestionKind, RespondentToken, Response
from tests.participation.factories import question
from tests.participation.test_api import SURVEYS, _payload
from tests.paths import app_url

LIMIT = 5


@pytest.fixture(autouse=True)
def _small_limit(monkeypatch):
    monkeypatch.setattr(ratelimit, "ANONYMOUS_PASS_LIMIT", LIMIT)


def _form_data(survey) -> dict:
    single = question(survey, QuestionKind.SINGLE)
    ranking = question(survey, QuestionKind.RANKING)
    scale = question(survey, QuestionKind.SCALE)
    data = {f"q{single.pk}": str(single.options.first().pk), f"q{scale.pk}": "4"}
    data.update({f"q{ranking.pk}_{o.pk}": str(i) for i, o in enumerate(ranking.options.all(), 1)})
    return data


def _stranger(i: int) -> Client:
    """A new client every time (no cookies) claiming another address in X-Forwarded-For."""
    return Client(headers={"x-forwarded-for": f"203.0.113.{i}, 198.51.100.{i}"})


def test_passes__forty_page_posts_with_cleared_cookies_give_at_most_the_limit(survey_factory):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE)
    url = app_url("participation:answer", survey.pk, 1)

    statuses = [_stranger(i).post(url, _form_data(survey)).status_code for i in range(40)]

    assert Response.objects.filter(survey=survey).count() == LIMIT
    assert statuses.count(302) == LIMIT and statuses.count(429) == 40 - LIMIT


def test_passes__forty_api_posts_with_cleared_cookies_give_at_most_the_limit(survey_factory):
    survey = survey_factory()
    url = f"{SURVEYS}{survey.pk}/responses/"

    statuses = [
        _stranger(i).post(url, _payload(survey), content_type="application/json").status_code
        for i in range(40)
    ]

    assert Response.objects.filter(survey=survey).count() == LIMIT
    assert statuses.count(201) == LIMIT and statuses.count(429) == 40 - LIMIT


def test_passes__a_pass_answers_once_and_keeps_no_identity(client, survey_factory):
    survey = survey_factory()
    url = f"{SURVEYS}{survey.pk}/responses/"

    first = client.post(url, _payload(survey), content_type="application/json")
    again = client.post(url, _payload(survey), content_type="application/json")

    assert (first.status_code, again.status_code) == (201, 409)
    cookie = first.cookies[f"survey_pass_{survey.pk}"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    # What is stored is a keyed hash of the pass, not the pass.
    token = RespondentToken.objects.get(survey=survey)
    assert cookie.value.split(":")[0] not in token.digest
    assert Response.objects.filter(survey=survey).count() == 1


def test_passes__a_forged_or_another_surveys_pass_is_no_pass(client, survey_factory):
    first, second = survey_factory(), survey_factory()
    answered = client.post(
        f"{SURVEYS}{first.pk}/responses/", _payload(first), content_type="application/json"
    )
    other_surveys_pass = answered.cookies[f"survey_pass_{first.pk}"].value

    for value in (other_surveys_pass, "made-up-pass"):
        forger = Client()
        forger.cookies[f"survey_pass_{second.pk}"] = value
        response = forger.post(
            f"{SURVEYS}{second.pk}/responses/", _payload(second), content_type="application/json"
        )
        # Accepted only with a new pass of its own, counted like any other.
        assert response.status_code == 201
        assert response.cookies[f"survey_pass_{second.pk}"].value != value
    assert ratelimit.count(RequestFactory().get("/"), f"pass:{second.pk}") == 2


def test_passes__another_address_still_gets_its_own(survey_factory):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE)
    url = app_url("participation:answer", survey.pk, 1)
    for i in range(LIMIT):
        assert _stranger(i).post(url, _form_data(survey)).status_code == 302
    refused = _stranger(99).post(url, _form_data(survey))

    assert refused.status_code == 429
    assert "tunnuskoodeja" in refused.content.decode()
    school = Client(REMOTE_ADDR="192.0.2.44")
    assert school.post(url, _form_data(survey)).status_code == 302
    assert Response.objects.filter(survey=survey).count() == LIMIT + 1


def test_passes__walking_the_screens_uses_one_pass(client, survey_factory):
    from tests.participation.test_pages import _answer_all_steps

    survey = survey_factory()

    _answer_all_steps(client, survey)

    assert Response.objects.filter(survey=survey).count() == 1
    assert ratelimit.count(RequestFactory().get("/"), f"pass:{survey.pk}") == 1
