"""Surveys beside decisions: the agenda item page shows the young people's view, and the
survey page what was decided."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from decisions.services import meeting_publish_minutes, meeting_schedule_agenda
from participation.models import ResultPolicy
from participation.services import responses_import, survey_link_agenda_item
from tests.decisions.factories import AgendaItemFactory
from tests.participation.factories import full_answers
from tests.paths import app_url


def _linked(survey_factory, *, minutes: bool, respondents: int = 6, **kwargs):
    now = timezone.now()
    item = AgendaItemFactory(resolution="as_proposed")
    meeting_schedule_agenda(meeting=item.meeting, publish_at=now - datetime.timedelta(days=3))
    if minutes:
        meeting_publish_minutes(meeting=item.meeting)
    survey = survey_factory(
        opens_at=now - datetime.timedelta(days=20),
        closes_at=now - datetime.timedelta(days=5),
        **kwargs,
    )
    responses_import(
        survey=survey, responses=[full_answers(survey)] * respondents, submitted_on=now.date()
    )
    survey_link_agenda_item(survey=survey, agenda_item=item)
    return survey, item


def test_agenda_item_page__shows_the_young_peoples_view(client, survey_factory):
    survey, item = _linked(survey_factory, minutes=True)

    page = client.get(app_url("decisions:item", item.pk)).content.decode()

    assert 'id="young-view-heading"' in page
    assert f'href="{app_url("participation:detail", survey.pk)}"' in page
    assert "<svg" in page and "Käytkö nuorisotalolla?" in page


def test_agenda_item_page__query_count_does_not_grow_with_responses(
    client, survey_factory, settings
):
    # What rendering the page costs: the page cache would answer the second visit without it.
    settings.PAGE_CACHE_SECONDS = 0
    survey, item = _linked(survey_factory, minutes=True, respondents=5)
    url = app_url("decisions:item", item.pk)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    responses_import(
        survey=survey, responses=[full_answers(survey)] * 50, submitted_on=timezone.localdate()
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_agenda_item_page__hides_results_the_policy_has_not_published(client, survey_factory):
    _survey, item = _linked(survey_factory, minutes=True, result_policy=ResultPolicy.NEVER)

    page = client.get(app_url("decisions:item", item.pk)).content.decode()

    assert "young-view" not in page


def test_survey_page__shows_what_was_decided_once_the_minutes_are_out(client, survey_factory):
    survey, item = _linked(survey_factory, minutes=False, result_policy=ResultPolicy.WITH_DECISION)

    before = client.get(app_url("participation:detail", survey.pk)).content.decode()
    assert client.get(app_url("participation:results", survey.pk)).status_code == 404
    meeting_publish_minutes(meeting=item.meeting)
    after = client.get(app_url("participation:detail", survey.pk)).content.decode()

    assert f'href="{app_url("decisions:item", item.pk)}"' in before
    assert "Päätösehdotus hyväksyttiin." not in before
    assert "Päätösehdotus hyväksyttiin." in after
    assert client.get(app_url("participation:results", survey.pk)).status_code == 200


def test_survey_page__does_not_name_an_item_whose_agenda_is_not_out(client, survey_factory):
    survey, item = _linked(survey_factory, minutes=False)
    item.meeting.agenda_publish_at = timezone.now() + datetime.timedelta(days=3)
    item.meeting.save()

    page = client.get(app_url("participation:detail", survey.pk)).content.decode()

    assert app_url("decisions:item", item.pk) not in page
