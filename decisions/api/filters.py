import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from decisions.models import (
    AgendaItem,
    Body,
    BodyKind,
    Meeting,
    MeetingState,
    OfficeholderDecision,
    Resolution,
)


class BoundedIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date and time that the database can compare.

    It is passed on in UTC: PostgreSQL refuses offsets beyond ±15:59 that ISO 8601 allows, and
    a year 1 moved across time zones may fall outside the calendar.
    """

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None:
            try:
                result = result.astimezone(datetime.UTC)
            except (OverflowError, ValueError) as exc:
                raise ValidationError(_("Enter a date and time within the calendar.")) from exc
        return result


class BoundedIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = BoundedIsoDateTimeField


class BodyFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=BodyKind.choices, help_text="Kind of body.")
    modified_since = BoundedIsoDateTimeFilter(
        field_name="modified",
        lookup_expr="gte",
        help_text="Only bodies modified at or after this time (ISO 8601), for incremental sync.",
    )

    class Meta:
        model = Body
        fields = ("kind", "modified_since")


MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number that fits the column, else a 400."""

    field_class = IdField


class BoundedDateField(forms.DateField):
    """A date the database and time zones can handle (years 2–9998)."""

    def to_python(self, value):
        result = super().to_python(value)
        if result is not None and not (2 <= result.year <= 9998):
            raise ValidationError(_("Enter a date between the years 2 and 9998."))
        return result


class BoundedDateFilter(django_filters.DateFilter):
    field_class = BoundedDateField


def _modified_since(what: str) -> BoundedIsoDateTimeFilter:
    return BoundedIsoDateTimeFilter(
        field_name="modified",
        lookup_expr="gte",
        help_text=f"Only {what} modified at or after this time (ISO 8601), for incremental sync.",
    )


class MeetingFilter(django_filters.FilterSet):
    body = IdFilter(field_name="body_id", help_text="Id of the body.")
    state = django_filters.ChoiceFilter(choices=MeetingState.choices, help_text="State.")
    modified_since = _modified_since("meetings")

    class Meta:
        model = Meeting
        fields = ("body", "state", "modified_since")


MeetingFilter.base_filters["from"] = BoundedDateFilter(
    field_name="starts_at", lookup_expr="date__gte", help_text="Meetings on or after this date."
)
MeetingFilter.base_filters["to"] = BoundedDateFilter(
    field_name="starts_at", lookup_expr="date__lte", help_text="Meetings on or before this date."
)


class AgendaItemFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=200,
        help_text="Words to search for in Finnish or Swedish (stemmed on PostgreSQL).",
    )
    body = IdFilter(field_name="meeting__body_id", help_text="Id of the body.")
    meeting = IdFilter(field_name="meeting_id", help_text="Id of the meeting.")
    reference = django_filters.CharFilter(
        field_name="case_reference", max_length=100, help_text="Case reference (exact)."
    )
    resolution = django_filters.ChoiceFilter(
        choices=Resolution.choices,
        method="filter_resolution",
        help_text="Resolution (items whose minutes are published).",
    )
    modified_since = _modified_since("agenda items")

    class Meta:
        model = AgendaItem
        fields = ("q", "body", "meeting", "reference", "resolution", "modified_since")

    def filter_q(self, queryset, name, value):
        # The list views answer `q` with the bounded search (decisions.api.views
        # .BoundedSearchMixin); the filter only validates and documents it.
        return queryset

    def filter_resolution(self, queryset, name, value):
        from django.utils import timezone

        return queryset.filter(
            resolution=value, is_confidential=False, meeting__minutes_publish_at__lte=timezone.now()
        )


AgendaItemFilter.base_filters["from"] = BoundedDateFilter(
    field_name="meeting__starts_at",
    lookup_expr="date__gte",
    help_text="Items of meetings on or after this date.",
)
AgendaItemFilter.base_filters["to"] = BoundedDateFilter(
    field_name="meeting__starts_at",
    lookup_expr="date__lte",
    help_text="Items of meetings on or before this date.",
)


class OfficeholderDecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", max_length=200, help_text="Words to search for in Finnish or Swedish."
    )
    body = IdFilter(field_name="decision_maker_id", help_text="Id of the decision maker.")
    reference = django_filters.CharFilter(
        field_name="case_reference", max_length=100, help_text="Case reference (exact)."
    )
    modified_since = _modified_since("decisions")

    class Meta:
        model = OfficeholderDecision
        fields = ("q", "body", "reference", "modified_since")

    filter_q = AgendaItemFilter.filter_q


OfficeholderDecisionFilter.base_filters["from"] = BoundedDateFilter(
    field_name="decided_on", lookup_expr="gte", help_text="Decided on or after this date."
)
OfficeholderDecisionFilter.base_filters["to"] = BoundedDateFilter(
    field_name="decided_on", lookup_expr="lte", help_text="Decided on or before this date."
)
