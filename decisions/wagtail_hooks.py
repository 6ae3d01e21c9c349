"""Staff screens of the decisions app in the Wagtail admin; every save goes through a service.

The meeting secretary composes a meeting's agenda, schedules its publication, records decisions,
votes and disqualifications, marks personal-data passages and publishes the checked minutes.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from decisions import services
from decisions.models import (
    AgendaItem,
    AppealInstructionTemplate,
    Attachment,
    Body,
    Disqualification,
    Meeting,
    Membership,
    OfficeholderDecision,
    PersonalDataPassage,
    Vote,
    VoteChoice,
)
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
LANGUAGE_HEADINGS = {"fi": _("Finnish"), "sv": _("Swedish"), "en": _("English")}


def tr(data: dict, field: str) -> dict[str, str]:
    """The cleaned values of a translated field's language columns."""
    return {code: data.get(f"{field}_{code}") or "" for code in LANGUAGE_ORDER}


def language_panels(*fields: str) -> list:
    return [
        MultiFieldPanel(
            [FieldPanel(f"{field}_{code}") for field in fields], heading=LANGUAGE_HEADINGS[code]
        )
        for code in LANGUAGE_ORDER
    ]


class OptionalTranslationsForm(WagtailAdminModelForm):
    """Only Finnish texts are required; a missing translation falls back to Finnish."""

    required_finnish: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name[-3:] in ("_fi", "_sv", "_en"):
                field.required = name[:-3] in self.required_finnish and name.endswith("_fi")


# --- Bodies (as before) ----------------------------------------------------------------------


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


# --- Views that save through services --------------------------------------------------------


class ServiceSaveMixin:
    """save_instance() calls the viewset's `save(instance, data)`; its errors show on the form."""

    log_action = "wagtail.edit"

    def save_instance(self):
        obj = self.view_save(self.form.instance, self.form.cleaned_data)
        log(instance=obj, action=self.log_action, user=self.request.user, content_changed=True)
        return obj

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            messages = (
                error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
            )
            for field, texts in messages.items():
                form.add_error(field if field in form.fields else None, texts)
            return self.form_invalid(form)


class ServiceDeleteView(generic.DeleteView):
    def delete_action(self):
        log(instance=self.object, action="wagtail.delete", user=self.request.user)
        self.view_delete(self.object)


def service_viewset(viewset_class):
    """Give a viewset create/edit/delete views that call its `save` and `delete` functions."""
    save = viewset_class.save
    delete = viewset_class.delete

    class Create(ServiceSaveMixin, generic.CreateView):
        log_action = "wagtail.create"
        view_save = staticmethod(save)

    class Edit(ServiceSaveMixin, generic.EditView):
        view_save = staticmethod(save)

    class Delete(ServiceDeleteView):
        view_delete = staticmethod(delete)

    viewset_class.add_view_class = Create
    viewset_class.edit_view_class = Edit
    viewset_class.delete_view_class = Delete
    return viewset_class


class DecisionsViewSet(ModelViewSet):
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None

    @staticmethod
    def delete(instance):
        services.record_delete(instance=instance)


# --- Members and appeal instructions ---------------------------------------------------------


@service_viewset
class MembershipViewSet(DecisionsViewSet):
    """Members of bodies and their roles over time."""

    model = Membership
    icon = "user"
    menu_label = _("Members")
    list_display = ("person_name", "body", "role", "starts_on", "ends_on")
    list_filter = ("body", "role")
    search_fields = ("person_name",)
    edit_handler = ObjectList(
        [
            FieldPanel("body"),
            FieldPanel("person_name"),
            FieldPanel("role"),
            FieldPanel("group"),
            *language_panels("title"),
            FieldPanel("starts_on"),
            FieldPanel("ends_on"),
        ],
        base_form_class=OptionalTranslationsForm,
    )

    @staticmethod
    def save(instance, data):
        return services.membership_save(
            membership=instance,
            body=data["body"],
            person_name=data["person_name"],
            role=data["role"],
            group=data.get("group") or "",
            starts_on=data["starts_on"],
            ends_on=data.get("ends_on"),
            **{f"title_{code}": value for code, value in tr(data, "title").items()},
        )


