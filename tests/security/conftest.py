"""Fixtures of the access matrix: the demo world with one user per role."""

import pytest

from tests.fixtures.roles import ROLES, module_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One client per role for the whole module, signed in once (session written once)."""
    with django_db_blocker.unblock():
        return {role: world.client(role) for role in ROLES}


@pytest.fixture(scope="module")
def route_urls(world, django_db_blocker):
    """The URLs of every declared route, built once per module (keyed by the route's index)."""
    from tests.security.access_matrix import ROUTES
    from tests.security.matrix import urls_for

    with django_db_blocker.unblock():
        return {index: urls_for(route, world) for index, route in enumerate(ROUTES)}
