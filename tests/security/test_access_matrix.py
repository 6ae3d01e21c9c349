"""The access matrix gate: every route is declared, and every role gets what is declared."""

import pytest

from tests.fixtures.roles import ROLES
from tests.security.access_matrix import ROUTES
from tests.security.matrix import (
    check,
    owner_only_declaration_errors,
    owner_only_violations,
    stale_declarations,
    undeclared_routes,
)


def test_access_matrix__declares_every_route_of_the_urlconf():
    missing = undeclared_routes(ROUTES)
    assert not missing, (
        "Routes missing from tests/security/access_matrix.py (declare who may do what):\n"
        + "\n".join(f"  {pattern}  [{name}]" for pattern, name in missing)
    )


def test_access_matrix__declares_no_route_that_does_not_exist():
    stale = stale_declarations(ROUTES)
    assert not stale, "Declared routes that the URLconf no longer has:\n" + "\n".join(
        f"  {route.id}  ({route.pattern})" for route in stale
    )


def test_access_matrix__every_entry_declares_every_role():
    problems = []
    for route in ROUTES:
        try:
            route.expectations()
        except ValueError as exc:
            problems.append(str(exc))
        problems.extend(owner_only_declaration_errors(route))
    assert not problems, "\n".join(problems)


CASES = [
    pytest.param(index, role, method, id=f"{route.id}-{role}-{method}")
    for index, route in enumerate(ROUTES)
    for method in route.expectations()
    for role in ROLES
]


@pytest.mark.parametrize(("index", "role", "method"), CASES)
def test_access_matrix__role_gets_the_declared_outcome(
    db, clients, route_urls, index, role, method
):
    route = ROUTES[index]
    problems = check(route, route_urls[index], clients[role], role, method)
    assert not problems, f"{route.id} ({route.pattern}) as {role}, {method}:\n" + "\n".join(
        f"  {p}" for p in problems
    )


OWNER_ONLY = [route for route in ROUTES if route.owner_only] or [
    pytest.param(
        None,
        marks=pytest.mark.skip(reason="no owner-only route yet: cases, messages come later"),
        id="none-yet",
    )
]


@pytest.mark.parametrize("route", OWNER_ONLY, ids=lambda route: getattr(route, "id", route))
def test_access_matrix__owned_object_answers_404_to_everyone_else(db, world, clients, route):
    problems = owner_only_violations(route, world, clients)
    assert not problems, "\n".join(problems)
