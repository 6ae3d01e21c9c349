"""Forms of the decisions pages (all GET forms: reading needs no sign-in)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PageForm(forms.Form):
    page = forms.IntegerField(
        min_value=1,
        max_value=10_000,
        required=False,
        error_messages={"invalid": _("The page number must be a whole number.")},
    )


class SearchForm(PageForm):
    q = forms.CharField(label=_("search words"), max_length=200, required=False)
    body = forms.SlugField(label=_("body"), max_length=100, required=False)
    date_from = forms.DateField(
        label=_("from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )
    date_to = forms.DateField(
        label=_("to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date, for example 2026-03-31.")},
    )
    reference = forms.CharField(label=_("case reference"), max_length=100, required=False)
    resolution = forms.ChoiceField(label=_("resolution"), required=False)

    def __init__(self, *args, bodies=(), **kwargs):
        from decisions.models import Resolution
        from portal.translation import translated

        super().__init__(*args, **kwargs)
        self.fields["body"] = forms.ChoiceField(
            label=_("body"),
            required=False,
            choices=[("", _("all bodies"))]
            + [(body.slug, translated(body, "name").text) for body in bodies],
        )
        self.fields["resolution"].choices = [("", _("any resolution")), *Resolution.choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        for name in ("q", "reference"):
            if name in data:
                data[name] = " ".join((data[name] or "").split())
        return data
