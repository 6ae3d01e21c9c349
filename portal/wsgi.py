"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

from portal.checks import require_base_url, require_secret_key  # noqa: E402 - needs settings

require_secret_key()
require_base_url()
