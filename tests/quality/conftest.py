"""Fixtures of the quality gates: the demo world with one user per role, once per module."""

import pytest

from tests.fixtures.roles import ROLES, module_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker)


@pytest.fixture(scope="module")
def clients(world, django_db_blocker):
    """One client per role for the whole module, signed in once."""
    with django_db_blocker.unblock():
        return {role: world.client(role) for role in ROLES}
