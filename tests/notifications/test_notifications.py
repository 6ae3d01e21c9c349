"""Notifications: the inbox, and the outbox that survives a missing broker."""

import pytest
from django.core import mail
from django.test import Client

from notifications import services
from notifications.models import DeliveryState, Notification
from tests.paths import app_url


@pytest.fixture
def resident(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(
        username="r@example.fi", email="r@example.fi", password="x", language="sv"
    )


def create(user, **kwargs):
    return services.notification_create(
        user=user,
        language=kwargs.pop("language", "sv"),
        kind="test",
        subject=kwargs.pop("subject", "Ämne"),
        body="Text.",
        url=kwargs.pop("url", app_url("cases:my_cases", lang="sv")),
        **kwargs,
    )


def test_notification__emailed_once_after_commit(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = create(resident)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["r@example.fi"]
    assert (
        "http" in mail.outbox[0].body
        and app_url("cases:my_cases", lang="sv") in mail.outbox[0].body
    )
    notification.refresh_from_db()
    assert notification.delivery_state == DeliveryState.SENT
    # Delivering again (a task run twice) sends nothing more.
    assert services.notification_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_notification__same_dedupe_key_is_written_once(
    resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = create(resident, dedupe_key="k1")
        second = create(resident, dedupe_key="k1", subject="Another")
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_notification__waits_in_the_outbox_when_the_broker_is_away(
    resident, django_capture_on_commit_callbacks, monkeypatch
):
    from notifications import tasks

    def broker_down(*args, **kwargs):
        raise ConnectionError("broker unavailable")

    monkeypatch.setattr(tasks.notification_deliver_task, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        notification = create(resident)
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.delivery_state == DeliveryState.PENDING

    from datetime import timedelta

    assert services.notifications_deliver_pending(older_than=timedelta(0)) == 1
    assert services.notifications_deliver_pending(older_than=timedelta(0)) == 0
    assert len(mail.outbox) == 1


def test_notification__subject_is_one_header_line(resident, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create(resident, subject="Rad ett\nBcc: evil@example.com")
    assert mail.outbox[0].subject == "Rad ett Bcc: evil@example.com"
    assert mail.outbox[0].bcc == []


def test_inbox__unread_count_in_header_and_mark_read(resident):
    create(resident, subject="Första")
    create(resident, subject="Andra")
    client = Client()
    client.force_login(resident)
    page = client.get(app_url("notifications:inbox", lang="sv")).content.decode()
    assert "Du har 2 olästa aviseringar." in page
    assert 'class="badge badge--count">2' in page
    client.post(app_url("notifications:mark_all_read", lang="sv"))
    page = client.get(app_url("notifications:inbox", lang="sv")).content.decode()
    assert "Du har 0 olästa aviseringar." in page
    assert "badge--count" not in page


def test_inbox__opening_marks_read_and_follows_the_link(resident):
    notification = create(resident, url=app_url("cases:my_cases", lang="sv"))
    client = Client()
    client.force_login(resident)
    response = client.get(app_url("notifications:open", notification.pk, lang="sv"))
    assert response.status_code == 302 and response["Location"] == app_url(
        "cases:my_cases", lang="sv"
    )
    notification.refresh_from_db()
    assert notification.is_read


def test_inbox__another_residents_notification_is_not_found(resident):
    from django.contrib.auth import get_user_model

    other = get_user_model().objects.create_user(username="o", email="o@example.fi")
    notification = create(resident)
    client = Client()
    client.force_login(other)
    assert client.get(app_url("notifications:open", notification.pk)).status_code == 404
    assert "Ämne" not in client.get(app_url("notifications:inbox")).content.decode()
    notification.refresh_from_db()
    assert not notification.is_read


def test_inbox__an_outside_link_is_not_followed(resident):
    notification = create(resident, url="https://evil.example.com/")
    client = Client()
    client.force_login(resident)
    response = client.get(app_url("notifications:open", notification.pk))
    assert response["Location"] == app_url("notifications:inbox")


# --- Delivery attempts: the idempotency key, claims, back-off and parking -----------------------


def _failing_send(monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPResponseException(451, b"4.3.0 Try again later")

    monkeypatch.setattr(EmailMessage, "send", refuse)


def test_delivery__message_id_is_recorded_before_sending_and_comes_from_the_row(
    resident, django_capture_on_commit_callbacks, monkeypatch
):
    from django.core.mail import EmailMessage

    seen = {}
    real_send = EmailMessage.send

    def send(self, *args, **kwargs):
        # What the row says while the mail server has the message.
        row = Notification.objects.get(subject="Ämne")
        seen.update(state=row.delivery_state, message_id=row.message_id)
        return real_send(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    with django_capture_on_commit_callbacks(execute=True):
        notification = create(resident)
    notification.refresh_from_db()
    assert seen == {"state": DeliveryState.SENDING, "message_id": notification.message_id}
    assert notification.message_id == f"<{notification.pk.hex}@portal.example.fi>"
    assert mail.outbox[0].extra_headers["Message-ID"] == notification.message_id
    assert mail.outbox[0].message()["Message-ID"] == notification.message_id
    assert notification.delivery_state == DeliveryState.SENT
    assert notification.claimed_until is None


def test_delivery__a_live_claim_is_left_alone_and_an_expired_one_resent_with_the_same_id(resident):
    from datetime import timedelta

    from django.utils import timezone

    notification = create(resident)
    Notification.objects.filter(pk=notification.pk).update(
        delivery_state=DeliveryState.SENDING,
        attempts=1,
        message_id=services.message_id_for(notification),
        claimed_until=timezone.now() + timedelta(minutes=5),
    )
    # Another worker is sending it: neither the task nor the sweep sends it again.
    assert services.notification_deliver(notification_id=notification.pk) is False
    assert services.notifications_deliver_pending(older_than=timedelta(0)) == 0
    # The claim ran out (the worker died): the sweep sends it, under the same Message-ID.
    Notification.objects.filter(pk=notification.pk).update(
        claimed_until=timezone.now() - timedelta(seconds=1)
    )
    assert services.notifications_deliver_pending(older_than=timedelta(0)) == 1
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert notification.delivery_state == DeliveryState.SENT
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [notification.message_id]


def test_delivery__failed_attempts_back_off_then_park_with_the_reason(
    resident, monkeypatch, settings
):
    from datetime import timedelta

    from django.utils import timezone

    settings.NOTIFICATIONS_RETRY_SECONDS = 60
    _failing_send(monkeypatch)
    notification = create(resident)
    delays = []
    for _attempt in range(services.MAX_ATTEMPTS):
        sent, retry_in = services.notification_deliver_attempt(notification_id=notification.pk)
        assert sent is False
        delays.append(retry_in)
        notification.refresh_from_db()
        # Not due yet: neither a task nor the sweep tries before the back-off has passed.
        if retry_in is not None:
            assert notification.next_attempt_at > timezone.now()
            assert services.notification_deliver(notification_id=notification.pk) is False
            assert services.notifications_deliver_pending(older_than=timedelta(0)) == 0
            Notification.objects.filter(pk=notification.pk).update(
                next_attempt_at=timezone.now() - timedelta(seconds=1)
            )
    assert delays == [60, 120, 240, 480, None]
    notification.refresh_from_db()
    assert notification.delivery_state == DeliveryState.FAILED
    assert notification.attempts == services.MAX_ATTEMPTS
    assert notification.last_error == "SMTP 451 4.3.0 Try again later"
    # Parked: the sweep leaves it to staff.
    assert services.notifications_deliver_pending(older_than=timedelta(0)) == 0
    assert mail.outbox == []


def test_delivery__a_failed_send_after_commit_leaves_the_change_and_a_due_retry(
    resident, django_capture_on_commit_callbacks, monkeypatch
):
    _failing_send(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        notification = create(resident)
    notification.refresh_from_db()
    assert notification.delivery_state == DeliveryState.PENDING
    assert notification.attempts == 1
    assert notification.next_attempt_at is not None
    assert notification.last_error == "SMTP 451 4.3.0 Try again later"
