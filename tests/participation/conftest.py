import pytest

from tests.participation.factories import SurveyFactory


@pytest.fixture
def survey_factory(db):
    return SurveyFactory
