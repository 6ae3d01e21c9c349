"""Staff views of the participation app in the admin: result exports and access-code sheets."""

import csv
import io

import segno
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from participation.models import Survey
from participation.policies import can_export_responses, can_manage_surveys
from participation.selectors import survey_results
from participation.services import MAX_CODES_PER_BATCH, access_codes_create
from portal.links import absolute_url
from portal.translation import translated

EXPORT_FORMATS = ("csv", "xlsx")


def result_rows(survey: Survey) -> list[list]:
    """The results as table rows: what the public results show, small groups hidden."""
    results = survey_results(survey)
    hidden_text = ngettext(
        "hidden: fewer than %(n)d respondent",
        "hidden: fewer than %(n)d respondents",
        survey.min_group_size,
    ) % {"n": survey.min_group_size}
    rows: list[list] = [
        [_("question"), _("option"), _("count"), _("percent"), _("answered")],
    ]
    for result in results.questions:
        question_text = translated(result.question, "text").text
        if result.hidden:
            rows.append([question_text, hidden_text, "", "", ""])
            continue
        if result.is_text:
            rows.append([question_text, "", result.answered, "", result.answered])
            rows += [[question_text, quote.text, "", "", ""] for quote in result.texts]
            continue
        for option in result.options:
            rows.append(
                [question_text, option.text.text, option.count, option.percent, result.answered]
            )
    rows.append([_("respondents"), "", results.respondents, "", ""])
    for band in results.age_bands:
        rows.append(
            [
                _("age"),
                band.band or _("did not say"),
                pgettext("small group", "hidden") if band.hidden else band.count,
                "",
                "",
            ]
        )
    return rows


def _csv(survey: Survey, rows: list[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(response)
    for row in rows:
        # A cell starting with = + - @ would be a formula in a spreadsheet.
        writer.writerow([_safe_cell(cell) for cell in row])
    return response


def _safe_cell(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _xlsx(survey: Survey, rows: list[list]) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("results")[:31])
    for row in rows:
        sheet.append([_safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.xlsx"'
    return response


def export_results(request, survey_id: int, fmt: str):
    """CSV or XLSX of a survey's results for staff, with the same small groups hidden."""
    if not can_export_responses(request.user):
        raise PermissionDenied
    if fmt not in EXPORT_FORMATS:
        raise Http404
    survey = get_object_or_404(Survey, pk=survey_id)
    rows = result_rows(survey)
    return _csv(survey, rows) if fmt == "csv" else _xlsx(survey, rows)


class AccessCodeForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("number of codes"),
        min_value=1,
        max_value=MAX_CODES_PER_BATCH,
        initial=30,
    )
    group = forms.CharField(
        label=gettext_lazy("group"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("For example the class, printed on each slip."),
    )


def survey_address(survey: Survey, language: str) -> str:
    with translation.override(language):
        return absolute_url(reverse("participation:code", args=[survey.pk]))


def qr_svg(url: str) -> str:
    """An SVG QR code of the address, drawn by the portal itself."""
    return segno.make(url, error="m").svg_inline(scale=3, omitsize=True, title=url)


def access_codes(request, survey_id: int):
    """Generate N single-use codes and show them once, as a printable sheet of slips."""
    if not can_manage_surveys(request.user):
        raise PermissionDenied
    survey = get_object_or_404(Survey, pk=survey_id)
    form = AccessCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = access_codes_create(
                survey=survey, count=form.cleaned_data["count"], group=form.cleaned_data["group"]
            )
        except ValidationError as exc:
            form.add_error("count", exc)
        else:
            addresses = {code: survey_address(survey, code) for code in ("fi", "sv")}
            return render(
                request,
                "participation/admin/code_sheet.html",
                {
                    "survey": survey,
                    "codes": codes,
                    "group": form.cleaned_data["group"],
                    "addresses": addresses,
                    "qr": qr_svg(addresses["fi"]),
                },
            )
    return render(request, "participation/admin/codes_form.html", {"survey": survey, "form": form})
