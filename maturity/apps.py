from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaturityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "maturity"
    verbose_name = _("digital maturity")

    def ready(self):
        from maturity.sections import SECTIONS
        from portal import sections

        sections.register(*SECTIONS)
