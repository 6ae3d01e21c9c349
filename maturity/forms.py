"""Forms of the staff screens: a service's assessment in a round, and an import."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.models import Assessment, Level, Service

LANGUAGE_LABELS = {"fi": _("in Finnish"), "sv": _("in Swedish"), "en": _("in English")}
MONEY_MAX = Decimal("9999999999.99")


def _money(label, help_text=""):
    return forms.DecimalField(
        label=label,
        min_value=Decimal(0),
        max_value=MONEY_MAX,
        decimal_places=2,
        initial=Decimal(0),
        help_text=help_text,
    )


class AssessmentForm(forms.Form):
    """Everything the digital development group records of one service in a round."""

    adopted = forms.BooleanField(label=_("the service is in use"), required=False)
    electronic_share = forms.IntegerField(
        label=_("share of transactions done electronically (%)"),
        min_value=0,
        max_value=100,
        initial=0,
    )
    transactions_per_year = forms.IntegerField(
        label=_("transactions per year"), min_value=0, max_value=100_000_000, initial=0
    )
    minutes_saved = forms.DecimalField(
        label=_("minutes saved per transaction"),
        min_value=Decimal(0),
        max_value=Decimal("99999.99"),
        decimal_places=2,
        initial=Decimal(0),
        help_text=_("Working time saved when the transaction is electronic end to end."),
    )
    cost_per_hour = _money(_("cost per hour (€)"), _("Including the employer's costs."))
    investment = _money(_("one-off investment (€)"))
    yearly_cost = _money(_("yearly cost (€)"), _("Licences, maintenance and support."))

    def __init__(self, *args, service: Service, published: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.phases = list(service.phases.all())
        for code, label in LANGUAGE_LABELS.items():
            self.fields[f"reason_{code}"] = forms.CharField(
                label=_("reason (%(language)s)") % {"language": label},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for phase in self.phases:
            self.fields[f"level_{phase.code}"] = forms.TypedChoiceField(
                label=_("level: %(phase)s") % {"phase": phase.name},
                choices=[("", "---------"), *Level.choices],
                coerce=int,
                required=False,
            )
        for code, label in LANGUAGE_LABELS.items():
            self.fields[f"next_steps_{code}"] = forms.CharField(
                label=_("planned next steps (%(language)s)") % {"language": label},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if published:
            self.fields["correction_note"] = forms.CharField(
                label=_("what you correct and why"),
                help_text=_("The round is published: the note is shown on its public page."),
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field, forms.TypedChoiceField):
                field.validators.append(_no_nul)

    def level_fields(self):
        return [self[f"level_{phase.code}"] for phase in self.phases]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("adopted"):
            for phase in self.phases:
                if cleaned.get(f"level_{phase.code}") in (None, ""):
                    self.add_error(f"level_{phase.code}", _("Give the level of each phase."))
        elif not any((cleaned.get(f"reason_{code}") or "").strip() for code in LANGUAGE_LABELS):
            self.add_error("reason_fi", _("Say why the service is not in use."))
        return cleaned

    @classmethod
    def initial_of(cls, assessment: Assessment | None) -> dict:
        if assessment is None:
            return {}
        initial = {
            name: getattr(assessment, name)
            for name in (
                "adopted",
                "electronic_share",
                "transactions_per_year",
                "minutes_saved",
                "cost_per_hour",
                "investment",
                "yearly_cost",
            )
        }
        for code in LANGUAGE_LABELS:
            initial[f"reason_{code}"] = getattr(assessment, f"reason_{code}") or ""
            initial[f"next_steps_{code}"] = getattr(assessment, f"next_steps_{code}") or ""
        for level in assessment.phase_levels.select_related("phase"):
            initial[f"level_{level.phase.code}"] = level.level
        return initial


def _no_nul(value: str) -> None:
    if "\x00" in (value or ""):
        raise forms.ValidationError(_("The text contains a character that is not allowed."))


class ImportForm(forms.Form):
    """Another municipality's export: a file, or the address where it is published."""

    file = forms.FileField(label=_("exported file (JSON)"), required=False)
    url = forms.URLField(
        label=_("or its address"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("Choose a file or give its address."))
        return cleaned
