"""Fault tests of the notification outbox, each with its own Redis, mail server and Celery worker
(and gunicorn where requests are measured) on free ports, against the current test database.

Figures (p95 request times, recovery time) are printed; to see them:
    pytest tests/ops/test_faults.py -k redis_down -p no:randomly -rA
"""

from __future__ import annotations

import http.client
import json
import re
import time
from collections import Counter

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from cases import services as case_services
from notifications import services
from notifications.models import DeliveryState, Notification
from tests.cases.factories import make_case_type, make_unit
from tests.ops import faults

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.faults,
]


@pytest.fixture
def stack(tmp_path):
    """The test's own Redis and mail server; whatever the test starts is stopped at the end."""
    faults.require_postgresql()
    redis = faults.RedisServer(tmp_path)
    redis.start()
    smtp = faults.SmtpSink()
    started: list[faults.Process] = []

    class Stack:
        def worker(self, name="worker", **extra):
            env = faults.portal_env(redis=redis, smtp=smtp, **extra)
            process = faults.start_worker(name, env=env, log_dir=tmp_path)
            started.append(process)
            return process

        def web(self):
            env = faults.portal_env(redis=redis, smtp=smtp)
            process, port = faults.start_gunicorn(env=env, log_dir=tmp_path)
            started.append(process)
            return port

    Stack.redis = redis
    Stack.smtp = smtp
    yield Stack()
    for process in started:
        process.kill()
    smtp.close()
    redis.stop()


def resident(email="asukas@example.fi"):
    user = get_user_model().objects.create_user(
        username=email, email=email, password="x", language="fi"
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def outbox_row(user, subject="Päätös") -> Notification:
    """An outbox row written without the hand-over that notification_create does after commit
    (in this process tasks run in-process); the test hands it to its worker itself."""
    return Notification.objects.create(
        user=user, language="fi", kind="test", subject=subject, body="Teksti.", url="/fi/"
    )


def sent_ids(smtp) -> Counter:
    return Counter(message.message_id for message in list(smtp.messages))


# --- Redis stopped while the integration API records events --------------------------------------


def _request(port: int, method: str, path: str, token: str, body: dict) -> tuple[int, float]:
    payload = json.dumps(body)
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(
            method,
            path,
            body=payload,
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Host": "127.0.0.1",
            },
        )
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    return response.status, time.perf_counter() - started


def test_redis_down__events_recorded_promptly_and_notified_once_after_it_returns(stack, request):
    unit = make_unit("fault-unit")
    make_case_type(unit, code="permit")
    _client, token = case_services.integration_client_create(name="Case system", unit=unit)
    user = resident()
    stack.worker()
    port = stack.web()

    status, _ = _request(
        port,
        "PUT",
        "/api/v1/integration/cases/F1/",
        token,
        {
            "case_type": "permit",
            "reference": "LUP/1/2026",
            "title": {"fi": "Lupa"},
            "language": "fi",
            "submitted_at": "2026-11-02T09:00:00+02:00",
            "parties": [{"email": user.email, "role": "applicant"}],
        },
    )
    assert status == 201

    def record(n: int, prefix: str) -> list[float]:
        times = []
        for i in range(n):
            status, seconds = _request(
                port,
                "POST",
                "/api/v1/integration/cases/F1/events/",
                token,
                {
                    "external_event_id": f"{prefix}-{i}",
                    "occurred_at": "2026-11-03T10:00:00+02:00",
                    "kind": "note",
                    "note": {"fi": f"Tapahtuma {prefix} {i}"},
                },
            )
            assert status == 201, (prefix, i, status)
            times.append(seconds)
        return times

    up = record(50, "up")
    # The worker delivers what it was handed while Redis is up.
    faults.wait_for(lambda: len(stack.smtp.messages) >= 50, timeout=120, what="first 50 mails")

    stack.redis.stop()
    down = record(200, "down")
    assert Notification.objects.filter(delivery_state=DeliveryState.PENDING).count() == 200

    returned = time.monotonic()
    stack.redis.start()
    faults.wait_for(
        lambda: not Notification.objects.exclude(delivery_state=DeliveryState.SENT).exists(),
        timeout=180,
        what="every notification sent after Redis returned",
        interval=0.2,
    )
    recovery = max(message.at for message in stack.smtp.messages) - returned

    counts = sent_ids(stack.smtp)
    expected = set(Notification.objects.values_list("message_id", flat=True))
    assert len(expected) == 250
    assert set(counts) == expected
    assert [mid for mid, n in counts.items() if n != 1] == [], "a notification was sent twice"

    p95_up, p95_down = faults.percentile(up, 0.95), faults.percentile(down, 0.95)
    faults.report(
        request,
        f"\n[redis-down] event POST p95 with Redis up: {p95_up * 1000:.0f} ms (n={len(up)}); "
        f"with Redis down: {p95_down * 1000:.0f} ms (n={len(down)}); "
        f"Redis back → last of 200 queued notifications delivered: {recovery:.1f} s",
    )
    # Not a timing bar (shared machines): the requests did not wait for the broker's timeouts.
    assert p95_down < 5


