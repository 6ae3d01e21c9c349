import pytest

from tests.decisions.factories import BodyFactory


@pytest.fixture
def body_factory(db):
    return BodyFactory
