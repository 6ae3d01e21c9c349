"""Public pages served to anonymous visitors from the cache, and compressed responses.

A page is served from the cache only to a request that carries no session cookie, no message
cookie and no `Authorization` header: such a request is anonymous, which is decided before the
session and authentication middleware touch the database, so a hit makes no SQL query at all. The
language is in the path of every cached page (`/fi/…`, `/sv/…`), so the address alone names it;
the compressed and plain forms are kept apart.

A response is stored only if nothing in it is personal or one-off: a 200 HTML page, or under
/api/ a 200 JSON response, to a GET, that sets no cookie (a CSRF token, a session, a consumed
message would), showed or queued no message, varies on nothing but the cookie and the encoding
(and, under /api/, the language), whose view did not set `Cache-Control` itself (`never_cache` and
the like) and, for the API, limits no rate. The query string is part of the address, so a search
or a filtered API list is kept under its own; a query string over `MAX_QUERY_STRING` characters
is answered uncached. Under /api/ the language comes from `lang` or `Accept-Language`, so the
language the header resolves to is part of the key.

Browsers and proxies get `Cache-Control: no-cache` and an `ETag`: they may keep the page but must
ask again each time, and get a `304` from the cache when it has not changed. A short `max-age`
would spare that round trip, but would keep showing an unpublished page or a closed survey's form
from caches that the portal cannot purge; the server's cache answers in about a millisecond anyway.

Every entry carries the cache generation it was rendered under. Publishing anything anonymous
visitors see (pages, menus, meetings, decisions, surveys, finance, key figures, maturity) sets a new
generation when its transaction commits (`invalidate()`), and every older entry is ignored from then
on. Changes that come with the clock alone (an agenda's publication time, a survey's closing
time) show within `PAGE_CACHE_SECONDS`, the entries' lifetime.
"""

import secrets
import time
from collections.abc import Callable
from hashlib import md5

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import get_language_from_path

from portal.api.language import is_api_request, language_from_header

GENERATION_KEY = "pagecache:generation"
KEY_PREFIX = "pagecache:page"

# The response may vary on these only: the cookie decides "anonymous" (no cookie that changes the
# page), the encoding is part of the key.
HANDLED_VARY = frozenset({"cookie", "accept-encoding"})
# Under /api/ the key also holds the language that Accept-Language resolves to.
HANDLED_VARY_API = HANDLED_VARY | {"accept-language"}
# Longer query strings (no form or filter of the portal needs one) are answered uncached.
MAX_QUERY_STRING = 512

# Apps whose every model shows on public pages, and the models of these apps that do not
# (written by residents' answers and subscriptions, or while a page renders).
PUBLIC_CONTENT_APPS = frozenset(
    {
        "cms",
        "decisions",
        "participation",
        "finance",
        "indicators",
        "maturity",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "taggit",
    }
)
PUBLIC_CONTENT_MODELS = frozenset({"cases.Unit", "cases.CaseType", "cases.Phase"})
NOT_PUBLIC_CONTENT = frozenset(
    {
        "participation.AccessCode",
        "participation.RespondentToken",
        "participation.Response",
        "participation.Answer",
        "participation.RespondentTally",
        "participation.QuestionTally",
        "participation.OptionTally",
        "participation.ScaleTally",
        "decisions.Subscription",
        "wagtailimages.Rendition",
        "wagtailcore.PageSubscription",
    }
)


def cache_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


# --- Invalidation ------------------------------------------------------------------------------


def _new_generation() -> None:
    # A random token, not a counter: if Redis loses the key, no older entry can match the next one.
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def _current_generation() -> str | None:
    # The first request after Redis lost the key; another process may be setting it too.
    cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
    return cache.get(GENERATION_KEY)


def invalidate() -> None:
    """Serve no page cached before now: from now, and again once this transaction commits.

    The second bump matters: a page rendered during the transaction, from the rows before it,
    may have been cached under the first. It is registered once per transaction.
    """
    _new_generation()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if not any(entry[1] is _new_generation for entry in connection.run_on_commit):
        transaction.on_commit(_new_generation, robust=True)


def is_public_content(model) -> bool:
    label = model._meta.label
    if label in NOT_PUBLIC_CONTENT:
        return False
    return model._meta.app_label in PUBLIC_CONTENT_APPS or label in PUBLIC_CONTENT_MODELS


