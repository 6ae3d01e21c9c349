"""JSON errors of the API: a machine-readable code and a message in the request's language."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _messages(detail) -> dict:
    if isinstance(detail, dict):
        return {key: _flatten(value) for key, value in detail.items()}
    return {}


def _flatten(value) -> list[str]:
    if isinstance(value, list | tuple):
        out: list[str] = []
        for item in value:
            out.extend(_flatten(item))
        return out
    if isinstance(value, dict):
        out = []
        for item in value.values():
            out.extend(_flatten(item))
        return out
    return [str(value)]


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        message = _("The request contains invalid values.")
        fields = _messages(exc.detail)
        if isinstance(exc.detail, list):
            fields = {"non_field_errors": _flatten(exc.detail)}
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        if isinstance(detail, dict):
            message = str(detail.get("message") or detail.get("detail") or "")
            code = str(detail.get("code") or code)
        else:
            message = str(detail)
            code = getattr(detail, "code", None) or code
        fields = {}
    body = {"code": code, "message": message, "fields": fields}
    return Response(body, status=response.status_code, headers=_headers(response))


def _headers(response) -> dict:
    keep = ("Retry-After", "WWW-Authenticate", "Allow")
    return {key: response[key] for key in keep if response.has_header(key)}
