"""Template helpers of the account pages."""

import math
from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def whole_minutes(value: timedelta | None) -> int:
    """Minutes in a duration, rounded up so that "try again in N minutes" is never too early."""
    if not value:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))
