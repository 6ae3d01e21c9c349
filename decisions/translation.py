"""Fields of the decisions app that officials write in Finnish, Swedish and English."""

from modeltranslation.translator import TranslationOptions, register

from decisions.models import (
    AgendaItem,
    AppealInstructionTemplate,
    Attachment,
    Body,
    Disqualification,
    Meeting,
    Membership,
    OfficeholderDecision,
    Vote,
)


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fi",)


@register(Membership)
class MembershipTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(AppealInstructionTemplate)
class AppealInstructionTranslationOptions(TranslationOptions):
    fields = ("name", "text")
    required_languages = ("fi",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("place",)


@register(AgendaItem)
class AgendaItemTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "secrecy_ground",
        "background",
        "proposal",
        "decision",
        "discussion",
        # "Liisa Laatija, hallintosihteeri" / "…, förvaltningssekreterare": titles translate.
        "preparer",
        "presenter",
    )
    required_languages = ("fi",)


@register(Disqualification)
class DisqualificationTranslationOptions(TranslationOptions):
    # The legal ground: "hallintolaki 28 § …" / "förvaltningslagen 28 § …".
    fields = ("reason",)
    required_languages = ("fi",)


@register(Attachment)
class AttachmentTranslationOptions(TranslationOptions):
    fields = ("title", "secrecy_ground")
    required_languages = ("fi",)


@register(Vote)
class VoteTranslationOptions(TranslationOptions):
    fields = ("subject", "first_proposal", "second_proposal")


@register(OfficeholderDecision)
class OfficeholderDecisionTranslationOptions(TranslationOptions):
    fields = ("title", "secrecy_ground", "background", "decision")
    required_languages = ("fi",)
