"""Reading pages: bodies, meetings, items and officeholder decisions in fi, sv and en."""

import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from decisions import services
from decisions.demo import _pdf
from decisions.models import Publicity
from tests.paths import app_url

LANGS = ("fi", "sv", "en")


@pytest.fixture
def published(body_factory, meeting_factory, item_factory, member_factory):
    """A council meeting whose minutes are published, with a voted and a confidential item."""
    body = body_factory(
        kind="council", slug="valtuusto", name_fi="Valtuusto", name_sv="Fullmäktige"
    )
    meeting = meeting_factory(body=body, number=4, year=2026)
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(days=7)
    )
    first = item_factory(meeting=meeting, order=1, section=10, case_reference="RAN/7/00/2026")
    second = item_factory(meeting=meeting, order=2, section=11, resolution="voted")
    secret = item_factory(
        meeting=meeting,
        order=3,
        section=12,
        title={"fi": "Henkilöstöasia", "sv": "Personalärende"},
        background={"fi": "<p>Salainen tausta</p>"},
        is_confidential=True,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 32 k", "sv": "OffL 24 § 1 mom. 32 p."},
    )
    members = [member_factory(body=body, person_name=name) for name in ("Aino A", "Bertil B")]
    services.vote_record(
        item=second,
        first_proposal={"fi": "Esittelijän ehdotus", "sv": "Föredragandens förslag"},
        second_proposal={"fi": "Vastaehdotus", "sv": "Motförslag"},
        ballots=[(members[0], "first"), (members[1], "second")],
    )
    services.disqualification_record(item=second, member=members[1], reason="Jäävi, HL 28 §")
    services.meeting_publish_minutes(meeting=meeting)
    later = meeting_factory(body=body, number=9, year=2026)
    services.meeting_schedule_agenda(
        meeting=later, publish_at=timezone.now() - datetime.timedelta(days=1)
    )
    other = item_factory(meeting=later, order=1, section=1, case_reference="RAN/7/00/2026")
    return {
        "body": body,
        "meeting": meeting,
        "first": first,
        "second": second,
        "secret": secret,
        "other": other,
    }


@pytest.mark.parametrize("lang", LANGS)
def test_pages__every_page_type_answers_in_every_language(client, published, lang):
    urls = [
        app_url("decisions:index", lang=lang),
        app_url("decisions:body", "valtuusto", lang=lang),
        app_url("decisions:meeting", published["meeting"].pk, lang=lang),
        app_url("decisions:item", published["first"].pk, lang=lang),
        app_url("decisions:search", lang=lang, query="?q=koulu"),
    ]
    for url in urls:
        response = client.get(url, secure=True)
        assert response.status_code == 200, url
        assert f'<html lang="{lang}">' in response.content.decode()
        assert "decisions/css/decisions." in response.content.decode()


def test_meeting_page__lists_the_agenda_with_resolutions(client, published):
    html = client.get(app_url("decisions:meeting", published["meeting"].pk, lang="sv"), secure=True)
    text = html.content.decode()

    assert "Renovering av Skolgatan" in text
    assert "10 §" in text and "11 §" in text
    assert "Personalärende" in text
    assert "avgjordes efter omröstning" in text


def test_item_page__shows_votes_as_a_table_neighbours_and_other_handlings(client, published):
    response = client.get(app_url("decisions:item", published["second"].pk), secure=True)
    text = response.content.decode()

    assert "<table" in text and "Aino A" in text and "Bertil B" in text
    assert "Jäävi, HL 28 §" in text
    assert app_url("decisions:item", published["first"].pk) in text  # previous
    assert app_url("decisions:item", published["secret"].pk) in text  # next
    first = client.get(app_url("decisions:item", published["first"].pk), secure=True)
    assert app_url("decisions:item", published["other"].pk) in first.content.decode()


def test_item_page__confidential_item_shows_only_its_title(client, published):
    response = client.get(app_url("decisions:item", published["secret"].pk), secure=True)
    text = response.content.decode()

    assert response.status_code == 200
    assert "Henkilöstöasia" in text
    assert "JulkL 24 § 1 mom. 32 k" in text
    assert "Salainen tausta" not in text


