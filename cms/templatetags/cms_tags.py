"""Template tags of the CMS: the editable main menu and footer links, and breadcrumbs."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import get_language, get_language_info
from wagtail.models import Locale, Page

from cms.chrome import cached_links
from cms.snippets import FooterLink, MainMenuItem

register = template.Library()


def _links(context, items) -> list[dict]:
    """Turn menu items into {url, label, current} in the current language.

    An application section's title and address come from the section registry
    (portal.sections), in the language being rendered.

    A translated menu keeps links to the source language's pages (wagtail-localize synchronises
    page links), so they are swapped for the live translation in one query.
    """
    request = context.get("request")
    language = get_language()
    items = list(items)
    foreign_keys = {
        item.link_page.translation_key
        for item in items
        if item.link_page is not None and item.link_page.locale_id != item.locale_id
    }
    translations = {}
    if foreign_keys:
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=foreign_keys, locale__language_code=language
            )
        }
    links = []
    for item in items:
        page = item.link_page
        if page is not None:
            page = translations.get(page.translation_key, page)
            if not page.live:
                continue
            links.append(_page_link(page, request, item.label))
        elif item.link_section:
            section = item.section
            # A section whose app is gone leaves no dead link behind.
            if section is None:
                continue
            links.append(
                {
                    "url": section.url(),
                    "label": item.label or str(section.title),
                    "page_id": None,
                    "type_id": None,
                }
            )
        else:
            links.append(
                {"url": item.link_url, "label": item.label, "page_id": None, "type_id": None}
            )
    return links


def _page_link(page, request, label: str = "") -> dict:
    # Plain values only: the lists are cached between requests.
    return {
        "url": page.get_url(request),
        "label": label or page.title,
        "page_id": page.pk,
        "type_id": page.content_type_id,
    }


def _mark_current(context, links: list[dict]) -> list[dict]:
    current = getattr(context.get("page"), "pk", None)
    request = context.get("request")
    path = request.path if request is not None else None

    def is_current(link: dict) -> bool:
        if link["page_id"] is not None:
            return current is not None and link["page_id"] == current
        return path is not None and link["url"] == path

    return [{**link, "current": is_current(link)} for link in links]


@register.simple_tag(takes_context=True)
def main_menu_links(context) -> list[dict]:
    """The main menu links of the current language."""

    def build() -> list[dict]:
        items = (
            MainMenuItem.objects.filter(menu__locale__language_code=get_language())
            .select_related("link_page")
            .order_by("menu_id", "sort_order")
        )
        return _links(context, items)

    return _mark_current(context, cached_links("main-menu", context.get("request"), build))


@register.simple_tag(takes_context=True)
def footer_links(context) -> list[dict]:
    """The footer links of the current language; the accessibility statement is always there."""
    from cms.models import AccessibilityStatementPage

    def build() -> list[dict]:
        items = (
            FooterLink.objects.filter(footer__locale__language_code=get_language())
            .select_related("link_page")
            .order_by("footer_id", "sort_order")
        )
        links = _links(context, items)
        # The content type manager caches, so this costs no query after the first request.
        statement_type = ContentType.objects.get_for_model(AccessibilityStatementPage)
        if not any(link["type_id"] == statement_type.pk for link in links):
            # The law requires the statement to be reachable from every page, menu or not.
            statement = (
                AccessibilityStatementPage.objects.live()
                .filter(locale__language_code=get_language())
                .first()
            )
            if statement is not None:
                links.append(_page_link(statement, context.get("request")))
        return links

    return _mark_current(context, cached_links("footer", context.get("request"), build))


@register.inclusion_tag("cms/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors from the home page down, for a breadcrumb trail."""
    ancestors = page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path")
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


def _active_locale(request) -> Locale | None:
    # Cached on the request so that many links on a page cost one query.
    language = get_language()
    cached = getattr(request, "_cms_locale", None) if request is not None else None
    if cached is not None and cached.language_code == language:
        return cached
    locale = Locale.objects.filter(language_code=language).first()
    if request is not None:
        request._cms_locale = locale
    return locale


@register.simple_tag(takes_context=True)
def localized_url(context, page) -> str:
    """The URL of the page's live translation in the current language, or of the page itself."""
    if page is None:
        return ""
    request = context.get("request")
    current = context.get("page")
    if getattr(current, "locale_id", None) == page.locale_id:
        # A Wagtail page is served in its own locale's language, so the link needs no lookup.
        return page.get_url(request) or ""
    locale = _active_locale(request)
    if locale is not None and page.locale_id != locale.pk:
        page = page.get_translations().live().filter(locale=locale).first() or page
    return page.get_url(request) or ""


@register.filter
def language_name(code: str) -> str:
    """The name of a language in the current one, written as a word inside a sentence.

    Finnish and Swedish write language names in lower case ("ruotsi", "svenska"), English
    capitalises them; Django's names are capitalised for use on their own.
    """
    name = str(get_language_info(code)["name_translated"])
    return name if get_language() == "en" else name.lower()
