"""Staff screens of the decisions app in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from decisions.models import Body
from decisions.services import body_delete, body_save
from portal.translation import LANGUAGE_ORDER

TRANSLATED_FIELDS = ("name", "description")
BODY_FIELDS = (
    "kind",
    "slug",
    *(f"{field}_{code}" for code in LANGUAGE_ORDER for field in TRANSLATED_FIELDS),
    "is_active",
    "sort_order",
)


class BodyForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the Finnish name is required; a missing translation falls back to it.
        for name, field in self.fields.items():
            if name.startswith("description_") or name in ("name_sv", "name_en"):
                field.required = False


class BodySaveMixin:
    log_action = "wagtail.edit"

    def save_instance(self):
        data = {name: self.form.cleaned_data.get(name) for name in BODY_FIELDS}
        data = {name: "" if value is None else value for name, value in data.items()}
        body = body_save(body=self.form.instance, **data)
        log(instance=body, action=self.log_action, user=self.request.user, content_changed=True)
        return body


class BodyCreateView(BodySaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class BodyEditView(BodySaveMixin, generic.EditView):
    pass


class BodyDeleteView(generic.DeleteView):
    def delete_action(self):
        log(instance=self.object, action="wagtail.delete", user=self.request.user)
        body_delete(body=self.object)


class BodyViewSet(ModelViewSet):
    """Bodies (toimielimet / organ): officials maintain their names in Finnish and Swedish."""

    model = Body
    icon = "group"
    menu_label = _("Bodies")
    menu_order = 300
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    add_view_class = BodyCreateView
    edit_view_class = BodyEditView
    delete_view_class = BodyDeleteView
    list_display = ("name", "kind", "slug", "is_active", "modified")
    list_filter = ("kind", "is_active")
    search_fields = ("name_fi", "name_sv", "name_en", "slug")
    # Bodies are not in the Wagtail search index: search the database columns directly.
    search_backend_name = None
    list_export = ("name_fi", "name_sv", "name_en", "kind", "slug", "is_active", "modified")
    edit_handler = ObjectList(
        [
            FieldPanel("kind"),
            FieldPanel("slug"),
            MultiFieldPanel(
                [FieldPanel("name_fi"), FieldPanel("description_fi")], heading=_("Finnish")
            ),
            MultiFieldPanel(
                [FieldPanel("name_sv"), FieldPanel("description_sv")], heading=_("Swedish")
            ),
            MultiFieldPanel(
                [FieldPanel("name_en"), FieldPanel("description_en")], heading=_("English")
            ),
            FieldPanel("is_active"),
            FieldPanel("sort_order"),
        ],
        base_form_class=BodyForm,
    )


@hooks.register("register_admin_viewset")
def register_body_viewset():
    return BodyViewSet("bodies")
