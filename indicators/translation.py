"""Fields of the key figures that exist in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from indicators.models import Area, Indicator


@register(Area)
class AreaTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"fi": ("name",)}


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "definition", "unit", "source")
    required_languages = {"fi": ("name", "source")}
