"""Serializer fields of the open data API."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.language import ALL, request_api_language
from portal.translation import LANGUAGE_ORDER, translated, translation_values

TRANSLATIONS_SCHEMA = {
    "type": "object",
    "description": "Every translation, with null where a language has no text (lang=all).",
    "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGE_ORDER},
    "required": list(LANGUAGE_ORDER),
    "additionalProperties": False,
}


# A translated text: one language's, or every language's for lang=all.
TEXT_OR_TRANSLATIONS_SCHEMA = {
    "oneOf": [
        {
            "type": "string",
            "description": "The text in the requested language, or its fallback (fi, sv, en).",
        },
        TRANSLATIONS_SCHEMA,
    ]
}


@extend_schema_field(TEXT_OR_TRANSLATIONS_SCHEMA)
class TranslatedField(serializers.Field):
    """A modeltranslation field: the requested language's text, or all of them for `lang=all`.

    `TranslatedField(source="name")` reads `name_fi`, `name_sv` and `name_en`.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        # The whole object: the field needs every language column, not one value.
        return instance

    def to_representation(self, instance):
        field = self.source
        language = request_api_language(self.context.get("request"))
        if language == ALL:
            return translation_values(instance, field)
        return translated(instance, field, language).text
