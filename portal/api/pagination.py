"""Pagination of the open data API: stable cursor pages, `results` and `next`."""

import re

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination, _positive_int
from rest_framework.response import Response

# Cursors are base64 (DRF's encode_cursor); base64 decoding would silently drop anything else and
# turn e.g. a NUL byte into the first page.
CURSOR_CHARACTERS = re.compile(r"[A-Za-z0-9+/=]*")


class PortalCursorPagination(CursorPagination):
    """Cursor pages ordered by a unique key, so that harvesters never miss or repeat an object.

    Subclasses set `ordering` to end with a unique field, e.g. ("modified", "id").
    """

    ordering = ("-modified", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValidationError, ValueError, TypeError, OverflowError, DataError) as exc:
            # A forged cursor can carry a position the database cannot compare.
            raise NotFound(self.invalid_cursor_message) from exc

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not CURSOR_CHARACTERS.fullmatch(encoded):
            raise NotFound(self.invalid_cursor_message)
        return super().decode_cursor(request)

    def get_page_size(self, request):
        # DRF falls back to the default size on a bad value; a harvester should learn its mistake.
        value = request.query_params.get(self.page_size_query_param, "")
        if value == "":
            return self.page_size
        try:
            return _positive_int(value, strict=True, cutoff=self.max_page_size)
        except ValueError:
            raise exceptions.ValidationError(
                {self.page_size_query_param: [_("Enter a whole number of at least 1.")]}
            ) from None

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
                parameter["description"] = (
                    f"Number of results per page, at most {self.max_page_size} "
                    "(larger values are capped)."
                )
        return parameters

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }
