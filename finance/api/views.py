from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from finance import policies, selectors
from finance.api.filters import FigureFilter, PlanFilter, TargetFilter
from finance.api.serializers import (
    FigureSerializer,
    FiscalYearSerializer,
    NodeSerializer,
    PlanLineSerializer,
    TargetSerializer,
)
from finance.models import Node, ReportKind, ReportLine, Target, TargetStatus
from portal.api.pagination import PortalCursorPagination


class SyncPagination(PortalCursorPagination):
    ordering = ("modified", "id")


class IdPagination(PortalCursorPagination):
    ordering = ("id",)


DETAIL = extend_schema_view(
    retrieve=extend_schema(parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH)])
)


@DETAIL
class FiscalYearViewSet(viewsets.ReadOnlyModelViewSet):
    """Fiscal years whose budget is published, with their published reports."""

    serializer_class = FiscalYearSerializer
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return policies.years_published().prefetch_related(
            Prefetch(
                "reports",
                queryset=policies.reports_published().order_by("through_period", "kind"),
                to_attr="published_reports",
            )
        )


@DETAIL
class NodeViewSet(viewsets.ReadOnlyModelViewSet):
    """The budget structure: sectors, responsibility areas, units and investment projects."""

    serializer_class = NodeSerializer
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return Node.objects.select_related("parent")


class FigureViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Rows of the finance system's export in published years; `actual` is null for periods
    that no published report covers yet."""

    serializer_class = FigureSerializer
    filterset_class = FigureFilter
    pagination_class = IdPagination

    def get_queryset(self):
        return selectors.public_figures().select_related("source")


class PlanViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The financial plan approved with each published budget: the planned amount of every
    following year per node (rolled up) and line, and the totals (node null), as they stood
    when the budget was published."""

    serializer_class = PlanLineSerializer
    filterset_class = PlanFilter
    pagination_class = IdPagination

    def get_queryset(self):
        budgets = policies.reports_published().filter(kind=ReportKind.BUDGET)
        return ReportLine.objects.filter(
            report__in=budgets, plan_year__isnull=False
        ).select_related("report__year", "node")


@DETAIL
class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    """Binding targets of published years with their status in each published report."""

    serializer_class = TargetSerializer
    filterset_class = TargetFilter
    pagination_class = SyncPagination
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        statuses = (
            TargetStatus.objects.filter(report__in=policies.reports_published())
            .select_related("report")
            .order_by("report__through_period", "report__kind")
        )
        return (
            Target.objects.filter(year__in=policies.years_published())
            .select_related("year", "node")
            .prefetch_related(Prefetch("statuses", queryset=statuses))
        )
