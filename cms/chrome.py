"""The links every page shows (main menu and footer), cached per language and site.

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


def connect_signals() -> None:
    from cms.snippets import FooterLink, FooterLinks, MainMenu, MainMenuItem

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"cms-chrome-{signal!r}")
    # Saving a page draft changes no link; publishing, moving and deleting do.
    post_delete.connect(invalidate, sender=Page, dispatch_uid="cms-chrome-delete-Page")
    for model in (MainMenu, MainMenuItem, FooterLinks, FooterLink):
        uid = model.__name__
        post_save.connect(invalidate, sender=model, dispatch_uid=f"cms-chrome-save-{uid}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"cms-chrome-delete-{uid}")
