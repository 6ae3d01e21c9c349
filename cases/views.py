"""The resident's pages: my cases, a case, answering, messages, documents and lookup."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import selectors, services
from cases.forms import InfoAnswerForm, LookupForm, MessageForm
from cases.models import CaseType, Phase
from cases.policies import documents_downloadable_by
from portal.ratelimit import limit_exceeded

LOOKUP_LIMIT = 10
LOOKUP_WINDOW_SECONDS = 600


def _resident_case_or_404(request, case_id: uuid.UUID):
    case = selectors.resident_case(request.user, case_id)
    if case is None:
        raise Http404
    return case


@require_GET
@login_required
def my_cases(request):
    """The signed-in resident's cases: open ones first, then decided and closed."""
    cases = list(selectors.my_cases(request.user))
    rows = [(case, selectors.case_expectation(case)) for case in cases]
    return render(
        request,
        "cases/my_cases.html",
        {
            "open_rows": [row for row in rows if row[0].is_open],
            "closed_rows": [row for row in rows if not row[0].is_open],
        },
    )


def _render_case(request, case, *, message_form=None, status=200, before=None):
    try:
        page = selectors.case_page(case, before=before)
    except selectors.NoSuchHistoryPage:
        raise Http404 from None
    return render(
        request,
        "cases/case_detail.html",
        {"page": page, "case": case, "message_form": message_form or MessageForm()},
        status=status,
    )


@require_GET
def case_detail(request, case_id):
    """One case of the resident with the latest page of its history, or with the page before
    the event `?before=<id>`; for anyone else it does not exist."""
    before = request.GET.get("before")
    if before is not None and not (before.isascii() and before.isdigit() and len(before) <= 18):
        raise Http404
    case = _resident_case_or_404(request, case_id)
    return _render_case(request, case, before=int(before) if before is not None else None)


@require_POST
def case_message(request, case_id):
    """The resident's message to the case's handlers."""
    case = _resident_case_or_404(request, case_id)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _render_case(request, case, message_form=form, status=400)
    try:
        services.case_send_message(
            case=case, author=request.user, text=form.cleaned_data["text"], from_staff=False
        )
    except services.CaseConflict as exc:
        # The case was closed (perhaps while the resident was writing): the page says so, and
        # the message form is gone from it.
        messages.error(request, exc.message)
        return _render_case(request, case, status=409)
    messages.success(request, _("Your message was sent. The handler answers here."))
    return redirect("cases:detail", case_id=case.pk)


@require_http_methods(["GET", "POST"])
def info_request_answer(request, case_id, event_id: int):
    """Answering a request for more information, with documents."""
    case = _resident_case_or_404(request, case_id)
    info_request = selectors.resident_open_request(case, event_id)
    if info_request is None:
        raise Http404
    if info_request.answered_at is not None or case.decided_at is not None:
        messages.info(request, _("This request has already been answered."))
        return redirect("cases:detail", case_id=case.pk)
    status = 200
    if request.method == "POST":
        # A body over the route's limit (REQUEST_MAX_BYTES_BY_ROUTE) never gets here: it is
        # refused with 413 before anything reads it (portal.request_limits).
        form = InfoAnswerForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.case_answer_info_request(
                    case=case,
                    request_event=info_request,
                    user=request.user,
                    text=form.cleaned_data["text"],
                    files=form.cleaned_data["documents"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("documents", message)
            except services.CaseConflict as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("Thank you. Your answer was sent and the processing goes on.")
                )
                return redirect("cases:detail", case_id=case.pk)
        status = 400
    else:
        form = InfoAnswerForm()
    return render(
        request,
        "cases/info_request_answer.html",
        {"case": case, "info_request": info_request, "form": form},
        status=status,
    )


@require_GET
def document_download(request, case_id, document_id: int):
    """A case's document, for the case's parties and its unit's handlers only."""
    document = (
        documents_downloadable_by(request.user).filter(pk=document_id, case_id=case_id).first()
    )
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=document.name, content_type=document.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def lookup(request):
    """A case by reference and tracking code, without signing in: the public timeline only."""
    form = LookupForm(request.POST or None)
    result = None
    status = 200
    if request.method == "POST":
        if limit_exceeded(
            request, scope="case_lookup", limit=LOOKUP_LIMIT, window_seconds=LOOKUP_WINDOW_SECONDS
        ):
            form.add_error(None, _("Too many attempts. Wait ten minutes and try again."))
            status = 429
        elif form.is_valid():
            result = selectors.case_by_tracking_code(**form.cleaned_data)
            if result is None:
                form.add_error(
                    None,
                    _("No case matches this reference and tracking code. Check both and retry."),
                )
                status = 404
            else:
                result.timeline = selectors.public_timeline(result)
                result.expectation = selectors.case_expectation(result)
        else:
            status = 400
    return render(request, "cases/lookup.html", {"form": form, "result": result}, status=status)


@require_GET
def case_types(request):
    """Case types with their processing times (Administrative Procedure Act 23 a §)."""
    types = CaseType.objects.filter(is_active=True).select_related("unit")
    rows = [(case_type, selectors.typical_days(case_type)) for case_type in types]
    return render(request, "cases/case_types.html", {"rows": rows})


@require_GET
def case_type_detail(request, code: str):
    """One case type: its phases and processing-time statistics."""
    case_type = get_object_or_404(
        CaseType.objects.filter(is_active=True)
        .select_related("unit")
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("sort_order", "id"))),
        code=code,
    )
    return render(
        request,
        "cases/case_type_detail.html",
        {
            "case_type": case_type,
            "typical": selectors.typical_days(case_type),
            "window_days": selectors.STATISTICS_WINDOW_DAYS,
            "min_count": selectors.STATISTICS_MIN_COUNT,
        },
    )
