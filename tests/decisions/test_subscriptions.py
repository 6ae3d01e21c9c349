"""Subscriptions: an e-mail when a followed body publishes, or a followed word appears."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from decisions import services
from notifications.models import Notification
from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in
from tests.paths import app_url


@pytest.fixture
def resident(db):
    return create_user(ROLE_SPECS["resident_a"])


@pytest.fixture
def board(body_factory):
    return body_factory(slug="hallitus", name_fi="Kunnanhallitus", name_sv="Kommunstyrelsen")


def test_subscription__a_subscriber_gets_exactly_one_email_for_a_matching_agenda(
    resident, board, meeting_factory, item_factory, django_capture_on_commit_callbacks
):
    services.subscription_create(user=resident, body=board, language="fi")
    # The same agenda also matches a word: still only one e-mail.
    services.subscription_create(user=resident, word="uimahalli", language="fi")
    meeting = meeting_factory(body=board, number=7)
    item_factory(meeting=meeting, title={"fi": "Uimahallin peruskorjaus", "sv": "Simhallen"})

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule_agenda(
            meeting=meeting, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.subscriptions_announce_due()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [resident.email]
    assert "Kunnanhallitus 7/2026" in message.subject
    assert "Uimahallin peruskorjaus" in message.body


def test_subscription__a_scheduled_agenda_is_announced_when_its_time_comes(
    resident, board, meeting_factory, item_factory, django_capture_on_commit_callbacks
):
    import time_machine

    services.subscription_create(user=resident, word="uimahallin", language="sv")
    meeting = meeting_factory(body=board)
    item_factory(meeting=meeting, title={"fi": "Uimahallin katto", "sv": "Simhallens tak"})
    publish_at = timezone.now() + datetime.timedelta(days=1)
    services.meeting_schedule_agenda(meeting=meeting, publish_at=publish_at)

    with django_capture_on_commit_callbacks(execute=True):
        services.subscriptions_announce_due()
    assert mail.outbox == []
    with (
        time_machine.travel(publish_at + datetime.timedelta(minutes=5)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.subscriptions_announce_due()

    assert len(mail.outbox) == 1
    # In the subscriber's language (the resident's account says Finnish or Swedish).
    notification = Notification.objects.get()
    assert notification.language in ("fi", "sv")


def test_subscription__non_matching_word_and_other_body_get_nothing(
    resident,
    board,
    body_factory,
    meeting_factory,
    item_factory,
    django_capture_on_commit_callbacks,
):
    services.subscription_create(user=resident, word="kirjasto", language="fi")
    services.subscription_create(user=resident, body=body_factory(), language="fi")
    meeting = meeting_factory(body=board)
    item_factory(meeting=meeting, title={"fi": "Katuvalot"})

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_schedule_agenda(
            meeting=meeting, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )

    assert mail.outbox == []


def test_subscriptions_page__sign_in_required_and_adds_and_removes(client, resident, board):
    assert client.get(app_url("decisions:subscriptions"), secure=True).status_code == 302
    sign_in(client, resident, mfa=False)

    added = client.post(
        app_url("decisions:subscriptions"), {"body": "hallitus", "word": ""}, secure=True
    )
    both = client.post(
        app_url("decisions:subscriptions"), {"body": "hallitus", "word": "koulu"}, secure=True
    )
    subscription = resident.decision_subscriptions.get()
    page = client.get(app_url("decisions:subscriptions"), secure=True).content.decode()
    removed = client.post(app_url("decisions:subscription_delete", subscription.pk), secure=True)

    assert added.status_code == 302
    assert both.status_code == 400
    assert "Kunnanhallitus" in page
    assert removed.status_code == 302
    assert not resident.decision_subscriptions.exists()


def test_subscription_delete__another_users_subscription_is_not_found(client, resident, board):
    other = create_user(ROLE_SPECS["resident_b"])
    theirs = services.subscription_create(user=other, body=board, language="fi")
    sign_in(client, resident, mfa=False)

    response = client.post(app_url("decisions:subscription_delete", theirs.pk), secure=True)

    assert response.status_code == 404
    assert other.decision_subscriptions.exists()
