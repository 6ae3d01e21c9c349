"""The demo surveys: loaded quickly, safe to load twice, with working printed codes."""

import io

from participation import demo
from participation.models import Survey
from participation.policies import results_are_public
from participation.services import access_code_is_valid


def test_demo__loads_once_and_again_safely(db):
    output = io.StringIO()

    demo.load(stdout=output)
    demo.load(stdout=output)

    assert Survey.objects.count() == 4
    assert "already there" in output.getvalue()
    assert demo.DEMO_CODES[0] in output.getvalue()


def test_demo__open_survey_takes_the_printed_codes_and_closed_one_has_results(db):
    demo.load(stdout=io.StringIO())
    opened = Survey.objects.get(title_fi=demo.OPEN_TITLE)
    closed = Survey.objects.get(title_fi=demo.CLOSED_TITLE)

    assert opened.is_open()
    assert access_code_is_valid(survey=opened, code=demo.DEMO_CODES[0])
    assert not access_code_is_valid(survey=opened, code=demo.USED_CODES[0])
    assert opened.responses.count() == len(demo.USED_CODES)
    assert closed.responses.count() == demo.CLOSED_RESPONSES
    # Without the decisions demo there is no decided item: results wait for the decision.
    assert not results_are_public(closed)
