"""Fields of the finance app that finance staff write in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from finance.models import Amendment, Forecast, Node, Report, Target, TargetStatus


@register(Node)
class NodeTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"fi": ("name",)}


@register(Report)
class ReportTranslationOptions(TranslationOptions):
    fields = ("narrative",)


@register(Amendment)
class AmendmentTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(Forecast)
class ForecastTranslationOptions(TranslationOptions):
    fields = ("explanation",)


@register(Target)
class TargetTranslationOptions(TranslationOptions):
    fields = ("title", "indicator", "target_value")
    required_languages = {"fi": ("title", "indicator", "target_value")}


@register(TargetStatus)
class TargetStatusTranslationOptions(TranslationOptions):
    fields = ("explanation",)
