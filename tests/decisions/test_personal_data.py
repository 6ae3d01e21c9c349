"""Personal data in published decisions goes from the web the day after the appeal period ends
(Local Government Act 140 §): pages, search and API; the rest of the decision stays."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import ModelLogEntry

from decisions import services, tasks
from tests.decisions.factories import municipal_appeal
from tests.paths import app_url

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
PUBLISHED = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=HELSINKI)
NAME = "Matti Meikäläinen"


@pytest.fixture
def published_item(meeting_factory, item_factory):
    """Minutes published on 2 March 2026 with a 14-day request for rectification: the appeal
    period ends on 16 March, and the name goes on 17 March."""
    with time_machine.travel(PUBLISHED - datetime.timedelta(days=10), tick=False):
        meeting = meeting_factory(starts_at=PUBLISHED - datetime.timedelta(days=3))
        services.meeting_schedule_agenda(
            meeting=meeting, publish_at=PUBLISHED - datetime.timedelta(days=9)
        )
        item = item_factory(
            meeting=meeting,
            title={"fi": "Oikaisuvaatimus pysäköintivirhemaksusta"},
            decision={
                "fi": f"<p>Hylätään {NAME}n oikaisuvaatimus. Maksu pysyy voimassa.</p>",
                "sv": f"<p>{NAME}s begäran om omprövning avslås. Avgiften kvarstår.</p>",
            },
            appeal_instructions=municipal_appeal(),
        )
        services.personal_data_mark(item=item, text=NAME)
    with time_machine.travel(PUBLISHED, tick=False):
        services.meeting_publish_minutes(meeting=meeting)
    return item


def _everywhere(client, item) -> dict[str, str]:
    return {
        "page": client.get(app_url("decisions:item", item.pk), secure=True).content.decode(),
        "page_sv": client.get(
            app_url("decisions:item", item.pk, lang="sv"), secure=True
        ).content.decode(),
        # The search form repeats the words: what counts is whether the item is found.
        "search": "Meikäläinen"
        * (
            app_url("decisions:item", item.pk)
            in client.get(
                app_url("decisions:search"), {"q": "Meikäläinen"}, secure=True
            ).content.decode()
        ),
        "api": client.get(f"/api/v1/agenda-items/{item.pk}/?lang=all").content.decode(),
    }


def test_personal_data__present_on_the_last_day_of_the_appeal_period(client, published_item):
    with time_machine.travel(datetime.datetime(2026, 3, 16, 23, 30, tzinfo=HELSINKI)):
        tasks.personal_data_remove_due_task.delay()
        seen = _everywhere(client, published_item)

    for where, text in seen.items():
        assert "Meikäläinen" in text, where


def test_personal_data__gone_the_day_after_the_appeal_period(client, published_item):
    with time_machine.travel(datetime.datetime(2026, 3, 17, 0, 15, tzinfo=HELSINKI)):
        tasks.personal_data_remove_due_task.delay()
        seen = _everywhere(client, published_item)

    for where, text in seen.items():
        assert "Meikäläinen" not in text, where
    assert "Maksu pysyy voimassa" in seen["page"]
    assert "[henkilötieto poistettu]" in seen["page"]
    assert "Avgiften kvarstår" in seen["page_sv"]
    entry = ModelLogEntry.objects.get(action="decisions.personal_data_removed")
    assert entry.object_id == str(published_item.pk)
    assert published_item.personal_data.get().text == ""


def test_personal_data__removal_runs_once_and_from_the_command(published_item):
    out = io.StringIO()
    with time_machine.travel(datetime.datetime(2026, 3, 18, 9, 0, tzinfo=HELSINKI)):
        call_command("remove_personal_data", stdout=out)
        again = services.personal_data_remove_due()

    assert "Removed 1 passage" in out.getvalue()
    assert again == 0
    assert ModelLogEntry.objects.filter(action="decisions.personal_data_removed").count() == 1


def test_personal_data__officeholder_decision_is_dated_from_its_publication(
    client, officeholder_decision_factory
):
    publish_at = datetime.datetime(2026, 5, 4, 9, 0, tzinfo=HELSINKI)
    decision = officeholder_decision_factory(
        decision_text={"fi": f"<p>Valitsen tehtävään {NAME}n.</p>"},
        appeal_instructions=municipal_appeal(),
        publish_at=publish_at,
    )
    passage = services.personal_data_mark(officeholder_decision=decision, text=NAME)

    assert passage.remove_on == datetime.date(2026, 5, 19)
    with time_machine.travel(datetime.datetime(2026, 5, 19, 1, 0, tzinfo=HELSINKI)):
        services.personal_data_remove_due()
        page = client.get(app_url("decisions:officeholder_decision", decision.pk), secure=True)
    assert NAME not in page.content.decode()
    assert "Valitsen tehtävään" in page.content.decode()
    assert timezone.is_aware(passage.__class__.objects.get().removed_at)
