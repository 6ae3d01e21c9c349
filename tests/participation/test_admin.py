"""Staff screens: the survey builder with inline questions, locks once answered, access-code
sheets with QR codes, exports."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from participation.models import AccessCode, Question, Survey
from participation.respondents import Respondent, RespondentKind, access_code_hash
from participation.services import survey_submit_response
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
from tests.participation.factories import full_answers
from tests.paths import app_url


@pytest.fixture
def admin_client(db):
    client = Client()
    sign_in(client, create_user(ROLE_SPECS["admin"]), mfa=True)
    return client


def _form_data(survey=None, questions=(), **overrides):
    now = timezone.localtime()
    data = {
        "title_fi": "Uusi kysely",
        "title_sv": "",
        "title_en": "",
        "intro_fi": "",
        "intro_sv": "",
        "intro_en": "",
        "is_published": "on",
        "opens_at": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
        "closes_at": (now + datetime.timedelta(days=9)).strftime("%Y-%m-%d %H:%M"),
        "display_mode": "one_per_screen",
        "audience": "everyone",
        "age_min": "",
        "age_max": "",
        "area": "",
        "identification": "anonymous",
        "result_policy": "after_close",
        "results_published_at": "",
        "min_group_size": "5",
        "agenda_item": "",
        "body": "",
        "case_type_code": "",
        "page": "",
        "questions-TOTAL_FORMS": str(len(questions)),
        "questions-INITIAL_FORMS": str(sum(1 for q in questions if q.get("id"))),
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
    }
    for index, question in enumerate(questions):
        prefix = f"questions-{index}-"
        fields = {
            "id": "",
            "ORDER": str(index + 1),
            "DELETE": "",
            "kind": "single",
            "text_fi": "Kysymys",
            "text_sv": "",
            "text_en": "",
            "help_text_fi": "",
            "help_text_sv": "",
            "help_text_en": "",
            "options_text_fi": "",
            "options_text_sv": "",
            "options_text_en": "",
            "min_choices": "",
            "max_choices": "",
            "scale_min": "1",
            "scale_max": "5",
            "scale_min_label_fi": "",
            "scale_min_label_sv": "",
            "scale_min_label_en": "",
            "scale_max_label_fi": "",
            "scale_max_label_sv": "",
            "scale_max_label_en": "",
            **question,
        }
        data.update({prefix + key: value for key, value in fields.items()})
    data.update(overrides)
    return data


def test_survey_builder__creates_a_survey_with_questions_and_options(admin_client):
    data = _form_data(
        questions=[
            {
                "kind": "single",
                "text_fi": "Kumpi?",
                "options_text_fi": "Tämä\nTuo",
                "options_text_sv": "Den här\nDen där",
                "required": "on",
            },
            {"kind": "long_text", "text_fi": "Miksi?"},
        ]
    )

    response = admin_client.post("/admin/participation/surveys/new/", data)

    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get(title_fi="Uusi kysely")
    single, text = survey.questions.all()
    assert [(o.text_fi, o.text_sv) for o in single.options.all()] == [
        ("Tämä", "Den här"),
        ("Tuo", "Den där"),
    ]
    assert single.required and text.kind == "long_text"


def test_survey_builder__refuses_question_changes_once_answered(admin_client, survey_factory):
    survey = survey_factory()
    survey_submit_response(
        survey=survey,
        answers=full_answers(survey),
        respondent=Respondent(RespondentKind.BROWSER, "b"),
    )
    questions = [
        {
            "id": str(q.pk),
            "kind": q.kind,
            "text_fi": q.text_fi + (" (muutettu)" if index == 1 else ""),
            "options_text_fi": q.options_text_fi or "",
            "min_choices": str(q.min_choices or ""),
            "max_choices": str(q.max_choices or ""),
            "required": "on" if q.required else "",
        }
        for index, q in enumerate(survey.questions.all())
    ]
    data = _form_data(questions=questions, title_fi=survey.title_fi)

    response = admin_client.post(f"/admin/participation/surveys/edit/{survey.pk}/", data)

    assert response.status_code == 200
    assert Question.objects.get(pk=questions[1]["id"]).text_fi == survey.questions.all()[1].text_fi
    assert "(muutettu)" not in Question.objects.get(pk=questions[1]["id"]).text_fi


def test_access_codes__staff_action_prints_a_sheet_with_qr_codes(admin_client, survey_factory):
    survey = survey_factory(identification="access_code")

    response = admin_client.post(
        f"/admin/participation/{survey.pk}/codes/", {"count": "3", "group": "8B"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="slip"') == 3
    assert page.count("<svg") == 3
    assert app_url("participation:code", survey.pk) in page
    codes = [
        line.split("<strong>")[1].split("</strong>")[0]
        for line in page.splitlines()
        if "slip__code" in line
    ]
    stored = set(AccessCode.objects.filter(survey=survey).values_list("code_hash", flat=True))
    assert stored == {access_code_hash(survey_id=survey.pk, code=code) for code in codes}
    assert all(code not in stored for code in codes)


def test_access_codes__residents_cannot_create_them(survey_factory):
    survey = survey_factory(identification="access_code")
    client = Client()
    sign_in(client, create_user(ROLE_SPECS["resident_a"]), mfa=False)

    response = client.post(f"/admin/participation/{survey.pk}/codes/", {"count": "3"})

    assert response.status_code in (302, 403)
    assert not AccessCode.objects.exists()


def test_admin_screens__open_for_staff(admin_client, survey_factory):
    survey = survey_factory()

    for path in (
        "/admin/participation/surveys/",
        "/admin/participation/surveys/new/",
        f"/admin/participation/surveys/edit/{survey.pk}/",
        "/admin/participation/free-text-answers/",
        f"/admin/participation/{survey.pk}/codes/",
        "/admin/participation_agenda_item_chooser/",
    ):
        assert admin_client.get(path).status_code == 200, path
    listing = admin_client.get("/admin/participation/surveys/").content.decode()
    assert f"/admin/participation/{survey.pk}/export/xlsx/" in listing
