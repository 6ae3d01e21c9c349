"""Reads of the CMS that have a rule in them."""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from wagtail.models import Locale, PageViewRestriction
from wagtail.models import Page as WagtailPage

from cms import chrome
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


def translations_out_of_date() -> QuerySet:
    """Page translations (wagtail-localize) that no longer say what their source page says.

    A translation is out of date when its source page was published after the source was last
    synced into the translation editor, when that sync has not yet reached the published
    translation, or when texts of the synced source still wait for their translation. Each
    row carries `source_published_at` and `last_synced_at`; one query however many there are.
    """
    from wagtail.models import Page as WagtailPage
    from wagtail_localize.models import (
        StringSegment,
        StringTranslation,
        Translation,
        TranslationLog,
    )

    source_pages = WagtailPage.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
    )
    applied = TranslationLog.objects.filter(
        source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
    ).order_by("-created_at")
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    untranslated = StringSegment.objects.filter(source_id=OuterRef("source_id")).filter(
        ~Exists(translated)
    )
    return (
        Translation.objects.filter(Exists(source_pages), enabled=True)
        .annotate(
            source_published_at=Subquery(source_pages.values("last_published_at")[:1]),
            last_synced_at=F("source__last_updated_at"),
            last_applied_at=Subquery(applied.values("created_at")[:1]),
            has_untranslated=Exists(untranslated),
        )
        .filter(
            Q(source_published_at__gt=F("source__last_updated_at"))
            | Q(last_applied_at__isnull=True)
            | Q(last_applied_at__lt=F("source__last_updated_at"))
            | Q(has_untranslated=True)
        )
    )


def pages_with_translation_out_of_date(pages: QuerySet) -> QuerySet:
    """The translated pages among `pages` whose translation is out of date (see above)."""
    stale = translations_out_of_date().filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id")
    )
    return pages.filter(Exists(stale)).annotate(
        source_published_at=Subquery(stale.values("source_published_at")[:1]),
        last_synced_at=Subquery(stale.values("last_synced_at")[:1]),
        translation_source_id=Subquery(stale.values("source_id")[:1]),
    )


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


# Hits fetched for pages and news together, ranked by the search backend; each group shows the
# first HITS_PER_KIND of its own.
PAGE_HITS_FETCHED = 20


def _page_search(query: str, locale_id: int, private: Q):
    return WagtailPage.objects.live().filter(locale_id=locale_id).exclude(private).search(query)


def _page_groups(query: str, language: str, reader: str, locale_id: int, private: Q, request):
    """Pages and news of one language: counted per type in one query, hits in one more."""
    from cms.models import NewsPage

    news_type = ContentType.objects.get_for_model(NewsPage).pk
    by_type = _page_search(query, locale_id, private).facet("content_type_id")
    news_count = by_type.get(news_type, 0)
    page_count = sum(by_type.values()) - news_count
    pages, news = [], []
    if page_count or news_count:
        for page in _page_search(query, locale_id, private)[:PAGE_HITS_FETCHED]:
            found = news if page.content_type_id == news_type else pages
            if len(found) < HITS_PER_KIND:
                found.append(_page_hit(page, language, reader, request))
    return [
        SiteGroup("pages", page_count, pages, language),
        SiteGroup("news", news_count, news, language),
    ]


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


def _case_type_words(query: str, language: str) -> Q:
    return _all_words(query, [f"name_{language}", f"description_{language}"])


def case_types_matching(query: str, language: str, *, also: str = "") -> QuerySet:
    """Active case types whose name or description in `language` has every word of the query.

    With `also`, those matching in that language too, after the others (`in_reader` is 0).
    """
    from cases.models import CaseType

    types = CaseType.objects.filter(is_active=True)
    condition = _case_type_words(query, language)
    order = ("sort_order", f"name_{language}", "pk")
    if not also:
        return types.filter(condition).order_by(*order)
    return _with_other_language(types, condition, _case_type_words(query, also), order)


