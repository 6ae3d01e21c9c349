"""Staff screens of the digital maturity app: a round's services, assessing one, publishing,
exporting, and importing other municipalities' exports."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from maturity import selectors, services
from maturity.exchange import MAX_BYTES
from maturity.forms import AssessmentForm, ImportForm
from maturity.models import Assessment, Round, Service
from maturity.policies import can_assess, can_import

FETCH_TIMEOUT_SECONDS = 10


def _require_assessor(request) -> None:
    if not can_assess(request.user):
        raise PermissionDenied


def round_services(request, round_id: int):
    """The catalogue's services in a round: which are assessed, with their scores."""
    _require_assessor(request)
    round = get_object_or_404(Round, pk=round_id)
    assessed = {a.service_id: a for a in selectors.round_assessments(round)}
    figures = {a.service_id: selectors.assessment_figures(a).score for a in assessed.values()}
    rows = [
        {
            "service": service,
            "assessment": assessed.get(service.pk),
            "score": figures.get(service.pk),
        }
        for service in selectors.catalogue()
    ]
    round_figures = selectors.figures_of(round) if assessed else None
    return render(
        request,
        "maturity/admin/round_services.html",
        {"round": round, "rows": rows, "score": round_figures.score if round_figures else None},
    )


def assess(request, round_id: int, service_id: int):
    """Assess one service in a round; in a published round, a correction with its reason."""
    _require_assessor(request)
    round = get_object_or_404(Round, pk=round_id)
    service = get_object_or_404(
        Service.objects.select_related("sector", "case_type"), pk=service_id
    )
    assessment = (
        Assessment.objects.filter(round=round, service=service)
        .prefetch_related("phase_levels__phase")
        .first()
    )
    form_kwargs = {"service": service, "published": round.is_published}
    if request.method == "POST":
        form = AssessmentForm(request.POST, **form_kwargs)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.assessment_save(
                    round=round,
                    service=service,
                    adopted=data["adopted"],
                    levels={
                        phase.code: data[f"level_{phase.code}"]
                        for phase in form.phases
                        if data.get(f"level_{phase.code}") not in (None, "")
                    },
                    electronic_share=data["electronic_share"],
                    reason={code: data[f"reason_{code}"] for code in ("fi", "sv", "en")},
                    next_steps={code: data[f"next_steps_{code}"] for code in ("fi", "sv", "en")},
                    transactions_per_year=data["transactions_per_year"],
                    minutes_saved=data["minutes_saved"],
                    cost_per_hour=data["cost_per_hour"],
                    investment=data["investment"],
                    yearly_cost=data["yearly_cost"],
                    actor=request.user,
                    correction_note=data.get("correction_note", ""),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                log(instance=saved, action="wagtail.edit", user=request.user)
                messages.success(
                    request, _("The assessment of %(service)s was saved.") % {"service": service}
                )
                return redirect("maturity_admin:round", round.pk)
    else:
        form = AssessmentForm(initial=AssessmentForm.initial_of(assessment), **form_kwargs)
    return render(
        request,
        "maturity/admin/assess.html",
        {
            "round": round,
            "service": service,
            "form": form,
            "suggestion": selectors.suggestion_for(service),
        },
    )


@require_POST
def publish(request, round_id: int):
    """Publish a draft round."""
    _require_assessor(request)
    round = get_object_or_404(Round, pk=round_id)
    try:
        services.round_publish(round=round)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        log(instance=round, action="wagtail.publish", user=request.user)
        messages.success(request, _("The round %(year)s is published.") % {"year": round.year})
    return redirect("maturity_admin:round", round.pk)


def export(request, round_id: int):
    """Download a published round as the open exchange document."""
    _require_assessor(request)
    round = get_object_or_404(Round, pk=round_id)
    if not round.is_published:
        raise Http404
    from maturity.views import export_of

    response = JsonResponse(
        export_of(round, request), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = f'attachment; filename="digital-maturity-{round.year}.json"'
    return response


def fetch(url: str) -> bytes:
    """The document at an http(s) address, at most MAX_BYTES, within the timeout."""
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValidationError(_("Give an address that starts with https:// or http://."))
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310  # nosec B310
            content = response.read(MAX_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise ValidationError(
            _("The address could not be read: %(error)s") % {"error": exc}
        ) from None
    return content


def import_round(request):
    """Import another municipality's exported round from a file or its address."""
    if not can_import(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                if upload is not None:
                    if upload.size > MAX_BYTES:
                        raise ValidationError(
                            _("The file is larger than %(size)d MB.")
                            % {"size": MAX_BYTES // (1024 * 1024)}
                        )
                    content, source = upload.read(MAX_BYTES + 1), upload.name
                else:
                    source = form.cleaned_data["url"]
                    content = fetch(source)
                imported = services.round_import(content=content, source=source, actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                log(instance=imported, action="wagtail.create", user=request.user)
                messages.success(
                    request,
                    _("The round %(year)s of %(municipality)s was imported.")
                    % {"year": imported.year, "municipality": imported.municipality},
                )
                return redirect(reverse("maturity_admin:import"))
    else:
        form = ImportForm()
    from maturity.models import ImportedRound

    return render(
        request,
        "maturity/admin/import.html",
        {"form": form, "imported": ImportedRound.objects.order_by("municipality", "-year")},
    )
