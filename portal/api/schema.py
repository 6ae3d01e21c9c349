"""The OpenAPI schema of the open data API: only its own paths, documented errors and language."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from portal.api.language import LANG_CHOICES, LANG_PARAMETER


def only_api_paths(endpoints, **kwargs):
    """Keep the portal's own API; Wagtail's admin API views are not part of the open data API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Machine-readable error code, e.g. `not_found`.")
    message = serializers.CharField(help_text="A message in the request's language.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages per invalid field or parameter.",
    )

    class Meta:
        ref_name = "Error"


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


class PortalAutoSchema(AutoSchema):
    """Every operation documents the language parameters and its JSON errors."""

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            OpenApiParameter(
                LANG_PARAMETER,
                str,
                OpenApiParameter.QUERY,
                enum=list(LANG_CHOICES),
                description=(
                    "Language of translated texts and messages. `all` returns translated texts "
                    "as objects keyed by language. Default: the Accept-Language header, else fi."
                ),
            ),
        ]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "400": _error("Invalid parameters or body."),
            "404": _error("Not found."),
        }
        if any(not isinstance(p, AllowAny) for p in self.view.get_permissions()):
            errors["401"] = _error("Authentication required.")
            errors["403"] = _error("Permission denied.")
        if self.view.get_throttles():
            errors["429"] = _error("Too many requests.")
        for code, response in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
