"""Staff screens of the finance app in the Wagtail admin; every save goes through a service.

Finance staff upload the finance system's export, keep the years' facts, record the council's
amendments and targets, write forecasts and targets' statuses for a draft report and publish it.
"""

from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from decisions.wagtail_hooks import (
    DecisionsViewSet,
    OptionalTranslationsForm,
    language_panels,
    service_viewset,
    tr,
)
from finance import admin_views, services
from finance.models import (
    Amendment,
    FinanceImport,
    FiscalYear,
    Forecast,
    Node,
    Report,
    Target,
    TargetStatus,
)


class FinanceViewSet(DecisionsViewSet):
    @staticmethod
    def delete(instance):
        try:
            services.record_delete(instance=instance)
        except services.ReportPublished as exc:
            raise ValidationError(_("A published report's figures cannot change.")) from exc


def _draft_only(save):
    def wrapped(instance, data):
        try:
            return save(instance, data)
        except services.ReportPublished as exc:
            raise ValidationError(_("A published report's figures cannot change.")) from exc

    return staticmethod(wrapped)


@service_viewset
class FiscalYearViewSet(FinanceViewSet):
    """Fiscal years and the facts their key figures need."""

    model = FiscalYear
    icon = "date"
    menu_label = _("Fiscal years")
    list_display = ("year", "population", "tax_rate", "budget_published_on", "published_through")
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("population"),
            FieldPanel("tax_rate"),
            FieldPanel("loan_stock"),
        ]
    )

    @staticmethod
    def save(instance, data):
        return services.fiscal_year_save(
            year=data["year"],
            population=data.get("population"),
            tax_rate=data.get("tax_rate"),
            loan_stock=data.get("loan_stock"),
        )


class NodeForm(OptionalTranslationsForm):
    required_finnish = ("name",)


@service_viewset
class NodeViewSet(FinanceViewSet):
    """The budget structure (names, binding level); cost centres arrive with the import."""

    model = Node
    icon = "list-ul"
    menu_label = _("Budget structure")
    list_display = ("code", "name", "level", "parent", "is_binding")
    list_filter = ("level", "is_binding")
    search_fields = ("code", "name_fi", "name_sv")
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            FieldPanel("parent"),
            FieldPanel("level"),
            *language_panels("name"),
            FieldPanel("is_binding"),
            FieldPanel("total_cost"),
            FieldPanel("sort_order"),
        ],
        base_form_class=NodeForm,
    )

    @staticmethod
    def save(instance, data):
        return services.node_save(
            node=instance,
            code=data["code"],
            parent=data.get("parent"),
            level=data["level"],
            name=tr(data, "name"),
            is_binding=bool(data.get("is_binding")),
            total_cost=data.get("total_cost"),
            sort_order=data.get("sort_order") or 0,
        )


class ReportIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not instance.is_published:
            buttons.append(
                MenuItem(
                    _("Publish"),
                    url=reverse("finance_publish", args=[instance.pk]),
                    icon_name="upload",
                    priority=5,
                )
            )
        return buttons


@service_viewset
class ReportViewSet(FinanceViewSet):
    """The budget, interim reports and financial statements; publish each when it is ready."""

    model = Report
    icon = "doc-full"
    menu_label = _("Reports")
    list_display = ("__str__", "through_period", "published_on")
    index_view_class = ReportIndexView
    list_filter = ("kind",)
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("kind"),
            FieldPanel("through_period"),
            *language_panels("narrative"),
            FieldPanel("document"),
        ],
        base_form_class=OptionalTranslationsForm,
    )

    @staticmethod
    def save(instance, data):
        try:
            return services.report_save(
                report=instance if instance.pk else None,
                year=data["year"],
                kind=data["kind"],
                through_period=data.get("through_period") or 0,
                narrative=tr(data, "narrative"),
                document=data.get("document"),
            )
        except services.ReportPublished as exc:
            raise ValidationError(_("A published report's figures cannot change.")) from exc


class AmendmentForm(OptionalTranslationsForm):
    pass


@service_viewset
class AmendmentViewSet(FinanceViewSet):
    """Budget amendments approved by the council, each linked to its agenda item."""

    model = Amendment
    icon = "edit"
    menu_label = _("Budget amendments")
    list_display = ("node", "line", "amount", "approved_on", "agenda_item")
    list_filter = ("year",)
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("node"),
            FieldPanel("line"),
            FieldPanel("amount"),
            FieldPanel("approved_on"),
            FieldPanel("agenda_item"),
            *language_panels("description"),
        ],
        base_form_class=AmendmentForm,
    )

    @staticmethod
    def save(instance, data):
        return services.amendment_save(
            amendment=instance if instance.pk else None,
            year=data["year"],
            node=data["node"],
            line=data["line"],
            amount=data["amount"],
            approved_on=data["approved_on"],
            agenda_item=data.get("agenda_item"),
            description=tr(data, "description"),
        )


