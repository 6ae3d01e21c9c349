"""Fields of the participation app that officials write in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from participation.models import Option, Question, Survey


@register(Survey)
class SurveyTranslationOptions(TranslationOptions):
    fields = ("title", "intro")
    required_languages = {"fi": ("title",)}


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text", "options_text", "scale_min_label", "scale_max_label")
    required_languages = {"fi": ("text",)}


@register(Option)
class OptionTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = {"fi": ("text",)}
