"""Survey results come from counters kept with each answer: they equal what the answers say,
and reading them costs the same whatever the number of answers."""

import datetime
import uuid
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participation import tallies
from participation.models import (
    AGE_BANDS,
    Answer,
    OptionTally,
    QuestionKind,
    QuestionTally,
    RespondentTally,
    Response,
    ScaleTally,
)
from participation.respondents import Respondent, RespondentKind
from participation.selectors import complementary_hidden, survey_results
from participation.services import answer_delete, responses_import, survey_submit_response
from tests.explain import rows_read_by
from tests.participation.factories import SurveyFactory, full_answers
from tests.paths import app_url

BANDS = (*AGE_BANDS, "")


def _questions(survey):
    return list(survey.questions.prefetch_related("options").order_by("sort_order", "id"))


@st.composite
def responses(draw, questions):
    """One respondent's answers to an EVERY_KIND survey, any optional question skipped."""
    answers = {}
    for question in questions:
        options = [option.pk for option in question.options.all()]
        skip = not question.required and draw(st.booleans())
        if skip or question.kind == QuestionKind.INFO:
            continue
        if question.kind == QuestionKind.SINGLE:
            answers[question.pk] = draw(st.sampled_from(options))
        elif question.kind == QuestionKind.MULTIPLE:
            answers[question.pk] = draw(
                st.lists(st.sampled_from(options), min_size=1, max_size=2, unique=True)
            )
        elif question.kind == QuestionKind.SCALE:
            answers[question.pk] = draw(st.integers(question.scale_min, question.scale_max))
        elif question.kind == QuestionKind.RANKING:
            answers[question.pk] = draw(st.permutations(options))
        else:
            answers[question.pk] = draw(st.sampled_from(["Lisää penkkejä", "Fler bänkar"]))
    return answers, draw(st.sampled_from(BANDS))


def _counters(survey) -> dict:
    return {
        "respondents": sorted(
            RespondentTally.objects.filter(survey=survey).exclude(n=0).values_list("age_band", "n")
        ),
        "questions": sorted(
            QuestionTally.objects.filter(survey=survey).exclude(n=0).values_list("question_id", "n")
        ),
        "options": sorted(
            OptionTally.objects.filter(survey=survey)
            .exclude(n=0)
            .values_list("option_id", "rank", "n")
        ),
        "scale": sorted(
            ScaleTally.objects.filter(survey=survey)
            .exclude(n=0)
            .values_list("question_id", "value", "n")
        ),
    }


def _from_answers(survey, questions):
    """What the results must say, counted here in Python from every stored answer."""
    kinds = {question.pk: question.kind for question in questions}
    bands = Counter(Response.objects.filter(survey=survey).values_list("age_band", flat=True))
    answered: dict[int, set] = {}
    chosen: Counter = Counter()
    ranks: dict[int, list[int]] = {}
    values: dict[int, list[int]] = {}
    for answer in Answer.objects.filter(question__survey=survey):
        answered.setdefault(answer.question_id, set()).add(answer.response_id)
        kind = kinds[answer.question_id]
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen[answer.option_id] += 1
        elif kind == QuestionKind.RANKING:
            ranks.setdefault(answer.option_id, []).append(answer.value)
            chosen[answer.option_id] += answer.value == 1
        elif kind == QuestionKind.SCALE:
            values.setdefault(answer.question_id, []).append(answer.value)
    return bands, {q: len(r) for q, r in answered.items()}, chosen, ranks, values


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_results__from_the_counters_equal_the_results_counted_from_the_answers(db, data):
    now = timezone.now()
    survey = SurveyFactory(asks_age_band=True, min_group_size=1)
    questions = _questions(survey)
    answering = st.lists(responses(questions), min_size=0, max_size=8)
    # Answers one by one from the pages and the API, and a batch from paper.
    for answers, band in data.draw(answering, "submitted"):
        survey_submit_response(
            survey=survey,
            answers=answers,
            respondent=Respondent(RespondentKind.BROWSER, uuid.uuid4().hex),
            age_band=band,
            now=now,
        )
    imported = data.draw(answering, "imported")
    responses_import(
        survey=survey,
        responses=[{**answers, "age_band": band} for answers, band in imported],
        submitted_on=timezone.localdate(),
    )
    # A moderator deletes some answers.
    stored = list(Answer.objects.filter(question__survey=survey).order_by("id"))
    if stored:
        for index in data.draw(st.sets(st.integers(0, len(stored) - 1), max_size=3), "deleted"):
            answer_delete(answer=stored[index])

    results = survey_results(survey)
    bands, answered, chosen, ranks, values = _from_answers(survey, questions)

    assert results.respondents == sum(bands.values())
    hidden = complementary_hidden([bands.get(band, 0) for band in BANDS], 1)
    if results.respondents:
        assert [band.count for band in results.age_bands] == [
            None if off else bands.get(band, 0) for band, off in zip(BANDS, hidden, strict=True)
        ]
    for result in results.questions:
        n = answered.get(result.question.pk, 0)
        assert result.answered == n
        assert result.hidden == (n < 1)
        if result.hidden or result.is_text:
            continue
        if result.kind == QuestionKind.SCALE:
            given_values = values.get(result.question.pk, [])
            assert {o.id: o.count for o in result.options} == {
                v: given_values.count(v)
                for v in range(result.question.scale_min, result.question.scale_max + 1)
            }
            assert result.mean == round(sum(given_values) / n, 1)
            continue
        for option in result.options:
            assert option.count == chosen.get(option.id, 0), (result.kind, option)
            assert option.percent == round(100 * option.count / n, 1)
            if result.kind == QuestionKind.RANKING:
                placed = ranks.get(option.id)
                assert option.mean_rank == (round(sum(placed) / len(placed), 1) if placed else None)
    # Counting again from the answers gives the very same counters (less the emptied ones).
    kept = _counters(survey)
    tallies.recount(survey.pk)
    assert _counters(survey) == kept


