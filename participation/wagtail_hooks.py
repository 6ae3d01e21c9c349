"""Staff screens of the participation app: the survey builder, moderation, exports, codes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.log_actions import log

from participation import admin_views
from participation.models import TEXT_KINDS, Answer, Survey
from participation.services import (
    SurveyLocked,
    answer_delete,
    answer_moderate,
    survey_save_from_admin,
)


def _languages(field: str, heading=None) -> list:
    return [FieldPanel(f"{field}_{code}") for code in ("fi", "sv", "en")]


class SurveyAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name.endswith(("_sv", "_en")) or name.startswith("intro_"):
                field.required = False

    def clean(self):
        cleaned = super().clean()
        survey = self.instance
        if survey.pk and survey.has_responses():
            questions = self.formsets.get("questions")
            if questions is not None and questions.has_changed():
                raise ValidationError(_("Questions cannot change once the survey has responses."))
        return cleaned


class SurveySaveMixin:
    log_action = "wagtail.edit"

    def save_instance(self):
        survey = survey_save_from_admin(form=self.form)
        log(instance=survey, action=self.log_action, user=self.request.user, content_changed=True)
        return survey

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except SurveyLocked as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)


class SurveyCreateView(SurveySaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class SurveyEditView(SurveySaveMixin, generic.EditView):
    pass


class SurveyIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons += [
            MenuItem(
                _("Export results (CSV)"),
                url=reverse("participation_admin:export", args=[instance.pk, "csv"]),
                icon_name="download",
                priority=40,
            ),
            MenuItem(
                _("Export results (XLSX)"),
                url=reverse("participation_admin:export", args=[instance.pk, "xlsx"]),
                icon_name="download",
                priority=41,
            ),
            MenuItem(
                _("Access codes"),
                url=reverse("participation_admin:codes", args=[instance.pk]),
                icon_name="key",
                priority=42,
            ),
        ]
        return buttons


QUESTION_PANELS = [
    FieldPanel("kind"),
    *_languages("text"),
    *_languages("help_text"),
    FieldPanel("required"),
    *_languages("options_text"),
    FieldPanel("min_choices"),
    FieldPanel("max_choices"),
    FieldPanel("scale_min"),
    FieldPanel("scale_max"),
    *_languages("scale_min_label"),
    *_languages("scale_max_label"),
]


class SurveyViewSet(ModelViewSet):
    """Youth surveys: officials build them with their questions in Finnish and Swedish."""

    model = Survey
    icon = "form"
    menu_label = _("Surveys")
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = SurveyIndexView
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    list_display = ("title", "opens_at", "closes_at", "identification", "is_published")
    list_filter = ("identification", "is_published", "result_policy")
    search_fields = ("title_fi", "title_sv", "title_en")
    search_backend_name = None
    list_export = ("title_fi", "title_sv", "opens_at", "closes_at", "identification")
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [*_languages("title"), *_languages("intro")], heading=_("title and introduction")
            ),
            MultiFieldPanel(
                [
                    FieldPanel("is_published"),
                    FieldPanel("opens_at"),
                    FieldPanel("closes_at"),
                    FieldPanel("display_mode"),
                ],
                heading=_("publication"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("audience"),
                    FieldPanel("age_min"),
                    FieldPanel("age_max"),
                    FieldPanel("area"),
                    FieldPanel("asks_age_band"),
                    FieldPanel("identification"),
                ],
                heading=_("respondents"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("result_policy"),
                    FieldPanel("results_published_at"),
                    FieldPanel("min_group_size"),
                ],
                heading=_("results"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("agenda_item"),
                    FieldPanel("body"),
                    FieldPanel("case_type_code"),
                    FieldPanel("page"),
                ],
                heading=_("links"),
            ),
            InlinePanel("questions", panels=QUESTION_PANELS, heading=_("questions")),
        ],
        base_form_class=SurveyAdminForm,
    )


class AnswerModerationForm(WagtailAdminModelForm):
    pass


class AnswerEditView(generic.EditView):
    def save_instance(self):
        answer = answer_moderate(
            answer=self.form.instance,
            moderation=self.form.cleaned_data["moderation"],
            language=self.form.cleaned_data.get("language") or "",
        )
        log(instance=answer, action="wagtail.edit", user=self.request.user)
        return answer


class AnswerDeleteAction(DeleteAction):
    """Deleting an answer takes it off the results' counters too (answer_delete)."""

    def _delete(self):
        with transaction.atomic():
            log(instance=self.instance, action=self.log_action, user=self.user, deleted=True)
            answer_delete(answer=self.instance)


class AnswerDeleteView(generic.DeleteView):
    action_class = AnswerDeleteAction


class AnswerCreateView(generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        # Answers come from respondents only.
        raise PermissionDenied


class AnswerIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(question__kind__in=TEXT_KINDS)
            .exclude(text="")
            .select_related("question")
        )


class FreeTextAnswerViewSet(ModelViewSet):
    """Free-text answers: a moderator approves the ones that may be published verbatim."""

    model = Answer
    icon = "comment"
    menu_label = _("Free-text answers")
    copy_view_enabled = False
    add_view_class = AnswerCreateView
    edit_view_class = AnswerEditView
    delete_view_class = AnswerDeleteView
    list_display = ("text", "question", "moderation", "language")
    list_filter = ("moderation",)
    search_backend_name = None
    search_fields = ("text",)
    index_view_class = AnswerIndexView
    edit_handler = ObjectList(
        [FieldPanel("moderation"), FieldPanel("language")], base_form_class=AnswerModerationForm
    )


class ParticipationViewSetGroup(ModelViewSetGroup):
    items = (
        SurveyViewSet("participation_surveys", url_prefix="participation/surveys"),
        FreeTextAnswerViewSet(
            "participation_free_text", url_prefix="participation/free-text-answers"
        ),
    )
    menu_icon = "form"
    menu_label = _("Participation")
    menu_name = "participation"
    menu_order = 320


class AgendaItemChooserViewSet(ChooserViewSet):
    """Choosing the agenda item that a survey informs, searched by title."""

    model = "decisions.AgendaItem"
    icon = "doc-full"
    choose_one_text = _("Choose an agenda item")
    choose_another_text = _("Choose another agenda item")
    url_filter_parameters = []
    per_page = 20


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return ParticipationViewSetGroup()


@hooks.register("register_admin_viewset")
def register_agenda_item_chooser():
    return AgendaItemChooserViewSet("participation_agenda_item_chooser")


@hooks.register("register_admin_urls")
def register_participation_admin_urls():
    from django.urls import include

    urls = [
        path("<int:survey_id>/export/<str:fmt>/", admin_views.export_results, name="export"),
        path("<int:survey_id>/codes/", admin_views.access_codes, name="codes"),
    ]
    return [path("participation/", include((urls, "participation_admin")))]
