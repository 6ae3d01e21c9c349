"""The answering pages: every step without JavaScript, errors linked to fields, one answer."""

import datetime
import re

import pytest
import time_machine

from participation import ratelimit
from participation.models import (
    DisplayMode,
    Identification,
    QuestionKind,
    RespondentToken,
    Response,
)
from participation.services import access_codes_create
from tests.participation.factories import question
from tests.paths import app_url


def _step_data(survey, kind, value):
    q = question(survey, kind)
    name = f"q{q.pk}"
    if kind == QuestionKind.RANKING:
        return {f"{name}_{o.pk}": str(i) for i, o in enumerate(q.options.all(), 1)}
    return {name: value}


def _answer_all_steps(client, survey, lang="fi"):
    """Walk the one-per-screen survey and send it; return the last response."""
    values = {
        QuestionKind.INFO: None,
        QuestionKind.SINGLE: str(question(survey, QuestionKind.SINGLE).options.first().pk),
        QuestionKind.MULTIPLE: [str(question(survey, QuestionKind.MULTIPLE).options.first().pk)],
        QuestionKind.SCALE: "3",
        QuestionKind.RANKING: None,
        QuestionKind.SHORT_TEXT: "Penkkejä",
        QuestionKind.LONG_TEXT: "Lisää valoja puistoon.",
    }
    response = None
    for step, q in enumerate(survey.questions.all(), start=1):
        data = {} if q.kind == QuestionKind.INFO else _step_data(survey, q.kind, values[q.kind])
        response = client.post(app_url("participation:answer", survey.pk, step, lang=lang), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_answering__every_step_works_without_javascript(client, survey_factory, lang):
    survey = survey_factory()

    first = client.get(app_url("participation:answer", survey.pk, 1, lang=lang))
    assert first.status_code == 200
    assert "<progress" in first.content.decode()

    last = _answer_all_steps(client, survey, lang)

    assert last["Location"] == app_url("participation:thanks", survey.pk, lang=lang)
    assert Response.objects.filter(survey=survey).count() == 1
    thanks = client.get(last["Location"])
    assert thanks.status_code == 200
    # The same browser cannot answer again.
    again = client.get(app_url("participation:answer", survey.pk, 1, lang=lang))
    assert again.templates[0].name == "participation/already_answered.html"


def test_answering__a_closed_tab_continues_where_it_was(client, survey_factory):
    survey = survey_factory()
    single = question(survey, QuestionKind.SINGLE)
    chosen = single.options.last()
    client.post(app_url("participation:answer", survey.pk, 2), {f"q{single.pk}": str(chosen.pk)})

    page = client.get(app_url("participation:answer", survey.pk, 2)).content.decode()

    assert re.search(rf'value="{chosen.pk}"\s+checked', page)


def test_answering__errors_are_summarised_and_linked_to_their_fields(client, survey_factory):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE)
    single = question(survey, QuestionKind.SINGLE)
    short = question(survey, QuestionKind.SHORT_TEXT)

    response = client.post(
        app_url("participation:answer", survey.pk, 1), {f"q{short.pk}": "x" * 300}
    )

    assert response.status_code == 200
    page = response.content.decode()
    first_option = single.options.first()
    assert 'class="error-summary"' in page
    assert f'href="#id_q{single.pk}_{first_option.pk}"' in page
    assert f'id="id_q{single.pk}_{first_option.pk}"' in page
    assert f'href="#id_q{short.pk}"' in page
    assert 'aria-invalid="true"' in page
    assert not Response.objects.exists()


def test_answering__all_at_once_sends_everything_in_one_post(client, survey_factory):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE)
    data = {}
    for kind, value in (
        (QuestionKind.SINGLE, str(question(survey, QuestionKind.SINGLE).options.first().pk)),
        (QuestionKind.SCALE, "5"),
        (QuestionKind.RANKING, None),
    ):
        data.update(_step_data(survey, kind, value))

    response = client.post(app_url("participation:answer", survey.pk, 1), data)

    assert response.status_code == 302
    assert Response.objects.filter(survey=survey).count() == 1


