"""Views of the API that belong to no domain app: documentation and JSON 404s."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound


class SwaggerDocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files; its init script is a separate request."""

    # The stock template has an inline <style> block, which the Content-Security-Policy forbids.
    template_name = "portal/api_docs.html"


def not_found(request, *args, **kwargs):
    """Unknown API paths answer in JSON like every other API error."""
    path = request.path_info
    if request.method in ("GET", "HEAD") and not path.endswith("/"):
        # APPEND_SLASH cannot see that the path lacks only its slash: this view matches it.
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(path + "/" + (f"?{query}" if query else ""))
    return JsonResponse(
        {"code": "not_found", "message": str(NotFound.default_detail), "fields": {}}, status=404
    )
