"""The CMS admin's site history report, scoped like the objects it names.

Wagtail shows a member of staff every log entry of a model they hold any permission on: a case
handler would read the references, handlers and times of every unit's cases. Here log entries of
models with a scope of their own (cases: the handler's units) show only for the objects that the
scope gives the user; everything else is as Wagtail decides.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry


def _scopes() -> dict[type, Callable]:
    """Models whose log entries a user sees only for the objects the function gives them."""
    from cases.models import Case
    from cases.policies import cases_of_handler

    return {Case: cases_of_handler}


def scope_model_log_entries(entries: QuerySet, user) -> QuerySet:
    """`entries` (of ModelLogEntry) without those of scoped objects that `user` may not see."""
    for model, scope in _scopes().items():
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        visible = scope(user).order_by().annotate(key=Cast("pk", CharField())).values("key")
        entries = entries.filter(~Q(content_type=content_type) | Q(object_id__in=visible))
    return entries


class SiteHistoryView(LogEntriesView):
    """Wagtail's site history, with case activity shown to the handlers of the case's unit."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = scope_model_log_entries(queryset, self.request.user)
        return queryset
