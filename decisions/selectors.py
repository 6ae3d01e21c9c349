"""Reads of the decisions app that have a rule in them; every one asks decisions.policies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from decisions import policies
from decisions.models import (
    SEARCH_FIELDS,
    AgendaItem,
    Attachment,
    Body,
    BodyKind,
    Disqualification,
    Meeting,
    MeetingState,
    Membership,
    MemberVote,
    OfficeholderDecision,
    Vote,
)
from portal import textsearch


def page_of(items, *, number: int | None, per_page: int) -> Page:
    """The numbered page of `items`; a number that is no page of them is "not found"."""
    try:
        return Paginator(items, per_page).page(number or 1)
    except InvalidPage as exc:
        raise Http404(str(exc)) from exc


def bodies_public() -> QuerySet[Body]:
    return policies.bodies_visible_to(None)


def body_public(slug: str) -> Body:
    try:
        return bodies_public().get(slug=slug)
    except Body.DoesNotExist as exc:
        raise Http404 from exc


def body_members_now(body: Body, today: datetime.date | None = None) -> QuerySet[Membership]:
    """Members whose period covers today."""
    today = today or timezone.localdate()
    return body.memberships.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    ).order_by("role", "person_name")


# The decisions front page lists the meetings of this many coming weeks (at most UPCOMING_LIMIT).
UPCOMING_WEEKS = 6
UPCOMING_LIMIT = 30


def meetings_flag_agenda(meetings: QuerySet[Meeting], now) -> QuerySet[Meeting]:
    """Annotate `agenda_out`: whether the meeting's agenda (and page) may be shown yet."""
    return meetings.annotate(
        agenda_out=ExpressionWrapper(policies.agenda_published_q(now), output_field=BooleanField())
    )


def body_meetings(body: Body, *, now=None) -> tuple[QuerySet[Meeting], QuerySet[Meeting]]:
    """Upcoming meetings (soonest first, announced ones too, flagged `agenda_out`) and past
    published meetings (latest first) of a body."""
    now = now or timezone.now()
    upcoming = meetings_flag_agenda(
        policies.meetings_listed().filter(body=body, starts_at__gte=now), now
    ).order_by("starts_at", "id")
    past = (
        policies.meetings_visible(now)
        .filter(body=body, starts_at__lt=now)
        .order_by("-starts_at", "-id")
    )
    return upcoming, past


def meetings_upcoming(
    *, now=None, weeks: int = UPCOMING_WEEKS, limit: int = UPCOMING_LIMIT
) -> QuerySet[Meeting]:
    """The coming weeks' meetings of every body, soonest first: announced ones (date, place and
    body only) as well as those whose agenda is out, flagged `agenda_out`."""
    now = now or timezone.now()
    meetings = policies.meetings_listed().filter(
        starts_at__gte=now, starts_at__lt=now + datetime.timedelta(weeks=weeks)
    )
    meetings = meetings_flag_agenda(meetings, now).select_related("body")
    return meetings.order_by("starts_at", "id")[:limit]


def next_meeting(upcoming: list[Meeting]) -> Meeting | None:
    """The first meeting of a list of upcoming ones that has not been cancelled."""
    return next((m for m in upcoming if m.state != MeetingState.CANCELLED), None)


