from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from decisions.api.filters import BodyFilter
from decisions.api.serializers import BodySerializer
from decisions.policies import bodies_visible_to
from portal.api.pagination import PortalCursorPagination


class BodyPagination(PortalCursorPagination):
    # Oldest change first, with the id breaking ties: a harvester resumes from the last
    # `modified` it saw, and an object changed during the walk comes again at the end.
    ordering = ("modified", "id")


@extend_schema_view(
    retrieve=extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)])
)
class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Bodies of the municipality: council, executive board, committees, youth council and
    officeholders."""

    serializer_class = BodySerializer
    filterset_class = BodyFilter
    pagination_class = BodyPagination
    # Ids that the database can hold; anything longer is simply not found.
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return bodies_visible_to(self.request.user)
