from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cms"
    verbose_name = _("pages")

    def ready(self):
        from cms import chrome

        chrome.connect_signals()
        _accept_form_data_in_the_translation_editor()


def _accept_form_data_in_the_translation_editor() -> None:
    """Let wagtail-localize's translation editor save what translators type.

    Its script sends each translated text as form data, but its endpoints are Django REST
    framework views that take the portal's API default of JSON only, so every save would be
    refused (415). Only these two endpoints of the admin accept form data.
    """
    from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
    from wagtail_localize.views import edit_translation

    for view in (edit_translation.edit_string_translation, edit_translation.edit_override):
        view.cls.parser_classes = [MultiPartParser, FormParser, JSONParser]