def meeting_public(pk: int, *, now=None) -> Meeting:
    try:
        return policies.meetings_visible(now).select_related("body").get(pk=pk)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def meeting_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda's rows: only what the list shows, not the items' long texts."""
    return meeting.items.order_by("order", "id").only(
        "id",
        "meeting_id",
        "order",
        "section",
        "title_fi",
        "title_sv",
        "title_en",
        "is_confidential",
        "resolution",
    )


def item_public(pk: int, *, now=None) -> AgendaItem:
    try:
        return (
            policies.agenda_items_visible(now)
            .select_related("meeting__body", "appeal_instructions")
            .defer(*SEARCH_FIELDS)
            .get(pk=pk)
        )
    except AgendaItem.DoesNotExist as exc:
        raise Http404 from exc


def item_neighbours(item: AgendaItem) -> tuple[AgendaItem | None, AgendaItem | None]:
    """The previous and next item of the same meeting (one query)."""
    siblings = list(
        item.meeting.items.order_by("order", "id").only(
            "id", "order", "section", "title_fi", "title_sv", "title_en", "meeting_id"
        )
    )
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == item.pk)
    previous = siblings[index - 1] if index > 0 else None
    following = siblings[index + 1] if index + 1 < len(siblings) else None
    return previous, following


def item_other_handlings(item: AgendaItem, *, now=None, limit: int = 20):
    """The same case's other handlings: items and officeholder decisions with its reference."""
    if not item.case_reference or item.is_confidential:
        return [], []
    items = (
        policies.agenda_items_visible(now)
        .filter(case_reference=item.case_reference, is_confidential=False)
        .exclude(pk=item.pk)
        .select_related("meeting__body")
        .only(
            "id",
            "section",
            "title_fi",
            "title_sv",
            "title_en",
            "meeting__starts_at",
            "meeting__number",
            "meeting__year",
            "meeting__body__name_fi",
            "meeting__body__name_sv",
            "meeting__body__name_en",
        )
        .order_by("meeting__starts_at", "id")[:limit]
    )
    decisions = (
        policies.officeholder_decisions_visible(now)
        .filter(case_reference=item.case_reference, is_confidential=False)
        .select_related("decision_maker")
        .defer(*SEARCH_FIELDS)
        .order_by("decided_on", "id")[:limit]
    )
    return list(items), list(decisions)


def item_votes(item: AgendaItem) -> list[Vote]:
    ballots = MemberVote.objects.select_related("member").order_by("member__person_name")
    return list(item.votes.prefetch_related(Prefetch("ballots", queryset=ballots)))


def item_disqualifications(item: AgendaItem) -> list[Disqualification]:
    return list(item.disqualifications.select_related("member"))


def item_attachments(item: AgendaItem) -> list[Attachment]:
    return list(item.attachments.defer("text"))


def attachment_public(pk: int, *, now=None) -> Attachment:
    """A public attachment of a visible item whose file may be served, else "not found"."""
    try:
        attachment = Attachment.objects.select_related("item__meeting__body").get(pk=pk)
    except Attachment.DoesNotExist as exc:
        raise Http404 from exc
    if not policies.attachment_file_available(attachment, now):
        raise Http404
    return attachment


def officeholders_public() -> QuerySet[Body]:
    return bodies_public().filter(kind=BodyKind.OFFICEHOLDER)


def officeholder_decisions_of(body: Body, *, now=None) -> QuerySet[OfficeholderDecision]:
    return (
        policies.officeholder_decisions_visible(now)
        .filter(decision_maker=body)
        .defer(*SEARCH_FIELDS)
        .order_by("-decided_on", "-section", "-id")
    )


def officeholder_decision_public(pk: int, *, now=None) -> OfficeholderDecision:
    try:
        return (
            policies.officeholder_decisions_visible(now)
            .select_related("decision_maker", "appeal_instructions")
            .defer(*SEARCH_FIELDS)
            .get(pk=pk)
        )
    except OfficeholderDecision.DoesNotExist as exc:
        raise Http404 from exc


# --- Search ----------------------------------------------------------------------------------

# Markers around highlighted words in snippets; replaced by <mark> after escaping.
MARK_START, MARK_END = "\u0002", "\u0003"


# The columns of decisions_search()'s rows (a last column, the rank, orders them).
SEARCH_COLUMNS = (
    "kind",
    "id",
    "section",
    "title_fi",
    "title_sv",
    "title_en",
    "body_fi",
    "body_sv",
    "body_en",
    "date",
    "meeting_number",
    "meeting_year",
    "is_confidential",
)


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    body: Body | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    reference: str = ""
    resolution: str = ""

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.body
            or self.date_from
            or self.date_to
            or self.reference
            or self.resolution
        )


