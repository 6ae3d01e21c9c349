"""The whole story of a case, through the integration API and the resident's pages."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from cases import services
from cases.models import Case, Status
from tests import files
from tests.cases.factories import make_case_type, make_unit
from tests.paths import app_url

PDF = files.pdf()


def api(client, token, method, path, payload, capture):
    with capture(execute=True):
        return getattr(client, method)(
            path,
            payload,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )


@pytest.mark.django_db
def test_case__whole_story_through_integration_and_resident_pages(
    make_resident, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    unit = make_unit("building")
    make_case_type(unit, code="parking-permit", legal_deadline_days=None, declared_days=14)
    _client, token = services.integration_client_create(name="Back office", unit=unit)
    resident = make_resident("erik@example.fi", language="sv")
    backoffice = Client()
    start = timezone.now() - timedelta(days=3)

    response = api(
        backoffice,
        token,
        "put",
        "/api/v1/integration/cases/BO-1/",
        {
            "case_type": "parking-permit",
            "reference": "LOV/123/02.05.01/2026",
            "title": {"fi": "Asukaspysäköintitunnus", "sv": "Boendeparkeringstillstånd"},
            "language": "sv",
            "submitted_at": start.isoformat(),
            "publicity": "public",
            "parties": [{"email": "Erik@example.fi", "role": "applicant"}],
        },
        capture,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["tracking_code"] and body["status"] == "received"
    case = Case.objects.get(pk=body["id"])
    assert case.parties.get().user == resident

    event = {
        "external_event_id": "evt-1",
        "occurred_at": (start + timedelta(hours=2)).isoformat(),
        "kind": "phase_change",
        "phase": "in-review",
        "note": {"fi": "Hakemus on käsittelyssä.", "sv": "Ansökan behandlas."},
    }
    events = "/api/v1/integration/cases/BO-1/events/"
    assert api(backoffice, token, "post", events, event, capture).status_code == 201
    repeat = api(backoffice, token, "post", events, {**event, "phase": "received"}, capture)
    assert repeat.status_code == 200
    assert repeat.json()["phase"] == "in-review"

    due = timezone.now() + timedelta(days=14)
    response = api(
        backoffice,
        token,
        "post",
        events,
        {
            "external_event_id": "evt-2",
            "occurred_at": (start + timedelta(days=1)).isoformat(),
            "kind": "info_request",
            "info_request": {
                "due_at": due.isoformat(),
                "items": {"fi": "Lähetä rekisteriote.", "sv": "Skicka registerutdraget."},
            },
        },
        capture,
    )
    assert response.status_code == 201
    case.refresh_from_db()
    assert case.status == Status.WAITING_FOR_YOU

    browser = Client()
    browser.force_login(resident)
    page = browser.get(app_url("cases:detail", case.pk, lang="sv"))
    assert page.status_code == 200
    assert "Skicka registerutdraget." in page.content.decode()
    request_id = case.events.get(external_event_id="evt-2").pk
    with capture(execute=True):
        answered = browser.post(
            app_url("cases:info_request_answer", case.pk, request_id, lang="sv"),
            {
                "text": "Här är utdraget.",
                "documents": SimpleUploadedFile("utdrag.pdf", PDF, "application/pdf"),
            },
        )
    assert answered.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    # Two days waited for the resident: the clock excludes them.
    assert case.paused_seconds >= 86400 * 1.9
    document = case.documents.get()
    download = browser.get(app_url("cases:document", case.pk, document.pk, lang="sv"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    decided_at = timezone.now()
    response = api(
        backoffice,
        token,
        "post",
        events,
        {
            "external_event_id": "evt-3",
            "occurred_at": decided_at.isoformat(),
            "kind": "decision",
            "decision": {
                "outcome": "approved",
                "decided_at": decided_at.isoformat(),
                "summary": {"fi": "Tunnus myönnetään.", "sv": "Tillståndet beviljas."},
                "appeal_days": 14,
            },
        },
        capture,
    )
    assert response.status_code == 201
    case.refresh_from_db()
    assert case.status == Status.DECIDED
    assert case.processing_days is not None and case.processing_days <= 1
    page = browser.get(app_url("cases:detail", case.pk, lang="sv")).content.decode()
    assert "Tillståndet beviljas." in page
    assert "omprövning" in page

    with time_machine.travel(decided_at + timedelta(days=22)):
        final = api(
            backoffice,
            token,
            "post",
            events,
            {
                "external_event_id": "evt-4",
                "occurred_at": timezone.now().isoformat(),
                "kind": "final",
            },
            capture,
        )
        assert final.status_code == 201
        back = api(
            backoffice,
            token,
            "post",
            events,
            {
                "external_event_id": "evt-5",
                "occurred_at": timezone.now().isoformat(),
                "kind": "phase_change",
                "phase": "received",
            },
            capture,
        )
        assert back.status_code == 409
        assert back.json()["code"] == "decision_final"

    # One e-mail per resident-visible event and one confirming the answer, in the resident's
    # language, each once.
    subjects = [message.subject for message in mail.outbox]
    assert all(message.to == ["erik@example.fi"] for message in mail.outbox)
    assert len(subjects) == 5, subjects
    assert subjects == [
        "Ditt ärende LOV/123/02.05.01/2026 har gått vidare",
        "Mer information behövs för ditt ärende LOV/123/02.05.01/2026",
        "Vi har tagit emot ditt svar i ärendet LOV/123/02.05.01/2026",
        "Ditt ärende LOV/123/02.05.01/2026 har avgjorts",
        "Beslutet i ditt ärende LOV/123/02.05.01/2026 har vunnit laga kraft",
    ]
    assert app_url("cases:my_cases", lang="sv") in mail.outbox[0].body
