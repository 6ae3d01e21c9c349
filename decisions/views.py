"""Reading pages of the decisions app: bodies, meetings, agenda items, officeholder decisions."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseBadRequest, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from decisions import policies, selectors
from decisions.forms import PageForm

MEETINGS_PER_PAGE = 20
DECISIONS_PER_PAGE = 30


def _page_number(request) -> int | None:
    form = PageForm(request.GET)
    if not form.is_valid():
        return None
    return form.cleaned_data["page"] or 1


@require_GET
def index(request):
    """The bodies and the meetings of the coming weeks, announced ones too."""
    bodies = list(selectors.bodies_public())
    return render(
        request,
        "decisions/index.html",
        {
            "bodies": [body for body in bodies if body.kind != "officeholder"],
            "officeholders": [body for body in bodies if body.kind == "officeholder"],
            "upcoming": list(selectors.meetings_upcoming()),
        },
    )


def body_address(view):
    """A body's address with its slug in another language (or its old one) leads permanently
    to the address with the slug of this language."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        match = request.resolver_match
        address = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        if request.path != address:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@body_address
def body_detail(request, body):
    """A body's page: its members, upcoming and past meetings."""
    number = _page_number(request)
    if number is None:
        return HttpResponseBadRequest()
    if body.kind == "officeholder":
        return officeholder_decisions(request, body, number)
    upcoming, past = selectors.body_meetings(body)
    upcoming = list(upcoming[:10])
    return render(
        request,
        "decisions/body.html",
        {
            "body": body,
            "members": list(selectors.body_members_now(body)),
            "upcoming": upcoming,
            "next_meeting": selectors.next_meeting(upcoming),
            "past": selectors.page_of(past, number=number, per_page=MEETINGS_PER_PAGE),
        },
    )


def officeholder_decisions(request, body, number: int):
    """An officeholder's decisions, latest first."""
    decisions = selectors.officeholder_decisions_of(body)
    return render(
        request,
        "decisions/officeholder.html",
        {
            "body": body,
            "members": list(selectors.body_members_now(body)),
            "decisions": selectors.page_of(decisions, number=number, per_page=DECISIONS_PER_PAGE),
        },
    )


@require_GET
def meeting_detail(request, pk: int):
    """A meeting and its agenda (the minutes' resolutions once they are published)."""
    now = timezone.now()
    meeting = selectors.meeting_public(pk, now=now)
    return render(
        request,
        "decisions/meeting.html",
        {
            "meeting": meeting,
            "body": meeting.body,
            "items": list(selectors.meeting_items(meeting)),
            "minutes": policies.minutes_published(meeting, now),
        },
    )


@require_GET
def item_detail(request, pk: int):
    """An agenda item: its sections, decision, votes, attachments and appeal instructions."""
    now = timezone.now()
    item = selectors.item_public(pk, now=now)
    disclosure = policies.item_disclosure(item, now)
    previous, following = selectors.item_neighbours(item)
    context = {
        "item": item,
        "meeting": item.meeting,
        "body": item.meeting.body,
        "disclosure": disclosure,
        "previous": previous,
        "next": following,
        "other_items": [],
        "other_decisions": [],
        "attachments": [],
        "votes": [],
        "disqualifications": [],
    }
    if not disclosure.title_only:
        context["other_items"], context["other_decisions"] = selectors.item_other_handlings(
            item, now=now
        )
        context["attachments"] = selectors.item_attachments(item)
    if disclosure.decision:
        context["votes"] = selectors.item_votes(item)
        context["disqualifications"] = selectors.item_disqualifications(item)
    return render(request, "decisions/agenda_item.html", context)


@require_GET
def officeholder_decision_detail(request, pk: int):
    """An officeholder decision."""
    decision = selectors.officeholder_decision_public(pk)
    return render(
        request,
        "decisions/officeholder_decision.html",
        {
            "decision": decision,
            "body": decision.decision_maker,
            "disclosure": policies.decision_disclosure(decision),
        },
    )


@require_GET
def attachment_file(request, pk: int):
    """The file of a public attachment; a non-public one is never served."""
    attachment = selectors.attachment_public(pk)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="attachment-{attachment.pk}.pdf"'
    return response


SEARCH_RESULTS_PER_PAGE = 20


@require_GET
def search(request):
    """Full-text search of agenda items and officeholder decisions (Finnish and Swedish)."""
    from decisions.forms import SearchForm

    bodies = list(selectors.bodies_public())
    form = SearchForm(request.GET or None, bodies=bodies)
    results = hits = None
    estimated = False
    status = 200
    filters = selectors.SearchFilters()
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            by_slug = {body.slug: body for body in bodies}
            filters = selectors.SearchFilters(
                q=data["q"],
                body=by_slug.get(data["body"]),
                date_from=data["date_from"],
                date_to=data["date_to"],
                reference=data["reference"],
                resolution=data["resolution"],
            )
        else:
            status = 400
    if filters.active:
        language = (get_language() or "fi")[:2]
        rows = selectors.decisions_search(filters, language=language)
        estimated = rows.estimated
        results = selectors.page_of(
            rows, number=form.cleaned_data.get("page"), per_page=SEARCH_RESULTS_PER_PAGE
        )
        hits = selectors.search_hits(results.object_list, language=language, q=filters.q)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "decisions/search.html",
        {
            "form": form,
            "results": results,
            "hits": hits,
            "filters": filters,
            # More matches than were ranked: the count is shown as "over 1 000".
            "estimated": estimated,
            "candidates": number_format(selectors.SEARCH_CANDIDATES, force_grouping=True),
            "query_prefix": (query.urlencode() + "&") if query else "",
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    """The signed-in reader's subscriptions: follow a body or a search word by e-mail."""
    from decisions.forms import SubscriptionForm
    from decisions.services import subscription_create

    bodies = list(selectors.bodies_public())
    initial = {"body": request.GET.get("body", "")[:100]}
    form = SubscriptionForm(request.POST or None, bodies=bodies, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            subscription_create(
                user=request.user,
                body=form.cleaned_data["body"],
                word=form.cleaned_data["word"],
                language=(get_language() or "fi")[:2],
            )
            messages.success(
                request, _("You will get an e-mail when something matching is published.")
            )
            return redirect("decisions:subscriptions")
        status = 400
    return render(
        request,
        "decisions/subscriptions.html",
        {
            "form": form,
            "subscriptions": list(
                request.user.decision_subscriptions.select_related("body").order_by("id")
            ),
        },
        status=status,
    )


@login_required
@require_POST
def subscription_delete(request, pk: int):
    """Stop a subscription of one's own; another's answers "not found"."""
    from decisions.services import subscription_delete as delete

    subscription = get_object_or_404(request.user.decision_subscriptions, pk=pk)
    delete(subscription=subscription)
    messages.success(request, _("The subscription was removed."))
    return redirect("decisions:subscriptions")