def _queries(q: str) -> dict[str, textsearch.Query]:
    """The query analysed as Finnish and as Swedish (portal.textsearch, as the index is)."""
    return {code: textsearch.parse_query(q, code) for code in textsearch.LANGUAGES}


class _Tsquery(SearchQuery):
    """A tsquery literal built by portal.textsearch: PostgreSQL's parser must not change it."""

    template = "(%(expressions)s)::tsquery"

    def __init__(self, value: str):
        super().__init__(value, search_type="raw")


def _contains_any(field: str, lexemes) -> Q:
    # The stored lexemes are separated and surrounded by spaces: whole lexemes match.
    match = Q(pk__in=[])
    for lexeme in lexemes:
        match |= Q(**{f"{field}__contains": f" {lexeme} "})
    return match


def _words_match(query: textsearch.Query, field: str) -> Q:
    """The query as matches on the stored lexeme text (the fallback without PostgreSQL)."""

    def phrase(terms) -> Q:
        match = Q()
        for term in terms:
            match &= _contains_any(field, term)
        return match

    match = Q()
    for clause in query.clauses:
        alternatives = Q(pk__in=[])
        for terms in clause:
            alternatives |= phrase(terms)
        match &= alternatives
    for terms in query.excluded:
        match &= ~phrase(terms)
    return match


def _text_match(q: str, prefix: str = "") -> Q:
    """Rows whose Finnish or Swedish text has every word of `q` in some form."""
    match = Q(pk__in=[])
    for code, query in _queries(q).items():
        if not query:
            continue
        if connection.vendor == "postgresql":
            match |= Q(**{f"{prefix}search_{code}": _Tsquery(query.tsquery())})
        else:
            match |= _words_match(query, f"{prefix}search_words_{code}")
    return match


def _rank(q: str):
    """How well a row matches: title words weigh more than the text's (PostgreSQL only)."""
    zero = Value(0.0, output_field=FloatField())
    if not q or connection.vendor != "postgresql":
        return zero
    ranks = [
        SearchRank(F(f"search_{code}"), _Tsquery(query.tsquery()))
        for code, query in _queries(q).items()
        if query
    ]
    return sum(ranks[1:], ranks[0]) if ranks else zero


def decisions_search(filters: SearchFilters, *, language: str, now=None):
    """Published agenda items and officeholder decisions matching the filters, newest first.

    One query (a UNION) returns plain rows; the highlighted snippets are made afterwards for
    the rows of one result page only (search_hits), so that their cost does not grow with the
    number of matches.
    """
    now = now or timezone.now()
    items = policies.agenda_items_visible(now)
    decisions = policies.officeholder_decisions_visible(now)
    if filters.q:
        items = items.filter(_text_match(filters.q))
        decisions = decisions.filter(_text_match(filters.q))
    if filters.body is not None:
        items = items.filter(meeting__body=filters.body)
        decisions = decisions.filter(decision_maker=filters.body)
    if filters.date_from:
        start = timezone.make_aware(datetime.datetime.combine(filters.date_from, datetime.time()))
        items = items.filter(meeting__starts_at__gte=start)
        decisions = decisions.filter(decided_on__gte=filters.date_from)
    if filters.date_to:
        end = timezone.make_aware(
            datetime.datetime.combine(filters.date_to + datetime.timedelta(days=1), datetime.time())
        )
        items = items.filter(meeting__starts_at__lt=end)
        decisions = decisions.filter(decided_on__lte=filters.date_to)
    if filters.reference:
        items = items.filter(case_reference=filters.reference)
        decisions = decisions.filter(case_reference=filters.reference)
    if filters.resolution:
        # A resolution is public only with the minutes.
        items = items.filter(
            resolution=filters.resolution,
            is_confidential=False,
            meeting__minutes_publish_at__lte=now,
        )
        decisions = decisions.filter(resolution=filters.resolution, is_confidential=False)
    columns = (*SEARCH_COLUMNS, "rank")
    items = (
        items.annotate(
            kind=Value("item"),
            body_fi=F("meeting__body__name_fi"),
            body_sv=F("meeting__body__name_sv"),
            body_en=F("meeting__body__name_en"),
            date=TruncDate("meeting__starts_at"),
            meeting_number=F("meeting__number"),
            meeting_year=F("meeting__year"),
            rank=_rank(filters.q),
        )
        .order_by()
        .values_list(*columns)
    )
    decisions = (
        decisions.annotate(
            kind=Value("decision"),
            body_fi=F("decision_maker__name_fi"),
            body_sv=F("decision_maker__name_sv"),
            body_en=F("decision_maker__name_en"),
            date=F("decided_on"),
            meeting_number=Value(None, output_field=IntegerField()),
            meeting_year=Value(None, output_field=IntegerField()),
            rank=_rank(filters.q),
        )
        .order_by()
        .values_list(*columns)
    )
    rows = items.union(decisions, all=True)
    if filters.q:
        # The best matches first, so that a word's other senses do not bury what was meant.
        return rows.order_by("-rank", "-date", "-id")
    return rows.order_by("-date", "-id")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    pk: int
    section: int | None
    title: str
    title_language: str
    body: str
    date: datetime.date
    meeting_code: str
    is_confidential: bool
    snippet: str


