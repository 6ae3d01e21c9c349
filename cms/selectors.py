"""Reads of the CMS that have a rule in them."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Case, Count, Exists, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale, PageViewRestriction
from wagtail.models import Page as WagtailPage

from portal import sections
from portal.translation import translated


def pages_public(pages: QuerySet) -> QuerySet:
    """Live pages that no view restriction (on themselves or an ancestor) hides.

    Wagtail's `.public()` runs a separate query for the restrictions; this is one subquery, so
    that lists cost the same number of queries however the tree is restricted.
    """
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return pages.live().filter(~Exists(restricted))


def page_of(items, *, number: str | None, per_page: int) -> Page:
    """The numbered page of `items`; a number that is no page of them is "not found"."""
    try:
        return Paginator(items, per_page).page(number or 1)
    except InvalidPage as exc:
        raise Http404(str(exc)) from exc


# --- Site search -----------------------------------------------------------------------------
#
# One search box for the whole portal. Each kind of content answers with its number of matches
# and a few hits; the page links each kind to its full list. Pages, news, case types and surveys
# are written per language, so they are searched in the reader's language, and in the other
# official language when the reader's has nothing. Decisions are searched in Finnish and Swedish
# at once by the decisions app's own search, which knows the words' forms.

HITS_PER_KIND = 5
# The language whose hits are offered when the reader's language has none.
OTHER_LANGUAGE = {"fi": "sv", "sv": "fi", "en": "fi"}
KINDS = ("sections", "pages", "news", "decisions", "case_types", "surveys")
# Kinds with a full list of their own in the site search (decisions have decision search).
LISTED_KINDS = ("pages", "news", "case_types", "surveys")


@dataclass(frozen=True)
class SiteHit:
    title: str
    url: str
    text: str = ""
    # A date, the body, the processing time: shown under the title.
    meta: str = ""
    # The language of the whole hit, when it is not the page's (the other language's hits).
    lang: str = ""
    # The language of the title or of the text alone, when only that one differs (decisions).
    title_lang: str = ""
    text_lang: str = ""


@dataclass
class SiteGroup:
    kind: str
    count: int
    hits: list[SiteHit]
    # The language the kind was searched in.
    language: str


@dataclass
class SiteSearch:
    query: str
    language: str
    groups: list[SiteGroup] = field(default_factory=list)
    # Set when the per-language kinds had nothing in the reader's language and were searched
    # in this one instead.
    fallback_language: str = ""

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def _words(query: str) -> list[str]:
    return [word for word in query.split() if word][:10]


def _all_words(query: str, fields: list[str]) -> Q:
    """Every word of the query in one of the fields (case-insensitive)."""
    condition = Q()
    for word in _words(query):
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def _lang(language: str, reader: str) -> str:
    return language if language != reader else ""


def _section_hits(query: str, language: str, reader: str) -> SiteGroup:
    with translation.override(language):
        found = sections.matching(query)
        hits = [
            SiteHit(
                title=str(section.title),
                url=section.url(),
                text=str(section.description),
                lang=_lang(language, reader),
            )
            for section in found
        ]
    return SiteGroup("sections", len(hits), hits, language)


class _PageSearch:
    """Live public pages of one language matching the query, counted per kind in one query."""

    def __init__(self, query: str, locale_id: int, private: Q):
        from cms.models import NewsPage

        self.query = query
        self.news_type = ContentType.objects.get_for_model(NewsPage)
        self.pages = WagtailPage.objects.live().filter(locale_id=locale_id).exclude(private)
        self.news = NewsPage.objects.live().filter(locale_id=locale_id).exclude(private)

    def counts(self) -> tuple[int, int]:
        by_type = self.pages.search(self.query).facet("content_type")
        news = by_type.get(self.news_type.pk, 0)
        return sum(by_type.values()) - news, news

    def page_results(self):
        return self.pages.not_type(self.news_type.model_class()).search(self.query)

    def news_results(self):
        return self.news.search(self.query)


def _page_hit(page, language: str, reader: str, request=None) -> SiteHit:
    return SiteHit(
        title=page.title,
        url=page.get_url(request) or "",
        text=getattr(page, "search_snippet", "") or page.search_description,
        lang=_lang(language, reader),
    )


def _news_hit(page, language: str, reader: str, request=None) -> SiteHit:
    with translation.override(language):
        date = formats.date_format(page.date, "SHORT_DATE_FORMAT")
    return SiteHit(
        title=page.title,
        url=page.get_url(request) or "",
        text=page.search_snippet,
        meta=date,
        lang=_lang(language, reader),
    )


def case_types_matching(query: str, language: str) -> QuerySet:
    """Active case types whose name or description in `language` has every word of the query."""
    from cases.models import CaseType

    return (
        CaseType.objects.filter(is_active=True)
        .filter(_all_words(query, [f"name_{language}", f"description_{language}"]))
        .order_by("sort_order", f"name_{language}", "pk")
    )


def _case_type_hit(case_type, language: str, reader: str, request=None) -> SiteHit:
    from cases.selectors import typical_days

    with translation.override(language):
        days, _source = typical_days(case_type)
        meta = ""
        if days is not None:
            meta = ngettext(
                "Usually decided within %(days)d day",
                "Usually decided within %(days)d days",
                days,
            ) % {"days": days}
        return SiteHit(
            title=translated(case_type, "name", language).text,
            url=reverse("cases:case_type_detail", args=[case_type.code]),
            text=Truncator(translated(case_type, "description", language).text).words(30),
            meta=meta,
            lang=_lang(language, reader),
        )


def surveys_matching(query: str, language: str, *, now=None) -> QuerySet:
    """Surveys the public may see whose title or introduction in `language` has every word;
    open ones first, then upcoming, then closed, newest first."""
    from participation.policies import surveys_visible_to

    now = now or timezone.now()
    return (
        surveys_visible_to(None)
        .select_related(None)
        .filter(_all_words(query, [f"title_{language}", f"intro_{language}"]))
        .annotate(
            state_order=Case(
                When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
                When(opens_at__gt=now, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("state_order", "-opens_at", "pk")
    )


def survey_hit(survey, language: str, reader: str, request=None) -> SiteHit:
    """A survey as a search hit or link card: title, state and introduction in `language`."""
    now = timezone.now()
    with translation.override(language):
        state = survey.state(now)
        if state == "open":
            closes = formats.date_format(timezone.localtime(survey.closes_at), "SHORT_DATE_FORMAT")
            meta = gettext("Open until %(date)s") % {"date": closes}
        elif state == "upcoming":
            opens = formats.date_format(timezone.localtime(survey.opens_at), "SHORT_DATE_FORMAT")
            meta = gettext("Opens on %(date)s") % {"date": opens}
        else:
            meta = gettext("Closed")
        return SiteHit(
            title=translated(survey, "title", language).text,
            url=reverse("participation:detail", args=[survey.pk]),
            text=Truncator(translated(survey, "intro", language).text).words(30),
            meta=meta,
            lang=_lang(language, reader),
        )


def _counted(queryset: QuerySet, limit: int) -> tuple[int, list]:
    """The first `limit` rows and the number of all rows, in one query."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:limit])
    return (rows[0].total_rows if rows else 0), rows


