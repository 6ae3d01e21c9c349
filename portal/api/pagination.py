"""Pagination of the open data API: stable cursor pages, `results` and `next`."""

from rest_framework.pagination import CursorPagination
from rest_framework.response import Response


class PortalCursorPagination(CursorPagination):
    """Cursor pages ordered by a unique key, so that harvesters never miss or repeat an object."""

    ordering = "-modified"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

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
