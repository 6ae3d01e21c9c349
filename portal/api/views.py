"""Views of the API that belong to no domain app: documentation and JSON 404s."""

from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.exceptions import NotFound, ParseError, PermissionDenied
from rest_framework.renderers import JSONRenderer


class JSONErrorsMixin:
    """Errors in JSON like every other API error, whatever the view renders when it succeeds."""

    def finalize_response(self, request, response, *args, **kwargs):
        if response.status_code >= 400:
            # Otherwise an unknown `format` or `Accept` gets its 404/406 in the view's first
            # renderer: YAML for the schema, an HTML template for the docs.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class SchemaView(JSONErrorsMixin, SpectacularAPIView):
    """The OpenAPI schema of the open data API."""


class SwaggerDocsView(JSONErrorsMixin, SpectacularSwaggerSplitView):
    """Swagger UI from the portal's own static files; its init script is a separate request."""

    # The stock template has an inline <style> block, which the Content-Security-Policy forbids.
    template_name = "portal/api_docs.html"


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Unknown API paths answer in JSON like every other API error.

    Exempt from CSRF: it changes nothing, and a write to a mistyped path deserves a JSON 404,
    not the middleware's HTML 403.
    """
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


def _json_error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "fields": {}}, status=status)


def _is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, exception):
    """Django's 400 (a malformed request, a body over the size limit), in JSON on API routes."""
    from django.core.exceptions import RequestDataTooBig
    from django.views import defaults

    from portal.api.parsers import PayloadTooLarge

    if _is_api(request):
        if isinstance(exception, RequestDataTooBig):
            return _json_error(413, "too_large", str(PayloadTooLarge.default_detail))
        return _json_error(400, "bad_request", str(ParseError.default_detail))
    return defaults.bad_request(request, exception)


def permission_denied(request, exception):
    from django.views import defaults

    if _is_api(request):
        return _json_error(403, "permission_denied", str(PermissionDenied.default_detail))
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    from django.views import defaults

    if _is_api(request):
        return _json_error(404, "not_found", str(NotFound.default_detail))
    return defaults.page_not_found(request, exception)