def test_answering__the_honeypot_pretends_and_stores_nothing(client, survey_factory):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE)

    response = client.post(
        app_url("participation:answer", survey.pk, 1), {"website": "http://spam"}
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/kiitos/")
    assert not Response.objects.exists() and not RespondentToken.objects.exists()


def test_answering__account_surveys_ask_to_sign_in(client, survey_factory, django_user_model):
    survey = survey_factory(identification=Identification.ACCOUNT)

    response = client.get(app_url("participation:answer", survey.pk, 1))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    user = django_user_model.objects.create(username="nuori", email="nuori@example.fi")
    client.force_login(user)
    _answer_all_steps(client, survey)
    assert Response.objects.filter(survey=survey).count() == 1
    again = client.get(app_url("participation:answer", survey.pk, 1))
    assert again.templates[0].name == "participation/already_answered.html"


def test_access_code__opens_the_survey_once(client, survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]

    assert client.get(app_url("participation:answer", survey.pk, 1))["Location"].endswith("/koodi/")
    entered = client.post(app_url("participation:code", survey.pk), {"code": code.lower()})
    assert entered["Location"] == app_url("participation:answer", survey.pk, 1)
    _answer_all_steps(client, survey)

    other = client.__class__()
    again = other.post(app_url("participation:code", survey.pk), {"code": code})
    assert again.templates[0].name == "participation/already_answered.html"
    assert Response.objects.filter(survey=survey).count() == 1


def test_access_code__the_session_keeps_no_code_in_clear(client, survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]

    client.post(app_url("participation:code", survey.pk), {"code": code})

    kept = str(dict(client.session.items()))
    assert code.replace("-", "") not in kept and code not in kept
    # The survey still goes on with what the session keeps.
    _answer_all_steps(client, survey)
    assert Response.objects.filter(survey=survey).count() == 1


def test_access_code__wrong_codes_are_limited_per_address(client, survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]

    for _attempt in range(ratelimit.CODE_FAILURE_LIMIT):
        wrong = client.post(app_url("participation:code", survey.pk), {"code": "AAAAA-AAAAA"})
        assert wrong.status_code == 200 and 'class="error-summary"' in wrong.content.decode()

    blocked = client.post(app_url("participation:code", survey.pk), {"code": code})
    assert blocked.status_code == 429
    elsewhere = client.__class__(REMOTE_ADDR="192.0.2.9")
    assert (
        elsewhere.post(app_url("participation:code", survey.pk), {"code": code}).status_code == 302
    )


def test_answering__is_rate_limited_per_address(client, survey_factory, monkeypatch):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE)
    monkeypatch.setattr(ratelimit, "ANSWER_LIMIT", 2)

    statuses = [
        client.post(app_url("participation:answer", survey.pk, 1), {}).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


@pytest.mark.parametrize(
    ("lang", "opening", "closing"),
    [
        ("fi", "10. joulukuuta 2026", "24. joulukuuta 2026"),
        ("sv", "10 december 2026", "24 december 2026"),
    ],
)
def test_not_open__says_when_the_survey_opens_or_closed(
    client, survey_factory, lang, opening, closing
):
    opens = datetime.datetime(2026, 12, 10, 7, 0, tzinfo=datetime.UTC)
    survey = survey_factory(opens_at=opens, closes_at=opens + datetime.timedelta(days=14))

    with time_machine.travel(opens - datetime.timedelta(days=1)):
        before = client.get(
            app_url("participation:answer", survey.pk, 1, lang=lang)
        ).content.decode()
    with time_machine.travel(opens + datetime.timedelta(days=15)):
        after = client.get(
            app_url("participation:answer", survey.pk, 1, lang=lang)
        ).content.decode()

    assert opening in before and closing in before
    assert closing in after and "survey-status--closed" in after


def test_unpublished_survey__is_not_found(client, survey_factory):
    survey = survey_factory(is_published=False)

    assert client.get(app_url("participation:detail", survey.pk)).status_code == 404
    assert client.get(app_url("participation:answer", survey.pk, 1)).status_code == 404
    assert client.get(app_url("participation:detail", 999999999999999999999)).status_code == 404


def test_survey_pages__render_in_every_language(client, survey_factory):
    survey = survey_factory()
    for lang in ("fi", "sv", "en"):
        for path in (
            f"/{lang}/",
            app_url("participation:index", lang=lang),
            app_url("participation:detail", survey.pk, lang=lang),
        ):
            response = client.get(path)
            assert response.status_code == 200, path
            assert f'lang="{lang}"' in response.content.decode()


def test_answering__the_age_band_is_asked_on_the_last_screen(client, survey_factory):
    survey = survey_factory(display_mode=DisplayMode.ALL_AT_ONCE, asks_age_band=True)
    data = {
        f"q{question(survey, QuestionKind.SINGLE).pk}": str(
            question(survey, QuestionKind.SINGLE).options.first().pk
        ),
        f"q{question(survey, QuestionKind.SCALE).pk}": "2",
        "age_band": "18-20",
    }
    data.update(_step_data(survey, QuestionKind.RANKING, None))

    assert (
        'name="age_band"'
        in client.get(app_url("participation:answer", survey.pk, 1)).content.decode()
    )
    wrong = client.post(app_url("participation:answer", survey.pk, 1), {**data, "age_band": "99"})
    assert wrong.status_code == 200 and 'href="#id_age_band_0"' in wrong.content.decode()
    response = client.post(app_url("participation:answer", survey.pk, 1), data)

    assert response.status_code == 302
    assert Response.objects.get(survey=survey).age_band == "18-20"
