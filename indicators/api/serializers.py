from rest_framework import serializers

from indicators.models import Indicator, Value
from portal.api.fields import TranslatedField
from portal.api.language import ALL, request_api_language
from portal.translation import translated, translation_values


class IndicatorSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(
        view_name="api:indicator-detail", lookup_field="code"
    )
    name = TranslatedField()
    definition = TranslatedField()
    unit = TranslatedField()
    source = TranslatedField()

    class Meta:
        model = Indicator
        fields = (
            "id",
            "url",
            "code",
            "name",
            "definition",
            "unit",
            "decimals",
            "theme",
            "direction",
            "source",
            "source_url",
            "licence",
            "licence_url",
            "per_resident",
            "modified",
        )


class ValueSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-value-detail")
    indicator = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area_name = serializers.SerializerMethodField(help_text="The area's name.")
    value = serializers.DecimalField(
        max_digits=20, decimal_places=4, coerce_to_string=False, read_only=True
    )

    class Meta:
        model = Value
        fields = (
            "id",
            "url",
            "indicator",
            "area",
            "area_name",
            "period",
            "breakdown",
            "value",
            "modified",
        )

    def get_area_name(self, value) -> str | dict:
        language = request_api_language(self.context.get("request"))
        if language == ALL:
            return translation_values(value.area, "name")
        return translated(value.area, "name", language).text