class AppealForm(OptionalTranslationsForm):
    required_finnish = ("name",)


@service_viewset
class AppealInstructionViewSet(DecisionsViewSet):
    """Appeal instructions (muutoksenhakuohjeet) applied to items and decisions."""

    model = AppealInstructionTemplate
    icon = "doc-full"
    menu_label = _("Appeal instructions")
    list_display = ("name", "kind", "appeal_days")
    edit_handler = ObjectList(
        [FieldPanel("kind"), FieldPanel("appeal_days"), *language_panels("name", "text")],
        base_form_class=AppealForm,
    )

    @staticmethod
    def save(instance, data):
        return services.appeal_template_save(
            template=instance,
            kind=data["kind"],
            appeal_days=data["appeal_days"],
            **{f"name_{c}": v for c, v in tr(data, "name").items()},
            **{f"text_{c}": v for c, v in tr(data, "text").items()},
        )


# --- Meetings --------------------------------------------------------------------------------


class MeetingForm(OptionalTranslationsForm):
    publish_minutes = forms.BooleanField(
        label=_("publish the checked minutes now"),
        required=False,
        help_text=_("Decisions, votes and disqualifications become public at once."),
    )
    appeal_template = forms.ModelChoiceField(
        label=_("apply appeal instructions"),
        queryset=AppealInstructionTemplate.objects.all(),
        required=False,
        help_text=_("To the items whose § is between the two numbers below."),
    )
    appeal_first = forms.IntegerField(label=_("from §"), min_value=0, required=False)
    appeal_last = forms.IntegerField(label=_("to §"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if data.get("appeal_template") and (
            data.get("appeal_first") is None or data.get("appeal_last") is None
        ):
            self.add_error("appeal_first", _("Give the first and the last §."))
        return data


@service_viewset
class MeetingViewSet(DecisionsViewSet):
    """Meetings: their times and place, the agenda's scheduled publication and the minutes."""

    model = Meeting
    icon = "date"
    menu_label = _("Meetings")
    list_display = ("__str__", "starts_at", "state", "agenda_publish_at", "minutes_publish_at")
    list_filter = ("body", "state", "year")
    search_fields = ("place_fi", "place_sv")
    list_export = ("body", "number", "year", "starts_at", "state", "agenda_publish_at")
    edit_handler = ObjectList(
        [
            FieldPanel("body"),
            FieldPanel("number"),
            FieldPanel("year"),
            FieldPanel("starts_at"),
            FieldPanel("ends_at"),
            *language_panels("place"),
            FieldPanel("recording_url"),
            FieldPanel("state"),
            FieldPanel("agenda_publish_at"),
            MultiFieldPanel(
                [
                    FieldPanel("appeal_template"),
                    FieldPanel("appeal_first"),
                    FieldPanel("appeal_last"),
                ],
                heading=_("Appeal instructions"),
            ),
            FieldPanel("publish_minutes"),
        ],
        base_form_class=MeetingForm,
    )

    @staticmethod
    def save(instance, data):
        meeting = services.meeting_save(
            meeting=instance,
            body=data["body"],
            number=data["number"],
            year=data["year"],
            starts_at=data["starts_at"],
            ends_at=data.get("ends_at"),
            recording_url=data.get("recording_url") or "",
            state=data.get("state") or None,
            **{f"place_{c}": v for c, v in tr(data, "place").items()},
        )
        if data.get("appeal_template"):
            services.appeal_instructions_apply(
                meeting=meeting,
                template=data["appeal_template"],
                first=data["appeal_first"],
                last=data["appeal_last"],
            )
        if data.get("agenda_publish_at"):
            services.meeting_schedule_agenda(meeting=meeting, publish_at=data["agenda_publish_at"])
        if data.get("publish_minutes"):
            services.meeting_publish_minutes(meeting=meeting)
        return meeting

    @staticmethod
    def delete(instance):
        services.meeting_delete(meeting=instance)


# --- Agenda items and their parts ------------------------------------------------------------

SECTIONS = ("background", "proposal", "decision", "discussion")


class AgendaItemForm(OptionalTranslationsForm):
    required_finnish = ("title",)

    class Meta:
        widgets = {"meeting": forms.Select}


@service_viewset
class AgendaItemViewSet(DecisionsViewSet):
    """Agenda items: § and titles, case reference, sections, resolution and appeal."""

    model = AgendaItem
    icon = "list-ol"
    menu_label = _("Agenda items")
    list_display = ("__str__", "meeting", "case_reference", "resolution", "modified")
    list_filter = ("resolution", "is_confidential")
    search_fields = ("title_fi", "title_sv", "case_reference")
    edit_handler = ObjectList(
        [
            FieldPanel("meeting"),
            FieldPanel("order"),
            FieldPanel("section"),
            FieldPanel("case_reference"),
            FieldPanel("is_confidential"),
            *language_panels("title", "preparer", "presenter", "secrecy_ground", *SECTIONS),
            FieldPanel("resolution"),
            FieldPanel("appeal_instructions"),
        ],
        base_form_class=AgendaItemForm,
    )

    @staticmethod
    def save(instance, data):
        return services.agenda_item_save(
            item=instance,
            meeting=data["meeting"],
            order=data["order"],
            section=data.get("section"),
            title=tr(data, "title"),
            case_reference=data.get("case_reference") or "",
            preparer=tr(data, "preparer"),
            presenter=tr(data, "presenter"),
            resolution=data.get("resolution") or "",
            is_confidential=bool(data.get("is_confidential")),
            secrecy_ground=tr(data, "secrecy_ground"),
            appeal_instructions=data.get("appeal_instructions"),
            **{section: tr(data, section) for section in SECTIONS},
        )

    @staticmethod
    def delete(instance):
        services.agenda_item_delete(item=instance)


class AttachmentForm(OptionalTranslationsForm):
    required_finnish = ("title",)


@service_viewset
class AttachmentViewSet(DecisionsViewSet):
    """Attachments of agenda items (PDF); a non-public one needs a ground for secrecy."""

    model = Attachment
    icon = "doc-full-inverse"
    menu_label = _("Attachments")
    list_display = ("title", "item", "publicity")
    list_filter = ("publicity",)
    search_fields = ("title_fi", "title_sv")
    edit_handler = ObjectList(
        [
            FieldPanel("item"),
            FieldPanel("order"),
            FieldPanel("file"),
            FieldPanel("publicity"),
            *language_panels("title", "secrecy_ground"),
        ],
        base_form_class=AttachmentForm,
    )

    @staticmethod
    def save(instance, data):
        upload = data.get("file")
        return services.attachment_save(
            attachment=instance,
            item=data["item"],
            order=data.get("order") or 0,
            title=tr(data, "title"),
            file=upload if isinstance(upload, UploadedFile) else None,
            publicity=data["publicity"],
            secrecy_ground=tr(data, "secrecy_ground"),
        )


def _member_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Membership.objects.order_by("body", "person_name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class VoteForm(OptionalTranslationsForm):
    required_finnish = ("first_proposal", "second_proposal")
    first_voters = _member_field(_("voted for the first proposal"))
    second_voters = _member_field(_("voted for the second proposal"))
    blank_voters = _member_field(_("voted blank"))
    absent_voters = _member_field(_("absent"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for ballot in self.instance.ballots.all():
                key = f"{ballot.choice}_voters"
                self.initial.setdefault(key, []).append(ballot.member_id)


@service_viewset
class VoteViewSet(DecisionsViewSet):
    """Votes: the competing proposals and each member's vote; counts follow the ballots."""

    model = Vote
    icon = "tasks"
    menu_label = _("Votes")
    list_display = ("__str__", "item", "first_count", "second_count")
    edit_handler = ObjectList(
        [
            FieldPanel("item"),
            FieldPanel("order"),
            *language_panels("subject", "first_proposal", "second_proposal"),
            FieldPanel("first_voters"),
            FieldPanel("second_voters"),
            FieldPanel("blank_voters"),
            FieldPanel("absent_voters"),
        ],
        base_form_class=VoteForm,
    )

    @staticmethod
    def save(instance, data):
        ballots = [
            (member, choice)
            for choice in VoteChoice.values
            for member in data.get(f"{choice}_voters") or []
        ]
        return services.vote_record(
            vote=instance,
            item=data["item"],
            order=data.get("order") or 1,
            subject=tr(data, "subject"),
            first_proposal=tr(data, "first_proposal"),
            second_proposal=tr(data, "second_proposal"),
            ballots=ballots,
        )


@service_viewset
class DisqualificationViewSet(DecisionsViewSet):
    """Disqualifications (esteellisyys / jäv) of members from items, with the reason."""

    model = Disqualification
    icon = "warning"
    menu_label = _("Disqualifications")
    list_display = ("member", "item", "reason")
    edit_handler = ObjectList(
        [FieldPanel("item"), FieldPanel("member"), *language_panels("reason")]
    )

    @staticmethod
    def save(instance, data):
        if instance.pk:
            services.record_delete(instance=instance)
        return services.disqualification_record(
            item=data["item"], member=data["member"], reason=tr(data, "reason")
        )


@service_viewset
class PersonalDataViewSet(DecisionsViewSet):
    """Passages of personal data, removed from the web when the appeal period ends."""

    model = PersonalDataPassage
    icon = "lock"
    menu_label = _("Personal data")
    list_display = ("text", "item", "officeholder_decision", "remove_on", "removed_at")
    edit_handler = ObjectList(
        [FieldPanel("item"), FieldPanel("officeholder_decision"), FieldPanel("text")]
    )

    @staticmethod
    def save(instance, data):
        if instance.pk:
            services.record_delete(instance=instance)
        return services.personal_data_mark(
            text=data["text"],
            item=data.get("item"),
            officeholder_decision=data.get("officeholder_decision"),
        )


class OfficeholderDecisionForm(OptionalTranslationsForm):
    required_finnish = ("title",)


@service_viewset
class OfficeholderDecisionViewSet(DecisionsViewSet):
    """Officeholder decisions (viranhaltijapäätökset), published from their publish time."""

    model = OfficeholderDecision
    icon = "user"
    menu_label = _("Officeholder decisions")
    list_display = ("__str__", "decision_maker", "decided_on", "publish_at")
    list_filter = ("decision_maker",)
    search_fields = ("title_fi", "title_sv", "case_reference")
    edit_handler = ObjectList(
        [
            FieldPanel("decision_maker"),
            FieldPanel("decided_on"),
            FieldPanel("section"),
            FieldPanel("case_reference"),
            FieldPanel("is_confidential"),
            *language_panels("title", "secrecy_ground", "background", "decision"),
            FieldPanel("resolution"),
            FieldPanel("appeal_instructions"),
            FieldPanel("publish_at"),
        ],
        base_form_class=OfficeholderDecisionForm,
    )

    @staticmethod
    def save(instance, data):
        return services.officeholder_decision_save(
            decision=instance,
            decision_maker=data["decision_maker"],
            decided_on=data["decided_on"],
            section=data["section"],
            title=tr(data, "title"),
            case_reference=data.get("case_reference") or "",
            background=tr(data, "background"),
            decision_text=tr(data, "decision"),
            resolution=data.get("resolution") or "",
            is_confidential=bool(data.get("is_confidential")),
            secrecy_ground=tr(data, "secrecy_ground"),
            appeal_instructions=data.get("appeal_instructions"),
            publish_at=data.get("publish_at"),
        )


class DecisionsGroup(ViewSetGroup):
    menu_label = _("Decisions")
    menu_icon = "doc-full"
    menu_order = 310
    items = (
        MeetingViewSet("meetings"),
        AgendaItemViewSet("agenda-items"),
        AttachmentViewSet("attachments"),
        VoteViewSet("votes"),
        DisqualificationViewSet("disqualifications"),
        PersonalDataViewSet("personal-data"),
        OfficeholderDecisionViewSet("officeholder-decisions"),
        MembershipViewSet("members"),
        AppealInstructionViewSet("appeal-instructions"),
    )


@hooks.register("register_admin_viewset")
def register_decisions_viewsets():
    return DecisionsGroup()


@hooks.register("register_log_actions")
def register_decisions_log_actions(actions):
    actions.register_action(
        "decisions.personal_data_removed",
        _("Remove personal data"),
        _("Personal data removed when the appeal period ended"),
    )
