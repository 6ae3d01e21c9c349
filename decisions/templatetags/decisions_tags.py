"""Template helpers of the decisions pages."""

from django import template

from portal.translation import translated

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """The plain text of a translated field in the active language (or its fallback)."""
    return translated(obj, field).text


@register.filter
def section_label(item) -> str:
    return f"{item.section} §" if getattr(item, "section", None) else ""