def _decision_group(query: str, reader: str) -> SiteGroup:
    from decisions.selectors import SearchFilters, decisions_search, search_hits

    rows = decisions_search(SearchFilters(q=query), language=reader)
    count = rows.count()
    hits = []
    if count:
        for hit in search_hits(rows[:HITS_PER_KIND], language=reader, q=query):
            name = "decisions:item" if hit.kind == "item" else "decisions:officeholder_decision"
            title = f"{hit.section} § {hit.title}" if hit.section else hit.title
            date = formats.date_format(hit.date, "SHORT_DATE_FORMAT") if hit.date else ""
            hits.append(
                SiteHit(
                    title=title,
                    url=reverse(name, args=[hit.pk]),
                    text=hit.snippet,
                    meta=", ".join(part for part in (hit.body, date) if part),
                    title_lang=_lang(hit.title_language, reader),
                    # The snippet comes from the Swedish text for Swedish readers, else Finnish.
                    text_lang=_lang("sv" if reader == "sv" else "fi", reader),
                )
            )
    return SiteGroup("decisions", count, hits, reader)


def _private_pages() -> Q:
    # One query for the view restrictions, shared by the pages and the news.
    return WagtailPage.objects.all().private_q()


def _language_groups(
    query: str, language: str, reader: str, locale_id: int | None, private: Q, request=None
) -> list[SiteGroup]:
    """The kinds written per language, searched in `language`."""
    groups = [_section_hits(query, language, reader)]
    if locale_id is not None:
        search = _PageSearch(query, locale_id, private)
        page_count, news_count = search.counts()
        pages = news = []
        if page_count:
            found = list(search.page_results()[:HITS_PER_KIND])
            pages = [_page_hit(page, language, reader, request) for page in found]
        if news_count:
            found = list(search.news_results()[:HITS_PER_KIND])
            news = [_news_hit(page, language, reader, request) for page in found]
        groups += [
            SiteGroup("pages", page_count, pages, language),
            SiteGroup("news", news_count, news, language),
        ]
    count, rows = _counted(case_types_matching(query, language), HITS_PER_KIND)
    groups.append(
        SiteGroup(
            "case_types", count, [_case_type_hit(row, language, reader) for row in rows], language
        )
    )
    count, rows = _counted(surveys_matching(query, language), HITS_PER_KIND)
    groups.append(
        SiteGroup("surveys", count, [survey_hit(row, language, reader) for row in rows], language)
    )
    return groups


def site_search(query: str, *, language: str, request=None) -> SiteSearch:
    """Every kind of the portal's content matching the query, a few hits and a count per kind.

    The number of queries does not depend on the data: at most one per kind and language (two
    for pages, whose kinds are counted together), plus the decisions' own search.
    """
    other = OTHER_LANGUAGE.get(language, "fi")
    locales = dict(
        Locale.objects.filter(language_code__in=[language, other]).values_list(
            "language_code", "pk"
        )
    )
    private = _private_pages()
    result = SiteSearch(query=query, language=language)
    groups = _language_groups(query, language, language, locales.get(language), private, request)
    if not any(group.count for group in groups):
        groups = _language_groups(query, other, language, locales.get(other), private, request)
        if any(group.count for group in groups):
            result.fallback_language = other
    groups.insert(3, _decision_group(query, language))
    result.groups = [group for group in groups if group.count]
    return result


def site_search_kind(query: str, *, kind: str, language: str):
    """The full, unpaginated list of one kind in `language`, and the function that turns one of
    its objects into a hit: hit(obj, language, reader, request)."""
    if kind in ("pages", "news"):
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            return WagtailPage.objects.none(), None
        search = _PageSearch(query, locale.pk, _private_pages())
        if kind == "news":
            return search.news_results(), _news_hit
        return search.page_results(), _page_hit
    if kind == "case_types":
        return case_types_matching(query, language), _case_type_hit
    return surveys_matching(query, language), survey_hit
