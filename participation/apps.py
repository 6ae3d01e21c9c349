from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = _("participation")

    def ready(self):
        from participation.sections import SECTIONS
        from portal import sections

        sections.register(*SECTIONS)
