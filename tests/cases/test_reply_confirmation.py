"""A resident who answers a request for more information gets a confirmation, once."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from cases import services
from notifications.models import Notification
from portal.pdf import pdf_document
from tests.cases.factories import make_case

SUBJECTS = {
    "fi": "Vastauksesi asiaan {reference} on vastaanotettu",
    "sv": "Vi har tagit emot ditt svar i ärendet {reference}",
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_reply__the_resident_gets_one_confirmation_email_and_inbox_entry(
    db, make_resident, language, django_capture_on_commit_callbacks
):
    resident = make_resident("aino@example.fi", language=language)
    case = make_case(parties=[resident.email], language=language)
    request_event, _ = services.case_record_event(
        case=case, kind="info_request", actor_name="t", note={language: "Liite?"}
    )
    Notification.objects.all().delete()
    mail.outbox.clear()
    client = Client()
    client.force_login(resident)
    with translation.override(language):
        url = reverse(
            "cases:info_request_answer",
            kwargs={"case_id": case.pk, "event_id": request_event.pk},
        )
    pdf = pdf_document(title="Asemapiirros", paragraphs=["Piirros."], language="fi", author="A")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"text": "Tässä.", "documents": SimpleUploadedFile("a.pdf", pdf, "application/pdf")},
        )
    # Sending the form again changes nothing: the request has been answered.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"text": "Tässä uudestaan."})

    assert response.status_code == 302
    subject = SUBJECTS[language].format(reference=case.reference)
    inbox = Notification.objects.filter(user=resident)
    assert [(n.subject, n.language) for n in inbox] == [(subject, language)]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == subject
    assert mail.outbox[0].to == [resident.email]
