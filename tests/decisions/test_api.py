"""The decisions of the open data API: meetings, agenda items and officeholder decisions."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from decisions import services


@pytest.fixture
def api(db):
    return Client(raise_request_exception=False)


def _publish(meeting, *, days_ago=3):
    return services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_meetings_api__lists_published_meetings_with_filters(api, meeting_factory, body_factory):
    board = body_factory(slug="hallitus")
    shown = _publish(meeting_factory(body=board, number=1))
    other = _publish(meeting_factory(number=2))
    services.meeting_schedule_agenda(
        meeting=meeting_factory(body=board, number=3),
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )

    everything = api.get("/api/v1/meetings/").json()
    filtered = api.get(f"/api/v1/meetings/?body={board.pk}&state=agenda_published").json()

    assert {m["id"] for m in everything["results"]} == {shown.pk, other.pk}
    assert [m["id"] for m in filtered["results"]] == [shown.pk]
    first = filtered["results"][0]
    assert first["url"].endswith(f"/api/v1/meetings/{shown.pk}/")
    assert first["modified"] and first["minutes_published_at"] is None
    assert first["place"] == "Kunnantalo, valtuustosali"


def test_meetings_api__from_and_to_filter_by_date(api, meeting_factory):
    early = meeting_factory(starts_at=timezone.now() - datetime.timedelta(days=40))
    late = meeting_factory(starts_at=timezone.now() - datetime.timedelta(days=2))
    for meeting in (early, late):
        _publish(meeting, days_ago=50)
    cut = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()

    after = api.get(f"/api/v1/meetings/?from={cut}").json()["results"]
    before = api.get(f"/api/v1/meetings/?to={cut}").json()["results"]

    assert [m["id"] for m in after] == [late.pk]
    assert [m["id"] for m in before] == [early.pk]


def test_agenda_items_api__decision_only_with_minutes_and_confidential_title_only(
    api, meeting_factory, item_factory
):
    meeting = _publish(meeting_factory())
    item = item_factory(meeting=meeting, resolution="as_proposed")
    secret = item_factory(
        meeting=meeting,
        title={"fi": "Henkilöstöasia", "sv": "Personalärende"},
        is_confidential=True,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 32 k"},
    )

    before = api.get(f"/api/v1/agenda-items/{item.pk}/").json()
    services.meeting_publish_minutes(meeting=meeting)
    after = api.get(f"/api/v1/agenda-items/{item.pk}/?lang=sv").json()
    hidden = api.get(f"/api/v1/agenda-items/{secret.pk}/").json()

    assert before["decision"] == "" and before["resolution"] == ""
    assert "Hallitus esittää" in before["proposal"]
    assert after["decision"] == "<p>Beslutsförslaget godkändes.</p>"
    assert after["resolution"] == "as_proposed"
    assert hidden["title"] == "Henkilöstöasia"
    assert hidden["background"] == "" and hidden["case_reference"] == ""
    assert hidden["secrecy_ground"] == "JulkL 24 § 1 mom. 32 k"


def test_agenda_items_api__filters(api, meeting_factory, item_factory, body_factory):
    board = body_factory(slug="hallitus")
    meeting = _publish(meeting_factory(body=board))
    tabled = item_factory(meeting=meeting, resolution="tabled", case_reference="RAN/9/00/2026")
    other = item_factory(meeting=_publish(meeting_factory()), title={"fi": "Kirjasto"})
    services.meeting_publish_minutes(meeting=meeting)

    def ids(query):
        return [i["id"] for i in api.get(f"/api/v1/agenda-items/?{query}").json()["results"]]

    assert ids(f"body={board.pk}") == [tabled.pk]
    assert ids(f"meeting={other.meeting_id}") == [other.pk]
    assert ids("reference=RAN/9/00/2026") == [tabled.pk]
    assert ids("resolution=tabled") == [tabled.pk]
    assert ids("q=kirjasto") == [other.pk]


def test_agenda_items_api__an_agenda_scheduled_for_tomorrow_is_invisible_today(
    api, meeting_factory, item_factory
):
    meeting = meeting_factory()
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.meeting_schedule_agenda(meeting=meeting, publish_at=tomorrow)
    item = item_factory(meeting=meeting)

    assert api.get("/api/v1/agenda-items/").json()["results"] == []
    assert api.get(f"/api/v1/agenda-items/{item.pk}/").status_code == 404
    assert api.get(f"/api/v1/meetings/{meeting.pk}/").status_code == 404
    with time_machine.travel(tomorrow + datetime.timedelta(seconds=1)):
        assert api.get(f"/api/v1/agenda-items/{item.pk}/").status_code == 200


def test_agenda_items_api__modified_since_and_cursor_walk(api, meeting_factory, item_factory):
    meeting = _publish(meeting_factory())
    items = [item_factory(meeting=meeting) for _ in range(5)]

    seen, url = [], "/api/v1/agenda-items/?page_size=2"
    while url:
        data = api.get(url).json()
        seen += [i["id"] for i in data["results"]]
        url = data["next"]
    since = api.get(
        "/api/v1/agenda-items/", {"modified_since": items[3].modified.isoformat()}
    ).json()

    assert seen == [item.pk for item in items]
    assert [i["id"] for i in since["results"]] == [items[3].pk, items[4].pk]


def test_agenda_items_api__votes_in_the_detail_have_each_members_vote(
    api, meeting_factory, item_factory, member_factory
):
    meeting = _publish(meeting_factory())
    item = item_factory(meeting=meeting, resolution="voted")
    member = member_factory(body=meeting.body, person_name="Aino Asukas")
    services.vote_record(
        item=item,
        first_proposal={"fi": "Ehdotus"},
        second_proposal={"fi": "Vastaehdotus"},
        ballots=[(member, "second")],
    )
    services.meeting_publish_minutes(meeting=meeting)

    detail = api.get(f"/api/v1/agenda-items/{item.pk}/").json()
    listed = api.get("/api/v1/agenda-items/").json()["results"][0]

    assert detail["votes"][0]["second_count"] == 1
    assert detail["votes"][0]["ballots"] == [{"member": "Aino Asukas", "choice": "second"}]
    assert "ballots" not in listed["votes"][0]


def test_officeholder_decisions_api__published_only(api, officeholder_decision_factory):
    shown = officeholder_decision_factory()
    hidden = officeholder_decision_factory(publish_at=timezone.now() + datetime.timedelta(days=1))

    data = api.get(f"/api/v1/officeholder-decisions/?body={shown.decision_maker_id}").json()

    assert [d["id"] for d in data["results"]] == [shown.pk]
    assert data["results"][0]["decision"] == "<p>Myönnän avustuksen.</p>"
    assert api.get(f"/api/v1/officeholder-decisions/{hidden.pk}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    ["body=abc", "body=99999999999999999999", "from=x", "to=0001-01-01", "q=%00", "state=x"],
)
def test_decisions_api__bad_filters_answer_400_in_json(api, query):
    for resource in ("meetings", "agenda-items", "officeholder-decisions"):
        if query.startswith("state") and resource != "meetings":
            continue
        if query.startswith("q") and resource == "meetings":
            continue
        response = api.get(f"/api/v1/{resource}/?{query}")
        assert response.status_code == 400, (resource, query)
        assert response.json()["code"] == "invalid"
