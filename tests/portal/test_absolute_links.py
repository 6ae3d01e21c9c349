"""Links that leave the page (e-mails, QR slips) are on the configured public address, never on
the Host header of the request that caused them."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from decisions import services
from tests.decisions.factories import AgendaItemFactory, BodyFactory, MeetingFactory
from tests.fixtures.roles import PASSWORD, ROLE_SPECS, create_user, sign_in

CONFIGURED = "https://kunta.example.fi"
FORGED_HOST = "attacker.example"


@pytest.fixture(autouse=True)
def _configured_address(settings):
    settings.PORTAL_BASE_URL = CONFIGURED
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, FORGED_HOST]


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_signup_email__confirmation_link_is_on_the_configured_address(client, language):
    with override(language):
        signup = reverse("account_signup")
        confirm_prefix = CONFIGURED + reverse("account_confirm_email", args=["KEY"]).removesuffix(
            "KEY/"
        )

    client.post(
        signup,
        {"email": "uusi@example.fi", "password1": PASSWORD, "password2": PASSWORD},
        HTTP_HOST=FORGED_HOST,
        secure=True,
    )

    [message] = mail.outbox
    links = _links(message.body)
    assert any(link.startswith(confirm_prefix) for link in links), message.body
    assert FORGED_HOST not in message.body + message.subject


@pytest.mark.django_db
def test_password_reset_email__link_is_on_the_configured_address(client):
    user = create_user(ROLE_SPECS["resident_a"])

    client.post(
        reverse("account_reset_password"),
        {"email": user.email},
        HTTP_HOST=FORGED_HOST,
        secure=True,
    )

    [message] = mail.outbox
    assert FORGED_HOST not in message.body
    assert [link for link in _links(message.body) if "/password/reset/key/" in link]
    assert all(link.startswith(CONFIGURED + "/") for link in _links(message.body))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_subscription_email__links_to_the_meeting_in_the_readers_language(
    language, django_capture_on_commit_callbacks
):
    resident = create_user(ROLE_SPECS["resident_a"])
    resident.language = language
    resident.save(update_fields=["language"])
    board = BodyFactory(slug="hallitus", name_fi="Kunnanhallitus", name_sv="Kommunstyrelsen")
    services.subscription_create(user=resident, body=board, language=language)
    meeting = MeetingFactory(body=board, number=7)
    AgendaItemFactory(meeting=meeting)

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule_agenda(
            meeting=meeting, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.subscriptions_announce_due()

    [message] = mail.outbox
    with override(language):
        expected = CONFIGURED + reverse("decisions:meeting", args=[meeting.pk])
        inbox = CONFIGURED + reverse("notifications:inbox")
    assert expected in _links(message.body)
    assert inbox in _links(message.body)


def test_access_code_slips__qr_codes_point_to_the_configured_address(client, db):
    from tests.participation.factories import SurveyFactory

    sign_in(client, create_user(ROLE_SPECS["admin"]), mfa=True)
    survey = SurveyFactory(identification="access_code")

    response = client.post(
        reverse("participation_admin:codes", args=[survey.pk]),
        {"count": "2", "group": "8B"},
        HTTP_HOST=FORGED_HOST,
    )

    page = response.content.decode()
    with override("fi"):
        address = CONFIGURED + reverse("participation:code", args=[survey.pk])
    assert response.status_code == 200
    assert address in page
    assert FORGED_HOST not in page
