"""Reads of the decisions app that have a rule in them; every one asks decisions.policies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.exceptions import EmptyResultSet
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    BigIntegerField,
    BooleanField,
    DateField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
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
    slug_is,
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


def body_by_slug(slug: str) -> Body | None:
    """The public body that has `slug` in the addresses of any language."""
    return bodies_public().filter(slug_is(slug)).first()


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


# The columns of a search hit's row (search_hits reads them for one result page).
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

# Search ranks and pages at most this many matches (the candidates), and counts no further: more
# matches are shown as "over 1 000". The candidates are the first matches the GIN indexes give,
# so that ranking, counting and every page cost the same however many documents a common word
# finds.
SEARCH_CANDIDATES = 1000


class SearchRows(list):
    """Search candidates in result order: (kind, id, date, rank) tuples.

    `estimated` is true when more documents matched than SEARCH_CANDIDATES: the list then holds
    the first SEARCH_CANDIDATES of them and its length is a lower bound of the matches.
    """

    estimated = False


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    body: Body | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    reference: str = ""
    resolution: str = ""
    # The API's filters besides the page's: one meeting's items, rows changed since.
    meeting_id: int | None = None
    modified_since: datetime.datetime | None = None
    # Which kinds of document to search: "item" (agenda items), "decision" (officeholder's).
    kinds: tuple[str, ...] = ("item", "decision")

    @property
    def active(self) -> bool:
        return bool(
            self.q
            or self.body
            or self.date_from
            or self.date_to
            or self.reference
            or self.resolution
            or self.meeting_id
            or self.modified_since
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


def _bigint(value: int):
    # The GIN indexes' operators compare a bigint column with a bigint only.
    return Cast(Value(value), BigIntegerField())


def _in_dates(rows: QuerySet, field: str, start, end, *, words: bool) -> QuerySet:
    """Rows whose `field` is in [start, end). With words, on PostgreSQL, as a condition that no
    index answers (the date plus 0 days), so that the rows come from the GIN indexes, which
    keep the rows read to the matches, rather than from all rows of the dates."""
    if words and connection.vendor == "postgresql":
        day = Func(F(field), Value(0), arg_joiner=" + ", template="(%(expressions)s)")
        rows = rows.alias(search_day=ExpressionWrapper(day, output_field=DateField()))
        field = "search_day"
    if start is not None:
        rows = rows.filter(**{f"{field}__gte": start})
    if end is not None:
        rows = rows.filter(**{f"{field}__lt": end})
    return rows


def _item_candidates(filters: SearchFilters, now, start, end) -> tuple[QuerySet, QuerySet]:
    """Agenda items matching the filters of meetings in [start, end), and the meetings whose
    items may be shown (agenda published, and minutes too for a resolution)."""
    meetings = policies.meetings_visible(now)
    items = _in_dates(AgendaItem.objects.all(), "search_date", start, end, words=bool(filters.q))
    if filters.body is not None:
        items = items.filter(search_body_id=_bigint(filters.body.pk))
    if filters.q:
        items = items.filter(_text_match(filters.q))
    if filters.meeting_id is not None:
        items = items.filter(meeting_id=filters.meeting_id)
    if filters.modified_since is not None:
        items = items.filter(modified__gte=filters.modified_since)
    if filters.reference:
        items = items.filter(case_reference=filters.reference)
    if filters.resolution:
        # A resolution is public only with the minutes.
        items = items.filter(resolution=filters.resolution, is_confidential=False)
        meetings = meetings.filter(minutes_publish_at__lte=now)
    items = items.annotate(kind=Value("item"), date=F("search_date"), rank=_rank(filters.q))
    return items.values_list("kind", "id", "date", "rank", "meeting_id"), meetings


def _decision_candidates(filters: SearchFilters, now, start, end) -> tuple[QuerySet, QuerySet]:
    """Published officeholder decisions matching the filters decided in [start, end), and the
    decision makers whose decisions may be shown."""
    decisions = OfficeholderDecision.objects.filter(publish_at__isnull=False, publish_at__lte=now)
    decisions = _in_dates(decisions, "decided_on", start, end, words=bool(filters.q))
    if filters.body is not None and filters.q:
        decisions = decisions.filter(search_body_id=_bigint(filters.body.pk))
    elif filters.body is not None:
        decisions = decisions.filter(decision_maker=filters.body)
    if filters.q:
        decisions = decisions.filter(_text_match(filters.q))
    if filters.meeting_id is not None:  # a meeting has agenda items only
        decisions = decisions.none()
    if filters.modified_since is not None:
        decisions = decisions.filter(modified__gte=filters.modified_since)
    if filters.reference:
        decisions = decisions.filter(case_reference=filters.reference)
    if filters.resolution:
        decisions = decisions.filter(resolution=filters.resolution, is_confidential=False)
    decisions = decisions.annotate(
        kind=Value("decision"), date=F("decided_on"), rank=_rank(filters.q)
    )
    makers = policies.bodies_visible_to(None)
    return decisions.values_list("kind", "id", "date", "rank", "decision_maker_id"), makers


def _sql(queryset: QuerySet) -> tuple[str, list]:
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    return sql, list(params)


def search_candidates_sql(filters: SearchFilters, *, now=None, limit: int | None = None):
    """The SQL and parameters of the candidate query (decisions_search; EXPLAIN in the tests).

    One statement: the matching items and decisions, each kind limited to `limit` rows, so that
    no more rows are read and ranked however many match. Each kind's rows come from a subquery
    of its own table that only its GIN indexes can answer (the words, the body, the dates and
    the resolution are all conditions of one index scan; the subquery keeps the planner from
    reaching the rows through the meetings or bodies instead); the rows of meetings and bodies
    that may not be shown are then left out, looking up each row's meeting or decision maker.
    """
    now = now or timezone.now()
    limit = SEARCH_CANDIDATES + 1 if limit is None else limit
    start = filters.date_from
    end = filters.date_to + datetime.timedelta(days=1) if filters.date_to else None
    parts, params = [], []
    postgresql = connection.vendor == "postgresql"
    for kind, build, parent in (
        ("item", _item_candidates, "meeting_id"),
        ("decision", _decision_candidates, "decision_maker_id"),
    ):
        if kind not in filters.kinds:
            continue
        rows, shown = build(filters, now, start, end)
        # Words: the first matches the GIN indexes give, ranked afterwards; no words: the
        # newest, along a B-tree of dates.
        rows = rows.order_by() if filters.q else rows.order_by("-date", "-id")
        try:
            rows_sql, rows_params = _sql(rows)
        except EmptyResultSet:  # words that have no lexemes match nothing
            continue
        shown_sql, shown_params = _sql(shown.order_by().values("id"))
        # Words: no order, so `OFFSET 0` fences the subquery; no words: the subquery's own limit
        # (twice the candidates, some may not be shown) lets it walk a B-tree of dates.
        # (SQLite, which has no planner to fence, takes no OFFSET without a LIMIT.)
        fence = "LIMIT %s" if not filters.q else "OFFSET 0" if postgresql else ""
        # The ORM compiled both with placeholders for every value.
        parts.append(
            f"SELECT * FROM (SELECT kind, id, date, rank FROM ({rows_sql} {fence}) AS found"  # noqa: S608
            f" WHERE EXISTS (SELECT 1 FROM ({shown_sql}) AS shown WHERE shown.id = {parent})"
            f" LIMIT %s) AS part{len(parts)}"
        )
        params += [*rows_params, *([] if filters.q else [2 * limit]), *shown_params, limit]
    return " UNION ALL ".join(parts), params


def _plan_settings(cursor) -> None:
    """How PostgreSQL is to run the candidate query, for the transaction it runs in."""
    if connection.vendor != "postgresql":
        return
    # Every part has an index for its conditions; a sequential scan would read rows that do not
    # match to find the few that do. Each row's meeting or decision maker is looked up by its
    # key rather than all of them hashed. The cost that disables a plan must not make it look
    # worth compiling.
    cursor.execute(
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off;"
        " SET LOCAL enable_mergejoin = off; SET LOCAL jit = off"
    )


def _candidates(filters: SearchFilters, now) -> list[tuple]:
    sql, params = search_candidates_sql(filters, now=now)
    if not sql:
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        _plan_settings(cursor)
        cursor.execute(sql, params)
        return cursor.fetchall()


def decisions_search(filters: SearchFilters, *, language: str, now=None) -> SearchRows:
    """Published agenda items and officeholder decisions matching the filters, best first.

    At most SEARCH_CANDIDATES of them (search_candidates_sql), ranked by the words (title
    words weigh more) and then by date; without words newest first.
    One query returns the candidates; the titles and snippets are read afterwards for the rows
    of one result page only (search_hits).
    """
    rows = SearchRows()
    found = _candidates(filters, now)
    rows.extend(
        (kind, pk, _as_date(day) or datetime.date.min, float(rank or 0))
        for kind, pk, day, rank in found
    )
    if filters.q:
        # The best matches first, so that a word's other senses do not bury what was meant.
        rows.sort(key=lambda row: (row[3], row[2], row[1]), reverse=True)
    else:
        rows.sort(key=lambda row: (row[2], row[1]), reverse=True)
    if len(rows) > SEARCH_CANDIDATES:
        del rows[SEARCH_CANDIDATES:]
        rows.estimated = True
    return rows


def _as_date(value) -> datetime.date:
    # SQLite returns the dates of a raw query as text.
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


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
    """Rows of decisions_search() (one result page) as hits with a highlighted, escaped
    snippet: two queries, one per kind."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    from portal.translation import fallback_order

    rows = list(rows)
    found = _page_rows(rows, language=language, q=q)
    hits = []
    order = fallback_order(language)
    for row in rows:
        data = found.get((row[0], row[1]))
        if data is None:  # removed since the candidates were read
            continue
        title_language = next((code for code in order if data[f"title_{code}"]), language)
        body = next((data[f"body_{code}"] for code in order if data[f"body_{code}"]), "")
        snippet = escape(data["snippet"])
        snippet = snippet.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
        code = f"{data['meeting_number']}/{data['meeting_year']}" if data["meeting_number"] else ""
        hits.append(
            SearchHit(
                kind=row[0],
                pk=row[1],
                section=data["section"],
                title=data[f"title_{title_language}"] or "",
                title_language=title_language,
                body=body,
                date=row[2],
                meeting_code=code,
                is_confidential=bool(data["is_confidential"]),
                snippet=mark_safe(snippet),  # noqa: S308 - escaped above, only <mark> added
            )
        )
    return hits


