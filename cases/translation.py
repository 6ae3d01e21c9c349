"""Fields of the cases app that officials write in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from cases.models import Case, CaseEvent, CaseType, Phase, Unit


@register(Unit)
class UnitTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("fi",)


@register(CaseType)
class CaseTypeTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Phase)
class PhaseTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Case)
class CaseTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(CaseEvent)
class CaseEventTranslationOptions(TranslationOptions):
    fields = ("note",)
