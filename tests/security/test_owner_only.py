"""The owner-only check of the access matrix, tried on scratch views of a test-only URLconf."""

import pytest

from tests.fixtures.roles import ROLE_SPECS, ROLES, World, create_user
from tests.security.matrix import Route, check, owner_only_declaration_errors, owner_only_violations
from tests.security.matrix import roles as by_role

pytestmark = pytest.mark.urls("tests.security.owner_only_urls")


@pytest.fixture
def people(db):
    """The users of every role, without the demo pages the scratch views do not need."""
    return World(
        users={name: create_user(spec) if spec.email else None for name, spec in ROLE_SPECS.items()}
    )


def owned_by_resident_a(view: str, *, visible_to=(), also=None) -> Route:
    """An owner-only declaration of the scratch `view`; `also` overrides outcomes by role."""
    return Route(
        f"{view}/<int:pk>/",
        lambda world: [f"/fi/{view}/{world.users['resident_a'].pk}/"],
        {"GET": by_role(404, resident_a=200, **(also or {}))},
        owner_only="resident_a",
        visible_to=visible_to,
    )


def test_owner_only__view_answering_404_to_others_passes(people):
    route = owned_by_resident_a("owned")

    assert owner_only_violations(route, people) == []
    assert owner_only_declaration_errors(route) == []
    # The owner does get the object: the 404s above are not a view that is broken for everyone.
    urls = route.urls(people)
    assert check(route, urls, people.client("resident_a"), "resident_a", "GET") == []


def test_owner_only__view_answering_200_to_others_is_caught(people):
    problems = owner_only_violations(owned_by_resident_a("leaky"), people)

    caught = {problem.split(" as ")[1].split(" ")[0] for problem in problems}
    assert caught == set(ROLES) - {"resident_a"}
    assert all("expected 404, got 200" in problem for problem in problems)


def test_owner_only__view_answering_403_to_others_is_caught(people):
    # A 403 tells another resident that the case exists; only 404 keeps that secret.
    problems = owner_only_violations(owned_by_resident_a("forbidding"), people)

    assert len(problems) == len(ROLES) - 1
    assert all("expected 404, got 403" in problem for problem in problems)


def test_owner_only__roles_it_is_visible_to_are_not_flagged(people):
    route = owned_by_resident_a("leaky", visible_to=("handler_x",), also={"handler_x": 200})

    problems = owner_only_violations(route, people)

    assert not any(" as handler_x " in problem for problem in problems)
    assert any(" as handler_y " in problem for problem in problems)


def test_owner_only__declaring_anything_but_404_for_others_is_refused():
    route = owned_by_resident_a("forbidding", also={"resident_b": 403})

    # Staff signed in without the second factor act as resident_b: they inherit the 403 too.
    assert owner_only_declaration_errors(route) == [
        f"forbidding/<int:pk>/ GET as {role}: declared 403, owner-only routes answer 404"
        for role in ROLES
        if role == "resident_b" or ROLE_SPECS[role].acts_as == "resident_b"
    ]
