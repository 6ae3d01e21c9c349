"""Staff screens of the key figures: indicators, areas, statistics sources and their imports,
council targets, the leadership group's selections, CSV upload and the leadership view."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem as AdminMenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from indicators import admin_views
from indicators.models import Area, ImportRun, Indicator, Selection, Source, Target


def _languages(field: str) -> list:
    return [FieldPanel(f"{field}_{code}") for code in ("fi", "sv", "en")]


class IndicatorViewSet(ModelViewSet):
    """Indicators: what each key figure measures, in Finnish, Swedish and English."""

    model = Indicator
    icon = "table"
    menu_label = _("Indicators")
    copy_view_enabled = False
    list_display = ("name", "code", "theme", "direction", "is_published")
    list_filter = ("theme", "direction", "is_published")
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    search_backend_name = None
    list_export = ("code", "name_fi", "name_sv", "theme", "direction", "unit_fi", "source_fi")
    edit_handler = ObjectList(
        [
            FieldPanel("code"),
            MultiFieldPanel([*_languages("name"), *_languages("definition")], heading=_("texts")),
            MultiFieldPanel(
                [*_languages("unit"), FieldPanel("decimals"), FieldPanel("per_resident")],
                heading=_("unit"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("theme"),
                    FieldPanel("direction"),
                    FieldPanel("order"),
                    FieldPanel("is_published"),
                ],
                heading=_("theme"),
            ),
            MultiFieldPanel(
                [
                    *_languages("source"),
                    FieldPanel("source_url"),
                    FieldPanel("licence"),
                    FieldPanel("licence_url"),
                ],
                heading=_("source and licence"),
            ),
        ]
    )


class AreaViewSet(ModelViewSet):
    """Areas of Statistics Finland's classification: municipalities, regions, whole country."""

    model = Area
    icon = "site"
    menu_label = _("Areas")
    copy_view_enabled = False
    list_display = ("name", "code", "kind", "parent")
    list_filter = ("kind",)
    search_fields = ("code", "name_fi", "name_sv")
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("code"), FieldPanel("kind"), *_languages("name"), FieldPanel("parent")]
    )


class SourceIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Import now"),
                url=reverse("indicators_admin:import", args=[instance.pk]),
                icon_name="download",
                priority=40,
            )
        )
        return buttons

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("last_run")


class SourceViewSet(ModelViewSet):
    """Statistics Finland's tables that are imported daily, each with its latest result."""

    model = Source
    icon = "download"
    menu_label = _("Statistics sources")
    copy_view_enabled = False
    index_view_class = SourceIndexView
    list_display = ("name", "table_path", "is_active", "last_result")
    list_filter = ("is_active",)
    search_fields = ("name", "table_path")
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("base_url"),
            FieldPanel("table_path"),
            FieldPanel("query"),
            FieldPanel("indicators"),
            FieldPanel("area_dimension"),
            FieldPanel("time_dimension"),
            FieldPanel("contents_dimension"),
            FieldPanel("breakdown_dimensions"),
            FieldPanel("expected_dimensions"),
            FieldPanel("is_active"),
        ]
    )


class ReadOnlyCreateView(generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        # Imports are recorded by the importer only.
        raise PermissionDenied


class ReadOnlyEditView(generic.EditView):
    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class ImportRunViewSet(ModelViewSet):
    """Every import: when, by whom, what it changed, or why it failed or was refused."""

    model = ImportRun
    icon = "history"
    menu_label = _("Imports")
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = ReadOnlyCreateView
    edit_view_class = ReadOnlyEditView
    list_display = (
        "started_at",
        "kind",
        "source",
        "file_name",
        "status",
        "message",
        "created_count",
        "changed_count",
    )
    list_filter = ("status", "kind")
    inspect_view_fields = (
        "kind",
        "source",
        "file_name",
        "user",
        "started_at",
        "finished_at",
        "status",
        "message",
        "checksum",
        "attempts",
        "created_count",
        "changed_count",
        "unchanged_count",
    )
    search_backend_name = None
    search_fields = ("message", "file_name")
    form_fields = ("status",)


class TargetViewSet(ModelViewSet):
    """Targets the council has set for indicators, per period."""

    model = Target
    icon = "success"
    menu_label = _("Targets")
    copy_view_enabled = False
    list_display = ("indicator", "period", "value", "decision")
    list_filter = ("indicator",)
    search_backend_name = None
    form_fields = ("indicator", "period", "value", "decision")


class SelectionViewSet(ModelViewSet):
    """The leadership group's selections of indicators, their members and alert thresholds."""

    model = Selection
    icon = "pick"
    menu_label = _("Leadership selections")
    copy_view_enabled = False
    list_display = ("name", "alert_on_new_data")
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("members"),
            FieldPanel("alert_on_new_data"),
            InlinePanel(
                "items",
                panels=[
                    FieldPanel("indicator"),
                    FieldPanel("alert_above"),
                    FieldPanel("alert_below"),
                ],
                heading=_("indicators"),
            ),
        ]
    )


class IndicatorsViewSetGroup(ModelViewSetGroup):
    items = (
        IndicatorViewSet("indicators_indicators", url_prefix="indicators/indicators"),
        TargetViewSet("indicators_targets", url_prefix="indicators/targets"),
        SelectionViewSet("indicators_selections", url_prefix="indicators/selections"),
        SourceViewSet("indicators_sources", url_prefix="indicators/sources"),
        ImportRunViewSet("indicators_runs", url_prefix="indicators/imports"),
        AreaViewSet("indicators_areas", url_prefix="indicators/areas"),
    )
    menu_icon = "table"
    menu_label = _("Key figures")
    menu_name = "indicators"
    menu_order = 330


@hooks.register("register_admin_viewset")
def register_indicators_viewsets():
    return IndicatorsViewSetGroup()


@hooks.register("register_admin_urls")
def register_indicators_admin_urls():
    urls = [
        path("leadership/", admin_views.leadership, name="leadership"),
        path("sources/<int:source_id>/import/", admin_views.import_now, name="import"),
        path("own-figures/", admin_views.csv_upload, name="csv_upload"),
    ]
    return [path("indicators-admin/", include((urls, "indicators_admin")))]


@hooks.register("register_admin_menu_item")
def register_leadership_menu_item():
    return AdminMenuItem(
        _("Leadership key figures"),
        reverse("indicators_admin:leadership"),
        icon_name="table",
        order=331,
    )


@hooks.register("register_admin_menu_item")
def register_csv_upload_menu_item():
    return AdminMenuItem(
        _("Import own figures"),
        reverse("indicators_admin:csv_upload"),
        icon_name="upload",
        order=332,
    )
