"""Staff screens of the digital maturity app, for the digital development group."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from maturity import admin_views
from maturity.models import ImportedRound, ProcessPhase, Round, Sector, Service
from maturity.services import RoundPublished, round_save_from_admin


def _languages(field: str) -> list:
    return [FieldPanel(f"{field}_{code}") for code in ("fi", "sv", "en")]


class OptionalTranslationsForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith(("_sv", "_en")):
                field.required = False


class RoundSaveMixin:
    def save_instance(self):
        return round_save_from_admin(form=self.form)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except RoundPublished as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)


class RoundCreateView(RoundSaveMixin, generic.CreateView):
    def get_success_url(self):
        return reverse("maturity_admin:round", args=[self.object.pk])


class RoundEditView(RoundSaveMixin, generic.EditView):
    pass


class RoundDeleteView(generic.DeleteView):
    def dispatch(self, request, *args, **kwargs):
        round = Round.objects.filter(pk=kwargs.get("pk")).first()
        if round is not None and round.is_published:
            # A published round stays public; it is corrected, never removed.
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RoundIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            MenuItem(
                _("Assess services"),
                url=reverse("maturity_admin:round", args=[instance.pk]),
                icon_name="tasks",
                priority=10,
            )
        )
        return buttons


class RoundViewSet(ModelViewSet):
    """Yearly assessment rounds: a draft is filled in service by service, then published."""

    model = Round
    icon = "tasks"
    menu_label = _("Assessment rounds")
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RoundIndexView
    add_view_class = RoundCreateView
    edit_view_class = RoundEditView
    delete_view_class = RoundDeleteView
    list_display = ("year", "status", "published_at")
    list_filter = ("status",)
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("year"), *_languages("summary")], base_form_class=OptionalTranslationsForm
    )


class SectorViewSet(ModelViewSet):
    """Sectors that the catalogue's services are listed under."""

    model = Sector
    icon = "folder-open-inverse"
    menu_label = _("Sectors")
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ("name", "code", "sort_order")
    search_backend_name = None
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    edit_handler = ObjectList(
        [FieldPanel("code"), *_languages("name"), FieldPanel("sort_order")],
        base_form_class=OptionalTranslationsForm,
    )


class ProcessPhaseViewSet(ModelViewSet):
    """The process phases a service can go through."""

    model = ProcessPhase
    icon = "list-ol"
    menu_label = _("Process phases")
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ("name", "code", "sort_order")
    search_backend_name = None
    edit_handler = ObjectList(
        [FieldPanel("code"), *_languages("name"), FieldPanel("sort_order")],
        base_form_class=OptionalTranslationsForm,
    )


class ServiceViewSet(ModelViewSet):
    """The catalogue of municipal services that rounds assess."""

    model = Service
    icon = "list-ul"
    menu_label = _("Services")
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ("name", "sector", "code", "is_active")
    list_filter = ("sector", "is_active")
    search_backend_name = None
    search_fields = ("name_fi", "name_sv", "name_en", "code")
    list_export = ("code", "name_fi", "name_sv", "name_en", "sector")
    edit_handler = ObjectList(
        [
            FieldPanel("sector"),
            FieldPanel("code"),
            *_languages("name"),
            *_languages("description"),
            FieldPanel("phases"),
            FieldPanel("case_type"),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
        ],
        base_form_class=OptionalTranslationsForm,
    )


class ImportedRoundCreateView(generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        # Imports are validated against the schema by the import screen.
        return redirect("maturity_admin:import")


class ImportedRoundViewSet(ModelViewSet):
    """Other municipalities' rounds, imported from their open exports for comparison."""

    model = ImportedRound
    icon = "download"
    menu_label = _("Imported rounds")
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = ImportedRoundCreateView
    list_display = ("municipality", "year", "published_at", "source", "imported_at")
    search_backend_name = None
    form_fields = ("municipality",)


class MaturityViewSetGroup(ModelViewSetGroup):
    items = (
        RoundViewSet("maturity_rounds", url_prefix="maturity/rounds"),
        ServiceViewSet("maturity_services", url_prefix="maturity/services"),
        SectorViewSet("maturity_sectors", url_prefix="maturity/sectors"),
        ProcessPhaseViewSet("maturity_phases", url_prefix="maturity/phases"),
        ImportedRoundViewSet("maturity_imports", url_prefix="maturity/imported-rounds"),
    )
    menu_icon = "tasks"
    menu_label = _("Digital maturity")
    menu_name = "maturity"
    menu_order = 330


@hooks.register("register_admin_viewset")
def register_maturity_viewsets():
    return MaturityViewSetGroup()


@hooks.register("register_admin_urls")
def register_maturity_admin_urls():
    urls = [
        path("rounds/<int:round_id>/assess/", admin_views.round_services, name="round"),
        path(
            "rounds/<int:round_id>/assess/<int:service_id>/",
            admin_views.assess,
            name="assess",
        ),
        path("rounds/<int:round_id>/publish/", admin_views.publish, name="publish"),
        path("rounds/<int:round_id>/export/", admin_views.export, name="export"),
        path("import/", admin_views.import_round, name="import"),
    ]
    return [path("maturity-assessment/", include((urls, "maturity_admin")))]
