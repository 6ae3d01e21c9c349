import datetime

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from decisions.models import Body, BodyKind


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
