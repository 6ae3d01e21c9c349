"""Site settings that the municipality writes in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from cms.models import MunicipalitySettings


@register(MunicipalitySettings)
class MunicipalitySettingsTranslationOptions(TranslationOptions):
    fields = ("portal_name", "municipality_name")
