from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = _("decisions")

    def ready(self):
        from django.core import checks

        from decisions.sections import SECTIONS
        from portal import sections, textsearch

        checks.register(textsearch.check_analysers)
        sections.register(*SECTIONS)
