"""Sign-in records are kept for a set time, without user agents, and then deleted."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.tasks import sign_in_records_remove_expired_task

from .conftest import PASSWORD, sign_in

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.mark.django_db
def test_sign_in_records__keep_no_user_agent(resident):
    client = Client(REMOTE_ADDR="203.0.113.10", HTTP_USER_AGENT=BROWSER)
    client.post("/en/accounts/login/", {"login": resident.email, "password": "arvaus-vaarin"})
    assert sign_in(client, resident.email, PASSWORD).status_code == 302

    assert AccessLog.objects.get().user_agent == ""
    assert AccessLog.objects.get().ip_address == "203.0.113.10"
    assert not AccessAttempt.objects.filter(user_agent=BROWSER).exists()


def _age(model, pk, **delta):
    model.objects.filter(pk=pk).update(attempt_time=timezone.now() - timedelta(**delta))


@pytest.mark.django_db
def test_sign_in_records__are_deleted_after_their_retention_time(resident, capsys):
    days = settings.SIGN_IN_LOG_RETENTION_DAYS
    old_log = AccessLog.objects.create(username="a@example.fi", ip_address="192.0.2.1")
    new_log = AccessLog.objects.create(username="a@example.fi", ip_address="192.0.2.1")
    _age(AccessLog, old_log.pk, days=days, minutes=1)
    _age(AccessLog, new_log.pk, days=days - 1)
    fields = {"get_data": "", "post_data": "", "http_accept": "", "path_info": "/"}
    old_try = AccessAttempt.objects.create(username="b", failures_since_start=3, **fields)
    new_try = AccessAttempt.objects.create(username="c", failures_since_start=3, **fields)
    _age(AccessAttempt, old_try.pk, hours=settings.AXES_COOLOFF_TIME, minutes=1)
    expired, live = SessionStore(), SessionStore()
    expired.create()
    live.create()
    Session.objects.filter(pk=expired.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )

    call_command("remove_expired_records")

    assert list(AccessLog.objects.values_list("pk", flat=True)) == [new_log.pk]
    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [new_try.pk]
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]
    assert "Removed 1 failed sign-in(s), 1 sign-in record(s)" in capsys.readouterr().out
    # Idempotent: a second run finds nothing more.
    assert set(sign_in_records_remove_expired_task().values()) == {0}


def test_sign_in_records__are_deleted_on_a_schedule():
    from portal.celery import app

    entries = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "accounts.remove_expired_records" in entries
    app.loader.import_default_modules()
    assert "accounts.remove_expired_records" in app.tasks
