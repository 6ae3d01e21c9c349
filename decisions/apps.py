from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = _("decisions")

    def ready(self):
        from decisions.sections import SECTIONS
        from portal import sections

        sections.register(*SECTIONS)
