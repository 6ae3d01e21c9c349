"""The links every page shows (main menu and footer), cached per language and site.

The site search keeps the locales and the pages' view restrictions here too.

Every page renders the same menu and footer; building them costs several queries. The link lists
are cached under a version number that any change to pages or menus bumps, so that an edit shows
at once. Without a working cache the lists are simply built on every request.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

VERSION_KEY = "cms:chrome-version"
TIMEOUT_SECONDS = 60 * 60


def _version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return version


def invalidate(**kwargs) -> None:
    """Make every page build its menu and footer anew."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)


def cached_links(kind: str, request, build: Callable[[], list[dict]]) -> list[dict]:
    """The `kind` link list of the current language, built by `build` when not cached."""
    host = request.get_host() if request is not None else ""
    key = f"cms:chrome:{_version()}:{kind}:{get_language()}:{host}"
    links = cache.get(key)
    if links is None:
        links = build()
        cache.set(key, links, timeout=TIMEOUT_SECONDS)
    return links


def cached_value(kind: str, build: Callable[[], object]) -> object:
    """A value of every language and site (e.g. the site search's locales), cached likewise."""
    key = f"cms:chrome:{_version()}:{kind}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=TIMEOUT_SECONDS)
    return value


def connect_signals() -> None:
    from wagtail.models import Locale, PageViewRestriction

    from cms.snippets import FooterLink, FooterLinks, MainMenu, MainMenuItem

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"cms-chrome-{signal!r}")
    # Saving a page draft changes no link; publishing, moving and deleting do.
    post_delete.connect(invalidate, sender=Page, dispatch_uid="cms-chrome-delete-Page")
    # Locales and view restrictions: the site search keeps them with the menus.
    for model in (MainMenu, MainMenuItem, FooterLinks, FooterLink, Locale, PageViewRestriction):
        uid = model.__name__
        post_save.connect(invalidate, sender=model, dispatch_uid=f"cms-chrome-save-{uid}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"cms-chrome-delete-{uid}")
