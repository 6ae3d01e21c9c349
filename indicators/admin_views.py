"""Staff views of the key figures in the admin: the leadership group's selection, importing a
source now, and uploading the municipality's own CSV file."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from indicators import policies, selectors
from indicators.models import Source
from indicators.services import CSV_MAX_BYTES, ImportInvalid, csv_import, source_import


def leadership(request):
    """The leadership group's own selection of indicators, with thresholds, for this town."""
    selections = list(
        policies.selections_visible_to(request.user).prefetch_related("items__indicator")
    )
    if not selections and not request.user.is_superuser:
        raise PermissionDenied
    compared = selectors.comparison()
    cards = {
        card.indicator.pk: card for card in selectors.dashboard(theme=None, home=compared.home)
    }
    groups = [
        (
            selection,
            [(item, cards.get(item.indicator_id)) for item in selection.items.all()],
        )
        for selection in selections
    ]
    return render(
        request,
        "indicators/admin/leadership.html",
        {"groups": groups, "comparison": compared},
    )


@require_http_methods(["GET", "POST"])
def import_now(request, source_id: int):
    """Import a statistics source now; the result, or why it failed, is shown at once."""
    if not policies.can_import(request.user):
        raise PermissionDenied
    source = get_object_or_404(Source, pk=source_id)
    if request.method == "GET":
        return render(request, "indicators/admin/import_confirm.html", {"source": source})
    run = source_import(source=source, user=request.user)
    if run.succeeded:
        messages.success(
            request,
            _("%(source)s imported: %(created)d new and %(changed)d changed values.")
            % {"source": source.name, "created": run.created_count, "changed": run.changed_count},
        )
    else:
        messages.error(
            request,
            _("%(source)s was not imported: %(reason)s")
            % {"source": source.name, "reason": run.message},
        )
    return redirect("indicators_sources:index")


class CsvUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns indicator, area, period, breakdown and value; separated by semicolons or "
            "commas; UTF-8."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def csv_upload(request):
    """Upload the municipality's own figures as CSV; nothing is written if a row is wrong."""
    if not policies.can_import(request.user):
        raise PermissionDenied
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = csv_import(
                data=upload.read(CSV_MAX_BYTES + 1), file_name=upload.name, user=request.user
            )
        except ImportInvalid as exc:
            errors = exc.errors
        else:
            messages.success(
                request,
                _("%(file)s imported: %(created)d new and %(changed)d changed values.")
                % {
                    "file": run.file_name,
                    "created": run.created_count,
                    "changed": run.changed_count,
                },
            )
            return redirect("indicators_runs:index")
    return render(request, "indicators/admin/csv_upload.html", {"form": form, "errors": errors})