def search_hits(rows, *, language: str, q: str) -> list[SearchHit]:
    """Rows of decisions_search() as hits with a highlighted, escaped snippet."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from portal.translation import fallback_order

    rows = list(rows)
    snippets = _snippets(rows, language=language, q=q)
    hits = []
    for row in rows:
        data = dict(zip(SEARCH_COLUMNS, row[: len(SEARCH_COLUMNS)], strict=True))
        order = fallback_order(language)
        title_language = next((code for code in order if data[f"title_{code}"]), language)
        body = next((data[f"body_{code}"] for code in order if data[f"body_{code}"]), "")
        snippet = escape(snippets.get((data["kind"], data["id"]), ""))
        snippet = snippet.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        code = f"{data['meeting_number']}/{data['meeting_year']}" if data["meeting_number"] else ""
        hits.append(
            SearchHit(
                kind=data["kind"],
                pk=data["id"],
                section=data["section"],
                title=data[f"title_{title_language}"] or "",
                title_language=title_language,
                body=body,
                date=data["date"],
                meeting_code=code,
                is_confidential=bool(data["is_confidential"]),
                snippet=mark_safe(snippet),  # noqa: S308 - escaped above, only <mark> added
            )
        )
    return hits


def _snippets(rows, *, language: str, q: str) -> dict[tuple[str, int], str]:
    """The snippet of each row of a result page: two queries, one per kind.

    The words to mark are those whose lexemes the query has: on PostgreSQL read from the
    stored vector's positions, elsewhere by analysing the text.
    """
    code = "sv" if language == "sv" else "fi"
    wanted = textsearch.parse_query(q, code).lexemes() if q else set()
    postgresql = connection.vendor == "postgresql"
    out: dict[tuple[str, int], str] = {}
    for kind, model in (("item", AgendaItem), ("decision", OfficeholderDecision)):
        ids = [row[1] for row in rows if row[0] == kind]
        if not ids:
            continue
        columns = ["pk", f"search_text_{code}"] + ([f"search_{code}"] if postgresql else [])
        for pk, text, *vector in model.objects.filter(pk__in=ids).values_list(*columns):
            if not wanted:
                marked = set()
            elif postgresql:
                marked = textsearch.tsvector_positions(vector[0] or "", wanted)
            else:
                marked = textsearch.positions_in(text or "", wanted, code)
            out[(kind, pk)] = textsearch.headline(
                text or "", marked, start=MARK_START, stop=MARK_END
            )
    return out
