from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "indicators"
    verbose_name = _("key figures")

    def ready(self):
        from indicators.sections import SECTIONS
        from portal import sections

        sections.register(*SECTIONS)
