"""Results: charts with text alternatives, small groups hidden in page, API and export, free
text only when approved, and the result policy."""

import csv
import datetime
import io

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from participation.models import Answer, ModerationStatus, QuestionKind, ResultPolicy
from participation.services import (
    answer_delete,
    answer_moderate,
    responses_import,
    survey_publish_results,
)
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
from tests.participation.factories import full_answers, question
from tests.paths import app_url


def _closed_survey(survey_factory, respondents: int, **kwargs):
    now = timezone.now()
    survey = survey_factory(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        **kwargs,
    )
    answers = full_answers(survey)
    responses_import(
        survey=survey, responses=[answers] * respondents, submitted_on=timezone.localdate()
    )
    return survey


@pytest.fixture
def admin_client(db):
    client = Client()
    sign_in(client, create_user(ROLE_SPECS["admin"]), mfa=True)
    return client


def test_results_page__shows_counts_as_svg_with_text_alternative_and_table(client, survey_factory):
    survey = _closed_survey(survey_factory, respondents=6)
    single = question(survey, QuestionKind.SINGLE)

    page = client.get(app_url("participation:results", survey.pk)).content.decode()

    assert f'aria-labelledby="chart-{single.pk}-title chart-{single.pk}-desc"' in page
    assert f'<desc id="chart-{single.pk}-desc">' in page
    assert "<table" in page and "100,0 %" in page
    assert "Kyllä" in page and "6 vastaajaa" in page


def test_results__a_group_of_four_is_hidden_in_page_api_and_export(
    client, admin_client, survey_factory
):
    survey = _closed_survey(survey_factory, respondents=4)

    page = client.get(app_url("participation:results", survey.pk)).content.decode()
    api = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    export = admin_client.get(f"/admin/participation/{survey.pk}/export/csv/")

    assert "result__hidden" in page and "<table" not in page and "<svg" not in page
    assert api["respondents"] is None and api["hidden"] is True
    assert all(
        q["hidden"] and q["options"] is None and q["answered"] is None for q in api["questions"]
    )
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert all(row[2] in ("", "4") for row in rows[1:]), rows
    assert sum(1 for row in rows if "alle 5" in row[1] or "fewer than 5" in row[1]) == 6


def test_results__a_question_answered_by_four_is_hidden_while_others_show(client, survey_factory):
    survey = _closed_survey(survey_factory, respondents=6)
    scale = question(survey, QuestionKind.SCALE)
    # Two respondents skipped the scale question: four answered it.
    for answer in list(Answer.objects.filter(question=scale))[:2]:
        answer_delete(answer=answer)

    api = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()

    by_id = {q["id"]: q for q in api["questions"]}
    assert by_id[scale.pk]["hidden"] is True and by_id[scale.pk]["options"] is None
    single = question(survey, QuestionKind.SINGLE)
    assert by_id[single.pk]["hidden"] is False
    assert by_id[single.pk]["options"][0] == {
        "id": single.options.first().pk,
        "text": "Kyllä",
        "count": 6,
        "percent": 100.0,
        "mean_rank": None,
    }
    assert api["respondents"] == 6


def test_results__free_text_is_shown_only_when_approved(client, survey_factory):
    survey = _closed_survey(survey_factory, respondents=5)
    short = question(survey, QuestionKind.SHORT_TEXT)
    texts = list(Answer.objects.filter(question=short))
    texts[0].text = "Hyväksytty toive"
    texts[0].save()
    texts[1].text = "Hylätty toive"
    texts[1].save()
    answer_moderate(answer=texts[0], moderation=ModerationStatus.APPROVED)
    answer_moderate(answer=texts[1], moderation=ModerationStatus.REJECTED)

    page = client.get(app_url("participation:results", survey.pk)).content.decode()
    api = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()

    assert "Hyväksytty toive" in page and "Hylätty toive" not in page
    assert "Lisää penkkejä" not in page  # pending moderation
    by_id = {q["id"]: q for q in api["questions"]}
    assert by_id[short.pk]["texts"] == ["Hyväksytty toive"]


def test_result_policy__decides_when_results_are_public(client, survey_factory):
    now = timezone.now()
    with_decision = _closed_survey(
        survey_factory, respondents=5, result_policy=ResultPolicy.WITH_DECISION
    )
    never = _closed_survey(survey_factory, respondents=5, result_policy=ResultPolicy.NEVER)
    still_open = survey_factory(
        opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=1)
    )

    assert client.get(app_url("participation:results", with_decision.pk)).status_code == 404
    assert client.get(f"/api/v1/surveys/{with_decision.pk}/results/").status_code == 404
    survey_publish_results(survey=with_decision)
    assert client.get(app_url("participation:results", with_decision.pk)).status_code == 200
    assert client.get(app_url("participation:results", never.pk)).status_code == 404
    assert client.get(app_url("participation:results", still_open.pk)).status_code == 404
    with time_machine.travel(now + datetime.timedelta(days=2)):
        assert client.get(app_url("participation:results", still_open.pk)).status_code == 200


def test_export__csv_and_xlsx_for_staff_only(client, admin_client, survey_factory):
    survey = _closed_survey(survey_factory, respondents=5)

    assert client.get(f"/admin/participation/{survey.pk}/export/csv/").status_code == 302
    response = admin_client.get(f"/admin/participation/{survey.pk}/export/xlsx/")

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert ["Käytkö nuorisotalolla?", "Kyllä", 5, 100, 5] in rows


def test_age_bands__a_band_of_four_is_hidden_in_page_api_and_export(
    client, admin_client, survey_factory
):
    now = timezone.now()
    survey = survey_factory(
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(days=1),
        asks_age_band=True,
    )
    answers = full_answers(survey)
    responses_import(
        survey=survey,
        responses=[{**answers, "age_band": "13-15"}] * 6
        + [{**answers, "age_band": "16-17"}] * 4
        + [{**answers, "age_band": "18-20"}] * 5,
        submitted_on=timezone.localdate(),
    )

    page = client.get(app_url("participation:results", survey.pk)).content.decode()
    api = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    rows = list(
        csv.reader(
            io.StringIO(
                admin_client.get(f"/admin/participation/{survey.pk}/export/csv/").content.decode(
                    "utf-8-sig"
                )
            )
        )
    )

    bands = {band["band"]: band for band in api["age_bands"]}
    assert bands["13-15"] == {"band": "13-15", "count": 6, "hidden": False}
    assert bands["16-17"] == {"band": "16-17", "count": None, "hidden": True}
    # The respondents minus the visible bands would give the four: 18-20 is hidden with them.
    assert bands["18-20"] == {"band": "18-20", "count": None, "hidden": True}
    assert 'id="result-age-bands"' in page and "<td>piilotettu</td>" in page
    age_rows = {row[1]: row[2] for row in rows if row[0] == "ikä"}
    assert age_rows["13-15"] == "6" and age_rows["16-17"] == age_rows["18-20"] == "piilotettu"


def test_age_band__is_stored_only_when_the_survey_asks(survey_factory):
    from participation.respondents import Respondent, RespondentKind
    from participation.services import survey_submit_response

    asking = survey_factory(asks_age_band=True)
    silent = survey_factory()
    for index, survey in enumerate((asking, silent)):
        survey_submit_response(
            survey=survey,
            answers=full_answers(survey),
            respondent=Respondent(RespondentKind.BROWSER, f"b{index}"),
            age_band="16-17",
        )

    assert asking.responses.get().age_band == "16-17"
    assert silent.responses.get().age_band == ""
