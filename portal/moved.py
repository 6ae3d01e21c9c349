"""Permanent redirects from the addresses application pages had before their paths were
translated (/fi/decisions/ → /fi/paatokset/, /sv/kyselyt/ → /sv/enkater/…), so that feeds,
e-mails and bookmarks keep working.

This module is a URLconf of its own that only MovedPathsMiddleware reads, and only for a request
that would otherwise answer 404: a CMS page, an editor's redirect or an application page at the
same address always wins. Each app lists its old paths as `MOVED` in its urls.py: (old path
under the language prefix, name of the route it moved to), with the route's own converters.
"""

from django.http import HttpResponsePermanentRedirect
from django.http.response import HttpResponseRedirectBase
from django.urls import Resolver404, path, resolve, reverse
from django.utils.translation import get_language_from_path, override

from cases.urls import MOVED as CASES
from cms.urls import MOVED as CMS
from decisions.urls import MOVED as DECISIONS
from indicators.urls import MOVED as INDICATORS
from notifications.urls import MOVED as NOTIFICATIONS
from participation.urls import MOVED as PARTICIPATION


class HttpResponsePermanentRedirectKeepingMethod(HttpResponseRedirectBase):
    """308: the form posted to an old address is posted again, unchanged, to the new one."""

    status_code = 308


def _moved_to(name: str):
    def moved(request, **kwargs) -> str:
        return reverse(name, kwargs=kwargs)

    return moved


urlpatterns = [
    path(old, _moved_to(name), name=name.replace(":", "-"))
    for old, name in [*CASES, *NOTIFICATIONS, *DECISIONS, *PARTICIPATION, *INDICATORS, *CMS]
]


def moved_address(request) -> str | None:
    """The new address of the old one `request` asks for, query string kept; None if not moved."""
    language = get_language_from_path(request.path_info)
    if language is None:
        return None
    rest = request.path_info[len(language) + 1 :]
    with override(language):
        try:
            match = resolve(rest, urlconf=__name__)
        except Resolver404:
            return None
        address = match.func(request, **match.kwargs)
    if address == request.path:
        # The same address in this language: the page itself said "not found".
        return None
    query = request.META.get("QUERY_STRING", "")
    return f"{address}?{query}" if query else address


class MovedPathsMiddleware:
    """Answers a request for an old application address with its new one (301, or 308 for a
    method other than GET and HEAD, so that a form posted to it reaches the page unchanged)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        address = moved_address(request)
        if address is None:
            return response
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(address)
        return HttpResponsePermanentRedirectKeepingMethod(address)
