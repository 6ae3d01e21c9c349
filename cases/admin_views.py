"""Views of the staff screens: every view of a case or case type asks which ones the user
handles (cases.policies.cases_of_handler), so another unit's case answers 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.log_actions import log

from cases import admin_forms, staff_services
from cases.models import Case, CaseEvent, staff_status_label
from cases.policies import cases_of_handler
from cases.selectors import NoSuchHistoryPage, case_expectation, history_page
from cases.services import CaseConflict, integration_client_create
from cases.staff_selectors import case_types_of_handler, cases_for_handler_listing


class ScopedMixin:
    """Limits a generic view to the objects the user may handle (`scope(user)`)."""

    scope = None

    def scoped_queryset(self):
        return type(self).scope(self.request.user)


class ScopedListMixin(ScopedMixin):
    # IndexView: filters, search and ordering apply on top of this.
    def get_base_queryset(self):
        return self.scoped_queryset()


class ScopedObjectMixin(ScopedMixin):
    # EditView, DeleteView (SingleObjectMixin)
    def get_queryset(self):
        return self.scoped_queryset()

    # HistoryView, UsageView (BaseObjectMixin)
    def get_base_object_queryset(self):
        return self.scoped_queryset()


# --- Cases ----------------------------------------------------------------------------------------


class CaseIndexView(ScopedListMixin, generic.IndexView):
    scope = staticmethod(cases_for_handler_listing)


class CaseHistoryView(ScopedObjectMixin, HistoryView):
    scope = staticmethod(cases_of_handler)


class CaseUsageView(ScopedObjectMixin, UsageView):
    scope = staticmethod(cases_of_handler)


ACTIONS = {
    "phase": admin_forms.PhaseChangeForm,
    "info_request": admin_forms.InfoRequestForm,
    "message": admin_forms.StaffMessageForm,
    "decision": admin_forms.DecisionForm,
    "document": admin_forms.DocumentForm,
}
ACTION_LABELS = {
    "phase": gettext_lazy("Record a phase change"),
    "info_request": gettext_lazy("Request more information"),
    "message": gettext_lazy("Send a message"),
    "decision": gettext_lazy("Record the decision"),
    "document": gettext_lazy("Attach a document"),
}
SUCCESS_MESSAGES = {
    "phase": gettext_lazy("The phase change was recorded."),
    "info_request": gettext_lazy("The request for more information was sent."),
    "message": gettext_lazy("The message was sent."),
    "decision": gettext_lazy("The decision was recorded."),
    "document": gettext_lazy("The document was attached."),
}


def _perform(action: str, case: Case, data: dict, user) -> None:
    if action == "phase":
        staff_services.case_change_phase(
            case=case,
            phase=data["phase"],
            note_fi=data["note_fi"],
            note_sv=data["note_sv"],
            user=user,
        )
    elif action == "info_request":
        staff_services.case_request_information(
            case=case, text_fi=data["text_fi"], text_sv=data["text_sv"], due=data["due"], user=user
        )
    elif action == "message":
        staff_services.case_message_resident(case=case, text=data["text"], user=user)
    elif action == "decision":
        staff_services.case_record_decision(
            case=case,
            outcome=data["outcome"],
            summary_fi=data["summary_fi"],
            summary_sv=data["summary_sv"],
            appeal_days=data["appeal_days"],
            decision_reference=data["decision_reference"],
            user=user,
        )
    elif action == "document":
        staff_services.case_attach_document(
            case=case,
            upload=data["file"],
            note_fi=data["note_fi"],
            note_sv=data["note_sv"],
            visible_to_resident=data["visible_to_resident"],
            user=user,
        )


class CaseWorkView(PermissionCheckedMixin, generic.base.WagtailAdminTemplateMixin, TemplateView):
    """A case as its handler sees it, with the actions: phase, request, message, decision,
    document."""

    model = Case
    permission_required = "change"
    template_name = "cases/admin/case_work.html"
    index_url_name = None
    edit_url_name = None
    history_url_name = None
    header_icon = "folder-open-inverse"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            cases_of_handler(request.user).select_related("case_type", "phase", "unit"),
            pk=kwargs["pk"],
        )

    def _history(self, request):
        before = request.GET.get("before")
        if before is not None and not (before.isascii() and before.isdigit() and len(before) <= 18):
            raise Http404
        try:
            return history_page(
                self.object,
                int(before) if before is not None else None,
                events=CaseEvent.objects.filter(case=self.object).select_related("phase", "actor"),
            )
        except NoSuchHistoryPage:
            raise Http404 from None

    def get_page_title(self):
        return self.object.reference

    def get_page_subtitle(self):
        return self.object.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": _("My unit's cases")},
            {"url": "", "label": self.object.reference},
        ]

    def get_forms(self, bound_action: str | None = None) -> dict:
        forms = {}
        for action, form_class in ACTIONS.items():
            if action == bound_action:
                forms[action] = form_class(
                    self.request.POST, self.request.FILES, case=self.object, prefix=action
                )
            else:
                forms[action] = form_class(case=self.object, prefix=action)
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        forms = kwargs.get("forms") or self.get_forms()
        history = self._history(self.request)
        context.update(
            {
                "case": case,
                "status_label": staff_status_label(case.status),
                "expectation": case_expectation(case),
                "parties": list(case.parties.select_related("user")),
                # A page of the history, every event (history_page() on the handler's view).
                "history": history,
                "events": history.events,
                "actions": [
                    {"name": name, "label": ACTION_LABELS[name], "form": form}
                    for name, form in forms.items()
                    if name not in ("phase", "info_request", "decision") or case.final_at is None
                ],
                "history_url": reverse(self.history_url_name, args=[case.pk]),
                "open": case.closed_at is None,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action not in ACTIONS:
            messages.error(request, _("Choose an action."))
            return redirect(request.path)
        forms = self.get_forms(bound_action=action)
        form = forms[action]
        if form.is_valid():
            try:
                with transaction.atomic():
                    _perform(action, self.object, form.cleaned_data, request.user)
            except CaseConflict as conflict:
                form.add_error(None, conflict.message)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                log(instance=self.object, action="wagtail.edit", user=request.user)
                messages.success(request, SUCCESS_MESSAGES[action])
                return redirect(request.path)
        messages.error(request, _("The action could not be done; see the errors below."))
        context = self.get_context_data(forms=forms, **kwargs)
        return self.render_to_response(context, status=400)


# --- Case types -----------------------------------------------------------------------------------


class CaseTypeIndexView(ScopedListMixin, generic.IndexView):
    scope = staticmethod(case_types_of_handler)

    def get_base_queryset(self):
        return self.scoped_queryset().select_related("unit")


class CaseTypeSaveMixin:
    log_action = "wagtail.edit"

    def save_instance(self):
        formset = self.form.formsets["phases"]
        case_type = self.form.save(commit=False)
        case_type = staff_services.case_type_commit(
            case_type=case_type,
            removed_phases=list(formset.deleted_objects),
            user=self.request.user,
        )
        log(instance=case_type, action=self.log_action, user=self.request.user)
        return case_type


class CaseTypeCreateView(CaseTypeSaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class CaseTypeEditView(ScopedObjectMixin, CaseTypeSaveMixin, generic.EditView):
    scope = staticmethod(case_types_of_handler)


class CaseTypeHistoryView(ScopedObjectMixin, HistoryView):
    scope = staticmethod(case_types_of_handler)


class CaseTypeUsageView(ScopedObjectMixin, UsageView):
    scope = staticmethod(case_types_of_handler)


# --- Units ----------------------------------------------------------------------------------------


class UnitSaveMixin:
    log_action = "wagtail.edit"

    def save_instance(self):
        unit = staff_services.unit_commit(
            unit=self.form.save(commit=False),
            handlers=list(self.form.cleaned_data.get("handlers") or []),
            user=self.request.user,
        )
        log(instance=unit, action=self.log_action, user=self.request.user)
        return unit


class UnitCreateView(UnitSaveMixin, generic.CreateView):
    log_action = "wagtail.create"


class UnitEditView(UnitSaveMixin, generic.EditView):
    pass


# --- Integration clients -------------------------------------------------------------------------


class IntegrationClientCreateView(generic.CreateView):
    """Creates the client and shows its token once; only a hash of it is kept."""

    def form_valid(self, form):
        client, token = integration_client_create(
            name=form.cleaned_data["name"], unit=form.cleaned_data["unit"]
        )
        log(instance=client, action="wagtail.create", user=self.request.user)
        response = TemplateResponse(
            self.request,
            "cases/admin/integration_token.html",
            {
                "client": client,
                "token": token,
                "index_url": reverse(self.index_url_name),
                "page_title": _("Integration token"),
                "header_title": _("Integration token"),
                "header_icon": "key",
            },
        )
        add_never_cache_headers(response)
        return response


class IntegrationClientEditView(generic.EditView):
    def save_instance(self):
        client = staff_services.integration_client_update(
            client=self.form.instance,
            name=self.form.cleaned_data["name"],
            is_active=self.form.cleaned_data["is_active"],
            user=self.request.user,
        )
        log(instance=client, action="wagtail.edit", user=self.request.user)
        return client
