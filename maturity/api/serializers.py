from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from maturity.models import LEVEL_CODES
from portal.api.fields import TEXT_OR_TRANSLATIONS_SCHEMA
from portal.api.language import ALL, request_api_language
from portal.translation import translated, translation_values


def _translated(instance, field: str, context) -> str | dict:
    """The field in the requested language (or every language for lang=all)."""
    language = request_api_language(context.get("request"))
    if language == ALL:
        return translation_values(instance, field)
    return translated(instance, field, language).text


class SavingsSerializer(serializers.Serializer):
    transactions_per_year = serializers.IntegerField(source="transactions")
    yearly_gross_saving = serializers.DecimalField(
        source="gross", max_digits=14, decimal_places=2, help_text="Euros a year, before costs."
    )
    yearly_cost = serializers.DecimalField(max_digits=14, decimal_places=2)
    yearly_net_saving = serializers.DecimalField(source="net", max_digits=14, decimal_places=2)
    investment = serializers.DecimalField(max_digits=14, decimal_places=2)
    payback_years = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        allow_null=True,
        help_text="Investment / yearly net saving; null when the net saving is not positive.",
    )


class AssumptionsSerializer(serializers.Serializer):
    transactions_per_year = serializers.IntegerField()
    minutes_saved = serializers.DecimalField(max_digits=7, decimal_places=2)
    cost_per_hour = serializers.DecimalField(max_digits=12, decimal_places=2)
    investment = serializers.DecimalField(max_digits=12, decimal_places=2)
    yearly_cost = serializers.DecimalField(max_digits=12, decimal_places=2)


class ServiceScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.SerializerMethodField()
    adopted = serializers.BooleanField()
    reason = serializers.SerializerMethodField()
    electronic_share = serializers.IntegerField(help_text="Percent of transactions.")
    levels = serializers.SerializerMethodField(
        help_text="Phase code → manual, electronic_form, electronic_end_to_end or automated."
    )
    score = serializers.DecimalField(max_digits=4, decimal_places=1)
    next_steps = serializers.SerializerMethodField()
    assumptions = serializers.SerializerMethodField()
    savings = SavingsSerializer()

    def _text(self, figures, field: str, source_attr: str | None = None):
        instance = figures.source.service if source_attr == "service" else figures.source
        return _translated(instance, field, self.context)

    @extend_schema_field(TEXT_OR_TRANSLATIONS_SCHEMA)
    def get_name(self, figures) -> str | dict:
        return self._text(figures, "name", "service")

    @extend_schema_field(TEXT_OR_TRANSLATIONS_SCHEMA)
    def get_reason(self, figures) -> str | dict:
        return self._text(figures, "reason")

    @extend_schema_field(TEXT_OR_TRANSLATIONS_SCHEMA)
    def get_next_steps(self, figures) -> str | dict:
        return self._text(figures, "next_steps")

    def get_levels(self, figures) -> dict[str, str]:
        return {code: LEVEL_CODES[level] for code, level in figures.levels.items()}

    def get_assumptions(self, figures) -> dict:
        return AssumptionsSerializer(figures.source).data


class SectorScoreSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.SerializerMethodField()
    score = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    savings = SavingsSerializer()
    services = ServiceScoreSerializer(many=True)

    @extend_schema_field(TEXT_OR_TRANSLATIONS_SCHEMA)
    def get_name(self, sector) -> str | dict:
        return _translated(sector.source, "name", self.context)


class RoundSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="round.pk")
    year = serializers.IntegerField(source="round.year")
    url = serializers.SerializerMethodField()
    modified = serializers.DateTimeField(source="round.modified")
    published_at = serializers.DateTimeField(source="round.published_at")
    score = serializers.DecimalField(
        source="figures.score", max_digits=4, decimal_places=1, allow_null=True
    )
    savings = SavingsSerializer(source="figures.savings")

    def get_url(self, entry) -> str:
        path = reverse("api:maturity-round-detail", args=[entry.round.year])
        return self.context["request"].build_absolute_uri(path)


class RoundDetailSerializer(RoundSerializer):
    sectors = SectorScoreSerializer(source="figures.sectors", many=True)
    corrections = serializers.SerializerMethodField()

    def get_corrections(self, entry) -> list[dict]:
        return [
            {
                "at": c.at.isoformat(),
                "service": c.service.code if c.service else None,
                "note": c.note,
            }
            for c in entry.round.corrections.select_related("service").order_by("at", "id")
        ]
