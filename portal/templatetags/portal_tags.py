"""Template tags shared by every page: the language switcher, the head's links for search
engines and shared links, and translated fields."""

import re

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, override

from portal.alternates import language_paths, path_in_language
from portal.links import absolute_url

register = template.Library()

# Open Graph names languages with a territory: the portal's are those of Finland.
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
DESCRIPTION_WORDS = 40


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
        # The same query answers the head's hreflang alternates (portal.alternates).
        translations = language_paths(request, page)
    links = []
    for code, name in settings.LANGUAGES:
        link = {"code": code, "name": name, "current": code == current}
        if code != current:
            if page is not None and hasattr(page, "get_translations"):
                target = translations.get(code)
                if target is not None:
                    link["url"] = target
                else:
                    with override(code):
                        link["url"] = reverse("cms:no_translation", args=[page.pk])
            elif request is not None:
                link["url"] = path_in_language(request.get_full_path(), code, request)
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


class CaptureNode(template.Node):
    def __init__(self, nodelist, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        context[self.name] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}…{% endcapture %}`: render the inside (blocks too) into `name`.

    The head needs a page's title and description twice (for people and for shared links), and
    a template block can be rendered only once.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def _plain(html: str) -> str:
    """Text of rendered (already escaped) HTML on one line, still escaped for an attribute."""
    return re.sub(r"\s+", " ", strip_tags(str(html))).strip()


def _canonical_path(request, path: str | None = None) -> str:
    # The page of a paged list is a page of its own; every other parameter (filters, search
    # words, tracking) shows the same page.
    path = path or request.path
    number = request.GET.get("page", "")
    if number.isdigit() and number.lstrip("0") not in ("", "1"):
        return f"{path}?page={number.lstrip('0')}"
    return path


@register.inclusion_tag("portal/includes/head_links.html", takes_context=True)
def head_links(context, title="", description=""):
    """Description, canonical link, hreflang alternates and Open Graph tags of the page."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {}
    current = get_language()
    if page is not None and hasattr(page, "get_translations"):
        parts = page.get_url_parts(request)
        canonical = absolute_url(_canonical_path(request, parts[2] if parts else None))
        paths = {**language_paths(request, page), current: parts[2] if parts else request.path}
    else:
        canonical = absolute_url(_canonical_path(request))
        paths = language_paths(request)
    alternates = [
        {"code": code, "url": absolute_url(paths[code])}
        for code, _name in settings.LANGUAGES
        if code in paths
    ]
    if settings.LANGUAGE_CODE in paths:
        alternates.append({"code": "x-default", "url": absolute_url(paths[settings.LANGUAGE_CODE])})
    description = Truncator(_plain(description)).words(DESCRIPTION_WORDS)
    return {
        "title": _plain(title),
        "description": mark_safe(description),  # noqa: S308 - escaped when it was rendered
        "canonical": canonical,
        "alternates": alternates if len(alternates) > 2 else [],
        "site_name": context.get("SITE_NAME") or settings.WAGTAIL_SITE_NAME,
        "og_type": getattr(page, "og_type", "website"),
        "og_locale": OG_LOCALES.get(current, current),
        "og_locale_alternates": [OG_LOCALES.get(code, code) for code in paths if code != current],
    }
