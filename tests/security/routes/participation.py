"""The participation app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

import datetime

from participation.urls import MOVED
from tests.fixtures.roles import World
from tests.paths import app_url
from tests.quality.inputs import API_DETAIL, API_QUERY, Form, Takes
from tests.security.matrix import LOGIN, RedirectTo, Route, roles
from tests.security.routes.common import (
    EVERYONE_200,
    SIGNED_IN,
    fixed,
    lang_urls,
    moved_routes,
    obj,
)

SURVEY = "<lang>/surveys/<int:survey_id>/"
API_SURVEY = "api/v1/surveys/(?P<pk>[^/]+)/"


def _each_lang(key: str, name: str = "detail", *args):
    return lang_urls(f"participation:{name}", obj(key), *args)


def _fi(key: str, name: str = "detail", *args):
    return lang_urls(f"participation:{name}", obj(key), *args, langs=("fi",))


def _api(key: str, suffix: str = ""):
    return lambda w: [f"/api/v1/surveys/{w.objects[key].pk}/{suffix}"]


# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_surveys(world: World, n: int) -> None:
    from participation.services import survey_create

    now = datetime.datetime.now(tz=datetime.UTC)
    for i in range(n):
        survey_create(
            title_fi=f"Kasvava kysely {i}",
            opens_at=now - datetime.timedelta(days=i % 3 * 10),
            closes_at=now + datetime.timedelta(days=5 - i % 3 * 10),
            questions=[{"kind": "single", "text_fi": "Kyllä vai ei?", "options": [("K",), ("E",)]}],
        )


def grow_responses(world: World, n: int) -> None:
    from participation.services import responses_import

    survey = world.objects["survey_closed"]
    single, text = list(survey.questions.all())[:2]
    options = [o.pk for o in single.options.all()]
    responses_import(
        survey=survey,
        responses=[{single.pk: options[i % 2], text.pk: f"Vastaus {i}"} for i in range(n)],
        submitted_on=survey.opens_at.date(),
    )


OPEN_SURVEY_EVERYONE = EVERYONE_200
STAFF_ONLY = roles(404, admin=200)

ROUTES: list[Route] = [
    # --- Pages ------------------------------------------------------------------------------
    Route(
        "<lang>/surveys/",
        lang_urls("participation:index"),
        {"GET": EVERYONE_200},
        grow=grow_surveys,
        budget_roles=("anonymous", "admin"),
        label="participation:index",
    ),
    Route(SURVEY, _each_lang("survey_form"), {"GET": EVERYONE_200}, label="participation:detail"),
    Route(
        SURVEY,
        _each_lang("survey_closed"),
        {"GET": EVERYONE_200},
        label="participation:detail (closed)",
    ),
    Route(
        SURVEY,
        _fi("survey_draft"),
        {"GET": STAFF_ONLY},
        label="participation:detail (unpublished)",
    ),
    Route(
        SURVEY,
        fixed(app_url("participation:detail", 999999999)),
        {"GET": roles(404)},
        label="participation:detail (missing)",
    ),
    Route(
        SURVEY + "code/",
        _each_lang("survey_code", "code"),
        # An empty code is an error shown on the form.
        {"GET": EVERYONE_200, "POST": EVERYONE_200},
        label="participation:code",
    ),
    Route(
        SURVEY + "code/",
        _fi("survey_form", "code"),
        {"GET": roles(404), "POST": roles(404)},
        label="participation:code (survey without codes)",
    ),
    Route(
        SURVEY + "answer/<int:step>/",
        _each_lang("survey_form", "answer", 1),
        # The survey's one question is required: an empty answer is an error shown on the form.
        {"GET": EVERYONE_200, "POST": EVERYONE_200},
        label="participation:answer",
    ),
    Route(
        SURVEY + "answer/<int:step>/",
        _fi("survey_code", "answer", 1),
        {
            "GET": roles(RedirectTo(app_url("participation:index"))),
            "POST": roles(RedirectTo(app_url("participation:index"))),
        },
        label="participation:answer (access code not entered)",
    ),
    Route(
        SURVEY + "answer/<int:step>/",
        _fi("survey_account", "answer", 1),
        {
            "GET": roles(LOGIN, **dict.fromkeys(SIGNED_IN, 200)),
            "POST": roles(LOGIN, **dict.fromkeys(SIGNED_IN, 200)),
        },
        label="participation:answer (signed-in account)",
    ),
    Route(
        SURVEY + "answer/<int:step>/",
        _fi("survey_form", "answer", 9),
        {"GET": roles(404), "POST": roles(404)},
        label="participation:answer (no such step)",
    ),
    Route(
        SURVEY + "thanks/",
        _each_lang("survey_form", "thanks"),
        {"GET": EVERYONE_200},
        label="participation:thanks",
    ),
    Route(
        SURVEY + "results/",
        _each_lang("survey_closed", "results"),
        {"GET": EVERYONE_200},
        grow=grow_responses,
        label="participation:results",
    ),
    Route(
        SURVEY + "results/",
        _fi("survey_never", "results"),
        {"GET": STAFF_ONLY},
        label="participation:results (never public)",
    ),
    Route(
        SURVEY + "results/",
        _fi("survey_form", "results"),
        {"GET": STAFF_ONLY},
        label="participation:results (still open)",
    ),
    # --- API --------------------------------------------------------------------------------
    Route(
        "api/v1/surveys/",
        lambda w: ["/api/v1/surveys/", "/api/v1/surveys/?page_size=2", "/api/v1/surveys/?lang=sv"],
        {"GET": EVERYONE_200},
        grow=grow_surveys,
        budget_roles=("anonymous", "admin"),
    ),
    Route(API_SURVEY, _api("survey_form"), {"GET": EVERYONE_200}, label="api:survey-detail"),
    Route(
        API_SURVEY,
        _api("survey_draft"),
        {"GET": STAFF_ONLY},
        label="api:survey-detail (unpublished)",
    ),
    Route(
        API_SURVEY,
        lambda w: ["/api/v1/surveys/999999999/"],
        {"GET": roles(404)},
        label="api:survey-detail (missing)",
    ),
    Route(
        API_SURVEY + "responses/",
        _api("survey_form", "responses/"),
        # An empty body lacks the answers.
        {"POST": roles(400)},
        label="api:survey-responses",
    ),
    Route(
        API_SURVEY + "responses/",
        _api("survey_draft", "responses/"),
        {"POST": roles(404, admin=400)},
        label="api:survey-responses (unpublished)",
    ),
    Route(
        API_SURVEY + "results/",
        _api("survey_closed", "results/"),
        {"GET": EVERYONE_200},
        grow=grow_responses,
        label="api:survey-results",
    ),
    Route(
        API_SURVEY + "results/",
        _api("survey_never", "results/"),
        {"GET": STAFF_ONLY},
        label="api:survey-results (never public)",
    ),
    # --- Addresses from before the paths were translated --------------------------------------
    *moved_routes(MOVED),
]

BAD_INPUT: dict[str, Takes] = {
    "participation:detail": Takes(path=True),
    "participation:detail (closed)": Takes(path=True),
    "participation:detail (unpublished)": Takes(path=True),
    "participation:detail (missing)": Takes(path=True),
    "participation:code": Takes(path=True, form=Form({"code": "ABCDE-23456"}, required=("code",))),
    "participation:code (survey without codes)": Takes(path=True),
    "participation:answer": Takes(path=True),
    "participation:answer (access code not entered)": Takes(path=True),
    "participation:answer (signed-in account)": Takes(path=True),
    "participation:answer (no such step)": Takes(path=True),
    "participation:thanks": Takes(path=True),
    "participation:results": Takes(path=True),
    "participation:results (never public)": Takes(path=True),
    "participation:results (still open)": Takes(path=True),
    "api/v1/surveys/": Takes(query={**API_QUERY, "page_size": "abc", "cursor": "bogus"}),
    "api:survey-detail": API_DETAIL,
    "api:survey-detail (unpublished)": API_DETAIL,
    "api:survey-detail (missing)": API_DETAIL,
    "api:survey-responses": API_DETAIL,
    "api:survey-responses (unpublished)": API_DETAIL,
    "api:survey-results": API_DETAIL,
    "api:survey-results (never public)": API_DETAIL,
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from participation.services import access_codes_create, responses_import, survey_create

    now = datetime.datetime.now(tz=datetime.UTC)
    open_times = {
        "opens_at": now - datetime.timedelta(days=1),
        "closes_at": now + datetime.timedelta(days=30),
    }
    closed_times = {
        "opens_at": now - datetime.timedelta(days=30),
        "closes_at": now - datetime.timedelta(days=1),
    }
    required_text = [{"kind": "short_text", "text_fi": "Mitä toivot?", "required": True}]
    built = {
        "survey_form": survey_create(
            title_fi="Avoin kysely",
            title_sv="Öppen enkät",
            display_mode="all_at_once",
            questions=required_text,
            **open_times,
        ),
        "survey_code": survey_create(
            title_fi="Koodikysely",
            identification="access_code",
            questions=required_text,
            **open_times,
        ),
        "survey_account": survey_create(
            title_fi="Tilikysely",
            identification="account",
            questions=required_text,
            display_mode="all_at_once",
            **open_times,
        ),
        "survey_draft": survey_create(
            title_fi="Luonnos", is_published=False, questions=required_text, **open_times
        ),
        "survey_closed": survey_create(
            title_fi="Päättynyt kysely",
            title_sv="Avslutad enkät",
            questions=[
                {"kind": "single", "text_fi": "Kyllä vai ei?", "options": [("Kyllä",), ("Ei",)]},
                {"kind": "short_text", "text_fi": "Miksi?"},
            ],
            **closed_times,
        ),
        "survey_never": survey_create(
            title_fi="Sisäinen kysely",
            result_policy="never",
            questions=required_text,
            **closed_times,
        ),
    }
    access_codes_create(survey=built["survey_code"], count=2)
    closed = built["survey_closed"]
    single, text = list(closed.questions.all())
    options = [o.pk for o in single.options.all()]
    responses_import(
        survey=closed,
        responses=[{single.pk: options[i % 2], text.pk: "Koska"} for i in range(6)],
        submitted_on=closed.opens_at.date(),
    )
    return built
