"""Forms of the staff screens: case types with phases, units, and a handler's actions on a case."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cases.forms import NoNulCharField
from cases.models import DecisionOutcome, Phase
from cases.staff_selectors import phases_in_use, units_of_handler
from cases.staff_services import APPEAL_DAYS_CHOICES

OPTIONAL_TRANSLATIONS = ("name_sv", "name_en", "description_fi", "description_sv", "description_en")


def _optional_translations(form: forms.Form) -> None:
    # Only the Finnish name is required; a missing translation falls back to it.
    for name in OPTIONAL_TRANSLATIONS:
        if name in form.fields:
            form.fields[name].required = False


class PhaseForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _optional_translations(self)


class CaseTypeForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _optional_translations(self)
        if "unit" in self.fields and self.for_user is not None:
            self.fields["unit"].queryset = units_of_handler(self.for_user)

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("phases")
        if formset is None or not formset.is_valid():
            return cleaned
        in_use = phases_in_use(self.instance)
        for form in formset.deleted_forms:
            if form.instance.pk in in_use:
                self.add_error(
                    None,
                    _("Phase “%(phase)s” is used by cases and cannot be removed.")
                    % {"phase": form.instance},
                )
        codes = [
            form.cleaned_data.get("code")
            for form in formset.forms
            if form not in formset.deleted_forms and form.cleaned_data
        ]
        if len(codes) != len(set(codes)):
            self.add_error(None, _("Each phase of a case type needs a code of its own."))
        return cleaned


class UnitForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _optional_translations(self)
        if "handlers" in self.fields:
            self.fields["handlers"].queryset = (
                get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email")
            )
            self.fields["handlers"].label_from_instance = lambda user: (
                f"{user.get_full_name() or user.email} <{user.email}>"
            )


# --- A handler's actions on a case ---------------------------------------------------------------


class PhaseChangeForm(forms.Form):
    phase = forms.ModelChoiceField(label=_("new phase"), queryset=Phase.objects.none())
    note_fi = NoNulCharField(
        label=_("note in Finnish"), required=False, max_length=5000, widget=forms.Textarea
    )
    note_sv = NoNulCharField(
        label=_("note in Swedish"), required=False, max_length=5000, widget=forms.Textarea
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].queryset = case.case_type.phases.order_by("sort_order", "id")


class InfoRequestForm(forms.Form):
    text_fi = NoNulCharField(
        label=_("request in Finnish"), required=False, max_length=5000, widget=forms.Textarea
    )
    text_sv = NoNulCharField(
        label=_("request in Swedish"), required=False, max_length=5000, widget=forms.Textarea
    )
    due = forms.DateField(label=_("answer due by"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class StaffMessageForm(forms.Form):
    text = NoNulCharField(label=_("message"), max_length=5000, widget=forms.Textarea)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=DecisionOutcome.choices)
    summary_fi = NoNulCharField(
        label=_("summary in Finnish"), required=False, max_length=5000, widget=forms.Textarea
    )
    summary_sv = NoNulCharField(
        label=_("summary in Swedish"), required=False, max_length=5000, widget=forms.Textarea
    )
    appeal_days = forms.TypedChoiceField(
        label=_("appeal period"),
        coerce=int,
        choices=[(days, _("%(days)s days") % {"days": days}) for days in APPEAL_DAYS_CHOICES],
        initial=30,
    )
    decision_reference = NoNulCharField(
        label=_("decided in"),
        required=False,
        max_length=200,
        help_text=_(
            "The agenda item or officeholder decision, e.g. “Technical committee 5/2026 § 12”."
        ),
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("document"), help_text=_("PDF, JPEG, PNG, DOCX or ODT, at most 10 MB.")
    )
    note_fi = NoNulCharField(label=_("note in Finnish"), required=False, max_length=1000)
    note_sv = NoNulCharField(label=_("note in Swedish"), required=False, max_length=1000)
    visible_to_resident = forms.BooleanField(
        label=_("visible to the resident"), required=False, initial=True
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
