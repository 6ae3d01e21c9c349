"""The digital maturity app in the access matrix: its routes, their bad-input declarations, and
the objects the matrix tries them on.

The staff screens live under the Wagtail admin (covered by the admin prefix); who may assess is
tested in tests/maturity/test_access.py.
"""

from __future__ import annotations

from decimal import Decimal

from tests.fixtures.roles import World
from tests.quality.inputs import API_DETAIL, API_QUERY, Takes
from tests.security.matrix import Route, roles
from tests.security.routes.common import EVERYONE_200, fixed, lang_urls

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


ROUTES: list[Route] = [
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
    }
