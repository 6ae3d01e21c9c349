"""A request body larger than its route allows is refused before anything reads it.

Django parses a form body the first time something asks for `request.POST` — the CSRF check does,
before any view — and spools files larger than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary folder.
This middleware sits before CsrfViewMiddleware and answers 413 from the declared Content-Length
alone, so that an oversized body is never read, let alone written to disk. Django reads at most
Content-Length bytes of any body (a body without one, e.g. chunked, is read as empty), so the
declared length is the bound.

The limit is REQUEST_MAX_BYTES, except on the routes in REQUEST_MAX_BYTES_BY_ROUTE that take files,
whose larger limit applies only to a signed-in user: an anonymous client never gets past
REQUEST_MAX_BYTES anywhere. The web server and the proxy in front state the largest limit too
(docs/operations.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def content_length(request) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def request_limit(request) -> int:
    """The largest body this request's route accepts from this user."""
    limit = settings.REQUEST_MAX_BYTES
    match = getattr(request, "resolver_match", None)
    user = getattr(request, "user", None)
    if match is not None and user is not None and user.is_authenticated:
        limit = max(limit, settings.REQUEST_MAX_BYTES_BY_ROUTE.get(match.view_name, limit))
    return limit


def too_large(request, limit: int):
    megabytes = max(limit // (1024 * 1024), 1)
    message = _(
        "What you sent is too large: this page accepts at most %(size)d MB at a time. "
        "Go back and send fewer or smaller files."
    ) % {"size": megabytes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "request_too_large"}, status=413)
    return render(request, "413.html", {"message": message}, status=413)


class RequestSizeLimitMiddleware:
    """Answer 413 to a body over its route's limit, before the CSRF check parses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        length = content_length(request)
        # Most requests are far below every limit: no further work for them.
        if length <= settings.REQUEST_MAX_BYTES:
            return None
        limit = request_limit(request)
        if length <= limit:
            return None
        # No "Connection: close" here: hop-by-hop headers belong to the server (PEP 3333), and the
        # development server refuses them with an error. gunicorn's sync workers close every
        # connection after its response, so the unread body is never read.
        return too_large(request, limit)
