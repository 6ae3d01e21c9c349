"""Money and percentages in the reader's language: "1 234 567 €", "12,3 milj. €", "33,5 %"."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()
MILLION = Decimal(1_000_000)


@register.filter
def euros(value) -> str:
    """Whole euros with the language's grouping."""
    if value is None or value == "":
        return "–"
    amount = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return _("%(amount)s €") % {"amount": number_format(amount, 0, force_grouping=True)}


@register.filter
def millions(value) -> str:
    """Millions of euros with one decimal."""
    if value is None or value == "":
        return "–"
    amount = (Decimal(value) / MILLION).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _("%(amount)s million €") % {"amount": number_format(amount, 1, force_grouping=True)}


@register.filter
def percent(value) -> str:
    if value is None or value == "":
        return "–"
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _("%(value)s %%") % {"value": number_format(rounded, 1)}


@register.filter
def grouped(value) -> str:
    """A whole number with the language's grouping: "18 520"."""
    if value is None or value == "":
        return "–"
    return number_format(value, 0, force_grouping=True)


@register.filter
def negate(value):
    return None if value is None else -value


@register.filter
def per_resident(value, population):
    if value is None or not population:
        return None
    return (Decimal(value) / population).quantize(Decimal(1), rounding=ROUND_HALF_UP)
