"""Per-field translations of domain texts (django-modeltranslation) with a visible fallback.

Officials write texts such as body names in Finnish, Swedish and English. A text missing in the
reader's language falls back in a fixed order, and the caller learns which language it came from
so that the page can mark the fragment with the right `lang` attribute and say so.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# fi → sv → en, as in MODELTRANSLATION_FALLBACK_LANGUAGES.
LANGUAGE_ORDER: tuple[str, ...] = tuple(settings.MODELTRANSLATION_LANGUAGES)

# Whole sentences, not a pattern with language names: Finnish and Swedish inflect the names.
FALLBACK_NOTES = {
    ("fi", "sv"): _("(Not available in Finnish; shown in Swedish.)"),
    ("fi", "en"): _("(Not available in Finnish; shown in English.)"),
    ("sv", "fi"): _("(Not available in Swedish; shown in Finnish.)"),
    ("sv", "en"): _("(Not available in Swedish; shown in English.)"),
    ("en", "fi"): _("(Not available in English; shown in Finnish.)"),
    ("en", "sv"): _("(Not available in English; shown in Swedish.)"),
}


@dataclass(frozen=True)
class TranslatedText:
    text: str
    # The language the text is written in; None when no language has a text.
    language: str | None
    requested: str

    @property
    def is_fallback(self) -> bool:
        return self.language is not None and self.language != self.requested

    @property
    def fallback_note(self) -> str:
        if not self.is_fallback:
            return ""
        return str(FALLBACK_NOTES[(self.requested, self.language)])

    def __str__(self) -> str:
        return self.text


def normalise_language(language: str | None) -> str:
    """Map a language code such as `sv-fi` or None to one of the portal's languages."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in LANGUAGE_ORDER else LANGUAGE_ORDER[0]


def fallback_order(language: str) -> tuple[str, ...]:
    """The requested language first, then the others in the order fi, sv, en."""
    return (language, *(code for code in LANGUAGE_ORDER if code != language))


def translation_values(instance, field: str) -> dict[str, str | None]:
    """The field's stored text in every language, None where it is missing."""
    values = {}
    for code in LANGUAGE_ORDER:
        value = getattr(instance, f"{field}_{code}", None)
        values[code] = value if value else None
    return values


def translated(instance, field: str, language: str | None = None) -> TranslatedText:
    """The field's text in the language (the active one by default), or its fallback."""
    requested = normalise_language(language)
    values = translation_values(instance, field)
    for code in fallback_order(requested):
        if values[code]:
            return TranslatedText(text=values[code], language=code, requested=requested)
    return TranslatedText(text="", language=None, requested=requested)
