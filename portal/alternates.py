"""The addresses of the current page in each language: one answer for the language switcher, the
`hreflang` alternates and the canonical link, computed once per request."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, translate_url
from django.utils.translation import get_language


def path_in_language(path: str, code: str, request=None) -> str:
    """`path` (with its query) translated into language `code`, for a link on the page.

    A path that is no route of the portal (a "not found" page's own address, which the client
    chose) gives the language's front page instead: never the address echoed back, where
    `//evil.example/x` would be a link off the site. When `path` is the address of `request`,
    which Django has already resolved, it is not resolved again (a route's converters may query).
    """
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or "\\" in parts.path:
        return f"/{code}/"
    already_resolved = (
        request is not None
        and getattr(request, "resolver_match", None) is not None
        and parts.path == request.path
    )
    if not already_resolved:
        try:
            resolve(parts.path)
        except Resolver404:
            return f"/{code}/"
    if code == get_language():
        return path
    translated = translate_url(path, code)
    if translated.startswith(("//", "/\\")):
        return f"/{code}/"
    return translated


def language_paths(request, page=None) -> dict[str, str]:
    """{language: path} of the pages that show the same content in another language.

    A Wagtail page has the languages of its live translations; an application page (no `page`)
    has every language, its path translated by Django's translate_url. Computed once per request
    and page (one query for a Wagtail page, none for an application page).
    """
    key = getattr(page, "pk", None)
    cache = getattr(request, "_portal_language_paths", None) if request is not None else None
    if cache is not None and key in cache:
        return cache[key]
    paths: dict[str, str] = {}
    if page is not None and hasattr(page, "get_translations"):
        pages = page.get_translations(inclusive=True).live().select_related("locale")
        for translation in pages:
            parts = translation.get_url_parts(request)
            if parts is not None:
                paths[translation.locale.language_code] = parts[2]
    elif request is not None:
        for code, _name in settings.LANGUAGES:
            paths[code] = path_in_language(request.path, code, request)
    if request is not None:
        if cache is None:
            cache = request._portal_language_paths = {}
        cache[key] = paths
    return paths