def _content_changed(sender, **kwargs) -> None:
    if is_public_content(sender):
        invalidate()


def _page_changed(**kwargs) -> None:
    invalidate()


def connect_signals() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    # Every save and delete, filtered by model: a new model of a public app is covered without
    # being listed. Bulk writes send no signal: the services that make them call invalidate().
    post_save.connect(_content_changed, dispatch_uid="pagecache-save")
    post_delete.connect(_content_changed, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_content_changed, dispatch_uid="pagecache-m2m")
    # Wagtail's unpublishing of descendants and moves write with queryset updates.
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_page_changed, dispatch_uid=f"pagecache-{signal!r}")


def cached_public(key: str, build: Callable[[], object], timeout: int = 3600) -> object:
    """A value built from public content only, kept until any public content changes."""
    full_key = f"pagecache:value:{key}"
    found = cache.get_many([GENERATION_KEY, full_key]) or {}
    generation, entry = found.get(GENERATION_KEY), found.get(full_key)
    if generation is None:
        generation = _current_generation()
    elif entry is not None and entry[0] == generation:
        return entry[1]
    value = build()
    if generation is not None:
        cache.set(full_key, (generation, value), timeout=timeout)
    return value


def public_content_models() -> list[str]:
    return sorted(m._meta.label for m in apps.get_models() if is_public_content(m))


# --- The cache ---------------------------------------------------------------------------------


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and CookieStorage.cookie_name not in cookies
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request) -> str:
    gzipped = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    encoding = "gzip" if gzipped else ""
    # A page's language is in its path; the API's comes from `lang` (in the address) or else
    # from Accept-Language, so the language that header resolves to is part of an API key.
    language = language_from_header(request) if is_api_request(request) else ""
    address = md5(request.build_absolute_uri().encode(), usedforsecurity=False).hexdigest()
    return f"{KEY_PREFIX}:{encoding}:{language}:{address}"


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD") or not _anonymous(request):
        return False
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return False
    return is_api_request(request) or get_language_from_path(request.path_info) is not None


def _cacheable_response(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    api = is_api_request(request)
    if not response.get("Content-Type", "").startswith("application/json" if api else "text/html"):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if response.has_header("Cache-Control"):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= (HANDLED_VARY_API if api else HANDLED_VARY):
        return False
    if api and _throttled_view(response):
        return False
    messages = getattr(request, "_messages", None)
    return not (messages is not None and (messages.used or messages.added_new))


def _throttled_view(response) -> bool:
    """Whether an API view limits how often it is asked: a cached answer would not count."""
    view = (getattr(response, "renderer_context", None) or {}).get("view")
    return view is not None and bool(view.get_throttles())


def _fresh(stored_at: float) -> bool:
    # Besides the cache's own expiry: by the process's clock, which a test may move, a page cached
    # before a survey's closing time is not served after it.
    return 0 <= time.time() - stored_at < cache_seconds()


class PageCacheMiddleware:
    """Serves anonymous visitors' public pages from the cache; see the module."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cache_seconds() or not _cacheable_request(request):
            response = self.get_response(request)
            if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header(
                "Cache-Control"
            ):
                # A signed-in visitor's pages are theirs: no shared cache may keep them.
                patch_cache_control(response, private=True)
            return response

        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key]) or {}
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if generation is None:
            generation = _current_generation()
        elif entry is not None and entry[0] == generation and _fresh(entry[1]):
            return self._from_entry(request, entry)

        response = self.get_response(request)
        if generation is not None and _cacheable_response(request, response):
            patch_cache_control(response, no_cache=True)
            patch_vary_headers(response, ("Cookie", "Accept-Encoding"))
            set_response_etag(response)
            entry = (generation, time.time(), list(response.items()), response.content)
            cache.set(key, entry, timeout=cache_seconds())
        return response

    @staticmethod
    def _from_entry(request, entry):
        _generation, _stored_at, headers, content = entry
        response = HttpResponse(content)
        for name, value in headers:
            response.headers[name] = value
        return get_conditional_response(request, etag=response["ETag"], response=response)


# --- Compression -------------------------------------------------------------------------------

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/problem+json",
    "application/vnd.oai.openapi",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip (with its BREACH padding), for text and JSON only.

    Files (PDFs, images, ZIP exports) are compressed already or streamed: compressing them again
    costs time and drops their length.
    """

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
