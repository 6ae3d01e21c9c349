"""Fields of the decisions app that officials write in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from decisions.models import Body


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)