def _with_other_language(queryset: QuerySet, reader: Q, other: Q, order) -> QuerySet:
    return (
        queryset.filter(reader | other)
        .annotate(in_reader=Case(When(reader, then=Value(1)), default=Value(0)))
        .order_by("-in_reader", *order)
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


def _survey_words(query: str, language: str) -> Q:
    return _all_words(query, [f"title_{language}", f"intro_{language}"])


def surveys_matching(query: str, language: str, *, also: str = "", now=None) -> QuerySet:
    """Surveys the public may see whose title or introduction in `language` has every word;
    open ones first, then upcoming, then closed, newest first. With `also`, as
    case_types_matching()."""
    from participation.policies import surveys_visible_to

    now = now or timezone.now()
    surveys = (
        surveys_visible_to(None)
        .select_related(None)
        .annotate(
            state_order=Case(
                When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
                When(opens_at__gt=now, then=Value(1)),
                default=Value(2),
            )
        )
    )
    condition = _survey_words(query, language)
    order = ("state_order", "-opens_at", "pk")
    if not also:
        return surveys.filter(condition).order_by(*order)
    return _with_other_language(surveys, condition, _survey_words(query, also), order)


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


def _counted(queryset: QuerySet, limit: int) -> tuple[int, int, list, list]:
    """From a queryset of case_types_matching(also=…) shape: the number of rows matching in the
    reader's language and the first `limit` of them, and the same of the other language when
    the reader's has none; one query."""
    rows = list(
        queryset.annotate(per_language=Window(Count("pk"), partition_by=[F("in_reader")]))[:limit]
    )
    if rows and rows[0].in_reader:
        return rows[0].per_language, 0, rows, []
    return 0, (rows[0].per_language if rows else 0), [], rows


def _decision_group(query: str, reader: str) -> SiteGroup:
    from decisions.selectors import SearchFilters, decisions_search, search_hits

    rows = decisions_search(SearchFilters(q=query), language=reader)
    count = len(rows)
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


def _search_context() -> tuple[dict[str, int], list[tuple[str, int]]]:
    """Locale ids by language and the (path, depth) of view restrictions, cached like the menus
    (cms.chrome), so that the search spends its queries on the search."""

    def build():
        locales = dict(Locale.objects.values_list("language_code", "pk"))
        restricted = list(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        )
        return {"locales": locales, "restricted": restricted}

    context = chrome.cached_value("search-context", build)
    return context["locales"], [tuple(row) for row in context["restricted"]]


def _private(restricted: list[tuple[str, int]]) -> Q:
    private = Q()
    for path, depth in restricted:
        private |= Q(path__startswith=path, depth__gte=depth)
    # Nothing is private when no page is restricted.
    return private if private else Q(pk__in=[])


def site_search(query: str, *, language: str, request=None) -> SiteSearch:
    """Every kind of the portal's content matching the query, a few hits and a count per kind.

    The number of queries does not depend on the data: pages and news are counted in one query
    per language and their hits fetched in one; case types and surveys take one query each for
    both languages; decisions take the decisions app's search (a count, a page, its snippets).
    """
    other = OTHER_LANGUAGE.get(language, "fi")
    locales, restricted = _search_context()
    private = _private(restricted)
    result = SiteSearch(query=query, language=language)

    types_here, types_there, type_rows, other_type_rows = _counted(
        case_types_matching(query, language, also=other), HITS_PER_KIND
    )
    surveys_here, surveys_there, survey_rows, other_survey_rows = _counted(
        surveys_matching(query, language, also=other), HITS_PER_KIND
    )

    def groups_in(lang, page_groups, types, type_rows_, surveys, survey_rows_):
        return [
            _section_hits(query, lang, language),
            *page_groups,
            SiteGroup(
                "case_types",
                types,
                [_case_type_hit(row, lang, language) for row in type_rows_],
                lang,
            ),
            SiteGroup(
                "surveys", surveys, [survey_hit(row, lang, language) for row in survey_rows_], lang
            ),
        ]

    def pages_in(lang):
        if lang not in locales:
            return []
        return _page_groups(query, lang, language, locales[lang], private, request)

    groups = groups_in(
        language, pages_in(language), types_here, type_rows, surveys_here, survey_rows
    )
    if not any(group.count for group in groups):
        groups = groups_in(
            other, pages_in(other), types_there, other_type_rows, surveys_there, other_survey_rows
        )
        if any(group.count for group in groups):
            result.fallback_language = other
    groups.insert(3, _decision_group(query, language))
    result.groups = [group for group in groups if group.count]
    return result


def site_search_kind(query: str, *, kind: str, language: str):
    """The full, unpaginated list of one kind in `language`, and the function that turns one of
    its objects into a hit: hit(obj, language, reader, request)."""
    from cms.models import NewsPage

    if kind in ("pages", "news"):
        locales, restricted = _search_context()
        if language not in locales:
            return WagtailPage.objects.none(), _page_hit
        pages = WagtailPage.objects.live().filter(locale_id=locales[language])
        if kind == "news":
            pages = NewsPage.objects.live().filter(locale_id=locales[language])
            hit = _news_hit
        else:
            pages = pages.not_type(NewsPage)
            hit = _page_hit
        return pages.exclude(_private(restricted)).search(query), hit
    if kind == "case_types":
        return case_types_matching(query, language), _case_type_hit
    return surveys_matching(query, language), survey_hit
