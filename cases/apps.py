from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("cases")

    def ready(self):
        from cases import signals  # noqa: F401 - connects the receivers
        from cases.sections import SECTIONS
        from portal import sections

        sections.register(*SECTIONS)
