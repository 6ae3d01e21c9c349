"""Number formats of the digital maturity pages, in the reader's language."""

from django import template
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maturity import views

register = template.Library()


@register.filter
def score(value) -> str:
    return views.number(value)


@register.filter
def signed(value) -> str:
    return views.signed(value)


@register.filter
def euros(value) -> str:
    return views.euros(value)


@register.filter
def count(value) -> str:
    return formats.number_format(value, 0, use_l10n=True, force_grouping=True)


@register.filter
def payback(value) -> str:
    """Payback time in years; "never" when the net saving is not positive."""
    if value is None:
        return _("not paid back")
    if value == 0:
        return _("no investment")
    return ngettext("%(years)s year", "%(years)s years", 1 if value == 1 else 2) % {
        "years": views.number(value)
    }