# --- A worker killed while it sends ------------------------------------------------------------


@pytest.mark.parametrize(
    ("stall", "copies"),
    [
        # Killed before the mail server had the message: sent once, after the claim runs out.
        ("stall_before_data", 1),
        # Killed after the mail server took the message but before the row said "sent": the one
        # window of at-least-once; the second copy carries the same Message-ID.
        ("stall_after_data", 2),
    ],
)
def test_worker_killed_mid_send__nothing_lost_and_a_repeat_has_the_same_message_id(
    stack, stall, copies
):
    claim = {"NOTIFICATIONS_CLAIM_SECONDS": "3"}
    user = resident()
    stack.smtp.mode = stall
    worker = stack.worker("first", **claim)
    notification = outbox_row(user)
    faults.publish(stack.redis, "notifications.deliver", str(notification.pk))
    assert stack.smtp.stalled.wait(120), worker.log()

    notification.refresh_from_db()
    assert notification.delivery_state == DeliveryState.SENDING
    assert notification.message_id == services.message_id_for(notification)
    worker.kill()  # SIGKILL to the worker and its embedded beat
    stack.smtp.mode = "accept"
    stack.smtp.release.set()

    stack.worker("second", **claim)
    faults.wait_for(
        lambda: Notification.objects.get(pk=notification.pk).delivery_state == DeliveryState.SENT,
        timeout=120,
        what="the notification sent by the second worker",
        interval=0.2,
    )
    notification.refresh_from_db()
    assert notification.attempts == 2
    assert sent_ids(stack.smtp) == Counter({notification.message_id: copies})


# --- A transaction that rolls back ---------------------------------------------------------------


def test_rolled_back_transaction__sends_nothing(stack):
    from django.db import transaction

    user = resident()
    worker = stack.worker()

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        # Through the service: the hand-over waits for a commit that never comes.
        rolled = services.notification_create(
            user=user, language="fi", kind="test", subject="Ei lähde", body="x"
        )
        # And handed to the worker before the commit, as a careless caller would.
        faults.publish(stack.redis, "notifications.deliver", str(rolled.pk))
        raise RolledBack

    marker = outbox_row(user, subject="Merkki")
    faults.publish(stack.redis, "notifications.deliver", str(marker.pk))
    # One worker takes tasks in order: when the marker is out, the rolled-back task was handled…
    faults.wait_for(lambda: stack.smtp.messages, timeout=120, what="the marker notification")

    def sweeps() -> int:
        return len(re.findall(r"deliver_pending\[[^\]]+\] succeeded", worker.log()))

    # …and a whole sweep after it found nothing else to send.
    seen = sweeps()
    faults.wait_for(lambda: sweeps() > seen, timeout=30, what="a sweep of the outbox")
    assert sent_ids(stack.smtp) == Counter({services.message_id_for(marker): 1})
    assert not Notification.objects.filter(pk=rolled.pk).exists()


# --- A delivery that always fails -----------------------------------------------------------------


def test_always_failing_delivery__retried_with_backoff_then_parked_for_staff(stack, client):
    user = resident()
    stack.smtp.mode = "refuse"
    stack.worker(NOTIFICATIONS_RETRY_SECONDS="0.5")
    notification = outbox_row(user)
    faults.publish(stack.redis, "notifications.deliver", str(notification.pk))

    faults.wait_for(
        lambda: Notification.objects.get(pk=notification.pk).delivery_state == DeliveryState.FAILED,
        timeout=120,
        what="the notification parked",
        interval=0.2,
    )
    notification.refresh_from_db()
    assert notification.attempts == services.MAX_ATTEMPTS
    assert len(stack.smtp.refused) == services.MAX_ATTEMPTS
    assert stack.smtp.messages == []
    assert "451" in notification.last_error
    # Each wait at least the back-off (0.5, 1, 2, 4 s): retried later and later, not in a loop.
    gaps = [b - a for a, b in zip(stack.smtp.refused, stack.smtp.refused[1:], strict=False)]
    for attempt, gap in enumerate(gaps, start=1):
        assert gap >= 0.5 * 2 ** (attempt - 1) * 0.9, gaps

    # Parked notifications are listed for staff in the admin with the reason.
    from tests.fixtures.roles import ROLE_SPECS, create_user, sign_in

    admin = create_user(ROLE_SPECS["admin"])
    sign_in(client, admin, mfa=True)
    page = client.get("/admin/notifications/outbox/?delivery_state=failed")
    assert page.status_code == 200
    text = page.content.decode()
    assert notification.subject in text
    assert notification.last_error == "SMTP 451 4.3.0 Mailbox temporarily unavailable"
    assert notification.last_error in text
