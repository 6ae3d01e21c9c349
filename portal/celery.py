"""The Celery application: worker and beat share it."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _require_secret_key(**kwargs):
    from django.core.exceptions import ImproperlyConfigured

    from portal.checks import require_base_url, require_secret_key

    # Workers write e-mails with links: they need the public address as much as the key.
    try:
        require_secret_key()
        require_base_url()
    except ImproperlyConfigured as exc:
        # Celery logs and ignores exceptions of signal handlers; SystemExit stops the process.
        raise SystemExit(str(exc)) from exc