def test_item_page__decision_waits_for_the_minutes(client, meeting_factory, item_factory):
    meeting = meeting_factory()
    services.meeting_schedule_agenda(
        meeting=meeting, publish_at=timezone.now() - datetime.timedelta(hours=1)
    )
    item = item_factory(meeting=meeting)

    text = client.get(app_url("decisions:item", item.pk), secure=True).content.decode()

    assert "Hallitus esittää peruskorjausta" in text
    assert "Päätösehdotus hyväksyttiin" not in text


def test_pages__an_agenda_scheduled_for_tomorrow_is_invisible_today(
    client, meeting_factory, item_factory, body_factory
):
    body = body_factory(slug="hallitus")
    meeting = meeting_factory(body=body)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    services.meeting_schedule_agenda(meeting=meeting, publish_at=tomorrow)
    item = item_factory(meeting=meeting, title={"fi": "Huomenna julkaistava asia"})

    assert client.get(app_url("decisions:meeting", meeting.pk), secure=True).status_code == 404
    assert client.get(app_url("decisions:item", item.pk), secure=True).status_code == 404
    assert (
        "Huomenna julkaistava"
        not in client.get(app_url("decisions:body", "hallitus"), secure=True).content.decode()
    )
    search = client.get(
        app_url("decisions:search", query="?q=Huomenna"), secure=True
    ).content.decode()
    assert "Huomenna julkaistava" not in search
    with time_machine.travel(tomorrow + datetime.timedelta(minutes=1)):
        assert client.get(app_url("decisions:item", item.pk), secure=True).status_code == 200


def test_attachment__public_file_is_served_and_non_public_never(
    client, published, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    item = published["first"]
    public = services.attachment_save(
        item=item,
        title={"fi": "Kartta"},
        file=SimpleUploadedFile("kartta.pdf", _pdf("Kartta"), "application/pdf"),
    )
    secret = services.attachment_save(
        item=item,
        title={"fi": "Tarjoukset"},
        file=SimpleUploadedFile("tarjous.pdf", _pdf("Hinta"), "application/pdf"),
        publicity=Publicity.NON_PUBLIC,
        secrecy_ground={"fi": "JulkL 24 § 1 mom. 20 k"},
    )

    served = client.get(app_url("decisions:attachment", public.pk), secure=True)
    refused = client.get(app_url("decisions:attachment", secret.pk), secure=True)
    page = client.get(app_url("decisions:item", item.pk), secure=True).content.decode()

    assert served.status_code == 200
    assert b"".join(served.streaming_content).startswith(b"%PDF-")
    assert refused.status_code == 404
    assert app_url("decisions:attachment", public.pk) in page
    assert app_url("decisions:attachment", secret.pk) not in page
    assert "Tarjoukset" in page and "JulkL 24 § 1 mom. 20 k" in page


def test_officeholder_pages__list_decisions_by_decision_maker(
    client, officeholder_decision_factory, body_factory
):
    director = body_factory(kind="officeholder", slug="sivistysjohtaja", name_fi="Sivistysjohtaja")
    decision = officeholder_decision_factory(decision_maker=director)
    hidden = officeholder_decision_factory(
        decision_maker=director,
        title={"fi": "Vielä julkaisematon"},
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )

    listing = client.get(
        app_url("decisions:body", "sivistysjohtaja", lang="sv"), secure=True
    ).content.decode()
    detail = client.get(
        app_url("decisions:officeholder_decision", decision.pk, lang="sv"), secure=True
    )

    assert "Beviljande av bidrag till byföreningen" in listing
    assert "Vielä julkaisematon" not in listing
    assert detail.status_code == 200
    assert "Jag beviljar bidraget." in detail.content.decode()
    assert (
        client.get(
            app_url("decisions:officeholder_decision", hidden.pk, lang="sv"), secure=True
        ).status_code
        == 404
    )


def test_agenda_item_template__has_the_item_extras_block():
    from django.template.loader import get_template

    template = get_template("decisions/agenda_item.html")

    assert "item_extras" in template.template.source


def test_print_css__hides_navigation_when_printing():
    from django.contrib.staticfiles import finders

    css = open(finders.find("decisions/css/decisions.css"), encoding="utf-8").read()

    assert "@media print" in css
