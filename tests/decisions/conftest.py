import pytest

from tests.decisions.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    OfficeholderDecisionFactory,
)


@pytest.fixture
def body_factory(db):
    return BodyFactory


@pytest.fixture
def meeting_factory(db):
    return MeetingFactory


@pytest.fixture
def item_factory(db):
    return AgendaItemFactory


@pytest.fixture
def member_factory(db):
    return MembershipFactory


@pytest.fixture
def officeholder_decision_factory(db):
    return OfficeholderDecisionFactory
