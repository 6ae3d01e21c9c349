"""Staff screens of the finance app with several steps: uploading an export, publishing a report."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from finance import services
from finance.importer import MAX_BYTES
from finance.models import Report

IMPORT_PERMISSION = "finance.add_financeimport"
PUBLISH_PERMISSION = "finance.change_report"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Export of the finance system (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns year, period, account, cost_centre, budget and actual; an XLSX file may "
            "also have a sheet “structure”."
        ),
    )
    structure = forms.FileField(
        label=gettext_lazy("Budget structure (CSV, optional)"),
        required=False,
        help_text=gettext_lazy(
            "Columns cost_centre, parent, level, name_fi, name_sv, name_en, binding, total_cost."
        ),
    )

    def _bounded(self, name):
        upload = self.cleaned_data.get(name)
        if upload is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload

    def clean_file(self):
        return self._bounded("file")

    def clean_structure(self):
        return self._bounded("structure")


def import_export(request):
    """Upload the finance system's export: nothing is saved unless every row is valid."""
    if not request.user.has_perm(IMPORT_PERMISSION):
        raise PermissionDenied
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        structure = form.cleaned_data.get("structure")
        result = services.finance_import(
            data=upload.read(MAX_BYTES + 1),
            name=upload.name,
            structure=structure.read(MAX_BYTES + 1) if structure else None,
            user=request.user,
        )
        if result.ok:
            messages.success(
                request,
                _("%(rows)d rows imported for the periods %(periods)s.")
                % {"rows": result.record.rows, "periods": ", ".join(result.record.periods)},
            )
            return redirect(reverse("finance_import"))
        errors = [str(error) for error in result.errors]
    return render(
        request,
        "finance/admin/import.html",
        {"form": form, "errors": errors[:500], "more": max(0, len(errors) - 500)},
    )


class PublishForm(forms.Form):
    published_on = forms.DateField(
        label=gettext_lazy("Publication date"), initial=datetime.date.today
    )


def publish_report(request, report_id: int):
    """Publish a report: its figures are stored as they stand and do not change afterwards."""
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied
    report = get_object_or_404(Report.objects.select_related("year"), pk=report_id)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_publish(
                report=report, published_on=form.cleaned_data["published_on"], user=request.user
            )
        except services.CannotPublish as exc:
            form.add_error(None, str(exc.message))
        else:
            messages.success(request, _("The report is published."))
            return redirect(reverse("finance_report:index"))
    return render(request, "finance/admin/publish.html", {"form": form, "report": report})
