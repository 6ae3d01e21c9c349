from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from notifications.sections import SECTIONS
        from portal import sections

        sections.register(*SECTIONS)
