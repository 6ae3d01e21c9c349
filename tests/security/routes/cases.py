"""The cases app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).

Resident A's case is owner-only everywhere: resident B, both handlers (on the resident's pages),
the integration and anonymous visitors get 404. Its documents are visible to the handler of the
case's unit (X) too, never to the handler of unit Y.
"""

from __future__ import annotations

import io
from datetime import timedelta

from cases.urls import MOVED as CASES_MOVED
from notifications.urls import MOVED as NOTIFICATIONS_MOVED
from tests import files
from tests.fixtures.roles import World
from tests.paths import app_url
from tests.quality.inputs import API_DETAIL, API_QUERY, Form, Takes
from tests.security.matrix import LANGS, METHODS, RedirectTo, Route, roles
from tests.security.routes.common import (
    EVERYONE_200,
    SIGNED_IN,
    fixed,
    lang_urls,
    moved_routes,
    obj,
    signed_in,
)

PDF = files.pdf()


def earlier_history_urls(world: World) -> list[str]:
    """Resident A's case page with the history before its request for more information."""
    case, event = world.objects["case_a"], world.objects["info_request_a"]
    return [
        app_url("cases:detail", case.pk, lang=lang, query=f"?before={event.pk}") for lang in LANGS
    ]


def earlier_api_events_urls(world: World) -> list[str]:
    """The API's page of resident A's case history before its request for more information."""
    case, event = world.objects["case_a"], world.objects["info_request_a"]
    return [f"/api/v1/me/cases/{case.pk}/events/?before={event.pk}"]


def document_urls(world: World) -> list[str]:
    document = world.objects["document_a"]
    return [app_url("cases:document", document.case_id, document.pk)]


def notification_urls(world: World) -> list[str]:
    return [app_url("notifications:open", world.objects["notification_a"].pk)]


def integration_only(outcome, others=401):
    """The token's client gets `outcome`; everyone else is unauthenticated (401)."""
    return roles(others, integration=outcome)


# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_my_cases(world: World, n: int) -> None:
    """More cases of resident A, each with events and documents."""
    from cases import services

    counter = world.objects.setdefault("grown_cases", [0])
    for i in range(counter[0], counter[0] + n):
        case, _code = services.case_save(
            case_type=world.objects["case_type_x"],
            reference=f"GROW/{i}/2026",
            title={"fi": f"Kasvu {i}", "sv": f"Tillväxt {i}"},
            language="fi",
            submitted_at=world.objects["case_a"].submitted_at,
            parties=[services.PartySpec(role="applicant", email="resident.a@example.fi")],
            actor="test",
        )
        services.case_record_event(
            case=case, kind="note", actor_name="test", note={"fi": "Huomio."}
        )
    counter[0] += n


