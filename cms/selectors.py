"""Reads of the CMS that have a rule in them."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404
from wagtail.models import PageViewRestriction


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
