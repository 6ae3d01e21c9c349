"""The participation app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

import datetime

from tests.fixtures.roles import World
from tests.quality.inputs import API_DETAIL, API_QUERY, Form, Takes
from tests.security.matrix import LANGS, LOGIN, RedirectTo, Route, roles
from tests.security.routes.common import EVERYONE_200, SIGNED_IN

SURVEY = "<lang>/kyselyt/<int:survey_id>/"
API_SURVEY = "api/v1/surveys/(?P<pk>[^/]+)/"


def _each_lang(key: str, suffix: str = ""):
    return lambda w: [f"/{lang}/kyselyt/{w.objects[key].pk}/{suffix}" for lang in LANGS]


def _fi(key: str, suffix: str = ""):
    return lambda w: [f"/fi/kyselyt/{w.objects[key].pk}/{suffix}"]


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
        "<lang>/kyselyt/",
        lambda w: [f"/{lang}/kyselyt/" for lang in LANGS],
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
        lambda w: ["/fi/kyselyt/999999999/"],
        {"GET": roles(404)},
        label="participation:detail (missing)",
    ),
    Route(
        SURVEY + "koodi/",
        _each_lang("survey_code", "koodi/"),
        # An empty code is an error shown on the form.
        {"GET": EVERYONE_200, "POST": EVERYONE_200},
        label="participation:code",
    ),
    Route(
        SURVEY + "koodi/",
        _fi("survey_form", "koodi/"),
        {"GET": roles(404), "POST": roles(404)},
        label="participation:code (survey without codes)",
    ),
    Route(
        SURVEY + "vastaa/<int:step>/",
        _each_lang("survey_form", "vastaa/1/"),
        # The survey's one question is required: an empty answer is an error shown on the form.
        {"GET": EVERYONE_200, "POST": EVERYONE_200},
        label="participation:answer",
    ),
    Route(
        SURVEY + "vastaa/<int:step>/",
        _fi("survey_code", "vastaa/1/"),
        {
            "GET": roles(RedirectTo("/fi/kyselyt/")),
            "POST": roles(RedirectTo("/fi/kyselyt/")),
        },
        label="participation:answer (access code not entered)",
    ),
    Route(
        SURVEY + "vastaa/<int:step>/",
        _fi("survey_account", "vastaa/1/"),
        {
            "GET": roles(LOGIN, **dict.fromkeys(SIGNED_IN, 200)),
            "POST": roles(LOGIN, **dict.fromkeys(SIGNED_IN, 200)),
        },
        label="participation:answer (signed-in account)",
    ),
    Route(
        SURVEY + "vastaa/<int:step>/",
        _fi("survey_form", "vastaa/9/"),
        {"GET": roles(404), "POST": roles(404)},
        label="participation:answer (no such step)",
    ),
    Route(
        SURVEY + "kiitos/",
        _each_lang("survey_form", "kiitos/"),
        {"GET": EVERYONE_200},
        label="participation:thanks",
    ),
    Route(
        SURVEY + "tulokset/",
        _each_lang("survey_closed", "tulokset/"),
        {"GET": EVERYONE_200},
        grow=grow_responses,
        label="participation:results",
    ),
    Route(
        SURVEY + "tulokset/",
        _fi("survey_never", "tulokset/"),
        {"GET": STAFF_ONLY},
        label="participation:results (never public)",
    ),
    Route(
        SURVEY + "tulokset/",
        _fi("survey_form", "tulokset/"),
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
