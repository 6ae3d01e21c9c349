"""Celery takes the reliability settings from Django's settings (CELERY_* names)."""

import pytest
from django.conf import settings

from portal import celery as portal_celery
from portal.celery import app


def test_celery_config__late_ack_reject_on_lost_worker_and_prefetch_one():
    conf = app.conf

    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.worker_prefetch_multiplier == 1
    assert conf.broker_url == settings.CELERY_BROKER_URL
    assert conf.timezone == "Europe/Helsinki"


def test_celery_config__beat_schedule_comes_from_settings():
    assert app.conf.beat_schedule == settings.CELERY_BEAT_SCHEDULE


def test_celery_config__tasks_of_every_app_are_discovered():
    app.loader.import_default_modules()
    app.autodiscover_tasks(force=True)

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, f"beat schedules unknown task {entry['task']}"


@pytest.mark.parametrize("signal", ["worker_init", "beat_init"])
def test_worker_and_beat__refuse_to_start_without_a_secret_key(settings, signal):
    from celery import signals

    settings.SECRET_KEY_MISSING = True

    receivers = [ref() for _key, ref in getattr(signals, signal).receivers]
    assert portal_celery._require_secret_key in receivers

    with pytest.raises(SystemExit, match="SECRET_KEY"):
        # Only the portal's handler: Celery's own Django fixup expects a real worker as sender.
        portal_celery._require_secret_key(signal=getattr(signals, signal), sender=None)
