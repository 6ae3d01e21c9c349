"""Forms of the resident's case pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.validators import disguising_characters

MAX_FILES = 5


class NoNulCharField(forms.CharField):
    """Text without NUL or other control characters, and without bidirectional overrides."""

    def clean(self, value):
        value = super().clean(value)
        if value and disguising_characters(value):
            raise forms.ValidationError(_("The text contains characters that are not allowed."))
        return value


class MessageForm(forms.Form):
    text = NoNulCharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a message before sending it.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class InfoAnswerForm(forms.Form):
    text = NoNulCharField(
        label=_("Your answer"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    documents = MultipleFileField(
        label=_("Documents"),
        required=False,
        help_text=_("PDF, JPEG, PNG, DOCX or ODT, at most 10 MB each and 5 files."),
    )

    def clean_documents(self):
        files = self.cleaned_data.get("documents") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Attach at most 5 files at a time."))
        return files

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and not cleaned.get("documents"):
            raise forms.ValidationError(_("Write an answer or attach a document."), code="required")
        return cleaned


class LookupForm(forms.Form):
    reference = NoNulCharField(
        label=_("Case reference"),
        max_length=100,
        help_text=_("For example LOV/123/02.05.01/2026. It is in the letter you received."),
        error_messages={"required": _("Enter the case reference.")},
    )
    tracking_code = NoNulCharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("The code printed in the same letter, for example ABCD-EFGH-JKLM."),
        error_messages={"required": _("Enter the tracking code.")},
    )
