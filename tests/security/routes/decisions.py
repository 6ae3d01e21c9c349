"""The decisions app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

import datetime

from decisions.urls import MOVED
from tests.fixtures.roles import World
from tests.paths import app_url
from tests.quality.inputs import API_DETAIL, API_QUERY, Takes
from tests.security.matrix import LANGS, LOGIN, Redirect, Route, roles
from tests.security.routes.common import (
    EVERYONE_200,
    fixed,
    lang_urls,
    moved_routes,
    obj,
    signed_in,
)

NOT_FOUND = roles(404)

# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_bodies(world: World, n: int) -> None:
    from decisions.services import body_save

    start = len(world.objects.setdefault("grown_bodies", []))
    for i in range(start, start + n):
        world.objects["grown_bodies"].append(
            body_save(kind="committee", slug=f"grown-body-{i}", name_fi=f"Lautakunta {i}")
        )


def _counter(world: World, key: str, n: int) -> range:
    counter = world.objects.setdefault(key, [0])
    start = counter[0]
    counter[0] += n
    return range(start, start + n)


def grow_meetings(world: World, n: int) -> None:
    """Published meetings of the council, past and upcoming, each with an item."""
    from django.utils import timezone

    from decisions import services

    body = world.objects["body"]
    now = timezone.now()
    for i in _counter(world, "grown_meetings", n):
        for offset in (-1, 1):
            meeting = services.meeting_save(
                body=body,
                number=100 + 2 * i + (offset > 0),
                year=2026,
                starts_at=now + datetime.timedelta(days=offset * (i + 2)),
                place_fi="Valtuustosali",
            )
            services.meeting_schedule_agenda(
                meeting=meeting, publish_at=now - datetime.timedelta(days=1)
            )
            services.agenda_item_save(
                meeting=meeting,
                order=1,
                section=1,
                title={"fi": f"Koulukadun peruskorjaus {i}", "sv": f"Skolgatan {i}"},
                case_reference="RAN/1/02.05.01/2026",
                proposal={"fi": "<p>Koulun katto korjataan.</p>"},
            )
    grow_members(world, n)


def grow_members(world: World, n: int) -> None:
    from decisions import services

    for i in _counter(world, "grown_members", n):
        services.membership_save(
            body=world.objects["body"],
            person_name=f"Jäsen {i}",
            role="member",
            starts_on=datetime.date(2025, 1, 1),
        )


def grow_items(world: World, n: int) -> None:
    """Items of the published meeting, with votes and attachments on the first item."""
    from decisions import services

    meeting = world.objects["meeting"]
    for i in _counter(world, "grown_items", n):
        services.agenda_item_save(
            meeting=meeting,
            order=100 + i,
            section=100 + i,
            title={"fi": f"Koulun piha {i}", "sv": f"Skolgården {i}"},
            case_reference="RAN/1/02.05.01/2026",
            proposal={"fi": "<p>Koulun piha kunnostetaan.</p>"},
            resolution="as_proposed",
        )
        member = services.membership_save(
            body=meeting.body,
            person_name=f"Äänestäjä {i}",
            role="member",
            starts_on=datetime.date(2025, 1, 1),
        )
        services.vote_record(
            item=world.objects["item"],
            order=10 + i,
            first_proposal={"fi": "Ehdotus"},
            second_proposal={"fi": "Vastaehdotus"},
            ballots=[(member, "first")],
        )
        services.disqualification_record(
            item=world.objects["item"], member=member, reason="Esteellinen"
        )
        services.attachment_save(
            item=world.objects["item"], title={"fi": f"Liite {i}"}, order=10 + i
        )
        services.officeholder_decision_save(
            decision_maker=world.objects["officeholder"],
            decided_on=datetime.date(2026, 1, 2),
            section=100 + i,
            title={"fi": f"Koulun kalusteet {i}"},
            case_reference="RAN/1/02.05.01/2026",
            publish_at=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC),
        )


def grow_officeholder_decisions(world: World, n: int) -> None:
    from decisions import services

    for i in _counter(world, "grown_decisions", n):
        services.officeholder_decision_save(
            decision_maker=world.objects["officeholder"],
            decided_on=datetime.date(2026, 2, 1),
            section=200 + i,
            title={"fi": f"Koulun hankinta {i}", "sv": f"Skolans upphandling {i}"},
            publish_at=datetime.datetime(2026, 2, 1, tzinfo=datetime.UTC),
        )


def grow_everything(world: World, n: int) -> None:
    grow_items(world, n)
    grow_meetings(world, n)
    grow_officeholder_decisions(world, n)


def _api_routes(resource: str, key: str, hidden: str, grow, query: str) -> list[Route]:
    def listing(world: World) -> list[str]:
        filled = query.format(
            body=world.objects["body"].pk, officeholder=world.objects["officeholder"].pk
        )
        return [f"/api/v1/{resource}/", f"/api/v1/{resource}/{filled}&page_size=5"]

    detail = f"api/v1/{resource}/(?P<pk>[0-9]{{1,18}})/"
    return [
        Route(
            f"api/v1/{resource}/",
            listing,
            {"GET": EVERYONE_200},
            grow=grow,
            budget_roles=("anonymous", "secretary"),
        ),
        Route(
            detail,
            lambda w: [f"/api/v1/{resource}/{w.objects[key].pk}/"],
            {"GET": EVERYONE_200},
            label=f"api:{resource} detail",
        ),
        Route(
            detail,
            lambda w: [f"/api/v1/{resource}/{w.objects[hidden].pk}/"],
            # Not yet published: nobody learns that it exists.
            {"GET": NOT_FOUND},
            label=f"api:{resource} detail (not yet published)",
        ),
    ]


def grow_subscriptions(world: World, n: int) -> None:
    from decisions import services

    for i in _counter(world, "grown_subscriptions", n):
        services.subscription_create(user=world.users["resident_a"], word=f"sana{i}", language="fi")
        services.subscription_create(
            user=world.users["resident_a"],
            body=services.body_save(kind="committee", slug=f"followed-{i}", name_fi=f"L {i}"),
            language="fi",
        )


SUBSCRIPTIONS = Redirect("decisions:subscriptions", "redirect to the subscriptions")
ANONYMOUS_ROLES = ("anonymous", "young_respondent", "integration")

SEARCH_QUERY = "?q=koulu&body=council&date_from=2020-01-01&date_to=2030-12-31"

ROUTES: list[Route] = [
    Route(
        "api/v1/bodies/",
        fixed("/api/v1/bodies/", "/api/v1/bodies/?kind=council", "/api/v1/bodies/?page_size=2"),
        {"GET": EVERYONE_200},
        grow=grow_bodies,
        budget_roles=("anonymous", "admin"),
    ),
    Route(
        "api/v1/bodies/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/bodies/{w.objects['body'].pk}/"],
        {"GET": EVERYONE_200},
        label="api:body-detail",
    ),
    Route(
        "api/v1/bodies/(?P<pk>[0-9]{1,18})/",
        lambda w: [f"/api/v1/bodies/{w.objects['inactive_body'].pk}/"],
        # Inactive bodies are shown to those who manage bodies only.
        {"GET": roles(404, admin=200)},
        label="api:body-detail (inactive body)",
    ),
    Route(
        "api/v1/bodies/(?P<pk>[0-9]{1,18})/",
        fixed("/api/v1/bodies/999999999/"),
        {"GET": roles(404)},
        label="api:body-detail (missing)",
    ),
    *[
        route
        for resource, key, hidden, grow, query in (
            (
                "meetings",
                "meeting",
                "unpublished_meeting",
                grow_meetings,
                "?body={body}&from=2020-01-01&to=2030-12-31&state=minutes_published",
            ),
            (
                "agenda-items",
                "item",
                "unpublished_item",
                grow_everything,
                "?q=koulu&body={body}&from=2020-01-01&to=2030-12-31&reference=RAN/1/02.05.01/2026"
                "&resolution=as_proposed",
            ),
            (
                "officeholder-decisions",
                "officeholder_decision",
                "unpublished_officeholder_decision",
                grow_officeholder_decisions,
                "?q=koulu&body={officeholder}&from=2020-01-01&reference=RAN/1/02.05.01/2026",
            ),
        )
        for route in _api_routes(resource, key, hidden, grow, query)
    ],
    # --- Reading pages ------------------------------------------------------------------------
    Route(
        "<lang>/decisions/",
        lang_urls("decisions:index"),
        {"GET": EVERYONE_200},
        grow=grow_meetings,
        label="decisions:index",
    ),
    Route(
        "<lang>/decisions/bodies/<body:body>/",
        lang_urls("decisions:body", obj("body", attr=None), query="?page=1"),
        {"GET": EVERYONE_200},
        grow=grow_meetings,
        label="decisions:body",
    ),
    Route(
        "<lang>/decisions/bodies/<body:body>/",
        lang_urls("decisions:body", obj("officeholder", attr=None)),
        {"GET": EVERYONE_200},
        grow=grow_officeholder_decisions,
        label="decisions:body (officeholder)",
    ),
    Route(
        "<lang>/decisions/bodies/<body:body>/",
        lang_urls("decisions:body", obj("inactive_body", attr=None)),
        {"GET": NOT_FOUND},
        # A slug that no public body has matches no route: 404 for every method.
        other_methods=404,
        label="decisions:body (inactive)",
    ),
    Route(
        "<lang>/decisions/meetings/<id:pk>/",
        lang_urls("decisions:meeting", obj("meeting")),
        {"GET": EVERYONE_200},
        grow=grow_items,
        label="decisions:meeting",
    ),
    Route(
        "<lang>/decisions/meetings/<id:pk>/",
        lang_urls("decisions:meeting", obj("unpublished_meeting")),
        {"GET": NOT_FOUND},
        label="decisions:meeting (agenda not yet published)",
    ),
    Route(
        "<lang>/decisions/items/<id:pk>/",
        lang_urls("decisions:item", obj("item")),
        {"GET": EVERYONE_200},
        grow=grow_items,
        label="decisions:item",
    ),
    Route(
        "<lang>/decisions/items/<id:pk>/",
        lang_urls("decisions:item", obj("confidential_item")),
        {"GET": EVERYONE_200},
        label="decisions:item (confidential)",
    ),
    Route(
        "<lang>/decisions/items/<id:pk>/",
        lang_urls("decisions:item", obj("unpublished_item")),
        {"GET": NOT_FOUND},
        label="decisions:item (agenda not yet published)",
    ),
    Route(
        "<lang>/decisions/attachments/<id:pk>/",
        lang_urls("decisions:attachment", obj("public_attachment")),
        {"GET": EVERYONE_200},
        budget_exempt="a file download with two queries",
        label="decisions:attachment",
    ),
    Route(
        "<lang>/decisions/attachments/<id:pk>/",
        lang_urls("decisions:attachment", obj("secret_attachment")),
        # The file of a non-public attachment is never served, whoever asks.
        {"GET": NOT_FOUND},
        label="decisions:attachment (not public)",
    ),
    Route(
        "<lang>/decisions/officeholder-decisions/<id:pk>/",
        lang_urls("decisions:officeholder_decision", obj("officeholder_decision")),
        {"GET": EVERYONE_200},
        label="decisions:officeholder_decision",
    ),
    Route(
        "<lang>/decisions/officeholder-decisions/<id:pk>/",
        lang_urls("decisions:officeholder_decision", obj("unpublished_officeholder_decision")),
        {"GET": NOT_FOUND},
        label="decisions:officeholder_decision (not yet published)",
    ),
    Route(
        "<lang>/decisions/search/",
        lambda w: [
            app_url("decisions:search", lang=lang, query=query)
            for lang in LANGS
            for query in ("", SEARCH_QUERY)
        ],
        {"GET": EVERYONE_200},
        grow=grow_everything,
        label="decisions:search",
    ),
    # --- Subscriptions ------------------------------------------------------------------------
    Route(
        "<lang>/decisions/subscriptions/",
        lang_urls("decisions:subscriptions"),
        {
            "GET": signed_in(200, young_respondent=LOGIN, integration=LOGIN),
            # An empty form: the error is shown.
            "POST": signed_in(400, young_respondent=LOGIN, integration=LOGIN),
            **{
                method: signed_in(405, young_respondent=LOGIN, integration=LOGIN)
                for method in ("PUT", "PATCH", "DELETE")
            },
        },
        grow=grow_subscriptions,
        budget_roles=("resident_a",),
        label="decisions:subscriptions",
    ),
    Route(
        "<lang>/decisions/subscriptions/<id:pk>/delete/",
        lang_urls("decisions:subscription_delete", obj("subscription")),
        {
            # Only the owner may stop it; everyone else learns nothing of it.
            "POST": roles(404, resident_a=SUBSCRIPTIONS, **dict.fromkeys(ANONYMOUS_ROLES, LOGIN)),
            **{
                method: signed_in(405, young_respondent=LOGIN, integration=LOGIN)
                for method in ("GET", "PUT", "PATCH", "DELETE")
            },
        },
        label="decisions:subscription_delete",
    ),
    # --- Feeds --------------------------------------------------------------------------------
    Route(
        "<lang>/decisions/rss/",
        lang_urls("decisions:rss"),
        {"GET": EVERYONE_200},
        grow=grow_everything,
        label="decisions:rss",
    ),
    Route(
        "<lang>/decisions/atom/",
        lang_urls("decisions:atom"),
        {"GET": EVERYONE_200},
        grow=grow_everything,
        label="decisions:atom",
    ),
    Route(
        "<lang>/decisions/meetings.ics",
        lang_urls("decisions:calendar"),
        {"GET": EVERYONE_200},
        grow=grow_meetings,
        label="decisions:calendar",
    ),
    Route(
        "<lang>/decisions/bodies/<body:body>/rss/",
        lang_urls("decisions:body_rss", obj("body", attr=None)),
        {"GET": EVERYONE_200},
        grow=grow_everything,
        label="decisions:body_rss",
    ),
    Route(
        "<lang>/decisions/bodies/<body:body>/atom/",
        lang_urls("decisions:body_atom", obj("officeholder", attr=None)),
        {"GET": EVERYONE_200},
        grow=grow_everything,
        label="decisions:body_atom",
    ),
    Route(
        "<lang>/decisions/bodies/<body:body>/meetings.ics",
        lang_urls("decisions:body_calendar", obj("body", attr=None)),
        {"GET": EVERYONE_200},
        grow=grow_meetings,
        label="decisions:body_calendar",
    ),
    # --- Addresses from before the paths were translated --------------------------------------
    *moved_routes(MOVED, body=obj("body", "slug")),
]

PAGE = Takes(path=True)
BAD_INPUT: dict[str, Takes] = {
    "api/v1/bodies/": Takes(
        query={
            **API_QUERY,
            "kind": "abc",
            "modified_since": "notadate",
            "page_size": "abc",
            "cursor": "bogus",
        }
    ),
    "api:body-detail": API_DETAIL,
    "api:body-detail (inactive body)": API_DETAIL,
    "api:body-detail (missing)": API_DETAIL,
    "api/v1/meetings/": Takes(
        query={
            **API_QUERY,
            "body": "abc",
            "from": "abc",
            "to": "abc",
            "state": "abc",
            "modified_since": "notadate",
            "page_size": "abc",
            "cursor": "bogus",
        }
    ),
    "api/v1/agenda-items/": Takes(
        query={
            **API_QUERY,
            "q": None,
            "body": "abc",
            "from": "abc",
            "to": "abc",
            "reference": None,
            "resolution": "abc",
            "modified_since": "notadate",
            "page_size": "abc",
            "cursor": "bogus",
        }
    ),
    "api/v1/officeholder-decisions/": Takes(
        query={
            **API_QUERY,
            "q": None,
            "body": "abc",
            "from": "abc",
            "to": "abc",
            "reference": None,
            "modified_since": "notadate",
            "page_size": "abc",
            "cursor": "bogus",
        }
    ),
    **{
        f"api:{resource} detail{suffix}": API_DETAIL
        for resource in ("meetings", "agenda-items", "officeholder-decisions")
        for suffix in ("", " (not yet published)")
    },
    "decisions:body": Takes(path=True, query={"page": "abc"}),
    "decisions:body (officeholder)": PAGE,
    "decisions:body (inactive)": PAGE,
    "decisions:meeting": PAGE,
    "decisions:meeting (agenda not yet published)": PAGE,
    "decisions:item": PAGE,
    "decisions:item (confidential)": PAGE,
    "decisions:item (agenda not yet published)": PAGE,
    "decisions:attachment": PAGE,
    "decisions:attachment (not public)": PAGE,
    "decisions:officeholder_decision": PAGE,
    "decisions:officeholder_decision (not yet published)": PAGE,
    "decisions:search": Takes(
        query={
            "q": None,
            "body": "abc",
            "date_from": "abc",
            "date_to": "abc",
            "reference": None,
            "resolution": "abc",
            "page": "abc",
        },
        path=True,
    ),
    "decisions:subscription_delete": PAGE,
    "decisions:body_rss": PAGE,
    "decisions:body_atom": PAGE,
    "decisions:body_calendar": PAGE,
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from decisions import services
    from decisions.demo import _pdf

    now = timezone.now()
    body = services.body_save(
        kind="council", slug="council", name_fi="Valtuusto", name_sv="Fullmäktige"
    )
    officeholder = services.body_save(
        kind="officeholder", slug="director", name_fi="Sivistysjohtaja", name_sv="Bildningsdirektör"
    )
    meeting = services.meeting_save(
        body=body,
        number=1,
        year=2026,
        starts_at=now - datetime.timedelta(days=3),
        place_fi="Valtuustosali",
        place_sv="Fullmäktigesalen",
    )
    services.meeting_schedule_agenda(meeting=meeting, publish_at=now - datetime.timedelta(days=10))
    item = services.agenda_item_save(
        meeting=meeting,
        order=1,
        section=1,
        title={"fi": "Koulun peruskorjaus", "sv": "Renovering av skolan"},
        case_reference="RAN/1/02.05.01/2026",
        proposal={"fi": "<p>Koulun katto korjataan.</p>", "sv": "<p>Skolans tak repareras.</p>"},
        decision={"fi": "<p>Hyväksyttiin.</p>", "sv": "<p>Godkändes.</p>"},
        resolution="as_proposed",
    )
    confidential = services.agenda_item_save(
        meeting=meeting,
        order=2,
        section=2,
        title={"fi": "Henkilöstöasia", "sv": "Personalärende"},
        is_confidential=True,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 32 k", "sv": "OffL 24 § 1 mom. 32 p."},
    )
    services.meeting_publish_minutes(meeting=meeting, now=now - datetime.timedelta(days=1))
    public_attachment = services.attachment_save(
        item=item,
        title={"fi": "Kustannusarvio", "sv": "Kostnadskalkyl"},
        file=SimpleUploadedFile("arvio.pdf", _pdf("Kustannusarvio koulu"), "application/pdf"),
    )
    secret_attachment = services.attachment_save(
        item=item,
        title={"fi": "Tarjoukset", "sv": "Anbud"},
        file=SimpleUploadedFile("tarjous.pdf", _pdf("Salainen tarjous"), "application/pdf"),
        publicity="non_public",
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 20 k"},
        order=1,
    )
    unpublished_meeting = services.meeting_save(
        body=body, number=2, year=2026, starts_at=now + datetime.timedelta(days=8)
    )
    services.meeting_schedule_agenda(
        meeting=unpublished_meeting, publish_at=now + datetime.timedelta(days=1)
    )
    unpublished_item = services.agenda_item_save(
        meeting=unpublished_meeting,
        order=1,
        section=1,
        title={"fi": "Koulun tulevaisuus", "sv": "Skolans framtid"},
    )
    decision = services.officeholder_decision_save(
        decision_maker=officeholder,
        decided_on=datetime.date(2026, 1, 5),
        section=1,
        title={"fi": "Avustus koulun kerholle", "sv": "Bidrag till skolans klubb"},
        decision_text={"fi": "<p>Myönnän avustuksen.</p>"},
        publish_at=now - datetime.timedelta(days=2),
    )
    unpublished_decision = services.officeholder_decision_save(
        decision_maker=officeholder,
        decided_on=datetime.date(2026, 1, 6),
        section=2,
        title={"fi": "Tuleva päätös"},
        publish_at=now + datetime.timedelta(days=2),
    )
    subscription = services.subscription_create(user=users["resident_a"], body=body, language="fi")
    return {
        "subscription": subscription,
        "body": body,
        "inactive_body": services.body_save(
            kind="committee",
            slug="old-committee",
            name_fi="Lakkautettu lautakunta",
            is_active=False,
        ),
        "officeholder": officeholder,
        "meeting": meeting,
        "item": item,
        "confidential_item": confidential,
        "public_attachment": public_attachment,
        "secret_attachment": secret_attachment,
        "unpublished_meeting": unpublished_meeting,
        "unpublished_item": unpublished_item,
        "officeholder_decision": decision,
        "unpublished_officeholder_decision": unpublished_decision,
    }
