"""Forms of the decisions pages (all GET forms: reading needs no sign-in)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.validators import validate_plain_text


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


class SubscriptionForm(forms.Form):
    """Follow a body, or a word that may appear on agendas and in decisions."""

    body = forms.ChoiceField(label=_("body"), required=False)
    word = forms.CharField(
        label=_("search word"),
        max_length=100,
        required=False,
        validators=[validate_plain_text],
        help_text=_("For example “uimahalli” or “simhall”: every form of the word is found."),
    )

    def __init__(self, *args, bodies=(), **kwargs):
        from portal.translation import translated

        super().__init__(*args, **kwargs)
        self.bodies = {body.slug: body for body in bodies}
        self.fields["body"].choices = [("", _("no body, only the word"))] + [
            (body.slug, translated(body, "name").text) for body in bodies
        ]

    def clean(self):
        data = super().clean()
        body, word = data.get("body"), " ".join((data.get("word") or "").split())
        data["word"] = word
        if self.errors:
            return data
        if bool(body) == bool(word):
            raise forms.ValidationError(_("Choose a body or write a search word, not both."))
        data["body"] = self.bodies.get(body) if body else None
        return data
