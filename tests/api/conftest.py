import pytest
from django.test import Client

from tests.decisions.factories import BodyFactory


@pytest.fixture
def body_factory(db):
    return BodyFactory


@pytest.fixture
def api(db):
    """An anonymous API client that gets JSON back even for errors."""
    return Client(raise_request_exception=False)
