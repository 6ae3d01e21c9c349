import django_filters
from django.db.models import Q

from finance.accounts import Part
from finance.models import PERIODS, Figure, FiscalYear, ReportLine, Target


class YearField(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=9999, **kwargs)


class FigureFilter(django_filters.FilterSet):
    year = YearField(method="filter_year", help_text="The fiscal year, e.g. 2026.")
    period = django_filters.NumberFilter(
        field_name="period", min_value=1, max_value=PERIODS, help_text="The month, 1–12."
    )
    node = django_filters.CharFilter(
        method="filter_node",
        max_length=20,
        help_text="A cost centre's code: its own rows and those of the nodes under it.",
    )
    part = django_filters.ChoiceFilter(choices=Part.choices, help_text="The budget's part.")

    class Meta:
        model = Figure
        fields = ("year", "period", "node", "part")

    def filter_year(self, queryset, name, value):
        # The year's id as a constant, not a join: the planner then walks the (year, id) index
        # in the list's order instead of every earlier year's rows.
        year_id = FiscalYear.objects.filter(year=value).values_list("id", flat=True).first()
        return queryset.filter(year_id=year_id) if year_id is not None else queryset.none()

    def filter_node(self, queryset, name, value):
        return queryset.filter(
            Q(node__code=value) | Q(node__parent__code=value) | Q(node__parent__parent__code=value)
        )


class TargetFilter(django_filters.FilterSet):
    year = YearField(field_name="year__year", help_text="The fiscal year, e.g. 2026.")

    class Meta:
        model = Target
        fields = ("year",)


class PlanFilter(django_filters.FilterSet):
    year = YearField(field_name="report__year__year", help_text="The budget's year, e.g. 2026.")
    plan_year = YearField(field_name="plan_year", help_text="The plan year, e.g. 2027.")
    node = django_filters.CharFilter(
        method="filter_node",
        max_length=20,
        help_text="A node's code; `total` for the municipality's totals.",
    )

    class Meta:
        model = ReportLine
        fields = ("year", "plan_year", "node")

    def filter_node(self, queryset, name, value):
        if value == "total":
            return queryset.filter(node__isnull=True)
        return queryset.filter(node__code=value)