class TargetForm(OptionalTranslationsForm):
    required_finnish = ("title", "indicator", "target_value")


@service_viewset
class TargetViewSet(FinanceViewSet):
    """Binding targets set by the council."""

    model = Target
    icon = "success"
    menu_label = _("Binding targets")
    list_display = ("title", "node", "year")
    list_filter = ("year",)
    edit_handler = ObjectList(
        [
            FieldPanel("year"),
            FieldPanel("node"),
            *language_panels("title", "indicator", "target_value"),
            FieldPanel("sort_order"),
        ],
        base_form_class=TargetForm,
    )

    @staticmethod
    def save(instance, data):
        return services.target_save(
            target=instance if instance.pk else None,
            year=data["year"],
            node=data["node"],
            title=tr(data, "title"),
            indicator=tr(data, "indicator"),
            target_value=tr(data, "target_value"),
            sort_order=data.get("sort_order") or 0,
        )


@service_viewset
class TargetStatusViewSet(FinanceViewSet):
    """Each target's status in a draft report, with its explanation."""

    model = TargetStatus
    icon = "tick"
    menu_label = _("Targets' statuses")
    list_display = ("target", "report", "status")
    list_filter = ("status",)
    edit_handler = ObjectList(
        [
            FieldPanel("target"),
            FieldPanel("report"),
            FieldPanel("status"),
            *language_panels("explanation"),
        ],
        base_form_class=OptionalTranslationsForm,
    )

    save = _draft_only(
        lambda instance, data: services.target_status_save(
            target=data["target"],
            report=data["report"],
            status=data["status"],
            explanation=tr(data, "explanation"),
        )
    )


@service_viewset
class ForecastViewSet(FinanceViewSet):
    """Forecasts of the year's net cost per node in a draft report, with explanations."""

    model = Forecast
    icon = "view"
    menu_label = _("Forecasts")
    list_display = ("node", "report", "amount")
    edit_handler = ObjectList(
        [
            FieldPanel("report"),
            FieldPanel("node"),
            FieldPanel("amount"),
            *language_panels("explanation"),
        ],
        base_form_class=OptionalTranslationsForm,
    )

    save = _draft_only(
        lambda instance, data: services.forecast_save(
            report=data["report"],
            node=data["node"],
            amount=data["amount"],
            explanation=tr(data, "explanation"),
        )
    )


class FinanceImportViewSet(FinanceViewSet):
    """The record of every import: who, when, which file (checksum)."""

    model = FinanceImport
    icon = "upload"
    menu_label = _("Import history")
    add_view_enabled = False
    list_display = ("file_name", "uploaded_by", "uploaded_at", "rows", "checksum")
    inspect_view_enabled = True
    edit_view_enabled = False
    delete_view_enabled = False
    form_fields = ("file_name",)


class FinanceGroup(ViewSetGroup):
    menu_label = _("Finances")
    menu_icon = "table"
    menu_order = 330
    items = (
        ReportViewSet("finance_report"),
        FiscalYearViewSet("finance_year"),
        NodeViewSet("finance_node"),
        AmendmentViewSet("finance_amendment"),
        TargetViewSet("finance_target"),
        TargetStatusViewSet("finance_target_status"),
        ForecastViewSet("finance_forecast"),
        FinanceImportViewSet("finance_import_history"),
    )


@hooks.register("register_admin_viewset")
def register_finance_viewsets():
    return FinanceGroup()


@hooks.register("register_admin_urls")
def register_finance_admin_urls():
    return [
        path("finance/import/", admin_views.import_export, name="finance_import"),
        path(
            "finance/reports/<int:report_id>/publish/",
            admin_views.publish_report,
            name="finance_publish",
        ),
    ]


class ImportMenuItem(AdminMenuItem):
    """Shown only to those who may import (finance staff and superusers)."""

    def is_shown(self, request):
        return request.user.has_perm(admin_views.IMPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_finance_import_menu_item():
    return ImportMenuItem(
        _("Import finance figures"),
        reverse("finance_import"),
        icon_name="upload",
        order=331,
    )


@hooks.register("register_log_actions")
def register_finance_log_actions(actions):
    actions.register_action(
        "finance.import", _("Import finance figures"), _("Finance figures imported")
    )
    actions.register_action("finance.publish", _("Publish the report"), _("Report published"))
