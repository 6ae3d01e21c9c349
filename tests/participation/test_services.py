"""Surveys, access codes and responses: one answer per respondent, nothing that identifies them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from participation.models import (
    AccessCode,
    Answer,
    Identification,
    Question,
    QuestionKind,
    RespondentToken,
    Response,
)
from participation.respondents import Respondent, RespondentKind, access_code_hash
from participation.services import (
    AlreadyAnswered,
    InvalidAccessCode,
    InvalidAnswers,
    SurveyLocked,
    SurveyNotOpen,
    access_codes_create,
    question_add,
    survey_submit_response,
)
from tests.participation.factories import full_answers, question


def _browser(value="browser-1"):
    return Respondent(RespondentKind.BROWSER, value)


def test_survey_create__stores_options_of_choice_questions_in_every_language(survey_factory):
    survey = survey_factory()

    single = question(survey, QuestionKind.SINGLE)

    assert [(o.text_fi, o.text_sv, o.text_en) for o in single.options.all()] == [
        ("Kyllä", "Ja", "Yes"),
        ("En", "Nej", "No"),
    ]
    assert not question(survey, QuestionKind.SHORT_TEXT).options.exists()


def test_submit__stores_one_row_per_choice_and_rank(survey_factory):
    survey = survey_factory()
    answers = full_answers(survey)

    response = survey_submit_response(survey=survey, answers=answers, respondent=_browser())

    ranking = question(survey, QuestionKind.RANKING)
    ranks = dict(
        Answer.objects.filter(response=response, question=ranking).values_list("option_id", "value")
    )
    assert ranks == {option_id: rank for rank, option_id in enumerate(answers[ranking.pk], 1)}
    multiple = question(survey, QuestionKind.MULTIPLE)
    assert Answer.objects.filter(response=response, question=multiple).count() == 2
    assert response.submitted_on == timezone.localdate()


def test_submit__second_answer_of_the_same_browser_is_refused(survey_factory):
    survey = survey_factory()
    survey_submit_response(survey=survey, answers=full_answers(survey), respondent=_browser())

    with pytest.raises(AlreadyAnswered):
        survey_submit_response(survey=survey, answers=full_answers(survey), respondent=_browser())

    assert Response.objects.filter(survey=survey).count() == 1
    assert RespondentToken.objects.filter(survey=survey).count() == 1


def test_submit__second_answer_of_the_same_account_is_refused(survey_factory):
    survey = survey_factory(identification=Identification.ACCOUNT)
    account = Respondent(RespondentKind.ACCOUNT, "42")
    survey_submit_response(survey=survey, answers=full_answers(survey), respondent=account)

    with pytest.raises(AlreadyAnswered):
        survey_submit_response(survey=survey, answers=full_answers(survey), respondent=account)

    other = Respondent(RespondentKind.ACCOUNT, "43")
    survey_submit_response(survey=survey, answers=full_answers(survey), respondent=other)
    assert Response.objects.filter(survey=survey).count() == 2


def test_submit__access_code_works_once(survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]

    survey_submit_response(survey=survey, answers=full_answers(survey), access_code=code.lower())

    with pytest.raises(AlreadyAnswered):
        survey_submit_response(survey=survey, answers=full_answers(survey), access_code=code)
    with pytest.raises(InvalidAccessCode):
        survey_submit_response(survey=survey, answers=full_answers(survey), access_code="X")
    assert Response.objects.filter(survey=survey).count() == 1


def test_submit__a_required_question_must_be_answered(survey_factory):
    survey = survey_factory()
    answers = full_answers(survey)
    single = question(survey, QuestionKind.SINGLE)
    del answers[single.pk]

    with pytest.raises(InvalidAnswers) as caught:
        survey_submit_response(survey=survey, answers=answers, respondent=_browser())

    assert set(caught.value.errors) == {single.pk}
    assert not Response.objects.exists()
    assert not RespondentToken.objects.exists()


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (QuestionKind.SINGLE, 999999),
        (QuestionKind.MULTIPLE, []),
        (QuestionKind.SCALE, 9),
        (QuestionKind.RANKING, [1]),
        (QuestionKind.SHORT_TEXT, "x" * 201),
        (QuestionKind.LONG_TEXT, "a\x00b"),
        # Bidirectional overrides and isolates disguise what a text says; other controls too.
        (QuestionKind.LONG_TEXT, "hyvä \u202eäbyh"),
        (QuestionKind.SHORT_TEXT, "a\u2066b\u2069"),
        (QuestionKind.SHORT_TEXT, "a\x1bb"),
    ],
)
def test_submit__invalid_answers_are_refused(survey_factory, kind, value):
    survey = survey_factory()
    answers = full_answers(survey)
    target = question(survey, kind)
    answers[target.pk] = value
    if kind == QuestionKind.MULTIPLE:
        # At least one option must be chosen once the question is answered at all.
        answers[target.pk] = [o.pk for o in target.options.all()]

    with pytest.raises(InvalidAnswers) as caught:
        survey_submit_response(survey=survey, answers=answers, respondent=_browser())

    assert target.pk in caught.value.errors


def test_submit__closed_and_upcoming_surveys_refuse_answers(survey_factory):
    now = timezone.now()
    closed = survey_factory(
        opens_at=now - datetime.timedelta(days=9), closes_at=now - datetime.timedelta(days=1)
    )
    upcoming = survey_factory(
        opens_at=now + datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=9)
    )

    for survey in (closed, upcoming):
        with pytest.raises(SurveyNotOpen):
            survey_submit_response(survey=survey, answers={}, respondent=_browser())


def test_response__rows_hold_nothing_that_joins_them_to_a_respondent(survey_factory):
    survey = survey_factory(identification=Identification.ACCESS_CODE)
    code = access_codes_create(survey=survey, count=1)[0]
    survey_submit_response(survey=survey, answers=full_answers(survey), access_code=code)

    response_columns = {f.column for f in Response._meta.concrete_fields}
    answer_columns = {f.column for f in Answer._meta.concrete_fields}
    token_columns = {f.column for f in RespondentToken._meta.concrete_fields}
    assert response_columns == {"id", "survey_id", "submitted_on", "age_band", "area"}
    assert answer_columns == {
        "id",
        "response_id",
        "question_id",
        "option_id",
        "value",
        "text",
        "moderation",
        # The language a moderator gives a published quote; an answer is stored without it.
        "language",
    }
    assert not Answer.objects.exclude(language="").exists()
    # The token knows the survey and a keyed hash: no response, no time, no code.
    assert token_columns == {"id", "survey_id", "digest"}
    token = RespondentToken.objects.get(survey=survey)
    digest = access_code_hash(survey_id=survey.pk, code=code)
    assert token.digest != digest and code not in token.digest
    assert not AccessCode.objects.filter(code_hash__icontains=code.replace("-", "")).exists()
    # The primary keys are random: their order tells nothing about the order of answering.
    response = Response.objects.get(survey=survey)
    assert not str(response.pk).isdigit()
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if "participation" in t]
        for table in tables:
            description = connection.introspection.get_table_description(cursor, table)
            columns = {column.name for column in description}
            assert not columns & {"user_id", "ip", "ip_address", "session_key"}, table


def test_question__cannot_change_once_the_survey_has_responses(survey_factory):
    survey = survey_factory()
    survey_submit_response(survey=survey, answers=full_answers(survey), respondent=_browser())
    single = Question.objects.get(pk=question(survey, QuestionKind.SINGLE).pk)

    single.text_fi = "Muutettu kysymys"
    with pytest.raises(ValidationError):
        single.full_clean()
    with pytest.raises(SurveyLocked):
        question_add(survey=survey, kind=QuestionKind.SHORT_TEXT, text_fi="Uusi")
    single.refresh_from_db()
    single.full_clean()  # unchanged: still valid


def test_survey__identification_cannot_change_once_it_has_responses(survey_factory):
    survey = survey_factory()
    survey_submit_response(survey=survey, answers=full_answers(survey), respondent=_browser())

    survey.identification = Identification.ACCOUNT
    with pytest.raises(ValidationError) as caught:
        survey.full_clean()

    assert "identification" in caught.value.message_dict


def test_create_access_codes__prints_one_code_per_line_and_stores_only_hashes(
    survey_factory, capsys
):
    survey = survey_factory(identification=Identification.ACCESS_CODE)

    call_command("create_access_codes", survey=survey.pk, count=5)

    codes = capsys.readouterr().out.split()
    assert len(codes) == len(set(codes)) == 5
    stored = set(AccessCode.objects.filter(survey=survey).values_list("code_hash", flat=True))
    assert stored == {access_code_hash(survey_id=survey.pk, code=code) for code in codes}
