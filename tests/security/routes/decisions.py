"""The decisions app in the access matrix: its routes, their bad-input declarations, and the
objects the matrix tries them on.

ROUTES joins tests/security/access_matrix.py and BAD_INPUT tests/quality/test_bad_input.py;
build_objects(users, objects) runs once per world (tests/fixtures/roles.py).
"""

from __future__ import annotations

from tests.fixtures.roles import World
from tests.quality.inputs import API_DETAIL, API_QUERY, Takes
from tests.security.matrix import Route, roles
from tests.security.routes.common import EVERYONE_200, fixed

# --- Growth of listed data (query budgets) ---------------------------------------------------


def grow_bodies(world: World, n: int) -> None:
    from decisions.services import body_save

    start = len(world.objects.setdefault("grown_bodies", []))
    for i in range(start, start + n):
        world.objects["grown_bodies"].append(
            body_save(kind="committee", slug=f"grown-body-{i}", name_fi=f"Lautakunta {i}")
        )


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
]

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
}


def build_objects(users: dict[str, object], objects: dict[str, object]) -> dict[str, object]:
    from decisions.services import body_save

    return {
        "body": body_save(
            kind="council", slug="council", name_fi="Valtuusto", name_sv="Fullmäktige"
        ),
        "inactive_body": body_save(
            kind="committee",
            slug="old-committee",
            name_fi="Lakkautettu lautakunta",
            is_active=False,
        ),
    }
