from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("portal")

    def ready(self):
        from portal import checks  # noqa: F401 - registers the system checks
        from portal.pagecache import connect_signals

        connect_signals()
