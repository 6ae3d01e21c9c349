"""Fixtures of the access matrix: the demo world with one user per role."""

import pytest

from tests.fixtures.roles import module_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from module_world(django_db_blocker)
