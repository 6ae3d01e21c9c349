"""Fields of the maturity app written in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from maturity.models import Assessment, ProcessPhase, Round, Sector, Service


@register(Sector)
class SectorTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"fi": ("name",)}


@register(ProcessPhase)
class ProcessPhaseTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"fi": ("name",)}


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"fi": ("name",)}


@register(Round)
class RoundTranslationOptions(TranslationOptions):
    fields = ("summary",)


@register(Assessment)
class AssessmentTranslationOptions(TranslationOptions):
    fields = ("reason", "next_steps")
