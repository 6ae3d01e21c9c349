"""Pagination of the open data API: stable cursor pages, `results` and `next`."""

from django.core.exceptions import ValidationError
from django.db import DataError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


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

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["results", "next"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }
