"""Staff screens of the cases app in the Wagtail admin: a handler's cases, case types with their
phases, units and the back-office systems' integration clients."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cases import admin_views
from cases.admin_forms import CaseTypeForm, PhaseForm, UnitForm
from cases.models import (
    Case,
    CaseType,
    IntegrationClient,
    Status,
    Unit,
    staff_status_choices,
    staff_status_label,
)
from cases.selectors import case_expectation
from cases.staff_selectors import case_types_of_handler, overdue_case_ids, phases_of_handler


class NoDeletePolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody deletes these in the admin (nor adds, if listed):
    the history of cases is never lost, and a case type or unit in use cannot go."""

    def __init__(self, model, denied=("delete",)):
        super().__init__(model)
        self.denied = set(denied)

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


# Registered at import, before any view asks for a fallback policy.
register_permission_policy(Case, NoDeletePolicy(Case, denied=("add", "delete")))
register_permission_policy(CaseType, NoDeletePolicy(CaseType))
register_permission_policy(Unit, NoDeletePolicy(Unit))
register_permission_policy(IntegrationClient, NoDeletePolicy(IntegrationClient))


# --- Cases ----------------------------------------------------------------------------------------


def _case_types(request):
    return case_types_of_handler(request.user) if request else CaseType.objects.none()


def _phases(request):
    from cases.models import Phase

    return phases_of_handler(request.user) if request else Phase.objects.none()


class PhaseField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.case_type} – {obj}"


class PhaseChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PhaseField


YES_NO = [("yes", _("yes")), ("no", _("no"))]


class CaseFilterSet(WagtailFilterSet):
    case_type = django_filters.ModelChoiceFilter(label=_("case type"), queryset=_case_types)
    phase = PhaseChoiceFilter(label=_("phase"), queryset=_phases)
    status = django_filters.ChoiceFilter(label=_("status"), choices=staff_status_choices)
    overdue = django_filters.ChoiceFilter(
        label=_("overdue (legal deadline)"), choices=YES_NO, method="filter_overdue"
    )
    waiting = django_filters.ChoiceFilter(
        label=_("waiting for the resident"), choices=YES_NO, method="filter_waiting"
    )

    class Meta:
        model = Case
        fields = []

    def filter_overdue(self, queryset, name, value):
        late = overdue_case_ids(queryset)
        return queryset.filter(pk__in=late) if value == "yes" else queryset.exclude(pk__in=late)

    def filter_waiting(self, queryset, name, value):
        waiting = queryset.filter(status=Status.WAITING_FOR_YOU)
        return waiting if value == "yes" else queryset.exclude(status=Status.WAITING_FOR_YOU)


def _status_label(case: Case) -> str:
    return staff_status_label(case.status)


def _deadlines(case: Case) -> str:
    """The legal deadline of an open case and the due date of the resident's open request for
    more information (annotated by cases_for_handler_listing, so no query per row)."""
    if case.decided_at is not None or case.closed_at is not None:
        return ""
    expectation = case_expectation(case)
    lines = []
    if expectation.deadline is not None:
        text = _("legal deadline %(date)s") % {
            "date": date_format(expectation.deadline, "SHORT_DATE_FORMAT")
        }
        if expectation.overdue:
            lines.append(format_html("<strong>{} – {}</strong>", text, _("overdue")))
        else:
            lines.append(format_html("{}", text))
    due = getattr(case, "open_request_due", None)
    if due is not None:
        lines.append(
            format_html(
                "{}",
                _("resident's reply due %(date)s")
                % {"date": date_format(timezone.localtime(due).date(), "SHORT_DATE_FORMAT")},
            )
        )
    if not lines and expectation.slower_than_usual:
        lines.append(format_html("{}", _("slower than usual")))
    return format_html_join("", "<div>{}</div>", ((line,) for line in lines))


class CaseViewSet(ModelViewSet):
    """A handler's own unit's cases; a case's page records phases, requests, messages and the
    decision."""

    model = Case
    icon = "folder-open-inverse"
    menu_label = _("My unit's cases")
    menu_order = 100
    copy_view_enabled = False
    # Cases change with every event: no reference-index update on each save.
    add_to_reference_index = False
    inspect_view_enabled = False
    index_view_class = admin_views.CaseIndexView
    edit_view_class = admin_views.CaseWorkView
    history_view_class = admin_views.CaseHistoryView
    usage_view_class = admin_views.CaseUsageView
    filterset_class = CaseFilterSet
    search_fields = ("reference",)
    search_backend_name = None
    list_display = (
        "reference",
        "title",
        "case_type",
        "phase",
        Column("status", label=_("status"), accessor=_status_label),
        "submitted_at",
        Column("deadline", label=_("deadline"), accessor=_deadlines),
    )
    list_export = ("reference", "title", "case_type", "phase", "status", "submitted_at")
    ordering = ("-submitted_at",)
    # The "edit" view is the handler's work view (CaseWorkView), which edits no field of the case
    # itself; Wagtail still wants a form definition for the viewset.
    form_fields = ("title_fi",)


# --- Case types -----------------------------------------------------------------------------------

PHASE_PANELS = [
    FieldPanel("code"),
    FieldPanel("sort_order"),
    FieldPanel("status"),
    FieldPanel("name_fi"),
    FieldPanel("description_fi"),
    FieldPanel("name_sv"),
    FieldPanel("description_sv"),
    FieldPanel("name_en"),
    FieldPanel("description_en"),
]


class CaseTypeViewSet(ModelViewSet):
    """Case types with the phases residents see, their plain-language texts and deadlines."""

    model = CaseType
    icon = "list-ol"
    menu_label = _("Case types")
    menu_order = 200
    copy_view_enabled = False
    # Cases change with every event: no reference-index update on each save.
    add_to_reference_index = False
    inspect_view_enabled = False
    index_view_class = admin_views.CaseTypeIndexView
    add_view_class = admin_views.CaseTypeCreateView
    edit_view_class = admin_views.CaseTypeEditView
    history_view_class = admin_views.CaseTypeHistoryView
    usage_view_class = admin_views.CaseTypeUsageView
    list_display = ("name", "code", "unit", "declared_days", "stats_p80_days", "is_active")
    list_filter = ("unit", "is_active")
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("unit"),
            MultiFieldPanel(
                [FieldPanel("name_fi"), FieldPanel("description_fi")], heading=_("Finnish")
            ),
            MultiFieldPanel(
                [FieldPanel("name_sv"), FieldPanel("description_sv")], heading=_("Swedish")
            ),
            MultiFieldPanel(
                [FieldPanel("name_en"), FieldPanel("description_en")], heading=_("English")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("legal_deadline_days"),
                    FieldPanel("legal_deadline_kind"),
                    FieldPanel("declared_days"),
                ],
                heading=_("processing time"),
            ),
            FieldPanel("default_publicity"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
            InlinePanel(
                "phases",
                panels=PHASE_PANELS,
                heading=_("phases"),
                label=_("phase"),
                min_num=1,
                base_form_class=PhaseForm,
            ),
            MultiFieldPanel(
                [
                    FieldPanel("stats_count", read_only=True),
                    FieldPanel("stats_median_days", read_only=True),
                    FieldPanel("stats_p80_days", read_only=True),
                    FieldPanel("stats_computed_at", read_only=True),
                ],
                heading=_("processing-time statistics"),
            ),
        ],
        base_form_class=CaseTypeForm,
    )


# --- Units and integration clients ---------------------------------------------------------------


class UnitViewSet(ModelViewSet):
    """Units that handle cases, and their handlers (who see the unit's cases only)."""

    model = Unit
    icon = "group"
    menu_label = _("Units")
    menu_order = 300
    copy_view_enabled = False
    # Cases change with every event: no reference-index update on each save.
    add_to_reference_index = False
    inspect_view_enabled = False
    add_view_class = admin_views.UnitCreateView
    edit_view_class = admin_views.UnitEditView
    list_display = ("name", "code")
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("name_fi"),
            FieldPanel("name_sv"),
            FieldPanel("name_en"),
            FieldPanel("handlers", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=UnitForm,
    )


class IntegrationClientViewSet(ModelViewSet):
    """Back-office systems that push a unit's cases; the token is shown once, on creation."""

    model = IntegrationClient
    icon = "key"
    menu_label = _("Integration clients")
    menu_order = 400
    copy_view_enabled = False
    # Cases change with every event: no reference-index update on each save.
    add_to_reference_index = False
    inspect_view_enabled = False
    add_view_class = admin_views.IntegrationClientCreateView
    edit_view_class = admin_views.IntegrationClientEditView
    list_display = ("name", "unit", "is_active", "created", "last_used")
    list_filter = ("unit", "is_active")
    add_handler = ObjectList([FieldPanel("name"), FieldPanel("unit")])
    edit_handler = ObjectList([FieldPanel("name"), FieldPanel("is_active")])

    def get_add_view_kwargs(self, **kwargs):
        panel = self.add_handler.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class CasesViewSetGroup(ViewSetGroup):
    menu_label = _("Cases")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (
        CaseViewSet("unit_cases"),
        CaseTypeViewSet("case_types"),
        UnitViewSet("case_units"),
        IntegrationClientViewSet("integration_clients"),
    )


@hooks.register("register_admin_viewset")
def register_cases_viewsets():
    return CasesViewSetGroup()
