"""`{% translated obj "field" %}`: a translated field with a visible note when it fell back."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from portal.translation import translated as translated_text

register = template.Library()


@register.simple_tag
def translated(obj, field: str, rich: bool = False, language: str | None = None):
    """Render `obj.<field>` in the active language, marking a fallback with `lang` and a note.

    Plain text is escaped; pass `rich=True` only for fields that hold sanitised rich text.
    """
    result = translated_text(obj, field, language)
    if rich:
        from wagtail.rich_text import expand_db_html

        content = mark_safe(expand_db_html(result.text))  # noqa: S308 - sanitised rich text field
    else:
        content = result.text
    if not result.is_fallback:
        return format_html("{}", content)
    element = "div" if rich else "span"
    return format_html(
        '<{element} lang="{lang}">{content}</{element}> <span class="fallback-note">{note}</span>',
        element=element,
        lang=result.language,
        content=content,
        note=result.fallback_note,
    )


@register.simple_tag
def in_language(text, language: str | None):
    """`text`, written in `language`, marked with `lang` when the page is in another language.

    For texts kept in one language only, such as a case's decision reference written in the
    case's own language by the back office.
    """
    from django.utils.translation import get_language

    page_language = (get_language() or "").split("-")[0]
    if not text or not language or language == page_language:
        return format_html("{}", text or "")
    return format_html('<span lang="{}">{}</span>', language, text)
