from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from finance.models import Figure, FiscalYear, Node, Report, ReportLine, Target, TargetStatus
from portal.api.fields import TranslatedField


class ReportSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Report
        fields = ("id", "kind", "through_period", "published_on")
        read_only_fields = fields


class FiscalYearSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:finance-year-detail")
    reports = serializers.SerializerMethodField(help_text="The year's published reports.")
    datapackage_url = serializers.SerializerMethodField(
        help_text="The year as a Fiscal Data Package (Frictionless datapackage.json)."
    )

    class Meta:
        model = FiscalYear
        fields = (
            "id",
            "url",
            "modified",
            "year",
            "population",
            "tax_rate",
            "loan_stock",
            "budget_published_on",
            "published_through",
            "reports",
            "datapackage_url",
        )
        read_only_fields = fields

    @extend_schema_field(ReportSummarySerializer(many=True))
    def get_reports(self, year):
        return ReportSummarySerializer(year.published_reports, many=True).data

    def get_datapackage_url(self, year) -> str:
        from django.urls import reverse

        path = reverse("finance:datapackage", args=[year.year])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class NodeSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:finance-node-detail")
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    name = TranslatedField()

    class Meta:
        model = Node
        fields = (
            "id",
            "url",
            "modified",
            "code",
            "parent",
            "level",
            "name",
            "is_binding",
            "total_cost",
        )
        read_only_fields = fields


class FigureSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="year.year", read_only=True)
    cost_centre = serializers.CharField(source="node.code", read_only=True)
    actual = serializers.DecimalField(
        source="public_actual",
        max_digits=16,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        help_text="Null for periods that no published report covers yet.",
    )
    modified = serializers.DateTimeField(source="source.uploaded_at", read_only=True)

    class Meta:
        model = Figure
        fields = (
            "id",
            "modified",
            "year",
            "period",
            "cost_centre",
            "account",
            "line",
            "part",
            "budget",
            "actual",
        )
        read_only_fields = fields


class TargetStatusSerializer(serializers.ModelSerializer):
    report = ReportSummarySerializer(read_only=True)
    # A plain string in the schema: an enum named "status" would clash with the cases' one.
    status = serializers.CharField(
        read_only=True, help_text="achieved, on_track, at_risk or not_achieved."
    )
    explanation = TranslatedField()

    class Meta:
        model = TargetStatus
        fields = ("report", "status", "explanation")
        read_only_fields = fields


class TargetSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:finance-target-detail")
    year = serializers.IntegerField(source="year.year", read_only=True)
    node = serializers.CharField(source="node.code", read_only=True)
    title = TranslatedField()
    indicator = TranslatedField()
    target_value = TranslatedField()
    statuses = TargetStatusSerializer(many=True, read_only=True)

    class Meta:
        model = Target
        fields = (
            "id",
            "url",
            "modified",
            "year",
            "node",
            "title",
            "indicator",
            "target_value",
            "statuses",
        )
        read_only_fields = fields


class PlanLineSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(
        source="report.year.year", read_only=True, help_text="The year of the budget."
    )
    plan_year = serializers.IntegerField(
        read_only=True, help_text="A following year of the financial plan approved with it."
    )
    node = serializers.CharField(
        source="node.code",
        read_only=True,
        allow_null=True,
        default=None,
        help_text="The node's code (its own and everything under it); null for the totals.",
    )
    budget = serializers.DecimalField(
        max_digits=16,
        decimal_places=2,
        read_only=True,
        help_text="The planned amount, as it stood when the budget was published.",
    )

    class Meta:
        model = ReportLine
        fields = ("id", "year", "plan_year", "node", "line", "budget")
        read_only_fields = fields
