"""The digital maturity app in the access matrix: its routes, their bad-input declarations, and
the objects the matrix tries them on.

The staff screens live under the Wagtail admin: only the digital development group (and
superusers) reach them; other staff are sent back to the dashboard (or refused), residents to
sign-in. tests/maturity/test_access.py checks that a refused write changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from tests.fixtures.roles import World
from tests.quality.inputs import API_DETAIL, API_QUERY, Answer, Takes
from tests.security.matrix import LOGIN, MFA_SETUP, RedirectTo, Route, roles
from tests.security.routes.common import (
    ADMIN_HOME,
    EVERYONE_200,
    PASSWORD_ONLY_STAFF,
    fixed,
    lang_urls,
)

PUBLISHED_YEAR = 2025
DRAFT_YEAR = 2026
ROUND = "<lang>/digital-maturity/<int:year>/"
API_ROUND = "api/v1/maturity/rounds/(?P<year>[^/]+)/"


def _assess(round, service, share: int) -> None:
    from maturity.services import assessment_save

    assessment_save(
        round=round,
        service=service,
        adopted=True,
        levels={phase.code: 2 for phase in service.phases.all()},
        electronic_share=share,
        transactions_per_year=100,
        minutes_saved=Decimal(5),
        cost_per_hour=Decimal(40),
        investment=Decimal(1000),
        yearly_cost=Decimal(100),
        next_steps={"fi": "Sähköinen asiointi laajenee."},
        correction_note="Lisätty palvelu." if round.is_published else "",
    )


# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_assessments(world: World, n: int) -> None:
    from maturity.models import Round, Service

    for year in (PUBLISHED_YEAR, PUBLISHED_YEAR - 1):
        round = Round.objects.get(year=year)
        assessed = round.assessments.values_list("service_id", flat=True)
        for service in Service.objects.exclude(pk__in=assessed).order_by("pk")[:n]:
            _assess(round, service, 40)


def grow_imports(world: World, n: int) -> None:
    from maturity.models import ImportedRound

    document = world.objects["maturity_document"]
    counter = world.objects.setdefault("grown_maturity_imports", [0])
    for i in range(counter[0], counter[0] + n):
        ImportedRound.objects.create(
            municipality=f"Kasvukunta {i}",
            year=PUBLISHED_YEAR,
            published_at=document["published_at"],
            source="https://kasvukunta.example.fi/digitaalisuus.json",
            document=document,
            checksum="0" * 64,
        )
    counter[0] += n


def _admin(*names):
    """Admin URLs by (name, *world object keys) of the maturity staff screens."""
    from django.urls import reverse

    def build(world: World) -> list[str]:
        service = world.objects["maturity_services"][0]
        values = {
            "round": world.objects["maturity_round"].pk,
            "draft": world.objects["maturity_draft"].pk,
            "service": service.pk,
        }
        return [reverse(name, args=[values[key] for key in keys]) for name, *keys in names]

    return build


# Only assessors get in: the digital development group and superusers. Other staff with admin
# access are refused (Wagtail sends them back to the dashboard); the editor without a second
# factor meets its setup first; residents and anonymous clients are sent to sign in.
ASSESSORS_ONLY = roles(
    LOGIN,
    **PASSWORD_ONLY_STAFF,
    editor=MFA_SETUP,
    handler_x=ADMIN_HOME,
    handler_y=ADMIN_HOME,
    secretary=ADMIN_HOME,
    finance_staff=ADMIN_HOME,
    digital_developer=200,
    admin=200,
)
ADMIN_BUDGET = "a staff screen of the Wagtail admin, whose menus alone exceed the page budget"

ROUTES: list[Route] = [
    Route(
        "admin/maturity/",
        _admin(
            ("maturity_rounds:index",),
            ("maturity_rounds:add",),
            ("maturity_rounds:edit", "draft"),
            ("maturity_services:index",),
            ("maturity_services:add",),
            ("maturity_services:edit", "service"),
            ("maturity_sectors:index",),
            ("maturity_phases:index",),
            ("maturity_imports:index",),
        ),
        {"GET": ASSESSORS_ONLY},
        prefix=True,
        other_methods=None,
        label="admin: maturity catalogue and rounds",
        budget_exempt=ADMIN_BUDGET,
    ),
    Route(
        "admin/maturity-assessment/",
        _admin(
            ("maturity_admin:round", "draft"),
            ("maturity_admin:round", "round"),
            ("maturity_admin:assess", "draft", "service"),
            ("maturity_admin:assess", "round", "service"),
            ("maturity_admin:export", "round"),
            ("maturity_admin:import",),
        ),
        {"GET": ASSESSORS_ONLY},
        prefix=True,
        other_methods=None,
        label="admin: assessing a round",
        budget_exempt=ADMIN_BUDGET,
    ),
    Route(
        "admin/maturity-assessment/",
        _admin(("maturity_admin:publish", "draft")),
        # Publishing sends the assessor back to the round's services.
        {
            "POST": {
                **ASSESSORS_ONLY,
                "digital_developer": RedirectTo("/admin/maturity-assessment/rounds/"),
                "admin": RedirectTo("/admin/maturity-assessment/rounds/"),
            }
        },
        prefix=True,
        other_methods=None,
        label="admin: publishing a round",
        budget_exempt=ADMIN_BUDGET,
    ),
    Route(
        "<lang>/digital-maturity/",
        lang_urls("maturity:index"),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
        label="maturity:index",
    ),
    Route("<lang>/digital-maturity/method/", lang_urls("maturity:method"), {"GET": EVERYONE_200}),
    Route(
        "<lang>/digital-maturity/comparison/",
        lang_urls("maturity:comparison"),
        {"GET": EVERYONE_200},
        grow=grow_imports,
        label="maturity:comparison",
    ),
    Route(
        ROUND,
        lang_urls("maturity:round", PUBLISHED_YEAR),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
        label="maturity:round",
    ),
    Route(
        ROUND,
        lang_urls("maturity:round", DRAFT_YEAR, langs=("fi",)),
        {"GET": roles(404)},
        label="maturity:round (draft)",
    ),
    Route(
        ROUND + "services.csv",
        lang_urls("maturity:csv", PUBLISHED_YEAR),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
        label="maturity:csv",
    ),
    Route(
        ROUND + "export.json",
        lang_urls("maturity:export", PUBLISHED_YEAR),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
        label="maturity:export",
    ),
    Route(
        ROUND + "export.json",
        lang_urls("maturity:export", DRAFT_YEAR, langs=("fi",)),
        {"GET": roles(404)},
        label="maturity:export (draft)",
    ),
    Route("api/v1/maturity/schema/", fixed("/api/v1/maturity/schema/"), {"GET": EVERYONE_200}),
    Route(
        "api/v1/maturity/rounds/",
        fixed("/api/v1/maturity/rounds/", "/api/v1/maturity/rounds/?lang=sv"),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
    ),
    Route(
        API_ROUND,
        fixed(
            f"/api/v1/maturity/rounds/{PUBLISHED_YEAR}/",
            f"/api/v1/maturity/rounds/{PUBLISHED_YEAR}/?lang=all",
        ),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
        label="api:maturity-round-detail",
    ),
    Route(
        API_ROUND,
        fixed(f"/api/v1/maturity/rounds/{DRAFT_YEAR}/", "/api/v1/maturity/rounds/abc/"),
        {"GET": roles(404)},
        label="api:maturity-round-detail (draft or missing)",
    ),
    Route(
        API_ROUND + "export/",
        fixed(f"/api/v1/maturity/rounds/{PUBLISHED_YEAR}/export/"),
        {"GET": EVERYONE_200},
        grow=grow_assessments,
        label="api:maturity-round-export",
    ),
]

BAD_INPUT: dict[str, Takes] = {
    # Sent as an assessor, so that the values reach the screens' own code.
    "admin: maturity catalogue and rounds": Takes(
        query={"q": None, "p": "abc", "ordering": "abc", "status": "abc"},
        path=True,
        answer=Answer.NO_SERVER_ERROR,
        role="digital_developer",
    ),
    "admin: assessing a round": Takes(path=True, role="digital_developer"),
    "admin: publishing a round": Takes(path=True, role="digital_developer"),
    "maturity:round": Takes(path=True),
    "maturity:round (draft)": Takes(path=True),
    "maturity:csv": Takes(path=True),
    "maturity:export": Takes(path=True),
    "maturity:export (draft)": Takes(path=True),
    "api/v1/maturity/schema/": Takes(query=API_QUERY),
    "api/v1/maturity/rounds/": Takes(query={**API_QUERY, "page_size": "abc", "cursor": "bogus"}),
    "api:maturity-round-detail": API_DETAIL,
    "api:maturity-round-detail (draft or missing)": API_DETAIL,
    "api:maturity-round-export": API_DETAIL,
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from maturity.models import Service
    from maturity.services import round_create, round_publish
    from maturity.views import export_of

    services = list(Service.objects.order_by("pk")[:3])
    earlier = round_create(year=PUBLISHED_YEAR - 1)
    for service in services[:2]:
        _assess(earlier, service, 30)
    round_publish(round=earlier)
    published = round_create(year=PUBLISHED_YEAR, summary={"fi": "Vuoden arvio."})
    for service in services:
        _assess(published, service, 60)
    published = round_publish(round=published)
    draft = round_create(year=DRAFT_YEAR)
    _assess(draft, services[0], 70)
    return {
        "maturity_round": published,
        "maturity_draft": draft,
        "maturity_document": export_of(published),
        "maturity_services": services,
    }