def _answered_survey(respondents: int):
    now = timezone.now()
    survey = SurveyFactory(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        asks_age_band=True,
    )
    _add_answers(survey, respondents)
    return survey


def _add_answers(survey, respondents: int):
    answers = full_answers(survey)
    responses_import(
        survey=survey,
        responses=[
            {**answers, "age_band": BANDS[index % len(BANDS)]} for index in range(respondents)
        ],
        submitted_on=timezone.localdate(),
    )
    with connection.cursor() as cursor:
        # Statistics as a grown database would have them, so that the plans are the real ones.
        for model in (Response, Answer, RespondentTally, QuestionTally, OptionTally, ScaleTally):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _read(survey):
    with CaptureQueriesContext(connection) as queries:
        results = survey_results(survey)
    return results, queries


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE of PostgreSQL")
def test_results__read_the_same_rows_and_queries_at_200_and_5000_answers(db, settings):
    # What rendering the page costs: the page cache would answer the second visit without it.
    settings.PAGE_CACHE_SECONDS = 0
    survey = _answered_survey(200)
    client = Client()
    page = app_url("participation:results", survey.pk, lang="fi")
    api = f"/api/v1/surveys/{survey.pk}/results/"

    # Once first, for what a server reads once (sites, page tree) and then keeps.
    client.get(page)
    client.get(api)
    small, small_queries = _read(survey)
    small_rows = rows_read_by(small_queries)
    with CaptureQueriesContext(connection) as small_page:
        assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as small_api:
        assert client.get(api).status_code == 200

    _add_answers(survey, 4800)

    large, large_queries = _read(survey)
    large_rows = rows_read_by(large_queries)
    with CaptureQueriesContext(connection) as large_page:
        assert client.get(page).status_code == 200
    with CaptureQueriesContext(connection) as large_api:
        assert client.get(api).status_code == 200

    assert (small.respondents, large.respondents) == (200, 5000)
    assert large.questions[0].options[0].count == 5000
    assert len(large_queries) == len(small_queries) <= 8
    assert len(large_page) == len(small_page)
    assert len(large_api) == len(small_api)
    # Each query reads as many rows at 5000 responses as at 200: counters, questions, options.
    assert large_rows == small_rows, (small_rows, large_rows)
    assert sum(large_rows) < 100, large_rows


def test_migration__fills_the_counters_from_the_answers_stored_before_them(db):
    import importlib

    from django.apps import apps

    fill = importlib.import_module("participation.migrations.0006_fill_result_tallies").fill
    survey = _answered_survey(7)
    submitted = _counters(survey)
    for model in (RespondentTally, QuestionTally, OptionTally, ScaleTally):
        model.objects.filter(survey=survey).delete()

    fill(apps, None)

    assert _counters(survey) == submitted
    assert survey_results(survey).respondents == 7


def test_admin__deleting_a_free_text_answer_takes_it_off_the_results(db):
    from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
    from tests.participation.factories import question

    survey = _answered_survey(6)
    short = question(survey, QuestionKind.SHORT_TEXT)
    answer = Answer.objects.filter(question=short).first()
    admin = Client()
    sign_in(admin, create_user(ROLE_SPECS["admin"]), mfa=True)

    response = admin.post(f"/admin/participation/free-text-answers/delete/{answer.pk}/")

    assert response.status_code == 302
    assert not Answer.objects.filter(pk=answer.pk).exists()
    by_question = {result.question.pk: result for result in survey_results(survey).questions}
    assert by_question[short.pk].answered == 5
    assert survey_results(survey).respondents == 6
