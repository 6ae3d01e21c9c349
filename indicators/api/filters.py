import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from indicators.models import BREAKDOWN, PERIOD, Indicator, Theme, Value, period_start


class PeriodField(forms.CharField):
    """A period as PxWeb writes it (2024, 2024Q3, 2024M05), given as the date it starts."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if PERIOD.fullmatch(value) is None:
            raise ValidationError(_("Write the period as 2024, 2024Q3 or 2024M05."))
        return period_start(value)


class PeriodFilter(django_filters.Filter):
    field_class = PeriodField


class IndicatorFilter(django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(choices=Theme.choices, help_text="Theme.")

    class Meta:
        model = Indicator
        fields = ("theme",)


def _validate_breakdown(value: str) -> None:
    if value != "total" and BREAKDOWN.fullmatch(value) is None:
        raise ValidationError(_("Write the breakdown as gender:female, or leave it empty."))


class ValueFilter(django_filters.FilterSet):
    indicator = django_filters.CharFilter(
        field_name="indicator__code", max_length=60, help_text="Code of the indicator."
    )
    area = django_filters.CharFilter(
        field_name="area__code", max_length=8, help_text="Statistics Finland's area code."
    )
    theme = django_filters.ChoiceFilter(
        field_name="indicator__theme", choices=Theme.choices, help_text="Theme."
    )
    period = django_filters.CharFilter(
        field_name="period", max_length=8, help_text="One period: 2024, 2024Q3 or 2024M05."
    )
    breakdown = django_filters.CharFilter(
        field_name="breakdown",
        max_length=64,
        validators=[_validate_breakdown],
        help_text='A breakdown such as gender:female; "total" for the totals only.',
        method="filter_breakdown",
    )

    class Meta:
        model = Value
        fields = ("indicator", "area", "theme", "period", "breakdown")

    def filter_breakdown(self, queryset, name, value):
        return queryset.filter(breakdown="" if value == "total" else value)


ValueFilter.base_filters["from"] = PeriodFilter(
    field_name="period_start", lookup_expr="gte", help_text="Periods from this one on."
)
ValueFilter.base_filters["to"] = PeriodFilter(
    field_name="period_start", lookup_expr="lte", help_text="Periods up to this one."
)