def grow_case_events(world: World, n: int) -> None:
    """More events (notes, messages, documents) in resident A's case."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cases import services

    case = world.objects["case_a"]
    resident = world.users["resident_a"]
    for _ in range(n):
        services.case_record_event(case=case, kind="note", actor_name="test", note={"fi": "Tieto."})
        services.case_send_message(case=case, author=resident, text="Kysymys.", from_staff=False)
        event, _created = services.case_record_event(
            case=case, kind="document", actor_name="test", note={"fi": "Liite."}
        )
        services.document_store(
            case=case,
            event=event,
            upload=SimpleUploadedFile("liite.pdf", PDF, "application/pdf"),
            user=None,
        )


def grow_case_types(world: World, n: int) -> None:
    from tests.cases.factories import make_case_type

    for _ in range(n):
        make_case_type(world.objects["unit_x"])


def grow_notifications(world: World, n: int) -> None:
    from notifications.services import notification_create

    for i in range(n):
        notification_create(
            user=world.users["resident_a"],
            language="fi",
            kind="test",
            subject=f"Ilmoitus {i}",
            body="Teksti.",
            url=app_url("cases:my_cases"),
        )


# --- The routes ------------------------------------------------------------------------------

OWNER_A = roles(404, resident_a=200)
EXTERNAL_ID = "EXT-A1"

ROUTES: list[Route] = [
    # --- Resident pages -------------------------------------------------------------------
    Route(
        "<lang>/my-cases/",
        lang_urls("cases:my_cases"),
        {"GET": signed_in(200)},
        grow=grow_my_cases,
        budget_roles=("resident_a",),
        label="cases:my_cases",
    ),
    Route(
        "<lang>/case-lookup/",
        lang_urls("cases:lookup"),
        # An empty form: every field is required.
        {"GET": EVERYONE_200, "POST": roles(400)},
        label="cases:lookup",
    ),
    Route(
        "<lang>/my-cases/<uuid:case_id>/",
        lang_urls("cases:detail", obj("case_a")),
        {"GET": OWNER_A},
        owner_only="resident_a",
        grow=grow_case_events,
        budget_roles=("resident_a",),
        label="cases:detail",
    ),
    Route(
        "<lang>/my-cases/<uuid:case_id>/",
        earlier_history_urls,
        {"GET": OWNER_A},
        owner_only="resident_a",
        grow=grow_case_events,
        budget_roles=("resident_a",),
        label="cases:detail (earlier events)",
    ),
    Route(
        "<lang>/my-cases/<uuid:case_id>/",
        lang_urls("cases:detail", "00000000-0000-4000-8000-000000000000"),
        {"GET": roles(404)},
        label="cases:detail (missing)",
    ),
    Route(
        "<lang>/my-cases/<uuid:case_id>/message/",
        lang_urls("cases:message", obj("case_a")),
        # An empty message is refused with the form's error.
        {"POST": roles(404, resident_a=400)},
        owner_only="resident_a",
        label="cases:message",
    ),
    Route(
        "<lang>/my-cases/<uuid:case_id>/requests/<int:event_id>/",
        lang_urls("cases:info_request_answer", obj("case_a"), obj("info_request_a")),
        {"GET": OWNER_A, "POST": roles(404, resident_a=400)},
        owner_only="resident_a",
        label="cases:info_request_answer",
    ),
    Route(
        "<lang>/my-cases/<uuid:case_id>/documents/<int:document_id>/",
        document_urls,
        {"GET": roles(404, resident_a=200, handler_x=200)},
        owner_only="resident_a",
        visible_to=("handler_x",),
        label="cases:document",
        budget_exempt="a file download: two queries, nothing listed",
    ),
    Route(
        "<lang>/processing-times/",
        lang_urls("cases:case_types"),
        {"GET": EVERYONE_200},
        grow=grow_case_types,
        label="cases:case_types",
    ),
    Route(
        "<lang>/processing-times/<slug:code>/",
        lang_urls("cases:case_type_detail", obj("case_type_x", "code"), langs=("fi", "sv")),
        {"GET": EVERYONE_200},
        label="cases:case_type_detail",
    ),
    Route(
        "<lang>/processing-times/<slug:code>/",
        fixed(app_url("cases:case_type_detail", "no-such-type")),
        {"GET": roles(404)},
        label="cases:case_type_detail (missing)",
    ),
    # --- Notifications --------------------------------------------------------------------
    Route(
        "<lang>/notifications/",
        lang_urls("notifications:inbox"),
        {"GET": signed_in(200)},
        grow=grow_notifications,
        budget_roles=("resident_a",),
        label="notifications:inbox",
    ),
    Route(
        "<lang>/notifications/read/",
        fixed(app_url("notifications:mark_all_read")),
        {"POST": signed_in(RedirectTo(app_url("notifications:inbox")))},
        label="notifications:mark_all_read",
    ),
    Route(
        "<lang>/notifications/<uuid:notification_id>/",
        notification_urls,
        {"GET": roles(404, resident_a=RedirectTo(app_url("cases:my_cases")))},
        owner_only="resident_a",
        label="notifications:open",
    ),
    # --- API ------------------------------------------------------------------------------
    Route(
        "api/v1/case-types/",
        fixed("/api/v1/case-types/", "/api/v1/case-types/?page_size=2"),
        {"GET": EVERYONE_200},
        grow=grow_case_types,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/case-types/(?P<code>[-a-zA-Z0-9_]{1,50})/",
        lambda w: [f"/api/v1/case-types/{w.objects['case_type_x'].code}/"],
        {"GET": EVERYONE_200},
        label="api:case-type-detail",
    ),
    Route(
        "api/v1/case-types/(?P<code>[-a-zA-Z0-9_]{1,50})/",
        fixed("/api/v1/case-types/no-such-type/"),
        {"GET": roles(404)},
        label="api:case-type-detail (missing)",
    ),
    Route(
        "api/v1/me/cases/",
        fixed("/api/v1/me/cases/"),
        # Session authentication only: the integration's token does not make it a resident.
        {"GET": roles(403, **dict.fromkeys(SIGNED_IN, 200))},
        grow=grow_my_cases,
        budget_roles=("resident_a",),
    ),
    Route(
        "api/v1/me/cases/(?P<pk>[0-9a-fA-F-]{32,36})/",
        lambda w: [f"/api/v1/me/cases/{w.objects['case_a'].pk}/"],
        {"GET": OWNER_A},
        owner_only="resident_a",
        grow=grow_case_events,
        budget_roles=("resident_a",),
        label="api:my-case-detail",
    ),
    Route(
        "api/v1/me/cases/(?P<pk>[0-9a-fA-F-]{32,36})/events/",
        lambda w: [f"/api/v1/me/cases/{w.objects['case_a'].pk}/events/"],
        {"GET": OWNER_A},
        owner_only="resident_a",
        grow=grow_case_events,
        budget_roles=("resident_a",),
        label="api:my-case-events",
    ),
    Route(
        "api/v1/me/cases/(?P<pk>[0-9a-fA-F-]{32,36})/events/",
        earlier_api_events_urls,
        {"GET": OWNER_A},
        owner_only="resident_a",
        grow=grow_case_events,
        budget_roles=("resident_a",),
        label="api:my-case-events (earlier events)",
    ),
    Route(
        "api/v1/case-lookup/",
        fixed("/api/v1/case-lookup/"),
        # The matrix posts an empty object: both fields are required.
        {"POST": roles(400)},
    ),
    Route(
        "api/v1/integration/cases/(?P<external_id>[\\w.:\\-]{1,200})/",
        fixed(f"/api/v1/integration/cases/{EXTERNAL_ID}/"),
        # The matrix sends an empty object: the case's fields are required.
        {
            **{method: integration_only(405) for method in METHODS},
            "PUT": integration_only(400),
        },
        label="api:integration-case",
    ),
    Route(
        "api/v1/integration/cases/(?P<external_id>[\\w.:\\-]{1,200})/events/",
        fixed(f"/api/v1/integration/cases/{EXTERNAL_ID}/events/"),
        {
            **{method: integration_only(405) for method in METHODS},
            "POST": integration_only(400),
        },
        label="api:integration-case-events",
    ),
    Route(
        "api/v1/integration/cases/(?P<external_id>[\\w.:\\-]{1,200})/events/",
        fixed("/api/v1/integration/cases/ANOTHER-UNITS-CASE/events/"),
        # Another unit's case does not exist for this client.
        {
            **{method: integration_only(405) for method in METHODS},
            "POST": integration_only(404),
        },
        label="api:integration-case-events (other unit)",
    ),
    # --- Addresses from before the paths were translated --------------------------------------
    *moved_routes(CASES_MOVED, slug="rakennuslupa"),
    *moved_routes(NOTIFICATIONS_MOVED),
]

RESIDENT_A = "resident_a"
OWNED_PAGE = Takes(path=True, role=RESIDENT_A)
INTEGRATION_API = Takes(path=True, query=API_QUERY, role="integration")

BAD_INPUT: dict[str, Takes] = {
    "cases:my_cases": OWNED_PAGE,
    "cases:lookup": Takes(
        path=True,
        form=Form(
            {"reference": "LOV/1/2026", "tracking_code": "AAAA-BBBB-CCCC"},
            required=("reference", "tracking_code"),
        ),
    ),
    # The history's cursor is an event id: anything else is no page.
    "cases:detail": Takes(path=True, query={"before": "abc"}, role=RESIDENT_A),
    "cases:detail (earlier events)": Takes(path=True, query={"before": "abc"}, role=RESIDENT_A),
    "cases:detail (missing)": OWNED_PAGE,
    "cases:message": Takes(
        path=True, role=RESIDENT_A, form=Form({"text": "Kiitos."}, required=("text",))
    ),
    "cases:info_request_answer": Takes(
        path=True, role=RESIDENT_A, form=Form({"text": "Tässä vastaus."}, required=("text",))
    ),
    "cases:document": OWNED_PAGE,
    "cases:case_types": Takes(path=True),
    "cases:case_type_detail": Takes(path=True),
    "cases:case_type_detail (missing)": Takes(path=True),
    "notifications:inbox": Takes(path=True, query={"page": "abc"}, role=RESIDENT_A),
    "notifications:mark_all_read": OWNED_PAGE,
    "notifications:open": OWNED_PAGE,
    "api/v1/case-types/": Takes(query={**API_QUERY, "page_size": "abc", "cursor": "bogus"}),
    "api:case-type-detail": API_DETAIL,
    "api:case-type-detail (missing)": API_DETAIL,
    "api/v1/me/cases/": Takes(query={**API_QUERY, "cursor": "bogus"}, role=RESIDENT_A),
    "api:my-case-detail": Takes(path=True, query=API_QUERY, role=RESIDENT_A),
    # The history's cursor is an event id of the case: anything else is a 400.
    "api:my-case-events": Takes(path=True, query={**API_QUERY, "before": "abc"}, role=RESIDENT_A),
    "api:my-case-events (earlier events)": Takes(
        path=True, query={**API_QUERY, "before": "1" * 40}, role=RESIDENT_A
    ),
    "api/v1/case-lookup/": Takes(query=API_QUERY),
    "api:integration-case": INTEGRATION_API,
    "api:integration-case-events": INTEGRATION_API,
    "api:integration-case-events (other unit)": INTEGRATION_API,
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from cases import services
    from notifications.models import Notification
    from tests.cases.factories import make_case, make_case_type, make_unit

    # The password-only handler is one of unit X's handlers too: only the missing second factor
    # keeps its cases from them.
    unit_x = make_unit("unit-x", handlers=[users["handler_x"], users["handler_x_password"]])
    unit_y = make_unit("unit-y", handlers=[users["handler_y"]])
    case_type_x = make_case_type(unit_x, code="permit-x")
    case_type_y = make_case_type(unit_y, code="permit-y")
    case_a = make_case(case_type_x, parties=["resident.a@example.fi"], external_id=EXTERNAL_ID)
    make_case(case_type_y, parties=["resident.b@example.fi"], external_id="ANOTHER-UNITS-CASE")
    info_request, _created = services.case_record_event(
        case=case_a,
        kind="info_request",
        actor_name="test",
        note={"fi": "Lähetä liite.", "sv": "Skicka bilagan."},
        due_at=timezone.now() + timedelta(days=14),
    )
    event, _created = services.case_record_event(
        case=case_a, kind="document", actor_name="test", note={"fi": "Päätösluonnos."}
    )
    document = services.document_store(
        case=case_a,
        event=event,
        upload=SimpleUploadedFile("luonnos.pdf", io.BytesIO(PDF).read(), "application/pdf"),
        user=None,
    )
    _client, token = services.integration_client_create(name="Back office X", unit=unit_x)
    return {
        "unit_x": unit_x,
        "unit_y": unit_y,
        "case_type_x": case_type_x,
        "case_a": case_a,
        "info_request_a": info_request,
        "document_a": document,
        "notification_a": Notification.objects.filter(user=users["resident_a"]).first(),
        "integration_token": token,
    }
