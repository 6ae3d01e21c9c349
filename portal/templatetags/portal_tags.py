"""Template tags shared by every page: the language switcher and translated fields."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, override

register = template.Library()


def _language_name(code: str) -> str:
    return dict(settings.LANGUAGES)[code]


@register.inclusion_tag("portal/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the same page in the other languages, or to a page that says it has none."""
    request = context.get("request")
    current = get_language()
    page = context.get("page")
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=False).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        link = {"code": code, "name": name, "current": code == current}
        if code != current:
            if page is not None and hasattr(page, "get_translations"):
                target = translations.get(code)
                if target is not None:
                    link["url"] = target.get_url(request)
                else:
                    with override(code):
                        link["url"] = reverse("cms:no_translation", args=[page.pk])
            elif request is not None:
                link["url"] = translate_url(request.get_full_path(), code)
            else:
                link["url"] = f"/{code}/"
        links.append(link)
    return {"links": links}


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Unread notifications of the signed-in user (cached: no query on most pages)."""
    from notifications.selectors import unread_count

    request = context.get("request")
    return unread_count(getattr(request, "user", None))