def _page_rows(rows, *, language: str, q: str) -> dict[tuple[str, int], dict]:
    """The shown columns and the snippet of each row of a result page.

    The words to mark are those whose lexemes the query has: on PostgreSQL read from the
    stored vector's positions, elsewhere by analysing the text.
    """
    code = "sv" if language == "sv" else "fi"
    wanted = textsearch.parse_query(q, code).lexemes() if q else set()
    postgresql = connection.vendor == "postgresql"
    text_columns = [f"search_text_{code}"] + ([f"search_{code}"] if postgresql else [])
    out: dict[tuple[str, int], dict] = {}
    for kind, model, prefix in (
        ("item", AgendaItem, "meeting__body__"),
        ("decision", OfficeholderDecision, "decision_maker__"),
    ):
        ids = [row[1] for row in rows if row[0] == kind]
        if not ids:
            continue
        renamed = {f"body_{lang}": F(f"{prefix}name_{lang}") for lang in ("fi", "sv", "en")}
        if kind == "item":
            renamed |= {"meeting_number": F("meeting__number"), "meeting_year": F("meeting__year")}
        values = model.objects.filter(pk__in=ids).values(
            "id",
            "section",
            "title_fi",
            "title_sv",
            "title_en",
            "is_confidential",
            *text_columns,
            **renamed,
        )
        for data in values:
            text = data[f"search_text_{code}"] or ""
            if not wanted:
                marked = set()
            elif postgresql:
                marked = textsearch.tsvector_positions(data[f"search_{code}"] or "", wanted)
            else:
                marked = textsearch.positions_in(text, wanted, code)
            data.setdefault("meeting_number", None)
            data.setdefault("meeting_year", None)
            data["snippet"] = textsearch.headline(text, marked, start=MARK_START, stop=MARK_END)
            out[(kind, data["id"])] = data
    return out
